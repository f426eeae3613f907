"""Images the browser can enlarge itself: the source pixels and where they go.

Notebook 06's decision regions are a 120 × 120 image stretched over a panel some 500 px
wide. Resampled by matplotlib, every frame of the training explorer would carry a
500 × 500 PNG (about 100 KB, some 60 ms to resample and encode); sent as its 120 × 120
source and the rectangle it fills, it takes about 10 KB and 3 ms, and the browser's
bilinear smoothing paints what Agg's bilinear resampling paints (within the tolerance of
``tests/browser/test_canvas_pixels.py``). ``placement`` says where, for the images where
the two agree: colours given as RGB(A) (no colour map between the samples), bilinear
interpolation, enlarged (shrinking filters differently), on axes with linear scales.
"""

from __future__ import annotations

import numpy as np
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox

__all__ = ["placement"]


def _scalable(image) -> bool:
    """Whether the browser's bilinear smoothing draws the artist ``image`` as Agg does
    (before the enlargement is known)."""
    if type(image) is not AxesImage:
        return False
    data, ax, alpha = image.get_array(), image.axes, image.get_alpha()
    return (
        image.get_interpolation() == "bilinear"
        and data is not None
        and data.ndim == 3
        and ax is not None
        and ax.name == "rectilinear"
        and (ax.get_xscale(), ax.get_yscale()) == ("linear", "linear")
        and (alpha is None or np.ndim(alpha) == 0)
        and image.get_clip_path() is None
    )


def placement(image, height: float):
    """``(rgba, box, window)`` for an artist ``image`` the browser can enlarge as Agg does (None for
    any other): its pixels ``rgba`` (rows, columns, 4) uint8 with the top row first, the
    rectangle ``box`` (left, top, width, height) they fill, and the ``window``
    (x0, y0, x1, y1, whole pixels) matplotlib would clip them to, in the device pixels
    (y down) of a canvas ``height`` tall."""
    if not _scalable(image):
        return None
    transform = image.get_transform()
    matrix = transform.get_matrix() if transform.is_affine else None
    if matrix is None or matrix[0, 1] or matrix[1, 0]:
        return None  # turned or sheared: not a rectangle on the canvas
    data = image.get_array()
    left, right, bottom, top = image.get_extent()
    first = top if image.origin == "upper" else bottom  # the edge of row 0
    (x0, y0), (x1, y1) = transform.transform([(left, first), (right, bottom + top - first)])
    rows, columns = data.shape[:2]
    if abs(x1 - x0) < columns or abs(y1 - y0) < rows:
        return None  # shrunk: Agg filters differently
    rgba = image.to_rgba(data, alpha=image.get_alpha(), bytes=True)
    if x0 > x1:
        rgba = rgba[:, ::-1]
    if y0 < y1:  # row 0 is lower on the canvas: the top row comes last
        rgba = rgba[::-1]
    clip = (image.get_clip_box() or image.axes.bbox) if image.get_clip_on() else image.figure.bbox
    shown = Bbox.intersection(Bbox.from_extents(x0, y0, x1, y1).frozen(), clip)
    if shown is None:
        return None
    # The window of whole pixels _ImageBase._make_image resamples into (y up).
    w0, w1 = np.floor(shown.x0 + 0.5), np.floor(shown.x1 + 0.5 + 1e-8)
    h0, h1 = np.ceil(shown.y0 - 0.5 - 1e-8), np.ceil(shown.y1 - 0.5)
    box = (min(x0, x1), height - max(y0, y1), abs(x1 - x0), abs(y1 - y0))
    window = (int(w0), int(height - h1), int(w1), int(height - h0))
    return np.ascontiguousarray(rgba), box, window
