"""`capacity-eval validate FILE... [-i INSTRUMENT] [--strict]`."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import lang_option, use_language


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def validate(
        files: list[Path] = typer.Argument(..., help="Instrument and response files (YAML or JSON)."),
        instrument: Path | None = typer.Option(
            None, "--instrument", "-i", help="Instrument to check responses against."),
        strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
        lang: str | None = lang_option(),
    ) -> None:
        """Check instruments and responses; report every problem as file:line:col."""
        use_language(lang)
        raise typer.Exit(run_validate(files, instrument, strict))


def run_validate(files: list[Path], instrument_path: Path | None, strict: bool) -> int:
    from ..i18n import t
    from ..loading.files import (check_instrument_document, check_response_document,
                                 peek_instrument_ref, read_any)
    from ..model import Instrument
    from ..search_path import find_instrument
    from .output import console, print_problems

    out = console()
    parsed = [(path, *read_any(path)) for path in files]
    instruments: dict[tuple[str, str], Instrument] = {}
    forced: Instrument | None = None
    failed = warned = 0
    if instrument_path is not None:
        checked = check_instrument_document(read_any(instrument_path)[0])
        print_problems(checked.problems)
        forced = checked.unwrap()
    reports: list[tuple[Path, list[object], str]] = []
    for path, doc, kind in parsed:  # instruments first, so that responses can use them
        if kind == "instrument":
            checked_i = check_instrument_document(doc)
            if checked_i.value is not None:
                instruments[(checked_i.value.id, checked_i.value.version)] = checked_i.value
    for path, doc, kind in parsed:
        if kind == "instrument":
            problems = doc.problems
            label = t("cli.kind_instrument")
        elif kind == "response":
            target = forced
            ref = peek_instrument_ref(doc)
            if target is None and ref is not None:
                target = instruments.get(ref)
                if target is None:
                    found = find_instrument(*ref)
                    if found is not None:
                        target = check_instrument_document(read_any(found)[0]).value
            if target is None and ref is not None:
                line, col = doc.where(("instrument",))
                from ..errors import Problem
                doc.problems.append(Problem(doc.name, line, col, t(
                    "cli.instrument_not_found", id=ref[0], version=ref[1])))
            check_response_document(doc, target)
            problems = doc.problems
            label = t("cli.kind_response")
        else:
            if doc.ok:
                from ..loading.files import check_result_document
                check_result_document(doc)
            problems = doc.problems
            label = t("cli.kind_result") if kind == "result" else t("cli.kind_unknown")
        ordered = sorted(problems, key=lambda p: (p.line or 0, p.col or 0))
        print_problems(ordered)
        errors = sum(p.severity == "error" for p in ordered)
        warnings = len(ordered) - errors
        bad = errors > 0 or (strict and warnings > 0)
        failed += bad
        warned += warnings > 0
        mark = "✗" if bad else "✓"
        detail = t("cli.file_summary", errors=errors, warnings=warnings)
        out.print(f"{mark} {path} ({label}): {detail}", markup=False)
        reports.append((path, list(ordered), label))
    out.print(t("cli.validate_total", files=len(files), failed=failed), markup=False)
    return 1 if failed else 0
