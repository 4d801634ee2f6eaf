"""Stored events written out for other tools: JSON lines, CSV, GeoJSON, PLOVER JSON, ACLED-style
CSV and Parquet.

``write_events(events, fmt, out)`` streams: it holds one event at a time (Parquet: one batch), so a
whole store can be exported. ``write_results(results, out)`` writes whole article results
(``tidings dump``), the form in which a store is exported to be re-imported. It takes ``StoredEvent`` objects (from ``Store.events()``) and never
touches a database; what the ACLED columns need from elsewhere (claims, article outlets) is passed
in as an ``ExportContext``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any, NamedTuple

import catalogue

from ..errors import UsageError, require
from ..models import Actor, ArticleResult, Casualty, Claim, StoredEvent
from ..resolve.figures import casualty_total, reconcile
from ..store import ExportContext

# The built-in formats, in the order --help lists them; ``formats()`` adds those other packages
# register (see ``Format``).
FORMATS: tuple[str, ...] = ("jsonl", "csv", "geojson", "plover", "acled", "parquet")
# Formats written as bytes: ``out`` must be a binary stream (or a text stream with ``.buffer``).
BINARY_FORMATS: frozenset[str] = frozenset({"parquet"})

CSV_COLUMNS: tuple[str, ...] = (
    "id", "event_date", "date_precision", "date_value", "type", "mode", "status", "cameo",
    "acled_event_type", "acled_sub_event_type", "source_actors", "target_actors", "location",
    "country", "lat", "lon", "killed", "injured", "killed_figure", "injured_figure", "n_reports",
    "confidence",
)
# Several actors share one CSV cell; names rarely hold a semicolon, and ";" reads well in a sheet.
ACTOR_SEPARATOR = "; "


class Written(NamedTuple):
    """What ``write_events`` wrote: events written, and events left out because the format needs
    something they lack (GeoJSON: coordinates)."""

    events: int
    left_out: int


def write_events(events: Iterable[StoredEvent], fmt: str, out: IO[Any],
                 context: ExportContext | None = None, *, keep_all: bool = False) -> Written:
    """Write ``events`` to ``out`` as ``fmt`` (one of ``FORMATS``).

    - ``jsonl``: one ``StoredEvent`` per line, with the contract's field names (tidings/1).
    - ``csv``: a header row, then one row per event; columns as in ``summary_row``. Open ``out``
      with ``newline=""``: the csv module writes its own ``\\r\\n`` line ends.
    - ``geojson``: a FeatureCollection of Point features (``[lon, lat]``), properties as in
      ``summary_row`` without lat/lon. Events without coordinates are left out and counted in
      ``Written.left_out``; an unresolved place is never put at a country's centre.
    - ``plover``: one PLOVER JSON record per line (``plover_record``).
    - ``acled``: ACLED-style CSV (``ACLED_COLUMNS``, ``acled_row``); open ``out`` with ``newline=""``.
      Only events with an ACLED event type: the others are counted in ``Written.left_out``, unless
      ``keep_all``.
    - ``parquet``: one row per event (``PARQUET_COLUMNS``: the CSV columns plus the whole event as
      JSON), written to a binary stream; needs ``pyarrow``.
    """
    chosen = export_format(fmt)
    if chosen.selective:
        return chosen.write(events, out, context or ExportContext(), keep_all=keep_all)
    return chosen.write(events, out, context or ExportContext())


# --- the formats, as a registry -----------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """An export format: ``write(events, out, context) -> Written`` and what the CLI needs to know.

    ``binary``: writes bytes (``out`` a binary stream). ``needs_context``: reads the claims and
    outlets of ``ExportContext`` (the store builds it only then). ``selective``: leaves some events
    out unless ``write`` is given ``keep_all=True`` (``tidings events --all``). ``left_out``: why
    events were left out, for the message after the export.

    Other packages add formats the way the built-ins are added: ``formats.register(NAME,
    func=Format(...))`` in code, or an entry point in the group ``tidings_export_formats`` naming a
    ``Format`` object (README, "Extending tidings")."""

    write: Callable[..., Written]
    binary: bool = False
    needs_context: bool = False
    selective: bool = False
    left_out: str = "left out by the format"


#: Export formats by name (a ``catalogue`` registry; entry points: ``tidings_export_formats``).
formats = catalogue.create("tidings", "export_formats", entry_points=True)


def format_names() -> tuple[str, ...]:
    """Every export format: the built-ins first, then those registered by other packages."""
    return (*FORMATS, *sorted(name for name in formats.get_all() if name not in FORMATS))


def export_format(name: str) -> Format:
    """The format registered as ``name``; a ``UsageError`` naming the choices when there is none."""
    if name not in formats:
        raise UsageError(f"unknown export format {name!r}; choose from {', '.join(format_names())}")
    return formats.get(name)


def write_results(results: Iterable[ArticleResult], out: IO[str]) -> int:
    """Write whole article results, one tidings/1 ``ArticleResult`` per line (the article's text
    included): ``tidings dump``. ``tidings ingest`` reads these lines back and stores them as they
    are, without extracting again, so a store can be moved or restored without loss. Returns the
    number written."""
    n = 0
    for result in results:
        out.write(result.model_dump_json())
        out.write("\n")
        n += 1
    return n


def summary_row(event: StoredEvent) -> dict[str, Any]:
    """One flat row per event (the CSV columns and the GeoJSON properties):

    ``id``, ``type``, ``mode``, ``status``, ``cameo``, ``confidence``: as in the event.
    ``event_date``, ``date_precision``, ``date_value``: see ``calendar_date`` (a calendar day or
    empty; day, week, month, quarter or year; the TIMEX3 value as extracted).
    ``acled_event_type``, ``acled_sub_event_type``: the ACLED classification, if any.
    ``source_actors``, ``target_actors``: canonical actor names, distinct, joined by "; ".
    ``location``, ``country``, ``lat``, ``lon``: the event's place name, ISO alpha-3 country and
    coordinates (empty when unresolved).
    ``killed``, ``injured``: see ``casualty_total``; empty when no report gives a number.
    ``killed_figure``, ``injured_figure``: the same figures as a person reads them, qualifiers
    kept (``figure_text``: "12+", "10–15", "≤40"); empty when no report gives one.
    ``n_reports``: how many article reports the event merges.
    """
    location = event.location
    event_date, precision = calendar_date(event)
    figures = figure_texts(event)
    return {
        "id": event.id,
        "event_date": event_date,
        "date_precision": precision,
        "date_value": event.date.value if event.date else None,
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
        "killed_figure": figures.get("killed"),
        "injured_figure": figures.get("injured"),
        "n_reports": len(event.reports),
        "confidence": event.confidence,
    }


# The precision of a calendar range by its length in days (the ranges date_range_of gives).
_PRECISIONS: tuple[tuple[int, str], ...] = ((1, "day"), (7, "week"), (31, "month"), (92, "quarter"))


def calendar_date(event: StoredEvent) -> tuple[str | None, str | None]:
    """(``event_date``, ``date_precision``): the first calendar day of the event's date as ISO
    ("2024-03-14"; for a week, its Monday, as ACLED gives it) and how wide the date is (day, week,
    month, quarter, year); (None, None) when the date names no calendar range ("XXXX-WXX-7", an
    undated "Sunday"; "PRESENT_REF"). A TIMEX3 value ("2024-03-14TEV", "2024-W09") is never an
    ``event_date``: it stays in ``date_value``, where a spreadsheet will not misread it."""
    from ..resolve.dedup import date_range_of  # the merge's reading of TIMEX3 ranges

    day_range = event.date and date_range_of(event.date.value)
    if not day_range:
        return None, None
    days = (day_range[1] - day_range[0]).days + 1
    precision = next((name for most, name in _PRECISIONS if days <= most), "year")
    return day_range[0].isoformat(), precision


def figure_texts(event: StoredEvent) -> dict[str, str]:
    """Each casualty kind's figure across the event's reports as a person reads it, by kind."""
    return casualty_figures([f.casualties for f in event.figures] or [event.casualties])


def casualty_figures(figures: list[list[Casualty]]) -> dict[str, str]:
    """Each casualty kind's figure across reports (each report's casualties) as a person reads it:
    ``resolve.figures.reconcile`` (the lowest of conflicting reports, the spread kept), as text."""
    return {r.kind: text for r in reconcile(figures) if (text := figure_text(r.low, r.high, r.qualifier))}


def figure_text(low: int | None, high: int | None, qualifier: str = "exact") -> str:
    """A figure with its qualifier: "12" (exact), "12+" (at least 12, or "dozens"), "10–15" (a
    range, or reports that disagree), "≤40" ("nearly 40"), "~12" (about 12); "" for none."""
    if low is None and high is None:
        return ""
    if low is None:
        return f"≤{high}"
    if high is None:
        return str(low) if qualifier == "exact" else f"{low}+"
    if low != high:
        return f"{low}–{high}"
    if qualifier == "approximately":
        return f"~{low}"
    if qualifier == "at_least":
        return f"{low}+"
    if qualifier == "at_most":
        return f"≤{high}"
    return str(low)


def _actor_names(found: list[Actor]) -> str:
    return ACTOR_SEPARATOR.join(dict.fromkeys(actor.name for actor in found))


def _write_jsonl(events: Iterable[StoredEvent], out: IO[str], _context: ExportContext) -> Written:
    n = 0
    for event in events:
        out.write(event.model_dump_json())
        out.write("\n")
        n += 1
    return Written(n, 0)


def _write_csv(events: Iterable[StoredEvent], out: IO[str], _context: ExportContext) -> Written:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(summary_row(event))  # None is written as an empty cell
        n += 1
    return Written(n, 0)


def _write_geojson(events: Iterable[StoredEvent], out: IO[str], _context: ExportContext) -> Written:
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


# --- PLOVER ---------------------------------------------------------------------------------------


def plover_record(event: StoredEvent) -> dict[str, Any]:
    """One PLOVER event record (the PLOVER specification's field names, as in POLECAT):

    ``event_id``, ``event_date`` (a calendar day or null, ``calendar_date``; the TIMEX3 value is in
    ``date_value``, its width in ``date_precision``), ``event_type``, ``event_mode``,
    ``event_context`` (a list), ``source_actor``/``target_actor`` (canonical names, "; "-joined),
    ``source_country``/``target_country`` (alpha-3), ``source_sector``/``target_sector``,
    ``event_text`` (the evidence, or the trigger when there is none), ``location`` (a list of one
    place, or empty), ``fatalities``/``injuries`` (as ``casualty_total``), ``status`` (ours: a
    negated or hypothetical event is kept, and marked), ``story_ids`` (the reporting articles),
    ``confidence``, and ``format`` ("tidings/1").
    """
    location = event.location
    evidence = event.evidence or [event.trigger]
    event_date, precision = calendar_date(event)
    return {
        "event_id": event.id,
        "event_date": event_date,
        "date_precision": precision,
        "date_value": event.date.value if event.date else None,
        "event_type": event.type,
        "event_mode": event.mode,
        "event_context": list(event.contexts),
        "source_actor": _actor_names(event.source_actors),
        "source_country": _first_set(a.country for a in event.source_actors),
        "source_sector": _first_set(a.sector for a in event.source_actors),
        "target_actor": _actor_names(event.target_actors),
        "target_country": _first_set(a.country for a in event.target_actors),
        "target_sector": _first_set(a.sector for a in event.target_actors),
        "event_text": " ... ".join(span.text for span in evidence),
        "location": [] if location is None else [{
            "name": location.name, "country": location.country, "admin1": location.admin1,
            "lat": location.lat, "lon": location.lon, "geonames_id": location.geonames_id,
            "feature": location.feature, "precision": location.precision,
        }],
        "fatalities": casualty_total([f.casualties for f in event.figures], "killed"),
        "injuries": casualty_total([f.casualties for f in event.figures], "injured"),
        "status": event.status,
        "story_ids": list(dict.fromkeys(r.article_id for r in event.reports)),
        "confidence": event.confidence,
        "format": "tidings/1",
    }


def _first_set(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _write_plover(events: Iterable[StoredEvent], out: IO[str], _context: ExportContext) -> Written:
    n = 0
    for event in events:
        out.write(json.dumps(plover_record(event), ensure_ascii=False))
        out.write("\n")
        n += 1
    return Written(n, 0)


# --- ACLED ---------------------------------------------------------------------------------------

ACLED_COLUMNS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "actor2", "assoc_actor_2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
    # ours, after ACLED's columns:
    "date_value", "injured", "claimed_by", "denied_by", "accused", "accused_by", "status", "tidings_id",
)
# ACLED's time_precision: 1 = the day is known, 2 = a week or a few days, 3 = a month or longer.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "quarter": 3, "year": 3}
# ACLED's geo_precision: 1 = the town itself, 2 = near a town / a district, 3 = a province or larger.
_GEO_PRECISION = {"point": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}


def acled_row(event: StoredEvent, context: ExportContext | None = None) -> dict[str, Any]:
    """One ACLED-style row. ``event_date`` is the first day of the event's date range (ACLED rows
    carry a day; ``time_precision`` says how exact it is); events with no date get an empty one.
    ``actor1``/``actor2``: the first source and target actor, the others in ``assoc_actor_*``
    ("; "-joined). ``country``: the country's name. ``fatalities``: as ``casualty_total``, 0 when no
    report gives a number (ACLED's convention); ``injured`` stays empty then. ``source``: the
    reporting outlets (article ids where the outlet is unknown). ``notes``: the evidence text.
    ``claimed_by``/``denied_by``/``accused``/``accused_by``: from the claims tied to the event.
    ``date_value``: the TIMEX3 value the date was read from."""
    context = context or ExportContext()
    location = event.location
    sources = [context.sources.get(r.article_id) or r.article_id for r in event.reports]
    claims = [c for r in event.reports for c in context.claims.get(r.event_id, [])]
    event_date, precision = calendar_date(event)
    evidence = event.evidence or [event.trigger]
    source_names = list(dict.fromkeys(a.name for a in event.source_actors))
    target_names = list(dict.fromkeys(a.name for a in event.target_actors))
    killed = casualty_total([f.casualties for f in event.figures], "killed")
    return {
        "event_date": event_date,
        "time_precision": _TIME_PRECISION[precision] if precision else None,
        "event_type": event.acled.event_type if event.acled else None,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "actor1": source_names[0] if source_names else None,
        "assoc_actor_1": ACTOR_SEPARATOR.join(source_names[1:]),
        "actor2": target_names[0] if target_names else None,
        "assoc_actor_2": ACTOR_SEPARATOR.join(target_names[1:]),
        "country": country_name(location.country) if location and location.country else None,
        "admin1": location.admin1 if location else None,
        "location": location.name if location else None,
        "latitude": location.lat if location else None,
        "longitude": location.lon if location else None,
        "geo_precision": _GEO_PRECISION.get(location.precision or "") if location else None,
        "source": ACTOR_SEPARATOR.join(dict.fromkeys(sources)),
        "notes": " ... ".join(span.text for span in evidence),
        "fatalities": killed if killed is not None else 0,
        "date_value": event.date.value if event.date else None,
        "injured": casualty_total([f.casualties for f in event.figures], "injured"),
        "claimed_by": _claim_names(claims, "claim"),
        "denied_by": _claim_names(claims, "denial"),
        "accused": ACTOR_SEPARATOR.join(dict.fromkeys(
            c.accused.name for c in claims if c.kind == "accusation" and c.accused)),
        "accused_by": _claim_names(claims, "accusation"),
        "status": event.status,
        "tidings_id": event.id,
    }


def _claim_names(claims: list[Claim], kind: str) -> str:
    return ACTOR_SEPARATOR.join(dict.fromkeys(c.actor.name for c in claims if c.kind == kind))


@lru_cache(maxsize=512)
def country_name(alpha3: str) -> str:
    """The country's English name ("IRQ" -> "Iraq"); the code itself when pycountry has none."""
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3.upper())
    if found is None:
        return alpha3
    return getattr(found, "common_name", None) or found.name


