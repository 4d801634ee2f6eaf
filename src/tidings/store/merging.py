"""Merging reports across articles, inside the store's write transaction.

A report is one article's event; a stored event is the cluster of reports that tell one real
event (``resolve/dedup.py`` scores and cuts them). When an article arrives, ``recluster`` scores its
new reports against the stored reports of their block (family, country, date window; a report
with no date, against its whole block) and against the reports of articles that share a story
word, loads every component they reach whole, re-clusters, re-points ``reports.stored_event_id``
and rewrites the merged stored-event rows. Hand-made merges and splits (``merge_decisions``) are
applied on every re-clustering. ``by_source`` gives an event's figures one entry per article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..models import Casualty, Event, EventLink, MergeDecision, Span
from ..resolve import dedup
from ..resolve.dedup import ReportRecord, date_range_of, report_key
from ..resolve.figures import casualty_total, reconcile
from .schema import REPORT_BATCH, merge_decisions, reports, stored_events, story_terms


def stored_event_row(event: Event, members: Mapping[str, Event] | None = None,
                     article_id: str | None = None) -> dict[str, Any]:
    """The stored-event row of ``event`` (the merged event's fields), whose reports are
    ``members`` (report key -> article event); a single-report event gives ``article_id`` instead."""
    if members is None:
        members = {report_key(article_id or "", event.id): event}
    date_range = event.date and date_range_of(event.date.value)
    location = event.location
    return {
        "id": event.id, "type": event.type, "mode": event.mode, "status": event.status,
        "cameo": event.cameo,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "date_value": event.date.value if event.date else None,
        "date_low": date_range[0] if date_range else None,
        "date_high": date_range[1] if date_range else None,
        "location_name": location.name if location else None,
        "location_country": location.country if location else None,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "killed": casualty_total([event.casualties], "killed"),
        "injured": casualty_total([event.casualties], "injured"),
        "n_reports": 1,
        "confidence": event.confidence,
        # The event and the actions its reports' mentions tell: a StoredEvent without its reports
        # and figures, which are read from the reports table. (Spliced as text: building the model
        # for its JSON cost a tenth of the store's ingest time.)
        "event_json": event.model_dump_json()[:-1] + ',"actions":' + json.dumps(
            event_actions(members), ensure_ascii=False, separators=(",", ":")) + "}",
    }


def event_actions(members: Mapping[str, Event]) -> list[dict[str, Any]]:
    """The mentions of a stored event's reports (each report's trigger and evidence, once),
    grouped by the action they tell (``dedup.action_of``), as ``StoredEvent.actions`` JSON
    (``models.Action``): the actions with most mentions first, then by name, mentions in report
    order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(members):
        event = members[key]
        article_id = key.rpartition("/")[0]
        seen: set[tuple[int, int]] = set()
        for span in (event.trigger, *event.evidence):
            if (span.start, span.end) in seen:
                continue
            seen.add((span.start, span.end))
            groups.setdefault(dedup.action_of(span.text), []).append(
                {"text": span.text, "start": span.start, "end": span.end, "article_id": article_id,
                 "event_id": event.id})
    return [{"action": name, "mentions": mentions}
            for name, mentions in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))]



# The PostgreSQL advisory lock that serializes merging (an arbitrary constant: "tidm").
MERGE_LOCK = 0x7469646D
MERGE_COLUMNS = (reports.c.article_id, reports.c.event_id, reports.c.stored_event_id,
                  reports.c.component, reports.c.features_json, reports.c.casualties_json)


