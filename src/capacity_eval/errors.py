"""The exceptions capacity-eval raises, and the `Problem` record behind every message.

`CapacityEvalError` is the root. `UserError` and its subclasses carry sentences meant
for the person at the terminal; the CLI maps them to exit codes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) in a file, with where it is."""

    file: str
    line: int | None
    col: int | None
    message: str
    severity: Severity = "error"
    code: str = ""

    def __post_init__(self) -> None:
        # A message quotes what the file holds, which may span lines: keep it to one line.
        if len(self.message.splitlines()) > 1:
            object.__setattr__(self, "message", " ".join(self.message.splitlines()))

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{self.message}"


class CapacityEvalError(Exception):
    """Root of every exception raised on purpose by capacity-eval."""


class UserError(CapacityEvalError):
    """A problem the user can fix; its message is a complete sentence."""

    exit_code = 1


class UsageError(UserError):
    """The command was called the wrong way (exit code 2)."""

    exit_code = 2


class InvalidInput(UserError):
    """A file failed validation; `problems` lists every error and warning found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else (str(problems[0]) if problems else "invalid input")
        super().__init__(first)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class OutputError(UserError):
    """An output could not be written (missing folder, read-only, disk full)."""
