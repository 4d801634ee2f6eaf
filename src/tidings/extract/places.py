"""Places: every toponym in an article (GPE, LOC and FAC entities, and the dateline), resolved
against the offline gazetteer (``tidings.kb.geocode``).

Resolution reads the whole article first: the dateline ("KABUL, Afghanistan") and the countries the
article names make a context, and a name is then resolved with it, so "Paris" in a story about Texas
is Paris, Texas. A name said right beside its state or country ("Paris, Texas") is resolved with that
as a strong hint. Demonyms ("Iraqi") are NORP in spaCy: affiliations, not places, and not read here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..annotate.document import entities, entity_at, sentence_of, text_of
from ..datafiles import load_yaml, read_tsv
from ..models import GUESSED_SITE_CONFIDENCE, Article, Place
from ..kb.geocode import (Candidate, GeoContext, Resolution, distance_km, fold_name,
                          gazetteer, rank_candidates)
from ..kb.geocode import ruler_patterns  # noqa: F401 (kept here for callers of extract.places)
from ..kb.registry import registry
from ..kb.triggers import trigger_index

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the stock model gives town names it does not know ("in Khan Younis" -> PERSON): read as a
# place only with a cue from data/place_cues.tsv and a gazetteer entry.
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE"})
# Words a DATE entity is made of when it is a date; a DATE of capitalised words none of which is one
# is a name the model took for a date ("in Manbij" tagged DATE).
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
    "christmas easter ramadan eid today yesterday tomorrow spring summer autumn fall winter".split())
CUE_FILE = "place_cues.tsv"
_LEADING = ("the ", "The ")
_TRAILING = ("'s", "’s")
_CONFIDENCE = load_yaml("confidence.yaml")["places"]
# A first pass result at least this sure counts as evidence of what the article is about.
_CONTEXT_CONFIDENCE = float(_CONFIDENCE["context"])
# Confident places precise enough to say where the story is (a country or continent is not).
_ANCHOR_PRECISIONS = frozenset({"point", "town", "admin2", "admin1"})
_MAX_ANCHORS = 12  # the first few are enough, and keep scoring cheap
_COUNTY_KM = 100.0  # a town this far from the county point its hint names lies outside the county


def _mislabelled(ent: SpacySpan) -> bool:
    """An entity whose label may hide a place name: PERSON, ORG, NORP... (see MISLABELS), or a
    DATE made only of capitalised words that are no month, day or season ("in Manbij")."""
    if ent.label_ in MISLABELS:
        return True
    return ent.label_ == "DATE" and all(t.tag_ in _NAME_TAGS and t.text[:1].isupper()
                                        and t.text.lower() not in _DATE_WORDS for t in ent)


@dataclass(frozen=True)
class Mention:
    """A toponym as written: its span in the article, and what is said right beside it."""

    text: str
    start: int
    end: int
    hint: str | None = None  # "Texas" in "Paris, Texas"; "Afghanistan" in "KABUL, Afghanistan"
    inside: str | None = None  # "Buffalo" for "New York" in "Buffalo, New York": it names a region
    region: bool = False  # a region word follows: "Idlib province", "New York state"
    street: bool = False  # one of two streets that cross ("near 76th and Townsend"): no town


@lru_cache(maxsize=1)
def place_cues() -> dict[str, frozenset[str]]:
    """kind -> cue words, from ``data/place_cues.tsv``."""
    rows = read_tsv(CUE_FILE)
    kinds: dict[str, set[str]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], set()).add(row["cue"])
    return {kind: frozenset(words) for kind, words in kinds.items()}


def _cued_as_place(ent: SpacySpan) -> bool:
    """A PERSON/ORG/NORP/... entity that its context calls a place: "in Misrata", "northern
    Nineveh", "Idlib province" when the gazetteer knows the name; without it, when the cue leaves
    no other reading: "the village of Sousan", "the town of al-Wafa" (villages no gazetteer has,
    tagged ORG or NORP), or a landmark word ends the name ("the Kuweires Military Airport",
    "the Association Quarter", "Trafalgar Square" tagged ORG or PERSON)."""
    cues = place_cues()
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    last = ent[-1].lower_
    # No name: "kapwa"; a people: "Canadian", "the Skripals" (a family).
    if not any(t.text[:1].isupper() for t in ent) \
            or (ent.label_ == "PERSON" and ent[-1].tag_ == "NNPS"
                and "the" in {before, ent[0].lower_} and len(ent) <= 2) \
            or (ent.label_ == "NORP" and registry().country_of(ent.text) is not None):
        return False
    # A people's name before a place's ("Arab east Jerusalem") says whose the place is.
    if ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound"} and ent.root.head.ent_type_ \
            and ent.root.head.ent_type_ in PLACE_LABELS:
        return False
    if _of_cue(doc, ent.start) or last in cues["landmark_noun"] or \
            (len(ent) > 1 and last in cues["feature_noun"]) \
            or _described_as_place(doc, ent.end):
        return True
    cued = (before in cues["preposition"] or before in cues["direction"]
            or after in cues["place_noun"] or last in cues["place_noun"]
            or (ent.label_ != "PERSON" and any(after in cues[kind]
                                               for kind in ("site_noun", "place_part", "home_noun")))
            or _locative_role(ent) or _capital_apposition(doc, ent.start) or _dateline_like(doc, ent))
    # An acronym matches a town only by case ("in the EU" is not Eu, France; "SA" not Siá).
    # An acronym counts when it is a country's, a region's or a curated place's ("in the EU").
    found = gazetteer().candidates(ent.text) if cued else ()
    if found and (_looks_like_name(ent) or any(
            c.source == "curated" or (c.feature in {"country", "admin1"} and not c.alias) for c in found)):
        return True
    return _event_place_slot(ent)


def _locative_role(span: SpacySpan) -> bool:
    """Whether the name fills a place's slot in the parse though no cue word stands right beside
    it: the object of a preposition of place further on ("in the predominantly Shiite al-Bayaa"),
    or the object of a verb that takes a place ("captured Grahovo and Glamoc", "patrolled
    Tbilisi"), a list's later members included."""
    cues = place_cues()
    token = span.root
    if token.dep_ == "poss" and part_of_place(token.head):
        token = token.head  # "patrolled Tbilisi's streets": the place owns the object
    token = list_head(token)  # "captured A, B and C": the list's first member
    if token.dep_ == "pobj":
        preposition = token.head
        return preposition.lower_ in cues["preposition"] or (
            preposition.lower_ in _MOTION_PREPOSITIONS
            and _going(preposition.head if preposition.head.lower_ != "back" else preposition.head.head))
    return token.dep_ == "dobj" and token.head.lemma_.lower() in cues["place_verb"]


# Prepositions whose object is where one goes or comes from, after a verb of going.
_MOTION_PREPOSITIONS = frozenset({"to", "from"})


def _going(verb: Token) -> bool:
    """A verb of going (``motion_verb``): "fled", "travelling" (a noun such as "a trip": no)."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in place_cues()["motion_verb"]


@lru_cache(maxsize=1)
def event_words() -> frozenset[str]:
    """One-word trigger lemmas (verbs and nouns) of the event types place_cues.tsv names."""
    types = place_cues()["event_type"]
    return frozenset(trigger.words[0] for triggers in trigger_index().values()
                     for trigger in triggers if trigger.type in types and len(trigger.words) == 1)


def list_head(token: Token) -> Token:
    """The first member of the list ``token`` is a later member of ("captured A, B and C": A),
    climbing at most four links; ``token`` itself when it is no list member."""
    for _ in range(4):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def _looks_like_name(span: SpacySpan) -> bool:
    """Capitalised words (Arabic articles and hyphens between them allowed), not an acronym."""
    words = [t for t in span if not t.is_punct and t.lower_ not in {"al", "el", "the"}]
    return bool(words) and all(t.text[:1].isupper() for t in words) \
        and not (len(words) == 1 and words[0].text.isupper())


def _event_place_slot(span: SpacySpan) -> bool:
    """A name no gazetteer knows in the place slot of an event: the object of a verb that only
    takes places ("stormed Najarah", "patrolling Sholgara and Darai Souf"), or the object of a
    preposition of place hung on an event word ("reported killed at Ejule", "attacked 56
    fishermen in Doron-Baga"). Villages the model tags PERSON or ORG; a name the actor registry
    knows ("in Hezbollah") stays an actor."""
    cues = place_cues()
    token = span.root
    if token.dep_ == "compound" and token.head.lemma_.lower() in cues["place_noun"]:
        token = token.head  # "in the Radhwaniyah area", "in Mogadishu's Huriwa district"
    elif token.dep_ == "poss" and part_of_place(token.head):
        token = token.head  # "patrolling Senegal's border": the place owns the object
    token = list_head(token)
    if token.dep_ == "dobj":
        slot = token.head.lemma_.lower() in cues["place_object_verb"]
    elif token.dep_ == "pobj" and token.head.lower_ in cues["event_preposition"]:
        slot = token.head.head.lemma_.lower() in event_words()
    else:
        slot = False
    # A people ("shooting back at Israelis") is no place.
    return slot and span.label_ != "NORP" and _looks_like_name(span) \
        and registry().lookup(span.text) is None


def part_of_place(token: Token) -> bool:
    """A noun that names a part of a place ("streets", "border", "outskirts", "skies"), not a
    person or thing a person, state or body has ("raided Ivins's home", "Yemen's defense
    minister")."""
    cues = place_cues()
    return any(word in cues[kind] for word in (token.lower_, token.lemma_.lower())
               for kind in ("place_noun", "site_noun", "feature_noun", "place_part"))


def _capital_apposition(doc: Doc, start: int) -> bool:
    """"the capital, Grozny", "its largest city, Bulawayo": a name set after a settlement noun
    and a comma names that place."""
    return (start > 1 and doc[start - 1].text == ","
            and doc[start - 2].lower_ in place_cues()["settlement_noun"])


_DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "miles", "mi"})


def _described_as_place(doc: Doc, end: int) -> bool:
    """Whether what follows a name (ending before token ``end``) says it is a place, whatever the
    gazetteer knows: a place noun in lower case ("the Radhwaniyah area", "Mogadishu's Huriwa
    district"), or an apposition that locates it ("Buhriz, a suburb of Baqouba"; "Dhuluiya, 70
    kilometres (40 miles) north of Baghdad")."""
    cues = place_cues()
    if end >= len(doc):
        return False
    word = doc[end]
    if word.text.islower() and word.lower_ in cues["named_area_noun"]:
        return True
    if word.text != ",":
        return False
    window = [t for t in doc[end + 1:end + 12] if not t.is_punct or t.text == ","]
    words = [t.lower_ for t in window]
    if len(words) >= 3 and words[0] in {"a", "an", "the"}:
        words = words[1:]
    # ", a suburb of", ", the district of", ", a village near"
    if len(words) >= 2 and words[0] in cues["place_noun"] and words[1] in {"of", "near", "in"} \
            and words[0] not in _COMPASS:
        return True
    # ", 70 kilometres (40 miles) north of": a number, a unit, then a compass word and "of"
    if words and window[0].like_num and len(words) > 1 and words[1] in _DISTANCE_UNITS:
        rest = [w for w in words[2:] if not (w.replace(".", "").isdigit() or w in _DISTANCE_UNITS)]
        return len(rest) >= 2 and rest[0] in _COMPASS and rest[1] == "of"
    return False


_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                      "southwest", "north-east", "north-west", "south-east", "south-west"})


