"""The picture takes the width the page reports, at a fixed text size; presenter layout."""

import io

import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
import pytest

import gradviz as gv
from gradviz.explorers.fit import (
    MAX_DPI,
    MAX_IMAGE_WIDTH,
    MAX_ROOM,
    MAX_WIDTH,
    MIN_DPI,
    MIN_HEIGHT_SHARE,
    PIXEL_RATIOS,
    ROOM_MARGIN,
    STILL_PAGE,
    fitted_size,
    page_size,
)


def png_size(data: bytes) -> tuple[int, int]:
    return PIL.Image.open(io.BytesIO(data)).size


def test_before_any_page_reports_the_still_page_is_drawn():
    # As if a 1000 CSS px page had reported (STILL_PAGE): the stored still fits a
    # 1024x768 slide pixel for pixel, its ticks 14 pt at 84 dpi = 16.3 px (not the
    # design's 1200 px, which a deck scaled down to 12-15 px ticks).
    e = gv.derivative_explorer()
    assert e.picture.width == 0 and STILL_PAGE.width == 1000 and STILL_PAGE.pixel_ratio == 1
    assert png_size(e.view.value) == (1000, 450)  # the design's (12, 5.4) aspect, at 84 dpi
    assert e.figure.dpi == MIN_DPI and e.design_size == (12.0, 5.4)
    assert png_size(e.snapshot_png()) == (1000, 450)  # the still a notebook stores
    assert e.describe().startswith("<derivative explorer:")


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_reported_width_is_drawn_pixel_for_pixel(ratio):
    e = gv.descent_explorer()
    full = e.full_redraws
    e.picture.pixel_ratio = ratio
    e.picture.width = 800
    w, h = png_size(e.view.value)
    assert w == pytest.approx(800 * ratio, abs=1)
    # Narrower than its design (15 in at 84 px per inch), it keeps 80 % of its design
    # height in inches instead of the design's aspect (800 * 5.4 / 15 = 288 px).
    assert h == pytest.approx(ratio * MIN_HEIGHT_SHARE * 5.4 * MIN_DPI, abs=2)
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
    e.picture.width = 1400
    own = loss_axis.title.get_fontsize()  # room enough: the title at its own size
    e.picture.width = 900  # two panels side by side, the loss panel too narrow for it
    assert loss_axis.title.get_fontsize() < own
    renderer = e.figure.canvas.get_renderer()
    box = loss_axis.title.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= e.figure.bbox.x1
    e.picture.width = 1400
    assert loss_axis.title.get_fontsize() == own


# --- a picture that went narrow and back is the picture it was ------------------------------

EXPLORERS = list(gv.explorers.EXPLORERS)


def axes_boxes(e) -> list[tuple[float, ...]]:
    return [tuple(ax.get_window_extent().bounds) for ax in e.figure.axes]


def inside(e) -> list[str]:
    """Every text, legend and axes of the picture that sticks out of it (names)."""
    fig = e.figure
    renderer = fig.canvas.get_renderer()
    parts = [*fig.axes, *fig.legends]
    parts += [t for ax in fig.axes for t in (ax.title, ax.xaxis.label, ax.yaxis.label)]
    out = []
    for part in parts:
        if not part.get_visible() or (hasattr(part, "get_text") and not part.get_text()):
            continue
        box = part.get_window_extent(renderer)
        if box.x0 < -2 or box.y0 < -2 or box.x1 > fig.bbox.x1 + 2 or box.y1 > fig.bbox.y1 + 2:
            out.append(repr(part))
    return out


@pytest.fixture
def classroom():
    """The notebooks' style (every notebook starts with it): projector-size fonts."""
    with plt.style.context(gv.CLASSROOM):
        yield


@pytest.mark.usefixtures("classroom")
@pytest.mark.parametrize("factory", EXPLORERS)
def test_width_changes_in_any_order_return_to_the_same_picture(factory):
    """Side bar, Presentation Mode, zoom: the same width gives the same layout whatever came
    before (the direction explorer's panels used to shrink with every change), with every
    title, label and legend inside the picture."""
    e = getattr(gv, factory)()
    e.picture.width = 700
    first, png = axes_boxes(e), png_size(e.view.value)
    assert inside(e) == []
    # 592: JupyterLab at 1024×768 with the side bar open.
    for width, ratio in [(994, 1.0), (460, 1.0), (592, 1.0), (683, 1.5), (700, 1.0)]:
        e.picture.pixel_ratio = ratio
        e.picture.width = width
        assert inside(e) == [], (width, ratio)
    assert png_size(e.view.value) == png
    assert np.ravel(axes_boxes(e)) == pytest.approx(np.ravel(first), abs=0.5)
    assert e.error is None


