"""Benchmarks of `capacity-eval compare`: how long comparative reports take, and how big.

    python bench/bench_compare.py [--instrument questionnaires/dps-core.yaml] [--keep DIR]

Synthetic data come from bench/generate.py (realistic answers, one latent capacity per
entity and domain, drifting upwards over periods), all submitted, scored with the
public API and written as result files, as `batch` would. Cases:

- 100 results (50 entities x 2 periods) to PDF, in-process and through the command line;
- 35 member states x 3 periods to PDF (the regional report), pages and time;
- 500 entities to PDF: still a valid, paged report;
- 35 x 2 responses with -i and --sensitivity 200 (7,000 re-scorings).

Prints seconds, pages and sizes; with --keep the PDFs stay in DIR to be looked at.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

from capacity_eval.api import load_instrument, result_document, score  # noqa: E402
from capacity_eval.compare.analysis import Options, build_comparison  # noqa: E402
from capacity_eval.compare.inputs import load_inputs  # noqa: E402
from capacity_eval.compare.render import render_pdf  # noqa: E402
from capacity_eval.model import Instrument, Response  # noqa: E402
from capacity_eval.scoring.plan import plan_for  # noqa: E402

MEMBER_STATES = sorted(generate.COUNTRIES)


def entities(
    rng: random.Random, instrument: Instrument, count: int, periods: list[str]
) -> list[generate.Entity]:
    """`count` entities, one per member state first (then more per state), with `periods`."""
    found = []
    for number in range(count):
        country = MEMBER_STATES[number % len(MEMBER_STATES)]
        language = generate.COUNTRIES[country]
        if language not in instrument.languages:
            language = instrument.default_language
        slug, name = rng.choice(generate.INSTITUTIONS.get(language, generate.INSTITUTIONS["en"]))
        base = rng.betavariate(2.2, 2.0)
        domains = [generate.clamp(base + rng.gauss(0, 0.13)) for _ in instrument.domains]
        entity = generate.Entity(
            f"{country.lower()}-{slug}-{number:04d}", name, country, language, base, domains
        )
        entity.periods = list(periods)
        found.append(entity)
    return found


def write_set(
    folder: Path,
    instrument: Instrument,
    count: int,
    periods: list[str],
    responses: bool = False,
    seed: int = 1,
) -> int:
    """Write result files (or responses) for `count` entities x `periods`; return how many."""
    rng = random.Random(seed)
    plan = plan_for(instrument)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for entity in entities(rng, instrument, count, periods):
        for period in periods:
            doc = generate.response_document(rng, instrument, plan, entity, period)
            doc["status"] = "submitted"
            stem = f"{entity.id}_{period}"
            if responses:
                (folder / f"{stem}.yaml").write_text(generate.to_yaml(doc), encoding="utf-8")
            else:
                scored = score(instrument, Response.model_validate(doc))
                text = json.dumps(result_document(scored), ensure_ascii=False, indent=2)
                (folder / f"{stem}.json").write_text(text, encoding="utf-8")
            written += 1
    return written


def in_process(
    folder: Path, instrument: Instrument | None, options: Options, lang: str = "en"
) -> tuple[float, bytes]:
    start = time.perf_counter()
    loaded = load_inputs([folder], instrument, lang)
    comparison = build_comparison(loaded, options, instrument)
    pdf = render_pdf(comparison, lang)
    return time.perf_counter() - start, pdf


def command(args: list[str]) -> float:
    exe = str(Path(sys.executable).with_name("capacity-eval"))
    start = time.perf_counter()
    subprocess.run([exe, *args], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def pdf_pages(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    return next(
        (line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")), "?"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instrument", type=Path, default=ROOT / "questionnaires/dps-core.yaml")
    parser.add_argument("--keep", type=Path, help="write the PDFs into this folder")
    options = parser.parse_args()
    instrument = load_instrument(options.instrument)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = options.keep or work
        out.mkdir(parents=True, exist_ok=True)
        print(
            f"instrument: {instrument.id} {instrument.version}, "
            f"{len(plan_for(instrument).questions)} questions"
        )

        n = write_set(work / "r100" / "results", instrument, 50, ["2024", "2026"])
        seconds, pdf = in_process(work / "r100", None, Options())
        (out / "compare-100.pdf").write_bytes(pdf)
        cli = command(["compare", str(work / "r100"), "-o", str(out / "compare-100-cli.pdf")])
        print(
            f"{n} results -> PDF: {seconds:6.2f} s in-process, {cli:6.2f} s command line, "
            f"{pdf_pages(out / 'compare-100.pdf')} pages, {len(pdf) // 1024} KiB"
        )

        n = write_set(work / "r35" / "results", instrument, 35, ["2022", "2024", "2026"], seed=2)
        seconds, pdf = in_process(work / "r35", None, Options())
        (out / "compare-35x3.pdf").write_bytes(pdf)
        print(
            f"35 states x 3 periods ({n} results) -> PDF: {seconds:6.2f} s, "
            f"{pdf_pages(out / 'compare-35x3.pdf')} pages, {len(pdf) // 1024} KiB"
        )

        n = write_set(work / "r500" / "results", instrument, 500, ["2026"], seed=3)
        seconds, pdf = in_process(work / "r500", None, Options())
        (out / "compare-500.pdf").write_bytes(pdf)
        print(
            f"500 entities ({n} results) -> PDF: {seconds:6.2f} s, "
            f"{pdf_pages(out / 'compare-500.pdf')} pages, {len(pdf) // 1024} KiB"
        )

        write_set(work / "s35", instrument, 35, ["2024", "2026"], responses=True, seed=4)
        start = time.perf_counter()
        loaded = load_inputs([work / "s35"], instrument, "en")
        comparison = build_comparison(loaded, Options(sensitivity=200), instrument)
        seconds = time.perf_counter() - start
        assert comparison.sensitivity is not None
        wide = sum(i.high - i.low >= 2 for i in comparison.sensitivity.intervals)
        print(
            f"35 x 2 responses, --sensitivity 200: {seconds:6.2f} s to load, score and "
            f"re-score ({200 * 35} re-scorings); {wide} of 35 ranks move by 2 or more"
        )


if __name__ == "__main__":
    main()
