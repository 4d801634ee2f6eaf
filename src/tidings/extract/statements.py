"""Statements: who said what, through which channel, with what stance.

Attribution is read from the dependency parse around a cue (a speech or attitude verb listed in
``data/speech.yaml``, or "according to"): the cue's subject is the source, its clausal complement,
an adjacent quotation, an infinitive ("urged X to ...") or, for some verbs, its object is the
content. Quotations are paired once per document, so a quote split over sentences ('"A. B," he
said') is still one content span. Attributions nested in another's content are dropped, as in
PolNeAR ("only the outermost attribution").

``find_attributions`` gives the token-level attributions (used by the PolNeAR evaluation, which
scores source, cue and content spans); ``extract_statements`` turns them into ``Statement`` records
with a resolved speaker, channel, stance and linked events. ``find_channel`` is shared with
``claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from ..annotate.document import QUOTE_MARKS, entities, entities_in, sentence_of, text_of

from ..datafiles import english_words, load_yaml
from ..models import Actor, Channel, Event, Statement
from ..models import Span as ModelSpan
from .actors import actor_for, registry

# Dependency labels of a verb's subject, and of the words that travel with a verb in its cue
# (PolNeAR's "verb group": auxiliaries, negation, adverbs such as "also").
_SUBJECT_DEPS = {"nsubj"}
_VERB_GROUP_DEPS = {"aux", "auxpass", "neg", "advmod"}
_CHANNEL_PREPS = {"in", "at", "via", "on", "during", "through", "with", "over"}
_QUOTE_OPEN = {"“", "«"}
_QUOTE_CLOSE = {"”", "»"}
_QUOTE_STRAIGHT = {'"', "''", "``"}
_MARKUP = re.compile(r"<[A-Za-z/][^<>\n]*>")
_RELATIVE_PRONOUNS = english_words("pronouns", "relative")
_PERSON_PRONOUNS = english_words("pronouns", "person")
_GROUP_PRONOUNS = english_words("pronouns", "group")
# Punctuation that never starts or ends a content span (PolNeAR leaves the sentence's own
# full stop and the comma before "he said" out of the content).
_EDGE_PUNCT = {",", ".", ";", ":", "—", "–", "-", "―"}
_DASHES = {"―", "—"}


@dataclass(frozen=True)
class SpeechLexicon:
    cue_verbs: dict[str, str]
    attitude_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    channel_nouns: dict[tuple[str, ...], str | None]
    platforms: dict[str, str]
    outlet_words: dict[tuple[str, ...], str]
    stance_order: tuple[str, ...]
    stance_words: dict[str, tuple[tuple[str, ...], ...]]
    hedges: frozenset[str]
    event_reference_nouns: frozenset[str]
    affiliation_nouns: frozenset[str]
    cue_nouns: dict[str, str]
    death_verbs: dict[str, str]
    non_speech_nouns: dict[str, str]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(str(text).lower().split())


@lru_cache(maxsize=1)
def speech_lexicon() -> SpeechLexicon:
    """The speech cues, channels and stance words of ``data/speech.yaml``, loaded once."""
    raw = load_yaml("speech.yaml")
    medium = lambda value: None if value in (None, "none") else str(value)  # noqa: E731
    return SpeechLexicon(
        cue_verbs={str(k).lower(): str(v) for k, v in raw["cue_verbs"].items()},
        attitude_verbs=frozenset(str(v).lower() for v in raw["attitude_verbs"]),
        intention_verbs=frozenset(str(v).lower() for v in raw["intention_verbs"]),
        object_content_verbs=frozenset(str(v).lower() for v in raw["object_content_verbs"]),
        channel_nouns={_phrase(k): medium(v) for k, v in raw["channel_nouns"].items()},
        platforms={str(k).lower(): str(v) for k, v in raw["platforms"].items()},
        outlet_words={_phrase(k): str(v) for k, v in raw["outlet_words"].items()},
        stance_order=tuple(raw["stance_order"]),
        stance_words={k: tuple(_phrase(w) for w in v) for k, v in raw["stance_words"].items()},
        hedges=frozenset(str(v).lower() for v in raw["hedges"]),
        event_reference_nouns=frozenset(str(v).lower() for v in raw["event_reference_nouns"]),
        affiliation_nouns=frozenset(str(v).lower() for v in raw["affiliation_nouns"]),
        cue_nouns={str(k).lower(): str(v) for k, v in raw["cue_nouns"].items()},
        death_verbs={str(k).lower(): str(v) for k, v in raw["death_verbs"].items()},
        non_speech_nouns={str(k).lower(): str(v) for k, v in raw["non_speech_nouns"].items()},
    )


@dataclass(frozen=True)
class Attribution:
    """One attribution in token terms: ``source`` is the whole source phrase (PolNeAR's span),
    ``speaker`` its head noun phrase (what the actor is built from), ``verb`` the cue's head word."""

    source: Span | None
    speaker: Span | None
    cue: Span
    content: Span
    direct: bool
    verb: Token


# --- quotations ----------------------------------------------------------------------------------


def find_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Quotations as token ranges ``[start, end)`` including their quote marks.

    Curly quotes pair by direction; straight quotes by the space before them. A quote still open
    when another opens was a wire-style paragraph continuation: it closes before the new mark.
    Single quotes are left alone (headlines and nested quotes use them, and apostrophes look alike).
    """
    quotes: list[tuple[int, int]] = []
    open_at: int | None = None
    text = text_of(doc)
    # Visit only the tokens that hold a quote mark (found by a scan of the text, not of the tokens).
    # Marks inside markup ('<tweet author="...">') and inch marks ('6-foot-3" tall') quote nothing:
    # paired as quotes they swallowed the rest of an article (PolNeAR dev: embedded tweets).
    markup = [(m.start(), m.end()) for m in _MARKUP.finditer(text)]
    marks = [m.start() for m in QUOTE_MARKS.finditer(text)
             if not any(lo <= m.start() < hi for lo, hi in markup)
             and not (text[m.start()] == '"' and m.start() > 0 and text[m.start() - 1].isdigit())]
    indices = sorted({span.start for pos in marks
                      if (span := doc.char_span(pos, pos + 1, alignment_mode="expand")) is not None})
    for token in (doc[i] for i in indices):
        mark = token.text
        if open_at is not None:
            # a quote still open over two paragraph breaks, the first paragraph after it opening
            # without a quote mark, was never opened: a stray mark. (A quote running on over
            # paragraphs reopens them with a mark; one break without is let pass.)
            breaks = list(_PARAGRAPH_BREAK.finditer(text, doc[open_at].idx, token.idx))
            if len(breaks) >= 2 and text[breaks[0].end()] not in "\"“«'`":
                open_at = None
        if mark in _QUOTE_OPEN or mark in _QUOTE_CLOSE or mark in _QUOTE_STRAIGHT:
            if mark in _QUOTE_STRAIGHT:
                before = text[token.idx - 1] if token.idx > 0 else " "
                opening = before.isspace() or before in "([—–-" or open_at is None
                if open_at is not None and not before.isspace():
                    opening = False
            else:
                # a closing mark typed where a quotation opens ('\n”Fear. I am ...') opens it
                before = text[token.idx - 1] if token.idx > 0 else " "
                after = text[token.idx + 1 : token.idx + 2] or " "
                opening = mark in _QUOTE_OPEN or (open_at is None and before.isspace() and not after.isspace())
            if opening:
                if open_at is not None:
                    quotes.append((open_at, _last_word_before(doc, token.i) + 1))
                open_at = token.i
            elif open_at is not None:
                quotes.append((open_at, token.i + 1))
                open_at = None
    return [(s, e) for s, e in quotes if e - s >= 3]


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\n\s*")


def _last_word_before(doc: Doc, i: int) -> int:
    j = i - 1
    while j > 0 and doc[j].is_space:
        j -= 1
    return j


# --- attributions --------------------------------------------------------------------------------


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every outermost attribution in the document, in text order."""
    lex = speech_lexicon()
    quotes = find_quotes(doc)
    in_quote = {i for s, e in quotes for i in range(s, e)}
    quote_ends = {e - 1: doc[s:e] for s, e in quotes}
    quote_ends.update({e: doc[s:e] for s, e in quotes if e < len(doc) and doc[e].is_space})
    found: list[Attribution] = []
    for token in doc:
        if token.i in in_quote and not (token.text == ":" and _opens_line(token)):
            continue  # (a transcript quoted line by line, '"PENCE: Well, ...', still names its speakers)
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_to(token)
        elif token.pos_ == "VERB" and (token.lemma_.lower() in lex.cue_verbs
                                       or token.lemma_.lower() in lex.attitude_verbs
                                       or token.lemma_.lower() in lex.intention_verbs):
            attribution = _verb_attribution(token, quotes, lex)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.cue_nouns:
            attribution = _noun_attribution(token)
        elif token.text in _DASHES and token.i > 0 and token.i - 1 in quote_ends:
            attribution = _dash_signature(token, quote_ends[token.i - 1])
        elif token.text == ":" and _opens_line(token):
            attribution = _headline_colon(token)
        else:
            continue
        if attribution is not None:
            found.append(attribution)
    return _outermost(found)


def _outermost(found: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies inside another attribution's content."""
    def inside(a: Attribution, b: Attribution) -> bool:
        return b.content.start <= a.cue.start and a.cue.end <= b.content.end

    # A headline colon ("Latest: Trump urges supporters to ...") around a speech verb of its own
    # gives way to that verb, which PolNeAR (dev) marks as the attribution.
    found = [b for b in found if not (b.verb.text == ":" and any(
        a is not b and a.verb.pos_ == "VERB" and inside(a, b) for a in found))]
    def parallel(a: Attribution, b: Attribution) -> bool:
        """``a`` is a second thing ``b``'s speaker said, parsed into ``b``'s content: "X said A
        and called B", "X said A, arguing B", "X said he would A and warned B" (a speech verb
        joined to the same subject, or to the very clause ``b`` reports)."""
        if not (a.verb.dep_ == "conj" or (a.verb.dep_ == "advcl" and a.verb.tag_ == "VBG")):
            return False
        if a.source is not None and b.source is not None and a.source.root.i == b.source.root.i:
            return True
        return joined_to_report(a, b)

    def joined_to_report(a: Attribution, b: Attribution) -> bool:
        # "said he would A and warned B": a speech verb in the tense of b's own verb, joined to
        # the clause b reports ("should change the laws rather than criticize him" is reported)
        return a.verb.lemma_.lower() in speech_lexicon().cue_verbs and b.verb.pos_ == "VERB" and \
            a.verb.head.head.i == b.verb.i and a.verb.head.dep_ == "ccomp" and \
            not any(c.dep_ in _SUBJECT_DEPS for c in a.verb.children) and \
            (a.verb.tag_ == b.verb.tag_ or a.verb.tag_ == "VBG")

    kept = []
    for a in found:
        # Two cues each inside the other's content is a parse knot, not nesting: keep both.
        nested = any(b is not a and inside(a, b) and not inside(b, a) and not parallel(a, b) for b in found)
        if not nested:
            # said by b's speaker, not by the subject of the clause b reports
            outer = next((b for b in found if b is not a and inside(a, b) and joined_to_report(a, b)), None)
            kept.append(replace(a, source=outer.source, speaker=outer.speaker) if outer is not None else a)
    # the first report ends where the second begins
    return [_cut_before(b, [a for a in kept if a is not b and inside(a, b) and parallel(a, b)]) for b in kept]


def _cut_before(b: Attribution, inner: list[Attribution]) -> Attribution:
    if not inner:
        return b
    cut = min(a.verb.left_edge.i for a in inner)
    content = _trim(b.content.doc[b.content.start : cut])
    while content is not None and content[-1].dep_ == "cc":
        content = _trim(content[:-1])
    if content is None or content.start != b.content.start:
        return b
    return replace(b, content=content)


def _verb_attribution(verb: Token, quotes: list[tuple[int, int]], lex: SpeechLexicon) -> Attribution | None:
    subject = _subject_of(verb)
    signed = None
    if lex.cue_verbs.get(verb.lemma_.lower()) is not None and not any(
            c.dep_ in _SUBJECT_DEPS for c in verb.children):
        # '"...," Tulsa police Chief Chuck Jordan said Monday.' parsed without its subject: the
        # name between the quotation and the verb speaks, and the quotation is what was said
        signed = _name_after_quote(verb, quotes)
        if signed is not None:
            subject = signed[0]
    if subject is None:
        return None  # "it was said that ...": no source, nothing to attribute it to
    lemma = verb.lemma_.lower()
    cue_end = verb.i + 1
    content = _clausal_content(verb)
    if content is None and lemma in lex.cue_verbs:
        content, cue_end = _other_content(verb, lemma, lex)
    elif content is None and lemma in lex.object_content_verbs:  # "polls show a close race"
        content = _object_content(verb)
    elif content is None and lemma in lex.intention_verbs:
        xcomps = [c for c in verb.children if c.dep_ == "xcomp"]
        content = _trim(_subtree_span(xcomps[0])) if xcomps else None
    quote = signed[1] if signed is not None else _adjacent_quote(verb, subject, quotes)
    if content is None and quote is None and lemma in lex.cue_verbs:
        content = _clause_hung_on_a_noun(verb)
    if quote is None and content is None and lemma in lex.cue_verbs:
        content = _clause_before_comma(verb, subject)
    if quote is not None and (content is None or _opens_sentence(quote) and quote.end <= subject.left_edge.i <= verb.i
                              and subject.head.i == verb.i
                              and not (content.start < quote.end and quote.start < content.end)):
        # '"...," Warren told Stumpf, after he admitted ...': a quotation that opens the sentence
        # and closes just before the speaker and the cue is what they said, whatever else the
        # verb governs
        content = quote
    elif quote is not None and quote.start < content.end and content.start < quote.end:
        content = _union(content, quote)
    if content is not None:
        content = _with_whole_quotes(content, quotes)
    if content is None:
        return None
    content = _within_paragraph(content, verb, quotes)
    if content is None:
        return None
    source = _phrase_span(subject)
    if subject.i == verb.head.i and verb.dep_ == "acl":  # "a note saying ...": the phrase up to the verb
        source = _trim(verb.doc[subject.left_edge.i : verb.i]) or source
    if source.start <= content.start < source.end or content.start <= source.start < content.end:
        return None  # the parse tangled source and content: better nothing than a wrong pair
    cue = _cue_span(verb, cue_end, source, content)
    direct = bool(content.text[:1] in _QUOTE_OPEN | _QUOTE_STRAIGHT
                  and content.text[-1:] in _QUOTE_CLOSE | _QUOTE_STRAIGHT)
    return Attribution(source=source, speaker=noun_phrase(subject), cue=cue, content=content,
                       direct=direct, verb=verb)


_NAME_POS = {"PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT", "ADP", "CCONJ", "PART"}


def _opens_sentence(span: Span) -> bool:
    sent = sentence_of(span[0])
    return all(t.is_punct or t.is_space for t in span.doc[sent.start : span.start])


def _name_after_quote(verb: Token, quotes: list[tuple[int, int]]) -> tuple[Token, Span] | None:
    """The head of the noun phrase between a quotation and its cue verb ('"...," Chief Chuck
    Jordan said'), with the quotation, when nothing but a name or description stands between."""
    doc = verb.doc
    for start, end in quotes:
        if end >= verb.i or verb.i - end > 12:
            continue
        gap = doc[end : verb.i]
        if not all((t.pos_ in _NAME_POS or t.is_title) and not t.is_space for t in gap):
            continue
        people = [t for t in gap if t.ent_type_ == "PERSON"]
        if people:
            return people[-1], doc[start:end]  # "Tulsa police Chief Chuck Jordan": the person
        words = [t for t in gap if t.pos_ in {"PROPN", "NOUN"}]
        if words:
            head = words[0]
            while head.head.i != head.i and end <= head.head.i < verb.i:
                head = head.head
            return head, doc[start:end]
    return None


def _within_paragraph(content: Span, verb: Token, quotes: list[tuple[int, int]]) -> Span | None:
    """Reported speech does not run past a paragraph break: when the parse carries the content of
    'The narrator says, "what does he think of you?"' on into the next paragraph ('The campaign
    says the ad will air ...'), the content stops at the break. A break inside a quotation (a
    quote that runs over paragraphs) does not count."""
    quoted = {i for start, end in quotes for i in range(start, end)}
    breaks = [t.i for t in content if t.is_space and "\n" in t.text and t.i not in quoted]
    if not breaks:
        return content
    if content.start > verb.i:
        return _trim(content.doc[content.start : breaks[0]])
    if content.end <= verb.i:
        return _trim(content.doc[breaks[-1] + 1 : content.end])
    return content


def _noun_attribution(noun: Token) -> Attribution | None:
    """ "the senator's claim that crime has doubled in a year", "the president's argument
    that the cut pays for itself", "Obama's promise to close the prison": a speech noun with a
    possessor (the source) and a that-clause or infinitive (the content)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and any(
        g.dep_ in {"mark", "aux"} and g.lower_ in {"that", "to"} for g in c.children)), None)
    if owner is None or clause is None:
        return None
    content = _trim(_subtree_span(clause))
    if content is None:
        return None
    source = noun.doc[owner.left_edge.i : owner.i + 1]
    return Attribution(source=source, speaker=noun_phrase(owner), cue=noun.doc[noun.i : noun.i + 1],
                       content=content, direct=False, verb=noun)


def _subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The verb's own subject, or the subject it shares: "... and said", "..., saying that",
    "went on to discuss", "began by telling them that", "took to Twitter to accuse X and urge Y"
    (followed up a chain of such verbs). With two subjects (a quotation parsed into the clause:
    '"If it fails, it will ...," said X'), the one nearest the verb."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    head = verb.head
    if head.i != verb.i and depth < 3:
        if verb.dep_ in {"conj", "advcl", "xcomp"} and head.pos_ in {"VERB", "AUX"}:
            # an adverbial clause shares the subject when it is a participle ("..., saying"), not
            # a finite clause; nor an infinitive of purpose (measured on PolNeAR dev: "met to
            # discuss", "flew in to ask" were mostly not attributed there)
            if verb.dep_ == "advcl" and verb.tag_ != "VBG":
                return None
            if verb.dep_ == "xcomp" or verb.dep_ == "conj":
                # "continued to offer care", "... and warned": the head's own subject only (a
                # chain of conjuncts back to a distant subject made statements of deeds)
                return next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            return _subject_of(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return verb.head  # "a posting saying that ...", "a spokesman saying ...": the noun speaks
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return None  # handled through the relative pronoun when it is the subject
    return None


def _clausal_content(verb: Token) -> Span | None:
    """The clause said: the ccomp ("said (that) ..."), or, for a parenthetical cue ("The attack,
    he said, was ..."), the clause it interrupts."""
    doc = verb.doc
    # the clause nearest the verb, never one across a paragraph break (a headline parsed as the
    # first sentence's complement)
    ccomps = [c for c in verb.children if c.dep_ == "ccomp" and not any(
        _is_break(t) for t in doc[min(c.right_edge.i, verb.i) : max(c.left_edge.i, verb.i)])]
    if ccomps:
        return _trim(_subtree_span(min(ccomps, key=lambda c: abs(c.i - verb.i)), exclude=verb))
    if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i
                                    and not _is_cue_lemma(verb.head.lemma_.lower())
                                    and _set_off(verb)):
        # the clause it interrupts, on the cue's side of any paragraph break: a headline parsed
        # into the first sentence of the article is not what the first speaker said
        head = verb.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        ex_lo, ex_hi = verb.left_edge.i, verb.right_edge.i + 1
        left = _after_last_break(doc[lo:ex_lo]) if lo < ex_lo else None
        right = _before_first_break(doc[ex_hi:hi]) if ex_hi < hi else None
        sides = [side for side in (left, right) if side is not None and len(side)]
        return _trim(max(sides, key=len)) if sides else None
    return None


def _set_off(verb: Token) -> bool:
    """A reporting clause set off by punctuation (", he said,", ", officials said."), not a
    complement clause the parser hung the wrong way ("It is clear that she wanted ...")."""
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    return before is not None and (before.text in {",", "—", "–", "-", "("} or before.text in _QUOTE_CLOSE
                                   or before.text in _QUOTE_STRAIGHT)


def _is_break(token: Token) -> bool:
    return "\n" in token.text_with_ws


def _after_last_break(span: Span) -> Span:
    cut = max((t.i + 1 for t in span if _is_break(t)), default=span.start)
    return span.doc[cut : span.end]


def _before_first_break(span: Span) -> Span:
    cut = min((t.i + 1 for t in span if _is_break(t)), default=span.end)
    return span.doc[span.start : cut]


def _clause_hung_on_a_noun(verb: Token) -> Span | None:
    """ "told a meeting of island leaders that ...", "reported at the time that ...", "said after
    the convention he would ...": the parser hangs the reported clause on the noun before it; it
    is the verb's content all the same. Only a clause opened by "that" or by a personal pronoun
    (never a relative pronoun: "told a woman who suggested ...")."""
    for token in verb.subtree:
        if token.i <= verb.i or token.dep_ not in {"mark", "nsubj"}:
            continue
        clause = token.head
        if clause.dep_ not in {"acl", "relcl", "ccomp", "advcl"} or clause.left_edge.i != token.i:
            continue
        if token.dep_ == "mark" and token.lower_ != "that":
            continue
        if token.dep_ == "nsubj" and token.lower_ not in _PERSON_PRONOUNS | {"they", "we", "it"}:
            continue
        walk = clause.head
        while walk.i != verb.i and walk.pos_ not in {"VERB", "AUX"}:
            walk = walk.head
        if walk.i == verb.i and clause.head.i != verb.i:
            return _trim(verb.doc[token.i : clause.right_edge.i + 1])
    return None


def _clause_before_comma(verb: Token, subject: Token) -> Span | None:
    """An inverted reporting clause that closes its sentence: "Talks will resume Monday, officials
    say.", "He had no weapon, as police have said.": the words before the comma are the content."""
    doc = verb.doc
    sent = sentence_of(verb)
    lo = min(subject.left_edge.i, verb.i)
    while lo > sent.start and doc[lo - 1].lower_ == "as" or (lo > sent.start and doc[lo - 1].pos_ in {"AUX", "ADV"}
                                                               and doc[lo - 1].head.i == verb.i):
        lo -= 1
    if lo - 1 <= sent.start or doc[lo - 1].text not in {",", "—"}:
        return None
    for token in doc[verb.i + 1 : sent.end]:
        if token.is_punct or token.is_space:
            continue
        walk = token
        while walk.head.i != verb.i and walk.head.i != walk.i and walk.head.i > verb.i:
            walk = walk.head
        if walk.head.i != verb.i or walk.dep_ not in {"prep", "npadvmod", "advmod", "dative", "dobj"}:
            return None
        if token.pos_ in {"VERB", "AUX"} or (walk.dep_ == "dobj" and walk.lemma_.lower() not in {
                "reporter", "journalist", "newspaper"}):
            return None  # a clause or an object after the verb: not a closing reporting clause
    content = _trim(doc[sent.start : lo - 1])
    if content is None or len(content) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in content):
        return None
    first = next((t for t in content if t.pos_ not in {"CCONJ", "PUNCT"}), content[0])
    if first.pos_ == "SCONJ" or first.tag_ in {"WRB", "WDT"}:
        return None  # "But when Congress cut funding, X said ...": a subordinate clause only
    return content


def _is_cue_lemma(lemma: str) -> bool:
    lex = speech_lexicon()
    return lemma in lex.cue_verbs or lemma in lex.attitude_verbs


def _other_content(verb: Token, lemma: str, lex: SpeechLexicon) -> tuple[Span | None, int]:
    """Content that is not a clause: an infinitive ("urged X to ...", "vowed to ..."), a preposition
    object ("called for calm", "warned of reprisals"), or, for verbs listed in
    ``object_content_verbs``, the direct object ("denied the report"). Returns the content and the
    end of the cue (a linking preposition joins the cue, as PolNeAR's verb group does)."""
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "dobj"]
    for child in children:
        if child.dep_ == "oprd" and objects:  # "called the plan a disaster": naming is saying
            return _trim(verb.doc[objects[0].left_edge.i : child.right_edge.i + 1]), verb.i + 1
    for child in children:
        if child.dep_ == "xcomp":
            objects = [c for c in children if c.dep_ == "dobj" and c.i < child.i]
            start = objects[0].left_edge.i if objects else child.left_edge.i
            return _trim(verb.doc[start : child.right_edge.i + 1]), verb.i + 1
    for child in children:
        # "pointed to reports that ...", "spoke of her health": "to" too
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "about", "on", "to", "against"} and child.i == verb.i + 1:
            # "called for eliminating the deduction": a gerund object is a pcomp
            pobj = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if pobj and child.lower_ == "on" and pobj[0].ent_type_ in {"DATE", "TIME"}:
                continue  # "announced on Friday the arrest of ...": when, not what
            if pobj:
                return _trim(verb.doc[pobj[0].left_edge.i : child.right_edge.i + 1]), child.i + 1
    if lemma in lex.object_content_verbs:
        return _object_content(verb), verb.i + 1
    return None, verb.i + 1


