"""The store: article results kept in SQLite (a file path) or PostgreSQL (a ``postgresql://`` URL).

One small interface over SQLAlchemy Core::

    with Store.open("events.db") as store:
        store.add_result(result)          # idempotent: an article already stored is skipped
        for event in store.events(type="ASSAULT", country="IRQ", since="2024-01-01"):
            ...

What is kept (schema: ``migrations/versions/``): each article with its text, metadata, errors and
its whole result; the result's facts as rows SQL can query (stored events, the reports behind them,
claims, statements, actor and place mentions). A stored event is a real-world event; a report is
one article's event pointing at it. Today every article event is its own stored event; merging
reports across articles (a later step) will only re-point ``reports.stored_event_id``.

The store never sees a spaCy ``Doc``: it reads and writes ``tidings.models`` objects only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from . import __version__
from .errors import UsageError
from .export import casualty_total
from .models import (
    EVENT_TYPES, ArticleError, ArticleMeta, ArticleResult, Event, EventStatus, StoredEvent,
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "tidings_alembic_version"
EVENT_STATUSES: tuple[str, ...] = EventStatus.__args__  # type: ignore[attr-defined]

# SQLite waits this long for another writer (a second `tidings ingest`) before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Reports are fetched for this many events at a time: few round trips, far below SQLite's
# limit on bound parameters.
REPORT_BATCH = 500

# --- schema: mirrors migrations/versions (a test compares the two) -----------------------------

metadata = sa.MetaData()


def _article_fk() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("published", sa.Date, index=True),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("language", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_errors", sa.Integer, nullable=False),
    sa.Column("format", sa.Text, nullable=False),
    sa.Column("tidings_version", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    # The article metadata without its text, and the result without its article: together with
    # ``text`` they rebuild the result exactly, and the text is stored once.
    sa.Column("meta_json", sa.Text, nullable=False),
    sa.Column("result_json", sa.Text, nullable=False),
)
article_errors = sa.Table(
    "article_errors", metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
)
stored_events = sa.Table(
    "stored_events", metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("type", sa.Text, nullable=False, index=True),
    sa.Column("mode", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("cameo", sa.Text),
    sa.Column("acled_event_type", sa.Text),
    sa.Column("acled_sub_event_type", sa.Text),
    sa.Column("date_value", sa.Text),
    sa.Column("date_low", sa.Date, index=True),
    sa.Column("date_high", sa.Date, index=True),
    sa.Column("location_name", sa.Text),
    sa.Column("location_country", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("killed", sa.Integer),
    sa.Column("injured", sa.Integer),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("event_json", sa.Text, nullable=False),  # the merged Event, without reports/figures
    sa.Index("ix_stored_events_country", "location_country"),
)
reports = sa.Table(
    "reports", metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("stored_event_id", sa.Text, sa.ForeignKey("stored_events.id"), nullable=False,
              index=True),
    sa.Column("trigger_json", sa.Text, nullable=False),
    # The article event's own casualty figures: a stored event's ``figures`` are read from its
    # reports, so re-pointing a report carries its figures along.
    sa.Column("casualties_json", sa.Text, nullable=False),
)
claims = sa.Table(
    "claims", metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("actor_name", sa.Text, nullable=False),
    sa.Column("accused_name", sa.Text),
    sa.Column("certainty", sa.Text, nullable=False),
    sa.Column("status", sa.Text),
    sa.Column("claim_json", sa.Text, nullable=False),
)
statements = sa.Table(
    "statements", metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("speaker_name", sa.Text, nullable=False),
    sa.Column("stance", sa.Text, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("statement_json", sa.Text, nullable=False),
)
actors = sa.Table(
    "actors", metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("sector", sa.Text),
    sa.Column("registry_id", sa.Text),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
)
places = sa.Table(
    "places", metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("country", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonames_id", sa.Integer),
    sa.Column("feature", sa.Text),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
)

# Insertion order of one article's rows: parents before children, for the foreign keys.
WRITE_ORDER: tuple[sa.Table, ...] = (
    articles, article_errors, stored_events, reports, claims, statements, actors, places,
)


# --- connecting -----------------------------------------------------------------------------------


def database_url(db: str | Path) -> sa.URL:
    """The SQLAlchemy URL for ``db``: a file path (SQLite), ``:memory:``, or a PostgreSQL URL."""
    text = str(db)
    if "://" not in text:
        if text == ":memory:":
            return sa.make_url("sqlite://")
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            raise UsageError(f"--db {text}: folder {path.parent} does not exist")
        return sa.make_url(f"sqlite:///{path}")
    url = sa.make_url(text)
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        # psycopg 3 is the driver we support; SQLAlchemy's default for postgresql:// is psycopg2.
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url
    raise UsageError(f"--db {text}: use a file path (SQLite) or a postgresql:// URL")


def create_store_engine(url: sa.URL) -> Engine:
    """An engine with the settings the store relies on (for SQLite: WAL, foreign keys, busy wait,
    and transactions that SQLAlchemy begins itself, so DDL in migrations is transactional too)."""
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url)
    if url.database in (None, "", ":memory:"):
        # One shared connection, or each checkout would see a different empty database.
        engine = sa.create_engine(url, poolclass=sa.pool.StaticPool,
                                  connect_args={"check_same_thread": False})
    else:
        engine = sa.create_engine(url)

    @sa.event.listens_for(engine, "connect")
    def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own implicit BEGIN skips DDL and reads; we emit BEGIN in "begin" below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        # WAL: readers (a web UI, `tidings events`) never block the ingest writer. NORMAL sync is
        # safe under WAL: an OS crash may lose the last commits, never corrupt; a re-run redoes them.
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def begin_sqlite(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def migrate(connection: Connection) -> None:
    """Bring the schema on ``connection`` to the newest revision (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except CommandError as exc:  # typically: the database was written by a newer tidings
        raise UsageError(f"cannot migrate the store: {exc}; is it from a newer tidings?") from exc


def schema_revision(connection: Connection) -> str | None:
    """The store's Alembic revision on ``connection``; None for a database never migrated."""
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


# --- the store ------------------------------------------------------------------------------------


class Store:
    """Article results in one database. ``Store(db)`` only connects; ``Store.open(db)`` also
    creates or upgrades the schema, so use it unless the schema is known to be current."""

    def __init__(self, db: str | Path):
        self.url = database_url(db)
        self.engine = create_store_engine(self.url)

    @classmethod
    def open(cls, db: str | Path) -> Store:
        store = cls(db)
        with store.engine.begin() as connection:
            migrate(connection)
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
        except IntegrityError:
            if self.has_article(article_id):  # another writer stored it after our check
                return False
            raise
        return True

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

    # --- reading ---

    def events(
        self, *, type: str | None = None, country: str | None = None,
        since: date | str | None = None, until: date | str | None = None,
        status: str | None = None, limit: int | None = None,
    ) -> Iterator[StoredEvent]:
        """Stored events, by date (undated last) then id. ``since``/``until`` are inclusive and
        keep events whose date range overlaps them; events with no date are left out by either."""
        query = sa.select(stored_events.c.id, stored_events.c.event_json)
        if type is not None:
            query = query.where(stored_events.c.type == _checked_choice("type", type.upper(), EVENT_TYPES))
        if status is not None:
            query = query.where(stored_events.c.status == _checked_choice("status", status, EVENT_STATUSES))
        if country is not None:
            query = query.where(stored_events.c.location_country == country.upper())
        if since is not None:
            query = query.where(stored_events.c.date_high >= _as_date("since", since))
        if until is not None:
            query = query.where(stored_events.c.date_low <= _as_date("until", until))
        query = query.order_by(stored_events.c.date_low.is_(None), stored_events.c.date_low,
                               stored_events.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            result = connection.execute(query)
            for chunk in result.partitions(REPORT_BATCH):
                by_event = _reports_for(connection, [row.id for row in chunk])
                for row in chunk:
                    yield _stored_event(row.event_json, by_event.get(row.id, []))

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
        if row is None:
            return None
        return ArticleResult.model_validate({
            **json.loads(row.result_json),
            "article": {**json.loads(row.meta_json), "text": row.text},
        })

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


def rows_for_result(result: ArticleResult) -> dict[sa.Table, list[dict[str, Any]]]:
    """Every row one article result is stored as, by table."""
    article = result.article
    article_id = article.id
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
            "format": result.format, "tidings_version": __version__,
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
             "casualties_json": _json_list(event.casualties)}
            for event in result.events
        ],
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


