"""Referees: small classifiers that judge generated images, one per data set (MNIST digits, CIFAR-10 photos).

Inception-based FID, the usual GAN score, is meaningless on MNIST: Inception was trained on colour photos
of 1,000 object classes, and its features say little about how a handwritten 7 should look. A classifier
trained on the data set itself knows. Its penultimate features are where the Frechet distance is
measured, and its predicted classes show which classes a generator draws.

The trained weights ship inside the package (``ganlib/weights/referee.pt`` for MNIST,
``referee_cifar10.pt`` for CIFAR-10, each well under 2 MB) together with the feature statistics of
the test set and the reference values (real training images, uniform noise), so evaluation works
offline and without the data set. ``python -m ganlib referee [mnist|cifar10]`` retrains one (``ganlib.course.referees``).
"""
from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from ..arguments import whole
from ..pixels import as_uint8_images, to_unit_range
from ..places import WEIGHTS_DIR, MissingWeightsError


class MnistReferee(nn.Module):
    """Two conv blocks and a 64-unit feature layer; ``forward`` gives class logits, ``features`` the 64 numbers."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3, stride=2), nn.ReLU(), nn.Flatten(),
            nn.Linear(64 * 3 * 3, 64), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(64, 10))

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))


def _conv_block(c_in: int, c_out: int) -> nn.Sequential:
    """conv, 2x2 max-pool, batch norm, GELU, conv, batch norm, GELU: halves the size, one step deeper."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.MaxPool2d(2), nn.BatchNorm2d(c_out),
                         nn.GELU(), nn.Conv2d(c_out, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.GELU())


class Cifar10Referee(nn.Module):
    """A small fast CIFAR-10 net in the style of the fast-training "airbench" nets (Jordan, 2024): a stem,
    three blocks 32 -> 16 -> 8 -> 4, a global max-pool; its 128 pooled numbers are the features.
    About 300,000 weights, so it trains on two CPU cores in minutes, not hours.
    """

    def __init__(self, widths: Tuple[int, int, int] = (32, 64, 128)):
        super().__init__()
        a, b, c = widths
        self.body = nn.Sequential(
            nn.Conv2d(3, 24, 3, padding=1, bias=False), nn.BatchNorm2d(24), nn.GELU(),
            _conv_block(24, a), _conv_block(a, b), _conv_block(b, c), nn.AdaptiveMaxPool2d(1), nn.Flatten())
        self.head = nn.Linear(c, 10, bias=False)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x.contiguous(memory_format=torch.channels_last))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


def shift(images: torch.Tensor, generator: torch.Generator, pixels: int = 2) -> torch.Tensor:
    """Random shifts of up to ``pixels`` (one per batch): cheap augmentation against placement."""
    dx, dy = torch.randint(-pixels, pixels + 1, (2,), generator=generator).tolist()
    return torch.roll(images, shifts=(dy, dx), dims=(2, 3))


def crop_and_flip(images: torch.Tensor, generator: torch.Generator, pixels: int = 2) -> torch.Tensor:
    """Per image: a random crop of the reflect-padded image and a coin-flip mirror (the usual CIFAR-10
    augmentation; a mirrored cat is still a cat, a mirrored 7 is not, so MNIST only gets ``shift``)."""
    n, c, h, w = images.shape
    padded = F.pad(images, (pixels,) * 4, mode="reflect")
    dy, dx = (torch.randint(0, 2 * pixels + 1, (n, 1), generator=generator) for _ in range(2))
    flip = torch.rand(n, 1, generator=generator) < 0.5
    cols = torch.arange(w).expand(n, w)
    cols = torch.where(flip, w - 1 - cols, cols) + dx
    rows = torch.arange(h).expand(n, h) + dy
    batch, channel = torch.arange(n).view(n, 1, 1, 1), torch.arange(c).view(1, c, 1, 1)
    return padded[batch, channel, rows.view(n, 1, h, 1), cols.view(n, 1, 1, w)]


