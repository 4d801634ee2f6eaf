"""Event roles: who acted (source), on whom or what (target), with what (instrument).

The grammar is data: ``data/event_roles.yaml`` holds spaCy DependencyMatcher patterns, each naming
the role its filler plays for an event word ("Rebels ATTACKED the convoy": subject -> source;
"the journalist's ARREST": possessor -> target; "Iranian missiles were FIRED": the weapon's owner
-> suspected source). Each event's trigger heads are matched against them (once per head and
document). Each role token is then resolved to the actor mention it stands for. Frame
events (promises, demands, refusals) take their roles from the frame: a demand is the speaker's,
addressed to the one told to act.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.tokens import Span as SpacySpan, Token

from ..datafiles import english_words, load_yaml
from ..models import Actor, Span
from ..kb.triggers import trigger_types
from .actors import actor_for, in_masthead, registry, street_name, unnamed_doer
from .casualties import load_lexicon
from ..annotate.document import (
    QUOTE_MARKS, after_separators, age_in_commas, colon_after, direct_objects, entities_in, entity_at, has_object,
    headline_passive, in_dateline, in_site_name, pronoun_agrees, sentence_of, sentences, text_of,
)

if TYPE_CHECKING:
    from .events import Frames

ROLES = ("source", "target", "instrument", "parties")
# A hedged actor (a weapon's owner: suspected, not stated) keeps this share of its confidence.
_HEDGE = 0.5

@dataclass(frozen=True)
class RolePattern:
    name: str
    trigger: str  # "verb" | "noun"
    role: str
    pattern: list[dict[str, Any]]
    when: str | None = None  # "passive" | "active"
    fallback: bool = False
    conjuncts: bool = True
    hedged: bool = False
    subjectless: bool = False
    fronted: bool = False  # only for an event noun in a phrase before the verb it hangs from
    example: str = ""
    expect: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class RoleGrammar:
    patterns: tuple[RolePattern, ...]
    lexicons: dict[str, frozenset[str]]


@dataclass
class Roles:
    """An event's participants: actors, and the spans of its instruments and of the things hit."""

    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    instruments: list[Span] = field(default_factory=list)
    physical_targets: list[Span] = field(default_factory=list)


def _substitute(value: Any, lexicons: dict[str, list[str]]) -> Any:
    """``$name`` in a pattern's attributes -> that word list."""
    if isinstance(value, str) and value.startswith("$"):
        return list(lexicons[value[1:]])
    if isinstance(value, dict):
        return {k: _substitute(v, lexicons) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, lexicons) for v in value]
    return value


@lru_cache(maxsize=1)
def grammar() -> RoleGrammar:
    """``data/event_roles.yaml``, its ``$lexicons`` filled in (from it and ``event_frames.yaml``)
    and each pattern's trigger node limited to the word class it reads."""
    raw = load_yaml("event_roles.yaml")
    frames_raw = load_yaml("event_frames.yaml")
    lexicons = {k: [str(w).lower() for w in v] for k, v in frames_raw.items()}
    lexicons.update({k: [str(w).lower() for w in v] for k, v in raw["lexicons"].items()})
    patterns = []
    for spec in raw["patterns"]:
        nodes = _substitute(spec["pattern"], lexicons)
        pos = {"IN": ["NOUN", "PROPN"]} if spec["trigger"] == "noun" else {"NOT_IN": ["NOUN", "PROPN"]}
        nodes[0] = {**nodes[0], "RIGHT_ATTRS": {**nodes[0].get("RIGHT_ATTRS", {}), "POS": pos}}
        patterns.append(RolePattern(
            name=spec["name"], trigger=spec["trigger"], role=spec["role"], pattern=nodes,
            when=spec.get("when"), fallback=bool(spec.get("fallback", False)),
            conjuncts=bool(spec.get("conjuncts", True)), hedged=bool(spec.get("hedged", False)),
            subjectless=bool(spec.get("subjectless", False)), fronted=bool(spec.get("fronted", False)),
            example=spec.get("example", ""), expect=tuple(spec.get("expect") or ("", ""))))
    return RoleGrammar(tuple(patterns), {k: frozenset(v) for k, v in lexicons.items()})


_KEY = "tidings_roles"
# The token attributes the patterns may test, as spaCy's Matcher names them.
_ATTRS: dict[str, Any] = {
    "DEP": lambda t: t.dep_, "LEMMA": lambda t: t.lemma_, "LOWER": lambda t: t.lower_,
    "POS": lambda t: t.pos_, "TAG": lambda t: t.tag_, "ENT_TYPE": lambda t: t.ent_type_,
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text,
}


def _fits(token: Token, attrs: dict[str, Any]) -> bool:
    """Whether a token has the attributes of a pattern node (a value, or {IN: [...]} / {NOT_IN: [...]})."""
    for name, want in attrs.items():
        value = _ATTRS[name](token)
        if isinstance(want, dict):
            if "IN" in want and value not in want["IN"]:
                return False
            if "NOT_IN" in want and value in want["NOT_IN"]:
                return False
        elif value != want:
            return False
    return True


def _bind(nodes: list[dict[str, Any]], k: int, bound: dict[str, Token]) -> list[dict[str, Token]]:
    """Every way to bind nodes k.. given the nodes bound so far (REL_OP ">" child, "<" head)."""
    if k == len(nodes):
        return [dict(bound)]
    node = nodes[k]
    anchor = bound[node["LEFT_ID"]]
    if node["REL_OP"] == ">":
        options = list(anchor.children)
    elif node["REL_OP"] == "<":
        options = [anchor.head] if anchor.head is not anchor else []
    else:
        raise ValueError(f"event_roles.yaml: REL_OP {node['REL_OP']!r} is not supported (use > or <)")
    out = []
    for token in options:
        if token not in bound.values() and _fits(token, node.get("RIGHT_ATTRS", {})):
            out += _bind(nodes, k + 1, {**bound, node["RIGHT_ID"]: token})
    return out


