"""Hand-computed caps and rule conditions (instrument `tests/fixtures/scoring/rules.yaml`).

A: A1 (QA1, QA2), A2 (QA3)      B: B1 (QB1, OVERSIGHT yes 100 / partial 50 / no 0)
levels: 1 from 0, 2 from 25, 3 from 50, 4 from 75
rules, in this order:
  r-section      OVERSIGHT is no             cap A1 40
  r-overall-low  OVERSIGHT is no             cap overall 35
  r-domain       OVERSIGHT in [no, partial]  cap A 60, flag major
  r-raw-score    score A >= 70 (raw)         cap overall 65, flag minor
  r-level        level B < 3 (raw)           cap B 30, flag critical
  r-raw-level    level A >= 4 (raw)          flag minor
"""

from __future__ import annotations

from capacity_eval.scoring.engine import Scored
from capacity_eval.scoring.result import result_document

from .support import scored

HIGH = {"QA1": "100", "QA2": "80", "QA3": "60", "QB1": "80"}


def fired(result: Scored) -> list[str]:
    return [rule.id for rule in result.fired]


def test_only_the_raw_score_rule_fires_when_oversight_is_yes() -> None:
    result = scored("rules", {**HIGH, "OVERSIGHT": "yes"})
    # raw: A1 (100 + 80) / 2 = 90, A2 60, A (90 + 60) / 2 = 75; B1 (80 + 100) / 2 = 90, B 90
    # overall raw (75 + 90) / 2 = 82.5
    assert result.raw["A"] == 75.0
    assert result.raw["overall"] == 82.5
    # raw A 75 >= 70 (r-raw-score) and level(75) = 4 >= 4 (r-raw-level); level(B 90) = 4
    assert fired(result) == ["r-raw-score", "r-raw-level"]
    assert result.final["overall"] == 65.0  # min(82.5, 65)
    assert result.final["A"] == 75.0 and result.final["B"] == 90.0  # not capped
    assert result.level("overall") == 3  # final 65: level 3 (the raw 82.5 would be 4)


def test_caps_on_section_domain_and_overall_lowest_wins() -> None:
    result = scored("rules", {**HIGH, "OVERSIGHT": "no"})
    # raw: A1 90, A2 60, A 75; B1 (80 + 0) / 2 = 40, B 40; overall (75 + 40) / 2 = 57.5
    assert (result.raw["A1"], result.raw["A"], result.raw["B"]) == (90.0, 75.0, 40.0)
    assert result.raw["overall"] == 57.5
    # every rule fires: r-raw-score reads the RAW A (75 >= 70; the capped A is 50) and
    # r-level the raw level of B (40 -> 2 < 3)
    assert fired(result) == [
        "r-section",
        "r-overall-low",
        "r-domain",
        "r-raw-score",
        "r-level",
        "r-raw-level",
    ]
    # final: A1 min(90, 40) = 40; A2 60; A = min((40 + 60) / 2, 60) = 50 (cap 60 not binding)
    assert result.final["A1"] == 40.0
    assert result.final["A2"] == 60.0
    assert result.final["A"] == 50.0
    # B1 40; B = min(40, 30) = 30
    assert result.final["B"] == 30.0
    # overall = min((50 + 30) / 2, 35, 65) = min(40, 35, 65) = 35: the lowest cap wins
    assert result.final["overall"] == 35.0
    assert result.caps["overall"] == [("r-overall-low", 35.0), ("r-raw-score", 65.0)]
    assert result.level("overall") == 2  # 35
    doc = result_document(result)
    assert doc["overall"]["caps"] == ["r-overall-low", "r-raw-score"]
    assert doc["overall"]["raw_score"] == 57.5
    assert doc["nodes"]["A1"]["caps"] == ["r-section"]
    assert doc["nodes"]["A"]["caps"] == ["r-domain"]
    assert doc["nodes"]["B"]["caps"] == ["r-level"]
    assert doc["nodes"]["A2"]["caps"] == []
    assert [(f["rule"], f["severity"], f["message"]) for f in doc["flags"]] == [
        ("r-domain", "major", "Oversight is weak."),
        ("r-raw-score", "minor", "Domain A scored at least 70 before caps."),
        ("r-level", "critical", "Domain B is below level 3."),
        ("r-raw-level", "minor", "Domain A reached level 4 before caps."),
    ]


def test_parents_aggregate_capped_children() -> None:
    result = scored("rules", {**HIGH, "OVERSIGHT": "partial"})
    # raw: A 75; B1 (80 + 50) / 2 = 65, B 65 (level 3: r-level does not fire); overall 70
    assert fired(result) == ["r-domain", "r-raw-score", "r-raw-level"]
    assert result.final["A"] == 60.0  # min(75, 60)
    # overall = min((60 + 65) / 2, 65) = 62.5: it aggregates the capped A, not the raw 75
    assert result.final["overall"] == 62.5
    assert result.raw["overall"] == 70.0


def test_cap_on_a_node_without_score_keeps_none() -> None:
    result = scored("rules", {"QB1": "80", "OVERSIGHT": "no"})
    # A has no answers: no score; r-raw-score and r-raw-level read a node with no score: false
    assert "r-raw-score" not in fired(result)
    assert "r-raw-level" not in fired(result)
    assert "r-section" in fired(result)
    assert result.final["A1"] is None and result.final["A"] is None
    # B raw 40 -> capped 30; overall = min(30, 35) = 30 (only B is scored)
    assert result.final["overall"] == 30.0
    assert result.raw["overall"] == 40.0


def test_final_never_above_raw_in_capped_scenarios() -> None:
    for oversight in ("yes", "partial", "no"):
        result = scored("rules", {**HIGH, "OVERSIGHT": oversight})
        for node, raw in result.raw.items():
            final = result.final[node]
            assert (raw is None) == (final is None)
            if raw is not None:
                assert final <= raw, node  # type: ignore[operator]
