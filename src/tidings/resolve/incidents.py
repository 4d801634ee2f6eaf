"""Incidents: the mentions of one real-world attack in one article become one event.

An article tells one attack many times: the headline ("2 wounded in shooting"), the lede's verb,
"the attack", the casualty clause, the claim. The extractor opens an event per mention; a user
reading them as records counts the attack, and adds up its victims, several times. Here the
mentions of one incident join into one record that carries every mention in its ``evidence`` and
the incident's own fields:

- the most specific place any mention gives, the day-precise date of its mentions;
- per kind of casualty, the best figure (the largest, not a sum: the mentions report the same
  victims), one per distinct victim group ("three soldiers and two civilians" are two groups);
- every participant any mention names.

Which mentions join (:func:`_joins`): events that happened (asserted or claimed), of the same type,
told in the singular, whose arguments do not conflict (another day, month or year, another town or country, another
perpetrator, a kidnapping beside a bombing), and that show they are the same: a definite or demonstrative mention
("the attack", "this strike", "Sunday's assault"), a mention with no arguments of its own ("shots
were fired"), one that only reports its victims ("two people were wounded"), or one sharing a
participant, the place or the day. Counted distinct attacks ("attacks on four bases" split into
four), mentions with their own other date (a recalled earlier attack), mentions dated only by a
month or a year that is not the publication's ("in April", "since 2017, when ...": news dates its
own incident by the day) unless the incident is told in that month or year, and events dated by a
span from the incident ("three days after the bombing") stay apart. What did not
happen (negated, hypothetical, future) is left as it is.

Events of the other types are told again too ("police are investigating ... investigators said
... the investigation"; "rejects ... rejected"): :func:`_corefer` joins a later mention into the
first record of the same type, mode and status when it names the same act (a one-act mode, or
the same word or stem), its participants agree, no day, month, year or place differs, and the
text does not tell it as another; a charge of the person arrested joins the arrest.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import lru_cache


from spacy.tokens import Doc

from ..datafiles import english_words, load_yaml
from ..extract.actors import unnamed_doer
from ..extract.casualties import died_later, is_hit_figure, load_lexicon
from ..extract.events import lexicon
from ..kb.geocode import distance_km, is_capital
from ..kb.triggers import trigger_index
from ..annotate.document import HEADLINE_LINE_CHARS, sentences, text_of
from ..models import HAPPENED, Article, Casualty, Event, Place, Span

# The types whose mentions are joined into incidents: material acts reported as news events.
INCIDENT_TYPES = frozenset({"ASSAULT"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
# Modes that make a different incident type (MUC-4 and ACLED tell a kidnapping from an attack).
_KIDNAP_MODES = frozenset({"abduct", "kidnap", "kidnapping", "hostage"})
# Place precision, most specific first.
_PEOPLE = frozenset({"person", "civilians", "population", "unknown"})
_POSSESSIVES = english_words("pronouns", "possessive")  # "ITS fighters": owned by the one who reports
_PERSONAL = english_words("pronouns", "personal")  # a side named only by "him" or "they" names no one
_ONE_PERSON = english_words("pronouns", "person")  # "he", "she": one victim told again
_PRECISION = {"point": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}


def resolve_incidents(events: list[Event], doc: Doc, published: date | None = None) -> list[Event]:
    """The article's events with each incident's mentions joined into its first one, text order.
    ``published``: the article's date, against which a mention dated only by month or year is
    told as the news or as an earlier event."""
    incidents: list[list[Event]] = []
    aggregates: list[list[Event]] = []  # plural mentions ("two blasts") and the others telling their toll
    out: list[Event] = []
    # "attacks on four bases" made four events sharing a trigger: counted attacks stay distinct
    per_trigger = Counter((e.type, e.trigger.start) for e in events)
    linked = {link.event_id for e in events for link in e.links}  # events a chain ties to another
    # the latest year the text names: the article's own time when its publication date is not known
    latest_year = max((int(y) for y in _YEAR.findall(text_of(doc))), default=None)
    for event in events:
        if event.type in INCIDENT_TYPES and _plural(event, doc) and _kind_of_act(event, doc):
            continue
        if event.type in INCIDENT_TYPES and event.status in HAPPENED and _plural(event, doc) \
                and per_trigger[(event.type, event.trigger.start)] == 1 and _unanchored(event, doc) \
                and _definite(event, doc) and not event.links and event.id not in linked:
            # "these attacks", "the bombings": a look back at the incident told, joined to it (not
            # one a chain ties to another: "the strikes came in retaliation for the attack")
            same = [m for m in incidents if not any(_conflict(event, x) for x in m)]
            if same:
                same[-1].append(event)
                continue
        if event.type in INCIDENT_TYPES and event.status in HAPPENED and _plural(event, doc) \
                and per_trigger[(event.type, event.trigger.start)] == 1:
            told = next((m for m in aggregates if _same_toll(event, m[0]) and not any(_conflict(event, x) for x in m)), None)
            if told is not None:
                told.append(event)  # "7 militants killed in blasts" ... "Seven militants were killed
                continue            # in two explosions": one toll of the same attacks, told twice
            aggregates.append([event])
        if event.type not in INCIDENT_TYPES or event.status not in HAPPENED \
                or per_trigger[(event.type, event.trigger.start)] > 1 or _plural(event, doc):
            out.append(event)
            continue
        home = _incident_for(event, incidents, doc, published, latest_year)
        if home is None:
            incidents.append([event])
            out.append(event)
        else:
            home.append(event)
    renamed: dict[str, str] = {}
    for members in incidents + aggregates:
        if len(members) > 1:
            _yield_own_figures(members, doc)
            _absorb(members[0], members[1:])
            renamed.update({m.id: members[0].id for m in members[1:]})
    for event in out:
        # chain links to a joined mention point at its incident
        event.links = [link if link.event_id not in renamed else link.model_copy(
            update={"event_id": renamed[link.event_id]}) for link in event.links]
        event.links = [link for link in event.links if link.event_id != event.id]
        event.casualties = incident_casualties(event.casualties, lambda c: _sentence_at(c.evidence, doc))
    out = _corefer(out, doc)
    out = _thefts_of_attacks(out, doc)
    _date_headline(out, doc)
    return out


def _thefts_of_attacks(events: list[Event], doc: Doc) -> list[Event]:
    """A robbery, hold-up or carjacking told beside an attack of the article is that attack's
    circumstance, not an incident of its own (data/incidents.yaml theft_of_attack): its mentions
    join the attack told nearest to it. One that names a party the attack does not, or another
    day or place, stays a record."""
    attacks = [e for e in events if e.type in INCIDENT_TYPES and e.status in HAPPENED]
    words = frozenset(_rules()["theft_of_attack"])
    out = []
    for event in events:
        if attacks and event.type == "COERCE" and event.mode == "seize" and event.status != "negated" \
                and _lemma(event, doc) in words:
            hosts = [a for a in attacks if not _conflict(event, a, kinds=False) and _parties_within(event, a)]
            if hosts:
                host = min(hosts, key=lambda a: abs(a.trigger.start - event.trigger.start))
                _absorb(host, [event], refine=False)
                continue
        out.append(event)
    return out


def _parties_within(theft: Event, attack: Event) -> bool:
    """Whether every party the theft names is one of the attack's (or it names none)."""
    mine = _names(attack, "source") | _names(attack, "target")
    return all(any(_same_name(x, y) for y in mine) for x in _names(theft, "source") | _names(theft, "target"))


