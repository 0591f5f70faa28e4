"""The documentation stays true: its example files validate, the worked example's
hand-computed numbers (docs/scoring.md) are what the engine computes, and the
`score` and `explain` output pasted in the docs is what the commands print."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from capacity_eval.api import load_instrument, load_response, score
from capacity_eval.loading.files import check_instrument, check_response

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
PAIRS = [
    ("worked.yaml", "worked-response.yaml"),
    ("format-example.yaml", "format-example-response.yaml"),
]


@pytest.mark.parametrize(("instrument", "response"), PAIRS)
def test_example_files_have_no_problem(instrument: str, response: str) -> None:
    checked = check_instrument(EXAMPLES / instrument)
    assert checked.problems == []
    assert checked.value is not None
    assert check_response(EXAMPLES / response, checked.value).problems == []


def test_every_example_file_is_checked() -> None:
    named = {name for pair in PAIRS for name in pair}
    assert {p.name for p in EXAMPLES.glob("*.yaml")} == named


def test_worked_example_matches_the_hand_computation() -> None:
    instrument = load_instrument(EXAMPLES / "worked.yaml")
    scored = score(instrument, load_response(EXAMPLES / "worked-response.yaml", instrument))
    raw = {
        "leg-framework": (50 + 2 * 200 / 3) / 3,
        "leg-oversight": 50.0,
        "pol-staff": 75.0,
        "pol-training": 40.0,
        "policing": math.sqrt(75 * 40),
    }
    raw["legislation"] = (2 * raw["leg-framework"] + raw["leg-oversight"]) / 3
    raw["overall"] = (raw["legislation"] + 2 * raw["policing"]) / 3
    final = {**raw, "policing": 45.0, "overall": (raw["legislation"] + 2 * 45.0) / 3}
    for node, value in raw.items():
        assert scored.raw[node] == pytest.approx(value, abs=1e-9), node
        assert scored.final[node] == pytest.approx(final[node], abs=1e-9), node
    assert round(raw["legislation"], 3) == 57.407
    assert round(final["overall"], 3) == 49.136
    assert scored.caps == {"policing": [("weak-training", 45.0)]}
    assert [r.id for r in scored.fired] == ["weak-training"]
    assert [(r.source, r.priority.value) for r in scored.recommendations] == [
        ("LEG-05", "high"),
        ("weak-training", "high"),
        ("LEG-01", "medium"),
        ("LEG-02", "medium"),
        ("POL-04", "medium"),
    ]
    coverage = {
        node: (c.answered, c.applicable) for node, c in scored.coverage.items() if node in raw
    }
    assert coverage == {
        "leg-framework": (2, 2),
        "leg-oversight": (2, 2),
        "pol-staff": (3, 3),
        "pol-training": (1, 2),
        "legislation": (4, 4),
        "policing": (4, 5),
        "overall": (8, 9),
    }
    assert [n for n in raw if scored.insufficient(n)] == ["pol-training"]
    assert {
        n: scored.level(n)
        for n in ("overall", "legislation", "policing", "leg-framework", "pol-training")
    } == {"overall": 3, "legislation": 3, "policing": 3, "leg-framework": 4, "pol-training": 3}


def console_examples(page: str) -> list[tuple[str, str]]:
    """(command, output) of each `score`/`explain` example in a docs page that prints
    only to standard output and writes no file."""
    text = (DOCS / page).read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for command, output in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, re.M):
            words = command.split()
            if (
                words[:2] in (["capacity-eval", "score"], ["capacity-eval", "explain"])
                and not {"-o", "-h", "|", ">"} & set(words)
                and ";" not in command
                and not output.startswith("error:")
            ):
                found.append((command, output))
    return found


EXAMPLES_SHOWN = [
    (page, *example) for page in ("scoring.md", "cli.md") for example in console_examples(page)
]


def test_docs_show_score_and_explain_examples() -> None:
    assert len(EXAMPLES_SHOWN) >= 8


@pytest.mark.parametrize(
    ("page", "command", "output"),
    EXAMPLES_SHOWN,
    ids=[f"{p}:{c.split(' ', 2)[1]}" for p, c, _ in EXAMPLES_SHOWN],
)
def test_console_output_in_docs_is_real(
    page: str, command: str, output: str, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(*command.split()[1:])
    assert (result.code, result.out) == (0, output)
