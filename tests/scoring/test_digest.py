"""The instrument digest names the instrument's content, not the way its file is written."""

from __future__ import annotations

import re

from capacity_eval.loading.files import instrument_from_text
from capacity_eval.scoring.plan import instrument_digest, plan_for
from capacity_eval.scoring.result import result_document

from .support import instrument, scored

BLOCK = """\
# A small instrument, written in block style.
schema: capacity-eval/instrument@1
id: digest
version: 1.0.0
title: {en: Digest, es: Resumen}
languages: [en, es]
levels:
  - id: 1
    min: 0
    label: {en: Low, es: Bajo}
option_sets:
  yn:
    - {value: "yes", label: {en: "Yes", es: "Sí"}, score: 100}
    - {value: "no", label: {en: "No", es: "No"}, score: 0}
domains:
  - id: d
    title: {en: D, es: D}
    sections:
      - id: s
        title: {en: S, es: S}
        questions:
          - id: Q1
            type: choice
            text: {en: Q1?, es: ¿Q1?}
            options: yn
            weight: 2
"""

# The same content: JSON, keys in another order, defaults written out, other quoting.
JSON = """\
{"domains": [{"sections": [{"questions": [{"weight": 2.0, "options": "yn", "type": "choice",
   "text": {"es": "¿Q1?", "en": "Q1?"}, "id": "Q1", "required": false, "allow_na": false}],
   "title": {"es": "S", "en": "S"}, "id": "s", "weight": 1, "aggregation": "weighted_mean"}],
  "id": "d", "title": {"en": "D", "es": "D"}}],
 "option_sets": {"yn": [{"score": 100, "value": "yes", "label": {"es": "Sí", "en": "Yes"}},
                        {"label": {"en": "No", "es": "No"}, "value": "no", "score": 0.0}]},
 "levels": [{"label": {"en": "Low", "es": "Bajo"}, "min": 0, "id": 1}],
 "languages": ["en", "es"], "title": {"es": "Resumen", "en": "Digest"},
 "version": "1.0.0", "id": "digest", "schema": "capacity-eval/instrument@1",
 "scoring": {"min_coverage": 0.6, "aggregation": "weighted_mean"}, "rules": []}
"""


def test_same_content_written_two_ways_has_one_digest() -> None:
    block = instrument_from_text(BLOCK, "block.yaml")
    flow = instrument_from_text(JSON, "flow.json")
    assert instrument_digest(block) == instrument_digest(flow)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", instrument_digest(block))


def test_comments_and_layout_do_not_change_the_digest() -> None:
    relaid = BLOCK.replace("# A small instrument, written in block style.\n", "").replace(
        "  - id: 1\n    min: 0\n    label: {en: Low, es: Bajo}\n",
        "  - {id: 1, min: 0, label: {es: Bajo, en: Low}}   # one level\n",
    )
    assert relaid != BLOCK
    assert instrument_digest(instrument_from_text(relaid)) == instrument_digest(
        instrument_from_text(BLOCK)
    )


def test_a_changed_weight_changes_the_digest() -> None:
    heavier = BLOCK.replace("            weight: 2\n", "            weight: 3\n")
    assert heavier != BLOCK
    assert instrument_digest(instrument_from_text(heavier)) != instrument_digest(
        instrument_from_text(BLOCK)
    )


def test_a_changed_label_changes_the_digest() -> None:
    relabelled = BLOCK.replace("label: {en: Low, es: Bajo}", "label: {en: Low, es: Baja}")
    assert instrument_digest(instrument_from_text(relabelled)) != instrument_digest(
        instrument_from_text(BLOCK)
    )


def test_the_result_names_the_digest_of_its_instrument() -> None:
    inst = instrument("types")
    doc = result_document(scored("types", {}))
    assert doc["instrument"] == {
        "id": "types",
        "version": "1.0.0",
        "digest": instrument_digest(inst),
    }
    assert plan_for(inst).digest == instrument_digest(inst)
