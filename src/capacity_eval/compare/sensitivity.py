"""How much the ranking depends on the domain weights: re-scoring with perturbed weights.

Each run multiplies every domain weight by a factor drawn uniformly from
[1 - spread, 1 + spread] (the same factor for a domain id in every instrument version
of the comparison), re-scores every response with the engine (so rules that read the
overall score are re-evaluated too) and ranks the units as the report does. From the
runs, each unit gets its median rank and a 90% interval: the 5th and 95th percentiles
of its ranks (type 7 quantiles), widened to whole ranks. Draws come from
`random.Random(seed)`, so a report is reproducible.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Instrument
from ..scoring.engine import evaluate, read_answers
from ..scoring.plan import Plan, plan_for
from .frame import Frame, Row, name_key
from .ranking import competition_ranks
from .records import OVERALL, Entry
from .stats import median, quantile

DEFAULT_SEED = 20240
DEFAULT_SPREAD = 0.25


@dataclass(frozen=True, slots=True)
class RankInterval:
    unit: str
    label: str
    rank: int  # rank with the instrument's own weights, among the units re-scored
    median: float
    low: int
    high: int


@dataclass
class Sensitivity:
    runs: int
    spread: float
    seed: int
    period: str
    intervals: list[RankInterval] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # labels of units without responses


def perturbed(instrument: Instrument, factors: Mapping[str, float]) -> Instrument:
    """A copy of `instrument` whose domain weights are multiplied by `factors` (by domain id)."""
    domains = [
        d.model_copy(update={"weight": d.weight * factors.get(d.id, 1.0)})
        for d in instrument.domains
    ]
    copy = instrument.model_copy(update={"domains": domains})
    copy._compiled = None  # model_copy keeps the private cache: the plan must be rebuilt
    return copy


def draw_factors(rng: random.Random, domains: Sequence[str], spread: float) -> dict[str, float]:
    return {domain: rng.uniform(1 - spread, 1 + spread) for domain in domains}


def rank_sensitivity(
    frame: Frame,
    instruments: Mapping[tuple[str, str], Instrument],
    runs: int,
    *,
    seed: int = DEFAULT_SEED,
    spread: float = DEFAULT_SPREAD,
    period: str | None = None,
) -> Sensitivity | None:
    """Rank intervals of the units of `period` (default: the latest) over `runs` re-scorings.

    Units whose results were not scored here from responses cannot be re-scored; they are
    left out and named. None when no unit can be re-scored.
    """
    period = period or frame.latest
    if period is None or runs < 1:
        return None
    result = Sensitivity(runs, spread, seed, period)
    rows: list[Row] = []
    for row in frame.rows_in(period):
        usable = row.score() is not None and all(
            m.response is not None and _key(m) in instruments for m in row.members
        )
        if usable:
            rows.append(row)
        else:
            result.left_out.append(row.label)
    if not rows:
        return None
    rescorer = _Rescorer(instruments, rows)
    rng = random.Random(seed)
    ranks: dict[str, list[int]] = {row.unit: [] for row in rows}
    for _ in range(runs):
        scores = rescorer.run(draw_factors(rng, frame.domains, spread))
        for unit, rank in competition_ranks(scores).items():
            ranks[unit].append(rank)
    base = competition_ranks({row.unit: row.score() for row in rows})
    for row in rows:
        ordered = sorted(ranks[row.unit])
        result.intervals.append(
            RankInterval(
                row.unit,
                row.label,
                base[row.unit],
                quantile(ordered, 0.5),
                math.floor(quantile(ordered, 0.05)),
                math.ceil(quantile(ordered, 0.95)),
            )
        )
    result.intervals.sort(key=lambda r: (r.rank, r.median, name_key(r.label), r.unit))
    return result


def _key(entry: Entry) -> tuple[str, str]:
    return (entry.stamp.id, entry.stamp.version)


class _Rescorer:
    """Re-scores the members of `rows` under perturbed domain weights."""

    def __init__(self, instruments: Mapping[tuple[str, str], Instrument], rows: list[Row]):
        self.instruments = {key: instruments[key] for row in rows for key in map(_key, row.members)}
        self.rows = rows
        self.values: dict[int, list[Any]] = {}
        for row in rows:
            for member in row.members:
                assert member.response is not None
                plan = plan_for(self.instruments[_key(member)])
                self.values[id(member)] = read_answers(plan, member.response)[0]

    def run(self, factors: Mapping[str, float]) -> dict[str, float | None]:
        plans: dict[tuple[str, str], Plan] = {
            key: plan_for(perturbed(instrument, factors))
            for key, instrument in self.instruments.items()
        }
        scores: dict[str, float | None] = {}
        for row in self.rows:
            overall = []
            for member in row.members:
                assert member.response is not None
                scored = evaluate(plans[_key(member)], member.response, self.values[id(member)])
                overall.append(scored.final[OVERALL])
            scores[row.unit] = median(overall)
        return scores
