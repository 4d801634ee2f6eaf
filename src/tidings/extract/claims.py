"""Claims of responsibility, denials and accusations, tied to the events they are about.

Read from the dependency parse around verbs listed in ``data/claims.yaml``:

- claim: "X claimed responsibility for the attack", "X claimed the attack", "X said it carried out
  the attack" (the speaker and the doer are the same, or the doer is "it"/"we"/"they").
- denial: "X denied involvement", "X denied responsibility", "X said it was not behind the attack".
- accusation: "X blamed Y for ...", "X blamed the attack on Y", "X accused Y of ...", "X attributed
  the strike to Y", "X holds Y responsible", "X said Y carried out the attack", "officials believe Y
  was behind the attack" (hedged).

A claim needs a claimant named in the text. MUC-4 separates CLAIMED OR ADMITTED from SUSPECTED OR
ACCUSED; we keep that line (claim vs accusation) and decide that the writer's own hedged
attribution ("suspected Islamist militants carried out the attack", "the attack was blamed on
Y") is NOT a claim: nobody in the text makes it, and ``Claim.actor`` names who does. Such a
suspicion belongs to the event (its source actor, with lower confidence), which the events
extractor owns. An agentive passive ("was blamed by police on Y") is an accusation by the agent.

A later "did not reiterate its claim" or "withdrew its claim" (``fates`` in the data file) keeps
the claim and sets its ``status``; with no earlier claim by that actor in the article, the fate
sentence itself stands for the claim.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from ..annotate.document import pronoun_agrees, sentence_of

from ..datafiles import english_words, load_yaml
from ..models import Actor, Claim, Event, Time
from ..models import Span as ModelSpan
from .actors import registry, unnamed_doer
from .roles import one_person_before, tells_of_another
from .statements import find_channel, noun_phrase, resolve_speaker

_SUBJECT_DEPS = {"nsubj"}
_SELF_PRONOUNS = english_words("pronouns", "self")
_RELATIVE_PRONOUNS = english_words("pronouns", "relative")


@dataclass(frozen=True)
class ClaimLexicon:
    claim_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    attack_nouns: frozenset[str]
    perpetration_verbs: frozenset[str]
    perpetration_phrases: tuple[tuple[str, str], ...]
    denial_verbs: frozenset[str]
    accusation_verbs: dict[str, str]
    hold_verbs: frozenset[str]
    responsibility_adjectives: frozenset[str]
    hedges: frozenset[str]
    fates: dict[str, str]  # verb lemma, or lemma and particle ("take back") -> status
    negated_fates: dict[str, str]  # verb lemma that counts only when negated -> status
    suspect_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    group_nouns: frozenset[str]
    no_claimant: frozenset[str]
    not_claim_adverbs: frozenset[str]
    denied_nouns: frozenset[str]
    self_possessives: frozenset[str]
    fate_verbs: frozenset[str]  # the first words of ``fates``
    own_units: frozenset[str]


@lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    """The phrases of ``data/claims.yaml``, loaded once."""
    raw = load_yaml("claims.yaml")
    low = lambda items: frozenset(str(v).lower() for v in items)  # noqa: E731
    fates: dict[str, str] = {}
    negated: dict[str, str] = {}
    for status, phrases in raw["fates"].items():
        for phrase in phrases:
            words = str(phrase).lower().split()
            if words[0] == "not":
                negated[words[-1]] = status
            elif words[0] == "fail":
                negated[words[-1]] = status  # "failed to reiterate" reads as not reiterating
            else:
                # "take back": the verb with its particle ("took responsibility" withdraws nothing)
                fates[" ".join(words)] = status
    return ClaimLexicon(
        claim_verbs=low(raw["claim_verbs"]),
        responsibility_nouns=low(raw["responsibility_nouns"]),
        attack_nouns=low(raw["attack_nouns"]),
        perpetration_verbs=low(raw["perpetration_verbs"]),
        perpetration_phrases=tuple(tuple(str(p).lower().split()[:2]) for p in raw["perpetration_phrases"]),  # type: ignore[misc]
        denial_verbs=low(raw["denial_verbs"]),
        accusation_verbs={str(k).lower(): str(v) for k, v in raw["accusation_verbs"].items()},
        hold_verbs=low(raw["hold_verbs"]),
        responsibility_adjectives=low(raw["responsibility_adjectives"]),
        hedges=low(raw["hedges"]),
        fates=fates,
        negated_fates=negated,
        suspect_verbs=low(["suspect", "believe", "think"]),
        speech_verbs=low(raw["speech_verbs"]),
        group_nouns=low(raw["group_nouns"]),
        no_claimant=low(raw["no_claimant"]),
        not_claim_adverbs=low(raw["not_claim_adverbs"]),
        denied_nouns=low(raw["denied_nouns"]),
        self_possessives=low(raw["self_possessives"]),
        fate_verbs=frozenset(phrase.split()[0] for phrase in fates),
        own_units=low(raw["own_units"]),
    )


def extract_claims(doc: Doc, actors: list[Actor], events: list[Event],
                   times: Sequence[Time] = ()) -> list[Claim]:
    """Claims, denials and accusations in the document, in text order. With the article's
    ``times``, a claim made on a stated day ("tonight claimed", "said on Monday") gets that date."""
    lex = claim_lexicon()
    claims: list[Claim] = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        if lemma in lex.fate_verbs or lemma in lex.negated_fates:
            if _apply_fate(verb, lemma, claims, actors, events, lex):
                continue
        found = _read_claim(verb, lemma, actors, events, lex)
        if found is None:
            continue
        when = _claim_date(verb, times)
        if when is not None:
            found = found.model_copy(update={"date": when})
        for one in [found, *_conjoined_accused(doc, found, actors, lex)]:
            # "X claimed responsibility for the attack, saying it had targeted ..." is one claim
            same = next((c for c in claims if c.kind == one.kind and c.actor.name == one.actor.name
                         and (c.accused.name if c.accused else None) == (one.accused.name if one.accused else None)
                         and c.evidence.start < one.evidence.end and one.evidence.start < c.evidence.end), None)
            if same is None:
                claims.append(one)
            else:
                same.event_ids.extend(e for e in one.event_ids if e not in same.event_ids)
    _deny_what_was_blamed(doc, claims, lex)
    return claims


def _deny_what_was_blamed(doc: Doc, claims: list[Claim], lex: ClaimLexicon) -> None:
    """A bare denial of "any involvement" (a responsibility noun with nothing after it) right after a
    claim or accusation is about what that one was about: "The United States blamed Iran-backed
    militias for the attack. Iran denied any involvement." The denial takes the earlier one's
    events when it is at most two sentences before."""
    starts: list[int] = []  # sentence starts, read once and only when a bare denial needs them
    for n, denial in enumerate(claims):
        if denial.kind != "denial" or denial.event_ids:
            continue
        span = doc.char_span(denial.evidence.start, denial.evidence.end, alignment_mode="expand")
        nouns = [t for t in span or () if t.lemma_.lower() in lex.responsibility_nouns]
        if not nouns or any(c.dep_ == "prep" for t in nouns for c in t.children):
            continue  # "denied any involvement IN the contract dispute": its own matter
        before = next((c for c in reversed(claims[:n]) if c.kind != "denial" and c.event_ids), None)
        if before is None:
            continue
        starts = starts or [s.start_char for s in doc.sents]
        if 0 <= bisect_right(starts, denial.evidence.start) - bisect_right(starts, before.evidence.start) <= 2:
            denial.event_ids = list(before.event_ids)


# Prepositions that put the act of claiming on a date ("said on Monday", "claimed in a statement
# late on Sunday"); "for" is left out: "claimed responsibility for Sunday's attack" dates the attack.
_DATE_PREPOSITIONS = {"on", "in", "at", "during", "late", "early"}


def _claim_date(verb: Token, times: Sequence[Time]) -> Time | None:
    """The time expression that modifies the claim verb itself: "tonight claimed", "claimed on
    Monday", "said Sunday" (not one inside what is claimed)."""
    if not times:
        return None
    ranges = []
    for child in verb.children:
        if child.dep_ in {"npadvmod", "advmod", "tmod"} or (child.dep_ == "prep" and child.lower_ in _DATE_PREPOSITIONS):
            ranges.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    for time in times:
        if time.type in {"date", "time"} and any(lo <= time.start and time.end <= hi for lo, hi in ranges):
            return time
    return None


