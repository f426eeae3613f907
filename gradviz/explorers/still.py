"""How an explorer shows up where no kernel runs: a still picture and a line of text.

A notebook stores, beside each explorer's widget, a PNG of its current picture (what
GitHub, nbviewer, the handouts and the slide decks show) and a one-line summary (what a
text-only viewer shows). Until a page reports its width the picture is drawn for
``fit.STILL_PAGE`` (1000 CSS px), so the still fits a 1024×768 slide pixel for pixel.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from gradviz.explorers.frames import still_png

if TYPE_CHECKING:  # base.py imports this module
    from gradviz.explorers.base import Explorer

__all__ = ["describe", "snapshot_png"]


def snapshot_png(explorer: Explorer) -> bytes:
    """PNG bytes of ``explorer``'s current picture (drawn first if it never was)."""
    if explorer.full_redraws == 0:
        explorer.refresh()
    if not explorer.live_canvas:
        return still_png(
            explorer.picture, explorer.figure, explorer._background, explorer._draw_animated
        )
    # Under ipympl, drawing on the live canvas here (before the front end has
    # connected) leaves it blank; savefig renders a copy, like ipympl itself does.
    for artist in explorer.animated:
        artist.set_animated(False)
    try:
        buf = io.BytesIO()
        explorer.figure.savefig(buf, format="png")
    finally:
        for artist in explorer.animated:
            artist.set_animated(True)
        explorer._background = None  # the next update redraws in full
    return buf.getvalue()


def describe(explorer: Explorer) -> str:
    """A one-line text summary of ``explorer``: its title and every control's value."""
    settings = ", ".join(f"{k}={_fmt(v)}" for k, v in explorer.values().items())
    return f"<{explorer.title}: {settings}>"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return repr(value) if isinstance(value, str) else str(value)
