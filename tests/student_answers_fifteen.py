"""Blind round 15: 256 answers to every check in the notebooks, by a helper who had seen neither the checks nor the
batteries (written from the student notebooks alone, without running them), in the styles of students who learned
from d2l.ai, Keras and TensorFlow tutorials, the GAN paper's algorithm and the PyTorch DCGAN tutorial, with the
verdicts they gave, except fifteen they called wrong that the course judges right: sigmoid + nn.BCELoss, the log of
a sigmoid with or without a small epsilon (told with a note), gradients zeroed after each update rather than before
(the next step starts clean either way), d_fake read in G's update, random labels for the fakes, a concatenated real +
fake batch (in the R1 step and the class-loss halves), upsampling + convolution, a block maker returning a list of
layers, critics with ReLU or LeakyReLU's default slope, and a slerp computed in float64."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

"""Battery 15, part 1: the discriminator's loss (notebooks 00 and 01), check_discriminator_loss."""


# RIGHT: the textbook form: BCE-with-logits of real logits against ones plus of fake logits against zeros, batch means
_answer("b15-dloss-bce-logits", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', True)

# RIGHT: lecture-slide notation, -log sigma(s) = softplus(-s) and -log(1 - sigma(s)) = softplus(s): stable and exact
_answer("b15-dloss-softplus", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -E[log D(x)] - E[log(1 - D(G(z)))] with D = sigmoid(s)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# RIGHT: Algorithm 1 written with logsigmoid (log(1 - sigma(s)) = logsigmoid(-s)), negated so that it is minimised
_answer("b15-dloss-logsigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    value = F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()   # V(D, G), to maximise
    return -value
''', True)

# RIGHT: ChatGPT-style module with a docstring; nn.BCEWithLogitsLoss with the default mean reduction is the same
_answer("b15-dloss-verbose-module", "check_discriminator_loss", "my_discriminator_loss", '''
class DiscriminatorLoss(nn.Module):
    """Binary cross-entropy loss for the GAN discriminator.

    Real samples are labelled 1 and generated samples 0. Works directly on raw logits
    for numerical stability (the sigmoid is folded into the loss).
    """

    def __init__(self):
        super().__init__()
        self.criterion = nn.BCEWithLogitsLoss()

    def forward(self, real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
        """Compute the discriminator loss.

        Args:
            real_logits: logits of D on real images, shape (B,).
            fake_logits: logits of D on generated images, shape (B,).

        Returns:
            A scalar tensor: BCE(real, 1) + BCE(fake, 0).
        """
        real_targets = torch.ones_like(real_logits)
        fake_targets = torch.zeros_like(fake_logits)
        real_loss = self.criterion(real_logits, real_targets)
        fake_loss = self.criterion(fake_logits, fake_targets)
        return real_loss + fake_loss


_loss_fn = DiscriminatorLoss()


def my_discriminator_loss(real_logits, fake_logits):
    """Functional wrapper around DiscriminatorLoss."""
    return _loss_fn(real_logits, fake_logits)
''', True)

# RIGHT: a careful student's version with type asserts that any valid pair of logit batches passes
_answer("b15-dloss-asserts", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    assert torch.is_tensor(real_logits) and torch.is_tensor(fake_logits), "logits must be tensors"
    assert real_logits.is_floating_point() and fake_logits.is_floating_point(), "logits must be floats"
    assert real_logits.numel() > 0 and fake_logits.numel() > 0, "empty batch"
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    loss = real_loss + fake_loss
    assert loss.dim() == 0
    return loss
''', True)

# RIGHT: competitive-programmer lambda, the softplus form in one line
_answer("b15-dloss-lambda", "check_discriminator_loss", "my_discriminator_loss", '''
my_discriminator_loss = lambda r, f: F.softplus(-r).mean() + F.softplus(f).mean()
''', True)

# RIGHT: mean of the summed per-image terms: equal to the sum of the two means because D always sees as many fakes as real images (fragile: it needs equal batch sizes)
_answer("b15-dloss-mean-of-sum", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.softplus(-real_logits) + F.softplus(fake_logits)).mean()
''', True)

# MISTAKE: Keras BinaryCrossentropy() default from_logits=False translated to F.binary_cross_entropy, fed raw logits (errors or nonsense outside [0, 1])
_answer("b15-dloss-keras-no-from-logits", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # cross_entropy = tf.keras.losses.BinaryCrossentropy()
    real_loss = F.binary_cross_entropy(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy(fake_logits, torch.zeros_like(fake_logits))
    return real_loss + fake_loss
''', False, words=['takes probabilities, and D returns logits'])

# RIGHT (course): the DCGAN tutorial's Sigmoid + nn.BCELoss kept: sigmoid(20) rounds to 1 in float32, BCELoss clamps log(0) to -100, so a confident D gets loss 100 instead of 20
_answer("b15-dloss-sigmoid-bceloss", "check_discriminator_loss", "my_discriminator_loss", '''
criterion = nn.BCELoss()


def my_discriminator_loss(real_logits, fake_logits):
    real_prob = torch.sigmoid(real_logits)
    fake_prob = torch.sigmoid(fake_logits)
    return criterion(real_prob, torch.ones_like(real_prob)) + criterion(fake_prob, torch.zeros_like(fake_prob))
''', True)

# RIGHT (course): Algorithm 1 typed literally with log and sigmoid: log(1 - sigmoid(s)) is log(0) = -inf for a fake logit of about 18 or more
_answer("b15-dloss-naive-log", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
''', True)

# MISTAKE: d2l.ai port: BCEWithLogitsLoss(reduction='sum') and the book's division by 2: a sum over the batch, halved, not the sum of two means
_answer("b15-dloss-d2l-sum-half", "check_discriminator_loss", "my_discriminator_loss", '''
loss = nn.BCEWithLogitsLoss(reduction='sum')


def my_discriminator_loss(real_logits, fake_logits):
    ones = torch.ones((real_logits.shape[0],), device=real_logits.device)
    zeros = torch.zeros((fake_logits.shape[0],), device=fake_logits.device)
    loss_D = (loss(real_logits, ones.reshape(real_logits.shape)) +
              loss(fake_logits, zeros.reshape(fake_logits.shape))) / 2
    return loss_D
''', False, words=['a sum over the batch, halved'])

# MISTAKE: averages the two terms ("the D loss is the mean of its real and fake losses"): half the asked value, ln 2 instead of 2 ln 2 at indifference
_answer("b15-dloss-average-of-terms", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return 0.5 * (real_loss + fake_loss)
''', False, words=["half of D's loss"])

# MISTAKE: tf.reduce_mean habit: one BCE over the concatenated batch with concatenated labels is one mean over 2B images, half of the two means' sum
_answer("b15-dloss-concat-reduce-mean", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    labels = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, labels)
''', False, words=["half of D's loss"])

# MISTAKE: labels swapped (real against 0, fake against 1): D is trained to call fakes real
_answer("b15-dloss-swapped-labels", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real + fake
''', False, words=['real and fake are swapped'])

# MISTAKE: one-sided label smoothing (Salimans et al.) with real targets 0.9: a known trick, but not the loss asked for (BCE against 1)
_answer("b15-dloss-label-smoothing", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_targets = torch.full_like(real_logits, 0.9)   # one-sided label smoothing
    fake_targets = torch.zeros_like(fake_logits)
    return (F.binary_cross_entropy_with_logits(real_logits, real_targets)
            + F.binary_cross_entropy_with_logits(fake_logits, fake_targets))
''', False, words=['one-sided label smoothing'])

# MISTAKE: Keras (batch, 1) habit: targets of shape (B, 1) against the course's (B,) logits: binary_cross_entropy_with_logits refuses the size mismatch
_answer("b15-dloss-targets-b-by-1", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    valid = torch.ones(real_logits.size(0), 1, device=real_logits.device)
    fake = torch.zeros(fake_logits.size(0), 1, device=fake_logits.device)
    return (F.binary_cross_entropy_with_logits(real_logits, valid)
            + F.binary_cross_entropy_with_logits(fake_logits, fake))
''', False, words=["targets' shape differs"])

# MISTAKE: returns the value D maximises, log D(x) + log(1 - D(G(z))), without the minus sign: minimising it trains D backwards
_answer("b15-dloss-value-not-loss", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # Algorithm 1: "update the discriminator by ascending its stochastic gradient"
    return F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()
''', False, words=['the sign is flipped'])

# MISTAKE: state kept between calls: label tensors cached at the first call's batch size break (or mis-broadcast) on any other batch size
_answer("b15-dloss-cached-targets", "check_discriminator_loss", "my_discriminator_loss", '''
class _Targets:
    ones = None
    zeros = None


def my_discriminator_loss(real_logits, fake_logits):
    # build the label tensors once and reuse them: saves an allocation per step
    if _Targets.ones is None:
        _Targets.ones = torch.ones_like(real_logits)
        _Targets.zeros = torch.zeros_like(fake_logits)
    return (F.binary_cross_entropy_with_logits(real_logits, _Targets.ones)
            + F.binary_cross_entropy_with_logits(fake_logits, _Targets.zeros))
''', False, words=['on the CPU'])

# MISTAKE: targets made with torch.ones(n) on the CPU whatever the logits' device: right on a CPU, a device error as soon as notebook 01 trains on a GPU
_answer("b15-dloss-cpu-targets", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_labels = torch.ones(real_logits.shape[0])
    fake_labels = torch.zeros(fake_logits.shape[0])
    return (F.binary_cross_entropy_with_logits(real_logits, real_labels)
            + F.binary_cross_entropy_with_logits(fake_logits, fake_labels))
''', False, words=['on the CPU'])


"""Battery 15, part 2: the generator's non-saturating loss (notebooks 00 and 01), check_generator_loss."""


# RIGHT: BCE-with-logits of the fake logits against ones, the non-saturating loss as the notebook's table writes it
_answer("b15-gloss-bce-logits", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', True)

# RIGHT: -log sigma(s) = softplus(-s), stable for any logit
_answer("b15-gloss-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

# RIGHT: lecture notation, G maximises E[log D(G(z))]: minimise its negative, with logsigmoid for stability
_answer("b15-gloss-logsigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    log_d_g_z = F.logsigmoid(fake_logits)      # log D(G(z)), computed on logits
    return -log_d_g_z.mean()
''', True)

# RIGHT: Keras tutorial translated correctly: BinaryCrossentropy(from_logits=True) is nn.BCEWithLogitsLoss
_answer("b15-gloss-keras-from-logits", "check_generator_loss", "my_generator_loss", '''
cross_entropy = nn.BCEWithLogitsLoss()   # tf.keras.losses.BinaryCrossentropy(from_logits=True)


def my_generator_loss(fake_output):
    """The generator wants the discriminator to classify its fakes as real (1)."""
    return cross_entropy(fake_output, torch.ones_like(fake_output))
''', True)

# RIGHT: one-line lambda of the softplus form
_answer("b15-gloss-lambda", "check_generator_loss", "my_generator_loss", '''
my_generator_loss = lambda f: F.softplus(-f).mean()
''', True)

# MISTAKE: the saturating minimax loss log(1 - D(G(z))) that notebook 01 warns against: its gradient vanishes where D rejects the fakes
_answer("b15-gloss-saturating", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # min_G E[log(1 - D(G(z)))], straight from the value function
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, words=['saturating loss'])

# MISTAKE: "G's loss is minus D's fake term": -BCE(fake, 0) is again the saturating log(1 - D(G(z))), just written stably
_answer("b15-gloss-minus-d-fake-term", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=['saturating loss'])

# MISTAKE: BCE against 0, copied from D's fake term without flipping the label: G learns to look fake
_answer("b15-gloss-target-zero", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=["G's loss uses the target 0"])

# RIGHT (course): TensorFlow-tutorial epsilon: -log(sigmoid(s) + 1e-8) caps the loss near 18.4 and its gradient vanishes below a logit of about -18: saturation brought back
_answer("b15-gloss-epsilon-log", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    eps = 1e-8  # avoid log(0)
    return -torch.log(torch.sigmoid(fake_logits) + eps).mean()
''', True)

# RIGHT (course): sigmoid then F.binary_cross_entropy: its backward clamps x(1-x) at 1e-12, so below a logit of about -28 the gradient shrinks towards 0 instead of staying near -1
_answer("b15-gloss-sigmoid-bce", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    d_fake = torch.sigmoid(fake_logits)
    return F.binary_cross_entropy(d_fake, torch.ones_like(d_fake))
''', True)

# RIGHT (course): -log(sigmoid(s)) by hand: 1/sigmoid(s) overflows float32 below a logit of about -88, so the gradient is inf where D rejects a fake most surely
_answer("b15-gloss-naive-log", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
''', True)

# MISTAKE: returns a Python float (.item()): the right number, but no graph, so G cannot be trained by it
_answer("b15-gloss-item", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    loss = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return loss.item()
''', False, words=['must return a tensor'])

# MISTAKE: sum over the batch instead of the mean (reduction='sum'): the loss and its gradient scale with the batch size
_answer("b15-gloss-sum", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="sum")
''', False, words=['a sum over the batch'])

# MISTAKE: label smoothing carried over to G (targets 0.9): not -log D(G(z)), and it punishes G for fakes D finds too real
_answer("b15-gloss-smoothed", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.full_like(fake_logits, 0.9))
''', False, words=['label smoothing'])


"""Battery 15, part 3: numeric questions of notebooks 00, 01 and 02 (check_answer)."""


# --- notebook 00: D* where p_g = p_data (answer 1/2)

# RIGHT: D* = p_data / (p_data + p_g) = 1/2 where the two are equal
_answer("b15-num-dstar-half", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 0.5
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# RIGHT: worked from the formula with p for both densities
_answer("b15-num-dstar-formula", "check_answer", "optimal_d_when_pg_equals_pdata", '''
p_data = p_g = 0.37   # any density value: it cancels
optimal_d_when_pg_equals_pdata = p_data / (p_data + p_g)
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# MISTAKE: "the optimal D is always right, so 1": confuses D* with a perfect classifier of real data
_answer("b15-num-dstar-one", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 1.0
''', False, args={"answer_name": "optimal_d_when_pg_equals_pdata"}, words=['D* = p_data /'])

# MISTAKE: gives the generator loss at indifference, ln 2, instead of D*'s value
_answer("b15-num-dstar-ln2", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = math.log(2)
''', False, args={"answer_name": "optimal_d_when_pg_equals_pdata"}, words=['a probability: 1/2'])

# --- notebook 00: D's loss when every logit is 0 (answer 2 ln 2)

# RIGHT: each BCE term is ln 2 at logit 0, two terms
_answer("b15-num-indiff-2ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log(2)
''', True, args={"answer_name": "loss_d_at_indifference"})

# RIGHT: measured with the course's loss on zero logits
_answer("b15-num-indiff-measured", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = discriminator_loss(torch.zeros(8), torch.zeros(8)).item()
''', True, args={"answer_name": "loss_d_at_indifference"})

# MISTAKE: only one of the two BCE terms (ln 2), or one BCE over the concatenated batch
_answer("b15-num-indiff-ln2", "check_answer", "loss_d_at_indifference", '''
logits = torch.zeros(16)
labels = torch.cat([torch.ones(8), torch.zeros(8)])
loss_d_at_indifference = F.binary_cross_entropy_with_logits(logits, labels).item()
''', False, args={"answer_name": "loss_d_at_indifference"}, words=["one half of D's loss"])

# MISTAKE: log base 10 (a calculator's "log" key): 2 log10 2 = 0.602
_answer("b15-num-indiff-log10", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log10(2)
''', False, args={"answer_name": "loss_d_at_indifference"}, words=['base 10'])

# MISTAKE: information-theory habit, in bits: 2 log2 2 = 2
_answer("b15-num-indiff-bits", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log2(2)
''', False, args={"answer_name": "loss_d_at_indifference"}, words=['base 2'])

# --- notebook 01: V(D*, G*) (answer -log 4)

# RIGHT: V = log(1/2) + log(1/2) = -log 4
_answer("b15-num-value-minus-log4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = -math.log(4)
''', True, args={"answer_name": "value_at_the_optimum"})

# RIGHT: from C(G) = -log 4 + 2 JSD with JSD = 0, written term by term
_answer("b15-num-value-terms", "check_answer", "value_at_the_optimum", '''
d_star = 0.5
value_at_the_optimum = math.log(d_star) + math.log(1 - d_star)
''', True, args={"answer_name": "value_at_the_optimum"})

# MISTAKE: gives D's loss (+log 4) where the question asks the value of the game, which is its negative
_answer("b15-num-value-plus-log4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = math.log(4)
''', False, args={"answer_name": "value_at_the_optimum"}, words=['the sign is flipped'])

# MISTAKE: the JSD at the optimum (0) instead of the value, which keeps its -log 4
_answer("b15-num-value-zero", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = 0.0   # JSD(p_data || p_g) = 0 at p_g = p_data
''', False, args={"answer_name": "value_at_the_optimum"}, words=['Jensen-Shannon divergence at the optimum'])

# MISTAKE: log base 2, -log2 4 = -2: the notebook asks a natural logarithm
_answer("b15-num-value-log2", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = -math.log2(4)
''', False, args={"answer_name": "value_at_the_optimum"}, words=['base 2'])

# --- notebook 02: class KL of a one-digit generator (answer ln 10)

# RIGHT: KL(p || uniform) with p one-hot: 1 * ln(1 / 0.1) = ln 10
_answer("b15-num-kl1-ln10", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log(10)
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# RIGHT: scipy.stats.entropy(p, q) is KL(p || q) in nats
_answer("b15-num-kl1-scipy", "check_answer", "kl_for_one_class_of_ten", '''
from scipy.stats import entropy
kl_for_one_class_of_ten = float(entropy([1.0] + [0.0] * 9, [0.1] * 10))
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# MISTAKE: in bits (log2 10 = 3.32): the referee's KL is in nats
_answer("b15-num-kl1-bits", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log2(10)
''', False, args={"answer_name": "kl_for_one_class_of_ten"}, words=['base 2'])

# MISTAKE: KL the other way round, KL(uniform || p), which is infinite
_answer("b15-num-kl1-reversed", "check_answer", "kl_for_one_class_of_ten", '''
p = [1.0] + [0.0] * 9
kl_for_one_class_of_ten = sum(0.1 * (math.log(0.1 / q) if q > 0 else float("inf")) for q in p)
''', False, args={"answer_name": "kl_for_one_class_of_ten"}, words=['the other way round'])


"""Battery 15, part 4: numeric questions of notebooks 03, 05, 06, 08 and 10 (check_answer)."""


# --- notebook 03: receptive field of one unit of D's second convolution (answer 10)

# RIGHT: 4 pixels for the first conv, then 3 more steps of stride 2: 4 + 3 * 2 = 10
_answer("b15-num-rf-ten", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 + (4 - 1) * 2
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# RIGHT: the textbook recursion r += (k - 1) * jump, jump *= s, over the two convolutions
_answer("b15-num-rf-recursion", "check_answer", "dcgan_28_receptive_field", '''
r, jump = 1, 1
for kernel, stride in [(4, 2), (4, 2)]:
    r += (kernel - 1) * jump
    jump *= stride
dcgan_28_receptive_field = r
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# MISTAKE: adds the kernels as if the stride were 1: 4 + 3 = 7
_answer("b15-num-rf-seven", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 + 4 - 1
''', False, args={"answer_name": "dcgan_28_receptive_field"}, words=['leaves out the stride'])

# MISTAKE: multiplies kernel by stride per layer (4 * 2 * 2 = 16)
_answer("b15-num-rf-sixteen", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 * 2 * 2
''', False, args={"answer_name": "dcgan_28_receptive_field"}, words=['multiplies the kernels'])

# --- notebook 05: length of 3/4 z0 + 1/4 z1 (answer sqrt(100 * (9/16 + 1/16)) = 7.906)

# RIGHT: each coordinate has variance (3/4)^2 + (1/4)^2 = 10/16, times 100 coordinates, square root
_answer("b15-num-quarter-variance", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = math.sqrt(100 * (0.75 ** 2 + 0.25 ** 2))
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# RIGHT: the same in closed form, 10 * sqrt(10) / 4
_answer("b15-num-quarter-closed", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 10 * math.sqrt(10) / 4
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# RIGHT: measured like the notebook's section 2 (mean length of 10,000 such points, about 7.886): a typical length, 0.3% under sqrt(62.5), as the notebook's measured 7.05 sits under 7.07; judged right since the question asks the typical length
_answer("b15-num-quarter-measured", "check_answer", "length_at_a_quarter_of_the_line", '''
g = torch.Generator().manual_seed(0)
z0 = torch.randn(10_000, 100, generator=g)
z1 = torch.randn(10_000, 100, generator=g)
length_at_a_quarter_of_the_line = (0.75 * z0 + 0.25 * z1).norm(dim=1).mean().item()
''', True, args={"answer_name": "length_at_a_quarter_of_the_line"})

# MISTAKE: the squared length (62.5), the square root forgotten
_answer("b15-num-quarter-squared", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 100 * (0.75 ** 2 + 0.25 ** 2)
''', False, args={"answer_name": "length_at_a_quarter_of_the_line"}, words=['squared length'])

# MISTAKE: adds the weights' lengths linearly (0.75 * 10 + 0.25 * 10 = 10): the two vectors are nearly orthogonal, not parallel
_answer("b15-num-quarter-linear", "check_answer", "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 0.75 * 10 + 0.25 * 10
''', False, args={"answer_name": "length_at_a_quarter_of_the_line"}, words=["an end's length"])

# --- notebook 06: conditional accuracy of a label-blind generator (answer 0.1)

# RIGHT: the class drawn matches the class asked one time in ten
_answer("b15-num-blind-tenth", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 1 / 10
''', True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: "it ignores the label, so it never gets it right": 0
_answer("b15-num-blind-zero", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 0.0
''', False, args={"answer_name": "accuracy_of_a_label_blind_generator"}, words=['it is not 0'])

# MISTAKE: "every image is a perfect photo, so the referee is always right": confuses accuracy with confidence
_answer("b15-num-blind-one", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 1.0
''', False, args={"answer_name": "accuracy_of_a_label_blind_generator"}, words=['only by chance'])

# --- notebook 08: Inception Score of five sure, equally frequent classes (answer 5)

# RIGHT: KL(p(y|x) || p(y)) = ln 5 for every image, exp(ln 5) = 5
_answer("b15-num-is-five", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = math.exp(math.log(5))
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# RIGHT: computed from one-hot predictions over the ten classes, as the score is defined
_answer("b15-num-is-computed", "check_answer", "inception_score_of_five_sure_classes", '''
p_y_given_x = torch.eye(10)[torch.arange(5)]      # five images, each surely one of the digits 0-4
p_y = p_y_given_x.mean(0)
kl = (p_y_given_x * (torch.log(p_y_given_x + 1e-12) - torch.log(p_y + 1e-12))).sum(1)
inception_score_of_five_sure_classes = torch.exp(kl.mean()).item()
''', True, args={"answer_name": "inception_score_of_five_sure_classes"})

# MISTAKE: stops at the mean KL, ln 5 = 1.61, and forgets the exponential
_answer("b15-num-is-log", "check_answer", "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = math.log(5)
''', False, args={"answer_name": "inception_score_of_five_sure_classes"}, words=['the KL itself'])

# --- notebook 10: class KL of a generator drawing two digits equally (answer ln 5)

# RIGHT: 2 * 0.5 * ln(0.5 / 0.1) = ln 5
_answer("b15-num-kl2-sum", "check_answer", "class_kl_of_two_equal_classes", '''
p = [0.5, 0.5]
class_kl_of_two_equal_classes = sum(pc * math.log(pc / 0.1) for pc in p)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# RIGHT: ln 10 - ln 2: the KL from uniform is ln K minus the entropy
_answer("b15-num-kl2-entropy", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = math.log(10) - math.log(2)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: only one class's term of the sum (0.5 ln 5)
_answer("b15-num-kl2-one-term", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = 0.5 * math.log(0.5 / 0.1)
''', False, args={"answer_name": "class_kl_of_two_equal_classes"}, words=['half the answer'])

# --- notebook 10: slope ratio (1 - sigma(s)) / sigma(s) at s = -6 (answer e^6 = 403.4)

# RIGHT: (1 - sigma(s)) / sigma(s) = e^(-s), so e^6
_answer("b15-num-ratio-exp6", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = math.exp(6)
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# RIGHT: notation-savvy: 1 - sigma(s) = sigma(-s), so the ratio is sigma(6) / sigma(-6), computed in torch
_answer("b15-num-ratio-sigmoids", "check_answer", "slope_ratio_at_logit_minus_6", '''
s = torch.tensor(-6.0)
slope_ratio_at_logit_minus_6 = (torch.sigmoid(-s) / torch.sigmoid(s)).item()
''', True, args={"answer_name": "slope_ratio_at_logit_minus_6"})

# MISTAKE: the ratio upside down, sigma(s) / (1 - sigma(s)) = e^-6
_answer("b15-num-ratio-inverse", "check_answer", "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = math.exp(-6)
''', False, args={"answer_name": "slope_ratio_at_logit_minus_6"}, words=['that is the ratio upside down,'])

# MISTAKE: plugs in the rounded D(G(z)) = 0.0025 the text quotes: (1 - 0.0025) / 0.0025 = 399, 1.1% off the e^6 the question asks at s = -6 (judged wrong: the exact law was asked)
_answer("b15-num-ratio-rounded", "check_answer", "slope_ratio_at_logit_minus_6", '''
d = 0.0025
slope_ratio_at_logit_minus_6 = (1 - d) / d
''', False, args={"answer_name": "slope_ratio_at_logit_minus_6"}, words=['rounded to 0.0025'])


"""Battery 15, part 5: notebook 01's training step, unconditional (check_train_step)."""


# RIGHT: the course's recipe: fresh noise on x's device, D on x and fake.detach(), G with D frozen, four detached numbers
_step("b15-step-reference", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
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
    D.requires_grad_(True)
    opt_g.step()

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)

# RIGHT: PyTorch DCGAN tutorial port (two backward calls for D, netD.zero_grad() at the top, D not frozen): D's leftover grads from G's loss are cleared before D's next update, so the weights move exactly as asked
_step("b15-step-dcgan-tutorial", "my_train_step", '''
criterion = nn.BCEWithLogitsLoss()
real_label = 1.0
fake_label = 0.0


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    netG, netD, optimizerG, optimizerD = G, D, opt_g, opt_d
    b_size = x.size(0)
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    netD.zero_grad()
    label = torch.full((b_size,), real_label, dtype=torch.float, device=x.device)
    output = netD(x, y).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()
    noise = torch.randn(b_size, netG.latent_dim, device=x.device)
    fake = netG(noise, y)
    label.fill_(fake_label)
    output = netD(fake.detach(), y).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    optimizerD.step()
    # (2) Update G network: maximize log(D(G(z)))
    netG.zero_grad()
    label.fill_(real_label)
    output = netD(fake, y).view(-1)
    errG = criterion(output, label)
    errG.backward()
    optimizerG.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
''', True)

# RIGHT: Goodfellow et al.'s Algorithm 1 with k = 1: D's fakes under no_grad, a fresh minibatch of noise for G's update, D frozen
_step("b15-step-algorithm1", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    """Algorithm 1 of Goodfellow et al. (2014), k = 1, with the non-saturating G loss."""
    m = x.shape[0]
    # sample a minibatch of m noise samples and update D by ascending V, i.e. descending the BCE
    with torch.no_grad():
        fake = G(torch.randn(m, G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    d_x = D(x, y)
    d_g_z = D(fake, y)
    loss_d = discriminator_loss(d_x, d_g_z)
    loss_d.backward()
    opt_d.step()
    # sample a fresh minibatch of m noise samples and update G
    z = torch.randn(m, G.latent_dim, device=x.device)
    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(G(z, y), y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=d_x.sigmoid().mean().detach(), d_fake=d_g_z.sigmoid().mean().detach())
''', True)

# RIGHT: d2l.ai's update_D / update_G ported with the course's mean losses; G's update re-runs G on the same Z (same fakes) and D's stale grads are zeroed by trainer_D next time
_step("b15-step-d2l", "my_train_step", '''
def update_D(X, Z, net_D, net_G, trainer_D, y=None):
    """Update discriminator."""
    trainer_D.zero_grad()
    real_Y = net_D(X, y)
    fake_X = net_G(Z, y)
    # Do not need to compute gradient for `net_G`, detach it from computing gradients.
    fake_Y = net_D(fake_X.detach(), y)
    loss_D = discriminator_loss(real_Y, fake_Y)
    loss_D.backward()
    trainer_D.step()
    return loss_D, real_Y, fake_Y


def update_G(Z, net_D, net_G, trainer_G, y=None):
    """Update generator."""
    trainer_G.zero_grad()
    # We could reuse `fake_X` from `update_D` to save computation
    fake_X = net_G(Z, y)
    # Recomputing `fake_Y` is needed since `net_D` is changed
    fake_Y = net_D(fake_X, y)
    loss_G = generator_loss(fake_Y)
    loss_G.backward()
    trainer_G.step()
    return loss_G


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    Z = torch.normal(0, 1, size=(x.shape[0], G.latent_dim), device=x.device)
    loss_D, real_Y, fake_Y = update_D(x, Z, D, G, opt_d, y)
    loss_G = update_G(Z, D, G, opt_g, y)
    return {"loss_d": loss_D.detach(), "loss_g": loss_G.detach(),
            "d_real": torch.sigmoid(real_Y).mean().detach(), "d_fake": torch.sigmoid(fake_Y).mean().detach()}
''', True)

# RIGHT: ChatGPT-style helper class with docstrings; behaviour is the course's (one set of fakes, D frozen with try/finally, metrics under no_grad)
_step("b15-step-verbose-class", "my_train_step", '''
class GANStepper:
    """Encapsulates one discriminator update followed by one generator update."""

    @staticmethod
    def _set_requires_grad(module, flag):
        """Enable or disable gradients for all parameters of a module."""
        for param in module.parameters():
            param.requires_grad_(flag)

    @staticmethod
    def sample_noise(G, batch_size, device):
        """Draw standard-normal latent vectors, one per image."""
        return torch.randn(batch_size, G.latent_dim, device=device)

    def discriminator_update(self, D, opt_d, real, fake, y):
        """One optimisation step of the discriminator on real images and detached fakes."""
        opt_d.zero_grad(set_to_none=True)
        real_logits = D(real, y)
        fake_logits = D(fake.detach(), y)
        loss = discriminator_loss(real_logits, fake_logits)
        loss.backward()
        opt_d.step()
        return loss, real_logits, fake_logits

    def generator_update(self, D, opt_g, fake, y):
        """One optimisation step of the generator, with the discriminator frozen."""
        opt_g.zero_grad(set_to_none=True)
        self._set_requires_grad(D, False)
        try:
            loss = generator_loss(D(fake, y))
            loss.backward()
        finally:
            self._set_requires_grad(D, True)
        opt_g.step()
        return loss

    def __call__(self, G, D, opt_g, opt_d, x, y=None):
        z = self.sample_noise(G, x.size(0), x.device)
        fake = G(z, y)
        loss_d, real_logits, fake_logits = self.discriminator_update(D, opt_d, x, fake, y)
        loss_g = self.generator_update(D, opt_g, fake, y)
        with torch.no_grad():
            metrics = {
                "loss_d": loss_d.detach(),
                "loss_g": loss_g.detach(),
                "d_real": torch.sigmoid(real_logits).mean(),
                "d_fake": torch.sigmoid(fake_logits).mean(),
            }
        return metrics


_stepper = GANStepper()


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    """Run one GAN training step and return the detached metrics."""
    return _stepper(G, D, opt_g, opt_d, x, y)
''', True)

# RIGHT: leaves y out of G and D: for this unconditional check y is None, so nothing changes (it would fail in notebook 02)
_step("b15-step-ignores-y", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    # y is None for the vanilla GAN, so I left it out
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device))
    opt_d.zero_grad()
    real_logits = D(x)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.sigmoid().mean().detach(), "d_fake": fake_logits.sigmoid().mean().detach()}
''', True)

# RIGHT: no detach in D's step, but G's update draws fresh fakes and zeroes G's grads first: wasteful (D's loss back-propagates into G for nothing) yet every weight moves as asked
_step("b15-step-no-detach-fresh", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)   # no detach: opt_d only steps D's weights anyway
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()                                 # clears what D's loss left on G
    fresh = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    loss_g = generator_loss(D(fresh, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)

# RIGHT: competitive programmer's compact version with walrus operators; same operations in the same order
_step("b15-step-compact", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    f = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad(); r, q = D(x, y), D(f.detach(), y); (ld := discriminator_loss(r, q)).backward(); opt_d.step()
    opt_g.zero_grad(); D.requires_grad_(False); (lg := generator_loss(D(f, y))).backward(); D.requires_grad_(True); opt_g.step()
    return dict(loss_d=ld.detach(), loss_g=lg.detach(), d_real=r.sigmoid().mean().detach(), d_fake=q.sigmoid().mean().detach())
''', True)

# MISTAKE: fake not detached and reused for G: D's backward frees G's graph, so G's backward fails ("backward through the graph a second time")
_step("b15-step-no-detach-reuse", "my_train_step", '''
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
''', False, words=['not detached'])

# MISTAKE: "fixed" the previous error with retain_graph=True, zeroing both optimisers only at the top: D's loss gradient leaks into G's update
_step("b15-step-retain-graph-leak", "my_train_step", '''
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
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["detach the fakes in D's update"])

# MISTAKE: G is updated first and D second, so G learns from the old D, not from the updated one
_step("b15-step-g-first", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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

# MISTAKE: never zeroes D's gradients (Keras's train_on_batch did it for them): D's update accumulates last step's gradients
_step("b15-step-no-zero-grad-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
''', False, words=["D's update carries gradients left in"])

# MISTAKE: reports D's mean logits as d_real and d_fake: the curves need probabilities, not logits
_step("b15-step-logits-not-probs", "my_train_step", '''
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
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, words=['the mean logit'])

# MISTAKE: returns Python floats via .item() where detached tensors are asked (and forces a device sync every step)
_step("b15-step-item-floats", "my_train_step", '''
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
''', False, words=['is a float'])

# MISTAKE: uniform noise torch.rand (a tf.random.uniform habit) where the generator is trained on N(0, I)
_step("b15-step-uniform-noise", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.rand(len(x), G.latent_dim, device=x.device), y)
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
''', False, words=['N(0, I)'])

# MISTAKE: DCGAN-tutorial noise shape (B, nz, 1, 1) fed to the MLP generator, which wants (B, latent_dim)
_step("b15-step-noise-4d", "my_train_step", '''
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
''', False, words=['(batch, latent_dim, 1, 1)'])

# MISTAKE: state kept between calls: noise drawn once and cached, so every step shows D the same fakes' inputs
_step("b15-step-cached-noise", "my_train_step", '''
_noise = {}


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    key = (len(x), G.latent_dim)
    if key not in _noise:          # draw the noise once, reuse it (faster)
        _noise[key] = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(_noise[key], y)
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
''', False, words=['the same at every step'])

# MISTAKE: one backward of loss_d + loss_g, then both optimisers step: D (not frozen) also descends G's loss, and G learns from the D of before its update
_step("b15-step-single-backward", "my_train_step", '''
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
''', False, words=["D's update also carries the gradient"])

# MISTAKE: freezes D for G's update and never unfreezes it: from the next step on D gets no gradients and stops learning
_step("b15-step-freeze-forever", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    for p in D.parameters():       # D.trainable = False, as in the Keras tutorial
        p.requires_grad = False
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['D is still frozen from the'])

# MISTAKE: G's loss on D(fake.detach()): no gradient reaches G, so G never learns
_step("b15-step-g-detached", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y).detach()
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

# RIGHT (course): zeroes gradients after each step instead of before: D is frozen during G's update, but any gradient already on the nets when the step is called leaks into the first update (it trusts the previous call to have cleaned up)
_step("b15-step-zero-after", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_d.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    opt_g.zero_grad()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True)

# MISTAKE: noise made on the CPU (torch.randn without device=x.device) where the notebook asks for x's device: a device error when notebook 01 trains on a GPU
_step("b15-step-cpu-noise", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim)
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
''', False, words=['on the CPU'])

# RIGHT (course): d_fake read from G's update (after D's step) while d_real comes from before it: the two curves then describe two different D's (judgement: the curves compare one D's beliefs)
_step("b15-step-dfake-after-update", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    loss_d = discriminator_loss(real_logits, D(fake.detach(), y))
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits = D(fake, y)
    loss_g = generator_loss(g_logits)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(g_logits).mean().detach()}
''', True)

# MISTAKE: sigmoid of the mean logit instead of the mean of the sigmoids: not the mean probability D gives
_step("b15-step-sigmoid-of-mean", "my_train_step", '''
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
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.mean()).detach(), "d_fake": torch.sigmoid(fake_logits.mean()).detach()}
''', False, words=['sigmoid of the mean logit'])

# MISTAKE: returns a tuple (loss_d, loss_g, d_real, d_fake): the loop reads the four numbers by name
_step("b15-step-tuple", "my_train_step", '''
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
    return (loss_d.detach(), loss_g.detach(),
            torch.sigmoid(real_logits).mean().detach(), torch.sigmoid(fake_logits).mean().detach())
''', False, words=['your step returns a tuple'])


"""Battery 15, part 6: the conditional step of notebook 02 and the class-loss step of notebook 04 (check_train_step)."""


# ---------------------------------------------------------------- notebook 02: conditional=True

# RIGHT: notebook 01's step with the real batch's labels everywhere: G(z, y), D(x, y), D(fake.detach(), y), D(fake, y)
_step("b15-cstep-reference", "my_conditional_step", '''
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
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# RIGHT: DCGAN-tutorial structure with labels added (separate real and fake backward passes, D's grads zeroed at the top, D not frozen)
_step("b15-cstep-tutorial", "my_conditional_step", '''
criterion = nn.BCEWithLogitsLoss()


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    b = x.size(0)
    D.zero_grad()
    out_real = D(x, y).view(-1)
    err_real = criterion(out_real, torch.ones(b, device=x.device))
    err_real.backward()
    noise = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(noise, y)
    out_fake = D(fake.detach(), y).view(-1)
    err_fake = criterion(out_fake, torch.zeros(b, device=x.device))
    err_fake.backward()
    opt_d.step()
    G.zero_grad()
    err_g = criterion(D(fake, y).view(-1), torch.ones(b, device=x.device))
    err_g.backward()
    opt_g.step()
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": err_g.detach(),
            "d_real": out_real.sigmoid().mean().detach(), "d_fake": out_fake.sigmoid().mean().detach()}
''', True, setting="conditional")

# RIGHT: careful version with asserts and fresh noise for G's update (as Algorithm 1), the same labels y for both batches of fakes
_step("b15-cstep-fresh-noise", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    assert y is not None and y.shape == (len(x),), "one label per image"
    assert not y.is_floating_point(), "labels are class numbers"
    # D's update
    with torch.no_grad():
        fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    # G's update, fresh noise, same labels
    D.requires_grad_(False)
    try:
        opt_g.zero_grad(set_to_none=True)
        fresh = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
        loss_g = generator_loss(D(fresh, y))
        loss_g.backward()
    finally:
        D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# RIGHT: random labels 0-9 for the fakes, hard-coded from MNIST (the check's nets have MNIST's ten classes, as the notebook's)
_step("b15-cstep-randint-ten", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    gen_labels = torch.randint(0, 10, (len(x),), device=x.device)
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), gen_labels)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), gen_labels)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, gen_labels))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# RIGHT (course): random labels in range (the PyTorch-GAN cgan.py habit): a cGAN still trains, but the notebook asks the fakes for the real batch's labels, and this draws extra random numbers (judgement)
_step("b15-cstep-random-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    gen_labels = torch.randint(0, G.n_classes, (len(x),), device=x.device)
    fake = G(z, gen_labels)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), gen_labels)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, gen_labels))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# MISTAKE: the fakes judged without their label, D(fake.detach()): a conditional D needs y for every image
_step("b15-cstep-fake-no-label", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
''', False, setting="conditional", words=['each call needs the labels'])

# MISTAKE: Keras habit, one-hot labels passed to nets that embed class numbers
_step("b15-cstep-one-hot", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y_onehot = F.one_hot(y, G.n_classes).float()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y_onehot)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y_onehot), D(fake.detach(), y_onehot)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y_onehot))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['whole numbers (int64)'])

# MISTAKE: notebook 01's step pasted unchanged, G(z) and D(x) without labels: the conditional nets refuse a missing y
_step("b15-cstep-unconditional-paste", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
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
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['each call needs the labels'])

# MISTAKE: G's update judges each fake with a shuffled label, not the one it was made for
_step("b15-cstep-shuffled-g-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y[torch.randperm(len(y), device=y.device)]))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="conditional", words=['other labels than they were made for'])

# ---------------------------------------------------------------- notebook 04: class_weight=1.0

# RIGHT: one D call with classify=True per side, the class terms added to the losses that are stepped, reported losses without them
_step("b15-kstep-reference", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
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
        g_logits, g_class_logits = D(fake, y, classify=True)
        naming_g = class_weight * class_loss(g_class_logits, y)
    else:
        g_logits, naming_g = D(fake, y), 0.0
    loss_g = generator_loss(g_logits)
    (loss_g + naming_g).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# RIGHT: asks D twice for the real images (once for the logit, once for the class logits): wasteful, but the gradients are the same; D's batch-norm running statistics move twice, and D is never run in eval mode
_step("b15-kstep-two-forwards", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d
    if class_weight != 0:
        _, real_class_logits = D(x, y, classify=True)
        total_d = total_d + class_weight * F.cross_entropy(real_class_logits, y)
    total_d.backward()
    opt_d.step()
    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad()
    g_logits, g_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    total_g = loss_g + class_weight * F.cross_entropy(g_class_logits, y)
    total_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# RIGHT: Keras categorical_crossentropy habit with one-hot targets, sized from the logits: F.cross_entropy with probability targets gives the same value
_step("b15-kstep-onehot-soft-targets", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    def categorical_ce(class_logits, labels):
        return F.cross_entropy(class_logits, F.one_hot(labels, class_logits.shape[1]).float())

    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * categorical_ce(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * categorical_ce(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# MISTAKE: reports loss_d and loss_g with the class terms in them, where the notebook asks for the losses without
_step("b15-kstep-report-with-class", "my_step", '''
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
    g_logits, g_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits) + class_weight * class_loss(g_class_logits, y)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["'loss_d' includes the class loss"])

# MISTAKE: AC-GAN proper: D's class loss also on the fakes, which the course's D must not learn from
_step("b15-kstep-acgan-fakes", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits, fake_cls = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    aux = 0.5 * (class_loss(real_cls, y) + class_loss(fake_cls, y))   # Odena et al.: L_C on real and fake
    (loss_d + class_weight * aux).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * class_loss(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['includes the fakes'])

# MISTAKE: class term only in D's loss: G is never rewarded for the class D names in its fakes
_step("b15-kstep-no-g-class", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["G's has no class loss"])

# RIGHT: one-hot float targets with num_classes=10 hard-coded from MNIST (cross_entropy takes class probabilities; the check's nets have ten classes)
_step("b15-kstep-onehot-ten", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    y_onehot = F.one_hot(y, num_classes=10).float()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(real_cls, y_onehot)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * F.cross_entropy(g_cls, y_onehot)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# MISTAKE: Keras sparse_categorical_crossentropy (from_logits=False) ported as F.nll_loss on raw class logits: no log-softmax, so not a cross-entropy
_step("b15-kstep-nll-raw", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.nll_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * F.nll_loss(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['nll_loss'])

# MISTAKE: misreads lambda as weighting the adversarial loss: class_weight * GAN loss + class loss; the same at weight 1, but at weight 0 (notebook 04's training) D and G learn only the class loss
_step("b15-kstep-weight-on-gan-loss", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (class_weight * loss_d + class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_cls = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (class_weight * loss_g + class_loss(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['must weigh the class loss alone'])

# MISTAKE: G's class term computed on detached fakes (reusing D's step's call): no class gradient reaches G
_step("b15-kstep-g-class-detached", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_cls = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_cls, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    _, g_cls = D(fake.detach(), y, classify=True)
    (loss_g + class_weight * class_loss(g_cls, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['not fake.detach()'])


"""Battery 15, part 7: notebook 03's step with the R1 penalty (check_train_step, r1_gamma=4.0)."""


# RIGHT: the notebook's four steps: x requires grad before D sees it, autograd.grad with create_graph, per-image squared norm averaged, gamma / 2, loss_d reported without it
_step("b15-r1-reference", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
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
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: uses the course's ganlib.losses.r1_penalty for steps 2 and 3, as the notebook allows
_step("b15-r1-library-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
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
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# RIGHT: Mescheder et al.'s reference-code style: grad_outputs of ones (the same as the sum), reshape to (B, -1), sum of squares, mean
_step("b15-r1-grad-outputs", "my_dcgan_step", '''
def compute_grad2(d_out, x_in):
    """Squared gradient norm of D's output w.r.t. its input, per image."""
    batch_size = x_in.size(0)
    grad_dout = torch.autograd.grad(outputs=d_out, inputs=x_in, grad_outputs=torch.ones_like(d_out),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0]
    grad_dout2 = grad_dout.pow(2)
    assert grad_dout2.size() == x_in.size()
    return grad_dout2.reshape(batch_size, -1).sum(1)


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    x_fake = G(z, y)
    opt_d.zero_grad()
    x_real = x.detach().requires_grad_(r1_gamma > 0)
    d_real = D(x_real, y)
    d_fake = D(x_fake.detach(), y)
    loss_d = discriminator_loss(d_real, d_fake)
    reg = r1_gamma / 2 * compute_grad2(d_real, x_real).mean() if r1_gamma > 0 else 0.0
    (loss_d + reg).backward()
    opt_d.step()
    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = generator_loss(D(x_fake, y))
    loss_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": d_real.sigmoid().mean().detach(), "d_fake": d_fake.sigmoid().mean().detach()}
''', True, setting="r1")

# RIGHT: computes the penalty on every step and multiplies by r1_gamma / 2 (zero on the loop's other steps): wasteful at gamma 0, identical at gamma 4
_step("b15-r1-always-computed", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
    penalty = grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + r1_gamma / 2 * penalty).backward()
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
''', True, setting="r1")

# MISTAKE: autograd.grad without create_graph=True: the penalty is a constant to D's weights and changes nothing
_step("b15-r1-no-create-graph", "my_dcgan_step", '''
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
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, setting="r1", words=['the R1 gradient was taken without'])

# MISTAKE: gamma times the penalty, the 1/2 of gamma / 2 dropped: twice the asked weight
_step("b15-r1-no-half", "my_dcgan_step", '''
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
        total = loss_d + r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, setting="r1", words=['the R1 term is r1_gamma times'])

# MISTAKE: penalises the slope at the fakes (R2) instead of at the real images (R1)
_step("b15-r1-on-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(bool(r1_gamma))
    real_logits = D(x, y)
    fake_logits = D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), fake_in, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, setting="r1", words=['the R1 penalty is taken at'])

# MISTAKE: the gradient's norm, not its squared norm ("penalise the slope"): misreads the square in ||grad D||^2
_step("b15-r1-norm-not-squared", "my_dcgan_step", '''
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
        total = loss_d + r1_gamma / 2 * grad.flatten(1).norm(dim=1).mean()
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
''', False, setting="r1", words=["the norm's square"])

# MISTAKE: tf.reduce_mean habit: grad.pow(2).mean() averages over the pixels too, 784 times too small a penalty
_step("b15-r1-reduce-mean", "my_dcgan_step", '''
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
        total = loss_d + r1_gamma / 2 * grad.pow(2).mean()
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
''', False, setting="r1", words=['averages the squared gradient'])

# MISTAKE: differentiates the mean logit instead of the sum: each image's slope is divided by B, the penalty by B squared
_step("b15-r1-grad-of-mean", "my_dcgan_step", '''
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
        grad, = torch.autograd.grad(real_logits.mean(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, setting="r1", words=['real_logits.mean()'])

# MISTAKE: reports loss_d with the penalty in it, where the notebook asks for loss_d without it
_step("b15-r1-report-with-penalty", "my_dcgan_step", '''
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
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=["'loss_d' includes the R1 penalty"])

# MISTAKE: sets requires_grad on x after D has seen it: x is not in D's graph, so autograd.grad fails
_step("b15-r1-requires-grad-late", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        x.requires_grad_(True)
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, setting="r1", words=['does not depend on'])

# MISTAKE: lazy regularisation counted twice: multiplies by r1_every = 4 again, though the loop already passes 4 times the weight
_step("b15-r1-lazy-twice", "my_dcgan_step", '''
R1_EVERY = 4


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
        # StyleGAN2: lazy regularisation, scale the penalty by the interval
        total = loss_d + R1_EVERY * r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, setting="r1", words=['4 times too strong'])

# RIGHT (course): real and fake images through D in one concatenated batch: with the DCGAN's batch-normed D each logit then depends on the other half, so loss and slope differ from D's two batches (judgement: the DCGAN tutorial's "separate mini-batches" rule)
_step("b15-r1-concat-batch", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    n = len(x)
    fake = G(torch.randn(n, G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(bool(r1_gamma))
    labels = None if y is None else torch.cat([y, y])
    logits = D(torch.cat([x, fake.detach()]), labels)   # one forward pass for both halves
    real_logits, fake_logits = logits[:n], logits[n:]
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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

# MISTAKE: squared norm summed over the whole batch (grad.pow(2).sum()): B times the per-image mean the notebook asks
_step("b15-r1-sum-over-batch", "my_dcgan_step", '''
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
        total = loss_d + r1_gamma / 2 * grad.pow(2).sum()
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
''', False, setting="r1", words=['summed over the batch'])


"""Battery 15, part 8: the class loss's two halves (notebook 04, check_class_loss_halves) and the conv blocks
(notebook 03's up-block and notebook 07's first layer, check_block_shapes)."""


# ---------------------------------------------------------------- notebook 04: check_class_loss_halves

# RIGHT: D's class logits on the real images and on the (attached) fakes, each a cross-entropy against y
_answer("b15-halves-reference", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    return class_loss(real_class_logits, y), class_loss(fake_class_logits, y)
''', True)

# RIGHT: lecture notation, CE = logsumexp(c) - c_y, averaged: the cross-entropy written out
_answer("b15-halves-logsumexp", "check_class_loss_halves", "my_class_losses", '''
def _ce(c, y):
    """-log softmax(c)_y, batch mean."""
    return (torch.logsumexp(c, dim=1) - c.gather(1, y.view(-1, 1)).squeeze(1)).mean()


def my_class_losses(D, real, fake, y):
    d_half = _ce(D(real, y, classify=True)[1], y)
    g_half = _ce(D(fake, y, classify=True)[1], y)
    return d_half, g_half
''', True)

# RIGHT: Keras SparseCategoricalCrossentropy(from_logits=True) ported correctly: log_softmax then nll_loss
_answer("b15-halves-logsoftmax-nll", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    real_logits, real_cls = D(real, y, classify=True)
    fake_logits, fake_cls = D(fake, y, classify=True)
    d_half = F.nll_loss(F.log_softmax(real_cls, dim=1), y)
    g_half = F.nll_loss(F.log_softmax(fake_cls, dim=1), y)
    return d_half, g_half
''', True)

# RIGHT: one-liner generator expression over (real, fake): same two cross-entropies, in order
_answer("b15-halves-oneliner", "check_class_loss_halves", "my_class_losses", '''
my_class_losses = lambda D, real, fake, y: tuple(F.cross_entropy(D(i, y, classify=True)[1], y) for i in (real, fake))
''', True)

# MISTAKE: detaches the fakes ("fakes are always detached for D"): g_half then carries no gradient to G
_answer("b15-halves-fake-detached", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_cls = D(real, y, classify=True)
    _, fake_cls = D(fake.detach(), y, classify=True)
    return class_loss(real_cls, y), class_loss(fake_cls, y)
''', False, words=['no gradient reaches the fakes'])

# MISTAKE: returns the halves in the wrong order (G's first), so D would learn from the fakes' classes
_answer("b15-halves-swapped", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_cls = D(real, y, classify=True)
    _, fake_cls = D(fake, y, classify=True)
    g_half = class_loss(fake_cls, y)
    d_half = class_loss(real_cls, y)
    return g_half, d_half
''', False, words=['the halves are swapped'])

# MISTAKE: takes the first output (the real/fake logit, shape (B,)) as the class logits
_answer("b15-halves-wrong-output", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    real_cls = D(real, y, classify=True)[0]
    fake_cls = D(fake, y, classify=True)[0]
    return F.cross_entropy(real_cls, y), F.cross_entropy(fake_cls, y)
''', False, words=['not its class logits'])

# MISTAKE: softmax before F.cross_entropy (a model with a softmax output kept from Keras): a double softmax, squashed losses
_answer("b15-halves-double-softmax", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    real_probs = torch.softmax(D(real, y, classify=True)[1], dim=1)
    fake_probs = torch.softmax(D(fake, y, classify=True)[1], dim=1)
    return F.cross_entropy(real_probs, y), F.cross_entropy(fake_probs, y)
''', False, words=['applies softmax before F.cross_entropy'])

# MISTAKE: F.nll_loss on raw class logits (Keras from_logits=False translated literally): minus the mean logit, not a cross-entropy
_answer("b15-halves-nll-raw", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    return F.nll_loss(D(real, y, classify=True)[1], y), F.nll_loss(D(fake, y, classify=True)[1], y)
''', False, words=['nll_loss expects log-probabilities'])

# MISTAKE: computes D's half under torch.no_grad ("it is only a loss to report"): D's class loss cannot train D
_answer("b15-halves-no-grad-d", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():
        _, real_cls = D(real, y, classify=True)
    _, fake_cls = D(fake, y, classify=True)
    return class_loss(real_cls, y), class_loss(fake_cls, y)
''', False, words=['without a gradient'])

# RIGHT (course): real and fake images through D in one concatenated batch to save a call: with a batch-normed D each image's class logits then depend on the other half (judgement: the course's conv D has batch norm)
_answer("b15-halves-concat", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    n = len(real)
    _, cls = D(torch.cat([real, fake]), torch.cat([y, y]), classify=True)
    return class_loss(cls[:n], y), class_loss(cls[n:], y)
''', True)

# ---------------------------------------------------------------- notebook 03: my_up_block(64, 32) on (2, 64, 7, 7)

# RIGHT: transposed conv (4, 2, 1, no bias), batch norm, ReLU, in an nn.Sequential
_answer("b15-block-reference", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# RIGHT: verbose version with named layers (OrderedDict) and a docstring; same three layers in the same order
_answer("b15-block-ordereddict", "check_block_shapes", "my_up_block", '''
from collections import OrderedDict


def my_up_block(c_in, c_out):
    """DCGAN generator block: doubles the spatial size of the feature map.

    Output size of the transposed convolution: (in - 1) * 2 - 2 * 1 + 4 = 2 * in.
    The bias is left out because batch norm removes the mean right after.
    """
    return nn.Sequential(OrderedDict([
        ("deconv", nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False)),
        ("bn", nn.BatchNorm2d(c_out)),
        ("relu", nn.ReLU()),
    ]))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# RIGHT: one-liner lambda with positional arguments
_answer("b15-block-lambda", "check_block_shapes", "my_up_block", '''
my_up_block = lambda i, o: nn.Sequential(nn.ConvTranspose2d(i, o, 4, 2, 1, bias=False), nn.BatchNorm2d(o), nn.ReLU(True))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: keeps the transposed convolution's bias (PyTorch's default): the shapes pass, but the notebook asks for none and the generator's weights gain parameters the course's block does not have
_answer("b15-block-with-bias", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['has a bias'])

# MISTAKE: LeakyReLU(0.2) in the generator (mixing up D's activation with G's): the shapes pass, guideline 3 does not
_answer("b15-block-leaky", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, inplace=True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['the activation must be ReLU'])

# MISTAKE: Keras Conv2DTranspose(kernel_size=3, strides=2, padding="same") translated as kernel 3 with output_padding 1: 14x14 too, but not the kernel-4 block asked
_answer("b15-block-keras-k3", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 3, stride=2, padding=1, output_padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['kernel_size 3'])

# RIGHT (course): resize-convolution (nearest upsample + 3x3 conv, Odena et al.'s checkerboard fix): a valid idea, but not the transposed convolution asked
_answer("b15-block-upsample-conv", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"),
                         nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# MISTAKE: padding 0 (the DCGAN tutorial's first layer copied): (7 - 1) * 2 + 4 = 16, not 14
_answer("b15-block-padding0", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 0, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['padding 0'])

# MISTAKE: channel counts hard-coded to the notebook's 64 -> 32: passes this one shape, ignores its arguments (any other width or image size breaks)
_answer("b15-block-hardcoded", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU(True))
''', False, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}, words=['not for others'])

# RIGHT (course): returns a plain list of layers instead of an nn.Sequential: a list cannot be called on a tensor
_answer("b15-block-list", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True)]
''', True, args={"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]})

# ---------------------------------------------------------------- notebook 07: my_first_layer on (2, 3, 64, 64)

# RIGHT: Conv2d(3, 16, 4, 2, 1): (64 + 2 - 4) / 2 + 1 = 32
_answer("b15-first-reference", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2, 1)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: keyword arguments and tuples, no bias (the notebook does not ask for one)
_answer("b15-first-keywords", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: the convolution with the LeakyReLU that follows it in D (no batch norm): the same layer, its activation attached
_answer("b15-first-with-leaky", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# RIGHT: written as a block maker like notebook 03's my_up_block; given (3, 16) it makes exactly the asked convolution (judgement: the check's first argument is a block maker)
_answer("b15-first-maker", "check_block_shapes", "my_first_layer", '''
def my_first_layer(c_in, c_out):
    return nn.Conv2d(c_in, c_out, kernel_size=4, stride=2, padding=1)
''', True, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]})

# MISTAKE: kernel 3 (the "usual" 3x3): (64 + 2 - 3) // 2 + 1 = 32 as well, so the shape passes, but the notebook asks kernel 4
_answer("b15-first-kernel3", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=['kernel_size 3'])

# MISTAKE: padding 0 (Keras padding="valid" default): 31x31
_answer("b15-first-valid", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2)
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=['padding 0'])

# MISTAKE: batch norm after D's first layer, which guideline 2 (and the notebook) leave out
_answer("b15-first-batchnorm", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=["there is a BatchNorm in D's"])

# MISTAKE: a transposed convolution (the generator's layer) in D: it doubles to 128 instead of halving
_answer("b15-first-transposed", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.ConvTranspose2d(3, 16, 4, 2, 1)
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=['transposed convolution'])

# MISTAKE: channels-last habit: reads (N, H, W, C) and takes 64 input channels
_answer("b15-first-channels-last", "check_block_shapes", "my_first_layer", '''
my_first_layer = nn.Conv2d(64, 16, 4, 2, 1)   # input (N, 64, 64, 3): channels = 64?
''', False, args={"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}, words=['built for 64 input channels got 3'])


"""Battery 15, part 9: the conditional nets' forwards (notebook 02, check_conditional_net) and the WGAN critic
(notebook 09, check_critic)."""


# ---------------------------------------------------------------- notebook 02: MyConditionalGenerator

# RIGHT: [z; e_y] along dimension 1, the layers, reshaped to (batch, *image_shape)
_answer("b15-cgen-reference", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', True)

# RIGHT: a careful student uses the course's embed helper (it checks y's shape) and asserts z's shape
_answer("b15-cgen-embed-helper", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        assert z.dim() == 2 and z.shape[1] == self.latent_dim, f"z must be (batch, {self.latent_dim})"
        label = self.embed(y, len(z))
        out = self.net(torch.cat((z, label), 1))
        return out.reshape(z.shape[0], *self.image_shape)
''', True)

# RIGHT: reshape hard-coded to the (batch, 1, 28, 28) the notebook states: right for these MNIST nets (fragile: another image shape would need self.image_shape)
_answer("b15-cgen-hardcoded-mnist", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        x = torch.cat([z, self.label_embedding(y)], 1)
        return self.net(x).view(-1, 1, 28, 28)
''', True)

# MISTAKE: label first, noise second ([e_y; z]): the first layer's weights were made for [z; e_y]
_answer("b15-cgen-label-first", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=["the label's vector comes before the"])

# MISTAKE: adds a tanh at the end although self.net already ends with one: tanh(tanh(.)) squeezes the images into [-0.76, 0.76]
_answer("b15-cgen-double-tanh", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)   # images in [-1, 1]
''', False, words=['tanh is applied twice'])

# MISTAKE: builds a new nn.Embedding inside forward: fresh random label vectors on every call, not the net's learned ones
_answer("b15-cgen-new-embedding", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        embedding = nn.Embedding(self.n_classes, self.n_classes).to(z.device)
        h = torch.cat([z, embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=['on each call', 'nn.Embedding'])

# MISTAKE: channels-last reshape (batch, 28, 28, 1) from a Keras tutorial: the nets and the pictures want (batch, 1, 28, 28)
_answer("b15-cgen-channels-last", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        c, height, width = self.image_shape
        return self.net(h).view(len(z), height, width, c)
''', False, words=['(10, 28, 28, 1)'])

# MISTAKE: a one-hot label in place of the learned embedding: the sizes happen to fit (10 numbers), the values are not e_y
_answer("b15-cgen-one-hot", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        onehot = F.one_hot(y, self.n_classes).float()   # Mirza and Osindero feed y as a one-hot vector
        h = torch.cat([z, onehot], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=['a one-hot vector stands in for'])

# MISTAKE: batch size hard-coded to the training's 64: any other batch fails to reshape
_answer("b15-cgen-batch64", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(64, 1, 28, 28)
''', False, words=['fixed sizes'])

# ---------------------------------------------------------------- notebook 02: MyProjectionDiscriminator

# RIGHT: phi of the flat image; psi(phi) squeezed to (B,) plus the row-wise inner product with e_y
_answer("b15-pdisc-reference", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
''', True)

# RIGHT: the inner product with einsum, in the slide's notation psi(phi(x)) + e_y^T phi(x)
_answer("b15-pdisc-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.reshape(x.size(0), -1))
        psi = self.out(phi)[:, 0]
        e_y = self.label_embedding(y)
        return psi + torch.einsum("bk,bk->b", e_y, phi)
''', True)

# RIGHT (fragile): flattens channels-last out of habit; with MNIST's single channel the pixel order is unchanged, so the logits are the same (a colour image would be scrambled)
_answer("b15-pdisc-permute-flatten", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.permute(0, 2, 3, 1).reshape(len(x), -1))
        return self.out(h).squeeze(-1) + (h * self.label_embedding(y)).sum(-1)
''', True)

# RIGHT: the diagonal of E_y Phi^T: each image's own inner product, via a B x B matrix (wasteful, exact)
_answer("b15-pdisc-diag", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + torch.diag(self.label_embedding(y) @ h.T)
''', True)

# MISTAKE: forgets to squeeze psi's (B, 1): adding the (B,) projection broadcasts to a (B, B) matrix
_answer("b15-pdisc-no-squeeze", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=['broadcasts to (batch, batch)'])

# MISTAKE: sums the whole matrix E_y Phi^T along a row: every image gets the inner products with all the batch's features
_answer("b15-pdisc-matmul-sum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) @ h.T).sum(1)
''', False, words=['not as projection does'])

# MISTAKE: only the projection term, psi forgotten ("the label term is the conditional logit")
_answer("b15-pdisc-no-psi", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return (self.label_embedding(y) * h).sum(1)
''', False, words=['only the inner product'])

# MISTAKE: returns a probability (sigmoid) where the course's D returns a logit
_answer("b15-pdisc-sigmoid", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return torch.sigmoid(self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1))
''', False, words=['a probability'])

# MISTAKE: the classic concatenation way ([x; e_y] into the features) on a net built for projection: the first layer expects 784 inputs
_answer("b15-pdisc-concat", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(torch.cat([x.flatten(1), self.label_embedding(y)], dim=1))
        return self.out(h).squeeze(1)
''', False, words=['inputs of another size'])

# ---------------------------------------------------------------- notebook 09: make_critic

# RIGHT: the two strided convs with LeakyReLU(0.2), no batch norm, no sigmoid, one linear layer, Flatten(0) to (B,)
_answer("b15-critic-sequential", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# RIGHT: a Module with the course's call signature D(x, y=None) and squeeze(1)
_answer("b15-critic-module", "check_critic", "make_critic", '''
class Critic(nn.Module):
    """WGAN-GP critic for MNIST: a free score per image, no batch norm, no sigmoid."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1),   # 28 -> 14
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1),  # 14 -> 7
            nn.LeakyReLU(0.2, inplace=True),
        )
        self.score = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x, y=None):
        return self.score(self.features(x).flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', True)

# RIGHT: reshape and view(-1) instead of Flatten, computed at run time
_answer("b15-critic-view", "check_critic", "make_critic", '''
class _Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                  nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2))
        self.fc = nn.Linear(3136, 1)

    def forward(self, x, y=None):
        h = self.conv(x)
        return self.fc(h.reshape(h.size(0), -1)).view(-1)


make_critic = _Critic
''', True)

# MISTAKE: DCGAN habit, batch norm after the second convolution: the critic's per-image gradient penalty then depends on the batch
_answer("b15-critic-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, words=['the critic has batch norm'])

# MISTAKE: a sigmoid at the end, kept from the vanilla D: a critic gives free scores, not probabilities
_answer("b15-critic-sigmoid", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0),
    )
''', False, words=['Sigmoid'])

# MISTAKE: Keras Dense(1) habit: scores of shape (B, 1), not (B,)
_answer("b15-critic-b-by-1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
    )
''', False, words=['shape (6, 1)'])

# RIGHT (course): plain ReLU instead of LeakyReLU(0.2): the shapes are right, the asked activation is not
_answer("b15-critic-relu", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# RIGHT (course): nn.LeakyReLU() with PyTorch's default slope 0.01 where the notebook asks 0.2
_answer("b15-critic-default-slope", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: squeeze() without a dimension: a batch of one image comes back as a 0-d tensor, not shape (1,) (judgement: "one score per image, shape (B,)")
_answer("b15-critic-squeeze-all", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x, y=None):
        return self.net(x).squeeze()


def make_critic():
    return Critic()
''', False, words=['a batch of one image'])

# MISTAKE: linear layer sized for a 4x4 map (the 32x32 CIFAR plan): 64 * 4 * 4 inputs do not match MNIST's 64 * 7 * 7
_answer("b15-critic-wrong-linear", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 4 * 4, 1), nn.Flatten(0),
    )
''', False, words=['3136 inputs'])


"""Battery 15, part 10: spherical interpolation (notebook 05, check_slerp) and the class means
(notebook 06, check_class_means)."""


# ---------------------------------------------------------------- notebook 05: my_slerp(z0, z1, t)

# RIGHT: angle from the normalised dot product (clamped), t as a column so each value of t gives one row
_answer("b15-slerp-reference", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = torch.dot(z0, z1) / (z0.norm() * z1.norm())
    w = torch.arccos(cos.clamp(-1, 1))
    return torch.sin((1 - t) * w) / torch.sin(w) * z0 + torch.sin(t * w) / torch.sin(w) * z1
''', True)

# RIGHT: F.cosine_similarity for the cosine and unsqueeze for the rows
_answer("b15-slerp-cosine-similarity", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.acos(F.cosine_similarity(z0, z1, dim=0).clamp(-1.0, 1.0))
    t = t.to(z0).unsqueeze(1)
    return (torch.sin((1.0 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', True)

# RIGHT: careful student: asserts, clamps, and falls back to the straight line when the vectors are parallel
_answer("b15-slerp-careful", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    assert z0.shape == z1.shape and z0.dim() == 1, "z0 and z1 must be two vectors of the same length"
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = (z0 @ z1) / (z0.norm() * z1.norm()).clamp_min(1e-12)
    omega = torch.arccos(cos.clamp(-1.0, 1.0))
    if omega.abs() < 1e-6:      # parallel: the great circle degenerates to the line
        return (1 - t) * z0 + t * z1
    s = torch.sin(omega)
    return torch.sin((1 - t) * omega) / s * z0 + torch.sin(t * omega) / s * z1
''', True)

# RIGHT: one row per t in a Python loop with math functions, stacked: float32 rows like the inputs
_answer("b15-slerp-loop", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    cos = float(torch.dot(z0, z1) / (z0.norm() * z1.norm()))
    omega = math.acos(max(-1.0, min(1.0, cos)))
    so = math.sin(omega)
    rows = [math.sin((1.0 - float(ti)) * omega) / so * z0 + math.sin(float(ti) * omega) / so * z1 for ti in t]
    return torch.stack(rows)
''', True)

# MISTAKE: Tom White's scalar slerp(val, low, high) used with a vector of t: (T,) times (D,) does not broadcast into rows
_answer("b15-slerp-scalar-t", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()))
    so = torch.sin(omega)
    return torch.sin((1.0 - t) * omega) / so * z0 + torch.sin(t * omega) / so * z1
''', False, words=['one t at a time'])

# MISTAKE: the cosine without dividing by the lengths: z0 . z1 is about +-10 for noise vectors, so arccos gives NaN
_answer("b15-slerp-unnormalised-cos", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0, z1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', False, words=['NaN'])

# MISTAKE: the straight line (lerp), which the notebook shows sagging inside the shell
_answer("b15-slerp-lerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=['this is the straight line'])

# MISTAKE: interpolates the unit vectors: the right great circle, but every row has length 1 instead of running from |z0| to |z1|
_answer("b15-slerp-unit-vectors", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    a, b = z0 / z0.norm(), z1 / z1.norm()
    t = t.reshape(-1, 1)
    omega = torch.arccos((a * b).sum().clamp(-1, 1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * a + torch.sin(t * omega) / torch.sin(omega) * b
''', False, words=['every point has length 1'])

# MISTAKE: the two weights swapped: the path starts at z1 and ends at z0
_answer("b15-slerp-swapped", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.dot(z0, z1) / (z0.norm() * z1.norm()))
    return (torch.sin(t * omega) * z0 + torch.sin((1 - t) * omega) * z1) / torch.sin(omega)
''', False, words=['the ends are swapped'])

# RIGHT (course): computes and returns float64 "for accuracy": the right points, in a dtype the float32 generator refuses (judgement: silently changes the dtype)
_answer("b15-slerp-float64", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    z0, z1 = z0.double(), z1.double()
    t = torch.as_tensor(t, dtype=torch.float64).reshape(-1, 1)
    omega = torch.arccos((torch.dot(z0, z1) / (z0.norm() * z1.norm())).clamp(-1, 1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', True)

# MISTAKE: uses the cosine itself as the angle (forgets the arccos)
_answer("b15-slerp-cos-as-angle", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.dot(z0, z1) / (z0.norm() * z1.norm())   # the angle between them
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', False, words=['arccos'])

# ---------------------------------------------------------------- notebook 06: my_class_means(images, labels)

# RIGHT: for each class 0-9, the mean over dim 0 of that class's images as floats, stacked
_answer("b15-means-reference", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(10)])
''', True)

# RIGHT: tf.math.unsorted_segment_mean ported: index_add_ of the sums, divided by bincount's class sizes
_answer("b15-means-index-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    floats = images.float()
    sums = torch.zeros((10,) + tuple(images.shape[1:]), dtype=torch.float32, device=images.device)
    sums.index_add_(0, labels.long(), floats)
    counts = torch.bincount(labels.long(), minlength=10).float()
    return sums / counts.view(-1, *([1] * (images.dim() - 1)))
''', True)

# RIGHT: one-hot matrix times the flattened images, divided by the class sizes (a linear-algebra student's way)
_answer("b15-means-onehot-matmul", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels.long(), 10).float()              # (N, 10)
    sums = onehot.T @ images.float().flatten(1)                 # (10, C*H*W)
    means = sums / onehot.sum(0).unsqueeze(1)
    return means.view(10, *images.shape[1:])
''', True)

# RIGHT: float64 means ("a float tensor"): exact values; the next cell's round() and uint8 cast work on them too (judgement: float64 is a float tensor)
_answer("b15-means-double", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        members = images[labels == c]
        assert len(members) > 0, f"class {c} has no images"
        means.append(members.double().mean(dim=0))
    return torch.stack(means)
''', True)

# MISTAKE: mean of uint8 images without converting: torch refuses mean() on an integer tensor
_answer("b15-means-uint8", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)])
''', False, words=['uint8'])

# MISTAKE: divides by 255 (ToTensor habit): means in [0, 1], not on the images' 0-255 scale
_answer("b15-means-unit-scale", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.float() / 255.0
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, words=['divided by 255'])

# MISTAKE: assumes CIFAR-10's equal classes (N / 10 images each): wrong whenever the classes differ in size
_answer("b15-means-equal-classes", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    per_class = len(images) / 10     # CIFAR-10: 6,000 images per class
    return torch.stack([images[labels == c].float().sum(0) / per_class for c in range(10)])
''', False, words=['as if every class held'])

# MISTAKE: rounds to uint8 before returning (for display): not a float tensor, and the fractions are lost
_answer("b15-means-rounded", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.stack([images[labels == c].float().mean(0) for c in range(10)])
    return means.round().to(torch.uint8)
''', False, words=['as floats'])

# MISTAKE: integer sum and floor division: whole numbers, each mean rounded down
_answer("b15-means-floor-division", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].sum(0) // (labels == c).sum() for c in range(10)])
''', False, words=['rounded down'])

# MISTAKE: channels-last habit: permutes to (N, H, W, C) first and returns (10, 32, 32, 3)
_answer("b15-means-channels-last", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    hwc = images.permute(0, 2, 3, 1).float()      # (N, H, W, C), the way matplotlib shows them
    return torch.stack([hwc[labels == c].mean(0) for c in range(10)])
''', False, words=['(10, 4, 5, 3)'])


"""Battery 15, part 11: decoded photos to the nets' input (notebook 07, check_model_input) and the Frechet distance
between two Gaussians (notebook 08, check_frechet_distance)."""


# ---------------------------------------------------------------- notebook 07: my_to_model_input(photos)

# RIGHT: permute (N, H, W, 3) -> (N, 3, H, W), floats, 0..255 onto -1..1
_answer("b15-input-reference", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1.0
''', True)

# RIGHT: scale to [0, 1] first, then stretch to [-1, 1]; contiguous copy for speed
_answer("b15-input-two-steps", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.to(torch.float32) / 255.0          # [0, 1]
    x = x * 2.0 - 1.0                              # [-1, 1]
    return x.permute(0, 3, 1, 2).contiguous()
''', True)

# RIGHT: no explicit .float(): dividing a uint8 tensor by 127.5 is true division and promotes to float32, so it is exact
_answer("b15-input-implicit-float", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2) / 127.5 - 1
''', True)

# RIGHT: torchvision's ToTensor then Normalize(0.5, 0.5), written for a batch
_answer("b15-input-normalize", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    """uint8 (N, H, W, C) -> float32 (N, C, H, W), like ToTensor() + Normalize((0.5,)*3, (0.5,)*3)."""
    assert photos.dtype == torch.uint8, "decoded photos are uint8"
    assert photos.dim() == 4 and photos.shape[-1] == 3, "photos must be (N, H, W, 3)"
    x = photos.permute(0, 3, 1, 2).float().div(255)
    mean = torch.tensor([0.5, 0.5, 0.5]).view(1, 3, 1, 1)
    std = torch.tensor([0.5, 0.5, 0.5]).view(1, 3, 1, 1)
    return (x - mean) / std
''', True)

# MISTAKE: view/reshape to (N, 3, H, W) instead of permute: the right shape, the pixels scrambled across channels
_answer("b15-input-reshape", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.reshape(n, c, h, w).float() / 127.5 - 1
''', False, words=['pixels are scrambled'])

# MISTAKE: stops at ToTensor's [0, 1]: black should be -1, not 0
_answer("b15-input-zero-one", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255.0
''', False, words=['[0, 1]'])

# MISTAKE: (x - 128) / 128: black is -1 but white is 0.992, not +1
_answer("b15-input-minus-128", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2).float() - 128.0) / 128.0
''', False, words=['divide by 127.5'])

# MISTAKE: multiplies by 2 while still uint8: 255 * 2 wraps around to 254 in 8 bits, so white comes out near 0
_answer("b15-input-uint8-overflow", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2) * 2) / 255 - 1
''', False, words=['wraps past 255'])

# MISTAKE: float64 (NumPy's default float): the values are right, the dtype is not the float32 asked
_answer("b15-input-float64", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, words=['float64'])

# MISTAKE: permute(0, 3, 2, 1) moves the colour first but swaps height and width: every picture is transposed
_answer("b15-input-transposed", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, words=['height and width are swapped'])

# MISTAKE: done in NumPy and returned as a NumPy array: the nets take tensors
_answer("b15-input-numpy", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    arr = np.asarray(photos).astype(np.float32)
    return np.transpose(arr, (0, 3, 1, 2)) / 127.5 - 1.0
''', False, words=['returns a NumPy array'])

# ---------------------------------------------------------------- notebook 08: my_frechet(mu1, sigma1, mu2, sigma2)

# RIGHT: pytorch-fid's calculate_frechet_distance, ported (real part of sqrtm, offset only if it fails)
_answer("b15-frechet-pytorch-fid", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2, eps=1e-6):
    mu1, mu2 = np.atleast_1d(mu1), np.atleast_1d(mu2)
    sigma1, sigma2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    assert mu1.shape == mu2.shape, "Training and test mean vectors have different lengths"
    assert sigma1.shape == sigma2.shape, "Training and test covariances have different dimensions"
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

# RIGHT: Tr((S1 S2)^(1/2)) as the sum of the square roots of S1 S2's eigenvalues (real and non-negative, as S1 S2 is similar to S1^(1/2) S2 S1^(1/2))
_answer("b15-frechet-eigvals", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eig = np.linalg.eigvals(np.asarray(sigma1) @ np.asarray(sigma2))
    tr_sqrt = np.sqrt(np.clip(eig.real, 0, None)).sum()
    d = np.asarray(mu1) - np.asarray(mu2)
    return float(d @ d + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_sqrt)
''', True)

# RIGHT: the symmetric form Tr((S1^(1/2) S2 S1^(1/2))^(1/2)), which has the same trace
_answer("b15-frechet-symmetric", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = linalg.sqrtm(sigma1).real
    middle = linalg.sqrtm(root1 @ sigma2 @ root1).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(middle))
''', True)

# RIGHT (fragile): the formula as written, without taking the real part: SciPy returns a real root for covariances' products (positive eigenvalues); a numerically negative eigenvalue would make it complex and float() fail
_answer("b15-frechet-no-real", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * linalg.sqrtm(sigma1 @ sigma2)))
''', True)

# MISTAKE: the distance of the means, not its square (np.linalg.norm)
_answer("b15-frechet-norm-not-squared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['squared distance'])

# MISTAKE: element-wise np.sqrt of the product instead of the matrix square root
_answer("b15-frechet-elementwise-sqrt", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(np.abs(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['element-wise'])

# MISTAKE: sqrtm(S1) @ sqrtm(S2) in place of (S1 S2)^(1/2): equal only when the covariances commute
_answer("b15-frechet-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = (linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2)).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['product of two square roots'])

# MISTAKE: NumPy's * is element-wise (MATLAB habit): sqrtm of the Hadamard product, not of the matrix product
_answer("b15-frechet-hadamard", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 * sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['element-wise product'])

# MISTAKE: takes the square root of the total ("a distance should not be squared"): the notebook's formula is d_F^2
_answer("b15-frechet-sqrt-total", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    d2 = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean)
    return float(np.sqrt(max(d2, 0.0)))
''', False, words=['square root'])

# MISTAKE: sign slip, + 2 Tr((S1 S2)^(1/2)): misreads the formula's minus
_answer("b15-frechet-plus-sign", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) + 2 * np.trace(covmean))
''', False, words=['the sign before the root is'])


"""Battery 15, part 12: the hinge loss (notebook 09, check_hinge_loss) and WGAN-GP's gradient penalty
(notebook 09, check_gradient_penalty)."""


_HINGE = {"generator_name": "my_hinge_g_loss"}

# ---------------------------------------------------------------- notebook 09: hinge loss

# RIGHT: mean max(0, 1 - D(x)) + mean max(0, 1 + D(G(z))) with F.relu; G: minus the fakes' mean score
_answer("b15-hinge-reference", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=_HINGE)

# RIGHT: clamp(min=0) for max(0, .), in Lim and Ye's notation
_answer("b15-hinge-clamp", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    """L_D = E_x[max(0, 1 - D(x))] + E_z[max(0, 1 + D(G(z)))]"""
    loss_real = torch.clamp(1.0 - real_scores, min=0.0).mean()
    loss_fake = torch.clamp(1.0 + fake_scores, min=0.0).mean()
    return loss_real + loss_fake


def my_hinge_g_loss(fake_scores):
    """L_G = -E_z[D(G(z))]"""
    return -torch.mean(fake_scores)
''', True, args=_HINGE)

# RIGHT: torch.maximum against a zero tensor: the literal max(0, t), batched
_answer("b15-hinge-maximum", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    zero = torch.zeros_like(real_scores)
    return torch.maximum(zero, 1 - real_scores).mean() + torch.maximum(torch.zeros_like(fake_scores), 1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean().neg()
''', True, args=_HINGE)

# RIGHT: SAGAN's code style, nn.ReLU() modules applied to the margins
_answer("b15-hinge-sagan", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    d_loss_real = nn.ReLU()(1.0 - real_scores).mean()
    d_loss_fake = nn.ReLU()(1.0 + fake_scores).mean()
    return d_loss_real + d_loss_fake


def my_hinge_g_loss(fake_scores):
    g_loss_fake = -fake_scores.mean()
    return g_loss_fake
''', True, args=_HINGE)

# MISTAKE: the margins' signs swapped (max(0, 1 + D(x)) + max(0, 1 - D(G(z)))): D is pushed to score real images low
_answer("b15-hinge-swapped", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=_HINGE, words=['real and fake are swapped'])

# MISTAKE: no max(0, .): a linear loss (the Wasserstein critic's plus 2), right only at indifference where it also gives 2
_answer("b15-hinge-no-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).mean() + (1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=_HINGE, words=['max(0, ...) is missing'])

# MISTAKE: a hinge for G too, max(0, 1 - D(G(z))): the notebook's G loss is linear and keeps pulling past the margin
_answer("b15-hinge-g-hinged", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, args=_HINGE, words=["that is D's hinge applied to"])

# MISTAKE: G's loss without the minus sign: G would lower D's score of its fakes
_answer("b15-hinge-g-sign", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, args=_HINGE, words=['the sign is flipped'])

# MISTAKE: Python's built-in max(0, t) on a batch tensor: "Boolean value of Tensor with more than one value is ambiguous"
_answer("b15-hinge-builtin-max", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return max(0, 1 - real_scores).mean() + max(0, 1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=_HINGE, words=["Python's max(0, t)"])

# MISTAKE: one mean over the concatenated margins (tf.reduce_mean habit): half of the two means' sum, 1 instead of 2 at indifference
_answer("b15-hinge-concat-mean", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    margins = torch.cat([1 - real_scores, 1 + fake_scores])
    return F.relu(margins).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=_HINGE, words=["half of D's loss"])

# MISTAKE: sums over the batch instead of averaging: both losses grow with the batch size
_answer("b15-hinge-sum", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).sum() + F.relu(1 + fake_scores).sum()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.sum()
''', False, args=_HINGE, words=['a sum over the batch'])

# ---------------------------------------------------------------- notebook 09: gradient penalty

# RIGHT: one eps per image, x_hat detached and requiring grad, autograd.grad of the summed scores with create_graph, mean (||g|| - 1)^2
_answer("b15-gp-reference", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    B = real.size(0)
    eps = torch.rand(B, 1, 1, 1, device=real.device, dtype=real.dtype)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    scores = D(x_hat)
    grad, = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: the WGAN-GP reference-code style: grad_outputs of ones (the same as the sum), view(B, -1).norm(2, dim=1)
_answer("b15-gp-grad-outputs", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    alpha = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    interpolates = alpha * real.detach() + (1 - alpha) * fake.detach()
    interpolates.requires_grad_(True)
    disc_interpolates = D(interpolates)
    gradients = torch.autograd.grad(outputs=disc_interpolates, inputs=interpolates,
                                    grad_outputs=torch.ones_like(disc_interpolates),
                                    create_graph=True, retain_graph=True)[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: x_hat = (1 - eps) x + eps G(z): with eps uniform on [0, 1] the same distribution of points on the same lines (judgement: other numbers than the course's for one seed, the same penalty in law)
_answer("b15-gp-eps-on-fake", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1, device=real.device)
    x_hat = ((1 - eps) * real + eps * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.reshape(len(grad), -1).norm(dim=1) - 1).pow(2).mean()
''', True)

# RIGHT: careful student: the norm as sqrt(sum of squares + 1e-12) so its gradient is finite at 0; the shift is far below any tolerance
_answer("b15-gp-stable-sqrt", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    assert real.shape == fake.shape, "real and fake batches must match"
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device, dtype=real.dtype)
    x_hat = (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_(True)
    (grad,) = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    norms = torch.sqrt(grad.pow(2).flatten(1).sum(dim=1) + 1e-12)
    penalty = ((norms - 1.0) ** 2).mean()
    assert penalty.dim() == 0
    return penalty
''', True)

# MISTAKE: no create_graph=True: the penalty is a constant to D's weights, so it cannot train D
_answer("b15-gp-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty has no gradient'])

# MISTAKE: one norm over the whole batch's gradient instead of one per image
_answer("b15-gp-batch-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, words=['whole batch at once'])

# MISTAKE: norm over dim 1 of the unflattened (B, C, H, W) gradient: a norm across channels per pixel, not per image
_answer("b15-gp-norm-dim1", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.norm(2, dim=1) - 1) ** 2).mean()
''', False, words=['dim 1'])

# MISTAKE: (||g||^2 - 1)^2: the squared norm held near 1 instead of the norm
_answer("b15-gp-squared-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.pow(2).flatten(1).sum(1) - 1) ** 2).mean()
''', False, words=['the squared norm is used'])

# MISTAKE: the one-sided penalty max(0, ||g|| - 1)^2 from the paper's appendix, not the two-sided one asked
_answer("b15-gp-one-sided", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (F.relu(grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['only slopes above 1 are penalised'])

# MISTAKE: multiplies by lambda = 10 inside, though the notebook asks the penalty without its weight (the step applies gp_weight)
_answer("b15-gp-weighted", "check_gradient_penalty", "my_gradient_penalty", '''
LAMBDA = 10.0


def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return LAMBDA * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty is multiplied by lambda'])

# MISTAKE: x_hat not detached: when the fakes come from G with their graph, requires_grad_ on the non-leaf x_hat fails
_answer("b15-gp-not-detached", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=["keeps the fakes' graph"])

# MISTAKE: one eps per pixel (torch.rand_like(real)): the points leave the lines between real and fake images
_answer("b15-gp-eps-per-pixel", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['eps is drawn for every pixel'])

# MISTAKE: differentiates the mean score: each image's gradient is divided by B, so the norms are B times too small
_answer("b15-gp-grad-of-mean", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the mean score'])
