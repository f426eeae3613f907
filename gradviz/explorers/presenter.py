"""The presenter layout: any explorer, projected to a room (``gv.present(explorer)``).

``make present`` shows every explorer this way, one per page.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

import ipywidgets as widgets

from gradviz.i18n import _

__all__ = ["present"]


class _Presentable(Protocol):
    """What the layout needs of an explorer (``base.Explorer``; not imported: base imports
    this module)."""

    presenter: bool
    controls_box: widgets.Box

    def add_class(self, name: str) -> object: ...
    def fit(self) -> bool: ...
    def refresh(self) -> None: ...


E = TypeVar("E", bound=_Presentable)


def present(explorer: E) -> E:
    """The presenter layout, for projecting an explorer to a room: ``gv.present(explorer)``.

    The controls share one or two compact rows above the picture, the picture takes the
    page's whole width with its text at least 14 CSS px, and its height is cut so that
    controls, picture and status line fit on one screen (1024×768 included) with no
    scrolling. Show the result as a cell's last line; ``make present`` uses it for
    every page. Returns the explorer.
    """
    from gradviz.explorers.base import Explorer  # base imports this module

    if not isinstance(explorer, Explorer):
        raise TypeError(
            _(
                "present needs an explorer, such as gv.present(gv.gradient_explorer()), got "
                "{type_name} {value!r}."
            ).format(type_name=type(explorer).__name__, value=explorer)
        )
    explorer.presenter = True
    explorer.add_class("gradviz-presenter")
    for control in explorer.controls_box.children:
        if isinstance(control, widgets.Play):
            continue
        control.layout.width = "auto"
        control.layout.flex = "1 1 290px"
        control.layout.max_width = "480px"
    if explorer.fit():
        explorer.refresh()
    return explorer
