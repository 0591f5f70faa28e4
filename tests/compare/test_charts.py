"""The comparative charts: escaped labels, accessible markup, the right shapes, stable bytes."""

from __future__ import annotations

import re

from capacity_eval.compare.charts import (
    BoxRow,
    RankRow,
    box_plot,
    line_chart,
    rank_intervals,
    small_radar,
)
from capacity_eval.compare.stats import summarise
from capacity_eval.reporting.views import LevelView

LEVELS = [
    LevelView(1, "Initial", "", 0, 50, 0),
    LevelView(2, "Advanced", "", 50, None, 4),
]
EVIL = '<script>alert("x")</script>'


def test_box_plot_boxes_only_for_enough_scores() -> None:
    many = [10.0, 20.0, 30.0, 40.0, 90.0]
    rows = [
        BoxRow(EVIL, summarise(many), many),
        BoxRow("Few", summarise([50.0, 60.0]), [50.0, 60.0], emphasis=True),
    ]
    svg = box_plot(rows, LEVELS, title=EVIL, desc="d", few_note="few")
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-box" role="img"'
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") == 1  # one box: the group of two gets dots and median only
    assert svg.count("<circle") == 7  # one dot per score
    assert "* few" in svg and 'font-weight="bold">Few<' in svg
    assert svg == box_plot(rows, LEVELS, title=EVIL, desc="d", few_note="few")


def test_line_chart_skips_missing_values_and_labels_line_ends() -> None:
    svg = line_chart(
        ["2024", "2025", "2026"],
        [("Law", [40.0, None, 60.0]), ("Overall", [50.0, 55.0, 70.0])],
        title="t",
        desc="d",
    )
    points = re.findall(r'<polyline points="([^"]+)"', svg)
    assert [len(p.split()) for p in points] == [2, 3]
    assert ">Law<" in svg and ">Overall<" in svg


def test_small_radar_has_one_axis_per_domain() -> None:
    svg = small_radar(
        ["1", "2", "3", "4"],
        [100.0, None, 50.0, 0.0],
        [50.0] * 4,
        title=f"Profile of {EVIL}",
        desc="d",
    )
    assert svg.count("<line") == 4 and svg.count("<polygon") == 4  # 2 rings, median, unit
    assert "&lt;script&gt;" in svg and "<script>" not in svg


def test_rank_intervals_ticks_and_bars() -> None:
    rows = [RankRow(f"Unit {i}", i, float(i), min(25, i + 3)) for i in range(1, 26)]
    svg = rank_intervals(rows, 25, title="t", desc="d")
    ticks = re.findall(r'text-anchor="middle" fill="#5c5c5c">(\d+)<', svg)
    assert ticks == ["1", "4", "7", "10", "13", "16", "19", "22", "25"]
    assert svg.count('stroke-width="4"') == 25
