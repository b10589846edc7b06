"""The one training loop. It serves all four variants because every net has the same call signature.

``train_step`` = one discriminator update, then one generator update. ``train`` runs epochs of
steps, records a ``History`` (losses, mean D(x), mean D(G(z)), fixed-noise snapshots) and shows a
progress bar. It never plots: plotting is a separate call on the History.
"""
from __future__ import annotations

import contextlib
import copy
import math
import signal
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import List, Optional

import torch
from torch import nn
from tqdm.auto import tqdm

from .checkpoints import (CheckpointError, latest_checkpoint, periodic_checkpoints, remove_stale_temporaries,
                          save_periodic)
from .config import TrainConfig, pick_device, seed_everything
from .data import TensorBatches, as_uint8_images, to_uint8
from .gpu import FULL_PRECISION, Precision, keeps_data, mixed_precision_default, tune
from .health import HealthMonitor
from .losses import class_loss, discriminator_loss, generator_loss, r1_penalty
from .notices import notice
from .sampling import device_of, fixed_inputs, generate


@dataclass
class History:
    """What happened during training, in plain lists (so it fits in a safe checkpoint)."""

    step: List[int] = field(default_factory=list)
    epoch: List[float] = field(default_factory=list)
    loss_d: List[float] = field(default_factory=list)
    loss_g: List[float] = field(default_factory=list)
    d_real: List[float] = field(default_factory=list)  # mean D(x): D's belief that real images are real
    d_fake: List[float] = field(default_factory=list)  # mean D(G(z)): D's belief that fakes are real
    snapshot_epochs: List[float] = field(default_factory=list)
    snapshots: List[torch.Tensor] = field(default_factory=list)  # uint8 (N, C, H, W), fixed inputs
    snapshot_columns: int = 8
    images_seen: int = 0
    seconds: float = 0.0
    stop_reason: str = ""
    diverged: bool = False  # a loss became NaN or infinite; the weights are not worth keeping
    warnings: List[str] = field(default_factory=list)  # the health warnings given (ganlib.health)

    @property
    def images_per_second(self) -> float:
        return self.images_seen / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, state: dict) -> "History":
        return cls(**state)


@contextlib.contextmanager
def frozen(net: nn.Module):
    """Switch off gradients of ``net``'s weights: the generator's update must not touch D's."""
    flags = [p.requires_grad for p in net.parameters()]
    net.requires_grad_(False)
    try:
        yield net
    finally:
        for p, flag in zip(net.parameters(), flags):
            p.requires_grad_(flag)


def _judge(D: nn.Module, x: torch.Tensor, y: Optional[torch.Tensor], class_weight: float):
    """D's logits, plus ``class_weight`` x its class loss on ``x`` when the class loss is on (else 0)."""
    if not class_weight:
        return D(x, y), 0.0
    logits, class_logits = D(x, y, classify=True)
    return logits, class_weight * class_loss(class_logits.float(), y)


def discriminator_step(D: nn.Module, opt_d: torch.optim.Optimizer, x: torch.Tensor, fake: torch.Tensor,
                       y: Optional[torch.Tensor] = None, class_weight: float = 0.0,
                       precision: Precision = FULL_PRECISION, r1_gamma: float = 0.0):
    """Teach D to say 1 to real images and 0 to fakes (and, with the class loss, to name the class of real
    images; with ``r1_gamma``, to keep its slope at real images gentle). ``fake`` is detached: G is not
    updated here."""
    opt_d.zero_grad(set_to_none=True)
    x = x.detach().requires_grad_(True) if r1_gamma else x
    with precision.autocast():
        real_logits, naming = _judge(D, x, y, class_weight)
        fake_logits = D(fake.detach(), y)
        loss = discriminator_loss(real_logits.float(), fake_logits.float())
    penalty = r1_gamma / 2 * r1_penalty(real_logits, x, precision.loss_scale(opt_d)) if r1_gamma else 0.0
    precision.backward_and_step(loss + naming + penalty, opt_d)
    return loss.detach(), torch.sigmoid(real_logits).mean().detach(), torch.sigmoid(fake_logits).mean().detach()


