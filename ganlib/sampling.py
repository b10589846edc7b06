"""Drawing images from a generator: noise, fixed inputs for progress snapshots, and generation."""
from __future__ import annotations

import math
from typing import Optional, Tuple

import torch
from torch import nn

from .arguments import SEED_LIMIT, whole
from .machine import device_of, pick_device
from .places import SMOKE_SAMPLES, is_smoke
from .pixels import tensor_of, to_uint8

SNAPSHOT_COLUMNS = 8  # a snapshot is an 8 x 8 grid, or one row of 8 per class for conditional nets


# At most this many images are generated at once: memory stays bounded however many are asked for.
CHUNK = 10_000


MAX_NOISE_NUMBERS = 10 ** 9  # 4 GB of float32: far beyond any batch, a typo rather than a request
MAX_IMAGE_BYTES = 4 * 10 ** 9  # uint8 images sample_images returns at once: 5 million MNIST digits


def noise(n: int, latent_dim: int, seed: Optional[int] = None, device="cpu") -> torch.Tensor:
    """``n`` standard normal latent vectors; the same ``seed`` always gives the same vectors, on any device
    (they are drawn on the CPU, then moved)."""
    for name, value in (("n", n), ("latent_dim", latent_dim)):
        if isinstance(value, nn.Module):
            raise ValueError(f"noise: {name} must be a whole number, got a {type(value).__name__}: give the net's "
                             f"latent_dim, noise(n, G.latent_dim)")
        if whole(value) is None or value < 0:
            raise ValueError(f"noise: {name} must be a whole number, 0 or more, got {value!r}")
    n, latent_dim = whole(n), whole(latent_dim)
    if n * latent_dim > MAX_NOISE_NUMBERS:
        raise ValueError(f"noise: {n:,} vectors of {latent_dim:,} numbers is more than {MAX_NOISE_NUMBERS:,} numbers "
                         "(gigabytes of memory): draw fewer at a time, in chunks")
    generator = torch.Generator().manual_seed(_seed(seed)) if seed is not None else None
    if isinstance(device, torch.device):
        device = str(device)
    if whole(device) is not None:  # 0 is cuda:0, as torch reads it
        device = f"cuda:{whole(device)}"
    if isinstance(device, str) and device not in ("cpu", "meta"):
        device = pick_device(device)  # "gpu" or "cuda" without one: a sentence, not PyTorch's list of device types
    return torch.randn(n, latent_dim, generator=generator).to(device)


def _seed(seed) -> int:
    """``seed`` if it is one torch can use (a whole number from 0 to 2**63 - 1), else a ValueError saying so."""
    if whole(seed) is None or not 0 <= whole(seed) < SEED_LIMIT:
        raise ValueError(f"the seed must be a whole number from 0 to 2**63 - 1, got {seed!r}")
    return whole(seed)


def course_generator(G, name: str) -> nn.Module:
    """``G`` if it is one of the course's generators (a net with ``latent_dim``, called as
    ``G(z, y=None)``), else a ValueError saying what ``name`` needs."""
    if not isinstance(G, nn.Module) or not isinstance(getattr(G, "latent_dim", None), int):
        raise ValueError(f"{name} needs one of the course's generators (a net with latent_dim, called as "
                         "G(z, y=None)), got " + (f"the class {G.__name__} itself: make one first, e.g. {G.__name__}()"
                                                   if isinstance(G, type) else type(G).__name__))
    return G


def fixed_inputs(G: nn.Module, seed: int = 1234, device=None) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
    """The ``(z, y)`` that every progress snapshot reuses, so frames show one set of images evolving; on
    ``G``'s device unless ``device`` says otherwise.

    Unconditional: 64 noise vectors. Conditional: one row per class, 8 noise vectors per row.
    """
    device = device_of(course_generator(G, "fixed_inputs")) if device is None else device
    rows = G.n_classes or SNAPSHOT_COLUMNS
    z = noise(rows * SNAPSHOT_COLUMNS, G.latent_dim, seed, device)
    y = torch.arange(rows, device=device).repeat_interleave(SNAPSHOT_COLUMNS) if G.n_classes else None
    return z, y


