"""A population of student answers to the course's self-checking exercises, as data.

Each answer is the source a student might type into a notebook cell, the name of the object that source defines
(what the notebook passes to the check), whether it is right (``ok``), and for a wrong one the words the tutor's
message must contain (``words``, all of them, any case). ``student_bug`` marks the one kind of wrong answer whose
verdict may show a traceback: an ordinary bug in the student's own code (a typo), as opposed to a GAN mistake the
check must explain in words. ``args`` are the check's keyword arguments (``answer_name`` for ``check_answer``,
``input_shape`` and ``expected`` for ``check_block_shapes``).

The answers are written from the exercises' specification, not from the checks' code: an independent population
that the checks are measured against (``tests/test_tutor_battery.py``). Each source runs in a fresh namespace that
already holds ``math, np, scipy, scipy.linalg, torch, nn, F``, ``discriminator_loss, generator_loss, class_loss,
r1_penalty`` and ``MLPGenerator, MLPDiscriminator``; some sources import what they use anyway, as students do.
"""

from answer_format import battery

ANSWERS, _answer, _step = battery()


# ======================================================================================================
# check_discriminator_loss: loss_d(real_logits, fake_logits) -> 0-d tensor
# ======================================================================================================

_answer("loss-d-notebook", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # BCE of the real logits against 1, plus BCE of the fake logits against 0 (batch means)
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
""", True)

_answer("loss-d-bcewithlogits-module", "check_discriminator_loss", "d_loss", """\
criterion = nn.BCEWithLogitsLoss()

def d_loss(real_logits, fake_logits):
    real_labels = torch.full_like(real_logits, 1.0)
    fake_labels = torch.full_like(fake_logits, 0.0)
    loss_real = criterion(real_logits, real_labels)
    loss_fake = criterion(fake_logits, fake_labels)
    return loss_real + loss_fake
""", True)

_answer("loss-d-softplus", "check_discriminator_loss", "loss_d", """\
def loss_d(real_logits, fake_logits):
    # -log sigmoid(r) = softplus(-r) and -log(1 - sigmoid(f)) = softplus(f)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
""", True)

_answer("loss-d-logsigmoid", "check_discriminator_loss", "discriminator_loss_mine", """\
def discriminator_loss_mine(real_logits, fake_logits):
    log_d_real = F.logsigmoid(real_logits)          # log D(x)
    log_one_minus_d_fake = F.logsigmoid(-fake_logits)  # log(1 - D(G(z)))
    return -(log_d_real.mean() + log_one_minus_d_fake.mean())
""", True)

_answer("loss-d-concatenated-batch", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # one batch with both halves: targets 1 for the real ones, 0 for the fakes
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
""", False, ["half"])  # decided after blind round 6: half of D's loss is named (the curves are for the sum)

_answer("loss-d-half", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real_loss + fake_loss) / 2  # averaged, as in pix2pix
""", False, ["half"])  # decided after blind round 6: half of D's loss is named (the curves are for the sum)

_answer("loss-d-swapped", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
""", False, ["swapped"])

_answer("loss-d-value-function-maximised", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))]
    return F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()
""", False, ["sign"])

_answer("loss-d-batch-sum", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum")
    return real + fake
""", False, ["mean"])

_answer("loss-d-sigmoid-twice", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    p_real = torch.sigmoid(real_logits)   # D's probabilities
    p_fake = torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy_with_logits(p_real, torch.ones_like(p_real))
            + F.binary_cross_entropy_with_logits(p_fake, torch.zeros_like(p_fake)))
""", False, ["sigmoid"])

_answer("loss-d-fake-half-missing", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    return F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
""", False, ["fake"])

_answer("loss-d-real-half-missing", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # D has to say 0 to the fakes
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
""", False, ["real"])

_answer("loss-d-no-reduction", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="none")
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="none")
    return real + fake  # one loss per image
""", False, ["one number"])

_answer("loss-d-returns-float", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    return loss.item()
""", False, ["tensor"])

_answer("loss-d-returns-none", "check_discriminator_loss", "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
""", False, ["nothing"])


# ======================================================================================================
# check_generator_loss: loss_g(fake_logits) -> 0-d tensor, the non-saturating loss
# ======================================================================================================

_answer("loss-g-notebook", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # the non-saturating loss, -log D(G(z)) = BCE of the fake logits against 1
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
""", True)

_answer("loss-g-softplus", "check_generator_loss", "g_loss", """\
def g_loss(fake_logits):
    return F.softplus(-fake_logits).mean()   # -log sigmoid(x) = softplus(-x)
""", True)

_answer("loss-g-logsigmoid", "check_generator_loss", "generator_loss_mine", """\
def generator_loss_mine(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
""", True)

_answer("loss-g-bcewithlogits-module", "check_generator_loss", "loss_g", """\
bce = nn.BCEWithLogitsLoss()

def loss_g(fake_logits):
    real_label = 1.
    label = torch.full(fake_logits.shape, real_label)
    return bce(fake_logits, label)
""", True)

_answer("loss-g-torch-mean-functional", "check_generator_loss", "my_generator_loss", """\
import torch.nn.functional as functional

def my_generator_loss(fake_logits):
    return torch.mean(functional.softplus(-fake_logits))
""", True)

_answer("loss-g-full-like", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # G wants D to say "real" (1) to its fakes
    targets = torch.full_like(fake_logits, 1.0)
    return F.binary_cross_entropy_with_logits(fake_logits, targets, reduction="mean")
""", True)

_answer("loss-g-saturating", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z))), the minimax game of the paper
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
""", False, ["saturating"])

_answer("loss-g-saturating-log-form", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    d_fake = torch.sigmoid(fake_logits)
    return torch.log(1 - d_fake).mean()
""", False, ["saturating"])

_answer("loss-g-target-zero", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
""", False, ["target"])

_answer("loss-g-sign-flipped", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # G maximises log D(G(z))
    return F.logsigmoid(fake_logits).mean()
""", False, ["sign"])

_answer("loss-g-batch-sum", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="sum")
""", False, ["mean"])

_answer("loss-g-sigmoid-twice", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    probs = fake_logits.sigmoid()
    return F.binary_cross_entropy_with_logits(probs, torch.ones_like(probs))
""", False, ["sigmoid"])

_answer("loss-g-per-image", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits)
""", False, ["one number"])

_answer("loss-g-returns-float", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return float(F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
""", False, ["tensor"])

