"""``check_train_step``: does a student's training step do what a GAN step must, however it is written?

A step is right when D's update descends D's loss on real images and detached fakes, and G's update then descends
G's loss through the updated D, with gradients that start from zero each time. So the check runs the student's step
twice in a row on small nets (mistakes in zeroing show only in the second step) and, at every optimiser step,
records the gradient the optimiser is about to use. It compares each with the gradient of the right loss at the
weights of that moment, for the inputs the student's nets were really called with (so fresh noise for G's update,
a concatenated batch or the tutorial's two backward calls all pass), up to a positive scale (a loss halved is the
same update under Adam). Gradients, not weights after Adam, are compared: Adam turns float noise in a gradient
that should be 0 into a full-size step. When a gradient is wrong, it is compared with the gradients of the classic
mistakes, so the verdict can name the one the student made. Every value the loop will pass (``r1_gamma`` and
``class_weight``, 0 or not) is tried.
"""
from __future__ import annotations

import copy
import inspect
import math
import sys
from typing import Callable, Optional

import torch
import torch.nn.functional as F
from torch import nn

from ..arguments import plain_value
from ..nets import MLPDiscriminator, MLPGenerator
from ..step import STEP_KEYS
from ..toy import ToyDiscriminator, ToyGenerator, ring_of_gaussians
from .tutor import (NO_CREATE_GRAPH, StudentError, Verdict, made_on_the_cpu, never_raises, numpy_on_a_gpu, run_student,
                    student_line, verdict)

BATCH = 16
KEYS = STEP_KEYS  # what a step returns, by name
RIGHT, CLOSE = 2e-4, 2e-2  # relative residuals: the right gradient (float noise only), a named mistake's
SPREAD = 10  # D's last layer scaled up: logits spread out, where sigmoid of their mean differs from their mean sigmoid


def bce(logits, target: float):
    """BCE-with-logits of every logit against one target value (1 real, 0 fake, or a mistake's value)."""
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def _setup(conditional: bool, images: bool = False, seed: int = 0):
    """Small nets and a batch: notebook 00's toy nets on points; small MLPs on 4x4 images (``images``: the R1
    penalty's sum over pixels then differs from a mean over them); conditional ones with MNIST's ten classes (a step
    that draws labels with torch.randint(0, 10, ...) is right in the notebook and must be right here). D's last
    layer is scaled by ``SPREAD``: an untrained D's logits all sit near 0, where sigmoid(logits.mean()) and
    sigmoid(logits).mean() differ by 1e-5 or less; spread out, they differ by 1e-4 to 1e-2."""
    torch.manual_seed(seed)
    if conditional or images:
        classes = 10 if conditional else None
        G = MLPGenerator(latent_dim=8, n_classes=classes, image_shape=(1, 4, 4), hidden=(16, 32))
        D = MLPDiscriminator(n_classes=classes, image_shape=(1, 4, 4), hidden=(32, 16))
        x, y = torch.rand(BATCH, 1, 4, 4) * 2 - 1, (torch.arange(BATCH) % classes if conditional else None)
    else:
        G, D = ToyGenerator(), ToyDiscriminator()
        x, y = ring_of_gaussians(BATCH, seed=seed), None
    with torch.no_grad():
        (D.out if hasattr(D, "out") else D.body[-1]).weight.mul_(SPREAD)
    return G, D, x, y


def _flat(tensors) -> torch.Tensor:
    return torch.cat([t.reshape(-1) for t in tensors])


def _grads(net) -> torch.Tensor:
    return _flat([p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p) for p in net.parameters()])


def _fit(g: torch.Tensor, *basis: torch.Tensor):
    """Least-squares ``g ~ sum c_i basis_i``: (coefficients, relative residual)."""
    A = torch.stack(basis, 1).double()
    c = torch.linalg.lstsq(A, g.double().unsqueeze(1)).solution.squeeze(1)
    scale = max(g.double().norm().item(), (A @ c).norm().item(), 1e-12)
    return c.tolist(), ((A @ c) - g.double()).norm().item() / scale


class _Watched(torch.optim.Optimizer):
    """An optimiser that records, at each step, the gradients it is about to use and both nets' weights."""

    def __init__(self, inner: torch.optim.Optimizer, name: str, record: "_Record"):
        self.inner, self.name, self.record = inner, name, record
        self.param_groups, self.state, self.defaults = inner.param_groups, inner.state, inner.defaults

    def zero_grad(self, set_to_none: bool = True):
        self.record.events.append(f"zero {self.name}")
        self.inner.zero_grad(set_to_none)

    def step(self, closure=None):
        self.record.optimiser_step(self.name)
        return self.inner.step(closure)


class _Record:
    """What happened during one call of the student's step: optimiser steps, G's and D's calls, autograd.grad's."""

    def __init__(self, G, D):
        self.G, self.D = G, D
        self.events, self.g_calls, self.d_calls, self.grad_calls, self.steps = [], [], [], [], {}
        G.register_forward_pre_hook(self._g_input, with_kwargs=True)
        G.register_forward_hook(self._g_call, with_kwargs=True)
        D.register_forward_pre_hook(self._d_call, with_kwargs=True)

    def start(self):
        self.events, self.g_calls, self.d_calls, self.grad_calls, self.steps = [], [], [], [], {}

    @property
    def phase(self) -> str:
        return "G" if "step D" in self.events else "D"

    @staticmethod
    def _g_input(module, args, kwargs):
        """The PyTorch DCGAN tutorial's noise, (batch, latent_dim, 1, 1), refused as the course's own nets refuse it
        (notebook 00's toy G would fail only later, in a linear layer, with an error about widths)."""
        z = args[0] if args else kwargs.get("z")
        latent = getattr(module, "latent_dim", None)
        if isinstance(z, torch.Tensor) and z.dim() == 4 and tuple(z.shape[1:]) == (latent, 1, 1):
            raise ValueError(f"z must have shape (batch, {latent}), got {tuple(z.shape)}")

    def _g_call(self, module, args, kwargs, output):
        z = args[0] if args else kwargs.get("z")
        y = args[1] if len(args) > 1 else kwargs.get("y")
        self.g_calls.append({"z": z.detach().clone(), "y": None if y is None else y.detach().clone(),
                             "grad": torch.is_grad_enabled(), "phase": self.phase, "out": output.detach().clone(),
                             "training": module.training})

    def _d_call(self, module, args, kwargs):
        x = args[0] if args else kwargs.get("x")
        y = args[1] if len(args) > 1 else kwargs.get("y")
        self.d_calls.append({"x": x.detach().clone(), "y": None if y is None else y.detach().clone(),
                             "phase": self.phase, "training": module.training, "grad": torch.is_grad_enabled()})

    def judged_with_other_labels(self, fake: torch.Tensor, labels, phase: str) -> bool:
        """Did D judge (part of) these fakes, in this phase, with labels other than those they were made for?"""
        for call in self.d_calls:
            if call["phase"] != phase or labels is None or call["y"] is None or call["y"].dim() != 1 \
                    or len(call["y"]) != len(call["x"]) or len(call["x"]) < len(fake):
                continue
            for start in range(0, len(call["x"]) - len(fake) + 1, len(fake)):  # the fakes alone, or in a joint batch
                part = slice(start, start + len(fake))
                if torch.equal(call["x"][part], fake) and not torch.equal(call["y"][part], labels):
                    return True
        return False

    def optimiser_step(self, name: str):
        self.events.append(f"step {name}")
        net = self.G if name == "G" else self.D
        self.steps.setdefault(name, {"grads": _grads(net), "G": copy.deepcopy(self.G.state_dict()),
                                     "D": copy.deepcopy(self.D.state_dict()), "g_calls": len(self.g_calls)})

    def grad(self, real_grad):
        def recording(outputs, inputs, *args, **options):
            create_graph = options.get("create_graph", args[2] if len(args) > 2 else False)
            course = sys._getframe(1).f_code.co_filename.endswith(("losses.py", "step.py"))
            first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
            self.grad_calls.append({"create_graph": bool(create_graph), "input": first.detach().clone(), "course": course,
                                    "output": (outputs[0] if isinstance(outputs, (list, tuple)) else outputs).detach()})
            return real_grad(outputs, inputs, *args, **options)
        return recording


