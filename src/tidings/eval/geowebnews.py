"""GeoWebNews (Gritta et al., LREV 2019): toponym recognition and resolution in 200 web news articles.

Read from the BRAT standoff (``data/GeoWebNews/N.txt`` + ``N.ann``). Each ``.txt`` opens with a
``TITLE: ... LINK: ...`` line that is not annotated, so the pipeline reads the text after it (the
title goes in as ``Article.title``) and offsets are shifted back. Gold coordinates are the
``AnnotatorNotes``: a "lat, lon" pair, or a GeoNames id whose coordinates are taken from the same
annotations' XML export (``data/GWN.xml``, which pairs every id with its lat/lon).

What counts (the paper's taxonomy):

- literal toponyms, which we must find: Literal, Mixed, Coercion, Embedded_Literal, and
  Literal_Modifier written as a noun ("Britain's"); an adjectival literal modifier ("Syrian") is a
  demonym to spaCy and an affiliation to us, so it is not expected;
- associative toponyms (Metonymic "Turkey shelled...", Non_Literal_Modifier, Embedded_Non_Lit,
  Demonym, Homonym, Language, Non_Toponym, adjectival modifiers): tidings reports every toponym
  without judging metonymy, so a prediction on one of these is neither right nor wrong;
- everything else a prediction overlaps (or nothing) is a false positive.

Predictions are the ``places`` of the article results the pipeline gives, as ``tidings extract``
prints them (the text after the header read as a ``.txt`` file is). A prediction matches a gold
toponym when the spans overlap. ``accuracy_161km`` is end to end: over every literal toponym with
gold coordinates, the share that tidings found and placed within 161 km (100 miles); a toponym not
found, or found and left unresolved, counts as wrong. ``accuracy_161km_recognised`` is the same
over found toponyms only (the headline until 2026-12-04: it hid recognition misses).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..ingest import article_from_text
from ..models import Article, EvalReport
from .toponyms import ToponymTally, overlaps

NAME = "geowebnews"
DEFAULT_LIMIT: int | None = 60  # about 40 s on the 2-core machine; None reads all 200

LITERAL = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal"})
ASSOCIATIVE = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym",
                         "Homonym", "Language", "Non_Toponym"})
TITLE_LINE = re.compile(r"TITLE: (?P<title>.*?) LINK: \S*\s*")
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    type: str
    modifier: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def literal(self) -> bool:
        return self.type in LITERAL or (self.type == "Literal_Modifier" and self.modifier == "Noun")


def geonames_coordinates(root: Path) -> dict[str, tuple[float, float]]:
    """GeoNames id -> (lat, lon), as the annotators recorded them in the XML export."""
    coordinates: dict[str, tuple[float, float]] = {}
    for toponym in ET.parse(root / "data" / "GWN.xml").getroot().iter("toponym"):
        gid, lat, lon = (toponym.findtext(tag) for tag in ("geonamesID", "latitude", "longitude"))
        if gid and lat and lon:
            coordinates[gid.strip()] = (float(lat), float(lon))
    return coordinates


def read_document(ann_path: Path, coordinates: dict[str, tuple[float, float]]) -> list[GoldToponym]:
    """The toponyms of one ``.ann`` file (expressions like "city" or "citizens" are skipped)."""
    spans: dict[str, GoldToponym] = {}
    notes: dict[str, str] = {}
    modifiers: dict[str, str] = {}
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3:
            kind, start, end = fields[1].split()[:3]
            spans[fields[0]] = GoldToponym(int(start), int(end), fields[2], kind)
        elif line.startswith("#") and len(fields) >= 3:
            notes[fields[1].split()[1]] = fields[2].strip()
        elif line.startswith("A") and len(fields) >= 2 and fields[1].startswith("Modifier_Type"):
            _, target, value = fields[1].split()
            modifiers[target] = value
    for tid, toponym in spans.items():
        toponym.modifier = modifiers.get(tid)
        note = notes.get(tid, "")
        match = _LATLON.match(note)
        if match:
            toponym.lat, toponym.lon = float(match.group(1)), float(match.group(2))
        elif note in coordinates:
            toponym.lat, toponym.lon = coordinates[note]
    return [t for t in spans.values() if t.type in LITERAL | ASSOCIATIVE | {"Literal_Modifier"}]


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    folder = root / "data" / "GeoWebNews"
    coordinates = geonames_coordinates(root)
    numbers = sorted(int(p.stem) for p in folder.glob("*.ann"))
    if limit is not None:
        numbers = numbers[:limit]

    articles: list[Article] = []
    golds: list[list[GoldToponym]] = []
    shifts: list[int] = []
    for number in numbers:
        raw = (folder / f"{number}.txt").read_text(encoding="utf-8", errors="replace")
        header = TITLE_LINE.match(raw)
        shift = header.end() if header else 0
        body = raw[shift:]
        articles.append(article_from_text(
            body, f"GeoWebNews/{number}.txt",
            fields={"title": header.group("title")} if header else None))
        golds.append(read_document(folder / f"{number}.ann", coordinates))
        shifts.append(shift)

    tally = ToponymTally()
    ignored = 0
    failed = 0
    # The whole pipeline runs: what is scored is what a user gets (an article the pipeline fails
    # on finds no toponyms, and they count as missed).
    results = pipeline.process_many(articles)
    for number, gold, shift, result in zip(numbers, golds, shifts, results):
        where = f"doc {number}"
        failed += bool(result.errors)
        literal = [g for g in gold if g.literal]
        others = [g for g in gold if not g.literal]
        found = [False] * len(literal)
        for place in result.places:
            start, end = place.start + shift, place.end + shift
            if tally.match_overlapping(where, place, start, end, literal, found):
                continue
            if any(overlaps(start, end, g.start, g.end) for g in others):
                ignored += 1
            else:
                tally.false_place(where, place, "gold toponym")
        for i, g in enumerate(literal):
            if not found[i]:
                tally.miss(where, f"{g.text!r} ({g.type})", g.lat is not None)
    return EvalReport(
        name=NAME, scores=tally.scores(),
        counts={"documents": len(numbers), "documents_with_errors": failed,
                "ignored_associative": ignored, **tally.counts()},
        examples=tally.examples(),
        notes="Recognition on literal toponyms (overlapping spans; predictions on associative "
              "toponyms ignored); accuracy_161km end to end over all literal toponyms with gold "
              "coordinates (missed or unresolved counted wrong); accuracy_161km_recognised over the "
              "matched ones only.",
    )