def _conjoined_accused(doc: Doc, claim: Claim, actors: list[Actor], lex: ClaimLexicon) -> list[Claim]:
    """ "The union blamed the mayor and the city police for the beating": one accusation
    per accused, the same evidence for each."""
    if claim.kind != "accusation" or claim.accused is None:
        return []
    span = doc.char_span(claim.accused.start, claim.accused.end)
    if span is None:
        return []
    # "blamed the party, the regime of X, and its armed forces": the conjuncts of an apposition too
    heads = [span.root, *[c for c in span.root.children if c.dep_ == "appos"]]
    conjoined = [conj for head in heads for conj in head.conjuncts if conj.pos_ in {"NOUN", "PROPN"}]
    return [claim.model_copy(update={"accused": resolve_speaker(noun_phrase(_named(conj, lex)), actors)})
            for conj in dict.fromkeys(conjoined)]


_ACTOR_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}


def _names_actor(token: Token, actors: list[Actor]) -> bool:
    """Whether a doer is a participant ("militants", "Hamas"), not an event or a weapon ("the
    attack killed ...", "a drone struck ...") that a reported sentence makes its subject."""
    if token.ent_type_ in _ACTOR_ENTITIES:
        return True
    # "a FMLN commando", "guerrillas": a group noun names a participant, even unnamed
    if _is_group_noun(token, claim_lexicon()) or any(c.ent_type_ in _ACTOR_ENTITIES for c in token.lefts):
        return True
    return any(a.start <= token.idx < a.end and a.kind != "unknown" for a in actors)


