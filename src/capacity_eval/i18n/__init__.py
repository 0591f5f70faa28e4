"""Message catalogues: every fixed string a user reads, in English, Spanish, Portuguese and French.

Each language has a folder (`en/`, `es/`, ...) of flat JSON files, one per part of the
tool (`core.json`, `fill.json`, `report.json`, ...), mapping a key to a `str.format`
template; the files of a folder are merged. The current language is a context variable
set once by the CLI (`--lang`); library callers may pass `lang=` explicitly.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "es", "pt", "fr")
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("capacity_eval_language", default=DEFAULT_LANGUAGE)


def set_language(lang: str) -> None:
    """Make `lang` the language of messages produced from now on in this context."""
    _current.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def get_language() -> str:
    return _current.get()


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The message catalogue of one language (keys missing there fall back to English)."""
    folder = resources.files(__package__).joinpath(lang)
    merged: dict[str, str] = {}
    if not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message `key` in `lang` (default: the current language), formatted with `params`."""
    language = lang or _current.get()
    template = catalogue(language).get(key) if language in LANGUAGES else None
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return template.format(**params)
