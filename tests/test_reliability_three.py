"""Nothing silently wrong, round three: images read as they look, whatever form they come in.

32-bit integer TIFFs are scaled by the bit depth their values fill (an 8-bit picture saved as int32 came out
black); float images in [0, 1] that a resize pushed a little past the edges are still [0, 1] (a dim one was read
as [-1, 1]); ``show_images`` reads floats as training does (it took [0, 1] for [-1, 1]); a broken link in a folder
of images is skipped and counted like any unreadable file (it stopped the whole folder).
"""
import os

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from ganlib import build_nets, generate, image_grid, load_dataset, noise
from ganlib.pictures import show_images
from ganlib.pixels import as_uint8_images


def _one_line(capsys, *expected):
    err = capsys.readouterr().err
    assert all(text in err for text in expected), err
    assert err.count("\n") == 1 and err.startswith("Warning: ") and "Traceback" not in err, err
    return err


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """``load_dataset`` caches a folder's images in the data folder: one of the test's own."""
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))
    return tmp_path


def _image(path, colour=(120, 60, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (12, 12), colour).save(path)


def _broken_link(path):
    """A symbolic link to a file that is not there (skips where links cannot be made, as on some Windows set-ups)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(path.parent / "gone.png", path)
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")


# ---- 1. 32-bit integer images --------------------------------------------------------------------------------

def test_32_bit_integer_tiffs_are_scaled_by_the_depth_their_values_fill(data_home, capsys):
    folder = data_home / "scans"
    folder.mkdir()
    Image.fromarray(np.full((20, 20), 200, np.int32)).save(folder / "a_eight.tif")  # mode "I", 8-bit values
    Image.fromarray(np.full((20, 20), 40000, np.int32)).save(folder / "b_sixteen.tif")  # 16-bit values
    ramp = np.tile(np.linspace(-5, 10 ** 7, 20).astype(np.int32), (20, 1))  # neither: stretched
    Image.fromarray(ramp).save(folder / "c_wide.tif")
    images = load_dataset(str(folder), image_size=20).images
    assert images.shape == (3, 1, 20, 20)  # grey scans: one channel, as they look
    assert images[0].min() == images[0].max() == 200  # not 200 / 257, black
    assert images[1].min() == images[1].max() == round(40000 / 257)
    assert images[2, :, :, 0].max() < 5 and images[2, :, :, -1].min() > 250
    conversions, grey = capsys.readouterr().err.splitlines()
    for said in ("read 1 32-bit integer one as 8-bit (values up to 255)",
                 "read 1 32-bit integer one as 16-bit (values up to 65535)",
                 "stretched 1 32-bit integer one to 8 bits from lowest to highest value"):
        assert said in conversions
    assert "is grey: loaded with one channel" in grey


# ---- 2. floats in [0, 1] with a resize's overshoot ------------------------------------------------------------

def _resized_bar(brightness):
    """A bright bar on black in [0, 1], doubled in size by bicubic interpolation: it rings past both ends."""
    bar = torch.zeros(2, 1, 16, 16)
    bar[:, :, :, 6:10] = brightness
    return F.interpolate(bar, size=(32, 32), mode="bicubic", align_corners=False)


@pytest.mark.parametrize("brightness", [1.0, 0.6])
def test_a_resized_zero_to_one_image_that_overshoots_stays_zero_to_one(brightness):
    images = _resized_bar(brightness)
    assert images.min() < -0.02 and images.max() > brightness  # the overshoot this is about
    expected = (images.clamp(0, 1) * 255).round().to(torch.uint8)
    assert torch.equal(as_uint8_images(images), expected)


@pytest.mark.parametrize("low,high,reading", [
    (-0.02, 1.03, "[0, 1]"), (-0.02, 0.6, "[0, 1]"), (0.0, 0.6, "[0, 1]"),
    (-0.9, 0.8, "[-1, 1]"), (-1.0, -0.2, "[-1, 1]"), (-0.03, 0.03, "[-1, 1]"),  # the last: an untrained generator
])
def test_the_range_rule_tells_an_overshoot_from_minus_one_to_one(low, high, reading):
    images = torch.linspace(low, high, 64).reshape(1, 1, 8, 8)
    if reading == "[0, 1]":
        expected = (images.clamp(0, 1) * 255).round().to(torch.uint8)
    else:
        expected = ((images + 1) * 127.5).round().to(torch.uint8)
    assert torch.equal(as_uint8_images(images), expected)


def test_an_untrained_generator_still_reads_as_minus_one_to_one():
    G, _ = build_nets("dcgan", image_shape=(1, 28, 28))
    fake = generate(G, noise(16, G.latent_dim, seed=0))
    assert -0.2 < fake.min() and fake.max() < 0.2  # all near 0: mid grey, not black
    assert 100 < as_uint8_images(fake).float().mean() < 155


def test_floats_far_outside_both_ranges_say_how_to_cut_an_overshoot():
    with pytest.raises(ValueError, match=r"from -0\.5 to 1\.3: .*images\.clamp\(0, 1\)"):
        as_uint8_images(torch.linspace(-0.5, 1.3, 16).reshape(1, 1, 4, 4))


# ---- 3. pictures read images as training does -----------------------------------------------------------------

@pytest.mark.parametrize("images", [
    torch.full((4, 1, 6, 6), 0.5),  # [0, 1], e.g. from ToTensor: mid grey, not light grey
    torch.linspace(0, 1, 4 * 3 * 6 * 6).reshape(4, 3, 6, 6),
    torch.linspace(-1, 1, 4 * 3 * 6 * 6).reshape(4, 3, 6, 6),
    torch.arange(4 * 6 * 6).reshape(4, 1, 6, 6) % 256,  # whole numbers 0..255
])
def test_show_images_reads_floats_as_training_does(images):
    expected = as_uint8_images(images)
    grid = image_grid(images, columns=2)
    assert np.array_equal(grid[2:8, 2:8], expected[0].permute(1, 2, 0).numpy())
    assert np.array_equal(grid[10:16, 10:16], expected[3].permute(1, 2, 0).numpy())
    shown = np.asarray(show_images(images, columns=2).axes[0].images[0].get_array())
    assert np.array_equal(shown, grid.squeeze(-1) if grid.shape[-1] == 1 else grid)


# ---- 4. broken links ------------------------------------------------------------------------------------------

def test_a_broken_link_in_a_class_folder_is_skipped_and_counted(data_home, capsys):
    pets = data_home / "pets"
    _image(pets / "cat" / "a.png", (250, 0, 0))
    _image(pets / "dog" / "b.png", (0, 0, 250))
    _broken_link(pets / "cat" / "moved.jpg")
    for _ in range(2):  # decoded, then from the cache: the same images, the same line
        data = load_dataset(str(pets), image_size=8)
        assert data.images.shape == (2, 3, 8, 8) and data.labels.tolist() == [0, 1] and data.classes == ("cat", "dog")
        _one_line(capsys, "skipped 1 of 3 files", "1 broken link (its file is gone, so fix or remove it)")


def test_a_broken_link_directly_in_a_folder_is_counted_too(data_home, capsys):
    flat = data_home / "flat"
    _image(flat / "a.png")
    _broken_link(flat / "b.png")
    _broken_link(flat / "c.png")
    assert load_dataset(str(flat), image_size=8).images.shape == (1, 3, 8, 8)  # it was left out without a word
    _one_line(capsys, "skipped 2 of 3 files", "2 broken links (their files are gone, or they point at each other: fix or remove them)")
    (flat / "a.png").unlink()
    with pytest.raises(ValueError, match="none of the 2 image files .* could be read: 2 are broken links"):
        load_dataset(str(flat), image_size=8)
