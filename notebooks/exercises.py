"""What the notebooks' cell tags say, read by the builders of other editions.

The conventions (tests/test_teaching.py checks them on every notebook):

* an exercise is a code cell whose last statement calls a checker, ``gv.check.<name>(...)``,
  after the student's starting code (a stub: ``slope = ...``, a function returning None);
* right after it comes a markdown cell tagged ``solution``: ``<details>`` around one fenced
  ```python block, the stub's lines as they should be, ending with the same checker call;
* cells tagged ``teacher`` hold the teacher's notes (answers to the guiding questions).

``notebooks/student.py`` drops the hidden cells; ``notebooks/grading.py`` turns each exercise
into nbgrader's answer and test cells.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from nbformat import NotebookNode

#: Tags of the cells a student edition leaves out: the answers.
HIDDEN = ("solution", "teacher")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
#: A call of an exercise checker.
CHECKER = re.compile(r"\bgv\.check\.\w+\(")


def tags(cell: NotebookNode) -> list[str]:
    return cell.metadata.get("tags", [])


def hidden(cell: NotebookNode) -> bool:
    """Is the cell an answer (a solution or a teacher's note)?"""
    return any(tag in HIDDEN for tag in tags(cell))


@dataclass(frozen=True)
class Code:
    """An exercise's code split at its checker call: ``setup`` (may be empty), then ``check``."""

    setup: str
    check: str


def split_check(source: str) -> Code:
    """``source`` split before its last statement, which must be a ``gv.check`` call."""
    last = ast.parse(source).body[-1]
    call = getattr(last, "value", None)
    func = getattr(call, "func", None)
    owner = getattr(func, "value", None)
    if not (
        isinstance(call, ast.Call)
        and isinstance(owner, ast.Attribute)
        and owner.attr == "check"
        and getattr(owner.value, "id", None) == "gv"
    ):
        raise ValueError(f"an exercise must end with a gv.check call: {source[-80:]!r}")
    lines = source.splitlines()
    return Code(
        setup="\n".join(lines[: last.lineno - 1]).rstrip(),
        check="\n".join(lines[last.lineno - 1 :]).strip(),
    )


@dataclass(frozen=True)
class Exercise:
    """One exercise of a notebook: the cell indices and both versions of its code."""

    cell: int  # the exercise's code cell
    solution_cell: int  # the markdown cell tagged "solution" right after it
    stub: Code  # what the student starts from
    solution: Code  # the solution's code


def exercises(nb: NotebookNode) -> list[Exercise]:
    """Every exercise of ``nb``: a code cell followed by a cell tagged ``solution``."""
    found = []
    for i, cell in enumerate(nb.cells[:-1]):
        after = nb.cells[i + 1]
        if cell.cell_type == "code" and "solution" in tags(after):
            blocks = PYTHON_BLOCK.findall(after.source)
            if len(blocks) != 1:
                raise ValueError(f"one ```python block per solution: {after.source[:80]!r}")
            found.append(Exercise(i, i + 1, split_check(cell.source), split_check(blocks[0])))
    return found
