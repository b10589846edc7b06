"""Blind round 18: 139 answers to nine checks of notebooks 00-05, 08 and 09 (the two losses, the training step in its
four settings, the DCGAN block and first layer, the Frechet distance, the gradient penalty, the hinge loss, slerp and
the class loss's halves), written by a helper who had seen neither the checks nor the other batteries (only this
format), from the student notebooks and ganlib's losses, nets, step and metrics. The emphasis: right answers in
unusual but correct styles (softplus and logsigmoid forms, torch.where, einsum, float64 on the way, scipy's sqrtm and
eigen-decompositions, D frozen or not, gradients put in by hand, numbers returned as Python or NumPy floats), and
wrong answers that misbehave (inputs changed in place, the seed set inside, randomness between calls, wrong types,
errors, prints), plus each exercise's textbook mistakes. Right answers were computed against the library's reference
code; the checks were not run on them.

On the checks as they stood, 124 of 139 verdicts agreed with the writer's. Four right steps that return Python
numbers (.item(), the PyTorch tutorial's style) were rejected for it, and are now accepted with a note on what .item()
costs on a GPU; a loss that sets the random seed inside it was accepted, and is now named. Where writer and course
disagree, the course's reading is used (each such answer says why): a function that prints is right (the check holds
its prints back), as are the textbook BCE on probabilities (with a note on its overflow), other labels for the fakes
(with a note), a list of layers that ConvGenerator unpacks, and a distance or path returned as an array, a tensor or
a list."""
from answer_format import battery
ANSWERS, _answer, _step = battery()


# Battery b18, part 01: check_discriminator_loss (notebooks 00 and 01, my_discriminator_loss(real_logits, fake_logits)).
#
# Right: BCE(real, 1) + BCE(fake, 0), each a batch mean, on logits (2 ln 2 = 1.386 at logits 0).

C, N = "check_discriminator_loss", "my_discriminator_loss"

