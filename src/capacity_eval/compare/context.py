"""The comparative report as plain data for the templates (pure: no I/O).

`report_context(comparison, lang)` turns a `Comparison` into nested dicts and lists of
strings (already translated and formatted) and chart markup, in the order the report
shows them. Names that come from the inputs stay plain strings: the templates escape
them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import __version__
from ..i18n import t
from ..reporting.context import long_date
from ..reporting.text import clean, line, w3c_date
from .analysis import Comparison
from .charts import BoxRow, box_plot, small_radar
from .frame import Row, name_key
from .labels import Labels, score
from .parts import (
    comparability_part,
    gaps_part,
    method_part,
    sensitivity_part,
    trends_part,
)
from .records import OVERALL
from .stats import FEW

# Radars need three axes or more to be read as shapes.
MIN_RADAR_AXES = 3
# Small multiples beyond this many stop being read; the rest are in the tables and CSV.
MAX_PROFILES = 60


HEADER = 60  # longest title in the running header


def report_context(
    comparison: Comparison, lang: str, moment: datetime | None = None
) -> dict[str, Any]:
    """Everything the comparative report template shows, in `lang`; `moment` is the date
    printed (none when None: the report stays reproducible)."""
    labels = Labels(comparison.instrument, lang)
    frame = comparison.frame
    unit_word = unit_of(comparison)
    title = comparison.options.title or t("compare.title", lang)
    subtitle = _subtitle(comparison, lang)
    return {
        "meta": {
            "lang": lang,
            "pdf_title": " ".join(clean(title).split())[:300],
            "author": "capacity-eval",
            "draft": False,
            "header_title": line(title, HEADER),
            "header_entity": line(subtitle, HEADER),
            "date": long_date(moment, lang) if moment else "",
            "date_w3c": w3c_date(moment) if moment else None,
        },
        "lang": lang,
        "title": line(title, 300),
        "subtitle": line(subtitle, 300),
        "generator": f"capacity-eval {__version__}",
        "unit_heading": t(f"compare.col_{unit_word}", lang),
        "unit": unit_word,
        "group_by": frame.group_by,
        "sort": comparison.options.sort,
        "few": FEW,
        "levels": labels.levels(),
        "nodes": [{"id": n, "title": labels.node(n)} for n in frame.nodes],
        "summary": summary_part(comparison, labels),
        "overview": [overview_part(comparison, labels, p) for p in reversed(frame.periods)],
        "statistics": [statistics_part(comparison, labels, p) for p in reversed(frame.periods)],
        "ranking": ranking_part(comparison, labels),
        "profiles": profiles_part(comparison, labels),
        "trends": trends_part(comparison, labels),
        "gaps": gaps_part(comparison, labels),
        "sensitivity": sensitivity_part(comparison, labels),
        "comparability": comparability_part(comparison, labels),
        "method": method_part(comparison, labels),
    }


def _subtitle(comparison: Comparison, lang: str) -> str:
    stamps = comparison.selection.stamps()
    instrument = stamps[-1][0] if stamps else None
    periods = ", ".join(line(p, 100) for p in comparison.frame.periods)
    if instrument is None:
        return periods
    return t(
        "compare.subtitle",
        lang,
        instrument=line(instrument.id, 100),
        version=line(instrument.version, 100),
        periods=periods,
    )


def cell_part(row: Row, node: str, labels: Labels) -> dict[str, Any]:
    cell = row.cell(node)
    return {
        "score": score(cell.score),
        "level": labels.level(cell.level) if cell.score is not None else "",
        "tone": labels.tone(cell.level) if cell.score is not None else 0,
        "low": cell.insufficient,
        "coverage": labels.percent(cell.coverage),
    }


def _ranks(comparison: Comparison, period: str) -> dict[str, str]:
    ranking = comparison.ranking if period == comparison.frame.latest else []
    return {r.row.unit: rank_text(r.rank, r.tied) for r in ranking}


def rank_text(rank: int | None, tied: bool) -> str:
    """'3', '3=' when the rank is shared, '—' when unranked."""
    if rank is None:
        return "—"
    return f"{rank}=" if tied else str(rank)


def overview_part(comparison: Comparison, labels: Labels, period: str) -> dict[str, Any]:
    """The heat map of one period: units by domains, sorted as asked."""
    frame = comparison.frame
    rows = frame.rows_in(period)
    if comparison.options.sort == "score":
        rows.sort(key=lambda r: (r.score() is None, -(r.score() or 0.0), name_key(r.label)))
    ranks = _ranks(comparison, period)
    return {
        "period": labels.name(period, 100),
        "heading": t("compare.overview_period", labels.lang, period=labels.name(period, 100)),
        "rows": [
            {
                "label": labels.name(row.label),
                "country": row.country,
                "members": len(row.members),
                "rank": ranks.get(row.unit, ""),
                "cells": [cell_part(row, node, labels) for node in frame.nodes],
            }
            for row in rows
        ],
        "ranked": period == frame.latest,
        "low_count": sum(row.cell(n).insufficient for row in rows for n in frame.nodes),
    }


def statistics_part(comparison: Comparison, labels: Labels, period: str) -> dict[str, Any]:
    """The five-number summaries of one period, with the distribution chart."""
    frame, lang = comparison.frame, labels.lang
    summaries = comparison.statistics[period]
    rows = frame.rows_in(period)
    table = []
    boxes = []
    for node in frame.nodes:
        summary = summaries[node]
        title = labels.node(node)
        table.append(
            {
                "title": title,
                "overall": node == OVERALL,
                "n": summary.n if summary else 0,
                "min": score(summary.minimum) if summary else "—",
                "q1": score(summary.q1) if summary else "—",
                "median": score(summary.median) if summary else "—",
                "q3": score(summary.q3) if summary else "—",
                "max": score(summary.maximum) if summary else "—",
                "few": summary is not None and summary.few,
            }
        )
        points = [s for s in (r.score(node) for r in rows) if s is not None]
        boxes.append(BoxRow(title, summary, points, node == OVERALL))
    chart = box_plot(
        boxes,
        labels.levels(),
        title=t("compare.box_title", lang, period=labels.name(period, 100)),
        desc=t(f"compare.box_desc_{unit_of(comparison)}", lang),
        few_note=t("compare.few_note", lang, few=FEW) if any(r["few"] for r in table) else "",
    )
    return {
        "period": labels.name(period, 100),
        "heading": t("compare.statistics_period", lang, period=labels.name(period, 100)),
        "rows": table,
        "chart": chart,
        "any_few": any(r["few"] for r in table),
    }


def ranking_part(comparison: Comparison, labels: Labels) -> dict[str, Any]:
    """The ranking of the latest period."""
    return {
        "period": labels.name(comparison.frame.latest or "", 100),
        "rows": [
            {
                "rank": rank_text(r.rank, r.tied),
                "label": labels.name(r.row.label),
                "country": r.row.country,
                **cell_part(r.row, OVERALL, labels),
            }
            for r in comparison.ranking
        ],
        "ties": any(r.tied for r in comparison.ranking),
    }


def profiles_part(comparison: Comparison, labels: Labels) -> dict[str, Any] | None:
    """Small radars of each ranked unit against the group median of the latest period.

    Axes are numbered (the key above the charts gives the domain titles and medians):
    titles do not fit around a small chart.
    """
    frame, lang = comparison.frame, labels.lang
    latest = frame.latest
    if latest is None or len(frame.domains) < MIN_RADAR_AXES:
        return None
    titles = [labels.node(d) for d in frame.domains]
    numbers = [str(i) for i in range(1, len(titles) + 1)]
    summaries = comparison.statistics[latest]
    medians = [s.median if (s := summaries[d]) is not None else None for d in frame.domains]
    cards = []
    for ranked in comparison.ranking[:MAX_PROFILES]:
        row = ranked.row
        values = [row.score(d) for d in frame.domains]
        desc = "; ".join(f"{a}: {score(v)}" for a, v in zip(titles, values, strict=True))
        cards.append(
            {
                "label": labels.name(row.label),
                "rank": rank_text(ranked.rank, ranked.tied),
                "score": score(row.score()),
                "chart": small_radar(
                    numbers,
                    values,
                    medians,
                    title=t("compare.radar_title", lang, name=row.label),
                    desc=desc,
                ),
            }
        )
    left = len(comparison.ranking) - len(cards)
    return {
        "period": labels.name(latest, 100),
        "cards": cards,
        "more": t(
            f"compare.profiles_more_{unit_of(comparison)}", lang, shown=len(cards), count=left
        )
        if left
        else "",
        "key": [
            {"number": number, "title": title, "median": score(m)}
            for number, title, m in zip(numbers, titles, medians, strict=True)
        ],
    }


def summary_part(comparison: Comparison, labels: Labels) -> dict[str, Any]:
    """Key figures and the sentences at the top of the report."""
    frame, lang = comparison.frame, labels.lang
    latest = frame.latest
    facts = [
        (t(f"compare.fact_units_{unit_of(comparison)}", lang), str(len(frame.units))),
        _second_count(comparison, lang),
        (t("compare.fact_results", lang), str(len(comparison.selection.entries))),
        (t("compare.fact_periods", lang), ", ".join(frame.periods)),
        (t("compare.fact_excluded", lang), str(len(comparison.excluded))),
    ]
    sentences: list[str] = []
    if latest is not None:
        sentences += _latest_sentences(comparison, labels, latest)
    low = sum(r.cell(n).insufficient for r in frame.rows.values() for n in frame.nodes)
    total = sum(r.cell(n).score is not None for r in frame.rows.values() for n in frame.nodes)
    if low:
        sentences.append(t("compare.sentence_low", lang, low=low, total=total))
    return {
        "facts": facts,
        "sentences": sentences,
        "excluded": len(comparison.excluded),
        "drafts": sum(e.status == "draft" for e in comparison.selection.entries),
    }


def _latest_sentences(comparison: Comparison, labels: Labels, latest: str) -> list[str]:
    lang = labels.lang
    summaries = comparison.statistics[latest]
    overall = summaries[OVERALL]
    sentences: list[str] = []
    if overall is not None:
        level = labels.level(_level_of(comparison, overall.median))
        sentences.append(
            t(
                f"compare.sentence_median_{unit_of(comparison)}",
                lang,
                period=labels.name(latest, 100),
                n=overall.n,
                median=score(overall.median),
                level=level,
                q1=score(overall.q1),
                q3=score(overall.q3),
            )
        )
    ranked = [(s.median, d) for d in comparison.frame.domains if (s := summaries[d]) is not None]
    if len(ranked) >= 2:
        high, low = max(ranked), min(ranked)
        sentences.append(
            t(
                "compare.sentence_domains",
                lang,
                strong=labels.node(high[1]),
                strong_median=score(high[0]),
                weak=labels.node(low[1]),
                weak_median=score(low[0]),
            )
        )
    return sentences


def unit_of(comparison: Comparison) -> str:
    """'entity' or 'country': what the report's rows are, for the words that name them."""
    return "country" if comparison.frame.group_by == "country" else "entity"


def _second_count(comparison: Comparison, lang: str) -> tuple[str, str]:
    """How many countries the entities are from, or how many entities the countries have."""
    rows = comparison.frame.rows.values()
    if comparison.frame.group_by == "country":
        entities = {m.entity for r in rows for m in r.members}
        return t("compare.fact_entities", lang), str(len(entities))
    return t("compare.fact_countries", lang), str(len({r.country for r in rows}))


def _level_of(comparison: Comparison, value: float) -> int | None:
    if comparison.instrument is None:
        return None
    from ..scoring.plan import plan_for

    return plan_for(comparison.instrument).level_of(value)
