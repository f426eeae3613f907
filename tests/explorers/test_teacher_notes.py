"""What the teacher's notes tell a teacher to do in an explorer, done in the explorer.

Each test follows one note (``notebooks/NN_*.ipynb``, cells tagged ``teacher``): it sets
the controls the note names, to the positions a slider can take (its notches), and
checks what the note says the teacher will see there: the status line's numbers, the
picture's behaviour. When a note changes its numbers, the test here changes with it.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import gradviz as gv


def notch(slider, value: float) -> float:
    """The slider position nearest ``value`` that a mouse or arrow key can reach."""
    if hasattr(slider, "base"):  # a log slider: notches are steps of the exponent
        exponent = slider.min + round((math.log(value, slider.base) - slider.min) / slider.step) * (
            slider.step
        )
        return slider.base**exponent
    return slider.min + round((value - slider.min) / slider.step) * slider.step


def set_notch(slider, value: float) -> None:
    slider.value = notch(slider, value)


def number(status: str, pattern: str) -> float:
    """The number after ``pattern`` in a status line (HTML tags removed)."""
    text = re.sub(r"<[^>]+>", "", status).replace("&nbsp;", " ").replace("−", "-")
    found = re.search(pattern + r"\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", text)
    assert found, (pattern, text)
    return float(found.group(1))


# --- 03: the direction and gradient explorers ------------------------------------------------


@pytest.mark.parametrize(
    ("angle", "slope"), [(-100, -10.2), (-155, -6.0), (80, 10.2), (-10, 0.2), (170, -0.2)]
)
def test_03_turning_u_on_the_elongated_bowl(angle, slope):
    """Teacher's note after the direction explorer: D_u f at the slider's angles."""
    e = gv.direction_explorer()
    e.controls["angle"].value = angle
    assert number(e.status.value, "D_u f =") == pytest.approx(slope, abs=0.25)


@pytest.mark.parametrize(("point", "norm"), [((3.0, 4.0), 10.0), ((1.5, 2.0), 5.0)])
def test_03_gradient_length_grows_with_the_distance(point, norm):
    e = gv.gradient_explorer()
    with e.hold():
        e.controls["x0"].value, e.controls["x1"].value = point
    assert number(e.status.value, r"\|∇f\| =") == pytest.approx(norm, rel=1e-3)


# --- 04: the descent explorer -------------------------------------------------------------------


def test_04_at_rate_1_the_bowl_bounces_and_f_stays_25():
    e = gv.descent_explorer()
    set_notch(e.controls["lr"], 1.0)
    assert "f went from 25 to 25" in e.status.value


def test_04_a_typed_half_lands_on_the_minimum_in_one_step():
    e = gv.descent_explorer()
    e.controls["lr"].value = 0.5  # what typing 0.5 into the box sends (see the note)
    e.controls["k"].value = 1
    assert number(e.status.value, r"f\(x_1\) =") == pytest.approx(0.0, abs=1e-12)


def test_04_the_elongated_bowl_moves_the_rate_to_009_and_01_bounces():
    e = gv.descent_explorer()
    e.controls["surface"].value = "elongated bowl"
    assert e.controls["lr"].value == pytest.approx(0.09)
    set_notch(e.controls["lr"], 0.1)
    e.controls["k"].value = 100
    x1 = number(e.status.value, r"x_100 = \([-\d.e]+,")
    assert abs(x1) == pytest.approx(2.0, rel=1e-6)


def test_04_rosenbrock_diverges_one_notch_above_0002():
    e = gv.descent_explorer()
    e.controls["surface"].value = "Rosenbrock"
    lr = e.controls["lr"]
    assert lr.value == pytest.approx(0.002)
    set_notch(lr, 0.002)
    assert lr.value == pytest.approx(0.001995, abs=1e-6)
    e.controls["steps"].value = 200
    e.controls["k"].value = 200
    end = np.array([e.controls["x0"].value, e.controls["x1"].value])
    assert end.tolist() == [-1.5, 2.0]  # the start is not moved by the run
    set_notch(lr, 0.0022)
    assert "iverged" in e.status.value


# --- 07: condition number, momentum and the race -------------------------------------------------


@pytest.mark.parametrize(("kappa", "plain", "heavy"), [(10, 45, 19), (20, 92, 29), (40, 189, 44)])
def test_07_doubling_kappa(kappa, plain, heavy):
    e = gv.condition_explorer()
    set_notch(e.controls["kappa"], kappa)
    assert f"{plain} steps" in e.status.value
    assert f"(Momentum: {heavy})" in e.status.value


def test_07_the_best_momentum_notch_needs_about_18_steps():
    e = gv.momentum_explorer()
    with e.hold():
        set_notch(e.controls["lr"], 0.112)
        set_notch(e.controls["beta"], 0.27)
    assert e.controls["lr"].value == pytest.approx(0.112, abs=5e-4)
    assert "converges" in e.status.value


@pytest.mark.parametrize(("beta", "edge"), [(0.0, 0.1), (0.5, 0.15), (0.9, 0.19)])
def test_07_momentum_allows_a_larger_rate(beta, edge):
    e = gv.momentum_explorer()
    set_notch(e.controls["beta"], beta)
    assert number(e.status.value, r"2\(1 \+ β\)/λ_max =") == pytest.approx(edge, abs=0.005)


def test_07_the_race_on_the_book_valley():
    e = gv.race_explorer()
    table = re.sub(r"<[^>]+>", " ", e.status.value)
    for method, steps in [("Newton", 1), ("AdaGrad", 38), ("SGD", 54), ("Momentum", 91)]:
        assert re.search(rf"{method}\s+[\d.e-]+\s+{steps}\s", table), (method, table)


def test_07_on_rosenbrock_only_newton_arrives():
    e = gv.race_explorer()
    e.controls["surface"].value = "Rosenbrock"
    assert e.controls["scale"].value == pytest.approx(0.002)
    table = re.sub(r"<[^>]+>", " ", e.status.value)
    assert re.search(r"Newton\s+[\d.e-]+\s+5\s", table), table
    set_notch(e.controls["scale"], 0.0022)
    sgd = re.search(r"SGD[^\n]*?diverged", re.sub(r"<[^>]+>", " ", e.status.value))
    assert sgd, e.status.value
