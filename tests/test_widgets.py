"""Explorers driven from Python over their whole range: no error, no warning, sane figure."""

import base64

import numpy as np
import pytest

import gradviz as gv
from gradviz.explorers import DERIVATIVE_FUNCTIONS


def assert_healthy(explorer):
    assert explorer.error is None, explorer.error
    assert explorer.warnings == []
    for ax in explorer.figure.axes:
        assert np.all(np.isfinite(ax.get_xlim())) and np.all(np.isfinite(ax.get_ylim()))
    assert explorer.view.value[:8] == b"\x89PNG\r\n\x1a\n"


def slider_values(slider, n=9):
    if hasattr(slider, "base"):  # FloatLogSlider: min/max are exponents
        return slider.base ** np.linspace(slider.min, slider.max, n)
    return np.linspace(slider.min, slider.max, n)


def test_derivative_explorer_over_every_control():
    e = gv.derivative_explorer()
    assert_healthy(e)
    for name in DERIVATIVE_FUNCTIONS:
        e.controls["function"].value = name
        for x in slider_values(e.controls["x"], 5):
            e.controls["x"].value = float(x)
            for h in slider_values(e.controls["h"]):
                before = e.view.value
                e.controls["h"].value = float(h)
                assert_healthy(e)
                assert e.view.value != before or h == e.controls["h"].min


def test_derivative_explorer_draws_the_right_secant():
    e = gv.derivative_explorer(x=5.0, h=0.5)
    central = next(line for line in e.figure.axes[0].lines if line.get_label() == "central secant")
    xs, ys = central.get_data()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(gv.numerical_diff(gv.function_1, 5.0, 0.5))
    assert "central 0.2" in e.status.value


def test_tiny_h_shows_the_rounding_trap():
    e = gv.derivative_explorer(x=5.0, h=1e-20)
    assert "central 0 " in e.status.value  # x + h == x: the slope estimate is 0


def test_an_update_error_becomes_a_message_not_a_traceback():
    fig = gv.widgets.new_figure()
    ax = fig.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    import ipywidgets as widgets

    def update(a):
        if a > 1:
            raise ValueError("a is too big")
        line.set_ydata([0, a])
        return f"a = {a}"

    e = gv.Explorer(fig, {"a": widgets.FloatSlider(value=0.5, min=0, max=2)}, update)
    assert e.status.value == "a = 0.5"
    e.controls["a"].value = 1.5
    assert isinstance(e.error, ValueError) and "a is too big" in e.status.value
    e.controls["a"].value = 0.2
    assert e.error is None and e.status.value == "a = 0.2"


def test_static_picture_and_plain_text_for_saved_notebooks():
    e = gv.derivative_explorer()
    bundle = e._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert (
        bundle["text/plain"]
        == "<derivative explorer: function='0.01x² + 0.1x (function_1)', x=5, h=0.0001>"
    )
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- the descent explorer -----------------------------------------------------------


def drawn_path(explorer):
    ax_c = explorer.figure.axes[0]
    line = explorer.animated[0]
    assert line.axes is ax_c
    return np.column_stack(line.get_data())


def expected_path(explorer):
    v = explorer.values()
    surface = gv.SURFACES[v["surface"]]
    return gv.gradient_descent(
        surface.f,
        np.array([v["x0"], v["x1"]]),
        lr=v["lr"],
        step_num=v["steps"],
        schedule=gv.SCHEDULES[v["schedule"]],
    )


def assert_descent_consistent(explorer):
    assert_healthy(explorer)
    want = expected_path(explorer)
    np.testing.assert_array_equal(drawn_path(explorer), want.points)
    np.testing.assert_array_equal(explorer.state["path"].points, want.points)
    k = explorer.controls["k"]
    assert k.max == explorer.values()["steps"] and k.value <= len(want.points) - 1
    if want.diverged:
        assert f"diverged at step {want.diverged_at}" in explorer.animated[4].get_text()
        assert "Diverged" in explorer.status.value


@pytest.mark.parametrize("surface", list(gv.SURFACES))
def test_descent_explorer_sweeps_every_control(surface):
    e = gv.descent_explorer()
    e.controls["surface"].value = surface
    start = gv.SURFACES[surface].start
    assert (e.controls["x0"].value, e.controls["x1"].value) == pytest.approx(start)
    assert_descent_consistent(e)
    for lr in slider_values(e.controls["lr"], 11):  # 1e-4 ... 10, diverging rates included
        e.controls["lr"].value = float(lr)
        assert_descent_consistent(e)
    for steps in [0, 1, 2, 7, 50, 200, 0]:
        e.controls["steps"].value = steps
        assert_descent_consistent(e)
    e.controls["steps"].value = 60
    for name in ["x0", "x1"]:
        for value in slider_values(e.controls[name], 5):
            e.controls[name].value = float(value)
            assert_descent_consistent(e)
    for schedule in gv.SCHEDULES:
        e.controls["schedule"].value = schedule
        assert_descent_consistent(e)
    for k in [0, 1, 30, 60]:
        e.controls["k"].value = k
        assert_descent_consistent(e)


def test_descent_explorer_reports_divergence_in_words():
    e = gv.descent_explorer(lr=10.0, steps=100)
    assert_descent_consistent(e)
    assert "Diverged at step 3" in e.status.value and "froze" in e.status.value
    assert e.animated[4].get_visible()
    e.controls["lr"].value = 0.1
    assert not e.animated[4].get_visible()


def test_scrubber_follows_the_step_count():
    e = gv.descent_explorer(steps=100)
    e.controls["k"].value = 80
    e.controls["steps"].value = 20
    assert e.controls["k"].value == 20 and e.controls["k"].max == 20
    assert "(the end)" in e.status.value
    e.controls["k"].value = 5
    assert "x_5 =" in e.status.value and "∇f(x_5)" in e.status.value


