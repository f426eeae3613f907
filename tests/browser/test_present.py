"""The presenter view (``make present``) in headless Chromium, as a teacher projects it.

The server runs as ``make present`` runs it (servers.presenter), on a free loopback port;
the browser opens the link the server prints, token included. The gallery, in English
and Chinese, shows every page's title, question and thumbnail. For each explorer page,
at 1024×768: the explorer renders with no error and no other output, an arrow key on
its slider changes the value and the picture, and no request leaves the machine. Each
page also passes the projector checks of ``test_projector.py``: the explorer fits the
screen, its picture is >= 80 % of the width and drawn at its native size. Screenshots
go to ``artifacts/browser/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from servers import outside_requests, presenter
from test_projector import MEASURE, assert_fits, record, wait_for_fit

from gradviz import gallery, i18n

PAGES = sorted(p.name for p in (ROOT / "present").glob("[0-9][0-9]_*.ipynb"))
#: The Chinese edition's pages (present/zh), checked the same way with their Chinese labels.
CHINESE_PAGES = sorted(f"zh/{p.name}" for p in (ROOT / "present" / "zh").glob("[0-9]*.ipynb"))

#: The slider a presenter would move first on each page, and the key that moves it.
SLIDERS = {
    "derivative": ("x", "ArrowRight"),
    "slice": ("x0", "ArrowRight"),
    "gradient": ("x0", "ArrowRight"),
    "direction": ("u: angle from the x0 axis (°)", "ArrowRight"),
    "descent": ("learning rate", "ArrowRight"),
    "update": ("updates k", "ArrowRight"),
    "training": ("steps", "ArrowRight"),
    "condition": ("condition number κ", "ArrowRight"),
    "momentum": ("momentum β", "ArrowRight"),
    "race": ("show step k", "ArrowLeft"),
    "landscape": ("epoch", "ArrowRight"),
}

ERRORS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(out => {
        const mime = out.getAttribute('data-mime-type') || '';
        const text = out.textContent || '';
        return mime.includes('stderr') || mime.includes('error') || text.includes('Traceback')
            || text.includes('Error displaying widget');
    }).map(out => out.textContent.slice(0, 500))"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium):
    """The presenter view's base URL and the token of the link it printed."""
    with presenter(tmp_path_factory.mktemp("present")) as (url, token, _server):
        yield url, token


@pytest.fixture(scope="module")
def voila_url(served):
    return served[0]


def new_projector(browser, served, **options):
    """A 1024×768 page that has opened the printed link (so it holds the login cookie)."""
    url, token = served
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **options)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{url}/gallery?token={token}")
    return page


@pytest.fixture
def projector(browser, served):
    page = new_projector(browser, served)
    yield page
    page.context.close()


@pytest.mark.parametrize("language", ["", "zh"])
def test_the_gallery_shows_every_explorer_offline(projector, voila_url, screenshots, language):
    """The printed link opens the gallery (no login page): a card per page of the language,
    with its title, question and thumbnail, each linking to its page."""
    page = projector
    outside = outside_requests(page)
    folder = ROOT / "present" / language
    page.goto(f"{voila_url}/gallery/{language}")
    page.wait_for_load_state("networkidle")
    shown = page.evaluate("""() => [...document.querySelectorAll('li a')].map(a => ({
        href: a.getAttribute('href'), title: a.querySelector('h2').textContent,
        question: a.querySelector('.question').textContent,
        image: a.querySelector('img').naturalWidth,
        size: parseFloat(getComputedStyle(a.querySelector('.question')).fontSize)}))""")
    expected = gallery.cards(folder)
    assert [(s["title"], s["question"]) for s in shown] == [(c.title, c.question) for c in expected]
    assert all(s["image"] == gallery.THUMBNAIL_WIDTH for s in shown), "a thumbnail is missing"
    assert all(s["size"] >= 16 for s in shown), "text too small for a projector"
    assert page.locator("html").get_attribute("lang") == ("zh-CN" if language else "en")
    page.screenshot(path=str(screenshots / f"present_gallery{'_zh' if language else ''}.png"))
    # Every card opens its page.
    page.locator("li a").first.click()
    page.locator(".gradviz-explorer").first.wait_for()
    prefix = f"/voila/render/{language}/" if language else "/voila/render/"
    assert page.url.endswith(prefix + expected[0].page)
    assert outside == []


