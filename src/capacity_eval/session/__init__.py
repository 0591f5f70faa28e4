"""Interactive completion of a response (`capacity-eval fill`), without the terminal.

`machine.FillSession` holds the answers and the navigation through the questions,
`answers` reads a typed line as an answer, `commands` tells commands from answers,
`summary` scores what is answered so far, `storage` saves the response atomically
and `lock` keeps two processes from filling the same file.
"""

from .answers import InputRejected
from .commands import COMMANDS, Command, parse_line
from .lock import LockBusy, ResponseLock
from .machine import FillSession, Progress
from .storage import (
    load_response_for_fill,
    remove_leftovers,
    response_text,
    save_response,
    utc_now,
)
from .summary import NodeSummary, Summary, summarise

__all__ = [
    "COMMANDS",
    "Command",
    "FillSession",
    "InputRejected",
    "LockBusy",
    "NodeSummary",
    "Progress",
    "ResponseLock",
    "Summary",
    "load_response_for_fill",
    "parse_line",
    "remove_leftovers",
    "response_text",
    "save_response",
    "summarise",
    "utc_now",
]