def _date_headline(events: list[Event], doc: Doc) -> None:
    """A headline event the body did not join and date ("Man robbed, fatally shot in ...") happened
    when the lede's first dated event did: a headline tells the news of its lede."""
    end = _headline_end(doc)
    if end is None:
        return
    lede = _lede_sentences(doc, end)
    told: list[tuple[int, Event]] = []  # (where the lede first tells it, event), dated events only
    for e in events:
        if e.date is None or _coarse(e):
            continue
        starts = [m.start for m in (e.trigger, *e.evidence) if m.start > end and _sentence_at(m, doc) in lede]
        if starts:
            told.append((min(starts), e))
    if not told:
        return
    first = min(told, key=lambda pair: pair[0])[1]
    for event in events:
        if _in_headline(event, end) and event.date is None and event.status in HAPPENED:
            event.date = first.date


def _corefer(events: list[Event], doc: Doc) -> list[Event]:
    """Later mentions of one event of another type than an incident's ("the police investigate",
    "investigators said", "the investigation"; "rejects ... rejected") join the first record.

    A mention joins an earlier record of the same type, mode and status that it tells again: a
    mode that names one act (data/incidents.yaml), or else the same trigger word or stem; participants that agree (the same, or one
    side unnamed); no other day or place; not told as another event ("another", "in a separate
    case"), not a plural ("arrests"), not chained to it. A charge or booking of the person
    arrested joins the arrest (data/incidents.yaml)."""
    out: list[Event] = []
    renamed: dict[str, str] = {}
    heads: list[tuple[Event, list[Event]]] = []
    headline_end = _headline_end(doc)
    lede = _lede_firsts(events, doc, headline_end)
    for event in events:
        home = None
        if event.type not in INCIDENT_TYPES and not _plural(event, doc) and not _told_as_another(event, doc):
            for first, members in reversed(heads):
                if _tells_again(event, first, members, doc, lede, headline_end):
                    home = members
                    break
        if home is None:
            out.append(event)
            if event.type not in INCIDENT_TYPES and not _plural(event, doc):
                heads.append((event, [event]))
        else:
            home.append(event)
            renamed[event.id] = home[0].id
    for first, members in heads:
        if len(members) > 1:
            headed = _in_headline(first, headline_end) and lede.get(first.type) == members[1].id
            own = {"source": list(first.source_actors), "target": list(first.target_actors)}
            if headed:
                _absorb(first, members[1:2], refine=False, every_party=True)
                _lede_names(first, members[1], own)
                _absorb(first, members[2:], refine=False)
            else:
                _absorb(first, members[1:], refine=False)
    for event in out:
        event.links = [link if link.event_id not in renamed else link.model_copy(
            update={"event_id": renamed[link.event_id]}) for link in event.links]
        event.links = [link for link in event.links if link.event_id != event.id]
    return out


def _tells_again(event: Event, first: Event, members: list[Event], doc: Doc,
                 lede: dict[str, str], headline_end: int | None) -> bool:
    if event.status != first.status:
        return False
    if event.type == first.type and lede.get(event.type) == event.id and _in_headline(first, headline_end):
        # the headline tells the lede's act in its own words: "Lawmaker URGES retaliation on
        # Russia" heads "Rep. Adam Schiff ... CALLED ON President Obama to retaliate"
        return (event.mode == first.mode or None in {event.mode, first.mode}) and not _coref_conflict(event, first)
    if event.type == first.type:
        if event.mode != first.mode:
            return False
        # a mode that names one act ("investigate", "arrest") is enough; a broad one ("allege",
        # "disapprove") or none needs the same word ("rejects ... rejected", "opposes ... opposition")
        # or words of one act ("indicted ... charged")
        if event.mode not in _cues()[4] and not _same_word(_lemma(event, doc), _lemma(first, doc)):
            return False
        if not _actors_agree(event, first):
            return False
    elif not (first.type == "COERCE" and first.mode == "arrest" and _lemma(event, doc) in _cues()[3]
              and _same_person(event, first, doc)):
        # "was arrested ... was charged with murder": the same person's charge is the arrest
        return False
    return not any(_coref_conflict(event, m) or _chained(event, m) for m in members)


_LEDE_SENTENCES = 2  # the sentences after the headline that it heads


def _headline_end(doc: Doc) -> int | None:
    """Where the headline (the article's first line, when short and followed by more) ends."""
    text = text_of(doc)
    line_end = text.find("\n")
    return line_end if 0 < line_end <= HEADLINE_LINE_CHARS and text[line_end:].strip() else None


