"""The Explorer machinery: errors as messages, the static layer, pictures for saved notebooks."""

import base64

import ipywidgets as widgets
import pytest

import gradviz as gv
from gradviz.explorers.base import Explorer, new_figure


def small_explorer(calls=None):
    """One slider ``a`` moves a line; with ``calls``, a slider ``b`` draws a static line."""
    fig = new_figure()
    ax = fig.subplots()
    (line,) = ax.plot([0, 1], [0, 1])

    def draw_static(b):
        calls.append(b)
        ax.axhline(b, gid="static line")

    def update(a, b=0):
        if a > 1:
            raise ValueError("a is too big")
        line.set_ydata([0, a])
        return f"a = {a}"

    controls = {"a": widgets.FloatSlider(value=0.5, min=0, max=2)}
    static = {}
    if calls is not None:
        controls["b"] = widgets.IntSlider(value=0, min=0, max=3)
        static = {"static": draw_static, "static_controls": ("b",)}
    e = Explorer(fig, controls, update, animated=[line], **static)
    e.refresh()
    return e


def test_an_update_error_becomes_a_message_not_a_traceback():
    e = small_explorer()
    assert e.status.value == "a = 0.5"
    e.controls["a"].value = 1.5
    assert isinstance(e.error, ValueError) and "a is too big" in e.status.value
    e.controls["a"].value = 0.2
    assert e.error is None and e.status.value == "a = 0.2"


def test_the_static_layer_is_redrawn_only_for_its_controls():
    calls = []
    e = small_explorer(calls)
    assert calls == [0] and e.static_values == {"b": 0}
    full = e.full_redraws
    e.controls["a"].value = 0.7
    assert calls == [0] and e.full_redraws == full and e.blits >= 1
    e.controls["b"].value = 2
    e.controls["b"].value = 3
    assert calls == [0, 2, 3] and e.full_redraws == full + 2
    lines = e.figure.findobj(lambda a: a.get_gid() == "static line")
    assert len(lines) == 1 and lines[0].get_ydata()[0] == 3  # the old layer was removed


def test_static_picture_and_plain_text_for_saved_notebooks():
    e = gv.derivative_explorer()
    bundle = e._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert (
        bundle["text/plain"]
        == "<derivative explorer: function='0.01x² + 0.1x (function_1)', x=5, h=0.0001>"
    )
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_names_of_before_the_subpackage_still_import():
    assert gv.widgets.Explorer is gv.Explorer
    assert gv.optimizer_explorers.race_explorer is gv.race_explorer
    assert gv.network_explorers.update_explorer is gv.update_explorer


def test_an_explorer_shown_before_its_first_refresh_draws_itself():
    fig = new_figure()
    fig.subplots().plot([0, 1], [0, 1])
    e = Explorer(fig, {"a": widgets.FloatSlider(value=0.5)}, lambda a: f"a = {a}")
    assert base64.b64decode(e._repr_mimebundle_()["image/png"])[:4] == b"\x89PNG"
    assert e.status.value == "a = 0.5"


# --- a failed redraw never sticks (issue 19) ---------------------------------------------------


@pytest.mark.parametrize(
    "factory",
    [
        "gradient_explorer",
        "slice_explorer",
        "direction_explorer",
        "descent_explorer",
        "race_explorer",
    ],
)
def test_an_explorer_recovers_from_a_failed_static_layer(factory):
    """``surface.index = None`` (reachable from code or a crafted widget message) made the
    static layer fail; every later change then showed "list.remove(x): x not in list"."""
    e = getattr(gv, factory)()
    surface = e.controls["surface"]
    surface.index = None
    assert e.error is not None and "cannot be drawn" in e.status.value
    surface.value = "saddle"
    assert e.error is None, e.status.value
    assert e._static_artists
    surface.value = "bowl"
    assert e.error is None
    # Nothing left over from the failure: the same artists as an explorer that never failed.
    fresh = getattr(gv, factory)(surface="bowl")
    assert children(e) == children(fresh)


def children(e) -> list[int]:
    return [len(ax.get_children()) for ax in e.figure.axes]


def test_a_static_layer_that_fails_half_way_leaves_nothing_behind():
    fig = new_figure(figsize=(4, 3))
    ax = fig.subplots()
    (line,) = ax.plot([0, 1], [0, 0])
    controls = {"b": widgets.IntSlider(value=0, min=0, max=3)}

    def draw_static(b: int) -> None:
        ax.plot([0, 1], [b, b], gid="static line")
        if b == 2:
            raise ValueError("half drawn")

    e = Explorer(
        fig,
        controls,
        lambda b: f"b = {b}",
        animated=[line],
        static=draw_static,
        static_controls=("b",),
    )
    e.refresh()
    e.controls["b"].value = 2
    assert isinstance(e.error, ValueError)
    e.controls["b"].value = 0  # back to the values it last drew in full: drawn again
    assert e.error is None and e.status.value == "b = 0"
    lines = e.figure.findobj(lambda a: a.get_gid() == "static line")
    assert [ln.get_ydata()[0] for ln in lines] == [0]


def test_a_failed_drawing_is_a_message_and_the_next_change_draws_again():
    e = small_explorer()
    blits = e.blits
    broken = e.figure.axes[0].text(0.5, 0.5, "x")
    broken.draw = lambda renderer: (_ for _ in ()).throw(RuntimeError("cannot draw"))
    e.refresh()
    assert isinstance(e.error, RuntimeError) and "cannot draw" in e.status.value
    broken.remove()
    e.controls["a"].value = 0.3
    assert e.error is None and e.status.value == "a = 0.3" and e.blits == blits


# --- switching a surface --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "start"),
    [
        ("descent_explorer", (-3.0, 4.0)),
        ("race_explorer", (-7.0, 2.0)),
        ("gradient_explorer", (3.0, 4.0)),
        ("slice_explorer", (3.0, 4.0)),
        ("direction_explorer", (1.0, 0.5)),
    ],
)
def test_switching_surface_and_back_restores_that_surfaces_defaults(factory, start):
    e = getattr(gv, factory)()
    first = e.controls["surface"].value
    before = e.values()
    assert (before["x0"], before["x1"]) == start
    e.controls["x0"].value = 0.5  # moved by hand, then another surface, then back
    for surface in ("Rosenbrock", "two minima", first):
        e.controls["surface"].value = surface
        s = gv.SURFACES[surface]
        assert s.window[0][0] <= e.controls["x0"].value <= s.window[0][1]
    assert e.values() == before and e.error is None


def test_a_range_and_value_change_reach_the_page_in_one_message():
    """Sent one by one, the page's slider clamped the new value into its old range and
    sent the clamped value back (descent: bowl → elongated bowl → bowl gave (−3, 2))."""
    e = small_explorer()
    slider = e.controls["a"]
    sent = []
    slider.send_state = lambda key=None: sent.append(set(key))
    e.set_quietly(slider, min=-5.0, max=5.0, value=4.0)
    assert len(sent) == 1 and {"min", "max", "value"} <= set(sent[0])
