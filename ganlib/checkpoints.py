"""Saving and loading trained nets, safely.

Saving is atomic: the checkpoint is written to a temporary file in the same folder, flushed to disk,
then renamed over the old one, so a crash mid-write never leaves a half-written checkpoint behind.
Loading uses ``torch.load(..., weights_only=True)``: only tensors and plain Python values are read,
and a file that tries to run code is refused instead of executed.
"""
from __future__ import annotations

import inspect
import os
import pickle
import zipfile
from pathlib import Path
from typing import Optional, Tuple

import torch
from torch import nn

from .files import atomic_save, on_cpu
from .machine import pick_device
from .nets import VARIANTS, course_class_name, rebuild_net
from .notices import notice

FORMAT = "ganlib-checkpoint"
FORMAT_VERSION = 1


class CheckpointError(ValueError):
    """A file that is not a usable ganlib checkpoint; the message says what it is and what to do."""


def save_checkpoint(path, G: nn.Module, D: nn.Module, history=None, config=None, training_state=None) -> Path:
    """Write both nets (with the settings to rebuild them), the History and the TrainConfig.

    ``training_state`` (optimisers, random-number states, step) is what ``train(..., resume=True)``
    needs to continue exactly where a run stopped.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"save_checkpoint(path, G, D, ...) takes the file's path first, got a {type(path).__name__}")
    for name, net in (("G", G), ("D", D)):
        if not isinstance(net, nn.Module):
            raise TypeError(f"{name} must be a net (an nn.Module), got a {type(net).__name__}")
    if hasattr(D, "latent_dim") and not hasattr(G, "latent_dim"):  # loading would hand back D as the generator
        raise ValueError(f"G and D are swapped: save_checkpoint(path, G, D) takes the generator first, got a "
                         f"{type(G).__name__} and a {type(D).__name__}")
    for name, value, kind in (("history", history, "History"), ("config", config, "TrainConfig")):
        if value is not None and not callable(getattr(value, "to_dict", None)):
            raise TypeError(f"{name} must be the {kind} itself (what train returns, or the config you trained with), "
                            f"got a {type(value).__name__}")
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "variant": getattr(config, "variant", None),
        "generator": {"class": course_class_name(G), "settings": G.settings, "state": on_cpu(G.state_dict())},
        "discriminator": {"class": course_class_name(D), "settings": D.settings, "state": on_cpu(D.state_dict())},
        "history": without_snapshots(history) if history is not None else None,
        "config": config.to_dict() if config is not None else None,
        "training_state": on_cpu(training_state),
    }
    return atomic_save(payload, path)


def without_snapshots(history) -> dict:
    """The History as a dict, less its progress pictures: they are most of its bytes and only grow, so a
    checkpoint keeps the numbers and the pictures live once beside the checkpoints (``save_snapshots``)."""
    state = history.to_dict()
    state["snapshots"], state["snapshot_epochs"] = [], []
    return state


SNAPSHOTS = "snapshots"  # the sub-folder of a checkpoint folder that holds the progress pictures, one file each
SNAPSHOT_NAME = "{:05d}.pt"


def save_snapshots(folder, history, start: int = 0) -> int:
    """Write the History's progress pictures from number ``start`` on (those before it are on disk already)
    into ``folder/snapshots/``, each once, atomically, with its epoch; return how many there are now, which is
    the count the next checkpoint records."""
    where = Path(folder) / SNAPSHOTS
    where.mkdir(parents=True, exist_ok=True)
    for i in range(start, len(history.snapshots)):
        atomic_save({"epoch": history.snapshot_epochs[i], "images": history.snapshots[i]},
                    where / SNAPSHOT_NAME.format(i))
    return len(history.snapshots)


def load_snapshots(folder, count: int) -> Tuple[list, list]:
    """``(epochs, pictures)``: the first ``count`` progress pictures saved in ``folder/snapshots/``. Any that is
    missing or damaged (a checkpoint copied without its folder) is left out with a notice: the GIF has a gap,
    the run goes on."""
    epochs, pictures, lost = [], [], 0
    for i in range(count):
        path = Path(folder) / SNAPSHOTS / SNAPSHOT_NAME.format(i)
        try:
            entry = torch.load(path, map_location="cpu", weights_only=True)
            epochs.append(float(entry["epoch"]))
            pictures.append(entry["images"])
        except Exception:  # noqa: BLE001 - missing, truncated or forged: the same gap in the GIF
            lost += 1
    if lost:
        notice(f"{lost} of the {count} progress pictures in {Path(folder) / SNAPSHOTS} are missing or damaged: "
               "the training GIF leaves them out (the nets and the curves are intact).")
    return epochs, pictures


def training_state(opt_g, opt_d, batches, step: int, ema=None, snapshots: int = 0) -> dict:
    """Everything besides the nets that decides what the next step does: the optimisers, the moving average
    (``ema``), the random states (the global one, CUDA's, the batch order's), the step and how many progress
    pictures are saved beside the checkpoint (``snapshots``)."""
    return {
        "step": step,
        "snapshots": snapshots,  # how many progress pictures of this run are saved beside the checkpoint
        "images": len(batches.images),  # the data set's size: a resume on other data would go on silently
        "ema": ema.model.state_dict() if ema else None,
        "opt_g": opt_g.state_dict(),
        "opt_d": opt_d.state_dict(),
        "rng_torch": torch.get_rng_state(),
        "rng_cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
        "rng_batches": batches.generator.get_state(),
        "rng_batches_epoch_start": batches.epoch_start_state,
    }


def restore_training(path, payload: dict, G, D, opt_g, opt_d, ema, batches, config) -> Tuple[dict, int]:
    """Load a periodic checkpoint (``path``, its ``payload``) into a run built with ``config``: the nets, the
    optimisers, the moving average, the random states and the batch order. Returns the History (as a dict, with
    the progress pictures saved beside the checkpoint) and the step; a checkpoint of other nets or settings gets a
    CheckpointError that says which, and one whose contents are damaged a CheckpointError that says so."""
    if not isinstance(payload.get("training_state"), dict) and payload.get("generator") is not None:
        raise CheckpointError(f"{path} holds weights only, not the training state needed to resume: move it out of "
                              "the checkpoint folder (an exported generator belongs elsewhere).")
    try:
        return _restore(path, payload, G, D, opt_g, opt_d, ema, batches, config)
    except CheckpointError:
        raise
    except (KeyError, TypeError, ValueError, RuntimeError, AttributeError, IndexError) as error:
        raise CheckpointError(f"{path}: its contents are damaged ({type(error).__name__}: {str(error)[:80]}). Move it "
                              f"out of {Path(path).parent} (the one before it resumes then), or train again.") from None


def _restore(path, payload: dict, G, D, opt_g, opt_d, ema, batches, config) -> Tuple[dict, int]:
    saved = payload.get("config") or {}
    if payload.get("variant") != config.variant:
        raise CheckpointError(f"{path} is a checkpoint of the {payload.get('variant')!r} variant, not "
                              f"{config.variant!r}: resume it as {payload.get('variant')!r} or use another folder.")
    for key in ("batch_size", "seed"):
        if saved.get(key) != getattr(config, key):
            raise CheckpointError(f"{path} was trained with {key} {saved.get(key)}, this run asks for "
                                  f"{getattr(config, key)}: use the same {key} to resume.")
    for net, key in ((G, "generator"), (D, "discriminator")):
        entry = payload[key]
        if entry["class"] != course_class_name(net):
            raise CheckpointError(f"{path} holds a {entry['class']} as its {key}, this run built a "
                                  f"{course_class_name(net)}: resume with the variant it was trained as.")
        then, now = entry["settings"].get("class_names"), net.settings.get("class_names")
        if then and now and list(then) != list(now):  # a class folder renamed, added or removed since

            def listed(names):
                return ", ".join(f"{i} {name}" for i, name in enumerate(names[:8])) + (" ..." if len(names) > 8 else "")
            raise CheckpointError(f"{path} learned the classes {listed(then)}, and the data now holds {listed(now)}: "
                                  "a class number would change its meaning. Resume with the data as it was, or train "
                                  "the new classes in another folder (nothing was changed).")
        built = {name: value for name, value in net.settings.items() if name != "class_names"}  # names are no weights
        recorded = {name: value for name, value in entry["settings"].items() if name != "class_names"}
        if recorded != built:
            differ = "; ".join(f"{name} {_setting(net, recorded, name)!r} there, {_setting(net, built, name)!r} here"
                               for name in sorted(set(recorded) | set(built)) if recorded.get(name) != built.get(name))
            raise CheckpointError(f"{path}: its {key} was built with other settings than this run's ({differ}). "
                                  "Resume with the settings it was trained with, or train the new ones in another "
                                  "folder.")
        net.load_state_dict(entry["state"])
    state = payload.get("training_state")
    if not state:
        raise CheckpointError(f"{path} holds weights only, not the training state needed to resume.")
    if state.get("images", len(batches.images)) != len(batches.images):
        raise CheckpointError(f"{path} was trained on {state['images']:,} images, this run has {len(batches.images):,}: "
                              "resume with the same data, or train the new data in another checkpoint folder.")
    if ema is not None:
        ema.model.load_state_dict(state["ema"] or payload["generator"]["state"])
    opt_g.load_state_dict(state["opt_g"])
    opt_d.load_state_dict(state["opt_d"])
    torch.set_rng_state(state["rng_torch"])
    if state["rng_cuda"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["rng_cuda"])
    step = state["step"]
    # Mid-epoch: replay this epoch's order and skip what was done. At an epoch's end: carry on.
    mid_epoch = step % len(batches) != 0
    batches.generator.set_state(state["rng_batches_epoch_start"] if mid_epoch else state["rng_batches"])
    history = dict(payload["history"])
    if "snapshots" in state:  # the pictures live beside the checkpoint (older checkpoints hold them inside)
        history["snapshot_epochs"], history["snapshots"] = load_snapshots(Path(path).parent, state["snapshots"])
    return history, step


def _setting(net: nn.Module, settings: dict, name: str):
    """A net's setting as recorded, or, where it was left out of the record (a default), the default it stands for."""
    if name in settings:
        return settings[name]
    parameter = inspect.signature(type(net).__init__).parameters.get(name)
    return None if parameter is None else parameter.default


