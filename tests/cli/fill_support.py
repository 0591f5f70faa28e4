"""Helpers of the `fill` tests: the fixture instrument, scripted runs, file checks."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from capacity_eval.api import result_document, score
from capacity_eval.loading.files import check_response, load_instrument
from capacity_eval.model import Response

FIXTURES = Path(__file__).parents[1] / "fixtures"
SURVEY = FIXTURES / "fill-survey.yaml"
HEADER = (
    "--entity-id",
    "xa-min",
    "--entity-name",
    "Ministerio de Prueba",
    "--country",
    "XAA",
    "--period",
    "2026",
)

# A complete answer set for fill-survey, one line per question in order, and the
# overall score it gives: law mean(50, 200/3, 80), ops mean(60, 75, 100).
COMPLETE = ["partial", "2", "1,3", "500", "80", "all good"]
COMPLETE_OVERALL = ((50 + 200 / 3 + 80) / 3 + (60 + 75 + 100) / 3) / 2


def scripted(
    cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    args: Sequence[Any],
    lines: Sequence[str],
) -> Any:
    """Run `capacity-eval fill ARGS` in-process with `lines` as its (non-terminal) input."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    return cli("fill", *args)


def saved(path: Path) -> Response:
    """The response at `path`, which must validate against fill-survey without errors."""
    checked = check_response(path, load_instrument(SURVEY))
    assert checked.errors == [], checked.errors
    return checked.unwrap()


def answers_of(path: Path) -> dict[str, Any]:
    return {qid: a.value for qid, a in saved(path).answers.items()}


def overall_score(path: Path) -> float | None:
    inst = load_instrument(SURVEY)
    document = result_document(score(inst, saved(path)), "en")
    value = document["overall"]["score"]
    return None if value is None else float(value)
