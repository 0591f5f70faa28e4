"""Resource limits: how much input capacity-eval accepts before refusing it with a message.

Every limit here bounds the time or memory one hostile or broken file can cost, and is
far above what a real instrument or response needs (docs/limits.md lists them with the
message each one gives). Only the file size can be changed, through the environment
variable `CAPACITY_EVAL_MAX_FILE_SIZE`: a consultant may have a real reason to accept
larger files (long narrative answers); the others bound work that grows faster than the
file itself.
"""

from __future__ import annotations

import os
import re

FILE_SIZE_VARIABLE = "CAPACITY_EVAL_MAX_FILE_SIZE"
DEFAULT_FILE_BYTES = 5 * 1024 * 1024
"""Largest input file read, in bytes (default; see `max_file_bytes`)."""

NESTING_DEPTH = 64
"""Deepest nesting of mappings and lists in a file."""

PROBLEMS_PER_FILE = 200
"""Problems reported for one file before a last line says there are more."""

QUESTIONS_PER_INSTRUMENT = 2_000
"""Questions in one instrument (dps-core has 77)."""

TEXT_CHARS = 100_000
"""Characters in one text value: an answer, a note, an evidence item, a label."""

FORMULA_CHARS = 2_000
"""Characters in one formula of a computed question."""

FORMULA_DEPTH = 50
"""Nesting of operations and parentheses in one formula."""

FORMULA_LITERAL_DIGITS = 30
"""Characters of one number written in a formula."""

BATCH_FILES_WARNING = 100_000
"""Files in one batch above which `batch` warns before it starts: such a run takes long
and is better split by region or period (it still runs)."""

SHOW_IF_TRIALS = 200_000
"""Answer combinations tried, over a whole instrument, to find questions whose `show_if`
can never hold (a warning); past it, the remaining questions are assumed reachable."""


_SIZE = re.compile(r"^(\d{1,15})\s*([KMG]?)(?:i?B)?$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def max_file_bytes() -> int:
    """The size limit for one input file: `CAPACITY_EVAL_MAX_FILE_SIZE`, else 5 MiB.

    The variable holds bytes, or a number with K, M or G (binary multiples: `20M`);
    an unreadable or zero value leaves the default.
    """
    match = _SIZE.match(os.environ.get(FILE_SIZE_VARIABLE, "").strip())
    if match is None:
        return DEFAULT_FILE_BYTES
    size = int(match.group(1)) * _UNITS[match.group(2).lower()]
    return size if size > 0 else DEFAULT_FILE_BYTES
