"""bench/generate.py: synthetic responses, the same bytes for the same seed, valid where
meant to be and broken in every listed way otherwise."""

from __future__ import annotations

import csv
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from capacity_eval.batch import BatchOptions, run_batch

from .support import MINI, outputs, read_csv

GENERATE = Path(__file__).parents[2] / "bench" / "generate.py"


@cache
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    gen = generator()
    counts = gen.generate(MINI, 60, 7, tmp_path / "a", 0.2)
    gen.generate(MINI, 60, 7, tmp_path / "b", 0.2)
    gen.generate(MINI, 60, 8, tmp_path / "c", 0.2)
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")
    assert outputs(tmp_path / "a") != outputs(tmp_path / "c")
    assert counts["valid"] == 48 and sum(counts.values()) == 60
    assert set(counts) == {"valid", *gen.BREAKERS}


def test_valid_files_score_and_broken_ones_fail(tmp_path: Path) -> None:
    gen = generator()
    gen.generate(MINI, 120, 3, tmp_path / "in", 0.25)
    report = run_batch(BatchOptions((str(tmp_path / "in"),), MINI, tmp_path / "out"))
    with (tmp_path / "in" / "generated-index.csv").open(encoding="utf-8") as handle:
        index = {row["file"]: row["expected"] for row in csv.DictReader(handle)}
    scored = {
        Path(r["file"]).relative_to(tmp_path / "in").as_posix()
        for r in read_csv(tmp_path / "out" / "summary.csv")
    }
    failed = {
        Path(r["file"]).relative_to(tmp_path / "in").as_posix()
        for r in read_csv(tmp_path / "out" / "errors.csv")
    }
    pairs = [(name, _original(name, index)) for name, kind in index.items() if kind == "duplicate"]
    in_pairs = {name for pair in pairs for name in pair}
    broken = {name for name, kind in index.items() if kind not in ("valid", "duplicate")}
    assert report.files == 120 and report.invalid == len(broken) + len(pairs)
    assert failed - in_pairs == broken
    assert scored - in_pairs == {name for name, kind in index.items() if kind == "valid"} - in_pairs
    assert all(len(set(pair) & scored) == 1 for pair in pairs)


def _original(duplicate: str, index: dict[str, str]) -> str:
    """The valid file whose entity and period a `...-resent.yaml` duplicate repeats."""
    stem = duplicate.removesuffix("-resent.yaml")
    return next(stem + suffix for suffix in (".yaml", ".json") if stem + suffix in index)
