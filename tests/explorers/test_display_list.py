"""The animated layer as a display list: what the recording renderer writes down."""

import base64
import io

import matplotlib.patches as mpatches
import numpy as np
import PIL.Image
import pytest
from ipywidgets import FloatSlider
from matplotlib.figure import Figure

import gradviz as gv
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.display_list import RecordingRenderer, Unsupported, record
from gradviz.explorers.packing import varints as _varints


def _figure():
    """A 200 × 100 px figure whose axes fill it, data (0, 0)-(10, 10) on the pixels."""
    fig = new_figure(figsize=(2, 1), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 20)
    ax.set_ylim(0, 10)
    ax.axis("off")
    fig.canvas.draw()
    return fig, ax


def _unpack(text: str) -> list[int]:
    """The integers of ``_varints`` (as ``varints`` in replay.py unpacks them)."""
    out, value, scale = [], 0, 1
    for byte in base64.b64decode(text):
        value += (byte & 127) * scale
        if byte & 128:
            scale *= 128
            continue
        out.append(-(value + 1) // 2 if value % 2 else value // 2)
        value, scale = 0, 1
    return out


def test_steps_are_packed_small_and_come_back_exactly():
    values = np.array([0, 1, -1, 63, -64, 64, 300, -70000, 2**40, -(2**40)])
    assert _unpack(_varints(values)) == values.tolist()
    assert len(base64.b64decode(_varints(np.arange(-64, 64)))) == 128  # one byte each


def _points(op, key="v"):
    """The absolute positions of an op's steps (tenths of a pixel)."""
    return np.cumsum(np.reshape(_unpack(op[key]), (-1, 2)), axis=0)


def test_a_line_becomes_a_path_in_device_pixels_y_down():
    fig, ax = _figure()
    (line,) = ax.plot([2, 10, 18], [1, 9, 1], color="#ff0000", lw=1.44, alpha=0.5)
    (op,) = record(fig, [line])["ops"]
    assert op["c"] == "MLL"
    # x: 10 px per unit; y: 10 px per unit, counted from the top (100 - 10 y).
    np.testing.assert_allclose(_points(op) / 10, [[20, 90], [100, 10], [180, 90]], atol=0.6)
    assert op["s"] == "#ff000080" and op["w"] == 2.0  # 1.44 pt at 100 dpi
    assert "f" not in op and op["clip"] == [0, 0, 200, 100]


def test_markers_are_one_shape_stamped_at_whole_pixels():
    fig, ax = _figure()
    (dots,) = ax.plot([2.02, 10, 18], [1, 5, 9], "o", ms=6, color="#0000ff", mec="black")
    (op,) = record(fig, [dots])["ops"]
    assert op["f"] == "#0000ffff" and op["s"] == "#000000ff"
    np.testing.assert_array_equal(_points(op, "at") / 10, [[20, 90], [100, 50], [180, 10]])
    shape = _points(op) / 10  # a circle of 3 pt = 4.2 px radius around (0, 0)
    assert np.abs(shape).max() == pytest.approx(6 / 2 * 100 / 72, abs=0.2)
    assert "C" in op["c"] and op["c"].endswith("z")


def test_text_arrives_as_an_image_of_its_glyphs_drawn_by_agg():
    fig, ax = _figure()
    text = ax.text(10, 5, "∇f", color="green", ha="center", va="center", fontsize=20)
    (op,) = record(fig, [text])["ops"]
    glyphs = np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(op["img"]))))
    inked = glyphs[..., 3] > 0
    assert (glyphs[inked][:, :3] == (0, 128, 0)).all()  # the text's colour, coverage as alpha
    box = text.get_window_extent(fig.canvas.get_renderer())  # where matplotlib lays it out
    assert box.x0 - 1 <= op["x"] and op["x"] + glyphs.shape[1] <= box.x1 + 1
    assert 100 - box.y1 - 1 <= op["y"] and op["y"] + glyphs.shape[0] <= 100 - box.y0 + 1


def test_a_scatter_plot_groups_its_points_by_colour():
    fig, ax = _figure()
    points = ax.scatter([2, 4, 6, 8], [5, 5, 5, 5], c=["red", "red", "blue", "blue"], s=20)
    ops = record(fig, [points])["ops"]
    assert [op["f"] for op in ops] == ["#ff0000ff", "#0000ffff"]
    assert [len(_points(op, "at")) for op in ops] == [2, 2]


def _one_by_one(self, gc, master, paths, transforms, offsets, offset_trans, *rest, **kw):
    """A path collection stamped point by point, as matplotlib iterates it."""
    shapes = list(self._iter_collection_raw_paths(master, paths, transforms))
    elements = self._iter_collection(gc, shapes, offsets, offset_trans, *rest, **kw)
    for xo, yo, (path, transform), gc0, face in elements:
        self._stamp(gc0, path, transform, np.array([[xo, self.height - yo]]), face)


