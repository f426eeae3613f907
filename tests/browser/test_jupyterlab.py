"""Every notebook in a real JupyterLab in headless Chromium, and every explorer driven by hand.

For each notebook: open it, run all cells, wait for the kernel to go idle, and check
that no cell shows an error or a traceback and that every figure rendered. For each
live explorer: move its main slider with the keyboard and by dragging, check that
the picture's pixels and the readout changed, and time key press → new picture on
screen, next to the same measurement on an ``ipywidgets.interact`` baseline that
rebuilds an equivalent figure. Screenshots go to ``artifacts/browser/``.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import nbformat
import pytest
from lab import error_outputs, images, open_notebook, run_all_cells, run_new_notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: The explorer in each notebook and the slider a teacher would drag first.
EXPLORERS = {
    "00_start_here.ipynb": ("derivative explorer", "x"),
    "01_derivatives.ipynb": ("derivative explorer", "h"),  # starts at h = 1, the slider's end
    "02_partial_derivatives.ipynb": ("slice explorer", "x0"),
    "03_the_gradient.ipynb": ("gradient explorer", "x0"),
    "04_gradient_descent.ipynb": ("descent explorer", "learning rate"),
    "05_gradient_in_neural_networks.ipynb": ("weight-update explorer", "updates k"),
    "06_training_a_network.ipynb": ("training explorer", "steps"),
    "07_beyond_plain_descent.ipynb": ("condition-number explorer", "condition number κ"),
}

#: Explorers whose slider starts at its right end are moved with ArrowLeft.
LEFTWARD = {"01_derivatives.ipynb"}
KEY_PRESSES = 8
TIMINGS: dict[str, list[float]] = {}

_OBSERVE = """(explorer) => {
    const img = explorer.querySelector(':scope > img.widget-image');
    const record = window.__gv = {changes: [], key: null};
    new MutationObserver(() => {
        img.decode().catch(() => {}).then(() =>
            requestAnimationFrame(() => record.changes.push(performance.now())));
    }).observe(img, {attributes: true, attributeFilter: ['src']});
    document.addEventListener('keydown', () => { record.key = performance.now(); },
                              {capture: true});
}"""

_OBSERVE_OUTPUT = """(output) => {
    const record = window.__gv = {changes: [], key: null};
    new MutationObserver(() => {
        const img = output.querySelector('img');
        if (!img) return;
        img.decode().catch(() => {}).then(() =>
            requestAnimationFrame(() => record.changes.push(performance.now())));
    }).observe(output, {childList: true, subtree: true});
    document.addEventListener('keydown', () => { record.key = performance.now(); },
                              {capture: true});
}"""


def stored_image_count(name: str) -> int:
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return sum(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )


def wait_idle(page) -> None:
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
        " === 'idle'"
    )
    page.wait_for_timeout(150)


def slider_of(root, page, description: str):
    return (
        root.locator(".widget-slider")
        .filter(has=page.locator(".widget-label").get_by_text(description, exact=True))
        .first
    )


def press_and_time(page, handle, key: str, presses: int) -> list[float]:
    """Press ``key`` on a focused slider handle; ms from key down to new picture painted."""
    times = []
    for _ in range(presses):
        before = page.evaluate("() => window.__gv.changes.length")
        handle.press(key)
        page.wait_for_function(f"() => window.__gv.changes.length > {before}", timeout=30_000)
        times.append(page.evaluate("() => window.__gv.changes.at(-1) - window.__gv.key"))
        wait_idle(page)
    return times


def drag(page, handle, dx: float) -> None:
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=6)
    page.mouse.up()
    wait_idle(page)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_cleanly_and_its_explorer_responds(page, lab_url, screenshots, name):
    open_notebook(page, lab_url, name)
    run_all_cells(page)
    assert error_outputs(page) == []
    rendered = images(page)
    assert len(rendered) == stored_image_count(name)
    assert all(img["complete"] and img["w"] > 100 and img["h"] > 100 for img in rendered)
    page.screenshot(path=str(screenshots / f"{Path(name).stem}.png"))

    title, description = EXPLORERS[name]
    explorer = page.locator("div.widget-vbox:has(> img.widget-image)").first
    explorer.scroll_into_view_if_needed()
    picture = explorer.locator(":scope > img.widget-image")
    slider = slider_of(explorer, page, description)
    readout = slider.locator(".widget-readout")
    handle = slider.locator(".noUi-handle")
    page.evaluate(_OBSERVE, explorer.element_handle())
    first_pixels, first_readout = picture.screenshot(), readout.inner_text()

    handle.focus()
    key = "ArrowLeft" if name in LEFTWARD else "ArrowRight"
    times = press_and_time(page, handle, key, KEY_PRESSES)
    TIMINGS[f"{title} ({description})"] = times
    assert readout.inner_text() != first_readout
    moved_pixels = picture.screenshot()
    assert moved_pixels != first_pixels, "the picture did not change after the key presses"
    explorer.screenshot(path=str(screenshots / f"{Path(name).stem}_keys.png"))

    before_drag = readout.inner_text()
    drag(page, handle, -120)
    assert readout.inner_text() != before_drag
    assert picture.screenshot() != moved_pixels, "the picture did not change after a drag"
    assert error_outputs(page) == []
    explorer.screenshot(path=str(screenshots / f"{Path(name).stem}_drag.png"))


BASELINE = """
import matplotlib.pyplot as plt
from ipywidgets import FloatLogSlider, interact

