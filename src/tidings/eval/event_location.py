"""Event location (Halterman 2019, "Geolocating Political Events in Text"): which place in a sentence
is where its event happened.

Read from ``labeled_text.jsonl``: one record a line, a sentence ``text`` and its ``spans``: one
``VERB`` (the event's word) and zero or more ``LOCATION`` spans, the places where that event
happened (annotators marked the most specific one: the neighbourhood rather than the city it lies
in). A record with no LOCATION says the sentence does not place that event.

Each record's sentence goes through the whole pipeline as a one-sentence article, and the place
scored is the ``location`` of the event that ``tidings extract`` prints for the VERB (the event whose
trigger, else whose evidence, overlaps it). Scores:

- ``accuracy``, the headline, end to end: records with a gold location where the printed event's
  location overlaps one of them, or is another mention of the same name in the sentence; no event
  printed at the VERB, or one without a location or at another place, counts wrong;
- ``choice_accuracy``: the same, over records where some printed place overlaps a gold location;
- ``none_accuracy``: records with no gold location for which no located event was printed at the VERB;
- ``event_found``: the share of records for which an event is printed at the VERB at all.

Until 2026-12-05 the figures were those of the location chooser called alone on the gold VERB
(``event_location`` asked where the event at that word happened, whether or not the events
extractor makes an event there): that measured a function, not what a user gets. They are kept
under ``accuracy_chooser``, ``choice_accuracy_chooser`` and ``none_accuracy_chooser`` so that the
chooser can still be read apart from event detection and old figures compared.

The default limit takes an evenly spread sample (every k-th record) so that every source in the
file (AP, AFP, Xinhua, Syrian and atrocity reports) is represented.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from ..extract.actors import extract_actors
from ..annotate.document import sentence_of
from ..extract.event_places import event_location
from ..extract.places import extract_places
from ..models import Article, ArticleResult, EvalReport, Event, Place, article_id_for
from .toponyms import overlaps as _overlaps, spread as _spread

NAME = "event-location"
DEFAULT_LIMIT: int | None = 1500  # records, spread over the file; about 30 s. None reads all 9,686
FILE = "labeled_text.jsonl"


def read_records(root: Path) -> list[dict]:
    """Records with exactly one VERB span (the event) whose offsets spell text inside the sentence."""
    records = []
    with (root / FILE).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            verbs = [s for s in record["spans"] if s["label"] == "VERB"]
            if len(verbs) != 1 or not record["text"][verbs[0]["start"]:verbs[0]["end"]].strip():
                continue
            records.append(record)
    return records


def _same_name(a: str, b: str) -> bool:
    """The same toponym written again: "Somalia" chosen where the gold marks the sentence's other
    "Somalia". The data set asks which place, and a name said twice in a sentence is one place."""
    return a.strip().casefold() == b.strip().casefold()


@dataclass
class _Tally:
    """Right and wrong answers of one way of choosing a record's place."""

    with_gold: int = 0
    right: int = 0
    choosable: int = 0
    chose_right: int = 0
    without_gold: int = 0
    right_none: int = 0
    wrong: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(self, number: int, text: str, verb: str, gold: list[tuple[int, int]],
            places: list[Place], chosen: Place | None) -> None:
        if gold:
            self.with_gold += 1
            hit = chosen is not None and any(_overlaps(chosen.start, chosen.end, s, e)
                                             or _same_name(chosen.text, text[s:e]) for s, e in gold)
            self.right += hit
            if any(_overlaps(p.start, p.end, s, e) for p in places for s, e in gold):
                self.choosable += 1
                self.chose_right += hit
            if not hit:
                said = chosen.text if chosen is not None else None
                self.wrong.append(f"record {number}: {verb!r} -> {said!r}, gold "
                                  f"{[text[s:e] for s, e in gold]}")
        else:
            self.without_gold += 1
            self.right_none += chosen is None
            if chosen is not None:
                self.spurious.append(f"record {number}: {verb!r} -> {chosen.text!r}, gold none")

    def scores(self, suffix: str = "") -> dict[str, float]:
        return {
            f"accuracy{suffix}": round(self.right / self.with_gold, 4) if self.with_gold else 0.0,
            f"choice_accuracy{suffix}": round(self.chose_right / self.choosable, 4) if self.choosable else 0.0,
            f"none_accuracy{suffix}": round(self.right_none / self.without_gold, 4) if self.without_gold else 0.0,
        }


