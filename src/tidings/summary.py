"""A readable summary of a store: counts, then the events with who, what, whom, where, when, toll."""

from __future__ import annotations

import sys

from .export import calendar_date, figure_texts
from .models import StoredEvent


def describe_casualties(event: StoredEvent) -> str:
    """"12+ killed, 3 injured": every report's figures, reconciled as the exports do (the best
    report's own figures alone showed "—" where the CSV had a number), qualifiers kept."""
    return ", ".join(f"{text} {kind}" for kind, text in figure_texts(event).items())


def describe_date(event: StoredEvent) -> str:
    """The calendar date, with its width when wider than a day ("2024-02-26 (week)"); "—" for none."""
    day, precision = calendar_date(event)
    if day is None:
        return "—"
    return day if precision == "day" else f"{day} ({precision})"


def print_summary(store, limit: int = 30, file=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, width=160)
    counts = store.counts()
    console.print(
        f"[bold]{_count(counts, 'articles', 'article')}[/] "
        f"({counts.get('failed_articles', 0)} failed), [bold]{_count(counts, 'events', 'event')}[/], "
        f"{_count(counts, 'claims', 'claim')}, {_count(counts, 'statements', 'statement')}"
    )
    table = Table(show_lines=False)
    for col in ("date", "type / mode", "status", "who", "whom", "where", "toll", "trigger"):
        table.add_column(col, overflow="fold")
    for event in store.events(limit=limit):
        table.add_row(
            describe_date(event),
            event.type + (f" / {event.mode}" if event.mode else ""),
            event.status,
            "; ".join(a.name for a in event.source_actors) or "—",
            "; ".join(a.name for a in event.target_actors) or "—",
            (event.location.name if event.location else "—"),
            describe_casualties(event) or "—",
            event.trigger.text,
        )
    console.print(table)


def _count(counts: dict[str, int], key: str, noun: str) -> str:
    n = counts.get(key, 0)
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
