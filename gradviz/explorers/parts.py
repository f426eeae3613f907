"""Pieces several explorers share: sliders, the surface picker, arrows, click-to-move."""

from __future__ import annotations

import numbers
import warnings

import ipywidgets as widgets
import numpy as np

from gradviz.explorers.base import Explorer
from gradviz.functions import SURFACES, Surface
from gradviz.i18n import _

__all__ = [
    "PX_PER_DECADE",
    "FirstMove",
    "OutOfRangeWarning",
    "checked_value",
    "control_style",
    "fit_point_sliders",
    "int_slider",
    "log_slider",
    "move_point_on_click",
    "new_arrow",
    "number_text",
    "place_arrow",
    "point_sliders",
    "prompt_text",
    "surface_dropdown",
    "vector_text",
]


# --- controls ---------------------------------------------------------------------


class OutOfRangeWarning(UserWarning):
    """An explorer was given a starting value outside its slider's range: it starts at the
    nearest end of the range instead (a slider cannot show a value beyond its ends)."""


def checked_value(
    name: str, value, low: float, high: float, surface: str = "", stacklevel: int = 4
) -> float:
    """``value`` for a slider from ``low`` to ``high``: a value outside is moved to the nearest
    end with an ``OutOfRangeWarning`` that names the argument, the value and the range (and
    the ``surface`` whose window the slider spans, if given); a value that is not a finite
    number is a ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            _("{name} must be a number, got {value!r}.").format(name=name, value=value)
        )
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(
            _("{name} must be a finite number, got {value!r}.").format(name=name, value=value)
        )
    if low <= number <= high:
        return number
    clamped = min(max(number, low), high)
    if surface:
        message = _(
            "{name} = {value!r} is outside the slider's range [{low:g}, {high:g}] on "
            "{surface}; starting at {clamped:g} instead."
        )
    else:
        message = _(
            "{name} = {value!r} is outside the slider's range [{low:g}, {high:g}]; "
            "starting at {clamped:g} instead."
        )
    warnings.warn(
        message.format(
            name=name, value=value, low=low, high=high, surface=surface, clamped=clamped
        ),
        OutOfRangeWarning,
        stacklevel=stacklevel,
    )
    return clamped


def control_style() -> dict[str, str]:
    """Slider style: the description is never truncated."""
    return {"description_width": "initial"}


#: Track length a log slider gets per decade of its range (CSS px), so that a short drag
#: changes the value by a fraction of a decade, not several (0.178 → 10 in 80 px before).
PX_PER_DECADE = 80


def log_slider(
    description: str,
    value: float,
    exponents: tuple[float, float],
    step: float = 0.05,
    readout_format: str = ".3g",
    width: str | None = None,
) -> widgets.FloatLogSlider:
    """A slider on a log scale from 10^exponents[0] to 10^exponents[1] (a value outside
    warns, see ``checked_value``). Its default width gives the track ``PX_PER_DECADE``
    per decade, between 380 and 580 px in all."""
    value = checked_value(description, value, 10.0 ** exponents[0], 10.0 ** exponents[1])
    if width is None:
        decades = exponents[1] - exponents[0]
        width = f"{min(max(200 + PX_PER_DECADE * decades, 380), 580):.0f}px"
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=exponents[0],
        max=exponents[1],
        step=step,
        description=description,
        readout_format=readout_format,
        style=control_style(),
        layout=widgets.Layout(width=width),
    )


def int_slider(
    description: str, value: int, low: int, high: int, step: int = 1, width: str = "340px"
) -> widgets.IntSlider:
    """A whole-number slider whose description is never truncated (a value outside warns)."""
    value = round(checked_value(description, value, low, high))
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        style=control_style(),
        layout=widgets.Layout(width=width),
    )


# --- the surface picker and its point ---------------------------------------------------


def surface_dropdown(key: str) -> widgets.Dropdown:
    """A menu of ``SURFACES``: it shows their names, its value is a key."""
    if not isinstance(key, str) or key not in SURFACES:
        raise ValueError(
            _("surface must be one of {keys}, got {key!r}.").format(keys=list(SURFACES), key=key)
        )
    return widgets.Dropdown(
        options=[(s.name, k) for k, s in SURFACES.items()],
        value=key,
        description=_("surface"),
        style=control_style(),
    )


def point_sliders(s: Surface, point, prefix: str = "") -> dict[str, widgets.FloatSlider]:
    """Sliders ``x0`` and ``x1`` spanning the surface's window, set to ``point`` (a coordinate
    outside the window warns and starts at its edge, see ``checked_value``)."""
    if not isinstance(point, (tuple, list, np.ndarray)) or len(point) != 2:
        raise ValueError(
            _("a point has two coordinates (x0, x1), got {point!r}.").format(point=point)
        )
    sliders = {}
    for name, value, (lo, hi) in zip(("x0", "x1"), point, s.window, strict=True):
        label = prefix + name  # prefix: translated by the caller, e.g. _("start ")
        sliders[name] = widgets.FloatSlider(
            value=checked_value(label, value, lo, hi, surface=s.name),
            min=lo,
            max=hi,
            step=0.05,
            description=label,
            style=control_style(),
        )
    return sliders


def fit_point_sliders(explorer: Explorer, s: Surface, point=None) -> None:
    """Fit the x0/x1 sliders to a new surface's window, moving them to ``point`` (default:
    where they are, clipped into the window). Called by a static layer on a surface change."""
    controls = explorer.controls
    point = (controls["x0"].value, controls["x1"].value) if point is None else point
    for name, value, (lo, hi) in zip(("x0", "x1"), point, s.window, strict=True):
        explorer.set_quietly(controls[name], min=lo, max=hi, value=float(np.clip(value, lo, hi)))


def move_point_on_click(explorer: Explorer, ax) -> None:
    """Under ipympl, a click on ``ax`` moves the x0/x1 sliders there."""
    if not explorer.live_canvas:
        return

    def on_click(event) -> None:
        if event.inaxes is ax and event.xdata is not None:
            with explorer.hold():
                explorer.controls["x0"].value = float(event.xdata)
                explorer.controls["x1"].value = float(event.ydata)

    explorer.figure.canvas.mpl_connect("button_press_event", on_click)


# --- predictions left open until the student acts -------------------------------------------


class FirstMove:
    """``moved`` turns True the first time one of ``controls`` changes value.

    An explorer that starts under a "Predict, then check" prompt hides the parts of its
    picture that would answer it until ``moved``. Make it before the ``Explorer``: the
    observers run in the order they were added, so ``update`` already sees the move.
    """

    def __init__(self, controls) -> None:
        self.moved = False
        for control in controls.values():
            control.observe(self._on_change, names="value")

    def _on_change(self, _change: dict) -> None:
        self.moved = True


def prompt_text(ax, text: str, gid: str = "prompt"):
    """A line of text in the middle of ``ax`` (an invitation to move a control), in grey."""
    return ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        color="0.35",
        fontsize=15,
        wrap=True,
        gid=gid,
    )


# --- arrows and numbers -------------------------------------------------------------------


def new_arrow(ax, color: str, width: float = 2.5, head: float = 22, gid: str | None = None):
    """An arrow (an annotation with no text) to be moved by ``place_arrow``.

    ``shrinkA``/``shrinkB`` are 0 so the arrow runs exactly between its two points.
    """
    return ax.annotate(
        "",
        xy=(0, 0),
        xytext=(0, 0),
        zorder=7,
        gid=gid,
        arrowprops={
            "arrowstyle": "-|>",
            "color": color,
            "lw": width,
            "mutation_scale": head,
            "shrinkA": 0,
            "shrinkB": 0,
        },
    )


def place_arrow(arrow, start, end, min_pixels: float = 14.0) -> None:
    """Move an arrow (an annotation) to run from ``start`` to ``end`` in data coordinates.

    An arrow shorter on screen than its own head would point the wrong way, so it is
    hidden instead (the status line still gives the numbers).
    """
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    arrow.xyann = tuple(start)
    arrow.xy = tuple(end)
    if not (np.all(np.isfinite(start)) and np.all(np.isfinite(end))):
        arrow.set_visible(False)
        return
    to_pixels = arrow.axes.transData.transform
    length = float(np.hypot(*(to_pixels(end) - to_pixels(start))))
    arrow.set_visible(length >= min_pixels)


def number_text(x: float, spec: str = ".4g") -> str:
    """A number with format ``spec``, where whatever prints as zero has no minus sign
    (-0.0 prints "0", -0.001 at ".2f" prints "0.00")."""
    text = format(float(x), spec)
    return text.lstrip("-") if float(text) == 0 else text


def vector_text(v: np.ndarray) -> str:
    """A vector as ``(a, b)`` with four significant digits each (no "-0")."""
    return "(" + ", ".join(number_text(c) for c in v) + ")"
