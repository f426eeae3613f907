"""The live explorers of the notebooks, each a figure plus a plain ``update`` function.

Read ``derivative_explorer`` first: it is the simplest. Every explorer follows
the recipe of ``widgets.py``: draw once, keep the moving artists, write
``update(**slider_values)`` that moves them, hand everything to ``Explorer``.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import numpy as np

from gradviz.calculus import difference_errors, forward_diff, numerical_diff
from gradviz.descent import SCHEDULES, DescentPath, gradient_descent
from gradviz.functions import SURFACES, Surface, function_1, function_1_derivative
from gradviz.plots import (
    ERROR_FLOOR,
    grid,
    plot_contour,
    plot_difference_errors,
    plot_function,
    plot_surface3d,
)
from gradviz.style import COLORS
from gradviz.widgets import Explorer, control_style, new_figure

__all__ = ["DERIVATIVE_FUNCTIONS", "derivative_explorer", "descent_explorer"]


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
        "h": widgets.FloatLogSlider(
            value=h,
            base=10,
            min=-20,
            max=0,
            step=0.25,
            description="h",
            readout_format=".0e",
            style=control_style(),
            layout=widgets.Layout(width="420px"),
        ),
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
        animated=[tangent, central, forward, point, h_marker, fw_dot, ce_dot],
        light_controls=("h",),
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
    step_arrow = ax_c.annotate(
        "",
        xy=(0, 0),
        xytext=(0, 0),
        zorder=7,
        arrowprops={"arrowstyle": "-|>", "color": COLORS["black"], "lw": 2.5, "mutation_scale": 22},
    )
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

    (x_lo, x_hi), (y_lo, y_hi) = s0.window
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
        "lr": widgets.FloatLogSlider(
            value=lr,
            base=10,
            min=-4,
            max=1,
            step=0.05,
            description="learning rate",
            readout_format=".3g",
            style=control_style(),
            layout=widgets.Layout(width="380px"),
        ),
        "steps": widgets.IntSlider(
            value=steps,
            min=0,
            max=max_steps,
            description="steps",
            style=control_style(),
            layout=widgets.Layout(width="340px"),
        ),
        "x0": widgets.FloatSlider(
            value=start[0],
            min=x_lo,
            max=x_hi,
            step=0.05,
            description="start x0",
            style=control_style(),
        ),
        "x1": widgets.FloatSlider(
            value=start[1],
            min=y_lo,
            max=y_hi,
            step=0.05,
            description="start x1",
            style=control_style(),
        ),
        "k": widgets.IntSlider(
            value=0,
            min=0,
            max=steps,
            description="show step k",
            style=control_style(),
            layout=widgets.Layout(width="340px"),
        ),
    }
    play = widgets.Play(value=0, min=0, max=steps, interval=120, description="play")
    widgets.jslink((play, "value"), (controls["k"], "value"))

    state: dict = {"surface": None, "static": [], "explorer": None, "path": None}

    def draw_surface(s: Surface) -> None:
        """The expensive, static part: contours and the 3-D sheet (once per surface)."""
        for artist in state["static"]:
            artist.remove()
        before = set(ax_c.get_children()) | set(ax_3d.get_children())
        plot_contour(s, ax=ax_c)
        sheet = plot_surface3d(s, ax=ax_3d, n=45, alpha=0.6)
        sheet.set_zorder(1)
        state["static"] = [
            a for a in set(ax_c.get_children()) | set(ax_3d.get_children()) if a not in before
        ]
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

    def move_start_sliders(s: Surface) -> tuple[float, float]:
        explorer = state["explorer"]
        (a, b), (c, d) = s.window
        if explorer is not None:
            explorer.set_quietly(controls["x0"], min=a, max=b, value=s.start[0])
            explorer.set_quietly(controls["x1"], min=c, max=d, value=s.start[1])
        return s.start

    def update(surface, schedule, lr, steps, x0, x1, k) -> str:
        s = SURFACES[surface]
        if state["surface"] is not s:
            if state["surface"] is not None:
                x0, x1 = move_start_sliders(s)
            draw_surface(s)
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

    if explorer.live_canvas:  # a click on the map moves the start point

        def on_click(event) -> None:
            if event.inaxes is ax_c and event.xdata is not None:
                with explorer.hold():
                    controls["x0"].value = float(event.xdata)
                    controls["x1"].value = float(event.ydata)

        fig.canvas.mpl_connect("button_press_event", on_click)
    return explorer


def _descent_status(path: DescentPath, k: int, lr: float, arrow) -> str:
    """Place the step arrow at x_k and describe step k in words."""
    m = len(path.points) - 1
    x_k = path.points[k]
    if k < m:
        g, lr_k = path.gradients[k], path.lrs[k]
        arrow.xy = tuple(path.points[k + 1])
        arrow.xyann = tuple(x_k)
        arrow.set_visible(bool(np.all(np.isfinite(path.points[k + 1]))))
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
