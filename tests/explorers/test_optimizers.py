"""Notebook 07: the condition-number, momentum and race explorers."""

import numpy as np
import pytest
from matplotlib.patches import Rectangle

import gradviz as gv

from .checks import artist, assert_healthy, slider_values


def test_race_explorer_sweeps_every_control():
    e = gv.race_explorer()
    for surface in gv.SURFACES:
        e.controls["surface"].value = surface
        assert e.controls["scale"].value == pytest.approx(gv.SURFACES[surface].race_scale)
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
    want = gv.minimize(s.f, s.start, gv.RACE_METHODS["Adam"], 200, grad=s.grad)
    np.testing.assert_array_equal(np.column_stack(artist(e, "Adam path").get_data()), want.points)


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


def test_race_colours_are_shared_and_newton_stays_on_the_log_axis():
    e = gv.race_explorer(surface="book's valley")
    for name, (colour, dash) in gv.style.METHOD_STYLES.items():
        line = artist(e, f"{name} path")
        assert line.get_color() == colour and line.get_linestyle() == dash
    newton = artist(e, "Newton loss")
    bottom = newton.axes.get_ylim()[0]
    assert np.all(newton.get_ydata() > bottom)  # f − f* = 0 after step 1, drawn on the floor
    assert newton.axes.get_title().startswith("f − f*")


def test_the_race_floor_note_names_the_floor_and_step_0_is_clear_of_the_axis_line():
    from gradviz.explorers import race

    e = gv.race_explorer(surface="book's valley", k=0)
    note = artist(e, "floor note").get_text()
    written = note.split()[2].replace("⁻", "-").translate(str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890"))
    assert written == f"10{round(np.log10(race._LOSS_FLOOR))}" and "$" not in note  # no mathtext
    loss = artist(e, "Newton loss").axes
    renderer = e.figure.canvas.get_renderer()
    spine = loss.spines["left"].get_window_extent(renderer).x1
    for name in gv.RACE_METHODS:  # every step-0 marker whole, right of the axis line
        marker = next(
            m
            for m in loss.lines
            if m.get_marker() != "None"
            and m.get_xdata()[0] == 0
            and m.get_color() == artist(e, f"{name} loss").get_color()
        )
        size = marker.get_markersize() * e.figure.dpi / 72
        x = loss.transData.transform((0, 1))[0]
        assert x - size / 2 > spine, name


def test_the_race_at_step_0_tells_nothing_and_fills_in_as_k_moves():
    """Notebook 08 asks who arrives first before the race runs: at k = 0 no count shows."""
    e = gv.race_explorer(surface="book's valley", k=0)
    assert "<b>" not in e.status.value.split("</tr>", 1)[1]  # no arrival in any row
    assert all(len(artist(e, f"{n} loss").get_xdata()) == 1 for n in gv.RACE_METHODS)
    e.controls["k"].value = 1
    assert "<b>1</b>" in e.status.value  # Newton, after one step
    e.controls["k"].value = 200
    assert "<b>38</b>" in e.status.value  # AdaGrad


def test_the_condition_curves_are_traced_over_the_visited_kappas():
    e = gv.condition_explorer(kappa=10.0, trace=True)
    plain = artist(e, "plain steps")
    assert len(plain.get_xdata()) == 1  # only the point at κ = 10: no slope to read yet
    assert "κ steps" not in e.figure.axes[1].get_title()
    e.controls["kappa"].value = 100.0
    xs = plain.get_xdata()
    assert xs.min() == pytest.approx(10.0) and xs.max() == pytest.approx(100.0, rel=0.1)
    ys = plain.get_ydata()
    assert ys[-1] / ys[0] == pytest.approx(xs[-1] / xs[0], rel=0.2)  # steps grow like κ


def test_the_momentum_map_is_uncovered_as_beta_rises():
    e = gv.momentum_explorer(lr=0.09, beta=0.0, cover=True)
    cover = next(a for a in e.animated if isinstance(a, Rectangle))
    assert cover.get_y() < 0.05 and cover.get_height() > 0.95  # the slant is hidden
    e.controls["beta"].value = 0.5
    assert cover.get_y() == pytest.approx(0.52 / 0.99, abs=0.02)
    e.controls["beta"].value = 0.1  # going back down keeps what was seen
    assert cover.get_y() == pytest.approx(0.52 / 0.99, abs=0.02)
    line = next(a for a in e.animated if a.get_marker() == "o" and a.get_linestyle() == "-")
    assert line.get_color() == gv.style.METHOD_STYLES["Momentum"][0]


def test_without_trace_or_cover_the_pictures_are_whole():
    """The presenter pages (present/) show the full curves and the whole map."""
    c = gv.condition_explorer()
    assert len(artist(c, "plain steps").get_xdata()) >= 31
    m = gv.momentum_explorer()
    sheet = next(a for a in m.animated if isinstance(a, Rectangle))
    assert not sheet.get_visible()
