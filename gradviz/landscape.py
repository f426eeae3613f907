"""The loss landscape of a real network (notebook 09): lines, planes, curvature, the rate.

A network's loss is a function of *all* its weights at once: one point ``w`` in a space of
thousands of dimensions. These helpers look at that function the way the series looked at
the bowl ``x0² + x1²``, two dimensions at a time:

* ``loss_along_line``: f on the straight line between two weight vectors (Goodfellow,
  Vinyals and Saxe, 2015), e.g. from the initial weights to the trained ones;
* ``loss_over_plane``: f on the plane ``w + a·d1 + b·d2`` (Li et al., 2018), with
  ``filter_normalized_direction`` for directions scaled like the weights they move and
  ``trajectory_components`` for the two directions a training path moved along most;
* ``sharpness``: the largest eigenvalue λ_max of f's Hessian (its steepest curvature), by
  power iteration on Hessian-vector products; plain descent is stable only for η < 2/λ_max;
* ``lr_range_test``: the loss while the learning rate grows exponentially over a short run
  (Smith, 2017), and the rate it suggests.

Every function takes a plain ``f(w) -> float`` of a flat vector ``w`` ``(n,)`` (and, where
gradients are needed, ``grad(w) -> (n,)``, by default ``gv.numerical_gradient``).
``network_objective`` turns a ``TwoLayerNet`` and its data into such an ``f`` with a
backpropagation ``grad``; ``record_training`` trains it the book's way and keeps the path.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradviz._validate import (
    bounded_count,
    count_at_least,
    non_negative_int,
    positive_number,
    real_array,
    require_callable,
)
from gradviz.calculus import numerical_gradient
from gradviz.i18n import N_, _
from gradviz.nn import TwoLayerNet, _inputs
from gradviz.training import TrainingHistory, train

__all__ = [
    "NetworkObjective",
    "PathPlane",
    "RangeTest",
    "TrainingRecord",
    "filter_normalized_direction",
    "flatten",
    "hessian_vector_product",
    "loss_along_line",
    "loss_over_plane",
    "lr_range_test",
    "network_objective",
    "path_plane",
    "record_training",
    "sharpness",
    "trajectory_components",
    "unflatten",
]

Function = Callable[[np.ndarray], float]
Gradient = Callable[[np.ndarray], np.ndarray]

#: Sizes above which a grid or a power iteration would keep a classroom machine busy for
#: minutes: refused at once with a suggestion.
MAX_GRID_POINTS = 40_000
MAX_ITERATIONS = 10_000
_LONG_RUN = N_("every step costs two gradients, and more would keep a classroom machine busy.")


# --- weights as one vector ------------------------------------------------------------------


def flatten(params: Mapping[str, np.ndarray]) -> np.ndarray:
    """All parameters in one flat float vector ``(n,)``, in the dict's order (a copy)."""
    return np.concatenate([np.asarray(p, dtype=float).ravel() for p in params.values()])


