"""Exercise checkers that explain what is wrong, not just that it is wrong.

Each checker returns a ``CheckResult``: it shows as a green tick or an orange
hint in the notebook, is truthy when the answer is right, and never raises for a
wrong answer (a student's attempt must not stop the notebook).

Answers are hidden from students: an exercise cell calls a checker with the student's
answer only (``gv.check.gradient_of_bowl(grad)``), the expected answer is computed
here from the exercise's definition, and a wrong try gets a hint, never the answer.
Checkers of notebook exercises are registered with ``@exercise(answer=...)``: the
registry ``EXERCISES`` maps each name to its checker, and ``checker.answer()`` gives
the expected answer (``None`` when the exercise has no single one, e.g. "write a
function"), so tests can run every solution and search stored outputs for leaks.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz.calculus import (
    directional_derivative,
    forward_diff,
    numerical_diff,
    numerical_gradient,
)
from gradviz.descent import gradient_descent
from gradviz.functions import elongated_bowl, function_2
from gradviz.style import COLORS

__all__ = [
    "EXERCISES",
    "CheckResult",
    "accurate_step",
    "b2_gradient",
    "best_learning_rate",
    "class1_gradient",
    "close",
    "cube_slope",
    "descent_function",
    "difference_function",
    "diverging_rates",
    "exercise",
    "fast_learning_rate",
    "gradient_at",
    "gradient_of_bowl",
    "loss_after_updates",
    "momentum_settings",
    "negative_column",
    "partials_by_hand",
    "partials_of_bowl",
    "slope_along_diagonal",
    "steepest_descent_direction",
    "training_settings",
    "two_minima_end",
    "valley_angle",
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


EXERCISES: dict[str, Callable[..., CheckResult]] = {}
"""Every checker of a notebook exercise, by name (filled by ``@exercise``)."""


def exercise(answer: Callable[[], Any] | None = None, searchable: bool = True):
    """Register a checker as a notebook exercise; ``answer`` computes its expected answer.

    ``searchable=False`` marks an answer that a notebook may show for other reasons: one of
    many right answers (any rate in a range), or a choice among 0, 1, 2. Tests then run its
    solution but do not search the notebook's outputs for it.

    The decorated checker gains ``checker.answer()``: the expected answer, computed from
    the exercise's definition (``None`` if the exercise has no single answer). Notebooks
    never call it; tests do, to run every solution and to search outputs for leaks.
    """

    def register(checker: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        checker.answer = answer if answer is not None else (lambda: None)
        checker.searchable = searchable
        EXERCISES[checker.__name__] = checker
        return checker

    return register


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


@exercise()
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
            f"for f = x³ at x = 2, h = 0.1 yours gives {yours}; "
            f"work out the {kind} difference of x³ there by hand and compare."
        )
    return _ok(f"your {kind} difference matches the reference on sin, exp and x³.")


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
        return _hint(f"h should be one positive number, got {h!r}.")
    try:
        error = abs(numerical_diff(f, x, value) - float(df(x)))
    except (ArithmeticError, ValueError) as err:  # e.g. e^(3 + h) overflows for a huge h
        return _hint(f"with h = {value:.2g} the difference cannot be computed ({err}).")
    if error < target:
        return _ok(f"with h = {value:.2g} the error is {error:.1e}, below {target:.0e}.")
    side = "too large (truncation error)" if value > 1e-5 else "too small (rounding error)"
    return _hint(f"with h = {value:.2g} the error is {error:.1e}; h is {side}.")


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
        return _hint("fill in the set of rates you predict will diverge, written like {1.0, 2.0}.")
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
    # Say how the set is wrong, never which rates would fix it: that is the answer.
    missed, extra = truth - chosen, chosen - truth
    parts = []
    if missed:
        parts.append("at least one rate that diverges is missing")
    if extra:
        parts.append("your set includes a rate that does not diverge")
    return _hint(
        "; ".join(parts) + ". For each rate, work out the factor (1 − 20·lr) that one step "
        "multiplies x1 by: when does its size exceed 1?"
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
            "it changed the caller's init_x: work on a copy of it (the going-deeper part after "
            "the book's function says why x = init_x is not a copy)."
        )
    want = gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=100).x
    got = np.asarray(got, dtype=float) if got is not None else None
    if got is None or got.shape != want.shape:
        return _hint("it should return the final point, an array of shape (2,).")
    if np.allclose(got, want, rtol=1e-6, atol=1e-15):
        return _ok(f"it returns {np.array2string(got, precision=4)} and leaves init_x alone.")
    return _hint(
        f"it returns {np.array2string(got, precision=4)}, which is not the bowl's minimum "
        "after 100 steps: check the sign of the update and the number of steps."
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


# --- notebooks 00-03 ----------------------------------------------------------------
# One checker per exercise; each computes its expected answer from the exercise's
# definition (the function and the point), so the notebooks hold no expected values.


def _cube(x):
    return x**3


_CUBE_AT = 2.0  # 01, exercise 3: the slope of x³ at x = 2


@exercise(answer=lambda: 3 * _CUBE_AT**2)
def cube_slope(slope: Any) -> CheckResult:
    """01, exercise 3: the slope of ``g(x) = x³`` at ``x = 2``, computed with ``numerical_diff``."""
    value = _as_number(slope)
    if not _is_blank(slope) and value is not None:
        if math.isclose(value, _cube(_CUBE_AT), rel_tol=1e-9):
            return _hint("that is the height g(2), not the slope: differentiate g at 2.")
        if math.isclose(value, forward_diff(_cube, _CUBE_AT), rel_tol=1e-9):
            return _hint("that is the forward difference; use the central one, gv.numerical_diff.")
    return close("the slope of x³ at 2", slope, cube_slope.answer())


# 02, exercise 1; outside the slice explorer's sliders (±4.5), whose status line would print it.
_BOWL_PARTIALS_AT = (-5.0, 6.0)


@exercise(answer=lambda: numerical_gradient(function_2, np.array(_BOWL_PARTIALS_AT)))
def partials_of_bowl(partials: Any) -> CheckResult:
    """02, exercise 1: ``[∂f/∂x0, ∂f/∂x1]`` of ``function_2`` at (-5, 6), the book's way."""
    return vector("the partial derivatives", partials, partials_of_bowl.answer())


