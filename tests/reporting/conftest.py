"""Fixtures of the report tests: a small instrument and response of our own (so golden
files do not move when dps-core changes), their result document, and PDF readers."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from capacity_eval.api import load_instrument, load_response, result_document, score
from capacity_eval.model import Instrument

HERE = Path(__file__).parent / "fixtures"
INSTRUMENT = HERE / "instrument.yaml"
RESPONSE = HERE / "response.yaml"
ZWSP = "\u200b"


def scored_document(response_path: Path = RESPONSE, lang: str | None = None) -> dict[str, Any]:
    """The result document of a response to the fixture instrument, with its `updated`."""
    instrument = load_instrument(INSTRUMENT)
    response = load_response(response_path, instrument)
    document = result_document(score(instrument, response), lang)
    if response.updated:
        document["updated"] = response.updated
    return document


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    return load_instrument(INSTRUMENT)


@pytest.fixture
def result() -> dict[str, Any]:
    return scored_document()


@pytest.fixture
def response_text() -> Callable[..., str]:
    """The fixture response's YAML with some top-level lines replaced."""

    def _text(**replace: str) -> str:
        lines = RESPONSE.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            key = line.split(":", 1)[0]
            out.append(f"{key}: {replace.pop(key)}" if key in replace else line)
        out.extend(f"{key}: {value}" for key, value in replace.items())
        return "\n".join(out) + "\n"

    return _text


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, break opportunities removed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text().replace(ZWSP, "") for page in reader.pages]


def pdf_reader(data: bytes) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))
