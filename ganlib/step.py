"""One training step: one discriminator update, then one generator update. A plain function with one signature,

    train_step(G, D, opt_g, opt_d, x, y=None, class_weight=0.0, precision=FULL_PRECISION, r1_gamma=0.0,
               loss="non-saturating", gp_weight=0.0, critic_steps=1) -> dict

which the loop (``ganlib.loop.train``) calls for every batch of every variant, the notebooks show, and a student
can replace (``train(..., step=my_step)``). It reads no number from the device (no ``.item()``): it returns 0-d
tensors, so a GPU never waits for Python, and the whole step could be captured once and replayed.
"""
from __future__ import annotations

import contextlib
import inspect
from typing import Callable, Optional

import torch
from torch import nn

from .arguments import plain_value
from .gpu import FULL_PRECISION, Precision
from .losses import class_loss, gradient_penalty, objective, r1_penalty
from .machine import device_of
from .sampling import course_generator

# What a training step returns, by name: the loop logs them and the course's step check asks for them.
STEP_KEYS = ("loss_d", "loss_g", "d_real", "d_fake")


@contextlib.contextmanager
def frozen(net: nn.Module):
    """Switch off gradients of ``net``'s weights: the generator's update must not touch D's."""
    flags = [p.requires_grad for p in net.parameters()]
    net.requires_grad_(False)
    try:
        yield net
    finally:
        for p, flag in zip(net.parameters(), flags):
            p.requires_grad_(flag)


def _judge(D: nn.Module, x: torch.Tensor, y: Optional[torch.Tensor], class_weight: float):
    """D's logits, plus ``class_weight`` x its class loss on ``x`` when the class loss is on (else 0)."""
    if not class_weight:
        return D(x, y), 0.0
    logits, class_logits = D(x, y, classify=True)
    return logits, class_weight * class_loss(class_logits.float(), y)


def discriminator_step(D: nn.Module, opt_d: torch.optim.Optimizer, x: torch.Tensor, fake: torch.Tensor,
                       y: Optional[torch.Tensor] = None, class_weight: float = 0.0,
                       precision: Precision = FULL_PRECISION, r1_gamma: float = 0.0, loss: str = "non-saturating",
                       gp_weight: float = 0.0):
    """Teach D to tell real images from fakes by the objective ``loss`` (and, with the class loss, to name the
    class of real images; with ``r1_gamma``, to keep its slope at real images gentle; with ``gp_weight``, its
    slope between real and fake images near 1). ``fake`` is detached: G is not updated here.

    Returns D's loss and its mean output on real images and on fakes: probabilities for the non-saturating
    loss, raw scores for the hinge and Wasserstein losses."""
    rule = objective(loss)
    opt_d.zero_grad(set_to_none=True)
    x = x.detach().requires_grad_(True) if r1_gamma else x
    with precision.autocast():
        real_logits, naming = _judge(D, x, y, class_weight)
        fake_logits = D(fake.detach(), y)
        loss_d = rule.discriminator(real_logits.float(), fake_logits.float())
        slope = gp_weight * gradient_penalty(D, x, fake, y, precision.loss_scale(opt_d)) if gp_weight else 0.0
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x, precision.loss_scale(opt_d)) if r1_gamma else 0.0
    precision.backward_and_step(loss_d + naming + penalty + slope, opt_d)
    read = torch.sigmoid if rule.probabilities else (lambda logits: logits.float())
    return loss_d.detach(), read(real_logits).mean().detach(), read(fake_logits).mean().detach()


def generator_step(D: nn.Module, opt_g: torch.optim.Optimizer, fake: torch.Tensor,
                   y: Optional[torch.Tensor] = None, class_weight: float = 0.0,
                   precision: Precision = FULL_PRECISION, loss: str = "non-saturating") -> torch.Tensor:
    """Teach G to make D call its fakes real, by the objective ``loss`` (and, with the class loss, to see the
    class asked for in them). D is frozen, so its weights and gradients stay as they are."""
    opt_g.zero_grad(set_to_none=True)
    with frozen(D):
        with precision.autocast():
            fake_logits, naming = _judge(D, fake, y, class_weight)
            loss_g = objective(loss).generator(fake_logits.float())
        precision.backward_and_step(loss_g + naming, opt_g)
    return loss_g.detach()


def train_step(G: nn.Module, D: nn.Module, opt_g, opt_d, x: torch.Tensor, y: Optional[torch.Tensor] = None,
               class_weight: float = 0.0, precision: Precision = FULL_PRECISION, r1_gamma: float = 0.0,
               loss: str = "non-saturating", gp_weight: float = 0.0, critic_steps: int = 1) -> dict:
    """``critic_steps`` D updates then one G update on the batch ``x`` (labels ``y`` for conditional nets).

    With ``critic_steps`` above 1 (WGAN-GP trains its critic 5 times per generator update), ``x`` holds that many
    batches, one per D update (the loop hands over ``critic_steps * batch_size`` images); G's update uses the
    fakes of the last. Returns detached 0-d tensors, D's from its last update; reading them (``.item()``) waits
    for the GPU, so ``train`` reads them only every ``log_every`` steps.
    """
    course_generator(G, "train_step")
    if not isinstance(D, nn.Module) or not isinstance(x, torch.Tensor):
        raise ValueError(f"train_step takes the discriminator as a net and the batch of images as a tensor (N, C, H, "
                         f"W), got {type(D).__name__} and {type(x).__name__}")
    y = y if G.n_classes else None  # the fakes are asked for the same labels as the real batch
    class_weight = class_weight if G.n_classes else 0.0
    xs = torch.tensor_split(x, critic_steps)
    ys = torch.tensor_split(y, critic_steps) if y is not None else [None] * critic_steps
    for i, (x_i, y_i) in enumerate(zip(xs, ys)):
        last = i == critic_steps - 1
        z = torch.randn(len(x_i), G.latent_dim, device=x.device)
        with precision.autocast(), torch.set_grad_enabled(last and torch.is_grad_enabled()):
            fake = G(z, y_i)  # only the last fakes are kept in G's graph: they teach G
        loss_d, d_real, d_fake = discriminator_step(D, opt_d, x_i, fake, y_i, class_weight, precision, r1_gamma,
                                                    loss, gp_weight)
    loss_g = generator_step(D, opt_g, fake, y_i, class_weight, precision, loss)
    return {"loss_d": loss_d, "loss_g": loss_g, "d_real": d_real, "d_fake": d_fake}