def _object_content(verb: Token) -> Span | None:
    """The direct object as content, with a charge that follows it ("accused Iran of ...")."""
    children = list(verb.children)
    for child in children:
        if child.dep_ == "dobj":
            end = child.right_edge.i
            for sibling in children:
                if sibling.dep_ == "prep" and sibling.i > child.i and sibling.lower_ in {"of", "for", "on"}:
                    end = max(end, sibling.right_edge.i)
            return _trim(verb.doc[child.left_edge.i : end + 1])
    return None


def _adjacent_quote(verb: Token, subject: Token, quotes: list[tuple[int, int]]) -> Span | None:
    """A quotation that ends just before the cue ('"...," he said', '"..." said X') or starts just
    after the cue's clause begins ('he said: "..."', 'he told reporters: "..."')."""
    doc = verb.doc
    lo = min(verb.i, subject.left_edge.i)
    clause_end = None  # worked out for the first quote after the cue: the verb's subtree can be
    # the whole of a run-on sentence
    for start, end in quotes:
        if end < lo - 3 or start > verb.i + 10:
            continue
        gap = doc[end:lo]
        # '"...," he said' ends its quote on a comma (or ?/!): a full stop closes a sentence of its own
        # (a quotation inside it may close first: '"People say, 'it is over,'" said X')
        inner = end - 2
        while inner > start and doc[inner].text in {"'", "’", "‘"}:
            inner -= 1
        closing = doc[inner].text if inner > start else ""
        if end <= lo and all(t.is_punct or t.is_space for t in gap) and len(gap) <= 2 \
                and (closing in {",", "?", "!", "—"} or gap.text.strip() in {",", "—"}):
            return doc[start:end]
        if start > verb.i:
            between = doc[verb.i + 1 : start]
            if len(between) <= 8 and (between.text.rstrip().endswith((":", ",")) or not between.text.strip()):
                if clause_end is None:
                    clause_end = max(t.i for t in verb.subtree if not t.is_punct or t.i <= verb.i + 1)
                if all(t.i <= clause_end + 1 for t in between):
                    return doc[start:end]
    return None