def test_slider_drags_are_blitted_not_redrawn():
    e = gv.descent_explorer()
    full = e.full_redraws
    for lr in [0.01, 0.02, 0.05]:
        e.controls["lr"].value = lr
    assert e.full_redraws == full and e.blits >= 3
    e.controls["surface"].value = "saddle"
    assert e.full_redraws == full + 1


def test_unknown_surface_is_refused():
    with pytest.raises(ValueError, match="surface must be one of"):
        gv.descent_explorer(surface="volcano")


# --- slice and gradient explorers -------------------------------------------------------


@pytest.mark.parametrize("make", [gv.slice_explorer, gv.gradient_explorer])
def test_point_explorers_sweep_every_control(make):
    e = make()
    for surface in gv.SURFACES:
        e.controls["surface"].value = surface
        (a, b), (c, d) = gv.SURFACES[surface].window
        assert (e.controls["x0"].min, e.controls["x0"].max) == (a, b)
        assert (e.controls["x1"].min, e.controls["x1"].max) == (c, d)
        for name in ["x0", "x1"]:
            for value in slider_values(e.controls[name], 7):
                e.controls[name].value = float(value)
                assert_healthy(e)


def test_slice_explorer_shows_the_texts_partial_derivatives():
    e = gv.slice_explorer(point=(3.0, 4.0))
    assert "∂f/∂x0 = 6.00000000000378" in e.status.value
    assert "∂f/∂x1 = 7.999999999999119" in e.status.value


def test_gradient_explorer_arrow_points_downhill():
    e = gv.gradient_explorer(point=(3.0, 4.0))
    arrow = e.animated[1]
    tail, head = np.array(arrow.xyann), np.array(arrow.xy)
    direction = (head - tail) / np.linalg.norm(head - tail)
    np.testing.assert_allclose(direction, [-0.6, -0.8], atol=1e-9)
    assert "∇f(3.00, 4.00) = (6, 8)" in e.status.value
    e.controls["x0"].value = 0.0
    e.controls["x1"].value = 0.0
    assert "no direction is downhill" in e.status.value and not arrow.get_visible()


# --- network explorers --------------------------------------------------------------------


def test_update_explorer_sweeps_every_control():
    e = gv.update_explorer()
    for lr in slider_values(e.controls["lr"], 7):
        e.controls["lr"].value = float(lr)
        for k in [0, 1, 10, 50]:
            e.controls["k"].value = k
            assert_healthy(e)
    e.controls["lr"].value = 0.5
    e.controls["k"].value = 1
    assert "after 1 update(s) with lr = 0.5" in e.status.value


def test_training_explorer_sweeps_every_control():
    e = gv.training_explorer(steps=200)
    for lr in slider_values(e.controls["lr"], 4):
        e.controls["lr"].value = float(lr)
        assert_healthy(e)
    for hidden in [2, 17, 64]:
        e.controls["hidden"].value = hidden
        assert_healthy(e)
    for steps in [0, 10, 1000, 2000]:
        e.controls["steps"].value = steps
        assert_healthy(e)
    assert "step 2000" in e.status.value


def test_arrows_too_short_to_show_their_direction_are_hidden():
    e = gv.descent_explorer(lr=1e-4)
    arrow = e.animated[3]
    assert not arrow.get_visible()  # a 0.001-long step would draw its head backwards
    e.controls["lr"].value = 0.1
    assert arrow.get_visible()
    assert arrow.arrow_patch.shrinkA == 0 and arrow.arrow_patch.shrinkB == 0


# --- notebook 07 explorers ---------------------------------------------------------------


def test_race_explorer_sweeps_every_control():
    e = gv.race_explorer()
    for surface in gv.SURFACES:
        e.controls["surface"].value = surface
        assert e.controls["scale"].value == pytest.approx(
            gv.optimizer_explorers.RACE_SCALES.get(surface, 1.0)
        )
        for scale in slider_values(e.controls["scale"], 4):
            e.controls["scale"].value = float(scale)
            assert_healthy(e)
        for name in ["x0", "x1"]:
            for value in slider_values(e.controls[name], 3):
                e.controls[name].value = float(value)
                assert_healthy(e)
        for k in [0, 1, 100, 200]:
            e.controls["k"].value = k
            assert_healthy(e)
    assert "<table" in e.status.value and "Newton" in e.status.value


def test_race_paths_equal_minimize():
    e = gv.race_explorer(surface="book's valley", scale=1.0)
    s = gv.SURFACES["book's valley"]
    want = gv.minimize(s.f, s.start, gv.optimizer_explorers.RACE_METHODS["Adam"], 200, grad=s.grad)
    adam = e.animated[5]
    assert adam.get_label() == "Adam"
    np.testing.assert_array_equal(np.column_stack(adam.get_data()), want.points)


def test_momentum_explorer_sweeps_every_control():
    e = gv.momentum_explorer()
    for lr in slider_values(e.controls["lr"], 6):
        e.controls["lr"].value = float(lr)
        for beta in [0.0, 0.5, 0.99]:
            e.controls["beta"].value = beta
            assert_healthy(e)
    e.controls["steps"].value = 0
    assert_healthy(e)
    e.controls["lr"].value = 0.5
    assert "diverges" in e.status.value


def test_condition_explorer_sweeps_every_control():
    e = gv.condition_explorer()
    for kappa in slider_values(e.controls["kappa"], 5):
        e.controls["kappa"].value = float(kappa)
        assert_healthy(e)
    for steps in [0, 1, 300]:
        e.controls["steps"].value = steps
        assert_healthy(e)
    e.controls["kappa"].value = 10.0
    assert "45 steps" in e.status.value
