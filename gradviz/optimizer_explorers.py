"""Live explorers for notebook 07: ill-conditioned valleys, the heavy ball, and the race.

Built like every explorer (see ``widgets.py``): draw once, then a plain ``update``.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from gradviz.descent import DescentPath, gradient_descent
from gradviz.explorers import _current_surface, _point_sliders, _surface_dropdown
from gradviz.functions import SURFACES, Surface, elongated_bowl
from gradviz.optimizers import (
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    Newton,
    RMSProp,
    heavy_ball_rate,
    minimize,
)
from gradviz.plots import grid, plot_contour
from gradviz.style import COLORS, PALETTE
from gradviz.widgets import (
    Explorer,
    control_style,
    int_slider,
    log_slider,
    new_figure,
    replacing,
)

__all__ = [
    "RACE_METHODS",
    "condition_explorer",
    "momentum_explorer",
    "race",
    "race_explorer",
    "steps_to_reach",
]


def steps_to_reach(path: DescentPath, surface: Surface, tolerance: float = 1e-4) -> int | None:
    """First step at which f is within ``tolerance`` of the surface's lowest minimum."""
    if not len(surface.minima):
        return None
    return path.first_step_below(float(np.min(surface.f(surface.minima.T))) + tolerance)


# --- the ill-conditioned valley --------------------------------------------------------

_VALLEY_START = (-4.0, 2.0)
_KAPPAS = np.logspace(0, 3, 31)


def _best_plain(kappa: float) -> tuple[float, float]:
    """Best constant rate for x0² + κ·x1² (Hessian eigenvalues 2 and 2κ) and its factor."""
    return 1.0 / (1.0 + kappa), (kappa - 1.0) / (kappa + 1.0)


def _best_momentum(kappa: float) -> tuple[float, float]:
    """Best (lr, β) of the heavy ball on x0² + κ·x1²."""
    lr = 4.0 / (np.sqrt(2.0 * kappa) + np.sqrt(2.0)) ** 2
    beta = ((np.sqrt(kappa) - 1.0) / (np.sqrt(kappa) + 1.0)) ** 2
    return lr, beta


def _steps_plain(kappa: float, tolerance: float = 1e-6) -> int:
    """Steps plain descent at its best rate needs to bring f below ``tolerance``.

    At lr = 1/(1 + κ) both directions shrink by exactly q = (κ − 1)/(κ + 1) per step,
    so f_k = f_0·q^(2k): no simulation needed (tests check this against a real run).
    """
    f0 = float(elongated_bowl(kappa).f(np.array(_VALLEY_START)))
    q = _best_plain(kappa)[1]
    if q == 0.0:
        return 1
    return int(np.ceil(np.log(tolerance / f0) / (2.0 * np.log(q))))


@lru_cache(maxsize=256)
def _steps_momentum(kappa: float, tolerance: float = 1e-6, limit: int = 5000) -> int:
    """Steps Momentum at its best (lr, β) needs to bring f below ``tolerance`` (simulated)."""
    s = elongated_bowl(kappa)
    path = minimize(
        s.f,
        _VALLEY_START,
        Momentum(*_best_momentum(kappa)),
        limit,
        grad=s.grad,
        stop_below=tolerance,
    )
    return len(path.points) - 1 if path.reached_target else limit


