"""Builders of entries and responses for the comparison tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from capacity_eval.compare.records import OVERALL, Cell, Entry, Finding, Stamp
from capacity_eval.model import Instrument, Response

FIXTURES = Path(__file__).parent / "fixtures"
TRIO = FIXTURES / "trio.yaml"


def make_entry(
    entity: str,
    period: str,
    overall: float | None,
    domains: Mapping[str, float | None] | None = None,
    *,
    country: str = "XAA",
    name: str | None = None,
    status: str = "submitted",
    version: str = "1.0.0",
    instrument: str = "trio",
    source: str | None = None,
    insufficient: frozenset[str] = frozenset(),
    flags: tuple[str, ...] = (),
    recommendations: tuple[str, ...] = (),
) -> Entry:
    """An entry with the given scores (levels: one per 25 points, as in trio)."""
    domains = dict(domains or {})

    def cell(node: str, value: float | None) -> Cell:
        level = None if value is None else min(4, int(value // 25) + 1)
        return Cell(value, level, 1.0 if node not in insufficient else 0.5, node in insufficient)

    cells = {OVERALL: cell(OVERALL, overall)}
    cells.update((node, cell(node, value)) for node, value in domains.items())
    return Entry(
        source=source or f"{entity}-{period}.json",
        entity=entity,
        name=name or entity.upper(),
        country=country,
        period=period,
        status=status,
        language="en",
        stamp=Stamp(instrument, version, f"sha256:{instrument}-{version}"),
        cells=cells,
        domains=tuple(domains),
        flags=tuple(Finding(f, "major", f"flag {f}") for f in flags),
        recommendations=tuple(Finding(r, "medium", f"do {r}") for r in recommendations),
    )


def response_for(
    instrument: Instrument,
    entity: str,
    period: str,
    answers: Mapping[str, Any],
    *,
    country: str = "XAA",
    name: str | None = None,
    status: str = "submitted",
) -> Response:
    return Response.model_validate(
        {
            "instrument": {"id": instrument.id, "version": instrument.version},
            "entity": {"id": entity, "name": name or entity.upper(), "country": country},
            "period": period,
            "language": "en",
            "status": status,
            "answers": dict(answers),
        }
    )


def comparison_of(paths: list[Path], instrument: Instrument | None, **options: Any) -> Any:
    """Load `paths` and compare them (a `Comparison`), with `Options(**options)`."""
    from capacity_eval.compare.analysis import Options, build_comparison
    from capacity_eval.compare.inputs import load_inputs

    loaded = load_inputs(paths, instrument, "en")
    return build_comparison(loaded, Options(**options), instrument)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed, break opportunities removed."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().replace("\u200b", "").split()) for page in reader.pages]
