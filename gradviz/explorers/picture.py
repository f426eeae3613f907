"""How an explorer's figure reaches the page: the ``Picture`` widget and the fitting.

Size: the picture takes the width the page gives it and is drawn at that width times
the screen's device-pixel ratio (not a large PNG scaled down), at 84 to 100 px per
inch, so 14 pt tick labels are 16 to 19 CSS px on any screen. ``Picture`` reports the
width from the browser; until one does (nbval, tests, static exports) the figure is
drawn at the size it was designed at. In the presenter layout (``presenter.py``) the
picture's height also leaves room for the controls and the status line on one screen,
1024×768 included.

Titles that would run out of a narrow picture, or into the next panel's, are shrunk to
fit (``fit_titles``). Under ipympl (``%matplotlib widget``) the live canvas is the
picture and ``fit_live_figure`` sizes every pyplot figure to the notebook's width.
"""

from __future__ import annotations

import io

import anywidget
import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import PIL.Image
import traitlets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gradviz.explorers.replay import REPLAY_JS

__all__ = [
    "LIVE_TOOLBAR_WIDTH",
    "MAX_DPI",
    "MIN_DPI",
    "MIN_TITLE_SIZE",
    "RESIZE_THRESHOLD",
    "ROOM_MARGIN",
    "Picture",
    "canvas_png",
    "fit_figure",
    "fit_live_figure",
    "fit_titles",
    "fitted_size",
    "ipympl_active",
    "new_figure",
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
    _css = _PICTURE_CSS
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
#: Width changes smaller than this (CSS px) are ignored: no redraw for a scroll bar.
RESIZE_THRESHOLD = 4.0
#: Space kept free below the status line in presenter layout (CSS px).
ROOM_MARGIN = 12.0
#: Width reserved for ipympl's toolbar beside a live canvas (CSS px).
LIVE_TOOLBAR_WIDTH = 48.0


def fitted_size(
    design: tuple[float, float], width: float, room: float = 0.0, chrome: float = 0.0
) -> tuple[float, float, float]:
    """(dpi, width, height): the figure's resolution in CSS px per inch and its size in
    CSS px for a page width of ``width`` CSS px; with ``room`` > 0 (presenter layout)
    its height leaves ``chrome`` + a margin free within ``room``."""
    design_w, design_h = design
    dpi = min(max(width / design_w, MIN_DPI), MAX_DPI)
    height = width * design_h / design_w
    if room > 0:
        height = min(height, max(room - chrome - ROOM_MARGIN, 0.3 * width, 200.0))
    return dpi, float(width), float(round(height))


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
        if sizer.width < 50:
            return
        dpi = fig.dpi / getattr(fig.canvas, "device_pixel_ratio", 1)
        avail = (sizer.width - LIVE_TOOLBAR_WIDTH) / dpi
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
    before any report). True when the size changed.

    The picture is drawn at the page's width times its device-pixel ratio, so it is
    shown pixel for pixel, with 1 pt of text = dpi/72 CSS px (see ``fitted_size``).
    In presenter layout its height also leaves room for the controls and the status
    line on the screen. A ``live_canvas`` (ipympl) keeps its own resolution and leaves
    room for its toolbar.
    """
    if page.width < 50:
        return False
    width = page.width - (LIVE_TOOLBAR_WIDTH if live_canvas else 0.0)
    room = page.room if presenter else 0.0
    dpi, w, h = fitted_size(design, width, room, page.chrome)
    if live_canvas:
        # ipympl keeps its own resolution (fig.dpi / device-pixel ratio px per inch).
        ratio = getattr(fig.canvas, "device_pixel_ratio", 1.0)
        dpi, ratio = fig.dpi / ratio, 1.0
    else:
        ratio = page.pixel_ratio or 1.0
    now_w, now_h = fig.get_figwidth() * fig.dpi / ratio, fig.get_figheight() * fig.dpi / ratio
    same_dpi = live_canvas or abs(fig.dpi - dpi * ratio) < 0.5
    if same_dpi and abs(now_w - w) < RESIZE_THRESHOLD and abs(now_h - h) < RESIZE_THRESHOLD:
        return False
    if not live_canvas:
        fig.set_dpi(dpi * ratio)
    fig.set_size_inches(w / dpi, h / dpi, forward=live_canvas)
    return True


#: Smallest font size (pt) a title is shrunk to so that it stays inside a narrow picture
#: and clear of its neighbours' (12 CSS px at 84 px per inch): a smaller title is better
#: than two that run into each other. Only pictures narrower than a projector's need it.
MIN_TITLE_SIZE = 10.0


def _title_span(fig: Figure, ax) -> tuple[float, float]:
    """The horizontal pixels ``ax``'s title may use: up to half-way to the next titled axes
    on either side (in the same row), or to the figure's edge."""
    width = fig.bbox.width
    own = ax.get_position()
    left, right = 0.0, width
    for other in fig.axes:
        box = other.get_position()
        if other is ax or box.y1 <= own.y0 or box.y0 >= own.y1:
            continue  # not beside it
        if not any(t.get_text() for t in (other.title, other._left_title, other._right_title)):
            continue  # no title to run into (a colour bar, say)
        if box.x1 <= own.x0 + 1e-3:
            left = max(left, (box.x1 + own.x0) / 2 * width)
        elif box.x0 >= own.x1 - 1e-3:
            right = min(right, (own.x1 + box.x0) / 2 * width)
    return left, right


def fit_titles(fig: Figure) -> bool:
    """Shrink axes titles that would stick out of the figure or run into the next panel's
    (a narrow page) to fit, down to ``MIN_TITLE_SIZE``; restore their own size when there
    is room. True if any changed."""
    renderer = fig.canvas.get_renderer()
    changed = False
    for ax in fig.axes:
        for title in (ax.title, ax._left_title, ax._right_title):
            if not title.get_text() or not title.get_visible():
                continue
            own = title.__dict__.setdefault("_gradviz_size", title.get_fontsize())
            size = title.get_fontsize()
            title.set_fontsize(own)
            box = title.get_window_extent(renderer)
            left, right = _title_span(fig, ax)
            if box.x0 < left or box.x1 > right:
                center = (box.x0 + box.x1) / 2
                room = 2 * max(min(center - left, right - center), 1.0)
                title.set_fontsize(max(own * room / box.width * 0.97, MIN_TITLE_SIZE))
            changed |= title.get_fontsize() != size
    return changed
