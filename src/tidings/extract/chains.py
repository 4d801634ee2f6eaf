"""Event chains within an article: "the strikes came in retaliation for the attack" links the
strike event to the attack event (``Event.links``: relation, the earlier event's id, the cue span).

Read from the parse, not from adjacency: the cue phrase (``data/chains.yaml``) ends in a
preposition or conjunction whose object must be an extracted event ("after the ATTACK", "after
militants ATTACKED", "following the BOMBING", or a definite event noun standing for an earlier one:
"in response to the INCIDENT"), and the cue must hang on another extracted event ("police
ARRESTED three men after ..."), or on a verb whose object, subject or "with" phrase is one ("the
army launched an OFFENSIVE after ...", "the STRIKES came in retaliation for ...", "responded with
air STRIKES"). So a temporal "after" before a time ("after midnight", "days after Sunday's vote")
or a cue whose object names no event ("in response to a question") links nothing. Both events
are in one sentence; the link goes on the later event and names the earlier one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..datafiles import load_yaml
from ..models import Event, EventLink, Span
from ..annotate.document import sentence_of, text_of

# A cue's closing preposition: the word before it is the phrase's key word ("retaliation" in "in
# retaliation for", "wake" in "in the wake of"); other phrases end in it ("after", "to avenge").
_CLOSING = {"for", "to", "against", "of"}


@dataclass(frozen=True)
class ChainRules:
    cues: dict[tuple[str, ...], str]  # phrase words -> relation
    pattern: re.Pattern[str]  # every phrase, longest first, on word boundaries
    keys: tuple[str, ...]  # one word of each phrase, found with str.find before the pattern runs
    reach: int  # characters of the longest phrase: how far around a key word the pattern looks
    longest: int
    confidence: dict[str, float]
    indirect_penalty: float
    event_nouns: frozenset[str]


@lru_cache(maxsize=1)
def chain_rules() -> ChainRules:
    """The cue phrases of ``data/chains.yaml``, loaded once."""
    raw = load_yaml("chains.yaml")
    cues = {tuple(str(phrase).lower().split()): relation
            for relation, phrases in raw["cues"].items() for phrase in phrases}
    phrases = sorted(cues, key=len, reverse=True)
    # Finding the cues must stay cheap (a chain is rare; the stage should cost <1% of extraction):
    # a Python pass over every token cost 3.5% of extraction time on 326 news articles, one
    # IGNORECASE expression over the text 3%. Now each phrase's key word (its last, or the one
    # before a closing preposition: "retaliation", "after") is found with str.find in the
    # lowercased text, and the expression runs only around it.
    pattern = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, words)) for words in phrases)
                         + r")\b")
    keys = {words[-2] if words[-1] in _CLOSING and len(words) > 1 else words[-1] for words in cues}
    return ChainRules(
        cues=cues, pattern=pattern, keys=tuple(sorted(keys)),
        reach=max(len(" ".join(words)) for words in cues) + 1,
        longest=max(len(words) for words in cues),
        confidence={k: float(v) for k, v in raw["confidence"].items()},
        indirect_penalty=float(raw["indirect_penalty"]),
        event_nouns=frozenset(str(w).lower() for w in raw["event_nouns"]),
    )


# Dependency labels of a cue's object: a noun ("after the attack": pobj), a verb-tagged
# "following" taking an object ("following the bombing": dobj), a gerund ("after storming": pcomp).
_OBJECT_DEPS = {"pobj", "dobj", "pcomp"}
_DEFINITE = {"the", "this", "that", "these", "those", "its", "their"}


def link_chains(doc: Doc, events: list[Event]) -> None:
    """Add a link to each event that a cue phrase ties to an earlier-told or earlier-happened event."""
    if len(events) < 2:
        return
    rules = chain_rules()
    owner = _Owner(events)
    text = text_of(doc)
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lowercase is longer ("İ"): offsets would move
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for start, end in _cue_ranges(lowered, rules):
        cue = doc.char_span(start, end)
        if cue is None:
            continue  # a phrase that splits a token: not the words of the cue
        relation = rules.cues[tuple(lowered[start:end].split())]
        _link_one(doc, cue, relation, events, owner, rules)


def _cue_ranges(lowered: str, rules: ChainRules) -> list[tuple[int, int]]:
    """Character ranges of the cue phrases in the lowercased text, in text order; a phrase inside
    a longer one ("after" in "days after") is left out."""
    found: set[tuple[int, int]] = set()
    for key in rules.keys:
        at = lowered.find(key)
        while at != -1:
            for match in rules.pattern.finditer(lowered, max(0, at - rules.reach), at + len(key) + rules.reach):
                if match.start() <= at < match.end():
                    found.add(match.span())
            at = lowered.find(key, at + len(key))
    return sorted(r for r in found if not any(o != r and o[0] <= r[0] and r[1] <= o[1] for o in found))


class _Owner:
    """Which event a token belongs to: the event whose trigger (first) or an evidence span covers
    its first character. A few lookups per cue: a scan beats building a map of every token."""

    def __init__(self, events: list[Event]):
        self.events = events
        self.spans: list[tuple[int, int, Event]] | None = None  # built on the first lookup

    def get(self, token: Token) -> Event | None:
        if self.spans is None:
            self.spans = [(e.trigger.start, e.trigger.end, e) for e in self.events] + \
                [(s.start, s.end, e) for e in self.events for s in e.evidence]
        char = token.idx
        for start, end, event in self.spans:
            if start <= char < end:
                return event
        return None


def _link_one(doc: Doc, cue, relation: str, events: list[Event], owner: _Owner,
              rules: ChainRules) -> None:
    last = cue[-1]
    if last.dep_ == "mark":  # "after militants attacked": the conjunction marks the earlier clause
        obj, anchor = last.head, last.head.head
        if obj.dep_ != "advcl" or anchor.i == obj.i:
            return
    else:
        objects = [c for c in last.rights if c.dep_ in _OBJECT_DEPS]
        if not objects:
            return
        # the cue hangs on its root's head: "in" of "in response to", "after" of "a week after"
        obj, anchor = objects[0], cue.root.head
    earlier, indirect_earlier = _earlier_event(obj, events, owner, rules)
    if earlier is None:  # most cues: "after midnight", "following talks" with no talks extracted
        return
    later, indirect_later = _later_event(anchor, owner)
    if later is None or earlier is later:
        return
    if sentence_of(obj) != sentence_of(anchor):
        return
    confidence = rules.confidence[relation] - rules.indirect_penalty * (indirect_earlier + indirect_later)
    text = text_of(doc)
    start, end = cue[0].idx, cue[-1].idx + len(cue[-1])
    if any(link.event_id == earlier.id for link in later.links):
        return
    later.links.append(EventLink(
        relation=relation, event_id=earlier.id,
        cue=Span(text=text[start:end], start=start, end=end),
        confidence=round(max(confidence, 0.05), 2)))


def _earlier_event(obj: Token, events: list[Event], owner: _Owner,
                   rules: ChainRules) -> tuple[Event | None, bool]:
    """The event the cue's object names: the object is its trigger or a merged mention; or one step
    away, the event of a verb's subject or object ("hours after the CEASEFIRE took effect") or of
    a noun's "of" phrase ("after a week of FIGHTING"); or a definite event noun ("the incident")
    standing for the nearest event told before it."""
    if (event := owner.get(obj)) is not None:
        return event, False
    event = None
    if obj.pos_ in {"VERB", "AUX"}:
        event = _child_event(obj, {"nsubj", "nsubjpass", "dobj"}, owner)
    elif obj.pos_ == "NOUN":
        event = _prep_event(obj, "of", owner)
    if event is not None:
        return event, True
    if obj.lower_ in rules.event_nouns and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in obj.lefts):
        before = [e for e in events if e.trigger.end <= obj.idx]
        if before:
            return max(before, key=lambda e: e.trigger.start), True
    return None, False


def _later_event(anchor: Token, owner: _Owner) -> tuple[Event | None, bool]:
    """The event the cue hangs on: the anchor's own; or, when the anchor is a verb that is no
    event, the event of its object ("the army LAUNCHED an offensive after ..."), its subject ("the
    strikes CAME in retaliation for ...") or its "with" phrase ("RESPONDED WITH air strikes")."""
    if (event := owner.get(anchor)) is not None:
        return event, False
    if anchor.pos_ in {"VERB", "AUX"}:
        event = (_child_event(anchor, {"dobj"}, owner) or _child_event(anchor, {"nsubj", "nsubjpass"}, owner)
                 or _prep_event(anchor, "with", owner))
        if event is not None:
            return event, True
    return None, False


def _child_event(token: Token, deps: set[str], owner: _Owner) -> Event | None:
    for child in token.children:
        if child.dep_ in deps and (event := owner.get(child)) is not None:
            return event
    return None


def _prep_event(token: Token, preposition: str, owner: _Owner) -> Event | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            found = _child_event(prep, {"pobj"}, owner)
            if found is not None:
                return found
    return None
