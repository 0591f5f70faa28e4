"""The pydantic models of instruments, responses and results, used directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from capacity_eval.loading.files import load_instrument
from capacity_eval.model import (
    AllCondition,
    Answer,
    AnswerCondition,
    ChoiceQuestion,
    Instrument,
    NotCondition,
    Response,
    Result,
    Rule,
    ScoreCondition,
    text_in,
)
from capacity_eval.scoring.plan import plan_for

FIXTURES = Path(__file__).parents[1] / "fixtures"


def errors(model: type[Any], data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(e["loc"], e["msg"]) for e in caught.value.errors()]


def test_text_in_falls_back() -> None:
    text = {"en": "Law", "es": "Ley"}
    assert text_in(text, "es") == "Ley"
    assert text_in(text, "fr") == "Law"  # the fallback, English
    assert text_in({"es": "Ley", "pt": "Lei"}, "fr", fallback="pt") == "Lei"
    assert text_in({"es": "Ley"}, "fr") == "Ley"  # any language it has
    assert text_in("Plain", "es") == "Plain"
    assert text_in(None, "en") == ""


def test_conditions_are_recognised_by_their_key() -> None:
    rule = Rule.model_validate(
        {
            "id": "r",
            "flag": {"severity": "minor", "message": "m"},
            "when": {"all": [{"answer": "Q1", "is": 3}, {"not": {"score": "d", "lt": 40}}]},
        }
    )
    assert isinstance(rule.when, AllCondition)
    first, second = rule.when.all
    assert isinstance(first, AnswerCondition)
    assert (first.operator, first.operand) == ("is", "3")  # a number compared as option text
    assert isinstance(second, NotCondition) and isinstance(second.not_, ScoreCondition)
    assert second.not_.comparison() == ("lt", 40.0)


def test_condition_errors() -> None:
    assert errors(
        Rule,
        {
            "id": "r",
            "when": {"answer": "Q1", "is": "a", "in": ["b"]},
            "flag": {"severity": "minor", "message": "m"},
        },
    ) == [
        (
            ("when", "answer"),
            "a `answer` condition needs exactly one operator of: "
            "is, is_not, in, not_in, gt, gte, lt, lte, includes",
        )
    ]
    assert errors(
        Rule, {"id": "r", "when": {"question": "Q1"}, "flag": {"severity": "minor", "message": "m"}}
    ) == [
        (
            ("when",),
            "a condition needs one of the keys answer, answered, na, score, level, all, any, not",
        )
    ]


def test_a_rule_needs_an_effect() -> None:
    assert errors(Rule, {"id": "r", "when": {"answered": "Q1"}}) == [
        ((), "a rule needs at least one of cap, flag, recommend")
    ]


def test_option_scores_are_bounded_and_finite() -> None:
    question = {"id": "Q", "type": "choice", "text": "Q"}
    assert errors(
        ChoiceQuestion, {**question, "options": [{"value": "a", "label": "A", "score": 101}]}
    )[0][0] == ("options", "list[Option]", 0, "score")
    assert ChoiceQuestion.model_validate({**question, "options": "set-name"}).options == "set-name"


def test_answers_short_and_long_form() -> None:
    assert Answer.model_validate("yes") == Answer(value="yes")
    assert Answer.model_validate(["a", "b"]).value == ["a", "b"]
    long = Answer.model_validate({"value": 3, "note": "n", "evidence": "Decree 12"})
    assert long.evidence == ["Decree 12"]
    assert not long.is_plain and Answer(value=3).is_plain


def test_response_document_uses_the_short_form() -> None:
    response = Response.model_validate(
        {
            "instrument": {"id": "types", "version": "1.0.0"},
            "entity": {"id": "e", "name": "E", "country": "XAA"},
            "period": "2026",
            "language": "en",
            "answers": {"A": "yes", "B": {"value": 4, "note": "four"}, "C": {"value": "n/a"}},
        }
    )
    doc = response.to_document()
    assert doc["schema"] == "capacity-eval/response@1"
    assert doc["status"] == "draft"
    assert doc["answers"] == {"A": "yes", "B": {"value": 4, "note": "four"}, "C": "n/a"}
    assert Response.model_validate(doc) == response


def test_instrument_helpers() -> None:
    inst = load_instrument(FIXTURES / "scoring" / "types.yaml")
    assert [q.id for q in inst.questions()][:4] == ["LEG-01", "CODE", "MU", "SL"]
    legal = inst.questions()[0]
    assert isinstance(legal, ChoiceQuestion)
    assert [o.value for o in inst.options_of(legal)] == ["yes", "partial", "no"]
    assert (inst.default_language, inst.major_version) == ("en", "1")


def test_models_are_frozen() -> None:
    inst = load_instrument(FIXTURES / "scoring" / "types.yaml")
    with pytest.raises(ValidationError):
        inst.id = "other"  # type: ignore[misc]


def test_instruments_compare_by_content_even_once_compiled() -> None:
    a = load_instrument(FIXTURES / "scoring" / "types.yaml")  # compiled while checked
    b = load_instrument(FIXTURES / "scoring" / "types.yaml")
    plan_for(a), plan_for(b)
    assert a == b
    assert a != load_instrument(FIXTURES / "scoring" / "rules.yaml")
    assert Instrument.model_validate(a.model_dump(by_alias=True)) == a  # one not compiled


def test_result_node_lookup() -> None:
    node = {"kind": "domain", "score": 50.0}
    result = Result.model_validate(
        {
            "instrument": {"id": "x", "version": "1.0.0", "digest": "sha256:0"},
            "entity": {"id": "e", "name": "E", "country": "XAA"},
            "period": "2026",
            "language": "en",
            "overall": {"kind": "overall", "score": 40.0},
            "nodes": {"d": node},
        }
    )
    assert result.node("overall").score == 40.0
    assert result.node("d").score == 50.0
    assert result.node("d").caps == [] and result.node("d").insufficient is False
