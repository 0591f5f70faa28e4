"""Names shown in the comparative report, in the report's language.

Titles, level labels, flag messages and recommendation texts come from the instrument
when it is known (in the report language, else the instrument's default); otherwise
from the results themselves (in the language they were scored in) or their ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import t
from ..model import Instrument, text_in
from ..reporting.lookup import level_views
from ..reporting.lookup import percent as report_percent
from ..reporting.text import line
from ..reporting.views import LevelView
from ..scoring.rounding import round1
from .records import OVERALL

TITLE = 300  # longest domain title printed in full (as in the single-assessment report)
LABEL = 200  # longest entity name printed in full in tables


@dataclass
class Labels:
    instrument: Instrument | None
    lang: str
    _titles: dict[str, str] = field(default_factory=dict)
    _flags: dict[str, str] = field(default_factory=dict)
    _advice: dict[str, str] = field(default_factory=dict)
    _levels: dict[int, LevelView] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ins = self.instrument
        if ins is None:
            return
        fallback = ins.default_language
        for domain in ins.domains:
            self._titles[domain.id] = line(text_in(domain.title, self.lang, fallback), TITLE)
        for question in ins.questions():
            if question.recommendation is not None:
                self._advice[question.id] = text_in(question.recommendation, self.lang, fallback)
        for rule in ins.rules:
            if rule.flag is not None:
                self._flags[rule.id] = text_in(rule.flag.message, self.lang, fallback)
            if rule.recommend is not None:
                self._advice[rule.id] = text_in(rule.recommend.text, self.lang, fallback)
        self._levels = {view.id: view for view in level_views(ins, self.lang)}

    def node(self, node: str) -> str:
        """A domain's title (its id when unknown), or the word for overall."""
        if node == OVERALL:
            return t("compare.overall", self.lang)
        return self._titles.get(node, node)

    def level(self, level: int | None) -> str:
        if level is None:
            return "—"
        known = self._levels.get(level)
        return known.label if known else t("compare.level_n", self.lang, level=level)

    def tone(self, level: int | None) -> str:
        """The colour class of a level: '0' (lowest) to '4' (highest), 'none' without one.

        Without the instrument the level ids are taken as positions (1 -> '0', ...).
        """
        if level is None:
            return "none"
        known = self._levels.get(level)
        return str(known.tone) if known else str(min(4, max(0, level - 1)))

    def flag(self, rule: str, fallback: str) -> str:
        return self._flags.get(rule, fallback)

    def advice(self, source: str, fallback: str) -> str:
        return self._advice.get(source, fallback)

    def levels(self) -> list[LevelView]:
        """The legend: the instrument's levels, lowest first (none without the instrument)."""
        return list(self._levels.values())

    def name(self, text: str, limit: int = LABEL) -> str:
        """Text from the inputs, ready for layout: one line, capped and breakable."""
        return line(text, limit)

    def percent(self, ratio: float | None) -> str:
        return report_percent(ratio, self.lang)


def score(value: float | None) -> str:
    """A score as shown: one decimal, half up; an em dash when there is none."""
    rounded = round1(value)
    return "—" if rounded is None else f"{rounded:.1f}"


def delta(value: float | None) -> str:
    """A change with its sign (a true minus sign for losses)."""
    rounded = round1(value)
    if rounded is None:
        return "—"
    if rounded > 0:
        return f"+{rounded:.1f}"
    return f"−{abs(rounded):.1f}" if rounded < 0 else "0.0"
