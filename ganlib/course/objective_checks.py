"""The checks of the objectives beyond notebook 01's two losses: the class loss's two halves (notebook 04), and, in
notebook 09 (beyond the Jensen-Shannon game), the hinge loss, WGAN-GP's gradient penalty and its critic. Like every check of the course (``ganlib.course.exercises``), each prints one verdict, accepts every right way
of writing the answer, names the classic mistakes, and never raises.

The gradient penalty is judged by what it did, not by its random numbers: the check's critic records the images it
was called on, so the check knows the student's interpolates, whatever random draw made them, and the gradients taken
through it (with respect to the images or its weights, with ``create_graph`` or not), and asks three questions: are
the points on the lines between real and fake images, one point per pair? Is the value the penalty at those points
(the critic's slope there is above 1 for some pairs and below it for others, so a one-sided penalty shows)? Does its
gradient reach the critic's weights (``create_graph=True``)?

The critic is judged in eval mode where it matters whether one image's score depends on the others, so that spectral
norm's power iteration (which moves the weights a little at each training-mode call) is not taken for batch mixing.
"""
from __future__ import annotations

import contextlib
import inspect
import io
import math
from typing import Callable, List, Optional

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parametrize

from ..nets import MLPDiscriminator
from .exercises import (_REAL, _changes_between_calls, _close, _cpu_targets, _detached_half, _loss_value, _named,
                        _one_size_note)
from .step_check import bce
from .tutor import (SETS_THE_SEED, StudentError, Verdict, made_on_the_cpu, never_raises, numpy_on_a_gpu, run_student,
                    run_student_unless, sets_the_seed, several_values, unusable_numbers, verdict)

__all__ = ["check_class_loss_halves", "check_critic", "check_gradient_penalty", "check_hinge_loss"]


# ---- the class loss's two halves (notebook 04) ----------------------------------------------------------------------

def _class_setting():
    """A small projection D (no batch norm, so one call on real and fake images together gives the same class logits
    as two calls), six real images, six fakes that stand for G(z, y) (a leaf that requires grad: G's half must reach
    it), and their labels."""
    with torch.random.fork_rng():
        torch.manual_seed(4)
        D = MLPDiscriminator(n_classes=10, image_shape=(1, 4, 4), hidden=(16, 8))
        with torch.no_grad():  # class logits of a few units, so that every mistake gives another number
            D.label_embedding.weight.mul_(60)
        real, fake = torch.randn(6, 1, 4, 4), torch.randn(6, 1, 4, 4)
    return D, real, fake.requires_grad_(True), torch.tensor([3, 1, 4, 1, 5, 9])


def _class_mistakes(logits: torch.Tensor, other: torch.Tensor, bit: torch.Tensor, y: torch.Tensor, who: str) -> list:
    """(value, sentence) for the classic slips in one half: ``logits`` are the class logits of the images that half
    must judge, ``other`` those of the other images, ``bit`` D's real/fake logit of the right images."""
    ce = lambda l, t: F.cross_entropy(l, t).item()
    right = "real images" if who == "D" else "fakes"
    wrong_images = "fakes" if who == "D" else "real images"
    return [
        (ce(other, y), f"{who}'s half judges the {wrong_images}; it must judge the {right}"
                       + (": D learns to name real images, so a bad early G cannot teach it wrong classes."
                          if who == "D" else ": G is rewarded when D names the class it asked for in its fakes.")),
        (-ce(logits, y), f"{who}'s half has a minus sign: "
                         + ("G wants D to name the class it asked for, so it minimises the same cross-entropy "
                            "(no minus; the minus of notebook 01 is for the real/fake game, not the classes)."
                            if who == "G" else "D minimises the cross-entropy of its class logits against y.")),
        (ce(logits, logits.argmax(1)), f"{who}'s half uses D's own guesses (argmax) as targets: use the labels y."),
        (ce(torch.softmax(logits, 1), y), f"{who}'s half applies softmax before F.cross_entropy, which applies its own "
                                          "(log-softmax): pass the class logits themselves."),
        (F.nll_loss(logits, y).item(), f"{who}'s half uses F.nll_loss on the logits: nll_loss expects "
                                       "log-probabilities. F.cross_entropy(class_logits, y) takes the logits."),
        (F.nll_loss(torch.softmax(logits, 1), y).item(), f"{who}'s half uses F.nll_loss on probabilities: the log is "
                                                         "missing. F.cross_entropy(class_logits, y) takes the logits."),
        (F.cross_entropy(logits, y, reduction="sum").item(), f"{who}'s half is a sum over the batch: take the mean "
                                                             "(F.cross_entropy's default)."),
        (-F.log_softmax(logits, 1)[:, y].mean().item(), f"{who}'s half indexes log_probs[:, y], a block of every image "
                                                         "against every label; each image needs its own class only: "
                                                         "log_probs[torch.arange(len(y)), y], or F.cross_entropy."),
        (F.nll_loss(F.log_softmax(logits, 0), y).item(), f"{who}'s half takes the softmax over the batch (dim=0); the "
                                                          "classes are dim 1: F.log_softmax(class_logits, dim=1), or "
                                                          "F.cross_entropy."),
        (F.cross_entropy(torch.cat([logits, other]), torch.cat([y, y])).item(),
         f"{who}'s half is the class loss of real and fake images together; each half judges one kind of image: D's the "
         "real images, G's the fakes."),
        (F.binary_cross_entropy_with_logits(logits, F.one_hot(y, 10).float()).item(),
         f"{who}'s half is BCE against one-hot labels, ten yes/no questions; the class loss is one ten-way question: "
         "F.cross_entropy(class_logits, y)."),
        (F.binary_cross_entropy_with_logits(bit, torch.ones_like(bit)).item(),
         f"{who}'s half uses D's real/fake logit, the loss of notebook 01; the class loss uses the class logits: "
         "logits, class_logits = D(x, y, classify=True), then F.cross_entropy(class_logits, y)."),
    ]


