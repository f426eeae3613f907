"""The student edition: the notebooks of both languages without their answers.

    python notebooks/student.py build/student/notebooks
    python notebooks/student.py --zip build/student build/student.zip

writes ``NN_*.ipynb`` and ``zh/NN_*.ipynb`` there: every cell tagged ``solution`` or
``teacher`` is left out (notebooks/exercises.py), everything else is kept as it is, stored
outputs included: exercises with their checkers, hints, explorers, going-deeper parts. A
line under each title says that this is the student edition. ``make student`` adds the decks
and handouts of these notebooks; ``--zip`` packs the folder (without a ``.git`` in it,
where a teacher publishes the edition for nbgitpuller: docs/student.md).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import nbformat
from exercises import hidden
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parents[1]
#: The line under each title, by language (the folder of the notebook).
BANNER = {
    "en": (
        "*Student edition: the solutions and the teacher's notes are left out. Each exercise's"
        " check (`gv.check`) tells you whether your answer is right, with a hint if not.*"
    ),
    "zh": (
        "*学生版：不含参考答案和教师备注。"
        "每道练习的自动检查（`gv.check`）会告诉你答案是否正确，不对时给出提示。*"
    ),
}
#: Slide types that start a slide: passed on to the next cell when their cell is left out.
STARTS = ("slide", "subslide")


def _slide_type(cell: NotebookNode) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def student_notebook(nb: NotebookNode, language: str) -> NotebookNode:
    """A copy of ``nb`` without its hidden cells, with the student-edition line under the title."""
    out = nbformat.from_dict(nb)
    kept: list[NotebookNode] = []
    carried = None  # a slide start whose cell was left out
    for cell in out.cells:
        if hidden(cell):
            if _slide_type(cell) in STARTS:
                carried = _slide_type(cell)
            continue
        if carried and _slide_type(cell) not in STARTS:
            cell.metadata.setdefault("slideshow", {})["slide_type"] = carried
        carried = None
        kept.append(cell)
    banner = nbformat.v4.new_markdown_cell(BANNER[language])
    banner.metadata["slideshow"] = {"slide_type": "-"}
    out.cells = [*kept[:1], banner, *kept[1:]]
    return out


def sources() -> list[tuple[Path, str]]:
    """The notebooks of the series with their language: English, then Chinese."""
    folder = ROOT / "notebooks"
    return [(p, "en") for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))] + [
        (p, "zh") for p in sorted((folder / "zh").glob("[0-9][0-9]_*.ipynb"))
    ]


def build(out: Path) -> list[Path]:
    """Write the student edition of every notebook under ``out`` (Chinese in ``out/zh``)."""
    written = []
    for path, language in sources():
        target = out / ("zh" if language == "zh" else "") / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nb = nbformat.read(path, as_version=4)
        nbformat.write(student_notebook(nb, language), target)
        written.append(target)
    return written


def pack(folder: Path, target: Path) -> int:
    """Zip ``folder`` (its name as the top folder, any ``.git`` left out); the files packed."""
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(folder.parent))
    return len(files)


def main(argv: list[str]) -> int:
    if len(argv) == 1:
        for path in build(Path(argv[0])):
            print(path)
        return 0
    if len(argv) == 3 and argv[0] == "--zip":
        print(f"{argv[2]}: {pack(Path(argv[1]), Path(argv[2]))} files")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
