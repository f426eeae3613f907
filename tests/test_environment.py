"""requirements.txt (pip) and environment.yml (conda, Binder) describe one student environment;
requirements-test.txt adds the test tools on top of it, and only those."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-]+)")


def names(lines):
    found = set()
    for line in lines:
        line = line.split("#")[0].strip()
        if (
            not line
            or line.startswith(("-e", "-r", "- -e", "pip:", "- pip:"))
            or line.endswith(":")
        ):
            continue
        match = NAME.match(line)
        if match:
            found.add(match.group(1).lower().replace("_", "-"))
    return found


def requirements(name="requirements.txt"):
    return names((ROOT / name).read_text().splitlines())


#: conda packages that are not Python packages (pip has no counterpart).
CONDA_ONLY = {"font-ttf-noto-cjk"}


def conda():
    text = (ROOT / "environment.yml").read_text()
    deps = text.split("dependencies:", 1)[1].splitlines()
    return names(deps) - {"python", "pip"} - CONDA_ONLY


def test_conda_brings_the_chinese_font():
    text = (ROOT / "environment.yml").read_text()
    assert "- font-ttf-noto-cjk" in text, "the Chinese edition's figures need a CJK font"


def test_both_files_name_the_same_packages():
    assert requirements() == conda()
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "notebook", "voila"} <= (
        requirements()
    )


def test_the_student_install_holds_no_test_tools():
    tools = {"pytest", "pytest-timeout", "hypothesis", "nbval", "ruff", "playwright"}
    assert not tools & requirements()
    assert tools <= requirements("requirements-test.txt")


def test_the_test_install_builds_on_the_student_install():
    lines = (ROOT / "requirements-test.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines
    assert not requirements() & requirements("requirements-test.txt")


def test_conda_env_installs_the_local_package():
    assert "- -e ." in (ROOT / "environment.yml").read_text()
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()


def test_the_chinese_interface_and_the_hub_build_on_the_student_install():
    """make lab-zh adds JupyterLab's Chinese interface; the class hub adds JupyterHub to
    that; the test install includes the hub (tests/test_hub.py)."""
    zh = (ROOT / "requirements-zh.txt").read_text().splitlines()
    hub = (ROOT / "requirements-hub.txt").read_text().splitlines()
    assert "-r requirements.txt" in zh and "-r requirements-zh.txt" in hub
    assert "-r requirements-hub.txt" in (ROOT / "requirements-test.txt").read_text().splitlines()
    assert requirements("requirements-zh.txt") == {"jupyterlab-language-pack-zh-cn"}
    assert {"jupyterhub", "jupyterhub-idle-culler"} <= requirements("requirements-hub.txt")


def test_every_requirement_has_a_version_range():
    for name in (
        "requirements.txt",
        "requirements-test.txt",
        "requirements-zh.txt",
        "requirements-hub.txt",
    ):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith(("-e", "-r")):
                assert re.search(r"(==|~=)", line), (
                    f"{name}: {line!r} needs a compatible-release range (~=) or an exact pin (==)"
                )


def test_the_teacher_install_builds_on_the_student_install():
    lines = (ROOT / "requirements-teacher.txt").read_text().splitlines()
    assert "-r requirements.txt" in lines and "nbgrader" in requirements("requirements-teacher.txt")
    assert (
        "-r requirements-teacher.txt" in (ROOT / "requirements-test.txt").read_text().splitlines()
    )
