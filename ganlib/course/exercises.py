"""Exercises that check themselves: each ``check_*`` runs a student's function on inputs whose answer is known and
says, as a tutor would, the first thing that is wrong, in one or two sentences; or that it is right.

A check prints its verdict and returns a ``Verdict``, true or false (a notebook cell never stops on a wrong answer), and
never raises: what the student's code raised is explained (``ganlib.course.tutor``), and an ordinary bug of theirs is
shown as their traceback. Each check accepts every right way of writing the answer (it judges what the answer does,
not how it is written) and names each classic mistake in a sentence. ``NotWrittenYet`` is what the student
versions' stubs raise: a check reports it as "not written yet" with the stub's hint. The training step's check is
in ``ganlib.course.step_check``.
"""
from __future__ import annotations

import contextlib
import copy
import inspect
import io
import math
import numbers
from typing import Callable, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from scipy import linalg
from torch import nn
from torch.nn.utils import parametrize

from .. import latent
from ..arguments import whole
from ..evaluation import metrics
from ..nets import (ConvDiscriminator, ConvGenerator, MLPDiscriminator, MLPGenerator, course_class_name,
                    rebuild_net)
from ..pixels import tensor_of
from .step_check import bce, check_train_step
from .tutor import (SETS_THE_SEED, NotWrittenYet, NotYet, StudentError, Verdict, graded, made_on_the_cpu, never_raises,
                    numpy_on_a_gpu, run_student, run_student_unless, sets_the_seed, several_values, unusable_numbers,
                    verdict)


__all__ = ["NotWrittenYet", "NotYet", "Verdict", "graded", "check_answer", "check_block_shapes",
           "check_conditional_net", "check_discriminator_loss", "check_frechet_distance", "check_generator_loss", "check_label_is_used",
           "check_slerp", "check_train_step", "use_yours"]


def _close(a: float, b: float, tolerance: float = 1e-4) -> bool:
    return abs(a - b) <= tolerance * max(1.0, abs(b))


def _loss_value(value, name: str, logits: torch.Tensor) -> float:
    """The number a loss function returned, or a ``StudentError`` saying why it is not a usable loss."""
    if value is None:
        raise StudentError(f"{name} returns nothing: end it with return ... (the loss, a 0-d tensor).", ValueError())
    two_terms = name in ("the discriminator loss", "D's hinge loss")  # a real and a fake term, to be summed
    if isinstance(value, (tuple, list)) and two_terms and len(value) == 2 and \
            all(isinstance(v, torch.Tensor) and v.numel() == 1 for v in value):
        raise StudentError(f"{name} returns a {type(value).__name__} of its two terms: return one tensor, the loss "
                           "itself, their sum: loss_real + loss_fake.", TypeError())
    if isinstance(value, (tuple, list)):
        raise StudentError(f"{name} returns {several_values(value, 'the loss, one 0-d tensor', pieces=False)}", TypeError())
    if isinstance(value, dict):
        raise StudentError(f"{name} returns a dict ({', '.join(map(repr, value))[:60]}): return the loss itself, "
                           "one 0-d tensor.", TypeError())
    if not isinstance(value, torch.Tensor):
        kind = type(value).__name__
        raise StudentError(f"{name} must return a tensor (so that .backward() works), got {kind}" +
                           (": don't call .item() or float() on the loss." if isinstance(value, (float, int, np.number))
                            else "."), TypeError())
    unusable = unusable_numbers(value)
    if unusable:
        raise StudentError(f"{name} returns {unusable}", TypeError())
    if value.numel() != 1:
        raise StudentError(f"{name} must return one number (a 0-d tensor, e.g. a mean over the batch), got shape "
                           f"{tuple(value.shape)}.", ValueError())
    if value.grad_fn is None:
        raise StudentError(f"{name} returns a tensor without a gradient (detached, or rebuilt with torch.tensor): "
                           "return the loss itself, so backward() can reach the net.", ValueError())
    if value.dtype in (torch.float16, torch.bfloat16) and logits.dtype == torch.float32:
        raise StudentError(f"{name} returns {value.dtype} (half precision) for float32 logits: it rounds the loss to "
                           "about 3 digits. Compute it in the logits' float32 (no .half()); mixed precision, on a GPU, "
                           "is the training loop's job.", ValueError())
    return value.detach().double().item()


def _named(value: float, mistakes: list, otherwise: str) -> Verdict:
    """The verdict for a wrong loss value: the first classic mistake that gives this value, else ``otherwise``."""
    return verdict(False, next((text for wrong, text in mistakes if _close(value, wrong)), otherwise))


# ---- losses (notebook 01) -----------------------------------------------------------------------------------

_REAL, _FAKE = [2.0, 0.5, -1.0, 3.0, -0.3], [-2.0, 0.0, 1.5, -0.5, -4.0]


def _detached_half(loss: Callable, who: str, *logits: torch.Tensor) -> Optional[str]:
    """For a loss whose value is right: the half that passes no gradient back to its logits (detached inside the
    loss), said as a mistake; else None."""
    value = run_student(loss, *logits)
    if not isinstance(value, torch.Tensor) or value.numel() != 1 or not value.requires_grad:
        got = (f"a tensor of shape {tuple(value.shape)}{'' if value.requires_grad else ' without a gradient'}"
               if isinstance(value, torch.Tensor) else type(value).__name__)
        return (f"called a second time with the same logits, your loss returned {got} instead of the loss it gave the "
                "first time: a loss must depend only on its inputs (no counter, global or random choice deciding what "
                "it returns).")
    grads = torch.autograd.grad(value, logits, allow_unused=True)
    for name, grad in zip(("real_logits", "fake_logits") if who == "d" else ("fake_logits",), grads):
        if grad is None or grad.abs().max() == 0:
            return (f"no gradient flows back through {name}: it is detached (or rebuilt) inside the loss, so "
                    f"{'D' if who == 'd' else 'G'} learns nothing from that half. Detach the fakes before D in D's "
                    "update, D(fake.detach()), never the logits inside the loss.")
    return None


def _changes_between_calls(loss: Callable, value: float, *logits: torch.Tensor) -> Optional[str]:
    """For a loss whose value is off: a sentence when it gives another value for the same logits (something random
    inside it), which no comparison with a fixed answer could name; else None."""
    again = run_student(loss, *(t.detach().clone().requires_grad_(True) for t in logits))
    if not isinstance(again, torch.Tensor) or again.numel() != 1 or again.is_complex() \
            or again.device.type == "meta" or _close(float(again.detach()), value):
        return None
    return (f"your loss gave {value:.4f} once and {float(again.detach()):.4f} the next time, for the same logits: "
            "something random is inside it (noise added to the scores, a random target or a random subset). A loss is "
            "a fixed function of its inputs; noise, where a method wants it, belongs to the training step.")


def _cpu_targets(loss: Callable, *logits: torch.Tensor) -> Optional[str]:
    """A loss that makes its targets on the CPU (torch.ones(B)) stops on a GPU: tried once more on PyTorch's meta
    device, where only an error naming the CPU and meta devices counts."""
    error = made_on_the_cpu(loss, *(t.detach().to("meta").requires_grad_(True) for t in logits))
    if error is None:
        return None
    on_a_gpu = numpy_on_a_gpu(error)
    if on_a_gpu:
        return "the value is right, but " + on_a_gpu
    return ("the value is right, but the loss makes a tensor on the CPU (e.g. torch.ones(B) for the targets): on a "
            "GPU, where the logits are, it stops with 'Expected all tensors to be on the same device'. Make the "
            "targets from the logits, torch.ones_like(logits) and torch.zeros_like(logits).")


def _one_size_note(loss: Callable, expected: Callable, real: torch.Tensor, fake: torch.Tensor) -> str:
    """For a D loss whose value is right: tried once more with fewer fakes than real images. The course's loop always
    draws as many fakes as real images, so a loss that ties one half to the other's size (``ones_like(fake_logits)``
    for the real targets, 2 x one mean over a concatenated batch) is right here, with a note; ``expected(r, f)`` is
    the value for unequal halves."""
    r, f = real.detach()[:5].clone().requires_grad_(True), fake.detach()[:3].clone().requires_grad_(True)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            value = loss(r, f)
        if not isinstance(value, torch.Tensor) or value.numel() != 1 \
                or _close(float(value.detach()), expected(r.detach(), f.detach())):
            return ""
    except Exception:
        pass
    return (" One thing to know: your loss ties the real and fake halves to one batch size (targets made from the "
            "other half's logits, or one mean over real + fake terms together). That is exact here, because the "
            "loop always draws as many fakes as real images; with 5 real and 3 fake logits it would be off. Making "
            "each half from its own logits, with its own mean, works for any sizes.")


def _overflow_note(loss: Callable, who: str) -> str:
    """A note for a right loss that overflows where D is sure of the wrong answer (a log of a sigmoid): right, and
    worth knowing why the with-logits form exists."""
    # A real image at logit -100 and a fake at +100 (or G's fake at -100): the exact loss is 100 a term.
    sure = [torch.full((4,), -100.0, requires_grad=True), torch.full((4,), 100.0, requires_grad=True)] \
        if who == "d" else [torch.full((4,), -100.0, requires_grad=True)]
    big = run_student(loss, *sure)
    where = "+100 for a fake" if who == "d" else "-100"
    if not isinstance(big, torch.Tensor) or big.numel() != 1:
        return ""
    if not torch.isfinite(big).all():
        return (f" One thing to know: at a logit of {where} this form gives {big.item()}, because the sigmoid rounds "
                f"to {'1' if who == 'd' else '0'} in float32 before the log; F.binary_cross_entropy_with_logits (or "
                "F.logsigmoid) computes the same loss from the logits and stays exact.")
    grad = torch.autograd.grad(big, sure[-1], allow_unused=True)[0] if big.requires_grad else None
    if grad is not None and not torch.isfinite(grad).all():
        return (f" One thing to know: at a logit of {where} the value is right but its gradient is NaN: a branch that "
                "torch.where does not pick is still computed, and its exp(100) overflows (0 x inf = NaN in the "
                "backward pass), which would spoil the nets' weights. F.softplus, F.logsigmoid or "
                "F.binary_cross_entropy_with_logits compute the same loss without it.")
    if grad is None or grad.abs().max() < 1e-3:  # the exact slope there is 1/4 a logit (a mean over 4)
        return (f" One thing to know: at a logit of {where} this form has no gradient: the sigmoid rounds to "
                f"{'1' if who == 'd' else '0'} in float32 before the log (which nn.BCELoss clamps at -100), so the "
                "images D misjudges most get no say. F.binary_cross_entropy_with_logits (nn.BCEWithLogitsLoss) "
                "computes the same loss from the logits and keeps the gradient.")
    return ""


_CHANGED_INPUTS = ("your loss changes the logits it is given (an in-place operation such as .mul_(), .clamp_(), += or .data "
                   "on them): the step would then train on other numbers. Compute the loss from them without changing "
                   "them (F.relu(t), not t.relu_()).")

_NO_LOG_D = ("that uses the probabilities D(x) and D(G(z)) themselves: the log is missing. D's loss is "
             "-log D(x) - log(1 - D(G(z))) = BCE(D(x), 1) + BCE(D(G(z)), 0), each a mean; with logits, "
             "F.binary_cross_entropy_with_logits(real_logits, ones) + (fake_logits, zeros).")

_BROADCAST = ("every logit is judged against every target: the targets' shape differs from the logits' (e.g. (2B, 1) "
              "against (2B,)), so the loss broadcasts to a table of all pairs. Give the targets the logits' shape, "
              "torch.ones_like(real_logits) and torch.zeros_like(fake_logits).")

_NO_LOG_G = ("the log is missing. G's loss is -log D(G(z)) = BCE(D(G(z)), 1), "
             "F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)).")