PERIODIC_NAME = "step-{:08d}.pt"


def periodic_checkpoints(folder) -> list:
    """The periodic checkpoints in ``folder``, newest first."""
    folder = Path(folder)
    return sorted(folder.glob("step-*.pt"), reverse=True) if folder.is_dir() else []


def save_periodic(folder, step: int, G, D, history, config, training_state, keep: int = 2) -> Path:
    """Write ``folder/step-<step>.pt`` atomically, then delete all but the ``keep`` newest. (Write the progress
    pictures first, ``save_snapshots``, so a checkpoint never counts pictures that are not on disk.)

    Keeping an older one means that even a checkpoint damaged after it was written (a full disk,
    a bad copy to Drive) leaves a good one to resume from.
    """
    path = save_checkpoint(Path(folder) / PERIODIC_NAME.format(step), G, D, history, config, training_state)
    for old in periodic_checkpoints(folder)[keep:]:
        old.unlink(missing_ok=True)
    return path


def latest_checkpoint(folder) -> Optional[Tuple[Path, dict]]:
    """``(path, contents)`` of the newest periodic checkpoint in ``folder`` that loads, else None.

    A damaged newest file is reported, moved aside (``step-*.pt.damaged``) and skipped in favour of the one before it.
    """
    for path in periodic_checkpoints(folder):
        try:
            return path, read_checkpoint(path)
        except CheckpointError as error:
            # Out of the rotation, kept for a look: left as step-*.pt it would count among the newest two, and the
            # good one resumed from would be the next deleted.
            aside = path.with_name(path.name + ".damaged")
            try:
                path.replace(aside)
                notice(f"skipping a damaged checkpoint (moved aside to {aside.name}): {error}")
            except OSError:
                notice(f"skipping a damaged checkpoint: {error}")
    return None


