"""Ranking by overall score: standard competition ranking ("1, 2, 2, 4").

Scores are compared as they are shown, rounded to one decimal, so two entities whose
shown scores are equal share a rank and the next rank is skipped. A unit without an
overall score is not ranked.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..scoring.rounding import round1
from .frame import Row, name_key
from .records import OVERALL

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Ranked:
    """A row with its rank (None when it has no overall score) and whether it shares it."""

    rank: int | None
    tied: bool
    row: Row


def competition_ranks(scores: Mapping[K, float | None]) -> dict[K, int]:
    """Rank of every key with a score: 1 + the number of keys with a higher rounded score."""
    rounded = {key: round1(value) for key, value in scores.items() if value is not None}
    ordered = sorted((v for v in rounded.values() if v is not None), reverse=True)
    first_at: dict[float, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_at.setdefault(value, position)
    return {key: first_at[value] for key, value in rounded.items() if value is not None}


def rank_rows(rows: Sequence[Row], node: str = OVERALL) -> list[Ranked]:
    """Rows ranked by `node`'s score, best first; ties and unranked rows by label."""
    ranks = competition_ranks({row.unit: row.score(node) for row in rows})
    shared: dict[int, int] = {}
    for rank in ranks.values():
        shared[rank] = shared.get(rank, 0) + 1
    ranked = [
        Ranked(ranks.get(row.unit), shared.get(ranks.get(row.unit, 0), 0) > 1, row) for row in rows
    ]
    big = len(rows) + 1
    ranked.sort(key=lambda r: (r.rank or big, name_key(r.row.label), r.row.unit))
    return ranked
