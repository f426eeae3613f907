"""The animated layer as a display list: what matplotlib would draw, for the browser to paint.

Matplotlib keeps deciding what is drawn: the animated artists draw themselves, as they
would on the Agg canvas, on a ``RecordingRenderer``, which writes down each call instead
of filling pixels. The result, ``record(fig, artists)``, is a small JSON-able dict::

    {"size": [width, height],          # the figure's canvas in device pixels
     "ops": [op, ...]}                  # in drawing order

in the canvas's own device pixels (y down, as in a browser ``<canvas>`` of that size):

- ``{"c": codes, "v": steps, ...style}``: a path (see ``packing.encode``: a letter per vertex,
  the steps between vertices in tenths of a pixel, packed as base64 varints);
- the same with ``"at": steps``: a marker (the path, around (0, 0)) stamped at each of
  the points, given (packed) as the steps from one to the next;
- ``{"img": base64 PNG, "x": x, "y": y}``: an image, already resampled by matplotlib;
- the same with ``"wh": [width, height]``: an image the browser enlarges (bilinear) to
  fill that rectangle, its top left corner at (x, y) (``scaled.py``: where that paints
  what Agg paints);

with the style ``f`` (fill colour), ``s`` (stroke colour), ``w`` (line width), ``cap``,
``join``, ``dash`` ([offset, on, off, ...]) and ``clip`` ([x0, y0, x1, y1]), each present
only when it applies. Paths are cleaned (NaNs removed, snapped to pixels, simplified) by
the same code as Agg's, so the browser draws the same shapes; text arrives as an image of
its glyphs drawn by Agg (a few hundred bytes a label), so it looks as on the canvas and no
font needs to exist in the browser.

What the list cannot express (a clip path, hatching, Gouraud shading, sketch lines)
raises ``Unsupported``; the explorer then sends a picture, as without a display list.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

import numpy as np
import PIL.Image
from matplotlib.artist import Artist
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from gradviz.explorers import scaled
from gradviz.explorers.packing import color, encode, steps
from gradviz.explorers.packing import shape as shape_of

__all__ = ["RecordingRenderer", "Unsupported", "record"]

_CAPS = {"butt": "butt", "round": "round", "projecting": "square"}


class Unsupported(Exception):
    """The display list cannot express what an artist draws: send a picture instead."""


class RecordingRenderer(RendererBase):
    """A renderer that writes down what it is asked to draw (see the module's docstring).

    It measures text, and converts points to pixels, as ``agg`` (the Agg renderer of
    the figure's canvas) does, so that the artists lay themselves out as on that canvas.
    """

    def __init__(self, agg: RendererBase) -> None:
        super().__init__()
        self._agg = agg
        self.width, self.height = agg.get_canvas_width_height()
        self.dpi = agg.dpi
        self.ops: list[dict] = []
        self._stamps: list[tuple[dict, np.ndarray]] = []  # stamp ops and their points

    # --- what artists ask a renderer -----------------------------------------------------

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: float) -> float:
        return points * self.dpi / 72

    def get_text_width_height_descent(self, s, prop, ismath):
        return self._agg.get_text_width_height_descent(s, prop, ismath)

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True  # one image op per image

    # --- drawing -----------------------------------------------------------------------

    def _style(self, gc: GraphicsContextBase, fill) -> dict:
        """The style of one op: fill and stroke colours, line, clip box (see the module)."""
        if gc.get_hatch() is not None or gc.get_sketch_params() is not None:
            raise Unsupported("hatching or sketched lines")  # i18n: code
        if gc.get_clip_path()[0] is not None:
            raise Unsupported("a clip path")  # i18n: code
        style: dict = {}
        if fill is not None:
            alpha = gc.get_alpha() if gc.get_forced_alpha() or len(fill) == 3 else fill[3]
            if alpha > 0:
                style["f"] = color((*fill[:3], alpha))
        width, rgb = self.points_to_pixels(gc.get_linewidth()), gc.get_rgb()
        if width > 0 and rgb[3] > 0:
            style.update(s=color(rgb), w=round(width, 2))
            cap, join = _CAPS[gc.get_capstyle()], gc.get_joinstyle()
            if cap != "butt":
                style["cap"] = cap
            if join != "miter":
                style["join"] = join
            offset, dashes = gc.get_dashes()
            if dashes is not None and len(dashes):
                style["dash"] = [round(self.points_to_pixels(v), 2) for v in (offset, *dashes)]
        box = gc.get_clip_rectangle()
        if box is not None:
            x0, y0, x1, y1 = box.extents
            h = self.height
            style["clip"] = [
                max(int(np.floor(x0 + 0.5)), 0),
                max(int(np.floor(h - y1 + 0.5)), 0),
                min(int(np.floor(x1 + 0.5)), int(self.width)),
                min(int(np.floor(h - y0 + 0.5)), int(h)),
            ]
        return style

    def _flip(self) -> Affine2D:
        return Affine2D().scale(1, -1).translate(0, self.height)

    def draw_path(self, gc, path, transform, rgbFace=None) -> None:
        style = self._style(gc, rgbFace)
        if "f" not in style and "s" not in style:
            return
        filled = "f" in style
        w, h = self.width, self.height
        cleaned = path.cleaned(
            transform + self._flip(),
            remove_nans=True,
            clip=None if filled else (-1, -1, w + 1, h + 1),  # as Agg does
            simplify=path.should_simplify and not filled,
            curves=True,
            stroke_width=style.get("w", 0.0),
            snap=gc.get_snap(),
        )
        if len(cleaned.vertices) > 1:
            self.ops.append({**encode(cleaned), **style})

    def _stamp(self, gc, shape: Path, transform, points: np.ndarray, rgbFace) -> None:
        """One op: ``shape`` (through ``transform``, no offset) drawn at each of ``points``
        (device pixels, y down); appended to the previous op when it is the same shape in
        the same style (a scatter plot's points of one colour, say)."""
        style = self._style(gc, rgbFace)
        if "f" not in style and "s" not in style:
            return
        mark = shape_of(shape, transform, style.get("w", 0.0), gc.get_snap())
        points = points[np.isfinite(points).all(axis=1)]
        near = np.abs(points - (self.width / 2, self.height / 2)) < (self.width, self.height)
        points = points[near.all(axis=1)]
        if not len(points):
            return
        op = {**mark, **style}
        last = self._stamps[-1] if self._stamps and self._stamps[-1][0] is self.ops[-1] else None
        if last is not None and {k: v for k, v in last[0].items() if k != "at"} == op:
            points = np.vstack([last[1], points])  # the same stamp again: one op
            self.ops.pop()
        op["at"] = steps(points)
        self.ops.append(op)
        self._stamps.append((op, points))

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None) -> None:
        points = (trans + self._flip()).transform(path.vertices)
        # Agg stamps each marker at whole pixels, the point rounded to the nearest one.
        self._stamp(gc, marker_path, marker_trans, np.floor(points + 0.5), rgbFace)

    def draw_path_collection(
        self, gc, master_transform, paths, all_transforms, offsets, offset_trans, *rest, **kw
    ) -> None:
        shapes = list(self._iter_collection_raw_paths(master_transform, paths, all_transforms))
        at = offset_trans.transform(offsets) if len(offsets) else np.zeros((0, 2))
        one_shape = len(shapes) == 1 and len(rest[2])  # and widths given (see _style_runs)
        if one_shape and len(at) and (at != 0).any(axis=1).all():
            runs = _style_runs(len(at), rest[:5])
            if runs is not None:
                self._stamp_runs(gc, shapes[0], at, runs, *rest, **kw)
                return
        elements = self._iter_collection(gc, shapes, offsets, offset_trans, *rest, **kw)
        for xo, yo, (path, transform), gc0, rgbFace in elements:
            if xo == 0 and yo == 0:
                self.draw_path(gc0, path, transform, rgbFace)
            else:
                at = np.array([[xo, self.height - yo]])
                self._stamp(gc0, path, transform, at, rgbFace)

    def _stamp_runs(self, gc, shape: tuple, at: np.ndarray, runs, *styles, **kw) -> None:
        """A collection of one ``shape`` at the device points ``at`` (n, 2), y up, whose
        points ``start:end`` for each of ``runs`` share a style: the ops that stamping the
        points one by one gives, with one ``_stamp`` per run instead of one per point."""
        points = np.column_stack([at[:, 0], self.height - at[:, 1]])
        for start, end in runs:
            one = [[seq[start % len(seq)]] if len(seq) else [] for seq in styles[:6]]
            extra = {name: [v[start % len(v)]] if len(v) else [] for name, v in kw.items()}
            element = self._iter_collection(
                gc, [shape], [(0, 0)], Affine2D(), *one, *styles[6:], **extra
            )
            for _x, _y, (path, transform), gc0, rgbFace in element:
                self._stamp(gc0, path, transform, points[start:end], rgbFace)

    def _image(self, rgba: np.ndarray, left, top, clip, size=None) -> None:
        """An image op: ``rgba`` (h, w, 4) with its top left corner at pixel (left, top),
        clipped to ``clip`` (x0, y0, x1, y1, or None), enlarged to ``size`` if given."""
        buf = io.BytesIO()
        PIL.Image.fromarray(rgba, "RGBA").save(buf, format="png", compress_level=1)
        op = {"img": base64.b64encode(buf.getvalue()).decode("ascii")}
        if size is None:
            op.update(x=int(left), y=int(top))
        else:
            op.update(x=round(left, 2), y=round(top, 2), wh=[round(v, 2) for v in size])
        if clip is not None:
            op["clip"] = list(clip)
        self.ops.append(op)

    def draw_image(self, gc, x, y, im, transform=None) -> None:
        if transform is not None:
            raise Unsupported("an image drawn through a transform")  # i18n: code
        rgba = np.asarray(im)[::-1]  # matplotlib's images run bottom up (Agg flips them)
        if gc.get_alpha() < 1:
            rgba = rgba.copy()
            rgba[..., 3] = (rgba[..., 3] * gc.get_alpha()).astype(np.uint8)
        clip = self._style(gc, None).get("clip")
        self._image(rgba, int(x), int(self.height - (y + rgba.shape[0])), clip)

    def draw_scaled(self, image: AxesImage, rgba: np.ndarray, box, window) -> None:
        """An image op for an image the browser enlarges itself (``scaled.placement``)."""
        gc = self.new_gc()
        image._set_gc_clip(gc)
        clip = self._style(gc, None).get("clip", window)
        x0, y0 = max(clip[0], window[0]), max(clip[1], window[1])
        x1, y1 = min(clip[2], window[2]), min(clip[3], window[3])
        if x1 > x0 and y1 > y0:
            self._image(rgba, box[0], box[1], (x0, y0, x1, y1), size=box[2:])

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None) -> None:
        """Text as the image of its glyphs, drawn by Agg (hinted as on the canvas): an
        image of the text's colour whose transparency is the glyphs' coverage."""
        w, h, d = self._agg.get_text_width_height_descent(s, prop, ismath)
        pad = int(np.hypot(w, h + d)) + 4  # the text, turned any way around (x, y), fits
        # Drawn on a small transparent canvas around (x, y), moved by whole pixels (so the
        # glyphs fall on the pixels as on the figure's canvas) and without the clip box
        # (the op carries it).
        # (x, y) is counted from the top left, as on Agg's canvas (``flipy``).
        left, top = int(x) - pad, int(y) - pad
        agg = RendererAgg(2 * pad, 2 * pad, self.dpi)
        unclipped = GraphicsContextBase()
        unclipped.copy_properties(gc)
        unclipped.set_clip_rectangle(None)
        agg.draw_text(unclipped, x - left, y - top, s, prop, angle, ismath, mtext)
        rgba = np.asarray(agg.buffer_rgba())
        rows = np.flatnonzero(rgba[..., 3].any(axis=1))
        cols = np.flatnonzero(rgba[..., 3].any(axis=0))
        if len(rows):
            crop = np.array(rgba[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1])
            clip = self._style(gc, None).get("clip")
            self._image(crop, left + cols[0], top + rows[0], clip)

    def draw_gouraud_triangles(self, gc, triangles_array, colors_array, transform) -> None:
        raise Unsupported("Gouraud shading")  # i18n: code


def _style_runs(n: int, styles) -> list[tuple[int, int]] | None:
    """The runs ``(start, end)`` of a collection's ``n`` points that share a style, given
    its face and edge colours, line widths, dash patterns and antialiasing (each cycled
    over the points, as ``_iter_collection`` does); None when they are not numbers.

    With widths given, a point's style depends on its own values only (without them, a
    transparent edge would set the width to 0 for the points after it).
    """
    columns = []
    for k, seq in enumerate(styles):
        if len(seq):
            picked = np.arange(n) % len(seq)
            if k == 3:  # (offset, pattern) pairs: told apart by their place in the list
                columns.append(picked)
                continue
            try:
                columns.append(np.asarray(seq, float)[picked].reshape(n, -1))
            except (TypeError, ValueError):  # colours given as names, say
                return None
    keys = np.column_stack(columns)
    starts = np.flatnonzero(np.r_[True, (keys[1:] != keys[:-1]).any(axis=1)])
    return list(zip(starts.tolist(), [*starts[1:].tolist(), n], strict=True))


def record(fig: Figure, artists: Iterable[Artist]) -> dict:
    """The display list of ``artists`` (visible ones, in order) as drawn on ``fig``'s canvas
    now; raises ``Unsupported`` when one draws what the list cannot express."""
    renderer = RecordingRenderer(fig.canvas.get_renderer())
    for artist in artists:
        if artist.get_visible():
            if hasattr(artist, "do_3d_projection"):  # 3-D polygons project in Axes3D.draw
                artist.do_3d_projection()
            placed = scaled.placement(artist, renderer.height)
            if placed is None:
                artist.draw(renderer)
            else:
                renderer.draw_scaled(artist, *placed)
    return {"size": [int(renderer.width), int(renderer.height)], "ops": renderer.ops}
