"""The report context, built from an instrument and a result document only.

`build_context` is pure: no files, no clock, no environment. It works the same on a
result scored a moment ago and on one read from a file written by `score -o`; the
date it prints comes from the result (`updated`, the response's last change) or
from the `fallback_date` the caller passes (the renderer reads `SOURCE_DATE_EPOCH`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..i18n import LANGUAGES, t
from ..model import Domain, Instrument
from . import text as tx
from .actions import action_plan, evidence_register, flags, recommendations
from .annex import aggregation, annex
from .answers import question_row
from .lookup import TITLE, Lookup, as_text, report_language
from .views import Bar, DomainPart, Meta, ReportContext, SectionPart

TOP_RECOMMENDATIONS = 5
HEADER = 60
"""Longest title or entity name in the running header."""


def build_context(
    instrument: Instrument,
    result: Mapping[str, Any],
    lang: str | None = None,
    *,
    fallback_date: datetime | None = None,
) -> ReportContext:
    """Everything the report shows, in `lang` (else the result's language, else the
    instrument's default), as plain frozen data."""
    look = Lookup(instrument, result, report_language(instrument, result, lang))
    domains = tuple(
        domain_part(look, number, domain)
        for number, domain in enumerate(instrument.domains, start=1)
    )
    recs = recommendations(look)
    return ReportContext(
        meta=meta(look, fallback_date),
        levels=look.levels,
        overall=look.figures("overall"),
        domains=domains,
        domain_bars=tuple(
            Bar(d.title, d.figures.value, _tone(d.figures), d.figures.insufficient) for d in domains
        ),
        flags=flags(look),
        top_recommendations=recs[:TOP_RECOMMENDATIONS],
        recommendation_count=len(recs),
        action_plan=action_plan(look, recs),
        evidence=evidence_register(look),
        annex=annex(look),
    )


def domain_part(look: Lookup, number: int, domain: Domain) -> DomainPart:
    """One domain's part: figures, sections with their question tables, chart bars."""
    sections = []
    for section in domain.sections:
        rows = (question_row(look, q) for q in section.questions)
        sections.append(
            SectionPart(
                id=section.id,
                title=look.title(section.id),
                weight=tx.number(section.weight),
                figures=look.figures(section.id),
                questions=tuple(r for r in rows if r is not None),
            )
        )
    return DomainPart(
        id=domain.id,
        anchor=f"part-{number}",
        number=number,
        title=look.title(domain.id),
        description=tx.fit(look.text(domain.description), 2000).text,
        weight=tx.number(domain.weight),
        aggregation=aggregation(domain.aggregation, look.lang),
        figures=look.figures(domain.id),
        sections=tuple(sections),
        section_bars=tuple(
            Bar(s.title, s.figures.value, _tone(s.figures), s.figures.insufficient)
            for s in sections
        ),
    )


def _tone(figures: Any) -> int | None:
    return figures.level.tone if figures.level is not None else None


def meta(look: Lookup, fallback_date: datetime | None) -> Meta:
    """The cover's facts, the running header's texts and the PDF's metadata."""
    result, lang = look.result, look.lang
    instrument = _mapping(result.get("instrument"))
    entity = _mapping(result.get("entity"))
    digest = as_text(instrument.get("digest"))
    status = "draft" if result.get("status") == "draft" else "submitted"
    title = look.text(look.instrument.title)
    name = as_text(entity.get("name"))
    period = tx.line(as_text(result.get("period")), 100)
    moment = tx.parse_date(result.get("updated")) or fallback_date
    return Meta(
        lang=lang,
        title=tx.line(title, TITLE),
        instrument_id=look.instrument.id,
        instrument_version=look.instrument.version,
        digest=tx.line(digest, 100),
        digest_short=tx.line(digest.removeprefix("sha256:")[:12], 12),
        entity_name=tx.line(name, 500),
        entity_id=tx.line(as_text(entity.get("id")), 200),
        country=tx.line(as_text(entity.get("country")), 10),
        period=period,
        language_name=t(f"report.language.{lang}", lang) if lang in LANGUAGES else lang,
        status=status,
        status_label=t(f"report.status.{status}", lang),
        draft=status == "draft",
        date=long_date(moment, lang) if moment else "",
        date_w3c=tx.w3c_date(moment) if moment else None,
        header_title=tx.line(title, HEADER),
        header_entity=tx.line(name, HEADER),
        pdf_title=t(
            "report.pdf_title",
            lang,
            title=_plain(title, TITLE),
            entity=_plain(name, 500),
            period=_plain(as_text(result.get("period")), 100),
        ),
        author=_plain(name, 500),
    )


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _plain(text: str, limit: int) -> str:
    """Text for PDF metadata: one line, no break opportunities, capped."""
    return " ".join(tx.clean(text).split())[:limit]


def long_date(moment: datetime, lang: str) -> str:
    """A date written out in `lang` ("9 April 2026", "9 de abril de 2026")."""
    return t(
        "report.date",
        lang,
        day=moment.day,
        year=moment.year,
        month=t(f"report.month.{moment.month}", lang),
    )
