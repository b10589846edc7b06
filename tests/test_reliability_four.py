"""Nothing silently wrong, round four: the faults a fresh tester round of issue 35 found in the current code.

A damaged MNIST labels file, a samples file judged by a referee of another data set, a config whose noise size is not
G's, a float image with no finite pixel, a symbolic-link loop in a folder, an empty picture grid, a step limit that no
message named, a checkpoint folder inside a file, and the Python API's own bad inputs (a seed too large for torch, a
file name given as images, a switch given for a list): each now ends in one line that says what to do, or is read
as it should be.
"""
import os
import shutil

import numpy as np
import pytest
import torch
from PIL import Image

from ganlib import TrainConfig, build_nets, evaluate_images, load_dataset, noise, sample_images, train
from ganlib.__main__ import main
from ganlib.data import MissingDataError, load_mnist
from ganlib.pictures import image_grid, save_image_grid, save_samples
from ganlib.places import project_root
from test_reliability import _one_line  # the one-line error the CLI promises


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))
    return tmp_path


def _mnist_copy(root):
    """The MNIST files where ``root`` is the data folder: links to the real ones, the labels copied (to damage)."""
    raw, real = root / "MNIST" / "raw", project_root() / "data" / "MNIST" / "raw"
    if not (real / "train-labels-idx1-ubyte").is_file():
        pytest.skip("the MNIST files are not in data/MNIST/raw")
    raw.mkdir(parents=True)
    for f in real.iterdir():
        if f.name.endswith("ubyte"):
            (raw / f.name).symlink_to(f.resolve()) if "labels" not in f.name else shutil.copy(f, raw / f.name)
    return raw


def test_a_damaged_mnist_label_is_one_line_not_a_traceback(data_home, capsys):
    raw = _mnist_copy(data_home / "data")
    labels = bytearray((raw / "train-labels-idx1-ubyte").read_bytes())
    labels[8] = 200  # the first label: 200, not a digit
    (raw / "train-labels-idx1-ubyte").write_bytes(labels)
    with pytest.raises(MissingDataError, match="are there but damaged .*labels from 0 to 200"):
        load_mnist(root=data_home / "data")
    assert main(["train", "cgan", "--max-steps", "2", "--out", str(data_home / "run"), "--no-progress"]) == 2
    _one_line(capsys, "damaged", "labels from 0 to 200")


def test_a_data_folder_that_is_a_file_is_said_so(tmp_path, monkeypatch, capsys):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "afile"))
    assert main(["train", "gan", "--max-steps", "2", "--out", str(tmp_path / "run"), "--no-progress"]) == 2
    _one_line(capsys, "is a file, not a folder", "GANLIB_DATA")


def test_a_samples_file_remembers_its_data_set_so_no_other_referee_judges_it(tmp_path, capsys):
    images = torch.randint(0, 256, (1000, 3, 32, 32), dtype=torch.uint8)
    labels = torch.arange(1000) % 10
    mine = save_samples(tmp_path / "mine.npz", images, labels, data="my_photos")
    assert main(["evaluate", str(mine)]) == 2
    _one_line(capsys, "came from a generator trained on my_photos", "no referee was trained on it", "--inception")
    cifar = save_samples(tmp_path / "cifar.npz", images, labels, data="cifar10")
    assert main(["evaluate", str(cifar)]) == 0  # judged by the CIFAR-10 referee, as before
    assert "conditional accuracy" in capsys.readouterr().out


def test_sample_records_the_data_set_the_generator_learned_from(tmp_path):
    path = tmp_path / "s.npz"
    assert main(["sample", "cdcgan", "--n", "16", "--out", str(path)]) == 0
    with np.load(path) as arrays:
        assert str(arrays["data"]) == "mnist"


def test_a_config_whose_noise_size_is_not_gs_is_refused_before_training():
    G, D = build_nets("gan")  # noise of 100
    images = torch.randint(0, 256, (32, 1, 28, 28), dtype=torch.uint8)
    with pytest.raises(ValueError, match="config.latent_dim is 64, but G takes noise of 100"):
        train(G, D, images, None, TrainConfig(latent_dim=64, batch_size=16, max_steps=1, progress=False))