@never_raises
def check_discriminator_loss(loss_d: Callable) -> Verdict:
    """``loss_d(real_logits, fake_logits)``: D's loss on logits, BCE(D(x), 1) + BCE(D(G(z)), 0), batch means.
    Half of it (the mean over one concatenated real + fake batch) is named: the curves and numbers are for the sum."""
    real, fake = torch.tensor(_REAL, requires_grad=True), torch.tensor(_FAKE, requires_grad=True)
    value = _loss_value(run_student(loss_d, real, fake), "the discriminator loss", real)
    if not (torch.equal(real.detach(), torch.tensor(_REAL)) and torch.equal(fake.detach(), torch.tensor(_FAKE))):
        return verdict(False, _CHANGED_INPUTS)
    if not math.isfinite(value):
        return verdict(False, f"the loss is {value}: a log of a number outside (0, 1), most likely of a logit. "
                              "Apply torch.sigmoid before a log, or use F.binary_cross_entropy_with_logits, which "
                              "takes the logits themselves.")
    r, f = real.detach(), fake.detach()
    expected = (bce(r, 1) + bce(f, 0)).item()
    if _close(value, expected):
        problem = _detached_half(loss_d, "d", real, fake)
        if problem:
            return verdict(False, problem)
    if _close(value, expected):
        problem = _cpu_targets(loss_d, real, fake)
        if problem:
            return verdict(False, problem)
        if sets_the_seed(lambda: run_student(loss_d, r.clone(), f.clone())):
            return verdict(False, SETS_THE_SEED.format(what="loss"))
        return verdict(True, f"{value:.4f}; at D's indifference (all logits 0) it is 2 ln 2 = 1.386."
                             + _overflow_note(loss_d, "d")
                             + _one_size_note(loss_d, lambda r, f: (bce(r, 1) + bce(f, 0)).item(), real, fake))
    problem = _changes_between_calls(loss_d, value, real, fake)
    if problem:
        return verdict(False, problem)
    if _close(value, expected / 2):
        return verdict(False, f"{value:.4f} is half of D's loss: one mean over real and fake together (or the two "
                              "halves averaged). D's loss is the sum of the two means, BCE(D(x), 1) + BCE(D(G(z)), 0): "
                              "the curves and the notebook's numbers (2 ln 2 when D cannot tell) are for the sum.")
    mistakes = [
        ((bce(f, 1) + bce(r, 0)).item(), "real and fake are swapped: D should call real images 1 and fakes 0."),
        ((F.binary_cross_entropy_with_logits(torch.ones_like(r), r)
          + F.binary_cross_entropy_with_logits(torch.zeros_like(f), f)).item(),
         "the arguments of binary_cross_entropy_with_logits are swapped: the logits come first, then the targets, "
         "F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits)), and the same for the fakes."),
        (-expected, "the sign is flipped: D minimises the cross-entropy (it maximises log D(x) + log(1 - D(G(z)))), "
                    "so the loss must fall as D gets real and fake right."),
        (expected * len(r), "it is a sum over the batch: take the mean, so the learning rate does not depend on the "
                            "batch size."),
        (expected * len(r) / 2, "it is a sum over the batch, halved (reduction='sum', then / 2, as in some books): "
                                "take each half's mean and add the two, so the loss does not grow with the batch."),
        ((bce(torch.sigmoid(r), 1) + bce(torch.sigmoid(f), 0)).item(),
         "sigmoid is applied twice: the inputs are logits, and BCE-with-logits applies the sigmoid itself."),
        (bce(r, 1).item(), "only the real half is there: add the fakes' term, BCE(D(G(z)), 0)."),
        ((bce(r.mean(), 1) + bce(f.mean(), 0)).item(),
         "the logits are averaged before the loss: take the loss of each image's logit, then the mean, "
         "BCE(real_logits, ones) with its default mean (the loss of the mean logit is another number)."),
        (bce(f, 0).item(), "only the fake half is there: add the real images' term, BCE(D(x), 1)."),
        (((torch.sigmoid(r) - 1) ** 2).mean().item() + (torch.sigmoid(f) ** 2).mean().item(),
         "that is a least-squares loss on probabilities: this exercise's D loss is the cross-entropy, "
         "BCE(D(x), 1) + BCE(D(G(z)), 0)."),
        (bce(r, 0.9).item() + bce(f, 0).item(),
         "the real target is 0.9 (one-sided label smoothing, Salimans et al. 2016): a known trick, but this "
         "exercise's D loss uses 1 for real images, the loss the curves and checks compare with."),
        (bce(r, 0.9).item() + bce(f, 0.1).item(),
         "the targets are 0.9 and 0.1 (two-sided label smoothing): this exercise's D loss uses 1 for real and 0 for "
         "fake."),
        (bce(r, 1).item() - bce(f, 0).item(), "the fakes' term is subtracted: both terms are costs D pays, so add "
                                                 "them, BCE(D(x), 1) + BCE(D(G(z)), 0)."),
        ((bce(f, 1) + bce(f, 0)).item(), "the real images' term reads fake_logits: BCE(real_logits, 1) + "
                                          "BCE(fake_logits, 0), each half from its own logits."),
        ((bce(r, 1) + bce(r, 0)).item(), "the fakes' term reads real_logits: BCE(real_logits, 1) + BCE(fake_logits, 0), "
                                          "each half from its own logits."),
        (bce(r, 1).item() + bce(f, 1).item(),
         "the fakes' term has the target 1 ('real'): D must call fakes 0, BCE(D(G(z)), 0) = -log(1 - D(G(z))) "
         "= -F.logsigmoid(-fake_logits)."),
        (F.relu(1 - r).mean().item() + F.relu(1 + f).mean().item(),
         "that is the hinge loss (SNGAN, BigGAN): a good loss, but this exercise's is the cross-entropy, "
         "BCE(D(x), 1) + BCE(D(G(z)), 0)."),
        (f.mean().item() - r.mean().item(),
         "that is the Wasserstein critic's loss (WGAN): it needs a critic kept 1-Lipschitz; this exercise's D loss "
         "is the cross-entropy, BCE(D(x), 1) + BCE(D(G(z)), 0)."),
        (((r - 1) ** 2).mean().item() + (f ** 2).mean().item(),
         "that is LSGAN's least-squares loss: this exercise's D loss is the cross-entropy, BCE(D(x), 1) + "
         "BCE(D(G(z)), 0)."),
        *[(expected / math.log(base), f"that is the loss with the logarithm in base {base}: the cross-entropy uses "
                                       "the natural log (torch.log, F.logsigmoid, or BCE-with-logits).")
          for base in (10, 2)],
        ((torch.sigmoid(f) - torch.sigmoid(r)).mean().item(), _NO_LOG_D),
        ((1 - torch.sigmoid(r)).mean().item() + torch.sigmoid(f).mean().item(), _NO_LOG_D),
        *[(scale * (bce(torch.cat([r, f]), 1) + bce(torch.cat([r, f]), 0)).item(), _BROADCAST) for scale in (1, 0.5)],
    ]
    return _named(value, mistakes, f"got {value:.4f}, expected {expected:.4f} for these logits. Use "
                                   "F.binary_cross_entropy_with_logits(real_logits, ones) + (fake_logits, zeros), each a "
                                   "mean.")


@never_raises
def check_generator_loss(loss_g: Callable) -> Verdict:
    """``loss_g(fake_logits)``: the non-saturating generator loss, BCE(D(G(z)), 1) = -log D(G(z)), batch mean."""
    given = [-6.0, -1.0, 0.0, 2.0, 0.7]
    fake = torch.tensor(given, requires_grad=True)
    value = _loss_value(run_student(loss_g, fake), "the generator loss", fake)
    if not torch.equal(fake.detach(), torch.tensor(given)):
        return verdict(False, _CHANGED_INPUTS)
    f = fake.detach()
    expected = bce(f, 1).item()
    if _close(value, expected):
        problem = _detached_half(loss_g, "g", fake)
        if problem:
            return verdict(False, problem)
        problem = _cpu_targets(loss_g, fake)
        if problem:
            return verdict(False, problem)
        if sets_the_seed(lambda: run_student(loss_g, f.clone())):
            return verdict(False, SETS_THE_SEED.format(what="loss"))
        return verdict(True, f"{value:.4f}; at D's indifference it is ln 2 = 0.693, and it stays steep where D "
                             "rejects the fakes." + _overflow_note(loss_g, "g"))
    problem = _changes_between_calls(loss_g, value, fake)
    if problem:
        return verdict(False, problem)
    slope = torch.sigmoid(torch.tensor(-6.0)).item()  # d/dl log(1 - sigmoid(l)) = -sigmoid(l), for one image
    mistakes = [
        (-bce(f, 0).item(), "this is the saturating loss, log(1 - D(G(z))): where D rejects a fake (logit -6) its "
                             f"gradient is sigmoid(-6) = {slope:.4f}, almost nothing. Use -log D(G(z)), i.e. BCE(D(G(z)), 1): same "
                             "fixed point, strong gradients early on."),
        (bce(f, 0).item(), "G's loss uses the target 0 ('fake'), which teaches G to make D say 'fake': G wants D to "
                            "say 'real', so the target is 1, BCE(D(G(z)), 1)."),
        (-expected, "the sign is flipped: your loss grows when D(G(z)) grows, but G wants D to say 'real'."),
        (expected * len(f), "it is a sum over the batch: take the mean."),
        (bce(torch.sigmoid(f), 1).item(), "sigmoid is applied twice: the input is logits, and BCE-with-logits "
                                           "applies the sigmoid itself."),
        (bce(f.mean(), 1).item(), "the logits are averaged before the loss: take the loss of each image's logit, "
                                   "then the mean, BCE(fake_logits, ones) with its default mean."),
        (bce(f, 0.9).item(), "the target is 0.9 (label smoothing): smoothing belongs, if anywhere, to D's real "
                              "targets; G's target is 1, BCE(D(G(z)), 1)."),
        (F.binary_cross_entropy_with_logits(torch.ones_like(f), f).item(),
         "the arguments of binary_cross_entropy_with_logits are swapped: the logits come first, then the targets, "
         "F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))."),
        (-f.mean().item(), "that is the Wasserstein generator's loss (WGAN), for a critic without sigmoid: this "
                           "exercise's G loss is the non-saturating BCE(D(G(z)), 1)."),
        (-torch.log(torch.sigmoid(f).mean()).item(),
         "that is the log of the mean D(G(z)): the loss is the mean of -log D(G(z)) over the fakes, each fake's log "
         "first, then the mean, BCE(fake_logits, ones)."),
        (0.5 * ((f - 1) ** 2).mean().item(), "that is LSGAN's least-squares loss: this exercise's G loss is the "
                                             "non-saturating BCE(D(G(z)), 1)."),
        (((f - 1) ** 2).mean().item(), "that is LSGAN's least-squares loss: this exercise's G loss is the "
                                       "non-saturating BCE(D(G(z)), 1)."),
        (((torch.sigmoid(f) - 1) ** 2).mean().item(), "that is a least-squares loss on probabilities: this exercise's "
                                                      "G loss is the non-saturating BCE(D(G(z)), 1)."),
        *[(expected / math.log(base), f"that is the loss with the logarithm in base {base}: -log D(G(z)) uses the "
                                       "natural log (torch.log, F.logsigmoid, or BCE-with-logits).")
          for base in (10, 2)],
        (-torch.sigmoid(f).mean().item(), "this is minus the probability D(G(z)), not minus its log: " + _NO_LOG_G),
        ((1 - torch.sigmoid(f)).mean().item(), "this is 1 - D(G(z)), a probability, not a log: " + _NO_LOG_G),
    ]
    return _named(value, mistakes, f"got {value:.4f}, expected {expected:.4f}: "
                                   "F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)).")


