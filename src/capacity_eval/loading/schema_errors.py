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
    parts = [_ALIASES.get(p, p) if isinstance(p, str) else p for p in loc]
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else None
        if _is_tag_here(node, part, following):
            continue  # a union tag that is also a key here (`text` of a text question)
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


def _is_tag_here(node: Any, part: str | int, following: str | int | None) -> bool:
    return (
        isinstance(part, str)
        and part in _TAG_WORDS
        and isinstance(node, dict)
        and following is not None
        and following in node
    )


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
    located = [
        (err, data_path(doc.data, _clean(tuple(err["loc"]))))
        for err in error.errors(include_url=False)
    ]
    kept = _without_branch_noise(located)
    mismatches: dict[tuple[str | int, ...], list[Any]] = {}
    for err, path in kept:
        if err["type"] in _BRANCH_MISMATCH:
            mismatches.setdefault(path, []).append(err)
    for err, path in kept:
        loc = tuple(err["loc"])
        group = mismatches.get(path, [])
        if len(group) > 1 and any(err is other for other in group):
            if err is not group[0]:
                continue  # one line for a value that fits no branch of its union
            message = _one_of(group, loc) or _message(err, loc, path)
        else:
            message = _message(err, loc, path)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(doc.problem(path, message, code=f"{what}.{err['type']}"))
    return problems


def _without_branch_noise(
    located: list[tuple[Any, tuple[str | int, ...]]],
) -> list[tuple[Any, tuple[str | int, ...]]]:
    """Drop the errors of union branches the value was plainly not meant for.

    A value that fails one branch of a union fails the others too, by type: a list of
    options with a bad score is also "not text"; a text over the length limit is also
    "not a number". When a branch got further (an error inside the value, or a text
    too long), the type mismatches of the other branches at that place are noise.
    """
    deeper = {path[:i] for _, path in located for i in range(len(path))}
    too_long = {path for err, path in located if err["type"] == "string_too_long"}
    return [
        (err, path)
        for err, path in located
        if not (err["type"] in _BRANCH_MISMATCH and (path in deeper or path in too_long))
    ]


_KIND_WORDS = {
    "string_type": "text",
    "float_parsing": "number",
    "float_type": "number",
    "finite_number": "number",
    "int_parsing": "integer",
    "int_parsing_size": "integer",
    "int_type": "integer",
    "int_from_float": "integer",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
}
_KIND_ORDER = ("text", "number", "integer", "list", "mapping")


def _one_of(group: list[Any], loc: tuple[Any, ...]) -> str | None:
    """ "`key` must be text, a number or a list": the branches a value fitted none of."""
    words = {_KIND_WORDS[err["type"]] for err in group if err["type"] in _KIND_WORDS}
    if "number" in words:
        words.discard("integer")
    if len(words) < 2:
        return None
    names = [t(f"schema.kind_{word}") for word in _KIND_ORDER if word in words]
    expected = ", ".join(names[:-1]) + " " + t("schema.or") + " " + names[-1]
    return t("schema.one_of", key=_field(loc, group[0]["type"]), expected=expected)


_BRANCH_MISMATCH = frozenset(
    {
        "string_type",
        "int_parsing",
        "int_parsing_size",
        "finite_number",
        "int_type",
        "int_from_float",
        "float_parsing",
        "float_type",
        "list_type",
        "dict_type",
        "model_type",
        "none_required",
    }
)


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


_PATTERN_HINTS = {
    "country": "schema.pattern_country",
    "version": "schema.pattern_version",
    "id": "schema.pattern_id",
}


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
    if kind == "int_parsing_size":
        return t("schema.number_too_large", key=name)
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
        return t(_PATTERN_HINTS.get(name, "schema.pattern"), key=name, value=shown)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        return t(f"schema.{kind}", key=name, value=shown, bound=bound)
    if kind in ("too_short", "string_too_short"):
        return t("schema.too_short", key=name)
    if kind == "string_too_long" and "max_length" in ctx:
        return t("schema.text_too_long", key=name, limit=ctx["max_length"])
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
