"""The summary table (one row per scored response) and the error table of a batch.

Column names are stable identifiers (the same in every language and format), so
that scripts and spreadsheets built on them keep working; level labels are given
in the batch's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Instrument, text_in
from .outcome import SEVERITIES

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Table:
    """Column names and, for each, what kind of value it holds (for number formats)."""

    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # text, score, level, ratio, flag, count, line


ERRORS = Table(("file", "line", "column", "message"), ("text", "line", "line", "text"))


def summary_table(instrument: Instrument) -> Table:
    """The summary columns for an instrument: fixed ones, then two per domain."""
    head = [
        ("file", "text"),
        ("entity_id", "text"),
        ("entity_name", "text"),
        ("country", "text"),
        ("period", "text"),
        ("status", "text"),
        ("language", "text"),
        ("score", "score"),
        ("level", "level"),
        ("level_label", "text"),
        ("coverage", "ratio"),
        ("insufficient", "flag"),
    ]
    domains = [(f"{d.id}_{part}", part) for d in instrument.domains for part in ("score", "level")]
    tail = [(f"flags_{severity}", "count") for severity in SEVERITIES] + [("result", "text")]
    pairs = head + domains + tail
    return Table(tuple(name for name, _ in pairs), tuple(kind for _, kind in pairs))


class RowMaker:
    """Turns the summary fields of an outcome into a row of `summary_table`."""

    def __init__(self, instrument: Instrument, lang: str) -> None:
        fallback = instrument.default_language
        self.labels = {
            level.id: text_in(level.label, lang, fallback) for level in instrument.levels
        }
        self.domains = [d.id for d in instrument.domains]

    def row(self, file: str, fields: dict[str, Any], result: str) -> list[Cell]:
        level = fields["level"]
        cells: list[Cell] = [
            file,
            fields["entity_id"],
            fields["entity_name"],
            fields["country"],
            fields["period"],
            fields["status"],
            fields["language"],
            fields["score"],
            level,
            self.labels.get(level, "") if level is not None else "",
            fields["coverage"],
            fields["insufficient"],
        ]
        for domain in self.domains:
            score, domain_level = fields["domains"].get(domain, [None, None])
            cells += [score, domain_level]
        cells += [fields["flags"].get(severity, 0) for severity in SEVERITIES]
        cells.append(result)
        return cells


def error_row(file: str, line: int | None, column: int | None, message: str) -> list[Cell]:
    return [file, line, column, message]
