"""The functions the series studies, each with its exact derivative or gradient.

Plain functions first (``function_1`` and ``function_2`` are the text's), then
``Surface`` objects that bundle a function of two variables with its analytic
gradient, its minimum and a good window to look at it through.

Every two-variable function here takes ``x`` with ``x[0]`` and ``x[1]`` as the two
coordinates, so it works on one point of shape ``(2,)`` and on a whole grid
stacked as ``(2, *S)`` alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from gradviz._validate import check_memory, count_at_least, one_of, real_array, real_number
from gradviz.i18n import N_, _

__all__ = [
    "SURFACES",
    "Surface",
    "UnknownSurfaceError",
    "book_valley",
    "bowl",
    "elongated_bowl",
    "function_1",
    "function_1_derivative",
    "function_2",
    "function_2_gradient",
    "get_surface",
    "grid",
    "rosenbrock",
    "saddle",
    "slice_curves",
    "slice_planes",
    "two_minima",
]

#: Resolution of the grid a surface's z range is read from.
Z_RANGE_GRID = 60
#: Where a symmetric-log axis turns linear: within this distance of 0.
SYMLOG_LINEAR_WIDTH = 1e-2


def function_1(x):
    """The text's ``0.01 x**2 + 0.1 x`` (a gentle parabola)."""
    return 0.01 * x**2 + 0.1 * x


def function_1_derivative(x):
    """Exact derivative of ``function_1``: ``0.02 x + 0.1``."""
    return 0.02 * x + 0.1


def function_2(x):
    """The text's bowl ``x0**2 + x1**2``; its minimum is 0 at (0, 0)."""
    return x[0] ** 2 + x[1] ** 2


def function_2_gradient(x):
    """Exact gradient of ``function_2``: ``(2 x0, 2 x1)``, same shape as ``x``."""
    return 2.0 * np.asarray(x, dtype=float)


@dataclass(frozen=True)
class Surface:
    """A function of two variables with everything needed to draw and check it.

    ``f(x)`` maps a point ``(2,)`` to a number, or a grid ``(2, *S)`` to ``(*S)``;
    ``grad(x)`` returns the exact gradient with the same leading axis of 2.
    ``minima`` has shape ``(k, 2)`` (empty for a saddle), ``window`` is
    ``((xmin, xmax), (ymin, ymax))`` and ``start`` a good place to begin a descent.
    ``key`` is the stable name code uses (``SURFACES[key]``); ``name`` is the display
    name menus and titles show, in the current language: ``label`` holds it in English
    (marked with ``N_``, with ``{placeholders}`` filled from ``label_values``, e.g. the κ
    of an elongated bowl), and ``name`` translates it when read. Code that needs a name
    that never changes uses ``key``. ``race_scale`` is a learning-rate scale at which the
    optimizer race is interesting on this surface, ``descent_lr`` a learning rate at which
    plain gradient descent from ``start`` converges and shows the surface's lesson (the
    descent explorer moves its slider there when the surface changes). What is derived from
    the picture of the window (``z_range``, ``lowest``, ``loss_scale``) is computed once, on
    first use.
    """

    label: str
    formula: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    minima: np.ndarray
    window: tuple[tuple[float, float], tuple[float, float]]
    start: tuple[float, float]
    key: str = ""  # default: the English name
    race_scale: float = 1.0
    descent_lr: float = 0.1
    label_values: tuple[tuple[str, float], ...] = ()  # fills the {placeholders} of label

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.label.format(**dict(self.label_values)))

    @property
    def name(self) -> str:
        """The display name in the current language, e.g. "bowl" or "碗形曲面"."""
        return _(self.label).format(**dict(self.label_values))

    @property
    def title(self) -> str:
        """A map's title: the display name and the formula, e.g. "bowl: f = x0² + x1²"."""
        return _("{surface}: f = {formula}").format(surface=self.name, formula=self.formula)

    def __call__(self, x):
        return self.f(x)

    def grid(self, n: int = 200, window=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``X, Y, Z`` over ``window`` (default: the surface's), each of shape ``(n, n)``."""
        return grid(self, n, window)

    @cached_property
    def z_range(self) -> tuple[float, float]:
        """Lowest and highest f over the window (on a 60×60 grid)."""
        _X, _Y, Z = grid(self, Z_RANGE_GRID)
        return float(Z.min()), float(Z.max())

    @cached_property
    def lowest(self) -> float | None:
        """The value of f at the lowest minimum, or None for a surface without minima."""
        if not len(self.minima):
            return None
        return float(np.min(self.f(self.minima.T)))

    @property
    def loss_scale(self) -> dict:
        """Keywords of ``ax.set_yscale`` for f along a run: log when f stays ≥ 0 over the
        window, else symmetric log (linear within ``SYMLOG_LINEAR_WIDTH`` of 0)."""
        if self.z_range[0] >= 0:
            return {"value": "log"}
        return {"value": "symlog", "linthresh": SYMLOG_LINEAR_WIDTH}

    def __repr__(self) -> str:
        return f"Surface({self.name!r}: f(x) = {self.formula})"


bowl = Surface(
    label=N_("bowl"),
    key="bowl",
    formula="x0² + x1²",
    f=function_2,
    grad=function_2_gradient,
    minima=np.array([[0.0, 0.0]]),
    window=((-4.5, 4.5), (-4.5, 4.5)),
    start=(-3.0, 4.0),
)


def check_kappa(kappa: object) -> float:
    """A condition number κ: a finite number of at least 1."""
    kappa = real_number(kappa, "kappa")
    if kappa < 1:
        raise ValueError(
            _("kappa must be a finite number of at least 1, got {kappa}.").format(kappa=kappa)
        )
    return kappa


def elongated_bowl(kappa: float = 10.0) -> Surface:
    """``x0² + kappa·x1²``: a valley whose walls are ``kappa`` times steeper one way."""
    kappa = check_kappa(kappa)

    def f(x):
        return x[0] ** 2 + kappa * x[1] ** 2

    def grad(x):
        x = np.asarray(x, dtype=float)
        return np.array([2.0 * x[0], 2.0 * kappa * x[1]])

    return Surface(
        label=N_("elongated bowl (κ={kappa:g})"),
        label_values=(("kappa", kappa),),
        key="elongated bowl",
        formula=f"x0² + {kappa:g}·x1²",
        f=f,
        grad=grad,
        minima=np.array([[0.0, 0.0]]),
        window=((-4.5, 4.5), (-4.5, 4.5)),
        start=(-4.0, 2.0),
        race_scale=0.3,
        # x1 is multiplied by 1 − 2κ·lr per step: 0.9/κ makes that −0.8, a zig-zag that settles
        # (at 1/κ it is −1 and x1 bounces for ever).
        descent_lr=0.9 / kappa,
    )


def _rosenbrock_f(x):
    return (1.0 - x[0]) ** 2 + 100.0 * (x[1] - x[0] ** 2) ** 2


def _rosenbrock_grad(x):
    x = np.asarray(x, dtype=float)
    dx0 = -2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] ** 2)
    dx1 = 200.0 * (x[1] - x[0] ** 2)
    return np.array([dx0, dx1])


