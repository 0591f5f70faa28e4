"""Output streams: with `--json` stdout holds only JSON (warnings go to stderr); a command
never waits on a standard input that is not a terminal; NO_COLOR is honoured."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .support import MINI, MINI_RESPONSE, child_environment, command, mini_response, run_bounded

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def draft_with_warnings(tmp_path: Path) -> Path:
    """A draft missing a required answer, in a language the instrument lacks: two warnings."""
    response = mini_response()
    response["status"] = "draft"
    response["language"] = "fr"
    del response["answers"]["L1"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(response, indent=1))
    return path


def test_json_stdout_is_pure_while_warnings_go_to_stderr(tmp_path: Path) -> None:
    path = draft_with_warnings(tmp_path)
    run = run_bounded(["score", path, "-i", MINI, "--json"])
    assert run.code == 0
    assert json.loads(run.out)["schema"] == "capacity-eval/result@1"
    assert run.err_lines == [
        f"{path}:13:2: warning: language 'fr' is not one of the instrument's (en, es)",
        f"{path}:15:2: warning: 1 required question(s) not answered yet: L1",
    ]


def test_json_with_errors_leaves_stdout_empty(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RESPONSE.read_text().replace("POP: 200000", "POP: lots"))
    code, out, err = command("score", path, "-i", MINI, "--json")
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{path}:11:3: POP: 'lots' is not a number"]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", MINI, MINI_RESPONSE],
        ["score", MINI_RESPONSE, "-i", MINI],
        ["explain", MINI_RESPONSE, "-i", MINI, "overall"],
        ["schema", "response"],
        ["report", MINI_RESPONSE, "-i", MINI, "-o", "{tmp}/r.html"],
        ["batch", MINI_RESPONSE, "-i", MINI, "-o", "{tmp}/out"],
    ],
    ids=lambda args: args[0],
)
def test_no_command_waits_on_a_silent_pipe(tmp_path: Path, args: list[str | Path]) -> None:
    """Standard input is an open pipe nobody writes to: the command must not read it."""
    concrete = [str(a).replace("{tmp}", str(tmp_path)) for a in args]
    run = run_bounded(concrete, stdin=subprocess.PIPE, seconds=30)
    assert run.code == 0, run.err


def test_fill_without_a_terminal_stops_at_the_end_of_input(tmp_path: Path) -> None:
    """Answers may be piped to `fill`; at the end of the input it saves the draft and
    stops (exit 1) instead of waiting."""
    out = tmp_path / "r.yaml"
    header = ["--entity-id", "xa", "--entity-name", "X", "--country", "XAA", "--period", "2026"]
    run = run_bounded(["fill", MINI, "-o", out, *header], seconds=15)
    assert run.code == 1
    assert run.err_lines == [
        f"Input ended: the draft is saved in {out}; 1 required question(s) still without an "
        "answer: L1"
    ]
    assert "answers: {}" in out.read_text()
    run = run_bounded(["fill", MINI, "-o", tmp_path / "new.yaml"], seconds=15)
    assert run.code == 1
    assert not (tmp_path / "new.yaml").exists()


def in_terminal(args: list[str | Path], **env: str) -> str:
    """Run `capacity-eval ARGS` with its output on a pseudo-terminal; what it printed."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "capacity_eval", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        env={**child_environment(), "TERM": "xterm-256color", **env},
    )
    os.close(terminal)
    chunks = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the child has finished
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=30)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


FILL = [
    "fill",
    MINI,
    "--entity-id",
    "xa",
    "--entity-name",
    "X",
    "--country",
    "XAA",
    "--period",
    "1",
]


@pytest.mark.parametrize(
    "args",
    [["score", MINI_RESPONSE, "-i", MINI], ["explain", MINI_RESPONSE, "-i", MINI, "ops"], FILL],
    ids=["score", "explain", "fill"],
)
def test_no_color_is_honoured_at_a_terminal(tmp_path: Path, args: list[str | Path]) -> None:
    """At a terminal, headings are bold; with NO_COLOR nothing but plain text."""
    if args[0] == "fill":
        args = [*args, "-o", tmp_path / "r.yaml"]
    styled = in_terminal(args)
    assert ESCAPE.search(styled), "a terminal gets styles when NO_COLOR is not set"
    (tmp_path / "r.yaml").unlink(missing_ok=True)
    plain = in_terminal(args, NO_COLOR="1")
    assert "\x1b" not in plain, plain
    assert ESCAPE.sub("", styled).split() == plain.split()