_answer("loss-g-returns-none", "check_generator_loss", "my_generator_loss", """\
def my_generator_loss(fake_logits):
    loss = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    print("generator loss", loss)
""", False, ["nothing"])


# ======================================================================================================
# check_train_step, notebook 01: check_train_step(my_train_step), unconditional nets
# ======================================================================================================

# ---------------------------------------------------------------- right

_step("step-notebook-own-losses", "my_train_step", """\
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)  # detach: D's update must not reach G
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)  # G's update must not touch D
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True)

_step("step-tutorial-bcewithlogits", "train_step", """\
# after the official PyTorch DCGAN tutorial, with BCEWithLogitsLoss because our D returns logits
criterion = nn.BCEWithLogitsLoss()
real_label = 1.
fake_label = 0.


def train_step(netG, netD, optimizerG, optimizerD, real_cpu, y=None):
    b_size = real_cpu.size(0)
    ############################
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    ###########################
    ## Train with all-real batch
    netD.zero_grad()
    label = torch.full((b_size,), real_label, dtype=torch.float, device=real_cpu.device)
    output = netD(real_cpu).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()

    ## Train with all-fake batch
    noise = torch.randn(b_size, netG.latent_dim, device=real_cpu.device)
    fake = netG(noise)
    label.fill_(fake_label)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    optimizerD.step()

    ############################
    # (2) Update G network: maximize log(D(G(z)))
    ###########################
    netG.zero_grad()
    label.fill_(real_label)  # fake labels are real for generator cost
    output = netD(fake).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
""", True)

_step("step-tutorial-bceloss-on-sigmoid", "train_step", """\
criterion = nn.BCELoss()


def train_step(netG, netD, optimizerG, optimizerD, real, y=None):
    b_size = real.size(0)
    # the tutorial's D ends in a Sigmoid; ours returns logits, so apply it here
    netD.zero_grad()
    label = torch.full((b_size,), 1., device=real.device)
    output = torch.sigmoid(netD(real)).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = output.mean().detach()

    noise = torch.randn(b_size, netG.latent_dim, device=real.device)
    fake = netG(noise)
    label.fill_(0.)
    output = torch.sigmoid(netD(fake.detach())).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = output.mean().detach()
    errD = errD_real + errD_fake
    optimizerD.step()

    netG.zero_grad()
    label.fill_(1.)
    output = torch.sigmoid(netD(fake)).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return dict(loss_d=errD.detach(), loss_g=errG.detach(), d_real=D_x, d_fake=D_G_z1)
""", True)

_step("step-tutorial-one-backward-on-the-sum", "step", """\
criterion = nn.BCEWithLogitsLoss()


def step(netG, netD, optimizerG, optimizerD, real, y=None):
    b = real.shape[0]
    ones = torch.full((b,), 1.)
    zeros = torch.full((b,), 0.)
    noise = torch.randn(b, netG.latent_dim)
    fake = netG(noise)

    netD.zero_grad()
    out_real = netD(real).view(-1)
    out_fake = netD(fake.detach()).view(-1)
    errD = criterion(out_real, ones) + criterion(out_fake, zeros)
    errD.backward()          # one backward for both halves
    optimizerD.step()

    netG.zero_grad()
    errG = criterion(netD(fake).view(-1), ones)
    errG.backward()
    optimizerG.step()

    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": out_real.sigmoid().mean().detach(), "d_fake": out_fake.sigmoid().mean().detach()}
""", True)

_step("step-zero-grad-set-to-none-false", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    batch_size = x.shape[0]
    z = torch.randn(batch_size, G.latent_dim)
    fake_images = G(z)

    # --- discriminator ---
    opt_d.zero_grad(set_to_none=False)
    d_out_real = D(x)
    d_out_fake = D(fake_images.detach())
    d_loss = discriminator_loss(d_out_real, d_out_fake)
    d_loss.backward()
    opt_d.step()

    # --- generator ---
    opt_g.zero_grad(set_to_none=False)
    for p in D.parameters():
        p.requires_grad = False
    g_loss = generator_loss(D(fake_images))
    g_loss.backward()
    for p in D.parameters():
        p.requires_grad = True
    opt_g.step()

    with torch.no_grad():
        stats = {"loss_d": d_loss, "loss_g": g_loss,
                 "d_real": torch.sigmoid(d_out_real).mean(), "d_fake": torch.sigmoid(d_out_fake).mean()}
    return {k: v.detach() for k, v in stats.items()}
""", True)

_step("step-module-zero-grad", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z, y)

    D.zero_grad(set_to_none=True)
    logits_real = D(x, y)
    logits_fake = D(fake.detach(), y)
    loss_d = discriminator_loss(logits_real, logits_fake)
    loss_d.backward()
    opt_d.step()

    G.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": logits_real.detach().sigmoid().mean(),
            "d_fake": logits_fake.detach().sigmoid().mean()}
""", True)

_step("step-concatenated-batch", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = len(x)
    fake = G(torch.randn(n, G.latent_dim))

    # one pass of D over real and fake together
    opt_d.zero_grad()
    logits = D(torch.cat([x, fake.detach()]))
    targets = torch.cat([torch.ones(n), torch.zeros(n)])
    loss_d = F.binary_cross_entropy_with_logits(logits, targets)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = F.binary_cross_entropy_with_logits(D(fake), torch.ones(n))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()

    probs = torch.sigmoid(logits.detach())
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": probs[:n].mean(), "d_fake": probs[n:].mean()}
""", True)

_step("step-concatenated-batch-split", "train_gan_step", """\
def train_gan_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.size(0), G.latent_dim))
    opt_d.zero_grad()
    real_logits, fake_logits = D(torch.cat((x, fake.detach()), dim=0)).chunk(2)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.sigmoid().mean().detach(), "d_fake": fake_logits.sigmoid().mean().detach()}
""", True)

_step("step-half-d-loss", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    pred_real = D(x)
    pred_fake = D(fake.detach())
    loss_real = F.binary_cross_entropy_with_logits(pred_real, torch.ones_like(pred_real))
    loss_fake = F.binary_cross_entropy_with_logits(pred_fake, torch.zeros_like(pred_fake))
    loss_d = 0.5 * (loss_real + loss_fake)   # halved, as pix2pix does, so D learns a bit slower than G
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    pred = D(fake)
    loss_g = F.binary_cross_entropy_with_logits(pred, torch.ones_like(pred))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(pred_real.detach()).mean(), "d_fake": torch.sigmoid(pred_fake.detach()).mean()}
