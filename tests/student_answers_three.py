"""A third, independent population of student answers to the course's self-checking exercises (same format as
``student_answers_two.py``): new answers in the styles students bring (PyTorch's DCGAN tutorial, d2l.ai, Keras
translated to PyTorch, lecture slides, classmates' code), each checked for rightness against ``ganlib`` on toy
inputs (same seeds, results compared) before its ``ok`` was set.
"""

from answer_format import battery

ANSWERS, _answer, _step = battery()


# ======================================================================================================
# check_discriminator_loss
# ======================================================================================================

_answer("three-loss-d-tf-stable-formula", "check_discriminator_loss", "d_loss", """\
def _sigmoid_xent(logits, labels):
    # tf.nn.sigmoid_cross_entropy_with_logits: max(x, 0) - x * z + log(1 + exp(-|x|))
    return torch.clamp(logits, min=0) - logits * labels + torch.log1p(torch.exp(-logits.abs()))

def d_loss(real_logits, fake_logits):
    return _sigmoid_xent(real_logits, torch.ones_like(real_logits)).mean() + \\
           _sigmoid_xent(fake_logits, torch.zeros_like(fake_logits)).mean()
""", True)

_answer("three-loss-d-new-ones-new-zeros", "check_discriminator_loss", "disc_loss", """\
def disc_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, real_logits.new_ones(real_logits.shape))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, fake_logits.new_zeros(fake_logits.shape))
    total_loss = real_loss + fake_loss
    return total_loss
""", True)

_answer("three-loss-d-full-like-helper", "check_discriminator_loss", "my_discriminator_loss", """\
def bce(logits, value):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, value))

def my_discriminator_loss(real_logits, fake_logits):
    return bce(real_logits, 1.0) + bce(fake_logits, 0.0)
""", True)

_answer("three-loss-d-cat-times-two", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    # the mean over 2B is half the sum of the two means: times 2
    return 2 * F.binary_cross_entropy_with_logits(logits, targets)
""", True)

_answer("three-loss-d-explicit-reduction-float", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    r, f = real_logits.float(), fake_logits.float()
    loss_real = nn.functional.binary_cross_entropy_with_logits(r, torch.ones(r.shape), reduction="mean")
    loss_fake = nn.functional.binary_cross_entropy_with_logits(f, torch.zeros(f.shape), reduction="mean")
    return loss_real + loss_fake
""", True)

_answer("three-loss-d-softplus-slides", "check_discriminator_loss", "loss_D", """\
def loss_D(real_logits, fake_logits):
    # slide 14: -log sigma(a) = softplus(-a),  -log(1 - sigma(a)) = softplus(a)
    return torch.mean(torch.nn.functional.softplus(-real_logits)) + \\
        torch.mean(torch.nn.functional.softplus(fake_logits))
""", True)

_answer("three-loss-d-least-squares", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    mse = nn.MSELoss()
    return mse(real_logits, torch.ones_like(real_logits)) + mse(fake_logits, torch.zeros_like(fake_logits))
""", False, ["squar"])

_answer("three-loss-d-fake-term-subtracted", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # D wants the real loss small and the fake loss big
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real - fake
""", False, ["subtracted"])

_answer("three-loss-d-column-targets", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    valid = torch.ones(real_logits.size(0), 1)   # Keras: np.ones((batch_size, 1))
    fake = torch.zeros(fake_logits.size(0), 1)
    return F.binary_cross_entropy_with_logits(real_logits, valid) + F.binary_cross_entropy_with_logits(fake_logits, fake)
""", False, ["shape"])

_answer("three-loss-d-returns-pair", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_loss, fake_loss
""", False, ["tuple"])

_answer("three-loss-d-both-targets-one", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    ones = torch.ones_like(real_logits)
    return F.binary_cross_entropy_with_logits(real_logits, ones) + F.binary_cross_entropy_with_logits(fake_logits, ones)
""", False, ["fake", "0"])

_answer("three-loss-d-mean-logit-first", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    r, f = real_logits.mean(), fake_logits.mean()   # one score per batch
    return F.binary_cross_entropy_with_logits(r, torch.tensor(1.0)) + F.binary_cross_entropy_with_logits(f, torch.tensor(0.0))
""", False, ["mean"])


