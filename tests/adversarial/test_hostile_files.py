"""Hostile and broken files given to the real command: every one gets one located line on
stderr and exit code 1, fast and within bounded memory; nothing is executed or created.

The expensive cases (bombs, deep nesting, huge numbers, huge or endless files) run in a
child process under a memory ceiling and a time limit (`support.run_bounded`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from capacity_eval.loading import source

from .support import MINI, MINI_RESPONSE, assert_rejected, run_bounded

REUSE = "write the content out (use option_sets for reusable answer lists)"
ANCHOR = "anchor &{name} is not allowed; " + REUSE
ALIAS = "alias *{name} is not allowed; " + REUSE
TAG = (
    "tag {tag} is not allowed; remove it (values are read by what the format expects at that place)"
)
TOO_DEEP = "nesting deeper than 64 levels; flatten the structure"
NOT_UTF8 = "the file is not UTF-8 text; save it as UTF-8 and try again"
NOT_REGULAR = "not a regular file; give the path of a YAML or JSON file"


def billion_laughs(levels: int = 9) -> str:
    """Nine aliases of nine aliases...: 9**9 leaves once expanded, a few hundred bytes here."""
    lines = ["schema: capacity-eval/instrument@1", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    path = tmp_path / "lol.yaml"
    path.write_text(billion_laughs())
    run = run_bounded(["validate", path], seconds=5)
    assert_rejected(run, f"{path}:2:5: {ANCHOR.format(name='l0')}", seconds=5)
    # reported once per file, not once per alias
    assert run.err_lines == [
        f"{path}:2:5: {ANCHOR.format(name='l0')}",
        f"{path}:3:10: {ALIAS.format(name='l0')}",
    ]


def test_alias_bomb_inside_a_response_answer(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    bomb = billion_laughs().splitlines()[1:]
    text = MINI_RESPONSE.read_text() + "".join(f"  X{line}\n" for line in bomb)
    path.write_text(text)
    run = run_bounded(["score", path, "-i", MINI, "--json"], seconds=5)
    assert_rejected(run, f"{path}:14:8: {ANCHOR.format(name='l0')}", seconds=5)
    assert run.out == ""


def test_deep_block_nesting_stops_at_64_levels(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    lines = ["schema: capacity-eval/instrument@1"]
    lines += [" " * (2 * i) + f"k{i}:" for i in range(100)] + [" " * 200 + "leaf"]
    path.write_text("\n".join(lines) + "\n")
    run = run_bounded(["validate", path])
    # the 65th mapping opens at the value of k63, on the line of k64
    assert_rejected(run, f"{path}:66:129: {TOO_DEEP}")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_flow_nesting_of_100000_levels(tmp_path: Path, suffix: str) -> None:
    """libyaml's scanner reads flow brackets ahead of the events and stops at its own
    limit (1,000 levels); a parser without that limit meets ours at 64."""
    path = tmp_path / f"deep{suffix}"
    path.write_text('{"schema": "capacity-eval/instrument@1", "x": ' + "[" * 100_000 + "]" * 99_999)
    run = run_bounded(["validate", path], seconds=5)
    assert run.err_lines[:1] in (
        [f"{path}:1:1046: YAML syntax error: exceeded maximum nesting depth"],
        [f"{path}:1:110: {TOO_DEEP}"],
    ), run.err
    assert_rejected(run, run.err_lines[0], seconds=5)


def test_pure_python_parser_meets_the_same_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML has no C parser, the pure-Python one is used; its composer would raise
    RecursionError on deep input, but we build from events with our own stack."""
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    doc = source.parse_text("x: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml")
    assert [str(p) for p in doc.problems] == [f"deep.yaml:1:67: {TOO_DEEP}"]


