"""Issue 10: right, or told. Each case of the issue, with the answer it now gets.

Every public helper either returns the right number (to the precision the method
allows) or warns or raises with a message that says what happened and what to do.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gradviz as gv
from gradviz.calculus import NonFiniteValueError, PrecisionWarning


def square_sum(v):
    return np.sum(v**2)


def quiet(fn, *args, **kwargs):
    """Call fn and fail the test on any warning at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


# --- numerical_gradient computes in float64 ----------------------------------------


def test_float32_point_gives_the_float64_gradient():
    grad = quiet(gv.numerical_gradient, square_sum, np.array([3.0, 4.0], np.float32))
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, [6.0, 8.0], rtol=1e-9)


def test_large_float32_point_is_not_rounded_to_zero():
    grad = quiet(gv.numerical_gradient, square_sum, np.array([3000.0, 4000.0], np.float32))
    np.testing.assert_allclose(grad, [6000.0, 8000.0], rtol=1e-8)


SIMPLE_X = np.array([0.6, 0.9])
SIMPLE_T = np.array([0, 0, 1])


def simple_net_exact_gradient(W, x, t):
    y = gv.softmax(x @ np.asarray(W, dtype=float))
    return np.outer(x, y - t)


def test_book_pattern_with_integer_weights_is_refused_with_advice():
    net = gv.SimpleNet()
    net.W = np.array([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(TypeError, match=r"holds integers.*astype\(float\)"):
        gv.numerical_gradient(lambda w: net.loss(SIMPLE_X, SIMPLE_T), net.W)
    assert net.W.tolist() == [[1, 2, 3], [4, 5, 6]]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_book_pattern_works_for_float64_and_float32_weights(dtype):
    net = gv.SimpleNet()
    net.W = net.W.astype(dtype)
    before = net.W.copy()
    grad = quiet(gv.numerical_gradient, lambda w: net.loss(SIMPLE_X, SIMPLE_T), net.W)
    exact = simple_net_exact_gradient(net.W, SIMPLE_X, SIMPLE_T)
    rtol = {np.float64: 1e-6, np.float32: 1e-3}[dtype]
    np.testing.assert_allclose(grad, exact, rtol=rtol, atol=rtol * 0.1)
    assert net.W.dtype == dtype and np.array_equal(net.W, before)


def test_book_pattern_with_float16_weights_says_h_cannot_be_held():
    net = gv.SimpleNet()
    net.W = net.W.astype(np.float16)
    with pytest.warns(PrecisionWarning, match=r"in float16 x \+ h cannot be held"):
        gv.numerical_gradient(lambda w: net.loss(SIMPLE_X, SIMPLE_T), net.W)


def test_book_pattern_with_a_copy_warns_that_f_never_changed():
    net = gv.SimpleNet()
    with pytest.warns(PrecisionWarning, match="net.W itself, not a copy"):
        grad = gv.numerical_gradient(lambda w: net.loss(SIMPLE_X, SIMPLE_T), net.W.copy())
    assert not np.any(grad)


def test_h_lost_next_to_a_large_x_is_reported():
    with pytest.warns(PrecisionWarning, match=r"h = 0.0001 is too small next to x"):
        gv.numerical_gradient(gv.function_2, [2.0**70, 1.0])


def test_a_flat_point_is_not_a_false_alarm():
    grad = quiet(gv.numerical_gradient, gv.function_2, [0.0, 0.0])
    assert grad.tolist() == [0.0, 0.0]


def test_difference_errors_shows_rounding_without_warnings():
    quiet(gv.difference_errors, np.sin, 1.0, np.cos(1.0), np.logspace(-20, 0, 21))


@settings(max_examples=40, deadline=None)
@given(
    dtype=st.sampled_from([np.float64, np.float32, np.int64, np.int32, np.float16]),
    shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
    seed=st.integers(0, 2**16),
    order=st.sampled_from(["C", "F", "strided", "readonly", "list"]),
)
def test_numerical_matches_analytic_across_dtypes_shapes_strides(dtype, shape, seed, order):
    rng = np.random.default_rng(seed)
    base = rng.integers(-20, 20, size=shape).astype(dtype)
    if order == "F":
        x = np.asfortranarray(base)
    elif order == "strided":
        x = np.repeat(base, 2, axis=-1)[..., ::2]
    else:
        x = base.copy()
    if order == "readonly":
        x.setflags(write=False)
    arg = x.tolist() if order == "list" else x
    before = np.array(x, copy=True)

    def f(v):
        return np.sum(v**3) / 3.0 + np.sum(np.sin(v))

    grad = quiet(gv.numerical_gradient, f, arg)
    exact = np.asarray(x, dtype=float) ** 2 + np.cos(np.asarray(x, dtype=float))
    np.testing.assert_allclose(grad, exact, rtol=1e-6, atol=1e-6)
    assert np.array_equal(x, before) and np.asarray(x).dtype == dtype


def test_numerical_diff_at_1e300_says_it_overflowed():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PrecisionWarning)
        with pytest.raises(NonFiniteValueError, match="overflowed"):
            gv.numerical_diff(lambda x: x**2, 1e300)


def test_huge_python_int_is_a_clear_error():
    with pytest.raises(ValueError, match="too large for floating point"):
        gv.numerical_gradient(gv.function_2, [2**1100, 1])
    with pytest.raises(ValueError, match="too large for floating point"):
        gv.gradient_descent(gv.function_2, [10**400, 1])


# --- gradient_field: the fast path only where it is right ---------------------------


def test_gradient_field_falls_back_when_f_mixes_grid_points():
    def f(x):
        return np.sum(x**2) + x[0]

    X, Y = np.meshgrid([1.0, 2.0], [3.0, 4.0])
    with pytest.warns(PrecisionWarning, match="point-by-point loop"):
        U, V = gv.gradient_field(f, X, Y)
    U2, V2 = gv.gradient_field_loop(f, X, Y)
    np.testing.assert_allclose(U, U2)
    np.testing.assert_allclose(V, V2)
    np.testing.assert_allclose(U, [[3.0, 5.0], [3.0, 5.0]], rtol=1e-6)


@pytest.mark.parametrize("surface", ["bowl", "Rosenbrock"])
def test_gradient_field_keeps_the_fast_path_for_elementwise_surfaces(surface):
    f = gv.SURFACES[surface].f
    X, Y = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5))
    U, V = quiet(gv.gradient_field, f, X, Y)
    U2, V2 = gv.gradient_field_loop(f, X, Y)
    np.testing.assert_allclose(U, U2, atol=1e-9)
    np.testing.assert_allclose(V, V2, atol=1e-9)


