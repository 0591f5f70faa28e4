"""`capacity-eval schema`: JSON Schemas that accept what capacity-eval reads and writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from capacity_eval.loading.files import load_instrument, load_response
from capacity_eval.scoring.engine import score_response
from capacity_eval.scoring.result import result_document

from ..conftest import FIXTURES, CliResult

Cli = Callable[..., CliResult]
SCORING = FIXTURES / "scoring"


def schema_of(cli: Cli, kind: str) -> dict[str, Any]:
    result = cli("schema", kind)
    assert (result.code, result.err) == (0, "")
    schema: dict[str, Any] = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"capacity-eval/{kind}@1"
    return schema


def problems(schema: dict[str, Any], data: Any) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


@pytest.mark.parametrize("name", ["types", "rules", "aggregation", "recommendations", "visibility"])
def test_instrument_schema_accepts_the_instruments(cli: Cli, name: str) -> None:
    schema = schema_of(cli, "instrument")
    inst = load_instrument(SCORING / f"{name}.yaml")
    assert problems(schema, inst.model_dump(mode="json", by_alias=True, exclude_none=True)) == []


def test_instrument_schema_refuses_an_unknown_key(cli: Cli) -> None:
    schema = schema_of(cli, "instrument")
    data = load_instrument(SCORING / "types.yaml").model_dump(mode="json", by_alias=True)
    data["domains"][0]["wieght"] = 2
    assert problems(schema, data) == [
        "Additional properties are not allowed ('wieght' was unexpected)"
    ]


def test_response_and_result_schemas_accept_what_is_written(cli: Cli) -> None:
    inst = load_instrument(SCORING / "rules.yaml")
    response = load_response(SCORING / "rules-response.yaml", inst)
    document = response.to_document()  # short-form answers, and one long form (QA2)
    assert document["answers"]["QA1"] == "100"
    assert problems(schema_of(cli, "response"), document) == []
    scored, _ = score_response(inst, response)
    assert problems(schema_of(cli, "result"), result_document(scored)) == []


def test_response_schema_refuses_a_misspelt_long_form(cli: Cli) -> None:
    schema = schema_of(cli, "response")
    document = load_response(SCORING / "rules-response.yaml").to_document()
    document["answers"]["QA3"] = {"valeu": "60"}
    assert problems(schema, document) == [
        "{'valeu': '60'} is not valid under any of the given schemas"
    ]


def test_unknown_kind_is_wrong_usage(cli: Cli) -> None:
    result = cli("schema", "report")
    assert (result.code, result.out) == (2, "")
    assert result.err_lines[-1] == (
        "Error: Invalid value for 'kind': Value error, 'report' is "
        "not one of 'instrument', 'response', 'result'."
    )