def unflatten(w: np.ndarray, like: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The inverse of ``flatten``: a dict shaped like ``like`` holding the numbers of ``w``."""
    w = np.asarray(w, dtype=float)
    sizes = [np.size(p) for p in like.values()]
    if w.shape != (sum(sizes),):
        raise ValueError(
            _("w must be a flat vector of {n} numbers, got shape {shape}.").format(
                n=sum(sizes), shape=w.shape
            )
        )
    parts = np.split(w, np.cumsum(sizes)[:-1])
    return {
        k: part.reshape(np.shape(p)).copy()
        for (k, p), part in zip(like.items(), parts, strict=True)
    }


@dataclass
class NetworkObjective:
    """A network's mean loss on ``(X, t)`` as a function of one flat weight vector.

    ``objective(w)`` is the loss, ``objective.gradient(w)`` its gradient by
    backpropagation, both ``(n,)`` → …; ``objective.size`` is n, the number of weights.
    It works on its own copy of the network: the caller's network is never changed.
    """

    net: TwoLayerNet
    X: np.ndarray
    t: np.ndarray

    @property
    def size(self) -> int:
        return int(sum(np.size(p) for p in self.net.params.values()))

    def _load(self, w: np.ndarray) -> None:
        self.net.params = unflatten(w, self.net.params)

    def __call__(self, w: np.ndarray) -> float:
        self._load(w)
        return self.net.loss(self.X, self.t)

    def gradient(self, w: np.ndarray) -> np.ndarray:
        self._load(w)
        grads = self.net.gradient(self.X, self.t)
        return flatten({name: grads[name] for name in self.net.params})  # in w's order

    def accuracy(self, w: np.ndarray) -> float:
        self._load(w)
        return self.net.accuracy(self.X, self.t)


def network_objective(net: TwoLayerNet, X: Any, t: Any) -> NetworkObjective:
    """``f(w)`` and ``f.gradient(w)``: ``net``'s loss on all of ``(X, t)`` (full batch)."""
    if not isinstance(net, TwoLayerNet):
        raise TypeError(
            _("net must be a gv.TwoLayerNet, got {type_name}.").format(type_name=type(net).__name__)
        )
    X = _inputs(X, net.params["W1"].shape[0], "X")
    return NetworkObjective(copy.deepcopy(net), X, np.asarray(t).copy())


# --- lines and planes -----------------------------------------------------------------------


def _vector(w: Any, name: str, n: int | None = None) -> np.ndarray:
    w = real_array(w, name)
    if w.ndim != 1 or (n is not None and w.shape != (n,)):
        expected = "(n,)" if n is None else f"({n},)"
        raise ValueError(
            _("{name} must be a flat vector of shape {expected}, got shape {shape}.").format(
                name=name, expected=expected, shape=w.shape
            )
        )
    return w


def _grid_values(values: Any, name: str) -> np.ndarray:
    values = real_array(values, name)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(
            _("{name} must be a non-empty 1-D array of numbers, got shape {shape}.").format(
                name=name, shape=values.shape
            )
        )
    return values


def _value(f: Function, w: np.ndarray) -> float:
    value = f(w.copy())
    if np.ndim(value) != 0:
        raise TypeError(
            _(
                "f must return one number (the loss), but returned an array of shape "
                "{shape}. Sum or average it first."
            ).format(shape=np.shape(value))
        )
    return float(value)


def loss_along_line(f: Function, w0: Any, w1: Any, alphas: Any) -> np.ndarray:
    """f on the line through ``w0`` (α = 0) and ``w1`` (α = 1): ``f((1 − α)·w0 + α·w1)``.

    ``alphas`` ``(k,)`` → losses ``(k,)``; α outside [0, 1] goes past the two ends.
    """
    require_callable(f)
    w0 = _vector(w0, "w0")
    w1 = _vector(w1, "w1", w0.size)
    alphas = _grid_values(alphas, "alphas")
    return np.array([_value(f, (1 - a) * w0 + a * w1) for a in alphas])


def loss_over_plane(f: Function, w: Any, d1: Any, d2: Any, alphas: Any, betas: Any) -> np.ndarray:
    """The grid ``Z[i, j] = f(w + alphas[j]·d1 + betas[i]·d2)``, ``(len(betas), len(alphas))``.

    The same layout as ``np.meshgrid(alphas, betas)``, so ``ax.contour(alphas, betas, Z)``
    draws it. ``w``, ``d1`` and ``d2`` are flat vectors ``(n,)``; none of them is changed.
    """
    require_callable(f)
    w = _vector(w, "w")
    d1 = _vector(d1, "d1", w.size)
    d2 = _vector(d2, "d2", w.size)
    alphas = _grid_values(alphas, "alphas")
    betas = _grid_values(betas, "betas")
    if alphas.size * betas.size > MAX_GRID_POINTS:
        raise ValueError(
            _(
                "a grid of {rows} × {cols} = {count} points is more than {limit}: each point is "
                "one evaluation of f, which would take minutes. Use fewer alphas and betas "
                "(41 × 41 is plenty for a contour plot)."
            ).format(
                rows=betas.size,
                cols=alphas.size,
                count=alphas.size * betas.size,
                limit=MAX_GRID_POINTS,
            )
        )
    return np.array([[_value(f, w + a * d1 + b * d2) for a in alphas] for b in betas])


def filter_normalized_direction(
    params: Mapping[str, np.ndarray], seed: int = 0
) -> dict[str, np.ndarray]:
    """A random direction in weight space, scaled filter by filter (Li et al., 2018).

    For each weight matrix ``(inputs, units)``, a Gaussian column per unit, rescaled to the
    norm of that unit's column of weights, so that a step of 1 along it changes every unit
    by about as much as its own weights; biases (1-D) get 0, as in the paper. Returns a dict
    shaped like ``params`` (``flatten`` it to use with ``loss_over_plane``).
    """
    rng = np.random.default_rng(seed)
    direction = {}
    for name, p in params.items():
        p = np.asarray(p, dtype=float)
        if p.ndim < 2:
            direction[name] = np.zeros_like(p)
            continue
        d = rng.standard_normal(p.shape)
        own = np.linalg.norm(p, axis=0, keepdims=True)
        drawn = np.linalg.norm(d, axis=0, keepdims=True)
        direction[name] = d * own / np.maximum(drawn, np.finfo(float).tiny)
    return direction


def trajectory_components(path: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The two directions a training path moved along most (Li et al., 2018, §7).

    ``path`` ``(k, n)``: the weights at k moments, the last one the end point. Principal
    component analysis of ``path − path[-1]``: returns ``components`` ``(2, n)`` (unit
    vectors), ``coords`` ``(k, 2)`` (each moment's position on that plane, the end at
    (0, 0)) and ``explained`` ``(2,)``, the share of the path's spread each direction holds.
    """
    path = real_array(path, "path")
    if path.ndim != 2 or path.shape[0] < 3:
        raise ValueError(
            _(
                "path must hold at least 3 weight vectors as rows, shape (k, n), got shape {shape}."
            ).format(shape=path.shape)
        )
    centred = path - path[-1]
    _u, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:2]
    total = np.sum(s**2)
    explained = s[:2] ** 2 / total if total > 0 else np.zeros(2)
    return components, centred @ components.T, explained


@dataclass
class PathPlane:
    """The plane of a training path's two main directions, and the loss over it.

    ``Z`` ``(len(betas), len(alphas))`` is f at ``end + α·components[0] + β·components[1]``;
    ``coords`` ``(k, 2)`` is the path projected onto the plane (the end at (0, 0));
    ``explained`` ``(2,)`` the share of the path's spread along each direction.
    """

    alphas: np.ndarray
    betas: np.ndarray
    Z: np.ndarray
    coords: np.ndarray
    explained: np.ndarray
    components: np.ndarray


def path_plane(f: Function, path: Any, n: int = 25, margin: float = 0.25) -> PathPlane:
    """The loss on the plane a training ``path`` ``(k, n_weights)`` moved in most, around its end.

    The window covers the projected path with ``margin`` (a share of its size) on each side;
    ``n × n`` evaluations of f.
    """
    path = real_array(path, "path")
    components, coords, explained = trajectory_components(path)
    n = non_negative_int(n, "n")
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-12)
    alphas = np.linspace(lo[0] - pad[0], hi[0] + pad[0], n)
    betas = np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)
    Z = loss_over_plane(f, path[-1], components[0], components[1], alphas, betas)
    return PathPlane(alphas, betas, Z, coords, explained, components)


# --- curvature ------------------------------------------------------------------------------


def _gradient(f: Function, grad: Gradient | None) -> Gradient:
    """``grad`` itself, checked, or the numerical gradient of ``f`` (on a copy of x)."""
    if grad is None:

        def grad(x: np.ndarray) -> np.ndarray:
            return numerical_gradient(f, x.copy())

    require_callable(grad, "grad")
    return grad


def hessian_vector_product(
    grad: Gradient, w: np.ndarray, v: np.ndarray, rel: float = 1e-6
) -> np.ndarray:
    """``H·v`` without forming H: ``(grad(w + ε·v) − grad(w − ε·v)) / 2ε``, ``(n,)``.

    A central difference of the gradient along v, as ``numerical_diff`` is of a function:
    exact for a quadratic, accurate to O(ε²) elsewhere. The step ε moves w by ``rel`` times
    its largest entry (at least ``rel``). Keep it small for a ReLU network: a step that
    switches a unit on or off somewhere in the data crosses a kink of the gradient, and the
    difference then measures the jump instead of the curvature.
    """
    norm = np.linalg.norm(v)
    eps = rel * max(1.0, float(np.max(np.abs(w)))) / max(norm, np.finfo(float).tiny)
    g_plus = np.asarray(grad(w + eps * v), dtype=float)
    g_minus = np.asarray(grad(w - eps * v), dtype=float)
    return (g_plus - g_minus) / (2 * eps)


def _power_iteration(
    hv: Callable[[np.ndarray], np.ndarray], v: np.ndarray, iters: int, tol: float
) -> float:
    """The eigenvalue of largest size of the symmetric map ``hv``, by power iteration."""
    v = v / np.linalg.norm(v)
    estimate = 0.0
    for _step in range(iters):
        hv_v = hv(v)
        new_estimate = float(v @ hv_v)  # Rayleigh quotient vᵀHv of the unit vector v
        size = np.linalg.norm(hv_v)
        if size == 0 or not np.isfinite(size):
            return new_estimate
        v = hv_v / size
        if abs(new_estimate - estimate) <= tol * abs(new_estimate):
            return new_estimate
        estimate = new_estimate
    return estimate


def sharpness(
    f: Function,
    w: Any,
    grad: Gradient | None = None,
    iters: int = 500,
    tol: float = 1e-6,
    seed: int = 0,
) -> float:
    """λ_max, the largest eigenvalue of f's Hessian at ``w`` ``(n,)``: the sharpest curvature.

    Power iteration: start from a random unit vector v and repeat v ← H·v / |H·v|; v turns
    towards the eigenvector whose eigenvalue is largest in size, and vᵀHv tends to it.
    H·v comes from two gradients (``hessian_vector_product``), so H (n × n) is never
    formed. If that eigenvalue is negative (a saddle), the iteration is run again on
    H − λ·I, whose largest eigenvalue is λ_max − λ. It stops when vᵀHv changes by less than
    ``tol`` (relative) or after ``iters`` steps. ``grad`` defaults to the numerical gradient
    of f (2n evaluations of f per gradient: pass a backprop gradient for a network).
    """
    require_callable(f)
    w = _vector(w, "w")
    # The numerical gradient is itself a difference (h = 1e-4): its rounding needs a larger ε.
    rel = 1e-4 if grad is None else 1e-6
    grad = _gradient(f, grad)
    iters = bounded_count(iters, "iters", 1, MAX_ITERATIONS, why=_LONG_RUN)
    tol = positive_number(tol, "tol")
    g0 = np.asarray(grad(w.copy()), dtype=float)
    if g0.shape != w.shape:
        raise ValueError(
            _("grad(w) must have the shape of w, {expected}, got {shape}.").format(
                expected=w.shape, shape=g0.shape
            )
        )
    start = np.random.default_rng(seed).standard_normal(w.size)

    def hv(v: np.ndarray) -> np.ndarray:
        return hessian_vector_product(grad, w, v, rel)

    largest = _power_iteration(hv, start, iters, tol)
    if largest >= 0:
        return largest
    # The biggest curvature in size bends down: find the top of the spectrum of H − λ·I.
    return largest + _power_iteration(lambda v: hv(v) - largest * v, start, iters, tol)


# --- choosing the rate ----------------------------------------------------------------------


@dataclass
class RangeTest:
    """What ``lr_range_test`` saw: rates ``(k,)``, losses ``(k,)`` (raw, smoothed), the pick."""

    lrs: np.ndarray
    losses: np.ndarray
    smoothed: np.ndarray
    suggestion: float
    stopped_early: bool


def lr_range_test(
    f: Function,
    w: Any,
    grad: Gradient | None = None,
    lr_min: float = 1e-4,
    lr_max: float = 10.0,
    steps: int = 100,
    stop_factor: float = 4.0,
    smoothing: float = 0.6,
) -> RangeTest:
    """The learning-rate range test (Smith, 2017; fastai's ``lr_find``).

    From ``w``, take ``steps`` descent steps ``w ← w − η_k·grad(w)`` with η_k growing
    exponentially from ``lr_min`` to ``lr_max``, recording f before each step; stop once
    the (smoothed) loss exceeds ``stop_factor`` × its best, or stops being finite. The
    suggested rate is where the smoothed loss falls fastest against log η (the steepest
    part of the curve), never above the rate of the lowest loss. ``w`` is not changed.
    """
    require_callable(f)
    w = _vector(w, "w").copy()
    grad = _gradient(f, grad)
    lr_min = positive_number(lr_min, "lr_min")
    lr_max = positive_number(lr_max, "lr_max")
    if lr_max <= lr_min:
        raise ValueError(
            _("lr_max ({lr_max}) must be larger than lr_min ({lr_min}).").format(
                lr_max=lr_max, lr_min=lr_min
            )
        )
    steps = bounded_count(steps, "steps", 5, MAX_ITERATIONS, why=_LONG_RUN)
    stop_factor = positive_number(stop_factor, "stop_factor")
    if not 0 <= smoothing < 1:
        raise ValueError(_("smoothing must lie in [0, 1), got {value}.").format(value=smoothing))
    lrs = np.geomspace(lr_min, lr_max, steps)
    losses: list[float] = []
    smoothed: list[float] = []
    average = 0.0
    stopped = False
    with np.errstate(over="ignore", invalid="ignore"):
        for k, lr in enumerate(lrs):
            loss = _value(f, w)
            if not np.isfinite(loss):
                stopped = True
                break
            average = smoothing * average + (1 - smoothing) * loss
            losses.append(loss)
            smoothed.append(average / (1 - smoothing ** (k + 1)))  # bias-corrected, as in Adam
            if smoothed[-1] > stop_factor * min(smoothed):
                stopped = True
                break
            w = w - lr * np.asarray(grad(w.copy()), dtype=float)
    n = len(losses)
    if n < 3:
        raise ValueError(
            _(
                "the loss blew up within {n} steps, already at rates from {lr_min:g}: start "
                "the test at a smaller lr_min."
            ).format(n=n, lr_min=lr_min)
        )
    lrs, curve = lrs[:n], np.array(smoothed)
    lowest = int(np.argmin(curve))
    slopes = np.gradient(curve, np.log(lrs))
    steepest = int(np.argmin(slopes[: lowest + 1]))
    return RangeTest(lrs, np.array(losses), curve, float(lrs[steepest]), stopped)


# --- training the book's way, keeping the path ---------------------------------------------------


@dataclass
class TrainingRecord:
    """``record_training``'s result: the book's per-epoch accuracies and the weights' path.

    ``train_accuracy`` and ``test_accuracy`` ``(epochs + 1,)`` start before training;
    ``path`` ``(epochs + 1, n)`` holds the flat weights at the same moments; ``history``
    is ``gv.train``'s record of every step.
    """

    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    path: np.ndarray
    history: TrainingHistory = field(repr=False)
    steps_per_epoch: int = 0


def record_training(
    net: TwoLayerNet,
    x_train: Any,
    t_train: Any,
    x_test: Any,
    t_test: Any,
    lr: float = 0.1,
    epochs: int = 30,
    batch_size: int = 100,
    seed: int = 0,
) -> TrainingRecord:
    """Train ``net`` (in place) by mini-batch descent, as the book's ``train_neuralnet.py``.

    An epoch is ``ceil(len(x_train) / batch_size)`` steps on random mini-batches; after each
    epoch the accuracy on the training and the test data and the weights are recorded.
    """
    epochs = non_negative_int(epochs, "epochs")
    batch_size = count_at_least(batch_size, "batch_size", 1)
    n_train = len(np.asarray(t_train))
    per_epoch = -(-n_train // batch_size)
    train_acc = [net.accuracy(x_train, t_train)]
    test_acc = [net.accuracy(x_test, t_test)]
    path = [flatten(net.params)]

    def at_epoch_end(step: int, net: TwoLayerNet, _history: TrainingHistory) -> None:
        if (step + 1) % per_epoch == 0:
            train_acc.append(net.accuracy(x_train, t_train))
            test_acc.append(net.accuracy(x_test, t_test))
            path.append(flatten(net.params))

    history = train(
        net,
        x_train,
        t_train,
        lr=lr,
        steps=epochs * per_epoch,
        batch_size=batch_size,
        seed=seed,
        callback=at_epoch_end,
    )
    return TrainingRecord(
        np.array(train_acc), np.array(test_acc), np.array(path), history, per_epoch
    )
