"""The instrument: domains, sections, questions, answer scales, levels and rules."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .. import limits
from .base import Model, NodeId, Score, Text, Weight
from .conditions import Condition

INSTRUMENT_SCHEMA = "capacity-eval/instrument@1"
NA = "n/a"


class Aggregation(StrEnum):
    WEIGHTED_MEAN = "weighted_mean"
    MIN = "min"
    GEOMETRIC_MEAN = "geometric_mean"


class Option(Model):
    """One possible answer of a choice, multi or scale question."""

    value: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    label: Text
    score: Score | None = None
    exclusive: bool = False
    description: Text | None = None


class Band(Model):
    """`{below: X, score: S}`: values strictly below X score S (the last band may omit `below`)."""

    below: float | None = None
    score: Score


class Evidence(Model):
    prompt: Text
    required: bool = False


class _Question(Model):
    id: NodeId
    text: Text
    help: Text | None = None
    weight: Weight = 1.0
    required: bool = False
    allow_na: bool = False
    show_if: Condition | None = None
    evidence: Evidence | None = None
    recommendation: Text | None = None
    recommend_below: Score | None = None
    reference: Text | None = None

    @property
    def scored(self) -> bool:
        return True


Options = list[Option] | Annotated[str, StringConstraints(min_length=1)]


class ChoiceQuestion(_Question):
    type: Literal["choice"]
    options: Options


class MultiQuestion(_Question):
    type: Literal["multi"]
    options: Options


class ScaleQuestion(_Question):
    type: Literal["scale"]
    options: Options


class NumberQuestion(_Question):
    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: Text | None = None
    bands: list[Band] | None = None

    @property
    def scored(self) -> bool:
        return bool(self.bands)


class ComputedQuestion(_Question):
    type: Literal["computed"]
    formula: Annotated[str, StringConstraints(min_length=1, max_length=limits.FORMULA_CHARS)]
    unit: Text | None = None
    bands: list[Band] | None = None

    @property
    def scored(self) -> bool:
        return bool(self.bands)


class TextQuestion(_Question):
    type: Literal["text"]
    max_length: int | None = Field(None, gt=0)

    @property
    def scored(self) -> bool:
        return False


Question = Annotated[
    ChoiceQuestion
    | MultiQuestion
    | ScaleQuestion
    | NumberQuestion
    | ComputedQuestion
    | TextQuestion,
    Field(discriminator="type"),
]
OptionQuestion = ChoiceQuestion | MultiQuestion | ScaleQuestion


class Section(Model):
    id: NodeId
    title: Text
    description: Text | None = None
    weight: Weight = 1.0
    aggregation: Aggregation = Aggregation.WEIGHTED_MEAN
    questions: list[Question] = Field(min_length=1)


class Domain(Model):
    id: NodeId
    title: Text
    description: Text | None = None
    weight: Weight = 1.0
    aggregation: Aggregation = Aggregation.WEIGHTED_MEAN
    sections: list[Section] = Field(min_length=1)


class Level(Model):
    id: int
    min: Score
    label: Text
    description: Text | None = None


class Scoring(Model):
    aggregation: Aggregation = Aggregation.WEIGHTED_MEAN
    min_coverage: float = Field(0.6, ge=0, le=1)
    recommend_below: Score = 50.0


class Severity(StrEnum):
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Cap(Model):
    node: str
    max: Score


class Flag(Model):
    severity: Severity
    message: Text


class Recommend(Model):
    text: Text
    priority: Priority = Priority.MEDIUM


class Rule(Model):
    id: NodeId
    description: Text | None = None
    when: Condition
    cap: Cap | None = None
    flag: Flag | None = None
    recommend: Recommend | None = None

    @model_validator(mode="after")
    def _has_effect(self) -> Rule:
        if self.cap is None and self.flag is None and self.recommend is None:
            raise PydanticCustomError(
                "rule_effect", "a rule needs at least one of cap, flag, recommend"
            )
        return self


class Instrument(Model):
    """A whole instrument file (`schema: capacity-eval/instrument@1`)."""

    schema_: Literal["capacity-eval/instrument@1"] = Field(alias="schema")
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
    version: Annotated[
        str,
        StringConstraints(
            pattern=r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"
        ),
    ]
    title: Text
    description: Text | None = None
    languages: list[
        Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    ] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    scoring: Scoring = Scoring()
    option_sets: dict[str, list[Option]] = Field(default_factory=dict)
    domains: list[Domain] = Field(min_length=1)
    rules: list[Rule] = Field(default_factory=list)
    _compiled: Any = PrivateAttr(default=None)  # the scoring plan, built on first use

    def __eq__(self, other: object) -> bool:
        """Equal content; the compiled plan is a cache (and refers back to the instrument)."""
        if not isinstance(other, Instrument):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # lists inside: never hashable

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def major_version(self) -> str:
        return self.version.split(".", 1)[0]

    def questions(self) -> list[QuestionModel]:
        """Every question, in instrument order."""
        return [q for d in self.domains for s in d.sections for q in s.questions]

    def options_of(self, question: OptionQuestion) -> list[Option]:
        """The options of a question, resolving an option-set name."""
        if isinstance(question.options, str):
            return self.option_sets.get(question.options, [])
        return question.options


QuestionModel = (
    ChoiceQuestion
    | MultiQuestion
    | ScaleQuestion
    | NumberQuestion
    | ComputedQuestion
    | TextQuestion
)
