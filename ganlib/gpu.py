"""The GPU path: what keeps a GPU busy, kept in one place so the CPU path stays plain.

On a CPU (the course's machine) none of this switches on and training runs exactly as before. On CUDA
(e.g. Colab): mixed precision (``Precision``), cuDNN's autotuner, and the data set kept on the GPU
when it fits (``keeps_data``). ``TrainConfig.compile`` adds ``torch.compile``. Losses are read from
the GPU only every ``log_every`` steps (``ganlib.loop``), so the host never waits on each step.
"""
from __future__ import annotations

import contextlib
from typing import Optional

import torch


class Precision:
    """Mixed precision for the forward passes: bfloat16 where the GPU supports it (no loss scaling
    needed), else float16 with a gradient scaler per optimiser (small fp16 gradients would round to 0).
    Disabled, it is a plain ``loss.backward(); opt.step()``.
    """

    def __init__(self, device: torch.device, enabled: bool = False):
        self.enabled = bool(enabled) and device.type == "cuda"
        self.device_type = device.type
        # Only real bfloat16 tensor cores count: a T4 "supports" bfloat16 by emulation, slower than float16.
        self.dtype = (torch.bfloat16 if self.enabled and torch.cuda.is_bf16_supported(including_emulation=False)
                      else torch.float16)
        self.scalers = {}  # one GradScaler per optimiser, fp16 only

    def autocast(self):
        if not self.enabled:
            return contextlib.nullcontext()
        return torch.autocast(self.device_type, dtype=self.dtype)

    def _scaler(self, opt: torch.optim.Optimizer) -> Optional[torch.amp.GradScaler]:
        if not self.enabled or self.dtype == torch.bfloat16:
            return None
        return self.scalers.setdefault(id(opt), torch.amp.GradScaler("cuda"))

    def loss_scale(self, opt: torch.optim.Optimizer) -> float:
        """The factor ``opt``'s losses are multiplied by before backward (1 without float16). A gradient
        taken inside a loss, as the R1 penalty's, is taken of the scaled output and divided back."""
        scaler = self._scaler(opt)
        return scaler.get_scale() if scaler is not None else 1.0

    def backward_and_step(self, loss: torch.Tensor, opt: torch.optim.Optimizer) -> None:
        scaler = self._scaler(opt)
        if scaler is None:
            loss.backward()
            opt.step()
            return
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()


FULL_PRECISION = Precision(torch.device("cpu"))


def mixed_precision_default(device: torch.device, asked: Optional[bool]) -> bool:
    """On by default on CUDA, off elsewhere (CPU autocast is slower here than float32)."""
    return device.type == "cuda" if asked is None else bool(asked) and device.type == "cuda"


def keeps_data(images: torch.Tensor, device: torch.device) -> bool:
    """Whether the uint8 data set should live on ``device``: always on the CPU; on a GPU when it takes
    under a quarter of the free memory (CIFAR-10 is 150 MB, 200,000 faces at 64x64 are 2.5 GB)."""
    if device.type != "cuda":
        return True
    free, _ = torch.cuda.mem_get_info(device)
    return images.numel() * images.element_size() < free / 4


def tune(device: torch.device) -> None:
    """On CUDA: cuDNN tries its convolution algorithms once per shape and keeps the fastest (shapes never
    change here), and float32 matrix products use TF32 tensor cores (10 bits of mantissa are plenty for a GAN)."""
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