def test_the_direction_explorer_keeps_its_panels_at_a_narrow_width():
    e = gv.direction_explorer()
    e.picture.width = 592  # JupyterLab at 1024×768 with the side bar open
    map_box, slope_box = (ax.get_window_extent() for ax in e.figure.axes)
    assert map_box.width > 0.3 * 592 and slope_box.width > 0.3 * 592


@pytest.mark.parametrize("factory", ["direction_explorer", "race_explorer", "momentum_explorer"])
def test_legends_lie_outside_every_panel(factory):
    """A legend over the paths hides what it explains (the race's covered the whole map at
    150 % zoom): these explorers' legends sit under the panels, in as many columns as fit."""
    e = getattr(gv, factory)()
    for width in (460, 683, 994):
        e.picture.width = width
        renderer = e.figure.canvas.get_renderer()
        legends = e.figure.legends + [ax.get_legend() for ax in e.figure.axes if ax.get_legend()]
        assert legends
        for legend in legends:
            box = legend.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= e.figure.bbox.x1
            for ax in e.figure.axes:
                assert not box.overlaps(ax.get_window_extent(renderer)), (width, legend, ax)


def test_a_label_too_long_even_when_shrunk_breaks_in_two_lines_and_back():
    e = gv.condition_explorer()
    label = e.figure.axes[1].xaxis.label
    own = label.get_text()
    e.picture.width = 560
    assert "\n" in label.get_text() and inside(e) == []
    e.picture.width = 1400
    assert label.get_text() == own


# --- what the page reports is checked --------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "drawn"),
    [
        ({"width": float("nan")}, None),
        ({"width": float("inf")}, None),
        ({"width": -800.0}, None),
        ({"width": 20.0}, None),  # a collapsed output: not a picture
        ({"width": 1e9}, (MAX_WIDTH, 1.0)),
        ({"width": 30000.0}, (MAX_WIDTH, 1.0)),
        ({"width": 800.0, "pixel_ratio": -1.0}, (800.0, 1.0)),
        ({"width": 800.0, "pixel_ratio": float("nan")}, (800.0, 1.0)),
        ({"width": 800.0, "pixel_ratio": 0.01}, (800.0, PIXEL_RATIOS[0])),
        ({"width": 800.0, "pixel_ratio": 50.0}, (800.0, PIXEL_RATIOS[1])),
        ({"width": 3000.0, "pixel_ratio": 4.0}, (3000.0, MAX_IMAGE_WIDTH / 3000.0)),
    ],
)
def test_page_sizes_are_validated_and_clamped(report, drawn):
    page = gv.explorers.base.Picture()
    for key, value in report.items():
        setattr(page, key, value)
    size = page_size(page)
    if drawn is None:
        assert size is None
    else:
        assert (size.width, size.pixel_ratio) == pytest.approx(drawn)


@pytest.mark.parametrize(
    "report",
    [
        {"width": float("nan")},
        {"width": 1e9},
        {"width": 30000.0},
        {"pixel_ratio": -1.0},
        {"pixel_ratio": 50.0},
        {"room": float("nan"), "chrome": 1e12},
        {"room": -5.0, "chrome": float("-inf")},
    ],
)
def test_a_hostile_page_report_never_breaks_the_explorer(report):
    """Whatever the page (or a crafted message) reports, the kernel draws a picture it can
    hold, no error escapes from the widget callback and the explorer keeps working."""
    e = gv.present(gv.race_explorer())
    e.picture.width = 800
    for key, value in report.items():
        setattr(e.picture, key, value)
    assert e.error is None
    w, h = png_size(e.view.value)
    assert 0 < w <= MAX_IMAGE_WIDTH and 0 < h <= MAX_IMAGE_WIDTH
    e.controls["k"].value = 10
    assert e.error is None


def test_room_and_chrome_are_kept_within_the_screen():
    page = gv.explorers.base.Picture(width=900.0, room=1e9, chrome=-4.0)
    size = page_size(page)
    assert size.room == MAX_ROOM and size.chrome == 0.0
