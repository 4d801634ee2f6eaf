"""The ECB+ evaluation: the CROMER XML reader, the coreference scorers on clusters scored by hand,
the matching of tidings events to gold mentions, and a short run on the gold data when present."""

from __future__ import annotations

import re

import pytest

from tidings.eval.ecbplus import (
    GoldDoc, Matched, b_cubed, ceaf_e, clusters_of, conll_scores, match_mentions, muc,
    read_doc, score_store, score_topics, store_labels,
)
from tidings.models import ArticleMeta, ArticleResult, Event, Span

# The worked example of Pradhan et al. (2014), "Scoring coreference partitions of predicted
# mentions: a reference implementation": key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
# Their published scores: MUC R 0.40 P 0.40; B³ R 0.42 P 0.50; CEAF-e R 0.65 P 0.43.
KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_on_the_reference_example():
    # recall: {a b c} cut in 2 pieces -> 1 link of 2; {d e f g} in 3 ({d} {e} {f g}) -> 1 of 3
    # precision: {a b} 1 of 1; {c d} 0 of 1; {f g h i} cut in 3 -> 1 of 3
    p, r, f = muc(KEY, RESPONSE)
    assert (p, r, f) == pytest.approx((2 / 5, 2 / 5, 2 / 5))


def test_b_cubed_on_the_reference_example():
    # recall per key mention: a, b 2/3; c 1/3; d 1/4; e 0; f, g 2/4 -> (35/12) / 7
    # precision per response mention: a, b 1; c, d 1/2; f, g 2/4; h, i 0 -> 4 / 8
    p, r, f = b_cubed(KEY, RESPONSE)
    assert p == pytest.approx(0.5)
    assert r == pytest.approx(35 / 84)
    assert f == pytest.approx(2 * 0.5 * (35 / 84) / (0.5 + 35 / 84))


def test_ceaf_e_on_the_reference_example():
    # best alignment: {a b c}-{a b} phi4 = 2*2/5 = 0.8, {d e f g}-{f g h i} = 2*2/8 = 0.5
    p, r, _ = ceaf_e(KEY, RESPONSE)
    assert r == pytest.approx(1.3 / 2)
    assert p == pytest.approx(1.3 / 3)


def test_conll_f1_is_the_mean_of_the_three_f1_scores():
    scores = conll_scores(KEY, RESPONSE)
    expected = (muc(KEY, RESPONSE)[2] + b_cubed(KEY, RESPONSE)[2] + ceaf_e(KEY, RESPONSE)[2]) / 3
    assert scores["conll_f1"] == pytest.approx(expected)
    assert scores["conll_f1"] == pytest.approx((0.4 + 0.4545 + 0.52) / 3, abs=1e-3)


def test_a_perfect_response_scores_one_and_all_singletons_have_no_muc_links():
    assert conll_scores(KEY, KEY)["conll_f1"] == pytest.approx(1.0)
    singletons = [frozenset({m}) for m in "abcd"]
    scores = conll_scores(singletons, singletons)
    assert scores["muc_f1"] == 0.0  # no links to find or miss
    assert scores["b3_f1"] == pytest.approx(1.0) and scores["ceafe_f1"] == pytest.approx(1.0)


def test_merging_everything_is_punished_by_b_cubed_precision():
    everything = [frozenset("abcdefg")]
    p, r, _ = b_cubed(KEY, everything)
    assert r == pytest.approx(1.0)
    assert p == pytest.approx((3 * 3 / 7 + 4 * 4 / 7) / 7)  # 25/49


