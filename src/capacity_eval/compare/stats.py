"""Order statistics of scores: median, quartiles, minimum and maximum.

Levels are ordinal, so groups are summarised by medians and quartiles rather than means.
Quantiles use linear interpolation between order statistics, the "inclusive" method
(Hyndman and Fan type 7, the default of R, NumPy and spreadsheet QUARTILE.INC, and
Python's `statistics.quantiles(method="inclusive")`): for sorted values x[0..n-1], the
p-quantile is x[h] interpolated at h = (n - 1) * p.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Below this many values a summary is shown with a caveat: quartiles of 3 or 4 numbers
# say little about a group.
FEW = 5


@dataclass(frozen=True, slots=True)
class Summary:
    """Five-number summary of a group of scores (None values are left out before)."""

    n: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float

    @property
    def few(self) -> bool:
        """True when the group is too small for its quartiles to mean much."""
        return self.n < FEW

    @property
    def spread(self) -> float:
        """The interquartile range."""
        return self.q3 - self.q1


def quantile(ordered: Sequence[float], p: float) -> float:
    """The p-quantile (0 <= p <= 1) of sorted, non-empty values, type 7 interpolation."""
    if not ordered:
        raise ValueError("quantile of no values")
    if not 0 <= p <= 1:
        raise ValueError("p must be between 0 and 1")
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values that are not None, or None when there are none."""
    ordered = sorted(v for v in values if v is not None)
    return quantile(ordered, 0.5) if ordered else None


def summarise(values: Iterable[float | None]) -> Summary | None:
    """Five-number summary of the values that are not None, or None when there are none."""
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    return Summary(
        len(ordered),
        ordered[0],
        quantile(ordered, 0.25),
        quantile(ordered, 0.5),
        quantile(ordered, 0.75),
        ordered[-1],
    )
