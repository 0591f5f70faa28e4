"""The question-and-answer loop of `fill`: read a line, hand it to the session, save,
show what comes next. The response is saved after every change, before the next
question appears, so an answer whose next question is on screen is on disk."""

from __future__ import annotations

import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..i18n import t
from ..session import (
    COMMANDS,
    Command,
    FillSession,
    InputRejected,
    parse_line,
    save_response,
    summarise,
    utc_now,
)
from .fill_render import (
    Line,
    Texts,
    command_lines,
    help_lines,
    question_lines,
    review_lines,
    summary_lines,
)
from .prompter import Terminal, signals_deferred

END = -1  # `shown` marker for the end menu


@dataclass(frozen=True)
class Paths:
    """The files of the sitting, as the person named them (for the commands we suggest)."""

    instrument: Path
    response: Path

    def resume_command(self) -> str:
        return f"capacity-eval fill {_q(self.instrument)} -o {_q(self.response)}"

    def next_commands(self) -> list[str]:
        report = self.response.with_suffix(".pdf")
        return [
            f"capacity-eval score {_q(self.response)} -i {_q(self.instrument)}",
            f"capacity-eval report {_q(self.response)} -i {_q(self.instrument)} -o {_q(report)}",
        ]


class FillLoop:
    """Drives a `FillSession` from a `Terminal` until the person leaves."""

    def __init__(self, session: FillSession, term: Terminal, paths: Paths, tx: Texts) -> None:
        self.session = session
        self.term = term
        self.paths = paths
        self.tx = tx
        self.dirty = False
        self.shown: int | None = None
        self.handlers: dict[str, Callable[[str], int | None]] = {
            "help": self.on_help,
            "back": self.on_back,
            "jump": self.on_jump,
            "skip": self.on_skip,
            "clear": self.on_clear,
            "note": self.on_note,
            "evidence": self.on_evidence,
            "review": self.on_review,
            "summary": self.on_summary,
            "quit": self.on_quit,
        }

    # --- running ------------------------------------------------------------------------

    def run(self) -> int:
        """Ask questions until the person finishes or quits; return the exit code."""
        while True:
            current = self.session.current
            code = self.end_menu() if current is None else self.ask(current)
            if code is not None:
                return code

    def ask(self, index: int) -> int | None:
        if self.shown != index:
            self.show(question_lines(self.session, index, self.tx))
            self.shown = index
        self.term.complete_with(self._completions(index))
        line = self.term.ask(t("fill.prompt", id=self.session.question(index).id))
        try:
            return self.handle(line)
        except InputRejected as exc:
            self.term.say(str(exc))
            return None

    def handle(self, line: str) -> int | None:
        parsed = parse_line(line)
        if isinstance(parsed, Command):
            return self.handlers[parsed.name](parsed.argument)
        if parsed == "":
            return self.on_empty()
        value = self.session.read(parsed)
        self.session.set_answer(value)
        self.save()
        self.session.advance()
        return None

    def save(self) -> bool:
        """Write the response now; on failure say so and keep the answers in memory."""
        self.dirty = True
        try:
            with signals_deferred():
                save_response(self.paths.response, self.session.response(utc_now()))
        except OutputError as exc:
            self.term.say(str(exc))
            self.term.say(t("fill.save_failed"))
            return False
        self.dirty = False
        return True

    def show(self, lines: list[Line]) -> None:
        for line in lines:
            self.term.say(line.text, line.indent, line.style)

    # --- lines and commands -------------------------------------------------------------

    def on_empty(self) -> int | None:
        index = self.session.current
        assert index is not None
        if self.session.is_answered(index) or self.session.review:
            self.session.advance()
        elif self.session.question(index).model.required:
            raise InputRejected(t("fill.required", expected=self.session.expected(index)))
        else:
            self.session.skip()
        return None

    def on_help(self, argument: str) -> int | None:
        if self.session.current is None:
            self.show(command_lines())
        else:
            self.show(help_lines(self.session, self.session.current, self.tx))
        return None

    def on_back(self, argument: str) -> int | None:
        if not self.session.back():
            raise InputRejected(t("fill.at_first"))
        return None

    def on_jump(self, argument: str) -> int | None:
        self.session.jump(argument)
        return None

    def on_skip(self, argument: str) -> int | None:
        self.session.skip()
        return None

    def on_clear(self, argument: str) -> int | None:
        self.session.clear()
        self.save()
        self.term.say(t("fill.cleared"))
        return None

    def on_note(self, argument: str) -> int | None:
        text = argument or self.term.ask(t("fill.note_prompt"))
        if text:
            self.session.set_note(None if text == "-" else text)
            self.save()
            self.term.say(t("fill.note_removed" if text == "-" else "fill.note_saved"))
        return None

    def on_evidence(self, argument: str) -> int | None:
        text = argument or self.term.ask(t("fill.evidence_ask"))
        if text == "-":
            self.session.clear_evidence()
        elif text:
            self.session.add_evidence(text)
        if text:
            self.save()
            self.term.say(t("fill.evidence_removed" if text == "-" else "fill.evidence_saved"))
        return None

    def on_review(self, argument: str) -> int | None:
        self.show(review_lines(self.session, self.tx))
        self.shown = None
        return None

    def on_summary(self, argument: str) -> int | None:
        if self.session.current is not None:
            self.session.jump_to_end()
        return None

    def on_quit(self, argument: str) -> int | None:
        return self.leave()

    # --- the end ------------------------------------------------------------------------

    def end_menu(self) -> int | None:
        """Summary, then: go to a question, submit, or finish."""
        summary = summarise(self.session)
        if self.shown != END:
            self.show(summary_lines(summary, self.tx))
            self.show(
                [
                    Line(t("fill.menu_title"), style="bold"),
                    Line(t("fill.menu_goto"), 2),
                    Line(t("fill.menu_submit"), 2),
                    Line(t("fill.menu_finish"), 2),
                ]
            )
            self.shown = END
        self.term.complete_with(_command_words() + list(self.session.plan.index))
        line = self.term.ask(t("fill.menu_prompt"))
        try:
            return self.choose(line.strip(), summary.missing_required)
        except InputRejected as exc:
            self.term.say(str(exc))
            return None

    def choose(self, choice: str, missing: list[str]) -> int | None:
        if choice in ("", "3"):
            return self.leave()
        if choice == "2":
            self.session.submit()
            return self.leave()
        if choice == "1":
            target = self.term.ask(t("fill.goto_prompt"))
            self.goto(target or (missing[0] if missing else ""))
            return None
        parsed = parse_line(choice)
        if isinstance(parsed, Command):
            if parsed.name in ("jump", "back", "review", "help", "quit"):
                return self.handlers[parsed.name](parsed.argument)
            raise InputRejected(t("fill.menu_expected"))
        self.goto(parsed, menu_error=True)
        return None

    def goto(self, target: str, menu_error: bool = False) -> None:
        if not target:
            shown = self.session.visible()
            target = self.session.question(shown[0]).id if shown else ""
        try:
            self.session.jump(target)
        except InputRejected:
            if menu_error:
                raise InputRejected(t("fill.menu_expected")) from None
            raise

    def leave(self) -> int | None:
        """Save, say where the response is and what to run next; exit code 0.

        When saving fails the person stays in the loop, answers in memory, to fix the
        problem (disk full, folder read-only) and try again."""
        if (self.session.changed or self.dirty) and not self.save():
            self.term.say(t("fill.leave_failed"))
            return None
        status = t("fill.status." + self.session.status)
        self.term.say("")
        self.term.say(t("fill.saved_as", path=str(self.paths.response), status=status))
        if self.session.status == "draft":
            self.term.say(t("fill.continue_later"))
            self.term.say(self.paths.resume_command(), 2, wrap=False)
        self.term.say(t("fill.next_commands"))
        for command in self.paths.next_commands():
            self.term.say(command, 2, wrap=False)
        return 0

    def save_or_rescue(self) -> Path | None:
        """Last save before leaving: the response file, else a rescue copy in the
        temporary folder; the path written, or None when nothing could be written."""
        if not (self.session.changed or self.dirty) or self.save():
            return self.paths.response
        stamp = utc_now().replace(":", "").replace("-", "")
        rescue = Path(tempfile.gettempdir()) / (
            f"{self.paths.response.stem}-rescue-{stamp}{self.paths.response.suffix}"
        )
        try:
            save_response(rescue, self.session.response(utc_now()))
        except OutputError:
            return None
        return rescue

    def _completions(self, index: int) -> list[str]:
        words = _command_words() + list(self.session.plan.index)
        model = self.session.question(index).model
        if model.type in ("choice", "multi", "scale"):
            words += [o.value for o in self.session.instrument.options_of(model)]
        return words


def _command_words() -> list[str]:
    """Commands as Tab completes them (a space after those that take an argument)."""
    return [f":{c} " if c in ("jump", "note", "evidence") else f":{c}" for c in COMMANDS]


def _q(path: Path) -> str:
    return shlex.quote(str(path))