def load_device(map_location) -> Optional[torch.device]:
    """The device ``map_location`` names, checked before the file is read: a device this machine lacks (a notebook
    written on a GPU, run on a laptop) is said so, never blamed on the file. None for torch.load's other forms."""
    if not isinstance(map_location, (str, torch.device)):
        return None
    try:
        return pick_device(str(map_location))
    except ValueError:
        known = str(map_location).split(":")[0].lower() in ("cpu", "cuda", "mps")
        raise ValueError(f"map_location={str(map_location)!r} " + (
            f"names a device this machine does not have (it has {pick_device()})" if known else
            "is not a device: choose 'cpu', 'cuda' or 'mps'") + ". The checkpoint was not read (nothing is wrong with "
            "it): load it with map_location='cpu', or leave map_location out.") from None


def read_checkpoint(path, map_location="cpu") -> dict:
    """The checkpoint's contents as a dict, or a CheckpointError that says what is wrong with the file."""
    load_device(map_location)
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise CheckpointError(f"a checkpoint is read from a path (a run folder or its checkpoint.pt), got {path!r}")
    path = Path(path)
    if path.is_dir() and (path / "checkpoint.pt").is_file():  # a run folder: its final checkpoint
        path = path / "checkpoint.pt"
    if path.is_dir():
        raise CheckpointError(f"{path} is a folder without a checkpoint.pt: give a run folder or the path of a "
                              "checkpoint written by ganlib (a run's periodic ones are in its checkpoints/).")
    if not path.is_file():
        raise CheckpointError(f"{path}: {'no such file' if not path.exists() else 'not a file (a device or a pipe)'}. "
                              "Give the path of a checkpoint.pt written by ganlib.")
    if path.stat().st_size == 0:
        raise CheckpointError(f"{path}: the file is empty (an interrupted copy?). Use another checkpoint.")
    corrupt = f"{path}: not a readable PyTorch checkpoint (corrupt, truncated or another format). " \
              "Use an older checkpoint or train again."
    if path.suffix.lower() in (".npy", ".npz", ".png", ".jpg", ".gif", ".json", ".txt", ".ipynb", ".csv"):
        corrupt = (f"{path}: a {path.suffix} file, not a checkpoint. Give a run folder, a checkpoint.pt, or (for "
                   "evaluate) a samples .npz written by `python -m ganlib sample --out FILE.npz`.")
    if not zipfile.is_zipfile(path):  # torch.save writes a zip archive
        raise CheckpointError(corrupt)
    try:
        payload = torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as error:
        detail = next((line.strip() for line in str(error).splitlines() if "Unsupported global" in line),
                      "it holds Python objects other than weights")
        raise CheckpointError(f"{path}: refused to load: loading it could run code ({detail}). "
                              "Only load checkpoints written by ganlib.") from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, OSError):
        raise CheckpointError(corrupt) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(f"{path}: a PyTorch file, but not a ganlib checkpoint. "
                              "Give a checkpoint.pt written by `python -m ganlib train`.")
    if payload.get("format_version") != FORMAT_VERSION:
        raise CheckpointError(f"{path}: written by another ganlib version (format {payload.get('format_version')}, "
                              f"this ganlib reads {FORMAT_VERSION}). Install the matching ganlib or retrain.")
    if payload.get("variant") is not None and payload.get("variant") not in VARIANTS:  # it names exported files
        raise CheckpointError(f"{path}: its variant ({payload.get('variant')!r}) is none of the course's "
                              f"({', '.join(VARIANTS)}): the file is damaged. Use another checkpoint or train again.")
    return payload


