"""Why a run of descent stopped, in words: the limits of one run and every stop message.

``descent.descend`` is the readable loop; this module holds what it says when a run
cannot go on (the numbers overflowed, f left its domain, the step was NaN, the rate
decayed to zero, nothing moved), the small record ``Run`` it keeps while walking, the
checks that tell when to stop, and the one or two sentences of ``DescentPath.summary``.
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass, field

import numpy as np

from gradviz._validate import non_negative_int, positive_number, scalar_value
from gradviz.calculus import NonFiniteValueError, PrecisionWarning
from gradviz.i18n import N_, _, space_after

__all__ = ["MAX_RECORDED_NUMBERS", "MAX_STEPS", "StopDescent"]


#: The most steps one run may take: enough for every lesson, and a classroom machine
#: answers within seconds (10**7 steps took minutes and 4 GB).
MAX_STEPS = 100_000
#: The most numbers one run may record (points and gradients): about 160 MB.
MAX_RECORDED_NUMBERS = 20_000_000

#: Why a run whose numerical gradient was exactly zero at every step stood still.
NOTHING_MOVED = N_("Nothing moved: the numerical gradient was exactly zero at every step.")


class StopDescent(Exception):
    """Raised by a step to end a run cleanly; the path so far is kept.

    ``reason`` is a short key (e.g. ``"rate"``, ``"step"``), the message says what
    happened in words.
    """

    __module__ = "gradviz.descent"  # named (in tracebacks, pickles) where it always lived

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_step_num(step_num: object, size: int) -> int:
    """``step_num`` as an int, refused when the run would take too long or too much memory."""
    step_num = non_negative_int(step_num, "step_num")
    if step_num > MAX_STEPS:
        raise ValueError(
            _(
                "step_num = {step_num} is more than one run may take ({max_steps}): it would "
                "keep a classroom machine busy for minutes. Use fewer steps, or a larger "
                "learning rate so that fewer steps are needed."
            ).format(step_num=step_num, max_steps=MAX_STEPS)
        )
    if (step_num + 1) * 2 * size > MAX_RECORDED_NUMBERS:
        raise ValueError(
            _(
                "{step_num} steps in {size} dimensions would record more than "
                "{max_numbers} numbers (too much memory). Use fewer steps."
            ).format(step_num=step_num, size=size, max_numbers=MAX_RECORDED_NUMBERS)
        )
    return step_num


def rate_decayed(k: int) -> StopDescent:
    """The stop for a schedule whose rate underflowed to exactly 0 at step k."""
    return StopDescent(
        "rate",
        _(
            "The learning rate decayed to 0 at step {step} (it became smaller than the "
            "smallest floating-point number), so the run stopped there; the path so far "
            "is kept. Use a slower decay or fewer steps."
        ).format(step=k),
    )


def scheduled_rate(value: object, k: int) -> float:
    """The rate a schedule returned for step k, as a positive float (0 stops the run)."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            _(
                "schedule(lr, {step}) must return one number, the learning rate at step "
                "{step}, but it returned {type_name} {value!r}."
            ).format(step=k, type_name=type(value).__name__, value=value)
        )
    if value == 0:
        raise rate_decayed(k)
    return positive_number(value, f"schedule(lr, {k})")


def h_too_large_message(k: int, h: float, value: float, bad: float) -> str:
    """At step k f(x) was finite but f(x ± h) was not: the nudge h is too large."""
    return _(
        "At step {step} the numerical gradient could not be formed: f(x) = {value:.4g}, "
        "but f at x ± h is {bad}, because the nudge h = {h:g} is large enough to carry x "
        "outside where f is finite. Use a smaller h (the text's 1e-4). The run stopped "
        "there; the path so far is kept."
    ).format(step=k, value=value, bad=bad, h=h)


def domain_message(k: int, x: np.ndarray) -> str:
    """f became NaN at step k: the path left the function's domain."""
    return _(
        "At step {step} f became NaN (not a number) near x = {x}: "
        "the path left the function's domain (for example the square root of a negative "
        "number). The run stopped there and the path so far is kept; try a smaller "
        "learning rate or a start farther from the edge of the domain."
    ).format(step=k, x=np.array2string(x, precision=4))


def nan_step_message(k: int) -> str:
    """The step computed for step k was NaN."""
    return _(
        "At step {step} the step itself was NaN (not a number), so the run "
        "stopped there; the path so far is kept."
    ).format(step=k)


def precision_message(k: int, warning: object) -> str:
    """From step k on the numerical gradient lost h next to x (``warning`` says how)."""
    return _("From step {step} on the numerical gradient was unreliable: {warning}").format(
        step=k, warning=warning
    )


def frozen_message(since: int, lr: float) -> str:
    """Nothing moved from step ``since`` on: ``lr·∇f`` is below the float spacing near x."""
    return _(
        "Nothing moved from step {step} on: the step lr·∇f (lr = {lr:.3g}) "
        "is smaller than the spacing of floating-point numbers near x, so "
        "x + lr·∇f == x. Start closer to the minimum or use a larger learning rate."
    ).format(step=since, lr=lr)


# --- one run: what it recorded, and why it stopped ----------------------------------


@dataclass
class Run:
    """What ``descend`` has recorded so far, and why it stopped (if it did)."""

    points: list = field(default_factory=list)
    values: list = field(default_factory=list)
    grads: list = field(default_factory=list)
    lrs: list = field(default_factory=list)
    diverged_at: int | None = None
    reason: str | None = None
    message: str = ""
    lost_at: int | None = None
    lost_message: str = ""
    frozen_since: int | None = None
    frozen_lr: float = 0.0

    def record(self, x: np.ndarray, value: float, g: np.ndarray, lr: float) -> None:
        self.points.append(x)
        self.values.append(value)
        self.grads.append(g)
        self.lrs.append(lr)

    def stop(self, reason: str, message: str = "") -> None:
        self.reason, self.message = reason, message


