"""A moving average of the generator's weights (``TrainConfig.ema_decay``): the generator to keep after a long run."""
from __future__ import annotations

import copy

import torch
from torch import nn

from .arguments import number, plain_value


class EMA:
    """An exponential moving average of the generator's weights (and a copy of its batch-norm statistics).

    The generator's weights keep circling the equilibrium as the two players push each other; their
    average over the last thousand steps or so sits closer to it (Yazici et al., 2019). Training updates
    ``G``; snapshots, evaluation and sampling use the average. Off by default: in short CPU runs the
    average still carries the untrained start, and batch norm's statistics belong to the raw weights,
    so it made the course's conditional DCGAN worse (``python -m ganlib bench recipes``). Try it for
    long runs.
    """

    def __init__(self, G: nn.Module, decay: float):
        if number(decay) is None or not 0 <= number(decay) < 1:
            raise ValueError(f"the moving average's decay must be a number in [0, 1), e.g. 0.999, got "
                             f"{plain_value(decay)!r} (at 1 it would never move from the untrained start)")
        if not isinstance(G, nn.Module):
            raise ValueError(f"EMA averages a generator's weights: give the net (an nn.Module), got {type(G).__name__}")
        self.decay, self.model = number(decay), copy.deepcopy(G).eval().requires_grad_(False)

    @torch.no_grad()
    def update(self, G: nn.Module) -> None:
        """Move the average a step towards ``G``, the generator it was made from (the same shapes, weight for weight)."""
        mine = list(self.model.parameters())
        theirs = list(G.parameters()) if isinstance(G, nn.Module) else None
        if theirs is None or [(p.shape, p.dtype) for p in mine] != [(p.shape, p.dtype) for p in theirs]:
            raise ValueError(f"the moving average follows the generator it was made from: give that net to update(), "
                             f"got {repr(G)[:40] if theirs is None else 'a net of other shapes or number types'} (a new generator "
                             "needs a new EMA)")
        torch._foreach_lerp_(mine, theirs, 1 - self.decay)
        for mine, theirs in zip(self.model.buffers(), G.buffers()):
            mine.copy_(theirs)
