"""Benchmark, not a test: the naive ``interact`` way, timed in the same browser.

It rebuilds the descent explorer's whole figure on every change; its timings print
beside the explorers' in the "explorer response times" summary. It asserts nothing,
so it is not collected by ``make browser``; run it next to the browser tests with

    .venv/bin/python -m pytest tests/browser tests/browser/bench_interact.py
"""

from __future__ import annotations

from lab import (
    _OBSERVE_OUTPUT,
    KEY_PRESSES,
    TIMINGS,
    press_and_time,
    run_new_notebook,
    slider_of,
)

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
