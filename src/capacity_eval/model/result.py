"""The result document written by `score --json` and read back by `report` and `compare`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from .base import Model
from .response import Entity

RESULT_SCHEMA = "capacity-eval/result@1"


class _Open(Model):
    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False)


class InstrumentStamp(_Open):
    id: str
    version: str
    digest: str


class NodeResult(_Open):
    kind: Literal["overall", "domain", "section", "question"]
    score: float | None = None
    raw_score: float | None = None
    level: int | None = None
    coverage: float | None = None
    insufficient: bool = False
    caps: list[str] = Field(default_factory=list)
    answered: int | None = None
    applicable: int | None = None
    weight: float | None = None
    parent: str | None = None
    type: str | None = None
    status: str | None = None
    answer: str | float | list[str] | None = None
    note: str | None = None
    evidence: list[str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _typed_answer(cls, data: Any) -> Any:
        """A number answer read back from YAML text is a number again."""
        if (
            isinstance(data, dict)
            and data.get("type") in ("number", "computed")
            and isinstance(data.get("answer"), str)
            and data["answer"] != "n/a"
        ):
            try:
                return {**data, "answer": float(data["answer"])}
            except ValueError:
                return data
        return data


class FlagResult(_Open):
    rule: str
    severity: Literal["critical", "major", "minor"]
    message: str


class RecommendationResult(_Open):
    source: str
    priority: Literal["high", "medium", "low"]
    text: str
    domain: str | None = None


class Result(_Open):
    """A scored response."""

    schema_: Literal["capacity-eval/result@1"] = Field("capacity-eval/result@1", alias="schema")
    instrument: InstrumentStamp
    entity: Entity
    period: str
    language: str
    status: Literal["draft", "submitted"] = "submitted"
    updated: str | None = None
    overall: NodeResult
    nodes: dict[str, NodeResult]
    flags: list[FlagResult] = Field(default_factory=list)
    recommendations: list[RecommendationResult] = Field(default_factory=list)

    def node(self, node_id: str) -> NodeResult:
        return self.overall if node_id == "overall" else self.nodes[node_id]

    @classmethod
    def from_document(cls, data: dict[str, Any]) -> Result:
        return cls.model_validate(data)
