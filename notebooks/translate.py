"""Build the Chinese notebooks from the English ones and a translation catalogue each.

One source: the English notebook. A translator edits only the catalogue
``gradviz/locale/zh_CN/notebooks/<notebook>.po`` (or ``.../present/<page>.po``), a
gettext PO file that any PO editor (Poedit, Weblate, a text editor) opens. It holds:

* each paragraph of each markdown cell (a heading, a paragraph, a list, a table, a
  ``<details>`` summary line), context ``markdown``;
* each figure's alternative text (the cell's ``alt`` metadata), context ``alt``;
* each comment and each prose string literal of the code cells (a title, a label, a
  printed sentence), context ``code``. A code msgstr is the whole literal with its quotes
  (``"从 (-3, 4) 出发的路径"``); a string that is a key rather than text keeps its msgstr
  equal to its msgid.

Then the Chinese notebook is the English one with every unit replaced, and one line
added after ``import gradviz as gv``'s cell's style line: ``gv.set_language("zh_CN")``.
Everything else (code, cell order, tags, slide types) is the English notebook's.

    python notebooks/translate.py update   # English changed: merge new/changed units into the .po
    python notebooks/translate.py build    # write notebooks/zh/*.ipynb and present/zh/*.ipynb
    python notebooks/translate.py check    # exit 1 if a unit is untranslated or a zh file drifted

``update`` marks a changed paragraph *fuzzy*, keeps its old translation and shows the
English it was written for in a comment above it: fix the Chinese, delete the ``#, fuzzy``
line (the comment goes at the next ``update``), ``build``, then
``make execute NOTEBOOKS=notebooks/zh/<notebook>.ipynb``.
"""

from __future__ import annotations

import argparse
import ast
import copy
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LANG = "zh_CN"
CATALOGUES = ROOT / "gradviz" / "locale" / LANG
#: English source folder -> (Chinese folder, catalogue folder).
SOURCES = {
    ROOT / "notebooks": (ROOT / "notebooks" / "zh", CATALOGUES / "notebooks"),
    ROOT / "present": (ROOT / "present" / "zh", CATALOGUES / "present"),
}
SET_LANGUAGE = 'gv.set_language("zh_CN")  # 中文界面：提示、滑块、菜单和图中文字都用中文'

# Keyword arguments whose string values are code, never text.
CODE_KWARGS = {
    "loc",
    "ha",
    "va",
    "color",
    "c",
    "ls",
    "linestyle",
    "marker",
    "cmap",
    "surface",
    "schedule",
    "method",
    "function",
    "key",
    "fmt",
    "arrowstyle",
    "boxstyle",
    "mode",
}
LETTERS = re.compile(r"[A-Za-z]{2,}")
WORD = re.compile(r"[A-Za-z]{3,}")


def _prose(body: str) -> bool:
    """Words with spaces between them, once the {placeholders} are taken out."""
    text = re.sub(r"\{[^}]*\}", " ", body).strip()
    return bool(WORD.search(text)) and bool(re.search(r"\s", text))


# --- Units: the pieces of a notebook that get translated --------------------------


def _blocks(markdown: str) -> list[str]:
    """A markdown cell cut at blank lines, never inside a fenced code block or $$ math."""
    blocks, current, fenced, math = [], [], False, False
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
        elif stripped.count("$$") % 2 == 1 and not fenced:
            math = not math
        if not stripped and not fenced and not math:
            blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    blocks.append("\n".join(current))
    return blocks


def _has_text(block: str) -> bool:
    """True when a block holds words to translate (not only tags, maths or code)."""
    if block.lstrip().startswith("```"):
        return "#" in block or '"' in block
    if re.search(r"\\text\{[^}]*[A-Za-z]{2,}", block):  # words inside the maths
        return True
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|<[^>]+>", " ", block, flags=re.S)
    return bool(LETTERS.search(text))


