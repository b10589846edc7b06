"""Pictures of a training run: image grids, loss curves and D(x)/D(G(z)) curves.

Every function returns a matplotlib Figure (a notebook shows it; ``save_figure`` writes it), and
nothing here changes global matplotlib settings.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
import torch
from matplotlib.figure import Figure

from .data import to_uint8

# Where a healthy run keeps both curves: D is neither sure that real images are real nor that
# fakes are fake. Both at 0.5 is the theoretical equilibrium D*(x) = 1/2.
HEALTHY_BAND = (0.2, 0.8)


def image_grid(images: torch.Tensor, columns: int = 8, padding: int = 2) -> np.ndarray:
    """A batch ``(N, C, H, W)`` (uint8, or floats in [-1, 1]) tiled into one uint8 picture (H', W', C)."""
    if images.dtype != torch.uint8:
        images = to_uint8(images)
    images = images.cpu()
    n, c, h, w = images.shape
    rows = -(-n // columns)
    grid = torch.zeros(c, rows * (h + padding) + padding, columns * (w + padding) + padding, dtype=torch.uint8)
    for i in range(n):
        top, left = padding + (i // columns) * (h + padding), padding + (i % columns) * (w + padding)
        grid[:, top:top + h, left:left + w] = images[i]
    return grid.permute(1, 2, 0).numpy()


def _figure(width: float = 6, height: float = 4):
    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def show_images(images: torch.Tensor, columns: int = 8, title: str = "", row_labels=None) -> Figure:
    """An image grid as a figure, with optional labels for each row (e.g. the digit asked for)."""
    grid = image_grid(images, columns)
    figure, ax = _figure(5, 5 * grid.shape[0] / grid.shape[1])
    ax.imshow(grid.squeeze(-1) if grid.shape[-1] == 1 else grid, cmap="gray", vmin=0, vmax=255)
    ax.set_xticks([])
    ax.set_yticks([])
    if row_labels is not None:
        h = images.shape[-2] + 2
        ax.set_yticks([2 + h * i + h / 2 - 1 for i in range(len(row_labels))], [str(r) for r in row_labels])
    ax.set_title(title)
    return figure


def _smooth(values, window: int) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    window = max(1, min(window, len(values)))
    return np.convolve(values, np.ones(window) / window, mode="valid")


def _plot_curves(ax, history, names, labels, window):
    x = np.asarray(history.epoch, dtype=float)
    for name, label in zip(names, labels):
        y = _smooth(getattr(history, name), window)
        ax.plot(x[len(x) - len(y):], y, label=label)
    ax.set_xlabel("epoch")
    ax.legend()


def plot_losses(history, smooth: int = 10) -> Figure:
    """Both losses over training (a moving average of ``smooth`` logged values).

    Reference lines: at D's indifference point the D loss is 2 ln 2 and the G loss is ln 2.
    """
    figure, ax = _figure()
    _plot_curves(ax, history, ("loss_d", "loss_g"), ("discriminator loss", "generator loss"), smooth)
    for level in (2 * np.log(2), np.log(2)):
        ax.axhline(level, color="gray", linestyle=":", linewidth=1)
    ax.set_ylabel("loss")
    ax.set_title("Losses (dotted: the values when D cannot tell real from fake)")
    return figure


def plot_d_outputs(history, smooth: int = 10) -> Figure:
    """Mean D(x) and D(G(z)) with the healthy band shaded.

    Healthy: both stay inside the band, D(x) above D(G(z)). Failing: D(G(z)) pinned near 0 (D has
    won, G learns nothing useful) or both flat at 0.5 from the start (D learns nothing).
    """
    figure, ax = _figure()
    ax.axhspan(*HEALTHY_BAND, color="green", alpha=0.08, label="healthy band")
    _plot_curves(ax, history, ("d_real", "d_fake"), ("D(x): real images", "D(G(z)): generated images"), smooth)
    ax.axhline(0.5, color="gray", linestyle=":", linewidth=1)
    ax.set_ylim(0, 1)
    ax.set_ylabel("mean probability of 'real'")
    ax.set_title("What the discriminator believes")
    return figure


def save_figure(figure: Figure, path, dpi: int = 100) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=dpi)
    return path


def save_image_grid(images: torch.Tensor, path, columns: int = 8) -> Path:
    """Write a grid of images as a PNG file, pixel for pixel (no axes, no resampling)."""
    from PIL import Image

    grid = image_grid(images, columns)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(grid.squeeze(-1) if grid.shape[-1] == 1 else grid).save(path)
    return path


def plot_histories(histories: dict, smooth: int = 10) -> Figure:
    """Several runs side by side: losses (top row) and mean D(x), D(G(z)) (bottom row), one column per run."""
    figure = Figure(figsize=(3.2 * len(histories), 5.2), layout="constrained")
    axes = figure.subplots(2, len(histories), squeeze=False)
    for column, (name, history) in enumerate(histories.items()):
        top, bottom = axes[0, column], axes[1, column]
        _plot_curves(top, history, ("loss_d", "loss_g"), ("D loss", "G loss"), smooth)
        top.set_title(name, fontsize=10)
        bottom.axhspan(*HEALTHY_BAND, color="green", alpha=0.08)
        _plot_curves(bottom, history, ("d_real", "d_fake"), ("D(x)", "D(G(z))"), smooth)
        bottom.set_ylim(0, 1)
    return figure


def plot_quality(curves: dict, floor: Optional[dict] = None) -> Figure:
    """The referee's numbers against training minutes, one line per run: Frechet distance, conditional
    accuracy and class KL (``curves``: name -> rows with ``minutes`` and the metrics; ``floor``: real data)."""
    figure = Figure(figsize=(11, 3.4), layout="constrained")
    panels = (("frechet_distance", "Frechet distance (log)", True), ("conditional_accuracy", "conditional accuracy", False),
              ("kl_from_uniform", "class-histogram KL (log)", True))
    for ax, (key, label, log) in zip(figure.subplots(1, 3), panels):
        for name, rows in curves.items():
            points = [(r["minutes"], r[key]) for r in rows if r.get(key) is not None]
            if points:
                ax.plot(*zip(*points), marker="o", label=name)
        if floor and floor.get(key) is not None:
            ax.axhline(floor[key], color="gray", linestyle=":", linewidth=1, label="real images")
        if log:
            ax.set_yscale("log")
        ax.set_xlabel("training minutes")
        ax.set_title(label, fontsize=10)
        ax.legend(fontsize=8)
    return figure
