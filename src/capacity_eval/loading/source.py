"""Reading a file people wrote by hand into plain data, keeping the line of every key.

YAML (and JSON, which YAML reads too) is turned into dicts, lists and strings from
the parser's event stream, so that we can refuse what the format forbids as we meet
it: anchors and aliases, explicit tags, duplicate keys, nesting too deep, and control
characters (escape sequences of double-quoted scalars could otherwise carry terminal
commands into what we print). Plain (unquoted) scalars are kept as their text: what a
value means is decided by the schema at that place, never by YAML 1.1's implicit typing
(`NO`, `yes`, `010`, `12:30` and `2024-01-02` stay strings). A plain empty scalar, `~`
or `null` is None.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import limits
from ..errors import Problem
from ..i18n import t

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

DEFAULT_MAX_BYTES = limits.DEFAULT_FILE_BYTES
MAX_DEPTH = limits.NESTING_DEPTH
MAX_PROBLEMS = limits.PROBLEMS_PER_FILE
TOO_MANY = "load.too_many"  # code of the last problem kept, which says there are more
_YAML_TAG = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# C0 and C1 control characters and DEL; tabs and line breaks are text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SCALAR = yaml.ScalarEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent


@dataclass
class Document:
    """A parsed file: its data, where each key and item stands, and what went wrong."""

    name: str
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def sorted_problems(self) -> list[Problem]:
        """The problems in file order; those of the whole file first, "more..." last."""
        return sorted(self.problems, key=lambda p: (p.code == TOO_MANY, p.line or 0, p.col or 0))

    def where(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Line and column of `path`, or of its nearest ancestor that has a mark."""
        key = tuple(path)
        while key:
            mark = self.marks.get(key)
            if mark is not None:
                return mark
            key = key[:-1]
        return self.marks.get((), (1, 1)) if self.marks else (None, None)

    def problem(
        self, path: Sequence[str | int], message: str, *, severity: str = "error", code: str = ""
    ) -> Problem:
        line, col = self.where(path)
        return Problem(
            self.name, line, col, message, "warning" if severity == "warning" else "error", code
        )

    def add(
        self, path: Sequence[str | int], message: str, *, severity: str = "error", code: str = ""
    ) -> None:
        self.append(self.problem(path, message, severity=severity, code=code))

    def append(self, problem: Problem) -> None:
        """Keep `problem`, up to MAX_PROBLEMS; past that, one line says there are more."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append(
                Problem(
                    self.name, None, None, t("load.too_many", limit=MAX_PROBLEMS), code=TOO_MANY
                )
            )


def read_document(path: str | Path, *, display_name: str | None = None) -> Document:
    """Read and parse one file; problems (unreadable, too large, bad syntax) land in `problems`."""
    name = display_name or str(path)
    doc = Document(name)
    raw = _read_bytes(Path(path), doc)
    if raw is None:
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    return parse_text(text, name, doc=doc, json_hint=str(path).lower().endswith(".json"))


def read_bytes(path: str | Path, doc: Document) -> bytes | None:
    """A file's bytes, within the size limit; what stops reading it goes to `doc.problems`."""
    return _read_bytes(Path(path), doc)


def parse_bytes(raw: bytes, name: str, *, json_hint: bool = False) -> Document:
    """Decode (UTF-8, a BOM accepted) and parse the content of a file read earlier."""
    doc = Document(name)
    text = _decode(raw, doc)
    if text is None:
        return doc
    return parse_text(text, name, doc=doc, json_hint=json_hint)


def _read_bytes(path: Path, doc: Document) -> bytes | None:
    limit = limits.max_file_bytes()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            doc.problems.append(Problem(doc.name, None, None, t("load.not_regular")))
            return None
        if info.st_size > limit:
            doc.problems.append(
                Problem(doc.name, None, None, t("load.too_large", size=info.st_size, limit=limit))
            )
            return None
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        doc.problems.append(Problem(doc.name, None, None, t("load.not_found")))
        return None
    except IsADirectoryError:
        doc.problems.append(Problem(doc.name, None, None, t("load.not_regular")))
        return None
    except OSError as exc:
        doc.problems.append(
            Problem(doc.name, None, None, t("load.unreadable", reason=exc.strerror or str(exc)))
        )
        return None
    if len(raw) > limit:
        doc.problems.append(
            Problem(doc.name, None, None, t("load.too_large", size=len(raw), limit=limit))
        )
        return None
    return raw


def _decode(raw: bytes, doc: Document) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(Problem(doc.name, line, col, t("load.not_utf8")))
        return None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        doc.problems.append(Problem(doc.name, line, None, t("load.nul_byte")))
        return None
    return text


def parse_text(
    text: str, name: str = "<string>", *, doc: Document | None = None, json_hint: bool = False
) -> Document:
    """Parse YAML or JSON text into a `Document` (see the module docstring for the rules)."""
    doc = doc or Document(name)
    if not text.strip():
        doc.problems.append(Problem(name, 1, None, t("load.empty")))
        return doc
    try:
        _Builder(doc).run(text)
    except _Abort:
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        doc.problems.append(_syntax_problem(name, exc, text, json_hint))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        doc.data = None
        doc.problems.append(_reader_problem(name, exc, text))
    except yaml.YAMLError as exc:  # other errors without a position
        doc.data = None
        detail = (str(exc).splitlines() or [""])[0]
        doc.problems.append(Problem(name, None, None, t("load.syntax", detail=detail)))
    if doc.ok and not isinstance(doc.data, dict):
        doc.problems.append(Problem(name, 1, 1, t("load.not_mapping")))
    return doc


