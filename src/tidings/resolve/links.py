"""Links between the facts of one article, made after every extractor has run.

- An event known only from a claim ("the group also claimed two rocket attacks on bases in Syria last
  week") has status ``claimed``: every mention of it lies inside claims of responsibility. An event
  also told in the reporter's own words ("a drone attack killed ...") stays ``asserted``.
- A statement and the verbal event it carries are the same act told twice: a condemnation is an
  ACCUSE event whose evidence is the statement. The statement lists that event among its
  ``event_ids`` and the event gains the statement's content as evidence.
"""

from __future__ import annotations

from ..models import Claim, Event, Span, Statement

_VERBAL_TYPES = {"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "AGREE"}


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def mark_claimed_events(events: list[Event], claims: list[Claim]) -> None:
    """Set ``status="claimed"`` on asserted events whose every mention lies inside a claim of
    responsibility that links to them."""
    for event in events:
        if event.status != "asserted":
            continue
        holders = [c for c in claims if c.kind == "claim" and event.id in c.event_ids]
        mentions = event.evidence or [event.trigger]
        if holders and all(any(_inside(m, c.evidence) for c in holders) for m in mentions):
            event.status = "claimed"


def link_statement_events(statements: list[Statement], events: list[Event]) -> None:
    """A verbal event whose trigger is a statement's cue is that statement's act: link them both ways."""
    for statement in statements:
        for event in events:
            if event.type not in _VERBAL_TYPES or not _overlaps(event.trigger, statement.cue):
                continue
            if event.id not in statement.event_ids:
                statement.event_ids.append(event.id)
            if all((e.start, e.end) != (statement.content.start, statement.content.end) for e in event.evidence):
                event.evidence.append(statement.content)
