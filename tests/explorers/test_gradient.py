"""Notebook 03's gradient explorer."""

import numpy as np

import gradviz as gv

from .checks import artist
from .test_slices import sweep_point_explorer


def test_gradient_explorer_sweeps_every_control():
    sweep_point_explorer(gv.gradient_explorer())


def test_gradient_explorer_arrow_points_downhill():
    e = gv.gradient_explorer(point=(3.0, 4.0))
    arrow = artist(e, "gradient arrow")
    tail, head = np.array(arrow.xyann), np.array(arrow.xy)
    direction = (head - tail) / np.linalg.norm(head - tail)
    np.testing.assert_allclose(direction, [-0.6, -0.8], atol=1e-9)
    assert "∇f(3.00, 4.00) = (6, 8)" in e.status.value
    e.controls["x0"].value = 0.0
    e.controls["x1"].value = 0.0
    assert "slope is 0 in every direction" in e.status.value and not arrow.get_visible()
