"""One `fill` at a time per response file.

`RESPONSE.lock`, next to the response, names the process filling it (pid, host, since
when). The claim itself is an operating-system lock held on that file (`flock`, or
`msvcrt.locking` on Windows): the kernel drops it when the process ends in any way,
`kill -9` and crashes included, so a lock file left behind never blocks anyone — the
next `fill` takes it over. A second `fill` on a live claim refuses with `LockBusy`.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..errors import OutputError, UserError
from ..i18n import t
from .storage import utc_now

_REGION = 1 << 20  # Windows: lock one byte far beyond the owner text, which stays readable


@dataclass(frozen=True, slots=True)
class LockOwner:
    pid: int | None
    host: str
    since: str


class LockBusy(UserError):
    """Another live process holds the lock of a response."""


def lock_path(response_path: Path) -> Path:
    return response_path.with_name(response_path.name + ".lock")


class ResponseLock:
    """Exclusive claim on a response file for the life of a `fill` process."""

    def __init__(self, response_path: Path) -> None:
        self.response_path = response_path
        self.path = lock_path(response_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the claim, or raise LockBusy naming the process that has it."""
        for _ in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(
                    t("fill.lock_failed", path=str(self.path), reason=exc.strerror or str(exc))
                ) from exc
            if not _try_lock(fd):
                owner = _read_owner(fd)
                os.close(fd)
                raise LockBusy(_busy_message(self.response_path, owner))
            if _same_file(fd, self.path):
                _write_owner(fd)
                self._fd = fd
                return
            os.close(fd)  # the file was removed by its previous holder: try the new one
        raise LockBusy(_busy_message(self.response_path, None))

    def release(self) -> None:
        """Give the claim up and remove the lock file (removed while still held)."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            if _same_file(self._fd, self.path):
                os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None

    def __enter__(self) -> ResponseLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, _REGION, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _write_owner(fd: int) -> None:
    text = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": utc_now()})
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, (text + "\n").encode("utf-8"))
    with contextlib.suppress(OSError):
        os.fsync(fd)


def _read_owner(fd: int) -> LockOwner | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        pid = data.get("pid")
        return LockOwner(
            pid if isinstance(pid, int) else None,
            str(data.get("host", "?")),
            str(data.get("since", "?")),
        )
    except (OSError, ValueError, AttributeError):
        return None


def _busy_message(response_path: Path, owner: LockOwner | None) -> str:
    if owner is None:
        return t("fill.locked_unknown", path=str(response_path))
    return t(
        "fill.locked",
        path=str(response_path),
        pid=owner.pid or "?",
        host=owner.host,
        since=owner.since,
    )
