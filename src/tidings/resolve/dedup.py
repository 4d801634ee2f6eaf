"""One event, many reports: which article events describe the same real-world event.

The API (stable; the store and the ECB+ evaluation use it)::

    from tidings.resolve.dedup import records_for, record_for, score, cluster

    records = [r for result in results for r in records_for(result)]
    clusters = cluster(records)            # [["ARTICLE_ID/EVENT_ID", ...], ...]
    score(records[0], records[1])          # in [0, 1]; a link at or above config.threshold
    cluster(records, {"threshold": 0.5, "weights": {"text": 3.0}})   # other settings, no file edit

A ``ReportRecord`` is the little that merging needs from one article event: its report key
``"ARTICLE_ID/EVENT_ID"``, event family, date range (the event's own date, else the article's
publication date, given or inferred, with a wider reach; ``method`` says which), country (the
event's, else its article's main country), coordinates, actor keys by role, casualty figures, its
trigger and the trigger's synonym group, words of its trigger and evidence, and the words of the
names its article mentions (``ArticleContext``). Settings live in ``data/merge.yaml``.

How clusters are made, so that they depend only on the *set* of reports (never on their order,
nor on which were added first, which is what lets the store merge incrementally):

1. Blocking: reports are bucketed by (family, country) and sorted by date; a report is scored only
   against the reports of its bucket whose dates fall within the window. A report with no date at
   all (an undated article that states no full date, see ``resolve/published.py``) is scored
   against its whole bucket, on everything but the date. ``score`` depends only on the two reports
   and is 0 across blocks, so blocking only saves work.
   Stories: reports of two articles that tell one story (``story_similarity``: the cosine of
   their articles' story vectors, found through the articles' strongest words) are also scored
   across blocks; events of one story with one trigger word or synonyms score 1
   (``_story_score``) unless dates, places or figures rule it out. Reports of two articles whose
   stories are both known and unlike (cosine below ``story.floor``) are never linked; alike but
   not one story (below ``story.threshold``), their usual score is lowered by ``story.penalty``.
   Two events of one article that its in-article merge left apart link only when their triggers
   are of one sense. ``score`` depends only on the two reports here too.
2. Links (score >= threshold) and hand-made merges join reports into connected components.
3. Within a component, hand-made splits first part the reports that were split from the others;
   then, against chaining (A like B, B like C, A unlike C), each part is cut into stars: the best
   remaining report (highest confidence, ties by key) takes every remaining report that links to
   it directly, and so on. Then the clusters holding reports of one story (articles linked by a
   story cosine of at least ``story.join_threshold``, one link enough) with one trigger sense
   are joined again (``_story_join``), unless dates, places, figures or a hand-made split part
   them. Hand-made merges then join the clusters they name.
4. A cluster's id is the event id of its smallest report key (``cluster_id``).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any

from ..datafiles import load_yaml
from .figures import casualty_total
from ..models import GUESSED_SITE_CONFIDENCE, ArticleMeta, ArticleResult, Event, MergeDecision

__all__ = [
    "MergeConfig", "ReportRecord", "ArticleContext", "Component", "DisjointSets", "load_config",
    "article_context", "record_for", "records_for", "score", "cluster", "components", "cut",
    "cluster_id", "report_key", "date_range_of", "action_of", "given_published", "METHOD_EVENT_DATE", "METHOD_PUBLISHED",
    "METHOD_INFERRED_DATE", "METHOD_NO_DATE",
]


# --- settings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeConfig:
    """The settings of ``data/merge.yaml``; see the comments there for what each one means."""

    families: Mapping[str, str]  # PLOVER type -> family name
    threshold: float
    star_floor: float
    weights: Mapping[str, float]
    unknown: float
    window_days: int
    max_range_days: int
    undated_lookback_days: int
    undated_score: float
    merge_undated: bool
    no_date_score: float
    merge_no_date: bool
    near_km: float
    far_km: float
    veto_km: float
    slack: int
    ratio: float
    kinds: tuple[str, ...]
    trigger_share: float = 0.5
    context_scale: float = 0.25
    stopwords: frozenset[str] = field(default_factory=frozenset)
    trigger_forms: Mapping[str, str] = field(default_factory=dict)
    # Trigger stem -> the stem naming its group of synonyms ("slay" -> "kill"), and the credit a
    # pair of triggers gets for being synonyms instead of one word.
    synonyms: Mapping[str, str] = field(default_factory=dict)
    synonym_credit: float = 0.3
    # The longest mention (in words) whose action is that of a synonym-group word in it
    # (``action_of``).
    action_words: int = 3
    actor_word_credit: float = 0.5
    # Victim words that say nothing about whom a figure counts ("people"): store.reconcile.
    generic_victims: frozenset[str] = frozenset()
    # Stories (see ``story_similarity``): how many of an article's words make its story vector,
    # how many of its strongest index it, the cosine from which two articles tell one story, the
    # weight of a name's word, and the looser rule for events of one story.
    story_terms: int = 0
    story_index_terms: int = 0
    story_threshold: float = 1.1
    story_name_boost: float = 2.0
    story_window_days: int = 30
    story_published_days: int = 30
    story_stopwords: frozenset[str] = frozenset()
    story_synonyms: bool = True
    # Whether the clusters a component is cut into are joined where their reports' articles tell
    # one story and their triggers one sense (``_story_join``).
    story_join: bool = True
    story_join_threshold: float = 0.35
    story_floor: float = 0.0
    story_penalty: float = 0.0
    story_min_terms: int = 0

    @cached_property
    def weight_sum(self) -> float:
        return sum(self.weights[part] for part in _PARTS)


# The parts of a pair's score, each with its weight in data/merge.yaml.
_PARTS = ("date", "place", "actors", "casualties", "type", "text", "context")


@lru_cache(maxsize=1)
def load_config() -> MergeConfig:
    """The settings in ``data/merge.yaml`` (read once)."""
    raw = load_yaml("merge.yaml")
    families = {t: family for family, types in raw["families"].items() for t in types}
    forms = {str(k).lower(): str(v).lower() for k, v in raw["text"]["trigger_forms"].items()}
    synonyms: dict[str, str] = {}
    for group in raw["text"]["synonyms"]:
        # A phrase ("open fire") is its words' stems joined by spaces, as a trigger's are.
        stems = [" ".join(_stem(forms.get(part, part)) for part in str(w).lower().split()) for w in group]
        for stem in stems:
            synonyms.setdefault(stem, stems[0])
    return MergeConfig(
        families=families, threshold=float(raw["threshold"]),
        star_floor=float(raw["star_floor"]),
        weights={k: float(v) for k, v in raw["weights"].items()}, unknown=float(raw["unknown"]),
        window_days=int(raw["date"]["window_days"]),
        max_range_days=int(raw["date"]["max_range_days"]),
        undated_lookback_days=int(raw["date"]["undated_lookback_days"]),
        undated_score=float(raw["date"]["undated_score"]),
        merge_undated=bool(raw["date"]["merge_undated"]),
        no_date_score=float(raw["date"]["no_date_score"]),
        merge_no_date=bool(raw["date"]["merge_no_date"]),
        near_km=float(raw["place"]["near_km"]), far_km=float(raw["place"]["far_km"]),
        veto_km=float(raw["place"]["veto_km"]),
        slack=int(raw["casualties"]["slack"]), ratio=float(raw["casualties"]["ratio"]),
        kinds=tuple(raw["casualties"]["kinds"]), stopwords=frozenset(raw["stopwords"]),
        trigger_share=float(raw["text"]["trigger_share"]),
        trigger_forms=forms, synonyms=synonyms,
        synonym_credit=float(raw["text"]["synonym_credit"]),
        action_words=int(raw["text"]["action_words"]),
        actor_word_credit=float(raw["actors"]["word_credit"]),
        generic_victims=frozenset(str(w).lower() for w in raw["reconcile"]["generic_victims"]),
        context_scale=float(raw["context"]["scale"]),
        story_terms=int(raw["story"]["terms"]), story_index_terms=int(raw["story"]["index_terms"]),
        story_threshold=float(raw["story"]["threshold"]),
        story_name_boost=float(raw["story"]["name_boost"]),
        story_window_days=int(raw["story"]["window_days"]),
        story_published_days=int(raw["story"]["published_days"]),
        story_stopwords=frozenset(str(w).lower() for w in raw["story"]["stopwords"]),
        story_synonyms=bool(raw["story"]["synonyms"]),
        story_join=bool(raw["story"]["join"]),
        story_join_threshold=float(raw["story"]["join_threshold"]),
        story_floor=float(raw["story"]["floor"]),
        story_penalty=float(raw["story"]["penalty"]),
        story_min_terms=int(raw["story"]["min_terms"]),
    )


def resolve_config(config: MergeConfig | Mapping[str, Any] | None) -> MergeConfig:
    """``config`` as settings: None is the data file's; a mapping overrides fields of it (with
    ``weights`` overriding single weights), e.g. ``{"threshold": 0.5, "weights": {"text": 3}}``."""
    if config is None:
        return load_config()
    if isinstance(config, MergeConfig):
        return config
    base = load_config()
    changes = dict(config)
    if "weights" in changes:
        changes["weights"] = {**base.weights, **changes["weights"]}
    unknown = set(changes) - set(MergeConfig.__dataclass_fields__)
    if unknown:
        raise ValueError(f"merge settings {sorted(unknown)}: not settings of data/merge.yaml")
    return replace(base, **changes)


# --- dates ---------------------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # also "2024-01-28TMO": a part of a day
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def date_range_of(value: str) -> tuple[date, date] | None:
    """The first and last calendar day a TIMEX3 date value covers ("2024-W04" -> its Monday and
    Sunday); None for values that name no calendar range ("PRESENT_REF", durations, "2024-SU")."""
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:  # "2024-02-30", "2024-W60": an impossible date has no range to filter on
        return None
    return None


def _months(year: int, first_month: int, n: int) -> tuple[date, date]:
    start = date(year, first_month, 1)
    after = first_month + n
    end = date(year + (after - 1) // 12, (after - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


# --- records -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """What merging knows of one report (one article event). Dates are ``date.toordinal()`` days.
    ``dated`` is False when the range comes from the article's publication date."""

    key: str  # "ARTICLE_ID/EVENT_ID"
    type: str
    family: str
    date_low: int | None = None
    date_high: int | None = None
    dated: bool = False
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    figures: tuple[tuple[str, int], ...] = ()  # (kind, lowest figure), e.g. (("killed", 3),)
    trigger: str = ""  # the trigger's words, stemmed
    sense: str = ""  # the trigger with each stem replaced by its synonym group's ("slay" -> "kill")
    words: frozenset[str] = frozenset()  # stemmed words of the trigger and evidence
    confidence: float = 0.5
    context: frozenset[str] = frozenset()  # words of the names its article mentions
    # What the merge compares this report's date on (one of the METHOD_* sentences), so a reader
    # knows how far a merge rests on it.
    method: str = ""
    # The article's story vector: its strongest words (stems) with weights, unit length; and its
    # publication date as given (not inferred), which bounds how far apart two stories can be.
    story: tuple[tuple[str, float], ...] = ()
    published: int | None = None

    def to_json(self) -> str:
        data = asdict(self)
        for name in ("sources", "targets", "words", "context"):
            data[name] = sorted(data[name])
        data["figures"] = [list(f) for f in self.figures]
        data["story"] = [list(t) for t in self.story]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ReportRecord:
        data = json.loads(text)
        for name in ("sources", "targets", "words", "context"):
            data[name] = frozenset(data.get(name, ()))  # "context" is absent from older stores
        data["figures"] = tuple((kind, low) for kind, low in data["figures"])
        data["story"] = tuple((term, weight) for term, weight in data.get("story", ()))
        return cls(**data)


