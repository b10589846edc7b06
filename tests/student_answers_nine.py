"""A ninth, blind population of student answers (same format as tests/student_answers_seven.py), for all eleven
checks (the notebooks' exercises, all fourteen check_answer questions, and notebook 09's check_hinge_loss,
check_critic and check_gradient_penalty), written by someone who had seen neither the checks nor the batteries
before it, frozen, then scored: 59 of 59 right answers accepted, 103 of 107 wrong ones rejected, 99 of the 107
named, no check crashed (before the fixes that followed). After the fixes every wrong answer is rejected and named,
except two that were relabelled right: nine-bs-w2-upsample-conv (upsample + convolution, the resize-convolution the
block check accepts on purpose) and nine-c-w7-stride1 (a stride-1 critic is still a valid WGAN-GP critic), so the
battery holds 61 right answers and 105 wrong ones. For check_hinge_loss, ``args`` hold the name of G's loss, defined
in the same source ({"generator_name": ...}); for check_answer, the question's name ({"answer_name": ...})."""

from answer_format import battery

ANSWERS, _answer, _step = battery()

# =====================================================================================================
# check_discriminator_loss (notebooks 00/01): my_discriminator_loss(real_logits, fake_logits)
# =====================================================================================================
_answer("nine-dl-r1-dcgan-tutorial", "check_discriminator_loss", "my_discriminator_loss", '''
criterion = nn.BCEWithLogitsLoss()

def my_discriminator_loss(real_logits, fake_logits):
    real_label, fake_label = 1.0, 0.0
    errD_real = criterion(real_logits, torch.full_like(real_logits, real_label))
    errD_fake = criterion(fake_logits, torch.full_like(fake_logits, fake_label))
    return errD_real + errD_fake
''', True)

_answer("nine-dl-r2-softplus", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log sigmoid(l) = softplus(-l);  -log(1 - sigmoid(l)) = softplus(l)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

_answer("nine-dl-r3-logsigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())
''', True)

_answer("nine-dl-r5-tf-stable-formula", "check_discriminator_loss", "my_discriminator_loss", '''
def sigmoid_xent(logits, labels):
    # TensorFlow's sigmoid_cross_entropy_with_logits: max(l, 0) - l * z + log(1 + exp(-|l|))
    return (logits.clamp(min=0) - logits * labels + torch.log1p(torch.exp(-logits.abs()))).mean()

def my_discriminator_loss(real_logits, fake_logits):
    return sigmoid_xent(real_logits, torch.ones_like(real_logits)) + sigmoid_xent(fake_logits, torch.zeros_like(fake_logits))
''', True)

# The labels are swapped: real logits must be compared with 1 and fake logits with 0.
_answer("nine-dl-w1-swapped", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
''', False, ['swapped'])

# A sigmoid is applied to the logits before BCEWithLogits, which applies its own: the sigmoid is taken twice.
_answer("nine-dl-w2-double-sigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_p, fake_p = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy_with_logits(real_p, torch.ones_like(real_p))
            + F.binary_cross_entropy_with_logits(fake_p, torch.zeros_like(fake_p)))
''', False, ['sigmoid', 'twice'])

# It sums over the batch instead of taking the mean: the loss grows with the batch size.
_answer("nine-dl-w3-sum", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum"))
''', False, ['sum over the batch'])

# The fake term is missing: D must also learn to call the fakes fake (BCE of fake logits against 0).
_answer("nine-dl-w4-no-fake-term", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
''', False, ['only the real half', "fakes' term"])

# The two terms are averaged, not added: the loss is half of BCE(real, 1) + BCE(fake, 0) (ln 2 instead of 2 ln 2 at indifference).
_answer("nine-dl-w5-halved", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real + fake) / 2
''', False, ["half of D's loss", 'sum of the two means'])

# It returns a Python float (.item()): the loss must stay a tensor so that backward() can reach D.
_answer("nine-dl-w6-item", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    return loss.item()
''', False, ['float', '.item()'])

# The sign is flipped: D would maximise its cross-entropy, i.e. learn to be wrong.
_answer("nine-dl-w7-negated", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return -(F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
             + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
''', False, ['sign is flipped'])

# This is the least-squares (LSGAN) loss, not the binary cross-entropy on logits.
_answer("nine-dl-w8-lsgan", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return ((real_logits - 1) ** 2).mean() + (fake_logits ** 2).mean()
''', False, ['LSGAN', 'least-squares'])

# The logits are detached: the value is right but no gradient reaches D, so D never learns.
_answer("nine-dl-w9-detached", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    r, f = real_logits.detach(), fake_logits.detach()
    return (F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
            + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f)))
''', False, ['without a gradient', 'detached'])

# =====================================================================================================
# check_generator_loss: my_generator_loss(fake_logits)
# =====================================================================================================
_answer("nine-gl-r1-module", "check_generator_loss", "my_generator_loss", '''
bce = nn.BCEWithLogitsLoss()

def my_generator_loss(fake_logits):
    return bce(fake_logits, torch.ones_like(fake_logits))
''', True)