def all_finite(t: torch.Tensor) -> bool:
    """No NaN or infinity in ``t``; True for tensors that hold no values to read (PyTorch's meta or fake tensors)."""
    try:
        return bool(torch.isfinite(t).all())
    except (RuntimeError, NotImplementedError):
        return True


def are_class_numbers(y: torch.Tensor, below: Optional[int] = None) -> bool:
    """Are ``y`` whole numbers (whole floats such as 3.0 too), 0 or more, and below ``below`` when given? True for
    labels with no values to read (PyTorch's meta or fake tensors): nothing to check."""
    if y.is_complex() or y.dtype == torch.bool:
        return False
    try:
        if y.is_floating_point() and not bool((torch.isfinite(y) & (y == y.round())).all()):
            return False
        return not (y.numel() and (y.min() < 0 or below is not None and y.max() >= below))
    except RuntimeError:
        return True


@torch.no_grad()
def _class_numbers(y, n_classes: Optional[int]) -> torch.Tensor:
    """``y`` as int64 class numbers 0..n_classes-1 (whole floats such as 3.0 too), or a ValueError that says what
    is wrong: an embedding given 10 or 2.5 would fail deep inside the net with an IndexError."""
    try:
        y = tensor_of(y)
    except (TypeError, ValueError, RuntimeError):
        raise ValueError(f"labels must be whole class numbers (a tensor, a list or one int), got {y!r}") from None
    if n_classes:
        if not are_class_numbers(y, n_classes):
            shown = y.flatten()[:5].tolist()
            raise ValueError(f"labels must be whole class numbers 0 to {n_classes - 1} for this generator, got "
                             f"{shown}{' ...' if y.numel() > 5 else ''}")
        y = y.long()
    return y


