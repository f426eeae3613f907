"""Input checks shared by the helpers: one clear message per kind of mistake.

Every public helper turns a student's mistake into a ``TypeError`` or
``ValueError`` that says what went wrong *and what to do*, instead of a
silently wrong number or a traceback from deep inside numpy.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np


def require_callable(f: Any, name: str = "f") -> None:
    """Refuse anything that cannot be called like ``f(x)``."""
    if not callable(f):
        raise TypeError(
            f"{name} must be a function such as `def f(x): return x[0]**2 + x[1]**2`, "
            f"but got {type(f).__name__} {f!r}. Pass the function itself, without calling it "
            f"(write `{name}`, not `{name}(x)`)."
        )


def positive_number(value: Any, name: str) -> float:
    """Return ``value`` as a float, refusing non-numbers, NaN, inf, zero and negatives."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {type(value).__name__} {value!r}.")
    try:
        value = float(value)
    except OverflowError as err:
        raise ValueError(f"{name} is too large for floating point, got {value}.") from err
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite positive number, got {value}.")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}. Use a small positive value.")
    return value


def non_negative_int(value: Any, name: str) -> int:
    """Return ``value`` as an int, refusing bools, fractions and negatives."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name} must be a whole number such as 100, got {value!r}.")
    value = int(value)
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}.")
    return value


def real_array(x: Any, name: str = "x") -> np.ndarray:
    """A float64 *copy* of ``x`` (number, list, tuple or array), checked to be finite and real."""
    if x is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got None.")
    if np.iscomplexobj(x):
        raise TypeError(f"{name} must hold real numbers; complex values are not supported.")
    try:
        arr = np.array(x, dtype=float, copy=True)
    except OverflowError as err:
        raise ValueError(
            f"{name} holds a number too large for floating point (the largest is about "
            "1.8e308); use smaller numbers, e.g. 1e30 instead of 10**400."
        ) from err
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"{name} must be a number or an array of numbers (for example np.array([3.0, 4.0])), "
            f"got {type(x).__name__} {x!r}."
        ) from err
    require_finite(arr, name)
    return arr


def require_finite(arr: np.ndarray, name: str = "x") -> None:
    """Refuse arrays that contain NaN or infinity."""
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            f"{name} contains NaN or infinity ({arr!r}); a gradient needs a finite point. "
            "Check how the point was computed (an earlier step may have diverged)."
        )


def scalar_value(value: Any, where: str) -> float:
    """Check that a function returned one real number and return it as a float.

    ``where`` names the call for the message, e.g. ``"f(x)"``.
    """
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and np.isrealobj(value):
        return float(value)
    if isinstance(value, (np.ndarray, list, tuple)):
        shape = np.shape(value)
        raise TypeError(
            f"{where} must return a single number (a scalar), but it returned an array of "
            f"shape {shape}. A gradient is defined for a function with one output: "
            "did you mean to sum, e.g. `return np.sum(x**2)`?"
        )
    raise TypeError(f"{where} must return a single real number, but it returned {value!r}.")
