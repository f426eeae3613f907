"""Notebook 04: gradient descent you can steer, seen on the map, the surface and the loss."""

from __future__ import annotations

from functools import lru_cache, partial

import ipywidgets as widgets
import numpy as np

from gradviz._validate import bounded_count, one_of
from gradviz.descent import SCHEDULES, DescentPath, gradient_descent
from gradviz.explorers.ahead import NotchesAhead
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import (
    control_style,
    fit_point_sliders,
    int_slider,
    log_slider,
    move_point_on_click,
    new_arrow,
    place_arrow,
    point_sliders,
    surface_dropdown,
    vector_text,
)
from gradviz.functions import SURFACES, Surface
from gradviz.i18n import _
from gradviz.plots import plot_contour, plot_path, plot_surface3d, set_path
from gradviz.schedules import schedule_name
from gradviz.style import COLORS, ink

__all__ = ["descent_explorer"]

#: The x-range of the loss plot grows in these steps, so dragging the step
#: count rarely forces a full redraw.
_STEP_RANGES = (10, 20, 50, 100, 200, 500, 1000)


def _step_range(step_num: int) -> int:
    return next((r for r in _STEP_RANGES if r >= step_num), step_num)


def descent_status(path: DescentPath, k: int) -> str:
    """The run's summary, and step k in words: x_k, ∇f(x_k), the step and f(x_k)."""
    m = len(path.points) - 1
    x_k = path.points[k]
    if k < m:
        g, lr_k = path.gradients[k], path.lrs[k]
        detail = _(
            "x_{k} = {x} &nbsp; ∇f(x_{k}) = {gradient} &nbsp; "
            "step −{lr:.3g}·∇f = {step} &nbsp; f(x_{k}) = {f:.4g}"
        ).format(
            k=k,
            x=vector_text(x_k),
            gradient=vector_text(g),
            lr=lr_k,
            step=vector_text(-lr_k * g),
            f=path.values[k],
        )
    else:
        detail = _("x_{k} = {x} (the end) &nbsp; f(x_{k}) = {f:.4g}").format(
            k=k, x=vector_text(x_k), f=path.values[k]
        )
    color = ink("vermillion" if path.diverged else "black")
    return f'<span class="{color}"><b>{path.summary()}</b></span><br>{detail}'  # i18n: code


def _warning_box(ax, color: str):
    """A red banner at the bottom of ``ax`` that says when a run diverged."""
    return ax.text(
        0.5,
        0.06,
        "",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=16,
        color="white",
        fontweight="bold",
        zorder=8,
        bbox={"boxstyle": "round", "facecolor": color, "edgecolor": "none"},
        gid="warning",
    )


#: The longest run the steps slider may ask for: under a second per move (the numerical
#: gradient, on 2 busy cores).
_MOST_STEPS = 2000


def _controls(surface, schedule, lr, steps, start, max_steps) -> dict[str, widgets.Widget]:
    """The surface and schedule menus, the rate, steps and start sliders, the k scrubber
    (a surface, schedule or step limit that is not one the explorer offers: ValueError)."""
    max_steps = bounded_count(max_steps, "max_steps", 1, _MOST_STEPS)
    schedule = one_of(schedule, "schedule", SCHEDULES)
    surface = one_of(surface, "surface", SURFACES)
    start = SURFACES[surface].start if start is None else start
    steps_slider = int_slider(_("steps"), steps, 0, max_steps)
    return {
        "surface": surface_dropdown(surface),
        "schedule": widgets.Dropdown(
            options=[(schedule_name(key), key) for key in SCHEDULES],
            value=schedule,
            description=_("lr schedule"),
            style=control_style(),
        ),
        "lr": log_slider(_("learning rate"), lr, (-4, 1)),
        "steps": steps_slider,
        **point_sliders(SURFACES[surface], start, prefix=_("start ")),
        "k": int_slider(_("show step k"), 0, 0, steps_slider.value),
    }


def _figure():
    """The three panels, and the artists ``update`` moves (in drawing order), by role."""
    fig = new_figure(figsize=(15, 5.4), layout="constrained")
    spec = fig.add_gridspec(1, 3, width_ratios=[1.0, 1.15, 1.0])
    ax_c = fig.add_subplot(spec[0])
    ax_3d = fig.add_subplot(spec[1], projection="3d")
    ax_l = fig.add_subplot(spec[2])
    red, black = COLORS["vermillion"], COLORS["black"]
    a = {}
    a["path"], a["start"] = plot_path(np.empty((0, 2)), ax=ax_c, color=red, label=None)
    a["path"].set_gid("path")
    (a["here"],) = ax_c.plot([], [], "o", color=black, ms=10, zorder=6, gid="x_k")
    a["arrow"] = new_arrow(ax_c, black, width=2.5, head=22, gid="step arrow")
    a["warning"] = _warning_box(ax_c, red)
    (a["path3d"],) = ax_3d.plot([], [], [], "o-", color=red, ms=3, lw=2, zorder=10, axlim_clip=True)
    (a["here3d"],) = ax_3d.plot([], [], [], "o", color=black, ms=8, zorder=11, axlim_clip=True)
    (a["loss"],) = ax_l.plot([], [], color=red, lw=2.5, gid="loss")
    (a["loss_here"],) = ax_l.plot([], [], "o", color=black, ms=9)
    ax_l.set_xlabel(_("step k"))
    ax_l.set_ylabel("f(x_k)")
    ax_l.set_title(_("f at each step"))
    return fig, (ax_c, ax_3d, ax_l), a


