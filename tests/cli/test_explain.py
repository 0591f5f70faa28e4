"""`capacity-eval explain`: the tree of how a node's score arose."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ..conftest import FIXTURES, CliResult

Cli = Callable[..., CliResult]
SCORING = FIXTURES / "scoring"
RULES, RESPONSE = SCORING / "rules.yaml", SCORING / "rules-response.yaml"


def text_lines(out: str) -> list[str]:
    """The output without the tree's drawing characters."""
    return [line.lstrip(" │├└─") for line in out.splitlines()]


def test_overall_by_default(cli: Cli) -> None:
    result = cli("explain", RESPONSE, "-i", RULES, "--depth", "1")
    assert result.code == 0
    assert result.err == ""
    # hand-computed in tests/scoring/test_rules.py
    assert text_lines(result.out) == [
        "overall  Rules and caps",
        "raw 57.5 → final 35.0 · weighted mean of its parts · level 2 · coverage 100%",
        "cap by rule r-overall-low: at most 35.0 (this cap set the score)",
        "cap by rule r-raw-score: at most 65.0",
        "rules that fired: r-section, r-overall-low, r-domain, r-raw-score, r-level, r-raw-level",
        "A  Domain A",
        "weight 1 · raw 75.0 → final 50.0 · weighted mean of its parts · level 3 · coverage 100%",
        "cap by rule r-domain: at most 60.0",
        "B  Domain B",
        "weight 1 · raw 40.0 → final 30.0 · weighted mean of its parts · level 2 · coverage 100%",
        "cap by rule r-level: at most 30.0 (this cap set the score)",
    ]


def test_a_domain_down_to_its_questions(cli: Cli) -> None:
    result = cli("explain", RESPONSE, "-i", RULES, "A")
    assert result.code == 0
    lines = text_lines(result.out)
    assert lines[0] == "A  Domain A"
    assert lines[lines.index("A1  A1") + 1 : lines.index("QA1  QA1") + 3] == [
        "weight 1 · raw 90.0 → final 40.0 · weighted mean of its parts · level 2 · coverage 100%",
        "cap by rule r-section: at most 40.0 (this cap set the score)",
        "QA1  QA1",
        "weight 1 · score 100.0 · level 4 · coverage 100%",
        "answer '100' (100) scores 100.0",
    ]


def test_a_question(cli: Cli) -> None:
    result = cli("explain", RESPONSE, "-i", RULES, "OVERSIGHT")
    assert result.code == 0
    assert text_lines(result.out) == [
        "OVERSIGHT  Is there oversight?",
        "weight 1 · score 0.0 · level 1 · coverage 100%",
        "answer 'no' (No) scores 0.0",
    ]


def test_unknown_node(cli: Cli) -> None:
    result = cli("explain", RESPONSE, "-i", RULES, "policing")
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [
        "error: unknown node 'policing'; give a domain, section or question id, or overall"
    ]


def test_invalid_response(cli: Cli) -> None:
    response = FIXTURES / "bad" / "response-exclusive.yaml"
    result = cli("explain", response, "-i", SCORING / "types.yaml", "MU")
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [f"{response}:9:3: MU: 'none' may only be chosen alone"]


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["explain"], "Error: Missing argument 'response'."),
        (
            ["explain", str(RESPONSE), "-i", str(RULES), "--depth", "5"],
            "Error: Invalid value for '--depth': Input should be less than or equal to 3",
        ),
    ],
)
def test_wrong_usage_exits_2(cli: Cli, args: list[str], last_line: str) -> None:
    result = cli(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err_lines[-1] == last_line
