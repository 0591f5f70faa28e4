"""Assessing one file of a batch: parse, validate, score, write its result (and report).

This runs in worker processes, so it only touches the file system to write its own
`.partial-` outputs; the batch decides their final names. It never raises: a file
that breaks something unexpected becomes an error of that file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError, Problem, UserError
from ..fileio import output_error
from ..i18n import t
from ..loading.files import check_answers, check_response_document
from ..loading.source import parse_bytes
from ..model import Instrument
from ..scoring.engine import evaluate
from ..scoring.plan import plan_for
from ..scoring.result import result_document
from .naming import safe_stem
from .outcome import SEVERITIES, Job, Located, Outcome
from .outputs import discard, file_sha256, partial_path, write_partial


def _encoder() -> Callable[[Any], str]:
    """A JSON encoder for many small values: CPython's C encoder made once and reused (the
    public `json.dumps` builds it again on every call), else the standard one."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has the C accelerator
        return json.JSONEncoder(ensure_ascii=False).encode
    encode = make(None, None, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_ENCODE = _encoder()


@dataclass(frozen=True)
class Context:
    """What every assessment of a batch shares."""

    instrument: Instrument
    results: Path  # folder of result files
    reports: Path | None  # folder of PDF reports; None: no reports
    lang: str | None  # language of results and reports (None: each response's own)


def assess(ctx: Context, job: Job) -> Outcome:
    """Assess one file; every problem, expected or not, ends up in `Outcome.errors`."""
    try:
        return _assess(ctx, job)
    except UserError as exc:  # an output that cannot be written, say
        return Outcome([(None, None, str(exc))], lasting=False)
    except Exception as exc:  # a bug must cost one file, never the batch
        return Outcome(
            [(None, None, t("batch.internal_error", detail=f"{type(exc).__name__}: {exc}"))],
            lasting=False,
        )


def _assess(ctx: Context, job: Job) -> Outcome:
    doc = parse_bytes(job.raw, job.name, json_hint=job.json_hint)
    response = check_response_document(doc, None).value
    values = check_answers(doc, response, ctx.instrument) if response is not None else None
    errors = _located(doc.problems)
    if errors:
        return Outcome(errors)
    assert response is not None and values is not None  # no errors: both were made
    result = result_document(evaluate(plan_for(ctx.instrument), response, values), ctx.lang)
    data = result_json(result).encode("utf-8")
    stem = safe_stem(response.entity.id, response.period)  # the batch may add -2, -3...
    partial = write_partial(ctx.results / f"{stem}.json", data)
    outcome = Outcome(
        fields=summary_fields(result, ctx.instrument),
        key=(response.entity.id, response.period),
        key_at=doc.where(("entity", "id")),
        result_sha=hashlib.sha256(data).hexdigest(),
        result_partial=str(partial),
    )
    if ctx.reports is not None:
        _render(ctx, ctx.reports / f"{stem}.pdf", result, outcome)
    return outcome


def _located(problems: list[Problem]) -> list[Located]:
    errors = [p for p in problems if p.severity == "error"]
    errors.sort(key=lambda p: (p.line or 0, p.col or 0))
    return [(p.line, p.col, p.message) for p in errors]


def _render(ctx: Context, target: Path, result: dict[str, Any], outcome: Outcome) -> None:
    """Render the PDF report under a partial name next to `target`; a failure is noted in
    `outcome.report_error`, not raised."""
    from ..reporting import render_report

    partial: Path | None = None
    sha: str | None = None
    try:
        partial = partial_path(target.parent, ".pdf")
        render_report(ctx.instrument, result, partial, lang=result["language"])
        sha = file_sha256(partial)
    except OSError as exc:
        outcome.report_error = str(output_error(target, exc))
    except OutputError as exc:  # name the report, not the partial file
        cause = exc.__cause__
        outcome.report_error = str(
            output_error(target, cause) if isinstance(cause, OSError) else exc
        )
    except Exception as exc:
        outcome.report_error = str(exc) or type(exc).__name__
    if sha is None or partial is None:
        discard(partial)
        outcome.report_error = outcome.report_error or t("batch.report_missing")
        return
    outcome.report_sha, outcome.report_partial = sha, str(partial)


def result_json(result: dict[str, Any]) -> str:
    """The result document as JSON with one top-level entry, node, flag or recommendation per
    line: readable and diff-friendly, and encoded by the fast C encoder."""
    lines = ["{"]
    items = list(result.items())
    for number, (key, value) in enumerate(items):
        end = "," if number < len(items) - 1 else ""
        if isinstance(value, dict) and value and key == "nodes":
            inner = ["    " + _ENCODE({k: v})[1:-1] for k, v in value.items()]
            lines.append(f"  {_ENCODE(key)}: {{\n" + ",\n".join(inner) + f"\n  }}{end}")
        elif isinstance(value, list) and value:
            inner = [f"    {_ENCODE(v)}" for v in value]
            lines.append(f"  {_ENCODE(key)}: [\n" + ",\n".join(inner) + f"\n  ]{end}")
        else:
            lines.append(f"  {_ENCODE(key)}: {_ENCODE(value)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def summary_fields(result: dict[str, Any], instrument: Instrument) -> dict[str, Any]:
    """The values of one summary row, taken from a result document."""
    entity, overall, nodes = result["entity"], result["overall"], result["nodes"]
    severities = Counter(flag["severity"] for flag in result["flags"])
    return {
        "entity_id": entity["id"],
        "entity_name": entity["name"],
        "country": entity["country"],
        "period": result["period"],
        "status": result["status"],
        "language": result["language"],
        "score": overall["score"],
        "level": overall["level"],
        "coverage": overall["coverage"],
        "insufficient": overall["insufficient"],
        "domains": {d.id: [nodes[d.id]["score"], nodes[d.id]["level"]] for d in instrument.domains},
        "flags": {severity: severities.get(severity, 0) for severity in SEVERITIES},
    }
