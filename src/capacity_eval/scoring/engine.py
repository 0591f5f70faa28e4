"""The scoring engine: FORMAT.md section 3, as pure functions over a compiled plan.

`read_answers` types every stored answer (collecting what does not fit), `evaluate`
applies visibility, question scores, raw aggregation, rules, caps, levels, coverage
and recommendations, and returns a `Scored` that `result.py` turns into the result
document and `explain.py` into an explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import t
from ..model import NA, Flag, Instrument, Priority, Response, Rule
from .aggregate import aggregate
from .conditions import ANSWERED, HIDDEN, MISSING, State
from .conditions import NA as NA_STATE
from .kinds import AnswerError, ComputedKind
from .plan import NodePlan, Plan, plan_for

PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


@dataclass(frozen=True, slots=True)
class AnswerIssue:
    """An answer that does not fit the instrument; `path` is relative to `answers`."""

    question: str
    path: tuple[str | int, ...]
    message: str
    severity: str = "error"


@dataclass(frozen=True, slots=True)
class Coverage:
    answered: int
    applicable: int

    @property
    def ratio(self) -> float | None:
        return self.answered / self.applicable if self.applicable else None


@dataclass(frozen=True, slots=True)
class Recommendation:
    source: str  # question or rule id
    priority: Priority
    text: Any  # a Text
    domain: str | None
    order: int


@dataclass(frozen=True, slots=True)
class Scored:
    """Everything the engine worked out for one response."""

    plan: Plan
    response: Response
    state: State
    question_scores: list[float | None]
    raw: dict[str, float | None]
    final: dict[str, float | None]
    coverage: dict[str, Coverage]
    caps: dict[str, list[tuple[str, float]]]
    fired: list[Rule]
    recommendations: list[Recommendation]

    @property
    def instrument(self) -> Instrument:
        return self.plan.instrument

    def level(self, node_id: str) -> int | None:
        score = self.final.get(node_id)
        return None if score is None else self.plan.level_of(score)

    def insufficient(self, node_id: str) -> bool:
        ratio = self.coverage[node_id].ratio
        return ratio is not None and ratio < self.instrument.scoring.min_coverage

    def flags(self) -> list[tuple[Rule, Flag]]:
        return [(rule, rule.flag) for rule in self.fired if rule.flag is not None]


_ANSWERED, _UNANSWERED, _NOT_APPLICABLE = Coverage(1, 1), Coverage(0, 1), Coverage(0, 0)


def read_answers(plan: Plan, response: Response) -> tuple[list[Any], list[AnswerIssue]]:
    """Typed values of the stored answers by question index (None: none given; NA: n/a)."""
    values: list[Any] = [None] * len(plan.questions)
    issues: list[AnswerIssue] = []
    for qid, answer in response.answers.items():
        i = plan.index.get(qid)
        if i is None:
            issues.append(AnswerIssue(qid, (qid,), t("answer.unknown_question", id=qid)))
            continue
        q = plan.questions[i]
        raw = answer.value
        path: tuple[str | int, ...] = (qid,) if answer.is_plain else (qid, "value")
        if isinstance(q.kind, ComputedKind):
            issues.append(AnswerIssue(qid, (qid,), t("answer.computed")))
            continue
        if raw is None or (isinstance(raw, list) and not raw):
            continue
        if isinstance(raw, str) and raw.strip().lower() == NA:
            if q.model.allow_na:
                values[i] = NA
            else:
                issues.append(AnswerIssue(qid, path, t("answer.na_not_allowed", id=qid)))
            continue
        try:
            values[i] = q.kind.read(raw)
        except AnswerError as exc:
            issues.append(AnswerIssue(qid, path, t("answer.invalid", id=qid, detail=str(exc))))
    return values, issues


def apply_visibility(plan: Plan, values: list[Any]) -> State:
    """Evaluate `show_if` and formulas in dependency order; hidden answers are ignored."""
    state = State(len(plan.questions))
    status, typed = state.status, state.values
    for i in plan.order:
        q = plan.questions[i]
        if q.show_if is not None and not q.show_if(state):
            status[i] = HIDDEN
            continue
        if q.formula is not None:
            if all(status[j] == ANSWERED for j in q.inputs):
                result = q.formula.value({plan.questions[j].id: typed[j] for j in q.inputs})
                if result is not None:
                    status[i], typed[i] = ANSWERED, result
            continue
        value = values[i]
        if value is None:
            status[i] = MISSING
        elif value is NA:
            status[i] = NA_STATE
        else:
            status[i], typed[i] = ANSWERED, value
    return state


def missing_required(plan: Plan, state: State) -> list[str]:
    """Ids of visible required questions without an answer (computed ones excepted)."""
    return [
        q.id
        for q in plan.questions
        if q.model.required and state.status[q.index] == MISSING and q.formula is None
    ]


def evaluate(plan: Plan, response: Response, values: list[Any]) -> Scored:
    """Score a response whose answers `read_answers` has typed."""
    state = apply_visibility(plan, values)
    q_scores: list[float | None] = [
        q.kind.score(state.values[q.index]) if state.status[q.index] == ANSWERED else None
        for q in plan.questions
    ]
    raw = _aggregate_tree(plan, q_scores, {})
    state.raw = dict(raw)
    for q in plan.questions:
        state.raw[q.id] = q_scores[q.index]
    state.level_of = plan.level_of
    fired = [rp.rule for rp in plan.rules if rp.when(state)]
    caps: dict[str, list[tuple[str, float]]] = {}
    for rule in fired:
        if rule.cap is not None:
            caps.setdefault(rule.cap.node, []).append((rule.id, rule.cap.max))
    limits = {node: min(m for _, m in entries) for node, entries in caps.items()}
    final = _aggregate_tree(plan, q_scores, limits) if limits else dict(raw)
    for q in plan.questions:
        raw[q.id] = final[q.id] = q_scores[q.index]
    return Scored(
        plan,
        response,
        state,
        q_scores,
        raw,
        final,
        _coverage(plan, state),
        caps,
        fired,
        _recommendations(plan, state, q_scores, fired),
    )


def _aggregate_tree(
    plan: Plan, q_scores: list[float | None], limits: dict[str, float]
) -> dict[str, float | None]:
    scores: dict[str, float | None] = {}

    def capped(node: NodePlan, value: float | None) -> float | None:
        limit = limits.get(node.id)
        return value if value is None or limit is None else min(value, limit)

    for s in plan.sections:
        children = [(plan.questions[i].weight, q_scores[i]) for i in s.children]
        scores[s.id] = capped(s, aggregate(s.aggregation, children))
    for d in plan.domains:
        children = [(plan.sections[i].weight, scores[plan.sections[i].id]) for i in d.children]
        scores[d.id] = capped(d, aggregate(d.aggregation, children))
    children = [(d.weight, scores[d.id]) for d in plan.domains]
    scores["overall"] = capped(plan.overall, aggregate(plan.overall.aggregation, children))
    return scores


def _coverage(plan: Plan, state: State) -> dict[str, Coverage]:
    counts: dict[str, Coverage] = {}
    section_counts = [[0, 0] for _ in plan.sections]
    status = state.status
    for q in plan.questions:
        st = status[q.index]
        if q.counts and st in (ANSWERED, MISSING):
            counts[q.id] = _ANSWERED if st == ANSWERED else _UNANSWERED
            tally = section_counts[q.section]
            tally[0] += st == ANSWERED
            tally[1] += 1
        else:
            counts[q.id] = _NOT_APPLICABLE
    total = [0, 0]
    for d in plan.domains:
        d_answered = sum(section_counts[i][0] for i in d.children)
        d_applicable = sum(section_counts[i][1] for i in d.children)
        for i in d.children:
            counts[plan.sections[i].id] = Coverage(*section_counts[i])
        counts[d.id] = Coverage(d_answered, d_applicable)
        total[0] += d_answered
        total[1] += d_applicable
    counts["overall"] = Coverage(*total)
    return counts


def _recommendations(
    plan: Plan, state: State, q_scores: list[float | None], fired: list[Rule]
) -> list[Recommendation]:
    found: list[Recommendation] = []
    for q in plan.questions:
        score = q_scores[q.index]
        text = q.model.recommendation
        if text is None or score is None or state.status[q.index] != ANSWERED:
            continue
        if score < q.recommend_below:
            priority = Priority.HIGH if score == 0 else Priority.MEDIUM
            found.append(Recommendation(q.id, priority, text, plan.domains[q.domain].id, q.index))
    base = len(plan.questions)
    rule_order = {rp.rule.id: n for n, rp in enumerate(plan.rules)}
    for rule in fired:
        if rule.recommend is not None:
            found.append(
                Recommendation(
                    rule.id,
                    rule.recommend.priority,
                    rule.recommend.text,
                    _rule_domain(plan, rule),
                    base + rule_order[rule.id],
                )
            )
    found.sort(key=lambda r: (PRIORITY_RANK[r.priority], r.order))
    return found


def _rule_domain(plan: Plan, rule: Rule) -> str | None:
    """The domain a rule is about: that of its cap, else of the first question it reads."""
    from .conditions import references

    targets = [rule.cap.node] if rule.cap is not None else []
    targets += [ref for _, ref, _ in references(rule.when)]
    for target in targets:
        if target in plan.index:
            return plan.domains[plan.questions[plan.index[target]].domain].id
        for d in plan.domains:
            if d.id == target:
                return d.id
        for s in plan.sections:
            if s.id == target and s.parent is not None:
                return plan.domains[s.parent].id
    return None


def score_response(instrument: Instrument, response: Response) -> tuple[Scored, list[AnswerIssue]]:
    """Score `response`; answers that do not fit are left out and returned as issues."""
    plan = plan_for(instrument)
    values, issues = read_answers(plan, response)
    return evaluate(plan, response, values), issues
