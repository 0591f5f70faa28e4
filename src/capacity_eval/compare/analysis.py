"""A comparison from loaded inputs: selection, table, statistics, ranking, trends, gaps.

`build_comparison` is pure: it takes what `inputs.load_inputs` read and returns a
`Comparison`, the plain data the report context, the tables and the tests use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from ..errors import UserError
from ..i18n import t
from ..model import Instrument
from ..scoring.plan import plan_for
from .comparability import Family, Selection, order_periods, select, version_key
from .frame import Frame, GroupBy, build_frame
from .gaps import Gaps, common_gaps
from .inputs import Loaded
from .ranking import Ranked, rank_rows
from .records import Excluded
from .sensitivity import DEFAULT_SEED, DEFAULT_SPREAD, Sensitivity, rank_sensitivity
from .stats import Summary, summarise
from .trends import Trends, compute_trends

SortBy = Literal["score", "name"]


@dataclass
class Options:
    """What the user asked for (the command-line options of `compare`)."""

    group_by: GroupBy = "entity"
    periods: list[str] | None = None
    include_drafts: bool = False
    sensitivity: int = 0  # runs; 0 for none
    seed: int = DEFAULT_SEED
    spread: float = DEFAULT_SPREAD
    sort: SortBy = "score"
    title: str | None = None


@dataclass
class Comparison:
    """Everything a comparative report shows."""

    options: Options
    instrument: Instrument | None  # gives titles and levels; None when not available
    selection: Selection
    excluded: list[Excluded]
    frame: Frame
    statistics: dict[str, dict[str, Summary | None]]  # period -> node -> summary
    ranking: list[Ranked]  # of the latest period
    trends: Trends
    gaps: Gaps
    sensitivity: Sensitivity | None = None
    notes: list[str] = field(default_factory=list)


def build_comparison(
    loaded: Loaded, options: Options, instrument: Instrument | None = None
) -> Comparison:
    """Compare the loaded results (see the package docstring for each part).

    `instrument` (the `-i` one) fixes the reference family; without it the family most
    results share is compared, and its newest loaded version gives titles and levels.
    Raises UserError when nothing is left to compare.
    """
    reference: Family | None = (instrument.id, instrument.major_version) if instrument else None
    selection = select(
        loaded.entries,
        reference=reference,
        include_drafts=options.include_drafts,
        periods=options.periods,
    )
    excluded = [*loaded.excluded, *selection.excluded]
    if not selection.entries:
        raise UserError(nothing_message(loaded, excluded, selection.outside_periods))
    describing = instrument or describing_instrument(loaded, selection)
    domains = [d.id for d in describing.domains] if describing is not None else []
    for entry in selection.entries:
        domains += [d for d in entry.domains if d not in domains]
    frame = build_frame(
        selection.entries,
        group_by=options.group_by,
        domains=domains,
        periods=options.periods,
        level_of=plan_for(describing).level_of if describing is not None else None,
    )
    latest = frame.latest
    comparison = Comparison(
        options,
        describing,
        selection,
        excluded,
        frame,
        {
            p: {n: summarise(r.score(n) for r in frame.rows_in(p)) for n in frame.nodes}
            for p in frame.periods
        },
        rank_rows(frame.rows_in(latest)) if latest is not None else [],
        compute_trends(frame),
        common_gaps(frame),
    )
    if options.sensitivity > 0:
        comparison.sensitivity = rank_sensitivity(
            frame,
            loaded.instruments,
            options.sensitivity,
            seed=options.seed,
            spread=options.spread,
        )
    return comparison


def describing_instrument(loaded: Loaded, selection: Selection) -> Instrument | None:
    """The newest loaded instrument of the reference family, if any was loaded."""
    family = selection.reference
    candidates = [
        ins for ins in loaded.instruments.values() if (ins.id, ins.major_version) == family
    ]
    return max(candidates, key=lambda ins: version_key(ins.version), default=None)


def nothing_message(loaded: Loaded, excluded: list[Excluded], outside_periods: int = 0) -> str:
    """Why there is nothing to compare, with what to do."""
    if not loaded.entries and not excluded:
        return t("compare.no_inputs")
    reasons = Counter(item.reason for item in excluded)
    parts = [
        t(f"compare.nothing_{reason}", count=count) for reason, count in sorted(reasons.items())
    ]
    if outside_periods:
        found = order_periods(e.period for e in loaded.entries)
        parts.append(t("compare.nothing_periods", count=outside_periods, periods=", ".join(found)))
    return t("compare.nothing", reasons="; ".join(parts))


def missing_periods(comparison: Comparison) -> list[str]:
    """The periods asked for with `--periods` that no compared result has."""
    asked = comparison.options.periods or []
    return [p for p in dict.fromkeys(asked) if p not in comparison.frame.periods]
