"""Reports of one event from many articles merge in the store: incrementally, whatever the order,
with conflicting figures kept per source and reconciled, and with hand-made merges and splits
that survive new articles and re-ingests. Results are built by hand (no spaCy), on SQLite and on
a real PostgreSQL server (conftest.py ``postgres_url``)."""

from __future__ import annotations

import random
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from pg import emptied
from test_store import actor, db, span  # noqa: F401  (db: the fixture, on SQLite and PostgreSQL)

from tidings.models import (
    ArticleMeta, ArticleResult, Casualty, Event, EventDate, EventLink, MergeDecision, Place, Span,
    article_id_for, event_id_for,
)
from tidings.resolve.dedup import cluster, records_for
from tidings.store import Store, database_url

# Four outlets on the same drone strike in Baghdad, one on a strike in Syria the same day.
REUTERS = (
    "BAGHDAD, Jan 29 (Wire) - A U.S. drone strike killed three Kataib Hezbollah commanders in "
    "eastern Baghdad on Sunday, two Iraqi security officials said."
)
POST = (
    "WASHINGTON (Daily Post) - Four members of Kataib Hezbollah were killed when a U.S. drone "
    "strike hit their car in Baghdad late on Sunday, according to officials."
)
AGENCY = (
    "BAGHDAD (Agency) - The Iraqi government condemned Sunday's U.S. strike in Baghdad, which it "
    "said killed three people, and summoned the U.S. charge d'affaires."
)
SYRIA = (
    "DAMASCUS, Jan 29 (Wire) - An Israeli air strike killed three fighters near Damascus airport "
    "on Sunday, a war monitor said."
)
# The same outlet a day later: the attack the strike answered, told with a chain link.
FOLLOW_UP = (
    "BAGHDAD, Jan 30 (Wire) - The U.S. strike on Kataib Hezbollah in Baghdad on Sunday came in "
    "retaliation for a drone attack on a base in Jordan."
)


def strike(text: str, trigger: str, *, when: str | None, killed: tuple[str, int] | None,
           place: tuple[str, str, float | None, float | None, str], source: str | None,
           target: str | None, confidence: float, evidence: str, type_: str = "ASSAULT",
           trigger_nth: int = 0) -> Event:
    aid = article_id_for(text)
    t = span(text, trigger, trigger_nth)
    phrase, name, lat, lon, country = place
    return Event(
        id=event_id_for(aid, type_, t.start, t.end), type=type_, trigger=t,
        evidence=[span(text, evidence)],
        source_actors=[actor(text, source, "United States military", registry_id="USA-MIL",
                             kind="state_forces", country="USA")] if source else [],
        target_actors=[actor(text, target, "Kataib Hezbollah", registry_id="KH",
                             kind="armed_group")] if target else [],
        location=Place(**span(text, phrase).model_dump(), name=name, lat=lat, lon=lon,
                       country=country, feature="city", precision="town"),
        date=EventDate(**span(text, when).model_dump(), value="2024-01-28", granularity="day")
        if when else None,
        casualties=[Casualty(kind="killed", low=killed[1], high=killed[1],
                             evidence=span(text, killed[0]))] if killed else [],
        confidence=confidence,
    )


def result(text: str, source: str, events: list[Event], published: date = date(2024, 1, 29),
           ) -> ArticleResult:
    return ArticleResult(article=ArticleMeta(id=article_id_for(text), published=published,
                                             source=source, text=text), events=events)


BAGHDAD = ("Baghdad", "Baghdad", 33.34, 44.40, "IRQ")


def reuters() -> ArticleResult:
    return result(REUTERS, "Wire", [strike(
        REUTERS, "strike", when="Sunday", killed=("killed three", 3), place=BAGHDAD,
        source="U.S.", target="Kataib Hezbollah commanders", confidence=0.9,
        evidence="A U.S. drone strike killed three Kataib Hezbollah commanders")])


def post() -> ArticleResult:
    return result(POST, "Daily Post", [strike(
        POST, "strike", when="Sunday", killed=("Four members of Kataib Hezbollah were killed", 4),
        place=BAGHDAD, source="U.S.", target="Kataib Hezbollah", confidence=0.8,
        evidence="a U.S. drone strike hit their car in Baghdad")])