_answer("nine-gl-r2-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

_answer("nine-gl-r3-logsigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # maximise log D(G(z))
    return -F.logsigmoid(fake_logits).mean()
''', True)

_answer("nine-gl-r4-new-full", "check_generator_loss", "my_generator_loss", '''
real_label = 1.0

def my_generator_loss(fake_logits):
    label = fake_logits.new_full(fake_logits.shape, real_label)
    return F.binary_cross_entropy_with_logits(fake_logits, label)
''', True)

# This is the saturating loss log(1 - D(G(z))) (= -softplus(logit)): its gradient vanishes where D rejects the fakes; minimise -log D(G(z)).
_answer("nine-gl-w1-saturating-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.softplus(fake_logits).mean()
''', False, ['the saturating loss'])

# The saturating minimax loss log(1 - D(G(z))) written with a sigmoid: use the non-saturating -log D(G(z)).
_answer("nine-gl-w2-saturating-log", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, ['the saturating loss'])

# The fakes are compared with 0, D's target for them: G must push them towards 1 (real).
_answer("nine-gl-w3-target-zero", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, ['target 0'])

# The sign is flipped: minimising -BCE(fake, 1) makes G's fakes look *more* fake.
_answer("nine-gl-w4-negated", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', False, ['sign is flipped'])

# A sigmoid before BCEWithLogits: the sigmoid is applied twice.
_answer("nine-gl-w5-double-sigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    probs = torch.sigmoid(fake_logits)
    return F.binary_cross_entropy_with_logits(probs, torch.ones_like(probs))
''', False, ['sigmoid', 'twice'])

# Returns a Python float: the loss must be a tensor for backward().
_answer("nine-gl-w7-item", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return float(F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
''', False, ['float', '.item()'])

# -mean(logit) is the hinge/Wasserstein generator loss on scores, not the non-saturating cross-entropy.
_answer("nine-gl-w8-score-loss", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -fake_logits.mean()
''', False, ['Wasserstein'])

# =====================================================================================================
# check_train_step
# =====================================================================================================
_LOSSES = '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))

def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
'''

_step("nine-step-r1-dcgan-tutorial", "my_train_step", '''
criterion = nn.BCEWithLogitsLoss()
real_label, fake_label = 1.0, 0.0

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    netG, netD, optimizerG, optimizerD = G, D, opt_g, opt_d
    ## (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
    netD.zero_grad()
    b_size = x.size(0)
    output_real = netD(x, y).view(-1)
    label = torch.full((b_size,), real_label, dtype=torch.float, device=x.device)
    errD_real = criterion(output_real, label)
    errD_real.backward()
    noise = torch.randn(b_size, netG.latent_dim, device=x.device)
    fake = netG(noise, y)
    label.fill_(fake_label)
    output_fake = netD(fake.detach(), y).view(-1)
    errD_fake = criterion(output_fake, label)
    errD_fake.backward()
    errD = errD_real + errD_fake
    optimizerD.step()
    ## (2) Update G: maximize log(D(G(z)))
    netG.zero_grad()
    label.fill_(real_label)
    output = netD(fake, y).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(output_real).mean().detach(), "d_fake": torch.sigmoid(output_fake).mean().detach()}
''', True, setting="unconditional")

_step("nine-step-r2-fresh-fakes-for-g", "my_train_step", _LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    batch = x.shape[0]
    fake = G(torch.randn(batch, G.latent_dim, device=x.device), y).detach()
    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    # Algorithm 1 of Goodfellow et al.: a fresh minibatch of noise for G's update
    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = my_generator_loss(D(G(torch.randn(batch, G.latent_dim, device=x.device), y), y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    with torch.no_grad():
        d_real, d_fake = torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=d_real, d_fake=d_fake)
''', True, setting="unconditional")

_step("nine-step-r3-nograd-then-regenerate", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    with torch.no_grad():
        fake_for_d = G(z, y)
    opt_d.zero_grad()
    r, f = D(x, y), D(fake_for_d, y)
    loss_d = discriminator_loss(r, f)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    try:
        loss_g = generator_loss(D(G(z, y), y))   # the same noise, now with G's graph
        loss_g.backward()
    finally:
        D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": r.detach().sigmoid().mean(), "d_fake": f.detach().sigmoid().mean()}
''', True, setting="unconditional")

_step("nine-step-r4-autograd-grad", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    d_params = [p for p in D.parameters() if p.requires_grad]
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    for p, g in zip(d_params, torch.autograd.grad(loss_d, d_params)):
        p.grad = g
    opt_d.step()

    g_params = [p for p in G.parameters() if p.requires_grad]
    loss_g = generator_loss(D(fake, y))
    for p, g in zip(g_params, torch.autograd.grad(loss_g, g_params)):
        p.grad = g          # only G's gradients are computed: D's .grad is untouched
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="unconditional")

_step("nine-step-r5-callable-class", "my_train_step", '''
class GANStep:
    """One D update, then one G update."""
    def d_loss(self, r, f):
        return F.softplus(-r).mean() + F.softplus(f).mean()

    def g_loss(self, f):
        return F.softplus(-f).mean()

    def __call__(self, G, D, opt_g, opt_d, x, y=None):
        noise = torch.randn(x.size(0), G.latent_dim, device=x.device)
        generated = G(noise, y)
        opt_d.zero_grad()
        scores_real = D(x, y)
        scores_fake = D(generated.detach(), y)
        ld = self.d_loss(scores_real, scores_fake)
        ld.backward()
        opt_d.step()
        opt_g.zero_grad()
        flags = [p.requires_grad for p in D.parameters()]
        D.requires_grad_(False)
        lg = self.g_loss(D(generated, y))
        lg.backward()
        for p, flag in zip(D.parameters(), flags):
            p.requires_grad_(flag)
        opt_g.step()
        return {"loss_d": ld.detach(), "loss_g": lg.detach(),
                "d_real": scores_real.detach().sigmoid().mean(), "d_fake": scores_fake.detach().sigmoid().mean()}

my_train_step = GANStep()
''', True, setting="unconditional")

_step("nine-step-r6-conditional", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    out = {"loss_d": loss_d, "loss_g": loss_g,
           "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
    return {k: v.detach() for k, v in out.items()}
''', True, setting="conditional")

_step("nine-step-r7-conditional-tutorial", "my_conditional_step", '''
loss_fn = nn.BCEWithLogitsLoss()

def my_conditional_step(G, D, opt_g, opt_d, x, y):
    n = x.size(0)
    ones = torch.ones(n, device=x.device)
    zeros = torch.zeros(n, device=x.device)
    D.zero_grad()
    out_real = D(x, y).view(-1)
    err_real = loss_fn(out_real, ones)
    err_real.backward()
    fake = G(torch.randn(n, G.latent_dim, device=x.device), y)
    out_fake = D(fake.detach(), y).view(-1)
    err_fake = loss_fn(out_fake, zeros)
    err_fake.backward()
    opt_d.step()
    G.zero_grad()
    err_g = loss_fn(D(fake, y).view(-1), ones)
    err_g.backward()
    opt_g.step()
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": err_g.detach(),
            "d_real": out_real.sigmoid().mean().detach(), "d_fake": out_fake.sigmoid().mean().detach()}
''', True, setting="conditional")

_step("nine-step-r8-r1-library-penalty", "my_dcgan_step", '''
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
        total = total + 0.5 * r1_gamma * r1_penalty(real_logits, x)
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="r1")

_step("nine-step-r9-r1-grad-outputs", "my_dcgan_step", '''
def r1_term(logits, images):
    grads = torch.autograd.grad(outputs=logits, inputs=images, grad_outputs=torch.ones_like(logits),
                                create_graph=True, retain_graph=True, only_inputs=True)[0]
    return grads.view(grads.size(0), -1).pow(2).sum(dim=1).mean()

def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real = x.detach().clone().requires_grad_(bool(r1_gamma))
    opt_d.zero_grad()
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    reg = r1_gamma / 2 * r1_term(real_logits, real) if r1_gamma else torch.zeros((), device=x.device)
    (loss_d + reg).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = F.softplus(-D(fake, y)).mean()
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

_step("nine-step-r10-class-loss", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        extra_d = class_weight * class_loss(class_logits, y)
    else:
        real_logits, extra_d = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + extra_d).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits, class_logits = D(fake, y, classify=True)
        extra_g = class_weight * class_loss(class_logits, y)
    else:
        logits, extra_g = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + extra_g).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

_step("nine-step-r11-class-cross-entropy", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    use_classes = class_weight != 0
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)

    opt_d.zero_grad()
    out = D(x, y, classify=True) if use_classes else D(x, y)
    real_logits = out[0] if use_classes else out
    fake_logits = D(fake.detach(), y)
    loss_d = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits)) + \\
             F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    d_total = loss_d + (class_weight * F.cross_entropy(out[1], y) if use_classes else 0)
    d_total.backward()
    opt_d.step()

    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad = False
    out_g = D(fake, y, classify=True) if use_classes else D(fake, y)
    g_logits = out_g[0] if use_classes else out_g
    loss_g = F.binary_cross_entropy_with_logits(g_logits, torch.ones_like(g_logits))
    g_total = loss_g + (class_weight * F.cross_entropy(out_g[1], y) if use_classes else 0)
    g_total.backward()
    for p in D.parameters():
        p.requires_grad = True
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# The fakes are not detached in D's update and opt_g is zeroed only at the start: D's loss gradient reaches G and is added to G's own.
_step("nine-step-w1-no-detach-leak", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(G(z, y), y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["gradient of D's loss", 'detach'])

# opt_d.zero_grad() is never called: D's gradients from earlier steps pile up in every update.
_step("nine-step-w2-no-zero-grad-d", "my_train_step", '''
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
''', False, words=['not zeroed', 'opt_d.zero_grad()'])

# G's loss reuses D's fake logits computed before opt_d.step(): G must be judged by the updated D (call D(fake) again after D's step).
_step("nine-step-w4-reuse-stale-d-output", "my_train_step", '''
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
''', False, words=['before opt_d.step()'])

# G's loss is computed on D's logits of the *detached* fakes: no gradient reaches G, so G never learns.
_step("nine-step-w5-g-loss-on-detached", "my_train_step", '''
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
''', False, words=['no gradient reached G'])

# d_real and d_fake are mean logits, not probabilities: apply the sigmoid before the mean.
_step("nine-step-w6-logits-not-probs", "my_train_step", '''
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
''', False, words=['mean logit', 'probability'])

# Returns Python floats (.item()): return detached 0-d tensors, so the GPU is not waited for every step.
_step("nine-step-w7-floats", "my_train_step", '''
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
    return {"loss_d": loss_d.item(), "loss_g": loss_g.item(),
            "d_real": torch.sigmoid(real_logits).mean().item(), "d_fake": torch.sigmoid(fake_logits).mean().item()}
''', False, words=['is a float', 'return tensors'])

# The noise is uniform (torch.rand): G was built for standard normal noise, torch.randn.
_step("nine-step-w8-uniform-noise", "my_train_step", '''
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
''', False, words=['uniform', 'torch.randn'])

# opt_d.step() is called again after G's backward: D is updated a second time, on G's loss gradients.
_step("nine-step-w9-d-stepped-twice", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['opt_d.step() runs 2 times'])

# G is updated before D: D must learn first, and G then learns from the updated D.
_step("nine-step-w10-g-first", "my_train_step", '''
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
''', False, words=['G is updated before D'])

# D is left frozen after the step (requires_grad_(True) is never restored): from the next step on D learns nothing.
_step("nine-step-w12-d-left-frozen", "my_train_step", '''
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
''', False, words=['still frozen', 'requires_grad_(True)'])

# D's fake logits are detached instead of the fakes: D's loss gets no gradient from its fake term, so D never learns to reject fakes.
_step("nine-step-w13-detached-logits", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y).detach()
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
''', False, words=['fake logits are detached', 'D(fake).detach()'])

# D judges the fakes without their label (D(fake.detach()) has no y): a conditional D must see each fake with the label it was made for.
_step("nine-step-w14-cond-fake-without-label", "my_conditional_step", '''
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
''', False, words=['labels', 'D(fake, y)'], setting="conditional")

# The fakes are made for random labels but judged with the real batch's labels y: each fake must be judged with the label it was asked for.
_step("nine-step-w15-cond-label-mismatch", "my_conditional_step", '''
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
''', False, words=['other labels than they were made for'], setting="conditional")

# r1_gamma is accepted but ignored: with r1_gamma > 0, D's loss must add r1_gamma / 2 times the mean squared slope at real images.
_step("nine-step-w17-r1-ignored", "my_dcgan_step", '''
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
''', False, words=['no R1 penalty'], setting="r1")

# The slope is taken without create_graph=True: the penalty is a constant to D's weights and changes nothing.
_step("nine-step-w18-r1-no-create-graph", "my_dcgan_step", '''
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
''', False, words=['create_graph=True'], setting="r1")

# The penalty is weighted by r1_gamma instead of r1_gamma / 2: twice the course's R1 term.
_step("nine-step-w19-r1-not-halved", "my_dcgan_step", '''
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
''', False, words=['r1_gamma / 2'], setting="r1")

# The penalty uses the norm of the slope, not its square: R1 is the mean *squared* norm of D's gradient at real images.
_step("nine-step-w20-r1-norm-not-squared", "my_dcgan_step", '''
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
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["gradient's norm", 'square'], setting="r1")

# The slope is penalised at the fakes, not at the real images: R1 is taken at x from the data.
_step("nine-step-w21-r1-at-fakes", "my_dcgan_step", '''
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
''', False, words=['taken at the fakes', 'real batch'], setting="r1")

# The reported loss_d includes the R1 penalty: report D's loss without it, as the course's step does.
_step("nine-step-w22-r1-reported", "my_dcgan_step", '''
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
''', False, words=["'loss_d' includes the R1 penalty"], setting="r1")

# The squared slope is averaged over pixels as well as images (grad.pow(2).mean()): sum over each image's pixels, then mean over the batch.
_step("nine-step-w23-r1-mean-over-pixels", "my_dcgan_step", '''
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
''', False, words=['averages the squared gradient', 'sum'], setting="r1")

# class_weight is accepted but ignored: with class_weight, D's loss and G's loss must each add class_weight * class_loss.
_step("nine-step-w24-class-ignored", "my_step", '''
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
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's loss has no class loss"], setting="class")

# The class loss is only in D's update: G's update must add class_weight * class_loss of its fakes against the labels asked for.
_step("nine-step-w25-class-only-d", "my_step", '''
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
''', False, words=["G's has no class loss"], setting="class")

# D's classifier also learns from the fakes (AC-GAN proper): the course's D learns to name real images only.
_step("nine-step-w26-class-on-fakes-for-d", "my_step", '''
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
        naming_g = class_weight * class_loss(cls, y)
    else:
        logits, naming_g = D(fake, y), 0.0
    loss_g = generator_loss(logits)
    (loss_g + naming_g).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['class loss includes the fakes'], setting="class")

# The reported loss_g includes the class term: report G's adversarial loss without the class loss.
_step("nine-step-w27-class-in-reported-loss-g", "my_step", '''
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
''', False, words=["'loss_g' includes the class loss"], setting="class")

# =====================================================================================================
# check_conditional_net (notebook 02): the class is passed
# =====================================================================================================
_answer("nine-cn-r1-gen-reshape", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding(y)
        out = self.net(torch.cat((z, e), 1))
        return out.reshape(-1, *self.image_shape)
''', True)

_answer("nine-cn-r2-gen-embed-helper", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        batch = z.size(0)
        inputs = torch.hstack([z, self.embed(y, batch)])
        flat = self.net(inputs)
        return flat.view(batch, *self.image_shape)
''', True)

_answer("nine-cn-r3-disc-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.view(len(x), -1))
        psi = self.out(phi).view(-1)
        return psi + torch.einsum("bi,bi->b", self.label_embedding(y), phi)
''', True)

_answer("nine-cn-r4-disc-keepdim", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(torch.flatten(x, start_dim=1))
        projection = (self.label_embedding(y) * h).sum(dim=1, keepdim=True)
        return (self.out(h) + projection).squeeze(1)
''', True)

# The label's vector is put before the noise: the course's layers read [z; e_y], noise first.
_answer("nine-cn-w1-gen-order-swapped", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, ['before the noise'])

# The output is not reshaped: G must return images of shape (batch, 1, 28, 28), not flat vectors.
_answer("nine-cn-w2-gen-flat", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        return self.net(torch.cat([z, self.label_embedding(y)], dim=1))
''', False, ['(10, 784)', 'reshape'])

# A fixed one-hot vector replaces the learned embedding: use self.label_embedding(y), e_y, which the course's weights were trained with.
_answer("nine-cn-w3-gen-one-hot", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        onehot = F.one_hot(y, self.n_classes).float()
        return self.net(torch.cat([z, onehot], dim=1)).view(len(z), *self.image_shape)
''', False, ['one-hot', 'label_embedding'])

# self.net already ends in tanh: a second tanh squashes the images into [-0.76, 0.76].
_answer("nine-cn-w4-gen-double-tanh", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)
''', False, ['tanh is applied twice'])

# The label is never used: the projection term e_y . phi(x) must be added to psi(phi(x)).
_answer("nine-cn-w5-disc-no-projection", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1)
''', False, ['label is ignored'])

# Only the projection term is returned: psi(phi(x)), the "does it look real" term (self.out(h)), is missing.
_answer("nine-cn-w6-disc-no-psi", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return (self.label_embedding(y) * h).sum(1)
''', False, ['only the inner product', 'self.out(h)'])

# A sigmoid on D's output: D returns a logit (the loss applies the sigmoid).
_answer("nine-cn-w7-disc-sigmoid", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return torch.sigmoid(self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1))
''', False, ['sigmoid(logit)', 'probability'])

# The logit keeps shape (batch, 1): squeeze it to one number per image, shape (batch,).
_answer("nine-cn-w8-disc-not-squeezed", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1, keepdim=True)
''', False, ['(10, 1)', 'squeeze'])

# =====================================================================================================
# check_block_shapes (notebook 03: my_up_block(64, 32) on (2,64,7,7) -> (2,32,14,14); notebook 07: my_first_layer)
# =====================================================================================================
_B03 = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
_B07 = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

_answer("nine-bs-r1-keywords", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(num_features=c_out),
        nn.ReLU(inplace=False),
    )
''', True, args=_B03)

_answer("nine-bs-r2-sequential-subclass", "check_block_shapes", "my_up_block", '''
class UpBlock(nn.Sequential):
    def __init__(self, c_in, c_out):
        super().__init__(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))

my_up_block = UpBlock
''', True, args=_B03)

_answer("nine-bs-r3-first-layer-keywords", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=4, stride=2, padding=1)
''', True, args=_B07)

_answer("nine-bs-r4-first-layer-no-bias", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False)
''', True, args=_B07)

# Kernel 3 with output_padding=1 also makes 14x14, but the DCGAN block is a transposed convolution with kernel 4, stride 2, padding 1.
_answer("nine-bs-w1-kernel3-output-padding", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 3, 2, 1, output_padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, ['kernel_size 3', 'kernel 4'], args=_B03)

# Upsample + Conv2d doubles the map too, but the exercise asks for a learned transposed convolution (kernel 4, stride 2, padding 1).
# RIGHT after all: upsample + convolution is the resize-convolution the block check deliberately accepts, as the course's
# issue asks ("transposed convolution or upsample + convolution").
_answer("nine-bs-w2-upsample-conv", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', True, args=_B03)

# Batch norm is missing between the transposed convolution and the ReLU.
_answer("nine-bs-w3-no-batchnorm", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(True))
''', False, ['no BatchNorm2d'], args=_B03)

