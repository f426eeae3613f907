"""Exercise checkers that explain what is wrong, not just that it is wrong.

Each checker returns a ``CheckResult``: it shows as a green tick or an orange
hint in the notebook, is truthy when the answer is right, and never raises for a
wrong answer (a student's attempt must not stop the notebook).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz.calculus import forward_diff, numerical_diff, numerical_gradient
from gradviz.descent import gradient_descent
from gradviz.functions import elongated_bowl, function_2
from gradviz.style import COLORS

__all__ = [
    "CheckResult",
    "accurate_step",
    "close",
    "descent_function",
    "difference_function",
    "diverging_rates",
    "fast_learning_rate",
    "gradient_at",
    "momentum_settings",
    "training_settings",
    "vector",
]


#: The largest hidden layer ``training_settings`` will train (more only takes longer).
MAX_HIDDEN = 1000


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one exercise: ``passed`` and a message in words."""

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return ("✓ Correct! " if self.passed else "✗ Not yet: ") + self.message

    def _repr_html_(self) -> str:
        colour = COLORS["green"] if self.passed else COLORS["vermillion"]
        head = "✓ Correct!" if self.passed else "✗ Not yet:"
        return (
            f'<div style="border-left:6px solid {colour};padding:4px 10px;font-size:1.1em">'
            f"<b>{head}</b> {html.escape(self.message)}</div>"
        )


def _ok(message: str) -> CheckResult:
    return CheckResult(True, message)


def _hint(message: str) -> CheckResult:
    return CheckResult(False, message)


def _is_blank(answer: Any) -> bool:
    return answer is None or answer is ...


def _blank(name: str) -> CheckResult:
    return _hint(f"{name}: still empty; replace the ... with your answer.")


def _as_array(answer: Any) -> np.ndarray | None:
    """``answer`` as a float array, or None for anything that is not real numbers.

    Checkers never raise: complex numbers, ints beyond float range (10**400) and
    ragged lists all come back as None, for a hint in words.
    """
    try:
        if np.iscomplexobj(answer):
            return None
        return np.asarray(answer, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None


def _as_number(answer: Any) -> float | None:
    arr = _as_array(answer)
    if arr is None or arr.size != 1:
        return None
    value = float(arr.reshape(()))
    return value if math.isfinite(value) else None


def close(name: str, answer: Any, expected: float, rtol: float = 1e-6) -> CheckResult:
    """Check that ``answer`` is the number ``expected`` to relative tolerance ``rtol``."""
    if _is_blank(answer):
        return _blank(name)
    value = _as_number(answer)
    if value is None:
        return _hint(f"{name} should be one finite number, got {answer!r}.")
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=rtol):
        return _ok(f"{name} = {value:.6g}.")
    if math.isclose(value, -expected, rel_tol=rtol, abs_tol=rtol):
        return _hint(f"{name} has the right size but the wrong sign.")
    return _hint(f"{name} = {value:.6g} is not right yet; look again at the formula.")


def difference_function(fn: Callable[..., Any] | None, kind: str = "central") -> CheckResult:
    """Check a student's ``fn(f, x, h)`` against the central (or forward) difference."""
    if fn is None or not callable(fn):
        return _hint("define the function first (replace the ... in its body).")
    reference = numerical_diff if kind == "central" else forward_diff
    other = forward_diff if kind == "central" else numerical_diff
    cases = [(np.sin, 1.0, 1e-3), (np.exp, 0.5, 1e-2), (lambda x: x**3, 2.0, 0.1)]
    for f, x, h in cases:
        try:
            got = _as_number(fn(f, x, h))
        except Exception as err:  # report the student's error in words
            return _hint(f"calling it with (f, {x}, {h}) raised {type(err).__name__}: {err}")
        want = reference(f, x, h)
        if got is None:
            return _hint("it should return one number (the slope).")
        if math.isclose(got, want, rel_tol=1e-9):
            continue
        if math.isclose(got, other(f, x, h), rel_tol=1e-9):
            return _hint(
                f"that is the {'forward' if kind == 'central' else 'central'} "
                f"difference; the {kind} one is asked for."
            )
        if math.isclose(got, 2 * want, rel_tol=1e-9) or math.isclose(got, want / 2, rel_tol=1e-9):
            return _hint("off by a factor of 2: check the width of the step you divide by.")
        try:
            yours = _as_number(fn(lambda t: t**3, 2.0, 0.1))
        except Exception as err:  # report the student's error in words
            yours = f"an error ({type(err).__name__}: {err})"
        return _hint(
            f"for f=x³ at x=2, h=0.1 the {kind} difference is "
            f"{reference(lambda t: t**3, 2.0, 0.1):.6g}, yours gives {yours}."
        )
    return _ok(f"your {kind} difference matches the reference on sin, exp and x³.")


