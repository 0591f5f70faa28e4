"""capacity-eval: assess the institutional capacity of public-security institutions.

The public API (imported lazily, so that the command line starts fast)::

    from capacity_eval import load_instrument, load_response, score, result_document
    instrument = load_instrument("questionnaires/dps-core.yaml")
    response = load_response("examples/core/xaa-interior-2026.yaml", instrument)
    result = result_document(score(instrument, response))
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = {
    "load_instrument": "api",
    "load_response": "api",
    "load_result": "api",
    "check_instrument": "api",
    "check_response": "api",
    "score": "api",
    "score_file": "api",
    "result_document": "api",
    "explain": "api",
    "instrument_digest": "api",
    "Scored": "api",
    "Explanation": "api",
    "render_report": "reporting",
    "render_html": "reporting",
    "run_batch": "batch",
    "BatchOptions": "batch",
    "CapacityEvalError": "errors",
    "UserError": "errors",
    "InvalidInput": "errors",
    "Problem": "errors",
    "Instrument": "model",
    "Response": "model",
    "Result": "model",
}

__all__ = ["__version__", *_API]

if TYPE_CHECKING:  # pragma: no cover
    from .api import (
        Explanation,
        Scored,
        check_instrument,
        check_response,
        explain,
        instrument_digest,
        load_instrument,
        load_response,
        load_result,
        result_document,
        score,
        score_file,
    )
    from .batch import BatchOptions, run_batch
    from .errors import CapacityEvalError, InvalidInput, Problem, UserError
    from .model import Instrument, Response, Result


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'capacity_eval' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
