"""The machinery of the live explorers: controls wired to a figure that keeps up.

Every explorer (one module per topic in this package) is built the same way, so a
student can read one and know them all:

1. draw a figure once, keeping the artists that will change;
2. write ``draw_static(**values)`` for the expensive picture that depends on only a
   few controls (a surface's contours, say), if there is one;
3. write a plain ``update(**values)`` that moves the kept artists for the current
   control values and returns a line of text for the status bar;
4. hand figure, controls, ``update`` and ``static=draw_static`` to ``Explorer``, then
   call ``explorer.refresh()``; ``update`` can name ``explorer`` directly.

``Explorer`` observes the controls, calls ``update`` and shows the new picture:
under the default inline backend as a PNG in a ``Picture`` widget, under ipympl
(``%matplotlib widget``) as the live canvas that can be zoomed and rotated.

Size: the picture takes the width the page gives it and is drawn at that width times
the screen's device-pixel ratio (not a large PNG scaled down), at 84 to 100 px per
inch, so 14 pt tick labels are 16 to 19 CSS px on any screen. ``Picture`` reports the
width from the browser; until one does (nbval, tests, static exports) the figure is
drawn at the size it was designed at. ``present(explorer)`` (``gv.present``) is the
presenter layout for a projector: compact control rows, and a picture whose height
leaves room for the controls and the status line on one screen, 1024×768 included.

Speed: ``draw_static`` runs only when one of ``static_controls`` changes; its artists
are replaced as a whole. The artists listed as ``animated`` are drawn on top of a
cached picture of everything else (blitting), so dragging a slider redraws a few
lines instead of a 200×200 contour plot. The full figure is redrawn only after the
static layer changed or an axis range moved.

Safety: an error inside ``update`` is shown as a message in the status bar, never
as a traceback, and warnings are caught. Saved notebooks keep a static picture of
the explorer, so GitHub, nbviewer and HTML exports show the figure.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence

import anywidget
import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
import traitlets
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gradviz.style import COLORS

__all__ = [
    "Explorer",
    "Picture",
    "canvas_png",
    "fit_live_figure",
    "fitted_size",
    "ipympl_active",
    "new_figure",
    "present",
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
      observer.disconnect();
      window.removeEventListener("resize", report);
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  },
};
"""

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
"""


class Picture(anywidget.AnyWidget):
    """An explorer's picture: PNG bytes shown at the width the page gives them.

    ``value`` holds the PNG. The front end reports ``width`` (CSS px), ``pixel_ratio``
    (``window.devicePixelRatio``), ``room`` (the height of the screen the explorer can
    use) and ``chrome`` (the explorer's height without the picture); they are 0 until a
    front end has shown the picture, as under nbval or a static export. Without ``value``
    it shows nothing and only measures (under ipympl, where the canvas is the picture).
    """

    _esm = _PICTURE_ESM
    _css = _PICTURE_CSS
    value = traitlets.Bytes(b"").tag(sync=True)
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


def _fit_titles(fig: Figure) -> bool:
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


def _limits(fig: Figure) -> list[tuple]:
    out = []
    for ax in fig.axes:
        lims = (ax.get_xlim(), ax.get_ylim())
        if hasattr(ax, "get_zlim"):
            lims += (ax.get_zlim(), ax.elev, ax.azim)
        out.append(lims)
    return out


class Explorer(widgets.VBox):
    """Controls + figure + status line, redrawn by a plain update function.

    ``controls`` maps each keyword of ``update`` to the widget that supplies it.
    ``update(**values)`` changes the figure's artists and returns a status text
    (HTML allowed). ``animated`` lists the artists ``update`` moves. ``static``,
    called with the values of ``static_controls`` only, draws the expensive part;
    what it adds to the figure is removed before it draws again, and
    ``static_values`` holds the values it last drew for (None before the first
    draw). Build the explorer, then call ``refresh()``. After each change ``error``
    holds the exception the update raised (or None), ``warnings`` the warnings it
    emitted, and ``full_redraws``/``blits`` count how it was drawn.

    ``picture`` is the ``Picture`` widget that shows the figure and reports the page's
    width; a new width redraws the figure in full at that width (``fit``). Every
    explorer can be projected in presenter layout with ``explorer.present()`` or
    ``gv.present(explorer)``.
    """

    def __init__(
        self,
        figure: Figure,
        controls: Mapping[str, widgets.ValueWidget],
        update: Callable[..., str | None],
        *,
        title: str = "explorer",
        animated: Sequence[Artist] = (),
        static: Callable[..., None] | None = None,
        static_controls: Sequence[str] = (),
        extra: Sequence[widgets.Widget] = (),
    ) -> None:
        self.figure = figure
        self.controls = dict(controls)
        self.update_function = update
        self.title = title
        self.animated = list(animated)
        self.static = static
        self.static_controls = tuple(static_controls)
        self.static_values: dict[str, object] | None = None
        self._static_artists: list[Artist] = []
        self.error: Exception | None = None
        self.warnings: list[str] = []
        self.full_redraws = 0
        self.blits = 0
        self._held = False
        self._background = None
        self.live_canvas = ipympl_active()
        for artist in self.animated:
            artist.set_animated(True)
            artist.set_in_layout(False)  # a point flung far away must not squash the axes
        # Lay out on demand only: the engine is kept and run at full redraws.
        self._layout = figure.get_layout_engine()
        figure.set_layout_engine("none")
        figure.canvas.mpl_connect("draw_event", self._on_draw)
        # The size the figure was designed at: what is drawn until a page reports its width.
        self.design_size = tuple(float(v) for v in figure.get_size_inches())
        self.presenter = False
        self.picture = Picture(alt=title)
        self.view = figure.canvas if self.live_canvas else self.picture
        self.status = widgets.HTML(
            layout=widgets.Layout(min_height="2.5em"), style={"font_size": "16px"}
        )
        self.status.add_class("gradviz-status")
        self.controls_box = widgets.Box(
            list(self.controls.values()) + list(extra),
            layout=widgets.Layout(flex_flow="row wrap", justify_content="flex-start"),
        )
        self.controls_box.add_class("gradviz-controls")
        # Under ipympl the picture only measures the page; the canvas shows the figure.
        shown = [self.picture, self.view] if self.live_canvas else [self.view]
        super().__init__([self.controls_box, *shown, self.status])
        self.add_class("gradviz-explorer")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.picture.observe(self._on_page, names=["width", "pixel_ratio", "room", "chrome"])

    # --- reading the controls ----------------------------------------------------

    def values(self) -> dict[str, object]:
        """The current value of every control, by keyword."""
        return {name: control.value for name, control in self.controls.items()}

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Change several controls at once with a single redraw at the end."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
        self.refresh()

    def set_quietly(self, widget: widgets.Widget, **attributes) -> None:
        """Change a widget's attributes (range, value) without triggering a redraw.

        Range changes are applied so that ``min <= value <= max`` holds throughout.
        """
        self._held, was_held = True, self._held
        try:
            lo, hi = attributes.pop("min", None), attributes.pop("max", None)
            if lo is not None and hasattr(widget, "min"):
                widget.min = min(lo, widget.min)
            if hi is not None and hasattr(widget, "max"):
                widget.max = max(hi, widget.max)
            for name, value in attributes.items():
                setattr(widget, name, value)
            if lo is not None:
                widget.min = lo
            if hi is not None:
                widget.max = hi
        finally:
            self._held = was_held

    def _on_change(self, _change: dict) -> None:
        if not self._held:
            self.refresh(full=False)

    # --- fitting the page ---------------------------------------------------------------

    def _on_page(self, _change: dict | None = None) -> None:
        if self.fit():
            self.refresh()

    def fit(self) -> bool:
        """Size the figure to the width the page reported (no-op before any report).

        The picture is drawn at the page's width times its device-pixel ratio, so it is
        shown pixel for pixel, with 1 pt of text = dpi/72 CSS px (see ``fitted_size``).
        In presenter layout its height also leaves room for the controls and the status
        line on the screen. Returns True when the size changed (call ``refresh()`` then).
        """
        page = self.picture
        if page.width < 50:
            return False
        fig = self.figure
        width = page.width - (LIVE_TOOLBAR_WIDTH if self.live_canvas else 0.0)
        room = page.room if self.presenter else 0.0
        dpi, w, h = fitted_size(self.design_size, width, room, page.chrome)
        if self.live_canvas:
            # ipympl keeps its own resolution (fig.dpi / device-pixel ratio px per inch).
            ratio = getattr(fig.canvas, "device_pixel_ratio", 1.0)
            dpi, ratio = fig.dpi / ratio, 1.0
        else:
            ratio = page.pixel_ratio or 1.0
        now_w, now_h = fig.get_figwidth() * fig.dpi / ratio, fig.get_figheight() * fig.dpi / ratio
        same_dpi = self.live_canvas or abs(fig.dpi - dpi * ratio) < 0.5
        if same_dpi and abs(now_w - w) < RESIZE_THRESHOLD and abs(now_h - h) < RESIZE_THRESHOLD:
            return False
        if not self.live_canvas:
            fig.set_dpi(dpi * ratio)
        fig.set_size_inches(w / dpi, h / dpi, forward=self.live_canvas)
        self._background = None
        return True

    def present(self) -> Explorer:
        """Switch to presenter layout (see ``gradviz.present``) and return the explorer."""
        self.presenter = True
        self.add_class("gradviz-presenter")
        for control in self.controls_box.children:
            if isinstance(control, widgets.Play):
                continue
            control.layout.width = "auto"
            control.layout.flex = "1 1 290px"
            control.layout.max_width = "480px"
        if self.fit():
            self.refresh()
        return self

    # --- drawing -------------------------------------------------------------------

    def refresh(self, full: bool = True) -> None:
        """Redraw the static layer if its controls changed, run ``update`` for the current
        values and show the new picture (in full, or blitted when nothing else moved)."""
        before = _limits(self.figure)
        with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
            warnings.simplefilter("always")
            try:
                full = self._redraw_static() or full
                message = self.update_function(**self.values())
                self.error = None
            except Exception as err:  # a slider position must never show a traceback
                self.error = err
                message = (
                    f'<span style="color:{COLORS["vermillion"]}"><b>This setting cannot be '
                    f"drawn:</b> {html.escape(str(err))}</span>"
                )
            full = full or self._background is None or _limits(self.figure) != before
            self._draw(full)
            self.warnings = [str(w.message) for w in caught]
        self.status.value = message or ""

    def _redraw_static(self) -> bool:
        """Draw the static layer again if one of its controls changed; True if it did."""
        now = {name: self.controls[name].value for name in self.static_controls}
        if self.static is None or now == self.static_values:
            return False
        for artist in self._static_artists:
            artist.remove()
        before = {id(a) for ax in self.figure.axes for a in ax.get_children()}
        self.static(**now)
        self.static_values = now
        self._static_artists = [
            a for ax in self.figure.axes for a in ax.get_children() if id(a) not in before
        ]
        return True

    def _on_draw(self, _event) -> None:
        """After every full draw: keep the picture without the animated artists."""
        canvas = self.figure.canvas
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._draw_animated()

    def _draw_animated(self) -> None:
        for artist in self.animated:
            if artist.get_visible():
                if hasattr(artist, "do_3d_projection"):  # 3-D polygons project in Axes3D.draw
                    artist.do_3d_projection()
                self.figure.draw_artist(artist)

    def _draw(self, full: bool) -> None:
        canvas = self.figure.canvas
        if full:
            self.full_redraws += 1
            if self._layout is not None:
                if any(ax.name == "3d" for ax in self.figure.axes):
                    # 3-D axes know their true extent only after a draw.
                    self.figure.draw_without_rendering()
                self._layout.execute(self.figure)
                if _fit_titles(self.figure):
                    self._layout.execute(self.figure)
            if self.live_canvas:
                canvas.draw_idle()
                return
            canvas.draw()  # the draw_event handler caches the background, adds animated
        else:
            self.blits += 1
            canvas.restore_region(self._background)
            self._draw_animated()
            if self.live_canvas:
                canvas.blit(self.figure.bbox)
                return
        self.view.value = canvas_png(self.figure)

    # --- how it shows up in a notebook ------------------------------------------------

    def describe(self) -> str:
        """A one-line text summary (what a text-only viewer shows)."""
        settings = ", ".join(f"{k}={_fmt(v)}" for k, v in self.values().items())
        return f"<{self.title}: {settings}>"

    def snapshot_png(self) -> bytes:
        """PNG bytes of the explorer's current picture (drawn first if it never was)."""
        if self.full_redraws == 0:
            self.refresh()
        if not self.live_canvas:
            return self.view.value
        # Under ipympl, drawing on the live canvas here (before the front end has
        # connected) leaves it blank; savefig renders a copy, like ipympl itself does.
        for artist in self.animated:
            artist.set_animated(False)
        try:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png")
        finally:
            for artist in self.animated:
                artist.set_animated(True)
            self._background = None  # the next update redraws in full
        return buf.getvalue()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # A static picture of the current state, for viewers without a live kernel.
        bundle["image/png"] = base64.b64encode(self.snapshot_png()).decode("ascii")
        bundle["text/plain"] = self.describe()
        return bundle


def present(explorer: Explorer) -> Explorer:
    """The presenter layout, for projecting an explorer to a room: ``gv.present(explorer)``.

    The controls share one or two compact rows above the picture, the picture takes the
    page's whole width with its text at least 14 CSS px, and its height is cut so that
    controls, picture and status line fit on one screen (1024×768 included) with no
    scrolling. Show the result as a cell's last line; ``make present`` uses it for
    every page. Returns the explorer.
    """
    return explorer.present()


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return repr(value) if isinstance(value, str) else str(value)
