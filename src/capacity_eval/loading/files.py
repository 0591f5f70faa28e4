"""Loading instrument, response and result files, with every problem located.

`check_*` functions return a `Checked` (the model, or None, and the problems found);
`load_*` functions return the model or raise `InvalidInput` listing every error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from ..errors import InvalidInput, Problem
from ..i18n import t
from ..model import INSTRUMENT_SCHEMA, RESPONSE_SCHEMA, RESULT_SCHEMA, Instrument, Response, Result
from ..scoring.conditions import ANSWERED
from ..scoring.engine import apply_visibility, missing_required, read_answers
from ..scoring.plan import CycleError, plan_for
from .instrument_checks import InstrumentChecker, never_shown
from .schema_errors import schema_problems
from .source import Document, parse_text, read_document

M = TypeVar("M")
KINDS = {INSTRUMENT_SCHEMA: "instrument", RESPONSE_SCHEMA: "response", RESULT_SCHEMA: "result"}


@dataclass
class Checked(Generic[M]):
    """A file's model (None when it has errors) and everything found wrong with it."""

    value: M | None
    problems: list[Problem] = field(default_factory=list)
    document: Document | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def unwrap(self) -> M:
        """The model, or InvalidInput when there are errors."""
        if self.value is None or self.errors:
            raise InvalidInput(self.problems)
        return self.value


def file_kind(doc: Document) -> str | None:
    """'instrument', 'response' or 'result' from the `schema` key, or None."""
    if not isinstance(doc.data, dict):
        return None
    schema = doc.data.get("schema")
    return KINDS.get(schema) if isinstance(schema, str) else None


def expect_kind(doc: Document, kind: str) -> bool:
    found = file_kind(doc)
    if found == kind:
        return True
    schema = doc.data.get("schema") if isinstance(doc.data, dict) else None
    if found is not None:
        doc.add(("schema",), t("load.wrong_kind", found=found, expected=kind))
    elif schema is None:
        doc.add((), t("load.no_schema", expected=_schema_of(kind)))
    else:
        doc.add(
            ("schema",),
            t("load.unknown_schema", value=str(schema)[:60], expected=f"`{_schema_of(kind)}`"),
        )
    return False


def explain_unknown_kind(doc: Document) -> None:
    """Add the problem of a file whose `schema` names none of the three file kinds."""
    schema = doc.data.get("schema") if isinstance(doc.data, dict) else None
    expected = ", ".join(f"`{s}`" for s in KINDS)
    if schema is None:
        doc.add((), t("load.no_schema_any", expected=expected))
    else:
        doc.add(("schema",), t("load.unknown_schema", value=str(schema)[:60], expected=expected))


def _schema_of(kind: str) -> str:
    return next(schema for schema, k in KINDS.items() if k == kind)


# --- instruments -------------------------------------------------------------------------


def check_instrument_document(doc: Document) -> Checked[Instrument]:
    """Validate a parsed instrument: schema, then the checks of `instrument_checks`."""
    if not doc.ok or not expect_kind(doc, "instrument"):
        return Checked(None, doc.sorted_problems(), doc)
    try:
        instrument = Instrument.model_validate(doc.data)
    except ValidationError as exc:
        doc.problems.extend(schema_problems(doc, exc, "instrument"))
        return Checked(None, doc.sorted_problems(), doc)
    InstrumentChecker(instrument, doc).run()
    if doc.ok:
        try:
            plan_for(instrument)
        except CycleError as exc:
            doc.add(("domains",), t("check.cycle", ids=str(exc)))
    if doc.ok:
        for qid in never_shown(instrument):
            path = _question_path(instrument, qid)
            doc.add((*path, "show_if"), t("check.never_shown", id=qid), severity="warning")
    return Checked(instrument if doc.ok else None, doc.sorted_problems(), doc)


def _question_path(instrument: Instrument, qid: str) -> tuple[str | int, ...]:
    for d, domain in enumerate(instrument.domains):
        for s, section in enumerate(domain.sections):
            for q, question in enumerate(section.questions):
                if question.id == qid:
                    return ("domains", d, "sections", s, "questions", q)
    return ()


def check_instrument(path: str | Path) -> Checked[Instrument]:
    return check_instrument_document(read_document(path))


def load_instrument(path: str | Path) -> Instrument:
    """Read and validate an instrument file; raise InvalidInput listing every error."""
    return check_instrument(path).unwrap()