def _read_claim(verb: Token, lemma: str, actors: list[Actor], events: list[Event],
                lex: ClaimLexicon) -> Claim | None:
    subject = _subject(verb)
    if subject is None:
        return _according_to(verb, lemma, actors, events, lex)
    if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head  # "the group that claimed responsibility": the group claims
    if any(t.lower_ in lex.no_claimant for t in subject.subtree):
        return None  # "no organization has claimed responsibility" reports that nobody did
    # "the murder was claimed by X": the passive subject is what is claimed
    obj = _child(verb, "dobj") or _child(verb, "nsubjpass")
    negated = _child(verb, "neg") is not None
    # "rarely claims", "has yet to claim", "could claim": no claim is made here
    unmade = negated or _unmade(verb, lex)
    # "claimed responsibility for", "took credit for", "admitted involvement in"
    if lemma in lex.claim_verbs and obj is not None and not unmade:
        if obj.lemma_.lower() in lex.responsibility_nouns:
            about = _object_of(obj) or _object_of(verb)
            if about is not None and not _violent(about, events, lex):
                return None  # "took responsibility for her decision": no act of violence claimed
            return _claim("claim", verb, subject, None, about, actors, events, lex)
        if lemma == "claim" and obj.lemma_.lower() in lex.attack_nouns:
            return _claim("claim", verb, subject, None, _span(obj), actors, events, lex)
    # "denied involvement / responsibility / any role", "denied it carried out the attack"
    if lemma in lex.denial_verbs:
        if obj is not None and obj.lemma_.lower() in lex.responsibility_nouns | lex.denied_nouns:
            return _claim("denial", verb, subject, None, _object_of(obj) or _object_of(verb), actors, events, lex)
        comp = _child(verb, "ccomp")
        if comp is not None and _perpetration(comp, lex):
            return _claim("denial", verb, subject, None, _deed_object(comp), actors, events, lex)
    # "blamed Y for", "blamed the attack on Y", "accused Y of", "attributed the strike to Y"
    if lemma in lex.accusation_verbs:
        accused, about = _accused(verb, lemma, obj, lex)
        if accused is not None:
            return _claim("accusation", verb, subject, accused, about, actors, events, lex)
    # "holds Y responsible for"
    if lemma in lex.hold_verbs:
        for child in verb.children:
            if child.lemma_.lower() in lex.responsibility_adjectives:
                accused = _child(child, "nsubj") or obj
                if accused is not None:
                    return _claim("accusation", verb, subject, accused, _object_of(child), actors, events, lex)
    # "X said it carried out the attack" (claim), "X said it was not behind" (denial),
    # "police said / believe Y carried out the attack" (accusation)
    if lemma in lex.suspect_verbs and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex.speech_verbs:
        return None  # "police said they suspect ...": read once, from the speech verb
    if lemma in lex.speech_verbs or lemma in lex.suspect_verbs:
        comp = _child(verb, "ccomp")
        if comp is not None and comp.lemma_.lower() in lex.suspect_verbs:
            comp = _child(comp, "ccomp")  # "police said they suspect Y carried out ..."
        if comp is not None and not _perpetration(comp, lex):
            # "the FMLN claims it seized the estate and attacked the brigade": the deed may be
            # the second of two conjoined verbs
            comp = next((c for c in comp.children if c.dep_ == "conj" and _perpetration(c, lex)), None)
        if comp is None:
            return None
        doer = _subject(comp)
        if doer is None:
            return None
        deed_negated = _child(comp, "neg") is not None
        if lemma in lex.claim_verbs and unmade:
            return None  # "the group has not admitted it carried out ..."
        # "HE shot the man twice, the sheriff said": police and prosecutors tell a suspect's acts
        own = (doer.lower_ in _SELF_PRONOUNS and pronoun_agrees(doer, subject) and not tells_of_another(doer, subject)) or any(
            c.dep_ == "poss" and c.lower_ in lex.self_possessives for c in doer.children) or \
            _own_unit(subject, doer, actors, lex)
        if own and lemma not in lex.suspect_verbs:
            # "X said it carried out", "the ministry said its forces struck": X's own deed
            kind = "denial" if deed_negated else "claim"
            if kind == "claim" and not _violent_deed(comp, events, lex):
                return None  # "said he was carrying out his job": no act of violence claimed
            return _claim(kind, verb, subject, None, _deed_object(comp), actors, events, lex, deed=comp)
        if not deed_negated and _names_actor(doer, actors):
            return _claim("accusation", verb, subject, doer, _deed_object(comp), actors, events, lex, deed=comp)
        return None
    return _according_to(verb, lemma, actors, events, lex)


