"""A fifth, blind population of student answers (same format as tests/student_answers_three.py), written by someone who
had seen neither the checks nor the batteries before it, frozen, then scored: 42 of 42 right answers accepted, 58 of
68 wrong ones rejected, 47 of those named (before the fixes that followed). Six answers are labelled as the course
decided after scoring; each says why where it is written."""

from answer_format import battery

ANSWERS, _answer, _step = battery()

DL, GL = "check_discriminator_loss", "check_generator_loss"

# ======================================================================================================
# Discriminator loss: right
# ======================================================================================================
_answer("five-dl-r1-module", DL, "my_discriminator_loss", '''
bce = nn.BCEWithLogitsLoss()

def my_discriminator_loss(real_logits, fake_logits):
    real_loss = bce(real_logits, torch.ones_like(real_logits))
    fake_loss = bce(fake_logits, torch.zeros_like(fake_logits))
    return real_loss + fake_loss
''', True)

_answer("five-dl-r2-softplus", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log sigmoid(l) = softplus(-l) and -log(1 - sigmoid(l)) = softplus(l)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

_answer("five-dl-r3-logsigmoid", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    log_d_real = F.logsigmoid(real_logits)               # log D(x)
    log_one_minus_d_fake = F.logsigmoid(-fake_logits)    # log(1 - D(G(z)))
    return -(log_d_real.mean() + log_one_minus_d_fake.mean())
''', True)

_answer("five-dl-r4-full-targets", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_targets = torch.full(real_logits.shape, 1.0, dtype=real_logits.dtype, device=real_logits.device)
    fake_targets = torch.full(fake_logits.shape, 0.0, dtype=fake_logits.dtype, device=fake_logits.device)
    loss_real = F.binary_cross_entropy_with_logits(real_logits, real_targets)
    loss_fake = F.binary_cross_entropy_with_logits(fake_logits, fake_targets)
    return loss_real + loss_fake
''', True)

_answer("five-dl-r5-stable-formula", DL, "my_discriminator_loss", '''
def _bce_logits(logits, target):
    # the numerically stable form of BCE on logits: max(l, 0) - l * t + log(1 + exp(-|l|))
    return (logits.clamp(min=0) - logits * target + torch.log1p(torch.exp(-logits.abs()))).mean()


def my_discriminator_loss(real_logits, fake_logits):
    return _bce_logits(real_logits, 1.0) + _bce_logits(fake_logits, 0.0)
''', True)

_answer("five-dl-r6-elementwise-then-mean", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    per_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="none")
    per_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="none")
    return (per_real + per_fake).mean()
''', True)

# ======================================================================================================
# Discriminator loss: wrong
# ======================================================================================================
_answer("five-dl-w1-swapped-targets", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real + fake
''', False, words=("swap",))

_answer("five-dl-w2-concat-one-mean", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # one BCE over the whole batch of real and fake images
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, ["half"])  # decided after blind round 6: half of D's loss is named (the curves are for the sum)

_answer("five-dl-w3-value-function-sign", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))]
    return F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()
''', False, words=("sign",))

_answer("five-dl-w4-double-sigmoid", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real, d_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy_with_logits(d_real, torch.ones_like(d_real))
            + F.binary_cross_entropy_with_logits(d_fake, torch.zeros_like(d_fake)))
''', False, words=("sigmoid",))

_answer("five-dl-w5-label-smoothing", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # one-sided label smoothing (Salimans et al. 2016): real targets 0.9 keep D from getting over-confident
    real = F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=("0.9",))

_answer("five-dl-w6-naive-log-sigmoid", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return -(torch.log(d_real) + torch.log(1 - d_fake)).mean()
''', True)  # decided: the textbook formula is right; the check adds a note on its overflow at logit 100

_answer("five-dl-w7-detach-fake-logits", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # detach the fakes so that D's loss does not train G
    fake_logits = fake_logits.detach()
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=("detach",))

_answer("five-dl-w8-bce-on-logits", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=("with_logits",), student_bug=True)

_answer("five-dl-w9-mse-lsgan", DL, "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.mse_loss(real_logits, torch.ones_like(real_logits))
            + F.mse_loss(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=("cross-entropy",))

# ======================================================================================================
# Generator loss
# ======================================================================================================
_answer("five-gl-r1-module", GL, "my_generator_loss", '''
criterion = nn.BCEWithLogitsLoss()

def my_generator_loss(fake_logits):
    return criterion(fake_logits, torch.ones_like(fake_logits))
''', True)

_answer("five-gl-r2-softplus", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()   # -log sigmoid(l)
''', True)