@never_raises
def check_class_loss_halves(halves: Callable) -> Verdict:
    """``halves(D, real, fake, y)`` returns ``(d_half, g_half)``: the cross-entropy of D's class logits on the real
    images against ``y`` (D learns to name real images), and on the fakes against ``y``, through the fakes (G is
    rewarded when D names the class it asked for). AC-GAN's own D half, which adds the fakes' cross-entropy, is
    named and refused, as the step check refuses it."""
    D, real, fake, y = _class_setting()
    out = run_student(halves, D, real, fake, y)
    if not D.training:
        return verdict(False, "your function switches D to eval mode (D.eval()) and leaves it there: in training, D's "
                              "batch norm would then use its running statistics in the next update too. The halves are "
                              "taken in the mode the step has D in: leave D.eval() out.")
    if out is None:
        return verdict(False, "your function returns nothing: end it with return d_half, g_half (D's half, then G's).")
    if isinstance(out, torch.Tensor) or not isinstance(out, (tuple, list)) or len(out) != 2:
        what = (f"one tensor of shape {tuple(out.shape)}" if isinstance(out, torch.Tensor)
                else f"a {type(out).__name__}" + (f" of {len(out)}" if isinstance(out, (tuple, list, dict)) else ""))
        return verdict(False, f"your function returns {what}; return two losses, D's half then G's: "
                              "return d_half, g_half.")
    d_value = _loss_value(out[0], "D's half", real)
    g_value = _loss_value(out[1], "G's half", fake)
    with torch.no_grad():
        bit_real, class_real = D(real, y, classify=True)
        bit_fake, class_fake = D(fake, y, classify=True)
    expected_d, expected_g = F.cross_entropy(class_real, y).item(), F.cross_entropy(class_fake, y).item()
    frozen = [name for name, p in D.named_parameters() if not p.requires_grad]
    if frozen:
        return verdict(False, f"your function leaves D frozen ({frozen[0]} and others no longer require grad), so D's "
                              "next update would learn nothing: a freeze for G's half must be undone, "
                              "D.requires_grad_(True), before the function returns (or leave D as it is: the step "
                              "freezes it).")
    if _close(d_value, expected_g) and _close(g_value, expected_d):
        return verdict(False, "the halves are swapped: D's half is the class loss on the real images, G's on the "
                              "fakes. Return them in that order, d_half, g_half.")
    if _close(d_value, expected_d + expected_g):
        return verdict(False, "D's half includes the fakes (as the AC-GAN paper's does): this course trains D's "
                              "classifier on real images only, so that a bad early G cannot teach it wrong classes. "
                              "Keep the fakes out of D's half.")
    if not _close(d_value, expected_d):
        return _named(d_value, _class_mistakes(class_real, class_fake, bit_real, y, "D"),
                      f"D's half gave {d_value:.4f}, expected {expected_d:.4f}: the cross-entropy of D's class logits "
                      "on the real images against y, F.cross_entropy(D(real, y, classify=True)[1], y).")
    if not _close(g_value, expected_g):
        return _named(g_value, _class_mistakes(class_fake, class_real, bit_fake, y, "G"),
                      f"D's half is right; G's gave {g_value:.4f}, expected {expected_g:.4f}: the cross-entropy of D's "
                      "class logits on the fakes against y, F.cross_entropy(D(fake, y, classify=True)[1], y).")
    grad = torch.autograd.grad(out[1], fake, allow_unused=True)[0]
    if grad is None or grad.abs().max() == 0:
        return verdict(False, "G's half has the right value but no gradient reaches the fakes: they are detached "
                              "(or judged under torch.no_grad()), so G would learn nothing from it. Judge the fakes "
                              "themselves, D(fake, y, classify=True), in G's half.")
    return verdict(True, f"D's half {d_value:.3f}, G's {g_value:.3f} (at chance, with ten classes, each would be "
                         f"ln 10 = {math.log(10):.3f}): D learns to name real digits, G to draw digits D names "
                         "as asked.")


# ---- the hinge loss ------------------------------------------------------------------------------------------------

def _hinge_d_mistakes(r: torch.Tensor, f: torch.Tensor, expected: float) -> list:
    """(value, sentence) for the classic mistakes in D's hinge loss, on the scores ``r`` (real) and ``f`` (fake)."""
    return [
        ((F.relu(1 + r).mean() + F.relu(1 - f).mean()).item(),
         "real and fake are swapped: real images should be pushed above +1, max(0, 1 - D(x)), and fakes below -1, "
         "max(0, 1 + D(G(z)))."),
        (-expected, "the sign is flipped: D minimises max(0, 1 - D(x)) + max(0, 1 + D(G(z))), which falls as real "
                    "images score high and fakes low."),
        (((1 - r).mean() + (1 + f).mean()).item(),
         "the max(0, ...) is missing (F.relu): without it this is the Wasserstein critic's loss plus 2, and D keeps "
         "pushing images that are already beyond the margin. The hinge stops at the margin: F.relu(1 - real_scores)."),
        ((F.relu(1 - r).mean() + (1 + f).mean()).item(),
         "the fakes' term has no max(0, ...): D keeps pushing fakes that already score below -1. The hinge stops at the "
         "margin, F.relu(1 + fake_scores).mean()."),
        (((1 - r).mean() + F.relu(1 + f).mean()).item(),
         "the real images' term has no max(0, ...): D keeps pushing real images that already score above +1. The hinge "
         "stops at the margin, F.relu(1 - real_scores).mean()."),
        ((F.relu(-r).mean() + F.relu(f).mean()).item(),
         "the margin of 1 is missing: max(0, 1 - D(x)) and max(0, 1 + D(G(z))), not max(0, -D(x)) and max(0, D(G(z)))."),
        ((F.relu(1 - r).mean() + F.relu(1 - f).mean()).item(),
         "the fakes' term has the wrong sign inside: fakes should be scored below -1, so their cost is "
         "max(0, 1 + D(G(z))), not max(0, 1 - D(G(z)))."),
        ((F.relu(1 + r).mean() + F.relu(1 + f).mean()).item(),
         "the real images' term has the wrong sign inside: real images should score above +1, so their cost is "
         "max(0, 1 - D(x)), not max(0, 1 + D(x))."),
        ((F.relu(1 - r).mean() - F.relu(1 + f).mean()).item(),
         "the fakes' term is subtracted: both are costs D pays, so add them, max(0, 1 - D(x)) + max(0, 1 + D(G(z)))."),
        ((F.relu(1 - r).sum() + F.relu(1 + f).sum()).item(),
         "it is a sum over the batch: take the mean of each term, so the learning rate does not depend on the batch size."),
        (expected / 2, "it is half of D's loss: one mean over real and fake together (or the two halves averaged). The "
                       "loss is the sum of the two means."),
        (F.relu(1 - r).mean().item(), "only the real images' term is there: add the fakes', max(0, 1 + D(G(z)))."),
        (F.relu(1 + f).mean().item(), "only the fakes' term is there: add the real images', max(0, 1 - D(x))."),
        ((F.relu(1 - torch.sigmoid(r)).mean() + F.relu(1 + torch.sigmoid(f)).mean()).item(),
         "a sigmoid is applied to the scores: the hinge loss takes D's raw scores (a sigmoid squeezes them into (0, 1), "
         "where no real image can reach the margin at +1)."),
        ((F.relu(1 - r.mean()) + F.relu(1 + f.mean())).item(),
         "the max(0, ...) is taken of the batch mean: apply it to each image's score, F.relu(1 - real_scores), then "
         "take the mean."),
        ((torch.clamp(1 - r, max=0).mean() + torch.clamp(1 + f, max=0).mean()).item(),
         "clamp(max=0) (or min(0, ...)) keeps the negative part: the hinge keeps the positive part, "
         "torch.clamp(1 - real_scores, min=0) or F.relu(1 - real_scores)."),
        (((1 - r).max() + (1 + f).max()).item(),
         "torch.max(x, 0) takes the largest value over dim 0, the batch (one image per term): for an elementwise "
         "max(0, x) use F.relu(x) or torch.clamp(x, min=0)."),
        ((F.relu(1 - r) ** 2).mean().item() + (F.relu(1 + f) ** 2).mean().item(),
         "the hinge terms are squared: use max(0, 1 - D(x)) and max(0, 1 + D(G(z))) themselves, not their squares."),
        ((bce(r, 1) + bce(f, 0)).item(),
         "that is the cross-entropy of notebook 01: this exercise's loss is the hinge, max(0, 1 - D(x)) + "
         "max(0, 1 + D(G(z)))."),
        ((f.mean() - r.mean()).item(),
         "that is the Wasserstein critic's loss: the hinge adds the margin and the max(0, ...), F.relu(1 - real_scores)."),
    ]


