"""Training the networks of ``gradviz.nn``, written to be read next to chapter 4 of the book.

* ``train``: mini-batch gradient descent that records loss and accuracy per step
  (``TrainingHistory``).
* ``weight_updates``: the text's example (``BOOK_X``, ``BOOK_T``, ``BOOK_W``), one
  weight update ``W ← W − lr · dW`` at a time (notebook 05).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradviz._validate import (
    as_array,
    check_time,
    count_at_least,
    non_negative_int,
    positive_number,
    require_callable,
)
from gradviz.calculus import numerical_gradient
from gradviz.descent import MAX_STEPS
from gradviz.i18n import _
from gradviz.nn import SimpleNet, TwoLayerNet, _inputs

__all__ = [
    "BOOK_T",
    "BOOK_W",
    "BOOK_X",
    "TrainingDivergedWarning",
    "TrainingHistory",
    "train",
    "weight_updates",
]


class TrainingDivergedWarning(UserWarning):
    """``train`` stopped because the weights or the loss overflowed (the rate is too large)."""


@dataclass
class TrainingHistory:
    """What ``train`` recorded: the loss on each mini-batch and the accuracy on all data.

    ``diverged_at`` is the step at which the weights or the loss stopped being finite
    (training stopped there, the network keeping its last finite weights), else None;
    ``stop_message`` says so in words.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    diverged_at: int | None = None
    stop_message: str = ""

    @property
    def steps(self) -> int:
        return len(self.loss)


def _diverged(history: TrainingHistory, step: int, lr: float) -> None:
    """Note (and warn) that training stopped at ``step`` because the numbers overflowed."""
    history.diverged_at = step
    history.stop_message = _(
        "Training diverged at step {step}: with lr = {lr:g} the weights or the loss grew "
        "beyond what floating point can hold (about 1.8e308), so training stopped there "
        "and the network keeps its last finite weights. The learning rate is too large: "
        "try a smaller one."
    ).format(step=step, lr=lr)
    warnings.warn(history.stop_message, TrainingDivergedWarning, stacklevel=3)


#: How many steps are timed before a long run is refused (the first may be slow to warm up).
_TIMED_STEPS = 3


def _check_steps(steps: int, each: float, what: str) -> None:
    """Refuse ``steps`` steps of ``each`` seconds if they would take over a minute."""
    check_time(
        min(steps, 10**15) * each,  # a huge int times a float would overflow
        what.format(steps=steps),
        _("Use fewer steps (a few hundred show the whole story), or a smaller network."),
    )


def _numerical_cost(net: TwoLayerNet, xb: np.ndarray, tb: np.ndarray, steps: int) -> None:
    """Refuse at once numerical-gradient training that would take over a minute."""
    start = time.perf_counter()
    net.loss(xb, tb)
    each = time.perf_counter() - start
    weights = sum(value.size for value in net.params.values())
    check_time(
        steps * 2 * weights * each,
        _("{steps} steps of training with the numerical gradient ({weights:,} weights)").format(
            steps=steps, weights=weights
        ),
        _("Use gradient='analytic' (backpropagation), fewer steps, or a smaller network."),
    )