# ======================================================================================================
# check_generator_loss
# ======================================================================================================

_answer("three-loss-g-new-ones", "check_generator_loss", "gen_loss", """\
def gen_loss(fake_output):
    # TF DCGAN tutorial: cross_entropy(tf.ones_like(fake_output), fake_output)
    return nn.BCEWithLogitsLoss()(fake_output, fake_output.new_ones(fake_output.shape))
""", True)

_answer("three-loss-g-tf-stable-formula", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    x = fake_logits
    return torch.mean(torch.clamp(x, min=0) - x + torch.log1p(torch.exp(-torch.abs(x))))
""", True)

_answer("three-loss-g-none-then-mean", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    per_image = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="none")
    return per_image.mean()
""", True)

_answer("three-loss-g-reuses-d-loss-half", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # G wants D to call its fakes real: the 'real' half of D's loss, on the fakes
    return generator_loss(fake_logits)
""", True)

_answer("three-loss-g-negative-d-fake-term", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # minimax: G maximises D's loss on the fakes
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
""", False, ["saturating"])

_answer("three-loss-g-probability-maximised", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # G wants D(G(z)) -> 1
    return -torch.sigmoid(fake_logits).mean()
""", False, ["log"])

_answer("three-loss-g-smoothed-target", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.full_like(fake_logits, 0.9))  # label smoothing
""", False, ["smooth"])

_answer("three-loss-g-arguments-swapped", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(torch.ones_like(fake_logits), fake_logits)
""", False, ["argument"])

_answer("three-loss-g-squared-error", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return ((torch.sigmoid(fake_logits) - 1) ** 2).mean()
""", False, ["squar"])


# ======================================================================================================
# check_train_step, unconditional
# ======================================================================================================

_step("three-step-tutorial-fill-two-backwards", "train_one_batch", """\
real_label, fake_label = 1., 0.
criterion = nn.BCEWithLogitsLoss()

def train_one_batch(netG, netD, optimizerG, optimizerD, real_cpu, y=None):
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    netD.zero_grad()
    b_size = real_cpu.size(0)
    label = torch.full((b_size,), real_label, dtype=torch.float)
    output = netD(real_cpu).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()
    noise = torch.randn(b_size, netG.latent_dim)
    fake = netG(noise)
    label.fill_(fake_label)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    optimizerD.step()
    # (2) Update G network: maximize log(D(G(z)))
    netG.zero_grad()
    label.fill_(real_label)
    output = netD(fake).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
""", True)

_step("three-step-d2l-mean-halved", "train_batch", """\
def update_D(X, Z, net_D, net_G, loss, trainer_D):
    batch_size = X.shape[0]
    ones = torch.ones((batch_size,), device=X.device)
    zeros = torch.zeros((batch_size,), device=X.device)
    trainer_D.zero_grad()
    real_Y = net_D(X)
    fake_X = net_G(Z)
    fake_Y = net_D(fake_X.detach())
    loss_D = (loss(real_Y, ones.reshape(real_Y.shape)) + loss(fake_Y, zeros.reshape(fake_Y.shape))) / 2
    loss_D.backward()
    trainer_D.step()
    return loss_D, fake_X, real_Y, fake_Y

def update_G(fake_X, net_D, loss, trainer_G):
    ones = torch.ones((fake_X.shape[0],), device=fake_X.device)
    trainer_G.zero_grad()
    fake_Y = net_D(fake_X)
    loss_G = loss(fake_Y, ones.reshape(fake_Y.shape))
    loss_G.backward()
    trainer_G.step()
    return loss_G

def train_batch(net_G, net_D, trainer_G, trainer_D, X, y=None):
    loss = nn.BCEWithLogitsLoss()
    Z = torch.normal(0, 1, size=(X.shape[0], net_G.latent_dim))
    loss_D, fake_X, real_Y, fake_Y = update_D(X, Z, net_D, net_G, loss, trainer_D)
    loss_G = update_G(fake_X, net_D, loss, trainer_G)
    return {"loss_d": loss_D.detach(), "loss_g": loss_G.detach(),
            "d_real": torch.sigmoid(real_Y).mean().detach(), "d_fake": torch.sigmoid(fake_Y).mean().detach()}
""", True)

