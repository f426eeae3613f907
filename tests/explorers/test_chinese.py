"""In Chinese, an explorer shows no English: slider labels, menus, status lines, figure text.

The source scan (tests/test_i18n_sources.py) finds strings that skip gettext; this test
builds every explorer in Chinese, at its defaults and at a few telling settings, and reads
everything it shows: any English word left is a message that was not translated.
"""

from __future__ import annotations

import html
import io
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

import gradviz as gv
from gradviz import i18n

# Words that stay as they are in Chinese: names of methods and functions (as in the Chinese
# edition of the book), units of code, and symbols.
KEPT = {
    "SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "Rosenbrock",
    "ReLU", "softmax", "sin", "cos", "exp", "log", "max", "min", "argmax", "NaN", "nan",
    "inf", "lr", "float", "float64", "np", "sum", "net", "numerical_gradient", "x0", "x1",
    "function_1", "function_2", "bold", "span", "style", "color", "nbsp", "sup", "sub",
    "table", "tr", "td", "th", "br", "div", "px", "font", "weight", "right", "left",
    "center", "align", "padding", "margin", "border", "solid", "collapse", "width",
    "D_u", "x_k", "x_0", "directional_derivative", "mini-batch", "epoch",
}  # fmt: skip
ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z][A-Za-z0-9_-]{2,}(?![A-Za-z0-9_(-])")

FACTORIES = {
    "derivative": [{}, {"function": "sin(x)", "h": 1e-12}, {"h": 1.0, "hide_answers": True}],
    "slice": [{}, {"surface": "saddle", "point": (0.5, -0.5)}],
    "gradient": [{}, {"surface": "two minima", "point": (0.5, 0.5)}],
    "direction": [{}, {"hide_answers": True}],
    "descent": [{}, {"lr": 1.05}, {"schedule": "step decay"}],
    "update": [{}],
    "training": [{}],
    "condition": [{}],
    "momentum": [{}, {"lr": 0.5, "beta": 0.99}],
    "race": [{}],
    "landscape": [{}, {"lr": 2.0, "epoch": 30}],
}


def shown_text(explorer) -> list[str]:
    """Everything an explorer shows in words."""
    texts = [re.sub(r"<[^>]+>", " ", html.unescape(explorer.status.value))]
    for widget in explorer.controls.values():
        texts.append(getattr(widget, "description", "") or "")
        if isinstance(widget, widgets.Dropdown):
            texts += [str(label) for label, _value in widget.options]
    fig = explorer.figure
    for text in fig.findobj(plt.Text):
        if text.get_visible():
            texts.append(text.get_text())
    return [t for t in texts if t]


def english_words(texts: list[str]) -> set[str]:
    words = set()
    for text in texts:
        text = re.sub(r"\$[^$]*\$", " ", text)  # maths
        words |= {w for w in ENGLISH_WORD.findall(text) if w not in KEPT}
    return words


@pytest.mark.parametrize(
    ("name", "settings"),
    [(name, s) for name, runs in FACTORIES.items() for s in runs],
    ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={x}" for k, x in v.items()) or "-",
)
def test_explorer_in_chinese_shows_no_english(name, settings):
    with i18n.language("zh_CN"):
        explorer = getattr(gv, f"{name}_explorer")(**settings)
        try:
            texts = shown_text(explorer)
            picture = Image.open(io.BytesIO(explorer.snapshot_png())).convert("L")
        finally:
            plt.close(explorer.figure)
    # Chinese characters stand taller than Latin ones: no title may touch the picture's top.
    assert np.asarray(picture)[:2].min() > 200, "text cut at the top"
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in "".join(texts)) > 10, texts
    assert not english_words(texts), (english_words(texts), texts)
