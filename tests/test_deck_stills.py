"""slides/stills.py: in a deck, a figure's cell is its code (with what it prints), then the
figure alone on the next sub-slide; what follows the figure starts a sub-slide."""

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

sys.path.insert(0, str(Path(__file__).parents[1] / "slides"))
from stills import StillOnItsOwnSubslide

PNG = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}


def _deck(cells):
    nb = new_notebook(cells=cells)
    nb, _resources = StillOnItsOwnSubslide().preprocess(nb, {})
    return [(c.cell_type, c.metadata.get("slideshow", {}).get("slide_type"), c) for c in nb.cells]


def test_a_figure_cell_becomes_its_code_then_the_figure_alone():
    printed = new_output("stream", name="stdout", text="a table\n")
    figure = new_output("display_data", data=PNG)
    code = new_code_cell("print('a table')\nplot()", outputs=[printed, figure])
    code.metadata["alt"] = "A bowl's contours."
    deck = _deck([new_markdown_cell("# 1. A section"), code, new_markdown_cell("What it shows.")])
    kinds = [(kind, slide) for kind, slide, _ in deck]
    assert kinds == [("markdown", None), ("code", "subslide"), ("code", "subslide"),
                     ("markdown", "subslide")]  # fmt: skip
    code_cell, figure_cell = deck[1][2], deck[2][2]
    assert code_cell.source.startswith("print") and code_cell.outputs == [printed]
    assert figure_cell.outputs == [figure] and figure_cell.source == ""
    assert figure_cell.metadata["transient"]["remove_source"] is True
    assert figure_cell.metadata["alt"] == "A bowl's contours."  # the figure keeps its alt text
    assert figure_cell.id != code_cell.id
    nbformat.validate(nbformat.from_dict({**new_notebook(), "cells": [c for *_, c in deck]}))


def test_cells_without_figures_and_left_out_cells_are_left_as_they_are():
    text = new_code_cell("x = 1", outputs=[new_output("stream", name="stdout", text="1\n")])
    notes = new_markdown_cell("For the teacher.")
    notes.metadata["slideshow"] = {"slide_type": "notes"}
    after_notes = new_code_cell("plot()", outputs=[new_output("display_data", data=PNG)])
    deck = _deck([text, notes, after_notes])
    assert [(kind, slide) for kind, slide, _ in deck] == [
        ("code", None),
        ("markdown", "notes"),
        ("code", None),
    ]
    assert len(deck[2][2].outputs) == 1


def test_a_printout_too_long_for_its_code_slide_gets_a_sub_slide_of_its_own():
    table = "\n".join(f"row {i}: {i * 0.5:8.3f}" for i in range(30))
    code = new_code_cell(
        "for i in range(30):\n    print(...)\nplot()",
        outputs=[
            new_output("stream", name="stdout", text=table),
            new_output("display_data", data=PNG),
        ],
    )
    deck = _deck([code])
    assert [(kind, slide) for kind, slide, _ in deck] == [("code", "subslide")] * 3
    code_cell, printout, figure = (c for *_, c in deck)
    assert code_cell.outputs == [] and code_cell.source.startswith("for")
    assert printout.outputs[0]["text"] == table and printout.source == ""
    assert [o.output_type for o in figure.outputs] == ["display_data"]
    assert len({code_cell.id, printout.id, figure.id}) == 3


def test_a_slide_too_long_for_the_screen_continues_on_a_sub_slide_at_a_cell_boundary():
    from stills import TEXT_LINES, fit_slides

    paragraph = "A sentence of some eighty characters, as a lesson's paragraph holds them. " * 3
    cells = [new_markdown_cell("## 1. A section\n\n" + paragraph)]
    cells += [new_markdown_cell(paragraph) for _ in range(TEXT_LINES)]
    cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    fit_slides(cells)
    starts = [i for i, c in enumerate(cells) if c.metadata["slideshow"].get("slide_type")]
    assert 2 < len(starts) < len(cells)  # several sub-slides, each of several cells
    assert all(cells[i].metadata["slideshow"]["slide_type"] == "subslide" for i in starts[1:])


def test_a_folded_block_is_never_cut_and_counts_as_its_summary_line():
    from stills import TEXT_LINES, fit_slides

    long = "A line of a solution that the student opens only after trying. " * 3
    opening = new_markdown_cell("<details><summary><b>Solution</b></summary>")
    inside = [new_markdown_cell(long) for _ in range(3 * TEXT_LINES)]
    closing = new_markdown_cell("</details>")
    cells = [new_markdown_cell("## Exercise 1"), opening, *inside, closing]
    cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    fit_slides(cells)
    assert [c.metadata["slideshow"].get("slide_type") for c in cells[1:]] == [None] * len(cells[1:])
