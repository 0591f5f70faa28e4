"""Formulas of computed questions: the allowed grammar, hand-computed values, refusals."""

from __future__ import annotations

import pytest

from capacity_eval.scoring.formula import FormulaError, parse_formula

KNOWN = frozenset({"A", "B", "REI-02", "POP", "pol.staff"})
VALUES = {"A": 6.0, "B": 4.0, "REI-02": 30.0, "POP": 1500.0, "pol.staff": 3.0}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("A + B * 2", 14.0),  # 6 + 8
        ("(A + B) * 2", 20.0),
        ("A - B - 1", 1.0),  # left to right: (6 - 4) - 1
        ("A / B", 1.5),
        ("-A + +B", -2.0),
        ("B-1", 3.0),  # not an id: B minus 1
        ("REI-02 / POP * 100", 2.0),  # an id with a dash: 30 / 1500 * 100
        ("pol.staff * 10", 30.0),  # an id with a dot
        ("min(A, B, 5)", 4.0),
        ("max(A, B)", 6.0),
        ("abs(B - A)", 2.0),
        ("max(0, min(100, A * 20))", 100.0),  # 120 clipped to 100
        ("2.5e1 + 0", 25.0),
    ],
)
def test_values(source: str, expected: float) -> None:
    assert parse_formula(source, KNOWN).value(VALUES) == pytest.approx(expected)


def test_names_are_the_ids_read_in_order_without_repeats() -> None:
    assert parse_formula("REI-02 / POP + REI-02", KNOWN).names == ("REI-02", "POP")


@pytest.mark.parametrize("source", ["A / (B - 4)", "A / 0", "1e300 * 1e300 * A"])
def test_division_by_zero_and_overflow_give_no_value(source: str) -> None:
    assert parse_formula(source, KNOWN).value(VALUES) is None


RULE = (
    "is not allowed in a formula; use numbers, number question ids, + - * /, parentheses, "
    "min(), max() and abs()"
)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("A ** 2", f"'A ** 2' {RULE}"),
        ("A % 2", f"'A % 2' {RULE}"),
        ("A // 2", f"'A // 2' {RULE}"),
        ("A < B", f"'A < B' {RULE}"),
        ("A[0]", f"'A[0]' {RULE}"),
        ("'text'", f"''text'' {RULE}"),
        ("A.real", "'A.real' in the formula is not a question id"),
        ("C + 1", "'C' in the formula is not a question id"),
        ('__import__("os")', "only min(), max() and abs() may be called in a formula"),
        ("pow(A, 2)", "only min(), max() and abs() may be called in a formula"),
        ("min(A, key=B)", "only min(), max() and abs() may be called in a formula"),
        ("max(*A)", "'*' arguments are not allowed in a formula"),
        ("min()", "min() has the wrong number of arguments"),
        ("abs(A, B)", "abs() has the wrong number of arguments"),
        ("A +", "the formula is not valid arithmetic"),
        ("lambda: A", "the formula is not valid arithmetic"),
        ("A if B else 1", "the formula is not valid arithmetic"),
        ("ƒq0 + A", "the character 'ƒ' is not allowed in a formula"),
        ("(" * 60 + "A" + ")" * 60, "the formula nests deeper than 50 levels"),
        ("A + " * 600 + "A", "the formula is longer than 2000 characters"),
    ],
)
def test_refused(source: str, message: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(source, KNOWN)
    assert str(caught.value) == message
