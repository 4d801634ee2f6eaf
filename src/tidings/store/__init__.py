"""The store: article results kept in SQLite (a file path) or PostgreSQL (a ``postgresql://`` URL).

One small interface over SQLAlchemy Core::

    with Store.open("events.db") as store:
        store.add_result(result)          # idempotent: an article already stored is skipped
        for event in store.events(type="ASSAULT", country="IRQ", since="2024-01-01"):
            ...
        page, cursor = store.event_page(EventFilter(actor="Taliban", bbox="60,29,75,39"), limit=100)

The read queries behind the API and web UI (``event_page``, ``event``, ``event_counts``,
``claims``, ``statements``, ``actors``, ``articles_page``) page by keyset: each returns a cursor
for the next page, never an offset.

What is kept (schema: ``migrations/versions/``): each article with its text, metadata, errors and
its whole result; the result's facts as rows SQL can query (stored events, the reports behind them,
claims, statements, actor and place mentions). A stored event is a real-world event; a report is
one article's event pointing at it. Reports of one event from different articles are merged as
they arrive (``resolve/dedup.py``): in the article's own transaction, the new reports are scored
against the stored reports of their block (family, country, date window; a report with no date
at all, against its whole block), and the components
they reach are re-clustered, re-pointing ``reports.stored_event_id`` and rebuilding the merged
stored-event rows. Hand-made merges and splits (``add_decision``) are kept in ``merge_decisions``
and applied on every re-clustering, so they survive new articles and re-ingests.

The store never sees a spaCy ``Doc``: it reads and writes ``tidings.models`` objects only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from .. import __version__
from ..errors import UsageError
from ..models import (
    ArticleError, ArticleMeta, ArticleResult, Casualty, Claim,
    Event, EventLink, MergeDecision, Span, Statement, StoredEvent,
)
from ..resolve import dedup
from ..resolve.figures import casualty_total, reconcile
from ..resolve.dedup import (
    ArticleContext, ReportRecord, article_context, date_range_of, record_for, report_key,
)
from .queries import (  # noqa: F401 (EventFilter and the cursors: the store's public names)
    CLAIM_KINDS, _SORT_DATE, EventFilter, _check_limit, _checked_choice, _cursor, _parse_cursor, _split_page,
)
from .schema import (  # noqa: F401 (re-exported: tidings.store has always offered these)
    EVENT_STATUSES, MIGRATE_LOCK, MIGRATIONS_DIR, REPORT_BATCH, SQLITE_BUSY_TIMEOUT_MS, VERSION_TABLE, WRITE_ORDER,
    actors, article_errors, articles, claims, create_store_engine, database_url, merge_decisions, metadata, migrate,
    places, reports, require_existing, schema_revision, statements, stored_events, story_terms,
)

# --- the store ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportContext:
    """What some formats add from outside the events: ``claims`` by article event id (the store's
    claims whose ``event_ids`` name it) and each article's outlet (``sources``, by article id)."""

    claims: dict[str, list[Claim]] = field(default_factory=dict)
    sources: dict[str, str | None] = field(default_factory=dict)


