"""TempEval-3 (TBAQ training: TimeBank + AQUAINT): time expressions and their TIMEX3 values.

Each TimeML file carries the document creation time (the DCT ``TIMEX3``) and the article text with
inline ``TIMEX3`` tags. We strip the tags to recover the plain text with character offsets, run the
pipeline's spaCy model and ``extract_times(doc, dct)`` on it, and compare with the gold ``TIMEX3``s
of the text (the DCT itself is metadata, not a mention, and is not scored).

Scores:

- ``precision`` / ``recall`` / ``f1``: recognition, a prediction matching a gold timex when their
  character spans overlap (each gold and each prediction used once, largest overlap first);
- ``value_accuracy``: correct values among matched expressions;
- ``value_accuracy_strict``: correct values over all gold expressions (recognition and value);
- ``type_accuracy``: correct types (date/time/duration/set) among matched expressions.

Values are compared after one notational canonicalization only: ISO week numbers are zero-padded
(the annotators wrote both ``2000-W8`` and ``1998-W08`` for the same kind of value).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from ..extract.times import extract_times
from ..models import EvalReport, Time
from .metrics import f1, ratio

NAME = "tempeval3"
# 160 of the 256 documents, spread evenly over both collections, parse in about 30 s with the
# small model on 2 cores (all 256, about 87,000 words, take 30-50 s depending on load).
DEFAULT_LIMIT: int | None = 160
EXAMPLES = 12

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTRIBUTE = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_WEEK = re.compile(r"-W(\d)(?=$|\D)")


@dataclass(frozen=True)
class GoldTimex:
    text: str
    start: int
    end: int
    value: str
    type: str  # TimeML's upper-case type: DATE, TIME, DURATION, SET


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    dct: date
    timexes: list[GoldTimex]


def read_document(path: Path) -> GoldDocument:
    """One TimeML file: the ``<TEXT>`` content with tags stripped, its DCT, and its TIMEX3s."""
    raw = path.read_text(encoding="utf-8")
    dct = read_dct(raw, path)
    body_start = raw.find("<TEXT>")
    body_end = raw.find("</TEXT>")
    if body_start < 0 or body_end < 0:
        raise ValueError(f"{path}: no <TEXT> element")
    body = raw[body_start + len("<TEXT>"):body_end]
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position:tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attributes, empty = tag.groups()
        if name != "TIMEX3" or empty:
            continue
        if not closing:
            open_timexes.append((length, dict(_ATTRIBUTE.findall(attributes))))
            continue
        start, attrs = open_timexes.pop()
        timexes.append(GoldTimex(text="", start=start, end=length, value=attrs.get("value", ""),
                                 type=attrs.get("type", "")))
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    timexes = [GoldTimex(text=text[t.start:t.end], start=t.start, end=t.end, value=t.value,
                         type=t.type) for t in timexes]
    return GoldDocument(name=path.stem, text=text, dct=dct, timexes=timexes)


def read_dct(raw: str, path: Path) -> date:
    """The document creation time: the value of the TIMEX3 inside ``<DCT>``."""
    start = raw.find("<DCT>")
    end = raw.find("</DCT>")
    if start < 0 or end < 0:
        raise ValueError(f"{path}: no <DCT> element")
    element = ElementTree.fromstring(raw[start:end + len("</DCT>")])
    timex = element.find("TIMEX3")
    if timex is None or not timex.get("value"):
        raise ValueError(f"{path}: <DCT> holds no TIMEX3 value")
    return date.fromisoformat(timex.get("value", "")[:10])


def canonical_value(value: str | None) -> str:
    """The value as compared: upper case, ISO week numbers zero-padded."""
    return _WEEK.sub(r"-W0\1", (value or "").upper())


def match_spans(gold: list[GoldTimex], predicted: list[Time]) -> list[tuple[GoldTimex, Time]]:
    """One-to-one overlap matching: largest overlap first, then the closest extent."""
    pairs = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                mismatch = abs(g.start - p.start) + abs(g.end - p.end)
                pairs.append((-overlap, mismatch, g.start, p.start, g, p))
    pairs.sort(key=lambda pair: pair[:4])
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matched = []
    for *_, g, p in pairs:
        if id(g) in used_gold or id(p) in used_predicted:
            continue
        used_gold.add(id(g))
        used_predicted.add(id(p))
        matched.append((g, p))
    return matched


def spread(files: list[Path], limit: int | None) -> list[Path]:
    """``limit`` files taken evenly across the sorted list, so that a short run still sees both
    collections (AQUAINT sorts first; TimeBank's Wall Street Journal files last)."""
    if limit is None or limit >= len(files):
        return files
    if limit <= 0:
        return []
    return [files[i * len(files) // limit] for i in range(limit)]


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    files = sorted((root / "Training").rglob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no TimeML files under {root / 'Training'}")
    files = spread(files, limit)
    documents = [read_document(path) for path in files]
    gold_count = predicted_count = matched_count = value_correct = type_correct = 0
    examples: list[str] = []
    docs = pipeline.nlp.pipe(d.text for d in documents)
    for document, doc in zip(documents, docs):
        predicted = extract_times(doc, document.dct)
        gold_count += len(document.timexes)
        predicted_count += len(predicted)
        for g, p in match_spans(document.timexes, predicted):
            matched_count += 1
            if p.type.upper() == g.type:
                type_correct += 1
            if canonical_value(p.value) == canonical_value(g.value):
                value_correct += 1
            elif len(examples) < EXAMPLES:
                examples.append(f"{document.name} (DCT {document.dct}): gold {g.text!r} = {g.value}, "
                                f"predicted {p.text!r} = {p.value}")
    precision = ratio(matched_count, predicted_count)
    recall = ratio(matched_count, gold_count)
    return EvalReport(
        name=NAME,
        scores={
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "value_accuracy": ratio(value_correct, matched_count),
            "value_accuracy_strict": ratio(value_correct, gold_count),
            "type_accuracy": ratio(type_correct, matched_count),
        },
        counts={"documents": len(documents), "gold": gold_count, "predicted": predicted_count,
                "matched": matched_count, "value_correct": value_correct},
        examples=examples,
        notes="TBAQ training (TimeBank + AQUAINT), DCT excluded; overlap match; values compared "
              "exactly after zero-padding ISO week numbers",
    )
