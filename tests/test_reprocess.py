"""``tidings reprocess``: stored articles extracted again from their stored text, one transaction
per article, hand-made decisions kept, resumable; what produced each article is recorded
(issue 19). On SQLite and PostgreSQL (test_store's ``db`` fixture)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from test_store import db  # noqa: F401  (the fixture: SQLite and PostgreSQL)

from tidings.batch import reprocess
from tidings.ingest import article_from_text
from tidings.models import MergeDecision
from tidings.store import Store, articles, create_store_engine, database_url

pytestmark = pytest.mark.slow

UNDATED = [
    "Gunmen attacked a police checkpoint near Mosul on Sunday, killing four officers, the "
    "interior ministry said.",
    "Police arrested six people suspected of planning attacks in Lagos, officials said on Friday.",
    "Hundreds of protesters marched in Nairobi on Saturday to demand lower food prices, witnesses said.",
]
# Two reports of one bombing (they merge) and one of another event.
SAME_EVENT = [
    "KIRKUK, May 26 (Reuters) - A car bomb exploded at a crowded market in Kirkuk on Sunday, "
    "killing seven people and wounding 20, police said.",
    "KIRKUK, May 26 (AP) - Seven people were killed and 20 wounded when a car bomb went off in a "
    "market in Kirkuk on Sunday, a police officer said.",
]


def stored(db_url: str, pipeline, texts: list[str], published: date | None = None) -> list[str]:
    results = list(pipeline.process_many(article_from_text(t, f"t{i}.txt", published=published)
                                         for i, t in enumerate(texts)))
    with Store.open(db_url) as store:
        assert store.add_results(results) == (len(results), 0)
    return [r.article.id for r in results]


def set_version(db_url: str, version: str, ids: list[str] | None = None) -> None:
    """What an older tidings would have left: its version on the stored articles."""
    engine = create_store_engine(database_url(db_url))
    with engine.begin() as connection:
        update = articles.update().values(tidings_version=version)
        if ids is not None:
            update = update.where(articles.c.id.in_(ids))
        connection.execute(update)
    engine.dispose()


def producers(db_url: str) -> dict[str, tuple[str, str | None, date | None]]:
    with Store.open(db_url) as store:
        return {row[0]: row[1:] for row in store.producers()}


def clusters(store: Store) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.id, tuple(sorted(f"{r.article_id}/{r.event_id}" for r in e.reports))) for e in store.events()}


def test_undated_articles_are_dated_and_a_second_run_does_nothing(db, pipeline):
    ids = stored(db, pipeline, UNDATED)
    with Store.open(db) as store:
        assert all(e.date is None or not e.date.value[:4].isdigit() for e in store.events())
    stats = reprocess(db, published=date(2024, 5, 30))
    assert (stats.selected, stats.done, stats.current, stats.failed) == (3, 3, 0, 0)
    with Store.open(db) as store:
        assert all(store.article(i).article.published == date(2024, 5, 30) for i in ids)
        dates = sorted(e.date.value for e in store.events() if e.date)
        assert "2024-05-26" in dates  # "on Sunday" before 30 May 2024 (the Mosul attack)
        assert store.counts()["articles"] == 3
    model = pipeline.producer.model
    assert set(producers(db).values()) == {(pipeline.producer.tidings, model, date(2024, 5, 30))}
    again = reprocess(db, published=date(2024, 5, 30))
    assert (again.done, again.current) == (0, 3)


def test_only_articles_of_another_version_are_redone_and_an_interrupted_run_resumes(db, pipeline):
    ids = stored(db, pipeline, UNDATED)
    set_version(db, "0.0.1")
    seen: list[str] = []

    def stop_after_one(result) -> None:
        seen.append(result.article.id)
        raise KeyboardInterrupt  # as Ctrl-C after the first article was stored

    with pytest.raises(KeyboardInterrupt):
        reprocess(db, on_result=stop_after_one)
    versions = producers(db)
    assert versions[seen[0]][0] == pipeline.producer.tidings  # committed before the interruption
    assert sorted(v[0] for v in versions.values()) == ["0.0.1", "0.0.1", pipeline.producer.tidings]
    resumed = reprocess(db)
    assert (resumed.done, resumed.current) == (2, 1)
    assert {v[0] for v in producers(db).values()} == {pipeline.producer.tidings}
    named = reprocess(db, article_ids=[ids[0]])
    assert (named.selected, named.done) == (1, 0)


def test_an_unknown_article_is_a_usage_error(db, pipeline):
    from tidings.errors import UsageError

    stored(db, pipeline, UNDATED[:1])
    with pytest.raises(UsageError, match="not stored: nope"):
        reprocess(db, article_ids=["nope"])


def test_hand_made_decisions_hold_and_merges_match_a_fresh_store(db, pipeline, tmp_path):
    a, b = stored(db, pipeline, SAME_EVENT, published=date(2024, 5, 27))
    with Store.open(db) as store:
        [event] = store.events()
        assert {r.article_id for r in event.reports} == {a, b}  # the two reports merged
        split = [f"{r.article_id}/{r.event_id}" for r in event.reports if r.article_id == b]
        store.add_decision(MergeDecision(action="split", reports=split, note="by hand"))
        before = clusters(store)
    set_version(db, "0.0.1")
    assert reprocess(db).done == 2
    with Store.open(db) as store:
        after = clusters(store)
        assert after == before  # the split holds: the same events, the same reports
        assert store.decisions()[0].reports == split
        results = [store.article(i) for i in (b, a)]
        decisions = store.decisions()
    # what a fresh store of the new results (in another order) and the same decision holds
    with Store.open(tmp_path / "fresh.db") as fresh:
        fresh.add_decision(decisions[0])
        fresh.add_results(results)
        assert clusters(fresh) == after
        assert fresh.counts() == Store.open(db).counts()


def test_the_model_is_recorded_per_article(db, pipeline):
    [article_id] = stored(db, pipeline, UNDATED[:1])
    engine = create_store_engine(database_url(db))
    with engine.connect() as connection:
        row = connection.execute(sa.select(articles.c.tidings_version, articles.c.model)).one()
    engine.dispose()
    assert row.model == pipeline.producer.model and row.model.startswith("en_core_web")
    with Store.open(db) as store:
        assert store.article(article_id).produced_by == pipeline.producer


def test_the_command_line_says_once_what_is_undated_and_reprocess_fixes_it(tmp_path):
    import json
    import subprocess
    import sys

    def tidings(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True,
                              text=True, timeout=300)

    corpus = tmp_path / "undated.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in UNDATED[:2]), encoding="utf-8")
    db = str(tmp_path / "t.db")
    out = tidings("extract", str(corpus))
    assert out.returncode == 0
    notes = [line for line in out.stderr.splitlines() if "no publication date" in line]
    assert notes == ["tidings: 2 articles had no publication date, so 'Sunday', 'yesterday' and "
                     "their events' dates were left unresolved; give --published YYYY-MM-DD"]
    out = tidings("ingest", str(corpus), "--db", db)
    assert f"tidings reprocess --db {db} --published YYYY-MM-DD" in out.stderr
    out = tidings("reprocess", "--db", db, "--published", "2024-05-30")
    assert out.returncode == 0, out.stderr
    assert "re-extracting 2 articles" in out.stderr and "2 articles re-extracted" in out.stderr
    assert "no publication date" not in out.stderr
    events = [json.loads(line) for line in tidings("events", "--db", db).stdout.splitlines()]
    assert "2024-05-26" in {e["date"]["value"] for e in events if e.get("date")}
    dated = tidings("extract", str(corpus), "--published", "2024-05-30")
    assert "no publication date" not in dated.stderr