def use_yours(verdict: Verdict, yours, ours, doing: str = "Training"):
    """Your function or class when its check passed, else the course's (with a line saying so): what you wrote
    trains the real model (or draws the picture: ``doing="Drawing"``) as soon as it is right, and a notebook runs to
    the end before it is."""
    mine, course = getattr(yours, "__name__", "yours"), getattr(ours, "__name__", "the course's")
    if verdict:
        print(f"{doing} with your {mine}.")
        return yours
    print(f"Your {mine} has not passed its check yet: this {'run' if doing == 'Training' else 'cell'} uses the "
          f"course's {course} instead.")
    return ours


# ---- conditioning (notebook 02) and shapes (notebook 03) --------------------------------------------------------

_LABEL_IGNORED = "the label is ignored: the same input with another label gives the same output."


def _answers(net: nn.Module, inputs: torch.Tensor, n_classes: int):
    """``net``'s output for ``inputs`` with the labels 0..n-1 (with gradients), and with those labels shifted by one."""
    labels = torch.arange(n_classes)
    kind = "net-G" if hasattr(net, "latent_dim") else "net-D"
    out = run_student(net, inputs, labels, context=lambda: kind)
    if not isinstance(out, torch.Tensor):
        raise StudentError(f"forward must return a tensor, got {type(out).__name__}"
                           + (": end it with return ..." if out is None else "."), TypeError())
    with torch.no_grad():
        other = run_student(net, inputs, labels.roll(1))
    if out.is_floating_point() and out.dtype != torch.float32:
        if kind == "net-G" or out.dtype != torch.float64:
            raise StudentError(f"forward returns {out.dtype} numbers: the course's nets and images are float32 "
                               + ("(D's layers would refuse float64 images)" if out.dtype == torch.float64 else
                                  "(half precision loses the small differences training needs)")
                               + ": leave out .double() or .half() (or end with .float()).", TypeError())
        out, other = out.float(), other.float()  # a logit computed in float64 is the same logit
    return out, other


@never_raises
def check_label_is_used(net: nn.Module, make_input: Callable[[int], torch.Tensor], n_classes: int = 10) -> Verdict:
    """A conditional net (``G(z, y)`` or ``D(x, y)``) must answer differently to different labels for the same input."""
    if whole(n_classes) is None or n_classes < 2:
        return verdict(False, f"check_label_is_used needs n_classes, the number of labels, 2 or more: got {n_classes!r}.")
    known = getattr(net, "n_classes", None)
    if isinstance(known, int) and n_classes > known:
        return verdict(False, f"this net knows {known} classes, and n_classes={n_classes} asks for more: give "
                              f"n_classes={known} (or fewer).")
    if not callable(make_input) or isinstance(make_input, torch.Tensor):
        return verdict(False, "check_label_is_used takes a function that makes n inputs, make_input(n) (e.g. lambda n: "
                              f"torch.randn(n, 100)), not a {type(make_input).__name__}.")
    torch.manual_seed(0)
    inputs = run_student(make_input, n_classes)
    if not isinstance(inputs, torch.Tensor) or inputs.dim() == 0 or len(inputs) != n_classes:
        shape = tuple(inputs.shape) if isinstance(inputs, torch.Tensor) else type(inputs).__name__
        return verdict(False, f"make_input(n) must return a tensor of n inputs, one per row (e.g. lambda n: "
                              f"torch.randn(n, 100)): for n = {n_classes} it returned {shape}.")
    out, other = _answers(net, inputs, n_classes)
    if out.dim() == 0 or out.shape[0] != n_classes:
        return verdict(False, f"one output per input expected: {n_classes}, got shape {tuple(out.shape)}.")
    if torch.allclose(out, other):
        return verdict(False, f"{_LABEL_IGNORED} Feed the label's embedding in (concatenate it to the input, or "
                              "project it in D).")
    return verdict(True, "the label changes the output for the same input.")


def _course_twin(net: nn.Module, label_first: bool = False, one_hot: bool = False) -> nn.Module:
    """The course's net with the student's weights; ``label_first``: the first layer's columns moved as if the label
    came before the noise; ``one_hot``: the label's vector replaced by the one-hot one."""
    course = rebuild_net(course_class_name(net), net.settings).eval()
    course.load_state_dict(net.state_dict())
    with torch.no_grad():
        if label_first:
            first, k = course.net[0], net.n_classes
            first.weight.copy_(torch.cat([net.net[0].weight[:, k:], net.net[0].weight[:, :k]], dim=1))
        if one_hot:
            course.label_embedding.weight.copy_(torch.eye(net.n_classes))
    return course


@never_raises
def check_conditional_net(net_class: type) -> Verdict:
    """A student's subclass of a course net with its own ``forward`` (the label's way in) must answer as the
    course's net with the same weights (a checkpoint saves it under the course's class): concatenation in the
    generator, [z, label_embedding(y)], projection in the discriminator; and the label's embedding must learn."""
    if not isinstance(net_class, type):
        return verdict(False, f"check_conditional_net takes your class itself (no parentheses): got "
                              f"{type(net_class).__name__}.")
    if not issubclass(net_class, (MLPGenerator, MLPDiscriminator, ConvGenerator, ConvDiscriminator)):
        return verdict(False, f"{net_class.__name__} is not built on the course's net: subclass it, as the cell does, "
                              f"class {net_class.__name__}(MLPGenerator) (or MLPDiscriminator), and write only its "
                              "forward; the loop, the checkpoints and this check rely on the course's layers.")
    if "forward" not in vars(net_class):
        return verdict(False, f"{net_class.__name__} has no forward of its own, so it runs the course's, inherited: "
                              f"write def forward(self, {'z' if issubclass(net_class, (MLPGenerator, ConvGenerator)) else 'x'}"
                              ", y) in the class.")
    torch.manual_seed(0)
    net = run_student(net_class, n_classes=10).eval()
    extra = sorted(set(net.state_dict()) - set(rebuild_net(course_class_name(net), net.settings).state_dict()))
    if extra:
        return verdict(False, f"your net adds layers of its own ({', '.join(extra)[:80]}): use the course's, "
                              "self.label_embedding(y) for the label (what training shapes and a checkpoint saves), "
                              "not a new nn.Embedding or nn.Linear.")
    generator = hasattr(net, "latent_dim")
    inputs = torch.randn(10, net.latent_dim) if generator else torch.rand(10, *net.image_shape) * 2 - 1
    out, other = _answers(net, inputs, 10)
    with torch.no_grad():
        expected = _course_twin(net)(inputs, torch.arange(10))
    if out.dim() == 2 and tuple(out.shape) == (len(inputs), len(inputs)) and not generator \
            and not torch.allclose(out - out[:, :1] - out[:1, :] + out[0, 0], torch.zeros_like(out), atol=1e-4):
        # not a (batch, 1) column plus a (batch,) row, which would be a missing squeeze
        return verdict(False, f"the output has shape {tuple(out.shape)}, every label's vector against every image's "
                              "features: that is a matrix product such as self.label_embedding(y) @ h.T. Each image "
                              "needs only its own inner product, the row-wise (self.label_embedding(y) * h).sum(1), "
                              "shape (batch,).")
    if out.dim() == 2 and tuple(out.shape) == (len(inputs), len(inputs)) and not generator:
        return verdict(False, f"the output has shape {tuple(out.shape)}: self.out(h) is (batch, 1) and the inner "
                              "product (batch,), and adding them broadcasts to (batch, batch). Squeeze first: "
                              "self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1).")
    if out.dim() == 2 and out.shape[1] == 1 and not generator:
        return verdict(False, f"the output has shape {tuple(out.shape)}: one logit per image, (batch,); squeeze the "
                              "last dimension of self.out(h) (.squeeze(1)).")
    if tuple(out.shape) != tuple(expected.shape):
        return verdict(False, f"the output has shape {tuple(out.shape)}, the course's net gives {tuple(expected.shape)}"
                              + (": reshape to (batch, *self.image_shape)." if generator else ": one logit per image, "
                                 "(batch,)."))
    if torch.allclose(out, other):
        return verdict(False, f"{_LABEL_IGNORED} self.label_embedding(y) is the label's vector; it must go in.")
    with torch.no_grad():
        matches = lambda options: torch.allclose(out.detach(), _course_twin(net, **options)(inputs, torch.arange(10)),
                                                 atol=1e-5)
        right = matches({})
        if generator and not right:
            # Forms that compute a conditional G, but not the function of the course's weights: a checkpoint saves
            # your net under the course's class, so the same weights must mean the same net when it is loaded.
            weights_used_otherwise = [
                ({"label_first": True}, "the label's vector comes before the noise: put the noise first, "
                 "torch.cat([z, self.label_embedding(y)], 1). The course's net (and every checkpoint of it) reads its "
                 "first layer's columns in that order, so your weights would load into a net that draws nonsense."),
                ({"one_hot": True}, "a one-hot vector stands in for self.label_embedding(y): Mirza and Osindero's "
                 "cGAN did that, but this net's label_embedding is what training shapes and what a checkpoint saves; "
                 "use self.label_embedding(y), so the saved weights mean the same net when they are loaded."),
                ({"label_first": True, "one_hot": True}, "a one-hot vector stands in for self.label_embedding(y), "
                 "before the noise: use torch.cat([z, self.label_embedding(y)], 1), the course's order and embedding, "
                 "so the saved weights mean the same net when they are loaded.")]
            wrong = next((text for options, text in weights_used_otherwise if matches(options)), None)
            if wrong:
                return verdict(False, wrong)
            if torch.allclose(out.detach(), torch.tanh(expected), atol=1e-5):
                return verdict(False, "tanh is applied twice: self.net already ends in nn.Tanh(), so a second "
                                      "torch.tanh squeezes the images into [-0.76, 0.76]; return self.net's output "
                                      "reshaped.")
            if torch.allclose(torch.tanh(out.detach()), expected, atol=1e-5):
                return verdict(False, "the last layer of self.net, its nn.Tanh(), is left out (self.net[:-1]?): run "
                                      "the whole self.net, so the images lie in [-1, 1] like the real ones.")
    if not right:
        if generator:
            with torch.no_grad():
                again = run_student(net, inputs, torch.arange(10))
                other_noise = run_student(net, inputs.flip(0), torch.arange(10))
            if isinstance(again, torch.Tensor) and not torch.allclose(out.detach(), again.float(), atol=1e-5):
                return verdict(False, "the same z and labels give other images on each call: something in forward is "
                                      "random anew every time (noise of its own, torch.randn..., or a layer made "
                                      "inside forward, such as a new nn.Embedding, whose weights are drawn each "
                                      "call). Use the z it is given and the net's own layers, torch.cat([z, "
                                      "self.label_embedding(y)], 1): then the same z draws the same image.")
            if isinstance(other_noise, torch.Tensor) and torch.allclose(out.detach(), other_noise.float(), atol=1e-5):
                return verdict(False, "other noise z gives the same images: forward does not use the z it is given "
                                      "(z * 0, or a z of its own). Join the z passed in to the label's vector, "
                                      "torch.cat([z, self.label_embedding(y)], 1).")
            return verdict(False, "the label changes the output, but not as concatenation does: join "
                                  "[z, self.label_embedding(y)] along dim 1, run self.net, then reshape.")
        features = net.features(inputs.flatten(1))
        psi = net.out(features).squeeze(1).detach()
        if torch.allclose(out.detach(), torch.sigmoid(expected), atol=1e-5):
            return verdict(False, "the projection is right, but D returns sigmoid(logit), a probability: D returns the "
                                  "logit itself (the losses apply the sigmoid, BCE-with-logits); leave out the sigmoid.")
        inner = (net.label_embedding(torch.arange(10)) * features).detach()
        if torch.allclose(out.detach(), psi + inner.mean(1), atol=1e-5):
            return verdict(False, "the inner product <embed(y), h> is a sum over the features; .mean(1) divides it by "
                                  "their number: use (self.label_embedding(y) * h).sum(1).")
        if torch.allclose(out.detach(), psi + inner.sum(), atol=1e-4, rtol=1e-4):
            return verdict(False, "the inner product is summed over the whole batch (.sum() without a dim), so every "
                                  "image gets the same label term: sum over the features only, "
                                  "(self.label_embedding(y) * h).sum(1).")
        if torch.allclose(out.detach(), expected - psi, atol=1e-5):
            return verdict(False, "only the inner product is there: the logit is out(h), 'real?', plus "
                                  "<embed(y), h>, 'does it fit the label?'; add self.out(h).squeeze(1).")
        return verdict(False, "the label changes the output, but not as projection does: h = self.features(x.flatten(1)), "
                              "then the logit is self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1).")
    if not out.requires_grad:
        return verdict(False, "the output carries no gradient (a .detach() on it, or forward run under "
                              "torch.no_grad()): no layer of the net could learn. Return the output as the layers "
                              "make it.")
    if not generator:
        bent = _logit_bent(net, inputs)
        if bent:
            return verdict(False, bent)
    out.sum().backward()
    grad = net.label_embedding.weight.grad
    if grad is None or grad.abs().max() == 0:
        return verdict(False, "the label's vector is detached (or made without gradients), so the embedding "
                              "never learns: use self.label_embedding(y) as it is, without .detach().")
    cut = _gradients_cut(net, inputs)
    if cut:
        return verdict(False, cut)
    with torch.no_grad():
        one = run_student(net, inputs[:1], torch.arange(1))
    if not generator and isinstance(one, torch.Tensor) and one.shape != (1,):
        return verdict(False, f"a batch of one image gave D's output of shape {tuple(one.shape)}, not (1,): .squeeze() "
                              "without a dim drops the batch's dim too when the batch holds one image. Use "
                              ".squeeze(1) or .view(-1).")
    how = ("the label's vector next to the noise, one input to the first layer" if generator else
           "out(h) asks 'real?', <embed(y), h> asks 'does this fit the label?'")
    return verdict(True, f"the same answers as the course's {course_class_name(net)}: {how}.")


