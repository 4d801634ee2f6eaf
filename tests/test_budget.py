"""The per-article time budget (tidings.budget): an article whose extraction runs too long comes back
with E012 and the batch goes on, in the main thread (stopped by a timer signal) and in other threads
(measured, as on Dask's worker threads)."""

from __future__ import annotations

import threading
import time

import pytest

import tidings.pipeline
from tidings.budget import BudgetExceeded, time_budget, time_budget_seconds, within_budget
from tidings.errors import UsageError

STORIES = [
    "MOSUL, Iraq, March 3 (Reuters) - A roadside bomb killed two soldiers near Mosul on Sunday, "
    "the Iraqi army said.",
    "KABUL, March 3 (AP) - Gunmen attacked a police post in Kabul province on Saturday, killing "
    "four officers, a provincial spokesman said. The Taliban claimed responsibility.",
    "LAGOS, March 3 (AFP) - Hundreds of protesters marched in Lagos on Friday to demand the "
    "release of detained journalists, witnesses said.",
]


def test_a_slow_article_gets_e012_and_the_batch_goes_on(pipeline, make_article, monkeypatch):
    articles = [make_article(text, "2024-03-03") for text in STORIES]
    real_extract = tidings.pipeline.extract_all

    def slow_on_kabul(doc, article):  # a test double for time only: the article itself is real
        if article.id == articles[1].id:
            time.sleep(30)
        return real_extract(doc, article)

    monkeypatch.setenv("TIDINGS_TIME_BUDGET", "0")
    list(pipeline.process_many(articles))  # warm: the extractors load their data files on first use
    monkeypatch.setattr(tidings.pipeline, "extract_all", slow_on_kabul)
    monkeypatch.setenv("TIDINGS_TIME_BUDGET", "3")  # ample for a short story on a loaded machine
    started = time.monotonic()
    results = list(pipeline.process_many(articles))
    assert time.monotonic() - started < 20  # stopped at 3 s, not slept for 30
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert [e.code for e in results[1].errors] == ["E012"]
    assert "stopped after 3 s" in results[1].errors[0].message
    assert results[1].events == [] and results[1].actors == []
    assert results[0].errors == [] and "ASSAULT" in [e.type for e in results[0].events]
    assert results[2].errors == [] and "PROTEST" in [e.type for e in results[2].events]


def test_a_real_article_over_a_tiny_budget_is_stopped(pipeline, make_article, monkeypatch):
    # No test double: the real extractors on a real 10-paragraph article cannot finish in 1 ms.
    text = " ".join(STORIES * 10)
    monkeypatch.setenv("TIDINGS_TIME_BUDGET", "0.001")
    (result,) = pipeline.process_many([make_article(text, "2024-03-03")])
    assert [e.code for e in result.errors] == ["E012"]
    assert result.events == []
    monkeypatch.setenv("TIDINGS_TIME_BUDGET", "0")  # 0: no budget
    (result,) = pipeline.process_many([make_article(text, "2024-03-03")])
    # Unbudgeted, the same article finishes. Its paragraphs repeat three stories, which in-article
    # coreference folds together, so the check is on what the stories hold, not on a record count.
    assert result.errors == []
    assert {"ASSAULT", "PROTEST"} <= {e.type for e in result.events}


def test_an_extractor_that_catches_exception_cannot_swallow_the_budget():
    def stubborn(doc, article):
        while True:
            try:
                time.sleep(0.05)
            except Exception:  # the guard an extractor puts around dateparser or the geocoder
                continue

    from tidings.models import Article

    article = Article(id="a1", text="Rebels shelled the town.")
    result = within_budget(stubborn, None, article, seconds=0.2)
    assert [e.code for e in result.errors] == ["E012"]


