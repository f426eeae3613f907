"""Notebook 07: ill-conditioned valleys and the heavy ball; the race is in ``race.py``.

The computation (the race, the best settings on a valley) is in ``gradviz.optimizers``.
"""

from __future__ import annotations

import html
import numbers

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from gradviz.descent import gradient_descent
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.layout import legend_below
from gradviz.explorers.parts import (
    checked_value,
    control_style,
    int_slider,
    log_slider,
)
from gradviz.explorers.race import race_explorer, race_table
from gradviz.functions import elongated_bowl
from gradviz.i18n import _, space_after
from gradviz.optimizers import (
    SGD,
    VALLEY_START,
    Momentum,
    heavy_ball_rate,
    minimize,
    valley_best_momentum,
    valley_best_plain,
    valley_steps_momentum,
    valley_steps_plain,
)
from gradviz.plots import plot_contour
from gradviz.style import COLORS, METHOD_STYLES, method_label

#: The momentum map's colour for settings that diverge: none of cividis's blues and yellows.
DIVERGES_COLOR = COLORS["purple"]

__all__ = ["condition_explorer", "momentum_explorer", "race_explorer", "race_table"]


# --- the ill-conditioned valley --------------------------------------------------------

_KAPPAS = np.logspace(0, 3, 31)


#: The condition explorer's contour levels, as fractions of the window's corner level.
_RING_LEVELS = np.arange(1, 15) / 14
_RING_ANGLES = np.linspace(0.0, 2.0 * np.pi, 200)


def _condition_figure(trace: bool):
    """The valley with two runs, steps needed against κ, and the moving artists."""
    fig = new_figure(figsize=(14, 5.6), layout="constrained")
    ax_c, ax_s = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.05]})
    plain_colour, heavy_colour = METHOD_STYLES["SGD"][0], METHOD_STYLES["Momentum"][0]
    # The two curves are traced over the κ the student has visited (see ``update``): drawn
    # whole, they would answer the notebook's prediction before the slider moves.
    (curve_plain,) = ax_s.plot(
        [], [], "-", color=plain_colour, label=_("plain descent, best lr"), gid="plain steps"
    )
    (curve_heavy,) = ax_s.plot(
        [], [], "--", color=heavy_colour, label=_("Momentum, best lr and β"), gid="Momentum steps"
    )
    (here_plain,) = ax_s.plot([], [], "o", color=plain_colour, ms=11)
    (here_heavy,) = ax_s.plot([], [], "o", color=heavy_colour, ms=11)
    ax_s.set_xscale("log")
    ax_s.set_yscale("log")
    ax_s.set_xlim(_KAPPAS[0] / 1.3, _KAPPAS[-1] * 1.3)
    ax_s.set_ylim(0.7, valley_steps_plain(_KAPPAS[-1]) * 1.5)
    ax_s.set_xlabel(_("condition number κ (how stretched the valley is)"))
    ax_s.set_ylabel(_("steps to reach f < 1e-6"))
    ax_s.set_title(
        _("steps needed at the best settings (drag κ to trace the curves)")
        if trace
        else _("steps needed at the best settings")
    )
    # The contours x0² + κ·x1² = a² are ellipses with semi-axes a and a/√κ: drawn as
    # lines and reshaped on every change of κ, they keep the κ slider live. Levels are
    # spaced evenly in a up to the window's corner, so rings fill the whole map.
    rings = [
        ax_c.plot([], [], color=COLORS["black"], lw=0.8, alpha=0.6)[0] for _level in _RING_LEVELS
    ]
    ax_c.plot([0], [0], "*", color=COLORS["yellow"], ms=18, mec=COLORS["black"], zorder=5)
    ax_c.set_xlim(-4.5, 4.5)
    ax_c.set_ylim(-4.5, 4.5)
    ax_c.set_aspect("equal")
    ax_c.set_xlabel("x0")
    ax_c.set_ylabel("x1")
    ax_c.grid(False)
    title = ax_c.set_title("")
    (plain_line,) = ax_c.plot(
        [], [], "o-", color=plain_colour, ms=4, lw=1.8, label=_("plain descent")
    )
    (heavy_line,) = ax_c.plot(
        [], [], "--", color=heavy_colour, lw=2.2, label=method_label("Momentum")
    )
    # One legend for both panels (same colours), under them: no run is covered.
    legend_below(fig, [curve_plain, curve_heavy], frameon=False)
    return (
        fig,
        (rings, title, plain_line, heavy_line, here_plain, here_heavy),
        (
            curve_plain,
            curve_heavy,
        ),
    )


