"""The store on a real SQLite file and on a real PostgreSQL server that the tests start (or the
database TIDINGS_TEST_POSTGRES_URL names, which they may wipe). Results are built by hand from the
models: no spaCy here."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from pg import emptied

from tidings.errors import UsageError, error
from tidings.models import (
    Actor, ArticleMeta, ArticleResult, Casualty, Claim, Event, EventDate, Place, Span, Statement,
    article_id_for, event_id_for,
)
from tidings.store import (
    VERSION_TABLE, EventFilter, Store, database_url, metadata, schema_revision,
)
from tidings.resolve.dedup import date_range_of

IRAQ_TEXT = (
    "BAGHDAD, March 4 (Wire) - A drone strike killed three Islamic State fighters near Qaim on "
    "Sunday, the Iraqi military said. Islamic State said it carried out an ambush in Anbar on "
    "Saturday that wounded two soldiers."
)
LEBANON_TEXT = (
    "BEIRUT, May 14 (Wire) - Hundreds of protesters marched in Beirut last week to demand the "
    "release of detained journalists. The union threatened to strike if the reporters stay in jail."
)


def span(text: str, phrase: str, nth: int = 0) -> Span:
    """The ``nth`` (0-based) occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(text=phrase, start=start, end=start + len(phrase))


def actor(text: str, phrase: str, name: str, nth: int = 0, **kw) -> Actor:
    return Actor(**span(text, phrase, nth).model_dump(), name=name, **kw)


def iraq_result() -> ArticleResult:
    t = IRAQ_TEXT
    aid = article_id_for(t)
    military = actor(t, "the Iraqi military", "Iraqi Armed Forces", kind="state_forces", country="IRQ",
                     sector="MIL")
    isis = actor(t, "Islamic State", "Islamic State", nth=1, kind="armed_group", sector="REB")
    fighters = actor(t, "three Islamic State fighters", "Islamic State", kind="armed_group")
    qaim = Place(**span(t, "Qaim").model_dump(), name="Al Qa'im", lat=34.37, lon=40.99, country="IRQ",
                 feature="city", precision="town")
    anbar = Place(**span(t, "Anbar").model_dump(), name="Anbar", country="IRQ", feature="admin1",
                  precision="admin1")  # left unresolved on purpose: no coordinates
    strike = Event(
        id=event_id_for(aid, "ASSAULT", *_offsets(t, "strike")), type="ASSAULT", mode="drone",
        cameo="195", acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
        trigger=span(t, "strike"), evidence=[span(t, "A drone strike killed three")],
        source_actors=[military], target_actors=[fighters], location=qaim,
        date=EventDate(**span(t, "Sunday").model_dump(), value="2024-03-03", granularity="day"),
        casualties=[Casualty(kind="killed", low=3, high=3, victims="Islamic State fighters",
                             victim_kind="militant", evidence=span(t, "killed three"))],
        confidence=0.9,
    )
    ambush = Event(
        id=event_id_for(aid, "ASSAULT", *_offsets(t, "ambush")), type="ASSAULT", status="claimed",
        trigger=span(t, "ambush"), source_actors=[isis], location=anbar,
        date=EventDate(**span(t, "Saturday").model_dump(), value="2024-03-02", granularity="day"),
        casualties=[Casualty(kind="injured", low=2, high=2, victims="soldiers", victim_kind="military",
                             evidence=span(t, "wounded two soldiers"))],
        confidence=0.7,
    )
    claim = Claim(kind="claim", actor=isis, event_ids=[ambush.id],
                  evidence=span(t, "Islamic State said it carried out an ambush"))
    statement = Statement(speaker=military, cue=span(t, "said"), direct=False,
                          content=span(t, "A drone strike killed three Islamic State fighters near Qaim on Sunday"),
                          event_ids=[strike.id])
    return ArticleResult(
        article=ArticleMeta(id=aid, published=date(2024, 3, 4), source="Wire", text=t,
                            dateline=span(t, "BAGHDAD, March 4"), dateline_place="BAGHDAD",
                            origin="wire/iraq.txt"),
        actors=[military, isis, fighters], places=[qaim, anbar], events=[strike, ambush],
        claims=[claim], statements=[statement],
    )


