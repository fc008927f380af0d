"""The build lock: one build of a project at a time (a second build, a `factsheet serve` rebuild or an
MkDocs plugin regeneration waits for the first), since builds share the staging paths beside docs/ and
site/ and the change log."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.store.atomic import write_error

try:
    import fcntl
except ImportError:  # not on Windows: builds there are not serialised
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = Path(".factsheet-cache") / "build.lock"


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock for the block, waiting (and saying so) while another build has it.

    The lock is the kernel's (flock), so a build that is killed releases it at once: no stale lock."""
    if fcntl is None:
        yield
        return
    path = root / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise write_error(path, exc) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(f"waiting for the build already running in {root} ({holder}) to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield
