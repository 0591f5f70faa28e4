"""Aggregation methods: how a node's score combines its children's.

Each method takes (weight, score) pairs whose score is not None and whose weight is
positive, and returns the aggregate; `aggregate` does the filtering FORMAT.md asks for.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ..model import Aggregation

Pairs = Sequence[tuple[float, float]]


def weighted_mean(pairs: Pairs) -> float:
    total = weighted = 0.0
    for w, s in pairs:
        total += w
        weighted += w * s
    return weighted / total


def lowest(pairs: Pairs) -> float:
    return min(s for _, s in pairs)


def geometric_mean(pairs: Pairs) -> float:
    if any(s == 0 for _, s in pairs):
        return 0.0
    total = sum(w for w, _ in pairs)
    return math.exp(sum(w * math.log(s) for w, s in pairs) / total)


METHODS: dict[Aggregation, Callable[[Pairs], float]] = {
    Aggregation.WEIGHTED_MEAN: weighted_mean,
    Aggregation.MIN: lowest,
    Aggregation.GEOMETRIC_MEAN: geometric_mean,
}


def aggregate(method: Aggregation, children: Sequence[tuple[float, float | None]]) -> float | None:
    """Aggregate (weight, score) children, leaving out unscored and zero-weight ones."""
    pairs = [(w, s) for w, s in children if s is not None and w > 0]
    if not pairs:
        return None
    value = METHODS[method](pairs)
    return min(100.0, max(0.0, value))