import gradviz as gv

plt.style.use(gv.CLASSROOM)


@interact(lr=FloatLogSlider(value=0.1, base=10, min=-4, max=1, step=0.05,
                            description="learning rate"))
def show(lr):
    path = gv.gradient_descent(gv.bowl.f, gv.bowl.start, lr=lr, step_num=100)
    gv.plots.plot_descent_overview(gv.bowl, path)
    plt.show()
"""


def test_interact_baseline_for_comparison(page, lab_url, screenshots):
    """The naive way: ``interact`` rebuilding the descent explorer's figure per change."""
    run_new_notebook(page, lab_url, "baseline_interact.ipynb", BASELINE)
    widget = page.locator("div.widget-interact").first
    output = widget.locator(".widget-output")
    output.locator("img").first.wait_for()
    page.evaluate(_OBSERVE_OUTPUT, output.element_handle())
    handle = slider_of(widget, page, "learning rate").locator(".noUi-handle")
    handle.focus()
    TIMINGS["baseline: interact, full rebuild (learning rate)"] = press_and_time(
        page, handle, "ArrowRight", KEY_PRESSES
    )
    widget.screenshot(path=str(screenshots / "baseline_interact.png"))


def report() -> list[str]:
    lines = ["median time from key press to new picture on screen (ms), JupyterLab + Chromium:"]
    for label, times in TIMINGS.items():
        lines.append(
            f"  {label:<52} median {statistics.median(times):7.1f}   "
            f"max {max(times):7.1f}   (n={len(times)})"
        )
    return lines


def test_presentation_mode_keeps_the_explorer_live(page, lab_url, screenshots):
    """JupyterLab's View → Presentation Mode, as a teacher would project it."""
    open_notebook(page, lab_url, "04_gradient_descent.ipynb")
    run_all_cells(page)
    page.evaluate(
        "() => window.jupyterapp.commands.execute('application:toggle-presentation-mode')"
    )
    page.wait_for_function("() => window.jupyterapp.shell.presentationMode === true")
    explorer = page.locator("div.widget-vbox:has(> img.widget-image)").first
    explorer.scroll_into_view_if_needed()
    page.evaluate(_OBSERVE, explorer.element_handle())
    picture = explorer.locator(":scope > img.widget-image")
    before = picture.screenshot()
    handle = slider_of(explorer, page, "learning rate").locator(".noUi-handle")
    handle.focus()
    press_and_time(page, handle, "ArrowRight", 3)
    assert picture.screenshot() != before
    page.screenshot(path=str(screenshots / "presentation_mode.png"))


IPYMPL = """%matplotlib widget
import gradviz as gv

gv.descent_explorer()
"""


def test_explorer_under_ipympl_is_live_and_rotates(page, lab_url, screenshots):
    """With ``%matplotlib widget`` the figure is a live canvas: sliders redraw it and the
    3-D view turns when dragged with the mouse."""
    run_new_notebook(page, lab_url, "ipympl_explorer.ipynb", IPYMPL)
    canvas = page.locator(".jupyter-matplotlib-canvas-div canvas").first
    page.wait_for_function(
        "() => { const c = document.querySelector('.jupyter-matplotlib-canvas-div canvas');"
        " return c && c.width > 100 && c.height > 100; }"
    )
    wait_idle(page)
    page.wait_for_timeout(500)
    first = canvas.screenshot()

    handle = slider_of(page.locator(".jp-OutputArea-output"), page, "learning rate").locator(
        ".noUi-handle"
    )
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")
        wait_idle(page)
    page.wait_for_timeout(500)
    after_slider = canvas.screenshot()
    assert after_slider != first, "the live canvas did not redraw after the slider moved"

    box = canvas.bounding_box()  # the 3-D view is the middle panel
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 30, steps=8)
    page.mouse.up()
    wait_idle(page)
    page.wait_for_timeout(800)
    assert canvas.screenshot() != after_slider, "dragging did not rotate the 3-D view"
    assert error_outputs(page) == []
    page.screenshot(path=str(screenshots / "ipympl_explorer.png"))
