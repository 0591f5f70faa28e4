"""Common gaps: how many units each flag and each recommendation concerns.

Each unit counts once, with its most recent result (a country with `--group-by country`
counts once when any of its entities has the finding), so a finding repeated over
several periods is not counted twice. The most frequent come first; among equals, the
most severe or urgent, then by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .frame import Frame, Row
from .records import Finding

GRADE_ORDER = {"critical": 0, "major": 1, "minor": 2, "high": 0, "medium": 1, "low": 2}


@dataclass
class Gap:
    """A flag or recommendation and the units it concerns."""

    key: str
    grade: str
    text: str
    domain: str | None
    units: list[str] = field(default_factory=list)  # labels, in unit order
    countries: list[str] = field(default_factory=list)  # the units' countries, same order

    @property
    def count(self) -> int:
        return len(self.units)


@dataclass
class Gaps:
    units: int  # how many units the counts are out of
    flags: list[Gap]
    recommendations: list[Gap]


def latest_rows(frame: Frame) -> list[Row]:
    """Every unit's most recent row."""
    return [frame.history(unit)[-1] for unit in frame.units if frame.history(unit)]


def tally(rows: Iterable[Row], findings: Callable[[Row], Iterable[Finding]]) -> list[Gap]:
    """Count the units each finding (by key) concerns; most frequent first."""
    gaps: dict[str, Gap] = {}
    for row in rows:
        seen: set[str] = set()
        for finding in findings(row):
            if finding.key in seen:
                continue
            seen.add(finding.key)
            gap = gaps.setdefault(
                finding.key, Gap(finding.key, finding.grade, finding.text, finding.domain)
            )
            gap.units.append(row.label)
            gap.countries.append(row.country)
    return sorted(gaps.values(), key=lambda g: (-g.count, GRADE_ORDER.get(g.grade, 9), g.key))


def common_gaps(frame: Frame) -> Gaps:
    """Flags and recommendations across units (see the module docstring)."""
    rows = latest_rows(frame)
    return Gaps(
        len(rows),
        tally(rows, lambda row: (f for m in row.members for f in m.flags)),
        tally(rows, lambda row: (r for m in row.members for r in m.recommendations)),
    )
