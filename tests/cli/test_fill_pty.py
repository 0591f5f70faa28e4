"""`capacity-eval fill` driven in a pseudo-terminal, as a person would use it: typing,
Ctrl-C, Ctrl-D, SIGTERM, a second process on the same file, and `kill -9` at random
moments (each leaving a valid response with every answer confirmed before the kill)."""

from __future__ import annotations

import io
import os
import random
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pexpect
import pytest

from .fill_support import (
    COMPLETE,
    COMPLETE_OVERALL,
    HEADER,
    SURVEY,
    answers_of,
    overall_score,
    saved,
)

PROMPT = re.compile(
    r"(?:Answer|Respuesta|Resposta|Réponse) \[([A-Z0-9-]+)\] ?: "
    r"|(?:Choice|Opción|Opção|Choix) \[1-3\] ?: "
)
ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")
ANY_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[=>])")


def environment(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COLUMNS", "LINES", "NO_COLOR", "CAPACITY_EVAL_LANG")
    }
    env.update(TERM="xterm", **extra)
    return env


class Fill:
    """One `capacity-eval fill` process in a pseudo-terminal."""

    def __init__(self, args: Sequence[Any], *, columns: int = 80, **env: str) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "capacity_eval", "fill", *map(str, args)],
            cwd=os.getcwd(),
            env=environment(**env),
            dimensions=(40, columns),
            encoding="utf-8",
            timeout=15,
        )
        self.child.delaybeforesend = None
        self.log = io.StringIO()
        self.child.logfile_read = self.log

    def prompt(self, qid: str | None = None) -> str | None:
        """Wait for the next prompt; return its question id (None for the end menu)."""
        self.child.expect(PROMPT)
        found = self.child.match.group(1)
        if qid is not None:
            assert found == qid, f"expected {qid}, got {found}"
        return found  # type: ignore[no-any-return]

    def type(self, line: str, then: str | None = None) -> str | None:
        """Type a line and wait for the next prompt."""
        self.child.sendline(line)
        return self.prompt(then)

    def says(self, text: str) -> None:
        self.child.expect_exact(text)

    def said(self, text: str) -> bool:
        """True when `text` was shown at some point (before the last prompt too)."""
        return text in self.log.getvalue().replace("\r\n", "\n")

    def exit_code(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, self.child.signalstatus
        return int(self.child.exitstatus)


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`r.yaml` in the test's folder, where the processes run (so messages stay short)."""
    monkeypatch.chdir(tmp_path)
    yield Path("r.yaml")


def test_complete_run(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out])
    for line in ["xa-min", "Ministerio de Prueba", "xaa", "2026", "Ana Pérez", "Analyst"]:
        fill.child.expect(r": $")
        fill.child.sendline(line)
    fill.says(f"Created {out}.")
    ids = ["LAW-1", "LAW-2", "LAW-3", "STAFF", "TRAINED", "COMMENT"]
    fill.prompt("LAW-1")
    for qid, line in zip([*ids[1:], None], COMPLETE, strict=True):
        fill.type(line, qid)
    assert fill.said("Every required question is answered.")
    fill.child.sendline("2")
    fill.says(f"Saved to {out} (submitted).")
    assert fill.exit_code() == 0
    response = saved(out)
    assert response.status == "submitted"
    assert response.respondent is not None and response.respondent.role == "Analyst"
    assert overall_score(out) == pytest.approx(COMPLETE_OVERALL, abs=0.05)


