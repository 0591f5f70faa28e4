"""Rank sensitivity to the domain weights: perturbed re-scoring, reproducible by seed."""

from __future__ import annotations

import random
from collections.abc import Callable

from capacity_eval.compare.frame import build_frame
from capacity_eval.compare.records import Entry
from capacity_eval.compare.sensitivity import draw_factors, perturbed, rank_sensitivity
from capacity_eval.model import Instrument
from capacity_eval.scoring.plan import plan_for

from .support import make_entry

ALL_YES = {q: "yes" for q in ("L1", "L2", "P1", "P2", "C1", "C2")}
# law 100, police 50, care 50 / law 50, police 100, care 50: both 62.5 overall
LAW_STRONG = {
    "L1": "yes",
    "L2": "yes",
    "P1": "partial",
    "P2": "partial",
    "C1": "partial",
    "C2": "partial",
}
POLICE_STRONG = {
    "L1": "partial",
    "L2": "partial",
    "P1": "yes",
    "P2": "yes",
    "C1": "partial",
    "C2": "partial",
}


def test_perturbed_copy_changes_only_domain_weights(trio: Instrument) -> None:
    plan = plan_for(trio)
    copy = perturbed(trio, {"law": 1.2, "care": 0.8})
    assert [d.weight for d in copy.domains] == [1.2, 1.0, 1.6]
    assert [d.weight for d in trio.domains] == [1.0, 1.0, 2.0]
    assert plan_for(trio) is plan
    copy_plan = plan_for(copy)
    assert copy_plan is not plan and copy_plan.digest != plan.digest
    assert [d.weight for d in copy_plan.domains] == [1.2, 1.0, 1.6]


def test_factors_are_drawn_within_the_spread_from_the_seed() -> None:
    first = draw_factors(random.Random(7), ["a", "b", "c"], 0.25)
    again = draw_factors(random.Random(7), ["a", "b", "c"], 0.25)
    assert first == again and all(0.75 <= f <= 1.25 for f in first.values())


def _frame(scored_entry: Callable[..., Entry], extra: list[Entry] | None = None):  # type: ignore[no-untyped-def]
    entries = [
        scored_entry("top", "2026", ALL_YES),
        scored_entry("law", "2026", LAW_STRONG),
        scored_entry("police", "2026", POLICE_STRONG),
        *(extra or []),
    ]
    return build_frame(entries, domains=["law", "police", "care"])


def test_close_units_get_wide_intervals_and_clear_ones_fixed(
    trio: Instrument, scored_entry: Callable[..., Entry]
) -> None:
    frame = _frame(scored_entry)
    result = rank_sensitivity(frame, {("trio", "1.0.0"): trio}, 200, seed=3)
    assert result is not None
    got = {(i.unit, i.rank, i.low, i.high) for i in result.intervals}
    # law and police tie at 62.5 with the instrument's weights (rank 2 both); perturbed
    # weights put either first, so both range over ranks 2-3
    assert got == {("top", 1, 1, 1), ("law", 2, 2, 3), ("police", 2, 2, 3)}
    top = next(i for i in result.intervals if i.unit == "top")
    assert top.median == 1.0 and result.left_out == []


def test_zero_spread_reproduces_the_ranking(
    trio: Instrument, scored_entry: Callable[..., Entry]
) -> None:
    frame = _frame(scored_entry)
    result = rank_sensitivity(frame, {("trio", "1.0.0"): trio}, 5, spread=0.0)
    assert result is not None
    assert [(i.unit, i.median, i.low, i.high) for i in result.intervals] == [
        ("top", 1.0, 1, 1),
        ("law", 2.0, 2, 2),
        ("police", 2.0, 2, 2),
    ]


def test_same_seed_same_report(trio: Instrument, scored_entry: Callable[..., Entry]) -> None:
    frame = _frame(scored_entry)
    runs = [rank_sensitivity(frame, {("trio", "1.0.0"): trio}, 30, seed=11) for _ in range(2)]
    assert runs[0] == runs[1]


def test_results_without_responses_are_left_out(
    trio: Instrument, scored_entry: Callable[..., Entry]
) -> None:
    frame = _frame(scored_entry, [make_entry("file", "2026", 70.0, name="From a file")])
    result = rank_sensitivity(frame, {("trio", "1.0.0"): trio}, 10)
    assert result is not None
    assert result.left_out == ["From a file"]
    assert {i.unit for i in result.intervals} == {"top", "law", "police"}
    only_files = build_frame([make_entry("file", "2026", 70.0)])
    assert rank_sensitivity(only_files, {("trio", "1.0.0"): trio}, 10) is None
