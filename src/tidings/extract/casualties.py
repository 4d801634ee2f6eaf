"""Casualty figures: how many people were killed, injured, missing, kidnapped, arrested, displaced.

Read from the dependency parse, not from patterns over the raw text: a casualty word (``kill``,
``dead``, ``wounded``, ``death toll``; see ``data/casualties.yaml``) governs its victims (the passive
subject of "three soldiers were killed", the object of "killed three soldiers", the subject of "two
policemen died", the noun an adjective modifies), and the victims carry the amount (a number, a
number word, a vague amount such as "dozens", a determiner: "a soldier" is one, "no one" is none).

Rules that are not obvious from the code:

- A figure counts only when its victims are people: a victim noun from the lexicon, a person's name,
  a nationality, a pronoun for one person, or a lone number ("killing four"). That keeps "the bill
  killed the debate" and "the storm killed three cows" out.
- Hit words ("shot", "stabbed") say a person was hurt without saying whether they lived: they give
  an ``injured`` figure, unless a fatal modifier makes them a killing ("fatally shot", "shot dead")
  or the same victims are also reported killed in the same clause ("shot and killed").
  :func:`is_hit_figure` tells a reader which injured figures came from a hit word only.
- One amount is one figure: the same number token is never counted twice, and a repeat of the same
  figure for the same victims in one sentence ("killed three soldiers ... the three soldiers
  killed") is kept once.
- Nominal reports count too: a casualty noun's "of" object or noun possessor are its victims ("the
  murder of six Jesuits", "Romero's assassination", "the bodies of five peasants"); a pronoun
  possessor ("his injuries") adds nothing, since it points at a victim counted elsewhere. Remains
  nouns ("body") count only with a number or the people they were. "a double shooting" counts two
  people hit, "in critical condition" an injury, "killed ... along with two bodyguards" the
  companions. Wire copy (MUC-4, truecased) leaves many names in lower case or untagged: a proper
  noun outside place/organisation entities, a name after a title ("MNR leader hector oqueli") or a
  noun with a person apposition ("gomez, a street vendor") counts as one person.
- Charges are not casualties: "charged with attempted murder", "charged with murder" (whose
  subject is the accused, not a victim).
- Revisions: a figure read from a toll that "rose to" / "climbed to" N, or that someone "raised"
  or an event is "bringing" to N, is marked ``revised=True``
  when an earlier figure of the same kind exists in the article. ``revised`` is set on the newer,
  superseding figure (as models.Casualty documents); the earlier one is kept unchanged so readers
  see both, and the latest figure of a kind is the last one marked revised.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from ..annotate.document import colon_after, direct_objects, entity_at, headline_passive, in_title, sentence_of, text_of

from ..config import DATA_DIR
from ..datafiles import english_words, load_yaml, month_numbers
from ..models import Casualty, Span

LEXICON_PATH = DATA_DIR / "casualties.yaml"

# Kinds that cannot both be true of the same victims in one clause: "shot and killed" is a killing.
_EXCLUSIVE_KINDS = ("killed", "injured")
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_RELATIVE_PRONOUNS = english_words("pronouns", "relative_with_object")
# Modifiers kept in the victims' description: "US soldiers", "Afghan police officers".
_DESCRIPTION_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}
# Verbs whose intransitive subject is the victim ("two policemen died", "thousands fled").
_INTRANSITIVE = {"die", "perish", "disappear", "flee"}
_PERSON_PRONOUNS = english_words("pronouns", "victims")



@dataclass(frozen=True)
class QualifierPhrase:
    words: tuple[str, ...]
    qualifier: str  # exact | at_least | at_most | approximately
    bound: str  # which bound the number fixes: low | high | both
    offset: int  # "more than 30" -> 31


@dataclass(frozen=True)
class CasualtyLexicon:
    trigger_kind: dict[str, str]
    hit_words: frozenset[str]
    hit_nouns: frozenset[str]
    died_later: frozenset[str]
    fatal_modifiers: frozenset[str]
    toll_nouns: frozenset[str]
    revision_verbs: frozenset[str]
    toll_raising_verbs: frozenset[str]
    non_factive_heads: frozenset[str]
    allegation_heads: frozenset[str]
    counting_nouns: frozenset[str]
    suffer_verbs: frozenset[str]
    remains_nouns: frozenset[str]
    condition_nouns: frozenset[str]
    multipliers: dict[str, int]
    multiple_event_nouns: dict[str, str]
    injury_conditions: frozenset[str]
    attempt_modifiers: frozenset[str]
    hypothetical_aux: frozenset[str]
    near_miss_adverbs: frozenset[str]
    factive_infinitive_heads: frozenset[str]
    number_words: dict[str, int]
    scales: dict[str, int]
    vague_amounts: dict[str, int]
    one_determiners: frozenset[str]
    single_pronouns: frozenset[str]
    one_more_words: frozenset[str]
    zero_words: frozenset[str]
    qualifiers: tuple[QualifierPhrase, ...]  # longest phrase first
    victim_kind: dict[str, str]  # lemma (or "compound lemma") -> military | civilian | militant | unknown
    natural_causes: frozenset[str]
    accident_causes: frozenset[str]
    causal_links: frozenset[str]
    care_places: frozenset[str]
    care_verbs: frozenset[str]
    custody_verbs: frozenset[str]
    tally_periods: frozenset[str]
    not_displaced: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> CasualtyLexicon:
    """The casualty lexicon from ``data/casualties.yaml`` (read once)."""
    raw = load_yaml(LEXICON_PATH.name)
    trigger_kind = {word: kind for kind, words in raw["triggers"].items() for word in words}
    qualifiers = sorted(
        (QualifierPhrase(tuple(q["phrase"].split()), q["qualifier"], q["bound"], int(q["offset"]))
         for q in raw["qualifiers"]),
        key=lambda q: -len(q.words),
    )
    victim_kind: dict[str, str] = {}
    for kind, nouns in raw["victims"].items():
        for noun in nouns:
            victim_kind.setdefault(noun, kind)
    return CasualtyLexicon(
        trigger_kind=trigger_kind,
        hit_words=frozenset(raw["hit_words"]),
        hit_nouns=frozenset(raw["hit_nouns"]),
        died_later=frozenset(raw.get("died_later") or ()),
        fatal_modifiers=frozenset(raw["fatal_modifiers"]),
        toll_nouns=frozenset(raw["toll_nouns"]),
        revision_verbs=frozenset(raw["revision_verbs"]),
        toll_raising_verbs=frozenset(raw["toll_raising_verbs"]),
        non_factive_heads=frozenset(raw["non_factive_heads"]),
        allegation_heads=frozenset(raw["allegation_heads"]),
        counting_nouns=frozenset(raw["counting_nouns"]),
        suffer_verbs=frozenset(raw["suffer_verbs"]),
        remains_nouns=frozenset(raw["remains_nouns"]),
        condition_nouns=frozenset(raw["condition_nouns"]),
        multipliers={str(k): int(v) for k, v in raw["multipliers"].items()},
        multiple_event_nouns={str(k): str(v) for k, v in raw["multiple_event_nouns"].items()},
        injury_conditions=frozenset(raw["injury_conditions"]),
        attempt_modifiers=frozenset(raw["attempt_modifiers"]),
        hypothetical_aux=frozenset(raw["hypothetical_aux"]),
        near_miss_adverbs=frozenset(raw["near_miss_adverbs"]),
        factive_infinitive_heads=frozenset(raw["factive_infinitive_heads"]),
        number_words={str(k): int(v) for k, v in raw["number_words"].items()},
        scales={str(k): int(v) for k, v in raw["scales"].items()},
        vague_amounts={str(k): int(v) for k, v in raw["vague_amounts"].items()},
        one_determiners=frozenset(raw["one_determiners"]),
        single_pronouns=frozenset(raw["single_pronouns"]),
        one_more_words=frozenset(raw["one_more_words"]),
        zero_words=frozenset(raw["zero_words"]),
        qualifiers=tuple(qualifiers),
        victim_kind=victim_kind,
        natural_causes=frozenset(str(w).lower() for w in raw["natural_causes"]),
        accident_causes=frozenset(str(w).lower() for w in raw["accident_causes"]),
        causal_links=frozenset(str(w).lower() for w in raw["causal_links"]),
        care_places=frozenset(str(w).lower() for w in raw["care_places"]),
        care_verbs=frozenset(str(w).lower() for w in raw["care_verbs"]),
        custody_verbs=frozenset(str(w).lower() for w in raw["custody_verbs"]),
        tally_periods=frozenset(str(w).lower() for w in raw["tally_periods"]),
        not_displaced=frozenset(str(w).lower() for w in raw["not_displaced"]),
    )


@dataclass
class Amount:
    """How many, read from the tokens before and at the victims' head."""

    low: int | None
    high: int | None
    qualifier: str
    tokens: list[Token]  # number and qualifier tokens: the start of the evidence


