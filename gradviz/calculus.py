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

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz import precision
from gradviz._validate import (
    gradient_value,
    positive_number,
    real_array,
    real_number,
    require_callable,
    unit_vector,
)
from gradviz.i18n import N_, _
from gradviz.precision import NonFiniteValueError, PrecisionWarning, ZeroGradientWarning
from gradviz.precision import evaluate as _evaluate

__all__ = [
    "NonFiniteValueError",
    "PrecisionWarning",
    "TangentLine",
    "ZeroGradientWarning",
    "difference_errors",
    "directional_derivative",
    "forward_diff",
    "gradient_field",
    "gradient_field_loop",
    "numerical_diff",
    "numerical_gradient",
    "numerical_hessian",
    "signed_angle",
    "tangent_line",
]


#: What to do with a vector where one number was expected.
_SEVERAL = N_("For a function of several variables use numerical_gradient(f, x).")


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Central difference ``(f(x+h) - f(x-h)) / 2h``: the slope of f at the number x.

    This is the text's formula, kept bare on purpose: with too small an h (1e-50)
    ``x + h == x`` and it returns exactly 0, the rounding-error lesson that the
    derivative explorer and ``difference_errors`` show next to the true slope.
    ``numerical_gradient`` warns in that case instead.

    What it does look at: f(x) itself (NaN, infinity or a division by zero there is a
    ``NonFiniteValueError``: no slope at a pole), and f at x ± h/2. The five values of a
    smooth f follow a smooth curve; when they jump or turn sharply (their fourth
    difference is a quarter of how far they move), a ``PrecisionWarning`` says that a
    pole, a jump or a kink lies within h of x (``1/x`` at 1e-5 with h = 1e-4). Milder
    trouble (a kink near x ± h, a small jump) can pass unseen: a small enough h is
    still the caller's job.
    """
    require_callable(f)
    x = real_number(x, "x", _(_SEVERAL))
    h = positive_number(h, "h")
    centre = _evaluate(f, x, "f(x)")
    plus, minus = _evaluate(f, x + h, "f(x + h)"), _evaluate(f, x - h, "f(x - h)")
    slope = (plus - minus) / (2 * h)
    near_plus = _evaluate(f, x + h / 2, "f(x + h/2)")
    near_minus = _evaluate(f, x - h / 2, "f(x - h/2)")
    precision.warn_if_rough([minus, near_minus, centre, near_plus, plus], slope)
    return slope


def forward_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Forward difference ``(f(x+h) - f(x)) / h``: the first idea, and the less accurate one."""
    require_callable(f)
    x = real_number(x, "x", _(_SEVERAL))
    h = positive_number(h, "h")
    return (_evaluate(f, x + h, "f(x + h)") - _evaluate(f, x, "f(x)")) / h


