"""The store's schema and connections: the tables (mirroring ``migrations/versions``; a test
compares the two), the database URL of a path or ``postgresql://`` URL, the engine with the
settings the store relies on, and the Alembic migration to the newest revision."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import UsageError
from ..models import EventStatus

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
    # The spaCy model that extracted it, "NAME-VERSION" (revision 0003; NULL: unknown).
    sa.Column("model", sa.Text),
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
    # What merging needs (revision 0002): the block columns candidates are fetched by, the
    # report's pre-cut component (its smallest report key, see dedup.components), the article
    # event as extracted, and its dedup.ReportRecord. NULL only for rows written before 0002,
    # until ``Store.open`` fills them in.
    sa.Column("family", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("date_low", sa.Date),
    sa.Column("date_high", sa.Date),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("component", sa.Text, index=True),
    sa.Column("event_json", sa.Text),
    sa.Column("features_json", sa.Text),
    sa.Index("ix_reports_block", "family", "country", "date_low"),
)
# The words each article is indexed by (dedup.story_keys), to find the articles that tell the same
# story (revision 0004). The primary key (term first) is the index the lookup uses. ``published``
# (revision 0005): the article's publication date when given, not inferred (the merge record's
# ``published``), so that the lookup skips articles too far apart in time to tell one story.
story_terms = sa.Table(
    "story_terms", metadata,
    sa.Column("term", sa.Text, primary_key=True),
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("published", sa.Date),
)
# Merges and splits made by hand (models.MergeDecision), in the order they were made.
merge_decisions = sa.Table(
    "merge_decisions", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("reports_json", sa.Text, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("made_at", sa.DateTime(timezone=True)),
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
    articles, article_errors, stored_events, reports, story_terms, claims, statements, actors, places,
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


def require_existing(db: str | Path) -> None:
    """A ``UsageError`` when ``db`` names a SQLite file that does not exist. Server URLs
    (PostgreSQL) are left to the server: their database is created by whoever runs it."""
    url = database_url(db)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).exists():
        raise UsageError(f"--db {db}: no such database; check the path (only ingest, run and demo "
                         f"create a store)")


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


# The PostgreSQL advisory lock that serializes schema migrations (an arbitrary constant: "tids").
MIGRATE_LOCK = 0x74696473


def migrate(connection: Connection) -> None:
    """Bring the schema on ``connection`` to the newest revision (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    if connection.dialect.name == "postgresql":
        # Two runs opening an empty database at once would both create the schema and the second
        # would fail on a duplicate. DDL is transactional here, so a transaction-level lock makes
        # the second wait for the first's commit and then find the schema current.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
    try:
        command.upgrade(config, "head")
    except CommandError as exc:  # typically: the database was written by a newer tidings
        raise UsageError(f"cannot migrate the store: {exc}; is it from a newer tidings?") from exc


def schema_revision(connection: Connection) -> str | None:
    """The store's Alembic revision on ``connection``; None for a database never migrated."""
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()
