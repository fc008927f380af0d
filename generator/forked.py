"""A pool of forked processes for the steps that map over stories or articles (reconciling, dumping
fact files, rendering): the tasks read what they work on through shared(), which a forked worker
inherits in memory (nothing is pickled on the way in; only the results travel back, pickled) and
which this process reads the same way when it does the tasks itself."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_SHARED: list = []  # what the open pool's tasks read (shared()): set before forking, cleared after


@contextmanager
def forked_pool(
    jobs: int, tasks: int, shared: Any = None, *, meanwhile: bool = False
) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of min(jobs, tasks) forked processes, or None (do the tasks in this process): no task, one
    task (unless this process has work of its own `meanwhile`, so a single task goes to a worker), one
    job, or a platform that cannot fork. While it is open, shared() is `shared`."""
    outer = list(_SHARED)  # a pool opened by a task of another pool gives the outer one back after
    _SHARED[:] = [shared]
    try:
        if (
            jobs < 2
            or tasks < (1 if meanwhile else 2)
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            yield None
        else:
            with ProcessPoolExecutor(
                max_workers=min(jobs, tasks), mp_context=multiprocessing.get_context("fork")
            ) as pool:
                yield pool
    finally:
        _SHARED[:] = outer


def shared() -> Any:
    """What the tasks of the open pool work on (forked_pool's `shared`), in a worker or in this process."""
    return _SHARED[0]
