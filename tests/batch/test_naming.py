"""Output names from hostile entity ids and periods stay inside OUTDIR on any file system."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from capacity_eval.batch.naming import MAX_STEM_BYTES, NameBook, safe_stem

from ..conftest import CliResult
from .support import MINI, read_csv, response


@pytest.mark.parametrize(
    ("entity", "period", "stem"),
    [
        ("col-mininterior", "2026", "col-mininterior_2026"),
        ("../../etc/x", "2026", "etc_x_2026"),
        ("/abs/path", "..", "abs_path"),
        ('a\\b:c*d?e"f<g>h|i', "2026", "a_b_c_d_e_f_g_h_i_2026"),
        ("CON", "", "_CON"),
        ("nul", "", "_nul"),
        ("NUL.txt", "x", "_NUL.txt_x"),
        ("COM1", "x", "COM1_x"),
        ("lpt9.x", "", "_lpt9.x"),
        ("Ministério/São Paulo", "2026–27", "Ministério_São_Paulo_2026_27"),
        ("...", "...", "response"),
        ("tab\there", "new\nline", "tab_here_new_line"),
    ],
)
def test_safe_stems(entity: str, period: str, stem: str) -> None:
    assert safe_stem(entity, period) == stem


def test_decomposed_unicode_is_composed() -> None:
    assert safe_stem("Bogota\u0301", "2026") == "Bogotá_2026"


def test_long_names_are_cut_and_kept_distinct() -> None:
    one, two = safe_stem("x" * 300, "2025"), safe_stem("x" * 300, "2026")
    assert one != two
    assert len(one.encode()) <= MAX_STEM_BYTES and len(two.encode()) <= MAX_STEM_BYTES
    assert one.startswith("x" * 100) and len(one.split("-")[-1]) == 10
    multibyte = safe_stem("é" * 200, "2026")
    assert len(multibyte.encode()) <= MAX_STEM_BYTES
    assert multibyte.encode().decode() == multibyte


def test_name_book_numbers_names_equal_up_to_case() -> None:
    book = NameBook()
    assert [book.claim(s) for s in ("a_1", "A_1", "a_1", "b", "a_1-2")] == [
        "a_1",
        "A_1-2",
        "a_1-3",
        "b",
        "a_1-2-2",
    ]


def test_hostile_ids_end_up_inside_outdir(
    cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    entities = [
        "'../../escape'",
        "'/etc/passwd'",
        "CON",
        "'a/b'",
        "a_b",
        "A_B",
        "'" + "ñ" * 150 + "'",
    ]
    for number, entity in enumerate(entities):
        (inbox / f"r{number}.yaml").write_text(
            response(entity, "2026", "  L1: 'yes'\n"), encoding="utf-8"
        )
    result = cli("batch", "inbox", "-i", MINI, "-o", "out")
    assert result.code == 0
    names = [row["result"] for row in read_csv(Path("out/summary.csv"))]
    assert names[:6] == [
        "results/escape_2026.json",
        "results/etc_passwd_2026.json",
        "results/CON_2026.json",
        "results/a_b_2026.json",
        "results/a_b_2026-2.json",
        "results/A_B_2026-3.json",
    ]
    created = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json"))
    assert len(created) == len(entities)
    assert all(name.startswith("out/results/") for name in created)
