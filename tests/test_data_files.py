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