# The transposed convolution keeps its bias: batch norm right after subtracts the mean, so the block has no bias (bias=False).
_answer("nine-bs-w4-bias", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, ['has a bias', 'bias=False'], args=_B03)

# Padding 0 gives 31x31, not 32x32: kernel 4, stride 2 needs padding 1 to halve 64 exactly.
_answer("nine-bs-w7-first-layer-padding0", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2)
''', False, ['padding 0'], args=_B07)

# Kernel 3 also halves 64 to 32, but the layer asked for has kernel 4.
_answer("nine-bs-w8-first-layer-kernel3", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
''', False, ['kernel_size 3', 'kernel 4'], args=_B07)

# Batch norm on D's first layer: the DCGAN guidelines leave it out there, so D sees the true pixel statistics.
_answer("nine-bs-w9-first-layer-batchnorm", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.BatchNorm2d(16))
''', False, ["BatchNorm in D's first layer"], args=_B07)

# =====================================================================================================
# check_slerp (notebook 05): my_slerp(z0, z1, t), one row per t
# =====================================================================================================
_answer("nine-sl-r1-acos", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    cos_omega = (z0 @ z1) / (z0.norm() * z1.norm())
    omega = torch.acos(torch.clamp(cos_omega, -1.0, 1.0))
    so = torch.sin(omega)
    return torch.sin((1.0 - t) * omega) / so * z0 + torch.sin(t * omega) / so * z1
''', True)