rosenbrock = Surface(
    label=N_("Rosenbrock valley"),
    key="Rosenbrock",
    formula="(1 − x0)² + 100·(x1 − x0²)²",
    f=_rosenbrock_f,
    grad=_rosenbrock_grad,
    minima=np.array([[1.0, 1.0]]),
    window=((-2.0, 2.0), (-1.0, 3.0)),
    start=(-1.5, 2.0),
    race_scale=0.002,
    descent_lr=0.002,
)


def _saddle_f(x):
    return x[0] ** 2 - x[1] ** 2


def _saddle_grad(x):
    x = np.asarray(x, dtype=float)
    return np.array([2.0 * x[0], -2.0 * x[1]])


saddle = Surface(
    label=N_("saddle"),
    key="saddle",
    formula="x0² − x1²",
    f=_saddle_f,
    grad=_saddle_grad,
    minima=np.empty((0, 2)),
    window=((-2.0, 2.0), (-2.0, 2.0)),
    start=(-1.8, 0.05),
    race_scale=0.02,
)


def _two_minima_f(x):
    return (x[0] ** 2 - 1.0) ** 2 + x[1] ** 2 + 0.3 * x[0]


def _two_minima_grad(x):
    x = np.asarray(x, dtype=float)
    return np.array([4.0 * x[0] * (x[0] ** 2 - 1.0) + 0.3, 2.0 * x[1]])


def _two_minima_points() -> np.ndarray:
    # Minima where 4x(x² − 1) + 0.3 = 0 and f'' > 0: the outer two roots of the cubic.
    roots = np.sort(np.roots([4.0, 0.0, -4.0, 0.3]).real)
    return np.array([[roots[0], 0.0], [roots[2], 0.0]])


two_minima = Surface(
    label=N_("two minima"),
    key="two minima",
    formula="(x0² − 1)² + x1² + 0.3·x0",
    f=_two_minima_f,
    grad=_two_minima_grad,
    minima=_two_minima_points(),
    window=((-2.0, 2.0), (-1.5, 1.5)),
    start=(0.3, 1.2),
    race_scale=0.1,
)


def _book_valley_f(x):
    return x[0] ** 2 / 20.0 + x[1] ** 2


def _book_valley_grad(x):
    x = np.asarray(x, dtype=float)
    return np.array([x[0] / 10.0, 2.0 * x[1]])


