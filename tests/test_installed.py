"""Installed as Colab installs it: ganlib built as a wheel, installed (not editable) into a fresh environment, and a
notebook copied alone into an empty folder, run there top to bottom (smoke mode) by a kernel of that environment
with a fresh home folder. Nothing may come from the checkout: not the data (the installed ganlib looks in
``~/.ganlib/data``), not the shipped weights (they must travel in the wheel), not figures or report links.

The fresh environment is a virtual environment of its own (``python -m venv``) that borrows the third-party
packages (PyTorch and the rest) from the test's environment through a path file, so the test does not download
PyTorch again; ganlib itself it sees only through the wheel (the checkout's editable install is not on its path)."""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib.util import find_spec
from pathlib import Path

import nbformat
import pytest

from ganlib.course.links import EXTRAS, release

ROOT = Path(__file__).resolve().parent.parent
MNIST = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
# MNIST, the referee's shipped weights, checks, a training run, pictures, report links (05's shipped generators are
# loaded by the same code as the referee; the browser test runs 05)
NOTEBOOKS = ("01_vanilla_gan.ipynb",)


def _run(command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    offline = ["--no-build-isolation"] if find_spec("setuptools") else []  # else pip fetches setuptools to build
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)] + offline)
    (built,) = out.glob("ganlib-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_python(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel installed; its third-party packages are the test environment's."""
    env = tmp_path_factory.mktemp("env")
    _run([sys.executable, "-m", "venv", "--without-pip", str(env)])
    python = env / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # A plain path line: the packages of the test environment, but not its .pth files (the editable ganlib's finder)
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)])
    kernels = env / "share" / "jupyter" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f",
                                                              "{connection_file}"],
                                                     "display_name": "fresh", "language": "python"}))
    return python


def test_the_wheel_carries_the_package_and_its_shipped_weights_and_nothing_of_the_checkout(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    weights = sorted(p.name for p in (ROOT / "ganlib" / "weights").glob("*.pt"))
    assert weights and all(f"ganlib/weights/{name}" in names for name in weights)
    assert "ganlib/course/exercises.py" in names and "ganlib/evaluation/referee.py" in names
    assert not [n for n in names if n.split("/")[0] in ("notebooks", "tests", "report", "data", "docs")]


def test_the_installed_ganlib_is_the_wheel_not_the_checkout(fresh_python, tmp_path):
    where = _run([str(fresh_python), "-c", "import ganlib, ganlib.places as p; print(ganlib.__file__); "
                                           "print(p.project_root()); print(p.data_dir())"],
                 cwd=tmp_path, env={**os.environ, "HOME": str(tmp_path)}).stdout.split()
    assert not where[0].startswith(str(ROOT)) and where[1] == "None"
    assert where[2] == str(tmp_path / ".ganlib" / "data")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_notebook_alone_in_an_empty_folder_runs_on_the_installed_ganlib(fresh_python, tmp_path, notebook):
    folder, home = tmp_path / "colab", tmp_path / "home"
    folder.mkdir()
    raw = home / ".ganlib" / "data" / "MNIST" / "raw"  # where the installed ganlib looks for MNIST
    raw.mkdir(parents=True)
    for name in MNIST:
        (raw / name).symlink_to((ROOT / "data" / "MNIST" / "raw" / name).resolve())
    shutil.copy(ROOT / "notebooks" / notebook, folder / notebook)
    runner = ("import sys, nbformat\nfrom nbclient import NotebookClient\n"
              "nb = nbformat.read(sys.argv[1], as_version=4)\n"
              "NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': '.'}}).execute()\n"
              "nbformat.write(nb, sys.argv[1])\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GANLIB_", "JUPYTER", "PYTHON"))}
    env.update(HOME=str(home), GANLIB_SMOKE="1", JUPYTER_PATH=str(fresh_python.parent.parent / "share" / "jupyter"),
               PATH=f"{fresh_python.parent}{os.pathsep}{env.get('PATH', '')}")
    _run([str(fresh_python), "-c", runner, notebook], cwd=folder, env=env, timeout=900)
    nb = nbformat.read(str(folder / notebook), as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert str(ROOT) not in text and "Correct:" in text
    assert any("image/png" in o.get("data", {}) for o in outputs)  # it drew its pictures
    assert sorted(p.name for p in folder.iterdir()) == [notebook]  # a smoke run leaves nothing in the student's folder


def test_the_set_up_cells_install_a_version_and_extras_that_exist():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert release() == "v" + project["version"]
    named = {extra for extras in EXTRAS.values() for extra in extras.split(",")}  # "celeba,inception" names two
    assert named <= set(project["optional-dependencies"])
    for notebook in EXTRAS:
        assert (ROOT / "notebooks" / f"{notebook}.ipynb").is_file(), notebook
