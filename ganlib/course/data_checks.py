"""The checks of the data's way in: the class means of notebook 06 (the blurred colour layouts a conditional generator's
early samples resemble) and, in notebook 07, turning decoded photos into what the generator draws. Like every check of
the course (``ganlib.course.exercises``), each prints one verdict, accepts every right way of writing the answer (a
loop, boolean masks, ``index_add_``, a one-hot matrix product; ``/ 127.5 - 1`` or ``(x / 255 - 0.5) / 0.5``), names the
classic mistakes, and never raises.

Both checks use small made-up batches whose answer is known: uneven class sizes (so dividing by N / 10 shows), a
height that differs from the width (so a swapped permute shows), and pixels at 0 and 255 (so a uint8 overflow shows).
"""
from __future__ import annotations

import contextlib
import io
from typing import Callable, Optional

import numpy as np
import torch

from ..data import class_means as course_class_means
from ..pixels import photos_to_unit_range, tensor_of
from .tutor import (StudentError, Verdict, never_raises, run_student, run_student_unless, several_values, unusable_numbers,
                    verdict)

__all__ = ["check_class_means", "check_model_input"]


def _as_tensor(value, what: str) -> torch.Tensor:
    """The student's result as a tensor, or a ``StudentError`` that says what it was instead."""
    if value is None:
        raise StudentError(f"your function returns nothing: end it with return {what}.", ValueError())
    unusable = unusable_numbers(value)
    if unusable:
        raise StudentError(f"your function returns {unusable}", TypeError())
    if isinstance(value, np.ndarray):
        return tensor_of(value)  # also an array with negative strides (what [::-1] or np.flip returns)
    if isinstance(value, (list, tuple)):
        raise StudentError(f"your function returns {several_values(value, what)}", TypeError())
    if not isinstance(value, torch.Tensor):
        raise StudentError(f"your function returns a {type(value).__name__}; return one tensor, {what}.", TypeError())
    if value.dtype in (torch.float16, torch.bfloat16):
        raise StudentError(f"your function returns {value.dtype} (half precision), which keeps only about 3 digits: "
                           "return float32, the nets' type (.float(), not .half()).", TypeError())
    return value.detach()


def _close(a: torch.Tensor, b: torch.Tensor, atol: float) -> bool:
    return a.shape == b.shape and bool(torch.allclose(a.double(), b.double(), atol=atol, rtol=0))


# ---- the class means (notebook 06) ------------------------------------------------------------------------------------

def _class_batch():
    """23 uint8 colour images of 4x5 pixels in ten classes of uneven size (1 to 4 images), in shuffled order."""
    g = torch.Generator().manual_seed(6)
    counts = [1, 2, 3, 1, 4, 2, 3, 2, 4, 1]
    labels = torch.cat([torch.full((n,), c) for c, n in enumerate(counts)])
    labels = labels[torch.randperm(len(labels), generator=g)]
    images = torch.randint(0, 256, (len(labels), 3, 4, 5), generator=g, dtype=torch.uint8)
    images[0, 0, 0, 0], images[1, 0, 0, 0] = 0, 255
    return images, labels, torch.tensor(counts)


def _works_for_cifar_only(class_means: Callable, labels: torch.Tensor) -> bool:
    """Whether ``class_means`` returns ten means for images of CIFAR-10's shape, having failed on the check's."""
    images = torch.randint(0, 256, (len(labels), 3, 32, 32), generator=torch.Generator().manual_seed(6),
                           dtype=torch.uint8)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            out = run_student(class_means, images, labels)
    except StudentError:
        return False
    return isinstance(out, (torch.Tensor, np.ndarray)) and tuple(out.shape) == (10, 3, 32, 32)


