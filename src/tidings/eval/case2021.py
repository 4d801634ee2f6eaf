"""CASE 2021 Task 2: fine-grained socio-political event labels (ACLED-derived) on short snippets.

Labelled snippets are read from whichever the folder holds:

- ``test_dataset/*.tsv``: one snippet a line, tab-separated, with an id, the snippet text and its
  label (a header line, if any, is skipped);
- ``sample_data/sample_input.txt`` (id TAB snippet) with ``sample_data/sample_output.txt``
  (id TAB label).

The test split is withheld for independent measurement; without labelled snippets ``run`` raises
``FileNotFoundError`` saying so (``tidings eval`` then skips the set). The label list
(``sample_data/event_types.txt``) alone is checked against the crosswalk.

Labels are read as PLOVER type + modes through ``data/crosswalk_case2021.yaml``. The prediction
for a snippet is its most confident event (the first of equals), or none.

Scores:

- ``label_agreement``: the predicted type equals the label's type and its mode is one the label
  accepts (a label without a PLOVER type agrees with no event);
- ``type_agreement``: the predicted type alone (a label without a PLOVER type: no event).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..config import DATA_DIR
from ..models import EVENT_TYPES, Article, ArticleResult, EvalReport, article_id_for

NAME = "case2021-task2"
# The test set's 1,019 snippets (about 40,000 words) would take about 15 s; the sample is smaller.
DEFAULT_LIMIT: int | None = None
EXAMPLES = 10
LABELS_FILE = Path("sample_data") / "event_types.txt"


@dataclass(frozen=True)
class Label:
    name: str
    type: str | None  # PLOVER type; None: no PLOVER counterpart
    modes: frozenset[str | None]  # accepted modes; empty: any. None stands for "no mode"

    def agrees(self, event_type: str | None, mode: str | None) -> bool:
        if self.type is None:
            return event_type is None
        return event_type == self.type and (not self.modes or mode in self.modes)


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, Label]:
    """``data/crosswalk_case2021.yaml``: label -> PLOVER type and accepted modes."""
    raw = yaml.safe_load((DATA_DIR / "crosswalk_case2021.yaml").read_text(encoding="utf-8"))
    table = {}
    for name, entry in raw["labels"].items():
        event_type = entry.get("type")
        if event_type is not None and event_type not in EVENT_TYPES:
            raise ValueError(f"crosswalk_case2021.yaml: {name} maps to {event_type!r}, not a PLOVER type")
        modes = frozenset((m or None) for m in entry.get("modes") or ())
        table[name] = Label(name, event_type, modes)
    return table


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    label: str


def _label_of(value: str) -> Label:
    table = crosswalk()
    if value not in table:
        raise ValueError(f"CASE 2021 label {value!r} is not in data/crosswalk_case2021.yaml; add it there")
    return table[value]


def _read_tsv(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def read_snippets(root: Path) -> list[Snippet]:
    """The labelled snippets the folder holds (see the module doc); an empty list when none."""
    table = crosswalk()
    snippets: list[Snippet] = []
    for path in sorted((root / "test_dataset").glob("*.tsv")):
        for row in _read_tsv(path):
            labels = [c for c in row if c.strip() in table]
            if not labels:
                continue  # a header line
            text = max((c for c in row[1:] if c not in labels), key=len, default="")
            snippets.append(Snippet(row[0], text, labels[-1].strip()))
    inputs, outputs = root / "sample_data" / "sample_input.txt", root / "sample_data" / "sample_output.txt"
    if not snippets and inputs.exists() and outputs.exists():
        labels = {row[0]: row[1].strip() for row in _read_tsv(outputs) if len(row) >= 2}
        for row in _read_tsv(inputs):
            if len(row) >= 2 and row[0] in labels:
                _label_of(labels[row[0]])
                snippets.append(Snippet(row[0], row[1], labels[row[0]]))
    return snippets


def unmapped_labels(root: Path) -> list[str]:
    """Labels of the task's label list that the crosswalk lacks (it should be none)."""
    path = root / LABELS_FILE
    if not path.exists():
        return []
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [n for n in names if n not in crosswalk()]


def top_event(result: ArticleResult):
    return max(result.events, key=lambda event: event.confidence, default=None)


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    missing = unmapped_labels(root)
    if missing:
        raise ValueError(f"labels missing from data/crosswalk_case2021.yaml: {', '.join(missing)}")
    snippets = read_snippets(root)[:limit]
    if not snippets:
        raise FileNotFoundError(f"no labelled snippets under {root} (test_dataset/*.tsv or "
                                "sample_data/sample_input.txt + sample_output.txt): the test split "
                                "is withheld")
    articles = [Article(id=article_id_for(s.text), text=s.text, origin=s.id) for s in snippets]
    agreed = typed = predicted = failed = 0
    examples: list[str] = []
    for snippet, result in zip(snippets, pipeline.process_many(articles)):
        failed += bool(result.errors)
        label = _label_of(snippet.label)
        event = top_event(result)
        event_type, mode = (event.type, event.mode) if event else (None, None)
        predicted += event is not None
        ok = label.agrees(event_type, mode)
        agreed += ok
        typed += event_type == label.type
        if not ok and len(examples) < EXAMPLES:
            examples.append(f"{snippet.id}: gold {snippet.label} ({label.type}), predicted "
                            f"{event_type or 'none'}/{mode or '-'}")
    n = len(snippets)
    return EvalReport(
        name=NAME,
        scores={"label_agreement": agreed / n, "type_agreement": typed / n},
        counts={"snippets": n, "failed": failed, "predicted": predicted, "agreed": agreed,
                "type_agreed": typed},
        examples=examples,
        notes="labels via data/crosswalk_case2021.yaml; prediction = the most confident event",
    )
