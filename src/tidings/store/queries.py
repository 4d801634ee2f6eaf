"""The read queries' filters and keyset cursors: ``EventFilter`` (what ``event_page``, ``events``
and ``event_counts`` keep), the checks of dates, choices and limits, and the cursors that page by
(date, id), never by offset."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..errors import UsageError
from ..models import EVENT_TYPES, ClaimKind, Event
from .schema import EVENT_STATUSES, articles, reports, stored_events


# --- dates and filters ---------------------------------------------------------------------------

# ``date_range_of`` (TIMEX3 value -> calendar range) lives in resolve/dedup.py, which merges by it.


def _as_date(name: str, value: date | str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--{name} {value!r}: use YYYY-MM-DD") from exc


def _checked_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise UsageError(f"--{name} {value!r}: choose from {', '.join(choices)}")
    return value


# --- event filters and cursors --------------------------------------------------------------------

CLAIM_KINDS: tuple[str, ...] = ClaimKind.__args__  # type: ignore[attr-defined]
# Undated events sort last: they are given a date after any real one.
_NO_DATE = date(9999, 12, 31)
_SORT_DATE = sa.func.coalesce(stored_events.c.date_low, sa.literal(_NO_DATE, sa.Date))


# An article that is a news report: its genre recorded as "report", or none recorded (stored
# before genres were read). meta_json is the compact JSON of ArticleMeta.
_NEWS_REPORT = sa.or_(articles.c.meta_json.contains('"genre":"report"'),
                      sa.not_(articles.c.meta_json.contains('"genre":"')))


@dataclass(frozen=True)
class EventFilter:
    """What ``event_page``, ``events`` and ``event_counts`` keep; every field None keeps all.

    ``since``/``until``: inclusive dates; an event is kept when its date range overlaps them.
    ``bbox``: (west, south, east, north) in degrees, or that as "w,s,e,n"; events without
    coordinates are left out by it. ``actor``: a canonical name among the source or target actors.
    ``q``: free text, any case, found anywhere in the event (trigger, evidence, names, places).
    ``all_genres``: keep the events told only by opinion columns, letters, memoirs or analyses
    (``article.genre``); by default an event needs one report from a news report (an article
    of genre ``report``, or of no recorded genre). They are stored all the same.
    """

    type: str | None = None
    country: str | None = None
    since: date | str | None = None
    until: date | str | None = None
    status: str | None = None
    mode: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | str | None = None
    q: str | None = None
    all_genres: bool = False

    def where(self, query: sa.Select) -> sa.Select:
        """``query`` (over stored_events) with these filters' SQL conditions added."""
        c = stored_events.c
        if not self.all_genres:
            query = query.where(sa.exists(
                sa.select(reports.c.stored_event_id)
                .join(articles, articles.c.id == reports.c.article_id)
                .where(reports.c.stored_event_id == c.id, _NEWS_REPORT)))
        if self.type is not None:
            query = query.where(c.type == _checked_choice("type", self.type.upper(), EVENT_TYPES))
        if self.status is not None:
            query = query.where(c.status == _checked_choice("status", self.status, EVENT_STATUSES))
        if self.country is not None:
            query = query.where(c.location_country == self.country.upper())
        if self.mode is not None:
            query = query.where(c.mode == self.mode)
        if self.since is not None:
            query = query.where(c.date_high >= _as_date("since", self.since))
        if self.until is not None:
            query = query.where(c.date_low <= _as_date("until", self.until))
        if self.bbox is not None:
            west, south, east, north = _as_bbox(self.bbox)
            query = query.where(c.lat.between(south, north))
            if west <= east:
                query = query.where(c.lon.between(west, east))
            else:  # a box across the antimeridian
                query = query.where(sa.or_(c.lon >= west, c.lon <= east))
        if self.actor is not None:
            # A cheap prefilter; ``actor_matches`` then checks that the name is an actor's.
            name = '"name":' + json.dumps(self.actor, ensure_ascii=False)
            query = query.where(c.event_json.contains(name, autoescape=True))
        if self.q:
            query = query.where(sa.func.lower(c.event_json).contains(self.q.lower(), autoescape=True))
        return query

    def actor_matches(self, event: Event) -> bool:
        if self.actor is None:
            return True
        return any(a.name == self.actor for a in (*event.source_actors, *event.target_actors))


def _as_bbox(value: tuple[float, float, float, float] | str) -> tuple[float, float, float, float]:
    if isinstance(value, str):
        try:
            parts = tuple(float(part) for part in value.split(","))
        except ValueError:
            parts = ()
    else:
        parts = tuple(value)
    if len(parts) != 4 or not (-90 <= parts[1] <= parts[3] <= 90):
        raise UsageError(f"bbox {value!r}: use west,south,east,north in degrees")
    return parts  # type: ignore[return-value]


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise UsageError(f"limit {limit}: must be at least 1")


def _split_page(rows: list[Any], limit: int,
                cursor_of: Callable[[Any], str]) -> tuple[list[Any], str | None]:
    """Rows fetched with ``LIMIT limit + 1``: the page, and the next page's cursor (that of the
    page's last row) when the extra row shows there is one, else None."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, cursor_of(rows[-1])


def _cursor(row: Any) -> str:
    sort_date = row.sort_date
    return f"{sort_date if isinstance(sort_date, str) else sort_date.isoformat()}|{row.id}"


def _parse_cursor(cursor: str) -> tuple[date, str]:
    day, _, event_id = cursor.partition("|")
    try:
        return date.fromisoformat(day), event_id
    except ValueError as exc:
        raise UsageError(f"cursor {cursor!r}: not a cursor this API gave") from exc
