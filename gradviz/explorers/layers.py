"""Static layers kept by axis limits, for explorers whose limits come and go.

A change of axis limits redraws an explorer in full: constrained layout and the whole
figure again, some 300 ms at a classroom width. The training explorer's step axis
moves between a few ranges (50, 100, 200, … steps) as its slider is dragged, and nothing
else of its static layer changes: ``KeptLayers`` keeps the layer drawn for each range
(the canvas's copy, its PNG, and where the layout put the axes), so that coming back to
a range shows that layer again at the cost of a blit. The layers are dropped when the
figure's size or static layer change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from gradviz.explorers.layout import lay_out
from gradviz.explorers.picture import canvas_png

if TYPE_CHECKING:  # base.py imports this module
    from gradviz.explorers.base import Explorer

__all__ = ["KeptLayers", "axis_limits", "keep_layer_ahead"]


def axis_limits(fig: Figure) -> tuple:
    """The limits (and 3-D view angles) of every axes of ``fig``: what a static layer
    depends on besides the figure's size and static artists."""
    out = []
    for ax in fig.axes:
        lims = (ax.get_xlim(), ax.get_ylim())
        if hasattr(ax, "get_zlim"):
            lims += (ax.get_zlim(), ax.elev, ax.azim)
        out.append(lims)
    return tuple(out)


class KeptLayers:
    """Up to ``size`` static layers of ``fig``, by axis limits (none when ``size`` is 0)."""

    def __init__(self, fig: Figure, size: int) -> None:
        self.fig, self.size = fig, size
        self._layers: OrderedDict[tuple, tuple] = OrderedDict()

    def keep(self, background, png: bytes) -> None:
        """Keep the static layer just drawn: ``background`` (the canvas's copy) and
        ``png`` (as sent to the page), with the axes' places, for the limits now."""
        if not self.size:
            return
        places = [
            (ax.get_position(True).frozen(), ax.get_position().frozen()) for ax in self.fig.axes
        ]
        self._layers[axis_limits(self.fig)] = (places, background, png)
        self._layers.move_to_end(axis_limits(self.fig))
        while len(self._layers) > self.size:
            self._layers.popitem(last=False)

    def __contains__(self, limits: tuple) -> bool:
        return limits in self._layers

    def restore(self) -> tuple | None:
        """The kept ``(background, png)`` for the limits now, the axes put back where
        that layer has them; None when no layer is kept for these limits."""
        layer = self._layers.get(axis_limits(self.fig))
        if layer is None:
            return None
        places, background, png = layer
        for ax, (original, active) in zip(self.fig.axes, places, strict=True):
            ax._set_position(original, which="original")
            ax._set_position(active, which="active")
        return background, png

    def clear(self) -> None:
        self._layers.clear()


def keep_layer_ahead(explorer: Explorer, shift: Callable[[], Callable[[], None]]) -> None:
    """Draw and keep (``keep_layers``) ``explorer``'s static layer for the axis limits
    ``shift()`` sets, ahead of time; ``shift`` returns what sets them back. The picture
    shown stays as it is (its own layer is put back)."""
    fig, layers = explorer.figure, explorer.layers
    if axis_limits(fig) not in layers or explorer._background is None:
        return  # nothing kept to come back to: the next change draws in full anyway
    back = shift()
    try:
        if axis_limits(fig) not in layers:
            lay_out(fig, explorer._layout)
            fig.canvas.draw()  # the explorer's draw_event handler keeps the new static layer
            fig.canvas.restore_region(explorer._background)
            layers.keep(explorer._background, canvas_png(fig))
    finally:
        back()
        kept = layers.restore()
        explorer._background = kept[0] if kept else None
