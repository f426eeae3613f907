"""The explorers also run under ``%matplotlib widget`` (ipympl): the live canvas is the view.

Run in a fresh interpreter, because the backend is chosen once per process.
"""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import matplotlib
    matplotlib.use("module://ipympl.backend_nbagg")
    import base64
    import gradviz as gv
    assert gv.widgets.ipympl_active()
    for make in [gv.derivative_explorer, gv.descent_explorer, gv.slice_explorer,
                 gv.gradient_explorer, gv.direction_explorer]:
        e = make()
        assert type(e.view).__name__ == "Canvas", type(e.view)
        for control in e.controls.values():
            if hasattr(control, "max") and not isinstance(control.value, str):
                control.value = control.max
                control.value = control.min
        assert e.error is None and e.warnings == [], (e.error, e.warnings)
        png = base64.b64decode(e._repr_mimebundle_()["image/png"])
        assert png[:4] == b"\\x89PNG"
    print("ok")
    """
)


def test_explorers_under_ipympl():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"