_step("three-step-autograd-grad-for-g", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)
    opt_d.zero_grad()
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    # only G's gradients: D's .grad is never touched
    loss_g = generator_loss(D(fake))
    g_params = [p for p in G.parameters() if p.requires_grad]
    grads = torch.autograd.grad(loss_g, g_params)
    for p, g in zip(g_params, grads):
        p.grad = g
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True)

_step("three-step-extra-keys-cpu", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    G.train(); D.train()
    z = torch.randn(x.size(0), G.latent_dim, device=x.device, dtype=x.dtype)
    fake = G(z)
    opt_d.zero_grad(set_to_none=True)
    out_real = D(x)
    out_fake = D(fake.detach())
    err_d = discriminator_loss(out_real, out_fake)
    err_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    err_g = generator_loss(D(fake))
    err_g.backward()
    opt_g.step()
    with torch.no_grad():
        stats = {"loss_d": err_d.cpu(), "loss_g": err_g.cpu(),
                 "d_real": out_real.sigmoid().mean().cpu(), "d_fake": out_fake.sigmoid().mean().cpu(),
                 "batch_size": torch.tensor(len(x))}
    return stats
""", False, ["detach"])  # decided after blind round 6: notebook 01 asks for detached tensors

_step("three-step-keras-style-valid-fake", "train_on_batch", """\
def train_on_batch(generator, discriminator, g_optimizer, d_optimizer, imgs, labels=None):
    batch_size = imgs.shape[0]
    valid = torch.ones(batch_size)
    fake = torch.zeros(batch_size)
    adversarial_loss = torch.nn.BCEWithLogitsLoss()

    # ---------------------
    #  Train Discriminator
    # ---------------------
    noise = torch.randn(batch_size, generator.latent_dim)
    gen_imgs = generator(noise)
    d_optimizer.zero_grad()
    validity_real = discriminator(imgs)
    validity_fake = discriminator(gen_imgs.detach())
    d_loss = 0.5 * (adversarial_loss(validity_real, valid) + adversarial_loss(validity_fake, fake))
    d_loss.backward()
    d_optimizer.step()

    # ---------------------
    #  Train Generator
    # ---------------------
    g_optimizer.zero_grad()
    g_loss = adversarial_loss(discriminator(gen_imgs), valid)
    g_loss.backward()
    g_optimizer.step()
    return {"loss_d": d_loss.detach(), "loss_g": g_loss.detach(),
            "d_real": torch.sigmoid(validity_real).mean().detach(),
            "d_fake": torch.sigmoid(validity_fake).mean().detach()}
""", True)

_step("three-step-helper-phases", "my_train_step", """\
def d_phase(D, opt_d, real, fake):
    opt_d.zero_grad()
    r, f = D(real), D(fake)
    loss = discriminator_loss(r, f)
    loss.backward()
    opt_d.step()
    return loss, r, f

def g_phase(D, opt_g, fake):
    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss = generator_loss(D(fake))
    loss.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return loss

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))
    loss_d, r, f = d_phase(D, opt_d, x, fake.detach())
    loss_g = g_phase(D, opt_g, fake)
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=r.detach().sigmoid().mean(), d_fake=f.detach().sigmoid().mean())
""", True)

_step("three-step-d2l-sum-reduction", "train_batch", """\
def train_batch(net_G, net_D, trainer_G, trainer_D, X, y=None):
    loss = nn.BCEWithLogitsLoss(reduction='sum')     # as in d2l.ai, chapter 20.1
    batch_size = X.shape[0]
    ones, zeros = torch.ones(batch_size), torch.zeros(batch_size)
    Z = torch.normal(0, 1, size=(batch_size, net_G.latent_dim))
    trainer_D.zero_grad()
    real_Y = net_D(X)
    fake_X = net_G(Z)
    fake_Y = net_D(fake_X.detach())
    loss_D = (loss(real_Y, ones) + loss(fake_Y, zeros)) / 2
    loss_D.backward()
    trainer_D.step()
    trainer_G.zero_grad()
    loss_G = loss(net_D(fake_X), ones)
    loss_G.backward()
    trainer_G.step()
    return {"loss_d": loss_D.detach(), "loss_g": loss_G.detach(),
            "d_real": torch.sigmoid(real_Y).mean().detach(), "d_fake": torch.sigmoid(fake_Y).mean().detach()}
