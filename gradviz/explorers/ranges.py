"""Changing a slider's range and value together, in an order the page can follow."""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["set_range_and_value"]


def set_range_and_value(widget: widgets.Widget, **attributes) -> None:
    """Set a widget's attributes (``min``, ``max``, ``value``, anything else) so that
    ``min <= value <= max`` holds throughout, in one message to the page.

    Applied one by one, a slider would clamp the new value into its old range (and send
    the clamped value back), or refuse a ``min`` above its old ``max``: so the range is
    first widened to hold both old and new, then the value set, then the range narrowed.
    """
    with widget.hold_sync():
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
