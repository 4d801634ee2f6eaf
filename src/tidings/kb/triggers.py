"""The event trigger lexicon (``data/events.yaml``): the words that report an event of each type,
indexed by their first lemma. The events extractor matches them; the places extractor reads them
as cues that a name nearby is where something happened.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache


from ..datafiles import load_yaml


@dataclass(frozen=True)
class Trigger:
    type: str
    words: tuple[str, ...]  # lemmas, one per token
    pos: str  # "VERB" or "NOUN"
    mode: str | None
    cameo: str


_TOKEN = re.compile(r"[^\s-]+|-")


def _parse_trigger(event_type: str, pos: str, item: str, default_cameo: str) -> Trigger:
    parts = [p.strip() for p in str(item).split("|")]
    words = tuple(_TOKEN.findall(parts[0].lower()))  # "sit-in" is three tokens to spaCy: sit, -, in
    mode = parts[1] if len(parts) > 1 and parts[1] not in ("", "-") else None
    cameo = parts[2] if len(parts) > 2 and parts[2] not in ("", "-") else default_cameo
    return Trigger(event_type, words, pos, mode, cameo)


@lru_cache(maxsize=1)
def trigger_index() -> dict[tuple[str, str], list[Trigger]]:
    """(first lemma, "VERB" or "NOUN") -> the triggers that start with it, longest first."""
    raw = load_yaml("events.yaml")
    by_first: dict[tuple[str, str], list[Trigger]] = {}
    for event_type, spec in raw.items():
        for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
            for item in spec.get(key) or []:
                trig = _parse_trigger(event_type, pos, item, str(spec["cameo"]))
                by_first.setdefault((trig.words[0], pos), []).append(trig)
    for triggers in by_first.values():
        triggers.sort(key=lambda t: -len(t.words))
    return by_first


def trigger_types(lemma: str, pos: str) -> set[str]:
    """The event types whose triggers start with ``lemma`` read as ``pos`` ("VERB" or "NOUN")."""
    return {t.type for t in trigger_index().get((lemma, pos), ())}


@lru_cache(maxsize=4096)
def one_word_types(word: str) -> frozenset[str]:
    """The event types of the one-word triggers ``word`` is, as a noun or a verb ("protest",
    "riot"), leaving out the multiword triggers it only starts ("hunger strike")."""
    return frozenset(t.type for pos in ("NOUN", "VERB") for t in trigger_index().get((word, pos), ())
                     if len(t.words) == 1)