_ARMED_NAMES = frozenset({"front", "army", "movement", "forces", "command", "commando", "brigade", "militia"})


def _own_unit(subject: Token, doer: Token, actors: list[Actor], lex: ClaimLexicon) -> bool:
    """ "The front reported that urban commando units attacked ...": an armed group reporting what
    unnamed units or fighters did reports its own deed (a claim), not another's."""
    words = {doer.lemma_.lower(), doer.lower_, doer.lower_.removesuffix("s")}
    if not words & lex.own_units or _named(doer, lex).i != doer.i:
        return False
    if any(c.ent_type_ in _ACTOR_ENTITIES for c in doer.subtree if c.i != doer.i):
        return False  # "army units", "FMLN commandos" name their side themselves
    speaker = resolve_speaker(noun_phrase(_named(subject, lex)), actors)
    kind = speaker.kind
    if kind == "organization" and not speaker.registry_id and set(speaker.name.lower().split()) & _ARMED_NAMES:
        kind = "armed_group"  # a name the registry does not know that says what it is ("the X Front")
    if kind not in {"armed_group", "state_forces"}:
        return False
    # "police said guerrillas attacked": a unit noun of the other side is the other side's
    side = registry().nouns.get(doer.lemma_.lower())
    return side is None or side[0] == kind


def _according_to(verb: Token, lemma: str, actors: list[Actor], events: list[Event],
                  lex: ClaimLexicon) -> Claim | None:
    """ "The mayor was kidnapped by ELN guerrillas, according to the police": the source of
    "according to" accuses the doer of the deed (MUC-4's SUSPECTED OR ACCUSED BY AUTHORITIES)."""
    if lemma not in lex.perpetration_verbs or not _perpetration(verb, lex):
        return None
    source = None
    # "according to" on the deed's verb, or on a verb it hangs from ("the mayor, who was kidnapped
    # by ELN guerrillas, was found dead, according to police")
    holders = [verb, *verb.ancestors]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                to = _child(child, "prep")
                source = _child(to, "pobj") if to is not None and to.lower_ == "to" else None
        if source is not None:
            break
    if source is None:
        return None
    doer = _subject(verb)
    if doer is None or doer.lower_ in _SELF_PRONOUNS or not _names_actor(doer, actors):
        return None
    return _claim("accusation", verb, source, doer, _deed_object(verb), actors, events, lex, deed=verb)


