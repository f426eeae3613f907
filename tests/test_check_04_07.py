"""Checkers of notebooks 04-07: the answer passes, wrong tries get a hint that hides it."""

import numpy as np
import pytest

import gradviz as gv

CHECKERS = [
    gv.check.class1_gradient,
    gv.check.negative_entries,
    gv.check.loss_after_updates,
    gv.check.b2_gradient,
    gv.check.best_learning_rate,
    gv.check.two_minima_end,
    gv.check.fast_learning_rate,
    gv.check.diverging_rates,
]


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_the_answer_passes_and_a_blank_does_not(checker):
    assert checker(checker.answer())
    assert not checker(...)


def numbers_in(message):
    return [float(m) for m in __import__("re").findall(r"-?\d+\.\d+", message)]


def hides(answer, message):
    values = np.atleast_1d(np.asarray(sorted(answer) if isinstance(answer, set) else answer))
    return not any(np.isclose(v, w, rtol=1e-3) for v in values.ravel() for w in numbers_in(message))


def test_answers_come_from_the_definitions():
    net = gv.SimpleNet(W=gv.check.BOOK_W)
    y = gv.softmax(net.predict(gv.check.EXAMPLE_X))
    assert np.allclose(
        gv.check.class1_gradient.answer(), np.outer(gv.check.EXAMPLE_X, y - [0, 1, 0])
    )
    assert gv.check.negative_entries.answer() == {(0, 1), (1, 0), (1, 2)}
    signs = np.sign(
        np.outer(gv.check.SIGNS_X, gv.softmax(net.predict(gv.check.SIGNS_X)) - [0, 1, 0])
    )
    assert {tuple(p) for p in np.argwhere(signs < 0)} == gv.check.negative_entries.answer()
    lrs = np.linspace(0.001, 0.09, 8901)
    worst = np.maximum(abs(1 - 2 * lrs), abs(1 - 50 * lrs))
    assert gv.check.best_learning_rate.answer() == pytest.approx(lrs[worst.argmin()], abs=1e-5)
    assert gv.check.two_minima_end.answer() == pytest.approx(gv.two_minima.minima[0][0], abs=1e-3)
    assert gv.check.diverging_rates.answer() == {0.11, 0.2}


def test_wrong_tries_get_hints_that_hide_the_answer():
    answer = gv.check.class1_gradient.answer()
    wrong = answer.copy()
    wrong[0, 0] += 1
    assert not gv.check.class1_gradient(wrong)
    assert "opposite" in gv.check.class1_gradient(-answer).message
    assert "shape" in gv.check.class1_gradient(answer[0]).message
    for checker, tries in [
        (gv.check.loss_after_updates, [0.5, 0.9280685, 2.0]),
        (gv.check.best_learning_rate, [0.02, 0.05, 0.1]),
        (gv.check.two_minima_end, [0.96, 0.0, 1.04]),
        (gv.check.b2_gradient, [[0.0, 0.0, 0.0]]),
    ]:
        for value in tries:
            result = checker(value)
            assert not result, (checker.__name__, value)
            assert hides(checker.answer(), result.message), result.message
    for tries in [{(0, 1)}, {(0, 2), (1, 2)}, set(), {(0, 1), (1, 0), (1, 2), (0, 0)}]:
        result = gv.check.negative_entries(tries)
        assert not result and "row" in result.message and "(1, 0)" not in result.message
    assert "pairs" in gv.check.negative_entries([1, 2]).message
    assert "pairs" in gv.check.negative_entries({(2, 0)}).message
    assert "before any update" in gv.check.loss_after_updates(0.9280685387482351).message
    assert "x1 by -1.5" in gv.check.best_learning_rate(0.05).message
    assert "other minimum" in gv.check.two_minima_end(0.96).message
    for chosen in [{0.2}, {0.11}, {0.05, 0.11, 0.2}, set()]:
        message = gv.check.diverging_rates(chosen).message
        assert "0.11" not in message and "0.2," not in message, message
