"""`capacity-eval score RESPONSE [-i INSTRUMENT] [--json] [-o RESULT]`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .common import lang_option, use_language

if TYPE_CHECKING:
    from ..model import Instrument


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score(
        response: Path = typer.Argument(..., help="Response file to score."),
        instrument: Path | None = typer.Option(
            None, "--instrument", "-i", help="Instrument file (default: found by id and version)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the result document as JSON."),
        output: Path | None = typer.Option(
            None, "--output", "-o", help="Write the result JSON here."
        ),
        top: int = typer.Option(5, "--top", min=0, help="How many recommendations to show."),
        lang: str | None = lang_option(),
    ) -> None:
        """Score a response: domains, levels, coverage, flags and recommendations."""
        use_language(lang)
        raise typer.Exit(run_score(response, instrument, as_json, output, top, lang))


def run_score(
    response_path: Path,
    instrument_path: Path | None,
    as_json: bool,
    output: Path | None,
    top: int,
    lang: str | None,
) -> int:
    from ..api import result_document, score
    from ..fileio import write_atomic
    from .common import adopt_language, load_pair, text_language
    from .output import dump_json, print_json

    instrument, response = load_pair(response_path, instrument_path)
    adopt_language(lang, response)
    scored = score(instrument, response, name=str(response_path))
    language = text_language(lang, instrument, response)
    document = result_document(scored, language)
    if output is not None:
        write_atomic(output, dump_json(document))
    if as_json:
        print_json(document)
    elif output is None or top:
        show_result(document, instrument, language, top)
    return 0


def show_result(doc: dict[str, Any], instrument: Instrument, lang: str, top: int) -> None:
    """The result as a table of domains, then flags and the first recommendations."""
    from rich.table import Table

    from ..i18n import t
    from ..model import text_in
    from ..scoring.rounding import show_score
    from .output import console

    out = console()
    levels = {
        lv.id: text_in(lv.label, lang, instrument.default_language) for lv in instrument.levels
    }
    entity = doc["entity"]
    out.print(
        f"{entity['name']} ({entity['country']}) · {doc['period']} · "
        f"{instrument.id} {instrument.version} · {t('status.' + doc['status'])}",
        markup=False,
    )
    table = Table(show_edge=True, header_style="bold")
    nodes = [doc["nodes"][d.id] for d in instrument.domains] + [doc["overall"]]
    has_notes = any(n["insufficient"] or n["caps"] for n in nodes)
    for header, justify in (
        (t("cli.col_domain"), "left"),
        (t("cli.col_score"), "right"),
        (t("cli.col_level"), "left"),
        (t("cli.col_coverage"), "right"),
        *([(t("cli.col_notes"), "left")] if has_notes else []),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]

    def row(title: str, node: dict[str, Any], bold: bool = False) -> None:
        level = node["level"]
        notes = []
        if node["insufficient"]:
            notes.append("⚠ " + t("cli.insufficient"))
        if node["caps"]:
            notes.append(t("cli.capped", rules=", ".join(node["caps"])))
        coverage = "—" if node["coverage"] is None else f"{node['coverage'] * 100:.0f}%"
        table.add_row(
            title,
            show_score(node["score"]),
            "—" if level is None else f"{level} {levels.get(level, '')}",
            coverage,
            *(["; ".join(notes)] if has_notes else []),
            style="bold" if bold else None,
        )

    for domain in instrument.domains:
        row(text_in(domain.title, lang, instrument.default_language), doc["nodes"][domain.id])
    table.add_section()
    row(t("cli.overall"), doc["overall"], bold=True)
    out.print(table)
    if doc["flags"]:
        out.print(t("cli.flags"), style="bold")
        for flag in doc["flags"]:
            out.print(f"  [{t('severity.' + flag['severity'])}] {flag['message']}", markup=False)
    recommendations = doc["recommendations"][:top]
    if recommendations:
        out.print(
            t(
                "cli.top_recommendations",
                count=len(recommendations),
                total=len(doc["recommendations"]),
            ),
            style="bold",
        )
        for rec in recommendations:
            out.print(
                f"  ({t('priority.' + rec['priority'])}) {rec['source']}: {rec['text']}",
                markup=False,
            )