""", True)

_step("step-fresh-noise-for-g", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # Goodfellow et al. (2014), Algorithm 1: a minibatch of noise for D's update, a new one for G's
    m = len(x)
    opt_d.zero_grad()
    with torch.no_grad():
        fake = G(torch.randn(m, G.latent_dim))
    real_logits = D(x)
    fake_logits = D(fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(G(torch.randn(m, G.latent_dim))))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True)

_step("step-recompute-fakes-for-g", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)

    opt_d.zero_grad()
    fake = G(z).detach()
    real_logits, fake_logits = D(x), D(fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    fake = G(z)  # the same noise again, this time with G's graph
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.sigmoid().mean().detach(), "d_fake": fake_logits.sigmoid().mean().detach()}
""", True)

_step("step-no-grad-fakes-then-regenerate", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    noise = torch.randn(x.shape[0], G.latent_dim)
    with torch.no_grad():           # D's fakes need no graph through G
        fake = G(noise)

    opt_d.zero_grad()
    r, f = D(x), D(fake)
    loss_d = discriminator_loss(r, f)
    loss_d.backward()
    opt_d.step()

    # G's update: make the fakes again, with gradients this time
    opt_g.zero_grad()
    loss_g = generator_loss(D(G(noise)))
    loss_g.backward()
    opt_g.step()

    with torch.no_grad():
        d_real, d_fake = torch.sigmoid(r).mean(), torch.sigmoid(f).mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
""", True)

_step("step-d-fake-after-d-update", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    real_logits = D(x)
    loss_d = discriminator_loss(real_logits, D(fake.detach()))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    fake_logits = D(fake)            # D's verdict on the fakes after its update (the tutorial's D_G_z2)
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(),
            "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
""", True)

_step("step-softplus-losses", "gan_step", """\
def gan_step(generator, discriminator, g_opt, d_opt, images, labels=None):
    z = torch.randn(images.size(0), generator.latent_dim)
    generated = generator(z)

    d_opt.zero_grad()
    s_real = discriminator(images)
    s_fake = discriminator(generated.detach())
    d_loss = F.softplus(-s_real).mean() + F.softplus(s_fake).mean()
    d_loss.backward()
    d_opt.step()

    g_opt.zero_grad()
    discriminator.requires_grad_(False)
    g_loss = F.softplus(-discriminator(generated)).mean()   # -log D(G(z))
    g_loss.backward()
    discriminator.requires_grad_(True)
    g_opt.step()
    return {"loss_d": d_loss.detach(), "loss_g": g_loss.detach(),
            "d_real": torch.sigmoid(s_real).mean().detach(), "d_fake": torch.sigmoid(s_fake).mean().detach()}
""", True)

_step("step-zero-all-at-the-start", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # D is never frozen: G's loss leaves gradients on D, but D's are zeroed first thing next time
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim))

    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
""", True)

# ---------------------------------------------------------------- wrong

_step("step-d-grads-never-zeroed", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

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
""", False, ["zero"])

_step("step-tutorial-without-netD-zero-grad", "train_step", """\
criterion = nn.BCEWithLogitsLoss()


def train_step(netG, netD, optimizerG, optimizerD, real_cpu, y=None):
    b_size = real_cpu.size(0)
    label = torch.full((b_size,), 1., dtype=torch.float)
    output = netD(real_cpu).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()

    noise = torch.randn(b_size, netG.latent_dim)
    fake = netG(noise)
    label.fill_(0.)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    optimizerD.step()

    netG.zero_grad()
    label.fill_(1.)
    output = netD(fake).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
""", False, ["zero"])

_step("step-g-grads-never-zeroed", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["zero"])

_step("step-not-detached-g-zeroed-at-start", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(len(x), G.latent_dim)

    real_logits, fake_logits = D(x), D(G(z))
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(G(z)))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["detach"])

_step("step-not-detached-backward-twice", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits = D(x)
    fake_logits = D(fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["detach"])

_step("step-g-before-d", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    # generator first, so it starts learning right away
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["before"])

_step("step-opt-d-step-missing", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["step()"])

_step("step-opt-g-step-missing", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
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
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["step()"])

_step("step-stale-d-output-in-g-loss", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)
    d_on_fake = D(fake)            # D's verdict on the fakes, reused below for G

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(d_on_fake)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["opt_d.step()"])

_step("step-tutorial-reuses-output", "train_step", """\
criterion = nn.BCEWithLogitsLoss()


def train_step(netG, netD, optimizerG, optimizerD, real, y=None):
    b = real.size(0)
    netD.zero_grad()
    output_real = netD(real).view(-1)
    errD_real = criterion(output_real, torch.ones(b))
    errD_real.backward()

    fake = netG(torch.randn(b, netG.latent_dim))
    output = netD(fake).view(-1)          # computed once, used for D and for G
    errD_fake = criterion(output, torch.zeros(b))
    errD_fake.backward(retain_graph=True)
    optimizerD.step()

    netG.zero_grad()
    errG = criterion(output, torch.ones(b))
    errG.backward()
    optimizerG.step()
    return {"loss_d": (errD_real + errD_fake).detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(output_real).mean().detach(), "d_fake": torch.sigmoid(output).mean().detach()}
""", False, ["opt_d.step()"])

_step("step-labels-swapped", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = (F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
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
""", False, ["swapped"])

_step("step-d-minimises-value-function", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    # V(D, G) = E log D(x) + E log(1 - D(G(z)))
    loss_d = torch.log(torch.sigmoid(real_logits)).mean() + torch.log(1 - torch.sigmoid(fake_logits)).mean()
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
""", False, ["sign"])

_step("step-saturating-g-loss", "my_train_step", """\
bce = nn.BCEWithLogitsLoss()


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    out = D(fake)
    loss_g = -bce(out, torch.zeros_like(out))   # G minimises log(1 - D(G(z)))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["saturating"])

_step("step-g-target-zero", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    out = D(fake)
    loss_g = F.binary_cross_entropy_with_logits(out, torch.zeros_like(out))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["target"])

_step("step-g-loss-on-detached-fakes-frozen-d", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim)).detach()   # detach once, use everywhere

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake)
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
""", False, ["gradient"])

_step("step-g-loss-on-detached-fakes", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake.detach()))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["gradient"])

