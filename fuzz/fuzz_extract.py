"""Atheris fuzzer over extraction: bytes -> text -> ingest -> the whole pipeline (spaCy + extractors).

Run (a dev tool; needs ``pip install atheris`` and the spaCy model)::

    python fuzz/fuzz_extract.py -atheris_runs=10000
    python fuzz/fuzz_extract.py /tmp/extract-corpus fuzz/corpus/extract -dict=fuzz/ingest.dict

(libFuzzer adds the inputs it finds to the *first* corpus folder: keep that one outside the repo.)

Each input is decoded as UTF-8 (invalid bytes replaced, so mutations still reach the extractors),
read as a plain-text article, parsed and extracted with the per-article time budget in force. A
crash is an uncaught exception, an E011 (an extractor raised; the pipeline turned it into an error,
but it is still a bug), or a span whose offsets do not slice the article text exactly.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["tidings"]):
    from tidings.ingest import article_from_text
    from tidings.pipeline import Pipeline

PIPELINE = None


def spans_of(result):
    for event in result.events:
        yield event.trigger
        yield from event.evidence
        for casualty in event.casualties:
            yield casualty.evidence
    yield from result.actors
    yield from result.places
    yield from result.times
    for statement in result.statements:
        yield statement.cue
        yield statement.content
    for claim in result.claims:
        yield claim.evidence


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    article = article_from_text(text, "fuzz.txt")
    (result,) = PIPELINE.process_many([article])
    codes = [e.code for e in result.errors]
    assert "E011" not in codes, result.errors
    body = result.article.text
    for span in spans_of(result):
        if span is not None:
            assert body[span.start:span.end] == span.text, (span, body[:300])


def main() -> None:
    global PIPELINE
    os.environ.setdefault("TIDINGS_TIME_BUDGET", "10")
    PIPELINE = Pipeline()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
