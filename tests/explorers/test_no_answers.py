"""At the settings notebooks 00-08 start them with, no explorer's status line shows an
exercise's answer (the stored outputs hold only a picture, but a live explorer shows its
status line the moment Run All builds it)."""

import re

import numpy as np
import pytest

import gradviz as gv

NUMBER = re.compile(r"[-+−]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+−]?\d+)?")

AS_IN_THE_NOTEBOOKS = [
    lambda: gv.derivative_explorer(x=2.0, h=1.0, function="sin(x)", hide_answers=True),
    lambda: gv.slice_explorer(surface="bowl", point=(3.0, 4.0)),
    lambda: gv.gradient_explorer(surface="bowl", point=(3.0, 4.0)),
    lambda: gv.direction_explorer(
        surface="elongated bowl", point=(1.0, 0.5), angle=0, hide_answers=True
    ),
    # notebooks 04-08
    lambda: gv.descent_explorer(surface="bowl", lr=0.1, steps=100),
    lambda: gv.update_explorer(lr=0.5, k=0),
    lambda: gv.training_explorer(lr=0.5, hidden=16, steps=300, max_steps=1000),
    lambda: gv.condition_explorer(kappa=10.0, steps=60, trace=True),
    lambda: gv.momentum_explorer(lr=0.09, beta=0.0, cover=True),
    lambda: gv.race_explorer(surface="book's valley", k=0),
]


def answers():
    for name, checker in gv.check.EXERCISES.items():
        if not checker.searchable:
            continue
        try:
            answer = np.atleast_1d(np.asarray(checker.answer(), dtype=float)).ravel()
        except (TypeError, ValueError):
            continue
        if answer.size and np.all(np.isfinite(answer)):
            yield name, answer


def shows(answer, text, rtol=5e-3):
    found = [float(t.replace("−", "-")) for t in NUMBER.findall(text)]
    tol = rtol * np.maximum(np.abs(answer), 1e-3)
    return any(
        np.all(np.abs(np.array(found[i : i + answer.size]) - answer) <= tol)
        for i in range(len(found) - answer.size + 1)
    )


@pytest.mark.parametrize("make", AS_IN_THE_NOTEBOOKS)
def test_no_status_line_shows_an_answer_at_its_start(make):
    status = make().status.value
    for name, answer in answers():
        assert not shows(answer, status), f"{name}: the status line shows {answer}: {status}"
