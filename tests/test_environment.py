"""requirements.txt (pip) and environment.yml (conda, Binder) describe one environment."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-]+)")


def names(lines):
    found = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith(("-e", "- -e", "pip:", "- pip:")) or line.endswith(":"):
            continue
        match = NAME.match(line)
        if match:
            found.add(match.group(1).lower().replace("_", "-"))
    return found


def requirements():
    return names((ROOT / "requirements.txt").read_text().splitlines())


def conda():
    text = (ROOT / "environment.yml").read_text()
    deps = text.split("dependencies:", 1)[1].splitlines()
    return names(deps) - {"python", "pip"}


def test_both_files_name_the_same_packages():
    assert requirements() == conda()
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "nbval"} <= requirements()


def test_conda_env_installs_the_local_package():
    assert "- -e ." in (ROOT / "environment.yml").read_text()
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()


def test_every_requirement_is_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-e"):
            assert re.search(r"(==|~=)", line), (
                f"{line!r} needs an exact (==) or compatible (~=) pin"
            )
