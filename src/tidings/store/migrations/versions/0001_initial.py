"""The first store schema: articles, their errors, stored events and the reports behind them,
claims, statements, and the actor and place mentions of each article.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

Design notes (see ``tidings/store.py`` for the code that reads and writes these tables):

- ``stored_events`` are real-world events; ``reports`` are article events pointing at one of them.
  Cross-article merging will only re-point ``reports.stored_event_id`` and recompute the merged
  event row; an article's own facts are never rewritten.
- JSON is kept in TEXT columns (exact pydantic output, read back with pydantic) so the schema is
  the same on SQLite and PostgreSQL; PostgreSQL users can query it with ``column::jsonb``.
- ``date_low``/``date_high`` are the calendar range of an event's TIMEX3 date value ("2024-W04" is
  a week), so date filters compare dates rather than strings of mixed granularity.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _article_fk() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("published", sa.Date()),
        sa.Column("title", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("language", sa.Text()),
        sa.Column("origin", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("n_errors", sa.Integer(), nullable=False),
        sa.Column("format", sa.Text(), nullable=False),
        sa.Column("tidings_version", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meta_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "article_errors",
        sa.Column("article_id", sa.Text(), _article_fk(), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
    )

    op.create_table(
        "stored_events",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text()),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("cameo", sa.Text()),
        sa.Column("acled_event_type", sa.Text()),
        sa.Column("acled_sub_event_type", sa.Text()),
        sa.Column("date_value", sa.Text()),
        sa.Column("date_low", sa.Date()),
        sa.Column("date_high", sa.Date()),
        sa.Column("location_name", sa.Text()),
        sa.Column("location_country", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("killed", sa.Integer()),
        sa.Column("injured", sa.Integer()),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("event_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_stored_events_type", "stored_events", ["type"])
    op.create_index("ix_stored_events_country", "stored_events", ["location_country"])
    op.create_index("ix_stored_events_date_low", "stored_events", ["date_low"])
    op.create_index("ix_stored_events_date_high", "stored_events", ["date_high"])

    op.create_table(
        "reports",
        sa.Column("article_id", sa.Text(), _article_fk(), primary_key=True),
        sa.Column("event_id", sa.Text(), primary_key=True),
        sa.Column("stored_event_id", sa.Text(), sa.ForeignKey("stored_events.id"), nullable=False),
        sa.Column("trigger_json", sa.Text(), nullable=False),
        sa.Column("casualties_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_reports_stored_event_id", "reports", ["stored_event_id"])

    op.create_table(
        "claims",
        sa.Column("article_id", sa.Text(), _article_fk(), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("actor_name", sa.Text(), nullable=False),
        sa.Column("accused_name", sa.Text()),
        sa.Column("certainty", sa.Text(), nullable=False),
        sa.Column("status", sa.Text()),
        sa.Column("claim_json", sa.Text(), nullable=False),
    )

    op.create_table(
        "statements",
        sa.Column("article_id", sa.Text(), _article_fk(), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("speaker_name", sa.Text(), nullable=False),
        sa.Column("stance", sa.Text(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("outlet", sa.Text()),
        sa.Column("statement_json", sa.Text(), nullable=False),
    )

    op.create_table(
        "actors",
        sa.Column("article_id", sa.Text(), _article_fk(), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("country", sa.Text()),
        sa.Column("sector", sa.Text()),
        sa.Column("registry_id", sa.Text()),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
    )
    op.create_index("ix_actors_name", "actors", ["name"])

    op.create_table(
        "places",
        sa.Column("article_id", sa.Text(), _article_fk(), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.Text()),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geonames_id", sa.Integer()),
        sa.Column("feature", sa.Text()),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
    )
    op.create_index("ix_places_name", "places", ["name"])


def downgrade() -> None:
    for table in ("places", "actors", "statements", "claims", "reports", "stored_events",
                  "article_errors", "articles"):
        op.drop_table(table)
