"""Notebooks 05 and 06: the weight-update and training explorers."""

import asyncio

import gradviz as gv

from .checks import artist, assert_healthy, slider_values


def test_update_explorer_sweeps_every_control():
    e = gv.update_explorer()
    for lr in slider_values(e.controls["lr"], 7):
        e.controls["lr"].value = float(lr)
        for k in [0, 1, 10, 50]:
            e.controls["k"].value = k
            assert_healthy(e)
    e.controls["lr"].value = 0.5
    e.controls["k"].value = 1
    assert "after 1 update(s) with lr = 0.5" in e.status.value


def test_training_explorer_sweeps_every_control():
    e = gv.training_explorer(steps=200)
    for lr in slider_values(e.controls["lr"], 4):
        e.controls["lr"].value = float(lr)
        assert_healthy(e)
    for hidden in [2, 17, 64]:
        e.controls["hidden"].value = hidden
        assert_healthy(e)
    for steps in [0, 10, 1000, 2000]:
        e.controls["steps"].value = steps
        assert_healthy(e)
    assert "step 2000" in e.status.value


def test_training_curves_have_panels_of_their_own_and_a_fitting_step_axis():
    e = gv.training_explorer(lr=0.5, hidden=16, steps=300, max_steps=1000)
    loss, acc = artist(e, "loss"), artist(e, "accuracy")
    assert loss.axes is not acc.axes  # no twin axes sharing one panel
    for line in (loss, acc):
        assert line.axes.get_xlim()[1] == 500  # 300 steps fill 60% of the axis, not 15%


def test_a_step_range_seen_before_comes_back_without_a_full_redraw():
    e = gv.training_explorer(steps=300, max_steps=2000)  # a step axis of 500
    e.controls["steps"].value = 1500  # 2000: laid out and drawn in full
    full = e.full_redraws
    for steps in (300, 1500, 250):  # back to 500, 2000, 500: the layers kept for them
        e.controls["steps"].value = steps
        assert artist(e, "loss").axes.get_xlim()[1] == (500 if steps < 1000 else 2000)
    assert e.full_redraws == full
    fresh = gv.training_explorer(steps=250, max_steps=2000)
    assert e.picture.value == fresh.picture.value  # the same static layer
    assert e.snapshot_png() == fresh.snapshot_png()  # and the same picture
    e.controls["hidden"].value = 8  # a new run: the static layer stays
    e.controls["steps"].value = 1500
    assert e.full_redraws == full


def test_the_other_step_ranges_are_drawn_ahead_while_the_kernel_waits():
    async def session():
        e = gv.training_explorer(steps=300, max_steps=2000)  # a step axis of 500
        shown = e.picture.value
        for _ in range(3000):  # the layers of 50, 100, 200, 1000, 2000 steps, one at a time
            await asyncio.sleep(0.01)
            if not e.ahead.waiting:
                break
        assert e.picture.value == shown and e.full_redraws == 1  # nothing shown changed
        for steps in (0, 60, 150, 800, 300, 1700):
            e.controls["steps"].value = steps
        return e

    e = asyncio.run(session())
    assert e.full_redraws == 1  # every range came from a layer drawn ahead
    fresh = gv.training_explorer(steps=1700, max_steps=2000)  # drawn as a layer is at first
    assert e.picture.value == fresh.picture.value
    assert e.snapshot_png() == fresh.snapshot_png()