@dataclass
class Figure:
    """A casualty figure before it becomes a model object: keeps the tokens for dedup and spans."""

    kind: str
    amount: Amount
    key: Token  # the token that carries the amount: one amount is one figure
    trigger: Token
    victim: Token | None  # the victims' head noun, if any
    hit_only: bool
    revision: bool


def extract_casualties(doc: Doc) -> list[Casualty]:
    """Every casualty figure in ``doc``, in text order, with evidence spans into ``doc.text``."""
    lex = load_lexicon()
    figures: list[Figure] = []
    for token in doc:
        kind = _trigger_kind(token, lex)
        if kind is None or _is_unreal(token, lex) or period_tally(token, lex) or since_when(token) or in_title(token):
            continue
        figures.extend(_figures_for_trigger(token, kind, lex))
    figures = _deduplicate(figures)
    return _to_casualties(doc, figures, lex, _breakdowns(figures))


def _breakdowns(figures: list[Figure]) -> set[int]:
    """The figures (by ``id``) that break a total down after a comma ("arrested 12 people, seven
    women and five men"): they add up to the total and are not more people, but say who they
    were. The parse joins them to the total as conjuncts; they are parts when the first follows
    a comma (no "and" before it) and their figures sum to the total's exactly."""
    by_victim = {f.victim.i: f for f in figures if f.victim is not None}
    found: set[int] = set()
    for total in figures:
        noun = total.victim
        if noun is None or total.amount.low is None or total.amount.high not in (None, total.amount.low):
            continue
        first = next((c for c in noun.children if c.dep_ == "conj"), None)
        if first is None or noun.i + 1 >= len(noun.doc) or noun.doc[noun.i + 1].text != "," or any(
                c.dep_ == "cc" for c in noun.children if c.i < first.i):
            continue
        parts = [by_victim.get(t.i) for t in [first, *[c for c in first.subtree if c.dep_ == "conj" and c.i != first.i]]]
        if len(parts) < 2 or any(p is None or p.kind != total.kind or p.amount.low is None for p in parts):
            continue
        if sum(p.amount.low for p in parts if p is not None) == total.amount.low:
            found.update(id(p) for p in parts)
    return found


def trigger_in(span: SpacySpan, kind: str) -> Token | None:
    """The word in a figure's evidence that reports it ("died" in "a 36-year-old man died"): the
    last word of the figure's kind, else the last casualty word; None when there is none."""
    lex = load_lexicon()
    found = [(t, k) for t in span if (k := _trigger_kind(t, lex)) is not None]
    same = [t for t, k in found if k == kind]
    return (same or [t for t, _ in found] or [None])[-1]


def died_later(casualty: Casualty) -> bool:
    """True for a ``killed`` figure told as a death after the harm ("one later died"): the dead
    were among the wounded counted before (casualties.yaml: died_later)."""
    words = set(casualty.evidence.text.lower().split())
    return casualty.kind == "killed" and bool(words & load_lexicon().died_later)


def is_hit_figure(casualty: Casualty) -> bool:
    """True for an ``injured`` figure read only from a hit word ("three people were shot"): it
    counts people hit, some of whom may be reported killed elsewhere in the article."""
    if casualty.kind != "injured":
        return False
    lex = load_lexicon()
    words = casualty.evidence.text.lower().replace(",", " ").replace("-", " ").split()
    singular = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
    if any(" ".join(singular[i:i + 2]) in lex.hit_nouns for i in range(len(singular) - 1)):
        return True  # "suffering from a gunshot wound", "the shooting victim": hit, fate untold
    return any(w in lex.hit_words for w in words) and not any(
        lex.trigger_kind.get(w) == "injured" for w in words
    )


# --- triggers -------------------------------------------------------------------------------------


