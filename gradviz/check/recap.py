"""The two-minute retrieval checks that close notebooks 00-03: a few short questions each.

A student answers from memory in one list, ``answers = ["b", 2, ...]`` (a letter for a
multiple choice, a number, or a short list of numbers for a vector), and the notebook's
checker (``recap_00`` ... ``recap_03``) marks each question: right, or a hint that says
where to look again, never the answer. The questions themselves are in the notebooks; the
expected answers live here, one ``Question`` per entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz.check.base import CheckResult, _as_array, _blank, _hint, _is_blank, _ok, exercise
from gradviz.i18n import N_, _


@dataclass(frozen=True)
class Question:
    """One question's expected answer (a letter, a number or a vector) and where to look."""

    answer: str | float | tuple[float, ...]
    look: str  # where to look again, marked with N_ and translated when shown


def _right(question: Question, given: Any) -> bool:
    if isinstance(question.answer, str):
        return isinstance(given, str) and given.strip().lower() == question.answer
    if isinstance(given, str):
        return False
    got = _as_array(given)
    want = np.atleast_1d(np.asarray(question.answer, dtype=float))
    return got is not None and got.size == want.size and np.allclose(got.ravel(), want, atol=1e-3)


def mark(questions: Sequence[Question], answers: Any) -> CheckResult:
    """Mark ``answers`` (one entry per question) against ``questions``."""
    count = len(questions)
    if _is_blank(answers) or isinstance(answers, str) or not isinstance(answers, Sequence):
        return _hint(
            _("answers should be a list with one entry per question ({count}).").format(count=count)
        )
    if len(answers) != count:
        return _hint(
            _("there are {count} questions; your list has {given} entries.").format(
                count=count, given=len(answers)
            )
        )
    if all(_is_blank(given) for given in answers):
        return _blank(N_("your answers"))
    wrong = []
    for number, (question, given) in enumerate(zip(questions, answers, strict=True), start=1):
        if _is_blank(given):
            wrong.append(_("question {number}: still empty").format(number=number))
        elif not _right(question, given):
            wrong.append(
                _("question {number}: not yet, {look}").format(number=number, look=_(question.look))
            )
    if not wrong:
        return _ok(_("all {count} right.").format(count=count))
    return _hint(
        _("{right} of {count} right. {details}.").format(
            right=count - len(wrong), count=count, details=_("; ").join(wrong)
        )
    )


#: The questions of each notebook's retrieval check, in the notebook's order.
RECAPS: dict[str, tuple[Question, ...]] = {
    "00": (
        Question("b", N_("look again at section 1's picture")),
        Question("b", N_("see section 2 and the explorer's first paragraph")),
        Question("a", N_("think of the explorer at h = 1 and at h = 0.01")),
        Question("b", N_("see section 2, Exercises")),
    ),
    "01": (
        Question(1.0, N_("see section 3, the forward bullet after the Taylor expansion")),
        Question(2.0, N_("see section 3, the central bullet after the Taylor expansion")),
        Question(100.0, N_("use your answer to question 2")),
        Question("b", N_("see section 1: what is 5 + 1e-50 for the computer?")),
    ),
    "02": (
        Question(-6.0, N_("hold x0 fixed and differentiate x1² (section 2)")),
        Question("b", N_("see section 2: the rule under the book's two numbers")),
        Question(5.0, N_("with x1 held fixed, x0·x1 is a constant times x0")),
        Question((0.0, 0.0), N_("see the guiding questions after the explorer, question 2")),
    ),
    "03": (
        Question((2.0, -4.0), N_("the gradient of the bowl is (2x0, 2x1)")),
        Question(-10.0, N_("use D_u f = |∇f| cos θ: what is θ along −∇f?")),
        Question(0.0, N_("see section 4, its first sentence")),
        Question(2.0, N_("use D_u f = |∇f| cos θ")),
        Question("b", N_("see section 4's elongated bowl")),
    ),
}


def _recap(notebook: str) -> Callable[[Any], CheckResult]:
    questions = RECAPS[notebook]

    def checker(answers: Any) -> CheckResult:
        return mark(questions, answers)

    checker.__name__ = checker.__qualname__ = f"recap_{notebook}"
    checker.__doc__ = f"{notebook}: the retrieval check, one answer per question."  # i18n: code
    expected = [q.answer for q in questions]
    # many small numbers and letters: shown for other reasons, so not searched for
    return exercise(answer=lambda: expected, searchable=False)(checker)


recap_00 = _recap("00")
recap_01 = _recap("01")
recap_02 = _recap("02")
recap_03 = _recap("03")
