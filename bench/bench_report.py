"""Benchmark of the assessment report: the full dps-core report, stage by stage.

    python bench/bench_report.py [--instrument questionnaires/dps-core.yaml]
                                 [--response examples/core/xaa-interior-2026.yaml]
                                 [--lang es] [--repeat 5]

Prints, best of `--repeat` runs (wall clock and CPU time): our own code (context
building, templates and charts) against WeasyPrint (parsing, style cascade and layout;
writing the PDF), the pages and time per page, the share of our code, whether
HarfBuzz's subsetter is in use, the whole command as a user runs it (imports
included), and a worst-case response full of long texts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from capacity_eval.api import load_instrument, load_response, result_document, score  # noqa: E402
from capacity_eval.model import Instrument  # noqa: E402
from capacity_eval.reporting import render_pdf, templates_dir  # noqa: E402
from capacity_eval.reporting.context import build_context  # noqa: E402
from capacity_eval.reporting.pdf import safe_fetcher  # noqa: E402
from capacity_eval.reporting.render import render_context  # noqa: E402

Timing = tuple[float, float]  # wall, cpu


def timed(fn: Callable[[], Any]) -> tuple[Any, Timing]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, (time.perf_counter() - wall, time.process_time() - cpu)


def best(samples: list[Timing]) -> Timing:
    return min(samples, key=lambda s: s[0])


def stages(
    instrument: Instrument, document: dict[str, Any], lang: str | None, repeat: int
) -> tuple[dict[str, Timing], int]:
    """Best time of each stage, and the number of pages."""
    from weasyprint import HTML

    samples: dict[str, list[Timing]] = {
        k: [] for k in ("context", "html", "layout", "write", "total")
    }
    pages = 0
    for _ in range(repeat):
        context, t_context = timed(lambda: build_context(instrument, document, lang))
        html, t_html = timed(lambda c=context: render_context(c, attached=True))
        fetcher = safe_fetcher([templates_dir()])
        laid, t_layout = timed(
            lambda h=html, f=fetcher: HTML(string=h, url_fetcher=f).render(pdf_tags=True)
        )
        _, t_write = timed(lambda d=laid: d.write_pdf(pdf_tags=True))
        _, t_total = timed(lambda: render_pdf(instrument, document, lang=lang))
        pages = len(laid.pages)
        for key, value in (
            ("context", t_context),
            ("html", t_html),
            ("layout", t_layout),
            ("write", t_write),
            ("total", t_total),
        ):
            samples[key].append(value)
    return {k: best(v) for k, v in samples.items()}, pages


def long_texts(document: dict[str, Any]) -> dict[str, Any]:
    """The same result with a worst case of free text on every question."""
    import copy

    worst = copy.deepcopy(document)
    worst["entity"]["name"] = (
        "Ministerio del Interior, Seguridad Ciudadana y Convivencia Pacífica de la República "
    ) * 4
    for node in worst["nodes"].values():
        if node.get("kind") == "question" and node.get("status") != "hidden":
            node["note"] = "x" * 20_000
            node["evidence"] = ["https://www.example.org/" + "d" * 500] * 30
    return worst


def command_time(instrument: Path, response: Path, lang: str | None) -> Timing:
    with tempfile.TemporaryDirectory() as folder:
        args = [
            sys.executable,
            "-m",
            "capacity_eval",
            "report",
            str(response),
            "-i",
            str(instrument),
            "-o",
            str(Path(folder) / "r.pdf"),
        ]
        if lang:
            args += ["--lang", lang]
        samples = []
        for _ in range(3):
            start = time.perf_counter()
            completed = subprocess.run(args, capture_output=True, check=True)
            wall = time.perf_counter() - start
            samples.append((wall, float(len(completed.stdout))))
        return best(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instrument", type=Path, default=ROOT / "questionnaires/dps-core.yaml")
    parser.add_argument(
        "--response", type=Path, default=ROOT / "examples/core/xaa-interior-2026.yaml"
    )
    parser.add_argument("--lang", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from weasyprint.text.ffi import harfbuzz_subset

    instrument = load_instrument(args.instrument)
    response = load_response(args.response, instrument)
    document = result_document(score(instrument, response), args.lang)
    render_pdf(instrument, document, lang=args.lang)  # warm up: fonts, cffi declarations
    figures, pages = stages(instrument, document, args.lang, args.repeat)

    ours = figures["context"][0] + figures["html"][0]
    weasy = figures["layout"][0] + figures["write"][0]
    total = figures["total"]
    print(
        f"report of {args.response.name} with {args.instrument.name}: {pages} pages, "
        f"best of {args.repeat}"
    )
    print(f"{'stage':<34}{'wall s':>9}{'cpu s':>9}")
    for key, label in (
        ("context", "our code: context"),
        ("html", "our code: templates, charts"),
        ("layout", "WeasyPrint: parse, style, layout"),
        ("write", "WeasyPrint: write PDF"),
        ("total", "render_pdf, end to end"),
    ):
        wall, cpu = figures[key]
        print(f"{label:<34}{wall:>9.3f}{cpu:>9.3f}")
    print(f"per page (end to end)             {total[0] / pages:>9.3f}{total[1] / pages:>9.3f}")
    print(f"our share of the time             {100 * ours / (ours + weasy):>8.1f}%")
    print(f"HarfBuzz subsetting               {'yes' if harfbuzz_subset else 'no (fontTools)'}")
    wall, _ = command_time(args.instrument, args.response, args.lang)
    print(f"`capacity-eval report` command    {wall:>9.3f}  (wall, imports included)")
    worst = long_texts(document)
    _, (wall, cpu) = timed(lambda: render_pdf(instrument, worst, lang=args.lang))
    print(
        f"worst case (20,000-character notes on every question): {wall:.3f} s wall, {cpu:.3f} s cpu"
    )


if __name__ == "__main__":
    main()
