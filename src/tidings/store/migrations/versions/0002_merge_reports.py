"""Merging reports across articles: merge columns on ``reports`` and hand-made decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Design notes (code: ``tidings/store.py`` and ``tidings/resolve/dedup.py``):

- ``reports`` gains the block columns candidates are fetched by (event family, country, date
  range, coordinates; indexed as ``ix_reports_block``), the report's pre-cut component (indexed:
  a new report reloads whole components), the article event as extracted (``event_json``: a
  merged stored event takes its fields from its best report) and the merge record
  (``features_json``).
- Rows written under 0001 keep these columns NULL: ``Store.open`` fills them from the article's
  stored result (``articles.result_json``, which holds every article event as extracted) and
  merges them, one article per transaction, so an interrupted upgrade resumes where it stopped.
- ``merge_decisions`` keeps hand-made merges and splits (``models.MergeDecision``) in order.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NEW_COLUMNS = (
    ("family", sa.Text()), ("country", sa.Text()), ("date_low", sa.Date()), ("date_high", sa.Date()),
    ("lat", sa.Float()), ("lon", sa.Float()), ("component", sa.Text()), ("event_json", sa.Text()),
    ("features_json", sa.Text()),
)


def upgrade() -> None:
    for name, type_ in NEW_COLUMNS:
        op.add_column("reports", sa.Column(name, type_))
    op.create_index("ix_reports_component", "reports", ["component"])
    op.create_index("ix_reports_block", "reports", ["family", "country", "date_low"])
    op.create_table(
        "merge_decisions",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("reports_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("made_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("merge_decisions")
    op.drop_index("ix_reports_block", "reports")
    op.drop_index("ix_reports_component", "reports")
    with op.batch_alter_table("reports") as batch:
        for name, _ in reversed(NEW_COLUMNS):
            batch.drop_column(name)
