"""Notebook 07: ill-conditioned valleys, the heavy ball, and the race of the optimizers.

The computation (the race, the best settings on a valley) is in ``gradviz.optimizers``.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from gradviz.descent import DescentPath, gradient_descent
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import (
    control_style,
    fit_point_sliders,
    int_slider,
    log_slider,
    point_sliders,
    surface_dropdown,
)
from gradviz.functions import SURFACES, SYMLOG_LINEAR_WIDTH, Surface, elongated_bowl
from gradviz.optimizers import (
    RACE_METHODS,
    SGD,
    VALLEY_START,
    Momentum,
    heavy_ball_rate,
    minimize,
    race,
    race_lr,
    steps_to_reach,
    valley_best_momentum,
    valley_best_plain,
    valley_steps_momentum,
    valley_steps_plain,
)
from gradviz.plots import plot_contour
from gradviz.style import COLORS, METHOD_STYLES

#: The momentum map's colour for settings that diverge: none of cividis's blues and yellows.
DIVERGES_COLOR = COLORS["purple"]

__all__ = ["condition_explorer", "momentum_explorer", "race_explorer", "race_table"]


# --- the ill-conditioned valley --------------------------------------------------------

_KAPPAS = np.logspace(0, 3, 31)


#: The condition explorer's contour levels, as fractions of the window's corner level.
_RING_LEVELS = np.arange(1, 15) / 14
_RING_ANGLES = np.linspace(0.0, 2.0 * np.pi, 200)


def _condition_figure():
    """The valley with two runs, steps needed against κ, and the moving artists."""
    fig = new_figure(figsize=(14, 5.6), layout="constrained")
    ax_c, ax_s = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.05]})
    plain_steps = [valley_steps_plain(k) for k in _KAPPAS]
    heavy_steps = [valley_steps_momentum(k) for k in _KAPPAS]
    ax_s.loglog(_KAPPAS, plain_steps, color=COLORS["vermillion"], label="plain descent, best lr")
    ax_s.loglog(
        _KAPPAS, heavy_steps, color=COLORS["blue"], ls="--", label="Momentum, best lr and β"
    )
    (here_plain,) = ax_s.plot([], [], "o", color=COLORS["vermillion"], ms=11)
    (here_heavy,) = ax_s.plot([], [], "o", color=COLORS["blue"], ms=11)
    ax_s.set_xlabel("condition number κ (how stretched the valley is)")
    ax_s.set_ylabel("steps to reach f < 1e-6")
    ax_s.legend(loc="upper left")
    ax_s.set_title("plain descent needs ~κ steps, Momentum ~√κ")
    # The contours x0² + κ·x1² = a² are ellipses with semi-axes a and a/√κ: drawn as
    # lines and reshaped on every change of κ, they keep the κ slider live. Levels are
    # spaced evenly in a up to the window's corner, so rings fill the whole map.
    rings = [ax_c.plot([], [], color=COLORS["black"], lw=0.8, alpha=0.6)[0] for _ in _RING_LEVELS]
    ax_c.plot([0], [0], "*", color=COLORS["yellow"], ms=18, mec=COLORS["black"], zorder=5)
    ax_c.set_xlim(-4.5, 4.5)
    ax_c.set_ylim(-4.5, 4.5)
    ax_c.set_aspect("equal")
    ax_c.set_xlabel("x0")
    ax_c.set_ylabel("x1")
    ax_c.grid(False)
    title = ax_c.set_title("")
    (plain_line,) = ax_c.plot(
        [], [], "o-", color=COLORS["vermillion"], ms=3, lw=1.8, label="plain descent"
    )
    (heavy_line,) = ax_c.plot([], [], "--", color=COLORS["blue"], lw=2, label="Momentum")
    ax_c.legend(handles=[plain_line, heavy_line], loc="upper right")
    return fig, (rings, title, plain_line, heavy_line, here_plain, here_heavy)


def condition_explorer(kappa: float = 10.0, steps: int = 60) -> Explorer:
    """Stretch the valley x0² + κ·x1² and watch the best plain descent slow down.

    Left: the valley with plain descent at its best constant rate 1/(1 + κ) (and, dashed,
    Momentum at its best settings). Right: steps needed to reach f < 1e-6 against κ.
    """
    fig, (rings, title, plain_line, heavy_line, here_plain, here_heavy) = _condition_figure()
    controls = {
        "kappa": log_slider("condition number κ", kappa, (0, 3), readout_format=".3g"),
        "steps": int_slider("steps shown", steps, 0, 300),
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
        return (
            f"<b>κ = {kappa:.3g}</b>: best constant learning rate 1/(1 + κ) = {lr:.4g}, which "
            f"shrinks the error by a factor {factor:.4f} per step &nbsp;→&nbsp; "
            f"<b>{needed_plain} steps</b> to reach f &lt; 1e-6 (Momentum: {needed_heavy})"
        )

    explorer = Explorer(
        fig,
        controls,
        update,
        title="condition-number explorer",
        animated=[*rings, title, plain_line, heavy_line, here_plain, here_heavy],
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
    ax.set_xlabel("learning rate")
    ax.set_ylabel("momentum β")
    ax.set_title("error factor per step")
    ax.grid(False)
    ax.text(
        0.42,
        0.3,
        "diverges",
        color="black",
        fontsize=15,
        fontweight="bold",
        ha="center",
        rotation=90,
    )
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.8, extend="max", extendfrac=0.12)
    bar.set_label("light = fast · dark = slow · pink = diverges")


def _momentum_controls(lr: float, beta: float, steps: int) -> dict[str, widgets.Widget]:
    return {
        "lr": log_slider("learning rate", lr, (-3, 0)),
        "beta": widgets.FloatSlider(
            value=beta,
            min=0.0,
            max=0.99,
            step=0.01,
            description="momentum β",
            style=control_style(),
            layout=widgets.Layout(width="340px"),
        ),
        "steps": int_slider("steps", steps, 0, 200),
    }


def momentum_explorer(lr: float = 0.05, beta: float = 0.6, steps: int = 100) -> Explorer:
    """Momentum on the valley x0² + 10·x1²: learning rate and β, and where it diverges.

    Left: the path. Middle: f(x_k). Right: the map of (lr, β) colored by how much the
    error shrinks per step; beyond the white line, Momentum diverges. The dot is you.
    """
    s = elongated_bowl(_MOMENTUM_KAPPA)
    eigen = (2.0, 2.0 * _MOMENTUM_KAPPA)
    fig = new_figure(figsize=(15, 5.0), layout="constrained")
    ax_c, ax_l, ax_m = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 0.9, 1]})
    plot_contour(s, ax=ax_c)
    ax_c.set_title(f"Momentum on {s.formula}")
    (path_line,) = ax_c.plot([], [], "o-", color=COLORS["vermillion"], ms=3, lw=1.8, zorder=4)
    (loss_line,) = ax_l.semilogy([], [], color=COLORS["vermillion"], lw=2.5)
    (plain_loss,) = ax_l.semilogy(
        [], [], color=COLORS["black"], lw=1.5, ls=":", label="same lr, β = 0"
    )
    ax_l.set_xlim(0, 200)
    ax_l.set_ylim(1e-16, 1e6)
    ax_l.set_xlabel("step k")
    ax_l.set_ylabel("f(x_k)")
    ax_l.legend(loc="upper right")
    ax_l.set_title("f at each step")
    _plot_rate_map(ax_m, eigen)
    (you,) = ax_m.plot([], [], "o", color=COLORS["vermillion"], ms=13, mec="white", mew=2)
    controls = _momentum_controls(lr, beta, steps)

    def update(lr: float, beta: float, steps: int) -> str:
        path = minimize(s.f, s.start, Momentum(lr, beta), steps, grad=s.grad)
        plain = minimize(s.f, s.start, SGD(lr), steps, grad=s.grad)
        path_line.set_data(path.points[:, 0], path.points[:, 1])
        loss_line.set_data(np.arange(len(path.values)), path.values)
        plain_loss.set_data(np.arange(len(plain.values)), plain.values)
        you.set_data([lr], [beta])
        factor = float(heavy_ball_rate(lr, beta, eigen))
        verdict = (
            f"diverges (error × {factor:.3f} per step)"
            if factor >= 1
            else f"converges: the error shrinks × {factor:.3f} per step"
        )
        boundary = 2 * (1 + beta) / eigen[1]
        return (
            f"<b>lr = {lr:.3g}, β = {beta:.2f}</b>: {verdict}. With this β, Momentum is stable "
            f"for lr &lt; 2(1 + β)/λ_max = {boundary:.3g}. {html.escape(path.summary())}"
        )

    explorer = Explorer(
        fig,
        controls,
        update,
        title="momentum explorer",
        animated=[path_line, loss_line, plain_loss, you],
    )
    explorer.refresh()
    return explorer


# --- the race ----------------------------------------------------------------------------------


def race_table(paths: dict[str, DescentPath], surface: Surface, scale: float) -> str:
    """An HTML table: each method's rate, steps to the minimum, final f."""
    rows = []
    for name, path in paths.items():
        color, dash = METHOD_STYLES.get(name, (COLORS["black"], "-"))
        swatch = "╍╍" if dash == "--" else "━━"  # dashed variant, as on the plot
        reached = steps_to_reach(path, surface)
        lr = race_lr(RACE_METHODS[name], scale)
        result = (
            f"diverged at step {path.diverged_at}"
            if path.diverged
            else ("—" if reached is None else f"<b>{reached}</b>")
        )
        rows.append(
            f'<tr><td style="color:{color};font-weight:bold">{swatch} {name}</td>'
            f"<td>{lr:.3g}</td><td>{result}</td><td>{path.values[-1]:.4g}</td></tr>"
        )
    head = (
        "<tr><th>method</th><th>learning rate</th><th>steps to within 1e-4 of the lowest "
        "minimum</th><th>final f</th></tr>"
    )
    return (
        '<table style="font-size:15px;border-spacing:14px 2px">' + head + "".join(rows) + "</table>"
    )


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
        ax.set_title("f − f* (height above the lowest minimum)")
        note.set_text(f"values below {_LOSS_FLOOR:.0e} are drawn\non the bottom line (arrived)")
    else:
        ax.set_yscale("symlog", linthresh=SYMLOG_LINEAR_WIDTH)
        ax.set_ylim(-1e6, hi * 1e3)
        ax.set_ylabel("f(x_k)")
        ax.set_title("f(x_k) (no lowest minimum)")
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
    ax_l.set_xlabel("step k")
    note = ax_l.text(
        0.98,
        0.97,
        "",
        transform=ax_l.transAxes,
        ha="right",
        va="top",
        fontsize=13,
        color=COLORS["black"],
        gid="floor note",
    )
    ax_c.legend(handles=list(lines.values()), loc="upper right", fontsize=12, framealpha=0.9)
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
        "scale": log_slider("learning-rate scale", scale or s0.race_scale, (-3, 0.5)),
        **point_sliders(s0, s0.start, prefix="start "),
        "k": int_slider("show step k", steps, 0, steps),
    }
    play = widgets.Play(value=steps, min=0, max=steps, interval=60, description="play")
    widgets.jslink((play, "value"), (controls["k"], "value"))
    fig, (ax_c, ax_l, note), lines, markers, losses, loss_markers = _race_figure(steps)

    def draw_surface(surface: str) -> None:
        s = SURFACES[surface]
        if explorer.static_values is not None:
            fit_point_sliders(explorer, s, s.start)
            explorer.set_quietly(controls["scale"], value=s.race_scale)
        plot_contour(s, ax=ax_c)
        ax_c.set_title(f"{s.name}: f = {s.formula}")
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
        title="optimizer race",
        animated=[*lines.values(), *markers.values(), *losses.values(), *loss_markers.values()],
        static=draw_surface,
        static_controls=("surface",),
        extra=[play],
    )
    explorer.refresh()
    return explorer
