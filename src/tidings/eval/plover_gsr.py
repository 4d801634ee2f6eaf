"""PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``): event type and source/target actors.

The file is a JSON array of 322 single-sentence records from the CAMEO 1.1b3 manual, each coded
with a PLOVER event type, source and target actors (``actorText`` with a CAMEO/ISO country code and
an optional sector) and inline markup. One ``DOCUMENT`` record carries only documentation and is
skipped.

Each record's ``text`` is processed as one article; the prediction is the article's most confident
event (the first of equals, in text order), or none.

Scores:

- ``type_accuracy``: the predicted type equals the gold type, over all records (no event = wrong);
- ``type_accuracy_predicted``: the same, over the records where we predicted an event;
- ``source_agreement`` / ``target_agreement``: over the records with a gold source (target) actor
  and a predicted event, the share where one of the event's source (target) actors matches one
  of the gold ones (see ``actor_matches``). Records without a prediction are left out here, so
  these isolate actor attribution from event recall, which ``type_accuracy`` already charges;
- ``mode_agreement``: over the records with a gold mode whose type we predicted right, the share
  whose mode is the gold one (draft modes such as ``strike-hun`` read through ``LEGACY_MODES``).

The records were coded with PLOVER draft 0.6, whose labels DEMAND, DISAPPROVE, INVESTIGATE and
FIGHT the 16 types of tidings/1 (PLOVER 2021) fold into others. ``LEGACY_TYPES`` maps them the way
``CAMEO2PLOVER-2021.txt`` (in the same folder) maps their CAMEO roots: 10 -> REQUEST,
09 and 11 -> ACCUSE, 19/20 -> ASSAULT.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from ..models import (
    EVENT_TYPES,
    Actor,
    Article,
    ArticleResult,
    EvalReport,
    Event,
    article_id_for,
)
from .metrics import ratio

NAME = "plover-gsr"
# All 322 sentences take about 5 s with the small model on 2 cores.
DEFAULT_LIMIT: int | None = None
EXAMPLES = 10
RECORDS_FILE = Path("gold_standard_records") / "PLOVER_GSR_CAMEO.txt"

# PLOVER draft 0.6 labels -> PLOVER 2021 types, following CAMEO2PLOVER-2021.txt (see module doc).
LEGACY_TYPES: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}

# PLOVER draft modes written with a qualifier -> the PLOVER 2021 mode names tidings uses.
LEGACY_MODES: dict[str, str] = {
    "strike-hun": "hunger", "strike-gen": "strike", "riot-spon": "riot", "riot-org": "riot",
    "demo-org": "demo", "demo-spon": "demo",
}

_WORD = re.compile(r"[a-z0-9]+")
# Words too common in actor descriptions to show two mentions are the same participant.
_GENERIC_WORDS = frozenset({
    "the", "of", "and", "in", "for", "to", "a", "an", "its", "their", "his", "her", "on",
    "official", "officials", "government", "minister", "president", "forces", "people",
})


@dataclass(frozen=True)
class GoldActor:
    text: str  # ``actorText``: the words of the sentence that name it (may contain "...")
    code: str | None  # CAMEO actor code: usually ISO alpha-3, or IGO / NGO / ...
    sector: str | None


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    event: str  # the PLOVER 2021 type
    legacy_event: str  # the label as written in the file
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    mode: str | None = None  # the PLOVER 2021 mode (LEGACY_MODES applied); None: none coded


def _actors(value: object) -> list[GoldActor]:
    """Gold actors from a ``source``/``target`` value: a list of dicts, or "" / a context word
    (nine records hold a stray string there) / null for none."""
    if not isinstance(value, list):
        return []
    return [GoldActor(a["actorText"], a.get("code") or None, a.get("sector") or None) for a in value]


def read_records(path: Path) -> list[GoldRecord]:
    """The coded records of a GSR file (the JSON array), with legacy types mapped to PLOVER 2021.
    Records without text (``DOCUMENT``) are not events and are left out."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for item in raw:
        if not item.get("text") or item.get("event") == "DOCUMENT":
            continue
        legacy = item["event"]
        event = LEGACY_TYPES.get(legacy, legacy)
        if event not in EVENT_TYPES:
            raise ValueError(f"{path}: record {item['id']} has event type {legacy!r}, "
                             "which neither PLOVER 2021 nor LEGACY_TYPES knows")
        mode = str(item.get("mode") or "").strip().lower() or None
        records.append(GoldRecord(item["id"], item["text"], event, legacy,
                                  _actors(item.get("source")), _actors(item.get("target")),
                                  LEGACY_MODES.get(mode, mode) if mode else None))
    return records


