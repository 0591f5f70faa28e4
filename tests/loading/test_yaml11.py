"""No YAML 1.1 surprises: a plain scalar means what the schema expects at its place.

`LEG-01: yes` and `LEG-01: "yes"` mean the same; `NO`, `010`, `12:30`, `2024-01-02` stay
text where text or an option is expected and are numbers where a number is expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from capacity_eval.api import score
from capacity_eval.loading.files import (
    check_instrument_document,
    check_response_document,
    load_instrument,
)
from capacity_eval.loading.source import parse_text
from capacity_eval.model import Instrument

TYPES = Path(__file__).parents[1] / "fixtures" / "scoring" / "types.yaml"

HEADER = """\
schema: capacity-eval/response@1
instrument: {{id: types, version: 1.0.0}}
entity: {{id: xa-test, name: Test ministry, country: {country}}}
period: {period}
language: en
status: draft
answers:
"""


@pytest.fixture(scope="module")
def types() -> Instrument:
    return load_instrument(TYPES)


def response_text(answers: str, *, country: str = "XAA", period: str = '"2026"') -> str:
    return HEADER.format(country=country, period=period) + answers


def check(text: str, instrument: Instrument):  # type: ignore[no-untyped-def]
    return check_response_document(parse_text(text, "r.yaml"), instrument)


@pytest.mark.parametrize(
    ("plain", "quoted"),
    [
        ("  LEG-01: yes\n", '  LEG-01: "yes"\n'),
        ("  LEG-01: no\n", '  LEG-01: "no"\n'),
        ("  CODE: NO\n", '  CODE: "NO"\n'),
        ("  CODE: 010\n", '  CODE: "010"\n'),  # YAML 1.1 would read the octal 8
        ("  CODE: 12:30\n", '  CODE: "12:30"\n'),  # YAML 1.1 would read 750 (base 60)
        ("  TX: off\n", '  TX: "off"\n'),
        ("  TX: 2024-01-02\n", '  TX: "2024-01-02"\n'),  # not a date
        ("  MU: [a, none]\n", '  MU: ["a", "none"]\n'),
    ],
)
def test_plain_and_quoted_answers_mean_the_same(types: Instrument, plain: str, quoted: str) -> None:
    a, b = check(response_text(plain), types), check(response_text(quoted), types)
    assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
    if a.value is not None and b.value is not None:
        assert a.value == b.value
        assert score(types, a.value).final == score(types, b.value).final
    else:
        assert a.value is None and b.value is None


def test_unquoted_values_are_read_as_written(types: Instrument) -> None:
    checked = check(
        response_text("  LEG-01: yes\n  CODE: 010\n  STAFF: 010\n  TX: on\n", period="2026"), types
    )
    response = checked.value
    assert response is not None, checked.problems
    assert response.period == "2026"
    assert response.answers["LEG-01"].value == "yes"
    assert response.answers["CODE"].value == "010"
    result = score(types, response)
    assert result.final["LEG-01"] == 100.0
    assert result.final["CODE"] == 100.0  # the option "010"
    assert result.state.values[result.plan.index["STAFF"]] == 10.0  # a number: ten, not eight
    assert result.final["STAFF"] == 50.0  # 10 is not below 10; below 100
    assert result.state.values[result.plan.index["TX"]] == "on"


def test_period_and_country_stay_text(types: Instrument) -> None:
    plain = check(response_text("  LEG-01: yes\n", period="2024-01-02"), types)
    assert plain.value is not None and plain.value.period == "2024-01-02"
    # NO is read as the text "NO" (not false); it is not an alpha-3 code, quoted or not
    for country in ("NO", '"NO"'):
        checked = check(response_text("  LEG-01: yes\n", country=country), types)
        assert [(p.line, p.col, p.message) for p in checked.problems] == [
            (
                3,
                44,
                "`country` is 'NO'; use the ISO 3166-1 alpha-3 code in capitals "
                "(for example COL, BRA, XAA)",
            )
        ]
    nor = check(response_text("  LEG-01: yes\n", country="NOR"), types)
    assert nor.value is not None and nor.value.entity.country == "NOR"


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "nan", "inf"])
def test_nan_and_infinity_are_not_numbers(types: Instrument, value: str) -> None:
    checked = check(response_text(f"  LEG-01: yes\n  POP: {value}\n"), types)
    assert [(p.line, p.message) for p in checked.problems] == [
        (9, "POP: NaN and infinities are not numbers here")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nan", "`weight` must be a finite number, not 'nan'"),
        (".inf", "`weight` must be a finite number, not '.inf'"),
    ],
)
def test_nan_weight_is_refused(value: str, message: str) -> None:
    text = TYPES.read_text(encoding="utf-8").replace("weight: 0\n", f"weight: {value}\n", 1)
    checked = check_instrument_document(parse_text(text, "types.yaml"))
    assert [p.message for p in checked.errors] == [message]


def test_unquoted_option_values_match_quoted_ones() -> None:
    quoted = TYPES.read_text(encoding="utf-8")
    plain = (
        quoted.replace('value: "yes"', "value: yes")
        .replace('value: "no"', "value: no")
        .replace('value: "010"', "value: 010")
        .replace('value: "NO"', "value: NO")
    )
    assert plain != quoted
    a = check_instrument_document(parse_text(quoted, "a.yaml")).unwrap()
    b = check_instrument_document(parse_text(plain, "b.yaml")).unwrap()
    assert a == b
    assert [o.value for o in b.option_sets["ypn"]] == ["yes", "partial", "no"]


def test_byte_order_mark_is_accepted(tmp_path: Path, types: Instrument) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TYPES.read_bytes())
    assert load_instrument(path) == types
