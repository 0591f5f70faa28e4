"""Coverage-guided fuzzing of the parts that read untrusted text, for a bounded time.

    python bench/fuzz.py [--seconds 60] [--target loader,instrument,response,formula,condition]
                         [--engine atheris|hypothesis] [--corpus DIR]

Targets (each in its own process):

- loader: any bytes as a file; decoded, parsed and checked as instrument, response and
  result. Nothing may raise: every problem must come back as a located `Problem`.
- instrument: bytes seeded with real instruments; checked, and when valid, compiled and
  used to score a response.
- response: bytes seeded with responses of tests/fixtures/mini.yaml; checked against it,
  scored, turned into a result document and explained.
- formula: text given to the formula parser (only FormulaError may come out); what it
  accepts is evaluated on random values (a float or None, nothing else).
- condition: text read as YAML and placed as a `show_if` and a rule's `when` in the mini
  instrument; the instrument is checked and, when valid, used for scoring.

atheris (libFuzzer for Python, `pip install atheris`) guides inputs by coverage; without
it, Hypothesis generates them (`--engine hypothesis`, random, not coverage-guided). Each
target prints one JSON line: executions, seconds, and findings (a crash stops the target
and libFuzzer saves the input as `crash-*` in the corpus folder).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TARGETS = ("loader", "instrument", "response", "formula", "condition")
FORMULA_SEEDS = [
    "CNT / POP * 100000",
    "min(A, B) + max(C, 2) - abs(D) * 3",
    "(A + B) / (C - 1)",
    "-A - -B",
    "A.b-c + 1e3",
]
CONDITION_SEEDS = [
    "{answer: L1, is: 'yes'}",
    "{all: [{answered: POP}, {not: {na: CNT}}]}",
    "{any: [{answer: O1, includes: a}, {answer: POP, gt: 10}]}",
    "{score: ops, lt: 40}",
    "{level: overall, gte: 2}",
]


# --- the properties ------------------------------------------------------------------------


class Harness:
    """The code under test, imported once (inside atheris' instrumentation when used)."""

    def __init__(self) -> None:
        from capacity_eval.api import result_document, score
        from capacity_eval.loading import files, source
        from capacity_eval.scoring.explain import explain
        from capacity_eval.scoring.formula import FormulaError, parse_formula

        self.files, self.source = files, source
        self.score, self.result_document, self.explain = score, result_document, explain
        self.parse_formula, self.FormulaError = parse_formula, FormulaError
        self.mini = files.load_instrument(FIXTURES / "mini.yaml")
        self.mini_data = source.read_document(FIXTURES / "mini.yaml").data
        self.mini_response = files.load_response(FIXTURES / "mini-response.yaml", self.mini)
        self.executions = 0

    def loader(self, raw: bytes) -> None:
        for check in (
            self.files.check_instrument_document,
            lambda doc: self.files.check_response_document(doc, self.mini),
            self.files.check_result_document,
        ):
            doc = self.source.parse_bytes(raw, "fuzz.yaml", json_hint=raw[:1] == b"{")
            checked = check(doc)
            _located(checked.problems)

    def instrument(self, raw: bytes) -> None:
        checked = self.files.check_instrument_document(self.source.parse_bytes(raw, "fuzz.yaml"))
        _located(checked.problems)
        if checked.value is not None and not checked.errors:
            instrument = checked.value
            scored = self.score(instrument, _some_answers(instrument), name="fuzz")
            json.dumps(self.result_document(scored, instrument.default_language), allow_nan=False)

    def response(self, raw: bytes) -> None:
        checked = self.files.check_response_document(
            self.source.parse_bytes(raw, "fuzz.yaml"), self.mini
        )
        _located(checked.problems)
        if checked.value is not None and not checked.errors:
            scored = self.score(self.mini, checked.value, name="fuzz")
            document = self.result_document(scored, "en")
            json.dumps(document, allow_nan=False)
            for node in ("overall", "law", "ops", "RATE"):
                self.explain(scored, node, "es")

    def formula(self, text: str, values: list[float]) -> None:
        known = frozenset({"A", "B", "C", "D", "POP", "CNT", "A.b-c"})
        try:
            formula = self.parse_formula(text, known)
        except self.FormulaError:
            return
        names = {
            name: values[i % len(values)] if values else 1.0 for i, name in enumerate(sorted(known))
        }
        result = formula.value(names)
        assert result is None or isinstance(result, float), result

    def condition(self, text: str) -> None:
        doc = self.source.parse_text("c: " + text.replace("\n", " "), "fuzz.yaml")
        if not doc.ok or not isinstance(doc.data, dict):
            return
        data = json.loads(json.dumps(self.mini_data))
        data["domains"][0]["sections"][0]["questions"][1]["show_if"] = doc.data.get("c")
        data["rules"][0]["when"] = doc.data.get("c")
        instrument_doc = self.source.parse_text(json.dumps(data), "fuzz.json")
        checked = self.files.check_instrument_document(instrument_doc)
        _located(checked.problems)
        if checked.value is not None and not checked.errors:
            self.result_document(self.score(checked.value, self.mini_response, name="fuzz"), "en")


def _located(problems: list[Any]) -> None:
    """Every problem renders as one line that names the file."""
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and line.startswith("fuzz."), line


def _some_answers(instrument: Any) -> Any:
    """A response to `instrument` answering each question with its first possible value."""
    from capacity_eval.model import Response

    answers: dict[str, Any] = {}
    for question in instrument.questions():
        if question.type in ("choice", "scale", "multi"):
            options = instrument.options_of(question)
            if options:
                answers[question.id] = (
                    [options[0].value] if question.type == "multi" else options[0].value
                )
        elif question.type == "number":
            low = question.min if question.min is not None else 0.0
            answers[question.id] = (
                low if question.max is None or low <= question.max else question.max
            )
        elif question.type == "text":
            answers[question.id] = "x"
    return Response.model_validate(
        {
            "instrument": {"id": instrument.id, "version": instrument.version},
            "entity": {"id": "fuzz", "name": "Fuzz", "country": "XAA"},
            "period": "2026",
            "language": instrument.default_language,
            "answers": answers,
        }
    )


# --- engines -------------------------------------------------------------------------------


def seeds(target: str) -> list[bytes]:
    if target in ("loader", "instrument"):
        paths = [*sorted((ROOT / "questionnaires").glob("*.yaml")), FIXTURES / "mini.yaml"]
        paths += sorted((FIXTURES / "scoring").glob("*.yaml"))[:4]
        if target == "loader":
            paths += [FIXTURES / "mini-response.yaml"]
        return [p.read_bytes() for p in paths if p.is_file()]
    if target == "response":
        from capacity_eval.loading.source import read_document

        text = (FIXTURES / "mini-response.yaml").read_bytes()
        as_json = json.dumps(read_document(FIXTURES / "mini-response.yaml").data).encode()
        return [text, as_json]
    if target == "formula":
        return [s.encode() for s in FORMULA_SEEDS]
    return [s.encode() for s in CONDITION_SEEDS]


def one_input(harness: Harness, target: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        harness.executions += 1
        if target in ("loader", "instrument", "response"):
            getattr(harness, target)(data)
        elif target == "formula":
            text = data.decode("utf-8", "replace")
            values = [float(b) - 128 for b in data[:8]]
            harness.formula(text[:2100], values)
        else:
            harness.condition(data.decode("utf-8", "replace")[:4000])

    return run


def run_atheris(target: str, seconds: int, corpus: Path) -> None:
    import atheris

    with atheris.instrument_imports(include=["capacity_eval"]):
        harness = Harness()
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    for n, seed in enumerate(seeds(target)):
        (folder / f"seed-{n}").write_bytes(seed)
    args = [
        sys.argv[0],
        str(folder),
        f"-max_total_time={seconds}",
        f"-artifact_prefix={corpus}/{target}-",
        "-max_len=200000",
        "-rss_limit_mb=2048",
        "-timeout=20",
        "-print_final_stats=1",
    ]
    atheris.Setup(args, one_input(harness, target))
    atheris.Fuzz()


def run_hypothesis(target: str, seconds: int) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    harness = Harness()
    started = time.monotonic()
    examples = seeds(target)
    data = st.one_of(st.binary(max_size=4000), st.sampled_from(examples).flatmap(_mutations))

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],  # no shrinking: the time limit ends the run as a failure would
    )
    @given(data)
    def check(raw: bytes) -> None:
        if time.monotonic() - started > seconds:
            raise _OutOfTime
        one_input(harness, target)(raw)

    with contextlib.suppress(_OutOfTime):
        check()
    _report(target, "hypothesis", harness.executions, time.monotonic() - started)


