"""Any folder of images as one uint8 tensor: decoded once, resized and centre-cropped, then cached.

Sub-folders are classes (the ``torchvision.datasets.ImageFolder`` layout: ``root/<class>/*.jpg``, classes in
sorted order); a folder with images directly inside is unlabelled. Decoding tens of thousands of JPEGs
takes a while on a CPU, so the result is saved next to the data (``<data>/cache/``) under a key made of
the source's file names, sizes and modification times and the image size: the second run starts in
seconds, and a changed folder is decoded again.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import List, Optional, Tuple

import numpy as np
import torch
from PIL import Image, UnidentifiedImageError

from .files import atomic_save
from .notices import notice

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


def evenly_spaced(n: int, k: int) -> list:
    """At most ``k`` indices out of ``range(n)``, evenly spread, always keeping the first and the last."""
    if n <= k:
        return list(range(n))
    return sorted({round(i * (n - 1) / (k - 1)) for i in range(k)})


def list_images(root: Path) -> Tuple[List[Path], Optional[List[int]], List[str]]:
    """The image files under ``root``, their class indices (None when unlabelled) and the class names."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: give a folder of images (or of class sub-folders)")
    classes = sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if classes:
        files, labels = [], []
        for index, name in enumerate(classes):
            found = sorted(p for p in (root / name).rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)
            files += found
            labels += [index] * len(found)
        return files, labels, classes
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    return files, None, []


def square(image, size: int, crop: float = 1.0):
    """Resize the shorter side to ``size`` and cut out the centre square (how DCGAN's faces were made); with
    ``crop`` below 1, keep only that central fraction of the picture first (LFW's faces fill its middle half)."""
    w, h = image.size
    if crop < 1:
        cw, ch = round(w * crop), round(h * crop)
        image = image.crop(((w - cw) // 2, (h - ch) // 2, (w - cw) // 2 + cw, (h - ch) // 2 + ch))
        w, h = image.size
    scale = size / min(w, h)
    image = image.resize((max(size, round(w * scale)), max(size, round(h * scale))), Image.BICUBIC)
    w, h = image.size
    left, top = (w - size) // 2, (h - size) // 2
    return image.crop((left, top, left + size, top + size))


def decode(files: List[Path], size: int, channels: int, crop: float = 1.0) -> Tuple[torch.Tensor, List[int]]:
    """uint8 ``(N, channels, size, size)`` from the readable files, and the indices of those that were read."""
    mode = {1: "L", 3: "RGB"}[channels]
    arrays, kept = [], []
    for i, path in enumerate(files):
        try:
            with Image.open(path) as image:
                arrays.append(np.asarray(square(image.convert(mode), size, crop)))
            kept.append(i)
        except (UnidentifiedImageError, OSError, ValueError):
            continue
    if not arrays:
        return torch.zeros(0, channels, size, size, dtype=torch.uint8), kept
    stacked = torch.from_numpy(np.stack(arrays))
    return (stacked.unsqueeze(1) if channels == 1 else stacked.permute(0, 3, 1, 2)).contiguous(), kept


def cache_key(files: List[Path], size: int, channels: int, crop: float = 1.0) -> str:
    """Changes whenever a file is added, removed, renamed or rewritten, or the size asked for changes."""
    digest = hashlib.sha1(f"{size}x{channels}".encode() + (f"crop{crop}".encode() if crop < 1 else b""))
    for path in files:
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def load_image_folder(root, size: int, channels: int = 3, cache_dir: Optional[Path] = None,
                      max_images: Optional[int] = None, crop: float = 1.0,
                      ) -> Tuple[torch.Tensor, Optional[torch.Tensor], List[str]]:
    """``(images, labels, class_names)`` of a folder: uint8 ``(N, channels, size, size)``, int64 labels or None.

    Unreadable files are skipped with one warning that counts them; an empty folder, or one where no
    file could be read, is an error that says so. ``max_images`` keeps that many files, evenly spread
    over the folder (so every class stays in), before anything is decoded: the smoke runs use it.
    """
    root = Path(root).expanduser()
    files, labels, classes = list_images(root)
    if not files:
        raise FileNotFoundError(f"{root} holds no images ({', '.join(sorted(IMAGE_SUFFIXES))}): put the images "
                                "there, or one sub-folder of images per class")
    if max_images is not None:
        keep = evenly_spaced(len(files), max_images)
        files, labels = [files[i] for i in keep], ([labels[i] for i in keep] if labels is not None else None)
    cache = None
    if cache_dir is not None:
        cache = Path(cache_dir) / f"{root.name}-{size}px-{channels}ch-{cache_key(files, size, channels, crop)}.pt"
        if cache.is_file():
            try:
                saved = torch.load(cache, weights_only=True)
                return saved["images"], saved["labels"], list(saved["classes"])
            except Exception:  # a damaged cache is only a cache: decode again
                pass
    images, kept = decode(files, size, channels, crop)
    if len(kept) == 0:
        raise ValueError(f"none of the {len(files)} image files in {root} could be read: are they images?")
    if len(kept) < len(files):
        notice(f"skipped {len(files) - len(kept)} of {len(files)} files in {root} that could not be read")
    label_tensor = torch.tensor([labels[i] for i in kept], dtype=torch.long) if labels is not None else None
    if cache is not None:
        try:
            atomic_save({"images": images, "labels": label_tensor, "classes": classes}, cache)
        except OSError as error:  # a read-only or full data folder: the cache is optional, go on without it
            notice(f"could not write the image cache in {cache.parent} ({error.strerror or error}): going on "
                   "without it, so the next run decodes the images again")
    return images, label_tensor, classes
