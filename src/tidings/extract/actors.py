"""Actor mentions: named participants (people, organisations, states) and descriptions
("US soldiers", "Iraqi police", "protesters"), resolved against the actor registry.

This module finds the mentions; ``kb/registry.py`` says who each stands for (curated entries
in ``data/actors.yaml`` and ``data/outlets.yaml``, and for every state a government, military,
police, ministries and head of state generated from ``data/state_institutions.yaml``). Common nouns
that name participants live in ``data/actor_nouns.yaml``; titles and roles in ``data/roles.yaml``.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..models import Actor, Article
from ..datafiles import english_words, frame_words, load_yaml, month_numbers
from ..kb.registry import Entry, Match, Registry, normalize, registry, ruler_patterns
from ..kb.triggers import trigger_index
from ..annotate.document import (
    after_separators, age_in_commas, entities_in, entity_at, sentence_of, set_dateline, text_of,
)

__all__ = ["Entry", "Match", "Registry", "actor_for", "extract_actors", "in_masthead", "registry", "ruler_patterns"]

# Entity labels that name participants. GPE names a participant only when it acts ("Iran denied"):
# as a place it is the places extractor's business.
_ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
_AGENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
# Modifiers kept in a description's span: "US soldiers", "pro-government militia", "riot police".
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
_PRONOUNS = english_words("pronouns", "personal")
# How sure a resolution is, by how it was found (fuzzy uses its own similarity, scaled below this).
_CONFIDENCE = {method: float(n) for method, n in load_yaml("confidence.yaml")["actors"].items()}
# Numbers for mentions the registry did not match by name (data/confidence.yaml).
_MENTION = {kind: float(n) for kind, n in load_yaml("confidence.yaml")["actor_mentions"].items()}


# --- mentions ------------------------------------------------------------------------------------


def extract_actors(doc: Doc, article: Article | None = None) -> list[Actor]:
    """Every participant mention in the document, resolved where the registry knows it."""
    reg = registry()
    found: dict[tuple[int, int], Actor] = {}
    taken: set[int] = set()
    # The dateline ("NAIROBI, Kenya, June 12 (AP) -") is metadata: its names are no participants.
    dateline = article.dateline if article is not None else None
    if dateline is not None:
        set_dateline(doc, dateline.start, dateline.end)
        taken.update(t.i for t in doc if dateline.start <= t.idx < dateline.end)
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    for ent in doc.ents:
        if ent.start in taken or in_masthead(ent) or after_separators(doc, ent.start, ent.end) != ent.start:
            continue  # a site's masthead; a name across a page title's parts ("Newsroom - Top Stories")
        if street_name(ent):
            continue  # "Pock Lane", "Old Manslick Road": a street, where and not who
        if _headline_clause(ent, reg):
            continue  # "Court Convicts Friend of Boston Bombing Suspect": a headline, no name
        if ent.label_ in _ACTOR_LABELS or (ent.label_ == "GPE" and ent.root.dep_ in {"nsubj", "nsubjpass"}):
            if ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound"}:
                continue  # "Iraqi police": the description below carries it
            actor = _actor_from_entity(ent, reg)
            if actor.registry_id is None and actor.kind == "organization" and actor.text in surnames:
                # "Donald Trump ... Trump said": the small model often tags a lone surname ORG once
                # the full name has been read as a PERSON.
                actor = actor.model_copy(update={"kind": "person", "confidence": _MENTION["surname_as_person"]})
            elif actor.registry_id is None and actor.kind != "person" and age_in_commas(doc, ent.end):
                # "Cleveland Wiggins, 35, of Lake City": a name with an age is a person's
                actor = actor.model_copy(update={"kind": "person", "confidence": _MENTION["aged_name_as_person"]})
            found[(actor.start, actor.end)] = actor
            taken.update(range(ent.start, ent.end))
    for token in _untagged_surnames(doc, taken):
        found[(token.idx, token.idx + len(token.text))] = Actor(
            text=token.text, start=token.idx, end=token.idx + len(token.text), name=token.text, kind="person",
            confidence=_MENTION["surname_as_person"])
        taken.add(token.i)
    for token in doc:
        if token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if _noun_class(token, reg) is None or _is_modifier_or_title(token):
            continue
        # "Boko Haram fighters" overlaps the entity "Boko Haram": both mentions are kept; the
        # description resolves to the group through the registry.
        span = _description_span(token)
        actor = _actor_from_description(span, token, reg)
        found.setdefault((actor.start, actor.end), actor)
    home = _dateline_country(article.dateline_place if article is not None else None, reg)
    actors = _resolve_bare_state_nouns(sorted(found.values(), key=lambda a: (a.start, a.end)), reg, home)
    return _with_sponsors(doc, actors, reg)


_MASTHEAD_CHARS = 150  # the longest masthead segment read as one
_THOROUGHFARES = english_words("thoroughfares")
_FURNITURE = english_words("furniture_words")


def street_name(ent: Span) -> bool:
    """Whether an entity is a street's name ("Pock Lane", "Old Manslick Road"): where, never who."""
    return len(ent) > 1 and ent[-1].lower_.rstrip(".") in _THOROUGHFARES


