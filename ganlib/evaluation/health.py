"""Training-health warnings: the loop tells a student, in words, when a run is going wrong, and what to try.

Each warning is shown once per run, printed and kept in ``History.warnings``. Switch any of them off by
leaving its name out of ``TrainConfig.health_checks``.
"""
from __future__ import annotations

from typing import Optional

import torch

from ..config import HEALTH_CHECKS
from ..notices import notice
from .referee import judge, load_referee, referee_that_knows

# "The discriminator has won": mean D(G(z)) below this for this many steps in a row.
D_WON_LEVEL = 0.05
D_WON_STEPS = 200
# Snapshot checks start after the first epoch, when even a slow GAN draws something digit-like.
SNAPSHOT_CHECKS_FROM_EPOCH = 1.0
COLLAPSE_SHARE = 0.5  # more than half of the snapshot is one digit
LABEL_IGNORED_ACCURACY = 0.2  # the referee sees the digit asked for at most this often (chance: 0.1)

MESSAGES = {
    "discriminator_won": (
        "the discriminator has won: for {steps} steps it has called almost every fake fake (mean D(G(z)) "
        "below {level}). The generator now learns little. Try a smaller discriminator learning rate (lr_d), "
        "a smaller discriminator, or restart with another seed."),
    "diverged": (
        "{reason} The last good checkpoint is kept{where}."),
    "mode_collapse": (
        "possible mode collapse at epoch {epoch:g}: {share:.0%} of the fixed-noise snapshot is class "
        "{digit}. A healthy generator draws all ten. Try a lower learning rate, or restart with another seed."),
    "label_ignored": (
        "the generator seems to ignore its label at epoch {epoch:g}: the referee recognises the class it was "
        "asked for in only {accuracy:.0%} of the snapshot (chance is 10%). Check that the labels reach both "
        "networks, or train longer."),
}


class HealthMonitor:
    """Watches the numbers and the snapshots of one run; warns once per problem."""

    def __init__(self, checks=HEALTH_CHECKS, history=None, image_shape=None, data: Optional[str] = None):
        unknown = set(checks) - set(HEALTH_CHECKS)
        if unknown:
            raise ValueError(f"unknown health checks {sorted(unknown)}: choose from {', '.join(HEALTH_CHECKS)}")
        self.checks = set(checks)
        self.history = history
        self.referee = referee_that_knows(image_shape, data)  # None: no referee judges these images, so two checks rest
        self.given = set(history.warnings) if history is not None else set()
        self.d_won_since: Optional[int] = None

    def warn(self, check: str, **details) -> None:
        if check not in self.checks or check in self.given:
            return
        self.given.add(check)
        text = MESSAGES[check].format(**details)
        if self.history is not None:
            self.history.warnings.append(check)
        notice(text)

    def after_log(self, step: int, d_fake: float) -> None:
        """Called with each logged mean D(G(z))."""
        if d_fake >= D_WON_LEVEL:
            self.d_won_since = None
            return
        self.d_won_since = self.d_won_since or step
        if step - self.d_won_since >= D_WON_STEPS:
            self.warn("discriminator_won", steps=step - self.d_won_since, level=D_WON_LEVEL)

    def diverged(self, reason: str, checkpoint_dir: Optional[str]) -> None:
        self.warn("diverged", reason=reason, where=f" in {checkpoint_dir}" if checkpoint_dir else
                  " only if you set checkpoint_dir")

    def after_snapshot(self, epoch: float, images: torch.Tensor, labels: Optional[torch.Tensor]) -> None:
        """Called with each fixed-noise snapshot (uint8) and the labels it was drawn for."""
        wanted = {"mode_collapse", "label_ignored"} & self.checks - self.given
        if not wanted or not self.referee or epoch < SNAPSHOT_CHECKS_FROM_EPOCH:
            return
        _, probs = judge(load_referee(self.referee)[0], images)
        predicted = probs.argmax(1)
        if labels is None:
            counts = torch.bincount(predicted, minlength=10)
            if counts.max() > COLLAPSE_SHARE * len(predicted):
                self.warn("mode_collapse", epoch=epoch, share=counts.max().item() / len(predicted),
                          digit=counts.argmax().item())
        else:
            accuracy = (predicted == labels.cpu()).double().mean().item()
            if accuracy <= LABEL_IGNORED_ACCURACY:
                self.warn("label_ignored", epoch=epoch, accuracy=accuracy)