# The ``ReportRecord.method`` sentences (shared strings: a record holds a reference, not a copy).
METHOD_EVENT_DATE = "dated by the event's own date"
METHOD_PUBLISHED = "dated up to its article's publication date (the event states no day)"
METHOD_INFERRED_DATE = ("dated up to its article's publication date, inferred from the latest full "
                        "date the article states (neither gives the event's day)")
METHOD_NO_DATE = ("no date: neither the event nor its article is dated; compared with the reports of "
                  "its block on everything else")


def report_key(article_id: str, event_id: str) -> str:
    return f"{article_id}/{event_id}"


def cluster_id(keys: Iterable[str]) -> str:
    """A cluster's stored-event id: the event id of its smallest report key (article ids may hold
    "/", event ids never do)."""
    return min(keys).rpartition("/")[2]


_WORD = re.compile(r"[^\W\d_]{3,}")


def _stem(word: str) -> str:
    """A crude stem, enough to meet "strikes"/"strike", "killed"/"killing" (no lemma is stored)."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _stems(text: str, stopwords: frozenset[str], forms: Mapping[str, str] | None = None) -> list[str]:
    """Stems of a text's words, stopwords left out; ``forms`` first maps irregular forms to their
    base form ("shot" -> "shoot")."""
    forms = forms or {}
    return [_stem(forms.get(w, w)) for w in _WORD.findall(text.lower()) if w not in stopwords]


def _actor_key(actor: Any) -> str:
    return actor.registry_id or " ".join(actor.name.lower().split())


@dataclass(frozen=True)
class ArticleContext:
    """What an article tells about all of its events: its main country (the dateline's place,
    else the country its places name most, the first named on a tie), the block of an event that
    has no place of its own; and the words of the people, groups and places it names, which
    reports of one event share ("Mersing", "Rahim") and reports of look-alike events do
    not."""

    country: str | None = None
    names: frozenset[str] = frozenset()
    story: tuple[tuple[str, float], ...] = ()


# Named actors whose names tell events apart; outlets ("Reuters") name who reports, not what
# happened, and stay out.
_NAMED_KINDS = frozenset({"person", "organization", "armed_group", "political_party"})


def article_context(result: ArticleResult, config: MergeConfig | Mapping[str, Any] | None = None,
                    ) -> ArticleContext:
    """The ``ArticleContext`` of one processed article."""
    dateline = result.article.dateline
    named = [p for p in result.places if p.country is not None]
    country = next((p.country for p in named if dateline is not None and dateline.holds(p)), None)
    if country is None and named:  # the most named; Counter keeps the first named on a tie
        country = Counter(p.country for p in named).most_common(1)[0][0]
    names: set[str] = set()
    for actor in result.actors:
        if actor.kind != "media" and (actor.registry_id or actor.kind in _NAMED_KINDS):
            names.update(w.lower() for w in _WORD.findall(actor.name))
    for place in result.places:
        names.update(w.lower() for w in _WORD.findall(place.name))
    c = resolve_config(config)
    return ArticleContext(country=country, names=frozenset(names),
                          story=story_vector(f"{result.article.title or ''}\n{result.article.text}",
                                             frozenset(names), c))


def story_vector(text: str, names: frozenset[str], c: MergeConfig) -> tuple[tuple[str, float], ...]:
    """An article's story vector: the stems of its words but stopwords, weighted 1 + log of their
    count, words of the names it mentions ``story_name_boost`` times more; its ``story_terms``
    strongest (ties by stem), scaled to unit length. No corpus statistics: a vector depends on its
    article alone, so story links do not depend on what else the store holds."""
    if c.story_terms <= 0:
        return ()
    stop = c.stopwords | c.story_stopwords
    counts: Counter[str] = Counter()
    boosted: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if word in stop:
            continue
        stem = _stem(c.trigger_forms.get(word, word))
        counts[stem] += 1
        if word in names:
            boosted.add(stem)
    weights = {t: (1.0 + math.log(n)) * (c.story_name_boost if t in boosted else 1.0)
               for t, n in counts.items()}
    top = sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[: c.story_terms]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return tuple((t, round(w / norm, 4)) for t, w in top)


def story_keys(record: ReportRecord, c: MergeConfig) -> tuple[str, ...]:
    """The words a report's article is indexed by: the strongest ``story_index_terms`` of its story
    vector. Two articles are compared as one story only when they share one of these."""
    return tuple(t for t, _ in record.story[: c.story_index_terms])


def story_similarity(a: ReportRecord, b: ReportRecord, c: MergeConfig) -> float:
    """The cosine of two reports' story vectors when their articles share an index word
    (``story_keys``) and were published at most ``story_published_days`` apart (or one has no date),
    else 0; 0 for reports of one article (their events are merged in-article)."""
    if not a.story or not b.story or a.key.rpartition("/")[0] == b.key.rpartition("/")[0]:
        return 0.0
    if (a.published is not None and b.published is not None
            and abs(a.published - b.published) > c.story_published_days):
        return 0.0
    if not set(story_keys(a, c)) & set(story_keys(b, c)):
        return 0.0
    theirs = dict(b.story)
    return sum(w * theirs.get(t, 0.0) for t, w in a.story)


def records_for(result: ArticleResult, config: MergeConfig | Mapping[str, Any] | None = None,
                ) -> list[ReportRecord]:
    """The merge records of every event of one processed article."""
    context = article_context(result, config)
    return [record_for(event, result.article, config, context) for event in result.events]


def record_for(event: Event, article: ArticleMeta, config: MergeConfig | Mapping[str, Any] | None = None,
               context: ArticleContext | None = None) -> ReportRecord:
    """The merge record of one article event; ``article`` gives its id and publication date,
    ``context`` (``article_context``) the country of an event without a place and the article's
    names."""
    c = resolve_config(config)
    context = context or ArticleContext()
    low = high = None
    dated = False
    own = date_range_of(event.date.value) if event.date else None
    if own and (own[1] - own[0]).days < c.max_range_days:
        low, high, dated = own[0].toordinal(), own[1].toordinal(), True
        method = METHOD_EVENT_DATE
    elif article.published is not None:
        high = article.published.toordinal()
        low = high - c.undated_lookback_days
        method = METHOD_INFERRED_DATE if article.published_inferred else METHOD_PUBLISHED
    else:
        method = METHOD_NO_DATE
    # A place the event took from its article's incident ("police arrested a suspect" after "shot in
    # Dayton") says where the article is set, not where this report puts the event: reports are
    # matched on their own words. Measured on ECB+: matching on inherited places cost 0.008 CoNLL F1.
    place = event.location if event.location is None or event.location.inherited_from is None else None
    if place is not None and place.feature == "site" and place.confidence <= GUESSED_SITE_CONFIDENCE:
        place = None  # a headline's street placed at the story's first town: a guess, no evidence
    trigger = _stems(event.trigger.text, frozenset(), c.trigger_forms)
    sense = _sense(trigger, c)
    words = set(trigger)
    for span in event.evidence:
        words.update(_stems(span.text, c.stopwords))
    # One report's figure of each kind: the sum of its lower bounds over victim groups, revised
    # figures replacing the ones they revise.
    figures = tuple((kind, n) for kind in c.kinds
                    if (n := casualty_total([event.casualties], kind)) is not None)
    return ReportRecord(
        key=report_key(article.id, event.id), type=event.type,
        family=c.families.get(event.type, event.type), date_low=low, date_high=high, dated=dated,
        country=(place.country if place else None) or context.country,
        lat=place.lat if place and place.lon is not None else None,
        lon=place.lon if place and place.lat is not None else None,
        sources=frozenset(_actor_key(a) for a in event.source_actors),
        targets=frozenset(_actor_key(a) for a in event.target_actors),
        # Interned: a few hundred trigger words are shared by millions of records.
        figures=figures, trigger=sys.intern(" ".join(trigger)), sense=sys.intern(sense),
        words=frozenset(words),
        confidence=event.confidence, context=context.names, method=method, story=context.story,
        # Only a given date bounds stories: an inferred one is the latest date the text states,
        # often an earlier event's (on the ECB+ training topics bounding by inferred dates too
        # cost 0.007 CoNLL F1).
        published=given.toordinal() if (given := given_published(article)) is not None else None,
    )


def given_published(article: ArticleMeta) -> date | None:
    """An article's publication date as given, None when inferred or unknown: what bounds its
    stories in time (``ReportRecord.published``, the store's story index)."""
    return article.published if not article.published_inferred else None


def _sense(stems: list[str], c: MergeConfig) -> str:
    """A trigger's stems with each replaced by its synonym group's (a phrase's group first)."""
    return c.synonyms.get(" ".join(stems)) or " ".join(c.synonyms.get(stem, stem) for stem in stems)


def action_of(text: str, config: MergeConfig | Mapping[str, Any] | None = None) -> str:
    """The action a mention tells, by its words' trigger sense: "killed", "slain" -> "kill";
    "opened fire" -> "shoot". A longer mention ("the killing of three bank workers") tells the
    action of its first word or pair of words in a synonym group; one with none, or a clause
    longer than ``action_words`` (a request's content, a headline), its own."""
    c = resolve_config(config)
    stems = _stems(text, frozenset(), c.trigger_forms)
    whole = " ".join(stems)
    if whole in c.synonyms or len(stems) <= 1 or len(stems) > c.action_words:
        return c.synonyms.get(whole, whole)
    for n, stem in enumerate(stems):
        pair = " ".join(stems[n:n + 2])
        if pair in c.synonyms:
            return c.synonyms[pair]
        if stem in c.synonyms:
            return c.synonyms[stem]
    return whole


# --- scoring -------------------------------------------------------------------------------------

_EARTH_KM = 6371.0


def _km(a: ReportRecord, b: ReportRecord) -> float:
    """Distance by the equirectangular approximation: within 0.5% of the great-circle distance up
    to the few hundred km that matter here, and a third of its cost (this runs on every pair)."""
    dlon = (b.lon - a.lon + 540.0) % 360.0 - 180.0  # type: ignore[operator]  # the short way round
    x = math.radians(dlon) * math.cos(math.radians(a.lat + b.lat) / 2)  # type: ignore[operator]
    y = math.radians(b.lat - a.lat)  # type: ignore[operator]
    return _EARTH_KM * math.sqrt(x * x + y * y)


def score(a: ReportRecord, b: ReportRecord, config: MergeConfig | Mapping[str, Any] | None = None,
          ) -> float:
    """How alike two reports are, in [0, 1]: the weighted mean of the date, place, actor,
    casualty, type and text parts; 0 when they cannot be one event (another family or country,
    dates beyond the window, places beyond ``veto_km``, incompatible figures). Symmetric, and it
    depends only on ``a`` and ``b``."""
    return _score(a, b, resolve_config(config))


def _score(a: ReportRecord, b: ReportRecord, c: MergeConfig) -> float:
    penalty = 0.0
    if a.story and b.story:
        if a.key.rpartition("/")[0] == b.key.rpartition("/")[0]:
            if a.sense != b.sense:
                # Events of one article that its own merge left apart: the store joins them
                # only as fragments of one happening told by one trigger sense.
                return 0.0
        else:
            similarity = story_similarity(a, b, c)
            if similarity >= c.story_threshold:
                story = _story_score(a, b, c)
                if story is not None:
                    return story
            elif min(len(a.story), len(b.story)) < c.story_min_terms:
                pass  # a brief's few words say too little to tell it is another story
            elif similarity < c.story_floor:
                return 0.0  # both articles' stories are known, and they are other stories
            else:
                penalty = c.story_penalty  # alike, not one story: the rest must say more
    if a.family != b.family or a.country != b.country:
        return 0.0
    if a.date_low is None or b.date_low is None:
        # One has no date at all (an undated article stating no full date): compare the rest.
        if not c.merge_no_date:
            return 0.0
        date_part = c.no_date_score
    else:
        gap = max(a.date_low - b.date_high, b.date_low - a.date_high, 0)  # type: ignore[operator]
        if gap > c.window_days:
            return 0.0
        dated = a.dated and b.dated
        if not dated and not c.merge_undated:
            return 0.0
        date_part = (1.0 - gap / (c.window_days + 1)) * (1.0 if dated else c.undated_score)
    w = c.weights
    unknown = c.unknown

    if a.lat is not None and b.lat is not None:
        km = _km(a, b)
        if km > c.veto_km:
            return 0.0
        place = 1.0 if km <= c.near_km else max(0.0, 1.0 - (km - c.near_km) / (c.far_km - c.near_km))
    else:
        place = unknown

    if a.figures and b.figures:
        parts = []
        theirs = dict(b.figures)
        for kind, x in a.figures:
            y = theirs.get(kind)
            if y is None:
                continue
            lo, hi = (x, y) if x <= y else (y, x)
            if hi - lo > c.slack and lo < c.ratio * hi:
                return 0.0  # 3 killed vs 300 killed: not one event
            parts.append(1.0 if hi == lo else lo / hi)
        casualties = sum(parts) / len(parts) if parts else unknown
    else:
        casualties = unknown

    if (a.sources or a.targets) and (b.sources or b.targets):
        same = len(a.sources & b.sources) + len(a.targets & b.targets)
        crossed = len(a.sources & b.targets) + len(a.targets & b.sources)
        union = len((a.sources | a.targets) | (b.sources | b.targets))
        # Roles swapped ("A attacked B" vs "B attacked A") is weaker evidence than roles kept.
        actors = min(1.0, (same + 0.5 * crossed) / union)
        if not same and not crossed:
            # No participant in common by name or registry id: descriptions and partial names
            # may still share words ("police officer" / "the officer", "Smith" / "Diane Smith").
            aw = {w for k in a.sources | a.targets for w in k.split()}
            bw = {w for k in b.sources | b.targets for w in k.split()}
            actors = c.actor_word_credit * len(aw & bw) / len(aw | bw)
    else:
        actors = unknown

    if a.words and b.words:
        shared = len(a.words & b.words)
        share = c.trigger_share
        same_trigger = (1.0 if a.trigger == b.trigger
                        else c.synonym_credit if a.sense and a.sense == b.sense else 0.0)
        text = (1.0 - share) * shared / len(a.words | b.words) + share * same_trigger
    else:
        text = unknown

    if a.context and b.context:
        context = min(1.0, len(a.context & b.context) / len(a.context | b.context) / c.context_scale)
    else:
        context = unknown

    total = (w["date"] * date_part + w["place"] * place + w["actors"] * actors
             + w["casualties"] * casualties + w["type"] * (1.0 if a.type == b.type else 0.0)
             + w["text"] * text + w["context"] * context)
    return max(0.0, total / c.weight_sum - penalty)


def _story_score(a: ReportRecord, b: ReportRecord, c: MergeConfig) -> float | None:
    """Two reports whose articles tell one story: one event when their triggers are one word or
    synonyms and nothing rules it out (dates further apart than ``story_window_days`` when both
    are dated, places beyond ``veto_km``, incompatible figures); 1.0 then, else None (the usual
    score decides)."""
    if not a.sense or a.sense != b.sense or (not c.story_synonyms and a.trigger != b.trigger):
        return None
    if a.dated and b.dated:
        gap = max(a.date_low - b.date_high, b.date_low - a.date_high, 0)  # type: ignore[operator]
        if gap > c.story_window_days:
            return None
    if a.lat is not None and b.lat is not None and _km(a, b) > c.veto_km:
        return None
    if a.figures and b.figures:
        theirs = dict(b.figures)
        for kind, x in a.figures:
            y = theirs.get(kind)
            if y is not None:
                lo, hi = (x, y) if x <= y else (y, x)
                if hi - lo > c.slack and lo < c.ratio * hi:
                    return None
    return 1.0


# --- clustering ----------------------------------------------------------------------------------


class DisjointSets:
    """Union-find over hashable, mutually comparable items. A set's representative is its smallest
    item, so the sets and their names do not depend on the order of the unions."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self.parent: dict[Any, Any] = {x: x for x in items}

    def find(self, x: Any) -> Any:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(frozen=True)
class Component:
    """Reports joined by links and hand-made merges (``id``: its smallest report key), and the
    clusters (sorted report keys, in key order) they were cut into."""

    id: str
    clusters: list[list[str]]


def cluster(records: Iterable[ReportRecord], config: MergeConfig | Mapping[str, Any] | None = None,
            decisions: Sequence[MergeDecision] = ()) -> list[list[str]]:
    """The reports that describe one event, as lists of report keys (each sorted; the lists in
    order of their first key). Deterministic and independent of the order of ``records``."""
    return sorted((keys for comp in components(records, config, decisions) for keys in comp.clusters),
                  key=lambda keys: keys[0])


def components(records: Iterable[ReportRecord], config: MergeConfig | Mapping[str, Any] | None = None,
               decisions: Sequence[MergeDecision] = ()) -> list[Component]:
    """``cluster``'s work, keeping the components: the store keeps each report's component so that
    a new report reloads exactly the reports its links can reach."""
    c = resolve_config(config)
    recs = _by_key(records)
    sets = DisjointSets(range(len(recs)))

    # 1-2. Links within blocks, found by a sweep over each block sorted by date; a report with no
    # date at all is scored against its whole block.
    blocks: dict[tuple[str, str | None], list[int]] = {}
    no_date: dict[tuple[str, str | None], list[int]] = {}
    for i, r in enumerate(recs):
        if r.date_low is not None:
            blocks.setdefault((r.family, r.country), []).append(i)
        elif c.merge_no_date:
            no_date.setdefault((r.family, r.country), []).append(i)
    threshold, window = c.threshold, c.window_days
    # Latitudes further apart than this are further apart than veto_km whatever the longitudes:
    # such pairs score 0, so the sweep skips them without scoring (an exact shortcut).
    far_lat = math.degrees(c.veto_km / _EARTH_KM)
    for members in blocks.values():
        members.sort(key=lambda i: (recs[i].date_low, i))
        for n, i in enumerate(members):
            a = recs[i]
            reach = a.date_high + window  # type: ignore[operator]
            lat = a.lat
            for j in members[n + 1:]:
                b = recs[j]
                if b.date_low > reach:  # type: ignore[operator]
                    break
                if lat is not None and b.lat is not None and abs(lat - b.lat) > far_lat:
                    continue
                if _score(a, b, c) >= threshold:
                    sets.union(i, j)
    for block, members in no_date.items():
        others = blocks.get(block, [])
        for n, i in enumerate(members):
            a = recs[i]
            for j in [*members[n + 1:], *others]:
                if _score(a, recs[j], c) >= threshold:
                    sets.union(i, j)
    # Reports of articles that tell one story, found through the articles' index words.
    for i, j in _story_pairs(recs, c):
        if sets.find(i) != sets.find(j) and _score(recs[i], recs[j], c) >= threshold:
            sets.union(i, j)
    index = {r.key: i for i, r in enumerate(recs)}
    for decision in decisions:
        if decision.action == "merge":
            group = [index[k] for k in decision.reports if k in index]
            for j in group[1:]:
                sets.union(group[0], j)
    groups: dict[int, list[int]] = {}
    for i in range(len(recs)):
        groups.setdefault(sets.find(i), []).append(i)
    return _cut_groups(list(groups.values()), recs, c, decisions)


def _story_pairs(recs: list[ReportRecord], c: MergeConfig) -> Iterable[tuple[int, int]]:
    """Pairs of reports (indexes into ``recs``) whose articles tell one story and whose triggers
    are one word or synonyms: the pairs ``_story_score`` may link beyond their block."""
    if c.story_terms <= 0:
        return
    articles: dict[str, list[int]] = {}
    for i, r in enumerate(recs):
        if r.story and r.sense:
            articles.setdefault(r.key.rpartition("/")[0], []).append(i)
    postings: dict[str, list[str]] = {}
    for article, members in articles.items():
        for term in story_keys(recs[members[0]], c):
            postings.setdefault(term, []).append(article)
    seen: set[tuple[str, str]] = set()
    for names in postings.values():
        for n, x in enumerate(names):
            for y in names[n + 1:]:
                pair = (x, y) if x < y else (y, x)
                if pair in seen:
                    continue
                seen.add(pair)
                xs, ys = articles[x], articles[y]
                if story_similarity(recs[xs[0]], recs[ys[0]], c) < c.story_threshold:
                    continue
                for i in xs:
                    for j in ys:
                        if recs[i].sense == recs[j].sense:
                            yield i, j


def cut(groups: Iterable[Iterable[ReportRecord]], config: MergeConfig | Mapping[str, Any] | None = None,
        decisions: Sequence[MergeDecision] = ()) -> list[Component]:
    """Step 3 alone, on components already known (each group: reports joined by links and
    hand-made merges). The store uses it: it keeps every report's component, so a new report
    scores only against its candidates instead of re-scoring every old pair of a component."""
    c = resolve_config(config)
    groups = [list(group) for group in groups]
    recs = _by_key(r for group in groups for r in group)
    index = {r.key: i for i, r in enumerate(recs)}
    return _cut_groups([[index[r.key] for r in group] for group in groups], recs, c, decisions)


def _by_key(records: Iterable[ReportRecord]) -> list[ReportRecord]:
    by_key: dict[str, ReportRecord] = {}
    for record in records:
        if record.key in by_key:
            raise ValueError(f"report {record.key} occurs twice")
        by_key[record.key] = record
    return sorted(by_key.values(), key=lambda r: r.key)


def _cut_groups(groups: list[list[int]], recs: list[ReportRecord], c: MergeConfig,
                decisions: Sequence[MergeDecision]) -> list[Component]:
    index = {r.key: i for i, r in enumerate(recs)}
    merges = [[index[k] for k in d.reports if k in index] for d in decisions if d.action == "merge"]
    splits = [frozenset(d.reports) for d in decisions if d.action == "split"]
    result = []
    for members in groups:
        if len(members) == 1:
            key = recs[members[0]].key
            result.append(Component(key, [[key]]))
            continue
        clusters = _join(_story_join(_cut(members, recs, c, splits), recs, c, splits), merges)
        keyed = sorted(sorted(recs[i].key for i in cl) for cl in clusters)
        result.append(Component(keyed[0][0], keyed))
    return result


def _cut(members: list[int], recs: list[ReportRecord], c: MergeConfig,
         splits: list[frozenset[str]]) -> list[list[int]]:
    """Hand-made splits part the component; each part is cut into stars around its best reports."""
    parts: dict[tuple[int, ...], list[int]] = {}
    for i in members:
        signature = tuple(n for n, split in enumerate(splits) if recs[i].key in split)
        parts.setdefault(signature, []).append(i)
    clusters = []
    for part in parts.values():
        remaining = sorted(part, key=lambda i: (-recs[i].confidence, recs[i].key))
        while remaining:
            centre = recs[remaining[0]]
            star = [remaining[0]]
            near = []  # not linked to the centre, but not far from it either
            rest = []
            for i in remaining[1:]:
                s = _score(centre, recs[i], c)
                (star if s >= c.threshold else near if s >= c.star_floor else rest).append(i)
            # A near report joins when it links to a member: one hop, never a long chain.
            for i in near:
                if any(_score(recs[m], recs[i], c) >= c.threshold for m in star):
                    star.append(i)
                else:
                    rest.append(i)
            clusters.append(star)
            remaining = sorted(rest, key=lambda i: (-recs[i].confidence, recs[i].key))
    return clusters


def _story_join(clusters: list[list[int]], recs: list[ReportRecord], c: MergeConfig,
                splits: list[frozenset[str]]) -> list[list[int]]:
    """Events of one story are one event: the clusters of a component that hold reports with one
    trigger sense from articles of one story are joined. A story here is the articles of the
    component linked by ``story_similarity`` >= ``story_threshold``, one link enough (a story
    told by A and B, and by B and C, is one story); two reports join only when
    ``_story_score`` rules nothing out between them (dates, places, figures) and no hand-made
    split parts them. The star cut (``_cut``) keeps look-alike reports of one family from
    chaining; this step undoes it where the articles tell one story, which is what the cut's
    pairwise view cannot see. Depends only on the component's reports."""
    if not c.story_join or len(clusters) < 2:
        return clusters
    storied = [i for cl in clusters for i in cl if recs[i].story and recs[i].sense]
    if len(storied) < 2:
        return clusters
    articles: dict[str, int] = {}
    for i in storied:
        articles.setdefault(recs[i].key.rpartition("/")[0], i)
    story = DisjointSets(articles)
    names = sorted(articles)
    join_t = c.story_join_threshold
    for n, x in enumerate(names):
        for y in names[n + 1:]:
            if story_similarity(recs[articles[x]], recs[articles[y]], c) >= join_t:
                story.union(x, y)
    owner = {i: n for n, cl in enumerate(clusters) for i in cl}
    sets = DisjointSets(range(len(clusters)))
    by_sense: dict[tuple[str, str], list[int]] = {}
    for i in storied:
        by_sense.setdefault((story.find(recs[i].key.rpartition("/")[0]), recs[i].sense), []).append(i)
    for group in by_sense.values():
        for n, i in enumerate(group):
            for j in group[n + 1:]:
                if sets.find(owner[i]) == sets.find(owner[j]):
                    continue
                if any((recs[i].key in split) != (recs[j].key in split) for split in splits):
                    continue
                if _story_score(recs[i], recs[j], c) is not None:
                    sets.union(owner[i], owner[j])
    joined: dict[int, list[int]] = {}
    for n, cl in enumerate(clusters):
        joined.setdefault(sets.find(n), []).extend(cl)
    return list(joined.values())


def _join(clusters: list[list[int]], merges: list[list[int]]) -> list[list[int]]:
    """Hand-made merges join the clusters holding the reports they name."""
    if not merges:
        return clusters
    owner = {i: n for n, cl in enumerate(clusters) for i in cl}
    sets = DisjointSets(range(len(clusters)))
    for group in merges:
        named = [owner[i] for i in group if i in owner]
        for n in named[1:]:
            sets.union(named[0], n)
    joined: dict[int, list[int]] = {}
    for n, cl in enumerate(clusters):
        joined.setdefault(sets.find(n), []).extend(cl)
    return list(joined.values())
