"""Seeded 2-D toy data sets for the networks of notebooks 05 and 06 (no downloads).

* ``make_spirals``: interleaved spirals, one arm per class.
* ``make_blobs``: Gaussian blobs around points on a circle.
"""

from __future__ import annotations

import numpy as np

from gradviz._validate import check_memory, count_at_least, finite_result, non_negative_number
from gradviz.i18n import _

__all__ = ["make_blobs", "make_spirals"]

#: Bytes per sample while a data set is made: X (2 floats), t, and the temporaries.
_BYTES_PER_SAMPLE = 64


def _sizes(n_per_class: object, classes: object, spread: object, spread_name: str, seed: object):
    """The checked settings of a toy data set, refused at once if it would not fit."""
    n_per_class = count_at_least(n_per_class, "n_per_class", 1)
    classes = count_at_least(classes, "classes", 1)
    spread = non_negative_number(spread, spread_name)
    check_memory(
        _BYTES_PER_SAMPLE * n_per_class * classes,
        _("A data set of {count:,} points").format(count=n_per_class * classes),
        _("Use fewer points per class: a few hundred are plenty to train on."),
    )
    return n_per_class, classes, spread, count_at_least(seed, "seed", 0)


def _finite(X: np.ndarray, name: str, value: float) -> np.ndarray:
    """The points, refused if ``name`` = ``value`` made them overflow."""
    return finite_result(X, _("{name} = {value:g}").format(name=name, value=value))


def make_spirals(
    n_per_class: int = 100, classes: int = 2, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spirals: ``X`` ``(classes·n, 2)`` in about [-1, 1]², ``t`` class indices."""
    n_per_class, classes, noise, seed = _sizes(n_per_class, classes, noise, "noise", seed)
    rng = np.random.default_rng(seed)
    X, t = [], []
    with np.errstate(all="ignore"):  # a noise so large that angles overflow: refused below
        for c in range(classes):
            r = np.linspace(0.05, 1.0, n_per_class)
            theta = np.linspace(0, 3.5, n_per_class) + 2 * np.pi * c / classes
            theta = theta + rng.normal(0, noise, n_per_class)
            X.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
            t.append(np.full(n_per_class, c))
    return _finite(np.concatenate(X), "noise", noise), np.concatenate(t)


def make_blobs(
    n_per_class: int = 100, classes: int = 3, spread: float = 0.35, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs around ``classes`` points on a circle of radius 1."""
    n_per_class, classes, spread, seed = _sizes(n_per_class, classes, spread, "spread", seed)
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(classes) / classes + np.pi / 6
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    with np.errstate(over="ignore"):  # a spread so large that points overflow: refused below
        X = np.concatenate([c + spread * rng.standard_normal((n_per_class, 2)) for c in centres])
    t = np.repeat(np.arange(classes), n_per_class)
    return _finite(X, "spread", spread), t