def _string_tokens(source: str) -> list[tuple[int, int, str, str]]:
    """(start offset, end offset, kind, text) of each comment and prose string literal."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(pos: tuple[int, int]) -> int:
        return starts[pos[0] - 1] + pos[1]

    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    found = []
    depth_fstring, fstart = 0, None
    significant = [t for t in tokens if t.type not in (tokenize.NL, tokenize.NEWLINE)]
    calls: list[str] = []  # the name before each open bracket: print( ... ) -> "print"
    for i, tok in enumerate(significant):
        kind = tokenize.tok_name[tok.type]
        if not depth_fstring and tok.type == tokenize.OP and tok.string in "([{":
            calls.append(significant[i - 1].string if i and tok.string == "(" else "")
        elif not depth_fstring and tok.type == tokenize.OP and tok.string in ")]}" and calls:
            calls.pop()
        if kind == "FSTRING_START":  # Python 3.12+: an f-string comes in pieces
            depth_fstring += 1
            if depth_fstring == 1:
                fstart = (tok.start, i)
            continue
        if kind == "FSTRING_END":
            depth_fstring -= 1
            if depth_fstring == 0:
                start, first = fstart
                where = (first, i, offset(start), offset(tok.end))
                _add_string(found, significant, *where, source, printed="print" in calls)
            continue
        if depth_fstring:
            continue
        if tok.type == tokenize.COMMENT:
            text = tok.string[1:].strip()
            if LETTERS.search(text):
                found.append((offset(tok.start), offset(tok.end), "comment", tok.string))
        elif tok.type == tokenize.STRING:
            where = (i, i, offset(tok.start), offset(tok.end))
            _add_string(found, significant, *where, source, printed="print" in calls)
    return found


def _add_string(found, tokens, first, last, start, end, source, printed=False) -> None:
    literal = source[start:end]
    body = re.sub(r"^[A-Za-z]*(\"\"\"|'''|\"|')|(\"\"\"|'''|\"|')$", "", literal)
    if not LETTERS.search(body):
        return
    before = tokens[first - 1].string if first > 0 else ""
    before2 = tokens[first - 2].string if first > 1 else ""
    after = tokens[last + 1].string if last + 1 < len(tokens) else ""
    if before == "[" and after == "]":  # a subscript: SURFACES["elongated bowl"]
        return
    if before == "=" and before2 in CODE_KWARGS:  # loc="upper right", surface="bowl"
        return
    # Where a string is shown (a title, a label, a print) any word in it is text;
    # elsewhere only words with spaces between them are.
    shown = {"set_title", "set_xlabel", "set_ylabel", "suptitle", "print", "title"}
    label = before == "=" and before2 in {"label", "title", "xlabel", "ylabel"}
    if not _prose(body) and not (before == "(" and before2 in shown) and not label and not printed:
        return
    found.append((start, end, "string", literal))


@dataclass(frozen=True)
class Unit:
    """One piece of English to translate: where it is, its context and its text."""

    cell: int
    context: str  # "markdown", "alt" or "code"
    text: str


def units(nb) -> list[Unit]:
    """Every translatable piece of a notebook, in reading order."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            found += [Unit(i, "markdown", b) for b in _blocks(cell.source) if _has_text(b)]
        elif cell.cell_type == "code":
            if "alt" in cell.metadata:
                found.append(Unit(i, "alt", cell.metadata["alt"]))
            found += [Unit(i, "code", t[3]) for t in _string_tokens(cell.source)]
    return found


# --- Catalogues ----------------------------------------------------------------------


def catalogue_path(english: Path) -> Path:
    return SOURCES[english.parent][1] / f"{english.stem}.po"


def chinese_path(english: Path) -> Path:
    return SOURCES[english.parent][0] / english.name


def english_notebooks() -> list[Path]:
    return sorted(p for folder in SOURCES for p in folder.glob("[0-9][0-9]_*.ipynb"))


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=LANG)