_answer("five-gl-r3-log1p-exp", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # -log D(G(z)) = -log(1 / (1 + exp(-l))) = log(1 + exp(-l))
    return torch.mean(torch.log1p(torch.exp(-fake_logits)))
''', True)

_answer("five-gl-r4-neg-logsigmoid", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    log_d_fake = F.logsigmoid(fake_logits)
    return -log_d_fake.mean()
''', True)

_answer("five-gl-w1-saturating", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z))), as in the minimax game
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, words=("saturat",))

_answer("five-gl-w2-target-zero", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=("1",))

_answer("five-gl-w3-sign", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # G maximises log D(G(z))
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', False, words=("sign",))

_answer("five-gl-w4-detach", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    target = torch.ones_like(fake_logits)
    return F.binary_cross_entropy_with_logits(fake_logits.detach(), target)
''', False, words=("detach",))

_answer("five-gl-w5-log-of-mean", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    d_fake = torch.sigmoid(fake_logits).mean()   # D(G(z)) over the batch
    return -torch.log(d_fake)
''', False, words=("mean",))

_answer("five-gl-w6-wgan", GL, "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # make D's score of the fakes as high as possible
    return -fake_logits.mean()
''', False, words=("Wasserstein",))

# ======================================================================================================
# Numeric questions
# ======================================================================================================
def _num(id, name, source, ok, words=()):
    _answer(id, "check_answer", name, source, ok, words=words, args={"answer_name": name})

_num("five-n-r1-log4", "loss_d_at_indifference", "loss_d_at_indifference = math.log(4)\n", True)
_num("five-n-r2-rounded", "loss_d_at_indifference", "loss_d_at_indifference = 1.386\n", True)
_num("five-n-r3-value", "value_at_the_optimum", "value_at_the_optimum = 2 * math.log(0.5)\n", True)
_num("five-n-r4-kl", "kl_for_one_class_of_ten", "kl_for_one_class_of_ten = -math.log(1 / 10)\n", True)
_num("five-n-r5-midpoint", "length_of_straight_midpoint", "length_of_straight_midpoint = 10 / math.sqrt(2)\n", True)
_num("five-n-r6-is", "inception_score_max_10_classes", "inception_score_max_10_classes = math.exp(math.log(10))\n", True)

_num("five-n-w1-one-term", "loss_d_at_indifference", "loss_d_at_indifference = math.log(2)\n", False, ("real and a fake",))
_num("five-n-w2-value-sign", "value_at_the_optimum", "value_at_the_optimum = math.log(4)\n", False, ("negative",))
_num("five-n-w3-kl-other-direction", "kl_for_one_class_of_ten",
     "# KL(uniform || one-hot): the one-hot is 0 where the uniform is not\nkl_for_one_class_of_ten = float('inf')\n",
     False, ("uniform",))
_num("five-n-w4-rf-no-stride", "dcgan_28_receptive_field", "dcgan_28_receptive_field = 4 + 4 - 1\n", False, ("stride",))
_num("five-n-w5-one-map", "label_channel_weights", "label_channel_weights = 28 * 28\n", False, ("class",))
_num("five-n-w6-squared-length", "length_of_100d_noise", "length_of_100d_noise = 100  # E|z|^2 = 100\n", False, ("square",))
_num("five-n-w7-counted-sizes", "upsamplings_for_64", "upsamplings_for_64 = len([4, 8, 16, 32, 64])\n", False, ("doubl",))
_num("five-n-w8-no-exp", "inception_score_max_10_classes", "inception_score_max_10_classes = math.log(10)\n", False, ("exp",))

# ======================================================================================================
# Training step, unconditional (notebook 01): my_train_step(G, D, opt_g, opt_d, x, y=None)
# ======================================================================================================
_step("five-s-r1-tutorial-frozen", "my_train_step", '''
criterion = nn.BCEWithLogitsLoss()

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    real_label = torch.full((b,), 1.0, device=x.device)
    fake_label = torch.full((b,), 0.0, device=x.device)
    noise = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(noise, y)

    # (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
    D.zero_grad()
    out_real = D(x, y)
    err_real = criterion(out_real, real_label)
    err_real.backward()
    out_fake = D(fake.detach(), y)
    err_fake = criterion(out_fake, fake_label)
    err_fake.backward()
    err_d = err_real + err_fake
    opt_d.step()

    # (2) Update G: maximize log(D(G(z)))
    G.zero_grad()
    for p in D.parameters():
        p.requires_grad = False
    out = D(fake, y)
    err_g = criterion(out, real_label)
    err_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True
    return {"loss_d": err_d.detach(), "loss_g": err_g.detach(),
            "d_real": torch.sigmoid(out_real).mean().detach(), "d_fake": torch.sigmoid(out_fake).mean().detach()}
''', True)

_step("five-s-r2-softplus-try-finally", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    try:
        loss_g = F.softplus(-D(fake, y)).mean()
        loss_g.backward()
    finally:
        D.requires_grad_(True)
    opt_g.step()

    with torch.no_grad():
        d_real = torch.sigmoid(real_logits).mean()
        d_fake = torch.sigmoid(fake_logits).mean()
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=d_real, d_fake=d_fake)
''', True)

_step("five-s-r3-nograd-then-regenerate", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    with torch.no_grad():          # D's update needs no graph through G
        fake = G(z, y)

    opt_d.zero_grad()
    fake_logits = D(fake, y)
    real_logits = D(x, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    fake = G(z, y)                 # the same fakes again, this time with the graph for G
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)

_step("five-s-r4-tutorial-unfrozen", "my_train_step", '''
criterion = nn.BCEWithLogitsLoss()

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    ones = torch.ones(b, device=x.device)
    zeros = torch.zeros(b, device=x.device)
    z = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(z, y)

    # Update D
    opt_d.zero_grad()
    out_real = D(x, y)
    out_fake = D(fake.detach(), y)
    loss_d = criterion(out_real, ones) + criterion(out_fake, zeros)
    loss_d.backward()
    opt_d.step()

    # Update G (the gradients this leaves on D are cleared by opt_d.zero_grad() at the next step,
    # as in the PyTorch DCGAN tutorial)
    opt_g.zero_grad()
    loss_g = criterion(D(fake, y), ones)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(out_real).detach().mean(), "d_fake": torch.sigmoid(out_fake).detach().mean()}
''', True)

_step("five-s-r5-one-forward-for-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = len(x)
    z = torch.randn(n, G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    labels = None if y is None else torch.cat([y, y])
    logits = D(torch.cat([x, fake.detach()]), labels)   # one pass over real and fake together
    real_logits, fake_logits = logits[:n], logits[n:]
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
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)

_step("five-s-w1-no-detach-crash", "my_train_step", '''
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
''', False, words=("detach",), student_bug=True)

_step("five-s-w2-no-detach-retain-graph", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)   # retain_graph, or G's backward below fails
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",))

_step("five-s-w3-never-unfrozen", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)   # freeze D for G's update
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("requires_grad",))

_step("five-s-w4-no-zero-grad-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

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
''', False, words=("zero_grad",))

_step("five-s-w5-g-first", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    # G first, against the current D
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
''', False, words=("first",))

_step("five-s-w6-step-before-backward", "my_train_step", '''
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
    opt_g.step()
    loss_g.backward()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("backward",))

_step("five-s-w7-sigmoid-of-mean", "my_train_step", '''
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
            "d_real": torch.sigmoid(real_logits.mean()).detach(), "d_fake": torch.sigmoid(fake_logits.mean()).detach()}
''', False, words=("mean",))

_step("five-s-w8-uniform-noise", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.rand(len(x), G.latent_dim, device=x.device)
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
''', False, words=("randn",))

_step("five-s-w9-d-fake-after-update", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    loss_d = discriminator_loss(real_logits, D(fake.detach(), y))
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    fake_logits = D(fake, y)
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)  # decided: D after its own update is what the PyTorch DCGAN tutorial reports as D(G(z)) too

_step("five-s-w10-g-minus-d-loss", "my_train_step", '''
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
    loss_g = -discriminator_loss(D(x, y), D(fake, y))   # G plays the other side of D's game
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("saturat",))

_step("five-s-w11-g-step-detached", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y).detach()   # keep G out of D's update

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
''', False, words=("detach",))

# ======================================================================================================
# Training step, conditional (notebook 02): my_conditional_step(G, D, opt_g, opt_d, x, y)
# ======================================================================================================
_step("five-c-r1-contextmanager", "my_conditional_step", '''
from contextlib import contextmanager


@contextmanager
def frozen(net):
    net.requires_grad_(False)
    try:
        yield net
    finally:
        net.requires_grad_(True)


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    with frozen(D):
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

_step("five-c-r2-tutorial", "my_conditional_step", '''
criterion = nn.BCEWithLogitsLoss()

def my_conditional_step(G, D, opt_g, opt_d, x, y):
    batch_size = x.size(0)
    valid = torch.ones(batch_size, device=x.device)
    fake_target = torch.zeros(batch_size, device=x.device)
    z = torch.randn(batch_size, G.latent_dim, device=x.device)
    gen_imgs = G(z, y)

    # ---- Discriminator ----
    D.zero_grad()
    validity_real = D(x, y)
    d_real_loss = criterion(validity_real, valid)
    validity_fake = D(gen_imgs.detach(), y)
    d_fake_loss = criterion(validity_fake, fake_target)
    d_loss = d_real_loss + d_fake_loss
    d_loss.backward()
    opt_d.step()

    # ---- Generator ----
    G.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    g_loss = criterion(D(gen_imgs, y), valid)
    g_loss.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": d_loss.detach(), "loss_g": g_loss.detach(),
            "d_real": validity_real.detach().sigmoid().mean(), "d_fake": validity_fake.detach().sigmoid().mean()}
''', True, setting="conditional")

_step("five-c-r3-kwargs", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y=y)

    opt_d.zero_grad()
    real_logits = D(x, y=y)
    fake_logits = D(fake.detach(), y=y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y=y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    out = {"loss_d": loss_d, "loss_g": loss_g,
           "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
    return {k: v.detach() for k, v in out.items()}
''', True, setting="conditional")

