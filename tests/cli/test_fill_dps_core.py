"""The real instrument: dps-core filled in Spanish over three sittings (the first two
cut short), submitted, then scored as the answers given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from capacity_eval.api import result_document, score
from capacity_eval.loading.files import check_response, load_instrument
from capacity_eval.model import Instrument, Response
from capacity_eval.scoring.conditions import HIDDEN
from capacity_eval.scoring.engine import apply_visibility, read_answers
from capacity_eval.scoring.plan import plan_for
from capacity_eval.scoring.rounding import show_score

from .fill_support import HEADER, scripted

DPS_CORE = Path(__file__).parents[2] / "questionnaires" / "dps-core.yaml"

pytestmark = pytest.mark.skipif(not DPS_CORE.is_file(), reason="dps-core not present")


def response_with(inst: Instrument, answers: dict[str, Any]) -> Response:
    return Response.model_validate(
        {
            "schema": "capacity-eval/response@1",
            "instrument": {"id": inst.id, "version": inst.version},
            "entity": {"id": "xa-min", "name": "Ministerio de Prueba", "country": "XAA"},
            "period": "2026",
            "language": "es",
            "answers": answers,
        }
    )


def typed_answer(inst: Instrument, question: Any, n: int) -> tuple[str, Any]:
    """A varied valid answer: the line to type and the value it stands for."""
    if question.type in ("choice", "scale"):
        options = inst.options_of(question)
        value = options[n % len(options)].value
        return value, value
    if question.type == "multi":
        values = [o.value for o in inst.options_of(question) if not o.exclusive][: 1 + n % 3]
        return ",".join(values), values
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 5000
        value = int(low + (high - low) * ((n * 37) % 100) / 100)
        return str(value), value
    return f"Texto {n}", f"Texto {n}"


def script_for(inst: Instrument) -> tuple[list[str], dict[str, Any]]:
    """The lines a person types, in the order `fill` asks, and the answers they give;
    the order follows show_if as the scoring engine applies it."""
    plan = plan_for(inst)
    lines: list[str] = []
    answers: dict[str, Any] = {}
    for q in plan.questions:
        values, _ = read_answers(plan, response_with(inst, answers))
        if q.formula is not None or apply_visibility(plan, values).status[q.index] == HIDDEN:
            continue
        line, value = typed_answer(inst, q.model, q.index)
        lines.append(line)
        answers[q.id] = value
    return lines, answers


def test_dps_core_in_spanish_in_three_sittings(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    inst = load_instrument(DPS_CORE)
    lines, answers = script_for(inst)
    out = tmp_path / "col-2026.yaml"
    args = [DPS_CORE, "-o", out, "--lang", "es"]
    first = scripted(cli, monkeypatch, [*args, *HEADER], lines[:20])
    assert first.code == 1 and first.err_lines[0].startswith("Fin de la entrada: el borrador")
    second = scripted(cli, monkeypatch, args, lines[20:45])
    assert second.code == 1
    assert second.out.splitlines()[1].startswith(f"Se continúa {out}: 20 de ")
    third = scripted(cli, monkeypatch, args, [*lines[45:], "2"])
    assert third.code == 0, third.err
    assert f"Guardado en {out} (enviada)." in third.out.splitlines()

    checked = check_response(out, inst)
    assert checked.errors == []
    response = checked.unwrap()
    assert response.status == "submitted" and response.language == "es"
    assert list(response.answers) == list(answers)
    expected = result_document(score(inst, response_with(inst, answers)), "es")
    result = result_document(score(inst, response), "es")
    assert result["overall"] == expected["overall"]
    assert {k: v["score"] for k, v in result["nodes"].items()} == {
        k: v["score"] for k, v in expected["nodes"].items()
    }
    total = third.out.splitlines().index("Total")
    assert (
        f"· puntaje {show_score(expected['overall']['score'])} ·"
        in third.out.splitlines()[total + 1]
    )
