"""Fixtures shared by the whole test suite (keep this file small and generic)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, without the user's language or search path settings."""
    from capacity_eval.i18n import set_language

    for name in ("CAPACITY_EVAL_LANG", "CAPACITY_EVAL_PATH", "CAPACITY_EVAL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def fixtures() -> Path:
    """The folder of shared test fixtures (`tests/fixtures`)."""
    return FIXTURES


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a text file under the test's temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `capacity-eval ARGS...` in-process; returns exit code, stdout and stderr.

    Tables are drawn 120 columns wide; every run is checked never to print a traceback.
    """
    from capacity_eval.cli import run

    monkeypatch.setenv("COLUMNS", "120")

    def _run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        result = CliResult(code, captured.out, captured.err)
        assert "Traceback" not in result.out + result.err
        return result

    return _run
