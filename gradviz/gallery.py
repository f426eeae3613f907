"""The first page of the presenter view (``make present``): one card per explorer page.

An explorer page is a notebook in ``present/`` (the Chinese ones in ``present/zh/``)
whose first cell holds ``# Title``, then the explorer's question in italics on a line
of its own, then two lines of explanation. Its card shows the title, the question and
a thumbnail, ``thumbnails/<page>.png`` in the same folder, which ``make thumbnails``
draws from the explorer as the page first shows it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from gradviz.i18n import _

__all__ = [
    "THUMBNAIL_WIDTH",
    "Card",
    "card",
    "cards",
    "draw_thumbnail",
    "explorer_factory",
    "thumbnail_path",
    "write_thumbnails",
]

#: Width of a thumbnail in image pixels (shown at half this width: sharp on HiDPI screens).
THUMBNAIL_WIDTH = 640

_QUESTION = re.compile(r"^\*(?P<text>[^*].*[^*])\*$")
_EXPLORER = re.compile(r"gv\.present\(gv\.(?P<factory>\w+_explorer)\(\)\)")


@dataclass(frozen=True)
class Card:
    """What the gallery shows of one page: ``page`` is its file name in its folder."""

    page: str
    title: str
    question: str
    thumbnail: str


def thumbnail_path(page: Path) -> Path:
    """Where the thumbnail of ``page`` (a notebook's path) lives."""
    return page.parent / "thumbnails" / f"{page.stem}.png"


def card(page: Path) -> Card:
    """The card of the explorer page ``page``: its title, question and thumbnail."""
    nb = nbformat.read(page, as_version=4)
    title, question = "", ""
    for line in nb.cells[0].source.splitlines():
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        match = _QUESTION.match(line.strip())
        if match and not question:
            question = match["text"].strip()
    if not title or not question:
        raise ValueError(
            _("{page}: its first cell needs a '# title' line and a '*question*' line.").format(
                page=page
            )
        )
    return Card(page.name, title, question, f"thumbnails/{page.stem}.png")


def cards(folder: Path) -> list[Card]:
    """The cards of every explorer page in ``folder``, in the order of their numbers."""
    return [card(page) for page in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]


def explorer_factory(page: Path) -> str:
    """The name of the ``gv.*_explorer`` function the page ``page`` presents."""
    source = "".join(c.source for c in nbformat.read(page, as_version=4).cells)
    match = _EXPLORER.search(source)
    if match is None:
        raise ValueError(
            _("{page} has no line gv.present(gv.<name>_explorer()).").format(page=page)
        )
    return match["factory"]


def draw_thumbnail(page: Path, language: str = "en") -> bytes:
    """PNG bytes of the explorer of ``page`` as the page first shows it, ``THUMBNAIL_WIDTH``
    pixels wide, with its text in ``language``."""
    import matplotlib.pyplot as plt
    from PIL import Image

    import gradviz as gv

    with gv.i18n.language(language), plt.style.context(gv.CLASSROOM):
        explorer = gv.present(getattr(gv, explorer_factory(page))())
        png = explorer.snapshot_png()
        plt.close(explorer.figure)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    height = round(image.height * THUMBNAIL_WIDTH / image.width)
    small = image.resize((THUMBNAIL_WIDTH, height), Image.Resampling.LANCZOS)
    # 128 colours are plenty for a thumbnail and keep each file small (about 40 KB).
    small = small.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="png", optimize=True)
    return out.getvalue()


def write_thumbnails(folder: Path, language: str) -> list[Path]:
    """Draw the thumbnail of every page in ``folder``; returns the files written."""
    written = []
    for page in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        path = thumbnail_path(page)
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(draw_thumbnail(page, language))
        written.append(path)
    return written


def main() -> None:
    """``python -m gradviz.gallery``: draw the thumbnails of present/ and present/zh/."""
    root = Path.cwd() / "present"
    for folder, language in [(root, "en"), (root / "zh", "zh_CN")]:
        for path in write_thumbnails(folder, language):
            print(f"{path}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