def instrument_from_text(text: str, name: str = "<instrument>") -> Instrument:
    return check_instrument_document(parse_text(text, name)).unwrap()


# --- responses ---------------------------------------------------------------------------


def check_response_document(doc: Document, instrument: Instrument | None) -> Checked[Response]:
    """Validate a parsed response; with an instrument, its answers too (FORMAT.md section 2)."""
    if not doc.ok or not expect_kind(doc, "response"):
        return Checked(None, doc.sorted_problems(), doc)
    try:
        response = Response.model_validate(doc.data)
    except ValidationError as exc:
        doc.problems.extend(schema_problems(doc, exc, "response"))
        return Checked(None, doc.sorted_problems(), doc)
    if instrument is not None:
        check_answers(doc, response, instrument)
    return Checked(response if doc.ok else None, doc.sorted_problems(), doc)


def check_answers(doc: Document, response: Response, instrument: Instrument) -> list[Any] | None:
    """Add to `doc` the problems of `response` measured against `instrument`.

    Returns the typed answers (as `engine.read_answers` gives them, for `engine.evaluate`),
    or None when the response is for another instrument.
    """
    ref = response.instrument
    if ref.id != instrument.id or ref.version != instrument.version:
        doc.add(
            ("instrument",),
            t(
                "response.instrument_mismatch",
                id=ref.id,
                version=ref.version,
                expected_id=instrument.id,
                expected_version=instrument.version,
            ),
        )
        return None
    if response.language not in instrument.languages:
        doc.add(
            ("language",),
            t(
                "response.language",
                language=response.language,
                languages=", ".join(instrument.languages),
            ),
            severity="warning",
        )
    plan = plan_for(instrument)
    values, issues = read_answers(plan, response)
    for issue in issues:
        doc.add(("answers", *issue.path), issue.message)
    state = apply_visibility(plan, values)
    for q in plan.questions:
        evidence = q.model.evidence
        if evidence is not None and evidence.required and state.status[q.index] == ANSWERED:
            answer = response.answers.get(q.id)
            if answer is not None and not answer.evidence:
                doc.add(
                    ("answers", q.id), t("response.evidence_required", id=q.id), severity="warning"
                )
    missing = missing_required(plan, state)
    if missing:
        severity = "error" if response.status == "submitted" else "warning"
        key = (
            "response.missing_required_submitted"
            if severity == "error"
            else "response.missing_required_draft"
        )
        doc.add(
            ("status",) if severity == "error" else ("answers",),
            t(key, count=len(missing), ids=_some(missing)),
            severity=severity,
        )
    return values


def _some(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f", … (+{len(ids) - limit})" if len(ids) > limit else "")


def check_response(path: str | Path, instrument: Instrument | None) -> Checked[Response]:
    return check_response_document(read_document(path), instrument)


def load_response(path: str | Path, instrument: Instrument | None = None) -> Response:
    """Read and validate a response (against `instrument` when given); raise InvalidInput."""
    return check_response(path, instrument).unwrap()


# --- results -----------------------------------------------------------------------------


def check_result_document(doc: Document) -> Checked[Result]:
    if not doc.ok or not expect_kind(doc, "result"):
        return Checked(None, doc.sorted_problems(), doc)
    try:
        result = Result.model_validate(doc.data, strict=False)
    except ValidationError as exc:
        doc.problems.extend(schema_problems(doc, exc, "result"))
        return Checked(None, doc.sorted_problems(), doc)
    return Checked(result, doc.sorted_problems(), doc)


def load_result(path: str | Path) -> Result:
    """Read a result file written by `score -o` or `batch`."""
    return check_result_document(read_document(path)).unwrap()


def read_any(path: str | Path) -> tuple[Document, str | None]:
    """Parse a file and tell its kind from `schema` (None when unknown or unreadable)."""
    doc = read_document(path)
    return doc, file_kind(doc) if doc.ok else None


def peek_instrument_ref(doc: Document) -> tuple[str, str] | None:
    """The (id, version) a response document names, without validating it."""
    data: Any = doc.data
    if isinstance(data, dict) and isinstance(data.get("instrument"), dict):
        ref = data["instrument"]
        if isinstance(ref.get("id"), str) and isinstance(ref.get("version"), str):
            return ref["id"], ref["version"]
    return None
