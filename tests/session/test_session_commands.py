"""Telling commands from answers on a typed line."""

from __future__ import annotations

import pytest

from capacity_eval.session import Command, InputRejected, parse_line

COMMAND_LIST = ":back, :jump, :skip, :clear, :note, :evidence, :review, :summary, :quit, :help"


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("?", Command("help")),
        (" ? ", Command("help")),
        (":back", Command("back")),
        (":b", Command("back")),
        (":BACK", Command("back")),
        (":jump LAW-2", Command("jump", "LAW-2")),
        (":j   law-2 ", Command("jump", "law-2")),
        (":note  two words ", Command("note", "two words")),
        (":e Ley 5/2020", Command("evidence", "Ley 5/2020")),
        (":quit", Command("quit")),
        (":su", Command("summary")),
    ],
)
def test_commands(line: str, parsed: Command) -> None:
    assert parse_line(line) == parsed


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("yes", "yes"),
        ("  2 ", "2"),
        ("", ""),
        ("   ", ""),
        ("::)", ":)"),
        ("n/a", "n/a"),
    ],
)
def test_answers(line: str, text: str) -> None:
    assert parse_line(line) == text


@pytest.mark.parametrize(
    ("line", "shown"), [(":frobnicate", ":frobnicate"), (":", ":"), (":s", ":s"), (":x y", ":x")]
)
def test_unknown_or_ambiguous_commands(line: str, shown: str) -> None:
    with pytest.raises(InputRejected) as caught:
        parse_line(line)
    assert str(caught.value) == (
        f"Unknown command {shown}: use one of {COMMAND_LIST}, or ? for help."
    )
