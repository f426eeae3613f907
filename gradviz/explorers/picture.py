"""How an explorer's figure reaches the page: the ``Picture`` widget and the fitting.

Size: the picture takes the width the page gives it and is drawn at that width times
the screen's device-pixel ratio (not a large PNG scaled down), at 84 to 100 px per
inch, so 14 pt tick labels are 16 to 19 CSS px on any screen. ``Picture`` reports the
width from the browser; until one does (nbval, tests, static exports) the figure is
drawn at the size it was designed at. In the presenter layout (``presenter.py``) the
picture's height also leaves room for the controls and the status line on one screen,
1024×768 included.

The layout is computed afresh at every size (``lay_out``), so a picture that went
narrow and back is the picture it was. Titles and x labels that would run out of a
narrow picture, or into the next panel's, are shrunk to fit (``fit_titles``); legends
that explain several panels sit under them, in as many columns as fit
(``legend_below``). Under ipympl (``%matplotlib widget``) the live canvas is the
picture and ``fit_live_figure`` sizes every pyplot figure to the notebook's width.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import anywidget
import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import PIL.Image
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from gradviz.explorers.replay import REPLAY_JS
from gradviz.style import INK_CSS

__all__ = [
    "LIVE_TOOLBAR_WIDTH",
    "MAX_DPI",
    "MAX_IMAGE_WIDTH",
    "MAX_WIDTH",
    "MIN_DPI",
    "MIN_PANEL_WIDTH",
    "MIN_TITLE_SIZE",
    "MIN_WIDTH",
    "RESIZE_THRESHOLD",
    "ROOM_MARGIN",
    "PageSize",
    "Picture",
    "canvas_png",
    "fit_figure",
    "fit_legends",
    "fit_live_figure",
    "fit_titles",
    "fitted_columns",
    "fitted_size",
    "ipympl_active",
    "lay_out",
    "legend_below",
    "new_figure",
    "page_size",
    "panel_columns",
    "reflow",
]


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
        # The explorer fits its canvas to the page itself: no figure hook.
        with plt.ioff(), matplotlib.rc_context({"figure.hooks": []}):
            fig = plt.figure(**figure_kw)
        fig.canvas.header_visible = False
        fig.canvas.resizable = False  # the explorer sets its size from the page's width
        fig.canvas.toolbar_position = "right"
        return fig
    fig = Figure(**figure_kw)
    FigureCanvasAgg(fig)
    return fig


def canvas_png(fig: Figure) -> bytes:
    """Encode what the figure's canvas holds now as a PNG (fastest compression)."""
    canvas = fig.canvas
    width, height = canvas.get_width_height(physical=True)
    image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


# --- the picture in the page: PNG bytes shown at the width the page gives ----------------

