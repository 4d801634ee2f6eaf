"""The rule files under data/ are edited by hand: check they are well-formed and consistent."""

from __future__ import annotations

import yaml

from tidings.config import DATA_DIR
from tidings.extract.events import lexicon
from tidings.models import EVENT_TYPES


def test_every_yaml_file_parses():
    files = sorted(DATA_DIR.glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None, path.name


def test_events_file_covers_the_16_plover_types():
    raw = yaml.safe_load((DATA_DIR / "events.yaml").read_text(encoding="utf-8"))
    assert set(raw) == set(EVENT_TYPES)
    for event_type, spec in raw.items():
        assert str(spec["cameo"]).isdigit(), event_type
        assert spec.get("verbs") or spec.get("nouns"), event_type


def test_triggers_parse_with_mode_and_cameo():
    lex = lexicon()
    drone = [t for t in lex.by_first[("drone", "NOUN")] if t.words == ("drone", "strike")][0]
    assert (drone.type, drone.mode, drone.cameo) == ("ASSAULT", "drone", "195")
    for triggers in lex.by_first.values():
        for trig in triggers:
            assert trig.cameo.isdigit() and len(trig.cameo) >= 3, trig


def test_crosswalk_names_only_known_types():
    rules = yaml.safe_load((DATA_DIR / "crosswalk.yaml").read_text(encoding="utf-8"))["acled"]
    for rule in rules:
        assert rule["type"] in EVENT_TYPES and len(rule["acled"]) == 2


def test_actor_registry_ids_unique_and_kinds_valid():
    from typing import get_args

    from tidings.models import ActorKind

    items = yaml.safe_load((DATA_DIR / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    assert {i["kind"] for i in items} <= set(get_args(ActorKind))


def test_event_frames_name_known_types_and_lists_of_words():
    frames = yaml.safe_load((DATA_DIR / "event_frames.yaml").read_text(encoding="utf-8"))
    assert set(frames["hostile"]) <= set(EVENT_TYPES)
    for key, words in frames.items():
        assert isinstance(words, list) and words, key
    assert "must" in frames["obligation"]


def test_case2021_crosswalk_covers_every_task_label():
    from tidings.eval.case2021 import crosswalk

    table = crosswalk()
    labels = ["ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
              "ATTACK", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST",
              "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER",
              "NON_VIOL_TERRIT_TRANSFER", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT",
              "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
              "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"]
    assert set(labels) <= set(table)
    assert table["AIR_STRIKE"].agrees("ASSAULT", "drone")
    assert not table["AIR_STRIKE"].agrees("ASSAULT", "firearms")
    assert table["ARMED_CLASH"].agrees("ASSAULT", None)
    assert table["NATURAL_DISASTER"].agrees(None, None)
    assert not table["NATURAL_DISASTER"].agrees("ASSAULT", None)


def test_kairos_crosswalk_reads_types_by_longest_prefix():
    from tidings.eval.wikievents import crosswalk

    walk = crosswalk()
    assert walk.plover("Conflict.Attack.DetonateExplode") == "ASSAULT"
    assert walk.plover("Contact.Contact.Meet") == "CONSULT"
    assert walk.plover("Contact.Contact.Broadcast") is None
    assert walk.plover("Justice.ArrestJailDetain.Unspecified") == "COERCE"
    assert walk.roles["Killer"] == "attacker"


def test_wikievents_text_is_rebuilt_so_token_spans_index_it():
    from tidings.eval.wikievents import _rebuild

    sentences = [[[["Bomb", 0, 4], ["kills", 5, 10], ["two", 11, 14]], "Bomb kills two"],
                 [[["Police", 20, 26], ["said", 27, 31], [".", 31, 32]], "Police said."]]
    text, spans = _rebuild(sentences)
    assert text == "Bomb kills two\n\nPolice said."
    assert [text[a:b] for a, b in spans] == ["Bomb", "kills", "two", "Police", "said", "."]


def test_giving_verbs_realize_event_nouns_and_need_a_party_names_known_types():
    # a verb that lends its subject to an event noun (event_roles.yaml giving_verbs) must be one
    # that makes the noun an act at all (event_frames.yaml realizing_verbs)
    roles = yaml.safe_load((DATA_DIR / "event_roles.yaml").read_text(encoding="utf-8"))
    frames = yaml.safe_load((DATA_DIR / "event_frames.yaml").read_text(encoding="utf-8"))
    assert set(roles["lexicons"]["giving_verbs"]) <= set(frames["realizing_verbs"])
    incidents = yaml.safe_load((DATA_DIR / "incidents.yaml").read_text(encoding="utf-8"))
    assert set(incidents["need_a_party"]) <= set(EVENT_TYPES)
