"""Training-progress GIFs: the fixed-noise snapshots of a History, one frame each, labelled with the epoch."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import torch

from .plotting import image_grid

LABEL_HEIGHT = 14  # pixels of caption strip above each frame
GREY_LEVELS = 32  # fewer distinct greys compress far better; 32 look the same as 256 at this size
MAX_FRAMES = 30  # keeps a GIF of a long run a few hundred kB, quick to show on GitHub
MAX_COLOUR_FRAMES = 12  # a colour frame compresses far worse (about 75 kB for 80 CIFAR-10 images): under 1 MB
COLOUR_FRAME_PIXELS = 80 * 32 * 32  # and shows at most this many image pixels: all 80 CIFAR-10 images, 16 faces


def labelled_frame(images: torch.Tensor, caption: str, columns: int = 8, scale: int = 1) -> np.ndarray:
    """One GIF frame: the image grid with ``caption`` written in a strip above it (uint8 RGB)."""
    from PIL import Image, ImageDraw

    step = 256 // GREY_LEVELS
    grid = np.minimum((image_grid(images, columns).astype(np.int32) + step // 2) // step * step, 255)
    grid = grid.astype(np.uint8)
    grid = np.repeat(grid, 3, axis=-1) if grid.shape[-1] == 1 else grid
    frame = Image.new("RGB", (grid.shape[1], grid.shape[0] + LABEL_HEIGHT), "black")
    frame.paste(Image.fromarray(grid), (0, LABEL_HEIGHT))
    ImageDraw.Draw(frame).text((3, 1), caption, fill="white")
    if scale > 1:
        frame = frame.resize((frame.width * scale, frame.height * scale), Image.NEAREST)
    return np.asarray(frame)


def save_gif(snapshots: Sequence[torch.Tensor], epochs: Sequence[float], path, columns: int = 8,
             frame_ms: int = 200, last_frame_ms: int = 2000, scale: int = 1) -> Path:
    """Write the snapshots as a looping GIF; the last frame stays up for ``last_frame_ms`` milliseconds."""
    import imageio.v3 as iio

    if len(snapshots) == 0 or len(snapshots) != len(epochs):
        raise ValueError(f"need one epoch per snapshot and at least one snapshot, got "
                         f"{len(snapshots)} snapshots and {len(epochs)} epochs")
    frames = [labelled_frame(s, f"epoch {e:g}", columns, scale) for s, e in zip(snapshots, epochs)]
    durations = [frame_ms] * (len(frames) - 1) + [last_frame_ms] if len(frames) > 1 else last_frame_ms
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    iio.imwrite(path, np.stack(frames), extension=".gif", duration=durations, loop=0)
    return path


def evenly_spaced(n: int, k: int) -> list:
    """At most ``k`` indices out of ``range(n)``, evenly spread, always keeping the first and the last."""
    if n <= k:
        return list(range(n))
    return sorted({round(i * (n - 1) / (k - 1)) for i in range(k)})


def history_gif(history, path, max_frames: Optional[int] = None, **options) -> Path:
    """The training GIF of a History: its snapshots in order, at most ``max_frames`` of them (default: 30
    for grey images, 12 for colour, whose frames also keep only the first rows of large images)."""
    _, channels, height, width = history.snapshots[0].shape
    columns, shown = history.snapshot_columns, len(history.snapshots[0])
    if channels == 3:
        shown = min(shown, max(columns, COLOUR_FRAME_PIXELS // (height * width) // columns * columns))
    if max_frames is None:
        max_frames = MAX_COLOUR_FRAMES if channels == 3 else MAX_FRAMES
    keep = evenly_spaced(len(history.snapshots), max_frames)
    return save_gif([history.snapshots[i][:shown] for i in keep], [history.snapshot_epochs[i] for i in keep], path,
                    columns, **options)


def show_gif(path):
    """Show a GIF in a notebook. In Colab it is embedded (the session's files are not on the web); elsewhere
    the output links the file, so a saved notebook stays small and GitHub shows the GIF from ``report/``."""
    import os
    import sys

    from IPython.display import Image, Markdown

    path = Path(path)
    if "google.colab" in sys.modules:
        return Image(filename=str(path))
    try:
        link = Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:  # another drive on Windows
        link = path.resolve().as_posix()
    return Markdown(f"![training progress]({link})")
