"""Generators that ship trained: ``ganlib.pretrained("cdcgan")`` draws digits without any training.

A shipped generator is named after its variant, plus its data set when that is not MNIST:
``cdcgan`` draws digits, ``cdcgan-cifar10`` CIFAR-10 images. ``ganlib/weights/<name>.pt`` holds the
generator (float16, loaded safely) and a record of how it was made: the ``python -m ganlib train``
command, seed, epochs, minutes and machine. Running that command and then ``python -m ganlib export
RUN_FOLDER`` reproduces the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Tuple

from torch import nn

from ..checkpoints import CheckpointError, load_generator, periodic_checkpoints, read_checkpoint, save_generator
from ..data import DATASETS
from ..evaluation.verdict import evaluate_generator
from ..files import safe_file_name
from ..machine import pick_device
from ..nets import VARIANTS, check_variant, variant_of
from ..places import WEIGHTS_DIR, MissingWeightsError, command_word


def shipped_name(variant: str, data: str = "mnist") -> str:
    """``cdcgan`` for MNIST, ``cdcgan-cifar10`` for another data set (``cdcgan-photos`` for a folder
    ``../photos``: only the folder's own name, so the file stays where it is put)."""
    return check_variant(variant) if data == "mnist" else f"{check_variant(variant)}-{safe_file_name(data)}"


def parse_name(name: str) -> Tuple[str, str]:
    """``(variant, data set)`` of a shipped generator's name, or a ValueError that shows the pattern."""
    variant, _, data = name.partition("-")
    if variant not in VARIANTS or (data and data not in DATASETS) or data == "mnist":
        raise ValueError(f"unknown generator {name!r}: a variant ({', '.join(VARIANTS)}), for MNIST, or "
                         f"VARIANT-DATA for another data set, e.g. cdcgan-cifar10")
    return variant, data or "mnist"


def weights_path(name: str) -> Path:
    parse_name(name)
    return WEIGHTS_DIR / f"{name}.pt"


def shipped_variants(data: str = "mnist") -> list:
    """The names of the shipped generators of one data set, in the course's order."""
    names = [shipped_name(v, data) for v in VARIANTS]
    return [n for n in names if weights_path(n).is_file()]


def shipped_names() -> list:
    """Every shipped generator in this installation: MNIST's first, then the colour ones."""
    return [n for data in DATASETS for n in shipped_variants(data)]


def pretrained(name: str, device: Optional[str] = None) -> nn.Module:
    """The shipped generator ``name`` (e.g. ``"cdcgan"``, ``"cdcgan-cifar10"``), in evaluation mode, on
    ``device`` (default: the fastest)."""
    if not isinstance(name, str):
        raise TypeError(f"pretrained() takes the name of a shipped generator, e.g. 'cdcgan' (shipped: "
                        f"{', '.join(shipped_names()) or 'none'}), got {name!r}")
    path = weights_path(name)
    if not path.is_file():
        variant, data = parse_name(name)
        raise MissingWeightsError(f"no shipped weights for {name!r} in {WEIGHTS_DIR} (shipped: "
                                  f"{', '.join(shipped_names()) or 'none'}): train your own with `python -m ganlib "
                                  f"train {variant} --data {command_word(data)}` and sample with --from")
    G, _ = load_generator(path)
    return G.to(pick_device(device)).eval()


def training_record(name: str) -> dict:
    """How the shipped generator ``name`` was trained (command, seed, epochs, minutes, machine)."""
    return read_checkpoint(weights_path(name))["trained"]


def evaluate_shipped(n: int = 10_000, seed: int = 0) -> dict:
    """The referee's numbers for every shipped generator, with how long it trained: data set -> rows."""
    tables = {}
    for data in DATASETS:
        for name in shipped_variants(data):
            record = training_record(name)
            tables.setdefault(data, []).append({"name": name, "epochs": record["epochs"], "minutes": record["seconds"] / 60,
                                                **evaluate_generator(pretrained(name), n, seed)})
    return tables


def _training_file(target: Path, run: Path) -> bool:
    """Whether ``target`` is a file a training run keeps (this run's or another's): a run folder's checkpoint.pt, or
    anything in a run's checkpoints/ folder (runs.CHECKPOINTS: periodic checkpoints, the GIF's pictures)."""
    resolved = target.resolve()
    if resolved == (run / "checkpoint.pt").resolve():
        return True
    runs = [folder for folder in resolved.parents if folder.name == "checkpoints"
            and ((folder.parent / "checkpoint.pt").exists() or (folder.parent / "summary.json").exists()
                 or any(folder.glob("step-*.pt")))]
    return bool(runs) or resolved.name == "checkpoint.pt" and (
        (resolved.parent / "checkpoints").is_dir() or (resolved.parent / "summary.json").is_file())


def newer_checkpoint(run: Path, payload: dict) -> Optional[str]:
    """What to say when the run folder's checkpoints/ (runs.CHECKPOINTS) holds a newer periodic checkpoint than its
    checkpoint.pt, ``payload``: a resume that stopped (a lost session) before it wrote the run's files again. None
    when checkpoint.pt is the newest."""
    steps = (payload.get("history") or {}).get("step") or [] if isinstance(payload, dict) else []
    newest = periodic_checkpoints(Path(run) / "checkpoints")
    try:
        number = int(newest[0].stem.split("-")[-1]) if newest else 0
    except ValueError:
        return None
    if not steps or not isinstance(steps[-1], int) or number <= steps[-1]:
        return None
    return (f"{Path(run) / 'checkpoints'} holds a newer checkpoint, {newest[0].name}, than the run's checkpoint.pt "
            f"(step {steps[-1]:,}): a resume stopped before it wrote the run's files. Finish the run with `python -m "
            f"ganlib train {payload.get('variant') or 'VARIANT'} --resume {command_word(run)}`")


def export_run(run: Path, out: Optional[Path] = None, force: bool = False) -> Path:
    """Turn a finished ``python -m ganlib train`` run folder into a weights file of the shipped kind.

    It goes into the run folder (``RUN/<name>.pt``) unless ``out`` names a file or a folder; an existing file,
    the shipped weights above all, is only replaced with ``force=True``: a 10-step run must never silently
    take the place of the course's generator.
    """
    run = Path(run)
    if run.is_file():
        raise FileNotFoundError(f"{run} is a file: give the run folder it lies in ({run.parent}), which holds the "
                                "checkpoint and the summary of the run")
    summary_file = run / "summary.json"
    if not summary_file.is_file() or not (run / "checkpoint.pt").is_file():
        raise FileNotFoundError(f"{run} is not a finished training run (it needs checkpoint.pt and summary.json, "
                                "written when `python -m ganlib train` ends)")
    G, payload = load_generator(run / "checkpoint.pt")
    newer = newer_checkpoint(run, payload)
    if newer:  # exporting checkpoint.pt would ship the part-trained generator of before the resume
        raise CheckpointError(f"{newer}, then export it (nothing was written)")
    damaged = CheckpointError(f"{summary_file} is damaged (cut short, or edited): continue the run with `python -m "
                              f"ganlib train {payload.get('variant', 'VARIANT')} --resume {command_word(run)}`, which writes it again when it ends")
    try:
        summary = json.loads(summary_file.read_text())
        written = summary["config"]
        seed, data = written["seed"], written.get("data", "mnist")
    except (ValueError, KeyError, TypeError):
        raise damaged from None
    steps = (payload.get("history") or {}).get("step") or [None]
    if isinstance(summary.get("steps"), int) and steps[-1] is not None and summary["steps"] != steps[-1]:
        raise CheckpointError(f"{summary_file} is of step {summary['steps']:,} but checkpoint.pt of step {steps[-1]:,}: "
                              "the run was stopped while it wrote its files. Continue it with `python -m ganlib train "
                              f"{payload.get('variant', 'VARIANT')} --resume {command_word(run)}`, which writes both again")
    saved = payload.get("config") or {}  # the checkpoint's own record is the truth; the summary must agree with it
    if not isinstance(data, str) or not data.strip() or isinstance(seed, bool) or not isinstance(seed, int) or \
            any(key in saved and saved[key] != value for key, value in (("seed", seed), ("data", data))):
        raise damaged
    keys = ("command", "machine", "epochs", "steps", "seconds", "images_per_second", "stop_reason")
    trained = {k: summary.get(k) for k in keys}
    trained["seed"], trained["data"] = seed, data  # what `sample` records, so `evaluate` picks its referee
    variant = payload.get("variant") or variant_of(G)  # a checkpoint saved without its variant: G's own
    name = shipped_name(variant, data)
    target = Path(out) if out is not None else run
    # A folder: one that exists, or one written with a slash at the end (export --out weights/).
    folder = target.is_dir() or (out is not None and str(out).endswith(("/", "\\")))
    target = target / f"{name}.pt" if folder else target
    if target.suffix.lower() != ".pt":
        raise ValueError(f"--out {out} does not end in .pt: a weights file does (e.g. {name}.pt); name one, or a folder "
                         "to write it into (one that exists, or with a / at the end; nothing was written)")
    if _training_file(target, run) and not target.exists():  # a new file, among the run's own
        raise FileExistsError(f"{target} lies in a run's checkpoints/ folder, which holds the run's own files (periodic "
                              "checkpoints, the GIF's pictures): give another --out, e.g. "
                              f"the default {run / (name + '.pt')}")
    if _training_file(target, run):  # a weights file holds G alone: no run could be resumed from it, --force or not
        raise FileExistsError(f"{target} is a training run's own file (its checkpoint: both nets, the optimisers, the "
                              "history; or a periodic checkpoint or progress picture): a weights file must not replace "
                              f"it. Give another --out, e.g. the default {run / (name + '.pt')}")
    if target.resolve().parent == WEIGHTS_DIR.resolve() and target.stem != name:  # --force or not
        raise FileExistsError(f"{target} is the shipped {target.stem} generator's place, and this run is a {name} "
                              f"({variant} on {data}): `sample {target.stem}` would draw from the wrong net. Its place "
                              f"is {WEIGHTS_DIR / (name + '.pt')}, or give another --out")
    if target.exists() and not force:
        shipped = " (a shipped generator: notebooks 05 and 08 and `sample` use it)" if \
            target.resolve().parent == WEIGHTS_DIR else ""
        raise FileExistsError(f"{target} already exists{shipped}: nothing was written. Give another --out, or add "
                              "--force to replace it")
    return save_generator(target, G, variant, trained)
