"""The muc4-templates metric and the reading of printed events as templates (hand-made data)."""

from tidings.eval import muc4_templates as mt
from tidings.models import (
    Actor,
    ArticleMeta,
    ArticleResult,
    Casualty,
    Claim,
    Event,
    Span,
)


def _template(kind="attack", **roles):
    return {"incident_type": kind, **{r: roles.get(r, []) for r in mt.ROLES}}


def test_normalise_drops_case_punctuation_and_articles():
    assert mt.normalise("The  Army's 3rd Brigade.") == "armys 3rd brigade"
    assert mt.normalise("an A-37 plane") == "a37 plane"


def test_best_mapping_and_type_alternatives():
    gold = [_template("bombing / attack", Victim=[["mayor", "town mayor"]], Target=[["bank"]]),
            _template("kidnapping", Victim=[["priest"]])]
    predicted = [_template("kidnapping", Victim=[["priest"]]),
                 _template("attack", Victim=[["town mayor"], ["driver"]])]
    counts = mt.score_document(predicted, gold).counts
    assert counts["incident_type"] == [2, 2, 2, 2]
    assert counts["Victim"] == [2, 3, 2, 2]  # "driver" is wrong
    assert counts["Target"] == [0, 0, 0, 1]


def test_an_unmatched_type_counts_against_both():
    counts = mt.score_document([_template("arson", Victim=[["mayor"]])], [_template("attack", Victim=[["mayor"]])]).counts
    assert counts["incident_type"] == [0, 1, 0, 1]
    assert counts["Victim"] == [0, 1, 0, 1]


def _span(text, start):
    return {"text": text, "start": start, "end": start + len(text)}


def test_templates_from_printed_events():
    guerrillas = Actor(**_span("the guerrillas", 0), name="guerrillas", kind="armed_group")
    mayor = Actor(**_span("the mayor", 30), name="mayor", kind="person")
    bombing = Event(id="e1", type="ASSAULT", mode="explosives", trigger=Span(**_span("bombed", 15)),
                    source_actors=[guerrillas], target_actors=[mayor],
                    casualties=[Casualty(kind="killed", low=2, high=2, victims="two guards",
                                         evidence=Span(**_span("killing two guards", 40)))])
    planned = Event(id="e2", type="ASSAULT", status="future", trigger=Span(**_span("attack", 80)))
    talks = Event(id="e3", type="CONSULT", trigger=Span(**_span("met", 90)))
    claim = Claim(kind="claim", actor=Actor(**_span("the FMLN", 100), name="FMLN", kind="armed_group"),
                  event_ids=["e1"], evidence=Span(**_span("the FMLN claimed", 100)))
    result = ArticleResult(article=ArticleMeta(id="a"), events=[bombing, planned, talks], claims=[claim])
    assert mt.templates_from(result) == [_template(
        "bombing", PerpOrg=[["guerrillas"], ["fmln"]], Victim=[["mayor"], ["two guards"]])]
