"""The methodology annex: thresholds, weights, and the rules that fired."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..i18n import t
from ..model import Aggregation, Rule
from ..scoring.rounding import show_score
from . import text as tx
from .lookup import Lookup, as_text, percent
from .views import Annex, RuleView, WeightRow

DESCRIPTION = 600


def annex(look: Lookup) -> Annex:
    """What the methodology annex shows for this instrument and result."""
    scoring = look.instrument.scoring
    return Annex(
        min_coverage=percent(scoring.min_coverage, look.lang),
        recommend_below=tx.number(scoring.recommend_below),
        overall_aggregation=aggregation(scoring.aggregation, look.lang),
        weights=weight_rows(look),
        rules=tuple(rule_view(look, look.rules[rule_id]) for rule_id in fired_rules(look)),
    )


def aggregation(method: Aggregation, lang: str) -> str:
    return t(f"report.aggregation.{method.value}", lang)


def weight_rows(look: Lookup) -> tuple[WeightRow, ...]:
    """Each domain's weight and share of the overall score, each section's within its domain."""
    rows: list[WeightRow] = []
    domains = look.instrument.domains
    for domain in domains:
        rows.append(
            WeightRow(
                title=look.title(domain.id),
                depth=0,
                weight=tx.number(domain.weight),
                share=_share(domain.weight, (d.weight for d in domains), look.lang),
                aggregation=aggregation(domain.aggregation, look.lang),
            )
        )
        for section in domain.sections:
            rows.append(
                WeightRow(
                    title=look.title(section.id),
                    depth=1,
                    weight=tx.number(section.weight),
                    share=_share(section.weight, (s.weight for s in domain.sections), look.lang),
                    aggregation=aggregation(section.aggregation, look.lang),
                )
            )
    return tuple(rows)


def _share(weight: float, weights: Iterable[float], lang: str) -> str:
    total = sum(weights)
    return percent(weight / total if total else None, lang)


def fired_rules(look: Lookup) -> list[str]:
    """The ids of the rules whose condition held, in instrument order: those that capped a
    node, raised a flag or gave a recommendation in the result."""
    fired: set[str] = set()
    nodes = look.result.get("nodes")
    for node_id in ["overall", *(nodes if isinstance(nodes, Mapping) else {})]:
        caps = look.node(node_id).get("caps")
        if isinstance(caps, list):
            fired.update(c for c in caps if isinstance(c, str))
    for key, field in (("flags", "rule"), ("recommendations", "source")):
        entries = look.result.get(key)
        if isinstance(entries, list):
            fired.update(as_text(e.get(field)) for e in entries if isinstance(e, Mapping))
    return [rule.id for rule in look.instrument.rules if rule.id in fired]


def rule_view(look: Lookup, rule: Rule) -> RuleView:
    """A fired rule and what it did, in words."""
    effects = []
    if rule.cap is not None:
        node = (
            t("report.rule.overall", look.lang)
            if rule.cap.node == "overall"
            else look.title(rule.cap.node)
        )
        effects.append(t("report.rule.cap", look.lang, node=node, max=show_score(rule.cap.max)))
    if rule.flag is not None:
        effects.append(
            t(
                "report.rule.flag",
                look.lang,
                severity=t(f"report.severity.{rule.flag.severity.value}", look.lang),
                message=look.text(rule.flag.message),
            )
        )
    if rule.recommend is not None:
        effects.append(
            t(
                "report.rule.recommend",
                look.lang,
                priority=t(f"report.priority.{rule.recommend.priority.value}", look.lang),
                text=look.text(rule.recommend.text),
            )
        )
    return RuleView(
        id=tx.identifier(rule.id, 30),
        description=tx.line(look.text(rule.description), DESCRIPTION),
        effects=tuple(tx.line(e, DESCRIPTION) for e in effects),
    )