class _Gradients(dict):
    """Name -> gradient of that loss with respect to ``net``'s weights, each taken only when first asked for (most
    answers are right, and the mistakes' gradients are needed only when they are not)."""

    def __init__(self, losses: dict, net):
        super().__init__()
        self.losses, self.net = losses, net

    def names(self) -> list:
        return list(self.losses)

    def __missing__(self, name: str) -> torch.Tensor:
        loss = self.losses[name]
        loss = loss() if callable(loss) else loss
        grads = torch.autograd.grad(loss, list(self.net.parameters()), allow_unused=True, retain_graph=True)
        self[name] = _flat([g if g is not None else torch.zeros_like(p) for g, p in zip(grads, self.net.parameters())])
        return self[name]


class _Reference:
    """The right gradients (and the classic mistakes' gradients) for one step, at the weights of each moment."""

    def __init__(self, G, D, x, y):
        self.G, self.D, self.x, self.y = copy.deepcopy(G), copy.deepcopy(D), x, y

    def _at(self, net, state):
        net.load_state_dict(state)
        return net

    def d_candidates(self, state, fake, y_fake, r1: float, cw: float, r1_tried, cw_tried) -> dict:
        """Name -> gradient of D's loss for the right loss and each classic mistake, at D's ``state``."""
        D, x, y = self._at(self.D, state), self.x.detach().requires_grad_(True), self.y
        fake = fake.detach()
        conditional = y is not None
        if conditional:
            real, real_classes = D(x, y, classify=True)
            fake_logits, fake_classes = D(fake, y_fake, classify=True)
        else:
            real, fake_logits, real_classes, fake_classes = D(x, y), D(fake, y_fake), None, None
        slope, = torch.autograd.grad(real.sum(), x, create_graph=True)
        probability_slope, = torch.autograd.grad(torch.sigmoid(real).sum(), x, create_graph=True)
        squares = slope.pow(2).flatten(1).sum(1)
        fakes = fake.requires_grad_(True)
        fake_slope, = torch.autograd.grad(D(fakes, y_fake).sum(), fakes, create_graph=True)

        def r1_term(gamma, penalty=None):
            return gamma / 2 * (squares.mean() if penalty is None else penalty) if gamma else 0.0

        def classes(weight, with_fakes=False):
            if not weight or not conditional:
                return 0.0
            return weight * (F.cross_entropy(real_classes, y) + (F.cross_entropy(fake_classes, y_fake) if with_fakes
                                                                  else 0.0))

        extras = r1_term(r1) + classes(cw)
        losses = {"right": bce(real, 1) + bce(fake_logits, 0) + extras,
                  "label smoothing": bce(real, 0.9) + bce(fake_logits, 0) + extras,
                  "fakes called real": bce(real, 1) + bce(fake_logits, 1) + extras,
                  "fake target -1": bce(real, 1) + bce(fake_logits, -1) + extras,
                  "fake term subtracted": bce(real, 1) - bce(fake_logits, 0) + extras,
                  "swapped": bce(real, 0) + bce(fake_logits, 1) + extras,
                  "real only": bce(real, 1) + extras, "fake only": bce(fake_logits, 0) + extras,
                  "sigmoid twice": bce(torch.sigmoid(real), 1) + bce(torch.sigmoid(fake_logits), 0) + extras}
        adversarial = bce(real, 1) + bce(fake_logits, 0)
        if conditional and not torch.equal(y_fake, y):
            losses["real labels on fakes"] = bce(real, 1) + bce(D(fake, y), 0) + extras
        if r1:
            others = adversarial + classes(cw)
            losses.update({"R1 missing": others, "gamma not halved": others + r1 * squares.mean(),
                           "R1 on fakes": others + r1_term(r1, fake_slope.pow(2).flatten(1).sum(1).mean()),
                           "R1 of the mean": others + r1_term(r1, squares.mean() / len(x) ** 2),
                           "R1 not squared": others + r1_term(r1, squares.sqrt().mean()),
                           "R1 summed": others + r1_term(r1, squares.sum()),
                           "R1 weighted again": others + 4 * r1_term(r1),
                           "R1 averaged over pixels": others + r1_term(r1, squares.mean() / slope[0].numel()),
                           "R1 subtracted": others - r1_term(r1),
                           "R1 of probabilities": others + r1_term(r1, probability_slope.pow(2).flatten(1).sum(1).mean())})
        for gamma in r1_tried:
            if gamma != r1 and gamma:  # gamma 0 is the mistake "R1 missing"
                losses[f"r1_gamma {gamma:g}"] = adversarial + r1_term(gamma) + classes(cw)
        losses["G's loss in D's update"] = losses["right"] + bce(fake_logits, 1)
        if r1 or (cw and conditional):  # beside R1 or a class loss a flipped real/fake part is no multiple of the right
            losses["real/fake part flipped"] = -adversarial + extras
        if cw:
            losses["no class loss in D"] = adversarial + r1_term(r1)
            losses["class loss on fakes"] = adversarial + r1_term(r1) + classes(cw, with_fakes=True)
            losses["class loss on fakes, averaged"] = adversarial + r1_term(r1) + classes(cw, with_fakes=True) / 2
            if conditional:
                losses["class loss on fakes only"] = adversarial + r1_term(r1) + cw * F.cross_entropy(fake_classes, y_fake)
            if conditional:
                losses["class loss without log-softmax"] = adversarial + r1_term(r1) + cw * F.nll_loss(real_classes, y)
                losses["class loss as one-hot BCE"] = adversarial + r1_term(r1) + cw * F.binary_cross_entropy_with_logits(
                    real_classes, F.one_hot(y, real_classes.shape[1]).float())
                losses["softmax before the class loss"] = (adversarial + r1_term(r1)
                                                           + cw * F.cross_entropy(F.softmax(real_classes, 1), y))
                losses["class target D's own guess"] = (adversarial + r1_term(r1)
                                                        + cw * F.cross_entropy(real_classes, real_classes.argmax(1)))
        for weight in cw_tried:
            if weight != cw and weight and conditional:  # weight 0 is the mistake "no class loss in D"
                losses[f"class_weight {weight:g}"] = adversarial + r1_term(r1) + classes(weight)
        gradients = _Gradients(losses, D)
        values = {"adversarial": adversarial.item(), "total": losses["right"].item(),
                  "d_real": torch.sigmoid(real).mean().item(), "d_fake": torch.sigmoid(fake_logits).mean().item(),
                  "mean real logit": real.mean().item(), "mean fake logit": fake_logits.mean().item()}
        return gradients, values

    def g_candidates(self, g_state, d_state, d_before, z, y_g, cw: float, cw_tried, leak_fake) -> dict:
        """Name -> gradient of G's loss for the right loss and each classic mistake, at G's ``g_state`` against D's
        ``d_state`` (``d_before``: D's weights before its update, for the stale-D mistake)."""
        G = self._at(self.G, g_state)
        D = self._at(self.D, d_state)
        fake = G(z, y_g)
        conditional = y_g is not None
        logits, classes = D(fake, y_g, classify=True) if conditional else (D(fake, y_g), None)

        def naming(weight):
            return weight * F.cross_entropy(classes, y_g) if weight and conditional else 0.0

        losses = {"right": bce(logits, 1) + naming(cw), "saturating": -bce(logits, 0) + naming(cw),
                  "target zero": bce(logits, 0) + naming(cw)}
        if cw and conditional:
            losses["real/fake part flipped"] = -bce(logits, 1) + naming(cw)
        if cw:
            losses["no class loss in G"] = bce(logits, 1)
            losses["class loss subtracted in G"] = bce(logits, 1) - naming(cw)
            if conditional:
                losses["class loss without log-softmax"] = bce(logits, 1) + cw * F.nll_loss(classes, y_g)
                losses["class loss as one-hot BCE"] = bce(logits, 1) + cw * F.binary_cross_entropy_with_logits(
                    classes, F.one_hot(y_g, classes.shape[1]).float())
                losses["softmax before the class loss"] = bce(logits, 1) + cw * F.cross_entropy(F.softmax(classes, 1), y_g)
                losses["class target D's own guess"] = bce(logits, 1) + cw * F.cross_entropy(classes, classes.argmax(1))
        for weight in cw_tried:
            if weight != cw and weight and conditional:
                losses[f"class_weight {weight:g}"] = bce(logits, 1) + naming(weight)
        # The stale D (its weights before its own update), and D's loss leaking into G through undetached fakes.
        stale = self._at(copy.deepcopy(self.D), d_before)
        first_z, first_y = leak_fake
        losses["stale D"] = lambda: bce(stale(G(z, y_g), y_g), 1) + naming(cw)
        losses["leak"] = lambda: bce(stale(G(first_z, first_y), first_y), 0)
        gradients = _Gradients(losses, G)
        with torch.no_grad():  # what D says after its update: the PyTorch tutorial reports these too
            after = {"d_real after": torch.sigmoid(D(self.x, self.y)).mean().item(),
                     "d_fake after": torch.sigmoid(logits).mean().item(),
                     "first fakes after": torch.sigmoid(D(G(first_z, first_y), first_y)).mean().item()}
        values = {"adversarial": bce(logits, 1).item(), "total": losses["right"].item(), **after}
        return gradients, values


