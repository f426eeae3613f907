"""Every notebook in a real JupyterLab in headless Chromium, and every explorer driven by hand.

For each notebook: open it, run all cells, wait for the kernel to go idle, and check
that no cell shows an error or a traceback and that every figure rendered. For each
live explorer: move its main slider with the keyboard and by dragging, check that
the picture's pixels and the readout changed, and time key press → new picture on
screen, next to the same measurement on an ``ipywidgets.interact`` baseline that
rebuilds an equivalent figure. Screenshots go to ``artifacts/browser/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lab import (
    _OBSERVE,
    KEY_PRESSES,
    NOTEBOOKS,
    TIMINGS,
    error_outputs,
    images,
    open_notebook,
    press_and_time,
    run_all_cells,
    run_new_notebook,
    slider_of,
    stored_image_count,
    wait_idle,
)

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
    "08_adaptive_methods_and_newton.ipynb": ("optimizer race", "show step k"),  # starts at k = 0
    "09_loss_landscape.ipynb": ("landscape explorer", "epoch"),  # starts at epoch 0
}

#: Explorers whose slider starts at its right end are moved with ArrowLeft.
LEFTWARD = {"01_derivatives.ipynb"}


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
    explorer = page.locator(".gradviz-explorer").first
    explorer.scroll_into_view_if_needed()
    picture = explorer.locator(".gradviz-picture img")
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


def _hanzi(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_a_chinese_notebook_runs_and_its_explorer_speaks_chinese(page, lab_url, screenshots):
    """The Chinese edition in JupyterLab: clean run, Chinese slider labels, a picture that
    follows the slider and a status line in Chinese."""
    name = "zh/04_gradient_descent.ipynb"
    open_notebook(page, lab_url, name)
    run_all_cells(page)
    assert error_outputs(page) == []
    rendered = images(page)
    assert len(rendered) == stored_image_count(name)
    assert all(img["complete"] and img["w"] > 100 for img in rendered)
    explorer = page.locator(".gradviz-explorer").first
    explorer.scroll_into_view_if_needed()
    page.evaluate(_OBSERVE, explorer.element_handle())
    picture = explorer.locator(".gradviz-picture img")
    status = explorer.locator(".gradviz-status")
    slider = slider_of(explorer, page, "学习率")
    readout = slider.locator(".widget-readout")
    before_pixels, before_status = picture.screenshot(), status.inner_text()
    before_readout = readout.inner_text()
    handle = slider.locator(".noUi-handle")
    handle.focus()
    press_and_time(page, handle, "ArrowRight", 4)
    assert readout.inner_text() != before_readout
    assert picture.screenshot() != before_pixels, "the picture did not follow the slider"
    after_status = status.inner_text()
    assert after_status != before_status and _hanzi(after_status) >= 8, after_status
    assert error_outputs(page) == []
    explorer.screenshot(path=str(screenshots / "zh_04_gradient_descent_keys.png"))
    page.screenshot(path=str(screenshots / "zh_04_gradient_descent.png"))


def test_presentation_mode_keeps_the_explorer_live(page, lab_url, screenshots):
    """JupyterLab's View → Presentation Mode, as a teacher would project it."""
    open_notebook(page, lab_url, "04_gradient_descent.ipynb")
    run_all_cells(page)
    page.evaluate(
        "() => window.jupyterapp.commands.execute('application:toggle-presentation-mode')"
    )
    page.wait_for_function("() => window.jupyterapp.shell.presentationMode === true")
    explorer = page.locator(".gradviz-explorer").first
    explorer.scroll_into_view_if_needed()
    page.evaluate(_OBSERVE, explorer.element_handle())
    picture = explorer.locator(".gradviz-picture img")
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
