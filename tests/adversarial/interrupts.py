"""Interrupting `fill` and `batch` at random moments, and checking what they leave.

A fill trial drives the real prompt in a pseudo-terminal, confirms a few answers (an
answer is confirmed once the next prompt is on screen), types one more and sends
SIGINT or SIGKILL after a random pause, perhaps in the middle of a save. The response
file must then parse, validate and hold every confirmed answer. Trials share one
response file, so each starts by resuming what the last one left (a stale lock and
temporary files of a killed save included).

A batch trial starts a batch, sends SIGTERM or SIGKILL at a random moment, checks that
every output present is whole, then runs the batch again and compares every output
with those of an uninterrupted run.

The fast suite runs a few trials (tests/adversarial/test_interrupts.py); bench/trials.py
runs many.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .support import FIXTURES, child_environment

SURVEY = FIXTURES / "fill-survey.yaml"
HEADER = [
    "--entity-id",
    "xa-min",
    "--entity-name",
    "Ministerio",
    "--country",
    "XAA",
    "--period",
    "2026",
]
PROMPT = re.compile(r"Answer \[([A-Z0-9-]+)\] ?: |Choice \[1-3\] ?: ")
VALUES: dict[str, list[str]] = {
    "LAW-1": ["yes", "partial", "no"],
    "LAW-3": ["congress", "courts,ombudsman", "none"],
    "STAFF": ["0", "17", "2500", "100000"],
    "TRAINED": ["n/a", "10", "55.5", "100"],
    "COMMENT": ["ok", "Ley 5/2020 vigente", "Señal débil en la zona sur"],
}


def stored(qid: str, line: str) -> Any:
    """A typed answer as the response file holds it once read back."""
    return line.split(",") if qid == "LAW-3" else line


def saved_answers(path: Path) -> dict[str, Any]:
    """The answers of the response at `path`, which must validate without errors."""
    from capacity_eval.loading.files import check_response, load_instrument

    checked = check_response(path, load_instrument(SURVEY))
    assert checked.errors == [], [str(p) for p in checked.errors]
    response = checked.unwrap()
    return {qid: answer.value for qid, answer in response.answers.items()}


@dataclass
class FillTrials:
    """Trials on one response file; `expected` is what the file must hold."""

    out: Path
    rng: random.Random
    expected: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"SIGINT": 0, "SIGKILL": 0})
    late: int = 0  # SIGINTs that took effect only at the next Enter

    def run_one(self, signum: int) -> None:
        import pexpect

        child = pexpect.spawn(
            sys.executable,
            [
                "-m",
                "capacity_eval",
                "fill",
                str(SURVEY),
                "-o",
                str(self.out),
                *HEADER,
                "--lang",
                "en",
            ],
            env={**child_environment(), "TERM": "xterm"},
            dimensions=(40, 100),
            encoding="utf-8",
            timeout=20,
        )
        child.delaybeforesend = None
        child.expect(PROMPT)
        for _ in range(self.rng.randint(0, 3)):
            qid, line = self._pick()
            self._answer(child, qid, line)
            child.expect(PROMPT)  # on screen: the answer is confirmed
            self.expected[qid] = stored(qid, line)
        qid, line = self._pick()
        self._answer(child, qid, line, whole=self.rng.random() < 0.75)
        pause = self.rng.choice([0.0, self.rng.uniform(0.0, 0.05), self.rng.uniform(0.0, 0.005)])
        if pause:
            child.expect(pexpect.TIMEOUT, timeout=pause)
        os.kill(child.pid, signum)
        try:
            child.expect(pexpect.EOF, timeout=5)
        except pexpect.TIMEOUT:
            # Python's readline checks for signals only while it waits for a key: a SIGINT
            # that lands while it handles one takes effect at the next Enter.
            self.late += 1
            child.sendline("")
            child.expect(pexpect.EOF)
        child.close()
        if signum == signal.SIGKILL:
            assert child.signalstatus == signal.SIGKILL
        else:
            assert child.exitstatus in (0, 130), (child.exitstatus, child.before)
        self._check(qid, line)
        self.counts[signal.Signals(signum).name] += 1

    def _pick(self) -> tuple[str, str]:
        qid = self.rng.choice(sorted(VALUES))
        return qid, self.rng.choice(VALUES[qid])

    def _answer(self, child: Any, qid: str, line: str, whole: bool = True) -> None:
        child.sendline(f":jump {qid}")
        child.expect(PROMPT)
        if whole:
            child.sendline(line)
        else:
            child.send(line[: self.rng.randint(0, len(line))])

    def _check(self, in_flight: str, line: str) -> None:
        found = saved_answers(self.out)
        before = self.expected.get(in_flight)
        assert found.get(in_flight) in (before, stored(in_flight, line)), (in_flight, found)
        if found.get(in_flight) is None:
            self.expected.pop(in_flight, None)
        else:
            self.expected[in_flight] = found[in_flight]
        assert found == self.expected


# --- batch ---------------------------------------------------------------------------------


def make_inbox(folder: Path, examples: Path, copies: int) -> Path:
    """`copies` renamed copies of every example response (distinct entity ids)."""
    from capacity_eval.loading.source import read_document

    inbox = folder / "inbox"
    inbox.mkdir(parents=True)
    for source in sorted(examples.glob("*.yaml")):
        data = read_document(source).data
        for n in range(copies):
            data["entity"]["id"] = f"{data['entity']['id']}-{n}"
            (inbox / f"{source.stem}-{n}.json").write_text(json.dumps(data, ensure_ascii=False))
            data["entity"]["id"] = data["entity"]["id"].rsplit("-", 1)[0]
    return inbox


def batch_command(inbox: Path, instrument: Path, outdir: Path, pdf: bool) -> list[str]:
    extra = ["--pdf"] if pdf else []
    return [
        sys.executable,
        "-m",
        "capacity_eval",
        "batch",
        str(inbox),
        "-i",
        str(instrument),
        "-o",
        str(outdir),
        "-f",
        "csv,json",
        *extra,
    ]


def run_batch(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, env=child_environment(), timeout=900
    )


def check_whole(outdir: Path) -> int:
    """Every output present is complete; returns how many there are."""
    count = 0
    for path in sorted(outdir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        count += 1
        data = path.read_bytes()
        if path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
        elif path.suffix == ".csv":
            assert data.endswith(b"\r\n") or data == b"", path
    return count


def same_outputs(outdir: Path, reference: Path) -> None:
    """`outdir` holds the same files as `reference`, byte for byte (hidden files aside)."""

    def listing(folder: Path) -> list[str]:
        return sorted(
            str(p.relative_to(folder))
            for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )

    assert listing(outdir) == listing(reference)
    _, mismatch, errors = filecmp.cmpfiles(reference, outdir, listing(reference), shallow=False)
    assert (mismatch, errors) == ([], []), (mismatch, errors)


@dataclass
class BatchTrials:
    """Interrupted batches over one inbox, each compared with an uninterrupted run."""

    folder: Path
    inbox: Path
    instrument: Path
    rng: random.Random
    pdf: bool = False
    counts: dict[str, int] = field(default_factory=lambda: {"SIGTERM": 0, "SIGKILL": 0})
    reference_seconds: float = 0.0
    orphaned: int = 0  # trials after which worker processes outlived the batch

    def reference(self) -> Path:
        import time

        outdir = self.folder / "reference"
        started = time.monotonic()
        done = run_batch(batch_command(self.inbox, self.instrument, outdir, self.pdf))
        self.reference_seconds = time.monotonic() - started
        assert done.returncode in (0, 1), done.stderr
        return outdir

    def run_one(self, signum: int, reference: Path, *, fresh: bool) -> dict[str, Any]:
        import time

        outdir = self.folder / "trial"
        if fresh and outdir.exists():
            shutil.rmtree(outdir)
        args = batch_command(self.inbox, self.instrument, outdir, self.pdf)
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(
                args, stdout=subprocess.DEVNULL, stderr=err, env=child_environment()
            )
            time.sleep(self.rng.uniform(0.1, max(0.2, self.reference_seconds * 1.1)))
            proc.send_signal(signum)
            proc.wait(timeout=300)
            err.seek(0)
            message = err.read().decode("utf-8", "replace")
        if signum == signal.SIGTERM:
            assert proc.returncode in (0, 1, 130, -15), (proc.returncode, message)
            assert "Traceback" not in message, message
        time.sleep(0.5)
        orphans = workers_of(outdir)
        for pid in orphans:  # ended here so that the trials can go on; the trial fails
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.orphaned += bool(orphans)
        whole = check_whole(outdir) if outdir.exists() else 0
        again = run_batch(args)
        assert again.returncode in (0, 1), again.stderr
        same_outputs(outdir, reference)
        assert not list(outdir.rglob(".partial-*"))
        self.counts[signal.Signals(signum).name] += 1
        assert not orphans, f"worker processes {orphans} outlived the batch"
        return {"signal": signal.Signals(signum).name, "code": proc.returncode, "whole": whole}


def workers_of(outdir: Path) -> list[int]:
    """Processes still running a batch into `outdir` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # ended meanwhile
            continue
        if b"batch" in words and str(outdir).encode() in words:
            found.append(int(entry.name))
    return sorted(found)
