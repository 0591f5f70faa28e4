"""Trends between each unit's first and last period, and group medians per period."""

from __future__ import annotations

from capacity_eval.compare.frame import build_frame
from capacity_eval.compare.trends import compute_trends

from .support import make_entry


def _frame():  # type: ignore[no-untyped-def]
    entries = [
        # a: three periods; first and last are compared, the middle one is skipped
        make_entry("a", "2022", 40.0, {"law": 30.0, "care": 50.0}),
        make_entry("a", "2024", 90.0, {"law": 90.0, "care": 90.0}),
        make_entry("a", "2026", 55.5, {"law": 60.0, "care": None}),
        # b: missing the middle period
        make_entry("b", "2022", 70.0, {"law": 70.0, "care": 70.0}),
        make_entry("b", "2026", 60.0, {"law": 80.0, "care": 40.0}),
        # c: one period only, so no trend
        make_entry("c", "2026", 20.0, {"law": 20.0, "care": 20.0}),
        # d: same change as a on law (a tie for most improved)
        make_entry("d", "2024", 10.0, {"law": 10.0, "care": 10.0}),
        make_entry("d", "2026", 25.5, {"law": 40.0, "care": 11.0}),
    ]
    return build_frame(entries)


def test_changes_between_first_and_last_period() -> None:
    trends = compute_trends(_frame())
    by_unit = {t.unit: t for t in trends.trends}
    assert set(by_unit) == {"a", "b", "d"}
    a = by_unit["a"]
    assert (a.first_period, a.last_period, a.periods) == ("2022", "2026", 3)
    assert a.delta("overall") == 15.5
    assert a.delta("law") == 30.0
    assert a.delta("care") is None  # no care score in the last period
    b = by_unit["b"]
    assert (b.first_period, b.last_period, b.periods) == ("2022", "2026", 2)
    assert (b.delta("overall"), b.delta("law"), b.delta("care")) == (-10.0, 10.0, -30.0)


def test_trends_sorted_by_overall_gain() -> None:
    trends = compute_trends(_frame())
    assert [t.unit for t in trends.trends] == ["a", "d", "b"]  # +15.5, +15.5 (by label), -10


def test_most_improved_and_declined_include_ties() -> None:
    trends = compute_trends(_frame())
    assert [t.unit for t in trends.improved["law"]] == ["a", "d"]
    assert [t.unit for t in trends.improved["overall"]] == ["a", "d"]
    assert [t.unit for t in trends.declined["overall"]] == ["b"]
    assert [t.unit for t in trends.declined["care"]] == ["b"]
    assert trends.declined["law"] == []  # nobody lost ground on law


def test_group_median_per_period_uses_those_present() -> None:
    trends = compute_trends(_frame())
    # 2022: a 40, b 70 -> 55; 2024: a 90, d 10 -> 50; 2026: 55.5 60 20 25.5 -> 40.5
    assert trends.medians["overall"] == [55.0, 50.0, 40.5]
    assert trends.counts == [2, 2, 4]
    # care 2026: a has none; b 40, c 20, d 11 -> 20
    assert trends.medians["care"][-1] == 20.0


def test_changes_use_scores_as_shown() -> None:
    frame = build_frame([make_entry("a", "1", 10.04), make_entry("a", "2", 10.16)])
    # shown 10.0 and 10.2: the change shown is 0.2, not 0.12 rounded to 0.1
    assert compute_trends(frame).trends[0].delta() == 0.2
