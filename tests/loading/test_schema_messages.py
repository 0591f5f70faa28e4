"""Schema errors name the key at fault, even keys spelt like a question type or condition
(`text`, `score`, `answer`), and point at its line."""

from __future__ import annotations

import pytest

from capacity_eval.loading.files import check_instrument_document
from capacity_eval.loading.source import parse_text

HEAD = """\
schema: capacity-eval/instrument@1
id: bad
version: 1.0.0
title: Bad
languages: [en]
levels:
  - {id: 1, min: 0, label: Low}
domains:
  - id: d
    title: D
    sections:
      - id: s
        title: S
        questions:
"""


def messages(questions: str) -> list[tuple[int | None, str]]:
    checked = check_instrument_document(parse_text(HEAD + questions, "bad.yaml"))
    return [(p.line, p.message) for p in checked.errors]


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        ("          - {id: Q1, type: text}\n", [(15, "missing key `text`")]),
        (
            "          - {id: Q1, type: number, text: N, bands: [{below: 3}]}\n",
            [(15, "missing key `score`")],
        ),
        (
            "          - id: Q1\n"
            "            type: choice\n"
            "            text: Q1\n"
            "            options: [{value: a, label: A, score: high}]\n",
            [(18, "`score` must be a finite number, not 'high'")],
        ),
        (
            "          - {id: Q1, type: choice, text: Q1, options: [{value: a, label: A, score: 1}]}\n"
            "          - id: Q2\n"
            "            type: text\n"
            "            text: Q2\n"
            "            show_if: {answer: [Q1]}\n",
            [(19, "`answer` must be text")],
        ),
        (
            "          - {id: Q1, type: choice, text: Q1, options: [{value: a, label: A, score: 1}]}\n"
            "          - id: Q2\n"
            "            type: text\n"
            "            text: Q2\n"
            "            show_if: {answer: Q1, is: a, in: [a]}\n",
            [
                (
                    19,
                    "a `answer` condition needs exactly one operator of: is, is_not, in, not_in, gt, "
                    "gte, lt, lte, includes",
                )
            ],
        ),
        (
            "          - {id: Q1, type: choose, text: Q1}\n",
            [
                (
                    15,
                    "`type` is 'choose', expected one of 'choice', 'multi', 'scale', 'number', "
                    "'computed', 'text'",
                )
            ],
        ),
    ],
)
def test_message_names_the_key(questions: str, expected: list[tuple[int | None, str]]) -> None:
    assert messages(questions) == expected
