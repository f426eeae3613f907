"""Checkers of the neural-network exercises of notebooks 05 and 06.

The gradient of the book's simpleNet, its negative column, its loss after a few
updates, the gradient for b2 of a two-layer net, and training settings that classify
the spirals. The book's example inputs (``BOOK_W``, ``BOOK_X``, ``EXAMPLE_X``,
``EXAMPLE_T``) live here too; the notebooks never show the expected answers. Each
checker's expected answer is set here as ``checker.answer``; the package's ``__init__``
registers them as exercises.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np

from gradviz.calculus import numerical_gradient
from gradviz.check.base import (
    CheckResult,
    _as_array,
    _as_number,
    _blank,
    _hint,
    _is_blank,
    _learning_rate,
    _ok,
    _shown,
)
from gradviz.i18n import N_, _

#: The largest hidden layer ``training_settings`` will train (more only takes longer).
MAX_HIDDEN = 1000
#: ``training_settings`` judges the median accuracy over this many last steps.
RECENT_STEPS = 25


def training_settings(lr: Any, hidden: Any, steps: int = 500, target: float = 0.95) -> CheckResult:
    """Check that a two-layer net with these settings classifies the spirals well enough."""
    from gradviz.data import make_spirals
    from gradviz.nn import TwoLayerNet
    from gradviz.training import TrainingDivergedWarning, train

    if _is_blank(lr) or _is_blank(hidden):
        return _blank(N_("the learning rate and the hidden size"))
    rate = _learning_rate(lr)
    if isinstance(rate, CheckResult):
        return rate
    units = _as_number(hidden)
    if units is None or units < 1 or units != int(units) or units > MAX_HIDDEN:
        return _hint(
            _("the hidden size should be a whole number from 1 to {max}, got {hidden!r}.").format(
                max=MAX_HIDDEN, hidden=hidden
            )
        )
    X, t = make_spirals(100, classes=3, seed=0)
    with warnings.catch_warnings():  # a diverging run gets the hint below instead
        warnings.simplefilter("ignore", TrainingDivergedWarning)
        history = train(TwoLayerNet(2, int(units), 3, seed=0), X, t, lr=rate, steps=steps, seed=0)
    if history.diverged_at is not None:
        return _hint(
            _("the weights overflowed at step {step}: the learning rate is far too large.").format(
                step=history.diverged_at
            )
        )
    # With mini-batches the accuracy wobbles by a few percent from step to step: judge the
    # median of the last RECENT_STEPS steps, not whichever value the last step happens to hit.
    accuracy = float(np.median(history.accuracy[-RECENT_STEPS:]))
    if accuracy >= target:
        return _ok(
            _(
                "lr = {lr:g}, {hidden} hidden units: a median accuracy of {accuracy:.1%} over "
                "the last {window} of {steps} steps."
            ).format(
                lr=rate, hidden=int(units), accuracy=accuracy, window=RECENT_STEPS, steps=steps
            )
        )
    if not np.isfinite(history.loss[-1]) or history.loss[-1] > history.loss[0]:
        return _hint(
            _("the loss grew ({first:.2f} → {last:.2f}): the learning rate is too large.").format(
                first=history.loss[0], last=history.loss[-1]
            )
        )
    return _hint(
        _(
            "a median accuracy of {accuracy:.1%} over the last {window} of {steps} steps; aim "
            "for {target:.0%}. Ask the explorer: which setting changes the shapes the regions "
            "can take, and which the speed?"
        ).format(accuracy=accuracy, window=RECENT_STEPS, steps=steps, target=target)
    )


training_settings.answer = lambda: (1.0, 32)  # one of many right answers


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
    shown = _shown(name)
    got = _as_array(answer)  # None for complex, ragged or out-of-range answers
    if got is None:
        return _hint(
            _("{name} should be an array of numbers, got {answer!r}.").format(
                name=shown, answer=answer
            )
        )
    if got.shape != expected.shape:
        return _hint(
            _("{name} should have the shape of W, {expected}, got {got}.").format(
                name=shown, expected=expected.shape, got=got.shape
            )
        )
    if np.allclose(got, expected, rtol=1e-4, atol=1e-6):
        return _ok(_("{name} matches, entry by entry.").format(name=shown))
    if np.allclose(got, -expected, rtol=1e-4, atol=1e-6):
        return _hint(_("{name} points the opposite way: check the sign.").format(name=shown))
    return _hint(_("{name} is not right yet: {hint}").format(name=shown, hint=_shown(hint)))


def class1_gradient(dW1: Any) -> CheckResult:
    """Notebook 05: ∂L/∂W at the book's W for the input [1.0, 0.5] of class 1."""
    return _matrix(
        N_("dW for class 1"),
        dW1,
        class1_gradient.answer(),
        N_(
            "use the book's pattern of section 3 with the new network net1, input x1 and labels t1."
        ),
    )


