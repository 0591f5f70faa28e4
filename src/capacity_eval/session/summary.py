"""The end-of-sitting summary: per domain, what is answered, what required answers are
missing, coverage, and the provisional score and level the engine gives so far."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Text
from ..scoring.conditions import NA
from ..scoring.engine import Scored, evaluate
from .machine import FillSession


@dataclass(frozen=True, slots=True)
class NodeSummary:
    """One domain (or the whole instrument, id `overall`)."""

    id: str
    title: Text | None
    answered: int
    total: int
    missing_required: list[str]
    coverage: float | None
    score: float | None
    level: int | None
    insufficient: bool


@dataclass(frozen=True, slots=True)
class Summary:
    domains: list[NodeSummary]
    overall: NodeSummary
    missing_evidence: list[str]

    @property
    def missing_required(self) -> list[str]:
        return self.overall.missing_required

    @property
    def can_submit(self) -> bool:
        """True when every visible required question has an answer."""
        return not self.overall.missing_required


def summarise(session: FillSession) -> Summary:
    """Score what has been answered so far and count it per domain."""
    scored = evaluate(session.plan, session.response(), session.values)
    shown = session.visible()
    missing = set(session.missing_required())
    by_domain: dict[int, list[int]] = {}
    for i in shown:
        by_domain.setdefault(session.plan.questions[i].domain, []).append(i)
    domains = [
        _node(session, scored, node.id, domain.title, by_domain.get(node.index, []), missing)
        for node, domain in zip(session.plan.domains, session.instrument.domains, strict=True)
    ]
    overall = _node(session, scored, "overall", None, shown, missing)
    return Summary(domains, overall, _missing_evidence(session, shown))


def _node(
    session: FillSession,
    scored: Scored,
    node_id: str,
    title: Text | None,
    indices: list[int],
    missing: set[str],
) -> NodeSummary:
    ids = [session.plan.questions[i].id for i in indices]
    return NodeSummary(
        id=node_id,
        title=title,
        answered=sum(1 for i in indices if session.is_answered(i)),
        total=len(indices),
        missing_required=[qid for qid in ids if qid in missing],
        coverage=scored.coverage[node_id].ratio,
        score=scored.final[node_id],
        level=scored.level(node_id),
        insufficient=scored.insufficient(node_id),
    )


def _missing_evidence(session: FillSession, shown: list[int]) -> list[str]:
    """Answered questions whose evidence is required but not given."""
    found = []
    for i in shown:
        q = session.plan.questions[i]
        evidence = q.model.evidence
        answer = session.answer_of(i)
        if (
            evidence is not None
            and evidence.required
            and session.state.status[i] != NA
            and session.is_answered(i)
            and not (answer and answer.evidence)
        ):
            found.append(q.id)
    return found
