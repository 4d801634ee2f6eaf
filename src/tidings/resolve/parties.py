"""The parties of an incident as an analyst codes them, once claims and blame are known.

- Perpetrators: the source actors the grammar found, plus the claimant of every claim tied to the
  incident and, hedged, the accused of every accusation tied to it (MUC-4's PERP: "CLAIMED OR
  ADMITTED" and "SUSPECTED OR ACCUSED"), when the incident has no perpetrator yet or one that is the
  same party. An accuser is never made the perpetrator of what it blames on another, nor the
  accused of a lapse ("accused the police of failing to act") the perpetrator of the deed.
- Records a coder can write: a saying or a cooperative act (``need_a_party`` in
  data/incidents.yaml) with no party on either side is dropped, and claims and chains let go of it.
- People by their fullest name: a person named once in full and later by surname ("Hector Oqueli
  Colindres ... Oqueli was abducted") is the same person; the event's party is the full mention
  (its ``text`` is that mention, as written), titles left in ``role``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy

from spacy.tokens import Doc, Token


from ..datafiles import english_words, load_yaml
from ..extract.actors import actor_for, actor_of_entry, singulars, unnamed_doer
from ..annotate.document import sentences, text_of
from ..extract.roles import phrase_start, unique_spans
from ..extract.types import categories
from ..kb.registry import registry
from ..models import HAPPENED, Actor, Claim, Event, Place
from .records import let_go

# Events whose parties are perpetrators and victims: acts of violence and coercion.
_VIOLENT = {"ASSAULT", "COERCE"}
# An accused party is a suspected, not a stated, perpetrator: it keeps this share of its confidence.
_HEDGE = 0.5
_PRONOUNS = english_words("pronouns", "personal")
_RELATIVES = english_words("pronouns", "relative")
# How sure a victim named only by the figures is as the attack's target (data/confidence.yaml).
_VICTIM_CONFIDENCE = float(load_yaml("confidence.yaml")["actor_mentions"]["victims_as_target"])


def attribute_parties(events: list[Event], claims: list[Claim], actors: list[Actor]) -> None:
    """Add claimed and accused perpetrators to the violent events their claims are tied to, and
    name people by their fullest mention. Changes ``events`` in place."""
    by_id = {e.id: e for e in events}
    for claim in claims:
        if claim.kind == "denial":
            continue
        doer = claim.actor if claim.kind == "claim" else claim.accused
        if doer is None or _names_no_one(doer):
            continue
        if claim.kind == "accusation" and _blames_a_lapse(claim):
            continue  # "accused the security services of missing opportunities": not of the deed
        for event_id in claim.event_ids:
            event = by_id.get(event_id)
            if event is None or event.type not in _VIOLENT:
                continue
            if claim.kind == "accusation" and any(_same(s, claim.actor) for s in event.source_actors):
                continue  # "X blamed Y": X's own strike is not the one it blames on Y
            named = [s for s in event.source_actors if not unnamed_doer(s)]
            if named and not any(_same(s, doer) for s in named):
                continue  # a perpetrator the text names, and another: the claim is not about it
            if any(_same(s, doer) and s.kind == doer.kind for s in event.source_actors):
                continue
            hedged = claim.kind == "accusation" or claim.certainty == "hedged"
            event.source_actors.append(doer.model_copy(update={"confidence": round(doer.confidence * _HEDGE, 2)})
                                       if hedged else doer)
    for event in events:
        if event.type == "ASSAULT" and not event.target_actors:
            event.target_actors = _victims_as_targets(event, actors)
    people = [a for a in actors if a.kind == "person"]
    for event in events:
        # one entry per person: "Trump" and "Donald Trump" both become the full mention
        event.source_actors = _once(unique_spans([_fullest(a, people) for a in event.source_actors]))
        event.target_actors = _once(unique_spans([_fullest(a, people) for a in event.target_actors]))
        for casualty in event.casualties:
            if casualty.victims:
                named = _fullest_name(casualty.victims, people)
                if named is not None:
                    casualty.victims = named


def targets_from_acts(events: list[Event], doc: Doc, actors: list[Actor] | None = None) -> None:
    """A verbal act whose object is another event of the article takes that event's doers as its
    target, as a coder writes it: "the president CONDEMNED the attack" targets those who attacked,
    "the embassy REJECTED the accusation" the accuser (``act_object_types`` in
    data/incidents.yaml). An object no event holds that tells again a noun named earlier with its
    doer ("North Korea conducted its fifth nuclear TEST ... Obama condemned THE TEST") takes that
    doer (``actors``). Only when the act names no target of its own, and never its own source.
    Changes ``events`` in place."""
    types = _act_object_types()
    told = [(s.start, s.end, e) for e in events for s in [e.trigger, *e.evidence]]
    for event in events:
        if event.type not in types or event.target_actors or event.status == "negated":
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if head.dep_ == "relcl" and head.head.pos_ == "NOUN" and not objects:
            objects = [head.head]  # "an ALLEGATION the army rejected"
        if head.pos_ in {"NOUN", "PROPN"}:  # "its condemnation OF the attack"
            objects += [p for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "against"}
                        for p in c.children if p.dep_ == "pobj"]
        for obj in objects:
            other = next((e for a, b, e in told if a <= obj.idx < b and e is not event), None)
            sources = other.source_actors if other is not None else _doer_told_before(obj, actors or [])
            accusers = [] if sources else _maker_told_before(obj, events)
            # an accuser or an asker, named or described ("the ministry"), is whom a rejection
            # answers; the doers of a deed are taken only when named
            accused = bool(accusers) or (other is not None and other.type in {"ACCUSE", "REQUEST"})
            doers = [a for a in sources or accusers if (_named(a) or accused) and not _names_no_one(a)
                     and not any(_same(a, s) for s in event.source_actors)]
            if other is None and not doers:
                continue
            event.target_actors = [a.model_copy(update={"confidence": round(a.confidence * _HEDGE, 2)}) for a in doers]
            break


def arrests_by_the_police(events: list[Event], doc: Doc, actors: list[Actor]) -> None:
    """An arrest with no one making it ("14 protesters were detained") takes the police or
    security force the article names nearest before it, hedged: its sentence or the ones just
    before (``arrester_sentences_back``), else one its own sentence names after it ("..., police
    said"). Data: ``unnamed_arrest_modes``, ``arresting_sectors`` in data/incidents.yaml. Changes
    ``events`` in place."""
    modes, sectors, back = _arrest_rules()
    spans, index = sentences(doc)
    forces = [a for a in actors if a.sector in sectors and not _names_no_one(a)]
    for event in events:
        if event.type != "COERCE" or event.mode not in modes or event.source_actors or event.status == "negated":
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        here = index[span.root.i]
        start = spans[max(0, here - back)].start_char
        victims = {(a.start, a.end) for a in event.target_actors}
        before = [a for a in forces if start <= a.start < event.trigger.start and (a.start, a.end) not in victims]
        after = [a for a in forces if event.trigger.end <= a.start < spans[here].end_char
                 and (a.start, a.end) not in victims]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None:
            event.source_actors = [chosen.model_copy(update={"confidence": round(chosen.confidence * _HEDGE, 2)})]


def attackers_told_nearby(events: list[Event], doc: Doc, actors: list[Actor]) -> None:
    """An attack with no one doing it ("a man was shot on Elm Street") takes, hedged, the attacker
    the article describes nearest to it: "the shooter", "a suspect", "two gunmen" in its own
    sentence, else in the ones just before, else just after (``attacker_nouns``,
    ``attacker_sentences_back`` / ``_ahead`` in data/incidents.yaml). Never one of its targets,
    never "no suspect". Changes ``events`` in place."""
    nouns, back, ahead = _attacker_rules()
    spans, index = sentences(doc)
    found = [t for t in doc if t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in nouns
             and not any(c.dep_ == "det" and c.lower_ in {"no", "any"} for c in t.children)
             # someone in particular: "the shooter", "two gunmen", "a suspect", "Gunmen opened
             # fire"; not a kind of people ("threats from extremist attackers to ...")
             and (t.dep_ in {"nsubj", "nsubjpass", "compound"}
                  or any(c.dep_ in {"det", "nummod", "poss"} for c in t.children))]
    if not found:
        return
    text = text_of(doc)  # (spaCy builds doc.text anew on each access)
    for event in events:
        if event.type != "ASSAULT" or event.source_actors or event.status not in HAPPENED:
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        here = index[span.root.i]
        hit = [(a.start, a.end) for a in event.target_actors] + [
            (c.evidence.start, c.evidence.end) for c in event.casualties]

        def usable(t: Token) -> bool:
            lo, hi = sorted((t.idx, event.trigger.start))
            # not a target, and in the attack's own paragraph
            return not any(a <= t.idx < b for a, b in hit) and "\n\n" not in text[lo:hi]

        same = sorted((t for t in found if index[t.i] == here and usable(t)), key=lambda t: abs(t.i - span.root.i))
        before = sorted((t for t in found if here - back <= index[t.i] < here and usable(t)), key=lambda t: -t.i)
        after = sorted((t for t in found if here < index[t.i] <= here + ahead and usable(t)), key=lambda t: t.i)
        chosen = next(iter(same + before + after), None)
        if chosen is None:
            continue
        if chosen.dep_ == "compound" and chosen.head.ent_type_ == "PERSON":
            chosen = chosen.head  # "bombing suspect Dzhokhar Tsarnaev": the person named
        named = [c for c in chosen.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if named:
            chosen = named[0]  # "the alleged killer, Cherif Chekatt": the person named
        actor = actor_for(doc[phrase_start(chosen):chosen.i + 1], actors)
        event.source_actors = [actor.model_copy(update={"confidence": round(actor.confidence * _HEDGE, 2)})]


def owners_of_assets(events: list[Event], doc: Doc, actors: list[Actor]) -> None:
    """An attack on an armed side's asset ("shelled REBEL positions", "overran an ARMY post",
    "bombed MILITANT hideouts") targets that side, when it names no target of its own: the
    trigger's object (or what it is "on") is an asset noun (actor_nouns.yaml military_assets) and a
    noun of an armed kind (subevents.yaml armed_kinds) modifies it. Never one of its doers. Changes
    ``events`` in place."""
    reg, armed = registry(), categories().armed_kinds
    for event in events:
        if event.type != "ASSAULT" or event.target_actors:
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root
        objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
        objects += [p for c in head.children if c.dep_ == "prep" and c.lower_ in {"on", "against"}
                    for p in c.children if p.dep_ == "pobj"]
        for obj in objects:
            if obj.lemma_.lower() not in reg.military_assets:
                continue
            owner = next((c for c in obj.children if c.dep_ in {"compound", "amod"}
                          and reg.nouns.get(c.lemma_.lower(), ("", ""))[0] in armed), None)
            if owner is None:
                continue
            actor = actor_for(doc[owner.i:owner.i + 1], actors)
            if not any(_same(actor, s) for s in event.source_actors):
                event.target_actors = [actor]
                break


def places_are_no_targets(events: list[Event], places: list[Place]) -> None:
    """A town, a region or a site the article names as a place is where an attack or a raid struck,
    not whom: "Israeli troops killed five Palestinians in a raid on JENIN", "Russian forces shelled
    KHARKIV" (the model tags such a name as an organisation or a person). It leaves the targets of
    acts of force (``_VIOLENT``) unless it resolves to an actor of the registry; a saying keeps it
    ("Moscow accused KYIV": the government). Changes ``events`` in place."""
    spots = {(p.start, p.end) for p in places if p.feature != "country"}
    if not spots:
        return
    for event in events:
        if event.type in _VIOLENT:
            event.target_actors = [a for a in event.target_actors if a.registry_id or (a.start, a.end) not in spots]


# Places that stand for no state by themselves: a visit to one is a visit to its country.
_TOWN_LIKE = frozenset({"point", "town", "admin2", "admin1"})


def hosts_of_visits(events: list[Event], places: list[Place]) -> None:
    """A visit's target written as the town visited ("a landmark visit TO RANGOON") is the host
    state's government, as a coder writes the host (a capital already resolves so: "visited
    Moscow"). Only a name the article resolves as a place in a known country, and no party of its
    own. Changes ``events`` in place."""
    reg = registry()
    for event in events:
        if event.type != "CONSULT" or event.mode != "visit":
            continue
        hosts = []
        for actor in event.target_actors:
            place = next((p for p in places if p.country and p.precision in _TOWN_LIKE
                          and p.start < actor.end and actor.start < p.end), None)
            entry = reg.state_entry(place.country, "GOV") if place is not None and actor.registry_id is None else None
            hosts.append(actor if entry is None else actor_of_entry(
                entry, actor.text, actor.start, actor.end, round(actor.confidence * _HEDGE, 2)))
        event.target_actors = hosts



@lru_cache(maxsize=1)
def _rules() -> dict:
    """data/incidents.yaml, read and checked once for every rule below."""
    return load_yaml("incidents.yaml")


@lru_cache(maxsize=1)
def _attacker_rules() -> tuple[frozenset[str], int, int]:
    rules = _rules()
    return (frozenset(rules["attacker_nouns"]), int(rules["attacker_sentences_back"]),
            int(rules["attacker_sentences_ahead"]))


@lru_cache(maxsize=1)
def _arrest_rules() -> tuple[frozenset[str], frozenset[str], int]:
    rules = _rules()
    return (frozenset(rules["unnamed_arrest_modes"]), frozenset(rules["arresting_sectors"]),
            int(rules["arrester_sentences_back"]))


@lru_cache(maxsize=1)
def _act_object_types() -> frozenset[str]:
    return frozenset(str(t) for t in _rules()["act_object_types"])


def _doer_told_before(obj: Token, actors: list[Actor]) -> list[Actor]:
    """"the TEST" told before as "North Korea conducted its fifth nuclear TEST" (or "North Korea's
    test"): the actor that is the subject of the verb taking the earlier noun, or its possessor.
    Only a definite noun ("the", "this", "that") looks back; the nearest earlier telling wins."""
    if obj.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in obj.lefts):
        return []
    doc = obj.doc
    lemmas = doc.user_data.get(_LEMMAS_KEY)
    if lemmas is None:  # one array per article: a long article has many acts to look back from
        lemmas = doc.user_data[_LEMMAS_KEY] = doc.to_array("LEMMA")
    earlier = numpy.nonzero(lemmas[:obj.i] == obj.lemma)[0]
    if not len(earlier):
        return []
    token = doc[int(earlier[-1])]
    holders = [c for c in token.children if c.dep_ == "poss"]
    if token.dep_ == "dobj" and token.head.pos_ == "VERB":
        holders += [c for c in token.head.children if c.dep_ == "nsubj"]
    by_start = {a.start: a for a in actors}
    found = [by_start[h.left_edge.idx] for h in holders if h.left_edge.idx in by_start]
    found += [by_start[h.idx] for h in holders if h.idx in by_start and h.left_edge.idx != h.idx]
    return found


def _maker_told_before(obj: Token, events: list[Event]) -> list[Actor]:
    """"the CLAIM", "the REQUEST", "an ALLEGATION the army rejected" (``told_acts``, with a
    determiner): whoever made the latest act of its types told before it, in any words ("Kenya
    ACCUSED Somalia of harbouring militants. Somali officials rejected the claim")."""
    types = _told_acts().get(obj.lemma_.lower())
    if not types or not any(c.dep_ == "det" for c in obj.lefts):
        return []
    before = [e for e in events if e.type in types and e.trigger.end <= obj.idx and e.source_actors]
    return max(before, key=lambda e: e.trigger.start).source_actors if before else []


@lru_cache(maxsize=1)
def _told_acts() -> dict[str, frozenset[str]]:
    return {str(k): frozenset(map(str, v)) for k, v in (_rules().get("told_acts") or {}).items()}


_LEMMAS_KEY = "tidings.parties.lemmas"


def _named(actor: Actor) -> bool:
    """Whether an actor is named, not only described ("the Baloch Liberation Army", "Israeli
    troops"; not "Gunmen", "Soldiers", "a little-known group"): a registry entry, or a capitalised
    word that is no actor noun."""
    if actor.registry_id is not None:
        return True
    nouns = registry().nouns
    return any(w[:1].isupper() and not any(x in nouns for x in (w.lower(), *singulars(w.lower())))
               for w in actor.text.split())


def _once(actors: list[Actor]) -> list[Actor]:
    """One entry per party: "police" named in three mentions of the incident is listed once (its
    first mention), not "police, police, police"."""
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for a in actors:
        key = ((a.name or a.text).lower(), a.kind, a.registry_id)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def keep_codable(events: list[Event], claims: list[Claim], doc: Doc | None = None) -> list[Event]:
    """The events that make a record: those of a ``need_a_party`` type (data/incidents.yaml) that
    name neither a source nor a target are left out ("allegations of fraud", "called for a repeal"),
    and, given the parsed ``doc``, those of a ``need_a_setting`` type told as happening only by
    plural or mass nouns that name no party, no place and no time ("political PROTESTS have been
    fueled by ...", "KIDNAPPINGS and violence are commonplace"; "called for protests" keeps its
    status); the claims and chain links that pointed at them let go of them."""
    need, setting, _ = _codable()
    dropped = {e.id for e in events if not e.source_actors and not e.target_actors and (
        e.type in need or (doc is not None and e.type in setting and e.status == "asserted"
                           and e.location is None and e.date is None and _told_as_a_kind(e, doc)))}
    return let_go(events, claims, dropped)


@lru_cache(maxsize=1)
def _codable() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """data/incidents.yaml: the types that need a party, those that need a setting when told only
    as a kind, and the mass nouns that tell many acts."""
    raw = _rules()
    return (frozenset(raw["need_a_party"]), frozenset(raw["need_a_setting"]), frozenset(raw["mass_event_nouns"]))


def _told_as_a_kind(event: Event, doc: Doc) -> bool:
    """Whether every mention of an event is a bare plural or mass noun ("political protests",
    "kidnappings", "unrest"): a kind of act, unless something places it. A determiner, an owner or
    a number makes it those acts ("THE protests", "THE GANG'S attacks", "TWO bombings"), and so do
    a doer of the verb it hangs on ("the army responded with air strikes") and a link to another
    event ("in retaliation for the shelling")."""
    for span in [event.trigger, *event.evidence]:
        found = doc.char_span(span.start, span.end, alignment_mode="expand")
        if found is None or not len(found):
            return False
        root = found.root
        if not (root.tag_ == "NNS" or (root.pos_ == "NOUN" and "Number=Sing" not in root.morph
                                        and root.lemma_.lower() in _codable()[2])):
            return False
        if any(c.dep_ in {"det", "poss", "nummod"} for c in root.children):
            return False
        verb = root.head.head if root.dep_ == "pobj" else root.head if root.dep_ in {"dobj", "obj"} else None
        if verb is not None and verb.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in verb.children):
            return False  # "the army responded WITH air strikes": someone's acts
    return event.links == []


@lru_cache(maxsize=1)
def _failure_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_yaml("claims.yaml")["failure_words"])


