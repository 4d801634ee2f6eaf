"""Throughput of tidings against bare spaCy on the same real news articles.

    python bench/bench.py --n 300 --processes 1
    python bench/bench.py --n 300 --processes 2 --corpus general --prefilter both
    python bench/bench.py --n 120 --processes 2 --long
    python bench/bench.py --n 300 --processes 2 --engine dask

Reads real articles from the gold-data folder (``../shared/eval``; read in place, never copied; see
bench/corpus.py): ``--corpus conflict`` (GVDB dev and GeoWebNews texts, the default) or
``--corpus general`` (ECB+ sport, business, film, technology and politics topics and GeoVirus
disease news, with one conflict article in five); ``--long`` joins consecutive articles into ones
of about 700 words or more. It measures, each in a fresh process so that peak memory is its own:

(a) bare spaCy: ``nlp.pipe`` with the same model and ``n_process``;
(b) tidings end to end: ``Pipeline.process_many`` (entity rules, every extractor, the result
    models), with the general-news pre-filter off, on, or both (``--prefilter``); with
    ``--processes`` > 1 the articles go in batches to that many worker processes, each with its own
    ``Pipeline``, as spaCy's ``n_process`` does for (a); with ``--engine dask`` the batches go
    through ``tidings.batch.process_chunk`` on a Dask ``LocalCluster`` of that many single-thread
    worker processes (what ``tidings run --engine dask`` does).

Model loading in the measuring process is timed apart and not counted in the throughput; with
``--processes`` > 1 (or Dask) the workers' start and model loading are counted, for both, as
spaCy's ``n_process`` gives no way to start its workers ahead. ``--warm`` measures the steady
state of a long run instead: for both, a pool of worker processes is started and has loaded the
model before the clock starts (bare spaCy then runs ``nlp.pipe`` in those workers, not
``n_process``), and neither sends its output back (spaCy's ``n_process`` pickles every Doc back to
the parent; tidings' bench workers return counts). Scaling from 1 to N processes is best read from
two ``--warm`` runs, where loading is outside the measure for 1 process and N alike. Prints a table and writes the
numbers to ``bench/results/bench-<time>.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from multiprocessing import active_children, get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

from corpus import read_corpus  # noqa: E402  (bench/ is not a package)


def _cpu_s() -> float:
    """CPU seconds used so far by this process and its finished children: unlike the wall clock,
    barely moved by other work on a shared machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def measure_bare(texts: list[str], model: str, processes: int, batch_size: int, warm: bool = False) -> dict:
    import spacy

    started = time.perf_counter()
    if warm and processes > 1:
        run = _measure_warm(texts, processes, batch_size, _init_bare_worker, (model,), _bare_chunk, started)
        run["articles"] = run.pop("total")
        return run
    nlp = spacy.load(model)
    loaded = time.perf_counter()
    cpu = _cpu_s()
    docs = sum(1 for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    done = time.perf_counter()
    for child in active_children():  # reap spaCy's workers, so their CPU time is counted
        child.join(timeout=10)
    own, children = _peak_rss_mb()
    return {"load_s": loaded - started, "run_s": done - loaded, "cpu_s": _cpu_s() - cpu, "articles": docs,
            "peak_rss_mb": own, "worker_peak_rss_mb": children}


_WORKER_PIPELINE = None
_WORKER_NLP = None


def _init_bare_worker(model: str) -> None:
    global _WORKER_NLP
    import spacy

    _WORKER_NLP = spacy.load(model)


def _bare_chunk(chunk: list[str]) -> int:
    return sum(1 for _ in _WORKER_NLP.pipe(chunk, batch_size=len(chunk)))


def _pid(_: int) -> int:
    return os.getpid()


def _ready(initializer, initargs: tuple, barrier) -> None:
    initializer(*initargs)
    barrier.wait(timeout=300)  # every worker has loaded before any takes work


def _warm_pool(processes: int, initializer, initargs: tuple) -> ProcessPoolExecutor:
    """A pool whose every worker has started and run ``initializer`` (loaded the model). The
    workers' CPU time, loading included, still counts in ``cpu_s``: a child's CPU is only
    reported once it exits."""
    context = get_context("fork")
    pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_ready,
                               initargs=(initializer, initargs, context.Barrier(processes)))
    # Each submission with no idle worker starts one; the barrier holds them all until the last
    # has loaded, so these return only when the pool is warm.
    list(pool.map(_pid, range(processes)))
    return pool


def _measure_warm(items: list, processes: int, batch_size: int, initializer, initargs: tuple, work,
                  started: float) -> dict:
    """``work`` over ``items`` in batches on a warm pool; ``total``: the sum of what it returns."""
    chunks = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    with _warm_pool(processes, initializer, initargs) as pool:
        loaded = time.perf_counter()
        cpu = _cpu_s()
        total = sum(pool.map(work, chunks))
        done = time.perf_counter()
    own, children = _peak_rss_mb()
    return {"load_s": loaded - started, "run_s": done - loaded, "cpu_s": _cpu_s() - cpu,
            "total": total, "peak_rss_mb": own, "worker_peak_rss_mb": children}


