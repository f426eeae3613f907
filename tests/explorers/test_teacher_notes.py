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
from tests.explorers.checks import artist


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


def train_for(e, lr: float, hidden: int, steps: int = 1000) -> None:
    """Set the training explorer to the learning-rate notch nearest ``lr``, ``hidden``
    units and ``steps`` steps, with one redraw."""
    with e.hold():
        set_notch(e.controls["lr"], lr)
        e.controls["hidden"].value = hidden
        e.controls["steps"].value = steps


def number(status: str, pattern: str) -> float:
    """The number after ``pattern`` in a status line (HTML tags removed)."""
    text = re.sub(r"<[^>]+>", "", status).replace("&nbsp;", " ").replace("−", "-")
    found = re.search(pattern + r"\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", text)
    assert found, (pattern, text)
    return float(found.group(1))


def race_row(explorer, method: str) -> list[str]:
    """The race table's cells for ``method``: name, rate, arrival (or divergence), f at k."""
    for row in explorer.status.value.split("<tr>"):
        cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td.*?</td>", row)]
        if cells and cells[0].split()[-1] == method:
            return cells
    raise AssertionError((method, explorer.status.value))


# --- 00 and 01: the derivative explorer ----------------------------------------------------------


def derivative_explorer():
    """The explorer as notebooks 00 and 01 build it."""
    return gv.derivative_explorer(x=2.0, h=1.0, function="sin(x)", hide_answers=True)


def test_00_at_h_1_the_secants_are_off_by_035_and_0066():
    status = derivative_explorer().status.value
    assert number(status, "true slope") == pytest.approx(-0.416, abs=5e-4)
    assert number(status, "forward") == pytest.approx(-0.768, abs=5e-4)
    assert number(status, r"forward [-\d.]+ \(error") == pytest.approx(0.35, abs=0.005)
    assert number(status, r"central [-\d.]+ \(error") == pytest.approx(0.066, abs=0.0005)


def test_00_below_1e_8_the_forward_estimate_gets_worse_again():
    e = derivative_explorer()
    errors = {}
    for h in (1e-8, 1e-10, 1e-12):
        set_notch(e.controls["h"], h)
        errors[h] = number(e.status.value, r"forward [-\d.]+ \(error")
    assert errors[1e-8] < errors[1e-10] < errors[1e-12]


@pytest.mark.parametrize(("x", "slope"), [(1.5, 0.07), (4.5, -0.21)])
def test_00_the_flattest_notches_of_x(x, slope):
    e = derivative_explorer()
    set_notch(e.controls["x"], x)
    assert number(e.status.value, "true slope") == pytest.approx(slope, abs=0.005)


def test_00_at_the_far_left_of_h_both_estimates_are_0_and_the_plateau_is_0416():
    e = derivative_explorer()
    e.controls["h"].value = notch(e.controls["h"], 1e-20)
    status = e.status.value
    assert number(status, "true slope") == pytest.approx(-0.416, abs=5e-4)
    assert number(status, "central") == 0 and number(status, "forward") == 0
    assert number(status, r"forward 0 \(error") == pytest.approx(0.416, abs=0.005)


def test_01_from_h_1e_2_to_1e_3_forward_error_shrinks_10_times_central_100():
    e = derivative_explorer()
    errors = []
    for h in (1e-2, 1e-3):
        set_notch(e.controls["h"], h)
        errors.append(
            (
                number(e.status.value, r"forward [-\d.]+ \(error"),
                number(e.status.value, r"central [-\d.]+ \(error"),
            )
        )
    assert errors[0] == pytest.approx((4.5e-3, 6.9e-6), rel=0.02)
    assert errors[1] == pytest.approx((4.5e-4, 6.9e-8), rel=0.02)


def test_01_the_parabolas_central_error_keeps_falling_to_h_1():
    e = derivative_explorer()
    e.controls["function"].value = "0.01x² + 0.1x (function_1)"
    errors = []
    for h in (1e-4, 1e-2, 1.0):
        set_notch(e.controls["h"], h)
        errors.append(number(e.status.value, r"central [-\d.]+ \(error"))
    assert errors[0] > errors[1] > errors[2]


def test_01_function_1_at_5_central_digits_change_from_1e_4():
    e = derivative_explorer()
    e.controls["function"].value = "0.01x² + 0.1x (function_1)"
    set_notch(e.controls["x"], 5.0)
    set_notch(e.controls["h"], 1e-3)
    assert re.search(r"central 0\.2 ", e.status.value)
    set_notch(e.controls["h"], 1e-4)
    assert "central 0.199999999999 " in e.status.value
    set_notch(e.controls["h"], 1e-8)
    assert 1e-9 < number(e.status.value, r"central [-\d.]+ \(error") < 3e-8