# --- descent: summaries name the real cause -----------------------------------------


def test_leaving_the_domain_is_not_called_divergence():
    path = quiet(gv.minimize, lambda x: np.sum(np.sqrt(x)), [1.0, 1.0], gv.Momentum(0.5), 20)
    assert not path.diverged and path.stop_reason == "domain"
    text = path.summary()
    assert "Diverged" not in text and "domain" in text and "square root" in text
    assert len(path.points) == 3  # the path so far is kept


def test_a_start_so_large_that_nothing_moves_is_reported():
    path = quiet(gv.gradient_descent, gv.function_2, [2**70, 1], lr=0.1, step_num=5)
    assert path.frozen and path.precision_lost_at == 0
    assert "Nothing moved" in path.summary() and "x + h and x - h round to" in path.summary()


def test_a_step_smaller_than_the_spacing_of_floats_is_reported():
    path = quiet(
        gv.gradient_descent, gv.function_2, [1e8, 1.0], lr=1e-30, step_num=10,
        grad=gv.function_2_gradient,
    )  # fmt: skip
    assert path.frozen and "x + lr·∇f == x" in path.summary()


def test_a_rate_that_decays_to_zero_keeps_the_path():
    path = quiet(
        gv.gradient_descent, gv.function_2, [3.0, 4.0], lr=0.1, step_num=2000,
        schedule=gv.ExponentialDecay(0.5),
    )  # fmt: skip
    assert path.stop_reason == "rate" and 1000 < len(path.points) < 2000
    assert "decayed to 0" in path.summary()


