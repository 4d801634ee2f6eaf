"""Merging at scale: ``dedup.cluster`` on synthetic reports, and incremental store ingest.

    python bench/merge_bench.py                        # 1,000,000 reports, then 20,000 into SQLite
    python bench/merge_bench.py --reports 100000 --store-reports 0
    python bench/merge_bench.py --reports 100000 --store-reports 0 --set merge_undated=false

Synthetic truth (seeded): real-world events with a family and type, a country (Zipf-distributed
over 150 countries, so a few countries hold most events, as in conflict data), a point in it, a
day in three years, one or two actors from the country's pool, a death toll for most violent
events, and words. Each event has 1-10 reports (geometric: most have one or two), each a noisy
copy: its date a day off (25%) or missing so that the publication date 0-2 days later stands in
(10%), its coordinates jittered by ~10 km or missing (25%; both place and country missing 5%),
its figure off by one (25%) or missing (30%), actors dropped (30% each), another trigger word
(40%; each trigger carries its synonym group from data/merge.yaml, as ``record_for`` gives it), another type of the family (10%), half of the words replaced. Each report's article names
some of its event's own names (each 60%: the victim, the village) and some of its country's
common names (the capital, the president: Zipf-drawn from 100), so that articles on one event
share about a third of their names and articles on two events of one country a tenth, as on the
ECB+ training topics.

Prints the time and peak resident memory (Linux ``ru_maxrss``) of each step, and the pairwise
precision and recall of the clusters against the synthetic truth. Targets (issue 6): 1,000,000
reports clustered in under 10 minutes and 4 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from tidings.models import (
    Actor, ArticleMeta, ArticleResult, Casualty, Event, EventDate, Place, Span,
)
from tidings.resolve.dedup import ReportRecord, cluster, load_config, resolve_config

FAMILY_SHARE = {"material_conflict": 0.55, "protest": 0.2, "verbal_conflict": 0.1,
                "verbal_cooperation": 0.1, "material_cooperation": 0.05}
TRIGGERS = {
    "material_conflict": ["strik", "attack", "kill", "clash", "bomb", "shell", "raid"],
    "protest": ["protest", "march", "rally", "demonstrat", "riot"],
    "verbal_conflict": ["accus", "threaten", "condemn", "reject", "warn"],
    "verbal_cooperation": ["agree", "meet", "talk", "call", "support"],
    "material_cooperation": ["aid", "deliver", "withdraw", "releas", "cooperat"],
}
START = date(2022, 1, 1).toordinal()
DAYS = 3 * 365
N_COUNTRIES = 150


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _letters(n: int) -> str:
    """A number written in letters ("a", "b", ... "ba"): the store reads names' words of letters."""
    out = chr(97 + n % 26)
    while n >= 26:
        n //= 26
        out = chr(97 + n % 26) + out
    return out


