"""Hypothesis strategies for documents shaped by our JSON Schemas, and for breaking them.

`from_schema` builds data that follows the schema `capacity-eval schema KIND` prints
(types, required keys, enums, patterns, bounds), going no deeper than a few levels into
recursive parts (conditions). `mutated` then damages a document at one place: a
hostile scalar, a wrong type, a missing or unknown key. The adversarial suite and
`bench/fuzz.py` feed both to the real commands.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from hypothesis import strategies as st

from .support import paths_of

MAX_DEPTH = 7
MAX_TEXT = 12

HOSTILE_TEXT = [
    "",
    " ",
    "n/a",
    "N/A",
    "NaN",
    ".inf",
    "-.inf",
    "1e999",
    "-0",
    "0x10",
    "010",
    "12:30",
    "2024-01-02",
    "yes",
    "no",
    "NO",
    "null",
    "~",
    "true",
    "9" * 400,
    "-" + "9" * 30,
    "1_000",
    "\u202eevil",
    "a\u200bb",
    "🙂",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% include '/etc/passwd' %}",
    "../../etc/passwd",
    "CON",
    "overall",
    "x" * 5000,
]
HOSTILE_VALUES: list[Any] = [
    *HOSTILE_TEXT,
    None,
    [],
    {},
    [None],
    [[]],
    [{}],
    {"": None},
    {"value": None},
    {"a": {"b": {"c": []}}},
    ["a", "a"],
    list(range(50)),
]


@cache
def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of an instrument, response or result, as `capacity-eval schema` prints."""
    from capacity_eval.cli.cmd_schema import json_schema

    return json.loads(json.dumps(json_schema(kind)))  # type: ignore[no-any-return]


def from_schema(
    schema: dict[str, Any], root: dict[str, Any], depth: int = 0
) -> st.SearchStrategy[Any]:
    """Data following `schema` (a part of `root`, whose `$defs` resolve references)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: from_schema(root["$defs"][name], root, depth + 1))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = schema[key]
            if depth >= MAX_DEPTH:  # the way out of recursion: the non-reference branches
                options = [o for o in options if "$ref" not in o and "oneOf" not in o] or options[
                    :1
                ]
            return st.one_of([from_schema(option, root, depth + 1) for option in options])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, root, depth) for k in kind])
    builder = _BUILDERS.get(kind or "")
    return builder(schema, root, depth) if builder else _any_scalar()


def _string(schema: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[str]:
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: len(s) <= 64)
    low = schema.get("minLength", 0)
    return st.text(
        min_size=low, max_size=max(low, min(schema.get("maxLength", MAX_TEXT), MAX_TEXT))
    )


def _number(schema: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    low, high = schema.get("minimum"), schema.get("maximum")
    if schema.get("type") == "integer":
        return st.integers(min_value=low, max_value=high)
    return st.one_of(
        st.integers(
            min_value=None if low is None else int(low),
            max_value=None if high is None else int(high),
        ),
        st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False),
    )


def _array(
    schema: dict[str, Any], root: dict[str, Any], depth: int
) -> st.SearchStrategy[list[Any]]:
    items = schema.get("items", {})
    high = 0 if depth >= MAX_DEPTH else min(schema.get("maxItems", 3), 3)
    low = min(schema.get("minItems", 0), high)
    return st.lists(from_schema(items, root, depth + 1), min_size=low, max_size=high)


def _object(
    schema: dict[str, Any], root: dict[str, Any], depth: int
) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    fixed = {
        name: from_schema(sub, root, depth + 1)
        for name, sub in properties.items()
        if name in required
    }
    optional = {
        name: from_schema(sub, root, depth + 1)
        for name, sub in properties.items()
        if name not in required
    }
    base = st.fixed_dictionaries(fixed, optional=optional)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and not properties:
        high = 0 if depth >= MAX_DEPTH else 3
        keys = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=8)
        return st.dictionaries(keys, from_schema(extra, root, depth + 1), max_size=high)
    return base


def _any_scalar() -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=MAX_TEXT))


_BUILDERS = {
    "string": _string,
    "number": _number,
    "integer": _number,
    "boolean": lambda schema, root, depth: st.booleans(),
    "null": lambda schema, root, depth: st.none(),
    "array": _array,
    "object": _object,
}


def documents(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """Whole documents of a kind, following its schema."""
    schema = schema_of(kind)
    return from_schema(schema, schema)  # type: ignore[return-value]


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """`base` damaged at one place: a value replaced, a key dropped or added, a type changed."""
    data = copy.deepcopy(base)
    path = draw(st.sampled_from(list(paths_of(data))))
    action = draw(st.sampled_from(["replace", "drop", "add", "wrap", "stringify"]))
    if not path:
        return draw(st.sampled_from(HOSTILE_VALUES)) if action == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    current = parent[last]
    if action == "replace":
        parent[last] = draw(st.sampled_from(HOSTILE_VALUES))
    elif action == "drop" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(current, dict):
        current[draw(st.sampled_from(["x", "__class__", "schema", "id", "n/a", ""]))] = draw(
            st.sampled_from(HOSTILE_VALUES)
        )
    elif action == "wrap":
        parent[last] = [current]
    else:
        parent[last] = json.dumps(current)
    return data
