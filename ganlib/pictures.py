"""Pictures of a training run: image grids, loss curves, D(x)/D(G(z)) curves, and training-progress GIFs.

Every plotting function returns a matplotlib Figure (a notebook shows it; ``save_figure`` writes it), and
nothing here changes global matplotlib settings. A GIF holds the History's fixed-noise snapshots, one frame
each, labelled with the epoch.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, Sequence

import imageio.v3 as iio
import numpy as np
import torch
from matplotlib.figure import Figure
from PIL import Image, ImageDraw

from .arguments import number, plain_value, whole
from .files import atomic_write, atomic_write_bytes
from .folders import evenly_spaced
from .pixels import as_uint8_images, channels_first, tensor_of
from .places import data_set_name
from .sampling import are_class_numbers


# Where a healthy run keeps both curves: D is neither sure that real images are real nor that
# fakes are fake. Both at 0.5 is the theoretical equilibrium D*(x) = 1/2.
HEALTHY_BAND = (0.2, 0.8)


def image_grid(images: torch.Tensor, columns: int = 8, padding: int = 2) -> np.ndarray:
    """A batch ``(N, C, H, W)`` (or channels last, ``(N, H, W, C)``) tiled into one uint8 picture (H', W', C): uint8, or floats in [0, 1] or [-1, 1] read
    as training reads them (``as_uint8_images``), so a picture shows what the nets would be given."""
    images = as_uint8_images(images).cpu()
    if images.dim() == 3 and len(images):  # MNIST's own layout, (N, 28, 28): grey images without their channel axis
        raise ValueError(f"a grid needs images (N, C, H, W), got shape {tuple(images.shape)}: grey images need their "
                         f"channel axis, images[:, None] (or .unsqueeze(1)), shape {(images.shape[0], 1, *images.shape[1:])}")
    images = channels_first(images)  # (N, H, W, C), as image files hold them
    if images.dim() != 4 or len(images) == 0:
        raise ValueError(f"a grid needs a batch of images (N, C, H, W) with N at least 1, got shape {tuple(images.shape)}")
    if whole(columns) is None or columns < 1:
        raise ValueError(f"columns must be a whole number, 1 or more, got {columns!r}")
    columns = whole(columns)
    if whole(padding) is None or padding < 0:
        raise ValueError(f"padding must be a whole number of pixels, 0 or more, got {padding!r}")
    n, c, h, w = images.shape
    if h == 0 or w == 0:
        raise ValueError(f"these images have no pixels (shape {tuple(images.shape)}): a grid needs images of at least "
                         "1 x 1 pixel")
    columns = min(columns, n)  # more columns than images would only draw padding
    if padding > 4 * max(h, w):
        raise ValueError(f"padding {padding} is larger than the images ({h} x {w}) four times over: a grid's padding is "
                         "a few pixels (2 by default)")
    if c not in (1, 3):  # 2 would be written as grey + transparency, 4 as colour + transparency
        raise ValueError(f"a grid shows grey (1 channel) or colour (3 channels) images, got {c} channels in images of "
                         f"shape {tuple(images.shape)}: images are (N, C, H, W), channels second")
    rows = -(-n // columns)
    grid = torch.zeros(c, rows * (h + padding) + padding, columns * (w + padding) + padding, dtype=torch.uint8)
    for i in range(n):
        top, left = padding + (i // columns) * (h + padding), padding + (i % columns) * (w + padding)
        grid[:, top:top + h, left:left + w] = images[i]
    return grid.permute(1, 2, 0).numpy()


def _figure(width: float = 6, height: float = 4):
    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def draw_grid(ax, grid: np.ndarray) -> None:
    """Show a tile of ``image_grid`` in ``ax``: grey images as grey, colour as colour, pixel values as they are."""
    ax.imshow(grid.squeeze(-1) if grid.shape[-1] == 1 else grid, cmap="gray", vmin=0, vmax=255)


def show_images(images: torch.Tensor, columns: int = 8, title: str = "", row_labels=None) -> Figure:
    """An image grid as a figure, with optional labels for each row (e.g. the digit asked for); the images may be
    uint8 or floats in [0, 1] or [-1, 1], as ``image_grid`` takes them."""
    grid = image_grid(images, columns)
    figure, ax = _figure(5, 5 * grid.shape[0] / grid.shape[1])
    draw_grid(ax, grid)
    ax.set_xticks([])
    ax.set_yticks([])
    if row_labels is not None:
        n = len(images)  # the grid drew them, so they are a batch; channels first or last
        rows = -(-n // min(whole(columns), n))
        h = (grid.shape[0] - 2) / rows
        if isinstance(row_labels, (str, bytes)) or not hasattr(row_labels, "__len__"):
            raise TypeError(f"row_labels must be a list, one label per row of the grid, got {row_labels!r:.40}")
        if len(row_labels) != rows:
            raise ValueError(f"{len(row_labels)} row labels for a grid of {rows} row{'s' if rows != 1 else ''}: give one "
                             f"label per row (the grid has {columns} columns)")
        ax.set_yticks([2 + h * i + h / 2 - 1 for i in range(rows)], [str(r) for r in row_labels])
    ax.set_title(title)
    return figure


def _smooth(values, window: int) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if len(values) == 0:  # a run stopped before its first logged step: nothing to draw, nothing to fail on
        return values
    window = max(1, min(window, len(values)))
    return np.convolve(values, np.ones(window) / window, mode="valid")


def plot_curves(ax, history, names, labels, window):
    """Draw the History's curves ``names`` (smoothed over ``window`` logged values; None or 0: not smoothed) onto
    ``ax`` against epochs."""
    if window is not None and (whole(window) is None or window < 0):
        raise ValueError(f"smooth must be a whole number of logged values to average, 1 or more (None, 0 or 1: no "
                         f"smoothing), got {window!r}")
    window = max(1, whole(window) or 1)
    x = np.asarray(history.epoch, dtype=float)
    for name, label in zip(names, labels):
        y = _smooth(getattr(history, name), window)
        ax.plot(x[len(x) - len(y):], y, label=label, marker="o" if len(y) < 3 else None)
    if not len(x):
        ax.text(0.5, 0.5, "no training step was logged", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("epoch")
    ax.legend()


def plot_losses(history, smooth: int = 10) -> Figure:
    """Both losses over training (a moving average of ``smooth`` logged values).

    Reference lines: at D's indifference point the D loss is 2 ln 2 and the G loss is ln 2.
    """
    if not hasattr(history, "loss_d"):
        raise TypeError(f"plot_losses takes the History that train returned, got {type(history).__name__}")
    figure, ax = _figure()
    plot_curves(ax, history, ("loss_d", "loss_g"), ("discriminator loss", "generator loss"), smooth)
    for level in (2 * np.log(2), np.log(2)):
        ax.axhline(level, color="gray", linestyle=":", linewidth=1)
    ax.set_ylabel("loss")
    ax.set_title("Losses (dotted: the values when D cannot tell real from fake)")
    return figure


def plot_d_outputs(history, smooth: int = 10) -> Figure:
    """Mean D(x) and D(G(z)) with the healthy band shaded.

    Healthy: both stay inside the band, D(x) above D(G(z)). Failing: D(G(z)) pinned near 0 (D has
    won, G learns nothing useful) or both flat at 0.5 from the start (D learns nothing). A hinge or Wasserstein
    D gives scores instead (``history.d_outputs``): they are drawn as they are, with no band.
    """
    if not hasattr(history, "d_real"):
        raise TypeError(f"plot_d_outputs takes the History that train returned, got {type(history).__name__}")
    figure, ax = _figure()
    scores = getattr(history, "d_outputs", "probability") == "score"  # a hinge or Wasserstein D: no probabilities
    if not scores:
        ax.axhspan(*HEALTHY_BAND, color="green", alpha=0.08, label="healthy band")
    plot_curves(ax, history, ("d_real", "d_fake"), ("D(x): real images", "D(G(z)): generated images"), smooth)
    ax.axhline(0.0 if scores else 0.5, color="gray", linestyle=":", linewidth=1)
    if scores:
        ax.set_ylabel("mean score (higher: more real)")
        ax.set_title("What the discriminator scores: the gap between the curves is its distance estimate")
    else:
        ax.set_ylim(0, 1)
        ax.set_ylabel("mean probability of 'real'")
        ax.set_title("What the discriminator believes")
    return figure


def save_figure(figure: Figure, path, dpi: int = 100) -> Path:
    """Write ``figure`` (its format from the file name: .png, .pdf, .svg), atomically."""
    if not callable(getattr(figure, "savefig", None)):
        grid = " (an image grid: write it with save_image_grid(images, 'grid.png'))" if isinstance(figure, np.ndarray) else ""
        raise TypeError(f"save_figure writes a matplotlib figure (what show_images, plot_losses or Figure() give), "
                        f"got a {type(figure).__name__}{grid}")
    if isinstance(path, str) and path.endswith(("/", os.sep)):
        raise ValueError(f"{path} names a folder: give the figure's file name in it, e.g. {path}losses.png")
    path = Path(path)
    if not path.suffix:
        raise ValueError(f"{path} has no file type: end the name in .png (or .pdf, .svg), e.g. {path}.png")
    if number(dpi) is None or not 1 <= number(dpi) <= 2400:
        raise ValueError(f"dpi must be a number of dots per inch, 1 to 2400 (100 by default; 300 for print), got {dpi!r:.40}")
    dpi = number(dpi)
    return atomic_write(path, lambda file: figure.savefig(file, dpi=dpi, format=path.suffix.lstrip(".") or "png"))


def _path_second(call: str, first, path) -> None:
    """A TypeError for a file's path given first (the order of save_samples and save_checkpoint), or a path that is
    no path at all: Python's own message would blame pathlib."""
    if isinstance(first, (str, os.PathLike)):
        raise TypeError(f"{call} takes the file's path last: got the path {str(first)!r} first")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{call}: path must be a file name (text or a pathlib.Path), got a {type(path).__name__}")


