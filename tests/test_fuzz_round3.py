"""Issue 19: right or told, again. Each case of the third fuzz, its variants, and the answer
it now gets: the caller's data (masks included) as found, no silent wrong answer, no
misleading diagnosis, no call that runs for minutes or asks for gigabytes, and no raw
numpy, matplotlib or traitlets error from a documented entry point.
"""

import itertools
import time
import traceback
import warnings
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pytest

import gradviz as gv
from gradviz import check, i18n
from gradviz.calculus import NonFiniteValueError, PrecisionWarning, numerical_hessian
from gradviz.training import TrainingDivergedWarning


def square_sum(v):
    return np.sum(v**2)


def linear(v):
    return v[0] + v[1]


def quiet(fn, *args, **kwargs):
    """Call fn and fail the test on any warning at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


def chinese(text: str) -> bool:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 5


def refused_in_both_languages(exc, fn, *words):
    """fn raises exc in English (with every word) and in Chinese (in Chinese)."""
    with pytest.raises(exc) as english:
        fn()
    for word in words:
        assert word in str(english.value), (word, str(english.value))
    with i18n.language("zh_CN"), pytest.raises(exc) as zh:
        fn()
    assert chinese(str(zh.value)), str(zh.value)
    return str(english.value)


# --- the caller's data changed: masked arrays are refused, and left as found -----------------

MASKED_USES = {
    "numerical_gradient": lambda m: gv.numerical_gradient(square_sum, m),
    "gradient_descent": lambda m: gv.gradient_descent(gv.function_2, m, 0.1, 3),
    "directional_derivative": lambda m: gv.directional_derivative(linear, m, [1.0, 0.0]),
    "directional u": lambda m: gv.directional_derivative(linear, [1.0, 0.0], m),
    "numerical_hessian": lambda m: numerical_hessian(gv.function_2_gradient, m),
    "softmax": lambda m: gv.softmax(m),
    "minimize": lambda m: gv.minimize(gv.function_2, m, gv.Momentum(0.1), 3),
}


@pytest.mark.parametrize("dtype", [float, np.float32, int, np.int8])
@pytest.mark.parametrize("use", list(MASKED_USES))
def test_a_masked_entry_is_refused_and_the_array_left_as_found(use, dtype):
    m = np.ma.array(np.array([3, 4], dtype=dtype), mask=[0, 1])
    data, mask = m.data.copy(), m.mask.copy()
    with pytest.raises(ValueError, match=r"masked.*filled"):
        MASKED_USES[use](m)
    assert m.data.tolist() == data.tolist() and m.data.dtype == data.dtype
    assert m.mask.tolist() == mask.tolist()


def test_a_masked_array_with_nothing_masked_is_its_data_and_stays_as_found():
    m = np.ma.array([3.0, 4.0], mask=[0, 0])
    grad = quiet(gv.numerical_gradient, square_sum, m)
    np.testing.assert_allclose(grad, [6.0, 8.0], rtol=1e-9)
    assert type(grad) is np.ndarray
    assert m.data.tolist() == [3.0, 4.0] and m.mask.tolist() == [False, False]


def test_the_masked_message_reads_in_chinese():
    m = np.ma.array([3.0, 4.0], mask=[0, 1])
    refused_in_both_languages(ValueError, lambda: gv.numerical_gradient(square_sum, m), "(1,)")


# --- silently wrong: far from the origin, the relatives of numerical_gradient warn ----------


@pytest.mark.parametrize("x", [[1e17, 0.0], [0.0, -3e16], [1e300, 1.0]])
def test_directional_derivative_warns_where_h_is_lost(x):
    with pytest.warns(PrecisionWarning, match="too small next to x"):
        gv.directional_derivative(linear, x, [1.0, 1.0])


def test_directional_derivative_warns_when_rounding_swamps_the_difference():
    with pytest.warns(PrecisionWarning, match="16 digits"):
        gv.directional_derivative(lambda v: 1e20 + v[0], [1.0, 2.0], [1.0, 0.0])


def test_directional_derivative_near_the_origin_is_quiet_and_right():
    u = np.array([np.cos(1.0), np.sin(1.0)])
    slope = quiet(gv.directional_derivative, gv.function_2, [3.0, 4.0], u)
    assert slope == pytest.approx(6 * u[0] + 8 * u[1], rel=1e-8)


@pytest.mark.parametrize("centre", [1e16, -4e16, 1e200])
def test_gradient_field_warns_on_its_fast_path_where_h_is_lost(centre):
    X, Y = np.meshgrid(np.linspace(centre, centre * 1.01, 4), np.linspace(-1, 1, 3))
    with pytest.warns(PrecisionWarning, match="too small next to x"):
        gv.gradient_field(lambda p: p[0] + p[1], X, Y)


def test_gradient_field_warns_when_rounding_swamps_the_difference():
    X, Y = np.meshgrid(np.linspace(-1, 1, 3), np.linspace(-1, 1, 3))
    with pytest.warns(PrecisionWarning, match="16 digits"):
        gv.gradient_field(lambda p: 1e20 + p[0], X, Y)


def test_gradient_field_on_an_ordinary_grid_stays_quiet():
    X, Y = np.meshgrid(np.linspace(-4, 4, 9), np.linspace(-3, 3, 7))
    U, V = quiet(gv.gradient_field, gv.function_2, X, Y)
    np.testing.assert_allclose(U, 2 * X, atol=1e-7)
    np.testing.assert_allclose(V, 2 * Y, atol=1e-7)


@pytest.mark.parametrize("size", [1e-300, 1e-200, 5e-324, 1.0, 1e200, 1e308, 1.7e308])
def test_u_of_any_finite_size_is_normalised(size):
    slope = quiet(gv.directional_derivative, linear, [1.0, 2.0], [size, size])
    assert slope == pytest.approx(np.sqrt(2), rel=1e-8)


def test_a_zero_u_is_still_refused():
    with pytest.raises(ValueError, match="zero vector"):
        gv.directional_derivative(linear, [1.0, 2.0], [0.0, 0.0])


@pytest.mark.parametrize(
    ("u", "v", "angle"),
    [
        ([1e-200, 1e-200], [1e-200, 0.0], 45.0),
        ([0.0, 1e308], [1e308, 0.0], 90.0),
        ([1e308, 1e308], [1e308, 0.0], 45.0),
        ([-1e308, 1e308], [1e308, 0.0], 135.0),
        ([5e-324, 0.0], [0.0, -5e-324], 90.0),
        ([1e-300, 1e-300], [1e300, -1e300], 90.0),
        ([3.0, 4.0], [3.0, 4.0], 0.0),
        ([-1.0, 0.0], [1.0, 0.0], 180.0),
    ],
)
def test_signed_angle_is_right_for_tiny_and_huge_vectors(u, v, angle):
    assert quiet(gv.signed_angle, u, v) == pytest.approx(angle, abs=1e-9)


# --- numerical_diff looks at f(x), and at h/2 ---------------------------------------------


@pytest.mark.parametrize(
    "f", [lambda x: 1 / x, lambda x: 1 / np.float64(x), lambda x: np.log(abs(x))]
)
def test_a_pole_at_x_is_refused(f):
    with pytest.raises(NonFiniteValueError, match=r"f\(x\)"), np.errstate(all="ignore"):
        gv.numerical_diff(f, 0.0)


@pytest.mark.parametrize(
    ("f", "x"),
    [
        (lambda x: 1 / x, 1e-5),  # a pole between x - h and x + h
        (lambda x: 1 / x, -3e-5),
        (lambda x: 1 / (x - 2), 2.00001),
        (np.sign, 3e-5),  # a jump
        (abs, 5e-5),  # a kink off centre
        (lambda x: np.tan(x), np.pi / 2 + 1e-5),
    ],
)
def test_trouble_within_h_of_x_warns(f, x):
    with pytest.warns(PrecisionWarning, match="smooth curve"):
        gv.numerical_diff(f, x)


@pytest.mark.parametrize(
    ("f", "df"), [(np.sin, np.cos), (np.exp, np.exp), (lambda x: x**3, lambda x: 3 * x**2)]
)
@pytest.mark.parametrize("x", [-2.0, 0.3, 1.0, 7.0])
@pytest.mark.parametrize("h", [1e-1, 1e-4, 1e-8, 1e-12, 1e-50])
def test_smooth_functions_are_quiet_and_the_value_is_the_texts_formula(f, df, x, h):
    slope = quiet(gv.numerical_diff, f, x, h)
    assert slope == (f(x + h) - f(x - h)) / (2 * h)


def test_the_pole_warning_reads_in_chinese():
    with i18n.language("zh_CN"), pytest.warns(PrecisionWarning) as caught:
        gv.numerical_diff(lambda x: 1 / x, 1e-5)
    assert chinese(str(caught[0].message))


# --- softmax ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([np.inf, 1.0], [1.0, 0.0]),
        ([1.0, np.inf, -np.inf], [0.0, 1.0, 0.0]),
        ([-np.inf, 1.0], [0.0, 1.0]),
        ([[np.inf, 1.0], [0.0, 0.0]], [[1.0, 0.0], [0.5, 0.5]]),
        ([1e308, -1e308], [1.0, 0.0]),
    ],
)
def test_softmax_of_infinite_scores_is_the_limit(scores, expected):
    np.testing.assert_allclose(quiet(gv.softmax, scores), expected)


@pytest.mark.parametrize(
    ("scores", "exc"),
    [
        ([np.inf, np.inf], ValueError),
        ([-np.inf, -np.inf], ValueError),
        ([np.nan, 1.0], ValueError),
        (None, TypeError),
        ("abc", TypeError),
        ([[1, 2], [3]], TypeError),
        ([], ValueError),
        (3.0, ValueError),
        ([1 + 2j, 0], TypeError),
        ([True, False], TypeError),
    ],
)
def test_softmax_refuses_what_has_no_probabilities(scores, exc):
    with pytest.raises(exc) as err:
        quiet(gv.softmax, scores)
    assert len(str(err.value)) > 30


# --- numerical_hessian checks what grad returns ----------------------------------------------


@pytest.mark.parametrize(
    ("grad", "exc", "words"),
    [
        (lambda x: 1.0, ValueError, "shaped like x"),
        (lambda x: np.sum(x), ValueError, "shaped like x"),
        (lambda x: x * (1 + 1j), TypeError, "complex"),
        (lambda x: np.append(x, 0.0), ValueError, "shaped like x"),
        (lambda x: "ab", TypeError, "grad"),
        (lambda x: [[1.0], [2.0, 3.0]], TypeError, "ragged"),
        (lambda x: np.full(2, np.nan), NonFiniteValueError, "NaN"),
    ],
)
def test_numerical_hessian_refuses_a_gradient_that_is_not_one(grad, exc, words):
    with pytest.raises(exc, match=words):
        quiet(numerical_hessian, grad, [1.0, 2.0])


def test_numerical_hessian_of_the_bowl_and_a_list_gradient():
    H = quiet(numerical_hessian, lambda x: [2 * x[0], 2 * x[1]], [1.0, 2.0])
    np.testing.assert_allclose(H, 2 * np.eye(2), atol=1e-6)


def test_numerical_hessian_far_from_the_origin_warns():
    with pytest.warns(PrecisionWarning, match="too small next to x"):
        numerical_hessian(gv.function_2_gradient, [1e150, 1e150])


# --- dtypes that are not numbers, and bools that are not counts ------------------------------

NOT_NUMBERS = {
    "datetime64": np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"),
    "timedelta64": np.array([1, 2], dtype="timedelta64[s]"),
    "bool": np.array([True, False]),
    "bool scalar": True,
    "text": "3.0",
    "text array": np.array(["3", "4"]),
    "object": np.array([1.0, "a"], dtype=object),
    "ragged": [[1.0, 2.0], [3.0]],
    "complex": np.array([1.0 + 0j, 2.0]),
    "None": None,
    "generator": (v for v in [1.0, 2.0]),
}
ENTRY_POINTS = {
    "numerical_gradient": lambda x: gv.numerical_gradient(square_sum, x),
    "gradient_descent": lambda x: gv.gradient_descent(gv.function_2, x, 0.1, 3),
    "numerical_diff": lambda x: gv.numerical_diff(np.sin, x),
    "tangent_line": lambda x: gv.tangent_line(np.sin, x),
    "softmax": lambda x: gv.softmax(x),
    "cross_entropy_error": lambda y: gv.cross_entropy_error(y, 0),
    "SimpleNet.predict": lambda x: gv.SimpleNet().predict(x),
    "signed_angle": lambda x: gv.signed_angle(x, [1.0, 0.0]),
}


@pytest.mark.parametrize("kind", list(NOT_NUMBERS))
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_what_is_not_a_number_is_refused_in_words(entry, kind):
    with pytest.raises((TypeError, ValueError)) as err:
        quiet(ENTRY_POINTS[entry], NOT_NUMBERS[kind])
    assert type(err.value) in (TypeError, ValueError, NonFiniteValueError), err.value
    assert len(str(err.value)) > 25 and "inhomogeneous" not in str(err.value)


def test_datetime_message_reads_in_both_languages():
    dates = np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")
    refused_in_both_languages(
        TypeError, lambda: gv.numerical_gradient(square_sum, dates), "dates", "timedelta64"
    )


@pytest.mark.parametrize("flag", [True, False, np.True_])
@pytest.mark.parametrize(
    "call",
    [
        lambda v: gv.gradient_descent(gv.function_2, [1.0, 2.0], 0.1, step_num=v),
        lambda v: gv.minimize(gv.function_2, [1.0, 2.0], gv.SGD(), v),
        lambda v: gv.weight_updates(gv.BOOK_W, gv.BOOK_X, gv.BOOK_T, 0.1, v),
        lambda v: gv.make_spirals(v),
        lambda v: gv.TwoLayerNet(2, v, 3),
        lambda v: gv.StepDecay(0.5, v),
    ],
)
def test_a_bool_is_not_a_count(call, flag):
    with pytest.raises(TypeError, match="whole number"):
        call(flag)


# --- gv.train stops where the numbers overflow ------------------------------------------------


@pytest.mark.parametrize("lr", [1e308, 1e200])
def test_train_stops_with_a_divergence_message(lr):
    X, t = gv.make_spirals(20, classes=3)
    net = gv.TwoLayerNet(2, 8, 3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = gv.train(net, X, t, lr=lr, steps=20)
    assert [w.category for w in caught] == [TrainingDivergedWarning]
    assert history.diverged_at is not None and "diverged" in history.stop_message
    assert all(np.isfinite(history.loss)) and len(history.loss) == history.diverged_at
    assert all(np.all(np.isfinite(v)) for v in net.params.values())


def test_train_divergence_reads_in_chinese():
    X, t = gv.make_spirals(20, classes=3)
    with i18n.language("zh_CN"), pytest.warns(TrainingDivergedWarning) as caught:
        history = gv.train(gv.TwoLayerNet(2, 8, 3), X, t, lr=1e308, steps=3)
    assert chinese(str(caught[0].message)) and chinese(history.stop_message)


def test_ordinary_training_is_unchanged_and_quiet():
    X, t = gv.make_spirals(50, classes=3)
    history = quiet(gv.train, gv.TwoLayerNet(2, 16, 3), X, t, lr=0.5, steps=50)
    assert history.diverged_at is None and history.steps == 50


@pytest.mark.parametrize(
    ("kwargs", "exc"),
    [
        ({"t": [[0, 1], [2]]}, TypeError),
        ({"t": 3}, ValueError),
        ({"seed": "a"}, TypeError),
        ({"callback": 3}, TypeError),
        ({"net": "net"}, TypeError),
    ],
)
def test_train_refuses_bad_arguments_in_words(kwargs, exc):
    X, t = gv.make_spirals(20, classes=3)
    args = {"net": gv.TwoLayerNet(2, 8, 3), "X": X, "t": t, "steps": 2, **kwargs}
    with pytest.raises(exc) as err:
        gv.train(**args)
    assert len(str(err.value)) > 25


# --- misleading diagnoses ---------------------------------------------------------------------


@pytest.mark.parametrize("h", [1e300, 1e200, 1e155])
@pytest.mark.parametrize("f", [gv.function_2, lambda x: np.sum(np.exp(x))])
def test_a_huge_h_is_blamed_not_the_learning_rate(f, h):
    path = quiet(gv.gradient_descent, f, [-3.0, 4.0], 0.1, 5, h=h)
    text = path.summary()
    assert not path.diverged and path.stop_reason == "h"
    assert f"h = {h:g}" in text and "learning rate" not in text


def test_a_huge_h_reads_in_chinese():
    with i18n.language("zh_CN"):
        text = gv.gradient_descent(gv.function_2, [-3.0, 4.0], 0.1, 10, h=1e300).summary()
    assert chinese(text) and "1e+300" in text and "学习率太大" not in text


@pytest.mark.parametrize("grad", [None, gv.function_2_gradient])
def test_an_overflowing_first_step_does_not_say_from_25_to_25(grad):
    path = quiet(gv.gradient_descent, gv.function_2, [-3.0, 4.0], 1e308, 10, grad=grad)
    text = path.summary()
    assert path.diverged and "25 to 25" not in text and "overflowed" in text


def test_values_that_differ_are_shown_with_the_digits_that_differ():
    from gradviz._stops import _distinct

    assert _distinct(25.0, 25.000001) == ("25", "25.000001")
    assert _distinct(1.0, np.nextafter(1.0, 2.0))[0] != _distinct(1.0, np.nextafter(1.0, 2.0))[1]
    assert _distinct(25.0, 1.176e9) == ("25", "1.176e+09")


def test_newton_far_out_names_the_precision_not_a_singular_hessian():
    path = quiet(
        gv.minimize, gv.function_2, [1e150, 1e150], gv.Newton(), 5, grad=gv.function_2_gradient
    )
    text = path.summary()
    assert path.stop_reason == "precision" and "singular" not in text and "h = 0.0001" in text
    with i18n.language("zh_CN"):
        zh = gv.minimize(
            gv.function_2, [1e150, 1e150], gv.Newton(), 5, grad=gv.function_2_gradient
        ).summary()
    assert chinese(zh) and "奇异" not in zh


def test_newton_on_a_flat_direction_still_names_the_singular_hessian():
    path = quiet(
        gv.minimize, lambda x: x[0] ** 2, [1.0, 1.0], gv.Newton(), 3,
        grad=lambda x: np.array([2 * x[0], 0.0]),
    )  # fmt: skip
    assert path.stop_reason == "step" and "singular" in path.summary()


# --- hangs and unguarded sizes: refused at once, with what to do ------------------------------


def refused_at_once(fn, *words, exc=ValueError, seconds=5.0):
    start = time.perf_counter()
    with pytest.raises(exc) as err:
        fn()
    assert time.perf_counter() - start < seconds
    for word in words:
        assert word in str(err.value), (word, str(err.value))
    return str(err.value)


def test_weight_updates_that_would_take_hours_are_refused():
    refused_at_once(
        lambda: gv.weight_updates(gv.BOOK_W, gv.BOOK_X, gv.BOOK_T, 0.1, 10**9),
        "minutes",
        "fewer steps",
    )


@pytest.mark.parametrize(("steps", "exc"), [(-1, ValueError), (2.5, TypeError), ("3", TypeError)])
def test_weight_updates_refuses_steps_that_are_not_counts(steps, exc):
    with pytest.raises(exc):
        gv.weight_updates(gv.BOOK_W, gv.BOOK_X, gv.BOOK_T, 0.1, steps)


def test_a_numerical_gradient_of_a_million_entries_is_refused():
    text = refused_at_once(
        lambda: gv.numerical_gradient(square_sum, np.zeros(10**6)), "minutes", "exact gradient"
    )
    with i18n.language("zh_CN"), pytest.raises(ValueError) as zh:
        gv.numerical_gradient(square_sum, np.zeros(10**6))
    assert chinese(str(zh.value)) and "1,000,000" in text


def test_a_numerical_gradient_of_a_slow_f_is_refused_before_the_loop():
    calls = []

    def slow(v):
        calls.append(1)
        time.sleep(0.05)
        return float(np.sum(v))

    refused_at_once(lambda: gv.numerical_gradient(slow, np.zeros(1000)), "minutes")
    assert len(calls) == 2  # f(x) and its second timing, never the loop


def test_an_ordinary_numerical_gradient_is_not_refused():
    grad = quiet(gv.numerical_gradient, square_sum, np.ones(2000))
    np.testing.assert_allclose(grad, 2.0, rtol=1e-7)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: gv.make_spirals(10**8), ("GB", "fewer points")),
        (lambda: gv.make_blobs(10**8, classes=3), ("GB", "fewer points")),
        (lambda: gv.make_spirals(10**6, classes=10**4), ("GB",)),
        (lambda: gv.TwoLayerNet(2, 10**9, 3), ("GB", "hidden units")),
        (lambda: gv.TwoLayerNet(10**5, 10**5, 3), ("GB",)),
        (lambda: gv.grid(gv.bowl, 10**5), ("GB", "smaller n")),
    ],
)
def test_what_would_not_fit_in_memory_is_refused_at_once(call, words):
    refused_at_once(call, *words)


def test_memory_messages_read_in_chinese():
    with i18n.language("zh_CN"), pytest.raises(ValueError) as err:
        gv.TwoLayerNet(2, 10**9, 3)
    assert chinese(str(err.value)) and "GB" in str(err.value)


@pytest.mark.parametrize(
    ("call", "exc"),
    [
        (lambda: gv.make_spirals(-1), ValueError),
        (lambda: gv.make_spirals(0), ValueError),
        (lambda: gv.make_spirals("a"), TypeError),
        (lambda: gv.make_spirals(10, classes=0), ValueError),
        (lambda: gv.make_blobs(10, classes=0), ValueError),
        (lambda: gv.make_spirals(10, noise=-1), ValueError),
        (lambda: gv.make_spirals(10, noise=np.nan), ValueError),
        (lambda: gv.make_blobs(10, spread="a"), TypeError),
        (lambda: gv.make_blobs(10, seed=-3), ValueError),
        (lambda: gv.TwoLayerNet(2, 0, 3), ValueError),
        (lambda: gv.TwoLayerNet(2, 8, 3, weight_scale=-1), ValueError),
        (lambda: gv.TwoLayerNet(2, 8, 3, seed="x"), TypeError),
    ],
)
def test_data_and_network_sizes_are_checked(call, exc):
    with pytest.raises(exc) as err:
        call()
    assert len(str(err.value)) > 20


def test_numerical_training_that_would_take_long_is_refused_at_once():
    X, t = gv.make_spirals(100, classes=3)
    net = gv.TwoLayerNet(2, 1000, 3)
    refused_at_once(
        lambda: gv.train(net, X, t, steps=50_000, gradient="numerical"), "analytic", seconds=10
    )


def test_a_checker_given_an_endless_iterable_answers():
    start = time.perf_counter()
    for endless in (itertools.count(), itertools.repeat(0.2), itertools.cycle([0.11, 0.2])):
        result = check.diverging_rates(endless)
        assert not result and "set of numbers" in result.message
    assert time.perf_counter() - start < 5


def test_a_checker_still_reads_a_short_generator():
    answer = check.diverging_rates.answer()
    assert check.diverging_rates(rate for rate in answer)


# --- explorer arguments: checked, with a message -----------------------------------------------


@pytest.mark.parametrize(
    ("factory", "kwargs", "words"),
    [
        ("update_explorer", {"steps": 10**6}, ("500",)),
        ("update_explorer", {"steps": -1}, ("at least 1",)),
        ("descent_explorer", {"max_steps": -1}, ("at least 1",)),
        ("descent_explorer", {"max_steps": 10**7}, ("2000",)),
        ("descent_explorer", {"schedule": "nope"}, ("schedule", "constant")),
        ("training_explorer", {"max_steps": -1}, ("at least 1",)),
        ("training_explorer", {"max_steps": 10**7}, ("5000",)),
        ("race_explorer", {"steps": -1}, ("at least 1",)),
        ("race_explorer", {"steps": 10**7}, ("2000",)),
        ("momentum_explorer", {"beta": 1.5}, ("below 1", "1.5")),
        ("momentum_explorer", {"beta": -0.5}, ("-0.5",)),
        ("momentum_explorer", {"beta": True}, ("True",)),
        ("momentum_explorer", {"beta": "a"}, ("'a'",)),
        ("direction_explorer", {"angle": "a"}, ("angle",)),
        ("direction_explorer", {"point": None}, ("two coordinates",)),
        ("slice_explorer", {"surface": []}, ("surface",)),
        ("derivative_explorer", {"x": "a"}, ("x",)),
    ],
)
def test_explorer_arguments_are_checked_at_once(factory, kwargs, words):
    with pytest.raises(ValueError) as err:
        getattr(gv, factory)(**kwargs)
    for word in words:
        assert word.replace("below 1", "(not including) 1") in str(err.value) or word in str(
            err.value
        ), (word, str(err.value))


def test_momentum_explorer_beta_near_one_starts_at_the_slider_end_with_a_warning():
    from gradviz.explorers.parts import OutOfRangeWarning

    with pytest.warns(OutOfRangeWarning, match="0.995"):
        explorer = gv.momentum_explorer(beta=0.995)
    assert explorer.controls["beta"].value == pytest.approx(0.99)
    plt.close(explorer.figure)


def test_explorer_limits_read_in_chinese():
    with i18n.language("zh_CN"), pytest.raises(ValueError) as err:
        gv.update_explorer(steps=10**6)
    assert chinese(str(err.value))


@pytest.mark.parametrize("thing", [3, None, "explorer", plt])
def test_present_needs_an_explorer(thing):
    with pytest.raises(TypeError, match="explorer"):
        gv.present(thing)


@pytest.mark.parametrize(
    ("n", "exc"),
    [(0, ValueError), (1, ValueError), (10**4, ValueError), (2.5, TypeError), (True, TypeError)],
)
def test_plot_surface3d_checks_n(n, exc):
    fig = plt.figure()
    try:
        with pytest.raises(exc) as err:
            gv.plot_surface3d(gv.bowl, ax=fig.add_subplot(projection="3d"), n=n)
        assert len(str(err.value)) > 20
    finally:
        plt.close(fig)


# --- checkers: descent_function ------------------------------------------------------------------

RIGHT = gv.gradient_descent(gv.function_2, [-3.0, 4.0], 0.1, 100).x


@pytest.mark.parametrize(
    "returned",
    [
        "abc",
        "1.0",
        [[1, 2], [3]],
        {"a": 1},
        (v for v in RIGHT),
        RIGHT + 5j,
        RIGHT.astype(complex),
        np.array([np.nan, 0.0]),
        None,
        np.ma.array(RIGHT, mask=[0, 1]),
        [*RIGHT, 0.0],
        [True, False],
    ],
    ids=lambda v: type(v).__name__,
)
def test_descent_function_hints_at_what_is_not_the_final_point(returned):
    result = quiet(check.descent_function, lambda f, x, lr, n: returned)
    assert not result and "final point" in result.message


@pytest.mark.parametrize("returned", [RIGHT, list(RIGHT), tuple(RIGHT), RIGHT.astype(np.float32)])
def test_descent_function_accepts_the_right_point_as_any_real_sequence(returned):
    assert quiet(check.descent_function, lambda f, x, lr, n: returned)


def test_checkers_do_not_take_text_or_bools_as_numbers():
    assert not check.close("a", "1.0", 1.0)
    assert not check.negative_entries(True)
    assert not check.negative_entries({(True, 1), (False, 0), (True, 2)})  # bools as indices
    assert not check.negative_entries({(0.6, 1.2), (1, 0), (1, 2)})  # not whole numbers
    assert check.negative_entries({(0, 1.0), (1, 0), (np.int64(1), 2)})
    assert not check.vector("a", ["1", "2"], [1.0, 2.0])


# --- raw errors from documented entry points, now in words ----------------------------------------


@pytest.mark.parametrize(
    ("call", "exc"),
    [
        (lambda: gv.numerical_gradient(square_sum, [[1, 2], [3]]), TypeError),
        (lambda: gv.gradient_descent(square_sum, [[1, 2], [3]]), TypeError),
        (lambda: gv.cross_entropy_error([[0.5, 0.5], [1.0]], [0, 1]), TypeError),
        (lambda: gv.cross_entropy_error([0.5, 0.5], [[0], [1, 2]]), TypeError),
        (lambda: gv.tangent_line(np.sin, [[1], [1, 2]]), TypeError),
        (lambda: gv.optimizers.heavy_ball_rate(0.1, 0.5, [[1], [1, 2]]), TypeError),
        (lambda: gv.optimizers.heavy_ball_rate("a", 0.5, [1.0]), TypeError),
        (lambda: gv.SimpleNet(W=[[1, 2, 3], [4, 5]]), TypeError),
        (lambda: gv.grid(gv.bowl, 0), ValueError),
        (lambda: gv.descent.noisy_gradient(gv.function_2_gradient, "a"), TypeError),
        (lambda: gv.descent.bowl_noise_floor(0.1, "a"), TypeError),
        (lambda: gv.descent.bowl_noise_floor(0.1, 1.0, dims=0), ValueError),
        (
            lambda: gv.gradient_descent(
                gv.function_2, [-3.0, 4.0], 0.1, 5, schedule=lambda lr, k: np.array([lr, lr])
            ),
            TypeError,
        ),
        (
            lambda: gv.gradient_descent(
                gv.function_2, [-3.0, 4.0], 0.1, 5, schedule=lambda lr, k: "0.1"
            ),
            TypeError,
        ),
        (lambda: gv.InverseTimeDecay(10**400), ValueError),
        (lambda: gv.StepDecay(0.5, Fraction(1, 2)), TypeError),
    ],
)
def test_former_raw_errors_are_messages(call, exc):
    with pytest.raises(exc) as err:
        quiet(call)
    message = str(err.value)
    assert len(message) > 25 and "inhomogeneous" not in message and "truth value" not in message


def test_a_schedule_returning_a_0d_array_is_a_number():
    path = quiet(
        gv.gradient_descent, gv.function_2, [-3.0, 4.0], 0.1, 5, schedule=lambda lr, k: np.array(lr)
    )
    np.testing.assert_allclose(path.x, gv.gradient_descent(gv.function_2, [-3.0, 4.0], 0.1, 5).x)


@pytest.mark.parametrize(
    ("fraction", "plain"),
    [
        (gv.Momentum(Fraction(1, 10), Fraction(9, 10)), gv.Momentum(0.1, 0.9)),
        (gv.Nesterov(Fraction(1, 10), Fraction(1, 2)), gv.Nesterov(0.1, 0.5)),
        (gv.Adam(Fraction(1, 10), Fraction(9, 10), Fraction(99, 100)), gv.Adam(0.1, 0.9, 0.99)),
        (gv.RMSProp(Fraction(1, 10), Fraction(9, 10)), gv.RMSProp(0.1, 0.9)),
        (gv.AdaGrad(Fraction(3, 2)), gv.AdaGrad(1.5)),
        (gv.SGD(Fraction(1, 10)), gv.SGD(0.1)),
    ],
)
def test_fraction_hyper_parameters_run_as_floats(fraction, plain):
    path = quiet(gv.minimize, gv.function_2, [-3.0, 4.0], fraction, 20)
    assert path.points.dtype == np.float64
    np.testing.assert_array_equal(
        path.points, gv.minimize(gv.function_2, [-3.0, 4.0], plain, 20).points
    )
    assert all(type(v) is float for v in vars(fraction).values())


@pytest.mark.parametrize(
    "schedule",
    [
        gv.StepDecay(Fraction(1, 2), Fraction(4)),
        gv.ExponentialDecay(Fraction(9, 10)),
        gv.InverseTimeDecay(Fraction(1, 10)),
    ],
)
def test_fraction_schedules_have_labels_and_run(schedule):
    assert isinstance(schedule.label, str)
    path = quiet(
        gv.gradient_descent, gv.function_2, [-3.0, 4.0], Fraction(1, 10), 10, schedule=schedule
    )
    assert path.points.dtype == np.float64 and len(path.points) == 11


# --- every argument of every documented computing helper, against hostile values -------------

HOSTILE = {
    "None": None, "text": "a", "True": True, "negative": -1, "zero": 0, "nan": float("nan"),
    "inf": float("inf"), "1e308": 1e308, "10**400": 10**400, "empty": [],
    "ragged": [[1, 2], [3]], "complex": 1 + 2j, "vector": np.array([1.0, 2.0]),
    "Fraction": Fraction(1, 3), "masked": np.ma.array([1.0, 2.0], mask=[0, 1]),
    "date": np.datetime64("2020-01-01"), "dict": {}, "matrix": np.ones((3, 3)),
    "subnormal": 5e-324,
}  # fmt: skip
_X, _T = gv.make_spirals(10, classes=3)
HELPERS = {
    "numerical_gradient": (gv.numerical_gradient, {"f": square_sum, "x": [1.0, 2.0], "h": 1e-4}),
    "numerical_diff": (gv.numerical_diff, {"f": np.sin, "x": 1.0, "h": 1e-4}),
    "forward_diff": (gv.forward_diff, {"f": np.sin, "x": 1.0, "h": 1e-4}),
    "tangent_line": (gv.tangent_line, {"f": np.sin, "x": 1.0, "h": 1e-4}),
    "difference_errors": (
        gv.difference_errors, {"f": np.sin, "x": 1.0, "exact": 0.54, "hs": [1e-3, 1e-4]}
    ),
    "directional_derivative": (
        gv.directional_derivative, {"f": square_sum, "x": [1.0, 2.0], "u": [1.0, 0.0], "h": 1e-4}
    ),
    "signed_angle": (gv.signed_angle, {"u": [1.0, 0.0], "v": [0.0, 1.0]}),
    "gradient_field": (
        gv.gradient_field,
        {"f": gv.function_2, "X": np.ones((2, 2)), "Y": np.ones((2, 2)), "h": 1e-4},
    ),
    "numerical_hessian": (
        numerical_hessian, {"grad": gv.function_2_gradient, "x": [1.0, 2.0], "h": 1e-4}
    ),
    "gradient_descent": (
        gv.gradient_descent,
        {"f": gv.function_2, "init_x": [1.0, 2.0], "lr": 0.1, "step_num": 5, "h": 1e-4,
         "divergence_factor": 1e6},
    ),
    "minimize": (
        gv.minimize,
        {"f": gv.function_2, "init_x": [1.0, 2.0], "method": gv.SGD(), "step_num": 5,
         "stop_below": None},
    ),
    "Momentum": (gv.Momentum, {"lr": 0.1, "momentum": 0.9}),
    "Adam": (gv.Adam, {"lr": 0.1, "beta1": 0.9, "beta2": 0.99}),
    "StepDecay": (gv.StepDecay, {"drop": 0.5, "every": 3}),
    "ExponentialDecay": (gv.ExponentialDecay, {"rate": 0.9}),
    "InverseTimeDecay": (gv.InverseTimeDecay, {"decay": 0.1}),
    "softmax": (gv.softmax, {"a": [1.0, 2.0]}),
    "cross_entropy_error": (gv.cross_entropy_error, {"y": [0.5, 0.5], "t": [0, 1]}),
    "SimpleNet": (
        lambda W, seed, x, t: gv.SimpleNet(W, seed).loss(x, t),
        {"W": None, "seed": 0, "x": [1.0, 2.0], "t": [0, 0, 1]},
    ),
    "TwoLayerNet": (
        gv.TwoLayerNet,
        {"input_size": 2, "hidden_size": 4, "output_size": 3, "activation": "relu", "seed": 0,
         "weight_scale": None},
    ),
    "train": (
        gv.train,
        {"net": gv.TwoLayerNet(2, 4, 3), "X": _X, "t": _T, "lr": 0.5, "steps": 3,
         "batch_size": 4, "seed": 0, "gradient": "analytic", "callback": None},
    ),
    "weight_updates": (
        gv.weight_updates, {"W": gv.BOOK_W, "x": gv.BOOK_X, "t": gv.BOOK_T, "lr": 0.1, "steps": 3}
    ),
    "make_spirals": (gv.make_spirals, {"n_per_class": 10, "classes": 2, "noise": 0.2, "seed": 0}),
    "make_blobs": (gv.make_blobs, {"n_per_class": 10, "classes": 2, "spread": 0.3, "seed": 0}),
    "grid": (gv.grid, {"surface": gv.bowl, "n": 10, "window": None}),
    "slice_curves": (gv.slice_curves, {"surface": gv.bowl, "point": (1.0, 1.0), "n": 10}),
    "get_surface": (gv.get_surface, {"key": "bowl"}),
    "elongated_bowl": (gv.elongated_bowl, {"kappa": 10.0}),
    "race": (gv.race, {"surface": gv.bowl, "start": (1.0, 1.0), "scale": 1.0, "steps": 5}),
    "steps_to_reach": (
        gv.steps_to_reach,
        {"path": gv.gradient_descent(gv.function_2, [1.0, 1.0], 0.1, 5), "surface": gv.bowl,
         "tolerance": 1e-4},
    ),
    "heavy_ball_rate": (
        gv.optimizers.heavy_ball_rate, {"lr": 0.1, "beta": 0.5, "eigenvalues": [2.0, 20.0]}
    ),
    "noisy_gradient": (
        gv.descent.noisy_gradient, {"grad": gv.function_2_gradient, "noise": 0.1, "seed": 0}
    ),
    "bowl_noise_floor": (gv.descent.bowl_noise_floor, {"lr": 0.1, "noise": 0.1, "dims": 2}),
    "valley_best_momentum": (gv.optimizers.valley_best_momentum, {"kappa": 10.0}),
    "valley_steps_plain": (gv.optimizers.valley_steps_plain, {"kappa": 10.0, "tolerance": 1e-6}),
    "valley_steps_momentum": (
        gv.optimizers.valley_steps_momentum, {"kappa": 10.0, "tolerance": 1e-6, "limit": 50}
    ),
}  # fmt: skip
NOT_SPILLED = (PrecisionWarning, TrainingDivergedWarning)


@pytest.mark.parametrize("helper", list(HELPERS))
def test_every_argument_is_right_or_told(helper):
    """Each argument in turn gets every hostile value: the call answers (warning only with a
    PrecisionWarning or TrainingDivergedWarning) or raises a gradviz message, never a raw error
    from numpy or Python, and never takes long."""
    fn, good = HELPERS[helper]
    for arg in good:
        for name, value in [*HOSTILE.items(), ("endless", itertools.count())]:
            start = time.perf_counter()
            with (
                warnings.catch_warnings(record=True) as caught,
                np.errstate(all="warn", under="ignore"),
            ):
                warnings.simplefilter("always")
                try:
                    fn(**{**good, arg: value})
                except (TypeError, ValueError) as err:
                    frame = traceback.extract_tb(err.__traceback__)[-1]
                    assert "gradviz" in frame.filename and "raise" in (frame.line or ""), (
                        f"{helper}({arg}={name}): raw {type(err).__name__}: {err}"
                    )
            spilled = [w for w in caught if not issubclass(w.category, NOT_SPILLED)]
            assert not spilled, f"{helper}({arg}={name}): {[str(w.message) for w in spilled]}"
            assert time.perf_counter() - start < 10, f"{helper}({arg}={name}) took long"