def _hinge_g_mistakes(f: torch.Tensor, expected: float) -> list:
    return [
        (-expected, "the sign is flipped: G wants D to score its fakes high, so its loss is minus the mean score, "
                    "-D(G(z)).mean()."),
        (F.relu(1 - f).mean().item(),
         "that is D's hinge applied to G: G's loss is linear, -mean D(G(z)) (as in SNGAN and BigGAN). A hinge would stop "
         "pushing a fake as soon as it scores above 1."),
        (F.relu(1 + f).mean().item(), "that is D's cost for fakes: G's loss is -mean D(G(z)), lower as D likes the fakes "
                                      "more."),
        (bce(f, 1).item(), "that is the non-saturating loss of notebook 01, for a D that gives probabilities: with the "
                           "hinge objective G's loss is -mean D(G(z))."),
        (-torch.sigmoid(f).mean().item(), "a sigmoid is applied to the scores: G's loss is minus the raw mean score, "
                                          "-fake_scores.mean()."),
        (-f.sum().item(), "it is a sum over the batch: take the mean, -fake_scores.mean()."),
    ]


def _hinge_d(r: torch.Tensor, f: torch.Tensor) -> float:
    return (F.relu(1 - r).mean() + F.relu(1 + f).mean()).item()


# Other scores, also on both sides of each margin: a mistake named by its value on the first scores must give its
# value on these too (two different slips can meet at one number, never at two).
_OTHER_SCORES = ([1.5, -0.5, 0.8, 2.5, 0.2], [-1.5, 0.5, -0.3, -3.0, 1.2])


def _named_twice(loss: Callable, mistakes_of: Callable, scores: tuple, value: float, otherwise: str) -> Verdict:
    """The verdict for a wrong loss value: the first classic mistake (``mistakes_of(*scores)``) that gives ``value``
    and gives the loss's value on other scores as well; else ``otherwise``."""
    other = tuple(torch.tensor(s) for s in _OTHER_SCORES[-len(scores):])
    try:
        again = _loss_value(run_student(loss, *(s.clone().requires_grad_(True) for s in other)), "the loss", other[0])
    except StudentError:  # it ran once: an error now is no verdict on which mistake it is
        again = None
    for (wrong, text), (wrong_again, _) in zip(mistakes_of(*scores), mistakes_of(*other)):
        if _close(value, wrong) and (again is None or _close(again, wrong_again)):
            return verdict(False, text)
    return verdict(False, otherwise)


# The fakes' scores: they straddle the margin at -1, and their mean (-1.1) is beyond it, so that the max(0, ...) of
# the batch mean differs from no max(0, ...) at all.
_HINGE_FAKE = [-2.0, 0.0, 1.5, -0.5, -4.5]


