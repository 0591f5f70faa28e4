"""The output folder of a batch: its layout, its lock, and files that appear whole or not at all.

Every file a batch writes first exists under a `.partial-` name in the folder it
belongs to and is then renamed over its final name, so a reader (or an interrupted
run) never sees half of one. Result and report files are not fsynced one by one: a
re-run checks the SHA-256 of each output it would reuse, so one lost in a crash is
simply made again. Summary files are fsynced before their rename.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
from pathlib import Path
from types import TracebackType
from typing import TextIO

from ..errors import UserError
from ..fileio import output_error
from ..i18n import t

PARTIAL = ".partial-"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
LOCK_NAME = ".capacity-eval-batch.lock"
MANIFEST_NAME = ".capacity-eval-batch.sqlite"
RESULTS = "results"
REPORTS = "reports"


class Layout:
    """Where each output of a batch goes inside OUTDIR."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.results = outdir / RESULTS
        self.reports = outdir / REPORTS
        self.manifest = outdir / MANIFEST_NAME
        self.lock = outdir / LOCK_NAME
        self._root = str(outdir)

    @staticmethod
    def result(stem: str) -> str:
        """The result file of `stem`, relative to OUTDIR (as recorded and shown)."""
        return f"{RESULTS}/{stem}.json"

    @staticmethod
    def report(stem: str) -> str:
        return f"{REPORTS}/{stem}.pdf"

    def path(self, relative: str) -> str:
        """Where a file named relative to OUTDIR is (text, as thousands are made)."""
        return os.path.join(self._root, relative)

    def relative(self, path: Path) -> str:
        """`path` relative to OUTDIR, with forward slashes (as recorded and shown)."""
        return path.relative_to(self.outdir).as_posix()

    def create(self, *, reports: bool) -> None:
        """Create OUTDIR and its sub-folders; a clear error when that is impossible."""
        if self.outdir.exists() and not self.outdir.is_dir():
            raise UserError(t("batch.outdir_not_folder", path=str(self.outdir)))
        folders = [self.outdir, self.results] + ([self.reports] if reports else [])
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise output_error(folder, exc) from exc

    def remove_partials(self) -> None:
        """Delete `.partial-*` files left by a run that was killed."""
        for folder in (self.outdir, self.results, self.reports):
            if not folder.is_dir():
                continue
            for entry in os.scandir(folder):
                if entry.name.startswith(PARTIAL) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _create_partial(folder: str | Path, suffix: str) -> tuple[int, str]:
    """Create a new, empty `.partial-` file in `folder`: its descriptor and path. Created
    with the usual permissions (0666 less the umask), so publishing needs no chmod."""
    for _ in range(100):
        name = os.path.join(folder, f"{PARTIAL}{secrets.token_hex(8)}{suffix}")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def partial_path(folder: Path, suffix: str) -> Path:
    """A fresh `.partial-` file name in `folder` (the file is created, empty)."""
    fd, name = _create_partial(folder, suffix)
    os.close(fd)
    return Path(name)


def write_partial(target: Path, data: bytes) -> Path:
    """Write `data` to a new `.partial-` file next to `target` (to be published there later)
    and return its path; OutputError naming `target` if it cannot be written."""
    try:
        fd, name = _create_partial(target.parent, target.suffix)
    except OSError as exc:
        raise output_error(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise output_error(target, exc) from exc
    return Path(name)


def publish(partial: str | Path, target: str | Path) -> None:
    """Move a finished `.partial-` file over its final name (atomic on one file system)."""
    try:
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise output_error(Path(target), exc) from exc


def discard(partial: str | Path | None) -> None:
    if partial is not None:
        with contextlib.suppress(OSError):
            os.unlink(partial)


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a file's content, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class StreamedFile:
    """A UTF-8 text file written bit by bit under a `.partial-` name, renamed by `commit`."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.partial = partial_path(target.parent, target.suffix)
        try:
            self.handle: TextIO = open(self.partial, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            discard(self.partial)
            raise output_error(target, exc) from exc

    def commit(self) -> None:
        """Flush, fsync and rename over the target."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
        except OSError as exc:
            self.abort()
            raise output_error(self.target, exc) from exc
        publish(self.partial, self.target)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        discard(self.partial)


def publish_synced(partial: Path, target: Path) -> None:
    """`publish`, after making sure the partial file's content is on disk."""
    try:
        fd = os.open(partial, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        discard(partial)
        raise output_error(target, exc) from exc
    publish(partial, target)


class OutdirLock:
    """An exclusive claim on OUTDIR for one batch run (released by the kernel on exit)."""

    def __init__(self, layout: Layout) -> None:
        self.path = layout.lock
        self.outdir = layout.outdir
        self._fd: int | None = None

    def __enter__(self) -> OutdirLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise output_error(self.path, exc) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise UserError(t("batch.outdir_busy", path=str(self.outdir)))
        self._fd = fd
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def _try_lock(fd: int) -> bool:
    """Lock the whole lock file. A POSIX record lock, not flock(): worker processes forked
    from the batch must not inherit it, or a worker left behind by a killed batch would
    block the next run."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
