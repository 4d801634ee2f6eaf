"""Two writers at once on one store, SQLite (WAL, busy timeout) and PostgreSQL: no lost writes, no
duplicates, even when both runs hold some of the same articles. Articles and reports are counted,
not stored events (merging reports of one real-world event across articles changes those)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa

from pg import emptied
from test_batch import write_corpus

pytestmark = pytest.mark.slow


def _two_runs(tmp_path, db: str) -> list[str]:
    """Run two `tidings run` at once into ``db``: 120 articles, 40 of them in both inputs."""
    corpus = write_corpus(tmp_path / "all.jsonl", 120)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(lines[:80]) + "\n", encoding="utf-8")  # 40 articles in both
    second.write_text("\n".join(lines[40:]) + "\n", encoding="utf-8")
    runs = [subprocess.Popen([sys.executable, "-m", "tidings", "run", str(part), "--db", db, "--quiet",
                              "--chunk-size", "4"], stderr=subprocess.PIPE, text=True)
            for part in (first, second)]
    for proc in runs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    return lines


def test_two_concurrent_runs_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    lines = _two_runs(tmp_path, str(db))
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 120
        reports = con.execute("select count(*), count(distinct article_id || '|' || event_id) from reports").fetchone()
        assert reports[0] == reports[1] and reports[0] >= 120
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert len({json.loads(line)["text"] for line in lines}) == 120


def test_two_concurrent_runs_on_postgresql_lose_nothing(tmp_path, postgres_url):
    from tidings.store import database_url

    _two_runs(tmp_path, emptied(postgres_url))  # from an empty database, whatever earlier tests left
    engine = sa.create_engine(database_url(postgres_url))
    with engine.connect() as connection:
        def scalar(sql: str) -> int:
            return connection.execute(sa.text(sql)).scalar_one()

        assert scalar("select count(*) from articles") == 120
        assert scalar("select count(distinct id) from articles") == 120
        assert scalar("select count(*) from reports") == scalar(
            "select count(*) from (select distinct article_id, event_id from reports) as once")
        assert scalar("select count(*) from reports") >= 120
        # every article's rows were written whole: each has as many reports as its result has events
        per_article = connection.execute(sa.text(
            "select a.result_json, count(r.event_id) from articles a "
            "left join reports r on r.article_id = a.id group by a.id, a.result_json")).all()
    assert all(len(json.loads(result)["events"]) == n for result, n in per_article)
    engine.dispose()


def test_stores_opened_at_once_on_an_empty_postgresql_database_all_succeed(postgres_url):
    """Without the migration lock, the second of several first-time openers failed on a duplicate
    catalog entry (found by the two-runs test above); with it, each waits and finds the schema."""
    import threading

    from tidings.store import Store, database_url

    engine = sa.create_engine(database_url(postgres_url))
    errors: list[BaseException] = []
    for _ in range(3):  # a race: try it a few times
        emptied(postgres_url)
        start = threading.Barrier(4)

        def open_store() -> None:
            start.wait()
            try:
                Store.open(postgres_url).close()
            except BaseException as exc:  # collected and asserted on below, with its reason
                errors.append(exc)

        # Daemon threads: without the lock two openers can also deadlock on the catalog, and a
        # stuck thread must fail this test, not hang the suite.
        threads = [threading.Thread(target=open_store, daemon=True) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "an opener is stuck"
        assert not errors, errors
    engine.dispose()
