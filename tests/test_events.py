"""Events from hand-written wire sentences: type, mode, direction, status, merging, casualties."""

from __future__ import annotations

import pytest

from tidings.pipeline import extract_all

pytestmark = pytest.mark.slow


@pytest.fixture
def events(nlp, make_article):
    def run(text: str, published: str = "2024-01-29"):
        article = make_article(text, published)
        return extract_all(nlp(text), article).events

    return run


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_nominal_drone_attack_merges_with_its_verb(events):
    evs = events("A drone attack on a US base killed three American soldiers on Sunday.")
    attack = only(evs, "ASSAULT")
    assert attack.trigger.text == "drone attack"
    assert attack.mode == "drone"
    assert attack.cameo == "195"
    assert attack.acled.sub_event_type == "Air/drone strike"
    assert [e.text for e in attack.evidence] == ["drone attack", "killed"]
    assert [a.name for a in attack.target_actors] == ["United States military"]


def test_active_voice_source_and_target(events):
    ev = only(events("Israeli warplanes struck Hamas positions in Gaza on Monday."), "ASSAULT")
    assert ev.mode == "aerial"
    assert [a.name for a in ev.source_actors] == ["Israel military"]
    assert [a.name for a in ev.target_actors] == ["Hamas"]


def test_passive_voice_swaps_roles(events):
    ev = only(events("Two Nigerian soldiers were killed by Boko Haram fighters near Maiduguri."), "ASSAULT")
    assert [a.name for a in ev.source_actors] == ["Boko Haram"]
    assert [a.name for a in ev.target_actors] == ["Nigeria military"]


def test_negated_event(events):
    ev = only(events("The army did not attack the protesters, the ministry said."), "ASSAULT")
    assert ev.status == "negated"


def test_modal_is_hypothetical_and_will_is_future(events):
    assert only(events("Militants could attack the convoy."), "ASSAULT").status == "hypothetical"
    assert only(events("The government will meet opposition leaders."), "CONSULT").status == "future"


def test_threat_is_threaten_and_its_attack_is_not_asserted(events):
    evs = events("The Houthis threatened to attack ships in the Red Sea.")
    threat = only(evs, "THREATEN")
    assert threat.status == "asserted"
    assert [a.name for a in threat.source_actors] == ["Houthis"]
    assert only(evs, "ASSAULT").status == "hypothetical"


def test_labour_strike_is_a_protest_not_an_assault(events):
    evs = events("Dock workers began a general strike in Marseille on Monday.")
    assert [e.type for e in evs] == ["PROTEST"]
    assert evs[0].mode == "strike"


def test_protest_arrest_and_condemnation(events):
    evs = events("Police arrested 40 protesters in Minsk. The European Union condemned the arrests.")
    arrest = [e for e in evs if e.type == "COERCE"][0]
    assert arrest.mode == "arrest"
    assert [a.kind for a in arrest.target_actors] == ["population"]
    condemn = only(evs, "ACCUSE")
    assert [a.name for a in condemn.source_actors] == ["European Union"]
    assert condemn.mode == "disapprove"


def test_back_reference_adds_evidence_not_a_new_event(events):
    evs = events("A car bomb exploded outside a police station in Kirkuk, killing four officers. "
                 "No group has claimed the attack.")
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert "attack" in [s.text for s in assaults[0].evidence]


def test_ids_are_deterministic(events):
    text = "Gunmen ambushed a bus near Kabul, killing six passengers."
    assert [e.id for e in events(text)] == [e.id for e in events(text)]


def test_dateline_words_are_no_triggers_or_actors(events):
    evs = events("BAGHDAD, March 3 (Reuters) - Iraqi officials met U.N. envoys on Sunday.")
    assert [e.type for e in evs] == ["CONSULT"]
    assert "BAGHDAD" not in [a.text for e in evs for a in e.source_actors]
