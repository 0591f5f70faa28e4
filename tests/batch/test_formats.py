"""The summary in CSV, JSON and XLSX: the same rows, each format's conventions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval.batch.formats.csv_sink import text_of
from capacity_eval.batch.summary import Cell

from ..conftest import CliResult
from .support import A_ANSWERS, MINI, read_csv, response

Cli = Callable[..., CliResult]
ODD_NAME = '=1+1, "quoted"\nand a tab\there'


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.yaml").write_text(
        response(answers=A_ANSWERS, name=json.dumps(ODD_NAME)), encoding="utf-8"
    )
    (inbox / "b.yaml").write_text(response("xb", answers="  L1: maybe\n"), encoding="utf-8")
    return inbox


def test_csv_quotes_what_needs_it_and_defuses_formulas(cli: Cli, inbox: Path) -> None:
    cli("batch", "inbox", "-i", MINI, "-o", "out")
    rows = read_csv(Path("out/summary.csv"))
    assert [(row["entity_name"], row["score"]) for row in rows] == [("'" + ODD_NAME, "66.7")]
    raw = Path("out/summary.csv").read_bytes()
    assert raw.startswith(b"file,entity_id,entity_name,") and b"\r\n" in raw
    assert b'"\'=1+1, ""quoted""\nand a tab\there"' in raw


@pytest.mark.parametrize(
    ("cell", "kind", "text"),
    [
        ('=HYPERLINK("x")', "text", '\'=HYPERLINK("x")'),
        ("+1", "text", "'+1"),
        ("-2", "text", "'-2"),
        ("@SUM(A1)", "text", "'@SUM(A1)"),
        ("\tx", "text", "'\tx"),
        ("plain", "text", "plain"),
        (-2.5, "score", "-2.5"),
        (None, "score", ""),
        (True, "flag", "true"),
        (3, "count", "3"),
    ],
)
def test_csv_cells(cell: Cell, kind: str, text: str) -> None:
    assert text_of(cell, kind) == text


def test_json_keeps_types(cli: Cli, inbox: Path) -> None:
    cli("batch", "inbox", "-i", MINI, "-o", "out", "--format", "json")
    assert not Path("out/summary.csv").exists()
    data = json.loads(Path("out/summary.json").read_text(encoding="utf-8"))
    assert data["instrument"]["id"] == "mini" and data["instrument"]["digest"].startswith("sha256:")
    assert data["columns"][:3] == ["file", "entity_id", "entity_name"]
    row = data["rows"][0]
    assert (
        row["entity_name"],
        row["score"],
        row["level"],
        row["coverage"],
        row["insufficient"],
        row["flags_critical"],
    ) == (ODD_NAME, 66.7, 2, 1.0, False, 0)
    assert data["errors"] == [
        {
            "file": "inbox/b.yaml",
            "line": 9,
            "column": 1,
            "message": "the response is submitted but 1 required question(s) have no answer: L1",
        },
        {
            "file": "inbox/b.yaml",
            "line": 11,
            "column": 3,
            "message": "L1: 'maybe' is not one of the options (yes, partial, no)",
        },
    ]


def test_xlsx_has_frozen_headers_number_formats_and_text_as_text(cli: Cli, inbox: Path) -> None:
    from openpyxl import load_workbook

    cli("batch", "inbox", "-i", MINI, "-o", "out", "--format", "xlsx,csv")
    book = load_workbook("out/summary.xlsx")
    assert book.sheetnames == ["summary", "errors"]
    sheet = book["summary"]
    header = [cell.value for cell in sheet[1]]
    assert header == [row for row in read_csv(Path("out/summary.csv"))[0]]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet.auto_filter.ref == "A1:T2"
    cells = {
        name: sheet.cell(2, header.index(name) + 1)
        for name in ("entity_name", "score", "level", "coverage", "insufficient", "law_score")
    }
    assert cells["entity_name"].value == ODD_NAME
    assert cells["entity_name"].data_type == "s"
    assert (cells["score"].value, cells["score"].number_format) == (66.7, "0.0")
    assert (cells["coverage"].value, cells["coverage"].number_format) == (1, "0%")
    assert (cells["level"].value, cells["level"].number_format) == (2, "0")
    assert cells["insufficient"].value is False
    errors = book["errors"]
    assert [c.value for c in errors[1]] == ["file", "line", "column", "message"]
    assert [c.value for c in errors[3]][:3] == ["inbox/b.yaml", 11, 3]
    assert book.properties.modified.year == 2000