def _headline_clause(ent: Span, reg: Registry) -> bool:
    """Whether a title-case "name" the registry does not know holds a headline's verb inside it:
    "Court CONVICTS Friend", "Police ARRESTS Man" (a verb trigger with the headline's "-s", neither
    first nor last: "Syrian Democratic Forces" ends in its noun)."""
    if len(ent) < 3 or reg.resolve(ent.text) is not None:
        return False
    return any(_headline_verb(t) for t in ent[1:-1])


def _untagged_surnames(doc: Doc, taken: set[int]) -> list[Token]:
    """A person's surname the model left untagged after it tagged the full name ("Sen. Ted Cruz
    endorsed Trump ... CRUZ met Trump in Houston"): news names a person in full once, then by
    surname, and the small model often misses a lone surname that opens a sentence."""
    after: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title:
            after.setdefault(ent[-1].text, ent.end)
    dates = _calendar_words()
    return [token for token in doc if token.text in after and token.i >= after[token.text] and token.i not in taken
            and not token.ent_type_ and token.pos_ in {"PROPN", "NOUN"} and token.lower_ not in dates]


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    """Month and weekday names: "May", "March" are surnames too, and dates more often."""
    return frozenset(month_numbers()) | frozenset(day.lower() for day in calendar.day_name)


