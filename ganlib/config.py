"""The settings of a training run (``TrainConfig``) and the course's defaults for each variant and data set.

Settings only: where files go is ``ganlib.places``, which device ``ganlib.machine``, and the smoke switch is read
by the loop, not here, so a ``TrainConfig`` says what it was given, under test too.
"""
from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass
from typing import Optional


from .losses import objective
from .machine import pick_device
from .nets import check_variant
from .places import MAX_IMAGE_SIZE, SMOKE_STEPS, SMOKE_SUBSET, data_set_name, is_smoke
from .arguments import SEED_LIMIT, plain_value, whole

# The training-health warnings (ganlib.evaluation.health); leave a name out of TrainConfig.health_checks to silence it.
HEALTH_CHECKS = ("discriminator_won", "diverged", "mode_collapse", "label_ignored")

# Epochs of each variant's default run (`python -m ganlib train VARIANT`, `gif VARIANT`): notebooks 01, 02 and 04 use
# them; notebook 03 trains 9 epochs with a hidden layer.
DEFAULT_EPOCHS = {"gan": 30, "cgan": 30, "dcgan": 12, "cdcgan": 12}

# Adam's learning rate for both nets. 2e-4 is the DCGAN paper's; the course's conv nets (width 32) take 5e-4, which
# did better in one seed of `python -m ganlib bench recipes` and tied with 2e-4 over three seeds (report, section 5.3).
DEFAULT_LR = {"gan": 2e-4, "cgan": 2e-4, "dcgan": 5e-4, "cdcgan": 5e-4}

# Where another data set wants other settings: (variant, data set) -> what differs from the MNIST defaults
# above. "folder" stands for any folder of images (--data PATH). Measured by python -m ganlib bench.
DATA_DEFAULTS = {
    # The R1 penalty (Mescheder et al., 2018) for the unconditional DCGAN on MNIST: its R1 schedule is measured in the
    # report (section 5.3); a run without R1 is not.
    ("dcgan", "mnist"): {"r1_gamma": 1.0},
    # The class loss: in about 3 CPU-minutes of CIFAR-10 it raised how often the referee recognises the class asked
    # for from 44% to 90% (report, section 5.5, three seeds).
    ("cdcgan", "cifar10"): {"epochs": 28, "class_weight": 1.0},
    ("dcgan", "cifar10"): {"epochs": 28},
    ("dcgan", "folder"): {"epochs": 5},
    ("cdcgan", "folder"): {"epochs": 5, "class_weight": 1.0},
}


# What another objective (TrainConfig.loss) changes in the recipe. WGAN-GP's are its paper's (Gulrajani et al.,
# 2017: Adam at 1e-4 with betas (0, 0.9), 5 critic updates per generator update, penalty weight 10); its penalty
# replaces R1.
LOSS_DEFAULTS = {
    "wgan-gp": {"lr_g": 1e-4, "lr_d": 1e-4, "betas": (0.0, 0.9), "critic_steps": 5, "gp_weight": 10.0, "r1_gamma": 0.0},
}


def run_defaults(variant: str, data: str = "mnist", loss: str = "non-saturating", spectral_norm: bool = False) -> dict:
    """The course's default epochs, learning rates, Adam's betas, class-loss, R1 and gradient-penalty weights and
    critic updates per step for ``variant`` on ``data``, trained with the objective ``loss``. A spectrally normalised
    D has its slope bounded by its layers, which stands in for R1 (SNGAN's recipe, and notebook 09's race): no R1."""
    key = data if data in ("mnist", "cifar10") else "folder"
    defaults = {"epochs": DEFAULT_EPOCHS.get(variant, 10), "lr_g": DEFAULT_LR.get(variant, 2e-4),
                "lr_d": DEFAULT_LR.get(variant, 2e-4), "betas": (0.5, 0.999), "class_weight": 0.0, "r1_gamma": 0.0,
                "gp_weight": 0.0, "critic_steps": 1}
    return {**defaults, **DATA_DEFAULTS.get((variant, key), {}), **LOSS_DEFAULTS.get(loss, {}),
            **({"r1_gamma": 0.0} if spectral_norm else {})}


