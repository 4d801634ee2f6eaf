"""Throughput of tidings against bare spaCy on the same real news articles.

    python bench/bench.py --n 300 --processes 1

Reads a few hundred real articles from the gold-data folder (``../shared/eval``: GVDB dev and
GeoWebNews texts; read in place, never copied) and measures, each in a fresh process so that peak
memory is its own:

(a) bare spaCy: ``nlp.pipe`` with the same model and ``n_process``;
(b) tidings end to end: ``Pipeline.process_many`` (entity rules, every extractor, the result models);
    with ``--processes`` > 1, the articles go in batches to that many worker processes, each with
    its own ``Pipeline``, as spaCy's ``n_process`` does for (a).

Model loading in the measuring process is timed apart and not counted in the throughput; with
``--processes`` > 1 the workers' start and model loading is counted, for both, as spaCy's
``n_process`` gives no way to start its workers ahead. Prints a table and writes the
numbers to ``bench/results/bench-<time>.json`` (git-ignored). The target (STYLE.md): tidings at
>= 70% of bare spaCy's words/s.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def read_articles(eval_root: Path, n: int) -> list[str]:
    """Up to ``n`` article texts: GVDB dev first, then GeoWebNews, in file order."""
    texts: list[str] = []
    gvdb = eval_root / "gvdb" / "dev.tsv"
    if gvdb.exists():
        csv.field_size_limit(sys.maxsize)
        with gvdb.open(encoding="utf-8", newline="") as fh:
            texts += [row["Full text"] for row in csv.DictReader(fh, delimiter="\t")
                      if row.get("Full text", "").strip()]
    gwn = eval_root / "geowebnews" / "data" / "GeoWebNews"
    if gwn.is_dir():
        paths = sorted(gwn.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
        texts += [p.read_text(encoding="utf-8") for p in paths]
    if not texts:
        raise SystemExit(f"no articles found under {eval_root} (gvdb/dev.tsv, geowebnews/data/GeoWebNews)")
    return texts[:n]


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def measure_bare(texts: list[str], model: str, processes: int, batch_size: int) -> dict:
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(model)
    loaded = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    done = time.perf_counter()
    own, children = _peak_rss_mb()
    return {"load_s": loaded - started, "run_s": done - loaded, "articles": docs,
            "peak_rss_mb": own, "worker_peak_rss_mb": children}


_WORKER_PIPELINE = None


def _init_worker(model: str) -> None:
    global _WORKER_PIPELINE
    from tidings.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(model)


def _process_chunk(chunk: list) -> int:
    return sum(len(r.events) for r in _WORKER_PIPELINE.process_many(chunk))


def measure_tidings(texts: list[str], model: str, processes: int, batch_size: int) -> dict:
    from tidings.models import Article, article_id_for
    from tidings.pipeline import Pipeline

    articles = [Article(id=article_id_for(t), text=t) for t in texts]
    started = time.perf_counter()
    if processes == 1:
        pipeline = Pipeline(model)
        loaded = time.perf_counter()
        events = sum(len(r.events) for r in pipeline.process_many(articles, batch_size=batch_size))
    else:
        # As spaCy's n_process does in (a), workers start and load the model inside the timed run.
        chunks = [articles[i:i + batch_size] for i in range(0, len(articles), batch_size)]
        loaded = time.perf_counter()
        with ProcessPoolExecutor(processes, mp_context=get_context("fork"),
                                 initializer=_init_worker, initargs=(model,)) as pool:
            events = sum(pool.map(_process_chunk, chunks))
    done = time.perf_counter()
    own, children = _peak_rss_mb()
    return {"load_s": loaded - started, "run_s": done - loaded, "articles": len(articles),
            "events": events, "peak_rss_mb": own, "worker_peak_rss_mb": children}


def measure_stages(texts: list[str], model: str, batch_size: int) -> dict:
    """Seconds per stage in one process: annotate (spaCy with tidings' rules), each extractor,
    building the result, and storing it in a SQLite file."""
    import tempfile

    from tidings.annotate import load_nlp, make_doc
    from tidings.ingest import article_from_text
    from tidings.pipeline import extract_all
    from tidings.store import Store

    nlp = load_nlp(model)
    articles = [article_from_text(t, f"bench:{i}") for i, t in enumerate(texts)]
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles to read (default 300)")
    parser.add_argument("--processes", type=int, default=1, help="processes (spaCy n_process)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--eval-root", type=Path, default=None,
                        help="gold-data folder (default: tidings' ../shared/eval lookup)")
    parser.add_argument("--model", default=None, help="spaCy model (default: tidings' setting)")
    args = parser.parse_args(argv)

    from tidings.config import settings
    from tidings.eval import default_eval_root

    model = args.model or settings().model
    texts = read_articles(args.eval_root or default_eval_root(), args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words, model {model}, {args.processes} process(es)",
          file=sys.stderr)

    runs = {
        "spacy": run_isolated(measure_bare, texts, model, args.processes, args.batch_size),
        "tidings": run_isolated(measure_tidings, texts, model, args.processes, args.batch_size),
    }
    for run in runs.values():
        run["articles_per_s"] = run["articles"] / run["run_s"]
        run["words_per_s"] = words / run["run_s"]
    ratio = runs["tidings"]["words_per_s"] / runs["spacy"]["words_per_s"]

    print(f"{'':8} {'articles/s':>10} {'words/s':>9} {'run s':>7} {'load s':>7} {'peak MiB':>9} {'worker MiB':>10}")
    for name, run in runs.items():
        print(f"{name:8} {run['articles_per_s']:10.1f} {run['words_per_s']:9.0f} {run['run_s']:7.1f} "
              f"{run['load_s']:7.1f} {run['peak_rss_mb']:9.0f} {run['worker_peak_rss_mb']:10.0f}")
    print(f"tidings / spaCy throughput: {ratio:.2f} (target >= 0.70)")
    stages = run_isolated(measure_stages, texts, model, args.batch_size)
    total = sum(stages.values())
    print("stage cost (1 process): " + ", ".join(
        f"{name} {100 * seconds / total:.1f}%" for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1])))

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({
        "articles": len(texts), "words": words, "model": model, "processes": args.processes,
        "batch_size": args.batch_size, "python": platform.python_version(),
        "machine": platform.machine(), "runs": runs, "ratio": ratio, "stages_s": stages,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(HERE.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
