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
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice

from .config import Settings, settings, use
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
    skipped_files: list = field(default_factory=list)  # files in input directories not read (a PDF)


def _worker_pipeline(model: str | None, max_length: int | None = None, current: Settings | None = None):
    """This process's pipeline; ``max_length`` (the run's size cap) is sent with every chunk, so a
    worker on another machine parses what the reader let through, whatever its own settings.
    ``current``: the run's settings (the pre-filter, the time budget), installed in this process
    before its pipeline is built; they travel with the work, not through the environment."""
    global _PIPELINE
    if current is not None and current != settings():
        use(current)
        _PIPELINE = None  # built with other settings
    if _PIPELINE is None:
        from .pipeline import Pipeline

        _PIPELINE = Pipeline(model=model)
    if max_length is not None:
        _PIPELINE.max_length = max_length
    return _PIPELINE


def process_chunk(chunk: list[Article], model: str | None = None,
                  max_length: int | None = None, current: Settings | None = None) -> list[ArticleResult]:
    """Process one chunk in this process with its (cached) pipeline. Runs in workers."""
    return list(_worker_pipeline(model, max_length, current).process_many(chunk))


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
    limit = settings().max_bytes if max_bytes is None else max_bytes
    articles = read_inputs(inputs, published=published, max_bytes=limit, skipped=stats.skipped_files)
    with _open_store(Store, db) as store:
        chunks = _chunks(_unstored(articles, store, stats), chunk_size)
        for results in _results(chunks, engine, workers, scheduler, model, limit):
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
             model: str | None, max_length: int) -> Iterator[list[ArticleResult]]:
    current = settings()
    if engine == "dask":
        yield from _dask_results(chunks, workers, scheduler, model, max_length)
    elif workers == 1:
        pipeline = _worker_pipeline(model, max_length)
        for chunk in chunks:
            yield list(pipeline.process_many(chunk))
    else:
        import multiprocessing

        # fork shares the parent's loaded code; each worker still builds its own pipeline once
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with context.Pool(workers, initializer=_worker_pipeline, initargs=(model, None, current)) as pool:
            yield from _bounded(lambda c: pool.apply_async(process_chunk, (c, model, max_length, current)),
                                lambda r: r.get(), chunks, in_flight=2 * workers)


def _dask_results(chunks: Iterator[list[Article]], workers: int, scheduler: str | None,
                  model: str | None, max_length: int) -> Iterator[list[ArticleResult]]:
    # The run's settings go with every chunk; a worker on another machine keeps its own cache folder
    # and no write token travels.
    current = replace(settings(), api_token=None)
    if scheduler is not None:
        current = replace(current, cache_dir=None)
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
        yield from _bounded(lambda c: client.submit(process_chunk, c, model, max_length, current, pure=False),
                            lambda f: f.result(), chunks, in_flight=2 * n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass
class ReprocessStats:
    """What a reprocess did: articles selected, already current (skipped), re-extracted, of those
    with errors, those with no stored text to extract from (stored with an ingest error)."""

    selected: int = 0
    current: int = 0
    done: int = 0
    failed: int = 0
    no_text: int = 0
    events: int = 0
    producer: str = ""


def reprocess(db: str, *, article_ids: list[str] | None = None, published: date | None = None,
              model: str | None = None, on_start: Callable[[int], None] | None = None,
              on_result: Callable[[ArticleResult], None] | None = None) -> ReprocessStats:
    """Re-extract stored articles from their stored text with this tidings and model, each
    replaced in its own transaction (``Store.replace_result``: hand-made decisions kept).

    An article is out of date when another tidings version or model produced it (or an unknown
    one: stored before that was recorded), or, with ``published``, when it has no publication
    date: ``published`` is then its date, as ``--published`` is for ``extract``. Articles that are
    not out of date are skipped, so an interrupted run resumes where it stopped. ``on_start``
    gets the number of articles to do; ``on_result`` each new result."""
    from .ingest import article_from_text
    from .pipeline import Pipeline
    from .store import Store

    stats = ReprocessStats()
    with Store.open(db, create=False) as store:
        selected = store.producers(article_ids)
        pipeline = Pipeline(model=model)
        current = pipeline.producer
        stats.producer = f"tidings {current.tidings}, model {current.model}"
        todo = [article_id for article_id, version, used, when in selected
                if (version, used) != (current.tidings, current.model) or (published and when is None)]
        stats.selected, stats.current = len(selected), len(selected) - len(todo)
        if on_start is not None:
            on_start(len(todo))

        def articles() -> Iterator[Article]:
            for article_id in todo:
                stored = store.article(article_id)
                if stored is None:  # removed since the selection: nothing to redo
                    continue
                meta = stored.article
                if not meta.text:  # an ingest failure (empty, binary, too large): no text kept
                    stats.no_text += 1
                    continue
                fields = {"id": meta.id, "published": meta.published, "title": meta.title,
                          "url": meta.url, "source": meta.source, "language": meta.language}
                yield article_from_text(meta.text, meta.origin or meta.id, published=published,
                                        fields={k: v for k, v in fields.items() if v is not None})

        for result in pipeline.process_many(articles()):
            store.replace_result(result)
            stats.done += 1
            stats.failed += bool(result.errors)
            stats.events += len(result.events)
            if on_result is not None:
                on_result(result)
    return stats
