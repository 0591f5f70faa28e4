"""The result document (FORMAT.md section 4): its shape, rounding, language, and reading it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capacity_eval.api import score
from capacity_eval.loading.files import instrument_from_text, load_result
from capacity_eval.model import NodeResult, Result
from capacity_eval.scoring.result import result_document
from capacity_eval.scoring.rounding import round1, round_ratio, show_score

from .support import instrument, response_for, scored

OVERSIGHT_NO = {"QA1": "100", "QA2": "80", "QA3": "60", "QB1": "80", "OVERSIGHT": "no"}


def test_shape_of_the_document() -> None:
    doc = result_document(scored("rules", OVERSIGHT_NO))
    assert list(doc) == [
        "schema",
        "instrument",
        "entity",
        "period",
        "language",
        "status",
        "overall",
        "nodes",
        "flags",
        "recommendations",
    ]
    assert doc["schema"] == "capacity-eval/result@1"
    assert doc["entity"] == {"id": "xa-test", "name": "Test ministry", "country": "XAA"}
    assert (doc["period"], doc["language"], doc["status"]) == ("2026", "en", "draft")
    # numbers of test_rules.test_caps_on_section_domain_and_overall_lowest_wins
    assert doc["overall"] == {
        "kind": "overall",
        "score": 35.0,
        "raw_score": 57.5,
        "level": 2,
        "coverage": 1.0,
        "insufficient": False,
        "caps": ["r-overall-low", "r-raw-score"],
        "answered": 5,
        "applicable": 5,
    }
    # every domain, section and question, in instrument order
    assert list(doc["nodes"]) == [
        "A",
        "A1",
        "QA1",
        "QA2",
        "A2",
        "QA3",
        "B",
        "B1",
        "QB1",
        "OVERSIGHT",
    ]
    assert doc["nodes"]["A"] == {
        "kind": "domain",
        "score": 50.0,
        "raw_score": 75.0,
        "level": 3,
        "coverage": 1.0,
        "insufficient": False,
        "caps": ["r-domain"],
        "answered": 3,
        "applicable": 3,
        "weight": 1.0,
        "parent": None,
    }
    assert doc["nodes"]["A1"]["parent"] == "A"
    assert doc["nodes"]["QA2"] == {
        "kind": "question",
        "type": "choice",
        "parent": "A1",
        "weight": 1.0,
        "status": "answered",
        "answer": "80",
        "score": 80.0,
        "raw_score": 80.0,
        "level": 4,
        "coverage": 1.0,
        "insufficient": False,
        "caps": [],
    }
    Result.model_validate(doc)


def test_multi_answer_is_a_list_and_scores_are_rounded() -> None:
    doc = result_document(scored("types", {"MU": ["a", "b"], "SL": "rarely"}))
    assert doc["nodes"]["MU"]["answer"] == ["a", "b"]
    assert doc["nodes"]["SL"]["score"] == 33.3  # 33.333...
    assert doc["nodes"]["s-choice"]["coverage"] == 0.0
    # 2 of 10 applicable (CASES is hidden: GATE unanswered): 0.2
    assert doc["overall"]["coverage"] == 0.2


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (62.25, 62.3),
        (62.35, 62.4),
        (0.05, 0.1),
        (99.95, 100.0),
        (66.6666, 66.7),
        (0.04, 0.0),
        (None, None),
    ],
)
def test_one_decimal_half_up(value: float | None, shown: float | None) -> None:
    assert round1(value) == shown


def test_shown_scores_and_ratios() -> None:
    assert show_score(57.5) == "57.5"
    assert show_score(100) == "100.0"
    assert show_score(None) == "—"
    assert round_ratio(2 / 3) == 0.6667
    assert round_ratio(None) is None


BILINGUAL = """\
schema: capacity-eval/instrument@1
id: bilingual
version: 1.0.0
title: {en: Two languages, es: Dos idiomas}
languages: [en, es]
levels:
  - {id: 1, min: 0, label: {en: Low, es: Bajo}}
domains:
  - id: d
    title: {en: D, es: D}
    sections:
      - id: s
        title: {en: S, es: S}
        questions:
          - id: Q1
            type: choice
            text: {en: Q1?, es: ¿Q1?}
            recommendation: {en: Adopt a plan., es: Adoptar un plan.}
            options:
              - {value: "yes", label: {en: "Yes", es: "Sí"}, score: 100}
              - {value: "no", label: {en: "No", es: "No"}, score: 0}
rules:
  - id: r
    when: {answer: Q1, is: "no"}
    flag: {severity: critical, message: {en: No plan., es: Sin plan.}}
"""


@pytest.mark.parametrize(
    ("response_language", "asked", "expected"),
    [
        ("es", None, "es"),  # the response's language
        ("es", "en", "en"),  # asked for
        ("fr", None, "en"),  # not in the instrument: its default
        ("en", "pt", "en"),
    ],
)
def test_texts_in_the_language_asked_else_the_response_s(
    response_language: str, asked: str | None, expected: str
) -> None:
    inst = instrument_from_text(BILINGUAL)
    doc = result_document(
        score(inst, response_for(inst, {"Q1": "no"}, language=response_language)), asked
    )
    assert doc["language"] == expected
    texts = {"en": ("No plan.", "Adopt a plan."), "es": ("Sin plan.", "Adoptar un plan.")}
    assert (doc["flags"][0]["message"], doc["recommendations"][0]["text"]) == texts[expected]


def test_result_file_read_back(tmp_path: Path) -> None:
    doc = result_document(scored("rules", OVERSIGHT_NO))
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    back = load_result(path)
    assert back.overall.score == 35.0 and back.overall.raw_score == 57.5
    assert back.overall.level == 2 and back.overall.insufficient is False
    assert back.node("A").caps == ["r-domain"]
    assert [f.rule for f in back.flags] == ["r-domain", "r-raw-score", "r-level", "r-raw-level"]
    expected = Result.model_validate(doc)
    fields = set(NodeResult.model_fields)
    for node in ["overall", *doc["nodes"]]:
        assert back.node(node).model_dump(include=fields) == expected.node(node).model_dump(
            include=fields
        ), node
    assert (back.entity, back.period, back.instrument.digest) == (
        expected.entity,
        expected.period,
        expected.instrument.digest,
    )


def test_result_file_read_back_keeps_every_field(tmp_path: Path) -> None:
    doc = result_document(scored("rules", OVERSIGHT_NO))
    path = tmp_path / "result.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert load_result(path) == Result.model_validate(doc)


def test_the_response_date_travels_with_the_result() -> None:
    target = instrument("rules")
    response = response_for(target, OVERSIGHT_NO).model_copy(
        update={"updated": "2026-03-01T10:00:00Z"}
    )
    doc = result_document(score(target, response))
    assert doc["updated"] == "2026-03-01T10:00:00Z"
    assert list(doc)[5:7] == ["status", "updated"]
