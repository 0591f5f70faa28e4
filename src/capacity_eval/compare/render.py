"""Rendering the comparative report: context -> HTML (the report templates) -> PDF.

The templates (`templates/compare/`) extend the single-assessment report's base layout
and print stylesheet, and are rendered by its Jinja2 environment (autoescape on,
undefined variables are errors). The PDF is written by the report's PDF writer: tagged,
with metadata, fetching nothing but the bundled files, and with the long-form table
attached as CSV so that the report carries its data.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from ..i18n import t
from ..reporting.pdf import PdfAttachment, pdf_bytes
from ..reporting.render import environment, templates_dir
from ..reporting.text import from_epoch
from .analysis import Comparison
from .context import report_context
from .tables import csv_text

TEMPLATE = "compare/report.html"
ATTACHMENT = "comparison.csv"


def report_date() -> datetime | None:
    """The date printed on the report: `SOURCE_DATE_EPOCH` when set, else none (so that the
    same inputs give the same bytes)."""
    return from_epoch(os.environ.get("SOURCE_DATE_EPOCH"))


def render_context(context: dict[str, Any]) -> str:
    """The report's HTML for a built context."""
    lang = context["lang"]

    def message(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    template = environment().get_template(TEMPLATE)
    return template.render(c=context, meta=context["meta"], t=message)


def render_html(comparison: Comparison, lang: str) -> str:
    """The comparative report as one self-contained HTML document."""
    return render_context(report_context(comparison, lang, report_date()))


def render_pdf(comparison: Comparison, lang: str) -> bytes:
    """The comparative report as PDF bytes, with the long-form CSV attached."""
    context = report_context(comparison, lang, report_date())
    meta = context["meta"]
    attachment = PdfAttachment(
        ATTACHMENT, csv_text(comparison).encode("utf-8"), t("compare.attachment", lang)
    )
    return pdf_bytes(
        render_context(context),
        lang=lang,
        title=meta["pdf_title"],
        author=meta["author"],
        attachments=[attachment],
        created=meta["date_w3c"],
        base_dir=templates_dir(),
    )
