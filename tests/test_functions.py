"""The teaching functions: exact gradients, minima and windows."""

import numpy as np
import pytest

import gradviz as gv


@pytest.mark.parametrize("surface", list(gv.SURFACES.values()), ids=list(gv.SURFACES))
def test_analytic_gradient_matches_numerical(surface):
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = surface.window
    for _ in range(20):
        p = np.array([rng.uniform(x0, x1), rng.uniform(y0, y1)])
        np.testing.assert_allclose(
            surface.grad(p), gv.numerical_gradient(surface.f, p), rtol=1e-5, atol=1e-5
        )


@pytest.mark.parametrize("surface", list(gv.SURFACES.values()), ids=list(gv.SURFACES))
def test_minima_have_zero_gradient_and_lie_in_the_window(surface):
    for m in surface.minima:
        np.testing.assert_allclose(surface.grad(m), 0.0, atol=1e-12)
        (x0, x1), (y0, y1) = surface.window
        assert x0 < m[0] < x1 and y0 < m[1] < y1
    (x0, x1), (y0, y1) = surface.window
    assert x0 < surface.start[0] < x1 and y0 < surface.start[1] < y1


@pytest.mark.parametrize("surface", list(gv.SURFACES.values()), ids=list(gv.SURFACES))
def test_surfaces_work_on_grids(surface):
    X, Y = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 2, 4))
    Z = surface.f(np.stack([X, Y]))
    assert Z.shape == X.shape
    assert surface.grad(np.stack([X, Y])).shape == (2, 4, 5)


def test_function_1_and_its_derivative():
    assert gv.function_1(10.0) == pytest.approx(2.0)
    assert gv.function_1_derivative(5.0) == pytest.approx(0.2)


def test_elongated_bowl_condition_number():
    s = gv.elongated_bowl(25)
    np.testing.assert_allclose(s.grad(np.array([1.0, 1.0])), [2.0, 50.0])
    with pytest.raises(ValueError, match="kappa"):
        gv.elongated_bowl(0.5)


def test_surfaces_are_keyed_by_their_stable_key():
    for key, s in gv.SURFACES.items():
        assert s.key == key
    assert gv.SURFACES["Rosenbrock"].name == "Rosenbrock valley"  # shown in menus and titles


def test_what_a_surface_knows_about_its_window():
    assert gv.bowl.z_range[0] == pytest.approx(0.0, abs=0.02)
    assert gv.bowl.z_range[1] == pytest.approx(2 * 4.5**2)
    assert gv.bowl.lowest == 0.0 and gv.saddle.lowest is None
    assert gv.two_minima.lowest == pytest.approx(float(gv.two_minima.f(gv.two_minima.minima[0])))
    assert gv.bowl.loss_scale == {"value": "log"}
    assert gv.saddle.loss_scale["value"] == "symlog"
    assert gv.SURFACES["Rosenbrock"].race_scale == 0.002


def test_slices_pass_through_the_point():
    curves = gv.slice_curves(gv.bowl, (3.0, 4.0), n=9)
    np.testing.assert_allclose(curves["f0"], curves["t0"] ** 2 + 16.0)
    low, high = gv.bowl.z_range
    for plane in gv.slice_planes(gv.bowl, (3.0, 4.0)):
        assert plane.shape == (4, 3) and set(plane[:, 2]) == {low, high}


@pytest.mark.parametrize("key", list(gv.SURFACES))
def test_descent_lr_converges_from_the_start(key):
    # The descent explorer moves its slider to descent_lr when the surface changes:
    # from the start that rate must not diverge, and f must fall.
    s = gv.SURFACES[key]
    path = gv.gradient_descent(s.f, np.array(s.start), lr=s.descent_lr, step_num=200, grad=s.grad)
    if len(s.minima):  # the saddle has no minimum: there f falls without end
        assert not path.diverged
    assert path.values[-1] < path.values[0]


def test_a_surface_title_is_its_name_and_formula_in_the_current_language():
    assert gv.bowl.title == "bowl: f = x0² + x1²"
    with gv.language("zh_CN"):
        assert gv.bowl.title == "碗形曲面：f = x0² + x1²"
