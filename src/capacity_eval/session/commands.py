"""The line protocol of `fill`: a typed line is either a command or an answer.

Commands start with `:` (`:back`, `:jump ID`, ...) and may be shortened to any
unambiguous prefix (`:b`, `:j LEG-03`); `?` asks for help. A line starting with
`::` is an answer that starts with one `:`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import t
from .answers import InputRejected

COMMANDS: tuple[str, ...] = (
    "back",
    "jump",
    "skip",
    "clear",
    "note",
    "evidence",
    "review",
    "summary",
    "quit",
    "help",
)
"""Every command, in the order the help lists them."""


@dataclass(frozen=True, slots=True)
class Command:
    """A command and the rest of its line (`:jump LEG-03` gives name 'jump', argument 'LEG-03')."""

    name: str
    argument: str = ""


def parse_line(line: str) -> Command | str:
    """A `Command`, or the answer text (stripped) when the line is not a command."""
    text = line.strip()
    if text == "?":
        return Command("help")
    if text.startswith("::"):
        return text[1:]
    if not text.startswith(":"):
        return text
    word, _, rest = text[1:].partition(" ")
    return Command(_command_name(word.casefold()), rest.strip())


def _command_name(word: str) -> str:
    if word in COMMANDS:
        return word
    matches = [name for name in COMMANDS if word and name.startswith(word)]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(":" + name for name in COMMANDS)
    raise InputRejected(t("fill.unknown_command", command=":" + word, commands=listed))