def synthetic(n_reports: int, seed: int) -> tuple[list[ReportRecord], dict[str, int]]:
    """About ``n_reports`` noisy reports and the true event of each report key."""
    rng = random.Random(seed)
    config = load_config()
    types = {}
    for t, fam in config.families.items():
        types.setdefault(fam, []).append(t)
    families = list(FAMILY_SHARE)
    weights = [FAMILY_SHARE[f] for f in families]
    countries = [f"C{n:03d}" for n in range(N_COUNTRIES)]
    zipf = [1 / (n + 1) for n in range(N_COUNTRIES)]
    centres = {c: (rng.uniform(-40, 60), rng.uniform(-100, 140)) for c in countries}
    actors = {c: [f"{c}-actor-{n}" for n in range(20)] for c in countries}
    # Letters only: the store rebuilds words from text, where digits are not words.
    vocabulary = ["w" + "".join(chr(97 + (n // 26 ** k) % 26) for k in range(3)) for n in range(3000)]
    # Names: 100 common ones per country, and words no other event shares (of letters only).
    common = {c: [f"n{_letters(int(c[1:]))}x{_letters(n)}" for n in range(100)] for c in countries}
    common_weights = [1 / (n + 1) for n in range(100)]
    sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    size_weights = [0.6 ** k for k in sizes]
    records: list[ReportRecord] = []
    truth: dict[str, int] = {}
    event = 0
    while len(records) < n_reports:
        event += 1
        family = rng.choices(families, weights)[0]
        etype = rng.choice(types[family])
        country = rng.choices(countries, zipf)[0]
        clat, clon = centres[country]
        lat, lon = clat + rng.uniform(-3, 3), clon + rng.uniform(-3, 3)
        day = START + rng.randrange(DAYS)
        source = rng.choice(actors[country])
        target = rng.choice(actors[country]) if rng.random() < 0.6 else None
        killed = (int(rng.paretovariate(1.2)) if family == "material_conflict" and rng.random() < 0.7
                  else None)
        trigger = rng.choice(TRIGGERS[family])
        words = rng.sample(vocabulary, 6)
        own_names = [f"u{_letters(event)}x{_letters(n)}" for n in range(4)] + rng.choices(common[country], common_weights, k=2)
        for n in range(rng.choices(sizes, size_weights)[0]):
            key = f"a-{event:08d}-{n}/e-{event:08d}{n}"
            truth[key] = event
            r_day = day + (rng.choice((-1, 1)) if rng.random() < 0.25 else 0)
            dated = rng.random() >= 0.1
            if dated:
                low = high = r_day
            else:
                high = day + rng.randrange(3)
                low = high - config.undated_lookback_days
            r_country: str | None = country
            r_lat: float | None = lat + rng.gauss(0, 0.09)
            r_lon: float | None = lon + rng.gauss(0, 0.09)
            roll = rng.random()
            if roll < 0.05:
                r_country = r_lat = r_lon = None
            elif roll < 0.25:
                r_lat = r_lon = None
            figures: tuple[tuple[str, int], ...] = ()
            if killed is not None and rng.random() >= 0.3:
                figures = (("killed", max(0, killed + (rng.choice((-1, 1)) if rng.random() < 0.25
                                                       else 0))),)
            r_trigger = rng.choice(TRIGGERS[family]) if rng.random() < 0.4 else trigger
            r_words = frozenset([r_trigger, *rng.sample(words, 3), *rng.sample(vocabulary, 3)])
            records.append(ReportRecord(
                key=key, type=rng.choice(types[family]) if rng.random() < 0.1 else etype,
                family=family, date_low=low, date_high=high, dated=dated, country=r_country,
                lat=r_lat, lon=r_lon,
                sources=frozenset([source] if rng.random() >= 0.3 else []),
                targets=frozenset([target] if target and rng.random() >= 0.3 else []),
                figures=figures, trigger=r_trigger, sense=config.synonyms.get(r_trigger, r_trigger),
                words=r_words,
                confidence=round(rng.uniform(0.3, 0.95), 2),
                context=frozenset([n for n in own_names if rng.random() < 0.6]
                                  + rng.choices(common[country], common_weights, k=6)),
            ))
    return records, truth


def pairwise(clusters: list[list[str]], truth: dict[str, int]) -> tuple[float, float]:
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    predicted = sum(pairs(len(c)) for c in clusters)
    correct = sum(pairs(n) for c in clusters for n in Counter(truth[k] for k in c).values())
    true = sum(pairs(n) for n in Counter(truth.values()).values())
    return correct / predicted if predicted else 1.0, correct / true if true else 1.0


def store_ingest(records: list[ReportRecord], n: int, truth: dict[str, int] | None = None) -> None:
    """Add ``n`` synthetic reports, one article each, to a fresh SQLite store, one by one."""
    import sqlalchemy as sa

    from tidings.store import Store, reports

    results = [_result_for(r) for r in records[:n]]
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        started, cpu = time.perf_counter(), time.process_time()
        for result in results:
            store.add_result(result)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        counts = store.counts()
        # Incremental must equal batch: cluster the records the store kept, all at once.
        with store.engine.connect() as connection:
            rows = connection.execute(sa.select(reports.c.stored_event_id, reports.c.features_json)).all()
        stored: dict[str, list[str]] = {}
        kept = []
        for row in rows:
            record = ReportRecord.from_json(row.features_json)
            kept.append(record)
            stored.setdefault(row.stored_event_id, []).append(record.key)
        same = sorted(sorted(keys) for keys in stored.values()) == cluster(kept)
    quality = ""
    if truth is not None:  # pairwise P/R of the stored events against the truth of these reports
        p, r = pairwise(list(stored.values()), {k: truth[k] for k in (rec.key for rec in kept)})
        quality = f"; pairwise precision {p:.3f} recall {r:.3f}"
    print(f"store: {n} reports ingested one article at a time into SQLite in {seconds:.1f} s "
          f"({cpu:.1f} s CPU) "
          f"({n / seconds:.0f} reports/s); {counts['events']} stored events; "
          f"peak RSS {rss_mb():.0f} MB; same clusters as dedup.cluster on them: {same}{quality}")


def _result_for(record: ReportRecord) -> ArticleResult:
    """An article result whose one event carries ``record``'s features."""
    article_id, _, event_id = record.key.rpartition("/")
    words = sorted(record.words)
    text = f"{record.trigger} " + " ".join(words) + "."
    trigger = Span(text=record.trigger, start=0, end=len(record.trigger))
    evidence = Span(text=text[:-1], start=0, end=len(text) - 1)

    def mention(name: str) -> Actor:
        return Actor(**trigger.model_dump(), name=name)

    day = date.fromordinal(record.date_high)  # type: ignore[arg-type]
    place = None
    if record.country:
        place = Place(**trigger.model_dump(), name=record.country, lat=record.lat, lon=record.lon,
                      country=record.country)
    casualties = [Casualty(kind=kind, low=low, high=low, evidence=trigger)
                  for kind, low in record.figures]
    event = Event(
        id=event_id, type=record.type, trigger=trigger, evidence=[evidence],
        source_actors=[mention(a) for a in sorted(record.sources)],
        target_actors=[mention(a) for a in sorted(record.targets)], location=place,
        date=EventDate(**trigger.model_dump(), value=day.isoformat(), granularity="day")
        if record.dated else None,
        casualties=casualties, confidence=record.confidence,
    )
    published = day + timedelta(days=1) if record.dated else day
    names = [Actor(**trigger.model_dump(), name=name, kind="person") for name in sorted(record.context)]
    return ArticleResult(article=ArticleMeta(id=article_id, published=published, text=text),
                         events=[event], actors=names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--store-reports", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a merge setting, e.g. threshold=0.55 or merge_undated=false")
    args = parser.parse_args(argv)
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        overrides[name] = {"true": True, "false": False}.get(value.lower(), None)
        if overrides[name] is None:
            overrides[name] = float(value) if "." in value else int(value)
    config = resolve_config(overrides or None)

    started = time.perf_counter()
    records, truth = synthetic(args.reports, args.seed)
    n_events = len(set(truth.values()))
    print(f"synthetic: {len(records)} reports of {n_events} events in "
          f"{time.perf_counter() - started:.1f} s; peak RSS {rss_mb():.0f} MB")
    started, cpu = time.perf_counter(), time.process_time()
    clusters = cluster(records, config)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    precision, recall = pairwise(clusters, truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # CPU time beside wall time: on a shared machine the wall time says more about the neighbours.
    print(f"cluster: {len(records)} reports -> {len(clusters)} clusters in {seconds:.1f} s "
          f"({cpu:.1f} s CPU); "
          f"peak RSS {rss_mb():.0f} MB")
    print(f"pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"
          + (f" (settings {overrides})" if overrides else ""))
    if args.store_reports:
        store_ingest(records, min(args.store_reports, len(records)), truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
