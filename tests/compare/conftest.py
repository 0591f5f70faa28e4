"""Fixtures of the comparison tests: the `trio` instrument and a scored-entry builder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from capacity_eval.api import load_instrument, result_document, score
from capacity_eval.compare.inputs import entry_from_result
from capacity_eval.compare.records import Entry
from capacity_eval.model import Instrument

from .support import TRIO, response_for


@pytest.fixture(scope="session")
def trio() -> Instrument:
    return load_instrument(TRIO)


@pytest.fixture
def scored_entry(trio: Instrument) -> Callable[..., Entry]:
    """Builds an entry by really scoring a trio response (kept for re-scoring)."""

    def build(entity: str, period: str, answers: Mapping[str, Any], **kw: Any) -> Entry:
        response = response_for(trio, entity, period, answers, **kw)
        document = result_document(score(trio, response), "en")
        return entry_from_result(document, f"{entity}-{period}.yaml", response)

    return build
