"""process(article) -> ArticleResult, and process_many() for batches.

The flat main path: annotate (spaCy) -> extract each kind of fact -> resolve within the article.
Every extractor takes the spaCy ``Doc`` and what earlier extractors found, and returns model objects
whose offsets index ``article.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from time import perf_counter

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .annotate import load_nlp, make_doc
from .budget import within_budget
from .ingest import title_end
from .config import settings
from .errors import error
from .extract.actors import extract_actors
from .extract.casualties import extract_casualties
from .extract.chains import link_chains
from .extract.claims import extract_claims
from .annotate.document import text_of
from .extract.events import extract_events
from .extract.genre import detect_genre
from .extract.places import extract_places
from .extract.statements import extract_statements
from .extract.times import extract_times
from .extract.types import assign_types
from .models import Article, ArticleError, ArticleResult, Producer
from .resolve.incidents import country_scene, dateline_scene, inherit_scene, resolve_incidents
from .resolve.published import date_undated
from .resolve.links import link_statement_events, mark_claimed_events
from .annotate.truecase import requote
from .resolve.parties import (arrests_by_the_police, attackers_told_nearby, attribute_parties, hosts_of_visits,
                              keep_codable, owners_of_assets, places_are_no_targets, targets_from_acts)
from .resolve.records import keep_likely


class Pipeline:
    """Loads the model once; processes articles one by one or in batches."""

    def __init__(self, model: str | None = None, nlp: Language | None = None, max_length: int | None = None):
        """``max_length``: the longest text parsed, in characters; default the size cap
        (``settings().max_bytes``), which is what the caller's reader let through (a text of N bytes
        has at most N characters), so the two limits agree. spaCy's own check (its default,
        1,000,000 characters, below the size cap then) stopped whole batches (issue 19)."""
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.max_length = settings().max_bytes if max_length is None else max_length
        meta = self.nlp.meta
        self.producer = Producer(tidings=__version__,
                                 model=f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}")

    def process(self, article: Article) -> ArticleResult:
        return next(self.process_many([article]))

    def process_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
        """Results in input order. Articles with ingest errors pass through with no facts."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._process_batch(batch)
                batch = []
        if batch:
            yield from self._process_batch(batch)

    def _process_batch(self, batch: list[Article]) -> Iterator[ArticleResult]:
        for result in self._results(batch):
            result.produced_by = self.producer
            yield result

    def _results(self, batch: list[Article]) -> Iterator[ArticleResult]:
        good = [a for a in batch if not a.errors]
        docs = iter(self._parse(good))
        for article in batch:
            if article.errors:
                yield ArticleResult(article=article.meta(), errors=list(article.errors))
                continue
            doc = next(docs)
            if isinstance(doc, ArticleError):
                yield ArticleResult(article=article.meta(), errors=[doc])
                continue
            try:
                yield within_budget(extract_all, doc, article)  # E012 when over TIDINGS_TIME_BUDGET
            except Exception as exc:  # a bug in one extractor must not stop the batch: report it
                yield ArticleResult(
                    article=article.meta(),
                    errors=[error("E011", detail=f"{type(exc).__name__}: {exc}")],
                )

    def _parse(self, articles: list[Article]) -> list[Doc | ArticleError]:
        """One parsed ``Doc`` per article, or the error that stopped its parse. The batch is parsed
        at once (spaCy's fast path); when that raises, one article broke it and every other article
        of the batch would be lost with it, so each is parsed again alone and only the one that
        fails gets the error (issue 19: one long article lost a whole run)."""
        # The model is shared (cached) by every Pipeline and by callers that parse with it directly:
        # the limit is this Pipeline's for its own parse only, and the model's is put back after.
        previous, self.nlp.max_length = self.nlp.max_length, self.max_length
        try:
            return list(self.nlp.pipe(self._doc(a) for a in articles))
        except Exception:  # one article broke the batch: parse each alone; its own error is kept
            return [self._parse_alone(a) for a in articles]
        finally:
            self.nlp.max_length = previous

    def _parse_alone(self, article: Article) -> Doc | ArticleError:
        try:
            return self.nlp(self._doc(article))
        except Exception as exc:
            return error("E011", detail=f"parsing failed: {type(exc).__name__}: {exc}")

    def _doc(self, article: Article) -> Doc:
        dateline = (article.dateline.start, article.dateline.end) if article.dateline else None
        return make_doc(self.nlp, article.text, dateline, title_end(article.text, article.title))


def extract_all(doc: Doc, article: Article, timings: dict[str, float] | None = None) -> ArticleResult:
    """Every kind of fact from one annotated article. With ``timings``, the seconds spent in each
    extractor are added to it (the benchmark's per-stage costs)."""
    clock = _Clock(timings)
    actors = clock("actors", extract_actors, doc, article)
    places = clock("places", extract_places, doc, article)
    times = clock("times", extract_times, doc, article.published)
    if article.published is None:
        article, times = clock("times", date_undated, doc, article, times)
    casualties = clock("casualties", extract_casualties, doc)
    events = clock("events", extract_events, doc, article, actors, places, times, casualties)
    clock("chains", link_chains, doc, events)
    events = clock("incidents", resolve_incidents, events, doc, article.published)
    clock("incidents", inherit_scene, events, doc)
    clock("incidents", dateline_scene, events, places, article)
    statements = clock("statements", extract_statements, doc, actors, events)
    claims = clock("claims", extract_claims, doc, actors, events, times)
    clock("links", mark_claimed_events, events, claims)
    clock("links", attribute_parties, events, claims, actors)
    clock("links", targets_from_acts, events, doc, actors)
    clock("links", arrests_by_the_police, events, doc, actors)
    clock("links", attackers_told_nearby, events, doc, actors)
    clock("links", owners_of_assets, events, doc, actors)
    clock("links", hosts_of_visits, events, places)
    clock("links", places_are_no_targets, events, places)
    # types before the records a coder can write are kept: the model opens an event only where no
    # trigger opened one, not where the ones found name no party (keep_codable drops those, and
    # the model's own event too when it names none)
    clock("types", assign_types, events, doc, article.id)
    events = clock("links", keep_codable, events, claims, doc)
    events = clock("records", keep_likely, events, claims, doc)
    # the article's country places what nothing else did, after the records are chosen: a place
    # the article gives at large makes no bare word a record
    clock("incidents", country_scene, events, places, article)
    clock("links", link_statement_events, statements, events)
    meta = article.meta()
    meta.genre = clock("genre", detect_genre, article.text, article.title)
    result = clock("result", ArticleResult,
                   article=meta, actors=actors, places=places, times=times,
                   events=events, claims=claims, statements=statements)
    if text_of(doc) != doc.text:  # parsed from a truecased copy: quote the article itself
        requote(result, text_of(doc))
    return result



class _Clock:
    """Calls a stage, timing it when asked to; costs nothing measurable when not."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings

    def __call__(self, stage: str, function, *args, **kwargs):
        if self.timings is None:
            return function(*args, **kwargs)
        started = perf_counter()
        result = function(*args, **kwargs)
        self.timings[stage] = self.timings.get(stage, 0.0) + perf_counter() - started
        return result
