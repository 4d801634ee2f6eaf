"""Event location (Halterman 2019, "Geolocating Political Events in Text"): which place in a sentence
is where its event happened.

Read from ``labeled_text.jsonl``: one record a line, a sentence ``text`` and its ``spans``: one
``VERB`` (the event's word) and zero or more ``LOCATION`` spans, the places where that event
happened (annotators marked the most specific one: the neighbourhood rather than the city it lies
in). A record with no LOCATION says the sentence does not place that event.

For each record the sentence is parsed, its places found (``extract_places``) and its actors
(``extract_actors``), and ``event_location`` is asked where the event at the VERB happened, exactly as
the events extractor asks it. Scores:

- ``accuracy``: records with a gold location whose chosen place overlaps one of them, or is
  another mention of the same name in the sentence (a missed or unchosen place counts wrong): the
  end-to-end number. (Until 2026-11-24 only an overlapping mention counted: a sentence naming
  "Somalia" twice was scored wrong when the other mention was chosen; 4 of 1,500 records.)
- ``choice_accuracy``: the same, over records where some found place overlaps a gold location, so
  recognition misses are out and only the choice is measured;
- ``none_accuracy``: records with no gold location for which no place was chosen.

The default limit takes an evenly spread sample (every k-th record) so that every source in the
file (AP, AFP, Xinhua, Syrian and atrocity reports) is represented.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..extract.actors import extract_actors
from ..annotate.document import sentence_of
from ..extract.places import event_location, extract_places
from ..models import Article, EvalReport, article_id_for
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


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    records = read_records(root)
    if limit is not None and limit < len(records):
        step = len(records) / limit
        records = [records[int(i * step)] for i in range(limit)]

    with_gold = right = choosable = chose_right = 0
    without_gold = right_none = 0
    no_trigger = 0  # records skipped: the VERB does not align with the parse, or broken gold
    wrong: list[str] = []
    spurious: list[str] = []
    texts = [r["text"] for r in records]
    for number, (record, doc) in enumerate(zip(records, pipeline.nlp.pipe(texts))):
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
        article = Article(id=article_id_for(text), text=text)
        places = extract_places(doc, article)
        actors = extract_actors(doc, article)
        head = span.root
        chosen = event_location(head, sentence_of(head), places, actors, article)
        if gold:
            with_gold += 1
            hit = chosen is not None and any(_overlaps(chosen.start, chosen.end, s, e)
                                             or _same_name(chosen.text, text[s:e]) for s, e in gold)
            right += hit
            if any(_overlaps(p.start, p.end, s, e) for p in places for s, e in gold):
                choosable += 1
                chose_right += hit
            if not hit:
                said = chosen.text if chosen is not None else None
                wrong.append(f"record {number}: {head.text!r} -> {said!r}, gold "
                             f"{[text[s:e] for s, e in gold]}")
        else:
            without_gold += 1
            right_none += chosen is None
            if chosen is not None:
                spurious.append(f"record {number}: {head.text!r} -> {chosen.text!r}, gold none")

    return EvalReport(
        name=NAME,
        scores={
            "accuracy": round(right / with_gold, 4) if with_gold else 0.0,
            "choice_accuracy": round(chose_right / choosable, 4) if choosable else 0.0,
            "none_accuracy": round(right_none / without_gold, 4) if without_gold else 0.0,
        },
        counts={
            "records": len(records), "with_gold_location": with_gold, "correct": right,
            "choosable": choosable, "chosen_right": chose_right,
            "without_gold_location": without_gold, "correctly_none": right_none,
            "skipped": no_trigger,
        },
        examples=[*_spread(wrong, 6), *_spread(spurious, 3)],
        notes="accuracy: records with a gold location whose chosen place overlaps it; "
              "choice_accuracy: the same where a found place overlaps gold; none_accuracy: records "
              "without a gold location where no place was chosen.",
    )
