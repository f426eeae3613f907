"""A deck shows each still on a sub-slide of its own (make slides, make student).

nbconvert runs this before it reads the slide metadata: a code cell with a figure among
its outputs that would continue the slide before it (slide type "-", fragment or none)
starts a sub-slide instead, so the figure is not pushed below a 1024x768 slide's bottom by
the text above it. With the decks' linear navigation, → reaches it next.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

#: Slide types that start a slide of their own or are left out of the deck.
OWN = ("slide", "subslide", "skip", "notes")


class StillOnItsOwnSubslide(Preprocessor):
    def preprocess(self, nb, resources):
        for previous, cell in zip(nb.cells, nb.cells[1:], strict=False):
            show = cell.metadata.setdefault("slideshow", {})
            has_figure = any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))
            skipped = previous.metadata.get("slideshow", {}).get("slide_type") in ("skip", "notes")
            if cell.cell_type == "code" and has_figure and not skipped:
                if show.get("slide_type", "-") not in OWN:
                    show["slide_type"] = "subslide"
        return nb, resources