class Store:
    """Article results in one database. ``Store(db)`` only connects; ``Store.open(db)`` also
    creates or upgrades the schema, so use it unless the schema is known to be current."""

    def __init__(self, db: str | Path):
        self.url = database_url(db)
        self.engine = create_store_engine(self.url)

    @classmethod
    def open(cls, db: str | Path, *, create: bool = True) -> Store:
        """Connect and bring the schema up to date. ``create=False`` (the commands that only read
        or correct a store) refuses a SQLite file that does not exist instead of creating an empty
        one: ``--db typo.db`` is a mistake to report, not a new database (issue 19)."""
        if not create:
            require_existing(db)
        store = cls(db)
        with store.engine.begin() as connection:
            migrate(connection)
        store._merge_legacy_reports()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    # --- writing ---

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as connection:
            found = connection.execute(
                sa.select(articles.c.id).where(articles.c.id == article_id)
            ).first()
        return found is not None

    def add_result(self, result: ArticleResult) -> bool:
        """Store one article result in one transaction. False when the article is already stored
        (nothing is written); results with errors are stored too, so a re-run skips them."""
        article_id = result.article.id
        if self.has_article(article_id):
            return False
        # Rows are built before the transaction opens, so the write lock is held only for INSERTs.
        rows = rows_for_result(result)
        try:
            with self.engine.begin() as connection:
                # The article row goes first: on SQLite its INSERT takes the write lock, and its
                # primary key is what makes a concurrent second writer of the same article fail.
                for table in WRITE_ORDER:
                    if rows[table]:
                        connection.execute(table.insert(), rows[table])
                # Each event went in as its own stored event; merging re-points the reports that
                # describe an event already stored, in this same transaction.
                if rows[reports]:
                    _recluster(connection, [report_key(r["article_id"], r["event_id"])
                                            for r in rows[reports]], written=rows[reports])
        except IntegrityError:
            if self.has_article(article_id):  # another writer stored it after our check
                return False
            raise
        return True

    def replace_result(self, result: ArticleResult) -> None:
        """Put ``result`` in place of its article's stored result (``tidings reprocess``), in one
        transaction: the article's old rows go, the stored events its old reports were part of are
        re-clustered without them, and the new reports are merged as a new article's are. Hand-made
        decisions stay and keep applying to the reports they name. The article keeps its
        ``ingested_at``. A ``UsageError`` if the article is not stored."""
        article_id = result.article.id
        rows = rows_for_result(result)
        with self.engine.begin() as connection:
            _lock_merging(connection)
            old = connection.execute(sa.select(articles.c.ingested_at)
                                     .where(articles.c.id == article_id)).first()
            if old is None:
                raise UsageError(f"article {article_id} is not stored")
            rows[articles][0]["ingested_at"] = old.ingested_at
            touched = connection.execute(sa.select(reports.c.stored_event_id, reports.c.component)
                                         .where(reports.c.article_id == article_id)).all()
            stored_ids = sorted({row.stored_event_id for row in touched})
            components = sorted({row.component for row in touched if row.component is not None})
            for table in reversed(WRITE_ORDER):
                if table is not stored_events:
                    column = table.c.id if table is articles else table.c.article_id
                    connection.execute(table.delete().where(column == article_id))
            if stored_ids:
                # the other articles' reports that shared an event or a component with the old ones
                others = connection.execute(sa.select(reports.c.article_id, reports.c.event_id).where(
                    sa.or_(reports.c.stored_event_id.in_(stored_ids),
                           reports.c.component.in_(components)))).all()
                if others:
                    _recluster(connection, sorted(report_key(r.article_id, r.event_id) for r in others))
                connection.execute(stored_events.delete().where(
                    stored_events.c.id.in_(stored_ids),
                    stored_events.c.id.not_in(sa.select(reports.c.stored_event_id))))
            for table in WRITE_ORDER:
                if rows[table]:
                    connection.execute(table.insert(), rows[table])
            if rows[reports]:
                _recluster(connection, [report_key(r["article_id"], r["event_id"]) for r in rows[reports]],
                           written=rows[reports])

    def producers(self, article_ids: list[str] | None = None) -> list[tuple[str, str, str | None, date | None]]:
        """(article id, tidings version, model, published) of every stored article, or of those
        named, in id order. A named article that is not stored is a ``UsageError``."""
        query = sa.select(articles.c.id, articles.c.tidings_version, articles.c.model,
                          articles.c.published).order_by(articles.c.id)
        if article_ids is not None:
            query = query.where(articles.c.id.in_(sorted(set(article_ids))))
        with self.engine.connect() as connection:
            found = [tuple(row) for row in connection.execute(query)]
        if article_ids is not None:
            missing = sorted(set(article_ids) - {row[0] for row in found})
            if missing:
                raise UsageError(f"not stored: {', '.join(missing)}; list stored articles with "
                                 f"'tidings dump' or the API's /api/articles")
        return found  # type: ignore[return-value]

    def add_results(self, results: Iterable[ArticleResult]) -> tuple[int, int]:
        """Store many results, each in its own transaction: (added, skipped as already stored).
        A crash part-way keeps every article committed before it, and a re-run skips those."""
        added = skipped = 0
        for result in results:
            if self.add_result(result):
                added += 1
            else:
                skipped += 1
        return added, skipped

    def add_decision(self, decision: MergeDecision) -> int:
        """Keep a hand-made merge or split and apply it now; returns its sequence number.

        ``merge``: the named reports ("ARTICLE_ID/EVENT_ID") become one stored event (a
        must-link). ``split``: the named reports leave the stored event(s) they are in and stay
        apart from every report not named with them (a cannot-link); named together, they form one
        event. Decisions are applied after the automatic links on every later re-clustering, splits
        before merges, so a decision holds for articles ingested later, and for a fresh store that
        the decisions were imported into before its articles. Reports not yet stored are allowed:
        the decision applies when they arrive. The same decision twice is kept once."""
        for key in decision.reports:
            article_id, _, event_id = key.rpartition("/")
            if not article_id or not event_id:
                raise UsageError(f"report {key!r}: name reports as ARTICLE_ID/EVENT_ID")
        if decision.action == "merge" and len(set(decision.reports)) < 2:
            raise UsageError("a merge needs at least two reports")
        reports_json = json.dumps(sorted(set(decision.reports)))
        with self.engine.begin() as connection:
            _lock_merging(connection)
            found = connection.execute(
                sa.select(merge_decisions.c.seq).where(
                    merge_decisions.c.action == decision.action,
                    merge_decisions.c.reports_json == reports_json)).first()
            if found is not None:
                return found.seq
            seq = connection.execute(merge_decisions.insert().values(
                action=decision.action, reports_json=reports_json, note=decision.note,
                made_at=decision.made_at or datetime.now(UTC))).inserted_primary_key[0]
            _recluster(connection, sorted(set(decision.reports)))
        return seq

    def decisions(self) -> list[MergeDecision]:
        """Every hand-made merge and split, in the order they were made (to export and import)."""
        with self.engine.connect() as connection:
            return _load_decisions(connection)

    def remerge(self) -> tuple[int, int]:
        """Merge the whole store again, as if every article were added now: each report's merge
        record is computed anew from its stored article (so edits to ``data/merge.yaml`` take
        effect on reports stored before them), all reports are clustered at once and hand-made
        decisions applied. One transaction: a crash or an error leaves the store as it was.
        Holds every report's record in memory (about 1 KB each). Returns (reports, events)."""
        config = dedup.load_config()
        with self.engine.begin() as connection:
            _lock_merging(connection)
            records: dict[str, ReportRecord] = {}
            updates: list[dict[str, Any]] = []
            rows = connection.execute(
                # The text too: the story vector is made from it (meta_json leaves it out).
                sa.select(articles.c.id, articles.c.meta_json, articles.c.result_json, articles.c.text)
                .where(articles.c.id.in_(sa.select(reports.c.article_id))).order_by(articles.c.id))
            connection.execute(story_terms.delete())
            terms: list[dict[str, str]] = []
            for row in rows:
                stored = _result_of(row)
                context = article_context(stored)
                terms.extend({"term": t, "article_id": stored.article.id}
                             for t in _story_index(stored.events, context))
                for event in stored.events:
                    record = record_for(event, stored.article, config, context)
                    records[record.key] = record
                    updates.append({"a": stored.article.id, "e": event.id, **{
                        f"v_{name}": value for name, value in _merge_columns_of(record).items()}})
            for n in range(0, len(terms), REPORT_BATCH):
                connection.execute(story_terms.insert(), terms[n:n + REPORT_BATCH])
            if updates:
                names = [name[2:] for name in updates[0] if name.startswith("v_")]
                update = (reports.update().where(reports.c.article_id == sa.bindparam("a"),
                                                 reports.c.event_id == sa.bindparam("e"))
                          .values({name: sa.bindparam(f"v_{name}") for name in names}))
                for n in range(0, len(updates), REPORT_BATCH):
                    connection.execute(update, updates[n:n + REPORT_BATCH])
            loaded = {report_key(row.article_id, row.event_id): row
                      for row in connection.execute(sa.select(*_MERGE_COLUMNS))}
            components = dedup.components(records.values(), config, _load_decisions(connection))
            _write_clusters(connection, loaded, records, components, {})
            return len(loaded), sum(len(c.clusters) for c in components)

    def _merge_legacy_reports(self) -> None:
        """Give reports stored before revision 0002 their merge columns and merge them, in one
        transaction per article (as if each article were added now, in article-id order)."""
        with self.engine.connect() as connection:
            pending = connection.execute(
                # New rows always have a component; only rows from before 0002 lack one
                # (an indexed test, so opening a current store costs nothing here).
                sa.select(reports.c.article_id).where(reports.c.component.is_(None))
                .distinct().order_by(reports.c.article_id)).scalars().all()
        for article_id in pending:
            with self.engine.begin() as connection:
                _lock_merging(connection)
                row = connection.execute(
                    sa.select(articles.c.meta_json, articles.c.result_json, articles.c.text)
                    .where(articles.c.id == article_id)).one()
                # The article's events as extracted are in its stored result (a stored event's
                # row may already be a merge of several reports).
                stored = _result_of(row)
                meta, context = stored.article, article_context(stored)
                events = {e.id: e for e in stored.events}
                connection.execute(story_terms.delete().where(story_terms.c.article_id == article_id))
                terms = _story_index(stored.events, context)
                if terms:
                    connection.execute(story_terms.insert(),
                                       [{"term": t, "article_id": article_id} for t in terms])
                event_ids = connection.execute(
                    sa.select(reports.c.event_id)
                    .where(reports.c.article_id == article_id, reports.c.component.is_(None))
                ).scalars().all()
                keys = []
                for event_id in event_ids:
                    event = events[event_id]
                    connection.execute(reports.update().where(
                        reports.c.article_id == article_id, reports.c.event_id == event_id,
                    ).values(event_json=event.model_dump_json(), **_merge_columns(event, meta, context)))
                    keys.append(report_key(article_id, event_id))
                _recluster(connection, keys)

    # --- reading ---

    def events(
        self, *, type: str | None = None, country: str | None = None,
        since: date | str | None = None, until: date | str | None = None,
        status: str | None = None, limit: int | None = None, mode: str | None = None,
        actor: str | None = None, bbox: tuple[float, float, float, float] | str | None = None,
        q: str | None = None, all_genres: bool = False,
    ) -> Iterator[StoredEvent]:
        """Stored events, by date (undated last) then id. ``since``/``until`` are inclusive and
        keep events whose date range overlaps them; events with no date are left out by either.
        The other filters are those of ``event_page``."""
        filters = EventFilter(type=type, country=country, since=since, until=until, status=status,
                              mode=mode, actor=actor, bbox=bbox, q=q, all_genres=all_genres)
        yielded = 0
        after = None
        while limit is None or yielded < limit:
            batch = REPORT_BATCH if limit is None else min(REPORT_BATCH, limit - yielded)
            page, after = self.event_page(filters, after=after, limit=batch)
            yield from page
            yielded += len(page)
            if after is None:
                return

    def event_page(
        self, filters: EventFilter | None = None, *, after: str | None = None, limit: int = 100,
    ) -> tuple[list[StoredEvent], str | None]:
        """One page of events matching ``filters``, in ``events()`` order, and the cursor of the
        next page (None on the last). Keyset pagination: ``after`` is the previous page's cursor,
        so a page costs the same wherever it is and rows added meanwhile never shift a page."""
        filters = filters or EventFilter()
        _check_limit(limit)
        query = filters.where(sa.select(stored_events.c.id, stored_events.c.event_json,
                                        _SORT_DATE.label("sort_date")))
        if after is not None:
            sort_date, event_id = _parse_cursor(after)
            query = query.where(sa.or_(
                _SORT_DATE > sort_date,
                sa.and_(_SORT_DATE == sort_date, stored_events.c.id > event_id),
            ))
        query = query.order_by(_SORT_DATE, stored_events.c.id)
        page: list[StoredEvent] = []
        last: Any = None
        with self.engine.connect() as connection:
            # The actor filter is checked on the parsed event (a name in source or target actors,
            # not a place or a victim with the same name), so rows are read in batches until the
            # page is full; the SQL prefilter keeps those batches small.
            result = connection.execution_options(yield_per=limit + 1).execute(query)
            for chunk in result.partitions(limit + 1):
                by_event = _reports_for(connection, [row.id for row in chunk])
                parsed = [(row, json.loads(row.event_json), by_event.get(row.id, [])) for row in chunk]
                targets = _link_targets(connection, [(event, rows) for _, event, rows in parsed])
                for row, data, report_rows in parsed:
                    if len(page) == limit:
                        return page, _cursor(last)
                    event = _stored_event(data, report_rows, targets)
                    last = row
                    if filters.actor_matches(event):
                        page.append(event)
        return page, None

    def event(self, event_id: str) -> StoredEvent | None:
        """One stored event with its reports and figures; None if there is no such event."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(stored_events.c.event_json).where(stored_events.c.id == event_id)).first()
            if row is None:
                return None
            data = json.loads(row.event_json)
            report_rows = _reports_for(connection, [event_id]).get(event_id, [])
            return _stored_event(data, report_rows, _link_targets(connection, [(data, report_rows)]))

    def event_counts(self, filters: EventFilter | None = None, *, by: str = "day") -> list[tuple[str, int]]:
        """(period, number of events) for a timeline, by ``day`` ("2024-03-03") or ``month``
        ("2024-03"), in date order; an event counts in the period its date range starts in.
        Undated events are not counted. The actor filter is applied as in ``event_page``."""
        if by not in ("day", "month"):
            raise UsageError(f"by {by!r}: choose from day, month")
        filters = filters or EventFilter()
        width = 10 if by == "day" else 7
        counts: dict[str, int] = {}
        with self.engine.connect() as connection:
            if filters.actor is None:
                query = filters.where(
                    sa.select(stored_events.c.date_low, sa.func.count()).select_from(stored_events)
                ).where(stored_events.c.date_low.is_not(None)).group_by(stored_events.c.date_low)
                for low, n in connection.execute(query):
                    key = str(low)[:width]
                    counts[key] = counts.get(key, 0) + n
            else:
                query = filters.where(sa.select(stored_events.c.date_low, stored_events.c.event_json)
                                      ).where(stored_events.c.date_low.is_not(None))
                for low, event_json in connection.execute(query):
                    if filters.actor_matches(Event.model_validate_json(event_json)):
                        key = str(low)[:width]
                        counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items())

    def claims(
        self, *, actor: str | None = None, kind: str | None = None, event_id: str | None = None,
        article_id: str | None = None, after: str | None = None, limit: int = 100,
    ) -> tuple[list[tuple[str, Claim]], str | None]:
        """(article id, claim) pairs by article then order in the article, and the next cursor.
        ``actor`` matches the claimant or the accused by canonical name."""
        query = sa.select(claims.c.article_id, claims.c.seq, claims.c.claim_json)
        if actor is not None:
            query = query.where(sa.or_(claims.c.actor_name == actor, claims.c.accused_name == actor))
        if kind is not None:
            query = query.where(claims.c.kind == _checked_choice("kind", kind, CLAIM_KINDS))
        if event_id is not None:
            query = query.where(claims.c.claim_json.contains(json.dumps(event_id), autoescape=True))
        if article_id is not None:
            query = query.where(claims.c.article_id == article_id)
        rows, cursor = self._seq_page(query, claims, after, limit)
        return [(row.article_id, Claim.model_validate_json(row.claim_json)) for row in rows], cursor

    def statements(
        self, *, speaker: str | None = None, stance: str | None = None, event_id: str | None = None,
        article_id: str | None = None, after: str | None = None, limit: int = 100,
    ) -> tuple[list[tuple[str, Statement]], str | None]:
        """(article id, statement) pairs by article then order in the article, and the next cursor."""
        query = sa.select(statements.c.article_id, statements.c.seq, statements.c.statement_json)
        if speaker is not None:
            query = query.where(statements.c.speaker_name == speaker)
        if stance is not None:
            query = query.where(statements.c.stance == stance)
        if event_id is not None:
            query = query.where(
                statements.c.statement_json.contains(json.dumps(event_id), autoescape=True))
        if article_id is not None:
            query = query.where(statements.c.article_id == article_id)
        rows, cursor = self._seq_page(query, statements, after, limit)
        return ([(row.article_id, Statement.model_validate_json(row.statement_json)) for row in rows],
                cursor)

    def _seq_page(self, query: sa.Select, table: sa.Table, after: str | None,
                  limit: int) -> tuple[list[Any], str | None]:
        """A keyset page over a table keyed by (article_id, seq)."""
        _check_limit(limit)
        if after is not None:
            article_id, _, seq = after.rpartition("|")
            if not seq.isdigit():
                raise UsageError(f"cursor {after!r}: not a cursor this API gave")
            query = query.where(sa.or_(
                table.c.article_id > article_id,
                sa.and_(table.c.article_id == article_id, table.c.seq > int(seq)),
            ))
        query = query.order_by(table.c.article_id, table.c.seq).limit(limit + 1)
        with self.engine.connect() as connection:
            rows = list(connection.execute(query))
        return _split_page(rows, limit, lambda last: f"{last.article_id}|{last.seq}")

    def actors(self, *, q: str | None = None, name: str | None = None, after: str | None = None,
               limit: int = 100) -> tuple[list[dict[str, Any]], str | None]:
        """Actors by canonical name: {name, kind, country, sector, mentions, articles}, in name
        order, and the next cursor (the last name). ``q`` keeps names containing it (any case);
        ``name`` keeps that name only."""
        _check_limit(limit)
        query = sa.select(
            actors.c.name, sa.func.max(actors.c.kind).label("kind"),
            sa.func.max(actors.c.country).label("country"), sa.func.max(actors.c.sector).label("sector"),
            sa.func.count().label("mentions"),
            sa.func.count(sa.distinct(actors.c.article_id)).label("articles"),
        ).group_by(actors.c.name)
        if q:
            query = query.where(sa.func.lower(actors.c.name).contains(q.lower(), autoescape=True))
        if name is not None:
            query = query.where(actors.c.name == name)
        if after is not None:
            query = query.where(actors.c.name > after)
        query = query.order_by(actors.c.name).limit(limit + 1)
        with self.engine.connect() as connection:
            rows = [dict(row._mapping) for row in connection.execute(query)]
        return _split_page(rows, limit, lambda last: last["name"])

    def export_context(self) -> ExportContext:
        """What the ACLED export adds to events: claims by article event id, outlets by article."""
        by_event: dict[str, list[Claim]] = {}
        with self.engine.connect() as connection:
            for (claim_json,) in connection.execute(
                    sa.select(claims.c.claim_json).order_by(claims.c.article_id, claims.c.seq)):
                claim = Claim.model_validate_json(claim_json)
                for event_id in claim.event_ids:
                    by_event.setdefault(event_id, []).append(claim)
            sources = dict(connection.execute(
                sa.select(articles.c.id, articles.c.source).where(articles.c.source.is_not(None))).all())
        return ExportContext(claims=by_event, sources=sources)

    def articles_page(self, *, after: str | None = None,
                      limit: int = 100) -> tuple[list[dict[str, Any]], str | None]:
        """Stored articles' metadata (no text) with their number of errors and events, by id,
        and the next cursor (the last id)."""
        _check_limit(limit)
        n_events = (sa.select(sa.func.count()).select_from(reports)
                    .where(reports.c.article_id == articles.c.id).scalar_subquery())
        query = sa.select(articles.c.id, articles.c.published, articles.c.title, articles.c.source,
                          articles.c.url, articles.c.n_errors, n_events.label("n_events"))
        if after is not None:
            query = query.where(articles.c.id > after)
        query = query.order_by(articles.c.id).limit(limit + 1)
        with self.engine.connect() as connection:
            rows = [dict(row._mapping) for row in connection.execute(query)]
        for row in rows:
            row["published"] = row["published"].isoformat() if row["published"] else None
        return _split_page(rows, limit, lambda last: last["id"])

    def articles(self) -> Iterator[ArticleMeta]:
        """Every stored article's metadata and text, in the order they were stored."""
        query = sa.select(articles.c.meta_json, articles.c.text).order_by(
            articles.c.ingested_at, articles.c.id)
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield ArticleMeta.model_validate({**json.loads(row.meta_json), "text": row.text})

    def article(self, article_id: str) -> ArticleResult | None:
        """The stored result of one article, exactly as it was added; None if it is not stored."""
        query = sa.select(articles.c.meta_json, articles.c.text, articles.c.result_json).where(
            articles.c.id == article_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        return None if row is None else _result_of(row)

    def failures(self) -> list[tuple[str, str | None, list[ArticleError]]]:
        """(article id, origin, errors) of every article stored with errors, in storing order."""
        query = (
            sa.select(articles.c.id, articles.c.origin, article_errors.c.code, article_errors.c.message)
            .join(article_errors, article_errors.c.article_id == articles.c.id)
            .order_by(articles.c.ingested_at, articles.c.id, article_errors.c.seq)
        )
        failed: dict[str, tuple[str, str | None, list[ArticleError]]] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                entry = failed.setdefault(row.id, (row.id, row.origin, []))
                entry[2].append(ArticleError(code=row.code, message=row.message))
        return list(failed.values())

    def counts(self) -> dict[str, int]:
        """How much is stored: articles, failed_articles, events, reports, claims, statements."""
        count = sa.func.count()
        queries = {
            "articles": sa.select(count).select_from(articles),
            "failed_articles": sa.select(count).select_from(articles).where(articles.c.n_errors > 0),
            "events": sa.select(count).select_from(stored_events),
            "reports": sa.select(count).select_from(reports),
            "claims": sa.select(count).select_from(claims),
            "statements": sa.select(count).select_from(statements),
        }
        with self.engine.connect() as connection:
            return {name: connection.execute(query).scalar_one() for name, query in queries.items()}


# --- rows -----------------------------------------------------------------------------------------


def _result_of(row: Any) -> ArticleResult:
    """A stored article's result from its row: ``meta_json``, ``result_json`` and, when the query
    selected it, ``text``."""
    meta = json.loads(row.meta_json)
    if "text" in row._fields:
        meta["text"] = row.text
    return ArticleResult.model_validate({**json.loads(row.result_json), "article": meta})


def rows_for_result(result: ArticleResult) -> dict[sa.Table, list[dict[str, Any]]]:
    """Every row one article result is stored as, by table."""
    article = result.article
    article_id = article.id
    context = article_context(result)
    seen: set[str] = set()
    for event in result.events:
        if event.id in seen:  # would break the reports key; say which event rather than fail in SQL
            raise ValueError(f"article {article_id}: event id {event.id} occurs twice in its result")
        seen.add(event.id)
    return {
        articles: [{
            "id": article_id, "published": article.published, "title": article.title,
            "source": article.source, "url": article.url, "language": article.language,
            "origin": article.origin, "text": article.text, "n_errors": len(result.errors),
            "format": result.format,
            "tidings_version": result.produced_by.tidings if result.produced_by else __version__,
            "model": result.produced_by.model if result.produced_by else None,
            "ingested_at": datetime.now(UTC),
            "meta_json": article.model_dump_json(exclude={"text"}),
            "result_json": result.model_dump_json(exclude={"article"}),
        }],
        article_errors: [
            {"article_id": article_id, "seq": seq, "code": err.code, "message": err.message}
            for seq, err in enumerate(result.errors)
        ],
        stored_events: [_stored_event_row(event) for event in result.events],
        reports: [
            {"article_id": article_id, "event_id": event.id, "stored_event_id": event.id,
             "trigger_json": event.trigger.model_dump_json(),
             "casualties_json": _json_list(event.casualties),
             "event_json": event.model_dump_json(), **_merge_columns(event, article, context)}
            for event in result.events
        ],
        story_terms: [{"term": term, "article_id": article_id}
                      for term in _story_index(result.events, context)],
        claims: [
            {"article_id": article_id, "seq": seq, "kind": claim.kind, "actor_name": claim.actor.name,
             "accused_name": claim.accused.name if claim.accused else None,
             "certainty": claim.certainty, "status": claim.status,
             "claim_json": claim.model_dump_json()}
            for seq, claim in enumerate(result.claims)
        ],
        statements: [
            {"article_id": article_id, "seq": seq, "speaker_name": statement.speaker.name,
             "stance": statement.stance, "direct": statement.direct,
             "outlet": statement.channel.outlet if statement.channel else None,
             "statement_json": statement.model_dump_json()}
            for seq, statement in enumerate(result.statements)
        ],
        actors: [
            {"article_id": article_id, "seq": seq, "name": actor.name, "kind": actor.kind,
             "country": actor.country, "sector": actor.sector, "registry_id": actor.registry_id,
             "start_char": actor.start, "end_char": actor.end}
            for seq, actor in enumerate(result.actors)
        ],
        places: [
            {"article_id": article_id, "seq": seq, "name": place.name, "country": place.country,
             "admin1": place.admin1, "lat": place.lat, "lon": place.lon,
             "geonames_id": place.geonames_id, "feature": place.feature,
             "start_char": place.start, "end_char": place.end}
            for seq, place in enumerate(result.places)
        ],
    }


def _stored_event_row(event: Event) -> dict[str, Any]:
    """The stored-event row of one article event (a stored event with a single report)."""
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
        "event_json": event.model_dump_json(),
    }


