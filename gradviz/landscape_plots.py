"""Drawing the loss landscape of notebook 09: digits, the line, the plane, the rate.

Like ``gradviz.plots``: each helper takes ``ax=None``, draws, and returns what it drew; the
numbers come from ``gradviz.landscape``. None of them calls ``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.lines import Line2D

from gradviz.descent import DescentPath
from gradviz.functions import Surface
from gradviz.i18n import _
from gradviz.landscape import PathPlane, RangeTest
from gradviz.plots import get_ax, plot_contour, plot_path
from gradviz.style import COLORS, SEQUENTIAL_CMAP

__all__ = [
    "plot_digits",
    "plot_epoch_accuracy",
    "plot_loss_line",
    "plot_loss_plane",
    "plot_loss_plane3d",
    "plot_range_test",
    "plot_synthesis",
]


def plot_digits(x: np.ndarray, t: np.ndarray, count: int = 20, fig=None) -> list[Axes]:
    """The first ``count`` images of ``x`` ``(samples, 64)``: 8×8 grey pixels, titled by label."""
    count = min(count, len(x))
    cols = min(count, 10)
    rows = -(-count // cols)
    fig = fig or plt.figure(figsize=(1.2 * cols, 1.45 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, image, label in zip(axes, x[:count], t[:count], strict=False):
        ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(str(label))
    for ax in axes:
        ax.set_axis_off()
    return list(axes[:count])


def plot_epoch_accuracy(
    train_accuracy: np.ndarray, test_accuracy: np.ndarray, ax: Axes | None = None
) -> tuple[Line2D, Line2D]:
    """Accuracy on the training and the test data after each epoch (0 = before training)."""
    ax = get_ax(ax)
    epochs = np.arange(len(train_accuracy))
    (train_line,) = ax.plot(
        epochs, train_accuracy, "o-", color=COLORS["blue"], ms=4, label=_("training data")
    )
    (test_line,) = ax.plot(
        epochs, test_accuracy, "s--", color=COLORS["vermillion"], ms=4, label=_("test data")
    )
    ax.set_xlabel(_("epoch"))
    ax.set_ylabel(_("accuracy"))
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower right")
    return train_line, test_line


def plot_loss_line(
    alphas: np.ndarray, losses: np.ndarray, ax: Axes | None = None, **line_kw
) -> Line2D:
    """The loss along the line from the initial (α = 0) to the trained weights (α = 1)."""
    ax = get_ax(ax)
    (line,) = ax.plot(alphas, losses, color=COLORS["vermillion"], lw=2.5, **line_kw)
    ends = np.isin(alphas, [0.0, 1.0])
    ax.plot(alphas[ends], losses[ends], "o", color=COLORS["black"], ms=9, zorder=5)
    for a, name in [(0.0, _("initial\nweights")), (1.0, _("trained\nweights"))]:
        ax.axvline(a, color=COLORS["black"], lw=0.8, ls=":")
        ax.annotate(
            name,
            (a, 1.0),
            xycoords=("data", "axes fraction"),  # i18n: code
            xytext=(4, -4),
            textcoords="offset points",  # i18n: code
            va="top",
        )
    ax.set_xlabel(_("α: position on the line  w = (1 − α)·w_initial + α·w_trained"))
    ax.set_ylabel(_("loss"))
    return line


def _log_levels(Z: np.ndarray, count: int) -> np.ndarray:
    lo, hi = np.nanmin(Z), np.nanpercentile(Z, 98)
    return np.geomspace(max(lo, 1e-6) * 1.05, hi, count)


def plot_loss_plane(
    alphas: np.ndarray,
    betas: np.ndarray,
    Z: np.ndarray,
    ax: Axes | None = None,
    levels: int = 16,
    labels: tuple[str, str] = ("α", "β"),
    equal: bool = True,
):
    """Contours of ``Z`` ``(len(betas), len(alphas))`` on a log scale; the centre (0, 0) starred."""
    ax = get_ax(ax)
    lv = _log_levels(Z, levels)
    clipped = np.clip(Z, lv[0] * 0.999, None)
    filled = ax.contourf(
        alphas,
        betas,
        clipped,
        levels=lv,
        cmap=SEQUENTIAL_CMAP,
        norm=LogNorm(),
        alpha=0.55,
        extend="both",
    )
    ax.contour(alphas, betas, clipped, levels=lv, colors=COLORS["black"], linewidths=0.7, alpha=0.6)
    ax.plot([0], [0], "*", color=COLORS["yellow"], ms=18, markeredgecolor=COLORS["black"], zorder=5)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    if equal:
        ax.set_aspect("equal")
    ax.grid(False)
    return filled


def plot_loss_plane3d(
    alphas: np.ndarray, betas: np.ndarray, Z: np.ndarray, ax: Axes | None = None, cap: float = 5.0
):
    """The same grid as a 3-D surface (the loss capped at ``cap`` so the bowl stays in view)."""
    ax = get_ax(ax, projection="3d")
    A, B = np.meshgrid(alphas, betas)
    surface = ax.plot_surface(
        A,
        B,
        np.minimum(Z, cap),
        cmap=SEQUENTIAL_CMAP,
        rstride=1,
        cstride=1,
        linewidth=0,
        antialiased=True,
        alpha=0.9,
    )
    ax.set_xlabel("α", labelpad=8)
    ax.set_ylabel("β", labelpad=8)
    ax.set_zlabel(_("loss"), labelpad=8)
    ax.view_init(elev=32, azim=-55)
    return surface


def plot_range_test(result: RangeTest, ax: Axes | None = None, marks: dict | None = None):
    """The range test's loss against the rate (log axis), its pick, and any other ``marks``.

    ``marks`` maps a label to a rate drawn as a dashed vertical line (e.g. 2/λ_max).
    """
    ax = get_ax(ax)
    ax.plot(result.lrs, result.losses, color=COLORS["sky"], lw=1.2, label=_("loss at each step"))
    ax.plot(result.lrs, result.smoothed, color=COLORS["blue"], lw=2.5, label=_("smoothed"))
    ax.axvline(
        result.suggestion,
        color=COLORS["green"],
        lw=2.5,
        label=_("suggested rate {lr:.2g}").format(lr=result.suggestion),
    )
    styles = iter([COLORS["vermillion"], COLORS["purple"], COLORS["orange"]])
    for label, rate in (marks or {}).items():
        ax.axvline(rate, color=next(styles), lw=2, ls="--", label=label)
    ax.set_xscale("log")
    ax.set_xlabel(_("learning rate η (grows at every step)"))
    ax.set_ylabel(_("loss"))
    top = np.nanmax(result.smoothed[: max(3, int(np.argmin(result.smoothed)) + 1)])
    ax.set_ylim(0, 1.6 * max(top, result.losses[0]))
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_synthesis(
    runs: list[tuple[Surface, DescentPath]], plane: PathPlane, fig=None
) -> list[Axes]:
    """The series in two rows: each ``(surface, path)`` of ``runs`` on its contour map, side by
    side, and under them a network's training path (``plane.coords``) on the loss over its
    plane, across the whole width (12 in by 8.2 in if ``fig`` is None: one row of three
    would crowd their titles on a 1024×768 slide). Returns the axes, the network's last."""
    fig = fig or plt.figure(figsize=(12, 8.2), layout="constrained")
    grid = fig.add_gridspec(2, len(runs), height_ratios=[1.2, 1])
    axes = [fig.add_subplot(grid[0, i]) for i in range(len(runs))]
    axes.append(fig.add_subplot(grid[1, :]))
    for ax, (surface, path) in zip(axes, runs, strict=False):
        plot_contour(surface, ax=ax, n=120)
        plot_path(path, ax=ax, color=COLORS["vermillion"], label=None)
        ax.set_title(surface.title)
    ax = axes[-1]
    plot_loss_plane(
        plane.alphas,
        plane.betas,
        plane.Z,
        ax=ax,
        equal=False,
        labels=(_("direction 1"), _("direction 2")),
    )
    start, end = plane.coords[0], plane.coords[-1]
    ax.plot(*plane.coords.T, "o-", color=COLORS["vermillion"], ms=4, lw=2.5, zorder=6)
    ax.plot(*start, "o", color=COLORS["vermillion"], ms=12, mfc="none", mew=2.5, zorder=6)
    # The star here is not a minimum, as above: it is where training stopped.
    for text, xy, offset, ha in (
        (_("start: random weights"), start, (16, -4), "left"),
        (_("trained weights (not the bottom)"), end, (0, 22), "center"),
    ):
        points = "offset points"  # i18n: code
        ax.annotate(text, xy, xytext=offset, textcoords=points, ha=ha, va="center")
    ax.set_title(_("digits network: its training path"))
    return axes
