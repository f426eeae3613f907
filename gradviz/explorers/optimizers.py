"""Notebook 07: ill-conditioned valleys; the heavy ball is in ``momentum.py``, the race in
``race.py`` (both re-exported here, their old home).

The computation (the race, the best settings on a valley) is in ``gradviz.optimizers``.
"""

from __future__ import annotations

import numpy as np

from gradviz.descent import gradient_descent
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.layout import legend_below
from gradviz.explorers.momentum import momentum_explorer
from gradviz.explorers.parts import int_slider, log_slider
from gradviz.explorers.race import race_explorer, race_table
from gradviz.functions import elongated_bowl
from gradviz.i18n import _
from gradviz.optimizers import (
    VALLEY_START,
    Momentum,
    minimize,
    valley_best_momentum,
    valley_best_plain,
    valley_steps_momentum,
    valley_steps_plain,
)
from gradviz.style import COLORS, METHOD_STYLES, method_label

__all__ = ["condition_explorer", "momentum_explorer", "race_explorer", "race_table"]


# --- the ill-conditioned valley --------------------------------------------------------

_KAPPAS = np.logspace(0, 3, 31)


#: The condition explorer's contour levels, as fractions of the window's corner level.
_RING_LEVELS = np.arange(1, 15) / 14
_RING_ANGLES = np.linspace(0.0, 2.0 * np.pi, 200)


def _condition_figure(trace: bool):
    """The valley with two runs, steps needed against κ; the valley's rings and the other
    moving artists by role."""
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
    a = {"title": title, "plain": plain_line, "heavy": heavy_line}
    a |= {"here plain": here_plain, "here heavy": here_heavy}
    a |= {"curve plain": curve_plain, "curve heavy": curve_heavy}
    return fig, rings, a


def _draw_valley(rings: list, a: dict, kappa: float, steps: int) -> tuple[float, float]:
    """The valley x0² + κ·x1² (its rings and title) with ``steps`` of plain descent at its best
    rate and of Momentum at its best settings; returns that rate and its error factor."""
    s = elongated_bowl(kappa)
    corner = 4.5 * np.sqrt(1.0 + kappa)  # a at the window's corner (4.5, 4.5)
    for ring, level in zip(rings, _RING_LEVELS, strict=True):
        r = level * corner
        ring.set_data(r * np.cos(_RING_ANGLES), r / np.sqrt(kappa) * np.sin(_RING_ANGLES))
    a["title"].set_text(f"x0² + {kappa:.3g}·x1²")
    lr, factor = valley_best_plain(kappa)
    plain = gradient_descent(s.f, VALLEY_START, lr=lr, step_num=steps, grad=s.grad)
    heavy = minimize(s.f, VALLEY_START, Momentum(*valley_best_momentum(kappa)), steps, grad=s.grad)
    a["plain"].set_data(plain.points[:, 0], plain.points[:, 1])
    a["heavy"].set_data(heavy.points[:, 0], heavy.points[:, 1])
    return lr, factor


def _draw_steps(a: dict, visited: list[float], kappa: float) -> tuple[int, int]:
    """The steps each method needs at κ (the dots, returned), and both curves over the κ
    visited so far: ``visited`` = [lowest, highest] grows to take in κ."""
    needed_plain, needed_heavy = valley_steps_plain(kappa), valley_steps_momentum(kappa)
    a["here plain"].set_data([kappa], [needed_plain])
    a["here heavy"].set_data([kappa], [needed_heavy])
    visited[:] = [min(visited[0], kappa), max(visited[1], kappa)]
    inside = _KAPPAS[(_KAPPAS >= visited[0]) & (_KAPPAS <= visited[1])]
    ks = np.unique(np.concatenate([inside, visited]))
    a["curve plain"].set_data(ks, [valley_steps_plain(k) for k in ks])
    a["curve heavy"].set_data(ks, [valley_steps_momentum(float(k)) for k in ks])
    return needed_plain, needed_heavy


def _condition_status(kappa: float, lr: float, factor: float, needed: tuple[int, int]) -> str:
    """The status line: κ, the best rate and its factor, the steps each method needs."""
    return _(
        "<b>κ = {kappa:.3g}</b>: best constant learning rate 1/(1 + κ) = {lr:.4g}, which "
        "shrinks the error by a factor {factor:.4f} per step &nbsp;→&nbsp; "
        "<b>{plain_steps} steps</b> to reach f &lt; 1e-6 (Momentum: {momentum_steps})"
    ).format(
        kappa=kappa,
        lr=lr,
        factor=factor,
        plain_steps=needed[0],
        momentum_steps=needed[1],
    )


def condition_explorer(kappa: float = 10.0, steps: int = 60, trace: bool = False) -> Explorer:
    """Stretch the valley x0² + κ·x1² and watch the best plain descent slow down.

    Left: the valley with plain descent at its best constant rate 1/(1 + κ) (and, dashed,
    Momentum at its best settings). Right: steps needed to reach f < 1e-6 against κ.
    ``trace=True`` draws the two curves only over the κ the slider has visited, so that the
    picture does not answer "how does the count grow with κ?" before the student drags.
    """
    fig, rings, a = _condition_figure(trace)
    # The range of κ the curves are drawn over: the slider's visits, or everything.
    visited = [kappa, kappa] if trace else [_KAPPAS[0], _KAPPAS[-1]]
    controls = {
        "kappa": log_slider(_("condition number κ"), kappa, (0, 3), readout_format=".3g"),
        "steps": int_slider(_("steps shown"), steps, 0, 300),
    }

    def update(kappa: float, steps: int) -> str:
        lr, factor = _draw_valley(rings, a, kappa, steps)
        return _condition_status(kappa, lr, factor, _draw_steps(a, visited, kappa))

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("condition-number explorer"),
        animated=[*rings, *a.values()],
    )
    explorer.refresh()
    return explorer
