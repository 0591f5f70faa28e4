"""Summary output formats: each a `Sink` that receives rows and errors as the batch goes.

A sink streams what it receives to `.partial-` files, so memory stays flat, and
`commit` moves its files into place at the end; `abort` removes them. The `csv`,
`json` and `xlsx` formats are registered in `FORMATS`; `errors.csv` is always
written, whatever the formats chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..summary import Cell, Table


class Sink(Protocol):
    """Receives the summary rows and the error rows of a batch, in order."""

    def add_row(self, cells: list[Cell]) -> None: ...

    def add_error(self, cells: list[Cell]) -> None: ...

    def commit(self) -> list[Path]:
        """Move the finished files into place; return them."""
        ...

    def abort(self) -> None:
        """Remove what was written so far."""
        ...


Opener = Callable[[Path, Table, dict[str, Any]], Sink]


def _csv(outdir: Path, table: Table, about: dict[str, Any]) -> Sink:
    from .csv_sink import CsvSink

    return CsvSink(outdir / "summary.csv", table, rows=True)


def _json(outdir: Path, table: Table, about: dict[str, Any]) -> Sink:
    from .json_sink import JsonSink

    return JsonSink(outdir / "summary.json", table, about)


def _xlsx(outdir: Path, table: Table, about: dict[str, Any]) -> Sink:
    from .xlsx_sink import XlsxSink

    return XlsxSink(outdir / "summary.xlsx", table)


FORMATS: dict[str, Opener] = {"csv": _csv, "json": _json, "xlsx": _xlsx}


def errors_sink(outdir: Path) -> Sink:
    """The sink of `errors.csv`, written on every run."""
    from ..summary import ERRORS
    from .csv_sink import CsvSink

    return CsvSink(outdir / "errors.csv", ERRORS, rows=False)