_answer("nine-sl-r2-loop-white", "check_slerp", "my_slerp", '''
def _slerp_one(low, high, val):
    # Tom White's slerp (sampling generative networks), for one value
    omega = torch.arccos(torch.clip(torch.dot(low / low.norm(), high / high.norm()), -1, 1))
    so = torch.sin(omega)
    if so == 0:
        return (1.0 - val) * low + val * high
    return torch.sin((1.0 - val) * omega) / so * low + torch.sin(val * omega) / so * high

def my_slerp(z0, z1, t):
    return torch.stack([_slerp_one(z0, z1, float(v)) for v in torch.as_tensor(t).reshape(-1)])
''', True)

_answer("nine-sl-r3-atan2-angle", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    u, v = z0 / z0.norm(), z1 / z1.norm()
    omega = 2 * torch.atan2((u - v).norm(), (u + v).norm())   # the angle, stable near 0 and pi
    t = torch.as_tensor(t, dtype=z0.dtype)[:, None]
    if omega < 1e-6:
        return (1 - t) * z0 + t * z1
    a = torch.sin((1 - t) * omega) / torch.sin(omega)
    b = torch.sin(t * omega) / torch.sin(omega)
    return a * z0[None, :] + b * z1[None, :]
''', True)

# This is the straight line (lerp): slerp follows the great circle, weights sin((1-t)w)/sin w and sin(tw)/sin w.
_answer("nine-sl-w1-lerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, ['this is the straight line'])

# Normalised lerp (nlerp): the ends and the lengths are right, but the points are not evenly spaced in angle; use the sin weights.
_answer("nine-sl-w2-nlerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    direction = (1 - t) * z0 / z0.norm() + t * z1 / z1.norm()
    length = (1 - t) * z0.norm() + t * z1.norm()
    return direction / direction.norm(dim=1, keepdim=True) * length
''', False, ['nlerp', 'evenly spaced'])