def _trigger_kind(token: Token, lex: CasualtyLexicon) -> str | None:
    """The casualty kind a token reports, "injured" for a hit word, or None."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if token.pos_ not in {"VERB", "ADJ", "NOUN", "ADV", "PROPN"}:
        return None
    if lemma in lex.multiple_event_nouns and _multiplier(token, lex) is not None:
        return lex.multiple_event_nouns[lemma]  # "a double shooting", "a triple homicide"
    kind = lex.trigger_kind.get(lemma)
    if kind is None and token.pos_ != "VERB":  # "missing" is a casualty, "missing a child" is not
        kind = lex.trigger_kind.get(lower)
    if kind == "killed" and lower == "fatally" and token.head.pos_ == "VERB":
        return None  # "fatally shot": read through the hit word it modifies
    if kind is None and (lemma in lex.hit_words or lower in lex.hit_words) and token.pos_ == "VERB":
        kind = "killed" if _has_fatal_modifier(token, lex) else "injured"
    if kind is None and lemma in lex.remains_nouns and token.pos_ == "NOUN":
        kind = "killed"  # "28 bodies were found": read only with a number or the people they were
    if kind is None and lemma in lex.condition_nouns and token.dep_ == "pobj" and any(
            c.dep_ == "amod" and c.lower_ in lex.injury_conditions for c in token.children):
        kind = "injured"  # "a man is in critical condition": hurt, though no injury word is used
    return kind


def _multiplier(token: Token, lex: CasualtyLexicon) -> int | None:
    """2 for "a double shooting", 3 for "a triple homicide": how many people the noun counts."""
    for child in token.children:
        if child.dep_ in {"amod", "compound"} and child.lower_ in lex.multipliers:
            return lex.multipliers[child.lower_]
    return None


def _is_hit(token: Token, lex: CasualtyLexicon) -> bool:
    return (token.lemma_.lower() in lex.hit_words or token.lower_ in lex.hit_words) and not (
        _has_fatal_modifier(token, lex)
    )


def _has_fatal_modifier(token: Token, lex: CasualtyLexicon) -> bool:
    """"fatally shot", "shot dead", "shot to death"."""
    for child in token.children:
        if child.lower_ in lex.fatal_modifiers and child.dep_ in {"advmod", "oprd", "acomp", "xcomp"}:
            return True
        if child.dep_ == "prep" and child.lower_ == "to":
            if any(g.lower_ in lex.fatal_modifiers for g in child.children if g.dep_ == "pobj"):
                return True
    return False


def _is_unreal(token: Token, lex: CasualtyLexicon) -> bool:
    """A casualty word that did not happen: "threatened to kill", "could have killed dozens"."""
    if any(c.dep_ == "aux" and c.lower_ in lex.hypothetical_aux for c in token.children):
        return True
    if token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in lex.near_miss_adverbs for c in token.children):
        return True  # "nearly killed two soldiers", "within inches of possibly killing the trooper"
    if token.dep_ in {"xcomp", "ccomp"} and token.head.lemma_.lower() in lex.non_factive_heads:
        return True
    if _purpose_infinitive(token, lex):
        return True
    if token.dep_ in {"pcomp", "pobj"} and token.head.head.lemma_.lower() in lex.allegation_heads:
        return True  # "accused of killing his wife", "charged with the murder of": a charge
    if token.pos_ == "NOUN" and any(c.lower_ in lex.attempt_modifiers for c in token.children
                                    if c.dep_ in {"amod", "compound"}):
        return True  # "charged with attempted murder": no one died
    return _natural_death(token, lex) or held_for_care(token, lex)


def held_for_care(token: Token, lex: CasualtyLexicon) -> bool:
    """"was detained in hospital", "kept in quarantine": care, not custody (no arrest); not where
    someone does the detaining ("police detained him in hospital")."""
    return token.lemma_.lower() in lex.custody_verbs and not any(
        c.dep_ in {"nsubj", "agent"} for c in token.children) and any(
        k.dep_ == "prep" and k.lower_ == "in" and any(g.lemma_.lower() in lex.care_places for g in k.children)
        for k in token.children)


def _purpose_infinitive(token: Token, lex: CasualtyLexicon) -> bool:
    """"stormed the village to kill the mayor", "yelling at us to go ahead and kill him": an
    infinitive tells a purpose or a wish, not what happened ("managed to kill two guards" did)."""
    verb = token.head if token.dep_ == "conj" and token.head.pos_ == "VERB" else token
    # not a noun's infinitive ("the order to kill the Jesuits", "an operation to kidnap him"):
    # wire copy names so what was done
    if token.pos_ != "VERB" or verb.dep_ not in {"advcl", "xcomp"}:
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    return verb.head.lemma_.lower() not in lex.factive_infinitive_heads


def period_tally(token: Token, lex: CasualtyLexicon) -> bool:
    """A count over a period, not the victims of one incident: "nine officers have been shot this
    year alone", "killed so far this month", "by the end of 1972, 496 had been killed", "have been
    killed since January"."""
    kids = list(token.children)
    perfect = any(k.dep_ == "aux" and k.lemma_ == "have" for k in kids)
    for child in kids:
        # "have been shot this year", "shot this year alone"; not "last month, a general was killed"
        if child.dep_ == "npadvmod" and child.lemma_.lower() in lex.tally_periods and any(
                d.lower_ in {"this", "last", "past"} for d in child.children if d.dep_ in {"det", "amod"}) and (
                perfect or any(d.lower_ == "alone" for d in child.children)):
            return True
    if any(k.dep_ == "prep" and k.lower_ == "by" and any(g.lemma_.lower() == "end" for g in k.children) for k in kids):
        return True  # "by the end of 1972, 496 had been killed"
    if any(k.lower_ == "far" and any(g.lower_ == "so" for g in k.children) for k in kids):
        return True  # "so far, 30 have been killed"
    if any(k.dep_ == "prep" and k.lower_ == "since" and any(_long_ago(g) or _dated_long_ago(g) for g in k.children)
           for k in kids) and perfect:
        return True  # "30 people have been killed since January", "since the December 2012 rampage"
        # (but "since Friday", "since Friday's attack": one run of clashes)
    return False


