"""Checkers of notebook 09: the loss landscape of the digits network."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gradviz.check.base import CheckResult, _as_number, _blank, _hint, _is_blank, _ok, exercise
from gradviz.i18n import N_, _

#: Exercise 2's Hessian: the curvature matrix of f(w) = 1.5·w0² + w0·w1 + w1².
POWER_MATRIX = np.array([[3.0, 1.0], [1.0, 2.0]])


@exercise(answer=lambda: 64 * 100 + 100 + 100 * 10 + 10)
def weight_count(answer: Any) -> CheckResult:
    """Exercise 1: how many numbers ``TwoLayerNet(64, 100, 10)`` learns."""
    if _is_blank(answer):
        return _blank(N_("the number of weights"))
    value = _as_number(answer)
    if value is None or not value.is_integer():
        return _hint(
            _("the number of weights is one whole number, got {answer!r}.").format(answer=answer)
        )
    expected = weight_count.answer()
    if value == expected:
        return _ok(
            _("{count} numbers: a point in a space of {count} dimensions.").format(count=int(value))
        )
    if value == 64 * 100 + 100 * 10:
        return _hint(_("that counts W1 and W2; the biases b1 and b2 are learned too."))
    return _hint(
        _(
            "{value:g} is not it: W1 has one weight per input per hidden unit; add W2, b1 and b2."
        ).format(value=value)
    )


def _power_answer() -> float:
    return float(np.linalg.eigvalsh(POWER_MATRIX)[-1])


@exercise(answer=_power_answer)
def power_iteration_estimate(answer: Any) -> CheckResult:
    """Exercise 2: λ_max of ``POWER_MATRIX`` by twenty steps of power iteration."""
    if _is_blank(answer):
        return _blank(N_("your estimate of λ_max"))
    value = _as_number(answer)
    if value is None:
        return _hint(
            _("the estimate should be one number, vᵀHv, got {answer!r}.").format(answer=answer)
        )
    expected = power_iteration_estimate.answer()
    if math.isclose(value, expected, rel_tol=1e-6):
        return _ok(_("λ_max ≈ {value:.6f}, the largest eigenvalue of H.").format(value=value))
    smallest = float(np.linalg.eigvalsh(POWER_MATRIX)[0])
    if math.isclose(value, smallest, rel_tol=1e-3):
        return _hint(_("that is the smallest eigenvalue: multiply by H, do not solve with it."))
    if math.isclose(value, 3.0, rel_tol=1e-9):
        return _hint(_("that is vᵀHv for the starting v = (1, 0): repeat v ← Hv / |Hv| first."))
    return _hint(
        _(
            "{value:.6g} is not it yet: after each v ← Hv / |Hv|, the estimate is vᵀHv "
            "(v has length 1)."
        ).format(value=value)
    )


#: Exercise 3 asks for the largest stable rate at the weights after this epoch of training.
STABLE_RATE_EPOCH = 10


def _stable_rate() -> float:
    from gradviz.data import load_digits
    from gradviz.landscape import network_objective, record_training, sharpness
    from gradviz.nn import TwoLayerNet

    (x_train, t_train), (x_test, t_test) = load_digits()
    net = TwoLayerNet(64, 50, 10, seed=0)
    record = record_training(net, x_train, t_train, x_test, t_test, lr=0.5, epochs=30)
    f = network_objective(net, x_train, t_train)
    return 2.0 / sharpness(f, record.path[STABLE_RATE_EPOCH], grad=f.gradient)


@exercise(answer=_stable_rate)
def largest_stable_rate(answer: Any) -> CheckResult:
    """Exercise 3: the largest full-batch rate that is stable at the weights after epoch 10."""
    if _is_blank(answer):
        return _blank(N_("the largest stable rate"))
    value = _as_number(answer)
    if value is None or value <= 0:
        return _hint(
            _("the rate should be one positive number, got {answer!r}.").format(answer=answer)
        )
    expected = largest_stable_rate.answer()
    if math.isclose(value, expected, rel_tol=0.03):
        return _ok(_("η < 2/λ_max ≈ {rate:.3g} after epoch 10.").format(rate=value))
    if math.isclose(value, expected / 2, rel_tol=0.03):
        return _hint(_("that is 1/λ_max: the bowl of notebook 04 allowed twice that."))
    if math.isclose(value, 2.0 / expected, rel_tol=0.03):
        return _hint(_("that is λ_max itself: the rate is 2 divided by λ_max."))
    return _hint(
        _(
            "{value:.4g} is not it: compute λ_max at record.path[10] with gv.sharpness, "
            "then use the rule of notebook 04."
        ).format(value=value)
    )
