"""Long-form CSV and XLSX: the values of `score --json`, safe in spreadsheets, reproducible."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from capacity_eval.cli import run
from capacity_eval.compare.analysis import Options, build_comparison
from capacity_eval.compare.inputs import load_inputs
from capacity_eval.compare.tables import COLUMNS, csv_text, xlsx_bytes
from capacity_eval.model import Instrument

from .support import FIXTURES, TRIO

RESPONSES = FIXTURES / "responses"


def _comparison(trio: Instrument, paths: list[Path] | None = None):  # type: ignore[no-untyped-def]
    loaded = load_inputs(paths or [FIXTURES], trio, "en")
    return build_comparison(loaded, Options(), trio)


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_values_equal_score_json(trio: Instrument, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _csv_rows(csv_text(_comparison(trio)))
    # 6 entities: xa, xb, xd-police with 2 periods, xc, xd-interior, xf with 1 = 9 results
    assert len({(r["entity"], r["period"]) for r in rows}) == 9
    assert list(rows[0]) == list(COLUMNS)
    for name in ("xb-2026.yaml", "xc-2026.yaml"):
        assert run(["score", str(RESPONSES / name), "-i", str(TRIO), "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        mine = [
            r
            for r in rows
            if (r["entity"], r["period"]) == (document["entity"]["id"], document["period"])
        ]
        nodes = {"overall": document["overall"], **document["nodes"]}
        assert [r["node"] for r in mine] == list(nodes)
        for row in mine:
            node = nodes[row["node"]]
            for key in ("score", "raw_score", "level", "coverage"):
                expected = "" if node[key] is None else str(node[key])
                assert row[key] == expected, (row["node"], key)
            assert row["insufficient"] == str(node["insufficient"]).lower()
            assert row["kind"] == node["kind"]


def test_csv_sample_rows_by_hand(trio: Instrument) -> None:
    rows = _csv_rows(csv_text(_comparison(trio)))
    xc = {r["node"]: r for r in rows if r["entity"] == "xc-justice"}
    assert xc["overall"]["score"] == "87.5" and xc["overall"]["coverage"] == "0.8333"
    assert (xc["police"]["score"], xc["police"]["insufficient"]) == ("50.0", "true")
    assert (xc["P2"]["kind"], xc["P2"]["parent"], xc["P2"]["score"]) == ("question", "police-s", "")
    assert xc["overall"]["entity_name"] == "Ministry of Justice of XC"


def test_formula_like_text_is_neutralised(tmp_path: Path, trio: Instrument) -> None:
    text = (RESPONSES / "xa-2026.yaml").read_text(encoding="utf-8")
    path = tmp_path / "evil.yaml"
    path.write_text(
        text.replace('"Ministry of the Interior of XA"', '"=HYPERLINK(\\"x\\")"'), "utf-8"
    )
    comparison = _comparison(trio, [path])
    rows = _csv_rows(csv_text(comparison))
    assert rows[0]["entity_name"] == '\'=HYPERLINK("x")'
    sheet = load_workbook(io.BytesIO(xlsx_bytes(comparison)))["scores"]
    cell = sheet["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
    (tmp_path / "evil.yaml").write_text(text.replace('period: "2026"', 'period: "#N/A"'), "utf-8")
    period = load_workbook(io.BytesIO(xlsx_bytes(_comparison(trio, [path]))))["scores"]["D2"]
    assert (period.value, period.data_type) == ("#N/A", "s")


def test_xlsx_sheets_and_reproducible_bytes(trio: Instrument) -> None:
    comparison = _comparison(trio)
    data = xlsx_bytes(comparison)
    assert data == xlsx_bytes(comparison)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["scores", "statistics", "gaps", "excluded"]
    scores = list(book["scores"].values)
    assert scores[0] == COLUMNS
    assert len(scores) - 1 == len(_csv_rows(csv_text(comparison)))
    first = dict(zip(COLUMNS, scores[1], strict=True))
    assert (first["entity"], first["node"], first["score"], first["insufficient"]) == (
        "xa-interior",
        "overall",
        62.5,
        False,
    )
    stats = {(r[0], r[1]): r for r in book["statistics"].values}
    assert stats[("2026", "overall")][2:] == (6, 43.8, 62.55, 84.4, 87.5, 93.8)
    gaps = list(book["gaps"].values)[1:]
    assert gaps[0] == (
        "flag",
        "no-shelters",
        "major",
        None,
        "There are no shelters.",
        2,
        6,
        "National Police of XD; Secretaría de Seguridad & Justicia <XB>",
    )
    assert [(g[0], g[1], g[5]) for g in gaps[1:]] == [
        ("recommendation", "C1", 2),
        ("recommendation", "no-shelters", 2),
    ]
    excluded = sorted(r[1] for r in list(book["excluded"].values)[1:])
    assert excluded == ["draft", "duplicate", "instrument"]
