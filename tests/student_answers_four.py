"""A fourth, blind population of student answers (same format as tests/student_answers_three.py)."""

from answer_format import battery

ANSWERS, _answer, _step = battery()


RET = """    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
"""

# ---------------------------------------------------------------- check_discriminator_loss
D = "check_discriminator_loss"
_answer("four-loss-d-logaddexp", D, "loss_d", """\
def loss_d(real_logits, fake_logits):
    # -log sigmoid(a) = log(1 + e^-a) = logaddexp(0, -a)
    zero_r, zero_f = torch.zeros_like(real_logits), torch.zeros_like(fake_logits)
    return torch.logaddexp(zero_r, -real_logits).mean() + torch.logaddexp(zero_f, fake_logits).mean()
""", True)
_answer("four-loss-d-keras-stack-sum", D, "discriminator_loss_fn", """\
cross_entropy = nn.BCEWithLogitsLoss()

def discriminator_loss_fn(real_output, fake_output):
    real_loss = cross_entropy(real_output, torch.ones_like(real_output))
    fake_loss = cross_entropy(fake_output, torch.zeros_like(fake_output))
    return torch.stack([real_loss, fake_loss]).sum()
""", True)
_answer("four-loss-d-sum-over-numel", D, "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    n_real, n_fake = real_logits.numel(), fake_logits.numel()
    lr = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum") / n_real
    lf = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum") / n_fake
    return lr + lf
""", True)
_answer("four-loss-d-negated-logits-trick", D, "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # BCE(a, 0) == BCE(-a, 1): both terms against target 1
    both = torch.cat([real_logits, -fake_logits])
    return 2 * F.binary_cross_entropy_with_logits(both, torch.ones_like(both))
""", True)
_answer("four-loss-d-bce-on-logits", D, "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
""", False, ["logit"])
_answer("four-loss-d-two-sided-smoothing", D, "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    # soft labels (Salimans et al.) on both sides
    real = F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.full_like(fake_logits, 0.1))
    return real + fake
""", False, ["smooth"])
_answer("four-loss-d-fake-logits-twice", D, "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
""", False, ["real"])
_answer("four-loss-d-sigmoid-missing-on-fake", D, "my_discriminator_loss", """\
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    return -(torch.log(d_real) + torch.log(1 - fake_logits)).mean()
""", False, ["sigmoid"])

# ---------------------------------------------------------------- check_generator_loss
G_ = "check_generator_loss"
_answer("four-loss-g-logaddexp", G_, "loss_g", """\
def loss_g(fake_logits):
    return torch.logaddexp(torch.zeros_like(fake_logits), -fake_logits).mean()
""", True)
_answer("four-loss-g-module-ones-shape", G_, "my_generator_loss", """\
def my_generator_loss(fake_logits):
    criterion = nn.BCEWithLogitsLoss(reduction="mean")
    return criterion(fake_logits, torch.ones(fake_logits.shape, device=fake_logits.device))
""", True)
_answer("four-loss-g-logsigmoid-sum-over-n", G_, "my_generator_loss", """\
def my_generator_loss(fake_logits):
    n = fake_logits.numel()
    return -F.logsigmoid(fake_logits).sum() / n
""", True)
_answer("four-loss-g-negated-target-zero", G_, "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # flip the logits instead of the label: BCE(-a, 0) = -log sigmoid(a)
    return F.binary_cross_entropy_with_logits(-fake_logits, torch.zeros_like(fake_logits))
""", True)
_answer("four-loss-g-saturating-softplus", G_, "my_generator_loss", """\
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z))) = -softplus(a)
    return -F.softplus(fake_logits).mean()
""", False, ["saturat"])
_answer("four-loss-g-softplus-target-zero", G_, "my_generator_loss", """\
def my_generator_loss(fake_logits):
    return F.softplus(fake_logits).mean()
""", False, ["target"])
_answer("four-loss-g-mean-logit-first", G_, "my_generator_loss", """\
def my_generator_loss(fake_logits):
    avg = fake_logits.mean()
    return F.binary_cross_entropy_with_logits(avg, torch.ones_like(avg))
""", False, ["mean"])

