"""The fixed phrases of the notebooks' teaching conventions, in each language.

The tests of the conventions (tests/test_notebooks.py, tests/test_teaching.py) look for
these; a translator keeps them exactly (README: "Updating a translation").
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MARKERS = {
    "en": {
        "heads": {
            "solution": (
                "<details><summary><b>Solution</b> (open it after you have tried)</summary>"
            ),
            "teacher": "<details><summary><b>Teacher's note</b></summary>",
            "going-deeper": "<details><summary><b>Going deeper:</b>",
        },
        "summary": "## Summary",
        "objectives": "**Learning objectives** (about",
        "guiding": "**Guiding questions**",
        "predict": ("Predict, then check", "Decide, then drag"),
    },
    "zh": {
        "heads": {
            "solution": "<details><summary><b>参考答案</b>（请先自己尝试，再打开）</summary>",
            "teacher": "<details><summary><b>教师备注</b></summary>",
            "going-deeper": "<details><summary><b>深入一步：</b>",
        },
        "summary": "## 小结",
        "objectives": "**学习目标**（约",
        "guiding": "**引导问题**",
        "predict": ("先预测，再验证", "想好了再拖动"),
    },
}


def language_of(path: Path) -> str:
    """ "zh" for notebooks/zh/..., "en" for the English notebooks."""
    return "zh" if path.parent.name == "zh" else "en"


def notebooks(pattern: str = "[0-9][0-9]_*.ipynb") -> list[Path]:
    """The English notebooks, then their Chinese editions."""
    folder = ROOT / "notebooks"
    return sorted(folder.glob(pattern)) + sorted((folder / "zh").glob(pattern))


def notebook_id(path: Path) -> str:
    return f"{language_of(path)}-{path.stem}"
