"""resolve/dedup.py: the merge records, the pairwise score and the clusters, on hand-built records
and events (no spaCy, no database)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest
import yaml

from tidings.config import DATA_DIR
from tidings.models import (
    EVENT_TYPES, Actor, ArticleMeta, Casualty, Event, EventDate, MergeDecision, Place, Span,
)
from tidings.resolve.dedup import (
    METHOD_EVENT_DATE, METHOD_INFERRED_DATE, METHOD_NO_DATE, METHOD_PUBLISHED, ReportRecord, cluster, cluster_id, components, load_config, record_for, resolve_config, score,
)

DAY = date(2024, 1, 28).toordinal()


def rec(key: str, **kw) -> ReportRecord:
    """A report of an ASSAULT in Baghdad on 28 January 2024 by US forces on Kataib Hezbollah,
    three killed; keyword arguments change it."""
    base = dict(type="ASSAULT", family="material_conflict", date_low=DAY, date_high=DAY, dated=True,
                country="IRQ", lat=33.34, lon=44.40, sources=frozenset({"USA-MIL"}),
                targets=frozenset({"KH"}), figures=(("killed", 3),), trigger="strik",
                words=frozenset({"strik", "dron", "kill", "commander"}), confidence=0.8,
                context=frozenset({"baghdad", "kataib", "hezbollah", "sudani", "pentagon"}))
    base.update(kw)
    return ReportRecord(key=key, **base)


def test_merge_file_names_every_plover_type_once():
    raw = yaml.safe_load((DATA_DIR / "merge.yaml").read_text(encoding="utf-8"))
    named = [t for types in raw["families"].values() for t in types]
    assert sorted(named) == sorted(EVENT_TYPES)
    assert set(raw["weights"]) == {"date", "place", "actors", "casualties", "type", "text", "context"}
    config = load_config()
    assert config.families["COERCE"] == "material_conflict" and 0 < config.star_floor < config.threshold


def test_score_is_symmetric_and_high_for_two_reports_of_one_strike():
    a = rec("a-1/e-1")
    b = rec("a-2/e-2", date_low=DAY + 1, date_high=DAY + 1, lat=33.31, lon=44.36,
            figures=(("killed", 4),), targets=frozenset(), words=frozenset({"strik", "car", "kill"}))
    assert score(a, b) == score(b, a)
    assert 0.75 < score(a, b) < 0.9  # a day apart, 5 km apart, 3 vs 4 killed, one actor missing


def test_articles_naming_other_people_and_places_score_lower():
    a = rec("a-1/e-1")
    same = rec("a-2/e-2")
    half = rec("a-2/e-2", context=frozenset({"baghdad", "basra", "najaf", "sadr"}))
    other = rec("a-2/e-2", context=frozenset({"basra", "najaf", "sadr", "maliki"}))
    unknown = rec("a-2/e-2", context=frozenset())
    assert score(a, same) > score(a, half) > score(a, unknown) > score(a, other)


@pytest.mark.parametrize("change, why", [
    ({"country": "SYR"}, "another country is another block"),
    ({"family": "protest", "type": "PROTEST"}, "another family"),
    ({"date_low": DAY + 3, "date_high": DAY + 3}, "dates beyond the 2-day window"),
    ({"lat": 36.34, "lon": 43.13}, "Mosul is about 340 km from Baghdad: beyond veto_km"),
    ({"figures": (("killed", 300),)}, "3 killed vs 300 killed"),
])
def test_vetoes_give_zero(change, why):
    assert score(rec("a-1/e-1"), rec("a-2/e-2", **change)) == 0.0, why


def test_close_figures_are_compatible_and_far_ones_are_not():
    a = rec("a-1/e-1", figures=(("killed", 30),))
    assert score(a, rec("a-2/e-2", figures=(("killed", 34),))) > 0.8  # 4 apart, ratio 0.88
    assert score(a, rec("a-2/e-2", figures=(("killed", 14),))) == 0.0  # 16 apart, ratio 0.47


def test_swapped_roles_score_lower_than_kept_roles():
    a = rec("a-1/e-1")
    swapped = rec("a-2/e-2", sources=frozenset({"KH"}), targets=frozenset({"USA-MIL"}))
    assert score(a, swapped) < score(a, rec("a-2/e-2"))


def test_undated_reports_merge_on_a_weaker_date_unless_disabled():
    a = rec("a-1/e-1")
    undated = rec("a-2/e-2", dated=False, date_low=DAY - 2, date_high=DAY + 1)
    assert 0.6 < score(a, undated) < score(a, rec("a-2/e-2"))
    assert score(a, undated, {"merge_undated": False}) == 0.0


def test_reports_with_no_date_compare_the_rest_and_are_clustered_with_their_block():
    a = rec("a-1/e-1")
    no_date = rec("a-2/e-2", dated=False, date_low=None, date_high=None)
    # No date at all says no more than a publication date does.
    assert 0 < score(a, no_date) <= score(a, rec("a-2/e-2", dated=False, date_low=DAY - 2, date_high=DAY + 1))
    assert score(a, no_date, {"merge_no_date": False}) == 0.0
    # Far from any date window, the undated copy still joins each of the two; the dated reports
    # a year apart do not join each other, and the star cut keeps them apart.
    later = rec("a-3/e-3", date_low=DAY + 365, date_high=DAY + 365)
    assert score(a, later) == 0.0
    clusters = cluster([a, no_date, later], {"threshold": 0.6})
    assert sorted(map(len, clusters)) == [1, 2]
    assert cluster([a, no_date, later], {"threshold": 0.6, "merge_no_date": False}) == [
        ["a-1/e-1"], ["a-2/e-2"], ["a-3/e-3"]]


def test_synonym_triggers_score_between_one_word_and_two_unrelated_words():
    config = load_config()
    assert config.synonyms["slay"] == config.synonyms["murder"] == "kill"
    base = dict(words=frozenset({"warehouse"}))
    a = rec("a-1/e-1", trigger="murder", sense="kill", **base)
    same = rec("a-2/e-2", trigger="murder", sense="kill", **base)
    synonym = rec("a-2/e-2", trigger="slay", sense="kill", **base)
    other = rec("a-2/e-2", trigger="rob", sense="rob", **base)
    assert score(a, same) > score(a, synonym) > score(a, other)


def test_record_for_gives_a_trigger_its_synonym_group():
    text = "Gunmen slew a shopkeeper."
    trigger = Span(text="slew", start=text.index("slew"), end=text.index("slew") + 4)
    record = record_for(Event(id="e-1", type="ASSAULT", trigger=trigger, evidence=[trigger]),
                        ArticleMeta(id="a-1", published=date(2024, 1, 29), text=text))
    assert (record.trigger, record.sense) == ("slay", "kill")


def test_participants_sharing_words_score_above_participants_sharing_nothing():
    a = rec("a-1/e-1", sources=frozenset({"police officer"}), targets=frozenset({"diane smith"}))
    words = rec("a-2/e-2", sources=frozenset({"officer"}), targets=frozenset({"smith"}))
    nothing = rec("a-2/e-2", sources=frozenset({"rebels"}), targets=frozenset({"villagers"}))
    assert score(a, words) > score(a, nothing)
    assert score(a, words, {"actor_word_credit": 0.0}) == score(a, nothing)


def test_config_overrides_are_checked():
    assert resolve_config({"weights": {"text": 3.0}}).weights["place"] == load_config().weights["place"]
    with pytest.raises(ValueError, match="treshold"):
        resolve_config({"treshold": 0.5})


def test_record_for_an_event_uses_its_date_or_the_publication_date():
    text = "BAGHDAD (Wire) - A drone strike killed three fighters in Baghdad on Sunday."
    trigger = Span(text="strike", start=text.index("strike"), end=text.index("strike") + 6)
    sunday = Span(text="Sunday", start=text.index("Sunday"), end=text.index("Sunday") + 6)
    event = Event(
        id="e-1", type="COERCE", trigger=trigger,
        evidence=[Span(text="A drone strike killed three fighters", start=17, end=53)],
        source_actors=[Actor(text="Wire", start=10, end=14, name="U.S. Military", registry_id=None)],
        location=Place(text="Baghdad", start=57, end=64, name="Baghdad", lat=33.34, lon=44.4,
                       country="IRQ"),
        date=EventDate(**sunday.model_dump(), value="2024-01-28", granularity="day"),
        casualties=[Casualty(kind="killed", low=3, high=3, evidence=trigger)], confidence=0.7)
    article = ArticleMeta(id="a-9", published=date(2024, 1, 29), text=text)
    r = record_for(event, article)
    assert (r.key, r.family, r.date_low, r.dated, r.country, r.figures) == (
        "a-9/e-1", "material_conflict", DAY, True, "IRQ", (("killed", 3),))
    assert r.sources == frozenset({"u.s. military"}) and r.trigger == "strik"
    assert {"dron", "kill", "fighter"} <= r.words and "the" not in r.words
    vague = record_for(event.model_copy(update={"date": EventDate(
        **sunday.model_dump(), value="2024-01", granularity="month")}), article)
    # "in January" is too vague to block on: the publication date stands in, reaching back 3 days.
    assert (vague.dated, vague.date_low, vague.date_high) == (False, DAY - 2, DAY + 1)
    assert ReportRecord.from_json(r.to_json()) == r
    # The record says what its date rests on.
    assert r.method == METHOD_EVENT_DATE and vague.method == METHOD_PUBLISHED
    inferred = record_for(event.model_copy(update={"date": None}),
                          article.model_copy(update={"published_inferred": True}))
    assert (inferred.method, inferred.date_high) == (METHOD_INFERRED_DATE, DAY + 1)
    undated = record_for(event.model_copy(update={"date": None}),
                         article.model_copy(update={"published": None}))
    assert (undated.method, undated.date_low) == (METHOD_NO_DATE, None)


def test_clusters_do_not_depend_on_input_order():
    rng = random.Random(11)
    records = []
    for event in range(40):
        place = (33 + rng.random() * 3, 40 + rng.random() * 4)
        day = DAY + rng.randrange(10)
        for n in range(rng.randint(1, 4)):
            records.append(rec(
                f"a-{event}-{n}/e-{event}{n}", date_low=day + rng.choice((0, 0, 1)),
                date_high=day + rng.choice((1, 1, 2)), lat=place[0] + rng.gauss(0, 0.05),
                lon=place[1] + rng.gauss(0, 0.05), confidence=round(rng.random(), 2),
                sources=frozenset({f"actor{event % 7}"}), targets=frozenset(),
                figures=(("killed", event + rng.choice((0, 1))),),
                context=frozenset({f"village{event}", f"victim{event}"})))
    expected = cluster(records)
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == expected
    assert 10 < len(expected) < 40 < len(records)


def test_the_star_cut_stops_a_chain():
    # 3 killed, 5 killed, 7 killed 50 km apart in a row, actors and words shifting: each report
    # links to its neighbour, but 3 and 7 cannot be one event (a figure veto).
    a = rec("a-1/e-1", lat=33.0, lon=44.0, confidence=0.9, sources=frozenset({"x"}),
            targets=frozenset(), figures=(("killed", 3),), words=frozenset({"strik", "dron", "car"}))
    b = rec("a-2/e-2", lat=33.0, lon=44.5, confidence=0.5, sources=frozenset({"x", "y"}),
            targets=frozenset(), figures=(("killed", 5),), date_high=DAY + 1,
            words=frozenset({"strik", "dron", "car", "market", "shell"}))
    c = rec("a-3/e-3", lat=33.0, lon=45.0, confidence=0.4, sources=frozenset({"y"}),
            targets=frozenset(), figures=(("killed", 7),), date_low=DAY + 1, date_high=DAY + 1,
            words=frozenset({"strik", "market", "shell"}), trigger="shell")
    config = load_config()
    assert score(a, b) >= config.threshold and score(b, c) >= config.threshold
    assert score(a, c) == 0.0
    [component] = components([c, b, a])
    assert component.id == "a-1/e-1"
    assert component.clusters == [["a-1/e-1", "a-2/e-2"], ["a-3/e-3"]]


def test_decisions_split_then_merge():
    a, b, c = rec("a-1/e-1"), rec("a-2/e-2"), rec("a-3/e-3", country="SYR")
    assert cluster([a, b, c]) == [["a-1/e-1", "a-2/e-2"], ["a-3/e-3"]]
    split = MergeDecision(action="split", reports=["a-2/e-2"])
    assert cluster([a, b, c], decisions=[split]) == [["a-1/e-1"], ["a-2/e-2"], ["a-3/e-3"]]
    merge = MergeDecision(action="merge", reports=["a-3/e-3", "a-2/e-2"])
    assert cluster([a, b, c], decisions=[split, merge]) == [["a-1/e-1"], ["a-2/e-2", "a-3/e-3"]]
    # A decision naming a report that is not there yet changes nothing until it comes.
    assert cluster([a, c], decisions=[merge]) == [["a-1/e-1"], ["a-3/e-3"]]


def test_cluster_ids_and_duplicate_keys():
    assert cluster_id(["https://x.org/a/1/e-9", "https://y.org/e-1"]) == "e-9"  # ids may hold "/"
    with pytest.raises(ValueError, match="twice"):
        cluster([rec("a-1/e-1"), replace(rec("a-1/e-1"), confidence=0.1)])


def test_article_context_takes_the_dateline_country_and_leaves_outlets_out():
    from tidings.models import ArticleResult, Span
    from tidings.resolve.dedup import article_context

    text = "KABUL (Reuters) - A blast in Herat killed two. Iranian and Pakistani officials said Herat was calm."

    def at(word: str, nth: int = 0) -> dict:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return Span(text=word, start=start, end=start + len(word)).model_dump()

    places = [Place(**at("KABUL"), name="Kabul", country="AFG"),
              Place(**at("Herat"), name="Herat", country="AFG"),
              Place(**at("Herat", 1), name="Herat", country="AFG")]
    actors = [Actor(**at("Reuters"), name="Reuters", kind="media", registry_id="reuters"),
              Actor(**at("officials"), name="Pakistani officials", kind="government", registry_id="PAK-GOV")]
    meta = ArticleMeta(id="a-1", text=text, dateline=Span(text="KABUL (Reuters) -", start=0, end=17))
    context = article_context(ArticleResult(article=meta, places=places, actors=actors))
    assert context.country == "AFG"
    assert context.names == frozenset({"kabul", "herat", "pakistani", "officials"})  # no "reuters"
    # Without a dateline, the country named most.
    other = [Place(**at("Herat"), name="Mashhad", country="IRN"), *places[1:]]
    assert article_context(ArticleResult(article=meta.model_copy(update={"dateline": None}),
                                         places=other)).country == "AFG"


def test_story_vectors_depend_on_their_article_alone_and_link_only_across_articles():
    from tidings.resolve.dedup import ReportRecord, load_config, story_similarity, story_vector

    c = load_config()
    text = ("Ferry Calloway Star sank off Pemba Island; the Calloway Star carried 300 passengers. "
            "Rescuers from Pemba pulled survivors of the Calloway Star from the water.")
    names = frozenset({"calloway", "star", "pemba"})
    vector = story_vector(text, names, c)
    assert vector == story_vector(text, names, c)
    assert abs(sum(w * w for _, w in vector) - 1.0) < 1e-3  # unit length
    assert vector[0][0] in {"calloway", "star", "pemba"}  # names weigh most
    other = story_vector("A storm closed schools in Lusaka; rain fell for three days.", frozenset(), c)

    def rec(key: str, story) -> ReportRecord:
        return ReportRecord(key=key, type="ASSAULT", family="f", story=story, sense="sink")

    a, b, same_article = rec("a1/e1", vector), rec("a2/e1", vector), rec("a1/e2", vector)
    assert story_similarity(a, b, c) == story_similarity(b, a, c) > 0.99
    assert story_similarity(a, same_article, c) == 0.0  # one article's events merge in-article
    assert story_similarity(a, rec("a3/e1", other), c) == 0.0  # no index word in common


def _story(*terms: str) -> tuple[tuple[str, float], ...]:
    """A unit story vector of equally weighted words."""
    w = 1.0 / len(terms) ** 0.5
    return tuple((t, w) for t in terms)


def test_events_of_one_story_join_after_the_star_cut():
    # Three articles tell one story; the middle one is alike to both others, the outer two are not
    # alike enough to be linked directly. One trigger sense, no dates or places to rule it out:
    # the star cut alone would part the outer two, the story join keeps them one event.
    c = load_config()
    left = _story("ferry", "pemba", "calloway", "sank", "rescuer", "survivor")
    middle = _story("ferry", "pemba", "calloway", "sank", "island", "passenger")
    right = _story("ferry", "island", "passenger", "calloway", "capsiz", "coast")
    records = [rec(f"a{n}/e1", story=s, sense="sink", trigger="sink", dated=False, date_low=None,
                   date_high=None, lat=None, lon=None, country=None, figures=(), confidence=0.9 - n / 10,
                   sources=frozenset(), targets=frozenset(), context=frozenset(t for t, _ in s),
                   words=frozenset(t for t, _ in s[3:]))
               for n, s in enumerate([left, middle, right])]
    records[2] = replace(records[2], country="TZA")  # the usual score needs one country; stories do not
    from tidings.resolve.dedup import story_similarity
    assert story_similarity(records[0], records[1], c) >= c.story_join_threshold
    assert story_similarity(records[1], records[2], c) >= c.story_join_threshold
    assert story_similarity(records[0], records[2], c) < c.story_threshold
    assert score(records[0], records[2]) < c.star_floor  # nor near by the usual score
    assert cluster(records) == [["a0/e1", "a1/e1", "a2/e1"]]
    assert cluster(records, {"story_join": False}) == [["a0/e1", "a1/e1"], ["a2/e1"]]
    # Another trigger sense in the same story is another event.
    other = replace(records[2], key="a3/e1", sense="rescu", trigger="rescu",
                    words=frozenset({"rescu", "lifeboat"}))
    assert ["a3/e1"] in cluster([*records, other])


def test_other_stories_do_not_link_and_alike_stories_must_say_more():
    c = load_config()
    mine = ["strik", "baghdad", "kataib", "drone", "commander", "pentagon", "convoy", "airport",
            "militia", "retaliation", "jordan", "tower"]
    a = rec("a1/e1", story=_story(*mine))
    unrelated = _story("strik", *(f"union{n}" for n in range(11)))  # one word of twelve shared
    alike = _story(*mine[:4], *(f"market{n}" for n in range(8)))  # four of twelve: cosine 1/3
    assert score(a, rec("a2/e1")) >= c.threshold  # no story vector: the parts decide
    assert score(a, rec("a2/e1", story=unrelated)) == 0.0  # other stories: below story.floor
    assert c.story_floor <= 1 / 3 < c.story_threshold
    lowered = score(a, rec("a2/e1", story=alike))
    assert lowered == pytest.approx(score(a, rec("a2/e1")) - c.story_penalty)
    # A brief's few words say too little to rule its report out.
    brief = _story("strik", "union", "wage")
    assert len(brief) < c.story_min_terms
    assert score(a, rec("a2/e1", story=brief)) == score(a, rec("a2/e1"))


def test_events_one_article_left_apart_join_only_with_one_trigger_sense():
    s = _story("strik", "baghdad", "kataib", "drone", "commander", "pentagon")
    a = rec("a1/e1", story=s, sense="attack")
    assert score(a, rec("a1/e2", story=s, sense="kill", trigger="kill")) == 0.0
    assert score(a, rec("a1/e2", story=s, sense="attack")) >= load_config().threshold


def test_a_phrase_trigger_takes_its_synonym_group():
    t = "Gunmen opened fire on a bus near Mersing."
    article = ArticleMeta(id="a-1", url=None, title=None, source=None, published=date(2024, 1, 28))
    start = t.index("opened fire")
    event = Event(id="e-1", type="ASSAULT", trigger=Span(start=start, end=start + 11, text="opened fire"),
                  evidence=[], confidence=0.8)
    assert record_for(event, article).sense == load_config().synonyms["shoot"]