def _stored_event(event_json: str, report_rows: list[Any]) -> StoredEvent:
    return StoredEvent.model_validate({
        **json.loads(event_json),
        "reports": [
            {"article_id": r.article_id, "event_id": r.event_id, "trigger": json.loads(r.trigger_json)}
            for r in report_rows
        ],
        "figures": [
            {"article_id": r.article_id, "casualties": json.loads(r.casualties_json)}
            for r in report_rows
        ],
    })


# --- dates and filters ---------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # also "2024-01-28TMO": a part of a day
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def date_range_of(value: str) -> tuple[date, date] | None:
    """The first and last calendar day a TIMEX3 date value covers ("2024-W04" -> its Monday and
    Sunday); None for values that name no calendar range ("PRESENT_REF", durations, "2024-SU")."""
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:  # "2024-02-30", "2024-W60": an impossible date has no range to filter on
        return None
    return None


def _months(year: int, first_month: int, n: int) -> tuple[date, date]:
    start = date(year, first_month, 1)
    after = first_month + n
    end = date(year + (after - 1) // 12, (after - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def _as_date(name: str, value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--{name} {value!r}: use YYYY-MM-DD") from exc


def _checked_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise UsageError(f"--{name} {value!r}: choose from {', '.join(choices)}")
    return value