# ---------------------------------------------------------------- check_train_step, unconditional
_step("four-step-closures", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z)

    def update_d():
        opt_d.zero_grad()
        r, f = D(x), D(fake.detach())
        loss = discriminator_loss(r, f)
        loss.backward()
        opt_d.step()
        return loss, r, f

    def update_g():
        opt_g.zero_grad()
        loss = generator_loss(D(fake))
        loss.backward()
        opt_g.step()
        return loss

    loss_d, real_logits, fake_logits = update_d()
    loss_g = update_g()
    opt_d.zero_grad()   # G's backward left gradients in D
""" + RET, True)
_step("four-step-autograd-backward-inputs", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z)
    opt_d.zero_grad()
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    torch.autograd.backward(loss_d, inputs=list(D.parameters()))
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    torch.autograd.backward(loss_g, inputs=list(G.parameters()))   # only G's weights get gradients
    opt_g.step()
""" + RET, True)
_step("four-step-lightning-toggle", "training_step", """\
def set_trainable(net, flag):
    for p in net.parameters():
        p.requires_grad = flag

def training_step(G, D, opt_g, opt_d, x, y=None):
    noise = torch.randn(len(x), G.latent_dim, device=x.device)
    generated = G(noise)
    set_trainable(D, True)
    opt_d.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x), D(generated.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    set_trainable(D, False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = generator_loss(D(generated))
    loss_g.backward()
    opt_g.step()
    set_trainable(D, True)
    with torch.no_grad():
        stats = {"d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), **stats}
""", True)
_step("four-step-criterion-ones-by-size", "my_train_step", """\
criterion = nn.BCEWithLogitsLoss()

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    ones = torch.ones(b, device=x.device)
    zeros = torch.zeros(b, device=x.device)
    fake = G(torch.randn(b, G.latent_dim, device=x.device))
    D.zero_grad()
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = criterion(real_logits, ones) + criterion(fake_logits, zeros)
    loss_d.backward()
    opt_d.step()
    G.zero_grad()
    loss_g = criterion(D(fake), ones)
    loss_g.backward()
    opt_g.step()
""" + RET, True)
_step("four-step-zero-grad-at-the-end", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_d.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    # tidy up for the next batch
    opt_g.zero_grad()
    opt_d.zero_grad()
""" + RET, True)
_step("four-step-target-dtype-full", "gan_train_step", """\
def gan_train_step(G, D, opt_g, opt_d, x, y=None):
    valid = torch.full((x.shape[0],), 1.0, dtype=x.dtype, device=x.device)
    fake_lbl = torch.full((x.shape[0],), 0.0, dtype=x.dtype, device=x.device)
    gen_imgs = G(torch.randn(x.shape[0], G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits = D(x)
    fake_logits = D(gen_imgs.detach())
    real_loss = F.binary_cross_entropy_with_logits(real_logits, valid)
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, fake_lbl)
    loss_d = real_loss + fake_loss
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    with torch.no_grad():
        d_real = torch.sigmoid(real_logits).mean()
        d_fake = torch.sigmoid(fake_logits).mean()
    D.requires_grad_(False)
    loss_g = F.binary_cross_entropy_with_logits(D(gen_imgs), valid)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=d_real, d_fake=d_fake)
""", True)
_step("four-step-zero-grad-end-forgets-d", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_d.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    opt_g.zero_grad()
""" + RET, False, ["zero"])
_step("four-step-one-d-pass-on-fakes", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    real_logits = D(x)
    fake_out = D(fake)                 # one pass over the fakes, used twice
    fake_logits = fake_out.detach()
    opt_d.zero_grad()
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(fake_out)
    loss_g.backward()
    opt_g.step()
""" + RET, False, ["before"])
_step("four-step-label-not-refilled", "train_step", """\
real_label, fake_label = 1.0, 0.0
criterion = nn.BCEWithLogitsLoss()

def train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    D.zero_grad()
    label = torch.full((b,), real_label, device=x.device)
    output = D(x).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    fake = G(torch.randn(b, G.latent_dim, device=x.device))
    output_fake = D(fake.detach()).view(-1)
    errD_fake = criterion(output_fake, label)
    errD_fake.backward()
    loss_d = errD_real + errD_fake
    opt_d.step()
    G.zero_grad()
    errG = criterion(D(fake).view(-1), label)
    errG.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(output).mean().detach(), "d_fake": torch.sigmoid(output_fake).mean().detach()}
