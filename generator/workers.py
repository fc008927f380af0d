"""Run extraction as a map over articles: in this process, in local worker processes, or on a
Dask distributed cluster. Every way gives the same facts in the same order.

The unit of work is a batch of articles (a few hundred kilobytes of text): large enough that a
worker keeps its loaded model busy, small enough that progress moves.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from generator.errors import ExtractError, ExtractionFailed
from generator.progress import progress as progress_bar

if TYPE_CHECKING:  # light to import: preload.py reads BATCH_CHARS before the generator's heavy imports
    from generator.models import Article, ArticleFacts

BATCH_CHARS = 200_000


def batches(articles: list[Article], size: int | None = None) -> list[list[Article]]:
    """The articles in order, cut into batches of about `size` (default BATCH_CHARS) characters."""
    size = size or BATCH_CHARS
    out: list[list[Article]] = [[]]
    total = 0
    for article in articles:
        if out[-1] and total + len(article.text) > size:
            out.append([])
            total = 0
        out[-1].append(article)
        total += len(article.text)
    return [b for b in out if b]


def extract_batch(articles: list[Article]) -> list[ArticleFacts]:
    """Facts of a batch, with the model this process loaded once (the task a worker runs)."""
    from generator.extract import extract_articles

    return extract_articles(articles)


def in_local_processes(articles: list[Article], jobs: int = 1, dask: str | None = None) -> bool:
    """Whether extract_all gives these articles to local worker processes (which then take every core)."""
    return not dask and jobs > 1 and len(batches(articles)) > 1


def extract_all(
    articles: list[Article], jobs: int = 1, dask: str | None = None, progress: bool | None = None
) -> list[ArticleFacts]:
    """Facts of every article, in input order, extracted with `jobs` processes or on a Dask cluster.
    Articles the rules fail on are named all at once (ExtractionFailed), after every batch was tried."""
    parts = batches(articles)
    failed: list[str] = []
    with progress_bar(len(articles), progress, "extracting") as advance:
        if dask:
            results = _on_dask(parts, dask, advance, failed)
        elif in_local_processes(articles, jobs, dask):
            results = _in_processes(parts, jobs, advance, failed)
        else:
            results = [_done(partial(extract_batch, p), p, advance, failed) for p in parts]
    if failed:
        raise ExtractionFailed(sorted(failed))
    return [af for part in results for af in part]


def _done(
    get: Callable[[], list[ArticleFacts]], part: list[Article], advance: Callable[[int], None], failed: list
) -> list[ArticleFacts]:
    """A finished batch's facts, reported to the progress bar; [] when some of its articles failed, which
    are added to `failed`."""
    try:
        facts = get()
    except ExtractionFailed as exc:
        failed += exc.failed
        facts = []
    advance(len(part))
    return facts


def _in_processes(parts: list[list[Article]], jobs: int, advance, failed: list) -> list[list[ArticleFacts]]:
    """Batches extracted by local worker processes, each loading the model once."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(extract_batch, p) for p in parts]
        return [_done(f.result, p, advance, failed) for f, p in zip(futures, parts, strict=True)]


def _on_dask(parts: list[list[Article]], address: str, advance, failed: list) -> list[list[ArticleFacts]]:
    """Batches extracted on the Dask distributed cluster at address (tcp://host:port)."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ExtractError("--dask needs the optional extra: pip install 'factsheet[dask]'") from exc
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise ExtractError(
            f"cannot reach the Dask scheduler at {address}: {exc}; start it "
            "(`dask scheduler`) or check the address"
        ) from exc
    with client:
        futures = client.map(extract_batch, parts, pure=False)
        order = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(parts)
        for future in as_completed(futures):
            i = order[future.key]
            results[i] = _done(future.result, parts[i], advance, failed)
    return results
