"""The actor registry: who an actor mention stands for.

The registry is data (see docs/registry.md for how to edit it):

- ``data/state_institutions.yaml``: the template of the institutions every state has (government,
  military, police, ministries of defence, foreign affairs, interior and health, head of state) and curated
  overrides per state ("Pentagon" is the United States Ministry of Defence). One entry per state and
  institution is generated for every country pycountry knows, with ids such as ``IRQ-GOV``;
- ``data/countries.tsv``: demonyms and extra names per state ("Iraqi", "Britain", "U.S.");
- ``data/actors.yaml``: curated non-state armed groups, state bodies the template cannot give,
  international organisations and NGOs;
- ``data/outlets.yaml``: news agencies and outlets with their country;
- ``data/actor_nouns.yaml`` and ``data/roles.yaml``: the common nouns and titles the mention finder
  (``extract/actors.py``) uses.

Resolution (:meth:`Registry.resolve`) tries, in order: the exact written form (short names such as
"UN" or "IS" only match exactly), an alias ignoring case and a leading "the", a normalized key
(diacritics, punctuation, apostrophes and hyphens dropped: "Kata'ib Hizballah" = "Kataib
Hizballah"), a description of a state institution ("US forces", "the Iraqi government", "Iraq's
interior ministry"), a transliteration-folded key ("Kataeb" = "Kataib", "Shabaab" = "Shabab"), and
last a fuzzy match of the folded key against curated names sharing a token prefix (difflib, token by token,
so "Islamic Jihad" never becomes "Islamic State"). Results are cached per name.

This module works on strings only: it imports neither spaCy nor any extractor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

import pycountry

from ..datafiles import load_yaml, read_tsv

# Names this short match only as written: "UN" but not "un", "IS" but never "is".
SHORT = 4
# Fuzzy matching: only curated names, only queries at least this long, and only when the whole
# folded name and every aligned token are this similar, with the same first letters. Set on
# hand-made misspellings and near-miss names (tests/test_registry.py): 0.88 takes "Hizbulla" and
# "Boko Harm"; "Jaish al-Adl" (not Jaish al-Islam) fails the first-letter rule.
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_RATIO = 0.88
FUZZY_MIN_TOKEN_RATIO = 0.75

Method = str  # "exact" | "alias" | "normalized" | "folded" | "description" | "fuzzy"


@dataclass(frozen=True)
class Entry:
    """One actor in the registry."""

    id: str
    name: str
    kind: str
    sector: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    relations: dict = field(default_factory=dict, hash=False, compare=False)
    generated: bool = False  # made from the state template, not written by hand


@dataclass(frozen=True)
class Match:
    """An entry a name resolved to, how, and how sure (1.0 for an exact or alias match)."""

    entry: Entry
    method: Method
    score: float


# --- normal forms -----------------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`ʼʿʾ´]")
_NON_WORD = re.compile(r"[^\w\s]+")
# Arabic article prefixes joined by a hyphen ("al-Qaeda", "ash-Shabaab", "ad-Din"): dropped in the
# folded key, so "al-Hashd al-Shaabi" = "Hashd Shaabi".
_ARTICLE_PREFIX = re.compile(r"\b(?:al|el|ad|ash|as|an|ar|at|az|ath|adh|ud|ul)-", re.I)
# Transliteration variants of the same Arabic, Persian or Pashto sound, folded to one spelling:
# "Kataeb"/"Kataib", "Hezbollah"/"Hizbollah", "Qaeda"/"Qaida", "Shabaab"/"Shabab", "Houthi"/"Huthi".
_FOLDS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ae", "ai"), ("e", "i"), ("q", "k"), ("ck", "k"),
          ("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("y", "i"))
_DOUBLE = re.compile(r"(\w)\1+")


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalize(name: str) -> str:
    """Case, diacritics, apostrophes, punctuation and a leading "the" dropped: "The Kata'ib
    Hizballah" -> "kataib hizballah"; "U.S." -> "u s"."""
    text = _APOSTROPHES.sub("", _ascii(name).lower())
    words = _NON_WORD.sub(" ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def fold(name: str) -> str:
    """The transliteration-folded key: :func:`normalize`, then article prefixes dropped, common
    variant spellings merged and doubled letters collapsed."""
    text = _ARTICLE_PREFIX.sub("", _APOSTROPHES.sub("", _ascii(name).lower()))
    key = normalize(text)
    for old, new in _FOLDS:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


# --- loading ------------------------------------------------------------------------------------------


def _read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of a bundled TSV file, its header and cells checked (datafiles.read_tsv)."""
    return read_tsv(name)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _yaml(name: str) -> dict:
    """A registry data file, the user's layer over the bundled one, checked (datafiles.load_yaml)."""
    return load_yaml(name)


@dataclass(frozen=True)
class Institution:
    """One line of the state template: ``IRQ-MIL`` = "Iraq military"."""

    suffix: str
    name: str  # "{country} military"
    kind: str
    sector: str
    generic: tuple[str, ...]  # "armed forces", "army", "troops": what follows a country word


@dataclass(frozen=True)
class State:
    alpha3: str
    name: str  # the short name used in generated names: "United States", "Iraq"
    names: tuple[str, ...]  # every name: official, common, extra ("Britain", "Baghdad")
    demonyms: tuple[str, ...]


def states() -> list[State]:
    """Every state pycountry knows, with the extra names and demonyms of ``countries.tsv``."""
    extra = {row["alpha3"]: row for row in _read_tsv("countries.tsv")}
    found = []
    for country in pycountry.countries:
        row = extra.get(country.alpha_3, {})
        names = _split(row.get("names"))
        common = getattr(country, "common_name", None) or country.name
        canonical = names[0] if names and len(names[0]) > SHORT else common
        all_names = dict.fromkeys([country.name, common, getattr(country, "official_name", country.name), *names])
        found.append(State(country.alpha_3, canonical, tuple(all_names), tuple(_split(row.get("demonyms")))))
    return found


@dataclass
class Registry:
    entries: dict[str, Entry]
    by_exact: dict[str, Entry]  # a name as written -> entry (every name; the only way short ones match)
    by_alias: dict[str, Entry]  # lowercase name without a leading "the" -> entry (names over 4 chars)
    by_key: dict[str, Entry | None]  # normalized name -> entry (None: two entries share it)
    by_fold: dict[str, Entry | None]  # folded name -> entry (None: ambiguous)
    country_by_word: dict[str, str]  # lowercase demonym or country name -> alpha-3
    country_by_key: dict[str, str]  # normalized demonym or country name -> alpha-3
    institutions: dict[str, Institution]  # suffix -> institution
    generic: dict[str, str]  # normalized generic phrase ("interior ministry") -> suffix
    fuzzy_index: dict[str, tuple[str, ...]]  # first 3 letters of a folded token -> folded curated names
    nouns: dict[str, tuple[str, str]]  # lemma -> (kind, sector)
    roles: frozenset[str]
    military_assets: frozenset[str]
    tagged: tuple[tuple[str, str], ...]  # (name, id) the entity ruler tags as ORG in running text
    not_tagged: frozenset[str]  # names the entity ruler leaves alone
    sponsor_words: dict[str, str]  # "backed" in "Iran-backed" -> the relation it states, "backed_by"
    _cache: dict[str, Match | None] = field(default_factory=dict, repr=False)

    # -- queries ---------------------------------------------------------------------------------

    def lookup(self, text: str) -> Entry | None:
        """The entry a name stands for, or None (see :meth:`resolve`)."""
        match = self.resolve(text)
        return match.entry if match else None

    def resolve(self, text: str) -> Match | None:
        """The entry a name stands for and how it was found; None when the registry lacks it."""
        text = text.strip()
        if text not in self._cache:
            if len(self._cache) > 200_000:  # a long batch run: keep memory bounded
                self._cache.clear()
            self._cache[text] = self._resolve(text)
        return self._cache[text]

    def _resolve(self, text: str) -> Match | None:
        if text in self.by_exact:
            return Match(self.by_exact[text], "exact", 1.0)
        low = text.lower()
        if low.startswith("the "):
            low = low[4:]
            if text[4:] in self.by_exact:
                return Match(self.by_exact[text[4:]], "exact", 1.0)
        if len(low) <= SHORT:
            return None
        if low in self.by_alias:
            return Match(self.by_alias[low], "alias", 1.0)
        key = normalize(text)
        entry = self.by_key.get(key)
        if entry is not None:
            return Match(entry, "normalized", 0.95)
        described = self.describe(text)
        if described is not None:
            return Match(described, "description", 0.9)
        folded = fold(text)
        entry = self.by_fold.get(folded)
        if entry is not None:
            return Match(entry, "folded", 0.9)
        if key in self.country_by_key or key in self.generic:
            return None  # a bare demonym or "government": the caller knows better
        return self._fuzzy(folded)

    def describe(self, text: str) -> Entry | None:
        """A state institution described by a country word and a generic phrase: "US forces",
        "the Iraqi government", "Israel's defence ministry", "the foreign ministry of Qatar"."""
        words = normalize(re.sub(r"['’]s\b", "", text)).split()
        if len(words) < 2:
            return None
        if "of" in words:  # "ministry of interior" is generic; "interior ministry of Iraq" is not
            cut = len(words) - 1 - words[::-1].index("of")
            country = self._country_words(words[cut + 1 :])
            suffix = self.generic.get(" ".join(words[:cut]))
            if country and suffix:
                return self.entries.get(f"{country}-{suffix}")
        for cut in range(1, len(words)):
            suffix = self.generic.get(" ".join(words[cut:]))
            if suffix is None:
                continue
            country = self._country_words(words[:cut])
            if country:
                return self.entries.get(f"{country}-{suffix}")
        return None

    def _country_words(self, words: list[str]) -> str | None:
        if words and words[0] == "the":
            words = words[1:]
        return self.country_by_key.get(" ".join(words))

    def _fuzzy(self, folded: str) -> Match | None:
        """The curated name closest to ``folded`` if it is close enough, token by token."""
        if len(folded) < FUZZY_MIN_LENGTH:
            return None
        tokens = folded.split()
        candidates: set[str] = set()
        for token in tokens:
            candidates.update(self.fuzzy_index.get(token[:3], ()))
        best: tuple[float, str] | None = None
        for name in candidates:
            other = name.split()
            if len(other) != len(tokens) or abs(len(name) - len(folded)) > max(2, len(folded) // 5):
                continue
            if any(a[0] != b[0] or (a != b and min(len(a), len(b)) < 4) for a, b in zip(tokens, other)):
                continue
            if any(SequenceMatcher(None, a, b).ratio() < FUZZY_MIN_TOKEN_RATIO for a, b in zip(tokens, other)):
                continue
            ratio = SequenceMatcher(None, folded, name).ratio()
            if ratio >= FUZZY_MIN_RATIO and (best is None or ratio > best[0]):
                best = (ratio, name)
        if best is None:
            return None
        entry = self.by_fold.get(best[1])
        return Match(entry, "fuzzy", round(best[0], 3)) if entry is not None else None

    def country_of(self, word: str) -> str | None:
        """ISO alpha-3 for a demonym or country name ("Iraqi", "Britain", "U.S.")."""
        low = word.lower().strip()
        if low.startswith("the "):
            low = low[4:]
        return self.country_by_word.get(low)

    def state_entry(self, alpha3: str, sector: str) -> Entry | None:
        """A state's generated entry by PLOVER sector (GOV, MIL, COP) or template suffix (MFA)."""
        return self.entries.get(f"{alpha3}-{_SUFFIX_BY_SECTOR.get(sector, sector)}")

    def related(self, entry: Entry, relation: str) -> list[Entry]:
        """The entries a relation of ``entry`` points at (an alpha-3 stands for that state's
        government: "backed_by: [IRN]" is backed by IRN-GOV)."""
        out = []
        for target in entry.relations.get(relation, ()):
            found = self.entries.get(target) or self.entries.get(f"{target}-GOV")
            if found is not None:
                out.append(found)
        return out


_SUFFIX_BY_SECTOR = {"GOV": "GOV", "MIL": "MIL", "COP": "POL"}


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Load the registry once: generated state entries, then curated entries and outlets."""
    template = _yaml("state_institutions.yaml")
    institutions = {
        item["suffix"]: Institution(item["suffix"], item["name"], item["kind"], item["sector"],
                                    tuple(item.get("generic") or ()))
        for item in template["institutions"]
    }
    overrides: dict[str, dict] = template.get("overrides") or {}
    entries: dict[str, Entry] = {}
    country_by_word: dict[str, str] = {}
    for state in states():
        for word in [*state.names, *state.demonyms]:
            country_by_word.setdefault(word.lower(), state.alpha3)
        for suffix, inst in institutions.items():
            entry_id = f"{state.alpha3}-{suffix}"
            extra = overrides.get(entry_id, {})
            # A country's own names stand for its government: "Iran denied", "Washington said".
            aliases = tuple(state.names) if suffix == "GOV" else ()
            entries[entry_id] = Entry(
                entry_id, extra.get("name") or inst.name.format(country=state.name), inst.kind, inst.sector,
                state.alpha3, aliases + tuple(extra.get("aliases") or ()), extra.get("relations") or {},
                generated=True)

    raw_actors = _yaml("actors.yaml")
    curated = [*raw_actors["actors"], *_yaml("outlets.yaml")["outlets"]]
    for item in curated:
        entries[item["id"]] = Entry(
            item["id"], item["name"], item["kind"], item.get("sector"), item.get("country"),
            tuple(item.get("aliases") or ()), item.get("relations") or {},
        )

    by_exact: dict[str, Entry] = {}
    by_alias: dict[str, Entry] = {}
    by_key: dict[str, Entry | None] = {}
    by_fold: dict[str, Entry | None] = {}
    # Curated names win over generated ones where both claim a name (a state's curated alias is
    # curated too): "Pentagon" is the defence ministry, not a place.
    ordered = sorted(entries.values(), key=lambda e: e.generated and e.id not in overrides)
    for entry in ordered:
        for alias in (entry.name, *entry.aliases):
            by_exact.setdefault(alias, entry)
            if len(alias) > SHORT:
                low = alias.lower()
                by_alias.setdefault(low[4:] if low.startswith("the ") else low, entry)
                for table, key in ((by_key, normalize(alias)), (by_fold, fold(alias))):
                    if table.get(key, entry) is not entry:
                        table[key] = None  # two entries share the key: it resolves neither
                    else:
                        table[key] = entry
    fuzzy_index: dict[str, set[str]] = {}
    curated_names = {key for key, entry in by_fold.items() if entry is not None and not entry.generated}
    for key in curated_names:
        for token in key.split():
            fuzzy_index.setdefault(token[:3], set()).add(key)

    generic = {normalize(g): suffix for suffix, inst in institutions.items() for g in inst.generic}
    nouns: dict[str, tuple[str, str]] = {}
    raw_nouns = _yaml("actor_nouns.yaml")
    military_assets = frozenset(raw_nouns.pop("military_assets", []))
    sponsor_words = {str(k).lower(): str(v) for k, v in raw_nouns.pop("sponsor_words", {}).items()}
    for group, lemmas in raw_nouns.items():
        kind, sector = group.rsplit("_", 1)
        for lemma in lemmas:
            nouns.setdefault(lemma.lower(), (kind, sector))
    roles = _yaml("roles.yaml")["roles"]
    # The ruler tags curated names and the curated aliases of states, never a country's own names
    # ("Israel" stays a GPE) nor a generated name ("US president" before "Joe Biden" is a title).
    tagged = [(alias, item["id"]) for item in curated for alias in (item["name"], *(item.get("aliases") or ()))]
    tagged += [(alias, i) for i, extra in overrides.items() if i in entries for alias in extra.get("aliases") or ()]
    return Registry(
        entries, by_exact, by_alias, by_key, by_fold, country_by_word,
        {normalize(w): a3 for w, a3 in country_by_word.items()}, institutions, generic,
        {k: tuple(sorted(v)) for k, v in fuzzy_index.items()}, nouns, frozenset(roles), military_assets,
        tuple(tagged), frozenset(raw_actors.get("not_tagged") or ()), sponsor_words,
    )


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for curated registry names the stock model mislabels.

    Curated entries and the curated aliases of states ("Pentagon", "IDF"), never a country's own
    names, which the model already tags as GPE/NORP. Short names become case-sensitive token
    patterns so "IS" never matches "is"; names in ``not_tagged`` are left to the model.
    """
    reg = registry()
    patterns: list[dict] = []
    short: dict[str, None] = {}
    for alias, entry_id in reg.tagged:
        if alias in reg.not_tagged:
            continue
        if len(alias) <= 4:
            short[alias] = None
        else:
            patterns.append({"label": "ORG", "pattern": alias, "id": entry_id})
    # One token pattern for all short names: the Matcher's cost grows with its number of patterns
    # (300 single-name patterns tripled the ruler's time); the registry, not the id, says who it is.
    patterns.append({"label": "ORG", "pattern": [{"TEXT": {"IN": list(short)}}], "id": "registry-short-name"})
    return patterns


def ambiguous_initialisms() -> list[str]:
    """The initialisms of ``not_tagged`` ("IRA", "ICC"): a body after "the" ("the IRA detonated";
    "an IRA" is a savings account), tagged by tidings.annotate.nlp.the_initialisms."""
    return [a for a in registry().not_tagged if len(a) >= 3 and a.isalpha() and a.isupper()]
