"""Actor mentions: named participants (people, organisations, states) and descriptions
("US soldiers", "Iraqi police", "protesters"), resolved against the actor registry.

The registry is data: curated entries in ``data/actors.yaml``, and for every state a generated
government, military and police entry built from pycountry plus ``data/countries.tsv``. Common nouns
that name participants live in ``data/actor_nouns.yaml``; titles and roles in ``data/roles.yaml``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
import yaml
from spacy.tokens import Doc, Span, Token
from .document import sentence_of, set_dateline

from ..config import DATA_DIR
from ..models import Actor, Article

# Entity labels that name participants. GPE names a participant only when it acts ("Iran denied"):
# as a place it is the places extractor's business.
_ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
_AGENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
# Modifiers kept in a description's span: "US soldiers", "pro-government militia", "riot police".
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "i", "you"}


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


@dataclass
class Registry:
    entries: dict[str, Entry]
    by_alias: dict[str, Entry]  # lowercase alias -> entry (aliases longer than 4 chars)
    by_exact: dict[str, Entry]  # exact-case short alias ("US", "UN", "IS") -> entry
    country_by_word: dict[str, str]  # lowercase demonym or country name -> alpha-3
    nouns: dict[str, tuple[str, str]]  # lemma -> (kind, sector)
    roles: frozenset[str]
    military_assets: frozenset[str]
    curated_ids: tuple[str, ...]  # the entries from actors.yaml, in file order
    not_tagged: frozenset[str]  # short aliases the entity ruler leaves alone
    sponsor_words: frozenset[str]  # "backed" in "Iran-backed"

    def lookup(self, text: str) -> Entry | None:
        """The entry a name stands for: exact alias first, then case-insensitive."""
        text = text.strip()
        if text in self.by_exact:
            return self.by_exact[text]
        low = text.lower()
        if low.startswith("the "):
            low = low[4:]
        return self.by_alias.get(low)

    def country_of(self, word: str) -> str | None:
        """ISO alpha-3 for a demonym or country name ("Iraqi", "Britain", "U.S.")."""
        low = word.lower().strip()
        if low.startswith("the "):
            low = low[4:]
        return self.country_by_word.get(low)

    def state_entry(self, alpha3: str, sector: str) -> Entry | None:
        return self.entries.get(f"{_STATE_PREFIX[sector]}-{alpha3}") if sector in _STATE_PREFIX else None


_STATE_PREFIX = {"GOV": "gov", "MIL": "mil", "COP": "cop"}
_STATE_SUFFIX = {"GOV": "government", "MIL": "military", "COP": "police"}
_STATE_KIND = {"GOV": "government", "MIL": "state_forces", "COP": "state_forces"}


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Load the registry once: curated entries, then generated state entries for every country."""
    entries: dict[str, Entry] = {}
    country_by_word: dict[str, str] = {}
    extra = {row["alpha3"]: row for row in _read_tsv("countries.tsv")}

    for country in pycountry.countries:
        a3 = country.alpha_3
        row = extra.get(a3, {})
        names = _split(row.get("names"))
        common = getattr(country, "common_name", None) or country.name
        canonical = names[0] if names and len(names[0]) > 4 else common
        all_names = {country.name, common, getattr(country, "official_name", country.name), *names}
        for word in [*all_names, *_split(row.get("demonyms"))]:
            country_by_word.setdefault(word.lower(), a3)
        for sector in ("GOV", "MIL", "COP"):
            entry_id = f"{_STATE_PREFIX[sector]}-{a3}"
            aliases = tuple(sorted(all_names)) if sector == "GOV" else ()
            entries[entry_id] = Entry(entry_id, f"{canonical} {_STATE_SUFFIX[sector]}",
                                      _STATE_KIND[sector], sector, a3, aliases)

    raw_actors = yaml.safe_load((DATA_DIR / "actors.yaml").read_text(encoding="utf-8"))
    curated = raw_actors["actors"]
    for item in curated:
        entries[item["id"]] = Entry(
            item["id"], item["name"], item["kind"], item.get("sector"), item.get("country"),
            tuple(item.get("aliases") or ()), item.get("relations") or {},
        )

    by_alias: dict[str, Entry] = {}
    by_exact: dict[str, Entry] = {}
    for entry in entries.values():
        for alias in (entry.name, *entry.aliases):
            if len(alias) <= 4:
                by_exact.setdefault(alias, entry)
            else:
                by_alias.setdefault(alias.lower(), entry)

    nouns: dict[str, tuple[str, str]] = {}
    raw_nouns = yaml.safe_load((DATA_DIR / "actor_nouns.yaml").read_text(encoding="utf-8"))
    military_assets = frozenset(raw_nouns.pop("military_assets", []))
    sponsor_words = frozenset(raw_nouns.pop("sponsor_words", []))
    for group, lemmas in raw_nouns.items():
        kind, sector = group.rsplit("_", 1)
        for lemma in lemmas:
            nouns.setdefault(lemma.lower(), (kind, sector))
    roles = yaml.safe_load((DATA_DIR / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    return Registry(entries, by_alias, by_exact, country_by_word, nouns, frozenset(roles), military_assets,
                    tuple(item["id"] for item in curated), frozenset(raw_actors.get("not_tagged") or ()),
                    sponsor_words)


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for curated registry names the stock model mislabels.

    Only curated entries (not the generated state entries, which the model already tags as GPE/NORP).
    Short aliases become case-sensitive token patterns so "IS" never matches "is".
    """
    reg = registry()
    patterns: list[dict] = []
    for entry_id in reg.curated_ids:
        entry = reg.entries[entry_id]
        for alias in (entry.name, *entry.aliases):
            if len(alias) <= 4:
                if alias in reg.not_tagged:
                    continue
                patterns.append({"label": "ORG", "pattern": [{"TEXT": alias}], "id": entry.id})
            else:
                patterns.append({"label": "ORG", "pattern": alias, "id": entry.id})
    return patterns


# --- mentions ------------------------------------------------------------------------------------


def extract_actors(doc: Doc, article: Article | None = None) -> list[Actor]:
    """Every participant mention in the document, resolved where the registry knows it."""
    reg = registry()
    found: dict[tuple[int, int], Actor] = {}
    taken: set[int] = set()
    # The dateline ("NAIROBI, Kenya, June 12 (AP) -") is metadata: its names are no participants.
    dateline = article.dateline if article is not None else None
    if dateline is not None:
        set_dateline(doc, dateline.start, dateline.end)
        taken.update(t.i for t in doc if dateline.start <= t.idx < dateline.end)
    for ent in doc.ents:
        if ent.start in taken:
            continue
        if ent.label_ in _ACTOR_LABELS or (ent.label_ == "GPE" and ent.root.dep_ in {"nsubj", "nsubjpass"}):
            if ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound"}:
                continue  # "Iraqi police": the description below carries it
            actor = _actor_from_entity(ent, reg)
            found[(actor.start, actor.end)] = actor
            taken.update(range(ent.start, ent.end))
    for token in doc:
        if token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if _noun_class(token, reg) is None or _is_modifier_or_title(token):
            continue
        # "Boko Haram fighters" overlaps the entity "Boko Haram": both mentions are kept; the
        # description resolves to the group through the registry.
        span = _description_span(token)
        actor = _actor_from_description(span, token, reg)
        found.setdefault((actor.start, actor.end), actor)
    return sorted(found.values(), key=lambda a: (a.start, a.end))


def actor_for(span: Span, actors: list[Actor]) -> Actor:
    """The actor mention that ``span`` refers to: an extracted mention overlapping it (the one that
    holds its head first), else a new actor built from the span itself."""
    head = span.root.idx
    best: Actor | None = None
    for actor in actors:
        if actor.start <= head < actor.end:
            return actor
        if best is None and actor.start < span.end_char and span.start_char < actor.end:
            best = actor
    if best is not None:
        return best
    reg = registry()
    if span.root.lower_ in _PRONOUNS:
        return Actor(text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                     kind="unknown", confidence=0.2)
    if span.label_ or any(t.ent_type_ for t in span):
        ents = [e for e in span.doc.ents if e.start <= span.root.i < e.end]
        if ents:
            return _actor_from_entity(ents[0], reg)
    return _actor_from_description(span, span.root, reg)


def _actor_from_entity(ent: Span, reg: Registry) -> Actor:
    text = ent.text
    start, end = ent.start_char, ent.end_char
    if text.lower().startswith("the "):
        start += 4
        text = text[4:]
    entry = reg.lookup(text)
    country = reg.country_of(text)
    if entry is None and country and ent.label_ in {"GPE", "NORP"}:
        entry = reg.state_entry(country, "GOV")
    if entry is not None:
        return Actor(text=text, start=start, end=end, name=entry.name, kind=entry.kind,  # type: ignore[arg-type]
                     country=entry.country, sector=entry.sector, registry_id=entry.id, confidence=0.9)
    if ent.label_ == "PERSON":
        role, affiliation = _person_role(ent, reg)
        return Actor(text=text, start=start, end=end, name=text, kind="person", role=role,
                     affiliation=affiliation, confidence=0.7)
    if ent.label_ == "NORP":
        return Actor(text=text, start=start, end=end, name=text, kind="population", sector="CVL",
                     country=country, confidence=0.5)
    return Actor(text=text, start=start, end=end, name=text, kind="organization", confidence=0.5)


def _is_modifier_or_title(token: Token) -> bool:
    """A noun that modifies another ("government" in "government spokesman") or is the title of a
    named person ("Prime Minister" before a name, "the spokesman" in apposition) is not a mention of
    its own."""
    if token.dep_ == "compound":
        return True
    head = token.head
    if token.dep_ == "appos" and head.ent_type_ == "PERSON":
        return True
    return any(t.ent_type_ == "PERSON" for t in (head, *head.subtree) if t.i > token.i and t.i <= token.i + 4
               and token.dep_ in {"compound", "amod", "nmod"})


def _is_sponsor(token: Token) -> bool:
    """"Iran" in "Iran-backed groups" names a sponsor, not the group's country."""
    doc = token.doc
    nxt = token.i + 1
    if nxt < len(doc) and doc[nxt].text == "-":
        nxt += 1
    return nxt < len(doc) and doc[nxt].lower_ in registry().sponsor_words


def _noun_class(token: Token, reg: Registry) -> tuple[str, str] | None:
    lemma = token.lemma_.lower()
    compound = " ".join(t.lemma_.lower() for t in token.lefts if t.dep_ == "compound")
    if compound and f"{compound} {lemma}" in reg.nouns:
        return reg.nouns[f"{compound} {lemma}"]
    return reg.nouns.get(lemma)


def _description_span(token: Token) -> Span:
    """The noun with its modifiers, without determiners or numbers ("three US soldiers" -> "US
    soldiers": the number is a casualty figure, not part of who they are)."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS and child.i < left:
            left = min(left, child.left_edge.i)
    while left < token.i and token.doc[left].dep_ in {"det", "nummod", "quantmod", "punct", "case"}:
        left += 1
    return token.doc[left : token.i + 1]


def _actor_from_description(span: Span, head: Token, reg: Registry) -> Actor:
    kind, sector = _noun_class(head, reg) or ("unknown", None)
    country = None
    entry = None
    for token in span:
        if token.i == head.i or _is_sponsor(token):
            continue
        country = country or reg.country_of(token.text)
    for ent in span.ents:
        if _is_sponsor(ent[-1]):
            continue
        entry = entry or reg.lookup(ent.text)
        country = country or reg.country_of(ent.text)
    if entry is not None and entry.kind not in {"government"}:
        # "Hamas fighters", "Houthi rebels": the group itself
        name, kind, sector, country = entry.name, entry.kind, entry.sector, entry.country
        registry_id = entry.id
    elif country and sector in _STATE_PREFIX and kind in {"state_forces", "government"}:
        state = reg.state_entry(country, sector)
        name, registry_id = (state.name, state.id) if state else (span.text, None)
    else:
        name, registry_id = span.text, None
    return Actor(text=span.text, start=span.start_char, end=span.end_char, name=name,
                 kind=kind, country=country, sector=sector, registry_id=registry_id,  # type: ignore[arg-type]
                 confidence=0.8 if registry_id else 0.5)


def _person_role(ent: Span, reg: Registry) -> tuple[str | None, str | None]:
    """Role and affiliation from a title before the name ("Iraqi Prime Minister X") or an
    apposition after it ("X, the Iraqi government spokesman")."""
    doc = ent.doc
    sent_start = sentence_of(ent).start
    # Titles before the name: up to four tokens.
    for width in (4, 3, 2, 1):
        lo = ent.start - width
        if lo < sent_start:
            continue
        words = doc[lo : ent.start]
        for cut in range(len(words)):
            if " ".join(t.lower_ for t in words[cut:]) in reg.roles:
                affiliation = _affiliation(doc[max(sent_start, lo - 2) : lo + cut], reg)
                return words[cut:].text, affiliation
    # Apposition: the head of the name has an appos child whose head noun is a role.
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            role = _role_in(child, reg)
            if role:
                return role, _affiliation(doc[child.left_edge.i : child.i], reg)
    return None, None


def _role_in(head: Token, reg: Registry) -> str | None:
    compound = " ".join(t.lower_ for t in head.lefts if t.dep_ == "compound")
    with_compound = f"{compound} {head.lower_}".strip()
    if with_compound in reg.roles:
        return with_compound
    return head.text if head.lower_ in reg.roles or head.lemma_.lower() in reg.roles else None


def _affiliation(span: Span, reg: Registry) -> str | None:
    for ent in span.ents:
        entry = reg.lookup(ent.text)
        if entry is not None:
            return entry.name
    for token in span:
        country = reg.country_of(token.text)
        if country:
            state = reg.state_entry(country, "GOV")
            return state.name if state else country
    return None
