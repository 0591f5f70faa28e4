"""The end-of-sitting summary, with scores worked out by hand on `fill-survey`."""

from __future__ import annotations

import pytest

from capacity_eval.session import summarise

from .support import session

ANSWERS = {
    "LAW-1": "partial",
    "LAW-2": "2",
    "LAW-3": ["congress", "ombudsman"],
    "STAFF": 500,
    "TRAINED": 80,
}


def test_scores_levels_and_counts() -> None:
    summary = summarise(session(ANSWERS))
    law, ops = summary.domains
    # law: mean(50, 100*2/3, 50+30) ; ops: mean(60 (500 < 1000), 75 (80 < 90), 100 (400 >= 100))
    assert law.score == pytest.approx((50 + 200 / 3 + 80) / 3)
    assert ops.score == pytest.approx((60 + 75 + 100) / 3)
    assert summary.overall.score == pytest.approx(((50 + 200 / 3 + 80) / 3 + 235 / 3) / 2)
    assert (law.level, ops.level, summary.overall.level) == (2, 2, 2)
    assert (law.answered, law.total, ops.answered, ops.total) == (3, 3, 2, 3)
    assert (law.coverage, ops.coverage, summary.overall.coverage) == (1.0, 1.0, 1.0)
    assert summary.can_submit and summary.missing_required == []
    assert summary.missing_evidence == ["LAW-1"]


def test_missing_answers_and_insufficient_coverage() -> None:
    summary = summarise(session({"TRAINED": "n/a"}))
    law, ops = summary.domains
    assert (law.missing_required, ops.missing_required) == (["LAW-1"], ["STAFF"])
    assert summary.missing_required == ["LAW-1", "STAFF"] and not summary.can_submit
    assert (law.score, law.level, law.coverage, law.insufficient) == (None, None, 0.0, True)
    # ops: STAFF missing, TRAINED n/a (not applicable), TRAINED-N without its inputs
    assert (ops.answered, ops.total, ops.coverage) == (1, 3, 0.0)
    assert summary.missing_evidence == []


def test_hidden_answers_do_not_count() -> None:
    answers = dict(ANSWERS, **{"LAW-1": "no"})
    summary = summarise(session(answers))
    law = summary.domains[0]
    assert law.score == pytest.approx((0 + 80) / 2)  # LAW-2 hidden, its "2" ignored
    assert (law.answered, law.total) == (2, 2)