_MODALS = frozenset({"could", "might", "may", "would", "will", "should", "must"})


def _unmade(verb: Token, lex: ClaimLexicon) -> bool:
    """A claim verb that reports no claim made: habitual or not yet ("rarely claims", "has yet to
    claim"), or only possible ("could claim")."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in lex.not_claim_adverbs:
            return True
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            return True
    # "I don't want to assume a role", "they must accept their responsibility": wanted or owed,
    # not made
    if verb.dep_ == "xcomp" and any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS)
                                    for c in verb.head.children):
        return True
    # "has yet TO CLAIM", "is expected to claim"
    return verb.dep_ == "xcomp" and any(c.lower_ in lex.not_claim_adverbs for c in verb.head.children)


def _violent(about: Span, events: list[Event], lex: ClaimLexicon) -> bool:
    """Whether what is claimed is an act of violence: an attack word, a violent event's trigger, or
    a pronoun standing for one ("claimed responsibility for it")."""
    if any(t.lemma_.lower() in lex.attack_nouns or t.lower_ in lex.attack_nouns for t in about):
        return True
    if about.root.pos_ == "PRON":
        return True
    return any(e.type in {"ASSAULT", "COERCE"} and about.start_char <= e.trigger.start < about.end_char
               for e in events)


def _perpetration(verb: Token, lex: ClaimLexicon) -> bool:
    """ "carried out the attack", "launched the strike", "was behind / responsible for it"."""
    lemma = verb.lemma_.lower()
    if lemma in lex.perpetration_verbs and (
        lemma not in {"carry"} or any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    ):
        # active with an object ("carried out the attack"), or passive with an agent ("the
        # peasants were killed by guerrillas"): a deed with a doer
        return any(c.dep_ in {"dobj", "prt", "agent"} for c in verb.children)
    if lemma == "be":
        for child in verb.children:
            for first, second in lex.perpetration_phrases:
                if child.lower_ == second:
                    return True
    return False


def _accused(verb: Token, lemma: str, obj: Token | None, lex: ClaimLexicon) -> tuple[Token | None, Span | None]:
    """Who is accused, and the span naming what of."""
    where = lex.accusation_verbs[lemma]
    prep_objects = {p.lower_: _child(p, "pobj") for p in _preps(verb, obj)}
    if obj is not None and obj.lemma_.lower() in lex.attack_nouns:
        # "blamed the attack on Y", "attributed the strike to Y": the object is the deed
        for prep in ("on", "to"):
            if prep_objects.get(prep) is not None:
                return prep_objects[prep], _span(obj)
        return None, None
    if where == "dobj" and obj is not None:
        about = None
        for prep in ("for", "of", "over", "in"):
            if prep_objects.get(prep) is not None:
                about = _span(prep_objects[prep])  # type: ignore[arg-type]
                break
        return obj, about
    if where in prep_objects and prep_objects[where] is not None:
        return prep_objects[where], _span(obj) if obj is not None else None
    return None, None


def _preps(verb: Token, obj: Token | None) -> list[Token]:
    heads = [verb] + ([obj] if obj is not None else [])
    return [c for h in heads for c in h.children if c.dep_ == "prep"]


def _claim(kind: str, verb: Token, subject: Token, accused: Token | None, about: Span | None,
           actors: list[Actor], events: list[Event], lex: ClaimLexicon, deed: Token | None = None) -> Claim:
    evidence = _clause(verb)
    channel = find_channel(verb)
    actor = resolve_speaker(noun_phrase(_named(subject, lex)), actors)
    blamed = resolve_speaker(noun_phrase(_named(accused, lex)), actors) if accused is not None else None
    if accused is not None and accused.pos_ == "PRON":
        # "charged HIM with the killing": the one person the text named just before, if only one
        blamed = one_person_before(accused, actors) or blamed
    if kind == "accusation" and blamed is not None and same_party(actor, blamed):
        kind, blamed = "claim", None  # "the group said the group's fighters ...": its own deed
    doer = blamed if kind == "accusation" else actor if kind == "claim" else None
    linked: list[Event] = []
    for ids in _events_about(about, evidence, events, lex, deed):
        # a claim or accusation is about an attack whose doer is unknown or is the one named,
        # never the accuser's (or denier's) own strike; when the attack its words name is the
        # accuser's ("the army blamed the rebels for the attack" after the army's own strike),
        # the next reading is tried
        linked = [e for e in events if e.id in ids
                  and (all(unnamed_doer(s) for s in e.source_actors)  # none, or "gunmen": who they were is open
                       or (doer is not None and any(same_party(doer, s) for s in e.source_actors)))
                  and not (kind != "claim" and any(same_party(actor, s) for s in e.source_actors))]
        if linked:
            break
    return Claim(
        kind=kind,  # type: ignore[arg-type]
        actor=actor,
        accused=blamed,
        event_ids=[e.id for e in linked],
        channel=ModelSpan(text=channel.text, start=channel.start, end=channel.end)
        if channel is not None and channel.start is not None and channel.end is not None else None,
        certainty="hedged" if _hedged(verb, evidence, lex) else "firm",
        evidence=ModelSpan(text=evidence.text, start=evidence.start_char, end=evidence.end_char),
    )


def _apply_fate(verb: Token, lemma: str, claims: list[Claim], actors: list[Actor],
                events: list[Event], lex: ClaimLexicon) -> bool:
    """ "did not reiterate its responsibility" / "withdrew its claim": set the status of the
    actor's last claim, or record the claim the sentence implies."""
    negated = _child(verb, "neg") is not None or verb.head.lemma_.lower() == "fail"
    particles = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
    status = lex.negated_fates.get(lemma) if negated else \
        lex.fates.get(lemma) or (lex.fates.get(f"{lemma} {particles}") if particles else None)
    obj = _child(verb, "dobj")
    if status is None or obj is None or obj.lemma_.lower() not in lex.responsibility_nouns | {"claim"}:
        return False
    subject = _subject(verb) or (_subject(verb.head) if verb.dep_ == "xcomp" else None)
    if subject is None:
        return False
    actor = resolve_speaker(noun_phrase(subject), actors)
    for index in range(len(claims) - 1, -1, -1):
        if claims[index].kind == "claim" and claims[index].actor.name == actor.name:
            claims[index] = claims[index].model_copy(update={"status": status})
            return True
    evidence = _clause(verb)
    claims.append(Claim(
        kind="claim", actor=actor, event_ids=next(iter(_events_about(_object_of(obj), evidence, events, lex)), []),
        certainty="firm", status=status,  # type: ignore[arg-type]
        evidence=ModelSpan(text=evidence.text, start=evidence.start_char, end=evidence.end_char),
    ))
    return True


