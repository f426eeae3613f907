"""Notebook 09: the landscape explorer."""

import numpy as np
import pytest

import gradviz as gv
from gradviz.explorers.landscape import LANDSCAPE_RATES, digits_run

from .checks import artist, assert_healthy


def test_landscape_explorer_sweeps_every_control():
    e = gv.landscape_explorer()
    for lr in LANDSCAPE_RATES:
        e.controls["lr"].value = lr
        for epoch in [0, 1, 15, 30]:
            e.controls["epoch"].value = epoch
            assert_healthy(e)
    assert "epoch 30 of 30" in e.status.value


def test_the_path_grows_with_the_epoch_and_its_end_is_the_centre_of_the_map():
    e = gv.landscape_explorer(lr=0.5, epoch=0)
    path = artist(e, "path")
    assert len(path.get_xdata()) == 1  # the neutral picture: the start only, no road yet
    e.controls["epoch"].value = 30
    x, y = path.get_xdata(), path.get_ydata()
    assert len(x) == 31
    assert (x[-1], y[-1]) == pytest.approx((0.0, 0.0), abs=1e-9)
    ax = path.axes
    assert ax.get_xlim()[0] <= x.min() and x.max() <= ax.get_xlim()[1]
    assert ax.get_ylim()[0] <= y.min() and y.max() <= ax.get_ylim()[1]


def test_switching_the_rate_redraws_the_map_for_that_run():
    e = gv.landscape_explorer(lr=0.5)
    window = e.figure.axes[0].get_xlim()
    e.controls["lr"].value = 0.05
    _record, plane, _losses = digits_run(0.05)
    assert e.figure.axes[0].get_xlim() == pytest.approx((plane.alphas[0], plane.alphas[-1]))
    assert e.figure.axes[0].get_xlim() != pytest.approx(window)


def test_the_status_line_reports_the_runs_numbers():
    e = gv.landscape_explorer(lr=0.5, epoch=30)
    record, _plane, losses = digits_run(0.5)
    assert f"loss {losses[30]:.4f}" in e.status.value
    assert f"{record.test_accuracy[30]:.1%}" in e.status.value
    assert np.all(np.diff(losses[:6]) < 0)


def test_an_unknown_rate_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"0\.05, 0\.5, 2\.0"):
        gv.landscape_explorer(lr=0.3)
