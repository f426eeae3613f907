"""The teaching conventions of every notebook: hidden answers, solutions that pass, closed loops.

Conventions (the notebooks' cell tags):

* an exercise is a code cell that calls a registered checker, ``gv.check.<name>(answer)``
  (registered with ``@exercise`` in ``gradviz/check/``, which computes the answer);
* right after it comes a markdown cell tagged ``solution``: ``<details>`` with a fenced
  ```python block that, run after the exercise cell, makes the checker pass. Markdown is never
  run by *Run All* and stores no output, so no answer shows unasked;
* every explorer cell is preceded by a "Predict, then check: ... Decide, then drag." prompt;
* every cell of guiding questions is followed by a ``teacher`` cell answering each of them;
* detours live in ``going-deeper`` cells, collapsed the same way.
"""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from markers import MARKERS, language_of, notebook_id, notebooks

import gradviz as gv

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = notebooks()
CHECKER_CALL = re.compile(r"\bgv\.check\.(\w+)\(")
EXPLORER_CALL = re.compile(r"\bgv\.(?:\w+\.)?\w+_explorer\(")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
NUMBER = re.compile(r"[-+−]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+−]?\d+)?")
# Notebooks 04-07 get registered checkers, predictions and teacher notes in a parallel branch
# (issue 11, second half). Until it is merged the three tests marked pending fail there; the
# mark is strict, so the merge turns them into XPASS failures: then delete this set.
PENDING: set[str] = set()
HEADS = MARKERS["en"]["heads"]  # the tags; each language's heads: MARKERS[...]["heads"]


def params(pending: bool = False):
    """The notebooks as test parameters; ``pending``: a test 04-07 do not pass yet (PENDING)."""
    out = []
    for p in NOTEBOOKS:
        marks = []
        if pending and p.stem in PENDING:
            marks.append(pytest.mark.xfail(strict=True, reason="issue 11, 04-07"))
        out.append(pytest.param(p, id=notebook_id(p), marks=marks))
    return out


def load(path):
    return nbformat.read(path, as_version=4)


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def checker_of(cell):
    """The registered checker a code cell calls, or None."""
    if cell.cell_type != "code":
        return None
    names = [n for n in CHECKER_CALL.findall(cell.source) if n in gv.check.EXERCISES]
    return gv.check.EXERCISES[names[-1]] if names else None


def exercises(nb) -> list[tuple[int, int | None]]:
    """(exercise cell index, index of the solution cell after it or None) for every exercise."""
    found = []
    for i, cell in enumerate(nb.cells):
        if checker_of(cell) is not None:
            nxt = i + 1 if i + 1 < len(nb.cells) and "solution" in tags(nb.cells[i + 1]) else None
            found.append((i, nxt))
    return found


def solution_code(cell) -> str:
    blocks = PYTHON_BLOCK.findall(cell.source)
    assert len(blocks) == 1, f"one ```python block per solution: {cell.source[:80]!r}"
    return blocks[0]


def stored_text(cell) -> str:
    """Everything a code cell's stored outputs print (text and HTML, not images)."""
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        for kind in ("text/plain", "text/html", "text/markdown", "text/latex"):
            if kind in out.get("data", {}):
                parts.append(out["data"][kind])
    return "\n".join(parts)


def numbers_in(text: str) -> list[float]:
    return [float(t.replace("−", "-")) for t in NUMBER.findall(text)]


def shows(answer, text: str, rtol: float = 5e-3) -> bool:
    """Does ``text`` print ``answer`` (a number, or a vector as consecutive numbers)?"""
    want = np.atleast_1d(np.asarray(answer, dtype=float)).ravel()
    found = numbers_in(text)
    tol = rtol * np.maximum(np.abs(want), 1e-3)
    for start in range(len(found) - want.size + 1):
        window = np.array(found[start : start + want.size])
        if np.all(np.abs(window - want) <= tol):
            return True
    return False


def numeric_answer(checker):
    if not checker.searchable:
        return None  # one of many right answers, or a small choice: shown for other reasons
    answer = checker.answer()
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return array if array.size and np.all(np.isfinite(array)) else None


def prompt_before(nb, index: int) -> str:
    """The nearest markdown cell before ``index`` that is not a collapsed part."""
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "markdown" and not set(tags(cell)) & set(HEADS):
            return cell.source
    return ""


def test_the_leak_search_finds_printed_answers():
    assert shows(39.2894, "✓ Correct! the angle = 39.2894.")
    assert shows(39.2894, "about 39.3 degrees")
    assert not shows(39.2894, "39 steps, 0.39, 392")
    assert shows([-0.6, -0.8], "array([-0.6, -0.8])") and shows([-0.6, -0.8], "[-0.6 -0.8]")
    assert not shows([-0.6, -0.8], "[0.6, 0.8]")
    assert shows([12.0, 4.0], "[12.  4.]") and not shows(12.0, "1.2e-05 and x1 = 4")


@pytest.mark.parametrize("path", params())
def test_collapsed_parts_are_markdown_details(path):
    """Solutions, teacher notes and detours are collapsed markdown: never run, no outputs."""
    for cell in load(path).cells:
        for tag in set(tags(cell)) & set(HEADS):
            assert cell.cell_type == "markdown", (
                f"a {tag} cell must be markdown: {cell.source[:60]}"
            )
            head = MARKERS[language_of(path)]["heads"][tag]
            assert cell.source.startswith(head), cell.source[:80]
            assert cell.source.rstrip().endswith("</details>"), cell.source[-80:]


