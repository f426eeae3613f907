"""numerical_diff, numerical_gradient, gradient_field and tangent_line against exact answers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gradviz as gv
from gradviz.calculus import NonFiniteValueError, PrecisionWarning

# --- numerical_diff and friends -------------------------------------------------


def test_numerical_diff_reproduces_the_text():
    assert gv.numerical_diff(gv.function_1, 5) == 0.1999999999990898
    assert gv.numerical_diff(gv.function_1, 10) == 0.2999999999986347


def test_forward_difference_is_less_accurate_than_central():
    exact = np.cos(1.0)
    assert abs(gv.forward_diff(np.sin, 1.0, 1e-4) - exact) > 1e-6
    assert abs(gv.numerical_diff(np.sin, 1.0, 1e-4) - exact) < 1e-8


def test_tiny_h_rounds_to_zero():
    # 1e-50 is lost next to 5.0: x + h == x, so the difference is exactly 0.
    assert gv.numerical_diff(gv.function_1, 5.0, h=1e-50) == 0.0


def test_difference_errors_make_a_u_shape_for_sin():
    hs = np.logspace(-16, 0, 161)
    forward, central = gv.difference_errors(np.sin, 1.0, np.cos(1.0), hs)
    assert forward.shape == central.shape == hs.shape
    best = np.argmin(central)
    assert 1e-7 < hs[best] < 1e-3  # the bottom of the U sits in the middle
    assert central[0] > 100 * central[best] and central[-1] > 100 * central[best]


def test_tangent_line_reproduces_the_text():
    line = gv.tangent_line(gv.function_1, 5)
    assert line.slope == 0.1999999999990898
    assert line(5.0) == pytest.approx(gv.function_1(5.0))
    np.testing.assert_allclose(line(np.array([0.0, 10.0])), [-0.25, 1.75], atol=1e-9)


@pytest.mark.parametrize("x", [np.array([1.0, 2.0]), [1.0], "five", None])
def test_numerical_diff_refuses_non_numbers(x):
    with pytest.raises(TypeError, match="number"):
        gv.numerical_diff(gv.function_1, x)


@pytest.mark.parametrize("h", [0, -1e-4, np.nan, np.inf])
def test_bad_step_sizes_are_refused(h):
    with pytest.raises(ValueError, match="h must be"):
        gv.numerical_diff(gv.function_1, 5.0, h)
    with pytest.raises(ValueError, match="h must be"):
        gv.numerical_gradient(gv.function_2, [1.0, 2.0], h)


# --- numerical_gradient: the text's examples and its traps ------------------------


@pytest.mark.parametrize(
    ("point", "expected"),
    [([3.0, 4.0], [6.0, 8.0]), ([0.0, 2.0], [0.0, 4.0]), ([3.0, 0.0], [6.0, 0.0])],
)
def test_gradient_of_function_2_matches_the_text(point, expected):
    np.testing.assert_allclose(
        gv.numerical_gradient(gv.function_2, np.array(point)), expected, atol=1e-9
    )


@pytest.mark.parametrize(
    "point", [np.array([3, 4]), [3, 4], (3, 4), np.array([3, 4], dtype=np.int8)]
)
def test_integers_lists_and_tuples_give_the_right_gradient(point):
    grad = gv.numerical_gradient(gv.function_2, point)
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, [6.0, 8.0], atol=1e-9)


def test_integer_array_is_left_untouched():
    x = np.array([3, 4])
    gv.numerical_gradient(gv.function_2, x)
    assert x.dtype.kind == "i" and x.tolist() == [3, 4]


def test_float_array_is_restored_exactly():
    x = np.array([0.1, 1e-300, -7.3e12])
    before = x.copy()
    with pytest.warns(PrecisionWarning, match="too small next to x = -7.3e"):  # h lost there
        gv.numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    assert np.array_equal(x, before) and x.tobytes() == before.tobytes()


def test_float_array_is_restored_when_f_raises():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    calls = []

    def fragile(v):
        calls.append(v.copy())
        if len(calls) == 3:
            raise RuntimeError("boom")
        return float(np.sum(v))

    with pytest.raises(RuntimeError, match="boom"):
        gv.numerical_gradient(fragile, x)
    assert x.tolist() == [[1.0, 2.0], [3.0, 4.0]]


def test_the_texts_network_pattern_sees_the_perturbation():
    """f ignores its argument and reads the weights it shares with the caller."""
    W = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
    x = np.array([0.6, 0.9])
    before = W.copy()

    def loss(_unused):
        return float(np.sum((x @ W) ** 2))

    grad = gv.numerical_gradient(loss, W)
    exact = 2 * np.outer(x, x @ W)
    np.testing.assert_allclose(grad, exact, rtol=1e-6)
    assert np.array_equal(W, before)


@pytest.mark.parametrize("shape", [(), (1,), (5,), (2, 3), (2, 3, 4)])
def test_any_shape_returns_same_shape(shape):
    x = np.arange(np.prod(shape), dtype=float).reshape(shape) / 7.0
    grad = gv.numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert grad.shape == x.shape
    np.testing.assert_allclose(grad, 2 * x, atol=1e-8)


def test_a_function_returning_an_array_gets_a_clear_message():
    with pytest.raises(TypeError, match=r"single number.*shape \(2,\).*np.sum"):
        gv.numerical_gradient(lambda x: x**2, np.array([1.0, 2.0]))


@pytest.mark.parametrize("bad", [[1.0, np.nan], [np.inf, 0.0], np.array([-np.inf, 1.0])])
def test_non_finite_points_are_refused(bad):
    with pytest.raises(ValueError, match="NaN or infinity"):
        gv.numerical_gradient(gv.function_2, bad)


def test_non_finite_function_values_are_reported():
    with pytest.raises(NonFiniteValueError, match="derivative is undefined"):
        gv.numerical_gradient(lambda x: 1.0 / x[0] if x[0] > 0 else np.inf, np.array([0.0]))


@pytest.mark.parametrize("not_a_function", [None, 3.0, "f", np.array([1.0])])
def test_non_callables_are_refused(not_a_function):
    with pytest.raises(TypeError, match="must be a function"):
        gv.numerical_gradient(not_a_function, [1.0, 2.0])


@pytest.mark.parametrize("bad_x", ["abc", [1.0, "a"], {"a": 1}, [1 + 2j, 0]])
def test_non_numeric_points_are_refused(bad_x):
    with pytest.raises(TypeError, match="x must"):
        gv.numerical_gradient(gv.function_2, bad_x)


def test_read_only_arrays_are_copied_not_written():
    x = np.array([3.0, 4.0])
    x.setflags(write=False)
    np.testing.assert_allclose(gv.numerical_gradient(gv.function_2, x), [6.0, 8.0], atol=1e-9)


# --- property tests: numerical against analytic ---------------------------------

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@pytest.mark.filterwarnings("ignore:f returned exactly the same")  # A = 0: flat, right
@given(
    A=hnp.arrays(np.float64, (3, 3), elements=finite),
    b=hnp.arrays(np.float64, 3, elements=finite),
    x=hnp.arrays(np.float64, 3, elements=finite),
)
def test_quadratic_gradient_matches_analytic(A, b, x):
    """f(x) = xᵀAx + bᵀx has gradient (A + Aᵀ)x + b; central differences are exact here."""
    grad = gv.numerical_gradient(lambda v: float(v @ A @ v + b @ v), x)
    scale = 1 + np.abs(A).sum() * (1 + np.abs(x).max()) + np.abs(b).max()
    np.testing.assert_allclose(grad, (A + A.T) @ x + b, atol=1e-6 * scale)


@pytest.mark.filterwarnings("ignore:f returned exactly the same")  # A = 0: flat, right
@given(
    coeffs=hnp.arrays(np.float64, (2, 4), elements=st.floats(-3, 3)),
    W=hnp.arrays(np.float64, (2, 2), elements=st.floats(-2, 2)),
)
def test_polynomial_gradient_on_a_matrix_matches_analytic(coeffs, W):
    """f(W) = Σ_ij Σ_k c_ik W_ij^k (k = 1..4): each entry's derivative is known exactly."""
    powers = np.arange(1, 5)

    def f(M):
        return float(np.sum(coeffs[:, None, :] * M[:, :, None] ** powers))

    exact = np.sum(coeffs[:, None, :] * powers * W[:, :, None] ** (powers - 1), axis=2)
    grad = gv.numerical_gradient(f, W)
    # central difference error for a quartic: h²/6·|f'''| ≤ 1e-8/6·(6·3 + 24·3·2)
    np.testing.assert_allclose(grad, exact, atol=1e-6)
    assert grad.shape == W.shape


