"""`summary.json`: the instrument, the columns, one object per row and per error.

Rows and errors each go to their own partial file while the batch runs; `commit`
joins them into one document, with one row or error per line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ..outputs import StreamedFile
from ..summary import ERRORS, Cell, Table

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


class JsonSink:
    def __init__(self, target: Path, table: Table, about: dict[str, Any]) -> None:
        self.table = table
        self.file = StreamedFile(target)
        self.errors = StreamedFile(target.with_name(target.name + ".errors"))
        self.counts = {"rows": 0, "errors": 0}
        head = {**about, "columns": list(table.columns)}
        lines = ["{"] + [f"  {_ENCODE(key)}: {_ENCODE(value)}," for key, value in head.items()]
        self.file.handle.write("\n".join(lines) + '\n  "rows": [')

    def _add(
        self, stream: StreamedFile, part: str, names: tuple[str, ...], cells: list[Cell]
    ) -> None:
        lead = ",\n    " if self.counts[part] else "\n    "
        stream.handle.write(lead + _ENCODE(dict(zip(names, cells, strict=True))))
        self.counts[part] += 1

    def add_row(self, cells: list[Cell]) -> None:
        self._add(self.file, "rows", self.table.columns, cells)

    def add_error(self, cells: list[Cell]) -> None:
        self._add(self.errors, "errors", ERRORS.columns, cells)

    def commit(self) -> list[Path]:
        out = self.file.handle
        out.write(("\n  ]" if self.counts["rows"] else "]") + ',\n  "errors": [')
        self.errors.handle.flush()
        with open(self.errors.partial, encoding="utf-8") as errors:
            shutil.copyfileobj(errors, out)
        out.write(("\n  ]" if self.counts["errors"] else "]") + "\n}\n")
        self.errors.abort()
        self.file.commit()
        return [self.file.target]

    def abort(self) -> None:
        self.errors.abort()
        self.file.abort()
