"""`capacity-eval fill` with answers read line by line from a non-terminal input: the
same protocol as at the terminal, so filling can be scripted."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from capacity_eval.session import ResponseLock

from .fill_support import (
    COMPLETE,
    COMPLETE_OVERALL,
    FIXTURES,
    HEADER,
    SURVEY,
    answers_of,
    overall_score,
    saved,
    scripted,
)

Cli = Any


def test_complete_run_submits_and_scores(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], [*COMPLETE, "2"])
    assert result.code == 0, result.err
    response = saved(out)
    assert response.status == "submitted"
    assert answers_of(out) == {
        "LAW-1": "partial",
        "LAW-2": "2",
        "LAW-3": ["congress", "ombudsman"],
        "STAFF": "500",
        "TRAINED": "80",
        "COMMENT": "all good",
    }
    assert overall_score(out) == pytest.approx(COMPLETE_OVERALL, abs=0.05)
    assert (response.entity.id, response.entity.country, response.period) == (
        "xa-min",
        "XAA",
        "2026",
    )
    lines = result.out.splitlines()
    assert f"Saved to {out} (submitted)." in lines
    assert f"  capacity-eval score {out} -i {SURVEY}" in lines
    assert (
        "  answered 6 of 6 · required missing 0 · coverage 100% · score 71.9 · level 2 "
        "Established" in lines
    )


def test_header_is_asked_and_checked(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    lines = ["", "col-min", "Ministerio", "Colombia", "col", "2026", "Ana Pérez", "", ":quit"]
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out], lines)
    assert result.code == 0, result.err
    transcript = result.out.splitlines()
    assert "Entity id (a short code, e.g. col-mininterior): " in transcript
    assert "An answer is needed here." in transcript
    assert (
        "Type the three-letter ISO 3166-1 alpha-3 country code, e.g. COL, MEX or BRA." in transcript
    )
    response = saved(out)
    assert (response.entity.country, response.respondent) is not None
    assert response.entity.country == "COL"
    assert response.respondent is not None and response.respondent.name == "Ana Pérez"
    assert response.respondent.role is None


def test_end_of_input_saves_the_draft_and_exits_1(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], ["yes", "3"])
    assert result.code == 1
    assert result.err_lines == [
        f"Input ended: the draft is saved in {out}; 1 required question(s) still without an "
        "answer: STAFF"
    ]
    assert answers_of(out) == {"LAW-1": "yes", "LAW-2": "3"}
    assert saved(out).status == "draft"


INVALID = [
    (
        "maybe",
        "'maybe' is not accepted: type a number from 1 to 3, or an option value "
        "(yes, partial, no).",
    ),
    (
        "n/a",
        "n/a is not allowed for this question: type a number from 1 to 3, or an option "
        "value (yes, partial, no).",
    ),
    (
        "",
        "This question is required: type a number from 1 to 3, or an option value (yes, "
        "partial, no), or type :skip to come back to it later.",
    ),
    (
        ":frob",
        "Unknown command :frob: use one of :back, :jump, :skip, :clear, :note, "
        ":evidence, :review, :summary, :quit, :help, or ? for help.",
    ),
    (":jump NOPE", "There is no question 'NOPE': check the id (:review lists them)."),
    (
        ":jump LAW-2",
        "Question LAW-2 is hidden by an earlier answer (its show_if condition): "
        "change that answer to reach it.",
    ),
    (":back", "This is the first question: there is nothing before it."),
]


def test_every_wrong_input_gets_one_line_and_the_question_again(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    typed = [line for line, _ in INVALID]
    result = scripted(
        cli,
        monkeypatch,
        [SURVEY, "-o", out, *HEADER],
        [*typed, "no", "4,1", "none", "12.5", "2,5", "100001", "7", "120", "", "x" * 61, ":quit"],
    )
    transcript = result.out.splitlines()
    for line, message in INVALID:
        at = transcript.index(f"Answer [LAW-1]: {line}")
        assert transcript[at + 1] == message
        assert transcript[at + 2].startswith("Answer [LAW-1]: ")
    assert "'none' can only be chosen on its own: choose it alone or leave it out." in transcript
    assert "'12.5' is not accepted: type a whole number from 0 to 100000." in transcript
    assert (
        "'2,5' is not accepted: write decimals with a dot and no thousands separator (e.g. 1234.5)."
    ) in transcript
    assert "'100001' is not accepted: type a whole number from 0 to 100000." in transcript
    assert (
        "'120' is not accepted: type a number from 0 to 100, or n/a if it does not apply."
        in transcript
    )
    assert "The answer has 61 characters: shorten it to at most 60." in transcript
    assert result.code == 0
    assert answers_of(out) == {"LAW-1": "no", "LAW-3": ["none"], "STAFF": "7"}


def test_commands_skip_back_jump_note_evidence_clear(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    lines = [
        "yes",
        ":skip",
        ":back",
        ":back",
        ":note asked the legal office",
        ":evidence Ley 5/2020",
        ":evidence",
        "Decreto 9/2021",
        "",
        "1",
        ":jump comment",
        "temporary",
        ":back",
        ":clear",
        ":jump TRAINED",
        ":note",
        "no survey",
        "n/a",
        ":quit",
    ]
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], lines)
    assert result.code == 0, result.err
    response = saved(out)
    law1 = response.answers["LAW-1"]
    assert (law1.value, law1.note, law1.evidence) == (
        "yes",
        "asked the legal office",
        ["Ley 5/2020", "Decreto 9/2021"],
    )
    assert answers_of(out) == {"LAW-1": "yes", "LAW-2": "1", "TRAINED": "n/a"}
    assert response.answers["TRAINED"].note == "no survey"
    transcript = result.out.splitlines()
    assert "  Current answer: Yes" in transcript
    assert "Answer removed." in transcript


def test_show_if_hides_and_reveals_live(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    lines = [
        "yes",
        "3",
        ":jump LAW-1",
        "no",
        ":jump LAW-2",
        ":review",
        ":jump LAW-1",
        "yes",
        ":quit",
    ]
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], lines)
    transcript = result.out.splitlines()
    assert "Legislation > Legal basis · question 2 of 6 · 16% answered" in transcript
    assert (
        "Question LAW-2 is hidden by an earlier answer (its show_if condition): change "
        "that answer to reach it."
    ) in transcript
    at = transcript.index("Answers so far")
    assert transcript[at + 1 : at + 6] == [
        "Legislation",
        "  LAW-1 · Is there a security law?",
        "      → No",
        "  LAW-3 · Which bodies oversee it?",
        "      → (no answer)",
    ]  # LAW-2 hidden
    assert answers_of(out) == {"LAW-1": "yes", "LAW-2": "3"}  # kept while hidden
    # after "yes" again LAW-2 is visible and already answered: the next question is LAW-3
    assert "Answer [LAW-3]: :quit" in transcript
    assert "Legislation > Legal basis · question 3 of 6 · 33% answered" in transcript


def test_resume_and_review(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixtures: Path
) -> None:
    out = tmp_path / "r.yaml"
    scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], ["yes", ":quit"])
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out], ["2", ":quit"])
    assert f"Continuing {out}: 1 of 6 answered; next is LAW-2." in result.out.splitlines()
    monkeypatch.setenv("CAPACITY_EVAL_PATH", str(fixtures))
    result = scripted(cli, monkeypatch, [out, "--review"], ["", "", "4", "", "", "", "3"])
    assert result.code == 0, result.err
    assert (
        f"Reviewing {out}: Enter keeps each answer, typing a new one changes it."
        in result.out.splitlines()
    )
    assert answers_of(out) == {"LAW-1": "yes", "LAW-2": "2", "LAW-3": ["none"]}


def test_end_menu(cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    lines = ["yes", "", "", ":skip", "", "", "x", "2", "1", "", "40", "3"]
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], lines)
    assert result.code == 0, result.err
    transcript = result.out.splitlines()
    assert "1 required question(s) without an answer: STAFF." in transcript
    assert "Type 1, 2 or 3, or the id of a question to go to." in transcript
    assert "Cannot submit yet: 1 required question(s) without an answer (STAFF)." in transcript
    assert "Answer [STAFF]: 40" in transcript
    assert saved(out).status == "draft"
    assert answers_of(out) == {"LAW-1": "yes", "STAFF": "40"}


def test_spanish(cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "r.yaml"
    result = scripted(
        cli, monkeypatch, [SURVEY, "-o", out, "--lang", "es", *HEADER], ["quizás", "sí", ":quit"]
    )
    transcript = result.out.splitlines()
    assert "Legislación > Base legal · pregunta 1 de 5 · 0% respondido" in transcript
    assert "LAW-1 · ¿Existe una ley de seguridad? (obligatoria)" in transcript
    assert (
        "«quizás» no es válido: escriba un número del 1 al 3 o el valor de una opción "
        "(yes, partial, no)."
    ) in transcript
    assert f"Guardado en {out} (borrador)." in transcript
    assert saved(out).language == "es"


def test_without_output_the_file_is_named_after_entity_and_period(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    result = scripted(cli, monkeypatch, [SURVEY, *HEADER[:6], "--period", "2026 Q1"], [":quit"])
    assert result.code == 0, result.err
    assert saved(tmp_path / "xa-min-2026-Q1.yaml").period == "2026 Q1"


def test_header_not_finished_saves_nothing(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out], ["xa"])
    assert result.code == 1
    assert result.err_lines == [
        "Stopped before the response header was complete: nothing was saved."
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_locked_response_is_refused(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    with ResponseLock(out):
        result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], ["yes"])
    assert result.code == 1
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith(
        f"error: {out} is being filled in by another capacity-eval process (pid "
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--review"],
            "error: --review needs an existing response: fill RESPONSE --review, or "
            "fill INSTRUMENT -o RESPONSE --review",
        ),
        (["--lang", "pt"], "erro: o instrumento não tem textos em «pt»; use um de en, es"),
        (
            ["--country", "Colombia"],
            "error: --country: Type the three-letter ISO 3166-1 alpha-3 "
            "country code, e.g. COL, MEX or BRA.",
        ),
        (
            ["-i", str(SURVEY)],
            "error: -i is only for continuing a response (fill RESPONSE -i "
            "INSTRUMENT); here the argument is the instrument",
        ),
    ],
)
def test_wrong_usage_exits_2(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], message: str
) -> None:
    result = scripted(cli, monkeypatch, [SURVEY, "-o", tmp_path / "r.yaml", *args], [])
    assert (result.code, result.err_lines) == (2, [message])


def test_a_response_to_another_instrument_is_refused(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "r.yaml"
    out.write_text((FIXTURES / "mini-response.yaml").read_text(encoding="utf-8"))
    before = out.read_text(encoding="utf-8")
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out], ["yes"])
    assert result.code == 1
    assert result.err_lines == [
        f"{out}:2:1: the response is for instrument mini 1.0.0, not fill-survey 1.0.0"
    ]
    assert out.read_text(encoding="utf-8") == before


def test_a_failing_disk_keeps_answers_and_leaves_a_rescue_copy(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from capacity_eval.cli import fill_loop
    from capacity_eval.errors import OutputError

    out = tmp_path / "r.yaml"
    rescue_folder = tmp_path / "tmp"
    rescue_folder.mkdir()
    real_save = fill_loop.save_response

    def full_disk(path: Path, response: Any) -> None:
        if path == out:
            raise OutputError(f"cannot write {path}: no space left on the device")
        real_save(path, response)

    monkeypatch.setattr(fill_loop, "save_response", full_disk)
    monkeypatch.setattr(fill_loop.tempfile, "gettempdir", lambda: str(rescue_folder))
    result = scripted(cli, monkeypatch, [SURVEY, "-o", out, *HEADER], ["yes", ":quit"])
    transcript = result.out.splitlines()
    assert transcript[transcript.index("Answer [LAW-1]: yes") + 1 :][:2] == [
        f"cannot write {out}: no space left on the device",
        "Your answers are kept in memory: fix the problem, then answer again or type :quit "
        "to retry saving.",
    ]
    assert (
        "Not saved, so not leaving yet: fix the problem above and type :quit again "
        "(Ctrl-C leaves and keeps a copy in the temporary folder)."
    ) in transcript
    [rescued] = rescue_folder.iterdir()
    assert re.fullmatch(r"r-rescue-\d{8}T\d{6}Z\.yaml", rescued.name)
    assert result.err_lines == [
        f"Could not write {out}; your answers were saved to {rescued} instead.",
        f"Input ended: the draft is saved in {rescued}; 1 required question(s) still without "
        "an answer: STAFF",
    ]
    assert result.code == 1
    assert answers_of(rescued) == {"LAW-1": "yes"}
    assert answers_of(out) == {}  # the header saved before the disk filled up
