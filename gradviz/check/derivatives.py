"""Checkers of the exercises of notebooks 00-03: slopes, partial derivatives, gradients.

One checker per exercise; each computes its expected answer from the exercise's
definition (the function and the point), so the notebooks hold no expected values.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from gradviz.calculus import (
    directional_derivative,
    forward_diff,
    numerical_diff,
    numerical_gradient,
)
from gradviz.check.base import (
    CheckResult,
    _as_array,
    _as_number,
    _blank,
    _hint,
    _is_blank,
    _ok,
    close,
    exercise,
    vector,
)
from gradviz.functions import elongated_bowl, function_2
from gradviz.i18n import N_, _


@exercise()
def difference_function(fn: Callable[..., Any] | None, kind: str = "central") -> CheckResult:
    """Check a student's ``fn(f, x, h)`` against the central (or forward) difference."""
    if fn is None or not callable(fn):
        return _hint(_("define the function first (replace the ... in its body)."))
    reference = numerical_diff if kind == "central" else forward_diff
    other = forward_diff if kind == "central" else numerical_diff
    cases = [(np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2), (lambda x: x**3, 2.0, 0.1)]
    for f, x, h in cases:
        try:
            got = _as_number(fn(f, x, h))
        except Exception as err:  # report the student's error in words
            return _hint(
                _("calling it with (f, {x}, {h}) raised {error_type}: {error}").format(
                    x=x, h=h, error_type=type(err).__name__, error=err
                )
            )
        want = reference(f, x, h)
        if got is None:
            return _hint(_("it should return one number (the slope)."))
        if math.isclose(got, want, rel_tol=1e-9):
            continue
        if math.isclose(got, other(f, x, h), rel_tol=1e-9):
            if kind == "central":
                return _hint(_("that is the forward difference; the central one is asked for."))
            if kind == "forward":
                return _hint(_("that is the central difference; the forward one is asked for."))
            return _hint(
                _("that is the central difference; the {kind} one is asked for.").format(kind=kind)
            )
        if math.isclose(got, 2 * want, rel_tol=1e-9) or math.isclose(got, want / 2, rel_tol=1e-9):
            return _hint(_("off by a factor of 2: check the width of the step you divide by."))
        try:
            yours = _as_number(fn(lambda t: t**3, 2.0, 0.1))
        except Exception as err:  # report the student's error in words
            yours = _("an error ({error_type}: {error})").format(
                error_type=type(err).__name__, error=err
            )
        if kind == "central":
            message = _(
                "for f = x³ at x = 2, h = 0.1 yours gives {yours}; "
                "work out the central difference of x³ there by hand and compare."
            )
        elif kind == "forward":
            message = _(
                "for f = x³ at x = 2, h = 0.1 yours gives {yours}; "
                "work out the forward difference of x³ there by hand and compare."
            )
        else:
            message = _(
                "for f = x³ at x = 2, h = 0.1 yours gives {yours}; "
                "work out the {kind} difference of x³ there by hand and compare."
            )
        return _hint(message.format(yours=yours, kind=kind))
    if kind == "central":
        return _ok(_("your central difference matches the reference on sin, exp and x³."))
    if kind == "forward":
        return _ok(_("your forward difference matches the reference on sin, exp and x³."))
    return _ok(
        _("your {kind} difference matches the reference on sin, exp and x³.").format(kind=kind)
    )


# 01, exercise 2: e^x at x = 3, where the book's h = 1e-4 misses by 3e-8. The pass set is
# about 5e-6 ... 1.5e-5 (and, by the luck of rounding, scattered points down to ~1e-7).
_STEP_TARGET = 1e-9


@exercise(answer=lambda: 1e-5, searchable=False)  # one of many: any h near the U's bottom
def accurate_step(
    h: Any, f=np.exp, df=np.exp, x: float = 3.0, target: float = _STEP_TARGET
) -> CheckResult:
    """01, exercise 2: the central difference of e^x at 3 with step ``h`` is within 1e-9."""
    value = _as_number(h)
    if value is None or value <= 0:
        return _hint(_("h should be one positive number, got {h!r}.").format(h=h))
    try:
        error = abs(numerical_diff(f, x, value) - float(df(x)))
    except (ArithmeticError, ValueError) as err:  # e.g. e^(3 + h) overflows for a huge h
        return _hint(
            _("with h = {h:.2g} the difference cannot be computed ({error}).").format(
                h=value, error=err
            )
        )
    if error < target:
        return _ok(
            _("with h = {h:.2g} the error is {error:.1e}, below {target:.0e}.").format(
                h=value, error=error, target=target
            )
        )
    if value > 1e-5:
        message = _("with h = {h:.2g} the error is {error:.1e}; h is too large (truncation error).")
    else:
        message = _("with h = {h:.2g} the error is {error:.1e}; h is too small (rounding error).")
    return _hint(message.format(h=value, error=error))


def _cube(x):
    return x**3


_CUBE_AT = 2.0  # 01, exercise 3: the slope of x³ at x = 2


@exercise(answer=lambda: 3 * _CUBE_AT**2)
def cube_slope(slope: Any) -> CheckResult:
    """01, exercise 3: the slope of ``g(x) = x³`` at ``x = 2``, computed with ``numerical_diff``."""
    value = _as_number(slope)
    if not _is_blank(slope) and value is not None:
        if math.isclose(value, _cube(_CUBE_AT), rel_tol=1e-9):
            return _hint(_("that is the height g(2), not the slope: differentiate g at 2."))
        if math.isclose(value, forward_diff(_cube, _CUBE_AT), rel_tol=1e-9):
            return _hint(
                _("that is the forward difference; use the central one, gv.numerical_diff.")
            )
    return close(N_("the slope of x³ at 2"), slope, cube_slope.answer())


# 02, exercise 1; outside the slice explorer's sliders (±4.5), whose status line would print it.
_BOWL_PARTIALS_AT = (-5.0, 6.0)


@exercise(answer=lambda: numerical_gradient(function_2, np.array(_BOWL_PARTIALS_AT)))
def partials_of_bowl(partials: Any) -> CheckResult:
    """02, exercise 1: ``[∂f/∂x0, ∂f/∂x1]`` of ``function_2`` at (-5, 6), the book's way."""
    return vector(N_("the partial derivatives"), partials, partials_of_bowl.answer())


def _x0_squared_x1(x):
    return x[0] ** 2 * x[1]


_BY_HAND_AT = (2.0, 3.0)  # 02, exercise 2: g(x0, x1) = x0²·x1 at (2, 3)


@exercise(answer=lambda: numerical_gradient(_x0_squared_x1, np.array(_BY_HAND_AT)))
def partials_by_hand(by_hand: Any) -> CheckResult:
    """02, exercise 2: ``[∂g/∂x0, ∂g/∂x1]`` of ``g = x0²·x1`` at (2, 3), worked out by hand."""
    result = vector(N_("your partial derivatives"), by_hand, partials_by_hand.answer())
    if result or _is_blank(by_hand):
        return result
    return _hint(
        _(
            "{hint} Hold the other variable fixed, as a constant: for ∂g/∂x0, x1 is a "
            "number like 5, and 5·x0² has slope 10·x0."
        ).format(hint=result.message)
    )


# 03, exercise 1; outside the explorers' sliders (±4.5), whose status lines would print it.
_BOWL_GRADIENT_AT = (-6.0, 2.5)


@exercise(answer=lambda: numerical_gradient(function_2, np.array(_BOWL_GRADIENT_AT)))
def gradient_of_bowl(grad: Any) -> CheckResult:
    """03, exercise 1: ``∇f`` of ``function_2`` at (-6, 2.5) with ``numerical_gradient``."""
    return vector(N_("the gradient"), grad, gradient_of_bowl.answer())


