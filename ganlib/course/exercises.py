"""Exercises that check themselves: each ``check_*`` runs a student's function on inputs whose answer is known and
says, as a tutor would, the first thing that is wrong, in one or two sentences; or that it is right.

A check prints its verdict and returns a ``Verdict``, true or false (a notebook cell never stops on a wrong answer), and raises
nothing but the student's own errors. ``NotWrittenYet`` is what the student versions' stubs raise: a check
reports it as "not written yet" with the stub's hint.
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .. import latent
from ..evaluation import metrics
from ..losses import discriminator_loss, generator_loss
from ..nets import MLPDiscriminator, MLPGenerator, course_class_name, rebuild_net
from ..step import discriminator_step, generator_step
from ..toy import ToyDiscriminator, ToyGenerator, ring_of_gaussians


class NotWrittenYet(NotImplementedError):
    """Raised by a stub in the student version of a notebook; its message is the hint."""


class Verdict:
    """What a check found: true when the answer is right. A notebook shows nothing for it (the sentence is printed)."""

    def __init__(self, ok: bool):
        self.ok = bool(ok)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return f"Verdict({self.ok})"

    def _ipython_display_(self) -> None:  # IPython's hook: display nothing
        pass


def _verdict(ok: bool, text: str) -> Verdict:
    print(("Correct: " if ok else "Not yet: ") + text)
    return Verdict(ok)


def _run(function: Callable, *args, **options):
    """``(result, None)``, or ``(None, verdict text)`` when the function is a stub or fails."""
    try:
        return function(*args, **options), None
    except NotWrittenYet as hint:
        return None, f"not written yet. Hint: {hint}"


def _scalar(value, name: str) -> Optional[str]:
    if not isinstance(value, torch.Tensor):
        return f"{name} must return a tensor (so that .backward() works), got {type(value).__name__}."
    if value.dim() != 0:
        return f"{name} must return one number (a 0-d tensor, e.g. a mean over the batch), got shape {tuple(value.shape)}."
    return None


# ---- losses (notebook 01) -----------------------------------------------------------------------------------

def check_discriminator_loss(loss_d: Callable) -> Verdict:
    """``loss_d(real_logits, fake_logits)``: D's loss on logits, BCE(D(x), 1) + BCE(D(G(z)), 0), batch means."""
    real, fake = torch.tensor([2.0, 0.5, -1.0, 3.0]), torch.tensor([-2.0, 0.0, 1.5, -0.5])
    value, failed = _run(loss_d, real, fake)
    if failed:
        return _verdict(False, failed)
    wrong = _scalar(value, "the discriminator loss")
    if wrong:
        return _verdict(False, wrong)
    expected = discriminator_loss(real, fake)
    if torch.isclose(value, expected, atol=1e-5):
        return _verdict(True, f"{value.item():.4f}; at D's indifference (all logits 0) it is 2 ln 2 = 1.386.")
    if torch.isclose(value, discriminator_loss(fake, real), atol=1e-5):
        return _verdict(False, "real and fake are swapped: D should call real images 1 and fakes 0.")
    if torch.isclose(value, -expected, atol=1e-5):
        return _verdict(False, "the sign is flipped: D minimises the cross-entropy (it maximises log D(x) + "
                               "log(1 - D(G(z)))), so the loss must fall as D gets real and fake right.")
    if torch.isclose(value, expected * len(real), atol=1e-4):
        return _verdict(False, "it is a sum over the batch: take the mean, so the learning rate does not depend on "
                               "the batch size.")
    probabilities = F.binary_cross_entropy(torch.sigmoid(torch.sigmoid(real)), torch.ones(4)) + \
        F.binary_cross_entropy(torch.sigmoid(torch.sigmoid(fake)), torch.zeros(4))
    if torch.isclose(value, probabilities, atol=1e-4):
        return _verdict(False, "sigmoid is applied twice: the inputs are logits, and BCE-with-logits applies the "
                               "sigmoid itself.")
    half = F.binary_cross_entropy_with_logits(real, torch.ones(4))
    if torch.isclose(value, half, atol=1e-5):
        return _verdict(False, "only the real half is there: add the fakes' term, BCE(D(G(z)), 0).")
    return _verdict(False, f"got {value.item():.4f}, expected {expected.item():.4f} for these logits. Use "
                           "F.binary_cross_entropy_with_logits(real_logits, ones) + (fake_logits, zeros).")


