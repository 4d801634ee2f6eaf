"""A readable summary of a store: counts, then the events with who, what, whom, where, when, toll."""

from __future__ import annotations

import sys

from .models import StoredEvent


def describe_casualties(event: StoredEvent) -> str:
    parts = []
    for cas in event.casualties:
        if cas.low is None and cas.high is None:
            continue
        if cas.qualifier == "at_least" or (cas.high is None and cas.low is not None and cas.qualifier != "exact"):
            n = f"{cas.low}+"
        elif cas.qualifier == "at_most":
            n = f"≤{cas.high}"
        elif cas.low is not None and cas.high is not None and cas.low != cas.high:
            n = f"{cas.low}-{cas.high}"
        else:
            n = str(cas.low if cas.low is not None else cas.high)
        parts.append(f"{n} {cas.kind}")
    return ", ".join(parts)


def print_summary(store, limit: int = 30, file=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, width=160)
    counts = store.counts()
    console.print(
        f"[bold]{counts.get('articles', 0)}[/] articles "
        f"({counts.get('failed_articles', 0)} failed), [bold]{counts.get('events', 0)}[/] events, "
        f"{counts.get('claims', 0)} claims, {counts.get('statements', 0)} statements"
    )
    table = Table(show_lines=False)
    for col in ("date", "type / mode", "status", "who", "whom", "where", "toll", "trigger"):
        table.add_column(col, overflow="fold")
    for event in store.events(limit=limit):
        table.add_row(
            event.date.value if event.date else "—",
            event.type + (f" / {event.mode}" if event.mode else ""),
            event.status,
            "; ".join(a.name for a in event.source_actors) or "—",
            "; ".join(a.name for a in event.target_actors) or "—",
            (event.location.name if event.location else "—"),
            describe_casualties(event) or "—",
            event.trigger.text,
        )
    console.print(table)