_step("five-c-w1-g-without-label", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
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
''', False, words=("label",), setting="conditional", student_bug=True)

_step("five-c-w2-random-fake-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y_fake = torch.randint(0, G.n_classes, (len(x),), device=x.device)   # fakes of random digits
    fake = G(z, y_fake)

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
''', True, setting="conditional")  # decided: common cGAN practice; the check accepts it with a note

_step("five-c-w3-step-both-at-end", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    opt_g.zero_grad()

    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_g = generator_loss(D(fake, y))

    loss_d.backward()
    loss_g.backward()
    opt_d.step()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("freeze",), setting="conditional")

_step("five-c-w4-zero-grad-after-backward", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.zero_grad()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    opt_g.zero_grad()
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",), setting="conditional")

# ======================================================================================================
# Training step with R1 (notebook 03): my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0)
# ======================================================================================================
_R1_G_PART = '''
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
'''

_step("five-r-r1-manual-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma > 0:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma > 0:
        # gradient of each image's own logit (their sum) w.r.t. the images, kept in the graph
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        r1 = grad.pow(2).reshape(len(x), -1).sum(dim=1).mean()
        total = total + 0.5 * r1_gamma * r1
    total.backward()
    opt_d.step()
''' + _R1_G_PART, True, setting="r1")

_step("five-r-r2-always-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_penalty(real_logits, x)          # weighted by r1_gamma / 2 (0 when it is off)
    (loss_d + r1_gamma / 2 * penalty).backward()
    opt_d.step()
''' + _R1_G_PART, True, setting="r1")

_step("five-r-r3-inplace-grad-outputs", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x.requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        g, = torch.autograd.grad(outputs=real_logits, inputs=x, grad_outputs=torch.ones_like(real_logits),
                                 create_graph=True)
        loss = loss + r1_gamma / 2 * g.view(g.size(0), -1).pow(2).sum(1).mean()
    loss.backward()
    opt_d.step()
''' + _R1_G_PART, True, setting="r1")

_step("five-r-w1-no-requires-grad", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
''' + _R1_G_PART, False, words=("requires_grad",), setting="r1", student_bug=True)

_step("five-r-w2-full-gamma", "my_dcgan_step", '''
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
''' + _R1_G_PART, False, words=("2",), setting="r1")

_step("five-r-w3-penalty-on-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(True) if r1_gamma else fake.detach()
    real_logits, fake_logits = D(x, y), D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(fake_logits, fake_in) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
''' + _R1_G_PART, False, words=("real",), setting="r1")

_step("five-r-w4-reports-penalty", "my_dcgan_step", '''
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
''' + _R1_G_PART, False, words=("penalty",), setting="r1")

_step("five-r-w5-no-create-graph", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        total = total + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
''' + _R1_G_PART, False, words=("create_graph",), setting="r1")

_step("five-r-w6-grad-of-mean-logit", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.mean(), x, create_graph=True)
        total = total + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
''' + _R1_G_PART, False, words=("sum",), setting="r1")

_step("five-r-w7-requires-grad-too-late", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = 0.0
    if r1_gamma:
        x = x.detach().requires_grad_(True)
        penalty = r1_gamma / 2 * r1_penalty(real_logits, x)
    (loss_d + penalty).backward()
    opt_d.step()
''' + _R1_G_PART, False, words=("before",), setting="r1", student_bug=True)

