"""Notebook 08: the race of the optimizers, every method from the same start.

The computation (``race``, ``RACE_METHODS``, ``steps_to_reach``) is in
``gradviz.optimizers``.
"""

from __future__ import annotations

from functools import lru_cache, partial

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from gradviz._validate import bounded_count
from gradviz.descent import DescentPath
from gradviz.explorers.ahead import NotchesAhead
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.layout import legend_below
from gradviz.explorers.parts import (
    fit_point_sliders,
    int_slider,
    log_slider,
    point_sliders,
    surface_dropdown,
)
from gradviz.functions import SURFACES, SYMLOG_LINEAR_WIDTH, Surface
from gradviz.i18n import N_, _
from gradviz.optimizers import (
    RACE_METHODS,
    Newton,
    race,
    race_lr,
    steps_to_reach,
)
from gradviz.plots import plot_contour
from gradviz.style import COLORS, METHOD_STYLES, ink, method_label, method_marker, method_style

__all__ = ["race_explorer", "race_table"]

#: Method names are shown through ``_``: the book's names (SGD, Momentum, AdaGrad, ...) stay
#: as they are in every language; Newton's method is named in the reader's (牛顿法).
SHOWN_NAMES = (N_("Newton"),)


def race_table(
    paths: dict[str, DescentPath], surface: Surface, scale: float, k: int | None = None
) -> str:
    """An HTML table: each method's rate, steps to the minimum, f at step ``k``.

    Only what has happened by step ``k`` (default: the end) is told: a method that arrives
    or diverges later shows "—", so a race shown at step 0 does not give away the winner.
    """
    rows = []
    for name, path in paths.items():
        last = len(path.points) - 1
        j = last if k is None else min(k, last)
        color, dash = METHOD_STYLES.get(name, (COLORS["black"], "-"))
        role = next(role for role, value in COLORS.items() if value == color)
        swatch = "╍╍" if dash == "--" else "━━"  # dashed variant, as on the plot
        reached = steps_to_reach(path, surface)
        lr = race_lr(RACE_METHODS[name], scale)
        if path.diverged and path.diverged_at <= j:
            result = _("diverged at step {step}").format(step=path.diverged_at)
        elif reached is not None and reached <= j:
            result = f"<b>{reached}</b>"
        else:
            result = "—"
        label = method_label(name)
        rows.append(
            f'<tr><td class="{ink(role)}" style="font-weight:bold">'  # i18n: code
            f"{swatch} {label}</td><td>{lr:.3g}</td><td>{result}</td>"
            f"<td>{path.values[j]:.4g}</td></tr>"
        )
    headings = (
        _("method"),
        _("learning rate"),
        _("steps to within 1e-4 of the lowest minimum"),
        _("f at step k"),
    )
    head = "<tr>" + "".join(f"<th>{heading}</th>" for heading in headings) + "</tr>"
    table = '<table style="font-size:15px;border-spacing:14px 2px">'  # i18n: code
    return table + head + "".join(rows) + "</table>"


#: On the log axis of f − f*, values below this (Newton's exact 0 after one step on a
#: bowl) are drawn on this line, so a method that has arrived stays visible.
_LOSS_FLOOR = 1e-12  # the note under the axis title says "10⁻¹²"


def _race_loss_axis(ax, s: Surface, note) -> None:
    """f above the lowest minimum on a log axis; f itself (symmetric log) without minima."""
    lo, hi = s.z_range
    if s.lowest is not None:
        ax.set_yscale("log")
        ax.set_ylim(_LOSS_FLOOR / 4, (hi - lo) * 1e3)
        ax.set_ylabel("f(x_k) − f*")
        ax.set_title(_("f − f* (height above the lowest minimum)"))
        note.set_text(
            _("values below {floor}\nare drawn on the\nbottom line (arrived)").format(
                floor="10⁻¹²"  # _LOSS_FLOOR as the axis writes it (no mathtext: CJK text)
            )
        )
    else:
        ax.set_yscale("symlog", linthresh=SYMLOG_LINEAR_WIDTH)
        ax.set_ylim(-1e6, hi * 1e3)
        ax.set_ylabel("f(x_k)")
        ax.set_title(_("f(x_k) (no lowest minimum)"))
        note.set_text("")


def _race_figure(steps: int):
    """The map and the loss panel with one path, marker, loss curve and loss marker per
    method (by method name)."""
    # The map gets most of the width: the book's valley is twice as wide as it is high.
    fig = new_figure(figsize=(15, 6.6), layout="constrained")
    ax_c, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.7, 1]})
    lines, markers, losses, loss_markers = {}, {}, {}, {}
    for n in RACE_METHODS:
        style, mark = method_style(n), method_marker(n)
        (lines[n],) = ax_c.plot([], [], zorder=4, gid=f"{n} path", **style)
        (markers[n],) = ax_c.plot(
            [], [], mark, color=style["color"], ms=11, mec="white", mew=1.5, zorder=6
        )
        (losses[n],) = ax_l.plot([], [], gid=f"{n} loss", **style)
        (loss_markers[n],) = ax_l.plot([], [], mark, color=style["color"], ms=8)
    ax_l.set_xlim(-0.03 * steps, steps)  # the markers at step 0 clear of the axis line
    ax_l.set_xlabel(_("step k"))
    note = ax_l.text(
        0.98,
        0.97,
        "",
        transform=ax_l.transAxes,
        ha="right",
        va="top",
        fontsize=12,  # the smallest classroom text: it fits a narrow panel
        color=COLORS["black"],
        gid="floor note",
    )
    # One legend for both panels, under them: nothing of the paths is covered.
    legend_below(fig, list(lines.values()), max_columns=len(lines), frameon=False)
    return fig, (ax_c, ax_l, note), lines, markers, losses, loss_markers


