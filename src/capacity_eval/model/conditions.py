"""Conditions, as written in `show_if` and in a rule's `when`.

A condition is a mapping recognised by its first key: `answer`, `answered`, `na`,
`score`, `level`, `all`, `any` or `not`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Model

ANSWER_OPS = ("is", "is_not", "in", "not_in", "gt", "gte", "lt", "lte", "includes")
NUMERIC_OPS = ("gt", "gte", "lt", "lte")


class _Compare(Model):
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None

    def comparison(self) -> tuple[str, float]:
        for op in NUMERIC_OPS:
            value = getattr(self, op)
            if value is not None:
                return op, float(value)
        raise AssertionError("validated to have one operator")


_ATTRIBUTE = {"is": "is_", "in": "in_"}


def _one_operator(model: Model, ops: tuple[str, ...], subject: str) -> None:
    present = [op for op in ops if getattr(model, _ATTRIBUTE.get(op, op)) is not None]
    if len(present) != 1:
        listed = ", ".join(ops)
        raise PydanticCustomError(
            "condition_operator",
            "a `{subject}` condition needs exactly one operator of: {listed}",
            {"subject": subject, "listed": listed},
        )


class AnswerCondition(_Compare):
    """Compares a question's answer: `{answer: LEG-01, is: "yes"}`."""

    answer: str
    is_: str | None = Field(None, alias="is")
    is_not: str | None = None
    in_: list[str] | None = Field(None, alias="in")
    not_in: list[str] | None = None
    includes: str | None = None

    @field_validator("is_", "is_not", "includes", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return (
            str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
        )

    @field_validator("in_", "not_in", mode="before")
    @classmethod
    def _as_texts(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [
                str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                for v in value
            ]
        return value

    @model_validator(mode="after")
    def _check_operator(self) -> AnswerCondition:
        _one_operator(self, ANSWER_OPS, "answer")
        return self

    @property
    def operator(self) -> str:
        return next(op for op in ANSWER_OPS if getattr(self, _ATTRIBUTE.get(op, op)) is not None)

    @property
    def operand(self) -> Any:
        return getattr(self, _ATTRIBUTE.get(self.operator, self.operator))


class AnsweredCondition(Model):
    """True when the question has a real (non-n/a) answer: `{answered: LEG-02}`."""

    answered: str


class NaCondition(Model):
    """True when the question was answered n/a: `{na: LEG-02}`."""

    na: str


class ScoreCondition(_Compare):
    """Compares the raw score of a node: `{score: policing, lt: 40}`."""

    score: str

    @model_validator(mode="after")
    def _check_operator(self) -> ScoreCondition:
        _one_operator(self, NUMERIC_OPS, "score")
        return self


class LevelCondition(_Compare):
    """Compares the level id of a node's raw score: `{level: policing, lt: 3}`."""

    level: str

    @model_validator(mode="after")
    def _check_operator(self) -> LevelCondition:
        _one_operator(self, NUMERIC_OPS, "level")
        return self


class AllCondition(Model):
    all: list[Condition] = Field(min_length=1)


class AnyCondition(Model):
    any: list[Condition] = Field(min_length=1)


class NotCondition(Model):
    not_: Condition = Field(alias="not")


CONDITION_KEYS = ("answer", "answered", "na", "score", "level", "all", "any", "not")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in CONDITION_KEYS:
            if key in value:
                return key
        return None
    for key, cls in _CLASSES.items():
        if isinstance(value, cls):
            return key
    return None


Condition = Annotated[
    Annotated[AnswerCondition, Tag("answer")]
    | Annotated[AnsweredCondition, Tag("answered")]
    | Annotated[NaCondition, Tag("na")]
    | Annotated[ScoreCondition, Tag("score")]
    | Annotated[LevelCondition, Tag("level")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys answer, answered, na, "
        "score, level, all, any, not",
    ),
]

_CLASSES: dict[str, type[Model]] = {
    "answer": AnswerCondition,
    "answered": AnsweredCondition,
    "na": NaCondition,
    "score": ScoreCondition,
    "level": LevelCondition,
    "all": AllCondition,
    "any": AnyCondition,
    "not": NotCondition,
}

AllCondition.model_rebuild()
AnyCondition.model_rebuild()
NotCondition.model_rebuild()

ConditionKind = Literal["answer", "answered", "na", "score", "level", "all", "any", "not"]
