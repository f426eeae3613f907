"""Numerical derivatives and gradients, written the way the notebooks teach them.

The readable loops below mirror chapter 4 of *Deep Learning from Scratch*
(``numerical_diff``, ``numerical_gradient``), with its traps fixed:

* an integer array no longer truncates the perturbation ``x + h`` to ``x``;
* the caller's array is always restored, even when ``f`` raises;
* any shape works (a vector or a weight matrix);
* a function that returns an array, or a point with NaN/inf, gets a clear error.

``gradient_field`` is the fast path for a whole grid of points (quiver plots);
``gradient_field_loop`` is the readable version it is tested against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz._validate import (
    positive_number,
    real_array,
    require_callable,
    require_finite,
    scalar_value,
)

__all__ = [
    "NonFiniteValueError",
    "TangentLine",
    "difference_errors",
    "directional_derivative",
    "forward_diff",
    "gradient_field",
    "gradient_field_loop",
    "numerical_diff",
    "numerical_gradient",
    "numerical_hessian",
    "tangent_line",
]


class NonFiniteValueError(ValueError):
    """``f`` returned NaN or infinity, so no derivative can be formed there."""


def _finite_value(value: Any, where: str) -> float:
    value = scalar_value(value, where)
    if not np.isfinite(value):
        raise NonFiniteValueError(
            f"{where} returned {value}; the derivative is undefined there. "
            "The point may be outside the function's domain, or a previous step diverged."
        )
    return value


def _real_scalar(x: Any, name: str = "x") -> float:
    arr = real_array(x, name)
    if arr.ndim != 0:
        raise TypeError(
            f"{name} must be a single number here, got an array of shape {arr.shape}. "
            "For a function of several variables use numerical_gradient(f, x)."
        )
    return float(arr)


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Central difference ``(f(x+h) - f(x-h)) / 2h``: the slope of f at the number x."""
    require_callable(f)
    x = _real_scalar(x)
    h = positive_number(h, "h")
    return (_finite_value(f(x + h), "f(x + h)") - _finite_value(f(x - h), "f(x - h)")) / (2 * h)


def forward_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Forward difference ``(f(x+h) - f(x)) / h``: the first idea, and the less accurate one."""
    require_callable(f)
    x = _real_scalar(x)
    h = positive_number(h, "h")
    return (_finite_value(f(x + h), "f(x + h)") - _finite_value(f(x), "f(x)")) / h


def difference_errors(
    f: Callable[[float], float], x: float, exact: float, hs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Absolute errors of the forward and central differences for each step size.

    ``hs`` has shape ``(m,)``; returns ``(forward_errors, central_errors)``, each ``(m,)``.
    Plotted against ``hs`` on log-log axes they make the U-shaped curve: truncation
    error on the right, rounding error on the left.
    """
    hs = np.asarray(hs, dtype=float)
    forward = np.array([abs(forward_diff(f, x, h) - exact) for h in hs])
    central = np.array([abs(numerical_diff(f, x, h) - exact) for h in hs])
    return forward, central


