"""Nearest neighbours in feature space: precision and recall of a generator, and a memorisation check.

The Frechet distance folds two questions into one number. Precision and recall for generative models
(Kynkäänniemi et al., 2019) keep them apart: **precision** is the share of generated images that fall
inside the real data's manifold (are they realistic?), **recall** the share of real images that fall inside
the generated images' manifold (is all of the data covered?). A manifold is estimated as the union of
balls around each point reaching to its k-th nearest neighbour. A collapsed generator has high precision
and low recall; a generator of blurry averages, the reverse.

Memorisation: a generator that copies training images would score well on every metric. The distance
from each sample to its nearest training image, next to the same distance for real *test* images (which
the generator never saw), shows whether samples sit suspiciously close to the training set.
"""
from __future__ import annotations

from typing import Tuple

import torch

from ..arguments import whole
from ..pixels import tensor_of
from .metrics import rows_of


def nearest(queries: torch.Tensor, references: torch.Tensor, k: int = 1, chunk: int = 1024,
            exclude_self: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
    """Distances ``(N,)`` and indices ``(N,)`` of each query's k-th nearest reference (Euclidean), in chunks
    so that 10,000 x 60,000 pairs fit in memory. ``exclude_self`` skips a point's zero distance to itself
    when the queries are the references."""
    queries, references = same_width(queries, references, "nearest")
    needed = _neighbour_count(k) + int(exclude_self)
    if len(references) < needed:
        raise ValueError(f"k = {k} needs at least {needed} reference points"
                         f"{' (a point is not its own neighbour)' if exclude_self else ''}, got {len(references)}: give "
                         "more images (a few thousand for precision and recall), or a smaller k")
    queries, references = queries.float(), references.float()
    distances, indices = [], []
    for start in range(0, len(queries), chunk):
        d = torch.cdist(queries[start:start + chunk], references)
        values, index = d.topk(k + int(exclude_self), dim=1, largest=False)
        distances.append(values[:, -1])
        indices.append(index[:, -1])
    return torch.cat(distances), torch.cat(indices)


def same_width(points, others, name: str) -> Tuple[torch.Tensor, torch.Tensor]:
    """Two sets of points flattened to rows of the same length, or a ValueError: distances between a 64-feature
    point and a 784-pixel one mean nothing."""
    points, others = rows_of(points, name).flatten(1), rows_of(others, name).flatten(1)
    if points.shape[1] != others.shape[1]:
        raise ValueError(f"{name} compares points of the same size, got {points.shape[1]} and {others.shape[1]} "
                         "values per point: give both in one referee's features (or both as images of one size)")
    return points, others


def _neighbour_count(k) -> int:
    """``k`` as a whole number, 1 or more, or a ValueError: the k-th nearest neighbour sets each ball's radius."""
    if whole(k) is None or whole(k) < 1:
        raise ValueError(f"k must be a whole number, 1 or more (the k-th nearest neighbour sets each ball's radius; "
                         f"the paper's is 3), got {k!r}")
    return whole(k)


def coverage(points: torch.Tensor, centres: torch.Tensor, radii: torch.Tensor, chunk: int = 1024) -> float:
    """The share of ``points`` inside at least one ball (``centres``, ``radii``)."""
    points, centres = (t.float() for t in same_width(points, centres, "coverage"))
    radii = tensor_of(radii).float().flatten()
    if len(radii) != len(centres):
        raise ValueError(f"coverage takes one radius per centre ({len(centres)}), got {len(radii)}")
    inside = 0
    for start in range(0, len(points), chunk):
        d = torch.cdist(points[start:start + chunk], centres)
        inside += int((d <= radii.unsqueeze(0)).any(dim=1).sum())
    return inside / len(points)


def precision_recall(real: torch.Tensor, fake: torch.Tensor, k: int = 3) -> dict:
    """Improved precision and recall (Kynkäänniemi et al., 2019) of ``fake`` against ``real`` features.

    Use the same number of each (a few thousand): the manifolds' balls shrink as points are added.
    """
    k = _neighbour_count(k)
    real, fake = same_width(real, fake, "precision_recall")
    real_radii, _ = nearest(real, real, k, exclude_self=True)
    fake_radii, _ = nearest(fake, fake, k, exclude_self=True)
    return {"precision": coverage(fake, real, real_radii), "recall": coverage(real, fake, fake_radii), "k": k}
