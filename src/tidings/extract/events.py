"""Events: who did what to whom, where, when, with what result, and whether it happened.

A trigger word from ``data/events.yaml`` (a verb or a noun) opens an event candidate; the
dependency parse gives its source and target actors (active, passive, nominal); modals, negation and
embedding under "threaten"/"plan" give its status; the sentence gives its place and date; the
casualty figures in the same sentence attach to it. Mentions of the same happening in one sentence
("a drone attack killed three soldiers") and definite back-references in later sentences ("the
attack") merge into one event with several evidence spans.

Frames around a verb (``data/event_frames.yaml``) add the act the sentence's actor performs:
"Portugal WILL support Turkey" is a promise (AGREE), "they said they WOULD blockade Paris" a threat,
"Libya MUST hand over the suspects" the speaker's demand (REQUEST), "DECLINED TO resign" a refusal
(REJECT); the governed event keeps its own type with a non-asserted status. ``confidence`` ranks
the main event of a sentence first (least embedded, asserted), and in an article the event it is
about (repeated, with victims, in the lead, a material act rather than a verbal reaction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token
from ..annotate.document import in_dateline, in_headline_run, in_title, sentence_of, sentences, text_of

from ..datafiles import english_words, frame_words, load_yaml
from ..models import (
    Acled, Actor, Article, Casualty, Event, EventDate, Place, Span, Time, event_id_for,
)
from .casualties import count_of, held_for_care, load_lexicon, period_tally, since_when, trigger_in
from .event_places import event_location, governed_by
from .times import own_clause_times
from .types import one_sided, two_armed_sides
from .roles import conjuncts as _conjuncts, event_roles, grammar, pejorative_label, unique_spans
from ..kb.registry import registry
from ..kb.triggers import Trigger, trigger_index, trigger_types

# --- the trigger lexicon ------------------------------------------------------------------------


@dataclass(frozen=True)
class Frames:
    """``data/event_frames.yaml``: words around an event that change what the sentence reports."""

    intent: frozenset[str]
    future: frozenset[str]
    reported_future: frozenset[str]
    obligation: frozenset[str]
    opinion_modals: frozenset[str]
    negative: frozenset[str]
    refusal_verbs: frozenset[str]
    unrefused_acts: frozenset[str]
    report_verbs: frozenset[str]
    hostile: frozenset[str]
    light_verbs: frozenset[str]
    weapon_verbs: frozenset[str]
    weapon_objects: frozenset[str]
    labour_words: frozenset[str]
    not_events: frozenset[str]
    verbal: frozenset[str]
    symmetric: frozenset[str]
    not_with_clause: frozenset[str]
    hypothetical_embedders: frozenset[str]
    finder_verbs: frozenset[str]
    causative_verbs: frozenset[str]
    nobody: frozenset[str]
    generic_persons: frozenset[str]
    unit_nouns: frozenset[str]
    finders: frozenset[str]
    attempt_verbs: frozenset[str]
    attempt_modifiers: frozenset[str]
    legal_steps: frozenset[str]
    placing_verbs: frozenset[str]
    labour_strike_modifiers: frozenset[str]
    group_quantities: frozenset[str]
    occurrence_verbs: frozenset[str]
    prevention_verbs: frozenset[str]
    unreal_modifiers: frozenset[str]
    plan_nouns: frozenset[str]
    given_clause_marks: frozenset[str]
    given_clause_questions: frozenset[str]
    generic_event_modifiers: frozenset[str]
    event_series_nouns: frozenset[str]
    commentators: frozenset[str]
    generic_predicates: frozenset[str]
    evasion_verbs: frozenset[str]
    abstention_verbs: frozenset[str]
    sequence_words: frozenset[str]
    sports_words: frozenset[str]
    sports_types: frozenset[str]
    habitual_adverbs: frozenset[str]
    past_habit_adverbs: frozenset[str]
    standing_adverbs: frozenset[str]
    habitual_verbs: frozenset[str]
    labeling_verbs: frozenset[str]  # unused here: extract/roles.py reads it through grammar()
    pejoratives: frozenset[str]  # (the same)
    standing_modifiers: frozenset[str]
    masthead_words: frozenset[str]  # unused here: extract/actors.py reads it (events imports actors)
    tip_verbs: frozenset[str]
    self_obligation_subjects: frozenset[str]
    appeal_verbs: frozenset[str]
    lifted_things: frozenset[str]
    page_furniture: frozenset[str]
    furniture_headings: frozenset[str]
    figurative: frozenset[str]
    agent_heads: frozenset[str]
    abstract_nouns: frozenset[str]
    realizing_verbs: frozenset[str]
    released_people: frozenset[str]
    released_things: frozenset[str]
    plea_verbs: frozenset[str]
    talk_nouns: frozenset[str]
    plea_words: frozenset[str]
    released_from: frozenset[str]
    released_after_care: frozenset[str]
    time_subordinators: frozenset[str]
    released_from_things: frozenset[str]
    thing_heads: frozenset[str]
    asking_nouns: frozenset[str]
    act_verbs: frozenset[str]
    act_objects: frozenset[str]
    ask_verbs: frozenset[str]
    met_things: frozenset[str]
    hit_things: frozenset[str]
    particle_senses: frozenset[str]
    particle_senses_with_object: frozenset[str]
    intercepted_things: frozenset[str]
    delivered_things: frozenset[str]
    met_with_things: frozenset[str]
    recalled_people: frozenset[str]
    shared_things: frozenset[str]
    provided_things: frozenset[str]
    informational_things: frozenset[str]
    non_protesting_blockers: frozenset[str]
    blocked_measures: frozenset[str]
    actor_verbs: frozenset[str]
    actor_objects: frozenset[str]
    backed_things: frozenset[str]
    asked_for_things: frozenset[str]
    promise_words: frozenset[str]
    unpromised_acts: frozenset[str]
    unpromised_future_acts: frozenset[str]
    stationing_verbs: frozenset[str]
    open_waters: frozenset[str]
    figurative_modifiers: frozenset[str]
    figurative_adverbs: frozenset[str]
    loot: frozenset[str]
    raiding_police: frozenset[str]
    firing_words: frozenset[str]
    handing_verbs: frozenset[str]
    this_act_predicates: frozenset[str]
    purpose_done_types: frozenset[str]
    journey_verbs: frozenset[str]
    journey_types: frozenset[str]
    abstract_targets: frozenset[str]
    campaign_words: frozenset[str]
    campaign_triggers: frozenset[str]
    rally_hosting_verbs: frozenset[str]
    public_addressees: frozenset[str]
    keep_away_verbs: frozenset[str]
    call_for_verbs: frozenset[str]
    prohibition_nouns: frozenset[str]
    span_nouns: frozenset[str]
    inquired_incidents: frozenset[str]
    rhetorical_verbs: frozenset[str]
    rhetorical_objects: frozenset[str]
    rhetorical_subjects: frozenset[str]
    politicians: frozenset[str]
    accusing_verbs: frozenset[str]
    rule_nouns: frozenset[str]
    demonstrated_stances: frozenset[str]
    denied_chances: frozenset[str]
    certainty_nouns: frozenset[str]
    deployed_things: frozenset[str]
    allegation_words: frozenset[str]
    captive_verbs: frozenset[str]
    uncounted_modifiers: frozenset[str]
    notice_verbs: frozenset[str]
    notice_nouns: frozenset[str]
    chatter_nouns: frozenset[str]
    assembly_verbs: frozenset[str]
    poll_shares: frozenset[str]
    populations: frozenset[str]
    programmes: frozenset[str]
    standing_adjectives: frozenset[str]
    left_states: frozenset[str]
    hostile_words: frozenset[str]
    tip_recipients: frozenset[str]
    vow_verbs: frozenset[str]
    people_taking_verbs: frozenset[str]
    not_people: frozenset[str]
    absorbed_conjuncts: frozenset[str]
    continuation_openers: frozenset[str]
    incident_nouns: frozenset[str]
    protester_nouns: frozenset[str]
    rate_nouns: frozenset[str]
    aggregate_counts: frozenset[str]
    generic_determiners: frozenset[str]
    trend_verbs: frozenset[str]

    @property
    def figurative_idioms(self) -> dict[str, list[frozenset[str]]]:
        """trigger lemma -> the other lemmas of each idiom it opens ("stab back"), built once."""
        return _idioms(self.figurative)


@lru_cache(maxsize=4)
def _idioms(figurative: frozenset[str]) -> dict[str, list[frozenset[str]]]:
    out: dict[str, list[frozenset[str]]] = {}
    for idiom in figurative:
        first, *rest = idiom.split()
        out.setdefault(first, []).append(frozenset(rest))
    return out


@dataclass
class Lexicon:
    by_first: dict[tuple[str, str], list[Trigger]]  # (first lemma, pos) -> triggers, longest first
    modes: dict[str, list[tuple[str, tuple[str, ...]]]]  # type -> [(mode, words)]
    acled: list[dict]
    contexts: list[tuple[str, frozenset[str]]]
    frames: Frames
    cameo: dict[str, str]  # type -> its default CAMEO code




@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_yaml("events.yaml")
    by_first = trigger_index()
    modes_raw = load_yaml("modes.yaml")
    modes = {t: [(m, tuple(w.lower() for w in ws)) for m, ws in spec.items()] for t, spec in modes_raw.items()}
    acled = load_yaml("crosswalk.yaml")["acled"]
    ctx_raw = load_yaml("contexts.yaml")
    contexts = [(name, frozenset(w.lower() for w in words)) for name, words in ctx_raw.items()]
    frames = Frames(**{key: frame_words(key) for key in load_yaml("event_frames.yaml")})
    cameo = {event_type: str(spec["cameo"]) for event_type, spec in raw.items()}
    return Lexicon(by_first, modes, acled, contexts, frames, cameo)


# --- candidates ---------------------------------------------------------------------------------

_MODALS_HYPOTHETICAL = english_words("modals", "hypothetical")
_MODALS_FUTURE = english_words("modals", "future")
_REFLEXIVES = english_words("pronouns", "reflexive")
_NAME_ENTITIES = {"DATE", "TIME", "PERSON", "GPE", "ORG", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}


@dataclass
class Candidate:
    trigger: Trigger
    tokens: list[Token]  # the trigger's tokens
    extra: list[Token] = field(default_factory=list)  # merged mentions' heads
    evidence: list[Span] = field(default_factory=list)
    # A frame event (a promise, threat, demand or refusal read from "will", "offered to", "must",
    # "refused to" around another verb): its status is its own, and a demand's source is the
    # speaker while its target is the one told to act.
    frame: str | None = None  # "intent" | "obligation" | "refusal"
    verb: Token | None = None  # the verb the frame governs

    @property
    def head(self) -> Token:
        """The syntactic head of the trigger ("attack" in "drone attack")."""
        inside = {t.i for t in self.tokens}
        return next((t for t in self.tokens if t.head.i not in inside or t.head.i == t.i), self.tokens[0])


# Words a multiword trigger may skip: "take to THE streets", "granted POLITICAL asylum", "expelled
# TWO RUSSIAN diplomats", "sent ITS troops", "cancelled a PLANNED visit".
_SKIPPABLE_POS = {"DET", "ADJ", "NUM"}


def _skippable(token: Token) -> bool:
    """A modifier inside a multiword trigger: "set up A NEW post", "set up an OBSERVATION post"
    (a noun modifying a later noun)."""
    return token.pos_ in _SKIPPABLE_POS or token.tag_ == "PRP$" or token.dep_ == "amod" \
        or (token.dep_ == "compound" and token.head.i > token.i)


def _participle_stems(word: str) -> list[str]:
    """The verbs a participle tagged as an adjective may be of, which the lemmatizer leaves as they
    are ("TORCHED vehicles" -> torch, "embargoed" -> embargo, "stabbed" -> stab, "raided" -> raide, raid)."""
    if not word.endswith("ed") or len(word) < 5:
        return []
    stems = [word[:-1], word[:-2]]
    if word[-3] == word[-4]:
        stems.append(word[:-3])
    return stems


def _match_trigger(token: Token, lex: Lexicon) -> tuple[Trigger, list[Token]] | None:
    pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
    if pos is None:
        # "34 injured", "wounded": adjectival participles are verbal triggers too
        # ("free to speak" is an adjective, no release: only a participle's form counts)
        if token.pos_ == "ADJ" and (token.tag_ == "VBN" or (token.tag_ == "JJ" and token.lower_.endswith(("ed", "en")))):
            pos = "VERB"
        else:
            return None
    candidates = lex.by_first.get((token.lemma_.lower(), pos)) or lex.by_first.get((token.lower_, pos))
    if not candidates and token.pos_ == "ADJ" and pos == "VERB":
        candidates = next(filter(None, (lex.by_first.get((stem, pos)) for stem in _participle_stems(token.lower_))), None)
    if not candidates:
        return None
    doc = token.doc
    for trig in candidates:
        n = len(trig.words)
        if n == 1:
            return trig, [token]
        # multiword: following tokens match by lemma, skipping a few modifiers (_SKIPPABLE_POS)
        j, k, matched = token.i + 1, 1, [token]
        while k < n and j < len(doc) and j - token.i <= n + 3:
            word = doc[j]
            if word.lemma_.lower() == trig.words[k] or word.lower_ == trig.words[k]:
                matched.append(word)
                k += 1
            elif not _skippable(word):
                break
            j += 1
        if k == n:
            return trig, matched
    return None


def _assembly_trigger(token: Token, frames: Frames) -> tuple[Trigger, list[Token]] | None:
    """Protesters assembling are a demonstration: "demonstrators GATHERED outside parliament",
    "hundreds of protesters CONVERGED on the square" (a verb of ``assembly_verbs`` whose subject, or
    the people its counting subject counts, is one of ``protester_nouns``). Families gathering for
    a funeral are no protest."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in frames.assembly_verbs or not _by_protesters(token, frames):
        return None
    return Trigger("PROTEST", (token.lemma_.lower(),), "VERB", "demo", "141"), [token]


def _by_protesters(verb: Token, frames: Frames) -> bool:
    """Whether a verb's subject, or the people its counting subject counts, are protesters
    ("thousands OF PROTESTERS rallied": a protest, whatever election the sentence names)."""
    for subject in (k for k in verb.children if k.dep_ == "nsubj"):
        people = [subject] + [g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                              for g in p.children if g.dep_ == "pobj"]
        if any(p.lemma_.lower() in frames.protester_nouns for p in people):
            return True
    return False


