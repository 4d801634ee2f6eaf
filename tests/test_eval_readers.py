"""The gold-set readers and scorers of plover-gsr, petrarch2-validation and muc4, and the report,
on small files written here in each format (made-up sentences, not the gold data) and on
hand-built predictions. Only the truecasing test needs the spaCy model (its word list), through
the session's ``nlp`` fixture."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tidings.eval import muc4, petrarch2, plover_gsr, report
from tidings.models import (
    EVENT_TYPES, Actor, ArticleMeta, ArticleResult, Casualty, Claim, EvalReport, Event, Span,
)

# --- hand-built predictions ---------------------------------------------------------------------


def actor(text: str, start: int, name: str | None = None, country: str | None = None) -> Actor:
    return Actor(text=text, start=start, end=start + len(text), name=name or text, country=country)


def event(type_: str, confidence: float, *, cameo: str | None = None, mode: str | None = None,
          sources: list[Actor] = (), targets: list[Actor] = (),
          casualties: list[Casualty] = ()) -> Event:
    return Event(id=f"e-{type_}-{confidence}", type=type_, mode=mode, cameo=cameo,
                 trigger=Span(text="x", start=0, end=1), confidence=confidence,
                 source_actors=list(sources), target_actors=list(targets),
                 casualties=list(casualties))


def result(events: list[Event] = (), claims: list[Claim] = (), actors: list[Actor] = ()) -> ArticleResult:
    return ArticleResult(article=ArticleMeta(id="a-1"), events=list(events), claims=list(claims),
                         actors=list(actors))


def casualty(kind: str, low: int, high: int | None) -> Casualty:
    return Casualty(kind=kind, low=low, high=high, evidence=Span(text="x", start=0, end=1))


# --- PLOVER-GSR ---------------------------------------------------------------------------------

GSR_TEXT = "Ruritanian officials agreed on Monday to reopen the border with Freedonia."


@pytest.fixture
def gsr_file(tmp_path):
    records = [
        {"id": "T-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "about this file"},
        {"id": "T-AGREE-0001", "event": "AGREE", "text": GSR_TEXT,
         "source": [{"actorText": "Ruritanian officials", "code": "RUR", "sector": "GOV"}],
         "target": [{"actorText": "Freedonia", "code": "FRE"}]},
        {"id": "T-DEMAND-0001", "event": "DEMAND", "text": "Kenya demanded that Uganda pay.",
         "source": [{"actorText": "Kenya", "code": "KEN"}], "target": ""},
    ]
    path = tmp_path / "records.txt"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_plover_reader_skips_documentation_and_maps_legacy_types(gsr_file):
    records = plover_gsr.read_records(gsr_file)
    assert [r.id for r in records] == ["T-AGREE-0001", "T-DEMAND-0001"]
    assert records[0].sources[0] == plover_gsr.GoldActor("Ruritanian officials", "RUR", "GOV")
    assert records[0].targets[0].text == "Freedonia"
    assert (records[1].event, records[1].legacy_event) == ("REQUEST", "DEMAND")
    assert records[1].targets == []  # a stray "" in the target field is no actor


def test_plover_reader_rejects_an_unknown_type(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(json.dumps([{"id": "T-X-1", "event": "GOSSIP", "text": "They talked."}]))
    with pytest.raises(ValueError, match="GOSSIP"):
        plover_gsr.read_records(path)


def test_plover_legacy_types_map_onto_plover_types():
    assert set(plover_gsr.LEGACY_TYPES.values()) <= set(EVENT_TYPES)


def test_actor_match_by_span_country_and_name():
    gold = plover_gsr.GoldActor("Ruritanian officials", "KEN", "GOV")
    # overlapping the gold words in the text
    assert plover_gsr.actor_matches(actor("officials", 11), gold, GSR_TEXT)
    # elsewhere in the text, same ISO country
    assert plover_gsr.actor_matches(actor("Nairobi", 60, country="KEN"), gold, GSR_TEXT)
    # elsewhere, no country, but a shared content word in the canonical name
    assert plover_gsr.actor_matches(actor("they", 60, name="Ruritanian government"), gold, GSR_TEXT)
    # only a generic word in common: no match
    assert not plover_gsr.actor_matches(actor("border officials", 55), gold, GSR_TEXT)
    # IGO is a CAMEO code, not a country: equal codes do not make a match
    igo = plover_gsr.GoldActor("the summit", "IGO", None)
    assert not plover_gsr.actor_matches(actor("Freedonia", 64, country="IGO"), igo, GSR_TEXT)


def test_plover_tally_scores_the_most_confident_event(gsr_file):
    agree, demand = plover_gsr.read_records(gsr_file)
    tally = plover_gsr.Tally()
    tally.add(agree, result([
        event("CONSULT", 0.4),
        event("AGREE", 0.9, sources=[actor("Ruritanian officials", 0)],
              targets=[actor("border", 52)]),
    ]))
    tally.add(demand, result([]))
    scores = tally.report().scores
    assert scores["type_accuracy"] == 0.5
    assert scores["type_accuracy_predicted"] == 1.0
    assert scores["source_agreement"] == 1.0
    assert scores["target_agreement"] == 0.0
    assert tally.report().examples == ["T-DEMAND-0001: gold REQUEST, predicted none"]


# --- PETRARCH2 ----------------------------------------------------------------------------------

PETRARCH_XML = """<Sentences>
<!-- <Sentence id="IN-A-COMMENT"> is not a sentence -->
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="042"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="903"></EventCoding>
<Text>
Arnor's envoy flew to Gondor
for talks on Friday.
</Text>
</Sentence>
<Sentence date="19950102" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>The weather in Rohan was mild.</Text>
</Sentence>
</Sentences>
"""


def test_petrarch_reader(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(PETRARCH_XML, encoding="utf-8")
    first, second = petrarch2.read_sentences(path)
    assert first.text == "Arnor's envoy flew to Gondor for talks on Friday."
    assert first.roots == frozenset({"04"})  # 903 is a test code, not a CAMEO root
    assert first.codes == ("042", "903")
    assert first.published == date(1995, 1, 1)
    assert second.roots == frozenset()


def test_cameo_root():
    assert petrarch2.cameo_root("0431") == "04"
    assert petrarch2.cameo_root("190") == "19"
    assert petrarch2.cameo_root("345") is None
    assert petrarch2.cameo_root("20") is None  # a root alone is not an event code
    assert petrarch2.cameo_root(None) is None


def test_petrarch_prediction_is_the_top_event_root():
    predicted = result([event("ASSAULT", 0.3, cameo="190"), event("CONSULT", 0.8, cameo="042")])
    assert petrarch2.predicted_root(predicted) == "04"
    assert petrarch2.predicted_root(result([event("CONSULT", 0.8)])) is None


# --- MUC-4 --------------------------------------------------------------------------------------

MUC_TEXT = """DEV-MUC3-0001 (TEST)

   LIMA, 19 OCT 88 -- [TEXT] GUERRILLAS OF THE ANDEAN PATRIOTIC COMMAND