def _logit_bent(net: nn.Module, inputs: torch.Tensor) -> Optional[str]:
    """What bends D's logit after the projection (a relu, abs or clamp on it), found where the course's logits are
    negative: with out's bias shifted down, the student's net must still answer as the course's (None when it does)."""
    shifted = copy.deepcopy(net)
    if getattr(getattr(shifted, "out", None), "bias", None) is None:  # not the course's last layer: nothing to shift
        return None
    with torch.no_grad():
        shifted.out.bias -= 10.0 + _course_twin(net)(inputs, torch.arange(10)).abs().max()
        mine = run_student(shifted, inputs, torch.arange(10))
        course = _course_twin(shifted)(inputs, torch.arange(10))
    if isinstance(mine, torch.Tensor) and mine.shape == course.shape and \
            not torch.allclose(mine.float(), course, atol=1e-4, rtol=1e-4):
        return ("the logit is bent at the end (a relu, abs, clamp or leaky_relu on it): where the course's logit is "
                f"negative, around {course.mean().item():.1f}, yours is {mine.float().mean().item():.2g}. D's logit must "
                "be free to go below 0, which is how D calls an image fake: return self.out(h).squeeze(1) + "
                "(self.label_embedding(y) * h).sum(1) as it is.")
    return None


def _gradients_cut(net: nn.Module, inputs: torch.Tensor) -> Optional[str]:
    """Which of the net's layers get another gradient than the course's net gives them (a .detach() or
    torch.no_grad() on the way), or None; ``net`` has had its backward of the output's sum."""
    twin = _course_twin(net).train(net.training)
    twin(inputs, torch.arange(10)).sum().backward()
    theirs = dict(twin.named_parameters())
    off = [name for name, weight in net.named_parameters() if theirs[name].grad is not None and (
        weight.grad is None or not torch.allclose(weight.grad, theirs[name].grad, atol=1e-5, rtol=1e-4))]
    if not off:
        return None
    none = [name for name in off if net.get_parameter(name).grad is None or net.get_parameter(name).grad.abs().max() == 0]
    layers = ", ".join(sorted({name.rsplit(".", 1)[0] for name in (none or off)}))[:80]
    return (f"the output is right, but {'no gradient reaches' if none else 'a part of the gradient is cut off from'} "
            f"{layers}: something on the way is detached (.detach(), or computed under torch.no_grad()), so "
            f"{'those layers would never learn' if none else 'one of the terms cannot shape those layers'}. Use "
            "each layer's output as it is.")


def _layers(block: nn.Module) -> list:
    """The block's layers, its modules without children; a parametrized layer (spectral_norm's form in
    torch.nn.utils.parametrizations) is one layer, though its parametrizations hang under it."""
    found, inside = [], set()
    for module in block.modules():  # parents before their children
        if id(module) in inside:
            continue
        if parametrize.is_parametrized(module):
            inside.update(id(m) for m in module.modules() if m is not module)
            found.append(module)
        elif not list(module.children()):
            found.append(module)
    return found


def _strided_kind(block: nn.Module, growing: bool) -> Optional[str]:
    """A generator's block whose only convolution is a plain strided one (it shrinks the map it should grow)."""
    layers = _layers(block)
    grows = (nn.ConvTranspose2d, nn.Upsample, nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d, nn.PixelShuffle)
    if growing and not any(isinstance(m, grows) for m in layers) and any(
            isinstance(m, nn.Conv2d) and max(m.stride) > 1 for m in layers):
        return ("the block uses nn.Conv2d with stride 2, which halves the map; the generator's block must double it: "
                "nn.ConvTranspose2d(c_in, c_out, 4, 2, 1) (or nn.Upsample(scale_factor=2) then a convolution).")
    return None


def _strided_settings(block: nn.Module, growing: bool, shape_wrong: bool, sizes: Sequence[int] = ()) -> str:
    """Which of DCGAN's settings (kernel 4, stride 2, padding 1) the block's strided (transposed) convolution does not
    have, said in a sentence ("" when it has them). With the shape wrong and no strided one, its first (transposed)
    convolution is the one (stride 1 neither halves nor doubles the map); ``sizes``: the map's size before and
    after, as asked. With the shape right, only another kernel is named: the notebooks ask for kernel 4."""
    kind = nn.ConvTranspose2d if growing else nn.Conv2d
    candidates = [m for m in _layers(block) if isinstance(m, kind)]
    layer = next((m for m in candidates if max(m.stride) > 1), candidates[0] if shape_wrong and candidates else None)
    if layer is None:
        return ""
    have = {"kernel_size": layer.kernel_size[0], "stride": layer.stride[0], "padding": layer.padding[0]}
    differ = [f"{k} {v} (DCGAN's is {want})" for (k, v), want in zip(have.items(), (4, 2, 1)) if v != want]
    if have["stride"] != 2 and len(sizes) == 2 and sorted(sizes) == [min(sizes), 2 * min(sizes)]:
        differ = [f"stride {have['stride']} (DCGAN's is 2: stride 2 {'doubles' if growing else 'halves'} the map, "
                  f"{sizes[0]} -> {sizes[1]})" if text.startswith("stride") else text for text in differ]
    if shape_wrong:
        return f" Your {kind.__name__} has {', '.join(differ)}." if differ else ""
    if have["kernel_size"] != 4:
        return (f"the shape is right, but the {kind.__name__} has kernel_size {have['kernel_size']}: the layer asked for "
                f"has kernel 4, stride 2 and padding 1, {kind.__name__}(c_in, c_out, 4, 2, 1), as in the PyTorch DCGAN"
                + (" (a kernel the stride does not divide, such as 3, also makes checkerboard artefacts)." if growing and
                   have["kernel_size"] % have["stride"] else "."))
    return ""


