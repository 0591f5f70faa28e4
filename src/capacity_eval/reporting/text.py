"""Making free text safe to lay out: cleaned, capped, and breakable.

WeasyPrint's line breaking grows quadratically with the length of an unbroken run of
characters in a table cell: a 20,000-character "word" takes seconds. Every string
that reaches the layout goes through `fit`, which caps its length and puts a
zero-width space (a break opportunity that prints nothing) into long runs, so any
response lays out in bounded time. Escaping is not done here: Jinja2 autoescape does it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

ZWSP = "\u200b"
RUN = 24
"""Runs of non-space characters longer than this get break opportunities."""
CHUNK = 16
"""At most this many characters between two break opportunities inside a long run."""
SOFT_BREAK_AFTER = frozenset("/\\.-_?&=#:;,|+~@")
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")


@dataclass(frozen=True, slots=True)
class Fitted:
    """A text ready for layout; `shortened` when characters were left out."""

    text: str
    shortened: bool = False
    length: int = 0


def clean(text: str) -> str:
    """`text` without control characters (newlines and tabs kept, CR LF made LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )


def fit(text: str, limit: int) -> Fitted:
    """`text` cleaned, cut to `limit` characters (at a space when one is near) and breakable."""
    cleaned = clean(text).strip()
    shortened = len(cleaned) > limit
    if shortened:
        cut = cleaned[:limit]
        space = cut.rfind(" ", max(0, limit - 40))
        cleaned = (cut[:space] if space > 0 else cut).rstrip() + " …"
    return Fitted(breakable(cleaned), shortened, len(text))


def line(text: str, limit: int) -> str:
    """A one-line label: whitespace collapsed, cut to `limit` with an ellipsis, breakable."""
    collapsed = " ".join(clean(text).split())
    if len(collapsed) > limit:
        collapsed = collapsed[: max(1, limit - 1)].rstrip() + "…"
    return breakable(collapsed)


def breakable(text: str) -> str:
    """`text` with a zero-width space after punctuation and every `CHUNK` characters inside
    runs of more than `RUN` non-space characters; shorter words are left alone."""
    if len(text) <= RUN:
        return text
    out: list[str] = []
    run = since = 0
    for index, ch in enumerate(text):
        if ch.isspace():
            run = since = 0
            out.append(ch)
            continue
        if run >= RUN and since >= CHUNK and _may_break_before(text, index):
            out.append(ZWSP)
            since = 0
        out.append(ch)
        run += 1
        since += 1
        if (
            ch in SOFT_BREAK_AFTER
            and run >= RUN // 2
            and _may_break_before(text, index + 1)
            and _long_run(text, index - run + 1)
        ):
            out.append(ZWSP)
            since = 0
    return "".join(out)


def _long_run(text: str, start: int) -> bool:
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
        if end - start > RUN:
            return True
    return False


def _may_break_before(text: str, index: int) -> bool:
    """False between a character and its combining marks or joiners."""
    if index >= len(text):
        return False
    ch = text[index]
    if ch in _JOINERS or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return False
    return not (index > 0 and text[index - 1] in _JOINERS)


def identifier(value: str, width: int = 8) -> str:
    """An id that may break after `-`, `_` or `.` (and every `width` characters) when it is
    longer than `width`; short ids are left alone."""
    if len(value) <= width:
        return value
    out: list[str] = []
    since = 0
    for ch in value:
        if since >= width and ch not in "-_.":
            out.append(ZWSP)
            since = 0
        out.append(ch)
        since += 1
        if ch in "-_.":
            out.append(ZWSP)
            since = 0
    return "".join(out).rstrip(ZWSP)


def number(value: float | int) -> str:
    """A number as people read it: no trailing `.0`, at most two decimals, thousands
    grouped with a narrow no-break space (the international convention, the same in
    every language of the tool)."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{abs(value):.2f}".partition(".")
        decimals = decimals.rstrip("0")
    else:
        whole, decimals = str(abs(int(value))), ""
    grouped = whole
    if len(whole) > 4:
        groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)]
        grouped = "\u202f".join(reversed(groups))
    sign = "-" if value < 0 else ""
    return f"{sign}{grouped}.{decimals}" if decimals else f"{sign}{grouped}"


def parse_date(value: object) -> datetime | None:
    """An ISO 8601 date or timestamp as a datetime (naive when it has no offset), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def from_epoch(value: str | None) -> datetime | None:
    """A `SOURCE_DATE_EPOCH` value (seconds since 1970, UTC) as a datetime, or None."""
    if value is None or not value.strip().isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(value.strip()), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def w3c_date(moment: datetime) -> str:
    """The W3C date-time form PDF metadata take: with its offset, or the date alone when
    the time zone is unknown."""
    if moment.tzinfo is None:
        return moment.date().isoformat()
    offset = moment.utcoffset()
    stamp = moment.replace(microsecond=0).isoformat()
    return stamp.replace("+00:00", "Z") if offset is not None and not offset else stamp