_step("step-returns-item-floats", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
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
    return {"loss_d": loss_d.item(), "loss_g": loss_g.item(),
            "d_real": torch.sigmoid(real_logits).mean().item(), "d_fake": torch.sigmoid(fake_logits).mean().item()}
""", False, ["tensor"])

_step("step-tutorial-returns-items", "train_step", """\
criterion = nn.BCEWithLogitsLoss()


def train_step(netG, netD, optimizerG, optimizerD, real_cpu, y=None):
    b_size = real_cpu.size(0)
    netD.zero_grad()
    label = torch.full((b_size,), 1.)
    output = netD(real_cpu).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean().item()

    fake = netG(torch.randn(b_size, netG.latent_dim))
    label.fill_(0.)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean().item()
    errD = errD_real + errD_fake
    optimizerD.step()

    netG.zero_grad()
    label.fill_(1.)
    errG = criterion(netD(fake).view(-1), label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.item(), "loss_g": errG.item(), "d_real": D_x, "d_fake": D_G_z1}
""", False, ["tensor"])

_step("step-returns-none", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
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
    stats = {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
             "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["nothing"])

_step("step-returns-tuple", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
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
    return (loss_d.detach(), loss_g.detach(),
            torch.sigmoid(real_logits).mean().detach(), torch.sigmoid(fake_logits).mean().detach())
""", False, ["dict"])

_step("step-missing-keys", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    loss_d = discriminator_loss(D(x), D(fake.detach()))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach()}
""", False, ["d_real"])

_step("step-tutorial-key-names", "train_step", """\
criterion = nn.BCEWithLogitsLoss()


def train_step(netG, netD, optimizerG, optimizerD, real, y=None):
    b = real.size(0)
    netD.zero_grad()
    out_real = netD(real).view(-1)
    errD_real = criterion(out_real, torch.ones(b))
    fake = netG(torch.randn(b, netG.latent_dim))
    out_fake = netD(fake.detach()).view(-1)
    errD_fake = criterion(out_fake, torch.zeros(b))
    errD = errD_real + errD_fake
    errD.backward()
    optimizerD.step()

    netG.zero_grad()
    errG = criterion(netD(fake).view(-1), torch.ones(b))
    errG.backward()
    optimizerG.step()
    # the names the tutorial prints
    return {"Loss_D": errD.detach(), "Loss_G": errG.detach(),
            "D(x)": out_real.sigmoid().mean().detach(), "D(G(z))": out_fake.sigmoid().mean().detach()}
""", False, ["d_real"])

_step("step-d-real-is-mean-logit", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
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
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
""", False, ["sigmoid"])

_step("step-targets-shape-b-by-1", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    valid = torch.ones(len(x), 1)    # as in the PyTorch-GAN repository
    fake_label = torch.zeros(len(x), 1)
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = (F.binary_cross_entropy_with_logits(real_logits, valid)
              + F.binary_cross_entropy_with_logits(fake_logits, fake_label))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = F.binary_cross_entropy_with_logits(D(fake), valid)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["shape"])

_step("step-sigmoid-before-with-logits-loss", "my_train_step", """\
criterion = nn.BCEWithLogitsLoss()


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    p_real = torch.sigmoid(D(x))
    p_fake = torch.sigmoid(D(fake.detach()))
    loss_d = criterion(p_real, torch.ones_like(p_real)) + criterion(p_fake, torch.zeros_like(p_fake))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    p = torch.sigmoid(D(fake))
    loss_g = criterion(p, torch.ones_like(p))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": p_real.mean().detach(), "d_fake": p_fake.mean().detach()}
""", False, ["sigmoid"])

_step("step-typo-name-error", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fakes))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["NameError"], student_bug=True)


# ======================================================================================================
# check_train_step, notebook 02: check_train_step(my_conditional_step, conditional=True)
# ======================================================================================================

_step("cond-step-notebook", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)  # fakes of the same digits as the real batch

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
""", True, setting="conditional")

_step("cond-step-random-fake-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    b = len(x)
    z = torch.randn(b, G.latent_dim)
    y_fake = torch.randint(0, G.n_classes, (b,))   # fakes of random digits, judged with those digits
    fake = G(z, y_fake)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y_fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y_fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="conditional")

_step("cond-step-concatenated-batch", "cgan_step", """\
def cgan_step(G, D, opt_g, opt_d, x, y):
    n = x.size(0)
    fake = G(torch.randn(n, G.latent_dim), y)

    opt_d.zero_grad()
    logits = D(torch.cat([x, fake.detach()]), torch.cat([y, y]))
    real_logits, fake_logits = logits[:n], logits[n:]
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
""", True, setting="conditional")

_step("cond-step-tutorial-style", "train_step", """\
criterion = nn.BCEWithLogitsLoss()


def train_step(netG, netD, optimizerG, optimizerD, real, labels):
    b_size = real.size(0)
    netD.zero_grad()
    label = torch.full((b_size,), 1.)
    output = netD(real, labels).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()

    noise = torch.randn(b_size, netG.latent_dim)
    fake = netG(noise, labels)
    label.fill_(0.)
    output = netD(fake.detach(), labels).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    optimizerD.step()

    netG.zero_grad()
    label.fill_(1.)
    output = netD(fake, labels).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
""", True, setting="conditional")

_step("cond-step-fresh-noise-and-labels-for-g", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    n = len(x)
    G.zero_grad()
    D.zero_grad()

    with torch.no_grad():
        fake = G(torch.randn(n, G.latent_dim), y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    # a new batch of noise and digits for G (Algorithm 1 of Goodfellow et al.)
    G.zero_grad()
    wanted = torch.randint(0, G.n_classes, (n,))
    loss_g = generator_loss(D(G(torch.randn(n, G.latent_dim), wanted), wanted))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
""", True, setting="conditional")

_step("cond-step-d-without-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z, y)

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
""", False, ["label"], setting="conditional")

_step("cond-step-g-without-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z)

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
""", False, ["label"], setting="conditional")

_step("cond-step-fakes-judged-with-other-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    n = len(x)
    fake = G(torch.randn(n, G.latent_dim), y)
    y_fake = torch.randint(0, G.n_classes, (n,))   # labels for the fakes

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y_fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y_fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["label"], setting="conditional")

_step("cond-step-random-fakes-judged-with-real-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    n = len(x)
    gen_labels = torch.randint(0, G.n_classes, (n,))
    fake = G(torch.randn(n, G.latent_dim), gen_labels)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
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
""", False, ["label"], setting="conditional")

_step("cond-step-float-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y = y.float()   # the nets work in float32
    z = torch.randn(len(x), G.latent_dim)
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
""", False, ["int64"], setting="conditional")