def adam_one_cycle(model: nn.Module, total_steps: int):
    """Adam with a one-cycle schedule (warm up, then anneal to zero): quick for the small MNIST net."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    return opt, torch.optim.lr_scheduler.OneCycleLR(opt, 3e-3, total_steps=total_steps)


def sgd_one_cycle(model: nn.Module, total_steps: int):
    """SGD with Nesterov momentum and weight decay, one-cycle: generalises better on CIFAR-10."""
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    return opt, torch.optim.lr_scheduler.OneCycleLR(opt, 0.1, total_steps=total_steps, pct_start=0.2)


@dataclass(frozen=True)
class RefereeRecipe:
    """Which net judges which data set, how it is trained, and where its weights live."""

    name: str
    image_shape: Tuple[int, int, int]
    make: Callable[[], nn.Module]
    epochs: int
    augment: Callable
    batch_size: int
    optimiser: Callable
    label_smoothing: float
    accuracy_goal: float
    weights_file: str

    @property
    def weights(self) -> Path:
        return WEIGHTS_DIR / self.weights_file


REFEREES = {
    "mnist": RefereeRecipe("mnist", (1, 28, 28), MnistReferee, epochs=4, augment=shift, batch_size=128,
                           optimiser=adam_one_cycle, label_smoothing=0.0, accuracy_goal=0.99,
                           weights_file="referee.pt"),
    "cifar10": RefereeRecipe("cifar10", (3, 32, 32), Cifar10Referee, epochs=16, augment=crop_and_flip, batch_size=256,
                             optimiser=sgd_one_cycle, label_smoothing=0.1, accuracy_goal=0.85,
                             weights_file="referee_cifar10.pt"),
}


def referee_that_knows(image_shape, data: Optional[str] = None) -> Optional[str]:
    """The name of the referee that knows these images, or None: one of the right shape, trained on ``data`` when
    it is named (a folder of 32x32 faces is not CIFAR-10, whatever its shape, so CIFAR-10's classes say nothing of
    it). The training health checks and the numbers after ``train`` both follow this rule."""
    try:
        name = referee_for(image_shape or ()).name
    except ValueError:  # no referee judges images of this shape
        return None
    return name if data is None or data == name else None


def referee_for(image_shape) -> RefereeRecipe:
    """The referee that judges images of this shape, or a ValueError naming the shapes that have one."""
    for recipe in REFEREES.values():
        if tuple(image_shape) == recipe.image_shape:
            return recipe
    known = ", ".join(f"{' x '.join(map(str, r.image_shape))} ({r.name})" for r in REFEREES.values())
    raise ValueError(f"no referee judges images of shape {' x '.join(map(str, image_shape))}: there is one for {known}")


@torch.no_grad()
def judge(model: nn.Module, images: torch.Tensor, batch_size: int = 1000, device=None):
    """Features ``(N, F)`` and class probabilities ``(N, 10)`` (float64, on the CPU) of uint8 images, in batches,
    computed on ``device`` (default: where ``model`` is; a copy is moved there, the shipped one stays put)."""
    if isinstance(model, tuple) and model and isinstance(model[0], nn.Module):
        raise TypeError("load_referee returns (model, payload): give judge the model, load_referee(name)[0]")
    if not (isinstance(model, nn.Module) and hasattr(model, "features") and hasattr(model, "head")):
        raise TypeError(f"judge takes a referee (load_referee(name)[0]), got {type(model).__name__}")
    if whole(batch_size) is None or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number, 1 or more, got {batch_size!r}")
    images = as_uint8_images(images)  # NumPy arrays, lists and floats in [0, 1] or [-1, 1] read as training reads them
    if images.dim() != 4:
        raise ValueError(f"judge takes a batch of images (N, C, H, W), got shape {tuple(images.shape)}"
                         + (": grey images need their channel axis, images[:, None]" if images.dim() == 3 else ""))
    model.eval()
    if device is not None and torch.device(device) != next(model.parameters()).device:
        model = copy.deepcopy(model).to(device)
    device = next(model.parameters()).device
    feats, probs = [], []
    for chunk in images.split(whole(batch_size)):
        h = model.features(to_unit_range(chunk.to(device)))
        feats.append(h.cpu().double())
        probs.append(F.softmax(model.head(h), dim=1).cpu().double())
    return torch.cat(feats), torch.cat(probs)


def _referee_name(name) -> str:
    """``name`` as a referee's key ("MNIST" is mnist), or a ValueError listing the referees there are."""
    key = name.lower() if isinstance(name, str) else name
    if key not in REFEREES:
        raise ValueError(f"no referee named {name!r}: there are {', '.join(REFEREES)}")
    return key


def load_referee(name: str = "mnist"):
    """The shipped referee of data set ``name`` (on the CPU) and its payload, loaded once; never runs code
    from the file."""
    return _load_referee(_referee_name(name))


@functools.lru_cache(maxsize=4)
def _load_referee(name: str):
    recipe = REFEREES[name]
    if not recipe.weights.is_file():
        raise MissingWeightsError(f"the {name} referee's weights are missing ({recipe.weights}): reinstall ganlib, "
                              f"or train them with `python -m ganlib referee {name}`")
    payload = torch.load(recipe.weights, map_location="cpu", weights_only=True)
    # Building the net draws its (soon overwritten) initial weights from the global random stream; a forked
    # stream keeps a training run that asks the referee mid-way repeatable, and its resume exact.
    with torch.random.fork_rng(devices=[]):
        model = recipe.make()
    model.load_state_dict(payload["state"])
    return model.eval(), payload


def test_statistics(referee: str = "mnist") -> dict:
    """The mean and covariance of the referee's features on its test set (``mu``, ``sigma``), shipped with it."""
    payload = load_referee(referee)[1]
    return {"mu": payload["test_mu"], "sigma": payload["test_sigma"]}


def reference_values(referee: str = "mnist") -> dict:
    """What real training images (the floor) and uniform noise score, measured when the referee was trained."""
    return load_referee(referee)[1]["reference"]
