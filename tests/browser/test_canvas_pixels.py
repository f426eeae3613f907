"""The same picture: Chromium's replay of each explorer's display list against matplotlib.

For every explorer, the static layer (PNG) and the animated layer (display list) the
kernel would send are painted in headless Chromium by the picture widget's own replay
code (``replay.py``, with a stand-in for the widget's model), and the result is compared
with matplotlib's rendering of the same state (``snapshot_png``: Agg draws the animated
artists over the same static layer). Edges are antialiased differently (Agg's coverage
against Skia's, text hinted against plain outlines), so the test allows small
differences everywhere and large ones on a thin fringe of pixels only.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import PIL.Image
import pytest

import gradviz as gv
from gradviz.explorers.replay import REPLAY_JS

#: How far a pixel may differ (0-255, largest channel) before it counts as different,
#: and which share of the picture may differ that much.
TOLERANCE, MAX_DIFFERENT = 48, 0.004

_PAINT = """async ({png, frame}) => {
    const el = document.createElement("div");
    document.body.replaceChildren(el);
    const img = document.createElement("img");
    img.src = "data:image/png;base64," + png;
    el.appendChild(img);
    const model = {get: (key) => ({frame})[key], on: () => {}, off: () => {}};
    replay(model, el, img);
    await new Promise((done) => {
        const wait = () => (el.dataset.frame ? done() : requestAnimationFrame(wait));
        wait();
    });
    const layer = el.querySelector("canvas");
    const out = document.createElement("canvas");
    [out.width, out.height] = [layer.width, layer.height];
    const ctx = out.getContext("2d");
    ctx.drawImage(img, 0, 0);
    ctx.drawImage(layer, 0, 0);
    return {png: out.toDataURL("image/png").split(",")[1], frames: el.dataset.frame};
}"""

EXPLORERS = {
    "derivative": gv.derivative_explorer,
    "slices": gv.slice_explorer,
    "gradient": gv.gradient_explorer,
    "direction": gv.direction_explorer,
    "descent": gv.descent_explorer,
    "condition": gv.condition_explorer,
    "momentum": gv.momentum_explorer,
    "race": gv.race_explorer,
    "update": gv.update_explorer,
    "training": gv.training_explorer,
}


@pytest.fixture(scope="module")
def blank(browser):
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(content=REPLAY_JS)
    yield page
    context.close()


def _rgb(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def painted_in_chromium(page, explorer) -> np.ndarray:
    """The explorer's picture as the browser paints it: static PNG + replayed display list."""
    assert explorer.picture.frame is not None, "the explorer fell back to a picture"
    static = base64.b64encode(explorer.picture.value).decode("ascii")
    out = page.evaluate(_PAINT, {"png": static, "frame": explorer.picture.frame})
    assert out["frames"] == "1"
    return _rgb(base64.b64decode(out["png"]))


def assert_same_picture(browser_rgb: np.ndarray, mpl_rgb: np.ndarray, name: str, tmp) -> None:
    assert browser_rgb.shape == mpl_rgb.shape
    diff = np.abs(browser_rgb - mpl_rgb).max(axis=2)
    share = float((diff > TOLERANCE).mean())
    if share > MAX_DIFFERENT:  # keep the evidence
        PIL.Image.fromarray(browser_rgb.astype(np.uint8)).save(tmp / f"{name}_chromium.png")
        PIL.Image.fromarray(mpl_rgb.astype(np.uint8)).save(tmp / f"{name}_matplotlib.png")
        marked = (diff > TOLERANCE).astype(np.uint8) * 255
        PIL.Image.fromarray(marked).save(tmp / f"{name}_diff.png")
    assert share <= MAX_DIFFERENT, f"{name}: {share:.2%} of the pixels differ (see {tmp})"


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_canvas_frame_matches_matplotlib(blank, name, tmp_path):
    explorer = EXPLORERS[name]()
    # The animated layer in two states: as built, and after the main control moved.
    for step in range(2):
        if step:
            control = next(iter(c for c in explorer.controls.values() if hasattr(c, "max")))
            control.value = control.min + 0.37 * (control.max - control.min)
        mpl = _rgb(explorer.snapshot_png())
        assert_same_picture(painted_in_chromium(blank, explorer), mpl, f"{name}{step}", tmp_path)


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_canvas_frame_matches_at_every_pixel_ratio(blank, ratio, tmp_path):
    explorer = gv.descent_explorer()
    with explorer.picture.hold_trait_notifications():
        explorer.picture.pixel_ratio = ratio
        explorer.picture.width = 900
    explorer.controls["lr"].value = 0.3
    mpl = _rgb(explorer.snapshot_png())
    assert mpl.shape[1] == round(900 * ratio)
    assert_same_picture(painted_in_chromium(blank, explorer), mpl, f"ratio{ratio}", tmp_path)


@pytest.mark.parametrize("ratio", [1.0, 1.5])
def test_the_decision_regions_enlarged_by_the_browser_match(blank, ratio, tmp_path):
    """The training explorer's decision regions arrive as their 120 x 120 source pixels
    (``scaled.py``); the browser's bilinear enlargement matches Agg's resampling."""
    explorer = gv.training_explorer(steps=300)
    with explorer.picture.hold_trait_notifications():
        explorer.picture.pixel_ratio = ratio
        explorer.picture.width = 1200
    explorer.controls["steps"].value = 600
    assert any("wh" in op for op in explorer.picture.frame["ops"])
    mpl = _rgb(explorer.snapshot_png())
    assert_same_picture(painted_in_chromium(blank, explorer), mpl, f"regions{ratio}", tmp_path)
