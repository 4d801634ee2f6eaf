"""Exports parse back with the standard tools: json, csv, and a GeoJSON reader's expectations.
Events are built by hand from the models; one test exports straight from a SQLite store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tidings.errors import UsageError
from tidings.export import CSV_COLUMNS, FORMATS, Written, casualty_total, write_events
from tidings.models import (
    Actor, ArticleMeta, ArticleResult, Casualty, Event, EventDate, Figure, Place, Report, Span,
    StoredEvent,
)

TEXT = ("KABUL, Jan. 25 (Wire) - Taliban fighters attacked a police checkpoint in Kunduz on Thursday, "
        "killing four officers, a provincial spokesman said.")


def span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(text=phrase, start=start, end=start + len(phrase))


def killed(low: int | None, high: int | None = None, revised: bool = False) -> Casualty:
    return Casualty(kind="killed", low=low, high=high, revised=revised, evidence=span("killing four officers"))


def attack(location: Place | None) -> StoredEvent:
    taliban = Actor(**span("Taliban fighters").model_dump(), name="Taliban", kind="armed_group", sector="REB")
    police = Actor(**span("police").model_dump(), name="Afghan National Police", kind="state_forces",
                   country="AFG", sector="COP")
    return StoredEvent(
        id="e-attack", type="ASSAULT", mode="firearms", cameo="190",
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
        trigger=span("attacked"), source_actors=[taliban, taliban], target_actors=[police],
        location=location,
        date=EventDate(**span("Thursday").model_dump(), value="2013-01-24", granularity="day"),
        casualties=[killed(4, 4)], confidence=0.8,
        reports=[Report(article_id="a-kabul", event_id="e-attack", trigger=span("attacked"))],
        figures=[Figure(article_id="a-kabul", casualties=[killed(4, 4)])],
    )


KUNDUZ = Place(**span("Kunduz").model_dump(), name="Kunduz", lat=36.73, lon=68.86, country="AFG",
               feature="city", precision="town")
UNRESOLVED = Place(**span("checkpoint").model_dump(), name="police checkpoint", country="AFG")


def export(events: list[StoredEvent], fmt: str) -> tuple[str, Written]:
    out = io.StringIO(newline="")
    written = write_events(events, fmt, out)
    return out.getvalue(), written


def test_jsonl_parses_back_to_the_same_events():
    events = [attack(KUNDUZ), attack(None).model_copy(update={"id": "e-other"})]
    text, written = export(events, "jsonl")
    lines = text.splitlines()
    assert written == Written(2, 0) and len(lines) == 2
    assert [StoredEvent.model_validate_json(line) for line in lines] == events
    first = json.loads(lines[0])
    assert first["reports"][0] == {"article_id": "a-kabul", "event_id": "e-attack",
                                   "trigger": {"text": "attacked", "start": 41, "end": 49}}
    assert TEXT[41:49] == "attacked"
    assert first["acled"]["sub_event_type"] == "Armed clash"


def test_csv_has_the_documented_columns_and_values():
    text, written = export([attack(KUNDUZ), attack(None)], "csv")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    assert written == Written(2, 0)
    assert rows[0] == {
        "id": "e-attack", "date": "2013-01-24", "type": "ASSAULT", "mode": "firearms",
        "status": "asserted", "cameo": "190", "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash", "source_actors": "Taliban",
        "target_actors": "Afghan National Police", "location": "Kunduz", "country": "AFG",
        "lat": "36.73", "lon": "68.86", "killed": "4", "injured": "", "n_reports": "1",
        "confidence": "0.8",
    }
    assert (rows[1]["location"], rows[1]["lat"]) == ("", "")


def test_geojson_leaves_out_events_without_coordinates():
    events = [attack(KUNDUZ), attack(UNRESOLVED), attack(None)]
    text, written = export(events, "geojson")
    collection = json.loads(text)
    assert written == Written(events=1, left_out=2)
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["type"] == "Feature" and feature["id"] == "e-attack"
    assert feature["geometry"] == {"type": "Point", "coordinates": [68.86, 36.73]}  # lon, lat
    assert feature["properties"]["killed"] == 4
    assert "lat" not in feature["properties"]


def test_geojson_of_no_events_is_an_empty_collection():
    text, written = export([], "geojson")
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    assert written == Written(0, 0)


def test_an_unknown_format_names_the_valid_ones():
    with pytest.raises(UsageError, match="jsonl, csv, geojson"):
        write_events([], "xlsx", io.StringIO())
    assert FORMATS == ("jsonl", "csv", "geojson")


def test_casualty_total_rules():
    injured = Casualty(kind="injured", low=9, evidence=span("killing four officers"))
    # One report: distinct victim groups add up; an injured figure is not a death toll.
    assert casualty_total([[killed(4), killed(2), injured]], "killed") == 6
    # A revised figure replaces the earlier one in the same article.
    assert casualty_total([[killed(4), killed(7, revised=True)]], "killed") == 7
    # Across reports, the lowest (ACLED's conservative convention).
    assert casualty_total([[killed(7)], [killed(5)], []], "killed") == 5
    # "nearly 40" has only an upper bound: no number to report.
    assert casualty_total([[killed(None, 40)]], "killed") is None
    assert casualty_total([], "injured") is None


def test_export_from_a_store(tmp_path):
    from tidings.store import Store

    event = attack(KUNDUZ)
    result = ArticleResult(
        article=ArticleMeta(id="a-kabul", text=TEXT),
        events=[Event.model_validate(event.model_dump(exclude={"reports", "figures"}))],
    )
    with Store.open(tmp_path / "events.db") as store:
        store.add_result(result)
        text, written = export(list(store.events()), "jsonl")
    assert written == Written(1, 0)
    assert StoredEvent.model_validate_json(text) == event
