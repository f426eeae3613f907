"""The shape of every notebook: skeleton, links, slide metadata and a clean stored run."""

import re
from pathlib import Path

import nbformat
import pytest
from markers import MARKERS, language_of, notebook_id, notebooks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = notebooks()
ENGLISH = [p for p in NOTEBOOKS if language_of(p) == "en"]
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def load(path):
    return nbformat.read(path, as_version=4)


def text(nb, kind="markdown"):
    return "\n".join(c.source for c in nb.cells if c.cell_type == kind)


def test_the_series_is_numbered_without_gaps():
    numbers = [int(p.name[:2]) for p in ENGLISH]
    assert numbers == list(range(len(ENGLISH))) and len(ENGLISH) >= 7


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_title_matches_the_file_name(path):
    first = load(path).cells[0]
    assert first.cell_type == "markdown"
    title = first.source.splitlines()[0]
    assert title.startswith(f"# {path.name[:2]} · ")
    if language_of(path) != "en":
        return  # the file name is the English title's
    slug = re.sub(r"[^a-z0-9]+", "_", title.split("·", 1)[1].strip().lower()).strip("_")
    assert path.stem[3:] == slug, (title, path.stem)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_skeleton(path):
    nb = load(path)
    md, code = text(nb), text(nb, "code")
    phrases = MARKERS[language_of(path)]
    assert phrases["summary"] in md
    assert re.search(r"^## 1\. ", md, re.M), "numbered sections"
    assert "_explorer(" in code, "a live explorer"
    if path.name != "00_start_here.ipynb":
        assert phrases["objectives"] in md
        assert phrases["guiding"] in md
        assert "gv.check." in code, "exercises with automatic checks"
        # Solutions are collapsed markdown cells tagged "solution" (tests/test_teaching.py).
        assert any(
            c.cell_type == "markdown" and "solution" in c.metadata.get("tags", []) for c in nb.cells
        ), "solutions in collapsed cells"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_links_point_to_notebooks_that_exist(path):
    targets = re.findall(r"\]\(([0-9]{2}_[a-z_]+\.ipynb)\)", text(load(path)))
    assert targets, "a link to the next (or previous) notebook"
    for target in targets:
        assert (path.parent / target).exists(), target
    nxt = f"{int(path.name[:2]) + 1:02d}_"
    if any(p.name.startswith(nxt) for p in ENGLISH):
        assert any(t.startswith(nxt) for t in targets), "a link to the next notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_every_cell_carries_slide_metadata(path):
    nb = load(path)
    for cell in nb.cells:
        assert cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_TYPES
    assert nb.cells[0].metadata["slideshow"]["slide_type"] == "slide"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_stored_outputs_come_from_one_clean_run(path):
    nb = load(path)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run top to bottom in a fresh kernel"
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error"
            assert out.get("name") != "stderr", out.get("text")
    assert "widgets" not in nb.metadata, "widget state bloats the file; the PNG fallback suffices"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_every_figure_has_alternative_text(path):
    """Decks and handouts give each figure the cell's "alt" text, for screen readers."""
    for cell in load(path).cells:
        if any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])):
            assert len(cell.metadata.get("alt", "")) > 40, cell.source[:80]
