"""Reading files people wrote by hand: every refusal located, plain scalars kept as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval.loading.files import file_kind, peek_instrument_ref, read_any
from capacity_eval.loading.source import Document, parse_text, read_document

FIXTURES = Path(__file__).parents[1] / "fixtures"


def problems(doc: Document) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.col, p.message) for p in doc.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(1, None, "the file is empty; it should be a mapping starting with `schema:`")]),
        (
            "  \n\n",
            [(1, None, "the file is empty; it should be a mapping starting with `schema:`")],
        ),
        (
            "- a\n- b\n",
            [(1, 1, "the file must be a mapping of keys to values, starting with `schema:`")],
        ),
        ("a: 1\n---\nb: 2\n", [(2, 1, "only one YAML document per file; split the file at `---`")]),
        ("? [a, b]\n: 1\n", [(1, 3, "keys must be plain text")]),
        (
            "a: 1\n  b: 2\n",
            [(2, 4, "YAML syntax error: mapping values are not allowed in this context")],
        ),
        (
            "a: !custom 3\n",
            [
                (
                    1,
                    4,
                    "tag !custom is not allowed; remove it (values are read by what "
                    "the format expects at that place)",
                )
            ],
        ),
        (
            "a: !!str 3\n",
            [
                (
                    1,
                    4,
                    "tag !!str is not allowed; remove it (values are read by what "
                    "the format expects at that place)",
                )
            ],
        ),
        (
            "a:\n  b: 1\n  c: 2\n  b: 3\n",
            [(4, 3, "duplicate key 'b' (first at line 2); keep only one")],
        ),
        (
            "a: " + "[" * 70 + "]" * 70 + "\n",
            [(1, 67, "nesting deeper than 64 levels; flatten the structure")],
        ),
    ],
)
def test_refused_text(text: str, expected: list[tuple[int | None, int | None, str]]) -> None:
    doc = parse_text(text, "f.yaml")
    assert problems(doc) == expected
    assert not doc.ok


def test_plain_scalars_stay_text_and_nulls_are_none() -> None:
    doc = parse_text(
        "a: ~\nb: null\nc:\nd: ''\ne: \"null\"\nf: yes\ng: 010\nh: 12:30\n"
        "i: 2024-01-02\nj: 1e3\nk: NO\nl: [on, off, 3.50]\n",
        "f.yaml",
    )
    assert doc.problems == []
    assert doc.data == {
        "a": None,
        "b": None,
        "c": None,
        "d": "",
        "e": "null",
        "f": "yes",
        "g": "010",
        "h": "12:30",
        "i": "2024-01-02",
        "j": "1e3",
        "k": "NO",
        "l": ["on", "off", "3.50"],
    }


def test_marks_give_line_and_column_of_every_key_and_item() -> None:
    doc = parse_text("top:\n  list:\n    - x\n    - {k: v}\n", "f.yaml")
    assert doc.where(("top",)) == (1, 1)
    assert doc.where(("top", "list")) == (2, 3)
    assert doc.where(("top", "list", 1)) == (4, 7)
    assert doc.where(("top", "list", 1, "k")) == (4, 8)
    # a path that does not exist falls back to its nearest ancestor
    assert doc.where(("top", "list", 1, "missing", 3)) == (4, 7)
    assert doc.where(("nothing",)) == (1, 1)


def test_json_is_read_and_its_syntax_errors_located(write: Callable[[str, str], Path]) -> None:
    good = read_document(write("ok.json", '{"schema": "x", "n": 3, "t": true, "z": null}'))
    assert good.problems == []
    assert good.data == {"schema": "x", "n": "3", "t": "true", "z": None}
    bad = read_document(write("bad.json", '{\n  "a": 1,\n  "b": [1, 2\n}\n'))
    assert [(p.line, p.col) for p in bad.problems] == [(4, 1)]
    assert bad.problems[0].message.startswith("JSON syntax error: ")
    dup = read_document(write("dup.json", '{"a": 1,\n "a": 2}'))
    assert problems(dup) == [(2, 2, "duplicate key 'a' (first at line 1); keep only one")]


def test_unreadable_files(
    tmp_path: Path, write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = read_document(tmp_path / "missing.yaml")
    assert problems(missing) == [(None, None, "no such file; check the path")]
    assert str(missing.problems[0]) == f"{tmp_path / 'missing.yaml'}: no such file; check the path"
    folder = read_document(tmp_path)
    assert problems(folder) == [
        (None, None, "not a regular file; give the path of a YAML or JSON file")
    ]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nname: Jos\xe9\n")
    assert problems(read_document(latin)) == [
        (2, 10, "the file is not UTF-8 text; save it as UTF-8 and try again")
    ]
    binary = tmp_path / "nul.yaml"
    binary.write_bytes(b"a: 1\nb: \x00\n")
    assert problems(read_document(binary)) == [
        (2, None, "the file contains a NUL byte; it looks binary, not YAML or JSON text")
    ]
    monkeypatch.setenv("CAPACITY_EVAL_MAX_FILE_SIZE", "10")
    big = write("big.yaml", "schema: capacity-eval/instrument@1\n")
    assert problems(read_document(big)) == [
        (
            None,
            None,
            "file is 35 bytes, over the limit of 10 bytes; split it or raise "
            "CAPACITY_EVAL_MAX_FILE_SIZE",
        )
    ]


def test_file_kinds_from_the_schema_key() -> None:
    assert read_any(FIXTURES / "scoring" / "types.yaml")[1] == "instrument"
    doc, kind = read_any(FIXTURES / "bad" / "response-exclusive.yaml")
    assert kind == "response"
    assert peek_instrument_ref(doc) == ("types", "1.0.0")
    assert file_kind(parse_text("schema: capacity-eval/result@1\n", "r.yaml")) == "result"
    assert file_kind(parse_text("schema: something-else\n", "r.yaml")) is None
    assert read_any(FIXTURES / "bad" / "syntax.yaml")[1] is None
