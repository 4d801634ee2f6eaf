"""PolNeAR (dev compartment): attribution of direct and reported speech, scored on tidings'
statements.

PolNeAR is BRAT standoff: ``T`` lines are spans typed Source, Cue or Content (a span may be
discontinuous: ``start end;start end``), and each ``E`` line ties one attribution together
(``Attribution:T4 Content:T3 Cue:T2 Source:T1``; a sourceless one is ``Attribution-no-source``).
Articles annotated by several annotators (for agreement checks) are scored once, on the first
annotator's file in name order.

Scores: span F1 for source, cue and content, each with overlap matching (any shared character,
one-to-one) and exact matching (same boundaries, ignoring edge spaces and punctuation), and the
attribution F1 (a statement counts when its cue and its content both overlap one gold
attribution's), also split into direct and indirect speech, and the precision and recall of the
statements of kind "speech" alone (PolNeAR also annotates beliefs and intentions, which tidings
prints with kind "belief" / "intention"). PolNeAR does not mark directness:
gold content that opens and closes with quote marks counts as direct.

Known mismatch with PolNeAR, by design: our speaker span is the actor mention ("Bassam al-Awadi")
while a PolNeAR source holds the whole phrase ("Bassam al-Awadi, the Iraqi government spokesman"),
so exact source matching understates; PolNeAR also annotates beliefs, intentions and decrees
("plans to", "wants") that a statement extractor leaves out on purpose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..models import Article, EvalReport, Statement, article_id_for
from .metrics import prf

NAME = "polnear"
DEFAULT_LIMIT: int | None = None  # the 84 dev articles take about 20 s here

_QUOTES = "\"“”«»"
_EDGE = " \t\n.,;:—–-"
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@dataclass(frozen=True)
class GoldAttribution:
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    direct: bool


def read_annotations(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            ident, typed, _ = line.split("\t", 2)
            kind, _, offsets = typed.partition(" ")
            fragments = tuple(tuple(int(x) for x in part.split()) for part in offsets.split(";"))
            spans[ident] = (kind, fragments)  # type: ignore[assignment]
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            relations.append(dict(arg.split(":", 1) for arg in args.split()))
    gold = []
    for relation in relations:
        parts = {role: spans[ref][1] for role, ref in relation.items()
                 if role in {"Source", "Cue", "Content"} and ref in spans}
        if "Cue" not in parts or "Content" not in parts:
            continue
        content = parts["Content"]
        first, last = text[content[0][0]:content[0][1]].strip(), text[content[-1][0]:content[-1][1]].strip()
        direct = bool(first[:1] in _QUOTES and last[-1:] in _QUOTES)
        gold.append(GoldAttribution(parts.get("Source", ()), parts["Cue"], content, direct))
    return gold


def _overlaps(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _exact(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...], text: str) -> bool:
    def norm(spans: tuple[tuple[int, int], ...]) -> tuple[int, int]:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        return start, end

    return bool(a) and bool(b) and norm(a) == norm(b)


def _match(pred: list, gold: list, same) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in text order."""
    used: set[int] = set()
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used and same(p, g):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    return prf(tp, n_pred, tp, n_gold)


def _as_spans(statement: Statement) -> dict[str, tuple[tuple[int, int], ...]]:
    return {
        "source": ((statement.speaker.start, statement.speaker.end),),
        "cue": ((statement.cue.start, statement.cue.end),),
        "content": ((statement.content.start, statement.content.end),),
    }


