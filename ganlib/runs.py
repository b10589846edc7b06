"""A training run on disk: its output folder and everything a finished run writes into it."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Dict, Optional

from .checkpoints import save_checkpoint
from .config import runs_dir
from .gifs import history_gif
from .plotting import plot_d_outputs, plot_losses, save_figure, save_image_grid

CHECKPOINTS = "checkpoints"  # the sub-folder of a run that holds its periodic checkpoints


def new_run_dir(variant: str, out: Optional[str] = None) -> Path:
    """The folder a run writes to (``runs/<variant>-<date>-<time>`` unless ``out`` names one),
    created and checked for writing now, before any training time is spent."""
    path = Path(out).expanduser() if out else runs_dir() / f"{variant}-{time.strftime('%Y%m%d-%H%M%S')}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".ganlib-write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        raise PermissionError(f"cannot write to the output folder {path} ({error.strerror or error}); "
                              "choose another with --out") from None
    return path


def save_run(out, G, D, history, config) -> Dict[str, Path]:
    """Write the checkpoint, final samples, both curve plots, the training GIF and a summary.

    A run that diverged gets its pictures (they show what went wrong) but no checkpoint.pt: its
    weights are NaN, and the last good periodic checkpoint stays the one to use.
    """
    out = Path(out)
    files = {} if history.diverged else {"checkpoint": save_checkpoint(out / "checkpoint.pt", G, D, history, config)}
    files.update({
        "samples": save_image_grid(history.snapshots[-1], out / "samples.png", history.snapshot_columns),
        "losses": save_figure(plot_losses(history), out / "losses.png"),
        "d_outputs": save_figure(plot_d_outputs(history), out / "d_outputs.png"),
        "gif": history_gif(history, out / "training.gif"),
    })
    summary = {
        "variant": config.variant,
        "epochs": history.snapshot_epochs[-1],
        "steps": history.step[-1] if history.step else 0,
        "images_per_second": round(history.images_per_second, 1),
        "seconds": round(history.seconds, 1),
        "stop_reason": history.stop_reason,
        "config": config.to_dict(),
    }
    files["summary"] = out / "summary.json"
    files["summary"].write_text(json.dumps(summary, indent=2))
    return files