def _blames_a_lapse(claim: Claim) -> bool:
    """Whether an accusation blames a failure ("of missing opportunities", "for failing to act")."""
    words = {w.strip(".,;:\"'()").lower() for w in claim.evidence.text.split()}
    return bool(words & _failure_words())


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """The words of the titles and honorifics in ``data/roles.yaml``."""
    raw = load_yaml("roles.yaml")
    return frozenset(w for phrase in [*raw["roles"], *raw["honorifics"]] for w in str(phrase).lower().split())


_VICTIM_KINDS = {"civilian": "civilians", "military": "state_forces", "militant": "armed_group", "unknown": "unknown"}


def _victims_as_targets(event: Event, actors: list[Actor]) -> list[Actor]:
    """The ones an attack killed or hurt, as its targets when the grammar named none ("air
    strikes hit a market, killing 11 CIVILIANS": the civilians), as a coder writes actor 2; never
    the attacker counted among the dead ("a suicide bomber killed six": not the bomber)."""
    out: list[Actor] = []
    doers = {a.text.lower() for a in event.source_actors}
    for casualty in event.casualties:
        victims = casualty.victims
        if not victims or victims.lower() in _PRONOUNS or victims.lower() in doers or (
                casualty.victim_kind == "militant" and any(unnamed_doer(a) or a.kind == "armed_group"
                                                            for a in event.source_actors)):
            continue
        at = casualty.evidence.text.find(victims)
        if at < 0:
            continue
        start = casualty.evidence.start + at
        end = start + len(victims)
        named = next((a for a in actors if a.start <= start < a.end or start <= a.start < end), None)
        out.append(named or Actor(text=victims, start=start, end=end, name=victims,
                                  kind=_VICTIM_KINDS[casualty.victim_kind],  # type: ignore[arg-type]
                                  confidence=_VICTIM_CONFIDENCE))
    return unique_spans(out)


