"""The referee's verdict: images (or a generator's samples) checked, judged by the referee their shape picks, and
every metric of ``ganlib.evaluation.metrics`` computed at once, next to what real images and noise score.

Each function takes generated images as uint8 ``(N, C, H, W)`` (or floats in [-1, 1] or [0, 1]): MNIST digits
``(N, 1, 28, 28)`` go to the MNIST referee, CIFAR-10 images ``(N, 3, 32, 32)`` to the CIFAR-10 one (and, for
conditional generators, the labels they were asked for). Use a few thousand images: with fewer, the Frechet
distance is biased upwards.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import torch

from ..notices import notice
from ..pixels import as_uint8_images, channels_first, tensor_of
from ..machine import device_of, pick_device
from ..sampling import sample_images
from .metrics import (class_histogram, conditional_accuracy, feature_statistics, frechet_distance, kl_from_uniform,
                      mean_confidence)
from .referee import judge, load_referee, referee_for, referee_that_knows, test_statistics


MIN_IMAGES = 2  # a covariance needs two

FEW_IMAGES = 1000  # below this a Frechet distance is noticeably biased upwards (notebook 08 measures it)


def check_images(images, labels=None, quiet: bool = False):
    """``images`` as uint8 ``(N, C, H, W)`` and ``labels`` as int64, or a ValueError saying what is wrong; a notice
    when they are too few for a fair Frechet distance (``quiet``: the caller judges them next, and says it then).

    Accepts uint8 0..255 or floats in [-1, 1] or [0, 1] (``data.as_uint8_images``); grey ``(N, H, W)`` gets its channel axis added and
    channels last, ``(N, H, W, 3)`` or ``(N, H, W, 1)`` as in a samples .npz, are turned channels first.
    """
    if not isinstance(images, (torch.Tensor, np.ndarray)):
        raise TypeError(f"images must be one tensor or NumPy array of images, (N, C, H, W) or (N, H, W[, 3]), got a "
                        f"{type(images).__name__}: read image files first (ganlib.load_dataset reads a folder; "
                        "numpy.load reads a samples .npz, whose 'images' array this takes)")
    if isinstance(images, np.ndarray) and images.dtype.kind not in "biufc":
        raise TypeError(f"images must hold numbers, got an array of {images.dtype}")
    images = tensor_of(np.asarray(images)) if not isinstance(images, torch.Tensor) else images
    if not (images.dtype == torch.bool or images.dtype.is_floating_point or images.dtype.is_complex
            or images.dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint16)):
        raise TypeError(f"images must hold numbers, got {images.dtype}")
    if images.dim() == 3:
        if len(images) in (1, 3) and referee_that_knows((1, *images.shape[1:])) is None \
                and referee_that_knows(tuple(images.shape)) is not None:
            shape = " x ".join(map(str, images.shape))
            raise ValueError(f"images of shape {shape} look like one image (channels, height, width), not a batch: "
                             f"give a few thousand, N x {shape} (images.unsqueeze(0) makes one image a batch of one)")
        images = images.unsqueeze(1)
    images = channels_first(images)
    if images.numel() == 0:
        raise ValueError(f"there are no images to judge (the array of shape {tuple(images.shape)} is empty): "
                         "give a few thousand")
    if images.dim() != 4:
        raise ValueError(f"images must be N x H x W (grey) or N x H x W x 3 (colour), got {tuple(images.shape)}")
    if len(images) < MIN_IMAGES:
        raise ValueError(f"{len(images)} image{'s' if len(images) > 1 else ''} cannot be judged: the Frechet distance "
                         f"needs at least {MIN_IMAGES} (a covariance), and a few thousand to mean much")
    referee_for(images.shape[1:])  # a clear error for a shape no referee judges
    images = as_uint8_images(images)
    if labels is not None:
        labels = np.asarray(labels) if not isinstance(labels, torch.Tensor) else labels
        if isinstance(labels, np.ndarray) and labels.dtype.kind not in "iu":
            raise ValueError(f"labels must be whole numbers from 0 to 9, got an array of {labels.dtype}")
        labels = tensor_of(labels)
        if labels.shape != (len(images),):
            raise ValueError(f"labels must have shape ({len(images)},), one per image, got {tuple(labels.shape)}")
        if labels.is_floating_point() or labels.min() < 0 or labels.max() > 9:
            raise ValueError("labels must be whole numbers from 0 to 9")
        labels = labels.long()
    if len(images) < FEW_IMAGES and not quiet:
        notice(f"only {len(images)} images: the Frechet distance is biased upwards at this count (it falls as the "
               f"count grows); compare numbers only at the same count, ideally {FEW_IMAGES:,} or more")
    return images.contiguous(), labels


def referee_features(images) -> tuple:
    """``(features, class probabilities)`` of images, from the referee their shape picks."""
    images, _ = check_images(images)
    return judge(load_referee(referee_for(images.shape[1:]).name)[0], images)


def halved_to_referee_size(images: torch.Tensor) -> torch.Tensor:
    """64x64 colour images averaged down to 32x32, the CIFAR-10 referee's size; other images unchanged."""
    images = tensor_of(images)
    if images.dim() != 4 or tuple(images.shape[1:]) != (3, 64, 64):
        return images
    halved = torch.nn.functional.avg_pool2d(images.float(), 2)
    return halved.round().to(torch.uint8) if images.dtype == torch.uint8 else halved