@pytest.mark.parametrize("path", params())
def test_every_exercise_has_a_solution_right_after_it(path):
    nb = load(path)
    for index, solution in exercises(nb):
        assert solution is not None, f"cell {index} is an exercise without a solution cell after it"
    for i, cell in enumerate(nb.cells):
        if "solution" in tags(cell):
            assert checker_of(nb.cells[i - 1]) is not None, f"solution {i} follows no exercise"


@pytest.mark.parametrize("path", params(pending=True))
def test_every_check_is_a_registered_exercise(path):
    """A generic checker called from a notebook takes the expected answer as an argument, so
    the answer sits in the student's cell: exercises call a checker registered with
    ``@exercise``, which knows its answer."""
    for i, cell in enumerate(load(path).cells):
        if cell.cell_type == "code":
            for name in CHECKER_CALL.findall(cell.source):
                assert name in gv.check.EXERCISES, f"cell {i} calls gv.check.{name}, not registered"


@pytest.mark.parametrize("path", params())
def test_no_answer_shows_before_its_solution_is_opened(path):
    """No stored output, exercise cell or exercise prompt shows an exercise's answer.

    Solutions are markdown, so *Run All* produces exactly the stored outputs (nbval checks
    that): a student who opens no solution sees no answer.
    """
    nb = load(path)
    outputs = "\n".join(stored_text(c) for c in nb.cells if c.cell_type == "code")
    for index, _ in exercises(nb):
        checker = checker_of(nb.cells[index])
        answer = numeric_answer(checker)
        if answer is None:
            continue  # no single answer to hide (e.g. "write a function")
        name = checker.__name__
        assert not shows(answer, outputs), f"{name}: a stored output shows the answer {answer}"
        assert not shows(answer, nb.cells[index].source), f"{name}: exercise cell {index} shows it"
        assert not shows(answer, prompt_before(nb, index)), f"{name}: its prompt shows it"


def _code(source: str) -> str:
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


class _NoIPython:
    def run_line_magic(self, *args, **kwargs):
        return None

    run_cell_magic = run_line_magic


def _last_expression(source: str) -> ast.Expression:
    last = ast.parse(_code(source)).body[-1]
    assert isinstance(last, ast.Expr), "an exercise cell ends with its checker call"
    return ast.Expression(last.value)


@pytest.mark.parametrize("path", params())
def test_every_solution_makes_its_checker_pass(path, monkeypatch, tmp_path):
    """Run the notebook's code cells in order (Agg backend); at each solution run its code,
    then re-evaluate the exercise's checker call: it must pass."""
    nb = load(path)
    if not any("solution" in tags(c) for c in nb.cells):
        pytest.skip("no solution cells")
    matplotlib.use("Agg")
    monkeypatch.chdir(path.parent)
    namespace = {"__name__": "__main__", "get_ipython": _NoIPython}
    last_exercise = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # plt.show() under Agg
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                exec(compile(_code(cell.source), f"{path.name}[{i}]", "exec"), namespace)
                plt.close("all")
                if checker_of(cell) is not None:
                    last_exercise = cell
            elif "solution" in tags(cell):
                assert last_exercise is not None, f"solution {i} before any exercise"
                exec(compile(solution_code(cell), f"{path.name}[{i}] solution", "exec"), namespace)
                plt.close("all")
                result = eval(
                    compile(_last_expression(last_exercise.source), "check", "eval"), namespace
                )
                assert isinstance(result, gv.check.CheckResult), f"cell {i - 1} returns {result!r}"
                assert result.passed, f"the solution in cell {i} fails: {result.message}"


def _asks_guiding_questions(cell, language: str = "en") -> bool:
    """A cell of guiding questions starts with **Guiding questions**."""
    head = MARKERS[language]["guiding"]
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith(head)


def _numbered(text: str) -> int:
    return len(re.findall(r"^\s*\d+\.\s", text, re.M))


@pytest.mark.parametrize("path", params(pending=True))
def test_guiding_questions_have_teacher_notes(path):
    nb = load(path)
    language = language_of(path)
    for i, cell in enumerate(nb.cells):
        if "teacher" in tags(cell):
            before = nb.cells[i - 1]
            assert _asks_guiding_questions(before, language), (
                f"teacher note {i} follows no guiding questions"
            )
            assert _numbered(cell.source) >= _numbered(before.source), (
                f"teacher note {i} answers {_numbered(cell.source)} of "
                f"{_numbered(before.source)} questions"
            )
        elif _asks_guiding_questions(cell, language):
            nxt = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
            assert nxt is not None and "teacher" in tags(nxt), f"questions in {i}, no teacher note"


@pytest.mark.parametrize("path", params(pending=True))
def test_every_explorer_follows_a_prediction(path):
    nb = load(path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and EXPLORER_CALL.search(cell.source):
            prompt = " ".join(prompt_before(nb, i).split())  # line breaks do not matter
            predict, decide = MARKERS[language_of(path)]["predict"]
            assert predict in prompt and decide in prompt, (
                f"explorer cell {i} has no 'Predict, then check: ... Decide, then drag.' prompt"
            )
