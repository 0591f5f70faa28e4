"""`batch --pdf`: one report per scored response, the same bytes whatever `--jobs`, kept
between runs, and a report that fails to render is listed without stopping anything."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval import reporting
from capacity_eval.batch import BatchOptions, run_batch

from ..conftest import CliResult
from .support import MINI, messy_inbox, outputs, read_csv, table_value

Cli = Callable[..., CliResult]
REPORTS = ["reports/xa-min_2026.pdf", "reports/xb-sec_2026.pdf", "reports/xc-pol_2025.pdf"]


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return messy_inbox(tmp_path)


def test_reports_are_the_same_with_one_or_two_jobs(cli: Cli, inbox: Path) -> None:
    for path in inbox.rglob("*"):  # two valid files and a duplicate (which gets no report)
        if path.name not in ("a-valid.yaml", "b-json.json", "z-again.yaml") and path.is_file():
            path.unlink()
    one = cli("batch", "inbox", "-i", MINI, "-o", "one", "--pdf", "--jobs", "1")
    two = cli("batch", "inbox", "-i", MINI, "-o", "two", "--pdf", "--jobs", "2")
    assert one.code == two.code == 1
    first = outputs(Path("one"))
    assert sorted(p for p in first if p.startswith("reports/")) == REPORTS[:2]
    assert first == outputs(Path("two"))
    assert all(first[name].startswith(b"%PDF-") for name in REPORTS[:2])
    text = subprocess.run(
        ["pdftotext", "one/reports/xb-sec_2026.pdf", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Secretaría B" in text


def test_reports_are_kept_by_later_runs(cli: Cli, inbox: Path) -> None:
    cli("batch", "inbox", "-i", MINI, "-o", "out", "--pdf", "--jobs", "1")
    stamps = {name: Path("out", name).stat().st_mtime_ns for name in REPORTS}
    again = cli("batch", "inbox", "-i", MINI, "-o", "out", "--pdf", "--jobs", "1")
    assert table_value(again.out, "Unchanged since the last run") == "11"
    without = cli("batch", "inbox", "-i", MINI, "-o", "out", "--jobs", "1")
    assert without.code == 1
    assert {name: Path("out", name).stat().st_mtime_ns for name in REPORTS} == stamps


def test_a_report_that_fails_is_listed(inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(
        instrument: object,
        result: dict[str, object],
        out_path: Path,
        *,
        lang: str | None = None,
        pdf_variant: str | None = None,
    ) -> None:
        Path(out_path).write_bytes(b"%PDF-half")
        raise RuntimeError(f"no fonts for {result['period']}")

    monkeypatch.setattr(reporting, "render_report", failing)
    report = run_batch(BatchOptions(("inbox",), MINI, Path("out"), pdf=True, jobs=1))
    assert (report.scored, report.invalid, report.report_failures, report.failed) == (3, 8, 3, True)
    assert len(read_csv(Path("out/summary.csv"))) == 3
    failures = [e for e in read_csv(Path("out/errors.csv")) if "PDF" in e["message"]]
    assert [(e["file"], e["line"], e["message"]) for e in failures] == [
        (
            "inbox/a-valid.yaml",
            "",
            "the file was scored but its PDF report could not be made: no fonts for 2026",
        ),
        (
            "inbox/b-json.json",
            "",
            "the file was scored but its PDF report could not be made: no fonts for 2026",
        ),
        (
            "inbox/sub/c-draft.yml",
            "",
            "the file was scored but its PDF report could not be made: no fonts for 2025",
        ),
    ]
    assert sorted(p.name for p in Path("out/reports").iterdir()) == []