# 03, exercise 2. Outside the gradient explorer's sliders (±4.5): its status line prints the
# steepest descent direction wherever a student drags the point.
_STEEPEST_AT = (5.0, -12.0)


def _steepest_descent() -> np.ndarray:
    g = numerical_gradient(function_2, np.array(_STEEPEST_AT))
    return -g / np.linalg.norm(g)


@exercise(answer=_steepest_descent)
def steepest_descent_direction(direction: Any) -> CheckResult:
    """03, exercise 2: the unit vector of steepest descent of the bowl at (5, -12)."""
    want = steepest_descent_direction.answer()
    if _is_blank(direction):
        return _blank(N_("the direction"))
    got = _as_array(direction)  # None for complex, ragged or out-of-range answers
    if got is None:
        return _hint(
            _("the direction should be a list or array of two numbers, got {answer!r}.").format(
                answer=direction
            )
        )
    if got.shape != want.shape or not np.all(np.isfinite(got)):
        return _hint(_("the direction should be two finite numbers, [d0, d1]."))
    length = float(np.linalg.norm(got))
    if length == 0:
        return _hint(_("the zero vector has no direction."))
    cosine = float(got @ want) / length
    if cosine > 1 - 1e-6 and not math.isclose(length, 1.0, rel_tol=1e-4):
        return _hint(
            _("right direction, but its length is {length:.4g}: divide by the length.").format(
                length=length
            )
        )
    if cosine < -1 + 1e-6:
        return _hint(_("that direction goes uphill, the fastest way up: which way is down?"))
    return vector(N_("the direction"), got, want)


_VALLEY_KAPPA, _VALLEY_AT = 10.0, (1.0, 1.0)  # 03, exercise 3


def _valley_angle() -> float:
    surface = elongated_bowl(_VALLEY_KAPPA)
    p = np.array(_VALLEY_AT)
    down = -numerical_gradient(surface.f, p)
    to_min = surface.minima[0] - p
    cosine = down @ to_min / (np.linalg.norm(down) * np.linalg.norm(to_min))
    return float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))))


@exercise(answer=_valley_angle)
def valley_angle(angle: Any) -> CheckResult:
    """03, exercise 3: the angle between −∇f and the way to the minimum, elongated bowl, (1, 1)."""
    want = valley_angle.answer()
    value = _as_number(angle)
    if not _is_blank(angle) and value is not None:
        if math.isclose(value, math.radians(want), rel_tol=1e-3):
            return _hint(_("that is the angle in radians; convert it with np.degrees."))
        if math.isclose(value, 180 - want, rel_tol=1e-3):
            return _hint(_("that is the angle to +∇f, the uphill direction; use −∇f."))
    return close(N_("the angle"), angle, want, rtol=1e-3)


# 03, exercise 4: bowl, north-east. Outside the direction explorer's sliders (±4.5), whose
# status line prints the slope along u wherever a student drags the point.
_DIAGONAL_AT, _DIAGONAL_U = (6.0, 8.0), (1.0, 1.0)


@exercise(
    answer=lambda: directional_derivative(function_2, np.array(_DIAGONAL_AT), np.array(_DIAGONAL_U))
)
def slope_along_diagonal(slope: Any) -> CheckResult:
    """03, exercise 4: the slope of the bowl at (6, 8) along the unit vector u = (1, 1)/√2."""
    want = slope_along_diagonal.answer()
    value = _as_number(slope)
    if not _is_blank(slope) and value is not None:
        g = numerical_gradient(function_2, np.array(_DIAGONAL_AT))
        if math.isclose(value, float(g @ np.array(_DIAGONAL_U)), rel_tol=1e-6):
            return _hint(_("u = (1, 1) has length √2, not 1: divide u by its length first."))
        if math.isclose(value, float(np.linalg.norm(g)), rel_tol=1e-6):
            return _hint(_("that is |∇f|, the slope along ∇f itself; u points elsewhere."))
    return close(N_("the slope along u"), slope, want, rtol=1e-4)