def test_01_the_bottoms_of_the_u_near_1e_8_forward_and_1e_5_central():
    e = derivative_explorer()
    h = e.controls["h"]
    errors = []
    for exponent in np.arange(-12, -1 + h.step / 2, h.step):
        h.value = notch(h, 10.0**exponent)
        errors.append(
            (
                number(e.status.value, r"forward [-\d.]+ \(error"),
                number(e.status.value, r"central [-\d.]+ \(error"),
            )
        )
    exponents = np.arange(-12, -1 + h.step / 2, h.step)
    forward, central = np.array(errors).T
    assert exponents[np.argmin(forward)] == pytest.approx(-8, abs=0.5)
    assert exponents[np.argmin(central)] == pytest.approx(-5, abs=1)


@pytest.mark.parametrize(("x", "edge"), [(5.0, 4.4e-16), (19.5, 1.8e-15)])
def test_01_the_estimates_become_0_below_half_the_float_gap(x, edge):
    e = derivative_explorer()
    e.controls["function"].value = "0.01x² + 0.1x (function_1)"
    set_notch(e.controls["x"], x)
    assert np.spacing(x) / 2 == pytest.approx(edge, rel=0.02)  # half the gap between floats
    h = e.controls["h"]
    exponent = (math.log10(np.spacing(x) / 2) - h.min) / h.step
    above = h.base ** (h.min + math.ceil(exponent) * h.step)
    below = above / h.base**h.step
    h.value = above
    assert number(e.status.value, "forward") != 0
    h.value = below
    assert number(e.status.value, "central") == 0 and number(e.status.value, "forward") == 0


# --- 02: the slice explorer ----------------------------------------------------------------------


def slice_explorer():
    return gv.slice_explorer(surface="bowl", point=(3.0, 4.0))


def test_02_the_prediction_at_x0_minus_2():
    e = slice_explorer()
    for x1 in (-3.0, 0.0, 4.0):
        with e.hold():
            set_notch(e.controls["x0"], -2.0)
            set_notch(e.controls["x1"], x1)
        assert number(e.status.value, "∂f/∂x0 =") == pytest.approx(-4.0, abs=1e-6)


def test_02_moving_x1_keeps_the_blue_slope_6():
    e = slice_explorer()
    for x1 in (-4.0, -2.0, 0.0, 2.5):
        set_notch(e.controls["x1"], x1)
        assert number(e.status.value, "∂f/∂x0 =") == pytest.approx(6.0, abs=1e-6)
        assert e.figure.axes[1].get_title().endswith("∂f/∂x0 = 6")


@pytest.mark.parametrize("surface", ["bowl", "saddle"])
def test_02_both_partials_vanish_at_the_origin(surface):
    e = slice_explorer()
    e.controls["surface"].value = surface
    with e.hold():
        set_notch(e.controls["x0"], 0.0)
        set_notch(e.controls["x1"], 0.0)
    assert number(e.status.value, "∂f/∂x0 =") == pytest.approx(0.0, abs=1e-6)
    assert number(e.status.value, "∂f/∂x1 =") == pytest.approx(0.0, abs=1e-6)


def test_02_the_saddle_at_1_05():
    e = slice_explorer()
    e.controls["surface"].value = "saddle"
    with e.hold():
        set_notch(e.controls["x0"], 1.0)
        set_notch(e.controls["x1"], 0.5)
    assert number(e.status.value, "∂f/∂x0 =") == pytest.approx(2.0, abs=1e-6)
    assert number(e.status.value, "∂f/∂x1 =") == pytest.approx(-1.0, abs=1e-6)


@pytest.mark.parametrize(("x1", "slope"), [(0.25, -1.0), (1.0, -151.0)])
def test_02_on_rosenbrock_the_x0_slope_depends_on_x1(x1, slope):
    e = slice_explorer()
    e.controls["surface"].value = "Rosenbrock"
    with e.hold():
        set_notch(e.controls["x0"], 0.5)
        set_notch(e.controls["x1"], x1)
    assert number(e.status.value, "∂f/∂x0 =") == pytest.approx(slope, abs=1e-3)


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


# --- 05: the weight-update explorer --------------------------------------------------------------


def matrices(e):
    """W and dW as the explorer's two heatmaps show them."""
    return [np.asarray(ax.images[0].get_array()) for ax in e.figure.axes[:2]]


def test_05_after_5_updates_column_2_grows_and_the_others_shrink():
    e = gv.update_explorer(lr=0.5, k=0)
    w0, d0 = matrices(e)
    e.controls["k"].value = 5
    change = matrices(e)[0] - w0
    assert change[:, 2] == pytest.approx([0.6, 0.9], abs=0.005)
    lost = -change[:, :2]
    assert lost.min() == pytest.approx(0.25, abs=0.005)
    assert lost.max() == pytest.approx(0.52, abs=0.005)
    assert np.sign(change) == pytest.approx(-np.sign(d0))
    assert change[1] == pytest.approx(1.5 * change[0])


