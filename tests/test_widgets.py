"""Explorers driven from Python over their whole range: no error, no warning, sane figure."""

import base64

import numpy as np
import pytest

import gradviz as gv
from gradviz.widgets import DERIVATIVE_FUNCTIONS


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