def test_back_jump_skip_na_notes_and_evidence(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.prompt("LAW-1")
    fill.type(":skip", "LAW-3")
    fill.type("courts", "STAFF")
    fill.type(":back", "LAW-3")
    fill.type(":back", "LAW-1")
    fill.type("partial", "LAW-2")  # revealed by the answer
    fill.type(":jump trained", "TRAINED")
    fill.type(":note no survey this year", "TRAINED")
    fill.type("n/a", "COMMENT")
    fill.type(":jump LAW-1", "LAW-1")
    fill.type(":evidence Ley 5/2020", "LAW-1")
    fill.child.sendline(":evidence")
    fill.says("(Enter: no change, -: remove all): ")
    fill.type("Decreto 9/2021", "LAW-1")
    fill.type("", "LAW-2")  # Enter keeps the answer
    fill.type("1", "STAFF")  # LAW-3 is answered already
    fill.child.sendline(":quit")
    fill.says(f"Saved to {out} (draft).")
    assert fill.exit_code() == 0
    response = saved(out)
    assert answers_of(out) == {
        "LAW-1": "partial",
        "LAW-2": "1",
        "LAW-3": ["courts"],
        "TRAINED": "n/a",
    }
    assert response.answers["LAW-1"].evidence == ["Ley 5/2020", "Decreto 9/2021"]
    assert response.answers["TRAINED"].note == "no survey this year"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("maybe", "'maybe' is not accepted: type a number from 1 to 3, or an option value"),
        ("", "This question is required: type a number from 1 to 3"),
        (":nope", "Unknown command :nope: use one of :back"),
        (":jump LAW-9", "There is no question 'LAW-9'"),
    ],
)
def test_invalid_input_is_explained_and_asked_again(out: Path, typed: str, message: str) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER], columns=200)
    fill.prompt("LAW-1")
    fill.child.sendline(typed)
    fill.says(message)
    fill.prompt("LAW-1")  # asked again
    fill.type("no", "LAW-3")
    fill.type("1,4", "LAW-3")
    fill.type("2", "STAFF")
    fill.child.sendline("-5")
    fill.says("'-5' is not accepted: type a whole number from 0 to 100000.")
    fill.prompt("STAFF")
    fill.type("5", "TRAINED")
    fill.child.sendline(":quit")
    assert fill.exit_code() == 0
    assert answers_of(out) == {"LAW-1": "no", "LAW-3": ["courts"], "STAFF": "5"}


def test_show_if_hides_and_reveals(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.prompt("LAW-1")
    assert fill.said("question 1 of 5")
    fill.type("no", "LAW-3")
    assert fill.said("question 2 of 5")
    fill.type(":back", "LAW-1")
    fill.type("yes", "LAW-2")
    assert fill.said("question 2 of 6")
    fill.child.sendline(":quit")
    assert fill.exit_code() == 0


def test_ctrl_c_saves_then_resume_continues(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.prompt("LAW-1")
    fill.type("yes", "LAW-2")
    fill.type("3", "LAW-3")
    fill.child.send("1,")  # half typed when Ctrl-C comes
    fill.says("1,")
    # A person's Ctrl-C never lands in the microseconds readline spends on a keystroke
    # (a signal there waits for the next key): pause as a person would.
    fill.child.expect(pexpect.TIMEOUT, timeout=0.1)
    fill.child.sendintr()
    fill.says(f"Interrupted. Your answers are saved in {out}.")
    fill.says(f"To continue later: capacity-eval fill {SURVEY} -o {out}")
    assert fill.exit_code() == 130
    assert answers_of(out) == {"LAW-1": "yes", "LAW-2": "3"}
    assert not Path(f"{out}.lock").exists()

    again = Fill([SURVEY, "-o", out])
    again.says(f"Continuing {out}: 2 of 6 answered; next is LAW-3.")
    again.prompt("LAW-3")
    for qid, line in zip(["STAFF", "TRAINED", "COMMENT", None], COMPLETE[2:], strict=True):
        again.type(line, qid)
    again.child.sendline("")
    again.says(f"Saved to {out} (draft).")
    assert again.exit_code() == 0
    assert len(answers_of(out)) == 6


def test_ctrl_d_saves_and_leaves(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.prompt("LAW-1")
    fill.type("no", "LAW-3")
    fill.child.sendeof()
    fill.says(f"Saved to {out} (draft).")
    assert fill.exit_code() == 0
    assert answers_of(out) == {"LAW-1": "no"}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_termination_signals_save_and_exit_130(out: Path, signum: int) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.prompt("LAW-1")
    fill.type("partial", "LAW-2")
    fill.child.expect(pexpect.TIMEOUT, timeout=0.1)  # waiting for input, as a person leaves it
    fill.child.kill(signum)
    assert fill.exit_code() == 130
    assert answers_of(out) == {"LAW-1": "partial"}
    assert not Path(f"{out}.lock").exists()


def test_a_second_fill_on_the_same_file_is_refused(out: Path) -> None:
    first = Fill([SURVEY, "-o", out, *HEADER])
    first.prompt("LAW-1")
    second = Fill([SURVEY, "-o", out])
    second.says(
        f"error: {out} is being filled in by another capacity-eval process (pid "
        f"{first.child.pid} on "
    )
    assert second.exit_code() == 1
    first.type("yes", "LAW-2")
    first.child.sendline(":quit")
    assert first.exit_code() == 0
    assert answers_of(out) == {"LAW-1": "yes"}


def test_narrow_terminal_and_no_color(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER, "--lang", "es"], columns=60, NO_COLOR="1")
    fill.prompt("LAW-1")
    fill.type("sí", "LAW-2")
    fill.child.sendline(":quit")
    assert fill.exit_code() == 0
    raw = fill.log.getvalue()
    assert not ANSI_STYLE.search(raw)
    text = ANY_ESCAPE.sub("", raw)
    lines = text.splitlines()
    assert "LAW-2 · ¿Qué tan completa es su reglamentación?" in lines
    assert "  3) Completa — todos los artículos" in lines
    assert f"  capacity-eval fill {SURVEY} -o r.yaml" in lines  # commands to copy stay whole
    assert all(len(line) <= 60 for line in lines if not line.startswith("  capacity-eval ")), text
    assert any(len(line) > 50 for line in lines)


def test_colour_on_a_terminal(out: Path) -> None:
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.child.expect_exact("\x1b[1mLAW-1 · Is there a security law? (required)\x1b[0m")
    fill.prompt("LAW-1")
    fill.child.sendline(":quit")
    assert fill.exit_code() == 0


KILL_VALUES: dict[str, list[str]] = {
    "LAW-1": ["yes", "partial", "no"],
    "LAW-3": ["congress", "courts,ombudsman", "none"],
    "STAFF": ["0", "17", "2500", "100000"],
    "TRAINED": ["n/a", "10", "55.5", "100"],
    "COMMENT": ["ok", "Ley 5/2020 vigente", "Señal débil en la zona sur"],
}


def stored(qid: str, line: str) -> Any:
    """What a typed line becomes in the file (as the loader reads it back)."""
    return line.split(",") if qid == "LAW-3" else line


def kill_trial(out: Path, rng: random.Random, expected: dict[str, Any]) -> None:
    """Answer a few questions, then kill -9 at a random moment; check the file."""
    fill = Fill([SURVEY, "-o", out, *HEADER])
    fill.prompt()
    for _ in range(rng.randint(0, 3)):
        qid = rng.choice(sorted(KILL_VALUES))
        line = rng.choice(KILL_VALUES[qid])
        fill.type(f":jump {qid}", qid)
        fill.type(line, None)  # the next prompt is on screen: the answer is confirmed
        expected[qid] = stored(qid, line)
    in_flight = rng.choice(sorted(KILL_VALUES))
    line = rng.choice(KILL_VALUES[in_flight])
    fill.type(f":jump {in_flight}", in_flight)
    if rng.random() < 0.7:
        fill.child.sendline(line)
    else:
        fill.child.send(line[: rng.randint(0, len(line))])
    pause = rng.choice([0.0, rng.uniform(0.0, 0.03)])
    if pause:
        fill.child.expect(pexpect.TIMEOUT, timeout=pause)
    os.kill(fill.child.pid, signal.SIGKILL)
    fill.child.expect(pexpect.EOF)
    fill.child.close()
    assert fill.child.signalstatus == signal.SIGKILL
    found = answers_of(out)  # validates: a complete, valid response
    before = expected.get(in_flight)
    assert found.get(in_flight) in (before, stored(in_flight, line))
    if found.get(in_flight) is None:
        expected.pop(in_flight, None)
    else:
        expected[in_flight] = found[in_flight]
    assert found == expected


def test_kill_9_at_random_moments_never_loses_a_confirmed_answer(out: Path) -> None:
    rng = random.Random(20260301)
    expected: dict[str, Any] = {}
    for _ in range(20):
        kill_trial(out, rng, expected)
    leftovers = [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # at most the one of the last kill, removed by the next fill
