"""The evaluation report: a plain-text table for people, a JSON file for machines and the ratchet.

Both are rendered from the same ``EvalReport`` objects, so the table and the file cannot disagree.
The status column reads the baseline (``eval_baseline.json``: gold set -> metric -> floor):
``ok`` at or above the floor, ``BELOW`` under it, ``-`` where no floor is set yet.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..models import EvalReport
from . import below_floor

_HEADERS = ("set", "metric", "score", "floor", "status")


def table_rows(reports: list[EvalReport],
               baseline: dict[str, dict[str, float]] | None = None) -> list[tuple[str, ...]]:
    """One row per metric: set, metric, score, floor, status (all as printed)."""
    baseline = baseline or {}
    rows = []
    for report in reports:
        floors = baseline.get(report.name, {})
        for metric in sorted(set(report.scores) | set(floors)):
            score = report.scores.get(metric)
            floor = floors.get(metric)
            if floor is None:
                status = "-"
            elif below_floor(report, {report.name: {metric: floor}}):  # the gate's own rule
                status = "BELOW"
            else:
                status = "ok"
            rows.append((report.name, metric, "missing" if score is None else f"{score:.3f}",
                         "-" if floor is None else f"{floor:.3f}", status))
    return rows


def render_table(reports: list[EvalReport],
                 baseline: dict[str, dict[str, float]] | None = None) -> str:
    """A plain-text table of every score, its floor and whether it holds, columns aligned."""
    rows = [_HEADERS, *table_rows(reports, baseline)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS))]
    numeric = {2, 3}
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if i in numeric else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def scores_document(reports: list[EvalReport]) -> dict[str, dict]:
    """The JSON form: gold set -> {scores, counts, examples, notes}, sets in name order."""
    return {report.name: report.model_dump(exclude={"name"})
            for report in sorted(reports, key=lambda r: r.name)}


def write_scores(reports: list[EvalReport], path: Path) -> None:
    """Write ``scores_document(reports)`` as indented JSON (parent folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(scores_document(reports), indent=2, sort_keys=True) + "\n",
                    encoding="utf-8")
