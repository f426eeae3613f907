"""Seeded 2-D toy data sets for the networks of notebooks 05 and 06 (no downloads).

* ``make_spirals``: interleaved spirals, one arm per class.
* ``make_blobs``: Gaussian blobs around points on a circle.
"""

from __future__ import annotations

import numpy as np

__all__ = ["make_blobs", "make_spirals"]


def make_spirals(
    n_per_class: int = 100, classes: int = 2, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spirals: ``X`` ``(classes·n, 2)`` in about [-1, 1]², ``t`` class indices."""
    rng = np.random.default_rng(seed)
    X, t = [], []
    for c in range(classes):
        r = np.linspace(0.05, 1.0, n_per_class)
        theta = np.linspace(0, 3.5, n_per_class) + 2 * np.pi * c / classes
        theta = theta + rng.normal(0, noise, n_per_class)
        X.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
        t.append(np.full(n_per_class, c))
    return np.concatenate(X), np.concatenate(t)


def make_blobs(
    n_per_class: int = 100, classes: int = 3, spread: float = 0.35, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian blobs around ``classes`` points on a circle of radius 1."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(classes) / classes + np.pi / 6
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    X = np.concatenate([c + spread * rng.standard_normal((n_per_class, 2)) for c in centres])
    t = np.repeat(np.arange(classes), n_per_class)
    return X, t
