"""A GAN you can watch (notebook 00): points in the plane instead of images, trained in seconds on a CPU.

The real data is a ring of eight Gaussian blobs. The nets are small MLPs with the course's call signature,
``G(z, y=None)`` and ``D(x, y=None) -> logits``, so the very step that trains the image GANs
(``ganlib.step.train_step``) trains them too. In two dimensions everything can be drawn: the generated points,
D's belief at every point of the plane, and the optimal discriminator of notebook 01's maths,
D*(x) = p_data(x) / (p_data(x) + p_g(x)), which here can be computed.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Callable, List, Optional, Tuple

import torch
from matplotlib.figure import Figure
from torch import nn

from .arguments import number, plain_value, whole
from .machine import device_of
from .pixels import tensor_of
from .places import is_smoke
from .step import discriminator_step, step_extras, step_result, train_step

RING = {"modes": 8, "radius": 2.0, "std": 0.05}  # the ring of Gaussians: how many, how far out, how wide
EXTENT = 3.0  # the plane drawn: [-3, 3] x [-3, 3]


def as_points(points, name: str) -> torch.Tensor:
    """``points`` (a tensor, NumPy array or list of pairs) as float32 ``(N, 2)``, or a ValueError naming ``name``:
    the toy lives in the plane, and NaN points would train or count without a word."""
    try:
        points = tensor_of(points)
    except (TypeError, ValueError, RuntimeError):
        raise ValueError(f"{name} takes points in the plane, (N, 2) numbers, got a {type(points).__name__}") from None
    if points.dim() != 2 or points.shape[1] != 2 or not len(points) or points.is_complex() or points.dtype == torch.bool:
        raise ValueError(f"{name} takes points in the plane, (N, 2) numbers with N at least 1, got shape "
                         f"{tuple(points.shape)}")
    points = points.float()
    if not torch.isfinite(points).all():
        raise ValueError(f"{name}: some points are NaN or infinite: the ring's points are finite numbers")
    return points


def _bandwidth(bandwidth) -> float:
    if number(bandwidth) is None or not 0 < number(bandwidth) < math.inf:
        raise ValueError(f"the kernel's bandwidth must be a positive number (the course's is 0.02), got "
                         f"{plain_value(bandwidth)!r}")
    return number(bandwidth)


def ring_centres(modes: int = RING["modes"], radius: float = RING["radius"]) -> torch.Tensor:
    """The ``modes`` blob centres, evenly spaced on a circle: ``(modes, 2)``."""
    angles = torch.arange(modes) * 2 * math.pi / modes
    return radius * torch.stack([angles.cos(), angles.sin()], dim=1)


def ring_of_gaussians(n: int, seed: int = 0, modes: int = RING["modes"], radius: float = RING["radius"],
                      std: float = RING["std"]) -> torch.Tensor:
    """``n`` points of the real data: each from one blob, chosen at random, with Gaussian spread ``std``."""
    g = torch.Generator().manual_seed(seed)
    which = torch.randint(modes, (n,), generator=g)
    return ring_centres(modes, radius)[which] + std * torch.randn(n, 2, generator=g)


def ring_density(points: torch.Tensor, modes: int = RING["modes"], radius: float = RING["radius"],
                 std: float = RING["std"]) -> torch.Tensor:
    """p_data at ``points``: the mixture's exact density (equal weights, isotropic Gaussians)."""
    squared = torch.cdist(points.double(), ring_centres(modes, radius).double()).pow(2)
    return torch.exp(-squared / (2 * std ** 2)).mean(1) / (2 * math.pi * std ** 2)


def sample_density(points: torch.Tensor, samples: torch.Tensor, bandwidth: float = 0.02) -> torch.Tensor:
    """p_g at ``points``, estimated from generated ``samples`` by a Gaussian kernel of width ``bandwidth``."""
    bandwidth = _bandwidth(bandwidth)
    points, samples = as_points(points, "sample_density"), as_points(samples, "sample_density")
    squared = torch.cdist(points.double(), samples.double()).pow(2)
    return torch.exp(-squared / (2 * bandwidth ** 2)).mean(1) / (2 * math.pi * bandwidth ** 2)


