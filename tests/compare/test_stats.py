"""Order statistics checked against values worked out by hand (type 7 quantiles)."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capacity_eval.compare.stats import Summary, median, quantile, summarise


def test_odd_count_by_hand() -> None:
    # sorted: 10 20 30 40 50; h = 4p: q1 at h=1 -> 20, median at 2 -> 30, q3 at 3 -> 40
    assert summarise([50, 10, 40, 20, 30]) == Summary(5, 10, 20, 30, 40, 50)


def test_even_count_by_hand() -> None:
    # sorted: 10 20 40 80; h = 3p: q1 at 0.75 -> 10 + 0.75*10 = 17.5,
    # median at 1.5 -> 20 + 0.5*20 = 30, q3 at 2.25 -> 40 + 0.25*40 = 50
    assert summarise([80, 10, 40, 20]) == Summary(4, 10, 17.5, 30, 50, 80)


def test_six_scores_of_the_fixture_by_hand() -> None:
    # h = 5p: q1 at 1.25 -> 56.3 + 0.25*(81.3-56.3) = 62.55; median at 2.5 -> 84.4
    summary = summarise([43.8, 56.3, 81.3, 87.5, 87.5, 93.8])
    assert summary is not None
    assert summary.q1 == pytest.approx(62.55)
    assert summary.median == pytest.approx(84.4)
    assert summary.q3 == 87.5
    assert (summary.n, summary.minimum, summary.maximum) == (6, 43.8, 93.8)


def test_one_value_and_none_values() -> None:
    assert summarise([None, 42.0, None]) == Summary(1, 42, 42, 42, 42, 42)
    assert summarise([None, None]) is None
    assert median([]) is None
    assert median([3.0, None, 1.0]) == 2.0


def test_few_values_are_flagged() -> None:
    few = summarise([1, 2, 3, 4])
    enough = summarise([1, 2, 3, 4, 5])
    assert few is not None and few.few
    assert enough is not None and not enough.few
    assert enough.spread == 2


def test_quantile_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError):
        quantile([], 0.5)
    with pytest.raises(ValueError):
        quantile([1.0], 1.5)


@given(st.lists(st.floats(0, 100), min_size=2, max_size=40))
def test_same_as_statistics_inclusive(values: list[float]) -> None:
    summary = summarise(values)
    assert summary is not None
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert summary.q1 == pytest.approx(q1, abs=1e-9)
    assert summary.median == pytest.approx(q2, abs=1e-9)
    assert summary.q3 == pytest.approx(q3, abs=1e-9)
    assert summary.minimum <= summary.q1 <= summary.median <= summary.q3 <= summary.maximum
