"""Gradient descent, ``x ← x − η ∇f(x)``, returning the whole path it walked.

``gradient_descent`` is the text's loop with three changes a classroom needs:

* it records every point, value, gradient and learning rate (a ``DescentPath``), so
  the notebooks can draw the trajectory and the loss curve;
* it never changes the caller's starting point;
* a run that blows up ends cleanly and says so in words (``path.diverged``,
  ``path.diverged_at``, ``path.summary()``) instead of spilling overflow warnings.

Learning-rate schedules are small objects called as ``schedule(lr, k)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz import _stops
from gradviz._stops import MAX_RECORDED_NUMBERS, MAX_STEPS, StopDescent
from gradviz._validate import (
    count_at_least,
    finite_result,
    gradient_value,
    non_negative_int,
    non_negative_number,
    positive_number,
    real_array,
    real_number,
    require_callable,
    scalar_value,
)
from gradviz.calculus import NonFiniteValueError, numerical_gradient
from gradviz.i18n import _
from gradviz.schedules import (
    SCHEDULES,
    Constant,
    ExponentialDecay,
    InverseTimeDecay,
    StepDecay,
)

__all__ = [
    "MAX_RECORDED_NUMBERS",
    "MAX_STEPS",
    "SCHEDULES",
    "Constant",
    "DescentPath",
    "ExponentialDecay",
    "InverseTimeDecay",
    "StepDecay",
    "StopDescent",
    "descend",
    "gradient_descent",
]


# --- the path a descent walks ------------------------------------------------------


@dataclass(frozen=True, repr=False)
class DescentPath:
    """Everything one run of gradient descent did.

    With ``m`` steps taken in ``n`` dimensions:
    ``points`` ``(m+1, n)`` (the start first), ``values`` ``(m+1,)`` = f(points),
    ``gradients`` ``(m, n)`` (the gradient used at step k), ``lrs`` ``(m,)`` (the
    learning rate used at step k). ``diverged_at`` is the step at which f first grew
    past ``divergence_factor`` times its start (or overflowed), else ``None``.
    ``stop_reason`` says why a run ended early or stood still (``"overflow"``,
    ``"domain"``, ``"step"``, ``"rate"``, ``"frozen"``), with ``stop_message`` in words;
    ``precision_lost_at`` is the first step whose numerical gradient lost h next to x.
    """

    points: np.ndarray
    values: np.ndarray
    gradients: np.ndarray
    lrs: np.ndarray
    diverged_at: int | None
    step_num: int
    schedule_label: str = "constant"
    reached_target: bool = False
    stop_reason: str | None = None
    stop_message: str = ""
    precision_lost_at: int | None = None
    precision_message: str = ""

    @property
    def x(self) -> np.ndarray:
        """The final point, shape ``(n,)``."""
        return self.points[-1]

    @property
    def steps(self) -> np.ndarray:
        """The moves ``x_{k+1} − x_k = −lr_k ∇f(x_k)``, shape ``(m, n)``."""
        return np.diff(self.points, axis=0)

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def stopped_early(self) -> bool:
        """True when the run ended before ``step_num`` because values became NaN/inf."""
        return len(self.points) - 1 < self.step_num and not self.reached_target

    @property
    def frozen(self) -> bool:
        """True when the last gradient was exactly zero although f is still far from 0.

        This is the text's lr=10 run: at |x| ≈ 1e13, ``x**2`` swallows ``2·x·h``, the
        central difference rounds to 0, and the point stops moving.
        """
        return self.stop_reason == "frozen" or (
            self.diverged
            and len(self.gradients) > 0
            and not np.any(self.gradients[-1])
            and abs(self.values[-1]) > 1.0
        )

    def first_step_below(self, target: float) -> int | None:
        """The first step k with f(x_k) < target, or None if the run never got there."""
        below = np.nonzero(self.values < target)[0]
        return int(below[0]) if below.size else None

    def summary(self) -> str:
        """One or two sentences, in words, of what happened."""
        return _stops.summary(self)

    def __repr__(self) -> str:
        return (
            f"DescentPath(steps={len(self.points) - 1}, x={np.array2string(self.x, precision=4)}, "
            f"f={self.values[-1]:.4g}, diverged_at={self.diverged_at})"
        )


def _gradient_function(f, grad, h) -> Callable[[np.ndarray], np.ndarray]:
    if grad is None:
        return lambda x: numerical_gradient(f, x, h)
    require_callable(grad, "grad")

    def checked(x: np.ndarray) -> np.ndarray:
        return gradient_value(grad(x), x.shape, "grad(x)")

    return checked


def _value(f, x) -> float:
    return scalar_value(f(x), "f(x)")


def _start_point(init_x: Any) -> np.ndarray:
    """A float copy of ``init_x``, which must be a non-empty vector."""
    x = real_array(init_x, "init_x")
    if x.ndim != 1:
        raise ValueError(
            _("init_x must be a vector of shape (n,), got shape {shape}.").format(shape=x.shape)
        )
    if x.size == 0:
        raise ValueError(_("init_x is empty; give a starting point such as [-3.0, 4.0]."))
    return x


def _start_value(f, x: np.ndarray) -> float:
    f0 = _value(f, x)
    if not np.isfinite(f0):
        raise ValueError(
            _("f(init_x) is {value}; start the descent at a point where f is finite.").format(
                value=f0
            )
        )
    return f0


def descend(
    f: Callable[[np.ndarray], float],
    init_x: Any,
    step: Callable[[np.ndarray, np.ndarray, int], tuple[np.ndarray, float]],
    step_num: int,
    *,
    grad: Callable[[np.ndarray], np.ndarray] | None = None,
    h: float = 1e-4,
    divergence_factor: float = 1e6,
    label: str = "custom",
    stop_below: float | None = None,
) -> DescentPath:
    """The loop every method shares: ``x_{k+1}, lr_k = step(x_k, ∇f(x_k), k)``, recorded.

    ``gradient_descent`` and the methods of ``optimizers`` are this loop with different
    ``step`` functions. It copies ``init_x``, checks every input, watches for
    divergence and stops cleanly if the numbers overflow. With ``stop_below`` it also
    stops as soon as f falls below that value (``path.reached_target``).
    """
    require_callable(f)
    x = _start_point(init_x)
    step_num = _stops.check_step_num(step_num, x.size)
    if stop_below is not None:
        stop_below = real_number(stop_below, "stop_below")
    divergence_factor = positive_number(divergence_factor, "divergence_factor")
    gradient = _gradient_function(f, grad, h)
    f0 = _start_value(f, x)
    limit = f0 + divergence_factor * (1.0 + abs(f0))

    run = _stops.Run(points=[x], values=[f0])
    reached = stop_below is not None and f0 < stop_below
    with np.errstate(all="ignore"):
        for k in range(0 if reached else step_num):
            try:
                g = _stops.watched_gradient(gradient, x, k, run)
            except NonFiniteValueError as err:
                _stops.gradient_not_finite(err, k, x, run, None if grad is not None else h)
                break
            try:
                x_new, lr_k = step(x, g, k)
            except StopDescent as stop:
                run.stop(stop.reason, str(stop))
                break
            f_new = _stops.new_value(f, x_new, k, run)
            if f_new is None:  # the step was NaN, left f's domain or overflowed
                break
            moved = not np.array_equal(x_new, x)
            x = x_new
            run.record(x, f_new, g, lr_k)
            if run.diverged_at is None and abs(f_new) > abs(limit):
                run.diverged_at = k + 1
            if stop_below is not None and f_new < stop_below:
                reached = True
                break
            _stops.watch_frozen(run, moved, g, k, lr_k)
    _stops.finish(run)
    return _path(run, x.size, step_num, label, reached)


def _path(run: _stops.Run, n: int, step_num: int, label: str, reached: bool) -> DescentPath:
    """The ``DescentPath`` of a finished run in ``n`` dimensions."""
    return DescentPath(
        points=np.array(run.points).reshape(-1, n),
        values=np.array(run.values),
        gradients=np.array(run.grads).reshape(-1, n),
        lrs=np.array(run.lrs),
        diverged_at=run.diverged_at,
        step_num=step_num,
        schedule_label=label,
        reached_target=reached,
        stop_reason=run.reason,
        stop_message=run.message,
        precision_lost_at=run.lost_at,
        precision_message=run.lost_message,
    )


def gradient_descent(
    f: Callable[[np.ndarray], float],
    init_x: Any,
    lr: float = 0.01,
    step_num: int = 100,
    *,
    grad: Callable[[np.ndarray], np.ndarray] | None = None,
    schedule: Callable[[float, int], float] | None = None,
    h: float = 1e-4,
    divergence_factor: float = 1e6,
) -> DescentPath:
    """Walk downhill from ``init_x`` for ``step_num`` steps of ``x ← x − lr_k ∇f(x)``.

    ``grad`` is the exact gradient if you know it (default: ``numerical_gradient``
    with step ``h``); ``schedule(lr, k)`` gives the rate at step k (default constant).
    ``init_x`` is copied, never changed. Returns a ``DescentPath``; ``.x`` is the
    final point, the text's return value.
    """
    lr = positive_number(lr, "lr")
    schedule = Constant() if schedule is None else schedule
    require_callable(schedule, "schedule")

    def step(x: np.ndarray, g: np.ndarray, k: int) -> tuple[np.ndarray, float]:
        lr_k = _stops.scheduled_rate(schedule(lr, k), k)
        return x - lr_k * g, lr_k

    return descend(
        f,
        init_x,
        step,
        step_num,
        grad=grad,
        h=h,
        divergence_factor=divergence_factor,
        label=getattr(schedule, "label", getattr(schedule, "__name__", "custom")),
    )


# --- noisy gradients: what a mini-batch sees ---------------------------------------


def noisy_gradient(
    grad: Callable[[np.ndarray], np.ndarray], noise: float, seed: int = 0
) -> Callable[[np.ndarray], np.ndarray]:
    """``grad`` plus seeded Gaussian noise: the gradient a mini-batch would give.

    Each call returns ``grad(x) + noise · ξ`` with ``ξ`` standard normal in every
    coordinate, drawn from its own generator seeded with ``seed``, so two wrappers made
    with the same seed give the same run. Pass it as ``gradient_descent(..., grad=...)``;
    make a fresh one for every run.
    """
    require_callable(grad, "grad")
    noise = non_negative_number(noise, "noise")
    rng = np.random.default_rng(non_negative_int(seed, "seed"))

    def noisy(x: np.ndarray) -> np.ndarray:
        g = np.asarray(grad(x), dtype=float)
        return g + noise * rng.standard_normal(g.shape)

    return noisy


def bowl_noise_floor(lr: float, noise: float, dims: int = 2) -> float:
    """The mean of ``f = Σ x_i²`` that constant-rate descent with noisy gradients settles at.

    One step is ``x ← (1 − 2η) x − η σ ξ``. Its variance settles where
    ``v = (1 − 2η)² v + η² σ²``, that is ``v = η σ² / (4 (1 − η))`` per coordinate, so
    the mean of f levels off at ``dims · η σ² / (4 (1 − η))`` (for 0 < η < 1) however
    many steps are taken: it shrinks only with the rate.
    """
    lr = positive_number(lr, "lr")
    if lr >= 1:
        raise ValueError(_("lr must be below 1 for the run to settle, got {lr}.").format(lr=lr))
    noise = non_negative_number(noise, "noise")
    dims = count_at_least(dims, "dims", 1)
    with np.errstate(over="ignore"):
        floor = np.float64(min(dims, 10**300)) * lr * np.float64(noise) ** 2 / (4 * (1 - lr))
    return float(finite_result(floor, _("The noise floor")))


__all__ += ["bowl_noise_floor", "noisy_gradient"]