def _block_layers(block: nn.Module, growing: bool, reads_images: bool = True) -> Optional[str]:
    """What is wrong with the layers of a generator's up block (``growing``) or a discriminator's block (its first
    layer when it ``reads_images``: 1 or 3 channels in)."""
    layers = _layers(block)
    kinds = [type(m) for m in layers]
    pools = (nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)
    if any(issubclass(k, pools) for k in kinds):
        return ("there is a pooling layer: DCGAN replaces pooling with strided convolutions (the net learns its own "
                "up- or down-sampling).")
    if not growing:
        if not any(issubclass(k, nn.Conv2d) for k in kinds):
            return ("D's first layer is a strided convolution, nn.Conv2d(3, 16, 4, 2, 1)." if reads_images else
                    "D's block halves the map with a strided convolution, nn.Conv2d(c_in, c_out, 4, 2, 1).")
        if reads_images and any(issubclass(k, (nn.BatchNorm2d, nn.BatchNorm1d)) for k in kinds):
            return ("there is a BatchNorm in D's first layer: DCGAN leaves it out there (normalising the raw images "
                    "made training unstable in the paper); the layer is the strided convolution alone.")
        return None
    upsamples = any(issubclass(k, (nn.ConvTranspose2d, nn.Upsample, nn.UpsamplingNearest2d, nn.UpsamplingBilinear2d,
                                   nn.PixelShuffle))
                    for k in kinds)
    if not upsamples:
        return "the block must grow the map with a transposed convolution (or nn.Upsample then a convolution)."
    if any(issubclass(k, nn.Tanh) for k in kinds):
        return ("there is a Tanh in the block: DCGAN's generator blocks use ReLU; Tanh belongs only after the last "
                "layer, where the image must lie in [-1, 1].")
    if not any(issubclass(k, nn.BatchNorm2d) for k in kinds):
        return ("there is no BatchNorm2d: DCGAN's generator normalises after each convolution but the last; it keeps "
                "the activations in range so both nets learn steadily.")
    if any(issubclass(k, (nn.LeakyReLU, nn.ELU, nn.SiLU, nn.GELU)) for k in kinds):
        return "the activation must be ReLU: DCGAN's generator uses ReLU, and LeakyReLU in the discriminator."
    if not any(issubclass(k, nn.ReLU) for k in kinds):
        return "there is no ReLU: each generator block ends with nn.ReLU() after the batch norm."
    extra = next((m for m in layers if isinstance(m, (nn.Sigmoid, nn.Hardsigmoid, nn.Softmax, nn.Softmax2d,
                                                       nn.Dropout, nn.Dropout2d, nn.AlphaDropout))), None)
    if extra is not None:
        why = ("dropout is not one of DCGAN's generator layers (pix2pix uses it for noise; here z is the noise)"
               if "Dropout" in type(extra).__name__ else
               "it squeezes every activation of the block into (0, 1), where the next layers see little of what "
               "the ReLU passed on")
        return (f"there is a {type(extra).__name__} in the block: {why}. The block is a transposed convolution (or "
                "upsampling and a convolution), BatchNorm2d and ReLU, nothing more.")
    norms = [m for m in layers if isinstance(m, nn.BatchNorm2d)]
    if len(norms) > 1:
        return (f"there are {len(norms)} BatchNorm2d layers in the block: one, after the convolution, is DCGAN's; a "
                "second normalises what is already normalised.")
    if not norms[0].affine:
        return ("the BatchNorm2d has affine=False, so it learns no scale and no shift: after it every channel has "
                "mean 0 and variance 1 whatever training wants. Use nn.BatchNorm2d(c_out), DCGAN's norm with its "
                "learnable scale and shift (the shift is why the convolution before it needs no bias).")
    norm = kinds.index(next(k for k in kinds if issubclass(k, nn.BatchNorm2d)))
    places = [i for i, m in enumerate(layers) if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    if places and norm < places[0]:
        return ("the BatchNorm2d comes before the convolution: DCGAN's order is the convolution, then BatchNorm2d "
                "(which normalises what the convolution made, and whose shift replaces its bias), then ReLU.")
    if places and places[-1] > max(i for i, k in enumerate(kinds) if issubclass(k, nn.ReLU)):
        return ("a convolution comes after the ReLU: the block ends with its ReLU (convolution, BatchNorm2d, ReLU), "
                "and the next block's convolution follows it.")
    convolutions = [m for m in layers[:norm] if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    if convolutions and convolutions[-1].bias is not None:
        return ("the convolution before BatchNorm has a bias: BatchNorm subtracts the mean right after, so the bias "
                "is wasted weights that never change anything; use bias=False.")
    relu = next(i for i, k in enumerate(kinds) if issubclass(k, nn.ReLU))
    if relu < norm:
        return "the order is convolution, BatchNorm, then ReLU: normalise before the ReLU."
    return None


def _fixed_channels(maker: Callable, input_shape: Sequence[int]) -> Optional[str]:
    """A block maker that ignores its channel counts (``nn.ConvTranspose2d(64, 32, ...)`` written out) passes for the
    one size asked, then breaks the generator's other blocks: it is asked for other channel counts, quietly."""
    c_in, c_out, side = 24, 12, input_shape[-1]
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), torch.no_grad():
            made = maker(c_in, c_out)
            made = nn.Sequential(*made) if isinstance(made, (list, tuple)) else made
            shape = tuple(made.eval()(torch.zeros(2, c_in, side, side)).shape)
    except Exception:
        shape = None
    if shape != (2, c_out, 2 * side, 2 * side):
        return (f"your block works for the channel counts asked here, but not for others: block({c_in}, {c_out}) should "
                f"take {c_in} channels to {c_out}" + (f", and makes {shape}" if shape else ", and fails") + ". The "
                "generator calls it with other counts at every layer: use c_in and c_out in the layers, not fixed "
                "numbers.")
    return None


@never_raises
def check_block_shapes(block, input_shape: Sequence[int], expected: Sequence[int]) -> Verdict:
    """A layer or block (or a function that makes one from its channel counts, ``block(c_in, c_out)``) must turn a
    batch of ``input_shape`` into ``expected`` (batch size included). A generator's block (the map grows) must be
    DCGAN's (a transposed convolution or upsampling + convolution, BatchNorm without a bias before it, ReLU) and must
    build a working ``ConvGenerator``; a layer that shrinks the map must be a strided convolution, not pooling."""
    if block is None:
        return verdict(False, "not answered yet: build the layer.")
    # NumPy whole numbers (a shape taken from an array) are whole numbers
    input_shape, expected = (tuple(whole(n) if whole(n) is not None else n for n in shape)
                             if isinstance(shape, (tuple, list, np.ndarray)) else shape for shape in (input_shape, expected))
    for shape in (input_shape, expected):
        shown = f"a tensor of shape {tuple(shape.shape)} (give its .shape)" if isinstance(shape, torch.Tensor) \
            else repr(shape)[:60]
        if not isinstance(shape, (tuple, list, torch.Size)) or len(shape) != 4 or \
                not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in shape):
            return verdict(False, f"check_block_shapes needs the batch's shape and the shape expected from the "
                                  f"block, each (N, C, H, W), e.g. (8, 64, 7, 7) and (8, 32, 14, 14); got {shown}.")
        if math.prod(shape) > 10 ** 8:  # the check runs a batch of this shape: keep it within a laptop's memory
            return verdict(False, f"the shape {tuple(shape)} is too large to try ({math.prod(shape):,} numbers): "
                                  "give the notebook's shapes, e.g. (8, 64, 7, 7).")
    maker = None
    if not isinstance(block, nn.Module):
        if isinstance(block, tuple) and len(block) == 1:
            return verdict(False, "the layer is " + several_values(block, "the layer"))
        if not callable(block):
            return verdict(False, f"a layer (nn.Module) or a function that makes one expected, got "
                                  f"{type(block).__name__}" + (": put several layers into nn.Sequential(...)."
                                                               if isinstance(block, tuple) else "."))
        try:
            inspect.signature(block).bind(input_shape[1], expected[1])
        except TypeError:  # a function of no arguments, say: the layer is asked for, or a maker of (c_in, c_out)
            return verdict(False, f"{getattr(block, '__name__', 'your function')} cannot be called with the channel "
                                  "counts (c_in, c_out): give the layer itself (an nn.Module, e.g. nn.Conv2d(...) or "
                                  "nn.Sequential(...)), or a function of (c_in, c_out) that returns one.")
        except ValueError:  # a builtin without a signature: just call it
            pass
        maker, block = block, run_student(block, input_shape[1], expected[1])
        if block is None:
            return verdict(False, "your function returns nothing: end it with return nn.Sequential(...).")
        if isinstance(block, (list, tuple)):
            odd = [(i, item) for i, item in enumerate(block) if not isinstance(item, nn.Module)]
            if odd and isinstance(block, tuple) and len(block) - len(odd) == 1:  # (block, something else)
                return verdict(False, "your function returns " + several_values(block, "the block (one nn.Sequential)"))
            if odd:
                i, item = odd[0]
                return verdict(False, f"item {i + 1} of the {type(block).__name__} your function returns is "
                                      f"{type(item).__name__} ({item!r:.30}), not a layer: nn.Sequential takes layers "
                                      "only, so leave it out.")
            block = nn.Sequential(*block)
        if not isinstance(block, nn.Module):
            return verdict(False, f"your function must return a layer (e.g. nn.Sequential(...)), got "
                                  f"{type(block).__name__}.")
        if not isinstance(block, nn.Sequential) and expected[-1] > input_shape[-1]:
            return verdict(False, f"your function returns a {type(block).__name__}; return an nn.Sequential of the "
                                  "layers: ConvGenerator(block=...) puts the block's layers into its own Sequential one "
                                  "by one, so that the weights keep the course's names (and checkpoints load either way).")
    growing = expected[-1] > input_shape[-1]
    kind = _strided_kind(block, growing)
    if kind:
        return verdict(False, kind)
    if expected[-1] < input_shape[-1] and any(isinstance(m, nn.ConvTranspose2d) for m in block.modules()):
        return verdict(False, f"that is a transposed convolution, which grows the map (the generator's layer): D's "
                              f"layer shrinks it with a strided nn.Conv2d({input_shape[1]}, {expected[1]}, 4, 2, 1).")
    with torch.no_grad():
        out = run_student(block.eval(), torch.zeros(*input_shape))
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != tuple(expected):
        got = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        settings = _strided_settings(block, growing, True, (input_shape[-1], expected[-1]))
        convolution = "out = (in + 2 * padding - kernel_size) // stride + 1"
        if expected[-1] < input_shape[-1]:  # a discriminator's down-sampling layer: only the convolution's formula
            halved = ", the map halved" if 2 * expected[-1] == input_shape[-1] else ""
            return verdict(False, f"after your layer the shape is {got}; D's next layer expects {tuple(expected)}"
                                  f"{halved}." + settings + f" Each side's size, for a convolution: {convolution}.")
        return verdict(False, f"after your block the shape is {got}, the next layer expects {tuple(expected)}."
                              + settings + " For a transposed convolution, out = (in - 1) * stride - 2 * padding + "
                              f"kernel_size; for a convolution, {convolution}.")
    kernel = _strided_settings(block, growing, False)
    if kernel:
        return verdict(False, kernel)
    upsampled = growing and not any(isinstance(m, nn.ConvTranspose2d) for m in block.modules())
    problem = _block_layers(block, growing, reads_images=input_shape[1] in (1, 3))
    if problem:
        return verdict(False, problem)
    if growing and maker is not None:
        fixed = _fixed_channels(maker, input_shape)
        if fixed:
            return verdict(False, fixed)
        G = ConvGenerator(block=maker)
        images = run_student(G, torch.randn(2, G.latent_dim))
        if tuple(images.shape) != (2, 1, 28, 28):
            return verdict(False, f"ConvGenerator(block=...) built from your block makes images of shape "
                                  f"{tuple(images.shape)}, not (2, 1, 28, 28): the block must double the map for any "
                                  "channel counts.")
    layers = (", upsampling then a convolution (the resize-convolution of Odena et al., 2016, which avoids the "
              "checkerboard artefacts; DCGAN itself uses the transposed convolution)." if upsampled else
              ", and the layers are DCGAN's." if growing else ".")
    return verdict(True, f"{tuple(input_shape)} -> {tuple(out.shape)}{layers}")


# ---- the latent space (notebook 05) and evaluation (notebook 08) ------------------------------------------------

def _a(noun: str) -> str:
    """"a list", "an ndarray": the noun with its article."""
    return f"{'an' if noun[:1].lower() in 'aeiou' or noun.startswith('nd') else 'a'} {noun}"


def _as_path(path, rows: int, columns: int) -> Optional[torch.Tensor]:
    """The student's path as a (rows, columns) float tensor: a tensor, a list of tensors, or any table of numbers
    (an array, a list of NumPy rows, nested lists); None when it is none of these or has another size."""
    if isinstance(path, (list, tuple)) and len(path) and all(isinstance(p, torch.Tensor) for p in path):
        path = torch.stack([p.reshape(-1) for p in path])
    elif isinstance(path, (list, tuple, np.ndarray)):
        try:
            array = np.asarray(path)
        except (TypeError, ValueError):  # rows of different lengths, or things that are not numbers
            return None
        if array.dtype.kind not in "iuf":
            return None
        path = tensor_of(array)  # also an array with negative strides (a flipped path)
    if isinstance(path, torch.Tensor) and path.numel() == rows * columns:
        return path.detach().reshape(rows, columns).float()
    return None


def _in_degrees(z0, z1, t, omega):
    degrees, t = torch.rad2deg(omega), t.reshape(-1, 1)
    return ((torch.sin((1 - t) * degrees) * z0 + torch.sin(t * degrees) * z1) / torch.sin(degrees),
            "the angle w is in degrees; torch.sin and torch.cos take radians (leave out the rad2deg).")