def _dash_signature(dash: Token, quote: Span) -> Attribution | None:
    """A quotation signed after a dash: '"..." ― Pamela Padilla'."""
    doc = dash.doc
    i = dash.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or doc[i].pos_ != "PROPN":
        return None
    head = doc[i]
    while head.head.i != head.i and head.head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head
    source = _trim(doc[i : head.i + 1]) or doc[i : i + 1]
    return Attribution(source=source, speaker=noun_phrase(head), cue=doc[dash.i : dash.i + 1],
                       content=quote, direct=True, verb=dash)


def _opens_line(colon: Token) -> bool:
    """A colon after a short title-case name at the start of a line: "Pence: ...", "Poll: ..."."""
    doc = colon.doc
    lo = colon.i
    while lo > 0 and not doc[lo - 1].is_space and "\n" not in doc[lo - 1].text_with_ws[-1:]:
        lo -= 1
        if colon.i - lo > 4:
            return False
    name = doc[lo : colon.i]
    return len(name) > 0 and all(t.is_title or t.is_punct or t.is_upper for t in name) and \
        (lo == 0 or "\n" in doc[lo - 1].text_with_ws)


def _headline_colon(colon: Token) -> Attribution | None:
    """ "Pat Caddell: Democrat Voters Worried ..." (headline style): name, colon, what they said."""
    doc = colon.doc
    lo = colon.i
    while lo > 0 and "\n" not in doc[lo - 1].text_with_ws:
        lo -= 1
    hi = colon.i + 1
    while hi < len(doc) and "\n" not in doc[hi - 1].text_with_ws[-1:] and not doc[hi].is_space:
        hi += 1
    content = _trim(doc[colon.i + 1 : hi])
    if content is None or len(content) < 3:
        return None
    while lo < colon.i and (doc[lo].text in _QUOTE_OPEN or doc[lo].text in _QUOTE_STRAIGHT):
        lo += 1
    source = doc[lo : colon.i]
    if not any(t.is_alpha for t in source):
        return None
    speaker = noun_phrase(source.root)
    if speaker.start < source.start or speaker.end > source.end:
        speaker = source  # an entity the tagger ran on past the colon
    return Attribution(source=source, speaker=speaker, cue=doc[colon.i : colon.i + 1],
                       content=content, direct=False, verb=colon)


