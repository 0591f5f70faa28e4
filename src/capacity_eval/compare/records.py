"""The records a comparison is built from: one `Entry` per scored result, and what was left out.

An `Entry` is a result document reduced to what comparing needs (overall and domain
scores, flags, recommendations), with the full document kept for the long-form tables
and, when it was scored here from a response, the response kept for re-scoring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Response

OVERALL = "overall"

ExclusionReason = Literal["instrument", "draft", "duplicate", "invalid", "unscored"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One node's final score, level and coverage in one result (or one group of results)."""

    score: float | None
    level: int | None
    coverage: float | None
    insufficient: bool


EMPTY_CELL = Cell(None, None, None, False)


@dataclass(frozen=True, slots=True)
class Finding:
    """A flag or a recommendation as a result reports it."""

    key: str  # the rule id (flags) or the source question/rule id (recommendations)
    grade: str  # severity of a flag, priority of a recommendation
    text: str
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Stamp:
    """The instrument a result was scored with."""

    id: str
    version: str
    digest: str

    @property
    def major(self) -> str:
        return self.version.split(".", 1)[0]

    @property
    def family(self) -> tuple[str, str]:
        """What must match for two results to be compared: id and major version."""
        return (self.id, self.major)


@dataclass(frozen=True)
class Entry:
    """One scored result of one entity for one period."""

    source: str
    entity: str
    name: str
    country: str
    period: str
    status: str
    language: str
    stamp: Stamp
    cells: Mapping[str, Cell]  # "overall" and every domain id
    domains: tuple[str, ...]  # domain ids in the order of the result
    flags: tuple[Finding, ...] = ()
    recommendations: tuple[Finding, ...] = ()
    document: Mapping[str, Any] = field(default_factory=dict)
    response: Response | None = None

    def cell(self, node: str) -> Cell:
        return self.cells.get(node, EMPTY_CELL)


@dataclass(frozen=True, slots=True)
class Excluded:
    """An input left out of the comparison, and why."""

    source: str
    reason: ExclusionReason
    entity: str | None = None
    name: str | None = None
    period: str | None = None
    stamp: Stamp | None = None
    detail: str = ""  # the problem (invalid), the kept file (duplicate), the missing instrument
