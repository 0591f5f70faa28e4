"""`summary.csv` and `errors.csv`: UTF-8, comma-separated, a header row, RFC 4180 quoting.

A spreadsheet opening a CSV file runs a cell that starts with `=`, `+`, `-` or `@` as a
formula, and entity names come from files others wrote: such text cells get a leading
`'` (spreadsheets hide it and show the text). `summary.json` keeps the exact text.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..outputs import StreamedFile
from ..summary import Cell, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_of(cell: Cell, kind: str = "number") -> str:
    """How a value is written in CSV: empty for none, `true`/`false`, numbers as Python
    prints them (`57.3`, `3`), text made harmless for spreadsheets."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, str):
        return "'" + cell if kind == "text" and cell.startswith(FORMULA_STARTS) else cell
    return str(cell)


class CsvSink:
    """Writes either the rows (`rows=True`) or the errors it receives to one CSV file."""

    def __init__(self, target: Path, table: Table, *, rows: bool) -> None:
        self.file = StreamedFile(target)
        self.rows = rows
        self.kinds = table.kinds
        self.writer = csv.writer(self.file.handle, lineterminator="\r\n")
        self.writer.writerow(table.columns)

    def _write(self, cells: list[Cell]) -> None:
        self.writer.writerow([text_of(c, k) for c, k in zip(cells, self.kinds, strict=True)])

    def add_row(self, cells: list[Cell]) -> None:
        if self.rows:
            self._write(cells)

    def add_error(self, cells: list[Cell]) -> None:
        if not self.rows:
            self._write(cells)

    def commit(self) -> list[Path]:
        self.file.commit()
        return [self.file.target]

    def abort(self) -> None:
        self.file.abort()
