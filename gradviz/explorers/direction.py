"""Notebook 03: the slope along a direction u, D_u f = ∇f·u = |∇f| cos θ, all the way round."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from gradviz.calculus import directional_derivative, numerical_gradient, signed_angle
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.layout import legend_below
from gradviz.explorers.parts import (
    FirstMove,
    checked_value,
    fit_point_sliders,
    int_slider,
    new_arrow,
    number_text,
    place_arrow,
    point_sliders,
    prompt_text,
    surface_dropdown,
)
from gradviz.functions import SURFACES, Surface
from gradviz.i18n import _
from gradviz.plots import plot_contour
from gradviz.style import COLORS

__all__ = ["direction_explorer"]

THETAS = np.linspace(-180.0, 180.0, 361)
RUNGS = (1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8, 10)
#: A gradient shorter than this is taken as zero: a flat point, with no angle θ.
FLAT = 1e-9


def _nice_limit(value: float) -> float:
    """The smallest step of 1, 1.25, 1.6, 2, 2.5, ... 10 (times a power of 10) at or above
    ``value``: the θ-plot keeps its range (and stays blitted) while |∇f| changes a little."""
    if value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    return next(m * power for m in RUNGS if m * power >= value)


def _figure():
    """The map with ±∇f/|∇f|, u and the level direction; the slope against θ; the moving
    artists by role (one legend for both panels, under them)."""
    fig = new_figure(figsize=(13.5, 6.4), layout="constrained")
    ax_m, ax_t = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.15]})
    c = COLORS
    arrows = {"up": "orange", "down": "vermillion", "u": "blue"}
    a = {k: new_arrow(ax_m, c[v], width=3.5, head=24, gid=k) for k, v in arrows.items()}
    (a["contour"],) = ax_m.plot([], [], color=c["black"], lw=2.5, ls="--", zorder=6, gid="contour")
    (a["point"],) = ax_m.plot([], [], "o", color=c["black"], ms=10, zorder=8)
    keys = [
        ax_m.plot([], [], color=c[colour], lw=3, ls=ls, label=name)[0]
        for name, colour, ls in [
            ("+∇f/|∇f|", "orange", "-"),
            ("−∇f/|∇f|", "vermillion", "-"),
            ("u", "blue", "-"),
            (_("at 90° to ∇f"), "black", "--"),
        ]
    ]
    ax_t.axhline(0, color=c["black"], lw=1)
    (a["curve"],) = ax_t.plot(THETAS, 0 * THETAS, color=c["black"], lw=2.5, label="|∇f| cos θ")
    (a["max"],) = ax_t.plot([], [], "o", color=c["orange"], ms=15, label=_("max: along ∇f"))
    (a["min"],) = ax_t.plot([], [], "o", color=c["vermillion"], ms=15, label=_("min: along −∇f"))
    (a["zeros"],) = ax_t.plot([], [], "s", color=c["black"], ms=11, label=_("0: θ = ±90°"))
    a["theta"] = ax_t.axvline(0, color=c["blue"], lw=2, ls="--", gid="theta")
    (a["dot"],) = ax_t.plot(
        [],
        [],
        "o",
        color=c["blue"],
        ms=12,
        zorder=6,
        gid="slope dot",
        label=_("D_u f, the current u"),
    )
    ax_t.set(
        xlim=(-180, 180),
        xticks=range(-180, 181, 90),
        xlabel=_("θ, angle from ∇f to u (°)"),
        ylabel=_("slope along u, D_u f"),
        title=_("slope along u, all the way round"),
    )
    # One legend for both panels, under them: nothing of the data is covered.
    keys += [a[name] for name in ("curve", "max", "min", "zeros", "dot")]
    legend_below(fig, keys, max_columns=5, frameon=False)
    a["prompt"] = prompt_text(ax_t, _("Turn u (or move the point)\nto draw the slope curve."))
    return fig, ax_m, ax_t, a


#: What ``hide_answers`` hides until a control moves: everything that shows where ∇f points
#: or how steep the steepest way is.
ANSWERS = ("up", "down", "contour", "curve", "max", "min", "zeros", "theta", "dot")


def _status(x0: float, x1: float, angle: int, norm: float, slope: float, theta, dot) -> str:
    """The status line: |∇f|, u, θ and D_u f; at a flat point (``theta`` None) why there
    is no angle θ; with ``norm`` None (answers hidden) only u and D_u f."""
    at = {"x0": number_text(x0, ".2f"), "x1": number_text(x1, ".2f")}
    if norm is None:
        return _(
            "<b>at ({x0}, {x1})</b>: u at {angle}° &nbsp;|&nbsp; "
            "<b>D_u f = {slope}</b> (gv.directional_derivative): turn u to compare"
        ).format(**at, angle=angle, slope=number_text(slope))
    if theta is None:
        return _(
            "<b>at ({x0}, {x1})</b>: ∇f = (0, 0), so D_u f = {slope} in every direction "
            "(to first order f does not change): no angle θ, no steepest way."
        ).format(**at, slope=number_text(slope))
    return _(
        "<b>at ({x0}, {x1})</b>: |∇f| = {norm} &nbsp;|&nbsp; u at {angle}°, "
        "θ = {theta}° from ∇f &nbsp;|&nbsp; "
        "<b>D_u f = {slope}</b> (gv.directional_derivative) &nbsp;|&nbsp; "
        "∇f·u = {dot}"
    ).format(
        **at,
        norm=number_text(norm),
        angle=angle,
        theta=number_text(theta, ".1f"),
        slope=number_text(slope),
        dot=number_text(dot),
    )


def _draw_surface(s: Surface, ax_m) -> None:
    """The static part: the contour lines of the surface, and its name and formula."""
    plot_contour(s, ax=ax_m, filled=False)
    ax_m.set_title(s.title)


def _draw_map(a: dict, p, u, up, length: float) -> None:
    """The point, u, ±∇f/|∇f| (``up``) and the dashed line at right angles to ∇f."""
    a["point"].set_data([p[0]], [p[1]])
    place_arrow(a["u"], p, p + length * u)
    place_arrow(a["up"], p, p + length * up)
    place_arrow(a["down"], p, p - length * up)
    side = np.array([-up[1], up[0]]) * 1.3 * length
    a["contour"].set_data(*np.c_[p - side, p + side])


def _draw_slopes(ax_t, a: dict, norm: float, theta: float | None, slope: float) -> None:
    """The curve |∇f| cos θ with its maximum, minima and zeros, and the current u on it."""
    top = 1.2 * _nice_limit(norm)
    ax_t.set_ylim(-top, top)
    a["curve"].set_ydata(norm * np.cos(np.radians(THETAS)))
    a["max"].set_data([0], [norm])
    a["min"].set_data([-180, 180], [-norm, -norm])
    a["zeros"].set_data([-90, 90], [0, 0])
    _draw_angle(a, theta, slope)


def _draw_angle(a: dict, theta: float | None, slope: float) -> None:
    """The current u on the θ-plot; at a flat point (``theta`` None) hide it and ±∇f/|∇f|."""
    if theta is None:
        for name in ("up", "down", "theta", "dot"):
            a[name].set_visible(False)
        return
    a["theta"].set_visible(True)
    a["theta"].set_xdata([theta, theta])
    a["dot"].set_visible(True)
    a["dot"].set_data([theta], [slope])


def _show_answers(a: dict, shown: bool) -> None:
    """Until ``shown``, hide the parts in ``ANSWERS`` and invite a move; then show the lines
    the drawing does not (the arrows, θ and the dot: set by ``_draw_map``, ``_draw_angle``)."""
    a["prompt"].set_visible(not shown)
    for name in ("contour", "curve", "max", "min", "zeros") if shown else ANSWERS:
        a[name].set_visible(shown)


def _angle_slider(angle: float) -> widgets.IntSlider:
    """The slider of u's angle from the x0 axis, in steps of 5°; any finite angle is a
    direction (400° is 40°)."""
    angle = checked_value("angle", angle, -math.inf, math.inf)  # a finite number
    return int_slider(
        _("u: angle from the x0 axis (°)"), (angle + 180) % 360 - 180, -180, 180, step=5
    )


def _turn_on_click(explorer: Explorer, ax_m) -> None:
    """Under ipympl, a click on the map turns u towards the clicked place."""
    if not explorer.live_canvas:
        return

    def on_click(event) -> None:
        if event.inaxes is ax_m and event.xdata is not None:
            d = np.array(
                [
                    event.xdata - explorer.controls["x0"].value,
                    event.ydata - explorer.controls["x1"].value,
                ]
            )
            if np.any(d):
                step = round(np.degrees(np.arctan2(d[1], d[0])) / 5) * 5
                explorer.controls["angle"].value = int(((step + 180) % 360) - 180) or 0

    explorer.figure.canvas.mpl_connect("button_press_event", on_click)


def direction_explorer(
    surface: str = "elongated bowl",  # i18n: code
    point: tuple[float, float] = (1.0, 0.5),
    angle: int = 0,
    *,
    hide_answers: bool = False,
) -> Explorer:
    """Turn a unit direction u around a point and watch the slope along it, D_u f.

    Left: the contour map with ±∇f/|∇f| (orange up, vermillion down), u (blue, ``angle``
    degrees anticlockwise from the x0 axis) and the direction at right angles to ∇f
    (dashed). Right: D_u f = |∇f| cos θ against θ, the angle from ∇f to u, with the
    current u as a dot. Under ``%matplotlib widget`` a click on the map turns u there.
    ``hide_answers``: until a control moves, show only the point, u and D_u f (the parts
    in ``ANSWERS``, |∇f| and θ would answer "which way is steepest, and how steep?").
    """
    controls = {
        "surface": surface_dropdown(surface),
        **point_sliders(SURFACES[surface], point),
        "angle": _angle_slider(angle),
    }
    fig, ax_m, ax_t, a = _figure()
    first_move = FirstMove(controls)

    home = (controls["x0"].value, controls["x1"].value)  # where every surface starts

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, home)  # the point it started at, clipped
        _draw_surface(s, ax_m)

    def update(surface: str, x0: float, x1: float, angle: int) -> str:
        s = SURFACES[surface]
        p = np.array([x0, x1])
        g = numerical_gradient(s.f, p)
        norm = float(np.hypot(*g))
        u = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
        slope = directional_derivative(s.f, p, u)
        theta = None if norm < FLAT else signed_angle(u, g)  # None: a flat point
        up = np.zeros(2) if theta is None else g / norm
        _draw_map(a, p, u, up, 0.2 * min(hi - lo for lo, hi in s.window))
        _draw_slopes(ax_t, a, norm, theta, slope)
        shown = first_move.moved or not hide_answers
        _show_answers(a, shown)
        return _status(x0, x1, angle, norm if shown else None, slope, theta, g @ u)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("direction explorer"),
        animated=list(a.values()),
        static=draw_surface,
        static_controls=("surface",),
    )
    explorer.refresh()
    _turn_on_click(explorer, ax_m)
    return explorer