def _of_cue(doc: Doc, start: int) -> bool:
    """Whether "<place noun> of" stands right before token ``start``: "the village of", "the
    outskirts of"."""
    if start > 2 and doc[start - 1].text in _OPENING_MARKS:
        start -= 1  # "the village of ‘Aqrab": the mark is an ʿayn, part of the name
    return (start > 1 and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in place_cues()["place_noun"])


# Marks that transliterations write for the Arabic ʿayn at the start of a name ("‘Aqrab").
_OPENING_MARKS = frozenset({"‘", "`", "'", "ʿ"})


# Tags of the words of a name the model left untagged ("the southern city of Ibb").
_NAME_TAGS = frozenset({"NNP", "NNPS"})


def _untagged_names(doc: Doc) -> list[SpacySpan]:
    """Proper-noun runs outside any entity that a cue calls a place: after "<place noun> of"
    whatever the gazetteer says ("the town of Mare'"), after a preposition only when the
    gazetteer knows the name as a prominent place ("in Aleppo", which the model left untagged
    beside a non-breaking space)."""
    cues = place_cues()
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or token.tag_ not in _NAME_TAGS or not token.text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(doc):
            following = doc[j + 1]
            if following.ent_type_:
                break
            if following.tag_ in _NAME_TAGS:
                j += 1
            # "Al-Halaliyah District": a hyphen inside an Arabic name is tagged HYPH.
            elif following.tag_ == "HYPH" and j + 2 < len(doc) and not doc[j + 2].ent_type_ \
                    and doc[j + 2].tag_ in _NAME_TAGS:
                j += 2
            else:
                break
        span = doc[i:j + 1]
        before = doc[i - 1].lower_ if i > 0 else ""
        if before == "the" and i > 1:
            before = doc[i - 2].lower_  # "in the Latakia Governorate"
        # A feature noun ends the name ("the Sheikh Sa'eed District", "Mallah Farms"): a place
        # whatever the gazetteer says; a lone feature word ("District") names nothing.
        # So does a landmark or building word on a name the model gave no label at all ("the
        # Al-Bassel Hospital", "the Al-Ta'ai Grammar School"): an institution that acts is tagged ORG.
        featured = len(span) > 1 and (span[-1].lower_ in cues["feature_noun"]
                                      or span[-1].lower_ in cues["landmark_noun"]
                                      or span[-1].lower_ in cues["site_noun"])
        if featured or _of_cue(doc, i) or _described_as_place(doc, j + 1) \
                or (before in cues["preposition"] and _prominent(lookup(span.text))) \
                or _event_place_slot(span):
            found.append(span)
        i = j + 1
    return found