def _x0_squared_x1(x):
    return x[0] ** 2 * x[1]


_BY_HAND_AT = (2.0, 3.0)  # 02, exercise 2: g(x0, x1) = x0²·x1 at (2, 3)


@exercise(answer=lambda: numerical_gradient(_x0_squared_x1, np.array(_BY_HAND_AT)))
def partials_by_hand(by_hand: Any) -> CheckResult:
    """02, exercise 2: ``[∂g/∂x0, ∂g/∂x1]`` of ``g = x0²·x1`` at (2, 3), worked out by hand."""
    result = vector("your partial derivatives", by_hand, partials_by_hand.answer())
    if result or _is_blank(by_hand):
        return result
    return _hint(
        result.message + " Hold the other variable fixed, as a constant: for ∂g/∂x0, x1 is a "
        "number like 5, and 5·x0² has slope 10·x0."
    )


# 03, exercise 1; outside the explorers' sliders (±4.5), whose status lines would print it.
_BOWL_GRADIENT_AT = (-6.0, 2.5)


@exercise(answer=lambda: numerical_gradient(function_2, np.array(_BOWL_GRADIENT_AT)))
def gradient_of_bowl(grad: Any) -> CheckResult:
    """03, exercise 1: ``∇f`` of ``function_2`` at (-6, 2.5) with ``numerical_gradient``."""
    return vector("the gradient", grad, gradient_of_bowl.answer())


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
        return _blank("the direction")
    try:
        got = np.asarray(direction, dtype=float)
    except (TypeError, ValueError):
        return _hint(f"the direction should be a list or array of two numbers, got {direction!r}.")
    if got.shape != want.shape or not np.all(np.isfinite(got)):
        return _hint("the direction should be two finite numbers, [d0, d1].")
    length = float(np.linalg.norm(got))
    if length == 0:
        return _hint("the zero vector has no direction.")
    cosine = float(got @ want) / length
    if cosine > 1 - 1e-6 and not math.isclose(length, 1.0, rel_tol=1e-4):
        return _hint(f"right direction, but its length is {length:.4g}: divide by the length.")
    if cosine < -1 + 1e-6:
        return _hint("that direction goes uphill, the fastest way up: which way is down?")
    return vector("the direction", got, want)


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
            return _hint("that is the angle in radians; convert it with np.degrees.")
        if math.isclose(value, 180 - want, rel_tol=1e-3):
            return _hint("that is the angle to +∇f, the uphill direction; use −∇f.")
    return close("the angle", angle, want, rtol=1e-3)


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
            return _hint("u = (1, 1) has length √2, not 1: divide u by its length first.")
        if math.isclose(value, float(np.linalg.norm(g)), rel_tol=1e-6):
            return _hint("that is |∇f|, the slope along ∇f itself; u points elsewhere.")
    return close("the slope along u", slope, want, rtol=1e-4)


