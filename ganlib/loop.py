"""The one training loop: ``train`` serves all four variants, because every net has the same call signature.

It runs epochs of steps (``ganlib.step.train_step``, or the one you pass), records a ``History`` (losses, mean
D(x), mean D(G(z)), fixed-noise snapshots for the GIF), shows a progress bar, saves periodic checkpoints and
resumes from them exactly, and stops cleanly at its budget, at Ctrl-C or SIGTERM, or when the losses stop being
numbers. It never plots (``ganlib.pictures`` does). Its one door to the evaluation layer is the health check.
"""
from __future__ import annotations

import math
import time
import dataclasses
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

import torch
from torch import nn
from tqdm.auto import tqdm

from .checkpoints import (latest_checkpoint, periodic_checkpoints, restore_training, save_periodic, save_snapshots,
                          training_state)
from .config import TrainConfig, run_settings
from .data import TensorBatches, as_labels
from .ema import EMA
from .evaluation.health import HealthMonitor  # the loop's one door to the evaluation layer
from .files import DiskFullError, remove_stale_temporaries
from .gpu import Precision, keeps_data, mixed_precision_default, tune
from .losses import objective
from .machine import pick_device, seed_everything
from .notices import notice
from .pixels import as_uint8_images, to_uint8
from .places import shown
from .sampling import fixed_inputs, generate
from .step import STEP_KEYS, make_optimizers, step_extras, step_name, step_result, train_step
from .stopping import stop_requests


@dataclass
class History:
    """What happened during training, in plain lists (so it fits in a safe checkpoint)."""

    step: List[int] = field(default_factory=list)
    epoch: List[float] = field(default_factory=list)
    loss_d: List[float] = field(default_factory=list)
    loss_g: List[float] = field(default_factory=list)
    d_real: List[float] = field(default_factory=list)  # mean D(x): D's belief that real images are real
    d_fake: List[float] = field(default_factory=list)  # mean D(G(z)): D's belief that fakes are real
    d_outputs: str = "probability"  # what d_real and d_fake hold: "probability", or "score" (hinge, Wasserstein)
    snapshot_epochs: List[float] = field(default_factory=list)
    snapshots: List[torch.Tensor] = field(default_factory=list)  # uint8 (N, C, H, W), fixed inputs
    snapshot_columns: int = 8
    images_seen: int = 0
    seconds: float = 0.0
    stop_reason: str = ""
    diverged: bool = False  # a loss became NaN or infinite; the weights are not worth keeping
    warnings: List[str] = field(default_factory=list)  # the health warnings given (ganlib.evaluation.health)

    @property
    def images_per_second(self) -> float:
        return self.images_seen / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, state: dict) -> "History":
        return cls(**state)


def _snapshot(G, z, y, history: History, epoch: float, monitor: Optional[HealthMonitor] = None) -> None:
    history.snapshots.append(to_uint8(generate(G, z, y)).cpu())
    history.snapshot_epochs.append(round(epoch, 2))
    if monitor is not None:
        monitor.after_snapshot(epoch, history.snapshots[-1], y)


def _finite(stats: dict) -> dict:
    """The step's numbers as floats, or an empty dict when one of them is NaN or infinite."""
    values = {k: float(stats[k]) for k in STEP_KEYS}
    return values if all(math.isfinite(v) for v in values.values()) else {}


def _spectrally_normed(D: nn.Module) -> bool:
    """Does some layer of ``D`` carry spectral normalisation (PyTorch's parametrization, or its older hook)?"""
    return any(nn.utils.parametrize.is_parametrized(m, "weight") or hasattr(m, "weight_orig") for m in D.modules())


def _check_nets_fit(D: nn.Module, config: TrainConfig) -> None:
    """The settings that live in the nets, not in the loop, must be in the nets: a config that asks for them cannot
    add them to a D built without them, and training on would silently be another experiment."""
    if config.spectral_norm and not _spectrally_normed(D):
        raise ValueError("config.spectral_norm=True, but this D has no spectral normalisation (the loop cannot add it): "
                         "build D with it: G, D = build_nets(variant, spectral_norm=True), or "
                         "ConvDiscriminator(batch_norm=False, spectral_norm=True)")
    if config.loss == "wgan-gp" and any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in D.modules()):
        raise ValueError("loss='wgan-gp' needs a critic without batch norm (its gradient penalty is taken image by "
                         "image, and batch norm mixes the images of a batch): build D without it: G, D = build_nets(variant, "
                         "critic=True), or ConvDiscriminator(batch_norm=False)")


