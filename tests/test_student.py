"""The student edition (notebooks/student.py, make student): no answers, and still runs.

Leaving out a cell tagged ``solution`` or ``teacher`` must leave out its text everywhere a
student could see it: the notebook's JSON (sources and stored outputs), and the decks and
handouts built from it (tests/browser/test_decks.py checks those). Everything else stays:
exercises with their checkers, hints, explorers, going-deeper parts. Executing every student
notebook takes about 2 minutes on 2 cores (two kernels at a time).
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from markers import notebook_id, notebooks
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "notebooks"))
import exercises  # noqa: E402  (notebooks/exercises.py: what the tags mean)
import student  # noqa: E402  (notebooks/student.py: the builder)
from answers import hidden_fragments, leaked, notebook_text  # noqa: E402

NOTEBOOKS = notebooks()


def edition(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    return student.student_notebook(nb, "zh" if path.parent.name == "zh" else "en")


def code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_the_student_edition_keeps_all_but_the_answers(path):
    nb = nbformat.read(path, as_version=4)
    out = edition(path)
    assert not [c for c in out.cells if exercises.hidden(c)]
    kept = [c.source for c in nb.cells if not exercises.hidden(c)]
    assert [c.source for c in out.cells if c.source not in student.BANNER.values()] == kept
    assert code(out) == code(nb), "the code the students run is the code nbval checks"
    assert len(exercises.exercises(nb)) == sum(bool(exercises.CHECKER.search(c)) for c in code(out))
    starts = [c.metadata["slideshow"]["slide_type"] for c in out.cells]
    assert starts.count("slide") == [c.metadata["slideshow"]["slide_type"] for c in nb.cells].count(
        "slide"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_no_answer_text_survives_in_the_student_notebook(path):
    nb = nbformat.read(path, as_version=4)
    fragments = hidden_fragments(nb)
    if not fragments:
        assert not [c for c in nb.cells if exercises.hidden(c)]
        return
    assert leaked(fragments, notebook_text(nb)) == fragments, (
        "the search finds them in the original"
    )
    assert leaked(fragments, notebook_text(edition(path))) == []


def test_every_student_notebook_runs(tmp_path):
    written = student.build(tmp_path)
    assert len(written) == len(NOTEBOOKS)

    def run(path: Path) -> list[str]:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, timeout=300, startup_timeout=120, resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        return [
            f"{path.name}: {o.ename}: {o.evalue}"
            for c in nb.cells
            if c.cell_type == "code" and "raises-exception" not in exercises.tags(c)
            for o in c.get("outputs", [])
            if o.output_type == "error"
        ]

    with ThreadPoolExecutor(max_workers=2) as pool:
        errors = [e for found in pool.map(run, written) for e in found]
    assert errors == []
