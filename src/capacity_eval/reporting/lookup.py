"""What the context builders share: the instrument indexed, the result read defensively.

A result may come from a file written long ago or edited by hand: every value is
checked for its type here, and a missing node reads as an empty one, so a damaged
result gives a report with gaps rather than a crash.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..i18n import t
from ..model import Domain, Instrument, QuestionModel, Rule, Section, Text, text_in
from ..scoring.rounding import show_score
from . import text as tx
from .views import CapView, Figures, LevelView

TITLE = 300
"""Longest instrument title, domain or section title printed in full."""


def report_language(instrument: Instrument, result: Mapping[str, Any], lang: str | None) -> str:
    """The report's language: `lang`, else the result's, when the instrument has it; else
    the instrument's default."""
    for candidate in (lang, result.get("language")):
        if isinstance(candidate, str) and candidate in instrument.languages:
            return candidate
    return instrument.default_language


def as_number(value: Any) -> float | None:
    """A finite number from a result value (a number, or a number written as text, as a
    result read from YAML may hold), or None."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def as_text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def percent(ratio: float | None, lang: str) -> str:
    """A ratio as a whole percentage ("92%"), or an em dash."""
    if ratio is None:
        return "—"
    whole = int(Decimal(repr(ratio * 100)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return t("report.percent", lang, value=whole)


@dataclass
class Lookup:
    """The instrument and the result document, indexed for the context builders."""

    instrument: Instrument
    result: Mapping[str, Any]
    lang: str
    levels: tuple[LevelView, ...] = ()
    questions: dict[str, tuple[QuestionModel, Domain, Section]] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.levels = level_views(self.instrument, self.lang)
        self.rules = {rule.id: rule for rule in self.instrument.rules}
        self.titles = {"overall": self.text(self.instrument.title)}
        for domain in self.instrument.domains:
            self.titles[domain.id] = self.text(domain.title)
            for section in domain.sections:
                self.titles[section.id] = self.text(section.title)
                for question in section.questions:
                    self.questions[question.id] = (question, domain, section)

    def text(self, value: Text | None) -> str:
        """An instrument text in the report's language (default language as fallback)."""
        return text_in(value, self.lang, self.instrument.default_language)

    def title(self, node_id: str | None) -> str:
        if node_id is None:
            return ""
        return tx.line(self.titles.get(node_id, node_id), TITLE)

    def node(self, node_id: str) -> Mapping[str, Any]:
        """The result's entry for a node (`overall` included), or an empty mapping."""
        if node_id == "overall":
            found = self.result.get("overall")
        else:
            nodes = self.result.get("nodes")
            found = nodes.get(node_id) if isinstance(nodes, Mapping) else None
        return found if isinstance(found, Mapping) else {}

    def level(self, level_id: Any) -> LevelView | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def figures(self, node_id: str) -> Figures:
        """The printed figures of a node."""
        node = self.node(node_id)
        score = as_number(node.get("score"))
        raw = as_number(node.get("raw_score"))
        caps = node.get("caps")
        cap_ids = [c for c in caps if isinstance(c, str)] if isinstance(caps, list) else []
        return Figures(
            score=show_score(score),
            value=score,
            raw=show_score(raw),
            level=self.level(node.get("level")) if score is not None else None,
            coverage=percent(as_number(node.get("coverage")), self.lang),
            answered=_count(node.get("answered")),
            applicable=_count(node.get("applicable")),
            insufficient=node.get("insufficient") is True,
            caps=tuple(self.cap(rule_id, score, raw) for rule_id in cap_ids),
        )

    def cap(self, rule_id: str, score: float | None, raw: float | None) -> CapView:
        """A cap a rule put on a node, with its reason (the rule's description, else its
        flag's message) and whether it is the one that set the score."""
        rule = self.rules.get(rule_id)
        maximum = rule.cap.max if rule is not None and rule.cap is not None else None
        reason = ""
        if rule is not None:
            reason = self.text(rule.description) or (
                self.text(rule.flag.message) if rule.flag else ""
            )
        binding = (
            maximum is not None
            and score is not None
            and raw is not None
            and raw > maximum
            and show_score(maximum) == show_score(score)
        )
        return CapView(
            rule=rule_id, max=show_score(maximum), reason=tx.line(reason, 600), binding=binding
        )


def level_views(instrument: Instrument, lang: str) -> tuple[LevelView, ...]:
    """The instrument's levels, each with its range and a tone from 0 to 4."""
    levels = instrument.levels
    last = max(len(levels) - 1, 1)
    fallback = instrument.default_language
    return tuple(
        LevelView(
            id=level.id,
            label=text_in(level.label, lang, fallback),
            description=text_in(level.description, lang, fallback),
            min=level.min,
            max=levels[i + 1].min if i + 1 < len(levels) else None,
            tone=round(i * 4 / last),
        )
        for i, level in enumerate(levels)
    )


def _count(value: Any) -> int:
    number = as_number(value)
    return int(number) if number is not None and number.is_integer() and number >= 0 else 0
