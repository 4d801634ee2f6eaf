"""The data loader: every file checked on load (an error names the file and the key), and a user
data folder (the data_dir setting, TIDINGS_DATA_DIR) layered over the bundled one."""

from __future__ import annotations

import pytest
import yaml

from tidings.config import DATA_DIR, Settings, using
from tidings.datafiles import (
    MODELS, DataFileError, check, english_words, layer, load_yaml, month_numbers,
)


def test_every_checked_file_fits_its_model():
    for name in MODELS:
        load_yaml(name)  # raises DataFileError when not


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