""", False, ["sum"])

_step("three-step-zero-grad-between-backwards", "train_one_batch", """\
criterion = nn.BCEWithLogitsLoss()

def train_one_batch(netG, netD, optimizerG, optimizerD, real, y=None):
    b = real.size(0)
    out_real = netD(real)
    errD_real = criterion(out_real, torch.ones(b))
    optimizerD.zero_grad()
    errD_real.backward()
    fake = netG(torch.randn(b, netG.latent_dim))
    out_fake = netD(fake.detach())
    errD_fake = criterion(out_fake, torch.zeros(b))
    optimizerD.zero_grad()          # clean before the second backward
    errD_fake.backward()
    optimizerD.step()
    optimizerG.zero_grad()
    errG = criterion(netD(fake), torch.ones(b))
    errG.backward()
    optimizerG.step()
    return {"loss_d": (errD_real + errD_fake).detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(out_real).mean().detach(), "d_fake": torch.sigmoid(out_fake).mean().detach()}
""", False, ["zero_grad"])

_step("three-step-copy-paste-opt-d-for-g", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["opt_d.step()"])

_step("three-step-optimizers-swapped", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))
    # discriminator
    opt_g.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_g.step()
    # generator
    opt_d.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["opt_d"])

_step("three-step-sigmoid-of-mean-logit", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
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
            "d_real": torch.sigmoid(real_logits.mean()).detach(), "d_fake": torch.sigmoid(fake_logits.mean()).detach()}
""", False, ["sigmoid"])

_step("three-step-minimax-g-maximises-d-loss", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # min_G max_D V(D, G): G minimises the same V that D maximises
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = -discriminator_loss(real_logits.detach(), D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["saturating"])

_step("three-step-fake-target-minus-one", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    valid, fake_t = torch.ones(len(x)), -torch.ones(len(x))   # Keras WGAN example: -1 for fakes
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = F.binary_cross_entropy_with_logits(real_logits, valid) + F.binary_cross_entropy_with_logits(fake_logits, fake_t)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = F.binary_cross_entropy_with_logits(D(fake), valid)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["target"])

_step("three-step-g-loss-on-real-images", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(x))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["through the fakes"])

_step("three-step-reseeded-noise", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    gen = torch.Generator().manual_seed(1234)   # reproducible runs
    z = torch.randn(len(x), G.latent_dim, generator=gen)
    fake = G(z)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
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
""", False, ["noise"])

_step("three-step-typo-fake-logit", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logit)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["fake_logit"], student_bug=True)


# ======================================================================================================
# check_train_step, conditional
# ======================================================================================================

_step("three-cond-images-labels-names", "cgan_step", """\
bce = nn.BCEWithLogitsLoss()

def cgan_step(G, D, opt_g, opt_d, images, labels):
    n = images.size(0)
    noise = torch.randn(n, G.latent_dim)
    gen = G(noise, labels)
    opt_d.zero_grad()
    d_out_real = D(images, labels)
    d_out_fake = D(gen.detach(), labels)
    d_loss = bce(d_out_real, torch.ones(n)) + bce(d_out_fake, torch.zeros(n))
    d_loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    g_loss = bce(D(gen, labels), torch.ones(n))
    g_loss.backward()
    opt_g.step()
    return {"loss_d": d_loss.detach(), "loss_g": g_loss.detach(),
            "d_real": d_out_real.sigmoid().mean().detach(), "d_fake": d_out_fake.sigmoid().mean().detach()}
""", True, setting="conditional")

_step("three-cond-judge-lambda", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    judge = lambda imgs: D(imgs, y)        # every image in this step is about the digits y
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, fake_logits = judge(x), judge(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    with torch.no_grad():
        d_real, d_fake = torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(judge(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
""", True, setting="conditional")