def _object_trigger(token: Token, lex: Lexicon) -> tuple[Trigger, list[Token]] | None:
    """A two-word verb trigger ("find weapon", "lift sanction") found through the parse, in any
    order: "two explosive devices WERE FOUND", "a stash of firearms was found", "the sanctions were
    lifted". Its tokens are the verb and the object's head."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    pairs = [t for t in lex.by_first.get((token.lemma_.lower(), "VERB"), ()) if len(t.words) == 2]
    if not pairs:
        return None
    objects = [o for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"} for o in _conjuncts(c)]
    # "a stash OF firearms", "a cache OF arms": the container's contents
    objects += [g for o in list(objects) for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"]
    for obj in objects:
        for trig in pairs:
            if obj.lemma_.lower() == trig.words[1] or obj.lower_ == trig.words[1]:
                return trig, [token, obj] if obj.i > token.i else [obj, token]
    return None


def _not_an_event(token: Token, trig: Trigger, lex: Lexicon) -> bool:
    """A trigger word that names no event: a noun modifying another noun ("AID groups", "a
    NEGOTIATIONS committee"), a figure of speech ("stabbed an ally in the back", "a war of words"),
    a line of page furniture ("click here to visit", "share your experience")."""
    frames = lex.frames
    if trig.pos == "NOUN" and len(trig.words) == 1 and token.dep_ == "compound" \
            and token.head.lemma_.lower() in frames.agent_heads | frames.thing_heads:
        return True
    if trig.pos == "NOUN" and len(trig.words) == 1 and token.lemma_.lower() in frames.abstract_nouns \
            and not _realized(token, frames):
        return True
    if trig.mode == "release" and len(trig.words) == 1 and not _people_released(token, frames):
        return True
    if token.lemma_.lower() in frames.plea_verbs and any(
            k.lemma_.lower() in frames.plea_words for k in token.subtree if k.i > token.i and k.i - token.i <= 3):
        return True  # "pleaded NOT GUILTY to charges": a defendant's answer in court, no request
    if trig.mode == "arrest" and held_for_care(token, load_lexicon()):
        return True  # "was detained in hospital overnight": care, not custody
    if trig.pos == "VERB" and (len(trig.words) == 1 or token.lemma_.lower() in lex.frames.people_taking_verbs) \
            and _wrong_sense(token, lex):
        return True
    if trig.pos == "NOUN" and _generic_plural(token, frames):
        return True
    if trig.pos == "VERB" and token.dep_ in {"acl", "relcl"} and (token.head.lemma_.lower(), "NOUN") in lex.by_first \
            and _generic_plural(token.head, frames):
        return True  # "numerous bombings TARGETED at the military": the run's description
    if token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "of" and token.head.head.lemma_.lower() in \
            frames.rate_nouns and not any(k.dep_ in {"det", "nummod", "poss"} for k in token.children):
        return True  # "a pace of killing unknown to most Americans", "the rate of violence"
    if trig.mode == "withdraw" and trig.pos == "VERB" and any(
            o.lemma_.lower() in grammar().lexicons["weapons"] for c in token.children
            for o in ([c] if c.dep_ in {"dobj", "obj"} else [g for g in c.children if g.dep_ == "pobj"]
                      if c.dep_ == "prep" and c.lower_ == "out" else [])):
        return True  # "pulled out a knife" ("out" read as a particle or a preposition): no withdrawal
    if trig.type in frames.verbal and trig.pos == "VERB" and _commentary(token, frames):
        return True
    if trig.type in frames.verbal and trig.pos == "VERB" and _poll_share(token, frames):
        return True  # "43 percent of voters SUPPORT Clinton": a poll's reading, no one's act
    if trig.pos == "NOUN" and trig.mode == "arrest" and _left_state(token, frames):
        return True  # "was released FROM house ARREST in 2010": the state she left, no arrest told
    if _standing_disposition(token, frames):
        return True  # "we remain OPEN TO talks", "we are committed to supporting": a stance, no act
    if trig.type == "AGREE" and trig.pos == "VERB" and _said_by_a_thing(token, frames):
        return True  # "Oz's SHOW ... offered Trump a platform": no party promises anything
    if trig.pos == "VERB" and _promising_now(token, frames):
        return True  # "Clinton is promising to help mining communities": a standing message
    if trig.type == "SUPPORT" and trig.pos == "VERB" and _public_standing(token, frames):
        return True  # "millions of Americans are supporting Trump": a standing, no act
    if trig.type in frames.sports_types and _sports(token, frames):
        return True
    if trig.mode == "seize" and trig.pos == "VERB" and token.lemma_.lower() in frames.finder_verbs \
            and _found_by_anyone(token, frames):
        return True  # "a toddler who FOUND a gun": nobody seized it
    if trig.mode == "investigate" and _routine_inquiry(token, lex):
        return True  # "police are investigating a shooting"
    if in_title(token):
        return True  # "the Death in Custody Reporting Act", "the Nobel Peace Prize": a name
    if in_headline_run(token.doc, token.idx):
        return True  # a page's list of other stories' headlines
    if trig.pos == "VERB" and _imperative(token):
        return True  # '"Don't shoot him," she says', "Kill them all!": a command, not an event
    if trig.type == "REQUEST" and trig.pos == "VERB" and any(
            k.dep_ == "nsubj" and k.lemma_.lower() in frames.rule_nouns for k in token.children):
        return True  # "Secret Service protocol called for ...", "the plan calls for": a rule, no one asking
    if trig.pos == "NOUN" and token.tag_ == "NN" and token.lemma_.lower() in frames.chatter_nouns and not any(
            k.dep_ == "prep" and k.lower_ in {"with", "between", "among", "on"} for k in token.children):
        return True  # "talk had been mounting about ...", "foul talk": talking, not talks ("talk on arms")
    if trig.pos == "NOUN" and token.lemma_.lower() in frames.notice_nouns and \
            token.dep_ in {"dobj", "obj"} and token.head.lemma_.lower() in frames.notice_verbs:
        return True  # "authorities issued a nationwide alert" for a suspect: a notice, no troops
    if trig.pos == "NOUN" and token.lemma_.lower() in frames.unit_nouns and (
            (token.dep_ == "pobj" and token.head.lower_ in {"into", "at", "against", "near", "toward", "towards"})
            or (token.dep_ == "pobj" and token.head.lower_ == "on" and any(k.dep_ == "det" for k in token.children))
            or (token.dep_ in {"dobj", "obj", "nsubjpass"} and _violent_word(token.head))):
        return True  # "crashed into a foot PATROL", "ambushed a PATROL", "fired on a police PATROL",
        # "a bomb went off near a PATROL": a unit ("on patrol" is the act)
    if trig.type == "REQUEST" and _public_appeal(token, frames):
        return True  # "police urged people to avoid the area", "an appeal for witnesses"
    if trig.type == "REQUEST" and trig.pos == "VERB" and _robbers_demand(token, frames):
        return True  # "demanded the clerk hand over the CASH": the robbery, told once already
    lemma = token.lemma_.lower()
    if trig.type == "ASSAULT" and trig.pos == "NOUN" and lemma in {"attack", "assault"} and any(
            c.dep_ in {"amod", "compound"} and c.lemma_.lower() in frames.figurative_modifiers for c in token.lefts):
        return True  # "legislative attacks", "personal attacks": words, not violence
    if trig.type == "ASSAULT" and trig.pos == "VERB" and lemma in frames.rhetorical_verbs and any(
            c.dep_ == "advmod" and c.lower_ in frames.figurative_adverbs for c in token.children):
        return True  # "verbally attacked", "had personally attacked his wife": words, not violence
    if trig.pos == "VERB" and lemma in frames.accusing_verbs and token.tag_ == "VBN" and \
            token.dep_ in {"acl", "advcl", "amod"} and not any(k.dep_ in {"auxpass", "nsubjpass"} for k in token.children):
        return True  # "two men ACCUSED of carrying out the bombing": who they are, not an accusation made
    verb = token.head if token.dep_ in {"oprd", "acomp"} else token  # "shot DEAD"
    if (trig.pos == "VERB" and _harm_word(lemma) and period_tally(token, load_lexicon())
            or trig.type == "ASSAULT" and since_when(verb) and _counted_victims(verb)) and \
            not any(k.dep_ == "nsubj" for k in verb.children):
        return True  # "by the end of 1972, 496 had been killed", "the worst year since 2007, when 28
        # were killed": a year's toll (a doer's run of attacks stays: "drone strikes have killed
        # eight leaders since July")
    if trig.type == "ASSAULT" and len(trig.words) == 1 and _war_of_words(token, frames):
        return True  # "has attacked global allies as well as adversaries"
    if trig.type in {"ASSAULT", "COERCE", "MOBILIZE"} and _abstract_object(token, frames):
        return True  # "fighting against racism", "targeted tax breaks": no one struck
    if lemma in frames.campaign_triggers and trig.type == "PROTEST" and not _by_protesters(token, frames) and (
            any(t.lemma_.lower() in frames.campaign_words for t in sentence_of(token))
            or any(k.dep_ == "prep" and k.lower_ in {"for", "behind"} for k in token.children)
            or _politicians_rally(token, frames)):
        return True  # "at a Michigan rally", "rally for Clinton": an election rally, support
    if trig.type == "MOBILIZE" and any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in frames.campaign_words
                                       for c in token.children):
        return True  # "mobilize Latino voters", "mobilized supporters": a campaign, no troops
    idioms = frames.figurative_idioms.get(lemma, ())
    if idioms:
        phrase = {t.lemma_.lower() for t in _own_phrase(token)}
        if any(idiom <= phrase for idiom in idioms):
            return True
    return _page_furniture(token, frames)


def _page_furniture(token: Token, frames: Frames) -> bool:
    """Whether a word's sentence is a line of page furniture (``page_furniture``: "click here",
    a photo caption, an editor's standing note), decided once per sentence."""
    sent = sentence_of(token)
    key = ("tidings_furniture", sent.start)
    furniture = token.doc.user_data.get(key)
    if furniture is None:
        lowered = " ".join(t.lower_ for t in sent)
        furniture = token.doc.user_data[key] = any(cue in lowered for cue in frames.page_furniture) \
            or any(a <= token.idx < b for a, b in _furniture_sections(token.doc, frames))
    return furniture


def _furniture_sections(doc: Doc, frames: Frames) -> list[tuple[int, int]]:
    """The character ranges of the sections a page lists other pages in ("==See also==" to the
    next wiki heading; a line "Related stories" to the next blank line): the names there are
    links, not events told (``furniture_headings``)."""
    ranges = doc.user_data.get("tidings_furniture_sections")
    if ranges is None:
        text = text_of(doc)
        ranges = []
        for match in _HEADING.finditer(text):
            name = (match.group(1) or match.group(2) or "").strip().lower().rstrip(":")
            if name not in frames.furniture_headings:
                continue
            if match.group(1) is not None:  # a wiki heading runs to the next one
                following = re.compile(r"==[^=\n]+==").search(text, match.end())
            else:  # a line runs to the next blank line
                following = re.compile(r"\n\s*\n").search(text, match.end())
            ranges.append((match.start(), following.start() if following else len(text)))
        doc.user_data["tidings_furniture_sections"] = ranges
    return ranges


_HEADING = re.compile(r"==\s*([^=\n]{2,40}?)\s*==|^[ \t]*([A-Za-z][A-Za-z ]{1,38}:?)[ \t]*$", re.MULTILINE)


def _subjects(verb: Token) -> list[Token]:
    """A verb's subjects, or those of the verb it is joined to ("... and BACK Johnson")."""
    subjects = [k for k in verb.children if k.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [k for k in verb.head.children if k.dep_ == "nsubj"]
    return subjects


def _poll_share(verb: Token, frames: Frames) -> bool:
    """Whether a verb's subject is a share of those polled: "43 PERCENT of voters support", "6 %
    back Johnson" (``poll_shares``)."""
    subjects = _subjects(verb)
    return any(s.lemma_.lower() in frames.poll_shares or any(c.lower_ in frames.poll_shares for c in s.children)
               for s in subjects)


def _left_state(token: Token, frames: Frames) -> bool:
    """Whether a noun names the state someone left ("released FROM house ARREST", "escaped from
    detention"; ``left_states``)."""
    held = token.head if token.dep_ == "compound" else token  # "house arrest"
    return held.dep_ == "pobj" and held.head.lower_ == "from" and held.head.head.lemma_.lower() in frames.left_states


def _standing_disposition(token: Token, frames: Frames) -> bool:
    """Whether an act is only what someone stands open or committed to, in the present ("we
    REMAIN OPEN TO talks", "we are COMMITTED TO supporting the Afghan people",
    ``standing_adjectives``): a stance, no act."""
    if token.dep_ not in {"pobj", "pcomp"} or token.head.lower_ != "to":
        return False
    adjective = token.head.head
    if adjective.lower_ not in frames.standing_adjectives or adjective.dep_ not in {"acomp", "oprd", "xcomp"}:
        return False
    verb = adjective.head
    return verb.lemma_.lower() in {"remain", "stay", "be"} and verb.tag_ in {"VBP", "VBZ"}


def _said_by_a_thing(verb: Token, frames: Frames) -> bool:
    """Whether a verb's subject (or the subject of the verb it is joined to) is a thing made of
    words or a programme (``rhetorical_subjects``, ``programmes``), no party."""
    subjects = _subjects(verb)
    return bool(subjects) and all(s.lemma_.lower() in frames.rhetorical_subjects | frames.programmes for s in subjects)


def _promising_now(verb: Token, frames: Frames) -> bool:
    """A promise told in the present progressive to no one named ("IS PROMISING to help mining
    communities", "are pledging to cut taxes"): a campaign's standing message, no dated act."""
    if not (verb.lemma_.lower() in frames.promise_words and verb.tag_ == "VBG" and any(
            k.dep_ == "aux" and k.lemma_ == "be" and k.tag_ in {"VBZ", "VBP"} for k in verb.children)):
        return False
    # (an offer to a party named is news: "Iran is offering to swap prisoners with the United States")
    return not any(_promised_party(k, frames) for k in verb.children if k.dep_ in {"xcomp", "ccomp"})


def _public_standing(verb: Token, frames: Frames) -> bool:
    """Whether a support verb tells where a people stands now: in the present ("are supporting",
    "back", "continue to back"), its subject (or the people a count's "of" names) a nationality or
    one of ``populations``."""
    clause = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "continue" else verb
    present = clause.tag_ in {"VBP", "VBZ"} or (clause.tag_ == "VBG" and any(
        k.dep_ == "aux" and k.lower_ in {"are", "is", "'re"} for k in clause.children))
    subjects = [k for k in clause.children if k.dep_ == "nsubj"]
    if clause.tag_ == "VBG" and clause.dep_ == "acl":
        present, subjects = True, [clause.head]  # "the millions of Americans SUPPORTING Donald Trump"
    if not present:
        return False
    for subject in subjects:
        people = [subject] + [g for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                              for g in p.children if g.dep_ == "pobj"]
        if any(p.ent_type_ == "NORP" and p.tag_ in {"NNPS", "NNS"} or p.lemma_.lower() in frames.populations
               for p in people):
            return True
    return False


_CLAUSES = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "conj", "parataxis", "csubj"})


def _own_phrase(token: Token) -> list[Token]:
    """A trigger's words without the clauses it governs: "marched to VICTORY in the election" holds
    the idiom, "marched through the capital to demand fair ELECTIONS" does not."""
    out, stack = [], [token]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(k for k in cur.children if k.dep_ not in _CLAUSES)
    return out


def _imperative(verb: Token) -> bool:
    """A verb in the imperative: a bare verb with no subject, no "to" and no modal that opens its
    clause or follows "do"/"don't" ('"Don't SHOOT him," she says', "KILL them all!")."""
    quoted = verb.i > 0 and (verb.doc[verb.i - 1].tag_ in {"``", "''"} or verb.doc[verb.i - 1].text in {'"', "“"})
    if verb.tag_ != "VB" or verb.dep_ not in ({"ROOT", "ccomp", "conj", "dep", "xcomp"} if quoted else {"ROOT", "ccomp", "conj", "dep"}):
        return False  # '... yelled, "SHOOT him"' (a quote the parse hangs on the verb of speech)
    kids = list(verb.children)
    if any(k.dep_ in {"nsubj", "nsubjpass", "expl"} or (k.dep_ == "aux" and k.lemma_.lower() != "do") for k in kids):
        return False
    if verb.dep_ in {"conj", "dep"}:
        return verb.head.i != verb.i and _imperative(verb.head)  # "Get down and SHOOT": the first verb's mood
    first = next((t for t in verb.subtree if not t.is_punct), verb)
    return first.i == verb.i or (first.lemma_.lower() == "do" and first.dep_ == "aux" and first.head.i == verb.i)


def _public_appeal(token: Token, frames: Frames) -> bool:
    """A call on the public to give a tip or keep away (``public_addressees``): "urged people to
    avoid the area", "anyone with information is urged to contact police", "asked that anyone who
    saw it call the station", "an appeal for witnesses"."""
    kids = list(token.children)
    acts = [k for k in kids if k.dep_ in {"xcomp", "ccomp"}]
    asked_for = [g for k in kids if k.dep_ == "prep" and k.lower_ == "for" for g in k.children if g.dep_ == "pobj"]
    if any(g.lemma_.lower() in frames.public_addressees for g in asked_for):
        return True
    addressees = [k for k in kids if k.dep_ in {"dobj", "obj", "nsubjpass"}]
    addressees += [g for a in acts for g in a.children if g.dep_ in {"nsubj", "nsubjpass"}]
    # "asked that ANYONE who saw the crash call the station": the parse may make the addressee the
    # head of the clause, and the tip verb a clause inside it
    addressees += [a for a in acts if a.pos_ == "PRON"]
    return any(a.lemma_.lower() in frames.public_addressees for a in addressees) and any(
        t.lemma_.lower() in frames.tip_verbs | frames.keep_away_verbs for a in acts
        for t in ([a] if a.pos_ != "PRON" else a.subtree))


