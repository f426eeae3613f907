"""Exercise checkers that explain what is wrong, not just that it is wrong.

Each checker returns a ``CheckResult``: it shows as a green tick or an orange
hint in the notebook, is truthy when the answer is right, and never raises for a
wrong answer (a student's attempt must not stop the notebook).

Answers are hidden from students: an exercise cell calls a checker with the student's
answer only (``gv.check.gradient_of_bowl(grad)``), the expected answer is computed
here from the exercise's definition, and a wrong try gets a hint, never the answer.
Checkers of notebook exercises are registered with ``@exercise(answer=...)``: the
registry ``EXERCISES`` maps each name to its checker, and ``checker.answer()`` gives
the expected answer (``None`` when the exercise has no single one, e.g. "write a
function"), so tests can run every solution and search stored outputs for leaks.

The checkers live in one module per topic:

- ``base``: ``CheckResult``, the ``@exercise`` registry, ``close``, ``vector``, ``gradient_at``;
- ``derivatives``: notebooks 00-03 (slopes, partial derivatives, gradients);
- ``optimization``: notebooks 04, 07 and 08 (learning rates, descent, Momentum, Adam, SGD);
- ``networks``: notebooks 05-06 (the book's simpleNet, a two-layer net, training);
- ``recap``: the two-minute retrieval checks that close notebooks 00-03;
- ``recall``: the retrieval checks that close notebooks 04-09;
- ``landscape``: notebook 09 (the digits network's weights, power iteration, the stable rate).
"""

from __future__ import annotations

from gradviz.check.base import EXERCISES, CheckResult, close, exercise, gradient_at, vector
from gradviz.check.derivatives import (
    accurate_step,
    cube_slope,
    difference_function,
    gradient_of_bowl,
    partials_by_hand,
    partials_of_bowl,
    slope_along_diagonal,
    steepest_descent_direction,
    valley_angle,
)
from gradviz.check.landscape import (
    largest_stable_rate,
    power_iteration_estimate,
    weight_count,
)

# The constants stay importable as gv.check.BOOK_W etc., as before.
from gradviz.check.networks import (
    BOOK_W,
    BOOK_X,
    EXAMPLE_T,
    EXAMPLE_X,
    MAX_HIDDEN,
    SIGNS_X,
    b2_gradient,
    class1_gradient,
    loss_after_updates,
    negative_entries,
    training_settings,
)
from gradviz.check.optimization import (
    THREE_CURVATURES,
    adam_step_function,
    best_learning_rate,
    best_rate_three_curvatures,
    descent_function,
    diverging_rates,
    fast_learning_rate,
    momentum_settings,
    two_minima_end,
)
from gradviz.check.recall import (
    RECALL_ANSWERS,
    recall_04,
    recall_05,
    recall_06,
    recall_07,
    recall_08,
    recall_09,
)
from gradviz.check.recap import recap_00, recap_01, recap_02, recap_03

__all__ = [
    "EXERCISES",
    "RECALL_ANSWERS",
    "THREE_CURVATURES",
    "CheckResult",
    "accurate_step",
    "adam_step_function",
    "b2_gradient",
    "best_learning_rate",
    "best_rate_three_curvatures",
    "class1_gradient",
    "close",
    "cube_slope",
    "descent_function",
    "difference_function",
    "diverging_rates",
    "exercise",
    "fast_learning_rate",
    "gradient_at",
    "gradient_of_bowl",
    "largest_stable_rate",
    "loss_after_updates",
    "momentum_settings",
    "negative_entries",
    "partials_by_hand",
    "partials_of_bowl",
    "power_iteration_estimate",
    "recall_04",
    "recall_05",
    "recall_06",
    "recall_07",
    "recall_08",
    "recall_09",
    "recap_00",
    "recap_01",
    "recap_02",
    "recap_03",
    "slope_along_diagonal",
    "steepest_descent_direction",
    "training_settings",
    "two_minima_end",
    "valley_angle",
    "vector",
    "weight_count",
]

# Register every 04-07 checker as a notebook exercise, with the answer set beside it
# (here, in this order, so ``EXERCISES`` lists them as it always has).
for _checker in (class1_gradient, loss_after_updates, b2_gradient, best_learning_rate):
    exercise(answer=_checker.answer)(_checker)
for _checker in (two_minima_end, diverging_rates):
    exercise(answer=_checker.answer)(_checker)
for _checker in (fast_learning_rate, descent_function):
    exercise(answer=_checker.answer, searchable=False)(_checker)
exercise(answer=negative_entries.answer)(negative_entries)
for _checker in (training_settings, momentum_settings):
    exercise(answer=_checker.answer, searchable=False)(_checker)
exercise(answer=best_rate_three_curvatures.answer)(best_rate_three_curvatures)
exercise(answer=adam_step_function.answer, searchable=False)(adam_step_function)
