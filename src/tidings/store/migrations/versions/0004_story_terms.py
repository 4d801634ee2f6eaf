"""Stories: the words each article is indexed by, so the merge finds articles telling one story.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

Design notes (code: ``tidings/store.py`` and ``tidings/resolve/dedup.py``):

- ``story_terms`` holds one row per article and index word (``dedup.story_keys``: the strongest
  words of the article's story vector), indexed by word: a new article's story neighbours are the
  articles sharing one of its words, and their reports are scored by the story rule
  (``dedup._story_score``) whatever their block.
- Articles stored before this revision have no rows (and their merge records no story vector)
  until ``tidings remerge`` (``Store.remerge``) recomputes every record and the index.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "story_terms",
        sa.Column("term", sa.Text(), primary_key=True),
        sa.Column("article_id", sa.Text(), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("story_terms")
