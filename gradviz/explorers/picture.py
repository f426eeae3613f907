"""How an explorer's figure reaches the page: the ``Picture`` widget.

``Picture`` shows the PNG the kernel sends (the static layer; the animated layer is
painted over it from a display list, ``display_list.py`` and ``replay.py``) at the width
the page gives it, and reports that width, the device-pixel ratio and the screen's room
back to the kernel, which draws the next picture at exactly that size (``fit.py``,
``layout.py``). Until a page reports (nbval, tests, static exports) the figure is drawn at
the size it was designed at. Under ipympl (``%matplotlib widget``) the live canvas is the
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

from gradviz.explorers.fit import LIVE_TOOLBAR_WIDTH, RESIZE_THRESHOLD, page_size
from gradviz.explorers.replay import REPLAY_JS
from gradviz.style import INK_CSS

__all__ = [
    "Picture",
    "canvas_png",
    "fit_live_figure",
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
    """Encode what the figure's canvas holds now as a PNG (fastest compression), with its
    resolution (image px per inch of the figure) stated, as matplotlib's own PNGs do."""
    canvas = fig.canvas
    width, height = canvas.get_width_height(physical=True)
    image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1, dpi=(fig.dpi, fig.dpi))
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
