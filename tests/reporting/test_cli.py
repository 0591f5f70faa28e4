"""`capacity-eval report`: exit codes, messages and the files it writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import INSTRUMENT, RESPONSE, pdf_pages, pdf_reader

ROOT = Path(__file__).parents[2]
CORE = ROOT / "questionnaires" / "dps-core.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("**/*.yaml"))


def test_report_from_a_response(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    result = cli("report", RESPONSE, "-i", INSTRUMENT, "-o", out, "--lang", "pt")
    assert (result.code, result.out, result.err) == (0, f"Relatório gravado em {out}\n", "")
    pages = pdf_pages(out.read_bytes())
    assert "Avaliação de capacidade reduzida" in pages[0] and "68.8" in pages[0]


def test_report_from_a_result_file_is_the_same_report(cli: Any, tmp_path: Path) -> None:
    scored = tmp_path / "result.json"
    assert cli("score", RESPONSE, "-i", INSTRUMENT, "-o", scored, "--top", "0").code == 0
    from_result, from_response = tmp_path / "a.html", tmp_path / "b.html"
    assert cli("report", scored, "-i", INSTRUMENT, "-o", from_result).code == 0
    assert cli("report", RESPONSE, "-i", INSTRUMENT, "-o", from_response).code == 0
    a, b = from_result.read_text(encoding="utf-8"), from_response.read_text(encoding="utf-8")
    # the response carries its date; a result file from `score -o` may not
    assert a.replace("<dt>Date</dt><dd>14 March 2026</dd>\n", "") == b.replace(
        "<dt>Date</dt><dd>14 March 2026</dd>\n", ""
    )
    assert "<dt>Date</dt>" in b


def test_pdf_variant(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    result = cli("report", RESPONSE, "-i", INSTRUMENT, "-o", out, "--pdf-variant", "pdf/a-3b")
    assert result.code == 0
    metadata = pdf_reader(out.read_bytes()).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in metadata


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("-o", "{tmp}/r.txt"),
            "error: cannot tell the report format from '{tmp}/r.txt': "
            "the output must end in .pdf or .html",
        ),
        (
            ("-o", "{tmp}/r.html", "--pdf-variant", "pdf/a-3b"),
            "error: --pdf-variant applies only to a PDF output; write to a .pdf file or leave the "
            "option out",
        ),
        (
            ("-o", "{tmp}/r.pdf", "--pdf-variant", "pdf/x-4"),
            "error: unknown PDF variant 'pdf/x-4'; use one of pdf/ua-1, pdf/a-3b",
        ),
    ],
)
def test_usage_errors(cli: Any, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("report", RESPONSE, "-i", INSTRUMENT, *(a.format(tmp=tmp_path) for a in args))
    assert (result.code, result.err_lines) == (2, [message.format(tmp=tmp_path)])
    assert list(tmp_path.iterdir()) == []


def test_language_the_instrument_lacks(cli: Any, tmp_path: Path, fixtures: Path) -> None:
    result = cli(
        "report",
        fixtures / "mini-response.yaml",
        "-i",
        fixtures / "mini.yaml",
        "-o",
        tmp_path / "r.pdf",
        "--lang",
        "fr",
    )
    assert result.code == 2 and list(tmp_path.iterdir()) == []
    assert result.err_lines == [
        "erreur : l'instrument n'a pas de textes en 'fr' (ses langues : "
        "en, es) ; choisissez l'une d'elles avec --lang"
    ]


def test_result_of_another_instrument(cli: Any, tmp_path: Path, fixtures: Path) -> None:
    scored = tmp_path / "result.json"
    cli("score", RESPONSE, "-i", INSTRUMENT, "-o", scored, "--top", "0")
    result = cli("report", scored, "-i", fixtures / "mini.yaml", "-o", tmp_path / "r.pdf")
    assert result.code == 1 and not (tmp_path / "r.pdf").exists()
    assert result.err_lines == [
        f"{scored}:3:3: the result is for instrument report-fixture 1.2.0, not mini 1.0.0; "
        "pass the instrument that scored it with -i"
    ]


def test_result_scored_by_other_content_of_the_instrument(cli: Any, tmp_path: Path) -> None:
    scored = tmp_path / "result.json"
    cli("score", RESPONSE, "-i", INSTRUMENT, "-o", scored, "--top", "0")
    changed = tmp_path / "instrument.yaml"
    changed.write_text(
        INSTRUMENT.read_text(encoding="utf-8").replace("min_coverage: 0.6", "min_coverage: 0.5")
    )
    result = cli("report", scored, "-i", changed, "-o", tmp_path / "r.pdf")
    assert result.code == 1 and result.err_lines == [
        f"{scored}:3:3: the result was scored with a different content of instrument "
        "report-fixture 1.2.0; score the response again with this instrument"
    ]


def test_an_instrument_is_not_a_response(cli: Any, tmp_path: Path) -> None:
    result = cli("report", INSTRUMENT, "-i", INSTRUMENT, "-o", tmp_path / "r.pdf")
    assert result.code == 1 and result.err_lines == [
        f"{INSTRUMENT}:1:1: {INSTRUMENT} is a instrument file; give a response or a result "
        "written by `score -o`"
    ]


def test_missing_output_folder(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "r.html"
    result = cli("report", RESPONSE, "-i", INSTRUMENT, "-o", out)
    assert result.code == 1 and result.err_lines == [
        f"error: cannot write {out}: the folder {out.parent} does not exist; create it first"
    ]


@pytest.mark.skipif(not CORE.is_file() or not EXAMPLES, reason="dps-core or examples missing")
def test_dps_core_example(cli: Any, tmp_path: Path) -> None:
    example = EXAMPLES[0]
    scored = cli("score", example, "-i", CORE, "--json")
    document = json.loads(scored.out)
    out = tmp_path / "r.pdf"
    assert cli("report", example, "-i", CORE, "-o", out, "--lang", "fr").code == 0
    pages = [" ".join(p.split()) for p in pdf_pages(out.read_bytes())]
    assert 15 <= len(pages) <= 45
    assert " ".join(document["entity"]["name"].split()) in pages[0]
    assert f"{document['overall']['score']:.1f}" in pages[0]
    from capacity_eval.api import load_instrument

    for domain in load_instrument(CORE).domains:
        assert any(domain.title["fr"] in page for page in pages[3:]), domain.id
