"""A deck shows each still whole, on a sub-slide of its own (make slides, make student).

nbconvert runs this before it reads the slide metadata. A code cell with a figure among
its outputs becomes two sub-slides: first the code with what it prints (the cell as the
notebook shows it, less the figure), then the figure alone, as large as fits a 1024x768
slide; what follows the figure starts the next sub-slide. A printout that would not fit
under its code gets a sub-slide of its own between the two. With the decks' linear
navigation, → reaches each in turn, so neither the text above nor the code pushes a
figure below the slide's bottom, nothing below it hides under the slide's edge, and no
code is hidden.

Then a slide whose cells together would run past the slide's bottom continues on a new
sub-slide at the cell that would cross it (``fit_slides``), never inside a folded
``<details>`` block: → alone shows everything a cell boundary allows. A single cell
taller than the slide still scrolls.
"""

from __future__ import annotations

import copy

from nbconvert.preprocessors import Preprocessor

#: Slide types left out of the deck.
LEFT_OUT = ("skip", "notes")
#: How many characters a line of code or printout holds on a slide (a longer line wraps).
LINE_CHARACTERS = 85


#: The lines of text a slide holds (a 20 px text line is about 28 px of a 768 px slide,
#: less the title's margins), and how many characters a text line holds.
TEXT_LINES = 24
TEXT_CHARACTERS = 90


def _text_lines(cell) -> float:
    """About how many 28 px lines ``cell`` takes on a slide."""
    if cell.cell_type == "code":  # code and printout lines are about 22 px
        printed = "\n".join(_printed(out) for out in cell.get("outputs", []))
        return 0.8 * (_lines(cell.source) + _lines(printed)) + 1
    return _markdown_lines(cell.source)


def _markdown_lines(source: str) -> float:
    height = 0.0
    for line in source.splitlines():
        if not line.strip():
            height += 0.5
        elif line.startswith("#"):
            height += 2
        elif line.lstrip().startswith("|"):
            height += 0 if set(line) <= set("|-: ") else 1.6
        else:
            height += 1 + len(line) // TEXT_CHARACTERS
    return height


def fit_slides(cells: list) -> None:
    """Start a sub-slide at each continuing cell that would run past the slide's bottom."""
    used, folded = 0.0, False
    for cell in cells:
        show = cell.metadata.setdefault("slideshow", {})
        kind = show.get("slide_type", "-")
        if kind in LEFT_OUT:
            continue
        source = cell.source if cell.cell_type == "markdown" else ""
        opens, closes = source.count("<details"), source.count("</details>")
        if folded:  # inside a folded block: not shown until it is opened
            height = 0.0
        elif opens:  # a folded block shows its one-line summary
            height = 1 + _markdown_lines(source[: source.index("<details")])
        else:
            height = _text_lines(cell)
        if kind in ("slide", "subslide"):
            used = height
        elif used + height > TEXT_LINES and used > 0 and not folded:
            show["slide_type"] = "subslide"
            used = height
        else:
            used += height
        folded = (folded or opens > closes) and not (closes > opens)


def _start_subslide(show: dict) -> None:
    """Make a cell that would continue a slide start a sub-slide instead."""
    if show.get("slide_type", "-") not in ("slide", "subslide"):
        show["slide_type"] = "subslide"


def _is_figure(output: dict) -> bool:
    return "image/png" in output.get("data", {})


def _lines(text: str) -> int:
    """How many lines ``text`` takes on a slide, long lines wrapped."""
    return sum(1 + len(line) // LINE_CHARACTERS for line in text.splitlines())


def _printed(output: dict) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return output.get("data", {}).get("text/plain", "")


def _alone(cell, outputs: list, part: str):
    """A copy of ``cell`` that shows only ``outputs`` (no code), on a sub-slide of its own."""
    copied = copy.deepcopy(cell)
    copied.source, copied.outputs = "", outputs
    if "id" in copied:  # ids are unique in a notebook (and anchors in the page)
        copied.id = f"{cell.id}-{part}"
    copied.metadata["slideshow"] = {"slide_type": "subslide"}
    copied.metadata.setdefault("transient", {})["remove_source"] = True
    return copied


class StillOnItsOwnSubslide(Preprocessor):
    def preprocess(self, nb, resources):
        cells, after_figure = [], False
        for index, cell in enumerate(nb.cells):
            cells.append(cell)
            show = cell.metadata.setdefault("slideshow", {})
            if after_figure and show.get("slide_type") not in LEFT_OUT:
                after_figure = False  # what follows a figure starts a sub-slide of its own
                _start_subslide(show)
            previous = nb.cells[index - 1].metadata.get("slideshow", {}) if index else {}
            figures = [out for out in cell.get("outputs", []) if _is_figure(out)]
            left_out = show.get("slide_type") in LEFT_OUT or previous.get("slide_type") in LEFT_OUT
            if cell.cell_type != "code" or not figures or left_out:
                continue
            _start_subslide(show)  # the code, on a sub-slide of its own
            printout = [out for out in cell.outputs if not _is_figure(out)]
            cell.outputs = printout
            if printout and _text_lines(cell) > TEXT_LINES:  # no room under its code
                cell.outputs = []
                cells.append(_alone(cell, printout, "printout"))
            cells.append(_alone(cell, figures, "figure"))
            after_figure = True
        fit_slides(cells)
        nb.cells = cells
        return nb, resources
