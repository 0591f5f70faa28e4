"""The documented resource limits (docs/limits.md): each one refuses with its message,
and the work that grows faster than a file stays bounded below them."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from capacity_eval import limits
from capacity_eval.model import Instrument
from capacity_eval.scoring.plan import compile_plan

from .support import MINI, MINI_RESPONSE, command, mini_instrument, mini_response, run_bounded


@pytest.mark.parametrize(
    ("setting", "limit"),
    [
        ("", 5 * 1024 * 1024),
        ("1000", 1000),
        ("2K", 2048),
        ("1M", 1024 * 1024),
        ("3 MiB", 3 * 1024 * 1024),
        ("lots", 5 * 1024 * 1024),
        ("0", 5 * 1024 * 1024),
    ],
)
def test_file_size_limit_setting(monkeypatch: pytest.MonkeyPatch, setting: str, limit: int) -> None:
    monkeypatch.setenv("CAPACITY_EVAL_MAX_FILE_SIZE", setting)
    assert limits.max_file_bytes() == limit


def test_file_size_limit_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPACITY_EVAL_MAX_FILE_SIZE", "3K")  # the instrument fits, not the response
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RESPONSE.read_text() + "#" * 3072)
    code, _, err = command("validate", path, "-i", MINI)
    assert code == 1
    assert err.splitlines() == [
        f"{path}: file is {path.stat().st_size} bytes, over the limit of 3072 bytes; split it or "
        "raise CAPACITY_EVAL_MAX_FILE_SIZE"
    ]


def chain(count: int) -> dict[str, Any]:
    """An instrument of `count` questions, each shown only when the previous is answered."""
    data = mini_instrument()
    data["rules"] = []
    questions: list[dict[str, Any]] = [
        {"id": f"Q{i}", "type": "choice", "text": {"en": "Q", "es": "P"}, "options": "ypn"}
        for i in range(count)
    ]
    for i in range(1, count):
        questions[i]["show_if"] = {"answered": f"Q{i - 1}"}
    data["domains"] = [
        {
            "id": "d",
            "title": {"en": "D", "es": "D"},
            "sections": [{"id": "s", "title": {"en": "S", "es": "S"}, "questions": questions}],
        }
    ]
    return data


def test_questions_per_instrument(tmp_path: Path) -> None:
    path = tmp_path / "i.json"
    path.write_text(json.dumps(chain(limits.QUESTIONS_PER_INSTRUMENT + 1)))
    run = run_bounded(["validate", path], seconds=20)
    assert run.code == 1
    column = path.read_text().index('"domains"') + 1
    assert run.err_lines == [
        f"{path}:1:{column}: the instrument has 2001 questions, over the limit of 2000; split it "
        "into several instruments"
    ]


def test_an_instrument_at_the_question_limit_is_checked_quickly(tmp_path: Path) -> None:
    path = tmp_path / "i.json"
    path.write_text(json.dumps(chain(limits.QUESTIONS_PER_INSTRUMENT)))
    run = run_bounded(["validate", path], seconds=20)
    assert (run.code, run.err) == (0, "")
    assert run.seconds < 10, run.seconds


def test_evaluation_order_is_not_quadratic() -> None:
    """Ordering 20,000 questions chained by show_if (a file the limit refuses, but the
    library takes models too) is near-linear: the quadratic order took over 20 s."""
    instrument = Instrument.model_validate(chain(20_000))
    started = time.monotonic()
    plan = compile_plan(instrument)
    assert time.monotonic() - started < 5
    assert plan.order[:3] == [0, 1, 2] and plan.order[-1] == 19_999


def test_unreachable_question_search_has_a_budget(tmp_path: Path) -> None:
    """300 questions whose show_if can never hold, each over 19,881 answer combinations:
    the search stops at its budget instead of trying six million combinations."""
    data = mini_instrument()
    options = [{"value": f"o{i}", "label": {"en": "O", "es": "O"}, "score": 1} for i in range(140)]
    data["option_sets"]["big"] = options
    impossible = {
        "all": [
            {"answer": "A", "is": "o1"},
            {"answer": "B", "is": "o2"},
            {"answer": "A", "is_not": "o1"},
        ]
    }
    questions = [
        {"id": q, "type": "choice", "text": {"en": "Q", "es": "P"}, "options": "big"}
        for q in ("A", "B")
    ]
    questions += [
        {
            "id": f"Q{i}",
            "type": "choice",
            "text": {"en": "Q", "es": "P"},
            "options": "big",
            "show_if": impossible,
        }
        for i in range(300)
    ]
    data["domains"][0]["sections"][0]["questions"] += questions
    path = tmp_path / "i.json"
    path.write_text(json.dumps(data))
    run = run_bounded(["validate", path], seconds=30)
    assert run.code == 0
    assert run.seconds < 8, run.seconds
    warnings = [line for line in run.err_lines if "can never be shown" in line]
    assert 1 <= len(warnings) <= 11  # the first ten are proven; the rest assumed reachable


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("answer", "13:3: `value` is longer than 100000 characters; shorten it"),
        ("note", "9:18: `note` is longer than 100000 characters; shorten it"),
        ("evidence", "9:46: `evidence` is longer than 100000 characters; shorten it"),
        ("entity", "3:22: `name` is longer than 500 characters; shorten it"),
    ],
)
def test_text_length_limits(tmp_path: Path, place: str, message: str) -> None:
    text = MINI_RESPONSE.read_text()
    long = "x" * (limits.TEXT_CHARS + 1)
    text = {
        "answer": text.replace("NOTE: yes", f"NOTE: {long}"),
        "note": text.replace('note: "Un poco"', f'note: "{long}"'),
        "evidence": text.replace('evidence: ["Ley 1/2020"]', f'evidence: ["{long}"]'),
        "entity": text.replace('name: "Ministerio de Prueba"', f'name: "{"x" * 501}"'),
    }[place]
    path = tmp_path / "r.yaml"
    path.write_text(text)
    code, _, err = command("validate", path, "-i", MINI)
    assert code == 1
    assert err.splitlines() == [f"{path}:{message}"]


def test_a_text_at_the_limit_is_accepted(tmp_path: Path) -> None:
    response = mini_response()
    response["answers"]["NOTE"] = "x" * limits.TEXT_CHARS
    path = tmp_path / "r.json"
    path.write_text(json.dumps(response))
    code, out, err = command("score", path, "-i", MINI, "--json")
    assert (code, err) == (0, "")
    assert len(json.loads(out)["nodes"]["NOTE"]["answer"]) == limits.TEXT_CHARS
