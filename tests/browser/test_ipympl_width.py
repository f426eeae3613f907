"""Notebook 04 under ``%matplotlib widget`` (ipympl) on a 1024×768 screen.

Every figure of the notebook becomes a live canvas. A canvas wider than the page is cut
off on the right (ipympl draws at the figure's size in pixels, up to 1800 px here). The
explorers fit their canvas to the width the page reports, and the classroom style's
figure hook (``gv.CLASSROOM``) fits every other figure's canvas the same way. The
notebook is run in JupyterLab with ``%matplotlib widget`` inserted as its first code cell.
"""

from __future__ import annotations

import json

import nbformat
from conftest import ROOT
from lab import error_outputs, open_notebook, run_all_cells, wait_idle

NAME = "04_gradient_descent.ipynb"

_CANVASES = """() => {
    const page = document.documentElement.clientWidth;
    // One entry per figure: ipympl stacks a rubber-band canvas on the figure's canvas.
    return [...document.querySelectorAll('.jupyter-matplotlib-canvas-div')]
        .filter(div => div.offsetParent !== null)
        .map(div => { const r = div.querySelector('canvas').getBoundingClientRect();
                      return {width: Math.round(r.width), right: Math.round(r.right), page}; });
}"""


def test_no_canvas_is_wider_than_the_page(page, lab_url, screenshots):
    nb = nbformat.read(ROOT / "notebooks" / NAME, as_version=4)
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first_code, nbformat.v4.new_code_cell("%matplotlib widget"))
    name = "ipympl_04.ipynb"
    page.context.request.put(
        f"{lab_url}/api/contents/{name}",
        data=json.dumps({"type": "notebook", "format": "json", "content": nb}),
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    open_notebook(page, lab_url, name)
    run_all_cells(page)
    # Each canvas is narrowed once the page has reported its width: let the kernel catch up.
    for _ in range(3):
        wait_idle(page)
        page.wait_for_timeout(1000)
    assert error_outputs(page) == []
    canvases = page.evaluate(_CANVASES)
    assert canvases, "no ipympl canvas rendered"
    page.locator(".jupyter-matplotlib-canvas-div").last.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "ipympl_04_1024.png"))
    too_wide = [c for c in canvases if c["width"] > c["page"] or c["right"] > c["page"]]
    assert too_wide == [], f"{len(too_wide)} of {len(canvases)} canvases overflow: {too_wide}"
