"""Blind round 13: 247 answers to every check in the notebooks, by a helper who had seen neither the checks nor the
batteries (written from the student notebooks alone), with the verdicts they gave, except ten where the course reads
the answer otherwise. Nine they called wrong are right by the course's rules: the log of a sigmoid (told with a note),
1.4 for 2 ln 2 and 404.4 for e^6 (rounded as the question allows, within its 1%), random labels for the fakes
(notebook 02 allows them), upsampling + convolution, a slerp that returns a NumPy array (told with a note), and three
critics of another valid design (ReLU, LeakyReLU's default slope, max pooling). One they called right is wrong by the
course's: a bias in the convolution before BatchNorm (the block check asks for none)."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

# RIGHT: the textbook answer, BCE with logits against ones and zeros, batch means, summed
_answer("b13-dloss-bce-logits", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', True)

# RIGHT: nn.BCEWithLogitsLoss module, targets made with full_like, the loss object built inside
_answer("b13-dloss-module", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    criterion = nn.BCEWithLogitsLoss()
    return criterion(real_logits, torch.full_like(real_logits, 1.0)) + criterion(fake_logits, torch.full_like(fake_logits, 0.0))
''', True)

# RIGHT: written out by hand with softplus: -log sigmoid(r) = softplus(-r), -log(1 - sigmoid(f)) = softplus(f)
_answer("b13-dloss-softplus", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# RIGHT: logsigmoid form, -E[log D(x)] - E[log(1 - D(G(z)))] with 1 - sigmoid(f) = sigmoid(-f), stable
_answer("b13-dloss-logsigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())
''', True)

# RIGHT: PyTorch DCGAN tutorial style, nn.BCELoss on sigmoid outputs; BCELoss clamps its logs at -100 so it never gives inf, and it agrees with the logits form wherever float32 sigmoid does not round to 0 or 1 (|logit| < ~16): less stable than asked, but right in practice (the official tutorial trains this way)
_answer("b13-dloss-tutorial-bceloss", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    criterion = nn.BCELoss()
    d_real, d_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    err_real = criterion(d_real, torch.ones_like(d_real))
    err_fake = criterion(d_fake, torch.zeros_like(d_fake))
    return err_real + err_fake
''', True)

# RIGHT: the helper-function student: one BCE-with-logits helper for a constant target, used twice
_answer("b13-dloss-helper", "check_discriminator_loss", "my_discriminator_loss", '''
def _bce_to(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, float(target)), reduction="mean")

def my_discriminator_loss(real_logits, fake_logits):
    return _bce_to(real_logits, 1) + _bce_to(fake_logits, 0)
''', True)

# RIGHT: the stable elementwise BCE formula written out, max(l,0) - l*t + log(1 + exp(-|l|))
_answer("b13-dloss-stable-formula", "check_discriminator_loss", "my_discriminator_loss", '''
def _bce(l, t):
    return (l.clamp(min=0) - l * t + torch.log1p(torch.exp(-l.abs()))).mean()

def my_discriminator_loss(real_logits, fake_logits):
    return _bce(real_logits, 1.0) + _bce(fake_logits, 0.0)
''', True)

# MISTAKE: the labels swapped: real images against 0 and fakes against 1
_answer("b13-dloss-swapped-labels", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real + fake
''', False, words=['real and fake are swapped'])

# MISTAKE: halved, (real + fake) / 2 as in pix2pix/CycleGAN: 0.693 at indifference, not 2 ln 2 as the notebook's table says
_answer("b13-dloss-halved", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real + fake) / 2
''', False, words=["is half of D's loss"])

# MISTAKE: one BCE over the concatenated batch: a mean over 2B logits, half the asked-for sum of two batch means
_answer("b13-dloss-concat-mean", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, words=["is half of D's loss"])

# MISTAKE: F.binary_cross_entropy (for probabilities) applied to raw logits: errors or nonsense outside [0, 1]
_answer("b13-dloss-bce-on-logits", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=['takes probabilities, and D returns logits'])

# RIGHT (course): naive log(1 - sigmoid(f)): float32 sigmoid rounds to 1 above a logit of ~17, the loss becomes inf (not stable on logits as asked)
_answer("b13-dloss-naive-log", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real, d_fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
''', True)

# MISTAKE: one-sided label smoothing (real target 0.9, Salimans et al.): a real trick, but not the loss asked for (1.386 is not its value at 0)
_answer("b13-dloss-label-smoothing", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.full_like(real_logits, 0.9))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=['one-sided label smoothing'])

# MISTAKE: targets built on the CPU with torch.ones(shape): works on a CPU, crashes for logits on a GPU (notebook 01 trains on pick_device())
_answer("b13-dloss-cpu-targets", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones(real_logits.shape))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros(fake_logits.shape))
    return real + fake
''', False, words=['on the CPU'])


# RIGHT: the non-saturating loss as BCE with logits of the fakes against 1
_answer("b13-gloss-bce-logits", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', True)

# RIGHT: by hand, -log sigmoid(f) = softplus(-f), batch mean
_answer("b13-gloss-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

# RIGHT: -mean(logsigmoid(f)), the stable log D(G(z))
_answer("b13-gloss-logsigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
''', True)

# RIGHT: PyTorch DCGAN tutorial style, nn.BCELoss on sigmoid outputs against real labels (BCELoss clamps its log at -100, so no inf; equal to the logits form until float32 sigmoid underflows, far beyond the logits training meets)
_answer("b13-gloss-tutorial-bceloss", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    output = torch.sigmoid(fake_logits).view(-1)
    label = torch.full((output.size(0),), 1.0, dtype=torch.float, device=output.device)
    return nn.BCELoss()(output, label)
''', True)

# RIGHT: log1p(exp(-f)) written out; fine for the logits a discriminator gives (overflow only below about -88)
_answer("b13-gloss-log1p", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return torch.log1p(torch.exp(-fake_logits)).mean()
''', True)

# MISTAKE: the saturating minimax loss log(1 - D(G(z))) = -softplus(f): the loss notebook 01 explains G must not use
_answer("b13-gloss-saturating", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.softplus(fake_logits).mean()
''', False, words=['saturating loss'])

# MISTAKE: the fakes against 0 (D's target for fakes): G would learn to look fake
_answer("b13-gloss-target-zero", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=["G's loss uses the target 0"])

# MISTAKE: sign dropped: mean log D(G(z)) is what G maximises, minimising it makes the fakes worse
_answer("b13-gloss-no-minus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.logsigmoid(fake_logits).mean()
''', False, words=['the sign is flipped'])

# MISTAKE: the score loss of hinge/Wasserstein GANs, -mean(f), not the non-saturating cross-entropy
_answer("b13-gloss-score", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -fake_logits.mean()
''', False, words=["that is the Wasserstein generator's loss"])

# MISTAKE: no batch mean: returns one loss per fake, shape (B,), not a number
_answer("b13-gloss-no-mean", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="none")
''', False, words=['must return one number'])

# MISTAKE: sigmoid applied twice: BCE-with-logits on sigmoid outputs (value 0.474 at logit 0, not ln 2, and a squashed gradient)
_answer("b13-gloss-double-sigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    probs = torch.sigmoid(fake_logits)
    return F.binary_cross_entropy_with_logits(probs, torch.ones_like(probs))
''', False, words=['sigmoid is applied twice'])


# ---- notebook 00: D* where p_g = p_data
# RIGHT: D* = p / (p + p) = 1/2
_answer("b13-num-dstar-half", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 0.5
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# RIGHT: written as the formula with equal densities, p / (p + p)
_answer("b13-num-dstar-formula", "check_answer", "optimal_d_when_pg_equals_pdata", '''
p = 0.37
optimal_d_when_pg_equals_pdata = p / (p + p)
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# MISTAKE: 0, "D calls everything fake"
_answer("b13-num-dstar-zero", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 0.0
''', False, args={"answer_name": "optimal_d_when_pg_equals_pdata"}, words=["D's logit"])

# ---- notebook 00: D's loss when every logit is 0
# RIGHT: ln 2 + ln 2 = 2 ln 2
_answer("b13-num-lossd0-2ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log(2)
''', True, args={"answer_name": "loss_d_at_indifference"})

# RIGHT: ln 4, the same number
_answer("b13-num-lossd0-ln4", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = math.log(4)
''', True, args={"answer_name": "loss_d_at_indifference"})

# RIGHT: computed with the loss itself on zero logits, as a float
_answer("b13-num-lossd0-computed", "check_answer", "loss_d_at_indifference", '''
_z = torch.zeros(8)
loss_d_at_indifference = discriminator_loss(_z, _z).item()
''', True, args={"answer_name": "loss_d_at_indifference"})

# RIGHT: rounded to three significant figures, as the notebooks print it (1.39 against 1.386: 0.3%)
_answer("b13-num-lossd0-rounded", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 1.39
''', True, args={"answer_name": "loss_d_at_indifference"})

# MISTAKE: only one of the two halves, ln 2 (that is G's loss at indifference)
_answer("b13-num-lossd0-ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = math.log(2)
''', False, args={"answer_name": "loss_d_at_indifference"}, words=["one half of D's loss"])

# MISTAKE: base-10 logarithm, 2 log10(2) = 0.602
_answer("b13-num-lossd0-log10", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log10(2)
''', False, args={"answer_name": "loss_d_at_indifference"}, words=['base 10'])

# RIGHT (course): rounded too far, 1.4 (1% off)
_answer("b13-num-lossd0-1p4", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 1.4
''', True, args={"answer_name": "loss_d_at_indifference"})

# ---- notebook 01: the value of the game at the optimum
# RIGHT: V(D*, G*) = log 1/2 + log 1/2 = -log 4
_answer("b13-num-vopt-minus-ln4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = -math.log(4)
''', True, args={"answer_name": "value_at_the_optimum"})

# RIGHT: written as two log-halves
_answer("b13-num-vopt-two-halves", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = math.log(0.5) + math.log(1 - 0.5)
''', True, args={"answer_name": "value_at_the_optimum"})

# MISTAKE: sign lost: +log 4 is D's loss, not the value V
_answer("b13-num-vopt-plus", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = math.log(4)
''', False, args={"answer_name": "value_at_the_optimum"}, words=['the sign is flipped'])

# MISTAKE: only one term, log(1/2)
_answer("b13-num-vopt-one-term", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = math.log(0.5)
''', False, args={"answer_name": "value_at_the_optimum"}, words=['that is one of the two'])

# ---- notebook 02: class KL of one class out of ten
# RIGHT: sum p ln(p / 0.1) with p = 1 for one class: ln 10
_answer("b13-num-kl1-ln10", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log(10)
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# MISTAKE: bits instead of nats, log2(10) = 3.32
_answer("b13-num-kl1-log2", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log2(10)
''', False, args={"answer_name": "kl_for_one_class_of_ten"}, words=['base 2'])

# MISTAKE: base-10 logarithm, 1
_answer("b13-num-kl1-log10", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log10(10)
''', False, args={"answer_name": "kl_for_one_class_of_ten"}, words=['base 10'])


# ---- notebook 03: receptive field of one unit of D's second convolution (kernel 4, stride 2, twice)
# RIGHT: 4 + (4 - 1) * 2 = 10 pixels on a side
_answer("b13-num-rf-10", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 10
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# MISTAKE: only the first layer's kernel, 4
_answer("b13-num-rf-4", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4
''', False, args={"answer_name": "dcgan_28_receptive_field"}, words=["that is one 4x4 convolution's view"])

# MISTAKE: kernel times stride, 4 * 2 = 8 (the overlap of neighbouring windows forgotten)
_answer("b13-num-rf-8", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 8
''', False, args={"answer_name": "dcgan_28_receptive_field"}, words=['widens the view by (4 - 1) * 2'])

# ---- notebook 05: length of 3/4 z0 + 1/4 z1 in 100 dimensions
# RIGHT: each coordinate has variance 9/16 + 1/16 = 10/16, so the length is about sqrt(100 * 10 / 16) = 7.91
_answer("b13-num-quarter-sqrt", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = math.sqrt(100 * (0.75 ** 2 + 0.25 ** 2))
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# RIGHT: the mean of the chi distribution with 100 degrees of freedom (9.975) times sqrt(10/16): 7.886, a "typical length" 0.25% below sqrt(62.5)
_answer("b13-num-quarter-chi-mean", "check_answer", "length_at_a_quarter_of_the_line", '''
_mean_chi = math.sqrt(2) * math.exp(math.lgamma(50.5) - math.lgamma(50))
length_at_a_quarter_of_the_line = _mean_chi * math.sqrt(10 / 16)
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: 10, as if every point of the straight line kept the ends' length
_answer("b13-num-quarter-10", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 10.0
''', False, args={"answer_name": "length_at_a_quarter_of_the_line"}, words=["that is an end's length"])

# MISTAKE: the length scaled by z0's weight alone, 0.75 * 10 = 7.5 (z1's independent quarter forgotten)
_answer("b13-num-quarter-7p5", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 0.75 * 10
''', False, args={"answer_name": "length_at_a_quarter_of_the_line"}, words=['as if z1 added nothing'])

# MISTAKE: the squared length, 62.5, not the length
_answer("b13-num-quarter-squared", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 100 * (0.75 ** 2 + 0.25 ** 2)
''', False, args={"answer_name": "length_at_a_quarter_of_the_line"}, words=['that is the squared length, 100'])

# ---- notebook 06: conditional accuracy of a label-blind generator
# RIGHT: the class drawn matches the class asked for one time in ten
_answer("b13-num-blind-0p1", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 0.1
''', True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: a percentage, 10
_answer("b13-num-blind-percent", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 10
''', False, args={"answer_name": "accuracy_of_a_label_blind_generator"}, words=['accuracy is a fraction of the'])

# ---- notebook 08: Inception Score of five sure, equally frequent classes
# RIGHT: KL(one-hot || uniform over 5) = ln 5 for every image, exp(ln 5) = 5
_answer("b13-num-is-5", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = 5
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# RIGHT: computed from the definition with ten classes, five of them empty
_answer("b13-num-is-computed", "check_answer", "inception_score_of_five_sure_classes", '''
_p_y = np.array([0.2] * 5 + [0.0] * 5)
_kl = sum(np.log(1.0 / _p_y[c]) for c in range(5)) / 5
inception_score_of_five_sure_classes = float(np.exp(_kl))
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: the exponent without exp: ln 5 = 1.61
_answer("b13-num-is-ln5", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = math.log(5)
''', False, args={"answer_name": "inception_score_of_five_sure_classes"}, words=['that is the KL itself, ln'])

# MISTAKE: "sure of every image, so the maximum": 10
_answer("b13-num-is-10", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = 10
''', False, args={"answer_name": "inception_score_of_five_sure_classes"}, words=['this generator draws five'])

# ---- notebook 10: class KL of two equally frequent digits
# RIGHT: 2 * 0.5 * ln(0.5 / 0.1) = ln 5
_answer("b13-num-kl2-ln5", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = math.log(5)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# RIGHT: ln 10 - ln 2, the same number
_answer("b13-num-kl2-diff", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = math.log(10) - math.log(2)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: only one of the two terms, 0.5 ln 5 = 0.80
_answer("b13-num-kl2-one-term", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = 0.5 * math.log(0.5 / 0.1)
''', False, args={"answer_name": "class_kl_of_two_equal_classes"}, words=['that is half the answer'])

# ---- notebook 10: slope ratio (1 - sigma(s)) / sigma(s) at s = -6
# RIGHT: the ratio is e^{-s}, at s = -6: e^6 = 403.4
_answer("b13-num-slope-exp6", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = math.exp(6)
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# RIGHT: computed from the sigmoid with torch, as a float
_answer("b13-num-slope-torch", "check_answer", "slope_ratio_at_logit_minus_6", '''
_s = torch.sigmoid(torch.tensor(-6.0, dtype=torch.float64))
slope_ratio_at_logit_minus_6 = ((1 - _s) / _s).item()
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: the inverse ratio, e^-6 = 0.0025 (how much flatter, not steeper)
_answer("b13-num-slope-inverse", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = math.exp(-6)
''', False, args={"answer_name": "slope_ratio_at_logit_minus_6"}, words=['that is the ratio upside down,'])

# MISTAKE: 1 / sigma(s) instead of (1 - sigma(s)) / sigma(s): 1 + e^6 = 404.4, the wrong formula (once accepted within
# 1%; tester round 22b: the check names it now)
_answer("b13-num-slope-one-over-sigma", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = 1 / (1 / (1 + math.exp(6)))
''', False, ["1 / sigmoid(-6)"], args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: from the notebook's rounded D(G(z)) = 0.0025: (1 - 0.0025) / 0.0025 = 399, 1% off the exact e^6
_answer("b13-num-slope-rounded-prob", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = (1 - 0.0025) / 0.0025
''', False, args={"answer_name": "slope_ratio_at_logit_minus_6"}, words=['rounded to 0.0025'])


# RIGHT: the course's plan: one batch of fakes, D on x and fake.detach(), then G against the updated D with D frozen
_step("b13-step-u-course-style", "my_train_step", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))

def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# RIGHT: the official PyTorch DCGAN tutorial's loop body: netD.zero_grad(), nn.BCELoss on sigmoid outputs, two backward calls for D, D not frozen for G's update (its stray gradients are cleared by D.zero_grad() before D next steps)
_step("b13-step-u-tutorial", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    criterion = nn.BCELoss()
    b_size = x.size(0)
    D.zero_grad()
    label = torch.full((b_size,), 1.0, dtype=torch.float, device=x.device)
    output = torch.sigmoid(D(x, y)).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = output.mean()
    noise = torch.randn(b_size, G.latent_dim, device=x.device)
    fake = G(noise, y)
    label.fill_(0.0)
    output = torch.sigmoid(D(fake.detach(), y)).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = output.mean()
    errD = errD_real + errD_fake
    opt_d.step()
    G.zero_grad()
    label.fill_(1.0)
    output = torch.sigmoid(D(fake, y)).view(-1)
    errG = criterion(output, label)
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
''', True, setting="unconditional")

# RIGHT: Goodfellow et al.'s Algorithm 1: fresh noise for G's update, hand-written softplus losses, D frozen with requires_grad_
_step("b13-step-u-fresh-fakes", "my_train_step", '''
def _d_loss(r, f):
    return F.softplus(-r).mean() + F.softplus(f).mean()

def _g_loss(f):
    return F.softplus(-f).mean()

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = x.shape[0]
    fake = G(torch.randn(n, G.latent_dim, device=x.device), y).detach()
    opt_d.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = _d_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = _g_loss(D(G(torch.randn(n, G.latent_dim, device=x.device), y), y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    with torch.no_grad():
        d_real, d_fake = real_logits.sigmoid().mean(), fake_logits.sigmoid().mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True, setting="unconditional")

# RIGHT: real and fake judged in one call of D on the concatenated batch; identical to two calls for notebook 01's MLP D, which has no batch norm (with a batch-norm D the two halves would share statistics: fragile there, fine here)
_step("b13-step-u-concat-batch", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = len(x)
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)
    labels = None if y is None else torch.cat([y, y])
    opt_d.zero_grad()
    logits = D(torch.cat([x, fake.detach()]), labels)
    real_logits, fake_logits = logits[:b], logits[b:]
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    probs = torch.sigmoid(logits.detach())
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": probs[:b].mean(), "d_fake": probs[b:].mean()}
''', True, setting="unconditional")

# RIGHT: fakes for D made under torch.no_grad(), G's update with a fresh batch of noise (the notebook allows either)
_step("b13-step-u-nograd-fakes", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    with torch.no_grad():
        fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    for p in D.parameters():
        p.requires_grad = False
    loss_g = generator_loss(D(G(z, y), y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=torch.sigmoid(real_logits.detach()).mean(), d_fake=torch.sigmoid(fake_logits.detach()).mean())
''', True, setting="unconditional")

# RIGHT: the student who read ganlib/step.py and uses its frozen() context manager for G's update
_step("b13-step-u-frozen-ctx", "my_train_step", '''
from ganlib.step import frozen

def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    with frozen(D):
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="unconditional")

# RIGHT: both optimisers zeroed at the start, D not frozen (G's loss leaves gradients in D, but D does not step again this step, and they are zeroed next time)
_step("b13-step-u-zero-both-first", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# RIGHT: d_fake read after D's update (the tutorial's D_G_z2) rather than before; the notebook asks for "the mean probability D gives the fake images" without saying which of the two judgements, so either reading is defensible
_step("b13-step-u-dfake-after", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# RIGHT: no detach, but retain_graph and G's gradients zeroed just before G's backward: D's loss reaches G's weights and is wiped before G steps, so the update is the right one (wasteful; fragile if the zero_grad moves)
_step("b13-step-u-nodetach-zeroed", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# MISTAKE: fake not detached for D's update, then reused for G: D's backward frees G's graph and G's backward fails
_step("b13-step-u-nodetach-reuse", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
''', False, setting="unconditional", words=['not detached'])

# MISTAKE: no detach and both optimisers zeroed only at the start: D's loss gradient leaks into G's update
_step("b13-step-u-nodetach-leak", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=["G's update also carries the gradient"])

# MISTAKE: stale output: D's judgement of the fakes for G is computed before D's optimiser step and used after it (the in-place weight update breaks its graph; and it is not "the updated D's judgement" anyway)
_step("b13-step-u-stale-logits", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    logits_for_g = D(fake, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(logits_for_g)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=["you used D's output from before"])

# MISTAKE: the logits detached instead of the images: D's loss on the fakes becomes a constant, D never learns to reject them
_step("b13-step-u-detach-logits", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean()}
''', False, setting="unconditional", words=["D's fake logits are detached"])

# MISTAKE: opt_g.zero_grad() forgotten: G's gradients accumulate over steps (leftovers from the previous step leak in)
_step("b13-step-u-no-zero-g", "my_train_step", '''
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
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=["G's gradients are never zeroed before"])

# MISTAKE: opt_d.zero_grad() forgotten, D not frozen: D steps on its loss plus G's loss gradient left from the previous step
_step("b13-step-u-no-zero-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=["D's update carries gradients left in"])

# MISTAKE: zero_grad between backward and step: each optimiser steps on zeroed (or no) gradients, nothing learns
_step("b13-step-u-zero-before-step", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.zero_grad()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.zero_grad()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=['zero_grad() goes before backward()'])

# MISTAKE: one backward of loss_d + loss_g and both steps: D also descends G's loss, G's loss is judged by the old D
_step("b13-step-u-sum-backward", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_g = generator_loss(D(fake, y))
    (loss_d + loss_g).backward()
    opt_d.step()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=["D's update also carries the gradient"])

# MISTAKE: noise made on the CPU (no device=x.device): passes on a CPU, crashes on a GPU; the notebook asks for x's device
_step("b13-step-u-cpu-noise", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
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
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=['on the CPU'])

# MISTAKE: returns Python floats (.item()) where detached tensors are asked for
_step("b13-step-u-items", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
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
    return {"loss_d": loss_d.item(), "loss_g": loss_g.item(),
            "d_real": torch.sigmoid(real_logits).mean().item(), "d_fake": torch.sigmoid(fake_logits).mean().item()}
''', False, setting="unconditional", words=["'loss_d' is a float"])

# MISTAKE: D frozen for G's update and never unfrozen: from the next step on D cannot learn
_step("b13-step-u-never-unfrozen", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
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
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="unconditional", words=['D is still frozen from the'])


# RIGHT: notebook 01's step with y: G(z, y), D(x, y), D(fake.detach(), y), then D(fake, y) with D frozen
_step("b13-step-c-course-style", "my_conditional_step", '''
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
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# RIGHT: the PyTorch tutorial's loop with labels: BCELoss on sigmoids, errD_real and errD_fake backward separately
_step("b13-step-c-tutorial", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    criterion = nn.BCELoss()
    b = x.size(0)
    D.zero_grad()
    out_real = torch.sigmoid(D(x, y))
    errD_real = criterion(out_real, torch.ones(b, device=x.device))
    errD_real.backward()
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)
    out_fake = torch.sigmoid(D(fake.detach(), y))
    errD_fake = criterion(out_fake, torch.zeros(b, device=x.device))
    errD_fake.backward()
    opt_d.step()
    G.zero_grad()
    errG = criterion(torch.sigmoid(D(fake, y)), torch.ones(b, device=x.device))
    errG.backward()
    opt_g.step()
    return {"loss_d": (errD_real + errD_fake).detach(), "loss_g": errG.detach(),
            "d_real": out_real.mean().detach(), "d_fake": out_fake.mean().detach()}
''', True, setting="conditional")

# RIGHT: split into two helper functions, one per player, with torch.no_grad() for the probabilities
_step("b13-step-c-helpers", "my_conditional_step", '''
def _update_d(D, opt_d, x, fake, y):
    opt_d.zero_grad(set_to_none=True)
    r, f = D(x, y), D(fake.detach(), y)
    loss = discriminator_loss(r, f)
    loss.backward()
    opt_d.step()
    with torch.no_grad():
        return loss.detach(), torch.sigmoid(r).mean(), torch.sigmoid(f).mean()

def _update_g(D, opt_g, fake, y):
    opt_g.zero_grad(set_to_none=True)
    flags = [p.requires_grad for p in D.parameters()]
    D.requires_grad_(False)
    loss = generator_loss(D(fake, y))
    loss.backward()
    opt_g.step()
    for p, flag in zip(D.parameters(), flags):
        p.requires_grad_(flag)
    return loss.detach()

def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    loss_d, d_real, d_fake = _update_d(D, opt_d, x, fake, y)
    loss_g = _update_g(D, opt_g, fake, y)
    return {"loss_d": loss_d, "loss_g": loss_g, "d_real": d_real, "d_fake": d_fake}
''', True, setting="conditional")

# RIGHT: fresh fakes for G's update (Algorithm 1), asked for the same labels y of the real batch
_step("b13-step-c-fresh-fakes", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    b = len(x)
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y).detach()
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = generator_loss(D(G(torch.randn(b, G.latent_dim, device=x.device), y), y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="conditional")

# RIGHT (course): fakes asked for random labels instead of the labels of the real batch (the notebook asks for G(z, y))
_step("b13-step-c-random-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y_fake = torch.randint(0, G.n_classes, (len(x),), device=x.device)
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y_fake)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y_fake)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y_fake))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# MISTAKE: the fakes judged without their labels in D's update, D(fake.detach()): a conditional D needs y
_step("b13-step-c-fake-no-label", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['the nets are conditional, so each'])

# MISTAKE: notebook 01's step pasted unchanged: G(z) without the label
_step("b13-step-c-g-no-label", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
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
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['the nets are conditional, so each'])

# MISTAKE: each fake judged with a shuffled label, not the one it was made for
_step("b13-step-c-shuffled-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    y_other = y[torch.randperm(len(y), device=y.device)]
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y_other)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y_other))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['D judges the fakes with other'])

# MISTAKE: the players in the wrong order: G updated first against the old D, then D
_step("b13-step-c-g-first", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['G is updated before D'])

# MISTAKE: D(x, y) computed under torch.no_grad() "to save memory": the real half of D's loss gives D no gradient
_step("b13-step-c-nograd-real", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    with torch.no_grad():
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=["only the fake half is in D's loss"])


# RIGHT: the notebook's recipe written out: x requires grad before D sees it, autograd.grad of the summed logits with create_graph, per-image squared norm averaged, gamma / 2 times it, loss_d reported without it
_step("b13-step-r1-explicit", "my_dcgan_step", '''
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
        penalty = grad.pow(2).flatten(1).sum(1).mean()
        total = loss_d + r1_gamma / 2 * penalty
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: the course's r1_penalty(real_logits, x) from ganlib.losses, as the notebook invites
_step("b13-step-r1-library", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    x = x.detach().requires_grad_(True) if r1_gamma else x
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: grad_outputs=ones instead of .sum(), and the squared norm via norm(dim=1) ** 2
_step("b13-step-r1-grad-outputs", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x_r = x.detach().requires_grad_(r1_gamma > 0)
    real_logits = D(x_r, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma > 0:
        g = torch.autograd.grad(outputs=real_logits, inputs=x_r, grad_outputs=torch.ones_like(real_logits),
                                create_graph=True, retain_graph=True)[0]
        loss = loss + 0.5 * r1_gamma * (g.reshape(g.shape[0], -1).norm(dim=1) ** 2).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: the penalty backpropagated on its own (retain_graph on the first backward), the gradients add up before one D step
_step("b13-step-r1-two-backward", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    D.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=bool(r1_gamma))
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        (r1_gamma / 2 * grad.pow(2).sum() / len(x)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: no "if": the penalty computed on every call and multiplied by r1_gamma (zero when the loop passes 0): wasteful, correct
_step("b13-step-r1-always", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
    r1 = grad.square().sum(dim=[1, 2, 3]).mean()
    (loss_d + r1_gamma * 0.5 * r1).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: x.requires_grad_(True) on the batch itself, without detach: the loop's batch is a leaf that needs no gradient, so it works the same (it flips the caller's tensor in place: harmless here, but the notebook's detach is cleaner)
_step("b13-step-r1-inplace-x", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x.requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad = torch.autograd.grad(real_logits.sum(), x, create_graph=True)[0]
        loss = loss + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# MISTAKE: requires_grad switched on after D has seen x: x is not in the graph, autograd.grad fails
_step("b13-step-r1-late-requires-grad", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        x = x.detach().requires_grad_(True)
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss = loss + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['you asked for the gradient with'])

# MISTAKE: create_graph forgotten: the slope is a constant to D's weights, the penalty adds a number and trains nothing
_step("b13-step-r1-no-create-graph", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        loss = loss + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['the R1 gradient was taken without'])

# MISTAKE: gamma times the penalty, not gamma / 2: twice the asked-for weight
_step("b13-step-r1-no-half", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss = loss + r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['the R1 term is r1_gamma times'])

# MISTAKE: the gradient of the mean logit, not the sum: each image's slope is divided by the batch size, the penalty by its square
_step("b13-step-r1-mean-logits", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.mean(), x, create_graph=True)
        loss = loss + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['the R1 gradient was taken of'])

# MISTAKE: grad.pow(2).mean(): averaged over the pixels too, a penalty hundreds of times too small
_step("b13-step-r1-pixel-mean", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss = loss + r1_gamma / 2 * grad.pow(2).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['the R1 penalty averages the squared'])

# MISTAKE: the slope taken at the fakes, not at the real images (R1 is about the data)
_step("b13-step-r1-at-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    f = fake.detach().requires_grad_(bool(r1_gamma))
    fake_logits = D(f, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), f, create_graph=True)
        loss = loss + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['the R1 penalty is taken at'])

# MISTAKE: loss_d reported with the penalty included; the notebook asks for it without, as the course's step does
_step("b13-step-r1-report-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=["'loss_d' includes the R1 penalty"])

# MISTAKE: r1_gamma accepted and ignored: notebook 01's step with no penalty
_step("b13-step-r1-ignored", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=["D's loss has no R1 penalty"])


# RIGHT: notebook 02's step; with class_weight, D(..., classify=True) gives class logits; the class loss joins D's loss on the real images and G's on the fakes; loss_d and loss_g reported without the class terms
_step("b13-step-cls-course-style", "my_step", '''
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
    opt_g.zero_grad()
    D.requires_grad_(False)
    if class_weight:
        logits_g, class_logits_g = D(fake, y, classify=True)
        naming_g = class_weight * class_loss(class_logits_g, y)
    else:
        logits_g, naming_g = D(fake, y), 0.0
    loss_g = generator_loss(logits_g)
    (loss_g + naming_g).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# RIGHT: tutorial style (D.zero_grad(), BCELoss on sigmoids, separate backward calls) with F.cross_entropy for the class terms
_step("b13-step-cls-tutorial", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    bce = nn.BCELoss()
    b = x.size(0)
    ones, zeros = torch.ones(b, device=x.device), torch.zeros(b, device=x.device)
    D.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    errD_real = bce(torch.sigmoid(real_logits), ones)
    (errD_real + class_weight * F.cross_entropy(class_logits, y)).backward()
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)
    fake_logits = D(fake.detach(), y)
    errD_fake = bce(torch.sigmoid(fake_logits), zeros)
    errD_fake.backward()
    opt_d.step()
    G.zero_grad()
    out_logits, out_class = D(fake, y, classify=True)
    errG = bce(torch.sigmoid(out_logits), ones)
    (errG + class_weight * F.cross_entropy(out_class, y)).backward()
    opt_g.step()
    return {"loss_d": (errD_real + errD_fake).detach(), "loss_g": errG.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# RIGHT: a helper in the style of the course's _judge: logits plus weighted class loss, 0 when the weight is 0
_step("b13-step-cls-judge-helper", "my_step", '''
def _judge(D, images, y, w):
    if not w:
        return D(images, y), torch.zeros(())
    logits, class_logits = D(images, y, classify=True)
    return logits, w * F.cross_entropy(class_logits, y)

def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, naming = _judge(D, x, y, class_weight)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    for p in D.parameters():
        p.requires_grad_(False)
    logits_g, naming_g = _judge(D, fake, y, class_weight)
    loss_g = generator_loss(logits_g)
    (loss_g + naming_g).backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    with torch.no_grad():
        return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
                "d_real": real_logits.sigmoid().mean(), "d_fake": fake_logits.sigmoid().mean()}
''', True, setting="class")

# RIGHT: D called a second time on the real images for the class logits instead of reusing the first call (one forward more than needed; same gradients, as the small conditional nets here have no batch norm)
_step("b13-step-cls-second-call", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    extra_d = class_weight * class_loss(D(x, y, classify=True)[1], y) if class_weight else 0.0
    (loss_d + extra_d).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits_g = D(fake, y)
    loss_g = generator_loss(logits_g)
    extra_g = class_weight * class_loss(D(fake, y, classify=True)[1], y) if class_weight else 0.0
    (loss_g + extra_g).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# MISTAKE: AC-GAN proper: D's class loss also on the fakes; the notebook's D learns the classes from real images only
_step("b13-step-cls-fakes-in-d", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_real = D(x, y, classify=True)
    fake_logits, class_fake = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * (class_loss(class_real, y) + class_loss(class_fake, y))).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits_g, class_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (loss_g + class_weight * class_loss(class_g, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["D's class loss includes the fakes"])

# MISTAKE: G's class term computed on detached fakes: it sends no gradient to G, the class loss never teaches G
_step("b13-step-cls-g-detached", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    naming = class_weight * class_loss(D(fake.detach(), y, classify=True)[1], y)
    (loss_g + naming).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['not fake.detach()'])

# MISTAKE: loss_d and loss_g reported with the class terms in them (the notebook asks for them without)
_step("b13-step-cls-report-with-class", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(class_logits, y)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits_g, class_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g) + class_weight * class_loss(class_g, y)
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["'loss_d' includes the class loss"])

# MISTAKE: the class loss only in D's update; G never gets the "did D see the digit I was asked for" signal
_step("b13-step-cls-only-d", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["G's has no class loss"])

# MISTAKE: class_weight accepted and ignored: notebook 02's step
_step("b13-step-cls-ignored", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
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
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["D's loss has no class loss"])

# MISTAKE: the weight put on the whole loss, class_weight * (GAN loss + class loss): right only at weight 1 by accident
_step("b13-step-cls-weight-on-all", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (class_weight * (loss_d + class_loss(class_logits, y))).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits_g, class_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (class_weight * (loss_g + class_loss(class_g, y))).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['multiplies the whole loss'])

# MISTAKE: G's class term against freshly drawn random labels instead of the labels its fakes were made for
_step("b13-step-cls-g-random-labels", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits_g, class_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    y_any = torch.randint(0, class_g.shape[1], y.shape, device=y.device)
    (loss_g + class_weight * class_loss(class_g, y_any)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['with the labels the fakes were made for'])

# MISTAKE: G's class term subtracted ("make D's classifier wrong", the discriminator's game mirrored): G is pushed away from its label
_step("b13-step-cls-g-minus", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits_g, class_g = D(fake, y, classify=True)
    loss_g = generator_loss(logits_g)
    (loss_g - class_weight * class_loss(class_g, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["G's class loss is subtracted"])


# ---- the generator's forward: [z; e_y] through the layers, reshaped to images

# RIGHT: concatenate z and the label's vector along dimension 1, run the layers, reshape with image_shape
_answer("b13-cgen-cat-view", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', True)

# RIGHT: the course's own embed() helper (it also checks y's shape) and reshape(-1, ...)
_answer("b13-cgen-embed-helper", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.embed(y, z.shape[0])
        out = self.net(torch.cat((z, e), 1))
        return out.reshape(-1, *self.image_shape)
''', True)

# RIGHT: indexing the embedding's weight matrix by the labels is the same lookup; unflatten for the shape
_answer("b13-cgen-weight-index", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding.weight[y]
        return self.net(torch.hstack([z, e])).unflatten(1, self.image_shape)
''', True)

# RIGHT: the shape written out as (batch, 1, 28, 28), as the notebook states it (fine for these MNIST nets, would break for another image_shape)
_answer("b13-cgen-hardcoded-shape", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        x = self.net(torch.cat([z, self.label_embedding(y)], 1))
        return x.view(z.size(0), 1, 28, 28)
''', True)

# MISTAKE: the label's vector first, [e_y; z]: the first layer's weights expect the noise first
_answer("b13-cgen-order-swapped", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=["the label's vector comes before the"])

# MISTAKE: no reshape: returns flat (batch, 784) vectors, not images
_answer("b13-cgen-flat", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        return self.net(torch.cat([z, self.label_embedding(y)], dim=1))
''', False, words=['reshape to (batch, *self.image_shape)'])

# MISTAKE: reshaped to (batch, 28, 28): the channel dimension is missing
_answer("b13-cgen-no-channel", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        return self.net(torch.cat([z, self.label_embedding(y)], dim=1)).view(-1, 28, 28)
''', False, words=['reshape to (batch, *self.image_shape)'])

# MISTAKE: a one-hot vector in place of the learned embedding (same width 10, so it runs, but it is not e_y)
_answer("b13-cgen-one-hot", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        onehot = F.one_hot(y, num_classes=self.n_classes).to(z.dtype)
        return self.net(torch.cat([z, onehot], dim=1)).view(len(z), *self.image_shape)
''', False, words=['a one-hot vector stands in for'])

# MISTAKE: an extra tanh on top of the net, which already ends in tanh: outputs squashed into (-0.76, 0.76)
_answer("b13-cgen-double-tanh", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)
''', False, words=['tanh is applied twice'])

# ---- the projection discriminator's forward: psi(phi(x)) + e_y . phi(x)

# RIGHT: features of the flat image, psi squeezed to (batch,), plus the row-wise inner product with e_y
_answer("b13-pdisc-sum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
''', True)

# RIGHT: einsum for the inner product, view(-1) for psi
_answer("b13-pdisc-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.view(x.size(0), -1))
        e = self.label_embedding(y)
        return self.out(phi).view(-1) + torch.einsum("bi,bi->b", e, phi)
''', True)

# RIGHT: the diagonal of h @ E_y^T: wasteful (a B x B matrix for B numbers) but the same logits
_answer("b13-pdisc-diag", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(torch.flatten(x, start_dim=1))
        return self.out(h)[:, 0] + torch.diagonal(h @ self.label_embedding(y).T)
''', True)

# RIGHT: squeeze() without a dimension: (batch,) for every batch but one of a single image, where it gives a 0-d tensor; the notebook says "squeeze its last dimension": right in practice, fragile for a batch of one
_answer("b13-pdisc-squeeze-all", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze() + (self.label_embedding(y) * h).sum(dim=1)
''', True)

# MISTAKE: psi not squeezed: (batch, 1) + (batch,) broadcasts to a (batch, batch) matrix
_answer("b13-pdisc-no-squeeze", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=['broadcasts to (batch, batch)'])

# MISTAKE: a sigmoid at the end: probabilities, but the course's losses expect logits
_answer("b13-pdisc-sigmoid", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return torch.sigmoid(self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1))
''', False, words=['a probability'])

# MISTAKE: the projection term left out: the label is ignored
_answer("b13-pdisc-no-projection", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        return self.out(self.features(x.flatten(1))).squeeze(1)
''', False, words=['the label is ignored'])

# MISTAKE: the mean over features instead of the sum: the label's term shrunk 256 times
_answer("b13-pdisc-mean", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(1)
''', False, words=['.mean(1) divides it'])

# MISTAKE: the label's vector multiplied into the features before psi, psi(e_y * phi(x)): not the projection form
_answer("b13-pdisc-inside-psi", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h * self.label_embedding(y)).squeeze(1)
''', False, words=['not as projection does'])

# MISTAKE: h @ e^T without taking its diagonal: every image scored against every label, a (batch, batch) result
_answer("b13-pdisc-matmul", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + h @ self.label_embedding(y).T
''', False, words=['matrix product'])


# ---- notebook 03: the generator's doubling block

# RIGHT: transposed convolution (4, 2, 1, no bias), batch norm, ReLU, in an nn.Sequential
_answer("b13-block-up-canonical", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# RIGHT: named layers through an OrderedDict
_answer("b13-block-up-ordereddict", "check_block_shapes", "my_up_block", '''
from collections import OrderedDict

def my_up_block(c_in, c_out):
    return nn.Sequential(OrderedDict([
        ("up", nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1, bias=False)),
        ("bn", nn.BatchNorm2d(c_out)),
        ("relu", nn.ReLU(True)),
    ]))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE (course): bias left on: redundant before batch norm, which subtracts it again (32 useless weights, same function)
_answer("b13-block-up-bias", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['bias'])

# MISTAKE: LeakyReLU in G's block: the guidelines put ReLU in G and LeakyReLU in D
_answer("b13-block-up-leaky", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.LeakyReLU(0.2))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['the activation must be ReLU'])

# MISTAKE: no batch norm
_answer("b13-block-up-no-bn", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['there is no BatchNorm2d'])

# MISTAKE: padding 0: (7 - 1) * 2 + 4 = 16, a 16x16 map
_answer("b13-block-up-pad0", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 0, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['padding 0'])

# MISTAKE: kernel 3 with output_padding 1: also 14x14, but not the kernel-4 transposed convolution asked for
_answer("b13-block-up-k3", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 3, stride=2, padding=1, output_padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['kernel_size 3'])

# RIGHT (course): nearest-neighbour upsampling and a 3x3 convolution: doubles the map too, but it is not the block asked for
_answer("b13-block-up-upsample", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: ReLU before batch norm (the order of the layers swapped)
_answer("b13-block-up-relu-first", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(True), nn.BatchNorm2d(c_out))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['the order is convolution, BatchNorm, then'])

# ---- notebook 07: D's first layer at 64x64

# RIGHT: a convolution from 3 to 16 filters, kernel 4, stride 2, padding 1
_answer("b13-first-conv", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2, 1)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: keyword arguments, bias off (a choice; the course's first layer keeps it, both are fine without batch norm)
_answer("b13-first-conv-kw", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1, bias=False)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: the convolution with its LeakyReLU(0.2), DCGAN's first layer as the tutorial writes it (no batch norm): same shape
_answer("b13-first-conv-leaky", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# MISTAKE: batch norm after D's first layer, which the guidelines (and the notebook) leave out there
_answer("b13-first-conv-bn", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=["there is a BatchNorm in D's"])

# MISTAKE: kernel 3: floor((64 + 2 - 3) / 2) + 1 = 32 as well, but not the kernel-4 layer asked for
_answer("b13-first-conv-k3", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 3, 2, 1)
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=['kernel_size 3'])

# MISTAKE: padding forgotten: 31x31
_answer("b13-first-conv-pad0", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2)
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=['padding 0'])


# RIGHT: class logits of the real images and of the (not detached) fakes, each half the course's class_loss against y
_answer("b13-halves-canonical", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, class_real = D(real, y, classify=True)
    _, class_fake = D(fake, y, classify=True)
    return class_loss(class_real, y), class_loss(class_fake, y)
''', True)

# RIGHT: F.cross_entropy directly, named halves
_answer("b13-halves-cross-entropy", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    logits_real, c_real = D(real, y, classify=True)
    d_half = F.cross_entropy(c_real, y)
    logits_fake, c_fake = D(fake, y, classify=True)
    g_half = F.cross_entropy(c_fake, y)
    return d_half, g_half
''', True)

# RIGHT: the cross-entropy by hand: minus the log-softmax of the right class, averaged
_answer("b13-halves-log-softmax", "check_class_loss_halves", "my_class_losses", '''
def _ce(class_logits, y):
    return -F.log_softmax(class_logits, dim=1).gather(1, y.view(-1, 1)).squeeze(1).mean()

def my_class_losses(D, real, fake, y):
    return _ce(D(real, y, classify=True)[1], y), _ce(D(fake, y, classify=True)[1], y)
''', True)

# RIGHT: nn.CrossEntropyLoss module, logsumexp form for the fakes' half
_answer("b13-halves-module-logsumexp", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    ce = nn.CrossEntropyLoss()
    d_half = ce(D(real, y, classify=True)[1], y)
    c = D(fake, y, classify=True)[1]
    g_half = (torch.logsumexp(c, dim=1) - c[torch.arange(len(y)), y]).mean()
    return d_half, g_half
''', True)

# RIGHT: one-hot float targets: F.cross_entropy with class probabilities as targets gives the same number
_answer("b13-halves-one-hot-targets", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    target = F.one_hot(y, num_classes=D.n_classes).float()
    return (F.cross_entropy(D(real, y, classify=True)[1], target),
            F.cross_entropy(D(fake, y, classify=True)[1], target))
''', True)

# MISTAKE: the fakes detached in G's half: the gradient can no longer reach G through them
_answer("b13-halves-g-detached", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, class_real = D(real, y, classify=True)
    _, class_fake = D(fake.detach(), y, classify=True)
    return class_loss(class_real, y), class_loss(class_fake, y)
''', False, words=["G's half has the right value"])

# MISTAKE: the two halves returned in the wrong order, (g_half, d_half)
_answer("b13-halves-swapped", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    return g_half, d_half
''', False, words=['the halves are swapped'])

# MISTAKE: AC-GAN proper: D's half learns from the real images and the fakes (the notebook's D names real images only)
_answer("b13-halves-d-on-both", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    c_real = D(real, y, classify=True)[1]
    c_fake = D(fake, y, classify=True)[1]
    d_half = class_loss(c_real, y) + class_loss(c_fake.detach(), y)
    return d_half, class_loss(c_fake, y)
''', False, words=["D's half includes the fakes"])

# MISTAKE: nll_loss on raw class logits: without log_softmax it is just minus the mean right logit
_answer("b13-halves-nll-raw", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    return (F.nll_loss(D(real, y, classify=True)[1], y),
            F.nll_loss(D(fake, y, classify=True)[1], y))
''', False, words=['nll_loss expects log-probabilities'])

# MISTAKE: softmax applied before F.cross_entropy, which applies its own: a double softmax, squashed towards ln 10
_answer("b13-halves-double-softmax", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    p_real = F.softmax(D(real, y, classify=True)[1], dim=1)
    p_fake = F.softmax(D(fake, y, classify=True)[1], dim=1)
    return F.cross_entropy(p_real, y), F.cross_entropy(p_fake, y)
''', False, words=['applies softmax before F.cross_entropy'])

# MISTAKE: D's half computed under torch.no_grad(): a number, D cannot learn from it
_answer("b13-halves-d-nograd", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():
        d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    return d_half, g_half
''', False, words=["D's half returns a tensor without"])

# MISTAKE: ten binary cross-entropies against the one-hot label instead of one softmax cross-entropy
_answer("b13-halves-bce-one-hot", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    c_real = D(real, y, classify=True)[1]
    c_fake = D(fake, y, classify=True)[1]
    t = F.one_hot(y, c_real.shape[1]).float()
    return F.binary_cross_entropy_with_logits(c_real, t), F.binary_cross_entropy_with_logits(c_fake, t)
''', False, words=["D's half is BCE against one-hot"])

# MISTAKE: G's half judged against D's own guess (argmax) instead of the labels the fakes were made for
_answer("b13-halves-g-argmax", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    c_fake = D(fake, y, classify=True)[1]
    return d_half, class_loss(c_fake, c_fake.argmax(1))
''', False, words=["G's half uses D's own guesses"])


# RIGHT: angle from the cosine of the unit vectors (clamped), t as a column, the notebook's formula
_answer("b13-slerp-canonical", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    cos = torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1.0, 1.0)
    w = torch.arccos(cos)
    return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)
''', True)

# RIGHT: the careful student: falls back to the straight line when the two vectors (nearly) point the same way
_answer("b13-slerp-fallback", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = (z0 @ z1) / (z0.norm() * z1.norm())
    w = torch.acos(cos.clamp(-1, 1))
    if w.abs() < 1e-6:
        return (1 - t) * z0 + t * z1
    s = torch.sin(w)
    return torch.sin((1 - t) * w) / s * z0 + torch.sin(t * w) / s * z1
''', True)

# RIGHT: no clamp and no fallback: exactly the notebook's formula; fine for two noise vectors, NaN if they were parallel
_answer("b13-slerp-plain", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.acos(torch.sum(z0 * z1) / (torch.linalg.norm(z0) * torch.linalg.norm(z1)))
    t = t.unsqueeze(1)
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0.unsqueeze(0) + torch.sin(t * omega) / torch.sin(omega) * z1.unsqueeze(0)
''', True)

# RIGHT: the angle by atan2 of the sine (rejection's length) and cosine parts, stable near 0 and pi
_answer("b13-slerp-atan2", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    c = torch.dot(u0, u1)
    s = (u1 - c * u0).norm()
    w = torch.atan2(s, c)
    t = torch.as_tensor(t, dtype=z0.dtype)[:, None]
    return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)
''', True)

# RIGHT: one row at a time in a Python loop, stacked
_answer("b13-slerp-loop", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    w = math.acos(float(torch.dot(z0, z1) / (z0.norm() * z1.norm())))
    rows = []
    for ti in torch.as_tensor(t).tolist():
        rows.append((math.sin((1 - ti) * w) * z0 + math.sin(ti * w) * z1) / math.sin(w))
    return torch.stack(rows)
''', True)

# MISTAKE: the straight line (lerp), not the great circle
_answer("b13-slerp-lerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=['this is the straight line'])

# MISTAKE: interpolates the unit vectors: the path is on the unit sphere, it neither starts at z0 nor ends at z1
_answer("b13-slerp-unit-vectors", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    w = torch.arccos(torch.dot(u0, u1).clamp(-1, 1))
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (torch.sin((1 - t) * w) * u0 + torch.sin(t * w) * u1) / torch.sin(w)
''', False, words=['every point has length 1'])

# MISTAKE: cosine from the raw dot product, not divided by the lengths: arccos of a number far outside [-1, 1] is NaN
_answer("b13-slerp-raw-dot", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    w = torch.arccos(torch.dot(z0, z1))
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)
''', False, words=['the path holds NaN'])

# MISTAKE: the two weights swapped: the path runs from z1 to z0
_answer("b13-slerp-reversed", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    w = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (torch.sin(t * w) * z0 + torch.sin((1 - t) * w) * z1) / torch.sin(w)
''', False, words=['the ends are swapped'])

# MISTAKE: t left as a row: (n,) times (d,) does not give one row per value of t (fails, or silently wrong when n == d)
_answer("b13-slerp-t-not-column", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    w = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
    return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)
''', False, words=['one t at a time'])

# MISTAKE: "normalised lerp": the straight line rescaled to the interpolated length, not the great circle (other points, other speed)
_answer("b13-slerp-nlerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    line = (1 - t) * z0 + t * z1
    length = (1 - t) * z0.norm() + t * z1.norm()
    return line / line.norm(dim=1, keepdim=True) * length
''', False, words=['that is the straight line rescaled'])

# RIGHT (course): returns a NumPy array, not a tensor of rows
_answer("b13-slerp-numpy", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    a, b = z0.numpy(), z1.numpy()
    w = np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1))
    t = np.asarray(t, dtype=a.dtype).reshape(-1, 1)
    return (np.sin((1 - t) * w) * a + np.sin(t * w) * b) / np.sin(w)
''', True)


# RIGHT: squared distance of the means plus the trace term, sqrtm's tiny imaginary part dropped, a float out
_answer("b13-frechet-canonical", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(diff @ diff + np.trace(sigma1 + sigma2 - 2 * covmean))
''', True)

# RIGHT: pytorch-fid's recipe: retry with a small offset when sqrtm is not finite, keep the real part
_answer("b13-frechet-pytorch-fid", "check_frechet_distance", "my_frechet", '''
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

# RIGHT: Tr((S1 S2)^1/2) as the sum of the square roots of the eigenvalues of S1 S2 (real, non-negative up to rounding)
_answer("b13-frechet-eigvals", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eig = np.linalg.eigvals(sigma1 @ sigma2)
    tr_sqrt = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_sqrt)
''', True)

# RIGHT: the symmetric form, Tr((S1^1/2 S2 S1^1/2)^1/2), which has the same trace and a real square root
_answer("b13-frechet-symmetric", "check_frechet_distance", "my_frechet", '''
import scipy.linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = scipy.linalg.sqrtm(sigma1).real
    middle = scipy.linalg.sqrtm(root1 @ sigma2 @ root1).real
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(middle))
''', True)

# RIGHT: no .real, but float() around the result drops the negligible imaginary part (NumPy warns, the number is right)
_answer("b13-frechet-float-cast", "check_frechet_distance", "my_frechet", '''
import warnings
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * linalg.sqrtm(sigma1 @ sigma2)))
''', True)

# MISTAKE: neither .real nor float(): returns a complex number whenever sqrtm comes out complex (singular covariances), not a float
_answer("b13-frechet-complex", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2)
    return np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean)
''', False, words=['complex'])

# MISTAKE: the factor 2 in front of the square root forgotten
_answer("b13-frechet-no-two", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
''', False, words=['the factor 2 is missing'])

# MISTAKE: sqrt(S1) sqrt(S2) in place of (S1 S2)^1/2: equal only when the two covariances commute
_answer("b13-frechet-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = (linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2)).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['product of two square roots'])

# MISTAKE: np.sqrt, an elementwise square root, in place of the matrix square root
_answer("b13-frechet-elementwise-sqrt", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(np.abs(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the square root is element-wise'])

# MISTAKE: the distance of the means not squared (np.linalg.norm gives the length)
_answer("b13-frechet-norm-unsquared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the mean term is |mu1 -'])

# MISTAKE: the square root of the whole: the Frechet distance itself, where the notebook's formula (d_F^2) has no root
_answer("b13-frechet-sqrt-of-all", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sqrt(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean)))
''', False, words=['square root'])

# MISTAKE: sign of the cross term flipped: + 2 Tr((S1 S2)^1/2)
_answer("b13-frechet-plus-two", "check_frechet_distance", "my_frechet", '''
from scipy import linalg

def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 + 2 * covmean))
''', False, words=['the sign before the root is'])


# RIGHT: mean max(0, 1 - D(x)) + mean max(0, 1 + D(G(z))) with F.relu; G: minus the mean score of the fakes
_answer("b13-hinge-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT: clamp(min=0) for max(0, .), torch.mean
_answer("b13-hinge-clamp", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = torch.mean(torch.clamp(1.0 - real_scores, min=0.0))
    loss_fake = torch.mean(torch.clamp(1.0 + fake_scores, min=0.0))
    return loss_real + loss_fake

def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT: torch.maximum against zeros, and G's loss as the mean of the negated scores
_answer("b13-hinge-maximum", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    zero = torch.zeros_like(real_scores)
    return torch.maximum(zero, 1 - real_scores).mean() + torch.maximum(torch.zeros_like(fake_scores), 1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return (-fake_scores).mean()
''', True, args={"generator_name": "my_hinge_g_loss"})

# RIGHT: wrapping the course's own functions, which the notebook names as the reference
_answer("b13-hinge-library", "check_hinge_loss", "my_hinge_d_loss", '''
from ganlib.losses import hinge_discriminator_loss, score_generator_loss

def my_hinge_d_loss(real_scores, fake_scores):
    return hinge_discriminator_loss(real_scores, fake_scores)

def my_hinge_g_loss(fake_scores):
    return score_generator_loss(fake_scores)
''', True, args={"generator_name": "my_hinge_g_loss"})

# MISTAKE: the margins on the wrong sides: max(0, 1 + D(x)) + max(0, 1 - D(G(z))) rewards calling real images fake
_answer("b13-hinge-swapped", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['real and fake are swapped'])

# MISTAKE: no margin: max(0, -D(x)) + max(0, D(G(z))), 0 at indifference instead of 2
_answer("b13-hinge-no-margin", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(-real_scores).mean() + F.relu(fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['the margin of 1 is missing'])

# MISTAKE: the mean taken inside the max: max(0, 1 - mean D(x)), one margin for the batch instead of one per image
_answer("b13-hinge-mean-inside", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores.mean()) + F.relu(1 + fake_scores.mean())

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['taken of the batch mean'])

# MISTAKE: the max forgotten: a linear loss, 2 - mean D(x) + mean D(G(z)), that never stops pushing
_answer("b13-hinge-no-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).mean() + (1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['max(0, ...) is missing'])

# MISTAKE: G's loss with the wrong sign, +mean D(G(z)): G would make its fakes look more fake
_answer("b13-hinge-g-sign", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=['the sign is flipped'])

# MISTAKE: G's loss hinged too, mean max(0, 1 - D(G(z))): stops pulling past the margin, which the notebook says G's linear loss does not
_answer("b13-hinge-g-hinged", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=["that is D's hinge applied to"])

# MISTAKE: D's loss halved, as some codebases average the two terms: 1 at indifference instead of 2
_answer("b13-hinge-halved", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return 0.5 * (F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean())

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args={"generator_name": "my_hinge_g_loss"}, words=["it is half of D's loss"])

# MISTAKE: no reduction: one loss per image (shape (B,)) instead of a 0-d tensor
_answer("b13-hinge-per-image", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores) + F.relu(1 + fake_scores)

def my_hinge_g_loss(fake_scores):
    return -fake_scores
''', False, args={"generator_name": "my_hinge_g_loss"}, words=["D's hinge loss must return one"])


# RIGHT: two strided convolutions with LeakyReLU(0.2), no batch norm, flatten, one linear layer, Flatten(0) for shape (B,)
_answer("b13-critic-sequential", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# RIGHT: a Module class of its own, squeeze(1) at the end of forward
_answer("b13-critic-class", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1)
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.conv1(x), 0.2)
        h = F.leaky_relu(self.conv2(h), 0.2)
        return self.fc(h.flatten(1)).squeeze(1)

def make_critic():
    return Critic()
''', True)

# RIGHT: the features and the read-out kept apart (as the course's nets do), view(-1) for the scores, in-place LeakyReLU
_answer("b13-critic-features-out", "check_critic", "make_critic", '''
class _Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
                                      nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True), nn.Flatten())
        self.out = nn.Linear(3136, 1)

    def forward(self, x, y=None):
        return self.out(self.features(x)).view(-1)

def make_critic():
    return _Critic()
''', True)

# RIGHT: convolutions without bias (a free choice here: nothing in the spec asks for biases, the linear layer keeps one)
_answer("b13-critic-no-bias", "check_critic", "make_critic", '''
class Score(nn.Module):
    def forward(self, h):
        return h[:, 0]

def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1, bias=False), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), Score())
''', True)

# MISTAKE: batch norm after the second convolution, kept from notebook 03: each score then depends on the batch, which the per-image penalty forbids
_answer("b13-critic-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', False, words=['the critic has batch norm'])

# MISTAKE: a sigmoid at the end: a critic gives free scores, not probabilities
_answer("b13-critic-sigmoid", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0))
''', False, words=['Sigmoid'])

# MISTAKE: scores of shape (B, 1), the last dimension not removed
_answer("b13-critic-shape-b1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1))
''', False, words=['shape (6, 1)'])

# RIGHT (course): ReLU instead of LeakyReLU(0.2): not the critic asked for (zero slope for negative features)
_answer("b13-critic-relu", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', True)

# RIGHT (course): LeakyReLU with PyTorch's default slope 0.01 instead of the 0.2 asked for
_answer("b13-critic-leaky-default", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(),
                         nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', True)

# RIGHT (course): max pooling in place of strided convolutions (stride-1 convolutions, then MaxPool2d(2)): guideline 1 broken
_answer("b13-critic-maxpool", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(nn.Conv2d(1, 32, 3, 1, 1), nn.LeakyReLU(0.2), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, 1, 1), nn.LeakyReLU(0.2), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', True)


# RIGHT: the notebook's hint step by step: one eps per image, detached interpolates requiring grad, create_graph, per-image norm
_answer("b13-gp-canonical", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: the WGAN-GP paper's code style: grad_outputs of ones, vector_norm over the flattened image, dtype kept
_answer("b13-gp-grad-outputs", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    b = real.shape[0]
    alpha = torch.rand(b, 1, 1, 1, device=real.device, dtype=real.dtype)
    interpolates = (alpha * real.detach() + (1 - alpha) * fake.detach()).requires_grad_(True)
    scores = D(interpolates)
    gradients = torch.autograd.grad(outputs=scores, inputs=interpolates, grad_outputs=torch.ones_like(scores),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0]
    gradients = gradients.view(b, -1)
    return ((torch.linalg.vector_norm(gradients, dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: the course's own gradient_penalty from ganlib.losses (the notebook's import line names it)
_answer("b13-gp-library", "check_gradient_penalty", "my_gradient_penalty", '''
from ganlib.losses import gradient_penalty

def my_gradient_penalty(D, real, fake):
    return gradient_penalty(D, real, fake)
''', True)

# RIGHT: torch.lerp(fake, real, eps) is exactly eps * real + (1 - eps) * fake; norm with a tiny epsilon inside the root
_answer("b13-gp-lerp", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_()
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    norms = torch.sqrt(g.pow(2).sum(dim=(1, 2, 3)) + 1e-12)
    return (norms - 1).pow(2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: eps on the fakes and 1 - eps on the real images: 1 - eps is just as uniform, the same penalty in distribution (with the same random numbers it picks other points than the course's, so a seed-for-seed comparison would differ)
_answer("b13-gp-eps-on-fake", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * fake + (1 - eps) * real).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.reshape(len(grad), -1).norm(2, dim=1) - 1) ** 2).mean()
''', True)

# MISTAKE: one eps for the whole batch: every interpolate at the same fraction of its line
_answer("b13-gp-one-eps", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['one eps is used for the'])

# MISTAKE: eps per pixel (torch.rand_like): the points leave the lines between real and fake images
_answer("b13-gp-eps-per-pixel", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the points are not on the'])

# MISTAKE: create_graph forgotten: the penalty is a constant to D's weights and trains nothing
_answer("b13-gp-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty has no gradient'])

# MISTAKE: the interpolates not detached: when the fakes carry G's graph, D's backward runs through G (freeing the graph G's own update needs next, and leaking into G wherever D is not piecewise linear); the notebook says detach
_answer("b13-gp-not-detached", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = eps * real + (1 - eps) * fake
    if not x_hat.requires_grad:
        x_hat.requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=["keeps the fakes' graph"])

# MISTAKE: the squared norm minus 1, (||g||^2 - 1)^2, the square root forgotten
_answer("b13-gp-squared-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.pow(2).flatten(1).sum(1) - 1) ** 2).mean()
''', False, words=['the squared norm is used'])

# MISTAKE: one norm over the whole batch's gradient instead of one per image
_answer("b13-gp-batch-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, words=['whole batch at once'])

# MISTAKE: the weight lambda = 10 multiplied in, although the step multiplies by gp_weight itself
_answer("b13-gp-weighted", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return 10.0 * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty is multiplied by lambda'])

# MISTAKE: one-sided penalty max(0, ||g|| - 1)^2: a variant the paper mentions, not the one asked for
_answer("b13-gp-one-sided", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return F.relu(grad.flatten(1).norm(dim=1) - 1).pow(2).mean()
''', False, words=['only slopes above 1 are penalised'])


# ---- notebook 06: the mean image of each class

# RIGHT: the hint: for each class, the mean over dim 0 of its images as floats, stacked
_answer("b13-means-stack", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(dim=0) for c in range(10)])
''', True)

# RIGHT: sums per class with index_add_, divided by each class's count from bincount
_answer("b13-means-index-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.float()
    sums = torch.zeros(10, *x.shape[1:], dtype=x.dtype).index_add_(0, labels.long(), x)
    counts = torch.bincount(labels.long(), minlength=10).to(x.dtype)
    return sums / counts.view(-1, 1, 1, 1)
''', True)

# RIGHT: a one-hot matrix product: (10, N) @ (N, pixels), divided by the class sizes, reshaped
_answer("b13-means-one-hot-matmul", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels.long(), 10).float()
    flat = images.reshape(len(images), -1).float()
    means = (onehot.T @ flat) / onehot.sum(0).unsqueeze(1)
    return means.reshape(10, *images.shape[1:])
''', True)

# RIGHT: float64 averages: still a float tensor on the 0..255 scale (the next cell rounds them either way)
_answer("b13-means-double", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].double().mean(0) for c in range(10)])
''', True)

# MISTAKE: no conversion to floats: mean() refuses a uint8 tensor
_answer("b13-means-uint8", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)])
''', False, words=['uint8'])

# MISTAKE: divided by 255: means on the 0..1 scale, not the images' own
_answer("b13-means-unit-scale", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([(images[labels == c].float() / 255).mean(0) for c in range(10)])
''', False, words=['divided by 255'])

# MISTAKE: every class's sum divided by N / 10, as if the classes were equally large (the check's are not)
_answer("b13-means-equal-sizes", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    n_per_class = len(images) / 10
    return torch.stack([images[labels == c].float().sum(0) / n_per_class for c in range(10)])
''', False, words=['each sum is divided by N'])

# MISTAKE: classes counted from 1 to 10: class 0 missing and an empty class 10 (NaN)
_answer("b13-means-off-by-one", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(1, 11)])
''', False, words=['range(10)'])

# MISTAKE: rounded back to uint8 inside the function (the notebook asks for floats; the cell after does the rounding)
_answer("b13-means-rounded-uint8", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(10)]).round().to(torch.uint8)
''', False, words=['as floats'])

# MISTAKE: returns a Python list of ten tensors instead of one (10, 3, 32, 32) tensor
_answer("b13-means-list", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return [images[labels == c].float().mean(0) for c in range(10)]
''', False, words=['returns a list'])

# ---- notebook 07: a decoded photo to what the nets read

# RIGHT: permute the colour axis forward, to floats, 0..255 onto -1..1 by / 127.5 - 1
_answer("b13-input-permute", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', True)

# RIGHT: centre and scale, (x - 127.5) / 127.5, float32 asked for explicitly
_answer("b13-input-centre-scale", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).to(torch.float32)
    return (x - 127.5) / 127.5
''', True)

# RIGHT: torchvision's ToTensor + Normalize(0.5, 0.5) done by hand: x / 255, then (x - 0.5) / 0.5; movedim for the axis
_answer("b13-input-normalize-style", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = torch.movedim(photos, -1, 1).float().div(255.0)
    return ((x - 0.5) / 0.5).contiguous()
''', True)

# RIGHT: scale first, then move the axis: x / 255 * 2 - 1
_answer("b13-input-scale-first", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.float() / 255 * 2 - 1
    return x.permute(0, 3, 1, 2)
''', True)

# MISTAKE: view instead of permute: the right shape with the pixels scrambled across channels
_answer("b13-input-view", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.reshape(n, c, h, w).float() / 127.5 - 1
''', False, words=['pixels are scrambled'])

# MISTAKE: permute(0, 3, 2, 1): the colour moves first but height and width are swapped (the image is transposed)
_answer("b13-input-hw-swapped", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, words=['height and width are swapped'])

# MISTAKE: scaled to 0..1 only (ToTensor's range), not -1..1
_answer("b13-input-unit-range", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255
''', False, words=['[0, 1]'])

# MISTAKE: arithmetic on the uint8 tensor before converting: photos - 128 wraps around below 0
_answer("b13-input-uint8-wrap", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return ((photos - 128).float() / 127.5).permute(0, 3, 1, 2)
''', False, words=['the subtraction ran in uint8, which'])

# MISTAKE: float64 (.double()), not the float32 the nets read
_answer("b13-input-float64", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, words=['float64'])

# MISTAKE: / 128 - 1: black becomes -1 but white only 0.992
_answer("b13-input-128", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 128 - 1
''', False, words=['divide by 127.5'])

# MISTAKE: the colour axis never moved: floats in -1..1 but still (N, H, W, 3)
_answer("b13-input-no-permute", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.float() / 127.5 - 1
''', False, words=['channels last'])