def _names_no_one(actor: Actor) -> bool:
    """Words that name no one: a bare pronoun the text does not resolve ("charged HIM with the
    killing"), or an unresolved lower-case phrase that is no person, group, force or state ("blamed
    police shootings on IMPLICIT BIAS")."""
    text = actor.text.lower()
    return actor.kind == "unknown" and actor.registry_id is None and (
        text in _PRONOUNS or text in _RELATIVES or not actor.text[:1].isupper())


def _same(a: Actor, b: Actor) -> bool:
    if a.registry_id and b.registry_id:
        return a.registry_id == b.registry_id
    x, y = _words(a.name), _words(b.name)
    return bool(x) and bool(y) and (x == y or _inside(x, y) or _inside(y, x))


def _words(text: str) -> list[str]:
    words = [w for w in " ".join(text.split()).lower().replace("'s", "").split() if w not in {"the", "a", "an"}]
    return [w.strip(".,;:\"'()[]") for w in words if w.strip(".,;:\"'()[]")]


def _inside(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return 0 < n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _fullest(actor: Actor, people: list[Actor]) -> Actor:
    """The article's fullest mention of the person ``actor`` names ("Oqueli" -> "Hector Oqueli
    Colindres", "Mr Torres" -> "Julio Torres"), or ``actor`` itself."""
    if actor.kind not in {"person", "organization"} or actor.registry_id:
        return actor
    best = _person_named(actor.text, people)
    if best is None or (best.start, best.end) == (actor.start, actor.end):
        return actor
    return best.model_copy(update={"confidence": actor.confidence})


def _fullest_name(text: str, people: list[Actor]) -> str | None:
    """A casualty's victims written as a person's name, titles and all ("Dr Jose Antonio Rodriguez
    Porth", "Galan"): the person's fullest mention, as written, or None when it names no one."""
    best = _person_named(text, people)
    if best is not None:
        return best.text
    # "Dr Jose Antonio Rodriguez Porth" when only "Rodriguez Porth" was tagged: the name as written
    # here, its titles dropped
    written = text.split()
    titles = _titles()
    cut = 0
    while cut < len(written) - 1 and _words(written[cut]) and _words(written[cut])[0] in titles:
        cut += 1
    tail = _words(" ".join(written[cut:]))
    if cut and any(_inside(_words(p.text), tail) for p in people if len(_words(p.text)) > 1):
        return " ".join(written[cut:])
    return None


def _person_named(text: str, people: list[Actor]) -> Actor | None:
    """The longest person mention that holds the words of ``text`` after its leading titles ("Dr",
    "presidential candidate"), in order: "Oqueli" is "Hector Oqueli Colindres" when it is one of his
    names. None when no person mention does."""
    words = _words(text)
    titles = _titles()
    for cut in range(len(words)):
        if cut and words[cut - 1] not in titles:
            return None
        tail = words[cut:]
        best: Actor | None = None
        for person in people:
            name = _words(person.text)
            if name and len(name) <= 6 and (name == tail or _inside(tail, name)):
                if best is None or len(name) > len(_words(best.text)):
                    best = person
        if best is not None:
            return best
    return None
