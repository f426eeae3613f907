"""Learning-rate schedules: small objects called as ``lr_k = schedule(lr, k)``.

Each has a ``label`` for plots and the explorers; ``SCHEDULES`` names one of each.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gradviz._validate import non_negative_int

__all__ = [
    "SCHEDULES",
    "Constant",
    "ExponentialDecay",
    "InverseTimeDecay",
    "StepDecay",
]


def _fraction_in(value: object, name: str, low_open: bool = True) -> float:
    """A real number in (0, 1]; clear messages for strings, NaN and out-of-range values."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number between 0 and 1 such as 0.5, got "
            f"{type(value).__name__} {value!r}."
        )
    if not 0 < value <= 1:
        raise ValueError(f"{name} must be in (0, 1], got {value}.")
    return float(value)


@dataclass(frozen=True)
class Constant:
    """The same learning rate at every step (the text's choice)."""

    def __call__(self, lr: float, k: int) -> float:
        return lr

    @property
    def label(self) -> str:
        return "constant"


@dataclass(frozen=True)
class StepDecay:
    """Multiply the rate by ``drop`` every ``every`` steps: ``lr · drop^(k // every)``."""

    drop: float = 0.5
    every: int = 20

    def __post_init__(self) -> None:
        _fraction_in(self.drop, "drop")
        non_negative_int(self.every, "every")
        if self.every < 1:
            raise ValueError("every must be at least 1.")

    def __call__(self, lr: float, k: int) -> float:
        return lr * self.drop ** (k // self.every)

    @property
    def label(self) -> str:
        return f"step decay (×{self.drop:g} every {self.every})"


@dataclass(frozen=True)
class ExponentialDecay:
    """Shrink the rate a little every step: ``lr · rate^k``."""

    rate: float = 0.95

    def __post_init__(self) -> None:
        _fraction_in(self.rate, "rate")

    def __call__(self, lr: float, k: int) -> float:
        return lr * self.rate**k

    @property
    def label(self) -> str:
        return f"exponential (×{self.rate:g} per step)"


@dataclass(frozen=True)
class InverseTimeDecay:
    """Large steps early, small steps late: ``lr / (1 + decay · k)``."""

    decay: float = 0.1

    def __post_init__(self) -> None:
        if isinstance(self.decay, bool) or not isinstance(self.decay, numbers.Real):
            raise TypeError(
                f"decay must be a number of at least 0 such as 0.1, got "
                f"{type(self.decay).__name__} {self.decay!r}."
            )
        if not np.isfinite(self.decay) or self.decay < 0:
            raise ValueError(f"decay must be a finite number of at least 0, got {self.decay}.")

    def __call__(self, lr: float, k: int) -> float:
        return lr / (1.0 + self.decay * k)

    @property
    def label(self) -> str:
        return f"inverse time (decay {self.decay:g})"


SCHEDULES: dict[str, Callable[[float, int], float]] = {
    "constant": Constant(),
    "step decay": StepDecay(),
    "exponential": ExponentialDecay(),
    "inverse time": InverseTimeDecay(),
}
