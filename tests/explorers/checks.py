"""What every explorer test checks, and how tests find an explorer's artists."""

import numpy as np


def assert_healthy(explorer):
    """No error, no warning, finite axis ranges, a PNG on show."""
    assert explorer.error is None, explorer.error
    assert explorer.warnings == []
    for ax in explorer.figure.axes:
        assert np.all(np.isfinite(ax.get_xlim())) and np.all(np.isfinite(ax.get_ylim()))
    assert explorer.view.value[:8] == b"\x89PNG\r\n\x1a\n"


def slider_values(slider, n=9):
    """``n`` values across a slider's whole range."""
    if hasattr(slider, "base"):  # FloatLogSlider: min/max are exponents
        return slider.base ** np.linspace(slider.min, slider.max, n)
    return np.linspace(slider.min, slider.max, n)


def artist(explorer, gid):
    """The one artist of the explorer's figure with this gid."""
    found = explorer.figure.findobj(lambda a: a.get_gid() == gid)
    assert len(found) == 1, (gid, found)
    return found[0]