@never_raises
def check_hinge_loss(loss_d: Callable, loss_g: Callable) -> Verdict:
    """``loss_d(real_scores, fake_scores)``: mean max(0, 1 - D(x)) + mean max(0, 1 + D(G(z))); ``loss_g(fake_scores)``:
    -mean D(G(z)). The scores straddle both margins, so every term is tested."""
    if loss_g is None or loss_g is Ellipsis or not callable(loss_g):
        return verdict(False, "check_hinge_loss takes your two functions, D's loss and then G's loss: G's is "
                              f"{'not written yet' if loss_g is None or loss_g is Ellipsis else type(loss_g).__name__}.")
    real, fake = torch.tensor(_REAL, requires_grad=True), torch.tensor(_HINGE_FAKE, requires_grad=True)
    r, f = real.detach().clone(), fake.detach().clone()  # kept apart: a student's function may change its inputs
    value = _loss_value(run_student(loss_d, real, fake), "D's hinge loss", real)
    if not (torch.equal(real.detach(), r) and torch.equal(fake.detach(), f)):
        return verdict(False, "your D loss changes the scores it is given (an in-place operation such as .mul_(), "
                              "+= or .data on them): the step would then train on other numbers. Compute the loss from "
                              "them without changing them.")
    expected = _hinge_d(r, f)
    if not _close(value, expected):
        problem = _changes_between_calls(loss_d, value, real, fake)
        if problem:
            return verdict(False, problem)
        never_negative = (" A hinge loss is never negative: each term is a max(0, ...), at least 0."
                          if value < -1e-6 else "")
        return _named_twice(loss_d, lambda r, f: _hinge_d_mistakes(r, f, _hinge_d(r, f)), (r, f), value,
                      f"D's loss gave {value:.4f}, expected {expected:.4f} for these scores: "
                      f"F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean().{never_negative}")
    problem = _detached_half(loss_d, "d", real, fake) or _cpu_targets(loss_d, real, fake)
    if problem:
        return verdict(False, problem)
    if sets_the_seed(lambda: run_student(loss_d, r.clone(), f.clone())):
        return verdict(False, SETS_THE_SEED.format(what="D loss"))
    fake = torch.tensor(_HINGE_FAKE, requires_grad=True)
    value_g = _loss_value(run_student(loss_g, fake), "G's hinge loss", fake)
    expected_g = -f.mean().item()
    if not _close(value_g, expected_g):
        problem = _changes_between_calls(loss_g, value_g, fake)
        if problem:
            return verdict(False, problem)
        return _named_twice(loss_g, lambda f: _hinge_g_mistakes(f, -f.mean().item()), (f,), value_g,
                      f"D's loss is right; G's gave {value_g:.4f}, expected {expected_g:.4f}: -fake_scores.mean().")
    problem = _detached_half(loss_g, "g", fake) or _cpu_targets(loss_g, fake)
    if problem:
        return verdict(False, problem)
    if sets_the_seed(lambda: run_student(loss_g, f.clone())):
        return verdict(False, SETS_THE_SEED.format(what="G loss"))
    return verdict(True, f"D's loss {value:.4f}, G's {value_g:.4f}. At D's indifference (all scores 0) D's loss is 2; "
                         "it reaches 0 once every real image scores above 1 and every fake below -1, and then D stops "
                         "learning from them while G's loss keeps pulling."
                         + _one_size_note(loss_d, lambda r, f: (F.relu(1 - r).mean() + F.relu(1 + f).mean()).item(),
                                          real, fake))


# ---- the gradient penalty --------------------------------------------------------------------------------------

class _RecordingCritic(nn.Module):
    """D(x) = sum(a x^2 / 2 + w x): its gradient, a x + w, differs from image to image, so where the penalty is taken
    shows in its value. Records every batch it is called on, and every gradient taken through it: one that reached
    the images it was called on (with or without ``create_graph``: grad mode is on in a backward pass exactly when it
    builds a graph), and one that reached its weights."""

    def __init__(self, shape=(1, 4, 4)):
        super().__init__()
        g = torch.Generator().manual_seed(9)
        self.a = nn.Parameter(torch.rand(*shape, generator=g) * 1.5 + 0.5)
        self.w = nn.Parameter(torch.randn(*shape, generator=g) * 0.05)
        self.seen: List[torch.Tensor] = []
        self.input_grads: List[bool] = []   # for each gradient that reached a batch D was called on: create_graph?
        self.weight_grads: List[bool] = []  # the same for D's weights
        for weight in (self.a, self.w):
            weight.register_hook(self._reached_weights)

    def _reached_weights(self, grad: torch.Tensor) -> None:
        self.weight_grads.append(torch.is_grad_enabled())

    def _reached_input(self, grad: torch.Tensor) -> None:
        self.input_grads.append(torch.is_grad_enabled())

    def forward(self, x: torch.Tensor, y: Optional[torch.Tensor] = None) -> torch.Tensor:
        self.seen.append(x)
        if isinstance(x, torch.Tensor) and x.requires_grad:
            x.register_hook(self._reached_input)
        return (0.5 * self.a * x ** 2 + self.w * x).flatten(1).sum(1)

    def slopes(self, x: torch.Tensor) -> torch.Tensor:
        """Each image's gradient of its own score: a x + w, shape (B, C, H, W)."""
        return (self.a * x + self.w).detach()


def _penalty_images():
    """(real, fake), 8 images of shape (1, 4, 4): in the even pairs both are bright (values in [0.5, 1]), so the test
    critic's slope between them is well above 1 (about 4); in the odd pairs both are faint (within 0.1 of 0), where it
    is well below 1 (about 0.3). So a penalty that spares either side (a one-sided one) shows in the value."""
    g = torch.Generator().manual_seed(3)
    real, fake = (torch.rand(8, 1, 4, 4, generator=g) for _ in range(2))
    bright = (torch.arange(8) % 2 == 0).view(8, 1, 1, 1)
    real, fake = (torch.where(bright, 0.5 + 0.5 * x, 0.2 * x - 0.1) for x in (real, fake))
    return real, fake


def _collinear(offset: torch.Tensor, direction: torch.Tensor) -> torch.Tensor:
    """For each image, whether ``offset`` (flattened) is a multiple of ``direction``."""
    c = (offset * direction).sum(1) / (direction * direction).sum(1).clamp_min(1e-12)
    return (offset - c[:, None] * direction).norm(dim=1) <= 1e-4 * offset.norm(dim=1).clamp_min(1e-12)


_DRAW = "x_hat = eps * real + (1 - eps) * fake with eps = torch.rand(B, 1, 1, 1)"