def _in_headline(event: Event, headline_end: int | None) -> bool:
    return headline_end is not None and event.trigger.end <= headline_end


def _lede_names(record: Event, lede: Event, headline: dict[str, list]) -> None:
    """A headline's unnamed description ("LAWMAKER urges ...") gives way to the name its lede gives
    the same side ("Rep. Adam Schiff ... called on"): the record keeps the lede's parties."""
    for which, actors in (("source", record.source_actors), ("target", record.target_actors)):
        named = lede.source_actors if which == "source" else lede.target_actors
        if not named:
            continue
        vague = {id(a) for a in headline[which] if a.registry_id is None
                 and not any(a is b or _same_name(a.name.lower(), b.name.lower()) for b in named)}
        actors[:] = [a for a in actors if id(a) not in vague]


def _lede_sentences(doc: Doc, end: int) -> set[int]:
    """The lede: the first sentences under the headline ending at ``end`` that say something (not
    a blank line or a dateline the parse cut off on its own)."""
    saying = [i for i, s in enumerate(sentences(doc)[0]) if s.start_char > end and sum(t.is_alpha for t in s) >= 4]
    return set(saying[:_LEDE_SENTENCES])


def _lede_firsts(events: list[Event], doc: Doc, end: int | None) -> dict[str, str]:
    """Per type, the id of the first event the lede (the first sentences under the headline ending
    at ``end``) tells: the one a headline of that type heads."""
    if end is None:
        return {}
    lede = _lede_sentences(doc, end)
    if not lede:
        return {}
    index = sentences(doc)[1]
    first_in_lede: dict[str, tuple[int, str]] = {}
    for event in events:
        for mention in (event.trigger, *event.evidence):  # (a headline the parse ran into the lede is told there)
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if mention.start > end and span is not None and len(span) and index[span.start] in lede \
                    and (event.type not in first_in_lede or mention.start < first_in_lede[event.type][0]):
                first_in_lede[event.type] = (mention.start, event.id)
    return {t: event_id for t, (_, event_id) in first_in_lede.items()}


def _same_word(a: str | None, b: str | None) -> bool:
    """One lemma, or one stem ("investigate"/"investigation", "criticize"/"criticism"), or a
    short verb inside its noun ("meet"/"meeting")."""
    if not a or not b:
        return False
    if any(a in group and b in group for group in _same_acts()):
        return True  # "indicted" ... "was charged": one legal step (data/incidents.yaml same_acts)
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    return a == b or stem >= 5 or (stem == min(len(a), len(b)) >= 4)


@lru_cache(maxsize=1)
def _same_acts() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(str(group).split()) for group in _rules()["same_acts"])


