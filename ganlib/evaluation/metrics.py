"""The maths of GAN evaluation, on referee features and class probabilities (``ganlib.evaluation.referee``).

Each metric takes generated images as uint8 ``(N, C, H, W)``: MNIST digits ``(N, 1, 28, 28)`` go to the
MNIST referee, CIFAR-10 images ``(N, 3, 32, 32)`` to the CIFAR-10 one (and, for conditional generators,
the labels they were asked for). Use a few thousand images: with fewer, the Frechet distance is biased upwards.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import torch
from scipy import linalg

from ..arguments import whole
from ..pixels import tensor_of


def rows_of(values, name: str, what: str = "features, one row per image") -> torch.Tensor:
    """``values`` (a tensor, a NumPy array or nested lists, what scikit-learn, pytorch-fid or a student's own code
    hands over) as a float tensor with one row per image, or a ValueError that says what ``name`` takes."""
    try:
        table = tensor_of(values)
    except (TypeError, ValueError, RuntimeError):
        table = None
    if table is None or table.dtype == torch.bool or table.is_complex() or table.dim() < 2 or not len(table):
        got = f"shape {tuple(table.shape)}" if table is not None else f"a {type(values).__name__}"
        raise ValueError(f"{name} takes {what} (a tensor, NumPy array or list of rows, 2-d), got {got}"
                         + (": put one image's values in each row" if table is not None and table.dim() < 2 else ""))
    return table.detach().cpu().double()


def probabilities_of(probs, name: str) -> torch.Tensor:
    """``probs`` as a float64 tensor ``(N, classes)`` whose rows are probabilities, or a ValueError: logits or
    counts would give a number without a word of warning."""
    probs = rows_of(probs, name, "the referee's class probabilities, one row per image")
    if probs.dim() != 2 or probs.shape[1] < 2:
        raise ValueError(f"{name} takes class probabilities of shape (N, classes), got shape {tuple(probs.shape)}")
    if not torch.isfinite(probs).all() or (probs < -1e-6).any() or ((probs.sum(1) - 1).abs() > 1e-2).any():
        raise ValueError(f"{name} takes class probabilities (each row 0 or more, summing to 1), got rows summing to "
                         f"{float(probs.sum(1).min()):.3g} to {float(probs.sum(1).max()):.3g}: for a classifier's "
                         "logits, take logits.softmax(1) first")
    return probs


def feature_statistics(features: torch.Tensor):
    """Mean vector and covariance matrix of referee features, as float64 NumPy arrays."""
    x = rows_of(features, "feature_statistics").flatten(1).numpy()
    if len(x) < 2:
        raise ValueError("feature_statistics needs 2 or more images to estimate a covariance, got 1: give a few "
                         "thousand (with fewer, the Frechet distance is biased upwards)")
    return x.mean(axis=0), np.cov(x, rowvar=False)


def _gaussian(mu, sigma, which: int):
    """One Gaussian's mean (d,) and covariance (d, d) as float64 NumPy arrays, or a ValueError naming the bad one."""
    try:
        mu, sigma = np.asarray(tensor_of(mu).detach().cpu(), np.float64), np.asarray(tensor_of(sigma).detach().cpu(),
                                                                                     np.float64)
    except (TypeError, ValueError, RuntimeError):
        raise ValueError(f"frechet_distance takes two means and covariances as NumPy arrays or tensors "
                         f"(feature_statistics gives them), got {type(mu).__name__} and {type(sigma).__name__} "
                         f"for Gaussian {which}") from None
    if mu.ndim != 1 or sigma.shape != (len(mu), len(mu)):
        raise ValueError(f"frechet_distance: Gaussian {which} has a mean of shape {mu.shape} and a covariance of "
                         f"shape {sigma.shape}; a mean of d features needs a (d, d) covariance (feature_statistics "
                         "gives both)")
    return mu, sigma


def frechet_distance(mu1, sigma1, mu2, sigma2) -> float:
    """Frechet distance between two Gaussians fitted to features: |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^1/2).

    What it means: how far the cloud of generated digits sits from the cloud of real ones, in the
    referee's 64 features; 0 for identical statistics. It rewards quality and variety at once.
    When it misleads: it only compares means and covariances (two very different distributions can
    share them), it grows when N is small, and its values are only comparable with the same referee.
    Why scipy: ``scipy.linalg.sqrtm`` is the well-tested matrix square root that the reference FID code
    (pytorch-fid) uses; torchmetrics' FID would add a dependency for the same computation on 64 features.
    """
    (mu1, sigma1), (mu2, sigma2) = _gaussian(mu1, sigma1, 1), _gaussian(mu2, sigma2, 2)
    if len(mu1) != len(mu2):
        raise ValueError(f"frechet_distance compares Gaussians over the same features, got {len(mu1)} and "
                         f"{len(mu2)} features: use one referee for both sets of images")
    diff = mu1 - mu2
    with warnings.catch_warnings():  # features that never fire make the product singular; handled below
        warnings.simplefilter("ignore")
        covmean = linalg.sqrtm(sigma1 @ sigma2)
        if not np.isfinite(covmean).all():  # nudge the diagonals, as pytorch-fid does
            offset = np.eye(len(mu1)) * 1e-6
            covmean = linalg.sqrtm((sigma1 + offset) @ (sigma2 + offset))
    covmean = np.real(covmean)
    return float(max(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean), 0.0))