def check_generator_loss(loss_g: Callable) -> Verdict:
    """``loss_g(fake_logits)``: the non-saturating generator loss, BCE(D(G(z)), 1) = -log D(G(z)), batch mean."""
    fake = torch.tensor([-6.0, -1.0, 0.0, 2.0], requires_grad=True)
    value, failed = _run(loss_g, fake)
    if failed:
        return _verdict(False, failed)
    wrong = _scalar(value, "the generator loss")
    if wrong:
        return _verdict(False, wrong)
    expected = generator_loss(fake.detach())
    if torch.isclose(value.detach(), expected, atol=1e-5):
        return _verdict(True, f"{value.item():.4f}; at D's indifference it is ln 2 = 0.693, and it stays steep "
                              "where D rejects the fakes.")
    saturating = -F.binary_cross_entropy_with_logits(fake.detach(), torch.zeros(4))
    if torch.isclose(value.detach(), saturating, atol=1e-5) or torch.isclose(value.detach(), -saturating, atol=1e-5):
        grad, = torch.autograd.grad(value, fake)
        return _verdict(False, "this is the saturating loss log(1 - D(G(z))): where D rejects a fake (logit -6) its "
                               f"gradient is {abs(grad[0].item()):.4f}, almost nothing. Use -log D(G(z)), i.e. "
                               "BCE(D(G(z)), 1): same fixed point, strong gradients early on.")
    if torch.isclose(value.detach(), -expected, atol=1e-5):
        return _verdict(False, "the sign is flipped: your loss grows when D(G(z)) grows, but G wants D to say 'real'.")
    if torch.isclose(value.detach(), expected * len(fake), atol=1e-4):
        return _verdict(False, "it is a sum over the batch: take the mean.")
    return _verdict(False, f"got {value.item():.4f}, expected {expected.item():.4f}: "
                           "F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)).")


# ---- the training step (notebook 01) -----------------------------------------------------------------------

class _Watched(torch.optim.Optimizer):
    """An optimiser that records what is done to it, so a check can tell the order of a student's step."""

    def __init__(self, inner: torch.optim.Optimizer, name: str, log: list):
        self.inner, self.name, self.log = inner, name, log
        self.param_groups, self.state, self.defaults = inner.param_groups, inner.state, inner.defaults

    def zero_grad(self, set_to_none: bool = True):
        self.log.append(f"zero_grad {self.name}")
        self.inner.zero_grad(set_to_none)

    def step(self, closure=None):
        self.log.append(f"step {self.name}")
        return self.inner.step(closure)


def _setup(conditional: bool, seed: int = 0):
    """Small nets, their optimisers and a batch: the toy nets of notebook 00, or (``conditional``) small
    conditional MLPs with three classes and labels for the batch."""
    torch.manual_seed(seed)
    if conditional:
        G = MLPGenerator(latent_dim=8, n_classes=3, image_shape=(1, 4, 4), hidden=(16, 32))
        D = MLPDiscriminator(n_classes=3, image_shape=(1, 4, 4), hidden=(32, 16))
        x, y = torch.rand(64, 1, 4, 4) * 2 - 1, torch.randint(0, 3, (64,))
    else:
        G, D = ToyGenerator(), ToyDiscriminator()
        x, y = ring_of_gaussians(64, seed=seed), None
    opt_g, opt_d = (torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.5, 0.999)) for net in (G, D))
    return G, D, opt_g, opt_d, x, y


def _reference_step(conditional: bool, r1_gamma: float = 0.0, class_weight: float = 0.0,
                    generator_class_weight: Optional[float] = None):
    """The nets after the course's step (``train_step``'s two halves) from the same start and the same random
    numbers; ``generator_class_weight`` differs from ``class_weight`` only to tell which half a student missed."""
    G, D, opt_g, opt_d, x, y = _setup(conditional)
    torch.manual_seed(1)
    fake = G(torch.randn(len(x), G.latent_dim), y)
    discriminator_step(D, opt_d, x, fake, y, class_weight, r1_gamma=r1_gamma)
    generator_step(D, opt_g, fake, y, class_weight if generator_class_weight is None else generator_class_weight)
    return G, D


def _same(a: nn.Module, b: nn.Module) -> bool:
    return all(torch.allclose(p, q, atol=1e-6) for p, q in zip(a.parameters(), b.parameters()))


