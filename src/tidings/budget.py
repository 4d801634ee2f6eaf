"""A per-article time budget: one pathological article must not stall a batch.

``within_budget(extract, doc, article)`` runs one article's extraction under a time limit of
``TIDINGS_TIME_BUDGET`` seconds (default 30; ``0`` turns it off) and returns its ``ArticleResult``;
an article that runs over comes back with error E012 and no facts, and the batch goes on.

How the limit is enforced depends on where the code runs:

* In a process's **main thread** (``tidings extract``/``ingest``, ``tidings run`` with local worker
  processes) an ``ITIMER_REAL`` timer sends ``SIGALRM`` after N seconds and the handler raises
  ``BudgetExceeded`` inside the extractor, which stops it. Python runs signal handlers between
  bytecodes, so one long call into C (a single regular-expression match) finishes first.
* Where signals cannot be used (a **thread other than the main one**, which is where Dask workers
  run tasks, or a platform without ``setitimer``) nothing can interrupt the extractor: the elapsed
  time is checked when it returns, and an article that went over keeps its facts and gains an E012
  entry that says it was measured, not stopped.

Data that an extractor loads on first use is loaded before the first timer of a process is armed
(``warm_up``): the gazetteer index is built on first use, which on a fresh machine can take longer
than the budget, and a build stopped half-way would start again -- and be stopped again -- on every
article after it (found on a machine with an empty ``TIDINGS_CACHE_DIR``: every article got E012).

Only extraction is under this budget. Parsing (spaCy) runs over a batch of articles at once and is
bounded by the size limit instead (``max_bytes``, ``TIDINGS_MAX_BYTES``): a parse is linear in the
article's length, so the size cap is its time cap.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from time import monotonic

from .config import Settings, settings
from .errors import error
from .models import Article, ArticleResult

ENV_VAR = "TIDINGS_TIME_BUDGET"  # the TIDINGS_ convention of config.py
DEFAULT_SECONDS = Settings.time_budget  # the default of the time_budget setting

_warmed = False  # whether this process has run warm_up()


class BudgetExceeded(BaseException):
    """Raised inside the extractor when its time is up. A ``BaseException`` (like
    ``KeyboardInterrupt``) so that an extractor's own ``except Exception`` -- dateparser and the
    geocoder are called under such guards -- cannot swallow it and carry on past the budget."""

    def __init__(self, seconds: float):
        super().__init__(f"extraction stopped after {seconds:g} s (the time budget, {ENV_VAR})")
        self.seconds = seconds


def time_budget_seconds() -> float:
    """The budget in force: seconds (``0`` = no budget), the ``time_budget`` setting
    (``TIDINGS_TIME_BUDGET``, checked where the settings are read, in config.py)."""
    return settings().time_budget


def signals_usable() -> bool:
    """Whether a timer signal can interrupt code here (main thread, POSIX ``setitimer``)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# Seconds between repeated alarms once the budget is spent (see time_budget).
RETRY = 0.05


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``BudgetExceeded`` in the body after ``seconds`` (0: no limit). Only where
    ``signals_usable()``; elsewhere the body runs unbounded (callers check the elapsed time)."""
    if seconds <= 0 or not signals_usable():
        yield
        return

    fired = False

    def on_alarm(_signum: int, _frame: object) -> None:
        nonlocal fired
        fired = True
        raise BudgetExceeded(seconds)

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    # The alarm repeats every RETRY seconds once due: an exception raised where Python ignores it
    # (a finalizer, a garbage-collector callback that the handler happened to interrupt) is raised
    # again in the body a moment later.
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds, RETRY)
    started = monotonic()
    try:
        yield
        if fired:  # every alarm's exception was swallowed and the body ran to its end: still too late
            raise BudgetExceeded(seconds)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # a caller's own timer was running (a test runner's timeout): re-arm it
            left = max(previous_delay - (monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)


def warm_up() -> None:
    """Load, once per process, what extraction loads on first use and what may take longer than a
    budget: the gazetteer (built under ``TIDINGS_CACHE_DIR`` on first use, then opened)."""
    global _warmed
    if _warmed:
        return
    from .kb.geocode import gazetteer

    gazetteer()
    _warmed = True


def within_budget(extract: Callable[..., ArticleResult], doc: object, article: Article,
                  seconds: float | None = None) -> ArticleResult:
    """``extract(doc, article)`` under the time budget (``seconds``, default from the setting).
    Over budget: the article with error E012 (no facts when it was stopped; its facts and E012 when
    it could only be measured). Other exceptions propagate (the pipeline reports them as E011)."""
    limit = time_budget_seconds() if seconds is None else seconds
    if limit > 0:
        warm_up()
    started = monotonic()
    try:
        with time_budget(limit):
            result = extract(doc, article)
    except BudgetExceeded as exc:
        return ArticleResult(article=article.meta(), errors=[error("E012", detail=str(exc))])
    elapsed = monotonic() - started
    if limit > 0 and elapsed > limit:  # only reachable where no signal could stop it
        late = error("E012", detail=f"extraction took {elapsed:.1f} s, over the {limit:g} s budget "
                                    f"({ENV_VAR}); it ran to the end (no timer signal in this thread)")
        return result.model_copy(update={"errors": [*result.errors, late]})
    return result
