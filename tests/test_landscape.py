"""gradviz.landscape against analytic answers: quadratics with known Hessians; the digits net."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gradviz as gv
from gradviz import landscape as L


def _quadratic(A: np.ndarray, b: np.ndarray | None = None):
    """f(w) = ½ wᵀAw + bᵀw, its exact gradient, and its Hessian A."""
    b = np.zeros(len(A)) if b is None else b

    def f(w):
        return 0.5 * w @ A @ w + b @ w

    def grad(w):
        return A @ w + b

    return f, grad


def _spd(n: int, seed: int, spread: float = 10.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q, _r = np.linalg.qr(rng.standard_normal((n, n)))
    eig = np.geomspace(1.0, spread, n)
    return q @ np.diag(eig) @ q.T


# --- sharpness ----------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 12), seed=st.integers(0, 10_000), spread=st.floats(1.5, 50.0))
def test_sharpness_of_a_convex_quadratic_is_its_largest_eigenvalue(n, seed, spread):
    A = _spd(n, seed, spread)
    f, grad = _quadratic(A)
    w = np.random.default_rng(seed + 1).standard_normal(n)
    expected = np.linalg.eigvalsh(A)[-1]
    assert L.sharpness(f, w, grad=grad, iters=2000, tol=1e-10) == pytest.approx(expected, rel=0.01)


def test_sharpness_with_the_numerical_gradient_by_default():
    A = np.diag([1.0, 4.0, 9.0])
    f, _grad = _quadratic(A, b=np.array([1.0, -2.0, 0.5]))
    assert gv.sharpness(f, [0.3, -0.2, 1.0]) == pytest.approx(9.0, rel=0.01)


def test_sharpness_is_the_largest_eigenvalue_not_the_largest_in_size():
    """At a saddle whose steepest curvature bends down, λ_max is still the top eigenvalue."""
    f, grad = _quadratic(np.diag([3.0, -5.0]))
    assert gv.sharpness(f, [1.0, 1.0], grad=grad, iters=500, tol=1e-10) == pytest.approx(
        3.0, rel=0.01
    )


def test_sharpness_leaves_w_alone_and_checks_its_input():
    f, grad = _quadratic(np.eye(2))
    w = np.array([1.0, 2.0])
    gv.sharpness(f, w, grad=grad)
    assert np.array_equal(w, [1.0, 2.0])
    with pytest.raises(ValueError, match="shape"):
        gv.sharpness(f, w, grad=lambda x: np.zeros(3))
    with pytest.raises(TypeError, match="function"):
        gv.sharpness(3, w)
    with pytest.raises(ValueError, match="iters"):
        gv.sharpness(f, w, grad=grad, iters=0)


# --- lines and planes ---------------------------------------------------------------------------


def test_loss_over_plane_is_the_exact_quadratic_form():
    A = _spd(5, 3)
    b = np.arange(5.0)
    f, _grad = _quadratic(A, b)
    rng = np.random.default_rng(0)
    w, d1, d2 = rng.standard_normal((3, 5))
    alphas, betas = np.linspace(-1, 1, 7), np.linspace(-2, 2, 5)
    Z = gv.loss_over_plane(f, w, d1, d2, alphas, betas)
    assert Z.shape == (5, 7)
    a, bb = np.meshgrid(alphas, betas)
    # f(w + a d1 + b d2) expanded: a quadratic form in (a, b)
    g = A @ w + b
    exact = (
        f(w)
        + a * (g @ d1)
        + bb * (g @ d2)
        + 0.5 * a**2 * (d1 @ A @ d1)
        + a * bb * (d1 @ A @ d2)
        + 0.5 * bb**2 * (d2 @ A @ d2)
    )
    np.testing.assert_allclose(Z, exact, rtol=1e-12, atol=1e-12)


def test_loss_along_line_ends_at_its_two_points():
    f, _grad = _quadratic(np.diag([1.0, 2.0]))
    w0, w1 = np.array([2.0, 0.0]), np.array([0.0, 1.0])
    line = gv.loss_along_line(f, w0, w1, [0.0, 0.5, 1.0])
    np.testing.assert_allclose(line, [f(w0), f(0.5 * (w0 + w1)), f(w1)])


def test_plane_and_line_refuse_what_they_cannot_answer():
    f, _grad = _quadratic(np.eye(2))
    with pytest.raises(ValueError, match="flat vector"):
        gv.loss_over_plane(f, [0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0], [0.0], [0.0])
    with pytest.raises(ValueError, match="points"):
        gv.loss_over_plane(f, [0.0, 0.0], [1.0, 0.0], [0.0, 1.0], np.zeros(300), np.zeros(300))
    with pytest.raises(TypeError, match="one number"):
        gv.loss_along_line(lambda w: w, [0.0, 0.0], [1.0, 1.0], [0.5])


def test_filter_normalized_direction_matches_each_units_norm():
    net = gv.TwoLayerNet(4, 6, 3, seed=1)
    d = gv.filter_normalized_direction(net.params, seed=2)
    for name in ("W1", "W2"):
        np.testing.assert_allclose(
            np.linalg.norm(d[name], axis=0), np.linalg.norm(net.params[name], axis=0)
        )
    assert not np.any(d["b1"]) and not np.any(d["b2"])
    assert np.array_equal(
        L.flatten(gv.filter_normalized_direction(net.params, seed=2)), L.flatten(d)
    )


def test_trajectory_components_recover_a_straight_path():
    direction = np.array([3.0, 4.0, 0.0]) / 5
    path = np.outer(np.linspace(2, 0, 6) ** 2, direction) + np.array([1.0, 1.0, 1.0])
    components, coords, explained = gv.trajectory_components(path)
    assert abs(components[0] @ direction) == pytest.approx(1.0)
    assert explained[0] == pytest.approx(1.0)
    np.testing.assert_allclose(coords[-1], [0.0, 0.0], atol=1e-12)


def test_flatten_and_unflatten_are_inverse():
    net = gv.TwoLayerNet(3, 4, 2, seed=0)
    back = L.unflatten(L.flatten(net.params), net.params)
    for name, value in net.params.items():
        assert np.array_equal(back[name], value)


# --- the range test -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_range_test_suggests_a_rate_below_two_over_lambda_max_on_a_quadratic(seed):
    A = _spd(6, seed, spread=20.0)
    f, grad = _quadratic(A)
    w = np.random.default_rng(seed).standard_normal(6)
    result = gv.lr_range_test(f, w, grad=grad, lr_min=1e-4, lr_max=10.0, steps=120)
    assert result.stopped_early
    assert 0 < result.suggestion < 2 / np.linalg.eigvalsh(A)[-1]
    assert np.array_equal(w, np.random.default_rng(seed).standard_normal(6))


def test_range_test_checks_its_rates():
    f, grad = _quadratic(np.eye(2))
    with pytest.raises(ValueError, match="larger"):
        gv.lr_range_test(f, [1.0, 1.0], grad=grad, lr_min=1.0, lr_max=0.1)
    with pytest.raises(ValueError, match="lr_min"):
        gv.lr_range_test(f, [1.0, 1.0], grad=grad, lr_min=100.0, lr_max=1e6)


# --- the digits network of notebook 09 ----------------------------------------------------------


@pytest.fixture(scope="module")
def trained():
    (x_train, t_train), (x_test, t_test) = gv.load_digits()
    net = gv.TwoLayerNet(64, 50, 10, seed=0)
    record = gv.record_training(net, x_train, t_train, x_test, t_test, lr=0.5, epochs=30)
    return net, gv.network_objective(net, x_train, t_train), record


def test_digits_are_shipped_and_split_as_the_book_splits_mnist():
    (x_train, t_train), (x_test, _t_test) = gv.load_digits()
    assert x_train.shape == (1437, 64) and x_test.shape == (360, 64)
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    assert set(np.unique(t_train)) == set(range(10))


def test_the_digits_network_learns(trained):
    _net, _f, record = trained
    assert record.train_accuracy[0] < 0.2 < 0.95 < record.test_accuracy[-1]
    assert record.path.shape == (31, 3760)


def test_network_gradient_is_the_derivative_of_its_loss(trained):
    _net, f, _record = trained
    w = L.flatten(_net.params)
    v = np.random.default_rng(0).standard_normal(f.size)
    v /= np.linalg.norm(v)
    slope = (f(w + 1e-5 * v) - f(w - 1e-5 * v)) / 2e-5
    assert f.gradient(w) @ v == pytest.approx(slope, rel=1e-4, abs=1e-9)


def test_descent_from_the_trained_weights_stays_below_two_over_lambda_and_leaves_above(trained):
    net, f, _record = trained
    w = L.flatten(net.params)
    lam = gv.sharpness(f, w, grad=f.gradient)

    def run(eta, steps=100):
        x, losses = w.copy(), []
        with np.errstate(all="ignore"):
            for _step in range(steps):
                losses.append(f(x))
                x = x - eta * f.gradient(x)
        return np.array(losses), np.linalg.norm(x - w)

    below, moved_below = run(0.9 * 2 / lam)
    assert np.all(np.diff(below) <= 1e-12)  # the loss only falls: still in the same basin
    above, moved_above = run(1.5 * 2 / lam)
    assert above.max() > 10 * above[0]  # pushed out: the loss rises far above where it was
    assert moved_above > 5 * moved_below


def test_the_synthesis_marks_the_networks_start_and_says_its_star_is_not_a_minimum():
    import matplotlib.pyplot as plt

    f, _grad = _quadratic(np.diag([1.0, 4.0, 9.0]))
    path = np.array([[3.0, 2.0, 1.0], [2.0, 1.0, 0.5], [1.5, 0.4, 0.2], [1.0, 0.1, 0.0]])
    plane = L.path_plane(f, path, n=9)
    bowl = gv.SURFACES["bowl"]
    runs = [(bowl, gv.gradient_descent(bowl.f, bowl.start, lr=0.1, step_num=5))]
    ax = gv.landscape_plots.plot_synthesis(runs, plane)[-1]
    rings = [line for line in ax.lines if line.get_markerfacecolor() == "none"]
    assert len(rings) == 1 and np.allclose(rings[0].get_xydata(), [plane.coords[0]])
    notes = {t.get_text(): t.xy for t in ax.texts}
    assert np.allclose(notes["start: random weights"], plane.coords[0])
    assert np.allclose(notes["trained weights (not the bottom)"], (0.0, 0.0))
    assert np.allclose(plane.coords[-1], 0.0)  # the star at (0, 0) is the path's end
    plt.close(ax.figure)
