"""Where an event happened: the place of an event among the places of its sentence.

An events job (``extract.events`` calls it for each event); it reads the places that
``extract.places`` found and the cue words of ``data/place_cues.tsv``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..annotate.document import age_in_commas, in_site_name
from ..models import Actor, Article, Place
from ..datafiles import frame_words
from ..kb.triggers import trigger_index, trigger_types
from .casualties import load_lexicon
from .places import event_words, list_head, part_of_place, place_cues
from .roles import grammar
from ..kb.registry import registry


# --- where an event happened ---------------------------------------------------------------------


def event_location(head: Token, sent: SpacySpan, places: list[Place], actors: list[Actor], article: Article) -> Place | None:
    """The place of the event, among the sentence's places that are not part of an actor's name
    ("US soldiers"): first one the trigger governs through no other verb ("shelled the village OF
    X"), then one inside the trigger's phrase, then one in another clause before the trigger;
    within a tier the named place inside a possessive before its container ("Mogadishu's Hodan
    district"), then the most specific (an unresolved name counts as a town), then the nearest.
    Measured by ``tidings eval event-location`` (Halterman 2019): with mislabelled towns among the
    candidates, the tiers and the rank of unresolved names raised its choice accuracy from 0.75 to
    0.80; letting in places the actors extractor also lists ("demonstrated in Copenhagen"), the
    possessive rule and the clause rule took accuracy from 0.59 to 0.70 (2026-11-24). Names found
    in places' slots (``_event_place_slot``), objects of place verbs kept as places, owners of
    people and things left out (``_owner``) and containers named around a place noun ranked after
    the place inside (``_qualifiers``) and people's home towns left out (``_origin``) took it from
    0.70 to 0.80, none_accuracy 0.557 -> 0.584."""
    free, qualifiers = _candidates(head.doc, sent, places, actors)
    if free and _words_only(head):
        # "accused Rafael Cruz, who was born in CUBA": where someone the words name comes from is
        # not where they were said; and the dateline's town is where the reporter filed from, not
        # where a speaker spoke ("WASHINGTON - Trump urged supporters at a rally in Michigan")
        free = [p for p in free if not _in_what_is_said(head, p)
                and not (article.dateline is not None and article.dateline.holds(p))]
    if not free:
        return None
    lo = head.left_edge.idx
    hi = head.right_edge.idx + len(head.right_edge)
    # An unresolved name ranks with towns: a name no gazetteer knows, in a sentence about an attack,
    # is most often a village or a neighbourhood ("shelled the village of X"), the most specific place.
    rank = {"point": 0, "town": 1, None: 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}

    linked = _linked_verb(head)

    def tier(place: Place) -> int:
        # 0: the place hangs on the trigger itself, through no other verb ("IN Nablus, a man was
        # shot"; "shelled the village OF X"); 1: inside the trigger's phrase, or hung on the verb
        # the trigger's clause continues ("a bomb exploded IN Hilla, killing seven"); 2: elsewhere
        # in the sentence (another clause: "said in Damascus").
        if not (lo <= place.start and place.end <= hi):
            return 1 if linked is not None and governed_by(linked, place) else 2
        return 0 if governed_by(head, place) else 1

    best = min(free, key=lambda p: (tier(p), (p.start, p.end) in qualifiers, rank.get(p.precision, 6),
                                    abs(p.start - head.idx)))
    if tier(best) == 2 and (best.precision in {"country", "region"} or best.start > head.idx) \
            and not _same_incident_clause(head, best):
        # A place only in another clause is the event's place when it sets the scene before the
        # trigger ("In London, Monday, Brent crude shot up"); after it, it belongs to that clause
        # ("was shot, police in Gaza said"), and a country there is background ("since they
        # invaded Iraq"). Measured on the event-location sample: none_accuracy 0.52 -> 0.56 for
        # accuracy 0.715 -> 0.696 once places named like actors were let in (``_acts``).
        return None
    return best


def _same_incident_clause(head: Token, place: Place) -> bool:
    """Whether a town named after the trigger, outside its phrase, hangs on a verb joined to the
    trigger's own verb by "and" ("a bomber ... killed 50 people and wounded 152 on Sunday in
    Hilla", where the parse hangs 'killed' lower than 'wounded'): the same incident told on."""
    if place.precision in {"country", "region"} or place.start < head.idx:
        return False
    span = _place_span(head.doc, place)
    if span is None:
        return False
    verb = span.root
    for _ in range(8):  # up to the verb the place hangs on
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ != "VERB" or verb.dep_ != "conj":
        return False
    trigger_verb = head if head.pos_ == "VERB" else head.head
    # Joined to the trigger's verb itself, or an event verb joined to a verb above the trigger.
    return verb.head.i == trigger_verb.i or (
        trigger_verb.i in {t.i for t in verb.head.subtree} and verb.lemma_.lower() in event_words())


# Dependencies by which a verb continues the clause of the verb it hangs on, telling the same
# incident: "exploded in Hilla, killing seven" (advcl), "killed 50 and wounded 152 in Hilla" (conj).
_LINK_DEPS = frozenset({"advcl", "conj"})


def _linked_verb(head: Token) -> Token | None:
    """The verb whose clause the trigger's clause continues (see _LINK_DEPS), or None. A
    participle after a comma ("..., killing seven") or a verb joined by "and" shares its place
    with the verb it hangs on; the other way round too ("killed 50 and wounded 152 in Hilla":
    the place hangs on the second verb). An event noun that is a verb's subject happened where
    that verb says."""
    if head.dep_ in _LINK_DEPS and head.head.pos_ in {"VERB", "AUX"} and head.head.i != head.i:
        return head.head
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ == "VERB":
        # "the talks RESUMED in Vienna", "the blast killed three in Kabul", "a shooting WAS
        # REPORTED in York"
        return head.head
    conj = [child for child in head.children if child.dep_ == "conj" and child.pos_ == "VERB"]
    return conj[0] if conj else None


_CANDIDATES_KEY = "tidings_event_place_candidates"


def _candidates(doc: Doc, sent: SpacySpan, places: list[Place], actors: list[Actor],
                ) -> tuple[list[Place], set[tuple[int, int]]]:
    """The places of a sentence that can be an event's place, and the containers among them named
    around a place noun (``_qualifiers``): the same for every event of the sentence, so worked out
    once per sentence (a run-on sentence has hundreds of events and places)."""
    cache = doc.user_data.setdefault(_CANDIDATES_KEY, {})
    found = cache.get((sent.start, sent.end))
    if found is not None and found[0] is places and found[1] is actors:
        return found[2], found[3]
    in_sent = [p for p in places if sent.start_char <= p.start < sent.end_char]
    in_actor = {(p.start, p.end) for p, a in _contained(in_sent, actors) if _acts(doc, p, a)}
    free = [p for p in in_sent if (p.start, p.end) not in in_actor and not _owner(doc, p)
            and not _origin(doc, p) and not _agent(doc, p) and not _nationality(doc, p) and not _between(doc, p)
            and not _patient(doc, p) and not _recipient(doc, p) and not _addressee(doc, p)
            and not _place_of_care(doc, p) and not in_site_name(doc, p.start)]
    qualifiers = _qualifiers(doc, free) if free else set()
    cache[(sent.start, sent.end)] = (places, actors, free, qualifiers)
    return free, qualifiers


# Roles in which a place named as an actor stands for its government or people ("Copenhagen
# protested", "Japan's top police official"): it is no event place there.
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "appos"})


