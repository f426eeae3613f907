"""The presenter view (``make present``): one small notebook per explorer in ``present/``."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import gradviz as gv

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "present").glob("[0-9][0-9]_*.ipynb"))
CHINESE_PAGES = sorted((ROOT / "present" / "zh").glob("[0-9][0-9]_*.ipynb"))
# The Chinese pages (built by notebooks/translate.py) add one line after the style.
SET_LANGUAGE = 'gv.set_language("zh_CN")'

FACTORIES = sorted(
    name for name in dir(gv) if name.endswith("_explorer") and callable(getattr(gv, name))
)


def calls(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_every_explorer_has_a_presenter_page():
    assert len(FACTORIES) >= 9
    shown = {name for page in PAGES for name in FACTORIES if f"gv.{name}(" in "".join(calls(page))}
    assert shown == set(FACTORIES), f"no page in present/ for {set(FACTORIES) - shown}"
    assert len(PAGES) == len(FACTORIES), "one page per explorer"


@pytest.mark.parametrize(
    "path", PAGES + CHINESE_PAGES, ids=[f"{p.parent.name}-{p.stem}" for p in PAGES + CHINESE_PAGES]
)
def test_a_page_is_a_title_two_lines_and_one_explorer(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
    title, blank, *explanation = nb.cells[0].source.splitlines()
    assert title.startswith("# ") and blank == "" and len(explanation) == 2
    code = nb.cells[1]
    # Voila shows every output of every cell: the explorer must be the only one.
    assert code.outputs == [] and code.execution_count is None
    lines = [line for line in code.source.splitlines() if line]
    if path.parent.name == "zh":
        assert lines.pop(3).startswith(SET_LANGUAGE)
    # The classroom style, then the explorer in presenter layout (fits one 1024x768 screen).
    assert lines[:3] == [
        "import matplotlib.pyplot as plt",
        "import gradviz as gv",
        "plt.style.use(gv.CLASSROOM)",
    ]
    assert len(lines) == 4, lines
    assert lines[3].startswith("gv.present(gv.") and lines[3].endswith("_explorer())")
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_the_offline_template_drops_every_cdn_link():
    template = ROOT / "jupyter/share/voila/templates/gradviz"
    assert (template / "conf.json").exists()
    assert "cdn" not in (template / "page.html").read_text().split("-#}", 1)[1]