def _reader_problem(name: str, exc: yaml.reader.ReaderError, text: str) -> Problem:
    """Where the first character YAML refuses is (the C reader counts bytes, the Python
    one characters: the first occurrence of that character is the one either means)."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    offset = text.find(char)
    if offset < 0:
        return Problem(name, None, None, t("load.bad_char", code=f"U+{ord(char[:1] or ' '):04X}"))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Problem(name, line, col, t("load.bad_char", code=f"U+{ord(char):04X}"))


def _syntax_problem(name: str, exc: yaml.MarkedYAMLError, text: str, json_hint: bool) -> Problem:
    if json_hint:
        try:
            json.loads(text)
        except json.JSONDecodeError as jexc:
            return Problem(name, jexc.lineno, jexc.colno, t("load.json_syntax", detail=jexc.msg))
        except (ValueError, RecursionError):  # a huge integer, deep nesting: YAML's mark will do
            pass
    mark = exc.problem_mark or exc.context_mark
    detail = exc.problem or exc.context or "syntax error"
    if mark is None:
        return Problem(name, None, None, t("load.syntax", detail=detail))
    return Problem(name, mark.line + 1, mark.column + 1, t("load.syntax", detail=detail))


class _Frame:
    __slots__ = ("container", "key", "key_line", "path", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_line = 0
        self.seen: dict[str, int] = {}


class _Builder:
    """Builds plain data from parser events, with an explicit stack (no recursion)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.stack: list[_Frame] = []
        self.documents = 0
        self.reported: set[str] = set()  # anchors and aliases are reported once per file

    def run(self, text: str) -> None:
        loader = _Loader(text)
        next_event = loader.get_event  # None once the stream has ended
        stack = self.stack
        # The reader refuses raw control characters, so a scalar holds one only through a
        # double-quoted escape (`\e`, `\x1b`, `\N`...) or a raw NEL: without a backslash
        # or a NEL in the text, the fast path need not look for them.
        clean = "\\" not in text and "\x85" not in text
        try:
            while (event := next_event()) is not None:
                # Fast path for the two most frequent events (same effect as `handle`):
                # an untagged scalar that is the value of a mapping key, and an end event.
                kind = type(event)
                scalar: yaml.ScalarEvent = event  # type: ignore[assignment]  # if kind says so
                if (
                    kind is _SCALAR
                    and stack
                    and scalar.anchor is None
                    and scalar.tag is None
                    and (clean or _CONTROL.search(scalar.value) is None)
                ):
                    value: str | None = scalar.value
                    if not scalar.style and value in _NULLS:
                        value = None
                    frame = stack[-1]
                    if frame.key is not None:
                        frame.container[frame.key] = value  # type: ignore[call-overload]
                        frame.key = None
                    else:
                        self.place(event, value)
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    stack.pop()
                else:
                    self.handle(event)
        finally:
            loader.dispose()

    def problem(self, event: yaml.Event, message: str) -> None:
        line, col = _position(event)
        self.doc.append(Problem(self.doc.name, line, col, message))

    def handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.check_node(event)
            control = _CONTROL.search(event.value)
            if control is not None:
                self.problem(event, t("load.control_char", code=f"U+{ord(control.group()):04X}"))
            plain = not event.style  # the C parser says '' for plain, the Python one None
            value = None if plain and event.value in _NULLS else event.value
            self.place(event, value)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.check_node(event)
            if len(self.stack) >= MAX_DEPTH:
                self.problem(event, t("load.too_deep", depth=MAX_DEPTH))
                raise _Abort
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            path = self.place(event, container)
            self.stack.append(_Frame(container, path))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.stack.pop()
        elif isinstance(event, yaml.AliasEvent):
            if "alias" not in self.reported:
                self.reported.add("alias")
                self.problem(event, t("load.alias", name=event.anchor))
            self.place(event, None)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(event, t("load.many_documents"))
                raise _Abort

    def check_node(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None and "anchor" not in self.reported:
            self.reported.add("anchor")
            self.problem(event, t("load.anchor", name=event.anchor))
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag
            self.problem(event, t("load.tag", tag=shown))

    def place(self, event: yaml.Event, value: Any) -> Path_:
        """Put a value where the parser is: root, a list item, a mapping key or value."""
        here = _position(event)
        if not self.stack:
            self.doc.data = value
            self.doc.marks[()] = here
            return ()
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            path = (*frame.path, len(container))
            container.append(value)
            self.doc.marks[path] = here
            return path
        if frame.key is None:  # this event is a key
            if not isinstance(event, yaml.ScalarEvent):
                self.problem(event, t("load.complex_key"))
                raise _Abort
            key = "" if value is None else str(value)
            first = frame.seen.get(key)
            if first is not None:
                self.problem(event, t("load.duplicate_key", key=key, first=first))
            frame.seen[key] = here[0]
            frame.key, frame.key_line = key, here[0]
            self.doc.marks[(*frame.path, key)] = here
            return frame.path
        key = frame.key
        frame.key = None
        path = (*frame.path, key)
        container[key] = value
        return path


def _position(event: yaml.Event) -> tuple[int, int]:
    """1-based line and column where an event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Abort(Exception):
    """Stops building after a problem that makes the rest meaningless."""
