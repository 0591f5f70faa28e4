"""The report's HTML: a golden file for the fixture, every language, and escaping."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from capacity_eval.i18n import LANGUAGES, t
from capacity_eval.model import Instrument
from capacity_eval.reporting import render_html, templates_dir
from capacity_eval.reporting.render import css_content, css_string

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "report.en.html"
REGENERATE = "CAPACITY_EVAL_REGENERATE_GOLDEN"
HOSTILE = (
    '<img src="http://127.0.0.1:9/x"> file:///etc/passwd '
    '<link rel="attachment" href="file:///etc/passwd"> '
    "<style>@import url(http://127.0.0.1:9/c.css)</style> {{ 7*7 }} {% raw %}"
)
PARTS = (
    "report.summary.title",
    "report.plan.title",
    "report.evidence.title",
    "report.method.title",
    "report.contents",
    "report.overall_score",
)


def test_golden_html(instrument: Instrument, result: dict[str, Any]) -> None:
    """The English report of the fixture, byte for byte. After a deliberate change of the
    templates or messages, regenerate with CAPACITY_EVAL_REGENERATE_GOLDEN=1 and review
    the diff."""
    html = render_html(instrument, result, lang="en")
    if os.environ.get(REGENERATE):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_fixed_string_is_in_the_report_s_language(
    instrument: Instrument, result: dict[str, Any], lang: str
) -> None:
    html = render_html(instrument, result, lang=lang)
    assert f'<html lang="{lang}">' in html
    for key in PARTS:
        assert escape(t(key, lang)) in html
        for other in LANGUAGES:
            if t(key, other) != t(key, lang):
                assert f">{escape(t(key, other))}<" not in html, (key, other)
    title = instrument.title[lang] if isinstance(instrument.title, dict) else instrument.title
    assert f"<title>{title} — Ministerio del Interior de Arcadia (2026)</title>" in html


def test_respondent_text_is_escaped_everywhere(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    result["entity"]["name"] = HOSTILE
    result["period"] = HOSTILE
    result["nodes"]["L1"]["note"] = HOSTILE
    result["nodes"]["L1"]["evidence"] = [HOSTILE, "url(http://127.0.0.1:9/e)"]
    result["nodes"]["NOTE"]["answer"] = HOSTILE
    html = render_html(instrument, result, lang="en")
    style = html.split("<style>")[1].split("</style>")[0]
    assert "<img" not in html and "<link" not in html and "127.0.0.1" not in style
    assert html.count("<style>") == 1 and "{% raw %}" in html and html.count("{{ 7*7 }}") >= 5
    assert "&lt;img src=&#34;http://127.0.0.1:9/x&#34;&gt;" in html.replace("\u200b", "")
    for attribute in re.findall(r'\b(?:style|href|src)="([^"]*)"', html):
        assert "127.0.0.1" not in attribute and "passwd" not in attribute


def test_shortened_texts_point_to_what_the_output_has(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    """A PDF carries the result as an attachment, an HTML report does not."""
    from capacity_eval.reporting.context import build_context
    from capacity_eval.reporting.render import render_context

    result["nodes"]["L1"]["note"] = "palabra " * 400
    result["nodes"]["L1"]["evidence"] = [f"Ley {n}" for n in range(15)]
    html = render_html(instrument, result, lang="es")
    assert (
        "[abreviado: el texto completo está en la respuesta de la que procede el informe]"
    ) in html
    assert "… y 3 más en la respuesta de la que procede el informe" in html
    assert "datos adjuntos" not in html and "<script" not in html
    for_pdf = render_context(build_context(instrument, result, "es"), attached=True)
    assert "[abreviado: el texto completo está en los datos adjuntos]" in for_pdf


def test_page_counter_css_cannot_break_out_of_its_string() -> None:
    assert css_string('Page "x" </style>\\') == r'"Page \22 x\22  \3c /style\3e \5c "'
    assert (
        str(css_content("Page {page} of {pages}", page="counter(page)", pages="counter(pages)"))
        == '"Page " counter(page) " of " counter(pages)'
    )


def test_templates_are_found_from_the_package() -> None:
    folder = templates_dir()
    assert (folder / "report.html").is_file() and (folder / "report.css").is_file()
    assert {p.name for p in folder.glob("*.html")} >= {
        "base.html",
        "cover.html",
        "contents.html",
        "summary.html",
        "domain.html",
        "action_plan.html",
        "evidence.html",
        "methodology.html",
    }
