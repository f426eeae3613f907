"""Notebook 7 (``jupyter notebook``): an arrow key on a focused slider moves the slider.

Notebook 7 binds the arrow keys, in command mode, to moving between cells, and it
handles shortcuts before the focused element sees the key (JupyterLab handles them
after, so the slider's own handler wins there). ``jupyter/overrides.d/gradviz.json``,
which ``make setup`` copies into the environment's app settings, re-binds those four
keys so that they do not fire while the focus is inside a widget. This test runs the
server from this environment, as ``jupyter notebook`` would, with empty user settings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from lab import python_notebook, run_in_notebook7
from servers import notebook7

OVERRIDES = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.d/gradviz.json"


def explorer_notebook(path: Path) -> None:
    md = nbformat.v4.new_markdown_cell
    cells = [md("# Notebook 7"), "import gradviz as gv\n\ngv.descent_explorer()"]
    cells += [md("## A heading below the explorer"), "1 + 1", md("## Another heading")]
    nbformat.write(python_notebook(cells), path)


@pytest.fixture(scope="module")
def notebook_url(tmp_path_factory, chromium):
    if not OVERRIDES.exists():
        pytest.fail(f"{OVERRIDES} is missing: run `make setup` (it copies jupyter/overrides.d)")
    assert json.loads(OVERRIDES.read_text()) == json.loads(
        (ROOT / "jupyter/overrides.d/gradviz.json").read_text()
    ), "the environment's copy of jupyter/overrides.d/gradviz.json is stale: run `make setup`"
    work = tmp_path_factory.mktemp("nb7")
    explorer_notebook(work / "explorer.ipynb")
    with notebook7(work) as url:
        yield url


def test_arrow_key_on_a_slider_moves_the_slider_not_the_cursor(page, notebook_url, screenshots):
    page.set_viewport_size({"width": 1024, "height": 768})
    run_in_notebook7(page, f"{notebook_url}/notebooks/explorer.ipynb")
    slider = (
        page.locator(".widget-slider")
        .filter(has=page.locator(".widget-label").get_by_text("learning rate", exact=True))
        .first
    )
    handle = slider.locator(".noUi-handle")
    readout = slider.locator(".widget-readout")
    handle.wait_for()
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
        " === 'idle'"
    )
    # Select the explorer's cell in command mode, as after clicking beside the slider.
    page.evaluate(
        "() => { const nb = window.jupyterapp.shell.currentWidget.content;"
        " nb.activeCellIndex = 1; nb.mode = 'command'; }"
    )
    active = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
    before_cell, before_value = page.evaluate(active), readout.inner_text()
    picture = page.locator(".gradviz-explorer .gradviz-picture img").first
    before_pixels = picture.screenshot()

    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
        page.wait_for_timeout(300)
    handle.press("ArrowLeft")
    handle.press("ArrowRight")
    handle.press("ArrowRight")
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
        " === 'idle'"
    )
    page.wait_for_timeout(500)

    assert readout.inner_text() != before_value, "ArrowRight did not change the slider's value"
    assert page.evaluate(active) == before_cell, "ArrowRight moved the notebook's cursor"
    assert picture.screenshot() != before_pixels, "the picture did not follow the slider"
    page.screenshot(path=str(screenshots / "notebook7_keys.png"))

    # Outside a widget the arrow keys still move between cells, as Notebook 7 users expect.
    page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCell.node.focus()")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == before_cell + 1
