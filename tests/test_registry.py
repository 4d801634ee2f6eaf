"""The actor registry (kb/registry.py): generated state entries, curated data, and resolution
by exact name, alias, transliteration, description and fuzzy match. No spaCy: strings only."""

from __future__ import annotations

from typing import get_args

import pycountry
import pytest
import yaml

from tidings.config import DATA_DIR
from tidings.models import ActorKind
from tidings.kb.registry import fold, normalize, registry

SUFFIXES = ("GOV", "MIL", "POL", "MOD", "MFA", "MOI", "HOS", "HEA")
SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "PTY", "LEG", "JUD", "SPY", "IGO", "NGO", "JRN", "CRM",
           "BUS", "CVL"}


def _id(name: str) -> str | None:
    match = registry().resolve(name)
    return match.entry.id if match else None


def test_every_state_has_its_generated_entries():
    reg = registry()
    for country in pycountry.countries:
        for suffix in SUFFIXES:
            entry = reg.entries[f"{country.alpha_3}-{suffix}"]
            assert entry.country == country.alpha_3 and entry.generated
    assert reg.entries["IRQ-GOV"].name == "Iraq government"
    assert reg.entries["USA-MIL"].name == "United States military"
    assert (reg.entries["ISR-POL"].kind, reg.entries["ISR-POL"].sector) == ("state_forces", "COP")
    assert (reg.entries["FRA-MOD"].name, reg.entries["FRA-MOD"].sector) == ("France Ministry of Defence", "MIL")
    assert reg.entries["USA-MOD"].name == "US Department of Defense"  # a curated override


@pytest.mark.parametrize("name, entry_id", [
    ("Kataib Hezbollah", "kataib-hezbollah"),
    ("Kata'ib Hizballah", "kataib-hezbollah"),  # listed alias
    ("Kataeb Hezbollah", "kataib-hezbollah"),  # transliteration folded (ae/ai, e/i)
    ("KATA'IB HIZBALLAH", "kataib-hezbollah"),  # case and apostrophe
    ("the Islamic State group", "islamic-state"),
    ("Al Shabab", "al-shabaab"),
    ("al-Qaida", "al-qaeda"),
    ("Hashd Shaabi", "popular-mobilization-forces"),  # "al-" prefixes dropped
    ("Medecins Sans Frontieres", "msf"),
    ("Médecins Sans Frontières", "msf"),
    ("Pentagon", "USA-MOD"),
    ("IDF", "ISR-MIL"),
    ("Iran", "IRN-GOV"),
    ("Washington", "USA-GOV"),
    ("UN", "united-nations"),
    ("Agence France Presse", "afp"),
    ("Petra", "petra"),
])
def test_names_aliases_and_transliterations_resolve(name, entry_id):
    assert _id(name) == entry_id


def test_short_names_match_only_as_written():
    assert _id("un") is None
    assert _id("is") is None
    assert _id("IS") == "islamic-state"


@pytest.mark.parametrize("description, entry_id", [
    ("US forces", "USA-MIL"),
    ("the US military", "USA-MIL"),
    ("American forces", "USA-MIL"),
    ("U.S. troops", "USA-MIL"),
    ("the Iraqi government", "IRQ-GOV"),
    ("Israeli police", "ISR-POL"),
    ("Iraq's interior ministry", "IRQ-MOI"),
    ("the Iraqi Ministry of Defence", "IRQ-MOD"),
    ("the foreign ministry of Qatar", "QAT-MFA"),
    ("the Syrian president", "SYR-HOS"),
    ("British armed forces", "GBR-MIL"),
    ("the Venezuelan National Guard", "VEN-MIL"),
    ("Syria's health ministry", "SYR-HEA"),
])
def test_descriptions_resolve_to_state_institutions(description, entry_id):
    match = registry().resolve(description)
    assert (match.entry.id, match.method) == (entry_id, "description") or match.method == "exact"
    assert match.entry.id == entry_id


def test_descriptions_need_a_known_country_and_institution():
    assert _id("Kurdish forces") is None  # no state
    assert _id("Syrian Democratic Forces") == "sdf"  # a named group, not the Syrian military
    assert _id("Russian-backed forces") is None  # a sponsor is not an owner
    assert _id("government") is None
    assert _id("Nigerien") is None  # a bare demonym: the mention finder decides what it names


def test_fuzzy_resolves_a_misspelling():
    for name, entry_id in [("Hizbulla", "hezbollah"), ("Boko Harm", "boko-haram"), ("Talibans", "taliban")]:
        match = registry().resolve(name)
        assert (match.entry.id, match.method) == (entry_id, "fuzzy"), name
        assert 0.88 <= match.score < 1.0


