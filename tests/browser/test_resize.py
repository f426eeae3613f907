"""Every explorer survives what a room does to its width, in each front end, and its text
stays readable in the light and the dark theme.

One page per front end holds every explorer (one server, one kernel, one Run All). The
test then changes the width the explorers get, several times and in the order a teacher
might (side bar, Presentation Mode, window resize, browser zoom as a device-scale factor),
and after each change waits until every picture is drawn at its new CSS width times the
pixel ratio. Back at the first layout, every picture must be the size it was, drawn
pixel for pixel, and lie inside its output area. (The picture's own contents, titles,
labels and legends inside the figure and the same layout for the same width whatever
came before, are checked in ``tests/explorers/test_fit.py``.) Then, in the light theme
(JupyterLab, Voila) and the dark theme (every front end), every text of every explorer
must have a contrast of at least 4.5:1 with what it is drawn on. Screenshots of a few
explorers at 1024×768, 150 % and 200 % zoom and in each theme go to
``artifacts/browser/resize_*.png``.
"""

from __future__ import annotations

import os
import sys

import nbformat
import pytest
from conftest import ROOT
from lab import open_notebook, put_notebook, python_notebook, run_all_cells, run_in_notebook7
from servers import answers, notebook7, serve

from gradviz.explorers import EXPLORERS
from gradviz.style import MIN_CONTRAST

#: Every explorer, in the order they appear on the test page.
FACTORIES = list(EXPLORERS)
#: The ones photographed at each zoom and in the dark theme.
PHOTOGRAPHED = ["direction_explorer", "descent_explorer", "momentum_explorer", "race_explorer"]
PROJECTOR = {"width": 1024, "height": 768}


def sources(presenter: bool = False) -> list[str]:
    head = "import matplotlib.pyplot as plt\n\nimport gradviz as gv\n\nplt.style.use(gv.CLASSROOM)"
    show = "gv.present(gv.{}())" if presenter else "gv.{}()"
    return [head] + [show.format(factory) for factory in FACTORIES]


#: Every picture's size on the page: CSS box, image pixels, and whether it lies inside its
#: output area (and its explorer inside the viewport's width).
SIZES = """() => [...document.querySelectorAll('.gradviz-explorer')].map(ex => {
    const img = ex.querySelector('.gradviz-picture img');
    const r = img.getBoundingClientRect();
    const area = (ex.closest('.jp-OutputArea-output') || ex.parentElement).getBoundingClientRect();
    return {w: r.width, h: r.height, nw: img.naturalWidth, nh: img.naturalHeight,
            ratio: devicePixelRatio,
            inside: r.left >= area.left - 1 && r.right <= area.right + 1 && r.width > 0};
})"""

#: True when every picture is drawn at its CSS width times the pixel ratio.
ALL_FITTED = """() => [...document.querySelectorAll('.gradviz-picture img')].every(img => {
    const w = img.getBoundingClientRect().width;
    return img.complete && img.naturalWidth > 0 && w > 0
        && Math.abs(img.naturalWidth - w * devicePixelRatio) <= 2;
})"""

#: Every text of every explorer whose contrast with its background is below ``minimum``:
#: the text's colour against the first opaque background behind it (the page's if none).
LOW_CONTRAST = """(minimum) => {
    const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
        .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                              return (x + 0.05) / (y + 0.05); };
    const background = el => {
        for (let n = el; n; n = n.parentElement) {
            const c = rgb(getComputedStyle(n).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
        }
        return rgb(getComputedStyle(document.body).backgroundColor).slice(0, 3);
    };
    const bad = [];
    for (const ex of document.querySelectorAll('.gradviz-explorer')) {
        const walker = document.createTreeWalker(ex, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            const el = t.parentElement;
            if (!t.textContent.trim() || !el.getClientRects().length) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || style.opacity === '0') continue;
            const c = ratio(rgb(style.color).slice(0, 3), background(el));
            if (c < minimum) bad.push(`${t.textContent.trim().slice(0, 40)}: ${c.toFixed(2)}`
                                      + ` (${style.color} on ${background(el)})`);
        }
    }
    return bad;
}"""


def wait_all_fitted(page, idle=None) -> list[dict]:
    """Wait until the kernel has redrawn every picture at the width the page now gives it."""
    page.wait_for_timeout(400)  # the pictures report their width 120 ms after a change
    if idle:
        idle()
    page.wait_for_function(ALL_FITTED, timeout=180_000)
    page.wait_for_timeout(300)
    return page.evaluate(SIZES)


