"""Plot helpers: each takes ``ax=None``, draws, and returns what it drew.

They never call ``plt.show()`` and never change global settings; pass an ``ax``
to compose several into one figure, or leave it out to get a fresh one.
Computation lives in ``calculus``/``descent``/``functions``; these only draw.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.contour import QuadContourSet
from matplotlib.lines import Line2D
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from gradviz._validate import bounded_count
from gradviz.calculus import (
    difference_errors,
    directional_derivative,
    gradient_field,
    numerical_diff,
    numerical_gradient,
    tangent_line,
)
from gradviz.descent import DescentPath
from gradviz.functions import SYMLOG_LINEAR_WIDTH, Surface, grid, slice_curves, slice_planes
from gradviz.i18n import N_, _
from gradviz.style import COLORS, DIFFERENCE_STYLES, SEQUENTIAL_CMAP

#: Errors of exactly 0 are drawn at this height so they stay on a log axis.
ERROR_FLOOR = 1e-17

__all__ = [
    "DIVERGING_CMAP",
    "ERROR_FLOOR",
    "get_ax",
    "plot_contour",
    "plot_descent_overview",
    "plot_difference_errors",
    "plot_directions",
    "plot_function",
    "plot_gradient_field",
    "plot_loss",
    "plot_matrix",
    "plot_path",
    "plot_slices",
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

    The line has the series' tangent look (``DIFFERENCE_STYLES``) unless ``line_kw`` says
    otherwise. Returns ``(tangent_line, point_marker)``.
    """
    ax = get_ax(ax)
    colour, style = DIFFERENCE_STYLES["tangent"]
    tangent = tangent_line(f, x, h)
    ts = np.array([x - half_width, x + half_width])
    (line,) = ax.plot(
        ts,
        tangent(ts),
        label=_("tangent at x={x:g}, slope {slope:.4g}").format(x=x, slope=tangent.slope),
        **{"color": colour, "linestyle": style, **line_kw},
    )
    (point,) = ax.plot([x], [f(x)], "o", color=line.get_color(), zorder=3)
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
        hs,
        np.maximum(forward, ERROR_FLOOR),
        color=DIFFERENCE_STYLES["forward"][0],
        label=_("forward"),
    )
    (ce,) = ax.loglog(
        hs,
        np.maximum(central, ERROR_FLOOR),
        color=DIFFERENCE_STYLES["central"][0],
        label=_("central"),
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


# --- Figures of notebooks 02 and 03: partial derivatives and directions -----------------------


def plot_slices(surface: Surface, point, fig=None) -> dict[str, Axes]:
    """Notebook 02's picture of partial derivatives: two slices of ``surface`` through ``point``.

    Left: the surface cut by the vertical planes x1 = point[1] (blue) and x0 = point[0]
    (orange), with the two curves they cut out. Middle and right: each curve as a function of
    one variable, with its tangent at the point; the tangent's slope is ``numerical_diff`` of
    that slice (the partial derivative, computed as the book does). Draws on ``fig`` (a new
    12×5.2-inch figure if None: 12 in at 100 dpi fits a 1024×768 slide with 16 px ticks);
    returns the axes by role (``"surface"``, ``"x0"``, ``"x1"``).
    """
    if fig is None:
        fig = plt.figure(figsize=(12, 5.2), layout="constrained")
    p0, p1 = float(point[0]), float(point[1])
    curves = slice_curves(surface, (p0, p1))
    here = float(surface.f(np.array([p0, p1])))
    blue, orange = COLORS["blue"], COLORS["orange"]
    ax3 = fig.add_subplot(1, 3, 1, projection="3d")
    plot_surface3d(surface, ax=ax3, alpha=0.4)
    for plane, colour in zip(slice_planes(surface, (p0, p1)), [blue, orange], strict=True):
        ax3.add_collection3d(Poly3DCollection([plane], facecolor=colour, alpha=0.25))
    ax3.plot(curves["t0"], np.full_like(curves["t0"], p1), curves["f0"], color=blue, lw=3)
    ax3.plot(np.full_like(curves["t1"], p0), curves["t1"], curves["f1"], color=orange, lw=3)
    ax3.plot([p0], [p1], [here], "o", color=COLORS["black"], ms=8)
    ax3.set_title(_("two slices through ({x0:g}, {x1:g})").format(x0=p0, x1=p1))
    axes = {"surface": ax3}
    slices = [
        ("x0", curves["t0"], curves["f0"], p0, lambda t: surface.f(np.array([t, p1])), blue),
        ("x1", curves["t1"], curves["f1"], p1, lambda t: surface.f(np.array([p0, t])), orange),
    ]
    lo, hi = surface.z_range
    for column, (name, ts, values, where, one_variable, colour) in enumerate(slices, start=2):
        ax = axes[name] = fig.add_subplot(1, 3, column)
        slope = numerical_diff(one_variable, where)
        ax.plot(ts, values, color=colour, lw=3)
        ax.plot(
            ts,
            here + slope * (ts - where),
            "--",
            color=COLORS["black"],
            lw=2,
            label=_("slope {slope:g}").format(slope=slope),
        )
        ax.plot(where, here, "o", color=COLORS["black"], ms=9)
        ax.set_ylim(lo - 0.05 * (hi - lo), hi * 1.1)
        ax.set_xlabel(name)
        ax.set_ylabel("f")
        ax.legend(loc="upper left")
        ax.set_title(
            _("∂f/∂{name} at ({x0:g}, {x1:g}) = {slope:g}").format(
                name=name, x0=p0, x1=p1, slope=slope
            )
        )
    return axes


def _turned(v: np.ndarray, degrees: float) -> np.ndarray:
    """``v`` turned anticlockwise by ``degrees``."""
    a = np.radians(degrees)
    return np.array([np.cos(a) * v[0] - np.sin(a) * v[1], np.sin(a) * v[0] + np.cos(a) * v[1]])


def _arrow(ax: Axes, start: np.ndarray, vector: np.ndarray, colour: str, label: str) -> None:
    """An arrow from ``start`` along ``vector``, with a legend entry."""
    ax.annotate(
        "",
        start + vector,
        start,
        arrowprops={"arrowstyle": "-|>", "lw": 3.5, "color": colour, "mutation_scale": 25},
    )
    ax.plot([], [], color=colour, lw=3.5, label=label)


def plot_directions(
    surface: Surface, point, theta: float = 60.0, window=None, fig=None
) -> dict[str, Axes]:
    """Notebook 03's picture of D_u f = |∇f| cos θ at ``point``.

    Left (``"map"``): the contours of ``surface`` in ``window`` (default: the surface's),
    the unit vectors ±∇f/|∇f|, one unit vector u at ``theta`` degrees from ∇f, and the
    contour direction (θ = ±90°). Right (``"slopes"``): the slope along u for every θ: dots
    from ``directional_derivative`` every 15°, the curve |∇f| cos θ, its top, bottoms and
    zeros marked, and the u of the map. Draws on ``fig`` (a new 11.8×6.8-inch figure if None);
    returns the axes by role. Needs ∇f ≠ 0 at ``point`` (raises ValueError otherwise).
    """
    p = np.asarray(point, dtype=float)
    g = numerical_gradient(surface.f, p)
    norm = float(np.linalg.norm(g))
    if norm == 0:
        raise ValueError(_("∇f = 0 at {point}: no direction is steepest.").format(point=p))
    up = g / norm
    (left, right), (bottom, top) = window or surface.window
    if fig is None:
        fig = plt.figure(figsize=(11.8, 6.8), layout="constrained")
    ax_map, ax_th = fig.subplots(1, 2, width_ratios=[1, 1.25])
    c = COLORS
    plot_contour(surface, ax=ax_map, window=((left, right), (bottom, top)), filled=False)
    _arrow(ax_map, p, up, c["orange"], _("+∇f/|∇f|: steepest up"))
    _arrow(ax_map, p, -up, c["vermillion"], _("−∇f/|∇f|: steepest down"))
    _arrow(ax_map, p, _turned(up, theta), c["blue"], _("u, θ = {theta:g}°").format(theta=theta))
    side = _turned(up, 90)
    ax_map.plot(
        *np.c_[p - 1.2 * side, p + 1.2 * side],
        "--",
        color=c["black"],
        lw=2.5,
        label=_("contour direction, θ = ±90°"),
    )
    ax_map.plot(*p, "o", color=c["black"], ms=9)
    ax_map.set(aspect="equal", xlim=(left, right), ylim=(bottom, top), xlabel="x0", ylabel="x1")
    ax_map.set_title(
        _("directions at ({x0:g}, {x1:g}) on {formula}").format(
            x0=p[0], x1=p[1], formula=surface.formula
        )
    )
    thetas = np.arange(-180, 181, 15)
    slopes = [directional_derivative(surface.f, p, _turned(up, t)) for t in thetas]
    fine = np.linspace(-180, 180, 361)
    ax_th.axhline(0, color=c["black"], lw=1)
    ax_th.plot(fine, norm * np.cos(np.radians(fine)), color=c["black"], lw=2.5, label="|∇f| cos θ")
    ax_th.plot(thetas, slopes, "o", color=c["blue"], ms=8, label="gv.directional_derivative")
    marks = [
        ([0], [norm], "o", c["orange"], 16, _("max +|∇f|: along ∇f")),
        ([-180, 180], [-norm, -norm], "o", c["vermillion"], 16, _("min −|∇f|: along −∇f")),
        ([-90, 90], [0, 0], "s", c["black"], 12, _("0: along the contour")),
    ]
    for xs, ys, marker, colour, size, label in marks:
        ax_th.plot(xs, ys, marker, color=colour, ms=size, zorder=5, label=label)
    slope_u = norm * np.cos(np.radians(theta))
    ax_th.axvline(theta, color=c["blue"], lw=2.5, ls="--")
    ax_th.annotate(
        _("u: D_u f = {slope:.1f}").format(slope=slope_u),
        (theta, slope_u),
        (theta + 8, norm * 0.75),
        color=c["blue"],
        fontsize=14,
    )
    ax_th.set_xticks(range(-180, 181, 90))  # labelled every 45° they run together at 12 in
    ax_th.set_xticks(range(-135, 180, 90), minor=True)
    ax_th.set_xlabel(_("θ, angle between u and ∇f (degrees)"))
    ax_th.set_ylabel(_("slope along u, D_u f"))
    ax_th.set_ylim(-1.35 * norm, 1.35 * norm)
    ax_th.set_title(_("the slope along u, all the way round"))
    for ax in (ax_map, ax_th):
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=13, frameon=False
        )
    return {"map": ax_map, "slopes": ax_th}