def _according_to(according: Token) -> Attribution | None:
    """ "According to X, Y" / "Y, according to X": X is the source, Y the content."""
    doc = according.doc
    to = doc[according.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"]
    if not pobj:
        return None
    source = doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1]
    sent = sentence_of(according)
    if according.i == sent.start or doc[according.i - 1].is_punct is False and according.i < sent.start + 2:
        content = doc[source.end : sent.end]
    elif source.end >= sent.end - 2:
        content = doc[sent.start : according.i]
    else:
        before = doc[sent.start : according.i]
        after = doc[source.end : sent.end]
        content = before if len(before) >= len(after) else after
    content = _trim(content)
    if content is None or len(content) < 2:
        return None
    return Attribution(source=source, speaker=noun_phrase(pobj[0]), cue=doc[according.i : according.i + 2],
                       content=content, direct=False, verb=according)


# --- spans ---------------------------------------------------------------------------------------


def _subtree_span(token: Token, exclude: Token | None = None) -> Span | None:
    """The contiguous stretch of ``token``'s subtree; with ``exclude``, the side of it that does not
    hold the excluded token's subtree (the longer side)."""
    doc = token.doc
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    if exclude is not None and lo <= exclude.i < hi:
        ex_lo, ex_hi = exclude.left_edge.i, exclude.right_edge.i + 1
        left, right = doc[lo:ex_lo], doc[ex_hi:hi]
        return left if len(left) >= len(right) else right
    return doc[lo:hi]