def check_train_step(step: Callable, conditional: bool = False, r1_gamma: float = 0.0,
                     class_weight: float = 0.0) -> Verdict:
    """``step(G, D, opt_g, opt_d, x, y=None, ...) -> dict``: one D update, then one G update, on small nets
    (conditional ones, with labels, when ``conditional`` or ``class_weight``; with the R1 penalty when
    ``r1_gamma``; with the class loss when ``class_weight``).

    Its results are compared with the course's ``train_step`` from the same random state, and while it runs the
    gradients' arrivals and the optimisers' calls are recorded, to say what went wrong when they differ.
    """
    conditional = conditional or bool(class_weight)
    G, D, opt_g, opt_d, x, y = _setup(conditional)
    log = []
    for name, net in (("G", G), ("D", D)):
        for p in net.parameters():
            p.register_hook(lambda grad, name=name: log.append(f"grad {name}") or grad)
    d_before = [p.detach().clone() for p in D.parameters()]
    options = {k: v for k, v in (("r1_gamma", r1_gamma), ("class_weight", class_weight)) if v}
    torch.manual_seed(1)
    try:
        result, failed = _run(step, G, D, _Watched(opt_g, "G", log), _Watched(opt_d, "D", log), x, y, **options)
    except RuntimeError as error:
        if "backward through the graph a second time" not in str(error):
            raise
        return _verdict(False, "D's backward went on into G and used up G's graph, so G's own backward failed: detach "
                               "the fakes in D's step (D(fake.detach())).")
    if failed:
        return _verdict(False, failed)
    if not isinstance(result, dict) or not {"loss_d", "loss_g", "d_real", "d_fake"} <= set(result):
        return _verdict(False, "the step must return a dict with 'loss_d' and 'loss_g' (the losses) and 'd_real' and "
                               "'d_fake' (the mean of sigmoid(D's logits) on real and on fake images), as tensors: "
                               "the curves and the health checks read them.")
    if "step D" not in log or "step G" not in log:
        missing = " and ".join(n for n in ("D", "G") if f"step {n}" not in log)
        return _verdict(False, f"{missing}'s optimiser never steps: call opt_{missing[0].lower()}.step() after its "
                               "backward().")
    if log.index("step D") > log.index("step G"):
        return _verdict(False, "G is updated before D: update D first on the current fakes, then G against the "
                               "updated D (the order the course's maths and the DCGAN paper use).")
    d_phase = log[:log.index("step D")]
    if "grad G" in d_phase:
        return _verdict(False, "G received gradients from D's loss: detach the fakes in D's step (D(fake.detach())), "
                               "so D's update does not push G's weights (or waste a backward pass through G).")
    if "zero_grad D" not in d_phase:
        return _verdict(False, "D's gradients are never zeroed before its backward: they add up from step to step. "
                               "Call opt_d.zero_grad() first.")
    g_phase = log[log.index("step D") + 1:log.index("step G")]
    if "zero_grad G" not in g_phase and "zero_grad G" not in d_phase:
        return _verdict(False, "G's gradients are never zeroed before its backward: call opt_g.zero_grad().")
    if "grad D" in g_phase:
        changed = [p.grad is not None and p.grad.abs().sum() > 0 for p in D.parameters()]
        if any(changed):
            return _verdict(False, "D's gradients changed during your generator step: freeze D there "
                                   "(D.requires_grad_(False), then True again), so G's loss cannot touch D.")
    G2, D2 = _reference_step(conditional, **options)
    if not _same(D, D2):
        if not any(not torch.equal(a, b) for a, b in zip(D.parameters(), d_before)):
            return _verdict(False, "D's weights did not move.")
        if class_weight and _same(D, _reference_step(conditional, r1_gamma=r1_gamma)[1]):
            return _verdict(False, "D's update is the one without the class loss: when class_weight is not 0, ask D "
                                   "for its class logits too, D(x, y, classify=True) -> (logits, class_logits), and add "
                                   "class_weight * class_loss(class_logits, y) to D's loss (real images only).")
        if r1_gamma and _same(D, _reference_step(conditional, class_weight=class_weight)[1]):
            return _verdict(False, "D's update is the one without the R1 penalty: when r1_gamma is not 0, add "
                                   "r1_gamma / 2 * r1_penalty(real_logits, x) to D's loss, with x.requires_grad_(True) "
                                   "set before D(x) so the gradient at the real images can be taken.")
        hints = ["its loss (real -> 1, fakes -> 0) and that both D(x) and D(fake) are in it"]
        if conditional:
            hints.append("that D sees the labels, D(x, y) and D(fake, y), and the fakes are made for the same labels, G(z, y)")
        if r1_gamma:
            hints.append("the R1 term: r1_gamma / 2 times ganlib.losses.r1_penalty(real_logits, x), taken with "
                         "create_graph=True so D's weights get its gradient")
        return _verdict(False, "D's update differs from the reference: check " + "; and ".join(hints) + ".")
    if not _same(G, G2):
        if class_weight and _same(G, _reference_step(conditional, **options, generator_class_weight=0.0)[0]):
            return _verdict(False, "D's update is right; G's has no class loss: add class_weight * class_loss of D's "
                                   "class logits for the fakes, D(fake, y, classify=True), against the labels asked "
                                   "for, so G is rewarded when D sees the right class in its fakes.")
        return _verdict(False, "D's update is right, G's differs: G's loss is BCE(D(G(z)), 1) on fakes made from "
                               "the same z as D's step (one batch of noise per step)" +
                               (", with the same labels, D(fake, y)." if conditional else "."))
    extras = ((" with the labels passed to both nets" if conditional else "") + (" and the R1 penalty on D" if r1_gamma else "")
              + (" and the class loss in both updates" if class_weight else ""))
    return _verdict(True, f"D first on detached fakes, then G against a frozen D{extras}; the weights match the "
                          "course's step.")


