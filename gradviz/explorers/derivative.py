"""Notebook 01: the derivative, estimated by forward and central differences."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from gradviz.calculus import difference_errors, forward_diff, numerical_diff
from gradviz.explorers.base import Explorer, new_figure
from gradviz.explorers.parts import FirstMove, checked_value, control_style, log_slider, prompt_text
from gradviz.functions import function_1, function_1_derivative
from gradviz.i18n import N_, _
from gradviz.plots import ERROR_FLOOR, plot_difference_errors, plot_function
from gradviz.style import COLORS, DIFFERENCE_STYLES

__all__ = ["DERIVATIVE_FUNCTIONS", "derivative_explorer"]

#: Functions offered by the derivative explorer: (function, exact derivative). The menu
#: shows each key translated (``N_`` marks it); its value stays the key.
DERIVATIVE_FUNCTIONS: dict[str, tuple[Callable, Callable]] = {
    N_("0.01x² + 0.1x (function_1)"): (function_1, function_1_derivative),
    "sin(x)": (np.sin, np.cos),
}

XLIM = (0.0, 20.0)
HS = np.logspace(-20, 0, 201)


@lru_cache(maxsize=64)
def _error_curves(function: str, x: float) -> tuple[np.ndarray, np.ndarray]:
    """Forward and central errors against every h in ``HS`` (they depend on f and x only)."""
    f, df = DERIVATIVE_FUNCTIONS[function]
    forward, central = difference_errors(f, x, float(df(x)), HS)
    return np.maximum(forward, ERROR_FLOOR), np.maximum(central, ERROR_FLOOR)


def _figure(x: float, h: float):
    """The curve with its secants, the errors against h, and the moving artists by role."""
    fig = new_figure(figsize=(12, 5.4), layout="constrained")
    ax_f, ax_e = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    look = DIFFERENCE_STYLES
    a = {"curve": plot_function(function_1, XLIM, ax=ax_f, color=COLORS["black"])}
    a["forward errors"], a["central errors"] = plot_difference_errors(
        function_1, x, function_1_derivative(x), hs=HS, ax=ax_e
    )
    lines = {
        "true tangent": (*look["tangent"], 3.0, _("true tangent")),
        "central secant": (*look["central"], 2.5, _("central secant")),
        "forward secant": (*look["forward"], 2.5, _("forward secant")),
    }
    for name, (color, ls, lw, label) in lines.items():
        (a[name],) = ax_f.plot([], [], color=color, lw=lw, ls=ls, label=label, gid=name)
    (a["point"],) = ax_f.plot([], [], "o", color=look["tangent"][0], zorder=4, gid="point")
    a["h"] = ax_e.axvline(h, color=COLORS["black"], lw=1.2, gid="h")
    for kind in ("forward", "central"):
        (a[f"{kind} error"],) = ax_e.plot(
            [], [], "o", color=look[kind][0], zorder=4, gid=f"{kind} error"
        )
    a["prompt"] = prompt_text(ax_e, _("Drag h (or x) to draw\nthe error for every h."))
    ax_f.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False)
    ax_f.set_title(_("Secants through x ± h"))
    ax_e.set_ylim(ERROR_FLOOR / 3, 1e3)
    ax_e.set_title(_("Error against h"))
    return fig, ax_f, a


def _controls(x: float, h: float, function: str) -> dict[str, widgets.Widget]:
    """The function menu, the x slider and the log-scale h slider."""
    return {
        "function": widgets.Dropdown(
            options=[(_(name), name) for name in DERIVATIVE_FUNCTIONS],
            value=function,
            description="f(x) =",
            style=control_style(),
        ),
        "x": widgets.FloatSlider(
            value=checked_value("x", x, 0.5, 19.5, stacklevel=4),
            min=0.5,
            max=19.5,
            step=0.5,
            description="x",
            style=control_style(),
        ),
        "h": log_slider("h", h, (-20, 0), step=0.25, readout_format=".0e", width="420px"),
    }


def _status(h: float, exact: float, c_slope: float, f_slope: float) -> str:
    """The status line: h, the true slope and each estimate with its error."""
    c_err, f_err = abs(c_slope - exact), abs(f_slope - exact)
    return _(
        "<b>h = {h:.0e}</b> &nbsp; true slope {exact:.12g} &nbsp;|&nbsp; "
        "central {central:.12g} (error {central_error:.1e}) &nbsp;|&nbsp; "
        "forward {forward:.12g} (error {forward_error:.1e})"
    ).format(
        h=h,
        exact=exact,
        central=c_slope,
        central_error=c_err,
        forward=f_slope,
        forward_error=f_err,
    )


def _draw_curve(f: Callable, curve, ax_f) -> None:
    """The static part: the curve of ``f`` over ``XLIM``, with room above and below."""
    xs = np.linspace(*XLIM, 400)
    ys = f(xs)
    curve.set_data(xs, ys)
    pad = 0.15 * (ys.max() - ys.min())
    ax_f.set_ylim(ys.min() - pad, ys.max() + pad)


def _draw_errors(a: dict, function: str, x: float, shown: bool) -> None:
    """Both error curves at ``x`` (the whole U), or, until ``shown``, the invitation to drag."""
    fw_err, ce_err = _error_curves(function, float(x))
    a["forward errors"].set_ydata(fw_err)
    a["central errors"].set_ydata(ce_err)
    a["forward errors"].set_visible(shown)
    a["central errors"].set_visible(shown)
    a["prompt"].set_visible(not shown)


def _draw_estimates(
    a: dict, f: Callable, x: float, h: float, exact: float, c_slope: float, f_slope: float
) -> None:
    """The tangent, the two secants through ``x ± h``, and each estimate's error at h."""
    fx, ts = float(f(x)), np.array(XLIM)
    a["true tangent"].set_data(ts, fx + exact * (ts - x))
    a["central secant"].set_data(ts, float(f(x - h)) + c_slope * (ts - (x - h)))
    a["forward secant"].set_data(ts, fx + f_slope * (ts - x))
    a["point"].set_data([x], [fx])
    a["h"].set_xdata([h, h])
    c_err, f_err = abs(c_slope - exact), abs(f_slope - exact)
    a["forward error"].set_data([h], [max(f_err, ERROR_FLOOR)])
    a["central error"].set_data([h], [max(c_err, ERROR_FLOOR)])