def _init_worker(model: str, prefilter: bool) -> None:
    global _WORKER_PIPELINE
    from tidings.annotate import load_nlp
    from tidings.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(nlp=load_nlp(model, prefilter=prefilter))


def _process_chunk(chunk: list) -> int:
    return sum(len(r.events) for r in _WORKER_PIPELINE.process_many(chunk))


def _articles(texts: list[str]) -> list:
    from tidings.ingest import article_from_text

    # as `tidings run` reads them: datelines and publication dates found by ingest
    return [article_from_text(t, f"bench:{i}") for i, t in enumerate(texts)]


def measure_tidings(texts: list[str], model: str, processes: int, batch_size: int,
                    prefilter: bool, warm: bool = False) -> dict:
    from tidings.annotate import load_nlp
    from tidings.pipeline import Pipeline

    articles = _articles(texts)
    started = time.perf_counter()
    if warm and processes > 1:
        run = _measure_warm(articles, processes, batch_size, _init_worker, (model, prefilter),
                            _process_chunk, started)
        run["events"], run["articles"] = run.pop("total"), len(articles)
        return run
    if processes == 1:
        pipeline = Pipeline(nlp=load_nlp(model, prefilter=prefilter))
        loaded = time.perf_counter()
        cpu = _cpu_s()
        events = sum(len(r.events) for r in pipeline.process_many(articles, batch_size=batch_size))
    else:
        # As spaCy's n_process does in (a), workers start and load the model inside the timed run.
        chunks = [articles[i:i + batch_size] for i in range(0, len(articles), batch_size)]
        loaded = time.perf_counter()
        cpu = _cpu_s()
        with ProcessPoolExecutor(processes, mp_context=get_context("fork"),
                                 initializer=_init_worker, initargs=(model, prefilter)) as pool:
            events = sum(pool.map(_process_chunk, chunks))
    done = time.perf_counter()
    own, children = _peak_rss_mb()
    return {"load_s": loaded - started, "run_s": done - loaded, "cpu_s": _cpu_s() - cpu,
            "articles": len(articles), "events": events, "peak_rss_mb": own, "worker_peak_rss_mb": children}


