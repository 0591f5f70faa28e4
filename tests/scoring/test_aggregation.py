"""Hand-computed aggregation (instrument `tests/fixtures/scoring/aggregation.yaml`).

    wm (weight 2, weighted_mean): wm-1 (w1: Q1 w1, Q2 w3 allow_na, Q3 w0), wm-2 (w3: Q4)
    mn (weight 1, min):           mn-1 (w1: Q5, Q6), mn-2 (w5: Q7), mn-z (w0: Q8)
    gm (weight 1, geometric_mean): gm-1 (w1: Q9), gm-2 (w3: Q10), gm-z (w0: Q11)
    overall: weighted_mean of the domains

Option values are their own scores ("60" scores 60).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from capacity_eval.model import Aggregation
from capacity_eval.scoring.aggregate import aggregate
from capacity_eval.scoring.result import result_document

from .support import scored, variant

BASE = {
    "Q1": "60",
    "Q2": "100",
    "Q3": "0",
    "Q4": "50",
    "Q5": "80",
    "Q6": "40",
    "Q7": "50",
    "Q8": "0",
    "Q9": "25",
    "Q10": "100",
    "Q11": "0",
}

# gm = exp((1 * ln 25 + 3 * ln 100) / 4) = 25^(1/4) * 100^(3/4) = sqrt(5) * 10^1.5 = 50 * sqrt(2)
GM = 50 * math.sqrt(2)  # 70.7107


def with_answers(**changes: Any) -> dict[str, Any]:
    answers = {**BASE, **changes}
    return {k: v for k, v in answers.items() if v is not None}


def test_every_method_on_the_base_response() -> None:
    result = scored("aggregation", BASE)
    expected = {
        "wm-1": 90.0,  # (1 * 60 + 3 * 100 + 0 * 0) / (1 + 3), Q3 weight 0 left out
        "wm-2": 50.0,
        "wm": 60.0,  # (1 * 90 + 3 * 50) / 4 = 240 / 4
        "mn-1": 60.0,  # (80 + 40) / 2
        "mn-2": 50.0,
        "mn": 50.0,  # min(60, 50): the weight 5 of mn-2 is ignored; mn-z (weight 0, score 0) out
        "gm-1": 25.0,
        "gm-2": 100.0,
        "gm": GM,  # gm-z (weight 0, score 0) is left out, so no zero child
        "overall": (2 * 60 + 1 * 50 + 1 * GM) / 4,  # 240.7107 / 4 = 60.1777
    }
    for node, value in expected.items():
        assert result.raw[node] == pytest.approx(value, abs=1e-9), node
        assert result.final[node] == pytest.approx(value, abs=1e-9), node
    assert result_document(result)["overall"]["score"] == 60.2


def test_geometric_mean_with_a_zero_child_is_zero() -> None:
    result = scored("aggregation", with_answers(Q9="0"))
    assert result.final["gm-1"] == 0.0
    assert result.final["gm"] == 0.0  # any child score 0 -> 0
    assert result.final["overall"] == pytest.approx(42.5)  # (2 * 60 + 50 + 0) / 4 = 170 / 4


def test_min_takes_the_lowest_child() -> None:
    result = scored("aggregation", with_answers(Q5="100", Q6="100", Q7="25"))
    # mn-1 = 100, mn-2 = 25: min 25 (a weighted mean would give (100 + 5 * 25) / 6 = 37.5)
    assert result.final["mn"] == 25.0


def test_na_child_is_left_out_and_weights_renormalised() -> None:
    result = scored("aggregation", with_answers(Q2="n/a"))
    assert result.final["wm-1"] == 60.0  # only Q1 (Q3 has weight 0)
    assert result.final["wm"] == pytest.approx(52.5)  # (1 * 60 + 3 * 50) / 4 = 210 / 4
    # overall: (2 * 52.5 + 50 + 70.7107) / 4 = 225.7107 / 4 = 56.4277
    assert result.final["overall"] == pytest.approx((105 + 50 + GM) / 4)
    assert result_document(result)["overall"]["score"] == 56.4


def test_unanswered_child_is_left_out() -> None:
    result = scored("aggregation", with_answers(Q4=None))
    assert result.final["wm-2"] is None  # no scored child
    assert result.final["wm"] == 90.0  # only wm-1 remains
    # overall: (2 * 90 + 50 + 70.7107) / 4 = 300.7107 / 4 = 75.1777
    assert result.final["overall"] == pytest.approx((180 + 50 + GM) / 4)


def test_only_weight_zero_children_scored_means_no_score() -> None:
    result = scored("aggregation", with_answers(Q1=None, Q2=None, Q3="100", Q4=None))
    assert result.final["wm-1"] is None  # Q3 has a score but weight 0
    assert result.final["wm"] is None
    # overall renormalised over mn and gm: (50 + 70.7107) / 2 = 60.3553
    assert result.final["overall"] == pytest.approx((50 + GM) / 2)
    assert result.level("wm") is None
    # Q3 still counts for coverage: answered 1 of Q1, Q2, Q3, Q4
    assert result.coverage["wm"].ratio == pytest.approx(0.25)
    assert result.insufficient("wm")  # 0.25 < 0.6 (the default min_coverage)


def test_weight_zero_child_with_zero_does_not_zero_min_or_geometric() -> None:
    # Q8 (in mn-z) and Q11 (in gm-z) are 0, with weight 0: min and geometric mean ignore them
    result = scored("aggregation", BASE)
    assert result.final["mn-z"] == 0.0
    assert result.final["gm-z"] == 0.0
    assert result.final["mn"] == 50.0
    assert result.final["gm"] == pytest.approx(GM)


def test_nothing_answered_has_no_score_and_no_level() -> None:
    result = scored("aggregation", {})
    assert result.final["overall"] is None
    assert result.level("overall") is None
    assert result.coverage["overall"].ratio == 0.0  # 0 of 11
    assert result.insufficient("overall")
    doc = result_document(result)
    assert doc["overall"]["score"] is None
    assert doc["overall"]["level"] is None


def _overall(method: str) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["scoring"] = {"aggregation": method}

    return variant("aggregation", change)


def test_overall_min() -> None:
    result = scored(_overall("min"), BASE)
    assert result.final["overall"] == 50.0  # min(60, 50, 70.7107)


def test_overall_geometric_mean() -> None:
    result = scored(_overall("geometric_mean"), BASE)
    # exp((2 ln 60 + ln 50 + ln 70.7107) / 4) = (60^2 * 50 * 70.7107)^(1/4) = 59.73
    assert result.final["overall"] == pytest.approx((60**2 * 50 * GM) ** 0.25, abs=1e-9)
    assert result.final["overall"] == pytest.approx(59.73, abs=0.01)


@pytest.mark.parametrize(
    ("method", "children", "expected"),
    [
        (Aggregation.WEIGHTED_MEAN, [(1, 20.0), (3, 60.0)], 50.0),  # (20 + 180) / 4
        (Aggregation.WEIGHTED_MEAN, [(1, 20.0), (0, 100.0), (2, None)], 20.0),  # w0 and None out
        (Aggregation.MIN, [(5, 70.0), (1, 30.0), (0, 10.0)], 30.0),  # weight 0 out
        (Aggregation.GEOMETRIC_MEAN, [(1, 16.0), (1, 64.0)], 32.0),  # sqrt(16 * 64)
        (Aggregation.GEOMETRIC_MEAN, [(1, 0.0), (1, 64.0)], 0.0),
        (Aggregation.GEOMETRIC_MEAN, [(0, 0.0), (1, 64.0)], 64.0),  # zero child has weight 0
        (Aggregation.WEIGHTED_MEAN, [(1, None), (0, 50.0)], None),
        (Aggregation.MIN, [], None),
    ],
)
def test_aggregate_function(
    method: Aggregation, children: list[tuple[float, float | None]], expected: float | None
) -> None:
    value = aggregate(method, children)
    assert value == (None if expected is None else pytest.approx(expected))
