"""A property-based fuzz of the public API: right, or told.

Random dtypes, shapes, memory layouts, magnitudes and callables that misbehave are
thrown at the computing helpers. Every call must end in one of three ways:

* a right answer (checked against the exact one) and no warning;
* an answer with a ``PrecisionWarning`` that says why it may be off;
* a ``TypeError``/``ValueError`` raised by gradviz itself (its message in words),
  or the callable's own exception passing through unchanged.

A bare numpy or Python error (raised from inside numpy, an ``OverflowError``, an
``IndexError``...), a numpy ``RuntimeWarning``/``ComplexWarning`` spilled on the
student, or a wrong number without a word fails the test. Each test has a small
``max_examples`` so that the whole file stays well under a minute.
"""

import math
import traceback
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gradviz as gv
from gradviz import check
from gradviz.calculus import PrecisionWarning

PACKAGE = Path(gv.__file__).resolve().parent
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


class Misbehaviour(Exception):
    """What a misbehaving callable raises: it must reach the caller unchanged."""


def run(fn):
    """Call fn and classify the outcome: ("ok", value, told) or ("raised", err, True)."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            value = fn()
        except Misbehaviour as err:
            return "raised", err, True
        except (TypeError, ValueError) as err:
            origin = Path(traceback.extract_tb(err.__traceback__)[-1].filename).resolve()
            assert PACKAGE in origin.parents, (
                f"bare {type(err).__name__} from {origin}: {err}"
            )  # fmt: skip
            assert len(str(err)) > 20, f"a message too short to act on: {err}"
            return "raised", err, True
        except Exception as err:  # anything else is a bare error
            pytest.fail(f"bare {type(err).__name__}: {err}")
    spilled = [w for w in caught if not issubclass(w.category, PrecisionWarning)]
    assert not spilled, f"warnings spilled on the student: {[str(w.message) for w in spilled]}"
    return "ok", value, bool(caught)


# --- numerical_gradient ----------------------------------------------------------------

DTYPES = [np.float16, np.float32, np.float64, np.int8, np.int32, np.int64, np.uint8]
LAYOUTS = ["C", "F", "strided", "readonly", "list", "tuple", "scalar"]


def _array(data, dtype, shape, exponent, layout):
    values = np.asarray(data[: math.prod(shape)], dtype=float).reshape(shape) * 10.0**exponent
    if np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        values = np.clip(np.round(values), info.min, info.max)
    with np.errstate(over="ignore"):
        arr = values.astype(dtype)
    if layout == "F":
        return np.asfortranarray(arr)
    if layout == "strided" and arr.ndim:
        return np.repeat(arr, 2, axis=-1)[..., ::2]
    if layout == "readonly":
        arr.setflags(write=False)
        return arr
    if layout == "list":
        return arr.tolist()
    if layout == "tuple":
        return tuple(arr.reshape(-1).tolist())
    if layout == "scalar":
        return arr.reshape(-1)[0].item() if arr.size else 1.0
    return arr


GOOD_FUNCTIONS = {
    "squares": (lambda v: np.sum(np.asarray(v) ** 2), lambda x: 2 * x),
    "cubes": (lambda v: np.sum(np.asarray(v) ** 3) / 3.0, lambda x: x**2),
    "sin": (lambda v: np.sum(np.sin(v)), np.cos),
    "offset": (lambda v: np.sum(np.asarray(v) ** 2) + 1e10, lambda x: 2 * x),
}


def _raises(v):
    raise Misbehaviour("boom")


BAD_FUNCTIONS = {
    "array": lambda v: np.asarray(v) * 2.0,
    "none": lambda v: None,
    "nan": lambda v: np.nan,
    "inf": lambda v: np.inf,
    "complex": lambda v: complex(1, 2),
    "string": lambda v: "1.0",
    "raises": _raises,
    "list": lambda v: [1.0],
    "constant": lambda v: 3.0,
    "python overflow": lambda v: 10.0**400 if True else 0,
    "domain": lambda v: np.sum(np.sqrt(np.asarray(v) - 1e9)),
}


@FUZZ
@given(
    data=st.lists(st.floats(-1, 1), min_size=64, max_size=64),
    dtype=st.sampled_from(DTYPES),
    shape=st.lists(st.integers(0, 4), min_size=0, max_size=3).map(tuple),
    exponent=st.integers(-6, 16),
    layout=st.sampled_from(LAYOUTS),
    name=st.sampled_from(sorted(GOOD_FUNCTIONS) + sorted(BAD_FUNCTIONS)),
    h=st.sampled_from([1e-4, 1e-4, 1e-2, 1e-8, 1e-30]),
)
def test_numerical_gradient_is_right_or_tells(data, dtype, shape, exponent, layout, name, h):
    x = _array(data, dtype, shape, exponent, layout)
    before = np.array(x, copy=True)
    f = GOOD_FUNCTIONS[name][0] if name in GOOD_FUNCTIONS else BAD_FUNCTIONS[name]
    kind, value, told = run(lambda: gv.numerical_gradient(f, x, h))
    assert np.array_equal(np.asarray(x), before, equal_nan=True)  # left as found
    if kind != "ok":
        return
    assert value.dtype == np.float64 and value.shape == np.shape(before)
    if name not in GOOD_FUNCTIONS or told:
        return
    exact = GOOD_FUNCTIONS[name][1](np.asarray(before, dtype=float))
    tolerance = 2e-3 * max(float(np.max(np.abs(exact), initial=0.0)), 1.0)
    tolerance += h * h * np.max(np.abs(np.asarray(before, dtype=float)), initial=1.0)  # cubes
    assert np.all(np.abs(value - exact) <= tolerance), (
        f"silently wrong: {value} instead of {exact}"
    )  # fmt: skip


@FUZZ
@given(
    xs=st.lists(st.floats(-1, 1), min_size=2, max_size=12),
    exponent=st.integers(-3, 12),
    name=st.sampled_from(["squares", "mixing", "raises", "nan", "array"]),
)
def test_gradient_field_is_right_or_tells(xs, exponent, name):
    functions = {
        "squares": lambda p: p[0] ** 2 + p[1] ** 2,
        "mixing": lambda p: np.sum(p**2) + p[0],
        "raises": _raises,
        "nan": lambda p: np.sqrt(p[0]),
        "array": lambda p: np.stack([p[0], p[1]]),
    }
    grid = np.array(xs) * 10.0**exponent
    X, Y = np.meshgrid(grid, grid[::-1])
    kind, value, told = run(lambda: gv.gradient_field(functions[name], X, Y))
    if kind == "ok" and name in ("squares", "mixing") and not told:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PrecisionWarning)
            U, V = gv.gradient_field_loop(functions[name], X, Y)
        np.testing.assert_allclose(value[0], U, rtol=1e-6, atol=1e-6 * (1 + np.abs(U).max()))
        np.testing.assert_allclose(value[1], V, rtol=1e-6, atol=1e-6 * (1 + np.abs(V).max()))


# --- descent and the optimizers ---------------------------------------------------------

METHODS = [None, *gv.OPTIMIZERS.values()]
SURFACE_FUNCTIONS = {
    "bowl": lambda x: np.sum(np.asarray(x) ** 2),
    "sqrt": lambda x: np.sum(np.sqrt(x)),
    "cubic": lambda x: np.sum(np.asarray(x) ** 3),
    "raises": _raises,
    "array": lambda x: np.asarray(x) * 2,
    "log": lambda x: np.sum(np.log(x)),
}


@FUZZ
@given(
    start=st.lists(st.floats(-1, 1), min_size=0, max_size=4),
    exponent=st.integers(-3, 25),
    method=st.sampled_from(range(len(METHODS))),
    lr=st.floats(1e-8, 1e3),
    steps=st.integers(0, 40),
    name=st.sampled_from(sorted(SURFACE_FUNCTIONS)),
    schedule=st.sampled_from([None, gv.ExponentialDecay(0.5), gv.StepDecay(0.1, 1)]),
)
def test_descent_is_right_or_tells(start, exponent, method, lr, steps, name, schedule):
    x0 = np.array(start) * 10.0**exponent
    f = SURFACE_FUNCTIONS[name]
    chosen = METHODS[method]
    if chosen is None:
        call = lambda: gv.gradient_descent(f, x0, lr=lr, step_num=steps, schedule=schedule)  # noqa: E731
    else:
        call = lambda: gv.minimize(f, x0, chosen.scaled(lr / chosen.lr), steps)  # noqa: E731
    kind, path, _ = run(call)
    if kind != "ok":
        return
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.values))
    text = path.summary()
    assert isinstance(text, str) and text
    grew = path.values[-1] > 10 * abs(path.values[0]) + 1
    stalled = len(path.points) - 1 < steps and not path.reached_target
    if grew or stalled:  # something went wrong: the summary must say what
        named = path.diverged or path.stop_reason or path.precision_message
        assert named or "ended higher than it started" in text, text


# --- networks ----------------------------------------------------------------------------


@FUZZ
@given(
    sizes=st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(2, 4)),
    batch=st.integers(1, 5),
    width_delta=st.sampled_from([0, 0, 0, 1, -1]),
    one_sample=st.booleans(),
    exponent=st.integers(-3, 4),
    seed=st.integers(0, 1000),
    activation=st.sampled_from(["relu", "sigmoid"]),
)
def test_networks_are_right_or_tell(
    sizes, batch, width_delta, one_sample, exponent, seed, activation
):
    n_in, hidden, n_out = sizes
    rng = np.random.default_rng(seed)
    net = gv.TwoLayerNet(n_in, hidden, n_out, activation=activation, seed=seed)
    width = max(n_in + width_delta, 1)
    x = rng.standard_normal((width,) if one_sample else (batch, width)) * 10.0**exponent
    t = rng.integers(0, n_out, size=1 if one_sample else batch)
    kind, grads, _ = run(lambda: net.gradient(x, t))
    if width != n_in:
        assert kind == "raised" and "numbers per sample" in str(grads)
        return
    assert kind == "ok"
    kind, loss, _ = run(lambda: net.loss(x, t))
    assert kind == "ok" and np.isfinite(loss) and loss >= 0
    a1 = np.atleast_2d(x) @ net.params["W1"] + net.params["b1"]
    near_kink = activation == "relu" and np.min(np.abs(a1)) < 1e-3  # h = 1e-4 steps across
    if exponent <= 1 and not near_kink:  # backprop and central differences agree
        numerical, analytic = net.numerical_gradient(x, t), grads
        for name in numerical:
            np.testing.assert_allclose(numerical[name], analytic[name], rtol=1e-4, atol=1e-6)


ANSWERS = st.one_of(
    st.none(),
    st.integers(-(10**500), 10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(),
    st.text(max_size=5),
    st.lists(st.one_of(st.floats(-10, 10), st.integers(-5, 5)), max_size=4),
    st.lists(st.lists(st.integers(0, 3), max_size=2), max_size=3),
    st.sets(st.one_of(st.floats(0, 1), st.integers(-(10**400), 10**400)), max_size=3),
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(answer=ANSWERS, which=st.integers(0, 8))
def test_checkers_never_raise(answer, which):
    calls = [
        lambda: check.close("a", answer, 1.0),
        lambda: check.vector("a", answer, [1.0, 2.0]),
        lambda: check.accurate_step(answer),
        lambda: check.fast_learning_rate(answer, steps=5),
        lambda: check.diverging_rates(answer),
        lambda: check.gradient_at(answer, gv.function_2, [1.0, 2.0]),
        lambda: check.momentum_settings(answer, 0.9, steps=5),
        lambda: check.momentum_settings(0.001, answer, steps=5),
        lambda: check.training_settings(0.5, answer, steps=1),
    ]
    kind, result, _ = run(calls[which])
    assert kind == "ok" and isinstance(result, check.CheckResult), result
