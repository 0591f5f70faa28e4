"""How stored answers are read and typed before scoring (`engine.read_answers`)."""

from __future__ import annotations

from typing import Any

import pytest

from capacity_eval.errors import InvalidInput
from capacity_eval.model import NA
from capacity_eval.scoring.engine import read_answers
from capacity_eval.scoring.plan import plan_for

from .support import instrument, response_for, scored


def read(answers: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    inst = instrument("types")
    plan = plan_for(inst)
    values, issues = read_answers(plan, response_for(inst, answers))
    typed = {q.id: values[q.index] for q in plan.questions if values[q.index] is not None}
    return typed, [issue.message for issue in issues]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("250", 250.0),
        (" 250 ", 250.0),
        ("1_000", 1000.0),
        ("1e3", 1000.0),
        (250, 250.0),
        (2.5e3, 2500.0),
        ("+7", 7.0),
        ("0.5", 0.5),
        (".5", 0.5),
    ],
)
def test_numbers_in_the_forms_people_write(raw: Any, expected: float) -> None:
    assert read({"POP": raw}) == ({"POP": expected}, [])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("0x10", "POP: '0x10' is not a number"),
        ("1,000", "POP: '1,000' is not a number"),
        ("", "POP: '' is not a number"),
        ("-inf", "POP: NaN and infinities are not numbers here"),
        (["1"], "POP: '['1']' is not a number"),
    ],
)
def test_numbers_refused(raw: Any, message: str) -> None:
    assert read({"POP": raw}) == ({}, [message])


def test_no_value_is_no_answer() -> None:
    assert read({"POP": None, "LEG-01": {"note": "Asked the legal office."}}) == ({}, [])


def test_option_answers_written_as_numbers_are_read_as_text() -> None:
    # "010" is an option of CODE; the number 10 is not the text "010"
    assert read({"CODE": "010"}) == ({"CODE": "010"}, [])
    assert read({"CODE": 10}) == ({}, ["CODE: '10' is not one of the options (010, 12:30, NO)"])


def test_multi_answers() -> None:
    assert read({"MU": ["c", "a"]}) == ({"MU": ("c", "a")}, [])
    assert read({"MU": "a"}) == ({"MU": ("a",)}, [])  # a single value is a one-item list
    assert read({"MU": []}) == ({}, [])  # nothing chosen: no answer
    assert read({"MU": ["a", "b", "a"]}) == ({}, ["MU: a chosen more than once"])
    assert read({"MU": ["a", "none"]}) == ({}, ["MU: 'none' may only be chosen alone"])


def test_na_in_any_letter_case_only_where_allowed() -> None:
    assert read({"CASES": "N/A"}) == ({"CASES": NA}, [])
    assert read({"POP": "n/a"}) == (
        {},
        ["POP: n/a is not allowed for this question; give an answer or leave it empty"],
    )


def test_scoring_refuses_answers_that_do_not_fit() -> None:
    with pytest.raises(InvalidInput) as caught:
        scored("types", {"LEG-01": "maybe", "STAFF": 3.5})
    assert [p.message for p in caught.value.errors] == [
        "LEG-01: 'maybe' is not one of the options (yes, partial, no)",
        "STAFF: 3.5 is not a whole number",
    ]


def test_scoring_refuses_a_response_to_another_instrument() -> None:
    inst = instrument("types")
    other = response_for(instrument("rules"), {})
    from capacity_eval.api import score

    with pytest.raises(InvalidInput) as caught:
        score(inst, other, name="r.yaml")
    assert (
        str(caught.value) == "r.yaml: the response is for instrument rules 1.0.0, not types 1.0.0"
    )