def since_when(token: Token) -> bool:
    """A comparison's past figure: "its worst March since 2011, when 31 were killed": that year's
    or month's toll, no figure of this article's incident and no incident of its own (the parse
    hangs the "when" clause on the year, or on the main verb right after the year)."""
    if token.dep_ == "relcl" and (_is_year(token.head) or token.head.lower_ in _MONTHS):
        return True
    when = next((k for k in token.children if k.dep_ == "advmod" and k.lower_ == "when"), None)
    if token.dep_ != "advcl" or when is None or when.i < 2:
        return False
    before = token.doc[when.i - 1] if token.doc[when.i - 1].text != "," else token.doc[when.i - 2]
    return (_is_year(before) or before.lower_ in _MONTHS) and before.head.lower_ == "since"


def _is_year(token: Token) -> bool:
    """A four-digit number of this or the last century: "2011", "1972"."""
    return token.like_num and len(token.text) == 4 and token.text.startswith(("19", "20"))


_MONTHS = frozenset(month_numbers())


def _long_ago(token: Token) -> bool:
    """A year ("2011"), a month ("January") or the start of something: a period's beginning, not a
    day of the week."""
    return _is_year(token) or token.lower_ in _MONTHS or \
        token.lemma_.lower() in {"start", "beginning", "outbreak"}


def _dated_long_ago(noun: Token) -> bool:
    """An event noun dated by a year or a month: "the deadly December 2012 RAMPAGE", "the 2014 war"."""
    return any(_long_ago(d) for d in noun.subtree if d.i < noun.i and noun.i in {d.head.i, d.head.head.i})


def _natural_death(token: Token, lex: CasualtyLexicon) -> bool:
    """"died of cancer", "deaths from hunger", "died of old age", "the deaths were the result of
    complications from the disease": an illness, not a casualty."""
    if lex.trigger_kind.get(token.lemma_.lower(), lex.trigger_kind.get(token.lower_)) != "killed":
        return False
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"of", "from"}:
            continue
        for cause in prep.children:
            if cause.dep_ == "pobj" and any(w.lemma_.lower() in lex.natural_causes or w.lower_ in lex.natural_causes
                                            for w in [cause, *(c for c in cause.children if c.dep_ in {"amod", "compound"})]):
                return True
    if token.dep_ in {"nsubj", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}:
        for link in token.head.subtree:  # "the deaths might have been THE RESULT OF complications"
            if link.lemma_.lower() in lex.causal_links and not link.is_ancestor(token) and link.i != token.i \
                    and any(w.lemma_.lower() in lex.natural_causes for w in link.subtree if w.i != link.i):
                return True
    return False


# --- victims and amounts ---------------------------------------------------------------------------


def _figures_for_trigger(token: Token, kind: str, lex: CasualtyLexicon) -> list[Figure]:
    hit = _is_hit(token, lex) and kind == "injured"
    negated = any(c.dep_ == "neg" for c in token.children)
    figures: list[Figure] = []
    for holder, revision in _amount_holders(token, kind, lex):
        for head in _with_conjuncts(holder):
            if head.i != holder.i and head.lower_ in lex.vague_amounts and _of_noun(head) is None:
                continue  # "the injury of six people and millions in losses": not a second count
            times = _multiplier(head, lex) if head.i == token.i else None
            if times is not None:  # "a double shooting": two people hit
                mult = next(c for c in head.children if c.lower_ in lex.multipliers)
                read = (Amount(times, times, "exact", [mult]), None)
            elif head.i == token.i:  # "three deaths", "no injuries": the trigger noun counts itself
                amount = _amount_of_noun(head, lex)
                counts_people = token.lemma_.lower() in lex.counting_nouns or token.lemma_.lower() in lex.remains_nouns
                if amount is not None and amount.low != 0 and not counts_people:
                    amount = None  # "two gunshot wounds" counts wounds, not victims
                read = (amount, None) if amount is not None else None
            else:
                read = _read_victims(head, lex)
                if read is None and token.pos_ == "NOUN" and _is_person(head, lex):
                    # "28 bodies of alleged peasants": the number sits on the casualty noun
                    own = next((c for c in token.children if c.dep_ == "nummod"), None)
                    amount = _read_number(own, lex) if own is not None else None
                    read = (amount, head) if amount is not None else None
            if read is None and negated and _is_person(head, lex):
                read = (Amount(0, 0, "exact", []), head)  # "the troopers were not injured"
            if read is None:
                continue
            amount, victim = read
            if kind == "displaced" and _flight_not_displacement(head, victim, lex):
                continue
            if negated:
                amount = Amount(0, 0, "exact", amount.tokens)
            figures.append(Figure(kind, amount, head, token, victim, hit, revision))
    return figures


