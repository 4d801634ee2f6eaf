"""Crash safety: SIGKILL a `tidings run` part-way through a corpus, restart it, and prove the store
holds every article exactly once and is consistent: on SQLite (1,500 articles) and on PostgreSQL
(400, killed twice, to keep it near a minute; the server is conftest.py's ``postgres_url``)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from pg import emptied
from test_batch import write_corpus

pytestmark = pytest.mark.slow

N = 1500
N_PG = 400


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchone()[0]


def test_sigkill_mid_run_loses_and_duplicates_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", N)
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "tidings", "run", str(corpus), "--db", str(db), "--quiet", "--chunk-size", "8"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline:  # wait until some, but not all, articles are stored
        time.sleep(0.5)
        if db.exists():
            try:
                stored = count(db, "select count(*) from articles")
            except sqlite3.OperationalError:  # schema still being created
                continue
            if stored >= 100:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert 100 <= stored < N, f"the kill must land mid-run (stored {stored})"

    # generous: on a machine shared with other heavy jobs the rest of the corpus can take minutes
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr
    ids = {json.loads(line).get("id") for line in corpus.read_text().splitlines()}
    assert count(db, "select count(*) from articles") == N
    assert count(db, "select count(distinct id) from articles") == N
    assert count(db, "select count(*) from (select article_id, event_id from reports "
                     "group by article_id, event_id having count(*) > 1)") == 0
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
    assert ids == {None}  # the corpus has no ids: they are derived from content, stably


def _kill_mid_run(cmd: list[str], stored_now, at_least: int, total: int) -> int:
    """Start ``cmd``, SIGKILL it once ``stored_now()`` reaches ``at_least``; the count at the kill."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.3)
        stored = stored_now()
        if stored >= at_least:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert at_least <= stored < total, f"the kill must land mid-run (stored {stored})"
    return stored


def test_sigkill_mid_run_on_postgresql_loses_and_duplicates_nothing(tmp_path, postgres_url):
    from tidings.store import database_url

    engine = sa.create_engine(database_url(emptied(postgres_url)))  # whatever earlier tests left

    def scalar(sql: str) -> int:
        with engine.connect() as connection:
            return connection.execute(sa.text(sql)).scalar_one()

    def stored_now() -> int:
        try:
            return scalar("select count(*) from articles")
        except sa.exc.ProgrammingError:  # the schema is still being created
            return 0

    corpus = write_corpus(tmp_path / "corpus.jsonl", N_PG)
    cmd = [sys.executable, "-m", "tidings", "run", str(corpus), "--db", postgres_url, "--quiet",
           "--chunk-size", "8"]
    for at_least in (50, 200):  # killed twice: the second time part-way through the resumed run
        _kill_mid_run(cmd, stored_now, at_least, N_PG)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert scalar("select count(*) from articles") == N_PG
    assert scalar("select count(distinct id) from articles") == N_PG
    assert scalar("select count(*) from (select article_id, event_id from reports "
                  "group by article_id, event_id having count(*) > 1) as doubled") == 0
    # foreign keys hold (PostgreSQL enforces them; this proves no orphan slipped in either way)
    assert scalar("select count(*) from reports r left join articles a on a.id = r.article_id "
                  "where a.id is null") == 0
    assert scalar("select count(*) from reports r left join stored_events e on e.id = r.stored_event_id "
                  "where e.id is null") == 0
    engine.dispose()