# =============================================================================================
# Figures of notebooks 04-08 (teachA's block: the figures that were walls of matplotlib in the
# notebooks' main line). Each takes ``ax``/``axes`` or makes its own figure, returns artists.
# =============================================================================================

__all__ += [
    "plot_backprop_graph",
    "plot_learning_rates",
    "plot_noisy_runs",
    "plot_race",
]

#: The colours of several runs compared in one figure, in order.
RUN_COLOURS = (COLORS["vermillion"], COLORS["blue"], COLORS["green"])


def plot_learning_rates(
    paths: dict[str, DescentPath], surface: Surface, axes: Sequence[Axes] | None = None
) -> dict[str, Line2D]:
    """Runs at several learning rates: on the map (left) and as the distance from the
    minimum, |x_k − x*|, on a log axis (right). ``paths`` maps a label to a run.

    A run that leaves the window is drawn up to its first point outside (and says so in the
    legend); one that barely moves is a large dot; a run that stops moving far from the
    minimum (the numerical gradient rounded to 0) gets an arrow saying so. Returns the
    distance curves by label.
    """
    if axes is None:
        _fig, axes = plt.subplots(1, 2, figsize=(12, 5.4), width_ratios=[1, 1.15])
    ax_map, ax_dist = axes
    plot_contour(surface, ax=ax_map)
    (lo_x, hi_x), (lo_y, hi_y) = surface.window
    minimum = np.asarray(surface.minima[0], dtype=float)
    span = max(hi_x - lo_x, hi_y - lo_y)
    curves = {}
    for (label, path), colour in zip(paths.items(), RUN_COLOURS, strict=False):
        pts = path.points
        outside = (pts[:, 0] < lo_x) | (pts[:, 0] > hi_x) | (pts[:, 1] < lo_y) | (pts[:, 1] > hi_y)
        moved = np.max(np.linalg.norm(pts - pts[0], axis=1))
        if outside.any():
            first_out = int(np.argmax(outside))
            ax_map.plot(
                *pts[: first_out + 1].T,
                "-o",
                color=colour,
                lw=3,
                label=_("{label} (leaves the map)").format(label=label),
            )
        elif moved < 1e-3 * span:
            ax_map.plot(
                *pts[:1].T,
                "o",
                color=colour,
                ms=16,
                zorder=6,
                label=_("{label} (stays put)").format(label=label),
            )
        else:
            plot_path(path, ax=ax_map, color=colour, label=label)
        distance = np.linalg.norm(pts - minimum, axis=1)
        (curves[label],) = ax_dist.semilogy(distance, color=colour, lw=3, label=label)
        frozen = np.nonzero(np.all(pts[1:] == pts[:-1], axis=1))[0]
        if frozen.size and distance[frozen[0]] > span:
            k = int(frozen[0])
            ax_dist.annotate(
                _("frozen: the numerical\ngradient rounds to 0"),
                xy=(k + 30, distance[k]),
                xytext=(k + 25, distance[k] ** 0.45),
                fontsize=13,
                arrowprops={"arrowstyle": "->", "lw": 1.5},
            )
    ax_map.set_xlim(lo_x, hi_x)
    ax_map.set_ylim(lo_y, hi_y)
    ax_map.legend(loc="lower left", fontsize=13)
    ax_map.set_title(_("the paths"))
    ax_dist.set_xlabel(_("step k"))
    ax_dist.set_ylabel(_("distance from the minimum, |x_k − x*|"))
    ax_dist.set_title(_("distance from the minimum (log scale)"))
    ax_dist.legend(loc="lower left", fontsize=13)  # below a diverged or stuck run
    return curves