def top_event(result: ArticleResult) -> Event | None:
    """The article's most confident event; the first in text order among equals."""
    return max(result.events, key=lambda event: event.confidence, default=None)


@lru_cache(maxsize=512)
def _is_country_code(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) > 2 and w not in _GENERIC_WORDS}


def actor_matches(predicted: Actor, gold: GoldActor, text: str) -> bool:
    """Whether a predicted actor stands for a gold one. Any of:

    1. span: the predicted mention overlaps an occurrence of the gold ``actorText`` in the text;
    2. country: the gold code is an ISO 3166-1 alpha-3 code (not IGO, NGO, ...) equal to the
       predicted ``country`` ("Hungarian officials" HUN ~ "Hungary" resolved to HUN);
    3. name: the predicted text or canonical name shares a content word with ``actorText``
       ("Palestinian Liberation Organization" ~ "PLO leader Arafat" does not; "Serbian police" ~
       "Serbian forces" does), generic words such as "officials" or "government" not counting.
    """
    start = text.find(gold.text)
    while start != -1:
        if predicted.start < start + len(gold.text) and start < predicted.end:
            return True
        start = text.find(gold.text, start + 1)
    if gold.code and predicted.country == gold.code and _is_country_code(gold.code):
        return True
    gold_words = _content_words(gold.text)
    return bool(gold_words & (_content_words(predicted.text) | _content_words(predicted.name)))


def any_actor_matches(predicted: list[Actor], gold: list[GoldActor], text: str) -> bool:
    return any(actor_matches(p, g, text) for p in predicted for g in gold)


@dataclass
class Tally:
    """Running counts behind the scores."""

    records: int = 0
    failed: int = 0  # articles the pipeline reported an error for (counted as no event)
    predicted: int = 0
    type_correct: int = 0
    with_source: int = 0
    source_matched: int = 0
    with_target: int = 0
    target_matched: int = 0
    with_mode: int = 0  # records with a gold mode whose predicted type is right
    mode_matched: int = 0
    wrong: list[str] = field(default_factory=list)  # examples: a wrong type
    missed: list[str] = field(default_factory=list)  # examples: no event, or a pipeline error

    def add(self, record: GoldRecord, result: ArticleResult) -> None:
        self.records += 1
        text = record.text
        if result.errors:
            self.failed += 1
            _keep(self.missed, f"{record.id}: pipeline error {result.errors[0].code}: "
                               f"{result.errors[0].message}")
        event = top_event(result)
        if event is None:
            _keep(self.missed, f"{record.id}: gold {record.event}, predicted none")
            return
        self.predicted += 1
        if event.type == record.event:
            self.type_correct += 1
            if record.mode:
                self.with_mode += 1
                self.mode_matched += event.mode == record.mode
        else:
            _keep(self.wrong, f"{record.id}: gold {record.event}, predicted {event.type} "
                              f"(trigger {event.trigger.text!r})")
        if record.sources:
            self.with_source += 1
            self.source_matched += any_actor_matches(event.source_actors, record.sources, text)
        if record.targets:
            self.with_target += 1
            self.target_matched += any_actor_matches(event.target_actors, record.targets, text)

    def report(self) -> EvalReport:
        return EvalReport(
            name=NAME,
            scores={
                "type_accuracy": ratio(self.type_correct, self.records),
                "type_accuracy_predicted": ratio(self.type_correct, self.predicted),
                "source_agreement": ratio(self.source_matched, self.with_source),
                "target_agreement": ratio(self.target_matched, self.with_target),
                "mode_agreement": ratio(self.mode_matched, self.with_mode),
            },
            counts={
                "records": self.records, "failed": self.failed, "predicted": self.predicted,
                "type_correct": self.type_correct, "with_source": self.with_source,
                "source_matched": self.source_matched, "with_target": self.with_target,
                "target_matched": self.target_matched, "with_mode": self.with_mode,
                "mode_matched": self.mode_matched,
            },
            examples=(self.wrong + self.missed)[:EXAMPLES],
            notes="prediction = the most confident event per sentence; legacy labels mapped "
                  "DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT; actor "
                  "agreement over records with a predicted event; mode agreement over records "
                  "with a gold mode and the right type",
        )


def _keep(examples: list[str], line: str) -> None:
    if len(examples) < EXAMPLES:
        examples.append(line)


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    records = read_records(root / RECORDS_FILE)[:limit]
    articles = [Article(id=article_id_for(r.text), text=r.text, origin=r.id) for r in records]
    tally = Tally()
    for record, result in zip(records, pipeline.process_many(articles)):
        tally.add(record, result)
    return tally.report()
