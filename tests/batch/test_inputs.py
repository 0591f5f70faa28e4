"""Which files a batch reads: files, folders, glob patterns; what it skips; bad paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval.batch.inputs import discover
from capacity_eval.errors import UsageError

from ..conftest import CliResult
from .support import MINI


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in (
        "in/b.yaml",
        "in/a.json",
        "in/deep/er/c.yml",
        "in/deep/d.YAML",
        "in/x.txt",
        "in/.hidden.yaml",
        "in/.git/e.yaml",
        "in/out/old.json",
        "in/mini.yaml",
        "loose.yaml",
        "notes/readme.txt",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x: 1\n", encoding="utf-8")
    return tmp_path


def names(paths: list[str], skip: tuple[str, ...] = ()) -> list[str]:
    return [s.name for s in discover(paths, skip=[Path(p) for p in skip])]


def test_folders_are_searched_recursively_and_sorted(tree: Path) -> None:
    assert names(["in"], skip=("in/out", "in/mini.yaml")) == [
        "in/a.json",
        "in/b.yaml",
        "in/deep/d.YAML",
        "in/deep/er/c.yml",
    ]


def test_the_output_folder_and_the_instrument_are_skipped_also_given_as_dot(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree / "in")
    assert names(["."], skip=(str(tree / "in/out"), "mini.yaml")) == [
        "./a.json",
        "./b.yaml",
        "./deep/d.YAML",
        "./deep/er/c.yml",
    ]


def test_files_are_read_whatever_their_name_and_only_once(tree: Path) -> None:
    assert names(["in/x.txt", "loose.yaml", "in/../in/b.yaml", "in/b.yaml"]) == [
        "in/../in/b.yaml",
        "in/x.txt",
        "loose.yaml",
    ]


def test_patterns_match_response_files_and_folders(tree: Path) -> None:
    assert names(["in/*.yaml"]) == ["in/b.yaml", "in/mini.yaml"]
    assert names(["in/**/*.y*ml"]) == ["in/b.yaml", "in/deep/er/c.yml", "in/mini.yaml"]
    assert names(["in/dee?"]) == ["in/deep/d.YAML", "in/deep/er/c.yml"]


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["missing"], "no such file or folder: missing"),
        (["in/*.csv"], "no file matches the pattern in/*.csv"),
        (["notes"], "no response files found in notes (looked for .yaml, .yml, .json)"),
    ],
)
def test_paths_that_give_nothing(tree: Path, paths: list[str], message: str) -> None:
    with pytest.raises(UsageError) as raised:
        discover(paths)
    assert str(raised.value) == message


def test_cli_usage_errors(cli: Callable[..., CliResult], tree: Path) -> None:
    missing = cli("batch", "missing", "-i", MINI, "-o", "out")
    assert (missing.code, missing.err_lines) == (2, ["error: no such file or folder: missing"])
    bad_format = cli("batch", "in", "-i", MINI, "-o", "out", "--format", "csv,ods")
    assert bad_format.code == 2
    assert bad_format.err_lines == [
        "error: unknown format 'ods'; use one or more of csv, json, xlsx, separated by commas"
    ]
    (tree / "file").write_text("", encoding="utf-8")
    not_folder = cli("batch", "in", "-i", MINI, "-o", "file")
    assert (not_folder.code, not_folder.err_lines) == (
        1,
        ["error: the output file is a file, not a folder; give a folder with -o"],
    )


def test_an_invalid_instrument_stops_before_anything(
    cli: Callable[..., CliResult], tree: Path
) -> None:
    result = cli("batch", "in", "-i", "in/b.yaml", "-o", "out")
    assert result.code == 1
    assert result.err_lines == [
        "in/b.yaml:1:1: missing key `schema`; the first line should be "
        "`schema: capacity-eval/instrument@1`"
    ]
    assert not Path("out").exists()
