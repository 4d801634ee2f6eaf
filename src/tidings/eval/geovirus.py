"""GeoVirus (Gritta et al., 2018): toponyms with coordinates in 229 WikiNews disease-outbreak passages.

Read from ``GeoVirus.xml``: ``<article>`` elements, each a ``<text>`` and its ``<location>`` list
(name, start, end, lat, lon, Wikipedia page). The corpus counts its offsets from 1: in every record
``text[start - 1:end - 1]`` is the name (checked on all 2,170 locations), so 1 is taken off here, and a
location whose shifted span does not spell its name is skipped rather than guessed.

GeoVirus annotates literal toponyms only (no demonyms, no metonymy), so every prediction that
overlaps no gold location counts as a false positive; a share of these are real places the
annotators left out (a country named as a government). Predictions are the ``places`` of the
article results the whole pipeline gives, as ``tidings extract`` prints them. ``accuracy_161km`` is
end to end: over every gold location, the share tidings found and placed within 161 km (100 miles);
one not found, or found and left unresolved, counts as wrong. ``accuracy_161km_recognised`` is the
same over found locations only (the headline until 2026-12-04: it hid recognition misses).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..ingest import article_from_text
from ..models import EvalReport
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
    articles = [article_from_text(text, f"GeoVirus/{number}") for number, (text, _) in enumerate(passages)]

    tally = ToponymTally()
    failed = 0
    # The whole pipeline runs: what is scored is what a user gets.
    results = pipeline.process_many(articles)
    for number, ((_, gold), result) in enumerate(zip(passages, results)):
        where = f"passage {number}"
        failed += bool(result.errors)
        found = [False] * len(gold)
        for place in result.places:
            if not tally.match_overlapping(where, place, place.start, place.end, gold, found):
                tally.false_place(where, place)
        for i, g in enumerate(gold):
            if not found[i]:
                tally.miss(where, repr(g.text))
    return EvalReport(
        name=NAME, scores=tally.scores(), counts={"documents": len(passages), "documents_with_errors": failed, **tally.counts()},
        examples=tally.examples(),
        notes="Recognition on all gold locations (overlapping spans); accuracy_161km end to end over "
              "all gold locations (missed or unresolved counted wrong); accuracy_161km_recognised over "
              "the matched ones only. Offsets shifted from 1-based.",
    )
