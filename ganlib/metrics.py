"""Numbers for what a generator learned, measured by a referee (``ganlib.referee``).

Each metric takes generated images as uint8 ``(N, C, H, W)``: MNIST digits ``(N, 1, 28, 28)`` go to the
MNIST referee, CIFAR-10 images ``(N, 3, 32, 32)`` to the CIFAR-10 one (and, for conditional generators,
the labels they were asked for). Use a few thousand images: with fewer, the Frechet distance is biased upwards.
"""
from __future__ import annotations

import warnings
from typing import Optional

import numpy as np
import torch

from .notices import notice


MIN_IMAGES = 2  # a covariance needs two
FEW_IMAGES = 1000  # below this a Frechet distance is noticeably biased upwards (notebook 08 measures it)


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
    from scipy import linalg

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


def referee_features(images) -> tuple:
    """``(features, class probabilities)`` of images, from the referee their shape picks."""
    from .referee import judge, load_referee, referee_for

    images, _ = check_images(images)
    return judge(load_referee(referee_for(images.shape[1:]).name)[0], images)


def halved_to_referee_size(images: torch.Tensor) -> torch.Tensor:
    """64x64 colour images averaged down to 32x32, the CIFAR-10 referee's size; other images unchanged."""
    if images.dim() != 4 or tuple(images.shape[1:]) != (3, 64, 64):
        return images
    halved = torch.nn.functional.avg_pool2d(images.float(), 2)
    return halved.round().to(torch.uint8) if images.dtype == torch.uint8 else halved


def frechet_between(images, reference) -> float:
    """The Frechet distance between two sets of images in the features of the referee for their size.

    Faces (64x64) are halved and seen by the CIFAR-10 referee. What that can tell: whether two sets share the
    colour, layout and texture statistics an object classifier picks up, so it falls as a face generator
    improves and compares runs on the same faces. What it cannot: whether a face is convincing (CIFAR-10 has
    no class "face"), nor compare with papers (that is the Inception FID, ``ganlib.inception.inception_fid``).
    """
    features = [referee_features(halved_to_referee_size(torch.as_tensor(x)))[0] for x in (images, reference)]
    return frechet_distance(*feature_statistics(features[0]), *feature_statistics(features[1]))


def test_statistics(referee: str = "mnist") -> dict:
    """The mean and covariance of the referee's features on its test set (``mu``, ``sigma``), shipped with it."""
    from .referee import load_referee

    payload = load_referee(referee)[1]
    return {"mu": payload["test_mu"], "sigma": payload["test_sigma"]}


def check_images(images, labels=None):
    """``images`` as uint8 ``(N, C, H, W)`` and ``labels`` as int64, or a ValueError saying what is wrong.

    Accepts uint8 0..255 or floats in [-1, 1] or [0, 1] (``data.as_uint8_images``); grey ``(N, H, W)`` gets its channel axis added and
    colour ``(N, H, W, 3)`` (channels last, as in a samples .npz) is turned channels first.
    """
    from .data import as_uint8_images
    from .referee import referee_for

    images = torch.as_tensor(np.asarray(images)) if not isinstance(images, torch.Tensor) else images
    if images.dim() == 3:
        images = images.unsqueeze(1)
    if images.dim() == 4 and images.shape[-1] == 3 and images.shape[1] != 3:
        images = images.permute(0, 3, 1, 2)
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
        labels = torch.as_tensor(labels)
        if labels.shape != (len(images),):
            raise ValueError(f"labels must have shape ({len(images)},), one per image, got {tuple(labels.shape)}")
        if labels.is_floating_point() or labels.min() < 0 or labels.max() > 9:
            raise ValueError("labels must be whole numbers from 0 to 9")
        labels = labels.long()
    if len(images) < FEW_IMAGES:
        notice(f"only {len(images)} images: the Frechet distance is biased upwards at this count (it falls as the "
               f"count grows); compare numbers only at the same count, ideally {FEW_IMAGES:,} or more")
    return images.contiguous(), labels


def score(model, images: torch.Tensor, labels: Optional[torch.Tensor], stats: dict, device=None) -> dict:
    """All metrics of uint8 ``images`` against the test-set feature ``stats`` (``mu``, ``sigma``); the
    referee runs on ``device`` (default: the CPU, where the shipped referee is loaded)."""
    from .referee import judge

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
    from .referee import load_referee, referee_for

    images, labels = check_images(images, labels)
    name = referee_for(images.shape[1:]).name
    return {"referee": name, **score(load_referee(name)[0], images, labels, test_statistics(name), device)}


def evaluate_generator(G, n: int = 10000, seed: int = 0) -> dict:
    """Metrics of ``n`` samples from ``G`` (conditional: the classes in turn), all on ``G``'s device."""
    from .sampling import device_of, sample_images

    images, labels = sample_images(G, n, seed=seed)
    return evaluate_images(images, labels, device_of(G))


def reference_values(referee: str = "mnist") -> dict:
    """What real training images (the floor) and uniform noise score, measured when the referee was trained."""
    from .referee import load_referee

    return load_referee(referee)[1]["reference"]


METRIC_NAMES = {
    "frechet_distance": "Frechet distance (referee features; lower is better)",
    "conditional_accuracy": "conditional accuracy (class asked for = class seen; chance 0.10)",
    "kl_from_uniform": "class-histogram KL from uniform (0 = all classes equally often)",
    "confidence": "mean referee confidence",
}


def format_report(result: dict, title: str = "generated") -> str:
    """A small table: the result next to the reference values, so a reader can place each number."""
    columns = {title: result, **reference_values(result.get("referee", "mnist"))}
    lines = [f"{'metric':66s}" + "".join(f"{name:>24s}" for name in columns)]
    for key, label in METRIC_NAMES.items():
        cells = [c.get(key) for c in columns.values()]
        lines.append(f"{label:66s}" + "".join(f"{'-' if v is None else f'{v:.3f}':>24s}" for v in cells))
    lines.append(f"{'images':66s}" + "".join(f"{c['n']:>24,d}" for c in columns.values()))
    return "\n".join(lines)


def markdown_table(rows: list, first_column: str = "generator") -> str:
    """Rows of referee results as a Markdown table, ending with the real-data floor.

    Each row is a dict with ``name`` and the metrics; ``images_per_second``, ``epochs`` and ``minutes``
    become columns when the rows carry them. ``python -m ganlib bench`` and ``evaluate --all`` print
    this, so the README's tables are pasted output, never typed numbers.
    """
    extra = [(key, label) for key, label in (("images_per_second", "images/s"), ("epochs", "epochs"),
                                             ("minutes", "minutes")) if any(key in r for r in rows)]
    metrics = [("frechet_distance", "Frechet distance", "{:.1f}"), ("conditional_accuracy", "conditional accuracy",
               "{:.3f}"), ("kl_from_uniform", "class KL", "{:.4f}"), ("confidence", "confidence", "{:.3f}")]
    header = [first_column] + [label for _, label in extra] + [label for _, label, _ in metrics]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    referee = rows[0].get("referee", "mnist") if rows else "mnist"
    floor = {"name": "real training images (floor)", **reference_values(referee)["real training images"]}
    for row in rows + [floor]:
        cells = [row["name"]]
        cells += ["" if row.get(key) is None else f"{row[key]:,.0f}" if key == "images_per_second"
                  else f"{row[key]:.1f}" for key, _ in extra]
        cells += ["-" if row.get(key) is None else form.format(row[key]) for key, _, form in metrics]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
