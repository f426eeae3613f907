"""The machinery every checker shares: the verdict, the registry, generic checks.

``CheckResult`` shows as a green tick or an orange hint in the notebook and is truthy
when the answer is right. ``@exercise`` registers a checker in ``EXERCISES`` and gives it
``checker.answer()``. ``close``, ``vector`` and ``gradient_at`` check a number, a vector
and a gradient; the small helpers ``_ok``, ``_hint``, ``_blank`` and ``_as_number`` turn
a student's answer into a verdict without ever raising.

Messages go through gettext (``gradviz.i18n``). A checker names what it checks with a
noun phrase marked ``N_("the gradient")``; ``_shown`` translates it where it is shown.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradviz._validate import numeric_array
from gradviz.calculus import numerical_gradient
from gradviz.i18n import N_, _
from gradviz.style import COLORS


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one exercise: ``passed`` and a message in words."""

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        if self.passed:
            return _("✓ Correct! {message}").format(message=self.message)
        return _("✗ Not yet: {message}").format(message=self.message)

    def _repr_html_(self) -> str:
        colour = COLORS["green"] if self.passed else COLORS["vermillion"]
        head = _("✓ Correct!") if self.passed else _("✗ Not yet:")
        return (
            f'<div style="border-left:6px solid {colour};padding:4px 10px;font-size:1.1em">'
            f"<b>{head}</b> {html.escape(self.message)}</div>"  # i18n: code
        )


EXERCISES: dict[str, Callable[..., CheckResult]] = {}
"""Every checker of a notebook exercise, by name (filled by ``@exercise``)."""  # i18n: code


def exercise(answer: Callable[[], Any] | None = None, searchable: bool = True):
    """Register a checker as a notebook exercise; ``answer`` computes its expected answer.

    ``searchable=False`` marks an answer that a notebook may show for other reasons: one of
    many right answers (any rate in a range), or a choice among 0, 1, 2. Tests then run its
    solution but do not search the notebook's outputs for it.

    The decorated checker gains ``checker.answer()``: the expected answer, computed from
    the exercise's definition (``None`` if the exercise has no single answer). Notebooks
    never call it; tests do, to run every solution and to search outputs for leaks.
    """

    def register(checker: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        checker.answer = answer if answer is not None else (lambda: None)
        checker.searchable = searchable
        EXERCISES[checker.__name__] = checker
        return checker

    return register


def _ok(message: str) -> CheckResult:
    return CheckResult(True, message)


def _hint(message: str) -> CheckResult:
    return CheckResult(False, message)


def _is_blank(answer: Any) -> bool:
    return answer is None or answer is ...


def _shown(name: Any) -> Any:
    """A checker's ``name`` as shown: callers mark it with ``N_``, it is translated here.

    Any other name (``close("slope", ...)``) comes back as it is.
    """
    return _(name) if isinstance(name, str) and name else name


def _blank(name: str) -> CheckResult:
    return _hint(
        _("{name}: still empty; replace the ... with your answer.").format(name=_shown(name))
    )


def _as_array(answer: Any) -> np.ndarray | None:
    """``answer`` as a float array, or None for anything that is not real numbers.

    Checkers never raise: complex numbers, ints beyond float range (10**400), ragged
    lists, text ('0.3'), True/False, dates and masked entries all come back as None
    (the shared rules of ``gradviz._validate.numeric_array``), for a hint in words.
    """
    try:
        return numeric_array(answer, "answer")
    except (TypeError, ValueError):
        return None


def _as_number(answer: Any) -> float | None:
    arr = _as_array(answer)
    if arr is None or arr.size != 1:
        return None
    value = float(arr.reshape(()))
    return value if math.isfinite(value) else None


def _learning_rate(lr: Any) -> float | CheckResult:
    """``lr`` as a positive number, or the hint every checker of a rate gives when it is not."""
    value = _as_number(lr)
    if value is None or value <= 0:
        return _hint(
            _("the learning rate should be one positive number, got {lr!r}.").format(lr=lr)
        )
    return value


def close(name: str, answer: Any, expected: float, rtol: float = 1e-6) -> CheckResult:
    """Check that ``answer`` is the number ``expected`` to relative tolerance ``rtol``."""
    if _is_blank(answer):
        return _blank(name)
    shown = _shown(name)
    value = _as_number(answer)
    if value is None:
        return _hint(
            _("{name} should be one finite number, got {answer!r}.").format(
                name=shown, answer=answer
            )
        )
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=rtol):
        return _ok(_("{name} = {value:.6g}.").format(name=shown, value=value))
    if math.isclose(value, -expected, rel_tol=rtol, abs_tol=rtol):
        return _hint(_("{name} has the right size but the wrong sign.").format(name=shown))
    return _hint(
        _("{name} = {value:.6g} is not right yet; look again at the formula.").format(
            name=shown, value=value
        )
    )


def vector(name: str, answer: Any, expected: Any, rtol: float = 1e-4) -> CheckResult:
    """Check a vector answer entry by entry; spots swapped entries and flipped signs."""
    expected = np.asarray(expected, dtype=float)
    if _is_blank(answer):
        return _blank(name)
    shown = _shown(name)
    got = _as_array(answer)
    if got is None:
        return _hint(
            _("{name} should be a list or array of real numbers, got {answer!r}.").format(
                name=shown, answer=answer
            )
        )
    if got.shape != expected.shape:
        return _hint(
            _("{name} should have shape {expected}, got shape {got}.").format(
                name=shown, expected=expected.shape, got=got.shape
            )
        )
    if not np.all(np.isfinite(got)):
        return _hint(_("{name} contains NaN or infinity.").format(name=shown))
    atol = rtol * max(1.0, float(np.abs(expected).max()))
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return _ok(
            _("{name} = {value}.").format(name=shown, value=np.array2string(got, precision=4))
        )
    if np.allclose(got, -expected, rtol=rtol, atol=atol):
        return _hint(_("{name} points the opposite way: check the sign.").format(name=shown))
    if got.size == 2 and np.allclose(got[::-1], expected, rtol=rtol, atol=atol):
        return _hint(_("{name} has its two entries swapped: x0 comes first.").format(name=shown))
    wrong = [
        i
        for i in range(got.size)
        if not np.isclose(got.flat[i], expected.flat[i], rtol=rtol, atol=atol)
    ]
    return _hint(
        _("{name}: entry {index} is {value:.6g}, which is not right yet.").format(
            name=shown, index=wrong[0], value=got.flat[wrong[0]]
        )
    )


def gradient_at(
    answer: Any, f: Callable[[np.ndarray], float], point: Any, name: str = N_("the gradient")
) -> CheckResult:
    """Check a gradient computed by hand or code against ``numerical_gradient(f, point)``."""
    return vector(name, answer, numerical_gradient(f, np.array(point, dtype=float)))