def _where(points: torch.Tensor, real: torch.Tensor, fake: torch.Tensor) -> Optional[str]:
    """What is wrong with the points the penalty was taken at, as a sentence; None when each lies on the line from
    its fake to its real image, one point per pair, at a random place between them."""
    if points.shape != real.shape:
        return (f"the critic was called on a batch of shape {tuple(points.shape)}, not the images' {tuple(real.shape)}: "
                "take one point per pair of real and fake images, x_hat = eps * real + (1 - eps) * fake.")
    if torch.allclose(points, real, atol=1e-6):
        return ("the penalty is taken at the real images only (that is R1's place, notebook 03): WGAN-GP takes it at "
                f"random points between real and fake images, {_DRAW}.")
    if torch.allclose(points, fake, atol=1e-6):
        return ("the penalty is taken at the fakes only: WGAN-GP takes it at random points between real and fake "
                f"images, {_DRAW}.")
    gap, offset = (real - fake).flatten(1), (points - fake).flatten(1)
    eps = (offset * gap).sum(1) / (gap * gap).sum(1)
    off_line = (offset - eps[:, None] * gap).norm(dim=1) > 1e-4 * gap.norm(dim=1)
    if off_line.any():
        if _collinear(offset, real.flatten(1)).all():
            return ("x_hat is not between real and fake: the fake has no weight (1 - eps), as in eps * real + fake. "
                    "Weigh each side, x_hat = eps * real + (1 - eps) * fake.")
        if _collinear((points - real).flatten(1), fake.flatten(1)).all():
            return ("x_hat is not between real and fake: the real image has no weight, as in real + eps * fake. "
                    "Weigh each side, x_hat = eps * real + (1 - eps) * fake.")
        per_pixel = offset / torch.where(gap.abs() > 1e-6, gap, torch.ones_like(gap))
        if ((per_pixel > -1e-5) & (per_pixel < 1 + 1e-5) | (gap.abs() <= 1e-6)).all():
            return ("the points are not on the lines between real and fake images: eps is drawn for every pixel. Draw "
                    "one eps per image, torch.rand(B, 1, 1, 1) (it broadcasts over channels and pixels), so each point "
                    "lies on the line from a fake to its real image.")
        return ("the points are not on the lines between real and fake images: take x_hat = eps * real + (1 - eps) * "
                "fake, with one eps per image, torch.rand(B, 1, 1, 1).")
    if (eps < -1e-6).any() or (eps > 1 + 1e-6).any():
        return (f"eps runs outside [0, 1] (from {eps.min().item():.2f} to {eps.max().item():.2f}): draw it uniformly, "
                "torch.rand, not torch.randn, so each point lies between its real and its fake image.")
    if torch.allclose(eps, torch.full_like(eps, 0.5), atol=1e-5):
        return ("x_hat is always the midpoint, (real + fake) / 2: draw a random eps ~ U[0, 1] per image, "
                "eps = torch.rand(B, 1, 1, 1), and take x_hat = eps * real + (1 - eps) * fake, so the penalty sees the "
                "whole line between the two.")
    if len(eps) > 1 and torch.allclose(eps, eps[0].expand_as(eps), atol=1e-6):
        return ("one eps is used for the whole batch: draw one per image, torch.rand(B, 1, 1, 1), so the penalty sees "
                "many places between the two distributions at each step.")
    return None


_L2 = "the square root of the sum of squares, grad.flatten(1).norm(2, dim=1)"


def _penalty_mistakes(grads: torch.Tensor, expected: float) -> list:
    """(value, sentence) for the classic mistakes, from each image's gradient ``grads`` (B, C, H, W) at its point."""
    slopes = grads.flatten(1)
    norms = slopes.norm(dim=1)
    n = len(norms)
    return [
        ((norms ** 2).mean().item(),
         "the norm is not centred at 1: this is the mean squared norm (R1's form). WGAN-GP's penalty is "
         "(||grad|| - 1)^2: it asks for slope 1, not slope 0."),
        (((norms ** 2 - 1) ** 2).mean().item(),
         "the squared norm is used: take the norm itself (the square root of the sum of squares, "
         "grad.flatten(1).norm(2, dim=1)), then subtract 1 and square."),
        ((F.relu(norms - 1) ** 2).mean().item(),
         "only slopes above 1 are penalised (the one-sided penalty, a relu or clamp(min=0), Petzka et al. 2018): "
         "WGAN-GP's penalty is two-sided, (||grad|| - 1)^2, so a slope below 1 pays too."),
        ((F.relu(1 - norms) ** 2).mean().item(),
         "only slopes below 1 are penalised (a relu or clamp of 1 - ||grad||): WGAN-GP's penalty is two-sided, "
         "(||grad|| - 1)^2."),
        ((slopes.norm() - 1).pow(2).item(),
         "the norm is taken over the whole batch at once: take it per image, grad.flatten(1).norm(2, dim=1), then the "
         "mean of (norm - 1)^2."),
        (((norms / n - 1) ** 2).mean().item(),
         "the gradient is taken of the mean score, which divides each image's gradient by the batch size: "
         "differentiate the sum, torch.autograd.grad(scores.sum(), x_hat, ...) (or pass grad_outputs=torch.ones_like(scores))."),
        (((slopes.pow(2).mean(1).sqrt() - 1) ** 2).mean().item(),
         f"the norm averages the squares over the pixels: the 2-norm is {_L2}."),
        (((grads.norm(dim=1) - 1) ** 2).mean().item(),
         "the norm is over dim 1 of a (B, C, H, W) gradient, the channels of each pixel, not over the whole image: "
         "flatten first, grad.flatten(1).norm(2, dim=1)."),
        (((grads.norm(dim=-1) - 1) ** 2).mean().item(),
         "the norm is over the last dim of a (B, C, H, W) gradient, one row of pixels, not over the whole image: "
         "flatten first, grad.flatten(1).norm(2, dim=1)."),
        (((slopes.abs().sum(1) - 1) ** 2).mean().item(),
         f"that is the L1 norm (the sum of |grad|): the penalty uses the L2 norm, {_L2}."),
        (((slopes.abs().amax(1) - 1) ** 2).mean().item(),
         f"that is the largest |grad| (the max norm): the penalty uses the L2 norm, {_L2}."),
        (10 * expected, "the penalty is multiplied by lambda = 10: return the penalty itself; the step weighs it "
                        "(gp_weight), as it does R1's."),
        (((norms - 1) ** 2).sum().item(), "it is a sum over the batch: take the mean of (||grad|| - 1)^2."),
        ((norms - 1).mean().pow(2).item(), "the mean is taken before the square: square each image's (||grad|| - 1), "
                                           "then take the mean."),
        ((norms - 1).abs().mean().item(), "|norm - 1| is not squared: the penalty is the mean of (||grad|| - 1)^2."),
        ((norms - 1).mean().item(), "(norm - 1) is not squared: the penalty is the mean of (||grad|| - 1)^2, so a slope "
                                    "below 1 pays too."),
    ]


_BY_WEIGHTS = ("the gradient is taken with respect to D's weights: WGAN-GP differentiates D's scores with respect to "
               "its input, the slope of the critic at x_hat: torch.autograd.grad(scores.sum(), x_hat, create_graph=True).")


def _parameters(function: Callable) -> list:
    """The names of ``function``'s parameters ([] when it has no readable signature)."""
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _critic_elsewhere(penalty: Callable) -> Optional[int]:
    """Where ``penalty`` takes the critic when it fails as penalty(D, real, fake) but runs with the critic in
    another place (1 or 2), else None: what the names of its parameters alone cannot tell (f may be fake or a critic)."""
    real, fake = _penalty_images()
    for place in (2, 1):
        given = [real, fake.clone().requires_grad_(True)]
        given.insert(place, _RecordingCritic())
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                value = run_student(penalty, *given)
        except StudentError:
            continue
        if isinstance(value, torch.Tensor):
            return place
    return None