#: The longest race the explorer runs: about two seconds for all seven methods.
_MOST_STEPS = 2000
#: How many notches of the learning-rate-scale slider on each side of the current one are
#: run ahead of time, while the class looks at the picture (the way it last moved first).
AHEAD_NOTCHES = 3


class RaceRuns:
    """The runs of one race explorer, by method, learning-rate scale and start.

    Each run is kept: the scrubber k only moves markers, and Newton (rate 1 at every
    scale) runs once per start. After each change the notches of the scale ``slider``
    next to the current one are run ahead of time (``NotchesAhead``), so a press of → or
    ← mostly finds its six runs ready and only the drawing is left.
    """

    def __init__(self, steps: int, slider: widgets.FloatLogSlider) -> None:
        self.steps, self.notches = steps, NotchesAhead(slider, AHEAD_NOTCHES)
        self.method_run = lru_cache(maxsize=512)(self._method_run)

    def _method_run(self, name: str, surface: str, scale: float, x0: float, x1: float):
        methods = {name: RACE_METHODS[name]}
        return race(SURFACES[surface], (x0, x1), scale, self.steps, methods=methods)[name]

    def paths(self, surface: str, scale: float, x0: float, x1: float) -> dict[str, DescentPath]:
        """Every method's run at ``scale`` (a notch, see ``NotchesAhead.notch``); the runs of
        the next notches are planned ahead, one method per task."""
        runs = {
            name: self.method_run(name, surface, 1.0 if isinstance(m, Newton) else scale, x0, x1)
            for name, m in RACE_METHODS.items()
        }
        self.notches.plan(
            scale,
            lambda notch: [
                partial(self.method_run, name, surface, notch, x0, x1)
                for name, m in RACE_METHODS.items()
                if not isinstance(m, Newton)
            ],
        )
        return runs


def _show_race(artists: tuple[dict, ...], paths: dict[str, DescentPath], s: Surface, k: int):
    """Move each method's path, marker, loss curve and loss marker (``artists``, by method
    name) to step ``k`` of its run."""
    lines, markers, losses, loss_markers = artists
    floor = s.lowest or 0.0
    for name, path in paths.items():
        pts = path.points
        j = min(k, len(pts) - 1)
        lines[name].set_data(pts[: j + 1, 0], pts[: j + 1, 1])
        markers[name].set_data(pts[j : j + 1, 0], pts[j : j + 1, 1])
        above = path.values - floor
        if s.lowest is not None:  # keep an arrived method on the log axis
            above = np.maximum(above, _LOSS_FLOOR)
        losses[name].set_data(np.arange(j + 1), above[: j + 1])
        loss_markers[name].set_data([j], above[j : j + 1])


def race_explorer(
    surface: str = "book's valley",
    scale: float | None = None,
    steps: int = 200,
    k: int | None = None,
) -> Explorer:
    """All the methods from the same start on the same surface; a scrubber moves them together.

    Left: the paths up to step ``k`` (default: the end), each in its own color. Right:
    f(x_k) for each, up to step k. Below: a table of how many steps each needed to reach
    the lowest minimum (within 1e-4), for the methods that have arrived by step k. Start at
    ``k=0`` to ask for a prediction: nothing has run yet.
    """
    steps = bounded_count(steps, "steps", 1, _MOST_STEPS)
    k = steps if k is None else k
    picker = surface_dropdown(surface)
    s0 = SURFACES[surface]
    controls = {
        "surface": picker,
        "scale": log_slider(_("learning-rate scale"), scale or s0.race_scale, (-3, 0.5)),
        **point_sliders(s0, s0.start, prefix=_("start ")),
        "k": int_slider(_("show step k"), k, 0, steps),
    }
    play = widgets.Play(value=k, min=0, max=steps, interval=60, description=_("play"))
    widgets.jslink((play, "value"), (controls["k"], "value"))
    fig, (ax_c, ax_l, note), *artists = _race_figure(steps)
    runs = RaceRuns(steps, controls["scale"])

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, s.start)
            explorer.set_quietly(controls["scale"], value=s.race_scale)
        plot_contour(s, ax=ax_c)
        # Whole-number ticks: the map's box shrinks to keep its aspect after the layout
        # measured it, and "−2.5" labels would then stick out past the margin left for "−2".
        ax_c.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax_c.set_title(s.title)
        _race_loss_axis(ax_l, s, note)

    def update(surface: str, scale: float, x0: float, x1: float, k: int) -> str:
        scale = runs.notches.notch(scale)
        paths = runs.paths(surface, scale, x0, x1)
        _show_race(artists, paths, SURFACES[surface], k)
        return race_table(paths, SURFACES[surface], scale, k)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("optimizer race"),
        animated=[artist for group in artists for artist in group.values()],
        static=draw_surface,
        static_controls=("surface",),
        extra=[play],
    )
    explorer.runs = runs  # what is kept and run ahead of time (tests look at it)
    explorer.refresh()
    return explorer
