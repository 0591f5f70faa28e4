"""`capacity-eval report RESPONSE -i INSTRUMENT -o OUT.pdf|OUT.html [--lang L] [--pdf-variant V]`:
the single-assessment report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .common import lang_option, use_language

if TYPE_CHECKING:
    from ..loading.source import Document
    from ..model import Instrument

VARIANT_HELP = (
    "PDF variant: pdf/ua-1 (accessible, PDF/UA) or pdf/a-3b (archival, PDF/A). "
    "Without it the PDF is tagged for accessibility all the same."
)


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        response: Path = typer.Argument(
            ..., help="Response file, or a result file written by `score -o`."
        ),
        instrument: Path | None = typer.Option(
            None, "--instrument", "-i", help="Instrument file (default: found by id and version)."
        ),
        output: Path = typer.Option(
            ..., "--output", "-o", help="Report to write: a .pdf or .html file."
        ),
        lang: str | None = lang_option(),
        pdf_variant: str | None = typer.Option(
            None, "--pdf-variant", help=VARIANT_HELP, metavar="VARIANT"
        ),
    ) -> None:
        """Write the assessment report of one response: PDF or HTML."""
        use_language(lang)
        raise typer.Exit(run_report(response, instrument, output, lang, pdf_variant))


def run_report(
    input_path: Path,
    instrument_path: Path | None,
    output: Path,
    lang: str | None,
    variant: str | None,
) -> int:
    from ..errors import UsageError
    from ..i18n import t
    from ..reporting import PDF_VARIANTS, render_report, report_format

    kind = report_format(output)
    if variant is not None and variant not in PDF_VARIANTS:
        raise UsageError(
            t("report.unknown_variant", variant=variant, variants=", ".join(PDF_VARIANTS))
        )
    if variant is not None and kind != "pdf":
        raise UsageError(t("report.variant_needs_pdf"))
    instrument, document = load_input(input_path, instrument_path, lang)
    if lang is not None and lang not in instrument.languages:
        raise UsageError(
            t("report.lang_unavailable", lang=lang, languages=", ".join(instrument.languages))
        )
    render_report(instrument, document, output, lang=lang, pdf_variant=variant)
    typer.echo(t("report.written", path=str(output)))
    return 0


def load_input(
    path: Path, instrument_path: Path | None, lang: str | None
) -> tuple[Instrument, dict[str, Any]]:
    """The instrument and the result document of a response (scored now) or a result file."""
    from ..api import result_document, score
    from ..errors import InvalidInput, Problem
    from ..i18n import t
    from ..loading.files import read_any
    from .common import load_pair, text_language

    doc, kind = read_any(path)
    if kind == "result":
        return _from_result(doc, path, instrument_path)
    if kind == "instrument":
        raise InvalidInput(
            [
                Problem(
                    str(path),
                    1,
                    1,
                    t("report.not_scorable", path=str(path), kind=t("cli.kind_instrument")),
                )
            ]
        )
    instrument, response = load_pair(path, instrument_path)
    scored = score(instrument, response, name=str(path))
    document = result_document(scored, text_language(lang, instrument, response))
    if response.updated and "updated" not in document:
        document["updated"] = response.updated
    return instrument, document


def _from_result(
    doc: Document, path: Path, instrument_path: Path | None
) -> tuple[Instrument, dict[str, Any]]:
    """A result file and the instrument that scored it (same id, version and digest)."""
    from ..errors import InvalidInput, Problem
    from ..i18n import t
    from ..loading.files import check_instrument, check_result_document
    from ..scoring.plan import plan_for
    from .common import resolve_instrument

    result = check_result_document(doc).unwrap()
    instrument = check_instrument(resolve_instrument(path, instrument_path)).unwrap()
    stamp = result.instrument
    line, col = doc.where(("instrument",))
    if (stamp.id, stamp.version) != (instrument.id, instrument.version):
        raise InvalidInput(
            [
                Problem(
                    str(path),
                    line,
                    col,
                    t(
                        "report.result_instrument",
                        id=stamp.id,
                        version=stamp.version,
                        expected_id=instrument.id,
                        expected_version=instrument.version,
                    ),
                )
            ]
        )
    if stamp.digest != plan_for(instrument).digest:
        raise InvalidInput(
            [
                Problem(
                    str(path),
                    line,
                    col,
                    t("report.result_digest", id=stamp.id, version=stamp.version),
                )
            ]
        )
    return instrument, result.model_dump(mode="json", by_alias=True)