D_MISTAKES = {
    "zero": "D's gradients are all zero when opt_d.step() runs: zero_grad() goes before backward(), not between "
            "backward() and step() (or backward() was never called on D's loss).",
    "stale": "D's update carries gradients left in D from before it: they are not zeroed at the start of D's update, "
             "so the previous step's (or G's backward through an unfrozen D) pile up. Call opt_d.zero_grad() (or "
             "D.zero_grad()) at the start of D's update, and freeze D during G's update.",
    "real/fake part flipped": "the sign of D's real/fake loss is flipped (what is added to it is right): opt_d.step() "
                              "goes downhill, so that part must fall as D gets real and fake right, "
                              "discriminator_loss(real_logits, fake_logits), added, not subtracted.",
    "sign": "the sign of D's loss is flipped: opt_d.step() goes downhill, so D's loss must fall as D gets real and "
            "fake right, BCE(D(x), 1) + BCE(D(fake), 0).",
    "label smoothing": "the real target is 0.9 (one-sided label smoothing, Salimans et al. 2016): a known trick, but "
                       "this exercise's D loss uses 1 for real images; use torch.ones_like(real_logits).",
    "fakes called real": "the fakes' term in D's loss has the target 1 ('real'): D must call fakes 0, "
                         "BCE(D(fake), 0) = -log(1 - D(G(z))) (= -F.logsigmoid(-fake_logits)).",
    "fake target -1": "the fakes' target in D's loss is -1: with the cross-entropy the targets are probabilities, 1 for "
                      "real and 0 for fake (-1 and 1 belong to the hinge and least-squares losses).",
    "fake term subtracted": "the fakes' term is subtracted from D's loss: both terms are costs D pays, so add them, "
                            "BCE(D(x), 1) + BCE(D(fake), 0).",
    "R1 of probabilities": "the R1 gradient was taken of D's probabilities, sigmoid(real_logits); R1 takes it of the "
                           "logits themselves, torch.autograd.grad(real_logits.sum(), x, create_graph=True).",
    "R1 subtracted": "the R1 term is subtracted: it is a penalty D pays for a steep slope at the real images, so add "
                     "it, + r1_gamma / 2 * penalty.",
    "real labels shuffled": "D judges the real images with other labels than theirs: D(x, y), each image with its "
                            "own label.",
    "R1 averaged over pixels": "the R1 penalty averages the squared gradient over each image's pixels; it sums them: "
                               "grad.pow(2).flatten(1).sum(1), then the mean over the batch.",
    "swapped": "real and fake are swapped in D's loss: D should call real images 1 and fakes 0.",
    "real only": "only the real half of D's loss gives D a gradient: either the fakes' term is missing (add "
                 "BCE(D(fake.detach()), 0)), or D's fake logits are detached, D(fake).detach(), which cuts D out of that "
                 "term: detach the fakes before D, D(fake.detach(), y), never D's output.",
    "fake only": "only the fake half is in D's loss: add the real images' term, BCE(D(x), 1).",
    "sigmoid twice": "sigmoid is applied before a with-logits loss: D gives logits, and BCE-with-logits applies the "
                     "sigmoid itself (use the logits, or F.binary_cross_entropy on the probabilities).",
    "real labels on fakes": "D judges the fakes with other labels than they were made for: give D the labels you "
                            "gave G.",
    "R1 missing": "D's loss has no R1 penalty: when r1_gamma is not 0, add r1_gamma / 2 times the batch mean of "
                  "|d logit / d x|^2 at the real images, the gradient taken with torch.autograd.grad(real_logits.sum(), "
                  "x, create_graph=True) so that D's weights get the penalty's gradient.",
    "gamma not halved": "the R1 term is r1_gamma times the penalty; it should be r1_gamma / 2 times it (the gamma / 2 "
                        "convention of Mescheder et al., which the course's gamma values assume).",
    "R1 on fakes": "the R1 penalty is taken at the fakes: R1 keeps D's slope gentle at the real images, so take the "
                   "gradient with respect to the real batch x.",
    "R1 of the mean": "the R1 gradient was taken of real_logits.mean(), which divides each image's gradient by the "
                      "batch size: take it of real_logits.sum() (each image's logit depends on its own image only).",
    "R1 not squared": "the R1 penalty uses the gradient's norm; it is the norm's square: grad.pow(2) summed over each "
                      "image's pixels, then the mean over the batch.",
    "R1 summed": "the R1 penalty is summed over the batch: take the mean over the images, so its strength does not "
                 "depend on the batch size.",
    "no class loss in D": "D's loss has no class loss: with class_weight not 0, ask D for its class logits too, "
                          "D(x, y, classify=True) -> (logits, class_logits), and add class_weight * "
                          "class_loss(class_logits, y) for the real images.",
    "G's loss in D's update": "D's update also carries the gradient of G's loss: G's backward() ran before "
                              "opt_d.step() and reached D's weights. Finish D's update (backward, opt_d.step()) before "
                              "G's backward, and freeze D during G's update, D.requires_grad_(False), then True again.",
    "class loss as one-hot BCE": "D's class loss is BCE against one-hot labels, ten yes/no questions; the class "
                                 "loss is one ten-way question: F.cross_entropy(class_logits, y) (or class_loss).",
    "class loss without log-softmax": "the class loss is F.nll_loss on raw class logits, which has no log-softmax "
                                      "in it: use F.cross_entropy (or class_loss), which applies the log-softmax "
                                      "itself.",
    "softmax before the class loss": "softmax is applied before the class loss: F.cross_entropy (and class_loss) "
                                     "take the raw class logits and apply the log-softmax themselves; leave out the "
                                     "softmax.",
    "class target D's own guess": "D's class loss is taken against D's own guess (the argmax of its class logits), "
                                  "which only makes D surer of whatever it already says: the target is the real "
                                  "images' labels, class_loss(class_logits, y).",
    "class loss on fakes only": "D's class loss is taken on the fakes instead of the real images: D must learn to name "
                                "real images, class_loss(D(x, y, classify=True)[1], y), so that G has a classifier "
                                "worth fooling; the fakes' classes belong in G's update.",
    "R1 weighted again": "the R1 term is 4 times too strong: the loop already passes r1_gamma multiplied by r1_every "
                         "(4) on the steps that take it, so weigh the penalty by r1_gamma / 2 only.",
    "class loss on fakes": "D's class loss includes the fakes (as the AC-GAN paper's does): this course trains D's "
                           "classifier on real images only, so a poor early G cannot teach it wrong classes. Keep "
                           "the fakes out of D's class loss.",
    "class loss on fakes, averaged": "D's class loss includes the fakes (as the AC-GAN paper's does): this course trains D's "
                           "classifier on real images only, so a poor early G cannot teach it wrong classes. Keep "
                           "the fakes out of D's class loss.",
}
G_MISTAKES = {
    "softmax before the class loss": "softmax is applied before G's class loss: F.cross_entropy (and class_loss) take "
                                     "the raw class logits and apply the log-softmax themselves; leave out the softmax.",
    "class loss as one-hot BCE": "G's class loss is BCE against one-hot labels, ten yes/no questions; the class "
                                 "loss is one ten-way question: F.cross_entropy(class_logits, y) (or class_loss).",
    "class loss without log-softmax": "G's class loss is F.nll_loss on raw class logits, which has no log-softmax in "
                                      "it: use F.cross_entropy (or class_loss), which applies the log-softmax itself.",
    "class loss subtracted in G": "G's class loss is subtracted: G is rewarded when D names the class it was asked "
                                  "for, so add class_weight * class_loss(class_logits, y) to G's loss.",
    "class target D's own guess": "G's class loss is taken against D's own guess (the argmax of its class logits), "
                                  "which rewards G for whatever class D already sees in the fakes: the target is "
                                  "the labels G was asked for (the y the fakes were made from), "
                                  "class_loss(class_logits, y).",
    "zero": "no gradient reached G at opt_g.step(): G's loss must go through the fakes with their gradient (not "
            "D(fake.detach())), and zero_grad() goes before backward(), not between backward() and step().",
    "stale": "G's gradients are never zeroed before its backward, so they pile up from step to step: call "
             "opt_g.zero_grad() (or G.zero_grad()) before G's backward.",
    "leak": "G's update also carries the gradient of D's loss: detach the fakes in D's update (D(fake.detach())), or "
            "zero G's gradients just before G's backward.",
    "real/fake part flipped": "the sign of G's real/fake loss is flipped (its class term is right): G wants D to say "
                              "'real', so that part is generator_loss(D's logits for the fakes), added, not "
                              "subtracted.",
    "sign": "the sign of G's loss is flipped: your loss grows when D(G(z)) grows, but G wants D to say 'real'.",
    "saturating": "G's loss is the saturating one, log(1 - D(G(z))): where D rejects the fakes its gradient is "
                  "almost nothing. Use the non-saturating -log D(G(z)), i.e. BCE(D(fake), 1).",
    "target zero": "G's loss uses the target 0 ('fake'), which teaches G to make D say 'fake': G wants D to say "
                   "'real', so the target is 1, BCE(D(fake), 1).",
    "no class loss in G": "D's update is right; G's has no class loss that reaches G: add class_weight * class_loss "
                          "of D's class logits for the fakes themselves (not fake.detach()), D(fake, y, "
                          "classify=True), against the labels G was asked for.",
    "stale D": "G's loss uses D's output from before opt_d.step(): compute D(fake) again after D's update, so G "
               "learns against the D it now faces.",
}


