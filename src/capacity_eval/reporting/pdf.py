"""Writing HTML as a tagged, reproducible PDF with WeasyPrint, fetching nothing from outside.

WeasyPrint's default fetcher reads any `file://` URL and makes HTTP requests, and a
`<link rel="attachment">` embeds whatever it fetches into the PDF. Ours refuses every
URL except files inside the folders it is given (the bundled templates), so a report
can only ever contain our own resources, whatever a respondent typed; the templates
escape all data, so this is the second line of defence, not the first.

Reproducibility: no clock is read. The PDF's creation date is the `created` passed in
(or absent), attachment dates likewise, the file identifier is a hash of the content,
and fonts come from fontconfig by family name.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from ..fileio import write_atomic

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")
"""Variants offered by `--pdf-variant`: PDF/UA-1 (accessibility) and PDF/A-3b (archiving,
with attachments). Without a variant the PDF is tagged all the same."""

_LOG = logging.getLogger("weasyprint")
_LOG.addHandler(logging.NullHandler())  # keep WeasyPrint's warnings off the terminal


@dataclass(frozen=True, slots=True)
class PdfAttachment:
    """A file embedded in the PDF (for example the result JSON)."""

    name: str
    data: bytes
    description: str = ""
    relationship: str = "Data"  # PDF/A-3 AFRelationship: Data, Source, Supplement, ...


class RefusedFetch(Exception):
    """A URL the report may not fetch."""


def safe_fetcher(roots: Sequence[Path] = ()) -> Any:
    """A WeasyPrint URL fetcher that reads only files under `roots` and refuses everything
    else (HTTP, data: URLs, other files). `fetcher.refused` lists what it refused."""
    from weasyprint.urls import URLFetcher

    class SafeFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.roots = tuple(root.resolve() for root in roots)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = self._allowed(url)
            if path is None:
                self.refused.append(url)
                raise RefusedFetch(f"refused to fetch {url[:200]}")
            return super().fetch(path.as_uri(), headers)

        def _allowed(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                return None
            path = Path(unquote(parts.path)).resolve()
            inside = any(path.is_relative_to(root) for root in self.roots)
            return path if inside and path.is_file() else None

    return SafeFetcher()


def pdf_bytes(
    html: str,
    *,
    lang: str,
    title: str,
    author: str,
    attachments: Iterable[PdfAttachment] = (),
    variant: str | None = None,
    created: str | None = None,
    base_dir: Path | None = None,
) -> bytes:
    """The PDF of `html`: tagged, with language, title and author metadata, the given
    attachments and nothing else embedded. `created` is a W3C date-time (or None for no
    date); `base_dir` is the only folder relative URLs may read from."""
    from weasyprint import HTML, Attachment

    if variant is not None and variant not in PDF_VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}; use one of {', '.join(PDF_VARIANTS)}")
    fetcher = safe_fetcher([base_dir] if base_dir else [])
    base_url = base_dir.resolve().as_uri() + "/" if base_dir else None
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_tags=True)
    metadata = document.metadata
    metadata.title, metadata.authors, metadata.lang = title, [author] if author else [], lang
    metadata.created = metadata.modified = created
    metadata.attachments = []  # only ours, never one the HTML asked for
    moment = _moment(created)
    embedded = [
        Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            relationship=a.relationship,
            created=moment or _EPOCH,
            modified=moment or _EPOCH,
            url_fetcher=fetcher,
        )
        for a in attachments
    ]
    return bytes(
        document.write_pdf(
            None,
            finisher=_finisher(dated=moment is not None),
            attachments=embedded,
            pdf_variant=variant,
            pdf_tags=True,
        )
    )


def write_pdf(
    html: str,
    out: str | Path | IO[bytes],
    *,
    lang: str,
    title: str,
    author: str,
    attachments: Iterable[PdfAttachment] = (),
    variant: str | None = None,
    created: str | None = None,
    base_dir: Path | None = None,
) -> None:
    """Write the PDF of `html` to the path `out` (atomically) or to a binary file object."""
    data = pdf_bytes(
        html,
        lang=lang,
        title=title,
        author=author,
        attachments=attachments,
        variant=variant,
        created=created,
        base_dir=base_dir,
    )
    if isinstance(out, str | Path):
        write_atomic(out, data)
    else:
        out.write(data)


_EPOCH = datetime(2000, 1, 1)


def _moment(created: str | None) -> datetime | None:
    """`created` as a naive UTC datetime (WeasyPrint writes attachment dates as UTC)."""
    from .text import parse_date

    moment = parse_date(created)
    if moment is not None and moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _finisher(*, dated: bool) -> Any:
    """Last touches on the PDF objects: list each embedded file once in the catalogue's
    `AF` array (PDF/A-3), and drop the placeholder dates of embedded files when the
    report has no date."""

    def finish(document: Any, pdf: Any) -> None:
        files = pdf.catalog.get("AF")
        if files is not None:
            unique = list(dict.fromkeys(files))
            files.clear()
            files.extend(unique)
        if dated:
            return
        for obj in pdf.objects:
            params = obj.extra.get("Params") if hasattr(obj, "extra") else None
            if isinstance(params, dict):
                params.pop("CreationDate", None)
                params.pop("ModDate", None)

    return finish
