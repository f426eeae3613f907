"""Checkers of the gradient-descent exercises of notebooks 04, 07 and 08.

Learning rates that converge, diverge or are fastest, a student's descent function,
Momentum on Rosenbrock's valley, and where SGD ends on the two-minima surface. Each
checker's expected answer is set here as ``checker.answer`` (at the end of the file for
exercises with many right answers); the package's ``__init__`` registers them as exercises.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from gradviz.check.base import (
    CheckResult,
    _as_array,
    _as_number,
    _blank,
    _hint,
    _is_blank,
    _learning_rate,
    _ok,
)
from gradviz.descent import gradient_descent
from gradviz.functions import elongated_bowl, function_2
from gradviz.i18n import N_, _


def fast_learning_rate(
    lr: Any, steps: int = 20, target: float = 1e-6, start=(-3.0, 4.0)
) -> CheckResult:
    """Check that plain descent on the bowl with rate ``lr`` gets below ``target`` in ``steps``."""
    value = _learning_rate(lr)
    if isinstance(value, CheckResult):
        return value
    path = gradient_descent(function_2, np.array(start), lr=value, step_num=steps)
    reached = path.first_step_below(target)
    if reached is not None:
        return _ok(
            _("lr = {lr:g} reaches f < {target:g} at step {step}.").format(
                lr=value, target=target, step=reached
            )
        )
    if path.diverged:
        return _hint(
            _("lr = {lr:g} diverges (step {step}): try a smaller rate.").format(
                lr=value, step=path.diverged_at
            )
        )
    end = path.values[-1]
    if value >= 0.75:
        return _hint(
            _(
                "after {steps} steps f = {value:.2g}: the path bounces across the bowl; "
                "try a smaller rate."
            ).format(steps=steps, value=end)
        )
    return _hint(
        _(
            "after {steps} steps f = {value:.2g}: the steps are too small; try a larger rate."
        ).format(steps=steps, value=end)
    )


def diverging_rates(
    chosen: Any, candidates=(0.05, 0.09, 0.11, 0.2), kappa: float = 10.0
) -> CheckResult:
    """Check the set of learning rates predicted to diverge on ``x0² + kappa·x1²``."""
    if _is_blank(chosen):
        return _hint(
            _("fill in the set of rates you predict will diverge, written like {example}.").format(
                example="{1.0, 2.0}"
            )
        )
    try:  # read no more than the candidates and one more: chosen may never end
        numbers = [_as_number(c) for c in itertools.islice(chosen, len(candidates) + 1)]
    except TypeError:  # not iterable
        numbers = [None]
    if isinstance(chosen, (str, bytes)) or len(numbers) > len(candidates):
        numbers = [None]
    if None in numbers:
        return _hint(
            _("give a set of numbers taken from {candidates}, got {answer!r}.").format(
                candidates=list(candidates), answer=chosen
            )
        )
    chosen = set(numbers)
    surface = elongated_bowl(kappa)
    truth = {
        lr
        for lr in candidates
        if gradient_descent(surface.f, np.array(surface.start), lr=lr, step_num=100).diverged
    }
    if chosen == truth:
        return _ok(
            _(
                "exactly {rates} diverge: each step multiplies x1 by "
                "(1 − 2·{kappa:g}·lr), which is below −1 once lr > {limit:g}."
            ).format(rates=sorted(truth), kappa=kappa, limit=1 / kappa)
        )
    # Say how the set is wrong, never which rates would fix it: that is the answer.
    missed, extra = truth - chosen, chosen - truth
    if missed and extra:
        problem = _(
            "at least one rate that diverges is missing; "
            "your set includes a rate that does not diverge"
        )
    elif missed:
        problem = _("at least one rate that diverges is missing")
    else:
        problem = _("your set includes a rate that does not diverge")
    return _hint(
        _(
            "{problem}. For each rate, work out the factor (1 − 20·lr) that one step "
            "multiplies x1 by: when does its size exceed 1?"
        ).format(problem=problem)
    )


def _short(value: Any) -> str:
    """A student's value as shown in a hint: its repr, cut to one line."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def descent_function(fn: Callable[..., Any] | None) -> CheckResult:
    """Check a student's ``fn(f, init_x, lr, step_num)``: right answer, input untouched."""
    if fn is None or not callable(fn):
        return _hint(_("define the function first (replace the ... in its body)."))
    init_x = np.array([-3.0, 4.0])
    try:
        got = returned = fn(function_2, init_x, 0.1, 100)
    except Exception as err:  # report the student's error in words
        return _hint(
            _("calling it raised {error_type}: {error}").format(
                error_type=type(err).__name__, error=err
            )
        )
    if not np.array_equal(init_x, [-3.0, 4.0]):
        return _hint(
            _(
                "it changed the caller's init_x: work on a copy of it (the going-deeper part after "
                "the book's function says why x = init_x is not a copy)."
            )
        )
    want = gradient_descent(function_2, [-3.0, 4.0], lr=0.1, step_num=100).x
    got = _as_array(got)  # None for text, complex numbers, dicts, generators, ragged lists
    if returned is None:  # the exercise's stub: what to return, without echoing None
        return _hint(_("it should return the final point, an array of shape (2,)."))
    if got is None or got.shape != want.shape or not np.all(np.isfinite(got)):
        return _hint(
            _(
                "it should return the final point, an array of two real numbers "
                "(shape (2,)), but it returned {value}."
            ).format(value=_short(returned))
        )
    if np.allclose(got, want, rtol=1e-6, atol=1e-15):
        return _ok(
            _("it returns {point} and leaves init_x alone.").format(
                point=np.array2string(got, precision=4)
            )
        )
    return _hint(
        _(
            "it returns {point}, which is not the bowl's minimum "
            "after 100 steps: check the sign of the update and the number of steps."
        ).format(point=np.array2string(got, precision=4))
    )


