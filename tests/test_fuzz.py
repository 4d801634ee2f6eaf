"""Hostile and malformed input through ingest and the whole pipeline: zero crashes.

Property tests (Hypothesis) generate random bytes, truncated and deeply nested HTML, zero-width and
right-to-left characters, huge single words, mixed encodings and JSONL with wrong types. Every input
must come out as exactly one result per article, with either an ``errors`` entry that says why or
facts whose spans slice the text exactly. Together these tests try more than 10,000 inputs per run.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.ingest import article_from_bytes, article_from_html, read_jsonl
from tidings.pipeline import extract_all

pytestmark = pytest.mark.slow

ODD_CHARS = ["\u200b", "\u200d", "\u202e", "\u202d", "\u2066", "\ufeff", "\u0000", "\x7f", "\u0301",
             "\U0001F4A3", "\u0627\u0644\u0639\u0631\u0627\u0642", "\n\n", "\t", "“", "”", "\u00a0"]
WORDS = ["Gunmen", "attacked", "a", "police", "post", "in", "Kabul", "on", "Sunday", ",", "killing", "3",
         "officers", ".", "\"", "The", "army", "said", "it", "would", "respond", "at least", "34",
         "were", "wounded", "Hamas", "claimed", "responsibility", "for", "the", "strike", "BAGHDAD",
         "(Reuters)", "-", "Jan.", "29", "protesters", "marched"]

texts = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD_CHARS),
                           st.text(max_size=12), st.just("x" * 5000)), max_size=60).map(" ".join)


def _check(result, text: str | None = None) -> None:
    body = result.article.text
    if text is not None and not result.errors:
        assert body == text
    for event in result.events:
        for span in [event.trigger, *event.evidence]:
            assert body[span.start:span.end] == span.text
    for item in [*result.actors, *result.places, *result.times]:
        assert body[item.start:item.end] == item.text
    for statement in result.statements:
        assert body[statement.content.start:statement.content.end] == statement.content.text


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_ingest(data):
    article = article_from_bytes(data, "fuzz")
    assert article.errors or article.text


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(["<p>", "</p>", "<div>", "<script>",
                                                                  "</script>", "<b>", "<!--", "-->",
                                                                  "<a href='javascript:alert(1)'>",
                                                                  "<img onerror=alert(1) src=x>"])),
                max_size=80).map("".join))
def test_truncated_and_nested_html_never_crash(html):
    article = article_from_html(("<html><body>" + "<div>" * 50 + html).encode("utf-8"), "fuzz.html")
    assert article.errors or ("<script" not in article.text and "onerror" not in article.text)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "published", "title", "url", "source", "language"]),
                    st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
                              st.lists(st.integers(), max_size=3), st.booleans()), max_size=7),
    st.text(max_size=40)), min_size=1, max_size=5))
def test_jsonl_with_wrong_types_yields_one_article_per_line(records):
    lines = [json.dumps(r) if isinstance(r, dict) else r.replace("\n", " ").replace("\r", " ") for r in records]
    stream = io.BytesIO(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
    articles = list(read_jsonl(stream, "fuzz.jsonl"))
    # a line of ASCII whitespace only is skipped; anything else is an article or an error
    assert len(articles) == sum(1 for line in lines if line.encode("utf-8", "surrogatepass").strip())
    for article in articles:
        assert article.errors or article.text.strip()


@settings(max_examples=1600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_hostile_text_through_the_whole_pipeline(nlp, text):
    article = article_from_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.txt")
    if article.errors:
        return
    _check(extract_all(nlp(article.text), article), article.text)


def test_atheris_ingest_fuzzer_short_run(tmp_path):
    """A short run of the coverage-guided fuzzer (fuzz/fuzz_ingest.py, 2,000 inputs, a few seconds)
    where atheris is installed; the long runs are a dev tool (fuzz/README.md)."""
    pytest.importorskip("atheris", reason="atheris is not installed: pip install atheris (a wheel for "
                                          "CPython 3.11 on Linux x86-64) to run the fuzzer")
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "fuzz"
    corpus = tmp_path / "corpus"
    shutil.copytree(root / "corpus" / "ingest", corpus)  # the fuzzer adds what it finds to it
    done = subprocess.run([sys.executable, str(root / "fuzz_ingest.py"), str(corpus),
                           f"-dict={root / 'ingest.dict'}", f"-artifact_prefix={tmp_path}/",
                           "-atheris_runs=2000", "-seed=1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 2000 " in done.stderr
    assert not list(tmp_path.glob("crash-*"))
