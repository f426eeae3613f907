"""Shared test settings: a non-interactive matplotlib backend, hypothesis profiles, and a
clean language and style for every test."""

import os

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

from gradviz import i18n

matplotlib.use("Agg")

settings.register_profile("default", deadline=None, max_examples=60)
settings.register_profile(
    "ci", deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _english_and_default_fonts_again():
    """Every test starts in English with matplotlib's settings as they were: running a
    Chinese notebook's cells (tests/test_teaching.py) calls gv.set_language("zh_CN"),
    which must not leak into the tests that run after it."""
    with matplotlib.rc_context():
        yield
    if i18n.get_language() != "en":
        i18n.set_language("en")