def test_outside_the_main_thread_the_overrun_is_measured_and_reported(pipeline, make_article):
    article = make_article(STORIES[0], "2024-03-03")
    (doc,) = pipeline.nlp.pipe([article.text])
    real_extract = tidings.pipeline.extract_all
    results = []

    def slow(doc, article):
        time.sleep(0.3)
        return real_extract(doc, article)

    worker = threading.Thread(target=lambda: results.append(within_budget(slow, doc, article, seconds=0.1)))
    worker.start()
    worker.join(10)
    (result,) = results
    assert "ASSAULT" in [e.type for e in result.events]  # it ran to the end: facts kept
    assert [e.code for e in result.errors] == ["E012"]
    assert "no timer signal in this thread" in result.errors[0].message


def test_the_timer_is_disarmed_and_the_handler_restored():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with time_budget(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            time.sleep(1)
    # an outer timer (a caller's own) is put back, less the time spent inside
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with time_budget(5):
            time.sleep(0.1)
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 99 < left < 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_the_setting(monkeypatch):
    monkeypatch.delenv("TIDINGS_TIME_BUDGET", raising=False)
    assert time_budget_seconds() == 30.0
    monkeypatch.setenv("TIDINGS_TIME_BUDGET", "2.5")
    assert time_budget_seconds() == 2.5
    for bad in ("soon", "-1", "nan"):
        monkeypatch.setenv("TIDINGS_TIME_BUDGET", bad)
        with pytest.raises(UsageError, match="TIDINGS_TIME_BUDGET"):
            time_budget_seconds()


def test_a_really_slow_article_is_stopped_and_the_next_one_done(pipeline, make_article, monkeypatch):
    # A real pathological input, no test double: clauses with no full stop between them (what a
    # scraped table or list without punctuation becomes) make one 24 KB "sentence" of 400 events.
    # Extraction still grows faster than the events in a sentence: 1.3 s for this article
    # unbounded, against 0.3 s allowed (200 such clauses took ~40 s before the per-sentence work
    # was done once per sentence instead of once per event).
    slow = "KABUL, March 3 (Reuters) - " + " ".join(
        f"Gunmen killed {i} soldiers in Kabul and Mosul, police said" for i in range(400))
    articles = [make_article(slow, "2024-03-03"), make_article(STORIES[0], "2024-03-03")]
    monkeypatch.setenv("TIDINGS_TIME_BUDGET", "0.3")
    started = time.monotonic()
    stopped, done = pipeline.process_many(articles)
    assert time.monotonic() - started < 20  # parse both + 0.3 s
    assert [e.code for e in stopped.errors] == ["E012"] and stopped.events == []
    assert done.errors == [] and "ASSAULT" in [e.type for e in done.events]


def test_the_gazetteer_is_loaded_before_the_first_timer(monkeypatch):
    """A gazetteer built on first use (a fresh TIDINGS_CACHE_DIR) can take longer than the budget;
    stopped half-way, it would be started again and stopped again on every article."""
    import tidings.budget
    import tidings.kb.geocode
    from tidings.models import Article, ArticleResult

    built = []

    def slow_build():
        time.sleep(1)  # a test double for the build's time only
        built.append(1)

    monkeypatch.setattr(tidings.budget, "_warmed", False)
    monkeypatch.setattr(tidings.kb.geocode, "gazetteer", slow_build)
    article = Article(id="a1", text="Rebels shelled the town.")
    done = ArticleResult(article=article.meta())
    for _ in range(3):
        assert within_budget(lambda doc, art: done, None, article, seconds=0.3) == done
    assert built == [1]  # once per process, outside the timer


def _swallowing(started: float, swallow: int) -> list[int]:
    """Busy work that swallows the first ``swallow`` alarms, as a finalizer or a garbage-collector
    callback the alarm interrupts does (Python only prints what they raise)."""
    swallowed: list[int] = []
    while time.monotonic() - started < 1.0:
        try:
            sum(range(10_000))
        except BudgetExceeded:
            if len(swallowed) >= swallow:
                raise
            swallowed.append(1)
    return swallowed


def test_an_alarm_lost_where_python_ignores_it_is_raised_again():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            _swallowing(started, swallow=1)
    assert time.monotonic() - started < 0.5  # the next alarm, not the end of the work


def test_a_body_that_outlived_every_alarm_is_still_over_budget():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            _swallowing(started, swallow=10_000)
