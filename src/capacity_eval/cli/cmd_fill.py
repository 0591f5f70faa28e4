"""`capacity-eval fill INSTRUMENT [-o RESPONSE] [--lang L]`: interactive completion.

Also `fill RESPONSE` (the instrument found from the id and version the response names,
or `-i`) to continue a response, and `--review` to walk every answer with the chance
to change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..i18n import t
from .common import LANG_HELP

if TYPE_CHECKING:
    from ..model import Instrument, Response
    from ..session import FillSession
    from .fill_header import Header
    from .fill_loop import FillLoop, Paths
    from .prompter import Terminal


@dataclass
class FillOptions:
    source: Path
    output: Path | None
    instrument: Path | None
    lang: str | None
    review: bool
    header: Header


def register(app: typer.Typer) -> None:
    @app.command("fill")
    def fill(
        source: Path = typer.Argument(
            ..., metavar="INSTRUMENT", help="Instrument file; or a response file to continue."
        ),
        output: Path | None = typer.Option(
            None,
            "--output",
            "-o",
            metavar="RESPONSE",
            help="Response file to write, or to continue when it exists "
            "(default: ENTITY-PERIOD.yaml).",
        ),
        instrument: Path | None = typer.Option(
            None,
            "--instrument",
            "-i",
            help="Instrument file, when the argument is a response (default: found by id "
            "and version).",
        ),
        lang: str | None = typer.Option(None, "--lang", "-l", metavar="L", help=LANG_HELP),
        review: bool = typer.Option(
            False, "--review", help="Walk every answer with the chance to change it."
        ),
        entity_id: str | None = typer.Option(None, "--entity-id", help="Entity id (new response)."),
        entity_name: str | None = typer.Option(None, "--entity-name", help="Entity name."),
        country: str | None = typer.Option(None, "--country", help="ISO 3166-1 alpha-3 code."),
        period: str | None = typer.Option(None, "--period", help="Period, e.g. 2026."),
        respondent_name: str | None = typer.Option(
            None, "--respondent-name", help="Respondent's name."
        ),
        respondent_role: str | None = typer.Option(
            None, "--respondent-role", help="Respondent's role."
        ),
    ) -> None:
        """Fill in a response interactively: resumable, saved after every answer."""
        from .fill_header import Header, check_options

        header = Header(entity_id, entity_name, country, period, respondent_name, respondent_role)
        _message_language(lang)
        check_options(header)
        raise typer.Exit(run_fill(FillOptions(source, output, instrument, lang, review, header)))


def run_fill(opts: FillOptions) -> int:
    """Set up the sitting (files, lock, language, header) and run it; the exit code."""
    from ..loading.files import check_instrument
    from .prompter import Terminal, leave_on_termination

    instrument_path, response_path = _locate(opts)
    instrument = check_instrument(instrument_path).unwrap()
    term = Terminal()
    restore = leave_on_termination()
    try:
        if response_path is None:
            return _start_without_path(opts, instrument, instrument_path, term)
        return _with_lock(opts, instrument, instrument_path, response_path, term)
    finally:
        restore()


def _locate(opts: FillOptions) -> tuple[Path, Path | None]:
    """(instrument, response): the argument is an instrument, or a response to continue."""
    from ..errors import UsageError
    from ..loading.files import read_any
    from .common import resolve_instrument

    if opts.source.is_file() and read_any(opts.source)[1] == "response":
        if opts.output is not None and opts.output.resolve() != opts.source.resolve():
            raise UsageError(t("fill.two_responses"))
        return resolve_instrument(opts.source, opts.instrument), opts.source
    if opts.instrument is not None:
        raise UsageError(t("fill.instrument_twice"))
    if opts.review and (opts.output is None or not opts.output.exists()):
        raise UsageError(t("fill.review_needs_response"))
    return opts.source, opts.output


def _start_without_path(
    opts: FillOptions, instrument: Instrument, instrument_path: Path, term: Terminal
) -> int:
    """No `-o`: ask the header first, then work on ENTITY-PERIOD.yaml."""
    from .fill_header import ask_header, default_path

    lang = _text_language(opts.lang, instrument, None)
    try:
        header = ask_header(term, opts.header)
    except (KeyboardInterrupt, EOFError) as exc:
        return _header_abandoned(term, exc)
    path = default_path(header)
    return _with_lock(opts, instrument, instrument_path, path, term, header, lang)


def _with_lock(
    opts: FillOptions,
    instrument: Instrument,
    instrument_path: Path,
    response_path: Path,
    term: Terminal,
    header: Header | None = None,
    lang: str | None = None,
) -> int:
    from ..errors import OutputError
    from ..session import ResponseLock, remove_leftovers

    folder = response_path.parent
    if not folder.is_dir():
        raise OutputError(t("output.no_folder", path=str(response_path), folder=str(folder)))
    with ResponseLock(response_path):
        remove_leftovers(response_path)
        return _sitting(opts, instrument, instrument_path, response_path, term, header, lang)


def _sitting(
    opts: FillOptions,
    instrument: Instrument,
    instrument_path: Path,
    response_path: Path,
    term: Terminal,
    header: Header | None,
    lang: str | None,
) -> int:
    from ..session import FillSession, load_response_for_fill, save_response, utc_now
    from .fill_header import ask_header, new_response
    from .fill_loop import Paths

    existing: Response | None = None
    resumed = response_path.exists()
    if resumed:
        existing = load_response_for_fill(response_path, instrument)
        lang = _text_language(opts.lang, instrument, existing)
        if header is not None:
            term.say(t("fill.exists_continuing", path=str(response_path)))
    else:
        lang = lang or _text_language(opts.lang, instrument, None)
        if header is None:
            try:
                header = ask_header(term, opts.header)
            except (KeyboardInterrupt, EOFError) as exc:
                return _header_abandoned(term, exc)
        existing = new_response(instrument, header, lang)
        save_response(response_path, existing.model_copy(update={"updated": utc_now()}))
        term.say(t("fill.created", path=str(response_path)))
    session = FillSession(instrument, existing, review=opts.review)
    return _run_loop(session, term, Paths(instrument_path, response_path), lang, resumed)


def _run_loop(session: FillSession, term: Terminal, paths: Paths, lang: str, resumed: bool) -> int:
    from .fill_loop import FillLoop
    from .fill_render import Texts

    loop = FillLoop(session, term, paths, Texts(session.instrument, lang))
    session.start()
    _announce(loop, resumed)
    try:
        return loop.run()
    except KeyboardInterrupt:
        return _interrupted(loop)
    except EOFError:
        return _input_ended(loop)


def _announce(loop: FillLoop, resumed: bool) -> None:
    """The instrument, and whether the response is new, continued or reviewed."""
    session, path = loop.session, str(loop.paths.response)
    first = session.current
    progress = session.progress()
    title = loop.tx(session.instrument.title)
    loop.term.say(
        t("fill.welcome", title=title, version=session.instrument.version, count=progress.total)
    )
    if session.status == "submitted":
        loop.term.say(t("fill.was_submitted"))
    if session.review:
        loop.term.say(t("fill.review_start", path=path))
    elif first is None:
        loop.term.say(t("fill.resume_done", path=path))
    elif resumed:
        loop.term.say(
            t(
                "fill.resume",
                path=path,
                answered=progress.answered,
                total=progress.total,
                id=session.question(first).id,
            )
        )
    loop.term.say(t("fill.intro"))


def _interrupted(loop: FillLoop) -> int:
    """Ctrl-C, SIGTERM or SIGHUP: save what there is, say how to continue, exit 130."""
    loop.term.write("\n")
    _final_save(loop, "fill.interrupted")
    _tell(t("fill.resume_hint", command=loop.paths.resume_command()))
    return 130


def _input_ended(loop: FillLoop) -> int:
    """End of input: on a terminal (Ctrl-D) like :quit; from a script, save and exit 1."""
    loop.term.write("\n")
    if loop.term.interactive:
        code = loop.leave()
        if code is not None:
            return code
    saved = _final_save(loop, None)
    missing = loop.session.missing_required()
    if saved is None:
        return 1
    if missing:
        _tell(
            t(
                "fill.input_ended_missing",
                path=str(saved),
                count=len(missing),
                ids=", ".join(missing),
            )
        )
    else:
        _tell(t("fill.input_ended_complete", path=str(saved)))
    return 1


def _final_save(loop: FillLoop, key: str | None) -> Path | None:
    """Save before leaving; say where (the rescue copy when the file cannot be written)."""
    saved = loop.save_or_rescue()
    if saved is None:
        _tell(t("fill.lost", path=str(loop.paths.response)))
    elif saved != loop.paths.response:
        _tell(t("fill.rescued", path=str(loop.paths.response), rescue=str(saved)))
    elif key is not None:
        _tell(t(key, path=str(saved)))
    return saved


def _header_abandoned(term: Terminal, exc: BaseException) -> int:
    term.write("\n")
    _tell(t("fill.nothing_saved"))
    return 130 if isinstance(exc, KeyboardInterrupt) else 1


def _tell(text: str) -> None:
    """One line on stderr; a terminal that is gone (SIGHUP) loses only this line."""
    import contextlib

    from .output import stderr_line

    with contextlib.suppress(OSError, ValueError):
        stderr_line(text)


def _message_language(lang: str | None) -> None:
    """Messages in `--lang` when it is one of ours, else CAPACITY_EVAL_LANG, else English."""
    import os

    from ..i18n import LANGUAGES, set_language

    chosen = lang or os.environ.get("CAPACITY_EVAL_LANG") or "en"
    set_language(chosen if chosen in LANGUAGES else "en")


def _text_language(lang: str | None, instrument: Instrument, response: Response | None) -> str:
    """`--lang`, else the response's language, else the instrument's first; messages follow."""
    from ..errors import UsageError
    from ..i18n import set_language

    if lang is not None and lang not in instrument.languages:
        raise UsageError(
            t("fill.no_such_language", lang=lang, languages=", ".join(instrument.languages))
        )
    chosen = lang
    if chosen is None and response is not None and response.language in instrument.languages:
        chosen = response.language
    chosen = chosen or instrument.default_language
    set_language(chosen)
    return chosen