""", False, ["fake"])
_step("four-step-label-fill-inplace-before-backward", "train_step", """\
real_label, fake_label = 1.0, 0.0
criterion = nn.BCEWithLogitsLoss()

def train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    fake = G(torch.randn(b, G.latent_dim, device=x.device))
    D.zero_grad()
    label = torch.full((b,), real_label, device=x.device)
    real_logits = D(x).view(-1)
    errD_real = criterion(real_logits, label)
    label.fill_(fake_label)
    fake_logits = D(fake.detach()).view(-1)
    errD_fake = criterion(fake_logits, label)
    loss_d = errD_real + errD_fake
    loss_d.backward()
    opt_d.step()
    G.zero_grad()
    label.fill_(real_label)
    loss_g = criterion(D(fake).view(-1), label)
    loss_g.backward()
    opt_g.step()
""" + RET, False, ["place"])
_step("four-step-zero-grad-between-halves", "train_step", """\
criterion = nn.BCEWithLogitsLoss()

def train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    real_logits = D(x)
    err_real = criterion(real_logits, torch.ones_like(real_logits))
    opt_d.zero_grad()
    err_real.backward()
    fake_logits = D(fake.detach())
    err_fake = criterion(fake_logits, torch.zeros_like(fake_logits))
    opt_d.zero_grad()
    err_fake.backward()
    opt_d.step()
    loss_d = err_real + err_fake
    opt_g.zero_grad()
    loss_g = criterion(D(fake), torch.ones_like(fake_logits))
    loss_g.backward()
    opt_g.step()
""" + RET, False, ["zero"])
_step("four-step-saturating-frozen-d", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = -F.softplus(D(fake)).mean()     # Goodfellow: min log(1 - D(G(z)))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["saturat"])
_step("four-step-dict-keys-swapped-values", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
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
    p_real, p_fake = torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": p_fake.detach(), "d_fake": p_real.detach()}
""", False, ["d_real"])
_step("four-step-loss-d-only-real-half", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    err_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    err_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    (err_real + err_fake).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    loss_d = err_real
""" + RET, False, ["loss_d"])
_step("four-step-opt-g-step-before-backward", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    opt_g.step()
    loss_g.backward()
    D.requires_grad_(True)
""" + RET, False, ["backward"])
_step("four-step-g-update-in-no-grad", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    with torch.no_grad():            # D must not learn here
        loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
""" + RET, False, ["no_grad"])
_step("four-step-d-never-unfrozen", "my_train_step", """\
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
""" + RET, False, ["requires_grad"])

# ---------------------------------------------------------------- conditional
_step("four-cond-keywords-autograd-inputs", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y=y)
    opt_d.zero_grad()
    real_logits = D(x, y=y)
    fake_logits = D(fake.detach(), y=y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y=y))
    loss_g.backward(inputs=list(G.parameters()))
    opt_g.step()
""" + RET, True, setting="conditional")
_step("four-cond-tutorial-criterion", "train_step", """\
criterion = nn.BCEWithLogitsLoss()

def train_step(G, D, opt_g, opt_d, x, y):
    labels = y.long().to(x.device)
    b = x.size(0)
    noise = torch.randn(b, G.latent_dim, device=x.device)
    gen = G(noise, labels)
    D.zero_grad()
    real_logits = D(x, labels)
    fake_logits = D(gen.detach(), labels)
    err_real = criterion(real_logits, torch.ones(b, device=x.device))
    err_fake = criterion(fake_logits, torch.zeros(b, device=x.device))
    err_real.backward()
    err_fake.backward()
    opt_d.step()
    loss_d = err_real + err_fake
    G.zero_grad()
    loss_g = criterion(D(gen, labels), torch.ones(b, device=x.device))
    loss_g.backward()
    opt_g.step()
""" + RET, True, setting="conditional")
_step("four-cond-fake-judged-as-class-zero", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), torch.zeros_like(y))
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["label"], setting="conditional")
_step("four-cond-one-hot-into-noise", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    z_y = torch.cat([z, F.one_hot(y, G.n_classes).float()], dim=1)   # condition the noise on the label
    fake = G(z_y, y)
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
""" + RET, False, ["shape"], setting="conditional")
_step("four-cond-generator-eval-mode", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    G.eval()        # left over from the sampling cell
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
""" + RET, False, ["eval"], setting="conditional")
_step("four-cond-labels-column", "my_conditional_step", """\
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y = y.view(-1, 1)
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
""" + RET, False, ["shape"], setting="conditional")

