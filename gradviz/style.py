"""A classroom look for the figures: projector-size fonts, thick lines, safe colours.

Nothing here changes matplotlib's settings on import. A notebook opts in with
one line at the top::

    plt.style.use(gv.CLASSROOM)

or for a single figure::

    with gv.classroom():
        ...

The colours are the Okabe–Ito palette, distinguishable with every common form of
colour blindness and in greyscale print.

Under ``%matplotlib widget`` (ipympl) the style also fits every new figure's live
canvas to the notebook's width (a ``figure.hooks`` entry; it does nothing under the
default inline backend): a figure wider than the page is drawn narrower, with the
same font sizes, instead of being cut off on the right.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib as mpl
from cycler import cycler

__all__ = ["CLASSROOM", "COLORS", "METHOD_STYLES", "PALETTE", "SEQUENTIAL_CMAP", "classroom"]

#: Okabe & Ito (2008), "Color Universal Design", by role in the figures.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

#: The order in which lines take their colours.
PALETTE = [
    COLORS["blue"],
    COLORS["vermillion"],
    COLORS["green"],
    COLORS["orange"],
    COLORS["purple"],
    COLORS["sky"],
    COLORS["black"],
]

#: A perceptually uniform colour map for surfaces and filled contours.
SEQUENTIAL_CMAP = "cividis"

#: rcParams for a projected classroom: read from the back row.
CLASSROOM: dict[str, object] = {
    "figure.figsize": (10.0, 5.6),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 100,
    "font.size": 15,
    "axes.titlesize": 17,
    "axes.labelsize": 16,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 13,
    "legend.framealpha": 0.9,
    "axes.linewidth": 1.2,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.prop_cycle": cycler(color=PALETTE),
    "image.cmap": SEQUENTIAL_CMAP,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Under ipympl only: fit each live canvas to the page's width (see above).
    "figure.hooks": ["gradviz.explorers.picture:fit_live_figure"],
}


@contextlib.contextmanager
def classroom() -> Iterator[None]:
    """Use the classroom style inside a ``with`` block only."""
    with mpl.rc_context(CLASSROOM):
        yield


#: One colour and line style per optimizer, shared by the race explorer and notebook 07's
#: figures: a family shares a colour and its variant is dashed (Nesterov is Momentum's
#: look-ahead variant, RMSProp AdaGrad's forgetting one).
METHOD_STYLES: dict[str, tuple[str, str]] = {
    "SGD": (COLORS["vermillion"], "-"),
    "Momentum": (COLORS["blue"], "-"),
    "Nesterov": (COLORS["blue"], "--"),
    "AdaGrad": (COLORS["green"], "-"),
    "RMSProp": (COLORS["green"], "--"),
    "Adam": (COLORS["purple"], "-"),
    "Newton": (COLORS["black"], "-"),
}
