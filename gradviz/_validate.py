"""Input checks shared by the helpers: one clear message per kind of mistake.

Every public helper turns a student's mistake into a ``TypeError`` or
``ValueError`` that says what went wrong *and what to do*, instead of a
silently wrong number or a traceback from deep inside numpy.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from gradviz.i18n import N_, _, space_after


def set_frozen(obj: Any, name: str, value: Any) -> None:
    """Store a checked setting on a frozen dataclass as the plain float or int it was
    checked to be (a Fraction or a numpy number would make every step compute with
    Python objects, change a path's dtype, or break a label's format)."""
    object.__setattr__(obj, name, value)


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


def whole_number(value: Any, name: str) -> int:
    """Return ``value`` as an int, refusing bools, fractions, NaN and text.

    ``True`` is refused too (Python counts it as 1, but ``step_num=True`` is a slip, not
    a count); a float that is a whole number (``100.0``) is accepted.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        if (
            isinstance(value, numbers.Real)
            and not isinstance(value, (bool, np.bool_))
            and math.isfinite(value)
            and float(value).is_integer()
        ):
            value = int(value)
        else:
            raise TypeError(
                _("{name} must be a whole number such as 100, got {value!r}.").format(
                    name=name, value=value
                )
            )
    return int(value)


def non_negative_int(value: Any, name: str) -> int:
    """Return ``value`` as an int of at least 0 (see ``whole_number``)."""
    value = whole_number(value, name)
    if value < 0:
        raise ValueError(_("{name} must be 0 or more, got {value}.").format(name=name, value=value))
    return value


def count_at_least(value: Any, name: str, low: int) -> int:
    """``value`` as a whole number of at least ``low`` (a size, a number of classes...)."""
    value = whole_number(value, name)
    if value < low:
        if low == 0:
            return non_negative_int(value, name)
        raise ValueError(
            _("{name} must be at least {low}, got {value}.").format(name=name, low=low, value=value)
        )
    return value


#: Why an explorer's setting has a largest value (``bounded_count``'s default reason).
SLOW_SLIDER = N_("an explorer must answer every slider move quickly, and this would make it wait.")


def bounded_count(value: Any, name: str, low: int, high: int, why: str = SLOW_SLIDER) -> int:
    """A whole number from ``low`` to ``high``; ``why`` (marked with ``N_``) says why a
    larger one is refused."""
    value = count_at_least(value, name, low)
    if value > high:
        raise ValueError(
            _("{name} = {value} is more than {high}: {why} Use {high} or less.").format(
                name=name, value=value, high=high, why=_(why)
            )
        )
    return value