_step("three-cond-tutorial-zero-both-at-g", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    D.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    G.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()      # D's grads get junk here, but D.zero_grad() clears them next step
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="conditional")

_step("three-cond-labels-as-long-default", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y=None):
    y = y.long().to(x.device)
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = F.softplus(-D(fake, y)).mean()
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="conditional")

_step("three-cond-real-judged-with-shuffled-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y_shuffled = y[torch.randperm(len(y))]
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y_shuffled), D(fake.detach(), y)
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
""", False, ["real", "label"], setting="conditional")

_step("three-cond-g-loss-uses-real-logits", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(fake_logits)   # already have D's opinion of the fakes
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["before"], setting="conditional")

_step("three-cond-label-zero-for-g", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, torch.zeros_like(y)))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["label"], setting="conditional")

_step("three-cond-no-labels-anywhere", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    # copied from notebook 01
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["label"], setting="conditional")


# ======================================================================================================
# check_train_step, R1
# ======================================================================================================

_step("three-r1-stylegan2-style", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    do_r1 = r1_gamma > 0
    real_img_tmp = x.detach().requires_grad_(do_r1)
    real_logits = D(real_img_tmp)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if do_r1:
        r1_grads = torch.autograd.grad(outputs=[real_logits.sum()], inputs=[real_img_tmp], create_graph=True,
                                       only_inputs=True)[0]
        r1_pen = r1_grads.square().sum(dim=[1, 2, 3])
        total = total + (r1_pen * (r1_gamma / 2)).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="r1")

_step("three-r1-helper-clone", "my_dcgan_step", """\
def gradient_penalty(d_out, x_in):
    g, = torch.autograd.grad(d_out.sum(), x_in, create_graph=True)
    return g.pow(2).reshape(g.size(0), -1).sum(1).mean()

def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    x_in = x.clone().requires_grad_(True)
    real_logits = D(x_in)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    reg = 0.5 * r1_gamma * gradient_penalty(real_logits, x_in) if r1_gamma != 0 else torch.zeros(())
    (loss_d + reg).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="r1")