def write_catalogue(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def template(english: Path) -> Catalog:
    """A catalogue of the English notebook's units, without translations."""
    nb = nbformat.read(english, as_version=4)
    catalog = Catalog(
        locale=LANG,
        project=f"gradviz notebook {english.stem}",
        version="0.1.0",
        msgid_bugs_address="https://github.com/gradviz/gradviz/issues",
        last_translator="gradviz authors",
        language_team="gradviz 中文",
        fuzzy=False,
    )
    for unit in units(nb):
        if (unit.text, unit.context) in catalog:
            catalog[unit.text, unit.context].locations.append((english.name, unit.cell + 1))
        else:
            where = [(english.name, unit.cell + 1)]  # cell numbers count from 1
            catalog.add(unit.text, context=unit.context, locations=where)
    return catalog


def update(english: Path) -> Catalog:
    """The notebook's catalogue with the current English merged in (changed units: fuzzy)."""
    path = catalogue_path(english)
    fresh = template(english)
    if not path.exists():
        catalog = template(english)
        catalog.header_comment = (
            f"# Chinese text of {english.parent.name}/{english.name}. Terms: ../glossary.csv.\n"
            "# Edit the msgstr lines; a code msgstr is the whole literal, quotes included.\n"
            "# README: Updating a translation."
        )
    else:
        catalog = read_catalogue(path)
        fresh.creation_date = catalog.creation_date  # no churn in git from the date alone
    catalog.update(fresh, update_header_comment=False)
    for message in catalog:
        _show_previous_english(message)
    write_catalogue(catalog, path)
    return catalog


PREVIOUS = "The English before the change (delete this note with the fuzzy flag):"


def _show_previous_english(message) -> None:
    """Beside a fuzzy unit, the English its Chinese was written for, as a comment.

    (Babel's own ``#| msgid`` lines do not survive a multi-line msgid.)"""
    comments, note = list(message.user_comments), []
    if PREVIOUS in comments:
        at = comments.index(PREVIOUS)
        comments, note = comments[:at], comments[at:]
    if message.fuzzy and message.previous_id:
        note = [PREVIOUS, *message.previous_id[0].split("\n")]
    message.user_comments = comments + note if message.fuzzy else comments
    message.previous_id = ()


def translations(english: Path) -> dict[tuple[str, str], str]:
    """(context, English) -> Chinese for every translated, non-fuzzy unit."""
    path = catalogue_path(english)
    if not path.exists():
        return {}
    return {
        (m.context, m.id): m.string
        for m in read_catalogue(path)
        if m.id and m.string and not m.fuzzy
    }


# --- Building a Chinese notebook -----------------------------------------------------


def _translate_code(source: str, table: dict, missing: list) -> str:
    pieces, last = [], 0
    for start, end, _kind, text in _string_tokens(source):
        pieces.append(source[last:start])
        chinese = table.get(("code", text))
        if chinese is None:
            missing.append(("code", text))
            chinese = text
        pieces.append(chinese)
        last = end
    pieces.append(source[last:])
    return "".join(pieces)


def _with_language(source: str) -> str:
    """Add the set_language line after the style line (or the import) of gradviz."""
    lines = source.split("\n")
    anchors = [i for i, line in enumerate(lines) if line.startswith("plt.style.use(gv.")]
    anchors = anchors or [i for i, line in enumerate(lines) if line == "import gradviz as gv"]
    lines.insert(anchors[0] + 1, SET_LANGUAGE)
    return "\n".join(lines)


def translate(english: Path, table: dict | None = None) -> tuple[object, list]:
    """The Chinese notebook (without outputs) and the units that had no translation."""
    table = translations(english) if table is None else table
    nb = nbformat.read(english, as_version=4)
    zh = copy.deepcopy(nb)
    missing: list = []
    language_set = False
    for cell in zh.cells:
        if cell.cell_type == "markdown":
            parts = []
            for block in _blocks(cell.source):
                if _has_text(block):
                    chinese = table.get(("markdown", block))
                    if chinese is None:
                        missing.append(("markdown", block))
                    parts.append(block if chinese is None else chinese)
                else:
                    parts.append(block)
            cell.source = "\n\n".join(parts)
        elif cell.cell_type == "code":
            if "alt" in cell.metadata:
                chinese = table.get(("alt", cell.metadata["alt"]))
                if chinese is None:
                    missing.append(("alt", cell.metadata["alt"]))
                else:
                    cell.metadata["alt"] = chinese
            cell.source = _translate_code(cell.source, table, missing)
            if not language_set and "import gradviz as gv" in cell.source.split("\n"):
                cell.source = _with_language(cell.source)
                language_set = True
            cell.outputs = []
            cell.execution_count = None
    return zh, missing


def code_shape(source: str) -> str:
    """A code cell's syntax tree with every string and comment blanked: the code itself."""
    lines = [
        ("pass" if line.lstrip().startswith(("%", "!")) else line) for line in source.split("\n")
    ]
    tree = ast.parse("\n".join(lines))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
        elif isinstance(node, ast.JoinedStr):
            # Chinese may put the {placeholders} in another order.
            values = [v for v in node.values if not isinstance(v, ast.Constant)]
            node.values = sorted(values, key=ast.dump)
    return ast.dump(tree)


def build(english: Path, allow_missing: bool = False) -> list:
    """Write the Chinese notebook; keep the outputs of cells whose source is unchanged."""
    zh, missing = translate(english)
    if missing and not allow_missing:
        return missing
    target = chinese_path(english)
    if target.exists():
        old = nbformat.read(target, as_version=4)
        if len(old.cells) == len(zh.cells):
            for new, previous in zip(zh.cells, old.cells, strict=True):
                same = new.cell_type == previous.cell_type == "code"
                if same and new.source == previous.source:
                    new.outputs = previous.outputs
                    new.execution_count = previous.execution_count
        zh.metadata = old.metadata | {k: v for k, v in zh.metadata.items() if k != "language_info"}
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(zh, target)
    return missing


def drift(english: Path) -> list[str]:
    """What keeps the Chinese notebook from being the build of the English one: [] if nothing."""
    problems = []
    target = chinese_path(english)
    if not catalogue_path(english).exists():
        problems.append(f"{english.name}: no catalogue {catalogue_path(english).relative_to(ROOT)}")
    zh, missing = translate(english)
    for context, text in missing:
        problems.append(f"{english.name}: untranslated ({context}): {text[:80]!r}")
    if not target.exists():
        return [*problems, f"{english.name}: no Chinese notebook {target.relative_to(ROOT)}"]
    stored = nbformat.read(target, as_version=4)
    if len(stored.cells) != len(zh.cells):
        return [*problems, f"{target.name}: {len(stored.cells)} cells, built {len(zh.cells)}"]
    for i, (built, kept) in enumerate(zip(zh.cells, stored.cells, strict=True)):
        if built.cell_type != kept.cell_type or built.source != kept.source:
            problems.append(f"{target.name} cell {i}: differs from the build (run build)")
        elif built.metadata != kept.metadata:
            problems.append(f"{target.name} cell {i}: metadata differs from the build")
    problems += code_drift(english, stored)
    return problems


def code_drift(english: Path, zh) -> list[str]:
    """Code cells whose code (strings and comments aside) differs from the English cell's."""
    nb = nbformat.read(english, as_version=4)
    problems = []
    for i, (en_cell, zh_cell) in enumerate(zip(nb.cells, zh.cells, strict=False)):
        if en_cell.cell_type != zh_cell.cell_type:
            problems.append(
                f"{english.name} cell {i}: {zh_cell.cell_type}, not {en_cell.cell_type}"
            )
        elif en_cell.cell_type == "code":
            lines = zh_cell.source.split("\n")
            zh_code = "\n".join(line for line in lines if line != SET_LANGUAGE)
            try:
                same = code_shape(zh_code) == code_shape(en_cell.source)
            except SyntaxError as error:
                problems.append(
                    f"{english.name} cell {i}: the Chinese code does not parse: {error}"
                )
                continue
            if not same:
                problems.append(f"{english.name} cell {i}: the code differs beyond its strings")
        if en_cell.metadata.get("tags") != zh_cell.metadata.get("tags"):
            problems.append(f"{english.name} cell {i}: tags differ")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "build", "check"])
    parser.add_argument("notebooks", nargs="*", type=Path, help="English notebooks (default: all)")
    parser.add_argument(
        "--allow-missing", action="store_true", help="build with English where untranslated"
    )
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or english_notebooks()
    status = 0
    for english in paths:
        if args.command == "update":
            catalog = update(english)
            todo = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
            print(
                f"{catalogue_path(english).relative_to(ROOT)}: {len(catalog)} units, {todo} to do"
            )
        elif args.command == "build":
            missing = build(english, allow_missing=args.allow_missing)
            verb = "built with English for" if args.allow_missing else "NOT built, untranslated:"
            print(
                f"{chinese_path(english).relative_to(ROOT)}: "
                + (f"{verb} {len(missing)} units" if missing else "built")
            )
            status |= bool(missing) and not args.allow_missing
        else:
            problems = drift(english)
            for problem in problems:
                print(problem)
            status |= bool(problems)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