def _tried(value: float) -> tuple:
    """The values of a setting the check tries: the exercise's, 0 and half of it (a step must honour each)."""
    return (value, 0.0, value / 2) if value else (0.0,)


def _match(g: torch.Tensor, candidates: dict, stale: Optional[torch.Tensor] = None):
    """``("right", scale)``, ``(mistake, scale)``, ``("sign", scale)``, ``("stale", scale)``, ``("zero", 0)`` or
    ``(None, None)`` for the student's gradient ``g`` against the candidates' gradients."""
    right = candidates["right"]
    if g.abs().max() == 0 and right.abs().max() > 0:
        return "zero", 0.0
    (c,), residual = _fit(g, right)
    if residual < RIGHT and c > 0:
        return "right", c
    flipped = (residual, "sign", -c) if c < 0 else None
    if stale is not None and stale.abs().max() > 0:
        (c, s), residual = _fit(g, right, stale)
        if residual < RIGHT and c > 0 and s > 0.5:
            return "stale", c
    fits = []
    for name in candidates.names():
        if name == "right" or name == "leak":
            continue
        (c,), residual = _fit(g, candidates[name])
        fits.append((residual, name, c))
    if "leak" in candidates.names():
        (c, s), residual = _fit(g, right, candidates["leak"])
        if c > 0 and s > 1e-3:  # D's loss leaking into G adds its gradient: a positive share of it
            fits.append((residual, "leak", c))
    if flipped is not None:
        fits.append(flipped)
    residual, name, c = min((fit for fit in fits if fit[2] > 0), default=(1.0, None, None))
    return (name, c) if residual < CLOSE else (None, None)


