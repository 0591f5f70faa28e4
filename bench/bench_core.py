"""Benchmarks of the core: scoring one response in-process, and command start-up time.

    python bench/bench_core.py [--instrument questionnaires/dps-core.yaml] [--repeat 2000]

Prints: questions in the instrument, microseconds to validate-and-score one response
(answers typed, visibility, aggregation, rules, result document), and the start-up time
of `capacity-eval --help` against `python -c "import typer"`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from capacity_eval.api import load_instrument, score  # noqa: E402
from capacity_eval.model import Instrument, Response  # noqa: E402
from capacity_eval.scoring.engine import read_answers  # noqa: E402
from capacity_eval.scoring.plan import plan_for  # noqa: E402
from capacity_eval.scoring.result import result_document  # noqa: E402


def full_response(instrument: Instrument, seed: int = 1) -> Response:
    """A response answering every answerable question with a random valid value."""
    rng = random.Random(seed)
    answers: dict[str, Any] = {}
    for q in instrument.questions():
        if q.type in ("choice", "scale"):
            answers[q.id] = rng.choice(instrument.options_of(q)).value  # type: ignore[arg-type]
        elif q.type == "multi":
            options = [o for o in instrument.options_of(q) if not o.exclusive]  # type: ignore[arg-type]
            answers[q.id] = [o.value for o in rng.sample(options, k=max(1, len(options) // 2))]
        elif q.type == "number":
            low = q.min if q.min is not None else 0  # type: ignore[union-attr]
            high = q.max if q.max is not None else low + 1000  # type: ignore[union-attr]
            answers[q.id] = str(int(rng.uniform(low, high)))
        elif q.type == "text":
            answers[q.id] = "Context."
    return Response.model_validate(
        {
            "instrument": {"id": instrument.id, "version": instrument.version},
            "entity": {"id": "bench", "name": "Bench", "country": "XAA"},
            "period": "2026",
            "language": instrument.default_language,
            "status": "draft",
            "answers": answers,
        }
    )


def time_per_call(fn: Any, repeat: int) -> float:
    fn()
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        samples.append((time.perf_counter() - start) / repeat)
    return min(samples)


def startup(args: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = ROOT / "questionnaires" / "dps-core.yaml"
    parser.add_argument("--instrument", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=2000)
    options = parser.parse_args()
    instrument = load_instrument(options.instrument)
    response = full_response(instrument)
    plan = plan_for(instrument)
    print(f"instrument: {instrument.id} {instrument.version}, {len(plan.questions)} questions")
    read = time_per_call(lambda: read_answers(plan, response), options.repeat)
    scored = time_per_call(lambda: score(instrument, response), options.repeat)
    document = time_per_call(lambda: result_document(score(instrument, response)), options.repeat)
    print(f"type the answers:               {read * 1e6:8.1f} us")
    print(f"score (answers -> Scored):      {scored * 1e6:8.1f} us")
    print(f"score + result document:        {document * 1e6:8.1f} us")
    exe = str(Path(sys.executable).with_name("capacity-eval"))
    typer_time = startup([sys.executable, "-c", "import typer"])
    help_time = startup([exe, "--help"])
    print(f"python -c 'import typer':       {typer_time * 1e3:8.1f} ms")
    print(
        f"capacity-eval --help:           {help_time * 1e3:8.1f} ms ({help_time / typer_time:.2f}x)"
    )
    modules = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import sys; from capacity_eval.cli import run; sys.argv=['x']; run(['--help'])",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stderr
    heavy = [
        m
        for m in ("weasyprint", "pydantic", "jinja2", "openpyxl", "capacity_eval.reporting")
        if f" {m}\n" in modules or f" {m}." in modules
    ]
    print(f"heavy modules imported by --help: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
