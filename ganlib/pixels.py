"""Pixels in the three forms the course meets: uint8 0..255 (data sets, files), floats in [-1, 1] (the generator's
tanh, what the nets see) and floats in [0, 1] (torchvision's ``ToTensor``), and the conversions between them."""
from __future__ import annotations

import numpy as np
import torch


def tensor_of(value) -> torch.Tensor:
    """``torch.as_tensor(value)``, also for a NumPy array with negative strides (what ``np.flip`` returns), which
    PyTorch cannot share and refuses: such an array is copied first."""
    if isinstance(value, np.ndarray) and any(stride < 0 for stride in value.strides):
        value = np.ascontiguousarray(value)
    return torch.as_tensor(value)


def channels_first(images: torch.Tensor) -> torch.Tensor:
    """A batch with its channels last, ``(N, H, W, 1 or 3)`` as image files and a samples .npz hold them, turned
    ``(N, C, H, W)``; a batch whose second axis already holds 1 or 3 channels is returned as it is."""
    if images.dim() == 4 and images.shape[-1] in (1, 3) and images.shape[1] not in (1, 3):
        return images.permute(0, 3, 1, 2)
    return images


def to_unit_range(images: torch.Tensor) -> torch.Tensor:
    """uint8 pixels 0..255 (a tensor or NumPy array) -> floats in [-1, 1], the range of the generator's tanh."""
    if not isinstance(images, torch.Tensor):  # a NumPy array of pixels, as an image file decodes
        if not isinstance(images, np.ndarray):
            raise TypeError(f"to_unit_range takes uint8 pixels 0..255 as a tensor or NumPy array, got a "
                            f"{type(images).__name__}: make one first, e.g. torch.tensor(pixels, dtype=torch.uint8)")
        images = tensor_of(images)
    if images.dtype != torch.uint8:  # floats would be scaled as if 0..255: a [0, 1] image would come out about -1
        raise ValueError(f"to_unit_range takes uint8 pixels 0..255, got {images.dtype}: for floats in [0, 1] or "
                         "[-1, 1], ganlib.pixels.as_uint8_images reads them first")
    return images.float().div_(127.5).sub_(1.0)


def photos_to_unit_range(photos: torch.Tensor) -> torch.Tensor:
    """Decoded photos, uint8 (N, H, W, C) with the channels last as PIL and JPEG decoders give them -> floats
    (N, C, H, W) in [-1, 1], what the nets take (notebook 07 asks the student to write it)."""
    return to_unit_range(photos.permute(0, 3, 1, 2))