def _contained(places: list[Place], actors: list[Actor]) -> list[tuple[Place, Actor]]:
    """The (place, actor) pairs where the actor's span contains the place. A bisect over the
    actors' starts: a run-on "sentence" of hundreds of clauses has hundreds of places, actors and
    events, and testing every pair for every event took 264 s on one 17 KB sentence."""
    if not actors:
        return []
    ordered = sorted(actors, key=lambda a: a.start)
    starts = [a.start for a in ordered]
    longest = max(a.end - a.start for a in ordered)
    pairs = []
    for place in places:  # a container starts at most `longest` characters before the place ends
        first, last = bisect_left(starts, place.end - longest), bisect_right(starts, place.start)
        pairs += [(place, a) for a in ordered[first:last] if place.end <= a.end]
    return pairs


def _acts(doc: Doc, place: Place, actor: Actor) -> bool:
    """Whether a place inside an actor's span is the actor and not a location: part of a longer
    actor name ("US soldiers"), or a name the actors extractor took as acting in a role that
    places do not fill. "demonstrated in Copenhagen" keeps Copenhagen as the event's place though
    the actors extractor lists it (a capital can stand for a government)."""
    if (actor.start, actor.end) != (place.start, place.end):
        # "the Manchester Arena": a town heading a venue's name is where the venue is; not a
        # place of care ("underwent surgery at Denver Children's Hospital": where he was treated)
        last = actor.text.split()[-1].lower() if actor.text.split() else ""
        return last not in grammar().lexicons["venue_words"] or last in load_lexicon().care_places
    span = _place_span(doc, place)
    if span is None:
        return True
    root = span.root
    if root.dep_ not in _ACTING_DEPS:
        return False
    # A place's slot, not an actor's: the object of a verb that takes a place ("captured
    # Mullaittivu"), the name set beside a place noun ("the regional capital, Grozny") or the
    # possessor of a part of a place ("Gibraltar's border", "Bethlehem's Church of the Nativity").
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() not in place_cues()["place_verb"]
    if root.dep_ in {"appos", "poss"}:
        return not part_of_place(root.head)
    return True


