"""Crash safety: SIGKILL a `tidings run` part-way through a corpus, restart it, and prove the store
holds every article exactly once and is consistent."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch import write_corpus

pytestmark = pytest.mark.slow

N = 1500


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

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
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
