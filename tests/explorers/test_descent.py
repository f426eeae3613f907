"""Notebook 04's descent explorer: what it draws is the run ``gradient_descent`` makes."""

import numpy as np
import pytest

import gradviz as gv

from .checks import artist, assert_healthy, slider_values


def expected_path(explorer):
    """The run the explorer must show: gradient_descent at the controls' values, the rate
    as the slider's notch (within 1e-14 of the slider's value, see NotchesAhead.notch)."""
    v = explorer.values()
    surface = gv.SURFACES[v["surface"]]
    lr = explorer.runs.notches.notch(v["lr"])
    assert lr == pytest.approx(v["lr"], rel=1e-14)
    return gv.gradient_descent(
        surface.f,
        np.array([v["x0"], v["x1"]]),
        lr=lr,
        step_num=v["steps"],
        schedule=gv.SCHEDULES[v["schedule"]],
    )


def assert_descent_consistent(explorer):
    assert_healthy(explorer)
    want = expected_path(explorer)
    np.testing.assert_array_equal(np.column_stack(artist(explorer, "path").get_data()), want.points)
    np.testing.assert_array_equal(artist(explorer, "loss").get_ydata(), want.values)
    k = explorer.controls["k"]
    assert k.max == explorer.values()["steps"] and k.value <= len(want.points) - 1
    if want.diverged:
        assert f"diverged at step {want.diverged_at}" in artist(explorer, "warning").get_text()
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


def test_the_menu_shows_names_and_holds_keys():
    e = gv.descent_explorer()
    assert ("Rosenbrock valley", "Rosenbrock") in e.controls["surface"].options
    e.controls["surface"].value = "Rosenbrock"
    assert "Rosenbrock valley" in e.figure.axes[0].get_title()


def test_descent_explorer_reports_divergence_in_words():
    e = gv.descent_explorer(lr=10.0, steps=100)
    assert_descent_consistent(e)
    assert "Diverged at step 3" in e.status.value and "froze" in e.status.value
    assert artist(e, "warning").get_visible()
    e.controls["lr"].value = 0.1
    assert not artist(e, "warning").get_visible()


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


def test_arrows_too_short_to_show_their_direction_are_hidden():
    e = gv.descent_explorer(lr=1e-4)
    arrow = artist(e, "step arrow")
    assert not arrow.get_visible()  # a 0.001-long step would draw its head backwards
    e.controls["lr"].value = 0.1
    assert arrow.get_visible()
    assert arrow.arrow_patch.shrinkA == 0 and arrow.arrow_patch.shrinkB == 0


def test_a_surface_switch_moves_the_rate_to_one_that_works_there():
    # At the bowl's 0.1 the elongated bowl's x1 bounces for ever (factor 1 − 20·0.1 = −1).
    e = gv.descent_explorer(surface="bowl", lr=0.1)
    for key, s in gv.SURFACES.items():
        e.controls["surface"].value = key
        assert e.controls["lr"].value == pytest.approx(s.descent_lr)
        assert_healthy(e)
