"""Sending an explorer's picture to the page: a static layer and display lists over it.

The static layer goes as a PNG, again only when it changed; the animated artists go as
a display list (``display_list.py``) with every change, or, when the list cannot express
them, the whole picture goes as one PNG.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure

from gradviz.explorers.display_list import Unsupported, record
from gradviz.explorers.picture import canvas_png

__all__ = ["show_frame", "still_png"]


def show_frame(
    picture,
    fig: Figure,
    background,
    draw_animated: Callable[[], None],
    animated,
    full: bool,
    static: bytes | None = None,
) -> None:
    """Show ``fig``'s state in ``picture`` (a ``Picture``): the static layer as a PNG (sent
    again only after a full draw, or given as ``static`` when a kept one comes back)
    with the ``animated`` artists as a display list over it, or, when the list cannot
    express them, the whole picture as one PNG.

    ``background`` is the canvas's static layer (``copy_from_bbox``); ``draw_animated``
    draws the animated artists on the canvas. After a full draw the canvas holds both.
    """
    canvas = fig.canvas
    try:
        frame = record(fig, animated)
    except Unsupported:
        if not full:
            canvas.restore_region(background)
            draw_animated()
        with picture.hold_sync():
            picture.frame, picture.value = None, canvas_png(fig)
        return
    if static is not None:
        with picture.hold_sync():
            picture.value, picture.frame = static, frame
    elif full or picture.frame is None:  # the page holds no bare static layer yet
        canvas.restore_region(background)
        with picture.hold_sync():
            picture.value, picture.frame = canvas_png(fig), frame
    else:
        picture.frame = frame


def still_png(picture, fig: Figure, background, draw_animated: Callable[[], None]) -> bytes:
    """PNG of the whole picture ``picture`` shows now: the static layer with the animated
    artists drawn by matplotlib (what static viewers and ``snapshot_png`` get)."""
    if picture.frame is None:
        return picture.value
    fig.canvas.restore_region(background)
    draw_animated()
    return canvas_png(fig)
