"""Annotation: the article's text made a spaCy ``Doc`` that extraction reads.

``nlp.py`` loads the spaCy pipeline (the stock model plus entity rules fed from the knowledge bases
in ``kb/``), ``prefilter.py`` can blank sentences with no cue before parsing, ``truecase.py``
restores the case of an article in capitals, and ``document.py`` holds the per-document lookups
(sentences, text, dateline) set here and read by every extractor.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .document import set_boundaries, set_text
from .nlp import entity_patterns, load_nlp
from .truecase import is_all_caps, truecase

__all__ = ["entity_patterns", "load_nlp", "make_doc"]


def make_doc(nlp: Language, text: str, dateline: tuple[int, int] | None,
             headline_end: int | None = None) -> Doc:
    """A tokenized Doc carrying its dateline's character range and where its headline ends, for the
    pipeline to respect. An article in capitals throughout is parsed from a truecased copy of the
    same length (the model reads every capitalised word as a name); spans keep indexing, and
    quoting, the article's text."""
    if is_all_caps(text):
        doc = nlp.make_doc(truecase(text))
        set_text(doc, text)
    else:
        doc = nlp.make_doc(text)
    return set_boundaries(doc, dateline, headline_end)