def printed_event_at(result: ArticleResult, start: int, end: int, verb: Token | None = None) -> Event | None:
    """The event ``tidings extract`` prints for the word at ``start``..``end``: the one whose
    trigger overlaps it, else one whose evidence does (an incident keeps its other mentions there),
    else, with the parsed ``verb``, one whose trigger the verb governs directly or through one noun
    and no other verb ("launched an offensive", "strikes destroyed": the annotators marked the
    verb, tidings the event noun of the same clause)."""
    for event in result.events:
        if _overlaps(event.trigger.start, event.trigger.end, start, end):
            return event
    for event in result.events:
        if any(_overlaps(span.start, span.end, start, end) for span in event.evidence):
            return event
    if verb is None:
        return None
    near = {verb.i}
    for child in verb.children:
        near.add(child.i)
        if child.pos_ not in {"VERB", "AUX"}:
            near.update(grandchild.i for grandchild in child.children)
    doc = verb.doc
    governed = []
    for event in result.events:
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trigger is not None and len(trigger) and trigger.root.i in near:
            governed.append((abs(trigger.root.i - verb.i), event))
    return min(governed, key=lambda item: item[0])[1] if governed else None


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    records = read_records(root)
    if limit is not None and limit < len(records):
        step = len(records) / limit
        records = [records[int(i * step)] for i in range(limit)]

    printed, chooser = _Tally(), _Tally()
    events_found = 0
    no_trigger = 0  # records skipped: the VERB does not align with the parse, or broken gold
    texts = [r["text"] for r in records]
    articles = [Article(id=article_id_for(text), text=text) for text in texts]
    results = pipeline.process_many(articles)
    for number, (record, doc, result) in enumerate(zip(records, pipeline.nlp.pipe(texts), results)):
        text = record["text"]
        verb = next(s for s in record["spans"] if s["label"] == "VERB")
        # A few LOCATION spans are empty or a stray letter (a slip of the annotation tool): skipped.
        gold = [(s["start"], s["end"]) for s in record["spans"]
                if s["label"] == "LOCATION" and len(text[s["start"]:s["end"]].strip()) >= 2]
        if not gold and any(s["label"] == "LOCATION" for s in record["spans"]):
            no_trigger += 1  # only broken LOCATION spans: neither a place nor a "no place" answer
            continue
        span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
        if span is None or not len(span):
            no_trigger += 1
            continue
        # What a user gets: the location of the event printed at the VERB.
        event = printed_event_at(result, verb["start"], verb["end"], span.root)
        events_found += event is not None
        printed.add(number, text, text[verb["start"]:verb["end"]], gold, result.places,
                    event.location if event is not None else None)
        # The chooser alone on the gold VERB (the headline until 2026-12-05), kept for comparison.
        article = articles[number]
        places = extract_places(doc, article)
        head = span.root
        chosen = event_location(head, sentence_of(head), places, extract_actors(doc, article), article)
        chooser.add(number, text, head.text, gold, places, chosen)

    scored = printed.with_gold + printed.without_gold
    return EvalReport(
        name=NAME,
        scores={**printed.scores(), **chooser.scores("_chooser"),
                "event_found": round(events_found / scored, 4) if scored else 0.0},
        counts={
            "records": len(records), "with_gold_location": printed.with_gold, "correct": printed.right,
            "choosable": printed.choosable, "chosen_right": printed.chose_right,
            "without_gold_location": printed.without_gold, "correctly_none": printed.right_none,
            "events_found": events_found, "correct_chooser": chooser.right, "skipped": no_trigger,
        },
        examples=[*_spread(printed.wrong, 6), *_spread(printed.spurious, 3)],
        notes="accuracy: records with a gold location where the location of the event tidings "
              "prints at the VERB overlaps it (no event printed counts wrong); choice_accuracy: "
              "the same where a printed place overlaps gold; none_accuracy: records without a "
              "gold location where no located event was printed; *_chooser: the location chooser "
              "called alone on the gold VERB (the headline until 2026-12-05).",
    )
