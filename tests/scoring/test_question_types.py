"""Hand-computed scores of every question type (instrument `tests/fixtures/scoring/types.yaml`).

The expected numbers are worked out by hand from FORMAT.md section 1 and 3; the
arithmetic is in the comment next to each case.
"""

from __future__ import annotations

from typing import Any

import pytest

from capacity_eval.scoring.result import result_document

from .support import scored

# (answers, question, expected score)
QUESTION_CASES: list[tuple[dict[str, Any], str, float | None]] = [
    # choice: the chosen option's score
    ({"LEG-01": "partial"}, "LEG-01", 40.0),
    ({"LEG-01": "no"}, "LEG-01", 0.0),
    ({"CODE": "12:30"}, "CODE", 50.0),
    # multi: min(100, sum of the chosen options' scores)
    ({"MU": ["a", "b"]}, "MU", 75.0),  # 30 + 45
    ({"MU": ["c"]}, "MU", 50.0),  # 50
    ({"MU": ["b", "c", "a"]}, "MU", 100.0),  # 45 + 50 + 30 = 125 -> capped at 100
    ({"MU": ["none"]}, "MU", 0.0),  # the exclusive option alone
    # scale without option scores: 100 * i / (n - 1), n = 4
    ({"SL": "never"}, "SL", 0.0),  # 100 * 0 / 3
    ({"SL": "rarely"}, "SL", 100 / 3),  # 100 * 1 / 3 = 33.33...
    ({"SL": "often"}, "SL", 200 / 3),  # 100 * 2 / 3 = 66.66...
    ({"SL": "always"}, "SL", 100.0),  # 100 * 3 / 3
    # scale with option scores: the option's score, not its position (50 for "mid")
    ({"SS": "mid"}, "SS", 35.0),
    ({"SS": "high"}, "SS", 90.0),
    # number, bands [<10: 0, <100: 50, open: 100]: first band whose `below` > value
    ({"STAFF": 9}, "STAFF", 0.0),  # 9 < 10
    ({"STAFF": 10}, "STAFF", 50.0),  # 10 is not < 10; 10 < 100
    ({"STAFF": 99}, "STAFF", 50.0),  # 99 < 100
    ({"STAFF": 100}, "STAFF", 100.0),  # not < 100: the open final band
    ({"STAFF": 100000}, "STAFF", 100.0),  # open final band
    # number, bands [<5: 20, <15: 60] without an open band
    ({"BUDGET": 4.99}, "BUDGET", 20.0),  # 4.99 < 5
    ({"BUDGET": 5}, "BUDGET", 60.0),  # 5 < 15
    ({"BUDGET": 15}, "BUDGET", 60.0),  # no band matches -> the last band's score
    ({"BUDGET": 100}, "BUDGET", 60.0),  # no band matches -> the last band's score
    # computed RATE = CASES / POP * 1000, bands [<1: 100, <5: 50, open: 0]
    ({"GATE": "yes", "POP": 2000, "CASES": 3}, "RATE", 50.0),  # 3 / 2000 * 1000 = 1.5 < 5
    ({"GATE": "yes", "POP": 4000, "CASES": 2}, "RATE", 100.0),  # 0.5 < 1
    ({"GATE": "partial", "POP": 1000, "CASES": 10}, "RATE", 0.0),  # 10: open band
    ({"GATE": "yes", "POP": 2000}, "RATE", None),  # CASES missing
    ({"GATE": "yes", "POP": 2000, "CASES": "n/a"}, "RATE", None),  # CASES n/a
    ({"GATE": "no", "POP": 2000, "CASES": 3}, "RATE", None),  # CASES hidden (GATE is "no")
    ({"GATE": "yes", "POP": 0, "CASES": 3}, "RATE", None),  # 3 / 0: division by zero
    # number without bands and text: unscored
    ({"POP": 2000}, "POP", None),
    ({"TX": "A long story."}, "TX", None),
]


@pytest.mark.parametrize(("answers", "question", "expected"), QUESTION_CASES)
def test_question_score(answers: dict[str, Any], question: str, expected: float | None) -> None:
    result = scored("types", answers)
    if expected is None:
        assert result.final[question] is None
    else:
        assert result.final[question] == pytest.approx(expected, abs=1e-9)
    assert result.raw[question] == result.final[question]


def test_unscored_computed_question_reports_its_status() -> None:
    # CASES is n/a, so RATE has no value: it is "unanswered", CASES is "na"
    doc = result_document(scored("types", {"GATE": "yes", "POP": 2000, "CASES": "n/a"}))
    assert doc["nodes"]["RATE"]["status"] == "unanswered"
    assert doc["nodes"]["RATE"]["answer"] is None
    assert doc["nodes"]["CASES"]["status"] == "na"
    assert doc["nodes"]["CASES"]["answer"] == "n/a"