# RIGHT: softplus form: BCE(l, 1) = softplus(-l), BCE(l, 0) = softplus(l), each a batch mean
_answer("b18-dloss-softplus", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# RIGHT: the textbook log D(x) + log(1 - D(G(z))), negated, written stably with logsigmoid (1 - sigmoid(l) = sigmoid(-l))
_answer("b18-dloss-logsigmoid", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    log_d_real = F.logsigmoid(real_logits)          # log D(x)
    log_one_minus_d_fake = F.logsigmoid(-fake_logits)  # log(1 - D(G(z)))
    return -(log_d_real.mean() + log_one_minus_d_fake.mean())
''', True)

# RIGHT: the nn.Module form, one criterion built inside, targets from torch.full_like
_answer("b18-dloss-module", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    bce = nn.BCEWithLogitsLoss()
    return bce(real_logits, torch.full_like(real_logits, 1.0)) + bce(fake_logits, torch.full_like(fake_logits, 0.0))
''', True)

# RIGHT: the stable closed form softplus(l) - l t written out with torch.where: each branch gets an input that cannot overflow, chosen with where (not clamp) so that autograd's slope at l = 0 is the true one, sigmoid(0) - t
_answer("b18-dloss-where-closed-form", C, N, '''
def _bce_with_logits(logits, target):
    l = logits
    l_pos = torch.where(l > 0, l, torch.ones_like(l))     # used only where l > 0
    l_neg = torch.where(l <= 0, l, -torch.ones_like(l))   # used only where l <= 0
    softplus = torch.where(l > 0, l_pos + torch.log1p(torch.exp(-l_pos)), torch.log1p(torch.exp(l_neg)))
    return (softplus - l * target).mean()


def my_discriminator_loss(real_logits, fake_logits):
    return _bce_with_logits(real_logits, 1.0) + _bce_with_logits(fake_logits, 0.0)
''', True)

# RIGHT: float64 intermediates, cast back to the logits' dtype at the end (the gradient flows through both casts)
_answer("b18-dloss-float64", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    r, f = real_logits.double(), fake_logits.double()
    loss = F.binary_cross_entropy_with_logits(r, torch.ones_like(r)) + \\
        F.binary_cross_entropy_with_logits(f, torch.zeros_like(f))
    return loss.to(real_logits.dtype)
''', True)

# RIGHT: one BCE over both batches with reduction="none", then the mean of each half separately (the two means added)
_answer("b18-dloss-cat-halves", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits.reshape(-1), fake_logits.reshape(-1)])
    targets = torch.cat([torch.ones(real_logits.numel()), torch.zeros(fake_logits.numel())]).to(logits)
    per_image = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    n = real_logits.numel()
    return per_image[:n].mean() + per_image[n:].mean()
''', True)

# RIGHT: the means written as einsum sums over every dimension, divided by the count
_answer("b18-dloss-einsum-mean", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real_term = torch.einsum("...->", F.softplus(-real_logits)) / real_logits.numel()
    fake_term = torch.einsum("...->", F.softplus(fake_logits)) / fake_logits.numel()
    return real_term + fake_term
''', True)

# WRONG: the labels the wrong way round (real against 0, fake against 1)
_answer("b18-dloss-swapped-labels", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real + fake
''', False, words=('swapped',))

# WRONG: sums over the batch where the notebook asks for batch means
_answer("b18-dloss-sum", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum")
    return real + fake
''', False, words=("mean",))

# WRONG: one mean over the concatenated batch: half of the right value (the mean of the two means, not their sum)
_answer("b18-dloss-cat-one-mean", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, words=("mean",))

# WRONG: the value D maximises, not the loss it minimises (the sign)
_answer("b18-dloss-sign", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()
''', False, words=("sign",))

# WRONG: negates the caller's fake logits in place under no_grad (a "trick": BCE(-l, 1) = BCE(l, 0)); the value is right the first time, but the caller's logits are flipped and no gradient of the flip is recorded
_answer("b18-dloss-inplace-neg-nograd", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    with torch.no_grad():
        fake_logits.neg_()
    both = torch.cat([real_logits, fake_logits])
    return 2 * F.binary_cross_entropy_with_logits(both, torch.ones_like(both))
''', False, words=("place",))

# WRONG: right formula, but reseeds the global random generator on every call "for reproducibility"
_answer("b18-dloss-manual-seed", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    torch.manual_seed(0)
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=("seed",))

# WRONG: noisy one-sided label smoothing: random targets, so two calls on the same logits differ (and the value is off)
_answer("b18-dloss-random-targets", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    soft = 0.8 + 0.2 * torch.rand_like(real_logits)
    real = F.binary_cross_entropy_with_logits(real_logits, soft)
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake
''', False, words=("random",))

# WRONG: reads the number out: a Python float carries no gradient, D could not learn from it
_answer("b18-dloss-item", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return (real + fake).item()
''', False, words=("tensor",))

# RIGHT (the course's reading; the writer called it wrong: the textbook BCE on probabilities gives the right value; the check adds a note on its overflow at large logits): the generic BCE formula t log p + (1 - t) log(1 - p) on probabilities: where D is sure (|logit| above ~17) the sigmoid rounds to 0 or 1 and 0 * log(0) gives NaN
_answer("b18-dloss-generic-bce-nan", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    def bce(p, t):
        return -(t * torch.log(p) + (1 - t) * torch.log(1 - p)).mean()
    return bce(torch.sigmoid(real_logits), 1.0) + bce(torch.sigmoid(fake_logits), 0.0)
''', True, words=())

# RIGHT (the course's reading; the writer called it wrong: its prints are held back by the check and seen at once in training; the value is right): prints both batches of logits and the loss on every call (hundreds of lines per epoch of training)
_answer("b18-dloss-prints", C, N, '''
def my_discriminator_loss(real_logits, fake_logits):
    for i, (r, f) in enumerate(zip(real_logits.tolist(), fake_logits.tolist())):
        print(f"image {i}: real logit {r:+.4f}, fake logit {f:+.4f}")
    loss = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    print("loss_d =", loss)
    return loss
''', True, words=())


# Battery b18, part 02: check_generator_loss (notebooks 00 and 01, my_generator_loss(fake_logits)).
#
# Right: the non-saturating loss -log D(G(z)) = BCE(fake, 1), a batch mean (ln 2 = 0.693 at logits 0).

C, N = "check_generator_loss", "my_generator_loss"

# RIGHT: -log sigmoid(l), stably, with logsigmoid
_answer("b18-gloss-logsigmoid", C, N, '''
def my_generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
''', True)

# RIGHT: log(1 + exp(-l)) as logaddexp(0, -l)
_answer("b18-gloss-logaddexp", C, N, '''
def my_generator_loss(fake_logits):
    return torch.logaddexp(torch.zeros_like(fake_logits), -fake_logits).mean()
''', True)

# RIGHT: BCE of the negated logits against 0 is BCE of the logits against 1 (sigmoid(-l) = 1 - sigmoid(l))
_answer("b18-gloss-negated-against-zero", C, N, '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(-fake_logits, torch.zeros_like(fake_logits))
''', True)

# RIGHT: softplus(-l) by branches with torch.where, each branch fed an input that cannot overflow (chosen with where, so the slope at l = 0 is the true -1/2)
_answer("b18-gloss-where-branches", C, N, '''
def my_generator_loss(fake_logits):
    l = fake_logits
    l_pos = torch.where(l >= 0, l, torch.zeros_like(l))  # used only where l >= 0
    l_neg = torch.where(l < 0, l, -torch.ones_like(l))   # used only where l < 0
    loss = torch.where(l >= 0, torch.log1p(torch.exp(-l_pos)), -l_neg + torch.log1p(torch.exp(l_neg)))
    return loss.mean()
''', True)

# RIGHT: the module form with targets made by new_ones, computed in float64 and cast back
_answer("b18-gloss-module-float64", C, N, '''
def my_generator_loss(fake_logits):
    logits = fake_logits.double()
    loss = nn.BCEWithLogitsLoss(reduction="mean")(logits, logits.new_ones(logits.shape))
    return loss.float()
''', True)

# WRONG: the saturating loss of the 2014 paper, log(1 - D(G(z))): its gradient vanishes where D rejects the fakes
_answer("b18-gloss-saturating", C, N, '''
def my_generator_loss(fake_logits):
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, words=("gradient",))

# WRONG: D's target for fakes (0) used for G: G would learn to make its fakes look fake
_answer("b18-gloss-target-zero", C, N, '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=('target is 1',))

# WRONG: the sign: maximises -log D(G(z)) instead of minimising it
_answer("b18-gloss-sign", C, N, '''
def my_generator_loss(fake_logits):
    return F.logsigmoid(fake_logits).mean()
''', False, words=("sign",))

# WRONG: a sum over the batch, not the batch mean the notebook asks for
_answer("b18-gloss-sum", C, N, '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).sum()
''', False, words=("mean",))

# WRONG: detaches the logits: the value is right but no gradient reaches G
_answer("b18-gloss-detached", C, N, '''
def my_generator_loss(fake_logits):
    logits = fake_logits.detach()
    return F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
''', False, words=("detach",))

# WRONG: squashes the caller's logits to probabilities in place under no_grad, then takes -log of them
_answer("b18-gloss-inplace-sigmoid-nograd", C, N, '''
def my_generator_loss(fake_logits):
    with torch.no_grad():
        fake_logits.sigmoid_()
    return -torch.log(fake_logits).mean()
''', False, words=("place",))

# WRONG: turns the logits into NumPy first: raises for logits that require grad (and would carry no gradient anyway)
_answer("b18-gloss-numpy-raises", C, N, '''
def my_generator_loss(fake_logits):
    l = fake_logits.numpy()
    return torch.tensor(np.log1p(np.exp(-l)).mean())
''', False, words=('detach',), student_bug=True)

# WRONG: returns the loss next to D's mean belief, as a tuple (a loss must be one 0-d tensor)
_answer("b18-gloss-tuple", C, N, '''
def my_generator_loss(fake_logits):
    loss = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return loss, torch.sigmoid(fake_logits).mean()
''', False, words=("tensor",))

# WRONG: a complex tensor: the log taken in complex arithmetic "so it never fails" (a loss must be real)
_answer("b18-gloss-complex", C, N, '''
def my_generator_loss(fake_logits):
    p = torch.sigmoid(fake_logits).to(torch.complex64)
    return -torch.log(p).mean()
''', False, words=("complex",))


# Battery b18, part 03: check_train_step in its four notebook settings.
#
# 01 (unconditional) my_train_step(G, D, opt_g, opt_d, x, y=None); 02 (conditional) my_conditional_step(..., x, y);
# 03 (r1, r1_gamma=4.0) my_dcgan_step(..., x, y=None, r1_gamma=0.0); 04 (class, class_weight=1.0)
# my_step(..., x, y, class_weight=0.0). Each returns loss_d, loss_g, d_real, d_fake (probabilities), detached.

U, CO, R1, CL = "unconditional", "conditional", "r1", "class"
N1, N2, N3, N4 = "my_train_step", "my_conditional_step", "my_dcgan_step", "my_step"

# The loss cell of notebook 01, as the student has it in the kernel above the step.
LOSSES = '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits)) + \\
        F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))


def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))

'''

# ---------------------------------------------------------------- notebook 01: unconditional

# RIGHT: the course's shape: D frozen with requires_grad_(False) for G's update and its flags restored afterwards
_step("b18-step-u-freeze-flags", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    flags = [p.requires_grad for p in D.parameters()]
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p, flag in zip(D.parameters(), flags):
        p.requires_grad_(flag)

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting=U)

# RIGHT: fresh noise for G's update, as Goodfellow et al.'s Algorithm 1 draws (the notebook allows either)
_step("b18-step-u-fresh-noise-for-g", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b = x.shape[0]
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    fresh = G(torch.randn(b, G.latent_dim, device=x.device), y)
    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad(set_to_none=True)
    loss_g = my_generator_loss(D(fresh, y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.sigmoid().mean().detach(), "d_fake": fake_logits.sigmoid().mean().detach()}
''', True, setting=U)

# RIGHT: the PyTorch DCGAN tutorial's form: D is not frozen, but each optimiser's gradients are cleared right before its own backward, so opt_d never steps on G's loss and opt_g never on D's; returns Python floats
_step("b18-step-u-tutorial-floats", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    noise = torch.randn(x.size(0), G.latent_dim, device=x.device)
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

    return {"loss_d": (err_real + err_fake).item(), "loss_g": err_g.item(),
            "d_real": torch.sigmoid(out_real).mean().item(), "d_fake": torch.sigmoid(out_fake).mean().item()}
''', True, setting=U)

# RIGHT: the fakes for D made under no_grad, then made again from the same noise with gradients for G's update; the four numbers come back as NumPy floats
_step("b18-step-u-nograd-twice-numpy", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    with torch.no_grad():
        fake_for_d = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake_for_d, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    try:
        opt_g.zero_grad()
        loss_g = my_generator_loss(D(G(z, y), y))
        loss_g.backward()
        opt_g.step()
    finally:
        D.requires_grad_(True)
    as_np = lambda t: np.float64(t.detach().cpu().item())
    return {"loss_d": as_np(loss_d), "loss_g": as_np(loss_g),
            "d_real": as_np(torch.sigmoid(real_logits).mean()), "d_fake": as_np(torch.sigmoid(fake_logits).mean())}
''', True, setting=U)

# RIGHT: each player's gradients computed with torch.autograd.grad over its own parameters only and put into .grad by hand before its optimiser steps: nothing can leak between the players
_step("b18-step-u-autograd-grad-assign", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    d_params = [p for p in D.parameters() if p.requires_grad]
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    grads = torch.autograd.grad(loss_d, d_params, allow_unused=True)
    for p, g in zip(d_params, grads):
        p.grad = None if g is None else g.detach().clone()
    opt_d.step()

    g_params = [p for p in G.parameters() if p.requires_grad]
    loss_g = my_generator_loss(D(fake, y))
    grads = torch.autograd.grad(loss_g, g_params, allow_unused=True)
    for p, g in zip(g_params, grads):
        p.grad = None if g is None else g.detach().clone()
    opt_g.step()

    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=torch.sigmoid(real_logits.detach()).mean(), d_fake=torch.sigmoid(fake_logits.detach()).mean())
''', True, setting=U)

# RIGHT: the numbers re-wrapped as fresh 0-d tensors (torch.tensor of the items): detached by construction
_step("b18-step-u-fresh-0d-tensors", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    for p in D.parameters():
        p.grad = None
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in G.parameters():
        p.grad = None
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    number = lambda t: torch.tensor(float(t))
    return {"loss_d": number(loss_d), "loss_g": number(loss_g),
            "d_real": number(torch.sigmoid(real_logits).mean()), "d_fake": number(torch.sigmoid(fake_logits).mean())}
''', True, setting=U)

# WRONG: the fakes are not detached in D's update (retain_graph=True added to silence the "backward through the graph a second time" error), and G's gradients are cleared only once, at the top: G steps on D's loss gradient plus its own
_step("b18-step-u-no-detach-retain-graph", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_g.zero_grad()
    opt_d.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    D.requires_grad_(False)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), setting=U)

# WRONG: never clears D's gradients: the previous step's gradients (and those G's loss left in D) leak into D's update
_step("b18-step-u-no-zero-grad-d", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",), setting=U)

# WRONG: D's update steps opt_g (a copy-paste slip; G has no gradient there, so nothing moves) and D never moves; G's update, on fresh fakes, is right
_step("b18-step-u-wrong-optimiser", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_g.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(G(torch.randn(len(x), G.latent_dim, device=x.device), y), y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("opt_d",), setting=U)

# WRONG: G's update judges detached fakes: its loss reaches D's weights only, and G never moves
_step("b18-step-u-g-detached", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y).detach()
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), setting=U)

# WRONG: d_real and d_fake are mean logits, not probabilities
_step("b18-step-u-logits-not-probabilities", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, words=("probability",), setting=U)

# WRONG: returns the losses themselves, still in the graph (they require grad): the loop would keep every step's graph
_step("b18-step-u-returns-graph", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d, "loss_g": loss_g,
            "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
''', False, words=("detach",), setting=U)

# WRONG: the four numbers in a list, without their names
_step("b18-step-u-returns-list", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return [loss_d.item(), loss_g.item(), torch.sigmoid(real_logits).mean().item(),
            torch.sigmoid(fake_logits).mean().item()]
''', False, words=("dict",), setting=U)

# WRONG: formatted strings for the numbers ("for the log")
_step("b18-step-u-returns-strings", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": f"{loss_d.item():.4f}", "loss_g": f"{loss_g.item():.4f}",
            "d_real": f"{torch.sigmoid(real_logits).mean().item():.4f}",
            "d_fake": f"{torch.sigmoid(fake_logits).mean().item():.4f}"}
''', False, words=("str",), setting=U)

# WRONG: reseeds the global generator at the top of every step: every batch gets the same noise
_step("b18-step-u-manual-seed", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    torch.manual_seed(0)
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("seed",), setting=U)

# WRONG: "instance noise" added to the caller's real batch in place (x += ...): the caller's images change
_step("b18-step-u-inplace-instance-noise", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    with torch.no_grad():
        x += 0.05 * torch.randn_like(x)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("place",), setting=U)

# WRONG: the noise size hard-coded to MNIST's 100 instead of G.latent_dim
_step("b18-step-u-latent-100", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), 100, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("latent",), setting=U)

# WRONG: G's loss with D's target for fakes (0): G learns to make its fakes look more fake
_step("b18-step-u-g-wrong-label", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    out = D(fake, y)
    loss_g = F.binary_cross_entropy_with_logits(out, torch.zeros_like(out))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=('target is 1',), setting=U)

# RIGHT (the course's reading; the writer called it wrong: its prints are held back by the check and seen at once in training; the step is right): prints every logit of both batches on every step (thousands of lines a minute in training)
_step("b18-step-u-prints", N1, LOSSES + '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    for r, f in zip(real_logits.tolist(), fake_logits.tolist()):
        print("D(x) logit", r, "| D(G(z)) logit", f)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    print("loss_d", loss_d.item(), "loss_g", loss_g.item())
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, words=(), setting=U)

# ---------------------------------------------------------------- notebook 02: conditional

# RIGHT: the course's losses imported, labels passed by keyword, noise from new_empty(...).normal_() (the same random numbers as torch.randn), D frozen by a small context manager of the student's own
_step("b18-step-c-imports-keyword-y", N2, '''
import contextlib

from ganlib.losses import discriminator_loss, generator_loss


@contextlib.contextmanager
def _frozen(net):
    saved = {name: p.requires_grad for name, p in net.named_parameters()}
    for p in net.parameters():
        p.requires_grad_(False)
    try:
        yield
    finally:
        for name, p in net.named_parameters():
            p.requires_grad_(saved[name])


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = x.new_empty(x.shape[0], G.latent_dim).normal_()
    fake = G(z, y=y)
    opt_d.zero_grad()
    real_logits = D(x, y=y)
    fake_logits = D(fake.detach(), y=y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    with _frozen(D):
        opt_g.zero_grad()
        loss_g = generator_loss(D(fake, y=y))
        loss_g.backward()
        opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting=CO)

# RIGHT: the tutorial form with labels: D not frozen, each optimiser zeroed right before its own backward, the D loss as two backward calls; 0-d tensors returned
_step("b18-step-c-two-backwards", N2, '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    loss_real = F.softplus(-real_logits).mean()
    loss_real.backward()
    fake_logits = D(fake.detach(), y)
    loss_fake = F.softplus(fake_logits).mean()
    loss_fake.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = F.softplus(-D(fake, y)).mean()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": (loss_real + loss_fake).detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting=CO)

# RIGHT (the course's reading; the writer called it wrong: other labels for the fakes train a cGAN too; the check says so in a note): the fakes asked for random labels instead of the real batch's labels (and judged with those)
_step("b18-step-c-random-labels", N2, '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y_fake = torch.randint(0, G.n_classes, (len(x),), device=x.device)
    fake = G(z, y_fake)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y_fake)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = F.softplus(-D(fake, y_fake)).mean()
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, words=(), setting=CO)

# WRONG: D judges the fakes without their labels (notebook 01's call left in place): a conditional D needs y
_step("b18-step-c-fake-without-y", N2, '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach())
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = F.softplus(-D(fake)).mean()
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("label",), setting=CO)

# WRONG: G's gradients are cleared before G's forward, but D's are never cleared and D is not frozen: what G's loss left in D's .grad in the previous step joins D's next update
_step("b18-step-c-d-grads-leak", N2, '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    opt_g.zero_grad()
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()
    loss_g = F.softplus(-D(fake, y)).mean()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("zero_grad",), setting=CO)

# ---------------------------------------------------------------- notebook 03: R1 (called with r1_gamma=4.0)

# RIGHT: the notebook's recipe, the slope through grad_outputs=ones instead of .sum(), squared norm per image with einsum, loss_d reported without the penalty
_step("b18-step-r1-grad-outputs-einsum", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits, x, grad_outputs=torch.ones_like(real_logits), create_graph=True)
        g = grad.flatten(1)
        penalty = torch.einsum("bi,bi->b", g, g).mean()
        total = loss_d + r1_gamma / 2 * penalty
    total.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting=R1)

# RIGHT: the course's r1_penalty imported; x always made to require grad (harmless when r1_gamma is 0)
_step("b18-step-r1-library-penalty", N3, LOSSES + '''
from ganlib.losses import r1_penalty


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)
    real = x.detach().clone().requires_grad_(True)
    opt_d.zero_grad(set_to_none=True)
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    penalty = r1_penalty(real_logits, real) if r1_gamma else torch.zeros(())
    (loss_d + 0.5 * r1_gamma * penalty).backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return {"loss_d": loss_d.item(), "loss_g": loss_g.item(),
            "d_real": torch.sigmoid(real_logits).mean().item(), "d_fake": torch.sigmoid(fake_logits).mean().item()}
''', True, setting=R1)

# WRONG: no create_graph: the slope is a constant to D's weights, so the penalty changes nothing in D's update
_step("b18-step-r1-no-create-graph", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("create_graph",), setting=R1)

# WRONG: the penalty weighted by r1_gamma, not r1_gamma / 2
_step("b18-step-r1-full-gamma", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("r1_gamma",), setting=R1)

# WRONG: the penalty taken at the fakes instead of the real images
_step("b18-step-r1-at-fakes", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    fake_in = fake.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake_in, y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), fake_in, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("real",), setting=R1)

# WRONG: loss_d reported with the penalty in it (the course reports D's loss without it)
_step("b18-step-r1-reports-penalty", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss_d = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("penalty",), setting=R1)

# WRONG: the mean over the pixels instead of each image's sum over its pixels (784 times too small on MNIST)
_step("b18-step-r1-pixel-mean", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("sum",), setting=R1)

# RIGHT (the course's reading; the writer called it wrong: the batch is a fresh tensor each step, so the flag harms nothing): x.requires_grad_(True) on the caller's own batch (no detach): the caller's images now require grad
_step("b18-step-r1-caller-requires-grad", N3, LOSSES + '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x.requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = my_discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = my_generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, words=(), setting=R1)

# ---------------------------------------------------------------- notebook 04: class loss (class_weight=1.0)

# RIGHT: the class halves through log_softmax + nll_loss, computed in float32 from the logits D already gave; loss_d and loss_g reported without the class terms
_step("b18-step-class-nll", N4, '''
from ganlib.losses import discriminator_loss, generator_loss


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming_d = class_weight * F.nll_loss(F.log_softmax(class_logits.float(), dim=1), y)
    else:
        real_logits, naming_d = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming_d).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad()
    if class_weight:
        logits_g, class_logits_g = D(fake, y, classify=True)
        naming_g = class_weight * F.nll_loss(F.log_softmax(class_logits_g.float(), dim=1), y)
    else:
        logits_g, naming_g = D(fake, y), 0.0
    loss_g = generator_loss(logits_g)
    (loss_g + naming_g).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting=CL)

# RIGHT: always asks D for class logits (classify=True works whatever the weight), the class term multiplied by a weight that may be 0; the numbers returned as floats
_step("b18-step-class-always-classify", N4, '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    (loss_d + class_weight * F.cross_entropy(real_classes, y)).backward()
    opt_d.step()

    frozen = [p for p in D.parameters() if p.requires_grad]
    for p in frozen:
        p.requires_grad_(False)
    opt_g.zero_grad()
    g_logits, g_classes = D(fake, y, classify=True)
    loss_g = F.softplus(-g_logits).mean()
    (loss_g + class_weight * F.cross_entropy(g_classes, y)).backward()
    opt_g.step()
    for p in frozen:
        p.requires_grad_(True)
    return {"loss_d": float(loss_d), "loss_g": float(loss_g),
            "d_real": float(torch.sigmoid(real_logits).mean()), "d_fake": float(torch.sigmoid(fake_logits).mean())}
''', True, setting=CL)

# WRONG: D also learns classes from the fakes (AC-GAN proper); the course's D learns them from real images only
_step("b18-step-class-d-on-fakes", N4, '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits, fake_classes = D(fake.detach(), y, classify=True)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    naming = class_weight * (F.cross_entropy(real_classes, y) + F.cross_entropy(fake_classes, y))
    (loss_d + naming).backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    g_logits, g_classes = D(fake, y, classify=True)
    loss_g = F.softplus(-g_logits).mean()
    (loss_g + class_weight * F.cross_entropy(g_classes, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("real",), setting=CL)

# WRONG: G's class term computed on detached fakes: it reaches no weight of G
_step("b18-step-class-g-detached", N4, '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    (loss_d + class_weight * F.cross_entropy(real_classes, y)).backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    g_logits = D(fake, y)
    _, g_classes = D(fake.detach(), y, classify=True)
    loss_g = F.softplus(-g_logits).mean()
    naming = class_weight * F.cross_entropy(g_classes, y)
    (loss_g + naming).backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("detach",), setting=CL)

# WRONG: reports loss_d and loss_g with the class terms added in
_step("b18-step-class-reports-class-terms", N4, '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean() + \\
        class_weight * F.cross_entropy(real_classes, y)
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    g_logits, g_classes = D(fake, y, classify=True)
    loss_g = F.softplus(-g_logits).mean() + class_weight * F.cross_entropy(g_classes, y)
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("class",), setting=CL)

# WRONG: class_weight accepted but never used: notebook 02's step, no class loss at all
_step("b18-step-class-ignored", N4, '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()
    D.requires_grad_(False)
    opt_g.zero_grad()
    loss_g = F.softplus(-D(fake, y)).mean()
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=("class",), setting=CL)


# Battery b18, part 04: check_block_shapes: notebook 03's my_up_block(c_in, c_out) (the check builds
# my_up_block(64, 32), feeds (2, 64, 7, 7), expects (2, 32, 14, 14)) and notebook 07's my_first_layer (a module:
# 3 -> 16 filters, kernel 4, stride 2, padding 1, no batch norm; (2, 3, 64, 64) -> (2, 16, 32, 32)).

C = "check_block_shapes"
UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

# RIGHT: the three layers appended to a list, then unpacked into nn.Sequential; sizes as tuples, every default spelled out
_answer("b18-up-list-tuples", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    layers = []
    layers.append(nn.ConvTranspose2d(c_in, c_out, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1),
                                     output_padding=0, groups=1, bias=False, dilation=1))
    layers.append(nn.BatchNorm2d(c_out, eps=1e-5, momentum=0.1))
    layers.append(nn.ReLU(inplace=False))
    return nn.Sequential(*layers)
''', True, args=UP)

# RIGHT: an empty nn.Sequential filled with add_module, named layers
_answer("b18-up-add-module", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    block = nn.Sequential()
    block.add_module("deconv", nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False))
    block.add_module("bn", nn.BatchNorm2d(c_out))
    block.add_module("relu", nn.ReLU(True))
    return block
''', True, args=UP)

# RIGHT: the DCGAN initialisation applied inside (weights from N(0, 0.02), BN scales from N(1, 0.02)): same layers
_answer("b18-up-dcgan-init", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    block = nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1, bias=False),
                          nn.BatchNorm2d(c_out), nn.ReLU())
    nn.init.normal_(block[0].weight, 0.0, 0.02)
    nn.init.normal_(block[1].weight, 1.0, 0.02)
    nn.init.zeros_(block[1].bias)
    return block
''', True, args=UP)

