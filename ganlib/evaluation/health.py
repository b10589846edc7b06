"""Training-health warnings: the loop tells a student, in words, when a run is going wrong, and what to try.

Each warning is shown once per run, printed and kept in ``History.warnings``. Switch any of them off by
leaving its name out of ``TrainConfig.health_checks``.
"""
from __future__ import annotations

from typing import Optional

import torch

from ..config import HEALTH_CHECKS
from ..losses import objective
from ..notices import notice
from .referee import judge, load_referee, referee_that_knows

# "The discriminator has won", for this many steps in a row; what it means depends on the objective (D_HAS_WON).
D_WON_STEPS = 200
D_WON_LEVEL = 0.05  # non-saturating: mean D(G(z)) below this, almost every fake called fake
HINGE_WON_LOSS = 0.05  # hinge: D's loss below this, almost every image beyond its margin: D no longer learns
# wgan-gp: the critic's distance estimate, after falling to half its peak or less (G caught up), back above twice
# its lowest since (and 1 above it). Early on the estimate rises while the critic learns: no verdict then.
WGAN_WON_RISE = 2.0
# Snapshot checks start after the first epoch, when even a slow GAN draws something digit-like.
SNAPSHOT_CHECKS_FROM_EPOCH = 1.0
COLLAPSE_SHARE = 0.5  # more than half of the snapshot is one digit
LABEL_IGNORED_ACCURACY = 0.2  # the referee sees the digit asked for at most this often (chance: 0.1)

WON_ADVICE = ("Try a smaller discriminator learning rate (lr_d), a smaller discriminator, or restart with another "
              "seed.")
MESSAGES = {
    "discriminator_won": (
        "the discriminator has won: for {steps} steps {what}.{then} " + WON_ADVICE),
    "diverged": (
        "{reason} The last good checkpoint is kept{where}."),
    "mode_collapse": (
        "possible mode collapse at epoch {epoch:.3g}: {share:.0%} of the fixed-noise snapshot is class "
        "{digit}. A healthy generator draws all ten. Try a lower learning rate, or restart with another seed."),
    "label_ignored": (
        "the generator seems to ignore its label at epoch {epoch:.3g}: the referee recognises the class it was "
        "asked for in only {accuracy:.0%} of the snapshot (chance is 10%). Check that the labels reach both "
        "networks, or train longer."),
}


def _probabilities_won(values: dict, lowest_gap: float, peak_gap: float) -> str:
    return f"it has called almost every fake fake (mean D(G(z)) below {D_WON_LEVEL})" if values["d_fake"] < D_WON_LEVEL else ""


def _hinge_won(values: dict, lowest_gap: float, peak_gap: float) -> str:
    return (f"almost every image has been beyond the hinge's margin (D's loss below {HINGE_WON_LOSS}: real images scored "
            "above 1, fakes below -1), so D learns nothing more from them" if values["loss_d"] < HINGE_WON_LOSS else "")


def _critic_won(values: dict, lowest_gap: float, peak_gap: float) -> str:
    gap = values["d_real"] - values["d_fake"]
    fell = lowest_gap <= peak_gap / 2  # G had caught up with the critic once
    # A distance is never below 0: a negative single-batch estimate is noise, so the rise is counted from 0 at least;
    # and an estimate still below half its peak is no sign of fakes moving away.
    lowest = max(lowest_gap, 0.0)
    return (f"the critic's estimate of the distance between real and fake images (mean D(x) - mean D(G(z)) = "
            f"{gap:.2f}) fell to {lowest:.2f} and has been over {WGAN_WON_RISE:g} times that since: the fakes are "
            "moving away from the data" if fell and gap > max(WGAN_WON_RISE * lowest, lowest + 1, peak_gap / 2)
            else "")


# What "the discriminator has won" means for each objective (ganlib.losses.LOSSES): a hinge or Wasserstein D gives
# scores, not probabilities, so the non-saturating rule (D(G(z)) near 0) cannot be read from them.
D_HAS_WON = {"non-saturating": _probabilities_won, "saturating": _probabilities_won, "hinge": _hinge_won, "wgan-gp": _critic_won}
# ...and what it does to the generator: only the saturating loss loses its gradient there (notebook 01's maths).
WHAT_G_GETS = {
    "saturating": " With the saturating loss, log(1 - D(G(z))) is flat there: the generator's gradient has all but "
                  "vanished.",
    "non-saturating": " The generator still gets a strong gradient (the non-saturating loss keeps it), but from a "
                      "discriminator that rejects every fake alike, so it says little about which fakes are nearer "
                      "the data.",
}


class HealthMonitor:
    """Watches the numbers and the snapshots of one run; warns once per problem."""

    def __init__(self, checks=HEALTH_CHECKS, history=None, image_shape=None, data: Optional[str] = None,
                 loss: str = "non-saturating"):
        checks = (checks,) if isinstance(checks, str) else checks  # one name is a list of one
        objective(loss)  # an unknown objective is named, with the ones that exist
        unknown = set(checks) - set(HEALTH_CHECKS)
        if unknown:
            raise ValueError(f"unknown health checks {sorted(unknown)}: choose from {', '.join(HEALTH_CHECKS)}")
        self.checks = set(checks)
        self.history = history
        self.referee = referee_that_knows(image_shape, data)  # None: no referee judges these images, so two checks rest
        self.given = set(history.warnings) if history is not None else set()
        self.d_won_since: Optional[int] = None
        self.has_won = D_HAS_WON[loss]
        self.what_g_gets = WHAT_G_GETS.get(loss, "")
        self.peak_gap = -float("inf")  # wgan-gp: the highest distance estimate seen,
        self.lowest_gap = float("inf")  # and the lowest since that peak

    def warn(self, check: str, **details) -> None:
        if check not in self.checks or check in self.given:
            return
        self.given.add(check)
        text = MESSAGES[check].format(**details)
        if self.history is not None:
            self.history.warnings.append(check)
        notice(text)

    def after_log(self, step: int, values: dict) -> None:
        """Called with each logged set of the step's numbers (loss_d, loss_g, d_real, d_fake)."""
        gap = values["d_real"] - values["d_fake"]
        if gap > self.peak_gap:  # a new peak: the lowest is counted from here
            self.peak_gap, self.lowest_gap = gap, gap
        self.lowest_gap = min(self.lowest_gap, gap)
        what = self.has_won(values, self.lowest_gap, self.peak_gap)
        if not what:
            self.d_won_since = None
            return
        self.d_won_since = self.d_won_since or step
        if step - self.d_won_since >= D_WON_STEPS:
            self.warn("discriminator_won", steps=step - self.d_won_since, what=what, then=self.what_g_gets)

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
