"""Change over time: per unit, between its first and last period; per period, group medians.

A unit's trend compares the first and the last period it has a result for (periods in
the report's order); a node without a score in either of the two has no change. Changes
are computed from the scores as shown (one decimal), so the numbers in the report add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..scoring.rounding import round1
from .frame import Frame, name_key
from .records import OVERALL
from .stats import median


@dataclass(frozen=True, slots=True)
class Change:
    first: float | None
    last: float | None

    @property
    def delta(self) -> float | None:
        a, b = round1(self.first), round1(self.last)
        return None if a is None or b is None else round1(b - a)


@dataclass(frozen=True)
class Trend:
    """One unit's change between its first and last period."""

    unit: str
    label: str
    first_period: str
    last_period: str
    periods: int  # how many periods the unit has results for
    changes: dict[str, Change]

    def delta(self, node: str = OVERALL) -> float | None:
        return self.changes[node].delta


@dataclass
class Trends:
    trends: list[Trend] = field(default_factory=list)  # by overall change, largest gain first
    medians: dict[str, list[float | None]] = field(default_factory=dict)  # node -> per period
    counts: list[int] = field(default_factory=list)  # rows per period
    improved: dict[str, list[Trend]] = field(default_factory=dict)  # node -> largest gain
    declined: dict[str, list[Trend]] = field(default_factory=dict)  # node -> largest loss


def unit_trends(frame: Frame) -> list[Trend]:
    """The trend of every unit with results for two periods or more."""
    found: list[Trend] = []
    for unit in frame.units:
        history = frame.history(unit)
        if len(history) < 2:
            continue
        first, last = history[0], history[-1]
        changes = {node: Change(first.score(node), last.score(node)) for node in frame.nodes}
        found.append(
            Trend(unit, frame.labels[unit], first.period, last.period, len(history), changes)
        )
    return found


def extremes(trends: list[Trend], node: str, sign: int) -> list[Trend]:
    """The trends with the largest gain (sign 1) or loss (sign -1) on `node`, ties included."""
    deltas = [(t.delta(node), t) for t in trends]
    signed = [(d * sign, t) for d, t in deltas if d is not None and d * sign > 0]
    if not signed:
        return []
    best = max(d for d, _ in signed)
    return [t for d, t in signed if d == best]


def _gain_order(trend: Trend) -> tuple[bool, float, str, str]:
    """Largest overall gain first; units without an overall change last."""
    gain = trend.delta()
    return (gain is None, -(gain or 0.0), name_key(trend.label), trend.unit)


def compute_trends(frame: Frame) -> Trends:
    """Unit trends, most improved and declined per node, and the group median per period."""
    trends = unit_trends(frame)
    trends.sort(key=_gain_order)
    result = Trends(trends)
    for node in frame.nodes:
        result.improved[node] = extremes(trends, node, 1)
        result.declined[node] = extremes(trends, node, -1)
        result.medians[node] = [
            median(row.score(node) for row in frame.rows_in(period)) for period in frame.periods
        ]
    result.counts = [len(frame.rows_in(period)) for period in frame.periods]
    return result
