"""The public API: what the CLI uses and what a notebook user may call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InvalidInput, Problem
from .i18n import t
from .loading.files import (
    check_instrument,
    check_response,
    load_instrument,
    load_response,
    load_result,
)
from .model import Instrument, Response
from .scoring.engine import Scored, score_response
from .scoring.explain import Explanation, explain
from .scoring.plan import instrument_digest
from .scoring.result import result_document

__all__ = [
    "Explanation",
    "Scored",
    "check_instrument",
    "check_response",
    "explain",
    "instrument_digest",
    "load_instrument",
    "load_response",
    "load_result",
    "result_document",
    "score",
]


def score(instrument: Instrument, response: Response, *, name: str = "<response>") -> Scored:
    """Score `response` against `instrument` (FORMAT.md section 3).

    Raises InvalidInput when an answer does not fit the instrument or the response is for
    another instrument; `load_response(path, instrument)` reports the same with line numbers.
    """
    ref = response.instrument
    if (ref.id, ref.version) != (instrument.id, instrument.version):
        message = t(
            "response.instrument_mismatch",
            id=ref.id,
            version=ref.version,
            expected_id=instrument.id,
            expected_version=instrument.version,
        )
        raise InvalidInput([Problem(name, None, None, message)])
    scored, issues = score_response(instrument, response)
    errors = [Problem(name, None, None, issue.message) for issue in issues]
    if errors:
        raise InvalidInput(errors)
    return scored


def score_file(
    response_path: str | Path, instrument_path: str | Path, lang: str | None = None
) -> dict[str, Any]:
    """Load, validate and score a response file; return the result document."""
    instrument = load_instrument(instrument_path)
    response = load_response(response_path, instrument)
    return result_document(score(instrument, response, name=str(response_path)), lang)