def agency() -> ArticleResult:
    return result(AGENCY, "Agency", [strike(
        AGENCY, "strike", when="Sunday", killed=("killed three people", 3), place=BAGHDAD,
        source="U.S.", target=None, confidence=0.7,
        evidence="Sunday's U.S. strike in Baghdad, which it said killed three people")])


def syria() -> ArticleResult:
    return result(SYRIA, "Wire", [strike(
        SYRIA, "strike", when="Sunday", killed=("killed three fighters", 3),
        place=("Damascus", "Damascus", 33.51, 36.29, "SYR"), source=None, target=None,
        confidence=0.9, evidence="An Israeli air strike killed three fighters")])


def follow_up(t: str = FOLLOW_UP) -> ArticleResult:
    retaliation = strike(t, "strike", when="Sunday", killed=None, place=BAGHDAD, source="U.S.",
                         target="Kataib Hezbollah", confidence=0.85,
                         evidence="The U.S. strike on Kataib Hezbollah in Baghdad")
    attack = strike(t, "attack", when=None, killed=None,
                    place=("Jordan", "Jordan", 31.0, 36.0, "JOR"), source=None, target=None,
                    confidence=0.6, evidence="a drone attack on a base in Jordan")
    retaliation = retaliation.model_copy(update={"links": [EventLink(
        relation="in_retaliation_for", event_id=attack.id, cue=span(t, "in retaliation for"))]})
    return result(t, "Wire", [retaliation, attack], published=date(2024, 1, 30))


def key(r: ArticleResult, n: int = 0) -> str:
    return f"{r.article.id}/{r.events[n].id}"


def clusters_of(store: Store) -> dict[str, list[str]]:
    return {e.id: sorted(f"{r.article_id}/{r.event_id}" for r in e.reports) for e in store.events()}


def test_two_outlets_on_one_strike_merge_with_their_figures_reconciled(db):
    with Store.open(db) as store:
        store.add_results([reuters(), post(), syria()])
        merged, other = sorted(store.events(), key=lambda e: -len(e.reports))
        assert store.counts()["events"] == 2 and store.counts()["reports"] == 3
    assert sorted(r.article_id for r in merged.reports) == sorted(
        [reuters().article.id, post().article.id])
    # The merged event's id is the event id of its smallest report key; its fields come from the
    # best report (Reuters, confidence 0.9).
    assert merged.id == min([key(reuters()), key(post())]).rpartition("/")[2]
    assert merged.trigger == reuters().events[0].trigger and merged.confidence == 0.9
    assert sorted(c.low for f in merged.figures for c in f.casualties) == [3, 4]
    [killed] = merged.reconciled
    assert (killed.kind, killed.low, killed.high, killed.n_reports, killed.conflicting) == (
        "killed", 3, 4, 2, True)
    assert killed.method.startswith("lowest of 2 conflicting reports")
    # The strike in Syria the same day stays apart.
    assert [r.article_id for r in other.reports] == [syria().article.id]


def test_a_merged_event_groups_the_mentions_of_all_its_reports_by_action(db):
    with Store.open(db) as store:
        store.add_results([reuters(), post(), syria()])
        merged = max(store.events(), key=lambda e: len(e.reports))
    texts = {reuters().article.id: REUTERS, post().article.id: POST}
    actions = {a.action: sorted((m.article_id, texts[m.article_id][m.start:m.end]) for m in a.mentions)
               for a in merged.actions}
    # "strike" in both articles is one action ("attack": strike and attack are synonyms); each
    # long evidence clause is an action of its own.
    assert actions["attack"] == sorted([(reuters().article.id, "strike"), (post().article.id, "strike")])
    assert sum(len(a.mentions) for a in merged.actions) == 4
    assert all(m.article_id in texts for a in merged.actions for m in a.mentions)


