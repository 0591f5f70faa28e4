"""Every message catalogue exists in every language, with the same keys and placeholders.

The English folder is the reference: whatever part files it holds (`core.json`,
`fill.json`, `report.json`, ...), each other language must hold the same file with
exactly the same keys; each translation must use the same `{placeholders}` and keep
the same `code` spans, and every template must format with the parameters it names.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import pytest

from capacity_eval import i18n
from capacity_eval.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, t

FOLDER = Path(i18n.__file__).parent
TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
PARTS = sorted(p.name for p in (FOLDER / DEFAULT_LANGUAGE).glob("*.json"))
CODE_SPAN = re.compile(r"`[^`]*`")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"duplicate keys: {repeated}"
    return dict(pairs)


def read_part(lang: str, part: str) -> dict[str, str]:
    """One catalogue file, refusing duplicate keys (json.loads would keep the last one)."""
    text = (FOLDER / lang / part).read_text(encoding="utf-8")
    data = json.loads(text, object_pairs_hook=_no_duplicates)
    assert isinstance(data, dict)
    return data


def fields(template: str) -> set[str]:
    """The names of the replacement fields of a `str.format` template."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return names


class Anything:
    """A parameter value that accepts any format spec, attribute or index."""

    def __format__(self, spec: str) -> str:
        return "X"

    def __getattr__(self, name: str) -> Anything:
        return self

    def __getitem__(self, key: object) -> Anything:
        return self


def params_for(template: str) -> dict[str, Any]:
    return {name: Anything() for name in fields(template)}


def test_english_catalogues_exist() -> None:
    assert "core.json" in PARTS
    assert t("status.draft", "en") == "draft"


def test_catalogues_are_merged_per_language() -> None:
    assert t("status.draft", "es") == "borrador"
    assert t("status.draft", "pt") == "rascunho"
    assert t("status.draft", "fr") == "brouillon"
    assert t("cli.col_coverage", "fr") == "Couverture"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_stray_catalogue_files(lang: str) -> None:
    present = sorted(p.name for p in (FOLDER / lang).glob("*.json"))
    assert present == PARTS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_values_are_non_empty_text_and_keys_unique_across_parts(lang: str) -> None:
    owner: dict[str, str] = {}
    for part in PARTS:
        for key, value in read_part(lang, part).items():
            assert isinstance(value, str) and value.strip(), f"{lang}/{part}: {key} is empty"
            assert key not in owner, f"{lang}: {key} is in both {owner.get(key)} and {part}"
            owner[key] = part


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("part", PARTS)
def test_same_keys_as_english(lang: str, part: str) -> None:
    assert (FOLDER / lang / part).is_file(), f"{lang}/{part} is missing"
    english = read_part(DEFAULT_LANGUAGE, part)
    translated = read_part(lang, part)
    missing = sorted(set(english) - set(translated))
    extra = sorted(set(translated) - set(english))
    assert (missing, extra) == ([], []), f"{lang}/{part}: missing {missing}, extra {extra}"


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("part", PARTS)
def test_same_placeholders_and_code_spans(lang: str, part: str) -> None:
    english = read_part(DEFAULT_LANGUAGE, part)
    translated = read_part(lang, part)
    for key in english.keys() & translated.keys():
        assert fields(translated[key]) == fields(english[key]), f"{lang}/{part}: {key}"
        spans = sorted(CODE_SPAN.findall(translated[key]))
        assert spans == sorted(CODE_SPAN.findall(english[key])), f"{lang}/{part}: {key}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("part", PARTS)
def test_every_template_formats(lang: str, part: str) -> None:
    for key, template in read_part(lang, part).items():
        try:
            text = template.format(**params_for(template))
        except (ValueError, IndexError, KeyError) as exc:
            pytest.fail(f"{lang}/{part}: {key} does not format: {exc!r}")
        # stderr_line escapes unprintable characters: no-break spaces and the like
        # would show as \xa0; only newlines and tabs are allowed besides printables.
        odd = sorted({ch for ch in text if not ch.isprintable() and ch not in "\n\t"})
        assert not odd, f"{lang}/{part}: {key} contains {odd}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_escaped_braces_render_once(lang: str) -> None:
    """`{{` in a template means a literal `{`: what `t()` returns must show it once,
    also for messages that take no parameters."""
    for key, template in catalogue(lang).items():
        text = t(key, lang, **params_for(template))
        assert "{{" not in text and "}}" not in text, f"{lang}: {key} renders as {text!r}"
