"""A sixth, blind population of student answers (same format as tests/student_answers_three.py), written by someone who
had seen neither the checks nor the batteries before it, frozen, then scored: 42 of 42 right answers accepted, 61 of
69 wrong ones rejected, 56 of the 69 named (before the fixes that followed). Four answers are labelled as the course
decided after scoring; each says why where it is written."""

from answer_format import battery

ANSWERS, _answer, _step = battery()

# ----------------------------------------------------------------------------------------------------------
# Losses (notebooks 00, 01): my_discriminator_loss(real_logits, fake_logits), my_generator_loss(fake_logits)
# ----------------------------------------------------------------------------------------------------------
DL = "check_discriminator_loss"
GL = "check_generator_loss"

_answer("six-dl-r1", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log sigmoid(r) = softplus(-r);  -log(1 - sigmoid(f)) = softplus(f)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

_answer("six-dl-r2", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    log_d_real = F.logsigmoid(real_logits)          # log D(x)
    log_one_minus_d_fake = F.logsigmoid(-fake_logits)  # log(1 - D(G(z)))
    return -(log_d_real.mean() + log_one_minus_d_fake.mean())
''', True)

_answer("six-dl-r3", DL, "my_discriminator_loss", '''
bce = nn.BCEWithLogitsLoss()

def my_discriminator_loss(real_logits, fake_logits):
    real_loss = bce(real_logits, real_logits.new_ones(real_logits.shape))
    fake_loss = bce(fake_logits, fake_logits.new_zeros(fake_logits.shape))
    return real_loss + fake_loss
''', True)

_answer("six-dl-r4", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # a real image should be called real (1) and a fake one fake; -log(1 - sigmoid(f)) = -log sigmoid(-f)
    real_targets = torch.full_like(real_logits, 1.0)
    fake_as_real = F.binary_cross_entropy_with_logits(-fake_logits, torch.ones_like(fake_logits))
    return F.binary_cross_entropy_with_logits(real_logits, real_targets, reduction="mean") + fake_as_real
''', True)

_answer("six-dl-r5", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    losses = []
    for logits, target in ((real_logits, 1.0), (fake_logits, 0.0)):
        labels = torch.full(logits.shape, target, dtype=logits.dtype, device=logits.device)
        losses.append(F.binary_cross_entropy_with_logits(logits, labels))
    return sum(losses)
''', True)

_answer("six-dl-w1", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real + fake
''', False, words=("swapped",))

_answer("six-dl-w2", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # one BCE over the whole batch of real and fake logits
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, words=("half",))

_answer("six-dl-w3", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum")
    return real + fake
''', False, words=("mean",))

_answer("six-dl-w4", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # one-sided label smoothing (Salimans et al.) makes D less overconfident
    real = F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=("0.9",))

_answer("six-dl-w5", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # average D's opinion over the batch, then score it
    real = real_logits.mean()
    fake = fake_logits.mean()
    return (F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
            + F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake)))
''', False, words=("mean",))

_answer("six-dl-w6", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
''', True)  # decided: the textbook formula is right; the check adds a note on its overflow at logit 100

_answer("six-dl-w7", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=("with_logits",), student_bug=True)

_answer("six-gl-r1", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()   # -log sigmoid(f)
''', True)

_answer("six-gl-r2", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # non-saturating: maximise log D(G(z))
    return -F.logsigmoid(fake_logits).mean()
''', True)

_answer("six-gl-r3", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # BCE(f, 1) = softplus(-f) = BCE(-f, 0)
    return F.binary_cross_entropy_with_logits(-fake_logits, torch.zeros_like(fake_logits))
''', True)

_answer("six-gl-r4", GL, "my_generator_loss", '''
criterion = nn.BCEWithLogitsLoss()

def my_generator_loss(fake_logits):
    label = torch.ones(fake_logits.shape, dtype=fake_logits.dtype, device=fake_logits.device)
    return criterion(fake_logits, label)
''', True)

_answer("six-gl-w1", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z))), the generator's term of the value function
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=("saturating",))

_answer("six-gl-w2", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=("1",))