# --- gradient_field: vectorised equals the loop -----------------------------------


def test_gradient_field_equals_the_loop():
    xs = np.linspace(-2, 2, 17)
    X, Y = np.meshgrid(xs, xs)
    for surface in gv.SURFACES.values():
        fast = gv.gradient_field(surface.f, X, Y)
        slow = gv.gradient_field_loop(surface.f, X, Y)
        np.testing.assert_allclose(fast, slow, atol=1e-9)
        exact = surface.grad(np.stack([X, Y]))
        np.testing.assert_allclose(fast, exact, atol=1e-5 * (1 + np.abs(exact).max()))


def test_gradient_field_falls_back_for_point_only_functions():
    X, Y = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(0, 2, 3))
    U, V = gv.gradient_field(lambda p: float(np.sum(p**2)), X, Y)
    np.testing.assert_allclose(U, 2 * X, atol=1e-8)
    np.testing.assert_allclose(V, 2 * Y, atol=1e-8)


def test_gradient_field_refuses_mismatched_grids():
    with pytest.raises(ValueError, match="same shape"):
        gv.gradient_field(gv.function_2, np.zeros((3, 3)), np.zeros((3, 4)))


def test_gradient_field_leaves_inputs_alone():
    X, Y = np.meshgrid(np.arange(3), np.arange(3))  # integers
    X0, Y0 = X.copy(), Y.copy()
    U, _ = gv.gradient_field(gv.function_2, X, Y)
    np.testing.assert_allclose(U, 2 * X, atol=1e-9)
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)