def _place_span(doc: Doc, place: Place) -> SpacySpan | None:
    """The tokens of a place's characters (widened to whole tokens); None when they make none."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _owner(doc: Doc, place: Place) -> bool:
    """A place named only as the owner of a person or a thing ("Yemen's defense minister",
    "Cambodia's opposition party", "Italy's top fugitives"): it stands for its state or people,
    not for where anything happened. The owner of a part of a place ("Gibraltar's border",
    "Baghdad's Amriya neighbourhood") stays a candidate."""
    span = _place_span(doc, place)
    if span is None or span.root.dep_ != "poss":
        return False
    head = span.root.head
    return head.pos_ == "NOUN" and not part_of_place(head)


def _nationality(doc: Doc, place: Place) -> bool:
    """A country named before a noun for people or things ("U.S. troops", "a U.S. base", "the
    US embassy"): whose they are, not where anything happened; an attack on US troops abroad is
    not placed at the centre of the United States. Before an event word it is where ("the Iraq
    war"); before a part of a place, whose part ("the Syria border")."""
    if place.precision != "country":
        return False
    span = _place_span(doc, place)
    if span is None or span.root.dep_ not in {"compound", "amod", "nmod"}:
        return False
    head = span.root.head
    lemma = head.lemma_.lower()
    return head.pos_ in {"NOUN", "PROPN"} and not part_of_place(head) \
        and lemma not in event_words() and lemma not in place_cues()["event_noun"]


def _agent(doc: Doc, place: Place) -> bool:
    """A place named as the doer of a passive verb ("were captured by Iran"): the state acts, it
    is not where the event happened."""
    span = _place_span(doc, place)
    if span is None:
        return False
    token = list_head(span.root)
    if token.dep_ == "pobj" and token.head.lower_ == "by" and place.precision in {"country", "admin1"} and (
            token.head.head.pos_ == "NOUN" or any(k.dep_ == "nsubj" for k in token.head.head.children)):
        return True  # "the nuclear test by North Korea" (the parse may hang it on the active verb): the state did it
    return token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent"


def _recipient(doc: Doc, place: Place) -> bool:
    """A place named as the one something is given to ("offered UKRAINE a loan"): a party."""
    span = _place_span(doc, place)
    return span is not None and span.root.dep_ == "dative"


def _addressee(doc: Doc, place: Place) -> bool:
    """A country or region named as the subject or object of a verbal act ("warned NORTH KOREA to
    refrain", "voted to condemn North Korea", "Iran accused the US"): the state is a party, not
    where the words were said (data/event_frames.yaml: verbal types)."""
    if place.precision not in {"country", "region", "admin1"}:
        return False
    span = _place_span(doc, place)
    if span is None:
        return False
    token = list_head(span.root)
    verb = token.head
    return token.dep_ in {"dobj", "nsubj", "dative"} and verb.pos_ == "VERB" \
        and bool(trigger_types(verb.lemma_.lower(), "VERB") & frame_words("verbal"))


# How a place hangs inside a description of someone the verbal act names rather than on the act: a
# clause on a noun ("accused Rafael Cruz, who was born IN CUBA"). A place in the object's phrase
# ("condemned the attack IN KABUL") or in the act's content ("denied having carried out an attack
# IN SAN SALVADOR") stays: the act is about what happened there (MUC-4's incident location drops
# 0.355 -> 0.343 without them).
_CONTENT_DEPS = frozenset({"relcl", "acl"})


def _words_only(head: Token) -> bool:
    """Whether the trigger is a verb of a verbal act only (every sense one of event_frames.yaml
    ``verbal``, meetings and visits left out: they happen somewhere)."""
    if head.pos_ != "VERB":
        return False
    types = trigger_types(head.lemma_.lower(), "VERB")
    return bool(types) and types <= frame_words("verbal") and "CONSULT" not in types


def _in_what_is_said(head: Token, place: Place) -> bool:
    """Whether a place hangs below the trigger through a clause describing a noun."""
    span = _place_span(head.doc, place)
    if span is None:
        return False
    token = span.root
    for _ in range(12):
        parent = token.head
        if parent.i == token.i:
            return False
        if token.dep_ in _CONTENT_DEPS:
            return True  # a clause on a noun on the way up
        if parent.i == head.i:
            return False
        token = parent
    return False


def _patient(doc: Doc, place: Place) -> bool:
    """A name no gazetteer knows named as the one an act is taken against ("the release OF
    Navalny", "the arrest of Smith": event_roles.yaml patient_nouns): a person the model took for a
    place, not where anything happened."""
    if place.precision is not None:
        return False
    span = _place_span(doc, place)
    if span is None:
        return False
    token = span.root
    return token.dep_ == "pobj" and token.head.lower_ == "of" and \
        token.head.head.lemma_.lower() in grammar().lexicons["patient_nouns"]


def _place_of_care(doc: Doc, place: Place) -> bool:
    """A town that only names where the hurt were treated: it modifies a care place ("a
    Knoxville-area HOSPITAL", "a HOSPITAL in Knoxville") that a verb of bringing or care governs
    ("was flown TO", "died AT", "was treated AT"; casualties.yaml care_verbs). An attack ON a
    hospital keeps its town."""
    span = _place_span(doc, place)
    if span is None:
        return False
    token, care = span.root, None
    for _ in range(3):  # "Knoxville" -> "area" -> "hospital"; "hospital" <- "in" <- "Knoxville"
        if token.dep_ in {"compound", "amod", "nmod", "npadvmod"}:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "in":
            token = token.head.head
        else:
            break
        if token.lemma_.lower() in load_lexicon().care_places:
            care = token
            break
    if care is None or care.dep_ != "pobj":
        return False
    verb = care.head.head  # "flown" of "flown to a hospital"; "died" of "died at the hospital"
    return care.head.lower_ in {"to", "at", "in"} and verb.lemma_.lower() in load_lexicon().care_verbs


def _between(doc: Doc, place: Place) -> bool:
    """A place named as one of the parties "between" whom an event happens ("talks between Iran
    and the US resumed in Vienna"): the states act; the event is where the sentence puts it."""
    span = _place_span(doc, place)
    if span is None:
        return False
    token = list_head(span.root)
    # "positions between Bobi and Minkulu", "the border between A and B" say where
    between = token.head
    return token.dep_ == "pobj" and between.lower_ == "between" and \
        (between.head.lemma_.lower(), "NOUN") in trigger_index()


def _origin(doc: Doc, place: Place) -> bool:
    """A place that says where a person comes from ("a U.N. worker from Poland was shot", "a
    Moslem from Srebrenica, was captured in Valjevo", "a Memphis teenager", "Jeremiah Washington,
    24, of Memphis, Tennessee"): "from" hung on a noun, not on a verb of movement; it is no event's
    place."""
    span = _place_span(doc, place)
    if span is None:
        return False
    token = span.root
    token = list_head(token)  # "one from Jordan and the other from Malawi"
    named = token.head
    while named.dep_ == "compound" and named.head.i != named.i:
        named = named.head  # "FLORIDA Rep. Debbie Wasserman Schultz": on the title, on the name
    if token.dep_ == "compound" and (token.head.lemma_.lower() in grammar().lexicons["people"]
                                     or token.head.lemma_.lower() in registry().roles
                                     or token.head.ent_type_ == "NORP" or named.ent_type_ == "PERSON"):
        return True  # "police shot a MEMPHIS teenager", "the SOUTH CAROLINA senator", "a TEXAS
        # Republican", "FLORIDA Rep. Debbie Wasserman Schultz": where the person is from, or whom
        # they represent
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head  # "Jeremiah Washington, 24, of Memphis, TENNESSEE"
    if token.dep_ != "pobj" or token.head.lower_ not in {"from", "of"}:
        return False
    owner = token.head.head
    if token.head.lower_ == "of":
        # "Siddon Banda of Malawi": "of" after a person's name says where the person is from; so
        # does "of" after an age in commas ("Cleveland Wiggins, 35, OF Lake City", whatever the
        # model tagged the name) and after "both" ("Alex Moreno and Rafael Cruz, both OF Syracuse")
        of = token.head
        aged = of.i >= 3 and age_in_commas(doc, of.i - 3)
        both = of.i >= 2 and doc[of.i - 1].lower_ == "both" and doc[of.i - 2].text == ","
        return owner.ent_type_ == "PERSON" or aged or both
    # "rocket attacks from Gaza": an event noun's "from" is where the event came from.
    return owner.pos_ in {"NOUN", "PROPN", "PRON", "NUM", "ADJ"} and owner.lemma_.lower() not in event_words()


_QUALIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})  # climbed to the phrase head


