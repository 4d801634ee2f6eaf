"""Which spaCy model extracted each article (``tidings reprocess`` re-extracts what an upgrade
changes).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

Design notes (code: ``tidings/store.py``, ``tidings/batch.py:reprocess``):

- ``articles.model`` is the spaCy model as "NAME-VERSION" (``models.Producer``); with the existing
  ``articles.tidings_version`` it names what produced an article's stored result. NULL for rows
  stored before this revision (unknown: ``tidings reprocess`` treats them as out of date).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("model", sa.Text()))


def downgrade() -> None:
    # Not batch mode on SQLite: it copies and drops ``articles``, and with foreign keys on, dropping
    # it deletes every child row (ON DELETE CASCADE). SQLite 3.35+ drops a column in place.
    op.drop_column("articles", "model")