def test_agreeing_figures_reconcile_as_agreed(db):
    with Store.open(db) as store:
        store.add_results([reuters(), agency()])
        [event] = list(store.events())
    [killed] = event.reconciled
    assert (killed.low, killed.conflicting, killed.method) == (3, False, "all 2 reports agree")
    with Store.open(db) as store, store.engine.connect() as connection:
        row = connection.execute(sa.text("SELECT killed, n_reports FROM stored_events")).one()
    assert tuple(row) == (3, 2)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_shuffled_orders_give_the_same_clusters_and_ids(tmp_path, seed):
    results = [reuters(), post(), agency(), syria(), follow_up()]
    expected = {min(keys).rpartition("/")[2]: keys for keys in cluster(
        record for r in results for record in records_for(r))}
    random.Random(seed).shuffle(results)
    with Store.open(tmp_path / f"shuffled-{seed}.db") as store:
        for r in results:
            store.add_result(r)
        got = clusters_of(store)
    assert got == expected
    # Four Baghdad reports are one event; Syria and the Jordan attack stand alone.
    assert sorted(len(keys) for keys in got.values()) == [1, 1, 4]


UNDATED = (
    "A U.S. drone strike killed three Kataib Hezbollah commanders in Baghdad, two Iraqi security "
    "officials said."
)


def undated() -> ArticleResult:
    """The Reuters report with no dateline, no publication date and no date of its own."""
    r = result(UNDATED, "Blog", [strike(
        UNDATED, "strike", when=None, killed=("killed three", 3), place=BAGHDAD, source="U.S.",
        target="Kataib Hezbollah commanders", confidence=0.75,
        evidence="A U.S. drone strike killed three Kataib Hezbollah commanders")])
    return r.model_copy(update={"article": r.article.model_copy(update={"published": None})})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_report_with_no_date_joins_its_event_in_any_order(db, seed):
    """A report with no date at all is compared with its whole block, in the store as in
    dedup.cluster, whichever arrives first."""
    results = [reuters(), post(), syria(), undated()]
    expected = {min(keys).rpartition("/")[2]: keys for keys in cluster(
        record for r in results for record in records_for(r))}
    random.Random(seed).shuffle(results)
    with Store.open(db) as store:
        for r in results:
            store.add_result(r)
        got = clusters_of(store)
    assert got == expected
    assert sorted(len(keys) for keys in got.values()) == [1, 3]


def test_shuffled_orders_on_postgresql(postgres_url):
    seen = []
    for seed in (5, 6):
        emptied(postgres_url)
        results = [reuters(), post(), agency(), syria(), follow_up()]
        random.Random(seed).shuffle(results)
        with Store.open(postgres_url) as store:
            store.add_results(results)
            seen.append(clusters_of(store))
    assert seen[0] == seen[1] and sorted(len(k) for k in seen[0].values()) == [1, 1, 4]


def test_chain_links_read_back_as_stored_event_ids(db):
    with Store.open(db) as store:
        store.add_results([follow_up(), reuters()])
        by_trigger = {e.trigger.text: e for e in store.events()}
        attack_id = store.event(by_trigger["attack"].id).id
        [merged] = [e for e in store.events() if len(e.reports) == 2]
    # The follow-up's strike (confidence 0.85) merged under Reuters' (0.9), which has no links of
    # its own: the merged event keeps the follow-up's link, its cue in the follow-up's text.
    [link] = merged.links
    assert (link.relation, link.event_id, link.article_id) == (
        "in_retaliation_for", attack_id, follow_up().article.id)
    assert FOLLOW_UP[link.cue.start:link.cue.end] == "in retaliation for"
    with Store.open(db) as store:
        store.add_decision(MergeDecision(action="split", reports=[key(follow_up())]))
        [alone] = [e for e in store.events() if e.trigger.text == "strike" and len(e.reports) == 1
                   and e.reports[0].article_id == follow_up().article.id]
    [link] = alone.links
    assert link.event_id == attack_id and link.relation == "in_retaliation_for"


def test_a_manual_split_survives_a_third_report_and_a_fresh_reingest(db, tmp_path):
    with Store.open(db) as store:
        store.add_results([reuters(), post()])
        assert len(clusters_of(store)) == 1
        store.add_decision(MergeDecision(action="split", reports=[key(post())], note="other strike"))
        assert sorted(map(len, clusters_of(store).values())) == [1, 1]
        store.add_result(agency())  # agrees with both; joins Reuters (the best report), not Post
        after = clusters_of(store)
        decisions = store.decisions()
    assert sorted(after.values()) == sorted([sorted([key(reuters()), key(agency())]), [key(post())]])
    assert [(d.action, d.reports, d.note) for d in decisions] == [
        ("split", [key(post())], "other strike")]
    # A fresh store with the decisions imported first gives the same events in any order.
    with Store.open(tmp_path / "fresh.db") as fresh:
        for decision in decisions:
            fresh.add_decision(decision)
        fresh.add_results([agency(), post(), reuters()])
        assert clusters_of(fresh) == after


