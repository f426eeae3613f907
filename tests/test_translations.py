"""The Chinese edition: one source (the English), catalogues that are complete and current.

* every English notebook and presenter page has a Chinese one, and the Chinese one is
  exactly what ``notebooks/translate.py build`` makes of the English one and its catalogue
  (so an English fix cannot be lost in Chinese: the test fails until the catalogue is updated);
* every message gradviz can show has a Chinese translation, with the same placeholders, in a
  compiled catalogue that matches its ``.po``;
* the glossary's terms are used.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import gradviz as gv
from gradviz import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "notebooks"))
import translate  # noqa: E402  (notebooks/translate.py, the builder)

LOCALE = ROOT / "gradviz" / "locale" / "zh_CN"
PO = LOCALE / "LC_MESSAGES" / "gradviz.po"
MO = LOCALE / "LC_MESSAGES" / "gradviz.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifeEgGr%]")


def _catalogue():
    with PO.open("rb") as f:
        return read_po(f, locale="zh_CN")


def _extracted() -> set[tuple[str | tuple[str, ...], str | None]]:
    """Every message gradviz marks for translation, as Babel extracts it."""
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "gradviz"), keywords=keywords
    ):
        found.add((message, context))
    return found


ENGLISH = translate.english_notebooks()


def test_every_english_notebook_and_page_is_covered():
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    pages = sorted((ROOT / "present").glob("[0-9][0-9]_*.ipynb"))
    assert ENGLISH == sorted(notebooks + pages) and len(notebooks) >= 8
    for english in ENGLISH:
        assert translate.chinese_path(english).exists(), f"no Chinese {english.name}"
        assert translate.catalogue_path(english).exists(), f"no catalogue for {english.name}"
    chinese = sorted((ROOT / "notebooks" / "zh").glob("*.ipynb"))
    assert [p.name for p in chinese] == [p.name for p in notebooks], "a Chinese notebook too many"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_chinese_notebook_is_the_build_of_the_english_one(english):
    """Untranslated units, code that differs beyond its strings, or a stale build all fail."""
    problems = translate.drift(english)
    assert not problems, "\n".join(problems[:20]) + (
        "\nRun: python notebooks/translate.py update, translate, then build (README)."
    )


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebook_catalogue_is_current(english):
    """The catalogue holds exactly the English notebook's units: nothing stale, none fuzzy."""
    catalogue = translate.read_catalogue(translate.catalogue_path(english))
    have = {(m.context, m.id) for m in catalogue if m.id}
    want = {(m.context, m.id) for m in translate.template(english) if m.id}
    assert have == want, (
        f"{len(want - have)} English units are missing and {len(have - want)} are stale: "
        "run python notebooks/translate.py update"
    )
    fuzzy = [m.id[:60] for m in catalogue if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy (English changed, Chinese not checked yet): {fuzzy}"
    for m in catalogue:
        if m.id and m.context == "code":
            assert m.string.lstrip().startswith("#") == m.id.startswith("#"), m.id


def test_every_gradviz_message_has_a_chinese_translation():
    catalogue = _catalogue()
    missing, fuzzy = [], []
    for message, context in _extracted():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key, context=context)
        strings = entry.string if entry is not None else None
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not all(strings):
            missing.append(key)
        elif entry.fuzzy:
            fuzzy.append(key)
    assert not missing, f"{len(missing)} messages lack Chinese (make translations): {missing[:10]}"
    assert not fuzzy, f"{len(fuzzy)} Chinese messages are fuzzy (check them): {fuzzy[:10]}"


def test_translations_keep_every_placeholder():
    """A {placeholder} lost or renamed in Chinese would raise or print the wrong value."""
    for entry in _catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        want = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == want, (entry.id, string)


def test_the_compiled_catalogue_matches_the_po_file():
    """gradviz loads the .mo: it must be the compilation of the .po translators edit."""
    buffer = io.BytesIO()
    write_mo(buffer, _catalogue())
    assert MO.read_bytes() == buffer.getvalue(), "stale .mo: run make translations"


def test_switching_prints_nothing_in_a_notebook():
    """The last line of a setup cell: a return value would show as Out[1]: 'en'."""
    assert gv.set_language("en") is None
    for path in sorted((ROOT / "notebooks" / "zh").glob("[0-9]*.ipynb")):
        cell = next(c for c in translate.nbformat.read(path, 4).cells if "set_language" in c.source)
        assert cell.get("outputs", []) == [], f"{path.name}: the setup cell shows an output"


def test_chinese_is_spoken_when_asked_and_english_comes_back():
    with i18n.language("zh_CN"):
        assert gv.get_language() == "zh_CN"
        assert i18n._("learning rate") == "学习率"
    assert gv.get_language() == "en" and i18n._("learning rate") == "learning rate"


