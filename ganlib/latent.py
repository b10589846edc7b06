"""Paths through the latent space: interpolation between two noise vectors and walks along one dimension.

A generator maps every point z of its latent space to an image; training only ever showed it z drawn
from N(0, I). In 100 dimensions such vectors almost all have length close to sqrt(100) = 10: they live
on a thin shell, not near the centre. A straight line between two of them cuts through the inside of
the shell (its midpoint is about 10 / sqrt(2) = 7.1 long), where G saw no training inputs; the spherical
path (``slerp``, Shoemake 1985, suggested for GANs by White 2016) follows the shell instead.
"""
from __future__ import annotations

import numpy as np
import torch

from .arguments import whole
from .pixels import tensor_of
from .sampling import all_finite


MAX_STEPS = 10_000  # more points than any picture shows: a typo, not a path


def _real(values, name: str, expected: str) -> torch.Tensor:
    """``values`` as a float tensor of finite numbers, or a TypeError/ValueError that names ``name``."""
    try:
        values = tensor_of(values)
    except (TypeError, ValueError, RuntimeError):
        raise TypeError(f"{name} must be {expected}, got {values!r:.60}") from None
    if values.dtype == torch.bool or values.is_complex():
        raise TypeError(f"{name} must hold real numbers, got a tensor of {values.dtype}")
    if values.device.type == "meta":
        raise ValueError(f"{name} is on the meta device (a shape without numbers): a path needs real numbers, e.g. "
                         "noise(2, 100)")
    if not values.is_floating_point():
        values = values.float()  # whole numbers are still numbers (and points of the latent space)
    if not all_finite(values):
        raise ValueError(f"{name} holds NaN or infinite values: give finite numbers (draw noise again with noise())")
    return values


def _vector(z, name: str = "z") -> torch.Tensor:
    """One latent vector as a float tensor: a tensor, a list or a NumPy array (``noise(1, d)``'s single row is taken
    as the vector it holds), or a ValueError/TypeError that says what it got."""
    z = _real(z, name, "a latent vector (a tensor, e.g. noise(1, 100)[0])")
    return z[0] if z.dim() == 2 and len(z) == 1 else z


def _pair(z0, z1):
    """Two latent vectors of one length and one type (z1 takes z0's), or a ValueError saying what differs."""
    z0, z1 = _vector(z0, "z0"), _vector(z1, "z1")
    for name, z in (("z0", z0), ("z1", z1)):
        if z.dim() != 1:
            single = z.numel() == max(z.shape, default=0)  # (1, 100, 1, 1): one vector in the DCGAN tutorial's shape
            raise ValueError(f"{name} must be one latent vector, shape (latent_dim,), got shape {tuple(z.shape)}: " + (
                f"flatten it, {name}.flatten()" if single else f"take one row, e.g. {name}[0], and make a path for each pair"))
    if z0.shape != z1.shape:
        raise ValueError(f"z0 and z1 must be two vectors of the same length, got {tuple(z0.shape)} and {tuple(z1.shape)}")
    if len(z0) == 0:
        raise ValueError("z0 and z1 are empty vectors (no numbers): give two latent vectors, e.g. noise(2, 100)")
    return z0, z1.to(z0)


def _numbers(values, z0: torch.Tensor, name: str) -> torch.Tensor:
    """``values`` (a number, a list or a tensor) as a column of z0's type, or an error naming ``name``."""
    given = values
    if not isinstance(values, torch.Tensor):  # Python's floats are float64: kept so until z0's type is taken
        try:
            values = np.asarray(values)
        except (TypeError, ValueError):
            pass  # _real names what it got
    if isinstance(values, np.ndarray) and values.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a number or a list of numbers, got {given!r:.60}")
    column = _real(values, name, "a number or a list of numbers").reshape(-1, 1).to(z0)
    if not all_finite(column):  # finite in float64, beyond z0's type (1e39 in float32)
        raise ValueError(f"{name} holds numbers beyond {z0.dtype}'s range (about ±{torch.finfo(z0.dtype).max:.3g}): give smaller ones")
    return column


