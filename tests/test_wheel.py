"""gradviz installed the ordinary way: built into an sdist and a wheel, installed into a fresh
virtual environment with its runtime requirements, and used from a folder outside the
repository, as on Colab or a JupyterHub image (docs/install.md).

An editable install reads every file from the source tree and so hides a file the wheel
lacks (issue 21: without its .mo catalogue the Chinese edition failed in its first cell).
The wheel is built from the sdist (``python -m build``), so both are checked at once.
Takes about 1-2 minutes: most of it is pip unpacking numpy and matplotlib.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gradviz"
#: Files gradviz reads besides its modules: catalogues, glossary, what a widget loads, the
#: digits of notebook 09 (datasets/digits.csv.gz).
DATA = {".mo", ".csv", ".gz", ".js", ".mjs", ".css", ".json"}
#: Sources of the compiled catalogues: in the sdist, not needed in the wheel.
SOURCES = {".po", ".pot"}
#: One notebook in each language, run by a kernel of the fresh environment.
NOTEBOOKS = ["notebooks/01_derivatives.ipynb", "notebooks/zh/01_derivatives.ipynb"]
KERNEL = "gradviz-wheel"


def package_files() -> list[Path]:
    """Every file of the package as the repository has it (relative to ROOT)."""
    return sorted(
        p.relative_to(ROOT)
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that points Python or Jupyter at the repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER"))}
    env.pop("VIRTUAL_ENV", None)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def test_wheel_and_sdist_hold_every_file_gradviz_reads(dist):
    with zipfile.ZipFile(dist["wheel"]) as whl:
        in_wheel = set(whl.namelist())
    with tarfile.open(dist["sdist"]) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    files = package_files()
    assert any(p.suffix == ".mo" for p in files) and any(p.name == "glossary.csv" for p in files)
    assert any(p.name == "digits.csv.gz" for p in files)
    for path in files:
        name = path.as_posix()
        if path.suffix == ".py" or path.suffix in DATA:
            assert name in in_wheel, f"{name} is missing from the wheel (pyproject package-data)"
        if path.suffix in SOURCES:
            assert name not in in_wheel, f"{name}: a translator's source does not belong there"
        assert name in in_sdist, f"{name} is missing from the sdist (MANIFEST.in)"


def test_the_wheel_runs_a_notebook_in_each_language_outside_the_repository(dist, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The wheel brings its runtime requirements; ipykernel makes the environment a kernel.
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-compile", dist["wheel"], "ipykernel"],
        check=True,
        timeout=600,
        env=clean_env(),
    )
    subprocess.run(
        [python, "-m", "ipykernel", "install", "--prefix", venv, "--name", KERNEL],
        check=True,
        capture_output=True,
        timeout=120,
        env=clean_env(),
    )
    classroom = tmp_path / "classroom"  # outside the repository, like a student's home
    classroom.mkdir()
    where = subprocess.run(
        [python, "-c", "import gradviz as gv; print(gv.__file__)"],
        cwd=classroom,
        check=True,
        capture_output=True,
        text=True,
        env=clean_env(),
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), f"gradviz imported from {where}, not the wheel"
    for number, source in enumerate(NOTEBOOKS):
        target = classroom / f"{number}_{Path(source).name}"
        target.write_bytes((ROOT / source).read_bytes())
        subprocess.run(
            [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--inplace",
             f"--ExecutePreprocessor.kernel_name={KERNEL}",
             "--ExecutePreprocessor.timeout=180", target.name],
            cwd=classroom,
            check=True,
            capture_output=True,
            timeout=600,
            env=clean_env(JUPYTER_PATH=str(venv / "share" / "jupyter")),
        )  # fmt: skip
        nb = nbformat.read(target, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert outputs and not [o for o in outputs if o.output_type == "error"]
        if "/zh/" in source:  # the checkers' verdicts come from the installed catalogue
            shown = str(outputs)
            assert "再想想" in shown or "答对了" in shown, "no Chinese verdict: is the .mo there?"