def country_code(value: str) -> str:
    """The ISO alpha-3 code of a country given by name, alpha-2 or alpha-3, in any case ("Somalia",
    "SO", "som" -> "SOM"; the extra names of data/countries.tsv too: "Britain" -> "GBR"). A
    ``UsageError`` that says so when nothing matches: a filter on a typo silently found nothing."""
    found = _country_codes().get(value.strip().casefold())
    if found is None:
        raise UsageError(f"--country {value!r} matches no country; give a name (Somalia), an ISO "
                         f"alpha-2 (SO) or alpha-3 code (SOM)")
    return found


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    import pycountry

    from ..kb.registry import states

    codes: dict[str, str] = {}
    every = states()
    for state in every:
        codes[state.alpha3.casefold()] = state.alpha3
    for country in pycountry.countries:
        codes.setdefault(country.alpha_2.casefold(), country.alpha_3)
    for state in every:  # names after codes: a code always means its own country
        for name in state.names:
            codes.setdefault(name.casefold(), state.alpha3)
    return codes


def _write_acled(events: Iterable[StoredEvent], out: IO[str], context: ExportContext,
                 keep_all: bool = False) -> Written:
    """ACLED rows of the events that have an ACLED event type (a statement, an agreement has none
    in ACLED's scheme); the others are counted as left out, or written too with ``keep_all``."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = left_out = 0
    for event in events:
        if not keep_all and not (event.acled and event.acled.event_type):
            left_out += 1
            continue
        writer.writerow(acled_row(event, context))
        n += 1
    return Written(n, left_out)


# --- Parquet -------------------------------------------------------------------------------------

PARQUET_COLUMNS: tuple[str, ...] = (*CSV_COLUMNS, "event_json")
_PARQUET_BATCH = 1000
_FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence"})
_INT_COLUMNS = frozenset({"killed", "injured", "n_reports"})


def _write_parquet(events: Iterable[StoredEvent], out: IO[Any], _context: ExportContext) -> Written:
    pa = require("pyarrow", "parquet", "--format parquet")
    pq = require("pyarrow.parquet", "parquet", "--format parquet")
    schema = pa.schema([
        (name, pa.float64() if name in _FLOAT_COLUMNS else pa.int64() if name in _INT_COLUMNS
         else pa.string())
        for name in PARQUET_COLUMNS
    ])
    sink = getattr(out, "buffer", out)  # sys.stdout is text; Parquet is bytes
    n = 0
    with pq.ParquetWriter(sink, schema) as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append({**summary_row(event), "event_json": event.model_dump_json()})
            n += 1
            if len(batch) == _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return Written(n, 0)


formats.register("jsonl", func=Format(_write_jsonl))
formats.register("csv", func=Format(_write_csv))
formats.register("geojson", func=Format(_write_geojson, left_out="without coordinates"))
formats.register("plover", func=Format(_write_plover))
formats.register("acled", func=Format(_write_acled, needs_context=True, selective=True,
                                      left_out="without an ACLED event type (--all keeps them)"))
formats.register("parquet", func=Format(_write_parquet, binary=True))
