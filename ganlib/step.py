"""One training step: one discriminator update, then one generator update. A plain function with one signature,

    train_step(G, D, opt_g, opt_d, x, y=None, class_weight=0.0, precision=FULL_PRECISION, r1_gamma=0.0) -> dict

which the loop (``ganlib.loop.train``) calls for every batch of every variant, the notebooks show, and a student
can replace (``train(..., step=my_step)``). It reads no number from the device (no ``.item()``): it returns 0-d
tensors, so a GPU never waits for Python, and the whole step could be captured once and replayed.
"""
from __future__ import annotations

import contextlib
from typing import Optional

import torch
from torch import nn

from .gpu import FULL_PRECISION, Precision
from .losses import class_loss, discriminator_loss, generator_loss, r1_penalty
from .machine import device_of

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
                       precision: Precision = FULL_PRECISION, r1_gamma: float = 0.0):
    """Teach D to say 1 to real images and 0 to fakes (and, with the class loss, to name the class of real
    images; with ``r1_gamma``, to keep its slope at real images gentle). ``fake`` is detached: G is not
    updated here."""
    opt_d.zero_grad(set_to_none=True)
    x = x.detach().requires_grad_(True) if r1_gamma else x
    with precision.autocast():
        real_logits, naming = _judge(D, x, y, class_weight)
        fake_logits = D(fake.detach(), y)
        loss = discriminator_loss(real_logits.float(), fake_logits.float())
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x, precision.loss_scale(opt_d)) if r1_gamma else 0.0
    precision.backward_and_step(loss + naming + penalty, opt_d)
    return loss.detach(), torch.sigmoid(real_logits).mean().detach(), torch.sigmoid(fake_logits).mean().detach()


def generator_step(D: nn.Module, opt_g: torch.optim.Optimizer, fake: torch.Tensor,
                   y: Optional[torch.Tensor] = None, class_weight: float = 0.0,
                   precision: Precision = FULL_PRECISION) -> torch.Tensor:
    """Teach G to make D say 1 to its fakes (and, with the class loss, to see the class asked for in them).
    D is frozen, so its weights and gradients stay as they are."""
    opt_g.zero_grad(set_to_none=True)
    with frozen(D):
        with precision.autocast():
            fake_logits, naming = _judge(D, fake, y, class_weight)
            loss = generator_loss(fake_logits.float())
        precision.backward_and_step(loss + naming, opt_g)
    return loss.detach()


def train_step(G: nn.Module, D: nn.Module, opt_g, opt_d, x: torch.Tensor, y: Optional[torch.Tensor] = None,
               class_weight: float = 0.0, precision: Precision = FULL_PRECISION, r1_gamma: float = 0.0) -> dict:
    """One D update then one G update on the batch ``x`` (labels ``y`` for conditional nets).

    Returns detached 0-d tensors; reading them (``.item()``) waits for the GPU, so ``train`` reads
    them only every ``log_every`` steps.
    """
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y = y if G.n_classes else None  # the fakes are asked for the same labels as the real batch
    class_weight = class_weight if G.n_classes else 0.0
    with precision.autocast():
        fake = G(z, y)
    loss_d, d_real, d_fake = discriminator_step(D, opt_d, x, fake, y, class_weight, precision, r1_gamma)
    loss_g = generator_step(D, opt_g, fake, y, class_weight, precision)
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
