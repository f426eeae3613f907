"""Beyond plain gradient descent: the update rules of the book's chapter 6, and Newton.

Each method is a small frozen dataclass of hyper-parameters (the book's defaults)
with two methods:

* ``start(x, gradient)`` returns the method's memory (velocity, running averages...),
* ``step(x, g, k, memory)`` returns the next point from the gradient ``g`` at ``x``.

``minimize(f, init_x, method, step_num)`` runs any of them through the same loop as
``gradient_descent`` (``descent.descend``) and returns the same ``DescentPath``, so
every plot and explorer works with all of them.
"""

from __future__ import annotations

import dataclasses
import numbers
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np

from gradviz._validate import (
    non_negative_int,
    non_negative_number,
    positive_number,
    real_array,
    set_frozen,
)
from gradviz.calculus import PrecisionWarning, numerical_gradient, numerical_hessian
from gradviz.descent import DescentPath, StopDescent, descend
from gradviz.functions import Surface, check_kappa, elongated_bowl, require_surface
from gradviz.i18n import _

__all__ = [
    "OPTIMIZERS",
    "SGD",
    "AdaGrad",
    "Adam",
    "Momentum",
    "Nesterov",
    "Newton",
    "RMSProp",
    "heavy_ball_rate",
    "minimize",
]

EPS = 1e-7  # the book's guard against dividing by zero


def _fraction(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            _(
                "{name} must be a number from 0 up to (not including) 1, such as 0.9, got "
                "{type_name} {value!r}."
            ).format(name=name, type_name=type(value).__name__, value=value)
        )
    if not 0.0 <= value < 1.0:
        raise ValueError(
            _("{name} must be at least 0 and below 1, got {value}.").format(name=name, value=value)
        )
    return float(value)


@dataclass(frozen=True)
class SGD:
    """Plain gradient descent: x ← x − lr·∇f."""

    lr: float = 0.01
    name: ClassVar[str] = "SGD"

    def __post_init__(self) -> None:
        set_frozen(self, "lr", positive_number(self.lr, "lr"))

    def start(self, x: np.ndarray, gradient: Callable) -> dict:
        return {}

    def step(self, x: np.ndarray, g: np.ndarray, k: int, memory: dict) -> np.ndarray:
        return x - self.lr * g

    def scaled(self, factor: float):
        """The same method with its learning rate multiplied by ``factor``."""
        return dataclasses.replace(self, lr=self.lr * factor)


@dataclass(frozen=True)
class Momentum(SGD):
    """A heavy ball: v ← β·v − lr·∇f, then x ← x + v. Speed builds up along a valley."""

    momentum: float = 0.9
    name: ClassVar[str] = "Momentum"

    def __post_init__(self) -> None:
        super().__post_init__()
        set_frozen(self, "momentum", _fraction(self.momentum, "momentum"))

    def start(self, x, gradient):
        return {"v": np.zeros_like(x)}

    def step(self, x, g, k, memory):
        memory["v"] = self.momentum * memory["v"] - self.lr * g
        return x + memory["v"]


@dataclass(frozen=True)
class Nesterov(Momentum):
    """Momentum that looks ahead, in the book's form (needs only ∇f at x).

    The book's ``common/optimizer.py`` (the reformulation of arXiv:1212.0901 it cites):
    x ← x + β²·v − (1 + β)·lr·∇f with the velocity v of the *previous* step, and only
    then v ← β·v − lr·∇f. The order of the float operations is the book's, so the path
    is the book's to the last digit (tests/test_optimizers.py runs them side by side).
    """

    name: ClassVar[str] = "Nesterov"

    def step(self, x, g, k, memory):
        beta, v = self.momentum, memory["v"]
        x = x + beta * beta * v - (1 + beta) * self.lr * g
        memory["v"] = beta * v - self.lr * g
        return x


@dataclass(frozen=True)
class AdaGrad(SGD):
    """Each coordinate's step shrinks with the squared gradients it has seen: h ← h + g²."""

    name: ClassVar[str] = "AdaGrad"

    def start(self, x, gradient):
        return {"h": np.zeros_like(x)}

    def step(self, x, g, k, memory):
        memory["h"] = memory["h"] + g * g
        return x - self.lr * g / (np.sqrt(memory["h"]) + EPS)


