"""Export and re-import without loss: ``tidings dump --db A > results.jsonl`` then ``tidings ingest
results.jsonl --db B`` (the result lines are stored as they are, not extracted again), and B holds
what A holds: every article result, and the same stored events, claims, statements, actor and place
mentions and errors. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest
import sqlalchemy as sa

from pg import emptied
from test_migrations import STORIES as MIGRATION_STORIES

from tidings.cli import main
from tidings.ingest import article_from_bytes
from tidings.store import Store, database_url

# The migration test's stories, and a second report of the Mosul bombing, so that a merged
# event (two reports) goes through the round trip too.
STORIES = [*MIGRATION_STORIES,
           "BAGHDAD, March 4 (Reuters) - A roadside bomb near Mosul killed two Iraqi soldiers on "
           "Sunday, security sources said, in an attack later claimed by Islamic State."]
TABLES = ["articles", "article_errors", "reports", "claims", "statements", "actors", "places"]


@pytest.fixture(params=["sqlite", "postgresql"])
def two_dbs(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "a.db"), str(tmp_path / "b.db")
    url = request.getfixturevalue("postgres_url")
    # B is a second database on the same server
    admin = sa.create_engine(database_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text("DROP DATABASE IF EXISTS tidings_roundtrip_b"))
        connection.execute(sa.text("CREATE DATABASE tidings_roundtrip_b"))
    admin.dispose()
    other = sa.make_url(url).set(database="tidings_roundtrip_b").render_as_string(hide_password=False)
    return emptied(url), other


def _rows(db: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(database_url(db))
    meta = sa.MetaData()
    out = {}
    with engine.connect() as connection:
        meta.reflect(connection, only=TABLES)
        for name in TABLES:
            table = meta.tables[name]
            columns = sorted(c for c in table.c.keys() if c != "ingested_at")  # when: differs by design
            rows = connection.execute(sa.select(*[table.c[c] for c in columns])).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    engine.dispose()
    return out


def test_dump_and_reingest_round_trips_without_loss(two_dbs, tmp_path, pipeline, make_article, monkeypatch):
    a, b = two_dbs
    articles = [make_article(text) for text in STORIES]
    articles.append(article_from_bytes("\u0627\u0644\u0639\u0631\u0627\u0642 ".encode() * 40, "arabic.txt"))
    results = list(pipeline.process_many(articles))
    assert [e.code for e in results[-1].errors] == ["E008"]  # a failed article travels too
    with Store.open(a) as store:
        assert store.add_results(results) == (len(results), 0)

    dump = tmp_path / "results.jsonl"
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["dump", "--db", a]) == 0
    dump.write_text(out.getvalue(), encoding="utf-8")
    lines = out.getvalue().splitlines()
    assert len(lines) == len(results)
    assert all(json.loads(line)["format"] == "tidings/1" for line in lines)

    # ingest must not extract again: any attempt to build a pipeline fails the test
    import tidings.pipeline

    def no_extraction(*_args, **_kwargs):
        raise AssertionError("a result line was extracted again")

    monkeypatch.setattr(tidings.pipeline, "Pipeline", no_extraction)
    assert main(["ingest", str(dump), "--db", b, "--quiet"]) == 0

    with Store.open(a) as store_a, Store.open(b) as store_b:
        for result in results:
            assert store_b.article(result.article.id) == store_a.article(result.article.id) == result
        assert store_b.counts() == store_a.counts()
        assert store_b.counts()["articles"] == len(results) and store_b.counts()["claims"] >= 1
        assert [e.model_dump() for e in store_b.events()] == [e.model_dump() for e in store_a.events()]
        assert store_b.failures() == store_a.failures() != []
    rows_a, rows_b = _rows(a), _rows(b)
    for name in TABLES:
        assert rows_b[name] == rows_a[name], name
    assert len(rows_b["statements"]) >= 1 and len(rows_b["places"]) >= 3

    # a second import stores nothing twice
    assert main(["ingest", str(dump), "--db", b, "--quiet"]) == 0
    assert _rows(b) == rows_b


def test_a_tampered_result_line_is_an_error_not_a_silent_change(tmp_path, pipeline, make_article):
    from tidings.ingest import read_inputs

    result = pipeline.process(make_article(STORIES[0]))
    good = json.loads(result.model_dump_json())
    moved = json.loads(result.model_dump_json())
    moved["article"]["text"] = "X" + moved["article"]["text"]  # every offset now points one off
    wrong_type = json.loads(result.model_dump_json())
    wrong_type["events"] = "none"
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (good, moved, wrong_type)) + "\n", encoding="utf-8")

    items = list(read_inputs([str(path)], results=True))
    assert items[0] == result
    assert [e.code for e in items[1].errors] == ["E006"]
    assert "does not index its article text" in items[1].errors[0].message
    assert items[1].id == result.article.id
    assert [e.code for e in items[2].errors] == ["E006"] and "events" in items[2].errors[0].message
    # without ``results`` (tidings extract) a result line is not an input article
    (plain, *_) = list(read_inputs([str(path)]))
    assert [e.code for e in plain.errors] == ["E006"] and "'text' is required" in plain.errors[0].message