# WRONG: stride 1: 7 -> 8 (kernel 4, padding 1), not 14
_answer("b18-up-stride-1", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 1, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, words=("shape",), args=UP)

# WRONG: an ordinary (strided) convolution: it halves the map, 7 -> 3
_answer("b18-up-conv2d", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, words=('halves',), args=UP)

# WRONG: the transposed convolution keeps its bias (the notebook: no bias, batch norm subtracts the mean anyway)
_answer("b18-up-with-bias", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, words=("bias",), args=UP)

# WRONG: batch norm left out
_answer("b18-up-no-batchnorm", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU())
''', False, words=("batch",), args=UP)

# WRONG: LeakyReLU (D's activation) instead of ReLU in G's block
_answer("b18-up-leaky", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2))
''', False, words=("relu",), args=UP)

# WRONG: batch norm sized for the input's channels (64), but it sees the output's 32: raises when called
_answer("b18-up-bn-c-in", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_in), nn.ReLU())
''', False, words=('batchnorm',), args=UP)

# RIGHT (the course's reading; the writer called it wrong: ConvGenerator unpacks the list, so the generator builds and runs): a plain list of the three layers, not an nn.Sequential (not callable, and ConvGenerator unpacks a module)
_answer("b18-up-plain-list", C, "my_up_block", '''
def my_up_block(c_in, c_out):
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]
''', True, words=(), args=UP)

# RIGHT: notebook 07's first layer, every argument by keyword (bias kept: no batch norm follows it)
_answer("b18-first-keywords", C, "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1, bias=True)
)
''', True, args=FIRST)

