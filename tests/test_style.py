"""The classroom style is opt-in: importing gradviz or plotting changes no global setting."""

import subprocess
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

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