#: The explorer's picture, in the browser. It shows the PNG the kernel sends (a Blob behind
#: an object URL, no base64), at 100 % of the width it is given, and reports that width in
#: CSS px, the device-pixel ratio, the height of the screen the explorer can use (``room``)
#: and the height of everything in the explorer but the picture (``chrome``), so that the
#: kernel can draw the next picture at exactly that size.
_PICTURE_ESM = r"""
// The element that scrolls the document the explorer is in (JupyterLab's notebook panel,
// say), or null for the window. Containers that merely wrap the explorer (an output area
// with overflow: auto) are skipped: measuring them would feed the picture's height back.
function scroller(el) {
  const own = el.getBoundingClientRect().height;
  for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
    const y = getComputedStyle(n).overflowY;
    if ((y !== "auto" && y !== "scroll") || n.closest(".jp-OutputArea")) continue;
    if (n.scrollHeight > n.clientHeight + 1 || n.clientHeight > own + 40) return n;
  }
  return null;
}

function measure(el) {
  const box = el.getBoundingClientRect();
  const explorer = el.closest(".gradviz-explorer") || el;
  const outer = explorer.getBoundingClientRect();
  const area = scroller(explorer);
  const top = area ? Math.max(area.getBoundingClientRect().top, 0) : 0;
  const bottom = area ? Math.min(area.getBoundingClientRect().bottom, window.innerHeight)
                      : window.innerHeight;
  let room = bottom - top;
  // What sits above the explorer on the first screen (a page title) takes from its room.
  const scrolled = area ? area.scrollTop : window.scrollY;
  const above = outer.top - top + scrolled;
  if (above > 0 && above < 0.4 * room) room -= above;
  return {
    width: Math.round(box.width),
    pixel_ratio: window.devicePixelRatio || 1,
    room: Math.round(room),
    chrome: Math.round(outer.height - box.height),
  };
}

export default {
  render({ model, el }) {
    el.classList.add("gradviz-picture");
    const img = document.createElement("img");
    img.alt = model.get("alt");
    el.appendChild(img);
    const stopReplay = replay(model, el, img);  // the animated layer (replay.py)
    let url = null;
    const show = () => {
      const bytes = model.get("value");
      if (!bytes || bytes.byteLength === 0) { img.style.display = "none"; return; }
      const next = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
      img.src = next;
      img.style.display = "";
      if (url) URL.revokeObjectURL(url);
      url = next;
    };
    model.on("change:value", show);
    show();
    let timer = null;
    const report = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!el.isConnected || el.offsetParent === null) return;  // hidden: keep the size
        const now = measure(el);
        if (now.width < 50) return;
        let changed = false;
        for (const [key, value] of Object.entries(now)) {
          const moved = key === "pixel_ratio" ? model.get(key) !== value
                                              : Math.abs(model.get(key) - value) >= 2;
          if (moved) {
            model.set(key, value);
            changed = true;
          }
        }
        if (changed) model.save_changes();
      }, 120);
    };
    const observer = new ResizeObserver(report);
    observer.observe(el);
    // A status line that grows (or a control row that wraps) changes the room left.
    const explorer = el.closest(".gradviz-explorer");
    if (explorer) observer.observe(explorer);
    window.addEventListener("resize", report);
    report();
    return () => {
      stopReplay();
      observer.disconnect();
      window.removeEventListener("resize", report);
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  },
};
"""  # i18n: code

#: Page-wide rules for the explorers (injected once, with the first picture).
_PICTURE_CSS = """
.gradviz-picture { width: 100%; min-width: 0; line-height: 0; }
.gradviz-picture img { width: 100%; height: auto; display: block; }
.gradviz-explorer { min-width: 0; }
.gradviz-status td { white-space: nowrap; }
.gradviz-status table, .gradviz-status th, .gradviz-status td { line-height: 1.25; }
.gradviz-presenter .gradviz-controls { gap: 0 12px; }
.gradviz-presenter .gradviz-controls .widget-inline-hbox { margin-top: 1px; margin-bottom: 1px; }
.gradviz-presenter .gradviz-status table {
  font-size: 14px !important; border-spacing: 12px 0 !important;
}
.gradviz-presenter .gradviz-status .widget-html-content { line-height: 1.35; }
/* On a projector (presenter layout, JupyterLab's Presentation Mode): labels, readouts and
   menus at 16 px, read from the back row (ipywidgets' own are 13 px). */
.gradviz-presenter, .jp-mod-presentationMode .gradviz-explorer {
  --jp-widgets-font-size: 16px;
  --jp-widgets-inline-height: 32px;
}
.gradviz-presenter .gradviz-controls :is(.widget-label, .widget-readout, select, button),
.jp-mod-presentationMode .gradviz-controls :is(.widget-label, .widget-readout, select, button) {
  font-size: 16px;
}
"""  # i18n: code


class Picture(anywidget.AnyWidget):
    """An explorer's picture: PNG bytes shown at the width the page gives them.

    ``value`` holds the PNG. The front end reports ``width`` (CSS px), ``pixel_ratio``
    (``window.devicePixelRatio``), ``room`` (the height of the screen the explorer can
    use) and ``chrome`` (the explorer's height without the picture); they are 0 until a
    front end has shown the picture, as under nbval or a static export. Without ``value``
    it shows nothing and only measures (under ipympl, where the canvas is the picture).
    """

    _esm = REPLAY_JS + _PICTURE_ESM
    _css = _PICTURE_CSS + INK_CSS
    value = traitlets.Bytes(b"").tag(sync=True)
    #: The animated layer as a display list painted over ``value`` (see ``display_list``),
    #: or None when ``value`` is the whole picture.
    frame = traitlets.Dict(None, allow_none=True).tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Float(0.0).tag(sync=True)
    pixel_ratio = traitlets.Float(1.0).tag(sync=True)
    room = traitlets.Float(0.0).tag(sync=True)
    chrome = traitlets.Float(0.0).tag(sync=True)


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


