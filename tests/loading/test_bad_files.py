"""One small bad file per error class (`tests/fixtures/bad`): exact message, line and column.

Responses are checked against `tests/fixtures/scoring/types.yaml`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from capacity_eval.errors import InvalidInput, Problem
from capacity_eval.loading.files import (
    check_instrument,
    check_response,
    load_instrument,
    load_response,
)
from capacity_eval.model import Instrument

FIXTURES = Path(__file__).parents[1] / "fixtures"
BAD = FIXTURES / "bad"
TYPES = FIXTURES / "scoring" / "types.yaml"

Expected = list[tuple[int, int, str, str]]  # line, column, severity, message

ANCHOR_HINT = "write the content out (use option_sets for reusable answer lists)"

INSTRUMENTS: dict[str, Expected] = {
    "syntax.yaml": [(6, 7, "error", "YAML syntax error: did not find expected ',' or ']'")],
    "duplicate-key.yaml": [
        (20, 13, "error", "duplicate key 'weight' (first at line 18); keep only one")
    ],
    "anchor.yaml": [(6, 9, "error", f"anchor &levels is not allowed; {ANCHOR_HINT}")],
    "alias.yaml": [
        (18, 22, "error", f"anchor &yes-no is not allowed; {ANCHOR_HINT}"),
        (24, 22, "error", f"alias *yes-no is not allowed; {ANCHOR_HINT}"),
    ],
    "python-tag.yaml": [
        (
            4,
            8,
            "error",
            "tag !!python/object/apply:os.system is not allowed; remove it (values "
            "are read by what the format expects at that place)",
        )
    ],
    "unknown-key.yaml": [
        (18, 13, "error", "unknown key `wieght`; check its spelling against the format")
    ],
    "missing-key.yaml": [(15, 13, "error", "missing key `text`")],
    "wrong-type.yaml": [(18, 13, "error", "`weight` must be a finite number, not 'heavy'")],
    "bad-schema.yaml": [
        (
            1,
            1,
            "error",
            "unknown schema 'capacity-eval/instrument@2'; expected `capacity-eval/instrument@1`",
        )
    ],
    "bad-value.yaml": [
        (
            11,
            5,
            "error",
            "`aggregation` is 'average', expected 'weighted_mean', 'min' or 'geometric_mean'",
        )
    ],
    "duplicate-id.yaml": [
        (
            16,
            14,
            "error",
            "duplicate id 'Q1' (first at line 15); ids must be unique across "
            "domains, sections, questions and rules",
        )
    ],
    "unknown-option-set.yaml": [
        (19, 46, "error", "unknown option set 'yes-no'; define it under `option_sets`")
    ],
    "show-if-unknown.yaml": [(20, 13, "error", "unknown question 'Q9'")],
    "show-if-later.yaml": [
        (19, 13, "error", "show_if refers to 'Q2', which does not come earlier in the instrument")
    ],
    "operator-includes-on-choice.yaml": [
        (
            20,
            13,
            "error",
            "`includes` does not fit 'Q1', a choice question; use is, is_not, in, not_in",
        )
    ],
    "operator-gt-on-choice.yaml": [
        (18, 5, "error", "`gt` does not fit 'Q1', a choice question; use is, is_not, in, not_in")
    ],
    "condition-value.yaml": [
        (23, 5, "error", "'maybe' is not an option of 'Q1' (options: no, yes)")
    ],
    "formula-grammar.yaml": [
        (
            19,
            13,
            "error",
            "invalid formula: 'POP ** 2' is not allowed in a formula; use numbers, "
            "number question ids, + - * /, parentheses, min(), max() and abs()",
        )
    ],
    "formula-not-number.yaml": [
        (
            20,
            13,
            "error",
            "the formula uses 'LAW', a choice question; formulas may only use number questions",
        )
    ],
    "bands-order.yaml": [(20, 18, "error", "bands must be in strictly ascending order of `below`")],
    "levels-order.yaml": [(9, 13, "error", "levels must be listed with strictly ascending `min`")],
    "levels-start.yaml": [(7, 13, "error", "the first level must have `min: 0`")],
    "text-language.yaml": [
        (17, 13, "error", "text is missing the language(s) es declared in `languages`")
    ],
    "cap-unknown-node.yaml": [
        (
            19,
            11,
            "error",
            "cap on unknown node 'policing'; use a domain or section id, or `overall`",
        )
    ],
    "option-na.yaml": [
        (
            20,
            18,
            "error",
            "'n/a' cannot be an option value; use `allow_na: true` on the question instead",
        )
    ],
    "zero-weights.yaml": [(14, 9, "warning", "every weight under 's' is 0, so it is never scored")],
    "never-shown.yaml": [
        (25, 13, "warning", "question 'Q2' can never be shown: no answers satisfy its show_if")
    ],
}

RESPONSES: dict[str, Expected] = {
    "response-unknown-question.yaml": [
        (9, 3, "error", "unknown question 'LEG-02'; check the id against the instrument")
    ],
    "response-not-option.yaml": [
        (9, 3, "error", "CODE: '10' is not one of the options (010, 12:30, NO)"),
        (10, 3, "error", "MU: 'd' is not one of the options (a, b, c, none)"),
    ],
    "response-exclusive.yaml": [(9, 3, "error", "MU: 'none' may only be chosen alone")],
    "response-out-of-bounds.yaml": [
        (9, 3, "error", "BUDGET: 120 is above the maximum 100"),
        (10, 11, "error", "STAFF: -3 is below the minimum 0"),
        (11, 3, "error", "POP: 'many' is not a number"),
    ],
    "response-not-integer.yaml": [(9, 3, "error", "STAFF: 12.5 is not a whole number")],
    "response-na-not-allowed.yaml": [
        (
            9,
            3,
            "error",
            "TX: n/a is not allowed for this question; give an answer or leave it empty",
        )
    ],
    "response-computed-answer.yaml": [
        (9, 3, "error", "computed questions are never answered; remove this answer")
    ],
    "response-instrument-mismatch.yaml": [
        (2, 1, "error", "the response is for instrument types 2.0.0, not types 1.0.0")
    ],
    "response-missing-required-draft.yaml": [
        (7, 1, "warning", "1 required question(s) not answered yet: LEG-01")
    ],
    "response-missing-required-submitted.yaml": [
        (
            6,
            1,
            "error",
            "the response is submitted but 1 required question(s) have no answer: LEG-01",
        )
    ],
}


def located(problems: list[Problem]) -> Expected:
    return [(p.line or 0, p.col or 0, p.severity, p.message) for p in problems]


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted([*INSTRUMENTS, *RESPONSES])


@pytest.mark.parametrize(("name", "expected"), INSTRUMENTS.items(), ids=list(INSTRUMENTS))
def test_bad_instrument(name: str, expected: Expected) -> None:
    path = BAD / name
    checked = check_instrument(path)
    assert located(checked.problems) == expected
    line, col, severity, message = expected[0]
    prefix = "warning: " if severity == "warning" else ""
    assert str(checked.problems[0]) == f"{path}:{line}:{col}: {prefix}{message}"
    if any(severity == "error" for _, _, severity, _ in expected):
        assert checked.value is None
        with pytest.raises(InvalidInput) as caught:
            load_instrument(path)
        assert str(caught.value) == str(checked.errors[0])
    else:
        assert checked.value is not None  # warnings alone leave the instrument usable


@pytest.fixture(scope="module")
def types_instrument() -> Instrument:
    return load_instrument(TYPES)


@pytest.mark.parametrize(("name", "expected"), RESPONSES.items(), ids=list(RESPONSES))
def test_bad_response(name: str, expected: Expected, types_instrument: Instrument) -> None:
    path = BAD / name
    checked = check_response(path, types_instrument)
    assert located(checked.problems) == expected
    if any(severity == "error" for _, _, severity, _ in expected):
        assert checked.value is None
        with pytest.raises(InvalidInput):
            load_response(path, types_instrument)
    else:
        assert checked.value is not None


def test_all_problems_of_a_file_are_reported(types_instrument: Instrument) -> None:
    # every error of the file, not only the first, in line order
    checked = check_response(BAD / "response-out-of-bounds.yaml", types_instrument)
    assert [p.line for p in checked.errors] == [9, 10, 11]


def test_response_without_instrument_is_only_checked_against_the_schema() -> None:
    checked = check_response(BAD / "response-unknown-question.yaml", None)
    assert checked.problems == []
    assert checked.value is not None
