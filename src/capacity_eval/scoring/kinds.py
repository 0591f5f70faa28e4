"""Question types: how an answer is read and how it becomes a score.

One class per type of FORMAT.md's table, registered in `KINDS`. `read` turns the
value found in a response into the typed value the engine works with (or raises
`AnswerError` with a sentence saying what is expected); `score` turns that value
into a 0-100 score, or None where the type is unscored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, ClassVar

from ..i18n import t
from ..model import Band, Instrument, Option, QuestionModel

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class AnswerError(ValueError):
    """An answer that does not fit its question."""


def band_score(bands: Sequence[Band], value: float) -> float:
    """The score of the first band whose `below` is above `value`, else of the last band."""
    for band in bands:
        if band.below is None or value < band.below:
            return band.score
    return bands[-1].score


def parse_number(raw: Any) -> float:
    """A finite number from a response value (text as written in YAML, or int/float)."""
    if isinstance(raw, bool):
        raise AnswerError(t("answer.not_number", value=raw))
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and _NUMBER.match(raw.strip().replace("_", "")):
        value = float(raw.strip().replace("_", ""))
    elif isinstance(raw, str) and raw.strip().lower().lstrip("+-.") in ("nan", "inf", "infinity"):
        raise AnswerError(t("answer.not_finite"))
    else:
        raise AnswerError(t("answer.not_number", value=_show(raw)))
    if not math.isfinite(value) or abs(value) > 1e15:
        raise AnswerError(t("answer.too_large"))
    return value


def _show(raw: Any, limit: int = 40) -> str:
    text = str(raw)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_text(raw: Any) -> str | None:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return None


class Kind:
    """Behaviour shared by all question types."""

    name: ClassVar[str]
    scored_type: ClassVar[bool] = True

    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        self.question = question

    def read(self, raw: Any) -> Any:
        raise NotImplementedError

    def score(self, value: Any) -> float | None:
        raise NotImplementedError


class _OptionKind(Kind):
    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        super().__init__(question, instrument)
        self.options: list[Option] = instrument.options_of(question)  # type: ignore[arg-type]
        self.values = [o.value for o in self.options]
        self.index = {o.value: i for i, o in enumerate(self.options)}
        self.scores = {o.value: o.score for o in self.options}

    def read_one(self, raw: Any) -> str:
        text = _as_text(raw)
        if text is None or text not in self.index:
            raise AnswerError(
                t("answer.not_option", value=_show(raw), options=", ".join(self.values))
            )
        return text


class ChoiceKind(_OptionKind):
    name = "choice"

    def read(self, raw: Any) -> str:
        return self.read_one(raw)

    def score(self, value: str) -> float | None:
        return self.scores[value]


class ScaleKind(_OptionKind):
    name = "scale"

    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        super().__init__(question, instrument)
        last = max(len(self.options) - 1, 1)
        self.scores = {
            o.value: (o.score if o.score is not None else 100.0 * i / last)
            for i, o in enumerate(self.options)
        }

    def read(self, raw: Any) -> str:
        return self.read_one(raw)

    def score(self, value: str) -> float | None:
        return self.scores[value]


class MultiKind(_OptionKind):
    name = "multi"

    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        super().__init__(question, instrument)
        self.exclusive = {o.value for o in self.options if o.exclusive}

    def read(self, raw: Any) -> tuple[str, ...]:
        items = raw if isinstance(raw, list) else [raw]
        chosen = tuple(self.read_one(item) for item in items)
        repeated = sorted({v for v in chosen if chosen.count(v) > 1})
        if repeated:
            raise AnswerError(t("answer.repeated", values=", ".join(repeated)))
        alone = [v for v in chosen if v in self.exclusive]
        if alone and len(chosen) > 1:
            raise AnswerError(t("answer.exclusive", value=alone[0]))
        return chosen

    def score(self, value: tuple[str, ...]) -> float | None:
        return min(100.0, sum(self.scores[v] or 0.0 for v in value))


class NumberKind(Kind):
    name = "number"

    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        super().__init__(question, instrument)
        self.minimum: float | None = getattr(question, "min", None)
        self.maximum: float | None = getattr(question, "max", None)
        self.integer: bool = getattr(question, "integer", False)
        self.bands: list[Band] | None = getattr(question, "bands", None)

    def read(self, raw: Any) -> float:
        value = parse_number(raw)
        if self.integer and not value.is_integer():
            raise AnswerError(t("answer.not_integer", value=_show(raw)))
        if self.minimum is not None and value < self.minimum:
            raise AnswerError(t("answer.below_min", value=_show(raw), min=_num(self.minimum)))
        if self.maximum is not None and value > self.maximum:
            raise AnswerError(t("answer.above_max", value=_show(raw), max=_num(self.maximum)))
        return value

    def score(self, value: float) -> float | None:
        return band_score(self.bands, value) if self.bands else None


class ComputedKind(Kind):
    name = "computed"

    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        super().__init__(question, instrument)
        self.bands: list[Band] | None = getattr(question, "bands", None)

    def read(self, raw: Any) -> Any:
        raise AnswerError(t("answer.computed"))

    def score(self, value: float) -> float | None:
        return band_score(self.bands, value) if self.bands else None


class TextKind(Kind):
    name = "text"
    scored_type = False

    def __init__(self, question: QuestionModel, instrument: Instrument) -> None:
        super().__init__(question, instrument)
        self.max_length: int | None = getattr(question, "max_length", None)

    def read(self, raw: Any) -> str:
        text = _as_text(raw) if not isinstance(raw, float) else str(raw)
        if text is None:
            raise AnswerError(t("answer.not_text"))
        if self.max_length is not None and len(text) > self.max_length:
            raise AnswerError(t("answer.too_long", limit=self.max_length))
        return text

    def score(self, value: str) -> float | None:
        return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (ChoiceKind, ScaleKind, MultiKind, NumberKind, ComputedKind, TextKind)
}