# ======================================================================================================
# Training step with the class loss (notebook 04): my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0)
# ======================================================================================================
_step("five-k-r1-always-classify", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, real_class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(real_class_logits, y)).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(logits)
    (loss_g + class_weight * F.cross_entropy(class_logits, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

_step("five-k-r2-helper", "my_step", '''
def judge(D, images, y, class_weight):
    """D's logits and the weighted class loss (0 when the class loss is off)."""
    if class_weight == 0:
        return D(images, y), 0.0
    logits, class_logits = D(images, y, classify=True)
    return logits, class_weight * class_loss(class_logits, y)


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits, naming_real = judge(D, x, y, class_weight)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming_real).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, naming_fake = judge(D, fake, y, class_weight)
    loss_g = generator_loss(logits)
    (loss_g + naming_fake).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

_step("five-k-r3-tutorial", "my_step", '''
criterion = nn.BCEWithLogitsLoss()

def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    b = x.size(0)
    ones, zeros = torch.ones(b, device=x.device), torch.zeros(b, device=x.device)
    z = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(z, y)

    D.zero_grad()
    if class_weight:
        out_real, cls_real = D(x, y, classify=True)
        err_real = criterion(out_real, ones)
        (err_real + class_weight * F.cross_entropy(cls_real, y)).backward()
    else:
        out_real = D(x, y)
        err_real = criterion(out_real, ones)
        err_real.backward()
    out_fake = D(fake.detach(), y)
    err_fake = criterion(out_fake, zeros)
    err_fake.backward()
    opt_d.step()

    G.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    if class_weight:
        out, cls = D(fake, y, classify=True)
        err_g = criterion(out, ones)
        (err_g + class_weight * F.cross_entropy(cls, y)).backward()
    else:
        out = D(fake, y)
        err_g = criterion(out, ones)
        err_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": err_g.detach(),
            "d_real": torch.sigmoid(out_real).mean().detach(), "d_fake": torch.sigmoid(out_fake).mean().detach()}
''', True, setting="class")

_step("five-k-w1-ignores-class-weight", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

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
''', False, words=("class_weight",), setting="class")

_step("five-k-w2-d-classifies-fakes", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, real_cls = D(x, y, classify=True)
        fake_logits, fake_cls = D(fake.detach(), y, classify=True)
        naming = class_weight * (class_loss(real_cls, y) + class_loss(fake_cls, y))   # as in AC-GAN
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

_step("five-k-w3-g-without-class-loss", "my_step", '''
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

_step("five-k-w4-reports-class-term", "my_step", '''
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
    loss_g = generator_loss(logits) + naming
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("without",), setting="class")

_step("five-k-w5-nll-on-logits", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming = class_weight * F.nll_loss(class_logits, y)
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
        naming = class_weight * F.nll_loss(class_logits, y)
    else:
        logits, naming = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("cross_entropy",), setting="class")

# ======================================================================================================
# Conditional nets (notebook 02)
# ======================================================================================================
CN = "check_conditional_net"
_answer("five-cg-r1-literal-shape", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding(y)
        h = torch.cat((z, e), dim=-1)
        out = self.net(h)
        return out.view(z.size(0), 1, 28, 28)
''', True)

_answer("five-cg-r2-weight-index", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y=None):
        label_vectors = self.label_embedding.weight[y]      # row y of the embedding table = e_y
        images = self.net(torch.cat([z, label_vectors], 1))
        return images.reshape(-1, *self.image_shape)
''', True)

_answer("five-cg-w1-label-first", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=("order",))

_answer("five-cg-w2-one-hot", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        one_hot = F.one_hot(y, num_classes=self.n_classes).float()
        h = torch.cat([z, one_hot], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=("embedding",))

_answer("five-cg-w3-extra-tanh", CN, "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)   # images in [-1, 1]
''', False, words=("tanh",))

_answer("five-pd-r1-einsum", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.flatten(start_dim=1))
        e = self.label_embedding(y)
        return self.out(phi).view(-1) + torch.einsum("bd,bd->b", e, phi)
''', True)

_answer("five-pd-w1-no-squeeze", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=("shape",))

_answer("five-pd-w2-no-projection", CN, "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1)
''', False, words=("label",))

# ======================================================================================================
# Block shapes (notebooks 03 and 07)
# ======================================================================================================
BS = "check_block_shapes"
UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

_answer("five-b-r1-keywords", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    layers = [
        nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(num_features=c_out),
        nn.ReLU(inplace=True),
    ]
    return nn.Sequential(*layers)
''', True, args=UP)

_answer("five-b-w1-padding-0", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 0, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=("padding",), args=UP)

_answer("five-b-w2-conv2d", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, words=("transpose",), args=UP)

_answer("five-b-w3-no-relu", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out))
''', False, words=("ReLU",), args=UP)

_answer("five-b-w4-returns-list", BS, "my_up_block", '''
def my_up_block(c_in, c_out):
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True)]
''', True, args=UP)  # the labeller's own slip: ConvGenerator unpacks a list of layers too

_answer("five-f-r1-tuple-keywords", BS, "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))
''', True, args=FIRST)

