"""Reading the inputs of a comparison: result files, responses (scored here) and folders.

A folder (such as a `batch` OUTDIR) is searched recursively for `*.json` result files
and, when an instrument is given, for `*.yaml`/`*.yml` responses too. A file that
cannot be used is never fatal: it is listed as excluded with its first problem, and
every problem is kept for the command line to print.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, UsageError
from ..i18n import t
from ..limits import max_file_bytes
from ..loading.files import (
    check_instrument,
    check_response_document,
    check_result_document,
    explain_unknown_kind,
    peek_instrument_ref,
    read_any,
)
from ..loading.source import Document
from ..model import RESULT_SCHEMA, Instrument, Response, Result
from ..scoring.engine import score_response
from ..scoring.plan import plan_for
from ..scoring.result import result_document
from ..search_path import find_instrument
from .records import OVERALL, Cell, Entry, Excluded, Finding, Stamp

RESPONSE_SUFFIXES = (".yaml", ".yml")


@dataclass
class Loaded:
    """Everything read from the inputs."""

    entries: list[Entry] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    instruments: dict[tuple[str, str], Instrument] = field(default_factory=dict)


def input_files(inputs: Sequence[Path], with_responses: bool) -> list[tuple[Path, bool]]:
    """The files to read, each with whether it was named explicitly (folders are walked)."""
    suffixes = (".json", *RESPONSE_SUFFIXES) if with_responses else (".json",)
    found: dict[Path, bool] = {}
    for item in inputs:
        if item.is_dir():
            for path in _walk(item, suffixes):
                found.setdefault(path, False)
        else:
            found[item] = True
    return list(found.items())


def _walk(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files under `folder` with one of `suffixes`, sorted, hidden files and folders skipped."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.suffix.lower() in suffixes and path.is_file():
            yield path


def load_inputs(
    inputs: Sequence[Path],
    instrument: Instrument | None,
    lang: str | None = None,
    *,
    draft_warnings: bool = True,
) -> Loaded:
    """Read every input; responses are scored with `instrument` (or the one they name).

    `lang` is the language of the texts in the results scored here. With
    `draft_warnings=False` the warnings about draft responses (which a comparison without
    drafts sets apart anyway) are not kept; their errors always are.
    """
    reader = _Reader(instrument, lang)
    reader.draft_warnings = draft_warnings
    for path, explicit in input_files(inputs, instrument is not None):
        reader.read(path, explicit)
    reader.find_scoring_instruments()
    return reader.loaded


class _Reader:
    def __init__(self, instrument: Instrument | None, lang: str | None) -> None:
        self.instrument = instrument
        self.lang = lang
        self.loaded = Loaded()
        if instrument is not None:
            self.loaded.instruments[(instrument.id, instrument.version)] = instrument
        self.missing: set[tuple[str, str]] = set()
        self.draft_warnings = True

    def read(self, path: Path, explicit: bool) -> None:
        source = str(path)
        fast = _fast_result(path)
        if fast is not None:
            self.loaded.entries.append(entry_from_result(fast, source))
            return
        doc, kind = read_any(path)
        if kind == "result":
            self.read_result(doc, source)
        elif kind == "response":
            self.read_response(doc, source, explicit)
        elif kind == "instrument":
            if explicit:
                message = t("compare.input_is_instrument")
                self.loaded.problems.append(Problem(source, None, None, message, "warning"))
        elif doc.ok and (explicit or _claims_our_schema(doc)):
            explain_unknown_kind(doc)
            self.invalid(source, doc.problems)
        elif not doc.ok:  # unreadable: whether ours or not, say so rather than skip it
            self.invalid(source, doc.problems)

    def read_result(self, doc: Document, source: str) -> None:
        checked = check_result_document(doc)
        if checked.value is None:
            self.invalid(source, checked.problems)
            return
        data = checked.value.model_dump(mode="json", by_alias=True, exclude_unset=True)
        problems = range_problems(data, doc)
        if problems:
            self.invalid(source, problems)
            return
        self.loaded.entries.append(entry_from_result(data, source))

    def read_response(self, doc: Document, source: str, explicit: bool) -> None:
        if self.instrument is None:
            if explicit:
                raise UsageError(t("compare.response_needs_instrument", path=source))
            return
        ref = peek_instrument_ref(doc)
        target = self.instrument_for(ref) if ref is not None else self.instrument
        if target is None:
            assert ref is not None
            message = t("compare.instrument_unknown", id=ref[0], version=ref[1])
            self.loaded.problems.append(doc.problem(("instrument",), message, severity="warning"))
            self.loaded.excluded.append(_unscored(doc, source, ref))
            return
        checked = check_response_document(doc, target)
        draft = checked.value is not None and checked.value.status == "draft"
        quiet = draft and not self.draft_warnings
        self.loaded.problems.extend(checked.errors if quiet else checked.problems)
        if checked.value is None:
            self.invalid(source, checked.problems, report=False)
            return
        response = checked.value
        scored, _ = score_response(target, response)
        data = result_document(scored, self.lang)
        self.loaded.entries.append(entry_from_result(data, source, response))

    def instrument_for(self, ref: tuple[str, str]) -> Instrument | None:
        """The instrument a response names: `-i` when it matches, else one on the search path."""
        known = self.loaded.instruments.get(ref)
        if known is not None or ref in self.missing:
            return known
        path = find_instrument(*ref)
        found = check_instrument(path).value if path is not None else None
        if found is None:
            self.missing.add(ref)
            return None
        self.loaded.instruments[ref] = found
        return found

    def find_scoring_instruments(self) -> None:
        """Look up, on the search path, the instruments that scored the results read.

        An instrument found is kept only when its digest is the one the results name, so
        titles and levels come from exactly what scored them.
        """
        known = self.loaded.instruments
        for stamp in sorted({e.stamp for e in self.loaded.entries}, key=lambda s: s.digest):
            ref = (stamp.id, stamp.version)
            if ref in known or ref in self.missing:
                continue
            path = find_instrument(*ref)
            found = check_instrument(path).value if path is not None else None
            if found is not None and plan_for(found).digest == stamp.digest:
                known[ref] = found
            else:
                self.missing.add(ref)

    def invalid(self, source: str, problems: list[Problem], report: bool = True) -> None:
        errors = [p for p in problems if p.severity == "error"] or problems
        if report:
            self.loaded.problems.extend(problems)
        detail = str(errors[0]) if errors else ""
        self.loaded.excluded.append(Excluded(source, "invalid", detail=detail))


def _claims_our_schema(doc: Document) -> bool:
    schema = doc.data.get("schema") if isinstance(doc.data, dict) else None
    return isinstance(schema, str) and schema.startswith("capacity-eval/")


def _unscored(doc: Document, source: str, ref: tuple[str, str]) -> Excluded:
    data: Any = doc.data
    entity = data.get("entity") if isinstance(data.get("entity"), dict) else {}
    period = data.get("period")
    return Excluded(
        source,
        "unscored",
        entity=_text_or_none(entity.get("id")),
        name=_text_or_none(entity.get("name")),
        period=_text_or_none(period),
        stamp=Stamp(ref[0], ref[1], ""),
        detail=f"{ref[0]} {ref[1]}",
    )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class _Duplicate(Exception):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


def _refuse_constant(_: str) -> Any:
    raise _Duplicate


def _fast_result(path: Path) -> dict[str, Any] | None:
    """A valid result read with the JSON parser, or None to take the slow, located path.

    Result files are machine-written and many; this path is about 15 times faster. Any
    doubt (not JSON, duplicate keys, NaN, invalid, out of range) falls back to the reader
    that locates every problem.
    """
    if path.suffix.lower() != ".json":
        return None
    try:
        if path.stat().st_size > max_file_bytes():  # the slow path says it is too large
            return None
        with path.open("rb") as handle:
            raw = handle.read()
        data = json.loads(
            raw.decode("utf-8-sig"),
            object_pairs_hook=_refuse_duplicates,
            parse_constant=_refuse_constant,
        )
    except (OSError, ValueError, _Duplicate, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("schema") != RESULT_SCHEMA:
        return None
    try:
        checked = Result.model_validate(data).model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )
    except ValidationError:
        return None
    return None if range_problems(checked, None) else checked


def range_problems(data: Mapping[str, Any], doc: Document | None) -> list[Problem]:
    """Scores outside 0-100 and coverages outside 0-1 (the result model does not bound them)."""
    problems: list[Problem] = []
    name = doc.name if doc is not None else ""
    nodes: list[tuple[tuple[str, ...], Mapping[str, Any]]] = [(("overall",), data["overall"])]
    nodes += [(("nodes", key), node) for key, node in data["nodes"].items()]
    for path, node in nodes:
        for key, upper in (("score", 100.0), ("raw_score", 100.0), ("coverage", 1.0)):
            value = node.get(key)
            if value is not None and not 0 <= value <= upper:
                line, col = doc.where((*path, key)) if doc is not None else (None, None)
                message = t("compare.out_of_range", key=key, value=value, upper=f"{upper:g}")
                problems.append(Problem(name, line, col, message))
    return problems


def entry_from_result(
    data: Mapping[str, Any], source: str, response: Response | None = None
) -> Entry:
    """An `Entry` from a valid result document (JSON-ready data)."""
    nodes: Mapping[str, Any] = data["nodes"]
    domains = tuple(key for key, node in nodes.items() if node["kind"] == "domain")
    cells = {OVERALL: cell_of(data["overall"])}
    cells.update((key, cell_of(nodes[key])) for key in domains)
    entity = data["entity"]
    instrument = data["instrument"]
    return Entry(
        source=source,
        entity=entity["id"],
        name=entity["name"],
        country=entity["country"],
        period=data["period"],
        status=data.get("status") or "submitted",
        language=data["language"],
        stamp=Stamp(instrument["id"], instrument["version"], instrument["digest"]),
        cells=cells,
        domains=domains,
        flags=tuple(Finding(f["rule"], f["severity"], f["message"]) for f in data["flags"]),
        recommendations=tuple(
            Finding(r["source"], r["priority"], r["text"], _text_or_none(r.get("domain")))
            for r in data["recommendations"]
        ),
        document=data,
        response=response,
    )


def cell_of(node: Mapping[str, Any]) -> Cell:
    return Cell(
        node.get("score"), node.get("level"), node.get("coverage"), bool(node.get("insufficient"))
    )