def difference_errors(
    f: Callable[[float], float], x: float, exact: float, hs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Absolute errors of the forward and central differences for each step size.

    ``hs`` has shape ``(m,)``; returns ``(forward_errors, central_errors)``, each ``(m,)``.
    Plotted against ``hs`` on log-log axes they make the U-shaped curve: truncation
    error on the right, rounding error on the left.
    """
    exact = real_number(exact, "exact")
    hs = np.atleast_1d(real_array(hs, "hs"))
    if hs.ndim != 1:
        raise ValueError(
            _("hs must be a list of step sizes, shape (m,), got {shape}.").format(shape=hs.shape)
        )
    with warnings.catch_warnings():  # the rounding error is what this curve shows
        warnings.simplefilter("ignore", PrecisionWarning)
        forward = np.array([abs(forward_diff(f, x, h) - exact) for h in hs])
        central = np.array([abs(numerical_diff(f, x, h) - exact) for h in hs])
    return forward, central


def numerical_gradient(f: Callable[[np.ndarray], float], x: Any, h: float = 1e-4) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    ``x`` may be a number, list, tuple or array of any shape and dtype (a vector
    ``(n,)`` or a weight matrix ``(m, n)``); the result is a float64 array of the
    same shape, computed in float64 whatever the dtype of ``x``.

    The loop nudges one entry at a time by ``+h`` and ``-h``, exactly as in the text.
    When ``x`` is a writable float64 array, the nudge happens on ``x`` itself and is
    undone afterwards (also if ``f`` raises). That keeps the text's pattern for
    networks working: ``numerical_gradient(lambda w: net.loss(x, t), net.W)``, where
    ``f`` ignores its argument and sees the nudge through ``net.W``. Any other ``x``
    (integers, float32, lists, read-only arrays) is copied to float64 and ``f`` gets
    the copy, so ``np.array([3, 4])`` gives ``[6., 8.]`` and not the ``[25000, 35000]``
    of the original code. If ``f`` ignores that copy (the text's pattern with a
    float32 ``net.W``), the nudge is made on the caller's writable array instead and
    divided by the step the array could actually hold.

    Told, not silently wrong: a ``PrecisionWarning`` when ``h`` is lost next to a
    large ``x`` (``x + h == x``) or when ``f`` never changed; a ``TypeError`` when ``f``
    reads an array that cannot hold ``x + h`` (integers).
    """
    require_callable(f)
    h = positive_number(h, "h")
    work, writable = precision.working_array(x)
    start = time.perf_counter()
    f0 = _evaluate(f, work, "f(x)")
    precision.check_cost(f, work, time.perf_counter() - start)

    grad = np.zeros(work.shape, dtype=float)
    responded = False
    lost = None
    largest = abs(f0)  # the largest |f| seen: its rounding error limits the accuracy
    for idx in np.ndindex(work.shape):
        tmp_val = float(work[idx])
        if lost is None and not precision.step_is_exact(tmp_val, h):
            lost = tmp_val
        try:
            work[idx] = tmp_val + h
            fxh1 = _evaluate(f, work, "f(x + h)")
            work[idx] = tmp_val - h
            fxh2 = _evaluate(f, work, "f(x - h)")
        finally:
            work[idx] = tmp_val  # restore the value, whatever happened
        responded = responded or fxh1 != f0 or fxh2 != f0
        largest = max(largest, abs(fxh1), abs(fxh2))
        grad[idx] = (fxh1 - fxh2) / (2 * h)

    if not responded and writable and work is not x and work.size:
        # f ignored the copy: the text's pattern f = lambda w: net.loss(x, t), where f
        # reads the caller's array (here not float64). Nudge that array instead.
        return precision.gradient_in_place(f, x, h, f0)
    precision.report(grad, h, lost, responded, largest)
    return grad


def _grid(X: Any, Y: Any) -> tuple[np.ndarray, np.ndarray]:
    X = real_array(X, "X")
    Y = real_array(Y, "Y")
    if X.shape != Y.shape:
        raise ValueError(
            _(
                "X and Y must have the same shape, got {x_shape} and {y_shape}. "
                "Make them with X, Y = np.meshgrid(xs, ys)."
            ).format(x_shape=X.shape, y_shape=Y.shape)
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
    largest = np.zeros(X.shape)  # the largest |f| seen at each point
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
            largest = np.maximum(largest, np.maximum(np.abs(fxh1), np.abs(fxh2)))
    if not np.all(np.isfinite(grads)):
        raise NonFiniteValueError(
            _(
                "f returned NaN or infinity somewhere on the grid; choose a window inside "
                "the function's domain."
            )
        )
    _warn_field_precision(points, grads, largest, h)
    if not _agrees_with_loop(f, X, Y, grads, h):
        warnings.warn(
            _(
                "f gives different answers on a whole grid at once than on one point at a "
                "time (it mixes the grid points, e.g. with np.sum over the whole array), so "
                "the fast path would be wrong; gradient_field used the slower point-by-point "
                "loop. To get the fast path, write f element by element, like "
                "x[0]**2 + x[1]**2."
            ),
            PrecisionWarning,
            stacklevel=2,
        )
        return gradient_field_loop(f, X, Y, h)
    return grads[0], grads[1]


def _warn_field_precision(
    points: np.ndarray, grads: np.ndarray, largest: np.ndarray, h: float
) -> None:
    """The warnings ``numerical_gradient`` gives at one point, for the whole grid at once."""
    lost = precision.first_lost(points, h)
    if lost is not None:
        precision.warn_h_lost(lost, h, stacklevel=4)
        return
    if largest.size:
        entry = np.max(np.abs(grads), axis=0)
        worst = np.unravel_index(np.argmax(largest / np.maximum(entry, 1.0)), largest.shape)
        precision.warn_rounding(float(largest[worst]), h, float(entry[worst]), stacklevel=3)


def _agrees_with_loop(f, X: np.ndarray, Y: np.ndarray, grads: np.ndarray, h: float) -> bool:
    """Cheap check of the fast path: the first, middle and last grid points, one by one."""
    flat = sorted({0, X.size // 2, X.size - 1}) if X.size else []
    for i in flat:
        idx = np.unravel_index(i, X.shape)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PrecisionWarning)
            try:
                one = numerical_gradient(f, np.array([X[idx], Y[idx]]), h)
            except (TypeError, ValueError):
                return False
        fast = np.array([grads[0][idx], grads[1][idx]])
        if not np.allclose(fast, one, rtol=1e-6, atol=1e-8):
            return False
    return True


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
    x = real_number(x, "x", _(_SEVERAL))
    d = numerical_diff(f, x, h)
    y = _evaluate(f, x, "f(x)") - d * x
    return TangentLine(slope=d, intercept=y, x=x)


def numerical_hessian(
    grad: Callable[[np.ndarray], np.ndarray], x: Any, h: float = 1e-4
) -> np.ndarray:
    """The matrix of second derivatives, ``(n, n)``, by central differences of ``grad``.

    ``x`` is a vector ``(n,)`` (or a number); ``grad(x)`` must return real numbers of shape
    ``(n,)``. Column i is ``(grad(x + h·e_i) − grad(x − h·e_i)) / 2h``; the result is
    symmetrised. A ``PrecisionWarning`` says when h is lost next to x (far from the origin
    every difference of the gradient rounds to 0, and H with it).
    """
    require_callable(grad, "grad")
    h = positive_number(h, "h")
    x = real_array(x)
    if x.ndim > 1:
        raise ValueError(
            _("x must be a vector of shape (n,) for a Hessian, got shape {shape}.").format(
                shape=x.shape
            )
        )
    x = x.reshape(-1)
    n = x.size
    H = np.empty((n, n))
    with np.errstate(all="ignore"):
        for i in range(n):
            step = np.zeros(n)
            step[i] = h
            plus = gradient_value(grad(x + step), x.shape, "grad(x + h)")
            minus = gradient_value(grad(x - step), x.shape, "grad(x - h)")
            H[:, i] = (plus - minus) / (2 * h)
    if not np.all(np.isfinite(H)):
        raise NonFiniteValueError(
            _(
                "grad returned NaN or infinity next to x = {x}, so the Hessian is not "
                "defined there. Use a point inside the function's domain."
            ).format(x=np.array2string(x, precision=4))
        )
    lost = precision.first_lost(x, h)
    if lost is not None:
        precision.warn_h_lost(lost, h, stacklevel=3)
    return (H + H.T) / 2


def directional_derivative(
    f: Callable[[np.ndarray], float], x: Any, u: Any, h: float = 1e-4
) -> float:
    """The slope of ``f`` at ``x`` in the direction ``u``: ``D_u f(x) = d/dt f(x + t·u)`` at 0.

    ``u`` is scaled to length 1 first (only its direction matters; any finite size works),
    so the result is the rise of f per unit of distance walked along u. It is computed
    from its definition, a central difference along the line through ``x``:
    ``(f(x + h·u) − f(x − h·u)) / 2h``. For a smooth f it equals
    ``∇f(x) · u = |∇f| cos θ`` (θ the angle between ∇f and u): largest along ∇f,
    smallest along −∇f, zero along the contour. Warns like ``numerical_gradient`` when
    the answer is limited by floating point (h lost next to a large x, or rounding).
    """
    require_callable(f)
    h = positive_number(h, "h")
    x = real_array(x, "x")
    u = real_array(u, "u")
    if u.shape != x.shape:
        raise ValueError(
            _("u must have the shape of x, {x_shape}; got {u_shape}.").format(
                x_shape=x.shape, u_shape=u.shape
            )
        )
    u = unit_vector(u, "u")
    plus = _evaluate(f, x + h * u, "f(x + h·u)")
    minus = _evaluate(f, x - h * u, "f(x − h·u)")
    slope = (plus - minus) / (2 * h)
    lost = precision.first_lost(x, h * u)
    if lost is not None:
        precision.warn_h_lost(lost, h, stacklevel=3)
    else:
        precision.warn_rounding(max(abs(plus), abs(minus)), h, abs(slope), stacklevel=2)
    return slope


def signed_angle(u: Any, v: Any) -> float:
    """The angle from ``v`` to ``u`` in degrees, in (−180, 180], anticlockwise positive.

    With ``v = ∇f`` this is the θ of ``D_u f = |∇f| cos θ``: 0 along ∇f, ±180 against it,
    ±90 along the contour. Right for vectors of any finite size (each is scaled to length
    1 first). Raises ValueError if either vector is zero.
    """
    u, v = real_array(u, "u"), real_array(v, "v")
    if u.shape != (2,) or v.shape != (2,):
        raise ValueError(
            _("u and v must be 2-vectors, got shapes {u_shape} and {v_shape}.").format(
                u_shape=u.shape, v_shape=v.shape
            )
        )
    if not (np.any(u) and np.any(v)):
        raise ValueError(_("the zero vector has no direction, so no angle."))
    u, v = unit_vector(u, "u"), unit_vector(v, "v")
    cross, dot = v[0] * u[1] - v[1] * u[0], float(v @ u)
    angle = float(np.degrees(np.arctan2(cross, dot)))
    return 180.0 if angle == -180.0 else angle
