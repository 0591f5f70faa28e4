"""Type confusion everywhere: documents generated from our JSON Schemas, and valid ones
damaged at one place, given to `validate` and `score`. Each is accepted (exit 0) or
refused with exit 1 and located one-line problems; never a traceback or an internal error.

The examples are derandomized so that the fast suite is stable; `bench/fuzz.py` runs the
same properties with a large, random budget.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .schema_data import documents, mutated
from .support import MINI, PROBLEM, command, mini_instrument, mini_response

FAST = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def write(folder: Path, data: Any, as_yaml: bool) -> Path:
    path = folder / ("doc.yaml" if as_yaml else "doc.json")
    if as_yaml:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_clean_outcome(path: Path, code: int, out: str, err: str) -> None:
    """Exit 0 or 1; every stderr line is a problem located in `path` (or a warning)."""
    assert code in (0, 1), (code, err)
    assert "Traceback" not in out + err and "internal error" not in err, err
    for line in err.splitlines():
        match = PROBLEM.match(line)
        assert match is not None and match["file"] == str(path), line


def check_validate(data: Any, as_yaml: bool, *extra: str | Path) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), data, as_yaml)
        code, out, err = command("validate", path, *extra)
        assert_clean_outcome(path, code, out, err)
        return code


def check_score(data: Any, as_yaml: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), data, as_yaml)
        code, out, err = command("score", path, "-i", MINI, "--json")
        assert_clean_outcome(path, code, out, err)
        if code == 0:
            result = json.loads(out)
            assert result["schema"] == "capacity-eval/result@1"
            score = result["overall"]["score"]
            assert score is None or 0 <= score <= 100
        else:
            assert out == ""


@FAST
@given(documents("instrument"), st.booleans())
def test_instruments_from_the_schema(data: Any, as_yaml: bool) -> None:
    check_validate(data, as_yaml)


@FAST
@given(documents("response"), st.booleans())
def test_responses_from_the_schema(data: Any, as_yaml: bool) -> None:
    check_validate(data, as_yaml, "-i", MINI)


@FAST
@given(mutated(mini_instrument()), st.booleans())
def test_damaged_instruments(data: Any, as_yaml: bool) -> None:
    check_validate(data, as_yaml)


@FAST
@given(mutated(mini_response()), st.booleans())
def test_damaged_responses_are_validated_and_scored(data: Any, as_yaml: bool) -> None:
    check_validate(data, as_yaml, "-i", MINI)
    check_score(data, as_yaml)


@FAST
@given(documents("result"), st.booleans())
def test_results_from_the_schema(data: Any, as_yaml: bool) -> None:
    check_validate(data, as_yaml)


def test_the_undamaged_documents_pass() -> None:
    """The properties above would pass vacuously if the base documents were refused."""
    assert check_validate(mini_instrument(), True) == 0
    assert check_validate(mini_response(), False, "-i", MINI) == 0
