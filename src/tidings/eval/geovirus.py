"""GeoVirus (Gritta et al., 2018): toponyms with coordinates in 229 WikiNews disease-outbreak passages.

Read from ``GeoVirus.xml``: ``<article>`` elements, each a ``<text>`` and its ``<location>`` list
(name, start, end, lat, lon, Wikipedia page). The corpus counts its offsets from 1: in every record
``text[start - 1:end - 1]`` is the name (checked on all 2,170 locations), so 1 is taken off here, and a
location whose shifted span does not spell its name is skipped rather than guessed.

GeoVirus annotates literal toponyms only (no demonyms, no metonymy), so every prediction that
overlaps no gold location counts as a false positive; a share of these are real places the
annotators left out (a country named as a government). ``accuracy_161km`` is over matched gold
locations: the share whose predicted point lies within 161 km (100 miles); an unresolved prediction
(null coordinates) counts as wrong.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..extract.places import extract_places
from ..models import Article, EvalReport, article_id_for
from .toponyms import ToponymTally

NAME = "geovirus"
DEFAULT_LIMIT: int | None = 120  # passages; about 20 s on the 2-core machine; None reads all 229
FILE = "GeoVirus.xml"


@dataclass
class GoldLocation:
    start: int
    end: int
    text: str
    lat: float
    lon: float


def read_corpus(root: Path) -> list[tuple[str, list[GoldLocation]]]:
    """(text, gold locations) per passage, offsets made 0-based."""
    passages = []
    for node in ET.parse(root / FILE).getroot().iter("article"):
        text = node.findtext("text") or ""
        gold = []
        for loc in node.iter("location"):
            name = loc.findtext("name") or ""
            start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1
            if text[start:end] != name:
                continue
            gold.append(GoldLocation(start, end, name, float(loc.findtext("lat")),
                                     float(loc.findtext("lon"))))
        passages.append((text, gold))
    return passages


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    passages = read_corpus(root)
    if limit is not None:
        passages = passages[:limit]
    articles = [Article(id=article_id_for(text), text=text) for text, _ in passages]

    tally = ToponymTally()
    # Only places are scored, so only the places extractor runs on the parse.
    docs = pipeline.nlp.pipe(article.text for article in articles)
    for number, ((_, gold), article, doc) in enumerate(zip(passages, articles, docs)):
        where = f"passage {number}"
        found = [False] * len(gold)
        for place in extract_places(doc, article):
            if not tally.match_overlapping(where, place, place.start, place.end, gold, found):
                tally.false_place(where, place)
        for i, g in enumerate(gold):
            if not found[i]:
                tally.miss(where, repr(g.text))
    return EvalReport(
        name=NAME, scores=tally.scores(), counts={"documents": len(passages), **tally.counts()},
        examples=tally.examples(),
        notes="Recognition on all gold locations (overlapping spans); accuracy_161km on matched "
              "gold locations, unresolved predictions counted wrong. Offsets shifted from 1-based.",
    )
