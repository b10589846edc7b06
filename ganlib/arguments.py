"""What a user passes, read as they meant it: a NumPy whole number (``np.int64(3)``, an element of an array) is a
whole number like Python's 3, and a bool is never one (``True`` images or steps are a slip, not 1)."""
from __future__ import annotations

import numbers
from typing import Optional

SEED_LIMIT = 2 ** 63  # torch's seeds are 64-bit signed: 0 to 2**63 - 1


def whole(value) -> Optional[int]:
    """``value`` as a Python ``int`` when it is a whole number (Python's, NumPy's or a 0-d integer tensor's, not
    a bool); else None."""
    if isinstance(value, numbers.Integral) and type(value).__name__ not in ("bool", "bool_"):
        return int(value)
    if type(value).__name__ == "Tensor" and value.dim() == 0 and str(value.dtype).startswith(("torch.int", "torch.uint")) \
            and value.device.type != "meta":  # one whole number in a tensor, torch.tensor(3)
        return int(value.item())
    return None


def number(value) -> Optional[float]:
    """``value`` as a Python ``float`` when it is a real number (Python's, NumPy's or a 0-d tensor's, not a bool);
    else None. NaN stays NaN: a range check (``0 < x <= 1``) refuses it."""
    value = plain_value(value)
    return float(value) if isinstance(value, numbers.Real) and not isinstance(value, bool) else None


def plain_value(value):
    """``value`` as the plain Python value it stands for: a NumPy number, text or truth value (``np.float32(0.5)``,
    ``np.str_("mnist")``, ``np.True_``) or a 0-d real tensor becomes the Python ``float``/``int``/``str``/``bool`` it
    holds; anything else is returned as given. Checkpoints keep only plain values (their loader runs no code)."""
    kind = type(value).__name__
    if kind == "Tensor":
        if value.dim() != 0 or value.is_complex() or value.device.type == "meta":
            return value
        value, kind = value.item(), type(value.item()).__name__
    if isinstance(value, str):
        return str(value)
    if kind in ("bool", "bool_"):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value