@never_raises
def check_class_means(class_means: Callable) -> Verdict:
    """``class_means(images, labels)``: the mean image of each class, shape (10, C, H, W), as floats on the images'
    own scale (0 to 255), for uint8 images and int64 labels 0-9 (every class present, in uneven numbers)."""
    images, labels, counts = _class_batch()
    given = images.clone()
    returned = run_student_unless(
        lambda: "your function works for CIFAR-10's 3 x 32 x 32 images only (a shape written into it, such as "
                "torch.zeros(10, 3, 32, 32)), and the check tries images of another size: take the shape from the "
                "images, torch.zeros(10, *images.shape[1:]), so it serves any data set."
                if _works_for_cifar_only(class_means, labels) else None,
        class_means, images, labels, context=lambda: "means")
    if isinstance(returned, np.ndarray) and not unusable_numbers(returned):
        return verdict(False, "your function returns a NumPy array, and the next cell draws the means with tensor "
                              "methods (.round().to(torch.uint8)): return a tensor, torch.from_numpy(np.ascontiguousarray("
                              "means)) of your array (ascontiguousarray also copies a reversed one), or compute the "
                              "means with torch.")
    out = _as_tensor(returned, "the ten mean images, shape (10, C, H, W)")
    if not torch.equal(images, given):
        return verdict(False, "your function changed the images it was given (an in-place operation on them): "
                              "compute the means from a float copy, images.float(), and leave the data as it is.")
    floats = images.double()
    expected = course_class_means(images, labels).double()
    shape = (10, *images.shape[1:])
    if tuple(out.shape) != shape:
        if tuple(out.shape) == tuple(images.shape[1:]):
            return verdict(False, f"one image came back, shape {tuple(out.shape)}: the mean of all images. Take one "
                                  "mean per class, over the images of that class only, images[labels == c], and "
                                  "stack the ten: shape (10, C, H, W).")
        if out.numel() == expected.numel():
            return verdict(False, f"the shape is {tuple(out.shape)}; keep each mean an image, shape (10, C, H, W) "
                                  f"= {shape}: take the mean over dim 0 (the images of a class) only.")
        if tuple(out.shape) in {(10,), (10, images.shape[1])}:
            return verdict(False, f"shape {tuple(out.shape)}: the mean also ran over the pixels. Average over the "
                                  "images of a class only, .mean(0) (or .mean(dim=0)), so each mean stays an image.")
        return verdict(False, f"shape {tuple(out.shape)}; expected {shape}: one mean image per class, classes 0 to 9 "
                              "in order.")
    if not torch.is_floating_point(out):  # whole numbers: a .to(torch.uint8) at the end, or integer division
        rounded = (" rounded to whole numbers" if _close(out.double(), expected.round(), 0) else
                   (" rounded down (a .to(torch.uint8) at the end)" if out.dtype == torch.uint8 else
                    " rounded down (a .long() at the end, or integer division // of whole sums)")
                   if _close(out.double(), expected.floor(), 0) else "")
        return verdict(False, f"the means come back as {out.dtype}{rounded}: return them as floats (the cell that "
                              "shows them rounds them itself), images[labels == c].float().mean(0).")
    if _close(out.double(), expected.floor(), 0) and not _close(out.double(), expected, 1e-3):
        return verdict(False, "the means are rounded down: integer division (//), or the sum kept as whole numbers. "
                              "Convert to floats first, images.float(), then divide (or use .mean()).")
    out = out.double()
    if _close(out, expected, 1e-3):
        return verdict(True, f"the mean image of each class (class sizes here were {counts.tolist()}, so each "
                             "class's own count mattered). On CIFAR-10 they are the blurred colour layouts that a "
                             "conditional generator's early samples resemble.")
    overall = floats.mean(0)
    sums = torch.stack([floats[labels == c].sum(0) for c in range(10)])
    order = [next((r for r in range(10) if _close(out[i], expected[r], 1e-3)), None) for i in range(10)]
    named = [
        (overall.expand(shape), "every class got the mean of all the images: average over the images of one class "
                                "only, images[labels == c].float().mean(0)."),
        (sums / len(images), "each class's sum is divided by the number of all the images; divide by the class's own "
                             "count (or use .mean() on the class's images)."),
        *[(sums / share, "each sum is divided by N / 10, as if every class held the same number of "
                                    "images; these classes differ in size: divide by each class's own count (or use "
                                    ".mean()).") for share in (len(images) / 10, len(images) // 10)],
        (sums, "these are the sums of each class's images: divide by the class's count (or use .mean(0))."),
        (expected / 255, "the right means, but in [0, 1] (divided by 255): keep the images' scale, 0 to 255; the next "
                         "cell rounds the means to whole pixel values."),
        (expected / 127.5 - 1, "the right means, but in [-1, 1]: keep the images' scale, 0 to 255; the next cell rounds "
                               "the means to whole pixel values."),
        (sums.remainder(256) / counts.view(-1, 1, 1, 1).double(),
         "the sums ran in uint8 and wrapped past 255 (sum(dtype=torch.uint8), or += on uint8): convert to floats "
         "first, images.float(), then sum or take the mean."),
        (torch.stack([floats[labels == c].median(0).values for c in range(10)]),
         "that is the median of each class; the exercise asks for the mean, .mean(0)."),
    ]
    for candidate, text in named:
        if _close(out, candidate, 1e-3):
            return verdict(False, text)
    if torch.isinf(out).any():
        return verdict(False, "some means are infinite: something was divided by zero (a count of 0, such as the "
                              "number of images of a class that was not selected, or / 0). Divide each class's sum by "
                              "its own count, (labels == c).sum(), or use images[labels == c].float().mean(0).")
    if torch.isnan(out).flatten(1).all(1).any() and order[:9] == list(range(1, 10)):
        return verdict(False, "rows 0 to 8 are the means of classes 1 to 9, and the last is NaN, the mean of no "
                              "images: the classes are numbered from 0 to 9, so loop over range(10), not 1 to 10.")
    empty = [i for i in range(10) if torch.isnan(out[i]).all()]
    if torch.isnan(out).any() and not empty:
        return verdict(False, "some values of the means are NaN (0 / 0, or a NaN made along the way) while no class "
                              "is empty here: compute each class's mean from its own images, "
                              "images[labels == c].float().mean(0).")
    if torch.isnan(out).any():
        return verdict(False, f"row{'s' if len(empty) != 1 else ''} {empty} {'are' if len(empty) != 1 else 'is'} NaN, "
                              "the mean of no images: every class 0 to 9 has images here, so compare the labels with "
                              "each class number, images[labels == c], for c in range(10).")
    if None not in order and sorted(order) == list(range(10)):
        return verdict(False, f"the ten means are right but in another order ({order}): row c must be the mean of "
                              "class c, so loop over the classes 0 to 9 in order (for c in range(10)).")
    if None not in order:
        return verdict(False, f"each row is the mean of some class, but not of class c: rows 0 to 9 are the means of "
                              f"classes {order}. Compare the labels with the class number itself, labels == c (not "
                              "labels[c], the label of the c-th image).")
    return verdict(False, "the means are not the class means: for each class c in 0..9, the mean of "
                          "images[labels == c].float() over dim 0, stacked into shape (10, C, H, W).")


# ---- decoded photos to the generator's scale (notebook 07) ------------------------------------------------------------

def _photo_batch() -> torch.Tensor:
    """Two uint8 RGB pictures of 5x4 pixels, channels last, as a JPEG decoder gives them, with 0 and 255 in them."""
    g = torch.Generator().manual_seed(7)
    photos = torch.randint(0, 256, (2, 5, 4, 3), generator=g, dtype=torch.uint8)
    photos[0, 0, 0] = torch.tensor([0, 128, 255], dtype=torch.uint8)
    photos[1, 4, 3] = torch.tensor([255, 200, 3], dtype=torch.uint8)
    return photos


def _scale_mistake(out: torch.Tensor, x: torch.Tensor) -> Optional[str]:
    """For a float result of the right shape whose values are wrong: the classic mistake it is, or None."""
    nchw = x.permute(0, 3, 1, 2)
    f = nchw.double()
    wrapped = lambda t: t.to(torch.uint8).double()  # what uint8 arithmetic leaves of t (modulo 256)
    mean, std = f.mean(), f.std()
    imagenet_mean = torch.tensor([0.485, 0.456, 0.406], dtype=torch.float64).view(1, 3, 1, 1)
    imagenet_std = torch.tensor([0.229, 0.224, 0.225], dtype=torch.float64).view(1, 3, 1, 1)
    candidates = [
        (x.reshape(nchw.shape).double() / 127.5 - 1,
         "the shape is right but the pixels are scrambled: view() and reshape() cut the same numbers into a new "
         "shape, they do not move the colour axis. Use permute(0, 3, 1, 2), which moves channels to dim 1."),
        (f / 255, "the values are in [0, 1] (divided by 255); the generator's Tanh draws in [-1, 1], so real images "
                  "must be there too: x / 127.5 - 1, or (x / 255 - 0.5) / 0.5."),
        (f / 127.5, "the values are in [0, 2]: subtract 1 after dividing by 127.5, x / 127.5 - 1."),
        (f / 128 - 1, "white (255) becomes 0.992, not +1: divide by 127.5 (half of 255), x / 127.5 - 1 or "
                      "(x - 127.5) / 127.5."),  # also (x - 128) / 128, the same numbers
        (torch.floor(f / 127.5) - 1, "floor division (//) leaves only -1, 0 and 1: use true division, x / 127.5 - 1."),
        (wrapped(f - 128) / 127.5, "the subtraction ran in uint8, which wraps below 0 (100 - 128 gives 228): convert "
                                   "to floats first, x.float(), then scale."),
        (f / 255 - 0.5, "the values are in [-0.5, 0.5]: after subtracting 0.5, divide by 0.5 as well, "
                        "(x / 255 - 0.5) / 0.5 (that is x / 127.5 - 1)."),
        (f - 1, "operator precedence: x - 127.5 / 127.5 is x - 1. Write (x - 127.5) / 127.5, or x / 127.5 - 1."),
        (f / 127.5 - 1 / 127.5, "operator precedence: (x - 1) / 127.5 is not in [-1, 1]. Write x / 127.5 - 1."),
        (wrapped(f * 2) / 255 - 1, "the arithmetic ran in uint8, which wraps past 255 (200 * 2 gives 144): convert to "
                                   "floats first, x.float(), then scale."),
        (wrapped(f - 128) / 128, "the subtraction ran in uint8, which wraps below 0 (100 - 128 gives 228): convert to "
                                 "floats first, x.float(), then scale."),
        ((f - mean) / std, "this standardises by the batch's mean and standard deviation: the result is not in "
                           "[-1, 1] and changes from batch to batch. Scale by fixed numbers: x / 127.5 - 1."),
        ((f / 255 - imagenet_mean) / imagenet_std,
         "that is ImageNet's normalisation (mean 0.485..., std 0.229...), made for classifiers; the generator's Tanh "
         "draws in [-1, 1], so real images must be scaled to it: x / 127.5 - 1."),
        (1 - f / 127.5, "the sign is flipped: black (0) must become -1 and white (255) +1: x / 127.5 - 1."),
        (f.flip(1) / 127.5 - 1, "the colour channels are reversed (BGR): keep them in the order the decoder gives, "
                                "red, green, blue."),
    ]
    for candidate, text in candidates:
        if _close(out, candidate, 1e-3):
            return text
    return None


@never_raises
def check_model_input(to_model_input: Callable) -> Verdict:
    """``to_model_input(photos)``: a batch of decoded photos, uint8 of shape (N, H, W, 3) (channels last, as PIL and
    JPEG decoders give them), to what the generator draws and D reads: float32 of shape (N, 3, H, W) in [-1, 1]."""
    photos = _photo_batch()
    given = photos.clone()
    raw = run_student(to_model_input, photos)
    if isinstance(raw, np.ndarray):  # what the nets read is a tensor: D(array) fails in the first layer
        return verdict(False, "your function returns a NumPy array: the nets read tensors, so the batch must be one. "
                              "Work on the tensor itself (photos.permute(0, 3, 1, 2).float() / 127.5 - 1), or turn "
                              "the array into one at the end, torch.from_numpy(array).")
    out = _as_tensor(raw, "the batch as float32 of shape (N, 3, H, W) in [-1, 1]")
    if not torch.equal(photos, given):
        return verdict(False, "your function changed the photos it was given (an in-place operation such as div_ or "
                              "sub_ on them): work on a float copy, x = photos.float(), and leave the input as it is.")
    n, h, w, c = photos.shape
    expected = photos_to_unit_range(photos).double()
    shape = tuple(out.shape)
    if shape == (n, h, w, c):
        return verdict(False, f"the shape is still {shape}, channels last as the decoder gives them; the nets take "
                              f"channels first, (N, 3, H, W) = {(n, c, h, w)}: .permute(0, 3, 1, 2).")
    if shape == (n, c, w, h):
        return verdict(False, f"the shape is {shape}: height and width are swapped. permute(0, 3, 1, 2) keeps "
                              "them in order (N, C, H, W); permute(0, 3, 2, 1) swaps them.")
    if shape != (n, c, h, w):
        return verdict(False, f"shape {shape}; expected (N, 3, H, W) = {(n, c, h, w)} for photos of shape "
                              f"{(n, h, w, c)}.")
    if out.dtype == torch.bool:
        return verdict(False, "the values are True/False (torch.bool), the result of a comparison: the nets take float32 "
                              "pixels in [-1, 1], x.permute(0, 3, 1, 2).float() / 127.5 - 1.")
    if not torch.is_floating_point(out):
        return verdict(False, f"the values are whole numbers ({out.dtype}): convert to floats (x.float()) before "
                              "scaling; integer arithmetic rounds and wraps, and the nets take float32.")
    if _close(out, expected, 1e-4):
        dim = photos // 2 + 40  # a dim batch, 40 to 167: a min-max stretch shows here
        with contextlib.redirect_stdout(io.StringIO()):
            again = _as_tensor(run_student(to_model_input, dim), "the batch")
        if not _close(again, photos_to_unit_range(dim), 1e-4):
            return verdict(False, "right for these photos, which hold black and white pixels, but wrong for a dim batch "
                                  "(pixels 40 to 167): the scale must be fixed, 0 -> -1 and 255 -> +1, not stretched "
                                  "from the batch's own min and max (a dim photo must stay dim).")
        if out.dtype != torch.float32:
            return verdict(False, f"the values are right, but {out.dtype}: the nets' weights are float32, so "
                                  "float64 input raises a dtype error in D. Use x.float() (torch's default), "
                                  "not .double() or NumPy's float64.")
        return verdict(True, f"{tuple(photos.shape)} uint8 -> {shape} float32, black at {out.min().item():.3f} and "
                             f"white at {out.max().item():.3f}: the range of the generator's Tanh.")
    mistake = _scale_mistake(out.double(), photos)
    if mistake:
        return verdict(False, mistake)
    return verdict(False, f"the values run from {out.min().item():.3f} to {out.max().item():.3f}; 0 must become -1 "
                          "and 255 become +1, linearly: x.permute(0, 3, 1, 2).float() / 127.5 - 1.")