@never_raises
def check_slerp(slerp: Callable) -> Verdict:
    """``slerp(z0, z1, t)``: points on the great-circle arc from ``z0`` (t = 0) to ``z1`` (t = 1), one row per t,
    for a tensor ``t`` of several values (5, not the vectors' length 100, so that a t left as a row cannot broadcast
    into a wrong path unnoticed). A slerp that works only for one t at a time is told to make t a column; the
    check calls it once per t to say what else, if anything, is wrong."""
    g = torch.Generator().manual_seed(0)
    z0, z1, t = torch.randn(100, generator=g), torch.randn(100, generator=g), torch.linspace(0, 1, 5)
    one_at_a_time, error, out, shown = "", None, None, io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):  # a traceback is shown only if this error is the verdict
            given = z0.clone(), z1.clone()
            out = run_student(slerp, *given, t.clone(), context=lambda: "slerp")
    except StudentError as raised:
        error = raised
    if not (torch.equal(given[0], z0) and torch.equal(given[1], z1)):
        return verdict(False, "your slerp changes z0 or z1 in place (div_, /=, mul_): the caller's vectors come back "
                              "changed. Normalise copies for the angle, z0 / z0.norm(), and leave the inputs as they are.")
    if error is None and out is None:
        return verdict(False, "your slerp returns nothing: end it with return and the path (return path), one row per value of t, "
                              "shape (5, 100).")
    if error is None and unusable_numbers(out):
        return verdict(False, f"your slerp returns {unusable_numbers(out)}")
    if error is None and not isinstance(out, (torch.Tensor, np.ndarray, list, tuple)):
        return verdict(False, f"your slerp returns {_a(type(out).__name__)}: return the path itself, a tensor with one "
                              "row per value of t, shape (5, 100).")
    if isinstance(out, torch.Tensor) and tuple(out.shape) == (100, 5):
        return verdict(False, "your result has shape (100, 5): one column per t; the course wants one row per t, "
                              "shape (5, 100) (use t[:, None] so that each t makes a row, or transpose).")
    if isinstance(out, torch.Tensor) and out.dtype in (torch.float16, torch.bfloat16):
        return verdict(False, f"your slerp returns {out.dtype} (half precision), which keeps about 3 digits: return "
                              "float32, the type of z0 and z1 (leave out the .half()).")
    if error is None and isinstance(out, (list, tuple)) and (
            isinstance(out, tuple) and len(out) == 1 or len({tuple(getattr(v, "shape", ())) for v in out}) > 1):
        return verdict(False, "your slerp returns " + several_values(out, "the path, one row per value of t, shape "
                                                                           "(5, 100)"))
    path = _as_path(out, 5, 100)
    if path is None and (error is not None or (isinstance(out, torch.Tensor) and out.numel() == 100)):
        try:  # a slerp written for one t at a time: call it once per t (quietly: the first error is the one to show)
            with contextlib.redirect_stdout(io.StringIO()):
                path = _as_path([torch.as_tensor(run_student(slerp, z0.clone(), z1.clone(), float(s))) for s in t],
                                5, 100)
        except StudentError:
            path = None
        if path is not None:
            raised = error.error if error is not None else None
            what = (f"raises {type(raised).__name__} ({str(raised).splitlines()[0] if str(raised) else 'no message'})"
                    if raised is not None else f"returns one vector of shape {tuple(out.shape)}")
            one_at_a_time = (f"with a tensor of 5 values of t, as the exercise passes, your slerp {what}. The exercise "
                             "wants one row per value of t: make t a column, t = t[:, None] (or t.reshape(-1, 1)), so "
                             "that each t gives one row, shape (5, 100).")
    if path is None and error is not None:
        print(shown.getvalue(), end="")
        raise error
    if path is None:
        return verdict(False, "one row per value of t expected: shape (5, 100) for 5 values of t (use t[:, None] so "
                              "each t makes a row).")
    expected = latent.slerp(z0, z1, t)

    def wrong(text: str) -> Verdict:
        return verdict(False, text + (" Also, your slerp takes one t at a time: make t a column, t = t[:, None], "
                                      "so that a tensor of t gives one row per value." if one_at_a_time else ""))

    if torch.allclose(path, expected, atol=1e-4):
        if one_at_a_time:
            return verdict(False, "the points are right, but only for one t at a time: " + one_at_a_time)
        return verdict(True, f"the midpoint is {path[2].norm():.2f} long, between |z0| = {z0.norm():.2f} and "
                             f"|z1| = {z1.norm():.2f}, where the straight line's is "
                             f"{latent.lerp(z0, z1, t)[2].norm():.2f}."
                             + ("" if isinstance(out, torch.Tensor) else
                                f" One thing to know: it returns {_a(type(out).__name__)}, not a tensor; the generator "
                                "takes tensors, so turn it into one to draw the path, torch.as_tensor(path)."))
    if torch.allclose(path, latent.lerp(z0, z1, t), atol=1e-4):
        return wrong(f"this is the straight line: its midpoint is only {path[2].norm():.2f} long, inside the shell "
                     "where G saw no noise. Use sin((1 - t) w) z0 / sin w + sin(t w) z1 / sin w, with w the angle "
                     "between z0 and z1.")
    if torch.allclose(path, latent.slerp(z1, z0, t), atol=1e-4):
        return wrong("the ends are swapped: the path must start at z0 (t = 0) and end at z1 (t = 1).")
    if not torch.isfinite(path).all():
        return wrong("the path holds NaN: arccos was given a number outside [-1, 1]. The angle is the arccos of the "
                     "dot product of the normalised vectors, z0 / |z0| and z1 / |z1| (clamp it to [-1, 1] against "
                     "rounding).")
    omega = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()))
    lengths = ((1 - t) * z0.norm() + t * z1.norm()).unsqueeze(1)
    nlerps = [latent.lerp(z0, z1, t), latent.lerp(z0 / z0.norm(), z1 / z1.norm(), t)]  # of the vectors, or of units
    nlerp_text = ("that is the straight line rescaled onto the shell (nlerp): its points have the right length but are "
                  "not evenly spaced in angle. Use sin((1 - t) w) z0 / sin w + sin(t w) z1 / sin w.")
    named = [(expected * torch.sin(omega), "the sines are not divided by sin w: slerp is (sin((1 - t) w) z0 + "
                                           "sin(t w) z1) / sin w."),
             *[(line / line.norm(dim=1, keepdim=True) * lengths, nlerp_text) for line in nlerps],
             _in_degrees(z0, z1, t, omega),
             (expected * torch.sin(omega) / omega, "the sines are divided by w; slerp divides by sin w: "
                                                   "(sin((1 - t) w) z0 + sin(t w) z1) / sin w."),
             ((torch.sin(1 - t.reshape(-1, 1)) * z0 + torch.sin(t.reshape(-1, 1)) * z1) / torch.sin(omega),
              "the angle is missing inside the sines: sin(1 - t) and sin(t) should be sin((1 - t) w) and sin(t w), so "
              "that t = 1 lands on z1 (the weights go round the whole angle w between z0 and z1)."),
             (latent.slerp(z0 / z0.norm(), z1 / z1.norm(), t) * lengths,
              "the direction is slerp's, but the length goes in a straight line from |z0| to |z1| (the slerp of the "
              "unit vectors, times a blended norm): slerp works on the vectors themselves, (sin((1 - t) w) z0 + "
              "sin(t w) z1) / sin w, and their length follows the arc."),
             (torch.cos(t.reshape(-1, 1) * omega) * z0 + torch.sin(t.reshape(-1, 1) * omega) * z1,
              "the weights are cos(t w) and sin(t w); slerp's are sin((1 - t) w) / sin w for z0 and sin(t w) / sin w "
              "for z1 (cos and sin alone rotate only between orthogonal unit vectors).")]
    for candidate, text in named:
        if torch.allclose(path, candidate.float(), atol=1e-3):
            return wrong(text)
    units = expected / expected.norm(dim=1, keepdim=True)
    if torch.allclose(path, units, atol=1e-4) or torch.allclose(path.norm(dim=1), torch.ones(5), atol=1e-3):
        return wrong("every point has length 1: normalise z0 and z1 only to find the angle w; the path itself "
                     "keeps their length (from |z0| to |z1|).")
    if not (torch.allclose(path[0], z0, atol=1e-4) and torch.allclose(path[-1], z1, atol=1e-4)):
        return wrong("the path must start at z0 (t = 0) and end at z1 (t = 1).")
    return wrong("the ends are right, the middle is not: slerp's points are (sin((1 - t) w) z0 + sin(t w) z1) / sin w, "
                 "with the angle w = arccos(z0 . z1 / (|z0| |z1|)), the dot product of the unit vectors; compare "
                 "yours with it term by term.")


@never_raises
def check_frechet_distance(frechet: Callable) -> Verdict:
    """``frechet(mu1, sigma1, mu2, sigma2)``: |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)), NumPy in, a float out.
    The covariances do not commute, so sqrtm(S1) @ sqrtm(S2) (a classic slip) gives another number."""
    mu1, mu2 = np.array([0.0, 1.0, -0.5]), np.array([1.0, 3.0, 0.5])
    s1 = np.array([[2.0, 0.8, 0.1], [0.8, 1.0, 0.3], [0.1, 0.3, 0.5]])
    s2 = np.array([[0.9, -0.2, 0.0], [-0.2, 1.5, 0.7], [0.0, 0.7, 1.2]])
    def swapped() -> Optional[str]:  # the same function with the arguments in another order?
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                other = float(np.real(run_student(frechet, mu1.copy(), mu2.copy(), s1.copy(), s2.copy())))
        except (StudentError, TypeError, ValueError):
            return None
        if abs(other - metrics.frechet_distance(mu1, s1, mu2, s2)) < 1e-6:
            return ("your function takes (mu1, mu2, sigma1, sigma2); the check and the course pass (mu1, sigma1, mu2, "
                    "sigma2), each Gaussian's mean then its covariance: change the order of the parameters.")
        return None
    value = run_student_unless(swapped, frechet, mu1.copy(), s1.copy(), mu2.copy(), s2.copy())
    if value is None:
        return verdict(False, "your function returns nothing: end it with return the distance (a float).")
    returned = value
    if isinstance(returned, (tuple, list)) and len(returned) == 1:  # a trailing comma, or [fid]
        return verdict(False, "your function returns " + several_values(returned, "the distance, a float",
                                                                          pieces=False))
    if isinstance(returned, str) or type(returned).__name__ in ("bool", "bool_"):
        return verdict(False, f"your function returns {returned!r:.40} ({type(returned).__name__}): return the distance "
                              "itself, a float.")
    if isinstance(value, numbers.Real) and not isinstance(value, (int, float)):
        value = float(value)  # a Fraction or a Decimal is the number it holds
    unusable = unusable_numbers(value)
    if unusable:
        return verdict(False, f"your function returns {unusable}")
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    value = np.asarray(value)
    if value.size != 1 or not np.issubdtype(value.dtype, np.number):
        shape = f" of shape {value.shape}" if isinstance(returned, (np.ndarray, torch.Tensor)) else ""
        return verdict(False, f"one number expected, got {type(returned).__name__}{shape}: return the distance, a float.")
    is_complex, value = np.iscomplexobj(value), complex(value.reshape(()))
    if abs(value.imag) > 1e-6:
        return verdict(False, f"the result is complex ({value:.4f}): take the real part of the matrix square root "
                              "(sqrtm(...).real) before the trace.")
    value = value.real
    expected, means = metrics.frechet_distance(mu1, s1, mu2, s2), float(np.sum((mu1 - mu2) ** 2))
    covariances = expected - means
    if abs(value - expected) <= 1e-5 * max(1.0, abs(expected)):  # float32 features round at about 1e-7
        if is_complex:
            return verdict(False, f"the number is right, {value:.4f}, but it comes out as a complex number (its "
                                  "imaginary part is rounding noise): the distance is a float, so take the real part, "
                                  "np.real(...) of the square root or its trace, and return float(...).")
        given = [mu1.copy(), s1.copy(), mu2.copy(), s2.copy()]
        with contextlib.redirect_stdout(io.StringIO()):
            run_student(frechet, *given)
        if not all(np.array_equal(a, b) for a, b in zip(given, (mu1, s1, mu2, s2))):
            return verdict(False, f"the number is right, {value:.4f}, but your function changes the arrays it is given "
                                  "(an in-place operation such as +=, or a view written to): the caller's means and "
                                  "covariances must stay as they were. Work on new arrays, e.g. sigma1 + sigma2.")
        singular = _on_singular_covariances(frechet)
        if singular:
            return verdict(False, singular)
        return verdict(True, f"{value:.4f}: {means:.1f} from the means, {covariances:.4f} from the covariances.")
    root = np.real(linalg.sqrtm(s1) @ linalg.sqrtm(s2))
    mistakes = [
        (means + np.trace(s1 + s2 - 2 * root), "that uses sqrtm(S1) @ sqrtm(S2), the product of two square roots: "
                                               "it equals sqrtm(S1 @ S2) only when the covariances commute, and these "
                                               "do not. Take scipy.linalg.sqrtm(S1 @ S2)."),
        (means + np.trace(s1 + s2 - 2 * np.sqrt(np.abs(s1 @ s2))), "the square root is element-wise: Tr((S1 S2)^(1/2)) "
                                                                    "needs the matrix square root, scipy.linalg.sqrtm."),
        (means, "only the means count here: add the covariance term Tr(S1 + S2 - 2 (S1 S2)^(1/2))."),
        *[(means + np.trace(s1 + s2 - 2 * np.real(linalg.sqrtm(a @ b))),
           f"the square root is of {name}, one covariance twice: it is of S1 @ S2, sigma1 @ sigma2.")
          for a, b, name in ((s1, s1, "sigma1 @ sigma1"), (s2, s2, "sigma2 @ sigma2"))],
        (means + float(np.sum(s1 + s2 - 2 * np.real(linalg.sqrtm(s1 @ s2)))),
         "that sums every entry of S1 + S2 - 2 (S1 S2)^(1/2): the covariance term is its trace, the sum of the "
         "diagonal only, np.trace(...)."),
        (covariances, "the means are missing: add |mu1 - mu2|^2."),
        (np.sqrt(expected), "that is the square root: the Frechet distance as GAN papers use it is the squared "
                            "distance (no final square root)."),
        (means + np.trace(s1 + s2) - np.trace(np.real(linalg.sqrtm(s1 @ s2))),
         "the factor 2 is missing: Tr(S1 + S2 - 2 (S1 S2)^(1/2))."),
        (means + np.trace(s1 + s2 - 2 * np.real(linalg.sqrtm(s1 * s2))),
         "S1 * S2 is the element-wise product: the covariance term needs the matrix product, S1 @ S2, inside sqrtm."),
        (float(mu1 @ mu2) + covariances, "the mean term is |mu1 - mu2|^2, the squared distance between the means, "
                                         "not their dot product mu1 . mu2."),
        (means + np.trace(s1 + s2) - 2 * np.sqrt(np.trace(s1 @ s2)),
         "that takes the square root of the trace; it is the trace of the matrix square root, "
         "np.trace(scipy.linalg.sqrtm(S1 @ S2))."),
        (float(np.sum(np.abs(mu1 - mu2))) + covariances, "the mean term is the squared Euclidean distance "
                                                        "|mu1 - mu2|^2, not the sum of absolute differences."),
        (means + float(np.sum(np.diag(s1) + np.diag(s2) - 2 * np.sqrt(np.diag(s1) * np.diag(s2)))),
         "only the variances on the diagonals are used: the covariances are full matrices, and the term is "
         "Tr(S1 + S2 - 2 sqrtm(S1 @ S2))."),
        (means + np.trace(s1 + s2 + 2 * np.real(linalg.sqrtm(s1 @ s2))),
         "the sign before the root is flipped: it is Tr(S1 + S2 - 2 (S1 S2)^(1/2)), with a minus."),
        (means + np.trace(s1 + s2 - 2 * s1 @ s2), "the matrix square root is missing: the term is "
                                                  "Tr(S1 + S2 - 2 (S1 S2)^(1/2)), with scipy.linalg.sqrtm(S1 @ S2)."),
        (means + np.trace(s1 + s2 - 2 * np.real(linalg.sqrtm(s1 + s2))),
         "the root is of the sum; it is of the product S1 S2: scipy.linalg.sqrtm(S1 @ S2)."),
        (np.sqrt(means) + covariances, "the mean term is |mu1 - mu2| squared: use the squared distance, not the "
                                       "distance."),
        (float(np.sum(mu1 - mu2)) ** 2 + covariances, "that squares the sum of the differences; the mean term squares "
                                                       "each difference, then sums: np.sum((mu1 - mu2) ** 2)."),
    ]
    for wrong, text in mistakes:
        if abs(value - wrong) < 1e-6:
            return verdict(False, text)
    return verdict(False, f"got {value:.4f}, expected {expected:.4f}: |mu1 - mu2|^2 + Tr(S1) + Tr(S2) - "
                          "2 Tr(sqrtm(S1 @ S2)).")