class _OutOfTime(Exception):
    pass


def _mutations(seed: bytes) -> Any:
    from hypothesis import strategies as st

    @st.composite
    def mutate(draw: Any) -> bytes:
        raw = bytearray(seed)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, max(0, len(raw) - 1)))
            action = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
            if action == "flip" and raw:
                raw[at] = draw(st.integers(0, 255))
            elif action == "insert":
                raw[at:at] = draw(
                    st.sampled_from(
                        [
                            b"&a ",
                            b"*a",
                            b"!!python/object ",
                            b"{",
                            b"[",
                            b"\x00",
                            b"\\x1b",
                            b"1e999",
                            b"n/a",
                            b"\n  - ",
                            b": ",
                            b"\xff",
                        ]
                    )
                )
            elif action == "delete":
                del raw[at : at + draw(st.integers(1, 20))]
            else:
                other = draw(st.integers(0, max(0, len(raw) - 1)))
                raw[at:at] = raw[other : other + draw(st.integers(1, 200))]
        return bytes(raw)

    return mutate()


def _report(target: str, engine: str, executions: int, seconds: float) -> None:
    print(
        json.dumps(
            {
                "target": target,
                "engine": engine,
                "executions": executions,
                "seconds": round(seconds, 1),
            }
        ),
        flush=True,
    )