def momentum_settings(lr: Any, beta: Any, steps: int = 400, tolerance: float = 0.01) -> CheckResult:
    """Check that Momentum(lr, β) gets within ``tolerance`` of Rosenbrock's minimum (1, 1)."""
    from gradviz.functions import rosenbrock
    from gradviz.optimizers import Momentum, minimize

    if _is_blank(lr) or _is_blank(beta):
        return _blank(N_("the learning rate and β"))
    rate = _learning_rate(lr)
    if isinstance(rate, CheckResult):
        return rate
    b = _as_number(beta)
    if b is None or not 0 <= b < 1:
        return _hint(
            _("β should be a number from 0 up to (not including) 1, got {beta!r}.").format(
                beta=beta
            )
        )
    path = minimize(rosenbrock.f, rosenbrock.start, Momentum(rate, b), steps, grad=rosenbrock.grad)
    distance = np.linalg.norm(path.points - rosenbrock.minima[0], axis=1)
    inside = np.nonzero(distance < tolerance)[0]
    if inside.size:
        return _ok(
            _(
                "lr = {lr:g}, β = {beta:g} reaches the minimum (within {tolerance:g}) "
                "at step {step}."
            ).format(lr=rate, beta=b, tolerance=tolerance, step=inside[0])
        )
    if path.diverged:
        return _hint(
            _(
                "diverged at step {step}: the valley walls are steep, so the "
                "learning rate must be small."
            ).format(step=path.diverged_at)
        )
    return _hint(
        _(
            "after {steps} steps it is still {distance:.3g} away from (1, 1). Ask what the "
            "steep walls allow for the learning rate, and what the long, flat valley floor needs "
            "from β."
        ).format(steps=steps, distance=distance[-1])
    )


def _contraction(lr: float, kappa: float) -> tuple[float, float]:
    """What one step of plain descent on x0² + κ·x1² multiplies x0 and x1 by."""
    return 1 - 2 * lr, 1 - 2 * kappa * lr


def best_learning_rate(answer: Any, kappa: float = 25.0) -> CheckResult:
    """Notebook 07: the constant rate that makes plain descent on x0² + κ·x1² fastest."""
    if _is_blank(answer):
        return _blank(N_("the best learning rate"))
    value = _learning_rate(answer)
    if isinstance(value, CheckResult):
        return value
    expected = best_learning_rate.answer(kappa)
    if math.isclose(value, expected, rel_tol=1e-3):
        return _ok(
            _("η = {eta:.4g}: the factors for x0 and x1 have the same size.").format(eta=value)
        )
    a, b = _contraction(value, kappa)
    if abs(b) >= 1:
        return _hint(
            _(
                "with η = {eta:.4g} one step multiplies x1 by {factor:.3g}: it never shrinks. "
                "Try a smaller rate."
            ).format(eta=value, factor=b)
        )
    if abs(a) > abs(b):
        message = _(
            "with η = {eta:.4g} one step multiplies x0 by {factor0:.3g} and x1 by {factor1:.3g}; "
            "the slower one, x0 (the flat direction), sets the pace. Move η until the two "
            "factors have the same size."
        )
    else:
        message = _(
            "with η = {eta:.4g} one step multiplies x0 by {factor0:.3g} and x1 by {factor1:.3g}; "
            "the slower one, x1 (the steep direction), sets the pace. Move η until the two "
            "factors have the same size."
        )
    return _hint(message.format(eta=value, factor0=a, factor1=b))


