"""Shared fixtures. The spaCy model is loaded once per test session; gold-data tests skip with a
clear message when ../shared/eval is absent (CI has it, so CI runs them)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    from tidings.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp):
    from tidings.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture(scope="session")
def eval_root() -> Path:
    from tidings.eval import default_eval_root

    root = default_eval_root()
    if not root.is_dir():
        pytest.skip(f"gold data not found at {root}: put ../shared/eval beside the checkout "
                    "or set TIDINGS_EVAL_ROOT to run the accuracy gate")
    return root


@pytest.fixture
def make_article():
    """Build an Article from text the way ingest would (content-derived id)."""
    from datetime import date

    from tidings.models import Article, article_id_for

    def make(text: str, published: str | None = None, **kw) -> "Article":
        return Article(id=article_id_for(text), text=text,
                       published=date.fromisoformat(published) if published else None, **kw)

    return make