def plot_noisy_runs(
    runs: dict[str, DescentPath],
    mean_f: dict[str, np.ndarray],
    surface: Surface,
    axes: Sequence[Axes] | None = None,
    last: int = 100,
    averaged: int = 50,
) -> dict[str, Line2D]:
    """Noisy descent: one run per setting on the map (its ``last`` points as dots, where it
    ends up jittering) and the mean f over many runs against k (log axis, last panel).

    ``axes``: one map per run, then the panel of means (default: a new 2×2 figure);
    ``averaged``: how many runs each mean is over (for the axis label).
    Returns the mean curves by label.
    """
    if axes is None:
        _fig, grid_axes = plt.subplots(2, 2, figsize=(12, 9))
        axes = list(grid_axes.flat)
    *maps, ax_f = axes
    for ax, (label, run), colour in zip(maps, runs.items(), RUN_COLOURS, strict=False):
        plot_contour(surface, ax=ax)
        ax.plot(*run.points.T, "-", color=colour, lw=1.2, alpha=0.8)
        ax.plot(*run.points[-last:].T, "o", color=colour, ms=6, mec="white", mew=0.6)
        ax.set_title(_("{label}: one run").format(label=label))
    curves = {}
    for (label, f), colour in zip(mean_f.items(), RUN_COLOURS, strict=False):
        (curves[label],) = ax_f.semilogy(f, color=colour, lw=3, label=label)
    ax_f.set_xlabel(_("step k"))
    ax_f.set_ylabel(_("f(x_k), mean of {count} runs").format(count=averaged))
    ax_f.set_title(_("f(x_k) with noisy gradients"))
    ax_f.legend(loc="upper right", fontsize=13)
    return curves