_answer("five-f-r2-with-leaky", BS, "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
''', True, args=FIRST)

_answer("five-f-w1-kernel-3", BS, "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
''', False, ["kernel"], args=FIRST)  # decided after blind round 6: the notebooks ask for kernel 4

_answer("five-f-w2-one-channel", BS, "my_first_layer", '''
my_first_layer = nn.Conv2d(1, 16, 4, 2, 1)
''', False, words=("channel",), args=FIRST)

_answer("five-f-w3-batchnorm", BS, "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
''', False, words=("BatchNorm",), args=FIRST)

# ======================================================================================================
# slerp (notebook 05)
# ======================================================================================================
SL = "check_slerp"
_answer("five-sl-r1-acos-fallback", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.unsqueeze(1)
    cos_omega = (z0 @ z1) / (torch.linalg.norm(z0) * torch.linalg.norm(z1))
    omega = torch.acos(torch.clamp(cos_omega, -1.0, 1.0))
    so = torch.sin(omega)
    if so.abs() < 1e-6:                      # (almost) the same direction: the straight line
        return (1 - t) * z0 + t * z1
    return torch.sin((1.0 - t) * omega) / so * z0 + torch.sin(t * omega) / so * z1
''', True)

_answer("five-sl-r2-loop", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.arccos(torch.clamp(torch.dot(u0, u1), -1, 1)).item()
    rows = []
    for ti in t.tolist():
        a = math.sin((1 - ti) * omega) / math.sin(omega)
        b = math.sin(ti * omega) / math.sin(omega)
        rows.append(a * z0 + b * z1)
    return torch.stack(rows)
''', True)

_answer("five-sl-r3-outer", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(F.cosine_similarity(z0, z1, dim=0).clamp(-1, 1))
    w0 = torch.sin((1 - t) * omega) / torch.sin(omega)
    w1 = torch.sin(t * omega) / torch.sin(omega)
    return torch.outer(w0.to(z0), z0) + torch.outer(w1.to(z1), z1)
''', True)