def one_of(value: Any, name: str, choices: Any) -> str:
    """``value`` if it is one of the names ``choices`` (a menu's keys), else a clear error."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(
            _("{name} must be one of {choices}, got {value!r}.").format(
                name=name, choices=list(choices), value=value
            )
        )
    return value


# --- arrays ---------------------------------------------------------------------------------


def _masked_data(x: np.ma.MaskedArray, name: str) -> np.ndarray:
    """The data of a masked array with nothing masked; one with masked entries is refused.

    A masked entry is a missing number, and a derivative needs a value at every entry:
    refusing says so, where computing would either use the hidden value under the mask
    (a number the caller said not to use) or spread NaN. The caller's array and its mask
    are only read, never written.
    """
    if np.ma.is_masked(x):
        where = tuple(int(i) for i in np.argwhere(np.ma.getmaskarray(x))[0])
        raise ValueError(
            _(
                "{name} is a masked array with {count} masked (missing) entries, the first at "
                "index {index}; a derivative needs a number at every entry. Fill them in "
                "first, e.g. {name}.filled(0.0), or drop them with {name}.compressed()."
            ).format(name=name, count=int(np.ma.count_masked(x)), index=where)
        )
    return np.ma.getdata(x)


def as_array(x: Any, name: str = "x") -> np.ndarray:
    """``np.asarray(x)`` (any dtype, not copied), refusing None, text and ragged lists
    in words, and masked arrays with masked entries (one with none gives its data)."""
    if x is None:
        raise TypeError(
            _("{name} must be a number or an array of numbers, got None.").format(name=name)
        )
    if isinstance(x, np.ma.MaskedArray):
        x = _masked_data(x, name)
    if isinstance(x, (str, bytes)):
        raise TypeError(
            _(
                "{name} must be a number or an array of numbers, got the text {value!r}. "
                "Remove the quotes: write 3.0, not '3.0'."
            ).format(name=name, value=x)
        )
    try:
        return np.asarray(x)
    except ValueError as err:  # rows of different lengths
        raise TypeError(
            _(
                "{name} is ragged: its rows have different lengths ({value!r}), so it is "
                "not an array of numbers. Give every row the same number of entries."
            ).format(name=name, value=x)
        ) from err


def numeric_array(x: Any, name: str = "x") -> np.ndarray:
    """A float64 *copy* of ``x`` (number, list, tuple or array of real numbers).

    Refused with a message that says what to do: None, text, True/False, complex numbers,
    dates and times, ragged lists (rows of different lengths), objects that are not
    numbers, numbers beyond float64, and masked arrays with masked entries. NaN and
    infinity pass (``real_array`` refuses them too).
    """
    raw = as_array(x, name)
    kind = raw.dtype.kind
    if kind == "c":
        raise TypeError(
            _("{name} must hold real numbers; complex values are not supported.").format(name=name)
        )
    if kind == "b":
        raise TypeError(
            _(
                "{name} holds True/False values ({value!r}), not numbers. If you mean 1 and "
                "0, convert first: np.asarray({name}, dtype=float)."
            ).format(name=name, value=x)
        )
    if kind in "mM":
        raise TypeError(
            _(
                "{name} holds dates or times ({dtype}), not plain numbers. Convert them to "
                "numbers first, e.g. the days since a start: (t - t[0]) / np.timedelta64(1, 'D')."
            ).format(name=name, dtype=raw.dtype)
        )
    if kind in "USV":
        raise TypeError(
            _(
                "{name} must be a number or an array of numbers "
                "(for example np.array([3.0, 4.0])), got {type_name} {value!r}."
            ).format(name=name, type_name=type(x).__name__, value=x)
        )
    try:
        return np.array(raw, dtype=float, copy=True)
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


def real_array(x: Any, name: str = "x") -> np.ndarray:
    """A float64 *copy* of ``x`` (number, list, tuple or array), checked to be finite and real."""
    arr = numeric_array(x, name)
    require_finite(arr, name)
    return arr


def real_number(x: Any, name: str = "x", advice: str = "") -> float:
    """``x`` as one finite real number (a plain number or a 0-d array).

    ``advice`` (translated) is added to the message for an array of several numbers.
    """
    arr = real_array(x, name)
    if arr.ndim != 0:
        message = _("{name} must be a single number here, got an array of shape {shape}.").format(
            name=name, shape=arr.shape
        )
        raise TypeError(message + space_after(message) + advice if advice else message)
    return float(arr)


def non_negative_number(x: Any, name: str) -> float:
    """``x`` as one finite real number of at least 0 (a noise level, a spread, a decay)."""
    value = real_number(x, name)
    if value < 0:
        raise ValueError(_("{name} must be 0 or more, got {value}.").format(name=name, value=value))
    return value


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


def gradient_value(g: Any, shape: tuple[int, ...], where: str = "grad(x)") -> np.ndarray:
    """Check that a gradient function returned real numbers shaped like x; return float64."""
    if (isinstance(g, np.ndarray) and g.dtype.kind == "c") or isinstance(g, complex):
        raise TypeError(
            _(
                "{where} returned complex numbers ({value!r}); a gradient of a real "
                "function is real. Check it for a square root or power of a negative "
                "number."
            ).format(where=where, value=g)
        )
    arr = numeric_array(g, where)
    if arr.shape != shape:
        raise ValueError(
            _("{where} must return an array shaped like x {x_shape}, got shape {shape}.").format(
                where=where, x_shape=shape, shape=arr.shape
            )
        )
    return arr


def unit_vector(u: Any, name: str = "u") -> np.ndarray:
    """``u / |u|`` as float64, right for any finite size of u (1e-300 or 1e300).

    Dividing by the largest entry first keeps ``|u|`` from overflowing to infinity or
    underflowing to 0, which would give a zero vector or NaN without a word.
    """
    u = real_array(u, name)
    biggest = float(np.max(np.abs(u))) if u.size else 0.0
    if biggest == 0:
        raise ValueError(_("{name} is the zero vector, which has no direction.").format(name=name))
    u = u / biggest
    return u / float(np.linalg.norm(u))


# --- what one call may cost on a classroom machine -----------------------------------------

#: The longest a single call should keep a classroom machine busy, in seconds.
TIME_BUDGET = 60.0
#: The most memory a single call should ask for, in bytes (about a gigabyte).
MEMORY_BUDGET = 1e9


def _as_float(value: float) -> float:
    """``float(value)``, or infinity for an int too large for float64."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def finite_result(value: Any, what: str) -> Any:
    """``value`` if every entry is finite, else a ValueError saying that ``what`` (named in
    words, already translated) overflowed floating point."""
    if not np.all(np.isfinite(value)):
        raise ValueError(
            _(
                "{what} overflowed floating point (numbers beyond about 1.8e308). Use "
                "smaller settings."
            ).format(what=what)
        )
    return value


def check_time(seconds: float, what: str, advice: str) -> None:
    """Refuse at once a call estimated to take longer than ``TIME_BUDGET``.

    ``what`` names the call in words (already translated), ``advice`` says what to do.
    """
    if seconds > TIME_BUDGET:  # seconds may be a huge int: compared exactly, shown as float
        minutes = _as_float(seconds) / 60
        raise ValueError(
            _(
                "{what} would take about {minutes:,.0f} minutes on this machine (the limit "
                "for one call is about a minute), so it was not started. {advice}"
            ).format(what=what, minutes=minutes, advice=advice)
        )


def check_memory(nbytes: float, what: str, advice: str) -> None:
    """Refuse at once a call that would allocate more than ``MEMORY_BUDGET`` bytes."""
    if nbytes > MEMORY_BUDGET:  # nbytes may be a huge int: compared exactly, shown as float
        gigabytes = _as_float(nbytes) / 1e9
        raise ValueError(
            _(
                "{what} would need about {gigabytes:,.1f} GB of memory (the limit for one "
                "call is about 1 GB), so it was not started. {advice}"
            ).format(what=what, gigabytes=gigabytes, advice=advice)
        )