def _same_person(charge: Event, arrest: Event, doc: Doc) -> bool:
    """The person charged is the one arrested: a shared name, or, where the arrest names no one
    the parser took as its target, a name of the charged that the arrest's sentence holds."""
    charged = _names(charge, "target")
    if not charged:
        return False
    if arrest.target_actors:
        return any(_same_name(x, y) for x in charged for y in _names(arrest, "target"))
    span = doc.char_span(arrest.trigger.start, arrest.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    spans, index = sentences(doc)
    words = {t.lower_ for t in spans[index[span.start]]}
    return any(set(name.split()) <= words for name in charged)


def _actors_agree(a: Event, b: Event) -> bool:
    """The same participants, or one side unnamed; a name whose words all lie in the other's
    ("police" and "Indianapolis Metropolitan police", "IMPD" and "IMPD officers") is the same."""
    for which in ("source", "target"):
        mine, theirs = _names(a, which), _names(b, which)
        if mine and theirs and not any(_same_name(x, y) for x in mine for y in theirs):
            return False
    return True


def _same_name(a: str, b: str) -> bool:
    # "Trump's" is Trump
    a, b = (re.sub(r"['’]s?\b", "", x) for x in (a, b))
    wa, wb = set(a.split()), set(b.split())
    return a == b or (bool(wa) and bool(wb) and (wa <= wb or wb <= wa))


def _coref_conflict(a: Event, b: Event) -> bool:
    """Another day, month or year ("hosted the show in 2007" is not "to host the 2014 show"),
    or another place."""
    ta, tb = _calendar(a), _calendar(b)
    if any(x != y for x, y in zip(ta, tb)):
        return True
    return a.location is not None and b.location is not None and _places_differ(a.location, b.location)


def _calendar(event: Event) -> tuple[str, ...]:
    """The resolved year, month and day of an event's date, as far as it gives them."""
    value = event.date.value if event.date is not None else ""
    out: list[str] = []
    for start, end in ((0, 4), (5, 7), (8, 10)):
        part = value[start:end]
        if len(part) != end - start or not part.isdigit():
            break
        out.append(part)
    return tuple(out)


def _lemma(event: Event, doc: Doc) -> str | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None and len(span) else None


def _incident_for(event: Event, incidents: list[list[Event]], doc: Doc,
                  published: date | None = None, latest_year: int | None = None) -> list[Event] | None:
    """The incident an event is a further mention of, or None when it opens its own."""
    if _told_as_another(event, doc) or _dated_from_another(event, doc):
        return None
    # news dates its own incident by the day; a mention dated only "in April" or "in 2017", not
    # the month of publication, is an earlier event recalled, not the undated incident told
    recalled = _coarse(event) and _explicit(event) and not _this_month(event, published, latest_year)
    reference = _definite(event, doc)
    bare = not (event.source_actors or event.target_actors or event.location or event.date)
    figures_only = bare or (not event.source_actors and not event.target_actors and bool(event.casualties))
    # a mention with neither place nor day of its own tells nothing that makes it another incident
    unanchored = event.location is None and _day(event) is None
    best, best_score = None, 0
    for members in incidents:
        if any(_conflict(event, m) for m in members):
            continue
        # events the text chains ("attacked a post to avenge the killing of their commander", "in
        # retaliation for", "after") are two events
        if any(_chained(event, m) and not _outcome_of(event, m, doc) for m in members):
            continue
        if recalled and not any(x is not None and x == y for m in members for x, y in zip(_parts(event), _parts(m))):
            continue  # a recalled event joins only one told in its own year or month
        shared = max(_shared(event, m) for m in members)
        # a headline ("Man shot, killed") tells the incident before the body places and dates it;
        # so does a look-back that opens the text ("the shooting in Dayton") without its day
        open_incident = all(m.location is None and _day(m) is None for m in members) \
            or (_definite(members[0], doc) and all(_day(m) is None for m in members) and not _plural(members[0], doc))
        # "There was an explosion early this morning. A bomb went off at the committee's office":
        # a day without a place, then a place without a day, told right after it, are one incident
        completes = _day(event) is None and event.location is not None \
            and all(m.location is None for m in members) and any(_day(m) for m in members) \
            and 0 <= _sentence_at(event.trigger, doc) - _sentence_at(members[-1].trigger, doc) <= 1
        joins = open_incident or reference or figures_only or unanchored or completes
        if shared == 0 and not joins:
            continue
        # a shared participant, place or day outweighs mere nearness; among equals the latest
        # incident (the one the text is telling now) wins
        score = 2 + shared
        if score >= best_score:
            best, best_score = members, score
    return best


@lru_cache(maxsize=1)
def _rules() -> dict:
    """data/incidents.yaml, read once."""
    return load_yaml("incidents.yaml")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[tuple[str, ...], ...], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    raw = _rules()
    return (tuple(tuple(c.split()) for c in raw["distinct_openers"]),
            frozenset(raw["distinct_determiners"]), frozenset(raw["generic_quantifiers"]),
            frozenset(raw["arrest_followups"]), frozenset(raw["one_act_modes"]))


def _kind_of_act(event: Event, doc: Doc) -> bool:
    """"many mass shootings", "such attacks": a plural with a generic quantifier and nothing of
    its own (no count, day, place or participant) names a kind of act (data/incidents.yaml)."""
    if event.source_actors or event.target_actors or event.physical_targets:
        return False  # "numerous bombings targeted at the military": told with its own target
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and _unanchored(event, doc) and not _definite(event, doc) and any(
        c.lower_ in _cues()[2] for c in span.root.lefts if c.dep_ in {"det", "amod", "predet"})


def _told_as_another(event: Event, doc: Doc) -> bool:
    """"In another incident, ...", "Elsewhere, ...", "another attack": the text says this is not
    the incident told before (data/incidents.yaml)."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    openers, determiners = _cues()[:2]
    if span.root.pos_ in {"NOUN", "PROPN"} and any(c.lower_ in determiners for c in span.root.lefts
                                                    if c.dep_ in {"det", "amod"}):
        return True
    spans, index = sentences(doc)
    sent = spans[index[span.start]]
    words = [t.lower_ for t in sent[:6] if not t.is_punct and not t.is_space]
    return any(tuple(words[:len(cue)]) == cue for cue in openers)


def _dated_from_another(event: Event, doc: Doc) -> bool:
    """"was shot dead by soldiers two weeks after the ambush": an event whose sentence
    dates it by a span of time from another event (data/incidents.yaml, span_units) is not that
    event told again."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    spans, index = sentences(doc)
    units = frozenset(_rules()["span_units"])
    for token in spans[index[span.start]]:
        if token.lower_ not in {"after", "before"} or token.i == 0 or doc[token.i - 1].lemma_.lower() not in units:
            continue
        objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}]
        if any(o.i != span.root.i and o.lemma_.lower() in _event_nouns() for o in objects):
            return True
    return False


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    """The first words of the incident types' noun triggers ("bombing", "attack")."""
    return frozenset(lemma for (lemma, pos), triggers in trigger_index().items()
                     if pos == "NOUN" and any(t.type in INCIDENT_TYPES for t in triggers))


def _sentence_at(span: Span, doc: Doc) -> int:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sentences(doc)[1][found.start] if found is not None and len(found) else -1


def _chained(a: Event, b: Event) -> bool:
    return any(link.event_id == b.id for link in a.links) or any(link.event_id == a.id for link in b.links)


def _outcome_of(a: Event, b: Event, doc: Doc) -> bool:
    """Whether of two chained mentions the later-happening one only tells the other's victims: "one
    person is critically INJURED following a shooting", "a man DIED after the stabbing" (a casualty
    word with no doer of its own, tied by a plain "after"): the shooting's outcome, not another
    incident ("police arrested three men after the attack" stays two)."""
    for later, earlier in ((a, b), (b, a)):
        if any(link.event_id == earlier.id and link.relation == "after" for link in later.links) \
                and not later.source_actors \
                and load_lexicon().trigger_kind.get(_lemma(later, doc) or "") in {"killed", "injured"}:
            return True
    return False


def _same_toll(a: Event, b: Event) -> bool:
    """Whether two mentions report the same toll: an equal exact count of killed (or, with none
    killed, of injured) of at least two."""
    def toll(event: Event) -> tuple[str, int] | None:
        for kind in ("killed", "injured"):
            counts = {c.low for c in event.casualties if c.kind == kind and c.low is not None and c.low == c.high}
            if counts:
                return (kind, max(counts)) if max(counts) >= 2 else None
        return None
    found = toll(a)
    return found is not None and found == toll(b)


