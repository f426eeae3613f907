"""Grading with nbgrader (notebooks/grading.py, make grading, docs/grading.md).

Every exercise of every notebook becomes an nbgrader answer cell and a test cell with points;
then one assignment goes through a teacher's whole cycle in a temporary course folder:
``nbgrader generate_assignment``, ``autograde`` of two submissions (one with every answer
right, one with the first answer wrong) and ``export``, whose score sheet must say 2 of 2
and 1 of 2. About 1 minute (nbgrader starts slowly; autograde runs the notebook twice).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from answers import hidden_fragments, leaked, notebook_text
from markers import notebook_id, notebooks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "notebooks"))
import exercises  # noqa: E402
import grading  # noqa: E402

ASSIGNMENT = "02_partial_derivatives"  # two exercises, the quickest notebook to run
WRONG = "partials = [10.0, 12.0]  # the partials at (5, 6), not at (-5, 6)"


def language(path: Path) -> str:
    return "zh" if path.parent.name == "zh" else "en"


@pytest.mark.parametrize("path", notebooks(), ids=notebook_id)
def test_every_exercise_is_an_answer_cell_and_a_test_cell_with_points(path):
    nb = nbformat.read(path, as_version=4)
    graded = grading.graded_notebook(nb, language(path))
    meta = [c.metadata["nbgrader"] for c in graded.cells if "nbgrader" in c.metadata]
    found = exercises.exercises(nb)
    assert [m["grade_id"] for m in meta] == [
        f"{kind}-{k}" for k in range(1, len(found) + 1) for kind in ("answer", "check")
    ]
    assert all(m["solution"] and not m["grade"] for m in meta[::2])
    assert all(m["grade"] and m["locked"] and m["points"] == 1 for m in meta[1::2])
    cells = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in graded.cells
        if "nbgrader" in c.metadata
    }
    for k, ex in enumerate(found, start=1):
        answer = cells[f"answer-{k}"]
        assert answer.startswith(ex.stub.setup) and ex.solution.setup in answer
        assert answer.index("### BEGIN SOLUTION") < answer.index(ex.solution.setup)
        assert cells[f"check-{k}"].startswith(ex.stub.check)
        assert "assert verdict" in cells[f"check-{k}"].split("### BEGIN HIDDEN TESTS")[1]
    # Nothing else of the answers: the teacher's notes and solution cells are gone.
    assert not [c for c in graded.cells if exercises.hidden(c)]


def nbgrader(course: Path, *args: str) -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def submit(course: Path, student: str, nb) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")


def test_nbgrader_scores_a_right_and_a_wrong_submission(tmp_path):
    course = tmp_path / "en"
    grading.build(tmp_path)
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    text = notebook_text(release)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    original = nbformat.read(ROOT / "notebooks" / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert leaked(hidden_fragments(original), text) == []

    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in source.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    right, wrong = nbformat.from_dict(release), nbformat.from_dict(release)
    for r, w in zip(right.cells, wrong.cells, strict=True):
        grade_id = r.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:  # what a student who solved it would have typed
            r.source = w.source = answers[grade_id]
        if grade_id == "answer-1":
            w.source += "\n" + WRONG
    submit(course, "ada", right)
    submit(course, "bob", wrong)
    nbgrader(course, "autograde", ASSIGNMENT, "--force")
    nbgrader(course, "export")

    with open(course / "grades.csv", newline="") as sheet:
        rows = {row["student_id"]: row for row in csv.DictReader(sheet)}
    scores = {s: (float(r["score"]), float(r["max_score"])) for s, r in rows.items()}
    # One point per exercise (the retrieval check counts too); bob got exercise 1 wrong.
    total = float(sum(1 for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")))
    assert total >= 2
    assert scores == {"ada": (total, total), "bob": (total - 1, total)}
    feedback = (course / "autograded" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    assert "AssertionError" in feedback, "the wrong answer's test cell raised"