def _trim(span: Span | None) -> Span | None:
    """Without leading or trailing punctuation or space, keeping quote marks."""
    if span is None:
        return None
    doc = span.doc
    lo, hi = span.start, span.end
    while lo < hi and (doc[lo].is_space or doc[lo].text in _EDGE_PUNCT):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _EDGE_PUNCT):
        hi -= 1
    return doc[lo:hi] if hi > lo else None


def _with_whole_quotes(content: Span, quotes: list[tuple[int, int]]) -> Span:
    """Content that cuts a quotation ('... was "necessary and proportionate."') takes all of it."""
    lo, hi = content.start, content.end
    for start, end in quotes:
        if start < hi and lo < end:
            lo, hi = min(lo, start), max(hi, end)
    return content.doc[lo:hi]


def _union(a: Span, b: Span) -> Span:
    return a.doc[min(a.start, b.start) : max(a.end, b.end)]


def _phrase_span(token: Token) -> Span:
    """The whole source phrase: the subject's subtree ("Bassam al-Awadi, the Iraqi government
    spokesman"), trimmed of edge punctuation."""
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return _trim(span) or token.doc[token.i : token.i + 1]


def noun_phrase(token: Token) -> Span:
    """A participant's own name or description: the entity holding the head, else the head with
    its compounds, adjectives and determiners ("Iraqi officials"). Claims use it for claimants."""
    doc = token.doc
    if token.ent_type_:
        ent = entities(doc)[1].get(token.i)  # doc.ents is rebuilt on every access: use the cache
        if ent is not None:
            return ent
    lo = token.i
    for child in token.lefts:
        # "nmod": names the model reads as modifiers ("the gerardo barrios civic force"); a bracket
        # opens an aside, not the name
        if child.dep_ in {"compound", "amod", "nmod", "poss", "det"} and child.text not in "[(":
            lo = min(lo, child.left_edge.i)
    return doc[lo : token.i + 1]


