"""Notebook 02's slice explorer."""

import gradviz as gv

from .checks import assert_healthy, slider_values


def sweep_point_explorer(e):
    """Every surface, and the point across its window: the sliders follow the window."""
    for surface in gv.SURFACES:
        e.controls["surface"].value = surface
        (a, b), (c, d) = gv.SURFACES[surface].window
        assert (e.controls["x0"].min, e.controls["x0"].max) == (a, b)
        assert (e.controls["x1"].min, e.controls["x1"].max) == (c, d)
        for name in ["x0", "x1"]:
            for value in slider_values(e.controls[name], 7):
                e.controls[name].value = float(value)
                assert_healthy(e)


def test_slice_explorer_sweeps_every_control():
    sweep_point_explorer(gv.slice_explorer())


def test_slice_explorer_shows_the_texts_partial_derivatives():
    e = gv.slice_explorer(point=(3.0, 4.0))
    assert "∂f/∂x0 = 6.00000000000378" in e.status.value
    assert "∂f/∂x1 = 7.999999999999119" in e.status.value
