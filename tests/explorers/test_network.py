"""Notebooks 05 and 06: the weight-update and training explorers."""

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
