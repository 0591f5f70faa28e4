"""Turning a `Scored` into the result document of FORMAT.md section 4."""

from __future__ import annotations

from typing import Any

from ..model import NA, RESULT_SCHEMA, text_in
from .conditions import ANSWERED, HIDDEN, MISSING
from .conditions import NA as NA_STATE
from .engine import Scored
from .rounding import round1, round_ratio

STATUS_NAMES = {HIDDEN: "hidden", MISSING: "unanswered", NA_STATE: "na", ANSWERED: "answered"}


def result_language(scored: Scored, lang: str | None = None) -> str:
    """The language texts of the result are written in: asked, else the response's, if the
    instrument has it, else the instrument's default."""
    languages = scored.instrument.languages
    for candidate in (lang, scored.response.language):
        if candidate in languages:
            return candidate
    return scored.instrument.default_language


def result_document(scored: Scored, lang: str | None = None) -> dict[str, Any]:
    """The result as plain JSON-ready data (scores rounded to one decimal)."""
    plan, response = scored.plan, scored.response
    language = result_language(scored, lang)
    fallback = scored.instrument.default_language
    nodes: dict[str, Any] = {}
    for d in plan.domains:
        nodes[d.id] = _node(scored, d.id, "domain", d.weight, None)
        for s_index in d.children:
            s = plan.sections[s_index]
            nodes[s.id] = _node(scored, s.id, "section", s.weight, d.id)
            for q_index in s.children:
                nodes[plan.questions[q_index].id] = _question(scored, q_index, s.id)
    return {
        "schema": RESULT_SCHEMA,
        "instrument": {
            "id": plan.instrument.id,
            "version": plan.instrument.version,
            "digest": plan.digest,
        },
        "entity": response.entity.model_dump(mode="json"),
        "period": response.period,
        "language": language,
        "status": response.status,
        **({"updated": response.updated} if response.updated else {}),
        "overall": _node(scored, "overall", "overall", 1.0, None),
        "nodes": nodes,
        "flags": [
            {
                "rule": rule.id,
                "severity": flag.severity.value,
                "message": text_in(flag.message, language, fallback),
            }
            for rule, flag in scored.flags()
        ],
        "recommendations": [
            {
                "source": r.source,
                "priority": r.priority.value,
                "text": text_in(r.text, language, fallback),
                "domain": r.domain,
            }
            for r in scored.recommendations
        ],
    }


def _node(
    scored: Scored, node_id: str, kind: str, weight: float, parent: str | None
) -> dict[str, Any]:
    coverage = scored.coverage[node_id]
    node: dict[str, Any] = {
        "kind": kind,
        "score": round1(scored.final[node_id]),
        "raw_score": round1(scored.raw[node_id]),
        "level": scored.level(node_id),
        "coverage": round_ratio(coverage.ratio),
        "insufficient": scored.insufficient(node_id),
        "caps": [rule_id for rule_id, _ in scored.caps.get(node_id, [])],
        "answered": coverage.answered,
        "applicable": coverage.applicable,
    }
    if kind != "overall":
        node["weight"] = weight
        node["parent"] = parent
    return node


def _question(scored: Scored, q_index: int, section: str) -> dict[str, Any]:
    q = scored.plan.questions[q_index]
    status = scored.state.status[q_index]
    score = scored.question_scores[q_index]
    coverage = scored.coverage[q.id]
    answer = scored.response.answers.get(q.id)
    value: Any = None
    if status == ANSWERED:
        typed = scored.state.values[q_index]
        value = list(typed) if isinstance(typed, tuple) else typed
    elif status == NA_STATE:
        value = NA
    node: dict[str, Any] = {
        "kind": "question",
        "type": q.model.type,
        "parent": section,
        "weight": q.weight,
        "status": STATUS_NAMES[status],
        "answer": value,
        "score": round1(score),
        "raw_score": round1(score),
        "level": None if score is None else scored.plan.level_of(score),
        "coverage": round_ratio(coverage.ratio),
        "insufficient": False,
        "caps": [],
    }
    if answer is not None and status != HIDDEN:
        if answer.note:
            node["note"] = answer.note
        if answer.evidence:
            node["evidence"] = list(answer.evidence)
    return node