def generate(G: nn.Module, z: torch.Tensor, y: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Images in [-1, 1] from ``G`` in evaluation mode (batch norm uses its running statistics).

    ``z`` and ``y`` may sit anywhere (e.g. made on the CPU for a generator on a GPU): they are moved to
    ``G``'s device, and the images come back there (``show_images`` and ``to_uint8(...).cpu()`` take them).
    """
    if not isinstance(G, nn.Module):
        raise TypeError(f"generate takes a generator net first, got {type(G).__name__}: train one, or load a shipped one "
                        "with ganlib.pretrained('gan')")
    device = device_of(G)
    try:
        z = tensor_of(z)  # a NumPy array or a list of vectors is unambiguous
    except (TypeError, ValueError, RuntimeError):
        raise ValueError(f"z must be noise vectors, a tensor (batch, {getattr(G, 'latent_dim', 'latent_dim')}), got "
                         f"{type(z).__name__}") from None
    if not z.is_floating_point():
        raise ValueError(f"z must hold floating-point noise (e.g. torch.randn), got {z.dtype}")
    if z.device.type == "meta" and device.type != "meta":
        raise ValueError("z is on PyTorch's meta device, which holds shapes but no values: draw the noise on the CPU "
                         "or G's device, noise(n, G.latent_dim) or torch.randn")
    if y is not None and not getattr(G, "n_classes", None):
        raise ValueError("this generator is unconditional: it takes no labels (leave y out, or use a conditional one)")
    weight = next(G.parameters(), None)
    z = z.to(device=device, dtype=weight.dtype if weight is not None and weight.is_floating_point() else z.dtype)
    if not all_finite(z):
        raise ValueError(f"z holds NaN or infinite values (or numbers beyond {z.dtype}'s range), which a generator turns "
                         "into NaN images: draw the noise again (noise(n, G.latent_dim))")
    y = _class_numbers(y, getattr(G, "n_classes", None)).to(device) if y is not None else None
    if y is not None and y.dim() == 0:  # one class number: every image of that class
        y = y.expand(len(z))
    was_training = G.training
    G.eval()
    try:
        return G(z, y)
    finally:
        G.train(was_training)


def named_classes(G: nn.Module) -> Optional[Tuple[str, ...]]:
    """What ``G``'s class numbers stand for, where the names say more than the numbers (a folder's "cat", CIFAR-10's
    "airplane"; not MNIST's "1"); None otherwise."""
    names = getattr(G, "class_names", None)
    return tuple(names) if names and any(name != str(c) for c, name in enumerate(names)) else None


def listed_classes(G: nn.Module, most: int = 12) -> str:
    """"0 bird, 1 cat, 2 dog": G's class numbers with their names (see ``named_classes``), the first ``most`` of many
    and the last, so that a line stays a line ("" when the names say nothing more than the numbers)."""
    parts = [f"{c} {name}" for c, name in enumerate(named_classes(G) or ())]
    if len(parts) > most:
        return ", ".join(parts[:most - 2]) + f", ... {parts[-1]} ({len(parts)} classes)"
    return ", ".join(parts)


def class_name(G: nn.Module, c: int) -> str:
    """``"class 1 (cat)"`` where ``G`` knows what its classes are called, ``"class 1"`` otherwise."""
    names = named_classes(G)
    return f"class {c} ({names[c]})" if names and 0 <= c < len(names) else f"class {c}"


def sample_images(G: nn.Module, n: int, digit: Optional[int] = None, seed: int = 0):
    """``n`` images as uint8 ``(n, C, H, W)`` on the CPU and the labels they were asked for (None if
    unconditional), made on ``G``'s device in chunks of ``CHUNK``.

    Conditional generators draw ``digit`` every time, or cycle through the classes evenly without one.
    The same seed always gives the same images.
    """
    if whole(n) is None or n <= 0:
        raise ValueError(f"the number of images must be a positive whole number, got {n!r}")
    n = whole(n)
    course_generator(G, "sample_images")
    if is_smoke():  # a smoke run checks that the lines run, not the numbers: at most SMOKE_SAMPLES images
        n = min(n, SMOKE_SAMPLES)
    pixels = math.prod(G.image_shape)
    if n * pixels > MAX_IMAGE_BYTES:  # the images are returned at once, so they must fit in memory
        raise ValueError(f"{n:,} images of {' x '.join(map(str, G.image_shape))} are {n * pixels / 1e9:,.0f} GB, more "
                         f"than sample_images returns at once ({MAX_IMAGE_BYTES / 1e9:.0f} GB): draw at most "
                         f"{MAX_IMAGE_BYTES // pixels:,} per call, several calls with other seeds")
    if digit is not None and whole(digit) is None:
        raise ValueError(f"the digit (class) must be a whole number, got {digit!r}")
    if digit is not None and not G.n_classes:
        raise ValueError("this generator is unconditional: it cannot be asked for a digit (leave out digit=, or "
                         "--digit on the command line)")
    if digit is not None and not 0 <= digit < G.n_classes:
        listed = f" ({listed_classes(G)})" if named_classes(G) else ""
        raise ValueError(f"this generator's classes are 0 to {G.n_classes - 1}{listed}: {digit} (digit=, or --digit on "
                         "the command line) is not one of them")
    z = noise(n, G.latent_dim, seed)
    y = None
    if G.n_classes:
        y = torch.full((n,), digit) if digit is not None else torch.arange(n) % G.n_classes
    chunks = []
    for i in range(0, n, CHUNK):
        images = generate(G, z[i:i + CHUNK], y[i:i + CHUNK] if y is not None else None)
        if not all_finite(images):  # to_uint8 would turn NaN into black pictures without a word
            raise ValueError("the generator's images hold NaN or infinite values: its weights are damaged, or its "
                             "training diverged. Load another checkpoint (an earlier one of the run, or a shipped one)")
        chunks.append(to_uint8(images).cpu())
    return torch.cat(chunks), y