# The two weights are swapped: the path starts at z1 and ends at z0.
_answer("nine-sl-w3-swapped", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, ['ends are swapped'])

# The cosine is taken of the raw vectors, without dividing by their lengths: the angle comes out 0 or pi and the result is inf/nan.
_answer("nine-sl-w4-unnormalised-cos", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0, z1).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, ['|z0| |z1|', 'unit vectors'])

# It divides by the angle w instead of by sin w.
_answer("nine-sl-w5-divide-by-omega", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / omega
''', False, ['divided by w', 'sin w'])

# Only z0 is normalised in the cosine: the angle is wrong (divide the dot product by both lengths).
_answer("nine-sl-w6-one-normalised", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, ['|z0| |z1|', 'unit vectors'])

# t is not made a column: the weights broadcast along the vector's coordinates instead of giving one row per t.
_answer("nine-sl-w7-t-not-column", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, ['column', 'one row per value of t'])

# =====================================================================================================
# check_frechet_distance (notebook 08): my_frechet(mu1, sigma1, mu2, sigma2)
# =====================================================================================================
_answer("nine-fd-r1-pytorch-fid", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2, eps=1e-6):
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
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean)
''', True)

_answer("nine-fd-r2-eigenvalues", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    # Tr sqrt(S1 S2) = sum of the square roots of the eigenvalues of S1 S2 (real and >= 0 for covariances)
    eig = np.linalg.eigvals(sigma1 @ sigma2).real.clip(min=0)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(eig).sum())
''', True)

_answer("nine-fd-r3-symmetric-form", "check_frechet_distance", "my_frechet", '''
import scipy.linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = np.real(scipy.linalg.sqrtm(sigma1))
    middle = np.real(scipy.linalg.sqrtm(root1 @ sigma2 @ root1))   # same trace as sqrtm(S1 S2)
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1 + sigma2 - 2 * middle))
''', True)

# The factor 2 on the trace of (S1 S2)^1/2 is missing.
_answer("nine-fd-w1-no-factor-2", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
''', False, ['factor 2'])

