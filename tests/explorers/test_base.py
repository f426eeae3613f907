"""The Explorer machinery: errors as messages, the static layer, pictures for saved notebooks."""

import base64

import ipywidgets as widgets

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
