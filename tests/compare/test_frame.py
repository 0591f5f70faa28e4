"""Rows per unit and period; `--group-by country` combines entities by medians."""

from __future__ import annotations

from capacity_eval.compare.frame import build_frame
from capacity_eval.compare.records import Cell

from .support import make_entry


def test_entity_rows_keep_the_result_cells() -> None:
    entry = make_entry("a", "2026", 61.0, {"law": 40.0}, insufficient=frozenset({"law"}))
    frame = build_frame([entry])
    row = frame.rows[("a", "2026")]
    assert row.cell("law") == Cell(40.0, 2, 0.5, True)
    assert row.cell("missing") == Cell(None, None, None, False)
    assert frame.nodes == ["law", "overall"]


def test_latest_name_labels_the_unit() -> None:
    frame = build_frame(
        [make_entry("a", "2024", 1.0, name="Old name"), make_entry("a", "2026", 2.0, name="New")]
    )
    assert frame.labels == {"a": "New"}
    assert [r.period for r in frame.history("a")] == ["2024", "2026"]


def test_country_grouping_takes_medians() -> None:
    entries = [
        make_entry("p", "2026", 40.0, {"law": 10.0}, country="XDD"),
        make_entry(
            "q", "2026", 70.0, {"law": None}, country="XDD", insufficient=frozenset({"overall"})
        ),
        make_entry("r", "2026", 90.0, {"law": 30.0}, country="XDD"),
        make_entry("s", "2026", 55.0, {"law": 50.0}, country="XEE"),
    ]
    levels = {0: 1, 25: 2, 50: 3, 75: 4}

    def level_of(score: float) -> int:
        return max(level for minimum, level in levels.items() if minimum <= score)

    frame = build_frame(entries, group_by="country", level_of=level_of)
    assert frame.units == ["XDD", "XEE"]
    xdd = frame.rows[("XDD", "2026")]
    assert [m.entity for m in xdd.members] == ["p", "q", "r"]
    # overall: median(40, 70, 90) = 70, level 3; one member insufficient -> caveat
    assert xdd.cell("overall") == Cell(70.0, 3, 1.0, True)  # coverage: median(1, 0.5, 1)
    # law: q has no score; median(10, 30) = 20, level 1
    assert xdd.cell("law") == Cell(20.0, 1, 1.0, False)


def test_country_level_without_instrument_only_when_members_agree() -> None:
    entries = [
        make_entry("p", "1", 30.0, country="XDD"),
        make_entry("q", "1", 40.0, country="XDD"),  # both level 2 in make_entry
        make_entry("r", "1", 30.0, country="XEE"),
        make_entry("s", "1", 80.0, country="XEE"),  # levels 2 and 4
    ]
    frame = build_frame(entries, group_by="country")
    assert frame.rows[("XDD", "1")].cell("overall").level == 2
    assert frame.rows[("XEE", "1")].cell("overall").level is None
