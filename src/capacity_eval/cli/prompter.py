"""Line-based terminal input and output for `fill`.

Everything is plain lines, so filling works over SSH, in any terminal, with screen
readers, and with answers piped from a file. On a terminal, Python's `readline` (when
available) adds line editing, history and Tab completion of commands, question ids
and option values; it is never required. Colour is only bold and dim, off when
NO_COLOR is set, TERM is `dumb` or output is not a terminal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import TextIO

MIN_WIDTH, MAX_WIDTH = 40, 100
_DEFERRED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: leave as after Ctrl-C (save, then exit 130)."""


class Terminal:
    """Reads answers line by line and writes wrapped lines."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        for stream in (self.stdin, self.stdout):  # a stray non-UTF-8 byte must not stop a sitting
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        self.interactive = _isatty(self.stdin)
        self.colour = (
            _isatty(self.stdout)
            and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb"
        )
        self.width: int | None = None  # output to a file or a program is not wrapped
        if _isatty(self.stdout):
            columns = shutil.get_terminal_size((80, 24)).columns
            self.width = max(MIN_WIDTH, min(MAX_WIDTH, columns))
        self._words: list[str] = []
        self._readline = self.interactive and _isatty(self.stdout) and _setup_readline(self)

    # --- output -------------------------------------------------------------------------

    def say(self, text: str = "", indent: int = 0, style: str = "", wrap: bool = True) -> None:
        """Write `text` wrapped to the terminal width (continuation lines indented too);
        commands to copy are written with `wrap=False`, whole."""
        pad = " " * indent
        lines: list[str] = []
        for part in text.rstrip("\n").split("\n"):
            if self.width is None or not wrap:
                lines.append(pad + part if part else "")
                continue
            lines += textwrap.wrap(
                part,
                width=self.width - 1,
                initial_indent=pad,
                subsequent_indent=pad + "  ",
                break_on_hyphens=False,
            ) or [""]
        self.write("\n".join(self.styled(line, style) for line in lines) + "\n")

    def write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # a vanished terminal loses only output
            self.stdout.write(text)
            self.stdout.flush()

    def styled(self, text: str, style: str) -> str:
        codes = {"bold": "1", "dim": "2"}
        if not self.colour or style not in codes:
            return text
        return f"\x1b[{codes[style]}m{text}\x1b[0m"

    # --- input --------------------------------------------------------------------------

    def ask(self, prompt: str) -> str:
        """One line typed after `prompt` (EOFError at the end of input)."""
        if self._readline:
            line = input(prompt)
        else:
            self.write(prompt)
            line = self.stdin.readline()
            if not line:
                raise EOFError
            line = line.rstrip("\r\n")
            if not self.interactive:
                self.write(clean(line) + "\n")  # a transcript that reads like a terminal session
        return clean(line)

    def complete_with(self, words: Iterable[str]) -> None:
        """What Tab offers at the next prompt (readline only)."""
        self._words = sorted(set(words))

    def completions(self, prefix: str) -> list[str]:
        return [w for w in self._words if w.startswith(prefix)]


def clean(line: str) -> str:
    """The typed line without control characters (stray escape sequences, tabs, NUL) or
    the byte-order mark a Windows editor puts at the start of a file."""
    return "".join(ch for ch in line if unicodedata.category(ch) != "Cc" and ch != "\ufeff")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _setup_readline(term: Terminal) -> bool:
    try:
        import readline
    except ImportError:
        return False

    def complete(text: str, state: int) -> str | None:
        matches = term.completions(text)
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" ,")
    readline.parse_and_bind("tab: complete")
    return True


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back while a save is under way (POSIX)."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or not _DEFERRED:
        yield
        return
    mask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, _DEFERRED)


def leave_on_termination() -> Callable[[], None]:
    """Make SIGTERM and SIGHUP (a closed SSH session) leave like Ctrl-C; returns a
    function that puts the previous handlers back."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, handler)

    def restore() -> None:
        for number, old in previous.items():
            signal.signal(number, old)

    return restore
