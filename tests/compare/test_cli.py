"""`capacity-eval compare`: exit codes, messages and the files written."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import CliResult
from .support import FIXTURES, TRIO

Cli = Callable[..., CliResult]
RESPONSES = FIXTURES / "responses"
V2 = FIXTURES / "results" / "xg-2026-v2.json"


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(Path(__file__).parent)
    return Path("fixtures")


def test_csv_from_a_folder_with_warnings_for_what_is_set_apart(
    cli: Cli, here: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    result = cli("compare", here, "-i", TRIO, "-o", out)
    assert result.code == 0 and result.out == ""
    digest = json.loads(V2.read_text(encoding="utf-8"))["instrument"]["digest"]
    assert result.err_lines == [
        "fixtures/responses/xe-2026-draft.yaml: warning: set apart: draft "
        "(add --include-drafts to compare it)",
        "fixtures/results/xg-2026-v2.json: warning: set apart: other instrument or major "
        f"version (trio 2.0.0, {digest})",
        "fixtures/responses/xa-2026b.yaml: warning: set apart: same entity and period as "
        "fixtures/responses/xa-2026.yaml, which was kept",
        f"{out} written: 6 compared, 3 set apart",
    ]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 9 * 13  # 9 results x (overall + 3 domains + 3 sections + 6 questions)


def test_drafts_and_periods_options(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = cli(
        "compare", RESPONSES, "-i", TRIO, "-o", out, "--include-drafts", "--periods", " 2026 ,"
    )
    assert result.code == 0
    assert result.err_lines[-1] == f"{out} written: 7 compared, 1 set apart"
    periods = {r["period"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    entities = {r["entity"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    assert periods == {"2026"} and "xe-interior" in entities


def test_html_with_title_language_and_grouping(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = cli(
        "compare",
        RESPONSES,
        "-i",
        TRIO,
        "-o",
        out,
        "--lang",
        "pt",
        "--group-by",
        "country",
        "--title",
        "Região <Sul>",
    )
    assert result.code == 0
    assert result.err_lines[-1] == f"{out} gravado: 5 comparados, 2 à parte"
    html = out.read_text(encoding="utf-8")
    assert '<html lang="pt">' in html and '<h1 class="cover-title">Região &lt;Sul&gt;</h1>' in html
    assert "Países comparados" in html and "Legislação" in html


def test_sensitivity_needs_responses(cli: Cli, tmp_path: Path) -> None:
    result = cli("compare", V2, "-o", tmp_path / "x.html", "--sensitivity", "10")
    assert result.code == 2
    assert result.err_lines == [
        "error: --sensitivity re-scores responses: give responses (*.yaml) with -i INSTRUMENT"
    ]
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "{tmp}/out.docx"],
            "error: cannot tell the output format of {tmp}/out.docx: "
            "name it .pdf, .html, .csv or .xlsx",
        ),
        (
            ["-o", "{tmp}/out.csv", "--periods", " , "],
            "error: --periods needs period labels separated by commas, such as 2024,2026",
        ),
        (
            ["-o", "{tmp}/out.csv", "--spread", "1.5"],
            "error: --spread must be between 0 and 1 "
            "(0.25 means weights vary by up to 25% either way)",
        ),
    ],
)
def test_usage_errors(cli: Cli, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli("compare", RESPONSES, "-i", TRIO, *[a.format(tmp=tmp_path) for a in args])
    assert result.code == 2
    assert result.err_lines == [message.format(tmp=tmp_path)]
    assert list(tmp_path.iterdir()) == []


def test_a_response_without_instrument(cli: Cli, tmp_path: Path) -> None:
    result = cli("compare", RESPONSES / "xa-2026.yaml", "-o", tmp_path / "out.csv")
    assert result.code == 2
    assert result.err_lines == [
        f"error: {RESPONSES / 'xa-2026.yaml'} is a response: give its instrument with "
        "-i INSTRUMENT to score it, or compare result files"
    ]


def test_nothing_to_compare(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "compare", RESPONSES / "xe-2026-draft.yaml", V2, "-i", TRIO, "-o", tmp_path / "out.csv"
    )
    assert result.code == 1
    assert result.err_lines[-1] == (
        "error: nothing left to compare: 1 draft(s) (add --include-drafts to compare them); "
        "1 scored with another instrument or major version"
    )
    assert not (tmp_path / "out.csv").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("compare", empty, "-o", tmp_path / "out.csv")
    assert result.code == 1 and result.err_lines[-1].startswith(
        "error: no results or responses found in the inputs;"
    )


def test_unreadable_input_is_reported_and_the_report_still_written(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(RESPONSES, folder)
    (folder / "broken.yaml").write_text("schema: capacity-eval/response@1\nentity: [\n", "utf-8")
    out = tmp_path / "out.xlsx"
    result = cli("compare", folder, "-i", TRIO, "-o", out)
    assert result.code == 1
    assert result.err_lines[0].startswith(f"{folder / 'broken.yaml'}:3:")
    assert result.err_lines[-1] == f"{out} written: 6 compared, 3 set apart"
    assert out.read_bytes()[:2] == b"PK"


def test_missing_output_folder(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "out.csv"
    result = cli("compare", RESPONSES, "-i", TRIO, "-o", out)
    assert result.code == 1
    assert result.err_lines[-1] == (
        f"error: cannot write {out}: the folder {out.parent} does not exist; create it first"
    )


def test_periods_that_have_no_result(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = cli("compare", RESPONSES, "-i", TRIO, "-o", out, "--periods", "2026,2025")
    assert result.code == 0
    assert result.err_lines[0] == "warning: no result to compare for period 2025 (--periods)"
    result = cli("compare", RESPONSES, "-i", TRIO, "-o", tmp_path / "none.csv", "--periods", "2025")
    assert result.code == 1
    assert result.err_lines == [
        "error: nothing left to compare: 11 result(s) outside the periods asked for "
        "(the inputs have 2024, 2026)"
    ]
