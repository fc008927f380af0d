"""Page times, for the benchmarks (FACTSHEET_PAGE_TIMES): how long MkDocs spent on each page, and how
much of it the garbage collector took.

A collection pauses the page that happens to be converted when it runs: on the archive's pages, every
page over 100 ms was such a pause (115-150 ms each, about 5 % of all page time), whatever its size.
Recording the collector's share beside each page's time tells a heavy page from a paused one.
"""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path


class PageClock:
    """Wall and collector seconds per page; a page's time is the sum of its timed spans. It listens to
    the collector from its making until `close`."""

    def __init__(self) -> None:
        self.pages: dict[str, float] = {}
        self.collector: dict[str, float] = {}
        self._start = 0.0
        self._paused = 0.0  # collector seconds since the span started
        self._gc_started = 0.0
        gc.callbacks.append(self._on_collect)

    def close(self) -> None:
        """Stop listening to the collector (a `mkdocs serve` process builds again and again)."""
        if self._on_collect in gc.callbacks:
            gc.callbacks.remove(self._on_collect)

    def _on_collect(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self._paused += time.perf_counter() - self._gc_started

    def start(self) -> None:
        """A page's span starts."""
        self._start, self._paused = time.perf_counter(), 0.0

    def stop(self, page: str) -> None:
        """The span of `page` ends."""
        self.pages[page] = self.pages.get(page, 0.0) + time.perf_counter() - self._start
        self.collector[page] = self.collector.get(page, 0.0) + self._paused

    def write(self, folder: Path, site_dir: str) -> Path:
        """Write the times to folder/<site folder name>-<pid>.json; return its path."""
        out = folder / f"{Path(site_dir).name}-{os.getpid()}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {"site_dir": site_dir, "pages": self.pages, "collector": self.collector}
        out.write_text(json.dumps(data), encoding="utf-8")
        return out
