"""Translation catalogue: every user-facing string is looked up here; Indonesian is the default."""

from __future__ import annotations

import json
import os
from contextvars import ContextVar
from functools import cache
from importlib import resources

DEFAULT_LOCALE = "id"
LOCALES = ("id", "en")
# A context variable, so that each web request (and each thread) has its own locale.
_current: ContextVar[str | None] = ContextVar("kenali_locale", default=None)


@cache
def catalogue(locale: str) -> dict[str, str]:
    """Load the message catalogue of one locale."""
    folder = resources.files("kenali").joinpath("locales")
    data: dict[str, str] = {}
    # One catalogue per feature area (`<area>.<locale>.json`) plus the core `<locale>.json`.
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(f".{locale}.json"))
    for name in [f"{locale}.json", *names]:
        data.update(json.loads(folder.joinpath(name).read_text("utf-8")))
    return data


def set_locale(locale: str | None) -> None:
    """Choose the locale for this process (None: from KENALI_LANG, else Indonesian)."""
    _current.set(locale if locale in LOCALES else None)


def current_locale() -> str:
    """The locale in force."""
    chosen = _current.get()
    if chosen:
        return chosen
    env = os.environ.get("KENALI_LANG", "").split("_")[0].lower()
    return env if env in LOCALES else DEFAULT_LOCALE


def t(key: str, locale: str | None = None, **values: object) -> str:
    """Translate a message key and fill its placeholders."""
    loc = locale or current_locale()
    text = catalogue(loc).get(key) or catalogue(DEFAULT_LOCALE).get(key) or key
    return text.format(**values) if values else text