def use_yours(verdict: Verdict, yours, ours):
    """Your function or class when its check passed, else the course's (with a line saying so): what you wrote
    trains the real model as soon as it is right, and a notebook runs to the end before it is."""
    mine, course = getattr(yours, "__name__", "yours"), getattr(ours, "__name__", "the course's")
    if verdict:
        print(f"Training with your {mine}.")
        return yours
    print(f"Your {mine} has not passed its check yet: this run uses the course's {course} instead.")
    return ours


# ---- conditioning (notebook 02) and shapes (notebook 03) --------------------------------------------------------

_LABEL_IGNORED = "the label is ignored: the same input with another label gives the same output."


@torch.no_grad()
def _answers(net: nn.Module, inputs: torch.Tensor, n_classes: int):
    """``net``'s output for ``inputs`` with the labels 0..n-1 and with those labels shifted by one (the same input,
    another label), or the verdict text when it is a stub."""
    labels = torch.arange(n_classes)
    out, failed = _run(net, inputs, labels)
    return (None, None, failed) if failed else (out, net(inputs, labels.roll(1)), None)


def check_label_is_used(net: nn.Module, make_input: Callable[[int], torch.Tensor], n_classes: int = 10) -> Verdict:
    """A conditional net (``G(z, y)`` or ``D(x, y)``) must answer differently to different labels for the same input."""
    torch.manual_seed(0)
    out, other, failed = _answers(net, make_input(n_classes), n_classes)
    if failed:
        return _verdict(False, failed)
    if out.shape[0] != n_classes:
        return _verdict(False, f"one output per input expected: {n_classes}, got shape {tuple(out.shape)}.")
    if torch.allclose(out, other):
        return _verdict(False, f"{_LABEL_IGNORED} Feed the label's embedding in (concatenate it to the input, or "
                               "project it in D).")
    return _verdict(True, "the label changes the output for the same input.")