_answer("six-gl-w3", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # G maximises log D(G(z))
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', False, words=("sign",))

_answer("six-gl-w4", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # push D's score of the fakes up
    return -fake_logits.mean()
''', False, words=("Wasserstein",))

_answer("six-gl-w5", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    d_fake = torch.sigmoid(fake_logits)  # D(G(z))
    return F.binary_cross_entropy_with_logits(d_fake, torch.ones_like(d_fake))
''', False, words=("sigmoid",))

# ----------------------------------------------------------------------------------------------------------
# Notebook 01: my_train_step(G, D, opt_g, opt_d, x, y=None)
# ----------------------------------------------------------------------------------------------------------
L01 = '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))

'''

# right: PyTorch-DCGAN-tutorial style, D not frozen (its grads are zeroed before its own update)
_step("six-s-r1", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b_size = x.size(0)
    noise = torch.randn(b_size, G.latent_dim, device=x.device)
    fake = G(noise, y)

    # (1) Update D
    D.zero_grad()
    out_real = D(x, y)
    out_fake = D(fake.detach(), y)
    errD = my_discriminator_loss(out_real, out_fake)
    errD.backward()
    opt_d.step()

    # (2) Update G: D's grads get filled here, but D.zero_grad() clears them before D's next update
    G.zero_grad()
    output = D(fake, y)
    errG = my_generator_loss(output)
    errG.backward()
    opt_g.step()

    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": out_real.sigmoid().mean().detach(), "d_fake": out_fake.sigmoid().mean().detach()}
''', True)

_step("six-s-r2", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad(set_to_none=True)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True

    with torch.no_grad():
        d_real = torch.sigmoid(real_logits).mean()
        d_fake = torch.sigmoid(fake_logits).mean()
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=d_real, d_fake=d_fake)
''', True)

# right: one D call on the real and fake images together (the MLP D has no batch norm)
_step("six-s-r3", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = len(x)
    z = torch.randn(n, G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    both_y = None if y is None else torch.cat([y, y])
    logits = D(torch.cat([x, fake.detach()]), both_y)
    real_logits, fake_logits = logits[:n], logits[n:]
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True)

# right: both optimisers zeroed at the start, D(x) judged before the noise is drawn
_step("six-s-r4", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()

    real_logits = D(x, y)
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)

    d_real = torch.sigmoid(real_logits).mean().detach()
    d_fake = torch.sigmoid(fake_logits).mean().detach()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True)

_step("six-s-r5", "my_train_step", L01 + '''
import contextlib


@contextlib.contextmanager
def frozen_weights(net):
    net.requires_grad_(False)
    try:
        yield net
    finally:
        net.requires_grad_(True)


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = x.size(0)
    fake = G(torch.randn(n, G.latent_dim, device=x.device), y)

    D.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    G.zero_grad()
    with frozen_weights(D):
        loss_g = my_generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.sigmoid().mean().detach()}
''', True)

# right: helper functions, extra harmless zero_grads after each update, clones of the numbers
_step("six-s-r6", "my_train_step", L01 + '''
def update_discriminator(D, opt_d, x, fake, y):
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss = my_discriminator_loss(real_logits, fake_logits)
    loss.backward()
    opt_d.step()
    opt_d.zero_grad()  # tidy up
    return loss, real_logits, fake_logits


def update_generator(D, opt_g, fake, y):
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss = my_generator_loss(D(fake, y))
    loss.backward()
    opt_g.step()
    D.requires_grad_(True)
    opt_g.zero_grad()  # tidy up
    return loss


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn((len(x), G.latent_dim), device=x.device)
    fake = G(z, y)
    loss_d, real_logits, fake_logits = update_discriminator(D, opt_d, x, fake, y)
    loss_g = update_generator(D, opt_g, fake, y)
    return {"loss_d": loss_d.detach().clone(), "loss_g": loss_g.detach().clone(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True)

# wrong: fake not detached for D -> G's graph is freed by D's backward, G's backward crashes
_step("six-s-w1", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), student_bug=True)