def make_optimizers(G: nn.Module, D: nn.Module, config):
    """Adam for each net with ``config``'s learning rates and betas; the course's beta1 = 0.5 (Radford et al., 2015):
    less momentum keeps the two players from overshooting."""
    # On CUDA the fused Adam updates every weight in one kernel instead of several per tensor (the step
    # is bound by kernel launches there); on a CPU the plain loop is what the course's numbers used.
    fused = {"fused": True} if device_of(G).type == "cuda" else {}
    opt_g = torch.optim.Adam(G.parameters(), lr=config.lr_g, betas=config.betas, **fused)
    opt_d = torch.optim.Adam(D.parameters(), lr=config.lr_d, betas=config.betas, **fused)
    return opt_g, opt_d


# The course's extra arguments of a step, and the value each has when the setting is off.
EXTRAS = {"class_weight": 0.0, "precision": None, "r1_gamma": 0.0, "loss": "non-saturating", "gp_weight": 0.0,
          "critic_steps": 1}


def step_extras(step: Callable, config, where: str = "in the TrainConfig") -> set:
    """Which of the course's extra arguments (``EXTRAS``) ``step`` takes (a setting ``config`` lacks counts as off).
    A student's step may take only ``(G, D, opt_g, opt_d, x, y=None)``; a setting it cannot honour is refused here, before training, rather than
    silently ignored."""
    if not callable(step):
        raise TypeError(f"step must be a function called as step(G, D, opt_g, opt_d, x, y=None), got {type(step).__name__}")
    try:
        signature = inspect.signature(step)
    except (TypeError, ValueError):  # a built-in without a signature: it is called and speaks for itself
        return set()
    parameters = signature.parameters
    try:
        signature.bind(None, None, None, None, None, None)
    except TypeError:
        raise TypeError(f"your step {step_name(step)}{signature} cannot be called "
                        "as step(G, D, opt_g, opt_d, x, y): it must take those six (y is None for unconditional nets) "
                        "and return loss_d, loss_g, d_real and d_fake") from None
    any_keyword = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    takes = {name for name in EXTRAS if any_keyword or name in parameters}
    for name, off in EXTRAS.items():
        if off is not None and getattr(config, name, off) != off and name not in takes:
            setting = f"config.{name}" if where == "in the TrainConfig" else name
            raise TypeError(f"{setting} is {getattr(config, name)!r}, but your step {step_name(step)}() has no "
                            f"{name} parameter: give it one (and use it), or set {name}={off!r} {where}")
    return takes


def step_name(step: Callable) -> str:
    """What to call a student's step in a sentence: its function's name, also through functools.partial or an object."""
    return getattr(step, "__name__", None) or getattr(getattr(step, "func", None), "__name__", None) or type(step).__name__


def step_result(stats, step_fn: Callable) -> dict:
    """The four numbers a step returned, or a TypeError that says what it returned instead (a student's step that
    returns nothing, a tuple or other keys would fail later with a KeyError deep inside the loop)."""
    name = step_name(step_fn)
    if not isinstance(stats, dict):
        got = "nothing (None)" if stats is None else f"a {type(stats).__name__}"
        raise TypeError(f"your step {name}() returned {got}; it must return a dict of four numbers, {{'loss_d': ..., "
                        "'loss_g': ..., 'd_real': ..., 'd_fake': ...}: check it with check_train_step")
    missing = [k for k in STEP_KEYS if k not in stats]
    if missing:
        raise TypeError(f"the dict your step {name}() returned has no {', '.join(map(repr, missing))}: it needs "
                        "'loss_d', 'loss_g', 'd_real' and 'd_fake': check it with check_train_step")
    # NumPy's numbers are the numbers they hold; a tensor stays one (reading it would make a GPU wait every step)
    values = {k: stats[k] if isinstance(stats[k], torch.Tensor) else plain_value(stats[k]) for k in STEP_KEYS}
    for key, value in values.items():
        tensor = isinstance(value, torch.Tensor)
        if isinstance(value, bool) or not isinstance(value, (int, float, torch.Tensor)) or tensor and (
                value.numel() != 1 or value.dtype == torch.bool or value.is_complex()):
            raise TypeError(f"{key!r} from your step {name}() must be one real number (a 0-d tensor), got "
                            f"{type(value).__name__}{tuple(value.shape) if tensor else ''}"
                            f"{f' of {value.dtype}' if tensor else ''}")
    # a number that still carries its graph is read for its value only (and lets the graph go now)
    return {k: v.detach() if isinstance(v, torch.Tensor) else v for k, v in values.items()}
