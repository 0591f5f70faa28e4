"""File names for results and reports, made from an entity id and a period.

Entity ids and periods come from files that others wrote, so the name built from them
must be safe on every file system: no folder separators or `..`, no characters
Windows refuses, no reserved device names (CON, NUL, COM1, ...), no leading dot,
no trailing dot or space, not too long. Two responses whose names come out the same
(for instance `a/b` and `a_b`, or `ABC` and `abc` on a case-insensitive disk) get
`-2`, `-3`, ... in the order the batch reads them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_STEM_BYTES = 120
_UNSAFE = re.compile(r"[^\w.-]+")
_RUNS = re.compile(r"_{2,}")
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"com{n}" for n in "123456789¹²³"}
    | {f"lpt{n}" for n in "123456789¹²³"}
)


def safe_stem(entity_id: str, period: str) -> str:
    """A file name stem for one entity and period, safe on any file system."""
    text = unicodedata.normalize("NFC", f"{entity_id}_{period}")
    stem = _UNSAFE.sub("_", text)
    stem = _RUNS.sub("_", stem).strip("._ ")
    if not stem:
        stem = "response"
    if stem.split(".", 1)[0].casefold() in _WINDOWS_RESERVED:
        stem = "_" + stem
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = _shortened(stem, text)
    return stem


def _shortened(stem: str, original: str) -> str:
    """Cut `stem` to fit, keeping it distinct with a short hash of the original text."""
    tag = hashlib.sha256(original.encode("utf-8")).hexdigest()[:10]
    room = MAX_STEM_BYTES - len(tag) - 1
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip("._ ")
    return f"{cut}-{tag}"


class NameBook:
    """Hands out unique stems, in the order they are asked for."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, stem: str) -> str:
        """`stem`, or `stem-2`, `stem-3`, ... if a name equal up to case is taken."""
        candidate, number = stem, 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = f"{stem}-{number}"
        self._taken.add(candidate.casefold())
        return candidate
