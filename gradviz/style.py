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
import functools
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl
from cycler import cycler
from matplotlib import font_manager

from gradviz.i18n import N_, _, on_language_change

__all__ = [
    "CJK_FONTS",
    "CLASSROOM",
    "COLORS",
    "DIFFERENCE_STYLES",
    "INK_CSS",
    "METHOD_STYLES",
    "MIN_CONTRAST",
    "PAGE_BACKGROUNDS",
    "PALETTE",
    "SEQUENTIAL_CMAP",
    "CJKFontWarning",
    "cjk_font",
    "classroom",
    "contrast",
    "ink",
    "readable",
    "use_fonts_for",
]

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


#: One colour and line style per optimizer, shared by every explorer and figure of notebooks
#: 07 and 08: a family shares a colour and its variant is dashed (Nesterov is Momentum's
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

#: Each method's name in legends, tables and printouts (translated: Newton is 牛顿法).
METHOD_LABELS: dict[str, str] = {
    "SGD": N_("SGD"),
    "Momentum": N_("Momentum"),
    "Nesterov": N_("Nesterov"),
    "AdaGrad": N_("AdaGrad"),
    "RMSProp": N_("RMSProp"),
    "Adam": N_("Adam"),
    "Newton": N_("Newton"),
}


def method_label(name: str) -> str:
    """The shown (translated) name of the method ``name``; other names come back as given."""
    return _(METHOD_LABELS[name]) if name in METHOD_LABELS else name


def method_style(name: str) -> dict:
    """Line keywords of method ``name`` (colour, dash, width, label): one look per method in
    every figure of the series. A variant (dashed) gets a square ball, see ``method_marker``."""
    colour, dash = METHOD_STYLES.get(name, (COLORS["black"], "-"))
    return {
        "color": colour,
        "linestyle": dash,
        "lw": 3.4 if name == "Newton" else 2.6,
        "label": method_label(name),
    }


def method_marker(name: str) -> str:
    """The ball of method ``name`` on a map: square for a dashed variant, round otherwise."""
    return "s" if METHOD_STYLES.get(name, ("", "-"))[1] == "--" else "o"


#: One colour and line style per line of the derivative figures (notebooks 00 and 01: the
#: explorer, the tangent figure, the error curves), different in both, so that the tangent
#: and the secants stay apart on a washed-out projector and in greyscale print: the tangent
#: solid vermillion, the central secant dashed blue, the forward one dash-dotted green.
DIFFERENCE_STYLES: dict[str, tuple[str, str]] = {
    "tangent": (COLORS["vermillion"], "-"),
    "central": (COLORS["blue"], "--"),
    "forward": (COLORS["green"], "-."),
}


# --- Fonts for Chinese figures ---------------------------------------------------------