def _cue_span(verb: Token, cue_end: int, source: Span, content: Span) -> Span:
    """The verb with the auxiliaries, negation and adverbs directly before it, and a linking
    preposition after it; one contiguous span that overlaps neither source nor content."""
    doc = verb.doc
    group = {c.i for c in verb.children if c.dep_ in _VERB_GROUP_DEPS}
    lo = verb.i
    while lo - 1 in group and not (source.start <= lo - 1 < source.end):
        lo -= 1
    hi = cue_end
    if content.start < hi <= content.end:
        hi = max(verb.i + 1, content.start)
    return doc[lo:hi]


# --- statements ----------------------------------------------------------------------------------


def extract_statements(doc: Doc, actors: list[Actor], events: list[Event]) -> list[Statement]:
    """Quotations and reported speech with speaker, cue, content, channel, stance and events."""
    statements: list[Statement] = []
    text = text_of(doc)
    dead = _dead_people(doc, actors)
    for attribution in find_attributions(doc):
        if attribution.speaker is None:
            continue
        if any(t.lower_ in _NOBODY for t in attribution.speaker):
            continue  # "no group has claimed responsibility": the writer's report, nobody's speech
        if attribution.speaker.root.lower_ in _FIRST_PERSON:
            # outside a quotation "I said" / "we wrote" is the writer's own narrative: the narrator,
            # whom the text does not name, never the last person it mentioned
            speaker = actor_for(attribution.speaker, actors)
        else:
            speaker = _last_speaker(attribution.speaker, statements, text, actors, dead) or \
                resolve_speaker(attribution.speaker, actors, dead)
        statements.append(Statement(
            speaker=speaker,
            cue=_model_span(attribution.cue),
            content=_model_span(attribution.content),
            direct=attribution.direct,
            channel=find_channel(attribution.verb) if attribution.verb.pos_ == "VERB" else None,
            stance=stance_of(attribution.verb, attribution.content),
            kind=kind_of(attribution),
            event_ids=_events_in(attribution.content, events),
        ))
    return statements


def _dead_people(doc: Doc, actors: list[Actor]) -> frozenset[str]:
    """Names of the people whose death the article tells: the subject of "died", the passive
    subject or the object of "killed", "shot dead", "assassinated" (``death_verbs`` in
    speech.yaml)."""
    lex = speech_lexicon()
    spans = []
    # one vectorised pass over the lemmas, not a Python loop over every token
    wanted = [doc.vocab.strings.add(lemma) for lemma in lex.death_verbs]
    lemmas = doc.to_array([LEMMA])
    for i in numpy.nonzero(numpy.isin(lemmas, wanted))[0]:
        token = doc[int(i)]
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        intransitive = lex.death_verbs[lemma] == "subject"
        for child in token.children:
            if child.dep_ in ({"nsubj"} if intransitive else {"nsubjpass", "dobj"}):
                for person in (child, *child.conjuncts):
                    np = noun_phrase(person)
                    spans.append((np.start_char, np.end_char))
    if not spans:
        return frozenset()
    return frozenset(a.name for a in actors if a.kind == "person"
                     and any(a.start < end and start < a.end for start, end in spans))


def kind_of(attribution: Attribution) -> str:
    """Whether the attribution is speech, a belief or an intention: a quotation, a speech verb or
    noun, "according to" or a signature is speech; an attitude verb ("believe", "found") a belief;
    an intention verb with its infinitive ("plans to") an intention."""
    lex = speech_lexicon()
    cue = attribution.verb
    lemma = cue.lemma_.lower()
    if attribution.direct or cue.pos_ not in {"VERB", "NOUN"} or lemma == "accord":
        return "speech"
    if cue.pos_ == "NOUN":
        return lex.non_speech_nouns.get(lemma, "speech")
    if lemma in lex.cue_verbs:
        return "speech"
    if lemma in lex.intention_verbs and attribution.content[0].lower_ == "to":
        return "intention"
    return "belief" if lemma in lex.attitude_verbs or lemma in lex.intention_verbs else "speech"