def test_computed_value_is_the_answer() -> None:
    # 3 / 2000 * 1000 = 1.5
    doc = result_document(scored("types", {"GATE": "yes", "POP": 2000, "CASES": 3}))
    assert doc["nodes"]["RATE"]["status"] == "answered"
    assert doc["nodes"]["RATE"]["answer"] == pytest.approx(1.5)


FULL = {
    "LEG-01": "yes",
    "CODE": "010",
    "MU": ["a", "b"],
    "SL": "often",
    "SS": "mid",
    "STAFF": 50,
    "BUDGET": 10,
    "GATE": "yes",
    "POP": 2000,
    "CASES": 3,
    "TX": "Notes.",
}


def test_sections_and_domain_of_a_full_response() -> None:
    result = scored("types", FULL)
    expected = {
        "s-choice": 100.0,  # LEG-01 100; CODE has weight 0 and is left out
        "s-multi": 75.0,  # 30 + 45
        "s-scale": (200 / 3 + 35) / 2,  # (66.667 + 35) / 2 = 50.833
        "s-number": (50 + 60) / 2,  # STAFF 50 -> 50, BUDGET 10 -> 60: 55
        "s-computed": 50.0,  # RATE 1.5 -> 50; GATE weight 0; POP, CASES unscored
        # basics: (100 + 75 + 50.833 + 55 + 50) / 5 = 66.167 (s-text has no score)
        "basics": (100 + 75 + (200 / 3 + 35) / 2 + 55 + 50) / 5,
    }
    for node, value in expected.items():
        assert result.final[node] == pytest.approx(value, abs=1e-9), node
    assert result.final["s-text"] is None
    assert result.final["overall"] == pytest.approx(expected["basics"], abs=1e-9)
    doc = result_document(result)
    assert doc["overall"]["score"] == 66.2  # 66.1666... shown to one decimal
    assert doc["nodes"]["s-scale"]["score"] == 50.8


def test_coverage_counts_every_visible_non_na_question_but_text() -> None:
    result = scored("types", FULL)
    # 11 questions count (TX is text): all answered, whatever their weight (CODE, GATE are 0)
    assert (result.coverage["overall"].answered, result.coverage["overall"].applicable) == (11, 11)
    assert result.coverage["s-text"].ratio is None
    assert not result.insufficient("s-text")


def test_coverage_and_insufficient_with_min_coverage_half() -> None:
    result = scored("types", {"LEG-01": "yes", "MU": ["a"], "TX": "Notes."})
    cov = result.coverage
    # GATE is unanswered, so CASES is hidden and not applicable; RATE (no value) is applicable.
    # applicable: LEG-01 CODE MU SL SS STAFF BUDGET GATE POP RATE = 10; answered LEG-01, MU = 2
    assert (cov["overall"].answered, cov["overall"].applicable) == (2, 10)
    assert cov["overall"].ratio == pytest.approx(0.2)
    assert result.insufficient("overall")  # 0.2 < min_coverage 0.5
    assert cov["s-choice"].ratio == pytest.approx(0.5)  # LEG-01 of LEG-01, CODE
    assert not result.insufficient("s-choice")  # 0.5 is not below 0.5
    assert (cov["s-computed"].answered, cov["s-computed"].applicable) == (0, 3)
    assert result.insufficient("s-computed")
    assert cov["s-multi"].ratio == 1.0


def test_na_input_is_not_applicable_and_computed_result_is() -> None:
    result = scored("types", {"GATE": "yes", "POP": 2000, "CASES": "n/a"})
    # s-computed: GATE, POP answered; CASES n/a (not applicable); RATE applicable, no value
    assert (result.coverage["s-computed"].answered, result.coverage["s-computed"].applicable) == (
        2,
        3,
    )
    # the only scored question with weight (RATE) has no score: the section has none
    assert result.final["s-computed"] is None


def test_levels_take_the_greatest_min_not_above_the_score() -> None:
    # levels: 1 from 0, 2 from 40, 3 from 80
    result = scored("types", {"LEG-01": "partial", "STAFF": 9, "BUDGET": 4, "SS": "high"})
    assert result.final["s-choice"] == 40.0
    assert result.level("s-choice") == 2  # exactly 40: level 2
    assert result.final["s-number"] == 10.0  # (0 + 20) / 2
    assert result.level("s-number") == 1
    assert result.level("s-scale") == 3  # 90
    assert result.level("s-text") is None  # no score, no level
    # basics: (40 + 10 + 90) / 3 = 46.667 -> level 2
    assert result.final["basics"] == pytest.approx(140 / 3)
    assert result.level("basics") == 2


def test_answers_in_long_form_score_like_short_form() -> None:
    short = scored("types", {"MU": ["a", "b"], "STAFF": 50})
    long = scored(
        "types",
        {
            "MU": {"value": ["a", "b"], "note": "Two programmes."},
            "STAFF": {"value": 50, "evidence": "Payroll 2025"},
        },
    )
    assert long.final == short.final
    doc = result_document(long)
    assert doc["nodes"]["MU"]["note"] == "Two programmes."
    assert doc["nodes"]["STAFF"]["evidence"] == ["Payroll 2025"]
