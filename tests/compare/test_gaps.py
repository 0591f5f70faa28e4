"""Common gaps: each unit counted once, with its latest result."""

from __future__ import annotations

from capacity_eval.compare.frame import build_frame
from capacity_eval.compare.gaps import common_gaps

from .support import make_entry


def test_counts_use_each_units_latest_result() -> None:
    entries = [
        make_entry("a", "2024", 1.0, flags=("f1", "f2")),
        make_entry("a", "2026", 1.0, flags=("f1",), recommendations=("Q1", "Q1")),
        make_entry("b", "2026", 1.0, flags=("f1", "f3"), recommendations=("Q2",)),
        make_entry("c", "2024", 1.0, flags=("f2",), recommendations=("Q2", "Q1")),
    ]
    gaps = common_gaps(build_frame(entries))
    assert gaps.units == 3
    # f2 fired for a only in 2024 (superseded), and for c (whose latest is 2024)
    assert [(g.key, g.count, g.units) for g in gaps.flags] == [
        ("f1", 2, ["A", "B"]),
        ("f2", 1, ["C"]),
        ("f3", 1, ["B"]),
    ]
    assert [(g.key, g.count) for g in gaps.recommendations] == [("Q1", 2), ("Q2", 2)]


def test_country_counts_once_when_any_entity_has_it() -> None:
    entries = [
        make_entry("a", "1", 1.0, country="XDD", flags=("f1",)),
        make_entry("b", "1", 1.0, country="XDD", flags=("f1",)),
        make_entry("c", "1", 1.0, country="XEE"),
    ]
    gaps = common_gaps(build_frame(entries, group_by="country"))
    assert gaps.units == 2
    assert [(g.key, g.count, g.units) for g in gaps.flags] == [("f1", 1, ["XDD"])]
