"""The data loader: every file checked on load (an error names the file and the key), and a user
data folder (the data_dir setting, TIDINGS_DATA_DIR) layered over the bundled one."""

from __future__ import annotations

import re

import pytest
import yaml

from tidings import datafiles
from tidings.config import DATA_DIR, Settings, using
from tidings.datafiles import (
    MODELS, TABLES, DataFileError, check, english_words, layer, load_yaml, month_numbers, read_tsv,
)


def test_every_checked_file_fits_its_model():
    for name in MODELS:
        load_yaml(name)  # raises DataFileError when not


def test_every_yaml_data_file_has_a_model_and_fits_it():
    names = sorted(path.name for path in DATA_DIR.glob("*.yaml"))
    assert len(names) >= 30
    assert [name for name in names if name not in MODELS] == []
    assert [name for name in MODELS if not (DATA_DIR / name).is_file()] == []
    for name in names:
        load_yaml(name)


def _bundled(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "break_it", "where"), [
    # a misspelt key where the loader reads fixed keys
    ("merge.yaml", lambda d: d["date"].update(windw_days=3), r"date\.windw_days: Extra inputs"),
    ("claims.yaml", lambda d: d.update(claim_verb=["own"]), r"claim_verb: Extra inputs"),
    ("event_roles.yaml", lambda d: d["patterns"][0].update(rol="victim"), r"patterns\.0\.rol: Extra"),
    ("event_roles.yaml", lambda d: d["patterns"][0].update(role="targt"), r"patterns\.0\.role: Input should be"),
    ("event_roles.yaml", lambda d: d["patterns"][0]["pattern"][0].update(RIGHT_ATRS={}), r"patterns\.0\.pattern\.0\.RIGHT_ATRS"),
    ("event_roles.yaml", lambda d: d["patterns"][0]["pattern"][0].update(RIGHT_ATTRS={"LEMA": "x"}), r"pattern\.0\.RIGHT_ATTRS\.LEMA"),
    ("actors.yaml", lambda d: d["actors"][1].update(alias=["x"]), r"actors\.1\.alias: Extra"),
    ("actors.yaml", lambda d: d["actors"][2].update(kind="armed_grup"), r"actors\.2\.kind: Input should be"),
    ("actors.yaml", lambda d: d["actors"][0]["aliases"].append(False), r"actors\.0\.aliases\.\d+: Input should be a valid string"),
    ("outlets.yaml", lambda d: d["outlets"][0].update(relations={"owned_by": ["x"]}), r"outlets\.0\.relations\.owned_by"),
    ("subevents.yaml", lambda d: next(iter(d["categories"].values())).update(suer=["x"]), r"categories\..*\.suer"),
    # a key the loader needs, left out
    ("chains.yaml", lambda d: d.pop("indirect_penalty"), r"indirect_penalty: Field required"),
    ("crosswalk_muc4.yaml", lambda d: next(iter(d["incident_types"].values())).pop("type"), r"incident_types\..*\.type"),
    # the wrong type: a word where a number or a switch belongs, a mapping where a list belongs
    ("merge.yaml", lambda d: d["date"].update(merge_undated="yes please"), r"date\.merge_undated"),
    ("languages.yaml", lambda d: d["thresholds"].update(min_words="five"), r"thresholds\.min_words"),
    ("times.yaml", lambda d: d.update(weekdays={"monday": "one"}), r"weekdays\.monday"),
    ("casualties.yaml", lambda d: d.update(hit_words={"hit": 1}), r"hit_words: Input should be a valid list"),
    ("casualties.yaml", lambda d: d["hit_words"].append(False), r"hit_words\.\d+: Input should be a valid string"),
    ("casualties.yaml", lambda d: d["qualifiers"][0].update(bound="lo"), r"qualifiers\.0\.bound"),
    ("speech.yaml", lambda d: d["stance_order"].append("threten"), r"stance_order: \['threten'\] have no list"),
    ("speech.yaml", lambda d: d["stance_words"].update(praise=["hail"]), r"stance_words: \['praise'\] are not in stance_order"),
    ("chains.yaml", lambda d: d["cues"].update(because_of=["because of"]), r"confidence: no number for the relations \['because_of'\]"),
    ("languages.yaml", lambda d: d["english"].append(True), r"english\.\d+: Input should be a valid string"),
    ("crosswalk_muc4.yaml", lambda d: next(iter(d["incident_types"].values())).update(type="ASSUALT"), r"incident_types\..*\.type: Input should be"),
    ("merge.yaml", lambda d: d["families"]["protest"].append("PROTSET"), r"families\.protest\.\d+: Input should be"),
    ("subevents.yaml", lambda d: d["model_opens_not"].append("AIRSTRIKE"), r"model_opens_not: \['AIRSTRIKE'\] are not categories"),
    ("subevents.yaml", lambda d: next(iter(d["categories"].values())).update(plover=["ASSAULT"]), r"categories\..*\.plover"),
    ("modes.yaml", lambda d: d.update(ASSUALT={"firearms": ["gun"]}), r"ASSUALT\.\[key\]: Input should be"),
    ("contexts.yaml", lambda d: next(iter(d.values())).append(2024), r"\w+\.\d+: Input should be a valid string"),
    ("prefilter.yaml", lambda d: d.update(skip_word=["an"]), r"skip_word: Extra inputs"),
    ("crosswalk.yaml", lambda d: d["acled"][0].update(acled=["only one"]), r"acled\.0\.acled"),
    ("actor_nouns.yaml", lambda d: d.update(soldiers=["trooper"]), r"soldiers: a group of nouns is named KIND_SECTOR"),
    ("incidents.yaml", lambda d: d.update(more_openers=[1]), r"more_openers\.0"),
])
def test_a_broken_data_file_is_rejected_naming_the_file_and_the_key(name, break_it, where):
    raw = _bundled(name)
    check(name, raw)  # the bundled file fits
    break_it(raw)
    with pytest.raises(DataFileError, match=re.escape(name) + " .*" + where):
        check(name, raw)


