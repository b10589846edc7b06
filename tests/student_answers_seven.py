"""A seventh, blind population of student answers (same format as tests/student_answers_six.py), written by someone
who had seen neither the checks nor the batteries before it, frozen, then scored: 44 of 44 right answers accepted,
72 of 74 wrong ones rejected, 67 of the 74 named (before the fixes that followed)."""

from answer_format import battery

ANSWERS, _answer, _step = battery()

# =====================================================================================================
# check_discriminator_loss
# =====================================================================================================
_answer("seven-dl-r1", "check_discriminator_loss", "my_discriminator_loss", '''
criterion = nn.BCEWithLogitsLoss()

def my_discriminator_loss(real_logits, fake_logits):
    # PyTorch DCGAN tutorial style, with the logits version of BCELoss
    err_real = criterion(real_logits, torch.ones_like(real_logits))
    err_fake = criterion(fake_logits, torch.zeros_like(fake_logits))
    return err_real + err_fake
''', True)

_answer("seven-dl-r2", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log sigmoid(r) = softplus(-r);  -log(1 - sigmoid(f)) = softplus(f)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

_answer("seven-dl-r3", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # textbook: minimise -(E log D(x) + E log(1 - D(G(z)))), with log(1 - sigmoid(f)) = logsigmoid(-f)
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())
''', True)

_answer("seven-dl-r4", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # the stable formula from TensorFlow's sigmoid_cross_entropy_with_logits docs, written out by hand
    def bce(x, z):
        return (x.clamp(min=0) - x * z + torch.log1p(torch.exp(-x.abs()))).mean()
    return bce(real_logits, 1.0) + bce(fake_logits, 0.0)
''', True)

_answer("seven-dl-r5", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # textbook with explicit probabilities (numerically less stable but the same function for sane logits)
    d_real, d_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return -torch.log(d_real).mean() - torch.log(1 - d_fake).mean()
''', True)

# mistake: labels swapped (real against 0, fake against 1)
_answer("seven-dl-w1", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
''', False, words=("swapped",))

# mistake: sum over the batch instead of the mean
_answer("seven-dl-w2", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum"))
''', False, words=("sum", "mean"))

# mistake: F.binary_cross_entropy (for probabilities) applied to raw logits, no sigmoid -> raises on logits outside [0, 1]
_answer("seven-dl-w4", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=("with_logits",))

# mistake: returns the value function V (log D(x) + log(1 - D(G(z)))) that D maximises, i.e. minus the loss: wrong sign
_answer("seven-dl-w5", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()
''', False, words=("sign",))

# mistake: the fake term uses -log D(G(z)) (target 1) as in G's loss, so both terms push towards "real"
_answer("seven-dl-w6", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(-fake_logits).mean()
''', False, words=("target 1",))

# mistake: one BCE over the concatenated batch (Keras habit) = the mean of the two terms, half the course's loss
_answer("seven-dl-w7", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, words=("half",))

# mistake: least-squares (LSGAN) loss on the logits instead of the cross-entropy
_answer("seven-dl-w8", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return ((real_logits - 1) ** 2).mean() + (fake_logits ** 2).mean()
''', False, words=("LSGAN",))

# mistake: one-sided label smoothing (real target 0.9) slipped in from a "GAN hacks" list
_answer("seven-dl-w10", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=("0.9",))

# mistake: averages the logits first, then takes the BCE of the mean logit
_answer("seven-dl-w12", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    r, f = real_logits.mean(), fake_logits.mean()
    return (F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
            + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f)))
''', False, words=("averaged before",))

# =====================================================================================================
# check_generator_loss
# =====================================================================================================
_answer("seven-gl-r1", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # -log D(G(z)) written with logsigmoid
    return -F.logsigmoid(fake_logits).mean()
''', True)

_answer("seven-gl-r2", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # DCGAN tutorial: "fake labels are real for generator cost"
    label = torch.ones_like(fake_logits)
    return nn.BCEWithLogitsLoss()(fake_logits, label)
''', True)

_answer("seven-gl-r3", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

_answer("seven-gl-r4", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # BCELoss on probabilities, as in the tutorial's D with a Sigmoid at the end
    probs = torch.sigmoid(fake_logits)
    return F.binary_cross_entropy(probs, torch.ones_like(probs))
''', True)

