"""Atheris fuzzer over ingest: bytes -> ``read_*`` for plain text, HTML, JSONL (input articles,
and the result lines of ``tidings dump``) and RSS/Atom feeds.

Run (a dev tool; ``pip install atheris`` -- 3.0.0 installs from a wheel for CPython 3.11)::

    python fuzz/fuzz_ingest.py -atheris_runs=20000            # 20,000 inputs, then a summary
    python fuzz/fuzz_ingest.py fuzz/corpus/ingest -max_total_time=600   # grow a corpus

The first byte of each input picks the reader; the rest is the file's bytes. Any uncaught
exception is a bug (a bad article must become an ``errors`` entry, never a crash): libFuzzer stops,
prints the traceback and writes the input as ``crash-<sha1>`` (see ``-artifact_prefix``). Replay one
with ``python fuzz/fuzz_ingest.py crash-<sha1>``.

Besides "no exception", every article must satisfy the contract: an error, or non-blank text whose
dateline span slices the text exactly.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["tidings"]):
    from tidings.ingest import article_from_bytes, article_from_html, read_feed, read_jsonl
    from tidings.models import ArticleResult

# A feed is read from a path (feedparser sniffs the file); one scratch file is rewritten per input.
_SCRATCH = Path(tempfile.mkdtemp(prefix="tidings-fuzz-")) / "feed.xml"
MAX_BYTES = 20_000  # small, so the size-limit branches are reached too


def check(article) -> None:
    if isinstance(article, ArticleResult):  # a result line read back: its spans index its text
        text = article.article.text
        for item in [*article.actors, *article.places, *article.times, *(e.trigger for e in article.events)]:
            assert text[item.start:item.end] == item.text, item
        return
    if article.errors:
        assert all(e.code.startswith("E") and e.message for e in article.errors), article.errors
        return
    assert article.text.strip(), "an article without errors must have text"
    assert article.id, "every article has an id"
    if article.dateline is not None:
        span = article.dateline
        assert article.text[span.start:span.end] == span.text, (span, article.text[:200])


def test_one_input(data: bytes) -> None:
    if not data:
        return
    kind, body = data[0] % 5, data[1:]
    if kind == 0:
        check(article_from_bytes(body, "fuzz.txt"))
    elif kind == 1:
        check(article_from_html(body, "fuzz.html"))
    elif kind == 2:  # input articles, one per line
        for article in read_jsonl(io.BytesIO(body), "fuzz.jsonl", max_bytes=MAX_BYTES):
            check(article)
    elif kind == 4:
        for item in read_jsonl(io.BytesIO(body), "dump.jsonl", max_bytes=MAX_BYTES, results=True):
            check(item)
    else:
        _SCRATCH.write_bytes(body)
        for article in read_feed(_SCRATCH, max_bytes=MAX_BYTES):
            check(article)


def main() -> None:
    os.environ.setdefault("TIDINGS_MAX_BYTES", str(MAX_BYTES))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
