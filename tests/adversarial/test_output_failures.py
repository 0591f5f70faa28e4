"""Outputs that cannot be written (missing or read-only folder, a file where a folder
should be, a full disk): one clear line, exit 1, no partial or temporary file left, and
an existing output left as it was."""

from __future__ import annotations

import csv
import errno
import io
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from capacity_eval.errors import OutputError

from .support import MINI, MINI_RESPONSE, child_environment, command, mini_response

SCORE = ("score", MINI_RESPONSE, "-i", MINI)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "missing/r.json",
            "cannot write {tmp}/missing/r.json: the folder {tmp}/missing does not exist; "
            "create it first",
        ),
        (
            "file.txt/r.json",
            "cannot write {tmp}/file.txt/r.json: {tmp}/file.txt is a file, not a folder",
        ),
        ("folder.html", "cannot write {tmp}/folder.html: Is a directory"),
    ],
)
@pytest.mark.parametrize("kind", ["score", "report"])
def test_unwritable_outputs(tmp_path: Path, kind: str, target: str, message: str) -> None:
    (tmp_path / "file.txt").write_text("keep")
    (tmp_path / "folder.html").mkdir()
    path = tmp_path / (target.replace("r.json", "r.html") if kind == "report" else target)
    args = (
        (*SCORE, "-o", path)
        if kind == "score"
        else ("report", MINI_RESPONSE, "-i", MINI, "-o", path)
    )
    code, _, err = command(*args, "--lang", "en")
    expected = message.format(tmp=tmp_path)
    if kind == "report":
        expected = expected.replace("r.json", "r.html")
    assert (code, err.splitlines()) == (1, [f"error: {expected}"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder.html"]
    assert (tmp_path / "file.txt").read_text() == "keep"
    assert list((tmp_path / "folder.html").iterdir()) == []


def test_read_only_file_system() -> None:
    """`/sys` refuses new files (read-only or not permitted, even to root)."""
    code, _, err = command(*SCORE, "-o", "/sys/capacity-eval-result.json", "--lang", "en")
    assert code == 1
    assert err.splitlines() in (
        ["error: cannot write /sys/capacity-eval-result.json: Permission denied"],
        ["error: cannot write /sys/capacity-eval-result.json: Read-only file system"],
    )
    assert not Path("/sys/capacity-eval-result.json").exists()


@pytest.mark.parametrize(
    "args", [SCORE, ("report", MINI_RESPONSE, "-i", MINI)], ids=["score", "report"]
)
def test_disk_full_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str | Path, ...]
) -> None:
    target = tmp_path / ("r.json" if args[0] == "score" else "r.html")
    target.write_text("previous version\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("capacity_eval.fileio.os.fsync", full)
    code, _, err = command(*args, "-o", target, "--lang", "en")
    assert (code, err.splitlines()) == (
        1,
        [f"error: cannot write {target}: no space left on the device"],
    )
    assert target.read_text() == "previous version\n"
    assert leftovers(tmp_path) == []


def run_with_file_limit(limit: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`capacity-eval ARGS` where no file may grow beyond `limit` bytes (a full disk, as the
    writing process sees it: writes fail with EFBIG)."""

    def ceiling() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "capacity_eval", *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=ceiling,
        env=child_environment(),
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_pdf_report_on_a_full_disk(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    run = run_with_file_limit(4096, "report", MINI_RESPONSE, "-i", MINI, "-o", target)
    assert (run.returncode, run.stderr) == (1, f"error: cannot write {target}: File too large\n")
    assert list(tmp_path.iterdir()) == []


def full_disk_batch(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Six responses, three of whose results are larger than the 30,000 bytes a file may
    grow to; the batch run under that limit, one worker."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(6):
        response = mini_response()
        response["entity"]["id"] = f"e{n}"
        if n % 2:
            response["answers"]["NOTE"] = "long text " * 4000
        (inbox / f"r{n}.json").write_text(json.dumps(response))
    outdir = tmp_path / "out"
    return outdir, run_with_file_limit(
        30_000, "batch", inbox, "-i", MINI, "-o", outdir, "--jobs", "1"
    )


def test_batch_on_a_full_disk_then_again(tmp_path: Path) -> None:
    """Results that do not fit fail alone; every file written is whole; a second run with
    room finishes the work."""
    outdir, first = full_disk_batch(tmp_path)
    assert first.returncode == 1
    assert first.stderr.splitlines()[-1] == (
        f"3 file(s) had problems; the list, with lines, is in {outdir / 'errors.csv'}"
    )
    results = sorted(p.name for p in (outdir / "results").iterdir())
    assert results == ["e0_2026.json", "e2_2026.json", "e4_2026.json"]
    for name in results:
        json.loads((outdir / "results" / name).read_text())
    assert [p.name for p in outdir.rglob(".partial-*")] == []
    second = subprocess.run(
        [
            sys.executable,
            "-m",
            "capacity_eval",
            "batch",
            tmp_path / "inbox",
            "-i",
            MINI,
            "-o",
            outdir,
        ],
        capture_output=True,
        text=True,
        env=child_environment(),
        timeout=120,
    )
    assert second.returncode == 0, second.stderr
    assert len(list((outdir / "results").iterdir())) == 6


def test_batch_names_the_output_it_could_not_write(tmp_path: Path) -> None:
    """The message names the result that could not be written, not a temporary file."""
    outdir, _ = full_disk_batch(tmp_path)
    with (outdir / "errors.csv").open(newline="") as handle:
        messages = [row["message"] for row in csv.DictReader(handle)]
    assert messages == [
        f"cannot write {outdir}/results/e{n}_2026.json: File too large" for n in (1, 3, 5)
    ]


def test_fill_keeps_answers_when_the_response_cannot_be_saved(
    cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    """The disk fills up during a sitting: every save after that fails, the answers stay in
    memory, and at the end they go to a rescue copy in the temporary folder."""
    import tempfile

    from capacity_eval.session import storage

    target = tmp_path / "r.yaml"
    real_write = storage.write_atomic
    calls = {"n": 0}

    def filling_up(path: Path, data: str | bytes) -> None:
        calls["n"] += 1
        if Path(path) == target and calls["n"] > 1:
            raise OutputError(f"cannot write {path}: no space left on the device")
        real_write(path, data)

    monkeypatch.setattr(storage, "write_atomic", filling_up)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    header = ["--entity-id", "xa", "--entity-name", "X", "--country", "XAA", "--period", "2026"]
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n1,2\n"))
    result = cli("fill", MINI, "-o", target, *header)
    assert result.code == 1
    assert f"cannot write {target}: no space left on the device" in result.out
    rescued = list((tmp_path / "tmp").iterdir())
    assert len(rescued) == 1 and rescued[0].name.startswith("r-rescue-")
    assert f"{rescued[0]}" in result.err + result.out
    code, out, _ = command("score", rescued[0], "-i", MINI, "--json")
    assert code == 0
    answers = {
        qid: node.get("answer")
        for qid, node in json.loads(out)["nodes"].items()
        if node["kind"] == "question"
    }
    assert answers["L1"] == "no" and answers["O1"] == ["a", "b"]
