"""Notebook 03's directional-derivative explorer."""

import numpy as np
import pytest

import gradviz as gv

from .checks import artist, assert_healthy
from .test_slices import sweep_point_explorer


def test_direction_explorer_sweeps_every_control():
    e = gv.direction_explorer()
    sweep_point_explorer(e)
    for angle in range(-180, 181, 45):
        e.controls["angle"].value = angle
        assert_healthy(e)


@pytest.mark.parametrize("angle", [0, 30, 90, 135, 180, -45])
def test_the_dot_sits_on_the_cosine_at_the_angle_from_the_gradient(angle):
    e = gv.direction_explorer(surface="bowl", point=(3.0, 4.0), angle=angle)
    theta = (angle - np.degrees(np.arctan2(8, 6)) + 180) % 360 - 180
    (x,), (y,) = artist(e, "slope dot").get_data()
    assert x == pytest.approx(theta)
    assert y == pytest.approx(10 * np.cos(np.radians(theta)), abs=1e-6)
    assert f"θ = {theta:.1f}° from ∇f" in e.status.value


def test_u_and_the_gradient_arrows_have_the_right_directions():
    e = gv.direction_explorer(surface="bowl", point=(3.0, 4.0), angle=90)
    for gid, want in [("up", [0.6, 0.8]), ("down", [-0.6, -0.8]), ("u", [0.0, 1.0])]:
        a = artist(e, gid)
        d = np.array(a.xy) - np.array(a.xyann)
        np.testing.assert_allclose(d / np.linalg.norm(d), want, atol=1e-9)
    (x, y) = artist(e, "contour").get_data()
    np.testing.assert_allclose(np.diff(x) * 0.6 + np.diff(y) * 0.8, 0, atol=1e-9)  # ⟂ ∇f
    assert "D_u f = 8" in e.status.value and "|∇f| = 10" in e.status.value


def test_turning_u_is_blitted_and_a_flat_point_says_so():
    e = gv.direction_explorer(surface="bowl", point=(3.0, 4.0))
    full = e.full_redraws
    e.controls["angle"].value = 40
    assert e.full_redraws == full and e.blits >= 1
    e.controls["x0"].value = 0.0
    e.controls["x1"].value = 0.0
    assert "∇f = (0, 0)" in e.status.value and "-0" not in e.status.value
    assert not artist(e, "up").get_visible() and not artist(e, "slope dot").get_visible()
    assert_healthy(e)


def test_signed_angle():
    assert gv.signed_angle([0, 1], [1, 0]) == pytest.approx(90)
    assert gv.signed_angle([0, -1], [1, 0]) == pytest.approx(-90)
    assert gv.signed_angle([-1, 0], [1, 0]) == 180
    with pytest.raises(ValueError):
        gv.signed_angle([0, 0], [1, 0])


def test_hide_answers_shows_only_u_and_its_slope_until_a_control_moves():
    e = gv.direction_explorer(point=(1.0, 0.5), angle=0, hide_answers=True)
    hidden = ["up", "down", "contour", "theta", "slope dot"]
    assert not any(artist(e, name).get_visible() for name in hidden)
    assert artist(e, "u").get_visible() and artist(e, "prompt").get_visible()
    assert "|∇f|" not in e.status.value and "θ" not in e.status.value
    assert "D_u f = 2" in e.status.value
    e.controls["angle"].value = -100
    assert all(artist(e, name).get_visible() for name in hidden)
    assert not artist(e, "prompt").get_visible()
    assert "|∇f| = 10.2" in e.status.value
    assert_healthy(e)
