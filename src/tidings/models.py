"""The data model of tidings: every shape the library produces or reads is defined here.

This module is imported by every other module and imports none of them (nor spaCy).
The public output format is ``tidings/1`` (see CONTRACT.md): fields may be added, never renamed
or dropped. Character offsets always index ``Article.text``; ``end`` is exclusive.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "tidings/1"

ActorKind = Literal[
    "state_forces", "government", "armed_group", "political_party", "organization",
    "media", "person", "civilians", "population", "unknown",
]
PlaceFeature = Literal["country", "admin1", "admin2", "city", "site", "region", "water"]
Precision = Literal["point", "town", "admin2", "admin1", "country", "region"]
TimeType = Literal["date", "time", "duration", "set"]
Granularity = Literal["day", "week", "month", "year", "other"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
EventStatus = Literal["asserted", "negated", "hypothetical", "future", "claimed"]
# The statuses of what happened, as told or as claimed.
HAPPENED: frozenset[str] = frozenset({"asserted", "claimed"})
CasualtyKind = Literal["killed", "injured", "missing", "kidnapped", "arrested", "displaced"]
Qualifier = Literal["exact", "at_least", "at_most", "approximately"]
VictimKind = Literal["military", "civilian", "militant", "unknown"]
ClaimKind = Literal["claim", "denial", "accusation"]
Certainty = Literal["firm", "hedged"]
ClaimStatus = Literal["not_reiterated", "withdrawn"]
Medium = Literal[
    "news agency", "social media", "messaging app", "press conference", "statement", "interview",
]
Stance = Literal["condemn", "threaten", "deny", "claim", "accuse", "call_for", "support", "other"]
# How one event relates to an earlier one it is told against ("the strike came in response to ...").
ChainRelation = Literal["in_response_to", "in_retaliation_for", "after"]


class Model(BaseModel):
    """Base for all shapes: unknown fields are an error, so a typo cannot pass silently."""

    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A stretch of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def holds(self, other: Span) -> bool:
        """Whether ``other`` starts inside this span (a place in the dateline)."""
        return self.start <= other.start < self.end


class Actor(Span):
    """A mention of a participant, resolved to a canonical entry where possible."""

    name: str
    kind: ActorKind = "unknown"
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER sector code: MIL, GOV, REB, CVL, JRN, ...
    role: str | None = None
    affiliation: str | None = None
    registry_id: str | None = None  # the actor registry entry it resolved to, if any
    confidence: float = Field(default=0.5, ge=0, le=1)
    # Relations the text states ("Iran-backed militias", "a militia backed by Iran"; "al-Qaeda-linked
    # fighters"): the other side as an ISO alpha-3 for a state, a registry id, or the name as written.
    backed_by: str | None = None
    aligned_with: str | None = None


# The most a street or building placed by a guess may claim (a headline's street placed at the
# story's first town): the store's merge does not match reports on such a place.
GUESSED_SITE_CONFIDENCE = 0.1


class Place(Span):
    """A toponym. Unresolved names keep ``lat``/``lon`` null: never the country's centre as a point."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    feature: PlaceFeature | None = None
    precision: Precision | None = None
    confidence: float = Field(default=0.5, ge=0, le=1)
    # Why this entry was chosen among its namesakes, or why the name stayed unresolved, in words
    # ("the only gazetteer entry", "named beside 'Texas'", "in a country the article names: AFG").
    reason: str | None = None
    # On an event's location only: the id of the event of the same article whose place this is,
    # when the event's own sentence names none ("Police arrested a suspect" after "a man was shot in
    # Dayton"); null when the event's own words place it.
    inherited_from: str | None = None


class Time(Span):
    """A time expression normalized against the publication date (TIMEX3-style ``value``)."""

    value: str | None = None  # "2024-01-28", "2024-W04", "2023-10", "2024-01-28TMO", "PRESENT_REF", "P3M"
    type: TimeType = "date"
    granularity: Granularity = "other"