def _plural(event: Event, doc: Doc) -> bool:
    """"two rocket attacks", "a wave of bombings": a plural noun names several attacks, which one
    record cannot hold; it stays as it is told."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and span.root.tag_ in {"NNS", "NNPS"} and span.root.lower_ not in _one_event_plurals()


@lru_cache(maxsize=1)
def _one_event_plurals() -> frozenset[str]:
    """Plural nouns that name one event (data/incidents.yaml one_event_plurals): "the TALKS"."""
    return frozenset(str(w).lower() for w in _rules()["one_event_plurals"])


def _unanchored(event: Event, doc: Doc) -> bool:
    """A plural mention with no count, day or place of its own ("guerrilla attacks", "its
    attacks", "a series of assassinations") names a kind of act or a stretch of them."""
    if event.location is not None or _day(event) is not None or event.casualties:
        return False
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    return not any(c.dep_ == "nummod" or c.like_num for c in span.root.children)


def _definite(event: Event, doc: Doc) -> bool:
    """"the attack", "this strike", "Sunday's assault", "its bombing": a noun trigger with a
    definite or demonstrative determiner or a possessor refers back to an incident told."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.pos_ not in {"NOUN", "PROPN"}:
        return False
    # "the deadliest attack on foreign troops since August": a superlative measures the incident told
    return any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" or c.tag_ == "JJS" for c in head.lefts)


def _conflict(a: Event, b: Event, kinds: bool = True) -> bool:
    """Arguments that make two mentions two incidents (``kinds``: a kidnapping and another attack
    are two, "carjacked and kidnapped a woman" one)."""
    if kinds and (a.mode in _KIDNAP_MODES) != (b.mode in _KIDNAP_MODES):
        return True
    if a.date is not None and b.date is not None and _day(a) and _day(b) and _day(a) != _day(b):
        return True
    # another year, month or day ("since 2017, when a general was killed"; "in April"; "Jan. 17"
    # and "Jan. 23" with no year told)
    if any(x is not None and y is not None and x != y for x, y in zip(_parts(a), _parts(b))):
        return True
    if a.location is not None and b.location is not None and _places_differ(a.location, b.location):
        return True
    # two armed groups, or an armed group and a force, as perpetrators ("guerrillas" and "the
    # army") are two incidents; people are named many ways ("a woman", "Tiffany Smith"), and a
    # city, an agency or two forces ("police", "troops") read off one shooting prove nothing
    ga, gb = _groups(a), _groups(b)
    if ga and gb and not ga & gb and "armed_group" in {k for _, k in ga} | {k for _, k in gb}:
        return True
    # another building, vehicle or base hit is another attack - unless the mention told first
    # neither places nor dates it (a headline's "office shooting" is the lede's "accounting firm")
    anchored = b.location is not None or _day(b) is not None
    return anchored and bool(_things(a) and _things(b) and not _things(a) & _things(b))


def _parts(event: Event) -> tuple[str | None, str | None, str | None]:
    """The year, month and day an event's date states, each None where it does not ("XXXX-04",
    "XXXX-01-17": a day told without its year)."""
    if event.date is not None and _CLOCK_ONLY.fullmatch(event.date.text.strip()):
        return None, None, None  # a clock time's day is the publication's guess
    value = event.date.value if event.date is not None else ""
    year, month, day = value[:4], value[5:7], value[8:10]
    month_told = len(month) == 2 and month.isdigit() and value[4:5] == "-"
    return (year if len(year) == 4 and year.isdigit() else None, month if month_told else None,
            day if month_told and len(day) == 2 and day.isdigit() and value[7:8] == "-" else None)


def _coarse(event: Event) -> bool:
    """Whether an event's date states a month or a year and no day ("in April", "in 2017")."""
    value = event.date.value if event.date is not None else ""
    return any(_parts(event)) and not value[8:10].isdigit()


_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _explicit(event: Event) -> bool:
    """Whether an event's date names its month or year ("in April", "since 2017"), not counts
    from the publication ("last month", "earlier this year": the follow-up story's own incident)."""
    words = set(re.findall(r"[a-z]+", event.date.text.lower())) if event.date is not None else set()
    return not words & frozenset(_rules()["relative_date_words"])


def _this_month(event: Event, published: date | None, latest_year: int | None = None) -> bool:
    """Whether the year and month an event's date states are the publication's; with no
    publication date, whether the year it states is the latest year the article's events state
    (a month alone cannot be told then)."""
    year, month, _ = _parts(event)
    if published is None:
        return year is not None and month is None and latest_year is not None and int(year) >= latest_year
    return (year is None or int(year) == published.year) and (month is None or int(month) == published.month)


def _things(event: Event) -> set[str]:
    return {s.text.lower().split()[-1] for s in event.physical_targets if s.text.split()}


def _groups(event: Event) -> set[tuple[str, str]]:
    """The named groups and forces that did it ("a suicide bomber" and "the attacker" are one
    doer described twice, not two groups)."""
    return {((a.registry_id or a.name).lower(), a.kind) for a in event.source_actors
            if a.kind in {"armed_group", "state_forces"} and not unnamed_doer(a)}


# A clock time told with no day ("about 12:35 a.m."): the normalizer gives it the publication
# day, a guess that must not part it from the day the incident is told on ("early Wednesday").
_CLOCK_ONLY = re.compile(r"(?:(?:about|around|approximately|at|just|shortly|before|after)\s+)*"
                         r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?", re.IGNORECASE)


def _day(event: Event) -> str | None:
    if event.date is not None and _CLOCK_ONLY.fullmatch(event.date.text.strip()):
        return None
    value = event.date.value if event.date is not None else ""
    return value[:10] if len(value) >= 10 and value[:4].isdigit() and value[5:7].isdigit() and value[8:10].isdigit() else None


def _places_differ(a: Place, b: Place) -> bool:
    if a.country and b.country and a.country != b.country:
        return True
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return False
    if _fold(a.name) == _fold(b.name):
        return False  # "Darién" and "Darien"
    # a street is a site in a town: "North Butler Avenue" and "Indianapolis" in one state are one
    # place (the gazetteer may rank a street a town); so is a site placed in the story's town ("the
    # 9100 block of South Baltimore", read as a street, and "South Chicago")
    for street, other in ((a, b), (b, a)):
        if (_street(street.name) or street.feature == "site") and street.admin1 and street.admin1 == other.admin1 \
                and other.precision in {"town", "point"} and not _street(other.name) and other.feature != "site":
            return False
    # two towns (or sites) are two places; a town and its province are one unless the town lies
    # in another province
    town = {"point", "town"}
    if a.precision in town and b.precision in town:
        # but a neighbourhood and its city ("C-Town Supermarket in Mott Haven section of the
        # Bronx" ... "a supermarket in the Bronx"), and two streets or buildings placed at one
        # town's point ("near the Union Station bar", "the 2400 block of North Union Boulevard"):
        # points a few kilometres apart are one scene
        return not (a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
                    and a.admin1 == b.admin1 and distance_km(a.lat, a.lon, b.lat, b.lon) <= _rules()["same_scene_km"])
    for small, large in ((a, b), (b, a)):
        if small.precision in town and large.precision == "admin1" and small.admin1 \
                and small.admin1.lower() != large.name.lower():
            return True
    return False


_STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "lane",
                           "highway", "block", "way", "place", "court", "square", "parkway", "terrace"})


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def _street(name: str) -> bool:
    words = name.lower().replace(".", " ").split()
    return len(words) > 1 and words[-1] in _STREET_WORDS