@dataclass(frozen=True)
class RMSProp(SGD):
    """AdaGrad that forgets: h ← ρ·h + (1 − ρ)·g², so the steps do not die out."""

    decay_rate: float = 0.99
    name: ClassVar[str] = "RMSProp"

    def __post_init__(self) -> None:
        super().__post_init__()
        set_frozen(self, "decay_rate", _fraction(self.decay_rate, "decay_rate"))

    def start(self, x, gradient):
        return {"h": np.zeros_like(x)}

    def step(self, x, g, k, memory):
        memory["h"] = self.decay_rate * memory["h"] + (1 - self.decay_rate) * g * g
        return x - self.lr * g / (np.sqrt(memory["h"]) + EPS)


@dataclass(frozen=True)
class Adam(SGD):
    """Momentum (m) and RMSProp (v) together, with the bias correction of the book."""

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    name: ClassVar[str] = "Adam"

    def __post_init__(self) -> None:
        super().__post_init__()
        set_frozen(self, "beta1", _fraction(self.beta1, "beta1"))
        set_frozen(self, "beta2", _fraction(self.beta2, "beta2"))

    def start(self, x, gradient):
        return {"m": np.zeros_like(x), "v": np.zeros_like(x)}

    def step(self, x, g, k, memory):
        t = k + 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**t) / (1.0 - self.beta1**t)
        memory["m"] = memory["m"] + (1 - self.beta1) * (g - memory["m"])
        memory["v"] = memory["v"] + (1 - self.beta2) * (g * g - memory["v"])
        return x - lr_t * memory["m"] / (np.sqrt(memory["v"]) + EPS)


@dataclass(frozen=True)
class Newton(SGD):
    """Newton's method: x ← x − lr·H⁻¹∇f, with the Hessian H by central differences.

    One step to the bottom of any bowl; but it heads for *any* flat point, saddles
    included, and each step costs a Hessian (cheap here, in two dimensions only).
    """

    lr: float = 1.0
    name: ClassVar[str] = "Newton"

    def start(self, x, gradient):
        return {"gradient": gradient}

    def step(self, x, g, k, memory):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PrecisionWarning)
            H = numerical_hessian(memory["gradient"], x)
        lost = [w for w in caught if issubclass(w.category, PrecisionWarning)]
        if lost:  # far from the origin h is lost next to x: H is rounding, not curvature
            raise StopDescent(
                "precision",
                _(
                    "At step {step} Newton's method could not measure the curvature at "
                    "x = {x}: its Hessian comes from differences of the gradient, and they "
                    "cannot be trusted there: {warning} The run stopped there; the path so "
                    "far is kept. Start closer to the minimum."
                ).format(step=k + 1, x=np.array2string(x, precision=4), warning=lost[0].message),
            )
        try:
            step = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            step = np.full_like(x, np.nan)
        if not np.all(np.isfinite(step)) and np.all(np.isfinite(g)):
            raise StopDescent(
                "step",
                _(
                    "At step {step} Newton's method found no step: the Hessian at x = "
                    "{x} is singular (the surface is flat in some "
                    "direction), so H⁻¹∇f does not exist. The run stopped there; the path so "
                    "far is kept. Start elsewhere or use a gradient method."
                ).format(step=k + 1, x=np.array2string(x, precision=4)),
            )
        return x - self.lr * step


#: Every method, with the book's default hyper-parameters.
OPTIMIZERS: dict[str, SGD] = {
    m.name: m for m in (SGD(), Momentum(), Nesterov(), AdaGrad(), RMSProp(), Adam(), Newton())
}


