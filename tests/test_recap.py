"""The retrieval checks that close notebooks 00-03 (gradviz.check.recap)."""

import pytest

import gradviz as gv
from gradviz.check.recap import RECAPS


@pytest.mark.parametrize("notebook", sorted(RECAPS))
def test_the_expected_answers_pass_and_are_registered(notebook):
    checker = getattr(gv.check, f"recap_{notebook}")
    assert gv.check.EXERCISES[f"recap_{notebook}"] is checker
    assert checker(checker.answer())
    assert 3 <= len(RECAPS[notebook]) <= 5


def test_each_question_is_marked_with_a_hint_that_does_not_give_the_answer():
    result = gv.check.recap_01([1, ..., 10, "B"])  # a capital letter is fine
    assert not result
    assert "2 of 4 right" in result.message
    assert "question 2: still empty" in result.message
    assert "question 3: not yet" in result.message
    assert "100" not in result.message


@pytest.mark.parametrize(
    "answers, words",
    [
        (..., "one entry per question (4)"),
        ([..., ..., ..., ...], "your answers: still empty"),
        ("abcd", "one entry per question"),
        (["b", "b"], "4 questions; your list has 2"),
        ([1, 2, 100, 2], "question 4: not yet"),  # a number for a letter
        (["1", 2, 100, "b"], "question 1: not yet"),  # a letter for a number
        ([1, 2, [100, 1], "b"], "question 3: not yet"),  # a vector for a number
    ],
)
def test_wrong_shapes_of_answers_get_words_never_an_error(answers, words):
    result = gv.check.recap_01(answers)
    assert not result and words in result.message


def test_a_vector_answer_is_compared_entry_by_entry():
    assert gv.check.recap_03([(2, -4), -10, 0, 2, "b"])
    assert not gv.check.recap_03([(-4, 2), -10, 0, 2, "b"])
