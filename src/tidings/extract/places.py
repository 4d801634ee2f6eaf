"""Places: every toponym in an article (GPE, LOC and FAC entities, and the dateline), resolved
against the offline gazetteer (``tidings.resolve.geocode``).

Resolution reads the whole article first: the dateline ("KABUL, Afghanistan") and the countries the
article names make a context, and a name is then resolved with it, so "Paris" in a story about Texas
is Paris, Texas. A name said right beside its state or country ("Paris, Texas") is resolved with that
as a strong hint. Demonyms ("Iraqi") are NORP in spaCy: affiliations, not places, and not read here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .document import text_of
from ..models import Actor, Article, Place
from ..resolve.geocode import GeoContext, Resolution, curated_places, gazetteer, rank_candidates

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LEADING = ("the ", "The ")
_TRAILING = ("'s", "’s")
# A first pass result at least this sure counts as evidence of what the article is about.
_CONTEXT_CONFIDENCE = 0.8


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


@dataclass(frozen=True)
class Mention:
    """A toponym as written: its span in the article, and what is said right beside it."""

    text: str
    start: int
    end: int
    hint: str | None = None  # "Texas" in "Paris, Texas"; "Afghanistan" in "KABUL, Afghanistan"


def find_mentions(doc: Doc, article: Article) -> list[Mention]:
    """Toponym spans in text order: place entities (leading "the" and a possessive stripped) and the
    dateline place. An entity inside the dateline is left to the dateline."""
    mentions: list[Mention] = []
    dateline = _dateline_mention(article)
    if dateline is not None:
        mentions.append(dateline)
    ents = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    for index, ent in enumerate(ents):
        start, end, text = ent.start_char, ent.end_char, ent.text
        for lead in _LEADING:
            if text.startswith(lead):
                start, text = start + len(lead), text[len(lead):]
        for tail in _TRAILING:
            if text.endswith(tail):
                end, text = end - len(tail), text[: -len(tail)]
        if not text.strip() or (dateline and start < dateline.end and end > dateline.start):
            continue
        hint = None
        following = ents[index + 1] if index + 1 < len(ents) else None
        # "Paris, Texas": the next place entity follows after a comma and a space.
        if following is not None and text_of(doc)[end:following.start_char] in {", ", ","}:
            hint = following.text
        mentions.append(Mention(text, start, end, hint))
    return sorted(mentions, key=lambda m: m.start)


def _dateline_mention(article: Article) -> Mention | None:
    """The place of the dateline ("KABUL" of "KABUL, Afghanistan (Jan. 25, 2013)") with the rest of
    it ("Afghanistan") as its hint; None when the article has no dateline place."""
    if article.dateline is None or not article.dateline_place:
        return None
    offset = article.text.find(article.dateline_place, article.dateline.start, article.dateline.end)
    if offset < 0:
        return None
    head, _, rest = article.dateline_place.partition(",")
    head = head.strip()
    start = article.text.find(head, offset)
    return Mention(head, start, start + len(head), rest.strip() or None)


def _hint_context(hint: str | None) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Countries and regions a hint ("Texas", "Afghanistan") may be."""
    if not hint:
        return frozenset(), frozenset()
    found = [c for c in gazetteer().candidates(hint) if c.feature in {"country", "admin1"}]
    countries = frozenset(c.country for c in found if c.feature == "country" and c.country)
    regions = frozenset((c.country, c.admin1_code) for c in found
                        if c.feature == "admin1" and c.country and c.admin1_code)
    return countries, regions


def build_context(mentions: list[Mention]) -> GeoContext:
    """What the article is about, from a first pass over its toponyms without context: the
    countries and admin-1 regions it names, and the countries of its confidently resolved places."""
    countries: Counter[str] = Counter()
    regions: Counter[tuple[str, str]] = Counter()
    for mention in mentions:
        hint_countries, hint_regions = _hint_context(mention.hint)
        countries.update(hint_countries)
        regions.update(hint_regions)
        resolution = rank_candidates(gazetteer().candidates(mention.text), GeoContext())
        if resolution is None or resolution.confidence < _CONTEXT_CONFIDENCE:
            continue
        chosen = resolution.candidate
        if chosen.country:
            countries[chosen.country] += 1
        if chosen.feature == "admin1" and chosen.admin1_code:
            regions[(chosen.country, chosen.admin1_code)] += 1
    return GeoContext(frozenset(countries), frozenset(regions))


def to_place(mention: Mention, resolution: Resolution | None) -> Place:
    """The output record; an unresolved name keeps null coordinates and no country."""
    if resolution is None:
        return Place(text=mention.text, start=mention.start, end=mention.end, name=mention.text,
                     confidence=0.2)
    chosen = resolution.candidate
    return Place(
        text=mention.text, start=mention.start, end=mention.end, name=chosen.name,
        lat=chosen.lat, lon=chosen.lon, country=chosen.country, admin1=chosen.admin1,
        geonames_id=chosen.geonames_id, feature=chosen.feature, precision=chosen.precision,
        confidence=resolution.confidence,
    )


def extract_places(doc: Doc, article: Article) -> list[Place]:
    """Every toponym in the article, resolved in the context of the whole article."""
    mentions = find_mentions(doc, article)
    context = build_context(mentions)
    places = []
    for mention in mentions:
        hint_countries, hint_regions = _hint_context(mention.hint)
        local = GeoContext(context.countries, context.admin1, hint_countries, hint_regions)
        places.append(to_place(mention, rank_candidates(gazetteer().candidates(mention.text), local)))
    return places


# --- where an event happened ---------------------------------------------------------------------


def event_location(head: Token, sent: SpacySpan, places: list[Place], actors: list[Actor], article: Article) -> Place | None:
    """The place of the event: a place in the trigger's own phrase first ("a strike ON a base NEAR
    X"), else a place in its sentence that is not part of an actor's name ("US soldiers")."""
    in_sent = [p for p in places if sent.start_char <= p.start < sent.end_char]
    if not in_sent:
        return None
    in_actor = {(p.start, p.end) for p in in_sent for a in actors if a.start <= p.start and p.end <= a.end}
    free = [p for p in in_sent if (p.start, p.end) not in in_actor]
    if not free:
        return None
    lo = head.left_edge.idx
    hi = head.right_edge.idx + len(head.right_edge)
    own = [p for p in free if lo <= p.start and p.end <= hi]
    pool = own or free
    # prefer the most precise place, then the nearest to the trigger
    rank = {"point": 0, "town": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5, None: 6}
    return min(pool, key=lambda p: (rank.get(p.precision, 6), abs(p.start - head.idx)))
