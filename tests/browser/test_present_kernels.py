"""The presenter view runs all day: page loads do not pile up kernels or memory.

Each load of a presenter page starts a kernel (about 125 MB). A reloaded page's kernel
is shut down as the page unloads (Voila's page asks; gradviz/present_server.py lets the
request through); a page that never asks (a crashed tab, a client that never ran the
page's script) loses its kernel to the culling of jupyter/present_config.py within a
minute. Real Chromium loads presenter pages 50 times, as a class's reloads would; the
kernels and the memory of the server and its kernels after 50 loads are those after 5.
"""

from __future__ import annotations

import json
import time
import urllib.request

import psutil
import pytest
from servers import presenter

#: A page reloaded all day, in both languages (the lightest page: 50 loads take minutes).
PAGES = ["01_derivative.ipynb", "zh/01_derivative.ipynb"]
LOADS = 50
#: What 45 more page loads may add to the server and its kernels: far less than a kernel.
ALLOWED_GROWTH = 40e6


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium):
    with presenter(tmp_path_factory.mktemp("present-kernels")) as running:
        yield running


def kernels(url: str, token: str) -> list[dict]:
    with urllib.request.urlopen(f"{url}/api/kernels?token={token}", timeout=30) as response:
        return json.loads(response.read())


def memory(server) -> int:
    """Resident memory of the server and every process under it (its kernels), bytes."""
    process = psutil.Process(server.pid)
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def wait_for_kernels(url: str, token: str, count: int, seconds: float = 60) -> float:
    """Wait until the server has ``count`` kernels; returns how long that took (s)."""
    start = time.monotonic()
    while len(kernels(url, token)) != count:
        assert time.monotonic() - start < seconds, kernels(url, token)
        time.sleep(1)
    return time.monotonic() - start


def load(page, url: str, name: str) -> None:
    page.goto(f"{url}/voila/render/{name}")
    page.locator(".gradviz-explorer .gradviz-picture img").first.wait_for()
    page.wait_for_load_state("networkidle")


@pytest.mark.timeout(2400)
def test_fifty_page_loads_leave_the_kernels_and_memory_of_five(browser, served):
    url, token, server = served
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{url}/gallery?token={token}")
    measured, start = {}, time.monotonic()
    for n in range(1, LOADS + 1):
        load(page, url, PAGES[n % len(PAGES)])
        if n in (5, LOADS):
            wait_for_kernels(url, token, 1)  # the open page's; every earlier one is gone
            time.sleep(2)
            measured[n] = memory(server)
    print(
        f"\n{LOADS} loads in {time.monotonic() - start:.0f} s; server + kernels after 5 loads: "
        f"{measured[5] / 1e6:.0f} MB, after {LOADS}: {measured[LOADS] / 1e6:.0f} MB; "
        "1 kernel each time"
    )
    assert measured[LOADS] - measured[5] < ALLOWED_GROWTH
    # Closing the tab (no unload request, as when a browser crashes): culled in a minute.
    page.close(run_before_unload=False)
    print(f"closed page's kernel gone after {wait_for_kernels(url, token, 0):.0f} s")
    context.close()


def test_a_page_whose_script_never_ran_loses_its_kernel_within_a_minute(served):
    url, token, _server = served
    before = len(kernels(url, token))
    with urllib.request.urlopen(f"{url}/voila/render/{PAGES[0]}?token={token}", timeout=300):
        pass
    assert len(kernels(url, token)) == before + 1
    print(f"\nunused kernel culled after {wait_for_kernels(url, token, before):.0f} s")
