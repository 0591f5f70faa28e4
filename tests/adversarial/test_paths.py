"""Paths made from what others wrote: entity ids and periods such as `../../etc/x` never
lead an output out of OUTDIR or to an unsafe name; symlink loops, dangling links,
FIFOs and devices among batch inputs are reported and skipped, without hanging."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import openpyxl

from .support import MINI, MINI_RESPONSE, mini_response, run_bounded

HOSTILE_IDS = [
    ("../../etc/x", "2026"),
    ("/abs/path", "2026"),
    ("CON", "2026"),
    ("nul", "."),
    ("a/b", "../.."),
    ("..", ".."),
    ("x" * 200, "p" * 100),
    ("COM1", "x"),
    ("a\\b", "c:d"),
    ("aux", "2026.txt"),
    ("ABC", "1"),
    ("abc", "1"),
    ("  ", " "),
    ("e\u202egnp.exe", "2026"),
    ("~root", "$HOME"),
    ("LPT¹", "2026"),
]
SAFE_NAME = re.compile(r"^[^\W_.][\w.-]*\.(json|pdf)$|^_[\w.-]+\.(json|pdf)$")
RESERVED = re.compile(r"^(con|prn|aux|nul|conin\$|conout\$|com[1-9¹²³]|lpt[1-9¹²³])(\.|$)", re.I)


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_batch_outputs_stay_inside_outdir_with_safe_names(tmp_path: Path) -> None:
    inbox, outdir = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for n, (entity, period) in enumerate(HOSTILE_IDS):
        response = mini_response()
        response["entity"]["id"], response["period"] = entity, period
        (inbox / f"r{n:02}.json").write_text(json.dumps(response))
    before = files_under(tmp_path)
    run = run_bounded(["batch", inbox, "-i", MINI, "-o", outdir], seconds=60)
    assert run.code == 0, run.err
    outside = files_under(tmp_path) - before
    assert all(name == "out" or name.startswith("out/") for name in outside), outside
    results = sorted((outdir / "results").iterdir())
    assert len(results) == len(HOSTILE_IDS)
    for path in results:
        assert path.resolve().parent == path.parent.resolve()
        assert SAFE_NAME.match(path.name), path.name
        assert not RESERVED.match(path.name), path.name
        assert len(path.name.encode()) <= 140, path.name
    names = [p.name.casefold() for p in results]
    assert len(set(names)) == len(names)  # `ABC` and `abc` do not overwrite each other
    recorded = {json.loads(p.read_text())["entity"]["id"] for p in results}
    assert recorded == {entity for entity, _ in HOSTILE_IDS}


def test_batch_reports_are_named_like_results(tmp_path: Path) -> None:
    inbox, outdir = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for n, (entity, period) in enumerate(HOSTILE_IDS[:3]):
        response = mini_response()
        response["entity"]["id"], response["period"] = entity, period
        (inbox / f"r{n}.json").write_text(json.dumps(response))
    run = run_bounded(["batch", inbox, "-i", MINI, "-o", outdir, "--pdf"], seconds=120)
    assert run.code == 0, run.err
    assert files_under(outdir / "reports") == {
        "etc_x_2026.pdf",
        "abs_path_2026.pdf",
        "CON_2026.pdf",
    }
    assert {p.stem for p in (outdir / "results").iterdir()} == {
        "etc_x_2026",
        "abs_path_2026",
        "CON_2026",
    }


def test_batch_reports_and_skips_links_loops_and_special_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.yaml").write_text(MINI_RESPONSE.read_text())
    (inbox / "loop.yaml").symlink_to("loop.yaml")
    (inbox / "dangling.yaml").symlink_to("missing.yaml")
    (inbox / "folder-loop").symlink_to("../inbox")
    (inbox / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(inbox / "fifo.yaml")
    run = run_bounded(["batch", inbox, "-i", MINI, "-o", tmp_path / "out"], seconds=60)
    assert run.code == 1
    assert run.err_lines[-1] == (
        f"4 file(s) had problems; the list, with lines, is in {tmp_path / 'out' / 'errors.csv'}"
    )
    with (tmp_path / "out" / "errors.csv").open(newline="") as handle:
        rows = [(row["file"], row["message"]) for row in csv.DictReader(handle)]
    assert rows == [
        (f"{inbox}/dangling.yaml", "no such file; check the path"),
        (f"{inbox}/fifo.yaml", "not a regular file; give the path of a YAML or JSON file"),
        (f"{inbox}/loop.yaml", "cannot read the file (Too many levels of symbolic links)"),
        (f"{inbox}/zero.yaml", "not a regular file; give the path of a YAML or JSON file"),
    ]
    assert [p.name for p in (tmp_path / "out" / "results").iterdir()] == ["xa-min_2026.json"]


def test_fill_names_its_default_file_safely(tmp_path: Path) -> None:
    header = [
        "--entity-id",
        "../../etc/evil",
        "--entity-name",
        "X",
        "--country",
        "XAA",
        "--period",
        "../2026",
    ]
    (tmp_path / "work").mkdir()
    run = run_bounded(["fill", MINI, *header], cwd=tmp_path / "work", seconds=15)
    assert run.code == 1  # the input ended at the first question; the draft is kept
    assert files_under(tmp_path) == {"work", "work/etc-evil-2026.yaml"}


def test_summary_csv_cells_cannot_become_formulas(tmp_path: Path) -> None:
    """A spreadsheet would run `=HYPERLINK(...)` or `+cmd|...` from a CSV cell."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ['=HYPERLINK("http://127.0.0.1:9/x","click")', "+cmd|' /C calc'!A0", "@SUM(1,1)"]
    for n, name in enumerate(names):
        response = mini_response()
        response["entity"]["id"], response["entity"]["name"] = f"e{n}", name
        (inbox / f"r{n}.json").write_text(json.dumps(response))
    run = run_bounded(
        ["batch", inbox, "-i", MINI, "-o", tmp_path / "out", "-f", "csv,xlsx"], seconds=60
    )
    assert run.code == 0, run.err
    sheet = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx").worksheets[0]
    typed = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    assert [typed[name] for name in names] == ["s", "s", "s"]  # text, not formulas
    with (tmp_path / "out" / "summary.csv").open(newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert [f"'{name}" for name in names] == [c for c in cells if c.lstrip("'") in names]
