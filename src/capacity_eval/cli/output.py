"""Printing for the command line: problems on stderr, one line each; tables on stdout."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from ..errors import Problem


def stderr_line(text: str) -> None:
    """One line on stderr, control characters made visible."""
    sys.stderr.write(_one_line(text) + "\n")
    sys.stderr.flush()


def _one_line(text: str) -> str:
    return "".join(
        ch
        if ch.isprintable() or ch == "\t"
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 0x100
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        stderr_line(str(problem))


def console(stderr: bool = False) -> Console:
    """A rich console; plain text (no colour, bold or dim, as in `fill`) when NO_COLOR is
    set or the output is not a terminal."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr, highlight=False, soft_wrap=False, color_system=None if plain else "auto"
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
