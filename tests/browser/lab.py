"""Driving JupyterLab from Playwright: open a notebook, run it, inspect its outputs."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import nbformat

#: JavaScript that resolves when the notebook's kernel is ready.
_WAIT_READY = """async () => {
    const w = window.jupyterapp.shell.currentWidget;
    await w.context.ready;
    await w.sessionContext.ready;
    return w.sessionContext.session.kernel.name;
}"""

_STATE = """() => {
    const w = window.jupyterapp.shell.currentWidget;
    const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
    const counts = w.content.widgets.filter(c => c.model.type === 'code')
        .map(c => c.model.executionCount);
    return {status: kernel ? kernel.status : 'none', counts};
}"""


def open_notebook(page, base_url: str, name: str) -> None:
    """Open ``name`` in a fresh workspace and wait for its kernel."""
    page.goto(f"{base_url}/lab/tree/{name}?reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.sessionContext !== undefined; }"
    )
    page.evaluate(_WAIT_READY)


def run_all_cells(page, timeout: float = 300) -> dict:
    """Run every cell and wait until each has an execution count and the kernel is idle."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + timeout
    while True:
        state = page.evaluate(_STATE)
        done = state["counts"] and all(c is not None for c in state["counts"])
        if done and state["status"] == "idle":
            return state
        if time.monotonic() > deadline:
            raise TimeoutError(f"notebook did not finish: {state}")
        time.sleep(0.5)


def error_outputs(page) -> list[str]:
    """Texts of every error or stderr output, and of any output that shows a traceback."""
    return page.evaluate("""() => {
        const bad = [];
        for (const out of document.querySelectorAll('.jp-OutputArea-output')) {
            const mime = out.getAttribute('data-mime-type') || '';
            const text = out.textContent || '';
            if (mime.includes('stderr') || mime.includes('error') || text.includes('Traceback')
                || text.includes('Error displaying widget')) {
                bad.push(text.slice(0, 500));
            }
        }
        return bad;
    }""")


def images(page) -> list[dict]:
    """Every image in the outputs (figures and explorer pictures) with its rendered size."""
    return page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output img')]
        .map(img => ({w: img.naturalWidth, h: img.naturalHeight, complete: img.complete,
                      widget: img.closest('.gradviz-picture') !== null}))""")


def python_notebook(cells: list) -> nbformat.NotebookNode:
    """A notebook of ``cells`` (strings become code cells) for the python3 kernel."""
    cells = [nbformat.v4.new_code_cell(c) if isinstance(c, str) else c for c in cells]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def put_notebook(page, base_url: str, name: str, sources: list[str]) -> None:
    """Save a notebook with one code cell per entry of ``sources`` on the server."""
    nb = python_notebook(sources)
    page.context.request.put(
        f"{base_url}/api/contents/{name}",
        data=json.dumps({"type": "notebook", "format": "json", "content": nb}),
    )


def run_new_notebook(page, base_url: str, name: str, source: str) -> None:
    """Save a one-cell notebook with ``source`` on the server, open it and run it."""
    put_notebook(page, base_url, name, [source])
    open_notebook(page, base_url, name)
    run_all_cells(page)


def run_in_notebook7(page, url: str) -> None:
    """Open ``url`` (a notebook in Notebook 7), wait for its kernel and run every cell."""
    page.goto(url)
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
    )
    page.evaluate(
        "async () => { const w = window.jupyterapp.shell.currentWidget;"
        " await w.context.ready; await w.sessionContext.ready; }"
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


# --- what the browser tests share: the notebooks, timing a slider, the report --------------

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

KEY_PRESSES = 8
TIMINGS: dict[str, list[float]] = {}

#: The picture counts the frames it paints in ``data-frame`` (set in the animation frame
#: that paints them): the time of each change is the start of the screen frame showing it.
_OBSERVE = """(explorer) => {
    const picture = explorer.querySelector('.gradviz-picture');
    const record = window.__gv = {changes: [], key: null};
    new MutationObserver(() => record.changes.push(performance.now()))
        .observe(picture, {attributes: true, attributeFilter: ['data-frame']});
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


def report() -> list[str]:
    lines = ["median time from key press to new picture on screen (ms), JupyterLab + Chromium:"]
    for label, times in TIMINGS.items():
        lines.append(
            f"  {label:<52} median {statistics.median(times):7.1f}   "
            f"max {max(times):7.1f}   (n={len(times)})"
        )
    return lines