def iraq_store_with_one_article_merged(path) -> tuple[str, ArticleResult]:
    """A store at ``path`` holding the Iraq article, its two events merged by hand into one stored
    event: (that stored event's id, the article's result)."""
    from tidings.models import MergeDecision

    iraq = iraq_result()
    strike, ambush = iraq.events
    with Store.open(path) as store:
        store.add_result(iraq)
        store.add_decision(MergeDecision(action="merge", reports=[f"{iraq.article.id}/{strike.id}",
                                                                   f"{iraq.article.id}/{ambush.id}"]))
        [merged] = [e for e in store.events() if len(e.reports) == 2]
    return merged.id, iraq


def lebanon_result() -> ArticleResult:
    t = LEBANON_TEXT
    aid = article_id_for(t)
    beirut = Place(**span(t, "Beirut").model_dump(), name="Beirut", lat=33.89, lon=35.50, country="LBN",
                   feature="city", precision="town")
    protest = Event(
        id=event_id_for(aid, "PROTEST", *_offsets(t, "marched")), type="PROTEST",
        trigger=span(t, "marched"), location=beirut,
        date=EventDate(**span(t, "last week").model_dump(), value="2024-W19", granularity="week"),
    )
    threat = Event(
        id=event_id_for(aid, "THREATEN", *_offsets(t, "threatened")), type="THREATEN", status="future",
        trigger=span(t, "threatened"),
    )
    return ArticleResult(
        article=ArticleMeta(id=aid, published=date(2024, 5, 14), text=t, origin="wire/lebanon.txt"),
        places=[beirut], events=[protest, threat],
    )


def failed_result() -> ArticleResult:
    return ArticleResult(
        article=ArticleMeta(id="a-empty-feed-item", text="", origin="feeds/broken.jsonl:7"),
        errors=[error("E001")],
    )


