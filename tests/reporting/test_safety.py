"""Whatever respondents type: nothing is fetched, nothing is embedded but our data, every
string prints as literal text, and any response lays out in bounded time without overflow."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from capacity_eval.model import Instrument
from capacity_eval.reporting import pdf_bytes, render_html, render_pdf

from .conftest import pdf_pages, pdf_reader


@pytest.fixture
def server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that records every request it gets."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], requests
    httpd.shutdown()
    httpd.server_close()


def payload(port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    return (
        f'<img src="{base}/img"> file:///etc/passwd '
        f'<link rel="attachment" href="file:///etc/passwd"> '
        f'<link rel="stylesheet" href="{base}/css"> '
        f"<style>@import url({base}/import); body {{ background: url({base}/bg) }}</style> "
        f'<svg><image href="{base}/svg"/></svg> url({base}/url) {{{{ 7*7 }}}}'
    )


def test_the_server_would_see_an_unescaped_image(server: tuple[int, list[str]]) -> None:
    """The check below can fail: plain WeasyPrint fetches this image, our writer does not."""
    from weasyprint import HTML

    port, requests = server
    html = f'<p>x</p><img src="http://127.0.0.1:{port}/control">'
    HTML(string=html).write_pdf()
    assert requests == ["/control"]
    data = pdf_bytes(
        html + '<link rel="attachment" href="file:///etc/hostname">',
        lang="en",
        title="t",
        author="a",
    )
    assert requests == ["/control"] and list(pdf_reader(data).attachments) == []


def test_hostile_text_is_literal_and_fetches_nothing(
    instrument: Instrument, result: dict[str, Any], server: tuple[int, list[str]]
) -> None:
    port, requests = server
    hostile = payload(port)
    result["entity"]["name"] = hostile[:500]
    result["period"] = "{{ 7*7 }}"
    result["nodes"]["L1"]["note"] = hostile
    result["nodes"]["L1"]["evidence"] = [hostile, f"http://127.0.0.1:{port}/evidence"]
    result["nodes"]["NOTE"]["answer"] = hostile
    data = render_pdf(instrument, result, lang="en")
    assert requests == []
    assert list(pdf_reader(data).attachments) == ["result.json"]
    text = " ".join(" ".join(pdf_pages(data)).split())
    assert f'<img src="http://127.0.0.1:{port}/img">' in text
    assert '<link rel="attachment" href="file:///etc/passwd">' in text
    assert "{{ 7*7 }}" in text and "root:x:0:0" not in text
    assert "(2026)" not in text and "{{ 7*7 }}" in pdf_reader(data).metadata.title


def words(count: int, size: int) -> str:
    return " ".join("palabra"[:size] * (size // 7 + 1) for _ in range(count))


def overflowing(html: str) -> list[str]:
    """Texts that stick out of their table cell or of the page's content area."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    found = []
    for page in HTML(string=html).render().pages:
        page_box = page._page_box
        right = page_box.margin_left + page_box.width + 0.5
        for box in page_box.descendants():
            if isinstance(box, boxes.TableCellBox):
                limit = box.content_box_x() + box.width + 0.5
                found += [
                    t.text[:40]
                    for t in box.descendants()
                    if isinstance(t, boxes.TextBox) and t.position_x + t.width > limit
                ]
            elif isinstance(box, boxes.TextBox) and box.position_x + box.width > right:
                found.append(box.text[:40])
    return found


def test_long_texts_lay_out_fast_and_inside_the_page(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    result["entity"]["name"] = (
        "Ministerio del Interior, Seguridad Ciudadana y Convivencia Pacífica de la República "
    ) * 3 + "x" * 30
    result["nodes"]["L1"]["note"] = "n" * 20_000  # one unbroken 20,000-character word
    result["nodes"]["L1"]["evidence"] = ["https://www.example.org/" + "d" * 400] * 60
    result["nodes"]["V1"]["note"] = words(400, 12)
    result["nodes"]["NOTE"]["answer"] = "Ñandú " * 2000
    start = time.process_time()
    data = render_pdf(instrument, result, lang="es")
    assert time.process_time() - start < 6
    pages = pdf_pages(data)
    text = " ".join(" ".join(pages).split())
    assert result["entity"]["name"].strip() in text
    assert "[abreviado: el texto completo está en los datos adjuntos]" in text
    assert "… y 55 más en el registro de evidencias" in text
    assert "… y 48 más en los datos adjuntos" in text
    assert overflowing(render_html(instrument, result, lang="es")) == []


def test_tables_that_span_pages_repeat_their_header(
    instrument: Instrument, result: dict[str, Any]
) -> None:
    for question in ("L1", "L2"):
        result["nodes"][question]["note"] = words(250, 9)
        result["nodes"][question]["evidence"] = [f"Decreto {n} de 2024" for n in range(20)]
    pages = [" ".join(p.split()) for p in pdf_pages(render_pdf(instrument, result, lang="en"))]
    start = next(i for i, p in enumerate(pages) if p.startswith("1. Legislation"))
    assert "ID Question Answer Score L1 Is there a public security law?" in pages[start]
    assert pages[start + 1].startswith("ID Question Answer Score")  # the header, repeated
    assert "… and 15 more in the evidence register" in pages[start + 1]