def test_a_manual_merge_joins_events_across_countries_and_is_kept_once(db):
    with Store.open(db) as store:
        store.add_results([reuters(), syria()])
        decision = MergeDecision(action="merge", reports=[key(syria()), key(reuters())])
        first = store.add_decision(decision)
        assert store.add_decision(decision) == first
        store.add_result(post())  # links to Reuters: joins the hand-made event
        assert list(map(len, clusters_of(store).values())) == [3]
        assert len(store.decisions()) == 1


def test_decisions_are_checked(tmp_path):
    from tidings.errors import UsageError

    with Store.open(tmp_path / "x.db") as store:
        with pytest.raises(UsageError, match="ARTICLE_ID/EVENT_ID"):
            store.add_decision(MergeDecision(action="split", reports=["e-123"]))
        with pytest.raises(UsageError, match="at least two"):
            store.add_decision(MergeDecision(action="merge", reports=["a-1/e-1"]))


def test_concurrent_writers_on_postgresql_merge_without_losing_reports(postgres_url):
    emptied(postgres_url)
    Store.open(postgres_url).close()
    stores = [Store(postgres_url) for _ in range(3)]
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def write(store: Store, r: ArticleResult) -> None:
        try:
            barrier.wait()
            store.add_result(r)
        except BaseException as exc:  # reported below with its cause
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, r))
               for s, r in zip(stores, [reuters(), post(), agency()])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    got = clusters_of(stores[0])
    for s in stores:
        s.close()
    assert list(map(len, got.values())) == [3]


def test_upgrade_from_0001_merges_the_reports_already_stored(tmp_path):
    from alembic import command
    from alembic.config import Config

    from tidings.store import MIGRATIONS_DIR, create_store_engine, rows_for_result, WRITE_ORDER

    path = tmp_path / "old.db"
    engine = create_store_engine(database_url(path))
    old_columns = {"family", "country", "date_low", "date_high", "lat", "lon", "component",
                   "event_json", "features_json"}
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        for r in (reuters(), post(), syria()):  # rows as tidings wrote them under 0001
            rows = rows_for_result(r)
            for table in WRITE_ORDER:
                if table.name == "story_terms":  # revision 0004
                    continue
                for row in rows[table]:
                    connection.execute(table.insert().values(
                        {k: v for k, v in row.items() if not (table.name == "reports"
                                                              and k in old_columns)
                         and not (table.name == "articles" and k == "model")}))  # 0003's
        assert connection.execute(sa.text("SELECT count(*) FROM stored_events")).scalar() == 3
    engine.dispose()
    with Store.open(path) as store:
        got = clusters_of(store)
        assert sorted(map(len, got.values())) == [1, 2]
        assert store.counts()["reports"] == 3
        store.add_result(agency())
        assert sorted(map(len, clusters_of(store).values())) == [1, 3]


def test_remerge_applies_new_settings_to_stored_reports_and_keeps_decisions(db, monkeypatch):
    from tidings.resolve import dedup

    results = [reuters(), post(), agency(), syria()]
    with Store.open(db) as store:
        store.add_results(results)
        assert sorted(len(k) for k in clusters_of(store).values()) == [1, 3]
        store.add_decision(MergeDecision(action="merge", reports=[key(reuters()), key(syria())],
                                         note="a test of a decision surviving a re-merge"))
        before = clusters_of(store)
        # Settings edited after the reports were stored: a threshold nothing reaches (and no
        # article counted as telling another's story, whose events would score 1).
        strict = dedup.resolve_config({"threshold": 0.999, "star_floor": 0.99, "story_threshold": 1.1})
        monkeypatch.setattr(dedup, "load_config", lambda: strict)
        assert store.remerge() == (4, 3)
        after = clusters_of(store)
        # Nothing links any more, but the hand-made merge still joins Reuters and Syria.
        assert sorted(sorted(k) for k in after.values()) == sorted(
            [sorted([key(reuters()), key(syria())]), [key(post())], [key(agency())]])
        assert store.counts()["events"] == 3
        monkeypatch.undo()
        assert store.remerge() == (4, len(before))
        assert clusters_of(store) == before


