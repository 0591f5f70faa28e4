"""`capacity-eval validate FILE... [-i INSTRUMENT] [--strict]`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import lang_option, use_language

if TYPE_CHECKING:
    from ..loading.source import Document
    from ..model import Instrument


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate(
        files: list[Path] = typer.Argument(
            ..., help="Instrument and response files (YAML or JSON).", metavar="FILE..."
        ),
        instrument: Path | None = typer.Option(
            None, "--instrument", "-i", help="Instrument to check responses against."
        ),
        strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
        lang: str | None = lang_option(),
    ) -> None:
        """Check instruments and responses; report every problem as file:line:col."""
        use_language(lang)
        raise typer.Exit(run_validate(files, instrument, strict))


def run_validate(files: list[Path], instrument_path: Path | None, strict: bool) -> int:
    """Check every file (instruments first, so responses can use them); 1 if any failed."""
    from ..i18n import t
    from ..loading.files import check_instrument_document, read_any
    from .output import console, print_problems

    out = console()
    forced: Instrument | None = None
    if instrument_path is not None:
        checked = check_instrument_document(read_any(instrument_path)[0])
        forced = checked.unwrap()  # errors: raised and printed once by the CLI
        print_problems(checked.warnings)
    parsed = [(path, *read_any(path)) for path in files]
    known: dict[tuple[str, str], Instrument] = {}
    for _, doc, kind in parsed:
        if kind == "instrument":
            value = check_instrument_document(doc).value
            if value is not None:
                known[(value.id, value.version)] = value
    failed = 0
    for path, doc, kind in parsed:
        if kind == "response":
            _check_response(doc, forced, known)
        elif kind == "result":
            from ..loading.files import check_result_document

            check_result_document(doc)
        elif kind is None and doc.ok:
            from ..loading.files import explain_unknown_kind

            explain_unknown_kind(doc)
        problems = doc.sorted_problems()
        print_problems(problems)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        bad = errors > 0 or (strict and warnings > 0)
        failed += bad
        label = t(f"cli.kind_{kind or 'unknown'}")
        summary = t("cli.file_summary", errors=errors, warnings=warnings)
        out.print(f"{'✗' if bad else '✓'} {path} ({label}): {summary}", markup=False)
    out.print(t("cli.validate_total", files=len(files), failed=failed), markup=False)
    return 1 if failed else 0


def _check_response(
    doc: Document, forced: Instrument | None, known: dict[tuple[str, str], Instrument]
) -> None:
    """Check a response against -i, an instrument among the files, or one on the search path."""
    from ..errors import Problem
    from ..i18n import t
    from ..loading.files import check_instrument, check_response_document, peek_instrument_ref
    from ..search_path import find_instrument

    target = forced
    ref = peek_instrument_ref(doc)
    if target is None and ref is not None:
        target = known.get(ref)
        found = find_instrument(*ref) if target is None else None
        if found is not None:
            target = check_instrument(found).value
        if target is None:
            line, col = doc.where(("instrument",))
            if found is None:
                message = t("cli.instrument_not_found", id=ref[0], version=ref[1])
            else:
                message = t("cli.instrument_invalid", id=ref[0], version=ref[1], path=found)
            doc.problems.append(Problem(doc.name, line, col, message))
    check_response_document(doc, target)