# RIGHT: the same convolution with padding given as a tuple and padding_mode spelled out
_answer("b18-first-tuple-padding", C, "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, (4, 4), (2, 2), padding=(1, 1), padding_mode="zeros")
)
''', True, args=FIRST)

# WRONG: no padding: 64 -> 31
_answer("b18-first-no-padding", C, "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, kernel_size=4, stride=2)
)
''', False, words=("shape",), args=FIRST)

# WRONG: batch norm right after the first layer (the DCGAN guideline: none on D's input layer)
_answer("b18-first-with-batchnorm", C, "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.BatchNorm2d(16))
)
''', False, words=("batch",), args=FIRST)


# Battery b18, part 05: check_frechet_distance (notebook 08, my_frechet(mu1, sigma1, mu2, sigma2)): NumPy arrays in,
# a float out, |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)). The notebook's cell imports numpy as np and
# scipy's linalg; the sources import what they use.

C, N = "check_frechet_distance", "my_frechet"

# RIGHT: the hint's form, with the real part taken when sqrtm returns tiny imaginary parts
_answer("b18-fd-sqrtm-real", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', True)

# RIGHT: Tr (S1 S2)^(1/2) = Tr (A S2 A)^(1/2) with A = S1^(1/2): both square roots by symmetric eigen-decompositions, negative round-off eigenvalues clipped to 0
_answer("b18-fd-eigh-symmetric", C, N, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    w, v = np.linalg.eigh((sigma1 + sigma1.T) / 2)
    root1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    middle = root1 @ sigma2 @ root1
    trace_sqrt = np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0, None)).sum()
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt)
''', True)