def fit_live_figure(fig: Figure) -> None:
    """A ``figure.hooks`` entry (set by the classroom style): under ipympl, fit the live
    canvas of every new pyplot figure to the width of the notebook, keeping its font
    sizes; a figure narrower than the page keeps its size. Does nothing otherwise."""
    if not ipympl_active() or getattr(fig, "_gradviz_explorer", False):
        return
    from IPython.display import display

    sizer = Picture(layout=widgets.Layout(width="100%", height="0px"))
    design = tuple(fig.get_size_inches())

    def fit(_change=None) -> None:
        size = page_size(sizer)
        if size is None:
            return
        dpi = fig.dpi / getattr(fig.canvas, "device_pixel_ratio", 1)
        avail = (size.width - LIVE_TOOLBAR_WIDTH) / dpi
        width = min(design[0], avail)
        if abs(width - fig.get_figwidth()) * dpi > RESIZE_THRESHOLD:
            fig.set_size_inches(width, width * design[1] / design[0], forward=True)
            fig.canvas.draw_idle()

    sizer.observe(fit, names=["width"])
    display(sizer)


def fit_figure(
    fig: Figure, design: tuple[float, float], page: Picture, *, presenter: bool, live_canvas: bool
) -> bool:
    """Size ``fig``, designed at ``design`` inches, to the width ``page`` reported (no-op
    before any report; the report is checked by ``page_size``). True when the size changed.

    The picture is drawn at the page's width times its device-pixel ratio, so it is
    shown pixel for pixel, with 1 pt of text = dpi/72 CSS px (see ``fitted_size``).
    In presenter layout its height also leaves room for the controls and the status
    line on the screen. A ``live_canvas`` (ipympl) keeps its own resolution and leaves
    room for its toolbar.
    """
    size = page_size(page)
    if size is None:
        return False
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


#: Smallest font size (pt) a title (or an x label) is shrunk to so that it stays inside a
#: narrow picture and clear of its neighbours' (12 CSS px at 84 px per inch): a smaller
#: title is better than two that run into each other. Only narrow pictures need it.
MIN_TITLE_SIZE = 10.0


def _texts(ax, kind: str) -> list:
    """``ax``'s titles (``kind`` "title") or its x-axis label (``kind`` "xlabel")."""
    if kind == "title":
        return [ax.title, ax._left_title, ax._right_title]
    return [ax.xaxis.label]


def _title_span(fig: Figure, ax, kind: str = "title") -> tuple[float, float]:
    """The horizontal pixels ``ax``'s title (or x label, ``kind``) may use: up to half-way
    to the next axes on either side (in the same row) with such a text, or to the
    figure's edge."""
    width = fig.bbox.width
    own = ax.get_position()
    left, right = 0.0, width
    for other in fig.axes:
        box = other.get_position()
        if other is ax or box.y1 <= own.y0 or box.y0 >= own.y1:
            continue  # not beside it
        if not any(t.get_text() and t.get_visible() for t in _texts(other, kind)):
            continue  # no text to run into (a colour bar, say)
        if box.x1 <= own.x0 + 1e-3:
            left = max(left, (box.x1 + own.x0) / 2 * width)
        elif box.x0 >= own.x1 - 1e-3:
            right = min(right, (own.x1 + box.x0) / 2 * width)
    return left, right


def fit_titles(fig: Figure) -> bool:
    """Shrink axes titles and x labels that would stick out of the figure or run into the
    next panel's (a narrow page) to fit, down to ``MIN_TITLE_SIZE``, then break them in
    two lines if they still do not fit; restore their own size and text when there is
    room. True if any changed."""
    renderer = fig.canvas.get_renderer()
    changed = False
    for ax in fig.axes:
        for kind in ("title", "xlabel"):
            for text in _texts(ax, kind):
                if not text.get_text() or not text.get_visible():
                    continue
                own = text.__dict__.setdefault("_gradviz_size", text.get_fontsize())
                words = _own_text(text)
                before = (text.get_fontsize(), text.get_text())
                text.set_fontsize(own)
                text.set_text(words)
                left, right = _title_span(fig, ax, kind)
                for candidate in _wrapped(words):
                    text.set_text(candidate)
                    box = text.get_window_extent(renderer)
                    center = (box.x0 + box.x1) / 2
                    room = 2 * max(min(center - left, right - center), 1.0)
                    size = max(own * min(room / box.width * 0.97, 1.0), MIN_TITLE_SIZE)
                    text.set_fontsize(size)
                    if size * box.width / own <= room:
                        break  # fits at this size (else: the next line break)
                text._gradviz_text, text._gradviz_shown = words, text.get_text()
                changed |= (text.get_fontsize(), text.get_text()) != before
    return changed


