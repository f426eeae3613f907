"""Plain-text tables that line up in every language.

Python's ``f"{name:<10}"`` pads by *characters*, but a Chinese character takes two columns
of a monospace font (its East Asian width is "W" or "F"), so Chinese rows drift right.
``pad`` pads by display width instead; ``text_table`` lines up a whole table with it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np

from gradviz.descent import DescentPath
from gradviz.i18n import _
from gradviz.style import method_label

__all__ = ["display_width", "pad", "race_endpoints", "text_table"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospace font: 2 for wide (CJK) characters, else 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (``"<"`` left, ``">"`` right)."""
    gap = " " * max(0, width - display_width(text))
    return text + gap if align == "<" else gap + text


def text_table(rows: Sequence[Sequence[str]], align: str = "", sep: str = "  ") -> str:
    """Rows of strings as lined-up text; ``align`` gives each column's ``"<"`` or ``">"``
    (default: the first column left, the others right)."""
    rows = [[str(cell) for cell in row] for row in rows]
    columns = max(len(row) for row in rows)
    widths = [max(display_width(row[c]) for row in rows if c < len(row)) for c in range(columns)]
    align = align or "<" + ">" * (columns - 1)
    return "\n".join(
        sep.join(pad(cell, widths[c], align[c]) for c, cell in enumerate(row)).rstrip()
        for row in rows
    )


def race_endpoints(paths: Mapping[str, DescentPath]) -> str:
    """Where each method of a race (``optimizers.race``) ended, and f there, as a text table."""
    rows = [(_("method"), _("ends at"), "f")]
    for name, path in paths.items():
        end = np.round(path.x, 3) + 0.0  # + 0.0 turns -0.0 into 0.0
        where = f"({end[0]:.3f}, {end[1]:.3f})"
        rows.append((method_label(name), where, f"{path.values[-1]:.4g}"))
    return text_table(rows, align="<>>")