def condition_explorer(kappa: float = 10.0, steps: int = 60, trace: bool = False) -> Explorer:
    """Stretch the valley x0² + κ·x1² and watch the best plain descent slow down.

    Left: the valley with plain descent at its best constant rate 1/(1 + κ) (and, dashed,
    Momentum at its best settings). Right: steps needed to reach f < 1e-6 against κ.
    ``trace=True`` draws the two curves only over the κ the slider has visited, so that the
    picture does not answer "how does the count grow with κ?" before the student drags.
    """
    fig, (rings, title, plain_line, heavy_line, here_plain, here_heavy), curves = _condition_figure(
        trace
    )
    # The range of κ the curves are drawn over: the slider's visits, or everything.
    visited = [kappa, kappa] if trace else [_KAPPAS[0], _KAPPAS[-1]]

    def trace(kappa: float) -> None:
        visited[:] = [min(visited[0], kappa), max(visited[1], kappa)]
        inside = _KAPPAS[(_KAPPAS >= visited[0]) & (_KAPPAS <= visited[1])]
        ks = np.unique(np.concatenate([inside, visited]))
        curves[0].set_data(ks, [valley_steps_plain(k) for k in ks])
        curves[1].set_data(ks, [valley_steps_momentum(float(k)) for k in ks])

    controls = {
        "kappa": log_slider(_("condition number κ"), kappa, (0, 3), readout_format=".3g"),
        "steps": int_slider(_("steps shown"), steps, 0, 300),
    }

    def update(kappa: float, steps: int) -> str:
        s = elongated_bowl(kappa)
        corner = 4.5 * np.sqrt(1.0 + kappa)  # a at the window's corner (4.5, 4.5)
        for ring, level in zip(rings, _RING_LEVELS, strict=True):
            a = level * corner
            ring.set_data(a * np.cos(_RING_ANGLES), a / np.sqrt(kappa) * np.sin(_RING_ANGLES))
        title.set_text(f"x0² + {kappa:.3g}·x1²")
        lr, factor = valley_best_plain(kappa)
        plain = gradient_descent(s.f, VALLEY_START, lr=lr, step_num=steps, grad=s.grad)
        heavy = minimize(
            s.f, VALLEY_START, Momentum(*valley_best_momentum(kappa)), steps, grad=s.grad
        )
        plain_line.set_data(plain.points[:, 0], plain.points[:, 1])
        heavy_line.set_data(heavy.points[:, 0], heavy.points[:, 1])
        needed_plain, needed_heavy = valley_steps_plain(kappa), valley_steps_momentum(kappa)
        here_plain.set_data([kappa], [needed_plain])
        here_heavy.set_data([kappa], [needed_heavy])
        trace(kappa)
        return _(
            "<b>κ = {kappa:.3g}</b>: best constant learning rate 1/(1 + κ) = {lr:.4g}, which "
            "shrinks the error by a factor {factor:.4f} per step &nbsp;→&nbsp; "
            "<b>{plain_steps} steps</b> to reach f &lt; 1e-6 (Momentum: {momentum_steps})"
        ).format(
            kappa=kappa,
            lr=lr,
            factor=factor,
            plain_steps=needed_plain,
            momentum_steps=needed_heavy,
        )

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("condition-number explorer"),
        animated=[*rings, title, plain_line, heavy_line, here_plain, here_heavy, *curves],
    )
    explorer.refresh()
    return explorer


# --- the heavy ball -----------------------------------------------------------------------

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


def _momentum_controls(lr: float, beta: float, steps: int) -> dict[str, widgets.Widget]:
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
    fig = new_figure(figsize=(15, 5.0), layout="constrained")
    ax_c, ax_l, ax_m = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 0.9, 1]})
    plot_contour(s, ax=ax_c)
    ax_c.set_title(_("Momentum on {formula}").format(formula=s.formula))
    heavy_colour, plain_colour = METHOD_STYLES["Momentum"][0], METHOD_STYLES["SGD"][0]
    (path_line,) = ax_c.plot([], [], "o-", color=heavy_colour, ms=4, lw=2, zorder=4)
    (loss_line,) = ax_l.semilogy([], [], color=heavy_colour, lw=2.5, label=method_label("Momentum"))
    (plain_loss,) = ax_l.semilogy(
        [], [], color=plain_colour, lw=1.8, ls=":", label=_("same lr, β = 0")
    )
    ax_l.set_xlim(0, 200)
    ax_l.set_ylim(1e-16, 1e6)
    ax_l.set_xlabel(_("step k"))
    ax_l.set_ylabel("f(x_k)")
    # Under the panels: a diverging run climbs into the loss plot's top corners.
    legend_below(fig, [loss_line, plain_loss], frameon=False)
    ax_l.set_title(_("f at each step"))
    _plot_rate_map(ax_m, eigen)
    (you,) = ax_m.plot([], [], "o", color=heavy_colour, ms=14, mec="white", mew=2.5, zorder=6)
    # The map above the largest β visited so far stays covered: its slant would answer the
    # notebook's prediction (does β allow a larger rate?) before the student moves β.
    sheet = ax_m.add_patch(
        Rectangle((0.0, 0.0), 1.0, 1.0, transform=ax_m.transAxes, color="0.93", zorder=5)
    )
    cover_text = ax_m.text(
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
    sheet.set_visible(cover)
    cover_text.set_visible(cover)
    highest = [beta if cover else 1.0]
    controls = _momentum_controls(lr, beta, steps)

    def update(lr: float, beta: float, steps: int) -> str:
        path = minimize(s.f, s.start, Momentum(lr, beta), steps, grad=s.grad)
        plain = minimize(s.f, s.start, SGD(lr), steps, grad=s.grad)
        path_line.set_data(path.points[:, 0], path.points[:, 1])
        loss_line.set_data(np.arange(len(path.values)), path.values)
        plain_loss.set_data(np.arange(len(plain.values)), plain.values)
        you.set_data([lr], [beta])
        highest[0] = max(highest[0], beta)
        low, top = ax_m.get_ylim()
        shown = min(1.0, (highest[0] + 0.02 - low) / (top - low))  # the visited rows, one more
        sheet.set_bounds(0.0, shown, 1.0, 1.0 - shown)
        cover_text.set_position((0.5, (1.0 + shown) / 2))
        cover_text.set_visible(cover and shown < 0.85)
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

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("momentum explorer"),
        animated=[path_line, loss_line, plain_loss, sheet, cover_text, you],
    )
    explorer.refresh()
    return explorer