#: Simplified-Chinese fonts, best first: Linux (Noto / Source Han), macOS, Windows, older Linux.
CJK_FONTS = [
    *("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC"),  # i18n: code (font names)
    *("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei"),  # i18n: code
    *("SimHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),  # i18n: code
]

#: How to get a CJK font, shown once when Chinese is asked for and none is installed.
CJK_INSTALL = N_(
    "Debian/Ubuntu: sudo apt-get install fonts-noto-cjk · "
    "conda: conda install -c conda-forge font-ttf-noto-cjk · "
    "macOS and Windows have one (PingFang SC, Microsoft YaHei). "
    "Then restart the kernel; if it is still missing, delete matplotlib's font cache "
    "(the fontlist-*.json file in matplotlib.get_cachedir())."
)


class CJKFontWarning(UserWarning):
    """Chinese was asked for but the machine has no font that draws it."""


# The files of those fonts, to add when matplotlib's font cache predates their install.
_CJK_FILES = re.compile(
    r"NotoSansCJK|SourceHanSans|NotoSansSC|PingFang|Hiragino.*GB|msyh|simhei|wqy", re.I
)


def _known_cjk_font() -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


@functools.cache
def cjk_font() -> str | None:
    """The first of ``CJK_FONTS`` that this machine has, or None.

    matplotlib lists the fonts it found when it built its cache; a font installed later
    (``apt-get install fonts-noto-cjk`` after the first plot) is looked for on disk too.
    """
    font = _known_cjk_font()
    if font is None:
        for path in font_manager.findSystemFonts():
            if _CJK_FILES.search(Path(path).name):
                font_manager.fontManager.addfont(path)
        font = _known_cjk_font()
    return font


_ENGLISH_FAMILY = list(mpl.rcParamsDefault["font.family"])
_PAD = "figure.constrained_layout.h_pad"
#: Chinese characters stand taller than DejaVu's ascent, by which matplotlib lays a line
#: out: without more room at the figure's edge a title's first Chinese line loses its top.
CJK_EXTRA_PAD = 0.04  # inches


def use_fonts_for(language: str) -> list[str]:
    """Set matplotlib's font family for ``language`` ("en" or "zh_CN"); returns it.

    Chinese figures use DejaVu Sans first, so that ∂, ∇, κ, β, ², the minus sign and
    the Latin letters look as in English, and a CJK font for the characters DejaVu
    lacks (matplotlib falls back glyph by glyph). Without a CJK font: one warning with
    the install command, and the figures keep English fonts.
    """
    family, pad = list(_ENGLISH_FAMILY), mpl.rcParamsDefault[_PAD]
    if language != "en":
        font = cjk_font()
        if font is None:
            _warn_no_cjk_font()
        else:
            family = ["DejaVu Sans", font]  # i18n: code
            pad += CJK_EXTRA_PAD
    mpl.rcParams["font.family"] = family
    mpl.rcParams[_PAD] = pad
    return family


on_language_change(use_fonts_for)  # Chinese figures get a CJK font


@functools.cache
def _warn_no_cjk_font() -> None:
    warnings.warn(
        _(
            "No Chinese font was found, so Chinese text in figures would be drawn as boxes; "
            "the figures keep English fonts. Install one: {commands}"
        ).format(commands=_(CJK_INSTALL)),
        CJKFontWarning,
        stacklevel=4,
    )


# --- coloured text that stays readable in light and dark themes ---------------------------------

#: The lightest background text may be drawn on in a dark theme and the darkest in a
#: light one, with a margin: JupyterLab's and Notebook 7's dark output areas are #111111,
#: Voila's dark page #212121; light ones #FFFFFF, with #EEEEEE panels.
PAGE_BACKGROUNDS = {"light": "#E8E8E8", "dark": "#2A2A2A"}
#: WCAG's minimum contrast for normal text (AA).
MIN_CONTRAST = 4.5


def _luminance(color: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(color: str, background: str, minimum: float = MIN_CONTRAST) -> str:
    """``color`` mixed towards black (on a light ``background``) or white (on a dark one)
    just enough for a contrast of ``minimum``: the same hue, readable as text."""
    target = 0 if _luminance(background) > 0.18 else 255
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(101):
        mixed = "#" + "".join(f"{round(c + (target - c) * step / 100):02X}" for c in rgb)
        if contrast(mixed, background) >= minimum:
            return mixed
    return "#000000" if target == 0 else "#FFFFFF"


def ink(role: str) -> str:
    """The HTML class that colours a status line's text in ``COLORS[role]``, readable on the
    light and the dark theme (see ``INK_CSS``); black is the theme's own text colour."""
    if role not in COLORS:
        raise ValueError(f"no colour {role!r}; one of {list(COLORS)}")  # i18n: code
    return f"gradviz-ink-{role}"


def _ink_css() -> str:
    rules = [".gradviz-ink-black { color: inherit; }"]  # i18n: code
    dark = 'body[data-jp-theme-light="false"]'  # i18n: code
    for role, color in COLORS.items():
        if role == "black":
            continue
        on_light = readable(color, PAGE_BACKGROUNDS["light"])
        on_dark = readable(color, PAGE_BACKGROUNDS["dark"])
        rules.append(f".gradviz-ink-{role} {{ color: {on_light}; }}")
        rules.append(f"{dark} .gradviz-ink-{role} {{ color: {on_dark}; }}")
    return "\n".join(rules) + "\n"


#: The rules behind ``ink``: each colour darkened for the light theme, lightened for
#: JupyterLab's dark one (which marks ``body[data-jp-theme-light="false"]``).
INK_CSS = _ink_css()