def _changed_settings(saved: dict, config: TrainConfig) -> list:
    """The settings that shape training and differ from those the checkpoint was trained with (epochs, budgets,
    devices and bookkeeping may change between sessions)."""
    free = {"epochs", "minutes", "max_steps", "device", "compile", "progress", "smoke", "checkpoint_dir",
            "checkpoint_every_epochs", "checkpoint_every_minutes", "log_every", "snapshots_per_epoch", "health_checks",
            "mixed_precision"}
    now = config.to_dict()
    return [f"{k}: {saved[k]!r} -> {now[k]!r}" for k in sorted(now) if k in saved and k not in free and saved[k] != now[k]]


def train(G: nn.Module, D: nn.Module, images: torch.Tensor, labels: Optional[torch.Tensor] = None,
          config: Optional[TrainConfig] = None, resume: bool = False, step: Optional[Callable] = None) -> History:
    """Train ``G`` against ``D`` on ``images`` (uint8, or floats in [-1, 1] or [0, 1]; and ``labels`` for
    conditional nets), one ``step`` per batch (default ``ganlib.step.train_step``; yours takes
    ``(G, D, opt_g, opt_d, x, y=None)``, plus ``r1_gamma`` or ``class_weight`` when the config uses them, and
    returns the same four numbers: ``loss_d``, ``loss_g``, ``d_real``, ``d_fake``).

    Stops after ``config.epochs``, or earlier at ``config.minutes`` or ``config.max_steps``, at Ctrl-C,
    or when a loss stops being a finite number. With ``config.checkpoint_dir`` set it saves periodic
    checkpoints there, and ``resume=True`` continues from the newest one (bit for bit on a CPU).
    Returns the History; the nets are trained in place (with ``config.ema_decay``, ``G`` ends up holding
    the moving average of its weights, which is the better generator). Under the smoke switch it trains a
    shrunk copy of ``config`` (``ganlib.config.smoke_settings``).
    """
    if config is not None and not isinstance(config, TrainConfig):
        raise TypeError(f"config must be a TrainConfig, got {type(config).__name__}"
                        + (": make one with TrainConfig(**settings) or TrainConfig.from_dict(settings)"
                           if isinstance(config, dict) else ""))
    # A copy, checked again: a setting changed after the config was made (config.epochs = 0) is refused as at first.
    config = dataclasses.replace(config) if config is not None else TrainConfig()
    config = run_settings(config)
    step_fn = step or train_step
    extras = step_extras(step_fn, config)
    for name, net, example in (("G", G, "MLPGenerator()"), ("D", D, "MLPDiscriminator()")):
        if not isinstance(net, nn.Module):
            raise TypeError(f"train(G, D, images, ...) takes the generator net first, then the discriminator net: "
                            f"{name} is {net!r:.40} ({type(net).__name__}), not a net; build one, e.g. "
                            f"{name} = {example}, or both with build_nets(variant)")
    if getattr(G, "latent_dim", None) is None and getattr(D, "latent_dim", None) is not None:
        raise TypeError(f"train(G, D, images, ...) takes the generator first, then the discriminator: got a "
                        f"{type(G).__name__} first and the {type(D).__name__} second; swap them")
    if G.n_classes and labels is None:
        raise ValueError("this generator is conditional: pass the labels of the images too")
    _check_nets_fit(D, config)
    if isinstance(getattr(G, "variant", None), str) and G.variant != config.variant:
        raise ValueError(f"these nets are the course's {G.variant!r} ({type(G).__name__}), but config.variant is "
                         f"{config.variant!r}: set TrainConfig(variant={G.variant!r}) (the variant chooses the defaults and "
                         "names the checkpoints), or build the nets of the variant you meant")
    if type(resume).__name__ not in ("bool", "bool_"):  # the text "False" would be read as True and resume
        raise TypeError(f"resume must be True or False, got {resume!r:.40}")
    if resume and not config.checkpoint_dir:
        raise ValueError("resume=True needs config.checkpoint_dir: the folder the checkpoints were saved in")
    if config.checkpoint_dir:
        folder = Path(config.checkpoint_dir)
        blocked = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if blocked is not None:
            where = "is a file" if blocked == folder else f"lies inside {blocked}, which is a file"
            raise NotADirectoryError(f"config.checkpoint_dir {config.checkpoint_dir} {where}, not a folder: name a "
                                     "folder (it is created when missing)")
    if not resume and config.checkpoint_dir and periodic_checkpoints(config.checkpoint_dir):
        raise FileExistsError(f"{config.checkpoint_dir} already holds checkpoints of an earlier run: pass "
                              "resume=True to continue it, or choose another checkpoint_dir (nothing was overwritten)")
    latent = getattr(G, "latent_dim", None)
    if isinstance(latent, int) and latent != config.latent_dim:
        raise ValueError(f"config.latent_dim is {config.latent_dim}, but G takes noise of {latent}: build G with "
                         f"latent_dim=config.latent_dim, or set TrainConfig(latent_dim={latent}), so that the "
                         "checkpoint's settings describe the net it holds")
    if config.checkpoint_dir:
        remove_stale_temporaries(config.checkpoint_dir)  # what a killed run was writing: never a whole checkpoint
    images = as_uint8_images(images)
    labels = as_labels(labels, len(images), G.n_classes) if G.n_classes else None
    seed_everything(config.seed)
    device = pick_device(config.device)
    # channels_last is the layout the fast convolution kernels want, on CPUs (1.07x for the 64x64 DCGAN, report section 3.6) and GPUs
    # alike; it changes only how 4-d weights sit in memory, so the MLPs are untouched.
    G.to(device, memory_format=torch.channels_last).train()
    D.to(device, memory_format=torch.channels_last).train()
    tune(device)
    precision = Precision(device, mixed_precision_default(device, config.mixed_precision))
    # G and D themselves are what is saved; compiled wrappers (same weights) only run the steps.
    G_run, D_run = (torch.compile(G), torch.compile(D)) if config.compile else (G, D)
    data_device = device if keeps_data(images, device) else torch.device("cpu")
    # Each step takes one batch per D update (WGAN-GP's critic: 5 per G update).
    if config.critic_steps > 1 and config.batch_size * config.critic_steps > len(images):
        raise ValueError(f"one step takes {config.critic_steps} batches of {config.batch_size} (critic_steps), more than "
                         f"the {len(images)} images: use a smaller batch_size or critic_steps, or more images")
    batches = TensorBatches(images, labels if G.n_classes else None, config.batch_size * config.critic_steps,
                            data_device, config.seed)
    opt_g, opt_d = make_optimizers(G, D, config)
    ema = EMA(G, config.ema_decay) if config.ema_decay else None
    z_fixed, y_fixed = fixed_inputs(G)

    history, step = History(), 0
    found = latest_checkpoint(config.checkpoint_dir) if resume else None
    # The newest checkpoint on disk, and how many progress pictures are saved beside it (after a resume they
    # are all written again once: a gap left by a lost picture must not shift the later ones).
    saved = {"path": found[0] if found else None, "step": None, "pictures": 0}
    if found:
        history_state, step = restore_training(*found, G, D, opt_g, opt_d, ema, batches, config)
        history = History.from_dict(history_state)
        tqdm.write(f"Resuming from {shown(found[0])} (step {step}, epoch {step / len(batches):.3g}).")
        changed = _changed_settings(found[1].get("config") or {}, config)
        if changed:
            notice(f"you changed settings since this run was saved ({'; '.join(changed)}): it goes on with the new "
                   "ones, which makes it a different run than either. To train the new settings from scratch, start a "
                   "new run in another folder (--out on the command line, checkpoint_dir in Python).")
    else:
        if resume:
            damaged = sorted(Path(config.checkpoint_dir).glob("*.damaged")) if config.checkpoint_dir else []
            tqdm.write(f"No readable checkpoint in {shown(config.checkpoint_dir)} (the damaged ones are kept beside it, "
                       f"as {damaged[0].name} ...): starting from scratch." if damaged else
                       f"No checkpoint in {shown(config.checkpoint_dir)} yet: starting from scratch.")
        _snapshot(G, z_fixed, y_fixed, history, 0.0)
    earlier_reason, history.stop_reason, history.diverged = history.stop_reason, "", False
    history.d_outputs = "probability" if objective(config.loss).probabilities else "score"
    monitor = HealthMonitor(config.health_checks, history, batches.image_shape, config.data, config.loss)

    steps_per_epoch = len(batches)
    total = config.epochs * steps_per_epoch
    if config.max_steps:
        total = min(total, config.max_steps)
    snapshot_every = max(1, steps_per_epoch // config.snapshots_per_epoch)
    deadline = time.monotonic() + 60 * config.minutes if config.minutes else math.inf
    every_minutes = 60 * config.checkpoint_every_minutes if config.checkpoint_every_minutes else math.inf
    start, previous_seconds = time.monotonic(), history.seconds
    last_save, first_step = start, step

    def save():
        """A periodic checkpoint, after the progress pictures not yet on disk; when the disk is full (or the write
        fails) training goes on in memory."""
        nonlocal last_save
        history.seconds = previous_seconds + time.monotonic() - start
        try:
            saved["pictures"] = save_snapshots(config.checkpoint_dir, history, saved["pictures"])
            saved["path"] = save_periodic(config.checkpoint_dir, step, G, D, history, config,
                                          training_state(opt_g, opt_d, batches, step, ema, saved["pictures"]))
            saved["step"] = step
        except OSError as error:
            kept = f"the last checkpoint ({saved['path']}) is intact" if saved["path"] else "no checkpoint was saved yet"
            fix = "free some space" if isinstance(error, DiskFullError) else "make the folder writable"
            notice(f"{error.strerror or error} at step {step}: {kept}. Training goes on in memory; {fix} and the "
                   "next checkpoint will be written.")
        last_save = time.monotonic()

    bar = tqdm(total=total, initial=min(step, total), desc=f"training {config.variant}", unit="step",
               disable=not config.progress)
    try:
        with stop_requests(lambda: saved["path"]) as stop_requested:
            while step < total and not history.stop_reason:
                for x, y in batches.epoch(skip=step % steps_per_epoch):
                    x, y = x.to(device, non_blocking=True), (y.to(device, non_blocking=True) if y is not None else y)
                    # Lazy R1 (Karras et al., 2020): every r1_every-th step, r1_every times as strong.
                    r1 = config.r1_gamma * config.r1_every if step % config.r1_every == 0 else 0.0
                    # The R1 and gradient penalties differentiate D's gradient (a double backward), which compiled
                    # graphs cannot do: their steps run D eagerly (same weights), the others compiled.
                    given = {"class_weight": config.class_weight, "precision": precision, "r1_gamma": r1,
                             "loss": config.loss, "gp_weight": config.gp_weight, "critic_steps": config.critic_steps}
                    stats = step_fn(G_run, D if r1 or config.gp_weight else D_run, opt_g, opt_d, x, y,
                                    **{k: v for k, v in given.items() if k in extras})
                    stats = step_result(stats, step_fn)  # dict checks only: no wait for the device
                    if not (G.training and D.training):  # batch norm would go on training on running statistics
                        left = " and ".join(n for n, net in (("G", G), ("D", D)) if not net.training)
                        raise ValueError(f"your step {step_name(step_fn)}() left {left} in eval mode ({left}.eval()), "
                                         f"so batch norm would train on its running statistics: call {left}.train() "
                                         "again before it returns, or leave eval() out (the loop sets the modes)")
                    if ema is not None:
                        ema.update(G)
                    step += 1
                    history.images_seen += len(x)
                    epoch = step / steps_per_epoch
                    checkpoint_due = config.checkpoint_dir and (
                        (config.checkpoint_every_epochs and step % (config.checkpoint_every_epochs * steps_per_epoch) == 0)
                        or time.monotonic() - last_save > every_minutes)
                    history.stop_reason = _stop_reason(step, total, epoch, deadline, stop_requested, config)
                    # The last step is always logged, so a run stopped before its log_every-th step has curves too.
                    if step % config.log_every == 0 or history.stop_reason or checkpoint_due:
                        if not _record(history, step, epoch, stats, monitor, bar):  # NaN or infinite: stop
                            break
                    bar.update(1)
                    if step % snapshot_every == 0 or step == total:
                        _snapshot(ema.model if ema else G, z_fixed, y_fixed, history, epoch, monitor)
                    if checkpoint_due and not history.stop_reason:
                        save()
                    if history.stop_reason:
                        break
    finally:
        bar.close()
        history.seconds = previous_seconds + time.monotonic() - start
    if step == first_step and step >= total and earlier_reason.startswith("finished"):  # nothing more to do
        history.stop_reason = earlier_reason
        tqdm.write(f"This run had already {earlier_reason}: nothing left to train (ask for more epochs, or max_steps, "
                   "to train it further).")
    history.stop_reason = history.stop_reason or _stop_reason(step, step, step / steps_per_epoch, math.inf, [], config)
    if history.diverged:
        monitor.diverged(f"Training stopped: {history.stop_reason}", config.checkpoint_dir)
        return history
    if not history.snapshot_epochs or history.snapshot_epochs[-1] != round(step / steps_per_epoch, 2):
        _snapshot(ema.model if ema else G, z_fixed, y_fixed, history, step / steps_per_epoch, monitor)
    if config.checkpoint_dir:
        save()
    if ema is not None:  # hand back the averaged generator: the one to sample from and to evaluate
        G.load_state_dict(ema.model.state_dict())
    if history.stop_reason.startswith("interrupted"):
        tqdm.write(f"Training {history.stop_reason}: {_where_to_resume(config, saved, step)}.")
    elif stop_requested:  # Ctrl-C or SIGTERM during the last step: the run is whole and saved, but the user said stop
        where = f" in {shown(config.checkpoint_dir)}" if config.checkpoint_dir else ""
        raise KeyboardInterrupt(f"training had {history.stop_reason} and is saved{where}; stopped before what follows "
                                "it (on the command line, --resume RUN_FOLDER writes the run's results, training no more)")
    return history


def _record(history: History, step: int, epoch: float, stats: dict, monitor: HealthMonitor, bar) -> bool:
    """Read the step's numbers (the only place the loop waits for the device) into the History, the health
    check and the progress bar; False, with the reason in the History, when they are no longer numbers."""
    values = _finite(stats)
    if not values:
        history.diverged = True
        history.stop_reason = (f"the losses became NaN or infinite at step {step}: training diverged. Try a smaller "
                               "learning rate or another seed.")
        return False
    history.step.append(step)
    history.epoch.append(epoch)
    for k, v in values.items():
        getattr(history, k).append(v)
    monitor.after_log(step, values)
    bar.set_postfix(loss_d=f"{values['loss_d']:.3f}", loss_g=f"{values['loss_g']:.3f}", refresh=False)
    return True


def _stop_reason(step: int, total: int, epoch: float, deadline: float, stop_requested, config: TrainConfig) -> str:
    """Why training stops after this step ("" to go on): Ctrl-C or SIGTERM, the planned steps done, or the time
    budget spent. (Divergence is found where the numbers are read, ``_record``.)"""
    if stop_requested and step < total:  # a stop during the last step leaves a whole run: it is finished (see train)
        return f"interrupted at step {step}"
    if step >= total:
        if config.max_steps and epoch < config.epochs:  # the planned steps ran out before the epochs: max_steps
            return f"finished max_steps = {config.max_steps:,} steps ({f'{epoch:.2g}' if epoch < 1 else f'{round(epoch, 2):g}'} epochs)"
        return f"finished {round(epoch, 2):g} epoch{'' if round(epoch, 2) == 1 else 's'}"
    if time.monotonic() > deadline:
        return f"stopped at the time budget of {config.minutes:g} minutes"
    return ""


def _where_to_resume(config: TrainConfig, saved: dict, step: int) -> str:
    if not config.checkpoint_dir:
        return "set config.checkpoint_dir to be able to resume"
    if saved["step"] == step:
        return (f"checkpoint saved in {shown(config.checkpoint_dir)}: the run can go on from there (--resume RUN_FOLDER "
                "on the command line, resume=True in Python)")
    return f"the checkpoint could not be saved; the last one is {saved['path'] or 'none'}"