def _routine_inquiry(token: Token, lex: Lexicon) -> bool:
    """An inquiry into an incident that names no suspect: "investigating a shooting", "an
    investigation into the death of a man" (``inquired_incidents`` or an event noun), unless the
    incident is someone's ("the army's attacks") or done by someone ("killings BY the police");
    and an inquiry into nothing named at all ("police are investigating")."""
    frames = lex.frames
    inquired = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    inquired += [g for p in token.children if p.dep_ == "prep" and p.lower_ in {"into", "of"}
                 for g in p.children if g.dep_ == "pobj"]
    if token.dep_ in {"acl", "relcl"}:
        inquired.append(token.head)  # "the death being investigated"
    if not inquired and not any(k.dep_ in {"poss", "agent", "ccomp"} or (k.dep_ == "prep" and k.lower_ in {"by", "for", "over", "against"})
                                for k in token.children):
        return True  # "police are investigating", "the investigation is ongoing": nothing, no one named
    incidents = [o for o in inquired if o.lemma_.lower() in frames.inquired_incidents
                 or (o.lemma_.lower(), "NOUN") in lex.by_first]
    # what the incident noun is of counts too: "reports of torture BY the army"
    told = incidents + [g for o in incidents for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"]
    return bool(incidents) and not any(
        k.dep_ in {"poss", "agent"} or (k.dep_ == "prep" and k.lower_ == "by")
        for o in told for k in o.children)  # not "the city's south side" further down


def _politicians_rally(token: Token, frames: Frames) -> bool:
    """A rally a person holds ("Clinton held rallies in Cleveland") or speaks or acts at ("At a
    rally with workers, he said ...", "during a rally in X, Trump said"): a politician's event, not
    a protest."""
    if token.dep_ in {"dobj", "obj"} and token.head.lemma_.lower() in frames.rally_hosting_verbs:
        return any(k.dep_ == "nsubj" and (k.ent_type_ == "PERSON" or k.lower_ in {"he", "she"})
                   for k in token.head.children)
    if token.dep_ == "pobj" and token.head.lower_ in {"at", "during"}:
        # "SPEAKING at a rally, Trump says ...": the verb the participle hangs on
        verb = token.head.head
        if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG" and not any(k.dep_ == "nsubj" for k in verb.children):
            verb = verb.head
        if verb.lemma_.lower() in frames.report_verbs and verb.i == sentence_of(token).root.i:
            return True
        # "AT a rally in Novi, Clinton questioned ...": a person named as the one who acts there
        # (not "protesters chanted")
        return verb.pos_ in {"VERB", "AUX"} and any(
            k.dep_ == "nsubj" and (k.ent_type_ == "PERSON" or k.lower_ in {"he", "she"}) for k in verb.children)
    return False


def _war_of_words(verb: Token, frames: Frames) -> bool:
    """A politician's attack on a rival (``rhetorical_verbs`` / ``_objects``, ``politicians``): no
    weapon and no one killed or hurt in the sentence."""
    if verb.lemma_.lower() not in frames.rhetorical_verbs:
        return False
    speakers = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ in {"acl", "relcl"} and not speakers:
        speakers = [verb.head]  # "a new ad HITTING Trump"
    if any(s.lemma_.lower() in frames.rhetorical_subjects for s in speakers):
        return True  # "the report slammed the police", "a new ad hitting Trump": words attack
    noun = verb.pos_ in {"NOUN", "PROPN"}
    if noun:  # "his attacks ON a former Miss Universe"
        objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in {"on", "against"}
                   for g in p.children if g.dep_ == "pobj" for o in _conjuncts(g)]
    else:
        objects = [o for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"} for o in _conjuncts(c)]
    reg = registry()

    def political(person: Token) -> bool:
        if person.lemma_.lower() in frames.politicians or person.ent_type_ == "PERSON":
            return True
        if person.ent_type_ != "ORG" and (person.ent_type_ or person.pos_ != "PROPN"):
            return False
        match = reg.resolve(person.text)  # a name the small model tags ORG or not at all ("Trump"), not a known force
        return match is None or match.entry.kind not in {"armed_group", "state_forces"}

    if not objects or not all(o.lemma_.lower() in frames.rhetorical_objects or (o.ent_type_ and political(o))
                              or (o.lower_.endswith("s") and o.lower_[:-1] in frames.rhetorical_objects)  # "Latinos" (NNP)
                              or (o.ent_type_ == "NORP" and o.tag_ in {"NNPS", "NNS"}) for o in objects):
        return False  # a rival by name too: "Clinton and the campaign hit Trump hard"; a whole
        # people ("spent the year ATTACKING LATINOS"): a politician's words
    if noun:
        owners = [c for c in verb.children if c.dep_ == "poss"]
        if not owners:  # "Trump responded WITH attacks on X", "she launched attacks on X": the doer
            # of the verb the noun hangs on
            governor = verb.head.head if verb.dep_ == "pobj" and verb.head.lower_ == "with" else (
                verb.head if verb.dep_ in {"dobj", "obj"} else None)
            owners = [c for c in governor.children if c.dep_ == "nsubj"] if governor is not None else []
        if not owners or not all(o.tag_ in {"PRP$", "PRP"} or political(o) for o in owners):
            return False  # "Israel's attacks on Hamas", "attacks on the senator" by no one named
    else:
        subjects: list[Token] = []
        cur = verb
        for _ in range(4):  # "asked the candidates to refrain FROM attacking their opponent": the asker
            subjects = [c for c in cur.children if c.dep_ == "nsubj"]
            if subjects or cur.dep_ not in {"conj", "xcomp", "pcomp", "prep", "advcl"}:
                break
            cur = cur.head
        if not subjects or not all(political(s) for s in subjects):
            return False  # "gunmen attacked the official", "the governor was attacked", "Russia attacked"
    return not _harm_told(verb)


def _abstract_object(token: Token, frames: Frames) -> bool:
    """Whether what an attack or crackdown word acts on is an abstract thing (``abstract_targets``):
    its direct object, the noun after "against", "on" or "of" (also after a particle: "crack down
    on"; "robbed them of a win"), or the noun a participle describes ("targeted tax breaks")."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"against", "on", "of"}):
        objects += [g for g in prep.children if g.dep_ == "pobj"]
    # "robbed the team OF a win", "targeted the heart OF the budget": what the object is part of
    objects += [g for o in list(objects) if o.pos_ in {"NOUN", "PRON"}
                for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    if token.dep_ == "amod" and token.tag_ in {"VBN", "VBD"}:
        objects.append(token.head)
    return any(o.lemma_.lower() in frames.abstract_targets or o.lower_ in frames.abstract_targets
               for o in objects)


def _unharmed(verb: Token, frames: Frames) -> bool:
    """A negated casualty verb of people ("the driver was not injured"), or one whose patients are no
    one ("NO officers were injured", "NOBODY was killed", "injured NO ONE"), says that an incident
    told elsewhere spared them: the casualty extractor reads the figure of none, and it joins that
    incident; it opens no negated attack of its own."""
    if not _harm_word(verb.lemma_.lower()):
        return False
    kids = list(verb.children)
    if any(k.dep_ == "neg" for k in kids) and any(k.dep_ == "nsubjpass" for k in kids):
        return True
    patients = [k for k in kids if k.dep_ in {"nsubjpass", "dobj", "obj"}]
    return bool(patients) and all(p.lower_ in frames.nobody or any(d.dep_ == "det" and d.lower_ == "no" for d in p.children)
                                  for p in patients)


def _generic_plural(noun: Token, frames: Frames) -> bool:
    """A bare plural event noun that names a kind or a run of events: "previous terrorist attacks",
    "a spate of attacks". An article, a number or an owner makes them particular ("the attacks",
    "two attacks", "the group's attacks")."""
    if any(k.dep_ == "det" and k.lower_ in frames.generic_determiners for k in noun.children):
        return True  # "every shooting did not result in a homicide"
    if noun.tag_ not in {"NNS", "NNPS"} or any(
            k.dep_ in {"det", "nummod", "poss"} or k.tag_ == "PRP$" for k in noun.children):
        return False
    if any(k.dep_ == "amod" and k.lower_ in frames.uncounted_modifiers for k in noun.children):
        return True  # "numerous bombings targeted at the military": a run, whatever their target
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in frames.trend_verbs:
        return True  # "arrests of political activists have accelerated"
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and any(
            k.dep_ in {"acomp", "attr"} and (k.lemma_.lower() in frames.generic_predicates or any(
                a.dep_ == "amod" and a.lemma_.lower() in frames.generic_predicates for a in k.children))
            for k in noun.head.children):
        return True  # "kidnappings are commonplace", "assassinations are a regular event"
    if any(k.dep_ in {"prep", "acl", "relcl"} and k.lower_ not in {"in", "over", "during", "since"}
           and k.lemma_.lower() != "date" for k in noun.children):  # "prior arrests DATING back years"
        return False  # "a series of attacks ON police stations", "attacks that killed 20": told with
        # their own targets or effects, particular events; "in recent years" only dates the kind
    if any(k.dep_ == "amod" and k.lower_ in frames.generic_event_modifiers for k in noun.children):
        return True
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in \
        frames.event_series_nouns | frames.aggregate_counts  # "a spate of attacks", "thousands of shootings"


_SCORE = re.compile(r"(?<![\d.,/-])\d{1,3} ?[-\u2013] ?\d{1,3}(?![\d.,/-])")  # "24-10", "3–1": a game's score


def _sports(token: Token, frames: Frames) -> bool:
    """Whether the word is told of a game: an article naming three sports words, its sentence two
    ("shot out for 127 in 19.4 overs") or a score line ("beat the Rangers 31-17"), unless the
    sentence counts dead or wounded."""
    doc = token.doc
    if "tidings_sports" not in doc.user_data:
        doc.user_data["tidings_sports"] = len({t.lemma_.lower() for t in doc} & frames.sports_words) >= 3
    sent = sentence_of(token)
    lemmas = _sentence_lemmas(sent)
    # a score line ("beat the Panthers 24-10") tells a game on its own
    score = _SCORE.search(sent.text) is not None
    if not doc.user_data["tidings_sports"] and not score and len(lemmas & frames.sports_words) < 2:
        return False
    return not any(_harm_word(lemma) for lemma in lemmas)


def _harm_told(token: Token, also: frozenset[str] = frozenset()) -> bool:
    """Whether the token's sentence names a weapon, someone killed or hurt, or a word of ``also``."""
    weapons = grammar().lexicons["weapons"]
    return any(_harm_word(lemma := t.lemma_.lower()) or lemma in weapons or lemma in also for t in sentence_of(token))


def _harm_word(lemma: str) -> bool:
    """Whether a lemma reports people killed or hurt (casualties.yaml triggers)."""
    return load_lexicon().trigger_kind.get(lemma) in {"killed", "injured"}


def _commentary(verb: Token, frames: Frames) -> bool:
    """A verbal act whose subject only comments ("the experts praised her plan", "all agreed")."""
    subjects = _subjects(verb)
    return bool(subjects) and all(s.lemma_.lower() in frames.commentators or s.lower_ in frames.commentators
                                  for s in subjects)


_CONDITION_MARKS = frozenset({"if", "unless", "when", "whenever", "once", "until", "before", "after", "as"})


def _realized(noun: Token, frames: Frames) -> bool:
    """Whether a verb makes an abstract noun an act: its object or passive subject ("signed a
    deal", "a deal was reached"), through "and" ("signed a deal and a protocol")."""
    for child in noun.children:
        if child.dep_ in {"relcl", "acl"} and child.lemma_.lower() in frames.realizing_verbs:
            return True  # "the warnings which were received", "a deal signed on Monday"
        if child.dep_ == "prep" and child.lower_ == "for" and noun.lemma_.lower() in frames.asking_nouns \
                and not any(g.lemma_.lower() in frames.asked_for_things for g in child.children):
            return True  # "demands for a curfew", not "requests for comment"
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                g.lower_ in {"place", "force", "effect"} for g in child.children):
            return True  # "a deal in place", "sanctions in force": the act holds
        if child.ent_type_ in {"DATE", "TIME"}:
            return True  # "urgent demands last night", "Monday's deal": an act of its day
    cur = noun
    while cur.head.i != cur.i and (cur.dep_ in {"conj", "appos"} or (
            cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ in {"NOUN", "PROPN"})):
        # "gave 5 million dollars OF aid": the amount is what the verb acts on
        cur = cur.head if cur.dep_ != "pobj" else cur.head.head
    governor = cur.head
    if cur.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.pos_ == "VERB":
        # "agreed ON a deal", "called FOR support": the verb through its preposition
        return governor.head.lemma_.lower() in frames.realizing_verbs
    if cur.dep_ == "attr" and any(c.dep_ == "expl" for c in governor.children):
        return True  # "there were urgent demands for ...": said to exist, so made
    return cur.dep_ in {"dobj", "nsubjpass", "obj"} and governor.lemma_.lower() in frames.realizing_verbs


_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "us", "me", "you", "this", "that", "himself", "herself",
                              "itself", "themselves", "myself", "ourselves", "yourself"})


def _hostile_word(token: Token, lex: Lexicon) -> bool:
    """A word that announces harm: a trigger of a hostile type ("would STRIKE back", "will IMPOSE
    sanctions") or one of ``hostile_words`` ("there will be CONSEQUENCES")."""
    if token.lemma_.lower() in lex.frames.hostile_words:
        return True
    pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
    return pos is not None and bool(_trigger_types(token, pos) & lex.frames.hostile)


