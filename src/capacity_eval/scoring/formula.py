"""Formulas of computed questions: arithmetic over number answers, safe by construction.

A formula is parsed with `ast` and accepted only if every node belongs to the
grammar: numbers, names of number questions, `+ - * /`, unary minus (and plus),
parentheses and the calls `min`, `max`, `abs`. It is then compiled into nested
closures; nothing is ever passed to `eval`.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .. import limits
from ..i18n import t

MAX_LENGTH = limits.FORMULA_CHARS
MAX_DEPTH = limits.FORMULA_DEPTH
MAX_LITERAL_DIGITS = limits.FORMULA_LITERAL_DIGITS
FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs}

Evaluator = Callable[[Mapping[str, float]], float]


class FormulaError(ValueError):
    """The formula is not in the allowed grammar; the message says what is wrong."""


@dataclass(frozen=True)
class Formula:
    source: str
    names: tuple[str, ...]
    evaluate: Evaluator

    def value(self, values: Mapping[str, float]) -> float | None:
        """The formula's value, or None on division by zero or a non-finite result."""
        try:
            result = self.evaluate(values)
        except (ZeroDivisionError, OverflowError):
            return None
        return result if math.isfinite(result) else None


_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


def parse_formula(source: str, known: frozenset[str] | set[str] | None = None) -> Formula:
    """Parse and check `source`; raise FormulaError if it leaves the grammar.

    `known` holds the question ids the formula may name; a token such as `B-1` that is not
    one of them is read as `B - 1`.
    """
    if len(source) > MAX_LENGTH:
        raise FormulaError(t("formula.too_long", limit=MAX_LENGTH))
    if _parentheses_depth(source) > MAX_DEPTH:
        raise FormulaError(t("formula.too_deep", limit=MAX_DEPTH))
    # Question ids may contain '-' and '.', which Python reads as operators: replace each
    # id-like token by a placeholder name before parsing.
    text, names = _protect_ids(source, known)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(t("formula.syntax")) from exc
    used: list[str] = []
    evaluate = _compile(tree.body, names, used, 0, known)
    return Formula(source, tuple(dict.fromkeys(used)), evaluate)


def _parentheses_depth(source: str) -> int:
    depth = deepest = 0
    for char in source:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def _protect_ids(
    source: str, known: frozenset[str] | set[str] | None
) -> tuple[str, dict[str, str]]:
    """Turn question ids such as `REI-02` into Python names, keeping a map back.

    The names (`ƒq0`, ...) start with a letter no formula may contain (formulas are ASCII).
    """
    names: dict[str, str] = {}

    def placeholder(token: str) -> str:
        name = f"ƒq{len(names)}"
        names[name] = token
        return name

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in FUNCTIONS:
            return token
        if known is None or token in known or "-" not in token:
            return placeholder(token)
        # not a known id: its dashes are minus signs
        parts = token.split("-")
        return " - ".join(p if _is_number(p) or p in FUNCTIONS else placeholder(p) for p in parts)

    # An id starts with a letter; '-' and '.' inside it must sit between letters or digits.
    pattern = r"(?<![\w.])[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*"
    # Question ids are ASCII; Python would fold other letters and digits (`ＰＯＰ`, `٣`)
    # into ASCII names and numbers that the author did not write.
    foreign = next((ch for ch in source if not ch.isascii()), None)
    if foreign is not None:
        raise FormulaError(t("formula.character", char=foreign))
    return re.sub(pattern, swap, source), names


def _is_number(token: str) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


def _compile(
    node: ast.AST,
    names: dict[str, str],
    used: list[str],
    depth: int,
    known: frozenset[str] | set[str] | None = None,
) -> Evaluator:
    if depth > MAX_DEPTH:
        raise FormulaError(t("formula.too_deep", limit=MAX_DEPTH))
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        if isinstance(node.value, bool):
            raise FormulaError(t("formula.not_number"))
        constant = float(node.value)
        if len(repr(node.value)) > MAX_LITERAL_DIGITS or not math.isfinite(constant):
            raise FormulaError(t("formula.literal"))
        return lambda values: constant
    if isinstance(node, ast.Name):
        if node.id not in names:
            raise FormulaError(t("formula.unknown", name=node.id))
        qid = names[node.id]
        if known is not None and qid not in known:
            raise FormulaError(t("formula.unknown", name=qid))
        used.append(qid)
        return lambda values: values[qid]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _compile_chain(node, names, used, depth, known)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _compile(node.operand, names, used, depth + 1, known)
        if isinstance(node.op, ast.USub):
            return lambda values: -operand(values)
        return operand
    if isinstance(node, ast.Call):
        return _compile_call(node, names, used, depth, known)
    raise FormulaError(t("formula.not_allowed", part=_describe(node, names)))


def _compile_chain(
    node: ast.BinOp,
    names: dict[str, str],
    used: list[str],
    depth: int,
    known: frozenset[str] | set[str] | None,
) -> Evaluator:
    """`a + b - c * d ...`: Python nests such a chain one level per operation, leaning
    left; it counts here as one level, so that a sum of sixty answers is not sixty deep."""
    steps: list[tuple[Callable[[float, float], float], ast.expr]] = []
    current: ast.expr = node
    while isinstance(current, ast.BinOp) and type(current.op) in _BINARY:
        steps.append((_BINARY[type(current.op)], current.right))
        current = current.left
    first = _compile(current, names, used, depth + 1, known)
    rest = [(op, _compile(right, names, used, depth + 1, known)) for op, right in reversed(steps)]

    def evaluate(values: Mapping[str, float]) -> float:
        result = first(values)
        for op, right in rest:
            result = op(result, right(values))
        return result

    return evaluate


def _compile_call(
    node: ast.Call,
    names: dict[str, str],
    used: list[str],
    depth: int,
    known: frozenset[str] | set[str] | None,
) -> Evaluator:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
        raise FormulaError(t("formula.call"))
    function = FUNCTIONS[node.func.id]
    if any(isinstance(arg, ast.Starred) for arg in node.args):
        raise FormulaError(t("formula.starred"))
    arity_ok = len(node.args) == 1 if node.func.id == "abs" else len(node.args) >= 1
    if not arity_ok:
        raise FormulaError(t("formula.arity", name=node.func.id))
    args = [_compile(arg, names, used, depth + 1, known) for arg in node.args]
    if node.func.id == "abs":
        (only,) = args
        return lambda values: abs(only(values))
    return lambda values: function(arg(values) for arg in args)


def _describe(node: ast.AST, names: dict[str, str]) -> str:
    try:
        text = ast.unparse(node)
    except RecursionError:  # a chain of hundreds of operations inside: name the construct
        return type(node).__name__.lower()
    for placeholder, qid in sorted(names.items(), key=lambda item: -len(item[0])):
        text = text.replace(placeholder, qid)
    return text[:40]
