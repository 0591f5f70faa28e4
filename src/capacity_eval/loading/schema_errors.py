"""Pydantic validation errors turned into one-line problems at the right line.

Pydantic reports a `loc` such as `('domains', 0, 'sections', 1, 'questions', 3, 'choice',
'weight')`: union tags and model names appear in it but not in the data. We walk the
data along the `loc`, skipping what is not a key or index of the data, and ask the
document for the line of the deepest key reached.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from ..i18n import t
from .source import Document

_ALIASES = {"is_": "is", "in_": "in", "not_": "not", "schema_": "schema"}


def data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The longest part of `loc` that exists in `data` (union tags are stepped over)."""
    path: list[str | int] = []
    node = data
    for raw_part in loc:
        part = _ALIASES.get(raw_part, raw_part) if isinstance(raw_part, str) else raw_part
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and part in _TAG_WORDS:
            continue
        else:
            break
        path.append(part)
    return tuple(path)


_TAG_WORDS = frozenset(
    {
        "choice",
        "multi",
        "scale",
        "number",
        "computed",
        "text",
        "answer",
        "answered",
        "na",
        "score",
        "level",
        "all",
        "any",
        "not",
        "list[Option]",
        "str",
        "dict[str,str]",
        "int",
        "float",
        "list[str]",
    }
)


def schema_problems(doc: Document, error: ValidationError, what: str) -> list[Problem]:
    """One problem per pydantic error, located in `doc`."""
    problems: list[Problem] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        path = data_path(doc.data, _clean(loc))
        message = _message(err, loc, path)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(doc.problem(path, message, code=f"{what}.{err['type']}"))
    return problems


def _clean(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's own loc parts (tags of unions, validator names)."""
    return tuple(
        p
        for p in loc
        if not (isinstance(p, str) and ("[" in p or "(" in p or p.startswith("constrained-")))
    )


# Errors raised by a whole model (its validators), whose loc ends with a union tag.
_MODEL_ERRORS = frozenset({"value_error", "assertion_error", "model_type", "model_attributes_type"})
_TYPE_NAMES = frozenset({"str", "int", "float"})


def _field(loc: tuple[Any, ...], kind: str) -> str:
    parts = [p for p in _clean(loc) if isinstance(p, str)]
    # A key's own error ends its loc with the key, even one spelt like a tag (`text`, `score`).
    if kind not in _MODEL_ERRORS and parts and parts[-1] not in _TYPE_NAMES:
        return _ALIASES.get(parts[-1], parts[-1])
    names = [_ALIASES.get(p, p) for p in parts if p not in _TAG_WORDS]
    return names[-1] if names else "value"


def _message(err: Any, loc: tuple[Any, ...], path: tuple[str | int, ...]) -> str:
    kind = err["type"]
    name = _field(loc, kind)
    given = err.get("input")
    shown = _shown(given)
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return t("schema.missing", key=name)
    if kind == "extra_forbidden":
        return t("schema.unknown_key", key=name)
    if kind == "literal_error" and name == "schema":
        return t("schema.wrong_schema", value=shown, expected=ctx.get("expected", ""))
    if kind == "union_tag_invalid":
        return t(
            "schema.bad_tag",
            key=ctx.get("discriminator", "type").strip("'"),
            value=_shown(ctx.get("tag")),
            expected=ctx.get("expected_tags", ""),
        )
    if kind == "union_tag_not_found":
        return t("schema.missing", key=ctx.get("discriminator", "type").strip("'"))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return t("schema.not_integer", key=name, value=shown)
    if kind in ("float_parsing", "float_type", "finite_number"):
        return t("schema.not_number", key=name, value=shown)
    if kind in ("bool_parsing", "bool_type"):
        return t("schema.not_bool", key=name, value=shown)
    if kind in ("string_type",):
        return t("schema.not_text", key=name)
    if kind in ("list_type",):
        return t("schema.not_list", key=name)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return t("schema.not_mapping", key=name)
    if kind == "string_pattern_mismatch":
        return t("schema.pattern", key=name, value=shown)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        return t(f"schema.{kind}", key=name, value=shown, bound=bound)
    if kind in ("too_short", "string_too_short"):
        return t("schema.too_short", key=name)
    if kind in ("too_long", "string_too_long"):
        return t("schema.too_long", key=name)
    if kind in ("enum", "literal_error"):
        return t("schema.choice", key=name, value=shown, expected=ctx.get("expected", ""))
    if kind == "condition":
        return t("schema.condition")
    if kind == "condition_operator":
        return t(
            "schema.condition_operator",
            subject=ctx.get("subject", ""),
            listed=ctx.get("listed", ""),
        )
    if kind == "rule_effect":
        return t("schema.rule_effect")
    if kind == "value_error":
        return t("schema.invalid", key=name, detail=str(ctx.get("error", err["msg"])))
    return t("schema.invalid", key=name, detail=err["msg"])


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"