def _wrong_sense(verb: Token, lex: Lexicon) -> bool:
    """A trigger verb whose object or particle gives it another sense (event_frames.yaml: act_verbs,
    ask_verbs, met_things, hit_things, intercepted_things, deployed_things, particle_senses)."""
    frames = lex.frames
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is not None and f"{lemma} {after.lower_}" in frames.particle_senses_with_object:
        return True  # "backed off several of his proposals"
    if after is not None and f"{lemma} {after.lower_}" in frames.particle_senses and not any(
            g.ent_type_ in {"DATE", "TIME"} for g in after.children) and not any(
            k.dep_ in {"dobj", "obj", "nsubjpass"} for k in kids):  # "seized on Monday", "a boat was seized on ..."
        return True  # "backed out" (the small model parses "out" as a particle or a preposition)
    objects = [o for k in kids if k.dep_ in {"dobj", "obj", "nsubjpass"} for o in _conjuncts(k)]
    clause = any(k.dep_ in {"xcomp", "ccomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in k.children)
                 for k in kids)
    that = any(k.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in k.children) for k in kids)
    if lemma in frames.act_verbs:
        if not objects or all(o.lemma_.lower() == "-pron-" or o.lower_ in _OBJECT_PRONOUNS for o in objects):
            # "Gupta had accepted", "offered them": the act is told elsewhere; "accepted himself" is none
            return any(o.lower_.endswith(("self", "selves")) for o in objects)
        return not clause and not any(
            o.lemma_.lower() in frames.act_objects | frames.released_people or (o.lemma_.lower(), "NOUN") in lex.by_first
            for o in objects)  # "will not accept more refugees": people let in are a concession too
    if lemma in frames.ask_verbs:
        if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(k.dep_ in {"nsubj", "nsubjpass"} for k in kids):
            return True  # "Asked to describe the device, the chief said ...": a reporter's question
        if any(k.dep_ in {"ccomp", "dobj"} and any(t.text == "?" for t in k.subtree) for k in kids):
            return True  # '"Who was it?" the prosecutor asked'
        if any(k.dep_ == "auxpass" for k in kids) and any(
                k.dep_ == "xcomp" and k.lemma_.lower() in frames.tip_verbs for k in kids):
            return True  # "anyone with information is asked to call police"
        asked_for = [g for k in kids if k.dep_ == "prep" and k.lower_ == "for" for g in k.children if g.dep_ == "pobj"]
        asks_for = bool(asked_for) and not any(g.lemma_.lower() in frames.asked_for_things for g in asked_for)
        if any(k.dep_ == "auxpass" for k in kids) and not clause:
            return True  # "when he was asked", "was asked for details": an interview
        return not (clause or asks_for or that)
    if lemma == "meet":
        met_with = [g for k in kids if k.dep_ == "prep" and k.lower_ == "with" for g in k.children if g.dep_ == "pobj"]
        if any(g.lemma_.lower() in frames.met_with_things for g in met_with):
            return True  # "was met with opposition"
        shared = [o for k in kids if k.dep_ == "conj" for c in k.children if c.dep_ in {"dobj", "obj"} for o in _conjuncts(c)]
        # "meet and exceed his goals" (the object shared with the next verb; not the next verb's own
        # object when "met" has one: "met Suu Kyi ... and announced AN END to sanctions")
        return any(o.lemma_.lower() in frames.met_things for o in (objects or shared))
    if lemma in frames.refusal_verbs and lemma in {"decline"}:
        acts = [k for k in kids if k.dep_ == "xcomp"]
        if any(a.lemma_.lower() in frames.unrefused_acts for a in acts):
            return True  # "declined to comment": no answer, no refusal of a demand
        return not (acts or objects)  # "the rate would decline", "a declining role"
    # "25,000 tons OF food aid": the "of" object is what is given
    objects_of = objects + [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                            for g in p.children if g.dep_ == "pobj" for g in _conjuncts(g)]
    if lemma == "deploy":
        doers = [s for k in kids if k.dep_ == "nsubj" for s in _conjuncts(k)]
        return any(o.lemma_.lower() in frames.deployed_things for o in objects + doers)
    if lemma == "recall":
        return not any(o.lemma_.lower() in frames.recalled_people for o in objects_of)
    if lemma == "share":
        return not any(o.lemma_.lower() in frames.shared_things for o in objects_of)
    if lemma == "block":
        doers = [k for k in kids if k.dep_ == "nsubj"] + [g for k in kids if k.dep_ == "agent"
                                                           for g in k.children if g.dep_ == "pobj"]
        return any(d.lemma_.lower() in frames.non_protesting_blockers for d in doers) \
            or any(o.lemma_.lower() in frames.blocked_measures for o in objects_of)
    if lemma == "provide":
        given = [o for o in objects_of
                 if o.lemma_.lower() in frames.delivered_things | frames.provided_things | frames.shared_things]
        recipient = any(k.dep_ == "dative" or (k.dep_ == "prep" and k.lower_ in {"to", "with"}) for k in kids)
        return not given or (not recipient and all(o.lemma_.lower() in frames.informational_things for o in given))
    if lemma == "agree":
        if any(k.dep_ == "prep" and k.lower_ == "with" for k in kids) and not clause:
            return True  # "agreed with him": an opinion
        one_side = any(s.dep_ == "nsubj" and s.tag_ in {"NN", "NNP", "PRP"} and len(_conjuncts(s)) == 1 for s in kids)
        if one_side and any(k.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in frames.opinion_modals
                                                      for a in k.children) for k in kids):
            return True  # "Rendell agreed that the party's rules SHOULD be modernized": a judgement
            # shared, no agreement (but "the Philippines and France agree", "Hungarian and Romanian
            # officials agreed that their countries should cooperate": sides agreeing)
        return not any(k.dep_ in {"xcomp", "ccomp", "prep", "dobj", "obj", "advcl", "nsubjpass"} for k in kids) \
            and verb.dep_ not in {"relcl", "acl"}  # "Sixty-two percent agreed": an opinion
    if lemma == "discuss":
        partner = any(k.dep_ == "prep" and k.lower_ in {"with", "between", "among"} for k in kids)
        subjects = [s for k in kids if k.dep_ in {"nsubj", "nsubjpass"} for s in _conjuncts(k)]
        several = len(subjects) > 1 or any(s.tag_ in {"NNS", "NNPS"} for s in subjects)
        passive = any(k.dep_ == "auxpass" for k in kids)
        if not subjects and verb.dep_ in {"xcomp", "advcl"} and verb.head.pos_ == "VERB":
            # "telephoned the minister to discuss ...": the partner is the governing verb's
            partner = partner or any(k.dep_ in {"dobj", "obj"} or (k.dep_ == "prep" and k.lower_ == "with")
                                     for k in verb.head.children)
        return not (partner or several or passive)
    if lemma == "warn" and not any(k.dep_ in {"ccomp", "xcomp"} for k in kids) and any(
            k.dep_ == "prep" and k.lower_ in {"about", "of"} and not any(_hostile_word(g, lex) for g in k.subtree)
            for k in [*kids, *(c for o in objects for c in o.children)]):
        return True  # "warned his supporters about the dangers", "warned the police of their fears": no threat
        # (but "warned OF serious CONSEQUENCES", "of RETALIATION" is one)
    if lemma == "warn":
        told = [k for k in kids if k.dep_ in {"ccomp", "xcomp"}]
        if told:  # what is warned of is a threat only if it is hostile
            return not any(_hostile_word(t, lex) for k in told for t in k.subtree)
        return any(o.lemma_.lower() in frames.tip_recipients for o in objects)  # "WARNED POLICE": a tip-off
    if lemma in frames.captive_verbs:
        return not any(_people(o, frames) for o in objects)
    held = [o for k in kids if k.dep_ in {"dobj", "obj"} for o in _conjuncts(k)]  # (a passive's subject is someone)
    if lemma in frames.people_taking_verbs and held and all(o.lemma_.lower() in frames.not_people for o in held):
        return True  # "Politico ROUNDED UP a dozen examples": no one held
    if lemma in frames.vow_verbs:
        vowed = [k for k in kids if k.dep_ in {"ccomp", "xcomp", "dobj", "obj"}]
        return bool(vowed) and not any(_hostile_word(t, lex) for k in vowed for t in k.subtree)
    if lemma in {"recognize", "recognise", "acknowledge"}:
        return any(k.dep_ == "ccomp" for k in kids) or not objects  # "recognizing THAT imitation is flattery": a thought
    if lemma == "demonstrate":
        # "has not demonstrated an ambition", "his popularity was demonstrated", "demonstrated that
        # ...": showed. But a crowd demonstrates whatever the parse hangs on it ("thousands
        # demonstrated ..., the latest protests"), and "demonstrated their support" is a rally.
        crowd = any(k.dep_ == "nsubj" and (k.like_num or k.lemma_.lower() in frames.group_quantities
                                           or k.tag_ in {"NNS", "NNPS"}) for k in kids)
        shown = [o for o in objects if o.lemma_.lower() not in frames.demonstrated_stances
                 and (o.lemma_.lower(), "NOUN") not in lex.by_first]
        return that or (bool(shown) and not crowd)
    if lemma in frames.actor_verbs and objects and all(o.lower_.endswith(("self", "selves")) for o in objects):
        return True  # "how he would support himself": a living, no party backed
    if lemma == "visit":
        return bool(objects) and not any(o.ent_type_ in {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"}
                                         or o.lemma_.lower() in frames.actor_objects for o in objects)
    if lemma in frames.actor_verbs:
        return _no_actor(verb, objects, lemma, frames)
    if lemma in frames.appeal_verbs:
        return not (clause or that or any(k.dep_ in {"ccomp", "xcomp", "dobj", "obj"} or (
            k.dep_ == "prep" and k.lower_ == "for") for k in kids))  # "to appeal to young voters"
    if lemma == "lift":
        return not any(o.lemma_.lower() in frames.lifted_things or (o.lemma_.lower(), "NOUN") in lex.by_first
                       for o in objects_of)  # "the plan is lifted from a paper"
    if lemma == "intercept":
        return not any(o.lemma_.lower() in frames.intercepted_things for o in objects)
    if lemma == "deliver":
        return not any(o.lemma_.lower() in frames.delivered_things for o in objects)
    if lemma == "hit":
        return any(o.lemma_.lower() in frames.hit_things or o.ent_type_ in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
                   for o in objects)
    return False


def _actor_like(token: Token, frames: Frames) -> bool:
    """A person, people or a body: a named entity, a personal pronoun, an actor noun."""
    first = token
    if token.lemma_.lower() in {"some", "part", "all", "many", "most", "one", "each", "none"} or token.pos_ == "NUM":
        # "some of the changes", "20 of the hostages": the "of" object is what is meant
        first = next((g for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), token)
    if any(c.dep_ == "poss" and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for c in first.children):
        return True  # "support Turkey's bid": the bid is Turkey's
    return first.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or first.lower_ in frames.actor_objects \
        or first.lemma_.lower() in frames.actor_objects | frames.released_people


def _no_actor(verb: Token, objects: list[Token], lemma: str, frames: Frames) -> bool:
    """"allow" needs an actor allowing (or, passive, people allowed); "support", "back", "endorse"
    an actor backed (event_frames.yaml: actor_verbs, actor_objects)."""
    kids = list(verb.children)
    passive = any(k.dep_ == "auxpass" for k in kids)
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"} and not objects:
        objects = [verb.head]  # "policies she supported", "a coalition backed by the West"
        passive = passive or verb.dep_ == "acl"
    objects_of = [next((g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"), o) if o.pos_ in {"NUM", "DET", "PRON"}
                  or o.lemma_.lower() in {"some", "part", "all", "many", "most"} else o
                  for o in objects]  # "some of the changes": the changes
    if lemma == "allow":
        if passive:
            return not any(_actor_like(o, frames) for o in objects)
        subjects = [s for k in kids if k.dep_ == "nsubj" for s in _conjuncts(k)]
        if not subjects and verb.dep_ == "relcl":
            subjects = [verb.head]
        if not subjects and verb.dep_ in {"xcomp", "advcl"}:
            # "the court decided to allow ...", "opened the bridge to allow ...": the governor's subject
            subjects = [s for k in verb.head.children if k.dep_ == "nsubj" for s in _conjuncts(k)]
        named = any(t.ent_type_ in {"GPE", "ORG", "NORP"} for t in sentence_of(verb))
        return not any(_actor_like(s, frames) or (s.lower_ == "it" and named) for s in subjects)
    # "support", "back", "endorse": not an idea, a rule or a policy
    return bool(objects) and all(o.lemma_.lower() in frames.backed_things for o in objects_of)


def _people(token: Token, frames: Frames) -> bool:
    """Whether a noun or pronoun names people: a person's or a people's name, a pronoun, a
    number of them, or a noun of released_people or of the actor nouns ("pirates", "fighters")."""
    return token.pos_ in {"PRON", "NUM"} or token.ent_type_ in {"PERSON", "NORP"} \
        or token.lemma_.lower() in frames.released_people or token.lemma_.lower() in registry().nouns


def _people_released(token: Token, frames: Frames) -> bool:
    """Whether "release"/"free" is said of people (event_frames.yaml): a noun of its "of" object or
    possessor among released_people ("the release of the prisoners", "his release"); a verb unless
    its object, passive subject or the noun it modifies is among released_things ("released a
    statement", "a poll released last week")."""
    if token.pos_ in {"NOUN", "PROPN"}:
        objects = [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj"]
        objects += [c for c in token.children if c.dep_ == "poss"]  # "his release"
        return any(o.pos_ in {"PRON", "NUM"} or o.ent_type_ in {"PERSON", "NORP", "CARDINAL"}
                   or o.lemma_.lower() in frames.released_people for first in objects for o in _conjuncts(first))
    if token.pos_ not in {"VERB", "AUX"}:
        return False  # "free to speak", "break free": an adjective
    things = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
    if token.dep_ in {"acl", "amod", "relcl"}:
        things.append(token.head)  # "a poll released last week", "the records that he released"
        noun = token.head  # "VIDEO from inside the store released by police": the parse may hang
        while noun.dep_ in {"pobj", "prep"} and noun.head.i != noun.i:  # the participle on the
            noun = noun.head  # phrase's last noun
            if noun.pos_ in {"NOUN", "PROPN"}:
                things.append(noun)
    if any(k.dep_ == "prep" and k.lower_ == "from" and any(
            g.lemma_.lower() in frames.released_from for g in k.children) for k in token.children):
        return True  # "was released from prison"
    if any(k.dep_ == "prep" and k.lower_ == "from" and any(
            g.lemma_.lower() in frames.released_from_things for g in k.children) for k in token.children):
        return False  # "release former executives from liability"
    if token.dep_ == "conj" and any(t.lemma_.lower() in frames.released_from_things | frames.released_after_care
                                    for t in token.head.subtree if t.i < token.i):
        return False  # "was taken to HOSPITAL and later released", "TREATED and released": care
    # only people are released (PLOVER): not "part of his tax returns", "it" (the clip), "the records",
    # nor anything else that is no one ("released an ad", "released descriptions of the suspects")
    direct = [o for first in things for o in _conjuncts(first)]
    of = {o.i: [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
          for o in direct}
    meant = direct + [g for o in direct for g in of[o.i]]  # "five years OF returns"
    if any(o.lower_ in {"it", "this", "that", "which"} or o.lemma_.lower() in frames.released_things for o in meant):
        return False
    # people through a count or a container only: "a group OF hostages", "the bodies OF the soldiers"
    heads = direct + [g for o in direct if o.lemma_.lower() in frames.group_quantities | {"body", "remains"}
                      for g in of[o.i]]
    return not heads or any(_someone(o, frames) for o in heads)


def _someone(token: Token, frames: Frames) -> bool:
    """Whether a released object names people: a pronoun, a number, a name (lower-case ones in
    all-caps wire copy included), or a noun of people (released_people, actor_objects)."""
    people = frames.released_people | frames.actor_objects
    return token.pos_ in {"PRON", "NUM", "PROPN"} or token.ent_type_ in {"PERSON", "NORP", "ORG", "GPE", "CARDINAL"} \
        or token.lemma_.lower() in people or token.lower_.removesuffix("s") in people  # "Engineers" read as a name


def _generic(token: Token, trig: Trigger, frames: Frames) -> bool:
    """A material act told in the simple present outside the lead is a habit or a kind of act,
    not an event: "a regime WHICH ASSASSINATES priests", "the people they KIDNAP", "revolutionaries
    always end up killing each other" (only the verb's own tense counts: "who know how TO FIGHT"
    is told by its "how"). A headline or a lede ("Rebels attack army post") keeps its present.
    Verbal acts keep it too: "the minister DEMANDS" reports a statement."""
    if trig.pos == "VERB" and _standing(token, frames):
        return True  # "steadfastly refuses", "has long opposed": a stance, whatever the type
    if trig.pos == "NOUN" and not any(c.dep_ in {"det", "poss", "nummod"} for c in token.children) and any(
            c.dep_ == "amod" and c.lower_ in frames.standing_modifiers for c in token.children) \
            and not any(t.ent_type_ in {"DATE", "TIME"} for t in sentence_of(token)):
        return True  # "under constant attack": a condition, not an incident ("since Monday" dates one)
    if trig.pos == "NOUN" and _kind_of_act(token, frames):
        return True  # "Acts of protest are acts of patriotism", "Strikes are a right": a kind, no event
    if trig.type in frames.verbal or trig.pos != "VERB":
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in frames.generic_persons for c in token.children):
        return True  # "you walk down the street and you get shot": anyone, no one in particular
    if token.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ == "how" for c in token.children):
        return True  # "they know how to fight": an ability
    if token.tag_ == "VBN" and token.lemma_.lower() in frames.stationing_verbs \
            and any(c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in token.children) \
            and not any(c.dep_ == "aux" for c in token.children) \
            and not any(t.ent_type_ in {"DATE", "TIME"} for t in token.subtree):
        return True  # "100,000 soldiers ARE DEPLOYED in 16 missions": where they are, no deployment told
    if token.dep_ not in {"ROOT", "relcl", "conj"}:
        return False  # "demanded that the UN provide guarantees": a clause's content, not a habit
    if token.tag_ not in {"VBZ", "VBP"} or any(c.dep_ in {"aux", "auxpass"} or (c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS)
                                                for c in token.children):
        return False  # "if you shoot it down": a condition, read by the realis gate
    if sentences(token.doc)[1][token.i] == 0:
        return False
    # a date of its own makes a present an event told in the historic present
    return not any(t.ent_type_ in {"DATE", "TIME"} for t in token.subtree)


def _robbers_demand(verb: Token, frames: Frames) -> bool:
    """A demand for loot (``loot``): its own object ("demanded CASH") or what it asks to be handed
    over ("ordered the clerk to hand over the CASH", "to give up his WALLET"); not money put to a
    use ("called on the council to put MONEY into jobs")."""
    acts = [verb] + [k for k in verb.children if k.dep_ in {"xcomp", "ccomp"} and k.lemma_.lower() in frames.handing_verbs]
    things = [c for a in acts for c in a.children if c.dep_ in {"dobj", "obj"}]
    things += [g for a in acts[1:] for p in a.children if p.dep_ in {"prep", "prt"} and p.lower_ in {"over", "up"}
               for g in p.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in frames.loot for t in things)


def _promised_harm(verb: Token, frames: Frames) -> bool:
    """A promise of a hostile act is a threat: its object ("PROMISED a veto"), or the object of the
    light verb it promises ("PLEDGED to IMPOSE further sanctions"); not an agreement to undo one
    ("agreed to LIFT the embargoes", "agreed to POSTPONE the demonstration")."""
    if verb.lemma_.lower() not in frames.promise_words:
        return False
    carriers = [verb] + [x for x in verb.children if x.dep_ == "xcomp" and verb.lemma_ != "agree"
                         and x.lemma_.lower() in frames.light_verbs]
    return any(k.dep_ in {"dobj", "obj"} and _trigger_types(k, "NOUN") & frames.hostile
               for c in carriers for k in c.children)


def _fired_into_the_sea(verb: Token, frames: Frames) -> bool:
    """A launch aimed at no one: its shots go "into the sea" (event_frames.yaml open_waters), and
    it names no target of its own ("at", "on", "against")."""
    preps = [c for c in verb.children if c.dep_ == "prep"]
    if any(p.lower_ in {"at", "on", "against", "toward", "towards"}
           and not any(g.ent_type_ in {"DATE", "TIME"} for g in p.children) for p in preps):
        return False  # (not "on Monday")
    return any(p.lower_ in {"into", "in"} and any(g.dep_ == "pobj" and g.lemma_.lower() in frames.open_waters
                                                  for g in p.children) for p in preps)


def _counted_victims(verb: Token) -> bool:
    """Whether a verb's victims are a count of more than one ("when 28 people were killed"): a
    toll, where "when a lieutenant general was killed" tells one death."""
    victims = [k for k in verb.children if k.dep_ in {"nsubjpass", "dobj", "nsubj"}]
    return any((count_of(n) or 0) > 1 for v in victims for n in [v, *(c for c in v.children if c.dep_ == "nummod")])


def _kind_of_act(noun: Token, frames: Frames) -> bool:
    """An event noun without an article, a number or an owner (or "acts OF it") as the subject of a
    present "is"/"are": a statement about a kind of act ("Protests are a right"), no act told."""
    phrase = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        phrase = noun.head.head  # "ACTS of protest"
    verb = phrase.head
    if not (phrase.dep_ == "nsubj" and verb.lemma_ == "be" and verb.tag_ in {"VBZ", "VBP"}
            and not any(c.dep_ in {"det", "poss", "nummod"} for c in phrase.children)
            and phrase.tag_ in {"NNS", "NN"} and not any(t.ent_type_ in {"DATE", "TIME"} for t in verb.subtree)):
        return False
    said = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
    # "arson is THE cause of the fire", "investigations are ONGOING": this act, not a kind
    return not any(s.lower_ in frames.this_act_predicates or any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"}
                                                for c in s.children) for s in said)


def _standing(verb: Token, frames: Frames) -> bool:
    """A habit or a stance: a present verb with a habitual adverb ("steadfastly refuses") or
    after a present verb of going on ("continue to ambush"), or a present perfect with one or with "long" ("has steadfastly refused", "has long opposed")."""
    kids = list(verb.children)
    adverbs = {k.lower_ for k in kids if k.dep_ == "advmod"}
    if verb.tag_ in {"VBZ", "VBP"} and adverbs & frames.habitual_adverbs:
        return True
    if verb.tag_ == "VBD" and verb.lower_ != verb.lemma_.lower() and adverbs & frames.past_habit_adverbs:
        return True  # "generally supported Democrats during his time at the network" (a past form
        # that is also a present, "routinely beat up", may be the present's habit told as an event)
    if verb.tag_ == "VB" and adverbs & frames.past_habit_adverbs and any(
            k.dep_ == "aux" and k.lower_ in {"would", "'d"} for k in kids):
        return True  # "the professors WOULD SOMETIMES dismiss her proposals": a past habit
    governor = verb.head
    if verb.dep_ == "xcomp" and governor.tag_ in {"VBZ", "VBP"} and governor.lemma_.lower() in frames.habitual_verbs \
            and not any(t.ent_type_ in {"DATE", "TIME"} for t in governor.subtree):
        return True  # "insurgents who CONTINUE to ambush troops": a habit told in the present
    return verb.tag_ == "VBN" and bool(adverbs & (frames.standing_adverbs | frames.habitual_adverbs)) and any(
        k.dep_ == "aux" and k.lemma_ == "have" for k in kids)


def _police_raid(token: Token, frames: Frames) -> bool:
    """A raid the police make ("police raided homes in east London", "a raid by detectives") with
    no one killed or hurt and no weapon fired in its sentence: a search and arrests (ACLED
    Arrests), no attack."""
    if token.lemma_.lower() != "raid":
        return False
    doers = [k for k in token.children if k.dep_ in {"nsubj", "compound"}] + [
        g for k in token.children if k.dep_ == "agent" or (k.dep_ == "prep" and k.lower_ == "by")
        for g in k.children if g.dep_ == "pobj"]
    if token.dep_ == "pobj" and token.head.lower_ == "in":
        doers += [k for k in token.head.head.children if k.dep_ == "nsubj"]  # "arrested in raids"
    if not any(d.lemma_.lower() in frames.raiding_police for d in doers):
        return False
    return not _harm_told(token, frames.firing_words)


def _labour_told(token: Token, frames: Frames) -> bool:
    """Whether the token's sentence names workers, a union, wages (event_frames.yaml labour_words)."""
    return any(t.lemma_.lower() in frames.labour_words for t in sentence_of(token))


def _labour_strike(token: Token, frames: Frames) -> bool:
    if token.lemma_.lower() != "strike":
        return False
    if token.pos_ == "VERB":  # "teachers will STRIKE", "workers struck to protest the cuts": no object hit
        if any(k.dep_ in {"dobj", "obj", "nsubjpass"} or (k.dep_ == "prep" and k.lower_ in {"at", "against", "into"})
               for k in token.children):
            return False
        subjects = [k for k in token.children if k.dep_ == "nsubj"]
        if not subjects:  # "the union called on workers TO STRIKE": the sentence says whose
            return _labour_told(token, frames)
        return any(k.lemma_.lower() in frames.labour_words or k.lower_ in frames.labour_words for k in subjects)
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    mods = {c.lower_ for c in token.lefts}
    if mods & frames.labour_strike_modifiers:  # "a general strike": a protest, not an assault
        return True
    if _labour_told(token, frames):
        return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return prev is not None and prev.lower_ == "on" and prev.head.lemma_ in {"go", "be", "remain", "stay"}


# --- main entry ---------------------------------------------------------------------------------


def extract_events(doc: Doc, article: Article, actors: list[Actor], places: list[Place],
                   times: list[Time], casualties: list[Casualty]) -> list[Event]:
    """Events with their actors, place, date, casualties and status, in text order."""
    lex = lexicon()
    candidates: list[Candidate] = []
    used: set[int] = set()
    # the words of people's full names: "Ban, a diplomat from South Korea" after "Ban Ki-moon"
    name_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent if t.is_title}
    for token in doc:
        if token.i in used:
            continue
        if token.text in name_words and not token.is_sent_start and token.is_title:
            continue
        if token.i > 0 and doc[token.i - 1].text == "-":
            continue  # "Iran-backed", "Saudi-led": a modifier naming a relation, not an event
        if token.ent_type_ in _NAME_ENTITIES or in_dateline(token.doc, token.idx):
            continue  # "March 3", "Strike Force Ltd", the dateline: names and dates are no triggers
        found = _match_trigger(token, lex)
        if found is None or len(found[1]) == 1:
            # a verb and its object say more than the verb: "captured a rebel-held VILLAGE" is
            # ground taken, "captured 23 pirates" an arrest
            found = _object_trigger(token, lex) or found or _assembly_trigger(token, lex.frames)
        if found is None:
            continue
        trig, tokens = found
        if _not_an_event(token, trig, lex) or _generic(token, trig, lex.frames):
            continue
        if trig.pos == "VERB" and len(tokens) == 1 and (_verb_as_modifier(token) or _takes_clause(token, lex.frames)
                                                         or _no_answer(token, lex.frames)):
            continue
        if trig.type == "ASSAULT" and len(tokens) == 1 and not _weapon_use(token, lex.frames):
            continue
        if trig.type == "ASSAULT" and trig.pos == "VERB" and token.lemma_.lower() == "kill" \
                and _killed_by_accident(token):
            continue  # "four people were killed when their bus overturned": no attack
        if trig.type == "ASSAULT" and trig.pos == "VERB" and _unharmed(token, lex.frames):
            continue  # "the officers were not injured": a figure of none for the incident, no event
        if trig.type == "ASSAULT" and trig.pos == "VERB" and any(
                c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in token.children):
            continue  # "a veteran shot HIMSELF": a suicide, no attack (its death stays a figure)
        if trig.pos == "NOUN" and any(f"{c.lower_} {token.lower_}" in lex.frames.not_events
                                      or f"{c.lemma_.lower()} {token.lemma_.lower()}" in lex.frames.not_events
                                      for c in token.lefts if c.dep_ == "compound"):
            continue
        if trig.type == "ASSAULT" and _labour_strike(token, lex.frames):
            trig = Trigger("PROTEST", trig.words, trig.pos, "strike", "143")
        if trig.type == "ASSAULT" and _police_raid(token, lex.frames):
            trig = Trigger("COERCE", trig.words, trig.pos, "arrest", "173")  # a search and arrests
        if trig.type == "ASSAULT" and trig.pos == "VERB" and _fired_into_the_sea(token, lex.frames):
            # "fired three missiles INTO THE SEA": a test or a show of force, no attack on anyone
            trig = Trigger("MOBILIZE", trig.words, trig.pos, None, lex.cameo["MOBILIZE"])
        if trig.type == "AGREE" and trig.pos == "VERB" and _promised_harm(token, lex.frames):
            trig = Trigger("THREATEN", trig.words, trig.pos, None, lex.cameo["THREATEN"])
        used.update(t.i for t in tokens)
        candidates.append(Candidate(trig, tokens))

    candidates = _drop_light_verbs(candidates, lex.frames)
    candidates = _drop_absorbed_conjuncts(candidates, lex.frames)
    candidates += _frame_candidates(doc, candidates, lex)
    candidates = _merge_in_sentence(candidates)
    events: list[Event] = []
    framed: set[str] = set()
    for cand in candidates:
        built = _build_event(cand, doc, article, actors, places, times, lex)
        for event in _split_by_target_count(built, cand, article, places):
            events.append(event)
            if cand.frame is not None:
                framed.add(event.id)
    events = _attach_casualties(events, casualties, doc, article, actors, places, times, lex)
    events = _merge_back_references(events, doc)
    _date_told_after(events, doc, times, lex.frames)
    _date_carried_on(events, doc, times, lex.frames)
    return _rank_in_article(events, doc, framed, lex.frames)


@lru_cache(maxsize=1)
def _scene_types() -> frozenset[str]:
    """data/incidents.yaml's scene_types (read once)."""
    return frozenset(load_yaml("incidents.yaml")["scene_types"])


_TOLD_AFTER_SENTENCES = 2  # how far back an "it happened" sentence reaches for its incident


def _date_told_after(events: list[Event], doc: Doc, times: list[Time], frames: Frames) -> None:
    """A sentence that only says when the incident told before it happened ("IT HAPPENED on
    Thursday night, January 21st", "THE INCIDENT HAPPENED ... on December 27th") dates that incident, when it has no date of its own: the last
    event of a scene type that happened in the sentences just before (incidents.yaml:
    scene_types), a verb of ``occurrence_verbs`` whose subject is "it", "this" or "that"."""
    spans, index = sentences(doc)
    starts = {}
    for event in events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            starts[id(event)] = index[span.root.i]
    for at, sent in enumerate(spans):
        verb = sent.root
        if verb.lemma_.lower() not in frames.occurrence_verbs or not any(
                k.dep_ == "nsubj" and (k.lower_ in {"it", "this", "that"} or (
                    k.lemma_.lower() in frames.incident_nouns and any(d.lower_ in {"the", "this"} for d in k.children)))
                for k in verb.children):
            continue
        if any(starts.get(id(e)) == at for e in events):
            continue  # the sentence tells an event of its own
        before = [e for e in events if e.type in _scene_types() and e.status == "asserted"
                  and starts.get(id(e)) is not None and 0 < at - starts[id(e)] <= _TOLD_AFTER_SENTENCES]
        if not before:
            continue
        incident = max(before, key=lambda e: e.trigger.start)
        if incident.date is None:
            incident.date = _date(verb, spans[at], times)[0]


def _date_carried_on(events: list[Event], doc: Doc, times: list[Time], frames: Frames) -> None:
    """An event with no date in a sentence that goes on with the scene before it ("After a while,
    the device detonated", event_frames.yaml: continuation_openers) takes the date the sentence
    before gives, when it gives one."""
    spans, index = sentences(doc)
    for event in events:
        if event.date is not None or event.status != "asserted":
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span) or index[span.root.i] == 0:
            continue
        at = index[span.root.i]
        words = " ".join(t.lower_ for t in spans[at][:4] if not t.is_punct and not t.is_space)
        before = spans[at - 1]
        if not any(words == cue or words.startswith(cue + " ") for cue in frames.continuation_openers) \
                and not _same_doer_goes_on(spans[at], before, doc):
            continue
        carried = _date(before.root, before, times)[0]
        if carried is not None and not _attributive(doc, carried):
            event.date = carried