def minimize(
    f: Callable[[np.ndarray], float],
    init_x: Any,
    method: SGD | None = None,
    step_num: int = 100,
    *,
    grad: Callable[[np.ndarray], np.ndarray] | None = None,
    h: float = 1e-4,
    divergence_factor: float = 1e6,
    stop_below: float | None = None,
) -> DescentPath:
    """Run ``method`` (default: ``SGD()``) from ``init_x`` for ``step_num`` steps.

    ``grad`` is the exact gradient if known (default: ``numerical_gradient``);
    ``stop_below`` ends the run as soon as f falls below it. Returns the same
    ``DescentPath`` as ``gradient_descent``; ``init_x`` is never changed.
    """
    method = SGD() if method is None else method
    if isinstance(method, type):
        raise TypeError(
            _(
                "method must be an optimizer object, but got the class {cls} itself. "
                "Add parentheses: {cls}() for the book's settings, or e.g. "
                "{cls}(lr=0.1)."
            ).format(cls=method.__name__)
        )
    if not hasattr(method, "step") or not hasattr(method, "start"):
        raise TypeError(
            _("method must be one of the optimizers, e.g. Momentum(), got {value!r}.").format(
                value=method
            )
        )

    gradient = grad if grad is not None else (lambda x: numerical_gradient(f, x, h))
    memory: dict | None = None

    def step(x: np.ndarray, g: np.ndarray, k: int) -> tuple[np.ndarray, float]:
        nonlocal memory
        if memory is None:
            memory = method.start(x, gradient)
        return method.step(x, g, k, memory), method.lr

    return descend(
        f,
        init_x,
        step,
        step_num,
        grad=grad,
        h=h,
        divergence_factor=divergence_factor,
        label=method.name,
        stop_below=stop_below,
    )


def heavy_ball_rate(lr: Any, beta: Any, eigenvalues: Any) -> np.ndarray:
    """How fast Momentum converges on a quadratic bowl: the factor per step (< 1 converges).

    On a quadratic with Hessian eigenvalues λ, each direction evolves as
    ``x_{k+1} = (1 + β − lr·λ) x_k − β x_{k−1}``, whose growth factor is the larger root
    of ``z² − (1 + β − lr·λ) z + β = 0``. ``lr`` and ``beta`` broadcast together; the
    result is the worst factor over all ``eigenvalues``. β = 0 is plain gradient descent.
    """
    lr, beta = real_array(lr, "lr"), real_array(beta, "beta")
    try:
        lr, beta = np.broadcast_arrays(lr, beta)
    except ValueError as err:
        raise ValueError(
            _("lr {lr_shape} and beta {beta_shape} must have shapes that broadcast.").format(
                lr_shape=lr.shape, beta_shape=beta.shape
            )
        ) from err
    worst = np.zeros(lr.shape)
    for lam in np.atleast_1d(real_array(eigenvalues, "eigenvalues")):
        with np.errstate(all="ignore"):  # huge settings: the factor is infinite (diverges)
            b = 1.0 + beta - lr * lam
            root = np.sqrt(b.astype(complex) ** 2 - 4.0 * beta)
            rho = np.maximum(np.abs((b + root) / 2), np.abs((b - root) / 2))
        worst = np.maximum(worst, np.where(np.isnan(rho), np.inf, rho))
    return worst


# --- the race (notebook 08) and the best settings on a valley (notebook 07) -------------

__all__ += [
    "RACE_METHODS",
    "VALLEY_START",
    "race",
    "steps_to_reach",
    "valley_best_momentum",
    "valley_best_plain",
    "valley_steps_momentum",
    "valley_steps_plain",
]

#: The contestants and their learning rates: the book's chapter 6 race settings
#: (SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3), Nesterov and RMSProp at 0.1,
#: and Newton's natural step of 1 (not scaled by the race's learning-rate scale).
RACE_METHODS: dict[str, SGD] = {
    "SGD": SGD(0.95),
    "Momentum": Momentum(0.1),
    "Nesterov": Nesterov(0.1),
    "AdaGrad": AdaGrad(1.5),
    "RMSProp": RMSProp(0.1),
    "Adam": Adam(0.3),
    "Newton": Newton(),
}


def race_lr(method: SGD, scale: float) -> float:
    """The learning rate ``method`` runs at in a race at ``scale`` (Newton keeps its own)."""
    return method.lr if isinstance(method, Newton) else method.lr * scale


