"""The header of a new response: entity, country, period, respondent.

Each field comes from its command-line option when given (`--entity-id`, `--country`,
...), else is asked on the terminal; a value that does not fit is refused with one line
saying what is expected, and asked again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import UsageError
from ..i18n import t
from ..model import Instrument, Response
from ..session import InputRejected
from .prompter import Terminal

_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


@dataclass
class Header:
    """Header values, from options or answers (None: not given yet)."""

    entity_id: str | None = None
    entity_name: str | None = None
    country: str | None = None
    period: str | None = None
    respondent_name: str | None = None
    respondent_role: str | None = None


def _text(limit: int, required: bool = True) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        text = " ".join(value.split())
        if not text:
            if required:
                raise InputRejected(t("fill.header_needed"))
            return None
        if len(text) > limit:
            raise InputRejected(t("fill.header_too_long", limit=limit))
        return text

    return check


def _country(value: str) -> str | None:
    code = value.strip()
    if not _COUNTRY.match(code):
        raise InputRejected(t("fill.header_country"))
    return code.upper()


REQUIRED = ("entity_id", "entity_name", "country", "period")
CHECKS: dict[str, Callable[[str], str | None]] = {
    "entity_id": _text(200),
    "entity_name": _text(500),
    "country": _country,
    "period": _text(100),
    "respondent_name": _text(500, required=False),
    "respondent_role": _text(500, required=False),
}


def check_options(header: Header) -> None:
    """Validate the values given as options; UsageError naming the option otherwise."""
    for field in fields(Header):
        value = getattr(header, field.name)
        if value is None:
            continue
        try:
            setattr(header, field.name, CHECKS[field.name](value))
        except InputRejected as exc:
            option = "--" + field.name.replace("_", "-")
            raise UsageError(f"{option}: {exc}") from None


def ask_header(term: Terminal, header: Header) -> Header:
    """Ask every field still missing (the respondent's name and role may be left empty).

    When the entity and period all came as options, the optional respondent fields are
    not asked either: such a run is usually a script."""
    scripted = all(getattr(header, name) is not None for name in REQUIRED)
    for field in fields(Header):
        if getattr(header, field.name) is not None or (scripted and field.name not in REQUIRED):
            continue
        while True:
            line = term.ask(t(f"fill.ask_{field.name}"))
            try:
                setattr(header, field.name, CHECKS[field.name](line))
                break
            except InputRejected as exc:
                term.say(str(exc))
    return header


def new_response(instrument: Instrument, header: Header, lang: str) -> Response:
    """An empty draft response with this header."""
    respondent = {
        key: value
        for key, value in (("name", header.respondent_name), ("role", header.respondent_role))
        if value
    }
    data = {
        "schema": "capacity-eval/response@1",
        "instrument": {"id": instrument.id, "version": instrument.version},
        "entity": {"id": header.entity_id, "name": header.entity_name, "country": header.country},
        "period": header.period,
        "language": lang,
        "status": "draft",
        **({"respondent": respondent} if respondent else {}),
        "answers": {},
    }
    return Response.model_validate(data)


def default_path(header: Header) -> Path:
    """`<entity id>-<period>.yaml` in the current folder, for `fill` without `-o`."""

    def slug(text: str | None) -> str:
        return re.sub(r"[^A-Za-z0-9._-]+", "-", text or "").strip("-.") or "response"

    return Path(f"{slug(header.entity_id)}-{slug(header.period)}.yaml")