def label(description: str, name: str) -> str:
    """The slider's label as the page shows it: Chinese on the pages in present/zh."""
    if not name.startswith("zh/"):
        return description
    with i18n.language("zh_CN"):
        return i18n._(description)


@pytest.mark.parametrize("name", PAGES + CHINESE_PAGES)
def test_a_presenter_page_is_live_and_offline(projector, voila_url, screenshots, name):
    page = projector
    outside = outside_requests(page)
    page.goto(f"{voila_url}/voila/render/{name}")
    topic = Path(name).stem.split("_", 1)[1]
    description, key = SLIDERS[topic]
    description = label(description, name)
    topic = f"zh_{topic}" if name.startswith("zh/") else topic
    explorer = page.locator(".gradviz-explorer").first
    slider = (
        explorer.locator(".widget-slider")
        .filter(has=page.locator(".widget-label").get_by_text(description, exact=True))
        .first
    )
    handle = slider.locator(".noUi-handle")
    handle.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(ERRORS) == []
    assert page.locator("h1").first.inner_text().strip()
    # The explorer is the page's only output: no printed text, no stray figure.
    assert page.locator(".jp-OutputArea-output").count() == 1
    assert page.locator("pre:visible").count() == 0

    picture = explorer.locator(".gradviz-picture img")
    readout = slider.locator(".widget-readout")
    # Presenter layout on a projector: the page's explorer fits the screen at its width.
    wait_for_fit(page, explorer)
    page.wait_for_timeout(300)
    measured = page.evaluate(MEASURE, explorer.element_handle())
    record(f"voila {topic}", measured)
    assert_fits(measured, f"Voila {topic}")
    before_pixels, before_value = picture.screenshot(), readout.inner_text()
    page.screenshot(path=str(screenshots / f"present_{topic}.png"))
    handle.focus()
    for _ in range(3):
        handle.press(key)
    page.wait_for_function(
        "([el, old]) => el.textContent !== old", arg=[readout.element_handle(), before_value]
    )
    for _ in range(100):  # the new picture arrives after the kernel has drawn it
        if picture.screenshot() != before_pixels:
            break
        page.wait_for_timeout(200)
    assert picture.screenshot() != before_pixels, "the picture did not change after the keys"
    assert page.evaluate(ERRORS) == []
    page.screenshot(path=str(screenshots / f"present_{topic}_keys.png"))
    assert outside == [], f"requests left the machine: {outside}"
    assert_fits(page.evaluate(MEASURE, explorer.element_handle()), f"Voila {topic} after keys")


def test_a_zoomed_or_hidpi_screen_gets_a_sharp_picture(browser, served, screenshots):
    """At a device-pixel ratio of 1.5 (a HiDPI screen, or browser zoom at 150 %) the picture
    is drawn with 1.5 image pixels per CSS pixel, and still fits the screen."""
    voila_url = served[0]
    page = new_projector(browser, served, device_scale_factor=1.5)
    context = page.context
    try:
        page.goto(f"{voila_url}/voila/render/09_race.ipynb")
        explorer = page.locator(".gradviz-explorer").first
        explorer.wait_for()
        measured = wait_for_fit(page, explorer)
        assert measured["ratio"] == 1.5
        record("voila race, ratio 1.5", measured)
        assert_fits(measured, "Voila race at a pixel ratio of 1.5")
        page.screenshot(path=str(screenshots / "present_race_ratio1.5.png"))
    finally:
        context.close()