def test_a_broken_user_file_stops_the_load_naming_it(tmp_path):
    (tmp_path / "speech.yaml").write_text("cue_verb: {mutter: speech}\n", encoding="utf-8")
    with using(Settings(data_dir=tmp_path)), pytest.raises(DataFileError) as err:
        load_yaml("speech.yaml")
    assert str(tmp_path / "speech.yaml") in str(err.value) and "cue_verb: Extra inputs" in str(err.value)
    (tmp_path / "speech.yaml").write_text("cue_verbs: {mutter: speech}\n", encoding="utf-8")
    with using(Settings(data_dir=tmp_path)):
        assert load_yaml("speech.yaml")["cue_verbs"]["mutter"] == "speech"


def test_the_registry_reads_the_user_folder_too(tmp_path):
    from tidings.kb.registry import registry
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {id: test-brigade, name: Nowhere Test Brigade, kind: armed_group, sector: REB}\n",
        encoding="utf-8")
    registry.cache_clear()
    try:
        with using(Settings(data_dir=tmp_path)):
            assert registry().entries["test-brigade"].name == "Nowhere Test Brigade"
    finally:
        registry.cache_clear()
    assert "test-brigade" not in registry().entries


def test_a_wrong_shape_names_the_file_and_the_key():
    raw = yaml.safe_load((DATA_DIR / "events.yaml").read_text(encoding="utf-8"))
    raw["ASSAULT"]["verbs"] = {"attack": "explosives"}  # a mapping where a word list belongs
    with pytest.raises(DataFileError, match=r"events\.yaml .*ASSAULT\.verbs"):
        check("events.yaml", raw)
    del raw["ASSAULT"]["cameo"]
    with pytest.raises(DataFileError, match=r"ASSAULT\.cameo: Field required"):
        check("events.yaml", raw)
    raw = yaml.safe_load((DATA_DIR / "english.yaml").read_text(encoding="utf-8"))
    raw["months"] = raw["months"][:11]
    with pytest.raises(DataFileError, match="english.yaml .*months"):
        check("english.yaml", raw)


def test_layering_merges_mappings_extends_lists_and_replaces_values():
    base = {"a": [1, 2], "b": {"x": [1]}, "c": 0.5}
    assert layer(base, {"a": [2, 3], "b": {"y": [9]}, "c": 0.7, "d": "new"}) == {
        "a": [1, 2, 3], "b": {"x": [1], "y": [9]}, "c": 0.7, "d": "new"}
    assert base == {"a": [1, 2], "b": {"x": [1]}, "c": 0.5}  # the bundled data is not changed


def test_a_user_folder_extends_a_bundled_lexicon(tmp_path):
    (tmp_path / "english.yaml").write_text("pronouns:\n  personal: [thee, thou]\n", encoding="utf-8")
    bundled = english_words("pronouns", "personal")
    group = english_words("pronouns", "group")
    assert "thou" not in bundled
    with using(Settings(data_dir=tmp_path)):
        assert english_words("pronouns", "personal") == bundled | {"thou", "thee"}
        assert english_words("pronouns", "group") == group  # lists the user file leaves out stay
    (tmp_path / "english.yaml").write_text("pronouns:\n  personal: {thou: 1}\n", encoding="utf-8")
    with using(Settings(data_dir=tmp_path)), pytest.raises(DataFileError, match=str(tmp_path)):
        english_words("pronouns", "personal")


