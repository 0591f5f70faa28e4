"""The HTML report: golden files, escaping of every name from the inputs, determinism.

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 pytest tests/compare/test_render.py` and review the difference.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from capacity_eval.compare.render import render_html
from capacity_eval.model import Instrument

from .support import FIXTURES, comparison_of

GOLDEN = Path(__file__).parent / "golden"
HERE = Path(__file__).parent


def body_of(html: str) -> str:
    """The document body: what this report writes (the head holds the shared stylesheet)."""
    return html[html.index("<body>") :]


@pytest.fixture
def relative(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from tests/compare, so that file names in the report are relative and stable."""
    monkeypatch.chdir(HERE)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return Path("fixtures")


@pytest.mark.parametrize(
    ("name", "lang", "options"),
    [
        ("report-en.html", "en", {"sensitivity": 20}),
        ("report-es-country.html", "es", {"group_by": "country", "sort": "name"}),
    ],
)
def test_golden_html(
    relative: Path, trio: Instrument, name: str, lang: str, options: dict[str, Any]
) -> None:
    html = render_html(comparison_of([relative], trio, **options), lang)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(body_of(html), encoding="utf-8")
    assert body_of(html) == golden.read_text(encoding="utf-8")


def test_html_is_deterministic_and_complete(relative: Path, trio: Instrument) -> None:
    comparison = comparison_of([relative], trio, sensitivity=10)
    html = render_html(comparison, "en")
    assert html == render_html(comparison_of([relative], trio, sensitivity=10), "en")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert 'id="summary"' in html
    for anchor in (
        "overview",
        "statistics",
        "ranking",
        "trends",
        "gaps",
        "sensitivity",
        "comparability",
        "method",
    ):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert "compare." not in html  # every message key was found


def test_names_from_inputs_are_escaped_everywhere(tmp_path: Path, trio: Instrument) -> None:
    evil = "<img src=x onerror=alert(1)></style><script>alert(2)</script>\"'&"
    text = (FIXTURES / "responses" / "xa-2026.yaml").read_text(encoding="utf-8")
    escaped_yaml = evil.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace('"Ministry of the Interior of XA"', f'"{escaped_yaml}"')
    (tmp_path / "evil.yaml").write_text(
        text.replace('period: "2026"', 'period: "<b>2026"'), encoding="utf-8"
    )
    for name in ("xc-2026.yaml", "xb-2026.yaml", "xd-police-2026.yaml"):
        (tmp_path / name).write_text((FIXTURES / "responses" / name).read_text("utf-8"), "utf-8")
    comparison = comparison_of([tmp_path], trio, title="<i>Region</i> & co")
    html = render_html(comparison, "en")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;/style&gt;&lt;script&gt;" in html
    assert "&lt;i&gt;Region&lt;/i&gt; &amp; co" in html
    # data never lands in an attribute: every attribute value is one of ours
    for value in re.findall(r'(?:class|id|href|src|style)="([^"]*)"', body_of(html)):
        assert "alert" not in value and "<" not in value
    assert "onerror=alert(1)>" not in html
