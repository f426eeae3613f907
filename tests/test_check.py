"""Exercise checkers: right answers pass, wrong answers get a useful hint."""

import numpy as np

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


def test_momentum_settings():
    assert gv.check.momentum_settings(0.002, 0.95)
    assert "diverged" in gv.check.momentum_settings(0.05, 0.9).message
    assert "more momentum" in gv.check.momentum_settings(0.0005, 0.5).message
    assert "β should be" in gv.check.momentum_settings(0.001, 1.0).message
