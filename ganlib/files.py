"""Writing files so that nothing is lost: to a temporary file next to the target, flushed, then renamed into
place, after checking the free space; with CPU tensors only, so what a GPU wrote loads anywhere."""
from __future__ import annotations

import errno
import glob
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from pathlib import Path
from typing import Callable, Optional

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


def safe_file_name(text: str, default: str = "images") -> str:
    """A file name made from user input (a data set's path, say) that stays inside the folder it is put in: the
    last part of the path, with any character but letters (any alphabet's, so ``fotos-été`` and ``写真`` keep their
    names apart), digits, ``.``, ``-`` and ``_`` turned into ``_`` and no leading dot. ``../../photos`` -> ``photos``;
    ``/`` or ``..`` -> ``default``."""
    parts = [part for part in str(text).replace("\\", "/").split("/") if part not in ("", ".", "..")]
    # NFC first: a Mac writes é as e plus an accent, which is two characters and no letter on its own
    name = re.sub(r"[^\w.-]", "_", unicodedata.normalize("NFC", parts[-1] if parts else "")).lstrip(".")
    return name[:100] or default


def blocking_file(path) -> Optional[Path]:
    """The nearest existing parent of ``path`` when it is a file, not a folder (nothing can be written below it)."""
    blocking = next((folder for folder in Path(path).parents if folder.exists()), None)
    return blocking if blocking is not None and not blocking.is_dir() else None


def writable_folder(folder, what: str = "the output folder", option: str = "--out") -> Path:
    """``folder``, created and tried with a small file now, before any work whose result would go there is spent;
    a PermissionError naming ``what`` and the ``option`` to change when it cannot be written."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder}, {what}, is a file: choose another {option}")
    try:
        folder.resolve().mkdir(parents=True, exist_ok=True)  # resolved: "a/../b" makes no folder a on the way
        probe = folder.resolve() / ".ganlib-write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOENT and folder.is_dir():  # /proc and its kind: the folder is there, a file cannot be
            reason = "it takes no new files"
        refused = PermissionError(f"cannot write to {folder}, {what} ({reason}); choose another with {option}")
        refused.reason = reason  # for a caller whose advice differs (a run to resume)
        raise refused from None
    return folder


def remove_stale_temporaries(folder) -> list:
    """Delete the half-written temporary files a killed process (SIGKILL, power cut) left in ``folder``."""
    folder = Path(folder)
    stale = list(folder.glob(".*.tmp")) if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def _remove_orphans(folder: Path, name: str) -> None:
    """Delete the temporary files of ``name`` whose writer is gone (killed mid-write): each carries its writer's
    process id, so one still being written by another process is left alone."""
    for tmp in folder.glob(f".{glob.escape(name)}.*.tmp"):
        pid = tmp.name[len(name) + 2:].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 50_000 else f"{n / 1e3:.1f} kB"


def _write_error(error: BaseException, path: Path, needed: int) -> OSError:
    """The one-line error for a failed write of ``path``: it names the user's file, never the temporary one."""
    full = getattr(error, "errno", None) == errno.ENOSPC or "inline_container" in str(error) \
        or "No space left" in str(error)
    if full:
        return DiskFullError(errno.ENOSPC, f"disk full: {_megabytes(needed)} needed for {path}; nothing was "
                                           "written and any earlier file there is intact")
    reason = getattr(error, "strerror", None) or error.__class__.__name__
    return OSError(getattr(error, "errno", None) or errno.EIO,
                   f"could not write {path} ({reason}); any earlier file there is intact")


def atomic_write(path, write: Callable, needed: int = 0) -> Path:
    """Write ``path`` by calling ``write(file)`` on a temporary binary file next to it, flushed to disk, then
    renamed into place: a full or read-only disk, a kill or Ctrl-C mid-write never leave a broken file, and an
    earlier file at ``path`` stays as it was until the new one is whole.

    ``needed``: the bytes about to be written, checked against the free space first. Errors are ``OSError``s
    (``DiskFullError``, ``IsADirectoryError``, ...) that name ``path`` in one line.
    """
    named_a_folder = isinstance(path, str) and path.endswith(("/", os.sep))  # "runs/new/": Path() drops the slash
    path = Path(path)
    if path.is_dir() or named_a_folder:
        raise IsADirectoryError(errno.EISDIR, f"{path}{os.sep if named_a_folder else ''} "
                                              f"{'is a folder' if path.is_dir() else 'ends in a slash, so it names a folder'}"
                                              f": give a file name (e.g. {path / 'file'}{path.suffix or ''})")
    spare = 1 << 20  # a file system needs some room of its own beyond the file's bytes
    blocking = blocking_file(path)
    if blocking is not None:
        raise NotADirectoryError(errno.ENOTDIR, f"cannot write {path}: {blocking} is a file, not a folder; choose "
                                                "another place")
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
    if not mode & stat.S_IWUSR:  # renaming over it would work (even as root) and silently undo the user's chmod
        raise PermissionError(errno.EACCES, f"{path} is read-only: nothing was written and it is intact; make it "
                                            f"writable (chmod u+w {path}) or choose another name")
    try:
        folder = path.parent.resolve()  # "a/../b.png" writes b.png without making a folder a
        folder.mkdir(parents=True, exist_ok=True)
        # The temporary file first: a place that cannot be written at all (read-only, /proc) says so, rather than
        # "disk full" from its 0 bytes free.
        _remove_orphans(folder, path.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        free = shutil.disk_usage(folder).free
        if free < needed + spare:
            os.close(fd)
            Path(tmp).unlink(missing_ok=True)
            raise DiskFullError(errno.ENOSPC, f"disk full: {_megabytes(needed)} needed for {path} and {_megabytes(spare)} "
                                              f"of room the disk keeps for itself, {_megabytes(free)} free; nothing was "
                                              "written and any earlier file there is intact")
    except DiskFullError:
        raise
    except OSError as error:
        raise _write_error(error, path, needed) from None
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, mode)  # mkstemp makes it private; the user's file keeps its mode, a new one is an ordinary one
        os.replace(tmp, folder / path.name)
    except (OSError, RuntimeError) as error:  # torch.save reports a full disk as a RuntimeError from C++
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(error, path, needed) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_bytes(path, data: bytes) -> Path:
    """``data`` into ``path``, atomically (see ``atomic_write``)."""
    return atomic_write(path, lambda file: file.write(data), len(data))


def atomic_write_text(path, text: str) -> Path:
    """``text`` (UTF-8) into ``path``, atomically (see ``atomic_write``)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_save(payload, path: Path) -> Path:
    """``torch.save`` to a temporary file next to ``path``, then rename it into place (``atomic_write``).

    Free space is checked first; a full disk (or any failed write) raises a ``DiskFullError`` or ``OSError``
    that names ``path``, never the temporary file, and the old file at ``path`` is untouched.
    """
    return atomic_write(path, lambda file: torch.save(payload, file), payload_bytes(payload))