def test_a_checkpoint_folder_inside_a_file_is_refused_at_once(tmp_path):
    (tmp_path / "afile").write_text("x")
    G, D = build_nets("gan")
    images = torch.randint(0, 256, (32, 1, 28, 28), dtype=torch.uint8)
    config = TrainConfig(batch_size=16, max_steps=1, progress=False, checkpoint_dir=tmp_path / "afile" / "sub")
    with pytest.raises(NotADirectoryError, match="lies inside .*afile, which is a file"):
        train(G, D, images, None, config)


def test_a_float_image_without_a_finite_pixel_is_skipped_and_nan_pixels_are_said(data_home, capsys):
    folder = data_home / "floats"
    folder.mkdir()
    Image.fromarray(np.full((16, 16), np.nan, np.float32), "F").save(folder / "a_all_nan.tif")
    some = np.random.default_rng(0).random((16, 16)).astype(np.float32)
    some[0, 0] = np.inf
    Image.fromarray(some, "F").save(folder / "b_one_inf.tif")
    Image.fromarray(np.full((16, 16), 0.5, np.float32), "F").save(folder / "c_fine.tif")
    images = load_dataset(folder, image_size=16).images  # a pathlib.Path is a folder's path too
    assert len(images) == 2
    err = capsys.readouterr().err
    assert "skipped 1 of 3 files" in err and "could not be read" in err and "NaN or infinite pixels of 1" in err


def test_a_symbolic_link_loop_is_skipped_and_counted(data_home, capsys):
    folder = data_home / "loop"
    folder.mkdir()
    for i in range(3):
        Image.new("RGB", (12, 12), (40 * i, 60, 90)).save(folder / f"{i}.png")
    try:
        os.symlink(folder / "y.png", folder / "x.png")
        os.symlink(folder / "x.png", folder / "y.png")
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")
    assert len(load_dataset(str(folder), image_size=12).images) == 3
    assert "2 broken links" in capsys.readouterr().err


def test_a_grid_of_no_images_or_no_columns_or_not_a_png_is_refused(tmp_path):
    with pytest.raises(ValueError, match="N at least 1"):
        save_image_grid(torch.zeros(0, 1, 28, 28), tmp_path / "empty.png")
    with pytest.raises(ValueError, match="columns must be a whole number, 1 or more"):
        image_grid(torch.zeros(4, 1, 28, 28), columns=0)
    with pytest.raises(ValueError, match="must end in .png"):
        save_image_grid(torch.zeros(4, 1, 28, 28), tmp_path / "grid.jpg")
    assert not list(tmp_path.iterdir())


def test_a_step_limit_is_named_where_training_starts_and_ends(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("GANLIB_SMOKE", raising=False)  # smoke mode caps the steps itself
    folder = tmp_path / "flat"
    folder.mkdir()
    for i in range(40):
        Image.new("RGB", (32, 32), (6 * i, 90, 200 - 4 * i)).save(folder / f"{i:02}.png")
    out = tmp_path / "run"
    assert main(["train", "dcgan", "--data", str(folder), "--image-size", "32", "--batch-size", "16", "--max-steps",
                 "3", "--out", str(out), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "at most 3 steps" in printed and "Finished max_steps = 3 steps (1.5 epochs)" in printed


@pytest.mark.parametrize("call, words", [
    (lambda G: sample_images(G, 4, seed=2 ** 64), "seed must be a whole number from 0 to 2**63 - 1"),
    (lambda G: sample_images(G, 2.5), "positive whole number, got 2.5"),
    (lambda G: sample_images(None, 4), "needs one of the course's generators"),
    (lambda G: noise(-1, 10), "n must be a whole number, 0 or more"),
    (lambda G: TrainConfig(health_checks=False), "health_checks must be a list"),
])
def test_the_python_api_says_what_was_wrong(call, words):
    G, _ = build_nets("gan")
    with pytest.raises(ValueError, match=words.replace("*", r"\*").replace("(", r"\(").replace(")", r"\)")):
        call(G)


def test_a_file_name_given_as_images_is_told_to_read_the_files_first():
    with pytest.raises(TypeError, match="read image files first"):
        evaluate_images("foo.png")


def test_data_set_names_are_read_whatever_their_case(monkeypatch):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert load_dataset("MNIST").images.shape[1:] == (1, 28, 28)
