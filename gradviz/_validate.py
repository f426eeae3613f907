"""Input checks shared by the helpers: one clear message per kind of mistake.

Every public helper turns a student's mistake into a ``TypeError`` or
``ValueError`` that says what went wrong *and what to do*, instead of a
silently wrong number or a traceback from deep inside numpy.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from gradviz.i18n import _


def require_callable(f: Any, name: str = "f") -> None:
    """Refuse anything that cannot be called like ``f(x)``."""
    if not callable(f):
        raise TypeError(
            _(
                "{name} must be a function such as `def f(x): return x[0]**2 + x[1]**2`, "
                "but got {type_name} {value!r}. Pass the function itself, without calling it "
                "(write `{name}`, not `{name}(x)`)."
            ).format(name=name, type_name=type(f).__name__, value=f)
        )


def positive_number(value: Any, name: str) -> float:
    """Return ``value`` as a float, refusing non-numbers, NaN, inf, zero and negatives."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            _("{name} must be a positive number, got {type_name} {value!r}.").format(
                name=name, type_name=type(value).__name__, value=value
            )
        )
    try:
        value = float(value)
    except OverflowError as err:
        raise ValueError(
            _("{name} is too large for floating point, got {value}.").format(name=name, value=value)
        ) from err
    if not np.isfinite(value):
        raise ValueError(
            _("{name} must be a finite positive number, got {value}.").format(
                name=name, value=value
            )
        )
    if value <= 0:
        raise ValueError(
            _("{name} must be positive, got {value}. Use a small positive value.").format(
                name=name, value=value
            )
        )
    return value


def non_negative_int(value: Any, name: str) -> int:
    """Return ``value`` as an int, refusing bools, fractions and negatives."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(
                _("{name} must be a whole number such as 100, got {value!r}.").format(
                    name=name, value=value
                )
            )
    value = int(value)
    if value < 0:
        raise ValueError(_("{name} must be 0 or more, got {value}.").format(name=name, value=value))
    return value


def real_array(x: Any, name: str = "x") -> np.ndarray:
    """A float64 *copy* of ``x`` (number, list, tuple or array), checked to be finite and real."""
    if x is None:
        raise TypeError(
            _("{name} must be a number or an array of numbers, got None.").format(name=name)
        )
    if np.iscomplexobj(x):
        raise TypeError(
            _("{name} must hold real numbers; complex values are not supported.").format(name=name)
        )
    try:
        arr = np.array(x, dtype=float, copy=True)
    except OverflowError as err:
        raise ValueError(
            _(
                "{name} holds a number too large for floating point (the largest is about "
                "1.8e308); use smaller numbers, e.g. 1e30 instead of 10**400."
            ).format(name=name)
        ) from err
    except (TypeError, ValueError) as err:
        raise TypeError(
            _(
                "{name} must be a number or an array of numbers "
                "(for example np.array([3.0, 4.0])), got {type_name} {value!r}."
            ).format(name=name, type_name=type(x).__name__, value=x)
        ) from err
    require_finite(arr, name)
    return arr


def require_finite(arr: np.ndarray, name: str = "x") -> None:
    """Refuse arrays that contain NaN or infinity."""
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            _(
                "{name} contains NaN or infinity ({value!r}); a gradient needs a finite point. "
                "Check how the point was computed (an earlier step may have diverged)."
            ).format(name=name, value=arr)
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
            _(
                "{where} must return a single number (a scalar), but it returned an array of "
                "shape {shape}. A gradient is defined for a function with one output: "
                "did you mean to sum, e.g. `return np.sum(x**2)`?"
            ).format(where=where, shape=shape)
        )
    raise TypeError(
        _("{where} must return a single real number, but it returned {value!r}.").format(
            where=where, value=value
        )
    )
