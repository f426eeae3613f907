"""Notebook 07: the heavy ball: Momentum's learning rate and β on a valley, and where it
diverges.

The computation (``minimize``, ``heavy_ball_rate``) is in ``gradviz.optimizers``.
"""

from __future__ import annotations

import html
import numbers

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.layout import legend_below
from gradviz.explorers.parts import checked_value, control_style, int_slider, log_slider
from gradviz.functions import Surface, elongated_bowl
from gradviz.i18n import _, space_after
from gradviz.optimizers import SGD, Momentum, heavy_ball_rate, minimize
from gradviz.plots import plot_contour
from gradviz.style import COLORS, METHOD_STYLES, method_label

__all__ = ["DIVERGES_COLOR", "momentum_explorer"]

#: The momentum map's colour for settings that diverge: none of cividis's blues and yellows.
DIVERGES_COLOR = COLORS["purple"]

_MOMENTUM_KAPPA = 10.0


def _plot_rate_map(ax, eigen) -> None:
    """The map of (lr, β) coloured by Momentum's error factor per step, with the boundary
    (white) beyond which it diverges."""
    LR, B = np.meshgrid(np.logspace(-3, 0, 200), np.linspace(0.0, 0.99, 200))
    rate = heavy_ball_rate(LR, B, eigen)
    # Diverging settings (factor ≥ 1) get a colour of their own, not the darkest "slow" one.
    cmap = plt.get_cmap("cividis_r").with_extremes(over=DIVERGES_COLOR)
    image = ax.pcolormesh(
        LR,
        B,
        np.where(rate >= 1.0, 2.0, rate),
        cmap=cmap,
        vmin=0.4,
        vmax=0.999,
        shading="auto",
        gid="rate map",
    )
    ax.contour(LR, B, rate, levels=[1.0], colors="white", linewidths=2.5)
    ax.set_xscale("log")
    ax.set_xlabel(_("learning rate"))
    ax.set_ylabel(_("momentum β"))
    ax.set_title(_("error factor per step"))
    ax.grid(False)
    ax.text(
        0.42,
        0.3,
        _("diverges"),
        color="black",
        fontsize=15,
        fontweight="bold",
        ha="center",
        rotation=90,
    )
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.8, extend="max", extendfrac=0.12)
    # One part a line: the whole sentence is longer than the bar is tall.
    bar.set_label("\n".join(_("light = fast · dark = slow · pink = diverges").split(" · ")))


def _controls(lr: float, beta: float, steps: int) -> dict[str, widgets.Widget]:
    """The learning-rate, β and steps sliders (a β outside [0, 1): ValueError)."""
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not 0 <= beta < 1:
        raise ValueError(
            _(
                "beta must be a number from 0 up to (not including) 1, such as 0.9: each step "
                "keeps the fraction β of the velocity, and with β ≥ 1 it never fades. Got "
                "{value!r}."
            ).format(value=beta)
        )
    return {
        "lr": log_slider(_("learning rate"), lr, (-3, 0)),
        "beta": widgets.FloatSlider(
            value=checked_value(_("momentum β"), beta, 0.0, 0.99),
            min=0.0,
            max=0.99,
            step=0.01,
            description=_("momentum β"),
            style=control_style(),
            layout=widgets.Layout(width="340px"),
        ),
        "steps": int_slider(_("steps"), steps, 0, 200),
    }


