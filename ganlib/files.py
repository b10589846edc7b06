"""Writing files so that nothing is lost: to a temporary file next to the target, flushed, then renamed into
place, after checking the free space; with CPU tensors only, so what a GPU wrote loads anywhere."""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import torch


def on_cpu(value):
    """``value`` with every tensor in it (nested in dicts, lists, tuples) copied to the CPU: a checkpoint
    written on a GPU then loads on a laptop, and the other way round."""
    if isinstance(value, torch.Tensor):
        return value.detach().cpu()
    if isinstance(value, dict):
        return {k: on_cpu(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(on_cpu(v) for v in value)
    return value


class DiskFullError(OSError):
    """Not enough free space for a file; whatever was there before is left as it was."""


def payload_bytes(value) -> int:
    """The bytes of the tensors in ``value`` (nested): about the size of the file ``torch.save`` writes."""
    if isinstance(value, torch.Tensor):
        return value.numel() * value.element_size()
    if isinstance(value, dict):
        return sum(payload_bytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(payload_bytes(v) for v in value)
    return 0


def remove_stale_temporaries(folder) -> list:
    """Delete the half-written temporary files a killed process (SIGKILL, power cut) left in ``folder``."""
    folder = Path(folder)
    stale = list(folder.glob(".*.tmp")) if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def atomic_save(payload, path: Path) -> Path:
    """``torch.save`` to a temporary file next to ``path``, then rename it into place.

    Free space is checked first; a full disk (or any failed write) raises a ``DiskFullError`` or ``OSError``
    that names ``path``, never the temporary file, and the old file at ``path`` is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    needed = payload_bytes(payload) + (1 << 20)
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise DiskFullError(errno.ENOSPC, f"disk full: {needed / 1e6:.1f} MB needed for {path}, "
                                          f"{free / 1e6:.1f} MB free")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            torch.save(payload, file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a checkpoint is an ordinary file
        os.replace(tmp, path)
    except (OSError, RuntimeError) as error:  # torch.save reports a full disk as a RuntimeError from C++
        Path(tmp).unlink(missing_ok=True)
        full = getattr(error, "errno", None) == errno.ENOSPC or "inline_container" in str(error) \
            or "No space left" in str(error)
        if full:
            raise DiskFullError(errno.ENOSPC, f"disk full: {needed / 1e6:.1f} MB needed for {path}") from None
        raise OSError(getattr(error, "errno", None) or errno.EIO,
                      f"could not write {path} ({getattr(error, 'strerror', None) or error.__class__.__name__})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
