"""Blind round 16: 224 answers to every check in the notebooks, by a helper who had seen neither the checks nor the
batteries (written from the student notebooks alone, without running them), for a mixed class (strong students'
compact or unusual code, tired students' slips, copies with one change), with the verdicts they gave, except ten they
called wrong that the course judges right: the log of a sigmoid and sigmoid + F.binary_cross_entropy (told with a
note), 404.4 for e^6 (within the question's 1%), random labels for the fakes, upsampling + convolution, a block maker
returning a list of layers, and critics with ReLU, LeakyReLU's default slope or kernel 3. On the checks as they stood,
every right answer was accepted and every wrong one rejected."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

"""Battery b16, part 01: check_discriminator_loss (notebooks 00 and 01)."""

C, N = "check_discriminator_loss", "my_discriminator_loss"

# RIGHT: the textbook form, BCE-with-logits of real against 1 plus fake against 0, batch means
_answer("b16-dloss-bce-canonical", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', True)

# RIGHT: stable rewrite with softplus: -log sigmoid(l) = softplus(-l), -log(1 - sigmoid(l)) = softplus(l)
_answer("b16-dloss-softplus", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log sigmoid(l) = softplus(-l) and -log(1 - sigmoid(l)) = softplus(l), both stable
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# RIGHT: one nn.BCEWithLogitsLoss module made once at module level and used for both terms
_answer("b16-dloss-module-criterion", C, N, '''
criterion = nn.BCEWithLogitsLoss()


def my_discriminator_loss(real_logits, fake_logits):
    return criterion(real_logits, torch.ones_like(real_logits)) + criterion(fake_logits, torch.zeros_like(fake_logits))
''', True)

# RIGHT: logsigmoid form, log(1 - sigmoid(l)) written as logsigmoid(-l): stable and exact
_answer("b16-dloss-logsigmoid", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())
''', True)

# RIGHT: correct loss with two debugging prints left in (printing changes nothing)
_answer("b16-dloss-debug-prints", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    print("real logits", real_logits[:4], "fake logits", fake_logits[:4])
    loss_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    loss_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    print(loss_real, loss_fake)
    return loss_real + loss_fake
''', True)

# RIGHT: one BCE over the concatenated batch, times 2; equals the sum of the two means when the real and fake batches have the same size, as they always do in training (fragile if a check feeds unequal sizes)
_answer("b16-dloss-cat-times-two", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return 2 * F.binary_cross_entropy_with_logits(logits, targets)
''', True)

# RIGHT: logaddexp(0, -l) is softplus(-l), a stable log(1 + e^-l)
_answer("b16-dloss-logaddexp", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    zero = torch.zeros((), dtype=real_logits.dtype, device=real_logits.device)
    return torch.logaddexp(zero, -real_logits).mean() + torch.logaddexp(zero, fake_logits).mean()
''', True)

# RIGHT (course): log of sigmoid by hand: sigmoid rounds to exactly 1 (or 0) in float32 for confident logits and the loss becomes inf
_answer("b16-dloss-naive-log-sigmoid", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
''', True)

# RIGHT (course): not on logits: sigmoid then F.binary_cross_entropy saturates in float32 (clamped at 100, zero gradient) for confident logits
_answer("b16-dloss-bce-on-probabilities", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy(torch.sigmoid(real_logits), torch.ones_like(real_logits))
            + F.binary_cross_entropy(torch.sigmoid(fake_logits), torch.zeros_like(fake_logits)))
''', True)

# MISTAKE: one BCE over the concatenated batch: the mean over 2B images is half the asked sum (ln 2 at indifference, not 2 ln 2)
_answer("b16-dloss-cat-half", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, words=["0.5831 is half of D's loss"])

# MISTAKE: targets swapped: real against 0 and fake against 1, D learns the opposite
_answer("b16-dloss-swapped-targets", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real + fake
''', False, words=['real and fake are swapped'])

# MISTAKE: wrong one of two similar names: the real term reads fake_logits, real_logits is never used
_answer("b16-dloss-fake-twice", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=["the real images' term reads fake_logits"])

# MISTAKE: reduction="sum": grows with the batch size instead of a batch mean
_answer("b16-dloss-sum-reduction", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum")
    return real + fake
''', False, words=['it is a sum over the batch'])

# MISTAKE: averages the two terms instead of adding them (ln 2 at indifference)
_answer("b16-dloss-averaged-terms", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real + fake) / 2
''', False, words=["0.5831 is half of D's loss"])

# MISTAKE: reduction forgotten on the fake term: returns a vector, one value per fake, not a 0-d loss
_answer("b16-dloss-fake-term-not-reduced", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits)
''', False, words=['the discriminator loss must return one number'])

# MISTAKE: detach in the wrong place: the real term is detached, so D gets no gradient from real images
_answer("b16-dloss-detached-real", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits.detach(), torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=['no gradient flows back through real_logits'])

# MISTAKE: returns a Python float with .item(): right number, but no gradient to train D with
_answer("b16-dloss-item", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real + fake).item()
''', False, words=['the discriminator loss must return a tensor'])


"""Battery b16, part 02: check_generator_loss (notebooks 00 and 01)."""

C, N = "check_generator_loss", "my_generator_loss"

# RIGHT: non-saturating loss, BCE-with-logits of the fakes against 1
_answer("b16-gloss-bce-ones", C, N, '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', True)

# RIGHT: -log sigmoid(l) = softplus(-l), batch mean
_answer("b16-gloss-softplus", C, N, '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

# RIGHT: -logsigmoid, the stable log D(G(z))
_answer("b16-gloss-logsigmoid", C, N, '''
def my_generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
''', True)

# RIGHT: BCEWithLogitsLoss module with a full_like target of 1.0
_answer("b16-gloss-module-full-like", C, N, '''
def my_generator_loss(fake_logits):
    target = torch.full_like(fake_logits, 1.0)
    return nn.BCEWithLogitsLoss(reduction="mean")(fake_logits, target)
''', True)

# RIGHT: softplus(l) - l is exactly softplus(-l); for very large l the subtraction only loses digits of a loss that is ~0 anyway, and the gradient sigmoid(l) - 1 is right
_answer("b16-gloss-softplus-minus-l", C, N, '''
def my_generator_loss(fake_logits):
    return (F.softplus(fake_logits) - fake_logits).mean()
''', True)

# MISTAKE: the saturating minimax loss log(1 - D(G(z))) = -softplus(l), whose gradient vanishes where D rejects the fakes
_answer("b16-gloss-saturating", C, N, '''
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z)))
    return -F.softplus(fake_logits).mean()
''', False, words=['this is the saturating loss, log'])

# MISTAKE: target 0 copied from D's fake term: G is trained to make its fakes look fake
_answer("b16-gloss-target-zero", C, N, '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=["G's loss uses the target 0"])

# MISTAKE: the Wasserstein/hinge generator loss -mean(l), not the non-saturating cross-entropy asked for
_answer("b16-gloss-minus-mean-logit", C, N, '''
def my_generator_loss(fake_logits):
    return -fake_logits.mean()
''', False, words=["that is the Wasserstein generator's loss (WGAN), for a"])

# RIGHT (course): -log(sigmoid(l)) by hand: sigmoid underflows to 0 for a very sure D (logit below about -88) and the loss is inf, exactly where G needs it
_answer("b16-gloss-naive-log", C, N, '''
def my_generator_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
''', True)

# MISTAKE: summed over the batch instead of the batch mean
_answer("b16-gloss-sum", C, N, '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="sum")
''', False, words=['it is a sum over the batch'])

# MISTAKE: sign slip inside logsigmoid: -logsigmoid(-l) = softplus(l), the loss of calling the fakes fake
_answer("b16-gloss-logsigmoid-sign", C, N, '''
def my_generator_loss(fake_logits):
    return -F.logsigmoid(-fake_logits).mean()
''', False, words=["G's loss uses the target 0"])


"""Battery b16, part 03: check_answer, the numeric questions of notebooks 00, 01, 02, 03, 05, 06, 08 and 10."""

C = "check_answer"


def _q(question):
    return {"answer_name": question}


# ---- notebook 00: D* where p_g = p_data (1/2)
# RIGHT: D* = p_data / (p_data + p_g) = 1/2
_answer("b16-ans-optd-half", C, "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 0.5
''', True, args=_q("optimal_d_when_pg_equals_pdata"))

# RIGHT: computed from the formula with equal densities
_answer("b16-ans-optd-formula", C, "optimal_d_when_pg_equals_pdata", '''
p_data = p_g = 0.37
optimal_d_when_pg_equals_pdata = p_data / (p_data + p_g)
''', True, args=_q("optimal_d_when_pg_equals_pdata"))

# MISTAKE: answers 1 ("the fakes are perfect so D says real"), not 1/2
_answer("b16-ans-optd-one", C, "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = 1.0
''', False, args=_q("optimal_d_when_pg_equals_pdata"), words=['D* = p_data /'])

# ---- notebook 00: D's loss when every logit is 0 (2 ln 2)
# RIGHT: 2 ln 2 = ln 4
_answer("b16-ans-lossd-2ln2", C, "loss_d_at_indifference", '''
loss_d_at_indifference = 2 * math.log(2)
''', True, args=_q("loss_d_at_indifference"))

# RIGHT: measured with the BCE on zero logits, as a float
_answer("b16-ans-lossd-measured", C, "loss_d_at_indifference", '''
zeros = torch.zeros(8)
loss_d_at_indifference = float(F.binary_cross_entropy_with_logits(zeros, torch.ones(8))
                               + F.binary_cross_entropy_with_logits(zeros, torch.zeros(8)))
''', True, args=_q("loss_d_at_indifference"))

# MISTAKE: only one of the two terms, ln 2
_answer("b16-ans-lossd-ln2", C, "loss_d_at_indifference", '''
loss_d_at_indifference = math.log(2)
''', False, args=_q("loss_d_at_indifference"), words=["that is one half of D's loss: it has"])

# ---- notebook 01: V(D*, G*) = -log 4
# RIGHT: -log 4
_answer("b16-ans-value-minus-log4", C, "value_at_the_optimum", '''
value_at_the_optimum = -math.log(4)
''', True, args=_q("value_at_the_optimum"))

# MISTAKE: sign: log 4 is D's loss at the optimum, the value V is its negative
_answer("b16-ans-value-plus-log4", C, "value_at_the_optimum", '''
value_at_the_optimum = math.log(4)
''', False, args=_q("value_at_the_optimum"), words=['the sign is flipped'])

# ---- notebook 02: class KL of a generator that draws one digit (ln 10)
# RIGHT: 1 * ln(1 / 0.1) = ln 10
_answer("b16-ans-kl10-ln10", C, "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log(10)
''', True, args=_q("kl_for_one_class_of_ten"))

# MISTAKE: base-10 logarithm (1.0) where a natural one is asked
_answer("b16-ans-kl10-log10", C, "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = math.log10(1 / 0.1)
''', False, args=_q("kl_for_one_class_of_ten"), words=["that is the logarithm in base 10: the course's"])

# ---- notebook 03: receptive field of D's second convolution (10)
# RIGHT: 4 + (4 - 1) * 2 = 10 pixels on a side
_answer("b16-ans-rf-ten", C, "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 10
''', True, args=_q("dcgan_28_receptive_field"))

# RIGHT: the recurrence r = r + (k - 1) * jump over the two convolutions
_answer("b16-ans-rf-recurrence", C, "dcgan_28_receptive_field", '''
r, jump = 1, 1
for kernel, stride in [(4, 2), (4, 2)]:
    r += (kernel - 1) * jump
    jump *= stride
dcgan_28_receptive_field = r
''', True, args=_q("dcgan_28_receptive_field"))

# MISTAKE: adds the two kernel sizes (8), forgetting that the second kernel's taps are 2 pixels apart
_answer("b16-ans-rf-eight", C, "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 4 + 4
''', False, args=_q("dcgan_28_receptive_field"), words=['4 + 4 adds the two kernels'])

# MISTAKE: gives the size of the feature map after two halvings (7), not the receptive field
_answer("b16-ans-rf-map-size", C, "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = 28 // 2 // 2
''', False, args=_q("dcgan_28_receptive_field"), words=['4 + 3 leaves out the stride'])

# ---- notebook 05: length of 3/4 z0 + 1/4 z1 (sqrt(62.5) = 7.91)
# RIGHT: each coordinate has variance 9/16 + 1/16 = 10/16, so the length is sqrt(100 * 10/16)
_answer("b16-ans-quarter-sqrt", C, "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = math.sqrt(100 * (0.75 ** 2 + 0.25 ** 2))
''', True, args=_q("length_at_a_quarter_of_the_line"))

# MISTAKE: forgets the square root: 10 * (9/16 + 1/16) = 6.25, not sqrt(100 * 10/16) = 7.91
_answer("b16-ans-quarter-no-sqrt", C, "length_at_a_quarter_of_the_line", '''
length_at_a_quarter_of_the_line = 10 * (0.75 ** 2 + 0.25 ** 2)
''', False, args=_q("length_at_a_quarter_of_the_line"), words=['that is 10 times the variance factor 0.625: the'])

# ---- notebook 06: accuracy of a label-blind generator (0.1)
# RIGHT: the class drawn matches the one asked for one time in ten
_answer("b16-ans-blind-tenth", C, "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 1 / 10
''', True, args=_q("accuracy_of_a_label_blind_generator"))

# MISTAKE: 0 ("it ignores the label, so it is never right"), forgetting chance agreement
_answer("b16-ans-blind-zero", C, "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = 0.0
''', False, args=_q("accuracy_of_a_label_blind_generator"), words=['it is not 0: an image of a random'])

# ---- notebook 08: Inception Score of five sure, balanced classes (5)
# RIGHT: every image's KL from the marginal is ln 5, so the score is exp(ln 5) = 5
_answer("b16-ans-is-five", C, "inception_score_of_five_sure_classes", '''
kl_per_image = math.log(1 / 0.2)
inception_score_of_five_sure_classes = math.exp(kl_per_image)
''', True, args=_q("inception_score_of_five_sure_classes"))

# MISTAKE: forgets the exp: gives the mean KL, ln 5 = 1.61
_answer("b16-ans-is-ln5", C, "inception_score_of_five_sure_classes", '''
inception_score_of_five_sure_classes = math.log(5)
''', False, args=_q("inception_score_of_five_sure_classes"), words=['that is the KL itself, ln 5; the Inception'])

# ---- notebook 10: class KL of two equal classes (ln 5)
# RIGHT: 2 * 0.5 * ln(0.5 / 0.1) = ln 5
_answer("b16-ans-kl2-sum", C, "class_kl_of_two_equal_classes", '''
p = [0.5, 0.5]
class_kl_of_two_equal_classes = sum(pc * math.log(pc / 0.1) for pc in p)
''', True, args=_q("class_kl_of_two_equal_classes"))

# MISTAKE: only one of the two classes' terms (0.5 ln 5)
_answer("b16-ans-kl2-half", C, "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = 0.5 * math.log(0.5 / 0.1)
''', False, args=_q("class_kl_of_two_equal_classes"), words=['that is half the answer: one half of it'])

# MISTAKE: ln 2, the entropy of the two-class histogram, not its KL from uniform
_answer("b16-ans-kl2-ln2", C, "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = math.log(2)
''', False, args=_q("class_kl_of_two_equal_classes"), words=['ln 2 compares the two classes with'])

# ---- notebook 10: slope ratio at logit -6, (1 - sigmoid(s)) / sigmoid(s) = e^-s = e^6 = 403.4
# RIGHT: e^6
_answer("b16-ans-slope-exp6", C, "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = math.exp(6)
''', True, args=_q("slope_ratio_at_logit_minus_6"))

# RIGHT: computed from sigmoid in torch, left as a 0-d tensor (a number all the same; fragile only if a check insists on a Python float)
_answer("b16-ans-slope-torch", C, "slope_ratio_at_logit_minus_6", '''
s = torch.tensor(-6.0, dtype=torch.float64)
slope_ratio_at_logit_minus_6 = (1 - torch.sigmoid(s)) / torch.sigmoid(s)
''', True, args=_q("slope_ratio_at_logit_minus_6"))

# MISTAKE: hard-coded the notebook's rounded D(G(z)) = 0.0025: (1 - 0.0025) / 0.0025 = 399, 1% off e^6
_answer("b16-ans-slope-rounded", C, "slope_ratio_at_logit_minus_6", '''
d = 0.0025
slope_ratio_at_logit_minus_6 = (1 - d) / d
''', False, args=_q("slope_ratio_at_logit_minus_6"), words=['that is (1 - p) / p with sigmoid(-6)'])

# MISTAKE: 1 / sigmoid(s) = 1 + e^6 = 404.4, the numerator 1 - sigmoid(s) dropped (once accepted within 1%)
_answer("b16-ans-slope-inverse-sigmoid", C, "slope_ratio_at_logit_minus_6", '''
slope_ratio_at_logit_minus_6 = 1 + math.exp(6)
''', False, ["1 / sigmoid(-6)"], args=_q("slope_ratio_at_logit_minus_6"))


"""Battery b16, part 04: check_train_step, the unconditional step of notebook 01 (my_train_step)."""

S = "unconditional"

# RIGHT: fresh noise on x's device, D on x and fake.detach(), D frozen with requires_grad_ while G learns from the updated D, detached probabilities returned
_step("b16-step-canonical", "my_train_step", '''
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
''', True, setting=S)

# RIGHT: the PyTorch DCGAN tutorial's way: D.zero_grad() first, two backward calls that add up, D not frozen during G's update (its stray grads are cleared before D's next backward, and opt_g only moves G)
_step("b16-step-tutorial-style", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.size(0)
    noise = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(noise, y)

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
            "d_real": out_real.sigmoid().mean().detach(), "d_fake": out_fake.sigmoid().mean().detach()}
''', True, setting=S)

# RIGHT: own softplus losses, D's fakes made under no_grad, and fresh noise for G's update as Algorithm 1 draws (the notebook allows it); D frozen with try/finally
_step("b16-step-fresh-fakes", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    def d_loss(r, f):
        return F.softplus(-r).mean() + F.softplus(f).mean()

    def g_loss(f):
        return F.softplus(-f).mean()

    n = len(x)
    with torch.no_grad():
        fake = G(torch.randn(n, G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = d_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    try:
        loss_g = g_loss(D(G(torch.randn(n, G.latent_dim, device=x.device), y), y))
        loss_g.backward()
    finally:
        D.requires_grad_(True)
    opt_g.step()

    with torch.no_grad():
        d_real, d_fake = torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True, setting=S)

# RIGHT: the course's own frozen() context manager from ganlib.step, and the dict built with zip
_step("b16-step-frozen-zip", "my_train_step", '''
from ganlib.step import frozen


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
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

    values = (loss_d, loss_g, torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean())
    return dict(zip(("loss_d", "loss_g", "d_real", "d_fake"), (v.detach() for v in values)))
''', True, setting=S)

# RIGHT: both optimisers zeroed once at the top, D not frozen: D's backward never reaches G (detached fakes), and the G-loss grads that land on D come after D's step and are cleared next step; a debugging print left in
_step("b16-step-zero-both-first", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    print(f"loss_d {loss_d.item():.3f}  loss_g {loss_g.item():.3f}")
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting=S)

# RIGHT: passes y to neither net (G(z), D(x)); fine for this unconditional check, where y is None (it would not serve notebook 02 unchanged)
_step("b16-step-no-y", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x), D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
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
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting=S)

# MISTAKE: no detach on D's fakes and the same fakes reused for G: D's backward frees G's graph, so G's backward fails (and D's loss would push G)
_step("b16-step-no-detach", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
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
''', False, setting=S, words=['backward() went twice through the same graph. Most likely'])

# MISTAKE: detach in the wrong place: G's update judges fake.detach(), so no gradient reaches G and it never moves
_step("b16-step-g-detached", "my_train_step", '''
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
    loss_g = generator_loss(D(fake.detach(), y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting=S, words=['no gradient reached G at opt_g.step'])

# MISTAKE: opt_d.zero_grad() forgotten and D not frozen: D's gradients pile up from earlier steps and from G's loss
_step("b16-step-no-zero-grad-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting=S, words=["D's update carries gradients left in D"])

# MISTAKE: zero_grad between backward and step: D's gradients are wiped before opt_d.step(), so D never moves
_step("b16-step-zero-after-backward", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.zero_grad()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting=S, words=["D's gradients are all zero when opt_d.step"])

# MISTAKE: d_real and d_fake are mean logits, not probabilities (sigmoid forgotten)
_step("b16-step-logits-not-probs", "my_train_step", '''
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
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, setting=S, words=["'d_real' is the mean logit"])

# MISTAKE: G judged by D's logits from before D's update (one D(fake) for both losses, retain_graph): not the updated D, and opt_d.step() has changed the weights that graph saved
_step("b16-step-stale-d-for-g", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    opt_d.zero_grad()
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(fake_logits)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting=S, words=["you used D's output from before opt_d.step"])

# MISTAKE: hard-coded latent size 100 from the notebook's nets instead of G.latent_dim
_step("b16-step-latent-100", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), 100, device=x.device)
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
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting=S, words=['G got noise with 100 numbers per'])

# MISTAKE: freezes D for G's update and never unfreezes it: the next step's D loss has nothing to differentiate
_step("b16-step-never-unfrozen", "my_train_step", '''
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
    for p in D.parameters():
        p.requires_grad = False
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting=S, words=['D is still frozen from the previous'])

# MISTAKE: returns the losses and probabilities still attached to the graph (the notebook asks for detached tensors)
_step("b16-step-not-detached", "my_train_step", '''
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
    return {"loss_d": loss_d, "loss_g": loss_g,
            "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
''', False, setting=S, words=["'loss_d' still carries its graph"])

# MISTAKE: returns a tuple of the four numbers, not the dict keyed loss_d, loss_g, d_real, d_fake that the loop reads (as the course's step does)
_step("b16-step-tuple", "my_train_step", '''
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
    return (loss_d.detach(), loss_g.detach(),
            torch.sigmoid(real_logits).mean().detach(), torch.sigmoid(fake_logits).mean().detach())
''', False, setting=S, words=['your step returns a tuple'])


"""Battery b16, part 05: check_train_step, conditional (notebook 02, my_conditional_step) and with R1 (notebook 03,
my_dcgan_step)."""

# ======================= conditional (notebook 02) =======================

# RIGHT: notebook 01's step with y everywhere: G(z, y), D(x, y), D(fake.detach(), y), D(fake, y)
_step("b16-cstep-canonical", "my_conditional_step", '''
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

# RIGHT: functools.partial binds the labels once (judge(images) = D(images, y=y)); G.zero_grad()/D.zero_grad() clear exactly what the optimisers would
_step("b16-cstep-partial", "my_conditional_step", '''
import functools


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    judge = functools.partial(D, y=y)
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)

    D.zero_grad()
    real_logits, fake_logits = judge(x), judge(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    G.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = generator_loss(judge(fake))
    loss_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    with torch.no_grad():
        return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
                "d_real": real_logits.sigmoid().mean(), "d_fake": fake_logits.sigmoid().mean()}
''', True, setting="conditional")

# RIGHT: a classmate's notebook-01 step with y added, frozen() from ganlib.step for G's update
_step("b16-cstep-frozen", "my_conditional_step", '''
from ganlib.step import frozen


def my_conditional_step(G, D, opt_g, opt_d, x, y):
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
    probs_real, probs_fake = torch.sigmoid(real_logits.detach()), torch.sigmoid(fake_logits.detach())
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": probs_real.mean(), "d_fake": probs_fake.mean()}
''', True, setting="conditional")

# MISTAKE: D judges the detached fakes without their labels, D(fake.detach()): a conditional D needs y (it raises, or would judge them unlabelled)
_step("b16-cstep-fake-without-y", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach())
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
''', False, setting="conditional", words=['the nets are conditional, so each call'])

# RIGHT (course): the fakes are asked for random labels instead of the real batch's y (the notebook asks for G(z, y) with the batch's labels)
_step("b16-cstep-random-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y_fake = torch.randint(0, G.n_classes, y.shape, device=y.device)
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
''', True, setting="conditional")

# MISTAKE: a leftover experiment: D judges the fakes with the labels reversed, y.flip(0), not the labels they were made for
_step("b16-cstep-flipped-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y.flip(0))
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
''', False, setting="conditional", words=['D judges the fakes with other labels'])

# MISTAKE: the arguments of discriminator_loss swapped (fake logits first): D learns to call the fakes real
_step("b16-cstep-swapped-loss-args", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
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
''', False, setting="conditional", words=["real and fake are swapped in D's"])

# ======================= with the R1 penalty (notebook 03) =======================

# RIGHT: x requires grad before D sees it, slope with create_graph, per-image squared norm averaged, gamma/2, reported loss_d without the penalty
_step("b16-r1-canonical", "my_dcgan_step", '''
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

# RIGHT: uses the course's r1_penalty(real_logits, x) for steps 2-3 (the notebook imports it); same number as writing it out
_step("b16-r1-library-penalty", "my_dcgan_step", '''
from ganlib.step import frozen


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
    with frozen(D):
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="r1")

# RIGHT: grad_outputs of ones instead of .sum(), square().sum over (C, H, W) per image, then the mean; same penalty
_step("b16-r1-grad-outputs", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x_real = x.detach().clone().requires_grad_(r1_gamma > 0)
    real_logits = D(x_real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss = loss_d
    if r1_gamma > 0:
        slope = torch.autograd.grad(outputs=real_logits, inputs=x_real, grad_outputs=torch.ones_like(real_logits),
                                    create_graph=True)[0]
        loss = loss + 0.5 * r1_gamma * slope.square().sum(dim=(1, 2, 3)).mean()
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

# RIGHT: no `if`: always sets requires_grad on the batch in place (x.requires_grad_()) and always adds r1_gamma / 2 * penalty (0 when gamma is 0); wasteful on the off steps and it flags the caller's batch tensor, but the numbers are the same
_step("b16-r1-always-in-place", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x.requires_grad_()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
    penalty = (grad ** 2).reshape(len(x), -1).sum(dim=1).mean()
    (loss_d + r1_gamma / 2 * penalty).backward()
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

# MISTAKE: create_graph=True forgotten: the slope is a constant to D's weights, so the penalty trains nothing
_step("b16-r1-no-create-graph", "my_dcgan_step", '''
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
''', False, setting="r1", words=['the R1 gradient was taken without create_graph=True,'])

# MISTAKE: r1_gamma * penalty, the 1/2 of gamma/2 forgotten: twice the asked penalty
_step("b16-r1-no-half", "my_dcgan_step", '''
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
''', False, setting="r1", words=['the R1 term is r1_gamma times the'])

# MISTAKE: reports loss_d with the penalty added in (the notebook asks for loss_d without it)
_step("b16-r1-reported-with-penalty", "my_dcgan_step", '''
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

# MISTAKE: x.detach().requires_grad_(True) written but not assigned back: D sees the original x, which does not require grad, and autograd.grad fails
_step("b16-r1-not-assigned", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
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
''', False, setting="r1", words=['torch.autograd.grad'])

# MISTAKE: grad.pow(2).mean(): averages over pixels as well as images, instead of summing each image's pixels
_step("b16-r1-mean-over-pixels", "my_dcgan_step", '''
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
''', False, setting="r1", words=['the R1 penalty averages the squared gradient'])

# MISTAKE: the penalty is taken at the fakes (wrong one of x/fake): R1 is D's slope at real images
_step("b16-r1-at-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
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
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="r1", words=['the R1 penalty is taken at the'])

# MISTAKE: slope of real_logits.mean() instead of .sum(): every image's gradient is divided by the batch size, the penalty by its square
_step("b16-r1-grad-of-mean", "my_dcgan_step", '''
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
''', False, setting="r1", words=['the R1 gradient was taken of real_logits.mean'])


"""Battery b16, part 06: notebook 04, check_train_step with the class loss (my_step) and check_class_loss_halves
(my_class_losses)."""

# ======================= the step with the class loss =======================

# RIGHT: class term on real images in D's update and on the (non-detached) fakes in G's, both times class_weight; loss_d and loss_g reported without them
_step("b16-clsstep-canonical", "my_step", '''
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

# RIGHT: one closure judge(images) returning the logit and the weighted class term (F.cross_entropy); always asks classify=True, fine for the projection D this step is for (weight 0 adds 0)
_step("b16-clsstep-closure", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    def judge(images):
        logits, class_logits = D(images, y, classify=True)
        return logits, class_weight * F.cross_entropy(class_logits, y)

    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, naming = judge(x)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming).backward()
    opt_d.step()

    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    g_logits, g_naming = judge(fake)
    loss_g = generator_loss(g_logits)
    (loss_g + g_naming).backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# RIGHT: frozen() from ganlib.step and the class terms added to the total only, compactly
_step("b16-clsstep-frozen", "my_step", '''
from ganlib.step import frozen


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, real_class = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_weight * class_loss(real_class, y) if class_weight else loss_d
    total_d.backward()
    opt_d.step()
    opt_g.zero_grad(set_to_none=True)
    with frozen(D):
        g_logits, g_class = D(fake, y, classify=True)
        loss_g = generator_loss(g_logits)
        total_g = loss_g + class_weight * class_loss(g_class, y) if class_weight else loss_g
        total_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="class")

# MISTAKE: AC-GAN proper: D's class loss also on the (detached) fakes; the notebook's D learns classes from real images only
_step("b16-clsstep-d-on-fakes", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_class = D(x, y, classify=True)
    fake_logits, fake_class = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * (class_loss(real_class, y) + class_loss(fake_class, y))).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_class = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * class_loss(g_class, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["D's class loss includes the fakes"])

# MISTAKE: loss_d and loss_g reported with the class terms in them (the notebook asks for them without)
_step("b16-clsstep-reported-with-class", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_class = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(real_class, y)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_class = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits) + class_weight * class_loss(g_class, y)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["'loss_d' includes the class loss"])

# MISTAKE: the class term is added to D's loss only; G's update never gets the reward for the class it asked for
_step("b16-clsstep-no-g-half", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_class = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_class, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["D's update is right; G's has no class loss"])

# MISTAKE: class_weight used only as an on/off flag, the class terms always get weight 1 (a check run at weight 1.0 cannot see it; the config's other weights, e.g. 3, would be ignored)
_step("b16-clsstep-weight-ignored", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_class = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_loss(real_class, y) if class_weight else loss_d
    total_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits, g_class = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    total_g = loss_g + class_loss(g_class, y) if class_weight else loss_g
    total_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=['with class_weight = 0.5 your step behaves'])

# MISTAKE: G's class half computed on fake.detach() (a copy of D's line): no class gradient reaches G
_step("b16-clsstep-g-half-detached", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_class = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_class, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    g_logits = D(fake, y)
    _, g_class = D(fake.detach(), y, classify=True)
    loss_g = generator_loss(g_logits)
    (loss_g + class_weight * class_loss(g_class, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, setting="class", words=["D's update is right; G's has no class loss"])

# ======================= the two halves =======================
CH, NH = "check_class_loss_halves", "my_class_losses"

# RIGHT: D's class logits on the real images and on the (not detached) fakes, each against y
_answer("b16-halves-canonical", CH, NH, '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    d_half = class_loss(real_class_logits, y)
    g_half = class_loss(fake_class_logits, y)
    return d_half, g_half
''', True)

# RIGHT: the cross-entropy written out: minus the log-softmax at the asked class, averaged
_answer("b16-halves-log-softmax-gather", CH, NH, '''
def my_class_losses(D, real, fake, y):
    def ce(images):
        class_logits = D(images, y, classify=True)[1]
        return -F.log_softmax(class_logits, dim=1).gather(1, y.unsqueeze(1)).squeeze(1).mean()
    return ce(real), ce(fake)
''', True)

# RIGHT: an nn.CrossEntropyLoss module and a lambda, one line per half
_answer("b16-halves-module-lambda", CH, NH, '''
ce = nn.CrossEntropyLoss()


def my_class_losses(D, real, fake, y):
    named = lambda images: ce(D(images, y, classify=True)[1], y)
    return named(real), named(fake)
''', True)

# RIGHT: canonical with debugging prints of the class logits left in
_answer("b16-halves-debug-print", CH, NH, '''
def my_class_losses(D, real, fake, y):
    logits_real, class_real = D(real, y, classify=True)
    print("class logits (real):", class_real.shape, class_real[0])
    logits_fake, class_fake = D(fake, y, classify=True)
    d_half, g_half = F.cross_entropy(class_real, y), F.cross_entropy(class_fake, y)
    print(f"d_half {d_half.item():.3f}  g_half {g_half.item():.3f}")
    return d_half, g_half
''', True)

# MISTAKE: g_half on fake.detach(): the gradient never reaches G through the fakes
_answer("b16-halves-g-detached", CH, NH, '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake.detach(), y, classify=True)[1], y)
    return d_half, g_half
''', False, words=["G's half has the right value but"])

# MISTAKE: returns the halves in the wrong order, (g_half, d_half)
_answer("b16-halves-swapped-order", CH, NH, '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    return g_half, d_half
''', False, words=['the halves are swapped'])

# MISTAKE: takes the first output (the real/fake logit, one per image) as the class logits
_answer("b16-halves-gan-logits", CH, NH, '''
def my_class_losses(D, real, fake, y):
    real_logits, _ = D(real, y, classify=True)
    fake_logits, _ = D(fake, y, classify=True)
    return F.cross_entropy(real_logits, y), F.cross_entropy(fake_logits, y)
''', False, words=['the class loss got one number per'])

# MISTAKE: F.nll_loss on raw class logits: log_softmax forgotten, so it is minus the mean logit of the asked class, not a cross-entropy
_answer("b16-halves-nll-no-log-softmax", CH, NH, '''
def my_class_losses(D, real, fake, y):
    _, class_real = D(real, y, classify=True)
    _, class_fake = D(fake, y, classify=True)
    return F.nll_loss(class_real, y), F.nll_loss(class_fake, y)
''', False, words=["D's half uses F.nll_loss on the logits"])

# MISTAKE: reduction="sum": six times the batch mean on the check's six images
_answer("b16-halves-sum", CH, NH, '''
def my_class_losses(D, real, fake, y):
    _, class_real = D(real, y, classify=True)
    _, class_fake = D(fake, y, classify=True)
    return F.cross_entropy(class_real, y, reduction="sum"), F.cross_entropy(class_fake, y, reduction="sum")
''', False, words=["D's half is a sum over the"])

# MISTAKE: d_half computed under torch.no_grad() (left from a debugging session): D cannot learn from it
_answer("b16-halves-d-no-grad", CH, NH, '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():
        _, class_real = D(real, y, classify=True)
        d_half = class_loss(class_real, y)
    _, class_fake = D(fake, y, classify=True)
    g_half = class_loss(class_fake, y)
    return d_half, g_half
''', False, words=["D's half returns a tensor without a"])


"""Battery b16, part 07: check_conditional_net, notebook 02 (MyConditionalGenerator, MyProjectionDiscriminator)."""

C = "check_conditional_net"
GN, DN = "MyConditionalGenerator", "MyProjectionDiscriminator"

# ---------------- the generator ----------------

# RIGHT: [z; e_y] along dim 1, the layers, reshaped to (batch, *image_shape)
_answer("b16-cgen-canonical", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', True)

# RIGHT: the base class's embed() helper (it checks y's shape), torch.hstack and unflatten
_answer("b16-cgen-hstack-unflatten", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.embed(y, z.shape[0])
        return self.net(torch.hstack((z, e))).unflatten(1, self.image_shape)
''', True)

# RIGHT: torch.concat and reshape(-1, *self.image_shape), with a shape print left in
_answer("b16-cgen-concat-reshape-print", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        inputs = torch.concat((z, self.label_embedding(y)), 1)
        print("generator input", tuple(inputs.shape))
        return self.net(inputs).reshape(-1, *self.image_shape)
''', True)

# RIGHT: hard-codes the notebook's (1, 28, 28) in the view; right for the MNIST nets the notebook builds (fragile: wrong for any other image_shape)
_answer("b16-cgen-hardcoded-28", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(-1, 1, 28, 28)
''', True)

# MISTAKE: [e_y; z] in the wrong order: the first layer's weights meant for the noise read the label
_answer("b16-cgen-label-first", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=["the label's vector comes before the noise"])

# MISTAKE: concatenated along dim 0 (the batch) instead of dim 1
_answer("b16-cgen-cat-dim0", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)])
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=['torch.cat joins tensors along one dim, and'])

# MISTAKE: a one-hot label instead of the learned embedding self.label_embedding(y)
_answer("b16-cgen-one-hot", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, F.one_hot(y, self.n_classes).float()], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, words=['a one-hot vector stands in for self.label_embedding'])

# MISTAKE: reshaped to (batch, 28, 28): the channel dimension is lost
_answer("b16-cgen-no-channel", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), 28, 28)
''', False, words=["the output has shape (10, 28, 28), the course's"])

# MISTAKE: an extra tanh on top of the net's own final Tanh: squashes the images into (-0.76, 0.76)
_answer("b16-cgen-double-tanh", C, GN, '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return torch.tanh(self.net(h)).view(len(z), *self.image_shape)
''', False, words=['tanh is applied twice'])

# ---------------- the projection discriminator ----------------

# RIGHT: psi(phi(x)) squeezed to (B,) plus the per-image inner product <e_y, phi(x)>
_answer("b16-pdisc-canonical", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
''', True)

# RIGHT: the inner product as an einsum, the logit flattened with view(-1)
_answer("b16-pdisc-einsum", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.reshape(len(x), -1))
        return self.out(phi).view(-1) + torch.einsum("bd,bd->b", self.label_embedding(y), phi)
''', True)

# RIGHT: all ten class scores h @ E^T, then the asked class's picked with gather (the classify path, reused)
_answer("b16-pdisc-gather", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        scores = h @ self.label_embedding.weight.T
        return self.out(h)[:, 0] + scores.gather(1, y.view(-1, 1)).squeeze(1)
''', True)

# RIGHT: batched matrix product (B,1,d) @ (B,d,1), flattened
_answer("b16-pdisc-bmm", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(torch.flatten(x, start_dim=1))
        e = self.label_embedding(y)
        projection = torch.bmm(e.unsqueeze(1), h.unsqueeze(2)).flatten()
        return self.out(h).flatten() + projection
''', True)

# MISTAKE: psi's (B, 1) not squeezed: adding the (B,) projection broadcasts to a (B, B) matrix
_answer("b16-pdisc-no-squeeze", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=['the output has shape (10, 10): self.out(h) is (batch,'])

# MISTAKE: the projection term is left out: the logit never depends on the label
_answer("b16-pdisc-no-projection", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1)
''', False, words=['the label is ignored'])

# MISTAKE: mean instead of sum in the inner product: the label's term is 256 times too small
_answer("b16-pdisc-mean-not-sum", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(1)
''', False, words=['the inner product <embed'])

# MISTAKE: the image is not flattened before self.features (the notebook says it reads x.flatten(1))
_answer("b16-pdisc-not-flattened", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x)
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
''', False, words=["D's layers got inputs of another size"])

# MISTAKE: returns a probability (sigmoid) instead of the logit the losses expect
_answer("b16-pdisc-sigmoid", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return torch.sigmoid(self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1))
''', False, words=['the projection is right, but D returns'])

# MISTAKE: .sum() with no dim: one number for the whole batch added to every image's logit
_answer("b16-pdisc-total-sum", C, DN, '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum()
''', False, words=['the inner product is summed over the'])


"""Battery b16, part 08: check_block_shapes, notebook 03 (my_up_block) and notebook 07 (my_first_layer)."""

C = "check_block_shapes"
UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

# ---------------- notebook 03: the generator's up block ----------------

# RIGHT: ConvTranspose2d(k4, s2, p1, no bias), BatchNorm2d(c_out), ReLU in an nn.Sequential
_answer("b16-up-canonical", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )
''', True, args=UP)

# RIGHT: named layers through an OrderedDict (still an nn.Sequential, iterable layer by layer)
_answer("b16-up-ordereddict", C, "my_up_block", '''
from collections import OrderedDict


def my_up_block(c_in, c_out):
    return nn.Sequential(OrderedDict([
        ("up", nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False)),
        ("norm", nn.BatchNorm2d(c_out)),
        ("act", nn.ReLU()),
    ]))
''', True, args=UP)

# RIGHT: an nn.Sequential subclass, the class itself bound to the name my_up_block (calling it with (c_in, c_out) builds the block)
_answer("b16-up-sequential-subclass", C, "my_up_block", '''
class UpBlock(nn.Sequential):
    def __init__(self, c_in, c_out):
        super().__init__(nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(True))


my_up_block = UpBlock
''', True, args=UP)

# RIGHT: functools.partial fixes the transposed convolution's settings once
_answer("b16-up-partial", C, "my_up_block", '''
import functools

doubling = functools.partial(nn.ConvTranspose2d, kernel_size=4, stride=2, padding=1, bias=False)


def my_up_block(c_in, c_out):
    return nn.Sequential(doubling(c_in, c_out), nn.BatchNorm2d(c_out), nn.ReLU())
''', True, args=UP)

# MISTAKE: padding 0: (7 - 1) * 2 + 4 = 16, not 14
_answer("b16-up-padding-zero", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 0, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args=UP, words=['after your block the shape is (2, 32, 16,'])

# MISTAKE: a plain Conv2d (halves the map to 3x3) where a transposed convolution doubles it
_answer("b16-up-conv2d", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args=UP, words=['the block uses nn.Conv2d with stride 2,'])

# MISTAKE: keeps the convolution's bias, which the notebook says to leave out (batch norm cancels it: an extra, useless parameter and a different state_dict)
_answer("b16-up-with-bias", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args=UP, words=['the convolution before BatchNorm has a bias'])

# MISTAKE: batch norm left out (right shape, but the block is asked as conv, batch norm, ReLU)
_answer("b16-up-no-batchnorm", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU())
''', False, args=UP, words=['there is no BatchNorm2d'])

# MISTAKE: LeakyReLU(0.2), the discriminator's activation, in the generator's block (the guideline and the notebook say ReLU)
_answer("b16-up-leaky", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2))
''', False, args=UP, words=['the activation must be ReLU'])

# MISTAKE: BatchNorm2d(c_in) copied from the line above: 64 features expected on a 32-channel map
_answer("b16-up-bn-c-in", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_in), nn.ReLU())
''', False, args=UP, words=['a BatchNorm got another number of channels'])

# RIGHT (course): upsample then a 3x3 convolution: the right shape, but not the transposed convolution (kernel 4, stride 2, padding 1) asked for
_answer("b16-up-resize-conv", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU())
''', True, args=UP)

# MISTAKE: kernel 2, stride 2, padding 0 also doubles 7 to 14, but it is not the kernel-4 block asked for (each output pixel sees one input pixel)
_answer("b16-up-kernel-two", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 2, 2, 0, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, args=UP, words=['the shape is right, but the ConvTranspose2d has kernel_size'])

# RIGHT (course): returns a plain list of the three layers, not an nn.Sequential (a list cannot be called on a batch)
_answer("b16-up-list", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]
''', True, args=UP)

# ---------------- notebook 07: D's first layer at 64x64 ----------------

# RIGHT: Conv2d(3, 16, kernel 4, stride 2, padding 1): 64 -> 32
_answer("b16-first-canonical", C, "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2, 1)
''', True, args=FIRST)

# RIGHT: keywords, and bias=False as in the PyTorch DCGAN tutorial (the notebook does not ask about the bias)
_answer("b16-first-keywords-nobias", C, "my_first_layer", '''
my_first_layer = nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1, bias=False)
''', True, args=FIRST)

# RIGHT: the convolution with the LeakyReLU(0.2) D puts after it (no batch norm); the activation changes no shape (fragile if a check insists on a bare Conv2d)
_answer("b16-first-with-leaky", C, "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
''', True, args=FIRST)

# MISTAKE: padding 0: (64 - 4) / 2 + 1 = 31, not 32
_answer("b16-first-padding-zero", C, "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, 4, 2, 0)
''', False, args=FIRST, words=['after your layer the shape is (2, 16, 31,'])

# MISTAKE: kernel 3 (still 32x32 out, but not the kernel 4 asked for)
_answer("b16-first-kernel-three", C, "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
''', False, args=FIRST, words=['the shape is right, but the Conv2d has kernel_size'])

# MISTAKE: batch norm on D's first layer, which the notebook says has none
_answer("b16-first-batchnorm", C, "my_first_layer", '''
my_first_layer = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
''', False, args=FIRST, words=["there is a BatchNorm in D's first"])

# MISTAKE: a transposed convolution (the generator's tool) doubles 64 to 128 instead of halving it
_answer("b16-first-transposed", C, "my_first_layer", '''
my_first_layer = nn.ConvTranspose2d(3, 16, 4, 2, 1)
''', False, args=FIRST, words=['that is a transposed convolution, which grows the map'])

# MISTAKE: 32 filters, notebook 03's width, instead of the 16 asked for here
_answer("b16-first-width-32", C, "my_first_layer", '''
my_first_layer = nn.Conv2d(3, 32, 4, 2, 1)
''', False, args=FIRST, words=['after your layer the shape is (2, 32, 32,'])


"""Battery b16, part 09: check_slerp (notebook 05, my_slerp) and check_class_means (notebook 06, my_class_means)."""

CS, NS = "check_slerp", "my_slerp"

# RIGHT: t as a column (a number, list or tensor), the angle from the normalised dot product (clamped), the great-circle formula
_answer("b16-slerp-canonical", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = torch.dot(z0, z1) / (z0.norm() * z1.norm())
    w = torch.arccos(cos.clamp(-1.0, 1.0))
    return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)
''', True)

# RIGHT: cosine_similarity for the angle, outer products for the rows, and a straight-line fallback when the angle is ~0
_answer("b16-slerp-outer-fallback", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).flatten()
    omega = torch.acos(F.cosine_similarity(z0, z1, dim=0).clamp(-1, 1))
    if omega.abs() < 1e-6:
        return torch.outer(1 - t, z0) + torch.outer(t, z1)
    s = torch.sin(omega)
    return torch.outer(torch.sin((1 - t) * omega) / s, z0) + torch.outer(torch.sin(t * omega) / s, z1)
''', True)

# RIGHT: one point per t with torch.func.vmap over a scalar function
_answer("b16-slerp-vmap", CS, NS, '''
from torch.func import vmap


def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1)
    w = torch.arccos((torch.dot(z0, z1) / (z0.norm() * z1.norm())).clamp(-1, 1))

    def point(s):
        return (torch.sin((1 - s) * w) * z0 + torch.sin(s * w) * z1) / torch.sin(w)

    return vmap(point)(t)
''', True)

# RIGHT: t.unsqueeze(1) and the angle from unit vectors; assumes t is a 1-D tensor (as torch.linspace gives), fragile if a check passes a list or a number
_answer("b16-slerp-unsqueeze", CS, NS, '''
def my_slerp(z0, z1, t):
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    omega = torch.acos(torch.clamp((u0 * u1).sum(), -1.0, 1.0))
    t = t.unsqueeze(1)
    return torch.sin((1.0 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', True)

# MISTAKE: the angle from the raw dot product (about +-10 for 100-d noise, not a cosine): acos gives NaN
_answer("b16-slerp-unnormalised-cos", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    w = torch.acos(torch.dot(z0, z1))
    return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)
''', False, words=['the path holds NaN'])

# MISTAKE: the two weights swapped: the path starts at z1 and ends at z0
_answer("b16-slerp-swapped-weights", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    w = torch.acos((torch.dot(z0, z1) / (z0.norm() * z1.norm())).clamp(-1, 1))
    return (torch.sin(t * w) * z0 + torch.sin((1 - t) * w) * z1) / torch.sin(w)
''', False, words=['the ends are swapped'])

# MISTAKE: the straight line (lerp), the path section 2 says cuts through the shell
_answer("b16-slerp-lerp", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=['this is the straight line'])

# MISTAKE: the division by sin(w) forgotten: the points are scaled by sin(w) (far too short unless the angle is 90 degrees)
_answer("b16-slerp-no-division", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    w = torch.acos((torch.dot(z0, z1) / (z0.norm() * z1.norm())).clamp(-1, 1))
    return torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1
''', False, words=['the sines are not divided by sin'])

# MISTAKE: slerps the unit vectors and returns them: every point has length 1, neither end is z0 or z1
_answer("b16-slerp-unit-vectors", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    w = torch.acos(torch.dot(u0, u1).clamp(-1, 1))
    return (torch.sin((1 - t) * w) * u0 + torch.sin(t * w) * u1) / torch.sin(w)
''', False, words=['every point has length 1'])

# MISTAKE: one column per value of t, shape (latent_dim, len(t)), instead of one row per value
_answer("b16-slerp-transposed", CS, NS, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1)
    w = torch.acos((torch.dot(z0, z1) / (z0.norm() * z1.norm())).clamp(-1, 1))
    return (torch.outer(z0, torch.sin((1 - t) * w)) + torch.outer(z1, torch.sin(t * w))) / torch.sin(w)
''', False, words=['your result has shape'])

# ======================= class means =======================
CM, NM = "check_class_means", "my_class_means"

# RIGHT: floats first, the mean of each class's images, ten stacked
_answer("b16-means-canonical", CM, NM, '''
def my_class_means(images, labels):
    floats = images.float()
    return torch.stack([floats[labels == c].mean(dim=0) for c in range(10)])
''', True)

# RIGHT: per-class sums with index_add_ divided by bincount counts
_answer("b16-means-index-add", CM, NM, '''
def my_class_means(images, labels):
    flat = images.flatten(1).float()
    sums = torch.zeros(10, flat.shape[1], device=images.device).index_add_(0, labels.long(), flat)
    counts = torch.bincount(labels.long(), minlength=10).clamp(min=1).to(flat).unsqueeze(1)
    return (sums / counts).reshape(10, *images.shape[1:])
''', True)

# RIGHT: one-hot matrix product: totals per class divided by each class's size
_answer("b16-means-one-hot", CM, NM, '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels.long(), 10).float()
    totals = onehot.T @ images.float().flatten(1)
    return (totals / onehot.sum(0).unsqueeze(1)).view(10, *images.shape[1:])
''', True)

# RIGHT: a plain loop that keeps running sums and counts, with a print of the class sizes left in
_answer("b16-means-loop-print", CM, NM, '''
def my_class_means(images, labels):
    sums = torch.zeros((10,) + tuple(images.shape[1:]))
    counts = [0] * 10
    for image, label in zip(images, labels.tolist()):
        sums[label] += image.float()
        counts[label] += 1
    print("images per class:", counts)
    return torch.stack([sums[c] / counts[c] for c in range(10)])
''', True)

# MISTAKE: mean of the uint8 images: torch cannot take the mean of a byte tensor (floats first, the notebook says)
_answer("b16-means-uint8-mean", CM, NM, '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)]).float()
''', False, words=['the images are whole numbers'])

# MISTAKE: each class's sum divided by the number of all images, not by the class's own size
_answer("b16-means-divide-by-all", CM, NM, '''
def my_class_means(images, labels):
    floats = images.float()
    return torch.stack([floats[labels == c].sum(0) / len(images) for c in range(10)])
''', False, words=["each class's sum is divided by the"])

# MISTAKE: divided by 255: means on a 0..1 scale, not the images' 0..255
_answer("b16-means-unit-scale", CM, NM, '''
def my_class_means(images, labels):
    floats = images.float() / 255
    return torch.stack([floats[labels == c].mean(0) for c in range(10)])
''', False, words=['the right means, but in [0, 1]'])

# MISTAKE: off by one, range(9): the last class is missing (9 means, not 10)
_answer("b16-means-range-nine", CM, NM, '''
def my_class_means(images, labels):
    floats = images.float()
    return torch.stack([floats[labels == c].mean(0) for c in range(9)])
''', False, words=['shape (9, 3, 4, 5); expected (10, 3, 4,'])

# MISTAKE: torch.cat instead of torch.stack: (30, 32, 32), the classes run together along the channels
_answer("b16-means-cat", CM, NM, '''
def my_class_means(images, labels):
    floats = images.float()
    return torch.cat([floats[labels == c].mean(0) for c in range(10)])
''', False, words=['the shape is'])

# MISTAKE: rounds and casts back to uint8 inside the function (the notebook asks for floats; the cell after it rounds)
_answer("b16-means-uint8-out", CM, NM, '''
def my_class_means(images, labels):
    floats = images.float()
    means = torch.stack([floats[labels == c].mean(0) for c in range(10)])
    return means.round().to(torch.uint8)
''', False, words=['the means come back as torch.uint8 rounded'])

# MISTAKE: assumes every class has the same size: the class sums divided by len(images) / 10 (the check's classes differ in size)
_answer("b16-means-equal-sizes", CM, NM, '''
def my_class_means(images, labels):
    per_class = len(images) / 10
    floats = images.float()
    return torch.stack([floats[labels == c].sum(0) / per_class for c in range(10)])
''', False, words=['each sum is divided by N /'])


"""Battery b16, part 10: check_model_input (notebook 07, my_to_model_input) and check_frechet_distance (notebook 08,
my_frechet)."""

CI, NI = "check_model_input", "my_to_model_input"

# RIGHT: permute the colour axis first, floats, then 0..255 onto -1..1
_answer("b16-input-canonical", CI, NI, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1.0
''', True)

# RIGHT: movedim and 2 x / 255 - 1, computed on floats (255 maps to exactly 1)
_answer("b16-input-movedim", CI, NI, '''
def my_to_model_input(photos):
    x = torch.movedim(photos, -1, 1).to(torch.float32)
    return 2 * x / 255 - 1
''', True)

# RIGHT: true division of the uint8 tensor already gives float32; then the axes are permuted
_answer("b16-input-divide-then-permute", CI, NI, '''
def my_to_model_input(photos):
    scaled = photos / 127.5 - 1
    return scaled.permute(0, 3, 1, 2)
''', True)

# RIGHT: (x - 127.5) / 127.5 with sub/div, made contiguous
_answer("b16-input-sub-div", CI, NI, '''
def my_to_model_input(photos):
    return photos.float().permute(0, 3, 1, 2).contiguous().sub(127.5).div(127.5)
''', True)

# MISTAKE: view instead of permute: the right shape with the pixels scrambled across channels
_answer("b16-input-view", CI, NI, '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.view(n, c, h, w).float() / 127.5 - 1
''', False, words=['the shape is right but the pixels'])

# MISTAKE: divided by 255 only: [0, 1], not [-1, 1]
_answer("b16-input-zero-one", CI, NI, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255
''', False, words=['the values are in [0, 1]'])

# MISTAKE: photos * 2 is computed in uint8 and wraps around above 127 before the division
_answer("b16-input-uint8-overflow", CI, NI, '''
def my_to_model_input(photos):
    return (photos * 2 / 255 - 1).permute(0, 3, 1, 2)
''', False, words=['the arithmetic ran in uint8, which wraps'])

# MISTAKE: permute(0, 3, 2, 1): the colour moves first but height and width are swapped (images transposed)
_answer("b16-input-hw-swapped", CI, NI, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, words=['height and width are swapped'])

# MISTAKE: operator precedence: x - 127.5 / 127.5 is x - 1, values from -1 to 254
_answer("b16-input-precedence", CI, NI, '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float()
    return x - 127.5 / 127.5
''', False, words=['operator precedence'])

# MISTAKE: (x - 128) / 128: 0 goes to -1 but 255 to 0.992, not +1
_answer("b16-input-128", CI, NI, '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2).float() - 128) / 128
''', False, words=['white (255) becomes 0.992, not +1: divide by 127.5'])

# MISTAKE: float64 (double) instead of the float32 the nets take
_answer("b16-input-double", CI, NI, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, words=['the values are right, but torch.float64'])

# ======================= the Frechet distance =======================
CF, NF = "check_frechet_distance", "my_frechet"

# RIGHT: squared mean distance plus the trace term, sqrtm of the product, real part kept, a float out
_answer("b16-frechet-canonical", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1 @ sigma2)
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff @ diff + np.trace(sigma1 + sigma2 - 2 * covmean))
''', True)

# RIGHT: the symmetric form tr sqrt(S1^1/2 S2 S1^1/2), equal to tr sqrt(S1 S2) and better conditioned
_answer("b16-frechet-symmetric", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = np.real(linalg.sqrtm(sigma1))
    middle = np.real(linalg.sqrtm(root1 @ sigma2 @ root1))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(middle))
''', True)

# RIGHT: tr sqrt(S1 S2) as the sum of square roots of the eigenvalues of S1 S2 (real and non-negative for covariances)
_answer("b16-frechet-eigenvalues", CF, NF, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2)
    trace_sqrt = np.sqrt(np.clip(eigenvalues.real, 0, None)).sum()
    return float(np.linalg.norm(mu1 - mu2) ** 2 + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt)
''', True)

# RIGHT: canonical with np.sum of squares and a debugging print of the two terms
_answer("b16-frechet-print", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    mean_term = np.sum((np.asarray(mu1) - np.asarray(mu2)) ** 2)
    covmean = linalg.sqrtm(sigma1.dot(sigma2)).real
    cov_term = np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
    print("mean term", mean_term, "covariance term", cov_term)
    return float(mean_term + cov_term)
''', True)

# MISTAKE: the factor 2 in front of the cross term forgotten
_answer("b16-frechet-no-two", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
''', False, words=['the factor 2 is missing'])

# MISTAKE: np.sqrt, an element-wise square root, instead of the matrix square root
_answer("b16-frechet-elementwise-sqrt", CF, NF, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(np.abs(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the square root is element-wise'])

# MISTAKE: sqrtm(S1) @ sqrtm(S2) in place of sqrtm(S1 @ S2): the two differ unless the covariances commute
_answer("b16-frechet-product-of-roots", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = (linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2)).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['that uses sqrtm'])

# MISTAKE: the distance of the means not squared (norm instead of squared norm)
_answer("b16-frechet-norm-not-squared", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the mean term is |mu1 - mu2|'])

# MISTAKE: typo sigma1 @ sigma1 (wrong one of two similar names) inside the square root
_answer("b16-frechet-sigma1-twice", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma1).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the square root is of sigma1 @'])

# MISTAKE: takes the square root of the whole sum: the notebook's d_F^2 formula (and the library's number) has none
_answer("b16-frechet-sqrt-of-total", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sqrt(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean)))
''', False, words=['that is the square root: the Frechet distance as'])

# MISTAKE: element-wise product sigma1 * sigma2 instead of the matrix product inside sqrtm
_answer("b16-frechet-elementwise-product", CF, NF, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 * sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['S1 * S2 is the element-wise product'])


"""Battery b16, part 11: check_hinge_loss (notebook 09, my_hinge_d_loss + my_hinge_g_loss) and check_critic
(notebook 09, make_critic)."""

CH, ND = "check_hinge_loss", "my_hinge_d_loss"
G_ARGS = {"generator_name": "my_hinge_g_loss"}

# RIGHT: mean relu(1 - real) + mean relu(1 + fake); G: minus the mean fake score
_answer("b16-hinge-canonical", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=G_ARGS)

# RIGHT: clamp(min=0) for max(0, .) and torch.neg for G
_answer("b16-hinge-clamp", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.clamp(1.0 - real_scores, min=0).mean() + torch.clamp(1.0 + fake_scores, min=0).mean()


def my_hinge_g_loss(fake_scores):
    return torch.neg(fake_scores).mean()
''', True, args=G_ARGS)

# RIGHT: torch.maximum against a zero tensor, terms stacked and summed; G as -torch.mean
_answer("b16-hinge-maximum-stack", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    zero = torch.zeros_like(real_scores[:1])
    real_term = torch.maximum(zero, 1 - real_scores).mean()
    fake_term = torch.maximum(zero, 1 + fake_scores).mean()
    return torch.stack([real_term, fake_term]).sum()


def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', True, args=G_ARGS)

# RIGHT: the course's names written by hand, with a print of the two margins' shares left in
_answer("b16-hinge-print", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real_term = F.relu(1 - real_scores)
    fake_term = F.relu(1 + fake_scores)
    print("inside the margin:", (real_term > 0).float().mean().item(), (fake_term > 0).float().mean().item())
    return real_term.mean() + fake_term.mean()


def my_hinge_g_loss(fake_scores):
    loss = -fake_scores.mean()
    return loss
''', True, args=G_ARGS)

# MISTAKE: signs swapped in D's loss: relu(1 + real) + relu(1 - fake) pushes real scores down and fakes up
_answer("b16-hinge-swapped-signs", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=G_ARGS, words=['real and fake are swapped'])

# MISTAKE: one relu around the sum of the two means, not a mean of each hinge
_answer("b16-hinge-relu-of-sum", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(2 - real_scores.mean() + fake_scores.mean())


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=G_ARGS, words=['the max(0, ...) is missing (F.relu): without it this'])

# MISTAKE: G's loss also hinged, relu(1 - fake): the notebook's G loss is linear, -mean score
_answer("b16-hinge-g-hinged", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, args=G_ARGS, words=["that is D's hinge applied to G: G's loss"])

# MISTAKE: G's sign dropped: +mean fake score, which G would minimise by making its fakes look worse
_answer("b16-hinge-g-sign", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, args=G_ARGS, words=['the sign is flipped'])

# MISTAKE: one mean over the concatenated hinges: half the asked sum (1 at indifference, not 2)
_answer("b16-hinge-cat-mean", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.cat([F.relu(1 - real_scores), F.relu(1 + fake_scores)]).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=G_ARGS, words=["it is half of D's loss"])

# MISTAKE: the margin of 1 forgotten: relu(-real) + relu(fake)
_answer("b16-hinge-no-margin", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(-real_scores).mean() + F.relu(fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=G_ARGS, words=['the margin of 1 is missing'])

# MISTAKE: reduction forgotten on the fake term of D's loss: returns a vector
_answer("b16-hinge-fake-not-reduced", CH, ND, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores)


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, args=G_ARGS, words=["D's hinge loss must return one number"])

# ======================= the critic =======================
CC, NC = "check_critic", "make_critic"

# RIGHT: two strided convs with LeakyReLU(0.2), no batch norm, flatten, one linear layer, Flatten(0) turns (B, 1) into (B,)
_answer("b16-critic-sequential", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 1),
        nn.Flatten(0),
    )
''', True)

# RIGHT: an nn.Module subclass with forward(x, y=None) returning scores squeezed to (B,)
_answer("b16-critic-module", CC, NC, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True),
                                  nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.2, inplace=True))
        self.score = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x, y=None):
        return self.score(self.conv(x).flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', True)

# RIGHT: the course's ConvDiscriminator with batch_norm=False is exactly this net (conv 1->32->64, LeakyReLU 0.2, one linear layer, scores (B,))
_answer("b16-critic-course-net", CC, NC, '''
from ganlib.nets import ConvDiscriminator


def make_critic():
    return ConvDiscriminator(image_size=28, channels=1, width=32, batch_norm=False)
''', True)

# RIGHT: an nn.Sequential subclass whose forward squeezes the last dimension
_answer("b16-critic-sequential-subclass", CC, NC, '''
class Critic(nn.Sequential):
    def forward(self, x, y=None):
        return super().forward(x).squeeze(-1)


def make_critic():
    return Critic(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                  nn.Flatten(), nn.Linear(3136, 1))
''', True)

# MISTAKE: batch norm after the second convolution (copied from notebook 03's D): a critic must judge each image alone
_answer("b16-critic-batchnorm", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, words=['the critic has batch norm'])

# MISTAKE: a sigmoid at the end: a critic gives free scores, not probabilities
_answer("b16-critic-sigmoid", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0),
    )
''', False, words=['come out of a sigmoid'])

# MISTAKE: scores of shape (B, 1), the final squeeze forgotten
_answer("b16-critic-b-by-1", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
    )
''', False, words=['a batch of 6 images gave scores'])

# RIGHT (course): ReLU instead of LeakyReLU(0.2)
_answer("b16-critic-relu", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# RIGHT (course): nn.LeakyReLU() with its default slope 0.01, not the 0.2 asked for
_answer("b16-critic-default-slope", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# RIGHT (course): kernel 3 (28 -> 14 -> 7 still, so the shapes pass) instead of the kernel 4 asked for
_answer("b16-critic-kernel-three", CC, NC, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 3, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: returns the class, not a net: make_critic() must build and return an instance
_answer("b16-critic-returns-class", CC, NC, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1),
                                 nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        return self.net(x).squeeze(1)


def make_critic():
    return Critic
''', False, words=['make_critic() returned the class Critic, not a net: build'])


"""Battery b16, part 12: check_gradient_penalty (notebook 09, my_gradient_penalty)."""

C, N = "check_gradient_penalty", "my_gradient_penalty"

# RIGHT: one eps per image, detached interpolates requiring grad, slope of the summed scores with create_graph, mean of (per-image norm - 1)^2, no weight
_answer("b16-gp-canonical", C, N, '''
def my_gradient_penalty(D, real, fake):
    B = real.shape[0]
    eps = torch.rand(B, 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: torch.lerp(fake, real, eps) = eps real + (1 - eps) fake, eps on the images' device and dtype, grad_outputs of ones
_answer("b16-gp-lerp", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device, dtype=real.dtype)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_(True)
    scores = D(x_hat)
    grad = torch.autograd.grad(scores, x_hat, grad_outputs=torch.ones_like(scores), create_graph=True)[0]
    slopes = grad.reshape(len(real), -1).norm(2, dim=1)
    return (slopes - 1).pow(2).mean()
''', True)

# RIGHT: eps shaped for any image rank, and a norm with a tiny epsilon inside the square root (differs by ~1e-12)
_answer("b16-gp-stable-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    shape = (real.size(0),) + (1,) * (real.dim() - 1)
    eps = torch.rand(shape, device=real.device)
    x_hat = (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_()
    grad, = torch.autograd.grad(D(x_hat).sum(), [x_hat], create_graph=True)
    norms = torch.sqrt(grad.pow(2).flatten(1).sum(dim=1) + 1e-12)
    return torch.mean((norms - 1) ** 2)
''', True)

# RIGHT: eps weights the fake and 1 - eps the real: since eps and 1 - eps are both U[0, 1] the interpolates have the same distribution (fragile: a check that replays the library's random numbers sees other points)
_answer("b16-gp-roles-swapped", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * fake + (1 - eps) * real).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# MISTAKE: create_graph=True forgotten: the penalty is a constant to D's weights and trains nothing
_answer("b16-gp-no-create-graph", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty has no gradient'])

# MISTAKE: one eps for the whole batch (torch.rand(1)) instead of one per image
_answer("b16-gp-one-eps", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['one eps is used for the whole'])

# MISTAKE: eps per pixel (rand_like): the points are no longer on the lines between real and fake images
_answer("b16-gp-eps-per-pixel", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the points are not on the lines'])

# MISTAKE: one norm of the whole batch's gradient, not each image's own
_answer("b16-gp-batch-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, words=['the norm is taken over the whole'])

# MISTAKE: the squared norm minus 1 (the square root forgotten): (|g|^2 - 1)^2
_answer("b16-gp-squared-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.pow(2).flatten(1).sum(1) - 1) ** 2).mean()
''', False, words=['the squared norm is used'])

# MISTAKE: multiplies by the weight 10 itself; the notebook says the step applies gp_weight
_answer("b16-gp-weight-included", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return 10.0 * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty is multiplied by lambda ='])

# MISTAKE: the gradient of D(x_hat).mean(): every image's slope is divided by the batch size
_answer("b16-gp-grad-of-mean", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the gradient is taken of the mean'])

# MISTAKE: one-sided penalty relu(norm - 1)^2: slopes below 1 go unpunished (a variant, not the two-sided penalty asked for)
_answer("b16-gp-one-sided", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (F.relu(grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['only slopes above 1 are penalised'])
