"""Every sentence gradviz can show a student goes through gettext (``_``, ``N_``, ``ngettext``).

The scan reads gradviz's source and flags string literals that look like prose (two or
more words) but are not the argument of a translation call: an English message that a
Chinese class would see in English. Strings that are code, not text, are recognised by
where they stand (docstrings, dictionary keys, ``key=``/``loc=``/... arguments,
subscripts) or carry the comment ``# i18n: code`` on their line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gradviz"
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "locale" not in p.parts)

TRANSLATING = {"_", "N_", "ngettext"}
# Keyword arguments whose values are code (matplotlib, ipywidgets, our own keys).
CODE_KWARGS = {
    "key",
    "loc",
    "ha",
    "va",
    "horizontalalignment",
    "verticalalignment",
    "color",
    "colors",
    "c",
    "fc",
    "ec",
    "facecolor",
    "edgecolor",
    "ls",
    "linestyle",
    "marker",
    "cmap",
    "gid",
    "layout",
    "width",
    "height",
    "display",
    "justify_content",
    "align_items",
    "flex_flow",
    "overflow",
    "margin",
    "padding",
    "border",
    "readout_format",
    "arrowstyle",
    "connectionstyle",
    "boxstyle",
    "surface",
    "schedule",
    "method",
    "function",
    "mode",
    "action",
    "category",
    "grid_template_columns",
    "grid_template_areas",
    "fmt",
}
PROSE = re.compile(r"[A-Za-z]{2,}[^A-Za-z{}\s]*\s+[^A-Za-z{}]*[A-Za-z]{2,}")


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_docstring(node: ast.AST, parent: ast.AST | None, grand: ast.AST | None) -> bool:
    if not isinstance(parent, ast.Expr) or grand is None:
        return False
    body = getattr(grand, "body", None)
    return isinstance(body, list) and bool(body) and body[0] is parent


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_code(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True when the string stands where code, not text, stands."""
    parent = parents.get(node)
    if isinstance(parent, ast.JoinedStr):  # judged as part of the whole f-string
        return True
    if isinstance(parent, ast.Call) and _call_name(parent) in TRANSLATING:
        return True
    if isinstance(parent, ast.keyword) and parent.arg in CODE_KWARGS:
        return True
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return True
    if isinstance(parent, ast.Dict) and node in parent.keys:
        return True
    if isinstance(parent, ast.Compare):  # if name == "some key": ...
        return True
    if isinstance(parent, ast.Call) and _call_name(parent) in {"startswith", "endswith"}:
        return True
    return False


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value for v in node.values if isinstance(v, ast.Constant))


def untranslated(path: Path) -> list[str]:
    """``file:line: text`` for every prose string of ``path`` outside a translation call."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        is_str = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if not (is_str or isinstance(node, ast.JoinedStr)):
            continue
        parent = parents.get(node)
        if _is_docstring(node, parent, parents.get(parent)) or _is_code(node, parents):
            continue
        text = _text(node)
        if not PROSE.search(text):
            continue
        span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
        if any("# i18n: code" in line for line in span):
            continue
        rel = path.relative_to(PACKAGE.parent)
        found.append(f"{rel}:{node.lineno}: {text[:70]!r}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_goes_through_gettext(path):
    found = untranslated(path)
    assert not found, (
        "Strings a student can see must go through _() / N_() / ngettext() from "
        "gradviz.i18n (or carry '# i18n: code' if they are code):\n" + "\n".join(found)
    )
