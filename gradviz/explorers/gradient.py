"""Notebook 03: the gradient at a point, its arrow on the map and the way down."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from gradviz.calculus import numerical_gradient
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import (
    fit_point_sliders,
    move_point_on_click,
    new_arrow,
    number_text,
    place_arrow,
    point_sliders,
    surface_dropdown,
    vector_text,
)
from gradviz.functions import SURFACES, Surface
from gradviz.i18n import _
from gradviz.plots import plot_contour, plot_gradient_field, plot_surface3d
from gradviz.style import COLORS

__all__ = ["gradient_explorer"]

#: A gradient shorter than this is taken as zero: a flat point, with no way down.
FLAT = 1e-9


@lru_cache(maxsize=16)
def arrow_scale(surface: str) -> float:
    """Length per unit of gradient that makes the steepest arrow in the window a quarter
    of its width (the red arrow is drawn to this scale)."""
    s = SURFACES[surface]
    X, Y, _Z = s.grid(60)
    longest = float(np.max(np.hypot(*s.grad(np.stack([X, Y])))))
    return 0.25 * (s.window[0][1] - s.window[0][0]) / longest


def _room(p: np.ndarray, d: np.ndarray, window, most: float) -> float:
    """How far (at most ``most``) one can go from ``p`` along ``±d`` and stay in the window."""
    limits = [most]
    for c, (lo, hi) in enumerate(window):
        if abs(d[c]) > 1e-12:
            limits.append(min(hi - p[c], p[c] - lo) / abs(d[c]))
    return max(min(limits), 0.0)


def _draw_surface(s: Surface, ax_c, ax3) -> None:
    """The static part: contours with the field of −∇f, and the 3-D sheet."""
    step = 0.5 if s.window[0][1] > 3 else 0.25
    (a, b), (c, d) = s.window
    inner = ((a + step, b - step), (c + step, d - step))  # arrows end inside the map
    plot_contour(s, ax=ax_c, filled=False)
    plot_gradient_field(s, ax=ax_c, spacing=step, color=COLORS["blue"], window=inner)
    plot_surface3d(s, ax=ax3, n=45, alpha=0.55)
    ax_c.set_title(s.title)
    ax3.set_zlabel("")
    ax3.set_title(_("the steepest way down"))


def _figure():
    """The map and the 3-D surface, and the artists ``update`` moves (in drawing order):
    the point, the −∇f arrow, the dashed level direction, the way down and the point in 3-D."""
    fig = new_figure(figsize=(12.0, 5.8), layout="constrained")
    ax_c = fig.add_subplot(1, 2, 1)
    ax3 = fig.add_subplot(1, 2, 2, projection="3d")
    red, black = COLORS["vermillion"], COLORS["black"]
    (dot,) = ax_c.plot([], [], "o", color=black, ms=10, zorder=7)
    arrow = new_arrow(ax_c, red, width=3.5, head=26, gid="gradient arrow")
    (level_dir,) = ax_c.plot([], [], color=black, lw=2.5, ls="--", zorder=6)
    (down3,) = ax3.plot([], [], [], color=red, lw=4, zorder=10, axlim_clip=True)
    (dot3,) = ax3.plot([], [], [], "o", color=black, ms=8, zorder=11)
    return fig, (ax_c, ax3), (dot, arrow, level_dir, down3, dot3)


def _draw_gradient(
    artists: tuple, s: Surface, p: np.ndarray, g: np.ndarray, norm: float, scale: float
) -> None:
    """The −∇f arrow at ``p`` (``scale`` long per unit of gradient), the dashed direction at
    right angles to ∇f and the way down in 3-D; at a flat point none of them."""
    arrow, level_dir, down3 = artists
    if norm < FLAT:
        arrow.set_visible(False)
        level_dir.set_data([], [])
        down3.set_data_3d([], [], [])
        return
    place_arrow(arrow, p, p - g * scale)
    u = g / norm
    width = s.window[0][1] - s.window[0][0]
    along = np.array([-u[1], u[0]]) * _room(p, np.array([-u[1], u[0]]), s.window, 0.12 * width)
    level_dir.set_data([p[0] - along[0], p[0] + along[0]], [p[1] - along[1], p[1] + along[1]])
    way = p[:, None] - u[:, None] * np.linspace(0.0, 0.25 * width, 30)
    down3.set_data_3d(way[0], way[1], s.f(way))


def _status(p: np.ndarray, g: np.ndarray, norm: float, fx: float) -> str:
    """The status line: ∇f at ``p``, |∇f|, the way down and f; at a flat point, what ∇f = 0
    means."""
    at = {"x0": number_text(p[0], ".2f"), "x1": number_text(p[1], ".2f")}
    if norm < FLAT:
        return _(
            "<b>∇f({x0}, {x1}) = (0, 0)</b>: the slope is 0 in every direction "
            "(to first order f does not change here): a minimum, a maximum or a saddle."
        ).format(**at)
    return _(
        "<b>∇f({x0}, {x1}) = {gradient}</b> &nbsp; |∇f| = {norm} "
        "&nbsp;|&nbsp; steepest descent direction −∇f/|∇f| = {direction} "
        "&nbsp;|&nbsp; f = {f}; dashed: the direction at right angles to ∇f"
    ).format(
        **at,
        gradient=vector_text(g),
        norm=number_text(norm),
        direction=vector_text(-g / norm),
        f=number_text(fx),
    )


def gradient_explorer(surface: str = "bowl", point: tuple[float, float] = (3.0, 4.0)) -> Explorer:
    """Move a point and see its gradient: the arrow −∇f on the map and the way down on the surface.

    Left: contour map with the field of −∇f (faint), the −∇f arrow at the point (its
    length in proportion to |∇f|, on one scale per surface: the steepest arrow in the window
    is a quarter of its width, about four times the field's scale) and the direction at
    right angles to ∇f (dashed).
    Right: the surface, with the steepest way down from the point drawn on it.
    """
    controls = {"surface": surface_dropdown(surface), **point_sliders(SURFACES[surface], point)}
    fig, (ax_c, ax3), (dot, arrow, level_dir, down3, dot3) = _figure()

    home = (controls["x0"].value, controls["x1"].value)  # where every surface starts

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, home)  # the point it started at, clipped
        _draw_surface(s, ax_c, ax3)

    def update(surface: str, x0: float, x1: float) -> str:
        s = SURFACES[surface]
        p = np.array([x0, x1])
        g = numerical_gradient(s.f, p)
        norm = float(np.hypot(*g))
        fx = float(s.f(p))
        dot.set_data([x0], [x1])
        dot3.set_data_3d([x0], [x1], [fx])
        _draw_gradient((arrow, level_dir, down3), s, p, g, norm, arrow_scale(surface))
        return _status(p, g, norm, fx)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("gradient explorer"),
        animated=[dot, arrow, level_dir, down3, dot3],
        static=draw_surface,
        static_controls=("surface",),
    )
    explorer.refresh()
    move_point_on_click(explorer, ax_c)
    return explorer
