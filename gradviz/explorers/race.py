"""Notebook 07: the race of the optimizers, every method from the same start.

The computation (``race``, ``RACE_METHODS``, ``steps_to_reach``) is in
``gradviz.optimizers``.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from gradviz.descent import DescentPath
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import (
    fit_point_sliders,
    int_slider,
    log_slider,
    point_sliders,
    surface_dropdown,
)
from gradviz.explorers.picture import legend_below
from gradviz.functions import SURFACES, SYMLOG_LINEAR_WIDTH, Surface
from gradviz.i18n import _
from gradviz.optimizers import (
    RACE_METHODS,
    race,
    race_lr,
    steps_to_reach,
)
from gradviz.plots import plot_contour
from gradviz.style import COLORS, METHOD_STYLES, ink

__all__ = ["race_explorer", "race_table"]


def race_table(paths: dict[str, DescentPath], surface: Surface, scale: float) -> str:
    """An HTML table: each method's rate, steps to the minimum, final f."""
    rows = []
    for name, path in paths.items():
        color, dash = METHOD_STYLES.get(name, (COLORS["black"], "-"))
        role = next(role for role, value in COLORS.items() if value == color)
        swatch = "╍╍" if dash == "--" else "━━"  # dashed variant, as on the plot
        reached = steps_to_reach(path, surface)
        lr = race_lr(RACE_METHODS[name], scale)
        result = (
            _("diverged at step {step}").format(step=path.diverged_at)
            if path.diverged
            else ("—" if reached is None else f"<b>{reached}</b>")
        )
        rows.append(
            f'<tr><td class="{ink(role)}"><b>{swatch} {name}</b></td>'  # i18n: code
            f"<td>{lr:.3g}</td><td>{result}</td><td>{path.values[-1]:.4g}</td></tr>"
        )
    headings = (
        _("method"),
        _("learning rate"),
        _("steps to within 1e-4 of the lowest minimum"),
        _("final f"),
    )
    head = "<tr>" + "".join(f"<th>{heading}</th>" for heading in headings) + "</tr>"
    table = '<table style="font-size:15px;border-spacing:14px 2px">'  # i18n: code
    return table + head + "".join(rows) + "</table>"


#: On the log axis of f − f*, values below this (Newton's exact 0 after one step on a
#: bowl) are drawn on this line, so a method that has arrived stays visible.
_LOSS_FLOOR = 1e-12


def _race_loss_axis(ax, s: Surface, note) -> None:
    """f above the lowest minimum on a log axis; f itself (symmetric log) without minima."""
    lo, hi = s.z_range
    if s.lowest is not None:
        ax.set_yscale("log")
        ax.set_ylim(_LOSS_FLOOR / 4, (hi - lo) * 1e3)
        ax.set_ylabel("f(x_k) − f*")
        ax.set_title(_("f − f* (height above the lowest minimum)"))
        note.set_text(
            _("values below {floor:.0e} are drawn\non the bottom line (arrived)").format(
                floor=_LOSS_FLOOR
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
    fig = new_figure(figsize=(14.5, 6.0), layout="constrained")
    ax_c, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    lines, markers, losses, loss_markers = {}, {}, {}, {}
    for n in RACE_METHODS:
        c, dash = METHOD_STYLES[n]
        lw = 3.0 if n == "Newton" else 2.2
        mark = "s" if dash == "--" else "o"  # a variant's ball is square, as in notebook 07
        (lines[n],) = ax_c.plot([], [], dash, color=c, lw=lw, label=n, zorder=4, gid=f"{n} path")
        (markers[n],) = ax_c.plot([], [], mark, color=c, ms=10, mec="white", mew=1.5, zorder=6)
        (losses[n],) = ax_l.plot([], [], dash, color=c, lw=lw, label=n, gid=f"{n} loss")
        (loss_markers[n],) = ax_l.plot([], [], mark, color=c, ms=8)
    ax_l.set_xlim(0, steps)
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


def race_explorer(
    surface: str = "book's valley", scale: float | None = None, steps: int = 200
) -> Explorer:
    """All the methods from the same start on the same surface; a scrubber moves them together.

    Left: the paths, each in its own color. Right: f(x_k) for each. Below: a table of how
    many steps each needed to reach the lowest minimum (within 1e-4).
    """
    picker = surface_dropdown(surface)
    s0 = SURFACES[surface]
    controls = {
        "surface": picker,
        "scale": log_slider(_("learning-rate scale"), scale or s0.race_scale, (-3, 0.5)),
        **point_sliders(s0, s0.start, prefix=_("start ")),
        "k": int_slider(_("show step k"), steps, 0, steps),
    }
    play = widgets.Play(value=steps, min=0, max=steps, interval=60, description=_("play"))
    widgets.jslink((play, "value"), (controls["k"], "value"))
    fig, (ax_c, ax_l, note), lines, markers, losses, loss_markers = _race_figure(steps)

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, s.start)
            explorer.set_quietly(controls["scale"], value=s.race_scale)
        plot_contour(s, ax=ax_c)
        ax_c.set_title(s.title)
        _race_loss_axis(ax_l, s, note)

    @lru_cache(maxsize=8)  # the scrubber k only moves markers: reuse the run
    def run(surface: str, scale: float, x0: float, x1: float) -> dict[str, DescentPath]:
        return race(SURFACES[surface], (x0, x1), scale, steps)

    def update(surface: str, scale: float, x0: float, x1: float, k: int) -> str:
        s, paths = SURFACES[surface], run(surface, scale, x0, x1)
        floor = s.lowest or 0.0
        for name, path in paths.items():
            pts = path.points
            j = min(k, len(pts) - 1)
            lines[name].set_data(pts[: j + 1, 0], pts[: j + 1, 1])
            markers[name].set_data(pts[j : j + 1, 0], pts[j : j + 1, 1])
            above = path.values - floor
            if s.lowest is not None:  # keep an arrived method on the log axis
                above = np.maximum(above, _LOSS_FLOOR)
            losses[name].set_data(np.arange(len(above)), above)
            loss_markers[name].set_data([j], above[j : j + 1])
        return race_table(paths, s, scale)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("optimizer race"),
        animated=[*lines.values(), *markers.values(), *losses.values(), *loss_markers.values()],
        static=draw_surface,
        static_controls=("surface",),
        extra=[play],
    )
    explorer.refresh()
    return explorer