def _amount_holders(token: Token, kind: str, lex: CasualtyLexicon) -> list[tuple[Token, bool]]:
    """The tokens that may carry how many victims ``token`` reports, and whether each is a
    revised toll ("rose to 12")."""
    children = list(token.children)
    deps = {c.dep_ for c in children}
    lemma = token.lemma_.lower()
    holders: list[Token] = []

    if token.pos_ == "NOUN" or token.pos_ == "PROPN":
        if token.dep_ == "compound" and token.head.lemma_.lower() in lex.toll_nouns:
            return _toll_holders(token.head, lex)
        if lemma in lex.toll_nouns:
            return []
        if lemma in lex.multiple_event_nouns and _multiplier(token, lex) is not None:
            return [(token, False)]
        if lemma in lex.condition_nouns:
            # "left a boy in critical condition", "a man is in serious condition", "the victim
            # was listed in stable condition": the people the "in" phrase describes
            owner = token.head.head
            if owner.pos_ in {"NOUN", "PROPN", "PRON"}:
                return [(owner, False)]
            if owner.pos_ in {"VERB", "AUX"}:
                return [(h, False) for h in _verb_victims(owner, passive_only=False, prefer_object=True)]
            return []
        # "the murder of six Jesuits", "the assassination of minister X", "Romero's murder",
        # "the bodies of five peasants", "the man's body": the noun's own victims
        victims = _nominal_victims(token)
        if victims:
            return [(h, False) for h in victims]
        if lemma in lex.remains_nouns:  # "28 bodies were found"; "a governing body" is none
            return [(token, False)] if any(c.dep_ == "nummod" for c in children) else []
        # "three deaths", "no injuries", "took 20 hostages"
        if any(c.dep_ in {"nummod", "det", "amod"} for c in children):
            holders.append(token)
        # "two officers suffered minor injuries", "a man suffering from a gunshot wound"
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in lex.suffer_verbs:
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects and verb.dep_ in {"acl", "advcl", "xcomp", "ccomp"}:
                subjects = [verb.head] if verb.head.pos_ in {"NOUN", "PROPN"} else (
                    [c for c in verb.head.children if c.dep_ == "dobj"])
            holders.extend(subjects)
        # "were taken hostage", "taken into custody": the people held are the governing verb's
        # "was taken to hospital with gunshot wounds": the people found or carried with the wounds
        elif (kind in {"kidnapped", "arrested"} and token.dep_ in {"oprd", "attr", "npadvmod", "pobj"}) or (
                token.dep_ == "pobj" and token.head.lower_ == "with"
                and verb.lemma_.lower() not in lex.allegation_heads):  # "charged with murder"

            if verb.pos_ in {"VERB", "AUX"}:
                holders.extend(_verb_victims(verb, passive_only=True))
        return [(h, False) for h in holders]

    if token.pos_ == "ADV":  # "three people were shot, one fatally"
        if token.head.pos_ in {"NUM", "NOUN", "PRON"}:
            holders.append(token.head)
        return [(h, False) for h in holders]

    if token.pos_ == "ADJ" and token.dep_ in {"amod"}:  # "wounded soldiers", "34 injured"
        holders.append(token.head)
    elif token.pos_ in {"ADJ", "NOUN", "VERB"} and any(c.dep_ == "det" and c.lower_ == "the" for c in children) and (
            (token.dep_ == "nsubj" and token.head.lemma_.lower() == "include")
            or (token.dep_ == "pobj" and token.head.lower_ == "among")):
        # "the dead included two soldiers and a policeman", "among the wounded were three children"
        verb = token.head if token.dep_ == "nsubj" else token.head.head
        holders.extend(c for c in verb.children if c.dep_ in {"dobj", "attr", "nsubj"} and c.i != token.i)
        return [(h, False) for h in holders]
    elif token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"} and not any(
            c.dep_ in _SUBJECT_DEPS and c.lower_ not in _RELATIVE_PRONOUNS for c in children) \
            and not _relative_agent(token, children):
        # "civilians killed in the strike", "hundreds displaced", "the soldiers who were killed";
        # not "the hospital where he died", whose clause names its own victim, nor "two officers
        # who shot a man", whose noun did the shooting
        holders.append(token.head)
    elif token.pos_ == "ADJ" and token.dep_ in {"oprd", "acomp", "xcomp", "ccomp", "conj"}:
        # "left 5 dead", "two are dead", "was found dead"; "was shot and pronounced dead": the
        # conjoined verb's subject is its head's
        verb = token.head
        found = _verb_victims(verb, passive_only=False, prefer_object=True)
        if not found and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            found = _verb_victims(verb.head, passive_only=False, prefer_object=True)
        holders.extend(found)

    if token.pos_ in {"VERB", "ADJ"}:
        passive = "auxpass" in deps or "nsubjpass" in deps or (
            token.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
        ) or headline_passive(token)  # "Teen stabbed to death in Camden"
        for child in children:
            if child.dep_ == "nsubjpass":
                holders.append(child)
            elif child.dep_ == "dobj":
                holders.append(child)
            elif child.dep_ == "nsubj" and (passive or lemma in _INTRANSITIVE or token.pos_ == "ADJ"):
                holders.append(child)
        # "was killed along with two of his bodyguards": the companions are victims too
        for child in children:
            if child.dep_ == "prep" and child.lower_ in {"along", "together"}:
                holders.extend(p for w in child.children if w.dep_ == "prep" and w.lower_ == "with"
                               for p in w.children if p.dep_ == "pobj")
        # "was shot and killed": a conjoined verb without its own subject shares its head's;
        # so does a headline's "Woman shot, killed in ..." (the second participle hangs as advcl)
        if not deps & (_SUBJECT_DEPS | {"dobj"}) and (token.dep_ == "conj" or (
                token.dep_ == "advcl" and token.tag_ == "VBN" and "mark" not in deps
                and token.head.lemma_.lower() in lex.hit_words and token.head.i < token.i)):
            holders.extend(_verb_victims(token.head, passive_only=not passive and lemma not in _INTRANSITIVE))
        # "the victim is recovering after being shot": the subject of the clause the phrase modifies
        if not holders and token.dep_ == "pcomp" and "auxpass" in deps and token.head.dep_ == "prep" \
                and token.head.head.pos_ in {"VERB", "AUX"}:
            holders.extend(c for c in token.head.head.children if c.dep_ in _SUBJECT_DEPS)
    resolved = []
    for h in holders:
        if h.dep_ == "nsubj" and h.lower_ in _RELATIVE_PRONOUNS and _relative_agent(h.head, list(h.head.children)):
            continue  # "the man who shot Jones": the man is the shooter
        if h.lower_ in _RELATIVE_PRONOUNS and h.head.dep_ == "relcl":
            h = h.head.head
        resolved.append(h)
    return [(h, False) for h in resolved]


def _flight_not_displacement(head: Token, victim: Token | None, lex: CasualtyLexicon) -> bool:
    """"the suspect fled the scene", "he fled on foot": one person running from a crime, not
    people displaced ("thousands fled their homes")."""
    noun = victim if victim is not None else head
    return noun.lower_ in lex.single_pronouns or noun.lemma_.lower() in lex.not_displaced or (
        noun.lower_ in lex.not_displaced)


def _relative_agent(verb: Token, children: list[Token]) -> bool:
    """Whether a relative clause's noun is the one who acted, not the victim: "the three troopers
    who shot DeGroat", "two people who shot at a police car", "the gunman who killed four". The
    relative pronoun is the active subject of a transitive casualty verb ("the man who died" and
    "the soldiers who were killed" are victims)."""
    if verb.pos_ != "VERB" or verb.dep_ != "relcl" or verb.lemma_.lower() in _INTRANSITIVE:
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE_PRONOUNS for c in children)


def _nominal_victims(noun: Token) -> list[Token]:
    """The people a casualty noun is about: its "of" object ("the murder of six Jesuits") or its
    possessor ("Romero's murder", "the man's body"). A pronoun possessor ("his injuries", "his
    body") points back at a victim already counted, or at a living person's body: no figure."""
    out = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            out.extend(p for p in child.children if p.dep_ == "pobj")
        elif out and child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"}:
            out.append(child)  # "the assassination of X and Y": the parser hangs Y on the noun
        elif child.dep_ == "poss" and child.pos_ in {"NOUN", "PROPN"}:
            out.append(child)
    return out