def check_conditional_net(net_class: type) -> Verdict:
    """A student's subclass of a course net with its own ``forward`` (the label's way in) must answer exactly as the
    course's net with the same weights: concatenation in the generator, projection in the discriminator."""
    torch.manual_seed(0)
    net = net_class(n_classes=10).eval()
    course = rebuild_net(course_class_name(net), net.settings).eval()
    course.load_state_dict(net.state_dict())
    generator = hasattr(net, "latent_dim")
    inputs = torch.randn(10, net.latent_dim) if generator else torch.rand(10, *net.image_shape) * 2 - 1
    out, other, failed = _answers(net, inputs, 10)
    if failed:
        return _verdict(False, failed)
    with torch.no_grad():
        expected = course(inputs, torch.arange(10))
    if tuple(out.shape) != tuple(expected.shape):
        return _verdict(False, f"the output has shape {tuple(out.shape)}, the course's net gives {tuple(expected.shape)}"
                               + (": reshape to (batch, *self.image_shape)." if generator else ": one logit per image, "
                                  "(batch,) (squeeze the last dimension of self.out(h))."))
    if torch.allclose(out, other):
        return _verdict(False, f"{_LABEL_IGNORED} self.label_embedding(y) is the label's vector; it must go in.")
    if torch.allclose(out, expected, atol=1e-5):
        how = ("the label's vector next to the noise, one input to the first layer" if generator else
               "out(h) asks 'real?', <embed(y), h> asks 'does this fit the label?'")
        return _verdict(True, f"the same answers as the course's {course_class_name(net)}: {how}.")
    if generator:
        return _verdict(False, "the label changes the output, but not as the course's generator does: concatenate "
                               "[z, self.label_embedding(y)] in that order along dim 1 and run self.net, then reshape.")
    return _verdict(False, "the label changes the output, but not as projection does: h = self.features(x.flatten(1)), "
                           "then the logit is self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1).")


def check_block_shapes(block, input_shape: Sequence[int], expected: Sequence[int]) -> Verdict:
    """A layer or block (or a function that makes one from its channel counts, ``block(c_in, c_out)``) must turn a
    batch of ``input_shape`` into ``expected`` (batch size included)."""
    if block is None:
        return _verdict(False, "not answered yet: build the layer.")
    if not isinstance(block, nn.Module):
        block, failed = _run(block, input_shape[1], expected[1])
        if failed:
            return _verdict(False, failed)
    with torch.no_grad():
        out, failed = _run(block.eval(), torch.zeros(*input_shape))
    if failed:
        return _verdict(False, failed)
    if tuple(out.shape) != tuple(expected):
        return _verdict(False, f"after your block the shape is {tuple(out.shape)}, the next layer expects "
                               f"{tuple(expected)}. For a transposed convolution, out = (in - 1) * stride - "
                               "2 * padding + kernel_size; for a convolution, out = (in + 2 * padding - kernel_size) "
                               "// stride + 1.")
    return _verdict(True, f"{tuple(input_shape)} -> {tuple(out.shape)}.")


# ---- the latent space (notebook 05) and evaluation (notebook 08) ------------------------------------------------

def check_slerp(slerp: Callable) -> Verdict:
    """``slerp(z0, z1, t)``: points on the great-circle arc from ``z0`` (t = 0) to ``z1`` (t = 1), one row per t."""
    g = torch.Generator().manual_seed(0)
    z0, z1, t = torch.randn(100, generator=g), torch.randn(100, generator=g), torch.linspace(0, 1, 5)
    path, failed = _run(slerp, z0, z1, t)
    if failed:
        return _verdict(False, failed)
    if not isinstance(path, torch.Tensor) or tuple(path.shape) != (5, 100):
        return _verdict(False, f"one row per value of t expected: shape (5, 100), got "
                               f"{tuple(path.shape) if isinstance(path, torch.Tensor) else type(path).__name__}.")
    expected = latent.slerp(z0, z1, t)
    if torch.allclose(path, expected, atol=1e-4):
        return _verdict(True, f"the midpoint is {path[2].norm():.2f} long, between |z0| = {z0.norm():.2f} and "
                              f"|z1| = {z1.norm():.2f}, where the straight line's is {latent.lerp(z0, z1, t)[2].norm():.2f}.")
    if torch.allclose(path, latent.lerp(z0, z1, t), atol=1e-4):
        return _verdict(False, "this is the straight line: its midpoint is only "
                               f"{path[2].norm():.2f} long, inside the shell where G saw no noise. Use "
                               "sin((1 - t) w) z0 / sin w + sin(t w) z1 / sin w, with w the angle between z0 and z1.")
    if not (torch.allclose(path[0], z0, atol=1e-4) and torch.allclose(path[-1], z1, atol=1e-4)):
        return _verdict(False, "the path must start at z0 (t = 0) and end at z1 (t = 1).")
    return _verdict(False, "the ends are right, the middle is not: the angle w = arccos(z0 . z1 / (|z0| |z1|)).")