def _attributive(doc: Doc, date: EventDate) -> bool:
    """A date that only qualifies a noun ("profiting off the 2008 housing collapse"): it dates the
    thing named, not what the sentence tells, nor what the next sentence goes on with."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in {"compound", "nummod", "amod", "nmod"} \
        and span.root.head.pos_ in {"NOUN", "PROPN"} and span.root.head.i > span.end - 1


def _same_doer_goes_on(sent, before, doc: Doc) -> bool:
    """A sentence that goes on with what the sentence before it told its subject doing, in one
    paragraph: its main verb's subject is "he", "she" or "they", or the verb is done "also" ("Trump
    spoke in Herndon on Monday. HE ALSO vowed to ..."), in the simple past, not "had" done."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"} or root.tag_ != "VBD" or "\n\n" in text_of(doc)[before.root.idx:root.idx]:
        return False
    if any(k.dep_ == "aux" and k.lemma_ == "have" for k in root.children):
        return False  # "he HAD fought in Vietnam": told from before
    subject = next((k for k in root.children if k.dep_ in {"nsubj", "nsubjpass"}), None)
    also = any(k.dep_ == "advmod" and k.lower_ == "also" for k in root.children)
    return subject is not None and (subject.lower_ in {"he", "she", "they"} or also)


# An article's main event is the one it keeps coming back to, the one with victims, the one its
# lead reports: a speech act or a promise in paragraph six of a bombing story is not what the
# story is about. Applied to articles of at least this many sentences (a lone sentence has no lead).
_ARTICLE_MIN_SENTENCES = 3
_LEAD_SENTENCES = 2


def _rank_in_article(events: list[Event], doc: Doc, framed: set[str], frames: Frames) -> list[Event]:
    """Adjust the confidence of events by what the article is about (see above): more mentions,
    victims, the lead, a material act that happened (a verbal reaction, a promise or a demand is
    seldom the news itself), and the other reports of the same kind of event."""
    spans, index = sentences(doc)
    if len(spans) < _ARTICLE_MIN_SENTENCES:
        return events
    asserted_by_type: dict[str, int] = {}
    for ev in events:
        if ev.status == "asserted":
            asserted_by_type[ev.type] = asserted_by_type.get(ev.type, 0) + 1
    for ev in events:
        token = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        lead = token is not None and index[token.start] < _LEAD_SENTENCES
        material = ev.type not in frames.verbal and ev.status == "asserted"
        others = asserted_by_type.get(ev.type, 0) - (ev.status == "asserted")
        bonus = min(0.12, 0.04 * (len(ev.evidence) - 1)) + 0.08 * bool(ev.casualties) + 0.06 * lead \
            + 0.15 * material + min(0.1, 0.02 * others) - 0.08 * (ev.id in framed)
        # scaled so that sentence and article evidence add up below 1 (no ties at the ceiling)
        ev.confidence = round(min(max(0.6 * ev.confidence + 0.7 * bonus, 0.05), 0.99), 3)
    return events


def _merge_in_sentence(cands: list[Candidate]) -> list[Candidate]:
    """One happening told twice in a sentence ("a drone attack killed three soldiers"; "troops
    opened fire, killing two") is one event: a same-type trigger linked to another by the parse."""
    out: list[Candidate] = []
    # Kept candidates by (type, sentence), each with its head: a run-on sentence of hundreds of
    # clauses compares only candidates that can merge, without recomputing heads and sentences.
    kept: dict[tuple[str, int], list[list]] = {}
    sequence = lexicon().frames.sequence_words
    for cand in cands:
        b = cand.head
        group = kept.setdefault((cand.trigger.type, sentence_of(b).start), [])
        merged = False
        for entry in group:
            prev, a = entry
            if cand.trigger.type != "ASSAULT" and _in_sequence(a, b, sequence):
                continue  # "arrested AFTER the robbery": one act after another (but "died AFTER he
                # was shot" is one attack and its toll)
            if b.head == a or a.head == b or (a.head == b.head and a.head.pos_ == "VERB") or (b.head.head == a and b.head.pos_ == "ADP") or (
                a.head.head == b and a.head.pos_ == "ADP") or (b.dep_ == "advcl" and b.head == a) or \
                    _called(a, b) or any(_told_in_its_phrase(x, b) or _told_in_its_phrase(b, x)
                                         for x in [a, *prev.extra]):
                primary_is_prev = prev.trigger.pos == "NOUN" or cand.trigger.pos != "NOUN"
                if not primary_is_prev:
                    prev.trigger, cand.trigger = cand.trigger, prev.trigger
                    prev.tokens, cand.tokens = cand.tokens, prev.tokens
                    entry[1] = prev.head
                prev.extra.append(cand.head)
                merged = True
                break
        if not merged:
            out.append(cand)
            group.append([cand, b])
    return out


def _in_sequence(a: Token, b: Token, sequence: frozenset[str]) -> bool:
    """Whether one trigger hangs on the other through a word of ``sequence`` (event_frames.yaml
    sequence_words): "arrested AFTER a carjacking", "AFTER gunmen attacked, troops ..."."""
    for x, y in ((a, b), (b, a)):
        link = x.head if x.dep_ == "pobj" else next((k for k in x.children if k.dep_ in {"mark", "prep"}), None)
        if link is not None and link.lower_ in sequence and (link.head == y or x.head == y or link.head.head == y):
            return True
    return False


def _told_in_its_phrase(noun: Token, verb: Token) -> bool:
    """A relative clause inside an event noun's phrase tells that event: "an attack at the
    Rolando cafe WHICH KILLED 13 people" (the parse hangs the clause on the cafe)."""
    return noun.pos_ == "NOUN" and verb.dep_ == "relcl" and verb.head.i != noun.i and \
        noun.left_edge.i <= verb.head.i <= noun.right_edge.i and \
        any(k.dep_ == "nsubj" and k.lower_ in {"which", "that"} for k in verb.children)


def _called(a: Token, b: Token) -> bool:
    """One event named twice by a copula: "the Rolando bombing WAS an attack ..."."""
    return a.head.i == b.head.i and a.head.lemma_ == "be" and {a.dep_, b.dep_} == {"nsubj", "attr"}


def _verb_as_modifier(token: Token) -> bool:
    """A verb-tagged word modifying a noun is no event: "weapons of MASS destruction", "MASS
    demonstrations". Participles stay triggers ("wounded soldiers", "34 injured")."""
    return token.dep_ in {"amod", "compound", "nmod"} and token.tag_ not in {"VBN", "VBG", "VBD"} \
        and token.head.pos_ in {"NOUN", "PROPN"}


def _takes_clause(token: Token, frames: Frames) -> bool:
    """A verb of ``not_with_clause`` governing a clause ("recalled that ...", "recalled thinking")
    names no event."""
    return token.lemma_.lower() in frames.not_with_clause and (
        any(c.dep_ in {"ccomp", "parataxis"} or (c.dep_ in {"xcomp", "dobj"} and c.tag_ == "VBG") for c in token.children)
        or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "that"))


def _no_answer(token: Token, frames: Frames) -> bool:
    """"refused to comment", "declined to say": no answer is no rejection (``unrefused_acts``)."""
    return token.lemma_.lower() in frames.refusal_verbs and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in frames.unrefused_acts for c in token.children)


def _weapon_use(token: Token, frames: Frames) -> bool:
    """"launch" and "fire" are attacks with a weapon or an attack as object ("launched rockets",
    "fired mortars"), or none ("police fired on the crowd"): not "launched a mediation effort"."""
    if token.lemma_.lower() not in frames.weapon_verbs or token.pos_ not in {"VERB", "AUX"}:
        return True
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    passive = [c for c in token.children if c.dep_ == "nsubjpass"]
    if passive and not objects:
        # "shots were fired" is an attack; "the suspect had been FIRED last week by the company" is
        # a dismissal (but "was fired ON", "fired upon" is shot at)
        shot_at = any(c.dep_ == "prep" and c.lower_ in {"on", "upon", "at"} for c in token.children)
        objects = [] if shot_at else passive
    if not objects:
        return True
    words = {w.lemma_.lower() for o in objects for w in o.subtree}
    return bool(words & frames.weapon_objects)


def _drop_light_verbs(cands: list[Candidate], frames: Frames) -> list[Candidate]:
    """A light verb whose object is itself a trigger carries that event and opens none of its
    own: "imposed sanctions" is SANCTION, "launched an investigation" is ACCUSE, not COERCE or
    ASSAULT."""
    heads = {c.head.i for c in cands if c.trigger.pos == "NOUN"}
    out = []
    for cand in cands:
        verb = cand.head
        if cand.trigger.pos == "VERB" and len(cand.tokens) == 1 and verb.lemma_.lower() in frames.light_verbs:
            objects = [o for c in verb.children if c.dep_ in {"dobj", "obj"} for o in _conjuncts(c)]
            if any(o.i in heads for o in objects):
                continue
        out.append(cand)
    return out