# wrong: not detached, retain_graph "fixes" the crash, G's grads from D's loss leak into G's update
_step("six-s-w2", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()

    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",))

# wrong: D's gradients never zeroed: they pile up over the steps
_step("six-s-w3", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",))

# wrong: G's gradients never zeroed
_step("six-s-w4", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",))

# wrong: zero_grad after each step() instead of before backward, D not frozen -> G's loss leaks into D's next update
_step("six-s-w5", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_d.zero_grad()

    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    opt_g.zero_grad()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",))

# wrong: zero_grad between backward and step: D never learns
_step("six-s-w6", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.zero_grad()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",))

# wrong: G updated before D
_step("six-s-w7", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("first",))

# wrong: G learns from a second, fresh batch of fakes instead of the ones D just judged
_step("six-s-w8", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y).detach()

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    loss_g = my_generator_loss(D(G(z, y), y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)  # decided: fresh noise for G's update is Goodfellow et al.'s Algorithm 1 (notebook 01 now says so)

# wrong: d_real and d_fake are mean logits, not probabilities
_step("six-s-w9", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, words=("sigmoid",))

# wrong: returns Python floats (.item()) instead of detached tensors
_step("six-s-w10", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.item(), "loss_g": loss_g.item(),
            "d_real": torch.sigmoid(real_logits).mean().item(), "d_fake": torch.sigmoid(fake_logits).mean().item()}
''', False, words=("tensor",))

# wrong: returned tensors still attached to the graph
_step("six-s-w11", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d, "loss_g": loss_g,
            "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
''', False, words=("detach",))

# wrong: two D updates per step (Goodfellow's k = 2)
_step("six-s-w12", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None, k=2):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    for _ in range(k):  # k discriminator steps per generator step, as in Algorithm 1
        opt_d.zero_grad()
        real_logits, fake_logits = D(x, y), D(fake.detach(), y)
        loss_d = my_discriminator_loss(real_logits, fake_logits)
        loss_d.backward()
        opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("once",))

# wrong: probabilities (sigmoid) passed to the losses that expect logits
_step("six-s-w13", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    d_real = torch.sigmoid(D(x, y))
    d_fake = torch.sigmoid(D(fake.detach(), y))
    loss_d = my_discriminator_loss(d_real, d_fake)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(torch.sigmoid(D(fake, y)))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": d_real.mean().detach(), "d_fake": d_fake.mean().detach()}
''', False, words=("logit",))

# wrong: copy-paste slip: D's update calls opt_g.step() (D never moves; from step 2 G's weights change under its own graph: crash)
_step("six-s-w14", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_g.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("opt_d",), student_bug=True)

# wrong: G's loss is minus D's loss (the minimax, saturating form)
_step("six-s-w15", "my_train_step", L01 + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = -my_discriminator_loss(D(x, y), D(fake, y))  # G plays against D: min over G of max over D
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("saturating",))

# ----------------------------------------------------------------------------------------------------------
# Notebook 02: my_conditional_step(G, D, opt_g, opt_d, x, y)
# ----------------------------------------------------------------------------------------------------------
_step("six-c-r1", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    noise = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(noise, y)

    D.zero_grad()
    out_real = D(x, y)
    out_fake = D(fake.detach(), y)
    errD = discriminator_loss(out_real, out_fake)
    errD.backward()
    opt_d.step()

    G.zero_grad()
    errG = generator_loss(D(fake, y))
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(out_real).mean().detach(), "d_fake": torch.sigmoid(out_fake).mean().detach()}
''', True, setting="conditional")

_step("six-c-r2", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    labels = y
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y=labels)

    opt_d.zero_grad()
    real_logits = D(x, y=labels)
    fake_logits = D(fake.detach(), y=labels)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y=labels))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="conditional")

_step("six-c-r3", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    fake_logits = D(fake.detach(), y)   # the fakes first, then the real digits
    real_logits = D(x, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    with torch.no_grad():
        stats = {"d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), **stats}
''', True, setting="conditional")

# wrong: fakes asked for random labels, not the real batch's labels
_step("six-c-w1", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake_y = torch.randint(0, G.n_classes, (len(x),), device=x.device)  # any digit
    fake = G(z, fake_y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), fake_y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, fake_y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")  # decided: random labels train a cGAN too; a note says what the notebook does

# wrong: D judges the fakes without their labels (crashes in the conditional D)
_step("six-c-w2", "my_conditional_step", '''
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
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("label",), setting="conditional", student_bug=True)

# wrong: in G's update D judges the fakes against shuffled labels
_step("six-c-w3", "my_conditional_step", '''
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
    y_g = y[torch.randperm(len(y))]
    loss_g = generator_loss(D(fake, y_g))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("label",), setting="conditional")

# wrong: the library's discriminator_loss called with its arguments swapped (fakes first)
_step("six-c-w4", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    fake_logits = D(fake.detach(), y)
    real_logits = D(x, y)
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
''', False, words=("swapped",), setting="conditional")

# ----------------------------------------------------------------------------------------------------------
# Notebook 03: my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0)
# ----------------------------------------------------------------------------------------------------------
_step("six-r-r1", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real = x.detach().requires_grad_(r1_gamma > 0)
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma > 0:
        total = total + 0.5 * r1_gamma * r1_penalty(real_logits, real)
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

# right: the penalty written out with autograd.grad (gradient of the summed logits = each image's own gradient)
_step("six-r-r2", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        slope = grad.pow(2).reshape(len(x), -1).sum(dim=1).mean()
        loss = loss + r1_gamma / 2 * slope
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

# right: x always requires grad; the penalty gets its own backward (gradients add up)
_step("six-r-r3", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)  # harmless when r1_gamma is 0
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        penalty = r1_penalty(real_logits, x)
        (r1_gamma / 2 * penalty).backward(retain_graph=True)
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

R1_TAIL = '''
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
'''

# wrong: penalty weight r1_gamma instead of r1_gamma / 2
_step("six-r-w1", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
''' + R1_TAIL, False, words=("2",), setting="r1")

# wrong: the reported loss_d includes the penalty
_step("six-r-w2", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        loss_d = loss_d + r1_gamma / 2 * r1_penalty(real_logits, x)
    loss_d.backward()
    opt_d.step()
''' + R1_TAIL, False, words=("penalty",), setting="r1")

# wrong: x never made to require grad (r1_penalty's autograd.grad fails)
_step("six-r-w3", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
''' + R1_TAIL, False, words=("requires_grad",), setting="r1", student_bug=True)

# wrong: the slope is penalised at the fakes, not at the real images
_step("six-r-w4", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(bool(r1_gamma))
    real_logits, fake_logits = D(x, y), D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(fake_logits, fake_in) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
''' + R1_TAIL, False, words=("real",), setting="r1")

# wrong: hand-written penalty without create_graph: no gradient of the penalty reaches D's weights
_step("six-r-w5", "my_dcgan_step", '''
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
        grad = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)[0]
        penalty = r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + penalty).backward()
    opt_d.step()
''' + R1_TAIL, False, words=("create_graph",), setting="r1")

# wrong: hand-written penalty with the norm of the gradient, not its square
_step("six-r-w6", "my_dcgan_step", '''
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
        penalty = r1_gamma / 2 * grad.flatten(1).norm(dim=1).mean()
    (loss_d + penalty).backward()
    opt_d.step()
''' + R1_TAIL, False, words=("square",), setting="r1")

# ----------------------------------------------------------------------------------------------------------
# Notebook 04: my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0)
# ----------------------------------------------------------------------------------------------------------
_step("six-k-r1", "my_step", '''
def judge(D, images, y, class_weight):
    """D's logits, and the weighted class loss when it is on."""
    if not class_weight:
        return D(images, y), 0.0
    logits, class_logits = D(images, y, classify=True)
    return logits, class_weight * class_loss(class_logits, y)


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, naming = judge(D, x, y, class_weight)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, naming = judge(D, fake, y, class_weight)
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

_step("six-k-r2", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight > 0:
        real_logits, real_class_logits = D(x, y, classify=True)
    else:
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d
    if class_weight > 0:
        total_d = total_d + class_weight * F.cross_entropy(real_class_logits, y)
    total_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    if class_weight > 0:
        fake_out, fake_class_logits = D(fake, y, classify=True)
        loss_g = generator_loss(fake_out)
        total_g = loss_g + class_weight * F.cross_entropy(fake_class_logits, y)
    else:
        loss_g = generator_loss(D(fake, y))
        total_g = loss_g
    total_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="class")

# right: D not frozen (tutorial style), its gradients cleared before its own update
_step("six-k-r3", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    noise = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(noise, y)

    D.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        aux_d = class_weight * class_loss(class_logits, y)
    else:
        real_logits, aux_d = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + aux_d).backward()
    opt_d.step()

    G.zero_grad()
    if class_weight:
        out, class_logits = D(fake, y, classify=True)
        aux_g = class_weight * class_loss(class_logits, y)
    else:
        out, aux_g = D(fake, y), 0.0
    loss_g = generator_loss(out)
    (loss_g + aux_g).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# wrong: reported loss_d includes the class term
_step("six-k-w1", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * class_loss(class_logits, y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + naming
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, class_logits = D(fake, y, classify=True)
        naming = class_weight * class_loss(class_logits, y)
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("class",), setting="class")

# wrong: reported loss_g includes the class term
_step("six-k-w2", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * class_loss(class_logits, y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, class_logits = D(fake, y, classify=True)
        loss_g = generator_loss(logits) + class_weight * class_loss(class_logits, y)
    else:
        loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("class",), setting="class")

# wrong: AC-GAN proper: D also learns to classify the fakes
_step("six-k-w3", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, real_cls = D(x, y, classify=True)
        fake_logits, fake_cls = D(fake.detach(), y, classify=True)
        naming = class_weight * (class_loss(real_cls, y) + class_loss(fake_cls, y))
    else:
        real_logits, fake_logits, naming = D(x, y), D(fake.detach(), y), 0.0
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, cls = D(fake, y, classify=True)
        naming = class_weight * class_loss(cls, y)
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("real",), setting="class")

# wrong: only D gets the class loss; G's update has none
_step("six-k-w4", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * class_loss(class_logits, y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("class loss",), setting="class")

# wrong: softmax applied before the cross-entropy (which takes logits)
_step("six-k-w5", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * class_loss(F.softmax(class_logits, dim=1), y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, class_logits = D(fake, y, classify=True)
        naming = class_weight * class_loss(F.softmax(class_logits, dim=1), y)
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("softmax",), setting="class")

# wrong: G's class term computed on fake.detach(): no class gradient reaches G
_step("six-k-w6", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * class_loss(class_logits, y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, class_logits = D(fake.detach(), y, classify=True)
        naming = class_weight * class_loss(class_logits, y)
        logits = D(fake, y)
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), setting="class")

# ----------------------------------------------------------------------------------------------------------
# Notebook 02: conditional nets
# ----------------------------------------------------------------------------------------------------------
CN = "check_conditional_net"

_answer("six-g-r1", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        inputs = torch.cat((z, self.label_embedding(y)), -1)
        out = self.net(inputs)
        return out.reshape(-1, *self.image_shape)
''', True)

_answer("six-g-r2", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e_y = self.label_embedding(y)          # (batch, 10)
        h = torch.cat([z, e_y], dim=1)         # (batch, 110)
        flat = self.net(h)                     # (batch, 784)
        return flat.view(z.size(0), 1, 28, 28)
''', True)

_answer("six-g-w1", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=("order",))

_answer("six-g-w2", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        one_hot = F.one_hot(y, self.n_classes).float()
        h = torch.cat([z, one_hot], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=("label_embedding",))

_answer("six-g-w3", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)  # images in [-1, 1]
''', False, words=("tanh",))

_answer("six-d-r1", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.view(x.size(0), -1))
        e = self.label_embedding(y)
        return self.out(h).view(-1) + torch.einsum("bi,bi->b", e, h)
''', True)

_answer("six-d-r2", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.flatten(1))
        psi = self.out(phi)                                             # (batch, 1)
        projection = (self.label_embedding(y) * phi).sum(1, keepdim=True)  # (batch, 1)
        return (psi + projection).squeeze(1)
''', True)

_answer("six-d-r3", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(torch.flatten(x, start_dim=1))
        e = self.label_embedding(y)
        inner = torch.bmm(e.unsqueeze(1), phi.unsqueeze(2)).view(-1)
        return self.out(phi).squeeze(-1) + inner
''', True)

_answer("six-d-w1", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=("squeeze",))

_answer("six-d-w2", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        logit = self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
        return torch.sigmoid(logit)  # D(x, y) is a probability
''', False, words=("logit",))

_answer("six-d-w3", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(1)
''', False, words=("sum",))

# ----------------------------------------------------------------------------------------------------------
# Notebook 03 / 07: block shapes
# ----------------------------------------------------------------------------------------------------------
BS = "check_block_shapes"
UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

_answer("six-u-r1", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(num_features=c_out),
        nn.ReLU(inplace=False),
    )
''', True, args=UP)

_answer("six-u-r2", BS, "my_up_block", '''
from collections import OrderedDict

def my_up_block(c_in, c_out):
    layers = OrderedDict()
    layers["upconv"] = nn.ConvTranspose2d(c_in, c_out, (4, 4), (2, 2), (1, 1), bias=False)
    layers["bn"] = nn.BatchNorm2d(c_out)
    layers["relu"] = nn.ReLU(True)
    return nn.Sequential(layers)
''', True, args=UP)

_answer("six-u-w1", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    # upsample then convolve: avoids checkerboard artefacts
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', True, args=UP)  # decided: upsampling then a convolution (resize-convolution) grows the map as well

_answer("six-u-w2", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 3, stride=2, padding=1, output_padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=("kernel",), args=UP)

_answer("six-u-w3", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=("bias",), args=UP)

_answer("six-u-w4", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, True))
''', False, words=("ReLU",), args=UP)

_answer("six-fl-r1", BS, "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1)
''', True, args=FIRST)

_answer("six-fl-w1", BS, "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
''', False, words=("kernel",), args=FIRST)

_answer("six-fl-w2", BS, "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.BatchNorm2d(16))
''', False, words=("BatchNorm",), args=FIRST)

# ----------------------------------------------------------------------------------------------------------
# Notebook 05: slerp
# ----------------------------------------------------------------------------------------------------------
SL = "check_slerp"

_answer("six-sl-r1", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t[:, None]
    cos_omega = F.cosine_similarity(z0, z1, dim=0).clamp(-1.0, 1.0)
    omega = torch.acos(cos_omega)
    sin_omega = torch.sin(omega)
    return torch.sin((1.0 - t) * omega) / sin_omega * z0 + torch.sin(t * omega) / sin_omega * z1
''', True)

_answer("six-sl-r2", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos(torch.clamp((z0 @ z1) / (z0.norm() * z1.norm()), -1.0, 1.0))
    if omega.abs() < 1e-6:  # (almost) the same direction: the straight line is the arc
        return (1 - t) * z0 + t * z1
    a = torch.sin((1 - t) * omega) / torch.sin(omega)
    b = torch.sin(t * omega) / torch.sin(omega)
    return a * z0 + b * z1
''', True)

_answer("six-sl-w1", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.acos(torch.dot(z0, z1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, words=("norm",))

_answer("six-sl-w2", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, words=("z0",))

_answer("six-sl-w3", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1
''', False, words=("sin",))

# ----------------------------------------------------------------------------------------------------------
# Notebook 08: Frechet distance
# ----------------------------------------------------------------------------------------------------------
FD = "check_frechet_distance"

_answer("six-fr-r1", FD, "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    # Tr((S1 S2)^1/2) = sum of the square roots of the eigenvalues of S1 S2 (real and >= 0 for covariances)
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2).real.clip(min=0)
    diff = mu1 - mu2
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(eigenvalues).sum())
''', True)

_answer("six-fr-r2", FD, "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = linalg.sqrtm(sigma1)
    covmean = np.real(linalg.sqrtm(root1 @ sigma2 @ root1))  # same trace as sqrtm(sigma1 @ sigma2), symmetric
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', True)

_answer("six-fr-w1", FD, "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("square",))

_answer("six-fr-w2", FD, "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(sigma1 @ sigma2)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("sqrtm",))

_answer("six-fr-w3", FD, "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("product",))

_answer("six-fr-w4", FD, "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum(mu1 - mu2) ** 2 + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("square",))

# ----------------------------------------------------------------------------------------------------------
# Numeric questions
# ----------------------------------------------------------------------------------------------------------
CA = "check_answer"

def _num(id, name, source, ok, words=()):
    _answer(id, CA, name, source, ok, words=words, args={"answer_name": name})

_num("six-n-r1", "loss_d_at_indifference", "loss_d_at_indifference = math.log(4)  # -log(1/2) twice\n", True)
_num("six-n-r2", "value_at_the_optimum", "value_at_the_optimum = 2 * math.log(0.5)\n", True)
_num("six-n-r3", "length_of_straight_midpoint", "length_of_straight_midpoint = 10 / math.sqrt(2)\n", True)
_num("six-n-r4", "label_channel_weights", "label_channel_weights = 7840\n", True)
_num("six-n-r5", "class_loss_at_chance", "class_loss_at_chance = -math.log(1 / 10)\n", True)
_num("six-n-r6", "upsamplings_for_64", "upsamplings_for_64 = int(math.log2(64 // 4))\n", True)

_num("six-n-w1", "loss_d_at_indifference", "loss_d_at_indifference = math.log(2)\n", False, words=("real and a fake",))
_num("six-n-w2", "value_at_the_optimum", "value_at_the_optimum = math.log(4)\n", False, words=("sign",))
_num("six-n-w3", "kl_for_one_class_of_ten", "kl_for_one_class_of_ten = math.log2(10)\n", False, words=("natural",))
_num("six-n-w4", "dcgan_28_receptive_field", "dcgan_28_receptive_field = 7  # 4 + 3\n", False, words=("stride",))
_num("six-n-w5", "label_channel_weights", "label_channel_weights = 28 * 28\n", False, words=("10",))
_num("six-n-w6", "length_of_100d_noise", "length_of_100d_noise = 100\n", False, words=("square root",))
_num("six-n-w7", "inception_score_max_10_classes", "inception_score_max_10_classes = math.log(10)\n", False,
     words=("exp",))
