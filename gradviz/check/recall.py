"""The retrieval checks that close notebooks 04-09: a few short questions, checked at once.

Each check is a registered exercise ``recall_NN(answers)`` taking a dict
``{question number: answer}``; an answer is a letter (a multiple choice) or a number.
Wrong or missing answers are named by their question number, never with the right answer.
"""

from __future__ import annotations

import math
from typing import Any

from gradviz.check.base import CheckResult, _as_number, _hint, _is_blank, _ok, exercise
from gradviz.i18n import _

#: The answers of each notebook's retrieval check, by question number.
RECALL_ANSWERS: dict[str, dict[int, str | float]] = {
    "04": {1: "b", 2: 0.5, 3: "c", 4: "a"},
    "05": {1: "b", 2: "a", 3: 6, 4: "c"},
    "06": {1: "b", 2: "a", 3: "c"},
    "07": {1: "b", 2: "b", 3: "a", 4: 0.16},
    "08": {1: "a", 2: "a", 3: 1, 4: "b"},
    "09": {1: "b", 2: "c", 3: "a", 4: "b"},
}


def _right(got: Any, want: str | float) -> bool:
    if isinstance(want, str):
        return isinstance(got, str) and got.strip().lower().strip("()") == want
    value = _as_number(got)
    return value is not None and math.isclose(value, want, rel_tol=1e-2, abs_tol=1e-9)


def _recall(notebook: str, answers: Any) -> CheckResult:
    want = RECALL_ANSWERS[notebook]
    if not isinstance(answers, dict):
        return _hint(
            _("give the answers as a dict, {example}; got {answers!r}.").format(
                example="{1: 'a', 2: 0.5}", answers=answers
            )
        )
    blank = [q for q in want if _is_blank(answers.get(q))]
    if blank:
        return _hint(
            _("still empty: question(s) {numbers}; replace the ... with your answers.").format(
                numbers=", ".join(map(str, blank))
            )
        )
    wrong = [q for q in want if not _right(answers[q], want[q])]
    if wrong:
        return _hint(
            _(
                "{right} of {total} right; look again at question(s) {numbers} (the section "
                "each one comes from has the answer)."
            ).format(
                right=len(want) - len(wrong),
                total=len(want),
                numbers=", ".join(map(str, wrong)),
            )
        )
    return _ok(_("all {total} answers are right.").format(total=len(want)))


def _register(notebook: str):
    def checker(answers: Any) -> CheckResult:
        return _recall(notebook, answers)

    checker.__name__ = checker.__qualname__ = f"recall_{notebook}"  # i18n: code
    checker.__doc__ = f"Retrieval check of notebook {notebook}."  # i18n: code
    return exercise(answer=lambda: dict(RECALL_ANSWERS[notebook]), searchable=False)(checker)


recall_04 = _register("04")
recall_05 = _register("05")
recall_06 = _register("06")
recall_07 = _register("07")
recall_08 = _register("08")
recall_09 = _register("09")