def _drop_absorbed_conjuncts(cands: list[Candidate], frames: Frames) -> list[Candidate]:
    """"The prosecutor REJECTED AND CONDEMNED the leak": two verbs joined over one object tell one
    act, the one ``absorbed_conjuncts`` keeps."""
    verbs = {c.head.i: c.trigger.type.lower() for c in cands if c.trigger.pos == "VERB"}
    out = []
    for cand in cands:
        head = cand.head
        if cand.trigger.pos == "VERB" and not any(k.dep_ in {"dobj", "obj"} for k in head.children):
            joined = [k for k in head.children if k.dep_ == "conj"] + ([head.head] if head.dep_ == "conj" else [])
            if any(f"{cand.trigger.type.lower()} {verbs[j.i]}" in frames.absorbed_conjuncts
                   for j in joined if j.i in verbs):
                continue
        out.append(cand)
    return out


def _infinitive_complement(verb: Token) -> bool:
    """Whether a verb is the "to ..." complement of the word above it ("offered TO HAND over",
    "sworn TO FIGHT"); the small model labels some of these advcl instead of xcomp."""
    if verb.head.i == verb.i:
        return False
    return verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and any(
        k.dep_ == "aux" and k.lower_ == "to" for k in verb.children))


def _opens_condition(token: Token) -> bool:
    """Whether a word opens an "if" or "unless" clause (its marker is among its children)."""
    return any(k.dep_ == "mark" and k.lower_ in {"if", "unless"} for k in token.children)


def _conditional(token: Token) -> bool:
    """Whether the token sits in an "if"/"unless" clause."""
    cur, steps = token, 0
    while steps < 6:
        if _opens_condition(cur):
            return True
        if cur.head.i == cur.i:
            return False
        cur, steps = cur.head, steps + 1
    return False


def _on_condition(verb: Token) -> bool:
    """Whether a verb's own clause is the consequence of an "if"/"unless" clause it governs."""
    return any(k.dep_ == "advcl" and _opens_condition(k) for k in verb.children)


def _frame_candidates(doc: Doc, cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Promises, threats, demands and refusals that a frame around a verb states (see
    ``data/event_frames.yaml``): "Portugal WILL support Turkey" (AGREE), "Iran threatened..." is
    already a trigger, "the rebels are READY TO return weapons" (AGREE), "would blockade Paris"
    (THREATEN), "Libya MUST hand over the suspects" (REQUEST), "DECLINED TO resign", "will NOT
    accept refugees" (REJECT). The governed event keeps its own type and a non-asserted status."""
    frames = lex.frames
    by_head = {c.head.i: c for c in cands}
    trigger_tokens = {t.i for c in cands for t in c.tokens}
    out: list[Candidate] = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ == "aux" or verb.i in {t.i for c in out for t in c.tokens}:
            continue
        inner = by_head.get(verb.i)
        if inner is None:
            # "imposed sanctions": the verb's object carries the event
            inner = next((by_head[o.i] for o in verb.children if o.dep_ in {"dobj", "obj"} and o.i in by_head), None)
        if _no_chance(verb, frames):
            continue  # "no chance she WILL withdraw": no one's promise
        label = pejorative_label(verb) if verb.i not in trigger_tokens else None
        if label is not None and not _page_furniture(verb, frames):
            trig = Trigger("ACCUSE", (verb.lemma_.lower(),), "VERB", "disapprove", _LABEL_CAMEO)
            out.append(Candidate(trig, [verb], frame="labeling", verb=verb))
            continue
        aux = [k for k in verb.children if k.dep_ in {"aux", "auxpass"}]
        negated = any(k.dep_ == "neg" for k in verb.children)
        marker: Token | None = None
        frame = event_type = None
        must = next((k for k in aux if k.lower_ in frames.obligation), None)
        will = next((k for k in aux if k.lower_ in frames.future), None)
        if will is None and verb.dep_ in {"ccomp", "conj"} and verb.head.lemma_.lower() in frames.report_verbs:
            will = next((k for k in aux if k.lower_ in frames.reported_future), None)
        governor = verb.head if _infinitive_complement(verb) else None
        if governor is not None and _standing(governor, frames):
            continue  # "steadfastly refuses to release": a stance, no refusal told
        if governor is not None and _promising_now(governor, frames):
            continue  # "Clinton IS PROMISING to help mining communities": a campaign's standing message
        if must is not None and not negated and not any(
                k.dep_ == "nsubj" and k.lower_ in frames.self_obligation_subjects for k in verb.children):
            marker, frame, event_type = must, "obligation", "REQUEST"
        elif governor is not None and governor.lemma_.lower() in frames.negative and governor.i not in trigger_tokens:
            if governor.lemma_.lower() in frames.evasion_verbs:
                continue  # "avoids condemning": the condemnation did not happen, nothing was refused
            if (governor.lemma_.lower() not in frames.refusal_verbs and inner is None) \
                    or verb.lemma_.lower() in frames.unrefused_acts:
                continue  # "failed to break the ice" (but "failed to reach agreement"), "declined to comment"
            marker, frame, event_type = governor, "refusal", "REJECT"
        elif governor is not None and governor.lemma_.lower() in frames.intent and governor.i not in trigger_tokens \
                and (inner is not None or governor.lemma_.lower() in frames.promise_words) \
                and not any(k.dep_ in {"dobj", "obj"} for k in governor.children):  # "committed fraud to open"
            marker, frame = governor, "intent"
            gov_negated = any(k.dep_ == "neg" for k in governor.children) or any(
                k.dep_ == "neg" for k in governor.head.children if governor.dep_ == "acomp")
            if negated or gov_negated:
                frame, event_type = "refusal", "REJECT"
            elif inner is not None and inner.trigger.type in frames.unpromised_acts \
                    and governor.lemma_.lower() not in frames.promise_words:
                continue  # "plans to call on voters": the call to come is told, no one agreed to it
            elif inner is not None:
                event_type = "THREATEN" if inner.trigger.type in frames.hostile else "AGREE"
            elif _promised_party(verb, frames):
                event_type = "AGREE"
        elif will is not None and inner is not None and _reported(verb, frames):
            if inner.trigger.type in frames.legal_steps and any(k.dep_ == "auxpass" for k in verb.children) \
                    and not _ultimatum(verb):
                continue  # "the driver WILL BE CHARGED, police said": a legal step to come, no threat
            if inner.trigger.type in frames.unpromised_future_acts and not negated:
                continue  # "the mayor will host a meeting": the meeting to come is the record
            marker, frame = will, "intent"
            if negated:
                frame, event_type = "refusal", "REJECT"
            else:
                event_type = "THREATEN" if inner.trigger.type in frames.hostile else "AGREE"
        if marker is None or event_type is None or _conditional(verb):
            continue
        if frame == "intent" and _ultimatum(verb):
            event_type = "THREATEN"  # "will withdraw its troops UNLESS ...": an ultimatum
        if inner is not None and inner.trigger.type == event_type:
            continue  # "will agree", "refused to reject": the event says it already
        lo, hi = min(marker.i, verb.i), max(marker.i, verb.i)
        tokens = list(doc[lo:hi + 1]) if hi - lo <= 5 else [marker]
        trig = Trigger(event_type, (), "VERB", None, lex.cameo[event_type])
        if _page_furniture(verb, frames):
            continue  # "Editor's note: ... who has repeatedly PLEDGED to ban ...": the site's note
        out.append(Candidate(trig, tokens, frame=frame, verb=verb))
    return out


_LABEL_CAMEO = "111"  # CAMEO 111: criticize or denounce


def _promised_party(verb: Token, frames: Frames) -> bool:
    """Whether a promise over a verb that is no event is made to someone: the promised act names
    a party ("offered to help UKRAINE", "pledged to back the OPPOSITION"). "vowed to bring back
    lost mining jobs", "promised to review the strategy" name none: a stance or a campaign
    pledge, no act between parties."""
    return any(_actor_like(t, frames) for t in verb.subtree
               if t.i != verb.i and (t.dep_ in {"dobj", "obj", "dative", "conj", "appos", "nsubjpass"} or (
                   t.dep_ == "pobj" and t.head.lower_ in {"with", "to", "for", "between", "against", "on"})))


def _reported(verb: Token, frames: Frames) -> bool:
    """Whether a future act is someone's announcement: its sentence reports what someone said
    ("Portugal will support Turkey, the president said"), or its doer is an actor (event_frames.yaml
    actor_objects, named bodies); "perhaps the moderators will demand more details" is a guess
    about the future, not a promise."""
    if any(t.lemma_.lower() in frames.report_verbs for t in sentence_of(verb)):
        return True
    # or a body or party says it by acting ("the rebels will release the hostages if ...")
    return any(_actor_like(s, frames) for k in verb.children if k.dep_ == "nsubj" for s in _conjuncts(k))


def _depth(head: Token, frames: Frames) -> int:
    """How deeply an event word is embedded below its sentence's main predication: 0 for the
    main verb (or the verb of what a reporting verb reports: "X said [troops attacked]") and its
    subject or object nouns; one more for each clause ("to demand", "which ...") or noun
    ("the execution OF ...") it sits under. The main event of a sentence is the least embedded."""
    depth, cur, steps = 0, head, 0
    while cur.head.i != cur.i and steps < 12:
        steps += 1
        parent = cur.head
        if cur.dep_ in _CLAUSE_DEPS:
            if not (cur.dep_ in {"ccomp", "parataxis"} and parent.lemma_.lower() in frames.report_verbs):
                depth += 1
        elif cur.dep_ == "pobj" and parent.head.pos_ in {"NOUN", "PROPN"}:
            depth += 1
        elif cur.dep_ in {"compound", "amod", "nmod", "poss", "appos"}:
            depth += 1
        cur = parent
    return depth


_CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "csubjpass", "parataxis"}


def _span_of(tokens: list[Token]) -> Span:
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(text=text_of(doc)[start:end], start=start, end=end)


def _build_event(cand: Candidate, doc: Doc, article: Article, actors: list[Actor], places: list[Place],
                 times: list[Time], lex: Lexicon) -> Event:
    trig = cand.trigger
    heads = [cand.head, *cand.extra] if cand.verb is None else [cand.verb, *cand.extra]
    roles = event_roles(heads, cand.frame, cand.verb, actors, lex.frames)
    sources, targets = roles.sources, roles.targets
    if trig.type in lex.frames.symmetric and len(sources) > 1 and not targets:
        sources, targets = sources[:1], sources[1:]  # actor 1 and actor 2 of a joint act
    mode = _adverb_mode(cand.head, trig.type, lex) or trig.mode or _context_mode(cand.head, trig.type, lex)
    # A frame event is the act of promising, demanding or refusing: it happened, whatever
    # becomes of the act it governs - unless it is only made on a condition ("IF they ratify the
    # offer, I would accept it": no promise yet).
    status = ("hypothetical" if _on_condition(cand.head) else "asserted") if cand.frame is not None \
        else _status(cand.head, lex.frames)
    sent = sentence_of(cand.head)
    location = event_location(cand.head, sent, places, actors, article)
    if location is not None and trig.type in lex.frames.verbal and _addressed_country(location, doc):
        location = None  # "urges retaliation ON RUSSIA", "talks WITH Russia": whom, not where
    date, dated_sentence = _date(cand.head, sent, times)
    trigger_span = _span_of(cand.tokens)
    evidence = [trigger_span] + [_span_of([h]) for h in cand.extra]
    instruments, physical = _incident_arguments(heads) if trig.type == "ASSAULT" and cand.frame is None else ([], [])
    contexts = _contexts(sent, lex)
    depth = min(_depth(h, lex.frames) for h in [cand.head, *cand.extra])
    # Calibrated so that the main event of a sentence wins (plover-gsr and petrarch2 score the
    # most confident event): the least embedded predication first, then what is asserted over what
    # may, will or did not happen, then how completely the parse filled its roles.
    confidence = 0.4 + {0: 0.3, 1: 0.1}.get(depth, 0.0) + 0.1 * bool(sources) + \
        0.05 * bool(targets) + 0.03 * bool(location) + 0.02 * dated_sentence + \
        0.05 * (trig.pos == "VERB") + 0.02 * (cand.frame is not None) - 0.2 * (status != "asserted")
    cameo = _cameo(trig, mode)
    return Event(
        id=event_id_for(article.id, trig.type, trigger_span.start, trigger_span.end),
        type=trig.type, mode=mode, contexts=contexts, cameo=cameo,
        acled=_acled(trig.type, mode, targets, lex, trigger_span.text, sources, physical, cameo), status=status,
        trigger=trigger_span,
        evidence=evidence, source_actors=sources, target_actors=targets, location=location,
        date=date, confidence=round(min(max(confidence, 0.05), 0.95), 2),
        instruments=unique_spans(instruments + roles.instruments),
        physical_targets=unique_spans(physical + roles.physical_targets),
    )


@dataclass(frozen=True)
class IncidentArguments:
    """``data/incident_arguments.yaml``: head nouns of weapons and of things hit."""

    weapons: frozenset[str]
    target_nouns: frozenset[str]


@lru_cache(maxsize=1)
def incident_arguments() -> IncidentArguments:
    raw = load_yaml("incident_arguments.yaml")
    return IncidentArguments(frozenset(str(w).lower() for w in raw["weapons"]),
                             frozenset(str(w).lower() for w in raw["target_nouns"]))


_WEAPON_DEPS = {"nsubj", "nsubjpass", "dobj", "attr"}
_THING_DEPS = {"dobj", "nsubjpass"}


def _incident_arguments(heads: list[Token]) -> tuple[list[Span], list[Span]]:
    """The weapons and the things hit an attack's own clauses name (see the data file): its
    subject or object ("a BOMB exploded", "fired ROCKETS"), a "with"/"using" phrase, a modifier of
    the attack noun ("a CAR BOMB attack"); the object of the attack or of its "on"/"against"/"at"
    for the thing hit ("bombed THE BANK", "an attack on A POWER STATION")."""
    lex = incident_arguments()
    weapons: list[Token] = []
    things: list[Token] = []
    for head in heads:
        noun = head.pos_ in {"NOUN", "PROPN"}
        for child in head.children:
            objects = _conjuncts(child)
            if child.dep_ in _WEAPON_DEPS or (noun and child.dep_ in {"compound", "amod"}):
                weapons += [o for o in objects if _lemma_in(o, lex.weapons)]
            if child.dep_ in _THING_DEPS or (child.dep_ == "nsubj" and noun):
                things += [o for o in objects if _lemma_in(o, lex.target_nouns) and o.ent_type_ != "PERSON"]
            if child.dep_ == "prep" and child.lower_ in {"with", "using", "by"}:
                weapons += [o for p in child.children if p.dep_ == "pobj" for o in _conjuncts(p)
                            if _lemma_in(o, lex.weapons)]
            if child.dep_ == "prep" and child.lower_ in {"on", "against", "at", "in"}:
                things += [o for p in child.children if p.dep_ == "pobj" for o in _conjuncts(p)
                           if _lemma_in(o, lex.target_nouns) and (child.lower_ != "in" or o.lower_ != o.lemma_)]
            if child.dep_ in {"acl", "advcl"} and child.lemma_.lower() in {"use", "wield", "carry"}:
                weapons += [o for c in child.children if c.dep_ == "dobj" for o in _conjuncts(c)
                            if _lemma_in(o, lex.weapons)]
    things = [t for t in things if t not in weapons]
    return _phrases(weapons), _phrases(things)


def _lemma_in(token: Token, words: frozenset[str]) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and (token.lemma_.lower() in words or token.lower_ in words)


def _phrases(tokens: list[Token]) -> list[Span]:
    """Each head noun with its left modifiers, without a leading article or possessive."""
    out: list[Span] = []
    seen: set[int] = set()
    for token in tokens:
        if token.i in seen:
            continue
        seen.add(token.i)
        words = [t for t in token.lefts if t.i >= sentence_of(token).start]
        start = min([t.left_edge.i for t in words] + [token.i])
        doc = token.doc
        while start < token.i and (doc[start].dep_ in {"det", "poss", "predet", "punct", "case"}
                                   or doc[start].tag_ in {"DT", "PRP$", "POS"}):
            start += 1
        out.append(_span_of(list(doc[start:token.i + 1])))
    return out


_MAX_SPLIT = 20  # "attacks on 300 homes" is one campaign, not 300 events


def _split_by_target_count(event: Event, cand: Candidate, article: Article, places: list[Place]) -> list[Event]:
    """"Drone attacks on four bases, three in Syria and one in Jordan" are four attacks: a plural
    nominal trigger whose target is counted becomes that many events, sharing the trigger, each
    placed where the breakdown says ("three in Syria" -> three of them there)."""
    head = cand.head
    if cand.trigger.pos != "NOUN" or head.tag_ not in {"NNS", "NNPS"} or event.type != "ASSAULT":
        return [event]  # ("sanctions on six officers" are one measure: only attacks are counted so)
    target = next((p for c in head.children if c.dep_ == "prep" and c.lower_ in {"on", "against", "at"}
                   for p in c.children if p.dep_ == "pobj"), None)
    if target is None:
        return [event]
    number = next((c for c in target.children if c.dep_ == "nummod"), None)
    total = count_of(number) if number is not None else None
    if total is None or not 2 <= total <= _MAX_SPLIT:
        return [event]
    locations: list[Place | None] = []
    for part in _breakdown(head, target):
        count, where = part
        place = next((p for p in places if where is not None and p.start <= where.idx < p.end), None)
        locations += [place] * count
    if len(locations) != total:
        locations = [event.location] * total  # no breakdown, or one that does not add up
    out = []
    for k, place in enumerate(locations):
        key_type = event.type if k == 0 else f"{event.type}#{k}"
        out.append(event.model_copy(deep=True, update={
            "id": event_id_for(article.id, key_type, event.trigger.start, event.trigger.end),
            "location": place or event.location,
        }))
    return out