def race(
    surface: Surface, start, scale: float = 1.0, steps: int = 200, methods: dict | None = None
) -> dict[str, DescentPath]:
    """Run every method from ``start`` on ``surface`` (exact gradient) for ``steps`` steps.

    First-order methods have their learning rate multiplied by ``scale``; Newton keeps 1.
    """
    methods = RACE_METHODS if methods is None else methods
    require_surface(surface)
    scale = positive_number(scale, "scale")
    return {
        name: minimize(
            surface.f,
            start,
            m if isinstance(m, Newton) else m.scaled(scale),
            steps,
            grad=surface.grad,
        )
        for name, m in methods.items()
    }


def steps_to_reach(path: DescentPath, surface: Surface, tolerance: float = 1e-4) -> int | None:
    """First step at which f is within ``tolerance`` of the surface's lowest minimum."""
    if not isinstance(path, DescentPath):
        raise TypeError(
            _("path must be the DescentPath of a run (from minimize), got {value!r}.").format(
                value=path
            )
        )
    require_surface(surface)
    tolerance = non_negative_number(tolerance, "tolerance")
    if surface.lowest is None:
        return None
    return path.first_step_below(surface.lowest + tolerance)


#: Where the valley runs of ``valley_steps_plain``/``valley_steps_momentum`` start.
VALLEY_START = (-4.0, 2.0)


def _kappa(kappa: Any) -> float:
    """The condition number κ of a valley: a finite number of at least 1, and small enough
    that the best rate still makes progress in float64 ((κ − 1)/(κ + 1) < 1)."""
    kappa = check_kappa(kappa)
    if (kappa - 1.0) / (kappa + 1.0) >= 1.0:
        raise ValueError(
            _(
                "kappa = {kappa:g} is so large that (κ − 1)/(κ + 1) rounds to 1: descent "
                "would make no progress in floating point. Use a κ below 1e15."
            ).format(kappa=kappa)
        )
    return kappa


def valley_best_plain(kappa: float) -> tuple[float, float]:
    """Best constant rate for x0² + κ·x1² (Hessian eigenvalues 2 and 2κ) and its factor."""
    kappa = _kappa(kappa)
    return 1.0 / (1.0 + kappa), (kappa - 1.0) / (kappa + 1.0)


def valley_best_momentum(kappa: float) -> tuple[float, float]:
    """Best (lr, β) of the heavy ball on x0² + κ·x1²."""
    kappa = _kappa(kappa)
    lr = 4.0 / (np.sqrt(2.0 * kappa) + np.sqrt(2.0)) ** 2
    beta = ((np.sqrt(kappa) - 1.0) / (np.sqrt(kappa) + 1.0)) ** 2
    return lr, beta


def valley_steps_plain(kappa: float, tolerance: float = 1e-6) -> int:
    """Steps plain descent at its best rate needs to bring f below ``tolerance``.

    At lr = 1/(1 + κ) both directions shrink by exactly q = (κ − 1)/(κ + 1) per step,
    so f_k = f_0·q^(2k): no simulation needed (tests check this against a real run).
    """
    kappa = _kappa(kappa)
    tolerance = positive_number(tolerance, "tolerance")
    with np.errstate(over="ignore"):
        f0 = float(elongated_bowl(kappa).f(np.array(VALLEY_START)))
    q = valley_best_plain(kappa)[1]
    if q == 0.0 or tolerance >= f0:
        return 0 if tolerance >= f0 else 1
    return int(np.ceil((np.log(tolerance) - np.log(f0)) / (2.0 * np.log(q))))


def valley_steps_momentum(kappa: float, tolerance: float = 1e-6, limit: int = 5000) -> int:
    """Steps Momentum at its best (lr, β) needs to bring f below ``tolerance`` (simulated)."""
    return _valley_steps_momentum(
        _kappa(kappa), positive_number(tolerance, "tolerance"), non_negative_int(limit, "limit")
    )


@lru_cache(maxsize=256)
def _valley_steps_momentum(kappa: float, tolerance: float, limit: int) -> int:
    s = elongated_bowl(kappa)
    path = minimize(
        s.f,
        VALLEY_START,
        Momentum(*valley_best_momentum(kappa)),
        limit,
        grad=s.grad,
        stop_below=tolerance,
    )
    return len(path.points) - 1 if path.reached_target else limit