[CPA] SAID THEY PLANTED A BOMB THAT KILLED 3 GUARDS OUTSIDE A
BANK IN LIMA.

   POLICE SAID THE CPA HAS CARRIED OUT SUCH ATTACKS BEFORE.


DEV-MUC3-0002 (TEST)

   LIMA, 20 OCT 88 -- [TEXT] THE CABINET MET TO DISCUSS THE BUDGET.
"""

MUC_KEY = """0.  MESSAGE: ID                     DEV-MUC3-0001 (TEST)
1.  MESSAGE: TEMPLATE               1
4.  INCIDENT: TYPE                  BOMBING
;;; a comment from the annotators
10. PERP: ORGANIZATION ID           "ANDEAN PATRIOTIC COMMAND" / "CPA"
11. PERP: ORGANIZATION CONFIDENCE   CLAIMED OR ADMITTED: "CPA"
19. HUM TGT: DESCRIPTION            "GUARDS"
21. HUM TGT: NUMBER                 3: "GUARDS"
                                    1: "BANK CLERK"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "GUARDS"
                                    ? INJURY: "BANK CLERK"

0.  MESSAGE: ID                     DEV-MUC3-0001 (TEST)
1.  MESSAGE: TEMPLATE               2 (OPTIONAL)
4.  INCIDENT: TYPE                  ROBBERY
10. PERP: ORGANIZATION ID           "CPA"
11. PERP: ORGANIZATION CONFIDENCE   SUSPECTED OR ACCUSED BY AUTHORITIES: "CPA"

