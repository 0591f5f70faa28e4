"""The report context: plain, frozen data the templates print, in the reader's language.

Every string here is final text (already translated, capped and breakable); the
templates only escape and arrange it. Numbers come with their printed form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LevelView:
    id: int
    label: str
    description: str
    min: float
    max: float | None  # the next level's minimum; None for the top level
    tone: int  # 0 (lowest) to 4 (highest), for colours


@dataclass(frozen=True, slots=True)
class CapView:
    rule: str
    max: str
    reason: str
    binding: bool  # this cap set the final score


@dataclass(frozen=True, slots=True)
class Figures:
    """A node's score as printed: final and raw scores, level, coverage, caps."""

    score: str
    value: float | None
    raw: str
    level: LevelView | None
    coverage: str
    answered: int
    applicable: int
    insufficient: bool
    caps: tuple[CapView, ...] = ()

    @property
    def capped(self) -> bool:
        return self.score != self.raw


@dataclass(frozen=True, slots=True)
class QuestionRow:
    id: str
    text: str
    type: str
    status: str  # answered | na | unanswered
    answer: str
    answer_shortened: bool
    score: str
    weight: str
    note: str
    note_shortened: bool
    evidence: tuple[str, ...]
    evidence_more: int  # items left out of the list


@dataclass(frozen=True, slots=True)
class SectionPart:
    id: str
    title: str
    weight: str
    figures: Figures
    questions: tuple[QuestionRow, ...]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None
    tone: int | None
    marked: bool = False  # drawn hatched: insufficient coverage


@dataclass(frozen=True, slots=True)
class DomainPart:
    id: str
    anchor: str
    number: int
    title: str
    description: str
    weight: str
    aggregation: str
    figures: Figures
    sections: tuple[SectionPart, ...]
    section_bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class FlagView:
    rule: str
    severity: str
    severity_label: str
    message: str


@dataclass(frozen=True, slots=True)
class RecommendationView:
    source: str
    about: str  # the question's text or the rule's description
    priority: str
    priority_label: str
    domain: str | None
    domain_title: str
    text: str


@dataclass(frozen=True, slots=True)
class RecommendationGroup:
    title: str
    items: tuple[RecommendationView, ...]


@dataclass(frozen=True, slots=True)
class PriorityGroup:
    priority: str
    label: str
    groups: tuple[RecommendationGroup, ...]
    count: int


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    question: str
    text: str
    domain_title: str
    items: tuple[str, ...]
    more: int


@dataclass(frozen=True, slots=True)
class WeightRow:
    title: str
    depth: int  # 0 domain, 1 section
    weight: str
    share: str  # share of the parent's weight, as a percentage
    aggregation: str


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    description: str
    effects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Annex:
    min_coverage: str
    recommend_below: str
    overall_aggregation: str
    weights: tuple[WeightRow, ...]
    rules: tuple[RuleView, ...]


@dataclass(frozen=True, slots=True)
class Meta:
    lang: str
    title: str
    instrument_id: str
    instrument_version: str
    digest: str
    digest_short: str
    entity_name: str
    entity_id: str
    country: str
    period: str
    language_name: str
    status: str
    status_label: str
    draft: bool
    date: str  # as printed; "" when unknown
    date_w3c: str | None  # for PDF metadata
    header_title: str
    header_entity: str
    pdf_title: str
    author: str


@dataclass(frozen=True, slots=True)
class ReportContext:
    meta: Meta
    levels: tuple[LevelView, ...]
    overall: Figures
    domains: tuple[DomainPart, ...]
    domain_bars: tuple[Bar, ...]
    flags: tuple[FlagView, ...]
    top_recommendations: tuple[RecommendationView, ...]
    recommendation_count: int
    action_plan: tuple[PriorityGroup, ...]
    evidence: tuple[EvidenceEntry, ...]
    annex: Annex