def save_image_grid(images: torch.Tensor, path, columns: int = 8) -> Path:
    """Write a grid of images as a PNG file, pixel for pixel (no axes, no resampling)."""
    _path_second("save_image_grid(images, path, ...)", images, path)
    if Path(path).suffix.lower() != ".png":
        raise ValueError(f"cannot write {Path(path).name}: the grid is a PNG file, so its name must end in .png")
    grid = image_grid(images, columns)
    picture = Image.fromarray(grid.squeeze(-1) if grid.shape[-1] == 1 else grid)
    return atomic_write(path, lambda file: picture.save(file, format="PNG"), grid.size)


LABEL_HEIGHT = 14  # pixels of caption strip above each frame

GREY_LEVELS = 32  # fewer distinct greys compress far better; 32 look the same as 256 at this size

MAX_FRAMES = 30  # keeps a GIF of a long run a few hundred kB, quick to show on GitHub

MAX_COLOUR_FRAMES = 12  # a colour frame compresses far worse (about 75 kB for 80 CIFAR-10 images): under 1 MB

COLOUR_FRAME_PIXELS = 80 * 32 * 32  # and shows at most this many image pixels: all 80 CIFAR-10 images, 16 faces


def _check_scale(scale) -> int:
    if whole(scale) is None or not 1 <= whole(scale) <= 16:
        raise ValueError(f"scale must be a whole number from 1 to 16 (each pixel drawn as scale x scale), got {scale!r}")
    return whole(scale)