def articles(root: Path, limit: int | None) -> list[tuple[str, Path, Path]]:
    """(name, text file, annotation file) for the dev articles, one annotator each."""
    data = root / "data" / "dev"
    chosen: dict[str, Path] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, ann)
    found = [(stem, data / "text" / f"{stem}.txt", ann) for stem, ann in sorted(chosen.items())]
    found = [item for item in found if item[1].exists()]
    return found[:limit] if limit is not None else found


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    items = articles(root, limit)
    texts, golds = [], []
    batch = []
    for stem, text_path, ann_path in items:
        text = text_path.read_text(encoding="utf-8")
        texts.append(text)
        golds.append(read_annotations(ann_path, text))
        match = _DATE.search(f"_{stem}")
        published = date.fromisoformat(match.group(1)) if match else None
        batch.append(Article(id=article_id_for(text), text=text, published=published))

    counts = {f"{part}_{how}_tp": 0 for part in ("source", "cue", "content") for how in ("overlap", "exact")}
    counts.update({"pred": 0, "gold": 0, "gold_with_source": 0, "attribution_tp": 0, "errors": 0,
                   "speech_pred": 0, "speech_tp": 0})
    for kind in ("direct", "indirect"):
        counts.update({f"{kind}_pred": 0, f"{kind}_gold": 0, f"{kind}_tp": 0})
    examples: list[str] = []

    for (stem, _, _), text, gold, result in zip(items, texts, golds, pipeline.process_many(batch)):
        if result.errors:  # a failed article still owes its gold: it counts as all misses
            counts["errors"] += 1
            counts["gold"] += len(gold)
            counts["gold_with_source"] += sum(1 for g in gold if g.source)
            for kind, is_direct in (("direct", True), ("indirect", False)):
                counts[f"{kind}_gold"] += sum(1 for g in gold if g.direct == is_direct)
            examples.append(f"{stem}: {result.errors[0].code} {result.errors[0].message}")
            continue
        predicted = [_as_spans(s) for s in result.statements]
        counts["pred"] += len(predicted)
        counts["gold"] += len(gold)
        counts["gold_with_source"] += sum(1 for g in gold if g.source)
        for part in ("source", "cue", "content"):
            gold_spans = [getattr(g, part) for g in gold if getattr(g, part)]
            pred_spans = [p[part] for p in predicted]
            counts[f"{part}_overlap_tp"] += len(_match(pred_spans, gold_spans, _overlaps))
            counts[f"{part}_exact_tp"] += len(_match(pred_spans, gold_spans, lambda a, b: _exact(a, b, text)))
        whole = _match(predicted, gold, lambda p, g: _overlaps(p["cue"], g.cue) and _overlaps(p["content"], g.content))
        counts["attribution_tp"] += len(whole)
        speech = {i for i, s in enumerate(result.statements) if s.kind == "speech"}
        counts["speech_pred"] += len(speech)
        counts["speech_tp"] += sum(1 for i, _ in whole if i in speech)
        for kind, is_direct in (("direct", True), ("indirect", False)):
            pred_k = [i for i, s in enumerate(result.statements) if s.direct == is_direct]
            gold_k = [j for j, g in enumerate(gold) if g.direct == is_direct]
            counts[f"{kind}_pred"] += len(pred_k)
            counts[f"{kind}_gold"] += len(gold_k)
            counts[f"{kind}_tp"] += sum(1 for i, j in whole if i in pred_k and j in gold_k)
        matched_pred = {i for i, _ in whole}
        matched_gold = {j for _, j in whole}
        for i, s in enumerate(result.statements):
            if i not in matched_pred and len(examples) < 10 and len(examples) % 2 == 0:
                examples.append(f"{stem}: spurious: [{s.speaker.text}] [{s.cue.text}] {s.content.text[:90]!r}")
        for j, g in enumerate(gold):
            if j not in matched_gold and len(examples) < 10 and len(examples) % 2 == 1:
                cue = " ".join(text[s:e] for s, e in g.cue)
                content = " ".join(text[s:e] for s, e in g.content)
                examples.append(f"{stem}: missed: [{cue}] {content[:90]!r}")

    scores: dict[str, float] = {}
    n_pred, n_gold = counts["pred"], counts["gold"]
    for part in ("source", "cue", "content"):
        gold_n = counts["gold_with_source"] if part == "source" else n_gold
        for how in ("overlap", "exact"):
            p, r, f = _f1(counts[f"{part}_{how}_tp"], n_pred, gold_n)
            scores[f"{part}_{how}_f1"] = round(f, 4)
    p, r, f = _f1(counts["attribution_tp"], n_pred, n_gold)
    scores.update({"attribution_precision": round(p, 4), "attribution_recall": round(r, 4),
                   "attribution_f1": round(f, 4)})
    # the statements of kind "speech" alone (what was said, not beliefs or intentions): their
    # precision, and the share of all gold attributions they find
    p, r, _ = _f1(counts["speech_tp"], counts["speech_pred"], n_gold)
    scores.update({"speech_precision": round(p, 4), "speech_recall": round(r, 4)})
    for kind in ("direct", "indirect"):
        p, r, f = _f1(counts[f"{kind}_tp"], counts[f"{kind}_pred"], counts[f"{kind}_gold"])
        scores[f"{kind}_f1"] = round(f, 4)
        scores[f"{kind}_recall"] = round(r, 4)
    return EvalReport(
        name=NAME, scores=scores, counts={"articles": len(items), **counts}, examples=examples,
        notes="PolNeAR dev, first annotator per article; attribution = cue and content overlap a "
              "gold attribution's; speaker span is the actor mention, not PolNeAR's full source phrase",
    )
