"""The live explorers of the notebooks, each a figure plus a plain ``update`` function.

Read ``derivative_explorer`` first: it is the simplest. Every explorer follows
the recipe of ``widgets.py``: draw once, keep the moving artists, write
``update(**slider_values)`` that moves them, hand everything to ``Explorer``.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from gradviz.calculus import difference_errors, forward_diff, numerical_diff, numerical_gradient
from gradviz.descent import SCHEDULES, DescentPath, gradient_descent
from gradviz.functions import SURFACES, Surface, function_1, function_1_derivative
from gradviz.plots import (
    ERROR_FLOOR,
    grid,
    plot_contour,
    plot_difference_errors,
    plot_function,
    plot_gradient_field,
    plot_surface3d,
    slice_curves,
    slice_planes,
)
from gradviz.style import COLORS
from gradviz.widgets import (
    Explorer,
    control_style,
    int_slider,
    log_slider,
    new_figure,
    replacing,
)

__all__ = [
    "DERIVATIVE_FUNCTIONS",
    "derivative_explorer",
    "descent_explorer",
    "gradient_explorer",
    "slice_explorer",
]


# --- notebook 01: the derivative -------------------------------------------------

#: Functions offered by the derivative explorer: (function, exact derivative).
DERIVATIVE_FUNCTIONS: dict[str, tuple[Callable, Callable]] = {
    "0.01x² + 0.1x (function_1)": (function_1, function_1_derivative),
    "sin(x)": (np.sin, np.cos),
}


def derivative_explorer(x: float = 5.0, h: float = 1e-4) -> Explorer:
    """Slide h (log scale) and x and watch the forward and central estimates of the slope.

    Left: the curve, its true tangent and the two secant lines through ``x ± h``.
    Right: the error of each estimate against h on log-log axes, with the current h.
    """
    xlim = (0.0, 20.0)
    hs = np.logspace(-20, 0, 201)
    fig = new_figure(figsize=(12, 5.4), layout="constrained")
    ax_f, ax_e = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    curve = plot_function(function_1, xlim, ax=ax_f, color=COLORS["black"])
    (tangent,) = ax_f.plot([], [], color=COLORS["vermillion"], lw=2, ls=":", label="true tangent")
    (central,) = ax_f.plot([], [], color=COLORS["blue"], lw=2, label="central secant")
    (forward,) = ax_f.plot([], [], color=COLORS["orange"], lw=2, ls="--", label="forward secant")
    (point,) = ax_f.plot([], [], "o", color=COLORS["vermillion"], zorder=4)
    ax_f.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False)
    ax_f.set_title("Secants through x ± h")
    fw_line, ce_line = plot_difference_errors(
        function_1, x, function_1_derivative(x), hs=hs, ax=ax_e
    )
    h_marker = ax_e.axvline(h, color=COLORS["black"], lw=1.2)
    (fw_dot,) = ax_e.plot([], [], "o", color=COLORS["orange"], zorder=4)
    (ce_dot,) = ax_e.plot([], [], "o", color=COLORS["blue"], zorder=4)
    ax_e.set_ylim(ERROR_FLOOR / 3, 1e3)
    ax_e.set_title("Error against h")

    controls = {
        "function": widgets.Dropdown(
            options=list(DERIVATIVE_FUNCTIONS), description="f(x) =", style=control_style()
        ),
        "x": widgets.FloatSlider(
            value=x, min=0.5, max=19.5, step=0.5, description="x", style=control_style()
        ),
        "h": log_slider("h", h, (-20, 0), step=0.25, readout_format=".0e", width="420px"),
    }
    drawn_for = {"key": None}

    def update(function: str, x: float, h: float) -> str:
        f, df = DERIVATIVE_FUNCTIONS[function]
        exact = float(df(x))
        if drawn_for["key"] != (function, x):  # the error curves depend on f and x only
            drawn_for["key"] = (function, x)
            xs = np.linspace(*xlim, 400)
            ys = f(xs)
            curve.set_data(xs, ys)
            pad = 0.15 * (ys.max() - ys.min())
            ax_f.set_ylim(ys.min() - pad, ys.max() + pad)
            fw_err, ce_err = difference_errors(f, x, exact, hs)
            fw_line.set_ydata(np.maximum(fw_err, ERROR_FLOOR))
            ce_line.set_ydata(np.maximum(ce_err, ERROR_FLOOR))
        fx = float(f(x))
        ts = np.array(xlim)
        c_slope = numerical_diff(f, x, h)
        f_slope = forward_diff(f, x, h)
        tangent.set_data(ts, fx + exact * (ts - x))
        central.set_data(ts, float(f(x - h)) + c_slope * (ts - (x - h)))
        forward.set_data(ts, fx + f_slope * (ts - x))
        point.set_data([x], [fx])
        h_marker.set_xdata([h, h])
        c_err, f_err = abs(c_slope - exact), abs(f_slope - exact)
        fw_dot.set_data([h], [max(f_err, ERROR_FLOOR)])
        ce_dot.set_data([h], [max(c_err, ERROR_FLOOR)])
        return (
            f"<b>h = {h:.0e}</b> &nbsp; true slope {exact:.12g} &nbsp;|&nbsp; "
            f"central {c_slope:.12g} (error {c_err:.1e}) &nbsp;|&nbsp; "
            f"forward {f_slope:.12g} (error {f_err:.1e})"
        )

    return Explorer(
        fig,
        controls,
        update,
        title="derivative explorer",
        animated=[
            curve,
            fw_line,
            ce_line,
            tangent,
            central,
            forward,
            point,
            h_marker,
            fw_dot,
            ce_dot,
        ],
        light_controls=("h", "x"),
    )


# --- notebook 04: gradient descent -------------------------------------------------

#: The x-range of the loss plot grows in these steps, so dragging the step
#: count rarely forces a full redraw.
_STEP_RANGES = (10, 20, 50, 100, 200, 500, 1000)


def _step_range(steps: int) -> int:
    return next((r for r in _STEP_RANGES if r >= steps), steps)


def _vec(v: np.ndarray) -> str:
    return "(" + ", ".join(f"{c:.4g}" for c in v) + ")"


def descent_explorer(
    surface: str = "bowl",
    lr: float = 0.1,
    steps: int = 100,
    start: tuple[float, float] | None = None,
    schedule: str = "constant",
    max_steps: int = 200,
) -> Explorer:
    """Gradient descent you can steer: learning rate, steps, start, schedule and surface.

    Three linked views of one ``gradient_descent`` run (numerical gradient, as in the
    text): the contour map with the path, the 3-D surface with the same path, and
    f(x_k) against k. The **k** scrubber (and its play button) walks along the path
    and the status line shows x_k, ∇f(x_k), the step −lr·∇f(x_k) and f(x_k).
    Under ``%matplotlib widget`` a click on the map moves the start point and the
    3-D view rotates with the mouse. ``explorer.path`` is the run on screen.
    """
    if surface not in SURFACES:
        raise ValueError(f"surface must be one of {list(SURFACES)}, got {surface!r}.")
    s0 = SURFACES[surface]
    start = s0.start if start is None else start

    fig = new_figure(figsize=(15, 5.4), layout="constrained")
    spec = fig.add_gridspec(1, 3, width_ratios=[1.0, 1.15, 1.0])
    ax_c = fig.add_subplot(spec[0])
    ax_3d = fig.add_subplot(spec[1], projection="3d")
    ax_l = fig.add_subplot(spec[2])

    red = COLORS["vermillion"]
    (path_line,) = ax_c.plot([], [], "o-", color=red, ms=4, lw=1.8, zorder=4)
    (start_ring,) = ax_c.plot([], [], "o", color=red, ms=13, mfc="none", mew=2.5, zorder=4)
    (here,) = ax_c.plot([], [], "o", color=COLORS["black"], ms=10, zorder=6)
    step_arrow = new_arrow(ax_c, COLORS["black"], width=2.5, head=22)
    warning = ax_c.text(
        0.5,
        0.06,
        "",
        transform=ax_c.transAxes,
        ha="center",
        va="bottom",
        fontsize=16,
        color="white",
        fontweight="bold",
        zorder=8,
        bbox={"boxstyle": "round", "facecolor": red, "edgecolor": "none"},
    )
    (path3d,) = ax_3d.plot([], [], [], "o-", color=red, ms=3, lw=2, zorder=10, axlim_clip=True)
    (here3d,) = ax_3d.plot([], [], [], "o", color=COLORS["black"], ms=8, zorder=11, axlim_clip=True)
    (loss_line,) = ax_l.plot([], [], color=red, lw=2.5)
    (loss_here,) = ax_l.plot([], [], "o", color=COLORS["black"], ms=9)
    ax_l.set_xlabel("step k")
    ax_l.set_ylabel("f(x_k)")
    ax_l.set_title("f at each step")

    controls = {
        "surface": widgets.Dropdown(
            options=list(SURFACES), value=surface, description="surface", style=control_style()
        ),
        "schedule": widgets.Dropdown(
            options=list(SCHEDULES),
            value=schedule,
            description="lr schedule",
            style=control_style(),
        ),
        "lr": log_slider("learning rate", lr, (-4, 1)),
        "steps": int_slider("steps", steps, 0, max_steps),
        **_point_sliders(s0, start, prefix="start "),
        "k": int_slider("show step k", 0, 0, steps),
    }
    play = widgets.Play(value=0, min=0, max=steps, interval=120, description="play")
    widgets.jslink((play, "value"), (controls["k"], "value"))

    state: dict = {"surface": None, "static": [], "explorer": None, "path": None}

    def draw_surface(s: Surface) -> None:
        """The expensive, static part: contours and the 3-D sheet (once per surface)."""
        with replacing(state["static"], ax_c, ax_3d):
            plot_contour(s, ax=ax_c)
            plot_surface3d(s, ax=ax_3d, n=45, alpha=0.6).set_zorder(1)
        ax_c.set_title(f"{s.name}\nf = {s.formula}", fontsize=14)
        ax_3d.set_zlabel("")
        ax_3d.set_title("the same path on the surface", fontsize=14)
        _, _, Z = grid(s, 60)
        lo, hi = float(Z.min()), float(Z.max())
        if lo >= 0:
            ax_l.set_yscale("log")
            ax_l.set_ylim(1e-20, hi * 1e3)
        else:
            ax_l.set_yscale("symlog", linthresh=1e-2)
            ax_l.set_ylim(lo * 1e3, hi * 1e3)
        state["surface"] = s

    def update(surface, schedule, lr, steps, x0, x1, k) -> str:
        s, (x0, x1) = _current_surface(
            state, controls, surface, (x0, x1), draw_surface, restart=True
        )
        path = gradient_descent(
            s.f, np.array([x0, x1]), lr=lr, step_num=steps, schedule=SCHEDULES[schedule]
        )
        state["path"] = path
        m = len(path.points) - 1
        if state["explorer"] is not None and (controls["k"].max != steps or k > m):
            k = min(k, m)
            state["explorer"].set_quietly(controls["k"], max=steps, value=k)
            state["explorer"].set_quietly(play, max=steps, value=k)
        k = min(k, m)
        pts, vals = path.points, path.values
        path_line.set_data(pts[:, 0], pts[:, 1])
        start_ring.set_data(pts[:1, 0], pts[:1, 1])
        here.set_data(pts[k : k + 1, 0], pts[k : k + 1, 1])
        path3d.set_data_3d(pts[:, 0], pts[:, 1], vals)
        here3d.set_data_3d(pts[k : k + 1, 0], pts[k : k + 1, 1], vals[k : k + 1])
        loss_line.set_data(np.arange(m + 1), vals)
        loss_here.set_data([k], [vals[k]])
        ax_l.set_xlim(0, _step_range(max(steps, 1)))
        warning.set_text(f"diverged at step {path.diverged_at}" if path.diverged else "")
        warning.set_visible(path.diverged)
        return _descent_status(path, k, lr, step_arrow)

    explorer = Explorer(
        fig,
        controls,
        update,
        title="descent explorer",
        animated=[
            path_line,
            start_ring,
            here,
            step_arrow,
            warning,
            path3d,
            here3d,
            loss_line,
            loss_here,
        ],
        light_controls=("schedule", "lr", "steps", "x0", "x1", "k"),
        extra=[play],
    )
    state["explorer"] = explorer
    explorer.state = state

    _clickable(explorer, ax_c, controls)
    return explorer


def new_arrow(ax, color: str, width: float = 2.5, head: float = 22):
    """An arrow (an annotation with no text) to be moved by ``place_arrow``.

    ``shrinkA``/``shrinkB`` are 0 so the arrow runs exactly between its two points.
    """
    return ax.annotate(
        "",
        xy=(0, 0),
        xytext=(0, 0),
        zorder=7,
        arrowprops={
            "arrowstyle": "-|>",
            "color": color,
            "lw": width,
            "mutation_scale": head,
            "shrinkA": 0,
            "shrinkB": 0,
        },
    )


def place_arrow(arrow, start, end, min_pixels: float = 14.0) -> None:
    """Move an arrow (an annotation) to run from ``start`` to ``end`` in data coordinates.

    An arrow shorter on screen than its own head would point the wrong way, so it is
    hidden instead (the status line still gives the numbers).
    """
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    arrow.xyann = tuple(start)
    arrow.xy = tuple(end)
    if not (np.all(np.isfinite(start)) and np.all(np.isfinite(end))):
        arrow.set_visible(False)
        return
    to_pixels = arrow.axes.transData.transform
    length = float(np.hypot(*(to_pixels(end) - to_pixels(start))))
    arrow.set_visible(length >= min_pixels)


def _descent_status(path: DescentPath, k: int, lr: float, arrow) -> str:
    """Place the step arrow at x_k and describe step k in words."""
    m = len(path.points) - 1
    x_k = path.points[k]
    if k < m:
        g, lr_k = path.gradients[k], path.lrs[k]
        place_arrow(arrow, x_k, path.points[k + 1])
        detail = (
            f"x_{k} = {_vec(x_k)} &nbsp; ∇f(x_{k}) = {_vec(g)} &nbsp; "
            f"step −{lr_k:.3g}·∇f = {_vec(-lr_k * g)} &nbsp; f(x_{k}) = {path.values[k]:.4g}"
        )
    else:
        arrow.set_visible(False)
        detail = f"x_{k} = {_vec(x_k)} (the end) &nbsp; f(x_{k}) = {path.values[k]:.4g}"
    headline = path.summary()
    colour = COLORS["vermillion"] if path.diverged else COLORS["black"]
    return f'<span style="color:{colour}"><b>{headline}</b></span><br>{detail}'


# --- notebook 02: partial derivatives ------------------------------------------------


def _surface_dropdown(value: str, names=None) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=list(names or SURFACES), value=value, description="surface", style=control_style()
    )


def _point_sliders(s: Surface, point, prefix: str = "") -> dict[str, widgets.FloatSlider]:
    """Sliders ``x0`` and ``x1`` spanning the surface's window, set to ``point``."""
    return {
        name: widgets.FloatSlider(
            value=value, min=lo, max=hi, step=0.05, description=prefix + name, style=control_style()
        )
        for name, value, (lo, hi) in zip(("x0", "x1"), point, s.window, strict=True)
    }


