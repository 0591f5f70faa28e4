"""Which files a batch reads: files, folders searched recursively, and glob patterns.

Files named directly are always read. In folders and in the matches of a pattern,
only `.yaml`, `.yml` and `.json` files are taken; hidden files and folders (a name
starting with `.`), the output folder and the instrument itself are skipped, and
symbolic links to folders are not followed. The list is sorted by the name shown
(the path as the user wrote it, joined with what was found under it), and a file
reached twice is read once: the batch's order, and so every decision that depends
on it, is the same on every run.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..i18n import t

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True, slots=True)
class Source:
    """One file of the batch, by its path as outputs show it (kept as text: a batch holds
    thousands of these)."""

    name: str
    problem: str | None = None  # why it cannot be read, found while searching

    @property
    def path(self) -> Path:
        return Path(self.name)

    @property
    def json_hint(self) -> bool:
        return self.name.lower().endswith(".json")


def discover(paths: Sequence[str], *, skip: Sequence[Path] = ()) -> list[Source]:
    """The files named by `paths` (see the module docstring); UsageError when a path
    matches nothing or no file at all is found."""
    skipped = _Skipped(skip)
    found: list[Source] = []
    for given in paths:
        found += _expand(given, skipped)
    found.sort(key=lambda source: source.name)
    if len(paths) > 1:
        unique: dict[str, Source] = {}
        for source in found:
            unique.setdefault(_real(source.name), source)
        found = list(unique.values())
    if not found:
        raise UsageError(t("batch.no_files", paths=" ".join(paths), suffixes=", ".join(SUFFIXES)))
    return found


class _Skipped:
    """The output folder and the instrument: never read as responses."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.real = {_real(p) for p in paths}
        self.names = {os.path.normcase(os.path.basename(real)) for real in self.real}

    def __contains__(self, path: str) -> bool:
        name = os.path.normcase(os.path.basename(os.path.abspath(path)))
        return name in self.names and _real(path) in self.real


def _expand(given: str, skipped: _Skipped) -> list[Source]:
    path = Path(given)
    if path.is_dir():
        return list(_walk(given, skipped))
    if path.exists() or path.is_symlink():
        return [Source(given)]
    if not glob.has_magic(given):
        raise UsageError(t("batch.no_such_path", path=given))
    matches = sorted(glob.glob(given, recursive=True))
    if not matches:
        raise UsageError(t("batch.no_match", pattern=given))
    found: list[Source] = []
    for match in matches:
        if os.path.isdir(match):
            found += _walk(match, skipped)
        elif _wanted(os.path.basename(match)) and match not in skipped:
            found.append(Source(match))
    return found


def _walk(top: str, skipped: _Skipped) -> Iterator[Source]:
    """Response files under `top`, depth first, skipping hidden and excluded entries."""
    if top in skipped:
        return
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Source(folder, t("batch.folder_unreadable", reason=exc.strerror or str(exc)))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            where = os.path.join(folder, entry.name)
            if entry.is_dir(follow_symlinks=False):
                if where not in skipped:
                    folders.append(where)
            elif _wanted(entry.name) and where not in skipped:
                yield Source(where)
        pending.extend(reversed(folders))


def _wanted(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def _real(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))
