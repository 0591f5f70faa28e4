"""Report context for trends, common gaps, sensitivity, comparability and the method note."""

from __future__ import annotations

from typing import Any

from ..i18n import t
from .analysis import Comparison
from .charts import RankRow, line_chart, rank_intervals
from .gaps import Gap
from .labels import Labels, delta, score
from .stats import FEW

# How many names a gap lists before "and N more", and how long each may be.
NAMES_SHOWN = 6
NAME_IN_LIST = 44
# How many recommendations the report lists (the most frequent); the XLSX has them all.
RECOMMENDATIONS_SHOWN = 25


def trends_part(comparison: Comparison, labels: Labels) -> dict[str, Any] | None:
    """Group medians per period (table and chart) and each unit's change; None for one period."""
    frame, trends, lang = comparison.frame, comparison.trends, labels.lang
    if len(frame.periods) < 2:
        return None
    nodes = frame.nodes
    medians = [
        {"title": labels.node(n), "values": [score(v) for v in trends.medians[n]]} for n in nodes
    ]
    series = [(labels.node(n), trends.medians[n]) for n in nodes]
    desc = "; ".join(
        f"{row['title']}: "
        + ", ".join(f"{p} {v}" for p, v in zip(frame.periods, row["values"], strict=True))
        for row in medians
    )
    changes = [
        {
            "label": labels.name(trend.label),
            "span": t(
                "compare.span",
                lang,
                first=labels.name(trend.first_period, 100),
                last=labels.name(trend.last_period, 100),
            ),
            "deltas": [_delta_cell(trend.delta(n)) for n in nodes],
        }
        for trend in trends.trends
    ]
    extremes = [
        {
            "title": labels.node(n),
            "improved": _extreme(trends.improved[n], n),
            "declined": _extreme(trends.declined[n], n),
        }
        for n in nodes
    ]
    return {
        "periods": [labels.name(p, 100) for p in frame.periods],
        "counts": trends.counts,
        "medians": medians,
        "chart": line_chart(
            frame.periods, series, title=t("compare.trend_chart_title", lang), desc=desc
        ),
        "changes": changes,
        "extremes": extremes,
    }


def _delta_cell(value: float | None) -> dict[str, str]:
    direction = (
        "none" if value is None else ("up" if value > 0 else "down" if value < 0 else "flat")
    )
    return {"text": delta(value), "direction": direction}


def _extreme(trends: list[Any], node: str) -> str:
    if not trends:
        return "—"
    names = ", ".join(trend.label for trend in trends)  # escaped by the template
    return f"{names} ({delta(trends[0].delta(node))})"


def gaps_part(comparison: Comparison, labels: Labels) -> dict[str, Any]:
    """Flags and recommendations by how many units they concern."""
    gaps, lang = comparison.gaps, labels.lang
    by_country = comparison.frame.group_by == "country"

    def row(gap: Gap, text: str, grade_key: str) -> dict[str, Any]:
        shown = [
            labels.name(name if by_country else f"{country} · {name}", NAME_IN_LIST)
            for name, country in zip(gap.units[:NAMES_SHOWN], gap.countries, strict=False)
        ]
        more = len(gap.units) - len(shown)
        names = "; ".join(shown)
        if more:
            names += " " + t("compare.and_more", lang, count=more)
        return {
            "key": labels.name(gap.key, 100),
            "text": labels.name(text, 1000),
            "grade": t(f"{grade_key}.{gap.grade}", lang),
            "grade_id": gap.grade,
            "domain": labels.node(gap.domain) if gap.domain else "",
            "count": gap.count,
            "share": t(
                "compare.share",
                lang,
                count=gap.count,
                total=gaps.units,
                percent=round(100 * gap.count / gaps.units) if gaps.units else 0,
            ),
            "names": names,
        }

    shown = gaps.recommendations[:RECOMMENDATIONS_SHOWN]
    rest = gaps.recommendations[RECOMMENDATIONS_SHOWN:]
    return {
        "units": gaps.units,
        "flags": [row(g, labels.flag(g.key, g.text), "severity") for g in gaps.flags],
        "recommendations": [row(g, labels.advice(g.key, g.text), "priority") for g in shown],
        "more": t("compare.gaps_more", lang, count=len(rest), most=max(g.count for g in rest))
        if rest
        else "",
    }


