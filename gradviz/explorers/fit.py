"""Fitting an explorer's figure to the page: its size, resolution and columns.

The picture takes the width the page gives it (``Picture`` reports it, checked by
``page_size``) and is drawn at that width times the screen's device-pixel ratio, at 84 to
100 px per inch, so 14 pt tick labels are 16 to 19 CSS px on any screen (``fitted_size``).
A row of panels too narrow to stand side by side is laid out in rows (``reflow``). In the
presenter layout the picture's height also leaves room for the controls and the status
line on one screen, 1024×768 included. ``fit_figure`` applies all this to a figure.
Before any page reports, the figure is drawn as if ``STILL_PAGE`` had (the stored still
that decks, handouts and static viewers show).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

if TYPE_CHECKING:  # the widget that reports the page's sizes (picture.py imports this module)
    from gradviz.explorers.picture import Picture

__all__ = [
    "LIVE_TOOLBAR_WIDTH",
    "MAX_DPI",
    "MAX_IMAGE_WIDTH",
    "MAX_WIDTH",
    "MIN_DPI",
    "MIN_PANEL_WIDTH",
    "MIN_WIDTH",
    "RESIZE_THRESHOLD",
    "ROOM_MARGIN",
    "STILL_PAGE",
    "PageSize",
    "fit_figure",
    "fitted_columns",
    "fitted_size",
    "page_size",
    "panel_columns",
    "reflow",
]

#: Screen resolutions between which a picture is drawn, in pixels per inch of the figure
#: (CSS px): 1 pt of text is dpi/72 px. At the lower end, 84, the smallest text of the
#: classroom style (12 pt legends) is 14 CSS px, tick labels (14 pt) 16 px; at the upper
#: end, 100, the figure is drawn at the size it was designed for. Between the two, a
#: picture narrower than its design keeps more of its inches (so its panels do not
#: crowd) and a wider one grows in inches, not in font size.
MIN_DPI, MAX_DPI = 84.0, 100.0
#: A picture narrower than its design keeps at least this share of its design height in
#: inches: its panels stay tall enough to read instead of shrinking with the width.
MIN_HEIGHT_SHARE = 0.8
#: Width changes smaller than this (CSS px) are ignored: no redraw for a scroll bar.
RESIZE_THRESHOLD = 4.0
#: Space kept free below the status line in presenter layout (CSS px).
ROOM_MARGIN = 12.0
#: Width reserved for ipympl's toolbar beside a live canvas (CSS px).
LIVE_TOOLBAR_WIDTH = 48.0

# What a page may report (it is a message from outside the kernel: a crafted one, or a
# browser in a strange state, must not make the kernel draw a picture it cannot hold).
#: Narrower than this (CSS px) is not a picture (a hidden or collapsed output): ignored.
MIN_WIDTH = 50.0
#: Wider than this (CSS px, a 4K screen) is drawn at this width and scaled by the browser.
MAX_WIDTH = 3840.0
#: Device-pixel ratios outside this range are moved into it (browser zoom 25 % to 500 %).
PIXEL_RATIOS = (0.25, 5.0)
#: The most image pixels a picture is drawn with across (a 4K screen's width): beyond
#: it the pixel ratio is lowered, so a picture never costs more than ~40 MB to draw.
MAX_IMAGE_WIDTH = 4096.0
#: The tallest screen (CSS px) a room or chrome report is believed up to.
MAX_ROOM = 4320.0


@dataclass(frozen=True)
class PageSize:
    """What the page reported, checked: ``width`` (CSS px), ``pixel_ratio`` (image px per
    CSS px), ``room`` (the screen height the explorer may use, 0 = unknown) and ``chrome``
    (the explorer's height without its picture), all finite and within bounds."""

    width: float
    pixel_ratio: float
    room: float
    chrome: float


#: The page a picture is drawn for before any page reports its width: 1000 CSS px at pixel
#: ratio 1. A notebook's stored still (what decks, handouts, nbviewer and GitHub show) is
#: drawn for it, so it fits a 1024×768 slide (1006 CSS px of room) pixel for pixel with
#: tick labels of 16 px or more (``MIN_DPI``) instead of being scaled down from its design.
STILL_PAGE = PageSize(1000.0, 1.0, 0.0, 0.0)


def _finite(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) else default


def page_size(page: Picture) -> PageSize | None:
    """The sizes ``page`` reported, validated and clamped (see ``MIN_WIDTH`` to
    ``MAX_ROOM``); None before any report or for a width that is not a picture's (not a
    finite number of at least ``MIN_WIDTH`` CSS px)."""
    width = _finite(page.width, 0.0)
    if width < MIN_WIDTH:
        return None
    width = min(width, MAX_WIDTH)
    ratio = _finite(page.pixel_ratio, 1.0)
    ratio = 1.0 if ratio <= 0 else min(max(ratio, PIXEL_RATIOS[0]), PIXEL_RATIOS[1])
    ratio = min(ratio, MAX_IMAGE_WIDTH / width)
    room = min(max(_finite(page.room, 0.0), 0.0), MAX_ROOM)
    chrome = min(max(_finite(page.chrome, 0.0), 0.0), room or MAX_ROOM)
    return PageSize(width, ratio, room, chrome)


#: A panel narrower than this (inches, 260 CSS px at ``MIN_DPI``) cannot hold its tick
#: labels and title at classroom sizes: a row of panels that would be is laid out in
#: several rows instead (``panel_columns``).
MIN_PANEL_WIDTH = 3.1


def panel_columns(width_inches: float, panels: int) -> int:
    """How many of a row of ``panels`` panels fit side by side in ``width_inches``."""
    return max(1, min(panels, int(width_inches // MIN_PANEL_WIDTH)))


def _heights(
    design: tuple[float, float], width: float, panels: int, columns: int
) -> tuple[float, float]:
    """(dpi, height in CSS px) of a picture ``width`` CSS px wide whose row of ``panels``
    is laid out in ``columns`` columns (see ``fitted_size``), before any room limit."""
    design_w, design_h = design
    dpi = min(max(width / design_w, MIN_DPI), MAX_DPI)
    height = width * design_h / design_w
    height = max(height, min(MIN_HEIGHT_SHARE * design_h * dpi, width))
    if columns < panels:
        rows = -(-panels // columns)
        height = rows * min(width / columns * design_h / (design_w / panels), design_h * dpi)
    return dpi, height


def fitted_columns(
    design: tuple[float, float],
    width: float,
    room: float = 0.0,
    chrome: float = 0.0,
    panels: int = 1,
) -> int:
    """How many columns a row of ``panels`` is laid out in at ``width`` CSS px: as many as
    fit (``panel_columns``), but all of them when the rows would not fit the ``room`` of
    presenter layout (rows squeezed into one screen would run into each other)."""
    dpi, _height = _heights(design, width, panels, panels)
    columns = panel_columns(width / dpi, panels)
    if columns < panels and room > 0:
        _dpi, stacked = _heights(design, width, panels, columns)
        if stacked > room - chrome - ROOM_MARGIN:
            return panels
    return columns


def fitted_size(
    design: tuple[float, float],
    width: float,
    room: float = 0.0,
    chrome: float = 0.0,
    panels: int = 1,
) -> tuple[float, float, float]:
    """(dpi, width, height): the figure's resolution in CSS px per inch and its size in
    CSS px for a page width of ``width`` CSS px. The height follows the design's aspect,
    but a narrow picture keeps ``MIN_HEIGHT_SHARE`` of its design height in inches (no
    more than its width); a row of ``panels`` too narrow to stand side by side is laid
    out in rows (``fitted_columns``), each as tall as its panels' design aspect asks;
    with ``room`` > 0 (presenter layout) the height leaves ``chrome`` + a margin free
    within ``room``."""
    columns = fitted_columns(design, width, room, chrome, panels)
    dpi, height = _heights(design, width, panels, columns)
    if room > 0:
        height = min(height, max(room - chrome - ROOM_MARGIN, 0.3 * width, 200.0))
    return dpi, float(width), float(round(height))


def _row_panels(fig: Figure) -> list:
    """The axes of ``fig`` laid out in one row of a grid, one cell each, left to right, with
    the grid cell each was made in (kept on the figure: ``reflow`` moves them)."""
    if not hasattr(fig, "_gradviz_row"):
        cells = [(ax, ax.get_subplotspec()) for ax in fig.axes]
        cells = [(ax, spec) for ax, spec in cells if spec is not None]
        grids = {id(spec.get_gridspec()) for _ax, spec in cells}
        one_row = all(
            spec.get_gridspec().nrows == 1 and spec.colspan.stop - spec.colspan.start == 1
            for _ax, spec in cells
        )
        fig._gradviz_row = (
            sorted(cells, key=lambda c: c[1].colspan.start) if len(grids) == 1 and one_row else []
        )
    return fig._gradviz_row


def reflow(fig: Figure) -> None:
    """Lay a row of panels out in the columns ``fit_figure`` chose (``fitted_columns``; by
    default as many as fit the figure's width), row after row; all in one row again when
    they fit."""
    cells = _row_panels(fig)
    if len(cells) < 2:
        return
    columns = getattr(fig, "_gradviz_columns", None)  # set by fit_figure, if it ran
    columns = columns or panel_columns(fig.get_figwidth(), len(cells))
    if columns >= len(cells):
        for ax, spec in cells:
            if ax.get_subplotspec() is not spec:
                ax.set_subplotspec(spec)
        return
    grid = fig.add_gridspec(-(-len(cells) // columns), columns)
    for i, (ax, _spec) in enumerate(cells):
        ax.set_subplotspec(grid[i // columns, i % columns])


def fit_figure(
    fig: Figure, design: tuple[float, float], size: PageSize, *, presenter: bool, live_canvas: bool
) -> bool:
    """Size ``fig``, designed at ``design`` inches, to the page ``size`` (a report checked
    by ``page_size``, or ``STILL_PAGE``). True when the size changed.

    The picture is drawn at the page's width times its device-pixel ratio, so it is
    shown pixel for pixel, with 1 pt of text = dpi/72 CSS px (see ``fitted_size``).
    In presenter layout its height also leaves room for the controls and the status
    line on the screen. A ``live_canvas`` (ipympl) keeps its own resolution and leaves
    room for its toolbar.
    """
    width = max(size.width - (LIVE_TOOLBAR_WIDTH if live_canvas else 0.0), MIN_WIDTH)
    room = size.room if presenter else 0.0
    panels = len(_row_panels(fig)) or 1
    dpi, w, h = fitted_size(design, width, room, size.chrome, panels)
    fig._gradviz_columns = fitted_columns(design, width, room, size.chrome, panels)
    if live_canvas:
        # ipympl keeps its own resolution (fig.dpi / device-pixel ratio px per inch).
        ratio = getattr(fig.canvas, "device_pixel_ratio", 1.0)
        dpi, ratio = fig.dpi / ratio, 1.0
    else:
        ratio = size.pixel_ratio
    now_w, now_h = fig.get_figwidth() * fig.dpi / ratio, fig.get_figheight() * fig.dpi / ratio
    same_dpi = live_canvas or abs(fig.dpi - dpi * ratio) < 0.5
    if same_dpi and abs(now_w - w) < RESIZE_THRESHOLD and abs(now_h - h) < RESIZE_THRESHOLD:
        return False
    if not live_canvas:
        fig.set_dpi(dpi * ratio)
    fig.set_size_inches(w / dpi, h / dpi, forward=live_canvas)
    return True
