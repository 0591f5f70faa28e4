"""Hand-worked recommendations (instrument `tests/fixtures/scoring/recommendations.yaml`).

    instrument recommend_below: 60
    D1/S1: R1 (ypn: yes 100, partial 50, no 0; rec), R2 (0/60/80/90/100; own threshold 90; rec),
           R3 (ypn, no rec)
    D2/S2: R4 (ypn; rec), R5 (ypn, allow_na; rec)
    rules: rr-high   R3 is no                     high
           rr-low    score D2 < 100               low
           rr-medium na R5 or score R1 < 60       medium (the default priority)
Order: priority (high, medium, low), then instrument order (questions, then rules).
"""

from __future__ import annotations

from typing import Any

from capacity_eval.scoring.result import result_document

from .support import scored


def recs(answers: dict[str, Any]) -> list[tuple[str, str, str]]:
    doc = result_document(scored("recommendations", answers))
    return [(r["source"], r["priority"], r["text"]) for r in doc["recommendations"]]


def test_priority_then_instrument_order() -> None:
    # R1 0 < 60: high (score 0); R2 80 < 90 (its own threshold): medium; R4 50 < 60: medium;
    # R5 n/a: none. rr-high (R3 no), rr-low (D2 = R4 = 50 < 100), rr-medium (R5 n/a) fire.
    assert recs({"R1": "no", "R2": "80", "R3": "no", "R4": "partial", "R5": "n/a"}) == [
        ("R1", "high", "Adopt R1."),
        ("rr-high", "high", "Fix R3 first."),
        ("R2", "medium", "Improve R2."),
        ("R4", "medium", "Adopt R4."),
        ("rr-medium", "medium", "Document R5."),
        ("rr-low", "low", "Review D2."),
    ]


def test_priority_beats_instrument_order_and_threshold_is_strict() -> None:
    # R1 50 < 60: medium; R2 90 is not below 90: none; R4 100: none; R5 0: high.
    # rr-low: D2 = (100 + 0) / 2 = 50 < 100; rr-medium: raw score of R1 50 < 60.
    assert recs({"R1": "partial", "R2": "90", "R3": "yes", "R4": "yes", "R5": "no"}) == [
        ("R5", "high", "Adopt R5."),
        ("R1", "medium", "Adopt R1."),
        ("rr-medium", "medium", "Document R5."),
        ("rr-low", "low", "Review D2."),
    ]


def test_question_threshold_overrides_instrument_threshold() -> None:
    # R2 60: not below the instrument's 60, but below its own 90: medium.
    # R4 50: below the instrument's 60 (the format's default, 50, would not yield one).
    # D2 = (50 + 100) / 2 = 75 < 100: rr-low.
    assert recs({"R1": "yes", "R2": "60", "R3": "yes", "R4": "partial", "R5": "yes"}) == [
        ("R2", "medium", "Improve R2."),
        ("R4", "medium", "Adopt R4."),
        ("rr-low", "low", "Review D2."),
    ]


def test_unanswered_questions_give_no_recommendation() -> None:
    # nothing answered: no question scores, D2 has no score (rr-low false), R1 none
    assert recs({}) == []


def test_format_default_threshold_is_50() -> None:
    # types.yaml sets no recommend_below: LEG-01 "partial" scores 40 < 50 -> medium
    doc = result_document(scored("types", {"LEG-01": "partial"}))
    assert [(r["source"], r["priority"]) for r in doc["recommendations"]] == [("LEG-01", "medium")]
    doc = result_document(scored("types", {"LEG-01": "no"}))
    assert [(r["source"], r["priority"]) for r in doc["recommendations"]] == [("LEG-01", "high")]
    doc = result_document(scored("types", {"LEG-01": "yes"}))
    assert doc["recommendations"] == []


def test_recommendations_name_their_domain() -> None:
    doc = result_document(scored("recommendations", {"R1": "no", "R3": "no", "R4": "no"}))
    domains = {r["source"]: r["domain"] for r in doc["recommendations"]}
    assert domains["R1"] == "D1"
    assert domains["R4"] == "D2"
    assert domains["rr-high"] == "D1"  # the domain of the question its condition reads
