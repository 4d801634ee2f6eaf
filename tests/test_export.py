"""Exports parse back with the standard tools: json, csv, and a GeoJSON reader's expectations.
Events are built by hand from the models; one test exports straight from a SQLite store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tidings.errors import UsageError
from tidings.export import (
    ACLED_COLUMNS, CSV_COLUMNS, FORMATS, PARQUET_COLUMNS, ExportContext, Written, casualty_total,
    write_events,
)
from tidings.models import (
    Actor, ArticleMeta, ArticleResult, Casualty, Claim, Event, EventDate, Figure, Place, Report, Span,
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
        "id": "e-attack", "event_date": "2013-01-24", "date_precision": "day",
        "date_value": "2013-01-24", "type": "ASSAULT", "mode": "firearms",
        "status": "asserted", "cameo": "190", "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash", "source_actors": "Taliban",
        "target_actors": "Afghan National Police", "location": "Kunduz", "country": "AFG",
        "lat": "36.73", "lon": "68.86", "killed": "4", "injured": "", "killed_figure": "4",
        "injured_figure": "", "n_reports": "1", "confidence": "0.8",
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
    with pytest.raises(UsageError, match="jsonl, csv, geojson, plover, acled, parquet"):
        write_events([], "xlsx", io.StringIO())
    assert FORMATS == ("jsonl", "csv", "geojson", "plover", "acled", "parquet")


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
        events=[Event.model_validate(event.model_dump(exclude={"reports", "figures", "reconciled", "actions"}))],
    )
    with Store.open(tmp_path / "events.db") as store:
        store.add_result(result)
        text, written = export(list(store.events()), "jsonl")
    assert written == Written(1, 0)
    exported = StoredEvent.model_validate_json(text)
    assert exported.model_copy(update={"actions": []}) == event
    # The store adds the mentions grouped by action: here the one trigger.
    assert [(a.action, [(m.article_id, m.text) for m in a.mentions]) for a in exported.actions] == [
        ("attack", [("a-kabul", "attacked")])]


def test_plover_records_use_plover_field_names():
    text, written = export([attack(KUNDUZ)], "plover")
    [record] = [json.loads(line) for line in text.splitlines()]
    assert written == Written(1, 0)
    assert record["event_id"] == "e-attack" and record["event_date"] == "2013-01-24"
    assert (record["event_type"], record["event_mode"]) == ("ASSAULT", "firearms")
    assert (record["source_actor"], record["source_sector"]) == ("Taliban", "REB")
    assert (record["target_actor"], record["target_country"], record["target_sector"]) == (
        "Afghan National Police", "AFG", "COP")
    assert record["event_text"] == "attacked"  # no evidence spans: the trigger stands in
    assert record["location"] == [{"name": "Kunduz", "country": "AFG", "admin1": None, "lat": 36.73,
                                   "lon": 68.86, "geonames_id": None, "feature": "city",
                                   "precision": "town"}]
    assert (record["fatalities"], record["injuries"]) == (4, None)
    assert record["story_ids"] == ["a-kabul"]


def test_acled_rows_carry_acled_columns_injured_and_claims():
    taliban = Actor(**span("Taliban fighters").model_dump(), name="Taliban", kind="armed_group")
    claim = Claim(kind="claim", actor=taliban, event_ids=["e-attack"], evidence=span("Taliban fighters"))
    context = ExportContext(claims={"e-attack": [claim]}, sources={"a-kabul": "Pajhwok"})
    # Claims are tied through the reports' article event ids, not the stored event's id.
    weekly = attack(UNRESOLVED).model_copy(update={
        "id": "e-week", "date": EventDate(**span("Thursday").model_dump(), value="2013-W04",
                                           granularity="week"),
        "reports": [Report(article_id="a-other", event_id="e-week", trigger=span("attacked"))]})
    out = io.StringIO(newline="")
    written = write_events([attack(KUNDUZ), weekly], "acled", out, context)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS and written == Written(2, 0)
    first = rows[0]
    assert (first["event_date"], first["time_precision"]) == ("2013-01-24", "1")
    assert (first["event_type"], first["sub_event_type"]) == ("Battles", "Armed clash")
    assert (first["actor1"], first["assoc_actor_1"], first["actor2"]) == (
        "Taliban", "", "Afghan National Police")
    assert (first["country"], first["location"], first["latitude"], first["geo_precision"]) == (
        "Afghanistan", "Kunduz", "36.73", "1")
    assert (first["source"], first["fatalities"], first["injured"]) == ("Pajhwok", "4", "")
    assert (first["claimed_by"], first["denied_by"], first["tidings_id"]) == ("Taliban", "", "e-attack")
    # A week is given as its Monday with time_precision 2; no coordinates stay empty.
    second = rows[1]
    assert (second["event_date"], second["time_precision"]) == ("2013-01-21", "2")
    assert (second["latitude"], second["geo_precision"], second["claimed_by"]) == ("", "", "")
    assert second["source"] == "a-other"  # no outlet known: the article id says where it came from


def test_parquet_round_trips_through_pyarrow():
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: parquet export untested")
    out = io.BytesIO()
    written = write_events([attack(KUNDUZ), attack(None)], "parquet", out)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert written == Written(2, 0) and tuple(table.column_names) == PARQUET_COLUMNS
    rows = table.to_pylist()
    assert (rows[0]["location"], rows[0]["lat"], rows[0]["killed"]) == ("Kunduz", 36.73, 4)
    assert rows[1]["lat"] is None
    assert StoredEvent.model_validate_json(rows[0]["event_json"]) == attack(KUNDUZ)


def test_parquet_of_no_events_is_an_empty_table():
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed: parquet export untested")
    out = io.BytesIO()
    assert write_events([], "parquet", out) == Written(0, 0)
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 0


def test_events_command_writes_acled_with_claims_from_the_store(tmp_path, capsys):
    from tidings.cli import main
    from tidings.store import Store

    event = attack(KUNDUZ)
    taliban = event.source_actors[0]
    result = ArticleResult(
        article=ArticleMeta(id="a-kabul", text=TEXT, source="Pajhwok"),
        events=[Event.model_validate(event.model_dump(exclude={"reports", "figures", "reconciled", "actions"}))],
        claims=[Claim(kind="claim", actor=taliban, event_ids=["e-attack"], evidence=span("Taliban fighters"))],
    )
    path = tmp_path / "events.db"
    with Store.open(path) as store:
        store.add_result(result)
    assert main(["events", "--db", str(path), "--format", "acled"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["actor1"], row["source"], row["claimed_by"], row["fatalities"]) == (
        "Taliban", "Pajhwok", "Taliban", "4")



# --- issue 19: calendar dates, precision apart, qualifiers kept, ACLED only ACLED types ----------


def dated(value: str) -> StoredEvent:
    return attack(KUNDUZ).model_copy(update={
        "date": EventDate(**span("Thursday").model_dump(), value=value, granularity="other")})


@pytest.mark.parametrize(("value", "event_date", "precision", "acled"), [
    ("2013-01-24", "2013-01-24", "day", "1"),
    ("2013-01-24TEV", "2013-01-24", "day", "1"),  # a part of a day is still that day
    ("2013-W04", "2013-01-21", "week", "2"),       # a week: its Monday, as ACLED gives it
    ("2013-01", "2013-01-01", "month", "3"),
    ("2013", "2013-01-01", "year", "3"),
    ("XXXX-WXX-4", "", "", ""),                    # "Thursday" with no publication date
    ("PRESENT_REF", "", "", ""),
])
def test_event_date_is_a_calendar_date_or_nothing(value, event_date, precision, acled):
    [row] = csv.DictReader(io.StringIO(export([dated(value)], "csv")[0], newline=""))
    assert (row["event_date"], row["date_precision"], row["date_value"]) == (event_date, precision, value)
    [acled_row] = csv.DictReader(io.StringIO(export([dated(value)], "acled")[0], newline=""))
    assert (acled_row["event_date"], acled_row["time_precision"], acled_row["date_value"]) == (
        event_date, acled, value)
    feature = json.loads(export([dated(value)], "geojson")[0])["features"][0]
    assert (feature["properties"]["event_date"] or "", feature["properties"]["date_value"]) == (event_date, value)
    record = json.loads(export([dated(value)], "plover")[0])
    assert (record["event_date"] or "", record["date_value"]) == (event_date, value)


def test_acled_keeps_only_events_with_an_acled_type_unless_all():
    statement = attack(KUNDUZ).model_copy(update={"id": "e-talk", "type": "CONSULT", "acled": None})
    text, written = export([attack(KUNDUZ), statement], "acled")
    assert written == Written(1, 1)
    assert [row["tidings_id"] for row in csv.DictReader(io.StringIO(text, newline=""))] == ["e-attack"]
    out = io.StringIO(newline="")
    assert write_events([attack(KUNDUZ), statement], "acled", out, keep_all=True) == Written(2, 0)


def with_figures(*reports: list[Casualty]) -> StoredEvent:
    return attack(KUNDUZ).model_copy(update={
        "casualties": reports[0],
        "figures": [Figure(article_id=f"a-{n}", casualties=c) for n, c in enumerate(reports)]})


@pytest.mark.parametrize(("reports", "shown"), [
    ([[killed(4, 4)]], "4"),
    ([[Casualty(kind="killed", low=12, qualifier="at_least", evidence=span("killing four officers"))]], "12+"),
    ([[Casualty(kind="killed", low=10, high=15, qualifier="approximately", evidence=span("killing four officers"))]], "10–15"),
    ([[Casualty(kind="killed", high=40, qualifier="at_most", evidence=span("killing four officers"))]], "≤40"),
    ([[killed(4, 4)], [killed(6, 6)]], "4–6"),  # two reports that disagree: the spread
])
def test_figures_keep_their_qualifiers_in_csv_and_summary(reports, shown):
    from tidings.summary import describe_casualties

    event = with_figures(*reports)
    [row] = csv.DictReader(io.StringIO(export([event], "csv")[0], newline=""))
    assert row["killed_figure"] == shown
    assert describe_casualties(event) == f"{shown} killed"


def test_summary_shows_the_figure_the_csv_has(tmp_path):
    """The summary read the best report's own figures and showed "—" where the CSV had 12."""
    from tidings.summary import print_summary

    class OneEvent:
        def counts(self):
            return {"articles": 1, "failed_articles": 0, "events": 1, "claims": 0, "statements": 0}

        def events(self, limit=None):
            dozens = Casualty(kind="killed", low=12, qualifier="approximately", evidence=span("killing four officers"))
            # the best report (its fields) gives no figure; another report gives "dozens"
            return [with_figures([], [dozens]).model_copy(update={"date": dated("2013-W04").date})]

    out = io.StringIO()
    print_summary(OneEvent(), file=out)
    text = out.getvalue()
    assert "12+ killed" in text and "2013-01-21 (week)" in text and "2013-W04" not in text
    assert "1 article (0 failed), 1 event, 0 claims, 0 statements" in text


def test_events_command_says_how_many_acled_left_out(tmp_path, capsys):
    from tidings.cli import main
    from tidings.store import Store

    event = attack(KUNDUZ)
    talk = Event.model_validate({**event.model_dump(exclude={"reports", "figures", "reconciled", "actions"}),
                                 "id": "e-talk", "type": "CONSULT", "acled": None, "casualties": []})
    result = ArticleResult(article=ArticleMeta(id="a-kabul", text=TEXT), events=[
        Event.model_validate(event.model_dump(exclude={"reports", "figures", "reconciled", "actions"})), talk])
    path = tmp_path / "events.db"
    with Store.open(path) as store:
        store.add_result(result)
    assert main(["events", "--db", str(path), "--format", "acled"]) == 0
    captured = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(captured.out)))) == 1
    assert captured.err == "tidings: 1 event without an ACLED event type (--all keeps them) left out\n"
    assert main(["events", "--db", str(path), "--format", "acled", "--all"]) == 0
    captured = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(captured.out)))) == 2 and captured.err == ""
