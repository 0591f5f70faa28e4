"""Hand-written SVG charts: escaped, deterministic, free of ids, scripts and styles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from capacity_eval.reporting.charts import bar_chart, radar_chart, wrap
from capacity_eval.reporting.views import Bar, LevelView

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = (
    LevelView(1, "Initial", "", 0, 40, 0),
    LevelView(2, "Established", "", 40, 75, 2),
    LevelView(3, "Leading", "", 75, None, 4),
)
HOSTILE = '<script>alert(1)</script> " onload="x" {{ 7*7 }}'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_bar_chart_draws_one_bar_per_score_and_escapes_labels() -> None:
    bars = [Bar(HOSTILE, 62.25, 2), Bar("Policing", None, None), Bar("Victims", 25.0, 0, True)]
    svg = bar_chart(bars, LEVELS, title="Scores <by> domain", marked_note="insufficient coverage")
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Scores <by> domain"
    drawn = [r for r in root.iter(f"{SVG}rect") if r.get("stroke")]
    assert len(drawn) == 2 and drawn[1].get("stroke-dasharray") == "3 2"
    labels = texts(root)
    assert "62.2" in labels or "62.3" in labels
    assert "—" in labels and "25.0 *" in labels and "* insufficient coverage" in labels
    assert any("<script>" in label for label in labels)  # shown as text, not markup
    assert "<script" not in svg and 'onload="x"' not in svg


def test_bar_chart_has_no_ids_styles_scripts_or_links() -> None:
    svg = bar_chart([Bar("A", 10.0, 0)], LEVELS, title="t")
    assert not re.search(r"\b(id|style|href|src)=", svg)
    assert "<script" not in svg and "<style" not in svg and "url(" not in svg


def test_marked_note_only_when_a_bar_is_marked() -> None:
    svg = bar_chart([Bar("A", 10.0, 0)], LEVELS, title="t", marked_note="insufficient")
    assert "insufficient" not in svg


def test_same_numbers_same_bytes() -> None:
    bars = [Bar("Legislación", 84.6, 4), Bar("Policía", 38.8, 1), Bar("Víctimas", 50.0, 2)]
    assert radar_chart(bars, LEVELS, title="r") == radar_chart(list(bars), LEVELS, title="r")
    assert bar_chart(bars, LEVELS, title="b") == bar_chart(list(bars), LEVELS, title="b")


def test_radar_has_one_vertex_per_axis_and_rings_at_thresholds() -> None:
    bars = [Bar(f"Domain {i}", 20.0 * i, 0) for i in range(5)]
    root = parse(radar_chart(bars, LEVELS, title="r"))
    polygons = [p.get("points") for p in root.iter(f"{SVG}polygon")]
    assert len(polygons) == 4  # rings at 40, 75 and 100, then the scores
    assert all(len(points.split()) == 5 for points in polygons)
    assert polygons[-1].split()[0] == "220,158"  # score 0 on the first axis: the centre
    assert [t for t in texts(root) if t in ("40", "75", "100")] == ["40", "75", "100"]
    assert "80.0" in texts(root) and "Domain 4" in texts(root)


def test_wrap_keeps_at_most_the_lines_asked_and_ends_with_an_ellipsis() -> None:
    assert wrap("Gestión policial y coordinación de las fuerzas del orden", 100, 9) == [
        "Gestión policial y",
        "coordinación de…",
    ]
    assert wrap("Short", 100, 9) == ["Short"]
    assert wrap("x" * 80, 50, 9, lines=1) == ["x" * 8 + "…"]


def test_radar_draws_no_polygon_through_a_missing_score() -> None:
    bars = [Bar("A", 60.0, 2), Bar("B", None, None), Bar("C", 30.0, 1), Bar("D", 90.0, 4)]
    root = parse(radar_chart(bars, LEVELS, title="r"))
    assert len(list(root.iter(f"{SVG}polygon"))) == 3  # the rings only
    spokes = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke-width") == "2.4"]
    assert len(spokes) == 3 and "—" in texts(root)