_step("three-r1-always-computed", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_penalty(real_logits, x)        # times 0 when R1 is off
    (loss_d + r1_gamma * 0.5 * penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="r1")

_step("three-r1-einsum-norm", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach()
        x.requires_grad = True
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad = torch.autograd.grad(real_logits, x, grad_outputs=torch.ones_like(real_logits), create_graph=True)[0]
        flat = grad.flatten(start_dim=1)
        loss = loss + r1_gamma / 2 * torch.einsum("bi,bi->b", flat, flat).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="r1")

_step("three-r1-gradient-of-probability", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    x = x.detach().requires_grad_(bool(r1_gamma))
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    pen = 0.0
    if r1_gamma:
        d_real = torch.sigmoid(real_logits)   # D's output is a probability
        g, = torch.autograd.grad(d_real.sum(), x, create_graph=True)
        pen = r1_gamma / 2 * g.pow(2).flatten(1).sum(1).mean()
    (loss_d + pen).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["logit"], setting="r1")

_step("three-r1-penalty-subtracted", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        loss_total = loss_d - r1_gamma / 2 * r1_penalty(real_logits, x)
    else:
        loss_total = loss_d
    loss_total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["subtracted"], setting="r1")

_step("three-r1-penalty-item", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_penalty(real_logits, x).item() if r1_gamma else 0.0   # log it as a number
    (loss_d + r1_gamma / 2 * penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["penalty"], setting="r1")


# ======================================================================================================
# check_train_step, class loss
# ======================================================================================================

_step("three-class-acgan-aux-criterion", "my_step", """\
adversarial_loss = nn.BCEWithLogitsLoss()
auxiliary_loss = nn.CrossEntropyLoss()

def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    n = len(x)
    valid, fake_t = torch.ones(n), torch.zeros(n)
    gen_imgs = G(torch.randn(n, G.latent_dim), y)
    opt_d.zero_grad()
    if class_weight > 0:
        real_pred, real_aux = D(x, y, classify=True)
        d_aux = auxiliary_loss(real_aux, y)
    else:
        real_pred, d_aux = D(x, y), torch.tensor(0.0)
    fake_pred = D(gen_imgs.detach(), y)
    d_adv = adversarial_loss(real_pred, valid) + adversarial_loss(fake_pred, fake_t)
    (d_adv + class_weight * d_aux).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight > 0:
        validity, pred_label = D(gen_imgs, y, classify=True)
        g_aux = auxiliary_loss(pred_label, y)
    else:
        validity, g_aux = D(gen_imgs, y), torch.tensor(0.0)
    g_adv = adversarial_loss(validity, valid)
    (g_adv + class_weight * g_aux).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": d_adv.detach(), "loss_g": g_adv.detach(),
            "d_real": real_pred.sigmoid().mean().detach(), "d_fake": fake_pred.sigmoid().mean().detach()}
""", True, setting="class")

_step("three-class-helper-judge", "my_step", """\
def judged(D, imgs, labels, w):
    # D's logits and w x its class loss (0 when the class loss is off)
    if not w:
        return D(imgs, labels), 0.0
    logits, cls = D(imgs, labels, classify=True)
    return logits, w * F.cross_entropy(cls, labels)

def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, naming = judged(D, x, y, class_weight)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, naming_g = judged(D, fake, y, class_weight)
    loss_g = generator_loss(logits)
    (loss_g + naming_g).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="class")

_step("three-class-tutorial-no-freeze-zero-at-start", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    opt_d.zero_grad(); opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim), y)
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * class_loss(g_cls, y)).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="class")

_step("three-class-g-confuses-classifier", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g - class_weight * class_loss(g_cls, y)).backward()   # G fools D, also about the class
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["subtracted"], setting="class")

_step("three-class-weight-only-in-d", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_loss(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["class_weight"], setting="class")

_step("three-class-loss-on-adversarial-logits", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    # G: the digit must be recognised -> D's class loss (real part only)
    (loss_g + class_weight * class_loss(real_cls.detach(), y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["class loss"], setting="class")


# ======================================================================================================
# check_conditional_net
# ======================================================================================================

_answer("three-net-g-concat-axis", "check_conditional_net", "CondGenerator", """\
class CondGenerator(MLPGenerator):
    def forward(self, z, y):
        inp = torch.concat([z, self.label_embedding(y)], axis=1)
        return self.net(inp).unflatten(1, self.image_shape)
""", True)

_answer("three-net-g-weight-indexing", "check_conditional_net", "CondGenerator", """\
class CondGenerator(MLPGenerator):
    def forward(self, z, y):
        label_vec = self.label_embedding.weight[y]   # same rows as self.label_embedding(y)
        out = self.net(torch.cat((z, label_vec), dim=-1))
        return out.view(z.size(0), *self.image_shape)
""", True)

_answer("three-net-d-gather-all-classes", "check_conditional_net", "ProjDiscriminator", """\
class ProjDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.view(x.size(0), -1))
        all_classes = phi @ self.label_embedding.weight.T        # (B, n_classes)
        proj = all_classes.gather(1, y.unsqueeze(1)).squeeze(1)
        return self.out(phi).view(-1) + proj
""", True)

_answer("three-net-d-keepdim-squeeze", "check_conditional_net", "ProjDiscriminator", """\
class ProjDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(torch.flatten(x, 1))
        e = self.label_embedding(y)
        logit = self.out(h) + torch.sum(h * e, dim=-1, keepdim=True)
        return logit.squeeze()
""", True)

_answer("three-net-g-double-tanh", "check_conditional_net", "CondGenerator", """\
class CondGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        img = torch.tanh(self.net(h))          # images in [-1, 1]
        return img.view(len(z), *self.image_shape)
""", False, ["tanh"])

_answer("three-net-g-cat-dim-0", "check_conditional_net", "CondGenerator", """\
class CondGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)])
        return self.net(h).view(len(z), *self.image_shape)
