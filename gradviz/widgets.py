"""Live explorers: sliders wired to a figure that redraws as they move.

Each explorer is built the same way, so a student can read one and know them all:

1. draw a figure once, keeping the artists that will change;
2. write a plain ``update(**values)`` that moves those artists for the current
   slider values and returns a line of text for the status bar;
3. hand the figure, the controls and ``update`` to ``Explorer``.

``Explorer`` observes the controls, calls ``update`` and shows the new picture:
under the default inline backend as a PNG in an ``Image`` widget (fast, and no
figure is re-created), under ipympl (``%matplotlib widget``) as the live canvas
that can be zoomed and rotated. An error inside ``update`` is shown as a message
in the status bar, never as a traceback. Saved notebooks keep a static picture of
the explorer, so GitHub, nbviewer and HTML exports show the figure.
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gradviz.calculus import difference_errors, forward_diff, numerical_diff
from gradviz.functions import function_1, function_1_derivative
from gradviz.plots import ERROR_FLOOR, plot_difference_errors, plot_function
from gradviz.style import COLORS

__all__ = ["Explorer", "derivative_explorer", "ipympl_active", "new_figure"]


def ipympl_active() -> bool:
    """True when the notebook runs ``%matplotlib widget`` (the ipympl backend)."""
    backend = matplotlib.get_backend().lower()
    return "ipympl" in backend or backend == "widget"


def new_figure(**figure_kw) -> Figure:
    """A figure for an explorer: an ipympl canvas when active, else a plain Agg figure.

    It is not registered with pyplot, so the inline backend does not show it a
    second time at the end of the cell.
    """
    if ipympl_active():
        with plt.ioff():
            fig = plt.figure(**figure_kw)
        fig.canvas.header_visible = False
        fig.canvas.toolbar_position = "right"
        return fig
    fig = Figure(**figure_kw)
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig: Figure, compress_level: int = 6) -> bytes:
    """Render ``fig`` to PNG bytes (lower ``compress_level`` is faster, larger)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": compress_level})
    return buf.getvalue()


def canvas_png(fig: Figure) -> bytes:
    """Draw ``fig`` on its own canvas and encode it quickly (the live-update path).

    Cheaper than ``savefig``: one draw at the figure's own size, no layout pass
    (the caller decides when to lay out), and the fastest PNG compression.
    """
    canvas = fig.canvas
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


