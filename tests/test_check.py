"""Exercise checkers: right answers pass, wrong answers get a useful hint."""

import numpy as np
import pytest

import gradviz as gv


def central(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_close():
    assert gv.check.close("slope", 0.2, 0.2)
    assert "wrong sign" in gv.check.close("slope", -0.2, 0.2).message
    assert "empty" in gv.check.close("slope", ..., 0.2).message
    assert "one finite number" in gv.check.close("slope", [1, 2], 0.2).message
    assert not gv.check.close("slope", 0.3, 0.2)


def test_difference_function_recognises_common_mistakes():
    assert gv.check.difference_function(central)
    forward = gv.check.difference_function(lambda f, x, h: (f(x + h) - f(x)) / h)
    assert not forward and "forward" in forward.message
    half = gv.check.difference_function(lambda f, x, h: (f(x + h) - f(x - h)) / h)
    assert not half and "factor of 2" in half.message
    assert "define" in gv.check.difference_function(None).message
    boom = gv.check.difference_function(lambda f, x, h: 1 / 0)
    assert "ZeroDivisionError" in boom.message


def test_accurate_step():
    assert gv.check.accurate_step(1e-5)
    assert not gv.check.accurate_step(1e-4)  # the book's step misses e^x at 3 by 3e-8
    assert "too small" in gv.check.accurate_step(1e-14).message
    assert "too large" in gv.check.accurate_step(1e-1).message
    assert not gv.check.accurate_step(-1)


def test_results_render_as_text_and_html():
    ok = gv.check.close("x", 1.0, 1.0)
    assert repr(ok).startswith("✓ Correct!") and "✓" in ok._repr_html_()
    bad = gv.check.close("x", 2.0, 1.0)
    assert repr(bad).startswith("✗ Not yet") and "<div" in bad._repr_html_()


def test_fast_learning_rate():
    assert gv.check.fast_learning_rate(0.4)
    assert "too small" in gv.check.fast_learning_rate(0.01).message
    assert "diverges" in gv.check.fast_learning_rate(2.0).message
    assert "bounces" in gv.check.fast_learning_rate(0.99).message


def test_diverging_rates():
    assert gv.check.diverging_rates({0.11, 0.2})
    hint = gv.check.diverging_rates({0.2})
    assert not hint and "missing" in hint.message and "0.11" not in hint.message
    assert "does not diverge" in gv.check.diverging_rates({0.05, 0.11, 0.2}).message
    assert "fill in" in gv.check.diverging_rates(...).message


def test_descent_function():
    def good(f, init_x, lr, step_num):
        x = np.array(init_x, dtype=float)
        for _ in range(step_num):
            x = x - lr * gv.numerical_gradient(f, x)
        return x

    def in_place(f, init_x, lr, step_num):
        x = init_x
        for _ in range(step_num):
            x -= lr * gv.numerical_gradient(f, x)
        return x

    def uphill(f, init_x, lr, step_num):
        x = np.array(init_x, dtype=float)
        for _ in range(3):
            x = x + lr * gv.numerical_gradient(f, x)
        return x

    assert gv.check.descent_function(good)
    assert "changed the caller" in gv.check.descent_function(in_place).message
    assert "sign" in gv.check.descent_function(uphill).message
    assert "define" in gv.check.descent_function(None).message


def test_vector_and_gradient_at():
    assert gv.check.vector("g", [6.0, 8.0], [6.0, 8.0])
    assert "swapped" in gv.check.vector("g", [8.0, 6.0], [6.0, 8.0]).message
    assert "opposite" in gv.check.vector("g", [-6.0, -8.0], [6.0, 8.0]).message
    assert "entry 1" in gv.check.vector("g", [6.0, 7.0], [6.0, 8.0]).message
    assert "shape" in gv.check.vector("g", [6.0], [6.0, 8.0]).message
    assert "empty" in gv.check.vector("g", ..., [6.0, 8.0]).message
    assert gv.check.gradient_at([6, 8], gv.function_2, (3, 4))
    assert not gv.check.gradient_at([6, 0], gv.function_2, (3, 4))


def test_training_settings():
    assert gv.check.training_settings(1.0, 32)
    assert "aim for 95%" in gv.check.training_settings(0.01, 2).message
    assert "whole number" in gv.check.training_settings(0.5, 2.5).message
    assert "positive" in gv.check.training_settings(-1, 8).message
    assert "still empty" in gv.check.training_settings(..., ...).message
    assert "more hidden" not in gv.check.training_settings(0.01, 2).message  # no half answer


def test_momentum_settings():
    assert gv.check.momentum_settings(0.002, 0.95)
    assert "diverged" in gv.check.momentum_settings(0.05, 0.9).message
    hint = gv.check.momentum_settings(0.0005, 0.5).message
    # a direction to think in, not half the answer
    assert "still" in hint and "β close to 1" not in hint
    assert "still empty" in gv.check.momentum_settings(..., ...).message
    assert "β should be" in gv.check.momentum_settings(0.001, 1.0).message


# --- notebooks 00-03: one registered checker per exercise, answers computed in gradviz/check/


def test_registered_exercises_have_answers_that_pass_their_checkers():
    numeric = ["cube_slope", "partials_of_bowl", "partials_by_hand", "gradient_of_bowl"]
    numeric += ["steepest_descent_direction", "valley_angle"]
    for name in numeric:
        checker = gv.check.EXERCISES[name]
        assert checker is getattr(gv.check, name)
        assert checker(checker.answer()), name
        assert not checker(...), name


def test_the_answers_are_computed_from_the_definitions():
    assert gv.check.cube_slope.answer() == 12.0
    assert np.allclose(gv.check.partials_of_bowl.answer(), [-10, 12])
    assert np.allclose(gv.check.partials_by_hand.answer(), [12, 4])
    assert np.allclose(gv.check.gradient_of_bowl.answer(), [-12, 5])
    assert np.allclose(gv.check.steepest_descent_direction.answer(), np.array([-5, 12]) / 13)
    # the angle between −(2, 20) and −(1, 1)
    want = np.degrees(np.arccos(22 / (np.hypot(2, 20) * np.sqrt(2))))
    assert gv.check.valley_angle.answer() == pytest.approx(want, rel=1e-6)


def test_hints_for_common_mistakes_do_not_reveal_the_answer():
    hints = {
        "cube_slope": [8.0, gv.forward_diff(lambda x: x**3, 2.0), 13.0],
        "steepest_descent_direction": [np.array([5, -12]) / 13, [-10, 24], [1, 0]],
        "valley_angle": [np.radians(gv.check.valley_angle.answer()), 180 - 39.29, 45.0],
        "partials_by_hand": [[0.0, 0.0], [4.0, 12.0]],
    }
    expected_words = {
        "cube_slope": ["height", "forward", "not right"],
        "steepest_descent_direction": ["uphill", "length", "not right"],
        "valley_angle": ["radians", "uphill", "not right"],
        "partials_by_hand": ["constant", "swapped"],
    }
    for name, tries in hints.items():
        checker = gv.check.EXERCISES[name]
        answer = np.atleast_1d(checker.answer())
        for attempt, word in zip(tries, expected_words[name], strict=True):
            result = checker(attempt)
            assert not result and word in result.message, (name, attempt, result.message)
            for value in answer:  # the expected numbers never appear in a hint
                assert f"{value:.3g}" not in result.message, (name, result.message)


def test_difference_function_hint_shows_no_reference_value():
    result = gv.check.difference_function(lambda f, x, h: 0.0)
    assert not result and "12" not in result.message


def test_every_registered_checker_is_public_and_listed_in_order():
    assert set(gv.check.EXERCISES) <= set(gv.check.__all__)
    names = [n for n in gv.check.__all__ if n[0].islower()]
    assert names == sorted(names)