def _follow_surface(state: dict, controls: dict, s: Surface, point) -> tuple[float, float]:
    """After a surface change: fit the point sliders to its window, keep the point if inside."""
    explorer = state.get("explorer")
    (a, b), (c, d) = s.window
    p0 = float(np.clip(point[0], a, b))
    p1 = float(np.clip(point[1], c, d))
    if explorer is not None:
        explorer.set_quietly(controls["x0"], min=a, max=b, value=p0)
        explorer.set_quietly(controls["x1"], min=c, max=d, value=p1)
    return p0, p1


def _current_surface(
    state: dict,
    controls: dict,
    name: str,
    point,
    draw: Callable[[Surface], None],
    restart: bool = False,
) -> tuple[Surface, tuple[float, float]]:
    """The surface the dropdown names. When it changed: draw its static picture and fit
    the point sliders to its window (moving the point to its ``start`` if ``restart``)."""
    s = SURFACES[name]
    if state["surface"] is not s:
        if state["surface"] is not None:
            point = _follow_surface(state, controls, s, s.start if restart else point)
        draw(s)
    return s, point


def _clickable(explorer: Explorer, ax, controls: dict) -> None:
    """Under ipympl, a click on ``ax`` moves the x0/x1 sliders there."""
    if not explorer.live_canvas:
        return

    def on_click(event) -> None:
        if event.inaxes is ax and event.xdata is not None:
            with explorer.hold():
                controls["x0"].value = float(event.xdata)
                controls["x1"].value = float(event.ydata)

    explorer.figure.canvas.mpl_connect("button_press_event", on_click)


