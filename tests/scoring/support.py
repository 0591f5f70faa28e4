"""Helpers of the scoring tests: the small instruments of `tests/fixtures/scoring` and
responses built from plain answer mappings."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from capacity_eval.api import score
from capacity_eval.loading.files import check_instrument_document, load_instrument
from capacity_eval.loading.source import parse_text
from capacity_eval.model import Instrument, Response
from capacity_eval.scoring.engine import Scored

SCORING = Path(__file__).parents[1] / "fixtures" / "scoring"


@cache
def instrument(name: str) -> Instrument:
    """The instrument `tests/fixtures/scoring/<name>.yaml` (validated)."""
    return load_instrument(SCORING / f"{name}.yaml")


def variant(name: str, change: Callable[[dict[str, Any]], None]) -> Instrument:
    """The instrument `name` with `change` applied to its data before validation."""
    doc = parse_text((SCORING / f"{name}.yaml").read_text(encoding="utf-8"), f"{name}.yaml")
    change(doc.data)
    return check_instrument_document(doc).unwrap()


def response_for(
    inst: Instrument, answers: dict[str, Any], status: str = "draft", language: str | None = None
) -> Response:
    """A response to `inst` with `answers` (short or long form)."""
    return Response.model_validate(
        {
            "schema": "capacity-eval/response@1",
            "instrument": {"id": inst.id, "version": inst.version},
            "entity": {"id": "xa-test", "name": "Test ministry", "country": "XAA"},
            "period": "2026",
            "language": language or inst.default_language,
            "status": status,
            "answers": answers,
        }
    )


def scored(inst: Instrument | str, answers: dict[str, Any]) -> Scored:
    """Score `answers` against an instrument (or the fixture of that name)."""
    target = instrument(inst) if isinstance(inst, str) else inst
    return score(target, response_for(target, answers))
