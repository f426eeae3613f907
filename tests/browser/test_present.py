"""The presenter view (``make present``) in headless Chromium, as a teacher projects it.

Voila serves ``present/`` with the offline template in ``jupyter/share`` on a free
loopback port, the same way ``make present`` does. For each explorer page, at
1024×768: the explorer renders with no error and no other output, an arrow key on
its slider changes the value and the picture, and no request leaves the machine.
Each page also passes the projector checks of ``test_projector.py``: the explorer fits the
screen, its picture is >= 80 % of the width and drawn at its native size. The gallery page
is checked the same way. Screenshots go to ``artifacts/browser/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from servers import outside_requests, serve
from test_projector import MEASURE, assert_fits, record, wait_for_fit

from gradviz import i18n

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
}

ERRORS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(out => {
        const mime = out.getAttribute('data-mime-type') || '';
        const text = out.textContent || '';
        return mime.includes('stderr') || mime.includes('error') || text.includes('Traceback')
            || text.includes('Error displaying widget');
    }).map(out => out.textContent.slice(0, 500))"""


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory, chromium):
    work = tmp_path_factory.mktemp("voila")
    env = dict(os.environ, JUPYTER_PATH=str(ROOT / "jupyter" / "share"))
    command = [
        sys.executable,
        "-m",
        "voila",
        str(ROOT / "present"),
        "--Voila.ip=127.0.0.1",
        "--port={port}",
        "--template=gradviz",
        "--no-browser",
    ]
    with serve(command, work, "/", env=env) as url:
        yield url


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.set_default_timeout(120_000)
    yield page
    context.close()


def test_the_gallery_lists_every_page_offline(projector, voila_url, screenshots):
    outside = outside_requests(projector)
    projector.goto(voila_url)
    for name in PAGES:
        projector.get_by_text(name).first.wait_for(timeout=30_000)
    projector.wait_for_load_state("networkidle")
    projector.screenshot(path=str(screenshots / "present_gallery.png"))
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


def test_a_zoomed_or_hidpi_screen_gets_a_sharp_picture(browser, voila_url, screenshots):
    """At a device-pixel ratio of 1.5 (a HiDPI screen, or browser zoom at 150 %) the picture
    is drawn with 1.5 image pixels per CSS pixel, and still fits the screen."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, device_scale_factor=1.5)
    page = context.new_page()
    page.set_default_timeout(120_000)
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
