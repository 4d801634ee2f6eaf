"""Many articles, many processes, many machines: ``tidings run``.

Articles stream from the inputs (JSONL, directories, feeds, WARC archives; never loaded whole), are
processed in chunks by local worker processes or a Dask cluster, and come back to one writer that
stores each article in its own transaction. A restarted run skips the articles already stored, so a
crash loses at most the chunks in flight, and those are simply done again: nothing is lost and
nothing stored twice (the store is idempotent on article ids).

Each worker loads the pipeline once (``_worker_pipeline``), not once per chunk.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from .errors import require
from .models import Article, ArticleResult

_PIPELINE = None  # one per worker process, built on first use


@dataclass
class RunStats:
    """What a run did: read, skipped as already stored, stored now, failed (stored with errors)."""

    read: int = 0
    skipped: int = 0
    stored: int = 0
    failed: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)  # "origin: CODE message", the first 20


def _worker_pipeline(model: str | None):
    global _PIPELINE
    if _PIPELINE is None:
        from .pipeline import Pipeline

        _PIPELINE = Pipeline(model=model)
    return _PIPELINE


def process_chunk(chunk: list[Article], model: str | None = None) -> list[ArticleResult]:
    """Process one chunk in this process with its (cached) pipeline. Runs in workers."""
    return list(_worker_pipeline(model).process_many(chunk))


def process_items(items: Iterable[Article | ArticleResult], pipeline: Callable[[], object],
                  batch_size: int = 64) -> Iterator[ArticleResult]:
    """Results in input order for a stream of articles and already-made results (result lines of
    ``tidings dump`` read back by ``read_inputs(..., results=True)``): articles go through
    ``pipeline()`` (built on first need, so a re-import of a dump loads no model), results pass as
    they are."""
    pending: list[Article] = []
    for item in items:
        if isinstance(item, ArticleResult):
            if pending:
                yield from pipeline().process_many(pending)
                pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from pipeline().process_many(pending)
            pending = []
    if pending:
        yield from pipeline().process_many(pending)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _unstored(articles: Iterable[Article], store, stats: RunStats) -> Iterator[Article]:
    """The articles not yet in the store (resume), counting the others as skipped. An id seen twice
    in the same run is processed once."""
    seen: set[str] = set()
    for article in articles:
        stats.read += 1
        if article.id in seen or store.has_article(article.id):
            stats.skipped += 1
            continue
        seen.add(article.id)
        yield article


def _bounded(submit: Callable[[list[Article]], object], collect: Callable[[object], list[ArticleResult]],
             chunks: Iterator[list[Article]], in_flight: int) -> Iterator[list[ArticleResult]]:
    """Results of chunks in submission order, with at most ``in_flight`` chunks pending, so a huge
    input never piles up in memory ahead of the workers."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield collect(pending.popleft())
    while pending:
        yield collect(pending.popleft())


def run(inputs: list[str], db: str, *, workers: int = 1, engine: str = "local", scheduler: str | None = None,
        published: date | None = None, max_bytes: int | None = None, chunk_size: int = 16,
        model: str | None = None, on_result: Callable[[ArticleResult], None] | None = None) -> RunStats:
    """Process ``inputs`` into the store at ``db``; returns what was done.

    ``engine="local"`` uses ``workers`` processes on this machine (1 = in this process);
    ``engine="dask"`` sends chunks to the Dask scheduler at ``scheduler`` (``tcp://HOST:PORT``), or
    to a ``LocalCluster`` of ``workers`` processes when none is given.
    """
    from .errors import UsageError
    from .ingest import read_inputs
    from .store import Store

    if workers < 1:
        raise UsageError("--workers must be at least 1")
    if engine not in {"local", "dask"}:
        raise UsageError(f"unknown engine {engine!r}; choose local or dask")
    if engine == "dask":
        require("distributed", "dask", "--engine dask")  # say so before any input is read
    stats = RunStats()
    articles = read_inputs(inputs, published=published, max_bytes=max_bytes)
    with _open_store(Store, db) as store:
        chunks = _chunks(_unstored(articles, store, stats), chunk_size)
        for results in _results(chunks, engine, workers, scheduler, model):
            for result in results:
                stats.stored += bool(store.add_result(result))
                stats.events += len(result.events)
                if result.errors:
                    stats.failed += 1
                    if len(stats.failures) < 20:
                        first = result.errors[0]
                        stats.failures.append(f"{result.article.origin or result.article.id}: "
                                              f"{first.code} {first.message}")
                if on_result is not None:
                    on_result(result)
    return stats


# Two runs started at once on an empty database both find no schema and both create it; the second
# fails (PostgreSQL: a unique violation on the catalog, SQLite: busy snapshot). By then the first has
# committed the schema, so opening again finds it current. (Found by the two-writers test on
# PostgreSQL; the store now serialises migrations there with an advisory lock, and this retry
# remains for SQLite.)
OPEN_ATTEMPTS = 3


def _open_store(store_class, db: str):
    from sqlalchemy.exc import DBAPIError

    for attempt in range(1, OPEN_ATTEMPTS):
        try:
            return store_class.open(db)
        except DBAPIError:  # the other run's schema is being committed: wait, then look again
            time.sleep(0.5 * attempt)
    return store_class.open(db)  # the last attempt's error, if any, is the one reported


def _results(chunks: Iterator[list[Article]], engine: str, workers: int, scheduler: str | None,
             model: str | None) -> Iterator[list[ArticleResult]]:
    if engine == "dask":
        yield from _dask_results(chunks, workers, scheduler, model)
    elif workers == 1:
        pipeline = _worker_pipeline(model)
        for chunk in chunks:
            yield list(pipeline.process_many(chunk))
    else:
        import multiprocessing

        # fork shares the parent's loaded code; each worker still builds its own pipeline once
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with context.Pool(workers, initializer=_worker_pipeline, initargs=(model,)) as pool:
            yield from _bounded(lambda c: pool.apply_async(process_chunk, (c, model)),
                                lambda r: r.get(), chunks, in_flight=2 * workers)


def _dask_results(chunks: Iterator[list[Article]], workers: int, scheduler: str | None,
                  model: str | None) -> Iterator[list[ArticleResult]]:
    distributed = require("distributed", "dask", "--engine dask")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        n = max(workers, len(client.scheduler_info().get("workers", {})) or 1)
        yield from _bounded(lambda c: client.submit(process_chunk, c, model, pure=False),
                            lambda f: f.result(), chunks, in_flight=2 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