def _on_singular_covariances(frechet: Callable) -> Optional[str]:
    """What goes wrong, if anything, with covariances of 3 samples of 6 features (singular, as real features are
    with fewer images than features), where scipy's sqrtm returns a complex matrix with tiny imaginary parts."""
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(3, 6)), rng.normal(size=(3, 6))
    mu1, s1, mu2, s2 = a.mean(0), np.cov(a, rowvar=False), b.mean(0), np.cov(b, rowvar=False)
    with contextlib.redirect_stdout(io.StringIO()):
        value = run_student(frechet, mu1.copy(), s1.copy(), mu2.copy(), s2.copy())
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    value = np.asarray(value).reshape(-1)[:1]
    expected = metrics.frechet_distance(mu1, s1, mu2, s2)
    but = "right on these covariances, but on singular ones (fewer images than features, as real features often are)"
    if np.iscomplexobj(value):
        return (f"{but} scipy.linalg.sqrtm returns a complex matrix with tiny imaginary parts from rounding, and your "
                f"function then returns a complex number ({complex(value[0]):.4f}): take the real part of the square "
                "root, np.real(scipy.linalg.sqrtm(S1 @ S2)), and return a float.")
    if value.size != 1 or not np.isfinite(value[0]):
        return (f"{but} it gives {value}: there the eigenvalues of S1 @ S2 that should be 0 come out slightly "
                "negative (or complex) from rounding, and a square root, inverse or logarithm of them is NaN. Take "
                "np.real(scipy.linalg.sqrtm(S1 @ S2)), or clip the eigenvalues at 0 before their square roots.")
    if abs(float(value[0]) - expected) > 1e-3 * max(1.0, abs(expected)):  # float32 sqrtm of a singular product: ~2e-4
        return (f"{but} it gives {float(value[0]):.4f} where the distance is {expected:.4f}: use "
                "np.real(scipy.linalg.sqrtm(S1 @ S2)) as it is, without rounding it or inverting the covariances.")
    return None


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
    "inception_score_of_five_sure_classes": (5, 1e-3, "exp(KL(p(y|x) || p(y))) = exp(ln 5) = 5 when each image is "
                                                      "surely one of five equally common classes: the score counts the "
                                                      "classes drawn, and sees nothing of the variety within a class."),
    "length_of_100d_noise": (10, 0.5, "E|z|^2 = 100, and |z| concentrates around sqrt(100) = 10 (standard deviation "
                                      "about 0.7)."),
    "saturating_slope_at_logit_minus_6": (1 / (1 + math.exp(6)), 1e-6,
                                          "d/dℓ log(1 - sigmoid(ℓ)) = -sigmoid(ℓ): at ℓ = -6 its size is sigmoid(-6) = "
                                          "0.0025, where the non-saturating loss has 1 - sigmoid(-6) = 0.9975, 400 "
                                          "times more."),
    "slope_ratio_at_logit_minus_6": (math.exp(6), 0.5,  # 403 passes; 1 / sigmoid(-6) = 404.4 must not
                                     "(1 - sigmoid(ℓ)) / sigmoid(ℓ) = e^(-ℓ): at ℓ = -6 the non-saturating loss is "
                                     "e^6 = 403 times steeper, and every unit of logit by which D rejects a fake makes "
                                     "the saturating loss e = 2.7 times weaker still."),
    "class_kl_of_two_equal_classes": (math.log(5), 1e-3, "KL(p || uniform) = 2 x 0.5 ln(0.5 / 0.1) = ln 5 = 1.61: "
                                                        "between 0 (all ten) and ln 10 = 2.30 (one class)."),
    "accuracy_of_a_label_blind_generator": (0.1, 1e-3, "the referee names each image's own class, which matches the "
                                                       "class asked for only by chance, 1 time in 10: accuracy 0.10, "
                                                       "however good the images and however even the classes (KL 0)."),
    "length_at_a_quarter_of_the_line": (10 * math.sqrt(0.625), 0.3,
                                        "3/4 z0 + 1/4 z1 has variance 9/16 + 1/16 = 0.625 in each of 100 coordinates: "
                                        "its length is about 10 sqrt(0.625) = 7.9, between an end's 10 and the "
                                        "midpoint's 7.1."),
    "length_of_straight_midpoint": (math.sqrt(50), 0.3, "(z0 + z1) / 2 has variance 1/2 in each of 100 coordinates: "
                                                        "its length is about sqrt(50) = 7.1."),
}

