"""Conditions compiled into predicates over the state of one response.

A predicate reads the answer states (`HIDDEN`, `MISSING`, `NA`, `ANSWERED`) and typed
values of the questions, and, for rules, the raw scores of nodes. A leaf comparison
on a missing, n/a or hidden answer, or on a node without a score, is false.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from ..model import (
    AllCondition,
    AnswerCondition,
    AnsweredCondition,
    AnyCondition,
    Condition,
    LevelCondition,
    NaCondition,
    NotCondition,
    ScoreCondition,
)

HIDDEN, MISSING, NA, ANSWERED = 0, 1, 2, 3


class State:
    """What a predicate may look at: answers by question index, raw scores by node id."""

    __slots__ = ("level_of", "raw", "status", "values")

    def __init__(self, size: int) -> None:
        self.status: list[int] = [MISSING] * size
        self.values: list[Any] = [None] * size
        self.raw: dict[str, float | None] = {}
        self.level_of: Callable[[float], int] = lambda score: 0


Predicate = Callable[[State], bool]

COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def compile_condition(condition: Condition, index: Mapping[str, int]) -> Predicate:
    """A predicate for `condition`; `index` maps question ids to their positions."""
    if isinstance(condition, AnswerCondition):
        return _answer(condition, index[condition.answer])
    if isinstance(condition, AnsweredCondition):
        i = index[condition.answered]
        return lambda state: state.status[i] == ANSWERED
    if isinstance(condition, NaCondition):
        i = index[condition.na]
        return lambda state: state.status[i] == NA
    if isinstance(condition, ScoreCondition):
        return _node_score(condition.score, *condition.comparison(), as_level=False)
    if isinstance(condition, LevelCondition):
        return _node_score(condition.level, *condition.comparison(), as_level=True)
    if isinstance(condition, AllCondition):
        parts = [compile_condition(c, index) for c in condition.all]
        return lambda state: all(p(state) for p in parts)
    if isinstance(condition, AnyCondition):
        parts = [compile_condition(c, index) for c in condition.any]
        return lambda state: any(p(state) for p in parts)
    if isinstance(condition, NotCondition):
        inner = compile_condition(condition.not_, index)
        return lambda state: not inner(state)
    raise TypeError(f"not a condition: {condition!r}")  # pragma: no cover


def _answer(condition: AnswerCondition, i: int) -> Predicate:
    op, operand = condition.operator, condition.operand
    test: Callable[[Any], bool]
    if op == "is":
        test = lambda value: value == operand  # noqa: E731
    elif op == "is_not":
        test = lambda value: value != operand  # noqa: E731
    elif op == "in":
        members = frozenset(operand)
        test = lambda value: value in members  # noqa: E731
    elif op == "not_in":
        members = frozenset(operand)
        test = lambda value: value not in members  # noqa: E731
    elif op == "includes":
        test = lambda value: isinstance(value, tuple) and operand in value  # noqa: E731
    else:
        compare, limit = COMPARE[op], float(operand)
        test = lambda value: isinstance(value, float) and compare(value, limit)  # noqa: E731

    def predicate(state: State) -> bool:
        return state.status[i] == ANSWERED and test(state.values[i])

    return predicate


def _node_score(node: str, op: str, limit: float, *, as_level: bool) -> Predicate:
    compare = COMPARE[op]

    def predicate(state: State) -> bool:
        score = state.raw.get(node)
        if score is None:
            return False
        return compare(state.level_of(score) if as_level else score, limit)

    return predicate


def references(condition: Condition) -> list[tuple[str, str, Condition]]:
    """Every leaf of `condition` as (kind, referenced id, leaf).

    The kind is one of answer, answered, na, score, level.
    """
    if isinstance(condition, AllCondition | AnyCondition):
        children = condition.all if isinstance(condition, AllCondition) else condition.any
        return [leaf for child in children for leaf in references(child)]
    if isinstance(condition, NotCondition):
        return references(condition.not_)
    for kind in ("answer", "answered", "na", "score", "level"):
        if hasattr(condition, kind):
            return [(kind, getattr(condition, kind), condition)]
    return []  # pragma: no cover
