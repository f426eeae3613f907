"""How a display list packs what it draws: colours, numbers, paths and marker shapes.

A display list (``display_list.py``) is sent to the page at every change, so it is kept
small: a colour is ``#rrggbbaa``, a run of integers is base64 of zigzag LEB128 bytes
(``varints`` in ``replay.py`` unpacks them), a path is a letter per vertex and the steps
between its vertices in tenths of a device pixel.
"""

from __future__ import annotations

import base64

import numpy as np
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

__all__ = ["color", "encode", "shape", "steps", "varints"]

#: The letter of each vertex's code (``Path.CLOSEPOLY``, 79, is looked up as 5).
_LETTERS = np.frombuffer(b"?MLQCz", dtype="S1")


def color(rgba) -> str:
    """A CSS colour ``#rrggbbaa`` for an RGBA tuple of floats in [0, 1]."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgba)


def varints(values: np.ndarray) -> str:
    """Integers packed as base64 of their zigzag LEB128 bytes: a step of less than 6.4 px
    (in tenths) takes one byte. ``varints`` in ``replay.py`` unpacks them."""
    z = ((values.astype(np.int64) << 1) ^ (values.astype(np.int64) >> 63)).astype(np.uint64)
    size, rest = np.ones(len(z), np.int64), z >> np.uint64(7)
    while rest.any():  # one more byte for each further 7 bits
        size += rest > 0
        rest >>= np.uint64(7)
    start = np.cumsum(size) - size
    out = np.empty(int(size.sum()), np.uint8)
    for k in range(int(size.max(initial=0))):
        more = size > k
        low = (z[more] >> np.uint64(7 * k)) & np.uint64(0x7F)
        out[start[more] + k] = low | np.where(size[more] > k + 1, 0x80, 0).astype(np.uint64)
    return base64.b64encode(out.tobytes()).decode("ascii")


def steps(points: np.ndarray) -> str:
    """Points (n, 2) in device pixels as the packed steps from each to the next, in tenths
    of a pixel (from (0, 0) for the first)."""
    tenths = np.round(points * 10).astype(np.int64)
    return varints(np.diff(tenths, axis=0, prepend=np.zeros((1, 2), np.int64)).ravel())


def encode(path: Path) -> dict:
    """A cleaned path, in device pixels, as ``{"c": codes, "v": steps}``: one letter per
    vertex (``M`` move, ``L`` line, ``Q``/``C`` the vertices of a quadratic/cubic Bézier
    segment, ``z`` close; ``z`` has no step) and the packed steps (``steps``)."""
    codes = path.codes if path.codes is not None else np.full(len(path.vertices), Path.LINETO)
    if path.codes is None and len(codes):
        codes[0] = Path.MOVETO
    keep = codes != Path.STOP
    codes, vertices = codes[keep], path.vertices[keep]
    letters = _LETTERS[np.minimum(codes, 5)].tobytes().decode("ascii")
    return {"c": letters, "v": steps(vertices[codes != Path.CLOSEPOLY])}


#: Encoded marker shapes, by (shape, transform, line width, snapping): the same few
#: markers come back in every frame.
_SHAPES: dict[tuple, dict] = {}


def shape(marker: Path, transform, width: float, snap) -> dict:
    """A marker's shape (``marker`` through ``transform``, y down, around (0, 0)), encoded."""
    codes = b"" if marker.codes is None else marker.codes.tobytes()
    key = (marker.vertices.tobytes(), codes, transform.get_matrix().tobytes(), width, snap)
    if key not in _SHAPES:
        if len(_SHAPES) > 256:
            _SHAPES.clear()
        cleaned = marker.cleaned(
            transform + Affine2D().scale(1, -1),
            remove_nans=True,
            curves=True,
            stroke_width=width,
            snap=snap,
        )
        _SHAPES[key] = encode(cleaned)
    return _SHAPES[key]
