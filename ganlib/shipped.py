"""Generators that ship trained: ``ganlib.pretrained("cdcgan")`` draws digits without any training.

``ganlib/weights/<variant>.pt`` holds a generator (float16, loaded safely) and a record of how it was
made: the ``python -m ganlib train`` command, seed, epochs, minutes and machine. Running that command
and then ``python -m ganlib export RUN_FOLDER`` reproduces the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from torch import nn

from .checkpoints import load_generator, save_generator
from .config import pick_device
from .nets import VARIANTS, check_variant

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"


class MissingWeightsError(FileNotFoundError):
    """A variant whose shipped weights are not in this installation."""


def weights_path(variant: str) -> Path:
    return WEIGHTS_DIR / f"{check_variant(variant)}.pt"


def shipped_variants() -> list:
    """The variants whose trained weights are in this installation, in the course's order."""
    return [v for v in VARIANTS if weights_path(v).is_file()]


def pretrained(variant: str, device: Optional[str] = None) -> nn.Module:
    """The shipped generator of ``variant``, in evaluation mode, on ``device`` (default: the fastest)."""
    path = weights_path(variant)
    if not path.is_file():
        raise MissingWeightsError(f"no shipped weights for {variant!r} in {WEIGHTS_DIR}: reinstall ganlib, or train "
                                  f"your own with `python -m ganlib train {variant}` and sample with --from")
    G, _ = load_generator(path)
    return G.to(pick_device(device)).eval()


def training_record(variant: str) -> dict:
    """How the shipped generator of ``variant`` was trained (command, seed, epochs, minutes, machine)."""
    from .checkpoints import read_checkpoint

    return read_checkpoint(weights_path(variant))["trained"]


def export_run(run: Path, out: Optional[Path] = None) -> Path:
    """Turn a finished ``python -m ganlib train`` run folder into a shipped weights file."""
    run = Path(run)
    summary_file = run / "summary.json"
    if not summary_file.is_file() or not (run / "checkpoint.pt").is_file():
        raise FileNotFoundError(f"{run} is not a finished training run (it needs checkpoint.pt and summary.json, "
                                "written when `python -m ganlib train` ends)")
    G, payload = load_generator(run / "checkpoint.pt")
    summary = json.loads(summary_file.read_text())
    keys = ("command", "machine", "epochs", "steps", "seconds", "images_per_second", "stop_reason")
    trained = {k: summary.get(k) for k in keys}
    trained["seed"] = summary["config"]["seed"]
    return save_generator(out or weights_path(payload["variant"]), G, payload["variant"], trained)
