"""Which results may be compared: one instrument family, no drafts, one result per period.

Results are only compared when they were scored with the same instrument id and major
version (the *reference family*: that of `-i` when given, else the family most results
share). Everything else is set apart with the reason, so the report can list it with
its instrument version and digest. Drafts are set apart unless asked for. When an
entity has two results for the same period one is kept, chosen deterministically:
a submitted result before a draft, then the newer instrument version, then the first
file name in sorted order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .records import Entry, Excluded, Stamp

Family = tuple[str, str]


@dataclass
class Selection:
    """The results kept for comparison and those set apart."""

    reference: Family | None
    entries: list[Entry] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    outside_periods: int = 0  # results dropped because their period was not asked for

    def stamps(self) -> list[tuple[Stamp, int]]:
        """Each instrument version (and digest) among the kept results, with its count."""
        counts = Counter(entry.stamp for entry in self.entries)
        return sorted(
            counts.items(), key=lambda item: (version_key(item[0].version), item[0].digest)
        )


def reference_family(entries: Iterable[Entry]) -> Family | None:
    """The family most results share; ties go to the first id, then the highest major."""
    counts = Counter(entry.stamp.family for entry in entries)
    if not counts:
        return None
    return min(counts, key=lambda fam: (-counts[fam], fam[0], -_int(fam[1])))


def select(
    entries: Sequence[Entry],
    *,
    reference: Family | None = None,
    include_drafts: bool = False,
    periods: Sequence[str] | None = None,
) -> Selection:
    """Split `entries` into those to compare and those set apart (see the module docstring)."""
    wanted = [e for e in entries if periods is None or e.period in periods]
    family = reference or reference_family(wanted)
    selection = Selection(family)
    kept: list[Entry] = []
    for entry in entries:
        if periods is not None and entry.period not in periods:
            selection.outside_periods += 1
        elif entry.stamp.family != family:
            selection.excluded.append(_excluded(entry, "instrument"))
        elif entry.status == "draft" and not include_drafts:
            selection.excluded.append(_excluded(entry, "draft"))
        else:
            kept.append(entry)
    selection.entries = _deduplicate(kept, selection.excluded)
    return selection


def _deduplicate(entries: list[Entry], excluded: list[Excluded]) -> list[Entry]:
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.entity, entry.period), []).append(entry)
    kept: list[Entry] = []
    for group in groups.values():
        group.sort(key=preference)
        kept.append(group[0])
        for other in group[1:]:
            excluded.append(_excluded(other, "duplicate", detail=group[0].source))
    kept.sort(key=lambda e: (e.entity, period_key(e.period)))
    return kept


def preference(entry: Entry) -> tuple[object, ...]:
    """Sort key: the result to keep among duplicates comes first."""
    newest_first = tuple(-part for part in version_key(entry.stamp.version))
    return (entry.status != "submitted", newest_first, entry.source)


def _excluded(entry: Entry, reason: str, detail: str = "") -> Excluded:
    return Excluded(
        entry.source,
        reason,  # type: ignore[arg-type]
        entity=entry.entity,
        name=entry.name,
        period=entry.period,
        stamp=entry.stamp,
        detail=detail,
    )


def version_key(version: str) -> tuple[int, ...]:
    """Semantic-version order: numbers compared as numbers, a pre-release before its release."""
    main, _, pre = version.partition("+")[0].partition("-")
    numbers = tuple(_int(part) for part in main.split("."))
    return (*numbers, 0 if pre else 1)


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


_CHUNKS = re.compile(r"(\d+)")


def period_key(period: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of period labels: '2024' < '2026', 'cycle 2' < 'cycle 10'."""
    return tuple(
        (0, int(chunk)) if chunk.isdigit() else (1, chunk.casefold())
        for chunk in _CHUNKS.split(period.strip())
        if chunk
    )


def order_periods(present: Iterable[str], requested: Sequence[str] | None = None) -> list[str]:
    """The periods to show, in order: as requested (those with data), else natural order."""
    found = set(present)
    if requested is not None:
        return [p for p in dict.fromkeys(requested) if p in found]
    return sorted(found, key=lambda p: (period_key(p), p))