def training_settings(lr: Any, hidden: Any, steps: int = 500, target: float = 0.95) -> CheckResult:
    """Check that a two-layer net with these settings classifies the spirals well enough."""
    from gradviz.nn import TwoLayerNet, make_spirals, train

    if _is_blank(lr) or _is_blank(hidden):
        return _blank("the learning rate and the hidden size")
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
        f"{accuracy:.1%} after {steps} steps; aim for {target:.0%}. Ask the explorer: "
        "which setting changes the shapes the regions can take, and which the speed?"
    )


def momentum_settings(lr: Any, beta: Any, steps: int = 400, tolerance: float = 0.01) -> CheckResult:
    """Check that Momentum(lr, β) gets within ``tolerance`` of Rosenbrock's minimum (1, 1)."""
    from gradviz.functions import rosenbrock
    from gradviz.optimizers import Momentum, minimize

    if _is_blank(lr) or _is_blank(beta):
        return _blank("the learning rate and β")
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
            "learning rate must be small."
        )
    return _hint(
        f"after {steps} steps it is still {distance[-1]:.3g} away from (1, 1). Ask what the "
        "steep walls allow for the learning rate, and what the long, flat valley floor needs "
        "from β."
    )


# --- notebooks 04-07 ----------------------------------------------------------------
# Each checker below computes its expected answer from the exercise's definition and
# exposes it to the tests as ``checker.answer()``; the notebooks never show it.

#: The weights the book prints for its simpleNet, and its input (notebook 05).
BOOK_W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
BOOK_X = np.array([0.6, 0.9])


#: Exercise 1's second example: another input, whose right answer is class 1.
EXAMPLE_X = np.array([1.0, 0.5])
EXAMPLE_T = np.array([0, 1, 0])


def _book_net_gradient(x: Any, t: Any) -> np.ndarray:
    from gradviz.nn import SimpleNet

    net = SimpleNet(W=BOOK_W)
    return numerical_gradient(lambda _w: net.loss(x, t), net.W)


def _matrix(name: str, answer: Any, expected: np.ndarray, hint: str) -> CheckResult:
    """Like ``vector`` for any shape, but a wrong entry gets a hint, never its value."""
    if _is_blank(answer):
        return _blank(name)
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _hint(f"{name} should be an array of numbers, got {answer!r}.")
    if got.shape != expected.shape:
        return _hint(f"{name} should have the shape of W, {expected.shape}, got {got.shape}.")
    if np.allclose(got, expected, rtol=1e-4, atol=1e-6):
        return _ok(f"{name} matches, entry by entry.")
    if np.allclose(got, -expected, rtol=1e-4, atol=1e-6):
        return _hint(f"{name} points the opposite way: check the sign.")
    return _hint(f"{name} is not right yet: {hint}")


