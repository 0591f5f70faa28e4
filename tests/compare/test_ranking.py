"""Standard competition ranking on the rounded overall score."""

from __future__ import annotations

from capacity_eval.compare.frame import build_frame
from capacity_eval.compare.ranking import competition_ranks, rank_rows

from .support import make_entry


def test_ties_share_a_rank_and_skip_the_next() -> None:
    assert competition_ranks({"a": 90.0, "b": 80.0, "c": 80.0, "d": 70.0}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }


def test_scores_equal_once_rounded_are_tied() -> None:
    # 80.04 and 79.96 are both shown as 80.0; 80.05 is shown as 80.1 (half up)
    ranks = competition_ranks({"a": 80.04, "b": 79.96, "c": 80.05, "d": None})
    assert ranks == {"c": 1, "a": 2, "b": 2}


def test_rank_rows_orders_ties_by_label_and_puts_unscored_last() -> None:
    entries = [
        make_entry("zeta", "2026", 70.0, name="Zeta"),
        make_entry("alpha", "2026", 70.0, name="Alpha"),
        make_entry("none", "2026", None, name="Nobody"),
        make_entry("top", "2026", 95.5, name="Top"),
    ]
    frame = build_frame(entries)
    ranked = rank_rows(frame.rows_in("2026"))
    assert [(r.rank, r.tied, r.row.label) for r in ranked] == [
        (1, False, "Top"),
        (2, True, "Alpha"),
        (2, True, "Zeta"),
        (None, False, "Nobody"),
    ]
