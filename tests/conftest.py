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


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for the session (tests/pg.py), or the database named by
    TIDINGS_TEST_POSTGRES_URL, which the tests may wipe."""
    import os

    named = os.environ.get("TIDINGS_TEST_POSTGRES_URL")
    if named:
        yield named
        return
    from pg import find_bin_dir, local_postgres

    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
                    "postgresql-15 or set TIDINGS_PG_BIN to run the PostgreSQL store tests")
    with local_postgres(bin_dir) as url:
        yield url


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, pipeline) -> str:
    """A SQLite store of the bundled example articles, as `tidings demo` builds it (for the API
    and browser tests)."""
    from tidings.config import DATA_DIR
    from tidings.ingest import read_inputs
    from tidings.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    results = list(pipeline.process_many(read_inputs([str(DATA_DIR / "examples")])))
    failed = [f"{r.article.id}: {e.code} {e.message}" for r in results for e in r.errors]
    assert not failed, f"the bundled examples failed to process: {failed[0]}"
    with Store.open(path) as store:
        store.add_results(results)
    return str(path)
