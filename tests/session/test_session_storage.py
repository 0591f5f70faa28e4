"""Saving the response: complete and valid after every save, values that YAML 1.1 would
misread kept as text, JSON when the file is `.json`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from capacity_eval.loading.files import check_response, load_instrument
from capacity_eval.model import Response
from capacity_eval.session import load_response_for_fill, response_text, save_response, utc_now

from .support import SURVEY_PATH, response, survey

TRICKY = Path(__file__).parents[1] / "fixtures" / "mini.yaml"


def tricky_instrument(tmp_path: Path) -> Path:
    """`mini` with option values that YAML 1.1 reads as booleans, octal and times."""
    text = (
        TRICKY.read_text(encoding="utf-8")
        .replace("{value: partial,", '{value: "010",')
        .replace('{value: "no",', '{value: "NO",')
    )
    text = text.replace('in: ["yes", partial]', 'in: ["yes", "010"]')
    text = text.replace("{value: a,", '{value: "12:30",').replace("{value: b,", '{value: "on",')
    text = text.replace('when: {answer: L1, is: "no"}', 'when: {answer: L1, is: "NO"}')
    path = tmp_path / "tricky.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_yaml_would_misread_round_trip(tmp_path: Path) -> None:
    inst = load_instrument(tricky_instrument(tmp_path))
    answers = {"L1": "010", "L2": "2", "O1": ["12:30", "on"], "NOTE": "NO", "POP": 10}
    saved = Response.model_validate(
        {
            "schema": "capacity-eval/response@1",
            "instrument": {"id": "mini", "version": "1.0.0"},
            "entity": {"id": "xa", "name": "Test", "country": "XAA"},
            "period": "2026",
            "language": "en",
            "answers": answers,
        }
    )
    path = tmp_path / "r.yaml"
    save_response(path, saved)
    text = path.read_text(encoding="utf-8")
    assert "L1: '010'" in text and "NOTE: 'NO'" in text and "period: '2026'" in text
    assert "O1: ['12:30', 'on']" in text
    checked = check_response(path, inst)
    assert checked.errors == []
    assert {k: a.value for k, a in checked.unwrap().answers.items()} == dict(answers, POP="10")
    loaded_elsewhere = __import__("yaml").safe_load(text)  # a YAML 1.1 reader sees text too
    assert loaded_elsewhere["answers"]["NOTE"] == "NO" and loaded_elsewhere["period"] == "2026"


def test_saved_file_is_a_complete_valid_response(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    answers = {
        "LAW-1": {"value": "yes", "note": "checked", "evidence": ["Ley 5/2020"]},
        "STAFF": 250,
        "TRAINED": "n/a",
        "LAW-3": ["courts"],
    }
    save_response(path, response(answers).model_copy(update={"updated": utc_now()}))
    loaded = load_response_for_fill(path, survey())
    assert loaded.answers["LAW-1"].evidence == ["Ley 5/2020"]
    assert loaded.answers["STAFF"].value == "250"  # the loader keeps text; scoring reads it
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", loaded.updated or "")
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "schema: capacity-eval/response@1\ninstrument: {id: fill-survey, version: 1.0.0}\n"
    )


def test_json_files_stay_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    save_response(path, response({"LAW-1": "no", "COMMENT": "Señal débil"}))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["answers"] == {"LAW-1": "no", "COMMENT": "Señal débil"}
    assert load_response_for_fill(path, survey()).answers["COMMENT"].value == "Señal débil"


def test_unicode_is_written_as_is() -> None:
    text = response_text(response({"COMMENT": "Política nacional"}), Path("r.yaml"))
    assert "COMMENT: Política nacional" in text


def test_an_invalid_existing_response_is_refused(tmp_path: Path) -> None:
    from capacity_eval.errors import InvalidInput

    path = tmp_path / "bad.yaml"
    path.write_text(
        response_text(response({}), path).replace("answers: {}", "answers:\n  STAFF: lots\n")
    )
    with pytest.raises(InvalidInput) as caught:
        load_response_for_fill(path, survey())
    assert [str(p) for p in caught.value.errors] == [f"{path}:8:3: STAFF: 'lots' is not a number"]


def test_survey_fixture_is_valid() -> None:
    assert survey().id == "fill-survey" and SURVEY_PATH.is_file()


def test_leftovers_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    from capacity_eval.session import remove_leftovers

    path = tmp_path / "r[1].yaml"
    save_response(path, response({"LAW-1": "no"}))
    leftover = tmp_path / ".r[1].yaml.k2j3h4.tmp"
    other = tmp_path / ".other.yaml.k2j3h4.tmp"
    leftover.write_text("half a respo")
    other.write_text("not ours")
    assert remove_leftovers(path) == [leftover]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.yaml.k2j3h4.tmp", "r[1].yaml"]