def _rebuild(entry, path=None) -> nn.Module:
    """The net a checkpoint entry describes, or a CheckpointError when the entry is damaged or forged."""
    try:
        with torch.device("meta"):  # first without memory: forged settings (hidden=10**9) cannot allocate gigabytes
            shapes = {name: tuple(value.shape) for name, value in rebuild_net(entry["class"], entry["settings"])
                      .state_dict().items()}
        if shapes != {name: tuple(value.shape) for name, value in entry["state"].items()}:
            raise ValueError("its settings do not match its weights")
        net = rebuild_net(entry["class"], entry["settings"])
        wrong_type = [name for name, value in net.state_dict().items()
                      if value.is_floating_point() and not entry["state"][name].is_floating_point()]
        if wrong_type:  # bool or complex weights: load_state_dict would quietly copy them in as 0/1 or real parts
            raise ValueError(f"its weights are no real numbers ({entry['state'][wrong_type[0]].dtype} in {wrong_type[0]})")
        net.load_state_dict(entry["state"])  # copies into float32 parameters, also from a float16 file
    except (KeyError, TypeError, ValueError, RuntimeError, AttributeError) as error:
        raise CheckpointError(f"{path or 'the checkpoint'}: its network entry is damaged or does not match the nets "
                              f"ganlib builds ({error.__class__.__name__}). Use another checkpoint or train again.") from None
    broken = [name for name, value in net.state_dict().items()
              if value.is_floating_point() and not torch.isfinite(value).all()]
    if broken:  # a diverged run's weights: they would sample black (or grey) images and a full table of nonsense
        raise CheckpointError(f"{path or 'the checkpoint'}: its weights are not numbers (NaN or infinite in "
                              f"{len(broken)} tensors, e.g. {broken[0]}): that run diverged. Use an earlier checkpoint "
                              "from its checkpoints/ folder, or train again with a smaller learning rate.")
    return net