def test_05_the_gradient_and_the_loss_shrink():
    e = gv.update_explorer(lr=0.5, k=0)
    for k, largest in [(0, 0.54), (5, 0.19), (20, 0.05)]:
        e.controls["k"].value = k
        assert np.abs(matrices(e)[1]).max() == pytest.approx(largest, abs=0.005)
    for k, loss in enumerate([0.93, 0.64, 0.46, 0.35]):
        e.controls["k"].value = k
        assert number(e.status.value, "loss") == pytest.approx(loss, abs=0.005)


def test_05_at_rate_10_one_update_brings_the_loss_to_4e_5_and_it_stays():
    e = gv.update_explorer(lr=0.5, k=0)
    set_notch(e.controls["lr"], 10.0)
    for k in (1, 2, 10, 50):
        e.controls["k"].value = k
        assert number(e.status.value, "loss") == pytest.approx(4e-5, abs=5e-6)


# --- 06: the training explorer -------------------------------------------------------------------


@pytest.fixture(scope="module")
def training():
    return gv.training_explorer(lr=0.5, hidden=16, steps=300, max_steps=1000)


def accuracy(e) -> float:
    return number(e.status.value, "accuracy on all 300 points") / 100


@pytest.mark.parametrize(("hidden", "reached"), [(2, 0.65), (8, 0.96), (16, 0.99)])
def test_06_hidden_units_and_the_accuracy_after_1000_steps(training, hidden, reached):
    e = training
    train_for(e, 0.5, hidden)
    assert accuracy(e) == pytest.approx(reached, abs=0.015)


def test_06_at_rate_001_training_is_slow_not_wrong(training):
    e = training
    train_for(e, 0.01, 16)
    assert e.controls["lr"].value == pytest.approx(0.5 / 50)
    assert number(e.status.value, "batch loss") == pytest.approx(0.6, abs=0.05)
    assert accuracy(e) == pytest.approx(0.73, abs=0.01)
    loss = artist(e, "loss").get_ydata()
    assert np.mean(loss[-100:]) < np.mean(loss[-200:-100]) < np.mean(loss[-300:-200])


def test_06_every_notch_from_1_to_the_top_ends_well(training):
    e = training
    lr = e.controls["lr"]
    assert lr.base**lr.max == pytest.approx(3.16, abs=0.005)
    rates = lr.base ** np.arange(0, lr.max + lr.step / 2, lr.step)
    spikes = {}
    for rate in rates:
        with e.hold():
            lr.value = rate
            e.controls["hidden"].value = 16
            e.controls["steps"].value = 1000
        assert 0.98 <= accuracy(e) <= 1.0, rate
        spikes[round(rate, 2)] = (
            max(artist(e, "loss").get_ydata()),
            min(artist(e, "accuracy").get_ydata()[100:]),
        )
    assert spikes[2.82][0] == pytest.approx(7, abs=0.5)
    assert spikes[3.16][0] == pytest.approx(20, abs=1)
    for rate in (2.82, 3.16):
        assert 0.5 <= spikes[rate][1] <= 0.65


def test_06_the_accuracy_first_passes_90_percent_at_step_264(training):
    e = training
    train_for(e, 0.5, 16)
    steps, curve = (np.asarray(a) for a in artist(e, "accuracy").get_data())
    first = int(np.argmax(curve > 0.9))
    assert steps[first] == 264
    assert min(curve[(steps > 264) & (steps <= 270)]) == pytest.approx(0.88, abs=0.015)
    assert accuracy(e) == pytest.approx(0.99, abs=0.005)
    e.controls["steps"].value = notch(e.controls["steps"], 270)
    assert accuracy(e) == pytest.approx(0.88, abs=0.005)
    e.controls["steps"].value = 300
    assert accuracy(e) == pytest.approx(0.903, abs=0.0005)


# --- 08: the race, as notebook 08 starts it -------------------------------------------------------


def test_08_the_race_on_the_book_valley_when_played_to_the_end():
    e = gv.race_explorer(surface="book's valley", k=0)
    e.controls["k"].value = e.controls["k"].max
    arrivals = {
        "Newton": 1,
        "AdaGrad": 38,
        "SGD": 54,
        "Nesterov": 59,
        "Adam": 64,
        "RMSProp": 66,
        "Momentum": 91,
    }
    for method, steps in arrivals.items():
        assert race_row(e, method)[2] == str(steps), method
    newton = artist(e, "Newton loss").get_ydata()
    assert newton[1] == pytest.approx(1e-12)


