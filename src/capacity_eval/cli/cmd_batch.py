"""`capacity-eval batch PATH... -i INSTRUMENT -o OUTDIR [--pdf] [--jobs N] [--format F,...]`.

SIGINT (Ctrl-C) and SIGTERM stop the run cleanly: workers are ended, every result
already merged is kept and recorded, no half-written file is left, and the exit code
is 130, as for every interrupted command. A second signal stops at once (exit 130). Running
the same command again finishes the work.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any

import typer

from .common import lang_option, use_language

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..batch import BatchReport

EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 130}


def register(app: typer.Typer) -> None:
    @app.command("batch")
    def batch(
        paths: list[str] = typer.Argument(
            ...,
            metavar="PATH",
            help="Response files, folders (searched recursively for .yaml, .yml and .json) "
            "or glob patterns such as 'inbox/**/*.yaml'.",
        ),
        instrument: Path = typer.Option(
            ..., "--instrument", "-i", help="Instrument the responses answer."
        ),
        output: Path = typer.Option(
            ..., "--output", "-o", help="Output folder (created if needed)."
        ),
        pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF report per response."),
        jobs: int | None = typer.Option(
            None,
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes (default: the number of cores).",
        ),
        formats: str = typer.Option(
            "csv",
            "--format",
            "-f",
            metavar="csv,json,xlsx",
            help="Summary formats, comma-separated.",
        ),
        force: bool = typer.Option(
            False, "--force", help="Redo every file, even those unchanged since the last run."
        ),
        lang: str | None = lang_option(),
    ) -> None:
        """Score many responses: results, a summary table, reports and a list of every
        problem found. A bad file never stops the batch."""
        use_language(lang)
        raise typer.Exit(
            run_batch_command(
                paths,
                instrument,
                output,
                pdf=pdf,
                jobs=jobs,
                formats=formats,
                force=force,
                lang=lang,
            )
        )


def parse_formats(text: str) -> tuple[str, ...]:
    """`csv,json` -> ('csv', 'json'); UsageError for an unknown format."""
    from ..batch.formats import FORMATS
    from ..errors import UsageError
    from ..i18n import t

    chosen: list[str] = []
    for part in text.split(","):
        name = part.strip().lower()
        if name not in FORMATS:
            raise UsageError(t("batch.bad_format", value=part.strip(), formats=", ".join(FORMATS)))
        if name not in chosen:
            chosen.append(name)
    return tuple(chosen)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch_command(
    paths: list[str],
    instrument: Path,
    output: Path,
    *,
    pdf: bool,
    jobs: int | None,
    formats: str,
    force: bool,
    lang: str | None,
) -> int:
    from ..batch import BatchOptions, run_batch
    from ..i18n import t
    from .output import stderr_line

    options = BatchOptions(
        tuple(paths),
        instrument,
        output,
        parse_formats(formats),
        pdf,
        jobs or default_jobs(),
        lang,
        force,
    )
    with StopSignals() as signals, ProgressView() as view:
        report = run_batch(
            options, progress=view.update, should_stop=signals.requested, warn=stderr_line
        )
    if report.stopped:
        stderr_line(t("batch.interrupted", done=report.done, total=report.files))
        return signals.exit_code
    show_report(report, output)
    if report.failed:
        stderr_line(
            t(
                "batch.some_failed",
                count=report.invalid + report.report_failures,
                path=str(output / "errors.csv"),
            )
        )
    return 1 if report.failed else 0


class StopSignals:
    """SIGINT and SIGTERM ask the batch to stop; a second one stops at once."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        for number in EXIT_CODES:
            self.previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.received is not None:
            raise KeyboardInterrupt
        self.received = number

    def requested(self) -> bool:
        return self.received is not None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(signal.Signals(self.received or signal.SIGINT), 130)


class ProgressView:
    """A progress bar on a terminal, else a plain line at every tenth of the files."""

    def __init__(self) -> None:
        from .output import console

        self.console = console(stderr=True)
        self.bar: Progress | None = None
        self.task: Any = None
        self.shown = 0.0
        self.step = 0

    def __enter__(self) -> ProgressView:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, report: BatchReport) -> None:
        if not self.console.is_terminal:
            self._line(report)
            return
        if self.bar is None:
            self._start(report.files)
        assert self.bar is not None
        self.bar.update(self.task, completed=report.done)
        now = time.monotonic()
        if now - self.shown > 0.1 or report.done == report.files:
            self.bar.refresh()
            self.shown = now

    def _start(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from ..i18n import t

        # auto_refresh=False: no display thread, so worker processes may be forked safely
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.bar.add_task(t("batch.progress_label"), total=total)
        self.bar.start()

    def _line(self, report: BatchReport) -> None:
        from ..i18n import t
        from .output import stderr_line

        self.step = self.step or max(1, report.files // 10)
        if report.done % self.step == 0 or report.done == report.files:
            percent = 100 * report.done // max(report.files, 1)
            stderr_line(t("batch.progress", done=report.done, total=report.files, percent=percent))


def show_report(report: BatchReport, output: Path) -> None:
    """The closing tables: what was read and done, and how levels are distributed."""
    from rich.table import Table

    from ..i18n import t
    from .output import console

    out = console()
    totals = Table(title=t("batch.title"), show_header=False, title_justify="left")
    totals.add_column()
    totals.add_column(justify="right")
    totals.add_row(t("batch.files_read"), str(report.files))
    totals.add_row(t("batch.scored"), str(report.scored))
    totals.add_row(t("batch.invalid"), str(report.invalid))
    totals.add_row(t("batch.reused"), str(report.reused))
    if report.report_failures:
        totals.add_row(t("batch.report_failures"), str(report.report_failures))
    out.print(totals)
    levels = Table(title=t("batch.levels_title"), title_justify="left")
    levels.add_column(t("batch.col_level"))
    levels.add_column(t("batch.col_count"), justify="right")
    levels.add_column(t("batch.col_share"), justify="right")
    for level, label in [*report.labels.items(), (None, t("batch.no_score"))]:
        count = report.levels.get(level, 0)
        if level is None and not count:
            continue
        share = f"{100 * count / report.scored:.1f}%" if report.scored else "—"
        levels.add_row(label if level is None else f"{level} {label}", str(count), share)
    out.print(levels)
    for path in report.outputs:
        out.print(t("batch.wrote", path=str(path)), markup=False, highlight=False)