def test_newton_on_a_flat_direction_names_the_singular_hessian():
    path = quiet(
        gv.minimize, lambda x: x[0] ** 2, [1.0, 1.0], gv.Newton(), 3,
        grad=lambda x: np.array([2 * x[0], 0.0]),
    )  # fmt: skip
    assert path.stop_reason == "step" and "singular" in path.summary()


def test_overflow_is_still_named_overflow():
    path = quiet(
        gv.gradient_descent, gv.function_2, [-3.0, 4.0], lr=10.0, step_num=1000,
        grad=gv.function_2_gradient,
    )  # fmt: skip
    assert path.diverged and path.stop_reason == "overflow" and "overflowed" in path.summary()


# --- unclear errors become clear ones ------------------------------------------------


def test_empty_start_is_refused():
    with pytest.raises(ValueError, match="init_x is empty"):
        gv.gradient_descent(gv.function_2, [], lr=0.1)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: gv.StepDecay("0.5"), "drop must be a number"),
        (lambda: gv.StepDecay(0.5, "3"), "every must be a whole number"),
        (lambda: gv.ExponentialDecay("0.9"), "rate must be a number"),
        (lambda: gv.InverseTimeDecay("0.1"), "decay must be a number"),
        (lambda: gv.Momentum("0.1"), "lr must be a positive number"),
        (lambda: gv.Momentum(0.1, "0.9"), "momentum must be a number"),
        (lambda: gv.Adam(0.1, beta1="x"), "beta1 must be a number"),
        (lambda: gv.RMSProp(0.1, decay_rate=None), "decay_rate must be a number"),
    ],
)
def test_string_parameters_are_refused_in_words(make, match):
    with pytest.raises(TypeError, match=match):
        make()


def test_minimize_with_the_class_instead_of_an_instance():
    with pytest.raises(TypeError, match=r"the class Adam itself. Add parentheses: Adam\(\)"):
        gv.minimize(gv.function_2, [1.0, 2.0], gv.Adam)


def test_complex_gradient_is_refused():
    with pytest.raises(TypeError, match="complex"):
        gv.gradient_descent(
            gv.function_2, [1.0, 2.0], grad=lambda x: np.sqrt(-x.astype(complex)), step_num=2
        )


# --- limits ------------------------------------------------------------------------------


@pytest.mark.parametrize("steps", [gv.descent.MAX_STEPS + 1, 10**7, 2**63])
def test_too_many_steps_are_refused_at_once(steps):
    with pytest.raises(ValueError, match="more than one run may take"):
        gv.gradient_descent(gv.function_2, [1.0, 2.0], step_num=steps)
    with pytest.raises(ValueError, match="more than one run may take"):
        gv.minimize(gv.function_2, [1.0, 2.0], gv.SGD(), steps)


def test_memory_per_run_is_bounded():
    with pytest.raises(ValueError, match="too much memory"):
        gv.gradient_descent(square_sum, np.ones(10_000), step_num=5_000)


# --- networks: a stable loss, and inputs checked in words ------------------------------


def test_confidently_wrong_network_keeps_its_true_gradient():
    net = gv.SimpleNet(W=[[0, 0, 0], [31, 0, 0]])
    t = np.array([0, 1, 0])
    grad = quiet(gv.numerical_gradient, lambda w: net.loss(SIMPLE_X, t), net.W)
    np.testing.assert_allclose(grad, [[0.6, -0.6, 0.0], [0.9, -0.9, 0.0]], atol=1e-6)
    assert net.loss(SIMPLE_X, t) == pytest.approx(0.9 * 31, rel=1e-9)


def test_simple_net_loss_keeps_the_books_number():
    W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
    net = gv.SimpleNet(W=W)
    assert net.loss(SIMPLE_X, SIMPLE_T) == 0.9280685387482351  # notebook 05 prints it


@pytest.mark.parametrize("y", [[2.0, -1.0, 0.0], [0.5, 0.6, 0.2], [np.nan, 0.5, 0.5]])
def test_cross_entropy_refuses_what_is_not_a_probability(y):
    with pytest.raises(ValueError, match=r"needs probabilities.*softmax\(y\)"):
        gv.cross_entropy_error(y, 1)


