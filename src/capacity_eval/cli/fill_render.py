"""What `fill` shows, as lines of text: a question, the help, the answers so far, the
summary. Formatting only; the prompter wraps the lines to the terminal width."""

from __future__ import annotations

from typing import NamedTuple

from ..i18n import t
from ..model import Instrument, Option, Text, text_in
from ..scoring.conditions import ANSWERED
from ..scoring.conditions import NA as NA_STATE
from ..scoring.rounding import show_score
from ..session import COMMANDS, FillSession, NodeSummary, Summary
from ..session.answers import option_keys, show_number


class Line(NamedTuple):
    text: str
    indent: int = 0
    style: str = ""


class Texts:
    """Instrument texts in one language (falling back to the instrument's first)."""

    def __init__(self, instrument: Instrument, lang: str) -> None:
        self.instrument = instrument
        self.lang = lang

    def __call__(self, text: Text | None) -> str:
        return text_in(text, self.lang, self.instrument.default_language).strip()


def question_lines(session: FillSession, index: int, tx: Texts) -> list[Line]:
    """The screen of one question: where it is, its text, help, options, current answer."""
    q = session.question(index)
    model = q.model
    domain = session.instrument.domains[q.domain]
    section = next(s for s in domain.sections if s.id == session.plan.sections[q.section].id)
    progress = session.progress()
    lines = [
        Line(""),
        Line(
            t(
                "fill.position",
                domain=tx(domain.title),
                section=tx(section.title),
                position=progress.position,
                total=progress.total,
                percent=progress.percent,
            ),
            style="dim",
        ),
    ]
    mark = " " + t("fill.required_mark") if model.required else ""
    lines.append(Line(f"{q.id} · {tx(model.text)}{mark}", style="bold"))
    if model.help:
        lines.append(Line(tx(model.help), 2))
    unit = getattr(model, "unit", None)
    if unit:
        lines.append(Line(t("fill.unit", unit=tx(unit)), 2))
    if model.type in ("choice", "multi", "scale"):
        lines += option_lines(session.instrument.options_of(model), tx)
    if model.evidence is not None:
        key = "fill.evidence_required" if model.evidence.required else "fill.evidence_prompt"
        lines.append(Line(t(key, prompt=tx(model.evidence.prompt)), 2))
    lines += current_lines(session, index, tx)
    lines.append(Line(hint(session, index), style="dim"))
    return lines


def option_lines(options: list[Option], tx: Texts) -> list[Line]:
    lines = []
    for key, option in zip(option_keys(options), options, strict=True):
        text = f"{key}) {tx(option.label)}"
        if option.description:
            text += f" — {tx(option.description)}"
        lines.append(Line(text, 2))
    return lines


def current_lines(session: FillSession, index: int, tx: Texts) -> list[Line]:
    """The answer, note and evidence already given, if any."""
    answer = session.answer_of(index)
    if answer is None:
        return []
    lines = []
    if answer.value is not None:
        lines.append(Line(t("fill.current_answer", answer=describe(session, index, tx)), 2))
    if answer.note:
        lines.append(Line(t("fill.current_note", note=answer.note), 2))
    if answer.evidence:
        lines.append(Line(t("fill.current_evidence", items="; ".join(answer.evidence)), 2))
    return lines


def hint(session: FillSession, index: int) -> str:
    """One line saying what may be typed and what Enter does."""
    expected = session.expected(index)
    if session.is_answered(index):
        return t("fill.hint_keep", expected=expected)
    if session.question(index).model.required:
        return t("fill.hint_required", expected=expected)
    return t("fill.hint_optional", expected=expected)


def describe(session: FillSession, index: int, tx: Texts) -> str:
    """The answer as a person reads it: option labels, a number with its unit, n/a."""
    status = session.state.status[index]
    if status == NA_STATE:
        return t("fill.na_answer")
    if status != ANSWERED:
        return t("fill.no_answer")
    value = session.state.values[index]
    model = session.question(index).model
    if model.type in ("choice", "multi", "scale"):
        labels = {o.value: tx(o.label) for o in session.instrument.options_of(model)}
        chosen = value if isinstance(value, tuple) else (value,)
        return ", ".join(labels.get(str(v), str(v)) for v in chosen)
    if isinstance(value, float):
        unit = getattr(model, "unit", None)
        shown = show_number(value)
        return f"{shown} {tx(unit)}" if unit else shown
    return str(value)


def help_lines(session: FillSession, index: int, tx: Texts) -> list[Line]:
    """What `?` shows: the question's help and reference, what to type, the commands."""
    model = session.question(index).model
    lines = [Line(""), Line(t("fill.help_title", id=model.id), style="bold")]
    lines.append(Line(tx(model.help) if model.help else t("fill.no_help"), 2))
    if model.reference:
        lines.append(Line(t("fill.reference", reference=tx(model.reference)), 2))
    lines.append(Line(t("fill.how_to_answer", expected=session.expected(index)), 2))
    return lines + command_lines()


def command_lines() -> list[Line]:
    lines = [Line(t("fill.commands_title"), style="bold")]
    lines.append(Line(f"?  {t('fill.cmd.help')}", 2))
    for name in COMMANDS:
        if name != "help":
            lines.append(Line(t(f"fill.cmd.{name}"), 2))
    return lines


def review_lines(session: FillSession, tx: Texts) -> list[Line]:
    """Every visible question per domain with its answer (`:review`)."""
    lines = [Line(""), Line(t("fill.review_title"), style="bold")]
    state = session.state
    shown = set(session.visible())
    for domain in session.plan.domains:
        lines.append(Line(tx(session.instrument.domains[domain.index].title), style="bold"))
        for q in session.plan.questions:
            if q.domain != domain.index:
                continue
            if q.formula is not None and state.status[q.index] == ANSWERED:
                answer = "= " + show_number(state.values[q.index])
            elif q.index not in shown:
                continue
            else:
                answer = describe(session, q.index, tx)
            lines.append(Line(f"{q.id} · {tx(q.model.text)}", 2))
            lines.append(Line(f"→ {answer}", 6))
    return lines


def summary_lines(summary: Summary, tx: Texts) -> list[Line]:
    """Per domain: answered, required missing, coverage, provisional score and level."""
    lines = [Line(""), Line(t("fill.summary_title"), style="bold")]
    for node in summary.domains:
        lines.append(Line(tx(node.title)))
        lines.append(Line(_figures(node, tx), 2))
    lines.append(Line(t("fill.overall"), style="bold"))
    lines.append(Line(_figures(summary.overall, tx), 2))
    if summary.missing_required:
        lines.append(
            Line(
                t(
                    "fill.missing_required",
                    count=len(summary.missing_required),
                    ids=", ".join(summary.missing_required),
                )
            )
        )
    else:
        lines.append(Line(t("fill.all_required")))
    if summary.missing_evidence:
        lines.append(Line(t("fill.missing_evidence", ids=", ".join(summary.missing_evidence))))
    return lines


def _figures(node: NodeSummary, tx: Texts) -> str:
    coverage = "—" if node.coverage is None else f"{round(node.coverage * 100)}%"
    level = "—"
    if node.level is not None:
        label = next((tx(lv.label) for lv in tx.instrument.levels if lv.id == node.level), "")
        level = f"{node.level} {label}".strip()
    text = t(
        "fill.figures",
        answered=node.answered,
        total=node.total,
        missing=len(node.missing_required),
        coverage=coverage,
        score=show_score(node.score),
        level=level,
    )
    return text + (" · " + t("fill.insufficient") if node.insufficient else "")
