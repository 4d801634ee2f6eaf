"""The public face (CONTRACT.md, tidings/1) on the bundled example articles: every span slices the
text exactly, ids are deterministic, the listed fields are present."""

from __future__ import annotations

import json

import pytest
from spans import iter_spans

from tidings.config import DATA_DIR
from tidings.ingest import read_inputs

pytestmark = pytest.mark.slow

CONTRACT_EVENT_FIELDS = {"id", "type", "mode", "contexts", "cameo", "acled", "status", "trigger", "evidence",
                         "source_actors", "target_actors", "location", "date", "casualties", "confidence"}
CONTRACT_ACTOR_FIELDS = {"text", "start", "end", "name", "kind", "country", "sector", "role", "affiliation"}
CONTRACT_PLACE_FIELDS = {"text", "start", "end", "name", "lat", "lon", "country", "admin1", "geonames_id",
                         "feature", "precision"}


@pytest.fixture(scope="module")
def results(pipeline):
    articles = list(read_inputs([str(DATA_DIR / "examples")]))
    assert len(articles) == 5
    return [json.loads(r.model_dump_json()) for r in pipeline.process_many(articles)]


def test_every_span_slices_the_text(results):
    checked = 0
    for result in results:
        text = result["article"]["text"]
        for span in iter_spans(result):
            assert text[span["start"]:span["end"]] == span["text"], span
            checked += 1
    assert checked > 200


def test_contract_fields_present(results):
    for result in results:
        assert result["format"] == "tidings/1"
        assert set(result) >= {"article", "errors", "actors", "places", "times", "events", "claims", "statements"}
        for event in result["events"]:
            assert set(event) >= CONTRACT_EVENT_FIELDS
            for actor in event["source_actors"] + event["target_actors"]:
                assert set(actor) >= CONTRACT_ACTOR_FIELDS
        for place in result["places"]:
            assert set(place) >= CONTRACT_PLACE_FIELDS
            if place["lat"] is None:
                assert place["lon"] is None


def test_every_article_yields_events_and_event_ids_are_unique(results):
    for result in results:
        ids = [e["id"] for e in result["events"]]
        assert ids and len(ids) == len(set(ids)), result["article"]["id"]


def test_claim_of_responsibility_in_the_drone_story(results):
    story = next(r for r in results if r["article"]["id"] == "01-drone-attack-claim")
    claims = [c for c in story["claims"] if c["kind"] == "claim"]
    assert claims and claims[0]["actor"]["name"] == "Kataib Hezbollah"
    assert claims[0]["channel"] and "Telegram" in claims[0]["channel"]["text"]
    assert claims[0]["event_ids"], "the claim links to the attack it is about"
    accusations = [c for c in story["claims"] if c["kind"] == "accusation"]
    assert accusations and accusations[0]["actor"]["name"] == "United States government"
