"""The figures of notebooks 02 and 03 that live in gradviz.plots: plot_slices, plot_directions."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import gradviz as gv


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def slope_of(line):
    xs, ys = line.get_data()
    return (ys[-1] - ys[0]) / (xs[-1] - xs[0])


def test_plot_slices_draws_each_slice_with_the_tangent_of_its_partial_derivative():
    axes = gv.plot_slices(gv.bowl, (3.0, 4.0))
    assert set(axes) == {"surface", "x0", "x1"}
    for name, exact in (("x0", 6.0), ("x1", 8.0)):
        _curve, tangent, dot = axes[name].lines
        assert slope_of(tangent) == pytest.approx(exact, rel=1e-9)
        assert dot.get_data()[1][0] == pytest.approx(25.0)
        assert f"= {exact:g}" in axes[name].get_title()
    # the x0 slice holds x1 = 4: it is t² + 16
    t, f = axes["x0"].lines[0].get_data()
    np.testing.assert_allclose(f, t**2 + 16)


def test_plot_slices_on_a_surface_whose_partials_mix_the_variables():
    rosenbrock = gv.SURFACES["Rosenbrock"]
    axes = gv.plot_slices(rosenbrock, (0.5, 1.0))
    exact = rosenbrock.grad(np.array([0.5, 1.0]))
    assert slope_of(axes["x0"].lines[1]) == pytest.approx(exact[0], rel=1e-6)
    assert slope_of(axes["x1"].lines[1]) == pytest.approx(exact[1], rel=1e-6)


def test_plot_directions_puts_every_slope_on_the_cosine():
    valley = gv.SURFACES["elongated bowl"]
    axes = gv.plot_directions(valley, (1.0, 0.5), theta=60)
    norm = np.hypot(2.0, 10.0)  # ∇f = (2, 10) at (1, 0.5)
    curve, dots = axes["slopes"].lines[1:3]
    thetas, slopes = dots.get_data()
    np.testing.assert_allclose(slopes, norm * np.cos(np.radians(thetas)), atol=1e-6)
    assert curve.get_ydata().min() == pytest.approx(-norm)
    assert "5.1" in axes["slopes"].texts[0].get_text()  # |∇f| cos 60° = 5.1


def test_plot_directions_refuses_a_flat_point():
    with pytest.raises(ValueError, match="∇f = 0"):
        gv.plot_directions(gv.bowl, (0.0, 0.0))