@pytest.mark.parametrize("spelling", ["zh_CN", "zh-CN", "zh", "ZH_cn", "zh_Hans"])
def test_language_spellings(spelling):
    assert i18n.normalize(spelling) == "zh_CN"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="zh_CN"):
        gv.set_language("fr")
    with pytest.raises(TypeError):
        gv.set_language(None)
    assert gv.get_language() == "en"


def test_the_environment_variable_sets_the_language(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "zh_CN")
    try:
        i18n._from_environment()
        assert gv.get_language() == "zh_CN"
    finally:
        gv.set_language("en")
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")
    with pytest.warns(UserWarning, match="GRADVIZ_LANG"):
        i18n._from_environment()
    assert gv.get_language() == "en"


def _glossary() -> list[dict[str, str]]:
    with (LOCALE / "glossary.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


# Glossary terms checked in every catalogue: the mathematical core, where a second word for
# the same idea would confuse a student. (Interface labels are checked by the explorer tests.)
CORE_TERMS = [
    "partial derivative",
    "learning rate",
    "loss function",
    "saddle point",
    "central difference",
    "cross-entropy error",
    "hyperparameter",
    "numerical differentiation",
]


def test_the_glossary_terms_are_used_everywhere():
    terms = {row["english"]: row["chinese"] for row in _glossary()}
    assert set(CORE_TERMS) <= set(terms)
    catalogues = [PO, *sorted(LOCALE.glob("*/*.po"))]
    wrong = []
    for path in catalogues:
        with path.open("rb") as f:
            for entry in read_po(f, locale="zh_CN"):
                if not entry.id or not entry.string or entry.context == "code":
                    continue
                english = entry.id if isinstance(entry.id, str) else entry.id[0]
                chinese = entry.string if isinstance(entry.string, str) else entry.string[0]
                for term in CORE_TERMS:
                    said = re.search(rf"\b{re.escape(term)}s?\b", english, re.I)
                    if said and terms[term] not in chinese:
                        wrong.append(f"{path.name}: {term!r} is {terms[term]!r}: {chinese[:60]!r}")
    assert not wrong, "\n".join(wrong[:20])


def test_an_english_change_reaches_the_translator(tmp_path, monkeypatch):
    """The cycle of the README: a changed English paragraph turns fuzzy, shows the English its
    Chinese was written for, fails the check until fixed, and the files stay stable."""
    nbformat = translate.nbformat
    english = tmp_path / "notebooks"
    english.mkdir()
    monkeypatch.setattr(translate, "SOURCES", {english: (english / "zh", tmp_path / "po")})
    path = english / "00_demo.ipynb"
    cells = [
        nbformat.v4.new_markdown_cell("# 00 · Demo\n\nThe gradient points uphill.\nAlways."),
        nbformat.v4.new_code_cell('import gradviz as gv\n\nprint("hello world")  # greet'),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    chinese = {
        "# 00 · Demo": "# 00 · 演示",
        "The gradient points uphill.\nAlways.": "梯度指向上坡。\n总是如此。",
        '"hello world"': '"你好，世界"',
        "# greet": "# 打招呼",
    }
    catalogue = translate.update(path)
    for message in catalogue:
        if message.id:
            message.string = chinese[message.id]
    translate.write_catalogue(catalogue, translate.catalogue_path(path))
    assert translate.build(path) == [] and translate.drift(path) == []
    built = nbformat.read(translate.chinese_path(path), 4)
    assert built.cells[1].source == (
        f'import gradviz as gv\n{translate.SET_LANGUAGE}\n\nprint("你好，世界")  # 打招呼'
    )

    changed = nbformat.read(path, 4)
    changed.cells[0].source = changed.cells[0].source.replace("uphill.", "uphill, steepest.")
    nbformat.write(changed, path)
    catalogue = translate.update(path)
    fuzzy = [m for m in catalogue if m.id and m.fuzzy]
    assert [m.string for m in fuzzy] == ["梯度指向上坡。\n总是如此。"]
    assert translate.PREVIOUS in fuzzy[0].user_comments
    assert "The gradient points uphill." in fuzzy[0].user_comments
    assert any("untranslated" in p for p in translate.drift(path))
    once = translate.catalogue_path(path).read_bytes()
    translate.update(path)
    assert translate.catalogue_path(path).read_bytes() == once, "update is not idempotent"

    fuzzy[0].string = "梯度指向最陡的上坡方向。\n总是如此。"
    fuzzy[0].flags.discard("fuzzy")
    translate.write_catalogue(catalogue, translate.catalogue_path(path))
    translate.update(path)  # drops the note about the old English
    fixed = translate.read_catalogue(translate.catalogue_path(path))
    assert not any(translate.PREVIOUS in m.user_comments for m in fixed)
    assert translate.build(path) == [] and translate.drift(path) == []