def _names(event: Event, which: str) -> set[str]:
    actors = event.source_actors if which == "source" else event.target_actors
    return {(a.registry_id or a.name).lower() for a in actors}


def _same_actors(a: Event, b: Event) -> bool:
    return bool(_names(a, "source") & _names(b, "source"))


def _shared(a: Event, b: Event) -> int:
    """How many of participant, place and day two mentions share."""
    shared = 0
    people = [(x, y) for x in _people(a) for y in _people(b)]
    if _names(a, "target") & _names(b, "target") or _victims(a) & _victims(b) or any(
            _same_name(x, y) for x, y in people):  # "Terence Crutcher" ... "Crutcher, 40, was shot"
        shared += 1
    if a.location is not None and b.location is not None and not _places_differ(a.location, b.location):
        shared += 1
    if a.date is not None and b.date is not None and (a.date.value == b.date.value or (_day(a) and _day(a) == _day(b))):
        shared += 1  # the same day ("Wednesday" and "Wednesday night"), or the same "Sunday night"
    if _same_actors(a, b):
        shared += 1
    return shared


def _people(event: Event) -> set[str]:
    """The proper names of those an incident hit (people, whatever the model tagged them)."""
    return {a.name.lower() for a in event.target_actors
            if a.name[:1].isupper() and a.registry_id is None and a.kind in {"person", "organization", "unknown"}}


def _victims(event: Event) -> set[str]:
    return {c.victims.lower() for c in event.casualties if c.victims}


def _yield_own_figures(members: list[Event], doc: Doc) -> None:
    """A doer's own count of what it did ("Al-Shabaab said its fighters had killed 30 soldiers")
    gives way to the count others report of the same incident ("killing at least nine soldiers,
    an officer said"): the figure a coder writes is the independent one. The doer's count stays
    where nobody else gives one."""
    own = [m for m in members if _self_reported(m, doc)]
    told = {c.kind for m in members if m not in own for c in m.casualties}
    for m in own:
        m.casualties = [c for c in m.casualties if c.kind not in told]


