"""Plot helpers: each takes ``ax=None``, draws, and returns what it drew.

They never call ``plt.show()`` and never change global settings; pass an ``ax``
to compose several into one figure, or leave it out to get a fresh one.
Computation lives in ``calculus``/``descent``/``functions``; these only draw.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.contour import QuadContourSet
from matplotlib.lines import Line2D

from gradviz._validate import bounded_count
from gradviz.calculus import difference_errors, gradient_field, tangent_line
from gradviz.descent import DescentPath
from gradviz.functions import SYMLOG_LINEAR_WIDTH, Surface, grid
from gradviz.i18n import N_, _
from gradviz.style import COLORS, SEQUENTIAL_CMAP

#: Errors of exactly 0 are drawn at this height so they stay on a log axis.
ERROR_FLOOR = 1e-17

__all__ = [
    "DIVERGING_CMAP",
    "ERROR_FLOOR",
    "get_ax",
    "plot_contour",
    "plot_descent_overview",
    "plot_difference_errors",
    "plot_function",
    "plot_gradient_field",
    "plot_loss",
    "plot_matrix",
    "plot_path",
    "plot_surface3d",
    "plot_tangent",
    "set_matrix",
    "set_path",
]


def get_ax(ax: Axes | None = None, **subplot_kw) -> Axes:
    """``ax`` itself, or the axes of a new figure when ``ax`` is None."""
    if ax is None:
        _fig, ax = plt.subplots(subplot_kw=subplot_kw or None)
    return ax


def plot_function(
    f: Callable[[np.ndarray], np.ndarray],
    xlim: tuple[float, float] = (0.0, 20.0),
    ax: Axes | None = None,
    n: int = 400,
    label: str | None = "f(x)",
    **line_kw,
) -> Line2D:
    """Draw ``y = f(x)`` over ``xlim`` with ``n`` samples; returns the line."""
    ax = get_ax(ax)
    xs = np.linspace(*xlim, n)
    (line,) = ax.plot(xs, f(xs), label=label, **{"color": COLORS["blue"], **line_kw})
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    return line


def plot_tangent(
    f: Callable[[float], float],
    x: float,
    ax: Axes | None = None,
    half_width: float = 5.0,
    h: float = 1e-4,
    **line_kw,
) -> tuple[Line2D, Line2D]:
    """Draw the tangent of f at x (slope from ``numerical_diff``) and mark the point.

    Returns ``(tangent_line, point_marker)``.
    """
    ax = get_ax(ax)
    tangent = tangent_line(f, x, h)
    ts = np.array([x - half_width, x + half_width])
    (line,) = ax.plot(
        ts,
        tangent(ts),
        label=_("tangent at x={x:g}, slope {slope:.4g}").format(x=x, slope=tangent.slope),
        **{"color": COLORS["vermillion"], "linestyle": "--", **line_kw},
    )
    (point,) = ax.plot([x], [f(x)], "o", color=COLORS["vermillion"], zorder=3)
    return line, point


def plot_difference_errors(
    f: Callable[[float], float],
    x: float,
    exact: float,
    hs: np.ndarray | None = None,
    ax: Axes | None = None,
) -> tuple[Line2D, Line2D]:
    """Log-log plot of the error of forward and central differences against h.

    ``hs`` defaults to 10⁻¹⁶ … 10⁰. Errors of exactly 0 are drawn at ``ERROR_FLOOR``
    so they stay on the log axis. Returns ``(forward_line, central_line)``.
    """
    ax = get_ax(ax)
    hs = np.logspace(-16, 0, 161) if hs is None else np.asarray(hs, dtype=float)
    forward, central = difference_errors(f, x, exact, hs)
    (fw,) = ax.loglog(
        hs, np.maximum(forward, ERROR_FLOOR), color=COLORS["orange"], label=_("forward")
    )
    (ce,) = ax.loglog(
        hs, np.maximum(central, ERROR_FLOOR), color=COLORS["blue"], label=_("central")
    )
    ax.set_xlabel(_("step size h"))
    ax.set_ylabel(_("|estimate − true slope|"))
    ax.legend(loc="upper center")
    return fw, ce


def contour_levels(Z: np.ndarray, count: int = 14) -> np.ndarray:
    """``count`` contour levels that each enclose an equal share of the window.

    Levels at evenly spaced quantiles of ``Z`` work for gentle bowls and for
    valleys whose walls are thousands of times higher than their floor alike.
    """
    levels = np.quantile(Z, np.linspace(0.0, 1.0, count + 2)[1:-1])
    return np.unique(levels)


def plot_contour(
    surface: Surface,
    ax: Axes | None = None,
    n: int = 200,
    levels: int | np.ndarray = 14,
    filled: bool = True,
    window=None,
) -> QuadContourSet:
    """Contour lines (and shading) of a surface over ``window``; marks its minima.

    ``window`` is ``((xmin, xmax), (ymin, ymax))``, by default the surface's own.
    Returns the contour set of the lines.
    """
    ax = get_ax(ax)
    window = window or surface.window
    X, Y, Z = grid(surface, n, window)
    if np.isscalar(levels):
        levels = contour_levels(Z, int(levels))
    if filled:
        ax.contourf(
            X,
            Y,
            Z,
            levels=np.concatenate([[Z.min()], levels]),
            cmap=SEQUENTIAL_CMAP,
            alpha=0.35,
            extend="max",
        )
    lines = ax.contour(X, Y, Z, levels=levels, colors=COLORS["black"], linewidths=0.8, alpha=0.6)
    if len(surface.minima):
        ax.plot(
            *surface.minima.T,
            "*",
            color=COLORS["yellow"],
            markersize=18,
            markeredgecolor=COLORS["black"],
            zorder=5,
            label=_("minimum"),
        )
    ax.set_xlim(window[0])
    ax.set_ylim(window[1])
    ax.set_aspect("equal")
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    ax.grid(False)
    return lines


def plot_path(
    path: DescentPath | np.ndarray,
    ax: Axes | None = None,
    color: str = COLORS["vermillion"],
    label: str | None = N_("descent path"),
) -> tuple[Line2D, Line2D]:
    """Draw a 2-D descent path (a ``DescentPath`` or its points ``(k, 2)``, possibly
    none yet): dots joined by lines, a ring at the start.

    Returns ``(path_line, start_marker)``; ``set_path`` moves them to another path.
    """
    ax = get_ax(ax)
    pts = _points(path)
    label = _(label) if label else label  # the default label, in the current language
    (line,) = ax.plot(
        pts[:, 0], pts[:, 1], "o-", color=color, markersize=4, lw=1.8, label=label, zorder=4
    )
    (start,) = ax.plot(
        pts[:1, 0],
        pts[:1, 1],
        "o",
        color=color,
        markersize=12,
        markerfacecolor="none",
        markeredgewidth=2.5,
        zorder=4,
    )
    return line, start


def _points(path: DescentPath | np.ndarray) -> np.ndarray:
    return np.asarray(getattr(path, "points", path), dtype=float).reshape(-1, 2)


def set_path(artists: tuple[Line2D, Line2D], path: DescentPath | np.ndarray) -> None:
    """Move what ``plot_path`` drew to ``path`` (a ``DescentPath`` or points ``(k, 2)``)."""
    line, start = artists
    pts = _points(path)
    line.set_data(pts[:, 0], pts[:, 1])
    start.set_data(pts[:1, 0], pts[:1, 1])


#: The finest 3-D sheet drawn: n² polygons take about 5 s and 250 MB at n = 500.
MAX_SHEET_N = 500
_SLOW_SHEET = N_("the sheet would take many seconds and much memory to draw (60 looks smooth).")


def plot_surface3d(
    surface: Surface,
    ax: Axes | None = None,
    n: int = 60,
    alpha: float = 0.75,
):
    """The surface as a shaded 3-D sheet over its window; ``ax`` must be a 3-D axes.

    Returns the ``Poly3DCollection``. ``n`` (points a side) is at most ``MAX_SHEET_N``.
    """
    n = bounded_count(n, "n", 2, MAX_SHEET_N, _SLOW_SHEET)
    ax = get_ax(ax, projection="3d")
    X, Y, Z = grid(surface, n)
    sheet = ax.plot_surface(
        X,
        Y,
        Z,
        cmap=SEQUENTIAL_CMAP,
        alpha=alpha,
        linewidth=0,
        antialiased=True,
        rcount=n,
        ccount=n,
    )
    ax.set_xlabel("x0", labelpad=6)
    ax.set_ylabel("x1", labelpad=6)
    ax.set_zlabel("f", labelpad=6)
    ax.set_xlim(surface.window[0])
    ax.set_ylim(surface.window[1])
    ax.set_zlim(float(Z.min()), float(Z.max()))
    ax.view_init(elev=32, azim=-60)
    return sheet


def plot_gradient_field(
    surface: Surface,
    ax: Axes | None = None,
    spacing: float = 0.25,
    negative: bool = True,
    color: str = COLORS["blue"],
    window=None,
):
    """Arrows of −∇f (or ∇f) at grid points ``spacing`` apart across ``window``.

    As in the text's figure, with one fix: the axes reach one spacing beyond the
    outermost arrows, so every arrow lies fully inside (the longest arrow is 0.9
    spacings long, and all are to scale with each other). Returns the ``Quiver``.
    """
    ax = get_ax(ax)
    (left, right), (bottom, top) = window or surface.window
    xs = np.arange(left, right + spacing / 2, spacing)
    ys = np.arange(bottom, top + spacing / 2, spacing)
    X, Y = np.meshgrid(xs, ys)
    U, V = gradient_field(surface.f, X, Y)
    sign = -1.0 if negative else 1.0
    longest = float(np.max(np.hypot(U, V))) or 1.0
    quiver = ax.quiver(
        X,
        Y,
        sign * U,
        sign * V,
        color=color,
        angles="xy",
        scale_units="xy",
        scale=longest / (0.9 * spacing),
        width=0.004,
    )
    ax.set_xlim(left - spacing, right + spacing)
    ax.set_ylim(bottom - spacing, top + spacing)
    ax.set_aspect("equal")
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    return quiver


def plot_loss(
    path: DescentPath,
    ax: Axes | None = None,
    color: str = COLORS["vermillion"],
    label: str | None = None,
) -> Line2D:
    """``f(x_k)`` against the step ``k`` on a log axis. Returns the line."""
    ax = get_ax(ax)
    (line,) = ax.plot(np.arange(len(path.values)), path.values, color=color, label=label)
    if np.all(path.values > 0):
        ax.set_yscale("log")
    else:  # a saddle goes below zero: logarithmic far from 0, linear near it
        ax.set_yscale("symlog", linthresh=SYMLOG_LINEAR_WIDTH)
    ax.set_xlabel(_("step k"))
    ax.set_ylabel("f(x_k)")
    return line


#: A diverging colour map that stays readable for colour-blind viewers (blue < 0 < red).
DIVERGING_CMAP = "RdBu_r"


def plot_matrix(
    M: np.ndarray,
    ax: Axes | None = None,
    vmax: float | None = None,
    fmt: str = "{:+.3f}",
    title: str | None = None,
):
    """A small matrix as coloured cells with its numbers written in them.

    Colours are symmetric around 0 (``vmax`` defaults to the largest |entry|): red
    for positive, blue for negative. Returns ``(image, texts)``, texts in row-major order.
    """
    ax = get_ax(ax)
    M = np.asarray(M, dtype=float)
    vmax = vmax or float(np.max(np.abs(M))) or 1.0
    image = ax.imshow(M, cmap=DIVERGING_CMAP, vmin=-vmax, vmax=vmax)
    texts = [
        ax.text(
            j,
            i,
            fmt.format(M[i, j]),
            ha="center",
            va="center",
            fontsize=15,
            color="white" if abs(M[i, j]) > 0.6 * vmax else "black",
        )
        for i in range(M.shape[0])
        for j in range(M.shape[1])
    ]
    ax.set_xticks(range(M.shape[1]))
    ax.set_yticks(range(M.shape[0]))
    ax.set_xlabel(_("column j"))
    ax.set_ylabel(_("row i"))
    ax.grid(False)
    if title:
        ax.set_title(title)
    return image, texts


def set_matrix(image, texts, M: np.ndarray, fmt: str = "{:+.3f}") -> None:
    """Update what ``plot_matrix`` drew with new values (same shape, same colour scale)."""
    M = np.asarray(M, dtype=float)
    image.set_data(M)
    vmax = image.norm.vmax
    for text, value in zip(texts, M.ravel(), strict=True):
        text.set_text(fmt.format(value))
        text.set_color("white" if abs(value) > 0.6 * vmax else "black")


def plot_descent_overview(surface: Surface, path: DescentPath, fig=None) -> dict[str, Axes]:
    """One run seen three ways, as the descent explorer shows it: the map with the path,
    the same path on the 3-D surface, and f(x_k) against k.

    Draws on ``fig`` (a new 15×5.4-inch figure if None); returns the axes by role
    (``"map"``, ``"surface"``, ``"loss"``).
    """
    if fig is None:
        fig = plt.figure(figsize=(15, 5.4), layout="constrained")
    axes = {
        "map": fig.add_subplot(1, 3, 1),
        "surface": fig.add_subplot(1, 3, 2, projection="3d"),
        "loss": fig.add_subplot(1, 3, 3),
    }
    plot_contour(surface, ax=axes["map"])
    plot_path(path, ax=axes["map"])
    plot_surface3d(surface, ax=axes["surface"], n=45, alpha=0.6)
    axes["surface"].plot(*path.points.T, path.values, "o-", color=COLORS["vermillion"], ms=3)
    plot_loss(path, ax=axes["loss"])
    return axes