def watched_gradient(gradient, x: np.ndarray, k: int, run: Run) -> np.ndarray:
    """``gradient(x)``, noting the first step whose numerical gradient lost precision."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PrecisionWarning)
        g = gradient(x)
    lost = [w for w in caught if issubclass(w.category, PrecisionWarning)]
    if run.lost_at is None and lost:
        run.lost_at = k
        run.lost_message = precision_message(k, lost[0].message)
    return g


def gradient_not_finite(
    err: NonFiniteValueError, k: int, x: np.ndarray, run: Run, h: float | None = None
) -> None:
    """f was NaN (left its domain) or overflowed while the gradient was taken at step k.

    ``h`` is the numerical gradient's step (None for an exact gradient): f(x) itself is
    finite at every recorded point, so when h is large next to x, the nudge is to blame.
    """
    if h is not None and h > 1e-2 * max(1.0, float(np.max(np.abs(x)))):
        run.stop("h", h_too_large_message(k, h, run.values[-1], err.value))
    elif np.isnan(err.value):
        run.stop("domain", domain_message(k, x))
    else:
        run.diverged_at, run.reason = k, "overflow"


def new_value(f, x_new: np.ndarray, k: int, run: Run) -> float | None:
    """f at the new point, or None (with the reason noted in ``run``) if the run must stop."""
    # One reduction tells that every entry is finite (the sum of finite numbers can still
    # overflow: then the entries are looked at one by one).
    finite = math.isfinite(float(np.add.reduce(x_new, axis=None))) or bool(
        np.all(np.isfinite(x_new))
    )
    if not finite and np.any(np.isnan(x_new)):
        run.stop("step", nan_step_message(k + 1))
        return None
    f_new = _safe_value(f, x_new) if finite else np.inf
    if math.isfinite(f_new):
        return f_new
    if np.isnan(f_new):
        run.stop("domain", domain_message(k + 1, x_new))
        return None
    if not np.isfinite(f_new):  # overflow: stop at the last finite point
        run.diverged_at = k + 1 if run.diverged_at is None else run.diverged_at
        run.reason = "overflow"
        return None
    return f_new


def watch_frozen(run: Run, moved: bool, g: np.ndarray, k: int, lr_k: float) -> None:
    """Note the step from which x stopped moving although the gradient was not zero."""
    if moved or not np.any(g):
        run.frozen_since = None
    elif run.frozen_since is None:
        run.frozen_since, run.frozen_lr = k + 1, lr_k


def finish(run: Run) -> None:
    """Name why a run that ended without an explicit stop overflowed or stood still."""
    if run.reason == "overflow" and run.diverged_at is None:
        run.diverged_at = len(run.points)
    if run.reason is None and run.frozen_since is not None:
        run.stop("frozen", frozen_message(run.frozen_since, run.frozen_lr))
    if run.reason is None and run.lost_at is not None and len(run.points) > 1:
        if not np.any(np.diff(np.array(run.points), axis=0)):
            run.stop("frozen", _(NOTHING_MOVED))


def _safe_value(f, x) -> float:
    try:
        return scalar_value(f(x), "f(x)")
    except OverflowError:
        return np.inf


def _distinct(a: float, b: float) -> tuple[str, str]:
    """``a`` and ``b`` with 4 significant digits, or more (up to 17) until they differ."""
    digits = 4  # enough digits to show that f changed at all
    while digits < 17 and f"{a:.{digits}g}" == f"{b:.{digits}g}" and a != b:
        digits += 1
    return f"{a:.{digits}g}", f"{b:.{digits}g}"


def summary(path) -> str:
    """One or two sentences, in words, of what the run ``path`` (a DescentPath) did."""
    m = len(path.points) - 1
    start, end = path.values[0], path.values[-1]
    if not path.diverged:
        shown = _distinct(start, end)
        text = _("{steps} steps: f went from {start} to {end}.").format(
            steps=m, start=shown[0], end=shown[1]
        )
        if end > start and not path.stop_message:
            text += space_after(text) + _(
                "f ended higher than it started: the steps overshoot, so try a smaller "
                "learning rate."
            )
        if path.stop_message:
            text += space_after(text) + path.stop_message
        if path.precision_message:
            text += space_after(text) + path.precision_message
        return text
    if path.diverged_at > m:  # the diverging step itself overflowed: nothing recorded
        text = _(
            "Diverged at step {step}: that step overflowed (x or f grew beyond what floating "
            "point can hold, about 1.8e308), starting from f = {start:.4g}. The learning "
            "rate is too large for this function."
        ).format(step=path.diverged_at, start=start)
    else:
        shown = _distinct(start, path.values[path.diverged_at])
        text = _(
            "Diverged at step {step}: f grew from {start} to "
            "{value}. The learning rate is too large "
            "for this function."
        ).format(step=path.diverged_at, start=shown[0], value=shown[1])
    if path.stop_reason == "overflow":
        text += space_after(text) + _(
            "The run stopped after {steps} steps because the numbers overflowed."
        ).format(steps=m)
    elif path.stop_message:
        text += space_after(text) + path.stop_message
    elif path.frozen:
        text += space_after(text) + _(
            "It then froze at f = {value:.3g}: so far from the minimum the numerical "
            "gradient rounds to exactly zero."
        ).format(value=end)
    elif path.precision_message:
        text += space_after(text) + path.precision_message
    return text
