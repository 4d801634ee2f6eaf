"""Train the record filter shipped as src/tidings/data/models/records.npz (tidings.resolve.records).

    pip install -e '.[train]'           # scikit-learn, for training only
    python train/train_records.py       # a few minutes on 2 CPU cores; seeded, so reproducible
    python train/train_records.py --cv  # also the articles' cross-validated precision and recall

Training data: train/records/*.yaml, news articles written for tidings (invented stories, no real
article copied) with every event a coder would record marked by an exact phrase (``at``, and
``also`` for its later mentions). Each article goes through the whole pipeline with the filter off
(every record printed); a printed record is a positive when one of its mentions (trigger or
evidence) overlaps a marked phrase, a negative otherwise. Beside them, the leads (first two
sentences) of stories of ../shared/train/plover-synthetic, PER_LABEL per PLOVER type: a record of the
story's own type there is a positive (the story is about it), weighted SYNTHETIC_WEIGHT; its other
records are left out (nobody marked them). And the snippets written for the sub-event type model
(train/snippets*.yaml, one fill of each template): each tells one event of its category, so a record
of one of the category's PLOVER types (data/subevents.yaml ``types``) is a positive, weighted
SYNTHETIC_WEIGHT too. No evaluation set is read.

The model: logistic regression (L2) over the record's hashed binary features
(``records.features``), L2-normalised, beside the trigger's static word vector. The threshold is
chosen on cross-validated probabilities (whole articles held out): the highest that keeps
RECALL_KEPT of the positives, so that the filter takes spurious records out and few real ones.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "train"))

from tidings.config import Settings, using  # noqa: E402
from tidings.ingest import article_from_record  # noqa: E402
from tidings.kb.wordvectors import load_vectors  # noqa: E402
from tidings.pipeline import Pipeline, extract_all  # noqa: E402
from tidings.resolve.records import MODEL_FILE, Layout, features, hashed, trigger_vector  # noqa: E402
from train_types import lead, written  # noqa: E402  (leads and snippet fills as the type model reads them)

NAME = "tidings-records"
VERSION = "1"
SEED = 7
BUCKETS = 2 ** 14
C = 1.0  # inverse L2 strength
DENSE_SCALE = 0.5  # the trigger vector's length among the features (both unit length)
# The share of real records (cross-validated) the threshold keeps: 0.95 until the fifteenth round;
# 0.93 since, trading 2% of the real records for 0.02 of precision (trust first: what is printed
# must be right more than everything must be printed).
RECALL_KEPT = 0.93
FOLDS = 5
PER_LABEL = 40  # synthetic story leads per PLOVER type
SYNTHETIC_WEIGHT = 0.5
SYNTHETIC = ROOT.parent / "shared" / "train" / "plover-synthetic" / "synthetic_events.csv"


def load_articles() -> list[dict]:
    articles = []
    for path in sorted((ROOT / "train" / "records").glob("*.yaml")):
        articles += yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]
    return articles


def synthetic_leads() -> list[dict]:
    """PER_LABEL story leads per PLOVER type, drawn with a seeded generator, as articles whose
    ``label`` is the story's type (the file's "{country_1}" placeholders left as written)."""
    by_label: dict[str, list[str]] = {}
    with SYNTHETIC.open(encoding="utf-8", newline="") as handle:
        for item in csv.DictReader(handle):
            by_label.setdefault(item["label"], []).append(lead(item["text"]))
    rng = random.Random(SEED)
    leads = []
    for label in sorted(by_label):
        for n, text in enumerate(rng.sample(by_label[label], min(PER_LABEL, len(by_label[label])))):
            leads.append({"id": f"synthetic-{label}-{n}", "text": text, "label": label})
    return leads


def written_snippets() -> list[dict]:
    """One fill of every written type-model template, as an article whose ``types`` are its
    category's PLOVER types (contexts, which name none, are left out)."""
    categories = yaml.safe_load((ROOT / "src" / "tidings" / "data" / "subevents.yaml").read_text())["categories"]
    rows, _ = written(sorted((ROOT / "train").glob("snippets*.yaml")), random.Random(SEED))
    seen: set[str] = set()
    snippets = []
    for text, category, template in rows:
        types = categories.get(category, {}).get("types")
        if template in seen or not types:
            continue
        seen.add(template)
        snippets.append({"id": f"snippet-{template}", "text": text, "types": types})
    return snippets


def marked_spans(article: dict, text: str) -> list[tuple[int, int]]:
    """Character ranges of the phrases that mark an event in ``text``."""
    spans = []
    for event in article["events"]:
        for phrase in [event["at"], *event.get("also", [])]:
            start = text.find(phrase)
            if start < 0:
                raise ValueError(f"{article['id']}: phrase not in the text: {phrase!r}")
            spans.append((start, start + len(phrase)))
    return spans