def _breakdown(head: Token, target: Token) -> list[tuple[int, Token | None]]:
    """("three", "in Syria"), ("one", "in Jordan") after a counted target: numbers in apposition to
    the trigger or the target, each with the place after its "in"."""
    parts = []
    for anchor in (head, target):
        for child in anchor.children:
            if child.dep_ != "appos":
                continue
            for number in [child, *child.conjuncts]:
                count = count_of(number)
                where = next((p for c in number.children if c.dep_ == "prep" and c.lower_ in {"in", "near", "at"}
                              for p in c.children if p.dep_ == "pobj"), None)
                if count is not None:
                    parts.append((count, where))
    return parts


def _adverb_mode(head: Token, event_type: str, lex: Lexicon) -> str | None:
    """A mode the trigger's own adverb names ("SEXUALLY abused"): it says more than the trigger's
    own mode ("abuse" is a beating)."""
    adverbs = {c.lower_ for c in head.children if c.dep_ == "advmod"}
    return next((mode for mode, words in lex.modes.get(event_type, ()) if adverbs & set(words)), None)


def _context_mode(head: Token, event_type: str, lex: Lexicon) -> str | None:
    """A mode word within eight tokens of the trigger, in its sentence ("a DRONE attack")."""
    modes = lex.modes.get(event_type)
    if not modes:
        return None
    sent = sentence_of(head)
    start = max(sent.start, head.i - 8)
    window = head.doc[start : min(sent.end, head.i + 9)]
    lemmas = [t.lemma_.lower() for t in window]
    near = set(lemmas) | {t.lower_ for t in window}
    # phrases first, one word further back ("a SUICIDE BOMBER blew himself up": no aerial "bomber")
    wide = [t.lemma_.lower() for t in head.doc[max(sent.start, start - 1) : window.end]]
    phrases = {f"{a} {b}" for a, b in zip(wide, wide[1:])}
    for mode, words in modes:
        if any(w in phrases for w in words if " " in w):
            return mode
    for mode, words in modes:
        if any(w in near for w in words):
            return mode
    return None


def _status(head: Token, frames: Frames) -> str:
    """asserted, negated, hypothetical or future, from the trigger and the verbs above it.

    Negation and modality cover the clause they govern. A verb's status is its clause's. A noun
    takes the status of the verb above it only when that verb tells whether the event happened
    ("did not CARRY OUT the attack", "an attack WILL TAKE PLACE", "FOILED a bombing", "PLANNED an
    attack"); otherwise the noun names an event told elsewhere and the verb's negation or tense
    is about something else ("did not reiterate its responsibility for the attack", "the attack
    will have grave consequences")."""
    if head.pos_ in {"NOUN", "PROPN"}:
        return _noun_status(head, frames)
    return _clause_status(head, frames)


_ENUMERATOR = re.compile(r"\s*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]?\s*")


def _under_condition(noun: Token) -> bool:
    """Whether an event noun lies in a clause opened by "if" or "unless": up to six heads up, through
    complement and adverbial clauses only (``_conditional`` climbs through any head)."""
    cur = noun
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"} and _opens_condition(cur):
            return True
        if cur.dep_ in {"ROOT", "relcl"} or (cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in
                                              {"xcomp", "ccomp", "advcl", "pcomp", "conj", "acl"}):
            return False
    return False


def _numbered_point(noun: Token) -> bool:
    """Whether an event noun is told in a numbered point with no verb of its own ("2. Release of all
    political prisoners.", "b) Lifting of the state of siege"): a list of demands, conditions or
    proposals, not a report. The point's number opens its line (the parser may make it a sentence
    of its own)."""
    sent = sentence_of(noun)
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBN", "VBG"} for t in sent):
        return False
    text = text_of(noun.doc)
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    before = text[line_start:sent.start_char]
    if before.strip():
        return bool(_ENUMERATOR.fullmatch(before)) and any(c in before for c in ".)")
    words = sent.text.split(None, 1)
    return bool(words) and words[0][-1:] in {".", ")"} and bool(_ENUMERATOR.fullmatch(words[0])) and len(words[0]) <= 5


def _noun_status(noun: Token, frames: Frames) -> str:
    kids = list(noun.children)
    if any(k.dep_ == "neg" or (k.dep_ == "det" and k.lower_ == "no") for k in kids):
        return "negated"
    if any(k.dep_ in {"amod", "compound"} and k.lemma_.lower() in frames.unreal_modifiers for k in kids):
        return "hypothetical"  # "a potential attack", "a planned bombing"
    if any(k.dep_ in {"amod", "compound"} and k.lower_ in frames.attempt_modifiers for k in kids) \
            and "ASSAULT" not in _trigger_types(noun):
        return "hypothetical"  # "an ATTEMPTED robbery" was not carried out ("an attempted
        # assassination" is an attack, as "tried to assassinate": attempt_verbs)
    if _numbered_point(noun):
        return "hypothetical"  # "2. Release of all political prisoners.": a point of a programme
    if any(k.dep_ == "amod" and k.lower_ in frames.allegation_words for k in kids):
        return "claimed"  # "the ALLEGED assault": someone says it happened
    cur = noun
    while cur.dep_ in {"conj", "appos", "compound"} and cur.head.i != cur.i:
        cur = cur.head  # "bombings and attacks", "the car bomb attack"
    governor = cur.head
    if cur.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.lemma_.lower() in frames.plan_nouns:
        return "hypothetical"  # "the threat of an attack", "plans for a bombing"
    if cur.dep_ == "pobj" and governor.lower_ in {"of", "about", "against"} and governor.head.pos_ in {"VERB", "AUX"} \
            and governor.head.lemma_.lower() in frames.hypothetical_embedders:
        return "hypothetical"  # "being WARNED OF a mass deportation", "feared for an attack"
    while cur.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in \
            frames.span_nouns | frames.group_quantities and governor.head.dep_ == "pobj":
        cur, governor = governor.head, governor.head.head  # "called for three days OF protests"
    if cur.dep_ == "pobj" and governor.dep_ == "prep" and (
            (governor.lower_ == "for" and governor.head.lemma_.lower() in frames.call_for_verbs)
            or (governor.lower_ == "on" and governor.head.lemma_.lower() in frames.prohibition_nouns)):
        return "hypothetical"  # "called for three days of protests", "a ban on protests"
    if _under_condition(noun):
        return "hypothetical"  # "IF the president's veto WERE overridden", "only IF the state were
        # found to have backed the bombing"
    if cur.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.pos_ == "VERB" \
            and governor.head.lemma_.lower() in frames.light_verbs | frames.placing_verbs:
        return _clause_status(governor.head, frames)  # "in an attempt to TAKE him into custody"
    if cur.i == governor.i or cur.dep_ not in {"dobj", "nsubj", "nsubjpass", "attr", "xcomp"} \
            or governor.pos_ not in {"VERB", "AUX"}:
        return "asserted"
    if cur.dep_ == "dobj" and governor.lemma_.lower() in frames.promise_words | {"threaten"}:
        return "future"  # "the administration has PROMISED a veto": not yet
    lemma = governor.lemma_.lower()
    if lemma in frames.prevention_verbs:
        return "negated"  # "police foiled a bombing": it did not happen
    if (lemma in frames.hypothetical_embedders or lemma in frames.plan_nouns) \
            and not any(k.dep_ == "prt" for k in governor.children):  # "SETTING OFF an explosion": done
        return "hypothetical"  # "they planned an attack", "feared a new attack"
    if lemma == "be" and cur.dep_ == "nsubj" and any(k.dep_ in {"acomp", "attr"} for k in governor.children) \
            and not any(k.dep_ == "aux" for k in governor.children) \
            and any(k.dep_ == "poss" or (k.dep_ == "det" and k.lower_ in {"the", "this", "that"}) for k in cur.children):
        return "asserted"  # "whether THE SHOOTING was accidental": what is asked is how, not whether
    if lemma in frames.light_verbs or lemma in frames.occurrence_verbs or lemma in frames.realizing_verbs:
        return _clause_status(governor, frames)  # "is expected to SIGN the agreement": not yet
    return "asserted"


def _abstained(verb: Token, frames: Frames) -> bool:
    """A gerund after a verb of holding back or of keeping someone back: "refrained from",
    "stopped short of", "shied away from", "prevented them from"."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in {"from", "of"}:
        return False
    holder = prep.head
    phrase = holder.lemma_.lower()
    if holder.dep_ in {"advmod", "acomp", "prt"} and holder.head.i != holder.i:
        phrase = f"{holder.head.lemma_.lower()} {phrase}"  # "stopped SHORT of", "steered CLEAR of"
    elif any(k.dep_ in {"advmod", "prt"} for k in holder.children):
        phrase = " ".join([phrase, *(k.lower_ for k in holder.children if k.dep_ in {"advmod", "prt"})])
    if prep.lower_ == "from" and holder.lemma_.lower() in frames.prevention_verbs:
        # "police STOPPED the men FROM attacking"; but protesters kept from marching were out,
        # and were stopped (ACLED: a protest with intervention)
        return "PROTEST" not in _trigger_types(verb)
    return phrase in frames.abstention_verbs or holder.lemma_.lower() in frames.abstention_verbs


def _clause_status(head: Token, frames: Frames) -> str:
    if _no_chance(head, frames):
        return "negated"  # "there is no chance Clinton WILL WITHDRAW"
    chain = [head]
    own_aux: set[int] = set()  # chain positions reached from a conjunct with an auxiliary of its own
    cur = head
    while cur.head.i != cur.i and cur.dep_ in {"dobj", "pobj", "prep", "xcomp", "ccomp", "nsubj", "acomp", "acl",
                                               "nsubjpass", "compound", "conj", "advcl"} and len(chain) < 5:
        if cur.dep_ == "ccomp" and cur.i < cur.head.i and cur.left_edge.lower_ in frames.time_subordinators:
            break  # "WHEN the students first marched in 2019, few of them expected ...": an
            # adverbial clause the parse hung as the object of the verb after it
        if cur.dep_ == "ccomp" and cur.i < cur.head.i and any(t.text == ";" for t in cur.doc[cur.i + 1:cur.head.i]):
            break  # "Wedding party shot up; police seek motive": a clause before a semicolon is
            # no object of the verb after it (a headline's two clauses)
        if cur.dep_ == "conj" and any(k.dep_ in {"aux", "auxpass"} for k in cur.children):
            own_aux.add(len(chain))  # "has not been arrested and HAS ADMITTED that she shot her":
            # a conjunct with its own auxiliary has its own polarity and tense, not its head's
        cur = cur.head
        chain.append(cur)
    for i, tok in enumerate(chain):
        if i in own_aux:
            continue
        kids = list(tok.children)
        lemma = tok.lemma_.lower()
        if any(k.dep_ == "neg" or k.lower_ in {"never"} for k in kids) or (
                tok.pos_ == "NOUN" and any(k.dep_ == "det" and k.lower_ == "no" for k in kids)
                and lemma not in frames.certainty_nouns):
            return "negated"  # (but "there is no DOUBT that the army attacked": it did)
        if i == 0 and any(k.dep_ in {"nsubj", "nsubjpass"} and (
                k.lower_ in frames.nobody or any(d.dep_ in {"det", "preconj"} and d.lower_ in {"no", "neither"}
                                                 for d in k.children))
                for k in kids):
            return "negated"  # "NO ONE has been arrested", "nobody claimed it", "NEITHER she nor her
            # aides have been charged"
        if i == 0 and _abstained(tok, frames):
            return "negated"  # "REFRAINED FROM criticizing", "STEERED CLEAR OF condemning"
        if i == 0 and tok.tag_ == "VBG" and tok.i > 0 and any(
                tok.doc[tok.i - 1].lower_.startswith(v) for v in frames.evasion_verbs):
            return "negated"  # "Trump AVOIDS condemning Putin": whatever a headline's parse makes of it
        if tok.dep_ == "advcl" and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids) \
                and tok.tag_ == "VB" and not (tok.head.lemma_.lower() in frames.causative_verbs
                                              and any(k.dep_ == "dobj" for k in tok.head.children)):
            types = _trigger_types(head)  # every sense of the word one of these ("take" is no protest)
            done = tok.head.tag_ == "VBD" or (tok.head.tag_ == "VBN" and any(  # "have bricked up ... to protest"
                k.dep_ == "aux" and k.lemma_ == "have" for k in tok.head.children))
            if i == 0 and types and done and not any(k.dep_ == "neg" for k in tok.head.children) and (
                    types <= frames.purpose_done_types or (
                        tok.head.lemma_.lower() in frames.journey_verbs and types <= frames.journey_types)):
                continue  # "bricked up the door TO PROTEST", "came to Richmond TO MEET officials": done
            return "hypothetical"  # a purpose: "came to the country to assassinate the mayor"
            # (not what made someone do it: "what MOVED a man to kill three people")
        if i > 0 and _infinitive_complement(chain[i - 1]) and lemma in frames.negative:
            return "negated"  # "declined to resign", "failed to reach agreement"
        if any(k.dep_ == "aux" and k.lower_ in _MODALS_FUTURE for k in kids):
            return "future"
        if any(k.dep_ == "aux" and k.lower_ in _MODALS_HYPOTHETICAL for k in kids):
            return "hypothetical"
        if _opens_condition(tok):
            return "hypothetical"
        if i == 1 and lemma in frames.attempt_verbs and _infinitive_complement(head) and (
                _trigger_types(head) & {"ASSAULT", "ACCUSE"}):
            continue  # "they TRIED TO ASSASSINATE me": an attempted attack is an attack; "TRIED TO
            # BLAME the governor": the blame was laid
        if i > 0 and not _not_embedded_by(chain, i) and (
                lemma in frames.hypothetical_embedders or (_infinitive_complement(chain[i - 1]) and (
                lemma in frames.intent or (lemma in frames.call_for_verbs and not any(t.dep_ == "conj" for t in chain[:i]))))):
            return "hypothetical"  # "plans to attack"; "called on people TO PROTEST": asked for, not done
            # (what is joined to the embedded verb, or hangs off it as an adverbial, is not embedded by
            # it: "accused of ATTEMPTING to rob a store and SHOOTING a customer", "Police SEEK two
            # men ..., SHOOTING at ...")
        if any(k.lower_ == "going" and k.dep_ == "aux" for k in kids):
            return "future"
        if tok.head.lemma_.lower() in frames.allegation_words and (tok.dep_ == "ccomp" or (
                tok.dep_ in {"acl", "relcl"} and any(k.dep_ == "mark" for k in kids))):
            return "claimed"  # "the suit ALLEGES that he refused", "the ALLEGATION that they looted":
            # a party's claim, not the reporter's (but "an allegation the army REJECTED" was rejected)
        if _taken_as_given(tok, kids, frames):
            break
    return "asserted"


def _not_embedded_by(chain: list[Token], i: int) -> bool:
    """Whether ``chain[i]`` does not embed the clause below it in ``chain``: the clause is joined to
    it or hangs off it as an adverbial, or (a misparse) a finite verb is joined to its infinitive
    ("TRIED to rob the store and SHOT the clerk": the shooting is coordinated with the trying)."""
    below = chain[i - 1]
    if below.dep_ in {"conj", "advcl"}:
        return True
    return i > 1 and chain[i - 2].dep_ == "conj" and below.dep_ == "xcomp" and below.tag_ == "VB" \
        and chain[i - 2].tag_ in {"VBD", "VBG", "VBZ", "VBP"}


def _trigger_types(token: Token, pos: str | None = None) -> set[str]:
    """The event types a word is a trigger of, read as ``pos`` (its own part of speech if none)."""
    return trigger_types(token.lemma_.lower(), pos or token.pos_)


def _violent_word(token: Token) -> bool:
    """Whether a word is an ASSAULT trigger."""
    return "ASSAULT" in _trigger_types(token)


def _found_by_anyone(verb: Token, frames: Frames) -> bool:
    """Whether a weapon was found by someone who does not seize weapons: a finder named as the
    verb's subject (or the noun a "who found" clause describes) that is no authority
    (event_frames.yaml: finders) nor a named body. Found by nobody named ("a gun was found"), by
    police or troops, it is a seizure."""
    finder = next((k for k in verb.children if k.dep_ == "nsubj"), None)
    if finder is not None and finder.lower_ in {"who", "that"}:
        # the noun the clause describes (a headline's "Toddler Who Found Gun" may be cut from it)
        before = verb.doc[finder.i - 1] if finder.i > 0 else None
        finder = verb.head if verb.dep_ == "relcl" else (
            before if before is not None and before.pos_ in {"NOUN", "PROPN"} else None)
    if finder is None or finder.pos_ == "PRON":
        return False
    return finder.ent_type_ not in {"ORG", "GPE", "NORP"} and finder.lemma_.lower() not in frames.finders


def _no_chance(verb: Token, frames: Frames) -> bool:
    """A clause that describes a chance denied: "no CHANCE she will withdraw", "no SIGN that
    troops are leaving" (``denied_chances`` with "no")."""
    noun = verb.head
    return verb.dep_ in {"relcl", "acl", "ccomp"} and noun.lemma_.lower() in frames.denied_chances and any(
        k.lower_ == "no" and k.dep_ in {"det", "nummod", "neg"} for k in noun.children)


