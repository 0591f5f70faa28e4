"""Long-form tables of a comparison, for analysis elsewhere: CSV and XLSX.

One row per compared result and node (overall, then every domain, section and question
in instrument order), whatever `--group-by` says: the values are those of the result
documents (`score --json`), unchanged. Column names are fixed identifiers in English so
that scripts can rely on them. The XLSX workbook adds the group statistics per period,
every flag and recommendation with the units they concern, and the inputs set apart.
Both outputs are byte-for-byte reproducible.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

from .analysis import Comparison
from .records import OVERALL, Entry

COLUMNS = (
    "entity",
    "entity_name",
    "country",
    "period",
    "status",
    "instrument",
    "version",
    "node",
    "kind",
    "parent",
    "score",
    "raw_score",
    "level",
    "coverage",
    "insufficient",
)
STAT_COLUMNS = ("period", "node", "n", "minimum", "q1", "median", "q3", "maximum")
EXCLUDED_COLUMNS = (
    "file",
    "reason",
    "entity",
    "entity_name",
    "period",
    "instrument",
    "version",
    "digest",
    "detail",
)
GAP_COLUMNS = ("kind", "key", "grade", "domain", "text", "count", "out_of", "units")
# Text that a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def long_rows(entries: Sequence[Entry]) -> Iterator[list[Any]]:
    """The long-form rows (COLUMNS) of `entries`, overall first, then nodes in order."""
    for entry in entries:
        doc = entry.document
        head = [
            entry.entity,
            entry.name,
            entry.country,
            entry.period,
            entry.status,
            entry.stamp.id,
            entry.stamp.version,
        ]
        nodes: list[tuple[str, Any]] = [(OVERALL, doc["overall"]), *doc["nodes"].items()]
        for node_id, node in nodes:
            parent = node.get("parent")
            yield [
                *head,
                node_id,
                node["kind"],
                parent if isinstance(parent, str) else None,
                node.get("score"),
                node.get("raw_score"),
                node.get("level"),
                node.get("coverage"),
                bool(node.get("insufficient")),
            ]


def statistics_rows(comparison: Comparison) -> Iterator[list[Any]]:
    for period, by_node in comparison.statistics.items():
        for node, summary in by_node.items():
            if summary is None:
                yield [period, node, 0, None, None, None, None, None]
            else:
                yield [
                    period,
                    node,
                    summary.n,
                    summary.minimum,
                    summary.q1,
                    summary.median,
                    summary.q3,
                    summary.maximum,
                ]


def excluded_rows(comparison: Comparison) -> Iterator[list[Any]]:
    for item in comparison.excluded:
        stamp = item.stamp
        yield [
            item.source,
            item.reason,
            item.entity,
            item.name,
            item.period,
            stamp.id if stamp else None,
            stamp.version if stamp else None,
            (stamp.digest or None) if stamp else None,
            item.detail or None,
        ]


def gap_rows(comparison: Comparison) -> Iterator[list[Any]]:
    gaps = comparison.gaps
    for kind, found in (("flag", gaps.flags), ("recommendation", gaps.recommendations)):
        for gap in found:
            yield [
                kind,
                gap.key,
                gap.grade,
                gap.domain,
                gap.text,
                gap.count,
                gaps.units,
                "; ".join(gap.units),
            ]


def csv_text(comparison: Comparison) -> str:
    """The long-form table as CSV (UTF-8, comma-separated, header row, `\\r\\n` lines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in long_rows(comparison.selection.entries):
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return repr(value) if isinstance(value, float) else str(value)


def xlsx_bytes(comparison: Comparison) -> bytes:
    """The workbook: sheets `scores` (long form), `statistics`, `gaps` and `excluded`."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook(write_only=True)
    workbook.properties.creator = "capacity-eval"
    workbook.properties.created = workbook.properties.modified = fixed_time()
    sheets = (
        ("scores", COLUMNS, long_rows(comparison.selection.entries)),
        ("statistics", STAT_COLUMNS, statistics_rows(comparison)),
        ("gaps", GAP_COLUMNS, gap_rows(comparison)),
        ("excluded", EXCLUDED_COLUMNS, excluded_rows(comparison)),
    )
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append(list(columns))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return fixed_zip_times(buffer.getvalue())


def fixed_time() -> datetime.datetime:
    """The date written into files: SOURCE_DATE_EPOCH when set, else 1980-01-01 (the zip epoch)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).replace(tzinfo=None)
    return datetime.datetime(1980, 1, 1)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """A cell whose text is always text: never turned into a formula or an error code.

    openpyxl reads a string starting with `=` as a formula and `#N/A` and the like as
    errors; only those need a cell typed by hand (plain values are much faster to write).
    """
    from openpyxl.cell.cell import ERROR_CODES

    if not isinstance(value, str) or not (value.startswith("=") or value in ERROR_CODES):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def fixed_zip_times(data: bytes) -> bytes:
    """The same zip archive with every entry dated `fixed_time()`: equal input, equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    when = max(fixed_time(), datetime.datetime(1980, 1, 1))
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
