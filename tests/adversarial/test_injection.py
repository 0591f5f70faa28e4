"""Hostile text in every text field of an instrument and a response: HTML and PDF reports
show it as literal text, the PDF embeds nothing foreign, nothing is fetched (a local HTTP
server records zero requests), and the terminal shows it as typed. Long answers render
in bounded time."""

from __future__ import annotations

import csv
import html
import html.parser
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .injection import hostile_pair, spy_server
from .support import MINI, command, mini_response, run_bounded

REPORT_SECONDS = 60.0
SPREADSHEET = '=HYPERLINK("http://127.0.0.1:9/x","click")'
URL_ATTRIBUTES = frozenset(
    {
        "src",
        "href",
        "data",
        "action",
        "formaction",
        "srcset",
        "poster",
        "background",
        "style",
        "xlink:href",
    }
)

# Fields every report shows (each holds one numbered payload; see injection.hostile_pair).
SHOWN = (
    "entity name",
    "instrument title",
    "question text",
    "note",
    "evidence",
    "text answer",
    "flag",
)


@dataclass
class Rendered:
    folder: Path
    texts: list[str]
    fields: dict[str, str]
    requests: list[str]
    outputs: dict[str, str] = field(default_factory=dict)


def _fields(instrument: dict[str, Any], response: dict[str, Any]) -> dict[str, str]:
    first_question = instrument["domains"][0]["sections"][0]["questions"][0]
    return {
        "entity name": response["entity"]["name"],
        "instrument title": instrument["title"]["en"],
        "question text": first_question["text"]["en"],
        "note": response["answers"]["O1"]["note"],
        "evidence": response["answers"]["O1"]["evidence"][0],
        "text answer": response["answers"]["NOTE"],
        "flag": instrument["rules"][0]["flag"]["message"]["en"],
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    folder = tmp_path_factory.mktemp("injection")
    with spy_server() as (port, requests):
        instrument, response, texts = hostile_pair(port)
        response["language"] = "en"
        (folder / "i.json").write_text(json.dumps(instrument, ensure_ascii=False))
        (folder / "r.json").write_text(json.dumps(response, ensure_ascii=False))
        other = {**response, "entity": {**response["entity"], "id": "xb", "name": SPREADSHEET}}
        (folder / "r2.json").write_text(json.dumps(other, ensure_ascii=False))
        pair = [folder / "r.json", folder / "r2.json", "-i", folder / "i.json"]
        result = Rendered(folder, texts, _fields(instrument, response), requests)
        for name, args in {
            "html": ["report", folder / "r.json", "-i", folder / "i.json", "-o", folder / "r.html"],
            "pdf": ["report", folder / "r.json", "-i", folder / "i.json", "-o", folder / "r.pdf"],
            "score": ["score", folder / "r.json", "-i", folder / "i.json", "--top", "9"],
            "explain": ["explain", folder / "r.json", "-i", folder / "i.json", "ops"],
            "compare-html": ["compare", *pair, "-o", folder / "c.html"],
            "compare-pdf": ["compare", *pair, "-o", folder / "c.pdf"],
            "compare-csv": ["compare", *pair, "-o", folder / "c.csv"],
        }.items():
            code, out, err = command(*args)
            assert code == 0, (name, err)
            assert err == "" or err.endswith(" written: 2 compared, 0 set apart\n"), (name, err)
            result.outputs[name] = out
        yield result


class _Page(html.parser.HTMLParser):
    """Tags, attributes, style sheets and visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def visible(text: str) -> str:
    """Text as a reader sees it: soft breaks (zero-width spaces) and runs of spaces ignored."""
    return " ".join(text.replace("\u200b", "").split())


@pytest.mark.parametrize("name", ["r.html", "c.html"])
def test_html_reports_hold_no_foreign_markup(rendered: Rendered, name: str) -> None:
    page = _Page()
    page.feed((rendered.folder / name).read_text(encoding="utf-8"))
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "iframe", "object", "embed", "img", "link", "base", "meta-refresh"}
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in URL_ATTRIBUTES:  # text in `content` or `title` is fine: never fetched
                lowered = (value or "").lower()
                for bad in ("127.0.0.1", "file:", "javascript:", "passwd", "url("):
                    assert bad not in lowered, (tag, name, value)
    for sheet in page.styles:
        assert "127.0.0.1" not in sheet and "passwd" not in sheet and "@import" not in sheet


def test_html_report_shows_hostile_text_literally(rendered: Rendered) -> None:
    page = _Page()
    page.feed((rendered.folder / "r.html").read_text(encoding="utf-8"))
    shown = visible(" ".join(page.text))
    for name in SHOWN:
        assert visible(rendered.fields[name]) in shown, name
    assert "49" not in " ".join(t for t in page.text if "F10" in t)  # {{ 7*7 }} not evaluated
    markers = sum(visible(text) in shown for text in rendered.texts)
    assert markers >= 20, markers


def test_pdf_report_shows_hostile_text_literally(rendered: Rendered) -> None:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", rendered.folder / "r.pdf", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown = visible(text)
    for name in ("entity name", "question text", "note", "evidence", "flag"):
        assert visible(rendered.fields[name]) in shown, name


def test_comparison_shows_hostile_text_literally(rendered: Rendered) -> None:
    page = _Page()
    page.feed((rendered.folder / "c.html").read_text(encoding="utf-8"))
    assert visible(rendered.fields["entity name"]) in visible(" ".join(page.text))
    with (rendered.folder / "c.csv").open(newline="", encoding="utf-8") as handle:
        names = {row["entity_name"] for row in csv.DictReader(handle)}
    assert names == {rendered.fields["entity name"], "'" + SPREADSHEET}
    listing = subprocess.run(
        ["pdfdetach", "-list", rendered.folder / "c.pdf"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert listing == ["1 embedded files", "1: comparison.csv"]


def test_pdf_embeds_only_its_own_result(rendered: Rendered, tmp_path: Path) -> None:
    listing = subprocess.run(
        ["pdfdetach", "-list", rendered.folder / "r.pdf"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert listing == ["1 embedded files", "1: result.json"]
    subprocess.run(["pdfdetach", "-saveall", "-o", tmp_path, rendered.folder / "r.pdf"], check=True)
    attached = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert attached["entity"]["name"] == rendered.fields["entity name"]
    assert "root:" not in (tmp_path / "result.json").read_text(encoding="utf-8")


def test_nothing_was_fetched(rendered: Rendered) -> None:
    assert rendered.outputs["pdf"]  # the reports were written while the server listened
    assert rendered.requests == []


def test_terminal_output_is_literal(rendered: Rendered) -> None:
    score = rendered.outputs["score"]
    assert "\x1b" not in score + rendered.outputs["explain"]
    assert visible(rendered.fields["entity name"]) in visible(score)
    assert "[bold red]rich[/]" in score + rendered.outputs["explain"]


def test_huge_answers_render_in_bounded_time(tmp_path: Path) -> None:
    """A 100,000-character unbroken answer and a 5,000-line note, in one report."""
    response = mini_response()
    response["answers"]["NOTE"] = answer = "x" * 100_000
    response["answers"]["L2"]["note"] = "\n".join(f"line {i}" for i in range(5000))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(response))
    run = run_bounded(
        ["report", path, "-i", MINI, "-o", tmp_path / "r.pdf"], seconds=REPORT_SECONDS
    )
    assert (run.code, run.err) == (0, "")
    assert run.seconds < 30, run.seconds
    pages = subprocess.run(
        ["pdfinfo", tmp_path / "r.pdf"], capture_output=True, text=True, check=True
    )
    assert "Pages:" in pages.stdout
    score = run_bounded(["score", path, "-i", MINI, "--json"])
    assert json.loads(score.out)["nodes"]["NOTE"]["answer"] == answer


def test_a_shortened_text_points_to_where_the_full_text_is(tmp_path: Path) -> None:
    """An HTML report has no attachment: it points to the response instead."""
    response = mini_response()
    response["answers"]["NOTE"] = "word " * 5000
    path = tmp_path / "r.json"
    path.write_text(json.dumps(response))
    assert command("report", path, "-i", MINI, "-o", tmp_path / "r.html", "--lang", "en")[0] == 0
    page = html.unescape((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert "[shortened: the full text is in the response the report was made from]" in page
    assert "attached data" not in page
