"""The report context is built from (instrument, result document) alone, in any language."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from capacity_eval.model import Instrument
from capacity_eval.reporting.context import build_context

from .conftest import scored_document

NNBSP = "\u202f"


def rows(context: Any, domain: int) -> dict[str, Any]:
    return {q.id: q for s in context.domains[domain].sections for q in s.questions}


def test_overall_figures_are_the_result_s(instrument: Instrument, result: dict[str, Any]) -> None:
    c = build_context(instrument, result, "en")
    # law 50 (weight 1), police 100 (weight 2), victims capped from 50 to 25 (weight 1)
    assert (c.overall.score, c.overall.raw) == ("68.8", "75.0")  # 68.75 rounds half up
    assert (c.overall.level.id, c.overall.level.label) == (2, "Established")
    assert c.overall.level.description == "The basics work."
    assert (c.overall.coverage, c.overall.answered, c.overall.applicable) == ("78%", 7, 9)
    assert [d.title for d in c.domains] == ["Legislation", "Policing", "Victim assistance"]
    assert [(b.label, b.value, b.tone, b.marked) for b in c.domain_bars] == [
        ("Legislation", 50.0, 2, False),
        ("Policing", 100.0, 4, False),
        ("Victim assistance", 25.0, 0, True),
    ]


def test_caps_say_which_rule_and_why(instrument: Instrument, result: dict[str, Any]) -> None:
    victims = build_context(instrument, result, "en").domains[2]
    assert victims.figures.insufficient and victims.figures.coverage == "33%"
    assert (victims.figures.score, victims.figures.raw) == ("25.0", "50.0")
    (cap,) = victims.figures.caps
    assert (cap.rule, cap.max, cap.binding) == ("no-victims-fund", "25.0", True)
    assert cap.reason == "Without a victims' fund assistance cannot be sustained."


def test_question_rows(instrument: Instrument, result: dict[str, Any]) -> None:
    c = build_context(instrument, result, "en")
    law, police, victims = rows(c, 0), rows(c, 1), rows(c, 2)
    assert list(law) == ["L1", "L2"]  # L3 is hidden by its show_if
    assert (law["L1"].answer, law["L1"].score, law["L1"].status) == (
        "Partially",
        "50.0",
        "answered",
    )
    assert law["L1"].evidence == ("Bill 12/2025", "Parliament record of 3 March 2026")
    assert law["L1"].note.startswith("The draft law passed its first reading")
    assert police["P1"].answer == "Human rights; Use of force"
    assert police["POP"].answer == f"2{NNBSP}500{NNBSP}000 inhabitants"
    assert (police["POP"].score, police["RATE"].answer, police["RATE"].score) == (
        "—",
        "240",
        "100.0",
    )
    assert police["NOTE"].answer == "Training records are kept by each province."
    assert (victims["V2"].status, victims["V2"].answer, victims["V2"].score) == (
        "unanswered",
        "",
        "—",
    )


def test_not_applicable_is_shown_as_such(
    instrument: Instrument, response_text: Any, write: Any
) -> None:
    text = response_text().replace("  OFF: 6000\n", "  OFF: n/a\n")
    result = scored_document(write("na.yaml", text))
    row = rows(build_context(instrument, result, "es"), 1)["OFF"]
    assert (row.status, row.answer, row.score) == ("na", "No aplica", "—")


def test_flags_recommendations_and_plan(instrument: Instrument, result: dict[str, Any]) -> None:
    c = build_context(instrument, result, "en")
    assert [(f.severity, f.message) for f in c.flags] == [
        ("critical", "No victims' fund."),
        ("minor", "Policing is ahead of the other domains."),
    ]
    assert [(r.source, r.priority, r.domain) for r in c.top_recommendations] == [
        ("no-victims-fund", "high", "victims"),
        ("L2", "medium", "law"),
    ]
    assert c.top_recommendations[1].about == "How mature is the policy?"
    assert [(p.priority, [g.title for g in p.groups]) for p in c.action_plan] == [
        ("high", ["Victim assistance"]),
        ("medium", ["Legislation"]),
    ]
    assert [(e.question, e.items) for e in c.evidence] == [
        ("L1", ("Bill 12/2025", "Parliament record of 3 March 2026")),
        ("V1", ("Decree 45/2024",)),
    ]


def test_texts_follow_the_report_language_not_the_result_s(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    assert result["language"] == "en"
    c = build_context(instrument, result, "fr")
    assert c.meta.lang == "fr" and c.domains[2].title == "Aide aux victimes"
    assert c.flags[0].message == "Aucun fonds pour les victimes."
    assert c.top_recommendations[0].text == "Financer l'aide aux victimes dans le prochain budget."
    assert rows(c, 0)["L1"].answer == "Partiellement"
    assert c.meta.date == "14 mars 2026" and c.meta.status_label == "Soumise"


def test_language_falls_back_to_the_result_s_then_the_instrument_s(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    assert build_context(instrument, result, "de").meta.lang == "en"
    assert build_context(instrument, {**result, "language": "pt"}).meta.lang == "pt"


def test_annex(instrument: Instrument, result: dict[str, Any]) -> None:
    annex = build_context(instrument, result, "es").annex
    assert (annex.min_coverage, annex.recommend_below) == ("60%", "50")
    assert [r.id for r in annex.rules] == ["no-victims-fund", "police-strong"]
    assert annex.rules[0].effects == (
        "limita Asistencia a víctimas a 25.0",
        "emite una alerta crítica: No hay fondo para víctimas.",
        "recomienda (prioridad alta): Financiar la asistencia a víctimas en el próximo "
        "presupuesto.",
    )
    assert [(w.title, w.weight, w.share) for w in annex.weights if w.depth == 0] == [
        ("Legislación", "1", "25%"),
        ("Policía", "2", "50%"),
        ("Asistencia a víctimas", "1", "25%"),
    ]


def test_meta_and_dates(instrument: Instrument, result: dict[str, Any]) -> None:
    meta = build_context(instrument, result, "es").meta
    assert (meta.entity_name, meta.country, meta.period) == (
        "Ministerio del Interior de Arcadia",
        "XAA",
        "2026",
    )
    assert (meta.date, meta.date_w3c) == ("14 de marzo de 2026", "2026-03-14T09:30:00-05:00")
    assert meta.pdf_title == (
        "Evaluación de capacidad reducida — Ministerio del Interior de Arcadia (2026)"
    )
    assert meta.digest_short == result["instrument"]["digest"].removeprefix("sha256:")[:12]
    assert not meta.draft and meta.language_name == "Español"


def test_date_comes_from_the_fallback_when_the_result_has_none(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    del result["updated"]
    assert build_context(instrument, result, "en").meta.date == ""
    epoch = datetime(2025, 12, 1, tzinfo=UTC)
    meta = build_context(instrument, result, "pt", fallback_date=epoch).meta
    assert (meta.date, meta.date_w3c) == ("1 de dezembro de 2025", "2025-12-01T00:00:00Z")


def test_a_result_file_gives_the_same_context(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    reread = json.loads(json.dumps(result))
    assert build_context(instrument, reread, "en") == build_context(instrument, result, "en")


def test_a_damaged_result_gives_gaps_not_a_crash(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    del result["nodes"]["victims"], result["nodes"]["L1"]
    result["nodes"]["L2"]["score"] = "high"
    result["flags"].append({"rule": 3, "severity": "fatal"})
    result["recommendations"] = "none"
    result["entity"] = None
    c = build_context(instrument, result, "en")
    assert c.domains[2].figures.score == "—" and c.domains[2].figures.level is None
    assert rows(c, 0)["L1"].status == "unanswered" and rows(c, 0)["L2"].score == "—"
    assert len(c.flags) == 2 and c.recommendation_count == 0 and c.meta.entity_name == ""


def test_numbers_written_as_text_read_as_numbers(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    """A result read from YAML keeps the scalars of its extra keys as text."""
    as_text = json.loads(json.dumps(result), parse_float=str, parse_int=str)
    texts = build_context(instrument, as_text, "en")
    assert rows(texts, 1)["POP"].answer == f"2{NNBSP}500{NNBSP}000 inhabitants"
    assert (texts.overall.score, texts.overall.answered) == ("68.8", 7)