def slice_explorer(surface: str = "bowl", point: tuple[float, float] = (3.0, 4.0)) -> Explorer:
    """Move a point on a surface and see the two slices through it and their slopes.

    Left: the surface with the two vertical slicing planes. Middle: the slice along
    x0 (x1 held fixed) with its tangent, whose slope is ∂f/∂x0. Right: the same along x1.
    """
    s0 = SURFACES[surface]
    fig = new_figure(figsize=(15, 5.2), layout="constrained")
    spec = fig.add_gridspec(1, 3, width_ratios=[1.2, 1, 1])
    ax3 = fig.add_subplot(spec[0], projection="3d")
    ax0 = fig.add_subplot(spec[1])
    ax1 = fig.add_subplot(spec[2])
    blue, orange, black = COLORS["blue"], COLORS["orange"], COLORS["black"]
    planes = [
        Poly3DCollection([np.zeros((4, 3))], facecolor=c, alpha=0.25, edgecolor=c)
        for c in (blue, orange)
    ]
    for plane in planes:
        ax3.add_collection3d(plane)
    (curve3_0,) = ax3.plot([], [], [], color=blue, lw=3, zorder=10)
    (curve3_1,) = ax3.plot([], [], [], color=orange, lw=3, zorder=10)
    (dot3,) = ax3.plot([], [], [], "o", color=black, ms=8, zorder=11)
    (slice0,) = ax0.plot([], [], color=blue, lw=3)
    (tan0,) = ax0.plot([], [], color=black, lw=2, ls="--")
    (dot0,) = ax0.plot([], [], "o", color=black, ms=9)
    (slice1,) = ax1.plot([], [], color=orange, lw=3)
    (tan1,) = ax1.plot([], [], color=black, lw=2, ls="--")
    (dot1,) = ax1.plot([], [], "o", color=black, ms=9)
    title0 = ax0.set_title("")
    title1 = ax1.set_title("")

    controls = {"surface": _surface_dropdown(surface), **_point_sliders(s0, point)}
    state: dict = {"surface": None, "static": []}

    def draw_surface(s: Surface) -> None:
        with replacing(state["static"], ax3):
            plot_surface3d(s, ax=ax3, n=40, alpha=0.45)
        _, _, Z = grid(s, 60)
        lo, hi = float(Z.min()), float(Z.max())
        pad = 0.08 * (hi - lo)
        for ax, lim, name in ((ax0, s.window[0], "x0"), (ax1, s.window[1], "x1")):
            ax.set_xlim(lim)
            ax.set_ylim(lo - pad, hi + pad)
            ax.set_xlabel(name)
            ax.set_ylabel("f")
        ax3.set_zlabel("")
        ax3.set_title(f"{s.name}: f = {s.formula}", fontsize=14)
        state["surface"] = s

    def update(surface: str, x0: float, x1: float) -> str:
        s, (x0, x1) = _current_surface(state, controls, surface, (x0, x1), draw_surface)
        c = slice_curves(s, (x0, x1))
        fx = float(s.f(np.array([x0, x1])))
        # The partial derivatives, computed as the text does: one variable at a time.
        d0 = numerical_diff(lambda t: float(s.f(np.array([t, x1]))), x0)
        d1 = numerical_diff(lambda t: float(s.f(np.array([x0, t]))), x1)
        for plane, verts in zip(planes, slice_planes(s, (x0, x1)), strict=True):
            plane.set_verts([verts])
        curve3_0.set_data_3d(c["t0"], np.full_like(c["t0"], x1), c["f0"])
        curve3_1.set_data_3d(np.full_like(c["t1"], x0), c["t1"], c["f1"])
        dot3.set_data_3d([x0], [x1], [fx])
        slice0.set_data(c["t0"], c["f0"])
        slice1.set_data(c["t1"], c["f1"])
        span0, span1 = np.array(s.window[0]), np.array(s.window[1])
        tan0.set_data(span0, fx + d0 * (span0 - x0))
        tan1.set_data(span1, fx + d1 * (span1 - x1))
        dot0.set_data([x0], [fx])
        dot1.set_data([x1], [fx])
        title0.set_text(f"slice x1 = {x1:.2f}: ∂f/∂x0 = {d0:.4g}")
        title1.set_text(f"slice x0 = {x0:.2f}: ∂f/∂x1 = {d1:.4g}")
        return (
            f"<b>at (x0, x1) = ({x0:.2f}, {x1:.2f})</b>: f = {fx:.4g} &nbsp;|&nbsp; "
            f"∂f/∂x0 = {d0!r} (blue slice) &nbsp;|&nbsp; ∂f/∂x1 = {d1!r} (orange slice)"
        )

    explorer = Explorer(
        fig,
        controls,
        update,
        title="slice explorer",
        animated=[
            *planes,
            curve3_0,
            curve3_1,
            dot3,
            slice0,
            tan0,
            dot0,
            slice1,
            tan1,
            dot1,
            title0,
            title1,
        ],
        light_controls=("x0", "x1"),
    )
    state["explorer"] = explorer
    return explorer


