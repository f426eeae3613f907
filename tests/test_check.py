"""Exercise checkers: right answers pass, wrong answers get a useful hint."""

import gradviz as gv


def central(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_close():
    assert gv.check.close("slope", 0.2, 0.2)
    assert "wrong sign" in gv.check.close("slope", -0.2, 0.2).message
    assert "empty" in gv.check.close("slope", ..., 0.2).message
    assert "one finite number" in gv.check.close("slope", [1, 2], 0.2).message
    assert not gv.check.close("slope", 0.3, 0.2)


def test_difference_function_recognises_common_mistakes():
    assert gv.check.difference_function(central)
    forward = gv.check.difference_function(lambda f, x, h: (f(x + h) - f(x)) / h)
    assert not forward and "forward" in forward.message
    half = gv.check.difference_function(lambda f, x, h: (f(x + h) - f(x - h)) / h)
    assert not half and "factor of 2" in half.message
    assert "define" in gv.check.difference_function(None).message
    boom = gv.check.difference_function(lambda f, x, h: 1 / 0)
    assert "ZeroDivisionError" in boom.message


def test_accurate_step():
    assert gv.check.accurate_step(1e-5)
    assert "too small" in gv.check.accurate_step(1e-14).message
    assert "too large" in gv.check.accurate_step(1e-1).message
    assert not gv.check.accurate_step(-1)


def test_results_render_as_text_and_html():
    ok = gv.check.close("x", 1.0, 1.0)
    assert repr(ok).startswith("✓ Correct!") and "✓" in ok._repr_html_()
    bad = gv.check.close("x", 2.0, 1.0)
    assert repr(bad).startswith("✗ Not yet") and "<div" in bad._repr_html_()