def _toll_holders(toll: Token, lex: CasualtyLexicon) -> list[tuple[Token, bool]]:
    """"a death toll of 7", "the toll rose to 12", "the toll stood at 7", "the death toll was 7",
    "raised the death toll to 12", "bringing the death toll to six"."""
    holders: list[tuple[Token, bool]] = []
    for prep in toll.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            holders.extend((p, False) for p in prep.children if p.dep_ == "pobj")
    verb = toll.head
    if toll.dep_ in _SUBJECT_DEPS and verb.pos_ in {"VERB", "AUX"}:
        revision = verb.lemma_.lower() in lex.revision_verbs
        for child in verb.children:
            if child.dep_ in {"attr", "dobj"}:
                holders.append((child, revision))
            elif child.dep_ == "prep" and child.lower_ in {"to", "at"}:
                holders.extend((p, revision) for p in child.children if p.dep_ == "pobj")
    elif toll.dep_ == "dobj" and verb.lemma_.lower() in lex.toll_raising_verbs:
        # "officials raised the death toll to 12", "... died, bringing the death toll to six"
        for child in verb.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
                holders.extend((p, True) for p in child.children if p.dep_ == "pobj")
    return holders


def _verb_victims(verb: Token, passive_only: bool, prefer_object: bool = False) -> list[Token]:
    deps = ["nsubjpass", "dobj"] if passive_only else (
        ["dobj", "nsubjpass", "nsubj"] if prefer_object else ["nsubjpass", "nsubj", "dobj"]
    )
    objects = direct_objects(verb)
    for dep in deps:
        found = objects if dep == "dobj" else [c for c in verb.children if c.dep_ == dep]
        if found:
            return found
    return []


def _with_conjuncts(token: Token) -> list[Token]:
    """"three soldiers and two civilians": each conjunct carries its own amount; so does each name
    of a list of names that the parse reads as appositions ("John Miller, David Brown and ...")."""
    out = [token]
    for child in token.children:
        if (child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}) or _listed_name(child) \
                or _listed_group(child):
            out.extend(_with_conjuncts(child))
    return out


def _after_attribution(token: Token) -> bool:
    """Whether the parse hangs a headline's subject on the attribution before its colon:
    "Officials: Two soldiers killed in ambush"."""
    return token.head.i + 1 < token.i and colon_after(token.head)


def _listed_group(token: Token) -> bool:
    """A counted group in apposition to another that a list of counted groups goes on after: "eight
    women, A GIRL and four men" (the parse hangs the second item on the first as an apposition): an
    item of the list, not a description of the first."""
    return token.dep_ == "appos" and token.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in token.head.children) \
        and any(c.dep_ == "conj" and any(g.dep_ == "nummod" for g in c.children) for c in token.children)
    # (but "two soldiers, a captain and a private, were killed": the two, each named)


def _listed_name(token: Token) -> bool:
    """A person's name in apposition to another person's name: two people in a list, since one
    name does not describe another."""
    return token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.head.ent_type_ == "PERSON" \
        and entity_at(token) is not entity_at(token.head)


def _read_victims(head: Token, lex: CasualtyLexicon) -> tuple[Amount, Token | None] | None:
    """How many victims ``head`` stands for, and their head noun; None when ``head`` is not people
    or carries no amount."""
    lower = head.lower_
    if head.dep_ == "appos" and not _listed_name(head) and not _listed_group(head) and not _after_attribution(head):
        # "Ronald Munn, 28," - an age, not a count
        return None
    zero = next((c for c in head.children if c.dep_ == "det" and c.lower_ in lex.zero_words), None)
    if zero is not None:  # "no one was hurt", "no civilians were killed"
        return Amount(0, 0, "exact", [zero]), None if head.lower_ == "one" else head
    if lower in lex.one_more_words and head.dep_ in _SUBJECT_DEPS | {"dobj"} and (
            lower == "another" or any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)):
        return Amount(1, 1, "exact", [head]), None  # "one died and a second was injured", "another was hurt"
    if _is_number(head, lex):
        amount = _read_number(head, lex)
        if amount is None:
            return None
        noun = _of_noun(head)
        if noun is not None and not _is_person(noun, lex):
            return None
        if noun is None and head.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}:
            return None  # "killed 2015", "hurt 10 percent": not a count of people
        return amount, noun
    if lower in lex.vague_amounts and head.pos_ in {"NOUN", "ADJ", "PRON", "NUM"}:
        noun = _of_noun(head)
        low, tokens = lex.vague_amounts[lower], [head]
        if noun is not None and noun.lower_ in lex.vague_amounts:  # "tens of thousands"
            low, tokens = low * lex.vague_amounts[noun.lower_], [head, noun]
            noun = _of_noun(noun)
        elif any(c.dep_ == "quantmod" and c.lower_ in lex.vague_amounts for c in head.children):
            outer = next(c for c in head.children if c.dep_ == "quantmod" and c.lower_ in lex.vague_amounts)
            low, tokens = low * lex.vague_amounts[outer.lower_], [outer, head]
        elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in lex.vague_amounts:
            outer = head.head.head
            low, tokens = low * lex.vague_amounts[outer.lower_], [outer, head]
        if noun is not None and not _is_person(noun, lex):
            return None
        return Amount(low, None, "at_least", tokens), noun
    if lower in lex.zero_words:  # "nobody", "none"
        return Amount(0, 0, "exact", [head]), None
    if lower == "both" and head.pos_ in {"PRON", "DET", "NOUN"}:  # "both were listed in critical condition"
        noun = _of_noun(head)
        return (Amount(2, 2, "exact", [head]), noun) if noun is None or _is_person(noun, lex) else None
    if head.pos_ == "PRON":
        if lower in lex.single_pronouns:
            return Amount(1, 1, "exact", []), head
        return None
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    if not _is_person(head, lex):
        return None
    amount = _amount_of_noun(head, lex)
    return (amount, head) if amount is not None else None


