"""How numbers are shown: scores to one decimal, half away from zero."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round1(value: float | None) -> float | None:
    """`value` rounded to one decimal as people expect (62.25 -> 62.3), None stays None."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def round_ratio(value: float | None) -> float | None:
    """A ratio (coverage) kept to four decimals."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def show_score(value: float | None) -> str:
    """A score as text with one decimal, or an em dash when there is none."""
    rounded = round1(value)
    return "—" if rounded is None else f"{rounded:.1f}"
