"""The class hub: JupyterHub started from the repository's configuration (hub/), two
students logging in through its login form, each language reaching its kernel, and the
culling of idle kernels and idle servers in effect (with short timeouts).

Needs JupyterHub (requirements-hub.txt) and its proxy from npm (`make setup-test` installs
both; skipped without the proxy, a failure under CI). Listens on 127.0.0.1 only, on the
first free block of ports from 9500. The load test is separate: `make hub-load`.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hub"))
from browser_client import Student  # noqa: E402  (hub/browser_client.py)
from server import Hub  # noqa: E402  (hub/server.py)

PROXY = ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "test-class-password"
PEOPLE = [("ada", "en"), ("mei", "zh_CN")]
#: Short timeouts, so that culling can be seen within the test (the class's are 1200/3600 s).
KERNEL_IDLE, SERVER_IDLE = 4, 15

pytestmark = pytest.mark.timeout(300)


def free_block(size: int, start: int = 9500, stop: int = 9600) -> str:
    """``first-last``: the first ``size`` consecutive ports from ``start`` free on 127.0.0.1."""
    for first in range(start, stop - size + 1, size):
        sockets = []
        try:
            for port in range(first, first + size):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return f"{first}-{first + size - 1}"
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    pytest.skip(f"no {size} free ports in {start}-{stop - 1}")


@pytest.fixture
def hub(tmp_path):
    if not PROXY.exists():
        message = f"JupyterHub's proxy is not installed ({PROXY}): make setup-test (needs npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = {
        "GRADVIZ_CULL_KERNEL_IDLE": str(KERNEL_IDLE),
        "GRADVIZ_CULL_SERVER_IDLE": str(SERVER_IDLE),
    }
    server = Hub(tmp_path / "state", free_block(8), PEOPLE, PASSWORD, env)
    server.start()
    yield server
    server.stop()


async def first_cell(student: Student) -> str:
    """Log in, start the server, open notebook 00 of the person's edition, and print what
    the kernel knows of its language."""
    await asyncio.to_thread(student.login)
    await asyncio.to_thread(student.start_server, 180)
    folder = "notebooks/zh" if student.name == "mei" else "notebooks"
    _, kernel_id = await asyncio.to_thread(student.open_notebook, f"{folder}/00_start_here.ipynb")
    kernel = await student.connect(kernel_id)
    try:
        return await kernel.output_text(
            "import os, gradviz as gv\n"
            "print(os.environ['GRADVIZ_LANG'], gv.get_language(), gv.i18n._('learning rate'),"
            " os.path.exists('00_start_here.ipynb'))",
            timeout=180,
        )
    finally:
        await kernel.close()


def wait_for(condition, seconds: float, what: str) -> float:
    """Poll ``condition`` until it is true; the seconds it took."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > seconds:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.5)
    return time.monotonic() - began


def test_two_students_their_languages_and_culling(hub):
    students = [Student(hub.url, name, PASSWORD) for name, _ in PEOPLE]

    async def both():
        return await asyncio.gather(*(first_cell(s) for s in students))

    ada, mei = asyncio.run(both())
    assert ada.split() == ["en", "en", "learning", "rate", "True"]
    assert mei.split() == ["zh_CN", "zh_CN", "学习率", "True"]

    # JupyterLab's interface: Chinese for mei only (jupyter/zh); English ("en" from
    # jupyter/overrides.d/gradviz.json once `make setup` copied it, else the server's default).
    locale = "lab/api/settings/@jupyterlab/translation-extension:plugin"
    for student, expected in zip(students, ({"en", "default"}, {"zh_CN"}), strict=True):
        reply = student.http.get(f"{student.server_url}/{locale}", timeout=30)
        reply.raise_for_status()
        assert reply.json()["schema"]["properties"]["locale"]["default"] in expected
    # ... in words from the language pack (requirements-zh.txt): the Edit menu is 编辑.
    mei = students[1]
    reply = mei.http.get(f"{mei.server_url}/lab/api/translations/zh_CN", timeout=30)
    reply.raise_for_status()
    assert reply.json()["data"]["jupyterlab"]["Edit"] == ["编辑"]

    # Kernels nobody is connected to any more are shut down after KERNEL_IDLE s ...
    for student in students:
        wait_for(lambda s=student: s.kernels() == [], 60, f"{student.name}'s idle kernel culled")

    # ... and whole servers without activity after SERVER_IDLE s (jupyterhub-idle-culler).
    def servers_stopped() -> bool:
        users = hub.api("GET", "users")
        return all(not u["servers"] for u in users if u["name"] in dict(PEOPLE))

    wait_for(servers_stopped, 4 * SERVER_IDLE + 30, "idle servers culled")
    log = (hub.state / "hub.log").read_text(errors="replace")
    assert all(f"Culling server {name}" in log for name, _ in PEOPLE)
