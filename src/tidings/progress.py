"""A progress line for long runs: on a terminal only, on standard error, never in pipes."""

from __future__ import annotations

import time


class Progress:
    """Counts articles and events; shows rate (and ETA when the total is known) with rich."""

    def __init__(self, enabled: bool, total: int | None = None):
        self.enabled = enabled
        self.total = total
        self.articles = 0
        self.events = 0
        self.started = time.monotonic()
        self._bar = None
        self._task = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress,
                                       SpinnerColumn, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self._bar = RichProgress(
                SpinnerColumn(), TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f}/s · {task.fields[events]} events"),
                TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                transient=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("extract", total=self.total, rate=0.0, events=0)
        return self

    def advance(self, events: int = 0) -> None:
        self.articles += 1
        self.events += events
        if self._bar is not None:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self._bar.update(self._task, advance=1, rate=self.articles / elapsed, events=self.events)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