def _story_index(events: list[Event], context: ArticleContext) -> list[str]:
    """The words an article is indexed by in ``story_terms`` (none when it has no events)."""
    if not events:
        return []
    config = dedup.load_config()
    return list(dict.fromkeys(t for t, _ in context.story[: config.story_index_terms]))


def _merge_columns(event: Event, article: ArticleMeta, context: ArticleContext) -> dict[str, Any]:
    """The merge columns of one report: its block, its record, and its own component."""
    record = record_for(event, article, context=context)
    return {**_merge_columns_of(record), "component": record.key}


def _merge_columns_of(record: ReportRecord) -> dict[str, Any]:
    return {
        "family": record.family, "country": record.country,
        "date_low": _from_ordinal(record.date_low), "date_high": _from_ordinal(record.date_high),
        "lat": record.lat, "lon": record.lon, "features_json": record.to_json(),
    }


def _from_ordinal(day: int | None) -> date | None:
    return None if day is None else date.fromordinal(day)


# --- merging reports across articles --------------------------------------------------------------

# The PostgreSQL advisory lock that serializes merging (an arbitrary constant: "tidm").
MERGE_LOCK = 0x7469646D
_MERGE_COLUMNS = (reports.c.article_id, reports.c.event_id, reports.c.stored_event_id,
                  reports.c.component, reports.c.features_json, reports.c.casualties_json)