class EventDate(Span):
    """The date of the event itself, with the span it was read from."""

    value: str
    granularity: Granularity


class Acled(Model):
    event_type: str
    sub_event_type: str | None = None


class Casualty(Model):
    kind: CasualtyKind
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: Qualifier = "exact"
    victims: str | None = None
    # the people the figure counts, when the text names them one by one ("Ann Moy, Tom Ruiz and
    # Ed Kell were killed": killed 3, these three names)
    named: list[str] = Field(default_factory=list)
    victim_kind: VictimKind = "unknown"
    evidence: Span
    revised: bool = False  # an earlier figure in the same article was superseded by this one
    # a part of a total told beside it ("12 people, SEVEN WOMEN and five men"): who they were,
    # not more victims; totals leave it out
    part_of_total: bool = False


class Event(Model):
    id: str
    type: EventType
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    cameo: str | None = None
    acled: Acled | None = None
    status: EventStatus = "asserted"
    trigger: Span
    evidence: list[Span] = Field(default_factory=list)
    source_actors: list[Actor] = Field(default_factory=list)
    target_actors: list[Actor] = Field(default_factory=list)
    location: Place | None = None
    date: EventDate | None = None
    casualties: list[Casualty] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0, le=1)
    links: list[EventLink] = Field(default_factory=list)
    # The weapons or means ("a car bomb", "missiles") and the things hit (buildings, vehicles,
    # bases; people are target_actors): CONTRACT.md's optional event fields.
    instruments: list[Span] = Field(default_factory=list)
    physical_targets: list[Span] = Field(default_factory=list)
    # Why ``acled`` (and a mode or context) is what it is: "rule: sure word 'grenade' in the
    # trigger", "model tidings-types 1: p=0.71", "rule: crosswalk on type and mode".
    type_reason: str | None = None


class EventLink(Model):
    """A chain link: this event stands in ``relation`` to the event ``event_id`` ("this strike was
    in retaliation for that attack"). ``cue`` is the connecting phrase ("in retaliation for")."""

    relation: ChainRelation
    event_id: str
    cue: Span
    confidence: float = Field(default=0.5, ge=0, le=1)
    # On a stored event (merged from many reports): the article whose report made the link, the
    # article ``cue`` indexes. None in an article's own result, where it is that article.
    article_id: str | None = None


class Claim(Model):
    kind: ClaimKind
    actor: Actor
    accused: Actor | None = None
    event_ids: list[str] = Field(default_factory=list)
    channel: Span | None = None
    date: Time | None = None
    certainty: Certainty = "firm"
    evidence: Span
    status: ClaimStatus | None = None


class Channel(Model):
    text: str
    outlet: str | None = None
    medium: Medium | None = None
    start: int | None = None
    end: int | None = None


class Statement(Model):
    speaker: Actor
    cue: Span
    content: Span
    direct: bool
    channel: Channel | None = None
    stance: Stance = "other"
    event_ids: list[str] = Field(default_factory=list)
    # "speech": said or written (a verb or noun of speech, "according to", a quotation);
    # "belief": what the source believes, knows or found ("officials believe that ..."); "intention":
    # what it plans or wants ("plans to ..."). PolNeAR counts all three as attributions; a reader
    # who wants only what was said keeps kind == "speech".
    kind: Literal["speech", "belief", "intention"] = "speech"


class ArticleError(Model):
    """Why an article (or part of it) could not be processed. ``code`` is stable; see errors.py."""

    code: str
    message: str


class ArticleMeta(Model):
    id: str
    published: date | None = None
    # True when ``published`` was not given but inferred from the dates the text states
    # (resolve/published.py): the latest full date it writes out.
    published_inferred: bool = False
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"
    text: str = ""  # the text every offset indexes (for HTML: the extracted main text)
    dateline: Span | None = None  # "KABUL, Afghanistan (Jan. 25, 2013)" when the text opens with one
    dateline_place: str | None = None  # "KABUL, Afghanistan"
    origin: str | None = None  # file path or "<stdin>:LINE", for error reports
    genre: str | None = None  # report | opinion | letters | memoir | analysis | other