def generator_step(D: nn.Module, opt_g: torch.optim.Optimizer, fake: torch.Tensor,
                   y: Optional[torch.Tensor] = None, class_weight: float = 0.0,
                   precision: Precision = FULL_PRECISION) -> torch.Tensor:
    """Teach G to make D say 1 to its fakes (and, with the class loss, to see the class asked for in them).
    D is frozen, so its weights and gradients stay as they are."""
    opt_g.zero_grad(set_to_none=True)
    with frozen(D):
        with precision.autocast():
            fake_logits, naming = _judge(D, fake, y, class_weight)
            loss = generator_loss(fake_logits.float())
        precision.backward_and_step(loss + naming, opt_g)
    return loss.detach()


def train_step(G: nn.Module, D: nn.Module, opt_g, opt_d, x: torch.Tensor, y: Optional[torch.Tensor] = None,
               class_weight: float = 0.0, precision: Precision = FULL_PRECISION, r1_gamma: float = 0.0) -> dict:
    """One D update then one G update on the batch ``x`` (labels ``y`` for conditional nets).

    Returns detached 0-d tensors; reading them (``.item()``) waits for the GPU, so ``train`` reads
    them only every ``log_every`` steps.
    """
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y = y if G.n_classes else None  # the fakes are asked for the same labels as the real batch
    class_weight = class_weight if G.n_classes else 0.0
    with precision.autocast():
        fake = G(z, y)
    loss_d, d_real, d_fake = discriminator_step(D, opt_d, x, fake, y, class_weight, precision, r1_gamma)
    loss_g = generator_step(D, opt_g, fake, y, class_weight, precision)
    return {"loss_d": loss_d, "loss_g": loss_g, "d_real": d_real, "d_fake": d_fake}


class EMA:
    """An exponential moving average of the generator's weights (and a copy of its batch-norm statistics).

    The generator's weights keep circling the equilibrium as the two players push each other; their
    average over the last thousand steps or so sits closer to it (Yazici et al., 2019). Training updates
    ``G``; snapshots, evaluation and sampling use the average. Off by default: in short CPU runs the
    average still carries the untrained start, and batch norm's statistics belong to the raw weights,
    so it made the course's conditional DCGAN worse (``python -m ganlib bench recipes``). Try it for
    long runs.
    """

    def __init__(self, G: nn.Module, decay: float):
        self.decay, self.model = decay, copy.deepcopy(G).eval().requires_grad_(False)

    @torch.no_grad()
    def update(self, G: nn.Module) -> None:
        torch._foreach_lerp_(list(self.model.parameters()), list(G.parameters()), 1 - self.decay)
        for mine, theirs in zip(self.model.buffers(), G.buffers()):
            mine.copy_(theirs)


def make_optimizers(G: nn.Module, D: nn.Module, config: TrainConfig):
    """Adam with beta1 = 0.5 (Radford et al., 2015): less momentum keeps the two players from overshooting."""
    # On CUDA the fused Adam updates every weight in one kernel instead of several per tensor (the step
    # is bound by kernel launches there); on a CPU the plain loop is what the course's numbers used.
    fused = {"fused": True} if device_of(G).type == "cuda" else {}
    opt_g = torch.optim.Adam(G.parameters(), lr=config.lr_g, betas=config.betas, **fused)
    opt_d = torch.optim.Adam(D.parameters(), lr=config.lr_d, betas=config.betas, **fused)
    return opt_g, opt_d


def _snapshot(G, z, y, history: History, epoch: float, monitor: Optional[HealthMonitor] = None) -> None:
    history.snapshots.append(to_uint8(generate(G, z, y)).cpu())
    history.snapshot_epochs.append(round(epoch, 2))
    if monitor is not None:
        monitor.after_snapshot(epoch, history.snapshots[-1], y)


def _finite(stats: dict) -> dict:
    """The step's numbers as floats, or an empty dict when one of them is NaN or infinite."""
    values = {k: v.item() for k, v in stats.items()}
    return values if all(math.isfinite(v) for v in values.values()) else {}