def to_uint8(images: torch.Tensor) -> torch.Tensor:
    """Generator output in [-1, 1] -> uint8 pixels 0..255 (the inverse of ``to_unit_range``). Values past the ends
    are clamped to them and NaN becomes black, so a diverging generator's snapshot still draws (no check per call:
    the loop calls it on every snapshot); for other float images use ``as_uint8_images``."""
    if not isinstance(images, torch.Tensor):  # a NumPy array or list of a generator's floats
        try:
            images = tensor_of(images)
        except (TypeError, ValueError, RuntimeError):
            raise ValueError(f"to_uint8 takes a generator's images in [-1, 1] (a tensor or NumPy array), got a "
                             f"{type(images).__name__}") from None
    if not images.is_floating_point():  # uint8 pixels 0..255 would be read as far beyond [-1, 1]
        raise ValueError(f"to_uint8 takes a generator's floats in [-1, 1], got {images.dtype}: these are pixels "
                         "already (as_uint8_images reads any of the course's image formats)")
    return ((images.detach().float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)


EDGE = 1e-3  # float error tolerated at the ends of a range: -0.0004 is still 0, not a sign of [-1, 1]
# How far past [0, 1] a resize may ring, as a fraction of the brightest value: a bicubic resize overshoots a hard
# edge by up to about a fifth of its height (torch's kernel; Pillow's rings less).
OVERSHOOT = 0.25


def reads_as_zero_one(low: float, high: float) -> bool:
    """Whether floats from ``low`` to ``high`` are an image in [0, 1] (else they may be one in [-1, 1]).

    The rule: [0, 1] when the highest value is at most ``1 + OVERSHOOT`` and the lowest lies no further below 0
    than ``OVERSHOOT`` times the highest (or ``EDGE``, float error). That is what a resize's overshoot looks like,
    even on a dim image (-0.02 to 0.6). An image in [-1, 1] has dark pixels far below 0 (MNIST's background is -1),
    and an untrained generator's output sits around 0, as far below as above, so neither passes. Only a batch in
    [-1, 1] whose darkest pixel is lighter than about 40% grey would be misread.
    """
    return high <= 1 + OVERSHOOT and low >= -max(EDGE, OVERSHOOT * high)


def as_uint8_images(images: torch.Tensor) -> torch.Tensor:
    """Images as uint8 0..255, whichever of the usual forms they come in, or a ValueError naming the ranges.

    uint8 stays as it is; whole numbers 0..255 are cast (0/1 masks become 0/255, uint16 is scaled to 8 bits); floats
    in [-1, 1] (a generator's tanh) and floats in [0, 1] (what ``torchvision.transforms.ToTensor()`` gives) are
    converted. Which of the two float ranges it is follows ``reads_as_zero_one``: [0, 1] give or take a resize's
    overshoot (clamped away), else [-1, 1]. The training loop and the picture functions all read images this way.
    """
    if not isinstance(images, torch.Tensor):
        if hasattr(images, "__array__") and hasattr(images, "shape"):  # a NumPy array: the same numbers
            images = tensor_of(images.__array__())
        else:
            raise TypeError(f"images must be one tensor (N, C, H, W), got a {type(images).__name__}: for a Dataset or "
                            "DataLoader, stack its images first, torch.stack([x for x, _ in dataset]), or load the "
                            "data with ganlib.load_dataset")
    if images.device.type == "meta":  # PyTorch's shape-only tensors: nothing to draw, scale or judge
        raise ValueError("these images are on PyTorch's meta device, which holds shapes but no values: make them on "
                         "the CPU or a GPU")
    if images.dtype == torch.uint8:
        return images
    if images.dtype == torch.bool or images.is_complex():
        raise ValueError(f"images must be uint8 0..255 or floats in [-1, 1] or [0, 1], got {images.dtype}")
    if not images.is_floating_point():
        if images.dtype == torch.uint16:  # 16-bit images: 0..65535 onto 0..255 (min() and max() need a wider type)
            return (images.to(torch.int32) // 257).to(torch.uint8)
        wide = images.to(torch.int64)
        low, high = (wide.min().item(), wide.max().item()) if wide.numel() else (0, 0)
        if low < 0 or high > 255:
            raise ValueError(f"whole-number images must lie in 0..255 (or be uint16), got values from {low} to {high}")
        if high == 1:  # 0/1 masks: as they are they would train as black images; they look black and white
            return (wide * 255).to(torch.uint8)
        return wide.to(torch.uint8)
    if not torch.isfinite(images).all():
        raise ValueError("images contain NaN or infinite values")
    low, high = (images.min().item(), images.max().item()) if images.numel() else (0.0, 0.0)
    if reads_as_zero_one(low, high):
        return (images.detach().float().clamp(0, 1) * 255).round().to(torch.uint8)
    if low >= -1.001 and high <= 1.001:
        return to_uint8(images)
    raise ValueError(f"float images must lie in [-1, 1] (a generator's tanh) or [0, 1] (ToTensor's), got values "
                     f"from {low:.3g} to {high:.3g}: give uint8 0..255, or scale them into one of those ranges (a "
                     "resize's overshoot can be cut off with images.clamp(-1, 1) or images.clamp(0, 1))")
