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

import numbers
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz._validate import (
    non_negative_int,
    positive_number,
    real_array,
    require_callable,
    scalar_value,
)
from gradviz.calculus import NonFiniteValueError, PrecisionWarning, numerical_gradient

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


#: The most steps one run may take: enough for every lesson, and a classroom machine
#: answers within seconds (10**7 steps took minutes and 4 GB).
MAX_STEPS = 100_000
#: The most numbers one run may record (points and gradients): about 160 MB.
MAX_RECORDED_NUMBERS = 20_000_000


class StopDescent(Exception):
    """Raised by a step to end a run cleanly; the path so far is kept.

    ``reason`` is a short key (e.g. ``"rate"``, ``"step"``), the message says what
    happened in words.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _fraction_in(value: object, name: str, low_open: bool = True) -> float:
    """A real number in (0, 1]; clear messages for strings, NaN and out-of-range values."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number between 0 and 1 such as 0.5, got "
            f"{type(value).__name__} {value!r}."
        )
    if not 0 < value <= 1:
        raise ValueError(f"{name} must be in (0, 1], got {value}.")
    return float(value)


# --- learning-rate schedules: lr_k = schedule(lr, k) -------------------------------


@dataclass(frozen=True)
class Constant:
    """The same learning rate at every step (the text's choice)."""

    def __call__(self, lr: float, k: int) -> float:
        return lr

    @property
    def label(self) -> str:
        return "constant"