def _qualifiers(doc: Doc, places: list[Place]) -> set[tuple[int, int]]:
    """Places that only say where another place of the same phrase lies, as its possessor:
    "Mogadishu's Yaqshid district", "Guangdong province's Sanshangang township". The event is at
    the named place inside (the data set marks the most specific), so these rank after it within
    their tier."""
    roots = {}
    for place in places:
        span = _place_span(doc, place)
        if span is not None:
            roots[(place.start, place.end)] = span
    out = set()
    for key, span in roots.items():
        token = span.root
        steps, possessive = 0, False
        while token.dep_ in _QUALIFIER_DEPS and token.head.i != token.i and steps < 4:
            possessive = possessive or token.dep_ == "poss"
            token = token.head
            steps += 1
        # Only a possessive chain marks a container: in "the Latakia town of Kabbani" or "Amman
        # Nagar" a compound is as often the specific place as its container (measured).
        if not possessive:
            continue
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        if any(other != key and lo <= other[0] and other[1] <= hi
               and not (span.start_char <= other[0] < span.end_char) for other in roots):
            out.add(key)
    # "<A> <place noun> of <B>": B contains A ("the Washash district of Baghdad", "the Barada
    # Valley area of rural Damascus", "Qzxwv village of Helmand"), except after "the" and a
    # settlement noun, where A contains B ("the key Latakia town of Kabbani", "the Baghdad
    # neighbourhood of Karrada"). The container ranks after the place inside it.
    cues = place_cues()
    for key, span in roots.items():
        token = span.root
        if token.dep_ != "pobj" or token.head.lower_ != "of" or token.head.i == token.head.head.i:
            continue
        noun = token.head.head
        word = noun.lemma_.lower()
        # "al-Wafa west of Ramadi": a compass word says where, not what contains what.
        if word not in cues["place_noun"] or word in cues["direction"] or noun.lower_ in cues["direction"]:
            continue
        named = [other for other, other_span in roots.items()
                 if other != key and other_span.root.head.i == noun.i
                 and other_span.root.dep_ in {"compound", "amod", "nmod"}]
        if named:
            # Without an article the name before the noun is the settlement's own ("in Qzxwv
            # village of Helmand"), inside what follows.
            article = any(child.dep_ == "det" for child in noun.children)
            out.update(named if word in cues["settlement_noun"] and article else [key])
    return out


def governed_by(head: Token, place: Place) -> bool:
    """True when the place's syntactic head chain reaches ``head`` without passing another verb."""
    span = _place_span(head.doc, place)
    if span is None:
        return False
    token = span.root
    for _ in range(12):  # dependency chains in news sentences are short; a cycle cannot occur
        if token.i == head.i:
            return True
        parent = token.head
        if parent.i == token.i:
            return False
        if parent.i != head.i and parent.pos_ in {"VERB", "AUX"}:
            return False
        token = parent
    return False
