"""Flags, recommendations, the action plan and the evidence register."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import t
from . import text as tx
from .answers import evidence_items
from .lookup import Lookup, as_text
from .views import EvidenceEntry, FlagView, PriorityGroup, RecommendationGroup, RecommendationView

SEVERITIES = ("critical", "major", "minor")
PRIORITIES = ("high", "medium", "low")
MESSAGE = 600
RECOMMENDATION = 1000
ABOUT = 240


def flags(look: Lookup) -> tuple[FlagView, ...]:
    """Every flag, most severe first, its message in the report's language."""
    found = [f for f in _list(look.result.get("flags")) if f.get("severity") in SEVERITIES]
    found.sort(key=lambda f: SEVERITIES.index(f["severity"]))
    views = []
    for flag in found:
        rule = look.rules.get(as_text(flag.get("rule")))
        message = (
            look.text(rule.flag.message) if rule and rule.flag else as_text(flag.get("message"))
        )
        views.append(
            FlagView(
                rule=as_text(flag.get("rule")),
                severity=flag["severity"],
                severity_label=t(f"report.severity.{flag['severity']}", look.lang),
                message=tx.fit(message, MESSAGE).text,
            )
        )
    return tuple(views)


def recommendations(look: Lookup) -> tuple[RecommendationView, ...]:
    """Every recommendation in the result's order (priority, then instrument order)."""
    found = [
        r for r in _list(look.result.get("recommendations")) if r.get("priority") in PRIORITIES
    ]
    found.sort(key=lambda r: PRIORITIES.index(r["priority"]))
    return tuple(_recommendation(look, r) for r in found)


def _recommendation(look: Lookup, rec: Mapping[str, Any]) -> RecommendationView:
    source = as_text(rec.get("source"))
    text, about = as_text(rec.get("text")), ""
    if source in look.questions:
        question = look.questions[source][0]
        text = look.text(question.recommendation) or text
        about = look.text(question.text)
    elif source in look.rules:
        rule = look.rules[source]
        text = look.text(rule.recommend.text) if rule.recommend else text
        about = look.text(rule.description)
    domain = rec.get("domain") if isinstance(rec.get("domain"), str) else None
    if domain not in {d.id for d in look.instrument.domains}:
        domain = None
    return RecommendationView(
        source=source,
        about=tx.line(about, ABOUT),
        priority=rec["priority"],
        priority_label=t(f"report.priority.{rec['priority']}", look.lang),
        domain=domain,
        domain_title=look.title(domain) if domain else t("report.plan.general", look.lang),
        text=tx.fit(text, RECOMMENDATION).text,
    )


def action_plan(look: Lookup, recs: tuple[RecommendationView, ...]) -> tuple[PriorityGroup, ...]:
    """Recommendations grouped by priority, then by domain (general ones first)."""
    order: list[str | None] = [None, *(d.id for d in look.instrument.domains)]
    plan = []
    for priority in PRIORITIES:
        chosen = [r for r in recs if r.priority == priority]
        if not chosen:
            continue
        groups = tuple(
            RecommendationGroup(title=items[0].domain_title, items=tuple(items))
            for domain in order
            if (items := [r for r in chosen if r.domain == domain])
        )
        plan.append(
            PriorityGroup(
                priority=priority,
                label=t(f"report.priority.{priority}", look.lang),
                groups=groups,
                count=len(chosen),
            )
        )
    return tuple(plan)


def evidence_register(look: Lookup) -> tuple[EvidenceEntry, ...]:
    """Every evidence item cited, by question in instrument order (hidden ones left out)."""
    entries = []
    for question_id, (question, domain, _section) in look.questions.items():
        node = look.node(question_id)
        if node.get("status") == "hidden":
            continue
        items, more = evidence_items(node)
        if items:
            entries.append(
                EvidenceEntry(
                    question=tx.identifier(question_id),
                    text=tx.line(look.text(question.text), ABOUT),
                    domain_title=look.title(domain.id),
                    items=items,
                    more=more,
                )
            )
    return tuple(entries)


def _list(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []
