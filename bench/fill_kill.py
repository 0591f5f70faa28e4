"""Hardening trial for `capacity-eval fill`: kill -9 at random moments, many times.

Each trial resumes the same response in a pseudo-terminal, answers a few questions
(each confirmed by the next prompt appearing), starts one more answer and kills the
process with SIGKILL at a random moment: before, during or after that answer is
saved, or half-way through typing it. After every kill the response must validate
and hold every confirmed answer; the answer in flight may be old or new.

    python bench/fill_kill.py [TRIALS] [--seed N]

Prints how the kills fell and exits 1 on the first lost or corrupted answer.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pexpect

from capacity_eval.loading.files import check_response, load_instrument

SURVEY = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "fill-survey.yaml"
HEADER = ["--entity-id", "xa", "--entity-name", "Bench", "--country", "XAA", "--period", "1"]
PROMPT = re.compile(r"Answer \[([A-Z0-9-]+)\]: |Choice \[1-3\]: ")
VALUES = {
    "LAW-1": ["yes", "partial", "no"],
    "LAW-3": ["congress", "courts,ombudsman", "none"],
    "STAFF": ["0", "17", "2500", "100000"],
    "TRAINED": ["n/a", "10", "55.5", "100"],
    "COMMENT": ["ok", "Ley 5/2020 vigente", "Señal débil en la zona sur"],
}


def stored(qid: str, line: str) -> Any:
    return line.split(",") if qid == "LAW-3" else line


def answers(path: Path) -> dict[str, Any]:
    checked = check_response(path, load_instrument(SURVEY))
    if checked.errors:
        raise SystemExit(f"invalid response after a kill: {checked.errors[0]}")
    return {qid: a.value for qid, a in checked.unwrap().answers.items()}


def trial(out: Path, rng: random.Random, expected: dict[str, Any], tally: dict[str, int]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "capacity_eval", "fill", str(SURVEY), "-o", str(out), *HEADER],
        env={**env, "TERM": "xterm"},
        encoding="utf-8",
        timeout=15,
    )
    child.delaybeforesend = None
    child.expect(PROMPT)
    for _ in range(rng.randint(0, 4)):
        qid = rng.choice(sorted(VALUES))
        line = rng.choice(VALUES[qid])
        child.sendline(f":jump {qid}")
        child.expect(PROMPT)
        child.sendline(line)
        child.expect(PROMPT)
        expected[qid] = stored(qid, line)
    qid = rng.choice(sorted(VALUES))
    line = rng.choice(VALUES[qid])
    child.sendline(f":jump {qid}")
    child.expect(PROMPT)
    typed_whole = rng.random() < 0.7
    child.send(line + "\n" if typed_whole else line[: rng.randint(0, len(line))])
    time.sleep(rng.choice([0.0, rng.uniform(0.0, 0.03)]))
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    found = answers(out)
    if found.get(qid) not in (expected.get(qid), stored(qid, line)):
        raise SystemExit(
            f"{qid}: found {found.get(qid)!r}, expected {expected.get(qid)!r} "
            f"or {stored(qid, line)!r}"
        )
    new = found.get(qid) == stored(qid, line) != expected.get(qid)
    tally["in flight saved" if new else "in flight not saved"] += typed_whole
    tally["killed while typing"] += not typed_whole
    if found.get(qid) is None:
        expected.pop(qid, None)
    else:
        expected[qid] = found[qid]
    if found != expected:
        raise SystemExit(f"confirmed answers lost: found {found}, expected {expected}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trials", nargs="?", type=int, default=50)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = {"in flight saved": 0, "in flight not saved": 0, "killed while typing": 0}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "r.yaml"
        expected: dict[str, Any] = {}
        for _ in range(args.trials):
            trial(out, rng, expected, tally)
    elapsed = time.perf_counter() - started
    print(
        f"{args.trials} kills (seed {args.seed}) in {elapsed:.1f}s: no answer lost; "
        + ", ".join(f"{name} {count}" for name, count in tally.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