# --- directional_derivative: the slope along a direction, against analytic answers


def test_directional_derivative_of_the_bowl_is_grad_dot_u():
    # f = x0² + x1² at (3, 4): ∇f = (6, 8), so D_u f = 6·u0 + 8·u1 for a unit u.
    for theta in np.linspace(0, 2 * np.pi, 13):
        u = np.array([np.cos(theta), np.sin(theta)])
        assert gv.directional_derivative(gv.function_2, [3.0, 4.0], u) == pytest.approx(
            6 * u[0] + 8 * u[1], abs=1e-9
        )


def test_directional_derivative_extremes_and_contour():
    x = np.array([3.0, 4.0])
    g = np.array([6.0, 8.0])  # the exact gradient, |g| = 10
    assert gv.directional_derivative(gv.function_2, x, g) == pytest.approx(10.0)
    assert gv.directional_derivative(gv.function_2, x, -g) == pytest.approx(-10.0)
    assert gv.directional_derivative(gv.function_2, x, [-8.0, 6.0]) == pytest.approx(0, abs=1e-9)


def test_directional_derivative_uses_only_the_direction_of_u():
    f = gv.rosenbrock.f
    x, u = np.array([0.5, -0.3]), np.array([1.0, 2.0])
    exact = gv.rosenbrock.grad(x) @ (u / np.linalg.norm(u))
    for scale in (1e-3, 1.0, 50.0):
        assert gv.directional_derivative(f, x, scale * u) == pytest.approx(exact, rel=1e-7)


def test_directional_derivative_along_an_axis_is_the_partial_derivative():
    def f(x):
        return x[0] ** 2 * x[1]

    assert gv.directional_derivative(f, [2.0, 3.0], [1.0, 0.0]) == pytest.approx(12.0)
    assert gv.directional_derivative(f, [2.0, 3.0], [0.0, 1.0]) == pytest.approx(4.0)


def test_directional_derivative_rejects_a_zero_or_misshaped_direction():
    with pytest.raises(ValueError, match="zero vector"):
        gv.directional_derivative(gv.function_2, [3.0, 4.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="shape"):
        gv.directional_derivative(gv.function_2, [3.0, 4.0], [1.0, 0.0, 0.0])
