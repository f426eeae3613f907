"""The slide decks (make slides) and HTML handouts (make html) open offline with every figure.

Both are built by ``make browser`` before these tests run. Each page is opened from
disk in headless Chromium; no request may leave the machine, none may fail, every
figure of the notebook must be there, and the formulas must be typeset by MathJax.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lab import NOTEBOOKS, ROOT, stored_image_count

BUILD = ROOT / "build"
#: The Chinese edition's decks and handouts (build/slides/zh, build/html/zh).
CHINESE = sorted(f"zh/{p.name}" for p in (ROOT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))


def built(kind: str, name: str) -> Path:
    suffix = ".slides.html" if kind == "slides" else ".html"
    path = BUILD / kind / Path(name).parent / (Path(name).stem + suffix)
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
        "({w: i.naturalWidth, complete: i.complete, alt: i.alt}))"
    )


#: Where each kind of page shows the notebook's figures.
FIGURES = {"slides": ".reveal img", "html": ".jp-OutputArea-output img"}


@pytest.mark.parametrize("kind", list(FIGURES))
@pytest.mark.parametrize("name", NOTEBOOKS + CHINESE)
def test_deck_and_handout_work_offline(page, screenshots, name, kind):
    path = built(kind, name)
    outside, failed = open_offline(page, path)
    if kind == "slides":
        page.wait_for_selector(".reveal.ready")
        assert page.locator(".reveal .slides > section").count() > 3
    else:
        page.wait_for_load_state("load")
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0")
    imgs = figures(page, FIGURES[kind])
    assert len(imgs) == stored_image_count(name)
    assert all(i["complete"] and i["w"] > 100 for i in imgs)
    assert all(len(i["alt"]) > 40 for i in imgs), "a figure without alternative text"
    assert page.locator(".MathJax_CHTML").count() > 0, "no formula was typeset"
    if name.startswith("zh/"):
        assert page.evaluate("document.documentElement.lang") == "zh"
        hanzi = sum("\u4e00" <= ch <= "\u9fff" for ch in page.inner_text("body"))
        assert hanzi > 300, f"the Chinese {kind} holds {hanzi} Chinese characters"
    language = "zh_" if name.startswith("zh/") else ""
    page.screenshot(path=str(screenshots / f"{kind}_{language}{Path(name).stem}.png"))
    if kind == "slides":
        page.keyboard.press("End")  # every slide reachable
        page.wait_for_timeout(300)
    assert outside == [] and failed == []
