"""`capacity-eval validate`: exit codes, every problem as file:line:col, the summary."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import FIXTURES, CliResult

Cli = Callable[..., CliResult]
BAD = FIXTURES / "bad"
SCORING = FIXTURES / "scoring"
TYPES = SCORING / "types.yaml"


def test_valid_instrument_and_response_found_among_the_files(cli: Cli) -> None:
    result = cli("validate", SCORING / "rules.yaml", SCORING / "rules-response.yaml")
    assert result.code == 0
    assert result.err == ""
    assert result.out.splitlines() == [
        f"✓ {SCORING / 'rules.yaml'} (instrument): 0 error(s), 0 warning(s)",
        f"✓ {SCORING / 'rules-response.yaml'} (response): 0 error(s), 0 warning(s)",
        "2 file(s) checked, 0 with problems",
    ]


def test_every_problem_of_a_bad_instrument(cli: Cli) -> None:
    result = cli("validate", BAD / "alias.yaml")
    assert result.code == 1
    hint = "write the content out (use option_sets for reusable answer lists)"
    assert result.err_lines == [
        f"{BAD / 'alias.yaml'}:18:22: anchor &yes-no is not allowed; {hint}",
        f"{BAD / 'alias.yaml'}:24:22: alias *yes-no is not allowed; {hint}",
    ]
    assert result.out.splitlines()[-2:] == [
        f"✗ {BAD / 'alias.yaml'} (unknown kind): 2 error(s), 0 warning(s)",
        "1 file(s) checked, 1 with problems",
    ]


def test_several_files_one_bad(cli: Cli) -> None:
    result = cli("validate", TYPES, BAD / "duplicate-id.yaml", SCORING / "rules.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'duplicate-id.yaml'}:16:14: duplicate id 'Q1' (first at line 15); ids must be "
        "unique across domains, sections, questions and rules"
    ]
    assert result.out.splitlines()[-1] == "3 file(s) checked, 1 with problems"
    assert f"✓ {TYPES} (instrument): 0 error(s), 0 warning(s)" in result.out.splitlines()


def test_warning_passes_unless_strict(cli: Cli) -> None:
    line = (
        f"{BAD / 'never-shown.yaml'}:25:13: warning: question 'Q2' can never be shown: "
        "no answers satisfy its show_if"
    )
    relaxed = cli("validate", BAD / "never-shown.yaml")
    assert (relaxed.code, relaxed.err_lines) == (0, [line])
    assert (
        relaxed.out.splitlines()[0]
        == f"✓ {BAD / 'never-shown.yaml'} (instrument): 0 error(s), 1 warning(s)"
    )
    strict = cli("validate", "--strict", BAD / "never-shown.yaml")
    assert (strict.code, strict.err_lines) == (1, [line])
    assert strict.out.splitlines() == [
        f"✗ {BAD / 'never-shown.yaml'} (instrument): 0 error(s), 1 warning(s)",
        "1 file(s) checked, 1 with problems",
    ]


def test_zero_weights_warning_and_strict(cli: Cli) -> None:
    assert cli("validate", BAD / "zero-weights.yaml").code == 0
    result = cli("validate", BAD / "zero-weights.yaml", "--strict")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'zero-weights.yaml'}:14:9: warning: every weight under "
        "'s' is 0, so it is never scored"
    ]


def test_response_against_an_instrument_given_with_i(cli: Cli) -> None:
    result = cli("validate", BAD / "response-out-of-bounds.yaml", "-i", TYPES)
    name = BAD / "response-out-of-bounds.yaml"
    assert result.code == 1
    assert result.err_lines == [
        f"{name}:9:3: BUDGET: 120 is above the maximum 100",
        f"{name}:10:11: STAFF: -3 is below the minimum 0",
        f"{name}:11:3: POP: 'many' is not a number",
    ]
    assert result.out.splitlines()[0] == f"✗ {name} (response): 3 error(s), 0 warning(s)"


def test_missing_required_answer_warns_in_draft_and_fails_when_submitted(cli: Cli) -> None:
    draft = cli("validate", BAD / "response-missing-required-draft.yaml", "-i", TYPES)
    assert draft.code == 0
    assert draft.err_lines == [
        f"{BAD / 'response-missing-required-draft.yaml'}:7:1: warning: "
        "1 required question(s) not answered yet: LEG-01"
    ]
    assert (
        cli("validate", "--strict", BAD / "response-missing-required-draft.yaml", "-i", TYPES).code
        == 1
    )
    submitted = cli("validate", BAD / "response-missing-required-submitted.yaml", "-i", TYPES)
    assert submitted.code == 1
    assert submitted.err_lines == [
        f"{BAD / 'response-missing-required-submitted.yaml'}:6:1: the response is submitted but "
        "1 required question(s) have no answer: LEG-01"
    ]


def test_response_whose_instrument_cannot_be_found(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate", BAD / "response-exclusive.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'response-exclusive.yaml'}:2:1: instrument types 1.0.0 not found in "
        "questionnaires/ or CAPACITY_EVAL_PATH; pass -i INSTRUMENT"
    ]


def test_response_whose_instrument_is_on_the_search_path(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    shutil.copy(TYPES, folder / "types.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAPACITY_EVAL_PATH", str(folder))
    result = cli("validate", BAD / "response-exclusive.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'response-exclusive.yaml'}:9:3: MU: 'none' may only be chosen alone"
    ]


def test_unknown_schema_names_the_three_kinds(cli: Cli) -> None:
    result = cli("validate", BAD / "bad-schema.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'bad-schema.yaml'}:1:1: unknown schema 'capacity-eval/instrument@2'; expected "
        "`capacity-eval/instrument@1`, `capacity-eval/response@1`, `capacity-eval/result@1`"
    ]


def test_missing_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = cli("validate", missing)
    assert result.code == 1
    assert result.err_lines == [f"{missing}: no such file; check the path"]


def test_bad_instrument_given_with_i(cli: Cli) -> None:
    result = cli("validate", BAD / "response-exclusive.yaml", "-i", BAD / "syntax.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'syntax.yaml'}:6:7: YAML syntax error: did not find expected ',' or ']'"
    ]


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["validate"], "Error: Missing argument 'FILE...'."),
        (["validate", "--bogus", str(TYPES)], "Error: No such option: --bogus"),
        (["validate", str(TYPES), "-i"], "Error: Option '-i' requires an argument."),
        (["nonsense"], "Error: No such command 'nonsense'."),
    ],
)
def test_wrong_usage_exits_2(cli: Cli, args: list[str], last_line: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err_lines[-1] == last_line


def test_unknown_language_is_wrong_usage(cli: Cli) -> None:
    result = cli("validate", TYPES, "--lang", "xx")
    assert result.code == 2
    assert result.err_lines == ["error: unknown language 'xx'; use one of en, es, pt, fr"]
