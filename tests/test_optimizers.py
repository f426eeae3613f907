"""The optimizers of notebook 07 against hand-computed steps, and on the bowl."""

import numpy as np
import pytest

import gradviz as gv
from gradviz.optimizers import heavy_ball_rate

G = gv.function_2_gradient  # on the bowl, ∇f(x) = 2x


def run(method, start=(1.0, -2.0), steps=3):
    return gv.minimize(gv.function_2, start, method, steps, grad=G).points


def test_sgd_by_hand():
    pts = run(gv.SGD(0.1))
    np.testing.assert_allclose(pts[1], [0.8, -1.6])
    np.testing.assert_allclose(pts[2], [0.64, -1.28])


def test_momentum_by_hand():
    # v1 = -lr·g0 = -0.1·(2, -4) = (-0.2, 0.4); x1 = (0.8, -1.6)
    # g1 = (1.6, -3.2); v2 = 0.9·v1 - 0.1·g1 = (-0.34, 0.68); x2 = (0.46, -0.92)
    pts = run(gv.Momentum(0.1, 0.9))
    np.testing.assert_allclose(pts[1], [0.8, -1.6])
    np.testing.assert_allclose(pts[2], [0.46, -0.92])


def test_nesterov_by_hand():
    # the book's form: x += β²·v − (1 + β)·lr·g with the old v, then v = βv − lr·g
    # step 0: v = 0, x = (1, -2) − 1.9·0.1·(2, −4) = (0.62, −1.24); v = (-0.2, 0.4)
    # step 1: g = (1.24, −2.48); x = (0.62, −1.24) + 0.81·(−0.2, 0.4) − 0.19·(1.24, −2.48)
    #         = (0.2224, −0.4448)
    pts = run(gv.Nesterov(0.1, 0.9))
    np.testing.assert_allclose(pts[1], [0.62, -1.24])
    np.testing.assert_allclose(pts[2], [0.2224, -0.4448])


def test_adagrad_by_hand():
    # h = g² = (4, 16); step = lr·g/√h = 0.5·sign(g) (up to 1e-7)
    pts = run(gv.AdaGrad(0.5))
    np.testing.assert_allclose(pts[1], [0.5, -1.5], atol=1e-6)


def test_rmsprop_by_hand():
    # h = 0.01·g² → √h = 0.1·|g|; step = lr·g/√h = 10·lr·sign(g)
    pts = run(gv.RMSProp(0.01, 0.99))
    np.testing.assert_allclose(pts[1], [0.9, -1.9], atol=1e-6)


def test_adam_by_hand():
    # t = 1: m = 0.1·g, v = 0.001·g², lr_t = lr·√(0.001)/0.1 → step = lr·sign(g)
    pts = run(gv.Adam(0.3))
    np.testing.assert_allclose(pts[1], [0.7, -1.7], atol=1e-6)


def test_newton_jumps_to_the_bottom_of_a_bowl():
    pts = run(gv.Newton())
    np.testing.assert_allclose(pts[1], [0.0, 0.0], atol=1e-6)
    pts = gv.minimize(gv.rosenbrock.f, (-1.5, 2.0), gv.Newton(), 10, grad=gv.rosenbrock.grad).points
    np.testing.assert_allclose(pts[-1], [1.0, 1.0], atol=1e-6)


def test_newton_heads_for_the_saddle_point():
    path = gv.minimize(gv.saddle.f, (-1.8, 0.05), gv.Newton(), 5, grad=gv.saddle.grad)
    np.testing.assert_allclose(path.x, [0.0, 0.0], atol=1e-6)


@pytest.mark.parametrize("name", list(gv.OPTIMIZERS))
def test_every_method_converges_on_the_bowl(name):
    method = gv.optimizers.RACE_METHODS[name]  # the book's race learning rates
    path = gv.minimize(gv.function_2, (-3.0, 4.0), method, 300, grad=G)
    assert not path.diverged
    assert path.values[-1] < 1e-6, (name, path.values[-1])