def _lock_merging(connection: Connection) -> None:
    """Serialize merging across writers until this transaction ends.

    Two writers adding reports of one event at once would each miss the other's uncommitted
    report and both keep their own stored event. On SQLite the article INSERT already holds the
    database's single write lock. On PostgreSQL (READ COMMITTED) this advisory lock makes the
    second writer wait for the first to commit; its next statements then see the first's reports.
    Only the merge step waits: parsing, the slow part, runs outside any transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})


def _load_decisions(connection: Connection) -> list[MergeDecision]:
    rows = connection.execute(sa.select(merge_decisions).order_by(merge_decisions.c.seq))
    return [MergeDecision(action=row.action, reports=json.loads(row.reports_json), note=row.note,
                          made_at=row.made_at) for row in rows]


def _recluster(connection: Connection, seeds: list[str],
               written: list[dict[str, Any]] | None = None) -> None:
    """Re-cluster the reports that ``seeds`` (report keys, stored or new) can reach, and write the
    result: the same clusters ``dedup.cluster`` gives over the whole store, because the reports
    loaded here are closed under links (a component is loaded whole) and under hand-made merges."""
    _lock_merging(connection)
    config = dedup.load_config()
    decisions = _load_decisions(connection)
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
            score_rows(sa.select(*_MERGE_COLUMNS).where(block(seed), when), [key])
        elif config.merge_no_date:
            no_date_blocks.setdefault((seed.family, seed.country), []).append(key)
    # A seed with no date reaches its whole block, as in dedup.components: each block is read once
    # for all such seeds in it.
    for keys in no_date_blocks.values():
        score_rows(sa.select(*_MERGE_COLUMNS).where(block(records[keys[0]])), keys)
    # Story neighbours, whatever their block: the reports of the articles that share an index
    # word with a seed's article (dedup._story_pairs finds the same pairs).
    by_article: dict[str, list[str]] = {}
    for key in seeds:
        if records[key].story and records[key].sense:
            by_article.setdefault(key.rpartition("/")[0], []).append(key)
    for article_id, keys in sorted(by_article.items()):
        terms = list(dedup.story_keys(records[keys[0]], config))
        neighbours = (sa.select(story_terms.c.article_id).where(story_terms.c.term.in_(terms))
                      .distinct().scalar_subquery())
        score_rows(sa.select(*_MERGE_COLUMNS).where(reports.c.article_id.in_(neighbours),
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
            take(connection.execute(sa.select(*_MERGE_COLUMNS).where(
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
    _write_clusters(connection, loaded, records, dedup.cut(groups.values(), config, decisions), cache)


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
        rows.extend(connection.execute(sa.select(*_MERGE_COLUMNS).where(
            reports.c.article_id == article_id, reports.c.event_id.in_(event_ids))))
    return rows


def _write_clusters(connection: Connection, loaded: dict[str, Any], records: dict[str, ReportRecord],
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
               for _, casualties in _by_source((k.rpartition("/")[0], json.loads(loaded[k].casualties_json))
                                               for k in keys)]
    totals = {r.kind: r.low for r in reconcile(figures, kinds=("killed", "injured"))}
    row = _stored_event_row(event)
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


def _json_list(items: list[Any]) -> str:
    return "[" + ",".join(item.model_dump_json() for item in items) + "]"


def _reports_for(connection: Connection, event_ids: list[str]) -> dict[str, list[Any]]:
    query = (
        sa.select(reports.c.stored_event_id, reports.c.article_id, reports.c.event_id,
                  reports.c.trigger_json, reports.c.casualties_json)
        .where(reports.c.stored_event_id.in_(event_ids))
        .order_by(reports.c.stored_event_id, reports.c.article_id, reports.c.event_id)
    )
    by_event: dict[str, list[Any]] = {}
    for row in connection.execute(query):
        by_event.setdefault(row.stored_event_id, []).append(row)
    return by_event


def _link_targets(connection: Connection, events: list[tuple[dict, list[Any]]]) -> dict[tuple[str, str], str]:
    """(article id, article event id) -> stored event id, for the chain-link targets of these
    parsed stored events (each with its report rows): one query for a whole page."""
    article_ids: set[str] = set()
    event_ids: set[str] = set()
    for event, report_rows in events:
        if event.get("links"):
            article_ids.update(r.article_id for r in report_rows)
            event_ids.update(link["event_id"] for link in event["links"])
    if not event_ids:
        return {}
    query = sa.select(reports.c.article_id, reports.c.event_id, reports.c.stored_event_id).where(
        reports.c.article_id.in_(sorted(article_ids)), reports.c.event_id.in_(sorted(event_ids)))
    return {(row.article_id, row.event_id): row.stored_event_id for row in connection.execute(query)}


def _stored_event(event: dict, report_rows: list[Any], targets: dict[tuple[str, str], str]) -> StoredEvent:
    """A parsed stored-event row as a ``StoredEvent``, with its reports, figures and chain links
    (``targets`` from ``_link_targets``)."""
    figures = [{"article_id": article_id, "casualties": casualties}
               for article_id, casualties in _by_source(
                   (r.article_id, json.loads(r.casualties_json)) for r in report_rows)]
    if event.get("links"):
        # Chain links name article event ids (of the article of the report that made them); a
        # reader wants the stored events those reports are in now.
        articles_of = sorted({r.article_id for r in report_rows})
        # Two reports' links may now name one stored event; a link whose target was merged into
        # this very event goes.
        seen: set[tuple[str, str]] = set()
        links = []
        for link in event["links"]:
            homes = [link["article_id"]] if link.get("article_id") else articles_of
            link["event_id"] = next((targets[(a, link["event_id"])] for a in homes
                                     if (a, link["event_id"]) in targets), link["event_id"])
            if (link["relation"], link["event_id"]) not in seen and link["event_id"] != event["id"]:
                seen.add((link["relation"], link["event_id"]))
                links.append(link)
        event["links"] = links
    return StoredEvent.model_validate({
        **event,
        "reports": [
            {"article_id": r.article_id, "event_id": r.event_id, "trigger": json.loads(r.trigger_json)}
            for r in report_rows
        ],
        "figures": figures,
        # Only several sources have figures to reconcile; one article's figures are the figures.
        "reconciled": reconcile([[Casualty.model_validate(c) for c in f["casualties"]]
                                 for f in figures]) if len(figures) > 1 else [],
    })


def _by_source(reports_figures: Iterable[tuple[str, list[dict[str, Any]]]]) -> list[tuple[str, list[dict[str, Any]]]]:
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
