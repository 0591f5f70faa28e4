"""`summary.xlsx`: a `summary` sheet and an `errors` sheet, each with a bold header row,
frozen panes, a filter, column widths and number formats (scores `0.0`, coverage `0%`).

The workbook is written in openpyxl's write-only mode, which streams rows to disk.
Text is always stored as text, never as a formula (an entity named `=1+1` stays
that text), and the file is made reproducible: fixed timestamps inside, so that
the same batch gives the same bytes.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from typing import Any

from ..outputs import discard, partial_path, publish_synced
from ..summary import ERRORS, Cell, Table

FIXED_TIME = datetime.datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
_NUMBER_FORMATS = {"score": "0.0", "ratio": "0%", "level": "0", "count": "0", "line": "0"}
_WIDTHS = {"file": 48, "entity_name": 40, "message": 90, "result": 40, "entity_id": 24}


class XlsxSink:
    def __init__(self, target: Path, table: Table) -> None:
        from openpyxl import Workbook

        self.target = target
        self.book = Workbook(write_only=True)
        self.book.properties.created = FIXED_TIME
        self.book.properties.creator = "capacity-eval"
        self.sheets = {
            "summary": self._sheet("summary", table),
            "errors": self._sheet("errors", ERRORS),
        }
        self.tables = {"summary": table, "errors": ERRORS}
        self.counts = {"summary": 0, "errors": 0}

    def _sheet(self, title: str, table: Table) -> Any:
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        sheet = self.book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for number, name in enumerate(table.columns, start=1):
            width = _WIDTHS.get(name, max(10, len(name) + 2))
            sheet.column_dimensions[get_column_letter(number)].width = width
        header = [self._cell(sheet, name, "text") for name in table.columns]
        for cell in header:
            cell.font = Font(bold=True)
        sheet.append(header)
        return sheet

    def _cell(self, sheet: Any, value: Cell, kind: str) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula
        elif kind in _NUMBER_FORMATS and value is not None and not isinstance(value, bool):
            cell.number_format = _NUMBER_FORMATS[kind]
        return cell

    def _add(self, part: str, cells: list[Cell]) -> None:
        sheet, kinds = self.sheets[part], self.tables[part].kinds
        sheet.append(
            [self._cell(sheet, value, kind) for value, kind in zip(cells, kinds, strict=True)]
        )
        self.counts[part] += 1

    def add_row(self, cells: list[Cell]) -> None:
        self._add("summary", cells)

    def add_error(self, cells: list[Cell]) -> None:
        self._add("errors", cells)

    def commit(self) -> list[Path]:
        from openpyxl.utils import get_column_letter

        for part, sheet in self.sheets.items():
            last = get_column_letter(len(self.tables[part].columns))
            sheet.auto_filter.ref = f"A1:{last}{self.counts[part] + 1}"
        saved = partial_path(self.target.parent, ".xlsx")
        try:
            self.book.save(saved)
            _reproducible(saved, self.target)
        finally:
            discard(saved)
        return [self.target]

    def abort(self) -> None:
        """Nothing to undo in OUTDIR; openpyxl removes its own temporary files at exit."""


def _reproducible(saved: Path, target: Path) -> None:
    """Copy the workbook with fixed member timestamps and modification time, then publish."""
    copied = partial_path(target.parent, ".xlsx")
    try:
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(copied, "w") as copy:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "docProps/core.xml":
                    stamp = FIXED_TIME.isoformat().encode() + b"Z"
                    data = _MODIFIED.sub(
                        rb"<dcterms:modified\1>" + stamp + rb"</dcterms:modified>", data
                    )
                fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = info.external_attr
                copy.writestr(fixed, data)
    except BaseException:
        discard(copied)
        raise
    publish_synced(copied, target)