# mistake: the saturating minimax loss, minimising log(1 - D(G(z)))
_answer("seven-gl-w1", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, words=("saturating",))

# mistake: target 0 for the fakes (G trained to be recognised as fake)
_answer("seven-gl-w2", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=("target 0",))

# mistake: minus the right loss (maximises -log D(G(z)))
_answer("seven-gl-w3", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', False, words=("sign",))

# mistake: maximises D(G(z)) itself (the probability), not its log
_answer("seven-gl-w5", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -torch.sigmoid(fake_logits).mean()
''', False, words=("probability", "log is missing"))

# mistake: no reduction, returns one loss per sample
_answer("seven-gl-w7", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="none")
''', False, words=("one number",))

# =====================================================================================================
# check_train_step, unconditional
# =====================================================================================================
_step("seven-st-r1", "my_train_step", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))

def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # PyTorch DCGAN tutorial, adapted to logits: separate backward for real and fake, D not frozen
    # (its stray gradients from errG are cleared by opt_d.zero_grad() at the start of the next D update)
    criterion = nn.BCEWithLogitsLoss()
    b_size = x.size(0)
    opt_d.zero_grad()
    label = torch.full((b_size,), 1.0, dtype=torch.float, device=x.device)
    output = D(x, y).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()
    noise = torch.randn(b_size, G.latent_dim, device=x.device)
    fake = G(noise, y)
    label.fill_(0.0)
    output_fake = D(fake.detach(), y).view(-1)
    errD_fake = criterion(output_fake, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output_fake).mean()
    errD = errD_real + errD_fake
    opt_d.step()

    opt_g.zero_grad()
    label.fill_(1.0)
    output = D(fake, y).view(-1)
    errG = criterion(output, label)
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
''', True, setting="unconditional")

_step("seven-st-r2", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # Goodfellow et al. Algorithm 1: fresh noise for G's update; D frozen by hand
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    with torch.no_grad():
        fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    z2 = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    loss_g = generator_loss(D(G(z2, y), y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=real_logits.sigmoid().mean().detach(), d_fake=fake_logits.sigmoid().mean().detach())
''', True, setting="unconditional")

_step("seven-st-r3", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # unconditional, so the student leaves y out of the calls entirely; zeroes both optimisers at the top once:
    # D's backward sees fake.detach(), so G has no gradient yet when G's backward runs
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    with torch.no_grad():
        d_real, d_fake = torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True, setting="unconditional")

_step("seven-st-r4", "my_train_step", '''
from ganlib.step import frozen

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # uses the course's own `frozen` context manager and set_to_none zeroing on the modules
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    D.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    G.zero_grad(set_to_none=True)
    with frozen(D):
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    out = {"loss_d": loss_d, "loss_g": loss_g, "d_real": torch.sigmoid(real_logits).mean(),
           "d_fake": torch.sigmoid(fake_logits).mean()}
    return {k: v.detach() for k, v in out.items()}
''', True, setting="unconditional")

_step("seven-st-r5", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # fake made once under no_grad for D, then G runs again on the SAME noise for its own update
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    with torch.no_grad():
        fake_for_d = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake_for_d, y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = F.softplus(-D(G(z, y), y)).mean()
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="unconditional")

_step("seven-st-r6", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # retain_graph style: no detach, but G's gradients are zeroed AFTER D's backward and before G's
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# mistake: no .detach() on the fakes in D's update and the same fakes reused for G -> backward through a freed graph
_step("seven-st-w1", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), setting="unconditional")

# mistake: no detach + retain_graph, and G's gradients zeroed only at the top: D's loss gradient leaks into G's update
_step("seven-st-w2", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_g.zero_grad()
    opt_d.zero_grad()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), setting="unconditional")

# mistake: opt_g.zero_grad() never called: G's gradients accumulate from step to step
_step("seven-st-w3", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("never zeroed",), setting="unconditional")

# mistake: opt_d.zero_grad() placed between backward() and step(): D steps on zero gradients
_step("seven-st-w4", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.zero_grad()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",), setting="unconditional")

# mistake: G updated first, against the old D; D updated afterwards (order of the players swapped)
_step("seven-st-w5", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("before D",), setting="unconditional")

# mistake: G's loss reuses the fake logits computed before D's update (stale D); needs retain_graph, and the
# optimiser's in-place update of D's weights then breaks the backward (or would give the old D's judgement)
_step("seven-st-w6", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("before opt_d.step()",), setting="unconditional")

# mistake: detaches the fakes in G's update too, so G gets no gradient and never moves
_step("seven-st-w7", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y).detach()
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("no gradient reached G",), setting="unconditional")