@dataclass(frozen=True)
class StepDecay:
    """Multiply the rate by ``drop`` every ``every`` steps: ``lr · drop^(k // every)``."""

    drop: float = 0.5
    every: int = 20

    def __post_init__(self) -> None:
        _fraction_in(self.drop, "drop")
        non_negative_int(self.every, "every")
        if self.every < 1:
            raise ValueError("every must be at least 1.")

    def __call__(self, lr: float, k: int) -> float:
        return lr * self.drop ** (k // self.every)

    @property
    def label(self) -> str:
        return f"step decay (×{self.drop:g} every {self.every})"


@dataclass(frozen=True)
class ExponentialDecay:
    """Shrink the rate a little every step: ``lr · rate^k``."""

    rate: float = 0.95

    def __post_init__(self) -> None:
        _fraction_in(self.rate, "rate")

    def __call__(self, lr: float, k: int) -> float:
        return lr * self.rate**k

    @property
    def label(self) -> str:
        return f"exponential (×{self.rate:g} per step)"


@dataclass(frozen=True)
class InverseTimeDecay:
    """Large steps early, small steps late: ``lr / (1 + decay · k)``."""

    decay: float = 0.1

    def __post_init__(self) -> None:
        if isinstance(self.decay, bool) or not isinstance(self.decay, numbers.Real):
            raise TypeError(
                f"decay must be a number of at least 0 such as 0.1, got "
                f"{type(self.decay).__name__} {self.decay!r}."
            )
        if not np.isfinite(self.decay) or self.decay < 0:
            raise ValueError(f"decay must be a finite number of at least 0, got {self.decay}.")

    def __call__(self, lr: float, k: int) -> float:
        return lr / (1.0 + self.decay * k)

    @property
    def label(self) -> str:
        return f"inverse time (decay {self.decay:g})"


SCHEDULES: dict[str, Callable[[float, int], float]] = {
    "constant": Constant(),
    "step decay": StepDecay(),
    "exponential": ExponentialDecay(),
    "inverse time": InverseTimeDecay(),
}


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
        m = len(self.points) - 1
        start, end = self.values[0], self.values[-1]
        if not self.diverged:
            digits = 4  # enough digits to show that f changed at all
            while digits < 12 and f"{start:.{digits}g}" == f"{end:.{digits}g}" and start != end:
                digits += 1
            text = f"{m} steps: f went from {start:.{digits}g} to {end:.{digits}g}."
            if end > start and not self.stop_message:
                text += (
                    " f ended higher than it started: the steps overshoot, so try a smaller "
                    "learning rate."
                )
            if self.stop_message:
                text += " " + self.stop_message
            if self.precision_message:
                text += " " + self.precision_message
            return text
        text = (
            f"Diverged at step {self.diverged_at}: f grew from {start:.4g} to "
            f"{self.values[min(self.diverged_at, m)]:.4g}. The learning rate is too large "
            "for this function."
        )
        if self.stop_reason == "overflow":
            text += f" The run stopped after {m} steps because the numbers overflowed."
        elif self.stop_message:
            text += " " + self.stop_message
        elif self.frozen:
            text += (
                f" It then froze at f = {end:.3g}: so far from the minimum the numerical "
                "gradient rounds to exactly zero."
            )
        elif self.precision_message:
            text += " " + self.precision_message
        return text

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
        g = grad(x)
        if np.iscomplexobj(g):
            raise TypeError(
                f"grad(x) returned complex numbers ({g!r}); a gradient of a real function "
                "is real. Check grad for a square root or power of a negative number."
            )
        g = np.asarray(g, dtype=float)
        if g.shape != x.shape:
            raise ValueError(
                f"grad(x) must return an array shaped like x {x.shape}, got shape {g.shape}."
            )
        return g

    return checked


def _value(f, x) -> float:
    return scalar_value(f(x), "f(x)")


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
    x = real_array(init_x, "init_x")
    if x.ndim != 1:
        raise ValueError(f"init_x must be a vector of shape (n,), got shape {x.shape}.")
    if x.size == 0:
        raise ValueError("init_x is empty; give a starting point such as [-3.0, 4.0].")
    step_num = non_negative_int(step_num, "step_num")
    if step_num > MAX_STEPS:
        raise ValueError(
            f"step_num = {step_num} is more than one run may take ({MAX_STEPS}): it would "
            "keep a classroom machine busy for minutes. Use fewer steps, or a larger "
            "learning rate so that fewer steps are needed."
        )
    if (step_num + 1) * 2 * x.size > MAX_RECORDED_NUMBERS:
        raise ValueError(
            f"{step_num} steps in {x.size} dimensions would record more than "
            f"{MAX_RECORDED_NUMBERS} numbers (too much memory). Use fewer steps."
        )
    divergence_factor = positive_number(divergence_factor, "divergence_factor")
    gradient = _gradient_function(f, grad, h)

    f0 = _value(f, x)
    if not np.isfinite(f0):
        raise ValueError(f"f(init_x) is {f0}; start the descent at a point where f is finite.")
    limit = f0 + divergence_factor * (1.0 + abs(f0))

    points, values, grads, lrs = [x], [f0], [], []
    diverged_at = None
    reason, message = None, ""
    lost_at, lost_message = None, ""
    frozen_since, frozen_lr = None, 0.0
    reached = stop_below is not None and f0 < stop_below
    with np.errstate(all="ignore"):
        for k in range(0 if reached else step_num):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", PrecisionWarning)
                try:
                    g = gradient(x)
                except NonFiniteValueError as err:
                    if np.isnan(err.value):
                        reason, message = "domain", _domain_message(k, x)
                    else:
                        diverged_at, reason = k, "overflow"
                    break
            lost = [w for w in caught if issubclass(w.category, PrecisionWarning)]
            if lost_at is None and lost:
                lost_at = k
                lost_message = (
                    f"From step {k} on the numerical gradient was unreliable: {lost[0].message}"
                )
            try:
                x_new, lr_k = step(x, g, k)
            except StopDescent as stop:
                reason, message = stop.reason, str(stop)
                break
            if np.any(np.isnan(x_new)):
                reason = "step"
                message = (
                    f"At step {k + 1} the step itself was NaN (not a number), so the run "
                    "stopped there; the path so far is kept."
                )
                break
            f_new = _safe_value(f, x_new) if np.all(np.isfinite(x_new)) else np.inf
            if np.isnan(f_new):
                reason, message = "domain", _domain_message(k + 1, x_new)
                break
            if not np.isfinite(f_new):  # overflow: stop at the last finite point
                diverged_at = k + 1 if diverged_at is None else diverged_at
                reason = "overflow"
                break
            moved = not np.array_equal(x_new, x)
            x = x_new
            points.append(x)
            values.append(f_new)
            grads.append(g)
            lrs.append(lr_k)
            if diverged_at is None and abs(f_new) > abs(limit):
                diverged_at = k + 1
            if stop_below is not None and f_new < stop_below:
                reached = True
                break
            if moved or not np.any(g):
                frozen_since = None
            elif frozen_since is None:
                frozen_since, frozen_lr = k + 1, lr_k
    if reason == "overflow" and diverged_at is None:
        diverged_at = len(points)
    if reason is None and frozen_since is not None:
        reason = "frozen"
        message = (
            f"Nothing moved from step {frozen_since} on: the step lr·∇f (lr = {frozen_lr:.3g}) "
            "is smaller than the spacing of floating-point numbers near x, so "
            "x + lr·∇f == x. Start closer to the minimum or use a larger learning rate."
        )
    if reason is None and lost_at is not None and len(points) > 1:
        if not np.any(np.diff(np.array(points), axis=0)):
            reason = "frozen"
            message = "Nothing moved: the numerical gradient was exactly zero at every step."

    n = x.size
    return DescentPath(
        points=np.array(points).reshape(-1, n),
        values=np.array(values),
        gradients=np.array(grads).reshape(-1, n),
        lrs=np.array(lrs),
        diverged_at=diverged_at,
        step_num=step_num,
        schedule_label=label,
        reached_target=reached,
        stop_reason=reason,
        stop_message=message,
        precision_lost_at=lost_at,
        precision_message=lost_message,
    )


def _domain_message(k: int, x: np.ndarray) -> str:
    return (
        f"At step {k} f became NaN (not a number) near x = {np.array2string(x, precision=4)}: "
        "the path left the function's domain (for example the square root of a negative "
        "number). The run stopped there and the path so far is kept; try a smaller "
        "learning rate or a start farther from the edge of the domain."
    )


def _safe_value(f, x) -> float:
    try:
        return _value(f, x)
    except OverflowError:
        return np.inf


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
        lr_k = schedule(lr, k)
        if lr_k == 0:
            raise StopDescent(
                "rate",
                f"The learning rate decayed to 0 at step {k} (it became smaller than the "
                "smallest floating-point number), so the run stopped there; the path so far "
                "is kept. Use a slower decay or fewer steps.",
            )
        lr_k = positive_number(lr_k, f"schedule(lr, {k})")
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
    noise = float(noise)
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number of at least 0, got {noise}.")
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
        raise ValueError(f"lr must be below 1 for the run to settle, got {lr}.")
    return dims * lr * float(noise) ** 2 / (4 * (1 - lr))


__all__ += ["bowl_noise_floor", "noisy_gradient"]