def _best_learning_rate(kappa: float = 25.0) -> float:
    # The slower coordinate sets the pace: minimise max(|1 − 2η|, |1 − 2κη|). The first
    # falls and the second rises for η between 1/(2κ) and 1/2, so the best η is where
    # 1 − 2η = 2κη − 1.
    return 1.0 / (1.0 + kappa)


best_learning_rate.answer = _best_learning_rate


def two_minima_end(answer: Any, start=(-0.3, 1.2), lr: float = 0.095, steps: int = 200):
    """Notebook 08: the x0 at which plain SGD ends on the two-minima surface."""
    if _is_blank(answer):
        return _blank(N_("where SGD ends"))
    value = _as_number(answer)
    if value is None:
        return _hint(
            _("give one number, the x0 where it ends; got {answer!r}.").format(answer=answer)
        )
    expected = two_minima_end.answer(start, lr, steps)
    if math.isclose(value, expected, rel_tol=1e-2, abs_tol=1e-2):
        return _ok(_("it ends at x0 ≈ {value:.3g}.").format(value=value))
    from gradviz.functions import two_minima

    if any(abs(value - m[0]) < 2e-2 for m in two_minima.minima):
        return _hint(_("that is the other minimum: on which side of the pass does it start?"))
    return _hint(
        _(
            "x0 = {value:.3g} is not where it settles: it stops at a minimum, so look at where "
            "the minima are and on which side of the pass the start lies."
        ).format(value=value)
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
momentum_settings.answer = lambda: (0.002, 0.95)


#: Exercise 2 of notebook 07: the curvatures of 3·x0² + 5·x1² + 30·x2².
THREE_CURVATURES = (6.0, 10.0, 60.0)


def best_rate_three_curvatures(answer: Any) -> CheckResult:
    """Notebook 07: the best constant rate of plain descent on 3·x0² + 5·x1² + 30·x2²."""
    if _is_blank(answer):
        return _blank(N_("the best learning rate"))
    value = _learning_rate(answer)
    if isinstance(value, CheckResult):
        return value
    if math.isclose(value, best_rate_three_curvatures.answer(), rel_tol=1e-3):
        return _ok(
            _(
                "η = {eta:.4g}: the flattest and the steepest factors have the same size, and "
                "the middle one is smaller."
            ).format(eta=value)
        )
    factors = [1 - lam * value for lam in THREE_CURVATURES]
    shown = ", ".join(f"{f:.3g}" for f in factors)
    slowest = int(np.argmax(np.abs(factors)))
    return _hint(
        _(
            "with η = {eta:.4g} one step multiplies x0, x1, x2 by {factors}; the slowest is "
            "x{slowest}. The best η makes the largest of these sizes as small as possible: "
            "which two directions must balance?"
        ).format(eta=value, factors=shown, slowest=slowest)
    )


best_rate_three_curvatures.answer = lambda: 2.0 / (min(THREE_CURVATURES) + max(THREE_CURVATURES))


def adam_step_function(fn: Callable[..., Any] | None) -> CheckResult:
    """Notebook 08: a student's ``adam_step(x, g, m, v, t, lr)`` against ``gv.Adam``."""
    from gradviz.optimizers import Adam

    if fn is None or not callable(fn):
        return _hint(_("define the function first (replace the ... in its body)."))
    rng = np.random.default_rng(0)
    x, m, v = rng.normal(size=3), np.zeros(3), np.zeros(3)
    memory = {"m": m.copy(), "v": v.copy()}
    want_x = x.copy()
    for t in (1, 2, 3, 10):
        g = rng.normal(size=3)
        want_x = Adam(0.1).step(want_x, g, t - 1, memory)
        try:
            x, m, v = fn(x.copy(), g.copy(), m.copy(), v.copy(), t, 0.1)
        except Exception as err:  # report the student's error in words
            return _hint(
                _("calling it raised {error_type}: {error}").format(
                    error_type=type(err).__name__, error=err
                )
            )
        x, m, v = (np.asarray(a, dtype=float) for a in (x, m, v))
        if not np.allclose(m, memory["m"], rtol=1e-9, atol=1e-12):
            return _hint(_("at step t = {t}, m is not right yet.").format(t=t))
        if not np.allclose(v, memory["v"], rtol=1e-9, atol=1e-12):
            return _hint(_("at step t = {t}, v is not right yet.").format(t=t))
        if not np.allclose(x, want_x, rtol=1e-9, atol=1e-12):
            return _hint(
                _(
                    "at step t = {t}, m and v are right but x is not: check the bias "
                    "correction of the learning rate."
                ).format(t=t)
            )
    return _ok(_("four steps (t = 1, 2, 3, 10) agree with gv.Adam."))


adam_step_function.answer = lambda: None