def load_checkpoint(path, map_location="cpu") -> Tuple[nn.Module, nn.Module, dict]:
    """Rebuild ``(G, D)`` from a checkpoint, on the device ``map_location`` names, with the whole checkpoint dict."""
    payload, device = read_checkpoint(path, map_location), load_device(map_location)
    if payload.get("discriminator") is None:
        raise CheckpointError(f"{path}: holds a generator only (shipped weights), nothing to resume training from. "
                              "Sample from it, or train with `python -m ganlib train`.")
    G, D = _rebuild(payload["generator"], path), _rebuild(payload["discriminator"], path)
    return (G.to(device), D.to(device), payload) if device is not None else (G, D, payload)


def load_generator(path, map_location="cpu") -> Tuple[nn.Module, dict]:
    """The generator of a training checkpoint or of a shipped weights file (on ``map_location``), with the file's
    contents. A periodic checkpoint of a run with a moving average (``ema_decay``, ``--ema``) gives the averaged
    generator, as the run's own checkpoint.pt does: the one to sample from."""
    payload, device = read_checkpoint(path, map_location), load_device(map_location)
    entry, state = payload.get("generator"), payload.get("training_state")
    averaged = state.get("ema") if isinstance(state, dict) else None
    G = _rebuild({**entry, "state": averaged} if averaged is not None and isinstance(entry, dict) else entry, path)
    return (G.to(device) if device is not None else G), payload


def save_generator(path, G: nn.Module, variant: str, trained: dict) -> Path:
    """Write only the generator, in float16 (half the size; sampling loses nothing visible), with how it
    was ``trained`` (command, seed, epochs, minutes, machine). This is what ``ganlib/weights/`` ships."""
    state = {k: v.half() if v.is_floating_point() else v for k, v in on_cpu(G.state_dict()).items()}
    payload = {"format": FORMAT, "format_version": FORMAT_VERSION, "variant": variant,
               "generator": {"class": course_class_name(G), "settings": G.settings, "state": state},
               "discriminator": None, "trained": trained}
    return atomic_save(payload, path)