def _self_reported(event: Event, doc: Doc) -> bool:
    """Whether a mention is its doer's own report: the clause of a verb of saying whose subject
    is the mention's doer, or owns it ("the group said ITS fighters had killed ...")."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span) or not event.source_actors:
        return False
    clause = span.root
    for _ in range(6):  # "killed 30 soldiers in the RAID": up through the noun's preposition too
        if clause.dep_ not in {"ccomp", "conj", "xcomp", "advcl", "pobj", "prep", "dobj"} or clause.head.i == clause.i:
            return False
        clause = clause.head
        if clause.lemma_.lower() in lexicon().frames.report_verbs:
            break
    else:
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    owned = any(a.text.split()[0].lower() in _POSSESSIVES for a in event.source_actors if a.text.split())
    return owned or any(a.start <= subject.idx < a.end for a in event.source_actors)


def _absorb(primary: Event, others: list[Event], refine: bool = True, every_party: bool = False) -> None:
    """Join the other mentions into ``primary``: evidence, participants, place, date, figures.
    ``refine``: the most specific place of any mention replaces the first's (an attack's site);
    otherwise a later mention's place only fills a first that has none (a statement, an
    investigation: the place its first mention names is where it was told).

    Parties, as a coder writes them: a side the first mention names stays as it names it, and a
    side it leaves unnamed takes the parties of the first later mention that names that side;
    doers it only describes take a registry group of their kind a later mention names.
    The later mentions' other parties are not added: a follow-up sentence about the incident
    ("police officers arrived", "residents said") names people who are not its sides, and a
    mention joined in error would bring another incident's victims. ``every_party``: join every
    mention's parties instead (a headline with its lede, which names the headline's sides)."""
    spans = {(s.start, s.end): s for s in [primary.trigger, *primary.evidence]}
    for other in others:
        for s in [other.trigger, *other.evidence]:
            spans.setdefault((s.start, s.end), s)
    primary.evidence = [spans[k] for k in sorted(spans)]
    for other in others:
        primary.links += [link for link in other.links if link not in primary.links]
        for mine, theirs in ((primary.source_actors, other.source_actors), (primary.target_actors, other.target_actors)):
            if every_party or not _names_a_party(mine):
                _join_actors(mine, theirs)
            elif mine is primary.source_actors and not any(a.registry_id for a in mine):
                # doers the first mention only describes ("gunmen") take the group a later
                # mention names, of their kind ("FMLN commandos"): the name a coder writes
                kinds = {a.kind for a in mine}
                _join_actors(mine, [a for a in theirs if a.registry_id and a.kind in kinds])
        primary.casualties += other.casualties
        for mine, theirs in ((primary.instruments, other.instruments), (primary.physical_targets, other.physical_targets)):
            mine += [s for s in theirs if all((s.start, s.end) != (m.start, m.end) for m in mine)]
        primary.mode = primary.mode or other.mode
        primary.contexts = primary.contexts or other.contexts
        primary.acled = primary.acled or other.acled
        primary.confidence = max(primary.confidence, other.confidence)
    # A person the incident hit is not its doer: "Baker was killed" and, in a friend's words, "I
    # don't see Baker shooting anyone" (a mention joined to it) do not make Baker the shooter.
    hit = [a.name.lower() for a in primary.target_actors if a.kind == "person"] + sorted(_victims(primary))
    primary.source_actors = [a for a in primary.source_actors
                             if not (a.kind == "person" and any(_same_name(a.name.lower(), v) for v in hit))]
    places = [e.location for e in [primary, *others] if e.location is not None]
    if places and (refine or primary.location is None):
        primary.location = min(places, key=lambda p: _PRECISION.get(p.precision or "region", 6))
    days = [e.date for e in [primary, *others] if e.date is not None and _day(e)]
    if primary.date is None or (not _day(primary) and days):
        primary.date = days[0] if days else next((e.date for e in others if e.date is not None), None)


def _join_actors(mine: list, theirs: list) -> None:
    """Add ``theirs`` to ``mine``, one entry per participant as the extractor keeps them: a
    resolved actor once, an unresolved mention by its span."""
    keys = {a.registry_id or (a.start, a.end) for a in mine}
    for actor in theirs:
        if (actor.registry_id or (actor.start, actor.end)) not in keys:
            mine.append(actor)
            keys.add(actor.registry_id or (actor.start, actor.end))


def _names_a_party(actors: list) -> bool:
    """Whether a side names someone: a bare pronoun ("him", "they") does not."""
    return any(a.text.lower() not in _PERSONAL for a in actors)


def _value(casualty: Casualty) -> int:
    return casualty.low if casualty.low is not None else (casualty.high or 0)


def incident_casualties(casualties: list[Casualty],
                        sentence: Callable[[Casualty], object] | None = None) -> list[Casualty]:
    """One incident's figures: per kind, the best figure of each distinct victim group (the
    largest: later and fuller reports give more, and the mentions report the same victims).

    Two figures are two groups when one sentence lists them for different victims ("killed six
    priests and two women"), they name different kinds of victim (soldiers, civilians), or one
    of them counts others ("the nun ... wounded along with two other nuns"); told
    in different sentences, differently named victims are the same ones ("a man" ... "the
    victim" ... "John Smith"). A figure for victims unnamed or named generally ("five people")
    that covers the groups' sum is the total, and stands alone. ``sentence`` gives a figure's
    sentence number (without it every figure is its own sentence)."""
    where = sentence or (lambda c: (c.evidence.start, c.evidence.end))
    kept: list[Casualty] = []
    for kind in dict.fromkeys(c.kind for c in casualties):
        groups: list[list[Casualty]] = []
        for c in (c for c in casualties if c.kind == kind):
            home = next((g for g in groups if not any(_distinct(c, m, where) for m in g)), None)
            if home is None:
                groups.append([c])
            else:
                home.append(c)
        best = [max(g, key=_value) for g in groups]
        total = max(best, key=_value)
        if len(best) > 1 and _general(total) and _value(total) >= sum(_value(c) for c in best if c is not total):
            best = [total]
        kept += best
    order = {id(c): i for i, c in enumerate(casualties)}
    return _hit_not_killed(sorted(kept, key=lambda c: order[id(c)]))


_GENERAL_VICTIMS = frozenset({"people", "persons", "person", "civilians", "victims", "others"})


def _victim_word(c: Casualty) -> str | None:
    words = (c.victims or "").lower().split()
    return words[-1] if words else None


def _general(c: Casualty) -> bool:
    return c.victim_kind == "unknown" and _victim_word(c) in _GENERAL_VICTIMS | {None}


def _distinct(a: Casualty, b: Casualty, where) -> bool:
    """Whether two figures of one kind count different victims (see incident_casualties)."""
    if a.victim_kind != "unknown" and b.victim_kind != "unknown" and a.victim_kind != b.victim_kind:
        return True
    if _others(a) != _others(b):
        return True  # "the nun ... was wounded along with two other nuns": the others are more

    wa, wb = _victim_word(a), _victim_word(b)
    if (wa in _ONE_PERSON or wb in _ONE_PERSON) and _value(a) == _value(b) == 1:
        return False  # "the boy, 7, killed in a car, was flown to a hospital where HE later died"
    if wa in _GENERAL_VICTIMS and wb in _GENERAL_VICTIMS:
        return False  # "one of the VICTIMS went back inside after being shot, and this PERSON ..."
    return where(a) == where(b) and wa is not None and wb is not None and wa != wb


def _others(c: Casualty) -> bool:
    """Whether a figure counts victims besides those told before ("two other nuns", "others")."""
    return any(w in {"other", "others"} for w in (c.victims or "").lower().split())


def _hit_not_killed(casualties: list[Casualty]) -> list[Casualty]:
    """An incident's figure of people hit ("three people were shot") counts the ones who died
    too ("one of them died in hospital"): its injured are those hit less those killed. A figure
    that says injured ("two were wounded") is left whole, but for the dead told as dying after
    ("one later died"): they were among the wounded."""
    killed = sum(_value(c) for c in casualties if c.kind == "killed")
    if not killed:
        return casualties
    later = sum(_value(c) for c in casualties if died_later(c))
    out = []
    for c in casualties:
        less = killed if is_hit_figure(c) else later if c.kind == "injured" else 0
        if less:
            rest = _value(c) - less
            if rest <= 0:
                continue
            c = c.model_copy(update={"low": rest, "high": rest if c.high is not None else None})
        out.append(c)
    return out


# --- the scene of follow-up events ----------------------------------------------------------------

_TRUST = load_yaml("confidence.yaml")["incidents"]
# How much an inherited place is trusted, against the same place named in the event's own sentence.
_SCENE_CONFIDENCE = float(_TRUST["inherited_scene"])
# ... and a place taken from the dateline, against one named in the event's own sentence.
_DATELINE_CONFIDENCE = float(_TRUST["dateline_scene"])
# How far after the incident a follow-up still takes its scene, in sentences: further on, an article
# turns to background and reaction (on WikiEvents dev the places taken further away were mostly
# wrong: a ban recommended in London given Manchester).
_SCENE_SENTENCES = 4


def inherit_scene(events: list[Event], doc: Doc) -> None:
    """Give a follow-up event without a place of its own the place of the incident told before it
    ("a man was shot in Dayton on Friday. ... Police arrested a suspect on Saturday": the arrest is
    in Dayton), as a coder places it (data/incidents.yaml: scene_*). Only from an incident at most
    four sentences back, to a singular event that happened, never to one told as another incident,
    dated before that incident or in another year."""
    types, modes, precisions = _scene_rules()
    scene: tuple[int, Event] | None = None  # (sentence, the last located incident)
    for event in sorted(events, key=lambda e: e.trigger.start):
        if event.type not in types and event.mode not in modes:
            continue
        sentence = _sentence_at(event.trigger, doc)
        if event.location is not None:
            if event.type in types and event.status in HAPPENED and event.location.precision in precisions:
                scene = (sentence, event)
            continue
        if scene is None or not 0 < sentence - scene[0] <= _SCENE_SENTENCES or event.status not in HAPPENED \
                or _plural(event, doc) or _told_as_another(event, doc):
            continue  # what did not happen has no scene; "numerous bombings" are not this incident's
        if _told_before(event, scene[1]):
            continue
        where = scene[1].location
        assert where is not None
        event.location = where.model_copy(update={
            "confidence": round(where.confidence * _SCENE_CONFIDENCE, 2),
            "reason": f"no place in its sentence: the scene of the {scene[1].trigger.text!r} told before it",
            "inherited_from": scene[1].id})


def dateline_scene(events: list[Event], places: list[Place], article: Article) -> None:
    """Give an event that still has no place the town of the article's dateline ("CHARLOTTE - The
    city lifted its curfew"), as a coder places it (data/incidents.yaml: dateline_scene_days): only
    an event that happened, when the dateline names a place precise enough (scene_precisions) in
    the country most of the article's other places are in, and the event is not dated in another
    year or long before the article. Not a verbal act (``dateline_not_for``) under a capital's
    dateline: blind audits found "WASHINGTON" wrong for speeches at rallies elsewhere and
    accusations by tweet, and a local town's dateline right for charges and demands made there."""
    dateline = article.dateline
    if dateline is None:
        return
    precisions = _scene_rules()[2]
    where = next((p for p in places if dateline.holds(p) and p.precision in precisions and p.country), None)
    if where is None:
        return
    others = Counter(p.country for p in places if p.country and not dateline.holds(p))
    if others and others.most_common(1)[0][0] != where.country:
        return  # a "BEIRUT" story about Syria: the reporter is there, the events are not
    days = _dateline_scene_days()
    published = article.published
    # A capital's dateline on a verbal act is where the national press files from
    spoken = frozenset(_rules()["dateline_not_for"]) if is_capital(where.name, where.country) else frozenset()
    for event in events:
        if event.location is not None or event.status not in HAPPENED:
            continue
        if event.type in spoken:
            continue  # where the reporter filed from, not where a speaker spoke ("WASHINGTON - ... urged")
        value = event.date.value if event.date is not None else ""
        if published is not None and value[:4].isdigit():
            if int(value[:4]) != published.year:
                continue  # "the 2011 raid": recalled, not told from here
            day = _day(event)
            if day is not None and (published - date.fromisoformat(day)).days > days:
                continue
        event.location = where.model_copy(update={
            "confidence": round(where.confidence * _DATELINE_CONFIDENCE, 2),
            "reason": "no place in its sentence nor a scene told before it: the article's dateline"})


_COUNTRY_CONFIDENCE = float(_TRUST["country_scene"])


def country_scene(events: list[Event], places: list[Place], article: Article) -> None:
    """Give an event that still has no place the country the article's places lie in, where the
    article names that country itself (data/incidents.yaml: country_scene_*): an event that
    happened, not dated in another year than the article's."""
    least, share = _country_scene_rules()
    countries = Counter(p.country for p in places if p.country)
    if not countries:
        return
    country, count = countries.most_common(1)[0]
    if count < least or count / sum(countries.values()) < share:
        return
    where = next((p for p in places if p.country == country and p.precision == "country"), None)
    if where is None:
        return
    published = article.published
    for event in events:
        if event.location is not None or event.status not in HAPPENED:
            continue
        value = event.date.value if event.date is not None else ""
        if value[:4].isdigit() and (published is None or int(value[:4]) != published.year):
            continue  # "in 1995": recalled, not told as the news
        event.location = where.model_copy(update={
            "confidence": round(where.confidence * _COUNTRY_CONFIDENCE, 2),
            "reason": "no place in its sentence, no scene nor dateline: the country the article's places lie in"})


@lru_cache(maxsize=1)
def _country_scene_rules() -> tuple[int, float]:
    """data/incidents.yaml's country_scene_places and country_scene_share."""
    raw = _rules()
    return int(raw["country_scene_places"]), float(raw["country_scene_share"])


@lru_cache(maxsize=1)
def _dateline_scene_days() -> int:
    """data/incidents.yaml's dateline_scene_days."""
    return int(_rules()["dateline_scene_days"])


@lru_cache(maxsize=1)
def _scene_rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The event types, modes and place precisions of data/incidents.yaml's scene_*."""
    raw = _rules()
    return frozenset(raw["scene_types"]), frozenset(raw["scene_modes"]), frozenset(raw["scene_precisions"])


def _told_before(event: Event, incident: Event) -> bool:
    """Whether the event's own date is before the incident's day or in another year: a recalled
    earlier event, not what followed ("police arrested a suspect on Saturday" follows Friday's
    shooting; "in 2015 police arrested him" does not)."""
    value = event.date.value if event.date is not None else ""
    scene = incident.date.value if incident.date is not None else ""
    if value[:4].isdigit() and scene[:4].isdigit() and value[:4] != scene[:4]:
        return True
    day, scene_day = _day(event), _day(incident)
    return day is not None and scene_day is not None and day < scene_day
