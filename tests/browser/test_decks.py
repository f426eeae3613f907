"""The slide decks (make slides) and HTML handouts (make html) open offline with every figure.

Both are built by ``make browser`` before these tests run. Each page is opened from
disk in headless Chromium; no request may leave the machine, none may fail, every
figure of the notebook must be there, and the formulas must be typeset by MathJax.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_jupyterlab import NOTEBOOKS, stored_image_count

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"


def built(kind: str, name: str) -> Path:
    suffix = ".slides.html" if kind == "slides" else ".html"
    path = BUILD / kind / (Path(name).stem + suffix)
    if not path.exists():
        message = f"{path} is missing: run `make {kind}` first (make browser does)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def open_offline(page, path: Path) -> tuple[list[str], list[str]]:
    outside, failed = [], []
    page.on(
        "request", lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url)
    )
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(path.as_uri())
    return outside, failed


def figures(page, selector: str) -> list[dict]:
    return page.evaluate(
        f"() => [...document.querySelectorAll({selector!r})].map(i => "
        "({w: i.naturalWidth, complete: i.complete}))"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_slide_deck_works_offline(page, screenshots, name):
    path = built("slides", name)
    outside, failed = open_offline(page, path)
    page.wait_for_selector(".reveal.ready")
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0")
    imgs = figures(page, ".reveal img")
    assert len(imgs) == stored_image_count(name)
    assert all(i["complete"] and i["w"] > 100 for i in imgs)
    assert page.locator(".reveal .slides > section").count() > 3
    assert page.locator(".MathJax_CHTML").count() > 0, "no formula was typeset"
    page.screenshot(path=str(screenshots / f"deck_{Path(name).stem}.png"))
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    assert outside == [] and failed == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_html_handout_works_offline(page, screenshots, name):
    path = built("html", name)
    outside, failed = open_offline(page, path)
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0")
    imgs = figures(page, ".jp-OutputArea-output img")
    assert len(imgs) == stored_image_count(name)
    assert all(i["complete"] and i["w"] > 100 for i in imgs)
    assert page.locator(".MathJax_CHTML").count() > 0, "no formula was typeset"
    page.screenshot(path=str(screenshots / f"handout_{Path(name).stem}.png"))
    assert outside == [] and failed == []
