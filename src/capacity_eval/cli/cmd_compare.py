"""`capacity-eval compare INPUT... [-i INSTRUMENT] -o OUT.pdf|.html|.csv|.xlsx`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import lang_option, use_language

if TYPE_CHECKING:
    from ..compare.analysis import Comparison, Options
    from ..compare.inputs import Loaded
    from ..compare.records import Excluded
    from ..model import Instrument

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".csv": "csv", ".xlsx": "xlsx"}


class GroupBy(StrEnum):
    entity = "entity"
    country = "country"


class SortBy(StrEnum):
    score = "score"
    name = "name"


def register(app: typer.Typer) -> None:
    @app.command("compare")
    def compare(
        inputs: list[Path] = typer.Argument(
            ...,
            help="Result files (*.json), responses (*.yaml, scored with -i), or folders "
            "such as a batch output folder (searched recursively).",
            metavar="INPUT...",
        ),
        output: Path = typer.Option(
            ..., "--output", "-o", help="Report to write: .pdf, .html, .csv or .xlsx."
        ),
        instrument: Path | None = typer.Option(
            None,
            "--instrument",
            "-i",
            help="Instrument: scores responses and fixes which results are comparable.",
        ),
        group_by: GroupBy = typer.Option(
            GroupBy.entity, "--group-by", help="Compare entities, or countries (medians)."
        ),
        periods: str | None = typer.Option(
            None,
            "--periods",
            help="Periods to compare, in order, e.g. 2024,2026.",
            metavar="P1,P2,...",
        ),
        title: str | None = typer.Option(None, "--title", help="Title of the report."),
        include_drafts: bool = typer.Option(
            False, "--include-drafts", help="Compare draft responses and results too."
        ),
        sensitivity: int = typer.Option(
            0,
            "--sensitivity",
            min=0,
            max=10_000,
            metavar="N",
            help="Re-score responses N times with perturbed domain weights; show rank intervals.",
        ),
        spread: float = typer.Option(
            0.25, "--spread", help="How far weights vary in --sensitivity (0.25: within ±25%)."
        ),
        seed: int | None = typer.Option(
            None, "--seed", help="Random seed of --sensitivity (a fixed default: reproducible)."
        ),
        sort: SortBy = typer.Option(SortBy.score, "--sort", help="Order of the overview rows."),
        lang: str | None = lang_option(),
    ) -> None:
        """Compare results across entities, countries and periods: report, CSV or XLSX."""
        from ..compare.analysis import Options
        from ..compare.sensitivity import DEFAULT_SEED

        chosen = use_language(lang)
        options = Options(
            group_by=group_by.value,
            periods=parse_periods(periods),
            include_drafts=include_drafts,
            sensitivity=sensitivity,
            seed=DEFAULT_SEED if seed is None else seed,
            spread=spread,
            sort=sort.value,
            title=title,
        )
        raise typer.Exit(run_compare(inputs, instrument, output, options, chosen))


def parse_periods(text: str | None) -> list[str] | None:
    """`2024, 2026` -> ['2024', '2026']; None when not given."""
    if text is None:
        return None
    from ..errors import UsageError
    from ..i18n import t

    periods = [p.strip() for p in text.split(",") if p.strip()]
    if not periods:
        raise UsageError(t("compare.bad_periods"))
    return periods


def output_format(path: Path) -> str:
    from ..errors import UsageError
    from ..i18n import t

    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise UsageError(t("compare.bad_output", path=str(path)))
    return found


def run_compare(
    inputs: list[Path], instrument_path: Path | None, output: Path, options: Options, lang: str
) -> int:
    """Load, compare, write; 1 when some input could not be read (the report is still written)."""
    from ..compare.analysis import build_comparison, missing_periods
    from ..compare.inputs import load_inputs
    from ..errors import UsageError
    from ..i18n import t
    from .output import print_problems, stderr_line

    kind = output_format(output)
    if not 0 <= options.spread < 1:
        raise UsageError(t("compare.bad_spread"))
    instrument = _instrument(instrument_path)
    text_lang = _text_language(lang, instrument)
    loaded = load_inputs(inputs, instrument, text_lang, draft_warnings=options.include_drafts)
    print_problems(loaded.problems)
    if options.sensitivity and not any(e.response is not None for e in loaded.entries):
        raise UsageError(t("compare.sensitivity_needs_responses"))
    comparison = build_comparison(loaded, options, instrument)
    for period in missing_periods(comparison):
        stderr_line("warning: " + t("compare.period_missing", period=period))
    write_output(comparison, output, kind, lang)
    for item in comparison.excluded:
        if item.reason != "invalid":  # unreadable files were reported with their problems
            stderr_line(f"{item.source}: warning: {set_apart(item)}")
    stderr_line(
        t(
            "compare.written",
            path=str(output),
            units=len(comparison.frame.units),
            excluded=len(comparison.excluded),
        )
    )
    return 1 if _unreadable(loaded) else 0


def set_apart(item: Excluded) -> str:
    """Why an input is not in the comparison, in one phrase."""
    from ..i18n import t

    reason = t(f"compare.reason_{item.reason}", detail=item.detail)
    if item.reason == "instrument" and item.stamp is not None:
        reason += f" ({item.stamp.id} {item.stamp.version}, {item.stamp.digest})"
    return t("compare.set_apart", reason=reason)


def _instrument(path: Path | None) -> Instrument | None:
    if path is None:
        return None
    from ..loading.files import check_instrument
    from .output import print_problems

    checked = check_instrument(path)
    print_problems(checked.warnings)
    return checked.unwrap()


def _text_language(lang: str, instrument: Instrument | None) -> str | None:
    if instrument is None:
        return lang
    return lang if lang in instrument.languages else instrument.default_language


def _unreadable(loaded: Loaded) -> bool:
    return any(item.reason == "invalid" for item in loaded.excluded)


def write_output(comparison: Comparison, output: Path, kind: str, lang: str) -> None:
    """Write the comparison in the format `kind` (pdf, html, csv, xlsx) to `output`."""
    from ..fileio import write_atomic

    if kind == "csv":
        from ..compare.tables import csv_text

        write_atomic(output, csv_text(comparison))
    elif kind == "xlsx":
        from ..compare.tables import xlsx_bytes

        write_atomic(output, xlsx_bytes(comparison))
    elif kind == "html":
        from ..compare.render import render_html

        write_atomic(output, render_html(comparison, lang))
    else:
        from ..compare.render import render_pdf

        write_atomic(output, render_pdf(comparison, lang))
