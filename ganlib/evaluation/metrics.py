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


def feature_statistics(features: torch.Tensor):
    """Mean vector and covariance matrix of referee features, as float64 NumPy arrays."""
    x = features.double().numpy()
    return x.mean(axis=0), np.cov(x, rowvar=False)


def frechet_distance(mu1, sigma1, mu2, sigma2) -> float:
    """Frechet distance between two Gaussians fitted to features: |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^1/2).

    What it means: how far the cloud of generated digits sits from the cloud of real ones, in the
    referee's 64 features; 0 for identical statistics. It rewards quality and variety at once.
    When it misleads: it only compares means and covariances (two very different distributions can
    share them), it grows when N is small, and its values are only comparable with the same referee.
    Why scipy: ``scipy.linalg.sqrtm`` is the well-tested matrix square root that the reference FID code
    (pytorch-fid) uses; torchmetrics' FID would add a dependency for the same computation on 64 features.
    """
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
    return float((probs.argmax(1) == labels.cpu()).double().mean())


def mean_confidence(probs: torch.Tensor) -> float:
    """The referee's mean top probability: high when digits are unambiguous. It misleads badly on its
    own: a collapsed generator drawing one perfect digit scores high, and so does uniform noise (the
    referee calls almost all noise an 8, with 0.99 confidence). Read it next to the Frechet distance."""
    return float(probs.max(1).values.mean())


def inception_score(probs: torch.Tensor) -> float:
    """exp E_x KL(p(y|x) || p(y)) (Salimans et al., 2016), here with the referee's class probabilities.

    High when each image is confidently one class and all classes appear. Why it misleads: it never looks
    at real data (a generator drawing one perfect image per class scores the maximum, 10), and
    within-class variety does not count at all.
    """
    p = probs.double().clamp_min(1e-12)
    marginal = p.mean(0, keepdim=True)
    return float(torch.exp((p * (p.log() - marginal.log())).sum(1).mean()))


def frechet_by_sample_count(features: torch.Tensor, stats: dict, counts, seed: int = 0) -> list:
    """The Frechet distance of the first ``n`` of ``features`` (shuffled once) against ``stats``, for each n
    in ``counts``: it falls as n grows, because a covariance estimated from few samples is noisy, and the
    noise adds to the distance (it is biased upwards). Compare numbers only at the same n."""
    order = torch.randperm(len(features), generator=torch.Generator().manual_seed(seed))
    mu, sigma = np.asarray(stats["mu"]), np.asarray(stats["sigma"])
    return [frechet_distance(*feature_statistics(features[order[:n]]), mu, sigma) for n in counts]