# --- notebook 03: the gradient ----------------------------------------------------------


def gradient_explorer(surface: str = "bowl", point: tuple[float, float] = (3.0, 4.0)) -> Explorer:
    """Move a point and see its gradient: the arrow −∇f on the map and the way down on the surface.

    Left: contour map with the field of −∇f (faint), the −∇f arrow at the point (to the
    same scale as the field) and the contour's direction there, at right angles to it.
    Right: the surface, with the steepest way down from the point drawn on it.
    """
    s0 = SURFACES[surface]
    fig = new_figure(figsize=(13.5, 5.8), layout="constrained")
    ax_c = fig.add_subplot(1, 2, 1)
    ax3 = fig.add_subplot(1, 2, 2, projection="3d")
    red, black = COLORS["vermillion"], COLORS["black"]
    (dot,) = ax_c.plot([], [], "o", color=black, ms=10, zorder=7)
    arrow = new_arrow(ax_c, red, width=3.5, head=26)
    (level_dir,) = ax_c.plot([], [], color=black, lw=2.5, ls="--", zorder=6)
    (down3,) = ax3.plot([], [], [], color=red, lw=4, zorder=10, axlim_clip=True)
    (dot3,) = ax3.plot([], [], [], "o", color=black, ms=8, zorder=11)

    controls = {"surface": _surface_dropdown(surface), **_point_sliders(s0, point)}
    state: dict = {"surface": None, "static": [], "scale": 1.0}

    def draw_surface(s: Surface) -> None:
        step = 0.5 if s.window[0][1] > 3 else 0.25
        (a, b), (c, d) = s.window
        inner = ((a + step, b - step), (c + step, d - step))  # arrows end inside the map
        with replacing(state["static"], ax_c, ax3):
            plot_contour(s, ax=ax_c, filled=False)
            plot_gradient_field(s, ax=ax_c, spacing=step, color=COLORS["sky"], window=inner)
            plot_surface3d(s, ax=ax3, n=45, alpha=0.55)
        # The red arrow: the steepest gradient in the window is a quarter of its width.
        X, Y, _ = grid(s, 60)
        longest = float(np.max(np.hypot(*s.grad(np.stack([X, Y])))))
        state["scale"] = 0.25 * (s.window[0][1] - s.window[0][0]) / longest
        ax_c.set_title(f"{s.name}: f = {s.formula}", fontsize=14)
        ax3.set_zlabel("")
        ax3.set_title("the steepest way down", fontsize=14)
        state["surface"] = s

    def update(surface: str, x0: float, x1: float) -> str:
        s, (x0, x1) = _current_surface(state, controls, surface, (x0, x1), draw_surface)
        p = np.array([x0, x1])
        g = numerical_gradient(s.f, p)
        norm = float(np.hypot(*g))
        fx = float(s.f(p))
        dot.set_data([x0], [x1])
        dot3.set_data_3d([x0], [x1], [fx])
        if norm < 1e-9:
            arrow.set_visible(False)
            level_dir.set_data([], [])
            down3.set_data_3d([], [], [])
            return (
                f"<b>∇f({x0:.2f}, {x1:.2f}) = (0, 0)</b>: no direction is downhill here. "
                "A flat point: a minimum, a maximum or a saddle."
            )
        place_arrow(arrow, p, p - g * state["scale"])
        u = g / norm
        width = 0.12 * (s.window[0][1] - s.window[0][0])
        along = np.array([-u[1], u[0]]) * width  # the contour's direction: ⟂ to ∇f
        level_dir.set_data([x0 - along[0], x0 + along[0]], [x1 - along[1], x1 + along[1]])
        ts = np.linspace(0.0, 0.25 * (s.window[0][1] - s.window[0][0]), 30)
        way = p[:, None] - u[:, None] * ts
        down3.set_data_3d(way[0], way[1], s.f(way))
        return (
            f"<b>∇f({x0:.2f}, {x1:.2f}) = {_vec(g)}</b> &nbsp; |∇f| = {norm:.4g} &nbsp;|&nbsp; "
            f"steepest descent direction −∇f/|∇f| = {_vec(-u)} &nbsp;|&nbsp; "
            f"f = {fx:.4g}; the dashed line follows the contour, at 90° to the arrow"
        )

    explorer = Explorer(
        fig,
        controls,
        update,
        title="gradient explorer",
        animated=[dot, arrow, level_dir, down3, dot3],
        light_controls=("x0", "x1"),
    )
    state["explorer"] = explorer
    _clickable(explorer, ax_c, controls)
    return explorer