def derivative_explorer(
    x: float = 5.0,
    h: float = 1e-4,
    function: str = "0.01x² + 0.1x (function_1)",
    *,
    hide_answers: bool = False,
) -> Explorer:
    """Slide h (log scale) and x and watch the forward and central estimates of the slope.

    ``function`` is a key of ``DERIVATIVE_FUNCTIONS`` (the menu's first choice).
    Left: the curve, its true tangent and the two secant lines through ``x ± h``.
    Right: the error of each estimate against h on log-log axes, with the current h.
    ``hide_answers``: the error curves (the whole U, which answers a prediction about
    smaller h) appear only once a control moves; until then the right panel shows the
    errors at the current h and an invitation to drag.
    """
    if function not in DERIVATIVE_FUNCTIONS:
        raise ValueError(
            _("function must be one of {choices}, got {function!r}.").format(
                choices=list(DERIVATIVE_FUNCTIONS), function=function
            )
        )
    controls = _controls(x, h, function)
    fig, ax_f, a = _figure(controls["x"].value, controls["h"].value)
    first_move = FirstMove(controls)

    def draw_function(function: str) -> None:
        _draw_curve(DERIVATIVE_FUNCTIONS[function][0], a["curve"], ax_f)

    def update(function: str, x: float, h: float) -> str:
        f, df = DERIVATIVE_FUNCTIONS[function]
        _draw_errors(a, function, x, shown=first_move.moved or not hide_answers)
        exact, c_slope, f_slope = float(df(x)), numerical_diff(f, x, h), forward_diff(f, x, h)
        _draw_estimates(a, f, x, h, exact, c_slope, f_slope)
        return _status(h, exact, c_slope, f_slope)

    explorer = Explorer(
        fig,
        controls,
        update,
        title=_("derivative explorer"),
        animated=list(a.values()),
        static=draw_function,
        static_controls=("function",),
    )
    explorer.refresh()
    return explorer
