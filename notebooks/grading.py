"""nbgrader course folders of the series: each notebook an assignment, each exercise graded.

    python notebooks/grading.py build/nbgrader

writes ``en/`` and ``zh/`` there, each an nbgrader course folder (docs/grading.md): an
``nbgrader_config.py`` and ``source/<notebook>/<notebook>.ipynb`` for every notebook, made
from the notebook by rules, not by hand (notebooks/exercises.py reads the tags):

* the student edition's cells (notebooks/student.py: no solution, no teacher's note);
* each exercise cell becomes two: an **autograded answer** cell, the student's starting code
  followed by the solution between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` (nbgrader
  removes that region from the students' copy, which is then the student edition's cell);
  and a locked **autograder test** cell worth ``POINTS``: the checker call, whose verdict
  the student sees, then in ``### BEGIN HIDDEN TESTS`` an ``assert`` on it. A checker's
  verdict is truthy exactly when the answer is right (``gv.check.CheckResult``), so a wrong
  answer raises ``AssertionError`` with the checker's hint, and nbgrader gives 0 points.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from exercises import Exercise, exercises
from nbformat import NotebookNode
from student import sources, student_notebook

POINTS = 1
#: What the students' copy shows where the solution was: nothing (their starting code is
#: kept above it), instead of nbgrader's ``raise NotImplementedError()``.
CONFIG = '''\
"""nbgrader settings of the gradviz course (made by notebooks/grading.py)."""

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "gradviz-{language}"
# The students' copy keeps the exercise's starting code and nothing where the solution was.
c.ClearSolutions.code_stub = {{"python": ""}}
# Keep the stored figures in the students' copy (every explorer shows a still picture).
c.ClearOutput.enabled = False
# Every cell of a submission gets at most this many seconds when it is autograded.
c.ExecutePreprocessor.timeout = 300
'''


def _nbgrader(grade_id: str, *, solution: bool, points: int | None = None) -> dict:
    meta = {
        "grade": points is not None,
        "grade_id": grade_id,
        "locked": points is not None,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def graded_cells(cell: NotebookNode, exercise: Exercise, number: int) -> list[NotebookNode]:
    """The answer cell and the test cell that replace exercise ``number``'s code cell."""
    answer = nbformat.from_dict(cell)
    answer.source = "\n".join(
        [exercise.stub.setup, "### BEGIN SOLUTION", exercise.solution.setup, "### END SOLUTION"]
    )
    # The verdict (the cell's value) moves to the test cell; figures and prints stay.
    answer.outputs = [o for o in cell.outputs if o.output_type != "execute_result"]
    answer.metadata["nbgrader"] = _nbgrader(f"answer-{number}", solution=True)
    check = exercise.stub.check
    test = nbformat.v4.new_code_cell(
        "\n".join(
            [
                check,
                "### BEGIN HIDDEN TESTS",
                f"verdict = {check}",
                "assert verdict, repr(verdict)",
                "### END HIDDEN TESTS",
            ]
        )
    )
    test.outputs = [o for o in cell.outputs if o.output_type == "execute_result"]
    test.metadata["slideshow"] = {"slide_type": "-"}
    test.metadata["nbgrader"] = _nbgrader(f"check-{number}", solution=False, points=POINTS)
    return [answer, test]


def graded_notebook(nb: NotebookNode, language: str) -> NotebookNode:
    """nbgrader's source version of ``nb``: the student edition with graded exercises."""
    by_cell = {ex.cell: ex for ex in exercises(nb)}
    out = nbformat.from_dict(nb)
    cells: list[NotebookNode] = []
    for i, cell in enumerate(out.cells):
        if i in by_cell:
            cells += graded_cells(cell, by_cell[i], len([j for j in by_cell if j <= i]))
        else:
            cells.append(cell)
    out.cells = cells
    return student_notebook(out, language)


def build(out: Path) -> list[Path]:
    """Write a course folder per language under ``out``; the notebooks written."""
    written = []
    for path, language in sources():
        course = out / language
        course.mkdir(parents=True, exist_ok=True)
        (course / "nbgrader_config.py").write_text(CONFIG.format(language=language))
        nb = nbformat.read(path, as_version=4)
        if not exercises(nb):
            continue  # nothing to grade (00, the start page)
        target = course / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(graded_notebook(nb, language), target)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    for path in build(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
