"""Learning-rate schedules: small objects called as ``lr_k = schedule(lr, k)``.

Each has a ``label`` for plots and the explorers; ``SCHEDULES`` names one of each.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

from gradviz._validate import non_negative_int, non_negative_number, set_frozen
from gradviz.i18n import N_, _

__all__ = [
    "SCHEDULES",
    "SCHEDULE_NAMES",
    "Constant",
    "ExponentialDecay",
    "InverseTimeDecay",
    "StepDecay",
    "schedule_name",
]


def _fraction_in(value: object, name: str, low_open: bool = True) -> float:
    """A real number in (0, 1]; clear messages for strings, NaN and out-of-range values."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            _(
                "{name} must be a number between 0 and 1 such as 0.5, got {type_name} {value!r}."
            ).format(name=name, type_name=type(value).__name__, value=value)
        )
    if not 0 < value <= 1:
        raise ValueError(_("{name} must be in (0, 1], got {value}.").format(name=name, value=value))
    return float(value)


@dataclass(frozen=True)
class Constant:
    """The same learning rate at every step (the text's choice)."""

    def __call__(self, lr: float, k: int) -> float:
        return lr

    @property
    def label(self) -> str:
        return _(SCHEDULE_NAMES["constant"])


@dataclass(frozen=True)
class StepDecay:
    """Multiply the rate by ``drop`` every ``every`` steps: ``lr · drop^(k // every)``."""

    drop: float = 0.5
    every: int = 20

    def __post_init__(self) -> None:
        set_frozen(self, "drop", _fraction_in(self.drop, "drop"))
        set_frozen(self, "every", non_negative_int(self.every, "every"))
        if self.every < 1:
            raise ValueError(_("every must be at least 1."))

    def __call__(self, lr: float, k: int) -> float:
        return lr * self.drop ** (k // self.every)

    @property
    def label(self) -> str:
        return _("step decay (×{drop:g} every {every})").format(drop=self.drop, every=self.every)


@dataclass(frozen=True)
class ExponentialDecay:
    """Shrink the rate a little every step: ``lr · rate^k``."""

    rate: float = 0.95

    def __post_init__(self) -> None:
        set_frozen(self, "rate", _fraction_in(self.rate, "rate"))

    def __call__(self, lr: float, k: int) -> float:
        return lr * self.rate**k

    @property
    def label(self) -> str:
        return _("exponential (×{rate:g} per step)").format(rate=self.rate)


@dataclass(frozen=True)
class InverseTimeDecay:
    """Large steps early, small steps late: ``lr / (1 + decay · k)``."""

    decay: float = 0.1

    def __post_init__(self) -> None:
        if isinstance(self.decay, bool) or not isinstance(self.decay, numbers.Real):
            raise TypeError(
                _(
                    "decay must be a number of at least 0 such as 0.1, got {type_name} {value!r}."
                ).format(type_name=type(self.decay).__name__, value=self.decay)
            )
        decay = non_negative_number(self.decay, "decay")
        set_frozen(self, "decay", decay)

    def __call__(self, lr: float, k: int) -> float:
        return lr / (1.0 + self.decay * k)

    @property
    def label(self) -> str:
        return _("inverse time (decay {decay:g})").format(decay=self.decay)


#: The display name of each key of ``SCHEDULES``, marked for translation: show
#: ``_(SCHEDULE_NAMES[key])`` in a menu and keep the key as its value.
SCHEDULE_NAMES: dict[str, str] = {
    "constant": N_("constant"),
    "step decay": N_("step decay"),
    "exponential": N_("exponential"),
    "inverse time": N_("inverse time"),
}

SCHEDULES: dict[str, Callable[[float, int], float]] = {
    "constant": Constant(),
    "step decay": StepDecay(),
    "exponential": ExponentialDecay(),
    "inverse time": InverseTimeDecay(),
}


def schedule_name(key: str) -> str:
    """The menu label of the ``SCHEDULES`` key ``key``, in the current language."""
    return _(SCHEDULE_NAMES[key])