def test_08_on_rosenbrock_the_order_of_divergence():
    e = gv.race_explorer(surface="book's valley", k=0)
    e.controls["surface"].value = "Rosenbrock"
    e.controls["k"].value = e.controls["k"].max
    scale = e.controls["scale"]
    assert scale.value == pytest.approx(0.002)
    for method in ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"):
        assert not race_row(e, method)[2].isdigit(), method
    assert race_row(e, "Newton")[2] == "5"
    for method, edge in [("SGD", 0.0022), ("Nesterov", 0.013), ("Momentum", 0.022)]:
        set_notch(scale, edge)
        assert "diverged" in race_row(e, method)[2], (method, scale.value)
        scale.value = notch(scale, edge) / scale.base**scale.step
        assert "diverged" not in race_row(e, method)[2], (method, scale.value)
    set_notch(scale, 0.0022)
    assert "diverged" not in race_row(e, "Nesterov")[2]
    set_notch(scale, 0.013)
    assert "diverged" not in race_row(e, "Momentum")[2]
    for value in scale.base ** np.arange(scale.min, scale.max + scale.step / 2, scale.step):
        scale.value = value
        for method in ("AdaGrad", "RMSProp", "Adam"):
            assert "diverged" not in race_row(e, method)[2], (method, value)


def test_08_who_overshoots_along_the_valley():
    e = gv.race_explorer(surface="book's valley", k=0)
    e.controls["k"].value = e.controls["k"].max
    for method in ("Momentum", "Nesterov", "Adam", "AdaGrad", "RMSProp", "SGD"):
        rises = np.count_nonzero(np.diff(artist(e, f"{method} loss").get_ydata()) > 0)
        if method in ("Momentum", "Nesterov", "Adam"):
            assert rises > 10, method  # the curve bumps: passes through the minimum
        else:
            assert rises == 0, method  # a smooth descent
    x0, x1 = (np.asarray(a) for a in artist(e, "SGD path").get_data())
    assert x1[1:6] / x1[:5] == pytest.approx([1 - 2 * 0.95] * 5)  # across the valley
    assert np.all(np.diff(x0[:20]) > 0) and x0.max() <= 0  # but never past it along the valley


# --- 09: the landscape explorer -------------------------------------------------------------------


@pytest.fixture(scope="module")
def landscape():
    return gv.landscape_explorer(lr=0.5, epoch=0)


def at_epoch(e, lr: float, epoch: int) -> str:
    with e.hold():
        e.controls["lr"].value = lr
        e.controls["epoch"].value = epoch
    return e.status.value


def test_09_at_rate_05_most_of_the_distance_comes_early(landscape):
    for epoch, distance, loss in [
        (1, 3.1, 1.00),
        (2, 4.8, None),
        (5, None, 0.22),
        (30, 10.8, 0.047),
    ]:
        status = at_epoch(landscape, 0.5, epoch)
        if distance is not None:
            assert number(status, "distance of") == pytest.approx(distance, abs=0.05)
        if loss is not None:
            assert number(status, "loss") == pytest.approx(loss, rel=0.02)
    assert number(at_epoch(landscape, 0.5, 0), "loss") == pytest.approx(2.37, abs=0.005)
    record = gv.explorers.landscape.digits_run(0.5)[0]
    strides = np.linalg.norm(np.diff(record.path[:6], axis=0), axis=1)
    assert strides == pytest.approx([3.1, 1.9, 1.15, 0.8, 0.66], abs=0.05)
    assert landscape.figure.axes[0].get_xlabel() == "direction 1 (94% of the path)"
    assert landscape.figure.axes[0].get_ylabel() == "direction 2 (5%)"


def test_09_at_rate_005_it_is_slow_not_wrong(landscape):
    status = at_epoch(landscape, 0.05, 30)
    assert number(status, "loss") == pytest.approx(0.30, abs=0.005)
    assert number(status, "accuracy") == pytest.approx(94, abs=0.5)
    assert number(status, "training data and") == pytest.approx(94, abs=0.5)
    assert number(status, "distance of") == pytest.approx(5.7, abs=0.05)


def test_09_at_rate_2_the_loss_settles_at_chance(landscape):
    assert number(at_epoch(landscape, 2.0, 1), "distance of") == pytest.approx(9.3, abs=0.05)
    status = at_epoch(landscape, 2.0, 30)
    assert number(status, "loss") == pytest.approx(math.log(10), abs=0.01)
    assert number(status, "accuracy") == pytest.approx(10, abs=0.5)
    record = gv.explorers.landscape.digits_run(2.0)[0]
    strides = np.linalg.norm(np.diff(record.path[:3], axis=0), axis=1)
    assert strides == pytest.approx([9.3, 13.4], abs=0.05)
    ax = landscape.figure.axes[0]
    shares = [number(label, r"\(") for label in (ax.get_xlabel(), ax.get_ylabel())]
    assert sum(shares) < 94 + 5  # the plane keeps less of the spread than at lr = 0.5
