"""Explorers in a real browser, against ``interact`` in the same run (issue 20).

JupyterLab is started on 127.0.0.1 (port 9700 unless ``--port``), Chromium opens one small
notebook per case at 1280×800 and presses ArrowRight on the slider's handle. Measured:

- key → painted: from the key press to the start of the screen frame that shows the new
  picture (the explorers' ``data-frame`` attribute; for ``interact`` the new ``<img>``,
  decoded), median and 90th percentile;
- bytes received by the page per key press (every websocket frame, until the kernel is
  idle again: the picture's message, the status line, the kernel's busy/idle notices);
- frames painted per second while the handle is dragged for ``DRAG_SECONDS``.

Not a pass/fail test. Run it alone (it needs both cores):

    .venv/bin/python benchmarks/bench_browser.py [--presses 15] [--port 9700]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser tests' helpers
from conftest import CHROMIUM_FLAGS, chromium_path  # noqa: E402
from lab import open_notebook, put_notebook, run_all_cells, slider_of, wait_idle  # noqa: E402

DRAG_SECONDS = 2.0
#: Bytes of the websocket frames the page received since the last reset.
RECEIVED = {"bytes": 0}


def count_bytes(payload: str | bytes) -> None:
    RECEIVED["bytes"] += len(payload.encode() if isinstance(payload, str) else payload)


CASES = {
    "descent explorer (04)": (
        "import gradviz as gv\ngv.descent_explorer()",
        "learning rate",
        "ArrowRight",
    ),
    "race explorer (07/08)": (
        "import gradviz as gv\ngv.race_explorer()",
        "learning-rate scale",
        "ArrowLeft",  # it starts at 1, near the top of its range
    ),
    "interact, descent figure rebuilt": (
        (ROOT / "tests" / "browser" / "bench_interact.py")
        .read_text()
        .split('BASELINE = """')[1]
        .split('"""')[0],
        "learning rate",
        "ArrowRight",
    ),
}

#: Records key presses, painted frames (explorer: data-frame; interact: a new image) and
#: the bytes of every websocket frame the page receives.
_OBSERVE = """() => {
    const record = window.__gv = {key: 0, painted: []};
    document.addEventListener('keydown', () => { record.key = performance.now(); },
                              {capture: true});
    const picture = document.querySelector('.gradviz-picture');
    if (picture) {
        new MutationObserver(() => record.painted.push(performance.now()))
            .observe(picture, {attributes: true, attributeFilter: ['data-frame']});
        return 'explorer';
    }
    const output = document.querySelector('.widget-interact .widget-output');
    new MutationObserver(() => {
        const img = output.querySelector('img');
        if (img) img.decode().catch(() => {}).then(() =>
            requestAnimationFrame((t) => record.painted.push(t)));
    }).observe(output, {childList: true, subtree: true});
    return 'interact';
}"""


def start_lab(work: Path, port: int) -> subprocess.Popen:
    config = work / "jupyter_server_config.py"
    config.write_text(
        "from jupyterlab.galata import configure_jupyter_server\n"
        "configure_jupyter_server(c)\n"
        f"c.ServerApp.ip = '127.0.0.1'\nc.ServerApp.port = {port}\n"
        f"c.ServerApp.port_retries = 0\nc.ServerApp.root_dir = {str(work)!r}\n"
        "c.ServerApp.allow_root = True\nc.ServerApp.terminals_enabled = False\n"
    )
    log = open(work / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", f"--config={config}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=work,
    )
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError((work / "server.log").read_text()[-2000:])


def measure(page, url: str, name: str, case: tuple[str, str, str], presses: int) -> dict:
    source, slider, key = case
    file = name.split(" ")[0] + ".ipynb"
    put_notebook(page, url, file, [source])
    open_notebook(page, url, file)
    run_all_cells(page)
    page.wait_for_selector(".gradviz-picture, .widget-interact .widget-output img")
    wait_idle(page)
    kind = page.evaluate(_OBSERVE)
    handle = slider_of(page.locator(".jp-OutputArea-output").first, page, slider)
    handle = handle.locator(".noUi-handle")
    handle.focus()
    shot = ROOT / "artifacts" / "bench"
    shot.mkdir(parents=True, exist_ok=True)
    area = page.locator(".jp-OutputArea-output").first
    area.screenshot(path=str(shot / f"{file[:-6]}_before.png"))
    times, sizes = [], []
    for _ in range(presses):
        before = page.evaluate("() => window.__gv.painted.length")
        RECEIVED["bytes"] = 0
        handle.press(key)
        page.wait_for_function(f"() => window.__gv.painted.length > {before}", timeout=30_000)
        wait_idle(page)
        times.append(page.evaluate(f"() => window.__gv.painted[{before}] - window.__gv.key"))
        sizes.append(RECEIVED["bytes"])
    area.screenshot(path=str(shot / f"{file[:-6]}_after.png"))
    fps = drag(page, handle)
    return {"kind": kind, "times": times, "bytes": sizes, "fps": fps}


def drag(page, handle) -> float:
    """Frames painted per second while the handle is dragged to the left and back."""
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = page.evaluate("() => window.__gv.painted.length")
    page.mouse.move(x, y)
    page.mouse.down()
    start = time.monotonic()
    moves = int(DRAG_SECONDS * 60)
    for i in range(moves):
        page.mouse.move(x - 120 * np.sin(np.pi * (i + 1) / moves), y)
        page.wait_for_timeout(1000 / 60)
    page.mouse.up()
    elapsed = time.monotonic() - start
    painted = page.evaluate("() => window.__gv.painted.length") - before
    wait_idle(page)
    return painted / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--port", type=int, default=9700)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="gradviz-bench-"))
    server = start_lab(work, args.port)
    url = f"http://127.0.0.1:{args.port}"
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(120_000)
            page.on("websocket", lambda ws: ws.on("framereceived", count_bytes))
            for name, case in CASES.items():
                results[name] = measure(page, url, name, case, args.presses)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    report(results)


def report(results: dict) -> None:
    base = statistics.median(results["interact, descent figure rebuilt"]["times"])
    print("JupyterLab + Chromium, 1280×800, ArrowRight on the slider (ms, bytes kernel → page):")
    for name, r in results.items():
        t, b = r["times"], r["bytes"]
        print(
            f"  {name:<34} key→painted median {statistics.median(t):6.1f} "
            f"p90 {np.percentile(t, 90):6.1f} ({statistics.median(t) / base:4.2f}× interact) | "
            f"{statistics.median(b) / 1024:6.1f} KB per press | drag {r['fps']:5.1f} frames/s"
        )
    print(
        json.dumps(
            {k: {**v, "times": [round(x, 1) for x in v["times"]]} for k, v in results.items()}
        )
    )


if __name__ == "__main__":
    main()
