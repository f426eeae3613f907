"""Notebook 02: partial derivatives, as the slopes of two slices through a point."""

from __future__ import annotations

import numpy as np
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from gradviz.calculus import numerical_diff
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import (
    fit_point_sliders,
    number_text,
    point_sliders,
    surface_dropdown,
)
from gradviz.functions import SURFACES, Surface, slice_curves, slice_planes
from gradviz.i18n import _
from gradviz.plots import plot_surface3d
from gradviz.style import COLORS

__all__ = ["slice_explorer"]


def _figure():
    """The surface with its slicing planes, the two slices, and the moving artists by role."""
    fig = new_figure(figsize=(15, 5.2), layout="constrained")
    spec = fig.add_gridspec(1, 3, width_ratios=[1.2, 1, 1])
    ax3 = fig.add_subplot(spec[0], projection="3d")
    ax0 = fig.add_subplot(spec[1])
    ax1 = fig.add_subplot(spec[2])
    blue, orange, black = COLORS["blue"], COLORS["orange"], COLORS["black"]
    a = {}
    for color, name in ((blue, "x1"), (orange, "x0")):  # the plane where x1 (x0) is held
        a[f"plane {name}"] = Poly3DCollection(
            [np.zeros((4, 3))], facecolor=color, alpha=0.25, edgecolor=color, gid=f"plane {name}"
        )
        ax3.add_collection3d(a[f"plane {name}"])
    (a["curve3 x0"],) = ax3.plot([], [], [], color=blue, lw=3, zorder=10)
    (a["curve3 x1"],) = ax3.plot([], [], [], color=orange, lw=3, zorder=10)
    (a["dot3"],) = ax3.plot([], [], [], "o", color=black, ms=8, zorder=11)
    for ax, color, name in ((ax0, blue, "x0"), (ax1, orange, "x1")):
        (a[f"slice {name}"],) = ax.plot([], [], color=color, lw=3, gid=f"slice {name}")
        (a[f"tangent {name}"],) = ax.plot([], [], color=black, lw=2, ls="--", gid=f"tangent {name}")
        (a[f"dot {name}"],) = ax.plot([], [], "o", color=black, ms=9)
    a["title x0"] = ax0.set_title("")
    a["title x1"] = ax1.set_title("")
    return fig, (ax3, ax0, ax1), a


def _draw_surface(s: Surface, ax3, ax0, ax1) -> None:
    """The static part: the 3-D sheet, and the slices' axes fitted to the window."""
    plot_surface3d(s, ax=ax3, n=40, alpha=0.45)
    lo, hi = s.z_range
    pad = 0.08 * (hi - lo)
    for ax, lim, name in ((ax0, s.window[0], "x0"), (ax1, s.window[1], "x1")):
        ax.set_xlim(lim)
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_xlabel(name)
        ax.set_ylabel("f")
    ax3.set_zlabel("")
    ax3.set_title(s.title)


def _draw_slices(
    a: dict, s: Surface, x0: float, x1: float, fx: float, slopes: tuple[float, float]
) -> None:
    """Move the planes, the slices (in 3-D and flat) and the tangents to the point (x0, x1),
    where f = ``fx`` and the partial derivatives are ``slopes`` = (∂f/∂x0, ∂f/∂x1)."""
    c = slice_curves(s, (x0, x1))
    for plane, verts in zip((a["plane x1"], a["plane x0"]), slice_planes(s, (x0, x1)), strict=True):
        plane.set_verts([verts])
    a["curve3 x0"].set_data_3d(c["t0"], np.full_like(c["t0"], x1), c["f0"])
    a["curve3 x1"].set_data_3d(np.full_like(c["t1"], x0), c["t1"], c["f1"])
    a["dot3"].set_data_3d([x0], [x1], [fx])
    for name, t, fs, at, slope, (lo, hi) in (
        ("x0", c["t0"], c["f0"], x0, slopes[0], s.window[0]),
        ("x1", c["t1"], c["f1"], x1, slopes[1], s.window[1]),
    ):
        span = np.array([lo, hi])
        a[f"slice {name}"].set_data(t, fs)
        a[f"tangent {name}"].set_data(span, fx + slope * (span - at))
        a[f"dot {name}"].set_data([at], [fx])
    a["title x0"].set_text(
        _("slice x1 = {x1}: ∂f/∂x0 = {slope}").format(
            x1=number_text(x1, ".2f"), slope=number_text(slopes[0])
        )
    )
    a["title x1"].set_text(
        _("slice x0 = {x0}: ∂f/∂x1 = {slope}").format(
            x0=number_text(x0, ".2f"), slope=number_text(slopes[1])
        )
    )


def _status(x0: float, x1: float, fx: float, d0: float, d1: float) -> str:
    """The status line: the point, f there and the two partial derivatives."""
    return _(
        "<b>at (x0, x1) = ({x0}, {x1})</b>: f = {f} &nbsp;|&nbsp; "
        "∂f/∂x0 = {d0!r} (blue slice) &nbsp;|&nbsp; ∂f/∂x1 = {d1!r} (orange slice)"
    ).format(
        x0=number_text(x0, ".2f"),
        x1=number_text(x1, ".2f"),
        f=number_text(fx),
        d0=d0 + 0.0,
        d1=d1 + 0.0,
    )


def slice_explorer(surface: str = "bowl", point: tuple[float, float] = (3.0, 4.0)) -> Explorer:
    """Move a point on a surface and see the two slices through it and their slopes.

    Left: the surface with the two vertical slicing planes. Middle: the slice along
    x0 (x1 held fixed) with its tangent, whose slope is ∂f/∂x0. Right: the same along x1.
    """
    controls = {"surface": surface_dropdown(surface), **point_sliders(SURFACES[surface], point)}
    fig, (ax3, ax0, ax1), a = _figure()

    home = (controls["x0"].value, controls["x1"].value)  # where every surface starts

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, home)  # the point it started at, clipped
        _draw_surface(s, ax3, ax0, ax1)

    def update(surface: str, x0: float, x1: float) -> str:
        s = SURFACES[surface]
        fx = float(s.f(np.array([x0, x1])))
        # The partial derivatives, computed as the text does: one variable at a time.
        d0 = numerical_diff(lambda t: float(s.f(np.array([t, x1]))), x0)
        d1 = numerical_diff(lambda t: float(s.f(np.array([x0, t]))), x1)
        _draw_slices(a, s, x0, x1, fx, (d0, d1))
        return _status(x0, x1, fx, d0, d1)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("slice explorer"),
        animated=list(a.values()),
        static=draw_surface,
        static_controls=("surface",),
    )
    explorer.refresh()
    return explorer