# A made-up two-sentence report in the corpus's CROMER layout: tokens, markables anchored to tokens
# (an instance descriptor without anchors, a location that is no event), and both relation kinds.
XML = """<Document doc_name="9_3ecbplus.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http://example.org/story</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">a</token>
<token t_id="5" sentence="1" number="3">man</token>
<token t_id="6" sentence="1" number="4">in</token>
<token t_id="7" sentence="1" number="5">Leeds</token>
<token t_id="8" sentence="1" number="6">,</token>
<token t_id="9" sentence="1" number="7">officials</token>
<token t_id="10" sentence="1" number="8">said</token>
<token t_id="11" sentence="1" number="9">.</token>
<token t_id="12" sentence="2" number="0">The</token>
<token t_id="13" sentence="2" number="1">arrest</token>
<token t_id="14" sentence="2" number="2">followed</token>
<token t_id="15" sentence="2" number="3">a</token>
<token t_id="16" sentence="2" number="4">raid</token>
<token t_id="17" sentence="2" number="5">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="2"><token_anchor t_id="10"/></ACTION_REPORTING>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="13"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="16"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="5"><token_anchor t_id="14"/></NEG_ACTION_OCCURRENCE>
<LOC_GEO m_id="6"><token_anchor t_id="7"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="7" TAG_DESCRIPTOR="t9_arrest" instance_id="ACT99"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="10" note="ACT99"><source m_id="1"/><source m_id="3"/><target m_id="7"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="11"><source m_id="4"/><source m_id="5"/><target m_id="8"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "9_3ecbplus.xml"
    path.write_text(XML, encoding="utf-8")
    return read_doc(path, 9, None)


def test_reader_builds_text_without_the_url_line(doc):
    assert doc.name == "9_3ecbplus" and doc.topic == 9
    assert doc.text == "Police arrested a man in Leeds, officials said.\nThe arrest followed a raid."


def test_reader_keeps_event_mentions_with_their_offsets_and_gold_clusters(doc):
    found = {m.m_id: (doc.text[m.start:m.end], m.cluster) for m in doc.mentions}
    assert found == {
        1: ("arrested", "ACT99"), 3: ("arrest", "ACT99"),  # one instance across documents
        2: ("said", "9_3ecbplus/2"),  # a singleton
        4: ("raid", "9_3ecbplus/INTRA/11"), 5: ("followed", "9_3ecbplus/INTRA/11"),
    }


def test_reader_keeps_only_the_selected_sentences(tmp_path):
    path = tmp_path / "9_3ecbplus.xml"
    path.write_text(XML, encoding="utf-8")
    doc = read_doc(path, 9, {(9, "3ecbplus", 2)})
    assert sorted(m.m_id for m in doc.mentions) == [3, 4, 5]


def _result(doc: GoldDoc, events: list[tuple[str, list[str]]]) -> ArticleResult:
    def span(word: str) -> Span:
        start = re.search(rf"\b{word}\b", doc.text).start()
        return Span(text=word, start=start, end=start + len(word))

    return ArticleResult(article=ArticleMeta(id=doc.name, text=doc.text), events=[
        Event(id=f"e-{trigger}", type="COERCE", trigger=span(trigger), evidence=[span(w) for w in [trigger, *more]])
        for trigger, more in events])


def test_gold_mentions_match_the_trigger_or_merged_mentions_of_an_event(doc):
    result = _result(doc, [("arrested", ["arrest"]), ("raid", [])])
    assert match_mentions(doc, result) == {1: ("e-arrested", (7, 15)), 3: ("e-arrested", (52, 58)),
                                           4: ("e-raid", (70, 74))}


def test_lemma_baseline_and_in_article_merges_on_matched_mentions():
    matched = [Matched(("d1", 1), 1, "A", "e1", "arrest"), Matched(("d2", 1), 1, "A", "e2", "arrest"),
               Matched(("d2", 2), 1, "B", "e3", "raid"), Matched(("d3", 1), 2, "C", "e4", "arrest")]
    scores = score_topics([], matched, None)
    # lemma: {d1/1 d2/1} (same topic, same lemma), {d2/2}, {d3/1} (another topic): the gold exactly
    assert scores["lemma"]["conll_f1"] == pytest.approx(1.0)
    # no cross-document merge: every mention alone, so the one gold link is missed
    assert scores["article"]["muc_f1"] == 0.0
    assert scores["article"]["b3_r"] == pytest.approx((0.5 + 0.5 + 1 + 1) / 4)


def test_clusters_of_groups_mentions_by_label():
    assert sorted(map(sorted, clusters_of({"a": 1, "b": 2, "c": 1}))) == [["a", "c"], ["b"]]


@pytest.mark.gold
@pytest.mark.slow
def test_short_run_on_the_gold_data(pipeline, eval_root):
    from tidings.eval import ecbplus

    folder = eval_root / "ecbplus"
    if not folder.is_dir():
        pytest.skip(f"ECB+ not found at {folder}")
    report = ecbplus.run(folder, pipeline, limit=10)  # the first dev topic, whole
    counts, scores = report.counts, report.scores
    assert counts["documents"] == counts["dev_documents"] >= 10
    assert 0 < counts["reached_mentions"] <= counts["matched_mentions"] <= counts["gold_mentions"]
    assert scores["mention_recall"] == pytest.approx(counts["matched_mentions"] / counts["gold_mentions"])
    assert scores["coverage"] == pytest.approx(counts["reached_mentions"] / counts["gold_mentions"])
    assert counts["stored_events"] <= counts["events"]
    for name in ("conll_f1", "lemma_conll_f1", "b3_f1", "muc_f1", "ceafe_f1", "within_topic_conll_f1"):
        assert 0.0 <= scores[name] <= 1.0
    assert scores["conll_f1"] == pytest.approx((scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3)


def test_events_are_clustered_within_their_topic_only():
    def one_cluster(results):  # a clusterer that merges every event it is given
        return {(r.article.id, e.id): 0 for r in results for e in r.events}

    def result(name: str, event_id: str) -> ArticleResult:
        span = Span(text="raid", start=0, end=4)
        return ArticleResult(article=ArticleMeta(id=name, text="raid"),
                             events=[Event(id=event_id, type="ASSAULT", trigger=span, evidence=[span])])

    results = [result("1_1ecb", "e1"), result("1_2ecb", "e2"), result("2_1ecb", "e3")]
    matched = [Matched(("1_1ecb", 1), 1, "A", "e1", "raid"), Matched(("1_2ecb", 1), 1, "A", "e2", "raid"),
               Matched(("2_1ecb", 1), 2, "B", "e3", "raid")]
    assert score_topics(results, matched, one_cluster)["system"]["conll_f1"] == pytest.approx(1.0)


def test_the_store_merge_clusters_events_across_documents_with_a_given_config():
    from tidings.eval.ecbplus import dedup_clusterer

    def result(name: str, text: str, trigger: str) -> ArticleResult:
        start = text.index(trigger)
        span = Span(text=trigger, start=start, end=start + len(trigger))
        return ArticleResult(article=ArticleMeta(id=name, text=text), events=[
            Event(id=f"e-{name}", type="COERCE", trigger=span, evidence=[span])])

    results = [result("4_1ecb", "Police arrested the singer on Friday.", "arrested"),
               result("4_2ecb", "The singer was arrested in Miami.", "arrested"),
               result("4_3ecb", "Rebels fired rockets at the town.", "fired")]
    labels = dedup_clusterer({"threshold": 0.35, "weights": {"text": 5.0, "type": 0.5, "context": 0.0}})(results)
    assert labels[("4_1ecb", "e-4_1ecb")] == labels[("4_2ecb", "e-4_2ecb")]
    assert len(set(labels.values())) == 2  # "fired" shares no word with them: it stays alone


def test_the_store_level_score_reads_clusters_back_from_one_store(tmp_path):
    """Reports of one event in two articles become one stored event; the scores are read from the
    store, and a mention whose event is not a stored report is not reached."""
    from datetime import date

    from tidings.models import Place

    def result(name: str, text: str, trigger: str) -> ArticleResult:
        start = text.index(trigger)
        span = Span(text=trigger, start=start, end=start + len(trigger))
        at = text.index("Dundee")
        place = Place(text="Dundee", start=at, end=at + 6, name="Dundee", lat=56.46, lon=-2.97, country="GBR")
        return ArticleResult(article=ArticleMeta(id=name, text=text, published=date(2021, 6, 3)),
                             places=[place],
                             events=[Event(id=f"e-{name}", type="COERCE", trigger=span, evidence=[span],
                                           location=place)])

    results = [result("4_1ecb", "Police in Dundee arrested the painter Arlo Venn.", "arrested"),
               result("4_2ecb", "The painter Arlo Venn was arrested by police in Dundee.", "arrested")]
    labels = store_labels(results, tmp_path / "s.db")
    assert labels.events[("4_1ecb", "e-4_1ecb")] == labels.events[("4_2ecb", "e-4_2ecb")]
    spans = {r.article.id: (r.events[0].trigger.start, r.events[0].trigger.end) for r in results}
    matched = [Matched(("4_1ecb", 1), 4, "A", "e-4_1ecb", "arrest", spans["4_1ecb"]),
               Matched(("4_2ecb", 1), 4, "A", "e-4_2ecb", "arrest", spans["4_2ecb"]),
               Matched(("4_2ecb", 2), 4, "B", "e-gone", "raid")]  # an event the store does not hold
    reached, scores = score_store(matched, labels)
    assert [m.mention for m in reached] == [("4_1ecb", 1), ("4_2ecb", 1)]
    assert scores["system"]["conll_f1"] == pytest.approx(1.0)
    assert scores["incident"]["conll_f1"] == pytest.approx(1.0)
    assert scores["article"]["muc_f1"] == 0.0


def test_the_store_level_score_keeps_the_actions_of_one_incident_apart(tmp_path):
    """One incident, two actions ("shot", "killed"): ECB+ has two events, so the headline scores
    the stored event's actions, and the incident figure scores the stored event alone."""
    text = "A gunman shot a guard and killed him in Perth."
    shot, killed = Span(text="shot", start=9, end=13), Span(text="killed", start=27, end=33)
    event = Event(id="e-1", type="ASSAULT", trigger=shot, evidence=[shot, killed])
    labels = store_labels([ArticleResult(article=ArticleMeta(id="7_1ecb", text=text), events=[event])],
                          tmp_path / "s.db")
    assert labels.actions[("7_1ecb", "e-1", 9, 13)] == ("e-1", "shoot")
    assert labels.actions[("7_1ecb", "e-1", 27, 33)] == ("e-1", "kill")
    matched = [Matched(("7_1ecb", 1), 7, "SHOOT", "e-1", "shoot", (9, 13)),
               Matched(("7_1ecb", 2), 7, "KILL", "e-1", "kill", (27, 33))]
    _, scores = score_store(matched, labels)
    assert scores["system"]["b3_p"] == pytest.approx(1.0)
    assert scores["incident"]["b3_p"] == pytest.approx(0.5)
