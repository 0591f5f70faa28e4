"""Rendering the report: context -> HTML (Jinja2 templates) -> PDF (WeasyPrint).

The templates live in the repository's top-level `templates/` folder, which the
package reaches as `capacity_eval/reporting/templates` (a link in a source tree, a
copy in an installed wheel). Autoescape is on for every template; data is only ever
passed as variables, never used as a template.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import __version__
from ..errors import CapacityEvalError, UsageError
from ..fileio import write_atomic
from ..i18n import catalogue, t
from . import charts
from .context import build_context
from .pdf import PdfAttachment, pdf_bytes
from .text import from_epoch

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..model import Instrument
    from .views import ReportContext

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}
RESULT_ATTACHMENT = "result.json"


def templates_dir() -> Path:
    """The folder of the report templates and print CSS."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[2] / "templates"):
        if (candidate / "report.html").is_file():
            return candidate.resolve()
    raise CapacityEvalError(f"the report templates are missing (looked in {here / 'templates'})")


@cache
def environment() -> Environment:
    """The Jinja2 environment of the report templates (autoescape on, undefined is an error)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.update(
        bar_chart=charts.bar_chart,
        radar_chart=charts.radar_chart,
        page_of=page_of,
        version=__version__,
    )
    return env


def page_of(lang: str) -> Markup:
    """The running footer's "Page X of Y" in `lang`, as a CSS `content` value."""
    template = catalogue(lang).get("report.page_of") or catalogue("en")["report.page_of"]
    return css_content(template, page="counter(page)", pages="counter(pages)")


def css_content(template: str, **counters: str) -> Markup:
    """A catalogue message as the value of a CSS `content` property: its text as CSS
    strings and each `{name}` field as the CSS function given in `counters`
    ("Page {page} of {pages}" -> `"Page " counter(page) " of " counter(pages)`)."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        if literal:
            parts.append(css_string(literal))
        if name:
            parts.append(counters[name])
    return Markup(" ".join(parts) or '""')


def css_string(value: str) -> str:
    """`value` as a quoted CSS string that cannot end the string or the style element."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;!?'()-–—·/%" else f"\\{ord(ch):x} " for ch in value
    )
    return f'"{escaped}"'


def source_date() -> datetime | None:
    """The date of `SOURCE_DATE_EPOCH`, used when the result carries no date."""
    return from_epoch(os.environ.get("SOURCE_DATE_EPOCH"))


def render_context(context: ReportContext, *, attached: bool = False) -> str:
    """The report's HTML for a built context. `attached` says the result will be attached
    to the output (the PDF): shortened texts then point to the attachment, else to the
    response the report was made from."""
    lang = context.meta.lang

    def message(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    return (
        environment()
        .get_template("report.html")
        .render(c=context, meta=context.meta, t=message, attached=attached)
    )


def render_html(
    instrument: Instrument, result_doc: Mapping[str, Any], *, lang: str | None = None
) -> str:
    """The report as one self-contained HTML document (the same one the PDF is laid out
    from). `result_doc` is a result document (`result_document(...)` or a `score -o` file)."""
    return render_context(build_context(instrument, result_doc, lang, fallback_date=source_date()))


def render_pdf(
    instrument: Instrument,
    result_doc: Mapping[str, Any],
    *,
    lang: str | None = None,
    pdf_variant: str | None = None,
) -> bytes:
    """The report as PDF bytes: tagged, with metadata, the result JSON attached."""
    context = build_context(instrument, result_doc, lang, fallback_date=source_date())
    meta = context.meta
    return pdf_bytes(
        render_context(context, attached=True),
        lang=meta.lang,
        title=meta.pdf_title,
        author=meta.author,
        attachments=[result_attachment(result_doc, meta.lang)],
        variant=pdf_variant,
        created=meta.date_w3c,
        base_dir=templates_dir(),
    )


def result_attachment(result_doc: Mapping[str, Any], lang: str) -> PdfAttachment:
    """The result document as JSON, to embed in the PDF so the report carries its data."""
    data = json.dumps(result_doc, ensure_ascii=False, indent=2) + "\n"
    return PdfAttachment(
        RESULT_ATTACHMENT, data.encode("utf-8"), t("report.attachment_description", lang)
    )


def render_report(
    instrument: Instrument,
    result_doc: Mapping[str, Any],
    out_path: str | Path,
    *,
    lang: str | None = None,
    pdf_variant: str | None = None,
) -> None:
    """Write the report to `out_path`: PDF or HTML by its extension (.pdf, .html, .htm)."""
    kind = report_format(out_path)
    if kind == "pdf":
        data: str | bytes = render_pdf(instrument, result_doc, lang=lang, pdf_variant=pdf_variant)
    else:
        data = render_html(instrument, result_doc, lang=lang)
    write_atomic(out_path, data)


def report_format(out_path: str | Path) -> str:
    """'pdf' or 'html' from the output's extension; UsageError for anything else."""
    kind = FORMATS.get(Path(out_path).suffix.lower())
    if kind is None:
        raise UsageError(t("report.bad_output", path=str(out_path)))
    return kind
