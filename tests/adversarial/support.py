"""Helpers of the adversarial suite: bounded runs of the real command, hostile documents.

`run_bounded` starts `capacity-eval` in a child process with a memory ceiling and a
time limit, and reports its exit code, output, wall time and peak memory, so that a
case can assert "rejected fast, with bounded memory" and not only "rejected".
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capacity_eval.loading.source import read_document

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINI = FIXTURES / "mini.yaml"
MINI_RESPONSE = FIXTURES / "mini-response.yaml"

MEMORY_CEILING = 1024 * 1024 * 1024  # address space of a child: 1 GiB
PEAK_MB = 250  # what a hostile input may make a command use, resident
SECONDS = 10.0  # what it may take (a normal run takes well under a second)

# One line of a problem: `file:line[:col]: message` (a file-level problem has no line).
PROBLEM = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<message>.+)$")
INTERNAL = "internal error"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def child_environment(**extra: str) -> dict[str, str]:
    """The environment of a child run: the user's, without settings that change output."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CAPACITY_EVAL_LANG", "CAPACITY_EVAL_PATH", "CAPACITY_EVAL_DEBUG")
    }
    env.update(COLUMNS="120", **extra)
    return env


def _ceiling(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_bounded(
    args: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    stdin: int | None = subprocess.DEVNULL,
    seconds: float = SECONDS,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run `capacity-eval ARGS` in a child process under a memory ceiling and a time limit.

    A child still running after `seconds` is killed and the run reports code -9. With
    `stdin=subprocess.PIPE` the child's input stays open and silent until it ends.
    """
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "capacity_eval", *map(str, args)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=dict(env) if env is not None else child_environment(),
        preexec_fn=_ceiling(MEMORY_CEILING),
    )
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream))
        for name, stream in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    timer = threading.Timer(seconds, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    for stream in (proc.stdout, proc.stderr, proc.stdin):
        if stream is not None:  # stdin is a pipe when the caller keeps it open and silent
            stream.close()
    return Run(
        proc.returncode,
        chunks["out"].decode("utf-8", "replace"),
        chunks["err"].decode("utf-8", "replace"),
        time.monotonic() - started,
        usage.ru_maxrss / 1024,
    )


def assert_rejected(run: Run, first_line: str, *, seconds: float = SECONDS) -> None:
    """Exit 1, `first_line` first on stderr, every stderr line a located problem, no
    traceback, within the time and memory bounds."""
    assert run.code == 1, (run.code, run.err)
    assert run.err_lines and run.err_lines[0] == first_line, run.err
    assert "Traceback" not in run.err + run.out and INTERNAL not in run.err
    for line in run.err_lines:
        assert PROBLEM.match(line), line
    assert run.seconds < seconds, run.seconds
    assert run.peak_mb < PEAK_MB, run.peak_mb


def command(*args: str | Path) -> tuple[int, str, str]:
    """Run `capacity-eval ARGS` in this process: (exit code, stdout, stderr)."""
    from capacity_eval.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


# --- documents ---------------------------------------------------------------------------


def mini_instrument() -> dict[str, Any]:
    """The data of tests/fixtures/mini.yaml (a fresh copy)."""
    return copy.deepcopy(read_document(MINI).data)


def mini_response() -> dict[str, Any]:
    """The data of tests/fixtures/mini-response.yaml (a fresh copy)."""
    return copy.deepcopy(read_document(MINI_RESPONSE).data)


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def paths_of(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path in nested data, the root first."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_of(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths_of(value, (*path, i))


def replaced(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced."""
    if not path:
        return value
    result = copy.deepcopy(data)
    node = result
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return result
