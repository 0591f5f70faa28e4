"""One `fill` per response file: a live holder refuses others, a dead one does not."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from capacity_eval.session import LockBusy, ResponseLock
from capacity_eval.session.lock import lock_path

HOLD = """
import sys, time
from pathlib import Path
from capacity_eval.session import ResponseLock
ResponseLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def holder(response: Path) -> subprocess.Popen[str]:
    """Another process holding the lock of `response` until killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(response)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    return process


def test_lock_file_names_its_holder_and_goes_away(tmp_path: Path) -> None:
    response = tmp_path / "r.yaml"
    with ResponseLock(response) as lock:
        assert lock.path == tmp_path / "r.yaml.lock"
        owner = json.loads(lock.path.read_text(encoding="utf-8"))
        assert (owner["pid"], owner["host"]) == (os.getpid(), socket.gethostname())
    assert not lock_path(response).exists()


def test_second_claim_is_refused_naming_the_first(tmp_path: Path) -> None:
    response = tmp_path / "r.yaml"
    process = holder(response)
    try:
        with pytest.raises(LockBusy) as caught:
            ResponseLock(response).acquire()
        message = str(caught.value)
        assert message.startswith(
            f"{response} is being filled in by another capacity-eval process "
            f"(pid {process.pid} on {socket.gethostname()}, since "
        )
        assert message.endswith("); finish or quit that one first")
    finally:
        process.kill()
        process.wait()


def test_claim_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    response = tmp_path / "r.yaml"
    process = holder(response)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert lock_path(response).exists()  # left behind by kill -9 ...
    with ResponseLock(response) as lock:  # ... and taken over at once
        assert json.loads(lock.path.read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_stale_or_garbled_lock_files_do_not_block(tmp_path: Path) -> None:
    response = tmp_path / "r.yaml"
    lock_path(response).write_text("{not json", encoding="utf-8")
    with ResponseLock(response):
        pass
    assert not lock_path(response).exists()


def test_two_claims_in_one_process_also_conflict(tmp_path: Path) -> None:
    response = tmp_path / "r.yaml"
    with ResponseLock(response), pytest.raises(LockBusy):
        ResponseLock(response).acquire()


def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    from capacity_eval.errors import OutputError

    missing = tmp_path / "no-such-folder" / "r.yaml"
    with pytest.raises(OutputError) as caught:
        ResponseLock(missing).acquire()
    assert str(caught.value) == (
        f"cannot create the lock file {missing}.lock: No such file or directory"
    )
