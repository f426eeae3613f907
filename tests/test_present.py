"""The presenter view (``make present``): one small notebook per explorer in ``present/``,
a gallery of them as the first page, and the locked-down server that serves them.

The server itself is tried in a browser by tests/browser/test_present.py,
test_servers.py and test_present_kernels.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from PIL import Image
from traitlets.config.loader import PyFileConfigLoader

import gradviz as gv
from gradviz import gallery, present_server

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
    title, blank, question, blank2, *explanation = nb.cells[0].source.splitlines()
    assert title.startswith("# ") and blank == blank2 == "" and len(explanation) == 2
    # The question the gallery shows under the title, in italics on its own line.
    assert re.fullmatch(r"\*[^*].*[?？]\*", question), question
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


@pytest.mark.parametrize("folder", ["", "zh"])
def test_the_gallery_has_a_card_and_a_thumbnail_for_every_page(folder):
    pages = PAGES if folder == "" else CHINESE_PAGES
    cards = gallery.cards(ROOT / "present" / folder)
    assert [c.page for c in cards] == [p.name for p in pages]
    for card, page in zip(cards, pages, strict=True):
        assert card.title == nbformat.read(page, as_version=4).cells[0].source[2:].split("\n")[0]
        assert card.question.endswith(("?", "？")) and "*" not in card.question
        with Image.open(page.parent / card.thumbnail) as image:
            assert image.width == gallery.THUMBNAIL_WIDTH
            assert 0.2 < image.height / image.width < 0.6, "a thumbnail of a whole explorer"
    if folder == "zh":  # the Chinese cards say it in Chinese
        english = gallery.cards(ROOT / "present")
        assert all(e.question != c.question for e, c in zip(english, cards, strict=True))


def test_a_page_without_a_question_is_named_in_the_error(tmp_path):
    page = tmp_path / "01_x.ipynb"
    cells = [nbformat.v4.new_markdown_cell("# A title\n\nNo question here.")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), page)
    with pytest.raises(ValueError, match=r"01_x\.ipynb.*question"):
        gallery.card(page)
    with gv.i18n.language("zh_CN"), pytest.raises(ValueError, match="问题"):
        gallery.card(page)


def test_each_page_names_the_explorer_its_thumbnail_shows():
    for page in PAGES:
        assert f"gv.{gallery.explorer_factory(page)}()" in "".join(calls(page))


def present_config():
    return PyFileConfigLoader("present_config.py", path=str(ROOT / "jupyter")).load_config()


def test_the_presenter_server_is_locked_down():
    c = present_config()
    server = c.ServerApp
    assert server.ip == "127.0.0.1" and server.allow_remote_access is False
    assert "token" not in c.IdentityProvider, "the token is generated at each start"
    assert server.terminals_enabled is False
    assert server.authorizer_class == "gradviz.present_server.PresenterAuthorizer"
    enabled = {name for name, on in server.jpserver_extensions.items() if on}
    assert enabled == {"voila.server_extension", "gradviz.present_server"}
    assert server.jpserver_extensions["jupyterlab"] is False
    kernels = c.MappingKernelManager
    assert "execute_request" not in kernels.allowed_message_types
    # A closed page's kernel goes within a minute; an open page keeps its kernel.
    assert kernels.cull_idle_timeout + kernels.cull_interval < 60
    assert kernels.cull_connected is False
    assert server.tornado_settings["mathjax_url"] is None  # no CDN


def test_make_present_runs_the_server_the_browser_tests_run():
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    try:
        from servers import PRESENT_COMMAND
    finally:
        sys.path.pop(0)
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\npresent: setup\n", 1)[1].split("\n\n", 1)[0]
    assert "jupyter server --config=jupyter/present_config.py" in recipe
    assert "JUPYTER_PATH=$(CURDIR)/jupyter/share" in recipe
    assert PRESENT_COMMAND[2:4] == ["jupyter", "server"]
    assert PRESENT_COMMAND[4].endswith("jupyter/present_config.py")


@pytest.mark.parametrize(
    ("host", "foreign"),
    [
        ("127.0.0.1", False),
        ("127.1.2.3", False),
        ("localhost", False),
        ("[::1]", False),
        ("attacker.example", True),
        ("localhost.attacker.example", True),
        ("127.0.0.1.attacker.example", True),
        ("192.168.1.5", True),
        ("", True),
    ],
)
def test_the_host_allow_list(host, foreign):
    pattern = re.compile(present_server.foreign_host_pattern(["localhost"]))
    assert bool(pattern.match(host)) is foreign


def test_the_banner_prints_the_links_with_the_token():
    text = present_server.banner("http://127.0.0.1:8899/", "abc123")
    assert "http://127.0.0.1:8899/gallery?token=abc123" in text.splitlines()[2]
    assert "http://127.0.0.1:8899/gallery/zh?token=abc123" in text


def test_the_presenter_authorizer_only_reads_and_talks_to_kernels():
    allow = present_server.PresenterAuthorizer().is_authorized
    assert allow(None, None, "read", "contents")
    assert allow(None, None, "execute", "kernels")
    for action, resource in [("write", "contents"), ("write", "kernels"), ("execute", "terminals")]:
        assert not allow(None, None, action, resource)


def test_start_up_banners_do_not_promise_a_port():
    """The server may serve on another port (the next free one): only the link the server
    prints itself names the port. ``make lab-zh`` beside ``make lab`` announced 8888 and
    served on 8889."""
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab", "present"):
        recipe = makefile.split(f"\n{target}: setup\n", 1)[1].split("\n\n", 1)[0]
        echoes = [line for line in recipe.splitlines() if "@echo" in line]
        assert echoes, target
        assert not any(re.search(r"127\.0\.0\.1:(\d|\$)", line) for line in echoes), echoes
