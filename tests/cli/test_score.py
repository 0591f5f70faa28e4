"""`capacity-eval score`: the table, `--json` (pure JSON on stdout), `-o`, and failures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval.loading.files import load_instrument, load_response
from capacity_eval.scoring.engine import score_response
from capacity_eval.scoring.result import result_document

from ..conftest import FIXTURES, CliResult

Cli = Callable[..., CliResult]
BAD = FIXTURES / "bad"
SCORING = FIXTURES / "scoring"
RULES, RULES_RESPONSE = SCORING / "rules.yaml", SCORING / "rules-response.yaml"
RECS, RECS_RESPONSE = SCORING / "recommendations.yaml", SCORING / "recommendations-response.yaml"


def table_rows(out: str) -> list[list[str]]:
    """The body rows of the first table in `out`, as lists of stripped cells."""
    return [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in out.splitlines()
        if line.startswith("│")
    ]


def test_table_with_caps_and_flags(cli: Cli) -> None:
    result = cli("score", RULES_RESPONSE, "-i", RULES)
    assert result.code == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "Ministry of the Interior (XAA) · 2026 · rules 1.0.0 · submitted"
    header = next(line for line in lines if line.startswith("┃"))
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "Domain",
        "Score",
        "Level",
        "Coverage",
        "Notes",
    ]
    # hand-computed in tests/scoring/test_rules.py
    assert table_rows(result.out) == [
        ["Domain A", "50.0", "3 Established", "100%", "capped by r-domain"],
        ["Domain B", "30.0", "2 Developing", "100%", "capped by r-level"],
        ["Overall", "35.0", "2 Developing", "100%", "capped by r-overall-low, r-raw-score"],
    ]
    assert lines[lines.index("Flags") :] == [
        "Flags",
        "  [major] Oversight is weak.",
        "  [minor] Domain A scored at least 70 before caps.",
        "  [critical] Domain B is below level 3.",
        "  [minor] Domain A reached level 4 before caps.",
    ]


def test_table_shows_the_first_recommendations(cli: Cli) -> None:
    result = cli("score", RECS_RESPONSE, "-i", RECS, "--top", "3")
    assert result.code == 0
    # D1 = (0 + 80 + 0) / 3 = 26.7; D2 = 50 (R5 n/a); overall (26.667 + 50) / 2 = 38.3
    assert table_rows(result.out) == [  # no caps, full coverage: no notes column
        ["D1", "26.7", "1 Low", "100%"],
        ["D2", "50.0", "2 High", "100%"],
        ["Overall", "38.3", "1 Low", "100%"],
    ]
    lines = result.out.splitlines()
    assert lines[-4:] == [
        "Recommendations (3 of 6)",
        "  (high) R1: Adopt R1.",
        "  (high) rr-high: Fix R3 first.",
        "  (medium) R2: Improve R2.",
    ]


def test_table_notes_insufficient_coverage(cli: Cli, write: Callable[[str, str], Path]) -> None:
    text = (BAD / "response-missing-required-draft.yaml").read_text(encoding="utf-8")
    result = cli("score", write("draft.yaml", text), "-i", SCORING / "types.yaml")
    assert result.code == 0
    # only MU (30) of 10 applicable questions is answered: coverage 10% < 50%
    assert table_rows(result.out) == [
        ["Basics", "30.0", "1 Initial", "10%", "⚠ insufficient coverage"],
        ["Overall", "30.0", "1 Initial", "10%", "⚠ insufficient coverage"],
    ]


def expected_document(response: Path, instrument: Path) -> dict[str, object]:
    inst = load_instrument(instrument)
    scored, issues = score_response(inst, load_response(response, inst))
    assert issues == []
    return result_document(scored, "en")


def test_json_on_stdout_is_the_result_document(cli: Cli) -> None:
    result = cli("score", RULES_RESPONSE, "-i", RULES, "--json")
    assert result.code == 0
    assert result.err == ""
    doc = json.loads(result.out)  # nothing but JSON on stdout
    assert doc == expected_document(RULES_RESPONSE, RULES)
    assert (doc["overall"]["score"], doc["overall"]["raw_score"]) == (35.0, 57.5)
    assert doc["nodes"]["QA2"]["note"] == "Two units out of three."
    assert doc["nodes"]["QA2"]["evidence"] == ["Decree 12/2024"]


def test_json_stays_pure_when_there_are_warnings(
    cli: Cli, write: Callable[[str, str], Path]
) -> None:
    text = (BAD / "response-missing-required-draft.yaml").read_text(encoding="utf-8")
    response = write("draft.yaml", text)
    result = cli("score", response, "-i", SCORING / "types.yaml", "--json")
    assert result.code == 0
    assert result.err_lines == [
        f"{response}:7:1: warning: 1 required question(s) not answered yet: LEG-01"
    ]
    assert json.loads(result.out)["nodes"]["MU"]["score"] == 30.0


def test_output_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = cli("score", RULES_RESPONSE, "-i", RULES, "-o", out)
    assert result.code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == expected_document(RULES_RESPONSE, RULES)
    assert table_rows(result.out)[-1][:2] == ["Overall", "35.0"]  # the table is still shown
    quiet = cli("score", RULES_RESPONSE, "-i", RULES, "-o", out, "--top", "0")
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    both = cli("score", RULES_RESPONSE, "-i", RULES, "-o", tmp_path / "again.json", "--json")
    assert json.loads(both.out) == json.loads((tmp_path / "again.json").read_text("utf-8"))


def test_output_into_a_missing_folder(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "result.json"
    result = cli("score", RULES_RESPONSE, "-i", RULES, "-o", target)
    assert result.code == 1
    assert result.err_lines == [
        f"error: cannot write {target}: the folder {target.parent} does not exist; create it first"
    ]
    assert not target.parent.exists()


def test_invalid_response_lists_its_errors(cli: Cli) -> None:
    response = BAD / "response-out-of-bounds.yaml"
    result = cli("score", response, "-i", SCORING / "types.yaml", "--json")
    assert result.code == 1
    assert result.out == ""
    assert result.err_lines == [
        f"{response}:9:3: BUDGET: 120 is above the maximum 100",
        f"{response}:10:11: STAFF: -3 is below the minimum 0",
        f"{response}:11:3: POP: 'many' is not a number",
    ]


def test_response_for_another_instrument(cli: Cli) -> None:
    result = cli("score", RULES_RESPONSE, "-i", SCORING / "types.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{RULES_RESPONSE}:3:1: the response is for instrument rules 1.0.0, not types 1.0.0"
    ]


def test_bad_instrument(cli: Cli) -> None:
    result = cli("score", RULES_RESPONSE, "-i", BAD / "cap-unknown-node.yaml")
    assert result.code == 1
    assert result.err_lines == [
        f"{BAD / 'cap-unknown-node.yaml'}:19:11: cap on unknown node "
        "'policing'; use a domain or section id, or `overall`"
    ]


def test_instrument_found_by_id_and_version(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "questionnaires").mkdir()
    shutil.copy(RULES, tmp_path / "questionnaires" / "rules.yaml")
    monkeypatch.chdir(tmp_path)
    result = cli("score", RULES_RESPONSE, "--json")
    assert result.code == 0
    assert json.loads(result.out)["overall"]["score"] == 35.0


def test_missing_response_is_one_line(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = cli("score", missing, "-i", RULES)
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [f"{missing}: no such file; check the path"]


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["score"], "Error: Missing argument 'response'."),
        (
            ["score", str(RULES_RESPONSE), "--top", "-1"],
            "Error: Invalid value for '--top': Input should be greater than or equal to 0",
        ),
        (
            ["score", str(RULES_RESPONSE), "--jsn"],
            "Error: No such option: --jsn (Possible options: --json)",
        ),
    ],
)
def test_wrong_usage_exits_2(cli: Cli, args: list[str], last_line: str) -> None:
    result = cli(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err_lines[-1] == last_line


def run_installed(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("capacity-eval", path=os.path.dirname(sys.executable))
    assert command is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAPACITY_EVAL")}
    return subprocess.run(
        [command, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_end_to_end_json(tmp_path: Path) -> None:
    done = run_installed("score", RULES_RESPONSE, "-i", RULES, "--json", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == expected_document(RULES_RESPONSE, RULES)


def test_end_to_end_failure_is_one_line_without_traceback(tmp_path: Path) -> None:
    done = run_installed("score", tmp_path / "missing.yaml", "-i", RULES, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{tmp_path / 'missing.yaml'}: no such file; check the path\n"
    broken = run_installed("score", RULES_RESPONSE, "-i", BAD / "python-tag.yaml", cwd=tmp_path)
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert broken.stderr.splitlines() == [
        f"{BAD / 'python-tag.yaml'}:4:8: tag !!python/object/apply:os.system is not allowed; "
        "remove it (values are read by what the format expects at that place)"
    ]
