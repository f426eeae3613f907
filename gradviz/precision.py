"""The floating-point checks behind ``calculus.numerical_gradient``, one small function each.

``numerical_gradient`` is the text's loop; this module holds what keeps it honest:

* which ``x`` is nudged in place and which is copied to float64 (``working_array``);
* ``f(x)`` as one finite float, or a clear ``NonFiniteValueError`` (``evaluate``);
* whether ``x + h`` and ``x − h`` can be held next to x (``step_is_exact``);
* the ``PrecisionWarning`` when h is lost next to x, when rounding swamps the
  difference, or when f never changed (``report``);
* the text's pattern on a float32 array, nudged in place (``gradient_in_place``);
* the same checks for every relative of ``numerical_gradient`` (``first_lost``,
  ``warn_rounding``, ``warn_if_rough``), and what a gradient may cost (``check_cost``).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from gradviz._validate import TIME_BUDGET, check_time, real_array, require_finite, scalar_value
from gradviz.i18n import _

__all__ = ["NonFiniteValueError", "PrecisionWarning"]


class NonFiniteValueError(ValueError):
    """``f`` returned NaN or infinity, so no derivative can be formed there."""

    __module__ = "gradviz.calculus"  # named (in tracebacks, pickles) where it always lived

    def __init__(self, message: str, value: float = float("nan")) -> None:
        super().__init__(message)
        self.value = value  # the offending value: NaN (outside the domain) or ±inf


class PrecisionWarning(UserWarning):
    """The answer is limited by floating point: h was lost next to x, or f never changed."""

    __module__ = "gradviz.calculus"  # named (in tracebacks, pickles) where it always lived


class ZeroGradientWarning(PrecisionWarning):
    """f returned the same value for every nudge of x (``nn`` silences it for dead ReLUs)."""

    __module__ = "gradviz.calculus"


def finite_value(value: Any, where: str) -> float:
    value = scalar_value(value, where)
    if not np.isfinite(value):
        raise NonFiniteValueError(
            _(
                "{where} returned {value}; the derivative is undefined there. "
                "The point may be outside the function's domain, or a previous step diverged."
            ).format(where=where, value=value),
            value,
        )
    return value


def evaluate(f: Callable, x: Any, where: str) -> float:
    """``f(x)`` as one finite float; overflow inside f becomes a clear error."""
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            value = f(x)
    except OverflowError as err:
        raise NonFiniteValueError(
            _(
                "{where} overflowed: the numbers grew beyond what floating point can "
                "hold (about 1.8e308). Use a point closer to 0."
            ).format(where=where),
            float("inf"),
        ) from err
    except ZeroDivisionError as err:
        raise NonFiniteValueError(
            _(
                "{where} divided by zero ({error}): f is not defined there (a pole, such as "
                "1/x at 0), so neither is its derivative. Use a point where f is defined."
            ).format(where=where, error=err),
        ) from err
    return finite_value(value, where)


def working_array(x: Any) -> tuple[np.ndarray, bool]:
    """The array to nudge, and whether ``x`` is a writable real array.

    A writable float64 array is the caller's own (nudged in place, restored after);
    anything else is a float64 copy, so the caller's object is never touched.
    """
    writable = (
        isinstance(x, np.ndarray)
        and not isinstance(x, np.ma.MaskedArray)  # copied: its data and mask stay as found
        and x.dtype.kind in "iuf"
        and x.flags.writeable
    )
    if writable and x.dtype == np.float64:
        work = x  # the caller's own array: nudged in place, restored below
        require_finite(work)
    else:
        work = real_array(x)  # a float64 copy: the caller's object is never touched
    return work, writable


def step_is_exact(tmp: float, h: float) -> bool:
    """True when x + h and x - h are (to 1%) h away from x in float64."""
    return abs(((tmp + h) - (tmp - h)) - 2 * h) <= 0.01 * 2 * h


def first_lost(x: np.ndarray, step: Any) -> float | None:
    """The first entry of ``x`` next to which the nudge ``step`` (a number, or one per
    entry, e.g. h·u) is not held to 1% of its length, or None: ``step_is_exact`` for all
    entries at once."""
    step = np.broadcast_to(np.asarray(step, dtype=float), np.shape(x))
    length = float(np.max(np.abs(step))) if step.size else 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        lost = ~(np.abs(((x + step) - (x - step)) - 2 * step) <= 0.01 * 2 * length)
    return float(np.asarray(x).flat[int(np.argmax(lost))]) if lost.any() else None


def check_cost(f: Callable, work: np.ndarray, seconds: float) -> None:
    """Refuse at once a gradient of ``work.size`` entries that would take over a minute.

    ``seconds`` is how long ``f(x)`` took: the loop calls f twice per entry. A slow first
    call (an import, a cache) is timed again before refusing.
    """
    per_entry = 2e-5  # the loop's own time per entry, without f (measured on 2 cores)
    if 2 * work.size * (seconds + per_entry) <= TIME_BUDGET:
        return
    start = time.perf_counter()
    evaluate(f, work, "f(x)")
    seconds = min(seconds, time.perf_counter() - start)
    check_time(
        2 * work.size * (seconds + per_entry),
        _(
            "numerical_gradient on {size:,} entries ({calls:,} calls of f, each taking "
            "about {each:.2g} s)"
        ).format(size=work.size, calls=2 * work.size, each=seconds),
        _(
            "Use fewer entries (a smaller x or a smaller network), a cheaper f, or the exact "
            "gradient (backpropagation, e.g. net.gradient(x, t))."
        ),
    )


def warn_h_lost(x_value: float, h: float, dtype: Any = float, stacklevel: int = 3) -> None:
    warnings.warn(
        _(
            "h = {h:g} is too small next to x = {x:.6g}: in {dtype} the "
            "neighbouring numbers are {spacing:.3g} "
            "apart, so x + h and x - h round to (almost) x and this difference is wrong. "
            "Use a larger h, or a point closer to 0."
        ).format(
            h=h,
            x=x_value,
            dtype=np.dtype(dtype).name,
            spacing=abs(float(np.spacing(np.asarray(x_value, dtype)))),
        ),
        PrecisionWarning,
        stacklevel=stacklevel,
    )


def warn_rounding(value: float, h: float, largest_entry: float, stacklevel: int = 3) -> None:
    """Warn when the rounding error of ``(f(x+h) − f(x−h)) / 2h`` with |f| about ``value``
    is not small next to the gradient (its largest entry ``largest_entry``)."""
    rounding = 4 * np.finfo(float).eps * value / (2 * h)  # error of (f(x+h) - f(x-h)) / 2h
    if rounding > 1e-3 * max(largest_entry, 1.0):
        warnings.warn(
            _(
                "f is about {value:.3g} here, and floating point keeps only about 16 digits "
                "of it: dividing the difference by 2h = {two_h:g} leaves each entry of the "
                "gradient uncertain by about {rounding:.2g}, which is not small next to the "
                "gradient itself (largest entry {largest_entry:.3g}). Use a point "
                "where f is smaller, a larger h, or the exact gradient."
            ).format(value=value, two_h=2 * h, rounding=rounding, largest_entry=largest_entry),
            PrecisionWarning,
            stacklevel=stacklevel + 1,
        )


def warn_if_rough(values: list[float], slope: float) -> None:
    """Warn when f at x - h, x - h/2, x, x + h/2, x + h (``values``, in that order) does
    not follow a smooth curve (``numerical_diff``; ``slope`` is its answer).

    The fourth difference f(x-h) - 4 f(x-h/2) + 6 f(x) - 4 f(x+h/2) + f(x+h) is exactly 0
    for a cubic and about (h/2)^4 times the fourth derivative for a smooth f: tiny next
    to how far f moves across the points (the sum of the four steps). A pole, a jump or
    a kink among the points makes it as large as those steps; rounding noise is left out.
    """
    f = np.asarray(values, dtype=float)
    fourth = abs(f[0] - 4 * f[1] + 6 * f[2] - 4 * f[3] + f[4])
    moved = float(np.sum(np.abs(np.diff(f))))
    noise = 1e3 * np.finfo(float).eps * float(np.max(np.abs(f)))
    if fourth > 0.25 * moved and fourth > noise:
        warnings.warn(
            _(
                "f does not follow a smooth curve between x - h and x + h (its values at x, "
                "x ± h/2 and x ± h jump or turn too sharply): a pole (like 1/x at 0), a jump "
                "or a kink lies within h of x, or h is too large for how fast f bends. Do not "
                "trust this slope ({slope:.4g}): use a smaller h, or a point farther from "
                "the trouble."
            ).format(slope=slope),
            PrecisionWarning,
            stacklevel=3,
        )


def report(grad: np.ndarray, h: float, lost: float | None, responded: bool, largest: float) -> None:
    """Warn (to the caller of ``numerical_gradient``) when the gradient cannot be trusted.

    ``lost`` is the first x at which h was lost, ``responded`` whether f ever changed,
    ``largest`` the largest |f| seen: its rounding error limits the accuracy.
    """
    if lost is not None:
        warn_h_lost(lost, h, stacklevel=4)
    elif responded and grad.size:
        warn_rounding(largest, h, float(np.max(np.abs(grad))), stacklevel=3)
    if not responded and grad.size and lost is None:
        warnings.warn(
            _(
                "f returned exactly the same value for every nudge of x, so the gradient is "
                "all zeros. That is right if f is flat here; if f should depend on x, check "
                "that f uses its argument. With the book's pattern "
                "numerical_gradient(lambda w: net.loss(x, t), net.W), pass the network's own "
                "array (net.W itself, not a copy such as net.W.copy() or a list)."
            ),
            ZeroGradientWarning,
            stacklevel=3,
        )


def gradient_in_place(f: Callable, x: np.ndarray, h: float, f0: float) -> np.ndarray:
    """The text's pattern on a non-float64 array: nudge ``x`` itself, divide by the real step."""
    if x.dtype.kind in "biu":
        raise TypeError(
            _(
                "f does not use its argument; it seems to read your array directly (the "
                "book's pattern lambda w: net.loss(x, t)). That array holds integers "
                "({dtype}), so it cannot hold x + h for h = {h:g}: every nudge would round "
                "away and the gradient would be zero. Make it a float array first, e.g. "
                "net.W = net.W.astype(float)."
            ).format(dtype=x.dtype, h=h)
        )
    grad = np.zeros(x.shape, dtype=float)
    responded = False
    for idx in np.ndindex(x.shape):
        tmp_val = x[idx].copy()
        try:
            x[idx] = float(tmp_val) + h
            plus = float(x[idx])
            fxh1 = evaluate(f, x, "f(x + h)")
            x[idx] = float(tmp_val) - h
            minus = float(x[idx])
            fxh2 = evaluate(f, x, "f(x - h)")
        finally:
            x[idx] = tmp_val
        if plus == minus or abs((plus - minus) - 2 * h) > 0.5 * 2 * h:
            warnings.warn(
                _(
                    "f reads your {dtype} array directly (the book's pattern), and in "
                    "{dtype} x + h cannot be held next to x = {x:.6g} for "
                    "h = {h:g}: the neighbouring numbers are "
                    "{spacing:.3g} apart. The gradient is too inaccurate "
                    "to trust. Make the array float64 first, e.g. net.W = net.W.astype(float)."
                ).format(
                    dtype=x.dtype,
                    x=float(tmp_val),
                    h=h,
                    spacing=abs(float(np.spacing(tmp_val))),
                ),
                PrecisionWarning,
                stacklevel=3,
            )
            if plus == minus:
                continue
        responded = responded or fxh1 != f0 or fxh2 != f0
        grad[idx] = (fxh1 - fxh2) / (plus - minus)
    if not responded:
        warnings.warn(
            _(
                "f returned exactly the same value for every nudge of x, so the gradient is "
                "all zeros. That is right if f is flat here; if f should depend on x, check "
                "that f uses its argument or the array you passed."
            ),
            ZeroGradientWarning,
            stacklevel=3,
        )
    return grad
