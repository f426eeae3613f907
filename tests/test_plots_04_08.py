"""The figures of notebooks 04-08 in gradviz.plots: what they draw and what they return."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.path import Path
from matplotlib.text import Annotation

import gradviz as gv
from gradviz.plots import plot_backprop_graph, plot_learning_rates, plot_noisy_runs, plot_race


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def bowl_runs():
    start = np.array([-3.0, 4.0])
    return {
        "lr = 10": gv.gradient_descent(gv.function_2, start, lr=10.0, step_num=100),
        "lr = 0.1": gv.gradient_descent(gv.function_2, start, lr=0.1, step_num=100),
        "lr = 1e-10": gv.gradient_descent(gv.function_2, start, lr=1e-10, step_num=100),
    }


def test_learning_rates_marks_leaving_staying_and_freezing():
    runs = bowl_runs()
    curves = plot_learning_rates(runs, gv.bowl)
    ax_map, ax_dist = plt.gcf().axes[:2]
    labels = [t.get_text() for t in ax_map.get_legend().get_texts()]
    assert "lr = 10 (leaves the map)" in labels and "lr = 1e-10 (stays put)" in labels
    assert set(curves) == set(runs)
    np.testing.assert_allclose(curves["lr = 0.1"].get_ydata(), np.hypot(*runs["lr = 0.1"].points.T))
    notes = [c for c in ax_dist.get_children() if isinstance(c, Annotation)]
    assert len(notes) == 1 and "frozen" in notes[0].get_text()
    assert ax_map.get_xlim() == gv.bowl.window[0]


def test_noisy_runs_draws_a_map_per_run_and_the_means():
    start = np.array([-3.0, 4.0])
    grad = gv.descent.noisy_gradient(gv.function_2_gradient, noise=2.0, seed=0)
    run = gv.gradient_descent(gv.function_2, start, lr=0.4, step_num=150, grad=grad)
    curves = plot_noisy_runs(
        {"a": run, "b": run}, {"a": run.values, "b": run.values}, gv.bowl, averaged=7
    )
    axes = plt.gcf().axes
    dots = [ln for ln in axes[0].get_lines() if ln.get_marker() == "o"]
    assert dots and dots[0].get_markersize() >= 6  # legible on a projector
    assert len(dots[0].get_xdata()) == 100
    assert "7 runs" in curves["a"].axes.get_ylabel()


def test_backprop_graph_arrows_touch_their_boxes():
    fig, ax = plt.subplots(figsize=(12, 4.2))  # its size in notebook 06 (fits a slide)
    drawn = plot_backprop_graph(ax=ax)
    fig.canvas.draw()
    boxes = {k: t.get_bbox_patch().get_window_extent() for k, t in drawn["boxes"].items()}
    assert {"W1", "W2"} <= set(boxes)
    for name, arrow in drawn["arrows"].items():
        start, end = name.lstrip("∂").split("→")
        path = arrow.arrow_patch.get_path().transformed(arrow.arrow_patch.get_transform())
        points = path.vertices[path.codes != Path.CLOSEPOLY]
        tail = points[0]
        head = points[np.argmax(np.hypot(*(points - tail).T))]  # the tip of the head
        for point, box in [(tail, boxes[start]), (head, boxes[end])]:
            # on the box's edge, within a few pixels
            dx = max(box.x0 - point[0], point[0] - box.x1, 0)
            dy = max(box.y0 - point[1], point[1] - box.y1, 0)
            assert np.hypot(dx, dy) < 2.5, (name, point, box)
            inside = box.x0 + 3 < point[0] < box.x1 - 3 and box.y0 + 3 < point[1] < box.y1 - 3
            assert not inside, (name, point, box)
    blue = [t for t in drawn["labels"].values() if "∂L/∂W" in t.get_text()]
    for label, node in zip(blue, ["a", "z"], strict=True):
        x = label.get_position()[0]
        assert drawn["boxes"][node].get_position()[0] < x  # right of its W → node edge


def test_race_draws_every_method_in_its_own_look():
    s = gv.SURFACES["two minima"]
    paths = gv.race(s, s.start, 0.1, steps=50)
    lines = plot_race(s, paths)
    for name, line in lines.items():
        colour, dash = gv.style.METHOD_STYLES[name]
        assert line.get_color() == colour and line.get_linestyle() == dash
        np.testing.assert_array_equal(np.column_stack(line.get_data()), paths[name].points)