def _taken_as_given(tok: Token, kids: list[Token], frames: Frames) -> bool:
    """Whether the clause headed by ``tok`` is taken as given, so that what governs it does not
    reach into it: "the man KILLED in the ambush" (a reduced relative), "not on duty when the
    bombing HAPPENED", "are not saying why the guards were WOUNDED", "did not speak but SAID ...",
    and a past told by a verb of reporting ("police WILL CONFIRM there WAS a shooting")."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True
    if tok.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ in frames.given_clause_marks for k in kids):
        return True
    if tok.dep_ == "advcl" and any(k.dep_ == "advmod" and k.lower_ in frames.given_clause_marks
                                   and k.i < tok.i for k in kids):
        return True  # "when" is parsed as an adverb of the clause's verb
    if tok.dep_ == "ccomp" and any(
            k.i < tok.i and k.dep_ in {"advmod", "nsubj", "nsubjpass", "dobj", "attr"} and (
                k.lower_ in frames.given_clause_questions
                or any(d.dep_ == "det" and d.lower_ in frames.given_clause_questions for d in k.children))
            for k in kids):
        return True  # "why the guards were wounded", "which suspect fired"
    if tok.dep_ == "ccomp" and tok.tag_ == "VBD" and tok.head.lemma_.lower() in frames.report_verbs \
            and not any(k.dep_ == "neg" for k in tok.head.children):
        return True  # "will only confirm there WAS a shooting": what is reported has its own past
    if tok.dep_ == "conj":
        first = tok.head
        return any(k.dep_ == "cc" and k.lower_ == "but" for k in first.children) \
            or any(k.dep_ in {"nsubj", "nsubjpass"} for k in kids)
    return False


def _date(head: Token, sent, times: list[Time]) -> tuple[EventDate | None, bool]:
    """The date of the event: a date expression of its own clause, nearest to the trigger. Never
    the publication date: no date in the text means null. And whether the sentence dates
    anything (the confidence was calibrated on that, when an event took its sentence's date)."""
    cands = [t for t in times if sent.start_char <= t.start < sent.end_char and t.type in {"date", "time"}
             and not in_dateline(head.doc, t.start)
             and t.value and t.value not in {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
             and not t.value.startswith("XXXX-XX-XX")]  # "at 1145": a clock time of no said day
    dated_sentence = bool(cands)
    if _charged_act(head):
        # "was detained Monday night in connection with the attack": the day is the arrest's; the
        # act charged takes only a date of its own ("with the attack of August 4")
        cands = [t for t in cands if head.left_edge.idx <= t.start < head.right_edge.idx + len(head.right_edge)]
    cands = own_clause_times(head, cands)  # a killing never takes its funeral's date
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "pobj" and head.head.lower_ == "of":
        # "the night OF the attack", "the day of the bombing": a time that points back at the
        # event says nothing of its day
        doc = head.doc
        cands = [t for t in cands if (span := doc.char_span(t.start, t.end, alignment_mode="expand")) is None
                 or span.root.i != head.head.head.i]
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "pobj" and head.head.head.lemma_.lower() in lexicon().frames.talk_nouns:
        # "criticized on TUESDAY his remarks about the police shooting": an event talked about
        # takes only a date of its own phrase, not the talk's
        cands = [t for t in cands if head.left_edge.idx <= t.start < head.right_edge.idx + len(head.right_edge)]
    if any(c.tag_ == "JJS" for c in head.lefts):
        # "the deadliest attack SINCE AUGUST": a superlative measures this incident against the
        # ones since that day; the day is not its own
        doc = head.doc
        cands = [t for t in cands if not _after_since(doc, t)]
    if not cands:
        return None, dated_sentence
    best = min(cands, key=lambda t: abs(t.start - head.idx))
    return EventDate(text=best.text, start=best.start, end=best.end, value=best.value,
                     granularity=best.granularity), dated_sentence


def _after_since(doc: Doc, time: Time) -> bool:
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in {"since", "until", "till"}


_ADDRESS_PREPS = frozenset({"on", "against", "to", "with", "toward", "towards", "for"})  # ("withdraw FROM Chad": where)


def _addressed_country(place: Place, doc: Doc) -> bool:
    """Whether a country or region is named as the one a verbal act is addressed to or about
    ("retaliation ON Russia", "negotiates WITH Russia"), not where it was done."""
    if place.precision not in {"country", "region"}:
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in _ADDRESS_PREPS


def _charged_act(head: Token) -> bool:
    """Whether an event noun names the act a legal step is taken for: "charged WITH the shooting",
    "arrested in connection WITH the bombing", "wanted FOR the murder" (event_roles.yaml:
    accusing_verbs, accusing_preps), also as the modifier of such a noun ("in connection with the
    SHOOTING death of ...")."""
    if head.dep_ in {"compound", "amod"} and head.head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ != "pobj":
        return False
    lex = grammar().lexicons
    prep = head.head
    if prep.lower_ == "with" and prep.head.lemma_.lower() == "connection" and prep.head.head.dep_ == "prep":
        prep = prep.head.head  # "in connection with"
    return prep.lower_ in lex["accusing_preps"] and prep.head.lemma_.lower() in lex["accusing_verbs"]


def _sentence_lemmas(sent) -> set[str]:
    """The lower-case lemmas of a sentence, read once per document."""
    lemmas = sent.doc.user_data.get(("tidings_lemmas", sent.start))
    if lemmas is None:
        lemmas = sent.doc.user_data[("tidings_lemmas", sent.start)] = {t.lemma_.lower() for t in sent}
    return lemmas


def _contexts(sent, lex: Lexicon) -> list[str]:
    lemmas = _sentence_lemmas(sent)
    return [name for name, words in lex.contexts if lemmas & words][:3]


def _cameo(trig: Trigger, mode: str | None) -> str:
    """The trigger's CAMEO code, or, for a trigger with its type's default code, the code of the
    mode (``data/cameo.yaml``, ``by_mode``)."""
    by_mode = _cameo_rules().by_mode.get(trig.type)
    if by_mode and mode and trig.cameo == lexicon().cameo[trig.type]:
        return by_mode.get(mode, trig.cameo)
    return trig.cameo


@dataclass(frozen=True)
class _CameoRules:
    by_mode: dict[str, dict[str, str]]  # type -> mode -> CAMEO code
    casualty_opens: dict[str, tuple[str, str | None, str]]  # casualty kind -> (type, mode, CAMEO)


@lru_cache(maxsize=1)
def _cameo_rules() -> _CameoRules:
    raw = load_yaml("cameo.yaml")
    return _CameoRules(
        by_mode={t: {str(m): str(code) for m, code in modes.items()} for t, modes in raw["by_mode"].items()},
        casualty_opens={str(kind): (str(t), None if mode is None else str(mode), str(code))
                        for kind, (t, mode, code) in raw["casualty_opens"].items()})


def _acled(event_type: str, mode: str | None, targets: list[Actor], lex: Lexicon, trigger: str = "",
           sources: list[Actor] = (), physical: list[Span] = (), cameo: str | None = None) -> Acled | None:
    civilians = bool(targets) and all(a.kind in {"civilians", "population"} for a in targets)
    for rule in lex.acled:
        if rule["type"] != event_type:
            continue
        if rule["mode"] != "*" and rule["mode"] != mode:
            continue
        if rule.get("cameo") and not (cameo or "").startswith(str(rule["cameo"])):
            continue
        if rule.get("doers") and not {a.kind for a in sources} & set(rule["doers"]):
            continue
        if rule.get("target") == "civilians" and not civilians:
            continue
        if rule.get("sides") == "two" and not two_armed_sides([trigger], list(sources), targets, list(physical)):
            continue
        if rule.get("accord") and one_sided(trigger):
            continue
        return Acled(event_type=rule["acled"][0], sub_event_type=rule["acled"][1])
    return None


# --- casualties and back-references -------------------------------------------------------------

# The event a figure belongs to, and what it opens when no event holds it: (type, mode, CAMEO),
# from data/cameo.yaml (casualty_opens). Displacement joins an ASSAULT but opens nothing.
_CASUALTY_OPENS = _cameo_rules().casualty_opens


def _killed_by_accident(verb: Token) -> bool:
    """"were killed when their bus overturned", "the crash killed two": a killing with no doer in
    a sentence that names an accident (or a doer that is the accident)."""
    causes = load_lexicon().accident_causes
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:  # "officers shot and KILLED a man"
        clause = clause.head
    doers = [g for v in {verb, clause} for k in v.children if k.dep_ == "agent" for g in k.children if g.dep_ == "pobj"]
    doers += [k for v in {verb, clause} for k in v.children if k.dep_ == "nsubj"]
    if any(d.lemma_.lower() not in causes for d in doers):
        return False
    return _accidental(sentence_of(verb))


def _accidental(sent) -> bool:
    """Whether a sentence names an accident or a disaster (casualties.yaml accident_causes; "lost
    control", not "control" alone) and no attack (no ASSAULT trigger but words of harm done)."""
    causes = load_lexicon().accident_causes
    accident = False
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in _HARM_WORDS:
            continue
        if token.pos_ in {"VERB", "NOUN"} and "ASSAULT" in trigger_types(lemma, token.pos_):
            return False  # "a motorist fatally SHOOTS a man during a storm": an attack all the same
        if lemma == "control":
            accident = accident or token.head.lemma_.lower() == "lose"
        elif lemma in causes or token.lower_ in causes:
            accident = True
    return accident


# Words of harm done that say nothing of how: an accident's sentence has them too.
_HARM_WORDS = frozenset({"kill", "die", "dead", "death", "wound", "injure", "hurt", "injury"})


def _event_for_figure(cas: Casualty, doc: Doc, article: Article, actors: list[Actor], places: list[Place],
                      times: list[Time], lex: Lexicon) -> Event | None:
    """An event for a figure that reports one no trigger opened ("two missionaries were murdered"
    when "murder" is no trigger, "the bodies of three men were found"): its evidence is the figure."""
    opens = _CASUALTY_OPENS.get(cas.kind)
    span = doc.char_span(cas.evidence.start, cas.evidence.end, alignment_mode="expand")
    if opens is None or span is None or (cas.low == 0 and not cas.high):
        return None  # "no one was hurt", "no casualties were reported": nothing happened to open
    event_type, mode, cameo = opens
    sent = sentence_of(span)
    # The trigger is the casualty word ("died"), not the whole figure ("a 36-year-old man died"):
    # reports of one event are matched on their triggers' words.
    word = trigger_in(span, cas.kind)
    if word is not None and cas.kind == "arrested" and _left_state(word, lexicon().frames):
        return None  # "released from house arrest": no one arrested here
    return Event(
        id=event_id_for(article.id, event_type, cas.evidence.start, cas.evidence.end),
        type=event_type, mode=mode, cameo=cameo, acled=_acled(event_type, mode, [], lex),
        status=_status(word, lex.frames) if word is not None else "asserted",
        trigger=_span_of([word]) if word is not None else cas.evidence,
        evidence=[cas.evidence],
        location=event_location(span.root, sent, places, actors, article),
        date=_date(span.root, sent, times)[0], confidence=0.4,
    )


def _attach_casualties(events: list[Event], casualties: list[Casualty], doc: Doc, article: Article,
                       actors: list[Actor], places: list[Place], times: list[Time], lex: Lexicon) -> list[Event]:
    """Each figure goes to the event it reports: the nearest event of the right family in its
    sentence, else the latest such event before it. A figure with no event to hold it opens one
    (an ASSAULT or an arrest), so no figure is lost."""
    sentence_starts: dict[int, int | None] = {}  # id(event) -> start token of its sentence

    def sentence_start(event: Event) -> int | None:
        if id(event) not in sentence_starts:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            sentence_starts[id(event)] = sentence_of(span).start if span is not None else None
        return sentence_starts[id(event)]

    for cas in casualties:
        family = _CASUALTY_OPENS.get(cas.kind, ("ASSAULT",))[0]
        span = doc.char_span(cas.evidence.start, cas.evidence.end, alignment_mode="expand")
        if span is not None and len(span) and _sports(span.root, lex.frames):
            continue  # "Zimbabwe were shot out for 127": a side bowled out, nobody hit
        sent_start = sentence_of(span).start if span is not None else None
        same = [e for e in events if e.type == family and sent_start is not None and sentence_start(e) == sent_start]
        if same:
            target = min(same, key=lambda e: abs(e.trigger.start - cas.evidence.start))
        else:
            before = [e for e in events if e.type == family and e.trigger.start < cas.evidence.start]
            if before:
                target = before[-1]
            elif (cas.victims or "").lower() in _REFLEXIVES:
                continue  # "a veteran shot HIMSELF", no attack told before it: a suicide, no incident
            elif family == "ASSAULT" and span is not None and _accidental(sentence_of(span)):
                # "two workers died when a wall collapsed": an accident opens no attack; its figure
                # goes to an attack told later, if any ("a teenager is dead after what may have
                # been an accident. ... was shot to death by his friend")
                after = [e for e in events if e.type == family and e.trigger.start > cas.evidence.start]
                if not after:
                    continue
                target = after[0]
            else:
                target = _event_for_figure(cas, doc, article, actors, places, times, lex)
                if target is None:
                    continue
                events.append(target)
                events.sort(key=lambda e: e.trigger.start)
        target.casualties.append(cas)
        if target.location is None and span is not None and len(span):
            # "In a separate attack, gunmen killed 12 people in the town of X": the place hangs on
            # the figure's verb, not on the event word the figure joins (event-location eval).
            verbs = [t for t in span if t.pos_ == "VERB"]
            head = verbs[0] if verbs else span.root
            place = event_location(head, sentence_of(head), places, actors, article)
            # Only a place the figure's verb governs itself ("killed 12 in the town of X"): one
            # from another clause was wrong as often as right (MUC-4 answered accuracy fell).
            if place is not None and governed_by(head, place):
                target.location = place
    return events


_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}


def _merge_back_references(events: list[Event], doc: Doc) -> list[Event]:
    """"The attack", "the strike", "Sunday's assault" in a later sentence refer back to an event
    already told: they add evidence to it instead of opening a new one, unless they carry their own
    different date (a background event)."""
    out: list[Event] = []
    for ev in events:
        target = None
        if ev.type == "ASSAULT" and not ev.source_actors and not ev.casualties and ev.status == "asserted":
            tok = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
            if tok is not None and tok.root.pos_ == "NOUN" and _is_definite(tok.root) and not _told_as_other(tok.root):
                target = _antecedent(ev, tok.root, out, doc)
        if target is None:
            out.append(ev)
            continue
        target.evidence.append(ev.trigger)
        if target.location is None:
            target.location = ev.location
        if target.date is None:
            target.date = ev.date
        for actor in ev.target_actors:
            if all((a.start, a.end) != (actor.start, actor.end) for a in target.target_actors):
                target.target_actors.append(actor)
    return out


def _ultimatum(verb: Token) -> bool:
    """"will withdraw its troops UNLESS ...": a clause of "unless" on the verb."""
    return any(k.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in k.children)
               for k in verb.children)


def _told_as_other(head: Token) -> bool:
    """"the THIRD shooting", "the OTHER attack", "the SECOND blast": a definite singular noun that
    counts itself apart from the one told (data/incidents.yaml distinct_determiners; "the other two
    shootings" looks back at them). Not a predicate ("it was the second shooting") nor a count in a
    span of time ("the second shooting in as many months"): those rank the event told in a series."""
    words = _distinct_words()
    if head.tag_ != "NN" or head.dep_ == "attr":
        return False
    if not any(c.lower_ in words for c in head.lefts if c.dep_ in {"amod", "det", "advmod", "nummod"}):
        return False
    units = _span_units()
    return not any(p.dep_ == "prep" and any(o.lemma_.lower() in units for o in p.subtree) for p in head.rights)


@lru_cache(maxsize=1)
def _distinct_words() -> frozenset[str]:
    return frozenset(str(w) for w in load_yaml("incidents.yaml")["distinct_determiners"])


@lru_cache(maxsize=1)
def _span_units() -> frozenset[str]:
    return frozenset(str(u) for u in load_yaml("incidents.yaml")["span_units"])


def _antecedent(ev: Event, head: Token, prior: list[Event], doc: Doc) -> Event | None:
    """The event a definite mention refers back to: same type, asserted, same grammatical number
    ("the attack" is not "two rocket attacks"), a compatible date, and among those the most told so
    far (the story's main event, not a recalled one), the earliest on a tie."""
    plural = head.tag_ in {"NNS", "NNPS"}
    fits = []
    for event in prior:
        if event.type != ev.type or event.status != "asserted":
            continue
        if ev.date is not None and event.date is not None and not _dates_nest(ev.date.value, event.date.value):
            continue
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trigger is not None and (trigger.root.tag_ in {"NNS", "NNPS"}) != plural and trigger.root.pos_ == "NOUN":
            continue
        fits.append(event)
    return max(fits, key=lambda e: (len(e.evidence), -e.trigger.start)) if fits else None


def _dates_nest(a: str, b: str) -> bool:
    """Two calendar dates of which one holds the other ("2024" holds "2024-03-12", a day holds its
    night): the same or a finer telling of one time. Other values must be equal."""
    a, b = a.split("T")[0], b.split("T")[0]
    if a == b:
        return True
    return bool(_CALENDAR.fullmatch(a) and _CALENDAR.fullmatch(b)) and (a.startswith(b) or b.startswith(a))


_CALENDAR = re.compile(r"\d{4}(-\d{2}){0,2}")  # a year, a month or a day


def _is_definite(token: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in token.lefts)
