"""Actor mentions and registry resolution on hand-written sentences."""

from __future__ import annotations

import pytest

from tidings.extract.actors import extract_actors, registry


def test_registry_resolves_aliases_and_short_names_exactly():
    reg = registry()
    assert reg.lookup("Kata'ib Hizballah").name == "Kataib Hezbollah"
    assert reg.lookup("the Islamic State group").id == "islamic-state"
    assert reg.lookup("UN").id == "united-nations"
    assert reg.lookup("un") is None  # short aliases match exactly as written
    assert reg.country_of("Iraqi") == "IRQ"
    assert reg.country_of("U.S.") == "USA"
    assert reg.state_entry("JOR", "MIL").name == "Jordan military"


@pytest.mark.slow
def test_descriptions_titles_and_appositions(nlp):
    doc = nlp("Bassam al-Awadi, the Iraqi government spokesman, said Iraqi police and three US "
              "soldiers were hurt, while Iran-backed militias fled.")
    actors = {a.text: a for a in extract_actors(doc)}
    assert actors["Bassam al-Awadi"].role == "spokesman"
    assert actors["Bassam al-Awadi"].affiliation == "Iraq government"
    assert actors["Iraqi police"].name == "Iraq police"
    assert actors["Iraqi police"].sector == "COP"
    assert actors["US soldiers"].name == "United States military"  # the number is not part of who
    assert actors["Iran-backed militias"].country is None  # a sponsor is not the group's country
    assert actors["Iran-backed militias"].kind == "armed_group"


@pytest.mark.slow
def test_mislabelled_group_is_fixed_by_the_registry(nlp):
    doc = nlp("Kataib Hezbollah said it launched the drones.")
    actor = extract_actors(doc)[0]
    assert (actor.text, actor.kind, actor.country, actor.sector) == ("Kataib Hezbollah", "armed_group", "IRQ", "REB")