def labelled_frame(images: torch.Tensor, caption: str, columns: int = 8, scale: int = 1) -> np.ndarray:
    """One GIF frame: the image grid with ``caption`` written in a strip above it (uint8 RGB)."""
    scale = _check_scale(scale)
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
    _path_second("save_gif(snapshots, epochs, path, ...)", snapshots, path)
    if Path(path).suffix.lower() != ".gif":
        raise ValueError(f"a GIF's file name ends in .gif, got {str(path)!r}: name it e.g. training.gif")
    if len(snapshots) == 0 or len(snapshots) != len(epochs):
        raise ValueError(f"need one epoch per snapshot and at least one snapshot, got "
                         f"{len(snapshots)} snapshots and {len(epochs)} epochs")
    _check_scale(scale)
    for name, ms in (("frame_ms", frame_ms), ("last_frame_ms", last_frame_ms)):
        if whole(ms) is None or not 10 <= whole(ms) <= 60_000:
            raise ValueError(f"{name} must be a whole number of milliseconds from 10 to 60,000, got {ms!r}")
    epochs = [plain_value(e) for e in epochs]  # NumPy's numbers and a tensor's elements are the numbers they hold
    if not all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in epochs):
        raise TypeError(f"epochs must be numbers, one per snapshot (e.g. history.snapshot_epochs), got {list(epochs)[:3]!r}")
    if not all(np.isfinite(e) for e in epochs):  # a frame captioned "epoch nan" says nothing
        raise ValueError(f"epochs must be finite numbers, one per snapshot, got {list(epochs)[:3]!r}")
    shapes = {tuple(getattr(s, "shape", ())) for s in snapshots}
    if len(shapes) > 1:
        raise ValueError(f"the snapshots must all have one shape to be frames of one GIF, got {sorted(shapes)}")
    frames = [labelled_frame(s, f"epoch {float(e):g}", columns, whole(scale)) for s, e in zip(snapshots, epochs)]
    durations = [frame_ms] * (len(frames) - 1) + [last_frame_ms] if len(frames) > 1 else last_frame_ms
    data = iio.imwrite("<bytes>", np.stack(frames), extension=".gif", duration=durations, loop=0)
    return atomic_write_bytes(path, data)


