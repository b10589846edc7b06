"""Blind round 14: 195 answers to every check in the notebooks, by a helper who had seen neither the checks nor the
batteries (written from the student notebooks alone, without running them), aiming at less common answers, with the
verdicts they gave, except eight they called wrong that the course judges right: sigmoid + F.binary_cross_entropy and
the log of a sigmoid (told with a note), a G loss through torch.where whose unused branch overflows (told with a note),
404.4 for e^6 (within the question's 1%), random labels for the fakes (notebook 02 allows them), upsampling +
convolution, one pass of D over the real and fake images together in the class-loss halves, and LeakyReLU's default
slope in the critic."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

# ---------------------------------------------------------------- check_discriminator_loss (notebooks 00, 01)

# RIGHT: -log sigmoid(x) = softplus(-x) and -log(1 - sigmoid(x)) = softplus(x): the two BCE terms, stable, as batch means
_answer("b14-dloss-softplus-pair", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# RIGHT: the module form nn.BCEWithLogitsLoss (mean reduction) with targets made by new_ones / new_zeros (same device and dtype)
_answer("b14-dloss-module-newones", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    bce = nn.BCEWithLogitsLoss()
    return bce(real_logits, real_logits.new_ones(real_logits.shape)) + bce(fake_logits, fake_logits.new_zeros(fake_logits.shape))
''', True)

# RIGHT: log-sigmoid form, log(1 - sigmoid(x)) = logsigmoid(-x), stable and with the right gradient everywhere
_answer("b14-dloss-logsigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())
''', True)

# RIGHT: -log sigmoid(x) = log(1 + e^-x) = logaddexp(0, -x), written with torch.logaddexp (stable, smooth gradient at 0)
_answer("b14-dloss-logaddexp", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    zero_r = torch.zeros_like(real_logits)
    zero_f = torch.zeros_like(fake_logits)
    return torch.logaddexp(zero_r, -real_logits).mean() + torch.logaddexp(zero_f, fake_logits).mean()
''', True)

# RIGHT: one BCE over the concatenated batch, times 2; equals mean_real + mean_fake when both batches have the same size, which they always do in the course (fake batch = len(x)); fragile only for unequal batch sizes
_answer("b14-dloss-cat-times-two", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return 2 * F.binary_cross_entropy_with_logits(logits, targets)
''', True)

# MISTAKE: takes the batch mean of the logits first and then one BCE of that mean (BCE of the mean is not the mean of BCEs)
_answer("b14-dloss-mean-logit-first", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    r, f = real_logits.mean(), fake_logits.mean()
    return (F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
            + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f)))
''', False, words=['averaged before the loss'])

# MISTAKE: one-sided label smoothing (real target 0.9): a different loss from the one asked; for confident logits its value and gradient differ (real images pushed towards D = 0.9, not 1)
_answer("b14-dloss-label-smoothing", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=['one-sided label smoothing'])

# MISTAKE: targets built with torch.ones(shape) on the CPU: right on a CPU, a device-mismatch error on a GPU (Colab) where the logits live on cuda
_answer("b14-dloss-cpu-targets", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones(real_logits.shape))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros(fake_logits.shape))
    return real + fake
''', False, words=['on the CPU'])

# MISTAKE: negates fake_logits in place to reuse one softplus form: the value is right but the caller's tensor is changed (d_fake read afterwards is from negated logits)
_answer("b14-dloss-inplace-neg", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    fake_logits.neg_()  # now both terms are softplus(-x)
    return F.softplus(-real_logits).mean() + F.softplus(-fake_logits).mean()
''', False, words=['changed an input in place'])

# MISTAKE: averages the two terms instead of adding them (ln 2 at indifference instead of 2 ln 2)
_answer("b14-dloss-halved", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real + fake) / 2
''', False, words=["half of D's loss"])

# MISTAKE: targets of shape (B, 1) for logits of shape (B,): BCEWithLogits refuses the size mismatch
_answer("b14-dloss-target-column", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    ones = torch.ones(len(real_logits), 1, device=real_logits.device)
    zeros = torch.zeros(len(fake_logits), 1, device=fake_logits.device)
    return (F.binary_cross_entropy_with_logits(real_logits, ones)
            + F.binary_cross_entropy_with_logits(fake_logits, zeros))
''', False, words=["targets' shape differs"])

# RIGHT (course): sigmoid then F.binary_cross_entropy on probabilities: not on logits as asked; for a sure D (|logit| > ~17) sigmoid rounds to 1 and BCE's log is clamped at -100, so the loss and its gradient are wrong
_answer("b14-dloss-probability-bce", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    p_real, p_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy(p_real, torch.ones_like(p_real))
            + F.binary_cross_entropy(p_fake, torch.zeros_like(p_fake)))
''', True)

# ---------------------------------------------------------------- check_generator_loss (notebooks 00, 01)

# RIGHT: -log sigmoid(x) = softplus(-x), the non-saturating loss, batch mean
_answer("b14-gloss-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

# RIGHT: torch.logaddexp(0, -x) = log(1 + e^-x) = -log sigmoid(x), stable
_answer("b14-gloss-logaddexp", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return torch.logaddexp(torch.zeros_like(fake_logits), -fake_logits).mean()
''', True)

# RIGHT: the stable hand-written form relu(-x) + log1p(exp(-|x|)); value right everywhere; autograd's subgradient at exactly x = 0 is 0 instead of -1/2 (relu and abs), a point a real D never outputs exactly, so right in practice
_answer("b14-gloss-relu-log1p", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    x = fake_logits
    return (F.relu(-x) + torch.log1p(torch.exp(-x.abs()))).mean()
''', True)

# RIGHT: the module form with explicit mean reduction and targets from full_like
_answer("b14-gloss-module-fulllike", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    criterion = nn.BCEWithLogitsLoss(reduction="mean")
    return criterion(fake_logits, torch.full_like(fake_logits, 1.0))
''', True)

# RIGHT: -logsigmoid summed and divided by the number of logits: the batch mean written by hand
_answer("b14-gloss-logsigmoid-sum-over-n", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).sum() / fake_logits.numel()
''', True)

# MISTAKE: the saturating minimax loss log(1 - D(G(z))) = -softplus(x): its gradient vanishes where D rejects the fakes
_answer("b14-gloss-saturating", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.softplus(fake_logits).mean()
''', False, words=['saturating loss'])

# MISTAKE: copy-paste from D's loss, negated: -BCE(fake, 0) = log(1 - D(G(z))), again the saturating loss
_answer("b14-gloss-negated-d-term", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=['saturating loss'])

# RIGHT (course): torch.where over two branches that both evaluate exp: the forward value is right, but for |logit| > ~88 the unselected branch overflows and the gradient becomes NaN (0 * inf), exactly where D rejects a fake hard
_answer("b14-gloss-where-nan-grad", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    x = fake_logits
    per_image = torch.where(x >= 0, torch.log1p(torch.exp(-x)), -x + torch.log1p(torch.exp(x)))
    return per_image.mean()
''', True)

# MISTAKE: the Wasserstein/hinge generator loss -mean(x): not the non-saturating BCE the notebook asks for
_answer("b14-gloss-minus-mean-score", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -fake_logits.mean()
''', False, words=["Wasserstein generator's loss"])

# RIGHT (course): -log(sigmoid(x)) taken literally: sigmoid underflows to 0 for very negative logits, giving inf loss and inf/NaN gradients (not the stable logits form asked)
_answer("b14-gloss-naive-log-sigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
''', True)


# ---------------------------------------------------------------- check_answer: the numeric questions (notebooks 00-10)

# RIGHT: D* = p/(p + p) = 1/2 wherever p_g = p_data
_answer("b14-num-dstar-ratio", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 1 / (1 + 1)
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# MISTAKE: answers D's loss value ln 2 (0.693) instead of D*'s output 1/2
_answer("b14-num-dstar-ln2", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = math.log(2)
''', False, args={"answer_name": "optimal_d_when_pg_equals_pdata"}, words=['a probability: 1/2'])

# RIGHT: D's loss at every logit 0: -log(1/2) twice = 2 ln 2, written as -2 log 0.5
_answer("b14-num-lossd-minus2log-half", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = -2 * math.log(0.5)
''', True, args={"answer_name": "loss_d_at_indifference"})

# RIGHT: computed with the library's own discriminator_loss on zero logits, turned into a Python float
_answer("b14-num-lossd-computed", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = discriminator_loss(torch.zeros(8), torch.zeros(8)).item()
''', True, args={"answer_name": "loss_d_at_indifference"})

# MISTAKE: counts only one of the two BCE terms (ln 2 = 0.693)
_answer("b14-num-lossd-one-term", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = math.log(2)
''', False, args={"answer_name": "loss_d_at_indifference"}, words=["one half of D's loss"])

# MISTAKE: the value of the game V = -log 4 (sign and meaning mixed up) instead of D's loss +2 ln 2
_answer("b14-num-lossd-sign", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = -math.log(4)
''', False, args={"answer_name": "loss_d_at_indifference"}, words=['the sign is flipped'])

# RIGHT: V(D*, G*) = log(1/2) + log(1 - 1/2) = -log 4, written term by term
_answer("b14-num-value-terms", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = math.log(0.5) + math.log(1 - 0.5)
''', True, args={"answer_name": "value_at_the_optimum"})

# RIGHT: numpy's natural log of 1/4 (a numpy float64 is a Python float)
_answer("b14-num-value-np", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = np.log(0.25)
''', True, args={"answer_name": "value_at_the_optimum"})

# MISTAKE: base-2 logarithm: -log2(4) = -2, the notebook asks for a natural logarithm
_answer("b14-num-value-log2", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = -math.log2(4)
''', False, args={"answer_name": "value_at_the_optimum"}, words=['base 2'])

# RIGHT: KL of a one-hot histogram from uniform, computed with scipy.stats.entropy(p, q) (natural log, 0 log 0 = 0): ln 10
_answer("b14-num-kl10-scipy", "check_answer", "kl_for_one_class_of_ten", '''
import scipy.stats
kl_for_one_class_of_ten = float(scipy.stats.entropy([1.0] + [0.0] * 9, [0.1] * 10))
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# MISTAKE: the KL the other way round, KL(uniform || p), which is infinite; the referee's class KL is KL(p || uniform)
_answer("b14-num-kl10-reversed", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.inf
''', False, args={"answer_name": "kl_for_one_class_of_ten"}, words=['the other way round'])

# MISTAKE: bits instead of nats: log2(10) = 3.32
_answer("b14-num-kl10-bits", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log2(10)
''', False, args={"answer_name": "kl_for_one_class_of_ten"}, words=['base 2'])

# RIGHT: receptive field after two convolutions k=4, s=2: 4 + (4 - 1) * 2 = 10 pixels on a side
_answer("b14-num-rf-formula", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 + (4 - 1) * 2
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# MISTAKE: adds the kernels without the stride of the first layer: 4 + 3 = 7
_answer("b14-num-rf-no-stride", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 + (4 - 1)
''', False, args={"answer_name": "dcgan_28_receptive_field"}, words=['leaves out the stride'])

# MISTAKE: multiplies the kernel sizes: 4 * 4 = 16
_answer("b14-num-rf-product", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 * 4
''', False, args={"answer_name": "dcgan_28_receptive_field"}, words=['multiplies the kernels'])

# RIGHT: P(drawn class = asked class) = sum over classes of 1/10 * 1/10 = 0.1 (a float sum, equal to 0.1 up to rounding in the 17th digit)
_answer("b14-num-blind-sum", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = sum(0.1 * 0.1 for _ in range(10))
''', True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: thinks perfect photos score perfect accuracy: 1.0
_answer("b14-num-blind-one", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 1.0
''', False, args={"answer_name": "accuracy_of_a_label_blind_generator"}, words=['only by chance'])

# RIGHT: each coordinate has variance (3/4)^2 + (1/4)^2 = 5/8, so the length is about sqrt(100 * 5/8) = 7.91
_answer("b14-num-quarter-variance", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = math.sqrt(100 * ((3 / 4) ** 2 + (1 / 4) ** 2))
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# RIGHT: the same number written as the hypotenuse of 7.5 and 2.5 (the two ends' contributions, nearly orthogonal)
_answer("b14-num-quarter-hypot", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = math.hypot(0.75 * 10, 0.25 * 10)
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: forgets the square root: 10 * (9/16 + 1/16) = 6.25
_answer("b14-num-quarter-no-sqrt", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 10 * ((3 / 4) ** 2 + (1 / 4) ** 2)
''', False, args={"answer_name": "length_at_a_quarter_of_the_line"}, words=['square root'])

# RIGHT: IS = exp(E KL(p(y|x) || p(y))) = exp(ln 5) = 5
_answer("b14-num-is-exp-log", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = math.exp(math.log(10 / 2))
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: forgets the exponential: the mean KL, ln 5 = 1.61
_answer("b14-num-is-no-exp", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = math.log(5)
''', False, args={"answer_name": "inception_score_of_five_sure_classes"}, words=['the KL itself'])

# RIGHT: ln 10 - ln 2 = ln 5, the class KL of two equal classes
_answer("b14-num-kl2-difference", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = math.log(10) - math.log(2)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: sums 0.1 ln(0.1 / p) over the two drawn classes only (reversed and truncated): -0.32
_answer("b14-num-kl2-reversed", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = 2 * 0.1 * math.log(0.1 / 0.5)
''', False, args={"answer_name": "class_kl_of_two_equal_classes"}, words=['never negative'])

# RIGHT: (1 - sigma(s)) / sigma(s) = e^-s, so e^6 = 403.4 at s = -6, computed here in float64 with torch
_answer("b14-num-slope-torch", "check_answer", "slope_ratio_at_logit_minus_6", '''
_s = torch.sigmoid(torch.tensor(-6.0, dtype=torch.float64))
slope_ratio_at_logit_minus_6 = ((1 - _s) / _s).item()
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: uses the rounded D(G(z)) = 0.0025 from the text: (1 - 0.0025) / 0.0025 = 399, about 1% off e^6
_answer("b14-num-slope-rounded", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = (1 - 0.0025) / 0.0025
''', False, args={"answer_name": "slope_ratio_at_logit_minus_6"}, words=['rounded to 0.0025'])

# MISTAKE: 1 / sigma(s) = 1 + e^6 = 404.4 instead of (1 - sigma) / sigma (once accepted within 1%)
_answer("b14-num-slope-one-over-sigma", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = 1 + math.exp(6)
''', False, ["1 / sigmoid(-6)"], args={"answer_name": "slope_ratio_at_logit_minus_6"})


# ---------------------------------------------------------------- check_train_step, notebook 01 (unconditional)

# RIGHT: D's update on x and fake.detach(), then G's with D's weights frozen (flags saved and restored in a finally), four detached numbers
_step("b14-step-u-frozen-flags", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    flags = [p.requires_grad for p in D.parameters()]
    D.requires_grad_(False)
    try:
        opt_g.zero_grad()
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
        opt_g.step()
    finally:
        for p, flag in zip(D.parameters(), flags):
            p.requires_grad_(flag)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# RIGHT: gradients taken with torch.autograd.grad w.r.t. each player's own parameters only and assigned to .grad (overwriting, so nothing leaks from earlier steps or the other player); no zero_grad needed
_step("b14-step-u-autograd-assign", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    d_params = [p for p in D.parameters() if p.requires_grad]
    g_params = [p for p in G.parameters() if p.requires_grad]
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)

    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    for p, g in zip(d_params, torch.autograd.grad(loss_d, d_params)):
        p.grad = g
    opt_d.step()

    loss_g = generator_loss(D(fake, y))
    for p, g in zip(g_params, torch.autograd.grad(loss_g, g_params)):
        p.grad = g
    opt_g.step()
    with torch.no_grad():
        d_real, d_fake = real_logits.sigmoid().mean(), fake_logits.sigmoid().mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True, setting="unconditional")

# RIGHT: the PyTorch DCGAN tutorial's form: D zeroed first, real and fake terms backpropagated separately (gradients add), G's update without freezing D: D's .grad then holds G's gradient, but opt_d never steps on it and is zeroed before D's next update, so only the right weights move with the right gradients (fragile only if something read D's .grad after the step)
_step("b14-step-u-tutorial-two-backwards", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)

    D.zero_grad()
    out_real = D(x, y)
    err_real = F.binary_cross_entropy_with_logits(out_real, torch.ones_like(out_real))
    err_real.backward()
    out_fake = D(fake.detach(), y)
    err_fake = F.binary_cross_entropy_with_logits(out_fake, torch.zeros_like(out_fake))
    err_fake.backward()
    opt_d.step()

    G.zero_grad()
    out = D(fake, y)
    err_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
    err_g.backward()
    opt_g.step()
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": err_g.detach(),
            "d_real": out_real.detach().sigmoid().mean(), "d_fake": out_fake.detach().sigmoid().mean()}
''', True, setting="unconditional")

# RIGHT: D's fakes made under no_grad, G's update on fresh fakes from new noise (Goodfellow et al.'s Algorithm 1, which the notebook allows), D frozen
_step("b14-step-u-fresh-fakes", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    def noise():
        return torch.randn(len(x), G.latent_dim, device=x.device, dtype=x.dtype)

    with torch.no_grad():
        fake = G(noise(), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = generator_loss(D(G(noise(), y), y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="unconditional")

# RIGHT: a callable helper object instead of a def: keeps no state between calls, freezes D for G's update and unfreezes after
_step("b14-step-u-callable-object", "my_train_step", '''
class _AlternatingStep:
    def _freeze(self, net, frozen):
        for p in net.parameters():
            p.requires_grad_(not frozen)

    def __call__(self, G, D, opt_g, opt_d, x, y=None):
        fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
        opt_d.zero_grad()
        real_logits = D(x, y)
        fake_logits = D(fake.detach(), y)
        loss_d = discriminator_loss(real_logits, fake_logits)
        loss_d.backward()
        opt_d.step()

        self._freeze(D, True)
        opt_g.zero_grad()
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
        opt_g.step()
        self._freeze(D, False)
        return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                    d_real=real_logits.detach().sigmoid().mean(), d_fake=fake_logits.detach().sigmoid().mean())


my_train_step = _AlternatingStep()
''', True, setting="unconditional")

# MISTAKE: no detach in D's update (kept alive with retain_graph=True) and G's gradients zeroed only at the top: G's update steps on its own loss's gradient plus D's loss's gradient
_step("b14-step-u-no-detach-retain", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="unconditional", words=["detach the fakes in D's update"])

# MISTAKE: never zeroes G's gradients: invisible on the first call, from the second call on G steps on the sum of all past steps' gradients
_step("b14-step-u-no-zero-g", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="unconditional", words=["G's gradients are never zeroed before"])

# MISTAKE: d_real and d_fake are the sigmoid of the mean logit, not the mean probability
_step("b14-step-u-sigmoid-of-mean", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": torch.sigmoid(real_logits.mean()).detach(), "d_fake": torch.sigmoid(fake_logits.mean()).detach()}
''', False, setting="unconditional", words=['sigmoid of the mean logit'])

# MISTAKE: noise made with torch.randn on the CPU, not on x's device as asked: right on a CPU, a device-mismatch error on a GPU
_step("b14-step-u-cpu-noise", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="unconditional", words=['on the CPU'])

# MISTAKE: makes the fakes with G in eval mode ("cleaner samples"): G's batch norm uses running statistics, so G trains through a different function from the one it samples with in training
_step("b14-step-u-g-eval-fakes", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    G.eval()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    G.train()
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="unconditional", words=['evaluation mode'])

# MISTAKE: one D(fake) for both updates: G's loss is backpropagated through D's old graph after opt_d.step() changed D's weights in place (autograd's version-counter error), and G would learn from the pre-update D anyway
_step("b14-step-u-stale-d-graph", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward(retain_graph=True)
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="unconditional", words=['from before opt_d.step()'])

# MISTAKE: freezes D for G's update and never unfreezes it: the first call is right, the next call's D update has nothing to train (state leaks between calls)
_step("b14-step-u-d-left-frozen", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="unconditional", words=['D is still frozen from the'])

# ---------------------------------------------------------------- check_train_step, notebook 02 (conditional=True)

# RIGHT: the step of 01 with y everywhere (G(z, y), D(x, y), D(fake.detach(), y), D(fake, y)); D frozen by a small context-manager class that restores each flag
_step("b14-step-c-frozen-class", "my_conditional_step", '''
class _Frozen:
    def __init__(self, net):
        self.net = net

    def __enter__(self):
        self.flags = [p.requires_grad for p in self.net.parameters()]
        self.net.requires_grad_(False)
        return self.net

    def __exit__(self, *exc):
        for p, flag in zip(self.net.parameters(), self.flags):
            p.requires_grad_(flag)
        return False


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
    with _Frozen(D):
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="conditional")

# RIGHT: the losses written inline with softplus (the same BCEs), the logits computed before zero_grad (harmless: zeroing only touches .grad)
_step("b14-step-c-softplus-inline", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    judged = D(fake, y)
    loss_g = F.softplus(-judged).mean()
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="conditional")

# RIGHT: G's update on fresh fakes asked for the same labels y (allowed by notebook 01's point 2), zero_grad(set_to_none=False)
_step("b14-step-c-fresh-fakes", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    n = len(x)
    with torch.no_grad():
        fake = G(torch.randn(n, G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=False)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=False)
    loss_g = generator_loss(D(G(torch.randn(n, G.latent_dim, device=x.device), y), y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": F.logsigmoid(real_logits.detach()).exp().mean(),
            "d_fake": F.logsigmoid(fake_logits.detach()).exp().mean()}
''', True, setting="conditional")

# RIGHT (course): asks G for random labels instead of the real batch's labels y, which the notebook says to use (and D's two halves no longer share their classes)
_step("b14-step-c-random-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y_fake = torch.randint(0, G.n_classes, (len(x),), device=x.device)
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y_fake)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y_fake)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="conditional")

# MISTAKE: D judges the fakes in its own update with the labels shifted by one (y.roll(1)), not the labels they were made for
_step("b14-step-c-rolled-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y.roll(1))
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="conditional", words=['other labels than they were made for'])

# MISTAKE: discriminator_loss(fake_logits, real_logits): arguments swapped, so D learns to call fakes real and real images fake
_step("b14-step-c-loss-args-swapped", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="conditional", words=['real and fake are swapped in'])

# MISTAKE: zero_grad only for G: D's gradients pile up from call to call (right on the first call only)
_step("b14-step-c-no-zero-d", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="conditional", words=["D's update carries gradients left in"])

# MISTAKE: copy-paste slip in the returned dict: d_real and d_fake swapped
_step("b14-step-c-returns-swapped", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": fake_logits.detach().sigmoid().mean(), "d_fake": real_logits.detach().sigmoid().mean()}
''', False, setting="conditional", words=["'d_fake' are swapped"])

# MISTAKE: passes G one-hot float labels: the course's nets embed class numbers (nn.Embedding needs integer labels), so G fails
_step("b14-step-c-onehot-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y_vec = F.one_hot(y, G.n_classes).float()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y_vec)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="conditional", words=['whole numbers (int64)'])


# ---------------------------------------------------------------- check_train_step, notebook 03 (r1_gamma=4.0)

# RIGHT: the notebook's recipe: x detached and requiring grad before D(x) only when r1_gamma, slope with create_graph=True, squared per image over dims (1, 2, 3), batch mean, gamma/2 added, loss_d reported without it
_step("b14-step-r1-manual-square", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = torch.square(grad).sum(dim=(1, 2, 3)).mean()
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="r1")

# RIGHT: the course's ganlib.losses.r1_penalty(real_logits, x) in place of the hand-written slope (the notebook names it as the reference)
_step("b14-step-r1-library-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)
    x = x.detach().requires_grad_(True) if r1_gamma else x
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="r1")

# RIGHT: grad_outputs=ones instead of .sum(), squared norm by einsum, and the penalty backpropagated separately after loss_d.backward(retain_graph=True): the gradients add up to the same total
_step("b14-step-r1-grad-outputs-two-backwards", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        g, = torch.autograd.grad(outputs=real_logits, inputs=x, grad_outputs=torch.ones_like(real_logits),
                                 create_graph=True)
        g = g.reshape(len(g), -1)
        penalty = torch.einsum("bi,bi->b", g, g).mean()
        loss_d.backward(retain_graph=True)
        (0.5 * r1_gamma * penalty).backward()
    else:
        loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="r1")

# RIGHT: x always made to require grad (a little wasted work when r1_gamma is 0, same weights), slope norm by torch.linalg.vector_norm squared
_step("b14-step-r1-always-requires-grad", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    real = x.detach().requires_grad_(True)
    fake = G(torch.randn(len(real), G.latent_dim, device=real.device), y)
    opt_d.zero_grad()
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    objective = loss_d
    if r1_gamma:
        slope, = torch.autograd.grad(real_logits.sum(), real, create_graph=True)
        objective = objective + r1_gamma / 2 * torch.linalg.vector_norm(slope.flatten(1), dim=1).square().mean()
    objective.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="r1")

# MISTAKE: adds r1_gamma * penalty, forgetting the 1/2 of gamma/2
_step("b14-step-r1-no-half", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="r1", words=['the R1 term is r1_gamma times'])

# MISTAKE: torch.autograd.grad without create_graph=True: the penalty is a constant to D's weights and changes nothing
_step("b14-step-r1-no-create-graph", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="r1", words=['the R1 gradient was taken without'])

# MISTAKE: differentiates real_logits.mean() instead of the sum: each image's slope is divided by the batch size, so the penalty is B^2 times too small
_step("b14-step-r1-mean-logit-slope", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="r1", words=['the R1 gradient was taken of'])

# MISTAKE: reports loss_d with the penalty folded in (the notebook: report loss_d without it)
_step("b14-step-r1-reports-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="r1", words=["'loss_d' includes the R1 penalty"])

# MISTAKE: puts D in eval mode for G's update ("D is only judging"): the DCGAN D has batch norm, so G learns from D's running statistics instead of the batch statistics D trains with
_step("b14-step-r1-d-eval-for-g", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()

    D.eval()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    D.train()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="r1", words=["D is in evaluation mode in G's update"])

# MISTAKE: takes the slope on every step: with r1_gamma = 0 (three steps of four in training) x does not require grad and autograd.grad fails; passes only when called with r1_gamma=4
_step("b14-step-r1-crash-when-off", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(r1_gamma > 0)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
    penalty = grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + r1_gamma / 2 * penalty).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="r1", words=['if r1_gamma:'])

# ---------------------------------------------------------------- check_train_step, notebook 04 (class_weight=1.0)

# RIGHT: as the notebook describes: classify=True only when class_weight, class term on the real images in D's loss and on the (not detached) fakes in G's, both weighted, losses reported without them
_step("b14-step-k-standard", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming_d = class_weight * class_loss(class_logits, y)
    else:
        real_logits, naming_d = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming_d).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    if class_weight:
        judged, fake_class_logits = D(fake, y, classify=True)
        naming_g = class_weight * class_loss(fake_class_logits, y)
    else:
        judged, naming_g = D(fake, y), 0.0
    loss_g = generator_loss(judged)
    (loss_g + naming_g).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# RIGHT: always asks the projection D for class logits and multiplies the cross-entropy by class_weight (adds exactly 0 when the weight is 0)
_step("b14-step-k-always-classify", "my_step", '''
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
    judged, fake_classes = D(fake, y, classify=True)
    loss_g = generator_loss(judged)
    (loss_g + class_weight * F.cross_entropy(fake_classes, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# RIGHT: a helper that returns (logits, weighted class term) with log_softmax + nll_loss (the same cross-entropy), used for both players
_step("b14-step-k-judge-helper-nll", "my_step", '''
def _judge(D, images, y, weight):
    if not weight:
        return D(images, y), 0.0
    logits, class_logits = D(images, y, classify=True)
    return logits, weight * F.nll_loss(F.log_softmax(class_logits, dim=1), y)


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, naming_d = _judge(D, x, y, class_weight)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming_d).backward()
    opt_d.step()

    flags = [p.requires_grad for p in D.parameters()]
    D.requires_grad_(False)
    opt_g.zero_grad()
    judged, naming_g = _judge(D, fake, y, class_weight)
    loss_g = generator_loss(judged)
    (loss_g + naming_g).backward()
    opt_g.step()
    for p, flag in zip(D.parameters(), flags):
        p.requires_grad_(flag)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# RIGHT: class logits from a second forward pass D(x, y, classify=True) next to D(x, y): same values and gradients (same batch, same batch-norm statistics); only wasteful, and it advances batch norm's running averages one more time
_step("b14-step-k-second-pass", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    extra_d = 0.0
    if class_weight:
        _, class_logits = D(x, y, classify=True)
        extra_d = class_weight * class_loss(class_logits, y)
    (loss_d + extra_d).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    extra_g = 0.0
    if class_weight:
        _, fake_class_logits = D(fake, y, classify=True)
        extra_g = class_weight * class_loss(fake_class_logits, y)
    (loss_g + extra_g).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# MISTAKE: the class term only in D's loss; G's update forgets it
_step("b14-step-k-only-d", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="class", words=["G's has no class loss"])

# MISTAKE: the class term only in G's loss; D never learns to name real images
_step("b14-step-k-only-g", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    judged, fake_classes = D(fake, y, classify=True)
    loss_g = generator_loss(judged)
    (loss_g + class_weight * class_loss(fake_classes, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="class", words=["D's loss has no class loss"])

# MISTAKE: D's class term is computed on the detached fakes (AC-GAN-like) instead of the real images, so D learns to name G's fakes
_step("b14-step-k-d-names-fakes", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits, fake_classes = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(fake_classes, y)).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    judged, g_classes = D(fake, y, classify=True)
    loss_g = generator_loss(judged)
    (loss_g + class_weight * class_loss(g_classes, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="class", words=['on the fakes instead of the real images'])

# MISTAKE: reports loss_d and loss_g with the class terms included (the notebook: report them without)
_step("b14-step-k-reports-class-terms", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(class_logits, y)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    judged, fake_classes = D(fake, y, classify=True)
    loss_g = generator_loss(judged) + class_weight * class_loss(fake_classes, y)
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="class", words=["'loss_d' includes the class loss"])

# MISTAKE: uses class_weight only as an on/off switch and adds the unweighted cross-entropy: identical at weight 1, wrong at the 3.0 of notebook 06's exercise
_step("b14-step-k-weight-as-switch", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
    else:
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_loss(class_logits, y) if class_weight else loss_d
    total_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    if class_weight:
        judged, fake_classes = D(fake, y, classify=True)
    else:
        judged = D(fake, y)
    loss_g = generator_loss(judged)
    total_g = loss_g + class_loss(fake_classes, y) if class_weight else loss_g
    total_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', False, setting="class", words=['behaves as if it were 1'])


# ---------------------------------------------------------------- check_conditional_net, notebook 02: the generator

# RIGHT: indexing the embedding's weight by y is the embedding lookup; [z; e_y] along dim 1; unflatten restores (1, 28, 28)
_answer("b14-cgen-weight-index-unflatten", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding.weight[y]
        h = torch.cat((z, e), dim=1)
        return self.net(h).unflatten(1, self.image_shape)
''', True)

# RIGHT: one-hot labels times the embedding matrix select exactly the row e_y (products with 0 and 1 are exact)
_answer("b14-cgen-onehot-matmul", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        one_hot = F.one_hot(y, self.n_classes).to(z.dtype)
        e = one_hot @ self.label_embedding.weight
        return self.net(torch.hstack([z, e])).reshape(-1, *self.image_shape)
''', True)

# RIGHT: delegates to the course's own forward (its parent class computes exactly [z; e_y] -> layers -> reshape): same answers, though the student wrote nothing
_answer("b14-cgen-super-forward", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        return super().forward(z, y)
''', True)

# RIGHT: reshape hard-coded to (batch, 1, 28, 28) exactly as the notebook states the shape; fragile only if the net were built for another image size
_answer("b14-cgen-hardcoded-shape", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], 1)
        return self.net(h).view(z.shape[0], 1, 28, 28)
''', True)

# MISTAKE: concatenates [e_y; z] (label first): the course's weights read the noise first, so the answers differ
_answer("b14-cgen-label-first", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=["the label's vector comes before the"])

# MISTAKE: feeds the one-hot label itself instead of its learned embedding e_y (same width, 10, so it runs, but it is not e_y)
_answer("b14-cgen-onehot-not-embedding", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, F.one_hot(y, self.n_classes).float()], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=['a one-hot vector stands in for'])

# MISTAKE: reshapes to (batch, 28, 28), dropping the channel dimension
_answer("b14-cgen-no-channel", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape[1:])
''', False, words=['reshape to (batch, *self.image_shape)'])

# MISTAKE: applies tanh again on top of the net's own final Tanh (outputs squashed to about [-0.76, 0.76])
_answer("b14-cgen-double-tanh", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)
''', False, words=['tanh is applied twice'])

# ---------------------------------------------------------------- check_conditional_net, notebook 02: the projection discriminator

# RIGHT: psi(phi(x)) squeezed to (B,) plus the per-image inner product e_y . phi(x) by einsum
_answer("b14-cproj-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + torch.einsum("bd,bd->b", self.label_embedding(y), h)
''', True)

# RIGHT: all ten class scores h @ E^T, then gather the asked class's column; psi's output taken as column 0
_answer("b14-cproj-gather", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.reshape(x.shape[0], -1))
        scores = h @ self.label_embedding.weight.T
        return self.out(h)[:, 0] + scores.gather(1, y.unsqueeze(1)).squeeze(1)
''', True)

# RIGHT: squeeze() without a dim: for a batch of one psi becomes 0-d but adding the (1,)-shaped projection broadcasts back to (1,), so the shape is (B,) for every B
_answer("b14-cproj-squeeze-all", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        e = self.label_embedding(y)
        return self.out(h).squeeze() + (e * h).sum(dim=1)
''', True)

# RIGHT: the inner product as a batched matrix product (B,1,256) x (B,256,1), psi by F.linear with out's own weights
_answer("b14-cproj-bmm", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.view(len(x), -1))
        e = self.label_embedding(y)
        inner = torch.bmm(e.unsqueeze(1), h.unsqueeze(2)).view(-1)
        return F.linear(h, self.out.weight, self.out.bias).view(-1) + inner
''', True)

# MISTAKE: forgets to squeeze psi's (B, 1) output: adding the (B,) projection broadcasts to a (B, B) matrix
_answer("b14-cproj-no-squeeze", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=['broadcasts to (batch, batch)'])

# MISTAKE: squeeze(0) instead of squeeze(1): a no-op for B > 1, so (B, 1) + (B,) broadcasts to (B, B); only a batch of one comes out right
_answer("b14-cproj-squeeze-dim0", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(0) + (self.label_embedding(y) * h).sum(1)
''', False, words=['broadcasts to (batch, batch)'])

# MISTAKE: sums the products over the whole batch as well: one number added to every image's logit
_answer("b14-cproj-sum-everything", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum()
''', False, words=['summed over the whole batch'])

# MISTAKE: adds e_y to the features before psi, psi(phi(x) + e_y), instead of adding the inner product e_y . phi(x) to psi(phi(x))
_answer("b14-cproj-label-into-psi", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h + self.label_embedding(y)).squeeze(1)
''', False, words=['not as projection does'])


_UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
_FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

# ---------------------------------------------------------------- check_block_shapes, notebook 03: my_up_block

# RIGHT: the three layers asked for, with named entries in an OrderedDict (iterating the Sequential still yields the layers in order)
_answer("b14-up-ordereddict", "check_block_shapes", "my_up_block", '''
from collections import OrderedDict


def my_up_block(c_in, c_out):
    return nn.Sequential(OrderedDict([
        ("up", nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False)),
        ("norm", nn.BatchNorm2d(c_out)),
        ("act", nn.ReLU(inplace=True)),
    ]))
''', True, args=_UP)

# RIGHT: built up with add_module, keyword arguments for the transposed convolution
_answer("b14-up-add-module", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    block = nn.Sequential()
    block.add_module("0", nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2,
                                             padding=1, bias=False))
    block.add_module("1", nn.BatchNorm2d(num_features=c_out))
    block.add_module("2", nn.ReLU())
    return block
''', True, args=_UP)

# RIGHT: a small nn.Sequential subclass holding the same three layers (still a Sequential, so the generator can unpack it)
_answer("b14-up-subclass", "check_block_shapes", "my_up_block", '''
class _UpBlock(nn.Sequential):
    def __init__(self, c_in, c_out):
        super().__init__(nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))


def my_up_block(c_in, c_out):
    return _UpBlock(c_in, c_out)
''', True, args=_UP)

# RIGHT: kernel, stride and padding given as tuples (4, 4), (2, 2), (1, 1): the same layer
_answer("b14-up-tuple-args", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(),
    )
''', True, args=_UP)

# RIGHT (course): nearest-neighbour upsampling + 3x3 convolution: doubles the map (right shape) but is not the transposed convolution the notebook asks for (breaks DCGAN guideline 1 as stated)
_answer("b14-up-upsample-conv", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"),
                         nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU())
''', True, args=_UP)

# MISTAKE: keeps the convolution's bias although the notebook asks for none (batch norm right after removes it; harmless redundancy, but not the block asked, and extra weights)
_answer("b14-up-with-bias", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args=_UP, words=['has a bias'])

# MISTAKE: output_padding=1 (remembered from other upsampling recipes): 7 -> 15, not 14
_answer("b14-up-output-padding", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, output_padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args=_UP, words=['(2, 32, 15, 15)'])

# MISTAKE: nn.ReLU without parentheses: the class, not a layer, so nn.Sequential refuses it
_answer("b14-up-relu-class", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU)
''', False, args=_UP, words=['without parentheses'])

# MISTAKE: LeakyReLU(0.2) copied from the discriminator: the generator's block uses ReLU (guideline 3)
_answer("b14-up-leaky", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2))
''', False, args=_UP, words=['the activation must be ReLU'])

# ---------------------------------------------------------------- check_block_shapes, notebook 07: my_first_layer

# RIGHT: Conv2d 3 -> 16, kernel 4, stride 2, padding 1, all by keyword: 64 -> 32
_answer("b14-first-keywords", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1)
''', True, args=_FIRST)

# RIGHT: the convolution with its LeakyReLU(0.2) (D's first layer has no batch norm, the activation is part of it)
_answer("b14-first-with-leaky", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
''', True, args=_FIRST)

# RIGHT: nn.LazyConv2d(16, 4, 2, 1) infers its 3 input channels on the first call; fragile: its weights do not exist until an image has passed through
_answer("b14-first-lazy", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.LazyConv2d(16, kernel_size=4, stride=2, padding=1)
''', True, args=_FIRST)

# MISTAKE: kernel 3 (stride 2, padding 1): the shape happens to be 32x32 too, but it is not the 4x4 layer asked for
_answer("b14-first-kernel3", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
''', False, args=_FIRST, words=['kernel_size 3'])

# MISTAKE: a transposed convolution (the generator's layer): 64 -> 128
_answer("b14-first-transposed", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.ConvTranspose2d(3, 16, 4, 2, 1)
''', False, args=_FIRST, words=['transposed convolution'])

# MISTAKE: batch norm on D's first layer, which the notebook (and guideline 2) says must not have it
_answer("b14-first-with-bn", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
''', False, args=_FIRST, words=["there is a BatchNorm in D's"])

# MISTAKE: defines a function that makes the layer, not the layer: the cell asks for the layer itself
_answer("b14-first-function", "check_block_shapes", "my_first_layer", '''
def my_first_layer():
    return nn.Conv2d(3, 16, 4, 2, 1)
''', False, args=_FIRST, words=['cannot be called with the channel counts'])

# MISTAKE: padding left at its default 0: 64 -> 31
_answer("b14-first-no-padding", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2)
''', False, args=_FIRST, words=['padding 0'])

# MISTAKE: a stride-1 convolution then max pooling: 32x32 out, but pooling is what guideline 1 replaces with a strided convolution
_answer("b14-first-maxpool", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1), nn.LeakyReLU(0.2), nn.MaxPool2d(2))
''', False, args=_FIRST, words=['pooling layer'])


# ---------------------------------------------------------------- check_model_input, notebook 07

# RIGHT: movedim(-1, 1) moves the colour axis first (same as permute(0, 3, 1, 2)), floats, then x / 127.5 - 1
_answer("b14-input-movedim", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.movedim(-1, 1).float().div(127.5).sub(1.0)
''', True)

# RIGHT: true division of the uint8 tensor by a Python float already gives float32 (type promotion), so no explicit cast is needed
_answer("b14-input-promotion", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2) / 127.5 - 1
''', True)

# RIGHT: two transposes, (N,H,W,C) -> (N,C,W,H) -> (N,C,H,W), then x * 2/255 - 1
_answer("b14-input-two-transposes", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    chw = photos.transpose(1, 3).transpose(2, 3)
    return chw.to(torch.float32) * (2.0 / 255.0) - 1.0
''', True)

# RIGHT: in-place sub_/div_ only on the fresh float copy (the caller's uint8 photos are untouched), made contiguous
_answer("b14-input-inplace-on-copy", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = torch.permute(photos, (0, 3, 1, 2)).contiguous().float()
    return x.sub_(127.5).div_(127.5)
''', True)

# MISTAKE: reshape to (N, 3, H, W) instead of moving the axis: the right shape with scrambled pixels (what the hint warns about)
_answer("b14-input-reshape", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.reshape(n, c, h, w).float() / 127.5 - 1
''', False, words=['pixels are scrambled'])

# MISTAKE: permute(0, 3, 2, 1) gives (N, 3, W, H): every picture transposed (and the wrong shape for non-square ones)
_answer("b14-input-wh-swapped", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, words=['height and width are swapped'])

# MISTAKE: doubles the pixels while still uint8: 2 * 200 wraps round to 144 before the conversion to float
_answer("b14-input-uint8-overflow", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2) * 2).float() / 255 - 1
''', False, words=['wraps past 255'])

# MISTAKE: stretches each batch from its own min and max onto [-1, 1]: right only when the batch has a pure black and a pure white pixel, wrong for a dim or bright batch
_answer("b14-input-minmax", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float()
    return (x - x.min()) / (x.max() - x.min()) * 2 - 1
''', False, words=["not stretched from the batch's own min"])

# MISTAKE: divides by 128: 255 becomes 0.992, not +1
_answer("b14-input-div128", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 128.0 - 1.0
''', False, words=['divide by 127.5'])

# ---------------------------------------------------------------- check_class_means, notebook 06

# RIGHT: per-class sums with index_add_ (float64), divided by bincount with minlength 10, broadcast as (10, 1, 1, 1), returned as float32
_answer("b14-means-index-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    labels = labels.long()
    sums = torch.zeros((10,) + tuple(images.shape[1:]), dtype=torch.float64, device=images.device)
    sums.index_add_(0, labels, images.to(torch.float64))
    counts = torch.bincount(labels, minlength=10).to(torch.float64)
    return (sums / counts.view(-1, 1, 1, 1)).float()
''', True)

# RIGHT: one-hot matrix and einsum sum the images of each class; divided by each class's count
_answer("b14-means-onehot-einsum", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    one_hot = F.one_hot(labels.long(), 10).to(torch.float64)
    sums = torch.einsum("nk,nchw->kchw", one_hot, images.to(torch.float64))
    return (sums / one_hot.sum(0).view(-1, 1, 1, 1)).to(torch.float32)
''', True)

# RIGHT: uint8 sums come out as int64, and int64 / int64 true division gives float32: exact means without an explicit cast
_answer("b14-means-integer-sum", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].sum(dim=0) / (labels == c).sum() for c in range(10)])
''', True)

# RIGHT: sorts by label and splits into the ten classes' runs (bincount sizes), then averages each run
_answer("b14-means-sort-split", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    order = torch.argsort(labels)
    sizes = torch.bincount(labels, minlength=10).tolist()
    runs = images[order].float().split(sizes)
    return torch.stack([run.mean(0) for run in runs])
''', True)

# MISTAKE: averages the uint8 images directly: torch refuses mean() on an integer tensor
_answer("b14-means-uint8-mean", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)])
''', False, words=['uint8'])

# MISTAKE: divides each class's sum by len(images) / 10, assuming equal-sized classes
_answer("b14-means-equal-classes", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    per_class = len(images) / 10
    return torch.stack([images[labels == c].float().sum(0) / per_class for c in range(10)])
''', False, words=['as if every class held the same number'])

# MISTAKE: rounds to uint8 inside the function: the notebook asks for floats (the next cell rounds them for display)
_answer("b14-means-rounded", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.stack([images[labels == c].float().mean(0) for c in range(10)])
    return means.round().to(torch.uint8)
''', False, words=['as floats'])

# MISTAKE: rescales the means to [-1, 1]: the notebook asks for the images' own 0-255 scale
_answer("b14-means-rescaled", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.float() / 127.5 - 1
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, words=['in [-1, 1]'])

# MISTAKE: floor division of the integer sums by the counts: means truncated to whole numbers, and an integer tensor
_answer("b14-means-floor-division", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].sum(0) // (labels == c).sum() for c in range(10)])
''', False, words=['rounded down'])


# ---------------------------------------------------------------- check_slerp, notebook 05

# RIGHT: angle from F.cosine_similarity (clamped), weights as outer products with z0 and z1: one row per t; no special case for parallel vectors (never met with random noise), so right in practice
_answer("b14-slerp-cosine-outer", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1)
    omega = torch.arccos(F.cosine_similarity(z0, z1, dim=0).clamp(-1.0, 1.0))
    s = torch.sin(omega)
    return torch.outer(torch.sin((1 - t) * omega) / s, z0) + torch.outer(torch.sin(t * omega) / s, z1)
''', True)

# RIGHT: the angle by atan2(sin, cos) with sin = |u1 - cos u0| (accurate for small angles too), t as a column
_answer("b14-slerp-atan2", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    c = torch.dot(u0, u1)
    s = torch.linalg.norm(u1 - c * u0)
    omega = torch.atan2(s, c)
    t = t.reshape(-1, 1).to(z0)
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', True)

# RIGHT: a (T, 2) weight matrix times the stacked ends by einsum
_answer("b14-slerp-einsum-weights", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1).to(z0)
    omega = torch.acos((z0 @ z1 / (z0.norm() * z1.norm())).clamp(-1, 1))
    weights = torch.stack([torch.sin((1 - t) * omega), torch.sin(t * omega)], dim=1) / torch.sin(omega)
    return torch.einsum("tk,kd->td", weights, torch.stack([z0, z1]))
''', True)

# RIGHT: the angle as a Python float with math.acos, and a straight-line fallback when the two vectors are (nearly) parallel
_answer("b14-slerp-math-fallback", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    cos = float(torch.dot(z0, z1) / (z0.norm() * z1.norm()))
    omega = math.acos(max(-1.0, min(1.0, cos)))
    t = t.reshape(-1, 1).to(z0)
    if math.sin(omega) < 1e-6:
        return (1 - t) * z0 + t * z1
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / math.sin(omega)
''', True)

# MISTAKE: combines the unit vectors u0 and u1 instead of z0 and z1: every point has length 1, not |z0| .. |z1|
_answer("b14-slerp-unit-ends", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.arccos(torch.dot(u0, u1).clamp(-1, 1))
    t = t.reshape(-1, 1).to(z0)
    return (torch.sin((1 - t) * omega) * u0 + torch.sin(t * omega) * u1) / torch.sin(omega)
''', False, words=['every point has length 1'])

# MISTAKE: leaves t as a 1-D tensor: sin((1 - t) w) of shape (T,) times z0 of shape (D,) is an elementwise product (or a shape error), not one row per t
_answer("b14-slerp-t-not-column", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, words=['one t at a time'])

# MISTAKE: the two weights swapped: the path starts at z1 (t = 0) and ends at z0
_answer("b14-slerp-weights-swapped", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    t = t.reshape(-1, 1).to(z0)
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, words=['the ends are swapped'])

# MISTAKE: normalises z0 and z1 in place with div_ to get the cosine: the path is right, but the caller's two vectors are left as unit vectors
_answer("b14-slerp-inplace-normalise", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    n0, n1 = z0.norm(), z1.norm()
    omega = torch.arccos(torch.dot(z0.div_(n0), z1.div_(n1)).clamp(-1, 1))
    t = t.reshape(-1, 1).to(z0)
    return (torch.sin((1 - t) * omega) * z0 * n0 + torch.sin(t * omega) * z1 * n1) / torch.sin(omega)
''', False, words=['changes z0 or z1 in place'])

# MISTAKE: outer products in the other order: returns (D, T), one column per t instead of one row
_answer("b14-slerp-transposed", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1).to(z0)
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    a = torch.sin((1 - t) * omega) / torch.sin(omega)
    b = torch.sin(t * omega) / torch.sin(omega)
    return torch.outer(z0, a) + torch.outer(z1, b)
''', False, words=['one column per t'])

# ---------------------------------------------------------------- check_frechet_distance, notebook 08

# RIGHT: Tr sqrt(S1 S2) = sum of the square roots of the eigenvalues of S1 S2 (real and >= 0 for covariances; clipped against rounding)
_answer("b14-frechet-eigvals", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = np.asarray(mu1, dtype=float) - np.asarray(mu2, dtype=float)
    eig = np.linalg.eigvals(np.asarray(sigma1, dtype=float) @ np.asarray(sigma2, dtype=float))
    root_trace = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * root_trace)
''', True)

# RIGHT: the symmetric form sqrt(S1^1/2 S2 S1^1/2), whose trace equals Tr sqrt(S1 S2); real part kept
_answer("b14-frechet-symmetric", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = linalg.sqrtm(sigma1)
    middle = linalg.sqrtm(root1 @ sigma2 @ root1)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(middle).real)
''', True)

# RIGHT: the pytorch-fid way: sqrtm of the product, imaginary rounding noise dropped, a Python float returned
_answer("b14-frechet-iscomplex", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    diff = mu1 - mu2
    return float(np.square(diff).sum() + np.trace(sigma1 + sigma2 - 2.0 * covmean))
''', True)

# RIGHT: in torch float64: eigenvalues of the product by torch.linalg.eigvals, clamped at 0, square-rooted and summed
_answer("b14-frechet-torch", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    m1, m2 = torch.as_tensor(mu1, dtype=torch.float64), torch.as_tensor(mu2, dtype=torch.float64)
    s1, s2 = torch.as_tensor(sigma1, dtype=torch.float64), torch.as_tensor(sigma2, dtype=torch.float64)
    root_trace = torch.linalg.eigvals(s1 @ s2).real.clamp(min=0).sqrt().sum()
    return float((m1 - m2).pow(2).sum() + s1.trace() + s2.trace() - 2 * root_trace)
''', True)

# MISTAKE: sqrt(S1) @ sqrt(S2) in place of sqrt(S1 S2): equal only when the two covariances commute
_answer("b14-frechet-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = (linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2)).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['product of two square roots'])

# MISTAKE: the distance of the means not squared (np.linalg.norm)
_answer("b14-frechet-norm-not-squared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['squared distance'])

# MISTAKE: the square root of the trace of S1 S2 instead of the trace of its matrix square root (equal only in one dimension)
_answer("b14-frechet-sqrt-of-trace", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    cross = np.sqrt(np.trace(sigma1 @ sigma2))
    return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1) + np.trace(sigma2) - 2 * cross)
''', False, words=['square root of the trace'])

# MISTAKE: sums all entries of Sigma1 + Sigma2 - 2 sqrt(...) instead of taking the trace
_answer("b14-frechet-sum-not-trace", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(((mu1 - mu2) ** 2).sum() + np.sum(sigma1 + sigma2 - 2 * covmean))
''', False, words=['sums every entry'])

# MISTAKE: adds a small ridge to the covariances in place (+=): changes the caller's arrays (and fails outright on integer arrays)
_answer("b14-frechet-inplace-ridge", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    ridge = 1e-6 * np.eye(len(sigma1))
    sigma1 += ridge
    sigma2 += ridge
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['changes the arrays it is given'])


# ---------------------------------------------------------------- check_class_loss_halves, notebook 04

# RIGHT: D's class logits are the second output, D(images, y, classify=True)[1]; class_loss on the real images and on the fakes (not detached)
_answer("b14-halves-indexing", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    return d_half, g_half
''', True)

# RIGHT: the cross-entropy written as nll_loss of log_softmax over the class dimension
_answer("b14-halves-nll", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    def ce(class_logits):
        return F.nll_loss(F.log_softmax(class_logits, dim=1), y)

    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    return ce(real_classes), ce(fake_classes)
''', True)

# RIGHT: cross-entropy by hand: logsumexp of the class logits minus the logit of the asked class, batch mean
_answer("b14-halves-logsumexp", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    def ce(c):
        return (torch.logsumexp(c, dim=1) - c.gather(1, y.view(-1, 1)).squeeze(1)).mean()

    halves = []
    for images in (real, fake):
        _, class_logits = D(images, y, classify=True)
        halves.append(ce(class_logits))
    return tuple(halves)
''', True)

# RIGHT (course): one pass of D over real and fake images together: with batch norm in D the joint batch's statistics mix reals and fakes, so neither half is the class loss of its own batch as D computes it in training
_answer("b14-halves-joint-pass", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, class_logits = D(torch.cat([real, fake]), torch.cat([y, y]), classify=True)
    real_classes, fake_classes = class_logits.split(len(real))
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', True)

# MISTAKE: g_half from fake.detach(): the value is right but no gradient reaches G through the fakes
_answer("b14-halves-detached-fake", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake.detach(), y, classify=True)
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', False, words=['no gradient reaches the fakes'])

# MISTAKE: returns the halves in the order (g_half, d_half)
_answer("b14-halves-order-swapped", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    return g_half, d_half
''', False, words=['the halves are swapped'])

# MISTAKE: computes D's half under torch.no_grad ("D is only judging"): the value is right but D cannot learn from it
_answer("b14-halves-nograd-real", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():
        _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    return class_loss(real_classes, y), class_loss(fake_classes, y)
''', False, words=["D's half returns a tensor without"])

# MISTAKE: switches D to eval mode to read its classifier and leaves it there: batch norm then uses running statistics, in this call and in all training after it
_answer("b14-halves-eval-leak", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    D.eval()
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    return F.cross_entropy(real_classes, y), F.cross_entropy(fake_classes, y)
''', False, words=['leaves it there'])

# MISTAKE: softmax applied before F.cross_entropy, which applies its own log-softmax: a squashed, wrong loss
_answer("b14-halves-double-softmax", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    return (F.cross_entropy(F.softmax(real_classes, dim=1), y),
            F.cross_entropy(F.softmax(fake_classes, dim=1), y))
''', False, words=["D's half applies softmax before F"])

# ---------------------------------------------------------------- check_hinge_loss, notebook 09

# RIGHT: clamp(min=0) is max(0, .); G's loss as torch.mean of minus the scores
_answer("b14-hinge-clamp", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).clamp(min=0).mean() + (1 + fake_scores).clamp(min=0).mean()


def my_hinge_g_loss(fake_scores):
    return torch.mean(-fake_scores)
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT: torch.maximum against zeros_like; G's mean written as sum over numel
_answer("b14-hinge-maximum", "check_hinge_loss", "d_hinge", '''
def d_hinge(real_scores, fake_scores):
    zero_r, zero_f = torch.zeros_like(real_scores), torch.zeros_like(fake_scores)
    return torch.maximum(zero_r, 1 - real_scores).mean() + torch.maximum(zero_f, 1 + fake_scores).mean()


def g_hinge(fake_scores):
    return -(fake_scores.sum() / fake_scores.numel())
''', True, args={"generator_name": "g_hinge"})

# RIGHT: in-place relu_ only on the fresh tensors 1 - s and 1 + s (safe for autograd and for the caller's scores); G's loss as mean().neg()
_answer("b14-hinge-relu-inplace", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.relu_(1 - real_scores).mean() + torch.relu_(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean().neg()
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT: one mean over the elementwise sum of both hinges: equals the sum of the two means for equal batch sizes, as in every step of the course; fragile only for unequal sizes
_answer("b14-hinge-joint-mean", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (F.relu(1 - real_scores) + F.relu(1 + fake_scores)).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args={"generator_name": "my_hinge_g_loss"})

# MISTAKE: puts a hinge on G's loss too, mean max(0, 1 - score): G stops pulling once fakes pass the margin (the notebook's G loss is linear)
_answer("b14-hinge-g-hinged", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=["that is D's hinge applied to"])

# MISTAKE: the margins on the wrong sides: max(0, 1 + real) + max(0, 1 - fake) teaches D to score fakes high
_answer("b14-hinge-sides-swapped", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['real and fake are swapped'])

# MISTAKE: the hinge of the mean score instead of the mean of the hinges (one image far beyond the margin hides others inside it)
_answer("b14-hinge-mean-inside", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores.mean()) + F.relu(1 + fake_scores.mean())


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['taken of the batch mean'])

# MISTAKE: Python's max(0, tensor): 'Boolean value of Tensor ... is ambiguous' for any batch larger than one (and even for one, the int 0 has no .mean() once the score is past the margin)
_answer("b14-hinge-python-max", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return max(0, 1 - real_scores).mean() + max(0, 1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=["Python's max(0, t)"])

# MISTAKE: G's loss without the minus sign: G would lower D's scores of its own fakes
_answer("b14-hinge-g-sign", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1.0 - real_scores).mean() + F.relu(1.0 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['the sign is flipped'])


# ---------------------------------------------------------------- check_critic, notebook 09

# RIGHT: the asked layers in an nn.Sequential; a final nn.Flatten(0) turns (B, 1) into (B,) (also for a batch of one)
_answer("b14-critic-flatten0", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
        nn.Flatten(0),
    )
''', True)

# RIGHT: a module class with the course's call signature forward(x, y=None); scores by view(-1); a new net on every call
_answer("b14-critic-class", "check_critic", "make_critic", '''
class _Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True),
                                  nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True))
        self.score = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x, y=None):
        return self.score(self.body(x).flatten(1)).view(-1)


def make_critic():
    return _Critic()
''', True)

# RIGHT: adds a per-image layer norm (GroupNorm with one group) after the second convolution, the normalisation the notebook says WGAN-GP's paper suggests in place of batch norm: each image is still judged alone; more than the minimal net asked, not less
_answer("b14-critic-layer-norm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.GroupNorm(1, 64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(3136, 1), nn.Flatten(0),
    )
''', True)

# RIGHT: a tiny module that squeezes the last dimension only (squeeze(-1)), so a batch of one stays (1,)
_answer("b14-critic-squeeze-last", "check_critic", "make_critic", '''
class _SqueezeLast(nn.Module):
    def forward(self, x):
        return x.squeeze(-1)


def make_critic():
    layers = []
    for c_in, c_out in ((1, 32), (32, 64)):
        layers += [nn.Conv2d(c_in, c_out, 4, 2, 1), nn.LeakyReLU(negative_slope=0.2)]
    layers += [nn.Flatten(start_dim=1), nn.Linear(64 * 7 * 7, 1), _SqueezeLast()]
    return nn.Sequential(*layers)
''', True)

# MISTAKE: batch norm after the second convolution, copied from the DCGAN D: a critic must judge each image on its own
_answer("b14-critic-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, words=['the critic has batch norm'])

# MISTAKE: a sigmoid at the end: the critic gives free scores, not probabilities
_answer("b14-critic-sigmoid", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0),
    )
''', False, words=['Sigmoid'])

# MISTAKE: squeeze() with no dimension: right for B > 1, but a batch of one gives a 0-d score instead of shape (1,)
_answer("b14-critic-squeeze-all", "check_critic", "make_critic", '''
class _Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1),
                                 nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x, y=None):
        return self.net(x).squeeze()


def make_critic():
    return _Critic()
''', False, words=['a batch of one image'])

# MISTAKE: builds the critic once and returns the same module on every call: two critics share their weights (state leaks between calls and between runs)
_answer("b14-critic-singleton", "check_critic", "make_critic", '''
_CRITIC = None


def make_critic():
    global _CRITIC
    if _CRITIC is None:
        _CRITIC = nn.Sequential(
            nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
        )
    return _CRITIC
''', False, words=['returns the same net every time'])

# RIGHT (course): nn.LeakyReLU() with its default slope 0.01 instead of the 0.2 asked
_answer("b14-critic-default-slope", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# ---------------------------------------------------------------- check_gradient_penalty, notebook 09

# RIGHT: x_hat = torch.lerp(fake, real, eps) = eps * real + (1 - eps) * fake from detached ends, eps one per image on real's device
_answer("b14-gp-lerp", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1, device=real.device)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: grad_outputs=ones instead of .sum(), per-image norm with torch.linalg.vector_norm
_answer("b14-gp-grad-outputs", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    b = len(real)
    eps = torch.rand(b, 1, 1, 1, device=real.device, dtype=real.dtype)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    scores = D(x_hat)
    grad, = torch.autograd.grad(outputs=scores, inputs=x_hat, grad_outputs=torch.ones_like(scores),
                                create_graph=True)
    slopes = torch.linalg.vector_norm(grad.reshape(b, -1), dim=1)
    return (slopes - 1).pow(2).mean()
''', True)

# RIGHT: x_hat = eps * fake + (1 - eps) * real: with eps ~ U[0, 1] this is the same distribution of points on the same lines, so the same penalty in expectation (fragile only against a check that replays the exact random numbers)
_answer("b14-gp-weights-mirrored", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * fake.detach() + (1 - eps) * real.detach()).requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.reshape(len(grad), -1).norm(2, dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: eps drawn as a vector and reshaped to (B, 1, ..., 1) for any image rank; a 1e-12 inside the square root keeps the norm's gradient finite at 0 (a negligible change of the value)
_answer("b14-gp-eps-reshaped", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), device=real.device).view(-1, *([1] * (real.dim() - 1)))
    x_hat = (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    norms = torch.sqrt(grad.flatten(1).pow(2).sum(1) + 1e-12)
    return (norms - 1).pow(2).mean()
''', True)

# MISTAKE: one eps for the whole batch (torch.rand(1)): every interpolate sits at the same fraction of its line
_answer("b14-gp-one-eps", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['one eps is used for the'])

# MISTAKE: eps per pixel (rand_like): the points are not on the lines between real and fake images
_answer("b14-gp-eps-per-pixel", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the points are not on the'])

# MISTAKE: no create_graph=True: the penalty is a constant to D's weights and cannot train D
_answer("b14-gp-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty has no gradient'])

# MISTAKE: one norm over the whole batch's gradient (grad.norm()) instead of one per image
_answer("b14-gp-batch-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, words=['whole batch at once'])

# MISTAKE: interpolates not detached (requires_grad_ only when needed): when the fakes carry G's graph, the penalty's gradient flows back into G
_answer("b14-gp-not-detached", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device)
    x_hat = eps * real + (1 - eps) * fake
    if not x_hat.requires_grad:
        x_hat.requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=["keeps the fakes' graph"])