def _amount_of_noun(noun: Token, lex: CasualtyLexicon) -> Amount | None:
    for child in noun.children:
        # "two U.S. Mormon missionaries": the parser hangs the number on the first compound
        if child.dep_ == "compound":
            num = next((g for g in child.children if g.dep_ == "nummod" and _is_number(g, lex)), None)
            amount = _read_number(num, lex) if num is not None else None
            if amount is not None:
                return amount
    for child in noun.children:
        # the parser attaches "Twenty-one" as compound, "1.5 million" as nummod of a compound
        if child.dep_ == "nummod" or (
                child.dep_ in {"amod", "quantmod", "compound"} and _is_number(child, lex)):
            amount = _read_number(child, lex)
            if amount is not None:
                return amount
    for child in noun.children:
        word = child.lower_
        if child.dep_ == "det" and word in lex.zero_words:
            return Amount(0, 0, "exact", [child])
        if child.dep_ in {"amod", "det", "nummod"} and word in lex.vague_amounts:
            return Amount(lex.vague_amounts[word], None, "at_least", [child])
        if child.dep_ in {"det", "nummod"} and word in lex.one_determiners:
            return Amount(1, 1, "exact", [child])
        if child.dep_ == "predet" and word == "both" or (child.dep_ == "det" and word == "both"):
            return Amount(2, 2, "exact", [child])
    # A singular person noun or a name is one victim ("the victim died", "Munn was shot").
    if noun.tag_ in {"NN", "NNP"} and noun.lemma_.lower() not in {"people", "police", "personnel", "family"}:
        return Amount(1, 1, "exact", [])
    return None