def history_gif(history, path, max_frames: Optional[int] = None, **options) -> Path:
    """The training GIF of a History: its snapshots in order, at most ``max_frames`` of them (default: 30
    for grey images, 12 for colour, whose frames also keep only the first rows of large images)."""
    _path_second("history_gif(history, path, ...)", history, path)
    if not getattr(history, "snapshots", None):
        raise ValueError("this History has no snapshots, so there is no GIF to make: a run takes one at the end of "
                         "each epoch (and after its last step); train first, or give the History that train returned")
    if len(history.snapshot_epochs) != len(history.snapshots):
        raise ValueError(f"this History has {len(history.snapshots)} snapshots but {len(history.snapshot_epochs)} "
                         "snapshot epochs: it was edited or put together from two runs; give the History train returned")
    _, channels, height, width = history.snapshots[0].shape
    # the grid's columns are the run's own (one row per class for conditional nets), unless asked for
    columns, shown = options.pop("columns", history.snapshot_columns), len(history.snapshots[0])
    if channels == 3:
        shown = min(shown, max(columns, COLOUR_FRAME_PIXELS // (height * width) // columns * columns))
    if max_frames is None:
        max_frames = MAX_COLOUR_FRAMES if channels == 3 else MAX_FRAMES
    if whole(max_frames) is None or max_frames < 1:
        raise ValueError(f"max_frames must be a whole number, 1 or more (the frames the GIF may hold), got {max_frames!r}")
    keep = evenly_spaced(len(history.snapshots), max_frames)
    return save_gif([history.snapshots[i][:shown] for i in keep], [history.snapshot_epochs[i] for i in keep], path,
                    columns, **options)


def show_gif(path):
    """Show a GIF in a notebook. In Colab it is embedded (the session's files are not on the web); elsewhere
    the output links the file, so a saved notebook stays small and GitHub shows the GIF from ``report/``."""
    from IPython.display import Image as Picture, Markdown  # IPython is there only inside Jupyter: imported on use

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"show_gif takes the path of a GIF file (what history_gif returns), got "
                        f"{type(path).__name__}: gif = history_gif(history, 'training.gif'), then show_gif(gif)")
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder: name the .gif file in it, e.g. {path / 'training.gif'}")
    if not path.is_file():
        raise FileNotFoundError(f"no GIF at {path}: history_gif(history, path) writes one (check the name)")
    if "google.colab" in sys.modules:
        return Picture(filename=str(path))
    try:
        link = Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:  # another drive on Windows
        link = path.resolve().as_posix()
    return Markdown(f"![training progress]({link})")


def save_samples(path, images: torch.Tensor, labels: Optional[torch.Tensor] = None, columns: int = 8,
                 data: Optional[str] = None):
    """Write samples as a PNG grid (``.png``) or as arrays (``.npz``: ``images`` uint8 N x H x W, or
    N x H x W x 3 for colour, ``labels`` int64 N for conditional generators, and ``data``, the data set the generator
    learned from, so that ``evaluate`` judges the file with a referee of that data set only)."""
    if isinstance(path, torch.Tensor) and isinstance(images, (str, os.PathLike)):
        raise TypeError("save_samples(path, images, ...) takes the file's path first, then the images")
    path = Path(path)
    if path.suffix.lower() not in (".png", ".npz"):
        raise ValueError(f"cannot write {path.name}: the file name must end in .png (a grid) or .npz (arrays)")
    if data is not None and not isinstance(data, (str, os.PathLike)):
        raise TypeError(f"data names the data set the generator learned from (e.g. 'mnist'), got {data!r:.40}")
    if labels is not None:
        try:
            labels = tensor_of(labels).cpu()
        except (TypeError, ValueError, RuntimeError):
            raise ValueError(f"labels must be class numbers (whole, 0 or more), got {labels!r:.60}") from None
        if not are_class_numbers(labels, 2 ** 31):
            raise ValueError(f"labels must be class numbers, whole and 0 or more, got {labels.flatten()[:5].tolist()}")
        if labels.shape != (len(images),):
            raise ValueError(f"{len(images)} images need {len(images)} labels, one each, got shape {tuple(labels.shape)}")
    if path.suffix.lower() == ".png":  # a picture keeps no labels (they were checked all the same)
        return save_image_grid(images, path, columns)
    images = as_uint8_images(images).cpu()  # float images too: the file holds uint8 pixels, as its reader expects
    if images.dim() != 4 or images.shape[1] not in (1, 3):
        raise ValueError(f"samples must be a batch of grey or colour images (N, 1 or 3, H, W), got shape "
                         f"{tuple(images.shape)}")
    arrays = {"images": images.permute(0, 2, 3, 1).numpy()}  # channels last, as image files are
    if arrays["images"].shape[-1] == 1:
        arrays["images"] = arrays["images"][..., 0]
    if labels is not None:
        arrays["labels"] = labels.numpy().astype(np.int64)
    if data is not None:
        arrays["data"] = np.array(data_set_name(str(data)))  # "MNIST" as the course spells it, so evaluate knows it
    return atomic_write(path, lambda file: np.savez_compressed(file, **arrays), sum(a.nbytes for a in arrays.values()))