""", False, ["dim"], student_bug=True)  # an ordinary shape bug in their own line

_answer("three-net-d-mean-not-sum", "check_conditional_net", "ProjDiscriminator", """\
class ProjDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(1)
""", False, ["sum"])

_answer("three-net-d-label-concatenated", "check_conditional_net", "ProjDiscriminator", """\
class ProjDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        # like the generator: label next to the pixels
        h = torch.cat([x.flatten(1), self.label_embedding(y)], dim=1)
        return self.out(self.features(h)).squeeze(1)
""", False, ["projection"])


# ======================================================================================================
# check_block_shapes
# ======================================================================================================

UP = {"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)}
FIRST = {"input_shape": (2, 3, 64, 64), "expected": (2, 16, 32, 32)}

_answer("three-block-sequential-subclass", "check_block_shapes", "UpBlock", """\
class UpBlock(nn.Sequential):
    def __init__(self, c_in, c_out):
        super().__init__(
            nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(c_out),
            nn.ReLU(inplace=True),
        )
""", True, args=UP)

_answer("three-block-tuple-arguments", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False),
        nn.BatchNorm2d(c_out, momentum=0.1, eps=1e-5),
        nn.ReLU(),
    )
""", True, args=UP)

_answer("three-block-upsampling-nearest", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    # resize-convolution (Odena et al., Distill 2016): no checkerboard
    return nn.Sequential(nn.UpsamplingNearest2d(scale_factor=2),
                         nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
""", True, args=UP)

_answer("three-first-layer-kernel-5", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Conv2d(3, 16, kernel_size=5, stride=2, padding=2)   # Radford et al. used 5x5
""", False, ["kernel"], args=FIRST)  # decided after blind round 6: the notebooks ask for kernel 4

_answer("three-first-layer-no-bias-leaky", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, stride=2, padding=1, bias=False), nn.LeakyReLU(0.2, True))
""", True, args=FIRST)

_answer("three-block-upsample-conv-no-padding", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU())
""", False, ["12"], args=UP)

_answer("three-block-batchnorm1d", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm1d(c_out), nn.ReLU())
""", False, ["batchnorm2d"], args=UP)

_answer("three-block-sigmoid", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.Sigmoid())
""", False, ["relu"], args=UP)

_answer("three-block-returns-list", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]
""", True, args=UP)  # ConvGenerator unpacks the list: works in the course

_answer("three-first-layer-avg-pool", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.AvgPool2d(2))
""", False, ["pool"], args=FIRST)

_answer("three-first-layer-32-channels", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Conv2d(3, 32, 4, 2, 1)
""", False, ["32, 32, 32"], args=FIRST)


# ======================================================================================================
# check_slerp
# ======================================================================================================

_answer("three-slerp-dcgan-code-numpy-wrapper", "check_slerp", "my_slerp", """\
def _slerp(val, low, high):
    # from Tom White's 'Sampling Generative Networks' code
    omega = np.arccos(np.clip(np.dot(low / np.linalg.norm(low), high / np.linalg.norm(high)), -1, 1))
    so = np.sin(omega)
    if so == 0:
        return (1.0 - val) * low + val * high
    return np.sin((1.0 - val) * omega) / so * low + np.sin(val * omega) / so * high

def my_slerp(z0, z1, t):
    a, b = z0.numpy(), z1.numpy()
    return torch.stack([torch.as_tensor(_slerp(float(v), a, b), dtype=z0.dtype) for v in t])
""", True)

_answer("three-slerp-as-tensor-scalar-or-vector", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    cos_omega = (z0 @ z1) / (torch.linalg.vector_norm(z0) * torch.linalg.vector_norm(z1))
    omega = torch.acos(torch.clamp(cos_omega, -1.0, 1.0))
    s = torch.sin(omega)
    return torch.sin((1.0 - t) * omega) / s * z0 + torch.sin(t * omega) / s * z1
""", True)