def role_matches(head: Token) -> list[tuple[RolePattern, Token]]:
    """(pattern, filler) for every pattern that matches with ``head`` as its trigger. The patterns
    are spaCy DependencyMatcher patterns (tests/test_roles.py checks that spaCy's matcher agrees);
    they are read here from the trigger outwards, because an event has a handful of trigger heads
    and a document thousands of tokens: a DependencyMatcher over every document cost 29% of
    spaCy's own time, this a few milliseconds. Cached per document."""
    cache = head.doc.user_data.setdefault(_KEY, {})
    found = cache.get(head.i)
    if found is None:
        found = []
        for pat in grammar().patterns:
            if not _fits(head, pat.pattern[0].get("RIGHT_ATTRS", {})):
                continue
            for binding in _bind(pat.pattern, 1, {"trigger": head}):
                if (pat, binding["arg"]) not in found:
                    found.append((pat, binding["arg"]))
        cache[head.i] = found
    return found


def _passive(verb: Token) -> bool:
    """Whether a verb is passive: with its auxiliary, a participle modifying a noun ("the students
    detained by police") or completing a verb ("was found SHOT", "found a man SHOT"; "is believed to
    have CARRIED OUT" is active), or a headline's. A clausal
    modifier of a noun tagged as a past tense ("a man fatally SHOT during an argument") is the same
    participle mistagged: a past tense with its own subject would be a relative clause. A participle
    joined to a passive ("was shot and KILLED", "Man shot and KILLED": tagged a past tense too) with
    no subject, auxiliary or object of its own is passive too, and so is a participle the parse
    hangs as an adverbial clause with none of those ("... identity of a clerk fatally SHOT during a
    robbery")."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or \
        (verb.tag_ == "VBN" and verb.dep_ in {"amod", "acl"}) or \
        (verb.tag_ == "VBN" and verb.dep_ in {"xcomp", "oprd"} and not any(c.dep_ == "aux" for c in verb.children)) or \
        (verb.tag_ == "VBN" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in grammar().lexicons["finding_verbs"]
         and not any(c.dep_ == "aux" for c in verb.children)) or \
        (verb.tag_ == "VBD" and verb.dep_ == "acl" and not has_object(verb) and not _main_verb_as_acl(verb)) or \
        _headline_passive(verb) or \
        _reduced_relative(verb) or \
        _shares_passive_agent(verb) or \
        (verb.dep_ == "advcl" and verb.tag_ in {"VBN", "VBD"} and not has_object(verb)
         and not any(c.dep_ in {"nsubj", "aux", "mark"} for c in verb.children)) or \
        (((verb.dep_ == "conj" and verb.tag_ in {"VBN", "VBD"}) or (verb.dep_ == "advcl" and verb.tag_ == "VBN"))
         and verb.head.i != verb.i and not has_object(verb)
         and not any(c.dep_ in {"nsubj", "aux"} for c in verb.children) and _passive(verb.head))


def _reduced_relative(verb: Token) -> bool:
    """"The Tennessee boy, 7, KILLED inside a parked car ..., was flown to a hospital": a harm verb's
    participle with a subject but no auxiliary and no object is a passive the parse took for the
    clause's verb (an active past would be tagged a past tense)."""
    return verb.tag_ == "VBN" and verb.lemma_.lower() in grammar().lexicons["harm_verbs"] \
        and any(c.dep_ == "nsubj" for c in verb.children) and not direct_objects(verb) \
        and not any(c.dep_ in {"aux", "auxpass", "dative", "prt"} for c in verb.children)