def same_party(a: Actor, b: Actor) -> bool:
    """Whether two actor mentions stand for the same party: the same registry entry, the same
    canonical name, or one name inside the other ("the FMLN" / "FMLN guerrillas")."""
    if a.registry_id and b.registry_id:
        return a.registry_id == b.registry_id
    x, y = a.name.lower().removeprefix("the "), b.name.lower().removeprefix("the ")
    return x == y or (len(x) > 2 and len(y) > 2 and (f" {x} " in f" {y} " or f" {y} " in f" {x} "))


# --- helpers over the parse ----------------------------------------------------------------------


def _child(token: Token, dep: str) -> Token | None:
    for child in token.children:
        if child.dep_ == dep:
            return child
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for a passive, the agent ("was blamed by police"); for a conjoined or
    participial verb, its head's subject."""
    subject = _child(verb, "nsubj")
    if subject is not None:
        return subject
    agent = _child(verb, "agent")
    if agent is not None:
        return _child(agent, "pobj")
    if verb.dep_ in {"conj", "xcomp"} or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        return _child(verb.head, "nsubj")
    return None


def _object_of(token: Token) -> Span | None:
    """The object of "for"/"in"/"of" on ``token``: "responsibility for [the attack]"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "in", "of", "behind"}:
            pobj = _child(child, "pobj") or _child(child, "pcomp")
            if pobj is not None:
                return _span(pobj)
    return None


def _deed_object(verb: Token) -> Span | None:
    obj = _child(verb, "dobj")
    if obj is not None:
        return _span(obj)
    for child in verb.children:
        if child.dep_ in {"prep", "advmod", "acomp"}:
            found = _object_of(child) or (_span(_child(child, "pobj")) if _child(child, "pobj") is not None else None)
            if found is not None:
                return found
    return None


def _named(token: Token, lex: ClaimLexicon) -> Token:
    """The head of the name a claimant phrase carries: "a commando unit, the Y force" -> force;
    "guerrillas of the Y movement" -> movement; "members of the Z front of the Y" -> Y. A head that
    is not one of ``group_nouns`` is a name already and is kept."""
    for _ in range(4):  # "members of the front of the movement": a few levels, never a cycle
        if not _is_group_noun(token, lex):
            return token
        following = next((c for c in token.children if c.dep_ == "appos"), None)
        if following is None:
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            following = _child(of, "pobj") if of is not None else None
        if following is None:
            return token
        token = following
    return token


def _is_group_noun(token: Token, lex: ClaimLexicon) -> bool:
    # a capitalised plural at a sentence start ("Guerrillas of the ...") keeps its "s" as a lemma
    words = {token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")}
    return bool(words & lex.group_nouns)


def _span(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _clause(verb: Token) -> Span:
    """The evidence: the sentence the verb stands in, without its final punctuation."""
    sent = sentence_of(verb)
    end = sent.end
    while end > sent.start + 1 and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
        end -= 1
    start = sent.start
    while start < end - 1 and sent.doc[start].is_space:
        start += 1
    return sent.doc[start:end]


def _hedged(verb: Token, clause: Span, lex: ClaimLexicon) -> bool:
    """Hedged when a hedge word sits in the claim's clause ("suspected", "believed to", "likely")."""
    return any(t.lemma_.lower() in lex.hedges or t.lower_ in lex.hedges for t in clause)