def frechet_between(images, reference) -> float:
    """The Frechet distance between two sets of images in the features of the referee for their size.

    Faces (64x64) are halved and seen by the CIFAR-10 referee. What that can tell: whether two sets share the
    colour, layout and texture statistics an object classifier picks up, so it falls as a face generator
    improves and compares runs on the same faces. What it cannot: whether a face is convincing (CIFAR-10 has
    no class "face"), nor compare with papers (that is the Inception FID, ``ganlib.evaluation.inception.inception_fid``).
    """
    for x in (images, reference):  # a list of images: a sentence, not a crash deep inside
        if not isinstance(x, (torch.Tensor, np.ndarray)):
            raise TypeError(f"frechet_between takes images as one tensor or NumPy array of images (N, C, H, W), got a "
                            f"{type(x).__name__} (torch.stack a list of images first)")
    features = [referee_features(halved_to_referee_size(x))[0] for x in (images, reference)]
    return frechet_distance(*feature_statistics(features[0]), *feature_statistics(features[1]))


def score(model, images: torch.Tensor, labels: Optional[torch.Tensor], stats: dict, device=None) -> dict:
    """All metrics of uint8 ``images`` against the test-set feature ``stats`` (``mu``, ``sigma``); the
    referee runs on ``device`` (default: the CPU, where the shipped referee is loaded)."""
    features, probs = judge(model, images, device=device)
    mu, sigma = feature_statistics(features)
    histogram = class_histogram(probs)
    return {
        "n": len(images),
        "frechet_distance": frechet_distance(mu, sigma, np.asarray(stats["mu"]), np.asarray(stats["sigma"])),
        "conditional_accuracy": conditional_accuracy(probs, labels) if labels is not None else None,
        "kl_from_uniform": kl_from_uniform(histogram),
        "confidence": mean_confidence(probs),
        "class_histogram": [round(float(h), 4) for h in histogram],
    }


def evaluate_images(images, labels=None, device=None) -> dict:
    """The referee's metrics for generated images (uint8 or [-1, 1] floats, and optional labels).

    The image shape picks the referee; its name is in the result (``"referee"``), so tables can put
    the result next to the right reference values. The referee runs on ``device`` (default: the CPU).
    """
    images, labels = check_images(images, labels)
    if device is not None and not isinstance(device, torch.device):
        device = pick_device(device)  # a device this machine lacks: a sentence, not PyTorch's driver message
    name = referee_for(images.shape[1:]).name
    return {"referee": name, **score(load_referee(name)[0], images, labels, test_statistics(name), device)}


def evaluate_generator(G, n: int = 10000, seed: int = 0) -> dict:
    """Metrics of ``n`` samples from ``G`` (conditional: the classes in turn), all on ``G``'s device (under the smoke
    switch ``sample_images`` makes at most ``SMOKE_SAMPLES``)."""
    images, labels = sample_images(G, n, seed=seed)
    return evaluate_images(images, labels, device_of(G))
