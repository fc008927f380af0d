"""The one writer of every file factsheet keeps: atomic, and a no-op when the file holds the content.

The content goes to a temporary file beside the target, then os.replace puts it in place, so a reader
(or a build killed half-way) sees the old file or the new one, never a part. An unchanged file is not
touched: it keeps its mtime, so `mkdocs serve` does not rebuild for nothing. A new file gets the mode
the umask gives (0644 under the usual 022); a replaced file keeps the mode it had. A write that fails
(a full disk, a read-only folder, a folder where the file goes) leaves the old file as it was and
raises WriteError, whose message names the file and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from generator.errors import WriteError


def write_atomic(path: Path, content: str | bytes, *, durable: bool = False) -> bool:
    """Write content (text as UTF-8) to path atomically; return False when the file already held it.

    `durable` flushes the file to the disk before it replaces the old one (the committed fact files)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else _new_file_mode()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        _write(fd, data, durable)
        os.chmod(tmp, mode)  # mkstemp makes the file private (0600)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from exc
        raise
    return True


def _write(fd: int, data: bytes, durable: bool) -> None:
    """Write data to the open temporary file and close it (flushed to the disk when durable)."""
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        if durable:
            out.flush()
            os.fsync(out.fileno())


_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_DENIED = (errno.EACCES, errno.EPERM)


def write_error(path: Path, exc: OSError) -> WriteError:
    """The WriteError of a failed write of path: what went wrong and what to do, in the user's words."""
    again = "then build again (the file that was there is as it was)"
    if exc.errno in _FULL:
        return WriteError(f"{path}: cannot write it: the disk is full; free some space, {again}")
    if exc.errno in _DENIED:
        return WriteError(
            f"{path}: cannot write it: permission denied in {path.parent}; make that folder and its "
            f"files writable (chmod -R u+w) or build as their owner, {again}"
        )
    if exc.errno == errno.EROFS:
        return WriteError(
            f"{path}: cannot write it: the file system is read-only; build a writable copy of the project"
        )
    if path.is_dir():
        return WriteError(
            f"{path}: is a folder, where factsheet writes a file; move the folder away, then build again"
        )
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return WriteError(
            f"{blocker}: is a file, where factsheet needs a folder (to write {path}); move the file away, "
            "then build again"
        )
    reason = (exc.strerror or str(exc)).lower()
    return WriteError(f"{path}: cannot write it ({reason}); check the disk and that folder, {again}")


def _new_file_mode() -> int:
    """The mode open() would give a new file: 0666 less the process's umask."""
    umask = os.umask(0)  # reading the umask means setting it; it is put back at once
    os.umask(umask)
    return 0o666 & ~umask
