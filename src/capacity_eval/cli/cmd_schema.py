"""`capacity-eval schema instrument|response|result`: JSON Schema for editors."""

from __future__ import annotations

from enum import StrEnum

import typer


class Kind(StrEnum):
    instrument = "instrument"
    response = "response"
    result = "result"


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema(kind: Kind = typer.Argument(..., help="Which file kind.")) -> None:
        """Print the JSON Schema of a file kind (for editors and other tools)."""
        from .output import print_json

        print_json(json_schema(kind.value))


def json_schema(kind: str) -> dict[str, object]:
    from pydantic import BaseModel

    from ..model import Instrument, Response, Result

    models: dict[str, type[BaseModel]] = {
        "instrument": Instrument,
        "response": Response,
        "result": Result,
    }
    model = models[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"capacity-eval/{kind}@1",
        **schema,
    }