# RIGHT: the trace of the square root as the sum of the square roots of the eigenvalues of S1 S2 (real and non-negative for two covariance matrices; real part taken and round-off clipped)
_answer("b18-fd-eigvals-product", C, N, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2)
    trace_sqrt = np.sqrt(np.clip(eigenvalues.real, 0, None)).sum()
    mean_term = np.linalg.norm(mu1 - mu2) ** 2
    return float(mean_term + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt)
''', True)

# RIGHT: Tr (S1^(1/2) S2 S1^(1/2))^(1/2) is the nuclear norm (sum of singular values) of S1^(1/2) S2^(1/2)
_answer("b18-fd-nuclear-norm", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    def psd_sqrt(m):
        w, v = linalg.eigh(m)
        return v @ np.diag(np.sqrt(np.maximum(w, 0.0))) @ v.T
    trace_sqrt = np.linalg.norm(psd_sqrt(sigma1) @ psd_sqrt(sigma2), ord="nuc")
    d = mu1 - mu2
    return float(d @ d + np.trace(sigma1 + sigma2) - 2.0 * trace_sqrt)
''', True)

# RIGHT: in torch, float64 throughout, the square root by torch.linalg.eigh; a Python float out
_answer("b18-fd-torch-float64", C, N, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    m1, m2 = torch.as_tensor(mu1, dtype=torch.float64), torch.as_tensor(mu2, dtype=torch.float64)
    s1, s2 = torch.as_tensor(sigma1, dtype=torch.float64), torch.as_tensor(sigma2, dtype=torch.float64)
    w, v = torch.linalg.eigh(s1)
    root1 = v @ torch.diag(w.clamp(min=0).sqrt()) @ v.T
    inner = root1 @ s2 @ root1
    trace_sqrt = torch.linalg.eigvalsh((inner + inner.T) / 2).clamp(min=0).sqrt().sum()
    value = (m1 - m2).pow(2).sum() + s1.trace() + s2.trace() - 2 * trace_sqrt
    return value.item()
''', True)

# RIGHT: einsum for the squared distance and the traces; returns np.float64 (a subclass of Python's float)
_answer("b18-fd-einsum-npfloat", C, N, '''
import scipy.linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = np.asarray(mu1, dtype=np.float64) - np.asarray(mu2, dtype=np.float64)
    covmean = np.real(scipy.linalg.sqrtm(np.asarray(sigma1, dtype=np.float64) @ np.asarray(sigma2, dtype=np.float64)))
    value = np.einsum("i,i->", diff, diff) + np.einsum("ii->", sigma1) + np.einsum("ii->", sigma2) \\
        - 2 * np.einsum("ii->", covmean)
    return np.float64(value)
''', True)

# WRONG: the trace term without its factor 2
_answer("b18-fd-no-factor-two", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
''', False, words=('factor 2',))