0.  MESSAGE: ID                     DEV-MUC3-0002 (TEST)
1.  MESSAGE: TEMPLATE               *
4.  INCIDENT: TYPE                  *
"""


@pytest.fixture
def muc_root(tmp_path):
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "dev-muc3-0001-0002").write_text(MUC_TEXT, encoding="latin-1")
    (folder / "key-dev-0001.muc4").write_text(MUC_KEY, encoding="latin-1")
    return tmp_path


def test_muc_reader_pairs_texts_and_templates(muc_root):
    first, second = muc4.read_split(muc_root)
    assert first.id == "DEV-MUC3-0001"
    assert first.text.startswith("LIMA, 19 OCT 88 -- [TEXT] GUERRILLAS OF THE ANDEAN PATRIOTIC COMMAND [CPA]")
    assert "\n\nPOLICE SAID" in first.text
    assert muc4.published_of(first.text) == date(1988, 10, 19)
    main, optional = first.templates
    assert main.relevant and not main.optional
    assert optional.relevant and optional.optional
    assert not second.templates[0].relevant


def test_muc_template_slots(muc_root):
    main, optional = muc4.read_split(muc_root)[0].templates
    assert [(i.type, set(i.modes)) for i in main.incidents()] == [
        ("ASSAULT", {"explosives", "suicide-attack"})]
    assert [i.type for i in optional.incidents()] == ["COERCE"]
    assert main.perpetrators() == [("ANDEAN PATRIOTIC COMMAND", "CPA")]
    assert main.confidences() == [(frozenset({"claim"}), ("ANDEAN PATRIOTIC COMMAND", "CPA"))]
    assert optional.confidences() == [(frozenset({"accusation"}), ("CPA",))]
    assert sorted(main.victims()) == [("injured", frozenset({1}), "BANK CLERK"),
                                      ("killed", frozenset({3}), "GUARDS")]


def test_muc_key_with_an_unmapped_type_fails_loudly(tmp_path):
    path = tmp_path / "key"
    path.write_text(MUC_KEY.replace("BOMBING", "SHOPLIFTING"), encoding="latin-1")
    with pytest.raises(ValueError, match="SHOPLIFTING"):
        muc4.read_templates(path)[0].incidents()


def test_names_overlap():
    assert muc4.names_overlap("AIR FORCE", "the Salvadoran Air Force")
    assert muc4.names_overlap("CPA", "CPA")
    assert not muc4.names_overlap("ARMY", "the army's 3d infantry brigade")
    assert not muc4.names_overlap("CPA", "")


def test_muc_scores_on_hand_built_predictions(muc_root):
    first, second = muc4.read_split(muc_root)
    cpa = actor("CPA", 60)
    predicted = result(
        events=[event("ASSAULT", 0.9, mode="explosives", sources=[actor("guerrillas", 25)],
                      casualties=[casualty("killed", 3, 3), casualty("injured", 2, None)])],
        claims=[Claim(kind="claim", actor=cpa, evidence=Span(text="x", start=0, end=1))],
        actors=[cpa],
    )
    measures = {name: muc4.Measure() for name in muc4.MEASURES}
    muc4.score_message(first, predicted, measures)
    muc4.score_message(second, result(), measures)  # irrelevant: counts nowhere
    scores = {name: (m.hits, m.total) for name, m in measures.items()}
    assert scores == {
        "incident_type_accuracy": (1, 1),
        "incident_type_recall": (1, 1),
        "incident_mode_recall": (1, 1),
        "perpetrator_org_recall": (1, 1),  # the claimant
        "perpetrator_mention_recall": (1, 1),
        "perp_confidence_accuracy": (1, 1),  # the optional template's accusation is not charged
        "victim_effect_exact": (1, 2),  # 3 killed found; 1 injured not (we said 2)
    }


@pytest.mark.slow
def test_truecase_keeps_length_and_restores_names_and_sentence_starts(nlp):
    text = "LIMA, 7 MAR 90 -- [TEXT] GUERRILLAS OF THE FMLN ATTACKED A POST IN PERU. I SAW IT."
    cased = muc4.truecase(text)
    assert len(cased) == len(text)
    assert cased == "Lima, 7 mar 90 -- [text] Guerrillas of the FMLN attacked a post in Peru. I saw it."


# --- report -------------------------------------------------------------------------------------


def test_render_table_marks_floors():
    reports = [EvalReport(name="muc4", scores={"a": 0.5, "b": 0.25}),
               EvalReport(name="plover-gsr", scores={"type_accuracy": 0.1})]
    baseline = {"muc4": {"a": 0.4, "b": 0.3, "c": 0.1}}
    lines = report.render_table(reports, baseline).splitlines()
    assert lines[0].split() == ["set", "metric", "score", "floor", "status"]
    assert [line.split() for line in lines[2:]] == [
        ["muc4", "a", "0.500", "0.400", "ok"],
        ["muc4", "b", "0.250", "0.300", "BELOW"],
        ["muc4", "c", "missing", "0.100", "BELOW"],
        ["plover-gsr", "type_accuracy", "0.100", "-", "-"],
    ]


def test_write_scores(tmp_path):
    path = tmp_path / "out" / "scores.json"
    report.write_scores([EvalReport(name="muc4", scores={"a": 0.5}, counts={"texts": 2})], path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written == {"muc4": {"scores": {"a": 0.5}, "counts": {"texts": 2}, "examples": [],
                                "notes": ""}}


def test_muc_crosswalk_covers_the_incident_types_with_plover_types():
    table = muc4.crosswalk()
    assert {"ATTACK", "BOMBING", "KIDNAPPING", "ARSON", "ROBBERY", "FORCED WORK STOPPAGE",
            "MURDER"} <= set(table)
    assert {incident.type for incident in table.values()} <= set(EVENT_TYPES)
    assert table["KIDNAPPING"].modes == frozenset({"abduct"})


# --- MUC-4 incident date and place --------------------------------------------------------------

MUC_WHERE_KEY = """0.  MESSAGE: ID                     DEV-MUC3-0001 (TEST)
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  (18 OCT 88 - 19 OCT 88) / (- 19 OCT 88)
3.  INCIDENT: LOCATION              (PERU: LIMA (CITY): BARRANCO (NEIGHBORHOOD)) / (PERU: HUACHO (CITY))
4.  INCIDENT: TYPE                  BOMBING
"""


def _where_message(tmp_path, key: str = MUC_WHERE_KEY) -> muc4.Message:
    folder = tmp_path / "dev"
    folder.mkdir(exist_ok=True)
    (folder / "dev-muc3-0001-0002").write_text(MUC_TEXT, encoding="latin-1")
    (folder / "key-dev-0001.muc4").write_text(key, encoding="latin-1")
    return muc4.read_split(tmp_path)[0]


def test_muc_key_dates_and_locations(tmp_path):
    template = _where_message(tmp_path).templates[0]
    # The range counts; "- 19 OCT 88" (some time before) gives no day to score against.
    assert muc4.key_date_ranges(template) == [(date(1988, 10, 18), date(1988, 10, 19))]
    assert muc4.key_locations(template) == [("PERU", ("LIMA", "BARRANCO")), ("PERU", ("HUACHO",))]


def _dated(value: str | None, place=None) -> Event:
    from tidings.models import EventDate

    e = event("ASSAULT", 0.9)
    return e.model_copy(update={
        "date": EventDate(text="Tuesday", start=0, end=7, value=value, granularity="day") if value else None,
        "location": place})


def test_muc_incident_date_and_place_beside_the_dateline(tmp_path):
    from tidings.models import Place

    message = _where_message(tmp_path)
    barranco = Place(text="Barranco", start=0, end=8, name="Barranco", country="PER",
                     feature="city", precision="town", lat=-12.15, lon=-77.02)
    measures = {name: muc4.Measure() for name in muc4.INCIDENT_MEASURES}
    muc4.score_incident(message, result(events=[_dated("1988-10-18", barranco)]), measures)
    scores = {name: (m.hits, m.total) for name, m in measures.items()}
    assert scores == {
        "incident_date_accuracy": (1, 1),
        "incident_date_baseline": (1, 1),  # the dateline, 19 OCT 88, lies in the range too
        "incident_date_from_dateline": (0, 1),  # our date is not the dateline's
        "incident_date_answered_accuracy": (1, 1),
        "incident_location_accuracy": (1, 1),
        "incident_location_answered_accuracy": (1, 1),
        "incident_location_baseline": (1, 1),  # LIMA is named under PERU
        "incident_country_accuracy": (1, 1),
        "incident_country_baseline": (1, 1),
    }


def test_muc_incident_wrong_or_missing_answers(tmp_path):
    from tidings.models import Place

    message = _where_message(tmp_path)
    peru = Place(text="Peru", start=0, end=4, name="Peru", country="PER", feature="country",
                 precision="country", lat=-10.0, lon=-76.0)
    measures = {name: muc4.Measure() for name in muc4.INCIDENT_MEASURES}
    # A month is no day; the country alone is not the city the key names.
    muc4.score_incident(message, result(events=[_dated("1988-10", peru)]), measures)
    muc4.score_incident(message, result(events=[_dated(None)]), measures)
    assert (measures["incident_date_accuracy"].hits, measures["incident_date_accuracy"].total) == (0, 2)
    assert measures["incident_date_from_dateline"].total == 0
    assert (measures["incident_location_accuracy"].hits, measures["incident_country_accuracy"].hits) == (0, 1)
    assert measures["incident_location_baseline"].hits == 2
    # Only the first text gave a place; no text gave a day.
    assert measures["incident_location_answered_accuracy"].total == 1
    assert measures["incident_date_answered_accuracy"].total == 0