# ---------------------------------------------------------------- R1
_step("four-r1-reshape-sum-half", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    x_in = x.detach().requires_grad_(r1_gamma > 0)
    real_logits = D(x_in)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma > 0:
        g, = torch.autograd.grad(real_logits.sum(), x_in, create_graph=True)
        total = total + 0.5 * r1_gamma * g.pow(2).reshape(g.size(0), -1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, True, setting="r1")
_step("four-r1-vector-norm-grad-outputs", "dcgan_step", """\
def r1(real_logits, real_x):
    grad = torch.autograd.grad(outputs=real_logits, inputs=real_x, grad_outputs=torch.ones_like(real_logits),
                               create_graph=True, retain_graph=True)[0]
    return torch.linalg.vector_norm(grad.flatten(1), dim=1).square().mean()

def dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    if r1_gamma:
        x = x.clone().requires_grad_()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    reg = r1_gamma / 2 * r1(real_logits, x) if r1_gamma else torch.zeros(())
    (loss_d + reg).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, True, setting="r1")
_step("four-r1-separate-forward-for-penalty", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        x_r = x.detach().clone().requires_grad_(True)
        loss = loss + r1_gamma / 2 * r1_penalty(D(x_r), x_r)   # a second pass just for the penalty
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, True, setting="r1")
_step("four-r1-penalty-in-g-loss", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    penalty = r1_gamma / 2 * r1_penalty(D(x), x) if r1_gamma else 0.0
    (loss_g + penalty).backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["g's"], setting="r1")
_step("four-r1-gradient-of-d-loss", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    # penalise the slope of D's real loss at the real images
    g, = torch.autograd.grad(F.softplus(-real_logits).sum(), x, create_graph=True)
    penalty = g.pow(2).flatten(1).sum(1).mean()
    (loss_d + r1_gamma / 2 * penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["logit"], setting="r1")
_step("four-r1-clone-not-seen-by-d", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    x_r = x.clone().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x_r) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["does not depend"], setting="r1")
_step("four-r1-whole-loss-halved", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_penalty(real_logits, x) if r1_gamma else 0.0
    ((loss_d + r1_gamma * penalty) / 2).backward()     # the 1/2 of gamma/2
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["R1 term is right", "1/2 of the course's", "divided by 2"], setting="r1")
_step("four-r1-argument-named-gamma", "my_dcgan_step", """\
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    if gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = gamma / 2 * r1_penalty(real_logits, x) if gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["r1_gamma"], setting="r1")

# ---------------------------------------------------------------- class loss
_step("four-class-one-d-pass-concat", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    b = len(x)
    opt_d.zero_grad()
    both = torch.cat([x, fake.detach()])
    logits, cls = D(both, torch.cat([y, y]), classify=True)
    real_logits, fake_logits = logits[:b], logits[b:]
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(cls[:b], y)).backward()   # only the real half is named
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * F.cross_entropy(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, True, setting="class")
_step("four-class-no-freeze-named-terms", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if class_weight > 0:
        real_logits, real_cls = D(x, y, classify=True)
        aux_d = F.cross_entropy(real_cls, y, reduction="mean")
    else:
        real_logits, aux_d = D(x, y), 0
    fake_logits = D(fake.detach(), y)
    adv_d = discriminator_loss(real_logits, fake_logits)
    (adv_d + class_weight * aux_d).backward()
    opt_d.step()
    opt_g.zero_grad()
    if class_weight > 0:
        out, cls = D(fake, y, classify=True)
        aux_g = F.cross_entropy(cls, y)
    else:
        out, aux_g = D(fake, y), 0
    adv_g = generator_loss(out)
    (adv_g + class_weight * aux_g).backward()
    opt_g.step()
    loss_d, loss_g = adv_d, adv_g
""" + RET, True, setting="class")
_step("four-class-d-names-fakes-not-reals", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    if class_weight:
        fake_logits, cls = D(fake.detach(), y, classify=True)
        naming = class_weight * class_loss(cls, y)
    else:
        fake_logits, naming = D(fake.detach(), y), 0.0
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
""" + RET, False, ["fake"], setting="class")
_step("four-class-g-targets-argmax", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, cls = D(x, y, classify=True)
        naming = class_weight * class_loss(cls, y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, cls = D(fake, y, classify=True)
        naming = class_weight * class_loss(cls, cls.argmax(1))   # make D sure of its guess
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["label"], setting="class")
_step("four-class-g-names-detached-fakes", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, cls = D(x, y, classify=True)
        naming = class_weight * class_loss(cls, y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    if class_weight:
        _, cls = D(fake.detach(), y, classify=True)
        loss_total = loss_g + class_weight * class_loss(cls, y)
    else:
        loss_total = loss_g
    loss_total.backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["detach"], setting="class")
_step("four-class-softmax-then-cross-entropy", "my_step", """\
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, cls = D(x, y, classify=True)
        naming = class_weight * F.cross_entropy(F.softmax(cls, dim=1), y)
    else:
        real_logits, naming = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, cls = D(fake, y, classify=True)
        naming = class_weight * F.cross_entropy(F.softmax(cls, dim=1), y)
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
""" + RET, False, ["softmax"], setting="class")

# ---------------------------------------------------------------- check_conditional_net
N = "check_conditional_net"
_answer("four-net-g-embed-helper-last-dim", N, "CondGenerator", """\
class CondGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat((z, self.embed(y, len(z))), -1)
        return self.net(h).reshape(z.size(0), *self.image_shape)
""", True)
_answer("four-net-g-column-stack-unflatten", N, "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        inp = torch.column_stack([z, self.label_embedding(y)])
        return self.net(inp).unflatten(1, self.image_shape)
""", True)
_answer("four-net-g-hardcoded-mnist-view", N, "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        x = torch.cat([z, self.label_embedding(y)], 1)
        x = self.net(x)
        return x.view(x.size(0), *self.image_shape)
""", True)
_answer("four-net-d-weight-rows-index0", N, "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.view(x.size(0), -1))
        psi = self.out(phi)[:, 0]
        return psi + (phi * self.label_embedding.weight[y]).sum(dim=1)
""", True)
_answer("four-net-d-vecdot", N, "ProjD", """\
class ProjD(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(torch.flatten(x, start_dim=1))
        return self.out(h).flatten() + torch.linalg.vecdot(h, self.label_embedding(y))
""", True)
_answer("four-net-g-weight-data-rows", N, "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding.weight.data[y]
        return self.net(torch.cat([z, e], dim=1)).view(len(z), *self.image_shape)
""", False, ["detach"])
_answer("four-net-g-tanh-skipped", N, "MyConditionalGenerator", """\
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        out = self.net[:-1](h)       # raw outputs, the images are normalised later
        return out.view(len(z), *self.image_shape)
""", False, ["tanh"])
_answer("four-net-d-projection-on-pixels", N, "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        flat = x.flatten(1)
        h = self.features(flat)
        return self.out(h).squeeze(1) + (self.label_embedding(y) * flat).sum(1)
""", False, ["features"])
_answer("four-net-d-not-flattened", N, "MyProjectionDiscriminator", """\
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x)
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
""", False, ["flatten"])

# ---------------------------------------------------------------- check_block_shapes
UP = {"input_shape": (2, 64, 7, 7), "expected": (2, 32, 14, 14)}
FIRST = {"input_shape": (2, 3, 64, 64), "expected": (2, 16, 32, 32)}
B = "check_block_shapes"
_answer("four-block-kernel-6-padding-2", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, kernel_size=6, stride=2, padding=2, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))
""", False, ["kernel"], args=UP)  # decided after blind round 6: the notebooks ask for kernel 4
_answer("four-block-pixel-shuffle", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    # sub-pixel convolution: 4 * c_out channels rearranged into a 2x larger map
    return nn.Sequential(nn.Conv2d(c_in, 4 * c_out, 3, padding=1, bias=False), nn.PixelShuffle(2),
                         nn.BatchNorm2d(c_out), nn.ReLU())
""", True, args=UP)
_answer("four-block-add-module", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    block = nn.Sequential()
    block.add_module("deconv", nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False))
    block.add_module("bn", nn.BatchNorm2d(c_out))
    block.add_module("act", nn.ReLU(True))
    return block
""", True, args=UP)
_answer("four-first-layer-kernel-6-padding-2", B, "my_first_layer", """\
my_first_layer = nn.Conv2d(3, 16, kernel_size=6, stride=2, padding=2)
""", False, ["kernel"], args=FIRST)  # decided after blind round 6: the notebooks ask for kernel 4
_answer("four-block-batchnorm-of-c-in", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_in), nn.ReLU(True))
""", False, ["batchnorm"], args=UP)
_answer("four-block-stride-1", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 1, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["stride"], args=UP)
_answer("four-block-padding-2", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 2, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["padding"], args=UP)
_answer("four-block-upsample-then-strided-conv", B, "my_up_block", """\
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, stride=2, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
""", False, ["stride"], args=UP)
_answer("four-first-layer-with-batchnorm", B, "my_first_layer", """\
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
""", False, ["batchnorm"], args=FIRST)
_answer("four-first-layer-channels-swapped", B, "my_first_layer", """\
my_first_layer = nn.Conv2d(16, 3, 4, 2, 1)
""", False, ["channels"], args=FIRST)

# ---------------------------------------------------------------- check_slerp
S = "check_slerp"
_answer("four-slerp-atan2-angle", S, "my_slerp", """\
def my_slerp(z0, z1, t):
    a, b = z0 / z0.norm(), z1 / z1.norm()
    omega = 2 * torch.atan2((a - b).norm(), (a + b).norm())   # stable angle between the two
    t = t.reshape(-1, 1)
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", True)
_answer("four-slerp-outer-products", S, "my_slerp", """\
def my_slerp(z0, z1, t):
    omega = torch.acos(torch.clamp(torch.dot(z0, z1) / (z0.norm() * z1.norm()), -1.0, 1.0))
    so = torch.sin(omega)
    return torch.outer(torch.sin((1.0 - t) * omega) / so, z0) + torch.outer(torch.sin(t * omega) / so, z1)
""", True)
_answer("four-slerp-math-floats", S, "slerp", """\
def slerp(z0, z1, t):
    cos = float(torch.dot(z0, z1) / (torch.linalg.norm(z0) * torch.linalg.norm(z1)))
    omega = math.acos(max(-1.0, min(1.0, cos)))
    rows = [(math.sin((1 - s) * omega) * z0 + math.sin(s * omega) * z1) / math.sin(omega) for s in t.tolist()]
    return torch.stack(rows)
""", True)
_answer("four-slerp-t-as-row", S, "my_slerp", """\
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    t = t.reshape(1, -1)
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", False, ["shape"])
_answer("four-slerp-one-term-divided", S, "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t[:, None]
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) * z1
""", False, ["sin"])
_answer("four-slerp-arcsin", S, "my_slerp", """\
def my_slerp(z0, z1, t):
    t = t[:, None]
    omega = torch.arcsin(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
""", False, ["angle"])

# ---------------------------------------------------------------- check_frechet_distance
FR = "check_frechet_distance"
_answer("four-frechet-einsum-real-trace", FR, "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    d = mu1 - mu2
    covmean = scipy.linalg.sqrtm(sigma1.dot(sigma2))
    return float(np.einsum("i,i->", d, d) + sigma1.trace() + sigma2.trace() - 2 * covmean.real.trace())
""", True)
_answer("four-frechet-nuclear-norm", FR, "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    # Tr sqrt(S1 S2) = sum of singular values of sqrt(S2) sqrt(S1)
    r1 = np.real(scipy.linalg.sqrtm(sigma1))
    r2 = np.real(scipy.linalg.sqrtm(sigma2))
    cross = np.linalg.norm(r2 @ r1, ord="nuc")
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * cross)
""", True)
_answer("four-frechet-root-of-trace", FR, "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(np.trace(sigma1 @ sigma2)))
""", False, ["trace", "root"])
_answer("four-frechet-l1-means", FR, "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(scipy.linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum(np.abs(mu1 - mu2)) + np.trace(sigma1 + sigma2 - 2 * covmean))
""", False, ["square"])
_answer("four-frechet-diagonal-only", FR, "my_frechet", """\
def my_frechet(mu1, sigma1, mu2, sigma2):
    # features assumed independent: only the variances matter
    v1, v2 = np.diag(sigma1), np.diag(sigma2)
    return float(np.sum((mu1 - mu2) ** 2) + np.sum(v1 + v2 - 2 * np.sqrt(v1 * v2)))
""", False, ["diagonal"])

# ---------------------------------------------------------------- check_answer
def _number(id, answer_name, source, ok, words=()):
    _answer(id, "check_answer", "value", source, ok, words, {"answer_name": answer_name})


_number("four-answer-loss-d-minus-two-log-half", "loss_d_at_indifference", "value = -2 * math.log(0.5)", True)
_number("four-answer-receptive-field-sum", "dcgan_28_receptive_field", "value = 1 + (4 - 1) + (4 - 1) * 2", True)
_number("four-answer-kl-rounded-one-decimal", "kl_for_one_class_of_ten", "value = 2.3", True)
_number("four-answer-class-loss-np-four-decimals", "class_loss_at_chance", "value = 2.3026", True)
_number("four-answer-optimum-sign", "value_at_the_optimum", "value = math.log(4)", False, ["sign"])
_number("four-answer-loss-g-twice", "loss_g_at_indifference", "value = 2 * math.log(2)", False, ["d's loss"])
_number("four-answer-receptive-field-no-stride", "dcgan_28_receptive_field", "value = 4 + 3", False, ["stride"])
_number("four-answer-upsamplings-64-from-1", "upsamplings_for_64", "value = 6  # 2**6 = 64", False, ["4x4"])
_number("four-answer-noise-unit-length", "length_of_100d_noise", "value = 1.0", False, ["sqrt"])
_number("four-answer-is-without-exp", "inception_score_max_10_classes", "value = math.log(10)", False, ["exp"])
_number("four-answer-optimal-d-logit", "optimal_d_when_pg_equals_pdata", "value = 0.0  # D's logit", False,
        ["logit"])
_number("four-answer-class-loss-log2", "class_loss_at_chance", "value = math.log2(10)", False, ["base 2"])