def _extra_weight(name: str, r1: float, cw: float, batch: int, pixels: int) -> Optional[float]:
    """How many times its right weight the R1 term or the class loss has in the mistake ``name`` (None when the
    mistake is of another kind)."""
    fixed = {"gamma not halved": 2.0, "R1 weighted again": 4.0, "R1 averaged over pixels": 1 / pixels,
             "R1 summed": float(batch), "R1 of the mean": 1 / batch ** 2}
    if name in fixed:
        return fixed[name]
    for kind, value in (("r1_gamma", r1), ("class_weight", cw)):
        if name.startswith(kind + " ") and value:
            return float(name.split()[-1]) / value
    return None


def _scaled_beside(name: str, scale: float, r1: float, cw: float, x: torch.Tensor, net: str) -> Optional[str]:
    """The other reading of an R1 or class-weight mistake: "real/fake loss times k, plus the extra term" is the same
    update as "real/fake loss plus the extra term over k", up to the scale Adam ignores; the scale found tells them
    apart (it is k when the extra term is right). The sentence for the scaled real/fake loss, or None."""
    weight = _extra_weight(name, r1, cw, len(x), x[0].numel())
    if weight is None or abs(weight - 1) < 1e-3 or abs(scale * weight - 1) > 0.02:
        return None
    term = "class loss" if name.startswith("class_weight") else "R1 term"
    how = (f" (as a sum over the batch of {len(x)} gives, BCE's reduction='sum', where the course takes the mean)"
           if abs(scale - len(x)) < 0.02 * len(x) else
           " (as the mean of its two halves, (real + fake) / 2, or a whole loss divided by 2 gives)"
           if net == "D" and abs(scale - 0.5) < 0.01 else "")
    right = "BCE(D(x), 1) + BCE(D(fake), 0), each half a batch mean" if net == "D" else "BCE(D(fake), 1), a batch mean"
    def times(k):
        return f"{k:.3g} times" if k > 1 else f"1/{1 / k:.3g} of"
    return (f"your {term} is right, but {net}'s real/fake loss is {times(scale)} the course's{how}, so beside it the "
            f"{term} weighs {times(weight)} what it should (under Adam a loss's scale alone changes nothing, the "
            f"balance of its parts does): write {net}'s real/fake part as the course does, {right}.")


def _setting_message(name: str, value: float, kind: str) -> Optional[str]:
    if name.startswith(kind + " "):
        return (f"with {kind} = {value:g} your step behaves as if it were {name.split()[-1]}: use the {kind} the loop "
                f"passes (it may be 0 on some steps and not on others).")
    return None


def _number_problem(key: str, value, candidates: dict) -> Optional[str]:
    """What is wrong with a returned number, or None when it is one of its right values."""
    if not isinstance(value, torch.Tensor):
        return (f"'{key}' is a {type(value).__name__}; return one number, best as a tensor (loss_d.detach()): the loop "
                "reads it as a number.")
    if value.numel() != 1:
        return f"'{key}' has shape {tuple(value.shape)}: return one number, e.g. a mean over the batch."
    if isinstance(value, nn.Parameter):
        return (f"'{key}' is an nn.Parameter, a weight the optimiser could train: return a plain detached tensor, "
                f"{key}.detach().")
    if value.requires_grad:
        return (f"'{key}' still carries its graph: return it detached, {key}.detach(). A tensor with its graph keeps "
                "the whole step's graph in memory until the loop reads it.")
    number = value.detach().float().item()
    right = [c for c in candidates["right"] if c is not None]
    close = lambda c: abs(number - c) <= 2e-5 * max(1.0, abs(c))  # float noise only: sigmoid(mean) is not it
    if any(close(c) for c in right):
        return None
    if any(close(c) for c in candidates.get("with extras", [])):
        return (f"'{key}' includes the {candidates['extras']}: report {'D' if key == 'loss_d' else 'G'}'s loss without "
                "it, as the course's step does, so the curve compares with the plain GAN's (2 ln 2 and ln 2 at "
                "indifference); the term belongs in the loss you call backward() on.")
    if key in ("d_real", "d_fake") and close(torch.sigmoid(torch.tensor(candidates.get("logit", float("nan")))).item()):
        return (f"'{key}' is the sigmoid of the mean logit; it should be the mean of the sigmoids, "
                f"torch.sigmoid({'real' if key == 'd_real' else 'fake'}_logits).mean(): sigmoid is not linear, so the "
                "two differ.")
    if key in ("loss_d", "loss_g") and any(abs(number - c * BATCH) <= 1e-3 * abs(c * BATCH) for c in right):
        return (f"'{key}' is a sum over the batch (reduction='sum'): take the mean, so the loss and the learning rate "
                "do not depend on the batch size.")
    if key in ("d_real", "d_fake") and abs(number - candidates.get("logit", float("nan"))) < 1e-3:
        return (f"'{key}' is the mean logit; it should be the mean probability D gives, "
                f"torch.sigmoid({'real' if key == 'd_real' else 'fake'}_logits).mean().")
    if key in ("d_real", "d_fake") and any(close(c) for c in candidates.get("other", []) if c is not None):
        return ("'d_real' and 'd_fake' are swapped: 'd_real' is the mean of sigmoid(D(x)) on the real batch, 'd_fake' "
                "the same on the fakes.")
    meaning = {"loss_d": "D's loss", "loss_g": "G's loss", "d_real": "the mean of sigmoid(D(x)) on the real batch",
               "d_fake": "the mean of sigmoid(D(fake)) on the fakes"}[key]
    return f"'{key}' is {number:.6f}, but {meaning} is {right[0]:.6f} for this batch: return {meaning} there."