def _offsets(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


# --- fixtures: a fresh database per test ---------------------------------------------------------

# Every store test runs on SQLite and on a real PostgreSQL server started for the session
# (conftest.py ``postgres_url``; skipped with a message when the server binaries are absent).
@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return emptied(request.getfixturevalue("postgres_url"))  # empty, as a new file is


@pytest.fixture
def store(db):
    with Store.open(db) as opened:
        yield opened


# --- schema and connection -----------------------------------------------------------------------


def test_open_migrates_an_empty_database_to_head(db):
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    from tidings.store import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    plain = Store(db)  # connects without migrating
    with plain.engine.connect() as connection:
        assert schema_revision(connection) is None
    plain.close()
    with Store.open(db) as store, store.engine.connect() as connection:
        assert head == "0005"
        assert schema_revision(connection) == head
        tables = set(sa.inspect(connection).get_table_names())
    assert set(metadata.tables) | {VERSION_TABLE} == tables


def test_tables_in_code_match_the_migrations(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE, "compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_sqlite_connection_settings(tmp_path):
    with Store.open(tmp_path / "events.db") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_database_url_picks_the_backend(tmp_path):
    assert database_url(tmp_path / "x.db").render_as_string() == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@db.example/events").drivername == "postgresql+psycopg"
    with pytest.raises(UsageError, match="postgresql://"):
        database_url("mysql://u@db.example/events")
    with pytest.raises(UsageError, match="does not exist"):
        database_url(tmp_path / "no-such-folder" / "x.db")


def test_an_in_memory_store_migrates_on_its_one_connection():
    with Store.open(":memory:") as store:
        assert store.add_result(iraq_result()) is True
        assert [e.type for e in store.events(country="IRQ")] == ["ASSAULT", "ASSAULT"]


def test_reopening_an_existing_file_keeps_its_data(tmp_path):
    path = tmp_path / "events.db"
    with Store.open(path) as store:
        assert store.add_result(iraq_result()) is True
    with Store.open(path) as store:
        assert store.counts()["articles"] == 1
        assert store.add_result(iraq_result()) is False
        assert store.add_result(lebanon_result()) is True
        assert store.counts()["events"] == 4


# --- writing -------------------------------------------------------------------------------------


def test_the_same_article_twice_is_stored_once(store):
    result = iraq_result()
    assert store.add_result(result) is True
    assert store.add_result(result) is False
    assert store.add_results([result, lebanon_result()]) == (1, 1)
    assert store.counts() == {"articles": 2, "failed_articles": 0, "events": 4, "reports": 4,
                              "claims": 1, "statements": 1}


def test_an_article_result_reads_back_exactly(store):
    result = iraq_result()
    store.add_result(result)
    assert store.article(result.article.id) == result
    assert store.article("a-not-stored") is None
    [meta] = store.articles()
    assert meta == result.article
    assert meta.text[meta.dateline.start:meta.dateline.end] == "BAGHDAD, March 4"


def test_an_article_with_errors_is_stored_and_listed(store):
    store.add_result(iraq_result())
    assert store.add_result(failed_result()) is True
    assert store.add_result(failed_result()) is False  # a re-run skips it
    [(article_id, origin, errors)] = store.failures()
    assert (article_id, origin) == ("a-empty-feed-item", "feeds/broken.jsonl:7")
    assert [e.code for e in errors] == ["E001"]
    assert store.counts()["failed_articles"] == 1
    assert store.article("a-empty-feed-item").errors[0].code == "E001"


def test_events_read_back_with_ids_spans_reports_and_figures(store):
    result = iraq_result()
    store.add_result(result)
    stored = list(store.events())
    # Sorted by date: Saturday's ambush before Sunday's strike.
    assert [e.id for e in stored] == [result.events[1].id, result.events[0].id]
    ambush, strike = stored
    assert strike.model_dump(exclude={"reports", "figures", "reconciled", "actions"}) == result.events[0].model_dump()
    assert IRAQ_TEXT[strike.trigger.start:strike.trigger.end] == "strike"
    # Its mentions, grouped by the action they tell, each with its article and span.
    mentions = [(a.action, m.article_id, IRAQ_TEXT[m.start:m.end]) for a in strike.actions for m in a.mentions]
    assert ("attack", result.article.id, "strike") in mentions
    assert len(mentions) == len({(s.start, s.end) for s in (strike.trigger, *result.events[0].evidence)})
    assert [(r.article_id, r.event_id, r.trigger) for r in strike.reports] == [
        (result.article.id, strike.id, strike.trigger)]
    assert strike.figures[0].article_id == result.article.id
    assert strike.figures[0].casualties[0].low == 3
    assert ambush.status == "claimed" and ambush.location.lat is None


def test_event_filters(store):
    store.add_result(iraq_result())
    store.add_result(lebanon_result())
    store.add_result(failed_result())

    def types(**filters) -> list[str]:
        return [e.type for e in store.events(**filters)]

    assert types() == ["ASSAULT", "ASSAULT", "PROTEST", "THREATEN"]  # the undated threat last
    assert types(type="protest") == ["PROTEST"]
    assert types(country="irq") == ["ASSAULT", "ASSAULT"]
    assert types(status="future") == ["THREATEN"]
    assert [e.date.value for e in store.events(since="2024-03-03")] == ["2024-03-03", "2024-W19"]
    # "2024-W19" is 6-12 May 2024: a filter ending on its Monday still overlaps it.
    assert [e.date.value for e in store.events(since=date(2024, 3, 4), until="2024-05-06")] == ["2024-W19"]
    assert types(until="2024-03-02") == ["ASSAULT"]
    assert types(type="ASSAULT", country="LBN") == []
    assert len(list(store.events(limit=3))) == 3
    with pytest.raises(UsageError, match="ASSAULT"):
        list(store.events(type="BOMBING"))
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        list(store.events(since="March 2024"))


def test_events_told_only_by_opinion_pieces_are_kept_but_left_out_by_default(store):
    opinion = lebanon_result()
    opinion.article.genre = "opinion"
    store.add_result(iraq_result())  # no genre recorded: a report, as stored before genres
    store.add_result(opinion)

    def types(**filters) -> list[str]:
        return [e.type for e in store.events(**filters)]

    assert types() == ["ASSAULT", "ASSAULT"]
    assert types(all_genres=True) == ["ASSAULT", "ASSAULT", "PROTEST", "THREATEN"]
    assert store.event_counts(EventFilter(), by="month") == [("2024-03", 2)]
    assert store.event_counts(EventFilter(all_genres=True), by="month") == [("2024-03", 2), ("2024-05", 1)]
    assert store.has_article(opinion.article.id)  # stored all the same


def test_a_report_from_a_news_article_keeps_an_event_an_opinion_piece_also_tells(store):
    report, column = iraq_result(), iraq_result()
    report.article.genre = "report"
    column.article.genre = "opinion"
    column.article.id = "an-opinion-column"
    for event in column.events:
        event.id = event.id + "-col"
    column.claims, column.statements = [], []
    store.add_result(column)
    assert list(store.events()) == []
    store.add_result(report)
    shown = list(store.events())
    assert shown and [e.id for e in shown] == [e.id for e in store.events(all_genres=True)]
    assert {r.article_id for e in shown for r in e.reports} == {"an-opinion-column", report.article.id}


def test_two_reports_of_one_article_give_the_same_victims_once():
    from tidings.store.merging import by_source as _by_source

    def figure(kind, low, victims, start):
        return {"kind": kind, "low": low, "high": low, "qualifier": "exact", "victims": victims,
                "victim_kind": "military", "evidence": {"text": "x", "start": start, "end": start + 1}}

    merged = _by_source([
        ("a", [figure("killed", 2, "soldiers", 10)]),
        ("a", [figure("killed", 3, "soldiers", 50), figure("injured", 4, "soldiers", 60)]),
        ("b", [figure("killed", 2, "soldiers", 10)]),
    ])
    assert [(a, [(c["kind"], c["low"]) for c in cs]) for a, cs in merged] == [
        ("a", [("killed", 3), ("injured", 4)]), ("b", [("killed", 2)])]


def test_normalized_rows_answer_sql(store):
    result = iraq_result()
    store.add_result(result)
    with store.engine.connect() as connection:
        claim = connection.execute(
            sa.text("SELECT kind, actor_name FROM claims WHERE article_id = :a"),
            {"a": result.article.id}).one()
        strike = connection.execute(
            sa.text("SELECT location_country, lat, killed, injured, date_low, n_reports "
                    "FROM stored_events WHERE id = :e"), {"e": result.events[0].id}).one()
        places = connection.execute(
            sa.text("SELECT name FROM places WHERE article_id = :a AND lat IS NULL"),
            {"a": result.article.id}).scalars().all()
    assert tuple(claim) == ("claim", "Islamic State")
    assert tuple(strike)[:4] == ("IRQ", 34.37, 3, None)
    assert str(strike.date_low) == "2024-03-03" and strike.n_reports == 1
    assert places == ["Anbar"]


def test_a_crash_inside_add_result_leaves_no_partial_article(store):
    result = iraq_result()

    def crash_on_claims(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO claims"):  # after the article and its events went in
            raise RuntimeError("simulated crash")

    sa.event.listen(store.engine, "before_cursor_execute", crash_on_claims)
    with pytest.raises(RuntimeError, match="simulated crash"):
        store.add_result(result)
    sa.event.remove(store.engine, "before_cursor_execute", crash_on_claims)

    assert store.counts() == {"articles": 0, "failed_articles": 0, "events": 0, "reports": 0,
                              "claims": 0, "statements": 0}
    assert store.article(result.article.id) is None
    assert store.add_result(result) is True  # the re-run stores it whole
    assert store.counts()["events"] == 2


def test_a_concurrent_writer_of_the_same_article_is_not_an_error(db):
    with Store.open(db) as first, Store.open(db) as second:
        result = iraq_result()
        real_check = second.has_article
        calls: list[str] = []

        def stale_check(article_id: str) -> bool:
            # `second` checks before `first` commits, then sees the row after its INSERT fails.
            calls.append(article_id)
            return False if len(calls) == 1 else real_check(article_id)

        second.has_article = stale_check
        assert first.add_result(result) is True
        assert second.add_result(result) is False
        assert second.counts()["events"] == 2


def test_duplicate_event_ids_are_refused_before_writing(store):
    result = iraq_result()
    twice = result.model_copy(update={"events": [result.events[0], result.events[0]]})
    with pytest.raises(ValueError, match="occurs twice"):
        store.add_result(twice)
    assert store.counts()["articles"] == 0


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-01-28", (date(2024, 1, 28), date(2024, 1, 28))),
    ("2024-01-28TMO", (date(2024, 1, 28), date(2024, 1, 28))),
    ("2024-W04", (date(2024, 1, 22), date(2024, 1, 28))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2023-12", (date(2023, 12, 1), date(2023, 12, 31))),
    ("2024-Q4", (date(2024, 10, 1), date(2024, 12, 31))),
    ("2023", (date(2023, 1, 1), date(2023, 12, 31))),
    ("PRESENT_REF", None),
    ("P3M", None),
    ("2024-02-30", None),
])
def test_date_range_of_timex_values(value, expected):
    assert date_range_of(value) == expected


# --- the read queries behind the API -------------------------------------------------------------


@pytest.fixture
def filled(store):
    store.add_results([iraq_result(), lebanon_result(), failed_result()])
    return store


def test_event_pages_follow_the_cursor_in_events_order(filled):
    everything = [e.id for e in filled.events()]
    first, cursor = filled.event_page(limit=3)
    assert [e.id for e in first] == everything[:3] and cursor is not None
    rest, last_cursor = filled.event_page(after=cursor, limit=3)
    assert [e.id for e in rest] == everything[3:] and last_cursor is None
    # The undated THREATEN event sorts last, and its cursor reads back.
    assert rest[0].type == "THREATEN" and rest[0].date is None
    assert cursor == f"2024-05-06|{first[-1].id}"  # the W19 protest starts on Monday 6 May
    with pytest.raises(UsageError, match="cursor"):
        filled.event_page(after="yesterday|e-1")


@pytest.mark.parametrize("filters, types", [
    (EventFilter(mode="drone"), ["ASSAULT"]),
    # The claimed ambush has Islamic State as source; the strike has it among its targets.
    (EventFilter(actor="Islamic State"), ["ASSAULT", "ASSAULT"]),
    (EventFilter(actor="Iraqi Armed Forces"), ["ASSAULT"]),
    # "Al Qa'im" is a place name in the JSON: the actor filter must not match places.
    (EventFilter(actor="Al Qa'im"), []),
    (EventFilter(bbox="38,30,45,40"), ["ASSAULT"]),  # Qaim; Anbar has no coordinates
    (EventFilter(bbox=(30.0, 30.0, 40.0, 35.0)), ["PROTEST"]),  # Beirut
    (EventFilter(q="MARCHED"), ["PROTEST"]),
    (EventFilter(q="100%"), []),  # LIKE wildcards in free text are literal
    (EventFilter(status="claimed", actor="Islamic State"), ["ASSAULT"]),
])
def test_event_filters_for_the_api(filled, filters, types):
    page, _ = filled.event_page(filters, limit=10)
    assert [e.type for e in page] == types


def test_a_bad_bbox_is_a_usage_error(filled):
    with pytest.raises(UsageError, match="west,south,east,north"):
        filled.event_page(EventFilter(bbox="1,2,3"))


def test_event_counts_by_day_and_month(filled):
    assert filled.event_counts() == [("2024-03-02", 1), ("2024-03-03", 1), ("2024-05-06", 1)]
    assert filled.event_counts(by="month") == [("2024-03", 2), ("2024-05", 1)]
    assert filled.event_counts(EventFilter(actor="Iraqi Armed Forces")) == [("2024-03-03", 1)]


def test_one_event_with_its_reports(filled):
    strike = iraq_result().events[0]
    event = filled.event(strike.id)
    assert event is not None and event.mode == "drone"
    assert [r.article_id for r in event.reports] == [iraq_result().article.id]
    assert filled.event("e-nothing") is None


def test_claims_statements_actors_articles(filled):
    iraq = iraq_result()
    claims, cursor = filled.claims(actor="Islamic State")
    assert cursor is None and [(a, c.kind) for a, c in claims] == [(iraq.article.id, "claim")]
    assert filled.claims(event_id=iraq.events[1].id)[0][0][1].actor.name == "Islamic State"
    assert filled.claims(event_id=iraq.events[0].id) == ([], None)
    statements, _ = filled.statements(speaker="Iraqi Armed Forces")
    assert [s.cue.text for _, s in statements] == ["said"]
    names, cursor = filled.actors(limit=1)
    assert names == [{"name": "Iraqi Armed Forces", "kind": "state_forces", "country": "IRQ",
                      "sector": "MIL", "mentions": 1, "articles": 1}]
    more, cursor = filled.actors(after=cursor, limit=1)
    assert [a["name"] for a in more] == ["Islamic State"] and more[0]["mentions"] == 2
    assert cursor is None
    assert [a["name"] for a in filled.actors(name="Islamic State")[0]] == ["Islamic State"]
    assert filled.actors(name="Islamic")[0] == []
    articles, _ = filled.articles_page()
    by_id = {a["id"]: a for a in articles}
    assert by_id[iraq.article.id]["n_events"] == 2 and by_id[iraq.article.id]["published"] == "2024-03-04"
    assert by_id["a-empty-feed-item"]["n_errors"] == 1


def test_export_context_ties_claims_to_events(filled):
    iraq = iraq_result()
    context = filled.export_context()
    assert [c.actor.name for c in context.claims[iraq.events[1].id]] == ["Islamic State"]
    assert context.sources == {iraq.article.id: "Wire"}