def condition_explorer(kappa: float = 10.0, steps: int = 60) -> Explorer:
    """Stretch the valley x0² + κ·x1² and watch the best plain descent slow down.

    Left: the valley with plain descent at its best constant rate 1/(1 + κ) (and, dashed,
    Momentum at its best settings). Right: steps needed to reach f < 1e-6 against κ.
    """
    fig = new_figure(figsize=(14, 5.6), layout="constrained")
    ax_c, ax_s = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.05]})
    plain_steps = [_steps_plain(k) for k in _KAPPAS]
    heavy_steps = [_steps_momentum(k) for k in _KAPPAS]
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
    levels = np.arange(1, 15) / 14
    t = np.linspace(0.0, 2.0 * np.pi, 200)
    rings = [ax_c.plot([], [], color=COLORS["black"], lw=0.8, alpha=0.6)[0] for _ in levels]
    ax_c.plot([0], [0], "*", color=COLORS["yellow"], ms=18, mec=COLORS["black"], zorder=5)
    ax_c.set_xlim(-4.5, 4.5)
    ax_c.set_ylim(-4.5, 4.5)
    ax_c.set_aspect("equal")
    ax_c.set_xlabel("x0")
    ax_c.set_ylabel("x1")
    ax_c.grid(False)
    title = ax_c.set_title("", fontsize=15)
    (plain_line,) = ax_c.plot(
        [], [], "o-", color=COLORS["vermillion"], ms=3, lw=1.8, label="plain descent"
    )
    (heavy_line,) = ax_c.plot([], [], "--", color=COLORS["blue"], lw=2, label="Momentum")
    ax_c.legend(handles=[plain_line, heavy_line], loc="upper right")
    controls = {
        "kappa": log_slider("condition number κ", kappa, (0, 3), readout_format=".3g"),
        "steps": int_slider("steps shown", steps, 0, 300),
    }

    def update(kappa: float, steps: int) -> str:
        s = elongated_bowl(kappa)
        corner = 4.5 * np.sqrt(1.0 + kappa)  # a at the window's corner (4.5, 4.5)
        for ring, level in zip(rings, levels, strict=True):
            a = level * corner
            ring.set_data(a * np.cos(t), a / np.sqrt(kappa) * np.sin(t))
        title.set_text(f"x0² + {kappa:.3g}·x1²")
        lr, factor = _best_plain(kappa)
        plain = gradient_descent(s.f, _VALLEY_START, lr=lr, step_num=steps, grad=s.grad)
        heavy = minimize(s.f, _VALLEY_START, Momentum(*_best_momentum(kappa)), steps, grad=s.grad)
        plain_line.set_data(plain.points[:, 0], plain.points[:, 1])
        heavy_line.set_data(heavy.points[:, 0], heavy.points[:, 1])
        needed_plain, needed_heavy = _steps_plain(kappa), _steps_momentum(kappa)
        here_plain.set_data([kappa], [needed_plain])
        here_heavy.set_data([kappa], [needed_heavy])
        return (
            f"<b>κ = {kappa:.3g}</b>: best constant learning rate 1/(1 + κ) = {lr:.4g}, which "
            f"shrinks the error by a factor {factor:.4f} per step &nbsp;→&nbsp; "
            f"<b>{needed_plain} steps</b> to reach f &lt; 1e-6 (Momentum: {needed_heavy})"
        )

    return Explorer(
        fig,
        controls,
        update,
        title="condition-number explorer",
        animated=[*rings, title, plain_line, heavy_line, here_plain, here_heavy],
        light_controls=("kappa", "steps"),
    )


# --- the heavy ball -----------------------------------------------------------------------

_MOMENTUM_KAPPA = 10.0