@never_raises
def check_gradient_penalty(penalty: Callable) -> Verdict:
    """``penalty(D, real, fake)``: WGAN-GP's mean (||grad D(x_hat)|| - 1)^2, at x_hat = eps real + (1 - eps) fake with
    one uniform eps per image, and differentiable with respect to D's weights (``create_graph=True``)."""
    order = _parameters(penalty)
    real, fake = _penalty_images()
    D = _RecordingCritic()
    made_by_g = fake.clone().requires_grad_(True)  # as the step passes them: still in G's graph
    given = real.clone()
    value = run_student_unless(
        lambda: f"your penalty takes ({', '.join(order)}), with the critic in another place, and the check, like the "
                "training step, calls it as penalty(D, real, fake): put the critic first, def gradient_penalty(D, "
                "real, fake)." if len(order) == 3 and _critic_elsewhere(penalty) is not None else None,
        penalty, D, real, made_by_g, context=lambda: "gp")
    if not (torch.equal(real, given) and torch.equal(made_by_g.detach(), fake)):
        return verdict(False, "your penalty changed the images it was given in place (mul_, add_, += or .data on real "
                              "or fake): the step uses them again for the critic's loss. Make a new tensor, "
                              "x_hat = eps * real + (1 - eps) * fake.")
    if any(weight.grad is not None for weight in D.parameters()):
        return verdict(False, "the penalty calls .backward(): that fills D's .grad (which D's update would then add to "
                              "its own), and x_hat.grad is a plain number outside the graph, so the penalty cannot "
                              "train D. Take the gradient with grad, = torch.autograd.grad(scores.sum(), x_hat, "
                              "create_graph=True).")
    if not D.seen and isinstance(value, torch.Tensor) and not unusable_numbers(value):
        return verdict(False, "the critic D was never called: compute D(x_hat) at the interpolates, then the gradient "
                              "of its scores with respect to x_hat.")
    if isinstance(value, torch.Tensor) and value.numel() == 1 and value.grad_fn is None:
        if D.weight_grads and not D.input_grads:
            return verdict(False, _BY_WEIGHTS)
        if any(D.input_grads):
            return verdict(False, "the gradient is detached (.detach(), .data or a new tensor made from it) after "
                                  "torch.autograd.grad(..., create_graph=True), so the penalty has no gradient and "
                                  "cannot train D: use the gradient autograd.grad returns as it is.")
        return verdict(False, "the penalty has no gradient: torch.autograd.grad needs create_graph=True, so the "
                              "gradient it returns can itself be differentiated, and the penalty can train the critic.")
    raw, value = value, _loss_value(value, "the penalty", real)
    asked = [x for x in D.seen if x.requires_grad]
    if not D.seen:
        return verdict(False, "the critic D was never called: compute D(x_hat) at the interpolates, then the gradient "
                              "of its scores with respect to x_hat.")
    if D.weight_grads and not D.input_grads:
        return verdict(False, _BY_WEIGHTS)
    points = (asked[-1] if asked else D.seen[-1]).detach().to(real.dtype)  # float64 points are right too
    problem = _where(points, real, fake)
    if problem:
        return verdict(False, problem)
    grads = D.slopes(points)
    expected = ((grads.flatten(1).norm(dim=1) - 1) ** 2).mean().item()
    if not _close(value, expected, 1e-3):
        return _named(value, _penalty_mistakes(grads, expected),
                      f"got {value:.4f}, expected {expected:.4f} at your points: the mean over images of "
                      "(||grad of D at x_hat|| - 1)^2, with the gradient from torch.autograd.grad(scores.sum(), x_hat, "
                      "create_graph=True).")
    if raw.requires_grad and torch.autograd.grad(raw, made_by_g, retain_graph=True, allow_unused=True)[0] is not None:
        return verdict(False, "the value is right, but x_hat keeps the fakes' graph: the step passes the fakes as G made "
                              "them, so D's update would run back through G, filling G's gradients and freeing the "
                              "graph G's own update needs ('Trying to backward through the graph a second time'). "
                              "Detach before mixing: x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True).")
    if sets_the_seed(lambda: run_student(penalty, _RecordingCritic(), real.clone(), fake.clone().requires_grad_(True),
                                         context=lambda: "gp")):
        return verdict(False, "the value is right, but your penalty sets the random seed (torch.manual_seed) inside it: "
                              "every training step would then draw the same eps, and the random numbers drawn after "
                              "it (G's noise) would repeat from step to step. Seed once, before training, not in the "
                              "penalty.")
    on_the_cpu = made_on_the_cpu(penalty, _RecordingCritic().to("meta"), real.to("meta"),
                                 fake.to("meta").requires_grad_(True))
    on_a_gpu = numpy_on_a_gpu(on_the_cpu) if on_the_cpu is not None else None
    if on_a_gpu:
        return verdict(False, "the value is right, but " + on_a_gpu)
    if on_the_cpu is not None:
        return verdict(False, "the value is right, but the penalty makes a tensor on the CPU (eps = torch.rand(B, 1, 1, 1) "
                              "or grad_outputs=torch.ones(...)): on a GPU, where the images are, it stops with 'Expected "
                              "all tensors to be on the same device'. Make it where the images are: torch.rand(B, 1, 1, "
                              "1, device=real.device), torch.ones_like(scores).")
    return verdict(True, f"{value:.4f} at your points. The critic pays wherever its slope between real and fake "
                         "images is not 1; the step adds it times gp_weight (10 in the paper) to the critic's loss.")


# ---- the critic ------------------------------------------------------------------------------------------------

