"""Event roles: who acted (source) and on whom (target), read from the dependency parse.

An event's trigger heads ("attacked", "the attack") give their role tokens (subject and object,
passive "by" agents, "on"/"against" objects, possessives of event nouns); each role token is then
resolved to the actor mention it stands for. Frame events (promises, demands, refusals) take their
roles from the frame: a demand is the speaker's, addressed to the one told to act.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..models import Actor
from .actors import actor_for, registry
from .document import in_dateline, sentence_of

if TYPE_CHECKING:
    from .events import Frames


def event_roles(heads: list[Token], frame: str | None, verb: Token | None, actors: list[Actor],
                frames: Frames) -> tuple[list[Actor], list[Actor]]:
    """Source and target actors of an event whose mentions have these syntactic heads; ``frame``
    and ``verb`` are a frame event's kind and the verb it governs."""
    sources: list[Actor] = []
    targets: list[Actor] = []
    for head in heads:
        s, t = _roles(head, "NOUN" if head.pos_ in {"NOUN", "PROPN"} else "VERB", frames)
        sources += [a for a in (_actor(x, actors, frames) for x in s) if a is not None]
        targets += [a for a in (_actor(x, actors, frames) for x in t) if a is not None]
    if frame is not None and verb is not None:
        sources, targets = _frame_roles(frame, verb, sources, targets, actors, frames)
    sources = _unique(sources)
    targets = [a for a in _unique(targets) if (a.start, a.end) not in {(s.start, s.end) for s in sources}]
    return sources, targets


def conjuncts(token: Token) -> list[Token]:
    """A token and the conjuncts after it ("Iran and Iraq": both)."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def _frame_roles(frame: str, verb: Token, sources: list[Actor], targets: list[Actor], actors: list[Actor],
                 frames: Frames) -> tuple[list[Actor], list[Actor]]:
    """Who promises, demands or refuses, and of whom. A promise or refusal is its subject's
    ("Syria is willing to withdraw": Syria, through "is willing"); a demand ("Libya must hand
    over the suspects, Britain said") is the reporting speaker's, addressed to the subject."""
    if frame == "obligation":
        cur, steps = verb, 0
        while cur.dep_ in {"ccomp", "conj", "acl", "relcl", "xcomp", "advcl"} and cur.head is not cur and steps < 5:
            cur, steps = cur.head, steps + 1
        speaker = [c for c in cur.children if c.dep_ == "nsubj"] if cur is not verb else []
        demanded = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return ([a for a in (_actor(x, actors, frames) for x in speaker) if a is not None],
                [a for a in (_actor(x, actors, frames) for x in demanded) if a is not None])
    if not sources:
        governor = verb.head
        if governor.dep_ == "acomp":  # "is willing to", "is ready to"
            governor = governor.head
        subjects = [c for c in governor.children if c.dep_ == "nsubj"]
        sources = [a for a in (_actor(x, actors, frames) for x in subjects) if a is not None]
    return sources, targets


def _unique(actors: list[Actor]) -> list[Actor]:
    """One entry per participant: two mentions of the same resolved actor ("a US base ... American
    soldiers") are one target; the first mention is its evidence."""
    seen, out = set(), []
    for a in actors:
        key = a.registry_id or (a.start, a.end)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _roles(head: Token, pos: str, frames: Frames) -> tuple[list[Token], list[Token]]:
    """Source and target tokens of a trigger from the parse."""
    sources: list[Token] = []
    targets: list[Token] = []
    if pos == "VERB":
        verb = head
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or verb.tag_ == "VBN" and verb.dep_ in {"amod", "acl"}
        for c in verb.children:
            if c.dep_ == "nsubj":
                sources += conjuncts(c)
            elif c.dep_ == "nsubjpass":
                targets += conjuncts(c)
            elif c.dep_ in {"dobj", "attr"}:
                targets += conjuncts(c)
            elif c.dep_ == "agent":
                sources += [g for p in c.children if p.dep_ == "pobj" for g in conjuncts(p)]
            elif c.dep_ == "prep" and c.lower_ in {"on", "against", "at"}:
                targets += [g for p in c.children if p.dep_ == "pobj" for g in conjuncts(p)]
        if not sources and verb.dep_ in {"xcomp", "advcl", "conj"} and not passive:
            sources += [c for c in verb.head.children if c.dep_ == "nsubj"]
        if verb.dep_ in {"relcl", "acl"}:
            (targets if passive else sources).append(verb.head)
    else:
        noun = head
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in {"compound", "amod"} and c.ent_type_ in {"ORG", "NORP", "GPE"}):
                sources.append(c)
            elif c.dep_ == "prep" and c.lower_ in {"on", "against", "at", "targeting"}:
                targets += [g for p in c.children if p.dep_ == "pobj" for g in conjuncts(p)]
            elif c.dep_ == "prep" and c.lower_ == "by":
                sources += [g for p in c.children if p.dep_ == "pobj" for g in conjuncts(p)]
        governor = noun.head
        # "claim" is no light verb: a claim of an attack is the claims extractor's business.
        if noun.dep_ == "dobj" and governor.lemma_.lower() in frames.light_verbs:
            sources += [c for c in governor.children if c.dep_ == "nsubj"]
    return sources, targets


def _actor(token: Token, actors: list[Actor], frames: Frames) -> Actor | None:
    """The actor a role token stands for; None when it names no participant (an instrument, an
    event, a place)."""
    doc = token.doc
    if token.like_num or token.lemma_.lower() in frames.group_quantities:
        # "Thousands of protesters marched": the participants are the object of "of"
        of = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
        if of:
            token = of[0]
    span = doc[token.left_edge.i if token.left_edge.i >= sentence_of(token).start else token.i : token.i + 1]
    for actor in actors:
        if actor.start <= token.idx < actor.end:
            return actor
    if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} and not in_dateline(token.doc, token.idx):
        return actor_for(span, actors)
    # "Hamas positions", "Iraq's army bases": a thing owned by an actor stands for that actor
    for child in token.lefts:
        if child.dep_ in {"compound", "poss", "amod"} and child.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"}:
            found = _actor(child, actors, frames)
            if found is not None:
                return _as_military(found, token)
    return None


def _as_military(owner: Actor, asset: Token) -> Actor:
    """A state's base, convoy or ship stands for its armed forces."""
    reg = registry()
    if owner.sector != "GOV" or owner.country is None or asset.lemma_.lower() not in reg.military_assets:
        return owner
    entry = reg.state_entry(owner.country, "MIL")
    if entry is None:
        return owner
    return owner.model_copy(update={"name": entry.name, "kind": entry.kind, "sector": "MIL",
                                    "registry_id": entry.id})
