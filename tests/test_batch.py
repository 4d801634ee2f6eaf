"""Batch runs: resumable, the same results with 1 process, 2 processes and a Dask LocalCluster,
and feeds and web archives streamed in."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from tidings.batch import run
from tidings.ingest import read_inputs

pytestmark = pytest.mark.slow

TEMPLATES = [
    "{city}, May {day} (Reuters) - Gunmen attacked a police checkpoint near {city} on Tuesday, killing {n} officers, the interior ministry said.",
    "{city}, May {day} (AP) - Hundreds of protesters marched in {city} on Saturday to demand the release of detained journalists.",
    "{city}, May {day} (AFP) - Police arrested {n} people suspected of planning attacks in {city}, officials said on Friday.",
    "{city}, May {day} (Reuters) - The foreign minister met his counterpart in {city} and called for an immediate ceasefire.",
]
CITIES = ["Kabul", "Mosul", "Lagos", "Bamako", "Aleppo", "Sanaa", "Tripoli", "Mogadishu"]


def write_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = TEMPLATES[i % len(TEMPLATES)].format(city=CITIES[i % len(CITIES)], day=1 + i % 28, n=2 + i % 9)
            text += f" The report was number {i}."  # every article distinct
            out.write(json.dumps({"text": text, "published": "2024-05-30"}) + "\n")
    return path


def stored_reports(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("select article_id, event_id from reports").fetchall())


def test_resume_skips_what_is_stored(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    db = tmp_path / "t.db"
    first = run([str(corpus)], str(db))
    assert (first.read, first.stored, first.skipped, first.failed) == (12, 12, 0, 0)
    again = run([str(corpus)], str(db))
    assert (again.read, again.stored, again.skipped) == (12, 0, 12)
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 12


def test_two_processes_and_dask_give_the_same_store(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 24)
    one, two, dask = tmp_path / "one.db", tmp_path / "two.db", tmp_path / "dask.db"
    run([str(corpus)], str(one), workers=1, chunk_size=4)
    run([str(corpus)], str(two), workers=2, chunk_size=4)
    stats = run([str(corpus)], str(dask), workers=2, engine="dask", chunk_size=4)
    assert stats.stored == 24
    assert stored_reports(one) == stored_reports(two) == stored_reports(dask)
    assert len(stored_reports(one)) >= 24


def test_rss_feed_entries_are_articles(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Blast in market</title><link>https://example.org/a</link>
<pubDate>Tue, 28 May 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A bomb exploded in a crowded market in Kirkuk on Tuesday, killing five people.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Talks</title><link>https://example.org/b</link>
<description>Negotiators met in Doha on Monday to discuss a ceasefire and the release of prisoners.</description></item>
</channel></rss>""", encoding="utf-8")
    articles = list(read_inputs([str(feed)]))
    assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"]
    assert articles[0].text.startswith("A bomb exploded in a crowded market in Kirkuk")
    assert "alert" not in articles[0].text
    assert str(articles[0].published) == "2024-05-28"
    assert articles[0].source == "Example Wire"


def test_warc_responses_are_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = ("<html><head><title>Clashes</title></head><body><nav>Home | World</nav><article>"
            "<p>Heavy fighting broke out between army troops and rebels near Goma on Sunday, "
            "residents said, forcing hundreds of families to flee their homes.</p>"
            "<p>The army said it had repelled the attack and that four rebels were killed in the fighting.</p>"
            "</article></body></html>").encode("utf-8")
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/goma", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "resource",
                                                      payload=io.BytesIO(b"\x89PNG")))
    articles = list(read_inputs([str(path)]))
    assert len(articles) == 1
    assert articles[0].url == "https://example.org/goma"
    assert "Heavy fighting broke out" in articles[0].text and "Home | World" not in articles[0].text


def test_not_a_warc_is_reported_not_raised(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    articles = list(read_inputs([str(path)]))
    assert len(articles) == 1 and articles[0].errors[0].code == "E009"
