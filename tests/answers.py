"""The text of a notebook's answers (cells tagged solution or teacher), to search for leaks.

A fragment is one line of an answer cell, long enough to be distinctive and found nowhere
else in the notebook (a solution repeats its exercise's checker call, which stays). Pages
are compared as text: HTML tags and markdown emphasis removed, entities decoded,
whitespace collapsed, so a rendered handout or deck is searched like the notebook's JSON.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "notebooks"))
from exercises import hidden

#: Shorter lines ("</details>", "lr = 0.3") could occur by chance.
MIN_LENGTH = 24
TAG = re.compile(r"</?[A-Za-z!][^<>]*>")
LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
SPACE = re.compile(r"\s+")
#: What markdown turns into structure, not text: list markers, headings, quotes.
MARKUP = re.compile(r"^\s*(?:\d+\.|[-*+>]|#+)\s+")


def plain(text: str) -> str:
    """``text`` (markdown, code or HTML) as words: no tags, emphasis, links or extra spaces."""
    text = html.unescape(TAG.sub("", LINK.sub(r"\1", text)))
    return SPACE.sub(" ", text.replace("*", "").replace("`", "")).strip()


def hidden_fragments(nb) -> list[str]:
    """The lines of ``nb``'s answer cells that appear nowhere else in it, as plain text."""
    elsewhere = plain("\n".join(c.source for c in nb.cells if not hidden(c)))
    found = []
    for cell in nb.cells:
        if hidden(cell):
            for line in cell.source.splitlines():
                text = plain(MARKUP.sub("", line))
                if len(text) >= MIN_LENGTH and text not in elsewhere and text not in found:
                    found.append(text)
    return found


def notebook_text(nb) -> str:
    """Every string of a notebook: cell sources, stored outputs, metadata."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return "\n".join(strings(nb))


def leaked(fragments: list[str], page: str) -> list[str]:
    """The fragments that ``page`` (HTML, markdown or text) shows."""
    text = plain(page)
    return [f for f in fragments if f in text]
