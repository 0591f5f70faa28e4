"""Options and steps shared by several commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..model import Instrument, Response

LANG_HELP = "Language of messages and texts: en, es, pt or fr."


def lang_option() -> str | None:
    return typer.Option(None, "--lang", "-l", help=LANG_HELP, metavar="L")  # type: ignore[no-any-return]


def use_language(lang: str | None) -> str:
    """Set the message language from `--lang`, else CAPACITY_EVAL_LANG, else English."""
    from ..errors import UsageError
    from ..i18n import LANGUAGES, set_language, t

    chosen = lang or os.environ.get("CAPACITY_EVAL_LANG") or "en"
    if chosen not in LANGUAGES:
        raise UsageError(t("cli.unknown_language", language=chosen, languages=", ".join(LANGUAGES)))
    set_language(chosen)
    return chosen


def resolve_instrument(response_path: Path, instrument_path: Path | None) -> Path:
    """The instrument file for a response: `-i`, else found by the id and version it names."""
    from ..errors import InvalidInput, Problem
    from ..i18n import t
    from ..loading.files import peek_instrument_ref
    from ..loading.source import read_document
    from ..search_path import find_instrument

    if instrument_path is not None:
        return instrument_path
    doc = read_document(response_path)
    if not doc.ok:
        raise InvalidInput(doc.problems)
    ref = peek_instrument_ref(doc)
    if ref is None:
        line, col = doc.where(("instrument",))
        raise InvalidInput([Problem(str(response_path), line, col, t("cli.no_instrument_ref"))])
    found = find_instrument(*ref)
    if found is None:
        line, col = doc.where(("instrument",))
        raise InvalidInput(
            [
                Problem(
                    str(response_path),
                    line,
                    col,
                    t("cli.instrument_not_found", id=ref[0], version=ref[1]),
                )
            ]
        )
    return found


def load_pair(response_path: Path, instrument_path: Path | None) -> tuple[Instrument, Response]:
    """Load and validate an instrument and a response; print warnings on stderr."""
    from ..loading.files import check_instrument, check_response
    from .output import print_problems

    instrument = check_instrument(resolve_instrument(response_path, instrument_path)).unwrap()
    checked = check_response(response_path, instrument)
    response = checked.unwrap()
    print_problems(checked.warnings)
    return instrument, response


def adopt_language(lang: str | None, response: Response) -> None:
    """Without `--lang` or CAPACITY_EVAL_LANG, speak the language the response is written in."""
    from ..i18n import LANGUAGES, set_language

    if lang is None and not os.environ.get("CAPACITY_EVAL_LANG") and response.language in LANGUAGES:
        set_language(response.language)


def text_language(lang: str | None, instrument: Instrument, response: Response | None) -> str:
    """The language to show instrument texts in: `--lang`, the response's, the default."""
    for candidate in (lang, response.language if response else None):
        if candidate and candidate in instrument.languages:
            return candidate
    return instrument.default_language
