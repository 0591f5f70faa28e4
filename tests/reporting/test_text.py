"""Free text made safe for layout: cleaned, capped, given break opportunities."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from capacity_eval.reporting import text as tx

ZWSP = tx.ZWSP


def test_short_words_are_left_alone() -> None:
    sentence = "Ley 1801 de 2016, artículo 34: responsabilidades institucionales"
    assert tx.breakable(sentence) == sentence


def test_long_runs_get_a_break_opportunity_at_least_every_chunk() -> None:
    word = "x" * 100
    broken = tx.breakable(word)
    assert broken.replace(ZWSP, "") == word
    assert max(len(part) for part in broken.split(ZWSP)) <= tx.CHUNK + tx.RUN


def test_urls_break_after_their_punctuation() -> None:
    url = "https://www.example.org/documentos/ley-general-del-sistema-nacional"
    broken = tx.breakable(url)
    assert broken.replace(ZWSP, "") == url
    assert "documentos/" + ZWSP in broken
    assert all(len(part) <= 30 for part in broken.split(ZWSP))


def test_no_break_between_a_letter_and_its_combining_accent() -> None:
    word = "e\u0301" * 40  # é written as e + combining acute accent
    broken = tx.breakable(word)
    assert broken.count(ZWSP) >= 2
    assert ZWSP + "\u0301" not in broken


def test_fit_caps_at_a_space_and_says_so() -> None:
    text = "palabra " * 500
    fitted = tx.fit(text, 100)
    assert fitted.shortened and fitted.length == len(text)
    assert fitted.text.endswith(" …") and len(fitted.text) <= 102
    assert not tx.fit("corto", 100).shortened


def test_fit_removes_control_characters_and_keeps_newlines() -> None:
    assert tx.fit("a\x00b\r\nc\x1bd\te", 50).text == "ab\ncd\te"


def test_line_collapses_whitespace_and_ends_with_an_ellipsis() -> None:
    assert tx.line("  Ministerio \n del   Interior ", 100) == "Ministerio del Interior"
    assert tx.line("Ministerio del Interior", 12) == "Ministerio…"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2500000, "2\u202f500\u202f000"),
        (240.0, "240"),
        (239.99999999999997, "240"),
        (12.345, "12.35"),
        (1500.5, "1500.5"),
        (-12000, "-12\u202f000"),
        (0.1, "0.1"),
    ],
)
def test_numbers(value: float, shown: str) -> None:
    assert tx.number(value) == shown


def test_identifiers_break_only_when_long() -> None:
    assert tx.identifier("LEG-01") == "LEG-01"
    assert tx.identifier("policing-staff-training") == (f"policing-{ZWSP}staff-{ZWSP}training")


def test_dates() -> None:
    moment = tx.parse_date("2026-03-14T09:30:00-05:00")
    assert moment == datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert tx.w3c_date(moment) == "2026-03-14T09:30:00-05:00"
    assert tx.w3c_date(datetime(2026, 3, 14, 9, 30, tzinfo=UTC)) == "2026-03-14T09:30:00Z"
    assert tx.w3c_date(datetime(2026, 3, 14, 9, 30)) == "2026-03-14"
    assert tx.parse_date("last Tuesday") is None and tx.parse_date(20260314) is None
    assert tx.from_epoch("1773480600") == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    assert tx.from_epoch("soon") is None and tx.from_epoch(None) is None
