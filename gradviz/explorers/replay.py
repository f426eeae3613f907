"""The browser's half of the display list: JavaScript that paints the animated layer.

``REPLAY_JS`` defines ``replay(model, el, img)``, which the ``Picture`` widget's front
end (``picture.py``) calls once per view. It lays a ``<canvas>`` of the figure's size in
device pixels over the picture (``img``, the static layer) and paints the widget's
``frame`` (a display list, see ``display_list.py``) on it whenever ``frame`` or the
picture changes:

- a new picture is decoded before the frame over it is painted, so the two change in
  the same screen frame;
- painting happens in the next animation frame; changes that arrive before it are
  merged (only the latest is painted), so a drag never builds a backlog;
- every painted frame increments the ``data-frame`` attribute of the picture's element
  (``el``), which tests and benchmarks watch to time a change from key to screen.

It returns a function that removes the canvas.
"""

from __future__ import annotations

__all__ = ["REPLAY_JS"]

REPLAY_JS = r"""
// Decode the images of a display list (base64 PNG) into bitmaps, keyed by their op.
async function decodeImages(frame) {
  const images = new Map();
  const ops = frame ? frame.ops.filter((op) => op.img !== undefined) : [];
  await Promise.all(ops.map(async (op) => {
    const bytes = Uint8Array.from(atob(op.img), (c) => c.charCodeAt(0));
    images.set(op, await createImageBitmap(new Blob([bytes], { type: "image/png" })));
  }));
  return images;
}

// Integers packed by packing.varints: base64 of zigzag LEB128 bytes.
function varints(text) {
  const bytes = atob(text);
  const out = [];
  let value = 0, scale = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    value += (b & 127) * scale;
    if (b & 128) { scale *= 128; continue; }
    out.push(value % 2 ? -(value + 1) / 2 : value / 2);
    value = 0;
    scale = 1;
  }
  return out;
}

// The path of an op: a letter per vertex, the steps between vertices in tenths of a pixel.
function pathOf(op) {
  const path = new Path2D();
  const c = op.c, v = varints(op.v);
  let x = 0, y = 0, k = 0;
  const next = () => { x += v[k++]; y += v[k++]; return [x / 10, y / 10]; };
  for (let i = 0; i < c.length; i++) {
    const code = c[i];
    if (code === "z") path.closePath();
    else if (code === "M") path.moveTo(...next());
    else if (code === "L") path.lineTo(...next());
    else if (code === "Q") { path.quadraticCurveTo(...next(), ...next()); i += 1; }
    else if (code === "C") { path.bezierCurveTo(...next(), ...next(), ...next()); i += 2; }
  }
  return path;
}

function paintOp(ctx, op, images) {
  ctx.save();
  if (op.clip) {
    const [x0, y0, x1, y1] = op.clip;
    ctx.beginPath();
    ctx.rect(x0, y0, x1 - x0, y1 - y0);
    ctx.clip();
  }
  if (op.wh) {  // an image to enlarge to [width, height], bilinear as Agg (scaled.py)
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "low";
    ctx.drawImage(images.get(op), op.x, op.y, op.wh[0], op.wh[1]);
  } else if (op.img !== undefined) {
    ctx.drawImage(images.get(op), op.x, op.y);
  } else {
    const path = pathOf(op);
    if (op.f) ctx.fillStyle = op.f;
    if (op.s) {
      ctx.strokeStyle = op.s;
      ctx.lineWidth = op.w;
      ctx.lineCap = op.cap || "butt";
      ctx.lineJoin = op.join || "miter";
      ctx.miterLimit = 4;  // Agg's
      if (op.dash) {
        ctx.lineDashOffset = op.dash[0];
        ctx.setLineDash(op.dash.slice(1));
      }
    }
    const at = op.at ? varints(op.at) : [0, 0];
    let x = 0, y = 0;
    for (let i = 0; i < at.length; i += 2) {
      x += at[i];
      y += at[i + 1];
      ctx.setTransform(1, 0, 0, 1, x / 10, y / 10);
      if (op.f) ctx.fill(path);
      if (op.s) ctx.stroke(path);
    }
  }
  ctx.restore();
}

function replay(model, el, img) {
  const canvas = document.createElement("canvas");
  canvas.className = "gradviz-layer";
  canvas.setAttribute("aria-hidden", "true");
  Object.assign(canvas.style, {
    position: "absolute", left: "0", top: "0", width: "100%", height: "100%",
    pointerEvents: "none",
  });
  el.style.position = "relative";
  el.appendChild(canvas);
  let frames = 0;
  let ticket = 0;
  let ready = null;  // the latest change, decoded: {frame, images}
  let scheduled = 0;
  const draw = () => {
    scheduled = 0;
    const { frame, images } = ready;
    const ctx = canvas.getContext("2d");
    if (frame && (canvas.width !== frame.size[0] || canvas.height !== frame.size[1])) {
      [canvas.width, canvas.height] = frame.size;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (frame) for (const op of frame.ops) paintOp(ctx, op, images);
    el.dataset.frame = String(++frames);
  };
  let decoding = Promise.resolve();  // the latest picture, decoded
  const changed = async (pictureChanged) => {
    const mine = ++ticket;
    if (pictureChanged && img.getAttribute("src")) decoding = img.decode().catch(() => {});
    const frame = model.get("frame");
    const [images] = await Promise.all([decodeImages(frame), decoding]);
    if (mine !== ticket) return;  // a newer change arrived meanwhile: it will be painted
    ready = { frame, images };
    if (!scheduled) scheduled = requestAnimationFrame(draw);
  };
  // The picture and the frame of one message change together: handle them once, after
  // the picture's own "change:value" handler has given the <img> its new source.
  let pending = null;
  const onChange = (pictureChanged) => () => {
    if (pending === null) {
      pending = false;
      queueMicrotask(() => { const p = pending; pending = null; changed(p); });
    }
    pending = pending || pictureChanged;
  };
  const onFrame = onChange(false);
  const onValue = onChange(true);
  model.on("change:frame", onFrame);
  model.on("change:value", onValue);
  changed(true);
  return () => {
    model.off("change:frame", onFrame);
    model.off("change:value", onValue);
    cancelAnimationFrame(scheduled);
    canvas.remove();
  };
}
"""  # i18n: code
