"""Every explorer on a 1024×768 projector, in presenter layout (``gv.present``).

In JupyterLab's presentation mode with the side bar closed (what the README tells a
teacher to do), in Notebook 7 and in the Voila presenter view (``test_present.py``
checks its pages the same way, with ``PROJECTOR_CHECKS`` below), each explorer must:

* fit the screen: controls, picture and status line inside the viewport once the
  explorer is scrolled to the top;
* use the width it is given: the picture is at least 80 % as wide as the output area;
* be drawn at its native size, not a large PNG scaled down: the image's natural width
  is its CSS width times ``devicePixelRatio`` (so 14 pt text is 16+ CSS px on screen);
* answer the keyboard: an arrow key on its slider changes the value and the picture.

Screenshots go to ``artifacts/browser/projector_*.png``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from lab import (
    open_notebook,
    put_notebook,
    python_notebook,
    run_all_cells,
    run_in_notebook7,
    slider_of,
    wait_idle,
)

#: Each explorer, the slider a presenter moves first, and the key that moves it.
EXPLORERS = {
    "derivative": ("derivative_explorer", "x", "ArrowRight"),
    "slice": ("slice_explorer", "x0", "ArrowRight"),
    "gradient": ("gradient_explorer", "x0", "ArrowRight"),
    "descent": ("descent_explorer", "learning rate", "ArrowRight"),
    "update": ("update_explorer", "updates k", "ArrowRight"),
    "training": ("training_explorer", "steps", "ArrowRight"),
    "condition": ("condition_explorer", "condition number κ", "ArrowRight"),
    "momentum": ("momentum_explorer", "momentum β", "ArrowRight"),
    "race": ("race_explorer", "show step k", "ArrowLeft"),
}

PROJECTOR = {"width": 1024, "height": 768}
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}

#: Where the explorer, its parts and its picture are, in CSS px.
MEASURE = """(ex) => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                               width: r.width, height: r.height}; };
    const img = ex.querySelector('.gradviz-picture img');
    const area = ex.closest('.jp-OutputArea-output') || ex.parentElement;
    return {
        viewport: {width: window.innerWidth, height: window.innerHeight},
        ratio: window.devicePixelRatio,
        explorer: box(ex), area: box(area), picture: box(img),
        controls: box(ex.querySelector('.gradviz-controls')),
        status: box(ex.querySelector('.gradviz-status')),
        natural: {width: img.naturalWidth, height: img.naturalHeight},
        src: img.src,
    };
}"""


def presenter_source(factory: str) -> str:
    return (
        "import matplotlib.pyplot as plt\n\nimport gradviz as gv\n\n"
        f"plt.style.use(gv.CLASSROOM)\ngv.present(gv.{factory}())"
    )


def wait_for_fit(page, explorer) -> dict:
    """Wait until the picture is drawn at its CSS width (the kernel answered the page)."""
    page.wait_for_function(
        """(ex) => { const img = ex.querySelector('.gradviz-picture img');
            const w = img.getBoundingClientRect().width;
            return img.complete && img.naturalWidth > 0
                && Math.abs(img.naturalWidth - w * devicePixelRatio) <= 2; }""",
        arg=explorer.element_handle(),
        timeout=60_000,
    )
    page.wait_for_timeout(300)
    return page.evaluate(MEASURE, explorer.element_handle())


def assert_fits(m: dict, where: str) -> None:
    vp, ex = m["viewport"], m["explorer"]
    for part in ("controls", "picture", "status"):
        r = m[part]
        assert r["top"] >= -1 and r["bottom"] <= vp["height"] + 1, (where, part, r, vp)
        assert r["left"] >= -1 and r["right"] <= vp["width"] + 1, (where, part, r, vp)
    assert ex["bottom"] <= vp["height"] + 1, (where, "explorer", ex, vp)
    assert m["picture"]["width"] >= 0.8 * m["area"]["width"], (where, m["picture"], m["area"])
    expected = m["picture"]["width"] * m["ratio"]
    assert abs(m["natural"]["width"] - expected) <= 2, (where, m["natural"], expected)


def press_and_check(page, explorer, description: str, key: str) -> None:
    """Three presses of ``key`` on the slider change its readout and the picture."""
    slider = slider_of(explorer, page, description)
    readout = slider.locator(".widget-readout")
    before_value = readout.inner_text()
    frame = "(ex) => ex.querySelector('.gradviz-picture').dataset.frame"
    before_frame = page.evaluate(frame, explorer.element_handle())
    handle = slider.locator(".noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press(key)
    page.wait_for_function(
        "([el, old]) => el.textContent !== old", arg=[readout.element_handle(), before_value]
    )
    page.wait_for_function(  # a new frame painted
        "([ex, old]) => ex.querySelector('.gradviz-picture').dataset.frame !== old",
        arg=[explorer.element_handle(), before_frame],
        timeout=30_000,
    )


MEASURED: dict[str, dict] = {}


@pytest.fixture(scope="module")
def lab_projector(browser, lab_url):
    """One JupyterLab page at 1024×768, presentation mode on, side bar closed, with every
    explorer in presenter layout run in one notebook."""
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(120_000)
    name = "projector.ipynb"
    sources = [presenter_source(factory) for factory, _, _ in EXPLORERS.values()]
    put_notebook(page, lab_url, name, sources)
    open_notebook(page, lab_url, name)
    page.evaluate(
        "async () => { const app = window.jupyterapp;"
        " await app.commands.execute('application:toggle-presentation-mode');"
        " if (!app.shell.leftCollapsed)"
        "   await app.commands.execute('application:toggle-left-area'); }"
    )
    page.wait_for_function(
        "() => window.jupyterapp.shell.presentationMode && window.jupyterapp.shell.leftCollapsed"
    )
    run_all_cells(page, timeout=600)
    yield page
    context.close()


@pytest.mark.parametrize("topic", list(EXPLORERS))
def test_jupyterlab_presentation_mode(lab_projector, screenshots, topic):
    page = lab_projector
    index = list(EXPLORERS).index(topic)
    _, description, key = EXPLORERS[topic]
    explorer = page.locator(".gradviz-explorer").nth(index)
    explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
    m = wait_for_fit(page, explorer)
    explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    m = page.evaluate(MEASURE, explorer.element_handle())
    record(f"lab {topic}", m)
    page.screenshot(path=str(screenshots / f"projector_lab_{topic}.png"))
    assert_fits(m, f"JupyterLab {topic}")
    press_and_check(page, explorer, description, key)
    wait_idle(page)
    assert_fits(page.evaluate(MEASURE, explorer.element_handle()), f"JupyterLab {topic} after keys")


def test_jupyterlab_default_layout_draws_at_native_size(browser, lab_url, screenshots):
    """Without presenter layout, in JupyterLab's default layout (side bar open) at 1024×768,
    the picture still takes the output area's width and is drawn at that size, not
    scaled down: its text is as large on screen as in the presenter layout."""
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        source = "import gradviz as gv\nimport matplotlib.pyplot as plt\n\n"
        source += "plt.style.use(gv.CLASSROOM)\ngv.descent_explorer()"
        put_notebook(page, lab_url, "default_layout.ipynb", [source])
        open_notebook(page, lab_url, "default_layout.ipynb")
        run_all_cells(page)
        explorer = page.locator(".gradviz-explorer").first
        explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
        m = wait_for_fit(page, explorer)
        record("lab default descent", m)
        page.screenshot(path=str(screenshots / "projector_lab_default_descent.png"))
        assert m["picture"]["width"] >= 0.8 * m["area"]["width"]
        assert abs(m["natural"]["width"] - m["picture"]["width"] * m["ratio"]) <= 2
    finally:
        context.close()


@pytest.mark.parametrize("topic", ["descent", "race"])
def test_notebook7(browser, tmp_path, screenshots, topic, chromium):
    from servers import notebook7

    factory, description, key = EXPLORERS[topic]
    nbformat.write(python_notebook([presenter_source(factory)]), tmp_path / "explorer.ipynb")
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        with notebook7(tmp_path) as url:
            run_in_notebook7(page, f"{url}/notebooks/explorer.ipynb")
            explorer = page.locator(".gradviz-explorer").first
            explorer.wait_for()
            wait_idle(page)
            explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
            wait_for_fit(page, explorer)
            explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(200)
            m = page.evaluate(MEASURE, explorer.element_handle())
            record(f"notebook7 {topic}", m)
            page.screenshot(path=str(screenshots / f"projector_nb7_{topic}.png"))
            assert_fits(m, f"Notebook 7 {topic}")
            press_and_check(page, explorer, description, key)
    finally:
        context.close()


def describe(m: dict) -> str:
    p, n = m["picture"], m["natural"]
    return (
        f"picture {p['width']:.0f}x{p['height']:.0f} CSS px (png {n['width']}x{n['height']}), "
        f"explorer {m['explorer']['top']:.0f}-{m['explorer']['bottom']:.0f} of "
        f"{m['viewport']['height']} px"
    )


def record(key: str, m: dict) -> None:
    """Keep a measurement and rewrite ``artifacts/browser/projector.txt`` with all of them."""
    MEASURED[key] = m
    out = Path(__file__).resolve().parents[2] / "artifacts" / "browser" / "projector.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{k:<22} {describe(v)}\n" for k, v in MEASURED.items()))
