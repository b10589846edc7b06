"""GIFs, grids and curve plots."""
import imageio.v3 as iio
import numpy as np
import pytest
import torch

from ganlib import History, history_gif, image_grid, plot_d_outputs, plot_losses, save_gif, save_image_grid
from ganlib.folders import evenly_spaced
from ganlib.pictures import LABEL_HEIGHT


def _snapshots(n_frames, n_images=64):
    return [torch.full((n_images, 1, 28, 28), 25 * i, dtype=torch.uint8) for i in range(n_frames)]


def test_gif_has_one_frame_per_snapshot_and_a_pause_at_the_end(tmp_path):
    path = save_gif(_snapshots(5), [0, 0.5, 1, 1.5, 2], tmp_path / "training.gif", frame_ms=100, last_frame_ms=1500)
    frames = iio.imread(path, index=None)
    assert frames.shape[0] == 5
    assert frames.shape[1:3] == (8 * 30 + 2 + LABEL_HEIGHT, 8 * 30 + 2)
    durations = [iio.immeta(path, index=i)["duration"] for i in range(5)]
    assert durations[:4] == [100] * 4 and durations[4] == 1500
    # The caption strip carries text: some of its pixels are lit.
    assert frames[0, :LABEL_HEIGHT].max() > 0


def test_history_gif_keeps_at_most_max_frames_including_first_and_last(tmp_path):
    history = History(snapshots=_snapshots(10, 80), snapshot_epochs=list(range(10)))
    frames = iio.imread(history_gif(history, tmp_path / "h.gif", max_frames=4), index=None)
    assert frames.shape[0] == 4
    assert evenly_spaced(10, 4) == [0, 3, 6, 9] and evenly_spaced(3, 30) == [0, 1, 2]
    # First frame is the all-black snapshot, last the brightest (25 * 9 = 225).
    assert frames[0, LABEL_HEIGHT + 5, 5].max() == 0 and frames[-1, LABEL_HEIGHT + 5, 5].max() >= 216


def test_a_single_snapshot_makes_a_still_gif(tmp_path):
    path = save_gif(_snapshots(1), [0], tmp_path / "one.gif")
    assert iio.imread(path, index=None).shape[0] == 1


def test_gif_rejects_mismatched_input(tmp_path):
    with pytest.raises(ValueError, match="one epoch per snapshot"):
        save_gif(_snapshots(3), [0, 1], tmp_path / "bad.gif")


def test_image_grid_tiles_images_in_rows():
    images = torch.stack([torch.full((1, 28, 28), i, dtype=torch.uint8) for i in range(20)])
    grid = image_grid(images, columns=8)
    assert grid.shape == (3 * 30 + 2, 8 * 30 + 2, 1)
    assert grid[2, 2 + 30 * 3, 0] == 3 and grid[2 + 30, 2, 0] == 8  # row-major order
    floats = image_grid(torch.ones(4, 3, 32, 32), columns=2)  # [-1, 1] floats are converted
    assert floats.shape == (2 * 34 + 2, 2 * 34 + 2, 3) and floats.max() == 255


def test_png_grid_and_curves(tmp_path):
    save_image_grid(torch.zeros(16, 1, 28, 28, dtype=torch.uint8), tmp_path / "grid.png", columns=4)
    assert iio.imread(tmp_path / "grid.png").shape == (4 * 30 + 2, 4 * 30 + 2)
    history = History(step=list(range(1, 51)), epoch=list(np.linspace(0.02, 1, 50)), loss_d=[1.3] * 50,
                      loss_g=[0.8] * 50, d_real=[0.6] * 50, d_fake=[0.4] * 50)
    for figure in (plot_losses(history), plot_d_outputs(history)):
        assert len(figure.axes[0].lines) >= 2