class1_gradient.answer = lambda: _book_net_gradient(EXAMPLE_X, EXAMPLE_T)


#: Exercise 2's input: the book's x with its second entry negative.
SIGNS_X = np.array([0.6, -0.9])


def _index(value: Any) -> int:
    """A whole-number index: ints (numpy's too) and whole floats, never bools, text or 1.7."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(value)
    if not float(value).is_integer():
        raise ValueError(value)
    return int(value)


def _pairs(answer: Any) -> set[tuple[int, int]] | None:
    """``answer`` as a set of (row, column) pairs of W's indices, or None."""
    if isinstance(answer, (str, bytes)):
        return None
    try:
        pairs = {tuple(_index(i) for i in pair) for pair in answer}
    except (TypeError, ValueError, OverflowError):
        return None
    if not all(len(p) == 2 and p[0] in (0, 1) and p[1] in (0, 1, 2) for p in pairs):
        return None
    return pairs


def negative_entries(answer: Any) -> CheckResult:
    """Notebook 05: the (row, column) pairs of the negative entries of dW for the input
    [0.6, -0.9] and the label [0, 1, 0], found from the signs of x_i and y_j − t_j."""
    if _is_blank(answer):
        return _blank(N_("the negative entries"))
    pairs = _pairs(answer)
    if pairs is None:
        return _hint(
            _(
                "give a set of (row, column) pairs, rows 0-1 and columns 0-2, written like "
                "{example}; got {answer!r}."
            ).format(example="{(0, 0)}", answer=answer)
        )
    truth = negative_entries.answer()
    if pairs == truth:
        return _ok(
            _(
                "{pairs}: the sign of dW[i, j] is the sign of x_i times the sign of y_j − t_j, "
                "and y_j − t_j is negative only for the right class."
            ).format(pairs=sorted(truth))
        )
    rows = {i for i, _j in pairs ^ truth}
    return _hint(
        _(
            "row {row} is not right yet. dW[i, j] = x_i (y_j − t_j): which y_j − t_j are "
            "negative, and what does the sign of x_{row} do to them?"
        ).format(row=min(rows))
    )


negative_entries.answer = lambda: {
    (int(i), int(j)) for i, j in np.argwhere(_book_net_gradient(SIGNS_X, EXAMPLE_T) < 0)
}


def loss_after_updates(answer: Any, updates: int = 3, lr: float = 1.0) -> CheckResult:
    """Notebook 05: the loss of the book's simpleNet after ``updates`` steps of rate ``lr``."""
    if _is_blank(answer):
        return _blank(N_("the loss after three updates"))
    value = _as_number(answer)
    if value is None:
        return _hint(_("the loss should be one number, got {answer!r}.").format(answer=answer))
    expected = loss_after_updates.answer(updates, lr)
    if math.isclose(value, expected, rel_tol=1e-6):
        return _ok(
            _("after {updates} updates with η = {lr:g} the loss is {loss:.6g}.").format(
                updates=updates, lr=lr, loss=value
            )
        )
    from gradviz.nn import SimpleNet

    first = SimpleNet(W=BOOK_W).loss(BOOK_X, np.array([0, 0, 1]))
    if math.isclose(value, first, rel_tol=1e-6):
        return _hint(_("that is the loss before any update: did the updates change net3.W?"))
    if value > first:
        return _hint(_("the loss went up: subtract η·dW from W, do not add it."))
    return _hint(
        _(
            "{loss:.6g} is not it: recompute dW at the new W before each of the "
            "{updates} updates, and use η = {lr:g}."
        ).format(loss=value, updates=updates, lr=lr)
    )


def _loss_after_updates(updates: int = 3, lr: float = 1.0) -> float:
    from gradviz.nn import SimpleNet

    net, t = SimpleNet(W=BOOK_W), np.array([0, 0, 1])
    for _update in range(updates):
        net.W -= lr * numerical_gradient(lambda _w: net.loss(BOOK_X, t), net.W)
    return float(net.loss(BOOK_X, t))


loss_after_updates.answer = _loss_after_updates


def b2_gradient(db2: Any) -> CheckResult:
    """Notebook 06: ∂L/∂b2 of ``TwoLayerNet(2, 8, 3, seed=2)`` on the first 10 spiral points."""
    return _matrix(
        N_("the gradient for b2"),
        db2,
        b2_gradient.answer(),
        N_(
            "nudge the network's own array net2.params['b2'] (not a copy), "
            "with a loss on xb and tb."
        ),
    )


def _b2_gradient() -> np.ndarray:
    from gradviz.data import make_spirals
    from gradviz.nn import TwoLayerNet

    X, t = make_spirals(100, classes=3, seed=0)
    return TwoLayerNet(2, 8, 3, seed=2).gradient(X[:10], t[:10])["b2"]


b2_gradient.answer = _b2_gradient