def _own_text(text) -> str:
    """A title's text as its owner set it, before ``fit_titles`` broke it in lines (a text
    the owner changed since, such as a title an explorer updates, is taken as it is)."""
    shown = text.__dict__.get("_gradviz_shown")
    return text._gradviz_text if shown is not None and text.get_text() == shown else text.get_text()


def _wrapped(words: str) -> list[str]:
    """``words`` as it is, then broken in two lines at the space nearest its middle (for a
    text too long for its panel even at the smallest size); a text that has a line break
    or no space is only itself."""
    spaces = [i for i, c in enumerate(words) if c == " "]
    if "\n" in words or not spaces:
        return [words]
    middle = min(spaces, key=lambda i: abs(i - len(words) / 2))
    return [words, words[:middle] + "\n" + words[middle + 1 :]]


# --- legends under the panels ---------------------------------------------------------------


def legend_below(fig: Figure, handles: list, max_columns: int = 4, **kw) -> Legend:
    """A figure legend under the panels (outside the data it explains), whose number of
    columns (at most ``max_columns``) ``fit_legends`` fits to the figure's width at every
    layout. ``kw`` goes to ``Figure.legend``. Returns the legend."""
    spec = {"handles": list(handles), "max_columns": max_columns, "kw": kw}
    legend = fig.legend(
        handles=spec["handles"], loc="outside lower center", ncols=max_columns, **kw
    )
    legend._gradviz_below = spec
    return legend


def fit_legends(fig: Figure) -> None:
    """Give each ``legend_below`` legend the most columns (up to its maximum) that fit in
    the figure's width, rebuilding it when that number changed."""
    renderer = fig.canvas.get_renderer()
    for legend in list(fig.legends):
        spec = getattr(legend, "_gradviz_below", None)
        if spec is None:
            continue
        for columns in range(spec["max_columns"], 0, -1):
            if legend._ncols != columns:
                legend.remove()
                legend = fig.legend(
                    handles=spec["handles"], loc="outside lower center", ncols=columns, **spec["kw"]
                )
                legend._gradviz_below = spec
            if legend.get_window_extent(renderer).width <= 0.98 * fig.bbox.width:
                break


# --- laying the figure out ---------------------------------------------------------------------


def lay_out(fig: Figure, engine) -> None:
    """Lay ``fig`` out with its layout ``engine`` (constrained layout) from scratch: every
    axes back in its grid cell (a colour bar where it first was), every title at its own
    size, the legends under the panels fitted (``fit_legends``), then the engine, then
    titles fitted (``fit_titles``).

    The result depends on the figure's size and contents only, not on the layouts before
    it: laid out from where the last one left the axes, the engine would carry a narrow
    picture's margins into the next, and panels would shrink with every width change.
    """
    if engine is None:
        return
    reflow(fig)
    # Axes outside the grid (colour bars) go back to where they first were.
    homes = fig.__dict__.setdefault("_gradviz_homes", {})
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None:
            ax._set_position(spec.get_position(fig))
        else:
            ax._set_position(homes.setdefault(ax, ax.get_position(original=True).frozen()))
    for ax in fig.axes:
        for text in (*_texts(ax, "title"), *_texts(ax, "xlabel")):
            if "_gradviz_size" in text.__dict__:
                text.set_fontsize(text._gradviz_size)
                text.set_text(_own_text(text))
    fit_legends(fig)
    if any(ax.name == "3d" for ax in fig.axes):
        # 3-D axes know their true extent only after a draw.
        fig.draw_without_rendering()
    engine.execute(fig)
    if fit_titles(fig):
        engine.execute(fig)