def _times(t, z0: torch.Tensor) -> torch.Tensor:
    """``t`` (a number, a list or a tensor) as a column of z0's type: one row of the path per value."""
    return _numbers(t, z0, "t")


def _in_range(path: torch.Tensor, z0: torch.Tensor) -> torch.Tensor:
    """The path's points, computed in float64, back in z0's type; a ValueError when they do not fit in it (huge
    vectors, or t far beyond [0, 1]), rather than rows of inf."""
    path = path.to(z0.dtype)
    if not all_finite(path):
        raise ValueError(f"the path's points are beyond {z0.dtype}'s range (about ±{torch.finfo(z0.dtype).max:.3g}): the vectors are "
                         "too large, or t reaches too far past 0 and 1; use noise() vectors and t in [0, 1]")
    return path


def _direction(z: torch.Tensor) -> torch.Tensor:
    """z scaled to length 1, scaled down first so that its length cannot overflow."""
    z = z / z.abs().max()
    return z / z.norm()


def lerp(z0: torch.Tensor, z1: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Points on the straight line from ``z0`` (t = 0) to ``z1`` (t = 1), one row per value of ``t``."""
    z0, z1 = _pair(z0, z1)
    t = _times(t, z0).double()
    return _in_range((1 - t) * z0.double() + t * z1.double(), z0)


def slerp(z0: torch.Tensor, z1: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Points on the great-circle arc from ``z0`` to ``z1``; their length changes smoothly from |z0| to |z1|
    instead of sagging in the middle. Falls back to ``lerp`` when the two vectors point the same way."""
    z0, z1 = _pair(z0, z1)
    t = _times(t, z0)
    if not z0.abs().max() or not z1.abs().max():  # the origin has no direction: the arc is the straight line
        return lerp(z0, z1, t)
    cos = torch.dot(_direction(z0.double()), _direction(z1.double())).clamp(-1, 1)
    omega = torch.arccos(cos)
    if omega > torch.pi - 1e-3:  # opposite directions: every great circle joins them, and the formula takes none
        raise ValueError("z0 and z1 point in opposite directions: the arc between them is not defined (every great "
                         "circle joins them); pick two other vectors, or interpolate in two steps through a third")
    if omega.abs() < 1e-4:
        return lerp(z0, z1, t)
    t = t.double()
    return _in_range((torch.sin((1 - t) * omega) * z0.double() + torch.sin(t * omega) * z1.double()) / torch.sin(omega),
                     z0)


def interpolate(z0: torch.Tensor, z1: torch.Tensor, steps: int = 8, spherical: bool = True) -> torch.Tensor:
    """``steps`` latent vectors from ``z0`` to ``z1`` (both included), spherical or straight."""
    z0, z1 = _pair(z0, z1)
    if z0.shape != z1.shape or z0.dim() != 1:
        raise ValueError(f"z0 and z1 must be two vectors of the same length, got {tuple(z0.shape)} and {tuple(z1.shape)}")
    if whole(steps) is None or not 2 <= steps <= MAX_STEPS:
        raise ValueError(f"an interpolation needs a whole number of steps, from 2 (the two ends) to {MAX_STEPS:,}, "
                         f"got {steps!r}")
    if type(spherical).__name__ not in ("bool", "bool_"):  # "False" is a true word: it would draw the other path
        raise TypeError(f"spherical must be True or False, got {spherical!r}")
    t = torch.linspace(0, 1, whole(steps))
    return slerp(z0, z1, t) if spherical else lerp(z0, z1, t)


def walk(z: torch.Tensor, dim: int, values) -> torch.Tensor:
    """Copies of ``z`` with coordinate ``dim`` set to each of ``values``: what that one number controls."""
    z = _vector(z)
    if z.dim() != 1 or len(z) == 0:
        raise ValueError(f"z must be one latent vector, shape (latent_dim,), got {tuple(z.shape)}")
    if whole(dim) is None or not 0 <= dim < len(z):
        raise ValueError(f"dim must be a whole number from 0 to {len(z) - 1} (one coordinate of z), got {dim!r}")
    dim = whole(dim)
    values = _numbers(values, z, "values").reshape(-1)  # one value, or several
    path = z.repeat(len(values), 1)
    path[:, dim] = values
    return path
