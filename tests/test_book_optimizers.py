"""Every update rule the book has walks the book's path to the last digit.

The book's chapter 6 (``common/optimizer.py`` of oreilly-japan/deep-learning-from-scratch)
updates a dict of parameter arrays in place. Below, each of its rules is written out as the
book's formulas, with its constants (eps = 1e-7) and its order of operations, on one array;
``book_path`` runs it in the book's loop (gradient, then ``update``) and gradviz's
``minimize`` must give the same points, compared with ``np.array_equal`` (no tolerance).
"""

from __future__ import annotations

import numpy as np
import pytest

import gradviz as gv


def book_sgd(lr):
    def update(x, g):
        x -= lr * g

    return update


def book_momentum(lr, momentum=0.9):
    v = None

    def update(x, g):
        nonlocal v
        v = np.zeros_like(x) if v is None else v
        v = momentum * v - lr * g
        x += v

    return update


def book_nesterov(lr, momentum=0.9):
    # The book's fixed version (2021, "Fix Nesterov update function"): the step uses the
    # velocity of the previous step, and v is updated afterwards.
    v = None

    def update(x, g):
        nonlocal v
        v = np.zeros_like(x) if v is None else v
        x += momentum * momentum * v
        x -= (1 + momentum) * lr * g
        v *= momentum
        v -= lr * g

    return update


def book_adagrad(lr):
    h = None

    def update(x, g):
        nonlocal h
        h = np.zeros_like(x) if h is None else h
        h += g * g
        x -= lr * g / (np.sqrt(h) + 1e-7)

    return update


def book_rmsprop(lr, decay_rate=0.99):
    h = None

    def update(x, g):
        nonlocal h
        h = np.zeros_like(x) if h is None else h
        h *= decay_rate
        h += (1 - decay_rate) * g * g
        x -= lr * g / (np.sqrt(h) + 1e-7)

    return update


def book_adam(lr, beta1=0.9, beta2=0.999):
    m = v = None
    it = 0

    def update(x, g):
        nonlocal m, v, it
        if m is None:
            m, v = np.zeros_like(x), np.zeros_like(x)
        it += 1
        lr_t = lr * np.sqrt(1.0 - beta2**it) / (1.0 - beta1**it)
        m += (1 - beta1) * (g - m)
        v += (1 - beta2) * (g**2 - v)
        x -= lr_t * m / (np.sqrt(v) + 1e-7)

    return update


BOOK = {
    "SGD": book_sgd,
    "Momentum": book_momentum,
    "Nesterov": book_nesterov,
    "AdaGrad": book_adagrad,
    "RMSProp": book_rmsprop,
    "Adam": book_adam,
}
SURFACES = ["bowl", "book's valley", "Rosenbrock", "saddle", "two minima"]
SCALES = [0.01, 0.1, 1.0]  # times the race's learning rates (SGD 0.95, Momentum 0.1, ...)


def book_path(surface, update, steps):
    x = np.array(surface.start, dtype=float)
    points = [x.copy()]
    for _ in range(steps):
        update(x, surface.grad(x))
        points.append(x.copy())
    return np.array(points)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("surface_name", SURFACES)
@pytest.mark.parametrize("name", list(BOOK))
def test_gradviz_walks_the_books_path_to_the_last_digit(name, surface_name, scale):
    surface = gv.SURFACES[surface_name]
    method = gv.optimizers.RACE_METHODS[name].scaled(scale)
    ours = gv.minimize(surface.f, surface.start, method, 40, grad=surface.grad)
    extra = {"momentum": method.momentum} if hasattr(method, "momentum") else {}
    theirs = book_path(surface, BOOK[name](method.lr, **extra), len(ours.points) - 1)
    assert np.array_equal(ours.points, theirs), (name, surface_name, scale)


def test_the_comparison_can_fail():
    """The order of Nesterov's two updates matters: the pre-2021 book code differs."""

    def old_nesterov(lr, momentum=0.9):
        v = None

        def update(x, g):
            nonlocal v
            v = np.zeros_like(x) if v is None else v
            v *= momentum
            v -= lr * g
            x += momentum * momentum * v
            x -= (1 + momentum) * lr * g

        return update

    bowl = gv.SURFACES["bowl"]
    ours = gv.minimize(bowl.f, bowl.start, gv.Nesterov(0.1), 10, grad=bowl.grad)
    assert not np.array_equal(ours.points, book_path(bowl, old_nesterov(0.1), 10))