def extracted(pipeline: Pipeline, raw: dict):
    """A written article (or lead) as ingest reads it, its parsed Doc, and what ``tidings extract``
    prints for it under the current settings."""
    published = raw.get("published")
    record = {"id": raw["id"], "text": raw["text"], "title": raw.get("title"),
              "published": str(published) if isinstance(published, date) else published}
    article = article_from_record(record, f"train:{raw['id']}")
    doc = pipeline._parse([article])[0]
    return article, doc, extract_all(doc, article)


def records(articles: list[dict], show: bool = False):
    """Each printed record's features, trigger vector, label and weight, and its article's index;
    with ``show``, one line per record on stdout (label, article, type, status, trigger)."""
    pipeline = Pipeline()
    feats, dense, labels, weights, groups = [], [], [], [], []
    with using(Settings.from_env(record_threshold=0.0)):
        for n, raw in enumerate(articles):
            article, doc, result = extracted(pipeline, raw)
            marks = marked_spans(raw, article.text) if "events" in raw else []
            layout = Layout.of(doc)
            for event in result.events:
                if "label" in raw or "types" in raw:  # a lead or snippet: its own type's records only
                    if event.type not in raw.get("types", [raw.get("label")]):
                        continue
                    real = True
                else:
                    mentions = [event.trigger, *event.evidence]
                    real = any(m.start < end and start < m.end for m in mentions for start, end in marks)
                feats.append(features(event, doc, len(result.events), layout))
                dense.append(trigger_vector(event, doc))
                labels.append(int(real))
                weights.append(1.0 if "events" in raw else SYNTHETIC_WEIGHT)
                groups.append(n)
                if show:
                    print(f"{int(real)} {raw['id']} {event.type} {event.status} {event.trigger.text!r}")
    return feats, np.array(dense), np.array(labels), np.array(weights), groups


def matrix(feats: list[list[str]], dense: np.ndarray):
    from scipy.sparse import csr_matrix, hstack

    rows, cols, vals = [], [], []
    for i, f in enumerate(feats):
        ids, values = hashed(f, BUCKETS)
        rows += [i] * len(ids)
        cols += ids
        vals += list(values)
    sparse = csr_matrix((vals, (rows, cols)), shape=(len(feats), BUCKETS))
    return hstack([sparse, csr_matrix(DENSE_SCALE * dense)]).tocsr()


def fit(x, y, w):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, random_state=SEED).fit(x, y, sample_weight=w)


def cross_validated(x, y, w, groups: list[int]) -> np.ndarray:
    """Each record's probability from a model that never saw its article."""
    rng = np.random.default_rng(SEED)
    articles = sorted(set(groups))
    fold_of = dict(zip(articles, rng.permutation(len(articles)) % FOLDS))
    fold = np.array([fold_of[g] for g in groups])
    probs = np.zeros(len(y))
    for k in range(FOLDS):
        test = fold == k
        probs[test] = fit(x[~test], y[~test], w[~test]).predict_proba(x[test])[:, 1]
    return probs


def report(y: np.ndarray, probs: np.ndarray, threshold: float) -> str:
    kept = probs >= threshold
    real = int(y.sum())
    return (f"threshold {threshold:.3f}: kept {int(kept.sum())}/{len(y)} records, real kept {int(y[kept].sum())}/{real} "
            f"({y[kept].sum() / max(real, 1):.3f}), precision {y.mean():.3f} -> {y[kept].mean() if kept.any() else 0:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--show", action="store_true", help="print every record with its label")
    args = parser.parse_args()
    started = time.time()
    articles = load_articles()
    leads = synthetic_leads() + written_snippets()
    feats, dense, y, w, groups = records(articles + leads, args.show)
    print(f"{len(articles)} articles and {len(leads)} synthetic leads and written snippets, {len(y)} records, {int(y.sum())} real "
          f"({time.time() - started:.0f} s)")
    x = matrix(feats, dense)
    probs = cross_validated(x, y, w, groups)
    # the threshold and the report: on the written articles' records (the leads hold positives only)
    mine = w == 1.0
    order = np.sort(probs[mine & (y == 1)])
    threshold = float(order[int((1 - RECALL_KEPT) * len(order))]) if len(order) else 0.0
    print("cross-validated, written articles:", report(y[mine], probs[mine], threshold))
    for t in (0.2, 0.3, 0.4, 0.5):
        print("                                  ", report(y[mine], probs[mine], t))
    print("synthetic leads' records kept at the threshold:", f"{(probs[~mine] >= threshold).mean():.3f}")
    model = fit(x, y, w)
    coef = model.coef_[0]
    table = load_vectors()
    assert table is not None, "the word vectors (data/models/words.npz) are needed"
    meta = {"name": NAME, "version": VERSION, "threshold": round(threshold, 4), "bias": float(model.intercept_[0]),
            "vectors_sha256": table.sha256, "records": len(y), "real": int(y.sum()), "articles": len(articles),
            "synthetic_leads": len(leads)}
    np.savez_compressed(args.out, meta=np.array(json.dumps(meta)), weights=coef[:BUCKETS].astype(np.float16),
                        dense=(DENSE_SCALE * coef[BUCKETS:]).astype(np.float32))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