# np.sqrt takes the square root of each entry: the formula needs the matrix square root, scipy.linalg.sqrtm.
_answer("nine-fd-w2-elementwise-sqrt", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(np.abs(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, ['element-wise', 'matrix square root'])

# The mean term is the distance, not the squared distance |mu1 - mu2|^2.
_answer("nine-fd-w3-norm-not-squared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, ['squared distance'])

# sqrtm's result is used without taking its real part: the answer can come back complex; take np.real and return a float.
_answer("nine-fd-w4-complex", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2)
    return (mu1 - mu2) @ (mu1 - mu2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
''', False, ['complex', 'np.real'])

# The product of the square roots is not the square root of the product (they agree only when S1 and S2 commute): use sqrtm(S1 @ S2).
_answer("nine-fd-w5-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', False, ['product of two square roots'])

# The mean term squares the sum of the differences, not the sum of their squares.
_answer("nine-fd-w6-square-of-sum", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum(mu1 - mu2) ** 2 + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, ['squares the sum of the differences'])

# =====================================================================================================
# check_answer (several notebooks)
# =====================================================================================================
def _q(id, name, source, ok, **kw):
    _answer(id, "check_answer", name, source, ok, args={"answer_name": name}, **kw)

_q("nine-ans-r1-optimal-d-fraction", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 1 / 2
''', True)
# D* = p_data / (p_data + p_g), which is 1/2 where the two densities are equal, not 1.
_q("nine-ans-w1-optimal-d-one", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 1
''', False, words=['equal densities', '1/2, not 1'])
# A string is not a number: write 0.5, not "1/2".
_q("nine-ans-w2-optimal-d-string", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = "1/2"
''', False, words=['text', 'without quotes'])

_q("nine-ans-r2-loss-d-log4", "loss_d_at_indifference", '''
loss_d_at_indifference = math.log(4)
''', True)
# ln 2 is one of the two terms: D's loss adds BCE(real, 1) and BCE(fake, 0), each ln 2 at logit 0, so 2 ln 2.
_q("nine-ans-w3-loss-d-ln2", "loss_d_at_indifference", '''
loss_d_at_indifference = math.log(2)
''', False, words=["one half of D's loss"])
# Base-10 logarithm: the losses use the natural logarithm (2 ln 2 = 1.386).
_q("nine-ans-w4-loss-d-log10", "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log10(2)
''', False, words=['base 10'])

_q("nine-ans-r3-value-two-halves", "value_at_the_optimum", '''
value_at_the_optimum = 2 * math.log(0.5)
''', True)
# The sign: V = log 1/2 + log 1/2 = -log 4, negative (D's loss is +log 4, V is its negative).
_q("nine-ans-w5-value-positive", "value_at_the_optimum", '''
value_at_the_optimum = math.log(4)
''', False, words=['sign is flipped'])

_q("nine-ans-r4-kl-tensor", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = torch.log(torch.tensor(10.0))
''', True)
# Base-10 logarithm gives 1: the KL is in nats, ln 10 = 2.30.
_q("nine-ans-w7-kl-log10", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log10(10)
''', False, words=['base 10'])

_q("nine-ans-r5-receptive-field", "dcgan_28_receptive_field", '''
kernel, stride = 4, 2
dcgan_28_receptive_field = kernel + (kernel - 1) * stride
''', True)
# 4 + 4 - 1 = 7 forgets the first layer's stride: each step of the second conv moves 2 input pixels, 4 + 3 * 2 = 10.
_q("nine-ans-w8-receptive-field-no-stride", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 7
''', False, words=['stride'])

_q("nine-ans-r6-label-channel", "label_channel_weights", '''
label_channel_weights = 10 * 28 * 28
''', True)
# One 28x28 map is one class's: the embedding holds a map for each of the 10 classes, 7840 numbers.
_q("nine-ans-w9-label-channel-one-map", "label_channel_weights", '''
label_channel_weights = 28 * 28
''', False, words=['one map', 'per class'])

_q("nine-ans-r7-length-sqrt", "length_of_100d_noise", '''
length_of_100d_noise = math.sqrt(100)
''', True)
# 100 is the expected *squared* length (chi-squared with 100 degrees of freedom); the length is its square root, 10.
_q("nine-ans-w10-length-squared", "length_of_100d_noise", '''
length_of_100d_noise = 100
''', False, words=['squared length'])

_q("nine-ans-r8-midpoint", "length_of_straight_midpoint", '''
length_of_straight_midpoint = 10 / math.sqrt(2)
''', True)
# 5 is half of 10, true only for parallel vectors; two noise vectors are nearly orthogonal, so the midpoint is 10/sqrt(2) = 7.07.
_q("nine-ans-w11-midpoint-half", "length_of_straight_midpoint", '''
length_of_straight_midpoint = 5
''', False, words=['not half as long', 'orthogonal'])

_q("nine-ans-r9-class-loss-chance", "class_loss_at_chance", '''
class_loss_at_chance = -math.log(1 / 10)
''', True)
# 0.1 is the probability of each class; the cross-entropy is -ln 0.1 = ln 10 = 2.30.
_q("nine-ans-w12-class-loss-prob", "class_loss_at_chance", '''
class_loss_at_chance = 0.1
''', False, words=['chance probability', 'logarithm'])

_q("nine-ans-r10-upsamplings-32", "upsamplings_for_32", '''
upsamplings_for_32 = int(math.log2(32 // 4))
''', True)
# 8 is the ratio 32/4; each doubling multiplies by 2, so 4 -> 8 -> 16 -> 32 is 3 doublings.
_q("nine-ans-w13-upsamplings-32-ratio", "upsamplings_for_32", '''
upsamplings_for_32 = 32 // 4
''', False, words=['size ratio', 'doublings'])

_q("nine-ans-r11-upsamplings-64", "upsamplings_for_64", '''
upsamplings_for_64 = 4
''', True)
# log2(64) = 6 counts from a 1x1 map; G starts from 4x4: 4 -> 8 -> 16 -> 32 -> 64 is 4 doublings.
_q("nine-ans-w14-upsamplings-64-from-1", "upsamplings_for_64", '''
upsamplings_for_64 = int(math.log2(64))
''', False, words=['from 1x1', '4x4'])

_q("nine-ans-r12-inception-exp", "inception_score_max_10_classes", '''
inception_score_max_10_classes = float(np.exp(np.log(10)))
''', True)
# ln 10 is the largest KL inside the score; the Inception Score is exp of it, 10.
_q("nine-ans-w15-inception-log", "inception_score_max_10_classes", '''
inception_score_max_10_classes = math.log(10)
''', False, words=['largest KL', 'exp'])

_q("nine-ans-r13-two-classes", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = 2 * 0.5 * math.log(0.5 / 0.1)
''', True)
# ln 2 is not the KL from uniform over ten: sum of 0.5 ln(0.5 / 0.1) over the two classes = ln 5.
_q("nine-ans-w16-two-classes-ln2", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = math.log(2)
''', False, words=['uniform over all ten', 'ln 5'])

_q("nine-ans-r14-saturating-slope", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = torch.sigmoid(torch.tensor(-6.0)).item()
''', True)
# 1 - sigmoid(-6) = 0.9975 is the non-saturating loss's slope; the saturating one's is sigmoid(-6) = 0.0025.
_q("nine-ans-w18-saturating-slope-nonsat", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = 1 - 1 / (1 + math.exp(6))
''', False, words=["non-saturating loss's slope"])
# sigmoid'(s) = sigmoid(s)(1 - sigmoid(s)) is the slope of the sigmoid, not of log(1 - sigmoid(s)), which is sigmoid(s).
_q("nine-ans-w19-saturating-slope-sigmoid-derivative", "saturating_slope_at_logit_minus_6", '''
s = 1 / (1 + math.exp(6))
saturating_slope_at_logit_minus_6 = s * (1 - s)
''', False, words=['slope of the sigmoid itself'])

# =====================================================================================================
# check_hinge_loss (notebook 09): check_hinge_loss(my_hinge_d_loss, my_hinge_g_loss)
# =====================================================================================================
def _h(id, source, ok, d="my_hinge_d_loss", g="my_hinge_g_loss", **kw):
    _answer(id, "check_hinge_loss", d, source, ok, args={"generator_name": g}, **kw)

_h("nine-h-r1-biggan", '''
def loss_hinge_dis(dis_fake, dis_real):
    loss_real = torch.mean(F.relu(1. - dis_real))
    loss_fake = torch.mean(F.relu(1. + dis_fake))
    return loss_real, loss_fake

def my_hinge_d_loss(real_scores, fake_scores):
    loss_real, loss_fake = loss_hinge_dis(fake_scores, real_scores)
    return loss_real + loss_fake

def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', True)

_h("nine-h-r2-clamp", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.clamp(1 - real_scores, min=0).mean() + torch.clamp(1 + fake_scores, min=0).mean()

def my_hinge_g_loss(fake_scores):
    return fake_scores.mean().neg()
''', True)

_h("nine-h-r3-geometric-gan-min-form", '''
def my_hinge_d_loss(real_scores, fake_scores):
    # Lim and Ye: -E[min(0, -1 + D(x))] - E[min(0, -1 - D(G(z)))]
    zr, zf = torch.zeros_like(real_scores), torch.zeros_like(fake_scores)
    return -torch.minimum(zr, real_scores - 1).mean() - torch.minimum(zf, -fake_scores - 1).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True)

_h("nine-h-r4-modules", '''
class HingeD(nn.Module):
    def forward(self, real_scores, fake_scores):
        return nn.functional.relu(1.0 - real_scores).mean() + nn.functional.relu(1.0 + fake_scores).mean()

my_hinge_d_loss = HingeD()
my_hinge_g_loss = lambda fake_scores: -fake_scores.mean()
''', True)

# The margin is missing: max(0, -D(x)) + max(0, D(G(z))) stops pushing at 0; the hinge is max(0, 1 - D(x)) + max(0, 1 + D(G(z))).
_h("nine-h-w1-no-margin", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(-real_scores).mean() + F.relu(fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['margin of 1 is missing'])

# The signs are swapped: real scores must be pushed above +1 (max(0, 1 - D(x))), fakes below -1 (max(0, 1 + D(G(z)))).
_h("nine-h-w2-swapped", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['swapped'])

# G's loss uses a hinge too (max(0, 1 - D(G(z)))): G's hinge loss is linear, -mean D(G(z)), and keeps pulling past the margin.
_h("nine-h-w3-g-hinge", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, words=["D's hinge applied to G", 'linear'])

# The max(0, .) is missing: without it this is the Wasserstein loss plus 2, which never stops pushing.
_h("nine-h-w4-no-relu", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).mean() + (1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['max(0, ...) is missing'])

# G's loss has the wrong sign: +mean D(G(z)) makes G lower D's score of its fakes.
_h("nine-h-w5-g-sign", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, words=['sign is flipped'])

# max(0, .) is taken of the batch mean, not of each image's score: each image has its own margin, the mean comes after.
_h("nine-h-w6-relu-of-mean", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores.mean()) + F.relu(1 + fake_scores.mean())

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['batch mean', 'each image'])

# A sigmoid is applied to the scores: the hinge loss works on D's raw scores.
_h("nine-h-w7-sigmoid", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - torch.sigmoid(real_scores)).mean() + F.relu(1 + torch.sigmoid(fake_scores)).mean()

def my_hinge_g_loss(fake_scores):
    return -torch.sigmoid(fake_scores).mean()
''', False, words=['sigmoid is applied to the scores'])

# =====================================================================================================
# check_critic (notebook 09): make_critic() -> net, (B,1,28,28) -> (B,)
# =====================================================================================================
_answer("nine-c-r1-module-class", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.conv2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.conv1(x), 0.2)
        h = F.leaky_relu(self.conv2(h), 0.2)
        return self.fc(h.flatten(1)).squeeze(1)

def make_critic():
    return Critic()
''', True)

_answer("nine-c-r2-layernorm", "check_critic", "make_critic", '''
class Squeeze(nn.Module):
    def forward(self, x):
        return x.view(-1)

def make_critic():
    # layer norm, as the WGAN-GP paper suggests, instead of batch norm: each image is normalised on its own
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LayerNorm([64, 7, 7]), nn.LeakyReLU(0.2, inplace=True),
                         nn.Flatten(), nn.Linear(3136, 1), Squeeze())
''', True)

_answer("nine-c-r3-keywords-view", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self, channels=1, width=32):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(in_channels=channels, out_channels=width, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(negative_slope=0.2),
            nn.Conv2d(in_channels=width, out_channels=2 * width, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(negative_slope=0.2))
        self.score = nn.Linear(2 * width * 7 * 7, 1)

    def forward(self, images):
        return self.score(self.main(images).reshape(images.shape[0], -1)).view(-1)

make_critic = lambda: Critic()
''', True)

_answer("nine-c-r4-spectral-norm", "check_critic", "make_critic", '''
from torch.nn.utils.parametrizations import spectral_norm

def make_critic():
    return nn.Sequential(spectral_norm(nn.Conv2d(1, 32, 4, 2, 1)), nn.LeakyReLU(0.2),
                         spectral_norm(nn.Conv2d(32, 64, 4, 2, 1)), nn.LeakyReLU(0.2),
                         nn.Flatten(), spectral_norm(nn.Linear(64 * 7 * 7, 1)), nn.Flatten(0))
''', True)

# Batch norm in a critic: it makes each image's score depend on its batch, and the gradient penalty is per image; leave it out.
_answer("nine-c-w1-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', False, ['batch norm'])

# A sigmoid at the end: a critic gives free scores, not probabilities.
_answer("nine-c-w2-sigmoid", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0))
''', False, ['Sigmoid', 'free scores'])

# The scores have shape (B, 1): return one score per image, shape (B,).
_answer("nine-c-w3-shape-b1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1))
''', False, ['(6, 1)', 'one score per image'])

