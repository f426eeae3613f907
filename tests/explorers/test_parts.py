"""Shared pieces: a starting value outside a slider's range says so (issue 10)."""

import math
import warnings

import pytest

import gradviz as gv
from gradviz.explorers.parts import OutOfRangeWarning, checked_value, vector_text

# (factory, keyword arguments beyond a slider's range, words the warning must contain)
OUT_OF_RANGE = [
    (gv.derivative_explorer, {"x": 30.0}, ["x = 30.0", "[0.5, 19.5]", "19.5"]),
    (gv.derivative_explorer, {"h": 1e-30}, ["h = 1e-30", "[1e-20, 1]"]),
    (gv.slice_explorer, {"point": (7.0, 1.0)}, ["x0 = 7.0", "[-4.5, 4.5]", "bowl"]),
    (gv.gradient_explorer, {"point": (1.0, -9.0)}, ["x1 = -9.0", "[-4.5, 4.5]"]),
    (gv.direction_explorer, {"point": (9.0, 0.0)}, ["x0 = 9.0", "[-4.5, 4.5]"]),
    (gv.descent_explorer, {"lr": 50.0}, ["learning rate = 50.0", "[0.0001, 10]"]),
    (gv.descent_explorer, {"start": (-3.0, 40.0)}, ["start x1 = 40.0"]),
]


@pytest.mark.parametrize(("factory", "kwargs", "words"), OUT_OF_RANGE)
def test_a_value_beyond_a_slider_warns_and_starts_at_the_end(factory, kwargs, words):
    with pytest.warns(OutOfRangeWarning) as caught:
        e = factory(**kwargs)
    message = str(caught[0].message)
    for word in words:
        assert word in message, message
    assert e.error is None


def test_values_inside_the_range_are_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gv.gradient_explorer(point=(4.5, -4.5))
        gv.direction_explorer(angle=400)  # an angle is a direction: 400° is 40°


def test_checked_value():
    assert checked_value("a", 2, 0, 5) == 2
    with pytest.warns(OutOfRangeWarning, match=r"a = 9 is outside the slider's range \[0, 5\]"):
        assert checked_value("a", 9, 0, 5) == 5
    for bad in (math.nan, math.inf, "3", None):
        with pytest.raises(ValueError, match="a must be"):
            checked_value("a", bad, 0, 5)


def test_vector_text_prints_no_minus_zero():
    assert vector_text([-1.0, -0.0]) == "(-1, 0)"
    assert vector_text([-1e-20, 0.5]) == "(-1e-20, 0.5)"


def test_log_sliders_give_each_decade_a_mouse_sized_stretch():
    """The descent explorer's learning rate jumped from 0.178 to 10 in an 80 px drag: a log
    slider's track now has ~PX_PER_DECADE px per decade (the derivative explorer's h, 20
    decades of orders of magnitude, is the one exception: it moves by quarter decades)."""
    from gradviz.explorers.parts import PX_PER_DECADE

    explorers = [gv.descent_explorer(), gv.race_explorer(), gv.momentum_explorer()]
    explorers += [gv.condition_explorer(), gv.update_explorer()]
    sliders = [c for e in explorers for c in e.controls.values() if hasattr(c, "base")]
    assert len(sliders) == 5
    for slider in sliders:
        track = float(slider.layout.width.removesuffix("px")) - 200
        assert track / (slider.max - slider.min) >= 0.9 * PX_PER_DECADE, slider.description