# Determiners that make a subject nobody: such a sentence reports that no one spoke or claimed.
_NOBODY = {"no", "neither", "nor", "none", "nobody"}
_FIRST_PERSON = {"i", "we"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
_ROLE_GENDER = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
                "congressman": "m", "congresswoman": "f", "businessman": "m", "businesswoman": "f",
                "king": "m", "queen": "f", "prince": "m", "princess": "f", "father": "m", "mother": "f",
                "husband": "m", "wife": "f", "son": "m", "daughter": "f", "brother": "m", "sister": "f"}


def _last_speaker(span: Span, statements: list[Statement], text: str, actors: list[Actor],
                  dead: frozenset[str] = frozenset()) -> Actor | None:
    """ "He said" after a named speaker: the last named person who spoke in the same paragraph
    (or, for a paragraph naming nobody before the pronoun, in the two before it), when the
    pronoun's gender does not rule them out (not merely the last person mentioned: a paragraph
    quoting an official about two victims goes on with the official)."""
    gender = _PRONOUN_GENDER.get(span.root.lower_) if len(span) == 1 else None
    if gender is None:
        return None
    # A paragraph that opens on '"...," he said' with nobody named before the pronoun goes on with
    # the last speaker of the paragraphs just before (up to two back), not with a person merely
    # mentioned there; a paragraph that names a person first keeps to itself.
    opening = text.rfind("\n\n", 0, span.start_char)
    named_here = any(a.kind == "person" and opening < a.start < span.start_char and a.name not in dead
                     and a.text.lower() not in _PERSON_PRONOUNS | _GROUP_PRONOUNS for a in actors)
    allowed_breaks = 0 if named_here else 2
    for earlier in reversed(statements):
        said = earlier.speaker
        if min(text.count("\n\n", earlier.cue.end, span.start_char),
               text.count("\n\n", said.end, span.start_char)) > allowed_breaks:
            return None  # too far back: the nearest antecedent rule applies
        if said.kind != "person" or said.text.lower() in _PERSON_PRONOUNS | _GROUP_PRONOUNS and said.name == said.text:
            continue
        if said.name in dead:
            continue
        if _gender_of(said, text, statements) in {None, gender}:
            return _as_mention(actor_for(span, actors), said)
    return None


def _gender_of(person: Actor, text: str, statements: list[Statement]) -> str | None:
    """A person's gender where the text shows it: an honorific before the name, a gendered role, or
    a pronoun already resolved to them; None when it does not."""
    before = text[max(0, person.start - 6):person.start].split()
    if before and before[-1].lower() in _HONORIFIC_GENDER:
        return _HONORIFIC_GENDER[before[-1].lower()]
    if person.role and person.role.lower().split()[-1] in _ROLE_GENDER:
        return _ROLE_GENDER[person.role.lower().split()[-1]]
    for statement in statements:
        said = statement.speaker
        if said.name == person.name and said.text.lower() in _PRONOUN_GENDER:
            return _PRONOUN_GENDER[said.text.lower()]
    return None


def _model_span(span: Span) -> ModelSpan:
    return ModelSpan(text=span.text, start=span.start_char, end=span.end_char)


def resolve_speaker(span: Span, actors: list[Actor], dead: frozenset[str] = frozenset()) -> Actor:
    """The actor a speaker span stands for. A pronoun, relative pronoun or bare description ("the
    spokesman", "the group") keeps its own text and offsets but takes the name (and kind, country,
    role) of the nearest preceding compatible actor; never of a person named in ``dead`` (the
    article told their death: "he said" after it is a mourner's tribute, not the dead man's)."""
    actor = actor_for(span, actors)
    head = span.root.lower_
    if head in _RELATIVE_PRONOUNS and span.root.head.dep_ == "relcl":
        antecedent = actor_for(noun_phrase(span.root.head.head), actors)
        return _as_mention(actor, antecedent)
    if head in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
        living = [a for a in actors if a.name not in dead] if dead else actors
        antecedent = _antecedent(span, living, person=head in _PERSON_PRONOUNS)
        if antecedent is not None:
            return _as_mention(actor, antecedent)
        if head in _PRONOUN_GENDER and actor.kind == "unknown":
            return actor.model_copy(update={"kind": "person"})  # unresolved, but a person still
        return actor
    if span[0].lower_ == "the" and actor.registry_id is None and actor.name.lower() == actor.text.lower():
        antecedent = _described_antecedent(span, actors)
        if antecedent is not None:
            return _as_mention(actor, antecedent)
    if actor.role is None:
        role = _apposition_role(span.root)
        if role is not None:
            return actor.model_copy(update={"role": role})
    return actor


def _as_mention(mention: Actor, antecedent: Actor) -> Actor:
    return mention.model_copy(update={
        "name": antecedent.name, "kind": antecedent.kind, "country": antecedent.country,
        "sector": antecedent.sector, "role": antecedent.role, "affiliation": antecedent.affiliation,
        "registry_id": antecedent.registry_id, "confidence": min(0.6, antecedent.confidence),
    })


def _antecedent(span: Span, actors: list[Actor], person: bool) -> Actor | None:
    """The nearest actor before ``span`` of the right sort: a person for he/she, anything else for
    they/it/we."""
    for actor in reversed(actors):
        if actor.end > span.start_char:
            continue
        if actor.text.lower() in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            continue
        if (actor.kind == "person") == person:
            return actor
    return None


def _described_antecedent(span: Span, actors: list[Actor]) -> Actor | None:
    """"the spokesman" -> the last person whose role is spokesman; "the group" -> the last named
    actor of the same kind."""
    head = span.root.lemma_.lower()
    named = [a for a in actors if a.end <= span.start_char and (a.registry_id is not None or a.text[:1].isupper())]
    for actor in reversed([a for a in actors if a.end <= span.start_char]):
        if actor.role and actor.role.lower().split()[-1] == head:
            return actor
    target = actor_for(span, [])
    for actor in reversed(named):
        if actor.kind == target.kind and actor.kind != "unknown":
            return actor
    return None


