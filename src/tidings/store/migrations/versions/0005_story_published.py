"""Stories bounded in time: each story-index row carries its article's given publication date.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08

Design notes (code: ``tidings/store/merging.py``, ``recluster``):

- Two articles whose publication dates are both given and more than ``story.published_days`` apart
  never tell one story (``dedup.story_similarity`` is 0), so the lookup of a new article's story
  neighbours reads only index rows with no date or a date within that many days of its own. On the
  merge benchmark most neighbours were of other months: their reports were read and scored for
  nothing, and ingest slowed as the store grew.
- Rows written before this revision have no date and are read as before (a null date bounds
  nothing); ``tidings remerge`` rewrites them with their dates.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("story_terms", sa.Column("published", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("story_terms") as batch:
        batch.drop_column("published")
