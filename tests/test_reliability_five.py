"""Nothing silently wrong, round five: what the fourth tester round of issue 35 left.

A folder of grey photos loaded as three equal colour channels, small pictures blown up and long thin ones cut to a
fraction without a word, ``load_mnist(train="no")`` loading the training set (any word is true in Python), and a
Ctrl-C while the command line is still loading PyTorch ending in a page of traceback: each is now said in one line.
"""
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PIL import Image

from ganlib import load_dataset, load_mnist
from ganlib.data import load_cifar10
from ganlib.places import project_root


def _save(path, array):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path)


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))  # the folder cache goes there, not into data/
    return tmp_path


def test_a_folder_of_grey_photos_loads_with_one_channel(data_home, capsys):
    rng = np.random.default_rng(0)
    for i in range(3):
        _save(data_home / "grey" / f"{i}.png", rng.integers(0, 256, (40, 40), dtype=np.uint8))  # mode L
    _save(data_home / "grey" / "3.jpg", np.repeat(rng.integers(0, 256, (40, 40, 1), dtype=np.uint8), 3, axis=2))
    images = load_dataset(str(data_home / "grey"), image_size=32).images
    assert images.shape == (4, 1, 32, 32)
    err = capsys.readouterr().err
    assert "is grey: loaded with one channel" in err and err.count("\n") == 1


def test_one_colour_photo_keeps_a_folder_in_colour(data_home, capsys):
    rng = np.random.default_rng(0)
    _save(data_home / "mixed" / "grey.png", rng.integers(0, 256, (40, 40), dtype=np.uint8))
    colour = rng.integers(0, 256, (40, 40, 3), dtype=np.uint8)
    _save(data_home / "mixed" / "colour.png", colour)
    assert load_dataset(str(data_home / "mixed"), image_size=32).images.shape == (2, 3, 32, 32)
    assert "grey" not in capsys.readouterr().err


def test_small_pictures_are_said_to_be_enlarged_and_thin_ones_cut(data_home, capsys):
    rng = np.random.default_rng(0)
    _save(data_home / "odd" / "small.png", rng.integers(0, 256, (20, 20, 3), dtype=np.uint8))
    _save(data_home / "odd" / "strip.png", rng.integers(0, 256, (40, 200, 3), dtype=np.uint8))
    _save(data_home / "odd" / "fine.png", rng.integers(0, 256, (48, 40, 3), dtype=np.uint8))
    assert load_dataset(str(data_home / "odd"), image_size=32).images.shape == (3, 3, 32, 32)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read 3 images" in err
    assert "enlarged 1 image smaller than the size asked for (blurred)" in err
    assert "cut 1 long thin one to its centre square, less than half of the picture" in err


def test_pictures_of_the_right_size_load_without_a_word(data_home, capsys):
    rng = np.random.default_rng(0)
    for i in range(2):
        _save(data_home / "plain" / f"{i}.png", rng.integers(0, 256, (32, 60, 3), dtype=np.uint8))
    load_dataset(str(data_home / "plain"), image_size=32)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("train", ["no", "False", None, 2, 0.5, [True]])
def test_train_must_be_true_or_false(train, data_home):
    for load in (load_mnist, load_cifar10, lambda train: load_dataset("mnist", train=train)):
        with pytest.raises(TypeError, match=r"train must be True \(the training images\) or False \(the test images\)"):
            load(train=train)


def test_train_as_zero_or_one_is_fine():
    if not (project_root() / "data" / "MNIST" / "raw" / "t10k-images-idx3-ubyte").is_file():
        pytest.skip("the MNIST files are not in data/MNIST/raw")
    data = project_root() / "data"
    assert len(load_mnist(train=0, root=data, smoke=False)[0]) == 10_000  # the test set
    assert len(load_mnist(train=np.bool_(True), root=data, smoke=False)[0]) == 60_000


CTRL_C_WHILE_LOADING_TORCH = textwrap.dedent("""
    import importlib.abc, runpy, sys

    class CtrlC(importlib.abc.MetaPathFinder):  # the user presses Ctrl-C while `import torch` runs
        def find_spec(self, name, path, target=None):
            if name == "torch":
                raise KeyboardInterrupt

    sys.meta_path.insert(0, CtrlC())
    sys.argv = ["-m", "train", "gan"]  # what Python's -m sets while it imports the package
    runpy.run_module("ganlib", run_name="__main__", alter_sys=True)
""")


def test_ctrl_c_while_the_command_starts_is_one_line():
    done = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_LOADING_TORCH], capture_output=True, text=True,
                          cwd=project_root(), timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == "Stopped (Ctrl-C) while starting: nothing was run or written."


def test_importing_ganlib_leaves_the_excepthook_alone():
    code = "import sys; hook = sys.excepthook; import ganlib; print(sys.excepthook is hook)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "True", done.stderr
