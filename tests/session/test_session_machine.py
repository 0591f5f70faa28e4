"""The fill session: where the next answer leads, live show_if, back and jump, notes,
evidence, progress and submission."""

from __future__ import annotations

import pytest

from capacity_eval.scoring.conditions import ANSWERED, HIDDEN
from capacity_eval.session import InputRejected, Progress

from .support import current_id, session


def test_new_response_starts_at_the_first_question() -> None:
    filled = session()
    assert current_id(filled) == "LAW-1"
    assert filled.progress() == Progress(1, 5, 0)  # LAW-2 hidden, TRAINED-N computed


def test_answers_move_on_and_show_if_applies_at_once() -> None:
    filled = session()
    filled.set_answer("no")
    assert filled.advance() is not None and current_id(filled) == "LAW-3"  # LAW-2 hidden
    assert filled.back() and current_id(filled) == "LAW-1"
    filled.set_answer("yes")
    filled.advance()
    assert current_id(filled) == "LAW-2"  # revealed by the new answer
    assert filled.progress() == Progress(2, 6, 1)


def test_hidden_answers_stay_in_the_response_but_are_ignored() -> None:
    filled = session({"LAW-1": "yes", "LAW-2": "3"})
    filled.jump("LAW-1")
    filled.set_answer("no")
    law2 = filled.plan.index["LAW-2"]
    assert filled.state.status[law2] == HIDDEN
    assert filled.response().answers["LAW-2"].value == "3"
    assert "LAW-2" not in [filled.question(i).id for i in filled.visible()]
    filled.set_answer("partial")
    assert filled.state.status[law2] == ANSWERED


def test_resume_starts_at_the_first_unanswered_visible_question() -> None:
    filled = session({"LAW-1": "yes", "LAW-2": "1"})
    assert current_id(filled) == "LAW-3"
    assert filled.progress() == Progress(3, 6, 2)
    assert filled.progress().percent == 33


def test_nothing_left_to_ask_starts_at_the_end() -> None:
    filled = session(
        {"LAW-1": "no", "LAW-3": ["none"], "STAFF": 3, "TRAINED": "n/a", "COMMENT": "ok"}
    )
    assert filled.current is None
    assert filled.progress() == Progress(5, 5, 5)
    assert filled.progress().percent == 100


def test_skipped_and_answered_questions_are_passed_over() -> None:
    filled = session({"STAFF": 10})
    filled.skip()  # LAW-1, required, left for later
    assert current_id(filled) == "LAW-3"
    filled.skip()
    assert current_id(filled) == "TRAINED"  # STAFF already answered
    filled.set_answer(50)
    filled.advance()
    assert current_id(filled) == "COMMENT"
    filled.skip()
    assert filled.current is None
    assert filled.missing_required() == ["LAW-1"]


def test_a_skipped_question_comes_back_after_going_back_to_it() -> None:
    filled = session({"LAW-1": "yes"})
    assert current_id(filled) == "LAW-2"
    filled.skip()
    assert filled.back() and current_id(filled) == "LAW-2"
    assert filled.back() and current_id(filled) == "LAW-1"
    filled.advance()  # Enter on the answered LAW-1
    assert current_id(filled) == "LAW-2"


def test_back_follows_the_path_taken() -> None:
    filled = session()
    filled.jump("comment")
    assert current_id(filled) == "COMMENT"
    assert filled.back() and current_id(filled) == "LAW-1"
    assert not filled.back()  # nothing before the first question


def test_back_without_history_goes_to_the_previous_visible_question() -> None:
    filled = session({"LAW-1": "no", "LAW-3": ["courts"]})
    assert current_id(filled) == "STAFF"
    assert filled.back() and current_id(filled) == "LAW-3"
    assert filled.back() and current_id(filled) == "LAW-1"  # LAW-2 is hidden


def test_back_from_the_end_returns_to_the_last_question() -> None:
    filled = session()
    filled.jump("COMMENT")
    filled.jump_to_end()
    assert filled.current is None
    assert filled.back() and current_id(filled) == "COMMENT"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("NOPE", "There is no question 'NOPE': check the id (:review lists them)."),
        ("", "Give the id of a question after :jump (e.g. :jump LEG-03)."),
        (
            "LAW-2",
            "Question LAW-2 is hidden by an earlier answer (its show_if condition): "
            "change that answer to reach it.",
        ),
        ("TRAINED-N", "Question TRAINED-N is computed from other answers and is never asked."),
    ],
)
def test_jump_refusals(target: str, message: str) -> None:
    filled = session()
    with pytest.raises(InputRejected) as caught:
        filled.jump(target)
    assert str(caught.value) == message
    assert current_id(filled) == "LAW-1"


def test_submit_only_when_required_questions_are_answered() -> None:
    filled = session({"LAW-1": "yes"})
    with pytest.raises(InputRejected) as caught:
        filled.submit()
    assert str(caught.value) == (
        "Cannot submit yet: 1 required question(s) without an answer (STAFF)."
    )
    filled.jump("STAFF")
    filled.set_answer(120)
    filled.submit()
    assert filled.response().status == "submitted"
    filled.jump("COMMENT")
    filled.set_answer("changed my mind")
    assert filled.response().status == "draft"


def test_a_submitted_response_becomes_draft_on_any_change() -> None:
    filled = session({"LAW-1": "yes", "STAFF": 5}, status="submitted", review=True)
    assert not filled.changed
    filled.set_note("checked again")
    assert filled.status == "draft" and filled.changed


def test_notes_and_evidence() -> None:
    filled = session()
    filled.set_note("ask the legal office")
    filled.add_evidence("Ley 5/2020")
    filled.add_evidence("Ley 5/2020")
    assert filled.response().to_document()["answers"] == {
        "LAW-1": {"note": "ask the legal office", "evidence": ["Ley 5/2020"]}
    }
    assert not filled.is_answered(filled.plan.index["LAW-1"])
    filled.set_answer("yes")
    filled.clear()
    filled.clear_evidence()
    assert filled.response().to_document()["answers"] == {"LAW-1": {"note": "ask the legal office"}}
    filled.set_note(None)
    assert filled.response().answers == {}


def test_answers_are_written_in_instrument_order() -> None:
    filled = session()
    filled.jump("COMMENT")
    filled.set_answer("later")
    filled.jump("LAW-1")
    filled.set_answer("partial")
    assert list(filled.response().answers) == ["LAW-1", "COMMENT"]


def test_review_visits_every_visible_question_in_order() -> None:
    filled = session({"LAW-1": "yes", "LAW-2": "1", "STAFF": 5}, review=True)
    seen = [current_id(filled)]
    while filled.advance() is not None:
        seen.append(current_id(filled))
    assert seen == ["LAW-1", "LAW-2", "LAW-3", "STAFF", "TRAINED", "COMMENT"]


def test_reading_without_a_current_question() -> None:
    filled = session()
    filled.jump_to_end()
    with pytest.raises(InputRejected) as caught:
        filled.read("yes")
    assert str(caught.value) == "There is no current question: choose from the menu."


def test_response_keeps_the_header_and_sets_updated() -> None:
    filled = session({"LAW-1": "no"})
    saved = filled.response("2026-03-01T10:00:00Z")
    assert saved.updated == "2026-03-01T10:00:00Z"
    assert (saved.entity.id, saved.period, saved.language) == ("xa-test", "2026", "en")
