"""Writing files so that a reader never sees half of one: temporary file, fsync, rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError
from .i18n import t


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Replace `path` with `data` atomically (same-folder temporary file, fsync, os.replace)."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        key = "output.not_folder" if folder.exists() else "output.no_folder"
        raise OutputError(t(key, path=str(target), folder=str(folder)))
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        raise output_error(target, exc) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def output_error(path: str | Path, exc: OSError) -> OutputError:
    """The error to raise when `path` cannot be written for the reason `exc` gives."""
    reason = t("output.disk_full") if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    return OutputError(t("output.cannot_write", path=str(path), reason=reason))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
