"""CASE 2021 Task 2: fine-grained socio-political event labels (ACLED-derived) on short snippets.

Labelled snippets are read from whichever the folder holds:

- ``dev.tsv`` (304 snippets of the test set given for measuring, never for training) and
  ``test_dataset/*.tsv``: one snippet a line, tab-separated, with an id, the snippet text and its
  label (a header line, if any, is skipped);
- ``sample_data/sample_input.txt`` (id TAB snippet) with ``sample_data/sample_output.txt``
  (id TAB label).

The test split is withheld for independent measurement; without labelled snippets ``run`` raises
``FileNotFoundError`` saying so (``tidings eval`` then skips the set). The label list
(``sample_data/event_types.txt``) alone is checked against the crosswalk.

The prediction for a snippet is the label of its most confident event that has one (the first of
equals), as ``tidings extract`` prints it: a context that ``data/crosswalk_case2021.yaml`` names
for a label beyond ACLED (``natural_disaster``...), else the label of its ACLED sub-event type;
none when no event has either (then the snippet is wrong for its gold label). That is the label
under which an analyst filtering the output by sub-event type finds the snippet; a verbal event
("officials condemned the bombing") ranked above the incident does not hide it.

Scores:

- ``accuracy``, ``weighted_f1`` (per-label F1 weighted by gold support, the CASE 2021 headline),
  ``macro_f1`` and ``f1_LABEL`` for every gold label; ``labels_predicted``: the share of the
  crosswalk's labels predicted at least once. ``counts`` holds the confusion table
  (``confusion GOLD -> PREDICTED``, errors only) and ``notes`` the type model that produced it;
- ``label_agreement``: the predicted type equals the label's type and its mode is one the label
  accepts (a label without a PLOVER type agrees with no event);
- ``type_agreement``: the predicted type alone (a label without a PLOVER type: no event).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from ..datafiles import load_yaml
from ..models import (
    EVENT_TYPES,
    Article,
    ArticleResult,
    EvalReport,
    Event,
    article_id_for,
)
from .metrics import prf

NAME = "case2021-task2"
# The test set's 1,019 snippets (about 40,000 words) would take about 15 s; the sample is smaller.
DEFAULT_LIMIT: int | None = None
EXAMPLES = 10
LABELS_FILE = Path("sample_data") / "event_types.txt"
DEV_FILE = Path("dev.tsv")  # the 304 snippets of the test set given for measuring (see DEV.txt)


@dataclass(frozen=True)
class Label:
    name: str
    type: str | None  # PLOVER type; None: no PLOVER counterpart
    modes: frozenset[str | None]  # accepted modes; empty: any. None stands for "no mode"
    acled: str | None = None  # the ACLED sub-event type that predicts this label
    context: str | None = None  # or the context (a label beyond ACLED) that predicts it

    def agrees(self, event_type: str | None, mode: str | None) -> bool:
        if self.type is None:
            return event_type is None
        return event_type == self.type and (not self.modes or mode in self.modes)


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, Label]:
    """``data/crosswalk_case2021.yaml``: label -> PLOVER type and accepted modes."""
    raw = load_yaml("crosswalk_case2021.yaml")
    table = {}
    for name, entry in raw["labels"].items():
        event_type = entry.get("type")
        if event_type is not None and event_type not in EVENT_TYPES:
            raise ValueError(f"crosswalk_case2021.yaml: {name} maps to {event_type!r}, not a PLOVER type")
        modes = frozenset((m or None) for m in entry.get("modes") or ())
        table[name] = Label(name, event_type, modes, entry.get("acled"), entry.get("context"))
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
    for path in [*sorted((root / "test_dataset").glob("*.tsv")), *([root / DEV_FILE] if (root / DEV_FILE).exists() else [])]:
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


def predicted_label(event: Event | None) -> str | None:
    """The CASE label an event as printed stands for: a context the crosswalk names (a label
    beyond ACLED: a disaster, organised crime, diplomacy, attribution) first, else its ACLED
    sub-event type; None when it has neither (or there is no event)."""
    if event is None:
        return None
    table = crosswalk()
    for label in table.values():
        if label.context and label.context in event.contexts:
            return label.name
    sub = event.acled.sub_event_type if event.acled else None
    for label in table.values():
        if sub and label.acled == sub:
            return label.name
    return None


def snippet_label(result: ArticleResult) -> str | None:
    """The label a user filtering by sub-event type would find the snippet under: that of its most
    confident event that has one (the first of equals), or None."""
    for event in sorted(result.events, key=lambda e: -e.confidence):
        label = predicted_label(event)
        if label is not None:
            return label
    return None


def label_scores(pairs: list[tuple[str, str | None]]) -> dict[str, float]:
    """Accuracy, weighted and macro F1 over the gold labels, and each gold label's F1, from
    (gold, predicted) pairs; a missing prediction is wrong for its gold label (it stays in the
    denominator of recall) and counts against no label's precision."""
    gold_counts = Counter(g for g, _ in pairs)
    pred_counts = Counter(p for _, p in pairs if p is not None)
    right = Counter(g for g, p in pairs if g == p)
    scores: dict[str, float] = {"accuracy": sum(right.values()) / len(pairs) if pairs else 0.0}
    f1s = {}
    for label in sorted(gold_counts):
        f1s[label] = prf(right[label], pred_counts[label], right[label], gold_counts[label])[2]
    total = sum(gold_counts.values())
    scores["weighted_f1"] = sum(f1s[k] * gold_counts[k] for k in f1s) / total if total else 0.0
    scores["macro_f1"] = sum(f1s.values()) / len(f1s) if f1s else 0.0
    scores.update({f"f1_{k}": v for k, v in f1s.items()})
    return scores