def check_frechet_distance(frechet: Callable) -> Verdict:
    """``frechet(mu1, sigma1, mu2, sigma2)``: |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)), NumPy in, a float out."""
    mu1, mu2 = np.array([0.0, 1.0]), np.array([1.0, 3.0])
    s1, s2 = np.array([[1.0, 0.2], [0.2, 2.0]]), np.array([[2.0, -0.3], [-0.3, 0.5]])
    value, failed = _run(frechet, mu1, s1, mu2, s2)
    if failed:
        return _verdict(False, failed)
    value, expected = float(value), metrics.frechet_distance(mu1, s1, mu2, s2)
    means = float(np.sum((mu1 - mu2) ** 2))
    if abs(value - expected) < 1e-6:
        return _verdict(True, f"{value:.4f}: {means:.1f} from the means, {value - means:.4f} from the covariances.")
    if abs(value - means) < 1e-6:
        return _verdict(False, "only the means count here: add the covariance term Tr(S1 + S2 - 2 (S1 S2)^(1/2)).")
    if abs(value - (expected - means)) < 1e-6:
        return _verdict(False, "the means are missing: add |mu1 - mu2|^2.")
    if abs(value - np.sqrt(expected)) < 1e-6:
        return _verdict(False, "that is the square root: the Frechet distance as GAN papers use it is the squared "
                               "distance (no final square root).")
    return _verdict(False, f"got {value:.4f}, expected {expected:.4f}. The matrix square root is scipy.linalg.sqrtm(S1 @ S2), "
                           "not the element-wise sqrt.")


# ---- numbers with a known answer --------------------------------------------------------------------------------

ANSWERS = {
    # name: (value, tolerance, why)
    "optimal_d_when_pg_equals_pdata": (0.5, 1e-3, "D*(x) = p_data / (p_data + p_g) = 1/2 wherever p_g = p_data."),
    "value_at_the_optimum": (-math.log(4), 1e-3, "V(D*, G*) = log 1/2 + log 1/2 = -log 4, where the JS divergence is 0."),
    "loss_d_at_indifference": (2 * math.log(2), 1e-3, "BCE(0 logits, 1) + BCE(0 logits, 0) = 2 ln 2."),
    "loss_g_at_indifference": (math.log(2), 1e-3, "-log D(G(z)) with D = 1/2 is ln 2."),
    "dcgan_28_receptive_field": (10, 0, "two 4x4 convolutions with stride 2: 4 + (4 - 1) * 2 = 10 pixels."),
    "label_channel_weights": (7840, 0, "one 28x28 map per class: 10 x 28 x 28 = 7,840 numbers in the embedding."),
    "upsamplings_for_32": (3, 0, "4 -> 8 -> 16 -> 32: three doublings from the 4x4 start (ganlib.nets.conv_plan)."),
    "upsamplings_for_64": (4, 0, "4 -> 8 -> 16 -> 32 -> 64: four doublings, one layer more than CIFAR-10's nets."),
    "class_loss_at_chance": (math.log(10), 1e-2, "cross-entropy against a uniform guess over 10 classes: ln 10 = 2.30."),
    "kl_for_one_class_of_ten": (math.log(10), 1e-3, "KL(one-hot || uniform over 10) = ln 10 = 2.30."),
    "inception_score_max_10_classes": (10, 1e-3, "exp(KL(p(y|x) || p(y))) is largest, 10, when every image is surely "
                                                 "one class and all ten classes are equally common."),
    "length_of_100d_noise": (10, 0.5, "E|z|^2 = 100, and |z| concentrates around sqrt(100) = 10 (standard deviation "
                                      "about 0.7)."),
    "length_of_straight_midpoint": (math.sqrt(50), 0.3, "(z0 + z1) / 2 has variance 1/2 in each of 100 coordinates: "
                                                        "its length is about sqrt(50) = 7.1."),
}


def check_answer(name: str, value: float) -> Verdict:
    """A number with a known answer (``ANSWERS``), within its tolerance; the verdict gives the reason."""
    if name not in ANSWERS:
        raise KeyError(f"no exercise {name!r}: choose one of {', '.join(ANSWERS)}")
    expected, tolerance, why = ANSWERS[name]
    if value is None:
        return _verdict(False, "not answered yet: set the variable to your number.")
    if abs(float(value) - expected) <= tolerance + 1e-12:
        return _verdict(True, why)
    return _verdict(False, f"{value} is not it (to within {tolerance:g}). Work it out from the definitions in the text.")
