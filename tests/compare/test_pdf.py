"""The PDF: pages and their text, metadata and tags, the attached CSV, reproducibility."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from capacity_eval.compare.render import render_pdf
from capacity_eval.compare.tables import csv_text
from capacity_eval.model import Instrument

from .support import FIXTURES, comparison_of, pdf_pages


@pytest.fixture(scope="module")
def english(trio: Instrument) -> tuple[Any, bytes]:
    comparison = comparison_of([FIXTURES], trio, sensitivity=10)
    return comparison, render_pdf(comparison, "en")


def test_pages_and_their_text(english: tuple[Any, bytes]) -> None:
    pages = pdf_pages(english[1])
    assert 8 <= len(pages) <= 11
    assert pages[0].startswith("COMPARATIVE REPORT Comparative assessment report Instrument trio")
    assert "the median overall score of the 6 entities compared is 84.4 (Advanced)" in pages[0]
    overview = next(
        p for p in pages if p.count("Overview: scores by domain") == 1 and "Period 2026" in p
    )
    assert "1 Ministry of the Interior of XA XAA 100.0 Advanced 75.0 Advanced" in overview
    assert "Secretaría de Seguridad & Justicia <XB>" in overview
    assert "50.0* Established" in overview  # XC's police score, coverage 1 of 2
    for number, page in enumerate(pages[1:], start=2):  # the first page is the title page
        assert f"Page {number} of {len(pages)}" in page
        assert "Instrument trio 1.0.0 · periods 2024, 2026" in page  # running header
    text = " ".join(pages)
    for heading in (
        "Regional statistics by domain",
        "Ranking by overall score",
        "Trends",
        "Common gaps",
        "Sensitivity of the ranking to the domain weights",
        "Comparability and data",
        "Method",
    ):
        assert heading in text
    assert "sha256:9670552e856629b9d6d25f6da0c3f4f5ed1f5ab0487a0140e22e57b3a0a92fe6" in (
        text.replace(" ", "")
    )


def test_metadata_tags_and_attached_csv(english: tuple[Any, bytes]) -> None:
    comparison, pdf = english
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.title == "Comparative assessment report"
    assert "/CreationDate" not in reader.metadata  # no clock read: reproducible
    attachments = reader.attachments
    assert list(attachments) == ["comparison.csv"]
    assert attachments["comparison.csv"][0].decode("utf-8") == csv_text(comparison)


def test_same_inputs_same_bytes(english: tuple[Any, bytes], trio: Instrument) -> None:
    again = render_pdf(comparison_of([FIXTURES], trio, sensitivity=10), "en")
    assert again == english[1]


def test_french_country_report(trio: Instrument, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    pdf = render_pdf(comparison_of([FIXTURES], trio, group_by="country"), "fr")
    pages = pdf_pages(pdf)
    assert pages[0].startswith("RAPPORT COMPARATIF Rapport d'évaluation comparative")
    assert "Pays comparés 5" in pages[0] and "1 janvier 2026" in pages[0]
    assert "Page 2 sur" in pages[1]
    text = " ".join(pages)
    assert "XDD 2 " in text and "62.6 Avancé" not in text  # median 62.55 -> 62.6, level 3
    assert "62.6 Établi" in text
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.metadata is not None and "/CreationDate" in reader.metadata
