"""What a value means is decided by what the format expects at its place, never by YAML
1.1's implicit typing; NaN and infinities are never numbers (YAML or JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .support import MINI

SURPRISES = Path(__file__).parent / "fixtures" / "surprises.yaml"
HEADER = """\
schema: capacity-eval/response@1
instrument: {{id: surprises, version: 1.0.0}}
entity: {{id: {entity}, name: Test, country: XAA}}
period: {period}
language: en
answers:
"""


def scored(cli: Any, tmp_path: Path, answers: str, **header: str) -> dict[str, Any]:
    path = tmp_path / "r.yaml"
    path.write_text(HEADER.format(**{"entity": "xa-test", "period": "2026", **header}) + answers)
    result = cli("score", path, "-i", SURPRISES, "--json")
    assert (result.code, result.err) == (0, ""), result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("written", "value", "score"),
    [
        ("no", "no", 0.0),
        ("on", "on", 10.0),
        ("off", "off", 20.0),
        ("NO", "NO", 30.0),
        ("010", "010", 40.0),
        ("12:30", "12:30", 50.0),
        ("2024-01-02", "2024-01-02", 60.0),
        ("1e3", "1e3", 70.0),
        ("y", "y", 80.0),
        (".5", ".5", 90.0),
        ('"no"', "no", 0.0),
        ("'010'", "010", 40.0),
    ],
)
def test_option_values_stay_text(
    cli, tmp_path: Path, written: str, value: str, score: float
) -> None:  # type: ignore[no-untyped-def]
    result = scored(cli, tmp_path, f"  ANS: {written}\n")
    assert (result["nodes"]["ANS"]["answer"], result["nodes"]["ANS"]["score"]) == (value, score)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("010", 10.0),
        ("1_000", 1000.0),
        ("1e3", 1000.0),
        ("+5", 5.0),
        ("0.5", 0.5),
        ("'250'", 250.0),
    ],
)
def test_numbers_are_decimal_where_a_number_is_expected(
    cli, tmp_path: Path, written: str, value: float
) -> None:  # type: ignore[no-untyped-def]
    result = scored(cli, tmp_path, f"  NUM: {written}\n")
    assert result["nodes"]["NUM"]["answer"] == value


@pytest.mark.parametrize("written", ["no", "on", "12:30", "2024-01-02", "010", "1.0"])
def test_text_answers_and_header_fields_stay_text(cli, tmp_path: Path, written: str) -> None:  # type: ignore[no-untyped-def]
    result = scored(cli, tmp_path, f"  TXT: '{written}'\n", entity=written, period=written)
    assert result["nodes"]["TXT"]["answer"] == written
    assert (result["entity"]["id"], result["period"]) == (written, written)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("12:30", "'12:30' is not a number"),
        ("0x1F", "'0x1F' is not a number"),
        ("0o10", "'0o10' is not a number"),
        ("yes", "'yes' is not a number"),
        (".nan", "NaN and infinities are not numbers here"),
        (".NaN", "NaN and infinities are not numbers here"),
        ("NaN", "NaN and infinities are not numbers here"),
        (".inf", "NaN and infinities are not numbers here"),
        ("-.Inf", "NaN and infinities are not numbers here"),
        ("Infinity", "NaN and infinities are not numbers here"),
        ("-Infinity", "NaN and infinities are not numbers here"),
        ('"nan"', "NaN and infinities are not numbers here"),
        ("1e999", "the number is too large (at most 10^15)"),
    ],
)
def test_not_numbers_where_a_number_is_expected(
    cli, tmp_path: Path, written: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text(HEADER.format(entity="xa-test", period="2026") + f"  NUM: {written}\n")
    result = cli("score", path, "-i", SURPRISES, "--json")
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [f"{path}:7:3: NUM: {message}"]


@pytest.mark.parametrize("written", ["NaN", "Infinity", "-Infinity", '"NaN"', "1e400"])
def test_nan_and_infinities_in_json(cli, tmp_path: Path, written: str) -> None:  # type: ignore[no-untyped-def]
    """Python's json module would read NaN and Infinity as floats; we never do."""
    path = tmp_path / "r.json"
    body = json.dumps(
        {
            "schema": "capacity-eval/response@1",
            "instrument": {"id": "mini", "version": "1.0.0"},
            "entity": {"id": "xa-min", "name": "M", "country": "XAA"},
            "period": "2026",
            "language": "en",
            "answers": {"L1": "yes", "POP": "PLACEHOLDER"},
        },
        indent=1,
    ).replace('"PLACEHOLDER"', written)
    path.write_text(body)
    result = cli("score", path, "-i", MINI, "--json")
    assert (result.code, result.out) == (1, "")
    expected = (
        "the number is too large (at most 10^15)"
        if written == "1e400"
        else "NaN and infinities are not numbers here"
    )
    assert result.err_lines == [f"{path}:16:3: POP: {expected}"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("weight: 2\n", "weight: .nan\n", "30:13: `weight` must be a finite number, not '.nan'"),
        ("weight: 2\n", "weight: -.inf\n", "30:13: `weight` must be a finite number, not '-.inf'"),
        (
            "{id: 2, min: 40,",
            "{id: 2, min: .inf,",
            "8:13: `min` must be a finite number, not '.inf'",
        ),
        ("{below: 10,", "{below: NaN,", "66:18: `below` must be a finite number, not 'NaN'"),
        (
            'show_if: {answer: L1, in: ["yes", partial]}',
            "show_if: {answer: L1, gt: .nan}",
            "32:35: `gt` must be a finite number, not '.nan'",
        ),
    ],
)
def test_nan_and_infinities_in_an_instrument(
    cli, tmp_path: Path, old: str, new: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "i.yaml"
    path.write_text(MINI.read_text().replace(old, new, 1))
    result = cli("validate", path)
    assert result.code == 1
    assert result.err_lines == [f"{path}:{expected}"]