_RESHAPES = ("View", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Unsafe", "Select", "Clone", "Expand", "Permute")


def _last_operation(scores: torch.Tensor) -> str:
    """The name of the last operation that computed ``scores``, looking through reshapes ("Sigmoid", "Addmm", ...):
    how a sigmoid written in ``forward`` (not a module) is seen."""
    node = scores.grad_fn
    while node is not None and node.name().startswith(_RESHAPES) and node.next_functions:
        node = node.next_functions[0][0]
    return node.name().removesuffix("Backward0").removesuffix("Backward1") if node is not None else ""


# The last operations that bound the scores (looked through reshapes), and how a student wrote them.
_BOUNDED_BELOW = {"Relu": "a ReLU (nn.ReLU or F.relu)", "Softplus": "a softplus", "Exp": "an exp", "Abs": "an abs",
                  "Elu": "an ELU", "Celu": "a CELU", "Selu": "a SELU", "Gelu": "a GELU", "Silu": "a SiLU",
                  "Mish": "a Mish"}
_CLAMPS = ("Clamp", "ClampMin", "ClampMax", "Hardtanh")


def _bent_end(critic: nn.Module, x: torch.Tensor) -> Optional[str]:
    """What bends the scores after the critic's last layer (the last module with weights to finish its forward), found
    by setting that layer's output to one value t after another: a free critic's score is a straight line in t (any
    scale or sign); a tanh, a ReLU written as a mask, a logsigmoid or a square is not. None when it is straight, or
    when the net cannot be probed so (the names of _last_operation were tried before)."""
    layers = [m for m in critic.modules() if not isinstance(m, parametrize.ParametrizationList)
              and (any(True for _ in m.parameters(recurse=False)) or parametrize.is_parametrized(m))]
    finished = []
    hooks = [m.register_forward_hook(lambda m, args, out: finished.append(m)) for m in layers]
    try:
        with torch.no_grad():
            run_student(critic, x)
    finally:
        for hook in hooks:
            hook.remove()
    if not finished:
        return None
    last, values = finished[-1], (-20.0, -2.0, -0.5, 0.0, 0.5, 2.0, 20.0)
    scores = []
    for t in values:
        hook = last.register_forward_hook(
            lambda m, args, out, t=t: torch.full_like(out, t) if isinstance(out, torch.Tensor) else out)
        try:
            with torch.no_grad():
                scores.append(run_student(critic, x).reshape(len(x), -1)[:, 0].double())
        except Exception:  # noqa: BLE001 (a net that cannot take a filled layer: the names above have judged it)
            return None
        finally:
            hook.remove()
    s = torch.stack(scores)  # (values, images)
    t = torch.tensor(values, dtype=torch.float64).unsqueeze(1)
    slope, middle = (s[-1] - s[0]) / 40, (s[-1] + s[0]) / 2
    if ((slope * t + middle - s).abs() <= 1e-4 * (1 + s.abs().max())).all() and (slope.abs() > 1e-6).all():
        return None
    shown = ", ".join(f"{float(v):.3g}" for v in s[:, 0])
    middle_slope = (s[4] - s[2]).abs()  # over [-0.5, 0.5]; the outer steps span 18
    flat_low, flat_high = (((s[1] - s[0]).abs() / 18 < 0.1 * middle_slope).all(),
                           ((s[-1] - s[-2]).abs() / 18 < 0.1 * middle_slope).all())
    where = ("it gives the same score for t and -t (a square or an abs)" if torch.allclose(s, s.flip(0), atol=1e-4)
             else "it flattens out on both sides, so it is bounded (as a tanh or a sigmoid is, however scaled)"
             if flat_low and flat_high else "it flattens out on one side, so the scores cannot pass a bound (as "
             "with a ReLU, a max with 0, a mask such as s * (s > 0), a logsigmoid or a softplus, however written)"
             if flat_low or flat_high else "it is not a straight line in t")
    return (f"the scores bend after the critic's last layer: set that layer's output to -20, -2, -0.5, 0, 0.5, 2 and "
            f"20, and an image's score is {shown}: {where}. A Wasserstein critic's score is the last linear layer's "
            "output itself (any scale or sign is fine), free in both directions, with a gradient everywhere: remove "
            "what comes after that layer.")


def _builds_with_no_arguments(builder: Callable) -> Optional[str]:
    """None when ``builder`` (a class, or a function that builds the net) can be called with no arguments; else what it
    asks for, as "(width, depth)"."""
    try:
        signature = inspect.signature(builder)
    except (TypeError, ValueError):  # a builtin, or a callable without a signature: just call it
        return None
    try:
        signature.bind()
    except TypeError:
        return str(signature)
    return None


@never_raises
def check_critic(critic) -> Verdict:
    """``critic``: a net (or its class, or a function that builds it, called with no arguments) for MNIST images,
    (B, 1, 28, 28) -> scores of shape (B,), fit for WGAN-GP: no batch norm (each image must be judged on its own, since
    the penalty is per image) and free scores (no sigmoid or tanh, no ReLU or clamp at the end)."""
    if not isinstance(critic, nn.Module) and callable(critic):  # a class, or a function that builds the net
        asks = _builds_with_no_arguments(critic)
        name = getattr(critic, "__name__", "the builder")
        if asks is not None:
            return verdict(False, f"check_critic builds the net by calling {name}() with no arguments, and it needs "
                                  f"some, {name}{asks}: give them defaults, or pass the net itself, built with its "
                                  "arguments.")
        builder, critic = critic, run_student(critic)
        if critic is None and not isinstance(builder, type):
            return verdict(False, f"{name}() returned nothing (None): end it with return and the net it built, "
                                  "return net.")
        if isinstance(critic, (list, tuple)) and not (isinstance(critic, tuple) and len(critic) == 1):
            return verdict(False, f"{name}() returned a {type(critic).__name__} of {len(critic)} layers, which is "
                                  "not a net: put them into one, return nn.Sequential(*layers).")
        if isinstance(critic, (list, tuple)):
            return verdict(False, f"{name}() returned " + several_values(critic, "the net"))
        if isinstance(critic, type) and issubclass(critic, nn.Module):
            return verdict(False, f"{name}() returned the class {critic.__name__}, not a net: build one and return it, "
                                  f"return {critic.__name__}().")
        if isinstance(critic, nn.Module) and run_student(builder) is critic:
            return verdict(False, f"{name}() returns the same net every time it is called (built once, outside, and "
                                  "kept): every run, and every seed of a comparison, must start from fresh weights, so "
                                  f"build a new net inside {name}() on each call.")
    if not isinstance(critic, nn.Module):
        return verdict(False, f"check_critic takes a net (an nn.Module), or a function that builds one, got "
                              f"{type(critic).__name__}.")
    if any(weight.device.type == "meta" for weight in critic.parameters()):
        return verdict(False, "the critic's weights are on PyTorch's meta device, which holds shapes but no values: "
                              "build it on the CPU (no .to('meta')); the training moves it to the GPU itself.")
    halves = [name for name, weight in critic.named_parameters() if weight.dtype in (torch.float16, torch.bfloat16)]
    if halves:
        return verdict(False, f"the critic's weights are in half precision ({halves[0]} is "
                              f"{dict(critic.named_parameters())[halves[0]].dtype}): build it in float32, the type of "
                              "the images it judges (no .half(); mixed precision on a GPU is the loop's job).")
    batch_norms = [type(m).__name__ for m in critic.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if batch_norms:
        return verdict(False, f"the critic has batch norm ({batch_norms[0]}): it mixes the images of a batch, so one "
                              "image's score depends on the others, and the gradient penalty, taken per image, no "
                              "longer means what it says. Leave it out, or use nn.LayerNorm / nn.GroupNorm(1, C) "
                              "(per image), as the WGAN-GP paper suggests.")
    # A sigmoid or tanh inside the net is an activation like any other; only one at the end bounds the scores, and
    # _judge_critic finds that from the scores themselves (the last operation that made them).
    was_training = critic.training
    try:
        return _judge_critic(critic)
    finally:
        critic.train(was_training)


def _judge_critic(critic: nn.Module) -> Verdict:
    critic.train()
    g = torch.Generator().manual_seed(5)
    x = torch.rand(6, 1, 28, 28, generator=g) * 2 - 1
    given = x.clone()
    scores = run_student(critic, x)
    if not torch.equal(x, given):
        return verdict(False, "the critic changed the images it was given (an in-place operation such as x.mul_(), "
                              "x += ... or x.data on them): the batch belongs to the training step, which uses it "
                              "again. Compute from it without changing it (y = x * 2, not x.mul_(2)).")
    if not isinstance(scores, torch.Tensor):
        return verdict(False, f"the critic returned {type(scores).__name__}: it must return a tensor of scores.")
    unusable = unusable_numbers(scores)
    if unusable:
        return verdict(False, f"the critic returns {unusable}")
    if scores.shape != (6,):
        fix = " (add .view(-1) or .squeeze(1) at the end)" if scores.numel() == 6 else ""
        return verdict(False, f"a batch of 6 images gave scores of shape {tuple(scores.shape)}: the course's nets return "
                              f"one score per image, shape (6,){fix}.")
    if scores.dtype == torch.bool:
        return verdict(False, "the scores are True/False (torch.bool), the result of a comparison such as s > 0: a "
                              "critic gives free real scores, the last layer's output itself, that a gradient can flow "
                              "through.")
    if not scores.is_floating_point():
        return verdict(False, f"the scores are {scores.dtype} numbers: a critic's scores are real numbers (float32) "
                              "that a gradient can flow through; drop the conversion at the end of forward.")
    if not bool(torch.isfinite(scores).all()):
        return verdict(False, "some scores are NaN or infinite: look for a weight or an operation that makes them so "
                              "(a NaN weight, a division by zero, a log of 0).")
    if any(w.requires_grad for w in critic.parameters()) and not scores.requires_grad:
        return verdict(False, "the scores carry no gradient back to the critic's weights (a .detach(), .item(), "
                              "torch.tensor(...) or torch.no_grad() in forward): its losses could not train it. Return "
                              "the last layer's output as it is.")
    # In eval mode, so that what changes from call to call by design (spectral norm's power iteration, dropout) is
    # not taken for one image's score depending on the others.
    critic.eval()
    with torch.no_grad():
        together, alone = run_student(critic, x), run_student(critic, x[:1])
        a, b = x[:3], x[3:]
        mixed = run_student(critic, (a + b) / 2) - (run_student(critic, a) + run_student(critic, b)) / 2
    if not isinstance(alone, torch.Tensor):
        return verdict(False, f"a batch of one image gave a {type(alone).__name__}, not a tensor of shape (1,): forward "
                              "must return a tensor for every batch size (no .item() or float() for a single image).")
    if alone.shape != (1,):
        return verdict(False, f"a batch of one image gave a score of shape {tuple(alone.shape)}, not (1,): .squeeze() "
                              "without a dim drops the batch's dim too when the batch holds one image. Use .squeeze(1) "
                              "or .view(-1).")
    if not torch.allclose(alone.reshape(-1), together[:1], atol=1e-5, rtol=1e-4):
        return verdict(False, "an image's score changes with the other images of its batch: something mixes images "
                              "(a batch statistic). A critic must judge each image on its own.")
    last = _last_operation(scores)
    if last in ("Sigmoid", "Tanh"):
        return verdict(False, f"the scores come out of a {last.lower()} (torch.{last.lower()} in forward): a "
                              "Wasserstein critic gives free scores, not probabilities. Remove it; the losses take the "
                              "raw scores.")
    if last in _BOUNDED_BELOW:
        floor = "below 0" if last in ("Relu", "Softplus", "Exp", "Abs") else "below a fixed floor"
        return verdict(False, f"the scores come out of {_BOUNDED_BELOW[last]} at the end, so they cannot go {floor}: a "
                              "Wasserstein critic gives free scores (a fake may score as low as the critic likes), and "
                              "where it flattens out no gradient flows. Remove it; the last layer is a plain linear one.")
    if last in _CLAMPS:
        return verdict(False, "the scores are clamped (clamp, clip, hardtanh or ReLU6 at the end), so they are "
                              "bounded: a critic's scores must be free, and beyond the bounds clamping kills the "
                              "gradient. Remove it; the last layer is a plain linear one.")
    bent = _bent_end(critic, x)  # what the names above miss: 10 * tanh(s), where(s > 0, s, 0), logsigmoid, s ** 2 ...
    if bent:
        return verdict(False, bent)
    # relative to the scores' own size (a critic with small weights is no more linear), and never of scores all 0
    if together.abs().max() > 1e-6 and mixed.abs().max() <= 1e-4 * together.abs().max():
        return verdict(False, "the critic is one linear map of the image: it has no activation between its layers "
                              "(a stack of convolutions and linear layers without LeakyReLU is still linear), so it "
                              "can only compare the mean images of the two sets. Put nn.LeakyReLU(0.2) after each "
                              "convolution.")
    return verdict(True, "one free score per image, each judged on its own: a critic WGAN-GP can train.")
