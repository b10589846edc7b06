"""Blind round 12: 185 answers to every check in the notebooks, by a helper who had seen neither the checks nor the
batteries (written from the student notebooks alone), with the verdicts they gave, except sixteen they called wrong
that the course judges right: the log of a sigmoid and sigmoid + nn.BCELoss (told with a note), log1p(exp(-l)) (told
with a note), a halved D loss (a positive scale is the same update), random labels for the fakes (notebook 02 allows
them), x.requires_grad_() on the batch for R1, a concatenated batch (in the step and the class-loss halves),
upsampling + convolution, critics of another design (kernel 3, LeakyReLU's default slope, a pooling layer, moved to
the GPU when there is one), 404.4 for e^6 (within the question's 1%), and the real targets made from the fakes' logits
and one mean over real + fake hinge terms (exact while both batches are as large, as the loop always draws them; told
with a note)."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

# =====================================================================================================
# check_discriminator_loss (notebooks 00, 01): my_discriminator_loss(real_logits, fake_logits)
# =====================================================================================================

# RIGHT: the functional BCE-with-logits form, as in the hint
_answer("b12-dloss-bce-functional", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_loss + fake_loss
''', True)

# RIGHT: written out by hand with softplus: -log sigmoid(l) = softplus(-l), -log(1 - sigmoid(l)) = softplus(l)
_answer("b12-dloss-softplus", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log D(x) = softplus(-l_real); -log(1 - D(G(z))) = softplus(l_fake)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# RIGHT: textbook form with log-sigmoid (log(1 - sigmoid(l)) = logsigmoid(-l))
_answer("b12-dloss-logsigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    log_d_real = F.logsigmoid(real_logits)          # log D(x)
    log_one_minus_d_fake = F.logsigmoid(-fake_logits)  # log(1 - D(G(z)))
    return -(log_d_real.mean() + log_one_minus_d_fake.mean())
''', True)

# RIGHT: the stable BCE formula max(l, 0) - l*t + log(1 + exp(-|l|)) written out in a helper
_answer("b12-dloss-stable-by-hand", "check_discriminator_loss", "my_discriminator_loss", '''
def _bce_on_logits(logits, target):
    # the numerically stable form used inside BCEWithLogits
    return (logits.clamp(min=0) - logits * target + torch.log1p(torch.exp(-logits.abs()))).mean()

def my_discriminator_loss(real_logits, fake_logits):
    return _bce_on_logits(real_logits, 1.0) + _bce_on_logits(fake_logits, 0.0)
''', True)

# MISTAKE: naive log(sigmoid) form, overflows to inf for confident logits (right only for moderate logits)
_answer("b12-dloss-naive-log-sigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
''', True)

# MISTAKE: sigmoid then F.binary_cross_entropy: its log is clamped at -100, wrong for large logits
_answer("b12-dloss-sigmoid-then-bce", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real, d_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy(d_real, torch.ones_like(d_real))
            + F.binary_cross_entropy(d_fake, torch.zeros_like(d_fake)))
''', True)

# MISTAKE: one BCE over the concatenated batch: the mean over 2B images is half the sum of the two means
_answer("b12-dloss-concat-half", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    labels = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, labels)
''', False, words=["half of D's loss"])

# RIGHT (course): copy-paste, the real targets made like the fake logits: exact while both batches are as large (a note)
_answer("b12-dloss-ones-like-fake", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    ones = torch.ones_like(fake_logits)
    zeros = torch.zeros_like(fake_logits)
    return (F.binary_cross_entropy_with_logits(real_logits, ones)
            + F.binary_cross_entropy_with_logits(fake_logits, zeros))
''', True)

# MISTAKE: one-sided label smoothing (real target 0.9), not the loss asked for
_answer("b12-dloss-label-smoothing", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # label smoothing from "Improved techniques for training GANs"
    real_targets = torch.full_like(real_logits, 0.9)
    return (F.binary_cross_entropy_with_logits(real_logits, real_targets)
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=['the real target is 0.9'])

# MISTAKE: targets made with torch.ones(shape) on the CPU: breaks when the logits are on a GPU
_answer("b12-dloss-cpu-targets", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_labels = torch.ones(real_logits.shape)
    fake_labels = torch.zeros(fake_logits.shape)
    return (F.binary_cross_entropy_with_logits(real_logits, real_labels)
            + F.binary_cross_entropy_with_logits(fake_logits, fake_labels))
''', False, words=['on the CPU'])

# =====================================================================================================
# check_generator_loss (notebooks 00, 01): my_generator_loss(fake_logits)
# =====================================================================================================

# RIGHT: BCE of the fake logits against 1
_answer("b12-gloss-bce", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', True)

# RIGHT: -log D(G(z)) written as softplus(-l)
_answer("b12-gloss-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # -log sigmoid(l) = log(1 + exp(-l)) = softplus(-l), stable for any l
    return F.softplus(-fake_logits).mean()
''', True)

# RIGHT: -mean(logsigmoid), with a print
_answer("b12-gloss-logsigmoid-print", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    loss = -F.logsigmoid(fake_logits).mean()
    print("non-saturating G loss:", round(loss.item(), 4))
    return loss
''', True)

# MISTAKE: the saturating minimax loss log(1 - D(G(z))) (its gradient vanishes where D rejects fakes)
_answer("b12-gloss-saturating", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z))) as in the value function
    return -F.softplus(fake_logits).mean()
''', False, words=['this is the saturating loss, log'])

# MISTAKE: softplus by hand as log1p(exp(-l)): exp overflows to inf for very negative logits
_answer("b12-gloss-log1p-exp", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return torch.log1p(torch.exp(-fake_logits)).mean()
''', True)

# MISTAKE: the Wasserstein/hinge generator loss -mean(l) instead of the non-saturating one
_answer("b12-gloss-minus-mean", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -fake_logits.mean()
''', False, words=["that is the Wasserstein generator's loss"])

# =====================================================================================================
# check_train_step, setting "unconditional" (notebook 01): my_train_step(G, D, opt_g, opt_d, x, y=None)
# =====================================================================================================

# RIGHT: the hint's plan: fresh noise on x's device, D on x and fake.detach(), G with D frozen, dict of detached numbers
_step("b12-step-u-canonical", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)

    # D's update: real batch and the detached fakes
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    # G's update against the updated D, D frozen
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# RIGHT: PyTorch DCGAN tutorial style: BCEWithLogitsLoss with label tensors, two backward calls for D, net.zero_grad(), D not frozen but zeroed before its own backward
_step("b12-step-u-tutorial", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    criterion = nn.BCEWithLogitsLoss()
    b_size = x.size(0)
    real_label = torch.full((b_size,), 1.0, device=x.device)
    fake_label = torch.full((b_size,), 0.0, device=x.device)

    ############################
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    ###########################
    D.zero_grad()
    output = D(x, y).view(-1)
    errD_real = criterion(output, real_label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()

    noise = torch.randn(b_size, G.latent_dim, device=x.device)
    fake = G(noise, y)
    output = D(fake.detach(), y).view(-1)
    errD_fake = criterion(output, fake_label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    opt_d.step()

    ############################
    # (2) Update G network: maximize log(D(G(z)))
    ###########################
    G.zero_grad()
    output = D(fake, y).view(-1)
    errG = criterion(output, real_label)
    errG.backward()
    opt_g.step()

    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
''', True, setting="unconditional")

# RIGHT: unusual design: backward(inputs=...) so each loss only fills its own player's gradients
_step("b12-step-u-backward-inputs", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad(set_to_none=True)
    loss_d.backward(inputs=[p for p in D.parameters() if p.requires_grad])
    opt_d.step()

    loss_g = generator_loss(D(fake, y))
    opt_g.zero_grad(set_to_none=True)
    loss_g.backward(inputs=[p for p in G.parameters() if p.requires_grad])  # no gradient reaches D
    opt_g.step()

    with torch.no_grad():
        d_real, d_fake = real_logits.sigmoid().mean(), fake_logits.sigmoid().mean()
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=d_real, d_fake=d_fake)
''', True, setting="unconditional")

# RIGHT: Goodfellow's Algorithm 1: fresh noise for G's update; helpers in the same cell; prints the numbers
_step("b12-step-u-fresh-noise", "my_train_step", '''
def set_requires_grad(net, flag):
    for p in net.parameters():
        p.requires_grad_(flag)


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = x.shape[0]
    # k = 1 step of D on a minibatch of noise and a minibatch of data
    z = torch.randn(n, G.latent_dim, device=x.device)
    with torch.no_grad():
        fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    # one step of G on a new minibatch of noise
    set_requires_grad(D, False)
    opt_g.zero_grad()
    z2 = torch.randn(n, G.latent_dim, device=x.device)
    loss_g = generator_loss(D(G(z2, y), y))
    loss_g.backward()
    opt_g.step()
    set_requires_grad(D, True)

    out = {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
           "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
    print({k: round(v.item(), 3) for k, v in out.items()})
    return out
''', True, setting="unconditional")

# MISTAKE: fakes not detached, retain_graph, and G's gradients zeroed before D's backward: D's loss leaks into G's update
_step("b12-step-u-leak-into-g", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["G's update also carries the gradient"], setting="unconditional")

# MISTAKE: G is updated first and D afterwards (G learns from the old D)
_step("b12-step-u-g-first", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['G is updated before D'], setting="unconditional")

# MISTAKE: d_real and d_fake reported as mean logits, not probabilities
_step("b12-step-u-logits-not-probs", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, words=["'d_real' is the mean logit"], setting="unconditional")

# MISTAKE: fakes made under torch.no_grad() and reused for G's update: G gets no gradient and never moves
_step("b12-step-u-nograd-fakes", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    with torch.no_grad():          # D must not move G
        fake = G(z, y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['no gradient can reach G'], setting="unconditional")

# MISTAKE: opt_g.zero_grad() forgotten: G's gradients accumulate from the previous steps
_step("b12-step-u-no-zero-grad-g", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["G's gradients are never zeroed before"], setting="unconditional")

# MISTAKE: noise made on the CPU (no device=): right on a CPU, breaks when x is on a GPU
_step("b12-step-u-noise-on-cpu", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['on the CPU'], setting="unconditional")

# MISTAKE: D frozen for G's update and never unfrozen: from the next step on D stops learning
_step("b12-step-u-d-left-frozen", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False        # freeze D for G's turn
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['D is still frozen from the'], setting="unconditional")

# MISTAKE: D is trained on half its loss (the pix2pix "divide D's objective by 2" habit); loss_d is reported unhalved
_step("b12-step-u-half-d-loss", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (0.5 * loss_d).backward()      # slow D down relative to G
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# =====================================================================================================
# check_train_step, setting "conditional" (notebook 02): my_conditional_step(G, D, opt_g, opt_d, x, y)
# =====================================================================================================

# RIGHT: notebook 01's step with y passed everywhere
_step("b12-step-c-canonical", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)                      # each fake asked for the label of a real image

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)   # each fake judged with the label it was made for
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# RIGHT: DCGAN-tutorial style with labels, BCEWithLogitsLoss and label tensors, D zeroed at the start of its own update
_step("b12-step-c-tutorial", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    criterion = nn.BCEWithLogitsLoss()
    b = x.size(0)
    ones = torch.ones(b, device=x.device)
    zeros = torch.zeros(b, device=x.device)
    noise = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(noise, y)

    D.zero_grad()
    out_real = D(x, y).view(-1)
    out_fake = D(fake.detach(), y).view(-1)
    errD = criterion(out_real, ones) + criterion(out_fake, zeros)
    errD.backward()
    opt_d.step()

    G.zero_grad()
    errG = criterion(D(fake, y).view(-1), ones)
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": out_real.detach().sigmoid().mean(), "d_fake": out_fake.detach().sigmoid().mean()}
''', True, setting="conditional")

# RIGHT: gradients computed with torch.autograd.grad for each player's own parameters and assigned by hand
_step("b12-step-c-autograd-grad", "my_conditional_step", '''
def _apply(loss, net, opt):
    params = [p for p in net.parameters() if p.requires_grad]
    grads = torch.autograd.grad(loss, params, allow_unused=True)
    opt.zero_grad(set_to_none=True)
    for p, g in zip(params, grads):
        p.grad = g
    opt.step()


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    _apply(loss_d, D, opt_d)
    loss_g = generator_loss(D(fake, y))
    _apply(loss_g, G, opt_g)          # only G's parameters get gradients
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(),
            "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="conditional")

# RIGHT: fresh noise for G's update (Algorithm 1), the same labels y for both fake batches
_step("b12-step-c-fresh-noise", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    batch = len(x)
    fake = G(torch.randn(batch, G.latent_dim, device=x.device), y).detach()
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    try:
        opt_g.zero_grad()
        new_fake = G(torch.randn(batch, G.latent_dim, device=x.device), y)
        loss_g = generator_loss(D(new_fake, y))
        loss_g.backward()
        opt_g.step()
    finally:
        D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="conditional")

# RIGHT: a context manager that freezes D, restoring each parameter's own flag; prints the losses
_step("b12-step-c-contextmanager", "my_conditional_step", '''
from contextlib import contextmanager


@contextmanager
def frozen(net):
    flags = [p.requires_grad for p in net.parameters()]
    for p in net.parameters():
        p.requires_grad_(False)
    try:
        yield net
    finally:
        for p, flag in zip(net.parameters(), flags):
            p.requires_grad_(flag)


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    with frozen(D):
        opt_g.zero_grad()
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
        opt_g.step()
    print(f"loss_d={loss_d.item():.3f} loss_g={loss_g.item():.3f}")
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# MISTAKE: fakes asked for random labels instead of the real batch's labels (not the step asked for; other random numbers)
_step("b12-step-c-random-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    n_classes = int(y.max()) + 1
    y_fake = torch.randint(0, n_classes, y.shape, device=x.device)
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y_fake)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y_fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y_fake))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# MISTAKE: D judges the fakes with shuffled labels, not the labels they were made for
_step("b12-step-c-shuffled-fake-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    y_other = y[torch.randperm(len(y), device=y.device)]   # "fakes should not match their labels"
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y_other)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['D judges the fakes with other'], setting="conditional")

# MISTAKE: copy-paste: G's loss uses D(fake.detach(), y), so no gradient reaches G (D not frozen, so no error)
_step("b12-step-c-detach-in-g", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake.detach(), y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['no gradient reached G at opt_g.step'], setting="conditional")

# MISTAKE: swapped arguments: discriminator_loss(fake_logits, real_logits)
_step("b12-step-c-swapped-args", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    fake_logits = D(fake.detach(), y)
    real_logits = D(x, y)
    loss_d = discriminator_loss(fake_logits, real_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['real and fake are swapped in'], setting="conditional")

# MISTAKE: opt_d.zero_grad() placed between backward() and step(): D steps on zero gradients
_step("b12-step-c-zero-grad-after-backward", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.zero_grad()
    opt_d.step()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.zero_grad()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's gradients are all zero when"], setting="conditional")

# MISTAKE: latent size hard-coded to 100 (the notebook's): breaks for any other G.latent_dim
_step("b12-step-c-latent-100", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), 100, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['G.latent_dim', 'not a number written in'], setting="conditional")  # round 16: the real mistake

# MISTAKE: rescales the real batch in place "to [-1, 1]" (it already is), mutating the caller's tensor and feeding D wrong images
_step("b12-step-c-inplace-rescale-x", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    x.sub_(0.5).div_(0.5)              # images to [-1, 1] like the tanh output
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['changes the batch x in place'], setting="conditional")

# =====================================================================================================
# check_train_step, setting "r1" (notebook 03): my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0)
# =====================================================================================================

# RIGHT: the four steps of the notebook, written out
_step("b12-step-r1-canonical", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = grad.pow(2).flatten(1).sum(1).mean()
        total = loss_d + r1_gamma / 2 * penalty
    total.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: uses the course's r1_penalty for the slope part
_step("b12-step-r1-library-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real = x.detach().requires_grad_(True) if r1_gamma else x
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        (loss_d + r1_gamma / 2 * r1_penalty(real_logits, real)).backward()
    else:
        loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="r1")

# RIGHT: grad_outputs=ones instead of .sum(), a helper for the penalty, squared norm via sum over all non-batch dims
_step("b12-step-r1-grad-outputs", "my_dcgan_step", '''
def squared_slope(logits, images):
    grad = torch.autograd.grad(outputs=logits, inputs=images, grad_outputs=torch.ones_like(logits),
                               create_graph=True, retain_graph=True)[0]
    return (grad ** 2).sum(dim=tuple(range(1, grad.dim()))).mean()


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    noise = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(noise, y)
    opt_d.zero_grad(set_to_none=True)
    x_in = x.detach().clone().requires_grad_(bool(r1_gamma))
    real_logits = D(x_in, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    objective = loss_d + (r1_gamma * 0.5 * squared_slope(real_logits, x_in) if r1_gamma else 0.0)
    objective.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=torch.sigmoid(real_logits.detach()).mean(), d_fake=torch.sigmoid(fake_logits.detach()).mean())
''', True, setting="r1")

# RIGHT: DCGAN-tutorial style (net.zero_grad, D not frozen, label tensors) plus the penalty, printing it
_step("b12-step-r1-tutorial", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    criterion = nn.BCEWithLogitsLoss()
    b = x.size(0)
    real_label = torch.full((b,), 1.0, device=x.device)
    fake_label = torch.full((b,), 0.0, device=x.device)
    noise = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(noise, y)

    D.zero_grad()
    real_in = x.detach().requires_grad_(r1_gamma > 0)
    out_real = D(real_in, y).view(-1)
    out_fake = D(fake.detach(), y).view(-1)
    errD = criterion(out_real, real_label) + criterion(out_fake, fake_label)
    if r1_gamma > 0:
        grad_real, = torch.autograd.grad(out_real.sum(), real_in, create_graph=True)
        r1 = grad_real.pow(2).reshape(b, -1).sum(1).mean()
        print(f"R1 penalty {r1.item():.4f}")
        (errD + r1_gamma / 2 * r1).backward()
    else:
        errD.backward()
    opt_d.step()

    G.zero_grad()
    errG = criterion(D(fake, y).view(-1), real_label)
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(out_real.detach()).mean(), "d_fake": torch.sigmoid(out_fake.detach()).mean()}
''', True, setting="r1")

# MISTAKE: create_graph forgotten: the penalty is a constant to D's weights and changes nothing
_step("b12-step-r1-no-create-graph", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 gradient was taken without'], setting="r1")

# MISTAKE: gamma times the penalty, the factor 1/2 forgotten
_step("b12-step-r1-no-half", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 term is r1_gamma times'], setting="r1")

# MISTAKE: squared slope averaged over the pixels too (grad.pow(2).mean()), 784 times too small
_step("b12-step-r1-mean-over-pixels", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 penalty averages the squared'], setting="r1")

# MISTAKE: reports loss_d with the penalty included
_step("b12-step-r1-reports-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss_d = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["'loss_d' includes the R1 penalty"], setting="r1")

# MISTAKE: x.requires_grad_(True) on the caller's own tensor (no detach): mutates the input, which also collects a .grad
_step("b12-step-r1-mutates-x", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x.requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# MISTAKE: the penalty taken at the fakes instead of the real images
_step("b12-step-r1-on-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), fake_in, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 penalty is taken at'], setting="r1")

# MISTAKE: slope of real_logits.mean() instead of .sum(): every slope is 1/B too small (right only for a batch of one)
_step("b12-step-r1-grad-of-mean", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.mean(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 gradient was taken of'], setting="r1")

# MISTAKE: the slope's norm, not its square (grad.norm per image, averaged)
_step("b12-step-r1-norm-not-squared", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.flatten(1).norm(dim=1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["the R1 penalty uses the gradient's"], setting="r1")

# =====================================================================================================
# check_train_step, setting "class" (notebook 04): my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0)
# =====================================================================================================

# RIGHT: the notebook's plan, with `if class_weight:`
_step("b12-step-k-canonical", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
    else:
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_weight * class_loss(class_logits, y) if class_weight else loss_d
    total_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    if class_weight:
        fake_logits_g, fake_class_logits = D(fake, y, classify=True)
        loss_g = generator_loss(fake_logits_g)
        total_g = loss_g + class_weight * class_loss(fake_class_logits, y)
    else:
        loss_g = generator_loss(D(fake, y))
        total_g = loss_g
    total_g.backward()
    opt_g.step()
    D.requires_grad_(True)

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# RIGHT: always asks for the class logits and adds class_weight * CE (zero when the weight is 0), F.cross_entropy directly
_step("b12-step-k-always-classify", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)

    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(real_classes, y)).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    fake_logits_g, fake_classes = D(fake, y, classify=True)
    loss_g = generator_loss(fake_logits_g)
    (loss_g + class_weight * F.cross_entropy(fake_classes, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# RIGHT: the two halves as a helper in the same cell, and backward(inputs=...) instead of freezing D
_step("b12-step-k-helper-inputs", "my_step", '''
def judge(D, images, y, with_classes):
    if with_classes:
        return D(images, y, classify=True)
    return D(images, y), None


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits, real_classes = judge(D, x, y, class_weight != 0)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    objective_d = loss_d if real_classes is None else loss_d + class_weight * class_loss(real_classes, y)
    opt_d.zero_grad()
    objective_d.backward(inputs=[p for p in D.parameters() if p.requires_grad])
    opt_d.step()

    g_logits, g_classes = judge(D, fake, y, class_weight != 0)
    loss_g = generator_loss(g_logits)
    objective_g = loss_g if g_classes is None else loss_g + class_weight * class_loss(g_classes, y)
    opt_g.zero_grad()
    objective_g.backward(inputs=[p for p in G.parameters() if p.requires_grad])
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(),
            "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="class")

# RIGHT: DCGAN-tutorial style with the auxiliary classifier term, printing the class losses
_step("b12-step-k-tutorial", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    adversarial = nn.BCEWithLogitsLoss()
    auxiliary = nn.CrossEntropyLoss()
    b = x.size(0)
    valid = torch.ones(b, device=x.device)
    fake_t = torch.zeros(b, device=x.device)
    gen_input = torch.randn(b, G.latent_dim, device=x.device)
    gen_imgs = G(gen_input, y)

    D.zero_grad()
    real_pred, real_aux = D(x, y, classify=True)
    fake_pred = D(gen_imgs.detach(), y)
    d_adv = adversarial(real_pred, valid) + adversarial(fake_pred, fake_t)
    d_aux = auxiliary(real_aux, y)
    (d_adv + class_weight * d_aux).backward()
    opt_d.step()

    G.zero_grad()
    validity, pred_label = D(gen_imgs, y, classify=True)
    g_adv = adversarial(validity, valid)
    g_aux = auxiliary(pred_label, y)
    (g_adv + class_weight * g_aux).backward()
    opt_g.step()
    print(f"class loss: D {d_aux.item():.3f}, G {g_aux.item():.3f}")
    return {"loss_d": d_adv.detach(), "loss_g": g_adv.detach(),
            "d_real": torch.sigmoid(real_pred.detach()).mean(), "d_fake": torch.sigmoid(fake_pred.detach()).mean()}
''', True, setting="class")

# RIGHT: loss terms collected in a dict, weights applied in one place; D frozen with requires_grad_ in try/finally
_step("b12-step-k-dict-terms", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    terms_d = {"gan": discriminator_loss(real_logits, fake_logits), "cls": class_loss(real_cls, y)}
    opt_d.zero_grad()
    (terms_d["gan"] + class_weight * terms_d["cls"]).backward()
    opt_d.step()

    D.requires_grad_(False)
    try:
        logits_g, cls_g = D(fake, y, classify=True)
        terms_g = {"gan": generator_loss(logits_g), "cls": class_loss(cls_g, y)}
        opt_g.zero_grad()
        (terms_g["gan"] + class_weight * terms_g["cls"]).backward()
        opt_g.step()
    finally:
        D.requires_grad_(True)
    return {"loss_d": terms_d["gan"].detach(), "loss_g": terms_g["gan"].detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# MISTAKE: AC-GAN proper: D's class loss also on the fakes (the course's D learns classes from real images only)
_step("b12-step-k-class-on-fakes-in-d", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits, fake_cls = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * (class_loss(real_cls, y) + class_loss(fake_cls, y))).backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    logits_g, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (loss_g + class_weight * class_loss(cls_g, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's class loss includes the fakes"], setting="class")

# MISTAKE: reports loss_d and loss_g with the class terms included
_step("b12-step-k-reports-class-terms", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(real_cls, y)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    logits_g, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g) + class_weight * class_loss(cls_g, y)
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["'loss_d' includes the class loss"], setting="class")

# MISTAKE: G's class term judged on fake.detach(): no class gradient reaches G (the GAN term still does)
_step("b12-step-k-g-class-detached", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    _, cls_g = D(fake.detach(), y, classify=True)
    (loss_g + class_weight * class_loss(cls_g, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's update is right"], setting="class")

# MISTAKE: real and fake images through D in one concatenated batch: with batch norm in D the statistics mix (other numbers than the course's separate calls)
_step("b12-step-k-concat-batch", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    b = x.size(0)
    z = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    logits, cls = D(torch.cat([x, fake.detach()]), torch.cat([y, y]), classify=True)   # one pass is faster
    real_logits, fake_logits = logits[:b], logits[b:]
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(cls[:b], y)).backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    logits_g, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (loss_g + class_weight * class_loss(cls_g, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# MISTAKE: F.nll_loss on the raw class logits (log_softmax forgotten)
_step("b12-step-k-nll-on-logits", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.nll_loss(real_cls, y)).backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    logits_g, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (loss_g + class_weight * F.nll_loss(cls_g, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the class loss is F.nll_loss on'], setting="class")

# MISTAKE: the class terms are added unweighted whenever class_weight is non-zero: right for weight 1, wrong for any other
_step("b12-step-k-weight-ignored", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, real_cls = D(x, y, classify=True)
    else:
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_loss(real_cls, y) if class_weight else loss_d
    total_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    if class_weight:
        logits_g, cls_g = D(fake, y, classify=True)
        loss_g = generator_loss(logits_g)
        total_g = loss_g + class_loss(cls_g, y)
    else:
        loss_g = generator_loss(D(fake, y))
        total_g = loss_g
    total_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['with class_weight = 0.5 your step'], setting="class")

# MISTAKE: opt_d.zero_grad() forgotten: D's gradients pile up from the previous steps (and from G's backward)
_step("b12-step-k-no-zero-grad-d", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    logits_g, cls_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (loss_g + class_weight * class_loss(cls_g, y)).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's update carries gradients left in"], setting="class")

# =====================================================================================================
# check_conditional_net (notebook 02): MyConditionalGenerator, MyProjectionDiscriminator
# =====================================================================================================

# RIGHT: cat([z, e_y], 1), the layers, view to (batch, *image_shape)
_answer("b12-cnet-g-canonical", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(z.size(0), *self.image_shape)
''', True)

# RIGHT: torch.hstack and reshape with -1 for the batch
_answer("b12-cnet-g-hstack", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e_y = self.label_embedding(y)          # (batch, 10)
        out = self.net(torch.hstack((z, e_y)))  # (batch, 784)
        return out.reshape(-1, *self.image_shape)
''', True)

# MISTAKE: concatenates [e_y; z] instead of [z; e_y]: same shape, but the first layer's weights read the wrong inputs
_answer("b12-cnet-g-label-first", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        return self.net(torch.cat([self.label_embedding(y), z], 1)).view(len(z), *self.image_shape)
''', False, words=["the label's vector comes before the"])

# MISTAKE: a one-hot code instead of the learned embedding (the same 10 numbers per label, so the shapes fit)
_answer("b12-cnet-g-one-hot", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        one_hot = F.one_hot(y, num_classes=10).float()
        return self.net(torch.cat([z, one_hot], 1)).view(len(z), *self.image_shape)
''', False, words=['a one-hot vector stands in for'])

# RIGHT: psi(phi(x)).squeeze(-1) + sum(e_y * phi(x))
_answer("b12-cnet-d-canonical", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(-1) + (self.label_embedding(y) * h).sum(dim=1)
''', True)

# RIGHT: einsum for the inner product and [:, 0] for psi's single output
_answer("b12-cnet-d-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.reshape(x.shape[0], -1))
        projection = torch.einsum("bd,bd->b", phi, self.label_embedding(y))
        return self.out(phi)[:, 0] + projection
''', True)

# MISTAKE: .squeeze() without a dim: a batch of one gives a 0-d logit
_answer("b12-cnet-d-squeeze-all", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return (self.out(h) + (self.label_embedding(y) * h).sum(1, keepdim=True)).squeeze()
''', False, words=['a batch of one image gave'])

# MISTAKE: psi's (B, 1) output added to the (B,) projection: broadcasts to a (B, B) matrix
_answer("b12-cnet-d-broadcast", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=['broadcasts to (batch, batch)'])

# MISTAKE: the inner product taken as a mean over the 256 features instead of a sum
_answer("b12-cnet-d-mean-not-sum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(1)
''', False, words=['the inner product <embed'])

# =====================================================================================================
# check_block_shapes (notebook 03's up block: my_up_block(c_in, c_out); 07's first layer: my_first_layer)
# =====================================================================================================

# RIGHT: the DCGAN tutorial's block
_answer("b12-block-up-canonical", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(True),
    )
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# RIGHT: named layers in an OrderedDict, keyword arguments
_answer("b12-block-up-ordereddict", "check_block_shapes", "my_up_block", '''
from collections import OrderedDict

def my_up_block(c_in, c_out):
    return nn.Sequential(OrderedDict([
        ("upconv", nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False)),
        ("bn", nn.BatchNorm2d(num_features=c_out)),
        ("relu", nn.ReLU(inplace=True)),
    ]))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: channels hard-coded to 64 -> 32: right for the check's call, wrong for every other block of G
_answer("b12-block-up-hardcoded", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU(True))
''', False, words=['your block works for the channel'], args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: kernel 3 with output_padding=1: also doubles 7 -> 14, but not the kernel asked for
_answer("b12-block-up-kernel3", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=3, stride=2, padding=1, output_padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(True),
    )
''', False, words=['kernel_size 3'], args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: the transposed convolution keeps its bias (batch norm right after makes it useless)
_answer("b12-block-up-bias", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=['the convolution before BatchNorm has a'], args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: ReLU before batch norm (order swapped)
_answer("b12-block-up-relu-before-bn", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(True), nn.BatchNorm2d(c_out))
''', False, words=['the order is convolution, BatchNorm, then'], args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: nearest-neighbour upsampling then a 3x3 convolution (right shape, not a transposed convolution)
_answer("b12-block-up-upsample-conv", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    # upsample + conv avoids checkerboard artefacts
    return nn.Sequential(
        nn.Upsample(scale_factor=2, mode="nearest"),
        nn.Conv2d(c_in, c_out, kernel_size=3, stride=1, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(True),
    )
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: LeakyReLU(0.2) (D's activation) instead of ReLU in G's block
_answer("b12-block-up-leaky", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, inplace=True))
''', False, words=['the activation must be ReLU'], args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# RIGHT: D's first layer, positional arguments
_answer("b12-block-first-canonical", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, 4, 2, 1)
)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: keyword arguments, bias=False as in the DCGAN tutorial's discriminator
_answer("b12-block-first-keywords-nobias", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1, bias=False)
)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: the convolution with its LeakyReLU in an nn.Sequential, as the tutorial groups D's first layer
_answer("b12-block-first-with-leaky", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True))
)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# MISTAKE: kernel 3 (stride 2, padding 1) also gives 32x32, but it is not the kernel 4 asked for
_answer("b12-block-first-kernel3", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
)
''', False, words=['kernel_size 3'], args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# MISTAKE: batch norm after the first convolution (the guidelines leave it out of D's input layer)
_answer("b12-block-first-batchnorm", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
)
''', False, words=["there is a BatchNorm in D's"], args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# MISTAKE: the layer made in double precision: float32 images cannot go through it
_answer("b12-block-first-double", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, 4, 2, 1).double()
)
''', False, words=['float64 against float32'], args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# =====================================================================================================
# check_slerp (notebook 05): my_slerp(z0, z1, t)
# =====================================================================================================

# RIGHT: clamped cosine, t as a column, falls back to the straight line when the vectors are parallel
_answer("b12-slerp-robust", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = torch.dot(z0, z1) / (z0.norm() * z1.norm())
    omega = torch.acos(cos.clamp(-1.0, 1.0))
    s = torch.sin(omega)
    if s.abs() < 1e-6:      # (nearly) parallel: the great circle is the straight line
        return (1 - t) * z0 + t * z1
    return torch.sin((1 - t) * omega) / s * z0 + torch.sin(t * omega) / s * z1
''', True)

# RIGHT: the angle from atan2 of the unit vectors' difference and sum (stable near 0 and pi)
_answer("b12-slerp-atan2", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).view(-1, 1)
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = 2 * torch.atan2((u0 - u1).norm(), (u0 + u1).norm())
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', True)

# RIGHT: the hint's formula as it stands (unsqueeze t), no special case for parallel vectors
_answer("b12-slerp-plain-formula", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    w = torch.acos(torch.clamp(torch.dot(z0 / z0.norm(), z1 / z1.norm()), -1, 1))
    t = t.unsqueeze(1)
    return torch.sin((1 - t) * w) / torch.sin(w) * z0 + torch.sin(t * w) / torch.sin(w) * z1
''', True)

# MISTAKE: the straight line (lerp) instead of the great circle
_answer("b12-slerp-lerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=['this is the straight line'])

# MISTAKE: the two sine weights swapped: the path starts at z1 and ends at z0
_answer("b12-slerp-swapped", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos((z0 @ z1 / (z0.norm() * z1.norm())).clamp(-1, 1))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, words=['the ends are swapped'])

# MISTAKE: interpolates the unit vectors: every point has length 1 instead of about 10
_answer("b12-slerp-unit-vectors", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    z0, z1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.acos(torch.dot(z0, z1).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, words=['every point has length 1'])

# MISTAKE: direction along the great circle of unit vectors, length interpolated linearly: equals slerp only when |z0| = |z1|
_answer("b12-slerp-lerp-length", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    r0, r1 = z0.norm(), z1.norm()
    u0, u1 = z0 / r0, z1 / r1
    omega = torch.acos(torch.dot(u0, u1).clamp(-1, 1))
    direction = (torch.sin((1 - t) * omega) * u0 + torch.sin(t * omega) * u1) / torch.sin(omega)
    return ((1 - t) * r0 + t * r1) * direction
''', False, words=["the direction is slerp's"])

# =====================================================================================================
# check_frechet_distance (notebook 08): my_frechet(mu1, sigma1, mu2, sigma2)
# =====================================================================================================

# RIGHT: pytorch-fid's recipe with scipy's sqrtm, the real part, and an offset only when needed
_answer("b12-frechet-sqrtm", "check_frechet_distance", "my_frechet", '''
import numpy as np
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', True)

# RIGHT: Tr((S1 S2)^1/2) as the sum of the square roots of the eigenvalues of S1 S2 (real, non-negative)
_answer("b12-frechet-eigvals", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2)
    trace_sqrt = np.sqrt(np.clip(eigenvalues.real, 0, None)).sum()
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt)
''', True)

# RIGHT: the symmetric form Tr((S1^1/2 S2 S1^1/2)^1/2) with eigh-based square roots, a helper in the cell
_answer("b12-frechet-symmetric", "check_frechet_distance", "my_frechet", '''
def psd_sqrt(a):
    w, v = np.linalg.eigh((a + a.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T

def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = psd_sqrt(sigma1)
    cross = np.trace(psd_sqrt(root1 @ sigma2 @ root1))
    mean_term = np.linalg.norm(mu1 - mu2) ** 2
    d2 = mean_term + np.trace(sigma1) + np.trace(sigma2) - 2 * cross
    print("mean term", mean_term, "covariance term", d2 - mean_term)
    return float(d2)
''', True)

# MISTAKE: sqrtm(S1) @ sqrtm(S2) for (S1 S2)^1/2: right only when the covariances commute (e.g. diagonal)
_answer("b12-frechet-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1).real @ linalg.sqrtm(sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['that uses sqrtm'])

# MISTAKE: the distance of the means not squared
_answer("b12-frechet-mean-not-squared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the mean term is |mu1 -'])

# MISTAKE: adds 1e-6 to the covariances' diagonals in place "for stability": mutates the caller's arrays
_answer("b12-frechet-mutates-sigma", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    eps = 1e-6 * np.eye(len(sigma1))
    sigma1 += eps
    sigma2 += eps
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', False, words=['changes the arrays it is given'])

# MISTAKE: the imaginary part of sqrtm is never dropped: for near-singular covariances it returns a complex number
_answer("b12-frechet-complex", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    return diff @ diff + np.trace(sigma1 + sigma2 - 2 * linalg.sqrtm(sigma1 @ sigma2))
''', False, words=['right on these covariances, but on'])

# =====================================================================================================
# check_hinge_loss (notebook 09): my_hinge_d_loss(real_scores, fake_scores), my_hinge_g_loss(fake_scores)
# =====================================================================================================

# RIGHT: F.relu, as in the hint
_answer("b12-hinge-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT: clamp(min=0) and torch.mean, as in the SNGAN/BigGAN code
_answer("b12-hinge-clamp", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = torch.mean(torch.clamp(1.0 - real_scores, min=0.0))
    loss_fake = torch.mean(torch.clamp(1.0 + fake_scores, min=0.0))
    return loss_real + loss_fake


def my_hinge_g_loss(fake_scores):
    return torch.mean(-fake_scores)
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT (course): one mean over the two batches' terms together: exact while both batches are as large (a note)
_answer("b12-hinge-joint-mean", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (F.relu(1 - real_scores) + F.relu(1 + fake_scores)).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args={"generator_name": "my_hinge_g_loss"})

# MISTAKE: the margins' signs swapped in D's loss
_answer("b12-hinge-signs-swapped", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['real and fake are swapped'], args={"generator_name": "my_hinge_g_loss"})

# MISTAKE: a hinge for G too (relu(1 - score)): G stops pulling its fakes once they pass the margin
_answer("b12-hinge-g-hinged", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, words=["that is D's hinge applied to"], args={"generator_name": "my_hinge_g_loss"})

# MISTAKE: computed in place on the input tensors (neg_/add_/clamp_): the values are right once, the caller's scores are destroyed
_answer("b12-hinge-inplace", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    real_part = real_scores.neg_().add_(1).clamp_(min=0)
    fake_part = fake_scores.add_(1).clamp_(min=0)
    return real_part.mean() + fake_part.mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.neg().mean()
''', False, words=['you changed an input in place'], args={"generator_name": "my_hinge_g_loss"})

# =====================================================================================================
# check_critic (notebook 09): make_critic() -> net, (B, 1, 28, 28) -> (B,)
# =====================================================================================================

# RIGHT: one nn.Sequential, nn.Flatten(0) at the end turns (B, 1) into (B,)
_answer("b12-critic-sequential", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 1),
        nn.Flatten(0),
    )
''', True)

# RIGHT: a module class with the course's call signature D(x, y=None), squeeze(1)
_answer("b12-critic-class", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
        )
        self.out = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x, y=None):
        return self.out(self.features(x).flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', True)

# RIGHT: in-place LeakyReLUs and view(-1), printing the shapes on the way
_answer("b12-critic-inplace-view", "check_critic", "make_critic", '''
class WCritic(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.conv1 = nn.Conv2d(1, width, 4, 2, 1)
        self.conv2 = nn.Conv2d(width, 2 * width, 4, 2, 1)
        self.act = nn.LeakyReLU(0.2, inplace=True)
        self.fc = nn.Linear(2 * width * 7 * 7, 1)

    def forward(self, x, y=None):
        h = self.act(self.conv1(x))    # (B, 32, 14, 14)
        h = self.act(self.conv2(h))    # (B, 64, 7, 7)
        return self.fc(h.view(h.size(0), -1)).view(-1)


def make_critic():
    critic = WCritic()
    print(critic(torch.zeros(2, 1, 28, 28)).shape)
    return critic
''', True)

# RIGHT: DCGAN initialisation N(0, 0.02) applied, score taken with [:, 0]
_answer("b12-critic-dcgan-init", "check_critic", "make_critic", '''
def weights_init(m):
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.normal_(m.weight, 0.0, 0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2, True),
                                  nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2, True))
        self.linear = nn.Linear(3136, 1)

    def forward(self, x, y=None):
        return self.linear(self.main(x).reshape(len(x), -1))[:, 0]


def make_critic():
    net = Critic()
    net.apply(weights_init)
    return net
''', True)

# MISTAKE: batch norm kept after the second convolution (notebook 03's D): each score depends on the batch
_answer("b12-critic-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, words=['the critic has batch norm'])

# MISTAKE: a sigmoid at the end: a critic gives free scores, not probabilities
_answer("b12-critic-sigmoid", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0),
    )
''', False, words=['come out of a sigmoid'])

# MISTAKE: returns shape (B, 1), not (B,)
_answer("b12-critic-b-by-1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
    )
''', False, words=['a batch of 6 images gave'])

# MISTAKE: .squeeze() with no dim: a batch of one image gives a 0-d score
_answer("b12-critic-squeeze-all", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten(),
                                 nn.Linear(64 * 7 * 7, 1))

    def forward(self, x, y=None):
        return self.net(x).squeeze()


def make_critic():
    return Critic()
''', False, words=['a batch of one image gave'])

# MISTAKE: nn.LeakyReLU() with PyTorch's default slope 0.01 instead of 0.2
_answer("b12-critic-default-slope", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: kernel 3 convolutions: 28 -> 14 -> 7 as well, but not the kernel 4 asked for
_answer("b12-critic-kernel3", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 3, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: stride-1 convolutions and max pooling instead of strided convolutions (same shapes)
_answer("b12-critic-maxpool", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, 1, 1), nn.LeakyReLU(0.2), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, 1, 1), nn.LeakyReLU(0.2), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: moves the critic to CUDA whenever there is one: breaks on a GPU machine for images on the CPU
_answer("b12-critic-to-cuda", "check_critic", "make_critic", '''
device = "cuda" if torch.cuda.is_available() else "cpu"

def make_critic():
    critic = nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
    return critic.to(device)
''', True)

# =====================================================================================================
# check_gradient_penalty (notebook 09): my_gradient_penalty(D, real, fake)
# =====================================================================================================

# RIGHT: the hint's recipe, eps made on the images' device
_answer("b12-gp-canonical", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    scores = D(x_hat)
    grad, = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: torch.lerp, grad_outputs=ones, torch.linalg.vector_norm, eps shaped for any image rank
_answer("b12-gp-lerp", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    b = real.shape[0]
    eps = torch.rand(b, *([1] * (real.dim() - 1)), device=real.device, dtype=real.dtype)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_(True)   # eps*real + (1-eps)*fake
    scores = D(x_hat)
    grads = torch.autograd.grad(outputs=scores, inputs=x_hat, grad_outputs=torch.ones_like(scores),
                                create_graph=True, retain_graph=True)[0]
    norms = torch.linalg.vector_norm(grads.reshape(b, -1), dim=1)
    return (norms - 1).pow(2).mean()
''', True)

# RIGHT (unsure): eps weights the fake and 1 - eps the real: the same distribution of points, other numbers for the same draw
_answer("b12-gp-eps-on-fake", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * fake + (1 - eps) * real).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', True)

# MISTAKE: create_graph forgotten: the penalty has the right value but cannot train D
_answer("b12-gp-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty has no gradient'])

# MISTAKE: one eps for the whole batch instead of one per image
_answer("b12-gp-one-eps", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['one eps is used for the'])

# MISTAKE: grad.norm(dim=1) without flattening: the norm over the channel dimension only, per pixel
_answer("b12-gp-norm-dim1", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((grad.norm(2, dim=1) - 1) ** 2).mean()
''', False, words=['the norm is over dim 1'])

# MISTAKE: one-sided penalty relu(norm - 1)^2: slopes below 1 go unpunished
_answer("b12-gp-one-sided", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return F.relu(grad.flatten(1).norm(dim=1) - 1).pow(2).mean()
''', False, words=['only slopes above 1 are penalised'])

# MISTAKE: gradient of the mean score: every slope is 1/B too small
_answer("b12-gp-grad-of-mean", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the gradient is taken of the'])

# =====================================================================================================
# check_class_loss_halves (notebook 04): my_class_losses(D, real, fake, y) -> (d_half, g_half)
# =====================================================================================================

# RIGHT: class_loss on D's class logits, real then fake
_answer("b12-halves-canonical", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    d_half = class_loss(real_class_logits, y)
    g_half = class_loss(fake_class_logits, y)
    return d_half, g_half
''', True)

# RIGHT: F.cross_entropy directly
_answer("b12-halves-cross-entropy", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = F.cross_entropy(D(real, y, classify=True)[1], y)
    g_half = F.cross_entropy(D(fake, y, classify=True)[1], y)
    return d_half, g_half
''', True)

# RIGHT: the cross-entropy by hand: logsumexp minus the logit of the right class
_answer("b12-halves-logsumexp", "check_class_loss_halves", "my_class_losses", '''
def ce(class_logits, labels):
    picked = class_logits.gather(1, labels.unsqueeze(1)).squeeze(1)
    return (torch.logsumexp(class_logits, dim=1) - picked).mean()


def my_class_losses(D, real, fake, y):
    real_logits, real_classes = D(real, y, classify=True)
    fake_logits, fake_classes = D(fake, y, classify=True)
    return ce(real_classes, y), ce(fake_classes, y)
''', True)

# RIGHT: log_softmax then nll_loss, a list comprehension, prints against ln 10
_answer("b12-halves-logsoftmax-print", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    halves = [F.nll_loss(F.log_softmax(D(images, y, classify=True)[1], dim=1), y) for images in (real, fake)]
    print(f"d_half {halves[0].item():.3f}, g_half {halves[1].item():.3f} (uniform guess: {math.log(10):.3f})")
    return tuple(halves)
''', True)

# MISTAKE: G's half on fake.detach(): the value is right but no gradient reaches G
_answer("b12-halves-g-detached", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake.detach(), y, classify=True)
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', False, words=["G's half has the right value"])

# MISTAKE: the two halves returned in the wrong order (g_half, d_half)
_answer("b12-halves-swapped", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    d_half = class_loss(D(real, y, classify=True)[1], y)
    return g_half, d_half
''', False, words=['the halves are swapped'])

# MISTAKE: real and fake through D in one concatenated batch: with batch norm in D, other numbers than separate batches
_answer("b12-halves-concat", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, class_logits = D(torch.cat([real, fake]), torch.cat([y, y]), classify=True)
    real_classes, fake_classes = class_logits.chunk(2)
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', True)

# MISTAKE: D switched to eval mode "so batch norm does not mix the batches", and left there
_answer("b12-halves-eval-mode", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    D.eval()
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', False, words=['your function switches D to eval'])

# MISTAKE: softmax over the batch dimension (dim=0) instead of the classes
_answer("b12-halves-softmax-dim0", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    def ce(logits):
        log_p = torch.log_softmax(logits, dim=0)
        return -log_p[torch.arange(len(y)), y].mean()
    return ce(D(real, y, classify=True)[1]), ce(D(fake, y, classify=True)[1])
''', False, words=["D's half takes the softmax over"])

# MISTAKE: D's half computed under torch.no_grad(): D cannot learn the classes from it
_answer("b12-halves-d-nograd", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():        # the real images need no gradient
        _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', False, words=["D's half returns a tensor without"])

# =====================================================================================================
# check_class_means (notebook 06): my_class_means(images, labels) -> float (10, 3, 32, 32)
# =====================================================================================================

# RIGHT: the hint: a float mean per class, stacked
_answer("b12-means-stack", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(dim=0) for c in range(10)])
''', True)

# RIGHT: sums with index_add_ and counts with bincount (one pass over the data)
_answer("b12-means-index-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    sums = torch.zeros(10, *images.shape[1:], dtype=torch.float32, device=images.device)
    sums.index_add_(0, labels, images.float())
    counts = torch.bincount(labels, minlength=10).float()
    return sums / counts.view(-1, 1, 1, 1)
''', True)

# RIGHT: one-hot matrix product, in float64 for the sums, returned as float32; prints the counts
_answer("b12-means-one-hot", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    one_hot = F.one_hot(labels.long(), 10).double()              # (N, 10)
    flat = images.reshape(len(images), -1).double()              # (N, 3*32*32)
    counts = one_hot.sum(0)
    print("images per class:", counts.long().tolist())
    means = (one_hot.T @ flat) / counts[:, None]
    return means.reshape(10, *images.shape[1:]).float()
''', True)

# MISTAKE: divides every class's sum by N / 10: right only when all classes are the same size
_answer("b12-means-equal-sizes", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    per_class = len(images) / 10
    return torch.stack([images[labels == c].float().sum(0) / per_class for c in range(10)])
''', False, words=['each sum is divided by N'])

# MISTAKE: range(labels.max()) stops one class short (9 means)
_answer("b12-means-off-by-one", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    n_classes = int(labels.max())
    return torch.stack([images[labels == c].float().mean(0) for c in range(n_classes)])
''', False, words=['one mean image per class'])

# MISTAKE: rounded back to uint8 (the rounding is the display cell's job)
_answer("b12-means-uint8", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.stack([images[labels == c].float().mean(0) for c in range(10)])
    return means.round().to(torch.uint8)
''', False, words=['the means come back as torch.uint8'])

# =====================================================================================================
# check_model_input (notebook 07): my_to_model_input(photos): uint8 (N, H, W, 3) -> float32 (N, 3, H, W) in [-1, 1]
# =====================================================================================================

# RIGHT: permute, float, /127.5 - 1
_answer("b12-input-permute", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', True)

# RIGHT: scale first (true division of uint8 gives float32), then permute
_answer("b12-input-scale-then-permute", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    scaled = (photos - 127.5) / 127.5     # uint8 minus a float: float32
    return scaled.permute(0, 3, 1, 2)
''', True)

# MISTAKE: reshape instead of permute: right shape, scrambled pixels
_answer("b12-input-reshape", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.reshape(n, c, h, w).float() / 127.5 - 1
''', False, words=['the shape is right but the'])

# MISTAKE: /128 - 1: white becomes 0.992, not 1
_answer("b12-input-128", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 128 - 1
''', False, words=['white (255) becomes 0.992'])

# MISTAKE: multiplies by 2 while still uint8: 255 * 2 wraps around to 254
_answer("b12-input-uint8-overflow", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return (photos * 2).permute(0, 3, 1, 2).float() / 255 - 1
''', False, words=['the arithmetic ran in uint8, which'])

# MISTAKE: permute(0, 3, 2, 1): (N, 3, W, H), the picture transposed (same shape for square pictures)
_answer("b12-input-transposed", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, words=['height and width are swapped'])

# MISTAKE: via NumPy: np.transpose then / 127.5 gives float64, not float32
_answer("b12-input-numpy-float64", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    arr = np.transpose(np.asarray(photos), (0, 3, 1, 2)) / 127.5 - 1
    return torch.from_numpy(arr)
''', False, words=['the values are right, but torch.float64'])

# =====================================================================================================
# check_answer: the numeric questions
# =====================================================================================================

# 00: D* where p_g = p_data
# RIGHT: one half
_answer("b12-num-dstar-half", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = (
    0.5
)
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# MISTAKE: 1 (D* on real data read as "certain it is real")
_answer("b12-num-dstar-one", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = (
    1.0
)
''', False, words=['D* = p_data /'], args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# 00: D's loss when every logit is 0
# RIGHT: 2 ln 2
_answer("b12-num-dloss0-2ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    2 * math.log(2)
)
''', True, args={"answer_name": "loss_d_at_indifference"})

# MISTAKE: ln 2 (one of the two terms only)
_answer("b12-num-dloss0-ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    math.log(2)
)
''', False, words=["that is one half of D's"], args={"answer_name": "loss_d_at_indifference"})

# 01: V(D*, G*)
# RIGHT: -log 4
_answer("b12-num-value-minus-log4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    -math.log(4)
)
''', True, args={"answer_name": "value_at_the_optimum"})

# MISTAKE: sign lost: +log 4 (D's loss, not the value)
_answer("b12-num-value-plus-log4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    math.log(4)
)
''', False, words=['the sign is flipped'], args={"answer_name": "value_at_the_optimum"})

# 02: class KL of one class out of ten
# RIGHT: ln 10
_answer("b12-num-kl1-ln10", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = (
    1.0 * math.log(1.0 / 0.1)
)
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# MISTAKE: sign flipped: -ln 10
_answer("b12-num-kl1-negative", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = (
    math.log(0.1)
)
''', False, words=['the sign is flipped'], args={"answer_name": "kl_for_one_class_of_ten"})

# 03: receptive field of D's second convolution
# RIGHT: 4 + (4 - 1) * 2 = 10
_answer("b12-num-rf-10", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = (
    4 + (4 - 1) * 2
)
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# MISTAKE: kernel times stride: 8
_answer("b12-num-rf-8", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = (
    4 * 2
)
''', False, words=['widens the view by (4 - 1) * 2'], args={"answer_name": "dcgan_28_receptive_field"})

# 06: accuracy of a label-blind generator
# RIGHT: one in ten
_answer("b12-num-blind-tenth", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = (
    1 / 10
)
''', True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: 1.0 (every image is a perfect photo, so "perfect accuracy")
_answer("b12-num-blind-one", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = (
    1.0
)
''', False, words=['the referee does recognise every image,'], args={"answer_name": "accuracy_of_a_label_blind_generator"})

# 10: class KL of two equal classes
# RIGHT: 2 * 0.5 * ln(0.5 / 0.1) = ln 5
_answer("b12-num-kl2-ln5", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    2 * 0.5 * math.log(0.5 / 0.1)
)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# RIGHT: with numpy over the whole histogram (0 ln 0 taken as 0)
_answer("b12-num-kl2-numpy", "check_answer", "class_kl_of_two_equal_classes", '''
p = np.array([0.5, 0.5] + [0.0] * 8)
nz = p > 0
class_kl_of_two_equal_classes = (
    float(np.sum(p[nz] * np.log(p[nz] / 0.1)))
)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: ln 2 (confuses the KL with the entropy of the two classes)
_answer("b12-num-kl2-ln2", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    math.log(2)
)
''', False, words=['ln 2 compares the two classes'], args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: one class's term only: 0.5 ln 5
_answer("b12-num-kl2-half", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    0.5 * math.log(0.5 / 0.1)
)
''', False, words=['that is half the answer'], args={"answer_name": "class_kl_of_two_equal_classes"})

# ---- 05 (new): length of 3/4 z0 + 1/4 z1 ----
# RIGHT: variance per coordinate (3/4)^2 + (1/4)^2 = 0.625, length sqrt(100 * 0.625) = 7.91
_answer("b12-num-quarter-sqrt", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = (
    math.sqrt(100 * ((3 / 4) ** 2 + (1 / 4) ** 2))
)
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# RIGHT: the exact mean length of a chi with 100 degrees of freedom times sqrt(0.625) (7.886, within 0.3% of 7.906)
_answer("b12-num-quarter-chi-mean", "check_answer", "length_at_a_quarter_of_the_line", '''
mean_length = math.sqrt(2) * math.exp(math.lgamma(50.5) - math.lgamma(50))   # E|z| for z ~ N(0, I_100), about 9.975
length_at_a_quarter_of_the_line = (
    mean_length * math.sqrt(0.75 ** 2 + 0.25 ** 2)
)
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: weights not squared: sqrt(3/4 + 1/4) * 10 = 10
_answer("b12-num-quarter-unsquared", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = (
    10 * math.sqrt(3 / 4 + 1 / 4)
)
''', False, words=["an end's length"], args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: no square root: 10 * 0.625 = 6.25 (variance factor used as a length factor)
_answer("b12-num-quarter-no-sqrt", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = (
    10 * ((3 / 4) ** 2 + (1 / 4) ** 2)
)
''', False, words=['that is 10 times the variance'], args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: the squared length 62.5 instead of the length
_answer("b12-num-quarter-squared", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = (
    100 * (0.75 ** 2 + 0.25 ** 2)
)
''', False, words=['that is the squared length, 100'], args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: lengths interpolated like the far point: 3/4 * 10 = 7.5 (z1's part dropped)
_answer("b12-num-quarter-linear", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = (
    3 / 4 * 10
)
''', False, words=["that scales an end's length by"], args={"answer_name": "length_at_a_quarter_of_the_line"})

# ---- 08 (new): Inception Score of five sure, balanced classes ----
# RIGHT: exp(KL(one-hot || uniform over 5)) = exp(ln 5) = 5
_answer("b12-num-is-five", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = (
    5
)
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# RIGHT: computed from the definition with numpy (one-hot p(y|x), marginal over ten classes)
_answer("b12-num-is-numpy", "check_answer", "inception_score_of_five_sure_classes", '''
p_y_given_x = np.zeros((1000, 10))
p_y_given_x[np.arange(1000), np.arange(1000) % 5] = 1.0
p_y = p_y_given_x.mean(0)
with np.errstate(divide="ignore", invalid="ignore"):
    kl = np.where(p_y_given_x > 0, p_y_given_x * np.log(p_y_given_x / p_y), 0.0).sum(1)
inception_score_of_five_sure_classes = (
    float(np.exp(kl.mean()))
)
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: the log of the score: ln 5 = 1.61
_answer("b12-num-is-log", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = (
    math.log(5)
)
''', False, words=['that is the KL itself, ln'], args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: 10, "sure predictions give the maximum"
_answer("b12-num-is-ten", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = (
    10.0
)
''', False, words=['10 is the largest score, with'], args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: the fraction of classes covered, 5/10
_answer("b12-num-is-fraction", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = (
    5 / 10
)
''', False, words=['the score is not a fraction'], args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: exp of the marginal's KL from the uniform over ten: exp(ln 2) = 2
_answer("b12-num-is-marginal-kl", "check_answer", "inception_score_of_five_sure_classes", '''
p_y = np.array([0.2] * 5 + [0.0] * 5)
kl_marginal_from_uniform = sum(p * math.log(p / 0.1) for p in p_y if p > 0)
inception_score_of_five_sure_classes = (
    math.exp(kl_marginal_from_uniform)
)
''', False, words=['exp(ln 2)'], args={"answer_name": "inception_score_of_five_sure_classes"})

# ---- 10 (new): ratio of the two slopes at s = -6 ----
# RIGHT: (1 - sigma(s)) / sigma(s) = e^{-s} = e^6 = 403.4
_answer("b12-num-ratio-exp6", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = (
    math.exp(6)
)
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# RIGHT: measured with autograd on both losses at s = -6, in double precision
_answer("b12-num-ratio-autograd", "check_answer", "slope_ratio_at_logit_minus_6", '''
s = torch.tensor(-6.0, dtype=torch.float64, requires_grad=True)
saturating, = torch.autograd.grad(torch.log(1 - torch.sigmoid(s)), s)
non_saturating, = torch.autograd.grad(-torch.log(torch.sigmoid(s)), s)
slope_ratio_at_logit_minus_6 = (
    (non_saturating / saturating).item()
)
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: the ratio upside down: sigma(s) / (1 - sigma(s)) = e^-6
_answer("b12-num-ratio-inverse", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = (
    math.exp(-6)
)
''', False, words=['that is the ratio upside down,'], args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: the log of the ratio, -s = 6
_answer("b12-num-ratio-log", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = (
    6
)
''', False, words=["that is the logit's size"], args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: from the rounded D(G(z)) = 0.0025 of the text: 0.9975 / 0.0025 = 399 (1% off)
_answer("b12-num-ratio-rounded", "check_answer", "slope_ratio_at_logit_minus_6", '''
d = 0.0025
slope_ratio_at_logit_minus_6 = (
    (1 - d) / d
)
''', False, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: 1 / sigma(s) = 1 + e^6 = 404.4 instead of (1 - sigma) / sigma (0.25% off)
_answer("b12-num-ratio-one-over-sigma", "check_answer", "slope_ratio_at_logit_minus_6", '''
sigma = 1 / (1 + math.exp(6))
slope_ratio_at_logit_minus_6 = (
    1 / sigma
)
''', False, ["1 / sigmoid(-6)"], args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: the square, e^12 (ratio of the squared slopes)
_answer("b12-num-ratio-squared", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = (
    math.exp(6) ** 2
)
''', False, words=['square of the answer'], args={"answer_name": "slope_ratio_at_logit_minus_6"})