def test_a_page_of_events_reads_its_chain_links_in_one_query(tmp_path):
    # Two outlets' follow-ups, each with a link: listing them reads the link targets of the whole
    # page at once (one query for events, one for their reports, one for link targets), not one
    # query per linked event.
    other = FOLLOW_UP.replace("BAGHDAD, Jan 30 (Wire)", "BAGHDAD, Jan 30 (Agency)")
    statements: list[str] = []
    with Store.open(tmp_path / "links.db") as store:
        store.add_results([follow_up(), follow_up(other)])
        store.add_decision(MergeDecision(action="split", reports=[key(follow_up(other))]))
        sa.event.listen(store.engine, "before_cursor_execute",
                        lambda conn, cursor, statement, *rest: statements.append(statement))
        events = list(store.events())
    linked = sorted((e for e in events if e.links), key=lambda e: e.reports[0].article_id)
    assert [[link.article_id for link in e.links] for e in linked] == sorted(
        [[follow_up().article.id], [follow_up(other).article.id]])
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3, statements


def killed_of(low: int, high: int | None, victims: str | None, victim_kind: str = "unknown",
              at: int = 0) -> Casualty:
    return Casualty(kind="killed", low=low, high=high, victims=victims, victim_kind=victim_kind,
                    evidence=Span(text="killed", start=at, end=at + 6))


def test_figures_of_different_victims_add_up_with_their_groups_named():
    from tidings.store import reconcile

    # One source tells nine soldiers and ten to fifteen attackers killed; another the soldiers only.
    first = [killed_of(9, 9, "soldiers", "military"), killed_of(10, 15, "attackers", "militant", 40)]
    second = [killed_of(9, 9, "Nigerien soldiers", "military")]
    [killed] = reconcile([first, second])
    assert (killed.low, killed.high, killed.conflicting, killed.n_reports) == (19, 24, False, 2)
    assert killed.method == ("sum of 2 victim groups: soldiers: 9 (all 2 reports agree); "
                             "attackers: 10-15 (the only report with a figure)")


def test_figures_of_the_same_victims_conflict():
    from tidings.store import reconcile

    [killed] = reconcile([[killed_of(9, 9, "soldiers", "military")],
                          [killed_of(11, 11, "troops and soldiers", "military")],
                          [killed_of(12, 12, "people")]])  # "people" may be anyone: the same
    assert (killed.low, killed.high, killed.conflicting) == (9, 12, True)
    assert killed.method.startswith("lowest of 3 conflicting reports")
    # Another victim kind is other victims, even with no description.
    [killed] = reconcile([[killed_of(9, 9, "soldiers", "military")], [killed_of(4, 4, None, "civilian")]])
    assert (killed.low, killed.conflicting) == (13, False)


AMBUSH = ("NIAMEY, March 3 (Wire) - Gunmen ambushed an army patrol near Tillaberi on Sunday, killing "
          "nine soldiers. Ten to fifteen attackers were killed in the ambush, the army said.")


def test_one_article_is_one_source_however_many_of_its_reports_an_event_holds(db):
    """Two fragments of one ambush in one article merge; the article shows once under figures,
    its two victim groups add up, and nothing is called conflicting."""
    aid = article_id_for(AMBUSH)
    place = span(AMBUSH, "Tillaberi")
    where = Place(**place.model_dump(), name="Tillaberi", lat=14.21, lon=1.45, country="NER",
                  feature="city", precision="town")
    when = EventDate(**span(AMBUSH, "Sunday").model_dump(), value="2024-03-03", granularity="day")

    def fragment(trigger: str, casualty: Casualty) -> Event:
        t = span(AMBUSH, trigger)
        return Event(id=event_id_for(aid, "ASSAULT", t.start, t.end), type="ASSAULT", trigger=t,
                     evidence=[t], location=where, date=when, casualties=[casualty], confidence=0.8)

    soldiers = Casualty(kind="killed", low=9, high=9, victims="soldiers", victim_kind="military",
                        evidence=span(AMBUSH, "killing nine soldiers"))
    attackers = Casualty(kind="killed", low=10, high=15, victims="attackers", victim_kind="militant",
                         evidence=span(AMBUSH, "Ten to fifteen attackers were killed"))
    r = result(AMBUSH, "Wire", [fragment("ambushed", soldiers), fragment("ambush", attackers)],
               published=date(2024, 3, 4))
    with Store.open(db) as store:
        store.add_result(r)
        [event] = list(store.events())
        assert len(event.reports) == 2
        assert [f.article_id for f in event.figures] == [aid]
        assert sorted(c.low for c in event.figures[0].casualties) == [9, 10]
        assert event.reconciled == []  # one source: its figures are the figures
        # The web event page's "figures by source" shows the article once, with both groups.
        from tidings.api import event_detail

        [row] = event_detail(store, event.id)["figures"]
        assert (row["article_id"], row["killed"]) == (aid, 19)
        with store.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT killed FROM stored_events")).scalar() == 19


