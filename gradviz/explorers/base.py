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

The picture reaches the page in ``picture.py``, redrawn at the page's width (``fit.py``);
``present(explorer)`` (``presenter.py``) is the presenter layout for a projector.

Speed: ``draw_static`` runs only when one of ``static_controls`` changes; its artists
are replaced as a whole. The artists listed as ``animated`` are drawn on top of a
cached picture of everything else (blitting), so dragging a slider redraws a few
lines instead of a 200×200 contour plot. The full figure is redrawn only after the
static layer changed or an axis range moved.

Safety: an error inside ``update`` is shown as a message in the status bar, never
as a traceback, and warnings are caught. Saved notebooks keep a still picture of the
explorer (``still.py``), so GitHub, nbviewer, handouts and decks show the figure.
"""

from __future__ import annotations

import base64
import contextlib
import html
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from gradviz.explorers import presenter, still
from gradviz.explorers.fit import STILL_PAGE, fit_figure, fitted_size, page_size
from gradviz.explorers.frames import show_frame
from gradviz.explorers.layers import KeptLayers, axis_limits
from gradviz.explorers.layout import lay_out
from gradviz.explorers.picture import (  # noqa: F401  (re-exported: the names' old home)
    LIVE_TOOLBAR_WIDTH,
    Picture,
    canvas_png,
    fit_live_figure,
    ipympl_active,
    new_figure,
)
from gradviz.explorers.presenter import present
from gradviz.explorers.ranges import set_range_and_value
from gradviz.i18n import _
from gradviz.style import ink

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

    ``picture`` shows the figure and reports the page's width; a new width redraws the
    figure at that width (``fit``). ``explorer.present()`` is the presenter layout.
    ``keep_layers`` > 0 keeps that many static layers by axis limits (``layers.py``),
    for an explorer whose update changes nothing static but axis limits that come back.
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
        keep_layers: int = 0,
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
        self._static_failed = False
        self.error: Exception | None = None
        self.warnings: list[str] = []
        self.full_redraws = 0
        self.blits = 0
        self._held = False
        self._background = None
        self.live_canvas = ipympl_active()
        self.layers = KeptLayers(figure, 0 if self.live_canvas else keep_layers)
        for artist in self.animated:
            artist.set_animated(True)
            artist.set_in_layout(False)  # a point flung far away must not squash the axes
        # Lay out on demand only: the engine is kept and run at full redraws.
        self._layout = figure.get_layout_engine()
        figure.set_layout_engine("none")
        figure.canvas.mpl_connect("draw_event", self._on_draw)
        # The size the figure was designed at (its fonts' 100 dpi size), refitted to pages.
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
        """Change a widget's attributes (range, value) without triggering a redraw, in an
        order the page can follow (``ranges.set_range_and_value``)."""
        self._held, was_held = True, self._held
        try:
            set_range_and_value(widget, **attributes)
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
        """Size the figure to the width the page reported, or before any report to
        ``STILL_PAGE`` (a live ipympl canvas keeps its design size until a page reports);
        True when the size changed (call ``refresh()`` then). See ``fit_figure``."""
        size = page_size(self.picture)
        if size is None and self.live_canvas:
            return False
        changed = fit_figure(
            self.figure,
            self.design_size,
            size or STILL_PAGE,
            presenter=self.presenter,
            live_canvas=self.live_canvas,
        )
        if changed:
            self._background = None
            self.layers.clear()
        return changed

    def present(self) -> Explorer:
        """Switch to presenter layout (see ``gradviz.present``) and return the explorer."""
        return presenter.present(self)

    # --- drawing -------------------------------------------------------------------

    def refresh(self, full: bool = True) -> None:
        """Redraw the static layer if its controls changed, run ``update`` for the current
        values and show the new picture (in full, or blitted when nothing else moved).

        Whatever fails (the static layer, ``update`` or the drawing itself) is shown in the
        status line, and the next change starts afresh: a failure never sticks.
        """
        if self.full_redraws == 0:
            self.fit()  # the first picture: for the page's width, or STILL_PAGE's
        before = axis_limits(self.figure)
        with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
            warnings.simplefilter("always")
            try:
                full = self._redraw_static() or full
                message = self.update_function(**self.values())
                self.error = None
            except Exception as err:  # a slider position must never show a traceback
                message = self._failed(err)
            moved = axis_limits(self.figure) != before
            reuse = moved and not full and self._background is not None
            full = full or self._background is None or moved
            try:
                self._draw(full, reuse)
            except Exception as err:  # the picture keeps its last good state
                self._background = None  # the next change redraws in full
                message = self._failed(err)
            self.warnings = [str(w.message) for w in caught]
        self.status.value = message or ""

    def _failed(self, err: Exception) -> str:
        """Keep ``err`` as ``error``; the status line that says it."""
        self.error = err
        heading = _("This setting cannot be drawn:")
        return (
            f'<span class="{ink("vermillion")}"><b>{heading}</b> '  # i18n: code
            f"{html.escape(str(err))}</span>"
        )

    def _redraw_static(self) -> bool:
        """Draw the static layer again if one of its controls changed; True if it did.

        A static layer that fails part-way leaves no trace: what it added is kept for
        removal, and it is drawn again at the next change (even back to the old values).
        """
        now = {name: self.controls[name].value for name in self.static_controls}
        if self.static is None or (now == self.static_values and not self._static_failed):
            return False
        for artist in self._static_artists:
            with contextlib.suppress(ValueError, NotImplementedError):  # already gone
                artist.remove()
        self._static_artists = []
        before = {id(a) for ax in self.figure.axes for a in ax.get_children()}
        try:
            self.static(**now)
        except Exception:
            self._static_failed = True  # not drawn in full: draw it at the next change
            raise
        finally:
            self._static_artists = [
                a for ax in self.figure.axes for a in ax.get_children() if id(a) not in before
            ]
        self.static_values, self._static_failed = now, False
        self.layers.clear()
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

    def _show(self, full: bool, static: bytes | None = None) -> None:
        """Send the picture to the page: the static layer (``static``, or the canvas's if it
        was drawn in full) and the animated layer's frame (``frames.show_frame``)."""
        show_frame(
            self.picture, self.figure, self._background, self._draw_animated, self.animated,
            full, static,
        )  # fmt: skip

    def _draw(self, full: bool, reuse: bool = False) -> None:
        """Show the figure: drawn in full, or blitted; with ``reuse``, the static layer
        kept for the axis limits now (``layers.py``) if there is one."""
        kept = self.layers.restore() if reuse else None
        if kept is not None:
            self.blits += 1
            self._background, static = kept
            self._show(False, static)
            return
        canvas = self.figure.canvas
        if full:
            self.full_redraws += 1
            lay_out(self.figure, self._layout)
            if self.live_canvas:
                canvas.draw_idle()
                return
            canvas.draw()  # the draw_event handler caches the background, adds animated
        else:
            self.blits += 1
            if self.live_canvas:
                canvas.restore_region(self._background)
                self._draw_animated()
                canvas.blit(self.figure.bbox)
                return
        self._show(full)
        if full and self.picture.frame is not None:
            self.layers.keep(self._background, self.picture.value)

    # --- how it shows up in a notebook ------------------------------------------------

    def describe(self) -> str:
        """A one-line text summary (what a text-only viewer shows)."""
        return still.describe(self)

    def snapshot_png(self) -> bytes:
        """PNG bytes of the explorer's current picture (drawn first if it never was): the
        still a saved notebook keeps (see ``still.py``)."""
        return still.snapshot_png(self)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        # A static picture of the current state, for viewers without a live kernel.
        bundle["image/png"] = base64.b64encode(self.snapshot_png()).decode("ascii")
        bundle["text/plain"] = self.describe()
        return bundle