def lock_merging(connection: Connection) -> None:
    """Serialize merging across writers until this transaction ends.

    Two writers adding reports of one event at once would each miss the other's uncommitted
    report and both keep their own stored event. On SQLite the article INSERT already holds the
    database's single write lock. On PostgreSQL (READ COMMITTED) this advisory lock makes the
    second writer wait for the first to commit; its next statements then see the first's reports.
    Only the merge step waits: parsing, the slow part, runs outside any transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})


def load_decisions(connection: Connection) -> list[MergeDecision]:
    rows = connection.execute(sa.select(merge_decisions).order_by(merge_decisions.c.seq))
    return [MergeDecision(action=row.action, reports=json.loads(row.reports_json), note=row.note,
                          made_at=row.made_at) for row in rows]


def recluster(connection: Connection, seeds: list[str],
               written: list[dict[str, Any]] | None = None) -> None:
    """Re-cluster the reports that ``seeds`` (report keys, stored or new) can reach, and write the
    result: the same clusters ``dedup.cluster`` gives over the whole store, because the reports
    loaded here are closed under links (a component is loaded whole) and under hand-made merges."""
    lock_merging(connection)
    config = dedup.load_config()
    decisions = load_decisions(connection)
    partners: dict[str, set[str]] = {}
    for decision in decisions:
        for key in decision.reports:
            partners.setdefault(key, set()).update(decision.reports)
    loaded: dict[str, Any] = {}
    records: dict[str, ReportRecord] = {}
    parsed: dict[str, ReportRecord] = {}  # candidates already read, not parsed twice

    def take(rows: Iterable[Any]) -> set[str]:
        fresh = set()
        for row in rows:
            key = report_key(row.article_id, row.event_id)
            if key not in loaded:
                loaded[key] = row
                records[key] = parsed.pop(key, None) or _record_of(row.features_json)
                fresh.add(key)
        return fresh

    # Rows this transaction just wrote need not be read back.
    cache = {report_key(r["article_id"], r["event_id"]): _ReportRow(**r) for r in written or ()}
    seed_set = set(seeds)
    take([row for key, row in cache.items() if key in seed_set] or _report_rows(connection, seeds))
    # Components to load whole: the seeds' own, and those of stored reports a seed links to.
    # Old links are not scored again: a stored report's component already holds them.
    wanted = {loaded[key].component for key in loaded}
    links: list[tuple[str, str]] = []
    window = timedelta(days=config.window_days)
    seeds = sorted(loaded)

    def score_rows(query: sa.Select, keys: list[str]) -> None:
        """Score every stored report ``query`` reads against the seeds ``keys``."""
        for row in connection.execute(query):
            other = report_key(row.article_id, row.event_id)
            if other in seed_set or other in cache:
                continue
            candidate = parsed.get(other) or _record_of(row.features_json)
            parsed[other] = candidate
            for key in keys:
                if dedup._score(records[key], candidate, config) >= config.threshold:
                    links.append((key, other))
                    wanted.add(row.component)

    def block(record: ReportRecord) -> Any:
        country = (reports.c.country.is_(None) if record.country is None
                   else reports.c.country == record.country)
        return sa.and_(reports.c.family == record.family, country)

    no_date_blocks: dict[tuple[str, str | None], list[str]] = {}
    for n, key in enumerate(seeds):
        seed = records[key]
        for other in seeds[n + 1:]:
            if dedup._score(seed, records[other], config) >= config.threshold:
                links.append((key, other))
        if seed.date_low is not None:
            # The reports of its block within the date window, and those with no date at all.
            when = sa.and_(reports.c.date_low <= date.fromordinal(seed.date_high) + window,
                           reports.c.date_high >= date.fromordinal(seed.date_low) - window)
            if config.merge_no_date:
                when = sa.or_(when, reports.c.date_low.is_(None))
            score_rows(sa.select(*MERGE_COLUMNS).where(block(seed), when), [key])
        elif config.merge_no_date:
            no_date_blocks.setdefault((seed.family, seed.country), []).append(key)
    # A seed with no date reaches its whole block, as in dedup.components: each block is read once
    # for all such seeds in it.
    for keys in no_date_blocks.values():
        score_rows(sa.select(*MERGE_COLUMNS).where(block(records[keys[0]])), keys)
    # Story neighbours, whatever their block: the reports of the articles that share an index
    # word with a seed's article (dedup._story_pairs finds the same pairs).
    by_article: dict[str, list[str]] = {}
    for key in seeds:
        if records[key].story and records[key].sense:
            by_article.setdefault(key.rpartition("/")[0], []).append(key)
    for article_id, keys in sorted(by_article.items()):
        first = records[keys[0]]
        terms = list(dedup.story_keys(first, config))
        near = story_terms.c.term.in_(terms)
        if first.published is not None:
            # Articles published further apart than this tell no one story (story_similarity: 0);
            # a report of one that shares the seed's block is read by the block query above.
            days = config.story_published_days
            near = sa.and_(near, sa.or_(
                story_terms.c.published.is_(None),
                story_terms.c.published.between(date.fromordinal(first.published - days),
                                                date.fromordinal(first.published + days))))
        neighbours = sa.select(story_terms.c.article_id).where(near).distinct().scalar_subquery()
        score_rows(sa.select(*MERGE_COLUMNS).where(reports.c.article_id.in_(neighbours),
                                                    reports.c.article_id != article_id), keys)
    # Close the set: whole components, and the reports hand-made merges tie to loaded ones.
    done: set[str] = set()
    missing: set[str] = set()  # named by a decision but not stored (yet)
    while True:
        named = {p for key in loaded for p in partners.get(key, ())} - set(loaded) - missing
        todo = sorted(wanted - done)
        if not todo and not named:
            break
        done.update(todo)
        for n in range(0, len(todo), REPORT_BATCH):
            take(connection.execute(sa.select(*MERGE_COLUMNS).where(
                reports.c.component.in_(todo[n:n + REPORT_BATCH]))))
        take(_report_rows(connection, sorted(named)))
        missing |= named - set(loaded)
        wanted |= {row.component for row in loaded.values()}
    # The new components: stored components joined by the seeds' links and hand-made merges.
    component = {key: row.component for key, row in loaded.items()}
    sets = dedup.DisjointSets(component.values())
    for a, b in links:
        sets.union(component[a], component[b])
    for decision in decisions:
        present = [key for key in decision.reports if key in loaded]
        if decision.action == "merge":
            for key in present[1:]:
                sets.union(component[present[0]], component[key])
    groups: dict[str, list[ReportRecord]] = {}
    for key in loaded:
        groups.setdefault(sets.find(component[key]), []).append(records[key])
    write_clusters(connection, loaded, records, dedup.cut(groups.values(), config, decisions), cache)


@lru_cache(maxsize=50_000)
def _record_of(features_json: str) -> ReportRecord:
    """A stored report's merge record, parsed once per process: reports with no date are scored
    against their whole block on every ingest, and parsing, not scoring, was most of that cost
    (records are immutable, so sharing them is safe; 50,000 of them take about 50 MB)."""
    return ReportRecord.from_json(features_json)


@dataclass(frozen=True)
class _ReportRow:
    """A reports row as written (the columns merging reads), standing in for a fetched row."""

    article_id: str
    event_id: str
    stored_event_id: str
    component: str
    features_json: str
    event_json: str
    casualties_json: str
    trigger_json: str = ""
    family: str | None = None
    country: str | None = None
    date_low: date | None = None
    date_high: date | None = None
    lat: float | None = None
    lon: float | None = None


def _report_rows(connection: Connection, keys: list[str]) -> list[Any]:
    rows = []
    by_article: dict[str, list[str]] = {}
    for key in keys:
        article_id, _, event_id = key.rpartition("/")
        by_article.setdefault(article_id, []).append(event_id)
    for article_id, event_ids in sorted(by_article.items()):
        rows.extend(connection.execute(sa.select(*MERGE_COLUMNS).where(
            reports.c.article_id == article_id, reports.c.event_id.in_(event_ids))))
    return rows


def write_clusters(connection: Connection, loaded: dict[str, Any], records: dict[str, ReportRecord],
                    components: list[dedup.Component], cache: dict[str, Any]) -> None:
    """Point every loaded report at its cluster's stored event, rebuild the stored events whose
    members changed, and drop those no report points at any more."""
    old_members: dict[str, set[str]] = {}
    for key, row in loaded.items():
        old_members.setdefault(row.stored_event_id, set()).add(key)
    kept: set[str] = set()
    report_updates = []
    for component in components:
        for keys in component.clusters:
            stored_id = dedup.cluster_id(keys)
            kept.add(stored_id)
            if old_members.get(stored_id) != set(keys):
                _put_stored_event(connection, stored_id, keys, records, loaded, cache,
                                  exists=stored_id in old_members)
            for key in keys:
                row = loaded[key]
                if row.stored_event_id != stored_id or row.component != component.id:
                    article_id, _, event_id = key.rpartition("/")
                    report_updates.append({"a": article_id, "e": event_id, "s": stored_id,
                                           "c": component.id})
    if report_updates:
        connection.execute(
            reports.update().where(reports.c.article_id == sa.bindparam("a"),
                                   reports.c.event_id == sa.bindparam("e"))
            .values(stored_event_id=sa.bindparam("s"), component=sa.bindparam("c")),
            report_updates)
    dropped = sorted(set(old_members) - kept)
    if dropped:
        connection.execute(stored_events.delete().where(stored_events.c.id.in_(dropped)))


def _put_stored_event(connection: Connection, stored_id: str, keys: list[str],
                      records: dict[str, ReportRecord], loaded: dict[str, Any], cache: dict[str, Any],
                      *, exists: bool) -> None:
    """Write the merged stored event of ``keys``: the fields of its best report (highest
    confidence, ties by smallest key), its figures summed up over all reports, and the chain links
    of all reports (the best report's first; one per relation and target)."""
    best = min(keys, key=lambda k: (-records[k].confidence, k))
    events = _report_events(connection, keys if len(keys) > 1 else [best], cache)
    event = events[best].model_copy(update={"id": stored_id})
    links: dict[tuple[str, str], EventLink] = {}
    for key in [best, *sorted(set(keys) - {best})]:
        article_id = key.rpartition("/")[0]
        for link in events[key].links:
            links.setdefault((link.relation, link.event_id), link.model_copy(update={"article_id": article_id}))
    event.links = list(links.values())
    # model_construct: these figures were validated when their article was stored.
    figures = [[Casualty.model_construct(**{**c, "evidence": Span.model_construct(**c["evidence"])})
                for c in casualties]
               for _, casualties in by_source((k.rpartition("/")[0], json.loads(loaded[k].casualties_json))
                                               for k in keys)]
    totals = {r.kind: r.low for r in reconcile(figures, kinds=("killed", "injured"))}
    row = stored_event_row(event, events)
    row.update(killed=totals.get("killed"), injured=totals.get("injured"), n_reports=len(keys))
    if exists:
        connection.execute(stored_events.update().where(stored_events.c.id == stored_id).values(row))
    else:
        connection.execute(stored_events.insert().values(row))


def _report_events(connection: Connection, keys: list[str], cache: dict[str, Any]) -> dict[str, Event]:
    """The article events of these reports (report key -> Event), from rows this transaction just
    wrote or from the reports table."""
    out = {key: Event.model_validate_json(cache[key].event_json) for key in keys if key in cache}
    wanted = [key for key in keys if key not in out]
    by_article: dict[str, list[str]] = {}
    for key in wanted:
        article_id, _, event_id = key.rpartition("/")
        by_article.setdefault(article_id, []).append(event_id)
    if by_article:
        rows = connection.execute(sa.select(reports.c.article_id, reports.c.event_id, reports.c.event_json)
                                  .where(reports.c.article_id.in_(sorted(by_article)),
                                         reports.c.event_id.in_(sorted({e for ids in by_article.values() for e in ids}))))
        for row in rows:
            key = report_key(row.article_id, row.event_id)
            if key in wanted:
                out[key] = Event.model_validate_json(row.event_json)
    return out


def by_source(reports_figures: Iterable[tuple[str, list[dict[str, Any]]]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(article id, casualties) per report -> one entry per article, in first-seen order: an
    article is one source however many of its reports an event holds. A casualty mention two of
    its reports both carry (one clause told of two fragments) counts once, and two of its reports
    giving a figure for the same victims (same kind, victim kind and description) give one, the
    larger: the mentions of one incident report the same victims."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str, int, int]] = set()
    for n, (article_id, casualties) in enumerate(reports_figures):
        kept = by_article.setdefault(article_id, [])
        earlier = {_same_victims_key(c): i for i, c in enumerate(kept) if c.get("_report") != n}
        for c in casualties:
            mention = (article_id, c["kind"], c["evidence"]["start"], c["evidence"]["end"])
            if mention in seen:
                continue
            seen.add(mention)
            twin = earlier.get(_same_victims_key(c))
            if twin is not None:
                # another report of the same article telling the same victims: its best figure,
                # never the sum ("three soldiers were killed" ... "the three soldiers")
                if _low(c) > _low(kept[twin]):
                    kept[twin] = {**c, "_report": n}
                continue
            kept.append({**c, "_report": n})
    return [(a, [{k: v for k, v in c.items() if k != "_report"} for c in cs]) for a, cs in by_article.items()]


def _same_victims_key(c: dict[str, Any]) -> tuple[str, str, str]:
    return c["kind"], c.get("victim_kind") or "unknown", (c.get("victims") or "").lower()


def _low(c: dict[str, Any]) -> int:
    return c["low"] if c.get("low") is not None else (c.get("high") or 0)