# mistake: d_real / d_fake reported as mean logits, not probabilities
_step("seven-st-w8", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, words=("mean logit",), setting="unconditional")

# mistake: arguments of discriminator_loss swapped (fake logits passed as the real ones): D learns backwards
_step("seven-st-w9", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(fake_logits, real_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("swapped",), setting="unconditional")

# mistake: DCGAN-tutorial noise shape (batch, latent_dim, 1, 1): the course's G wants (batch, latent_dim)
_step("seven-st-w10", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    noise = torch.randn(x.size(0), G.latent_dim, 1, 1, device=x.device)
    fake = G(noise, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("1, 1)", "(batch, G.latent_dim)"), setting="unconditional")

# mistake: D stepped twice, once after the real half and once after the fake half (tutorial misread)
_step("seven-st-w12", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    err_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    err_real.backward()
    opt_d.step()
    fake_logits = D(fake.detach(), y)
    err_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    err_fake.backward()
    opt_d.step()
    loss_d = err_real + err_fake

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("2 times",), setting="unconditional")

# mistake: D frozen with requires_grad_(False) for G's update but never switched back on: from the 2nd step on D can't learn
_step("seven-st-w16", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("frozen",), setting="unconditional")

# =====================================================================================================
# check_train_step, conditional
# =====================================================================================================
_step("seven-cs-r1", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    # keyword arguments, D frozen with a loop over its parameters
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y=y)
    opt_d.zero_grad()
    real_logits = D(x, y=y)
    fake_logits = D(fake.detach(), y=y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y=y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

_step("seven-cs-r2", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    # fresh noise (same labels) for G's update, tutorial-style separate backward calls for D
    n = len(x)
    fake = G(torch.randn(n, G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    err_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    err_real.backward()
    fake_logits = D(fake.detach(), y)
    err_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    err_fake.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    fresh = G(torch.randn(n, G.latent_dim, device=x.device), y)
    loss_g = F.binary_cross_entropy_with_logits(D(fresh, y), torch.ones(n, device=x.device))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

_step("seven-cs-r3", "my_conditional_step", '''
from ganlib.step import frozen

def my_conditional_step(G, D, opt_g, opt_d, x, y):
    # probabilities via F.sigmoid and torch.mean, zero_grad(set_to_none=False)
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad(set_to_none=False)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=False)
    with frozen(D):
        loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.mean(F.sigmoid(real_logits.detach())), "d_fake": torch.mean(F.sigmoid(fake_logits.detach()))}
''', True, setting="conditional")

# mistake: the fakes are judged by D without their labels in D's update (D(fake.detach()))
_step("seven-cs-w1", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("labels",), setting="conditional")

# mistake: fakes made for random labels but judged by D with the real batch's labels y (label mismatch)
_step("seven-cs-w2", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y_fake = torch.randint(0, G.n_classes, (len(x),), device=x.device)
    fake = G(z, y_fake)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("other labels",), setting="conditional")

# mistake: labels converted to float "to be safe": the embedding needs integer (long) labels
_step("seven-cs-w3", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y = y.float()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("int64",), setting="conditional")

# mistake: G's loss reuses D's logits of the detached fakes from D's update: no gradient reaches G (and D is stale)
_step("seven-cs-w4", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("before opt_d.step()",), setting="conditional")

# mistake: d_real / d_fake as the sigmoid of the mean logit, not the mean probability
_step("seven-cs-w5", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.mean()).detach(), "d_fake": torch.sigmoid(fake_logits.mean()).detach()}
''', False, words=("sigmoid of the mean logit",), setting="conditional")

# =====================================================================================================
# check_train_step, R1 (r1_gamma=4.0)
# =====================================================================================================
_step("seven-r1-r1", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    # the course's r1_penalty helper
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d + (r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0)
    total.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

_step("seven-r1-r2", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    # grad_outputs=ones instead of .sum(); squared L2 norm per image via .norm(2, dim=1) ** 2
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    x_in = x.clone().requires_grad_(True) if r1_gamma > 0 else x
    real_logits = D(x_in, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma > 0:
        gradients = torch.autograd.grad(outputs=real_logits, inputs=x_in,
                                        grad_outputs=torch.ones_like(real_logits), create_graph=True)[0]
        penalty = gradients.view(gradients.size(0), -1).norm(2, dim=1).pow(2).mean()
        loss = loss + 0.5 * r1_gamma * penalty
    loss.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

_step("seven-r1-r3", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    # two backward calls: the GAN loss (retain_graph) and then the penalty, accumulated before one opt_d.step()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        r1 = (r1_gamma / 2) * (grad ** 2).sum(dim=[1, 2, 3]).mean()
        loss_d.backward(retain_graph=True)
        r1.backward()
    else:
        loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

_step("seven-r1-r4", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    # einsum for the per-image squared norm; the real images made leaf tensors with requires_grad_() on a detached copy
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real = x.detach()
    if r1_gamma:
        real.requires_grad_()
    real_logits, fake_logits = D(real, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    reg = 0.0
    if r1_gamma:
        g = torch.autograd.grad(real_logits.sum(), real, create_graph=True)[0].flatten(1)
        reg = r1_gamma * 0.5 * torch.einsum("bi,bi->b", g, g).mean()
    (loss_d + reg).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# mistake: no create_graph=True: the slope is a constant to D, so the penalty changes nothing in D's update
_step("seven-r1-w1", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        penalty = r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("create_graph",), setting="r1")

# mistake: penalty taken at the fake images instead of the real ones
_step("seven-r1-w2", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(bool(r1_gamma))
    real_logits, fake_logits = D(x, y), D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), fake_in, create_graph=True)
        penalty = r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("fakes",), setting="r1")

# mistake: weight r1_gamma instead of r1_gamma / 2
_step("seven-r1-w3", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("r1_gamma / 2",), setting="r1")

# mistake: the norm of the slope, not its square (WGAN-GP habit)
_step("seven-r1-w4", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = r1_gamma / 2 * grad.flatten(1).norm(2, dim=1).mean()
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("square",), setting="r1")

# mistake: mean over the pixels as well (grad.pow(2).mean()) instead of summing each image's pixels
_step("seven-r1-w5", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = r1_gamma / 2 * grad.pow(2).mean()
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("pixels",), setting="r1")

# mistake: the reported loss_d includes the penalty
_step("seven-r1-w6", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss_d = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("includes the R1 penalty",), setting="r1")

# mistake: requires_grad_ switched on only after D has already seen x: autograd.grad finds x not in the graph
_step("seven-r1-w7", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        x.requires_grad_(True)
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("require grad",), setting="r1")

# mistake: accepts r1_gamma but never adds any penalty (notebook 01's step pasted with the new signature)
_step("seven-r1-w10", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("no R1 penalty",), setting="r1")

# =====================================================================================================
# check_train_step, class loss (class_weight=1.0)
# =====================================================================================================
_step("seven-cl-r1", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    # F.cross_entropy written out instead of class_loss; classify=True only when needed
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        extra = class_weight * F.cross_entropy(class_logits, y)
    else:
        real_logits, extra = D(x, y), 0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + extra).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        g_logits, g_class = D(fake, y, classify=True)
        g_extra = class_weight * F.cross_entropy(g_class, y)
    else:
        g_logits, g_extra = D(fake, y), 0
    loss_g = generator_loss(g_logits)
    (loss_g + g_extra).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

_step("seven-cl-r2", "my_step", '''
ce = nn.CrossEntropyLoss()

def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    # always asks for the class logits (the nets are conditional with projection), weights them by class_weight
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    d_total = loss_d + class_weight * ce(class_logits, y)
    d_total.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    logits, fake_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * ce(fake_class_logits, y)).backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

_step("seven-cl-r3", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    # separate backward calls for the GAN and class terms in both updates (gradients accumulate)
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
    else:
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if class_weight:
        loss_d.backward(retain_graph=True)
        (class_weight * class_loss(class_logits, y)).backward()
    else:
        loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, cls = D(fake, y, classify=True)
        loss_g = generator_loss(logits)
        (loss_g + class_weight * class_loss(cls, y)).backward()
    else:
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# mistake: AC-GAN proper: D's class loss also on the fakes (the course's D learns the classes from real images only)
_step("seven-cl-w1", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits, fake_cls = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    naming = class_weight * (class_loss(real_cls, y) + class_loss(fake_cls, y))
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, cls = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("includes the fakes",), setting="class")

# mistake: class loss only in D's update; G's update has no class term
_step("seven-cl-w2", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(cls, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("no class loss",), setting="class")

# mistake: class loss only in G's update; D never learns to name the classes
_step("seven-cl-w3", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, cls = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("no class loss",), setting="class")

# mistake: reported loss_d and loss_g include the class terms
_step("seven-cl-w4", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(cls, y)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits) + class_weight * class_loss(cls_g, y)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("includes the class loss",), setting="class")

# mistake: G's class term subtracted (G tries to make D misname the class)
_step("seven-cl-w5", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(cls, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g - class_weight * class_loss(cls_g, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("subtracted",), setting="class")

# mistake: unpacks classify=True's pair in the wrong order (class logits first, then the real/fake logit)
_step("seven-cl-w6", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    cls, real_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(cls, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    cls_g, logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(cls_g, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("(logits, class_logits)", "order"), setting="class")

# mistake: G's class target is D's own guess (argmax of the class logits), not the label G was asked for
_step("seven-cl-w7", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(cls, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(cls_g, cls_g.argmax(1))).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("argmax", "asked for"), setting="class")

# =====================================================================================================
# check_conditional_net
# =====================================================================================================
_answer("seven-cn-r1", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        # cat along the last dim, reshape with z.size(0)
        e = self.label_embedding(y)
        out = self.net(torch.cat((z, e), -1))
        return out.reshape(z.size(0), *self.image_shape)
''', True)

_answer("seven-cn-r2", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y=None):
        # hstack and view(-1, C, H, W)
        h = torch.hstack([z, self.label_embedding(y)])
        return self.net(h).view(-1, *self.image_shape)
''', True)

_answer("seven-cn-r3", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        # einsum for the inner product, view(-1) for the squeeze
        h = self.features(x.reshape(x.shape[0], -1))
        return self.out(h).view(-1) + torch.einsum("bd,bd->b", self.label_embedding(y), h)
''', True)

_answer("seven-cn-r4", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y=None):
        # batched matrix product for the inner product
        h = self.features(torch.flatten(x, start_dim=1))
        e = self.label_embedding(y)
        proj = torch.bmm(e.unsqueeze(1), h.unsqueeze(2)).squeeze(-1).squeeze(-1)
        return self.out(h).squeeze(-1) + proj
''', True)

# mistake: label embedding concatenated BEFORE the noise ([e_y; z]): the first layer's weights read the wrong inputs
_answer("seven-cn-w1", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=("before the noise",))

# mistake: forgot to reshape the flat output to images
_answer("seven-cn-w2", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        return self.net(torch.cat([z, self.label_embedding(y)], dim=1))
''', False, words=("reshape",))

# mistake: projection term only, psi(phi(x)) left out
_answer("seven-cn-w4", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return (self.label_embedding(y) * h).sum(1)
''', False, words=("only the inner product",))

# mistake: out(h) not squeezed: (B, 1) + (B,) broadcasts to a (B, B) matrix
_answer("seven-cn-w5", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=("squeeze",))

# mistake: returns a probability (sigmoid) instead of a logit
_answer("seven-cn-w6", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return torch.sigmoid(self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1))
''', False, words=("sigmoid",))

# =====================================================================================================
# check_block_shapes
# =====================================================================================================
_answer("seven-bs-r1", "check_block_shapes", "my_up_block", '''
from collections import OrderedDict

def my_up_block(c_in, c_out):
    # named layers, keyword arguments, ReLU not in place
    return nn.Sequential(OrderedDict([
        ("deconv", nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False)),
        ("bn", nn.BatchNorm2d(num_features=c_out)),
        ("relu", nn.ReLU()),
    ]))
''', True, args={"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)})

_answer("seven-bs-r2", "check_block_shapes", "my_up_block", '''
my_up_block = lambda c_in, c_out: nn.Sequential(
    nn.ConvTranspose2d(c_in, c_out, (4, 4), (2, 2), (1, 1), bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))
''', True, args={"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)})

_answer("seven-bs-r3", "check_block_shapes", "my_first_layer", '''
# DCGAN tutorial writes every conv of D with bias=False
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False)
''', True, args={"input_shape": (2, 3, 64, 64), "expected": (2, 16, 32, 32)})

_answer("seven-bs-r4", "check_block_shapes", "my_first_layer", '''
# a lazy conv infers its 3 input channels on the first call
my_first_layer = nn.LazyConv2d(16, kernel_size=4, stride=2, padding=1)
''', True, args={"input_shape": (2, 3, 64, 64), "expected": (2, 16, 32, 32)})

# mistake: kernel 3 instead of 4 -> 13x13 instead of 14x14
_answer("seven-bs-w1", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 3, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=("kernel_size 3",), args={"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)})

# mistake: nn.Conv2d (which halves the map) instead of nn.ConvTranspose2d
_answer("seven-bs-w2", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=("ConvTranspose2d",), args={"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)})

# mistake: BatchNorm2d(c_in) instead of BatchNorm2d(c_out) -> channel mismatch at run time
_answer("seven-bs-w3", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_in), nn.ReLU(True))
''', False, words=("BatchNorm",), args={"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)})

# mistake: layers in the wrong order (ReLU before batch norm) -- shapes fine, block not as asked
_answer("seven-bs-w4", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(True), nn.BatchNorm2d(c_out))
''', False, words=("order",), args={"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)})

# mistake: stride 1 -> 63x63 instead of 32x32
_answer("seven-bs-w5", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 1, 1)
''', False, words=("stride 1", "stride 2"), args={"input_shape": (2, 3, 64, 64), "expected": (2, 16, 32, 32)})

# mistake: batch norm in D's first layer (the notebook says none there)
_answer("seven-bs-w7", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
''', False, words=("BatchNorm",), args={"input_shape": (2, 3, 64, 64), "expected": (2, 16, 32, 32)})

# =====================================================================================================
# check_slerp
# =====================================================================================================
_answer("seven-sl-r1", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    # cosine_similarity for the angle, t[:, None] for the column
    omega = torch.acos(F.cosine_similarity(z0, z1, dim=0).clamp(-1, 1))
    so = torch.sin(omega)
    t = t[:, None]
    return torch.sin((1.0 - t) * omega) / so * z0 + torch.sin(t * omega) / so * z1
''', True)

_answer("seven-sl-r2", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    # one row per t with a Python loop and torch.stack (Tom White's numpy slerp, in torch)
    low_norm, high_norm = z0 / torch.norm(z0), z1 / torch.norm(z1)
    omega = torch.acos(torch.clamp(torch.sum(low_norm * high_norm), -1.0, 1.0))
    so = torch.sin(omega)
    rows = [torch.sin((1.0 - val) * omega) / so * z0 + torch.sin(val * omega) / so * z1 for val in t]
    return torch.stack(rows)
''', True)

_answer("seven-sl-r3", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    # outer products of the two weight columns with the end points
    omega = torch.arccos(torch.clamp(z0 @ z1 / (z0.norm() * z1.norm()), -1, 1))
    a = torch.sin((1 - t) * omega) / torch.sin(omega)
    b = torch.sin(t * omega) / torch.sin(omega)
    return torch.outer(a, z0) + torch.outer(b, z1)
''', True)

# mistake: straight-line interpolation (lerp), not the great circle
_answer("seven-sl-w1", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=("straight",))

# mistake: angle from the raw dot product, without dividing by the lengths (arccos of ~±10 -> NaN)
_answer("seven-sl-w2", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0, z1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, words=("NaN",))

# mistake: the two weights swapped: the path starts at z1 and ends at z0
_answer("seven-sl-w3", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, words=("swapped",))

# mistake: interpolates the unit vectors, so every point has length 1 instead of ~|z0|..|z1|
_answer("seven-sl-w4", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.arccos(torch.dot(u0, u1).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * u0 + torch.sin(t * omega) * u1) / torch.sin(omega)
''', False, words=("length 1",))

# mistake: t not turned into a column: (T,) * (D,) broadcasting fails (or mixes rows with coordinates)
_answer("seven-sl-w5", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, words=("t[:, None]", "column"))

# =====================================================================================================
# check_frechet_distance
# =====================================================================================================
_answer("seven-fd-r1", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    # pytorch-fid's calculate_frechet_distance, trimmed
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean)
''', True)

_answer("seven-fd-r2", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    # symmetric form: Tr (S1 S2)^1/2 = Tr (S1^1/2 S2 S1^1/2)^1/2
    s1_half = np.real(linalg.sqrtm(sigma1))
    middle = np.real(linalg.sqrtm(s1_half @ sigma2 @ s1_half))
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(middle))
''', True)

_answer("seven-fd-r3", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    # Tr (S1 S2)^1/2 = sum of the square roots of the eigenvalues of S1 S2 (real, >= 0)
    eig = np.linalg.eigvals(sigma1 @ sigma2).real.clip(min=0)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1 + sigma2) - 2 * np.sqrt(eig).sum())
''', True)

# mistake: forgot the factor 2 on the cross term
_answer("seven-fd-w1", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
''', False, words=("factor 2",))

# mistake: element-wise square root instead of the matrix square root
_answer("seven-fd-w2", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(sigma1 @ sigma2)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("element-wise",))

# mistake: distance of the means not squared
_answer("seven-fd-w3", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("squared",))

# mistake: product of the two square roots sqrt(S1) sqrt(S2) instead of the square root of the product
_answer("seven-fd-w4", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("product of two square roots",))

# =====================================================================================================
# check_answer
# =====================================================================================================
_answer("seven-ans-r1", "check_answer", "loss_d_at_indifference",
        "loss_d_at_indifference = -2 * math.log(0.5)", True, args={"answer_name": "loss_d_at_indifference"})
_answer("seven-ans-r2", "check_answer", "value_at_the_optimum",
        "value_at_the_optimum = np.log(0.5) + np.log(0.5)", True, args={"answer_name": "value_at_the_optimum"})
_answer("seven-ans-r3", "check_answer", "length_of_straight_midpoint",
        "length_of_straight_midpoint = 10 / math.sqrt(2)", True, args={"answer_name": "length_of_straight_midpoint"})
_answer("seven-ans-r4", "check_answer", "kl_for_one_class_of_ten",
        "kl_for_one_class_of_ten = torch.log(torch.tensor(10.0))  # a 0-d tensor", True,
        args={"answer_name": "kl_for_one_class_of_ten"})
_answer("seven-ans-r5", "check_answer", "dcgan_28_receptive_field",
        "dcgan_28_receptive_field = 4 + (4 - 1) * 2", True, args={"answer_name": "dcgan_28_receptive_field"})
# mistake: only one of the two cross-entropy terms: ln 2 instead of 2 ln 2
_answer("seven-ans-w1", "check_answer", "loss_d_at_indifference",
        "loss_d_at_indifference = math.log(2)", False, words=("half",), args={"answer_name": "loss_d_at_indifference"})
# mistake: sign: log 4 instead of -log 4
_answer("seven-ans-w2", "check_answer", "value_at_the_optimum",
        "value_at_the_optimum = math.log(4)", False, words=("sign",), args={"answer_name": "value_at_the_optimum"})
# mistake: log base 2 (bits) instead of the natural log
_answer("seven-ans-w3", "check_answer", "kl_for_one_class_of_ten",
        "kl_for_one_class_of_ten = math.log2(10)", False, words=("base 2",), args={"answer_name": "kl_for_one_class_of_ten"})
# mistake: log base 10: -log10(1/10) = 1
_answer("seven-ans-w4", "check_answer", "class_loss_at_chance",
        "class_loss_at_chance = -math.log10(1 / 10)", False, words=("base 10",), args={"answer_name": "class_loss_at_chance"})
# mistake: midpoint taken as half the length (5) instead of 10 / sqrt(2)
_answer("seven-ans-w5", "check_answer", "length_of_straight_midpoint",
        "length_of_straight_midpoint = 10 / 2", False, words=("half as long",), args={"answer_name": "length_of_straight_midpoint"})
# mistake: one 28x28 map only (forgot the 10 classes)
_answer("seven-ans-w7", "check_answer", "label_channel_weights",
        "label_channel_weights = 28 * 28", False, words=("one map",), args={"answer_name": "label_channel_weights"})
# mistake: the ratio 64 / 4 = 16 instead of the number of doublings
_answer("seven-ans-w9", "check_answer", "upsamplings_for_64",
        "upsamplings_for_64 = 64 // 4", False, words=("doublings",), args={"answer_name": "upsamplings_for_64"})
# mistake: a string "0.5" instead of a number
_answer("seven-ans-w10", "check_answer", "optimal_d_when_pg_equals_pdata",
        'optimal_d_when_pg_equals_pdata = "0.5"', False, words=("text",), args={"answer_name": "optimal_d_when_pg_equals_pdata"})