def _figure(s: Surface, eigen: tuple[float, float], cover: bool):
    """The path on the valley, f(x_k) beside plain descent's, the map of (lr, β) under its
    cover; the map's axes and the moving artists by role."""
    fig = new_figure(figsize=(15, 5.0), layout="constrained")
    ax_c, ax_l, ax_m = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 0.9, 1]})
    plot_contour(s, ax=ax_c)
    ax_c.set_title(_("Momentum on {formula}").format(formula=s.formula))
    heavy_colour, plain_colour = METHOD_STYLES["Momentum"][0], METHOD_STYLES["SGD"][0]
    a = {}
    (a["path"],) = ax_c.plot([], [], "o-", color=heavy_colour, ms=4, lw=2, zorder=4)
    (a["loss"],) = ax_l.semilogy([], [], color=heavy_colour, lw=2.5, label=method_label("Momentum"))
    (a["plain loss"],) = ax_l.semilogy(
        [], [], color=plain_colour, lw=1.8, ls=":", label=_("same lr, β = 0")
    )
    ax_l.set_xlim(0, 200)
    ax_l.set_ylim(1e-16, 1e6)
    ax_l.set_xlabel(_("step k"))
    ax_l.set_ylabel("f(x_k)")
    # Under the panels: a diverging run climbs into the loss plot's top corners.
    legend_below(fig, [a["loss"], a["plain loss"]], frameon=False)
    ax_l.set_title(_("f at each step"))
    _plot_rate_map(ax_m, eigen)
    (you,) = ax_m.plot([], [], "o", color=heavy_colour, ms=14, mec="white", mew=2.5, zorder=6)
    # The map above the largest β visited so far stays covered: its slant would answer the
    # notebook's prediction (does β allow a larger rate?) before the student moves β.
    a["sheet"] = ax_m.add_patch(
        Rectangle((0.0, 0.0), 1.0, 1.0, transform=ax_m.transAxes, color="0.93", zorder=5)
    )
    a["cover text"] = ax_m.text(
        0.5,
        0.6,
        _("raise β to uncover the map"),
        transform=ax_m.transAxes,
        ha="center",
        va="center",
        fontsize=15,
        color=COLORS["black"],
        zorder=6,
    )
    a["sheet"].set_visible(cover)
    a["cover text"].set_visible(cover)
    a["you"] = you
    return fig, ax_m, a


def _draw_cover(a: dict, ax_m, highest: float, cover: bool) -> None:
    """Uncover the map up to the largest β visited, ``highest`` (and one row more)."""
    low, top = ax_m.get_ylim()
    shown = min(1.0, (highest + 0.02 - low) / (top - low))  # the visited rows, one more
    a["sheet"].set_bounds(0.0, shown, 1.0, 1.0 - shown)
    a["cover text"].set_position((0.5, (1.0 + shown) / 2))
    a["cover text"].set_visible(cover and shown < 0.85)


def _status(lr: float, beta: float, eigen: tuple[float, float], path) -> str:
    """The status line: does Momentum converge at (lr, β), how fast, and the largest stable
    rate for this β; then the run's summary."""
    factor = float(heavy_ball_rate(lr, beta, eigen))
    boundary = 2 * (1 + beta) / eigen[1]
    if factor >= 1:
        verdict = _(
            "<b>lr = {lr:.3g}, β = {beta:.2f}</b>: diverges (error × {factor:.3f} per "
            "step). With this β, Momentum is stable for lr &lt; 2(1 + β)/λ_max = "
            "{boundary:.3g}."
        )
    else:
        verdict = _(
            "<b>lr = {lr:.3g}, β = {beta:.2f}</b>: converges: the error shrinks × "
            "{factor:.3f} per step. With this β, Momentum is stable for lr &lt; "
            "2(1 + β)/λ_max = {boundary:.3g}."
        )
    verdict = verdict.format(lr=lr, beta=beta, factor=factor, boundary=boundary)
    return verdict + space_after(verdict) + html.escape(path.summary())


def momentum_explorer(
    lr: float = 0.05, beta: float = 0.6, steps: int = 100, cover: bool = False
) -> Explorer:
    """Momentum on the valley x0² + 10·x1²: learning rate and β, and where it diverges.

    Left: the path. Middle: f(x_k). Right: the map of (lr, β) colored by how much the
    error shrinks per step; beyond the white line, Momentum diverges. The dot is you.
    ``cover=True`` hides the map above the largest β the slider has reached, so that its
    slant does not answer "does β allow a larger rate?" before the student drags β.
    """
    s = elongated_bowl(_MOMENTUM_KAPPA)
    eigen = (2.0, 2.0 * _MOMENTUM_KAPPA)
    fig, ax_m, a = _figure(s, eigen, cover)
    highest = [beta if cover else 1.0]
    controls = _controls(lr, beta, steps)

    def update(lr: float, beta: float, steps: int) -> str:
        path = minimize(s.f, s.start, Momentum(lr, beta), steps, grad=s.grad)
        plain = minimize(s.f, s.start, SGD(lr), steps, grad=s.grad)
        a["path"].set_data(path.points[:, 0], path.points[:, 1])
        a["loss"].set_data(np.arange(len(path.values)), path.values)
        a["plain loss"].set_data(np.arange(len(plain.values)), plain.values)
        a["you"].set_data([lr], [beta])
        highest[0] = max(highest[0], beta)
        _draw_cover(a, ax_m, highest[0], cover)
        return _status(lr, beta, eigen, path)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("momentum explorer"),
        animated=list(a.values()),
    )
    explorer.refresh()
    return explorer
