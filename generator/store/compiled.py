"""Compiled Jinja templates kept between builds: the generator's page templates and the MkDocs theme's
are compiled once, not in every build (a one-article rebuild spent about a tenth of its time compiling).

jinja2.FileSystemBytecodeCache keys each template by its name and file, and checks its source's hash and
the Jinja and Python versions before using the code, so a changed template or upgrade compiles afresh.
The cache is a convenience: a folder that cannot be made, read or written leaves every template to be
compiled as it would be without it, and never fails a build.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

COMPILED_ENV = "FACTSHEET_COMPILED"  # the folder, set by publish/build.py for the MkDocs runs it starts


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """A FileSystemBytecodeCache in `folder` that ignores a folder or file it cannot use."""

    def __init__(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(folder), "%s.jinja")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):  # unreadable or truncated: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only or full disk: the next build compiles again
            pass


def keep_compiled(env: jinja2.Environment, folder: Path | None) -> None:
    """Let env keep the code of the templates it compiles in folder (None: no cache)."""
    env.bytecode_cache = CompiledTemplates(folder) if folder is not None else None