def in_masthead(ent: Span) -> bool:
    """Whether a name sits in a scraped title's masthead segment ("... | KXYZ Tulsa - Tulsa News,
    Weather and Sports | Channel 12"): a short segment between two "|" marks on its line
    that holds two masthead words (event_frames.yaml)."""
    text = text_of(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line_end = len(text) if line_end == -1 else line_end
    left = text.rfind("|", line_start, ent.start_char)
    right = text.find("|", ent.end_char, line_end)
    if left == -1 or right == -1 or right - left > _MASTHEAD_CHARS:
        return False  # a masthead is a short segment between two marks, never the story after them
    segment = text[left + 1:right]
    words = {w.strip(",.;:-").lower() for w in segment.split()}
    return len(words & frame_words("masthead_words")) >= 2


def _with_sponsors(doc: Doc, actors: list[Actor], reg: Registry) -> list[Actor]:
    """Actors with the relations their words state: "Iran-backed groups" (a sponsor word after a
    hyphen), "a militia backed by Iran" (a sponsor verb with its "by" agent). An appositive's
    relation is its head's too: "Kataib Hezbollah, an Iraqi militia backed by Iran"."""
    stated: dict[int, dict[str, str]] = {}  # root token index -> relation -> other side
    roots: list[Token | None] = []
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        root = span.root if span is not None else None
        roots.append(root)
        if span is None:
            continue
        found = _sponsor_in(span, reg)
        if found:
            stated.setdefault(root.i, {}).update(found)
            if root.dep_ == "appos":
                stated.setdefault(root.head.i, {}).update(found)
    out = []
    for actor, root in zip(actors, roots):
        found = stated.get(root.i) if root is not None else None
        out.append(actor.model_copy(update=found) if found else actor)
    return out


def _sponsor_in(span: Span, reg: Registry) -> dict[str, str]:
    found: dict[str, str] = {}
    for token in span:
        before, dash, word = token.text.rpartition("-")
        if dash and before and (relation := reg.sponsor_words.get(word.lower())):
            found.setdefault(relation, _side(before, reg))  # "U.S.-backed", one token
            continue
        word = _sponsor_word(token)  # "Iran", "-", "backed"
        if word is not None and word.i < span.end and (token.pos_ == "PROPN" or token.ent_type_):
            found.setdefault(reg.sponsor_words[word.lower_], _side(_name_at(token), reg))
    for child in span.root.children:  # "a militia backed by Iran"
        relation = reg.sponsor_words.get(child.lower_)
        if relation is None or child.dep_ not in {"acl", "amod", "relcl"}:
            continue
        for agent in child.children:
            if agent.dep_ == "agent":
                for obj in agent.children:
                    if obj.dep_ == "pobj":
                        found.setdefault(relation, _side(_name_at(obj), reg))
    return found


def _name_at(token: Token) -> str:
    """The whole name a token is part of ("Saudi Arabia" for "Arabia"), else the token."""
    ent = entity_at(token)
    return ent.text if ent is not None else token.text


def _side(name: str, reg: Registry) -> str:
    """The other side of a stated relation: a state's alpha-3, a registry id, or the name."""
    country = reg.country_of(name)
    if country is not None:
        return country
    match = reg.resolve(name)
    return match.entry.id if match is not None else name


def _dateline_country(place: str | None, reg: Registry) -> str | None:
    """The state a dateline names ("KABUL, Afghanistan" -> AFG; "BAGHDAD" -> IRQ, a capital listed
    in countries.tsv), or None ("CHICAGO")."""
    for part in reversed((place or "").split(",")):
        country = reg.country_of(part)
        if country:
            return country
    return None


def _resolve_bare_state_nouns(actors: list[Actor], reg: Registry, home: str | None = None) -> list[Actor]:
    """"Iraqi police said ... the police added": a bare state noun ("police", "the government",
    "security forces") with no country of its own stands for the same institution of the state
    last named with it in the article, or, before any such mention, of the state the dateline names
    ("KABUL, Afghanistan - Police said"). Otherwise nothing changes."""
    last: dict[str, str] = {}  # template suffix -> alpha-3 of its latest resolved mention
    out = []
    for actor in actors:
        entry = reg.entries.get(actor.registry_id) if actor.registry_id else None
        if entry is not None and entry.generated and entry.country:
            last[entry.id.rsplit("-", 1)[1]] = entry.country
        elif actor.registry_id is None and actor.country is None and actor.kind in {"state_forces", "government"}:
            suffix = reg.generic.get(normalize(actor.text))
            country = last.get(suffix, home) if suffix else None
            state = reg.entries.get(f"{country}-{suffix}") if country else None
            if state is not None:
                actor = actor.model_copy(update={
                    "name": state.name, "kind": state.kind, "sector": state.sector, "country": state.country,
                    "registry_id": state.id, "confidence": _MENTION["generic_state"]})
        out.append(actor)
    return out


def unnamed_doer(actor: Actor) -> bool:
    """Whether an actor is an armed group only described, not named: "gunmen", "Militants",
    "a suicide bomber", "unidentified attackers" (no registry entry, no state, no name after its
    first word, and a doer noun of data/actor_nouns.yaml last). A group that claims the attack, or
    is blamed for it, may be who they were."""
    words = actor.text.split()
    if actor.kind != "armed_group" or actor.registry_id or actor.country or not words:
        return False
    if any(w[:1].isupper() for w in words[1:]):
        return False  # "Hamas militants", "the Sons of the Valley"
    last = words[-1].lower()
    return any(registry().nouns.get(w, ("", ""))[0] == "armed_group" for w in (last, *singulars(last)))


def actor_for(span: Span, actors: list[Actor]) -> Actor:
    """The actor mention that ``span`` refers to: an extracted mention overlapping it (the one that
    holds its head first), else a new actor built from the span itself."""
    head = span.root.idx
    best: Actor | None = None
    for actor in actors:
        if actor.start <= head < actor.end:
            return actor
        if best is None and actor.start < span.end_char and span.start_char < actor.end:
            best = actor
    reg = registry()
    if best is not None and span.root.ent_type_ in {"GPE", "PERSON", "ORG", "NORP"} and \
            (own := entity_at(span.root)) is not None and not (best.start <= own.start_char < best.end):
        # "dismissed NATO member ESTONIA": the name at the head is who, not the name modifying it
        return _actor_from_entity(own, reg)
    if best is not None:
        return best
    if span.root.lower_ in _PRONOUNS:
        return Actor(text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                     kind="unknown", confidence=_MENTION["pronoun"])
    if span.label_ or any(t.ent_type_ for t in span):
        ents = [e] if (e := entity_at(span.root)) is not None else []
        if ents:
            return _actor_from_entity(ents[0], reg)
    if (span[0].lower_ == "dead" and span.root.i > span.start) or any(_headline_verb(t) for t in span[:-1]):
        # "shot DEAD TWO guards": the result and the figure the parser hung on the noun; "Court
        # CONVICTS Friend": a headline's verb
        span = _description_span(span.root)
    return _actor_from_description(span, span.root, reg)


_REFERENCE_MARK = re.compile(r"\[\d{1,4}\]?$")


def _actor_from_entity(ent: Span, reg: Registry) -> Actor:
    if len(ent) > 1 and ent[0].lower_ in _FURNITURE:
        ent = ent[1:]  # "Caption People took to the streets": the page's caption mark is no part of it
    text = ent.text
    start, end = ent.start_char, ent.end_char
    if text.lower().startswith("the "):
        start += 4
        text = text[4:]
    if text.endswith(("'s", "’s")) and len(text) > 2:
        end -= 2  # "Tareck El Aissami’s American assets": the model took the possessive into the name
        text = text[:-2]
    mark = _REFERENCE_MARK.search(text)
    if mark is not None and mark.start() > 0:
        end -= len(text) - mark.start()  # "Chester J. McBride[900": a wiki reference mark glued to the name
        text = text[:mark.start()]
    match = reg.resolve(text)
    lead = _leading_name(ent)
    if lead is not None:
        # "Kataeb Hezbollah": the ruler tagged the listed "Hezbollah" and left the untagged variant
        # spelling before it; the whole name, if the registry knows it, is the mention.
        longer = reg.resolve(text_of(ent.doc)[lead:end])
        if longer is not None:
            start, text, match = lead, text_of(ent.doc)[lead:end], longer
    country = reg.country_of(text)
    if match is None and country and ent.label_ in {"GPE", "NORP"}:
        entry = reg.state_entry(country, "GOV")
        match = Match(entry, "description", 0.9) if entry is not None else None
    if match is None and ent.label_ == "ORG":
        # "the Iraqi Interior Ministry", "Israel's Foreign Ministry": the model tags the ministry
        # alone; the country word before it says whose it is.
        owner = _state_owner(ent)
        if owner is not None:
            owner_start, owner_text = owner
            entry = reg.describe(f"{owner_text} {text}")
            if entry is not None:
                start, text, match = owner_start, text_of(ent.doc)[owner_start:end], Match(entry, "description", 0.9)
    if match is not None:
        return _resolved(text, start, end, match)
    if ent.label_ == "PERSON":
        role, affiliation = _person_role(ent, reg)
        return Actor(text=text, start=start, end=end, name=text, kind="person", role=role,
                     affiliation=affiliation, confidence=_MENTION["person"])
    if ent.label_ == "NORP":
        return Actor(text=text, start=start, end=end, name=text, kind="population", sector="CVL",
                     country=country, confidence=_MENTION["population"])
    return Actor(text=text, start=start, end=end, name=text, kind="organization", confidence=_MENTION["organization"])


def _resolved(text: str, start: int, end: int, match: Match) -> Actor:
    confidence = _CONFIDENCE[match.method] * (match.score if match.method == "fuzzy" else 1.0)
    return actor_of_entry(match.entry, text, start, end, round(confidence, 3))


def actor_of_entry(entry: Entry, text: str, start: int, end: int, confidence: float) -> Actor:
    """The mention ``text`` (at ``start``-``end``) as the registry entry it stands for."""
    return Actor(text=text, start=start, end=end, name=entry.name, kind=entry.kind,  # type: ignore[arg-type]
                 country=entry.country, sector=entry.sector, registry_id=entry.id, confidence=confidence)


def _leading_name(ent: Span) -> int | None:
    """The start of capitalized proper nouns just before an entity, outside any entity and in its
    sentence ("Kataeb" before "Hezbollah"), or None."""
    doc = ent.doc
    i = ent.start
    floor = max(ent.start - 3, sentence_of(ent).start)
    while i > floor and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper() and not doc[i - 1].ent_type_:
        i -= 1
    return doc[i].idx if i < ent.start else None


def _state_owner(ent: Span) -> tuple[int, str] | None:
    """The country word just before an entity ("Iraqi" in "the Iraqi Interior Ministry", "Iraq's"
    in "Iraq's Foreign Ministry"): its start offset and text, or None."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].tag_ == "POS":
        i -= 1
    if i < 0 or doc[i].ent_type_ not in {"GPE", "NORP"}:
        return None
    first = i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    return doc[first].idx, doc[first : i + 1].text


def _is_modifier_or_title(token: Token) -> bool:
    """A noun that modifies another ("government" in "government spokesman") or is the title of a
    named person ("Prime Minister" before a name, "the spokesman" in apposition) is not a mention of
    its own."""
    if token.dep_ == "compound":
        return True
    head = token.head
    if token.dep_ == "appos" and head.ent_type_ == "PERSON":
        return True
    if token.dep_ not in {"compound", "amod", "nmod"}:
        return False
    # A PERSON among the next four tokens, in the head's subtree (walked up from those four, not
    # down the head's subtree: that is the whole sentence when the head is its root).
    return any(t.ent_type_ == "PERSON" and (t == head or head.is_ancestor(t))
               for t in token.doc[token.i + 1: token.i + 5])


def _is_sponsor(token: Token) -> bool:
    """"Iran" in "Iran-backed groups" names a sponsor, not the group's country."""
    return _sponsor_word(token) is not None


def _sponsor_word(token: Token) -> Token | None:
    """The sponsor word after a name, a hyphen between them or not ("backed" after "Iran")."""
    doc = token.doc
    nxt = token.i + 1
    if nxt < len(doc) and doc[nxt].text == "-":
        nxt += 1
    return doc[nxt] if nxt < len(doc) and doc[nxt].lower_ in registry().sponsor_words else None


def _noun_class(token: Token, reg: Registry) -> tuple[str, str] | None:
    lemma = token.lemma_.lower()
    compound = " ".join(t.lemma_.lower() for t in token.lefts if t.dep_ == "compound")
    if compound and f"{compound} {lemma}" in reg.nouns:
        return reg.nouns[f"{compound} {lemma}"]
    if lemma not in reg.nouns and token.pos_ == "PROPN" and not token.ent_type_ and token.is_title:
        # "KABUL - GUNMEN stormed ...": a capitalised common noun the tagger took for a name keeps
        # its plural as its lemma
        return next((reg.nouns[w] for w in singulars(lemma) if w in reg.nouns), None)
    return reg.nouns.get(lemma)


def singulars(word: str) -> list[str]:
    """The singulars an English plural may have ("gunmen" -> "gunman", "militias" -> "militia")."""
    out = []
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def _description_span(token: Token) -> Span:
    """The noun with its modifiers, without determiners or numbers ("three US soldiers" -> "US
    soldiers": the number is a casualty figure, not part of who they are)."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS and child.i < left:
            left = min(left, child.left_edge.i)
    left = after_separators(token.doc, left, token.i)  # "Top Stories - Investigators ID two civilians"
    while left < token.i and (token.doc[left].dep_ in {"det", "nummod", "quantmod", "punct", "case"}
                              or token.doc[left].ent_type_ in {"DATE", "TIME"}  # "a 17-YEAR-OLD student",
                              # "early Friday MORNING officers arrested": when, not who
                              or token.doc[left].lower_ == "dead"  # "shot DEAD 13 protesters"
                              or token.doc[left].lower_ in _FURNITURE  # "CAPTION People took to the streets"
                              or token.doc[left].tag_ == "WRB"):  # "WHEN hopeful activists took to"
        left += 1
    for i in range(token.i - 1, left - 1, -1):
        if _headline_verb(token.doc[i]):
            left = i + 1  # "Court CONVICTS Friend of ...": the headline's subject and verb are no
            break  # part of whom it names
    return token.doc[left : token.i + 1]


def _headline_verb(token: Token) -> bool:
    """A headline's verb in title case, taken into a name or a description: "Convicts", "Arrests"."""
    return token.is_title and token.lower_.endswith("s") and (token.lower_[:-1], "VERB") in trigger_index()


def _actor_from_description(span: Span, head: Token, reg: Registry) -> Actor:
    kind, sector = _noun_class(head, reg) or ("unknown", None)
    country = None
    entry = None
    for token in span:
        if token.i == head.i or _is_sponsor(token):
            continue
        country = country or reg.country_of(token.text)
    for ent in entities_in(span):
        if _is_sponsor(ent[-1]):
            continue
        entry = entry or reg.lookup(ent.text)
        country = country or reg.country_of(ent.text)
    if entry is not None and (entry.kind != "government" or (country is None and entry.country)):
        # "Hamas fighters", "Houthi rebels": the group itself; "Pentagon officials": the ministry
        name, kind, sector, country = entry.name, entry.kind, entry.sector, entry.country
        registry_id = entry.id
    elif country and kind in {"state_forces", "government"}:
        # "the Iraqi defence ministry" names the ministry, "US forces" the military; a state noun
        # the template does not name ("US officials", "Iraqi police") falls back on its sector.
        state = (reg.describe(span.text) if span.text.lower() != head.lower_ else None) \
            or reg.state_entry(country, sector)
        name, registry_id = (state.name, state.id) if state else (span.text, None)
        if state is not None:
            kind, sector = state.kind, state.sector  # type: ignore[assignment]
    else:
        name, registry_id = span.text, None
    return Actor(text=span.text, start=span.start_char, end=span.end_char, name=name,
                 kind=kind, country=country, sector=sector, registry_id=registry_id,  # type: ignore[arg-type]
                 confidence=_MENTION["described_state" if registry_id else "description"])


def _person_role(ent: Span, reg: Registry) -> tuple[str | None, str | None]:
    """Role and affiliation from a title before the name ("Iraqi Prime Minister X") or an
    apposition after it ("X, the Iraqi government spokesman")."""
    doc = ent.doc
    sent_start = sentence_of(ent).start
    # Titles before the name: up to four tokens.
    for width in (4, 3, 2, 1):
        lo = ent.start - width
        if lo < sent_start:
            continue
        words = doc[lo : ent.start]
        for cut in range(len(words)):
            if " ".join(t.lower_ for t in words[cut:]) in reg.roles:
                affiliation = _affiliation(doc[max(sent_start, lo - 2) : lo + cut], reg)
                return words[cut:].text, affiliation
    # Apposition: the head of the name has an appos child whose head noun is a role.
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            role = _role_in(child, reg)
            if role:
                return role, _affiliation(doc[child.left_edge.i : child.i], reg)
    return None, None


def _role_in(head: Token, reg: Registry) -> str | None:
    compound = " ".join(t.lower_ for t in head.lefts if t.dep_ == "compound")
    with_compound = f"{compound} {head.lower_}".strip()
    if with_compound in reg.roles:
        return with_compound
    return head.text if head.lower_ in reg.roles or head.lemma_.lower() in reg.roles else None


def _affiliation(span: Span, reg: Registry) -> str | None:
    for ent in entities_in(span):
        entry = reg.lookup(ent.text)
        if entry is not None:
            return entry.name
    for token in span:
        country = reg.country_of(token.text)
        if country:
            state = reg.state_entry(country, "GOV")
            return state.name if state else country
    return None
