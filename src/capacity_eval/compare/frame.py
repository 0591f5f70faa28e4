"""The comparison table: one row per unit (an entity, or a country) and period.

With `--group-by country`, the entities of a country are combined per period: each
node's score is the median of the entities' scores, its level that of the median score,
its coverage the median coverage, and it is marked insufficient when any of the
entities' scores is (a caveat is better shown once too often than hidden).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .comparability import order_periods
from .records import EMPTY_CELL, OVERALL, Cell, Entry
from .stats import median

GroupBy = Literal["entity", "country"]
LevelOf = Callable[[float], int]


@dataclass(frozen=True)
class Row:
    """One unit in one period."""

    unit: str  # entity id, or country code
    label: str  # entity name, or country code
    country: str
    period: str
    cells: Mapping[str, Cell]
    members: tuple[Entry, ...]

    def cell(self, node: str) -> Cell:
        return self.cells.get(node, EMPTY_CELL)

    def score(self, node: str = OVERALL) -> float | None:
        return self.cell(node).score


@dataclass
class Frame:
    """Rows by unit and period, with the periods and domains in display order."""

    group_by: GroupBy
    periods: list[str]
    domains: list[str]
    rows: dict[tuple[str, str], Row] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def nodes(self) -> list[str]:
        """The domains, then `overall`."""
        return [*self.domains, OVERALL]

    @property
    def units(self) -> list[str]:
        """Every unit, by label then id."""
        return sorted(self.labels, key=lambda u: (name_key(self.labels[u]), u))

    @property
    def latest(self) -> str | None:
        return self.periods[-1] if self.periods else None

    def rows_in(self, period: str) -> list[Row]:
        """The rows of one period, by label."""
        return [self.rows[(u, period)] for u in self.units if (u, period) in self.rows]

    def history(self, unit: str) -> list[Row]:
        """A unit's rows in period order."""
        return [self.rows[(unit, p)] for p in self.periods if (unit, p) in self.rows]


def name_key(name: str) -> str:
    """Sort key of a name: accents and case ignored ('Ministère' sorts with 'Ministerio')."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def build_frame(
    entries: Sequence[Entry],
    *,
    group_by: GroupBy = "entity",
    domains: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    level_of: LevelOf | None = None,
) -> Frame:
    """Arrange selected entries (one per entity and period) into a `Frame`."""
    order = order_periods((e.period for e in entries), periods)
    frame = Frame(group_by, order, list(domains) if domains else domains_of(entries))
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        if entry.period in order:
            unit = entry.entity if group_by == "entity" else entry.country
            groups.setdefault((unit, entry.period), []).append(entry)
    rank = {p: i for i, p in enumerate(order)}
    for (unit, period), members in sorted(groups.items(), key=lambda kv: rank[kv[0][1]]):
        members.sort(key=lambda e: e.entity)
        if group_by == "entity":
            row = Row(
                unit, members[0].name, members[0].country, period, members[0].cells, tuple(members)
            )
        else:
            row = Row(
                unit, unit, unit, period, combine(members, frame.nodes, level_of), tuple(members)
            )
        frame.rows[(unit, period)] = row
        frame.labels[unit] = row.label  # the latest period's name wins
    return frame


def domains_of(entries: Sequence[Entry]) -> list[str]:
    """Domain ids in the order results list them (first seen first)."""
    seen: dict[str, None] = {}
    for entry in entries:
        for domain in entry.domains:
            seen.setdefault(domain, None)
    return list(seen)


def combine(
    members: Sequence[Entry], nodes: Sequence[str], level_of: LevelOf | None
) -> dict[str, Cell]:
    """The cells of a group of entities: medians of scores and coverages (module docstring)."""
    cells: dict[str, Cell] = {}
    for node in nodes:
        member_cells = [m.cell(node) for m in members]
        score = median(c.score for c in member_cells)
        level = None
        if score is not None:
            level = level_of(score) if level_of is not None else _same_level(member_cells)
        cells[node] = Cell(
            score,
            level,
            median(c.coverage for c in member_cells),
            any(c.insufficient for c in member_cells),
        )
    return cells


def _same_level(cells: Sequence[Cell]) -> int | None:
    """Without the instrument's levels, a median's level is known only when all agree."""
    levels = {c.level for c in cells if c.score is not None}
    return levels.pop() if len(levels) == 1 else None