def test_the_setting_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_DATA_DIR", str(tmp_path))
    assert Settings.from_env().data_dir == tmp_path


def test_month_names_serve_datelines_and_time_expressions():
    plain, dotted = month_numbers(), month_numbers(dotted=True)
    assert plain["september"] == plain["sept"] == plain["sep"] == 9 and "sept." not in plain
    assert dotted["sept."] == 9 and dotted["jan."] == 1 and dotted["may"] == 5
    assert "may." not in dotted and "september." not in dotted  # full names take no full stop
    assert sorted(set(plain.values())) == list(range(1, 13))


def test_every_tsv_data_file_has_a_table_and_fits_it():
    names = sorted(path.name for path in DATA_DIR.glob("*.tsv"))
    assert len(names) >= 8
    assert [name for name in names if name not in TABLES] == []
    assert [name for name in TABLES if not (DATA_DIR / name).is_file()] == []
    for name in names:
        rows = read_tsv(name)
        assert rows and all(tuple(row) == TABLES[name].columns for row in rows)


@pytest.mark.parametrize(("name", "break_it", "where"), [
    ("place_cues.tsv", lambda lines: [lines[0].replace("kind", "knd"), *lines[1:]], r"header .*unknown: \['knd'\]"),
    ("place_cues.tsv", lambda lines: [*lines, "beyond\tpreposition\textra\n"], r"line \d+: 3 cells"),
    ("place_cues.tsv", lambda lines: [*lines, "beyond\n"], r"line \d+: column kind: no cell"),
    ("former_regions.tsv", lambda lines: [*lines, "KE\tSomewhere\t\tnorth\t34.7\n"], r"line \d+: column lat: 'north'"),
    ("countries.tsv", lambda lines: [*lines, "\tNowhereish\tNowhere\n"], r"line \d+: column alpha3: empty"),
])
def test_a_broken_tsv_file_is_rejected_naming_the_file_line_and_column(tmp_path, monkeypatch, name, break_it, where):
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    (tmp_path / name).write_text("".join(lines[:header] + break_it(lines[header:])), encoding="utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    with pytest.raises(DataFileError, match=re.escape(str(tmp_path / name)) + ": .*" + where):
        read_tsv(name)


def test_only_the_data_loader_parses_yaml():
    """Every data file goes through datafiles (validation, the user data folder): no other module
    of the package parses YAML itself."""
    import re
    from pathlib import Path

    import tidings

    package = Path(tidings.__file__).parent
    readers = [str(path.relative_to(package)) for path in package.rglob("*.py")
               if path.name != "datafiles.py"
               and re.search(r"\byaml\.(safe_load|load|CSafeLoader|SafeLoader)\b", path.read_text(encoding="utf-8"))]
    assert readers == []


@pytest.mark.parametrize(("sources", "named"), [
    ("sources:\n  speeches.yaml: [cue_verbs]\n", "'speeches.yaml', which is no data file"),
    ("sources:\n  speech.yaml: [cue_verb]\n", "the section 'cue_verb', which the file has not"),
])
def test_prefilter_sources_must_name_real_files_and_sections(tmp_path, sources, named):
    from tidings.annotate.prefilter import rules
    (tmp_path / "prefilter.yaml").write_text(sources, encoding="utf-8")
    rules.cache_clear()
    try:
        with using(Settings(data_dir=tmp_path)), pytest.raises(DataFileError) as err:
            rules()
        assert named in str(err.value)
    finally:
        rules.cache_clear()
    assert rules().cues  # the bundled files still load


def test_a_user_tsv_file_adds_rows_and_a_new_gazetteer_index(tmp_path):
    from tidings.kb.geocode import gazetteer_path

    bundled = read_tsv("place_cues.tsv")
    before = gazetteer_path()
    header = next(line for line in (DATA_DIR / "place_cues.tsv").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#"))
    (tmp_path / "place_cues.tsv").write_text(f"# my cues\n{header}\nhamlet\tplace_noun\n", encoding="utf-8")
    (tmp_path / "places.tsv").write_bytes((DATA_DIR / "places.tsv").read_bytes())
    with using(Settings(data_dir=tmp_path)):
        rows = read_tsv("place_cues.tsv")
        assert rows[:len(bundled)] == bundled and rows[len(bundled):] == [{"cue": "hamlet", "kind": "place_noun"}]
        assert gazetteer_path() != before  # a user's places.tsv is an input of the index
    (tmp_path / "place_cues.tsv").write_text(f"{header}\nhamlet\n", encoding="utf-8")
    with using(Settings(data_dir=tmp_path)), pytest.raises(DataFileError, match=re.escape(str(tmp_path))):
        read_tsv("place_cues.tsv")
