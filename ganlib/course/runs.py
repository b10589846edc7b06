"""A training run on disk: its data and nets, its output folder (owned by one run at a time) and everything a
finished run writes into it; and retraining a notebook's model for its GIF."""
from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Dict, Optional

from ..checkpoints import save_checkpoint
from ..config import TrainConfig
from ..files import atomic_write_text, writable_folder
from ..data import load_dataset
from ..loop import train
from ..machine import describe_machine, seed_everything
from ..nets import nets_for_data
from ..pictures import history_gif, plot_d_outputs, plot_losses, save_figure, save_image_grid
from ..places import figures_dir, runs_dir
from .shipped import parse_name

CHECKPOINTS = "checkpoints"  # the sub-folder of a run that holds its periodic checkpoints
STARTED_WITH = "command.txt"  # in CHECKPOINTS: the command that started the run, for a run killed before its summary
# The files a finished run writes into its folder (save_run): a new run never writes over any of them.
RUN_FILES = {"checkpoint": "checkpoint.pt", "samples": "samples.png", "losses": "losses.png",
             "d_outputs": "d_outputs.png", "gif": "training.gif", "summary": "summary.json"}
# The name of each course model's figures in report/figures/, after the notebook that made them
# (a model is a variant, with its data set when that is not MNIST: ganlib.course.shipped.shipped_name).
FIGURE_NAMES = {"gan": "01_vanilla_gan", "cgan": "02_conditional_gan", "dcgan": "03_dcgan",
                "cdcgan": "04_conditional_dcgan", "cdcgan-cifar10": "06_cifar10"}


def _unused(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``, ...: the first name no other run has taken. Created here (mkdir is
    atomic), so two runs started in the same second get two folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        candidate = path if n == 1 else path.with_name(f"{path.name}-{n}")
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent} holds a thousand runs named {path.name}: choose an --out")


def new_run_dir(variant: str, out: Optional[str] = None) -> Path:
    """The folder a run writes to (``runs/<variant>-<date>-<time>`` unless ``out`` names one),
    created and checked for writing now, before any training time is spent."""
    path = Path(out).expanduser() if out else _unused(runs_dir() / f"{variant}-{time.strftime('%Y%m%d-%H%M%S')}")
    return writable_folder(path)


class FolderInUseError(RuntimeError):
    """Another training run is writing to this output folder."""


LOCK = ".lock"  # a run's claim on its output folder: the process id of the run that owns it


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows: assume it runs, say how to check
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


@contextlib.contextmanager
def run_lock(folder):
    """Own ``folder`` from the start of a run to its end, so two runs started with the same ``--out`` cannot
    write over each other: the second is refused at once. A lock left by a run that no longer exists (killed,
    power cut) is taken over."""
    lock = Path(folder) / LOCK
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if lock.is_dir():  # not a lock any run of ganlib writes
                raise FolderInUseError(f"{lock} is a folder, where a run keeps its lock file: remove it (it is not a "
                                       "run's), or choose another --out") from None
            text = lock.read_text().strip() if lock.is_file() else ""
            pid = int(text) if text.isdigit() else None
            if pid is not None and _alive(pid):
                raise FolderInUseError(f"{folder} is in use by another training run (process {pid}): wait for it "
                                       f"to end, or choose another --out (if no run is using it, delete {lock})") from None
            lock.unlink(missing_ok=True)  # stale: its run is gone
    else:
        raise FolderInUseError(f"could not claim {folder}: another run claimed it at the same moment")
    with os.fdopen(fd, "w") as file:
        file.write(str(os.getpid()))
    try:
        yield lock
    finally:
        lock.unlink(missing_ok=True)


def _read(path: Path, parse):
    """``parse`` of the text of ``path``, or None when it cannot be read or parsed."""
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_started_with(out: Path, command: str) -> None:
    """Keep the command that starts a run beside its checkpoints: a run killed before it writes its summary is resumed
    with another command, and its record should still say how it began."""
    try:
        (Path(out) / CHECKPOINTS).mkdir(parents=True, exist_ok=True)
        atomic_write_text(Path(out) / CHECKPOINTS / STARTED_WITH, command + "\n")
    except OSError:  # a record only: a full or read-only disk is said by the run's own first checkpoint
        pass