# What a particular wrong number most likely is, per exercise (beyond the slips every answer can have).
LIKELY_SLIPS = {
    "value_at_the_optimum": {-math.log(2): "that is one of the two terms, log 1/2: V has a real and a fake half, "
                                           "log 1/2 + log 1/2 (one half of the value is missing).",
                            0.0: "0 is the Jensen-Shannon divergence at the optimum; the value of the game is "
                                 "V = 2 JSD - log 4 there, so -log 4."},
    "loss_d_at_indifference": {math.log(2): "that is one half of D's loss: it has a real and a fake term, ln 2 each."},
    "loss_g_at_indifference": {2 * math.log(2): "that is D's loss; G's loss is one term, -log D(G(z)) = ln 2."},
    "length_at_a_quarter_of_the_line": {
        7.5: "that scales an end's length by 1 - t, as if z1 added nothing: t z1 adds its own variance, so the length "
             "is 10 sqrt((1 - t)^2 + t^2).",
        6.25: "that is 10 times the variance factor 0.625: the length is 10 times its square root.",
        62.5: "that is the squared length, 100 x 0.625; the length is its square root.",
        math.sqrt(50): "that is the midpoint's length, t = 1/2; a quarter of the way the point is nearer z0, so longer.",
        10.0: "that is an end's length (slerp keeps it); the straight line's point at t = 1/4 is shorter.",
        10 - (10 - math.sqrt(50)) / 2: "that interpolates the lengths of the end and the midpoint along a straight "
                                       "line; lengths do not change linearly: 10 sqrt((1 - t)^2 + t^2)."},
    "length_of_straight_midpoint": {5.0: "the midpoint is not half as long: z0 and z1 are almost orthogonal, so "
                                         "|(z0 + z1) / 2| = sqrt(|z0|^2 + |z1|^2) / 2 = sqrt(200) / 2."},
    "inception_score_max_10_classes": {math.log(10): "that is the largest KL, ln 10; the Inception Score is its "
                                                     "exp, exp(ln 10)."},
    "inception_score_of_five_sure_classes": {
        10.0: "10 is the largest score, with all ten classes drawn equally; this generator draws five, so p(y) is "
              "uniform over five and the score is exp(ln 5).",
        math.log(5): "that is the KL itself, ln 5; the Inception Score is its exp, exp(ln 5).",
        2.0: "that is exp(ln 2), the exp of the KL between the five classes drawn and all ten: the score's KL is "
             "between each image's p(y|x) and the marginal p(y), ln 5 for sure images of five classes, so exp(ln 5).",
        0.5: "the score is not a fraction of the classes: it is exp of the KL, which counts the classes drawn, "
             "exp(ln 5).",
        math.log(10): "that is ln 10, the KL of a generator that surely draws all ten classes; this one draws five: "
                      "exp(ln 5).",
        1.0: "a score of 1 is a generator whose images are all the same class, or that the referee is never sure of; "
             "here each image is surely one of five classes, exp(ln 5)."},
    "upsamplings_for_32": {8.0: "8 is the size ratio, 32 / 4; count the doublings it takes: log2 8.",
                           5.0: "that counts the doublings from 1x1; the nets start from a 4x4 map: 4 -> 8 -> 16 -> 32.",
                           4.0: "4 counts the sizes, 4, 8, 16 and 32; the doublings are the steps between them, one "
                                "fewer."},
    "class_loss_at_chance": {0.1: "0.1 is the chance probability, 1/10; the loss is minus its logarithm, -ln(1/10)."},
    "optimal_d_when_pg_equals_pdata": {1.0: "D* = p_data / (p_data + p_g): with equal densities that is 1/2, not 1 "
                                            "(D cannot tell, so it says 1/2 everywhere).",
                                       0.0: "0 is D's logit there; the question asks for D's output, the "
                                            "probability sigmoid(0) = 1/2.",
                                       50.0: "D's output is a probability from 0 to 1, not a percentage: 50% is 0.5.",
                                       math.log(2): "ln 2 is a loss (G's, or one half of D's, at that point); the "
                                                    "question asks for D's output there, a probability: 1/2."},
    "length_of_100d_noise": {100.0: "that is the squared length |z|^2; the length is its square root.",
                             1.0: "that is one coordinate's spread; the length of 100 of them is about sqrt(100)."},
    "dcgan_28_receptive_field": {8.0: "4 + 4 adds the two kernels; the second one's 4 taps are 2 image pixels apart, "
                                      "so it widens the view by (4 - 1) * 2 = 6: 4 + 6.",
                                 4.0: "that is one 4x4 convolution's view; there are two: 4 + (4 - 1) * 2.",
                                 16.0: "4 x 4 multiplies the kernels: views grow by addition, each layer adding its "
                                       "(kernel - 1) times the stride below it, 4 + (4 - 1) * 2.",
                                 7.0: "4 + 3 leaves out the stride: the second convolution's steps are 2 pixels of "
                                      "the image apart, so 4 + (4 - 1) * 2."},
    "upsamplings_for_64": {16.0: "16 is the size ratio, 64 / 4; count the doublings it takes: log2 16.",
                           6.0: "that counts the doublings from 1x1; the nets start from a 4x4 map: 4 -> 8 -> 16 -> 32 "
                                "-> 64.",
                           5.0: "5 counts the sizes, 4, 8, 16, 32 and 64; the doublings are the steps between them, "
                                "one fewer."},
    "saturating_slope_at_logit_minus_6": {
        math.exp(-6): "that is e^(-6), which is close but not it: sigmoid(-6) = 1 / (1 + e^6) = 0.002473, a little "
                      "smaller than e^(-6) = 0.002479.",
        1 - 1 / (1 + math.exp(6)): "that is the non-saturating loss's slope, 1 - sigmoid(-6); the saturating loss, "
                                   "log(1 - sigmoid(ℓ)), has slope -sigmoid(ℓ).",
        0.25: "0.25 is the sigmoid's own slope at 0; the question asks for the loss's slope at ℓ = -6, sigmoid(-6).",
        -6.0: "that is the logit itself; the slope of log(1 - sigmoid(ℓ)) is -sigmoid(ℓ), at ℓ = -6 of size sigmoid(-6).",
        math.exp(6) / (1 + math.exp(6)) ** 2: "that is the slope of the sigmoid itself, sigmoid(ℓ) (1 - sigmoid(ℓ)); "
                                              "the slope of log(1 - sigmoid(ℓ)) is -sigmoid(ℓ), so its size at ℓ = -6 "
                                              "is sigmoid(-6) = 0.002473."},
    "slope_ratio_at_logit_minus_6": {
        math.exp(-6): "that is the ratio upside down, saturating over non-saturating: the question asks how many times "
                      "steeper the non-saturating loss is, (1 - sigmoid(-6)) / sigmoid(-6).",
        1 / (1 + math.exp(6)): "that is the saturating loss's slope, sigmoid(-6), not the ratio: divide the "
                               "non-saturating slope, 1 - sigmoid(-6), by it.",
        1 - 1 / (1 + math.exp(6)): "that is the non-saturating loss's slope, 1 - sigmoid(-6), not the ratio: divide "
                                   "it by the saturating slope, sigmoid(-6).",
        6.0: "that is the logit's size; the ratio of the slopes is e^(-ℓ), exponential in it: e^6.",
        -6.0: "that is the logit itself; the ratio of the slopes is e^(-ℓ), exponential in it: e^6.",
        math.exp(3): "that is e^3, the square root of the answer: the ratio is e^(-ℓ) = e^6.",
        1 + math.exp(6): "that is 1 / sigmoid(-6), which takes the non-saturating slope as 1: it is 1 - sigmoid(-6), "
                         "so the ratio is (1 - sigmoid(-6)) / sigmoid(-6) = e^6.",
        (1 + math.exp(6)) ** 2 / math.exp(6): "that is one over the sigmoid's own slope, 1 / (sigmoid (1 - sigmoid)); "
                                              "the ratio of the two losses' slopes is (1 - sigmoid(-6)) / sigmoid(-6) "
                                              "= e^6.",
        math.exp(12): "that is e^12, the square of the answer: the ratio is e^(-ℓ) = e^6.",
        **{(1 - p) / p: f"that is (1 - p) / p with sigmoid(-6) rounded to {p:g}: rounding so small a number moves the "
                        "ratio by percents. Use the exact value, (1 - sigmoid(-6)) / sigmoid(-6) = e^6 (math.exp(6))."
           for p in (0.0025, 0.002, 0.003)}},
    "class_kl_of_two_equal_classes": {
        math.log(2): "ln 2 compares the two classes with a uniform over those two; the class KL compares with the "
                     "uniform over all ten: each of the two has p = 0.5 against 0.1, so 2 x 0.5 ln(0.5 / 0.1) = ln 5."},
    "accuracy_of_a_label_blind_generator": {
        1.0: "the referee does recognise every image, but as the class it shows, which is the class asked for only "
             "by chance: conditional accuracy counts images that show the class that was asked for.",
        0.0: "it is not 0: an image of a random class shows the class asked for by chance, 1 time in 10.",
        10.0: "accuracy is a fraction of the images, from 0 to 1: 1 in 10 is 0.1.",
        0.9: "that is the fraction that shows another class than the one asked for; accuracy counts the matches, "
             "1 in 10.",
        0.444: "that is the measured run without the class loss, which had partly learned its label; a generator "
               "that ignores its label entirely matches it by chance only, 1 time in 10."},
    "label_channel_weights": {784.0: "that is one map; there is one 28x28 map per class, 10 of them."},
}

_TERMS = {"value_at_the_optimum", "loss_d_at_indifference", "class_kl_of_two_equal_classes"}  # sums of two terms
_LOGS = {"value_at_the_optimum", "loss_d_at_indifference", "loss_g_at_indifference", "class_loss_at_chance",
         "kl_for_one_class_of_ten", "class_kl_of_two_equal_classes"}


def _decimals(value: float) -> Optional[int]:
    text = repr(float(value))
    return None if "e" in text else len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _rounded_right(value: float, expected: float) -> bool:
    """``value`` is ``expected`` rounded to the decimals written (1.39 for ln 4, 0.00247 for sigmoid(-6)), or a whole
    number rounded to tens or hundreds keeping two digits at least (400 or 403 for e^6 = 403.4, not 404), and not
    rounded so far that it is more than 2% off."""
    places = _decimals(value)
    if places is None or abs(value - expected) > 0.02 * abs(expected):
        return False
    if places == 0:  # 403, 400: a whole number, rounded to the ones, tens, ... with at least two digits left
        digits = len(str(int(abs(value))))
        return any(abs(round(expected, -k) - value) < 1e-9 for k in range(0, max(digits - 1, 0)))
    return 1 <= places <= 8 and abs(round(expected, places) - value) < 1e-9


def _slip(name: str, value: float, expected: float) -> Optional[str]:
    """What a wrong number most likely is: a sign, another log base, half or twice the answer, ..."""
    def near(target):
        # within 0.1%: ln 2 = 0.6931 must not pass for log10(5) = 0.6990, nor the sigmoid's slope for the loss's
        return abs(value - target) <= max(1e-9, 1e-3 * abs(target)) or _rounded_right(value, target)

    for wrong, text in LIKELY_SLIPS.get(name, {}).items():
        if near(wrong):
            return text
    if name in _LOGS and near(-expected / math.log(2)):
        return "the sign is flipped and the logarithm is in base 2: use the natural log (ln, math.log, torch.log)."
    if expected and near(-expected):
        return "the sign is flipped: " + ("log 1/2 is negative." if expected < 0 else "the answer is positive.")
    if name in _LOGS and near(expected / math.log(2)):
        return "that is the logarithm in base 2: the course's losses use the natural log (ln, math.log, torch.log)."
    if name in _LOGS and near(expected / math.log(10)):
        return "that is the logarithm in base 10: the course's losses use the natural log (ln, math.log, torch.log)."
    if expected and near(expected / 2):
        return ("that is half the answer: one half of it is missing (count both terms)." if name in _TERMS else
                "that is half the answer: a factor of 2 is missing from your working.")
    if expected and near(expected * 2):
        return ("that is twice the answer: a term is counted twice." if name in _TERMS else
                "that is twice the answer: your working has a factor of 2 too many.")
    if name in _LOGS and near(math.exp(expected)):
        return "that is e to the answer: the answer is the logarithm itself."
    return None


@never_raises
def check_answer(name: str, value) -> Verdict:
    """A number with a known answer (``ANSWERS``): right within its tolerance, or rounded as the notebook rounds
    (1.39 for ln 4); a wrong one is told what it most likely is (a sign, another log base, half the answer)."""
    if not isinstance(name, str):
        return verdict(False, f"check_answer takes the question's name first, in quotes (e.g. "
                              f"'loss_d_at_indifference'), then your number; got {name!r} first.")
    if name not in ANSWERS:
        return verdict(False, f"there is no exercise {name!r}: the names are {', '.join(ANSWERS)}.")
    expected, tolerance, why = ANSWERS[name]
    if value is Ellipsis:
        return verdict(False, "not answered yet: set the variable to your number (in place of the ...).")
    if value is None:
        return verdict(False, "the answer is None, not a number: write the number itself (print(...) shows a value "
                              "but gives None, so answer = print(x) holds None); or it is not answered yet.")
    if isinstance(value, str):
        return verdict(False, f"{value!r} is text: write the number itself, without quotes (a number such as 0.7, or "
                              "an expression such as math.log(7) / 2).")
    if type(value).__name__ in ("bool", "bool_"):
        return verdict(False, f"{value} is a yes or no, not a number: write the number itself ({name} = your number).")
    if isinstance(value, (tuple, list)):
        return verdict(False, "the answer is " + several_values(value, "the number", one_number=True)
                       .replace("return only", "write only"))
    if isinstance(value, torch.Tensor) and value.dtype == torch.bool:
        return verdict(False, f"{value} is a yes or no (a comparison's result), not a number: write the number itself "
                              f"({name} = your number).")
    if isinstance(value, torch.Tensor):
        value = value.detach()
        if value.device.type == "meta":
            return verdict(False, "that tensor is on PyTorch's meta device, which holds no number: compute the "
                                  "answer on the CPU (or write the number itself).")
    try:
        number = float(value.item() if hasattr(value, "item") and getattr(value, "size", 1) == 1 else value)
    except OverflowError:
        return verdict(False, f"{value!r:.40} is too large to be the answer: work it out from the definitions in the text.")
    except Exception:  # (TypeError, ValueError, or whatever a strange object's own __float__ raises)
        return verdict(False, f"one number expected, got {type(value).__name__}: write the number itself "
                              f"({name} = your number, a float or an expression that gives one).")
    if not math.isfinite(number):
        if name.startswith("kl_") and number == math.inf:
            return verdict(False, "inf is the KL the other way round, KL(uniform || histogram): the uniform puts mass "
                                  "on classes the histogram never draws. The class KL is KL(histogram || uniform), "
                                  "a sum over the histogram's own classes only.")
        return verdict(False, f"{number} is not a finite number: work it out from the definitions in the text.")
    if abs(number - expected) <= max(tolerance, 1e-9 * abs(expected)) + 1e-12 or (tolerance and _rounded_right(number, expected)):
        return verdict(True, why)
    slip = _slip(name, number, expected)
    if slip is None and name.startswith(("kl_", "class_kl_")) and number < 0:
        slip = ("a KL divergence is never negative: the ratio is upside down. KL(p || uniform) sums p ln(p / (1/10)) "
                "over the classes the histogram draws, p being the histogram's share.")
    within = f" (to within {tolerance:g}, or rounded to fewer decimals correctly)" if tolerance else ""
    return verdict(False, f"{value} is not it" + (f": {slip}" if slip else f"{within}. Work it out from the "
                                                                             "definitions in the text."))
