"""An article's genre: report | opinion | letters | memoir | analysis (CONTRACT ``article.genre``).

Opinion columns, letters pages, memoirs and analyses tell events the way a news report does not
(recalled, argued, imagined); exports and views may leave their events out. The genre comes from a
label in the title or the first line ("Opinion:", "Letters to the editor", "News analysis") and,
without one, from its voice: a text that speaks much in the first person singular is a memoir
when it tells its own past ("I remember", "my father", "years later"), else an opinion; one that
argues ("should", "it is time") and attributes nothing to anyone ("said", "according to") is an
opinion too. Rules in data/genres.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import load_yaml

_WORD = re.compile(r"[a-z0-9&'-]+")
_OPENING = 300
_FIRST_LINE = 120  # a kicker or headline: "Opinion | ...", "Letters to the editor"


@dataclass(frozen=True)
class GenreRules:
    labels: dict[str, tuple[str, ...]]
    first_person_share: float
    first_person_words: frozenset[str]
    memoir_cues: tuple[str, ...]
    memoir_min: int
    argument_cues: tuple[str, ...]
    argument_min: int
    attribution_words: tuple[str, ...]


@lru_cache(maxsize=1)
def genre_rules() -> GenreRules:
    raw = load_yaml("genres.yaml")

    def phrases(key: str) -> tuple[str, ...]:
        return tuple(str(p).lower() for p in raw[key])

    return GenreRules({g: tuple(str(p).lower() for p in phrases) for g, phrases in raw["labels"].items()},
                      float(raw["first_person_share"]),
                      frozenset(str(w).lower() for w in raw["first_person_words"]),
                      phrases("memoir_cues"), int(raw["memoir_min"]),
                      phrases("argument_cues"), int(raw["argument_min"]), phrases("attribution_words"))


def _count_phrase(joined: str, phrase: str) -> int:
    """How often ``phrase`` occurs as whole words in ``joined`` (words joined by single spaces,
    with a space at each end): a C-level substring count, cheap on a long article."""
    wanted = " ".join(_WORD.findall(phrase))
    return joined.count(f" {wanted} ") if wanted else 0


def _has_phrase(words: list[str], phrase: str) -> bool:
    wanted = _WORD.findall(phrase)
    n = len(wanted)
    return bool(wanted) and any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


def detect_genre(text: str, title: str | None = None) -> str:
    """The genre of an article from its title and text."""
    rules = genre_rules()
    first_line = text.lstrip()[:_OPENING].split("\n", 1)[0][:_FIRST_LINE]
    opening = _WORD.findall(f"{title or ''} {first_line}".lower())
    for genre, phrases in rules.labels.items():
        if any(_has_phrase(opening, p) for p in phrases):
            return genre
    words = _WORD.findall(_without_quotes(text).lower())
    if len(words) < 80:
        return "report"
    own = f" {' '.join(words)} "
    if sum(w in rules.first_person_words for w in words) / len(words) > rules.first_person_share:
        # one person's own past ("I remember", "my mother", "years later") or one person's view
        memoir = sum(_count_phrase(own, p) for p in rules.memoir_cues)
        return "memoir" if memoir >= rules.memoir_min else "opinion"
    every = f" {' '.join(_WORD.findall(text.lower()))} "
    if not any(_count_phrase(every, p) for p in rules.attribution_words) and \
            sum(_count_phrase(own, p) for p in rules.argument_cues) >= rules.argument_min:
        return "opinion"  # argues ("should", "it is time") and attributes nothing: a column
    return "report"


def _without_quotes(text: str) -> str:
    """The reporter's own words: quoted speech ("I saw the blast," she said) is someone else's."""
    text = re.sub(r"``.{0,600}?''", " ", text, flags=re.S)  # wire and treebank quotes: ``I ran,''
    return re.sub(r"[\"“][^\"”]{0,600}[\"”]", " ", text)