_answer("three-slerp-with-fallback", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t, eps=1e-6):
    t = t.view(-1, 1)
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.acos((u0 * u1).sum().clamp(-1 + eps, 1 - eps))
    if torch.sin(omega) < eps:
        return (1 - t) * z0 + t * z1
    w0 = torch.sin((1 - t) * omega) / torch.sin(omega)
    w1 = torch.sin(t * omega) / torch.sin(omega)
    return w0 * z0 + w1 * z1
""", True)

_answer("three-slerp-divided-by-omega", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / omega
""", False, ["sin"])

_answer("three-slerp-columns", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(1, -1)                      # one column per t
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0[:, None] + torch.sin(t * omega) * z1[:, None]) / torch.sin(omega)
""", False, ["shape"])

_answer("three-slerp-angle-z0-with-itself", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    n0, n1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.arccos(torch.dot(n0, n0).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", False, ["straight line"])  # angle ~0, so it degenerates to the straight line

_answer("three-slerp-cos-weights", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return torch.cos(t * omega) * z0 + torch.sin(t * omega) * z1
""", False, ["cos(t w)"])


# ======================================================================================================
# check_frechet_distance
# ======================================================================================================

_answer("three-frechet-disp-false", "check_frechet_distance", "my_frechet", """\
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    covmean = covmean.real
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
""", True)

_answer("three-frechet-from-import", "check_frechet_distance", "my_frechet", """\
from scipy.linalg import sqrtm

def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    s = sqrtm(sigma1 @ sigma2)
    if np.iscomplexobj(s):
        s = s.real
    return diff.dot(diff) + np.trace(sigma1 + sigma2 - 2.0 * s)    # np.float64 is a float
""", True)

_answer("three-frechet-eigvals-numpy", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    # Tr((S1 S2)^1/2) = sum of square roots of the eigenvalues of S1 S2
    eig = np.linalg.eigvals(sigma1 @ sigma2)
    tr_covmean = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean)
""", True)

_answer("three-frechet-elementwise-product", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = scipy.linalg.sqrtm(sigma1 * sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
""", False, ["element"])

_answer("three-frechet-dot-of-means", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.dot(mu1, mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
""", False, ["mean"])

_answer("three-frechet-plus-root", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 + 2 * covmean))
""", False, ["sign"])


# ======================================================================================================
# check_answer
# ======================================================================================================

def _number(id, answer_name, source, ok, words=()):
    _answer(id, "check_answer", "value", source, ok, words, {"answer_name": answer_name})


_number("three-answer-optimum-log-quarter", "value_at_the_optimum", "value = math.log(0.25)", True)
_number("three-answer-optimum-two-halves", "value_at_the_optimum", "value = np.log(0.5) * 2", True)
_number("three-answer-midpoint-ten-over-root-2", "length_of_straight_midpoint", "value = 10 / math.sqrt(2)", True)
_number("three-answer-label-weights-784", "label_channel_weights", "value = 10 * 784", True)
_number("three-answer-is-exp-log", "inception_score_max_10_classes", "value = math.exp(math.log(10))", True)
_number("three-answer-upsamplings-32-len", "upsamplings_for_32", "value = len([8, 16, 32])", True)
_number("three-answer-noise-np-sqrt", "length_of_100d_noise", "value = np.sqrt(100)", True)
_number("three-answer-g-indifference-minus-log-half", "loss_g_at_indifference", "value = -math.log(0.5)", True)

_number("three-answer-label-weights-one-map", "label_channel_weights", "value = 28 * 28", False, ["class"])
_number("three-answer-midpoint-half", "length_of_straight_midpoint", "value = 10 / 2", False, ["half"])
_number("three-answer-noise-squared", "length_of_100d_noise", "value = 100", False, ["square"])
_number("three-answer-upsamplings-32-from-1", "upsamplings_for_32", "value = int(math.log2(32))", False, ["4x4"])
_number("three-answer-optimal-d-percent", "optimal_d_when_pg_equals_pdata", "value = 50  # percent", False,
        ["probability"])
_number("three-answer-class-loss-is-chance", "class_loss_at_chance", "value = 0.1", False, ["log"])
_number("three-answer-optimum-one-term", "value_at_the_optimum", "value = math.log(0.5)", False, ["half"])
