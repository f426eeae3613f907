"""Notebook 01's derivative explorer, over every control."""

import numpy as np
import pytest

import gradviz as gv
from gradviz.explorers.derivative import DERIVATIVE_FUNCTIONS

from .checks import artist, assert_healthy, slider_values


def test_derivative_explorer_over_every_control():
    e = gv.derivative_explorer()
    assert_healthy(e)
    for name in DERIVATIVE_FUNCTIONS:
        e.controls["function"].value = name
        for x in slider_values(e.controls["x"], 5):
            e.controls["x"].value = float(x)
            for h in slider_values(e.controls["h"]):
                before = (e.view.value, e.view.frame)  # the static layer, the animated one
                e.controls["h"].value = float(h)
                assert_healthy(e)
                assert (e.view.value, e.view.frame) != before or h == e.controls["h"].min


def test_derivative_explorer_draws_the_right_secant():
    e = gv.derivative_explorer(x=5.0, h=0.5)
    xs, ys = artist(e, "central secant").get_data()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(gv.numerical_diff(gv.function_1, 5.0, 0.5))
    assert "central 0.2" in e.status.value


def test_tiny_h_shows_the_rounding_trap():
    e = gv.derivative_explorer(x=5.0, h=1e-20)
    assert "central 0 " in e.status.value  # x + h == x: the slope estimate is 0


def test_derivative_explorer_starts_on_the_chosen_function():
    e = gv.derivative_explorer(x=2.0, h=1.0, function="sin(x)")
    assert e.controls["function"].value == "sin(x)"
    xs, ys = artist(e, "central secant").get_data()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx((np.sin(3.0) - np.sin(1.0)) / 2)
    with pytest.raises(ValueError, match="function must be one of"):
        gv.derivative_explorer(function="cos(x)")


def test_hide_answers_keeps_the_error_curves_back_until_a_control_moves():
    e = gv.derivative_explorer(x=2.0, h=1.0, function="sin(x)", hide_answers=True)
    curves = [e.figure.axes[1].lines[i] for i in (0, 1)]  # the forward and central U
    assert not any(c.get_visible() for c in curves)
    assert artist(e, "forward error").get_visible()  # the errors at the current h stay
    assert artist(e, "prompt").get_visible()
    e.controls["h"].value = 0.1
    assert all(c.get_visible() for c in curves)
    assert not artist(e, "prompt").get_visible()
    assert_healthy(e)


def test_without_hide_answers_the_error_curves_show_at_once():
    e = gv.derivative_explorer(x=2.0, h=1.0, function="sin(x)")
    assert all(e.figure.axes[1].lines[i].get_visible() for i in (0, 1))
    assert not artist(e, "prompt").get_visible()