# A tanh at the end bounds the scores to [-1, 1]: a critic's scores are free (no squashing).
_answer("nine-c-w4-tanh", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Tanh(), nn.Flatten(0))
''', False, ['Tanh', 'free scores'])

# make_critic returns the class, not a net: call it, return Critic().
_answer("nine-c-w5-returns-class", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        return self.net(x).squeeze(1)

def make_critic():
    return Critic
''', False, ['returned the class', 'Critic()'])

# The second convolution has stride 1, so the map stays 14x14 (and the linear layer is sized to it): two stride-2 convolutions, 28 -> 14 -> 7.
# RIGHT after all: a critic whose second convolution has stride 1 is still a valid WGAN-GP critic (free scores, each
# image judged alone); the check judges behaviour, not one architecture.
_answer("nine-c-w7-stride1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 3, 1, 1), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 14 * 14, 1), nn.Flatten(0))
''', True)

# =====================================================================================================
# check_gradient_penalty (notebook 09): my_gradient_penalty(D, real, fake), without its weight
# =====================================================================================================
_answer("nine-gp-r1-wgan-gp-code", "check_gradient_penalty", "my_gradient_penalty", '''
from torch import autograd

def my_gradient_penalty(D, real, fake):
    # after the WGAN-GP paper's PyTorch port (calc_gradient_penalty)
    batch_size = real.size(0)
    alpha = torch.rand(batch_size, 1, 1, 1, device=real.device)
    alpha = alpha.expand(real.size())
    interpolates = alpha * real.data + ((1 - alpha) * fake.data)
    interpolates = interpolates.requires_grad_(True)
    disc_interpolates = D(interpolates)
    gradients = autograd.grad(outputs=disc_interpolates, inputs=interpolates,
                              grad_outputs=torch.ones(disc_interpolates.size(), device=real.device),
                              create_graph=True, retain_graph=True, only_inputs=True)[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()
''', True)

_answer("nine-gp-r2-lerp-any-shape", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], *([1] * (real.dim() - 1)), device=real.device, dtype=real.dtype)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_(True)   # eps * real + (1 - eps) * fake
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    slopes = torch.linalg.vector_norm(grad.flatten(1), dim=1)
    return torch.mean((slopes - 1) ** 2)
''', True)

_answer("nine-gp-r3-stabilised-sqrt", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    b = real.size(0)
    eps = torch.rand(b, 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach()
    x_hat.requires_grad = True
    scores = D(x_hat)
    g = torch.autograd.grad(scores, x_hat, grad_outputs=torch.ones_like(scores), create_graph=True)[0]
    norms = torch.sqrt(g.pow(2).sum(dim=[1, 2, 3]) + 1e-12)
    return ((norms - 1.0) ** 2).mean()
''', True)

_answer("nine-gp-r4-helpers", "check_gradient_penalty", "my_gradient_penalty", '''
def interpolate(real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    return (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_(True)

def per_image_slope(D, points):
    (grad,) = torch.autograd.grad(D(points).sum(), points, create_graph=True)
    return grad.reshape(len(points), -1).norm(p=2, dim=1)

def my_gradient_penalty(D, real, fake):
    return (per_image_slope(D, interpolate(real, fake)) - 1).square().mean()
''', True)

# The penalty is taken at the real images only: WGAN-GP takes it at random points between real and fake images.
_answer("nine-gp-w1-real-only", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    x_hat = real.detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
''', False, ['real images only'])

# The norm is not centred at 1: (||grad|| - 1)^2 asks for slope 1; ||grad||^2 pushes the slope to 0.
_answer("nine-gp-w2-not-centred", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return grad.flatten(1).norm(2, dim=1).pow(2).mean()
''', False, ['not centred at 1'])

# create_graph=True is missing: the penalty is a constant to D's weights and trains nothing.
_answer("nine-gp-w3-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return (grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
''', False, ['create_graph=True'])

# One eps for the whole batch: draw one eps per image, torch.rand(B, 1, 1, 1).
_answer("nine-gp-w4-one-eps", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1).item()
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
''', False, ['one eps', 'whole batch'])

# One eps per pixel (torch.rand_like(real)): the points are not on the lines between a real and a fake image; one eps per image, shape (B, 1, 1, 1).
_answer("nine-gp-w5-eps-per-pixel", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
''', False, ['every pixel', 'one eps per image'])

# The norm is taken of the whole batch's gradient at once: flatten each image's gradient and take one norm per image.
_answer("nine-gp-w6-batch-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm(2) - 1) ** 2
''', False, ['whole batch at once', 'per image'])

# The weight lambda = 10 is inside: return the penalty without its weight (the step multiplies by gp_weight).
_answer("nine-gp-w7-weighted", "check_gradient_penalty", "my_gradient_penalty", '''
LAMBDA = 10

def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return LAMBDA * (grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
''', False, ['lambda = 10'])

# One-sided penalty (only slopes above 1 punished): WGAN-GP's penalty is two-sided, (||grad|| - 1)^2.
_answer("nine-gp-w9-one-sided", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return F.relu(grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
''', False, ['one-sided', 'two-sided'])

# The squared norm minus 1 is squared ((||g||^2 - 1)^2): the penalty is (||g|| - 1)^2, on the norm itself.
_answer("nine-gp-w10-squared-norm-minus-1", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.flatten(1).pow(2).sum(1) - 1).pow(2).mean()
''', False, ['squared norm is used', 'norm itself'])
