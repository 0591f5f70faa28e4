"""Hypothesis strategies: random small instruments (as plain data) and responses to them.

Instruments are valid by construction: ids are unique, `show_if` only reads earlier
choice questions, bands ascend, levels start at 0 and ascend, caps name domains,
sections or `overall`.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

SCORES = st.integers(0, 100).map(float)
WEIGHTS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0])
AGGREGATIONS = st.sampled_from(["weighted_mean", "min", "geometric_mean"])
TYPES = ("choice", "multi", "scale", "number", "text")


def _options(draw: st.DrawFn, qtype: str) -> list[dict[str, Any]]:
    count = draw(st.integers(2, 4))
    scored = qtype != "scale" or draw(st.booleans())
    options: list[dict[str, Any]] = []
    for i in range(count):
        option: dict[str, Any] = {"value": f"o{i}", "label": f"Option {i}"}
        if scored:
            option["score"] = draw(SCORES)
        options.append(option)
    if qtype == "multi" and draw(st.booleans()):
        options[-1]["exclusive"] = True
    return options


def _bands(draw: st.DrawFn) -> list[dict[str, Any]]:
    limits = sorted(draw(st.sets(st.integers(1, 999), min_size=1, max_size=3)))
    bands: list[dict[str, Any]] = [{"below": float(x), "score": draw(SCORES)} for x in limits]
    if draw(st.booleans()):
        bands.append({"score": draw(SCORES)})
    return bands


@st.composite
def question_data(draw: st.DrawFn, qid: str, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    """One question; `earlier` holds the choice questions before it (for `show_if`)."""
    qtype = draw(st.sampled_from(TYPES))
    q: dict[str, Any] = {
        "id": qid,
        "type": qtype,
        "text": f"Question {qid}",
        "weight": draw(WEIGHTS),
        "allow_na": draw(st.booleans()),
    }
    if qtype in ("choice", "multi", "scale"):
        q["options"] = _options(draw, qtype)
    elif qtype == "number":
        q.update({"min": 0.0, "max": 1000.0, "bands": _bands(draw)})
    if qtype != "text" and draw(st.booleans()):
        q["recommendation"] = f"Improve {qid}."
        if draw(st.booleans()):
            q["recommend_below"] = draw(SCORES)
    if earlier and draw(st.integers(0, 3)) == 0:
        target = draw(st.sampled_from(earlier))
        value = draw(st.sampled_from([o["value"] for o in target["options"]]))
        q["show_if"] = {"answer": target["id"], "is": value}
    return q


@st.composite
def _condition(
    draw: st.DrawFn, questions: list[dict[str, Any]], nodes: list[str], level_ids: list[int]
) -> dict[str, Any]:
    kind = draw(st.sampled_from(["answer", "answered", "na", "score", "level", "not"]))
    choices = [q for q in questions if q["type"] == "choice"]
    if kind == "answer" and choices:
        target = draw(st.sampled_from(choices))
        return {
            "answer": target["id"],
            "is": draw(st.sampled_from([o["value"] for o in target["options"]])),
        }
    if kind in ("answered", "na"):
        return {kind: draw(st.sampled_from(questions))["id"]}
    if kind == "level":
        op = draw(st.sampled_from(["lt", "gte"]))
        return {"level": draw(st.sampled_from(nodes)), op: draw(st.sampled_from(level_ids))}
    if kind == "not":
        inner = draw(st.sampled_from(["answered", "na"]))
        return {"not": {inner: draw(st.sampled_from(questions))["id"]}}
    op = draw(st.sampled_from(["lt", "lte", "gt", "gte"]))
    targets = nodes + [q["id"] for q in questions]
    return {"score": draw(st.sampled_from(targets)), op: draw(SCORES)}


@st.composite
def rule_data(
    draw: st.DrawFn,
    rid: str,
    questions: list[dict[str, Any]],
    nodes: list[str],
    level_ids: list[int],
) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": rid, "when": draw(_condition(questions, nodes, level_ids))}
    effects = draw(st.sets(st.sampled_from(["cap", "flag", "recommend"]), min_size=1))
    if "cap" in effects:  # `overall` half of the time, so that caps often meet on one node
        node = draw(st.one_of(st.just("overall"), st.sampled_from(nodes)))
        rule["cap"] = {"node": node, "max": draw(SCORES)}
    if "flag" in effects:
        rule["flag"] = {
            "severity": draw(st.sampled_from(["critical", "major", "minor"])),
            "message": f"Flag of {rid}.",
        }
    if "recommend" in effects:
        rule["recommend"] = {
            "text": f"Do what {rid} says.",
            "priority": draw(st.sampled_from(["high", "medium", "low"])),
        }
    return rule


@st.composite
def instrument_data(draw: st.DrawFn, max_rules: int = 4) -> dict[str, Any]:
    """A small random instrument as plain data (one language, so Texts are plain strings)."""
    mins = sorted(draw(st.sets(st.integers(1, 99), max_size=3)))
    levels = [
        {"id": i + 1, "min": float(m), "label": f"Level {i + 1}"} for i, m in enumerate([0, *mins])
    ]
    questions: list[dict[str, Any]] = []
    domains: list[dict[str, Any]] = []
    nodes = ["overall"]
    for d in range(draw(st.integers(1, 3))):
        sections = []
        for s in range(draw(st.integers(1, 2))):
            items = []
            for _ in range(draw(st.integers(1, 3))):
                earlier = [q for q in questions if q["type"] == "choice"]
                q = draw(question_data(f"Q{len(questions) + 1}", earlier))
                questions.append(q)
                items.append(q)
            sections.append(
                {
                    "id": f"d{d}-s{s}",
                    "title": f"Section {d}.{s}",
                    "weight": draw(WEIGHTS),
                    "aggregation": draw(AGGREGATIONS),
                    "questions": items,
                }
            )
            nodes.append(f"d{d}-s{s}")
        domains.append(
            {
                "id": f"d{d}",
                "title": f"Domain {d}",
                "weight": draw(WEIGHTS),
                "aggregation": draw(AGGREGATIONS),
                "sections": sections,
            }
        )
        nodes.append(f"d{d}")
    level_ids = [lv["id"] for lv in levels]
    rules = [
        draw(rule_data(f"rule-{r}", questions, nodes, level_ids))
        for r in range(draw(st.integers(0, max_rules)))
    ]
    return {
        "schema": "capacity-eval/instrument@1",
        "id": "random",
        "version": "1.0.0",
        "title": "Random instrument",
        "languages": ["en"],
        "levels": levels,
        "scoring": {
            "aggregation": draw(AGGREGATIONS),
            "min_coverage": draw(st.sampled_from([0.0, 0.5, 0.6, 1.0])),
            "recommend_below": draw(SCORES),
        },
        "domains": domains,
        "rules": rules,
    }


def questions_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for d in data["domains"] for s in d["sections"] for q in s["questions"]]


@st.composite
def answers_for(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """A valid set of answers to the instrument `data` (some missing, some n/a)."""
    answers: dict[str, Any] = {}
    for q in questions_of(data):
        if draw(st.integers(0, 4)) == 0:
            continue  # unanswered
        if q["allow_na"] and draw(st.integers(0, 4)) == 0:
            answers[q["id"]] = "n/a"
            continue
        answers[q["id"]] = draw(_value(q))
    return answers


def _value(q: dict[str, Any]) -> st.SearchStrategy[Any]:
    if q["type"] in ("choice", "scale"):
        return st.sampled_from([o["value"] for o in q["options"]])
    if q["type"] == "multi":
        plain = [o["value"] for o in q["options"] if not o.get("exclusive")]
        alone = [[o["value"]] for o in q["options"] if o.get("exclusive")]
        subsets = st.lists(st.sampled_from(plain), min_size=1, unique=True)
        return st.one_of(subsets, st.sampled_from(alone)) if alone else subsets
    if q["type"] == "number":
        return st.one_of(
            st.integers(0, 1000), st.floats(0, 1000, allow_nan=False, allow_infinity=False)
        )
    return st.text(alphabet="abc xyz", min_size=1, max_size=20)
