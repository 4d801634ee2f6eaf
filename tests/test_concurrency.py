"""Two writers at once on one SQLite store (WAL, busy timeout): no lost writes, no duplicates,
even when both runs hold some of the same articles."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from test_batch import write_corpus

pytestmark = pytest.mark.slow


def test_two_concurrent_runs_lose_nothing(tmp_path):
    corpus = write_corpus(tmp_path / "all.jsonl", 120)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(lines[:80]) + "\n", encoding="utf-8")  # 40 articles in both
    second.write_text("\n".join(lines[40:]) + "\n", encoding="utf-8")
    db = tmp_path / "shared.db"
    runs = [subprocess.Popen([sys.executable, "-m", "tidings", "run", str(part), "--db", str(db), "--quiet",
                              "--chunk-size", "4"], stderr=subprocess.PIPE, text=True)
            for part in (first, second)]
    for proc in runs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 120
        reports = con.execute("select count(*), count(distinct article_id || '|' || event_id) from reports").fetchone()
        assert reports[0] == reports[1] and reports[0] >= 120
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert len({json.loads(line)["text"] for line in lines}) == 120