# WRONG: the distance of the means, not its square
_answer("b18-fd-norm-not-squared", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("square",))

# WRONG: an element-wise square root of the product, not the matrix square root
_answer("b18-fd-elementwise-sqrt", C, N, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(np.abs(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("matrix",))

# WRONG: S1^(1/2) S2^(1/2) in place of (S1 S2)^(1/2) (equal only when the two matrices commute)
_answer("b18-fd-product-of-roots", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=('sqrtm(s1 @ s2)',))

# RIGHT (the course's reading; the writer called it wrong: a tensor holding the right number is the number): a torch tensor out, not a float
_answer("b18-fd-returns-tensor", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return torch.tensor(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', True, words=())

# RIGHT (the course's reading; the writer called it wrong: a one-element array holding the right number is the number): a 1-element NumPy array out (np.atleast_1d "to be safe"), not a float
_answer("b18-fd-returns-array", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return np.atleast_1d(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', True, words=())

# WRONG: complex square roots of the eigenvalues (np.emath.sqrt) kept complex: the value comes out complex
_answer("b18-fd-complex", C, N, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2)
    trace_sqrt = np.emath.sqrt(eigenvalues.astype(complex)).sum()
    return np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt
''', False, words=("complex",))

# WRONG: nudges the caller's covariance matrices in place (sigma += eps I) "for stability"
_answer("b18-fd-inplace-nudge", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    offset = np.eye(len(mu1)) * 1e-6
    sigma1 += offset
    sigma2 += offset
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=("place",))

# WRONG: square roots of the eigenvalues of S1 S2 without clipping: a singular product (features that never fire) has eigenvalues a hair below 0, and np.sqrt gives NaN
_answer("b18-fd-unclipped-nan", C, N, '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(eigenvalues).sum())
''', False, words=("nan",))

# RIGHT (the course's reading; the writer called it wrong: its prints are held back by the check; the value is right): prints the matrices and every intermediate (64 x 64 matrices, every call)
_answer("b18-fd-prints", C, N, '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    np.set_printoptions(threshold=100000)
    print("mu1", mu1, "mu2", mu2)
    print("sigma1", sigma1)
    print("sigma2", sigma2)
    covmean = np.real(linalg.sqrtm(sigma1 @ sigma2))
    print("covmean", covmean)
    value = float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean))
    print("frechet", value)
    return value
''', True, words=())


# Battery b18, part 06: check_gradient_penalty (notebook 09, my_gradient_penalty(D, real, fake)): one eps per image
# from torch.rand(B, 1, 1, 1), x_hat = eps real + (1 - eps) fake, detached and requiring grad, the gradient of the sum
# of D's scores with create_graph=True, the mean over images of (||grad|| - 1)^2, without the weight.

C, N = "check_gradient_penalty", "my_gradient_penalty"

# RIGHT: torch.lerp(fake, real, eps) = fake + eps (real - fake) = eps real + (1 - eps) fake; vector_norm per image
_answer("b18-gp-lerp-vector-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    norms = torch.linalg.vector_norm(grad.flatten(1), ord=2, dim=1)
    return ((norms - 1) ** 2).mean()
''', True)

# RIGHT: grad_outputs=ones in place of .sum(); eps drawn as B numbers then viewed as (B, 1, 1, 1) (the same draws)
_answer("b18-gp-grad-outputs-view", C, N, '''
def my_gradient_penalty(D, real, fake):
    B = len(real)
    eps = torch.rand(B, device=real.device, dtype=real.dtype).view(B, 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach()
    x_hat.requires_grad_(True)
    scores = D(x_hat)
    grad = torch.autograd.grad(outputs=scores, inputs=x_hat, grad_outputs=torch.ones_like(scores),
                               create_graph=True, retain_graph=True)[0]
    slope = grad.reshape(B, -1).norm(2, dim=1)
    return (slope - 1).pow(2).mean()
''', True)

# RIGHT: eps from an empty tensor's uniform_() (the same random numbers as torch.rand); the norm as the square root of the summed squares; the gradient of the mean score scaled back by B
_answer("b18-gp-uniform-mean-times-b", C, N, '''
def my_gradient_penalty(D, real, fake):
    B = real.shape[0]
    eps = torch.empty(B, 1, 1, 1, device=real.device).uniform_()
    x_hat = eps * real.detach() + (1 - eps) * fake.detach()
    x_hat = x_hat.clone().requires_grad_()
    grad, = torch.autograd.grad(D(x_hat).mean(), [x_hat], create_graph=True)
    grad = grad * B
    norms = torch.sqrt((grad ** 2).sum(dim=(1, 2, 3)))
    return torch.mean((norms - 1.0) ** 2)
''', True)

# RIGHT: eps from rand_like on a (B, 1, 1, 1) slice of the batch; the penalty as a squared-error mean against 1
_answer("b18-gp-rand-like-mse", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real[:, :1, :1, :1])
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    norms = grad.flatten(start_dim=1).norm(dim=1)
    return F.mse_loss(norms, torch.ones_like(norms))
''', True)

# WRONG: no create_graph: the penalty is a constant to D's weights and cannot train D
_answer("b18-gp-no-create-graph", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("create_graph",))

# WRONG: one eps per pixel (rand_like(real)) instead of one per image: x_hat is off the lines between the pairs
_answer("b18-gp-eps-per-pixel", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("image",))

# WRONG: one norm of the whole batch's gradient instead of one per image
_answer("b18-gp-batch-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, words=("image",))

# WRONG: the squared norm minus 1 (no square root): (||g||^2 - 1)^2
_answer("b18-gp-squared-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.pow(2).flatten(1).sum(1) - 1) ** 2).mean()
''', False, words=("norm",))

# WRONG: the weight lambda = 10 put inside (the step multiplies by gp_weight itself)
_answer("b18-gp-weighted", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return 10 * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("weight",))

# WRONG: builds x_hat in the caller's real tensor (real.mul_(eps).add_(...)) under no_grad: the caller's images change
_answer("b18-gp-inplace-real", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    with torch.no_grad():
        x_hat = real.mul_(eps).add_((1 - eps) * fake)
    x_hat = x_hat.detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("place",))

# WRONG: reseeds the global generator so that eps is "reproducible": every call draws the same eps
_answer("b18-gp-manual-seed", C, N, '''
def my_gradient_penalty(D, real, fake):
    torch.manual_seed(0)
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("seed",))

# WRONG: the fakes are not detached: when they come from G, the penalty's gradient also reaches G's weights
_answer("b18-gp-fake-not-detached", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = eps * real + (1 - eps) * fake
    if not x_hat.requires_grad:
        x_hat.requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("detach",))

# WRONG: the midpoint of each pair (eps = 0.5 always) instead of a random point on the line
_answer("b18-gp-midpoint", C, N, '''
def my_gradient_penalty(D, real, fake):
    x_hat = (0.5 * real + 0.5 * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=("random",))


# Battery b18, part 07: check_hinge_loss (notebook 09, my_hinge_d_loss(real_scores, fake_scores) and
# my_hinge_g_loss(fake_scores), each a 0-d tensor: mean max(0, 1 - real) + mean max(0, 1 + fake); -mean fake).

C, N = "check_hinge_loss", "my_hinge_d_loss"
G_ARGS = {"generator_name": "my_hinge_g_loss"}

# RIGHT: torch.where for max(0, .), torch.neg for G
_answer("b18-hinge-where", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real_margin = 1 - real_scores
    fake_margin = 1 + fake_scores
    real_term = torch.where(real_margin > 0, real_margin, torch.zeros_like(real_margin))
    fake_term = torch.where(fake_margin > 0, fake_margin, torch.zeros_like(fake_margin))
    return real_term.mean() + fake_term.mean()


def my_hinge_g_loss(fake_scores):
    return torch.neg(fake_scores.mean())
''', True, args=G_ARGS)

# RIGHT: F.hinge_embedding_loss with every target -1 is mean max(0, margin - input): max(0, 1 - s) for the real scores, and for the fakes max(0, 1 - (-s)) = max(0, 1 + s)
_answer("b18-hinge-embedding-loss", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    minus_one_real = -torch.ones_like(real_scores)
    minus_one_fake = -torch.ones_like(fake_scores)
    return F.hinge_embedding_loss(real_scores, minus_one_real, margin=1.0) + \\
        F.hinge_embedding_loss(-fake_scores, minus_one_fake, margin=1.0)


def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', True, args=G_ARGS)

# RIGHT: torch.maximum against 0 in float64, cast back; G's loss as a sum divided by the count
_answer("b18-hinge-maximum-float64", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    r, f = real_scores.double(), fake_scores.double()
    zero = torch.zeros((), dtype=torch.float64)
    loss = torch.maximum(zero, 1 - r).mean() + torch.maximum(zero, 1 + f).mean()
    return loss.to(real_scores.dtype)


def my_hinge_g_loss(fake_scores):
    return -fake_scores.sum() / fake_scores.numel()
''', True, args=G_ARGS)

# RIGHT: F.relu with the margins written the other way round, -(s - 1) and s + 1; G's loss as (-1 * s).mean()
_answer("b18-hinge-relu-rewritten", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.mean(F.relu(-(real_scores - 1.0))) + torch.mean(F.relu(fake_scores + 1.0))


def my_hinge_g_loss(fake_scores):
    return (-1.0 * fake_scores).mean()
''', True, args=G_ARGS)

# WRONG: no max(0, .): the loss is linear, 2 - mean real + mean fake, and never stops pushing (that is the WGAN critic)
_answer("b18-hinge-no-max", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).mean() + (1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=("max",), args=G_ARGS)

# WRONG: the margins' signs swapped: real images pushed down, fakes up
_answer("b18-hinge-swapped-signs", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('swapped',), args=G_ARGS)

# WRONG: G's loss without its minus sign: G would lower D's scores of its fakes
_answer("b18-hinge-g-sign", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, words=("sign",), args=G_ARGS)

# WRONG: G's loss hinged too, mean max(0, 1 - score): it stops pulling a fake once it passes the margin
_answer("b18-hinge-g-hinged", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, words=("linear",), args=G_ARGS)

# WRONG: sums over the batch instead of means
_answer("b18-hinge-sums", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).sum() + F.relu(1 + fake_scores).sum()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.sum()
''', False, words=("mean",), args=G_ARGS)

# WRONG: computes the margins in the caller's tensors (in place, under no_grad): the caller's scores change
_answer("b18-hinge-inplace", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    with torch.no_grad():
        real_scores.neg_().add_(1)
        fake_scores.add_(1)
    return real_scores.clamp(min=0).mean() + fake_scores.clamp(min=0).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=("place",), args=G_ARGS)

# WRONG: the numbers read out as Python floats (no gradient; the notebook asks for 0-d tensors)
_answer("b18-hinge-floats", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean().item() + F.relu(1 + fake_scores).mean().item()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean().item()
''', False, words=("tensor",), args=G_ARGS)


# Battery b18, part 08: check_slerp (notebook 05, my_slerp(z0, z1, t)): one row per value of t, from z0 (t = 0) to
# z1 (t = 1) along the great circle, sin((1 - t) W) / sin W z0 + sin(t W) / sin W z1, cos W = z0.z1 / (|z0| |z1|).

C, N = "check_slerp", "my_slerp"

# RIGHT: float64 intermediates, the angle by atan2 of the sine and the cosine (stable near 0 and pi), cast back
_answer("b18-slerp-atan2-float64", C, N, '''
def my_slerp(z0, z1, t):
    a, b = z0.double(), z1.double()
    t = torch.as_tensor(t, dtype=torch.float64).reshape(-1, 1)
    cos = torch.dot(a, b) / (a.norm() * b.norm())
    sin = torch.sqrt(torch.clamp(1 - cos ** 2, min=0))
    omega = torch.atan2(sin, cos)
    rows = torch.sin((1 - t) * omega) / torch.sin(omega) * a + torch.sin(t * omega) / torch.sin(omega) * b
    return rows.to(z0.dtype)
''', True)

# RIGHT: the two weights as columns and einsum for the outer products
_answer("b18-slerp-einsum", C, N, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).flatten()
    omega = torch.acos(torch.clamp(F.cosine_similarity(z0, z1, dim=0), -1.0, 1.0))
    w0 = torch.sin((1 - t) * omega) / torch.sin(omega)
    w1 = torch.sin(t * omega) / torch.sin(omega)
    return torch.einsum("t,d->td", w0, z0) + torch.einsum("t,d->td", w1, z1)
''', True)

# RIGHT: in NumPy (float64) and back to a tensor of z0's dtype, one row per t stacked with np.stack
_answer("b18-slerp-numpy", C, N, '''
def my_slerp(z0, z1, t):
    a = z0.detach().cpu().numpy().astype(np.float64)
    b = z1.detach().cpu().numpy().astype(np.float64)
    ts = np.atleast_1d(np.asarray(t, dtype=np.float64))
    omega = np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0))
    rows = [np.sin((1 - s) * omega) / np.sin(omega) * a + np.sin(s * omega) / np.sin(omega) * b for s in ts]
    return torch.from_numpy(np.stack(rows)).to(dtype=z0.dtype, device=z0.device)
''', True)

# WRONG: the straight line (lerp), not the great circle
_answer("b18-slerp-lerp", C, N, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=("straight",))

# WRONG: the cosine without dividing by the lengths: acos of a dot product of about +-10 is NaN
_answer("b18-slerp-unnormalised-angle", C, N, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos(torch.dot(z0, z1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', False, words=("nan",))

# WRONG: the weights swapped: the path starts at z1 and ends at z0
_answer("b18-slerp-reversed", C, N, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos((z0 @ z1 / (z0.norm() * z1.norm())).clamp(-1, 1))
    return torch.sin(t * omega) / torch.sin(omega) * z0 + torch.sin((1 - t) * omega) / torch.sin(omega) * z1
''', False, words=("start",))

# WRONG: sin(t) and sin(1 - t) in place of sin(t W) and sin((1 - t) W): the angle left out of the weights
_answer("b18-slerp-angle-left-out", C, N, '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos((z0 @ z1 / (z0.norm() * z1.norm())).clamp(-1, 1))
    return torch.sin(1 - t) / torch.sin(omega) * z0 + torch.sin(t) / torch.sin(omega) * z1
''', False, words=('angle is missing',))

# WRONG: t never made a column: (n,) against (d,) does not broadcast, and the call raises
_answer("b18-slerp-no-column", C, N, '''
def my_slerp(z0, z1, t):
    omega = torch.acos((z0 @ z1 / (z0.norm() * z1.norm())).clamp(-1, 1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', False, words=("error",))

# RIGHT (the course's reading; the writer called it wrong: a list of rows is the path; the check accepts it and notes that the generator takes a tensor): the rows in a Python list, not one tensor
_answer("b18-slerp-list", C, N, '''
def my_slerp(z0, z1, t):
    omega = math.acos(max(-1.0, min(1.0, float(z0 @ z1 / (z0.norm() * z1.norm())))))
    return [math.sin((1 - float(s)) * omega) / math.sin(omega) * z0 + math.sin(float(s) * omega) / math.sin(omega) * z1
            for s in torch.as_tensor(t).flatten()]
''', True, words=())


# Battery b18, part 09: check_class_loss_halves (notebook 04, my_class_losses(D, real, fake, y) -> (d_half, g_half)):
# d_half = CE(class logits of D on the real images, y); g_half = CE(class logits of D on the fakes, not detached, y).

C, N = "check_class_loss_halves", "my_class_losses"

# RIGHT: log_softmax + nll_loss, the course's cross-entropy in two steps
_answer("b18-halves-nll", C, N, '''
def my_class_losses(D, real, fake, y):
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    d_half = F.nll_loss(F.log_softmax(real_classes, dim=1), y)
    g_half = F.nll_loss(F.log_softmax(fake_classes, dim=1), y)
    return d_half, g_half
''', True)

# RIGHT: the cross-entropy written out: logsumexp of the class logits minus the logit of the label, averaged
_answer("b18-halves-logsumexp-gather", C, N, '''
def _ce(class_logits, labels):
    picked = class_logits.gather(1, labels.view(-1, 1)).squeeze(1)
    return (torch.logsumexp(class_logits, dim=1) - picked).mean()


def my_class_losses(D, real, fake, y):
    d_half = _ce(D(real, y, classify=True)[1], y)
    g_half = _ce(D(fake, y, classify=True)[1], y)
    return (d_half, g_half)
''', True)

# RIGHT: one-hot labels against log-probabilities in float64, cast back to float32
_answer("b18-halves-onehot-float64", C, N, '''
def my_class_losses(D, real, fake, y):
    def ce(images):
        class_logits = D(images, y, classify=True)[1].double()
        one_hot = F.one_hot(y, class_logits.shape[1]).double()
        return -(one_hot * class_logits.log_softmax(1)).sum(1).mean().float()
    return ce(real), ce(fake)
''', True)

# WRONG: G's half judged on detached fakes: no gradient reaches G through it
_answer("b18-halves-g-detached", C, N, '''
def my_class_losses(D, real, fake, y):
    d_half = F.cross_entropy(D(real, y, classify=True)[1], y)
    g_half = F.cross_entropy(D(fake.detach(), y, classify=True)[1], y)
    return d_half, g_half
''', False, words=("detach",))

# WRONG: the halves returned in the wrong order (G's first)
_answer("b18-halves-swapped", C, N, '''
def my_class_losses(D, real, fake, y):
    d_half = F.cross_entropy(D(real, y, classify=True)[1], y)
    g_half = F.cross_entropy(D(fake, y, classify=True)[1], y)
    return g_half, d_half
''', False, words=("real",))

# WRONG: summed over the batch instead of averaged
_answer("b18-halves-sum", C, N, '''
def my_class_losses(D, real, fake, y):
    d_half = F.cross_entropy(D(real, y, classify=True)[1], y, reduction="sum")
    g_half = F.cross_entropy(D(fake, y, classify=True)[1], y, reduction="sum")
    return d_half, g_half
''', False, words=("mean",))

# WRONG: the labels D itself predicts (argmax of its class logits) instead of y
_answer("b18-halves-argmax-labels", C, N, '''
def my_class_losses(D, real, fake, y):
    _, real_classes = D(real, y, classify=True)
    _, fake_classes = D(fake, y, classify=True)
    d_half = F.cross_entropy(real_classes, real_classes.argmax(1))
    g_half = F.cross_entropy(fake_classes, fake_classes.argmax(1))
    return d_half, g_half
''', False, words=("label",))