def test_a_scatter_plot_is_recorded_a_run_of_points_at_a_time_as_point_by_point(monkeypatch):
    fig, ax = _figure()
    rng = np.random.default_rng(0)
    xy = rng.uniform(0, 10, (300, 2)) * (2, 1)
    xy[7] = np.nan  # left out, as Agg leaves it out
    colours = np.array(["red", "blue", "#00800080"])[np.repeat([0, 1, 0, 2], 75)]
    edges = np.array(["black", "none"])[np.arange(300) % 2]
    scatters = [
        ax.scatter(*xy.T, c=colours, s=22, edgecolors="black", linewidths=0.5),
        ax.scatter(*xy.T, c=colours, s=22, edgecolors=edges, linewidths=[0.5, 1.0, 2.0]),
        ax.scatter(*xy.T, color="green", marker="s", s=10, linestyles=["-", "--"]),
    ]
    fast = [record(fig, [s])["ops"] for s in scatters]
    monkeypatch.setattr(RecordingRenderer, "draw_path_collection", _one_by_one)
    slow = [record(fig, [s])["ops"] for s in scatters]
    assert fast == slow
    assert len(fast[0]) == 4  # one op per run of points of one colour
    assert sum(len(_points(op, "at")) for op in fast[0]) == 299


def test_an_image_is_sent_resampled_as_a_png():
    fig, ax = _figure()
    image = ax.imshow([[0, 0], [1, 1]], extent=(0, 20, 0, 10), cmap="gray", aspect="auto")
    (op,) = record(fig, [image])["ops"]
    png = np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(op["img"]))))
    assert png.shape == (100, 200, 4) and (op["x"], op["y"]) == (0, 0)
    assert (png[0, :, :3] == 0).all() and (png[-1, :, :3] == 255).all()  # row 0 on top


def test_an_rgb_image_arrives_as_its_own_pixels_for_the_browser_to_enlarge():
    fig, ax = _figure()
    rgb = np.zeros((2, 4, 3))
    rgb[0, :, 0] = 1.0  # row 0 red, row 1 green
    rgb[1, :, 1] = 1.0
    image = ax.imshow(
        rgb, extent=(2, 18, 1, 9), origin="lower", interpolation="bilinear", aspect="auto"
    )
    (op,) = record(fig, [image])["ops"]
    png = np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(op["img"]))))
    assert png.shape == (2, 4, 4)  # the source pixels, not 160 x 80 resampled ones
    assert (png[0, :, :3] == (0, 255, 0)).all() and (png[1, :, :3] == (255, 0, 0)).all()
    assert (op["x"], op["y"], op["wh"]) == (20, 10, [160, 80])  # origin lower: row 0 below
    assert op["clip"] == [20, 10, 180, 90]
    image.set_interpolation("nearest")  # the browser would not stamp pixels as Agg does
    assert "wh" not in record(fig, [image])["ops"][0]


def test_what_the_list_cannot_express_is_refused():
    fig, ax = _figure()
    (line,) = ax.plot([0, 20], [0, 10])
    line.set_clip_path(mpatches.Circle((100, 50), 30, transform=None))
    with pytest.raises(Unsupported):
        record(fig, [line])
    hatched = ax.add_patch(mpatches.Rectangle((1, 1), 5, 5, hatch="//"))
    with pytest.raises(Unsupported):
        record(fig, [hatched])


def _png(data: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(data)).convert("RGB"))


def test_an_explorer_sends_the_static_layer_once_and_frames_after_it():
    e = gv.descent_explorer()
    static, frame = e.picture.value, e.picture.frame
    assert frame is not None and frame["size"] == list(_png(static).shape[1::-1])
    e.controls["lr"].value = 0.2
    assert e.picture.value is static and e.picture.frame != frame  # only the frame moved
    # What static viewers get is the whole picture: the static layer and the path on it.
    still = _png(e.snapshot_png())
    assert still.shape == _png(static).shape and (still != _png(static)).any()


def test_an_animated_artist_the_list_cannot_express_falls_back_to_a_picture():
    fig = new_figure(figsize=(4, 3))
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    line.set_clip_path(mpatches.Circle((0.5, 0.5), 0.3, transform=ax.transData))

    def update(x):
        line.set_xdata([0, x])

    e = Explorer(fig, {"x": FloatSlider(value=1.0, min=0.1, max=1)}, update, animated=[line])
    e.refresh()
    assert e.picture.frame is None
    whole = e.picture.value
    e.controls["x"].value = 0.5
    assert e.picture.frame is None and e.picture.value != whole
    assert e.snapshot_png() == e.picture.value


@pytest.mark.parametrize(
    "make",
    [
        gv.derivative_explorer,
        gv.slice_explorer,
        gv.gradient_explorer,
        gv.direction_explorer,
        gv.descent_explorer,
        gv.condition_explorer,
        gv.momentum_explorer,
        gv.race_explorer,
        gv.update_explorer,
        gv.training_explorer,
    ],
)
def test_every_explorer_animates_with_a_display_list(make):
    e = make()
    assert e.picture.frame is not None and e.picture.frame["ops"]
    assert isinstance(e.figure, Figure)
