"""An instrument and a response with hostile text in every text field, and a local HTTP
server that records every request made to it.

Each field gets a numbered marker and one payload (`F17 <img src=file:///etc/passwd>`),
so a test can look for every field's exact text in a report.
"""

from __future__ import annotations

import http.server
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .support import mini_instrument, mini_response


def payloads(port: int) -> list[str]:
    """Markup, template syntax, URLs to local files and to the spy server, odd Unicode."""
    spy = f"http://127.0.0.1:{port}"
    return [
        "<script>alert(1)</script>",
        "<img src=file:///etc/passwd>",
        '<link rel="attachment" href="file:///etc/passwd">',
        f"<link href={spy}/link>",
        f"<style>body {{ background: url({spy}/css) }}</style>",
        f"<div style=\"background: url('{spy}/attr')\">x</div>",
        f"<img src={spy}/img>",
        f'<iframe src="{spy}/iframe"></iframe>',
        f'<object data="{spy}/object"></object>',
        f"@import url({spy}/import);",
        "{{ 7*7 }}",
        "{% include '/etc/passwd' %}",
        "{{ self.__init__.__globals__ }}",
        "${7*7} #{7*7}",
        "\u202egnp.exe",
        "zero\u200bwidth\u200djoiner\ufeff",
        "🙂 👩🏽‍⚖️ 🇨🇴",
        "&lt;already escaped&gt; &amp;",
        "](javascript:alert(1))",
        "\\\\server\\share",
        f"[bold red]rich[/] [link={spy}/rich]markup[/link]",
    ]


TEXT_KEYS = (
    "title",
    "description",
    "text",
    "help",
    "label",
    "recommendation",
    "reference",
    "unit",
    "message",
    "prompt",
)


def _inject(node: Any, texts: Iterator[str], languages: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and (isinstance(value, str) or _is_text(value)):
                text = next(texts)
                node[key] = {lang: text for lang in languages} if len(languages) > 1 else text
            else:
                _inject(value, texts, languages)
    elif isinstance(node, list):
        for item in node:
            _inject(item, texts, languages)


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def hostile_pair(port: int) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(instrument, response, every injected text) built from the mini fixtures."""
    texts: list[str] = []

    def numbered() -> Iterator[str]:
        for n, payload in enumerate(itertools.cycle(payloads(port))):
            text = f"F{n} {payload}"
            texts.append(text)
            yield text

    source = numbered()
    instrument = mini_instrument()
    for domain in instrument["domains"]:
        domain["description"] = "placeholder"
    for question in (
        q for d in instrument["domains"] for s in d["sections"] for q in s["questions"]
    ):
        question["help"] = "placeholder"
        if question["type"] != "text":
            question["recommendation"] = "placeholder"
    instrument["rules"][0]["description"] = "placeholder"
    _inject(instrument, source, instrument["languages"])
    response = mini_response()
    response["entity"]["name"] = next(source)
    response["respondent"] = {"name": next(source), "role": next(source)}
    response["answers"]["O1"] = {"value": ["a", "b"], "note": next(source)}
    response["answers"]["O1"]["evidence"] = [next(source), next(source)]
    next(source)
    # the text answer, shown in every report, gets the Unicode tricks
    response["answers"]["NOTE"] = texts[-1] = (
        "F-unicode \u202egnp.exe a\u200bb\u200dc\ufeff 👩🏽\u200d⚖️"
    )
    response["answers"]["L1"] = "no"  # the rule fires: its flag and recommendation show (L2 hides)
    return instrument, response, texts


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def spy_server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server on a free port; yields (port, the paths requested from it)."""
    requests: list[str] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], requests
    finally:
        server.shutdown()
        server.server_close()