_answer("five-sl-w1-lerp", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=("straight",))

_answer("five-sl-w2-unnormalised-cos", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0, z1).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, words=("unit vectors",))

_answer("five-sl-w3-swapped-ends", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, words=("z0",))

_answer("five-sl-w4-unit-sphere", SL, "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.arccos(torch.dot(u0, u1).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * u0 + torch.sin(t * omega) * u1) / torch.sin(omega)
''', False, words=("length",))

# ======================================================================================================
# Frechet distance (notebook 08)
# ======================================================================================================
FR = "check_frechet_distance"
_answer("five-fr-r1-eigenvalues", FR, "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    # Tr((S1 S2)^1/2) = sum of the square roots of the eigenvalues of S1 S2 (real and >= 0)
    eig = np.linalg.eigvals(sigma1 @ sigma2)
    tr_covmean = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean)
''', True)

_answer("five-fr-r2-symmetric-root", FR, "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = linalg.sqrtm(sigma1)
    covmean = linalg.sqrtm(root1 @ sigma2 @ root1)      # same trace as sqrtm(sigma1 @ sigma2)
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean).real)
''', True)

_answer("five-fr-r3-other-order", FR, "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma2 @ sigma1))
    mean_term = np.sum(np.square(mu1 - mu2))
    return float(mean_term + np.trace(sigma1 + sigma2 - 2.0 * covmean))
''', True)

_answer("five-fr-w1-distance-not-squared", FR, "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("square",))

_answer("five-fr-w2-product-of-roots", FR, "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("product",))

_answer("five-fr-w3-no-factor-2", FR, "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - np.trace(covmean))
''', False, words=("2",))
