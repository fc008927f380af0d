"""The one writer of every file factsheet keeps: atomic, and a no-op when the file holds the content.

The content goes to a temporary file beside the target, then os.replace puts it in place, so a reader
(or a build killed half-way) sees the old file or the new one, never a part. An unchanged file is not
touched: it keeps its mtime, so `mkdocs serve` does not rebuild for nothing. A new file gets the mode
the umask gives (0644 under the usual 022); a replaced file keeps the mode it had.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: str | bytes, *, durable: bool = False) -> bool:
    """Write content (text as UTF-8) to path atomically; return False when the file already held it.

    `durable` flushes the file to the disk before it replaces the old one (the committed fact files)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(tmp, mode)  # mkstemp makes the file private (0600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _new_file_mode() -> int:
    """The mode open() would give a new file: 0666 less the process's umask."""
    umask = os.umask(0)  # reading the umask means setting it; it is put back at once
    os.umask(umask)
    return 0o666 & ~umask
