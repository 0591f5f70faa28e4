"""Helpers of the session tests: the `fill-survey` fixture and sessions over it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from capacity_eval.loading.files import load_instrument
from capacity_eval.model import Instrument, Response
from capacity_eval.session import FillSession

SURVEY_PATH = Path(__file__).parents[1] / "fixtures" / "fill-survey.yaml"


@cache
def survey() -> Instrument:
    """`tests/fixtures/fill-survey.yaml`: every question type, show_if, evidence, n/a."""
    return load_instrument(SURVEY_PATH)


def response(answers: dict[str, Any] | None = None, status: str = "draft") -> Response:
    inst = survey()
    return Response.model_validate(
        {
            "schema": "capacity-eval/response@1",
            "instrument": {"id": inst.id, "version": inst.version},
            "entity": {"id": "xa-test", "name": "Test ministry", "country": "XAA"},
            "period": "2026",
            "language": "en",
            "status": status,
            "answers": answers or {},
        }
    )


def session(
    answers: dict[str, Any] | None = None, *, review: bool = False, status: str = "draft"
) -> FillSession:
    """A session over a response with `answers`, placed on its first question."""
    filled = FillSession(survey(), response(answers, status), review=review)
    filled.start()
    return filled


def current_id(filled: FillSession) -> str | None:
    return None if filled.current is None else filled.question(filled.current).id
