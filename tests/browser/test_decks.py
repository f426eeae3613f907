"""The slide decks (make slides) and HTML handouts (make html) open offline with every figure.

Both are built by ``make browser`` before these tests run, with the student edition's
(make student, build/student). Each page is opened from disk in headless Chromium; no
request may leave the machine, none may fail, every figure of the notebook must be there,
and the formulas must be typeset by MathJax. In front of a class (issue 18), at 1024×768:
→ alone reaches every slide and sub-slide in order, and every still is shown whole inside
its slide, as large as fits, with tick labels of at least 16 px (the size of its text is
written to artifacts/browser/deck_stills.json). A handout printed on A4 cuts no line at the right
edge. The student edition's decks and handouts show no line of a solution or teacher's note.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
from pathlib import Path

import nbformat
import PIL.Image
import pytest
from lab import NOTEBOOKS, ROOT, stored_image_count

sys.path.insert(0, str(ROOT / "tests"))
from answers import hidden_fragments, leaked

BUILD = ROOT / "build"
#: The Chinese edition's decks and handouts (build/slides/zh, build/html/zh).
CHINESE = sorted(f"zh/{p.name}" for p in (ROOT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))


#: Where each edition's decks and handouts are built.
EDITIONS = {"teacher": BUILD, "student": BUILD / "student"}


def built(kind: str, name: str, edition: str = "teacher") -> Path:
    suffix = ".slides.html" if kind == "slides" else ".html"
    path = EDITIONS[edition] / kind / Path(name).parent / (Path(name).stem + suffix)
    if not path.exists():
        target = kind if edition == "teacher" else edition
        message = f"{path} is missing: run `make {target}` first (make browser does)."
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


#: The projector the decks are made for (make slides: reveal_width/height).
PROJECTOR = {"width": 1024, "height": 768}
#: Where each kind of page shows the notebook's figures.
FIGURES = {"slides": ".reveal img", "html": ".jp-OutputArea-output img"}


#: The student edition loads a pruned copy of build/vendor: one notebook per language proves it.
STUDENT_SAMPLE = [
    pytest.param("04_gradient_descent.ipynb", "student", id="student-04"),
    pytest.param("zh/04_gradient_descent.ipynb", "student", id="student-zh-04"),
]


@pytest.mark.parametrize("kind", list(FIGURES))
@pytest.mark.parametrize(
    ("name", "edition"), [(n, "teacher") for n in NOTEBOOKS + CHINESE] + STUDENT_SAMPLE
)
def test_deck_and_handout_work_offline(page, screenshots, name, kind, edition):
    path = built(kind, name, edition)
    if kind == "slides":
        page.set_viewport_size(PROJECTOR)
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
    prefix = "" if edition == "teacher" else f"{edition}_"
    page.screenshot(path=str(screenshots / f"{prefix}{kind}_{language}{Path(name).stem}.png"))
    if kind == "slides":
        step_through(page, name, screenshots if edition == "teacher" else None)
    assert outside == [] and failed == []


#: The smallest text of a still: tick labels, 14 pt (the classroom style).
TICK_PT = 14
#: The smallest text a projector shows readably at 1024x768, in CSS px (issue 18).
MIN_TEXT_PX = 16
#: The tallest a still is shown (slides/reveal_offline.html.j2): alone on its sub-slide
#: (slides/stills.py), with the output area's margins, a still fits it unscrolled.
STILL_HEIGHT = PROJECTOR["height"] - 78
#: The stills of the slide shown, in slide coordinates (reveal.js scales the whole slide),
#: and where each is on the screen.
_STILLS = """() => [...Reveal.getCurrentSlide().querySelectorAll('img')]
    .filter(i => i.offsetWidth > 0)
    .map(i => ({natural: [i.naturalWidth, i.naturalHeight], shown: [i.offsetWidth, i.offsetHeight],
                room: i.parentElement.clientWidth, alt: i.alt.slice(0, 60), src: i.src,
                screen: [i.getBoundingClientRect().top, i.getBoundingClientRect().bottom]}))"""


#: Typeset formulas of the slide shown that run past the screen's left or right edge.
_FORMULAS_PAST_THE_EDGE = """() => [...Reveal.getCurrentSlide().querySelectorAll('.MathJax_CHTML')]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && (r.left < 0 || r.right > window.innerWidth)).length"""


#: The height of the slide shown and how many notebook cells it holds.
_HEIGHT_AND_CELLS = """() => { const s = Reveal.getCurrentSlide();
    return [s.scrollHeight, s.querySelectorAll(':scope > .jp-Cell').length]; }"""


def png_dpi(src: str) -> float:
    """The resolution a still was drawn at, in image px per inch, from its PNG (matplotlib's
    figures and the explorers' stills state it); a still that does not is failed."""
    assert src.startswith("data:image/png;base64,"), f"a still not inline as PNG: {src[:60]}"
    dpi = PIL.Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).info.get("dpi")
    assert dpi, "a still whose PNG does not state its resolution"
    return float(dpi[0])


