"""`explain`: how a node's score arose (children, weights, raw and final scores, caps, rules)."""

from __future__ import annotations

import pytest

from capacity_eval.scoring.explain import CapNote, Explanation, UnknownNode, explain

from .support import scored

OVERSIGHT_NO = {"QA1": "100", "QA2": "80", "QA3": "60", "QB1": "80", "OVERSIGHT": "no"}


def child(exp: Explanation, node: str) -> Explanation:
    return next(c for c in exp.children if c.id == node)


def test_overall_with_caps_and_fired_rules() -> None:
    # the numbers of test_rules.test_caps_on_section_domain_and_overall_lowest_wins
    exp = explain(scored("rules", OVERSIGHT_NO), "overall", "en", depth=3)
    assert (exp.kind, exp.raw, exp.final, exp.level, exp.weight) == ("overall", 57.5, 35.0, 2, None)
    assert exp.caps == [
        CapNote("r-overall-low", 35.0, binding=True),
        CapNote("r-raw-score", 65.0, binding=False),
    ]
    assert exp.rules == [
        "r-section",
        "r-overall-low",
        "r-domain",
        "r-raw-score",
        "r-level",
        "r-raw-level",
    ]
    a = child(exp, "A")
    assert (a.title, a.weight, a.raw, a.final) == ("Domain A", 1.0, 75.0, 50.0)
    # A's cap (60) does not bind: its capped section A1 already brings it to 50
    assert a.caps == [CapNote("r-domain", 60.0, binding=False)]
    a1 = child(a, "A1")
    assert (a1.raw, a1.final, a1.caps) == (90.0, 40.0, [CapNote("r-section", 40.0, True)])
    assert [(q.id, q.final, q.note) for q in a1.children] == [
        ("QA1", 100.0, "answer '100' (100) scores 100.0"),
        ("QA2", 80.0, "answer '80' (80) scores 80.0"),
    ]


def test_depth_limits_the_tree() -> None:
    result = scored("rules", OVERSIGHT_NO)
    assert [c.children for c in explain(result, "overall", "en", depth=1).children] == [[], []]
    assert explain(result, "A1", "en", depth=0).children == []


def test_how_each_question_type_became_its_score() -> None:
    result = scored(
        "types",
        {
            "LEG-01": "yes",
            "CODE": "010",
            "MU": ["a", "b"],
            "SL": "rarely",
            "SS": "mid",
            "STAFF": 50,
            "BUDGET": 15,
            "GATE": "no",
            "POP": 0,
            "CASES": 3,
            "TX": "Notes.",
        },
    )
    exp = explain(result, "basics", "en", depth=2)
    notes = {q.id: (q.note, q.included) for s in exp.children for q in s.children}
    assert notes == {
        "LEG-01": ("answer 'yes' (Yes) scores 100.0", True),
        "CODE": ("answer '010' (Code 010) scores 100.0", False),  # weight 0
        "MU": ("a (30.0) + b (45.0), at most 100: scores 75.0", True),
        "SL": ("answer 'rarely' is step 2 of 4: scores 33.3", True),
        "SS": ("answer 'mid' (Mid) scores 35.0", True),
        "STAFF": ("50 falls in the band below 100: scores 50.0", True),
        "BUDGET": ("15 falls in the band above the last bound (15 or more): scores 60.0", True),
        "GATE": ("answer 'no' (No) scores 0.0", False),
        "POP": ("0: unscored (no bands)", False),
        "CASES": ("hidden by its show_if condition: treated as absent", False),
        "RATE": (
            "CASES / POP * 1000: an input is missing, n/a or hidden, or a division by "
            "zero: left out",
            False,
        ),
        "TX": ("free text: unscored", False),
    }
    computed = child(exp, "s-computed")
    assert (computed.final, computed.included, computed.note) == (None, False, "left out: no score")


def test_computed_value_and_na() -> None:
    result = scored("types", {"GATE": "yes", "POP": 2000, "CASES": 3})
    rate = explain(result, "RATE", "en")
    assert rate.note == "CASES / POP * 1000 = 1.5 falls in the band below 5: scores 50.0"
    na = explain(scored("types", {"GATE": "yes", "CASES": "n/a"}), "CASES", "en")
    assert na.note == "answered n/a: left out"


def test_weight_zero_and_unscored_children_are_marked() -> None:
    result = scored("aggregation", {"Q1": "60", "Q2": "n/a", "Q8": "0"})
    mn = explain(result, "mn", "en", depth=1)
    assert (mn.aggregation, mn.final) == ("min", None)
    assert [(c.id, c.included, c.note) for c in mn.children] == [
        ("mn-1", False, "left out: no score"),
        ("mn-2", False, "left out: no score"),
        ("mn-z", False, "left out: weight 0"),
    ]
    assert explain(result, "Q2", "en").note == "answered n/a: left out"
    assert explain(result, "Q4", "en").note == "not answered: left out"


def test_unknown_node() -> None:
    with pytest.raises(UnknownNode):
        explain(scored("rules", {}), "nowhere", "en")
