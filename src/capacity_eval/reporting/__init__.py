"""The single-assessment report: a context built from (instrument, result), Jinja2
templates, vector charts, and a tagged, reproducible PDF that fetches nothing.

Public functions::

    render_html(instrument, result_doc, *, lang=None) -> str
    render_pdf(instrument, result_doc, *, lang=None, pdf_variant=None) -> bytes
    render_report(instrument, result_doc, out_path, *, lang=None, pdf_variant=None) -> None

Reusable pieces: `context.build_context` (pure), `charts` (SVG), `pdf.write_pdf` and
`pdf.safe_fetcher` (WeasyPrint without outside access), `render.environment` (templates).
"""

from __future__ import annotations

from .context import build_context
from .pdf import PDF_VARIANTS, PdfAttachment, pdf_bytes, write_pdf
from .render import render_html, render_pdf, render_report, report_format, templates_dir

__all__ = [
    "PDF_VARIANTS",
    "PdfAttachment",
    "build_context",
    "pdf_bytes",
    "render_html",
    "render_pdf",
    "render_report",
    "report_format",
    "templates_dir",
    "write_pdf",
]
