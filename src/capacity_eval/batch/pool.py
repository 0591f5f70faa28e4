"""Running assessments in this process or in worker processes, results in the order given.

Both runners take chunks of jobs and yield each chunk's outcomes in the order the
chunks were given, whatever order the workers finish in, so a batch's outputs never
depend on `--jobs` or on timing. The process runner keeps a bounded number of chunks
in flight (memory stays flat) and checks `should_stop` while it waits.

A worker process that dies (a crash in native code, the kernel killing it for
memory) must not stop the batch: the chunk it was working on is run again one file
at a time in a separate one-worker pool, and only the file that kills that worker
too is reported as an error.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ..i18n import set_language, t
from ..loading.files import check_instrument_document
from ..loading.source import parse_bytes
from .assess import Context, assess
from .outcome import Job, Outcome

T = TypeVar("T")
JobsOf = Callable[[T], list[Job]]
ShouldStop = Callable[[], bool]
POLL_SECONDS = 0.1
PARENT_CHECK_SECONDS = 0.2
# Forked workers start at once and share the parsed instrument; pools made again after a
# crash are spawned, as the batch has threads by then (forking those is unsafe).
START_METHOD = "fork" if sys.platform == "linux" else "spawn"
RESTART_METHOD = "spawn"


class Stopped(Exception):
    """`should_stop` said so: the run ends without finishing."""


@dataclass(frozen=True)
class Setup:
    """What a worker process needs to rebuild the batch's `Context` (picklable)."""

    instrument_text: bytes
    instrument_name: str
    results: str
    reports: str | None
    lang: str | None
    messages: str  # language of messages


def build_context(setup: Setup) -> Context:
    doc = parse_bytes(setup.instrument_text, setup.instrument_name)
    instrument = check_instrument_document(doc).unwrap()
    reports = Path(setup.reports) if setup.reports is not None else None
    return Context(instrument, Path(setup.results), reports, setup.lang)


_current: tuple[Setup, Context] | None = None


def adopt(setup: Setup, context: Context) -> None:
    """Let worker processes forked from this one reuse `context` instead of rebuilding it."""
    global _current
    _current = (setup, context)


def start_worker(setup: Setup) -> None:
    """Initialiser of a worker process: leave Ctrl-C to the parent, end with the parent,
    build the context."""
    global _current
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True).start()
    set_language(setup.messages)
    if _current is None or _current[0] != setup:
        _current = (setup, build_context(setup))


def _end_with_parent(parent: int) -> None:
    """A worker whose batch was killed (`kill -9`) would wait for work for ever: it leaves
    as soon as it finds itself with another parent."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def run_jobs(jobs: list[Job]) -> list[Outcome]:
    """Assess jobs in a worker process."""
    assert _current is not None, "start_worker runs first"
    context = _current[1]
    return [assess(context, job) for job in jobs]


class InProcess(Generic[T]):
    """Runs every job here, one after the other."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def map(
        self, chunks: Iterable[T], jobs_of: JobsOf[T], should_stop: ShouldStop
    ) -> Iterator[tuple[T, list[Outcome]]]:
        for chunk in chunks:
            outcomes = []
            for job in jobs_of(chunk):
                if should_stop():
                    raise Stopped
                outcomes.append(assess(self.context, job))
            yield chunk, outcomes

    def close(self, *, kill: bool = False) -> None:
        """Nothing to release."""


class ProcessRunner(Generic[T]):
    """Runs chunks in `workers` processes, at most `window` chunks in flight."""

    def __init__(self, setup: Setup, workers: int, window: int) -> None:
        self.setup = setup
        self.workers = workers
        self.window = max(window, workers)
        self.executor = self._executor(workers)
        self.should_stop: ShouldStop = lambda: False

    def _executor(self, workers: int, *, fresh: bool = False) -> ProcessPoolExecutor:
        method = RESTART_METHOD if fresh else START_METHOD
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(method),
            initializer=start_worker,
            initargs=(self.setup,),
        )

    def map(
        self, chunks: Iterable[T], jobs_of: JobsOf[T], should_stop: ShouldStop
    ) -> Iterator[tuple[T, list[Outcome]]]:
        self.should_stop = should_stop
        pending: deque[_InFlight[T]] = deque()
        for chunk in chunks:
            jobs = jobs_of(chunk)
            pending.append(_InFlight(chunk, jobs, self._submit(jobs)))
            while len(pending) >= self.window:
                yield self._next(pending)
        while pending:
            yield self._next(pending)

    def _submit(self, jobs: list[Job]) -> Future[list[Outcome]] | None:
        if not jobs:
            return None
        if self.should_stop():
            raise Stopped
        try:
            return self.executor.submit(run_jobs, jobs)
        except BrokenProcessPool as exc:  # broken by a chunk still in flight: seen in _next
            future: Future[list[Outcome]] = Future()
            future.set_exception(exc)
            return future

    def _next(self, pending: deque[_InFlight[T]]) -> tuple[T, list[Outcome]]:
        entry = pending.popleft()
        if entry.future is None:
            return entry.chunk, []
        try:
            return entry.chunk, self._wait(entry.future)
        except BrokenProcessPool:
            self._restart(pending)
            return entry.chunk, self._one_by_one(entry.jobs)

    def _wait(self, future: Future[list[Outcome]]) -> list[Outcome]:
        while True:
            if self.should_stop():
                raise Stopped
            try:
                return future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                continue

    def _restart(self, pending: deque[_InFlight[T]]) -> None:
        """A new pool, and every chunk still in flight submitted to it again."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._executor(self.workers, fresh=True)
        for entry in pending:
            entry.future = self._submit(entry.jobs)

    def _one_by_one(self, jobs: list[Job]) -> list[Outcome]:
        """Run each job alone in a one-worker pool; a job that kills it is an error."""
        solo = self._executor(1, fresh=True)
        outcomes: list[Outcome] = []
        try:
            for job in jobs:
                try:
                    outcomes += self._wait(solo.submit(run_jobs, [job]))
                except BrokenProcessPool:
                    outcomes.append(Outcome([(None, None, t("batch.worker_died"))], lasting=False))
                    solo.shutdown(wait=False)
                    solo = self._executor(1, fresh=True)
        finally:
            solo.shutdown(wait=False, cancel_futures=True)
        return outcomes

    def close(self, *, kill: bool = False) -> None:
        """Wait for the workers to end, or (`kill`) end them now."""
        if not kill:
            self.executor.shutdown(wait=True)
            return
        # ProcessPoolExecutor has no public way to stop busy workers (Python < 3.14)
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


@dataclass
class _InFlight(Generic[T]):
    chunk: T
    jobs: list[Job]
    future: Future[list[Outcome]] | None
