"""The learned record filter (resolve/records.py): what it keeps and drops, its threshold setting,
and the written training articles it is fitted on (train/records/*.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tidings.config import Settings, using
from tidings.errors import UsageError
from tidings.ingest import article_from_record
from tidings.models import EVENT_TYPES
from tidings.resolve.records import load_model, model_card

ROOT = Path(__file__).resolve().parents[1]
STATUSES = {"asserted", "negated", "hypothetical", "future"}


def _events(pipeline, text: str, threshold: float | None = None):
    """The events `tidings extract` prints for a JSONL line with this text."""
    article = article_from_record({"id": "test", "text": text, "published": "2025-03-04"}, "test")
    with using(Settings.from_env({}, record_threshold=threshold)):
        return pipeline.process(article).events


def test_the_model_ships_and_names_itself():
    model = load_model()
    assert model is not None, "src/tidings/data/models/records.npz is missing: run train/train_records.py"
    assert 0 < model.threshold < 1
    assert model_card().startswith("tidings-records ")


ARTICLE = """Two killed in market bombing in Kandahar

KANDAHAR, Afghanistan - A bomb hidden in a cart exploded in a crowded market in Kandahar on Monday, \
killing two vendors and wounding nine shoppers, provincial officials said.

No group claimed the blast. The governor blamed the Taliban and said security forces had arrested \
three suspects near the market.

The fight against terrorism will go on, the governor told reporters. "We will not rest," he said.

Residents said attacks like this have become part of daily life. Shopkeepers have long called for \
more police patrols, and the council remains committed to talks with tribal elders.

"I used to sell fruit here every day, and every day I fear a bomb," said one vendor, who gave only \
his first name.

The campaign against corruption, which the president launched last year, has stalled, critics say.
"""


def test_generic_and_figurative_records_are_dropped_and_real_ones_kept(pipeline):
    every = {e.trigger.text for e in _events(pipeline, ARTICLE, threshold=0.0)}
    kept = {e.trigger.text for e in _events(pipeline, ARTICLE)}
    assert {"bombing", "blamed", "arrested"} <= kept
    # the grammar alone prints a kind of act and a wished-for patrol; the filter leaves them out
    assert {"attacks", "patrols"} <= every
    assert not {"attacks", "patrols"} & kept


def test_threshold_one_keeps_nothing_and_claims_let_go(pipeline, make_article):
    text = ("Militants attacked a police post in Bannu on Monday, killing two officers. The Pakistani "
            "Taliban claimed responsibility for the attack.")
    with using(Settings.from_env({}, record_threshold=0.0)):
        every = pipeline.process(make_article(text, "2025-03-04"))
    with using(Settings.from_env({}, record_threshold=1.0)):
        none = pipeline.process(make_article(text, "2025-03-04"))
    assert every.events and any(c.event_ids for c in every.claims)
    assert none.events == [] and all(c.event_ids == [] for c in none.claims)


def test_the_threshold_is_a_probability():
    assert Settings.from_env({"TIDINGS_RECORD_THRESHOLD": "0.25"}).record_threshold == 0.25
    assert Settings.from_env({}).record_threshold is None
    for bad in ("high", "1.5", "-0.1"):
        with pytest.raises(UsageError, match="TIDINGS_RECORD_THRESHOLD"):
            Settings.from_env({"TIDINGS_RECORD_THRESHOLD": bad})


def _training_articles():
    for path in sorted((ROOT / "train" / "records").glob("*.yaml")):
        for article in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]:
            yield path.name, article


def test_training_articles_mark_each_event_by_a_phrase_found_once():
    ids = set()
    for name, article in _training_articles():
        assert article["id"] not in ids, f"{name}: id {article['id']} twice"
        ids.add(article["id"])
        text = article["text"]
        for event in article["events"]:
            for phrase in [event["at"], *event.get("also", [])]:
                assert text.count(phrase) == 1, f"{name} {article['id']}: {phrase!r} must occur once"
            assert event["trigger"] in event["at"], f"{name} {article['id']}: {event['trigger']!r}"
            assert event["type"] in EVENT_TYPES and event["status"] in STATUSES, f"{name} {article['id']}"
            for role in ("source", "target"):  # the parties, for a learned party reader to come
                assert all(party in text for party in event.get(role, [])), f"{name} {article['id']}: {role}"
    assert len(ids) >= 50


def test_a_model_trained_with_other_word_vectors_is_refused(tmp_path):
    import json

    import numpy as np

    shipped = load_model()
    meta = {"name": "x", "version": "0", "threshold": 0.5, "bias": 0.0, "vectors_sha256": "0" * 64}
    path = tmp_path / "records.npz"
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), weights=shipped.weights, dense=shipped.dense)
    with pytest.raises(ValueError, match="retrain it .train/train_records.py."):
        load_model(path)