def step_through(page, name: str, screenshots: Path | None) -> None:
    """→ alone reaches every slide and sub-slide in order; each still fits its slide whole.

    Each still's tick labels are at least ``MIN_TEXT_PX`` CSS px as shown (14 pt at the
    still's dpi, scaled by shown/natural width). The stills' sizes, with the size of their
    tick labels, go to deck_stills.json.
    """
    page.evaluate("Reveal.configure({transition: 'none'})")
    page.evaluate("Reveal.slide(0, 0)")
    assert page.evaluate("Reveal.getScale()") >= 0.95, "a 1024x768 deck is shown at its size"
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total > page.locator(".reveal .slides > section").count(), "the deck has sub-slides"
    seen, stills = [], []
    for _ in range(total):
        indices = page.evaluate("Reveal.getIndices()")
        seen.append((indices["h"], indices["v"]))
        for still in page.evaluate(_STILLS):
            dpi = png_dpi(still.pop("src"))
            (nw, nh), (w, h), (top, bottom) = still["natural"], still["shown"], still.pop("screen")
            assert w <= PROJECTOR["width"] and h <= STILL_HEIGHT, (name, seen[-1], still)
            # Whole on the screen as → arrives: no code or printout pushed it down.
            assert top >= 0 and bottom <= PROJECTOR["height"], (name, seen[-1], top, bottom)
            fits = min(nw, still["room"], nw * STILL_HEIGHT / nh)
            assert w >= fits - 2, f"{name} {seen[-1]}: a still shown smaller than fits: {still}"
            tick_px = TICK_PT * dpi / 72 * w / nw
            stills.append(
                {"deck": name, "slide": seen[-1], **still, "dpi": dpi, "tick_px": tick_px}
            )
        assert page.evaluate(_FORMULAS_PAST_THE_EDGE) == 0, (name, seen[-1])
        # → alone shows it all, but for one cell longer than the screen (slides/stills.py).
        tall, cells = page.evaluate(_HEIGHT_AND_CELLS)
        assert tall <= PROJECTOR["height"] or cells == 1, (name, seen[-1], tall, cells)
        page.keyboard.press("ArrowRight")
    assert seen == sorted(set(seen)) and len(seen) == total, f"→ skipped or repeated: {seen}"
    assert page.evaluate("Reveal.isLastSlide()")
    if screenshots is not None:
        log = screenshots / "deck_stills.json"
        old = json.loads(log.read_text()) if log.exists() else []
        log.write_text(json.dumps([s for s in old if s["deck"] != name] + stills, indent=1))
    small = [
        f"slide {s['slide']}: {s['natural'][0]}x{s['natural'][1]} px at {s['dpi']:.0f} dpi shown "
        f"{s['shown'][0]}x{s['shown'][1]}, ticks {s['tick_px']:.1f} px ({s['alt']}...)"
        for s in stills
        if s["tick_px"] < MIN_TEXT_PX
    ]
    assert not small, (
        f"{name}: stills scaled down below {MIN_TEXT_PX} px text at 1024x768 (draw the figure "
        "at most ~12.2 in wide and ~8.4 in tall at 100 dpi):\n" + "\n".join(small)
    )


#: A4 less 15 mm margins on each side (the handouts' @page rule), in CSS px.
A4_WIDTH = round((210 - 2 * 15) / 25.4 * 96)
_OVERFLOW = """(width) => [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    // MathJax's copy of each formula for screen readers is a clipped 1 px box on purpose.
    if (r.width === 0 || el.closest('.MJX_Assistive_MathML')) return false;
    const cut = getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
    return r.right > width + 1 || cut;
}).map(el => el.tagName + ': ' + (el.innerText || '').slice(0, 60))"""


@pytest.mark.parametrize("name", NOTEBOOKS + CHINESE)
def test_a_handout_prints_on_a4_without_cut_lines(browser, screenshots, name):
    path = built("html", name)
    context = browser.new_context(viewport={"width": A4_WIDTH, "height": 1000})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0")
    page.emulate_media(media="print")
    assert page.evaluate(_OVERFLOW, A4_WIDTH) == [], "a line runs past the A4 page's edge"
    language = "zh_" if name.startswith("zh/") else ""
    pdf = page.pdf(path=str(screenshots / f"print_{language}{Path(name).stem}.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 1
    context.close()


@pytest.mark.parametrize("kind", list(FIGURES))
@pytest.mark.parametrize("name", NOTEBOOKS + CHINESE)
def test_the_student_decks_and_handouts_show_no_answer(name, kind):
    fragments = hidden_fragments(nbformat.read(ROOT / "notebooks" / name, as_version=4))
    if not fragments:
        return  # nothing hidden in this notebook
    teacher = built(kind, name).read_text(encoding="utf-8")
    found = leaked(fragments, teacher)
    assert found == fragments, "the search finds every answer line in the teacher edition"
    assert leaked(fragments, built(kind, name, "student").read_text(encoding="utf-8")) == []
