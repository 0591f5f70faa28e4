"""Only one instrument family is compared; drafts and duplicates are set apart."""

from __future__ import annotations

from capacity_eval.compare.comparability import (
    order_periods,
    period_key,
    reference_family,
    select,
    version_key,
)

from .support import make_entry


def test_mixed_major_versions_are_separated_from_the_majority() -> None:
    entries = [
        make_entry("a", "2026", 50.0, version="1.0.0"),
        make_entry("b", "2026", 60.0, version="1.2.0"),  # same major: comparable
        make_entry("c", "2026", 70.0, version="2.0.0"),
        make_entry("d", "2026", 80.0, instrument="rapid", version="1.0.0"),
    ]
    selection = select(entries)
    assert selection.reference == ("trio", "1")
    assert [e.entity for e in selection.entries] == ["a", "b"]
    assert [(x.entity, x.reason, x.stamp.version) for x in selection.excluded] == [
        ("c", "instrument", "2.0.0"),
        ("d", "instrument", "1.0.0"),
    ]
    assert selection.excluded[0].stamp.digest == "sha256:trio-2.0.0"
    assert [(s.version, n) for s, n in selection.stamps()] == [("1.0.0", 1), ("1.2.0", 1)]


def test_the_given_instrument_decides_over_the_majority() -> None:
    entries = [make_entry(e, "2026", 50.0, version="2.0.0") for e in "abc"]
    entries.append(make_entry("z", "2026", 50.0, version="1.1.0"))
    selection = select(entries, reference=("trio", "1"))
    assert [e.entity for e in selection.entries] == ["z"]
    assert len(selection.excluded) == 3


def test_majority_tie_is_broken_by_id_then_highest_major() -> None:
    entries = [
        make_entry("a", "1", 1.0, instrument="beta"),
        make_entry("b", "1", 1.0, instrument="alpha", version="1.0.0"),
        make_entry("c", "1", 1.0, instrument="alpha", version="3.0.0"),
    ]
    assert reference_family(entries[:2]) == ("alpha", "1")
    assert reference_family(entries[1:]) == ("alpha", "3")
    assert reference_family([]) is None


def test_drafts_are_excluded_unless_asked_for() -> None:
    entries = [make_entry("a", "2026", 50.0), make_entry("b", "2026", 60.0, status="draft")]
    assert [x.reason for x in select(entries).excluded] == ["draft"]
    kept = select(entries, include_drafts=True)
    assert [e.entity for e in kept.entries] == ["a", "b"] and not kept.excluded


def test_duplicate_entity_period_keeps_one_deterministically() -> None:
    entries = [
        make_entry("a", "2026", 10.0, source="z.json", status="draft"),
        make_entry("a", "2026", 20.0, source="y.json", version="1.1.0"),
        make_entry("a", "2026", 30.0, source="x.json", version="1.0.0"),
        make_entry("a", "2026", 40.0, source="w.json", version="1.1.0"),
    ]
    for order in (entries, entries[::-1]):
        selection = select(order, include_drafts=True)
        # submitted first, then the newest version, then the first file name
        assert [e.source for e in selection.entries] == ["w.json"]
        assert sorted((x.source, x.reason, x.detail) for x in selection.excluded) == [
            ("x.json", "duplicate", "w.json"),
            ("y.json", "duplicate", "w.json"),
            ("z.json", "duplicate", "w.json"),
        ]


def test_periods_filter_before_anything_else() -> None:
    entries = [
        make_entry("a", "2024", 10.0, status="draft"),
        make_entry("a", "2026", 20.0),
        make_entry("b", "2025", 30.0, version="9.0.0"),
    ]
    selection = select(entries, periods=["2026"])
    assert [e.period for e in selection.entries] == ["2026"]
    assert selection.excluded == [] and selection.outside_periods == 2


def test_version_and_period_order() -> None:
    assert version_key("1.10.0") > version_key("1.9.3")
    assert version_key("2.0.0-rc.1") < version_key("2.0.0")
    assert sorted(["cycle 10", "cycle 2", "2026", "2024"], key=period_key) == [
        "2024",
        "2026",
        "cycle 2",
        "cycle 10",
    ]
    assert order_periods(["2026", "2024", "2025"]) == ["2024", "2025", "2026"]
    assert order_periods(["2026", "2024"], ["2026", "2023", "2024"]) == ["2026", "2024"]
