"""Running again into the same OUTDIR: unchanged files are reused, changed ones redone,
outputs of files gone are removed, and the outputs are the same as a fresh run's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import CliResult
from .support import MINI, messy_inbox, outputs, read_csv, response, table_value

Cli = Callable[..., CliResult]


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return messy_inbox(tmp_path)


def batch(cli: Cli, *extra: str, out: str = "out") -> CliResult:
    return cli("batch", "inbox", "-i", MINI, "-o", out, "--jobs", "1", *extra)


def reused(result: CliResult) -> int:
    return int(table_value(result.out, "Unchanged since the last run"))


def test_a_second_run_reuses_everything_and_writes_the_same(cli: Cli, inbox: Path) -> None:
    first = batch(cli)
    before = outputs(Path("out"))
    second = batch(cli)
    assert (first.code, second.code) == (1, 1)
    assert (reused(first), reused(second)) == (0, 11)
    assert outputs(Path("out")) == before


def test_a_changed_file_is_scored_again(cli: Cli, inbox: Path) -> None:
    batch(cli)
    (inbox / "a-valid.yaml").write_text(
        response(answers="  L1: 'yes'\n  L2: '2'\n"), encoding="utf-8"
    )
    second = batch(cli)
    assert reused(second) == 10
    row = read_csv(Path("out/summary.csv"))[0]
    assert (row["file"], row["law_score"], row["ops_score"], row["score"]) == (
        "inbox/a-valid.yaml",
        "100.0",
        "",
        "100.0",
    )
    batch(cli, out="fresh")
    assert outputs(Path("out")) == outputs(Path("fresh"))


def test_force_redoes_everything(cli: Cli, inbox: Path) -> None:
    batch(cli)
    before = outputs(Path("out"))
    forced = batch(cli, "--force")
    assert reused(forced) == 0
    assert outputs(Path("out")) == before


def test_a_damaged_result_is_made_again(cli: Cli, inbox: Path) -> None:
    batch(cli)
    before = outputs(Path("out"))
    Path("out/results/xb-sec_2026.json").write_text("{}", encoding="utf-8")
    Path("out/results/xc-pol_2025.json").unlink()
    second = batch(cli)
    assert reused(second) == 9
    assert outputs(Path("out")) == before


def test_outputs_of_files_gone_are_removed_and_others_kept(cli: Cli, inbox: Path) -> None:
    batch(cli, "-f", "csv,xlsx")
    Path("out/my-notes.txt").write_text("mine", encoding="utf-8")
    (inbox / "b-json.json").unlink()
    (inbox / "z-again.yaml").unlink()
    second = batch(cli, "-f", "json")
    assert second.code == 1
    assert sorted(outputs(Path("out"))) == [
        "errors.csv",
        "my-notes.txt",
        "results/xa-min_2026.json",
        "results/xc-pol_2025.json",
        "summary.json",
    ]


def test_when_the_first_of_two_goes_the_second_is_scored(cli: Cli, inbox: Path) -> None:
    batch(cli)
    (inbox / "a-valid.yaml").unlink()
    second = batch(cli)
    assert reused(second) == 9
    row = read_csv(Path("out/summary.csv"))[-1]
    assert (row["file"], row["score"], row["result"]) == (
        "inbox/z-again.yaml",
        "100.0",
        "results/xa-min_2026.json",
    )
    assert all(r["file"] != "inbox/z-again.yaml" for r in read_csv(Path("out/errors.csv")))


def test_another_language_is_another_run(cli: Cli, inbox: Path) -> None:
    batch(cli)
    spanish = batch(cli, "--lang", "es")
    assert int(table_value(spanish.out, "Sin cambios desde la última ejecución")) == 0
    rows = read_csv(Path("out/errors.csv"))
    assert rows[2]["message"].startswith("el archivo está vacío")
    assert read_csv(Path("out/summary.csv"))[0]["level_label"] == "Establecido"
