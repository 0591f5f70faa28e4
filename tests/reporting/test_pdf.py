"""The PDF: pages, text, metadata, the attached result, reproducibility, variants."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from capacity_eval.i18n import LANGUAGES
from capacity_eval.model import Instrument
from capacity_eval.reporting import render_pdf

from .conftest import INSTRUMENT, RESPONSE, pdf_pages, pdf_reader, scored_document

TITLES = {
    "en": ("Small capacity assessment", "Legislation", "Policing", "Victim assistance"),
    "es": ("Evaluación de capacidad reducida", "Legislación", "Policía", "Asistencia a víctimas"),
    "pt": ("Avaliação de capacidade reduzida", "Legislação", "Polícia", "Assistência às vítimas"),
    "fr": ("Évaluation des capacités réduite", "Législation", "Police", "Aide aux victimes"),
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    from capacity_eval.api import load_instrument

    instrument, result = load_instrument(INSTRUMENT), scored_document()
    return {lang: render_pdf(instrument, result, lang=lang) for lang in LANGUAGES}


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_and_their_text(rendered: dict[str, bytes], lang: str) -> None:
    pages = [words(p) for p in pdf_pages(rendered[lang])]
    assert 9 <= len(pages) <= 13
    title, *domains = TITLES[lang]
    assert title in pages[0] and "Ministerio del Interior de Arcadia" in pages[0]
    assert "68.8" in pages[0] and "68.8" in pages[2]  # as `score --json` rounds 68.75
    for number, domain in enumerate(domains, start=1):
        assert any(
            p.startswith(f"{number}. {domain}") or f" {number}. {domain} " in p for p in pages[3:]
        ), domain
    assert all("Ministerio del Interior de Arcadia" in p for p in pages[1:])  # running header
    assert "Page 3 of" in pages[2] if lang == "en" else "3" in pages[2]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_metadata_tags_and_attachment(rendered: dict[str, bytes], lang: str) -> None:
    reader = pdf_reader(rendered[lang])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang and bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == f"{TITLES[lang][0]} — Ministerio del Interior de Arcadia (2026)"
    assert reader.metadata.author == "Ministerio del Interior de Arcadia"
    assert reader.metadata["/CreationDate"] == "D:20260314093000-05'00"
    assert list(reader.attachments) == ["result.json"]
    (data,) = reader.attachments["result.json"]
    assert json.loads(data) == scored_document()


def test_headings_become_bookmarks(rendered: dict[str, bytes]) -> None:
    outline = pdf_reader(rendered["en"]).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == [
        "Executive summary",
        "1. Legislation",
        "2. Policing",
        "3. Victim assistance",
        "Action plan",
        "Evidence register",
        "Annex: methodology",
    ]


def test_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    """Two runs in separate processes (different hash seeds) write identical files."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"r{seed}.pdf"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "capacity_eval",
                "report",
                str(RESPONSE),
                "-i",
                str(INSTRUMENT),
                "-o",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].startswith(b"%PDF-")


def test_without_a_date_the_pdf_has_none(
    instrument: Instrument, result: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    del result["updated"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = render_pdf(instrument, result, lang="en")
    assert b"CreationDate" not in data and b"ModDate" not in data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01 00:00 UTC
    dated = pdf_reader(render_pdf(instrument, result, lang="en"))
    assert dated.metadata["/CreationDate"] == "D:20251201000000Z"
    assert "1 December 2025" in words(dated.pages[0].extract_text())


@pytest.mark.parametrize(
    ("variant", "marker"), [("pdf/a-3b", b'pdfaid:part="3"'), ("pdf/ua-1", b'pdfuaid:part="1"')]
)
def test_variants(
    instrument: Instrument, result: dict[str, Any], variant: str, marker: bytes
) -> None:
    reader = pdf_reader(render_pdf(instrument, result, lang="es", pdf_variant=variant))
    root = reader.trailer["/Root"]
    assert marker in root["/Metadata"].get_object().get_data()
    assert root["/Lang"] == "es" and list(reader.attachments) == ["result.json"]
    if variant == "pdf/a-3b":
        assert len(root["/AF"]) == 1 and "/OutputIntents" in root


def test_draft_is_watermarked(instrument: Instrument, response_text: Any, write: Any) -> None:
    result = scored_document(write("draft.yaml", response_text(status="draft")))
    pages = pdf_pages(render_pdf(instrument, result, lang="es"))
    assert all("BORRADOR" in page for page in pages)
    final = pdf_pages(render_pdf(instrument, scored_document(), lang="es"))
    assert not any("BORRADOR" in page for page in final)


def test_without_harfbuzz_subsetting_fonts_are_subset_by_fonttools(
    rendered: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where libharfbuzz-subset0 is missing WeasyPrint falls back to fontTools: slower,
    same text, and its warning stays off the user's terminal."""
    import logging

    from weasyprint.pdf import fonts

    from capacity_eval.api import load_instrument

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        data = render_pdf(load_instrument(INSTRUMENT), scored_document(), lang="en")
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert any("fontTools" in r.getMessage() for r in records)
    assert pdf_pages(data) == pdf_pages(rendered["en"])
    # a handler of our own keeps Python's last-resort handler from printing it on stderr
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("weasyprint").handlers)