class Producer(Model):
    """What extracted a result: the tidings version and the spaCy model ("en_core_web_sm-3.8.0").
    The store keeps it per article, so ``tidings reprocess`` knows what an upgrade changes."""

    tidings: str
    model: str | None = None


class ArticleResult(Model):
    format: str = FORMAT
    article: ArticleMeta
    produced_by: Producer | None = None  # None: unknown (a result made before this field existed)
    errors: list[ArticleError] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)


class Article(Model):
    """An article as read by ingest, before processing. ``errors`` carries ingest failures."""

    id: str
    text: str
    published: date | None = None
    published_inferred: bool = False  # see ArticleMeta
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = "en"
    dateline: Span | None = None
    dateline_place: str | None = None
    origin: str | None = None
    errors: list[ArticleError] = Field(default_factory=list)

    def meta(self) -> ArticleMeta:
        return ArticleMeta(
            id=self.id, published=self.published, published_inferred=self.published_inferred,
            title=self.title, source=self.source,
            url=self.url, language=self.language, text=self.text, dateline=self.dateline,
            dateline_place=self.dateline_place, origin=self.origin,
        )


# --- the store's cross-article view -------------------------------------------------------------


class Report(Model):
    article_id: str
    event_id: str
    trigger: Span


class Figure(Model):
    article_id: str
    casualties: list[Casualty]


class Reconciled(Model):
    """One casualty figure of one kind for a stored event, chosen across its reports; ``method``
    says how ("all 3 reports agree", "highest firm figure of 2 conflicting reports", ...), and the
    per-source figures stay visible in ``StoredEvent.figures``."""

    kind: CasualtyKind
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: Qualifier = "exact"
    n_reports: int = Field(ge=0)  # reports that give a figure of this kind
    conflicting: bool = False
    method: str


class ActionMention(Span):
    """One mention of a stored event in one of its reports' articles."""

    article_id: str
    event_id: str


class Action(Model):
    """The mentions of a stored event that tell one action of it, across its reports: the
    "killed", "slain" and "murder" of a shooting are one action, its "shot" and "opened fire"
    another. ``action`` names it by its trigger sense (merge.yaml's synonym groups: "kill",
    "shoot"). An incident is what an analyst codes; its actions are what event coreference (ECB+)
    scores."""

    action: str
    mentions: list[ActionMention] = Field(default_factory=list)


class StoredEvent(Event):
    """An event in the store: the merge of one or more reports of the same real-world event."""

    reports: list[Report] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    reconciled: list[Reconciled] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


MergeAction = Literal["merge", "split"]


class MergeDecision(Model):
    """A merge or split made by hand. It is kept apart from the automatic merge and applied after it
    on every re-run, so a person's decision survives new articles and re-ingests. Reports are named
    ``"ARTICLE_ID/EVENT_ID"``: stable across runs, unlike stored-event ids."""

    action: MergeAction
    reports: list[str] = Field(min_length=1)
    note: str | None = None
    made_at: datetime | None = None


# --- identifiers ----------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The form of a text its id is derived from: NFC, whitespace collapsed, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id_for(text: str) -> str:
    """A content-derived article id: the same text gives the same id on every run and machine."""
    return "a-" + hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def event_id_for(article_id: str, event_type: str, trigger_start: int, trigger_end: int) -> str:
    """A deterministic event id: the same article and version give the same ids everywhere."""
    key = f"{article_id}|{event_type}|{trigger_start}|{trigger_end}"
    return "e-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --- evaluation ----------------------------------------------------------------------------------


class EvalReport(Model):
    """What one gold-set evaluation measured: scores in [0, 1], the counts behind them, and a few
    examples of errors for the reader of the table."""

    name: str
    scores: dict[str, float]
    counts: dict[str, int] = Field(default_factory=dict)
    examples: list[str] = Field(default_factory=list)
    notes: str = ""
