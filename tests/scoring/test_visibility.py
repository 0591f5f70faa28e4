"""Hidden questions are absent everywhere (instrument `tests/fixtures/scoring/visibility.yaml`).

V1: G (ypn: yes 100, partial 50, no 0), H1 (0/40/100, weight 2, required, shown when
    G is "yes", rec below 50), H3 (0/40/100, shown when H1 is answered), K (ypn, allow_na)
rules: rv-h1-zero      H1 is "0"                flag critical
       rv-h1-not-full  not (H1 is "100")        flag minor
       rv-k-na         K is n/a                 flag minor
"""

from __future__ import annotations

import pytest

from capacity_eval.scoring.engine import missing_required
from capacity_eval.scoring.result import result_document

from .support import scored


def flags(doc: dict[str, object]) -> list[str]:
    return [f["rule"] for f in doc["flags"]]  # type: ignore[attr-defined]


def test_all_visible() -> None:
    result = scored("visibility", {"G": "yes", "H1": "40", "H3": "100", "K": "yes"})
    # V1 = (100 + 2 * 40 + 100 + 100) / 5 = 380 / 5
    assert result.final["V1"] == 76.0
    doc = result_document(result)
    assert flags(doc) == ["rv-h1-not-full"]  # H1 is 40, not 100
    assert [(r["source"], r["priority"]) for r in doc["recommendations"]] == [("H1", "medium")]


def test_hidden_answers_are_ignored_everywhere() -> None:
    # G "no" hides H1, so "H1 answered" is false and H3 is hidden too; their stored
    # answers ("0", "100") are ignored by scores, rules, recommendations and coverage.
    result = scored("visibility", {"G": "no", "H1": "0", "H3": "100", "K": "n/a"})
    assert result.final["H1"] is None and result.final["H3"] is None
    assert result.final["V1"] == 0.0  # only G (0); K is n/a
    assert result.coverage["V1"].answered == 1 and result.coverage["V1"].applicable == 1
    doc = result_document(result)
    # rv-h1-zero reads a hidden answer: false. `not` simply negates the false leaf: true.
    assert flags(doc) == ["rv-h1-not-full", "rv-k-na"]
    assert doc["recommendations"] == []
    assert doc["nodes"]["H1"]["status"] == "hidden"
    assert doc["nodes"]["H1"]["answer"] is None
    assert doc["nodes"]["H3"]["status"] == "hidden"
    assert doc["nodes"]["K"]["status"] == "na"


def test_missing_answer_hides_dependent_question() -> None:
    result = scored("visibility", {"G": "yes", "H3": "100"})
    # H1 is shown but unanswered, so H3 (shown when H1 is answered) is hidden
    assert result.final["V1"] == 100.0  # only G
    # applicable: G, H1, K (H3 hidden); answered: G -> 1/3
    assert result.coverage["V1"].ratio == pytest.approx(1 / 3)
    assert result.insufficient("V1")  # 0.33 < 0.6
    doc = result_document(result)
    assert flags(doc) == ["rv-h1-not-full"]  # the leaf on a missing answer is false
    assert doc["nodes"]["H1"]["status"] == "unanswered"
    assert doc["nodes"]["H3"]["status"] == "hidden"


def test_required_question_hidden_is_not_missing() -> None:
    hidden = scored("visibility", {"G": "no"})
    assert missing_required(hidden.plan, hidden.state) == []
    shown = scored("visibility", {"G": "yes"})
    assert missing_required(shown.plan, shown.state) == ["H1"]
