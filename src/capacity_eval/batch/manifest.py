"""What earlier runs into the same OUTDIR did, so that unchanged files are not redone.

A small SQLite database in OUTDIR (`.capacity-eval-batch.sqlite`) keeps, for each
input content hash and *context* (capacity-eval version, instrument digest,
languages), the outcome of assessing it, and lists every output file the batch
wrote. SQLite commits are atomic, so a killed run leaves the last committed state;
outputs recorded there are still checked (SHA-256) before they are reused. After a
complete run, entries and output files that the run did not use are dropped, so the
folder holds exactly what the last run produced.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..i18n import t
from .outcome import Outcome

SCHEMA_VERSION = "1"
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    hash TEXT NOT NULL, context TEXT NOT NULL, data TEXT NOT NULL, run INTEGER NOT NULL,
    PRIMARY KEY (hash, context));
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, run INTEGER NOT NULL);
"""


def context_key(*parts: str) -> str:
    """One key for everything besides a file's content that its outcome depends on."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


class Manifest:
    """The cache of one OUTDIR; `run` numbers this run, entries used by it are stamped."""

    def __init__(self, path: Path, context: str) -> None:
        self.path = path
        self.context = context
        self.db = self._open()
        self.run = self._next_run()
        rows = self.db.execute("SELECT hash FROM entries WHERE context=?", (context,))
        self.known = {row[0] for row in rows}  # spares a query for each new file
        self.entries: list[tuple[str, str, str, int]] = []  # recorded at the next commit
        self.outputs: list[tuple[str, int]] = []

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError:  # damaged or not ours: start afresh
            with contextlib.suppress(OSError):
                self.path.unlink()
            try:
                return self._connect()
            except sqlite3.Error as exc:
                raise OutputError(
                    t("output.cannot_write", path=str(self.path), reason=str(exc))
                ) from exc
        except sqlite3.Error as exc:
            raise OutputError(
                t("output.cannot_write", path=str(self.path), reason=str(exc))
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_TABLES)
            found = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is not None and found[0] != SCHEMA_VERSION:
                db.executescript("DELETE FROM entries; DELETE FROM outputs;")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        except sqlite3.Error:
            db.close()
            raise
        db.execute("BEGIN")
        return db

    def _next_run(self) -> int:
        found = self.db.execute("SELECT value FROM meta WHERE key='run'").fetchone()
        run = int(found[0]) + 1 if found is not None and str(found[0]).isdigit() else 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (str(run),))
        return run

    def get(self, content_hash: str) -> Outcome | None:
        """The outcome an earlier run recorded for this content in this context, if any."""
        if content_hash not in self.known:
            return None
        row = self.db.execute(
            "SELECT data FROM entries WHERE hash=? AND context=? AND run<?",
            (content_hash, self.context, self.run),
        ).fetchone()
        if row is None:
            return None
        try:
            data: dict[str, Any] = json.loads(row[0])
            return Outcome.from_record(data)
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, content_hash: str, outcome: Outcome) -> None:
        """Record (or stamp as used by this run) the outcome of one content."""
        data = json.dumps(outcome.record(), ensure_ascii=False, separators=(",", ":"))
        self.entries.append((content_hash, self.context, data, self.run))

    def wrote(self, relative: str) -> None:
        """Note that this run produced (or kept) the output file `relative`."""
        self.outputs.append((relative, self.run))

    def _flush(self) -> None:
        self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", self.entries)
        self.db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?)", self.outputs)
        self.entries, self.outputs = [], []

    def stale_outputs(self) -> Iterator[str]:
        """Output files of earlier runs that this run did not produce."""
        self._flush()
        rows = self.db.execute("SELECT path FROM outputs WHERE run<>? ORDER BY path", (self.run,))
        yield from (row[0] for row in rows.fetchall())

    def forget_stale(self, *, keep_prefix: str | None = None) -> None:
        """Drop entries and outputs this run did not use (after a complete run); outputs
        whose path starts with `keep_prefix` are kept."""
        self._flush()
        if keep_prefix is None:
            self.db.execute("DELETE FROM outputs WHERE run<>?", (self.run,))
        else:
            self.db.execute(
                "DELETE FROM outputs WHERE run<>? AND substr(path, 1, ?)<>?",
                (self.run, len(keep_prefix), keep_prefix),
            )
        self.db.execute("DELETE FROM entries WHERE run<>?", (self.run,))

    def commit(self) -> None:
        """Make what was recorded so far permanent, and go on recording."""
        try:
            self._flush()
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
        except sqlite3.Error as exc:
            raise OutputError(
                t("output.cannot_write", path=str(self.path), reason=str(exc))
            ) from exc

    def close(self) -> None:
        """Commit and close."""
        with contextlib.suppress(sqlite3.Error):
            self._flush()
            self.db.execute("COMMIT")
        self.db.close()
