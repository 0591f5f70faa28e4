"""A response: one entity's answers to one instrument for one period."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from .base import Model

RESPONSE_SCHEMA = "capacity-eval/response@1"

AnswerValue = str | int | float | list[str] | None


class InstrumentRef(Model):
    id: str
    version: str


class Entity(Model):
    id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    name: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class Respondent(Model):
    name: str | None = None
    role: str | None = None
    email: str | None = None


class Answer(Model):
    """An answer with its optional note and evidence; the short form is just the value."""

    value: AnswerValue = None
    note: str | None = None
    evidence: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return data
        return {"value": data}

    @field_validator("evidence", mode="before")
    @classmethod
    def _one_evidence(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The short form (`ID: value`) is valid too, so editors must not flag it."""
        long_form = handler.resolve_ref_schema(handler(core_schema))
        short_form = [
            {"type": ["string", "number", "null"]},
            {"type": "array", "items": {"type": "string"}},
        ]
        return {"anyOf": [*short_form, dict(long_form)]}

    @property
    def is_plain(self) -> bool:
        """True when the short form (`ID: value`) says everything."""
        return self.note is None and not self.evidence


class Response(Model):
    """A whole response file (`schema: capacity-eval/response@1`)."""

    schema_: Literal["capacity-eval/response@1"] = Field("capacity-eval/response@1", alias="schema")
    instrument: InstrumentRef
    entity: Entity
    period: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    language: str
    status: Literal["draft", "submitted"] = "draft"
    respondent: Respondent | None = None
    updated: str | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)

    def to_document(self) -> dict[str, Any]:
        """The response as plain data in file order, answers in their shortest form."""
        doc = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        doc["answers"] = {
            qid: (
                a.value
                if a.is_plain
                else a.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            )
            for qid, a in self.answers.items()
        }
        return doc