def _draw_surface(s: Surface, ax_c, ax_3d, ax_l) -> None:
    """The expensive, static part: contours and the 3-D sheet; the loss axis's range."""
    plot_contour(s, ax=ax_c)
    plot_surface3d(s, ax=ax_3d, n=45, alpha=0.6).set_zorder(1)
    ax_c.set_title(f"{s.name}\nf = {s.formula}")
    ax_3d.set_zlabel("")
    ax_3d.set_title(_("the same path on the surface"))
    lo, hi = s.z_range
    ax_l.set_yscale(**s.loss_scale)
    ax_l.set_ylim(1e-20 if lo >= 0 else lo * 1e3, hi * 1e3)


def _draw_path(a: dict, ax_l, path: DescentPath, k: int, steps: int) -> None:
    """Move the path, x_k, the step arrow and the loss curve to ``path`` at step ``k``."""
    m = len(path.points) - 1
    pts, vals = path.points, path.values
    set_path((a["path"], a["start"]), path)
    a["here"].set_data(pts[k : k + 1, 0], pts[k : k + 1, 1])
    a["path3d"].set_data_3d(pts[:, 0], pts[:, 1], vals)
    a["here3d"].set_data_3d(pts[k : k + 1, 0], pts[k : k + 1, 1], vals[k : k + 1])
    a["loss"].set_data(np.arange(m + 1), vals)
    a["loss_here"].set_data([k], [vals[k]])
    ax_l.set_xlim(0, _step_range(max(steps, 1)))
    a["warning"].set_text(
        _("diverged at step {step}").format(step=path.diverged_at) if path.diverged else ""
    )
    a["warning"].set_visible(path.diverged)
    if k < m:
        place_arrow(a["arrow"], pts[k], pts[k + 1])
    else:
        a["arrow"].set_visible(False)


def _player(k_slider: widgets.IntSlider, steps: int) -> widgets.Play:
    """A play button that walks the k scrubber along the run (linked in the browser)."""
    play = widgets.Play(value=0, min=0, max=steps, interval=120, description=_("play"))
    widgets.jslink((play, "value"), (k_slider, "value"))
    return play


def _fit_scrubber(explorer: Explorer, scrubbers: tuple, steps: int, k: int, last: int) -> int:
    """The step shown: ``k``, but no further than the run's ``last`` point. The k slider and
    its play button (``scrubbers``) get ``steps`` as their end and that step, quietly."""
    if scrubbers[0].max != steps or k > last:
        k = min(k, last)
        for widget in scrubbers:
            explorer.set_quietly(widget, max=steps, value=k)
    return k


def _run(surface: str, schedule: str, lr: float, steps: int, x0: float, x1: float):
    """The explorer's run: ``gradient_descent`` with the numerical gradient, as in the text."""
    f, schedule = SURFACES[surface].f, SCHEDULES[schedule]
    return gradient_descent(f, np.array([x0, x1]), lr=lr, step_num=steps, schedule=schedule)


class DescentRuns:
    """The runs of one descent explorer, kept by their settings (the scrubber k only moves
    along a run); the learning-rate slider's neighbouring notches are run ahead of time
    (``NotchesAhead``), so a press of → or ← mostly finds its run ready."""

    def __init__(self, lr_slider: widgets.FloatLogSlider) -> None:
        self.notches = NotchesAhead(lr_slider)
        self.run = lru_cache(maxsize=128)(_run)

    def path(self, surface: str, schedule: str, lr: float, steps: int, x0: float, x1: float):
        """The run for these settings (``lr`` a notch, see ``NotchesAhead.notch``)."""
        path = self.run(surface, schedule, lr, steps, x0, x1)
        self.notches.plan(
            lr, lambda notch: [partial(self.run, surface, schedule, notch, steps, x0, x1)]
        )
        return path


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
    3-D view rotates with the mouse.
    """
    controls = _controls(surface, schedule, lr, steps, start, max_steps)
    play = _player(controls["k"], controls["steps"].value)

    fig, (ax_c, ax_3d, ax_l), a = _figure()
    runs = DescentRuns(controls["lr"])

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, s.start)
            # A rate that works on the new surface: the elongated bowl's x1 bounces for
            # ever at the bowl's 0.1, Rosenbrock diverges above 0.002.
            explorer.set_quietly(controls["lr"], value=s.descent_lr)
        _draw_surface(s, ax_c, ax_3d, ax_l)

    def update(surface, schedule, lr, steps, x0, x1, k) -> str:
        path = runs.path(surface, schedule, runs.notches.notch(lr), steps, x0, x1)
        k = _fit_scrubber(explorer, (controls["k"], play), steps, k, len(path.points) - 1)
        _draw_path(a, ax_l, path, k, steps)
        return descent_status(path, k)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("descent explorer"),
        animated=list(a.values()),
        static=draw_surface,
        static_controls=("surface",),
        extra=[play],
    )
    explorer.runs = runs  # what is kept and run ahead of time (tests look at it)
    explorer.refresh()
    move_point_on_click(explorer, ax_c)
    return explorer
