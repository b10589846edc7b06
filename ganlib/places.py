"""Where things are: the data, the runs, the committed figures, the shipped weights, and the smoke switch.

The smoke switch is the environment variable ``GANLIB_SMOKE``, read by ``is_smoke`` here and nowhere else:
when it is set, the loop shrinks every run to a few steps, the loaders return a small subset, and runs write
into a temporary folder, so the notebooks execute as tests in seconds and never overwrite committed figures.
Paths are resolved from the package, not from the working directory (nbval runs kernels in ``notebooks/``).
"""
from __future__ import annotations

import atexit
import os
import shlex
import shutil
import tempfile
from pathlib import Path
from typing import Optional

SMOKE_ENV = "GANLIB_SMOKE"
GRADING_ENV = "GANLIB_GRADING"

# What a smoke run keeps: enough to exercise every line, nothing more.
SMOKE_STEPS = 3
SMOKE_SUBSET = 512
SMOKE_SAMPLES = 1000  # images a smoke run's sample_images makes at most (the notebooks ask for up to 10,000)
MAX_IMAGE_SIZE = 256  # load_dataset's largest image side: 10,000 colour images of 256 x 256 are 2 GB as uint8

# The trained weights that ship inside the package: the generators and the referees.
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"


class MissingWeightsError(FileNotFoundError):
    """Weights that should ship with ganlib are not in this installation; the message says what to do."""


class SettingError(ValueError):
    """An environment variable the course reads holds a value it cannot understand; the message says which."""


_TRUE, _FALSE = ("1", "true", "yes", "on", "y", "t"), ("", "0", "false", "no", "off", "n", "f")


def is_smoke() -> bool:
    """True when the notebooks or tests asked for the fast smoke mode: GANLIB_SMOKE=1 (or true, yes, on); unset,
    empty, 0, false, no or off mean a real run. Anything else is refused, since guessing would either waste a
    class's hour on a full run or hand back a 3-step model as if it were trained."""
    return _switch(SMOKE_ENV, "a fast smoke run", "a real run")


def is_grading() -> bool:
    """True while a teacher's grader runs the notebook (GANLIB_GRADING=1, which the nbgrader_config.py of
    ``python -m ganlib versions`` sets): then ``graded()`` turns each check's verdict into nbgrader's points."""
    return _switch(GRADING_ENV, "graded by nbgrader", "a student's own run")


def _switch(name: str, on: str, off: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{name}={os.environ[name]!r} is neither on nor off: set it to 1 ({on}) or 0 ({off}), or "
                       "unset it")


DATA_SET_NAMES = ("mnist", "cifar10", "celeba")  # the data sets the course downloads by name (ganlib.data)


def data_set_name(data: str) -> str:
    """``data`` as the course spells it: a data set's name in lower case ("MNIST" -> "mnist"), so the recipes, the
    referee and the loader agree on it; a folder's path (even one called MNIST, if it exists) as given."""
    if data.lower() in DATA_SET_NAMES and data not in DATA_SET_NAMES and not Path(data).expanduser().is_dir():
        return data.lower()
    return data


def shown(path) -> str:
    """``path`` as a message shows it: relative to the working folder when it lies near it (``../runs/x`` from a
    notebook), else absolute, so that output never carries the folders of the machine that made it."""
    path = Path(path)
    try:
        relative = Path(os.path.relpath(path.resolve(), Path.cwd()))
    except ValueError:  # another drive on Windows
        return str(path)
    return str(relative) if relative.parts[:3].count("..") < 3 else str(path)


def command_word(path) -> str:
    """``path`` as a command a message suggests must spell it, so that it can be pasted: quoted when it holds spaces
    or quotes, and ./ in front of a name starting with '-' (which would be read as an option)."""
    text = str(path)
    return shlex.quote(f"./{text}" if text.startswith("-") else text)


def project_root() -> Optional[Path]:
    """The course checkout that holds this package, or None when ganlib is installed elsewhere."""
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").exists() and (root / "notebooks").is_dir() else None


def _home_folder(name: str) -> Path:
    root = project_root()
    return root / name if root is not None else Path.home() / ".ganlib" / name


def data_dir() -> Path:
    """Where data sets live: ``$GANLIB_DATA``, else the checkout's ``data/``, else ``~/.ganlib/data``."""
    override = os.environ.get("GANLIB_DATA")
    if not override:
        return _home_folder("data")
    unknown = no_such_user(override)
    if unknown:
        raise SettingError(f"GANLIB_DATA={override}: {unknown}")
    return Path(override).expanduser()


def no_such_user(path: str) -> Optional[str]:
    """For ``~runs/x``, which a shell leaves as typed when there is no user "runs" (a typo of ``~/runs/x``): what to
    say of it; None for any other path."""
    expanded = os.path.expanduser(path)
    if not expanded.startswith("~") or expanded.startswith("~/"):
        return None
    user, _, rest = expanded[1:].partition("/")
    return (f"~{user} would be the home folder of a user called {user!r}, and there is none: did you mean "
            f"~/{user}{'/' + rest if rest else ''}?")


def _remove_orphans(folder: Path) -> None:
    """Remove the smoke folders of processes that no longer exist (a SIGKILL skips the clean-up at exit)."""
    for orphan in folder.glob("ganlib-smoke-*"):
        pid = orphan.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or os.name == "nt":
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(orphan, ignore_errors=True)
        except (PermissionError, OverflowError, OSError):
            continue


def _smoke_folder(name: str) -> Path:
    """A folder of this process's smoke runs, removed when the process ends (a smoke run's files are never kept)."""
    root = Path(tempfile.gettempdir()) / f"ganlib-smoke-{os.getpid()}"
    if not root.exists():
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _remove_orphans(root.parent)
    path = root / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def runs_dir() -> Path:
    """Where training runs write checkpoints and pictures (a temporary folder in smoke mode)."""
    return _smoke_folder("runs") if is_smoke() else _home_folder("runs")


def figures_dir() -> Path:
    """Where the course's committed figures and GIFs live (a temporary folder in smoke mode)."""
    return _smoke_folder("figures") if is_smoke() else _home_folder("report") / "figures"
