"""What became of one input file, in a form that crosses process boundaries and the cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Located = tuple[int | None, int | None, str]
"""A problem without its file: line, column, message (the file is added when reported)."""

SEVERITIES = ("critical", "major", "minor")


@dataclass(frozen=True, slots=True)
class Job:
    """One file to assess: its name as shown in outputs and its content."""

    name: str
    raw: bytes
    json_hint: bool = False


@dataclass(slots=True)
class Outcome:
    """The assessment of one file.

    `fields` holds the summary values of a scored response (None when the file is
    invalid); `errors` every error found, located in the file. The `*_partial` paths
    are the result and report files a worker wrote under temporary names, which the
    batch moves into place (they are never cached). An outcome that is not `lasting` (a
    disk that was full, a worker that died) is not recorded for later runs.
    """

    errors: list[Located] = field(default_factory=list)
    fields: dict[str, Any] | None = None
    key: tuple[str, str] | None = None  # entity id, period
    key_at: tuple[int | None, int | None] = (None, None)
    result_sha: str | None = None
    report_sha: str | None = None
    report_error: str | None = None
    result_partial: str | None = None
    report_partial: str | None = None
    lasting: bool = True  # False: the failure may not happen again (never recorded)

    @property
    def scored(self) -> bool:
        return self.fields is not None

    def record(self) -> dict[str, Any]:
        """The part worth keeping between runs (plain JSON data)."""
        return {
            "errors": [list(e) for e in self.errors],
            "fields": self.fields,
            "key": list(self.key) if self.key else None,
            "key_at": list(self.key_at),
            "result_sha": self.result_sha,
            "report_sha": self.report_sha,
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Outcome:
        """The outcome a previous run recorded (raises KeyError/TypeError/ValueError if odd)."""
        key = data["key"]
        line, col = data["key_at"]
        return cls(
            errors=[(e[0], e[1], str(e[2])) for e in data["errors"]],
            fields=data["fields"],
            key=(str(key[0]), str(key[1])) if key else None,
            key_at=(line, col),
            result_sha=data["result_sha"],
            report_sha=data["report_sha"],
        )
