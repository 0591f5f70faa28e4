"""`fill` and `batch` interrupted at random moments keep every confirmed answer and every
finished result (a few trials here; bench/trials.py runs hundreds)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .interrupts import BatchTrials, FillTrials, batch_command, make_inbox, workers_of

EXAMPLES = Path(__file__).parents[2] / "examples" / "core"
DPS_CORE = Path(__file__).parents[2] / "questionnaires" / "dps-core.yaml"


def test_fill_interrupted_and_killed_at_random_moments(tmp_path: Path) -> None:
    trials = FillTrials(tmp_path / "r.yaml", random.Random(20260411))
    for signum in (signal.SIGINT, signal.SIGKILL, signal.SIGINT, signal.SIGKILL, signal.SIGINT):
        trials.run_one(signum)
    assert trials.counts == {"SIGINT": 3, "SIGKILL": 2}
    assert trials.expected  # the trials did confirm answers


@pytest.mark.skipif(not EXAMPLES.is_dir() or not DPS_CORE.is_file(), reason="needs examples/core")
def test_batch_terminated_and_killed_then_run_again(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path, EXAMPLES, copies=1)
    trials = BatchTrials(tmp_path, inbox, DPS_CORE, random.Random(7))
    reference = trials.reference()
    trials.run_one(signal.SIGTERM, reference, fresh=True)
    trials.run_one(signal.SIGKILL, reference, fresh=False)
    assert trials.counts == {"SIGTERM": 1, "SIGKILL": 1}


@pytest.mark.skipif(not EXAMPLES.is_dir() or not DPS_CORE.is_file(), reason="needs examples/core")
def test_batch_workers_do_not_outlive_a_killed_batch(tmp_path: Path) -> None:
    """Workers that outlived a `kill -9` of the batch would keep OUTDIR's lock, and running
    the command again would be refused."""
    inbox = make_inbox(tmp_path, EXAMPLES, copies=6)
    outdir = tmp_path / "out"
    args = batch_command(inbox, DPS_CORE, outdir, pdf=False)
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not any((outdir / "results").glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.01)  # the workers are busy once a first result is there
        proc.kill()
        proc.wait(timeout=30)
        time.sleep(1)
        left = workers_of(outdir)
        again = subprocess.run(args, capture_output=True, text=True, timeout=300)
    finally:
        for pid in workers_of(outdir):
            os.kill(pid, signal.SIGKILL)
    assert left == []
    assert again.returncode == 0, again.stderr
