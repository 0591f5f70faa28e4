"""How numbers are shown: scores to one decimal, half away from zero."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_TENTH = Decimal("0.1")
_TEN_THOUSANDTH = Decimal("0.0001")


def round1(value: float | None) -> float | None:
    """`value` rounded to one decimal as people expect (62.25 -> 62.3), None stays None."""
    return None if value is None else _rounded(value, _TENTH)


def round_ratio(value: float | None) -> float | None:
    """A ratio (coverage) kept to four decimals."""
    return None if value is None else _rounded(value, _TEN_THOUSANDTH)


@lru_cache(maxsize=8192)  # the same scores recur across questions and responses
def _rounded(value: float, step: Decimal) -> float:
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def show_score(value: float | None) -> str:
    """A score as text with one decimal, or an em dash when there is none."""
    rounded = round1(value)
    return "—" if rounded is None else f"{rounded:.1f}"
