"""Notebook 02: partial derivatives, as the slopes of two slices through a point."""

from __future__ import annotations

import numpy as np
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from gradviz.calculus import numerical_diff
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import fit_point_sliders, point_sliders, surface_dropdown
from gradviz.functions import SURFACES, slice_curves, slice_planes
from gradviz.plots import plot_surface3d
from gradviz.style import COLORS

__all__ = ["slice_explorer"]


def slice_explorer(surface: str = "bowl", point: tuple[float, float] = (3.0, 4.0)) -> Explorer:
    """Move a point on a surface and see the two slices through it and their slopes.

    Left: the surface with the two vertical slicing planes. Middle: the slice along
    x0 (x1 held fixed) with its tangent, whose slope is ∂f/∂x0. Right: the same along x1.
    """
    controls = {"surface": surface_dropdown(surface), **point_sliders(SURFACES[surface], point)}
    fig = new_figure(figsize=(15, 5.2), layout="constrained")
    spec = fig.add_gridspec(1, 3, width_ratios=[1.2, 1, 1])
    ax3 = fig.add_subplot(spec[0], projection="3d")
    ax0 = fig.add_subplot(spec[1])
    ax1 = fig.add_subplot(spec[2])
    blue, orange, black = COLORS["blue"], COLORS["orange"], COLORS["black"]
    planes = [
        Poly3DCollection([np.zeros((4, 3))], facecolor=c, alpha=0.25, edgecolor=c, gid=gid)
        for c, gid in ((blue, "plane x1"), (orange, "plane x0"))
    ]
    for plane in planes:
        ax3.add_collection3d(plane)
    (curve3_0,) = ax3.plot([], [], [], color=blue, lw=3, zorder=10)
    (curve3_1,) = ax3.plot([], [], [], color=orange, lw=3, zorder=10)
    (dot3,) = ax3.plot([], [], [], "o", color=black, ms=8, zorder=11)
    (slice0,) = ax0.plot([], [], color=blue, lw=3, gid="slice x0")
    (tan0,) = ax0.plot([], [], color=black, lw=2, ls="--", gid="tangent x0")
    (dot0,) = ax0.plot([], [], "o", color=black, ms=9)
    (slice1,) = ax1.plot([], [], color=orange, lw=3, gid="slice x1")
    (tan1,) = ax1.plot([], [], color=black, lw=2, ls="--", gid="tangent x1")
    (dot1,) = ax1.plot([], [], "o", color=black, ms=9)
    title0 = ax0.set_title("")
    title1 = ax1.set_title("")

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s)
        plot_surface3d(s, ax=ax3, n=40, alpha=0.45)
        lo, hi = s.z_range
        pad = 0.08 * (hi - lo)
        for ax, lim, name in ((ax0, s.window[0], "x0"), (ax1, s.window[1], "x1")):
            ax.set_xlim(lim)
            ax.set_ylim(lo - pad, hi + pad)
            ax.set_xlabel(name)
            ax.set_ylabel("f")
        ax3.set_zlabel("")
        ax3.set_title(f"{s.name}: f = {s.formula}", fontsize=14)

    def update(surface: str, x0: float, x1: float) -> str:
        s = SURFACES[surface]
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
        static=draw_surface,
        static_controls=("surface",),
    )
    explorer.refresh()
    return explorer
