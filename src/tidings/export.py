"""Stored events written out for other tools: JSON lines, CSV, GeoJSON.

``write_events(events, fmt, out)`` streams: it holds one event at a time, so a whole store can be
exported. It takes ``StoredEvent`` objects (from ``Store.events()``) and never touches a database.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TextIO

from .errors import UsageError
from .models import Actor, Casualty, CasualtyKind, StoredEvent

FORMATS: tuple[str, ...] = ("jsonl", "csv", "geojson")

CSV_COLUMNS: tuple[str, ...] = (
    "id", "date", "type", "mode", "status", "cameo", "acled_event_type", "acled_sub_event_type",
    "source_actors", "target_actors", "location", "country", "lat", "lon", "killed", "injured",
    "n_reports", "confidence",
)
# Several actors share one CSV cell; names rarely hold a semicolon, and ";" reads well in a sheet.
ACTOR_SEPARATOR = "; "


class Written(NamedTuple):
    """What ``write_events`` wrote: events written, and events left out because the format needs
    something they lack (GeoJSON: coordinates)."""

    events: int
    left_out: int


def write_events(events: Iterable[StoredEvent], fmt: str, out: TextIO) -> Written:
    """Write ``events`` to ``out`` as ``fmt`` (one of ``FORMATS``).

    - ``jsonl``: one ``StoredEvent`` per line, with the contract's field names (tidings/1).
    - ``csv``: a header row, then one row per event; columns as in ``summary_row``. Open ``out``
      with ``newline=""``: the csv module writes its own ``\\r\\n`` line ends.
    - ``geojson``: a FeatureCollection of Point features (``[lon, lat]``), properties as in
      ``summary_row`` without lat/lon. Events without coordinates are left out and counted in
      ``Written.left_out``; an unresolved place is never put at a country's centre.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return writer(events, out)


def summary_row(event: StoredEvent) -> dict[str, Any]:
    """One flat row per event (the CSV columns and the GeoJSON properties):

    ``id``, ``type``, ``mode``, ``status``, ``cameo``, ``confidence``: as in the event.
    ``date``: the event's TIMEX3 date value ("2024-01-28", "2024-W04"), empty when the text gives none.
    ``acled_event_type``, ``acled_sub_event_type``: the ACLED classification, if any.
    ``source_actors``, ``target_actors``: canonical actor names, distinct, joined by "; ".
    ``location``, ``country``, ``lat``, ``lon``: the event's place name, ISO alpha-3 country and
    coordinates (empty when unresolved).
    ``killed``, ``injured``: see ``casualty_total``; empty when no report gives a number.
    ``n_reports``: how many article reports the event merges.
    """
    location = event.location
    return {
        "id": event.id,
        "date": event.date.value if event.date else None,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "cameo": event.cameo,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "source_actors": _actor_names(event.source_actors),
        "target_actors": _actor_names(event.target_actors),
        "location": location.name if location else None,
        "country": location.country if location else None,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "killed": casualty_total([f.casualties for f in event.figures], "killed"),
        "injured": casualty_total([f.casualties for f in event.figures], "injured"),
        "n_reports": len(event.reports),
        "confidence": event.confidence,
    }


def casualty_total(figures: Iterable[list[Casualty]], kind: CasualtyKind) -> int | None:
    """One number of ``kind`` (killed, injured, ...) from the casualty lists of an event's reports.

    Within one report: the sum of the lower bounds of its ``kind`` figures (different victim groups
    add up); when some of them are marked ``revised``, only those count, since they supersede the
    earlier figure in the same article. Across reports: the lowest, following ACLED's conservative
    convention; the differing figures stay visible in ``figures`` in the JSON export.
    None when no report gives a lower bound (e.g. only "nearly 40", which has an upper bound only).
    """
    totals = []
    for casualties in figures:
        of_kind = [c for c in casualties if c.kind == kind and c.low is not None]
        revised = [c for c in of_kind if c.revised]
        counted = revised or of_kind
        if counted:
            totals.append(sum(c.low for c in counted if c.low is not None))
    return min(totals) if totals else None


def _actor_names(found: list[Actor]) -> str:
    return ACTOR_SEPARATOR.join(dict.fromkeys(actor.name for actor in found))


def _write_jsonl(events: Iterable[StoredEvent], out: TextIO) -> Written:
    n = 0
    for event in events:
        out.write(event.model_dump_json())
        out.write("\n")
        n += 1
    return Written(n, 0)


def _write_csv(events: Iterable[StoredEvent], out: TextIO) -> Written:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(summary_row(event))  # None is written as an empty cell
        n += 1
    return Written(n, 0)


def _write_geojson(events: Iterable[StoredEvent], out: TextIO) -> Written:
    # Written feature by feature rather than as one dict, so a large store never sits in memory.
    out.write('{"type": "FeatureCollection", "features": [')
    n = left_out = 0
    for event in events:
        location = event.location
        if location is None or location.lat is None or location.lon is None:
            left_out += 1
            continue
        properties = summary_row(event)
        del properties["lat"], properties["lon"]
        feature = {
            "type": "Feature", "id": event.id,
            "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
            "properties": properties,
        }
        out.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return Written(n, left_out)


_WRITERS: dict[str, Callable[[Iterable[StoredEvent], TextIO], Written]] = {
    "jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson,
}
