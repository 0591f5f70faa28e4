"""Worker processes: a file that kills its worker costs that file only, in any order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from capacity_eval.batch import BatchOptions, pool, run_batch
from capacity_eval.batch.assess import Context, assess
from capacity_eval.batch.outcome import Job, Outcome

from .support import MINI, read_csv, response


def crashing_assess(context: Context, job: Job) -> Outcome:
    """Kills the worker process on the file named crash.yaml, assesses the others."""
    if job.name.endswith("crash.yaml"):
        os._exit(9)
    return assess(context, job)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_crashing_file_is_an_error_and_the_rest_is_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(pool, "assess", crashing_assess)
    monkeypatch.setattr(pool, "RESTART_METHOD", "fork")  # spawned workers would not be patched
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(40):
        name = "crash.yaml" if number == 17 else f"r{number:02d}.yaml"
        (inbox / name).write_text(response(f"e{number}", answers="  L1: 'yes'\n"), encoding="utf-8")
    report = run_batch(BatchOptions((str(inbox),), MINI, tmp_path / "out", jobs=jobs))
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert [(Path(e["file"]).name, e["message"]) for e in errors] == [
        (
            "crash.yaml",
            "the process scoring this file stopped unexpectedly (a crash, or not "
            "enough memory); the file was skipped",
        )
    ]
    assert (report.scored, report.invalid) == (39, 1)
    assert len(read_csv(tmp_path / "out" / "summary.csv")) == 39
    monkeypatch.undo()  # the crash is not remembered: the next run tries the file again
    again = run_batch(BatchOptions((str(inbox),), MINI, tmp_path / "out", jobs=jobs))
    assert (again.scored, again.invalid, again.reused) == (40, 0, 39)


def test_an_output_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    from capacity_eval.loading.files import load_instrument

    context = Context(load_instrument(MINI), tmp_path / "gone", None, None)
    outcome = assess(context, Job("r.yaml", response("xa/b", answers="  L1: 'yes'\n").encode()))
    assert outcome.errors == [
        (None, None, f"cannot write {tmp_path}/gone/xa_b_2026.json: No such file or directory")
    ]
    assert (outcome.scored, outcome.lasting) == (False, False)