def class1_gradient(dW1: Any) -> CheckResult:
    """Notebook 05: ∂L/∂W at the book's W for the input [1.0, 0.5] of class 1."""
    return _matrix(
        "dW for class 1",
        dW1,
        class1_gradient.answer(),
        "use the book's pattern of section 3 with the new network net1, input x1 and labels t1.",
    )


class1_gradient.answer = lambda: _book_net_gradient(EXAMPLE_X, EXAMPLE_T)


def negative_column(answer: Any) -> CheckResult:
    """Notebook 05: the index of the one negative column of dW when t = [0, 1, 0]."""
    value = _as_number(answer)
    if _is_blank(answer):
        return _blank("the negative column")
    if value is None or value not in (0, 1, 2):
        return _hint(f"give a column index, 0, 1 or 2; got {answer!r}.")
    if value == negative_column.answer():
        return _ok(f"column {int(value)}: raising its weights raises the right class's score.")
    return _hint(
        f"raising the weights of column {int(value)} raises the score of class {int(value)}. "
        "Is that the class whose probability should go up?"
    )


negative_column.answer = lambda: int(np.argmin(_book_net_gradient(BOOK_X, EXAMPLE_T)[0]))


def loss_after_updates(answer: Any, updates: int = 3, lr: float = 1.0) -> CheckResult:
    """Notebook 05: the loss of the book's simpleNet after ``updates`` steps of rate ``lr``."""
    if _is_blank(answer):
        return _blank("the loss after three updates")
    value = _as_number(answer)
    if value is None:
        return _hint(f"the loss should be one number, got {answer!r}.")
    expected = loss_after_updates.answer(updates, lr)
    if math.isclose(value, expected, rel_tol=1e-6):
        return _ok(f"after {updates} updates with η = {lr:g} the loss is {value:.6g}.")
    from gradviz.nn import SimpleNet

    first = SimpleNet(W=BOOK_W).loss(BOOK_X, np.array([0, 0, 1]))
    if math.isclose(value, first, rel_tol=1e-6):
        return _hint("that is the loss before any update: did the updates change net3.W?")
    if value > first:
        return _hint("the loss went up: subtract η·dW from W, do not add it.")
    return _hint(
        f"{value:.6g} is not it: recompute dW at the new W before each of the "
        f"{updates} updates, and use η = {lr:g}."
    )


def _loss_after_updates(updates: int = 3, lr: float = 1.0) -> float:
    from gradviz.nn import SimpleNet

    net, t = SimpleNet(W=BOOK_W), np.array([0, 0, 1])
    for _ in range(updates):
        net.W -= lr * numerical_gradient(lambda _w: net.loss(BOOK_X, t), net.W)
    return float(net.loss(BOOK_X, t))


loss_after_updates.answer = _loss_after_updates


def b2_gradient(db2: Any) -> CheckResult:
    """Notebook 06: ∂L/∂b2 of ``TwoLayerNet(2, 8, 3, seed=2)`` on the first 10 spiral points."""
    return _matrix(
        "the gradient for b2",
        db2,
        b2_gradient.answer(),
        "nudge the network's own array net2.params['b2'] (not a copy), with a loss on xb and tb.",
    )


def _b2_gradient() -> np.ndarray:
    from gradviz.nn import TwoLayerNet, make_spirals

    X, t = make_spirals(100, classes=3, seed=0)
    return TwoLayerNet(2, 8, 3, seed=2).gradient(X[:10], t[:10])["b2"]


b2_gradient.answer = _b2_gradient


def _contraction(lr: float, kappa: float) -> tuple[float, float]:
    """What one step of plain descent on x0² + κ·x1² multiplies x0 and x1 by."""
    return 1 - 2 * lr, 1 - 2 * kappa * lr


