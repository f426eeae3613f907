"""Text tables line up by display width, so Chinese rows do not drift."""

import gradviz as gv
from gradviz.tables import display_width, pad, text_table


def test_display_width_counts_wide_characters_twice():
    assert display_width("Adam") == 4
    assert display_width("牛顿法") == 6
    assert display_width("常数 0.4") == 8


def test_pad_fills_to_the_display_width():
    assert pad("牛顿法", 8) == "牛顿法  "
    assert pad("SGD", 8, ">") == "     SGD"
    assert pad("too long", 3) == "too long"


def test_a_mixed_table_lines_up_in_columns():
    table = text_table([["method", "f"], ["牛顿法", "0"], ["Momentum", "0.005"]])
    lines = table.splitlines()
    assert len({display_width(line) for line in lines}) == 1  # right-aligned last column
    assert lines[1].startswith("牛顿法    ")


def test_race_endpoints_in_chinese_line_up():
    s = gv.SURFACES["two minima"]
    with gv.language("zh_CN"):
        table = gv.tables.race_endpoints(gv.race(s, s.start, 0.1, steps=50))
    lines = table.splitlines()
    assert any(line.startswith("牛顿法") for line in lines)
    assert len({display_width(line) for line in lines}) == 1