def accurate_step(h: Any, f=np.sin, df=np.cos, x: float = 1.0, target: float = 1e-9) -> CheckResult:
    """Check that the central difference with step ``h`` is within ``target`` of f'(x)."""
    value = _as_number(h)
    if value is None or value <= 0:
        return _hint(f"h should be one positive number, got {h!r}.")
    error = abs(numerical_diff(f, x, value) - float(df(x)))
    if error < target:
        return _ok(f"with h = {value:.0e} the error is {error:.1e}, below {target:.0e}.")
    side = "too large (truncation error)" if value > 1e-5 else "too small (rounding error)"
    return _hint(f"with h = {value:.0e} the error is {error:.1e}; h is {side}.")


def fast_learning_rate(
    lr: Any, steps: int = 20, target: float = 1e-6, start=(-3.0, 4.0)
) -> CheckResult:
    """Check that plain descent on the bowl with rate ``lr`` gets below ``target`` in ``steps``."""
    value = _as_number(lr)
    if value is None or value <= 0:
        return _hint(f"the learning rate should be one positive number, got {lr!r}.")
    path = gradient_descent(function_2, np.array(start), lr=value, step_num=steps)
    reached = path.first_step_below(target)
    if reached is not None:
        return _ok(f"lr = {value:g} reaches f < {target:g} at step {reached}.")
    if path.diverged:
        return _hint(f"lr = {value:g} diverges (step {path.diverged_at}): try a smaller rate.")
    end = path.values[-1]
    if value >= 0.75:
        return _hint(
            f"after {steps} steps f = {end:.2g}: the path bounces across the bowl; "
            "try a smaller rate."
        )
    return _hint(f"after {steps} steps f = {end:.2g}: the steps are too small; try a larger rate.")


def diverging_rates(
    chosen: Any, candidates=(0.05, 0.09, 0.11, 0.2), kappa: float = 10.0
) -> CheckResult:
    """Check the set of learning rates predicted to diverge on ``x0² + kappa·x1²``."""
    if _is_blank(chosen):
        return _hint("fill in the set of rates you predict will diverge, e.g. {0.2}.")
    try:
        numbers = [_as_number(c) for c in chosen]
    except TypeError:  # not iterable
        numbers = [None]
    if None in numbers:
        return _hint(f"give a set of numbers taken from {list(candidates)}, got {chosen!r}.")
    chosen = set(numbers)
    surface = elongated_bowl(kappa)
    truth = {
        lr
        for lr in candidates
        if gradient_descent(surface.f, np.array(surface.start), lr=lr, step_num=100).diverged
    }
    if chosen == truth:
        return _ok(
            f"exactly {sorted(truth)} diverge: each step multiplies x1 by "
            f"(1 − 2·{kappa:g}·lr), which is below −1 once lr > {1 / kappa:g}."
        )
    missed, extra = sorted(truth - chosen), sorted(chosen - truth)
    parts = []
    if missed:
        parts.append(f"{missed} also diverge")
    if extra:
        parts.append(f"{extra} do not diverge")
    return _hint(
        "; ".join(parts) + ". Look at the steep direction x1: what does one step do to x1?"
    )


def descent_function(fn: Callable[..., Any] | None) -> CheckResult:
    """Check a student's ``fn(f, init_x, lr, step_num)``: right answer, input untouched."""
    if fn is None or not callable(fn):
        return _hint("define the function first (replace the ... in its body).")
    init_x = np.array([-3.0, 4.0])
    try:
        got = fn(function_2, init_x, 0.1, 100)
    except Exception as err:  # report the student's error in words
        return _hint(f"calling it raised {type(err).__name__}: {err}")
    if not np.array_equal(init_x, [-3.0, 4.0]):
        return _hint(
            "it changed the caller's init_x: copy it first, e.g. x = np.array(init_x, dtype=float)."
        )
    want = gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=100).x
    got = np.asarray(got, dtype=float) if got is not None else None
    if got is None or got.shape != want.shape:
        return _hint("it should return the final point, an array of shape (2,).")
    if np.allclose(got, want, rtol=1e-6, atol=1e-15):
        return _ok(f"it returns {np.array2string(got, precision=4)} and leaves init_x alone.")
    return _hint(
        f"it returns {np.array2string(got, precision=4)}, expected about "
        f"{np.array2string(want, precision=4)}: check the sign of the update."
    )