book_valley = Surface(
    label=N_("book's valley"),
    key="book's valley",
    formula="x0²/20 + x1²",
    f=_book_valley_f,
    grad=_book_valley_grad,
    minima=np.array([[0.0, 0.0]]),
    window=((-10.0, 10.0), (-5.0, 5.0)),
    start=(-7.0, 2.0),
    descent_lr=0.9,
)


class UnknownSurfaceError(KeyError, ValueError):
    """A surface name that is not in ``SURFACES``; the message lists the valid names."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0])


class _SurfaceTable(dict):
    """``SURFACES``: a plain dict whose unknown keys get a message that lists the names."""

    def __missing__(self, key):
        names = ", ".join(repr(name) for name in self)
        raise UnknownSurfaceError(
            _(
                "There is no surface called {key!r}. Choose one of: {names} "
                "(e.g. surface='Rosenbrock')."
            ).format(key=key, names=names)
        )


def get_surface(key: str) -> Surface:
    """The ``Surface`` called ``key`` (a key of ``SURFACES``), with a clear error if unknown."""
    if not isinstance(key, str):
        one_of(key, "key", SURFACES)
    return SURFACES[key]


def require_surface(surface: object) -> Surface:
    """``surface`` if it is a ``Surface`` (such as gv.bowl), else a clear TypeError."""
    if not isinstance(surface, Surface):
        raise TypeError(
            _(
                "surface must be a Surface such as gv.bowl or gv.SURFACES['Rosenbrock'], got "
                "{type_name} {value!r}."
            ).format(type_name=type(surface).__name__, value=surface)
        )
    return surface


def _point(point: object) -> tuple[float, float]:
    """A point (x0, x1) as two finite floats."""
    p = real_array(point, "point")
    if p.shape != (2,):
        raise ValueError(
            _("a point has two coordinates (x0, x1), got {point!r}.").format(point=point)
        )
    return float(p[0]), float(p[1])


#: The surfaces the explorers offer, by ``key``.
SURFACES: dict[str, Surface] = _SurfaceTable(
    {s.key: s for s in (bowl, elongated_bowl(10.0), rosenbrock, saddle, two_minima, book_valley)}
)


# --- sampling a surface: grids and slices (pure numpy, for plots and explorers) -------


def grid(surface: Surface, n: int = 200, window=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X, Y, Z`` over ``window`` (default: the surface's), each of shape ``(n, n)``."""
    require_surface(surface)
    n = count_at_least(n, "n", 2)
    check_memory(
        64 * n * n,  # X, Y, their stack, Z and f's temporaries
        _("A grid of {n} × {n} points").format(n=n),
        _("Use a smaller n: 200 points a side already look smooth."),
    )
    window = surface.window if window is None else real_array(window, "window")
    if np.shape(window) != (2, 2):
        raise ValueError(
            _("window must be ((left, right), (bottom, top)), got shape {shape}.").format(
                shape=np.shape(window)
            )
        )
    (left, right), (bottom, top) = window
    X, Y = np.meshgrid(np.linspace(left, right, n), np.linspace(bottom, top, n))
    return X, Y, surface.f(np.stack([X, Y]))


def slice_curves(surface: Surface, point, n: int = 200) -> dict[str, np.ndarray]:
    """The two slices of a surface through ``point``: f along x0 (x1 held) and along x1.

    Returns ``t0``, ``f0`` (shape ``(n,)``: f(t, x1) for t across the window) and
    ``t1``, ``f1`` (f(x0, t)).
    """
    require_surface(surface)
    p0, p1 = _point(point)
    n = count_at_least(n, "n", 2)
    check_memory(
        64 * n,
        _("A slice of {n} points").format(n=n),
        _("Use a smaller n: 200 points a side already look smooth."),
    )
    t0 = np.linspace(*surface.window[0], n)
    t1 = np.linspace(*surface.window[1], n)
    f0 = surface.f(np.stack([t0, np.full(n, p1)]))
    f1 = surface.f(np.stack([np.full(n, p0), t1]))
    return {"t0": t0, "f0": f0, "t1": t1, "f1": f1}


def slice_planes(surface: Surface, point) -> list[np.ndarray]:
    """Corners of the two vertical planes x1 = point[1] and x0 = point[0], each ``(4, 3)``,
    spanning the surface's window and z range."""
    require_surface(surface)
    p0, p1 = _point(point)
    (a, b), (c, d) = surface.window
    lo, hi = surface.z_range
    return [
        np.array([[a, p1, lo], [b, p1, lo], [b, p1, hi], [a, p1, hi]]),
        np.array([[p0, c, lo], [p0, d, lo], [p0, d, hi], [p0, c, hi]]),
    ]
