"""Properties of the engine over random small instruments and responses (Hypothesis)."""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from capacity_eval.api import score
from capacity_eval.loading.files import check_instrument_document
from capacity_eval.loading.source import parse_text
from capacity_eval.model import Instrument, Response, Result
from capacity_eval.scoring.conditions import HIDDEN
from capacity_eval.scoring.engine import Scored
from capacity_eval.scoring.result import result_document

from .strategies import answers_for, instrument_data, questions_of
from .support import response_for

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

Case = tuple[dict[str, Any], dict[str, Any]]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    data = draw(instrument_data())
    return data, draw(answers_for(data))


def run(data: dict[str, Any], answers: dict[str, Any]) -> Scored:
    instrument = Instrument.model_validate(copy.deepcopy(data))
    return score(instrument, response_for(instrument, answers))


def in_range(value: float | None) -> bool:
    return value is None or 0.0 <= value <= 100.0


@PROPERTY
@given(cases())
def test_every_score_is_within_0_and_100(case: Case) -> None:
    result = run(*case)
    assert all(in_range(s) for s in result.question_scores)
    assert all(in_range(s) for s in result.raw.values())
    assert all(in_range(s) for s in result.final.values())
    for coverage in result.coverage.values():
        assert coverage.ratio is None or 0.0 <= coverage.ratio <= 1.0
    doc = result_document(result)
    for node in [doc["overall"], *doc["nodes"].values()]:
        assert in_range(node["score"]) and in_range(node["raw_score"])
        level_ids = {lv["id"] for lv in case[0]["levels"]}
        assert node["level"] is None or node["level"] in level_ids


@PROPERTY
@given(cases())
def test_a_cap_never_raises_a_score(case: Case) -> None:
    result = run(*case)
    for node, raw in result.raw.items():
        final = result.final[node]
        assert (raw is None) == (final is None), node
        if raw is not None and final is not None:
            assert final <= raw + 1e-9, node


@st.composite
def many_rules(draw: st.DrawFn) -> Case:
    data = draw(instrument_data(max_rules=8))
    return data, draw(answers_for(data))


@PROPERTY
@given(many_rules(), st.randoms(use_true_random=False))
def test_the_order_of_rules_never_matters(case: Case, rnd: Any) -> None:
    data, answers = case
    assume(len(data["rules"]) >= 2)
    shuffled = copy.deepcopy(data)
    rnd.shuffle(shuffled["rules"])
    first, second = run(data, answers), run(shuffled, answers)
    assert first.final == second.final
    assert first.raw == second.raw
    assert {r.id for r in first.fired} == {r.id for r in second.fired}
    assert {n: sorted(c) for n, c in first.caps.items()} == {
        n: sorted(c) for n, c in second.caps.items()
    }
    assert {r.id for r, _ in first.flags()} == {r.id for r, _ in second.flags()}

    def recs(result: Scored) -> Counter[tuple[str, str]]:
        return Counter((r.source, r.priority.value) for r in result.recommendations)

    assert recs(first) == recs(second)


@st.composite
def raised_option(draw: st.DrawFn) -> tuple[Case, str, str, float]:
    """A case, an answered question with scored options, one of its chosen options, a raise."""
    data, answers = draw(cases())
    candidates = [
        q
        for q in questions_of(data)
        if q["type"] in ("choice", "multi", "scale")
        and "score" in q["options"][0]
        and q["id"] in answers
        and answers[q["id"]] != "n/a"
    ]
    assume(candidates)
    q = draw(st.sampled_from(candidates))
    chosen = answers[q["id"]]
    value = draw(st.sampled_from(chosen)) if isinstance(chosen, list) else chosen
    return (data, answers), q["id"], value, float(draw(st.integers(1, 100)))


def _raise(data: dict[str, Any], qid: str, value: str, delta: float) -> dict[str, Any]:
    raised = copy.deepcopy(data)
    for q in questions_of(raised):
        if q["id"] == qid:
            for option in q["options"]:
                if option["value"] == value:
                    option["score"] = min(100.0, option["score"] + delta)
    return raised


@PROPERTY
@given(raised_option())
def test_raising_an_option_score_never_lowers_a_parent(drawn: tuple[Case, str, str, float]) -> None:
    (data, answers), qid, value, delta = drawn
    data = {**data, "rules": []}  # rules read scores; without them final == raw
    before, after = run(data, answers), run(_raise(data, qid, value, delta), answers)
    plan = before.plan
    q = plan.questions[plan.index[qid]]
    section = plan.sections[q.section]
    domain = plan.domains[q.domain]
    for node in (qid, section.id, domain.id, "overall"):
        old, new = before.final[node], after.final[node]
        assert (old is None) == (new is None), node
        if old is not None and new is not None:
            assert new >= old - 1e-9, node


@PROPERTY
@given(cases())
def test_result_survives_a_json_round_trip(case: Case) -> None:
    doc = result_document(run(*case))
    back = Result.model_validate(json.loads(json.dumps(doc)))
    assert back == Result.model_validate(doc)
    assert back.model_dump(mode="json", by_alias=True, exclude_unset=True) == doc


@settings(PROPERTY, max_examples=60)
@given(cases())
def test_stored_answers_of_hidden_questions_are_ignored(case: Case) -> None:
    data, answers = case
    first = run(data, answers)
    hidden = {q.id for q in first.plan.questions if first.state.status[q.index] == HIDDEN}
    assume(hidden & set(answers))
    second = run(data, {k: v for k, v in answers.items() if k not in hidden})
    assert second.final == first.final
    assert second.coverage == first.coverage
    assert [r.id for r in second.fired] == [r.id for r in first.fired]
    assert second.recommendations == first.recommendations


@PROPERTY
@given(cases())
def test_response_document_round_trip(case: Case) -> None:
    data, answers = case
    instrument = Instrument.model_validate(copy.deepcopy(data))
    response = response_for(instrument, answers)
    assert Response.model_validate(response.to_document()) == response


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instrument_data())
def test_strategies_produce_instruments_the_checker_accepts(data: dict[str, Any]) -> None:
    """The random instruments pass the full checks, not only the schema."""
    checked = check_instrument_document(parse_text(json.dumps(data), "random.json"))
    assert [str(p) for p in checked.errors] == []
    assert checked.value is not None
    assert len(checked.value.questions()) == len(questions_of(data))
