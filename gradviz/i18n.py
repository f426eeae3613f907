"""The language gradviz speaks: English (the default) or Simplified Chinese.

A notebook switches in its first cell::

    gv.set_language("zh_CN")   # 中文：提示、滑块、菜单和图表
    gv.set_language("en")      # back to English

A school's JupyterHub can set the language for every kernel with the environment
variable ``GRADVIZ_LANG=zh_CN`` (read when gradviz is imported).

Every message a student can see goes through ``_()`` (or ``N_()`` where it is written
down before it is shown, like a surface's name): English is the message itself, other
languages are looked up in the gettext catalogue
``gradviz/locale/<language>/LC_MESSAGES/gradviz.mo``. Translators edit the ``.po``
file beside it; ``make translations`` extracts new messages and compiles it with Babel
(README: "Updating a translation"). Explorers built before a switch keep their language.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "ENV_VAR",
    "LANGUAGES",
    "N_",
    "_",
    "get_language",
    "language",
    "ngettext",
    "on_language_change",
    "set_language",
    "space_after",
]

#: The languages gradviz speaks, by code, with their own names.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

#: The environment variable read at import (e.g. set by a JupyterHub for every kernel).
ENV_VAR = "GRADVIZ_LANG"

DOMAIN = "gradviz"
LOCALE_DIR = Path(__file__).parent / "locale"

# Spellings people type for the two languages, lower-cased, "-" read as "_".
_ALIASES = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "english": "en",
    "c": "en",
    "posix": "en",
    "zh": "zh_CN",
    "zh_cn": "zh_CN",
    "zh_hans": "zh_CN",
    "zh_hans_cn": "zh_CN",
    "chinese": "zh_CN",
}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
#: Called with the new language after every ``set_language`` (the classroom style picks
#: its fonts this way: ``gradviz.style`` registers itself, so this module imports nothing
#: of gradviz's).
_listeners: list[Callable[[str], object]] = []


def on_language_change(listener: Callable[[str], object]) -> None:
    """Call ``listener(language)`` after every change of language, and now if gradviz
    already speaks something other than English."""
    _listeners.append(listener)
    if _language != "en":
        listener(_language)


def _(message: str) -> str:
    """The message in the current language (the English message if it has no translation)."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a message for translation without translating it yet: ``_()`` does, where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` by the count ``n``, in the current language."""
    return _translations.ngettext(singular, plural, n)


def space_after(text: str) -> str:
    """The space between two sentences: one after English text, none after Chinese 。！？）."""
    return "" if text.endswith(("。", "！", "？", "）", "：")) else " "


def normalize(lang: str) -> str:
    """The code gradviz uses for a language name: ``"zh-CN"``, ``"zh"`` -> ``"zh_CN"``."""
    if not isinstance(lang, str):
        raise TypeError(
            _("set_language needs a language code such as 'zh_CN' or 'en', got {lang!r}.").format(
                lang=lang
            )
        )
    code = _ALIASES.get(lang.strip().lower().replace("-", "_").split(".")[0])
    if code is None:
        choices = ", ".join(f"{k!r} ({v})" for k, v in LANGUAGES.items())
        raise ValueError(
            _("gradviz does not speak {lang!r}. Choose one of: {choices}.").format(
                lang=lang, choices=choices
            )
        )
    return code


def get_language() -> str:
    """The code of the language gradviz speaks now: ``"en"`` or ``"zh_CN"``."""
    return _language


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on (``"zh_CN"`` or ``"en"``).

    Also picks fonts for figures: Chinese text needs a CJK font, which the classroom
    style finds on the machine (``gv.style.cjk_font``), warning once if there is none.
    """
    global _translations, _language
    code = normalize(lang)
    if code == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[code])
    _language = code
    for listener in _listeners:
        listener(code)


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside a ``with`` block only."""
    previous = get_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(previous)


def _from_environment() -> None:
    """Speak the language of ``GRADVIZ_LANG`` if it is set (called once, at import)."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return
    try:
        set_language(value)
    except ValueError:
        warnings.warn(
            _(
                "{variable}={value!r} is not a language gradviz speaks; using English. "
                "Use one of: {choices}."
            ).format(variable=ENV_VAR, value=value, choices=", ".join(LANGUAGES)),
            stacklevel=2,
        )