def sensitivity_part(comparison: Comparison, labels: Labels) -> dict[str, Any] | None:
    """Rank intervals under perturbed weights, when asked for and possible."""
    result, lang = comparison.sensitivity, labels.lang
    if result is None:
        return None
    unit = "country" if comparison.frame.group_by == "country" else "entity"
    rows = [
        {
            "rank": str(item.rank),
            "label": labels.name(item.label),
            "median": f"{item.median:g}",
            "interval": f"{item.low}–{item.high}",
            "fixed": item.low == item.high,
        }
        for item in result.intervals
    ]
    chart = rank_intervals(
        [RankRow(i.label, i.low, i.median, i.high) for i in result.intervals],
        len(result.intervals),
        title=t("compare.sensitivity_chart_title", lang, period=labels.name(result.period, 100)),
        desc="; ".join(f"{i.label}: {i.median:g} ({i.low}–{i.high})" for i in result.intervals),
    )
    return {
        "period": labels.name(result.period, 100),
        "intro": t(
            f"compare.sensitivity_intro_{unit}",
            lang,
            runs=result.runs,
            spread=round(result.spread * 100),
            seed=result.seed,
        ),
        "rows": rows,
        "chart": chart,
        "left_out": ", ".join(labels.name(u) for u in result.left_out),
    }


def comparability_part(comparison: Comparison, labels: Labels) -> dict[str, Any]:
    """The instrument versions compared and every input set apart, with the reason."""
    lang = labels.lang
    selection = comparison.selection
    family = selection.reference
    excluded = [
        {
            "source": labels.name(item.source),
            "name": labels.name(item.name or item.entity or ""),
            "period": labels.name(item.period or "", 100),
            "reason": t(
                f"compare.reason_{item.reason}", lang, detail=labels.name(item.detail, 600)
            ),
            "reason_id": item.reason,
            "instrument": labels.name(f"{item.stamp.id} {item.stamp.version}", 200)
            if item.stamp
            else "",
            "digest": labels.name(item.stamp.digest, 100) if item.stamp else "",
        }
        for item in sorted(comparison.excluded, key=lambda x: (x.reason, x.source))
    ]
    return {
        "family": t(
            "compare.family", lang, id=labels.name(family[0], 100), major=labels.name(family[1], 20)
        )
        if family
        else "",
        "stamps": [
            {
                "instrument": labels.name(f"{s.id} {s.version}", 200),
                "digest": labels.name(s.digest, 100),
                "count": n,
            }
            for s, n in selection.stamps()
        ],
        "excluded": excluded,
        "has_other_instruments": any(x["reason_id"] == "instrument" for x in excluded),
        "outside_periods": selection.outside_periods,
    }


def method_part(comparison: Comparison, labels: Labels) -> list[str]:
    """The paragraphs of the method note."""
    lang = labels.lang
    instrument = comparison.instrument
    unit = "country" if comparison.frame.group_by == "country" else "entity"
    paragraphs = [
        t("compare.method_medians", lang, few=FEW),
        t("compare.method_ranking", lang),
    ]
    if instrument is not None:
        paragraphs.append(
            t(
                "compare.method_coverage",
                lang,
                threshold=round(instrument.scoring.min_coverage * 100),
            )
        )
    else:
        paragraphs.append(t("compare.method_coverage_results", lang))
    if comparison.frame.group_by == "country":
        paragraphs.append(t("compare.method_country", lang))
    paragraphs += [
        t(f"compare.method_trends_{unit}", lang),
        t(f"compare.method_gaps_{unit}", lang),
        t("compare.method_comparability", lang),
    ]
    if comparison.sensitivity is not None:
        paragraphs.append(t("compare.method_sensitivity", lang))
    return paragraphs