def _of_noun(token: Token) -> Token | None:
    """"scores of civilians" -> civilians; "four of the soldiers" -> soldiers."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _is_person(noun: Token, lex: CasualtyLexicon) -> bool:
    if noun.ent_type_ in {"PERSON", "NORP"}:
        return True
    if noun.pos_ == "PRON":
        return noun.lower_ in _PERSON_PRONOUNS
    if _victim_lemma(noun, lex) is not None:
        return True
    if noun.pos_ in {"NOUN", "PROPN"} and _titled_name(noun, lex):
        return True
    # A name the model did not tag as a person: truecased wire copy leaves many Spanish names in
    # lower case or tags them ORG ("minister antonio Rodriguez porth was assassinated").
    if noun.pos_ == "PROPN" and noun.ent_type_ in {"", "PERSON"} and not any(
            c.dep_ == "nummod" for c in noun.children):  # "a 2002 Ford Explorer" is a car
        return True
    # "gomez, a street vendor, was killed", "cristobal Perez": an apposition says who the noun is
    return any(c.dep_ == "appos" and (_victim_lemma(c, lex) is not None or c.ent_type_ == "PERSON")
               for c in noun.children)


def _titled_name(noun: Token, lex: CasualtyLexicon) -> bool:
    """"MNR leader hector oqueli", "policeman Leon gomez Vigia": a title noun, then at least one
    more name word, then the head. A single compound ("police station") is not enough: the word
    between title and head is what marks a name."""
    doc = noun.doc
    i = noun.i - 1
    while i >= 0 and doc[i].dep_ == "compound" and doc[i].pos_ in {"NOUN", "PROPN"}:
        if i < noun.i - 1 and _victim_lemma(doc[i], lex) is not None:
            return True
        i -= 1
    return False


def _victim_lemma(noun: Token, lex: CasualtyLexicon) -> str | None:
    lemma = noun.lemma_.lower()
    for child in noun.children:  # "police officer", "aid worker"
        if child.dep_ == "compound" and f"{child.lemma_.lower()} {lemma}" in lex.victim_kind:
            return f"{child.lemma_.lower()} {lemma}"
    if lemma in lex.victim_kind:
        return lemma
    if noun.lower_ in lex.victim_kind:
        return noun.lower_
    return None


# --- numbers --------------------------------------------------------------------------------------


def count_of(token: Token) -> int | None:
    """The exact whole number a token starts or ends ("four", "12", "twenty-one"), else None:
    "at least four" or "dozens" is no exact count."""
    lex = load_lexicon()
    if not _is_number(token, lex):
        return None
    amount = _read_number(token, lex)
    if amount is None or amount.qualifier != "exact" or amount.low != amount.high:
        return None
    return amount.low


def _is_number(token: Token, lex: CasualtyLexicon) -> bool:
    word = token.lower_
    return token.pos_ == "NUM" or (token.like_num and word not in lex.vague_amounts) or (
        word in lex.number_words and word not in {"both", "none"}
    ) or word in lex.scales


def _read_number(token: Token, lex: CasualtyLexicon) -> Amount | None:
    """The number phrase around ``token`` ("2,500", "twenty-one", "1.5 million", "between 20 and
    30", "more than 30") with its qualifier."""
    doc = token.doc
    start = end = token.i
    while start > 0 and (_is_number(doc[start - 1], lex) or (
            doc[start - 1].text == "-" and start > 1 and _is_number(doc[start - 2], lex))):
        start -= 1
    while end + 1 < len(doc) and (_is_number(doc[end + 1], lex) or (
            doc[end + 1].text == "-" and end + 2 < len(doc) and _is_number(doc[end + 2], lex))):
        end += 1
    tokens = [doc[i] for i in range(start, end + 1)]
    value = _number_value([t for t in tokens if t.text != "-"], lex)
    if value is None:
        return None
    # "between 20 and 30", "20 to 30": the second number of a range
    upper = _range_end(doc, start, end, lex)
    if upper is not None:
        high_value, range_tokens = upper
        lead = [doc[start - 1]] if start > 0 and doc[start - 1].lower_ == "between" else []
        return Amount(value, high_value, "exact", lead + tokens + range_tokens)
    phrase = _qualifier_before(doc, start, lex)
    if phrase is None:
        return Amount(value, value, "exact", tokens)
    q, q_tokens = phrase
    bound_value = value + q.offset
    if q.bound == "low":
        return Amount(bound_value, None, q.qualifier, q_tokens + tokens)
    if q.bound == "high":
        return Amount(None, bound_value, q.qualifier, q_tokens + tokens)
    return Amount(value, value, q.qualifier, q_tokens + tokens)


def _range_end(doc: Doc, start: int, end: int, lex: CasualtyLexicon) -> tuple[int, list[Token]] | None:
    if end + 2 >= len(doc) + 0 or end + 2 > len(doc) - 1:
        return None
    joiner = doc[end + 1]
    between = start > 0 and doc[start - 1].lower_ == "between"
    if not ((joiner.lower_ == "and" and between) or joiner.lower_ in {"to", "-", "–"}):
        return None
    nxt = doc[end + 2]
    if not _is_number(nxt, lex):
        return None
    stop = end + 2
    while stop + 1 < len(doc) and _is_number(doc[stop + 1], lex):
        stop += 1
    tokens = [doc[i] for i in range(end + 1, stop + 1)]
    value = _number_value([t for t in tokens[1:]], lex)
    return (value, tokens) if value is not None else None


def _qualifier_before(doc: Doc, start: int, lex: CasualtyLexicon) -> tuple[QualifierPhrase, list[Token]] | None:
    for q in lex.qualifiers:
        n = len(q.words)
        if start - n < 0:
            continue
        window = doc[start - n:start]
        if tuple(t.lower_ for t in window) == q.words:
            return q, list(window)
    return None


def _number_value(tokens: list[Token], lex: CasualtyLexicon) -> int | None:
    """Digits ("2,500", "1.5") and number words ("twenty one", "three hundred", "1.5 million")."""
    total = 0
    current: float = 0
    seen = False
    for token in tokens:
        word = token.lower_.replace(",", "")
        if word in lex.scales:
            current = (current or 1) * lex.scales[word]
            if lex.scales[word] >= 1000:
                total += current
                current = 0
        elif word in lex.number_words:
            current += lex.number_words[word]
        else:
            try:
                current += float(word)
            except ValueError:
                return None
        seen = True
    if not seen:
        return None
    value = total + current
    return int(round(value))


# --- dedup, revisions, output ---------------------------------------------------------------------


def _deduplicate(figures: list[Figure]) -> list[Figure]:
    """One amount is one figure; a stated fate (killed, wounded) wins over a hit for the same victims."""
    by_key: dict[tuple[int, str], Figure] = {}
    order: list[tuple[int, str]] = []
    for fig in figures:
        group = fig.kind if fig.kind not in _EXCLUSIVE_KINDS else "harm"
        key = (fig.key.i, group)
        if key not in by_key:
            by_key[key] = fig
            order.append(key)
        elif by_key[key].hit_only and not fig.hit_only:
            by_key[key] = fig  # "shot and killed" is a killing, "shot and wounded" an injury
    kept = [by_key[k] for k in order]
    kept.sort(key=lambda f: f.key.i)
    # "killed three soldiers ... the three soldiers killed": the same figure twice in one sentence
    seen: set[tuple] = set()
    out = []
    for fig in kept:
        victim = fig.victim.lemma_.lower() if fig.victim is not None else None
        sig = (sentence_of(fig.key).start, fig.kind, fig.amount.low, fig.amount.high, victim)
        if fig.amount.low != 1 and sig in seen:
            continue
        seen.add(sig)
        out.append(fig)
    return out


def _to_casualties(doc: Doc, figures: list[Figure], lex: CasualtyLexicon, parts: set[int] = frozenset()) -> list[Casualty]:
    out: list[Casualty] = []
    seen_kinds: set[str] = set()
    named: tuple[int, str] | None = None  # the trigger and kind of the last figure of one named victim
    for fig in figures:
        one_named = fig.victim is not None and fig.victim.ent_type_ == "PERSON" and not fig.revision \
            and fig.amount.low == fig.amount.high == 1 and fig.amount.qualifier == "exact"
        if one_named and named == (fig.trigger.i, fig.kind) and out:
            out[-1] = _one_more_named(doc, out[-1], fig)  # "Airmen A, B and C were killed": killed 3
            continue
        named = (fig.trigger.i, fig.kind) if one_named else None
        tokens = [*fig.amount.tokens, fig.trigger]
        if fig.victim is not None:
            tokens.append(fig.victim)
            ent = entity_at(fig.victim)
            if ent is not None and ent.label_ == "PERSON":
                tokens.append(ent[0])  # "Ronald Munn", not "Munn"
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        victims, victim_kind = _describe_victims(fig.victim, lex)
        if "|" in text_of(doc)[start:end]:
            continue  # page furniture parsed as a victim: "... shooting | site.comPolice are"
        out.append(Casualty(
            kind=fig.kind, low=fig.amount.low, high=fig.amount.high, qualifier=fig.amount.qualifier,
            victims=victims, named=[victims] if one_named and victims else [], victim_kind=victim_kind,
            evidence=Span(text=text_of(doc)[start:end], start=start, end=end),
            revised=fig.revision and fig.kind in seen_kinds, part_of_total=id(fig) in parts,
        ))
        seen_kinds.add(fig.kind)
    return out


def _one_more_named(doc: Doc, figure: Casualty, fig: Figure) -> Casualty:
    """``figure`` counting one more named victim of the same verb: conjoined names are one group."""
    assert fig.victim is not None
    ent = entity_at(fig.victim)
    name = ent.text if ent is not None else fig.victim.text
    start = min(figure.evidence.start, fig.victim.idx, fig.trigger.idx)
    end = max(figure.evidence.end, fig.victim.idx + len(fig.victim.text), fig.trigger.idx + len(fig.trigger.text))
    assert figure.low is not None and figure.high is not None
    return figure.model_copy(update={
        "low": figure.low + 1, "high": figure.high + 1, "victims": f"{figure.victims}, {name}",
        "named": [*figure.named, name],
        "evidence": Span(text=text_of(doc)[start:end], start=start, end=end)})


def _describe_victims(victim: Token | None, lex: CasualtyLexicon) -> tuple[str | None, str]:
    """The victims' description ("US soldiers") and kind, read from the head noun."""
    if victim is None:
        return None, "unknown"
    if victim.ent_type_ == "PERSON" or victim.pos_ == "PRON":
        ent = entity_at(victim)
        return (ent.text if ent is not None else victim.text), "unknown"
    left = victim.i
    for child in victim.lefts:
        if child.dep_ in _DESCRIPTION_DEPS and not _is_number(child, lex) \
                and child.lower_ not in lex.vague_amounts:
            left = min(left, child.left_edge.i if child.dep_ != "poss" else child.i)
    while left < victim.i and (victim.doc[left].lower_ == "dead" or _is_number(victim.doc[left], lex)):
        left += 1  # "shot DEAD TWO guards", the result and the figure parsed as the noun's modifiers
    text = victim.doc[left:victim.i + 1].text
    lemma = _victim_lemma(victim, lex)
    kind = lex.victim_kind.get(lemma, "unknown") if lemma else "unknown"
    return text, kind
