"""How a score arose: the node's children, weights, raw and final scores, caps and rules.

`explain` returns plain data (an `Explanation` tree); the CLI draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import t
from ..model import Text, text_in
from .conditions import HIDDEN, MISSING, NA
from .engine import Scored
from .kinds import ChoiceKind, ComputedKind, MultiKind, NumberKind, ScaleKind, TextKind
from .rounding import show_score


@dataclass
class CapNote:
    rule: str
    max: float
    binding: bool


@dataclass
class Explanation:
    id: str
    kind: str
    title: str
    weight: float | None
    raw: float | None
    final: float | None
    level: int | None
    coverage: float | None
    aggregation: str | None = None
    included: bool = True
    note: str = ""
    caps: list[CapNote] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    children: list[Explanation] = field(default_factory=list)


class UnknownNode(KeyError):
    pass


def explain(
    scored: Scored, node_id: str = "overall", lang: str | None = None, depth: int = 2
) -> Explanation:
    """The explanation of `node_id` (a domain, section, question or `overall`)."""
    plan = scored.plan
    language = lang or scored.instrument.default_language
    kind = plan.node_kind(node_id)
    if kind is None:
        raise UnknownNode(node_id)
    return _build(scored, node_id, kind, language, depth)


def _build(scored: Scored, node_id: str, kind: str, lang: str, depth: int) -> Explanation:
    plan = scored.plan
    if kind == "question":
        return _question(scored, plan.index[node_id], lang)
    if kind == "overall":
        node, title, children = plan.overall, scored.instrument.title, [d.id for d in plan.domains]
        child_kind = "domain"
    elif kind == "domain":
        node = next(d for d in plan.domains if d.id == node_id)
        title = scored.instrument.domains[node.index].title
        children, child_kind = [plan.sections[i].id for i in node.children], "section"
    else:
        node = next(s for s in plan.sections if s.id == node_id)
        assert node.parent is not None
        domain = scored.instrument.domains[node.parent]
        title = next(s.title for s in domain.sections if s.id == node_id)
        children, child_kind = [plan.questions[i].id for i in node.children], "question"
    caps = scored.caps.get(node_id, [])
    lowest = min((m for _, m in caps), default=None)
    explanation = Explanation(
        node_id,
        kind,
        _text(title, scored, lang),
        None if kind == "overall" else node.weight,
        scored.raw[node_id],
        scored.final[node_id],
        scored.level(node_id),
        scored.coverage[node_id].ratio,
        node.aggregation.value,
        caps=[CapNote(rule, m, m == lowest and _binds(scored, node_id, m)) for rule, m in caps],
        rules=[r.id for r in scored.fired] if kind == "overall" else [],
    )
    if depth > 0:
        for child in children:
            sub = _build(scored, child, child_kind, lang, depth - 1)
            sub.included = sub.final is not None and (sub.weight or 0) > 0
            if not sub.included and not sub.note:
                sub.note = (
                    t("explain.weight_zero") if sub.final is not None else t("explain.no_score")
                )
            explanation.children.append(sub)
    return explanation


def _binds(scored: Scored, node_id: str, limit: float) -> bool:
    final = scored.final[node_id]
    return final is not None and final >= limit - 1e-9


def _text(text: Text | None, scored: Scored, lang: str) -> str:
    return text_in(text, lang, scored.instrument.default_language)


def _question(scored: Scored, index: int, lang: str) -> Explanation:
    q = scored.plan.questions[index]
    status = scored.state.status[index]
    score = scored.question_scores[index]
    explanation = Explanation(
        q.id,
        "question",
        _text(q.model.text, scored, lang),
        q.weight,
        score,
        score,
        None if score is None else scored.plan.level_of(score),
        scored.coverage[q.id].ratio,
    )
    explanation.note = _how(scored, index, status, lang)
    explanation.included = score is not None and q.weight > 0
    return explanation


def _how(scored: Scored, index: int, status: int, lang: str) -> str:
    """One sentence saying how the question's answer became its score."""
    q = scored.plan.questions[index]
    kind = q.kind
    if status == HIDDEN:
        return t("explain.hidden")
    if status == NA:
        return t("explain.na")
    if status == MISSING:
        if isinstance(kind, ComputedKind):
            return t("explain.computed_missing", formula=q.model.formula)  # type: ignore[union-attr]
        return t("explain.unanswered")
    value: Any = scored.state.values[index]
    score = scored.question_scores[index]
    if isinstance(kind, TextKind):
        return t("explain.text")
    if isinstance(kind, ChoiceKind):
        return t(
            "explain.choice",
            value=value,
            label=_label(kind, value, scored, lang),
            score=show_score(score),
        )
    if isinstance(kind, ScaleKind):
        option = kind.options[kind.index[value]]
        if option.score is not None:
            return t(
                "explain.choice",
                value=value,
                label=_label(kind, value, scored, lang),
                score=show_score(score),
            )
        return t(
            "explain.scale",
            value=value,
            position=kind.index[value] + 1,
            count=len(kind.options),
            score=show_score(score),
        )
    if isinstance(kind, MultiKind):
        parts = " + ".join(f"{v} ({show_score(kind.scores[v])})" for v in value) or "—"
        return t("explain.multi", parts=parts, score=show_score(score))
    if isinstance(kind, NumberKind | ComputedKind):
        shown = f"{value:g}"
        prefix = (
            t("explain.formula", formula=q.model.formula, value=shown)  # type: ignore[union-attr]
            if isinstance(kind, ComputedKind)
            else shown
        )
        if score is None:
            return t("explain.unscored_number", value=prefix)
        return t("explain.band", value=prefix, band=_band(kind, value), score=show_score(score))
    return ""  # pragma: no cover


def _label(kind: ChoiceKind | ScaleKind, value: str, scored: Scored, lang: str) -> str:
    return _text(kind.options[kind.index[value]].label, scored, lang)


def _band(kind: NumberKind | ComputedKind, value: float) -> str:
    bands = kind.bands or []
    for band in bands:
        if band.below is None or value < band.below:
            return (
                t("explain.band_open")
                if band.below is None
                else t("explain.band_below", below=f"{band.below:g}")
            )
    last = bands[-1]
    return t("explain.band_last", below=f"{last.below:g}")