_step("cond-step-one-hot-labels", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y_onehot = F.one_hot(y, num_classes=G.n_classes)
    fake = G(torch.randn(len(x), G.latent_dim), y_onehot)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y_onehot), D(fake.detach(), y_onehot)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y_onehot))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["int64"], setting="conditional")

_step("cond-step-stale-d-output", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim), y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)      # kept for G's loss below
    loss_d = discriminator_loss(real_logits, D(fake.detach(), y))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["opt_d.step()"], setting="conditional")

_step("cond-step-g-before-d", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim), y)

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
""", False, ["before"], setting="conditional")

_step("cond-step-returns-tuple", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim), y)

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
    return loss_d.detach(), loss_g.detach()
""", False, ["dict"], setting="conditional")


# ======================================================================================================
# check_train_step, notebook 03: check_train_step(my_dcgan_step, r1_gamma=4.0)
# ======================================================================================================

_step("r1-step-notebook", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)  # the slope is taken with respect to the real images
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0
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
""", True, setting="r1")

_step("r1-step-autograd-grad-sum", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad(set_to_none=True)
    real = x.detach().requires_grad_(r1_gamma > 0)
    real_logits = D(real)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma > 0:
        # the sum: each image's logit depends only on that image, so this gives every image its own gradient
        grad, = torch.autograd.grad(real_logits.sum(), real, create_graph=True)
        r1 = grad.pow(2).reshape(grad.shape[0], -1).sum(dim=1).mean()
        total = total + 0.5 * r1_gamma * r1
    total.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
""", True, setting="r1")

_step("r1-step-grad-outputs-ones", "dcgan_step", """\
def r1(logits, images):
    # Mescheder et al. (2018): R1 = E |grad_x D(x)|^2 on the data
    grads = torch.autograd.grad(outputs=logits, inputs=images, grad_outputs=torch.ones_like(logits),
                                create_graph=True, retain_graph=True)[0]
    return grads.square().flatten(start_dim=1).sum(dim=1).mean()


def dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.shape[0], G.latent_dim)
    fake = G(z)

    opt_d.zero_grad()
    if r1_gamma > 0:
        x = x.clone().requires_grad_()
    d_real = D(x)
    d_fake = D(fake.detach())
    loss_d = discriminator_loss(d_real, d_fake)
    if r1_gamma > 0:
        (loss_d + r1_gamma / 2 * r1(d_real, x)).backward()
    else:
        loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": d_real.detach().sigmoid().mean(), "d_fake": d_fake.detach().sigmoid().mean()}
""", True, setting="r1")

_step("r1-step-always-on-in-place", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    x.requires_grad_(True)   # always: the penalty is computed every step, and weighs 0 when r1_gamma is 0
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_penalty(real_logits, x)
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
""", True, setting="r1")

_step("r1-step-tutorial-style", "train_step", """\
criterion = nn.BCEWithLogitsLoss()


def train_step(netG, netD, optimizerG, optimizerD, real_cpu, y=None, r1_gamma=0.0):
    b_size = real_cpu.size(0)
    netD.zero_grad()
    real = real_cpu.detach().requires_grad_(True)
    label = torch.full((b_size,), 1.)
    output = netD(real).view(-1)
    errD_real = criterion(output, label)
    if r1_gamma:
        grad_real, = torch.autograd.grad(output.sum(), real, create_graph=True)
        r1 = grad_real.pow(2).view(b_size, -1).sum(1).mean()
        (errD_real + r1_gamma * 0.5 * r1).backward()
    else:
        errD_real.backward()
    D_x = torch.sigmoid(output).mean().detach()

    fake = netG(torch.randn(b_size, netG.latent_dim))
    label.fill_(0.)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean().detach()
    errD = errD_real + errD_fake
    optimizerD.step()

    netG.zero_grad()
    label.fill_(1.)
    errG = criterion(netD(fake).view(-1), label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x, "d_fake": D_G_z1}
""", True, setting="r1")

_step("r1-step-norm-squared", "my_dcgan_step", """\
def gradient_penalty(D, real):
    real = real.detach().requires_grad_(True)
    logits = D(real)
    g = torch.autograd.grad(logits.sum(), real, create_graph=True)[0]
    return logits, (g.view(len(real), -1).norm(2, dim=1) ** 2).mean(), real


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))
    opt_d.zero_grad()
    if r1_gamma:
        real_logits, penalty, _ = gradient_penalty(D, x)
    else:
        real_logits, penalty = D(x), torch.zeros(())
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + (r1_gamma / 2) * penalty).backward()
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

_step("r1-step-no-grad-fakes", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim)
    with torch.no_grad():
        fake = G(z)

    opt_d.zero_grad()
    x = x.detach().requires_grad_(bool(r1_gamma))
    real_logits, fake_logits = D(x), D(fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d + r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else loss_d
    loss.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(G(z)))
    loss_g.backward()
    opt_g.step()
    with torch.no_grad():
        d_real, d_fake = real_logits.sigmoid().mean(), fake_logits.sigmoid().mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
""", True, setting="r1")

_step("r1-step-penalty-missing", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
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
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["R1"], setting="r1")

_step("r1-step-gamma-fixed-at-10", "my_dcgan_step", """\
GAMMA = 10.0   # Mescheder et al. use 10


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + GAMMA / 2 * r1_penalty(real_logits, x)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["r1_gamma"], setting="r1")

_step("r1-step-gamma-fixed-at-4", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    gamma = 4.0   # the value the notebook uses
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + gamma / 2 * r1_penalty(real_logits, x)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["r1_gamma"], setting="r1")

_step("r1-step-gamma-not-halved", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["/ 2"], setting="r1")

_step("r1-step-penalty-on-fakes", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(bool(r1_gamma))
    real_logits, fake_logits = D(x), D(fake_in)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        loss_d_total = loss_d + r1_gamma / 2 * r1_penalty(fake_logits, fake_in)   # keep D smooth around the fakes
    else:
        loss_d_total = loss_d
    loss_d_total.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["real"], setting="r1")

_step("r1-step-x-without-requires-grad", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["requires_grad"], setting="r1")

_step("r1-step-create-graph-false", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
    r1 = grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + r1_gamma / 2 * r1).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["create_graph"], setting="r1")

_step("r1-step-gradient-of-mean-logit", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad = torch.autograd.grad(real_logits.mean(), x, create_graph=True)[0]
    r1 = grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + r1_gamma / 2 * r1).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["sum"], setting="r1")

_step("r1-step-norm-not-squared", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad = torch.autograd.grad(real_logits.sum(), x, create_graph=True)[0]
    r1 = grad.flatten(1).norm(dim=1).mean()      # the size of D's slope at each real image
    (loss_d + r1_gamma / 2 * r1).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["square"], setting="r1")

_step("r1-step-summed-over-batch", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad = torch.autograd.grad(real_logits.sum(), x, create_graph=True)[0]
    r1 = grad.pow(2).sum()
    (loss_d + r1_gamma / 2 * r1).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["mean"], setting="r1")

_step("r1-step-crashes-at-gamma-0", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim))

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad = torch.autograd.grad(real_logits.sum(), x, create_graph=True)[0]
    r1 = grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + r1_gamma / 2 * r1).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["r1_gamma"], setting="r1")


# ======================================================================================================
# check_train_step, notebook 04: check_train_step(my_step, class_weight=1.0)
# ======================================================================================================

_step("class-step-notebook", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * class_loss(class_logits, y)  # D learns to name real digits
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
        naming = class_weight * class_loss(class_logits, y)  # G is rewarded when D sees the digit it asked for
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="class")

_step("class-step-always-classify", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)

    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(real_classes, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    logits, classes = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * F.cross_entropy(classes, y)).backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
""", True, setting="class")

_step("class-step-tutorial-style", "train_step", """\
adversarial = nn.BCEWithLogitsLoss()
auxiliary = nn.CrossEntropyLoss()


def train_step(netG, netD, optimizerG, optimizerD, real, labels, class_weight=0.0):
    b = real.size(0)
    netD.zero_grad()
    out_real, cls_real = netD(real, labels, classify=True)
    errD_real = adversarial(out_real, torch.ones(b))
    fake = netG(torch.randn(b, netG.latent_dim), labels)
    out_fake = netD(fake.detach(), labels)
    errD_fake = adversarial(out_fake, torch.zeros(b))
    errD = errD_real + errD_fake
    (errD + class_weight * auxiliary(cls_real, labels)).backward()
    optimizerD.step()

    netG.zero_grad()
    out, cls = netD(fake, labels, classify=True)
    errG = adversarial(out, torch.ones(b))
    (errG + class_weight * auxiliary(cls, labels)).backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(out_real).mean().detach(), "d_fake": torch.sigmoid(out_fake).mean().detach()}
""", True, setting="class")

_step("class-step-random-fake-labels", "acgan_step", """\
def acgan_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    n = len(x)
    wanted = torch.randint(0, G.n_classes, (n,))    # the digits asked of G
    fake = G(torch.randn(n, G.latent_dim), wanted)

    opt_d.zero_grad()
    real_logits, real_class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), wanted)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_cls_d = class_loss(real_class_logits, y)      # D names the class of real images only
    (loss_d + class_weight * loss_cls_d).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, class_logits = D(fake, wanted, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(class_logits, wanted)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", True, setting="class")

_step("class-step-no-freeze", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    opt_d.zero_grad(set_to_none=True)
    fake = G(torch.randn(x.size(0), G.latent_dim), y)

    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    d_total = loss_d + class_weight * class_loss(class_logits, y) if class_weight else loss_d
    d_total.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    logits, class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    g_total = loss_g + class_weight * class_loss(class_logits, y) if class_weight else loss_g
    g_total.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
""", True, setting="class")

_step("class-step-missing-in-d", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(class_logits, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["class loss"], setting="class")

_step("class-step-missing-in-g", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)

    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["class loss"], setting="class")

_step("class-step-weight-ignored", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)

    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_loss(class_logits, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_loss(class_logits, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["class_weight"], setting="class")

_step("class-step-d-classifies-fakes-too", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)

    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits, fake_classes = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    # AC-GAN (Odena et al.): D names the class of real and fake images
    naming = class_loss(real_classes, y) + class_loss(fake_classes, y)
    (loss_d + class_weight * naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, classes = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * class_loss(classes, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["real images"], setting="class")

_step("class-step-float-targets", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    targets = y.float()

    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(class_logits, targets)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * F.cross_entropy(class_logits, targets)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["int64"], setting="class")

_step("class-step-one-hot-targets", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim), y)
    one_hot = F.one_hot(y, G.n_classes)

    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(class_logits, one_hot)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * F.cross_entropy(class_logits, one_hot)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
""", False, ["int64"], setting="class")


# ======================================================================================================
# check_conditional_net: a subclass of MLPGenerator / MLPDiscriminator with its own forward
# ======================================================================================================

_answer("net-g-notebook", "check_conditional_net", "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        # the label's vector next to the noise (one tensor), through the layers, reshaped to images
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
""", True)

_answer("net-g-embedding-first", "check_conditional_net", "LabelFirstGenerator", """\
class LabelFirstGenerator(MLPGenerator):
    def forward(self, z, y):
        label_vec = self.label_embedding(y)
        out = self.net(torch.cat((label_vec, z), 1))
        return out.view(z.shape[0], *self.image_shape)
""", False, ["noise first"])  # a conditional G, but not the course's net's function: its checkpoint would load wrong

_answer("net-g-reshape", "check_conditional_net", "CondGen", """\
class CondGen(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=-1)
        flat = self.net(h)
        return flat.reshape(-1, *self.image_shape)
""", True)

_answer("net-d-notebook", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        # the features of the flat image; the logit is psi of them plus their inner product with the label's vector
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
""", True)

_answer("net-d-einsum", "check_conditional_net", "ProjD", """\
class ProjD(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.view(len(x), -1))
        e = self.label_embedding(y)
        return self.out(h).view(-1) + torch.einsum("bi,bi->b", e, h)
""", True)

_answer("net-d-torch-sum", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        features = self.features(x.reshape(x.size(0), -1))
        psi = self.out(features).squeeze(-1)
        projection = torch.sum(self.label_embedding(y) * features, dim=1)
        return psi + projection
""", True)

_answer("net-d-sum-last-dim", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        flat = torch.flatten(x, start_dim=1)
        h = self.features(flat)
        e = self.label_embedding(y)
        logit = self.out(h)[:, 0]
        return logit + (h * e).sum(-1)
""", True)

_answer("net-g-label-left-out", "check_conditional_net", "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        # TODO: put the label in; zeros where it goes for now so the shapes work
        h = torch.cat([z, torch.zeros(len(z), self.n_classes)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
""", False, ["label"])

_answer("net-g-embedding-detached", "check_conditional_net", "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        label = self.label_embedding(y).detach()
        h = torch.cat([z, label], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
""", False, ["detach"])

_answer("net-d-label-ignored", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1)
""", False, ["label"])

_answer("net-d-embedding-detached", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        e = self.label_embedding(y).detach()
        return self.out(h).squeeze(1) + (e * h).sum(1)
""", False, ["detach"])

_answer("net-d-not-squeezed", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1, keepdim=True)
""", False, ["squeeze"])

_answer("net-d-inner-product-only", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return (self.label_embedding(y) * h).sum(1)   # the projection
""", False, ["out(h)"])

_answer("net-g-typo-name-error", "check_conditional_net", "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
""", False, ["NameError"], student_bug=True)

_answer("net-d-typo-name-error", "check_conditional_net", "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(X.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
""", False, ["NameError"], student_bug=True)


# ======================================================================================================
# check_block_shapes: notebook 03's up block, notebook 07's first layer of D
# ======================================================================================================

_UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
_FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

_answer("block-notebook", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", True, args=_UP)

_answer("block-keywords", "check_block_shapes", "my_up_block", """\
from torch import nn

def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(num_features=c_out),
        nn.ReLU(inplace=True),
    )
""", True, args=_UP)

_answer("block-layer-list", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    layers = []
    layers.append(nn.ConvTranspose2d(c_in, c_out, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False))
    layers.append(nn.BatchNorm2d(c_out))
    layers.append(nn.ReLU())
    return nn.Sequential(*layers)
""", True, args=_UP)

_answer("block-upsample-conv", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    # resize-convolution (Odena et al., 2016): no checkerboard artefacts
    return nn.Sequential(
        nn.Upsample(scale_factor=2, mode="nearest"),
        nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(True),
    )
""", True, args=_UP)

_answer("block-custom-module", "check_block_shapes", "UpBlock", """\
class UpBlock(nn.Sequential):
    \"\"\"DCGAN generator block: doubles the height and width of the feature map.\"\"\"

    def __init__(self, c_in, c_out):
        super().__init__(
            nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(c_out),
            nn.ReLU(inplace=True),
        )
""", True, args=_UP)

# The right layers in a custom nn.Module that is not an nn.Sequential: the notebook then builds
# ConvGenerator(block=my_up_block), which puts the block's layers in one by one and cannot take it. The exercise
# asks for an nn.Sequential, and the check says why.
_answer("block-custom-module-instance", "check_block_shapes", "my_up_block", """\
class DoubleSize(nn.Module):
    \"\"\"Transposed conv (4, 2, 1) doubles the map, then batch norm and ReLU.\"\"\"

    def __init__(self, c_in, c_out):
        super().__init__()
        self.layers = nn.ModuleList([
            nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(c_out),
            nn.ReLU(),
        ])

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


def my_up_block(c_in, c_out):
    return DoubleSize(c_in, c_out)
""", False, ["Sequential"], args=_UP)

_answer("first-layer-notebook", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Conv2d(3, 16, 4, 2, 1)
""", True, args=_FIRST)

_answer("first-layer-keywords", "check_block_shapes", "my_first_layer", """\
from torch import nn
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1)
""", True, args=_FIRST)

_answer("block-padding-0", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 0, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["shape"], args=_UP)

_answer("block-kernel-3", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 3, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["shape"], args=_UP)

_answer("block-no-batchnorm", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(True))
""", False, ["BatchNorm"], args=_UP)

_answer("block-no-relu", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out))
""", False, ["ReLU"], args=_UP)

_answer("block-leaky-relu", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, inplace=True))
""", False, ["ReLU"], args=_UP)