def vector(name: str, answer: Any, expected: Any, rtol: float = 1e-4) -> CheckResult:
    """Check a vector answer entry by entry; spots swapped entries and flipped signs."""
    expected = np.asarray(expected, dtype=float)
    if _is_blank(answer):
        return _blank(name)
    got = _as_array(answer)
    if got is None:
        return _hint(f"{name} should be a list or array of real numbers, got {answer!r}.")
    if got.shape != expected.shape:
        return _hint(f"{name} should have shape {expected.shape}, got shape {got.shape}.")
    if not np.all(np.isfinite(got)):
        return _hint(f"{name} contains NaN or infinity.")
    atol = rtol * max(1.0, float(np.abs(expected).max()))
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return _ok(f"{name} = {np.array2string(got, precision=4)}.")
    if np.allclose(got, -expected, rtol=rtol, atol=atol):
        return _hint(f"{name} points the opposite way: check the sign.")
    if got.size == 2 and np.allclose(got[::-1], expected, rtol=rtol, atol=atol):
        return _hint(f"{name} has its two entries swapped: x0 comes first.")
    wrong = [
        i
        for i in range(got.size)
        if not np.isclose(got.flat[i], expected.flat[i], rtol=rtol, atol=atol)
    ]
    return _hint(f"{name}: entry {wrong[0]} is {got.flat[wrong[0]]:.6g}, which is not right yet.")


def gradient_at(
    answer: Any, f: Callable[[np.ndarray], float], point: Any, name: str = "the gradient"
) -> CheckResult:
    """Check a gradient computed by hand or code against ``numerical_gradient(f, point)``."""
    return vector(name, answer, numerical_gradient(f, np.array(point, dtype=float)))


def training_settings(lr: Any, hidden: Any, steps: int = 500, target: float = 0.95) -> CheckResult:
    """Check that a two-layer net with these settings classifies the spirals well enough."""
    from gradviz.nn import TwoLayerNet, make_spirals, train

    rate, units = _as_number(lr), _as_number(hidden)
    if rate is None or rate <= 0:
        return _hint(f"the learning rate should be one positive number, got {lr!r}.")
    if units is None or units < 1 or units != int(units) or units > MAX_HIDDEN:
        return _hint(
            f"the hidden size should be a whole number from 1 to {MAX_HIDDEN}, got {hidden!r}."
        )
    X, t = make_spirals(100, classes=3, seed=0)
    history = train(TwoLayerNet(2, int(units), 3, seed=0), X, t, lr=rate, steps=steps, seed=0)
    accuracy = history.accuracy[-1]
    if accuracy >= target:
        return _ok(f"lr = {rate:g}, {int(units)} hidden units: {accuracy:.1%} after {steps} steps.")
    if not np.isfinite(history.loss[-1]) or history.loss[-1] > history.loss[0]:
        return _hint(
            f"the loss grew ({history.loss[0]:.2f} → {history.loss[-1]:.2f}): "
            "the learning rate is too large."
        )
    return _hint(
        f"{accuracy:.1%} after {steps} steps; aim for {target:.0%}. Try more hidden "
        "units or a larger learning rate."
    )


def momentum_settings(lr: Any, beta: Any, steps: int = 400, tolerance: float = 0.01) -> CheckResult:
    """Check that Momentum(lr, β) gets within ``tolerance`` of Rosenbrock's minimum (1, 1)."""
    from gradviz.functions import rosenbrock
    from gradviz.optimizers import Momentum, minimize

    rate, b = _as_number(lr), _as_number(beta)
    if rate is None or rate <= 0:
        return _hint(f"the learning rate should be one positive number, got {lr!r}.")
    if b is None or not 0 <= b < 1:
        return _hint(f"β should be a number from 0 up to (not including) 1, got {beta!r}.")
    path = minimize(rosenbrock.f, rosenbrock.start, Momentum(rate, b), steps, grad=rosenbrock.grad)
    distance = np.linalg.norm(path.points - rosenbrock.minima[0], axis=1)
    inside = np.nonzero(distance < tolerance)[0]
    if inside.size:
        return _ok(
            f"lr = {rate:g}, β = {b:g} reaches the minimum (within {tolerance:g}) "
            f"at step {inside[0]}."
        )
    if path.diverged:
        return _hint(
            f"diverged at step {path.diverged_at}: the valley walls are steep, so the "
            "learning rate must be small (around 0.001)."
        )
    return _hint(
        f"after {steps} steps it is still {distance[-1]:.3g} away from (1, 1): "
        "more momentum (β close to 1) carries the ball along the flat valley floor."
    )
