"""A pool of forked processes for the steps that map over stories (reconciling, rendering): a forked
worker finds what the parent holds (the facts, the views) in memory, nothing is pickled on the way in.
Only the results travel back, pickled."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def forked_pool(jobs: int, tasks: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of min(jobs, tasks) forked processes, or None (do the tasks in this process): one task,
    one job, or a platform that cannot fork."""
    if jobs < 2 or tasks < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=context) as pool:
        yield pool
