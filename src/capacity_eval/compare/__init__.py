"""Comparative reports (`capacity-eval compare`): many results, across entities and periods.

The pieces, in the order they run::

    loaded = load_inputs([Path("outdir")], instrument, lang)    # inputs.py (reads files)
    comparison = build_comparison(loaded, Options(), instrument)  # pure from here on:
    #   comparability.py  one instrument family, no drafts, one result per entity and period
    #   frame.py          rows per entity (or country: medians) and period
    #   stats.py, ranking.py, trends.py, gaps.py, sensitivity.py
    html = render_html(comparison, "es")   # context.py + parts.py -> templates/compare/
    pdf = render_pdf(comparison, "es")     # the single-assessment report's PDF writer
    text = csv_text(comparison)            # tables.py: long form; xlsx_bytes() too
"""

from __future__ import annotations

from .analysis import Comparison, Options, build_comparison
from .inputs import Loaded, load_inputs
from .tables import csv_text, xlsx_bytes

__all__ = [
    "Comparison",
    "Loaded",
    "Options",
    "build_comparison",
    "csv_text",
    "load_inputs",
    "render_html",
    "render_pdf",
    "xlsx_bytes",
]


def render_html(comparison: Comparison, lang: str) -> str:
    """The comparative report as HTML (imports the report templates on first use)."""
    from .render import render_html as render

    return render(comparison, lang)


def render_pdf(comparison: Comparison, lang: str) -> bytes:
    """The comparative report as PDF bytes (imports WeasyPrint on first use)."""
    from .render import render_pdf as render

    return render(comparison, lang)