def save_run(out, G, D, history, config, command: Optional[str] = None) -> Dict[str, Path]:
    """Write the checkpoint, final samples, both curve plots, the training GIF and a summary.

    A run that diverged gets its pictures (they show what went wrong) but no checkpoint.pt: its
    weights are NaN, and the last good periodic checkpoint stays the one to use.
    """
    out = Path(out)
    files = {} if history.diverged else {
        "checkpoint": save_checkpoint(out / RUN_FILES["checkpoint"], G, D, history, config)}
    files.update({
        "samples": save_image_grid(history.snapshots[-1], out / RUN_FILES["samples"], history.snapshot_columns),
        "losses": save_figure(plot_losses(history), out / RUN_FILES["losses"]),
        "d_outputs": save_figure(plot_d_outputs(history), out / RUN_FILES["d_outputs"]),
        "gif": history_gif(history, out / RUN_FILES["gif"]),
    })
    resumed = []
    if command and "--resume" in command:  # a resumed run keeps the command that started it, and lists the resumes
        earlier = _read(out / RUN_FILES["summary"], json.loads)
        earlier = earlier if isinstance(earlier, dict) else {}
        started = earlier.get("command")
        if not isinstance(started, str):  # killed before it wrote a summary (a lost session): what it saved at its start
            started = _read(out / CHECKPOINTS / STARTED_WITH, str.strip)
        if started:
            resumed = [c for c in earlier.get("resumed_with", []) if isinstance(c, str)] + [command]
            command = started
    summary = {
        "variant": config.variant,
        "command": command,
        **({"resumed_with": resumed} if resumed else {}),
        "machine": describe_machine(config.device),
        "epochs": history.snapshot_epochs[-1],
        "steps": history.step[-1] if history.step else 0,
        "images_per_second": round(history.images_per_second, 1),
        "seconds": round(history.seconds, 1),
        "stop_reason": history.stop_reason,
        **({"classes": list(G.class_names)} if getattr(G, "class_names", None) else {}),
        "config": config.to_dict(),
    }
    files["summary"] = atomic_write_text(out / RUN_FILES["summary"], json.dumps(summary, indent=2))
    return files


def data_and_nets(config: TrainConfig):
    """``(images, labels, G, D)``: the data set ``config`` names and fresh nets for it, seeded by ``config.seed``
    (the seed decides the initial weights too). How the command line and the GIFs start a run."""
    if not isinstance(config, TrainConfig):
        raise TypeError(f"data_and_nets takes a TrainConfig, e.g. data_and_nets(TrainConfig(variant='gan')), got "
                        f"{type(config).__name__}")
    images, labels, classes = load_dataset(config.data, image_size=config.image_size)
    seed_everything(config.seed)
    G, D = nets_for_data(config.variant, images, labels, classes, latent_dim=config.latent_dim, width=config.width,
                         hidden=config.hidden, critic=config.loss == "wgan-gp", spectral_norm=config.spectral_norm)
    return images, labels, G, D


def course_gif(name: str, epochs: Optional[int] = None, seed: int = 0) -> Path:
    """Retrain the course model ``name`` (``dcgan``, ``cdcgan-cifar10``, ...) at the library's defaults and a
    fixed seed (not every notebook's own settings) and rewrite its GIF and final grid in ``report/figures/``. The fixed noise of
    every frame is the same, so the GIF shows one set of images taking shape; conditional variants get
    one row per class. A run stopped early (Ctrl-C) or diverged writes nothing."""
    variant, data = parse_name(name)
    config = TrainConfig(variant=variant, data=data, epochs=epochs, seed=seed)
    images, labels, G, D = data_and_nets(config)
    history = train(G, D, images, labels, config)
    if history.stop_reason.startswith("interrupted") or history.diverged:  # a part-trained GIF replaces nothing
        raise KeyboardInterrupt(f"the retraining for {name}'s GIF was {history.stop_reason}: the figures in "
                                f"{figures_dir()} are unchanged")
    figure = figures_dir() / FIGURE_NAMES[name]
    save_image_grid(history.snapshots[-1], figure.with_name(figure.name + "_samples.png"), history.snapshot_columns)
    return history_gif(history, figure.with_suffix(".gif"))
