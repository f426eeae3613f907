"""Laying an explorer's figure out afresh at every size: titles, legends, panels.

The layout is computed from scratch at every size (``lay_out``), so a picture that went
narrow and back is the picture it was. Titles and x labels that would run out of a
narrow picture, or into the next panel's, are shrunk to fit (``fit_titles``); legends
that explain several panels sit under them, in as many columns as fit
(``legend_below``).
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.legend import Legend

from gradviz.explorers.fit import reflow

__all__ = ["MIN_TITLE_SIZE", "fit_legends", "fit_titles", "lay_out", "legend_below"]

#: Smallest font size (pt) a title (or an x label) is shrunk to so that it stays inside a
#: narrow picture and clear of its neighbours' (12 CSS px at 84 px per inch): a smaller
#: title is better than two that run into each other. Only narrow pictures need it.
MIN_TITLE_SIZE = 10.0

#: The most rounds of title fitting and layout ``lay_out`` runs for the titles to settle.
LAYOUT_ROUNDS = 3


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
                    text.set_fontsize(own)  # measured at its own size, as the sums below assume
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
    # Fitting the titles changes the margins, the engine then moves the axes, and a title
    # fitted to the old place may not fit the new one: again, until the titles stay.
    for _ in range(LAYOUT_ROUNDS):
        if not fit_titles(fig):
            break
        engine.execute(fig)
