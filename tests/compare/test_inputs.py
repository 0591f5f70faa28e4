"""Reading inputs: result files, responses scored on the fly, folders, and bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from capacity_eval.api import load_instrument, result_document, score
from capacity_eval.compare.inputs import input_files, load_inputs
from capacity_eval.compare.tables import long_rows
from capacity_eval.errors import UsageError
from capacity_eval.model import Instrument

from .support import FIXTURES, TRIO, response_for

RESPONSES = FIXTURES / "responses"


def _result(trio: Instrument, entity: str = "xa", period: str = "2026") -> dict:  # type: ignore[type-arg]
    response = response_for(trio, entity, period, {"L1": "yes", "P1": "partial", "C1": "no"})
    return result_document(score(trio, response), "en")


def test_folder_walk_finds_json_and_with_an_instrument_yaml(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("a.json", "sub/b.yaml", "sub/c.yml", "notes.txt", ".hidden/d.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p, _ in input_files([tmp_path], False)] == ["a.json"]
    found = input_files([tmp_path], True)
    assert [(p.name, explicit) for p, explicit in found] == [
        ("a.json", False),
        ("b.yaml", False),
        ("c.yml", False),
    ]


def test_responses_are_scored_with_the_instrument(trio: Instrument) -> None:
    loaded = load_inputs([RESPONSES], trio, "en")
    assert len(loaded.entries) == 11 and loaded.excluded == [] and loaded.problems == []
    xb = next(e for e in loaded.entries if e.source.endswith("xb-2026.yaml"))
    assert xb.name == "Secretaría de Seguridad & Justicia <XB>"
    assert xb.cell("overall").score == 56.3
    assert [xb.cell(d).score for d in xb.domains] == [50.0, 75.0, 50.0]
    assert [f.key for f in xb.flags] == ["no-shelters"]
    assert xb.response is not None and xb.response.entity.country == "XBB"


def test_result_files_read_equal_the_scored_document(tmp_path: Path, trio: Instrument) -> None:
    document = _result(trio)
    (tmp_path / "r.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "r.yaml").write_text(json.dumps(document), encoding="utf-8")  # YAML path
    loaded = load_inputs([tmp_path / "r.json", tmp_path / "r.yaml"], None)
    fast, slow = loaded.entries
    assert list(long_rows([fast])) == list(long_rows([slow]))
    assert fast.document["overall"] == document["overall"]
    assert fast.cells == slow.cells and fast.response is None


def test_a_response_without_instrument_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"xa-2026\.yaml is a response: give its instrument"):
        load_inputs([RESPONSES / "xa-2026.yaml"], None)
    # in a folder walk without -i, YAML files are not even read
    assert load_inputs([RESPONSES], None).entries == []


def test_bad_files_are_listed_with_their_first_problem(tmp_path: Path, trio: Instrument) -> None:
    good = _result(trio)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "capacity-eval/result@1",\n  "overall": [1, }', "utf-8")
    high = json.loads(json.dumps(good))
    high["nodes"]["law"]["score"] = 150
    (tmp_path / "high.json").write_text(json.dumps(high, indent=1), encoding="utf-8")
    twice = tmp_path / "twice.json"
    twice.write_text(
        json.dumps(good, indent=1).replace('"period"', '"language": "en", "period"', 1),
        encoding="utf-8",
    )
    (tmp_path / "manifest.json").write_text('{"files": 3}', encoding="utf-8")
    (tmp_path / "odd.json").write_text('{"schema": "capacity-eval/summary@1"}', "utf-8")
    loaded = load_inputs([tmp_path], None)
    assert loaded.entries == []
    details = {Path(x.source).name: x.detail for x in loaded.excluded}
    assert set(details) == {"broken.json", "high.json", "twice.json", "odd.json"}
    assert all(x.reason == "invalid" for x in loaded.excluded)
    assert details["broken.json"].startswith(f"{broken}:2:")
    assert "`score` is 150.0, outside 0-100" in details["high.json"]
    line = next(
        n
        for n, text in enumerate((tmp_path / "high.json").read_text().splitlines(), 1)
        if '"score": 150' in text
    )
    assert details["high.json"].startswith(f"{tmp_path / 'high.json'}:{line}:")
    assert "duplicate key 'language'" in details["twice.json"]
    assert "unknown schema 'capacity-eval/summary@1'" in details["odd.json"]


def test_instruments_among_inputs_are_skipped(trio: Instrument) -> None:
    loaded = load_inputs([TRIO, RESPONSES / "xa-2026.yaml"], trio)
    assert len(loaded.entries) == 1
    assert [str(p) for p in loaded.problems] == [
        f"{TRIO}: warning: this is an instrument, not a result or a response; skipped "
        "(give the instrument with -i)"
    ]


def test_response_for_an_unknown_instrument_is_unscored(tmp_path: Path, trio: Instrument) -> None:
    text = (RESPONSES / "xa-2026.yaml").read_text(encoding="utf-8")
    path = tmp_path / "other.yaml"
    path.write_text(
        text.replace("id: trio, version: 1.0.0", "id: nowhere, version: 3.1.0"), "utf-8"
    )
    loaded = load_inputs([path], trio)
    assert loaded.entries == []
    (item,) = loaded.excluded
    assert (item.reason, item.entity, item.period, item.detail) == (
        "unscored",
        "xa-interior",
        "2026",
        "nowhere 3.1.0",
    )
    assert [str(p) for p in loaded.problems] == [
        f"{path}:2:1: warning: instrument nowhere 3.1.0 not found in questionnaires/ or "
        "CAPACITY_EVAL_PATH; the response is listed apart, unscored"
    ]


def test_other_versions_are_found_on_the_search_path(
    tmp_path: Path, trio: Instrument, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    text = TRIO.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.1.0")
    (folder / "trio-1.1.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("CAPACITY_EVAL_PATH", str(folder))
    response = (RESPONSES / "xa-2026.yaml").read_text(encoding="utf-8")
    path = tmp_path / "newer.yaml"
    path.write_text(response.replace("version: 1.0.0", "version: 1.1.0"), encoding="utf-8")
    loaded = load_inputs([path], trio)
    (entry,) = loaded.entries
    assert entry.stamp.version == "1.1.0"
    assert set(loaded.instruments) == {("trio", "1.0.0"), ("trio", "1.1.0")}


def test_scoring_instrument_found_only_when_the_digest_matches(
    tmp_path: Path, trio: Instrument, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "instruments"
    folder.mkdir()
    shutil.copy(TRIO, folder / "trio.yaml")
    monkeypatch.setenv("CAPACITY_EVAL_PATH", str(folder))
    (tmp_path / "r.json").write_text(json.dumps(_result(trio)), encoding="utf-8")
    assert set(load_inputs([tmp_path / "r.json"], None).instruments) == {("trio", "1.0.0")}
    edited = TRIO.read_text(encoding="utf-8").replace("Trio test instrument", "Edited")
    (folder / "trio.yaml").write_text(edited, encoding="utf-8")
    assert load_inputs([tmp_path / "r.json"], None).instruments == {}
    assert load_instrument(folder / "trio.yaml").version == "1.0.0"


def test_the_size_limit_applies_to_result_files(
    tmp_path: Path, trio: Instrument, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_result(trio)), encoding="utf-8")
    monkeypatch.setenv("CAPACITY_EVAL_MAX_FILE_SIZE", "1000")
    loaded = load_inputs([path], None)
    (item,) = loaded.excluded
    assert item.reason == "invalid" and "over the limit of 1000 bytes" in item.detail