# Features of a gazetteer name strong enough to be a place without a cue (a country, a first-level
# region, a continent, a sea): a town's name is as often a person's ("Tyler", "Warwick").
_STRONG_FEATURES = frozenset({"country", "admin1", "region", "water"})
_LIST_JOINS = frozenset({",", "and", "or", ", and", ", or", "&", ";"})
_PERSON_LABELS = frozenset({"PERSON"})


def _gazetteer_names(doc: Doc, taken: list[SpacySpan]) -> list[SpacySpan]:
    """Names the gazetteer knows that the NER did not take as places: untagged proper-noun runs
    and entities it tagged PERSON, ORG, NORP... ("from Menoufia" tagged ORG, "Migori, Homa Bay,
    Rongo" tagged PERSON, "Vestfold, Buskerud, Telemark" left untagged). The NER is one signal;
    the gazetteer proposes, the context confirms or vetoes:

    - confirmed by a cue from ``place_cues.tsv`` (a preposition or compass word before the name, a
      place noun after it, "<place noun> of" before it), or by another place beside it in a list
      ("A, B and C"), or, for a country, first-level region, continent or sea whose name is not
      also a common word or given name (``ambiguous_name``), by the name alone;
    - vetoed by a title before it ("Mr Tyler"), a verb of speech after a town's name ("Tyler
      said"), an organisation word after it ("Lincoln University"), a demonym ("Russian"), or an
      actor the registry knows as anything but a government ("EU", "Hezbollah")."""
    cues = place_cues()
    used = {i for span in taken for i in range(span.start, span.end)}
    surnames = _surnames(doc)
    proposals: list[tuple[SpacySpan, bool]] = []  # (span, confirmed without the list rule)
    for span, leading in _name_spans(doc, used):
        found = gazetteer().candidates(span.text)
        if not found or _vetoed(doc, span, found):
            continue
        if _person_named(span, surnames):
            continue
        label = span.ents[0].label_ if span.ents and span.ents[0].start == span.start else ""
        # A name the NER took for a person ("Maldonado was captured") or a people ("Tigray
        # settlers") is a place only with a cue, though the gazetteer has a region of that name.
        strong = any(c.feature in _STRONG_FEATURES and not c.alias for c in found) \
            and span.text.lower() not in cues["ambiguous_name"] \
            and (label not in {"PERSON", "NORP"} or any(c.feature == "country" for c in found))
        # A prominent place that leads a body's name ("The Winnipeg Fire Paramedic Service") was
        # chosen for its prominence: the name itself is the cue.
        proposals.append((span, strong or leading or _cued(doc, span)))
    places = [span for span, confirmed in proposals if confirmed]
    # A list confirms its members: "Migori, Homa Bay, Rongo" once one of them is a place. Places
    # the NER found count as list members too; repeated until nothing more joins.
    known = sorted([*taken, *places], key=lambda s: s.start)
    pending = [span for span, confirmed in proposals if not confirmed]
    # One name, one sense: a name confirmed as a place elsewhere in the article ("the city of
    # Douma") is that place where it is told again without a cue ("Douma's fall"), unless it acts
    # there ("Douma said", "Douma's mayor") or only names something ("the Douma bombing")
    confirmed_names = {span.text.lower() for span in known}
    for span in list(pending):
        if span.text.lower() in confirmed_names and (span.root.dep_ not in (_ACTING - {"poss"}) | _NAMING
                                                     or _placed_subject(span.root)) \
                and not (span.root.dep_ == "poss" and _owns_people(span.root.head)):
            places.append(span)
            known.append(span)
            pending.remove(span)
    changed = True
    while pending and changed:
        changed = False
        for span in list(pending):
            if any(_listed_with(doc, span, other) for other in known):
                places.append(span)
                known.append(span)
                pending.remove(span)
                changed = True
    return places


def _owns_people(token: Token) -> bool:
    """People or a body: "its MAYOR", "its RESIDENTS", "its POLICE" (whose owner acts or governs,
    not where anything happened)."""
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in registry().nouns