def _one_call(step, G, D, opt_g, opt_d, record, x, y, options, r1):
    """Run the student's step once; its result, or a StudentError that says what its error means."""
    def context():
        words = [record.phase]
        if record.phase == "D" and not all(p.requires_grad for p in D.parameters()):
            words.append("D-frozen")
        if "r1_gamma" in options and not r1:
            words.append("r1-off")
        return " ".join(words)

    real_grad = torch.autograd.grad
    torch.autograd.grad = record.grad(real_grad)
    try:
        return run_student(step, G, D, opt_g, opt_d, x, None if y is None else y.clone(), context=context, **options)
    except StudentError as error:  # the grad call may sit in a helper of another cell, beyond the lines the error shows
        if "a second time" in str(error.error) and error.message != NO_CREATE_GRAPH and any(
                not call["create_graph"] and not call["course"] for call in record.grad_calls):
            raise StudentError(NO_CREATE_GRAPH, error.error) from None
        raise
    finally:
        torch.autograd.grad = real_grad


def _scenario(step, conditional: bool, r1: float, cw: float, names: set, r1_tried, cw_tried, notes: set):
    """Two calls of the student's step with these settings: None when both are right, else what is wrong."""
    exercise = {"r1": "r1_gamma" in names, "cw": "class_weight" in names}
    G, D, x, y = _setup(conditional, images=exercise["r1"])
    reference = _Reference(G, D, x, y)
    record = _Record(G, D)
    opt_g, opt_d = (_Watched(torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.5, 0.999)), name, record)
                    for net, name in ((G, "G"), (D, "D")))
    options = {k: v for k, v in (("r1_gamma", r1), ("class_weight", cw)) if k in names}
    previous_z = None
    for call in range(2):
        stale_d, stale_g = _grads(D), _grads(G)
        d_before = copy.deepcopy(D.state_dict())
        torch.manual_seed(1 + call)
        record.start()
        batch = x.clone()
        result = _one_call(step, G, D, opt_g, opt_d, record, batch, y, options, r1)
        if not torch.equal(batch.detach(), x):
            return ("your step changes the batch x in place (x.mul_(), x -= ..., x[...] = ...): the loop's images "
                    "are already in [-1, 1], and the caller's tensor must stay as it was. Leave x as it comes, or "
                    "work on a new tensor.")
        problem = _judge_call(result, record, reference, conditional, r1, cw, r1_tried, cw_tried, stale_d, stale_g,
                              d_before, notes, exercise)
        if problem:
            return problem
        z = record.g_calls[0]["z"]
        if previous_z is not None and torch.equal(z, previous_z):
            return ("the noise is the same at every step (a generator re-seeded each call?): draw fresh noise each "
                    "step, z = torch.randn(len(x), G.latent_dim), so G learns to map the whole noise space.")
        previous_z = z
    return None