def test_network_inputs_of_the_wrong_width_are_refused_in_words():
    net = gv.TwoLayerNet(2, 4, 3)
    for call in (net.predict, lambda x: net.loss(x, [0, 1, 2]), lambda x: net.gradient(x, [0])):
        with pytest.raises(ValueError, match=r"must hold 2 numbers per sample"):
            call(np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"got shape \(4,\)"):
        net.gradient(np.ones(4), [0, 1])  # used to be reshaped silently into (2, 2)
    with pytest.raises(ValueError, match="must hold 2 numbers per sample"):
        gv.SimpleNet().predict([1.0, 2.0, 3.0])


def test_train_checks_its_data():
    net = gv.TwoLayerNet(2, 4, 3)
    with pytest.raises(ValueError, match="t has 2 labels but X has 5 samples"):
        gv.train(net, np.ones((5, 2)), np.array([0, 1]))
    with pytest.raises(ValueError, match="X contains NaN or infinity"):
        gv.train(net, np.array([[1.0, np.nan], [0.0, 1.0]]), np.array([0, 1]))
    with pytest.raises(ValueError, match="more than one training run may take"):
        gv.train(net, np.ones((5, 2)), np.zeros(5, int), steps=10**7)


def test_network_sizes_that_are_whole_floats_work_and_weight_scale_zero_is_honoured():
    net = gv.TwoLayerNet(2, 4.0, 3, weight_scale=0)
    assert net.params["W1"].shape == (2, 4) and not np.any(net.params["W1"])
    with pytest.raises(ValueError, match="weight_scale must be 0 or more"):
        gv.TwoLayerNet(2, 4, 3, weight_scale=-1)
    with pytest.raises(TypeError, match="whole number"):
        gv.TwoLayerNet(2, 4.5, 3)


# --- surfaces and checkers ------------------------------------------------------------


def test_unknown_surface_name_lists_the_valid_ones():
    from gradviz.functions import UnknownSurfaceError, get_surface

    with pytest.raises(UnknownSurfaceError, match=r"no surface called 'rosenbrock'.*'Rosenbrock'"):
        get_surface("rosenbrock")
    with pytest.raises(KeyError):  # still a KeyError for code that catches one
        gv.SURFACES["nope"]
    assert get_surface("bowl") is gv.bowl


HOSTILE_ANSWERS = [10**400, -(10**400), 1j, np.array([1j, 2.0]), "x", [[1, 2], [3]], np.nan]


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=repr)
def test_checkers_never_raise(answer):
    from gradviz import check

    results = [
        check.close("a", answer, 1.0),
        check.vector("a", answer, [1.0, 2.0]),
        check.accurate_step(answer),
        check.fast_learning_rate(answer),
        check.diverging_rates(answer),
        check.diverging_rates({answer} if np.isscalar(answer) else answer),
        check.gradient_at(answer, gv.function_2, [1.0, 2.0]),
        check.momentum_settings(answer, 0.9),
        check.momentum_settings(0.001, answer),
        check.training_settings(0.5, answer, steps=2),
        check.training_settings(answer, 10, steps=2),
    ]
    assert all(isinstance(r, check.CheckResult) and not r.passed for r in results)


def test_training_check_refuses_a_huge_hidden_layer():
    from gradviz import check

    assert "from 1 to 1000" in check.training_settings(0.5, 10**6).message


def test_tangent_line_far_out_says_it_overflowed():
    with pytest.raises(NonFiniteValueError, match="overflowed"):
        gv.tangent_line(lambda x: x**2, 1e200)


@pytest.mark.parametrize("answer", HOSTILE_ANSWERS, ids=repr)
def test_every_exercise_checker_never_raises(answer):
    """Every registered exercise, given a hostile answer for each of its arguments."""
    import inspect

    from gradviz import check

    for name, checker in check.EXERCISES.items():
        required = [
            p for p in inspect.signature(checker).parameters.values() if p.default is p.empty
        ]
        result = checker(*[answer] * len(required))
        assert isinstance(result, check.CheckResult) and not result.passed, name