def plot_backprop_graph(ax: Axes | None = None, fontsize: float = 14) -> dict[str, object]:
    """The computational graph of ``TwoLayerNet``: forward in black, backward in vermillion.

    Boxes for x, a = xW1 + b1, h = ReLU(a), z = hW2 + b2 and L, with the parameters W1, b1
    and W2, b2 feeding a and z from above. Every arrow starts and ends on a box's edge (it
    is anchored to the boxes' text and shortened by the box padding, so this holds at any
    figure size and in any language). The blue ∂L/∂W labels sit beside the edges W → a and
    W → z they belong to. Returns the boxes (text artists) and arrows by name.
    """
    if ax is None:
        _fig, ax = plt.subplots(figsize=(12, 4.2))
    pad = 0.5  # box padding, in units of the font size; arrows are shortened by it
    shrink = pad * fontsize - 2  # points: the padding, less the arrow head's mitre
    row, top = 1.0, 2.15
    nodes = {
        "x": (0.45, row, "x"),
        "a": (2.75, row, "a = x W1 + b1"),
        "h": (5.2, row, "h = ReLU(a)"),
        "z": (7.65, row, "z = h W2 + b2"),
        "L": (10.3, row, _("L = cross-entropy\n(softmax(z), t)")),
        "W1": (2.75, top, "W1, b1"),
        "W2": (7.65, top, "W2, b2"),
    }
    box_style = {"boxstyle": f"round,pad={pad}", "facecolor": "white", "edgecolor": "black"}
    boxes = {
        name: ax.text(px, py, label, ha="center", va="center", fontsize=fontsize, bbox=box_style)
        for name, (px, py, label) in nodes.items()
    }
    vermillion, blue = COLORS["vermillion"], COLORS["blue"]

    def arrow(start: str, end: str, a: tuple, b: tuple, colour: str, across: bool):
        # across: a and b are (fraction of the box's text, data y), else (data x, fraction).
        def coords(name):
            return (boxes[name], "data") if across else ("data", boxes[name])

        return ax.annotate(
            "",
            xy=b,
            xycoords=coords(end),
            xytext=a,
            textcoords=coords(start),
            arrowprops={
                "arrowstyle": "-|>",
                "color": colour,
                "lw": 2,
                "shrinkA": shrink,
                "shrinkB": shrink,
                "mutation_scale": 18,
            },
        )

    arrows = {}
    chain = ["x", "a", "h", "z", "L"]
    up, down = row + 0.045, row - 0.045  # forward above the middle, backward below it
    for left, right in itertools.pairwise(chain):
        arrows[f"{left}→{right}"] = arrow(left, right, (1, up), (0, up), "black", True)
        arrows[f"∂{right}→{left}"] = arrow(right, left, (0, down), (1, down), vermillion, True)
    for w, node in [("W1", "a"), ("W2", "z")]:
        x = nodes[node][0]
        arrows[f"{w}→{node}"] = arrow(w, node, (x - 0.12, 0), (x - 0.12, 1), "black", False)
        arrows[f"∂{node}→{w}"] = arrow(node, w, (x + 0.12, 1), (x + 0.12, 0), vermillion, False)
    backward = {
        ("L", "z"): "∂L/∂z = y − t",
        ("z", "h"): "∂L/∂h = ∂L/∂z · W2ᵀ",
        ("h", "a"): _("∂L/∂a = ∂L/∂h where a > 0,\nelse 0"),
    }
    labels = {}
    for (right, left), text in backward.items():
        x_mid = (nodes[left][0] + nodes[right][0]) / 2
        labels[text] = ax.text(
            x_mid, row - 0.42, text, ha="center", va="top", fontsize=fontsize - 2, color=vermillion
        )
    for node, text in [("a", "∂L/∂W1 = xᵀ · ∂L/∂a"), ("z", "∂L/∂W2 = hᵀ · ∂L/∂z")]:
        labels[text] = ax.text(
            nodes[node][0] + 0.3,
            (row + top) / 2,
            text,
            ha="left",
            va="center",
            fontsize=fontsize - 1,
            color=blue,
        )
    ax.set_xlim(-0.2, 11.7)
    ax.set_ylim(0.1, 2.6)
    ax.axis("off")
    ax.set_title(
        _("forward (black): compute L   ·   backward (vermillion): pass ∂L/∂(each result) back")
    )
    return {"boxes": boxes, "arrows": arrows, "labels": labels}


def plot_race(
    surface: Surface, paths: dict[str, DescentPath], ax: Axes | None = None
) -> dict[str, Line2D]:
    """Every method's path of a race (``optimizers.race``) on the surface's map, each in its
    own look (``style.method_style``) with its ball at the end. Returns the paths by method."""
    from gradviz.style import method_marker, method_style

    ax = get_ax(ax)
    plot_contour(surface, ax=ax)
    lines = {}
    for name, path in paths.items():
        style = method_style(name)
        (lines[name],) = ax.plot(*path.points.T, **style)
        ax.plot(*path.x, method_marker(name), color=style["color"], ms=11, mec="white", zorder=6)
    ax.set_xlim(surface.window[0])
    ax.set_ylim(surface.window[1])
    ax.set_title(surface.title)
    return lines