def _joined_names(doc: Doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """Two place names side by side that make one name the gazetteer knows ("in BAJA CALIFORNIA"
    tagged as "Baja" and "California"): one place, not a Hungarian town and a US state."""
    out: list[SpacySpan] = []
    for ent in ents:
        last = out[-1] if out else None
        if last is not None and last.end == ent.start and doc[last.end - 1].whitespace_ == " " \
                and any(not c.alias for c in gazetteer().candidates(doc[last.start:ent.end].text)):
            out[-1] = SpacySpan(doc, last.start, ent.end, label=last.label_)
        else:
            out.append(ent)
    return out


def _with_of_names(doc: Doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """Names the model cut before "of" made whole when the gazetteer knows the whole ("Democratic
    Republic" + "of the Congo", "Isle" + "of Man", "Gulf" + "of Aden"); the pieces after it are
    dropped."""
    out: list[SpacySpan] = []
    covered = -1
    for ent in ents:
        if ent.start < covered:
            continue
        # "Democratic Republic of the" may come tagged with its "of the" and no "Congo".
        if ent[-1].lower_ in {"of", "the"} or (ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of"):
            for end in range(min(ent.end + 5, len(doc)), ent.end, -1):
                tail = doc[end - 1]
                if tail.text[:1].isupper() and tail.is_alpha and gazetteer().candidates(doc[ent.start:end].text):
                    ent = doc[ent.start:end]
                    break
        out.append(ent)
        covered = max(covered, ent.end)
    return out


def _named_again(doc: Doc, places: list[SpacySpan]) -> list[SpacySpan]:
    """One name, one sense in an article: an organisation or product entity whose text is a
    place found elsewhere in the article ("shot outside a WILKES-BARRE bar", the town taken for a
    place twice before) is that place too, where it does not act ("the EU said"). People are left
    out ("Jordan", "Georgia")."""
    names = {e.text for e in places if e.label_ != "FAC"}
    taken = {e.start for e in places}
    return [e for e in doc.ents if e.label_ in MISLABELS - {"PERSON"} and e.text in names and e.start not in taken
            and e.root.dep_ not in _ACTING]


def _placed_subject(token: Token) -> bool:
    """The subject of a passive verb that takes places ("Douma is SURROUNDED by government
    forces", "the town was shelled"); not of one that takes people ("Lu was diagnosed")."""
    cues = place_cues()
    return token.dep_ == "nsubjpass" and token.head.lemma_.lower() in cues["place_verb"]


# A name that only modifies a noun ("the OLIVARES bombing", "the OLIVARES cafe"): a place's or
# anything's name, which telling it again does not settle.
_NAMING = frozenset({"compound", "nmod", "amod"})
# Where a name acts rather than locates: "THE EU said", "Washington's envoy", "urged Kabul".
_ACTING = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "agent", "appos"})


def _disease(doc: Doc, span: SpacySpan) -> bool:
    """A disease's name, not a place: "West Nile" before "virus", "Ebola" alone (place_cues.tsv)."""
    cues = place_cues()
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return after in cues["disease_noun"] or span.text.lower().removeprefix("the ") in cues["disease_name"]


def _surnames(doc: Doc) -> frozenset[str]:
    """The words of people's full names in the article (multi-word PERSON entities). Words before
    a title inside the entity are left out: "Buffalo Fire Chief Don X" tagged as one person made
    Buffalo a name, and "downtown Buffalo" no place (GeoVirus)."""
    titles = place_cues()["person_title"] | _TITLE_WORDS
    sites = place_cues()["site_noun"] | place_cues()["landmark_noun"] | place_cues()["feature_noun"]
    words = set()
    for ent in doc.ents:
        if ent.label_ in _PERSON_LABELS and len(ent) > 1 and ent[-1].lower_ not in sites:  # "Birmingham Arena" is no one
            cut = max((t.i + 1 for t in ent if t.lower_ in titles), default=ent.start)
            words.update(t.lower_ for t in doc[cut:ent.end])
    return frozenset(words)


# Words that end a title inside a person's entity ("Fire Chief", "Police Commissioner").
_TITLE_WORDS = frozenset({"chief", "commissioner", "mayor", "sheriff", "director", "chairman",
                          "spokesman", "spokeswoman", "minister", "president", "governor"})


def _person_named(span: SpacySpan, surnames: frozenset[str]) -> bool:
    """A one-word name that is part of a person's full name elsewhere in the article: "Buhari" or
    "Pompeo" alone is the person named in full ("President Muhammadu Buhari"), not a town of that
    name, though the NER may tag it GPE. A country, a first-level region or a curated place keeps
    its name ("George Washington" leaves Washington a city)."""
    words = [t for t in span if t.lower_ != "the"]
    if len(words) != 1 or words[0].lower_ not in surnames:
        return False
    return not any(c.feature in {"country", "admin1"} or c.source == "curated"
                   for c in gazetteer().candidates(words[0].text))


def _name_spans(doc: Doc, used: set[int]) -> list[tuple[SpacySpan, bool]]:
    """Spans to look up: each mislabelled entity outside ``used`` that the gazetteer knows as a
    whole (its leading "the" and trailing possessive left off), and within each run of capitalised
    proper nouns outside every other entity (a hyphen inside a name allowed: "Vest-Agder"; a
    mislabelled entity unknown as a whole is read word by word when it holds a list: "Menoufia
    and Daqahliya" tagged as one ORG) the longest gazetteer name from each start."""
    spans: list[tuple[SpacySpan, bool]] = []
    open_tokens: set[int] = set()  # tokens of mislabelled entities unknown as a whole
    for ent in doc.ents:
        if _mislabelled(ent) and not used.intersection(range(ent.start, ent.end)):
            start, end = ent.start, ent.end
            if doc[start].lower_ == "the" and end - start > 1:
                start += 1
            if doc[end - 1].tag_ == "POS" and end - start > 1:
                end -= 1
            if gazetteer().candidates(doc[start:end].text):
                spans.append((doc[start:end], False))
            elif any(t.tag_ == "CC" or t.text == "," for t in ent):
                # Only a list is read word by word: "Royal Hospital" is no town named Hospital.
                open_tokens.update(range(ent.start, ent.end))
            else:
                lead = _leading_place(doc[start:end], country=ent.label_ == "EVENT")
                if lead is not None:
                    spans.append((lead, True))

    def free(i: int) -> bool:
        return i not in used and (not doc[i].ent_type_ or i in open_tokens)

    def capitalised(i: int) -> bool:
        # (a dateline's name in capitals may be tagged anything: "IMMOKALEE – Congressman ...")
        return (doc[i].tag_ in _NAME_TAGS and doc[i].text[:1].isupper()) or _dateline_like(doc, doc[i:i + 1])

    def name_word(i: int) -> bool:
        return free(i) and capitalised(i)

    i = 0
    while i < len(doc):
        if not name_word(i):
            i += 1
            continue
        j = i
        while j + 1 < len(doc):
            if name_word(j + 1):
                j += 1
            elif doc[j + 1].tag_ == "HYPH" and j + 2 < len(doc) and name_word(j + 2):
                j += 2
            else:
                break
        # the rest of a name begun by a tagged one ("COLORADO Springs Gazette") heads nothing
        fragment = i > 0 and capitalised(i - 1)
        lead = _leading_place(doc[i:j + 1]) \
            if j > i and not fragment and not gazetteer().candidates(doc[i:j + 1].text) else None
        if lead is not None:
            # "the Boston Marathon bombing": a prominent city heading an untagged name, as for a
            # mislabelled entity
            spans.append((lead, True))
            i = j + 1
            continue
        k = i
        while k <= j:  # the longest known name from k, then on after it
            if doc[k].tag_ == "HYPH":  # "Aust-Agder" unknown: "-Agder" is no name
                k += 1
                continue
            for end in range(min(j + 1, k + 4), k, -1):
                if doc[end - 1].tag_ != "HYPH" and gazetteer().candidates(doc[k:end].text):
                    spans.append((doc[k:end], False))
                    k = end
                    break
            else:
                k += 1
        i = j + 1
    return spans


def _leading_place(span: SpacySpan, country: bool = False) -> SpacySpan | None:
    """The town or region an organisation's or event's name starts with ("Dubai World Cup",
    "Winnipeg Jets", "California State University"): a prominent city or a first-level region
    only. A country there gives a body's nationality ("Kenya Red Cross"), so it counts only at
    the head of an event's name (``country``: "the Afghanistan war"); a small town's name is as
    often a surname ("Tyler Technologies")."""
    for n in range(min(len(span) - 1, 3), 0, -1):
        head = span[:n]
        if head[-1].tag_ == "HYPH" or not _looks_like_name(head):
            continue
        found = gazetteer().candidates(head.text)
        if head.text.lower() in place_cues()["ambiguous_name"]:
            continue  # "Gulf War" is no war in Gulf province
        if any((c.feature == "admin1" and not c.alias)
               or (c.feature == "city" and c.population >= _PROMINENT_POPULATION) for c in found) \
                and not any(c.feature == "country" for c in found):
            return head
        if country and any(c.feature == "country" and not c.alias for c in found):
            return head
    return None


def _vetoed(doc: Doc, span: SpacySpan, found: tuple[Candidate, ...]) -> bool:
    """Context or knowledge that says the name is no place here (see ``_gazetteer_names``)."""
    cues = place_cues()
    text = span.text
    if not _looks_like_name(span) and not _dateline_like(doc, span) \
            and not any(c.feature in {"country", "admin1"} and not c.alias for c in found):
        return True  # "US" is a country and "NSW" a state; "EU" by case is no town
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    country = any(c.feature == "country" for c in found)
    if before in cues["person_title"] or before in cues["people_word"] or after in cues["org_noun"]:
        return True
    # The owner of a person ("Notre Dame's Arike Ogunbowale") is a team or an employer here.
    if after in {"'s", "’s"} and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ == "PERSON" \
            and not country:
        return True
    if after in cues["speech_verb"] and not country:
        return True
    # A name before a plural noun that is no place noun names a people or a group ("Turkana
    # raiders", "Jewish settlers"), not where they are.
    nxt = doc[span.end] if span.end < len(doc) else None
    # A region's two- or three-letter code is written after its town ("Atlanta, GA") or alone at a
    # line's end; before a word it abbreviates something else ("a sale on GA two-day passes")
    if text.isupper() and len(text) <= 3 and not country and nxt is not None \
            and nxt.pos_ in {"NOUN", "ADJ", "NUM"} and nxt.lower_ not in cues["place_noun"]:
        return True
    if nxt is not None and nxt.tag_ == "NNS" and not country \
            and nxt.lemma_.lower() not in cues["place_noun"] and nxt.lower_ not in cues["place_noun"]:
        return True
    # A person's name the NER saw as one ("Maya Harden"): a two-word PERSON entity is a name.
    if span.ents and span.ents[0].label_ in _PERSON_LABELS and len(span) > 1 and not country \
            and not any(c.feature in _STRONG_FEATURES for c in found):
        return True
    person = entity_at(span.root)
    if person is not None and person.label_ in _PERSON_LABELS and len(person) > len(span) and not country \
            and person[-1].lower_ not in cues["site_noun"] | cues["place_noun"]:
        return True  # a part of a person's name the NER tagged whole ("MARY Jones, 29"; not "Birmingham ARENA")
    if not country and registry().country_of(text) is not None \
            and not any(c.feature == "city" and not c.alias and c.name == text and c.population >= _CAPITAL_SIZE // 10
                        for c in found):
        return True  # a demonym ("Russian", "Canadian"), not a capital that stands for its state ("hit KYIV")
    root = span.root
    if span.ents and span.ents[0].label_ == "NORP" and root.dep_ in {"amod", "compound"} \
            and root.head.ent_type_ in PLACE_LABELS:
        return True  # a people's name before a place's: "Arab east Jerusalem"
    entry = registry().lookup(text)
    return entry is not None and entry.kind != "government"


def _cued(doc: Doc, span: SpacySpan) -> bool:
    """A cue right beside the name says it is a place: "in X", "northern X", "X province", "the
    town of X", or a slot that takes places ("captured X")."""
    cues = place_cues()
    start = span.start
    before = doc[start - 1].lower_ if start > 0 else ""
    if before == "the" and start > 1:
        before = doc[start - 2].lower_
    after = doc[span.end] if span.end < len(doc) else None
    after_word = after.lower_ if after is not None else ""
    after_lemma = after.lemma_.lower() if after is not None else ""
    return (_dateline_like(doc, span) or before in cues["preposition"] or before in cues["name_preposition"]
            or before in cues["direction"] or after_word in cues["place_noun"] or after_lemma in cues["place_noun"]
            or _of_cue(doc, start) or _locative_role(span))


_DATELINE_MARKS = frozenset({",", "—", "–", "-", "--", "(", "&"})


def _dateline_like(doc: Doc, span: SpacySpan) -> bool:
    """A name in capitals that opens a line or a sentence and is followed by a comma, a dash or
    "(": a dateline ("COLUMBUS, Ohio (AP) —", "TORONTO —") the ingest did not see, as when a
    photo caption comes first."""
    if not all(t.text.isupper() and t.is_alpha for t in span) or len(span.text) < 4:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    opens = before is None or before.is_space or before.text in {".", "&", ")"} \
        or before.whitespace_ == "" and "\n" in before.text
    return opens and after is not None and after.text in _DATELINE_MARKS


def _listed_with(doc: Doc, span: SpacySpan, other: SpacySpan) -> bool:
    """Whether ``span`` and ``other`` stand side by side in a list ("A, B and C")."""
    if other.end_char <= span.start_char:
        lo, hi = other.end_char, span.start_char
    elif span.end_char <= other.start_char:
        lo, hi = span.end_char, other.start_char
    else:
        return False
    if hi - lo > 8:  # ", and " is the longest join: most pairs are decided here, cheaply
        return False
    return " ".join(text_of(doc)[lo:hi].split()) in _LIST_JOINS


def find_mentions(doc: Doc, article: Article) -> list[Mention]:
    """Toponym spans in text order: place entities (leading "the" and a possessive stripped) and the
    dateline place. An entity inside the dateline is left to the dateline."""
    mentions: list[Mention] = []
    dateline = _dateline_mention(article)
    if dateline is not None:
        mentions.append(dateline)
    surnames = _surnames(doc)
    ents = [e for e in doc.ents
            if (e.label_ in PLACE_LABELS and not _person_named(e, surnames))
            or (_mislabelled(e) and _cued_as_place(e))]
    ents = ents + _untagged_names(doc)
    ents = ents + _named_again(doc, ents)
    ents = sorted(ents + _gazetteer_names(doc, ents), key=lambda e: e.start)
    ents = _joined_names(doc, _with_of_names(doc, [e for e in ents if not _disease(doc, e)]))
    region_nouns = place_cues()["region_noun"]
    inside: dict[int, str] = {}  # start of a name said after "<place>, " -> that place
    for index, ent in enumerate(ents):
        start, end, text = ent.start_char, ent.end_char, ent.text
        for lead in _LEADING:
            if text.startswith(lead):
                start, text = start + len(lead), text[len(lead):]
        for tail in _TRAILING:
            if text.endswith(tail):
                end, text = end - len(tail), text[: -len(tail)]
        # "Hazrama.\n": the model took the full stop and the line break into the entity.
        bare = text.rstrip()
        if bare != text and bare.endswith(".") and len(bare) > 3 and bare[-2].islower() \
                and "." not in bare[:-1]:  # "Calif." keeps its point: no line break swallowed
            bare = bare[:-1]
        end, text = end - (len(text) - len(bare)), bare
        if not text.strip() or (dateline and start < dateline.end and end > dateline.start):
            continue
        if ent.label_ == "GPE" and ent.start > 0 and doc[ent.start - 1].like_num \
                and not gazetteer().candidates(text):
            continue  # "10 A.M.": a time the model tagged GPE
        hint = None
        following = ents[index + 1] if index + 1 < len(ents) else None
        # "Paris, Texas": the next place entity follows after a comma and a space.
        between = text_of(doc)[end:following.start_char] if following is not None else ""
        if following is not None and between in {", ", ","}:
            hint = following.text
            inside[following.start_char] = text
        elif following is not None and _CONTAINMENT.match(between):
            # "Nad Ali district, Helmand province", "Dhuluiya in northern Iraq": the place after
            # contains this one (the hint only narrows to its country or region).
            hint = following.text
        parts = _joined_parts(text, start)
        pair = _comma_pair(text, start) if not parts else None
        if pair is not None:
            mentions.extend(pair)
        elif parts:
            mentions.extend(Mention(part, part_start, part_start + len(part)) for part, part_start in parts)
        else:
            region = ent.end < len(doc) and doc[ent.end].lower_ in region_nouns
            mentions.append(Mention(text, start, end, hint, inside.get(ent.start_char), region))
    article_text = text_of(doc)
    return sorted((replace(m, street=True) if _crossing_street(article_text, m.start, m.end) else m
                   for m in mentions), key=lambda m: m.start)


# A US local story gives a crime's place as two streets that cross ("near 76th AND Townsend",
# "at Fillmore and Turk streets", "the intersection of Main and Elm") or a block ("the 2800 block
# of North Grand"). Each name is a street of the story's town, not a town of that name.
_CAPITAL_SIZE = 1_000_000  # a city this large is never read as a street of another town
_ORDINAL = r"\d+(?:st|nd|rd|th)"
_STREET_NOUN = r"(?i:streets?|st\b\.?|avenues?|ave\b\.?|roads?|rd\b\.?|boulevard|blvd\b\.?|drive|lanes?|way)"
_CROSS_BEFORE = re.compile(rf"(?:(?P<ord>{_ORDINAL})|[A-Z][\w.'-]*)\s+(?:and|&)\s+$")
_CROSS_AFTER = re.compile(rf"^\s+(?:and|&)\s+(?:(?P<ord>{_ORDINAL})|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?)"
                          rf"(?P<noun>\s+{_STREET_NOUN})?")
_OWN_STREET_NOUN = re.compile(rf"^\s+{_STREET_NOUN}")
_CROSS_CUE = re.compile(r"(?:intersection|corner|junction)\s+of\s+(?:[\w.'-]+\s+){0,3}$|block\s+of\s+$",
                        re.IGNORECASE)


_CROSSING = re.compile(rf"(?:{_ORDINAL}|[A-Z][\w.'-]*)\s+(?:and|&)\s+(?:{_ORDINAL}|[A-Z][\w.'-]*)")


def _crossing_street(text: str, start: int, end: int) -> bool:
    """Whether a name is one of two crossing streets, or a block's street, or the two of them
    taken as one name ("near Richards & Meinecke") (see above)."""
    if _CROSSING.fullmatch(text[start:end]):
        return True
    before, after = text[max(0, start - 60):start], text[end:end + 60]
    if _CROSS_CUE.search(before):
        return True
    own_noun = _OWN_STREET_NOUN.match(after) is not None
    if (m := _CROSS_BEFORE.search(before)) is not None and (m.group("ord") or own_noun):
        return True
    m = _CROSS_AFTER.match(after)
    return m is not None and bool(m.group("ord") or m.group("noun"))


# What stands between a place and the place containing it, besides a bare comma: a region word
# and a comma ("X district, Y province"), or "in" and a compass word ("X in southern Y").
_CONTAINMENT = re.compile(
    r"^\s+(district|province|governorate|county|prefecture|region|state|village|town|city|area)\s*,\s*$"
    r"|^\s+in\s+(the\s+)?((north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?$", re.IGNORECASE)

_JOINERS = re.compile(r"\s+and\s+|\s*/\s*|\s+-\s+|-")


def _comma_pair(text: str, start: int) -> list[Mention] | None:
    """"Thruxton, Hampshire" tagged as one entity, unknown as a whole: two mentions, the first with
    the second as its hint (as if the model had split them). None when the part after the last
    comma is no gazetteer name."""
    head, comma, tail = text.rpartition(",")
    tail_text = tail.strip()
    head = head.strip()
    if not comma or not head or not tail_text or not tail_text[0].isupper() \
            or gazetteer().candidates(text) or not gazetteer().candidates(tail_text):
        return None
    tail_start = start + text.rindex(tail_text)
    return [Mention(head, start, start + len(head), tail_text),
            Mention(tail_text, tail_start, tail_start + len(tail_text))]


def _joined_parts(text: str, start: int) -> list[tuple[str, int]]:
    """Two places the model tagged as one entity ("Greece and Italy", "Asia-Pacific"): the parts
    with their offsets, when the whole is no gazetteer name and every part is one. Else []."""
    if not _JOINERS.search(text) or gazetteer().candidates(text):
        return []
    parts: list[tuple[str, int]] = []
    offset = 0
    for piece in _JOINERS.split(text):
        offset = text.index(piece, offset)
        # A part must look like a name on its own: "Al" of "Al-Qamishli" is no place.
        if len(piece) < 4 or not piece[0].isupper() or not gazetteer().candidates(piece):
            return []
        parts.append((piece, start + offset))
        offset += len(piece)
    return parts if len(parts) > 1 else []


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


def _demonym_countries(doc: Doc) -> frozenset[str]:
    """Countries the article names by their people ("British", "Syrian", "Kenyan"): a story of a
    British soldier has its Manchester in England though no mention of Britain is a place."""
    found = set()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            country = registry().country_of(ent.text)
            if country is not None:
                found.add(country)
    return frozenset(found)


def build_context(mentions: list[Mention], demonyms: frozenset[str] = frozenset()) -> GeoContext:
    """What the article is about, from a first pass over its toponyms without context: the
    countries and admin-1 regions it names, the countries of its confidently resolved places, and
    the countries whose people it names (``demonyms``)."""
    return ArticleEvidence(mentions, demonyms).context_for(None)


class ArticleEvidence:
    """The first pass over an article's toponyms, kept per name, so that each name is resolved with
    the evidence of the OTHER names only: "Vienna" alone had put Austria among the countries of a
    Virginia story and then chosen the Austrian city because Austria was named (GeoWebNews), and a
    town was "near another place of the article" because it was near itself."""

    def __init__(self, mentions: list[Mention], demonyms: frozenset[str] = frozenset()):
        self.countries: Counter[str] = Counter(demonyms)
        self.regions: Counter[tuple[str, str]] = Counter()
        self.anchors: Counter[tuple[float, float]] = Counter()
        # folded name -> what its own mentions added (countries, regions, anchors)
        self.own: dict[str, tuple[Counter, Counter, Counter]] = {}
        for mention in mentions:
            hint_countries, hint_regions = _hint_context(mention.hint)
            self.countries.update(hint_countries)
            self.regions.update(hint_regions)
            resolution = rank_candidates(gazetteer().candidates(mention.text), GeoContext())
            if resolution is None or resolution.confidence < _CONTEXT_CONFIDENCE:
                continue
            chosen = resolution.candidate
            own = self.own.setdefault(fold_name(mention.text), (Counter(), Counter(), Counter()))
            if chosen.country:
                self.countries[chosen.country] += 1
                own[0][chosen.country] += 1
            if chosen.feature == "admin1" and chosen.admin1_code:
                self.regions[(chosen.country, chosen.admin1_code)] += 1
                own[1][(chosen.country, chosen.admin1_code)] += 1
            if chosen.lat is not None and chosen.precision in _ANCHOR_PRECISIONS \
                    and (len(self.anchors) < _MAX_ANCHORS or (chosen.lat, chosen.lon) in self.anchors):
                self.anchors[(chosen.lat, chosen.lon)] += 1
                own[2][(chosen.lat, chosen.lon)] += 1
        self._cache: dict[str | None, GeoContext] = {}

    def context_for(self, text: str | None) -> GeoContext:
        """The article's context for resolving ``text``, without what that name itself added
        (None: everything)."""
        key = fold_name(text) if text is not None else None
        found = self._cache.get(key)
        if found is None:
            empty = (Counter(), Counter(), Counter())
            own_countries, own_regions, own_anchors = self.own.get(key, empty) if key is not None else empty
            found = GeoContext(
                frozenset(c for c, n in self.countries.items() if n > own_countries[c]),
                frozenset(r for r, n in self.regions.items() if n > own_regions[r]),
                anchors=tuple(a for a, n in self.anchors.items() if n > own_anchors[a]))
            self._cache[key] = found
        return found


def to_place(mention: Mention, resolution: Resolution | None) -> Place:
    """The output record; an unresolved name keeps null coordinates and no country."""
    if resolution is None:
        return Place(text=mention.text, start=mention.start, end=mention.end, name=mention.text,
                     confidence=_CONFIDENCE["unresolved"], reason="no gazetteer entry of this name")
    chosen = resolution.candidate
    reason = resolution.reason
    if chosen.lat is None:
        reason += "; the gazetteer has no point for it"
    return Place(
        text=mention.text, start=mention.start, end=mention.end, name=chosen.name,
        lat=chosen.lat, lon=chosen.lon, country=chosen.country, admin1=chosen.admin1,
        geonames_id=chosen.geonames_id, feature=chosen.feature, precision=chosen.precision,
        confidence=resolution.confidence, reason=reason or None,
    )


# Words split off a name the gazetteer does not know as a whole: "Eastern China", "North-Western
# Sydney", "Mid-Jutland".
_WORD_SPLIT = re.compile(r"[\s-]+")
# A leading part of an unknown name is read as its place only when that part is prominent: a
# country, a region, a sea, or a city this large ("Santa Ana City Council" -> Santa Ana; "New York
# Auto Show" -> New York), not a village that shares a word with it.
_PROMINENT_POPULATION = 100_000
_PROMINENT_FEATURES = frozenset({"country", "admin1", "admin2", "region", "water"})


def lookup(text: str) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a toponym as written, or, when the whole name is unknown, for the
    name it is built on: a region word or a leading "<noun> of" stripped ("Hebei province" -> the
    province Hebei; "City of Santa Ana"), compass words stripped ("Eastern China" -> China, whose
    precision it keeps: never a finer point than the text gives), or a prominent leading part
    ("Orange County Sanitation District"). Streets and buildings are not read through their first
    word ("Collins Avenue" is not in Collins): see ``_site_places``."""
    candidates = gazetteer().candidates(text)
    if candidates:
        return candidates
    cues = place_cues()
    words = text.split()
    if len(words) < 2:
        return ()
    last = words[-1].lower().strip(".,")
    found = gazetteer().candidates(" ".join(words[:-1])) if last in cues["place_noun"] else ()
    if found:
        if last in cues["region_noun"]:
            regions = tuple(c for c in found if c.feature in {"admin1", "admin2", "region"})
            return regions or found
        if last in {"city", "town", "village"}:
            return tuple(c for c in found if c.feature == "city") or found
        return found
    if len(words) > 2 and words[1].lower() == "of" and words[0].lower() in cues["place_noun"]:
        found = gazetteer().candidates(" ".join(words[2:]))
        if found:
            return found
    parts = _WORD_SPLIT.split(text)
    lead = 0
    while lead < len(parts) - 1 and parts[lead].lower() in cues["direction"]:
        lead += 1
    if lead:
        # Only onto a prominent place: "West Wing" is no part of the village of Wing.
        rest = text[text.index(parts[lead], sum(len(p) for p in parts[:lead])):]
        found = gazetteer().candidates(rest)
        return found if _prominent(found) else ()
    if last in cues["site_noun"] or words[0].lower() in cues["direction"]:
        return ()
    for n in range(len(words) - 1, 0, -1):
        found = gazetteer().candidates(" ".join(words[:n]))
        if _prominent(found):
            return found
    return ()


def _prominent(candidates: tuple[Candidate, ...]) -> bool:
    return any(c.feature in _PROMINENT_FEATURES
               or (c.feature == "city" and c.population >= _PROMINENT_POPULATION) for c in candidates)


def extract_places(doc: Doc, article: Article) -> list[Place]:
    """Every toponym in the article, resolved in the context of the whole article."""
    mentions = find_mentions(doc, article)
    evidence = ArticleEvidence(mentions, _demonym_countries(doc))
    places = []
    streets: set[int] = set()
    for mention in mentions:
        candidates = _as_region(mention, lookup(mention.text))
        hint = mention.hint
        if hint and any(c.feature == "country" for c in candidates):
            # A country is not placed by the name after it: "Georgia, Iraq, Iran and Syria" is a
            # list, and "Iraq" read with the hint "Iran" became the Iranian town of Arak.
            hint = None
        hint_countries, hint_regions = _hint_context(hint)
        context = evidence.context_for(mention.text)
        local = GeoContext(context.countries, context.admin1, hint_countries, hint_regions,
                           context.anchors)
        if mention.street and any(c.feature in {"country", "admin1"} or c.population >= _CAPITAL_SIZE for c in candidates):
            mention = replace(mention, street=False)  # "between Kabul and Kandahar Road": a city still
        resolution = None if mention.street else rank_candidates(candidates, local)
        if mention.street:
            streets.add(mention.start)
        if resolution is not None and _stray_site(mention, resolution.candidate, context):
            resolution = None  # left to _site_places, which places it in the article's town
        outer = rank_candidates(lookup(hint), GeoContext(context.countries, context.admin1)) if hint else None
        if resolution is not None and outer is not None and resolution.candidate.lat is not None:
            # "Thruxton, Hampshire": the only Thruxton the gazetteer has lies in Herefordshire; a
            # town outside the county the text puts it in is not the one meant.
            if outer.candidate.feature == "admin2" and outer.candidate.lat is not None \
                    and distance_km(resolution.candidate.lat, resolution.candidate.lon,
                                    outer.candidate.lat, outer.candidate.lon) > _COUNTY_KM:
                resolution = None
        if resolution is None and outer is not None:
            # "Thruxton, Hampshire": the village is unknown, but the text says where it lies: the
            # place gets Hampshire's point and precision, and its own name with the outer place's
            # ("Mason Street, South Gate"), as a site placed in its story's town is named.
            outer = _within(outer)
            if outer is not None:
                places.append(to_place(mention, outer).model_copy(update={
                    "name": f"{mention.text}, {outer.candidate.name}", "geonames_id": None}))
                continue
        if resolution is None and _named_person(mention, doc):
            continue  # "the videos of Juan Requesens": a name no gazetteer has that the article gives a person
        if resolution is not None and _named_person(mention, doc, full=True) and _minor(resolution.candidate) \
                and not _cued_at(doc, mention):
            continue  # "... the child and OWENS" after "Jerica Owens": the person, not a village named so
        places.append(to_place(mention, resolution))
    return _site_places(doc, places, streets)


def _minor(candidate: Candidate) -> bool:
    """A gazetteer town (no country, first-level region or curated place): one a person's name
    can shadow."""
    return candidate.feature not in {"country", "admin1"} and candidate.source != "curated"


def _cued_at(doc: Doc, mention: Mention) -> bool:
    """Whether a word that also names a person is cued as a place: any place cue (``_cued``) but
    a preposition that takes people as well ("between the men, the child and Owens", "with
    Owens")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span) or not _cued(doc, span):
        return False
    token = list_head(span.root)
    return not (token.dep_ == "pobj" and token.head.lower_ in _PEOPLE_PREPOSITIONS)


# Prepositions whose object may as well be a person ("between", "with"; not "in", "near").
_PEOPLE_PREPOSITIONS = frozenset({"between", "with", "from", "at", "for", "among", "against", "by", "to", "of"})


def _named_person(mention: Mention, doc: Doc, full: bool = False) -> bool:
    """Whether the article tags this name a person elsewhere: the same name, or the surname of a
    person named in full ("Pompeo" after "Mike Pompeo"); with ``full``, only the latter."""
    name = mention.text.lower()
    for ent in entities(doc)[0]:  # doc.ents is rebuilt on every access: the document's cache
        if ent.label_ != "PERSON" or ent.start_char <= mention.start < ent.end_char:
            continue
        if (ent.text.lower() == name and not full) or (len(ent) > 1 and ent[-1].lower_ == name):
            return True
    return False


def _stray_site(mention: Mention, chosen: Candidate, context: GeoContext) -> bool:
    """A street, square or building name that the gazetteer knows only as a small town far from
    every other place of the article ("Washington Square" in a New Orleans story is no village in
    Pennsylvania; GeoWebNews marks such sites where the story is)."""
    words = mention.text.split()
    if len(words) < 2 or chosen.feature != "city" or chosen.population >= _PROMINENT_POPULATION \
            or chosen.lat is None or not context.anchors:
        return False
    cues = place_cues()
    last = words[-1].lower().strip(".,")
    if not any(last in cues[kind] for kind in ("site_noun", "feature_noun", "landmark_noun")):
        return False
    others = [(lat, lon) for lat, lon in context.anchors if (lat, lon) != (chosen.lat, chosen.lon)]
    return bool(others) and all(distance_km(chosen.lat, chosen.lon, lat, lon) > _SITE_KM for lat, lon in others)


_SITE_KM = 250.0


# An unknown place said to lie in one of these takes its point and precision; one said to lie in
# a country keeps null coordinates (no unresolved name is moved to a country's centre).
_WITHIN_PRECISIONS = frozenset({"town", "admin2", "admin1"})


def _as_region(mention: Mention, candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Only the region readings of a name the text uses as a region, when it has any: before a
    region word ("Idlib province" is the governorate, not its capital) or after a town and a comma
    in the same country ("Buffalo, New York" is the state; GeoVirus marks it so in 13 of 17)."""
    regions = tuple(c for c in candidates if c.feature in {"admin1", "admin2"})
    if not regions:
        return candidates
    if mention.region:
        return regions
    if mention.inside:
        countries = {c.country for c in gazetteer().candidates(mention.inside) if c.feature == "city"}
        same = tuple(c for c in regions if c.country in countries)
        return same or candidates
    return candidates


def _within(resolution: Resolution | None) -> Resolution | None:
    """A place known only to lie inside another: the outer place, less sure; None when the outer
    place is a country or a wider region."""
    if resolution is None or resolution.candidate.precision not in _WITHIN_PRECISIONS:
        return None
    return Resolution(resolution.candidate, round(resolution.confidence * 0.6, 3),
                      resolution.alternatives,
                      f"no gazetteer entry of this name; placed in {resolution.candidate.name}, "
                      "named beside it as the place it lies in")


# A site named before any town (in a headline) is placed at the story's first town, a guess this
# much weaker: the store's merge does not match reports on it (resolve/dedup.py).
_HEADLINE_SITE = GUESSED_SITE_CONFIDENCE / 0.5

# Places whose point says which town a street or building of the same story is in.
_TOWN_PRECISIONS = frozenset({"point", "town"})


def _site_places(doc: Doc, places: list[Place], streets: set[int] = frozenset()) -> list[Place]:
    """Streets, buildings and landmarks the gazetteer does not know ("Royal Street", "Rogers
    Centre", "Alder Hey Children's Hospital"), and crossing streets (``streets``, their starts) placed at the town their sentence names, else the
    town named most often before them (the dateline's, at the start): the point of that town with
    precision "town", feature "site", a low confidence, and the town after the name ("Olney
    Street, Indianapolis"). A city story names its streets
    without repeating the city; GeoWebNews marks dozens of them. Without a town, they stay
    unresolved."""
    cues = place_cues()["site_noun"]
    towns = [p for p in places if p.lat is not None and p.precision in _TOWN_PRECISIONS
             and p.feature != "site"]
    if not towns:
        return places
    out = []
    for place in places:
        words = place.text.split()
        # A site noun alone ("the Hotel") names no site.
        last = words[-1].lower().strip(".,") if len(words) > 1 else ""
        if place.lat is not None or (last not in cues and place.start not in streets):
            out.append(place)
            continue
        token = _token_at(doc, place.start)
        sent = sentence_of(token) if token is not None else None
        same = [t for t in towns if sent is not None and sent.start_char <= t.start < sent.end_char]
        if not same and sent is not None:
            # a town named inside a party of the sentence ("HARRISBURG Police were dispatched to a
            # shooting on South 17th Street"): the town the sentence is about
            same = [t.model_copy(update={"start": sent.start_char + found.start()}) for t in towns
                    if (found := re.search(r"\b" + re.escape(t.text) + r"\b", sent.text)) is not None]
        before = [t for t in towns if t.start < place.start]
        # Else the town the story has named most so far (the latest of equals): a New Orleans story
        # that mentions Washington once still has its churches in New Orleans.
        if same:
            town, weight, how = min(same, key=lambda t: abs(t.start - place.start)), 0.6, "the town its sentence names"
        elif before:
            named = Counter((t.lat, t.lon) for t in before)
            town = max(reversed(before), key=lambda t: named[(t.lat, t.lon)])
            weight, how = 0.6, "the town the article names most so far"
        else:  # a street in the headline, before any town: the first town the story names, a weaker guess
            town, weight, how = min(towns, key=lambda t: t.start), _HEADLINE_SITE, "the first town the story names after it"
        # the name says which town, as an analyst writes it: "Olney Street, Indianapolis"
        name = place.name if place.name.endswith(town.name) else f"{place.name}, {town.name}"
        out.append(place.model_copy(update={
            "name": name, "lat": town.lat, "lon": town.lon, "country": town.country, "admin1": town.admin1,
            "feature": "site", "precision": "town", "confidence": round(min(town.confidence, 0.5) * weight, 3),
            "reason": f"a street or building no gazetteer has, placed in {town.name}, {how}",
        }))
    return out


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