def train(
    net: TwoLayerNet,
    X: np.ndarray,
    t: np.ndarray,
    lr: float = 0.5,
    steps: int = 1000,
    batch_size: int = 32,
    seed: int = 0,
    gradient: str = "analytic",
    callback: Callable[[int, TwoLayerNet, TrainingHistory], Any] | None = None,
) -> TrainingHistory:
    """Mini-batch gradient descent: ``param ← param − lr · ∂loss/∂param`` for ``steps`` steps.

    Each step draws ``batch_size`` samples (seeded), computes the gradient
    (``"analytic"`` backpropagation or ``"numerical"``), updates every parameter, and
    records the batch loss and the accuracy on all of ``X``. ``callback(step, net,
    history)`` runs after each step; returning ``False`` stops training early.
    """
    if not isinstance(net, TwoLayerNet):
        raise TypeError(
            _("net must be a network such as gv.TwoLayerNet(2, 16, 3), got {value!r}.").format(
                value=net
            )
        )
    lr = positive_number(lr, "lr")
    steps = non_negative_int(steps, "steps")
    if steps > MAX_STEPS:
        raise ValueError(
            _(
                "steps = {steps} is more than one training run may take ({max_steps}): it "
                "would keep a classroom machine busy for minutes. Use fewer steps."
            ).format(steps=steps, max_steps=MAX_STEPS)
        )
    X = _inputs(X, net.params["W1"].shape[0], "X")
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(
            _("X must be a table of samples, shape (n, features), got {shape}.").format(
                shape=X.shape
            )
        )
    t = as_array(t, "t")
    if t.ndim == 0 or len(t) != len(X):
        raise ValueError(
            _(
                "t has {labels} labels but X has {samples} samples; give one label per row of X."
            ).format(labels=t.size if t.ndim else 1, samples=len(X))
        )
    batch_size = min(non_negative_int(batch_size, "batch_size") or 1, len(X))
    if not isinstance(gradient, str) or gradient not in ("analytic", "numerical"):
        raise ValueError(
            _("gradient must be 'analytic' or 'numerical', got {value!r}.").format(value=gradient)
        )
    if callback is not None:
        require_callable(callback, "callback")
    rng = np.random.default_rng(count_at_least(seed, "seed", 0))
    history = TrainingHistory()
    if gradient == "numerical" and steps:
        _numerical_cost(net, X[:batch_size], t[:batch_size], steps)
    times: list[float] = []
    for step in range(steps):
        start = time.perf_counter()
        batch = rng.choice(len(X), size=batch_size, replace=False)
        xb, tb = X[batch], t[batch]
        with np.errstate(all="ignore"):  # an overflow is reported below, in words
            grads = (
                net.gradient(xb, tb) if gradient == "analytic" else net.numerical_gradient(xb, tb)
            )
            before = {name: value.copy() for name, value in net.params.items()}
            for name, value in net.params.items():
                value -= lr * grads[name]  # in place: the weights are updated, not replaced
            loss = net.loss(xb, tb)
            finite = np.isfinite(loss) and all(np.all(np.isfinite(v)) for v in net.params.values())
        if not finite:
            for name, value in net.params.items():
                value[...] = before[name]
            _diverged(history, step, lr)
            break
        history.loss.append(loss)
        history.accuracy.append(net.accuracy(X, t))
        times.append(time.perf_counter() - start)
        if step == _TIMED_STEPS - 1:  # the fastest of the first steps tells how long all take
            _check_steps(steps, min(times), _("{steps} training steps"))
        if callback is not None and callback(step, net, history) is False:
            break
    return history


# --- the text's example, one weight update at a time (notebook 05) -------------------------

#: The text's example: input, label and the W it prints.
BOOK_X = np.array([0.6, 0.9])
BOOK_T = np.array([0, 0, 1])
BOOK_W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])


def weight_updates(
    W: np.ndarray, x: np.ndarray, t: np.ndarray, lr: float, steps: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Apply ``W ← W − lr · dW`` ``steps`` times to a SimpleNet, dW by numerical gradient.

    Returns ``Ws`` ``(steps+1, 2, 3)``, ``dWs`` ``(steps+1, 2, 3)`` (the gradient at each
    W) and ``losses`` ``(steps+1,)``.
    """
    net = SimpleNet(W=W)
    lr = positive_number(lr, "lr")
    steps = non_negative_int(steps, "steps")

    def f(_unused):
        return net.loss(x, t)

    Ws, dWs, losses, times = [], [], [], []
    for step in range(steps + 1):
        start = time.perf_counter()
        dW = numerical_gradient(f, net.W)  # the text's pattern: nudges net.W in place
        Ws.append(net.W.copy())
        dWs.append(dW)
        losses.append(net.loss(x, t))
        net.W -= lr * dW
        times.append(time.perf_counter() - start)
        if step == _TIMED_STEPS - 1:  # the fastest of the first updates tells how long all take
            _check_steps(steps, min(times), _("{steps} weight updates"))
    return np.array(Ws), np.array(dWs), np.array(losses)
