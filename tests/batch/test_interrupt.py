"""A batch stopped by SIGTERM or SIGINT keeps what it finished, leaves no half-written file,
and the same command run again completes the work: outputs equal to an uninterrupted run's."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .support import MINI, outputs, read_csv, response, table_value

FILES = 1200


def big_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    inbox.mkdir()
    for number in range(FILES):
        answers = f"  L1: partial\n  O1: [a]\n  POP: {1000 + number}\n  CNT: {number % 50}\n"
        (inbox / f"r{number:04d}.yaml").write_text(
            response(f"e{number:04d}", "2026", answers), encoding="utf-8"
        )
    return inbox


def run(root: Path, out: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "capacity_eval",
        "batch",
        "inbox",
        "-i",
        str(MINI),
        "-o",
        out,
        "--jobs",
        "2",
    ]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 130), (signal.SIGINT, 130)])
def test_interrupted_then_resumed(tmp_path: Path, number: signal.Signals, code: int) -> None:
    big_inbox(tmp_path)
    command = [
        sys.executable,
        "-m",
        "capacity_eval",
        "batch",
        "inbox",
        "-i",
        str(MINI),
        "-o",
        "out",
        "--jobs",
        "2",
    ]
    process = subprocess.Popen(
        command, cwd=tmp_path, stderr=subprocess.PIPE, text=True, stdout=subprocess.DEVNULL
    )
    assert process.stderr is not None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith(f"batch: {FILES // 10}/"):
            process.send_signal(number)
            break
    lines += process.stderr.readlines()
    assert process.wait(timeout=60) == code
    done = int(lines[-1].split()[1])
    assert lines[-1] == (
        f"interrupted: {done} of {FILES} files done and kept; "
        "run the same command again to finish\n"
    )
    assert FILES // 10 <= done < FILES
    out = tmp_path / "out"
    assert not [p for p in out.rglob("*") if p.name.startswith(".partial-")]
    assert not (out / "summary.csv").exists() and not (out / "errors.csv").exists()
    kept = sorted((out / "results").iterdir())
    assert len(kept) == done
    assert all(
        json.loads(p.read_text(encoding="utf-8"))["schema"] == "capacity-eval/result@1"
        for p in kept
    )

    resumed = run(tmp_path, "out")
    assert resumed.returncode == 0, resumed.stderr
    assert int(table_value(resumed.stdout, "Unchanged since the last run")) == done
    if number == signal.SIGTERM:  # once is enough for the slowest check
        reference = run(tmp_path, "reference")
        assert reference.returncode == 0
        assert outputs(out) == outputs(tmp_path / "reference")
    else:
        assert len(read_csv(out / "summary.csv")) == FILES
        assert len(list((out / "results").iterdir())) == FILES


def test_workers_of_a_killed_batch_end_and_free_the_folder(tmp_path: Path) -> None:
    big_inbox(tmp_path)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "capacity_eval",
        "batch",
        "inbox",
        "-i",
        str(MINI),
        "-o",
        str(out),
        "--jobs",
        "2",
    ]
    process = subprocess.Popen(
        command, cwd=tmp_path, stderr=subprocess.PIPE, text=True, stdout=subprocess.DEVNULL
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith(f"batch: {FILES // 10}/"):
            process.kill()
            break
    process.wait(timeout=60)
    deadline = time.monotonic() + 5
    while _running_into(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running_into(out) == []
    again = run(tmp_path, "out")
    assert again.returncode == 0, again.stderr
    assert len(read_csv(out / "summary.csv")) == FILES


def _running_into(out: Path) -> list[int]:
    """Processes whose command line names `out` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                words = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(out).encode() in words:
                found.append(int(entry.name))
    return found
