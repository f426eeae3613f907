"""Seeded 2-D toy data sets for the networks of notebooks 05 and 06 (no downloads).

* ``make_spirals``: interleaved spirals, one arm per class.
* ``make_blobs``: Gaussian blobs around points on a circle.
* ``load_digits``: 1,797 real handwritten digits of 8×8 pixels, shipped with gradviz (notebook 09).
"""

from __future__ import annotations

import gzip
from importlib import resources

import numpy as np

from gradviz._validate import check_memory, count_at_least, finite_result, non_negative_number
from gradviz.i18n import _

__all__ = ["load_digits", "make_blobs", "make_spirals"]

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


def load_digits(test_size: int = 360, seed: int = 0):
    """Handwritten digits, 8×8 pixels: ``((x_train, t_train), (x_test, t_test))``, as the book's
    ``load_mnist(normalize=True)`` returns MNIST.

    ``x`` ``(samples, 64)`` holds the pixels scaled to [0, 1] (row by row), ``t`` the digit
    0–9. The 1,797 images are the test set of the UCI "Optical Recognition of Handwritten
    Digits" data (E. Alpaydin and C. Kaynak, 1998; CC BY 4.0), as scikit-learn ships it,
    copied into ``gradviz/datasets`` (57 KB), so nothing is downloaded. A seeded shuffle
    puts ``test_size`` of them aside as test data.
    """
    if isinstance(test_size, bool) or not isinstance(test_size, (int, np.integer)):
        raise TypeError(
            _("test_size must be a whole number, got {value!r}.").format(value=test_size)
        )
    source = resources.files("gradviz") / "datasets" / "digits.csv.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt") as text:
        table = np.loadtxt(text, delimiter=",", dtype=np.int64)
    if not 0 < test_size < len(table):
        raise ValueError(
            _("test_size must lie between 1 and {last}, got {value}.").format(
                last=len(table) - 1, value=test_size
            )
        )
    order = np.random.default_rng(seed).permutation(len(table))
    x, t = table[order, :64] / 16.0, table[order, 64]
    return (x[test_size:], t[test_size:]), (x[:test_size], t[:test_size])
