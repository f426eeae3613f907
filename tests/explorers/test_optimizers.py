"""Notebook 07: the condition-number, momentum and race explorers."""

import numpy as np
import pytest

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
