"""An article's genre: report | opinion | letters | memoir | analysis (CONTRACT ``article.genre``).

Opinion columns, letters pages, memoirs and analyses tell events the way a news report does not
(recalled, argued, imagined); exports and views may leave their events out. The genre comes from a
label in the title or the first line ("Opinion:", "Letters to the editor", "News analysis") and,
without one, from how much the text speaks in the first person singular. Rules in data/genres.yaml.
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


@lru_cache(maxsize=1)
def genre_rules() -> GenreRules:
    raw = load_yaml("genres.yaml")
    return GenreRules({g: tuple(str(p).lower() for p in phrases) for g, phrases in raw["labels"].items()},
                      float(raw["first_person_share"]),
                      frozenset(str(w).lower() for w in raw["first_person_words"]))


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
    if len(words) >= 80 and sum(w in rules.first_person_words for w in words) / len(words) > rules.first_person_share:
        return "opinion"
    return "report"


def _without_quotes(text: str) -> str:
    """The reporter's own words: quoted speech ("I saw the blast," she said) is someone else's."""
    return re.sub(r"[\"“][^\"”]{0,600}[\"”]", " ", text)
