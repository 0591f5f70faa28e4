"""Formulas and conditions written to run code, read files or exhaust the machine: refused
by `validate` with the formula's line, and never evaluated (no command runs them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .support import MINI, MINI_RESPONSE, run_bounded

FORMULA_LINE = "formula: CNT / POP * 100000"
NOT_ALLOWED = (
    " is not allowed in a formula; use numbers, number question ids, + - * /, parentheses, "
    "min(), max() and abs()"
)
CALL = "only min(), max() and abs() may be called in a formula"
SYNTAX = "the formula is not valid arithmetic"
TOO_DEEP = "the formula nests deeper than 50 levels"

CASES = [
    ("__import__('os').system('touch PWNED')", CALL),
    ("open('/etc/passwd')", CALL),
    ("eval('1')", CALL),
    ("globals()", CALL),
    ("getattr(POP, '__class__')", CALL),
    ("max(POP, key=abs)", CALL),
    ("POP.__class__", "'POP.__class__' in the formula is not a question id"),
    ("min(POP, CNT).real", "'min(POP, CNT).real'" + NOT_ALLOWED),
    ("__builtins__", "'__builtins__' in the formula is not a question id"),
    ("(lambda: 1)()", SYNTAX),
    ("[x for x in POP]", SYNTAX),
    ("min(POP for POP in CNT)", SYNTAX),
    ("POP if CNT else 1", SYNTAX),
    ("POP and CNT", SYNTAX),
    ("f'{POP}'", SYNTAX),
    ("POP; CNT", SYNTAX),
    ("POP ** 2", "'POP ** 2'" + NOT_ALLOWED),
    ("9 * 10**400", "'10 ** 400'" + NOT_ALLOWED),
    ("POP % 3", "'POP % 3'" + NOT_ALLOWED),
    ("POP < CNT", "'POP < CNT'" + NOT_ALLOWED),
    ("POP[0]", "'POP[0]'" + NOT_ALLOWED),
    ("(POP := 1)", "'(POP := 1)'" + NOT_ALLOWED),
    ("'POP'", "''POP''" + NOT_ALLOWED),
    ("1j", "'1j'" + NOT_ALLOWED),
    ("min(*POP)", "'*' arguments are not allowed in a formula"),
    ("abs(POP, CNT)", "abs() has the wrong number of arguments"),
    ("min()", "min() has the wrong number of arguments"),
    ("True", "'True' in the formula is not a question id"),
    ("1" * 31, "a number in the formula is too long"),
    ("(" * 51 + "POP" + ")" * 51, TOO_DEEP),
    ("-" * 60 + "POP", TOO_DEEP),
    ("abs(" * 60 + "POP" + ")" * 60, TOO_DEEP),
    ("[" * 300 + "]" * 300, SYNTAX),
    ("POP, " + "POP+" * 450 + "1", "'tuple'" + NOT_ALLOWED),  # found by bench/fuzz.py
    ("ＰＯＰ", "the character 'Ｐ' is not allowed in a formula"),
    ("POP + ٣", "the character '٣' is not allowed in a formula"),
    ("L1 + 1", None),
]


@pytest.mark.parametrize(("formula", "message"), CASES)
def test_hostile_formulas_are_refused_by_validate(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formula: str, message: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "i.yaml"
    path.write_text(MINI.read_text().replace(FORMULA_LINE, "formula: " + json.dumps(formula)))
    result = cli("validate", path)
    assert result.code == 1
    if message is None:
        message = "the formula uses 'L1', a choice question; formulas may only use number questions"
        assert result.err_lines == [f"{path}:64:13: {message}"]
    else:
        assert result.err_lines == [f"{path}:64:13: invalid formula: {message}"]
    assert not (tmp_path / "PWNED").exists()


def test_a_formula_is_never_evaluated_by_any_command(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "i.yaml"
    payload = "__import__('pathlib').Path('PWNED').touch()"
    path.write_text(MINI.read_text().replace(FORMULA_LINE, "formula: " + json.dumps(payload)))
    for args in (
        ("validate", path),
        ("score", MINI_RESPONSE, "-i", path),
        ("explain", MINI_RESPONSE, "-i", path),
        ("score", MINI_RESPONSE, "-i", path, "--json"),
    ):
        result = cli(*args)
        assert result.code == 1, args
        assert result.err_lines[0] == f"{path}:64:13: invalid formula: {CALL}"
    assert not (tmp_path / "PWNED").exists()


def test_a_long_flat_sum_is_not_too_deep(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Sixty terms is one level of operations, not sixty; only nesting counts."""
    path = tmp_path / "i.yaml"
    formula = " + ".join(["min(CNT, POP) / 60"] * 60)
    path.write_text(MINI.read_text().replace(FORMULA_LINE, f"formula: {formula}"))
    result = cli("score", MINI_RESPONSE, "-i", path, "--json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out)["nodes"]["RATE"]["answer"] == pytest.approx(40.0)


def test_formula_length_limit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "i.yaml"
    path.write_text(MINI.read_text().replace(FORMULA_LINE, "formula: " + "POP + " * 400 + "1"))
    result = cli("validate", path)
    assert result.code == 1
    assert result.err_lines == [
        f"{path}:64:13: `formula` is longer than 2000 characters; shorten it"
    ]


CONDITION_LINE = 'show_if: {answer: L1, in: ["yes", partial]}'


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("{answer: \"__import__('os')\", is: x}", "32:13: unknown question '__import__('os')'"),
        (
            "{eval: 'open(1)'}",
            "32:13: a condition needs one of the keys answer, answered, na, score, level, all, "
            "any, not",
        ),
        ("{answer: L1, is: {x: 1}}", "32:35: `is` must be text"),
        (
            "{answer: L1, is: 'yes', gt: 3}",
            "32:23: a `answer` condition needs exactly one operator of: is, is_not, in, not_in, "
            "gt, gte, lt, lte, includes",
        ),
        ("{all: []}", "32:23: `all` must not be empty"),
        (
            "{score: overall, lt: 50}",
            "32:13: show_if may only use answer, answered and na conditions, not scores or levels",
        ),
        (
            "{answer: L2, is: '1'}",
            "32:13: show_if refers to 'L2', which does not come earlier in the instrument",
        ),
    ],
)
def test_hostile_conditions_are_refused(cli, tmp_path: Path, condition: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "i.yaml"
    path.write_text(MINI.read_text().replace(CONDITION_LINE, f"show_if: {condition}"))
    result = cli("validate", path)
    assert result.code == 1
    assert result.err_lines == [f"{path}:{message}"]


def test_deeply_nested_conditions_meet_the_nesting_limit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "i.yaml"
    condition = "{not: " * 100 + "{answered: L1}" + "}" * 100
    path.write_text(MINI.read_text().replace(CONDITION_LINE, f"show_if: {condition}"))
    result = cli("validate", path)
    assert result.code == 1
    assert result.err_lines == [
        f"{path}:32:364: nesting deeper than 64 levels; flatten the structure"
    ]


def test_a_huge_condition_list_is_checked_in_bounded_time(tmp_path: Path) -> None:
    """A 100,000-value `in` list: every unknown value is a problem, but the report stops
    at 200 and the run stays fast."""
    path = tmp_path / "i.yaml"
    values = ", ".join(f"v{i}" for i in range(100_000))
    path.write_text(
        MINI.read_text().replace(CONDITION_LINE, f"show_if: {{answer: L1, in: [{values}]}}")
    )
    run = run_bounded(["validate", path], seconds=10)
    assert run.code == 1
    lines = run.err_lines
    assert lines[0] == f"{path}:32:13: 'v0' is not an option of 'L1' (options: no, partial, yes)"
    assert len(lines) == 201
    assert lines[-1] == f"{path}: more than 200 problems; fix these first and validate again"
    assert run.seconds < 10 and run.peak_mb < 250
