"""The machine a run uses: which device (CUDA, then MPS, then the CPU) and where a net's weights are, the random
state, and a one-line description for the records of how long something took."""
from __future__ import annotations

import operator
import os
import platform
import random
from typing import Optional

import numpy as np
import torch
from torch import nn


def pick_device(name: Optional[str] = None) -> torch.device:
    """The fastest device present: CUDA, then Apple's MPS, then the CPU (or the one you name, checked)."""
    if name is not None and name != "":
        name = name.lower() if isinstance(name, str) else name  # "CPU", "Cuda:0": the same devices
        present = {"cpu": True, "cuda": torch.cuda.is_available(),
                   "mps": getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available()}
        try:
            device = torch.device(name)
        except (RuntimeError, TypeError):
            device = None
        if device is None or device.type not in present:
            raise ValueError(f"unknown device {name!r}: choose cuda, mps or cpu (or leave it out for the fastest)")
        if not present[device.type]:
            raise ValueError(f"device {name!r} is not available on this machine: leave the device out to use "
                             f"the fastest one present "
                             f"({pick_device()})")
        if device.type == "cuda" and device.index is not None and device.index >= torch.cuda.device_count():
            raise ValueError(f"there is no {name}: this machine has {torch.cuda.device_count()} CUDA device(s)")
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def describe_machine(device=None) -> str:
    """One line for records of how long something took: the device, the CPU cores and the versions."""
    device = pick_device(device) if not isinstance(device, torch.device) else device
    where = torch.cuda.get_device_name(device) if device.type == "cuda" else device.type.upper()
    threads = torch.get_num_threads()
    return (f"{where}, {os.cpu_count()} CPU cores ({threads} thread{'s' * (threads != 1)}), "
            f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, PyTorch {torch.__version__}")


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and PyTorch (all devices) so a run can be repeated."""
    try:  # a NumPy or 0-d tensor whole number is the seed it holds; a bool, a float or text is no seed
        whole = None if type(seed).__name__ in ("bool", "bool_") else operator.index(seed)
    except TypeError:
        whole = None
    if whole is None or not 0 <= whole < 2 ** 63:
        raise ValueError(f"a seed is a whole number from 0 to 2**63 - 1, got {seed!r}")
    seed = whole
    random.seed(seed)
    np.random.seed(seed % 2 ** 32)  # NumPy's seeds are 32-bit; PyTorch's (which decide the run) are 64-bit
    torch.manual_seed(seed)


def device_of(net: nn.Module) -> torch.device:
    """Where ``net``'s weights live (CUDA, MPS, CPU, or ``meta`` in the tests): every tensor made for it goes there."""
    tensor = next(net.parameters(), None)
    if tensor is None:
        tensor = next(net.buffers(), None)
    return tensor.device if tensor is not None else torch.device("cpu")