class Explorer(widgets.VBox):
    """Controls + figure + status line, redrawn by a plain update function.

    ``controls`` maps each keyword of ``update`` to the widget that supplies it.
    ``update(**values)`` changes the figure's artists and returns a status text
    (HTML allowed). After each change ``error`` holds the exception the update
    raised (or None) and ``warnings`` the warnings it emitted.

    The figure is laid out (constrained layout) once, and again only when a
    control outside ``light_controls`` changes: those controls promise to move
    lines inside axes whose labels stay put, which keeps a slider drag fast.
    """

    def __init__(
        self,
        figure: Figure,
        controls: Mapping[str, widgets.ValueWidget],
        update: Callable[..., str | None],
        title: str = "explorer",
        light_controls: tuple[str, ...] = (),
    ) -> None:
        self.figure = figure
        self.controls = dict(controls)
        self.update_function = update
        self.title = title
        self.light_controls = frozenset(light_controls)
        self.error: Exception | None = None
        self.warnings: list[str] = []
        self.live_canvas = ipympl_active()
        self._layout = None
        if not self.live_canvas:
            # Lay out on demand only: the engine is kept and run by _show(relayout=True).
            self._layout = figure.get_layout_engine()
            figure.set_layout_engine("none")
        if self.live_canvas:
            self.view = figure.canvas
        else:
            self.view = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.status = widgets.HTML(layout=widgets.Layout(min_height="2.5em"))
        box = widgets.Box(
            list(self.controls.values()),
            layout=widgets.Layout(flex_flow="row wrap", justify_content="flex-start"),
        )
        super().__init__([box, self.view, self.status])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    def values(self) -> dict[str, object]:
        """The current value of every control, by keyword."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change: dict) -> None:
        self.refresh(relayout=change["owner"] not in self._light_widgets())

    def _light_widgets(self) -> list[widgets.ValueWidget]:
        return [self.controls[name] for name in self.light_controls]

    def refresh(self, relayout: bool = True) -> None:
        """Run ``update`` for the current values and show the new picture."""
        with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
            warnings.simplefilter("always")
            try:
                message = self.update_function(**self.values())
                self.error = None
            except Exception as err:  # a slider position must never show a traceback
                self.error = err
                message = (
                    f'<span style="color:{COLORS["vermillion"]}"><b>This setting cannot be '
                    f"drawn:</b> {html.escape(str(err))}</span>"
                )
            self.warnings = [str(w.message) for w in caught]
            self.status.value = message or ""
            self._show(relayout)

    def _show(self, relayout: bool) -> None:
        if self.live_canvas:
            self.figure.canvas.draw_idle()
            return
        if relayout and self._layout is not None:
            self._layout.execute(self.figure)
        self.view.value = canvas_png(self.figure)

    def describe(self) -> str:
        """A one-line text summary (what a text-only viewer shows)."""
        settings = ", ".join(f"{k}={_fmt(v)}" for k, v in self.values().items())
        return f"<{self.title}: {settings}>"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # A static picture of the current state, for viewers without a live kernel.
        bundle["image/png"] = base64.b64encode(figure_png(self.figure)).decode("ascii")
        bundle["text/plain"] = self.describe()
        return bundle


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return repr(value) if isinstance(value, str) else str(value)


def _slider_style() -> dict[str, str]:
    return {"description_width": "initial"}


# --- notebook 01: the derivative -------------------------------------------------

#: Functions offered by the derivative explorer: (function, exact derivative).
DERIVATIVE_FUNCTIONS: dict[str, tuple[Callable, Callable]] = {
    "0.01x² + 0.1x (function_1)": (function_1, function_1_derivative),
    "sin(x)": (np.sin, np.cos),
}


def derivative_explorer(x: float = 5.0, h: float = 1e-4) -> Explorer:
    """Slide h (log scale) and x and watch the forward and central estimates of the slope.

    Left: the curve, its true tangent and the two secant lines through ``x ± h``.
    Right: the error of each estimate against h on log-log axes, with the current h.
    """
    xlim = (0.0, 20.0)
    hs = np.logspace(-20, 0, 201)
    fig = new_figure(figsize=(12, 5.4), layout="constrained")
    ax_f, ax_e = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    curve = plot_function(function_1, xlim, ax=ax_f, color=COLORS["black"])
    (tangent,) = ax_f.plot([], [], color=COLORS["vermillion"], lw=2, ls=":", label="true tangent")
    (central,) = ax_f.plot([], [], color=COLORS["blue"], lw=2, label="central secant")
    (forward,) = ax_f.plot([], [], color=COLORS["orange"], lw=2, ls="--", label="forward secant")
    (point,) = ax_f.plot([], [], "o", color=COLORS["vermillion"], zorder=4)
    ax_f.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False)
    ax_f.set_title("Secants through x ± h")
    fw_line, ce_line = plot_difference_errors(
        function_1, x, function_1_derivative(x), hs=hs, ax=ax_e
    )
    h_marker = ax_e.axvline(h, color=COLORS["black"], lw=1.2)
    (fw_dot,) = ax_e.plot([], [], "o", color=COLORS["orange"], zorder=4)
    (ce_dot,) = ax_e.plot([], [], "o", color=COLORS["blue"], zorder=4)
    ax_e.set_ylim(ERROR_FLOOR / 3, 1e3)
    ax_e.set_title("Error against h")

    controls = {
        "function": widgets.Dropdown(
            options=list(DERIVATIVE_FUNCTIONS), description="f(x) =", style=_slider_style()
        ),
        "x": widgets.FloatSlider(
            value=x, min=0.5, max=19.5, step=0.5, description="x", style=_slider_style()
        ),
        "h": widgets.FloatLogSlider(
            value=h,
            base=10,
            min=-20,
            max=0,
            step=0.25,
            description="h",
            readout_format=".0e",
            style=_slider_style(),
            layout=widgets.Layout(width="420px"),
        ),
    }
    state = {"key": None}

    def update(function: str, x: float, h: float) -> str:
        f, df = DERIVATIVE_FUNCTIONS[function]
        exact = float(df(x))
        if state["key"] != (function, x):  # the error curves depend on f and x only
            state["key"] = (function, x)
            xs = np.linspace(*xlim, 400)
            ys = f(xs)
            curve.set_data(xs, ys)
            pad = 0.15 * (ys.max() - ys.min())
            ax_f.set_ylim(ys.min() - pad, ys.max() + pad)
            fw_err, ce_err = difference_errors(f, x, exact, hs)
            fw_line.set_ydata(np.maximum(fw_err, ERROR_FLOOR))
            ce_line.set_ydata(np.maximum(ce_err, ERROR_FLOOR))
        fx = float(f(x))
        ts = np.array(xlim)
        c_slope = numerical_diff(f, x, h)
        f_slope = forward_diff(f, x, h)
        tangent.set_data(ts, fx + exact * (ts - x))
        central.set_data(ts, float(f(x - h)) + c_slope * (ts - (x - h)))
        forward.set_data(ts, fx + f_slope * (ts - x))
        point.set_data([x], [fx])
        h_marker.set_xdata([h, h])
        c_err, f_err = abs(c_slope - exact), abs(f_slope - exact)
        fw_dot.set_data([h], [max(f_err, ERROR_FLOOR)])
        ce_dot.set_data([h], [max(c_err, ERROR_FLOOR)])
        return (
            f"<b>h = {h:.0e}</b> &nbsp; true slope {exact:.12g} &nbsp;|&nbsp; "
            f"central {c_slope:.12g} (error {c_err:.1e}) &nbsp;|&nbsp; "
            f"forward {f_slope:.12g} (error {f_err:.1e})"
        )

    return Explorer(fig, controls, update, title="derivative explorer", light_controls=("h",))
