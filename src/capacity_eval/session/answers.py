"""Reading a typed line as the answer to one question.

Each answerable question type has a reader (registered in `READERS`) that turns the
text a person typed into the value stored in the response, or raises `InputRejected`
with one sentence saying what is expected. Option questions accept an option's
number (or its value when the values are themselves numbers), its value, or its
label; multi questions a comma-separated list of those.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import ClassVar

from ..i18n import t
from ..model import NA, Instrument, Option, QuestionModel
from ..model.response import AnswerValue
from ..scoring.kinds import AnswerError, Kind, parse_number

_SPLIT = re.compile(r"[,;]")
_DECIMAL_COMMA = re.compile(r"^[+-]?[\d.]*\d,[\d.,]*$")


class InputRejected(ValueError):
    """A line that cannot be used as typed; the message says what is expected."""


def normalise(text: str) -> str:
    """Text for lenient comparison: no accents, case folded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def option_keys(options: Sequence[Option]) -> list[str]:
    """What a person types to pick each option: its position from 1, or its value when
    every value is a whole number (a 0-4 scale is typed as 0-4, not 1-5)."""
    if options and all(o.value.isdigit() for o in options):
        return [o.value for o in options]
    return [str(n) for n in range(1, len(options) + 1)]


def show_number(value: float) -> str:
    """A bound or answer as a person would write it (no trailing `.0`)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Reader:
    """How lines become answers for one question type."""

    types: ClassVar[tuple[str, ...]] = ()

    def __init__(self, question: QuestionModel, instrument: Instrument, kind: Kind) -> None:
        self.question = question
        self.kind = kind

    def expected(self) -> str:
        """What may be typed, as a phrase ("type a number from 0 to 100")."""
        raise NotImplementedError

    def read(self, text: str) -> AnswerValue:
        """The answer value for `text` (stripped, not empty, not n/a)."""
        raise NotImplementedError

    def expected_or_na(self) -> str:
        """`expected()`, plus n/a where the question allows it."""
        phrase = self.expected()
        return phrase + t("fill.or_na") if self.question.allow_na else phrase

    def reject(self, text: str) -> InputRejected:
        return InputRejected(
            t("fill.not_accepted", input=_clip(text), expected=self.expected_or_na())
        )


class OptionReader(Reader):
    types: ClassVar[tuple[str, ...]] = ("choice", "scale")

    def __init__(self, question: QuestionModel, instrument: Instrument, kind: Kind) -> None:
        super().__init__(question, instrument, kind)
        self.options: list[Option] = instrument.options_of(question)  # type: ignore[arg-type]
        self.keys = option_keys(self.options)
        self.labels = [{normalise(text) for text in _texts(o.label)} for o in self.options]

    def expected(self) -> str:
        values = ", ".join(o.value for o in self.options)
        if self.keys[0] != "1":
            return t("fill.expect_option_values", values=", ".join(self.keys))
        return t("fill.expect_option", count=len(self.options), values=values)

    def pick(self, text: str) -> Option | None:
        """The option `text` designates: key, exact value, value or label ignoring case."""
        for key, option in zip(self.keys, self.options, strict=True):
            if text == key:
                return option
        for option in self.options:
            if text == option.value:
                return option
        wanted = normalise(text)
        matches = [o for o in self.options if normalise(o.value) == wanted]
        matches = matches or [
            o for o, labels in zip(self.options, self.labels, strict=True) if wanted in labels
        ]
        return matches[0] if len(matches) == 1 else None

    def read(self, text: str) -> AnswerValue:
        option = self.pick(text)
        if option is None:
            raise self.reject(text)
        return option.value


class MultiReader(OptionReader):
    types = ("multi",)

    def expected(self) -> str:
        if self.keys[0] != "1":
            return t("fill.expect_multi_values", values=", ".join(self.keys))
        return t("fill.expect_multi", count=len(self.options))

    def read(self, text: str) -> AnswerValue:
        chosen: list[str] = []
        for part in (p.strip() for p in _SPLIT.split(text)):
            if not part:
                continue
            option = self.pick(part)
            if option is None:
                raise self.reject(part)
            chosen.append(option.value)
        if not chosen:
            raise self.reject(text)
        repeated = sorted({v for v in chosen if chosen.count(v) > 1})
        if repeated:
            raise InputRejected(t("fill.repeated", values=", ".join(repeated)))
        alone = [o for o in self.options if o.exclusive and o.value in chosen]
        if alone and len(chosen) > 1:
            raise InputRejected(t("fill.exclusive", value=alone[0].value))
        return chosen


class NumberReader(Reader):
    types = ("number",)

    def expected(self) -> str:
        q = self.question
        low, high = getattr(q, "min", None), getattr(q, "max", None)
        noun = t("fill.a_whole_number") if getattr(q, "integer", False) else t("fill.a_number")
        if low is not None and high is not None:
            span = t("fill.range_between", min=show_number(low), max=show_number(high))
        elif low is not None:
            span = t("fill.range_at_least", min=show_number(low))
        elif high is not None:
            span = t("fill.range_at_most", max=show_number(high))
        else:
            span = ""
        return t("fill.expect_number", number=noun, range=span)

    def read(self, text: str) -> AnswerValue:
        compact = text.replace(" ", "")
        if _DECIMAL_COMMA.match(compact):
            raise InputRejected(t("fill.decimal_comma", input=_clip(text)))
        try:
            value = self.kind.read(parse_number(compact))
        except AnswerError:
            raise self.reject(text) from None
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
        return float(value)


class TextReader(Reader):
    types = ("text",)

    def expected(self) -> str:
        limit = getattr(self.question, "max_length", None)
        if limit is None:
            return t("fill.expect_text")
        return t("fill.expect_text_limit", limit=limit)

    def read(self, text: str) -> AnswerValue:
        try:
            return str(self.kind.read(text))
        except AnswerError:
            raise InputRejected(
                t("fill.too_long", limit=getattr(self.question, "max_length", 0), length=len(text))
            ) from None


READERS: dict[str, type[Reader]] = {
    name: reader
    for reader in (OptionReader, MultiReader, NumberReader, TextReader)
    for name in reader.types
}


def reader_for(question: QuestionModel, instrument: Instrument, kind: Kind) -> Reader:
    """The reader of an answerable question (computed questions have none)."""
    return READERS[question.type](question, instrument, kind)


def expected_input(reader: Reader) -> str:
    """What may be typed for the question, n/a included where allowed."""
    return reader.expected_or_na()


def read_answer(reader: Reader, line: str) -> AnswerValue:
    """The value to store for a typed line that is neither empty nor a command."""
    text = line.strip()
    if text.casefold() == NA:
        if not reader.question.allow_na:
            raise InputRejected(t("fill.na_not_allowed", expected=reader.expected()))
        return NA
    return reader.read(text)


def _texts(text: object) -> list[str]:
    if isinstance(text, dict):
        return [str(v) for v in text.values()]
    return [str(text)] if text else []


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
