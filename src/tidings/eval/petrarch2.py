"""PETRARCH2 unit-test records (``PETR.UnitTest.records.xml``): CAMEO root codes.

A regression guard only: most of the 284 sentences are stylised tests of PETRARCH's parser with
fictional states (Arnor, Gondor, ...), not news. Each ``<Sentence>`` holds its ``<Text>`` and zero or
more ``<EventCoding sourcecode=... targetcode=... eventcode=...>``; a coding may instead say
``noevents="True"`` or ``error=...``.

Only codings whose root (the first two digits) is a real CAMEO root, 01 to 20, count as expected
events: the test dictionaries also use made-up codes (``903``, ``345``) to exercise the coder.

``cameo_root_agreement``: over the sentences with at least one expected event, the share where the
first two digits of the ``cameo`` of our most confident event equal one of the expected roots (no
event, or an event without a CAMEO code, is a disagreement). Scoring the top event alone, rather
than any event, keeps a spray of guesses from scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from ..models import Article, ArticleResult, EvalReport, article_id_for

NAME = "petrarch2-validation"
# All 284 sentences take about 5 s with the small model on 2 cores.
DEFAULT_LIMIT: int | None = None
EXAMPLES = 10
RECORDS_FILE = Path("text") / "PETR.UnitTest.records.xml"

_CODE = re.compile(r"^\d{3,4}$")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str  # whitespace collapsed: the XML wraps sentences over several lines
    published: date | None
    roots: frozenset[str]  # the expected CAMEO roots ("04", "19"); empty when none is a real root
    codes: tuple[str, ...]  # every eventcode as written, for the examples


def cameo_root(code: str | None) -> str | None:
    """The CAMEO root ("04") of a code ("042", "0431"), or None for a code outside roots 01-20."""
    if code is None or not _CODE.match(code):
        return None
    return code[:2] if 1 <= int(code[:2]) <= 20 else None


def _published(value: str | None) -> date | None:
    match = _DATE.match(value or "")
    return date(*map(int, match.groups())) if match else None


def read_sentences(path: Path) -> list[GoldSentence]:
    """Every ``<Sentence>`` of a PETRARCH validation file with its text and expected codes."""
    root = ElementTree.parse(path).getroot()
    sentences = []
    for element in root.iter("Sentence"):
        text_element = element.find("Text")
        text = " ".join((text_element.text or "").split()) if text_element is not None else ""
        if not text:
            continue
        codes = tuple(c.get("eventcode") for c in element.findall("EventCoding") if c.get("eventcode"))
        roots = frozenset(r for r in map(cameo_root, codes) if r)
        sentences.append(GoldSentence(element.get("id", ""), text,
                                      _published(element.get("date")), roots, codes))
    return sentences


def predicted_root(result: ArticleResult) -> str | None:
    """The CAMEO root of the article's most confident event (first among equals), if any."""
    event = max(result.events, key=lambda e: e.confidence, default=None)
    return cameo_root(event.cameo) if event is not None else None


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    sentences = [s for s in read_sentences(root / RECORDS_FILE) if s.roots][:limit]
    articles = [Article(id=article_id_for(s.text), text=s.text, published=s.published, origin=s.id)
                for s in sentences]
    agreed = predicted = failed = 0
    examples: list[str] = []
    for sentence, result in zip(sentences, pipeline.process_many(articles)):
        failed += bool(result.errors)
        root_code = predicted_root(result)
        predicted += root_code is not None
        if root_code in sentence.roots:
            agreed += 1
        elif len(examples) < EXAMPLES:
            examples.append(f"{sentence.id}: expected {'/'.join(sentence.codes)}, "
                            f"predicted root {root_code or 'none'}")
    return EvalReport(
        name=NAME,
        scores={"cameo_root_agreement": agreed / len(sentences) if sentences else 0.0},
        counts={"sentences": len(sentences), "failed": failed, "predicted": predicted,
                "agreed": agreed},
        examples=examples,
        notes="regression guard: stylised unit-test sentences; prediction = the most confident event",
    )
