"""`capacity-eval batch` on a folder mixing valid responses with every kind of broken file:
exactly which rows land in the summary and in the error list, with their lines."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval.api import result_document, score
from capacity_eval.loading.files import load_instrument, load_response, load_result

from ..conftest import CliResult
from .support import MINI, messy_inbox, outputs, read_csv, table_row, table_value

Cli = Callable[..., CliResult]


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return messy_inbox(tmp_path)


def test_valid_responses_are_scored_in_order(cli: Cli, inbox: Path) -> None:
    result = cli("batch", "inbox", "-i", MINI, "-o", "out", "--jobs", "1")
    assert result.code == 1
    rows = read_csv(Path("out/summary.csv"))
    assert [(r["file"], r["entity_id"], r["period"], r["status"]) for r in rows] == [
        ("inbox/a-valid.yaml", "xa-min", "2026", "submitted"),
        ("inbox/b-json.json", "xb-sec", "2026", "submitted"),
        ("inbox/sub/c-draft.yml", "xc-pol", "2025", "draft"),
    ]
    assert rows[0] == {
        "file": "inbox/a-valid.yaml",
        "entity_id": "xa-min",
        "entity_name": "Ministerio de Prueba",
        "country": "XAA",
        "period": "2026",
        "status": "submitted",
        "language": "es",
        "score": "66.7",
        "level": "2",
        "level_label": "Established",
        "coverage": "1.0",
        "insufficient": "false",
        "law_score": "50.0",
        "law_level": "2",
        "ops_score": "75.0",
        "ops_level": "2",
        "flags_critical": "0",
        "flags_major": "0",
        "flags_minor": "0",
        "result": "results/xa-min_2026.json",
    }
    b, c = rows[1], rows[2]
    assert (
        b["entity_name"],
        b["score"],
        b["level"],
        b["level_label"],
        b["coverage"],
        b["law_score"],
        b["ops_score"],
        b["flags_critical"],
    ) == ("Secretaría B", "30.0", "1", "Initial", "0.75", "0.0", "60.0", "1")
    assert (
        c["score"],
        c["coverage"],
        c["insufficient"],
        c["law_score"],
        c["law_level"],
        c["ops_score"],
    ) == ("60.0", "0.2", "true", "", "", "60.0")


def test_every_problem_is_listed_with_its_line(cli: Cli, inbox: Path) -> None:
    result = cli("batch", "inbox", "-i", MINI, "-o", "out", "--jobs", "1")
    errors = [
        (r["file"], r["line"], r["column"], r["message"]) for r in read_csv(Path("out/errors.csv"))
    ]
    assert errors == [
        (
            "inbox/binary.yaml",
            "1",
            "",
            "the file contains a NUL byte; it looks binary, not YAML or JSON text",
        ),
        ("inbox/corrupt.yaml", "12", "5", "YAML syntax error: did not find expected ',' or ']'"),
        (
            "inbox/empty.yaml",
            "1",
            "",
            "the file is empty; it should be a mapping starting with `schema:`",
        ),
        (
            "inbox/latin1.yaml",
            "5",
            "14",
            "the file is not UTF-8 text; save it as UTF-8 and try again",
        ),
        ("inbox/number.yaml", "12", "3", "POP: -5 is below the minimum 0"),
        (
            "inbox/option.yaml",
            "9",
            "1",
            "the response is submitted but 1 required question(s) have no answer: L1",
        ),
        (
            "inbox/option.yaml",
            "11",
            "3",
            "L1: 'maybe' is not one of the options (yes, partial, no)",
        ),
        (
            "inbox/other.yaml",
            "2",
            "1",
            "the response is for instrument other 1.0.0, not mini 1.0.0",
        ),
        (
            "inbox/z-again.yaml",
            "4",
            "3",
            "entity xa-min and period 2026 were already scored from inbox/a-valid.yaml (line 4); "
            "only the first file is scored: remove one or correct the period",
        ),
    ]
    assert result.err_lines[-1] == (
        "8 file(s) had problems; the list, with lines, is in out/errors.csv"
    )
    assert [table_value(result.out, label) for label in ("Files read", "Scored", "Invalid")] == [
        "11",
        "3",
        "8",
    ]
    assert table_row(result.out, "2 Established") == ["2 Established", "2", "66.7%"]


def test_results_are_the_result_documents(cli: Cli, inbox: Path) -> None:
    cli("batch", "inbox", "-i", MINI, "-o", "out", "--jobs", "1")
    assert sorted(p.name for p in Path("out/results").iterdir()) == [
        "xa-min_2026.json",
        "xb-sec_2026.json",
        "xc-pol_2025.json",
    ]
    instrument = load_instrument(MINI)
    expected = result_document(
        score(instrument, load_response(inbox / "a-valid.yaml", instrument)), None
    )
    path = Path("out/results/xa-min_2026.json")
    assert json.loads(path.read_text(encoding="utf-8")) == expected
    assert load_result(path).overall.score == 66.7
    umask = os.umask(0)
    os.umask(umask)
    modes = {
        stat.S_IMODE(p.stat().st_mode)
        for p in Path("out").rglob("*")
        if p.is_file() and p.name.endswith((".json", ".csv"))
    }
    assert modes == {0o666 & ~umask}


def test_jobs_do_not_change_a_single_byte(cli: Cli, inbox: Path) -> None:
    one = cli("batch", "inbox", "-i", MINI, "-o", "one", "--jobs", "1", "-f", "csv,json,xlsx")
    two = cli("batch", "inbox", "-i", MINI, "-o", "two", "--jobs", "2", "-f", "csv,json,xlsx")
    assert one.code == two.code == 1
    first, second = outputs(Path("one")), outputs(Path("two"))
    assert sorted(first) == [
        "errors.csv",
        "results/xa-min_2026.json",
        "results/xb-sec_2026.json",
        "results/xc-pol_2025.json",
        "summary.csv",
        "summary.json",
        "summary.xlsx",
    ]
    assert first == second


def test_a_clean_folder_exits_0(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inbox = messy_inbox(tmp_path)
    for path in inbox.rglob("*"):
        if path.is_file() and path.name not in ("a-valid.yaml", "b-json.json", "c-draft.yml"):
            path.unlink()
    result = cli("batch", "inbox", "-i", MINI, "-o", "out")
    assert result.code == 0
    assert read_csv(Path("out/errors.csv")) == []
    assert len(read_csv(Path("out/summary.csv"))) == 3


def test_a_very_large_batch_is_warned_about_and_still_runs(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capacity_eval import limits

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(limits, "BATCH_FILES_WARNING", 2)
    inbox = messy_inbox(tmp_path)
    for path in inbox.rglob("*"):
        if path.is_file() and path.name not in ("a-valid.yaml", "b-json.json", "c-draft.yml"):
            path.unlink()
    result = cli("batch", "inbox", "-i", MINI, "-o", "out", "--jobs", "1")
    assert result.code == 0
    assert (
        "warning: this batch has 3 files, more than 2; it will take long and is better split "
        "(by region or period)"
    ) in result.err.splitlines()
    assert len(read_csv(Path("out/summary.csv"))) == 3