def class_histogram(probs: torch.Tensor) -> torch.Tensor:
    """The fraction of images the referee puts in each class (its top prediction)."""
    probs = probabilities_of(probs, "class_histogram")
    return torch.bincount(probs.argmax(1), minlength=probs.shape[1]).double() / len(probs)


def kl_from_uniform(histogram: torch.Tensor) -> float:
    """KL(histogram || uniform) in nats: 0 when every digit is drawn equally often, ln 10 = 2.30 when
    only one is (mode collapse). It misleads when the generator's digits are unreadable: noise the
    referee spreads over all classes also scores near 0, so read it next to the Frechet distance.
    """
    histogram = torch.as_tensor(histogram, dtype=torch.float64)
    total = float(histogram.sum())
    if histogram.dim() != 1 or len(histogram) < 2 or (histogram < 0).any() or not math.isfinite(total) \
            or abs(total - 1) > 1e-6:
        raise ValueError(f"kl_from_uniform takes the fraction of images in each class, a 1-d histogram of 2 or more "
                         f"non-negative numbers that sum to 1 (class_histogram gives it), got values of shape "
                         f"{tuple(histogram.shape)} summing to {total:g}" + (": divide the counts by their total"
                                                                             if total > 1 else ""))
    h = histogram[histogram > 0]
    return float((h * torch.log(h * len(histogram))).sum())


def conditional_accuracy(probs: torch.Tensor, labels: torch.Tensor) -> float:
    """How often the referee recognises the digit the generator was asked for (chance: 0.10)."""
    probs = probabilities_of(probs, "conditional_accuracy")
    try:
        labels = tensor_of(labels).detach().cpu()
    except (TypeError, ValueError, RuntimeError):
        labels = None
    if labels is None or labels.shape != (len(probs),):
        raise ValueError(f"conditional_accuracy takes one label per row of probabilities ({len(probs)}), got "
                         + (f"shape {tuple(labels.shape)}" if labels is not None else "no list of numbers"))
    return float((probs.argmax(1) == labels).double().mean())


def mean_confidence(probs: torch.Tensor) -> float:
    """The referee's mean top probability: high when digits are unambiguous. It misleads badly on its
    own: a collapsed generator drawing one perfect digit scores high, and so does uniform noise (the
    referee calls almost all noise an 8, with 0.99 confidence). Read it next to the Frechet distance."""
    return float(probabilities_of(probs, "mean_confidence").max(1).values.mean())


def inception_score(probs: torch.Tensor) -> float:
    """exp E_x KL(p(y|x) || p(y)) (Salimans et al., 2016), here with the referee's class probabilities.

    High when each image is confidently one class and all classes appear. Why it misleads: it never looks
    at real data (a generator drawing one perfect image per class scores the maximum, 10), and
    within-class variety does not count at all.
    """
    p = probabilities_of(probs, "inception_score").clamp_min(1e-12)
    marginal = p.mean(0, keepdim=True)
    return float(torch.exp((p * (p.log() - marginal.log())).sum(1).mean()))


def frechet_by_sample_count(features: torch.Tensor, stats: dict, counts, seed: int = 0) -> list:
    """The Frechet distance of the first ``n`` of ``features`` (shuffled once) against ``stats``, for each n
    in ``counts``: it falls as n grows, because a covariance estimated from few samples is noisy, and the
    noise adds to the distance (it is biased upwards). Compare numbers only at the same n."""
    features = rows_of(features, "features")
    if not isinstance(stats, dict) or not {"mu", "sigma"} <= set(stats):
        raise TypeError(f"stats must be a dict with 'mu' and 'sigma' (what test_statistics returns), got "
                        f"{type(stats).__name__}")
    if whole(counts) is not None or not hasattr(counts, "__iter__"):
        raise TypeError(f"counts must be a list of sample counts, e.g. [100, 1000], got {counts!r:.40}")
    counts = [whole(n) for n in counts]
    if not counts or any(n is None or not 2 <= n <= len(features) for n in counts):
        raise ValueError(f"counts must be whole numbers from 2 to the {len(features):,} feature rows there are (a "
                         "larger count would silently use them all), got " + f"{counts!r:.60}")
    order = torch.randperm(len(features), generator=torch.Generator().manual_seed(seed))
    mu, sigma = np.asarray(stats["mu"]), np.asarray(stats["sigma"])
    return [frechet_distance(*feature_statistics(features[order[:n]]), mu, sigma) for n in counts]