def numerical_gradient(f: Callable[[np.ndarray], float], x: Any, h: float = 1e-4) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    ``x`` may be a number, list, tuple or array of any shape (a vector ``(n,)`` or a
    weight matrix ``(m, n)``); the result is a float array of the same shape.

    The loop nudges one entry at a time by ``+h`` and ``-h``, exactly as in the text.
    When ``x`` is a writable float array, the nudge happens on ``x`` itself and is
    undone afterwards (also if ``f`` raises). That keeps the text's pattern for
    networks working: ``numerical_gradient(lambda w: net.loss(x, t), net.W)``, where
    ``f`` ignores its argument and sees the nudge through ``net.W``. Anything else
    (integers, lists, tuples) is first copied to floats, so ``np.array([3, 4])`` gives
    ``[6., 8.]`` and not the ``[25000, 35000]`` of the original code.
    """
    require_callable(f)
    h = positive_number(h, "h")
    if isinstance(x, np.ndarray) and x.dtype.kind == "f" and x.flags.writeable:
        work = x  # the caller's own array: nudged in place, restored below
        require_finite(work)
    else:
        work = real_array(x)  # a float copy: the caller's object is never touched

    grad = np.zeros(work.shape, dtype=float)
    for idx in np.ndindex(work.shape):
        tmp_val = work[idx]
        try:
            work[idx] = tmp_val + h
            fxh1 = _finite_value(f(work), "f(x + h)")
            work[idx] = tmp_val - h
            fxh2 = _finite_value(f(work), "f(x - h)")
        finally:
            work[idx] = tmp_val  # restore the value, whatever happened
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


def _grid(X: Any, Y: Any) -> tuple[np.ndarray, np.ndarray]:
    X = real_array(X, "X")
    Y = real_array(Y, "Y")
    if X.shape != Y.shape:
        raise ValueError(
            f"X and Y must have the same shape, got {X.shape} and {Y.shape}. "
            "Make them with X, Y = np.meshgrid(xs, ys)."
        )
    return X, Y


def gradient_field_loop(
    f: Callable[[np.ndarray], float], X: Any, Y: Any, h: float = 1e-4
) -> tuple[np.ndarray, np.ndarray]:
    """The gradient at every grid point, one ``numerical_gradient`` call per point.

    ``X`` and ``Y`` have the same shape ``S`` (from ``np.meshgrid``); returns ``(U, V)``,
    the two partial derivatives, each of shape ``S``. Readable but slow.
    """
    require_callable(f)
    X, Y = _grid(X, Y)
    U = np.empty(X.shape)
    V = np.empty(X.shape)
    for idx in np.ndindex(X.shape):
        U[idx], V[idx] = numerical_gradient(f, np.array([X[idx], Y[idx]]), h)
    return U, V


def gradient_field(
    f: Callable[[np.ndarray], Any], X: Any, Y: Any, h: float = 1e-4
) -> tuple[np.ndarray, np.ndarray]:
    """The gradient at every grid point in one vectorised pass (for quiver plots).

    Same arithmetic as ``gradient_field_loop``: the whole grid is nudged at once, so
    ``f`` is called 4 times instead of 4 times per point. ``f`` must work on a stacked
    array ``p`` of shape ``(2, *S)`` the way ``p[0]**2 + p[1]**2`` does; a function
    that cannot (it returns one number for the whole grid) falls back to the loop.
    """
    require_callable(f)
    h = positive_number(h, "h")
    X, Y = _grid(X, Y)
    points = np.stack([X, Y])  # shape (2, *S)
    grads = np.empty_like(points)
    with np.errstate(all="ignore"):
        for i in range(2):
            tmp_val = points[i].copy()
            try:
                points[i] = tmp_val + h
                fxh1 = np.asarray(f(points), dtype=float)
                points[i] = tmp_val - h
                fxh2 = np.asarray(f(points), dtype=float)
            except (TypeError, ValueError, IndexError):
                fxh1 = fxh2 = None  # f only takes one point at a time
            points[i] = tmp_val
            if fxh1 is None or fxh1.shape != X.shape or fxh2.shape != X.shape:
                return gradient_field_loop(f, X, Y, h)
            grads[i] = (fxh1 - fxh2) / (2 * h)
    if not np.all(np.isfinite(grads)):
        raise NonFiniteValueError(
            "f returned NaN or infinity somewhere on the grid; choose a window inside "
            "the function's domain."
        )
    return grads[0], grads[1]


@dataclass(frozen=True)
class TangentLine:
    """The straight line ``y = slope * t + intercept`` touching f at ``x``."""

    slope: float
    intercept: float
    x: float

    def __call__(self, t: Any) -> Any:
        """Evaluate the line at ``t`` (a number or an array of any shape)."""
        return self.slope * np.asarray(t, dtype=float) + self.intercept


def tangent_line(f: Callable[[float], float], x: float, h: float = 1e-4) -> TangentLine:
    """The tangent of f at x, with the slope from ``numerical_diff`` (as in the text)."""
    x = _real_scalar(x)
    d = numerical_diff(f, x, h)
    y = _finite_value(f(x), "f(x)") - d * x
    return TangentLine(slope=d, intercept=y, x=x)


def numerical_hessian(
    grad: Callable[[np.ndarray], np.ndarray], x: Any, h: float = 1e-4
) -> np.ndarray:
    """The matrix of second derivatives, ``(n, n)``, by central differences of ``grad``.

    Column i is ``(grad(x + h·e_i) − grad(x − h·e_i)) / 2h``; the result is symmetrised.
    """
    require_callable(grad, "grad")
    h = positive_number(h, "h")
    x = real_array(x)
    n = x.size
    H = np.empty((n, n))
    for i in range(n):
        step = np.zeros(n)
        step[i] = h
        H[:, i] = (np.asarray(grad(x + step), dtype=float) - np.asarray(grad(x - step))) / (2 * h)
    return (H + H.T) / 2


def directional_derivative(
    f: Callable[[np.ndarray], float], x: Any, u: Any, h: float = 1e-4
) -> float:
    """The slope of ``f`` at ``x`` in the direction ``u``: ``D_u f(x) = d/dt f(x + t·u)`` at 0.

    ``u`` is scaled to length 1 first (only its direction matters), so the result is the
    rise of f per unit of distance walked along u. It is computed from its definition, a
    central difference along the line through ``x``: ``(f(x + h·u) − f(x − h·u)) / 2h``.
    For a smooth f it equals ``∇f(x) · u = |∇f| cos θ`` (θ the angle between ∇f and u):
    largest along ∇f, smallest along −∇f, zero along the contour.
    """
    require_callable(f)
    h = positive_number(h, "h")
    x = real_array(x, "x")
    u = real_array(u, "u")
    if u.shape != x.shape:
        raise ValueError(f"u must have the shape of x, {x.shape}; got {u.shape}.")
    length = float(np.linalg.norm(u))
    if length == 0:
        raise ValueError("u is the zero vector, which has no direction.")
    u = u / length
    return (
        _finite_value(f(x + h * u), "f(x + h·u)") - _finite_value(f(x - h * u), "f(x − h·u)")
    ) / (2 * h)
