"""Reading typed lines as answers: every question type, and what is said when a line
does not fit (one sentence saying what is expected)."""

from __future__ import annotations

from typing import Any

import pytest

from capacity_eval.i18n import set_language
from capacity_eval.scoring.plan import plan_for
from capacity_eval.session.answers import (
    InputRejected,
    expected_input,
    normalise,
    option_keys,
    read_answer,
    reader_for,
)

from .support import survey

CHOICE = "type a number from 1 to 3, or an option value (yes, partial, no)"
MULTI = "type one or more numbers from 1 to 4, separated by commas (e.g. 1,3)"


def read(qid: str, line: str) -> Any:
    plan = plan_for(survey())
    q = plan.questions[plan.index[qid]]
    return read_answer(reader_for(q.model, survey(), q.kind), line)


def rejected(qid: str, line: str) -> str:
    with pytest.raises(InputRejected) as caught:
        read(qid, line)
    return str(caught.value)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("1", "yes"),
        ("2", "partial"),
        ("3", "no"),
        ("no", "no"),
        ("YES", "yes"),
        ("Partially", "partial"),
        ("  partially ", "partial"),
        ("Sí", "yes"),
        ("si", "yes"),
    ],
)
def test_choice_by_number_value_or_label(line: str, value: str) -> None:
    assert read("LAW-1", line) == value


@pytest.mark.parametrize("line", ["4", "0", "maybe", "1,2"])
def test_choice_rejects_other_text(line: str) -> None:
    assert rejected("LAW-1", line) == f"'{line}' is not accepted: {CHOICE}."


def test_na_only_where_allowed() -> None:
    assert rejected("LAW-1", "n/a") == f"n/a is not allowed for this question: {CHOICE}."
    assert read("TRAINED", "n/a") == "n/a"
    assert read("TRAINED", "N/A") == "n/a"


@pytest.mark.parametrize(
    ("line", "value"), [("0", "0"), ("3", "3"), ("Full", "3"), ("casi toda", "2")]
)
def test_scale_with_numeric_values_is_typed_by_value(line: str, value: str) -> None:
    assert read("LAW-2", line) == value


def test_scale_rejection_lists_the_values() -> None:
    assert rejected("LAW-2", "4") == "'4' is not accepted: type one of 0, 1, 2, 3."


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("1,3", ["congress", "ombudsman"]),
        ("courts; congress", ["courts", "congress"]),
        ("4", ["none"]),
        ("2,", ["courts"]),
        ("Tribunales, defensoria", ["courts", "ombudsman"]),
    ],
)
def test_multi_takes_a_comma_separated_list(line: str, value: list[str]) -> None:
    assert read("LAW-3", line) == value


def test_multi_rejections() -> None:
    assert rejected("LAW-3", "1,x") == f"'x' is not accepted: {MULTI}."
    assert rejected("LAW-3", ",") == f"',' is not accepted: {MULTI}."
    assert rejected("LAW-3", "1,congress") == (
        "congress chosen more than once: list each option only once."
    )
    assert rejected("LAW-3", "1,4") == (
        "'none' can only be chosen on its own: choose it alone or leave it out."
    )


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("250", 250),
        ("250.0", 250),
        ("1e3", 1000),
        ("1 000", 1000),
        ("+7", 7),
        ("0", 0),
    ],
)
def test_whole_numbers(line: str, value: int) -> None:
    result = read("STAFF", line)
    assert result == value and isinstance(result, int)


def test_decimal_numbers_stay_decimal() -> None:
    assert read("TRAINED", "55.5") == 55.5


@pytest.mark.parametrize("line", ["12.5", "-1", "100001", "many", "nan", "inf", "0x10"])
def test_numbers_are_checked_against_type_and_bounds(line: str) -> None:
    assert rejected("STAFF", line) == (
        f"'{line}' is not accepted: type a whole number from 0 to 100000."
    )


@pytest.mark.parametrize("line", ["12,5", "1.000,5", "1,000"])
def test_decimal_comma_is_explained(line: str) -> None:
    assert rejected("TRAINED", line) == (
        f"'{line}' is not accepted: write decimals with a dot and no thousands separator "
        "(e.g. 1234.5)."
    )


def test_text_answers_and_their_limit() -> None:
    assert read("COMMENT", " Ley 1801 de 2016 ") == "Ley 1801 de 2016"
    assert rejected("COMMENT", "x" * 61) == (
        "The answer has 61 characters: shorten it to at most 60."
    )


def test_long_input_is_clipped_in_the_message() -> None:
    assert rejected("STAFF", "a" * 50) == (
        f"'{'a' * 39}…' is not accepted: type a whole number from 0 to 100000."
    )


def test_expected_input_mentions_na_where_allowed() -> None:
    plan = plan_for(survey())
    q = plan.questions[plan.index["TRAINED"]]
    assert expected_input(reader_for(q.model, survey(), q.kind)) == (
        "type a number from 0 to 100, or n/a if it does not apply"
    )


def test_messages_follow_the_language() -> None:
    set_language("es")
    assert rejected("LAW-1", "4") == (
        "«4» no es válido: escriba un número del 1 al 3 o el valor de una opción "
        "(yes, partial, no)."
    )
    assert rejected("STAFF", "-1") == (
        "«-1» no es válido: escriba un número entero entre 0 y 100000."
    )


def test_option_keys_are_positions_unless_values_are_numbers() -> None:
    inst = survey()
    law1 = inst.domains[0].sections[0].questions[0]
    law2 = inst.domains[0].sections[0].questions[1]
    assert option_keys(inst.options_of(law1)) == ["1", "2", "3"]  # type: ignore[arg-type]
    assert option_keys(inst.options_of(law2)) == ["0", "1", "2", "3"]  # type: ignore[arg-type]


def test_normalise_ignores_accents_case_and_spacing() -> None:
    assert normalise("  Defensoría   del Pueblo ") == "defensoria del pueblo"
