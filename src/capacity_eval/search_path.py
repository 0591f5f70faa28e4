"""Finding the instrument a response names: `-i`, the files given, or the search path.

The search path is `./questionnaires`, the folders listed in `CAPACITY_EVAL_PATH`
(separated by the system's path separator), and the instruments bundled with
capacity-eval.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .loading.source import read_document

SUFFIXES = (".yaml", ".yml", ".json")


def search_folders() -> list[Path]:
    folders = [Path("questionnaires")]
    extra = os.environ.get("CAPACITY_EVAL_PATH", "")
    folders += [Path(p) for p in extra.split(os.pathsep) if p]
    bundled = Path(__file__).resolve().parents[2] / "questionnaires"
    folders.append(bundled)
    unique: dict[Path, None] = {}
    for folder in folders:
        if folder.is_dir():
            unique.setdefault(folder.resolve(), None)
    return list(unique)


def instrument_files(folders: Iterable[Path]) -> Iterator[Path]:
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in SUFFIXES and path.is_file():
                yield path


def identify(path: Path) -> tuple[str, str] | None:
    """(id, version) of an instrument file, read without full validation."""
    doc = read_document(path)
    data = doc.data
    if not doc.ok or not isinstance(data, dict):
        return None
    if data.get("schema") != "capacity-eval/instrument@1":
        return None
    ident, version = data.get("id"), data.get("version")
    if isinstance(ident, str) and isinstance(version, str):
        return ident, version
    return None


def find_instrument(ident: str, version: str, candidates: Iterable[Path] = ()) -> Path | None:
    """The first file among `candidates`, then the search path, holding instrument ident@version."""
    for path in [*candidates, *instrument_files(search_folders())]:
        if identify(path) == (ident, version):
            return path
    return None