@pytest.mark.parametrize("name", list(gv.OPTIMIZERS))
def test_numerical_and_exact_gradients_agree(name):
    method = gv.OPTIMIZERS[name]
    a = gv.minimize(gv.function_2, (-3.0, 4.0), method, 20)
    b = gv.minimize(gv.function_2, (-3.0, 4.0), method, 20, grad=G)
    np.testing.assert_allclose(a.points, b.points, atol=1e-6)


def test_init_x_is_left_alone_and_paths_are_labelled():
    start = np.array([-3.0, 4.0])
    path = gv.minimize(gv.function_2, start, gv.Adam(), 10)
    assert start.tolist() == [-3.0, 4.0] and path.schedule_label == "Adam"


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: gv.SGD(-0.1), "lr must be positive"),
        (lambda: gv.Momentum(0.1, 1.0), "momentum must be"),
        (lambda: gv.RMSProp(0.1, decay_rate=-0.5), "decay_rate"),
        (lambda: gv.Adam(beta2=1.5), "beta2"),
    ],
)
def test_bad_hyper_parameters_are_refused(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_a_non_method_is_refused():
    with pytest.raises(TypeError, match="one of the optimizers"):
        gv.minimize(gv.function_2, (1.0, 1.0), "Adam")


def test_divergence_is_reported_not_raised():
    path = gv.minimize(gv.rosenbrock.f, (-1.5, 2.0), gv.SGD(0.95), 100, grad=gv.rosenbrock.grad)
    assert path.diverged and np.all(np.isfinite(path.points))


def test_stop_below_ends_the_run_early():
    path = gv.minimize(gv.function_2, (-3.0, 4.0), gv.SGD(0.1), 1000, grad=G, stop_below=1e-6)
    assert path.reached_target and not path.stopped_early
    assert path.values[-1] < 1e-6 <= path.values[-2]


def test_numerical_hessian():
    H = gv.calculus.numerical_hessian(gv.rosenbrock.grad, np.array([1.0, 1.0]))
    np.testing.assert_allclose(H, [[802.0, -400.0], [-400.0, 200.0]], rtol=1e-6)


def test_heavy_ball_rate():
    # β = 0 is plain descent: factor |1 − lr·λ| for the worst eigenvalue
    assert heavy_ball_rate(0.1, 0.0, [2.0, 20.0]) == pytest.approx(1.0)
    assert heavy_ball_rate(0.04, 0.0, [2.0, 20.0]) == pytest.approx(0.92)
    # optimal heavy ball on eigenvalues (2, 2κ): factor √β = (√κ − 1)/(√κ + 1)
    kappa = 25.0
    lr = 4 / (np.sqrt(2 * kappa) + np.sqrt(2)) ** 2
    beta = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
    assert heavy_ball_rate(lr, beta, [2.0, 2 * kappa]) == pytest.approx(np.sqrt(beta))
    # and the simulated error shrinks at that rate
    s = gv.elongated_bowl(kappa)
    path = gv.minimize(s.f, (-4.0, 2.0), gv.Momentum(lr, beta), 80, grad=s.grad)
    observed = (path.values[80] / path.values[60]) ** (1 / 40)
    assert observed == pytest.approx(np.sqrt(beta), rel=0.1)


def test_two_minima_surface():
    s = gv.two_minima
    np.testing.assert_allclose(s.grad(s.minima.T), 0.0, atol=1e-9)
    assert s.f(s.minima[0]) < s.f(s.minima[1])  # the left one is deeper


def test_best_plain_rate_needs_the_steps_the_formula_says():
    kappa = 10.0
    s = gv.elongated_bowl(kappa)
    lr, _ = gv.optimizers.valley_best_plain(kappa)
    needed = gv.optimizers.valley_steps_plain(kappa)
    path = gv.gradient_descent(s.f, gv.optimizers.VALLEY_START, lr=lr, step_num=needed, grad=s.grad)
    assert path.values[-1] < 1e-6 < path.values[-2]


def test_race_runs_every_method_and_measures_arrival():
    s = gv.SURFACES["book's valley"]
    paths = gv.race(s, s.start, 1.0, steps=50)
    assert list(paths) == list(gv.RACE_METHODS)
    assert gv.steps_to_reach(paths["Newton"], s) == 1  # a quadratic: one Newton step
    assert gv.steps_to_reach(paths["Newton"], gv.saddle) is None
