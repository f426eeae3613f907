"""The classroom style is opt-in: importing gradviz or plotting changes no global setting."""

import subprocess
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

import gradviz as gv


def test_import_changes_no_rcparams():
    script = (
        "import matplotlib as mpl; before = dict(mpl.rcParams); import gradviz;"
        "changed = [k for k, v in mpl.rcParams.items() if before[k] != v]; print(changed)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_plot_helpers_change_no_rcparams():
    before = dict(mpl.rcParams)
    fig, ax = plt.subplots()
    gv.plot_contour(gv.bowl, ax=ax)
    gv.plot_path(gv.gradient_descent(gv.function_2, [-3.0, 4.0], lr=0.1), ax=ax)
    plt.close(fig)
    assert {k: v for k, v in mpl.rcParams.items() if before[k] != v} == {}


def test_classroom_context_sets_and_restores():
    size = mpl.rcParams["font.size"]
    with gv.classroom():
        assert mpl.rcParams["font.size"] == gv.CLASSROOM["font.size"] >= 14
        assert mpl.rcParams["lines.linewidth"] >= 2.5
    assert mpl.rcParams["font.size"] == size


def test_palette_is_okabe_ito():
    assert gv.style.PALETTE[0] == "#0072B2" and len(set(gv.style.PALETTE)) == len(gv.style.PALETTE)


def test_plot_helpers_return_what_they_drew():
    fig, ax = plt.subplots()
    line = gv.plot_function(gv.function_1, (0, 20), ax=ax)
    assert line in ax.lines and np.allclose(line.get_ydata()[0], 0.0)
    tangent, point = gv.plot_tangent(gv.function_1, 5.0, ax=ax)
    assert tangent in ax.lines and point in ax.lines
    quiver = gv.plot_gradient_field(gv.bowl, ax=ax, window=((-2, 2), (-2, 2)))
    assert quiver in ax.collections
    x_lo, x_hi = ax.get_xlim()
    assert x_lo < -2 and x_hi > 2  # room for the outermost arrows
    plt.close(fig)


# --- Fonts for the Chinese edition ---------------------------------------------------


def test_chinese_figures_draw_every_glyph(monkeypatch):
    """DejaVu Sans first (∂ ∇ κ β ² and the minus sign), the CJK font for the rest:
    drawing Chinese and maths together warns of no missing glyph."""
    import warnings

    import matplotlib.pyplot as plt

    from gradviz import style

    if style.cjk_font() is None:
        pytest.skip("no CJK font on this machine (Debian: apt-get install fonts-noto-cjk)")
    try:
        family = style.use_fonts_for("zh_CN")
        assert family == ["DejaVu Sans", style.cjk_font()]
        fig, ax = plt.subplots()
        ax.set_title("梯度 ∇f 与偏导数 ∂f/∂x₀，κ = 10，β = 0.9，x² − 1")
        ax.set_xlabel("学习率 η")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig.canvas.draw()
        plt.close(fig)
    finally:
        style.use_fonts_for("en")
    assert list(mpl.rcParams["font.family"]) == list(mpl.rcParamsDefault["font.family"])


def test_without_a_cjk_font_one_warning_names_the_install_commands(monkeypatch):
    from gradviz import style

    monkeypatch.setattr(style, "cjk_font", lambda: None)
    style._warn_no_cjk_font.cache_clear()
    try:
        with pytest.warns(style.CJKFontWarning) as record:
            style.use_fonts_for("zh_CN")
            style.use_fonts_for("zh_CN")  # once is enough
        assert len(record) == 1
        text = str(record[0].message)
        assert "apt-get install fonts-noto-cjk" in text
        assert "conda install -c conda-forge font-ttf-noto-cjk" in text
        assert list(mpl.rcParams["font.family"]) == list(mpl.rcParamsDefault["font.family"])
    finally:
        style._warn_no_cjk_font.cache_clear()
        style.use_fonts_for("en")


def test_status_text_colours_are_readable_in_light_and_dark_themes():
    """The descent summary and the race table's rows were drawn in #000 on the dark theme's
    #111: every ink colour has a contrast of 4.5:1 or more on the light themes' backgrounds
    (#FFFFFF, #EEEEEE) and on the dark ones' (#111111 in JupyterLab and Notebook 7, #212121
    in Voila); black takes the theme's own text colour."""
    import re

    from gradviz.style import COLORS, INK_CSS, MIN_CONTRAST, contrast, ink

    rules = dict(re.findall(r"^(.*?) \{ color: (\S+); \}$", INK_CSS, flags=re.M))
    assert rules[".gradviz-ink-black"] == "inherit"
    for role in COLORS:
        if role == "black":
            continue
        light = rules[f".{ink(role)}"]
        dark = rules[f'body[data-jp-theme-light="false"] .{ink(role)}']
        for background in ("#FFFFFF", "#EEEEEE"):
            assert contrast(light, background) >= MIN_CONTRAST, (role, light, background)
        for background in ("#111111", "#212121"):
            assert contrast(dark, background) >= MIN_CONTRAST, (role, dark, background)
