"""Per-document lookups for extractors (sentences, text), computed once per document, and the
small parse readings several extractors share (a verb's real objects, a headline's passive, a
pronoun's agreement, a word inside a title).

spaCy's ``Token.sent`` / ``Span.sent`` check the whole document's annotation on every call, which
made sentence lookups the largest cost of extraction (measured: 2.6 s of 5.9 s on 120 news
articles). Extractors ask here instead: one pass per document, then a list lookup.
"""

from __future__ import annotations

import re

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..datafiles import english_words

_KEY = "tidings_sentences"


def sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The document's sentences and, for each token, the index of its sentence."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        spans = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(spans):
            for i in range(sent.start, sent.end):
                index[i] = n
        cached = doc.user_data[_KEY] = (spans, index)
    return cached


_ENTS_KEY = "tidings_ents"


def entities(doc: Doc) -> tuple[tuple[Span, ...], dict[int, Span]]:
    """``doc.ents`` (which spaCy rebuilds from the tokens on every access: over a run-on sentence
    of hundreds of clauses that was a second of extraction) and, for each token inside an entity,
    that entity."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[_ENTS_KEY] = (ents, {i: e for e in ents for i in range(e.start, e.end)})
    return cached


def entity_at(token: Token) -> Span | None:
    """The named entity a token is part of, if any."""
    return entities(token.doc)[1].get(token.i)


def entities_in(span: Span) -> list[Span]:
    """The named entities wholly inside a span, in order (what ``Span.ents`` gives)."""
    by_token = entities(span.doc)[1]
    return [e for t in span if (e := by_token.get(t.i)) is not None and e.start == t.i and e.end <= span.end]


def sentence_of(item: Token | Span) -> Span:
    """The sentence holding a token, or the sentence where a span starts."""
    spans, index = sentences(item.doc)
    i = item.i if isinstance(item, Token) else item.start
    return spans[index[i]]


def direct_objects(verb: Token) -> list[Token]:
    """A verb's direct objects, less those the parser hung on it that belong to a preposition it
    left with no object of its own ("Man shot dead OUTSIDE Leeds PUB": "pub" is "outside"'s)."""
    kids = list(verb.children)
    dangling = [k.i for k in kids if k.dep_ == "prep" and not any(g.dep_ == "pobj" for g in k.children)]
    return [k for k in kids if k.dep_ in {"dobj", "obj"} and not any(d < k.i for d in dangling)]


def has_object(verb: Token) -> bool:
    """Whether a verb has a direct object (as ``direct_objects`` reads them), an auxiliary or a
    particle, or aims "at" something ("shot AT the car" is active)."""
    return bool(direct_objects(verb)) or any(
        k.dep_ in {"aux", "auxpass", "dative", "prt"} or (k.dep_ == "prep" and k.lower_ == "at") for k in verb.children)


def headline_passive(verb: Token) -> bool:
    """A headline's passive without its auxiliary: "Man shot in hand", "3 killed in crash". A verb
    in the past with no object, no auxiliary and no "at", whose subject is written headline-style:
    a bare singular noun or a number. Callers ask it of verbs of harm only (an active "Police
    retreated" has no object either)."""
    if verb.tag_ not in {"VBD", "VBN"} or has_object(verb):
        return False
    subjects = [k for k in verb.children if k.dep_ == "nsubj"]
    if len(subjects) == 1 and colon_after(subjects[0]):
        # "Police: 20-year-old Milwaukee man shot": the parse makes the attribution the subject
        # and hangs the one shot on it
        subjects = [c for c in subjects[0].children if c.dep_ == "appos"][:1]
    return len(subjects) == 1 and (
        # "Man", or "Man" in a title-case headline, but no name: "Smith shot in self-defense"
        (subjects[0].tag_ in {"NN", "NNP"} and not subjects[0].ent_type_
         and not any(c.dep_ in {"det", "poss"} for c in subjects[0].children))
        or subjects[0].like_num or any(c.dep_ == "nummod" for c in subjects[0].children))


def pronoun_agrees(pronoun: Token, antecedent: Token) -> bool:
    """Whether a pronoun can stand for a noun: "he"/"she" for one person, not for "Police say ...
    he fired" (the police tell someone else's act); "it" and "they" for no one named person ("THEY
    tried to assassinate me, Maduro said"; a singular noun may be a body: "the government said
    they"); "we" for anyone."""
    if pronoun.lower_ in {"he", "she", "i", "me"}:
        # one noun or name (the small model tags many a surname ORG or GPE: "Reid", "Palin")
        return antecedent.tag_ in {"NN", "NNP"}
    if pronoun.lower_ in {"it", "they", "them"}:
        return antecedent.ent_type_ != "PERSON"
    return True


_TITLE_LINKS = frozenset({"in", "of", "the", "and", "for", "on", "against", "to", "&"})


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    return english_words("title_heads")


def in_title(token: Token) -> bool:
    """Whether a capitalised word inside a sentence is part of a title that ends in a name noun
    (``title_heads`` in data/english.yaml): a law, a prize, a fund ("the DEATH in Custody
    Reporting Act"). Event and casualty words there name nothing that happened."""
    if not token.is_title or token.is_sent_start:
        return False
    doc, heads = token.doc, _title_heads()
    for i in range(token.i, min(token.i + 7, len(doc))):
        word = doc[i]
        if i > token.i and word.is_title and word.lower_ in heads:
            return True
        if not (word.is_title or word.lower_ in _TITLE_LINKS):
            return False
    return False


TEXT_KEY = "tidings_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds the string from its tokens on every access. (With
    the pre-filter on, the article's own text, set by ``set_text``, not the blanked text parsed.)"""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def set_text(doc: Doc, text: str) -> None:
    """Make ``text_of(doc)`` return ``text``: a text of the same length as the one parsed."""
    doc.user_data[TEXT_KEY] = text


DATELINE_KEY = "tidings_dateline"


HEADLINE_KEY = "tidings_headline_end"
# What may stand between a dateline and the story: blanks and the dateline's dash ("Pa.–A man")
_DATELINE_TAIL = " \t\u00a0-\u2013\u2014\u2015"


def set_dateline(doc: Doc, start: int, end: int) -> None:
    """Record the article's dateline (character range) on its Doc, for the parser and extractors."""
    doc.user_data[DATELINE_KEY] = (start, end)


def set_boundaries(doc: Doc, dateline: tuple[int, int] | None, headline_end: int | None) -> Doc:
    """Record where the headline and the dateline end on a tokenized (not yet parsed) Doc, so the
    parser starts the story's sentence there. Scraped pages glue them to the story ("| WPMT
    FOX43YORK CITY, Pa.–A man was"): a token that straddles such an end is split in two (the text
    is unchanged, spans still index it), in a new Doc, which is returned."""
    cuts = set()
    if headline_end is not None:
        doc.user_data[HEADLINE_KEY] = headline_end
        cuts.add(headline_end)
    if dateline is not None:
        set_dateline(doc, *dateline)
        text = doc.text
        body = dateline[1]
        while body < len(text) and text[body] in _DATELINE_TAIL:
            body += 1
        cuts |= {dateline[1], body}
    return _split_at(doc, cuts)


def _split_at(doc: Doc, cuts: set[int]) -> Doc:
    """``doc`` with every token that a cut falls strictly inside of split there (a fresh Doc made
    from the words: spaCy's retokenizer leaves arcs behind that the parser then keeps)."""
    straddled = [t for t in doc if any(t.idx < c < t.idx + len(t.text) for c in cuts)]
    if not straddled:
        return doc
    words: list[str] = []
    spaces: list[bool] = []
    for token in doc:
        at = [0, *sorted(c - token.idx for c in cuts if token.idx < c < token.idx + len(token.text)),
              len(token.text)]
        for i in range(len(at) - 1):
            words.append(token.text[at[i]:at[i + 1]])
            spaces.append(False)
        spaces[-1] = bool(token.whitespace_)
    return Doc(doc.vocab, words=words, spaces=spaces, user_data=doc.user_data)


# A run of text this long with no sentence end is no prose: a scraped page's list of other
# stories' headlines ("... teen dies after crash Three break-ins in Elmwood may be linked to
# Riverside burglaries City council to vote ..."). News sentences end well within it.
HEADLINE_RUN_CHARS = 600
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s*(?:[A-Z\"'“‘(]|$))|\n|==|\*")  # a wiki heading, a list item
_RUNS_KEY = "tidings_headline_runs"


def in_headline_run(doc: Doc, char: int) -> bool:
    """Whether a character lies in a run of at least ``HEADLINE_RUN_CHARS`` characters with no
    sentence end: page furniture listing other stories, whose headlines are no events of this one."""
    runs = doc.user_data.get(_RUNS_KEY)
    if runs is None:
        text = text_of(doc)
        ends = [0, *(m.end() for m in _SENTENCE_END.finditer(text)
                     if text[m.start()] != "." or not _abbreviation(text, m.start())), len(text)]
        runs = doc.user_data[_RUNS_KEY] = [(a, b) for a, b in zip(ends, ends[1:]) if b - a >= HEADLINE_RUN_CHARS]
    return any(a <= char < b for a, b in runs)


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an initial or an abbreviation ("U.S.", "J. Smith",
    "10 p.m.", "Mt. Horeb"), not a sentence."""
    word = text[max(0, dot - 6):dot].split()[-1:] or [""]
    word = word[0].rsplit(".", 1)[-1].lstrip("(\"'“‘").lower()
    return len(word) <= 1 or word in _ABBREVIATIONS


_ABBREVIATIONS = frozenset({"p.m", "a.m", "pm", "am", "mt", "st", "dr", "mr", "mrs", "ms", "jr", "sr", "gen",
                            "gov", "sen", "rep", "lt", "col", "sgt", "capt", "no", "vs", "inc", "co", "corp"})


# What separates a page title's parts ("KXYZ 12 :: Local - Latest Headlines - Police name two
# men found dead"), when spaced on both sides.
_SEPARATORS = frozenset({"|", "::", "-", "–", "—", "»", "«"})


def after_separators(doc: Doc, start: int, end: int) -> int:
    """The first token index of ``doc[start:end]`` after its last spaced separator inside the page
    title that opens the text, or ``start``: a phrase never reaches across a title's parts (in the
    story, a spaced dash is punctuation)."""
    title_end = doc.user_data.get(HEADLINE_KEY)
    if title_end is None:
        return start
    for token in doc[start:end]:
        if token.idx < title_end and token.text in _SEPARATORS and token.whitespace_ and token.i > 0 \
                and doc[token.i - 1].whitespace_:
            start = token.i + 1
    return start


def in_site_name(doc: Doc, char: int) -> bool:
    """Whether a character lies after a "|" in the page title that opens the text ("Teen killed in
    shooting | LOCAL NEWS - HOME"): the site's or the section's name, no party to anything."""
    end = doc.user_data.get(HEADLINE_KEY)
    if end is None:  # no title given: the text's own first heading line, if it has one (read once)
        if _FIRST_HEADING_KEY not in doc.user_data:
            ends = _heading_ends(text_of(doc), doc.user_data.get(DATELINE_KEY))
            doc.user_data[_FIRST_HEADING_KEY] = ends[0] if ends else None
        end = doc.user_data[_FIRST_HEADING_KEY]
    if end is None or char >= end:
        return False
    before = text_of(doc)[:char]
    return "|" in before or _SITE_SEPARATOR.search(before) is not None


# " - WBOY.com: Clarksburg, Morgantown: News, Sports, Weather": a dash before a web address opens
# the site's name in a page title, as "|" does.
_SITE_SEPARATOR = re.compile(r"\s[-–—]\s+[\w.-]+\.(?:com|net|org|co\.uk|tv)\b", re.IGNORECASE)
_FIRST_HEADING_KEY = "tidings_first_heading_end"


HEADLINE_LINE_CHARS = 160  # a first line no longer than this, that more lines follow, may be a headline
_HEADING_LINES = 3  # a headline, a standfirst, a "Posted:" line
# Quotation marks as tokens and in text: curly and straight double quotes, guillemets, TeX-style pairs.
QUOTE_MARKS = re.compile("[\"“”«»]|''|``")


def _heading_ends(text: str, dateline: tuple[int, int] | None) -> list[int]:
    """Where the lines after a headline and the lines under it start ("Sheriff: Michigan office
    shooting kills 1\nPOSTED: 1052 GMT, April 10, 2007\nA Michigan man shot ..."): each of the
    first lines that is short, in mixed case, has no closing stop and no dateline, and is followed
    by a line opening with a capital, ends a sentence. Hard-wrapped capitals (MUC-4 cables) have none."""
    out, start = [], 0
    for _ in range(_HEADING_LINES):
        end = text.find("\n", start)
        line = text[start:end].strip() if end != -1 else ""
        rest = text[end:].lstrip() if end != -1 else ""
        if not line or end - start > HEADLINE_LINE_CHARS or line[-1] in ".,;:-\u2013\u2014" \
                or not any(c.islower() for c in line) or not rest or not (rest[0].isupper() or rest[0] in "\"\u201c") \
                or (dateline is not None and start <= dateline[0] < end):
            break
        out.append(len(text) - len(rest))
        start = out[-1]
    return out


def story_starts(doc: Doc, text: str | None = None) -> list[int]:
    """Character offsets where the story starts a sentence: after the headline (the title given, or
    a short first line with no closing stop: "Lawmaker urges retaliation on Russia\nRep. Adam
    Schiff ... called on"), after the dateline. ``text`` is ``doc.text`` when the caller has it."""
    starts = []
    dateline = doc.user_data.get(DATELINE_KEY)
    if (end := doc.user_data.get(HEADLINE_KEY)) is not None:
        starts.append(end)
    else:
        starts += _heading_ends(doc.text if text is None else text, dateline)
    if dateline is not None:
        starts.append(dateline[1])
    return starts


def colon_after(token: Token) -> bool:
    """Whether a colon closes the word: a headline's or a line's attribution ("POLICE: man shot",
    "OFFICIALS: Two soldiers killed")."""
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ":"


def age_in_commas(doc: Doc, i: int) -> bool:
    """Whether the tokens from ``i`` are an age in commas, as after a person's name ("Jane Doe, 35,
    of Lake City")."""
    words = doc[i:i + 3]
    return len(words) == 3 and words[0].text == "," and words[2].text == "," and words[1].text.isdigit() \
        and 0 < int(words[1].text) < 120


def in_dateline(doc: Doc, char: int) -> bool:
    """Whether a character offset lies in the article's dateline (metadata, not story)."""
    dateline = doc.user_data.get(DATELINE_KEY)
    return dateline is not None and dateline[0] <= char < dateline[1]