@contextlib.contextmanager
def stop_requests(where=lambda: None):
    """Turn Ctrl-C (or Colab's stop button) and SIGTERM (``kill``, a scheduler, a closing Colab session) into a
    request to stop after the current step.

    Stopping between steps keeps the two nets consistent, so the saved checkpoint resumes exactly.
    A second Ctrl-C interrupts at once, saying where the last checkpoint is (``where()``).
    """
    requested = []
    if threading.current_thread() is not threading.main_thread():
        yield requested
        return

    def handler(signum, frame):
        if requested:
            last = where()
            tqdm.write(f"Stopped at once: {f'the last checkpoint is {last}' if last else 'no checkpoint was saved'}.")
            raise KeyboardInterrupt
        requested.append(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield requested
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _training_state(opt_g, opt_d, batches: TensorBatches, step: int, ema: Optional[EMA]) -> dict:
    """Everything besides the nets that decides what the next step does."""
    return {
        "step": step,
        "ema": ema.model.state_dict() if ema else None,
        "opt_g": opt_g.state_dict(),
        "opt_d": opt_d.state_dict(),
        "rng_torch": torch.get_rng_state(),
        "rng_cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
        "rng_batches": batches.generator.get_state(),
        "rng_batches_epoch_start": batches.epoch_start_state,
    }


def _restore(path, payload: dict, G, D, opt_g, opt_d, ema: Optional[EMA], batches: TensorBatches,
             config: TrainConfig):
    """Load a periodic checkpoint into the run; returns its History and step."""
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
        if entry["class"] != type(net).__name__ or entry["settings"] != net.settings:
            raise CheckpointError(f"{path} holds a {entry['class']} with {entry['settings']}, which does not "
                                  f"match this {type(net).__name__}: build the same nets to resume.")
        net.load_state_dict(entry["state"])
    state = payload.get("training_state")
    if not state:
        raise CheckpointError(f"{path} holds weights only, not the training state needed to resume.")
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
    return History.from_dict(payload["history"]), step


def train(G: nn.Module, D: nn.Module, images: torch.Tensor, labels: Optional[torch.Tensor] = None,
          config: Optional[TrainConfig] = None, resume: bool = False) -> History:
    """Train ``G`` against ``D`` on uint8 ``images`` (and ``labels`` for conditional nets).

    Stops after ``config.epochs``, or earlier at ``config.minutes`` or ``config.max_steps``, at Ctrl-C,
    or when a loss stops being a finite number. With ``config.checkpoint_dir`` set it saves periodic
    checkpoints there, and ``resume=True`` continues from the newest one (bit for bit on a CPU).
    Returns the History; the nets are trained in place (with ``config.ema_decay``, ``G`` ends up holding
    the moving average of its weights, which is the better generator).
    """
    config = config or TrainConfig()
    if G.n_classes and labels is None:
        raise ValueError("this generator is conditional: pass the labels of the images too")
    if resume and not config.checkpoint_dir:
        raise ValueError("resume=True needs config.checkpoint_dir: the folder the checkpoints were saved in")
    if not resume and config.checkpoint_dir and periodic_checkpoints(config.checkpoint_dir):
        raise FileExistsError(f"{config.checkpoint_dir} already holds checkpoints of an earlier run: pass "
                              "resume=True to continue it, or choose another checkpoint_dir (nothing was overwritten)")
    if config.checkpoint_dir:
        remove_stale_temporaries(config.checkpoint_dir)  # what a killed run was writing: never a whole checkpoint
    images = as_uint8_images(images)
    seed_everything(config.seed)
    device = pick_device(config.device)
    # channels_last is the layout the fast convolution kernels want, on CPUs (about 1.2x here) and GPUs
    # alike; it changes only how 4-d weights sit in memory, so the MLPs are untouched.
    G.to(device, memory_format=torch.channels_last).train()
    D.to(device, memory_format=torch.channels_last).train()
    tune(device)
    precision = Precision(device, mixed_precision_default(device, config.mixed_precision))
    # G and D themselves are what is saved; compiled wrappers (same weights) only run the steps.
    G_run, D_run = (torch.compile(G), torch.compile(D)) if config.compile else (G, D)
    data_device = device if keeps_data(images, device) else torch.device("cpu")
    batches = TensorBatches(images, labels if G.n_classes else None, config.batch_size, data_device, config.seed)
    opt_g, opt_d = make_optimizers(G, D, config)
    ema = EMA(G, config.ema_decay) if config.ema_decay else None
    z_fixed, y_fixed = fixed_inputs(G)

    history, step = History(), 0
    found = latest_checkpoint(config.checkpoint_dir) if resume else None
    saved = {"path": found[0] if found else None, "step": None}  # the newest checkpoint on disk
    if found:
        history, step = _restore(*found, G, D, opt_g, opt_d, ema, batches, config)
        tqdm.write(f"Resuming from {found[0]} (step {step}, epoch {step / len(batches):g}).")
    else:
        if resume:
            tqdm.write(f"No checkpoint in {config.checkpoint_dir} yet: starting from scratch.")
        _snapshot(G, z_fixed, y_fixed, history, 0.0)
    history.stop_reason, history.diverged = "", False
    monitor = HealthMonitor(config.health_checks, history, batches.image_shape, config.data)

    steps_per_epoch = len(batches)
    total = config.epochs * steps_per_epoch
    if config.max_steps:
        total = min(total, config.max_steps)
    snapshot_every = max(1, steps_per_epoch // config.snapshots_per_epoch)
    deadline = time.monotonic() + 60 * config.minutes if config.minutes else math.inf
    every_minutes = 60 * config.checkpoint_every_minutes if config.checkpoint_every_minutes else math.inf
    start, previous_seconds = time.monotonic(), history.seconds
    last_save = start

    def save():
        """A periodic checkpoint; when the disk is full (or the write fails) training goes on in memory."""
        nonlocal last_save
        history.seconds = previous_seconds + time.monotonic() - start
        try:
            saved["path"] = save_periodic(config.checkpoint_dir, step, G, D, history, config,
                                          _training_state(opt_g, opt_d, batches, step, ema))
            saved["step"] = step
        except OSError as error:
            kept = f"the last checkpoint ({saved['path']}) is intact" if saved["path"] else "no checkpoint was saved yet"
            notice(f"{error.strerror or error} at step {step}: {kept}. Training goes on in memory; free some "
                   "space and the next checkpoint will be written.")
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
                    # The R1 penalty differentiates D's gradient (a double backward), which compiled graphs
                    # cannot do: its steps run D eagerly (same weights), the others compiled.
                    stats = train_step(G_run, D if r1 else D_run, opt_g, opt_d, x, y, config.class_weight,
                                       precision, r1)
                    if ema is not None:
                        ema.update(G)
                    step += 1
                    history.images_seen += len(x)
                    epoch = step / steps_per_epoch
                    checkpoint_due = config.checkpoint_dir and (
                        (config.checkpoint_every_epochs and step % (config.checkpoint_every_epochs * steps_per_epoch) == 0)
                        or time.monotonic() - last_save > every_minutes)
                    if step % config.log_every == 0 or step == total or checkpoint_due:
                        values = _finite(stats)
                        if not values:
                            history.diverged = True
                            history.stop_reason = (f"the losses became NaN or infinite at step {step}: training "
                                                   "diverged. Try a smaller learning rate or another seed.")
                            break
                        history.step.append(step)
                        history.epoch.append(epoch)
                        for k, v in values.items():
                            getattr(history, k).append(v)
                        monitor.after_log(step, values["d_fake"])
                        bar.set_postfix(loss_d=f"{values['loss_d']:.3f}", loss_g=f"{values['loss_g']:.3f}",
                                        refresh=False)
                    bar.update(1)
                    if step % snapshot_every == 0 or step == total:
                        _snapshot(ema.model if ema else G, z_fixed, y_fixed, history, epoch, monitor)
                    if stop_requested:
                        history.stop_reason = f"interrupted at step {step}"
                    elif step >= total:
                        history.stop_reason = f"finished {round(epoch, 2):g} epochs"
                    elif time.monotonic() > deadline:
                        history.stop_reason = f"stopped at the time budget of {config.minutes:g} minutes"
                    if checkpoint_due and not history.stop_reason:
                        save()
                    if history.stop_reason:
                        break
    finally:
        bar.close()
        history.seconds = previous_seconds + time.monotonic() - start
    history.stop_reason = history.stop_reason or f"finished {round(step / steps_per_epoch, 2):g} epochs"
    if history.diverged:
        monitor.diverged(f"Training stopped: {history.stop_reason}", config.checkpoint_dir)
        return history
    if history.snapshot_epochs[-1] != round(step / steps_per_epoch, 2):
        _snapshot(ema.model if ema else G, z_fixed, y_fixed, history, step / steps_per_epoch, monitor)
    if config.checkpoint_dir:
        save()
    if ema is not None:  # hand back the averaged generator: the one to sample from and to evaluate
        G.load_state_dict(ema.model.state_dict())
    if history.stop_reason.startswith("interrupted"):
        if not config.checkpoint_dir:
            where = "set config.checkpoint_dir to be able to resume"
        elif saved["step"] == step:
            where = f"checkpoint saved in {config.checkpoint_dir}; continue with resume=True"
        else:
            where = f"the checkpoint could not be saved; the last one is {saved['path'] or 'none'}"
        tqdm.write(f"Training {history.stop_reason}: {where}.")
    return history
