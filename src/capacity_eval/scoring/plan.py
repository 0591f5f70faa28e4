"""An instrument compiled for scoring: flat lists, indices and predicates, built once.

Compiling resolves option sets, parses formulas, compiles conditions and fixes the
order in which questions are evaluated (each after the questions its `show_if` and
formula read). `plan_for` caches the plan on the instrument object.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from dataclasses import dataclass, field
from typing import Literal

from ..model import Aggregation, ComputedQuestion, Instrument, QuestionModel, Rule
from .conditions import Predicate, compile_condition
from .formula import Formula, parse_formula
from .kinds import KINDS, Kind

NodeKind = Literal["overall", "domain", "section", "question"]


@dataclass(slots=True)
class QuestionPlan:
    index: int
    id: str
    model: QuestionModel
    kind: Kind
    section: int
    domain: int
    weight: float
    counts: bool  # counts for coverage (every type but text)
    recommend_below: float
    show_if: Predicate | None = None
    formula: Formula | None = None
    inputs: tuple[int, ...] = ()


@dataclass(slots=True)
class NodePlan:
    id: str
    kind: NodeKind
    index: int
    weight: float
    aggregation: Aggregation
    parent: int | None  # index of the domain for a section; None for domains and overall
    children: list[int] = field(default_factory=list)


@dataclass(slots=True)
class RulePlan:
    rule: Rule
    when: Predicate


@dataclass
class Plan:
    instrument: Instrument
    questions: list[QuestionPlan]
    sections: list[NodePlan]
    domains: list[NodePlan]
    overall: NodePlan
    rules: list[RulePlan]
    order: list[int]
    index: dict[str, int]
    digest: str
    level_mins: list[tuple[float, int]]

    def level_of(self, score: float) -> int:
        """The id of the level with the greatest `min` not above `score`."""
        found = self.level_mins[0][1]
        for minimum, level_id in self.level_mins:
            if minimum <= score:
                found = level_id
            else:
                break
        return found

    def node_kind(self, node_id: str) -> NodeKind | None:
        if node_id == "overall":
            return "overall"
        if node_id in self.index:
            return "question"
        if any(d.id == node_id for d in self.domains):
            return "domain"
        if any(s.id == node_id for s in self.sections):
            return "section"
        return None


class CycleError(ValueError):
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        super().__init__(" -> ".join(ids))


def instrument_digest(instrument: Instrument) -> str:
    """SHA-256 of the instrument's canonical JSON: independent of YAML layout and key order."""
    data = instrument.model_dump(mode="json", by_alias=True)
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def plan_for(instrument: Instrument) -> Plan:
    """The scoring plan of a (validated) instrument, compiled on first use and kept."""
    cached = instrument._compiled
    if cached is None:
        cached = compile_plan(instrument)
        instrument._compiled = cached
    assert isinstance(cached, Plan)
    return cached


def compile_plan(instrument: Instrument) -> Plan:
    questions: list[QuestionPlan] = []
    sections: list[NodePlan] = []
    domains: list[NodePlan] = []
    default_below = instrument.scoring.recommend_below
    overall = NodePlan("overall", "overall", 0, 1.0, instrument.scoring.aggregation, None)
    for d_index, domain in enumerate(instrument.domains):
        d_plan = NodePlan(domain.id, "domain", d_index, domain.weight, domain.aggregation, None)
        domains.append(d_plan)
        overall.children.append(d_index)
        for section in domain.sections:
            s_plan = NodePlan(
                section.id, "section", len(sections), section.weight, section.aggregation, d_index
            )
            sections.append(s_plan)
            d_plan.children.append(s_plan.index)
            for question in section.questions:
                q_index = len(questions)
                below = question.recommend_below
                questions.append(
                    QuestionPlan(
                        q_index,
                        question.id,
                        question,
                        KINDS[question.type](question, instrument),
                        s_plan.index,
                        d_index,
                        question.weight,
                        question.type != "text",
                        default_below if below is None else below,
                    )
                )
                s_plan.children.append(q_index)
    index = {q.id: q.index for q in questions}
    number_ids = frozenset(q.id for q in questions if q.model.type == "number")
    for q in questions:
        if q.model.show_if is not None:
            q.show_if = compile_condition(q.model.show_if, index)
        if isinstance(q.model, ComputedQuestion):
            q.formula = parse_formula(q.model.formula, number_ids)
            q.inputs = tuple(index[name] for name in q.formula.names)
    rules = [RulePlan(rule, compile_condition(rule.when, index)) for rule in instrument.rules]
    levels = sorted((lv.min, lv.id) for lv in instrument.levels)
    return Plan(
        instrument,
        questions,
        sections,
        domains,
        overall,
        rules,
        evaluation_order(questions),
        index,
        instrument_digest(instrument),
        levels,
    )


def evaluation_order(questions: list[QuestionPlan]) -> list[int]:
    """Instrument order, except that a question comes after every question it reads."""
    from .conditions import references

    needs: list[set[int]] = []
    index = {q.id: q.index for q in questions}
    for q in questions:
        deps = set(q.inputs)
        if q.model.show_if is not None:
            deps |= {
                index[ref]
                for kind, ref, _ in references(q.model.show_if)
                if kind in ("answer", "answered", "na") and ref in index
            }
        needs.append(deps)
    # Kahn's algorithm, taking the earliest ready question first: O(n log n + references),
    # so that a long chain of show_if does not cost quadratic time.
    readers: list[list[int]] = [[] for _ in questions]
    waiting = [len(deps) for deps in needs]
    for i, deps in enumerate(needs):
        for dep in deps:
            readers[dep].append(i)
    ready = [i for i, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for reader in readers[i]:
            waiting[reader] -= 1
            if waiting[reader] == 0:
                heapq.heappush(ready, reader)
    if len(order) < len(questions):
        done = set(order)
        raise CycleError(
            _cycle([i for i in range(len(questions)) if i not in done], needs, questions)
        )
    return order


def _cycle(pending: list[int], needs: list[set[int]], questions: list[QuestionPlan]) -> list[str]:
    left = set(pending)
    path = [pending[0]]
    while True:
        nxt = min(needs[path[-1]] & left)
        if nxt in path:
            loop = [*path[path.index(nxt) :], nxt]
            return [questions[i].id for i in loop]
        path.append(nxt)