def best_learning_rate(answer: Any, kappa: float = 25.0) -> CheckResult:
    """Notebook 07: the constant rate that makes plain descent on x0² + κ·x1² fastest."""
    if _is_blank(answer):
        return _blank("the best learning rate")
    value = _as_number(answer)
    if value is None or value <= 0:
        return _hint(f"the learning rate should be one positive number, got {answer!r}.")
    expected = best_learning_rate.answer(kappa)
    if math.isclose(value, expected, rel_tol=1e-3):
        return _ok(f"η = {value:.4g}: the factors for x0 and x1 have the same size.")
    a, b = _contraction(value, kappa)
    if abs(b) >= 1:
        return _hint(
            f"with η = {value:.4g} one step multiplies x1 by {b:.3g}: it never shrinks. "
            "Try a smaller rate."
        )
    slower = "x0 (the flat direction)" if abs(a) > abs(b) else "x1 (the steep direction)"
    return _hint(
        f"with η = {value:.4g} one step multiplies x0 by {a:.3g} and x1 by {b:.3g}; the "
        f"slower one, {slower}, sets the pace. Move η until the two factors have the "
        "same size."
    )


def _best_learning_rate(kappa: float = 25.0) -> float:
    # The slower coordinate sets the pace: minimise max(|1 − 2η|, |1 − 2κη|). The first
    # falls and the second rises for η between 1/(2κ) and 1/2, so the best η is where
    # 1 − 2η = 2κη − 1.
    return 1.0 / (1.0 + kappa)


best_learning_rate.answer = _best_learning_rate


def two_minima_end(answer: Any, start=(-0.3, 1.2), lr: float = 0.095, steps: int = 200):
    """Notebook 07: the x0 at which plain SGD ends on the two-minima surface."""
    if _is_blank(answer):
        return _blank("where SGD ends")
    value = _as_number(answer)
    if value is None:
        return _hint(f"give one number, the x0 where it ends; got {answer!r}.")
    expected = two_minima_end.answer(start, lr, steps)
    if math.isclose(value, expected, rel_tol=1e-2, abs_tol=1e-2):
        return _ok(f"it ends at x0 ≈ {value:.3g}.")
    from gradviz.functions import two_minima

    if any(abs(value - m[0]) < 2e-2 for m in two_minima.minima):
        return _hint("that is the other minimum: on which side of the pass does it start?")
    return _hint(
        f"x0 = {value:.3g} is not where it settles: it stops at a minimum, so look at where "
        "the minima are and on which side of the pass the start lies."
    )


def _two_minima_end(start=(-0.3, 1.2), lr: float = 0.095, steps: int = 200) -> float:
    from gradviz.functions import two_minima
    from gradviz.optimizers import SGD, minimize

    return float(minimize(two_minima.f, start, SGD(lr), steps, grad=two_minima.grad).x[0])


two_minima_end.answer = _two_minima_end

# Exercises with many right answers: ``answer()`` gives one that passes.
fast_learning_rate.answer = lambda: 0.3
diverging_rates.answer = lambda: {
    lr
    for lr in (0.05, 0.09, 0.11, 0.2)
    if gradient_descent(
        elongated_bowl(10).f, np.array(elongated_bowl(10).start), lr=lr, step_num=100
    ).diverged
}
descent_function.answer = lambda: gradient_descent(function_2, [-3.0, 4.0], 0.1, 100).x
training_settings.answer = lambda: (1.0, 32)
momentum_settings.answer = lambda: (0.002, 0.95)

# Register every 04-07 checker as a notebook exercise, with the answer set above.
for _checker in (class1_gradient, loss_after_updates, b2_gradient, best_learning_rate):
    exercise(answer=_checker.answer)(_checker)
for _checker in (two_minima_end, diverging_rates):
    exercise(answer=_checker.answer)(_checker)
for _checker in (negative_column, fast_learning_rate, descent_function):
    exercise(answer=_checker.answer, searchable=False)(_checker)
for _checker in (training_settings, momentum_settings):
    exercise(answer=_checker.answer, searchable=False)(_checker)
