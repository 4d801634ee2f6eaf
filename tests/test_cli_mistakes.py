"""Mistakes a user makes on the command line are caught with one line and exit 2 (issue 19)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("command", [
    ["events"], ["summary"], ["dump"], ["serve", "--port", "0"], ["remerge"],
    ["merge", "a/e1", "b/e2"], ["split", "a/e1"],
])
def test_a_missing_database_is_reported_and_not_created(tmp_path, command):
    typo = tmp_path / "typo.db"
    out = run(*command, "--db", str(typo))
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("\n") == 1
    assert "no such database" in out.stderr and str(typo) in out.stderr
    assert list(tmp_path.iterdir()) == []  # nothing created: no file, no -wal, no -shm


def test_an_existing_database_is_read(tmp_path):
    from tidings.store import Store

    db = tmp_path / "t.db"
    Store.open(db).close()  # what ingest leaves: an empty, current store
    out = run("events", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""


def test_a_postgresql_url_is_left_to_the_server():
    from tidings.store import require_existing

    require_existing("postgresql://user@localhost/none")  # no error: the server decides
