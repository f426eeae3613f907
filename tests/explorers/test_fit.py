"""The picture takes the width the page reports, at a fixed text size; presenter layout."""

import io

import PIL.Image
import pytest

import gradviz as gv
from gradviz.explorers.base import MAX_DPI, MIN_DPI, ROOM_MARGIN, fitted_size


def png_size(data: bytes) -> tuple[int, int]:
    return PIL.Image.open(io.BytesIO(data)).size


def test_before_any_page_reports_the_design_size_is_drawn():
    e = gv.derivative_explorer()
    assert e.picture.width == 0
    assert png_size(e.view.value) == (1200, 540)  # figsize (12, 5.4) at 100 dpi
    assert e.describe().startswith("<derivative explorer:")


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_reported_width_is_drawn_pixel_for_pixel(ratio):
    e = gv.descent_explorer()
    full = e.full_redraws
    e.picture.pixel_ratio = ratio
    e.picture.width = 800
    w, h = png_size(e.view.value)
    assert w == pytest.approx(800 * ratio, abs=1)
    assert h == pytest.approx(800 * ratio * 5.4 / 15, abs=2)  # the design's aspect
    assert e.figure.dpi == pytest.approx(MIN_DPI * ratio)  # 800 px / 15 in < 84 dpi
    assert e.full_redraws > full
    # A scroll bar's worth of width does not redraw.
    redraws = e.full_redraws
    e.picture.width = 802
    assert e.full_redraws == redraws
    # Sliders still blit at the new size.
    blits = e.blits
    e.controls["lr"].value = 0.2
    assert e.blits == blits + 1 and png_size(e.view.value)[0] == pytest.approx(800 * ratio, abs=1)


def test_text_stays_at_least_14_css_px():
    for width in (400, 800, 1000, 2000):
        dpi, w, _ = fitted_size((15.0, 5.0), width)
        assert MIN_DPI <= dpi <= MAX_DPI and w == width
        assert 12 * dpi / 72 >= 14 - 1e-9  # the smallest classroom text, 12 pt


def test_presenter_layout_fits_the_screen():
    e = gv.present(gv.race_explorer())
    assert e.presenter and "gradviz-presenter" in e._dom_classes
    e.picture.room, e.picture.chrome = 600, 250
    e.picture.width = 980
    _, h = png_size(e.view.value)
    assert h == 600 - 250 - ROOM_MARGIN  # the design's 405 px would not fit
    assert e.error is None and e.warnings == []


def test_a_title_too_wide_for_a_narrow_picture_shrinks_and_grows_back():
    with gv.classroom():  # 17 pt titles, as in the notebooks
        e = gv.race_explorer()
    loss_axis = e.figure.axes[1]
    own = loss_axis.title.get_fontsize()
    e.picture.width = 700
    assert loss_axis.title.get_fontsize() < own
    renderer = e.figure.canvas.get_renderer()
    box = loss_axis.title.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= e.figure.bbox.x1
    e.picture.width = 1400
    assert loss_axis.title.get_fontsize() == own
