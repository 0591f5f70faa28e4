"""One row of a domain's question table: the answer as the reader should see it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import t
from ..model import (
    ChoiceQuestion,
    ComputedQuestion,
    MultiQuestion,
    NumberQuestion,
    QuestionModel,
    ScaleQuestion,
)
from ..scoring.rounding import show_score
from . import text as tx
from .lookup import Lookup, as_number, as_text
from .views import QuestionRow

QUESTION_TEXT = 800
ANSWER = 1200
NOTE = 1200
EVIDENCE_ITEM = 200
EVIDENCE_IN_TABLE = 5
"""Evidence items a question's row lists; the evidence register lists up to `EVIDENCE_ITEMS`."""
EVIDENCE_ITEMS = 12
STATUSES = ("answered", "na", "unanswered")


def question_row(look: Lookup, question: QuestionModel) -> QuestionRow | None:
    """The row of `question`, or None when it was hidden by its `show_if`."""
    node = look.node(question.id)
    status = node.get("status")
    if status == "hidden":
        return None
    if status not in STATUSES:
        status = "unanswered"
    answer = tx.Fitted("")
    if status == "answered":
        answer = tx.fit(answer_text(look, question, node.get("answer")), ANSWER)
    elif status == "na":
        answer = tx.Fitted(t("report.answer.na", look.lang))
    note = tx.fit(as_text(node.get("note")), NOTE)
    items, more = evidence_items(node, EVIDENCE_IN_TABLE)
    return QuestionRow(
        id=tx.identifier(question.id),
        text=tx.fit(look.text(question.text), QUESTION_TEXT).text,
        type=question.type,
        status=status,
        answer=answer.text,
        answer_shortened=answer.shortened,
        score=show_score(as_number(node.get("score"))),
        weight=tx.number(question.weight),
        note=note.text,
        note_shortened=note.shortened,
        evidence=items,
        evidence_more=more,
    )


def evidence_items(
    node: Mapping[str, Any], limit: int = EVIDENCE_ITEMS
) -> tuple[tuple[str, ...], int]:
    """The first `limit` evidence items of a question node, fitted, and how many were left
    out."""
    raw = node.get("evidence")
    values = [as_text(v) for v in raw if as_text(v).strip()] if isinstance(raw, list) else []
    kept = tuple(tx.fit(v, EVIDENCE_ITEM).text for v in values[:limit])
    return kept, max(0, len(values) - limit)


def answer_text(look: Lookup, question: QuestionModel, value: Any) -> str:
    """An answer in words: option labels, numbers with their unit, or the text given."""
    if isinstance(question, ChoiceQuestion | ScaleQuestion):
        return _label(look, question, value)
    if isinstance(question, MultiQuestion):
        values = value if isinstance(value, list) else [value]
        return "; ".join(_label(look, question, v) for v in values)
    if isinstance(question, NumberQuestion | ComputedQuestion):
        number = as_number(value)
        shown = tx.number(number) if number is not None else as_text(value)
        unit = look.text(question.unit)
        return f"{shown} {unit}" if unit else shown
    return as_text(value)


def _label(
    look: Lookup, question: ChoiceQuestion | MultiQuestion | ScaleQuestion, value: Any
) -> str:
    wanted = as_text(value)
    for option in look.instrument.options_of(question):
        if option.value == wanted:
            return look.text(option.label)
    return wanted
