"""Training the networks of ``gradviz.nn``, written to be read next to chapter 4 of the book.

* ``train``: mini-batch gradient descent that records loss and accuracy per step
  (``TrainingHistory``).
* ``weight_updates``: the text's example (``BOOK_X``, ``BOOK_T``, ``BOOK_W``), one
  weight update ``W ← W − lr · dW`` at a time (notebook 05).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gradviz._validate import non_negative_int, positive_number
from gradviz.calculus import numerical_gradient
from gradviz.descent import MAX_STEPS
from gradviz.i18n import _
from gradviz.nn import SimpleNet, TwoLayerNet, _inputs

__all__ = ["BOOK_T", "BOOK_W", "BOOK_X", "TrainingHistory", "train", "weight_updates"]


@dataclass
class TrainingHistory:
    """What ``train`` recorded: the loss on each mini-batch and the accuracy on all data."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)

    @property
    def steps(self) -> int:
        return len(self.loss)


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
    t = np.asarray(t)
    if len(t) != len(X):
        raise ValueError(
            _(
                "t has {labels} labels but X has {samples} samples; give one label per row of X."
            ).format(labels=len(t), samples=len(X))
        )
    batch_size = min(non_negative_int(batch_size, "batch_size") or 1, len(X))
    if gradient not in ("analytic", "numerical"):
        raise ValueError(
            _("gradient must be 'analytic' or 'numerical', got {value!r}.").format(value=gradient)
        )
    rng = np.random.default_rng(seed)
    history = TrainingHistory()
    for step in range(steps):
        batch = rng.choice(len(X), size=batch_size, replace=False)
        xb, tb = X[batch], t[batch]
        grads = net.gradient(xb, tb) if gradient == "analytic" else net.numerical_gradient(xb, tb)
        for name, value in net.params.items():
            value -= lr * grads[name]  # in place: the weights are updated, not replaced
        history.loss.append(net.loss(xb, tb))
        history.accuracy.append(net.accuracy(X, t))
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

    def f(_unused):
        return net.loss(x, t)

    Ws, dWs, losses = [], [], []
    for _step in range(steps + 1):
        dW = numerical_gradient(f, net.W)  # the text's pattern: nudges net.W in place
        Ws.append(net.W.copy())
        dWs.append(dW)
        losses.append(net.loss(x, t))
        net.W -= lr * dW
    return np.array(Ws), np.array(dWs), np.array(losses)