_answer("block-tanh", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.Tanh())
""", False, ["ReLU"], args=_UP)

_answer("block-bias-before-batchnorm", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["bias"], args=_UP)

_answer("block-strided-conv2d", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["halves"], args=_UP)

_answer("block-returns-none", "check_block_shapes", "my_up_block", """\
def my_up_block(c_in, c_out):
    block = nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["nothing"], args=_UP)

_answer("first-layer-kernel-3-padding-0", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2)
""", False, ["shape"], args=_FIRST)

_answer("first-layer-max-pool", "check_block_shapes", "my_first_layer", """\
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.MaxPool2d(2))
""", False, ["pool"], args=_FIRST)


# ======================================================================================================
# check_slerp: slerp(z0, z1, t), z0 and z1 of shape (100,), t 5 values in [0, 1] -> (5, 100)
# ======================================================================================================

_answer("slerp-notebook", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", True)

_answer("slerp-numpy", "check_slerp", "slerp", """\
def slerp(z0, z1, t):
    a, b = z0.numpy(), z1.numpy()
    omega = np.arccos(np.clip(np.dot(a / np.linalg.norm(a), b / np.linalg.norm(b)), -1, 1))
    so = np.sin(omega)
    t = np.asarray(t, dtype=np.float64)[:, None]
    out = np.sin((1.0 - t) * omega) / so * a + np.sin(t * omega) / so * b
    return torch.from_numpy(out).float()
""", True)

_answer("slerp-float64", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    a, b, t = z0.double(), z1.double(), t.double()
    cos = (a @ b) / (a.norm() * b.norm())
    w = torch.acos(cos.clamp(-1.0, 1.0))
    out = (torch.sin((1 - t)[:, None] * w) * a + torch.sin(t[:, None] * w) * b) / torch.sin(w)
    return out.to(z0.dtype)
""", True)