# --- driver --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=_positive, default=60, help="time per target")
    parser.add_argument("--target", default=",".join(TARGETS))
    parser.add_argument("--engine", choices=("atheris", "hypothesis"), default=None)
    parser.add_argument("--corpus", type=Path, default=None, help="where inputs and crashes go")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    engine = args.engine or ("atheris" if _has_atheris() else "hypothesis")
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="capacity-eval-fuzz-"))
    if args.one:
        if engine == "atheris":
            run_atheris(args.target, args.seconds, corpus)
        else:
            run_hypothesis(args.target, args.seconds)
        return 0
    return drive(args.target.split(","), engine, args.seconds, corpus)


def drive(targets: list[str], engine: str, seconds: int, corpus: Path) -> int:
    """Run each target in its own process; print a table of executions and findings."""
    rows, failed = [], 0
    for target in targets:
        started = time.monotonic()
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                "--target",
                target,
                "--seconds",
                str(seconds),
                "--engine",
                engine,
                "--corpus",
                str(corpus),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        stats = _last_json(proc.stdout) or {
            "executions": _libfuzzer_runs(proc.stderr),
            "seconds": round(time.monotonic() - started, 1),
        }
        crashes = sorted(str(p) for p in corpus.glob(f"{target}-crash-*"))
        ok = proc.returncode == 0 and not crashes
        failed += not ok
        rows.append(
            (target, stats.get("executions", 0), stats.get("seconds", 0), "none" if ok else "FOUND")
        )
        if not ok:
            sys.stderr.write(proc.stderr[-4000:] + "\n" + "\n".join(crashes) + "\n")
    print(f"engine: {engine}; corpus: {corpus}")
    print(f"{'target':<12} {'executions':>11} {'seconds':>8}  findings")
    for target, executions, taken, found in rows:
        print(f"{target:<12} {executions:>11} {taken:>8}  {found}")
    print(f"{'total':<12} {sum(r[1] for r in rows):>11}")
    return 1 if failed else 0


def _libfuzzer_runs(log: str) -> int:
    """Executions libFuzzer reports at its end (`-print_final_stats=1`)."""
    for line in reversed(log.splitlines()):
        if line.startswith("stat::number_of_executed_units:"):
            return int(line.split(":")[-1])
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("give at least 1 second")
    return value


def _last_json(text: str) -> dict[str, Any] | None:
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            return json.loads(line)  # type: ignore[no-any-return]
    return None


def _has_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