HUGE = "9" * 100_000


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("POP: 200000", f"POP: {HUGE}", "11:3: POP: the number is too large (at most 10^15)"),
        ("POP: 200000", f"POP: -{HUGE[1:]}", "11:3: POP: the number is too large (at most 10^15)"),
        (
            "POP: 200000",
            f"POP: 1{'0' * 5000}",
            "11:3: POP: the number is too large (at most 10^15)",
        ),
    ],
)
def test_hundred_thousand_digit_answer(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RESPONSE.read_text().replace(old, new))
    run = run_bounded(["score", path, "-i", MINI, "--json"], seconds=5)
    assert_rejected(run, f"{path}:{expected}", seconds=5)
    assert run.out == ""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{id: 1, min: 0,",
            f"{{id: {HUGE}, min: 0,",
            "7:6: `id` is a number too large to read; use a smaller one",
        ),
        (
            "weight: 2\n",
            f"weight: {HUGE}\n",
            "30:13: `weight` must be a finite number, not '" + "9" * 39 + "…'",
        ),
        (
            "{below: 10,",
            f"{{below: {HUGE},",
            "66:18: `below` must be a finite number, not '" + "9" * 39 + "…'",
        ),
    ],
)
def test_hundred_thousand_digit_number_in_an_instrument(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = tmp_path / "i.yaml"
    path.write_text(MINI.read_text().replace(old, new, 1))
    run = run_bounded(["validate", path], seconds=5)
    assert_rejected(run, f"{path}:{expected}", seconds=5)


def test_json_with_a_huge_integer_and_a_syntax_error(tmp_path: Path) -> None:
    """The JSON decoder, asked for a better message, refuses integers over 4,300 digits
    with ValueError (not a JSON error): the YAML position is given instead."""
    path = tmp_path / "r.json"
    path.write_text('{"schema": "capacity-eval/response@1", "x": ' + HUGE + ', "y" 1}')
    run = run_bounded(["validate", path], seconds=5)
    assert_rejected(
        run, f"{path}:1:100051: YAML syntax error: did not find expected ',' or '}}'", seconds=5
    )


def test_file_over_the_default_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # sparse: 6 MiB on paper, nothing on disk
        handle.truncate(6 * 1024 * 1024)
    run = run_bounded(["validate", path], seconds=5)
    assert_rejected(
        run,
        f"{path}: file is 6291456 bytes, over the limit of 5242880 bytes; split it or raise "
        "CAPACITY_EVAL_MAX_FILE_SIZE",
        seconds=5,
    )


@pytest.mark.parametrize("name", ["/dev/zero", "/dev/urandom", "fifo"])
def test_endless_and_special_files_are_refused_before_reading(tmp_path: Path, name: str) -> None:
    if name == "fifo":  # opening a FIFO without a writer would block forever
        path = tmp_path / "inbox.yaml"
        os.mkfifo(path)
    else:
        path = Path(name)
    run = run_bounded(["validate", path], seconds=5)
    assert_rejected(run, f"{path}: {NOT_REGULAR}", seconds=5)
    run = run_bounded(["score", path, "-i", MINI], seconds=5)
    assert_rejected(run, f"{path}: {NOT_REGULAR}", seconds=5)


# --- cheap cases, run in-process ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"schema: capacity-eval/response@1\nentity: {name: Caf\xe9}\n", f"2:19: {NOT_UTF8}"),
        ("schema: x\n".encode("utf-16"), f"1:1: {NOT_UTF8}"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", f"1:1: {NOT_UTF8}"),
        (
            b"schema: x\nname: a\x00b\n",
            "2: the file contains a NUL byte; it looks binary, not YAML or JSON text",
        ),
        (b"", "1: the file is empty; it should be a mapping starting with `schema:`"),
        (b" \n\t\n", "1: the file is empty; it should be a mapping starting with `schema:`"),
        (
            b"# only a comment\n",
            "1:1: the file must be a mapping of keys to values, starting with `schema:`",
        ),
        (b"\xef\xbb\xbf", "1: the file is empty; it should be a mapping starting with `schema:`"),
        (
            b"- a\n- b\n",
            "1:1: the file must be a mapping of keys to values, starting with `schema:`",
        ),
        (
            b"schema: a\n---\nschema: b\n",
            "2:1: only one YAML document per file; split the file at `---`",
        ),
        (b"? [a, b]\n: c\n", "1:3: keys must be plain text"),
        (b"schema: [unclosed\n", "2:1: YAML syntax error: did not find expected ',' or ']'"),
    ],
)
def test_broken_files(cli, tmp_path: Path, content: bytes, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    result = cli("validate", path)
    assert result.code == 1
    assert result.err_lines == [f"{path}:{expected}"]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_byte_order_mark_is_accepted(cli, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    import json

    from .support import mini_response

    path = tmp_path / f"r{suffix}"
    text = MINI_RESPONSE.read_text() if suffix == ".yaml" else json.dumps(mini_response())
    plain = tmp_path / f"plain{suffix}"
    plain.write_text(text)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = cli("score", path, "-i", MINI, "--json")
    assert (result.code, result.err) == (0, "")
    assert result.out == cli("score", plain, "-i", MINI, "--json").out


@pytest.mark.parametrize(
    ("value", "tag", "col"),
    [
        ("!!python/object/apply:os.system ['touch PWNED']", "!!python/object/apply:os.system", 9),
        ("!!python/name:os.system", "!!python/name:os.system", 9),
        (
            "!!python/object/new:subprocess.Popen [['touch', 'PWNED']]",
            "!!python/object/new:subprocess.Popen",
            9,
        ),
        ("!custom x", "!custom", 9),
        ("!!binary aGVsbG8=", "!!binary", 9),
        ("!!set {a, b}", "!!set", 9),
        ("!!timestamp 2024-01-02", "!!timestamp", 9),
        ("!<tag:example.com,2024:x> y", "tag:example.com,2024:x", 9),
    ],
)
def test_tags_are_refused_and_never_run(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, tag: str, col: int
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RESPONSE.read_text().replace("NOTE: yes", f"NOTE: {value}"))
    result = cli("score", path, "-i", MINI)
    assert result.code == 1
    assert result.err_lines == [f"{path}:13:{col}: {TAG.format(tag=tag)}"]
    assert not (tmp_path / "PWNED").exists()


def test_a_tag_directive_cannot_smuggle_a_python_tag(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text(
        "%TAG !p! tag:yaml.org,2002:python/\n---\n"
        + MINI_RESPONSE.read_text().replace("NOTE: yes", "NOTE: !p!name:os.system")
    )
    result = cli("validate", path, "-i", MINI)
    assert result.code == 1
    assert result.err_lines == [f"{path}:15:9: {TAG.format(tag='!!python/name:os.system')}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "answers:\n  L1: 'yes'\n  L1: 'no'\n",
            "9:3: duplicate key 'L1' (first at line 8); keep only one",
        ),
        (
            "entity: {id: a, id: b, name: x, country: XAA}\n",
            "3:17: duplicate key 'id' (first at line 3); keep only one",
        ),
    ],
)
def test_duplicate_keys_name_both_lines(cli, tmp_path: Path, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    base = MINI_RESPONSE.read_text().split("answers:")[0]
    if text.startswith("entity"):
        base = base.replace(
            'entity: {id: xa-min, name: "Ministerio de Prueba", country: XAA}\n', ""
        )
        base = base.replace("period: 2026\n", text + "period: 2026\n")
        path = tmp_path / "r.yaml"
        path.write_text(base + "answers: {}\n")
    else:
        path = tmp_path / "r.yaml"
        path.write_text(base + text)
    result = cli("validate", path, "-i", MINI)
    assert result.code == 1
    assert result.err_lines == [f"{path}:{expected}"]


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\e]0;pwned\\a", "U+001B"),
        ("\\x1b[31mred", "U+001B"),
        ("a\\0b", "U+0000"),
        ("\\x9b31m", "U+009B"),
        ("next\\Nline", "U+0085"),
        ("\\u0007bell", "U+0007"),
        ("del\\x7f", "U+007F"),
    ],
)
def test_control_characters_from_escapes_are_refused(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, escape: str, code: str
) -> None:
    """Escapes of double-quoted YAML (and JSON's \\u) could carry terminal commands."""
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RESPONSE.read_text().replace('"Ministerio de Prueba"', f'"{escape}"'))
    result = cli("score", path, "-i", MINI)
    assert result.code == 1
    assert result.err_lines == [
        f"{path}:3:28: the text contains the control character {code}, which is not allowed; "
        "remove it (tabs and line breaks are fine)"
    ]
    assert result.out == ""


def test_tabs_and_line_breaks_are_text(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text(MINI_RESPONSE.read_text().replace("NOTE: yes", 'NOTE: "a\\tb\\r\\nc"'))
    result = cli("score", path, "-i", MINI, "--json")
    assert result.code == 0
    assert '"answer": "a\\tb\\r\\nc"' in result.out
