"""The terminal layer of `fill`: wrapping, colour, and what is kept of a typed line."""

from __future__ import annotations

import io

import pytest

from capacity_eval.cli.prompter import Terminal, clean


class TtyOutput(io.StringIO):
    def isatty(self) -> bool:
        return True


LONG = "Para responder, escriba un número del 1 al 3 o el valor de una opción (yes, partial, no)"


def test_wraps_to_the_terminal_width_with_hanging_indent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("NO_COLOR", "1")
    out = TtyOutput()
    term = Terminal(io.StringIO(), out)
    term.say(LONG, 2)
    term.say("capacity-eval fill questionnaires/dps-core.yaml -o col-2026.yaml", 2, wrap=False)
    assert out.getvalue().splitlines() == [
        "  Para responder, escriba un número del 1 al 3 o el valor",
        "    de una opción (yes, partial, no)",
        "  capacity-eval fill questionnaires/dps-core.yaml -o col-2026.yaml",
    ]


def test_width_is_kept_between_40_and_100(monkeypatch: pytest.MonkeyPatch) -> None:
    for columns, width in (("20", 40), ("300", 100), ("72", 72)):
        monkeypatch.setenv("COLUMNS", columns)
        assert Terminal(io.StringIO(), TtyOutput()).width == width


def test_output_to_a_file_is_not_wrapped_nor_coloured(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    term = Terminal(io.StringIO(), out)
    term.say(LONG * 2, style="bold")
    assert out.getvalue() == LONG * 2 + "\n"


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    out = TtyOutput()
    Terminal(io.StringIO(), out).say("LAW-1 · text", style="bold")
    assert out.getvalue() == "\x1b[1mLAW-1 · text\x1b[0m\n"
    for name, value in (("NO_COLOR", "1"), ("TERM", "dumb")):
        monkeypatch.setenv(name, value)
        assert not Terminal(io.StringIO(), TtyOutput()).colour


def test_scripted_input_is_echoed_and_cleaned() -> None:
    out = io.StringIO()
    term = Terminal(io.StringIO("\ufeffyes\r\n\x1b[Ano\n"), out)
    assert not term.interactive
    assert term.ask("> ") == "yes"
    assert term.ask("> ") == "[Ano"
    with pytest.raises(EOFError):
        term.ask("> ")
    assert out.getvalue() == "> yes\n> [Ano\n> "


def test_clean_keeps_accents_and_drops_control_characters() -> None:
    assert clean("Sí\tno\x00\x07 ñandú") == "Síno ñandú"