# Two articles on one story (a singer checking into a clinic), one naming no place, and a third on
# a look-alike story (another singer, another clinic) with the same trigger word.
STORY_A = (
    "Pop singer Marla Quenby has checked into the Sunridge clinic in Malibu for treatment, her "
    "publicist Dana Whitcombe said. Quenby, whose tour was cancelled, entered Sunridge on Tuesday. "
    "Whitcombe asked fans to respect Quenby's privacy."
)
STORY_B = (
    "Marla Quenby is in rehab. The singer checked into Sunridge, a clinic her publicist Dana "
    "Whitcombe would not describe. Quenby's tour had been cancelled weeks ago."
)
STORY_C = (
    "Rapper Teo Vashti has checked into the Harbor Point clinic in Miami, his manager Luis Oyelaran "
    "said. Vashti postponed his album. Oyelaran said Vashti was doing well at Harbor Point."
)


def checked_in(text: str, place: tuple[str, str, float, float, str] | None) -> ArticleResult:
    aid = article_id_for(text)
    t = span(text, "checked")
    location = None
    if place:
        phrase, name, lat, lon, country = place
        location = Place(**span(text, phrase).model_dump(), name=name, lat=lat, lon=lon,
                         country=country, feature="city", precision="town")
    event = Event(id=event_id_for(aid, "CONSULT", t.start, t.end), type="CONSULT", trigger=t,
                  evidence=[span(text, text.split(".")[0])], location=location, confidence=0.6)
    return ArticleResult(article=ArticleMeta(id=aid, source="Blog", text=text), events=[event])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_articles_telling_one_story_merge_their_events_across_blocks_in_any_order(db, seed):
    """Two articles on one story share their names and words: their events with one trigger word
    merge though one names a place and the other none (two blocks); the look-alike story with the
    same trigger stays apart. The store finds the story through its index of article words and
    gives dedup.cluster's clusters whichever article arrives first."""
    results = [checked_in(STORY_A, ("Malibu", "Malibu", 34.03, -118.78, "USA")),
               checked_in(STORY_B, None),
               checked_in(STORY_C, ("Miami", "Miami", 25.77, -80.19, "USA"))]
    records = [record for r in results for record in records_for(r)]
    assert records[0].country != records[1].country  # no common block: only the story links them
    expected = {min(keys).rpartition("/")[2]: keys for keys in cluster(records)}
    assert sorted(map(len, expected.values())) == [1, 2]
    assert sorted([key(results[0]), key(results[1])]) in expected.values()
    random.Random(seed).shuffle(results)
    with Store.open(db) as store:
        for r in results:
            store.add_result(r)
        assert clusters_of(store) == expected
        # The index is rebuilt with the records by a re-merge, and gives the same clusters.
        store.remerge()
        assert clusters_of(store) == expected


def test_export_casualty_total_adds_up_different_victims_and_keeps_the_lowest_of_the_same():
    from tidings.export import casualty_total

    soldiers = [killed_of(9, 9, "soldiers", "military")]
    attackers = [killed_of(10, 15, "attackers", "militant", at=20)]
    # Two sources on one ambush, each counting other victims: 9 + 10, not the lowest (9).
    assert casualty_total([soldiers, attackers], "killed") == 19
    # Two sources counting the same victims: the lowest, as ACLED does.
    assert casualty_total([soldiers, [killed_of(12, 12, "Iraqi soldiers", "military")]],
                          "killed") == 9
    # One source: its groups add up, as before.
    assert casualty_total([soldiers + attackers], "killed") == 19
