"""One article that cannot be parsed must not lose the others of its run (issue 19).

An article of 1,000,000-2,000,000 characters passed the old size cap (2,000,000 bytes) and reached
spaCy's own limit (``nlp.max_length``, 1,000,000 characters) inside ``nlp.pipe``: the exception
escaped the batch, and ``extract``, ``ingest`` and ``run`` printed or stored nothing for any
article. Now the size cap is the parser's limit, and any failure while parsing one article becomes
that article's error entry."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.batch import run

pytestmark = pytest.mark.slow

GOOD = [
    "MOSUL, May 3 (Reuters) - Gunmen attacked a police checkpoint near Mosul on Tuesday, killing "
    "four officers, the interior ministry said.",
    "LAGOS, May 4 (AP) - Police arrested six people suspected of planning attacks in Lagos, "
    "officials said on Friday.",
]
FILLER = "The council met again to discuss the budget for the coming year. "


def long_text(chars: int) -> str:
    return (FILLER * (chars // len(FILLER) + 1))[:chars]


def corpus(path: Path, long_chars: int = 1_200_000) -> Path:
    """A good article, one of ``long_chars`` characters (ASCII: as many bytes), a good article."""
    with path.open("w", encoding="utf-8") as out:
        for text in (GOOD[0], long_text(long_chars), GOOD[1]):
            out.write(json.dumps({"text": text, "published": "2024-05-30"}) + "\n")
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True,
                          timeout=300)


def test_a_failing_parse_is_that_articles_error_and_the_batch_goes_on(nlp, make_article):
    """Any exception from spaCy while parsing one article of a batch: here the real one, spaCy's
    length check, reached with a parser limit set lower (through the Pipeline's own setting) so
    that the test is fast."""
    from tidings.pipeline import Pipeline

    articles = [make_article(GOOD[0], "2024-05-30"), make_article(long_text(400), "2024-05-30"),
                make_article(GOOD[1], "2024-05-30")]
    before = nlp.max_length
    results = list(Pipeline(nlp=nlp, max_length=300).process_many(articles))
    assert nlp.max_length == before  # the shared model keeps its own limit for other callers
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert [e.code for e in results[1].errors] == ["E011"]
    assert "parsing failed" in results[1].errors[0].message and "E088" in results[1].errors[0].message
    assert results[0].errors == [] and results[2].errors == []
    assert [e.type for e in results[0].events] == ["ASSAULT"]
    assert results[2].events  # the arrest, after the failed article


def test_the_size_cap_is_the_parsers_limit(nlp):
    from tidings.config import settings
    from tidings.pipeline import Pipeline

    assert Pipeline(nlp=nlp).max_length == settings().max_bytes == 1_000_000


def test_extract_at_the_real_cap_prints_every_other_article(tmp_path):
    out = cli("extract", str(corpus(tmp_path / "c.jsonl")), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(results) == 3
    assert [e["code"] for e in results[1]["errors"]] == ["E004"]
    assert "1,000,000" in results[1]["errors"][0]["message"]
    assert results[0]["events"] and results[2]["events"]
    assert "3 articles, 1 failed" in out.stderr


def test_ingest_at_the_real_cap_stores_every_article(tmp_path):
    db = tmp_path / "t.db"
    out = cli("ingest", str(corpus(tmp_path / "c.jsonl")), "--db", str(db))
    assert out.returncode == 0, out.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 3
        assert con.execute("select count(distinct article_id) from reports").fetchone()[0] == 2


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_run_with_workers_stores_every_article(tmp_path, engine):
    db = tmp_path / "t.db"
    stats = run([str(corpus(tmp_path / "c.jsonl"))], str(db), workers=2, engine=engine, chunk_size=3)
    assert (stats.read, stats.stored, stats.failed) == (3, 3, 1)
    assert "E004" in stats.failures[0]
    with sqlite3.connect(db) as con:
        assert con.execute("select count(distinct article_id) from reports").fetchone()[0] == 2

