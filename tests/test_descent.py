"""gradient_descent and the learning-rate schedules."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gradviz as gv


def test_reproduces_the_texts_run():
    path = gv.gradient_descent(gv.function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100)
    np.testing.assert_allclose(path.x, [-6.11110793e-10, 8.14814391e-10], rtol=1e-8)
    assert path.points.shape == (101, 2) and path.values.shape == (101,)
    assert path.gradients.shape == (100, 2) and path.lrs.shape == (100,)
    assert not path.diverged and path.diverged_at is None


def test_path_is_consistent_with_the_update_rule():
    path = gv.gradient_descent(gv.function_2, [-3.0, 4.0], lr=0.1, step_num=20)
    np.testing.assert_allclose(path.points[1:], path.points[:-1] - 0.1 * path.gradients)
    np.testing.assert_allclose(path.values, [gv.function_2(p) for p in path.points])
    np.testing.assert_allclose(path.steps, -0.1 * path.gradients)
    # on the bowl each step multiplies x by (1 - 2·lr) = 0.8
    np.testing.assert_allclose(path.points[5], np.array([-3.0, 4.0]) * 0.8**5)


def test_init_x_is_never_mutated():
    init_x = np.array([-3.0, 4.0])
    gv.gradient_descent(gv.function_2, init_x, lr=0.1, step_num=100)
    assert init_x.tolist() == [-3.0, 4.0]


def test_integer_start_works():
    path = gv.gradient_descent(gv.function_2, np.array([-3, 4]), lr=0.1, step_num=100)
    np.testing.assert_allclose(path.x, [-6.11110793e-10, 8.14814391e-10], rtol=1e-8)


def test_lr_10_diverges_and_freezes_as_in_the_text():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warnings spilled on the student
        path = gv.gradient_descent(gv.function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100)
    np.testing.assert_allclose(path.x, [-2.58983747e13, -1.29524862e12], rtol=1e-8)
    assert path.diverged and path.diverged_at == 3
    assert path.frozen and not path.stopped_early
    assert "Diverged at step 3" in path.summary() and "froze" in path.summary()


def test_lr_10_with_the_exact_gradient_overflows_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gv.gradient_descent(
            gv.function_2, [-3.0, 4.0], lr=10.0, step_num=1000, grad=gv.function_2_gradient
        )
    assert path.diverged and path.stopped_early
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.values))
    assert "overflowed" in path.summary()


def test_tiny_lr_barely_moves():
    path = gv.gradient_descent(gv.function_2, [-3.0, 4.0], lr=1e-10, step_num=100)
    np.testing.assert_allclose(path.x, [-3.0, 4.0], atol=1e-7)
    assert not path.diverged


def test_zero_steps_returns_the_start():
    path = gv.gradient_descent(gv.function_2, [1.0, 2.0], lr=0.1, step_num=0)
    assert path.points.shape == (1, 2) and path.gradients.shape == (0, 2)
    np.testing.assert_array_equal(path.x, [1.0, 2.0])


def test_analytic_and_numerical_gradients_agree():
    a = gv.gradient_descent(gv.rosenbrock, [-1.5, 2.0], lr=1e-3, step_num=200)
    b = gv.gradient_descent(
        gv.rosenbrock, [-1.5, 2.0], lr=1e-3, step_num=200, grad=gv.rosenbrock.grad
    )
    np.testing.assert_allclose(a.points, b.points, atol=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0}, ValueError, "lr must be positive"),
        ({"lr": -0.1}, ValueError, "lr must be positive"),
        ({"lr": np.nan}, ValueError, "finite"),
        ({"lr": "0.1"}, TypeError, "lr must be a positive number"),
        ({"step_num": -1}, ValueError, "step_num must be 0 or more"),
        ({"step_num": 2.5}, TypeError, "whole number"),
        ({"init_x": [np.nan, 1.0]}, ValueError, "NaN or infinity"),
        ({"init_x": [[1.0, 2.0]]}, ValueError, "vector"),
        ({"f": "function_2"}, TypeError, "must be a function"),
        ({"grad": lambda x: np.zeros(3)}, ValueError, "shaped like x"),
        ({"f": lambda x: x**2}, TypeError, "single number"),
    ],
)
def test_bad_input_gets_a_clear_message(kwargs, error, match):
    args = {"f": gv.function_2, "init_x": [-3.0, 4.0], "lr": 0.1, "step_num": 10, **kwargs}
    with pytest.raises(error, match=match):
        gv.gradient_descent(**args)


# --- schedules ------------------------------------------------------------------


def test_schedule_formulas():
    assert gv.Constant()(0.1, 50) == 0.1
    assert gv.StepDecay(drop=0.5, every=10)(0.8, 25) == pytest.approx(0.2)
    assert gv.ExponentialDecay(rate=0.9)(1.0, 3) == pytest.approx(0.729)
    assert gv.InverseTimeDecay(decay=0.5)(1.0, 4) == pytest.approx(1 / 3)


def test_schedule_is_used_and_recorded():
    sched = gv.InverseTimeDecay(decay=0.1)
    path = gv.gradient_descent(gv.function_2, [-3.0, 4.0], lr=0.9, step_num=30, schedule=sched)
    np.testing.assert_allclose(path.lrs, [0.9 / (1 + 0.1 * k) for k in range(30)])
    assert path.schedule_label.startswith("inverse time")


@pytest.mark.parametrize(
    "make",
    [
        lambda: gv.StepDecay(drop=0),
        lambda: gv.ExponentialDecay(rate=1.5),
        lambda: gv.InverseTimeDecay(decay=-1),
        lambda: gv.StepDecay(every=0),
    ],
)
def test_bad_schedule_parameters_are_refused(make):
    with pytest.raises((ValueError, TypeError)):
        make()


def test_a_schedule_returning_a_negative_rate_is_refused():
    with pytest.raises(ValueError, match=r"schedule\(lr, 0\) must be positive"):
        gv.gradient_descent(gv.function_2, [1.0, 1.0], lr=0.1, schedule=lambda lr, k: -lr)


@given(
    lr=st.floats(1e-3, 0.99),
    start=st.tuples(st.floats(-5, 5), st.floats(-5, 5)),
)
def test_bowl_converges_for_every_stable_rate(lr, start):
    """On x0² + x1² each step multiplies x by (1 − 2·lr): stable for 0 < lr < 1."""
    path = gv.gradient_descent(
        gv.function_2, start, lr=lr, step_num=50, grad=gv.function_2_gradient
    )
    np.testing.assert_allclose(path.x, np.array(start) * (1 - 2 * lr) ** 50, atol=1e-12)
    assert not path.diverged
