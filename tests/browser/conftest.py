"""Fixtures for the real-browser tests: a JupyterLab server and headless Chromium.

JupyterLab runs from this environment on 127.0.0.1 with a free port and no token
(JupyterLab's own test configuration), serving a *copy* of the notebooks so that
running them in the browser never touches the repository. Chromium is Debian's,
driven by Playwright (which cannot download a browser of its own here).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER_CONFIG = """
from jupyterlab.galata import configure_jupyter_server
configure_jupyter_server(c)
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = {port}
c.ServerApp.root_dir = {root!r}
c.ServerApp.allow_root = True
c.ServerApp.terminals_enabled = False
c.LabApp.user_settings_dir = {settings!r}
"""

#: Render every cell (no virtual scrolling), so that all outputs are in the page.
NOTEBOOK_SETTINGS = {"windowingMode": "none"}


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM if pytest dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: atexit and the signal handlers below still apply


def _stop_group(server: subprocess.Popen) -> None:
    """Stop the server's whole process group (its kernels too): TERM, then KILL."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    except ProcessLookupError:
        pass


def _stop_on_exit(server: subprocess.Popen) -> None:
    """Stop the server when pytest exits normally, or is told to stop by a signal."""
    atexit.register(_stop_group, server)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        previous = signal.getsignal(sig)

        def handler(signum, frame, previous=previous):
            _stop_group(server)
            signal.signal(signum, previous if callable(previous) else signal.SIG_DFL)
            os.kill(os.getpid(), signum)

        signal.signal(sig, handler)


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
    port = free_port()
    config = work / "jupyter_server_config.py"
    config.write_text(
        SERVER_CONFIG.format(
            port=port, root=str(work / "notebooks"), settings=str(work / "settings")
        )
    )
    log = open(work / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", f"--config={config}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=work,
        start_new_session=True,  # its own process group: the server and its kernels
        preexec_fn=_die_with_parent,
    )
    _stop_on_exit(server)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=5):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                _stop_group(server)
                log.close()
                raise RuntimeError(
                    "JupyterLab did not start:\n" + (work / "server.log").read_text()[-3000:]
                ) from None
            time.sleep(0.5)
    yield url
    _stop_group(server)
    log.close()


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
