"""Fixtures for the real-browser tests: a JupyterLab server and headless Chromium.

JupyterLab runs from this environment on 127.0.0.1 with a free port, no token and no
terminals (servers.py), serving a *copy* of the notebooks so that running them in the
browser never touches the repository. Chromium is Debian's,
driven by Playwright (which cannot download a browser of its own here).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from servers import jupyter

ROOT = Path(__file__).resolve().parents[2]
#: Screenshots land here, one PNG per notebook and per slider move.
SCREENSHOTS = ROOT / "artifacts" / "browser"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for candidate in [
        os.environ.get("GRADVIZ_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]:
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = (
            "No Chromium found for the browser tests. Install Debian's: "
            "`sudo apt-get install chromium` (or set GRADVIZ_CHROMIUM=/path/to/chrome)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


#: Render every cell (no virtual scrolling), so that all outputs are in the page.
NOTEBOOK_SETTINGS = {"windowingMode": "none"}


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory, chromium) -> str:
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps(NOTEBOOK_SETTINGS))
    news = work / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    with jupyter("lab", work / "notebooks", work) as (url, _server):
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter):
    from lab import TIMINGS, report

    if TIMINGS:
        terminalreporter.section("explorer response times")
        for line in report():
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")