def test_fuzzy_does_not_take_a_different_group_with_a_similar_name():
    assert _id("Islamic Jihad") == "palestinian-islamic-jihad"  # not Islamic State
    assert _id("Kataib Sayyid al-Shuhada") == "kataib-sayyid-al-shuhada"  # not Kataib Hezbollah
    assert _id("Kataib Imam Ali") is None  # another Iraqi group, not in the registry
    assert _id("Jaish al-Adl") is None  # not Jaish al-Islam
    assert _id("Harakat Hazm") is None  # not Harakat al-Nujaba
    assert _id("Islamic State of Fashion") is None


def test_normal_forms():
    assert normalize("The Kata'ib Hizballah") == "kataib hizballah"
    assert normalize("U.S.") == "u s"
    assert fold("Kataeb Hezbollah") == fold("Kataib Hizbollah") == "kataib hizbolah"
    assert fold("al-Shabaab") == fold("Shabab") == "shabab"


def test_relations_resolve_to_entries():
    reg = registry()
    kh = reg.entries["kataib-hezbollah"]
    assert [e.id for e in reg.related(kh, "backed_by")] == ["IRN-GOV"]
    assert [e.id for e in reg.related(kh, "part_of")] == ["islamic-resistance-in-iraq"]
    assert [e.id for e in reg.related(reg.entries["irgc"], "part_of")] == ["IRN-MIL"]


def _curated() -> list[dict]:
    actors = yaml.safe_load((DATA_DIR / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    outlets = yaml.safe_load((DATA_DIR / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    return [*actors, *outlets]


def test_data_files_are_well_formed():
    reg = registry()
    items = _curated()
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "duplicate curated ids"
    assert not {i for i in ids if i in reg.entries and reg.entries[i].generated}, "curated id shadows a state"
    alpha3 = {c.alpha_3 for c in pycountry.countries}
    kinds = set(get_args(ActorKind))
    for item in items:
        assert set(item) <= {"id", "name", "aliases", "kind", "sector", "country", "relations"}, item["id"]
        assert item["kind"] in kinds and item["sector"] in SECTORS, item["id"]
        assert item["country"] is None or item["country"] in alpha3, item["id"]
        for relation, targets in (item.get("relations") or {}).items():
            assert relation in {"backed_by", "affiliated_with", "part_of"}, item["id"]
            assert len(reg.related(reg.entries[item["id"]], relation)) == len(targets), (item["id"], targets)
    outlets = yaml.safe_load((DATA_DIR / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    assert {(o["kind"], o["sector"]) for o in outlets} == {("media", "JRN")}


def test_state_template_is_well_formed():
    template = yaml.safe_load((DATA_DIR / "state_institutions.yaml").read_text(encoding="utf-8"))
    suffixes = [item["suffix"] for item in template["institutions"]]
    assert tuple(suffixes) == SUFFIXES
    generic = [normalize(g) for item in template["institutions"] for g in item["generic"]]
    assert len(generic) == len(set(generic)), "a generic phrase names two institutions"
    reg = registry()
    for entry_id, extra in template["overrides"].items():
        assert entry_id in reg.entries, entry_id
        assert set(extra) <= {"name", "aliases", "relations"}, entry_id


def test_the_entity_ruler_tags_curated_names_only():
    from tidings.extract.actors import ruler_patterns

    patterns = ruler_patterns()
    tagged = {p["pattern"] for p in patterns if isinstance(p["pattern"], str)}
    short = [p["pattern"] for p in patterns if not isinstance(p["pattern"], str)]
    assert len(short) == 1, "short names share one token pattern (the Matcher's cost grows per pattern)"
    tagged |= set(short[0][0]["TEXT"]["IN"])
    assert {"Pentagon", "Kataib Hezbollah", "Reuters", "IDF"} <= tagged
    assert not {"Israel", "Iraq", "Washington", "US president", "Petra", "Dawn", "IS", "CCTV"} & tagged
    not_tagged = registry().not_tagged
    names = {alias for entry in registry().entries.values() for alias in (entry.name, *entry.aliases)}
    assert not_tagged <= names, f"not_tagged names no entry knows: {sorted(not_tagged - names)}"


def test_every_name_and_alias_resolves_to_its_own_entry():
    """No alias is claimed by two entries (the first would silently win): "Kremlin" is Russia's
    government under every spelling, never its government here and its presidency there."""
    reg = registry()
    clashes = [(alias, entry.id, reg.lookup(alias).id if reg.lookup(alias) else None)
               for entry in reg.entries.values() for alias in (entry.name, *entry.aliases)
               if reg.lookup(alias) is not entry]
    assert clashes == []


def test_an_ambiguous_initialism_is_tagged_after_the_only(nlp):
    # "IRA" is left to the model alone (a savings account too); "the IRA" is the armed group
    def orgs(text):
        return [e.text for e in nlp(text).ents if e.label_ == "ORG"]
    assert "IRA" in orgs("On Friday, the IRA set off two car bombs in the city centre.")
    assert orgs("He moved his savings from an IRA into a bank account.") == []
    assert orgs("On Friday, the ira set off two car bombs.") == []