def zoom(page, factor: float) -> None:
    """Browser zoom as Chromium does it: a viewport of 1024×768 / ``factor`` CSS px drawn
    at a device-pixel ratio of ``factor`` (headless Chromium ignores Ctrl+=)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": round(PROJECTOR["width"] / factor),
            "height": round(PROJECTOR["height"] / factor),
            "deviceScaleFactor": factor,
            "mobile": False,
        },
    )
    if factor == 1:
        cdp.send("Emulation.clearDeviceMetricsOverride")
        page.set_viewport_size(PROJECTOR)


def walk(page, changes: list, screenshots, front_end: str, idle=None) -> None:
    """Apply each change, let the pictures fit, then go back and compare every size."""
    first = wait_all_fitted(page, idle)
    for _ in range(10):  # the first sizes once they hold still (a picture may fit late)
        page.wait_for_timeout(500)
        again = page.evaluate(SIZES)
        if again == first:
            break
        first = again
    assert len(first) == len(FACTORIES)
    seen = {}
    for label, change in changes:
        change(page)
        sizes = wait_all_fitted(page, idle)
        seen[label] = [round(s["w"]) for s in sizes]
        assert all(s["inside"] for s in sizes), (front_end, label, sizes)
        if label.startswith("zoom"):
            photograph(page, screenshots, f"{front_end}_{label}")
    zoom(page, 1)
    last = wait_all_fitted(page, idle)
    for factory, a, b in zip(FACTORIES, first, last, strict=True):
        for key in ("w", "h", "nw", "nh"):
            assert abs(a[key] - b[key]) <= 2, (front_end, factory, key, a, b, seen)
        assert b["inside"], (front_end, factory, b)
    # The widths did change on the way (the test moved something).
    assert any(widths != [round(s["w"]) for s in first] for widths in seen.values()), seen


def photograph(page, screenshots, label: str) -> None:
    for factory in PHOTOGRAPHED:
        explorer = page.locator(".gradviz-explorer").nth(FACTORIES.index(factory))
        explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(150)
        page.screenshot(path=str(screenshots / f"resize_{label}_{factory.split('_')[0]}.png"))


def check_contrast(page, screenshots, front_end: str, idle=None, theme: str = "dark") -> None:
    wait_all_fitted(page, idle)
    photograph(page, screenshots, f"{front_end}_{theme}")
    assert page.evaluate(LOW_CONTRAST, MIN_CONTRAST) == [], (front_end, theme)


# --- JupyterLab ------------------------------------------------------------------------------


def lab_command(command: str):
    def run(page) -> None:
        page.evaluate(f"() => window.jupyterapp.commands.execute('{command}')")

    return run


def lab_idle(page):
    return lambda: page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
        " === 'idle'",
        timeout=180_000,
    )


def test_jupyterlab(browser, lab_url, screenshots):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(180_000)
    try:
        put_notebook(page, lab_url, "resize.ipynb", sources())
        open_notebook(page, lab_url, "resize.ipynb")
        run_all_cells(page, timeout=900)
        idle = lab_idle(page)
        wait_all_fitted(page, idle)
        photograph(page, screenshots, "lab_1024")
        walk(
            page,
            [
                ("side bar closed", lab_command("application:toggle-left-area")),
                ("presentation mode", lab_command("application:toggle-presentation-mode")),
                ("window 1400", lambda p: p.set_viewport_size({"width": 1400, "height": 900})),
                ("no presentation mode", lab_command("application:toggle-presentation-mode")),
                ("side bar open", lab_command("application:toggle-left-area")),
                ("zoom 150", lambda p: zoom(p, 1.5)),
                ("zoom 200", lambda p: zoom(p, 2.0)),
            ],
            screenshots,
            "lab",
            idle,
        )
        check_contrast(page, screenshots, "lab", idle, theme="light")
        page.evaluate(
            "() => window.jupyterapp.commands.execute('apputils:change-theme',"
            " {theme: 'JupyterLab Dark'})"
        )
        page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'")
        check_contrast(page, screenshots, "lab", idle)
    finally:
        context.close()


# --- Notebook 7 ------------------------------------------------------------------------------


def test_notebook7(browser, tmp_path, screenshots, chromium):
    nbformat.write(python_notebook(sources()), tmp_path / "resize.ipynb")
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(180_000)
    try:
        with notebook7(tmp_path) as url:
            run_in_notebook7(page, f"{url}/notebooks/resize.ipynb")
            page.wait_for_function(
                f"() => document.querySelectorAll('.gradviz-explorer').length === {len(FACTORIES)}",
                timeout=900_000,
            )
            idle = lab_idle(page)
            walk(
                page,
                [
                    # Notebook 7 has no Presentation Mode; its Zen mode hides the header.
                    ("zen mode", lab_command("application:toggle-zen")),
                    ("window 1400", lambda p: p.set_viewport_size({"width": 1400, "height": 900})),
                    ("no zen mode", lab_command("application:toggle-zen")),
                    ("zoom 150", lambda p: zoom(p, 1.5)),
                ],
                screenshots,
                "nb7",
                idle,
            )
            page.evaluate(
                "() => window.jupyterapp.commands.execute('apputils:change-theme',"
                " {theme: 'JupyterLab Dark'})"
            )
            page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'")
            check_contrast(page, screenshots, "nb7", idle)
    finally:
        context.close()


# --- Voila (the presenter view's server), in each of its themes ----------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_voila(browser, tmp_path, screenshots, chromium, theme):
    nbformat.write(python_notebook(sources(presenter=True)), tmp_path / "resize.ipynb")
    env = dict(os.environ, JUPYTER_PATH=str(ROOT / "jupyter" / "share"))
    command = [
        sys.executable,
        "-m",
        "voila",
        str(tmp_path / "resize.ipynb"),
        "--Voila.ip=127.0.0.1",
        "--port={port}",
        "--template=gradviz",
        f"--theme={theme}",
        "--no-browser",
    ]
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(180_000)
    try:
        with serve(command, tmp_path, answers("/"), env=env) as (url, _server):
            page.goto(url)
            page.wait_for_function(
                f"() => document.querySelectorAll('.gradviz-explorer').length === {len(FACTORIES)}",
                timeout=900_000,
            )
            walk(
                page,
                [
                    ("window 1400", lambda p: p.set_viewport_size({"width": 1400, "height": 900})),
                    ("zoom 150", lambda p: zoom(p, 1.5)),
                    ("zoom 200", lambda p: zoom(p, 2.0)),
                ],
                screenshots,
                f"voila_{theme}",
            )
            check_contrast(page, screenshots, "voila", theme=theme)
    finally:
        context.close()