def _main_verb_as_acl(verb: Token) -> bool:
    """"Graham, the senator, CALLED on ...": a past tense the parse hangs as a modifier on the
    sentence's subject, made its root, is the sentence's own verb (active)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and \
        verb.head.pos_ in {"NOUN", "PROPN"} and any(t.text == "," for t in verb.doc[verb.head.i:verb.i])


def _shares_passive_agent(verb: Token) -> bool:
    """"A driver SHOT and wounded by deputies Friday had a knife": a past tense with no object
    joined to a participle with a "by" agent is the same reduced passive, mistagged."""
    return verb.tag_ == "VBD" and not has_object(verb) and any(
        c.dep_ == "conj" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children)
        and not any(g.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for g in c.children) for c in verb.children)


def _headline_passive(verb: Token) -> bool:
    return verb.lemma_.lower() in grammar().lexicons["harm_verbs"] and headline_passive(verb)


@dataclass
class _RoleTokens:
    sources: list[tuple[Token, bool]] = field(default_factory=list)  # (token, hedged)
    targets: list[Token] = field(default_factory=list)
    instruments: list[Token] = field(default_factory=list)


def _role_tokens(head: Token) -> _RoleTokens:
    """The role fillers of one trigger head, from the document's pattern matches: direct fillers
    in text order, then fallbacks where no direct source was found."""
    kind = "noun" if head.pos_ in {"NOUN", "PROPN"} else "verb"
    passive = kind == "verb" and _passive(head)
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in head.children)
    fronted = _fronted(head)
    matches = [(p, t) for p, t in role_matches(head)
               if p.trigger == kind and (p.when is None or (p.when == "passive") == passive)
               and not (p.subjectless and own_subject) and (fronted or not p.fronted)]
    if fronted:
        # "IN a televised meeting with generals, Maduro accused the opposition": a phrase before
        # its verb sets the scene of the clause's subject; the verb's object is no doer of it
        matches = [(p, t) for p, t in matches if not (p.role == "source" and t.head.i == head.head.head.i
                                                      and t.dep_ in {"dobj", "obj", "dative"})]
    if kind == "verb" and head.dep_ == "relcl" and any(
            c.dep_ == "advmod" and c.lower_ in {"where", "when", "why"} for c in head.children):
        # "the region of Mosul, where the government is retaking territory": the noun is where or
        # when, not who
        matches = [(p, t) for p, t in matches if t.i != head.head.i]
    if kind == "noun" and head.dep_ in {"dobj", "oprd"} and (any(c.dep_ == "oprd" for c in head.head.children)
                                                          or pejorative_label(head.head) is not None):
        # "Macron called the explosion an attack", "called the attack cowardly": the verb names or
        # labels the event, its subject did not do it
        matches = [(p, t) for p, t in matches if p.role != "source" or t.head.i != head.head.i]
    # "Police: 23-year-old man shot": a word a colon closes opens a headline's or a line's
    # attribution, no party of what the colon introduces (the parse may hang the man on it)
    matches = [(p, filler) for p, t in matches if (filler := _past_attribution(t, head)) is not None]
    out = _RoleTokens()
    for fallback in (False, True):
        filled = {"source": bool(out.sources), "target": bool(out.targets), "instrument": bool(out.instruments)}
        for pat, arg in sorted(((p, t) for p, t in matches if p.fallback == fallback), key=lambda m: m[1].i):
            if fallback and filled.get(pat.role, False):
                continue  # a fallback only fills a role the direct patterns left empty
            fillers = conjuncts(arg) if pat.conjuncts else [arg]
            if pat.role == "source":
                out.sources += [(f, pat.hedged) for f in fillers if (f, pat.hedged) not in out.sources]
            elif pat.role == "target":
                out.targets += [f for f in fillers if f not in out.targets]
            elif pat.role == "instrument":
                out.instruments += [f for f in fillers if f not in out.instruments]
            elif pat.role == "parties":  # "between A and B": A acts, B is acted with
                out.sources.append((arg, pat.hedged))
                out.targets += [f for f in conjuncts(arg)[1:] if f not in out.targets]
    return out


def _named_as(child: Token) -> list[Token]:
    """The name an "identified as" participle gives the noun it hangs from ("the gunman,
    IDENTIFIED AS John Doe"): event_roles.yaml naming_participles."""
    if child.dep_ not in {"acl", "relcl", "appos"} or child.tag_ not in {"VBN", "VBD"} \
            or child.lemma_.lower() not in grammar().lexicons["naming_participles"]:
        return []
    return [g for p in child.children if p.dep_ == "prep" and p.lower_ == "as" for g in p.children if g.dep_ == "pobj"]


def _fronted(head: Token) -> bool:
    """Whether an event noun is in a phrase before the verb it hangs from ("DURING a visit to
    Paris, the minister signed")."""
    prep = head.head
    return head.dep_ == "pobj" and prep.dep_ == "prep" and prep.i < prep.head.i and prep.head.pos_ in {"VERB", "AUX"}


def _past_attribution(token: Token, head: Token) -> Token | None:
    """A role filler with a headline's attribution read past: for a word a colon closes, the noun
    after the colon the parse hangs on it ("Police: man shot": the man); else, before the trigger,
    None (no party); any other filler is itself."""
    if not colon_after(token):
        return token
    after = next((c for c in token.children if c.dep_ == "appos" and c.i > token.i + 1), None)
    return after if after is not None else None if token.i < head.i else token


def phrase_start(token: Token) -> int:
    """Where the noun phrase a word heads begins, within its sentence, past its articles,
    punctuation and possessive pronouns ("the four powerful rockets" -> "four")."""
    doc = token.doc
    start = max(token.left_edge.i, sentence_of(token).start)
    while start < token.i and (doc[start].pos_ in {"DET", "PUNCT"} or doc[start].tag_ == "PRP$"):
        start += 1
    return start


def _phrase(token: Token) -> Span:
    """The noun phrase a role word heads, up to the word ("the four powerful rockets" ->
    "four powerful rockets"): articles and possessive pronouns left off, nothing after the word."""
    doc = token.doc
    begin, end = doc[phrase_start(token)].idx, token.idx + len(token)
    return Span(text=text_of(doc)[begin:end], start=begin, end=end)


def event_roles(heads: list[Token], frame: str | None, verb: Token | None, actors: list[Actor],
                frames: Frames) -> Roles:
    """Source and target actors, instruments and physical targets of an event whose mentions
    have these syntactic heads; ``frame`` and ``verb`` are a frame event's kind and the verb it
    governs."""
    sources: list[Actor] = []
    targets: list[Actor] = []
    instruments: list[Span] = []
    things: list[Span] = []
    physical = grammar().lexicons["physical_targets"]
    for head in heads:
        found = _role_tokens(head)
        # "as Mercer lay in the road, HE fired", "he was arrested": for acts of force, a "he"
        # no reporting subject stands for is the one person named just before (for sayings too
        # weak a guess: it would keep a record that names no one)
        violent = _violent(head)
        # an unnamed person is the target of a legal step and of an act of force ("a man was SHOT":
        # whom, the man), as a coder writes it
        suffers = violent or _lemma_in(head, grammar().lexicons["legal_steps"])
        for token, hedged in found.sources:
            if _is_venue(token, physical):
                continue  # "the hotel injured ...": a place or a building never acts
            if any(c.dep_ == "acl" and c.tag_ == "VBN" and _lemma_in(c, grammar().lexicons["harm_verbs"])
                   for c in token.children):
                continue  # "Man INJURED in York City shooting": the one hurt, whatever the parse hangs on him
            # "the foreign ministers of Armenia AND AZERBAIJAN met": every body the holders speak for
            body = _body_of(token)
            if body is not None and len(conjuncts(body)) > 1:
                found_actors = [_actor(c, actors, frames) for c in conjuncts(body)]
            else:
                found_actors = [_actor(token, actors, frames) or (one_person_before(token, actors) if violent else None)
                                or subject_before(token, actors, frames)]
            for found_actor in found_actors:
                if found_actor is not None:
                    sources.append(found_actor.model_copy(update={"confidence": round(found_actor.confidence * _HEDGE, 2)})
                                   if hedged else found_actor)
        if not found.sources and head.pos_ in {"VERB", "AUX"}:
            reporter = _law_reporter(head, actors, frames)
            if reporter is not None:  # hedged: the report names no doer, the reporter's trade does
                sources.append(reporter.model_copy(update={"confidence": round(reporter.confidence * _HEDGE, 2)}))
        # "... and accused HIM of organising the killings": the one person named before, as for
        # acts of force
        pointed = violent or _lemma_in(head, grammar().lexicons["accusing_verbs"])
        for token in found.targets:
            actor = _actor(token, actors, frames, doer=False, unnamed=suffers) or (
                (_main_object(token, actors, frames) or one_person_before(token, actors)
                 or _unnamed_person_before(token, actors)) if pointed else None) \
                or subject_before(token, actors, frames, exclude=sources) \
                or (_accused_as_described(token, head, actors) if (pointed and not violent) or _lemma_in(
                    head, grammar().lexicons["demand_verbs"]) else None)
            if actor is not None:
                targets.append(actor)
            if token.lemma_.lower() in physical and token.ent_type_ not in {"PERSON", "NORP"}:
                things.append(_phrase(token))
        instruments += [_phrase(t) for t in found.instruments]
    if frame is not None and verb is not None:
        sources, targets = _frame_roles(frame, verb, sources, targets, actors, frames)
    sources = _unique(sources)
    targets = [a for a in _unique(targets) if (a.start, a.end) not in {(s.start, s.end) for s in sources}]
    # "Friend [of Bombing Suspect] ... convicted a friend": one description on both sides is a
    # misread headline, and who was acted on is the one the clause tells
    unnamed_targets = {a.name.lower() for a in targets if a.registry_id is None}
    sources = [a for a in sources if a.registry_id is not None or a.name.lower() not in unnamed_targets]
    return Roles(sources, targets, unique_spans(instruments), unique_spans(things))


def _is_venue(token: Token, physical: frozenset[str]) -> bool:
    """A place or building named as a doer ("the hotel injured ...", "a bomb at the market"): a
    facility or location entity, or a building that is no participant noun of its own ("the
    embassy said" stays the embassy's) and has no owner who acts through it ("al-Qaeda's network",
    "British aircraft", "a US base")."""
    if token.ent_type_ in {"FAC", "LOC"}:
        return True
    lemma = token.lemma_.lower()
    if lemma not in physical or lemma in registry().nouns or token.ent_type_:
        return False
    if lemma in grammar().lexicons["crewed"] or lemma in registry().military_assets:
        owners = {"ORG", "PERSON", "NORP", "GPE"}
    else:
        owners = {"ORG", "PERSON", "NORP"}  # "the Hilton hotel": a hotel's name is no owner
    return not any(c.dep_ in {"poss", "compound", "amod", "nmod"} and c.ent_type_ in owners for c in token.lefts)


_S = TypeVar("_S", bound=Span)


def unique_spans(spans: list[_S]) -> list[_S]:
    """The spans (or actors, places: any Span) in order, one per character range."""
    seen: set[tuple[int, int]] = set()
    out = []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out

def conjuncts(token: Token) -> list[Token]:
    """A token and the conjuncts after it ("Iran and Iraq": both)."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def pejorative_label(verb: Token) -> Token | None:
    """The condemning word of a label a verb puts on someone or something: "called the attack
    COWARDLY", "called Trump a con ARTIST" (its "con"), "described the raid as BARBARIC"
    (``labeling_verbs``, ``pejoratives``); None when the verb labels nothing so, is negated or
    has no subject."""
    lex = grammar().lexicons
    if verb.lemma_.lower() not in lex["labeling_verbs"] or any(k.dep_ == "neg" for k in verb.children):
        return None
    if not any(k.dep_ == "nsubj" for k in verb.children):
        return None  # "the so-called ...", "what is called ...": no one labels
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "punct", "cc", "conj", "advcl", "ccomp"}:
            continue
        for token in child.subtree:
            if token.lemma_.lower() in lex["pejoratives"] and token.i - child.i < 8:
                return token
    return None


def _frame_roles(frame: str, verb: Token, sources: list[Actor], targets: list[Actor], actors: list[Actor],
                 frames: Frames) -> tuple[list[Actor], list[Actor]]:
    """Who promises, demands or refuses, and of whom. A promise or refusal is its subject's
    ("Syria is willing to withdraw": Syria, through "is willing"); a demand ("Libya must hand
    over the suspects, Britain said") is the reporting speaker's, addressed to the subject."""
    if frame == "obligation":
        cur, steps = verb, 0
        while cur.dep_ in {"ccomp", "conj", "acl", "relcl", "xcomp", "advcl"} and cur.head.i != cur.i and steps < 5:
            cur, steps = cur.head, steps + 1
        speaker = [c for c in cur.children if c.dep_ == "nsubj"] if cur.i != verb.i else []
        demanded = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return ([a for a in (_actor(x, actors, frames) for x in speaker) if a is not None],
                [a for a in (_actor(x, actors, frames) for x in demanded) if a is not None])
    if frame == "labeling":
        if not targets:  # "called TRUMP a con artist": the parse hangs the one labelled on the label
            named = [t for c in verb.children if c.dep_ in {"oprd", "dobj"} for t in c.children
                     if t.dep_ in {"nmod", "poss", "compound"} and t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}]
            targets = [a for a in (_actor(x, actors, frames) for x in named) if a is not None]
        return sources, targets
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


def _actor(token: Token, actors: list[Actor], frames: Frames, doer: bool = True,
           unnamed: bool | None = None) -> Actor | None:
    """The actor a role token stands for; None when it names no participant (an instrument, an
    event, a place). Unnamed people ("two men") stand for themselves as a ``doer``, and where
    ``unnamed`` says so: as the ones an act of force or a legal step is taken against (the figures
    count them, the target names them)."""
    doc = token.doc
    if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        # "Salman Abedi, the British-Libyan WHO carried out the bombing": the noun the clause
        # describes, and the name that noun stands in apposition to
        antecedent = token.head.head
        if antecedent.dep_ == "appos" and antecedent.head.ent_type_ in {"PERSON", "ORG", "NORP"}:
            antecedent = antecedent.head
        return _actor(antecedent, actors, frames, doer)
    if token.pos_ == "PRON":
        # "Syria says IT is willing to withdraw": the reporting subject the pronoun stands for
        reporter = _reporting_subject(token)
        return _actor(reporter, actors, frames, doer) if reporter is not None else None
    if token.like_num or token.lemma_.lower() in frames.group_quantities:
        # "Thousands of protesters marched": the participants are the object of "of"
        of = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
        if of:
            token = of[0]
    if not token.ent_type_:
        # "a militia, Kataib al-Nour, attacked ...": the name in apposition says who the noun is;
        # "other leaders, INCLUDING Prime Minister Malcolm Turnbull": the one the text names
        rights = list(token.rights)
        if token.lemma_.lower() in registry().roles and not any(c.dep_ == "appos" for c in rights):
            # "The head of the department at the hospital, Maria Landaeta, called": the parse
            # hangs the name on the last noun of the title; it is the title holder's
            rights += [t for t in token.subtree if t.dep_ == "appos" and t.i > token.i
                       and t.i + 1 < len(doc) and doc[t.i + 1].text == "," and doc[t.i + 1].head.i != t.i
                       and t.right_edge.i + 2 == token.head.i]
        for child in rights:
            named = [child] if child.dep_ == "appos" else [
                g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "including" else \
                _named_as(child)
            for name in named:
                if name.ent_type_ in {"ORG", "PERSON", "NORP", "GPE"}:
                    found = _actor(name, actors, frames)
                    if found is not None:
                        return found
    first = token.left_edge.i if token.left_edge.i >= sentence_of(token).start else token.i
    while first < token.i and (doc[first].pos_ in {"DET", "PUNCT"} or (
            not doer and _count_of(doc[first], token))):
        # "the judge" -> "judge", as the mention finder writes descriptions; a victim without
        # the count the figures carry ("two men" -> "men"), as the figures name them
        first += 1
    first = after_separators(doc, first, token.i)  # "Newsroom - Top Stories - Investigators ID ..."
    span = doc[first : token.i + 1]
    if in_site_name(doc, token.idx):
        return None  # "... killed in shooting | Local News - Home": the page's name
    owned = _forces_of_reporter(token, span, actors, frames)
    if owned is not None:
        return owned
    named = _group_named_before(token, actors)
    if named is not None:
        return named
    if token.dep_ == "compound" and _lemma_in(token, grammar().lexicons["force_nouns"]):
        return actor_for(doc[token.i:token.i + 1], actors)  # "the POLICE killing": the police
    for actor in actors:
        if actor.start <= token.idx < actor.end:
            return actor
    if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} and not in_dateline(token.doc, token.idx):
        ent = entity_at(token)
        if ent is not None and street_name(ent):
            return None  # "kidnapped on Pock Lane" (a street the model took for a name): where
        if in_masthead(doc[token.i:token.i + 1]):
            return None  # "... | FOX5 San Diego - San Diego News, Weather | ...": the site's name
        found = actor_for(span, actors)
        after = doc[token.i + 1: token.i + 3]  # "Indianapolis north SIDE", "Dayton's west SIDE"
        if token.ent_type_ == "GPE" and found.registry_id is None and any(
                t.lemma_.lower() in grammar().lexicons["areas"] for t in (*token.children, token.head, *after)):
            return None  # "shot on the Indianapolis north side": a part of a town is where, not who
        if token.ent_type_ == "GPE" and found.registry_id is None and token.dep_ in {"compound", "nmod"} \
                and trigger_types(token.head.lemma_.lower(), "NOUN"):
            return None  # "the SAN BERNARDINO shooting", "the TULSA protest": a town names where, not who
        return found
    body = _body_of(token)
    if body is not None:
        return _actor(body, actors, frames)
    if token.lemma_.lower() in registry().roles:
        return actor_for(span, actors)  # "the judge", "the mayor of Achi": a person
    if token.lemma_.lower() in grammar().lexicons["own_parties"]:
        # "the Syrian opposition": a party of its own, described by the whole phrase
        return actor_for(span, actors)
    if token.lemma_.lower() in grammar().lexicons["areas"]:
        return None  # "on the Indianapolis north side": where, not who
    # "Hamas positions", "Iraq's army bases": a thing owned by an actor stands for that actor. A
    # person is owned by no town and no people ("a Memphis teenager" is not Memphis): a people's
    # name makes the phrase a person of that people ("a Palestinian man", "her Chinese counterpart"),
    # not its state (a town the model tagged as a people names no one)
    person = _lemma_in(token, grammar().lexicons["people"]) or _lemma_in(token, grammar().lexicons["kin"])
    if person and any(c.ent_type_ == "NORP" and (registry().country_of(c.text) is not None
                                                 or registry().lookup(c.text) is not None) for c in token.lefts):
        return actor_for(span, actors)
    for child in [] if person else token.lefts:
        if child.dep_ == "compound" and _lemma_in(child, grammar().lexicons["venue_words"]):
            continue  # "the Manchester ARENA bombing", "the Boston MARATHON bombing": where, not who
        if (child.dep_ in {"compound", "poss", "amod", "nmod"} and child.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"}) \
                or (child.dep_ == "poss" and any(a.start <= child.idx < a.end for a in actors)):
            # (an owner the actors finder named without the model: "the ATTORNEY GENERAL's office")
            found = _actor(child, actors, frames)
            if found is not None:
                return _as_military(found, token)
    if token.pos_ == "NOUN":
        # "condemned the nuclear test BY NORTH KOREA": an act or a thing made stands for its doer
        preps = list(token.children)
        if token.dep_ == "dobj" and any(k.dep_ == "nsubj" for k in token.head.children):
            # (the parse hangs "by North Korea" on the active verb, which has its own subject)
            preps += [c for c in token.head.children if c.i == token.right_edge.i + 1]
        by = [g for c in preps if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
              if g.dep_ == "pobj" and g.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"}]
        if by:
            found = _actor(by[0], actors, frames)
            if found is not None:
                return found
    owner = next((c for c in token.lefts if c.dep_ == "poss" and (c.ent_type_ == "PERSON" or (
        c.pos_ == "PROPN" and c.ent_type_ in {"", "ORG"}))), None)
    if owner is not None and person:
        # "Keith Scott's WIFE pleaded", "Scott's RELATIVES asked": the kin of a named person are a
        # party of their own, not the person
        whole = doc[owner.left_edge.i: token.i + 1]
        found = actor_for(doc[token.i: token.i + 1], [])
        return found.model_copy(update={"text": whole.text, "start": whole.start_char, "end": whole.end_char,
                                        "name": whole.text})
    if (doer if unnamed is None else unnamed) and (_lemma_in(token, grammar().lexicons["people"]) or (
            not doer and _lemma_in(token, grammar().lexicons["kin"]))):
        # "two men shot the judge": unnamed people who act are participants too, and so are
        # those shot or arrested where ``unnamed`` says so. A name the model took for a person
        # before the noun is the town ("a STOCKTON man"): the noun is who, not the name.
        names = [t.i for t in span if t.dep_ == "compound" and t.head.i == token.i and t.ent_type_ == "PERSON"]
        if names:
            span = doc[max(names) + 1: token.i + 1]
            return next((a for a in actors if a.start == span.start_char and a.end == span.end_char), None) \
                or actor_for(span, [a for a in actors if a.start >= span.start_char])
        return actor_for(span, actors)
    if token.pos_ == "PROPN" and token.is_title and age_in_commas(doc, token.i + 1):
        # "Police arrested Phi Pham, 33, over the weekend": a name the model left untagged, with an
        # age, is a person's
        named = actor_for(span, actors)
        return named.model_copy(update={"kind": "person"}) if named.registry_id is None else named
    return None


def _accused_as_described(token: Token, verb: Token, actors: list[Actor]) -> Actor | None:
    """Whom an accusation or a request names as its object, as the text describes it, when no
    mention finder knows the words: "accused THE COMMISSION of ignoring ...", "accused the outside
    PROMOTER who rented the club of ...", "urged all PARTIES to", "called on PARTNERS to",
    "appealed to international PARTNERS". The verb's own object (or the object of its "on", "to",
    "with"), a noun that is no place and no pronoun."""
    own = token.dep_ == "dobj" and token.head.i == verb.i and (
        not _lemma_in(verb, grammar().lexicons["demand_verbs"])
        or any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children))  # "urged X TO ...", not "demanded CASH"
    asked = token.dep_ == "pobj" and token.head.head.i == verb.i and token.head.lower_ in {"on", "to", "with"}
    if not (own or asked) or token.pos_ not in {"NOUN", "PROPN"} \
            or token.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME"} \
            or _lemma_in(token, grammar().lexicons["people"]) or trigger_types(token.lemma_.lower(), "NOUN"):
        return None  # (an unnamed "man" is no party to a request; "labelled the ATTACK cowardly" names a deed)
    doc = token.doc
    first = token.left_edge.i
    while first < token.i and (doc[first].pos_ in {"DET", "PUNCT"} or doc[first].dep_ == "quantmod"):
        first += 1
    return actor_for(doc[first: token.i + 1], actors)


def _forces_of_reporter(token: Token, span: SpacySpan, actors: list[Actor], frames: Frames) -> Actor | None:
    """"Turkey's defence ministry said ITS FORCES had killed three militants", "the ELN said ITS
    FIGHTERS struck": armed men owned by a pronoun are the forces of the one who reports their
    act (a state's military, a group itself). None for anything else."""
    reg = registry()
    kind = reg.nouns.get(token.lemma_.lower(), ("", ""))
    if kind[0] not in {"state_forces", "armed_group"} or not any(
            c.dep_ == "poss" and c.tag_ == "PRP$" and c.lower_ in _POSSESSIVES for c in token.children):
        return None
    clause = token.head
    for _ in range(4):
        if clause.lemma_.lower() in grammar().lexicons["reporting_verbs"]:
            break
        if clause.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or clause.head.i == clause.i:
            return None
        clause = clause.head
    else:
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.i >= token.i:
        return None
    owner = _actor(subject, actors, frames)
    if owner is None:
        return None
    mention = actor_for(span, actors)
    if owner.country is not None and owner.kind in {"government", "state_forces"}:
        entry = reg.state_entry(owner.country, "COP" if kind[1] == "COP" else "MIL")
        if entry is not None:
            return mention.model_copy(update={"name": entry.name, "kind": entry.kind, "sector": entry.sector,
                                              "country": owner.country, "registry_id": entry.id})
    if owner.kind in {"armed_group", "organization", "political_party", "state_forces", "government"}:
        return mention.model_copy(update={"name": owner.name, "kind": owner.kind, "sector": owner.sector,
                                          "country": owner.country, "registry_id": owner.registry_id})
    return None


_GROUP_KINDS = frozenset({"armed_group", "political_party", "organization"})


def _group_named_before(token: Token, actors: list[Actor]) -> Actor | None:
    """"THE GROUP said its fighters ...", "the Islamist group", "this faction": a definite group
    noun that names no group itself stands for the group named last before it, in its sentence or
    the two before (a registry entry or a capitalised name of a group). None when none is named."""
    if not _lemma_in(token, grammar().lexicons["group_anaphors"]) or token.ent_type_ or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.lefts):
        return None
    if any(c.dep_ in {"compound", "poss"} or c.ent_type_ for c in token.lefts) or any(
            c.dep_ in {"appos", "prep"} for c in token.rights):
        return None  # "the Wagner group", "the group's", "the group, X,", "the group of villagers"
    since = _since_sentence_before(token, 2).start_char
    before = [a for a in actors if since <= a.start and a.end <= token.idx and a.kind in _GROUP_KINDS
              and (a.registry_id or a.text[:1].isupper()) and not unnamed_doer(a)]
    return before[-1] if before else None


def _body_of(token: Token) -> Token | None:
    """The body a role holder or a member belongs to or speaks for: "the deputy chief OF the
    militia", "members OF the front", "negotiators FOR the government". A place after "of" is
    where the holder serves ("the mayor OF Achi" is the mayor, a person, not the town), unless
    several are named ("the foreign ministers of ARMENIA and Azerbaijan": the two states met). None
    for a word that is no role or membership."""
    member = _lemma_in(token, grammar().lexicons["member_nouns"])
    if not member and token.lemma_.lower() not in registry().roles:
        return None
    preps = {"of"} | ({"for", "from"} if member else set())
    body = next((p for c in token.children if c.dep_ == "prep" and c.lower_ in preps
                 for p in c.children if p.dep_ == "pobj"), None)
    if body is None or (body.ent_type_ in {"GPE", "LOC", "FAC"} and len(conjuncts(body)) < 2):
        return None
    if body.ent_type_ == "PERSON":
        return None  # "leaders and neighbors OF Salman Abedi": a person is no body anyone speaks for
    return body


def _law_reporter(verb: Token, actors: list[Actor], frames: Frames) -> Actor | None:
    """Who took a legal step written without its doer, when they report it themselves: "three
    men were arrested, POLICE said", "... was charged, according to the SHERIFF'S OFFICE" (a
    coder writes the police as the arresting side). None when someone else reports it."""
    if not _passive(verb) or not _lemma_in(verb, grammar().lexicons["legal_steps"]):
        return None
    clause = verb
    for _ in range(3):  # "was arrested and charged, police said": up through joined verbs
        if clause.dep_ not in {"conj", "ccomp"} or clause.head.i == clause.i:
            break
        clause = clause.head
        if clause.lemma_.lower() in grammar().lexicons["saying_verbs"]:
            break
    reporter = None
    if clause.lemma_.lower() in grammar().lexicons["saying_verbs"]:
        reporter = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    else:
        reporter = next((c for c in clause.children if c.dep_ == "parataxis"
                         and c.lemma_.lower() in grammar().lexicons["saying_verbs"]), None)
        reporter = next((c for c in reporter.children if c.dep_ == "nsubj"), None) if reporter is not None else None
    if reporter is None:
        # "..., according TO police"
        reporter = next((p for t in sentence_of(verb) if t.lower_ == "according" and t.i + 1 < len(verb.doc)
                         for p in verb.doc[t.i + 1].children if p.dep_ == "pobj"), None)
    if reporter is None:
        # "Deputies were called to the house ... A man WAS ARRESTED": the police the text named
        # last, in the sentence or the two before it
        since = _since_sentence_before(verb, 2).start_char
        police = [a for a in actors if a.kind == "state_forces" and a.sector == "COP" and since <= a.start < verb.idx]
        return police[-1] if police else None
    if reporter.pos_ != "PRON" and not _lemma_in(reporter, grammar().lexicons["law_enforcers"]):
        # "a SPOKESWOMAN for the District Attorney's Office said": the body the speaker speaks for
        body = _body_of(reporter)
        reporter = body if body is not None else reporter
    if reporter.pos_ == "PRON" or not _lemma_in(reporter, grammar().lexicons["law_enforcers"]):
        return None
    found = _actor(reporter, actors, frames)
    if found is None:  # "the Los Angeles County District Attorney's OFFICE": the office as written
        first = reporter.left_edge.i + (reporter.left_edge.pos_ == "DET")
        found = actor_for(reporter.doc[first:reporter.i + 1], actors)
    return found


@lru_cache(maxsize=1)
def _counts() -> frozenset[str]:
    """The counting words: event_roles.yaml's ``counts`` and the casualty lexicon's vague amounts."""
    return frozenset(grammar().lexicons["counts"]) | frozenset(load_lexicon().vague_amounts)


def _count_of(word: Token, noun: Token) -> bool:
    """Whether a word counts the noun ("TWO men", "SEVERAL men", "TWO MORE persons"), not
    describes it ("27-year-old man")."""
    counts = _counts()
    if not (word.like_num or word.lower_ in counts) or word.dep_ not in {"nummod", "amod", "quantmod"}:
        return False
    return word.head.i == noun.i or (word.head.lower_ in counts and word.head.head.i == noun.i)


def _lemma_in(token: Token, words: frozenset[str] | list[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


_SELF = frozenset({"it", "he", "she", "they", "we", "i"})


def _violent(head: Token) -> bool:
    """Whether a trigger word names an act of force or coercion (an ASSAULT or COERCE trigger)."""
    return bool(trigger_types(head.lemma_.lower(), head.pos_) & {"ASSAULT", "COERCE"})


def _since_sentence_before(token: Token, back: int = 1) -> SpacySpan:
    """The text from the start of the sentence ``back`` sentences before a word's up to the word."""
    spans, index = sentences(token.doc)
    return token.doc[spans[max(index[token.i] - back, 0)].start:token.i]


def _main_object(pronoun: Token, actors: list[Actor], frames: Frames) -> Actor | None:
    """The party "it", "them" or "him" stands for in a participle's clause after the main one:
    what the main clause acted on ("sanctioned six officers, accusing THEM of torture", "suspended
    a radio station, accusing IT of spreading panic"), nearest first, of the pronoun's number."""
    word = pronoun.lower_
    verb = pronoun.head
    if pronoun.pos_ != "PRON" or word not in {"it", "them", "him", "her"} or pronoun.dep_ not in {"dobj", "obj"} \
            or verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "conj", "xcomp"}:
        return None
    inside = {k.i for k in verb.subtree}  # the participle's own clause is not what came before it
    held = [t for t in verb.head.subtree if t.i < verb.i and t.i not in inside and t.pos_ in {"NOUN", "PROPN"}
            and t.dep_ in {"dobj", "obj", "pobj", "conj"}]
    for noun in sorted(held, key=lambda t: -t.i):
        plural = noun.tag_ in {"NNS", "NNPS"} or any(k.dep_ == "conj" for k in noun.children)
        if plural != (word == "them"):
            continue
        actor = _actor(noun, actors, frames, doer=False, unnamed=True)
        if actor is not None and (word in {"him", "her"}) == (actor.kind == "person"):
            return actor
    return None


def one_person_before(pronoun: Token, actors: list[Actor]) -> Actor | None:
    """The person "he" or "she" stands for when the pronoun's sentence and the one before it name
    exactly one person before it ("Officers say as MERCER lay in the road, HE drew a
    pistol"); with two or none, no one (a guess is worse than a blank)."""
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in _ONE_OF_THEM:
        return None
    before = _since_sentence_before(pronoun)
    people = [a for a in actors if a.kind == "person" and before.start_char <= a.start and a.end <= pronoun.idx]
    surnames = {a.name.split()[-1].lower() for a in people if a.name}
    # names the model tags PERSON that made no actor count too ("Smith met Jones. He shot him") ...
    surnames |= {e[-1].lower_ for e in entities_in(before) if e.label_ == "PERSON"}
    # ... and a bare proper noun that acts or is acted on, a name the model did not tag at all
    surnames |= {t.lower_ for t in before
                 if t.pos_ == "PROPN" and not t.ent_type_ and t.dep_ in {"nsubj", "nsubjpass", "dobj"}}
    return people[-1] if people and len(surnames) == 1 else None


# "he", "she", "his" ... standing for one person named before (data/english.yaml pronouns)
_ONE_OF_THEM = english_words("pronouns", "third_singular")
_MASCULINE = english_words("pronouns", "masculine")
_FEMININE = english_words("pronouns", "feminine")
_HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}


def subject_before(pronoun: Token, actors: list[Actor], frames: Frames, exclude: list[Actor] = ()) -> Actor | None:
    """The party "he", "she" or "it" stands for by salience: the named subject of the nearest
    sentence before it, in its paragraph, up to two back, whose subject is a party of the
    pronoun's sort (a person for he/she, a body for it) and gender where the text shows one;
    the pronoun's own sentence counts when its subject comes before it ("Kiprono was banned.
    After his ban was announced, HE accused the AIU": Kiprono). ``exclude``: the event's other
    side ("Pen Dara met Hun Sen. He urged HIM ..." is no one urging himself)."""
    word = pronoun.lower_
    if pronoun.pos_ != "PRON" or word not in _ONE_OF_THEM | {"it"}:
        return None
    if word == "it" and pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None  # "would accept IT": a thing said or offered far more often than a body
    person = word in _ONE_OF_THEM
    doc = pronoun.doc
    spans, index = sentences(doc)
    here = index[pronoun.i]
    text = text_of(doc)
    for back in range(3):
        if here - back < 0:
            return None
        sent = spans[here - back]
        if back and "\n\n" in text[sent.start_char + len(sent.text.rstrip()):pronoun.idx]:
            return None  # another paragraph: no longer the same thread
        subjects = [t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.i < pronoun.i and t.pos_ != "PRON"]
        # the main clause's subject first, then the others nearest first
        subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", -t.i))
        for subject in subjects:
            actor = _actor(subject, actors, frames)
            if actor is None or any((actor.start, actor.end) == (x.start, x.end) or actor.name == x.name for x in exclude):
                continue
            # a title held by one person ("the governor", "the minister": a body's kind) is a he or a she
            holder = actor.kind == "person" or (subject.tag_ == "NN" and subject.lemma_.lower() in registry().roles)
            if holder != person or actor.kind in {"unknown", "civilians", "population"}:
                continue
            if person and _gender(actor, text) not in {None, "m" if word in _MASCULINE else "f"}:
                continue
            if person and _other_gender(pronoun, subject):
                continue
            return actor
    return None


def _gender(person: Actor, text: str) -> str | None:
    """A person's gender where an honorific before the name shows it ("Mrs. Clinton")."""
    before = text[max(0, person.start - 6):person.start].split()
    return _HONORIFICS.get(before[-1].lower()) if before else None


def _other_gender(pronoun: Token, noun: Token) -> bool:
    """"A WOMAN told police HE shot her husband": "he" is no woman, "she" no man."""
    lex = grammar().lexicons
    lemma = noun.lemma_.lower()
    return (pronoun.lower_ in _MASCULINE and lemma in lex["female_people"]) or (
        pronoun.lower_ in _FEMININE and lemma in lex["male_people"])


def _unnamed_person_before(pronoun: Token, actors: list[Actor]) -> Actor | None:
    """The unnamed person "he" or "she" stands for when no one is named before it: the nearest
    subject before it, in its sentence or the one before, that is a man or a woman of the
    pronoun's gender ("A MAN showed up at a hospital and told investigators HE was shot")."""
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in {"he", "him", "she", "her"}:
        return None
    words = grammar().lexicons["male_people" if pronoun.lower_ in _MASCULINE else "female_people"]
    subjects = [t for t in _since_sentence_before(pronoun) if t.dep_ in {"nsubj", "nsubjpass"} and t.lemma_.lower() in words and not t.ent_type_]
    if not subjects:
        return None
    noun = subjects[-1]
    return actor_for(pronoun.doc[noun.i:noun.i + 1], actors)


def _reporting_subject(pronoun: Token) -> Token | None:
    """The named subject of the verb that reports the pronoun's clause ("Syria says it is
    willing", "Bouteflika said he is prepared to"; the speaker's own "me" or "us": "they tried to
    assassinate ME, Maduro said"), or None."""
    subject = pronoun.lower_ in _SELF and pronoun.dep_ in {"nsubj", "nsubjpass"}
    if not (subject or (pronoun.lower_ in {"me", "us"} and pronoun.dep_ in {"dobj", "pobj"})):
        return None
    clause = pronoun.head
    for _ in range(4):
        if clause.dep_ not in {"ccomp", "xcomp", "acomp", "conj"} or clause.head.i == clause.i:
            return None
        clause = clause.head
        if clause.lemma_.lower() in grammar().lexicons["reporting_verbs"]:
            if pronoun.lower_ not in _FIRST_PERSON and _quote_between(pronoun, clause):
                # "'... and HE shot five times,' said Miles": in a speaker's own words "he" is
                # someone else; only "I", "we", "me" and "us" are the speaker
                return None
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ == "PRON" or not pronoun_agrees(pronoun, subject) \
                    or _other_gender(pronoun, subject):
                return None
            if tells_of_another(pronoun, subject):
                return None  # "HE shot the man twice, the sheriff said": police tell others' acts
            return subject
    return None


def tells_of_another(pronoun: Token, subject: Token) -> bool:
    """Whether "he" or "she" in what police or prosecutors report is someone else: "HE shot the man
    twice, the sheriff said" (a suspect), where "they arrested two men, police said" are the police."""
    return pronoun.lower_ in {"he", "she"} and _lemma_in(subject, grammar().lexicons["law_enforcers"])


_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_POSSESSIVES = english_words("pronouns", "possessive")


def _quote_between(a: Token, b: Token) -> bool:
    """Whether a quotation mark stands between two tokens: one is quoted, the other is not."""
    lo, hi = sorted((a.i, b.i))
    return any(QUOTE_MARKS.fullmatch(t.text) for t in a.doc[lo + 1:hi])


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
