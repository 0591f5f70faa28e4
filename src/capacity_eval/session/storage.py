"""Reading and writing the response a `fill` sitting works on.

Every save writes the whole response atomically (`fileio.write_atomic`: temporary file
in the same folder, fsync, rename), so the file on disk is always a complete, valid
response, whatever moment the process is stopped at.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from glob import escape as glob_escape
from pathlib import Path

import yaml

from ..fileio import write_atomic
from ..loading.files import check_response
from ..model import Instrument, Response


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp (`2026-03-01T14:02:11Z`)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def response_text(response: Response, path: Path) -> str:
    """The file content for `response`: JSON for a `.json` path, YAML otherwise.

    YAML scalars that a YAML 1.1 reader would take for booleans, numbers or times
    (`yes`, `NO`, `010`, `12:30`) are quoted, so every reader sees the same text.
    """
    document = response.to_document()
    if path.suffix.lower() == ".json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, width=88, default_flow_style=None
    )


def save_response(path: Path, response: Response) -> None:
    """Replace `path` with `response` atomically (OutputError when it cannot be written)."""
    write_atomic(path, response_text(response, path))


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporary files a killed save left next to `path` (`.NAME.*.tmp`, as
    `fileio.write_atomic` names them). Call it only while holding the response's lock:
    then no other process is writing them. Returns what was removed."""
    removed = []
    folder = path.parent if str(path.parent) else Path(".")
    for leftover in folder.glob(f".{glob_escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def load_response_for_fill(path: Path, instrument: Instrument) -> Response:
    """An existing response to continue; InvalidInput listing its errors if it has any.

    Warnings (a draft's missing required answers) are expected here and not reported.
    """
    return check_response(path, instrument).unwrap()