def _apposition_role(head: Token) -> str | None:
    """"an Iraqi political observer" style roles on unnamed speakers: the apposition's head noun
    with its non-national adjectives."""
    lex = speech_lexicon()
    roles = registry().roles
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.pos_ == "NOUN":
        nouns.append(head)
    for noun in nouns:
        words = [t for t in noun.lefts if t.dep_ in {"amod", "compound"} and t.ent_type_ != "NORP"
                 and t.lemma_.lower() not in lex.affiliation_nouns]
        # the longest run of modifiers that, with the noun, is a known role ("political observer")
        for cut in range(len(words) + 1):
            role = " ".join([*(t.lower_ for t in words[cut:]), noun.lemma_.lower()])
            if role in roles:
                return " ".join([*(t.text for t in words[cut:]), noun.text])
    return None


# --- channel -------------------------------------------------------------------------------------


def find_channel(verb: Token) -> Channel | None:
    """The channel of a cue verb: "told Iraqi News Agency (INA)", "in a statement", "at a press
    conference", "in a post on X", "via a messaging application", "on Telegram"."""
    lex = speech_lexicon()
    doc = verb.doc
    if verb.lemma_.lower() == "tell":
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"}:
                end = child.right_edge.i + 1
                outlet, medium = _outlet(doc[child.left_edge.i : end], lex)
                if medium is None and outlet is None and child.lemma_.lower() not in {"reporter", "journalist"}:
                    continue
                return Channel(text=doc[verb.i : end].text, outlet=outlet, medium=medium,  # type: ignore[arg-type]
                               start=verb.idx, end=doc[end - 1].idx + len(doc[end - 1]))
    for child in _channel_preps(verb):
        phrase = doc[child.i : child.right_edge.i + 1]
        medium, matched = _channel_noun(phrase, lex)
        outlet, outlet_medium = _platform(phrase, lex)
        if not matched and outlet is None:
            continue
        if outlet is None and medium is None:
            outlet, outlet_medium = _outlet(phrase, lex)
        return Channel(text=phrase.text, outlet=outlet, medium=medium or outlet_medium,  # type: ignore[arg-type]
                       start=phrase.start_char, end=phrase.end_char)
    return None


def _channel_preps(verb: Token) -> list[Token]:
    """Prepositions that can carry the verb's channel: its own, then those on its objects ("claimed
    responsibility for the attack in a statement"), never inside what was said."""
    found: list[Token] = []
    stack = list(verb.children)
    while stack:
        token = stack.pop(0)
        if token.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "parataxis", "conj", "nsubj"}:
            continue
        if token.dep_ == "prep" and token.lower_ in _CHANNEL_PREPS:
            found.append(token)
        elif token.dep_ in {"dobj", "pobj", "prep"}:
            stack.extend(token.children)
    return found


def _lemmas(span: Span) -> list[str]:
    return [t.lemma_.lower() for t in span]


def _find_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def _channel_noun(phrase: Span, lex: SpeechLexicon) -> tuple[str | None, bool]:
    """The medium named by the longest channel noun in ``phrase`` and whether one was found."""
    lemmas = _lemmas(phrase)
    lowers = [t.lower_ for t in phrase]
    best: tuple[str, ...] | None = None
    for key in lex.channel_nouns:
        if (best is None or len(key) > len(best)) and (_find_phrase(lemmas, key) or _find_phrase(lowers, key)):
            best = key
    return (lex.channel_nouns[best], True) if best is not None else (None, False)


def _platform(phrase: Span, lex: SpeechLexicon) -> tuple[str | None, str | None]:
    """A platform named in the phrase ("on X", "on Telegram"): capitalised, as a name must be."""
    for token in phrase:
        if token.lower_ in lex.platforms and token.text[:1].isupper() and token.dep_ in {"pobj", "compound", "poss"}:
            return token.text, lex.platforms[token.lower_]
    return None, None


def _outlet(span: Span, lex: SpeechLexicon) -> tuple[str | None, str | None]:
    """An organisation in ``span`` that is a news outlet, with the medium its name implies."""
    for ent in entities_in(span):
        if ent.label_ not in {"ORG", "PERSON", "GPE", "WORK_OF_ART"}:
            continue
        words = [t.lower_ for t in ent]
        for key, medium in lex.outlet_words.items():
            if _find_phrase(words, key):
                # "Iraqi News Agency (INA)": the outlet's name is the part before the abbreviation
                return ent.text.split(" (")[0], medium
    return None, None


# --- stance and events ---------------------------------------------------------------------------


def stance_of(verb: Token, content: Span) -> str:
    """The stance the cue verb carries, else the first stance (in ``stance_order``) whose words
    appear in the content."""
    lex = speech_lexicon()
    cue_stance = lex.cue_verbs.get(verb.lemma_.lower(), "other") if verb.pos_ != "NOUN" \
        else lex.cue_nouns.get(verb.lemma_.lower(), "other")
    if cue_stance != "other":
        return cue_stance
    # one padded string per form, so each phrase is a single substring test
    padded = f" {' '.join(_lemmas(content))} {' '.join(t.lower_ for t in content)} "
    for stance in lex.stance_order:
        for words in lex.stance_words.get(stance, ()):
            if f" {' '.join(words)} " in padded:
                return stance
    return "other"


def _events_in(content: Span, events: list[Event]) -> list[str]:
    """Events whose trigger lies inside the content; else, when the content refers back to one
    ("the attack"), the events told in the same or the previous sentence."""
    lo, hi = content.start_char, content.end_char
    inside = [e.id for e in events if lo <= e.trigger.start and e.trigger.end <= hi]
    if inside:
        return inside
    lex = speech_lexicon()
    refers = any(t.lemma_.lower() in lex.event_reference_nouns
                 and any(c.lower_ in {"the", "this", "that", "these", "those", "such"} for c in t.children)
                 for t in content)
    if not refers:
        return []
    sent = sentence_of(content)
    window_start = sent.start_char
    if sent.start > 0:
        window_start = sentence_of(content.doc[sent.start - 1]).start_char
    return [e.id for e in events if window_start <= e.trigger.start < sent.end_char
            and not (lo <= e.trigger.start < hi)]