def _model_note() -> str:
    """Which type model produced the predictions (name, version, checksum), for the report."""
    from ..extract.types import model_card

    return model_card()


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    missing = unmapped_labels(root)
    if missing:
        raise ValueError(f"labels missing from data/crosswalk_case2021.yaml: {', '.join(missing)}")
    snippets = read_snippets(root)[:limit]
    if not snippets:
        raise FileNotFoundError(f"no labelled snippets under {root} ({DEV_FILE}, test_dataset/*.tsv or "
                                "sample_data/sample_input.txt + sample_output.txt): the test split "
                                "is withheld")
    articles = [Article(id=article_id_for(s.text), text=s.text, origin=s.id) for s in snippets]
    agreed = typed = predicted = failed = 0
    examples: list[str] = []
    pairs: list[tuple[str, str | None]] = []
    for snippet, result in zip(snippets, pipeline.process_many(articles)):
        failed += bool(result.errors)
        label = _label_of(snippet.label)
        event = top_event(result)
        event_type, mode = (event.type, event.mode) if event else (None, None)
        predicted += event is not None
        ok = label.agrees(event_type, mode)
        agreed += ok
        typed += event_type == label.type
        guess = snippet_label(result)
        pairs.append((snippet.label, guess))
        if guess != snippet.label and len(examples) < EXAMPLES:
            examples.append(f"{snippet.id}: gold {snippet.label}, predicted {guess or 'none'} "
                            f"({event_type or 'no event'}/{mode or '-'})")
    n = len(snippets)
    scores = label_scores(pairs)
    predicted_labels = {p for _, p in pairs if p is not None}
    scores.update({"label_agreement": agreed / n, "type_agreement": typed / n,
                   "labels_predicted": len(predicted_labels & set(crosswalk())) / len(crosswalk())})
    confusion = Counter((g, p or "none") for g, p in pairs if g != p)
    counts = {"snippets": n, "failed": failed, "predicted": predicted, "agreed": agreed,
              "type_agreed": typed, "labels_predicted": len(predicted_labels)}
    counts.update({f"confusion {g} -> {p}": c for (g, p), c in confusion.most_common()})
    return EvalReport(
        name=NAME, scores=scores, counts=counts, examples=examples,
        notes="prediction = the label of the most confident event that has one (contexts, then ACLED sub-event type, "
              f"through data/crosswalk_case2021.yaml); type model: {_model_note()}. "
              "label_agreement/type_agreement: the PLOVER type and mode as before",
    )