def momentum_explorer(lr: float = 0.05, beta: float = 0.6, steps: int = 100) -> Explorer:
    """Momentum on the valley x0² + 10·x1²: learning rate and β, and where it diverges.

    Left: the path. Middle: f(x_k). Right: the map of (lr, β) coloured by how much the
    error shrinks per step; beyond the white line, Momentum diverges. The dot is you.
    """
    s = elongated_bowl(_MOMENTUM_KAPPA)
    eigen = (2.0, 2.0 * _MOMENTUM_KAPPA)
    fig = new_figure(figsize=(15, 5.0), layout="constrained")
    ax_c, ax_l, ax_m = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 0.9, 1]})
    plot_contour(s, ax=ax_c)
    ax_c.set_title(f"Momentum on {s.formula}", fontsize=15)
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
    lrs = np.logspace(-3, 0, 200)
    betas = np.linspace(0.0, 0.99, 200)
    LR, B = np.meshgrid(lrs, betas)
    rate = heavy_ball_rate(LR, B, eigen)
    image = ax_m.pcolormesh(
        LR, B, np.minimum(rate, 1.0), cmap="cividis_r", vmin=0.4, vmax=1.0, shading="auto"
    )
    ax_m.contour(LR, B, rate, levels=[1.0], colors="white", linewidths=2.5)
    ax_m.set_xscale("log")
    ax_m.set_xlabel("learning rate")
    ax_m.set_ylabel("momentum β")
    ax_m.set_title("error factor per step (light = fast)")
    ax_m.grid(False)
    ax_m.text(
        0.42,
        0.3,
        "diverges",
        color="white",
        fontsize=15,
        fontweight="bold",
        ha="center",
        rotation=90,
    )
    fig.colorbar(image, ax=ax_m, shrink=0.8)
    (you,) = ax_m.plot([], [], "o", color=COLORS["vermillion"], ms=13, mec="white", mew=2)
    controls = {
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

    return Explorer(
        fig,
        controls,
        update,
        title="momentum explorer",
        animated=[path_line, loss_line, plain_loss, you],
        light_controls=("lr", "beta", "steps"),
    )


# --- the race ----------------------------------------------------------------------------------

#: The contestants and their learning rates: the book's chapter 6 race settings
#: (SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3), Nesterov and RMSProp at 0.1,
#: and Newton's natural step of 1 (not scaled by the race's learning-rate scale).
RACE_METHODS = {
    "SGD": SGD(0.95),
    "Momentum": Momentum(0.1),
    "Nesterov": Nesterov(0.1),
    "AdaGrad": AdaGrad(1.5),
    "RMSProp": RMSProp(0.1),
    "Adam": Adam(0.3),
    "Newton": Newton(),
}

#: A learning-rate scale at which the race is interesting on each surface.
RACE_SCALES = {
    "bowl": 1.0,
    "elongated bowl": 0.3,
    "Rosenbrock": 0.002,
    "saddle": 0.02,
    "two minima": 0.1,
    "book's valley": 1.0,
}


def race(
    surface: Surface, start, scale: float = 1.0, steps: int = 200, methods: dict | None = None
) -> dict[str, DescentPath]:
    """Run every method from ``start`` on ``surface`` (exact gradient) for ``steps`` steps.

    First-order methods have their learning rate multiplied by ``scale``; Newton keeps 1.
    """
    methods = RACE_METHODS if methods is None else methods
    return {
        name: minimize(
            surface.f,
            start,
            m if isinstance(m, Newton) else m.scaled(scale),
            steps,
            grad=surface.grad,
        )
        for name, m in methods.items()
    }


def race_table(paths: dict[str, DescentPath], surface: Surface, scale: float) -> str:
    """An HTML table: each method's rate, steps to the minimum, final f."""
    rows = []
    for (name, path), colour in zip(paths.items(), PALETTE, strict=False):
        reached = steps_to_reach(path, surface)
        method = RACE_METHODS[name]
        lr = method.lr if isinstance(method, Newton) else method.lr * scale
        result = (
            f"diverged at step {path.diverged_at}"
            if path.diverged
            else ("—" if reached is None else f"<b>{reached}</b>")
        )
        rows.append(
            f'<tr><td style="color:{colour};font-weight:bold">■ {name}</td>'
            f"<td>{lr:.3g}</td><td>{result}</td><td>{path.values[-1]:.4g}</td></tr>"
        )
    head = (
        "<tr><th>method</th><th>learning rate</th><th>steps to within 1e-4 of the lowest "
        "minimum</th><th>final f</th></tr>"
    )
    return (
        '<table style="font-size:15px;border-spacing:14px 2px">' + head + "".join(rows) + "</table>"
    )


def race_explorer(
    surface: str = "book's valley", scale: float | None = None, steps: int = 200
) -> Explorer:
    """All the methods from the same start on the same surface; a scrubber moves them together.

    Left: the paths, each in its own colour. Right: f(x_k) for each. Below: a table of how
    many steps each needed to reach the lowest minimum (within 1e-4).
    """
    s0 = SURFACES[surface]
    scale = RACE_SCALES.get(surface, 1.0) if scale is None else scale
    fig = new_figure(figsize=(14.5, 6.0), layout="constrained")
    ax_c, ax_l = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    names = list(RACE_METHODS)
    colours = dict(zip(names, PALETTE, strict=False))
    lines = {
        n: ax_c.plot([], [], "-", color=colours[n], lw=2.2, label=n, zorder=4)[0] for n in names
    }
    markers = {
        n: ax_c.plot([], [], "o", color=colours[n], ms=10, mec="white", mew=1.5, zorder=6)[0]
        for n in names
    }
    losses = {n: ax_l.plot([], [], color=colours[n], lw=2.2, label=n)[0] for n in names}
    loss_markers = {n: ax_l.plot([], [], "o", color=colours[n], ms=8)[0] for n in names}
    ax_l.set_xlim(0, steps)
    ax_l.set_xlabel("step k")
    ax_l.set_title("distance above the lowest minimum")
    ax_c.legend(handles=list(lines.values()), loc="upper right", fontsize=12, framealpha=0.9)

    controls = {
        "surface": _surface_dropdown(surface),
        "scale": log_slider("learning-rate scale", scale, (-3, 0.5)),
        **_point_sliders(s0, s0.start, prefix="start "),
        "k": int_slider("show step k", steps, 0, steps),
    }
    play = widgets.Play(value=steps, min=0, max=steps, interval=60, description="play")
    widgets.jslink((play, "value"), (controls["k"], "value"))
    state: dict = {"surface": None, "static": [], "explorer": None}

    def draw_surface(s: Surface) -> None:
        with replacing(state["static"], ax_c):
            plot_contour(s, ax=ax_c)
        ax_c.set_title(f"{s.name}: f = {s.formula}", fontsize=14)
        _, _, Z = grid(s, 80)
        if len(s.minima):
            ax_l.set_yscale("log")
            ax_l.set_ylim(1e-12, (Z.max() - Z.min()) * 1e3)
            ax_l.set_ylabel("f(x_k) − lowest minimum")
        else:
            ax_l.set_yscale("symlog", linthresh=1e-2)
            ax_l.set_ylim(-1e6, Z.max() * 1e3)
            ax_l.set_ylabel("f(x_k)")
        state["surface"] = s
        if state["explorer"] is not None:
            key = next(name for name, surface in SURFACES.items() if surface is s)
            state["explorer"].set_quietly(controls["scale"], value=RACE_SCALES.get(key, 1.0))

    def update(surface: str, scale: float, x0: float, x1: float, k: int) -> str:
        s, (x0, x1) = _current_surface(
            state, controls, surface, (x0, x1), draw_surface, restart=True
        )
        scale = controls["scale"].value
        key = (s.name, scale, x0, x1)
        if state.get("key") != key:  # the scrubber k only moves markers: reuse the run
            state["key"], state["paths"] = key, race(s, (x0, x1), scale, steps)
        paths = state["paths"]
        floor = float(np.min(s.f(s.minima.T))) if len(s.minima) else 0.0
        for name, path in paths.items():
            pts = path.points
            j = min(k, len(pts) - 1)
            lines[name].set_data(pts[: j + 1, 0], pts[: j + 1, 1])
            markers[name].set_data(pts[j : j + 1, 0], pts[j : j + 1, 1])
            above = path.values - floor
            losses[name].set_data(np.arange(len(above)), above)
            loss_markers[name].set_data([j], above[j : j + 1])
        return race_table(paths, s, scale)

    explorer = Explorer(
        fig,
        controls,
        update,
        title="optimizer race",
        animated=[*lines.values(), *markers.values(), *losses.values(), *loss_markers.values()],
        light_controls=("scale", "x0", "x1", "k"),
        extra=[play],
    )
    state["explorer"] = explorer
    return explorer
