"""A batch run: read every file, assess what changed, merge the outcomes in order.

The main process reads each file and hashes it; a file whose content and context
were assessed by an earlier run into the same OUTDIR (and whose outputs are still
there, intact) is not assessed again. The others go to the workers. Outcomes are
merged strictly in the batch's file order, which is where the decisions that
depend on other files are made: the first file of an entity and period is scored,
later ones are errors pointing at it; result names are made unique. Rows and errors
stream to the summary sinks, the manifest records each outcome as it is merged.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__, limits
from ..errors import Problem
from ..i18n import get_language, t
from ..loading.files import check_instrument_document
from ..loading.source import Document, parse_bytes, read_bytes
from ..model import Instrument
from ..scoring.plan import plan_for
from .assess import Context, assess
from .formats import FORMATS, Sink, errors_sink
from .inputs import Source, discover
from .manifest import Manifest, context_key
from .naming import NameBook, safe_stem
from .outcome import Job, Located, Outcome
from .outputs import REPORTS, Layout, OutdirLock, discard, file_sha256, publish
from .pool import InProcess, ProcessRunner, Setup, Stopped, adopt
from .summary import RowMaker, error_row, summary_table

CHUNK_JOBS = 16  # files per task sent to a worker when scoring (one when rendering PDFs)
COMMIT_SECONDS = 2.0


@dataclass(frozen=True)
class BatchOptions:
    """What `capacity-eval batch` was asked to do."""

    paths: tuple[str, ...]
    instrument: Path
    outdir: Path
    formats: tuple[str, ...] = ("csv",)
    pdf: bool = False
    jobs: int = 1
    lang: str | None = None  # language of results and reports; None: each response's own
    force: bool = False


@dataclass
class BatchReport:
    """What a batch did, for the closing table and the exit code."""

    files: int = 0
    done: int = 0
    scored: int = 0
    invalid: int = 0
    reused: int = 0
    report_failures: int = 0
    levels: Counter[int | None] = field(default_factory=Counter)  # overall level -> count
    labels: dict[int, str] = field(default_factory=dict)  # level id -> label, in order
    outputs: list[Path] = field(default_factory=list)
    stopped: bool = False

    @property
    def failed(self) -> bool:
        return self.invalid > 0 or self.report_failures > 0


Progress = Callable[[BatchReport], None]


@dataclass(slots=True)
class _Item:
    source: Source
    digest: str | None = None
    job: Job | None = None  # None: the file could not be read
    known: Outcome | None = None  # from the manifest, or why the file could not be read
    reused: bool = False

    @property
    def needs_work(self) -> bool:
        return self.job is not None and not self.reused


def run_batch(
    options: BatchOptions,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    warn: Callable[[str], None] = lambda message: None,
) -> BatchReport:
    """Run a batch (see the module docstring); InvalidInput if the instrument is invalid.

    `warn` receives warnings to show before the work starts (a very large batch).
    """
    doc = Document(str(options.instrument))
    text = read_bytes(options.instrument, doc)
    if text is not None:
        doc = parse_bytes(text, doc.name)
    instrument = check_instrument_document(doc).unwrap()
    assert text is not None  # an unreadable instrument has errors, so unwrap raised
    sources = discover(options.paths, skip=[options.outdir, options.instrument])
    if len(sources) > limits.BATCH_FILES_WARNING:
        warn(t("batch.many_files", count=len(sources), limit=limits.BATCH_FILES_WARNING))
    layout = Layout(options.outdir)
    layout.create(reports=options.pdf)
    with OutdirLock(layout):
        layout.remove_partials()
        setup = Setup(
            text,
            doc.name,
            str(layout.results),
            str(layout.reports) if options.pdf else None,
            options.lang,
            get_language(),
        )
        key = context_key(
            __version__, plan_for(instrument).digest, get_language(), options.lang or ""
        )
        manifest = Manifest(layout.manifest, key)
        try:
            batch = _Batch(options, layout, instrument, setup, manifest, sources)
            return batch.run(progress or (lambda report: None), should_stop)
        finally:
            manifest.close()


class _Batch:
    def __init__(
        self,
        options: BatchOptions,
        layout: Layout,
        instrument: Instrument,
        setup: Setup,
        manifest: Manifest,
        sources: list[Source],
    ) -> None:
        self.options, self.layout, self.manifest, self.sources = options, layout, manifest, sources
        self.setup = setup
        self.context = Context(
            instrument, layout.results, layout.reports if options.pdf else None, options.lang
        )
        self.rows = RowMaker(instrument, _table_language(instrument))
        self.table = summary_table(instrument)
        self.names = NameBook()
        self.first: dict[tuple[str, str], tuple[str, int | None]] = {}
        self.report = BatchReport(files=len(sources), labels=dict(self.rows.labels))
        self.sinks: list[Sink] = []
        self.about = {
            "instrument": {
                "id": instrument.id,
                "version": instrument.version,
                "digest": plan_for(instrument).digest,
            }
        }

    # --- the run ---------------------------------------------------------------------

    def run(self, progress: Progress, should_stop: Callable[[], bool]) -> BatchReport:
        runner = self._runner()
        last_commit = time.monotonic()
        try:
            self._open_sinks()
            for chunk, outcomes in runner.map(self._chunks(), _jobs_of, should_stop):
                fresh = iter(outcomes)
                for item in chunk:
                    self._merge(item, next(fresh) if item.needs_work else item.known)
                    self.report.done += 1
                    progress(self.report)
                if time.monotonic() - last_commit > COMMIT_SECONDS:
                    self.manifest.commit()
                    last_commit = time.monotonic()
            self._finish()
        except Stopped:
            runner.close(kill=True)
            self._abandon()
            return self.report
        except BaseException:
            runner.close(kill=True)
            self._abandon()
            raise
        runner.close()
        return self.report

    def _runner(self) -> InProcess[list[_Item]] | ProcessRunner[list[_Item]]:
        if self.options.jobs <= 1 and not self.options.pdf:
            return InProcess(self.context)
        adopt(self.setup, self.context)
        workers = max(1, min(self.options.jobs, len(self.sources)))
        return ProcessRunner(self.setup, workers, 3 * workers)

    def _open_sinks(self) -> None:
        outdir = self.layout.outdir
        self.sinks.append(errors_sink(outdir))
        for name in self.options.formats:
            self.sinks.append(FORMATS[name](outdir, self.table, self.about))

    def _finish(self) -> None:
        """Publish the summaries, drop what earlier runs left that this one did not make."""
        self.report.outputs.append(self.layout.results)
        if self.options.pdf:
            self.report.outputs.append(self.layout.reports)
        for sink in self.sinks:
            for path in sink.commit():
                self.manifest.wrote(self.layout.relative(path))
                self.report.outputs.append(path)
        self.sinks = []
        keep = None if self.options.pdf else REPORTS + "/"
        for relative in self.manifest.stale_outputs():
            if keep is None or not relative.startswith(keep):
                discard(self.layout.path(relative))
        self.manifest.forget_stale(keep_prefix=keep)
        self.manifest.commit()

    def _abandon(self) -> None:
        """Stopping early: no summary is published, finished results are kept and recorded."""
        self.report.stopped = True
        for sink in self.sinks:
            sink.abort()
        self.layout.remove_partials()
        self.manifest.commit()

    # --- reading ---------------------------------------------------------------------

    def _chunks(self) -> Iterator[list[_Item]]:
        # a few chunks per worker even for small batches, so that every worker has work
        size = (
            1
            if self.options.pdf
            else max(1, min(CHUNK_JOBS, len(self.sources) // (4 * max(1, self.options.jobs))))
        )
        chunk: list[_Item] = []
        jobs = 0
        for source in self.sources:
            item = self._read(source)
            chunk.append(item)
            jobs += item.needs_work
            if jobs >= size or len(chunk) >= 4 * size:
                yield chunk
                chunk, jobs = [], 0
        if chunk:
            yield chunk

    def _read(self, source: Source) -> _Item:
        if source.problem is not None:
            return _Item(source, known=Outcome([(None, None, source.problem)]))
        doc = Document(source.name)
        raw = read_bytes(source.path, doc)
        if raw is None:
            return _Item(source, known=Outcome(_located(doc.problems)))
        item = _Item(
            source, hashlib.sha256(raw).hexdigest(), Job(source.name, raw, source.json_hint)
        )
        known = None if self.options.force else self.manifest.get(item.digest or "")
        if known is not None and self._reusable(known):
            item.known, item.reused = known, True
        return item

    def _reusable(self, known: Outcome) -> bool:
        """Whether a recorded outcome can stand in for assessing the file again."""
        if not known.scored or known.result_sha is None:  # invalid, or recorded as a duplicate
            return True
        assert known.key is not None
        return self._intact(known, safe_stem(*known.key))

    def _intact(self, known: Outcome, stem: str) -> bool:
        """Whether the files of a recorded outcome are in place at `stem`, unchanged."""
        layout = self.layout
        if (
            known.result_sha is None
            or file_sha256(layout.path(layout.result(stem))) != known.result_sha
        ):
            return False
        if not self.options.pdf:
            return True
        return (
            known.report_sha is not None
            and file_sha256(layout.path(layout.report(stem))) == known.report_sha
        )

    # --- merging ---------------------------------------------------------------------

    def _merge(self, item: _Item, outcome: Outcome | None) -> None:
        assert outcome is not None
        result = None
        if outcome.scored and outcome.key in self.first:
            outcome = self._duplicate(item, outcome)
        elif outcome.scored:
            outcome, result = self._place(item, outcome)
        elif item.digest is not None and outcome.lasting:
            self.manifest.put(item.digest, outcome)
        if result is not None:
            self._scored(item, outcome, result)
        else:
            self._invalid(item.source.name, outcome.errors)
        if item.reused:
            self.report.reused += 1

    def _duplicate(self, item: _Item, outcome: Outcome) -> Outcome:
        """A later file for an entity and period already scored: an error pointing at the first."""
        assert outcome.key is not None
        discard(outcome.result_partial)
        discard(outcome.report_partial)
        if item.digest is not None:  # recorded without files: reused only as a duplicate
            self.manifest.put(
                item.digest,
                replace(
                    outcome,
                    result_sha=None,
                    report_sha=None,
                    result_partial=None,
                    report_partial=None,
                ),
            )
        first_file, first_line = self.first[outcome.key]
        entity, period = outcome.key
        message = t(
            "batch.duplicate",
            entity=entity,
            period=period,
            file=first_file,
            line=first_line if first_line is not None else "?",
        )
        return Outcome([(*outcome.key_at, message)])

    def _place(self, item: _Item, outcome: Outcome) -> tuple[Outcome, str | None]:
        """Give a scored outcome its unique name and move its files there."""
        assert outcome.key is not None
        self.first[outcome.key] = (item.source.name, outcome.key_at[0])
        base = safe_stem(*outcome.key)
        stem = self.names.claim(base)
        if (
            item.reused
            and (stem != base or outcome.result_sha is None)
            and not self._intact(outcome, stem)
        ):
            assert item.job is not None  # a reused item was read
            outcome, item.reused = assess(self.context, item.job), False
            if not outcome.scored:  # its result could not be written, for one
                return outcome, None
        result, report = self.layout.result(stem), self.layout.report(stem)
        if outcome.result_partial is not None:
            publish(outcome.result_partial, self.layout.path(result))
        if outcome.report_partial is not None:
            publish(outcome.report_partial, self.layout.path(report))
        outcome.result_partial = outcome.report_partial = None
        self.manifest.wrote(result)
        if self.options.pdf and outcome.report_sha is not None:
            self.manifest.wrote(report)
        if item.digest is not None and outcome.lasting:
            self.manifest.put(item.digest, outcome)
        return outcome, result

    def _scored(self, item: _Item, outcome: Outcome, result: str) -> None:
        fields = outcome.fields or {}
        row = self.rows.row(item.source.name, fields, result)
        for sink in self.sinks:
            sink.add_row(row)
        self.report.scored += 1
        self.report.levels[fields.get("level")] += 1
        if outcome.report_error is not None:
            self.report.report_failures += 1
            self._errors(
                item.source.name,
                [(None, None, t("batch.report_failed", detail=outcome.report_error))],
            )

    def _invalid(self, name: str, errors: list[Located]) -> None:
        self.report.invalid += 1
        self._errors(name, errors)

    def _errors(self, name: str, errors: list[Located]) -> None:
        for line, column, message in errors:
            row = error_row(name, line, column, message)
            for sink in self.sinks:
                sink.add_error(row)


def _jobs_of(chunk: list[_Item]) -> list[Job]:
    return [item.job for item in chunk if item.needs_work and item.job is not None]


def _located(problems: list[Problem]) -> list[Located]:
    return [(p.line, p.col, p.message) for p in problems if p.severity == "error"]


def _table_language(instrument: Instrument) -> str:
    language = get_language()
    return language if language in instrument.languages else instrument.default_language