def _whole(value) -> bool:
    return whole(value) is not None


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


MAX_WIDTH, MAX_LATENT_DIM = 1024, 10_000  # far beyond the course's 32 and 100: a typo, not a net


@dataclass
class TrainConfig:
    """Everything that decides a training run. Defaults are the course's recipe.

    ``epochs`` counts passes over the data; ``minutes`` stops earlier at a wall-clock budget;
    ``max_steps`` stops after that many batches. Under the smoke switch the loop trains a shrunk copy
    (``smoke_settings``); the config itself is never changed.
    """

    variant: str = "gan"
    data: str = "mnist"  # a data set name (mnist, cifar10) or a folder of images (ganlib.data.load_dataset)
    image_size: Optional[int] = None  # None: the data set's own (28, 32), or 64 for a folder
    width: int = 32  # conv nets built by the command line: filters next to the image (the PyTorch DCGAN tutorial: 64; the paper's generator: 128)
    hidden: int = 0  # conv nets built by the command line: a fully connected layer of this many units in G and D; 0: none
    epochs: Optional[int] = None  # None: the default of the variant on this data (run_defaults)
    batch_size: int = 128
    latent_dim: int = 100
    lr_g: Optional[float] = None  # None: the default of the variant on this data (run_defaults)
    lr_d: Optional[float] = None
    betas: Optional[tuple] = None  # Adam's momenta; None: (0.5, 0.999) as in DCGAN, (0, 0.9) for WGAN-GP
    loss: str = "non-saturating"  # the objective: "non-saturating", "hinge" or "wgan-gp" (ganlib.losses.LOSSES)
    spectral_norm: bool = False  # spectral normalisation on D's layers (Miyato et al., 2018), in place of batch norm
    gp_weight: Optional[float] = None  # WGAN-GP's gradient penalty (ganlib.losses.gradient_penalty); None: 10 for
    # wgan-gp, else 0
    critic_steps: Optional[int] = None  # D updates per G update; None: 5 for wgan-gp, else 1
    class_weight: Optional[float] = None  # conditional nets: weight of the class loss (ganlib.losses); 0: off
    r1_gamma: Optional[float] = None  # R1 penalty on D's slope at real images (ganlib.losses.r1_penalty); 0: off
    # None: the default of the variant on this data (run_defaults; 1.0 for the MNIST DCGAN, 0 with WGAN-GP's penalty
    # or spectral norm, else 0)
    r1_every: int = 4  # the R1 penalty on every 4th D step only, 4 times as strong ("lazy", as in StyleGAN2)
    ema_decay: float = 0.0  # e.g. 0.999: sample from a moving average of G's weights (ganlib.ema.EMA); 0: off
    seed: int = 0
    minutes: Optional[float] = None
    max_steps: Optional[int] = None
    log_every: int = 10
    snapshots_per_epoch: int = 2
    device: Optional[str] = None
    mixed_precision: Optional[bool] = None  # None: on with CUDA, off on CPU/MPS (ganlib.gpu.Precision)
    compile: bool = False  # torch.compile the nets (worth it for long GPU runs; first steps are slow)
    checkpoint_dir: Optional[str] = None  # where periodic checkpoints go; None: no periodic checkpoints
    # Periodic checkpoints go on a timer (a GPU runs an MNIST epoch in about a second); also every N epochs if set.
    checkpoint_every_epochs: Optional[int] = None
    checkpoint_every_minutes: Optional[float] = 5.0
    health_checks: tuple = HEALTH_CHECKS  # leave a name out to silence that warning (ganlib.evaluation.health)
    progress: bool = True
    smoke: Optional[bool] = None  # None: follow the smoke switch (ganlib.places.is_smoke); the loop applies it

    def __post_init__(self):
        check_variant(self.variant)
        # A NumPy whole number (np.int64(2)) or a Path is what it looks like: take it as the plain Python value.
        # NumPy's text and truth values too: a checkpoint keeps only plain values (its loader runs no code).
        for name, value in vars(self).items():
            setattr(self, name, plain_value(value))
        if isinstance(self.data, os.PathLike):
            self.data = os.fspath(self.data)
        if not isinstance(self.data, str) or not self.data.strip():
            raise ValueError(f"TrainConfig.data must name a data set (mnist, cifar10, celeba) or a folder, got {self.data!r}")
        self.data = data_set_name(self.data)  # "MNIST" is mnist: its recipe, its referee
        objective(self.loss)  # an unknown objective is named now
        for name, value in run_defaults(self.variant, self.data, self.loss, self.spectral_norm is True).items():
            if getattr(self, name) is None:
                setattr(self, name, value)
        if isinstance(self.betas, (str, bytes, dict, set)) or not hasattr(self.betas, "__iter__"):
            raise ValueError(f"TrainConfig.betas must be two numbers in [0, 1) (Adam's momenta), got {self.betas!r}")
        self.betas = tuple(float(b) if type(b).__name__ in ("float64", "float32", "float16") or
                           type(b).__name__ == "Tensor" and b.dim() == 0 and b.is_floating_point() else b
                           for b in self.betas)  # NumPy's or PyTorch's floats are the numbers they hold
        if len(self.betas) != 2 or not all(isinstance(b, (int, float)) and not isinstance(b, bool) and 0 <= b < 1
                                           for b in self.betas):
            raise ValueError(f"TrainConfig.betas must be two numbers in [0, 1) (Adam's momenta), got {self.betas!r}")
        if not _whole(self.seed) or not 0 <= self.seed < SEED_LIMIT:
            raise ValueError(f"TrainConfig.seed must be a whole number from 0 to 2**63 - 1, got {self.seed!r}")
        if self.image_size is not None and (not _whole(self.image_size) or self.image_size <= 0):
            raise ValueError(f"TrainConfig.image_size must be None (the data set's own) or a positive whole number, "
                             f"got {self.image_size!r}")
        if self.max_steps is not None and (not _whole(self.max_steps) or self.max_steps <= 0):
            raise ValueError(f"TrainConfig.max_steps must be None (no limit) or a positive whole number, got {self.max_steps!r}")
        if isinstance(self.health_checks, (str, bytes)) or not hasattr(self.health_checks, "__iter__"):
            raise ValueError(f"TrainConfig.health_checks must be a list of check names (or () for none, to switch them "
                             f"off), got {self.health_checks!r}")
        self.health_checks = tuple(str(name) if isinstance(name, str) else name for name in self.health_checks)
        unknown = [name for name in self.health_checks if name not in HEALTH_CHECKS]
        if unknown:  # a misspelt name would silence its warning without a word
            raise ValueError(f"TrainConfig.health_checks: unknown {unknown}: choose from {', '.join(HEALTH_CHECKS)}")
        for name in ("smoke", "mixed_precision"):
            if getattr(self, name) not in (None, True, False):
                raise ValueError(f"TrainConfig.{name} must be True, False or None, got {getattr(self, name)!r}")
        for name in ("compile", "progress"):
            if getattr(self, name) not in (True, False):
                raise ValueError(f"TrainConfig.{name} must be True or False, got {getattr(self, name)!r}")
        for name in ("epochs", "batch_size", "latent_dim", "width", "log_every", "snapshots_per_epoch", "r1_every",
                     "critic_steps"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"TrainConfig.{name} must be a positive whole number, got {value!r}")
        for name, largest in (("width", MAX_WIDTH), ("latent_dim", MAX_LATENT_DIM)):
            if getattr(self, name) > largest:
                raise ValueError(f"TrainConfig.{name} must be at most {largest:,}, got {getattr(self, name):,}: a net "
                                 "that large would not fit in memory (the course uses width 32 and latent_dim 100)")
        if self.image_size is not None and self.image_size > MAX_IMAGE_SIZE:
            raise ValueError(f"TrainConfig.image_size must be at most {MAX_IMAGE_SIZE}, got {self.image_size:,}: the "
                             "course's nets train on 28, 32 or 64")
        if self.batch_size < 2:
            raise ValueError(f"TrainConfig.batch_size must be 2 or more, got {self.batch_size}: every net of the course "
                             "has batch norm, which normalises over the images of a batch (64 or 128 is usual)")
        if not _whole(self.hidden) or self.hidden < 0:
            raise ValueError(f"TrainConfig.hidden must be 0 (no hidden layer) or a positive whole number, got {self.hidden!r}")
        for name in ("class_weight", "r1_gamma", "gp_weight"):
            value = getattr(self, name)
            if not _number(value) or not 0 <= value < math.inf:
                raise ValueError(f"TrainConfig.{name} must be a number, 0 or more (and finite), got {value!r}")
        if self.loss == "wgan-gp" and not self.gp_weight and not self.spectral_norm:
            raise ValueError("TrainConfig(loss='wgan-gp') needs a limit on the critic's slope: gp_weight > 0 (10 in the "
                             "paper) or spectral_norm=True; without one the critic's scores grow without bound")
        if not isinstance(self.spectral_norm, bool):
            raise ValueError(f"TrainConfig.spectral_norm must be True or False, got {self.spectral_norm!r}")
        if not _number(self.ema_decay) or not 0 <= self.ema_decay < 1:
            raise ValueError(f"TrainConfig.ema_decay must be a number in [0, 1), got {self.ema_decay!r}")
        if self.checkpoint_every_epochs is not None and (not _whole(self.checkpoint_every_epochs)
                                                         or self.checkpoint_every_epochs <= 0):
            raise ValueError("TrainConfig.checkpoint_every_epochs must be None (on the timer only) or a positive "
                             f"whole number, got {self.checkpoint_every_epochs!r}")
        for name in ("lr_g", "lr_d", "minutes", "checkpoint_every_minutes"):
            value = getattr(self, name)
            if value is not None and (not _number(value) or not 0 < value < math.inf):
                raise ValueError(f"TrainConfig.{name} must be a positive, finite number{' (None: no limit)' if name == 'minutes' else ''}"
                                 f", got {value!r}")
        if self.device is not None:
            pick_device(self.device)  # an unknown or absent device is named now, before any folder or data
        if self.checkpoint_dir is not None:
            self.checkpoint_dir = os.fspath(self.checkpoint_dir) if isinstance(self.checkpoint_dir, os.PathLike) \
                else self.checkpoint_dir
            if not isinstance(self.checkpoint_dir, str) or not self.checkpoint_dir.strip():
                raise ValueError(f"TrainConfig.checkpoint_dir must be None (no checkpoints) or a folder's path, got "
                                 f"{self.checkpoint_dir!r}")

    def to_dict(self) -> dict:
        """Plain types only, so it can sit inside a checkpoint loaded with ``weights_only=True``."""
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(self).items()}

    @classmethod
    def from_dict(cls, values: dict, strict: bool = True) -> "TrainConfig":
        """The config of ``values`` (``to_dict``'s). ``strict``: an unknown name is an error (a misspelt setting
        would be dropped without a word); a checkpoint's saved config is read with ``strict=False``, since an older
        ganlib may have saved settings that no longer exist."""
        if not isinstance(values, dict):
            raise TypeError(f"TrainConfig.from_dict takes a dict of settings, got {type(values).__name__}")
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown and strict:
            raise ValueError(f"unknown TrainConfig settings {unknown}: the settings are {', '.join(sorted(known))}")
        return cls(**{k: v for k, v in values.items() if k in known})


def run_settings(config: TrainConfig) -> TrainConfig:
    """What a run of ``config`` trains with: shrunk by ``smoke_settings`` when the config, or else GANLIB_SMOKE, asks
    for a smoke run."""
    return smoke_settings(config) if config.smoke or (config.smoke is None and is_smoke()) else config


def smoke_settings(config: TrainConfig) -> TrainConfig:
    """A copy of ``config`` shrunk for the smoke run: one epoch of at most ``SMOKE_STEPS`` steps, logged and
    snapshotted at every step, and marked as a smoke run (its checkpoints say so)."""
    # A step takes critic_steps batches: they must fit in the smoke run's images.
    batch_size = min(config.batch_size, max(2, SMOKE_SUBSET // (2 * config.critic_steps)))
    return dataclasses.replace(config, epochs=1, max_steps=min(config.max_steps or SMOKE_STEPS, SMOKE_STEPS),
                               log_every=1, snapshots_per_epoch=1, smoke=True, batch_size=batch_size)