def _judge_call(result, record, reference, conditional, r1, cw, r1_tried, cw_tried, stale_d, stale_g, d_before,
                notes, exercise):
    """What is wrong with one call of the student's step (None when nothing is)."""
    if result is None:
        return ("your step returns nothing: end it with return {'loss_d': ..., 'loss_g': ..., 'd_real': ..., "
                "'d_fake': ...} (the curves and the health checks read them).")
    if not isinstance(result, dict):
        return (f"your step returns a {type(result).__name__}; return a dict: {{'loss_d': ..., 'loss_g': ..., "
                "'d_real': ..., 'd_fake': ...}, so the loop knows which number is which.")
    missing = [k for k in KEYS if k not in result]
    if missing:
        return (f"the dict your step returns has no {', '.join(repr(k) for k in missing)}: it needs 'loss_d' and "
                "'loss_g' (the losses) and 'd_real' and 'd_fake' (the mean of sigmoid(D's logits) on real and on fake "
                "images), as tensors.")
    steps = [e for e in record.events if e.startswith("step")]
    for name in ("D", "G"):
        if f"step {name}" not in steps:
            return (f"{name}'s optimiser never steps: call opt_{name.lower()}.step() after {name}'s backward().")
        if steps.count(f"step {name}") > 1:
            return f"opt_{name.lower()}.step() runs {steps.count(f'step {name}')} times in one step: once per step."
    if steps.index("step G") < steps.index("step D") and record.steps["G"]["grads"].abs().max() == 0:
        return ("the optimisers are swapped: opt_d updates D's weights and opt_g G's, so call opt_d.step() after D's "
                "backward and opt_g.step() after G's.")
    if steps.index("step G") < steps.index("step D"):
        return ("G is updated before D: update D first on the current fakes, then G against the updated D (the "
                "order of the course's algorithm and of the DCGAN paper).")
    d_fakes = [c for c in record.g_calls if c["phase"] == "D"] or record.g_calls[:1]
    if not record.g_calls:
        return "your step never calls G: make the fakes with G(z, y) from noise z = torch.randn(len(x), G.latent_dim)."
    first = d_fakes[0]
    judged_in_eval = [call["phase"] for call in record.d_calls if call["grad"] and not call["training"]]
    if judged_in_eval:
        update = "G's update" if judged_in_eval[0] == "G" else "D's update"
        return (f"D is in evaluation mode in {update} (D.eval()): its batch norm then uses running statistics, not "
                "the batch's statistics D is trained with, so the gradient is another D's. Keep D in train mode; to "
                "keep G's update from changing D, freeze its weights, D.requires_grad_(False), then True again.")
    if not all(call["training"] for call in record.g_calls):
        return ("G is in evaluation mode during the step (G.eval()), so its batch norm uses running statistics "
                "instead of the batch's: call G.train() before training (eval() is for sampling).")
    drawn = []  # every noise batch of the step, each once (G's update may reuse D's)
    for call in record.g_calls:
        if call["z"].is_floating_point() and not any(torch.equal(call["z"], seen) for seen in drawn):
            drawn.append(call["z"])
    z = torch.cat([noise.float().flatten() for noise in drawn]) if drawn else first["z"].float().flatten()
    # N(0, 1): mean near 0 and spread near 1 (four standard errors of slack for a right answer), and values past
    # 1.5 among a hundred or more (uniform noise on [-1, 1], or random signs, have none)
    slack = 4 / math.sqrt(max(len(z), 1))
    if z.min() >= 0 or abs(z.mean().item()) > slack + 0.05 or not 1 - slack < z.std().item() < 1 + slack or \
            (len(z) >= 100 and z.abs().max().item() < 1.5):
        return ("the noise is not drawn from N(0, I): the course samples z with torch.randn (ganlib.sampling), so G "
                "must train on the same noise, z = torch.randn(len(x), G.latent_dim) (torch.rand is uniform on [0, 1), "
                f"uniform_(-1, 1) never leaves [-1, 1]). Yours: mean {z.mean().item():.2f}, spread {z.std().item():.2f}, "
                f"largest |z| {z.abs().max().item():.2f}; N(0, I)'s: 0, 1, and a value past 2 in about 1 in 20.")
    if conditional and first["y"] is None:
        return "G is called without the labels: G(z, y), so the fakes are of the classes asked for (label)."
    # D's update
    d = record.steps["D"]
    gradients, d_values = reference.d_candidates(d["D"], first["out"], first["y"], r1, cw, r1_tried, cw_tried)
    found, scale = _match(d["grads"], gradients, stale_d)
    if found == "R1 missing" and any(not c["create_graph"] for c in record.grad_calls):
        return ("the R1 gradient was taken without create_graph=True, so the penalty has no gradient with respect to "
                "D's weights and changes nothing: torch.autograd.grad(real_logits.sum(), x, create_graph=True).")
    if found in ("R1 of the mean", "R1 missing") and any(
            abs(c["output"].item() - d_values["mean real logit"]) < 1e-5 for c in record.grad_calls
            if c["output"].numel() == 1 and not c["course"]):
        found = "R1 of the mean"
    if found == "R1 missing" and any(c["create_graph"] for c in record.grad_calls):
        return ("the R1 penalty was computed but does not reach D's weights: it was turned into a number (.item(), "
                "float()), detached, or added to G's loss instead. Keep it a tensor in D's loss.")
    d_zeros = [e for e in record.events[:record.events.index("step D")] if e == "zero D"]
    if found in ("real only", "fake only") and len(d_zeros) > 1:
        return ("opt_d.zero_grad() is called again between D's two backward calls, so it wipes the first half's "
                "gradient: zero once, at the start of D's update, then backward both halves, then step.")
    if found is not None and found != "right":
        return (_scaled_beside(found, scale, r1, cw, reference.x, "D")
                or _setting_message(found, r1, "r1_gamma") or _setting_message(found, cw, "class_weight")
                or D_MISTAKES[found])
    if found is None and record.judged_with_other_labels(first["out"], first["y"], "D"):
        return D_MISTAKES["real labels on fakes"]
    if found is None and record.judged_with_other_labels(reference.x, reference.y, "D"):
        return D_MISTAKES["real labels shuffled"]
    if found is None:
        return ("D's update does not descend D's loss, BCE(D(x), 1) + BCE(D(fake.detach()), 0)"
                + (" with the labels, D(x, y) and D(fake.detach(), y)" if conditional else "")
                + (", plus r1_gamma / 2 times the R1 penalty: the squared norm of the gradient of D's logits with "
                   "respect to the real images x (not D's weights, not interpolates as in WGAN-GP's penalty), "
                   "summed over each image's pixels, averaged over the batch, taken with torch.autograd.grad(real_logits.sum(), "
                   "x, create_graph=True) (x.grad after a backward() is a constant to D's weights)" if exercise["r1"] else "")
                + (", plus class_weight times the class loss (softmax cross-entropy, F.cross_entropy) of D's class "
                   "logits for the real images; class_weight multiplies the class loss only" if exercise["cw"] else "")
                + ": compare your D's loss with it term by term.")
    d_scale = scale
    if conditional and first["y"] is not None and not torch.equal(first["y"], reference.y):
        notes.add("you drew other labels for the fakes than the real batch's, which trains a cGAN too (many codes do); "
                  "the notebook's G(z, y) with the real batch's labels keeps the classes of D's two halves equal")
    if abs(scale - 1) > 1e-3:
        notes.add(f"your D's loss is scaled by {scale:.3g} (the same update under Adam)")
    # G's update
    g = record.steps["G"]
    used = [c for c in record.g_calls[:g["g_calls"]] if c["grad"]]
    if not used:
        return ("no gradient can reach G: its fakes for G's update were made under torch.no_grad(); make them (or "
                "make them again) with gradients on, fake = G(z, y).")
    last = used[-1]
    if not torch.equal(last["z"], first["z"]):
        notes.add("you drew fresh noise for G's update, as Goodfellow et al.'s Algorithm 1 does")
    gradients, g_values = reference.g_candidates(g["G"], g["D"], d_before, last["z"], last["y"], cw, cw_tried,
                                                 (first["z"], first["y"]))
    found, scale = _match(g["grads"], gradients, stale_g)
    if found == "zero" and _grads(record.G).abs().max() > 0:
        return ("opt_g.step() runs before G's backward(): the step used no gradient, and the gradient that backward() "
                "left behind comes too late. Call loss_g.backward(), then opt_g.step().")
    if found is not None and found != "right":
        return (_scaled_beside(found, scale, 0.0, cw, reference.x, "G") or _setting_message(found, cw, "class_weight")
                or G_MISTAKES[found])
    if found is None and record.judged_with_other_labels(last["out"], last["y"], "G"):
        return ("in G's update D judges the fakes with other labels than they were made for: give D the labels you "
                "gave G, D(fake, y).")
    if found is None:
        return ("D's update is right, G's is not: G's loss is BCE(D(fake), 1) on the fakes, through the updated D"
                + (", with the labels the fakes were made for, D(fake, y)" if conditional else "")
                + (", plus class_weight times the class loss of D's class logits for the fakes" if cw else "") + ".")
    if abs(scale - 1) > 1e-3:
        notes.add(f"your G's loss is scaled by {scale:.3g}")
    # The numbers it returns
    extras = " and ".join(t for t, on in (("R1 penalty", r1), ("class loss", cw)) if on)
    expected = {"loss_d": {"right": [d_values["adversarial"], d_values["adversarial"] * d_scale],
                           "with extras": [d_values["total"], d_values["total"] * d_scale] if extras else [],
                           "extras": extras},
                "loss_g": {"right": [g_values["adversarial"]],
                           "with extras": [g_values["total"]] if cw else [], "extras": "class loss"},
                "d_real": {"right": [d_values["d_real"], g_values["d_real after"]], "logit": d_values["mean real logit"]},
                "d_fake": {"right": [d_values["d_fake"], g_values["d_fake after"], g_values["first fakes after"]],
                           "logit": d_values["mean fake logit"]}}
    for key, other in (("d_real", "d_fake"), ("d_fake", "d_real")):  # the other's right value: a copy-paste slip
        expected[key]["other"] = expected[other]["right"]
    for key in KEYS:
        value = result[key] if isinstance(result[key], torch.Tensor) else plain_value(result[key])
        if isinstance(value, (int, float)) and not isinstance(value, bool):  # the PyTorch tutorial's errD.item()
            notes.add("you return Python numbers (.item()), as the PyTorch DCGAN tutorial does: the loop takes them, "
                      "but on a GPU each .item() waits for the step to finish; returning loss_d.detach() lets the loop "
                      "read the numbers only every few steps")
            value = torch.tensor(float(value))
        problem = _number_problem(key, value, expected[key])
        if problem:
            return problem
    return None