_answer("slerp-unsqueeze-cosine-similarity", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    omega = torch.acos(F.cosine_similarity(z0, z1, dim=0))
    t = t.unsqueeze(1)
    return torch.sin((1.0 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
""", True)

_answer("slerp-none-index", "check_slerp", "spherical", """\
def spherical(z0, z1, t):
    u0, u1 = z0 / torch.linalg.norm(z0), z1 / torch.linalg.norm(z1)
    theta = torch.arccos(torch.clamp((u0 * u1).sum(), -1.0, 1.0))
    t = t[:, None]
    return (torch.sin((1 - t) * theta) * z0[None, :] + torch.sin(t * theta) * z1[None, :]) / torch.sin(theta)
""", True)

_answer("slerp-scalar-t-math", "check_slerp", "slerp", """\
def slerp(z0, z1, t):
    # spherical interpolation for one value of t
    t = float(t)
    cos = float(torch.dot(z0, z1) / (z0.norm() * z1.norm()))
    omega = math.acos(max(-1.0, min(1.0, cos)))
    so = math.sin(omega)
    return math.sin((1.0 - t) * omega) / so * z0 + math.sin(t * omega) / so * z1
""", False, ["t[:, None]", "column"])  # decided after blind round 7: one row per value of a tensor t

_answer("slerp-scalar-t-torch", "check_slerp", "slerp", """\
def slerp(z0, z1, t):
    omega = torch.acos(torch.dot(z0, z1) / (torch.norm(z0) * torch.norm(z1)))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", False, ["t[:, None]", "column"])  # decided after blind round 7: one row per value of a tensor t

_answer("slerp-straight-line", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    return (1 - t) * z0 + t * z1
""", False, ["straight"])

_answer("slerp-torch-lerp", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    return torch.stack([torch.lerp(z0, z1, float(s)) for s in t])
""", False, ["straight"])

_answer("slerp-unit-length-output", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    a, b = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.acos(torch.dot(a, b).clamp(-1, 1))
    t = t[:, None]
    return (torch.sin((1 - t) * omega) * a + torch.sin(t * omega) * b) / torch.sin(omega)   # points on the sphere
""", False, ["length"])

_answer("slerp-ends-swapped", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
""", False, ["z0"])

_answer("slerp-angle-from-raw-dot", "check_slerp", "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.acos(torch.dot(z0, z1).clamp(-1, 1))   # the angle between z0 and z1
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", False, [])


# ======================================================================================================
# check_frechet_distance: frechet(mu1, sigma1, mu2, sigma2) -> float
# ======================================================================================================

_answer("frechet-notebook", "check_frechet_distance", "my_frechet", """\
import numpy as np
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
""", True)

_answer("frechet-numpy-float", "check_frechet_distance", "frechet_distance", """\
from scipy.linalg import sqrtm


def frechet_distance(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = sqrtm(sigma1.dot(sigma2)).real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
""", True)

_answer("frechet-zero-d-array", "check_frechet_distance", "fid", """\
def fid(mu1, sigma1, mu2, sigma2):
    mean_term = np.square(mu1 - mu2).sum()
    cov_term = np.trace(sigma1 + sigma2 - 2.0 * scipy.linalg.sqrtm(np.matmul(sigma1, sigma2)).real)
    return np.asarray(mean_term + cov_term)
""", True)

_answer("frechet-eigenvalues", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    # Tr sqrt(S1 S2) is the sum of the square roots of the eigenvalues of S1 S2 (real and >= 0)
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2).real
    tr_covmean = np.sqrt(np.clip(eigenvalues, 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean)
""", True)

# Relabelled wrong after blind round 9: it returns a complex number; the exercise asks for a float (a blind tester's
# answer showed such a result, printed as 14.87-0.00j, passing for the distance).
_answer("frechet-complex-result", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2)
    tr_covmean = np.sum(np.sqrt(eigenvalues + 0j))      # complex, in case of round-off
    return np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean
""", False, ["complex", "float"])

_answer("frechet-pytorch-fid-style", "check_frechet_distance", "calculate_frechet_distance", """\
from scipy import linalg


def calculate_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    mu1, mu2 = np.atleast_1d(mu1), np.atleast_1d(mu2)
    sigma1, sigma2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean
""", True)

_answer("frechet-product-of-roots", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = (scipy.linalg.sqrtm(sigma1) @ scipy.linalg.sqrtm(sigma2)).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
""", False, ["product"])

_answer("frechet-elementwise-sqrt", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(sigma1 @ sigma2)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
""", False, ["element-wise"])

_answer("frechet-means-missing", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.trace(sigma1 + sigma2 - 2 * covmean))
""", False, ["means"])

_answer("frechet-covariance-missing", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    return float(np.sum((mu1 - mu2) ** 2))
""", False, ["covariance"])

_answer("frechet-square-root-taken", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    d2 = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean)
    return float(np.sqrt(d2))   # a distance
""", False, ["square root"])

_answer("frechet-factor-2-missing", "check_frechet_distance", "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = scipy.linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
""", False, ["2"])


# ======================================================================================================
# check_answer(name, value): numbers worked out on paper
# ======================================================================================================

def _number(id, answer_name, source, ok, words=()):
    _answer(id, "check_answer", "value", source, ok, words, {"answer_name": answer_name})


_number("answer-optimum-exact", "value_at_the_optimum", "value = -math.log(4)", True)
_number("answer-optimum-rounded", "value_at_the_optimum", "value = -1.39", True)
_number("answer-indifference-exact", "loss_d_at_indifference", "value = 2 * math.log(2)", True)
_number("answer-indifference-rounded", "loss_d_at_indifference", "value = 1.39  # ln 4", True)
_number("answer-g-indifference-rounded", "loss_g_at_indifference", "value = 0.69", True)
_number("answer-class-loss-rounded", "class_loss_at_chance", "value = 2.3", True)
_number("answer-kl-numpy", "kl_for_one_class_of_ten", "value = np.log(10)", True)
_number("answer-kl-rounded", "kl_for_one_class_of_ten", "value = 2.30", True)
_number("answer-noise-length-torch", "length_of_100d_noise", "value = torch.tensor(100.0).sqrt()", True)
_number("answer-upsamplings-numpy-int", "upsamplings_for_32", "value = np.int64(3)", True)

_number("answer-optimum-sign", "value_at_the_optimum", "value = math.log(4)", False, ["sign"])
_number("answer-optimum-base-2", "value_at_the_optimum", "value = -math.log2(4)", False, ["base 2"])
_number("answer-indifference-base-2", "loss_d_at_indifference", "value = 2 * np.log2(2)", False, ["base 2"])
_number("answer-indifference-half", "loss_d_at_indifference", "value = math.log(2)", False, ["half"])
_number("answer-g-indifference-sign", "loss_g_at_indifference", "value = -math.log(2)  # log D(G(z))", False,
        ["sign"])
_number("answer-g-indifference-base-2", "loss_g_at_indifference", "value = 1.0", False, ["base 2"])
_number("answer-class-loss-base-10", "class_loss_at_chance", "value = -math.log10(1 / 10)", False, ["base 10"])
_number("answer-class-loss-base-2", "class_loss_at_chance", "value = math.log2(10)", False, ["base 2"])
_number("answer-kl-base-10", "kl_for_one_class_of_ten", "value = np.log10(10)", False, ["base 10"])
_number("answer-kl-not-answered", "kl_for_one_class_of_ten", "value = None  # YOUR ANSWER HERE", False,
        ["not answered"])
_number("answer-class-loss-string", "class_loss_at_chance", 'value = "2.30"', False, ["number"])
_number("answer-optimum-string", "value_at_the_optimum", 'value = "-log 4"', False, ["number"])
