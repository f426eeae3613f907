"""Small neural networks, written to be read next to chapter 4 of the book.

* ``softmax`` and ``cross_entropy_error``: numerically stable, for one sample or a batch,
  with labels one-hot or as class indices.
* ``SimpleNet``: the text's 2→3 network, one weight matrix ``W``.
* ``TwoLayerNet``: affine → ReLU/sigmoid → affine → softmax, with the gradient two
  ways: ``numerical_gradient`` (slow, obviously right) and ``gradient`` (backpropagation,
  fast), and ``gradient_check`` comparing them.

The toy data sets (``make_spirals``, ``make_blobs``) are in ``gradviz.data``, and
``train``, ``TrainingHistory`` and the text's example (``BOOK_*``, ``weight_updates``)
in ``gradviz.training`` (which builds on this module).
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np

from gradviz._validate import (
    as_array,
    check_memory,
    count_at_least,
    finite_result,
    non_negative_number,
    numeric_array,
    real_array,
)
from gradviz.calculus import numerical_gradient
from gradviz.i18n import _
from gradviz.precision import ZeroGradientWarning

__all__ = ["SimpleNet", "TwoLayerNet", "cross_entropy_error", "softmax"]


# --- the building blocks ---------------------------------------------------------


def softmax(a: Any) -> np.ndarray:
    """Softmax over the last axis: ``(n,)`` → ``(n,)``, ``(batch, n)`` → ``(batch, n)``.

    Subtracting the maximum first changes nothing mathematically and keeps
    ``exp`` from overflowing for large inputs (the book's trick). A score of −inf gets
    probability 0; a single +inf in a row gets all of it (the limit). NaN, two +inf in
    one row (no limit) and a row of −inf only (nothing to share out) are refused.
    """
    a = numeric_array(a, "a")
    if a.ndim == 0 or a.shape[-1] == 0:
        raise ValueError(
            _(
                "softmax needs scores, a vector (n,) or a table (batch, n) with n ≥ 1, "
                "got shape {shape}."
            ).format(shape=a.shape)
        )
    if np.any(np.isnan(a)):
        raise ValueError(
            _("the scores contain NaN: {scores}. Check how they were computed.").format(
                scores=np.array2string(a, precision=4)
            )
        )
    top = np.max(a, axis=-1, keepdims=True)
    tops = np.sum(np.isposinf(a), axis=-1)
    if np.any(np.isneginf(top)) or np.any(tops > 1):
        raise ValueError(
            _(
                "softmax is undefined for {scores}: a row with two scores of +inf (which is "
                "larger?) or with every score −inf (nothing to share out). Use finite scores."
            ).format(scores=np.array2string(a, precision=4))
        )
    with np.errstate(over="ignore", invalid="ignore"):  # 1e308 − (−1e308) is −inf: share 0
        shifted = np.where(np.isposinf(a), 0.0, a - top)  # +inf − +inf: its own share, 0
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def _labels_as_indices(t: Any, n_classes: int, batch: int) -> np.ndarray:
    """Labels → class indices ``(batch,)``, from one-hot rows or from indices."""
    t = as_array(t, "t")
    one_hot_shape = (n_classes,) if batch == 1 else (batch, n_classes)
    if t.shape == one_hot_shape and n_classes > 1:
        rows = t.reshape(batch, n_classes)
        if not (np.all((rows == 0) | (rows == 1)) and np.all(rows.sum(axis=1) == 1)):
            raise ValueError(_("one-hot labels must hold a single 1 per row and 0s elsewhere."))
        return np.argmax(rows, axis=1)
    idx = t.reshape(-1)
    if idx.size != batch or idx.dtype.kind not in "iu":
        raise ValueError(
            _(
                "labels must be one-hot of shape {one_hot_shape} or {batch} integer class "
                "indices, got an array of shape {shape} and dtype {dtype}."
            ).format(one_hot_shape=one_hot_shape, batch=batch, shape=t.shape, dtype=t.dtype)
        )
    if np.any(idx < 0) or np.any(idx >= n_classes):
        raise ValueError(
            _("class indices must lie in 0..{last}, got {value}.").format(
                last=n_classes - 1, value=idx
            )
        )
    return idx


def cross_entropy_error(y: Any, t: Any) -> float:
    """Mean of −log(probability given to the right class).

    ``y`` holds probabilities, ``(n,)`` or ``(batch, n)``; ``t`` one-hot labels of the
    same shape or class indices (an int, or ``(batch,)``). Probabilities are floored
    at 1e-12 so that a confident wrong answer costs a lot but never infinity.
    """
    y = numeric_array(y, "y")
    if y.ndim not in (1, 2) or y.size == 0:
        raise ValueError(
            _(
                "y must hold probabilities, shape (n,) for one sample or (batch, n), "
                "got shape {shape}."
            ).format(shape=y.shape)
        )
    batch = 1 if y.ndim == 1 else y.shape[0]
    y2 = y.reshape(batch, -1)
    sums = y2.sum(axis=1)
    if not (np.all(np.isfinite(y2)) and np.all((y2 >= 0) & (y2 <= 1))) or np.any(
        np.abs(sums - 1) > 0.01
    ):
        raise ValueError(
            _(
                "cross_entropy_error needs probabilities: numbers from 0 to 1 that add up to 1 "
                "in each row, but got {y} (row sums {sums}). If these are a network's scores "
                "(logits), turn them into probabilities first: cross_entropy_error(softmax(y), t)."
            ).format(y=np.array2string(y, precision=4), sums=np.array2string(sums, precision=4))
        )
    idx = _labels_as_indices(t, y2.shape[1], batch)
    picked = y2[np.arange(batch), idx]
    return float(-np.mean(np.log(np.maximum(picked, 1e-12))))


def _softmax_loss(logits: np.ndarray, t: Any) -> float:
    """Cross-entropy of softmax(logits), via log-sum-exp: exact even for huge logits."""
    logits = np.asarray(logits, dtype=float)
    batch = 1 if logits.ndim == 1 else logits.shape[0]
    z = logits.reshape(batch, -1)
    idx = _labels_as_indices(t, z.shape[1], batch)
    zmax = z.max(axis=1, keepdims=True)
    log_sum = np.log(np.sum(np.exp(z - zmax), axis=1)) + zmax[:, 0]
    return float(np.mean(log_sum - z[np.arange(batch), idx]))


def _scores_loss(scores: np.ndarray, t: Any) -> float:
    """Cross-entropy of softmax(scores), never floored: SimpleNet's loss.

    Where the right class's probability is a normal float this is the text's
    ``−log softmax(z)_t``, bit for bit (the book's numbers do not move); where it
    underflows (a confidently wrong network), log-sum-exp ``log Σ exp(z − max) − (z_t − max)``
    takes over, so the loss and its gradient stay exact instead of hitting a floor.
    """
    scores = np.asarray(scores, dtype=float)
    batch = 1 if scores.ndim == 1 else scores.shape[0]
    z = scores.reshape(batch, -1)
    idx = _labels_as_indices(t, z.shape[1], batch)
    rows = np.arange(batch)
    shifted = z - np.max(z, axis=1, keepdims=True)
    e = np.exp(shifted)
    total = np.sum(e, axis=1, keepdims=True)
    picked = (e / total)[rows, idx]
    loss = -np.log(np.maximum(picked, np.finfo(float).tiny))
    tiny = picked < np.finfo(float).tiny
    loss[tiny] = np.log(total[tiny, 0]) - shifted[rows, idx][tiny]
    return float(np.mean(loss))


def _inputs(x: Any, width: int, name: str = "x") -> np.ndarray:
    """Network inputs as float64 ``(batch, width)``; one sample ``(width,)`` stays 1-D."""
    arr = numeric_array(x, name)
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr.reshape(arr.shape or (1,))))
        raise ValueError(
            _(
                "{name} contains NaN or infinity in {count} place(s), the first at index "
                "{index}. A network cannot learn from missing numbers: "
                "remove those samples or fill them in first."
            ).format(name=name, count=len(bad), index=tuple(int(i) for i in bad[0]))
        )
    if arr.shape == (width,) or (arr.ndim == 2 and arr.shape[1] == width):
        return arr
    raise ValueError(
        _(
            "{name} must hold {width} numbers per sample: shape ({width},) for one sample or "
            "(batch, {width}) for several, but got shape {shape}. The network was built "
            "for {width} inputs."
        ).format(name=name, width=width, shape=arr.shape)
    )


# --- the text's simpleNet ------------------------------------------------------------


class SimpleNet:
    """The text's network: 2 inputs, 3 outputs, one weight matrix ``W`` of shape (2, 3).

    ``SimpleNet(seed=0)`` draws ``W`` from a seeded normal distribution;
    ``SimpleNet(W=...)`` uses the matrix you give (copied to floats).
    """

    def __init__(self, W: Any = None, seed: int = 0) -> None:
        if W is None:
            W = np.random.default_rng(count_at_least(seed, "seed", 0)).standard_normal((2, 3))
        W = real_array(W, "W")
        if W.shape != (2, 3):
            raise ValueError(_("W must have shape (2, 3), got {shape}.").format(shape=W.shape))
        self.W = W

    def predict(self, x: Any) -> np.ndarray:
        """Scores ``x @ W``: ``(2,)`` → ``(3,)`` or ``(batch, 2)`` → ``(batch, 3)``."""
        return _inputs(x, np.shape(self.W)[0]) @ self.W

    def loss(self, x: Any, t: Any) -> float:
        """Cross-entropy of softmax(predict(x)) against the labels t.

        The same number as ``cross_entropy_error(softmax(z), t)``, but without its 1e-12
        floor, and through log-sum-exp where the probability underflows: a confidently
        wrong network still has its true gradient instead of a flat, floored loss.
        """
        return _scores_loss(self.predict(x), t)


# --- a two-layer network with backpropagation -------------------------------------------


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # = 1 / (1 + e^-a), without overflow


class TwoLayerNet:
    """affine → activation → affine → softmax, with parameters ``W1, b1, W2, b2``.

    ``W1`` is ``(input_size, hidden_size)``, ``W2`` is ``(hidden_size, output_size)``.
    Weights start as seeded He-scaled normals (std ``sqrt(2 / fan_in)``), biases at 0.
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        activation: str = "relu",
        seed: int = 0,
        weight_scale: float | None = None,
    ) -> None:
        input_size = count_at_least(input_size, "input_size", 1)
        hidden_size = count_at_least(hidden_size, "hidden_size", 1)
        output_size = count_at_least(output_size, "output_size", 1)
        weights = input_size * hidden_size + hidden_size * output_size
        check_memory(
            16 * weights,  # the weights, and the random numbers they are drawn from
            _("A network with {weights:,} weights").format(weights=weights),
            _("Use fewer hidden units: a few dozen classify the toy data sets well."),
        )
        if weight_scale is not None:
            if isinstance(weight_scale, bool) or not isinstance(weight_scale, numbers.Real):
                raise TypeError(
                    _(
                        "weight_scale must be a number such as 0.01 (or None for He scaling), "
                        "got {type_name} {value!r}."
                    ).format(type_name=type(weight_scale).__name__, value=weight_scale)
                )
            weight_scale = non_negative_number(weight_scale, "weight_scale")
        if not isinstance(activation, str) or activation not in ("relu", "sigmoid"):
            raise ValueError(
                _("activation must be 'relu' or 'sigmoid', got {value!r}.").format(value=activation)
            )

        self.activation = activation
        rng = np.random.default_rng(count_at_least(seed, "seed", 0))
        s1 = np.sqrt(2.0 / input_size) if weight_scale is None else float(weight_scale)
        s2 = np.sqrt(2.0 / hidden_size) if weight_scale is None else float(weight_scale)
        with np.errstate(over="ignore"):
            self.params: dict[str, np.ndarray] = {
                "W1": s1 * rng.standard_normal((input_size, hidden_size)),
                "b1": np.zeros(hidden_size),
                "W2": s2 * rng.standard_normal((hidden_size, output_size)),
                "b2": np.zeros(output_size),
            }
        for value in self.params.values():
            finite_result(value, _("weight_scale = {value:g}").format(value=s1))

    def _hidden(self, a1: np.ndarray) -> np.ndarray:
        return np.maximum(a1, 0.0) if self.activation == "relu" else _sigmoid(a1)

    def predict(self, x: Any) -> np.ndarray:
        """Class scores (logits), ``(batch, output_size)``."""
        p = self.params
        x = _inputs(x, p["W1"].shape[0])
        return self._hidden(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]

    def loss(self, x: Any, t: Any) -> float:
        """Mean cross-entropy of softmax(predict(x)) against t."""
        return _softmax_loss(self.predict(x), t)

    def accuracy(self, x: Any, t: Any) -> float:
        """Fraction of samples whose highest score is the right class."""
        scores = np.atleast_2d(self.predict(x))
        idx = _labels_as_indices(t, scores.shape[1], scores.shape[0])
        return float(np.mean(np.argmax(scores, axis=1) == idx))

    def numerical_gradient(self, x: Any, t: Any, h: float = 1e-4) -> dict[str, np.ndarray]:
        """The gradient of the loss for every parameter, by central differences.

        The text's pattern: ``f`` ignores its argument and reads the parameters, which
        ``gv.numerical_gradient`` nudges in place (and restores).
        """

        def f(_unused):
            return self.loss(x, t)

        with warnings.catch_warnings():  # a zero gradient is right for a dead ReLU unit
            warnings.simplefilter("ignore", ZeroGradientWarning)
            return {name: numerical_gradient(f, value, h) for name, value in self.params.items()}

    def gradient(self, x: Any, t: Any) -> dict[str, np.ndarray]:
        """The same gradient by backpropagation: one forward and one backward pass."""
        p = self.params
        x = _inputs(x, p["W1"].shape[0]).reshape(-1, p["W1"].shape[0])
        batch = x.shape[0]
        a1 = x @ p["W1"] + p["b1"]
        z1 = self._hidden(a1)
        y = softmax(z1 @ p["W2"] + p["b2"])
        idx = _labels_as_indices(t, y.shape[1], batch)
        dy = y.copy()
        dy[np.arange(batch), idx] -= 1.0
        dy /= batch  # d loss / d logits
        grads = {"W2": z1.T @ dy, "b2": dy.sum(axis=0)}
        dz1 = dy @ p["W2"].T
        da1 = dz1 * (a1 > 0) if self.activation == "relu" else dz1 * z1 * (1.0 - z1)
        grads["W1"] = x.T @ da1
        grads["b1"] = da1.sum(axis=0)
        return grads

    def gradient_check(self, x: Any, t: Any) -> dict[str, float]:
        """Largest relative difference between the two gradients, per parameter.

        ``|a − b| / max(|a| + |b|, 1e-8)``: about 1e-8 or less means they agree.
        """
        num = self.numerical_gradient(x, t)
        ana = self.gradient(x, t)
        return {
            name: float(
                np.max(
                    np.abs(num[name] - ana[name])
                    / np.maximum(np.abs(num[name]) + np.abs(ana[name]), 1e-8)
                )
            )
            for name in self.params
        }