def _signature_problem(step, names: set) -> Optional[str]:
    if not callable(step):
        return (f"check_train_step takes your step function itself, got a {type(step).__name__}: "
                "check_train_step(my_step), without parentheses after my_step.")
    try:
        parameters = inspect.signature(step).parameters
    except (TypeError, ValueError):
        return None
    values = list(parameters.values())
    positional = [p for p in values if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) < 6 and not any(p.kind is p.VAR_POSITIONAL for p in values):
        return ("your step must take six arguments, (G, D, opt_g, opt_d, x, y=None): the loop passes the labels y "
                "too (None for unconditional nets).")
    any_keyword = any(p.kind is p.VAR_KEYWORD for p in values)
    for name in sorted(names):
        if name not in parameters and not any_keyword:
            return (f"your step has no {name} parameter, and the loop will pass one: "
                    f"def my_step(G, D, opt_g, opt_d, x, y=None, {name}=0.0), and use it.")
    return None


def _device_problem(step, conditional: bool, names: set, r1: float, cw: float) -> Optional[str]:
    """A tensor the step makes on the CPU while the nets and the batch are elsewhere (noise without
    ``device=x.device``, targets from ``torch.ones(B)``): invisible on a CPU, an error on the GPU of Colab. The step
    runs once more with everything on PyTorch's ``meta`` device, which keeps shapes and no numbers; only an error
    that names the CPU and meta devices counts (anything else that meta cannot run proves nothing)."""
    G, D, x, y = _setup(conditional, images="r1_gamma" in names)
    G, D, x = G.to("meta"), D.to("meta"), x.to("meta")
    y = None if y is None else y.to("meta")
    opt_g, opt_d = (torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.5, 0.999)) for net in (G, D))
    options = {k: v for k, v in (("r1_gamma", r1), ("class_weight", cw)) if k in names}
    error = made_on_the_cpu(step, G, D, opt_g, opt_d, x, y, **options)
    if error is None:
        return None
    return numpy_on_a_gpu(error) or (
        "your step makes a tensor on the CPU while the nets and the batch may be on a GPU (in Colab they are): there it "
        f"stops with 'Expected all tensors to be on the same device'{student_line(error)}. Make new tensors where the "
        "batch is: torch.randn(len(x), G.latent_dim, device=x.device), torch.ones_like(logits) or torch.ones(len(x), "
        "device=x.device).")


def _first_problem(step, scenarios, conditional, names, r1_tried, cw_tried, notes) -> Optional[str]:
    for r1, cw in scenarios:
        problem = _scenario(step, conditional, r1, cw, names, r1_tried + (1.0, 4.0, 10.0), cw_tried + (1.0,), notes)
        if problem:
            settings = ", ".join(f"{k} = {v:g}" for k, v in (("r1_gamma", r1), ("class_weight", cw)) if k in names)
            first_run = (r1, cw) == scenarios[0] or not settings or problem.startswith("with ")
            zeroed = next((k for k, v in (("r1_gamma", r1), ("class_weight", cw)) if k in names and v == 0), None)
            if not first_run and zeroed and "all zero" not in problem and (r1, cw) != scenarios[0] and zeroed == "class_weight":
                return (f"with class_weight = 0 your step is not the plain GAN's: class_weight must weigh the class loss "
                        f"alone, loss + class_weight * class_loss(...), so that at 0 the step is notebook 02's "
                        f"(what differs: {problem})")
            if not first_run and zeroed and "all zero" in problem:  # right for the weight given, silent at 0
                term = "R1 penalty" if zeroed == "r1_gamma" else "class loss"
                return (f"with {zeroed} = 0 your step's update has no gradient at all: {zeroed} multiplies the whole "
                        f"loss, not only the {term}. Weigh the {term} alone, e.g. loss_d + {zeroed} * ..., so that at 0 "
                        "the step is the plain GAN's.")
            return problem if first_run else f"with {settings}: {problem}"
    return None


@never_raises
def check_train_step(step: Callable, conditional: bool = False, r1_gamma: float = 0.0,
                     class_weight: float = 0.0) -> Verdict:
    """``step(G, D, opt_g, opt_d, x, y=None, ...) -> dict``: one D update, then one G update, judged by what it does
    (module docstring), on small nets: conditional ones, with labels, when ``conditional`` or ``class_weight``; with
    the R1 penalty when ``r1_gamma``; with the class loss when ``class_weight``. Every value the loop may pass is
    tried: ``r1_gamma`` and ``class_weight`` as given, 0, and half."""
    r1_gamma, class_weight = (plain_value(v) for v in (r1_gamma, class_weight))
    for name, value in (("r1_gamma", r1_gamma), ("class_weight", class_weight)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
            return verdict(False, f"check_train_step's {name} must be a number, 0 or more, got {value!r}: give the "
                                  "value the notebook trains with (as in its call of train).")
    names = {k for k, v in (("r1_gamma", r1_gamma), ("class_weight", class_weight)) if v}
    problem = _signature_problem(step, names)
    if problem:
        return verdict(False, problem)
    if not (type(conditional).__name__ in ("bool", "bool_") or type(conditional) is int and conditional in (0, 1)):
        return verdict(False, f"conditional must be True or False (does your step get labels?), got {conditional!r:.40}.")
    conditional = bool(conditional) or bool(class_weight)
    r1_tried, cw_tried = _tried(r1_gamma), _tried(class_weight)
    scenarios = [(r1_gamma, class_weight)] + [(r, class_weight) for r in r1_tried[1:]] + \
        [(r1_gamma, w) for w in cw_tried[1:]]
    notes, threads = set(), torch.get_num_threads()
    torch.set_num_threads(1)  # nets this small run fastest on one thread, and the check runs in a second
    try:
        problem = (_first_problem(step, scenarios, conditional, names, r1_tried, cw_tried, notes)
                   or _device_problem(step, conditional, names, r1_gamma, class_weight))
    finally:
        torch.set_num_threads(threads)
    if problem:
        return verdict(False, problem)
    extras = ((" with the labels passed to both nets" if conditional else "")
              + (", the R1 penalty on D (for r1_gamma 0 and not 0)" if r1_gamma else "")
              + (", the class loss in both updates (for class_weight 0 and not 0)" if class_weight else ""))
    return verdict(True, f"D's update descends D's loss on real images and detached fakes, then G's descends G's loss "
                         f"through the updated D{extras}; gradients start from zero each step"
                         + ("".join(f"; {n}" for n in sorted(notes))) + ".")
