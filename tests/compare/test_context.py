"""The report context: hand-checked sentences, rows, ranks and tones, in two languages."""

from __future__ import annotations

from typing import Any

import pytest

from capacity_eval.compare.context import report_context
from capacity_eval.model import Instrument

from .support import FIXTURES, comparison_of


@pytest.fixture(scope="module")
def comparison(trio: Instrument) -> Any:
    return comparison_of([FIXTURES], trio)


def test_summary_sentences_by_hand(comparison: Any) -> None:
    summary = report_context(comparison, "en")["summary"]
    # 2026 overall: 43.8 56.3 81.3 87.5 87.5 93.8 -> median 84.4 (level 4 from 75),
    # Q1 = 56.3 + 0.25 * 25 = 62.55 -> 62.6 (half up), Q3 = 87.5
    assert summary["sentences"] == [
        "In 2026, the median overall score of the 6 entities compared is 84.4 (Advanced); "
        "half of them score between 62.6 and 87.5.",
        # law: 50 75 100 100 100 100 -> 100; police: 50 50 75 75 75 100 -> 75;
        # care: 0 50 75 100 100 100 -> 87.5
        "The strongest domain by median score is Legislation (100.0); "
        "the weakest is Policing (75.0).",
        "1 of 36 scores rest on insufficient coverage: they are marked with an asterisk (*) "
        "and should be read with care.",
    ]
    assert summary["facts"] == [
        ("Entities compared", "6"),
        ("Countries", "5"),
        ("Results compared", "9"),
        ("Periods", "2024, 2026"),
        ("Inputs set apart", "3"),
    ]


def test_overview_sorted_by_score_with_shared_ranks(comparison: Any) -> None:
    latest, earlier = report_context(comparison, "en")["overview"]
    assert latest["period"] == "2026" and latest["ranked"]
    assert [(r["rank"], r["label"]) for r in latest["rows"]] == [
        ("1", "Ministry of the Interior of XA"),
        ("2=", "Ministère de la Sécurité publique de XF"),  # accents ignored in name order
        ("2=", "Ministry of Justice of XC"),
        ("4", "Ministry of Government of XD"),
        ("5", "Secretaría de Seguridad & Justicia <XB>"),
        ("6", "National Police of XD"),
    ]
    xc = latest["rows"][2]["cells"]  # law, police, care, overall
    assert [(c["score"], c["level"], c["tone"], c["low"]) for c in xc] == [
        ("100.0", "Advanced", "4", False),
        ("50.0", "Established", "3", True),  # 1 of 2 police questions answered
        ("100.0", "Advanced", "4", False),
        ("87.5", "Advanced", "4", False),
    ]
    assert not earlier["ranked"] and earlier["period"] == "2024"
    assert [c["tone"] for c in earlier["rows"][2]["cells"]] == ["0", "4", "3", "1"]


def test_sorting_by_name(trio: Instrument) -> None:
    by_name = comparison_of([FIXTURES], trio, sort="name")
    rows = report_context(by_name, "en")["overview"][0]["rows"]
    assert [r["label"][:12] for r in rows] == [
        "Ministère de",
        "Ministry of ",
        "Ministry of ",
        "Ministry of ",
        "National Pol",
        "Secretaría d",
    ]


def test_trends_gaps_and_comparability(comparison: Any) -> None:
    context = report_context(comparison, "en")
    trends = context["trends"]
    assert trends["periods"] == ["2024", "2026"] and trends["counts"] == [3, 6]
    assert [(c["label"], [d["text"] for d in c["deltas"]]) for c in trends["changes"]] == [
        ("Ministry of the Interior of XA", ["+25.0", "+50.0", "+25.0", "+31.3"]),
        ("Secretaría de Seguridad & Justicia <XB>", ["+50.0", "−25.0", "0.0", "+16.3"]),
        ("National Police of XD", ["+25.0", "+50.0", "−50.0", "−6.2"]),
    ]
    overall = trends["extremes"][-1]
    assert overall["improved"] == "Ministry of the Interior of XA (+31.3)"
    assert overall["declined"] == "National Police of XD (−6.2)"
    gaps = context["gaps"]
    assert [(g["key"], g["share"], g["names"]) for g in gaps["flags"]] == [
        (
            "no-shelters",
            "2 of 6 (33%)",
            "XDD · National Police of XD; XBB · Secretaría de Seguridad & Justicia <X…",
        ),
    ]
    assert [g["text"] for g in gaps["recommendations"]] == [
        "Open shelters.",
        "Fund shelters in every region.",
    ]
    excluded = context["comparability"]["excluded"]
    assert [(x["reason_id"], x["instrument"]) for x in excluded] == [
        ("draft", "trio 1.0.0"),
        ("duplicate", "trio 1.0.0"),
        ("instrument", "trio 2.0.0"),
    ]
    assert excluded[2]["digest"].startswith("sha256:9670552e")


def test_spanish_context_uses_instrument_and_catalogue(comparison: Any) -> None:
    context = report_context(comparison, "es")
    assert context["title"] == "Informe comparativo de evaluación"
    assert [n["title"] for n in context["nodes"]] == [
        "Legislación",
        "Policía",
        "Atención a víctimas",
        "Global",
    ]
    assert context["summary"]["sentences"][0] == (
        "En 2026, la puntuación global mediana de las 6 entidades comparadas es 84.4 "
        "(Avanzado); la mitad de ellas obtiene entre 62.6 y 87.5."
    )
    assert context["gaps"]["flags"][0]["text"] == "No hay refugios."


def test_country_grouping_context(trio: Instrument) -> None:
    context = report_context(comparison_of([FIXTURES], trio, group_by="country"), "en")
    assert context["unit_heading"] == "Country"
    rows = context["overview"][0]["rows"]
    assert [(r["label"], r["members"], r["cells"][-1]["score"]) for r in rows] == [
        ("XAA", 1, "93.8"),
        ("XCC", 1, "87.5"),
        ("XFF", 1, "87.5"),
        ("XDD", 2, "62.6"),  # median of 43.8 and 81.3 = 62.55, shown half up
        ("XBB", 1, "56.3"),
    ]
    assert context["summary"]["facts"][:2] == [("Countries compared", "5"), ("Entities", "6")]
    assert any("rows are countries" in p for p in context["method"])


def test_long_names_are_capped_and_breakable(trio: Instrument, tmp_path: Any) -> None:
    text = (FIXTURES / "responses" / "xc-2026.yaml").read_text(encoding="utf-8")
    long_name = "X" * 400
    (tmp_path / "long.yaml").write_text(
        text.replace("Ministry of Justice of XC", long_name), encoding="utf-8"
    )
    context = report_context(comparison_of([tmp_path], trio), "en")
    label = context["overview"][0]["rows"][0]["label"]
    assert label.replace("\u200b", "").startswith("X" * 150) and label.endswith("…")
    assert len(label.replace("\u200b", "")) == 200 and "\u200b" in label