def _events_about(about: Span | None, clause: Span, events: list[Event], lex: ClaimLexicon,
                  deed: Token | None = None) -> list[list[str]]:
    """The events a claim may be about, as readings to try in turn: events told inside what the
    claim is about (any of their mentions: an incident's trigger may be another sentence's word);
    events inside the reported deed's clause ("police said guerrillas ATTACKED the farm", "said
    the MURDER was carried out by Y"); and when the words name an attack ("the attack"), the
    ASSAULT events of the article."""
    readings: list[list[str]] = []
    if about is not None:
        readings.append([e.id for e in events if any(about.start_char <= m.start and m.end <= about.end_char
                                                     for m in _mentions(e))])
    if deed is not None:
        lo, hi = deed.left_edge.idx, deed.right_edge.idx + len(deed.right_edge)
        readings.append([e.id for e in events if e.type in {"ASSAULT", "COERCE"}
                         and any(lo <= m.start and m.end <= hi for m in _mentions(e))])
    words = about if about is not None else clause
    if any(t.lemma_.lower() in lex.attack_nouns for t in words):
        readings.append([e.id for e in events if e.type == "ASSAULT"
                         and not (clause.start_char <= e.trigger.start < clause.end_char)]
                        or [e.id for e in events if e.type == "ASSAULT"])
    return [ids for ids in readings if ids]


def _mentions(event: Event) -> list[ModelSpan]:
    return [event.trigger, *event.evidence]


# Deed verbs that say only that something was done ("carried out his job", "conducted a survey"):
# violent only through their object.
_LIGHT_DEEDS = frozenset({"carry", "conduct", "launch", "perpetrate", "stage", "execute", "commit",
                          "organize", "organise", "mastermind", "order"})


def _violent_deed(deed: Token, events: list[Event], lex: ClaimLexicon) -> bool:
    """Whether a claimed deed is an act of violence: a violent verb ("killed", "bombed"), or a
    light verb whose object is an attack word or a violent event ("carried out the attack")."""
    if deed.lemma_.lower() not in _LIGHT_DEEDS:
        return True
    obj = _deed_object(deed)
    return obj is not None and _violent(obj, events, lex)