def optimal_discriminator(points: torch.Tensor, samples: torch.Tensor, bandwidth: float = 0.02) -> torch.Tensor:
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)) at ``points``, for the generator that drew ``samples``
    (Goodfellow et al., 2014, Proposition 1); 0.5 where neither has mass."""
    p_data, p_g = ring_density(points), sample_density(points, samples, bandwidth)
    total = p_data + p_g
    return torch.where(total > 1e-12, p_data / total.clamp_min(1e-300), torch.full_like(total, 0.5))


class ToyGenerator(nn.Module):
    """z (``latent_dim`` numbers) -> two hidden ReLU layers -> a point (x, y). No tanh: the plane is not bounded."""

    n_classes = None

    def __init__(self, latent_dim: int = 2, hidden: int = 64):
        super().__init__()
        self.latent_dim = latent_dim
        self.body = nn.Sequential(nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                                  nn.Linear(hidden, 2))

    def forward(self, z: torch.Tensor, y: Optional[torch.Tensor] = None) -> torch.Tensor:
        return self.body(z)


class ToyDiscriminator(nn.Module):
    """A point -> two hidden LeakyReLU layers -> one logit (D's belief that the point is real, before sigmoid).

    With ``minibatch_std`` (Karras et al., 2018) D's second layer also gets one number for the whole batch: the
    spread (standard deviation across the batch, averaged over features) of the first layer's features. A batch
    of near-copies then looks fake wherever it sits, so G's loss rewards variety: a cure for mode collapse that
    ProGAN and StyleGAN use on images.
    """

    n_classes = None

    def __init__(self, hidden: int = 64, minibatch_std: bool = False):
        super().__init__()
        self.minibatch_std = minibatch_std
        self.body = nn.Sequential(nn.Linear(2, hidden), nn.LeakyReLU(0.2),
                                  nn.Linear(hidden + int(minibatch_std), hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1))

    def forward(self, x: torch.Tensor, y: Optional[torch.Tensor] = None,
                batch: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Logits for the points ``x``; with ``minibatch_std`` the spread is that of ``batch`` (default ``x``
        itself), so D's belief over the plane can be drawn for the batch G makes."""
        features = self.body[:2](x)
        if self.minibatch_std:
            of = features if batch is None else self.body[:2](batch)
            spread = of.std(0, correction=0).mean()
            features = torch.cat([features, spread.expand(len(features), 1)], dim=1)
        return self.body[2:](features).squeeze(1)


@dataclass
class ToyFrame:
    """One moment of a toy run: the generated points (fixed noise) and D's belief on a grid over the plane."""

    step: int
    points: torch.Tensor  # (N, 2)
    belief: torch.Tensor  # (R, R): sigmoid(D) at grid points, rows from y = -EXTENT (bottom) to +EXTENT


@dataclass
class ToyRun:
    frames: List[ToyFrame] = field(default_factory=list)
    loss_d: List[float] = field(default_factory=list)
    loss_g: List[float] = field(default_factory=list)
    seconds: float = 0.0


def grid(resolution: int = 80) -> torch.Tensor:
    """``resolution`` x ``resolution`` points covering the drawn plane, row by row from the bottom: ``(R*R, 2)``."""
    axis = torch.linspace(-EXTENT, EXTENT, resolution)
    ys, xs = torch.meshgrid(axis, axis, indexing="ij")
    return torch.stack([xs.flatten(), ys.flatten()], dim=1)


@torch.no_grad()
def frame(G: nn.Module, D: nn.Module, z: torch.Tensor, step: int, resolution: int = 80) -> ToyFrame:
    """G's points for the noise ``z`` and D's belief on the grid, computed where the nets are, kept on the CPU."""
    points = G(z.to(device_of(G)))
    on_grid = grid(resolution).to(device_of(D))
    # A minibatch-std D judges a point with the spread of a batch: draw it for a batch of G's points.
    logits = D(on_grid, batch=points[:256].to(device_of(D))) if getattr(D, "minibatch_std", False) else D(on_grid)
    points, belief = points.cpu(), torch.sigmoid(logits).cpu()
    return ToyFrame(step, points, belief.reshape(resolution, resolution))


def train_toy(G: nn.Module, D: nn.Module, data: torch.Tensor, steps: int = 3000, batch_size: int = 256,
              lr: float = 1e-3, betas: Tuple[float, float] = (0.5, 0.999), frame_every: int = 250, seed: int = 0,
              step: Optional[Callable] = None, r1_gamma: float = 0.0, lr_g: Optional[float] = None,
              lr_d: Optional[float] = None) -> ToyRun:
    """Train ``G`` against ``D`` on the points ``data`` with the course's training step (or ``step``), keeping a
    frame every ``frame_every`` steps; ``lr_g`` and ``lr_d`` give one player another learning rate than ``lr``.
    Seconds on a CPU: the nets are tiny and the data is one tensor. Under the smoke switch it trains 40 steps."""
    for name, value, least in (("steps", steps, 0), ("frame_every", frame_every, 1), ("batch_size", batch_size, 1)):
        if whole(value) is None or whole(value) < least:
            raise ValueError(f"train_toy's {name} must be a whole number, {least} or more, got {value!r}")
    steps, frame_every, batch_size = whole(steps), whole(frame_every), whole(batch_size)
    if getattr(G, "latent_dim", None) is None and getattr(D, "latent_dim", None) is not None:
        raise TypeError(f"train_toy(G, D, data) takes the generator first, then the discriminator: got a "
                        f"{type(G).__name__} first and the {type(D).__name__} second; swap them")
    data = as_points(data, "train_toy's data")
    if is_smoke():
        steps, frame_every = min(steps, 40), min(frame_every, 20)
    torch.manual_seed(seed)
    step_fn = step or train_step
    takes = step_extras(step_fn, SimpleNamespace(r1_gamma=r1_gamma), "in train_toy")  # the toy's one extra
    extras = {"r1_gamma": r1_gamma} if "r1_gamma" in takes else {}
    opt_g, opt_d = (torch.optim.Adam(net.parameters(), lr=rate if rate is not None else lr, betas=betas)
                    for net, rate in ((G, lr_g), (D, lr_d)))
    z_fixed = torch.randn(1000, G.latent_dim, generator=torch.Generator().manual_seed(seed + 1))
    run, start = ToyRun(), time.monotonic()
    for i in range(steps + 1):
        if i % frame_every == 0:
            run.frames.append(frame(G, D, z_fixed, i))
        if i == steps:
            break
        x = data[torch.randint(len(data), (batch_size,))].to(device_of(D))
        stats = step_result(step_fn(G, D, opt_g, opt_d, x, None, **extras), step_fn)
        if i % 10 == 0:
            run.loss_d.append(float(stats["loss_d"]))
            run.loss_g.append(float(stats["loss_g"]))
    run.seconds = time.monotonic() - start
    return run


def fit_judge(D: nn.Module, real: torch.Tensor, fake: torch.Tensor, loss: str = "non-saturating",
              gp_weight: float = 0.0, steps: int = 1000, lr: float = 1e-3, seed: int = 0) -> list:
    """Train ``D`` alone to tell the fixed points ``real`` from ``fake`` by the objective ``loss`` (with ``gp_weight``,
    WGAN-GP's penalty): what G would face if D were trained to the end before G moved. Returns D's loss every 10
    steps. Under the smoke switch it trains 40 steps."""
    if whole(steps) is None or whole(steps) < 1:
        raise ValueError(f"fit_judge's steps must be a whole number, 1 or more, got {steps!r}")
    steps = min(whole(steps), 40) if is_smoke() else whole(steps)
    torch.manual_seed(seed)
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    real, fake = (as_points(p, f"fit_judge's {name} points").to(device_of(D))  # made on the CPU, for a D anywhere
                  for p, name in ((real, "real"), (fake, "fake")))
    losses = []
    for i in range(steps):
        loss_d, _, _ = discriminator_step(D, opt_d, real, fake, loss=loss, gp_weight=gp_weight)
        if i % 10 == 0:
            losses.append(loss_d.item())
    return losses


def modes_covered(points: torch.Tensor, share: float = 0.02) -> Tuple[int, float]:
    """How many of the ring's blobs hold at least ``share`` of ``points`` (within 3 standard deviations of
    their centre), and the fraction of points that lie near any blob (quality). Eight and near 1: all is well;
    few blobs with high quality: mode collapse."""
    if hasattr(points, "__len__") and len(points) == 0:
        raise ValueError("modes_covered needs points to judge, got none: give G's samples, e.g. run.frames[-1].points")
    points = as_points(points, "modes_covered")
    if number(share) is None or not 0 < number(share) <= 1:
        raise ValueError(f"modes_covered's share is a fraction of the points, above 0 and at most 1 (0.02 = 2%), got "
                         f"{plain_value(share)!r}")
    share = number(share)
    distance = torch.cdist(points.double(), ring_centres().double())
    near, nearest = distance.min(1)
    good = near < 3 * RING["std"]
    counts = torch.bincount(nearest[good], minlength=RING["modes"])
    return int((counts >= share * len(points)).sum()), float(good.double().mean())


def draw(ax, toy_frame: ToyFrame, real: Optional[torch.Tensor] = None, title: str = "") -> None:
    """D's belief as a background (blue: "fake", red: "real"), the real points (black) and the generated (orange)."""
    ax.imshow(toy_frame.belief.numpy(), origin="lower", extent=(-EXTENT, EXTENT, -EXTENT, EXTENT), cmap="coolwarm",
              vmin=0, vmax=1, alpha=0.6)
    if real is not None:
        ax.scatter(*as_points(real, "the real points")[:500].T.numpy(), s=2, c="black", label="real")
    ax.scatter(*toy_frame.points.T.numpy(), s=2, c="orange", label="generated")
    ax.set_xlim(-EXTENT, EXTENT), ax.set_ylim(-EXTENT, EXTENT), ax.set_xticks([]), ax.set_yticks([])
    ax.set_title(title or f"step {toy_frame.step}", fontsize=9)


def film(run: ToyRun, real: torch.Tensor, columns: int = 6) -> Figure:
    """Frames of a toy run side by side: the generated points moving onto the ring, D's belief changing."""
    if whole(columns) is None or whole(columns) < 1:
        raise ValueError(f"film's columns must be a whole number, 1 or more (1: the last frame only), got {columns!r}")
    if not getattr(run, "frames", None):
        raise ValueError("this run has no frames to show: train_toy keeps one every frame_every steps (train it first)")
    columns = whole(columns)
    frames = run.frames[:: max(1, len(run.frames) // columns)][:columns - 1] + [run.frames[-1]]
    figure = Figure(figsize=(2.2 * len(frames), 2.4), layout="constrained")
    for ax, toy_frame in zip(figure.subplots(1, len(frames), squeeze=False)[0], frames):
        draw(ax, toy_frame, real)
    return figure
