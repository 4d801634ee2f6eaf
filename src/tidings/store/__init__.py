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
they arrive (``store/merging.py`` with ``resolve/dedup.py``): in the article's own transaction, the new reports are scored
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from .. import __version__
from ..errors import UsageError
from ..models import (
    ArticleError, ArticleMeta, ArticleResult, Casualty, Claim,
    Event, MergeDecision, Statement, StoredEvent,
)
from ..resolve import dedup
from ..resolve.figures import reconcile
from ..resolve.dedup import (
    ArticleContext, ReportRecord, article_context, record_for, report_key,
)
from .merging import (
    MERGE_COLUMNS, by_source, load_decisions, lock_merging, recluster, stored_event_row, write_clusters,
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
                    recluster(connection, [report_key(r["article_id"], r["event_id"])
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
            lock_merging(connection)
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
                    recluster(connection, sorted(report_key(r.article_id, r.event_id) for r in others))
                connection.execute(stored_events.delete().where(
                    stored_events.c.id.in_(stored_ids),
                    stored_events.c.id.not_in(sa.select(reports.c.stored_event_id))))
            for table in WRITE_ORDER:
                if rows[table]:
                    connection.execute(table.insert(), rows[table])
            if rows[reports]:
                recluster(connection, [report_key(r["article_id"], r["event_id"]) for r in rows[reports]],
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
            lock_merging(connection)
            found = connection.execute(
                sa.select(merge_decisions.c.seq).where(
                    merge_decisions.c.action == decision.action,
                    merge_decisions.c.reports_json == reports_json)).first()
            if found is not None:
                return found.seq
            seq = connection.execute(merge_decisions.insert().values(
                action=decision.action, reports_json=reports_json, note=decision.note,
                made_at=decision.made_at or datetime.now(UTC))).inserted_primary_key[0]
            recluster(connection, sorted(set(decision.reports)))
        return seq

    def decisions(self) -> list[MergeDecision]:
        """Every hand-made merge and split, in the order they were made (to export and import)."""
        with self.engine.connect() as connection:
            return load_decisions(connection)

    def remerge(self) -> tuple[int, int]:
        """Merge the whole store again, as if every article were added now: each report's merge
        record is computed anew from its stored article (so edits to ``data/merge.yaml`` take
        effect on reports stored before them), all reports are clustered at once and hand-made
        decisions applied. One transaction: a crash or an error leaves the store as it was.
        Holds every report's record in memory (about 1 KB each). Returns (reports, events)."""
        config = dedup.load_config()
        with self.engine.begin() as connection:
            lock_merging(connection)
            records: dict[str, ReportRecord] = {}
            updates: list[dict[str, Any]] = []
            rows = connection.execute(
                # The text too: the story vector is made from it (meta_json leaves it out).
                sa.select(articles.c.id, articles.c.meta_json, articles.c.result_json, articles.c.text)
                .where(articles.c.id.in_(sa.select(reports.c.article_id))).order_by(articles.c.id))
            connection.execute(story_terms.delete())
            terms: list[dict[str, Any]] = []
            for row in rows:
                stored = _result_of(row)
                context = article_context(stored)
                terms.extend({"term": t, "article_id": stored.article.id,
                              "published": dedup.given_published(stored.article)}
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
                      for row in connection.execute(sa.select(*MERGE_COLUMNS))}
            components = dedup.components(records.values(), config, load_decisions(connection))
            write_clusters(connection, loaded, records, components, {})
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
                lock_merging(connection)
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
                                       [{"term": t, "article_id": article_id, "published": dedup.given_published(meta)}
                                        for t in terms])
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
                recluster(connection, keys)

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
                    if filters.actor_matches(StoredEvent.model_validate_json(event_json)):
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
        stored_events: [stored_event_row(event, article_id=article_id) for event in result.events],
        reports: [
            {"article_id": article_id, "event_id": event.id, "stored_event_id": event.id,
             "trigger_json": event.trigger.model_dump_json(),
             "casualties_json": _json_list(event.casualties),
             "event_json": event.model_dump_json(), **_merge_columns(event, article, context)}
            for event in result.events
        ],
        story_terms: [{"term": term, "article_id": article_id, "published": dedup.given_published(article)}
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
               for article_id, casualties in by_source(
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
