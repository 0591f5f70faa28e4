"""The state of one `fill` sitting: which question is current, the answers so far, and
where `:back`, `:jump` and the next answer lead.

Pure: no printing, prompting or file access. The terminal layer reads a line, calls
one method here, saves the response this session builds, and shows the next question.
Visibility (`show_if`) is recomputed from the answers after every change, so changing
an earlier answer hides or reveals later questions at once; answers of hidden
questions stay in the response but are ignored, as the format says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import t
from ..model import Answer, Instrument, Response
from ..model.response import AnswerValue
from ..scoring.conditions import ANSWERED, HIDDEN, MISSING, NA, State
from ..scoring.engine import apply_visibility, read_answers
from ..scoring.plan import Plan, QuestionPlan, plan_for
from .answers import InputRejected, Reader, expected_input, read_answer, reader_for


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the person is: question `position` of `total` visible ones, `answered` of them."""

    position: int
    total: int
    answered: int

    @property
    def percent(self) -> int:
        """Whole percent answered, rounded down (100 only when everything is answered)."""
        return 100 * self.answered // self.total if self.total else 100


class FillSession:
    """Answers being given to one instrument, and the navigation through its questions.

    `current` is the index (in instrument order) of the question being asked, or None
    once the end is reached. In review mode every visible question is visited in
    order; otherwise the session moves on to the next question still unanswered.
    """

    def __init__(self, instrument: Instrument, response: Response, *, review: bool = False) -> None:
        self.instrument = instrument
        self.plan: Plan = plan_for(instrument)
        self.review = review
        self.answers: dict[str, Answer] = dict(response.answers)
        self.status = response.status
        self.current: int | None = None
        self.changed = False
        self._base = response
        self._history: list[int] = []
        self._skipped: set[int] = set()
        self._state: State | None = None
        self._values: list[Any] = []
        self._readers: dict[int, Reader] = {}

    # --- what is known ------------------------------------------------------------------

    @property
    def state(self) -> State:
        """Visibility and typed answers, recomputed after each change."""
        if self._state is None:
            self._values, _ = read_answers(self.plan, self.response())
            self._state = apply_visibility(self.plan, self._values)
        return self._state

    @property
    def values(self) -> list[Any]:
        """Typed answers by question index (the input of the scoring engine)."""
        self.state  # noqa: B018 - computes the values too
        return self._values

    def question(self, index: int) -> QuestionPlan:
        return self.plan.questions[index]

    def reader(self, index: int) -> Reader:
        if index not in self._readers:
            q = self.plan.questions[index]
            self._readers[index] = reader_for(q.model, self.instrument, q.kind)
        return self._readers[index]

    def askable(self, index: int) -> bool:
        """True for a visible question a person answers (computed ones are worked out)."""
        return self.state.status[index] != HIDDEN and self.plan.questions[index].formula is None

    def visible(self) -> list[int]:
        """Indices of the questions to ask, in instrument order."""
        return [i for i in range(len(self.plan.questions)) if self.askable(i)]

    def is_answered(self, index: int) -> bool:
        """True when the question has an answer that counts (a value or n/a)."""
        return self.state.status[index] in (ANSWERED, NA)

    def answer_of(self, index: int) -> Answer | None:
        return self.answers.get(self.plan.questions[index].id)

    def progress(self) -> Progress:
        shown = self.visible()
        position = shown.index(self.current) + 1 if self.current in shown else len(shown)
        return Progress(position, len(shown), sum(1 for i in shown if self.is_answered(i)))

    def missing_required(self) -> list[str]:
        """Ids of visible required questions without an answer."""
        return [
            q.id
            for q in self.plan.questions
            if q.model.required and self.askable(q.index) and self.state.status[q.index] == MISSING
        ]

    def expected(self, index: int) -> str:
        """What may be typed for a question (a phrase)."""
        return expected_input(self.reader(index))

    # --- navigation ---------------------------------------------------------------------

    def start(self) -> int | None:
        """Place the session on its first question: the first visible one when reviewing,
        else the first one without an answer; None when there is nothing left to ask."""
        shown = self.visible()
        if not self.review:
            shown = [i for i in shown if not self.is_answered(i)]
        self.current = shown[0] if shown else None
        return self.current

    def advance(self) -> int | None:
        """Move past the current question; None when the end is reached."""
        after = -1 if self.current is None else self.current
        if self.current is not None:
            self._history.append(self.current)
        for i in range(after + 1, len(self.plan.questions)):
            if self.askable(i) and (self.review or not (self.is_answered(i) or i in self._skipped)):
                self.current = i
                return i
        self.current = None
        return None

    def back(self) -> bool:
        """Return to the question shown before this one; False when there is none."""
        while self._history:
            index = self._history.pop()
            if index != self.current and self.askable(index):
                self._land(index)
                return True
        before = len(self.plan.questions) if self.current is None else self.current
        earlier = [i for i in self.visible() if i < before]
        if not earlier:
            return False
        self._land(earlier[-1])
        return True

    def jump(self, target: str) -> int:
        """Go to question `target` (an id, any letter case); InputRejected if it is not asked."""
        index = self.find(target)
        if self.plan.questions[index].formula is not None:
            raise InputRejected(t("fill.jump_computed", id=self.plan.questions[index].id))
        if not self.askable(index):
            raise InputRejected(t("fill.jump_hidden", id=self.plan.questions[index].id))
        if self.current is not None and self.current != index:
            self._history.append(self.current)
        self._land(index)
        return index

    def find(self, target: str) -> int:
        """The index of question `target`; InputRejected when there is no such question."""
        wanted = target.strip()
        if not wanted:
            raise InputRejected(t("fill.jump_needs_id"))
        index = self.plan.index.get(wanted)
        if index is None:
            folded = {qid.casefold(): i for qid, i in self.plan.index.items()}
            index = folded.get(wanted.casefold())
        if index is None:
            raise InputRejected(t("fill.unknown_id", id=wanted))
        return index

    def jump_to_end(self) -> None:
        """Go to the end (the summary); `back` returns here."""
        if self.current is not None:
            self._history.append(self.current)
        self.current = None

    def skip(self) -> int | None:
        """Leave the current question unanswered for now and move on. Moving forward does
        not offer it again, unless the person returns to it with `back` or `jump`."""
        if self.current is not None:
            self._skipped.add(self.current)
        return self.advance()

    # --- changes ------------------------------------------------------------------------

    def read(self, line: str) -> AnswerValue:
        """The value a typed line gives the current question (InputRejected if none)."""
        if self.current is None:
            raise InputRejected(t("fill.no_question"))
        return read_answer(self.reader(self.current), line)

    def set_answer(self, value: AnswerValue) -> None:
        """Record `value` (from `read`) as the current question's answer."""
        index = self._require_current()
        self._update(index, value=value)

    def clear(self) -> None:
        """Remove the current question's answer (its note and evidence stay)."""
        self._update(self._require_current(), value=None)

    def set_note(self, note: str | None) -> None:
        self._update(self._require_current(), note=note or None)

    def add_evidence(self, item: str) -> None:
        index = self._require_current()
        existing = self.answer_of(index)
        items = list(existing.evidence) if existing else []
        if item not in items:
            items.append(item)
        self._update(index, evidence=items)

    def clear_evidence(self) -> None:
        self._update(self._require_current(), evidence=[])

    def submit(self) -> None:
        """Mark the response submitted; InputRejected while required answers are missing."""
        missing = self.missing_required()
        if missing:
            raise InputRejected(
                t("fill.cannot_submit", count=len(missing), ids=", ".join(missing[:8]))
            )
        self.status = "submitted"
        self.changed = True

    def response(self, updated: str | None = None) -> Response:
        """The response as it now stands, answers in instrument order."""
        order = self.plan.index
        answers = dict(
            sorted(self.answers.items(), key=lambda item: order.get(item[0], len(order)))
        )
        changes: dict[str, Any] = {"answers": answers, "status": self.status}
        if updated is not None:
            changes["updated"] = updated
        return self._base.model_copy(update=changes)

    def _land(self, index: int) -> None:
        self.current = index
        self._skipped.discard(index)

    def _require_current(self) -> int:
        if self.current is None:
            raise InputRejected(t("fill.no_question"))
        return self.current

    def _update(self, index: int, **changes: Any) -> None:
        qid = self.plan.questions[index].id
        old = self.answers.get(qid) or Answer()
        new = old.model_copy(update=changes)
        if new.value is None and new.note is None and not new.evidence:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = new
        self.status = "draft"
        self.changed = True
        self._state = None