def _worker_usage() -> tuple[float, float]:
    """A Dask worker's peak resident memory (MiB) and CPU seconds so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure_dask(texts: list[str], model: str, processes: int, batch_size: int, prefilter: bool) -> dict:
    """The same batches through ``tidings.batch.process_chunk`` on a Dask LocalCluster (one thread
    per worker process), submitted as ``tidings run --engine dask`` does, results gathered here."""
    from distributed import Client, LocalCluster

    from tidings.batch import process_chunk

    os.environ["TIDINGS_PREFILTER"] = "on" if prefilter else "off"  # the workers inherit it
    articles = _articles(texts)
    chunks = [articles[i:i + batch_size] for i in range(0, len(articles), batch_size)]
    started = time.perf_counter()
    cpu = _cpu_s()
    cluster = LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1")
    client = Client(cluster)
    cluster_up = time.perf_counter()
    try:
        futures = [client.submit(process_chunk, chunk, model, pure=False) for chunk in chunks]
        events = sum(len(r.events) for future in futures for r in future.result())
        done = time.perf_counter()
        usage = client.run(_worker_usage)
        # this process, plus the workers as they report it (they are not reaped children yet)
        cpu_used = _cpu_s() - cpu + sum(cpu_s for _, cpu_s in usage.values())
    finally:
        client.close()
        cluster.close()
    own, _ = _peak_rss_mb()
    return {"load_s": 0.0, "cluster_start_s": cluster_up - started, "run_s": done - started,
            "cpu_s": cpu_used,
            "articles": len(articles), "events": events, "peak_rss_mb": own,
            "worker_peak_rss_mb": max(rss for rss, _ in usage.values()),
            "workers_rss_mb": sorted(rss for rss, _ in usage.values())}


def measure_stages(texts: list[str], model: str, batch_size: int, prefilter: bool) -> dict:
    """Seconds per stage in one process: annotate (spaCy with tidings' rules), each extractor,
    building the result, and storing it in a SQLite file."""
    import tempfile

    from tidings.annotate import load_nlp, make_doc
    from tidings.pipeline import extract_all
    from tidings.store import Store

    nlp = load_nlp(model, prefilter=prefilter)
    articles = _articles(texts)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    docs = list(nlp.pipe((make_doc(nlp, a.text, (a.dateline.start, a.dateline.end) if a.dateline else None)
                          for a in articles), batch_size=batch_size))
    timings["annotate"] = time.perf_counter() - started
    results = [extract_all(doc, article, timings) for doc, article in zip(docs, articles)]
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(str(Path(tmp) / "bench.db")) as store:
            started = time.perf_counter()
            for result in results:
                store.add_result(result)
            timings["store"] = time.perf_counter() - started
    return timings


def run_isolated(function, *args) -> dict:
    """Run a measurement in a fresh process, so its peak memory is its own."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="articles to read")
    parser.add_argument("--processes", type=int, default=1, help="processes (spaCy n_process, tidings workers)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per batch (per task)")
    parser.add_argument("--corpus", choices=["conflict", "general"], default="conflict",
                        help="conflict: GVDB + GeoWebNews; general: ECB+ general topics + GeoVirus + 1 in 5 conflict")
    parser.add_argument("--long", action="store_true", help="join consecutive articles into ones of ~700 words")
    parser.add_argument("--prefilter", choices=["off", "on", "both"], default="off",
                        help="tidings with the general-news pre-filter off, on, or one run of each")
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="tidings' workers: local processes, or a Dask LocalCluster")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of runs; each configuration's fastest is reported (a shared machine is noisy)")
    parser.add_argument("--warm", action="store_true",
                        help="steady state: with --processes > 1, start the workers and load the model "
                             "before timing, for spaCy and tidings alike")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage cost run")
    parser.add_argument("--eval-root", type=Path, default=None,
                        help="gold-data folder (default: tidings' ../shared/eval lookup)")
    parser.add_argument("--model", default=None, help="spaCy model (default: tidings' setting)")
    args = parser.parse_args(argv)

    from tidings.config import settings
    from tidings.eval import default_eval_root

    model = args.model or settings().model
    texts = read_corpus(args.eval_root or default_eval_root(), args.corpus, args.n, long=args.long)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} {args.corpus} articles ({words / len(texts):.0f} words each), model {model}, "
          f"{args.processes} process(es), engine {args.engine}{', warm workers' if args.warm else ''}",
          file=sys.stderr)

    measure = measure_dask if args.engine == "dask" else measure_tidings
    filters = {"off": [False], "on": [True], "both": [False, True]}[args.prefilter]
    runs: dict[str, dict] = {}
    for _ in range(args.repeat):  # rounds interleave the runs, so a busy spell hits all alike
        round_runs = {"spacy": run_isolated(measure_bare, texts, model, args.processes, args.batch_size,
                                            args.warm)}
        for prefilter in filters:
            name = "tidings+pf" if prefilter else "tidings"
            extra = (args.warm,) if args.engine == "local" else ()
            round_runs[name] = run_isolated(measure, texts, model, args.processes, args.batch_size,
                                            prefilter, *extra)
        for name, run in round_runs.items():
            if name not in runs or run["run_s"] < runs[name]["run_s"]:
                runs[name] = run
    for run in runs.values():
        run["articles_per_s"] = run["articles"] / run["run_s"]
        run["words_per_s"] = words / run["run_s"]
    ratios = {name: run["words_per_s"] / runs["spacy"]["words_per_s"]
              for name, run in runs.items() if name != "spacy"}
    cpu_ratios = {name: runs["spacy"]["cpu_s"] / run["cpu_s"] for name, run in runs.items() if name != "spacy"}

    print(f"{'':10} {'articles/s':>10} {'words/s':>9} {'run s':>7} {'load s':>7} {'peak MiB':>9} "
          f"{'worker MiB':>10} {'/ spaCy':>7} {'CPU s':>7} {'spaCy CPU /':>11}")
    for name, run in runs.items():
        print(f"{name:10} {run['articles_per_s']:10.1f} {run['words_per_s']:9.0f} {run['run_s']:7.1f} "
              f"{run['load_s']:7.1f} {run['peak_rss_mb']:9.0f} {run['worker_peak_rss_mb']:10.0f} "
              f"{ratios.get(name, 1.0):7.2f} {run['cpu_s']:7.1f} {cpu_ratios.get(name, 1.0):11.2f}")
    stages = {}
    if not args.no_stages:
        stages = run_isolated(measure_stages, texts, model, args.batch_size, filters[-1])
        total = sum(stages.values())
        print(f"stage cost (1 process, pre-filter {'on' if filters[-1] else 'off'}): " + ", ".join(
            f"{name} {100 * seconds / total:.1f}%" for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1])))

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({
        "articles": len(texts), "words": words, "corpus": args.corpus, "long": args.long,
        "model": model, "processes": args.processes, "engine": args.engine, "warm": args.warm,
        "batch_size": args.batch_size, "repeat": args.repeat, "python": platform.python_version(),
        "machine": platform.machine(), "cpus": os.cpu_count(), "runs": runs, "ratios": ratios, "cpu_ratios": cpu_ratios,
        "stages_s": stages,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(HERE.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
