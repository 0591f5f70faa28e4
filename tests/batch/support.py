"""Helpers of the batch tests: a messy inbox of responses to `mini.yaml`, and readers
of the outputs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINI = FIXTURES / "mini.yaml"
INTERNAL = {".capacity-eval-batch.sqlite", ".capacity-eval-batch.lock"}


def response(
    entity: str = "xa-min",
    period: str = "2026",
    answers: str = "",
    *,
    status: str = "submitted",
    instrument: str = "{id: mini, version: 1.0.0}",
    name: str = "Ministerio de Prueba",
) -> str:
    """A response to mini.yaml as YAML text; `answers` are indented answer lines."""
    return (
        f"schema: capacity-eval/response@1\n"
        f"instrument: {instrument}\n"
        f"entity:\n  id: {entity}\n  name: {name}\n  country: XAA\n"
        f"period: '{period}'\n"
        f"language: es\n"
        f"status: {status}\n"
        f"answers:\n{answers}"
    )


# Scores worked out by hand (tests/fixtures/mini.yaml):
# A: L1 partial 50, L2 step 1 of 3 = 50 -> law 50; O1 a+b = 100, RATE 40/200000*1e5 = 20
#    -> band 50, ops-a mean 75 -> ops 75 (min over sections); overall (50 + 2*75)/3 = 66.7.
A_ANSWERS = (
    "  L1: partial\n  L2: {value: 1, note: Un poco}\n  O1: [a, b]\n"
    "  POP: 200000\n  CNT: 40\n  NOTE: texto\n"
)
# B: L1 no -> law 0, L2 hidden; O1 a = 60, CNT n/a -> RATE unanswered; overall (0 + 120)/3
#    = 40, capped at 30 by rule no-law (critical flag); coverage 3 of L1, O1, POP, RATE.
B_JSON = """{
  "schema": "capacity-eval/response@1",
  "instrument": {"id": "mini", "version": "1.0.0"},
  "entity": {"id": "xb-sec", "name": "Secretaría B", "country": "XBB"},
  "period": "2026",
  "language": "en",
  "status": "submitted",
  "answers": {"L1": "no", "O1": ["a"], "POP": 1000, "CNT": "n/a"}
}
"""
# C: a draft with only O1 b = 60: law unscored, ops 60, overall 60; coverage 1 of 5.
C_DRAFT = response("xc-pol", "2025", "  O1: [b]\n", status="draft")


def messy_inbox(root: Path) -> Path:
    """`root/inbox`: three valid responses and every kind of broken file."""
    inbox = root / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a-valid.yaml").write_text(response(answers=A_ANSWERS), encoding="utf-8")
    (inbox / "b-json.json").write_text(B_JSON, encoding="utf-8")
    (inbox / "sub" / "c-draft.yml").write_text(C_DRAFT, encoding="utf-8")
    (inbox / "corrupt.yaml").write_text(
        response("xd", answers="  L1: [yes\n  O1: [a]\n"), encoding="utf-8"
    )
    (inbox / "empty.yaml").write_bytes(b"")
    (inbox / "binary.yaml").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    (inbox / "other.yaml").write_text(
        response("xe", instrument="{id: other, version: 1.0.0}", answers="  L1: 'yes'\n"),
        encoding="utf-8",
    )
    (inbox / "option.yaml").write_text(response("xf", answers="  L1: maybe\n"), encoding="utf-8")
    (inbox / "number.yaml").write_text(
        response("xg", answers="  L1: 'no'\n  POP: -5\n"), encoding="utf-8"
    )
    (inbox / "z-again.yaml").write_text(response(answers="  L1: 'yes'\n"), encoding="utf-8")
    (inbox / "latin1.yaml").write_bytes(response("xh", name="Policía").encode("latin-1"))
    (inbox / "notes.txt").write_text("not a response", encoding="utf-8")
    (inbox / ".hidden.yaml").write_text("not read either", encoding="utf-8")
    return inbox


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(io.StringIO(handle.read())))


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every output file of a batch (relative path -> bytes), the cache left out."""
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in INTERNAL
    }


def table_row(text: str, first_cell: str) -> list[str]:
    """The cells of the row of a rich table (as printed) whose first cell is `first_cell`."""
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in:\n{text}")


def table_value(text: str, label: str) -> str:
    return table_row(text, label)[-1]
