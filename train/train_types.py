"""Train the sub-event type model shipped as src/tidings/data/models/types.npz.

    pip install -e '.[train]'          # scikit-learn and scipy, for training only
    python train/train_types.py        # about a minute on 2 CPU cores; seeded, so reproducible

Training data (see docs/types.md):

- train/snippets*.yaml: short snippets written for tidings from the ACLED codebook's definitions,
  one category each, their {slots} filled by a seeded random generator (FILLS per template);
- ../shared/train/plover-synthetic: synthetic stories with PLOVER type and mode; the first two
  sentences of each story, labelled through PLOVER_TO_CATEGORY (a mode that names one ACLED
  sub-event), or NONE (not an ACLED incident: accusations, aid, requests...);
- ../shared/eval/muc4/templates/train.json (the MUC-4 DEV documents, never TST1-4): the sentences
  that hold a template's weapon or victim, labelled through MUC_TO_CATEGORY.

No evaluation split (CASE 2021 dev.tsv, MUC-4 TST, plover-gsr) is read. A held-out share of the
written templates (whole templates, not fills) is scored and printed, as a sanity check only.

The model: multinomial logistic regression over hashed binary features (``types.features``),
L2-normalised, beside the text's static word vector (``tidings.kb.wordvectors``, distilled by
train/distill_vectors.py; scaled by DENSE_SCALE); the weights are stored as float16 (the vector's
as float32) with the label list, a version and the vector table's checksum in a .npz file that
``tidings.extract.types`` reads with numpy alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.extract.types import MODEL_FILE, NONE, features  # noqa: E402
from tidings.kb.wordvectors import load_vectors  # noqa: E402

NAME = "tidings-types"
VERSION = "4"
SEED = 16
BUCKETS = 2 ** 16
FILLS = 6  # snippets drawn from each written template
SYNTHETIC_WEIGHT = 0.5  # a synthetic story's lead counts half a written snippet
MUC_WEIGHT = 0.5
C = 4.0  # inverse L2 strength
# The text's word vector (tidings.kb.wordvectors, unit length) is scaled by this among the hashed
# features (unit length too): chosen on the held-out written templates (0.5: 0.891, 0.7: 0.885).
DENSE_SCALE = 0.5
SHARED = ROOT.parent / "shared"

# plover-synthetic (type, mode) -> category; a mode that names no single ACLED sub-event is left
# out (FIREARMS: a clash or an attack on civilians; CROWD-CONTROL: intervention or excessive force;
# UNCONVENTIONAL: its stories are fires and accidents as often as chemical weapons).
PLOVER_TO_CATEGORY = {
    ("ASSAULT", "AERIAL"): "AIR_STRIKE", ("ASSAULT", "DRONE"): "AIR_STRIKE",
    ("ASSAULT", "EXPLOSIVES"): "REM_EXPLOS", ("ASSAULT", "SUICIDE-ATTACK"): "SUIC_BOMB",
    ("ASSAULT", "HEAVY-WEAPONS"): "ART_MISS_ATTACK", ("ASSAULT", "SEXUAL"): "SEX_VIOL",
    ("ASSAULT", "ABDUCT"): "ABDUCT_DISSAP", ("ASSAULT", "MASSACRE"): "ATTACK",
    ("ASSAULT", "EXECUTE"): "ATTACK", ("ASSAULT", "ASSASSINATE"): "ATTACK",
    ("ASSAULT", "PRIMATIVE"): "ATTACK", ("ASSAULT", "TORTURE"): "ATTACK",
    ("ASSAULT", "DESTROY"): "PROPERTY_DISTRUCT",
    ("PROTEST", "DEMO"): "PEACE_PROTEST", ("PROTEST", "STRIKE"): "PEACE_PROTEST",
    ("PROTEST", "BOYCOTT"): "PEACE_PROTEST", ("PROTEST", "HUNGER"): "PEACE_PROTEST",
    ("PROTEST", "RIOT"): "VIOL_DEMONSTR",
    ("COERCE", "ARREST"): "ARREST", ("AGREE", ""): "AGREEMENT", ("RETREAT", "CEASEFIRE"): "AGREEMENT",
    ("RETREAT", "WITHDRAW"): "NON_VIOL_TERRIT_TRANSFER",
    ("CONSULT", ""): "DIPLO", ("CONSULT", "MULTILATERAL"): "DIPLO", ("CONSULT", "PHONE"): "DIPLO",
    ("CONSULT", "THIRD-PARTY"): "DIPLO", ("CONSULT", "VISIT"): "DIPLO",
}
# Types whose stories are no ACLED incident at all: the model's NONE.
PLOVER_NONE = {"ACCUSE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "REJECT", "THREATEN",
               "SANCTION"}
NONE_PER_TYPE = 40  # NONE examples drawn per PLOVER type (they would swamp the rest)
MUC_TO_CATEGORY = {"kidnapping": "ABDUCT_DISSAP", "arson": "PROPERTY_DISTRUCT"}

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def lead(text: str, n: int = 2) -> str:
    return " ".join(_SENT.split(text.strip())[:n])


def written(paths: list[Path], rng: random.Random) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(text, category, template id) for every fill of every written template."""
    raws = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths]
    fillers = {k: v for raw in raws for k, v in (raw.get("fillers") or {}).items()}
    rows = []
    cats: list[str] = []
    for path, raw in zip(paths, raws):
        for category, templates in raw["snippets"].items():
            cats.append(category)
            for n, template in enumerate(templates):
                for _ in range(FILLS):
                    text = re.sub(r"\{(\w+)\}", lambda m: rng.choice(fillers[m.group(1)]), template)
                    rows.append((text[0].upper() + text[1:], category, f"{path.stem}:{category}:{n}"))
    return rows, sorted(set(cats))


def synthetic(path: Path, rng: random.Random) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    none: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for item in csv.DictReader(handle):
            key = (item["label"], item["mode"].upper())
            text = lead(item["text"])
            if key in PLOVER_TO_CATEGORY:
                rows.append((text, PLOVER_TO_CATEGORY[key]))
            elif item["label"] in PLOVER_NONE:
                none.setdefault(item["label"], []).append(text)
    for texts in none.values():
        rows += [(t, NONE) for t in rng.sample(texts, min(NONE_PER_TYPE, len(texts)))]
    return rows


def muc(path: Path) -> list[tuple[str, str]]:
    """Sentences of MUC-4 DEV documents that name a kidnapping's or arson's victim or target."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        sents = re.split(r"(?<=\.)\s+", doc["doctext"])
        for template in doc["templates"]:
            category = MUC_TO_CATEGORY.get(template["incident_type"])
            if category is None:
                continue
            mentions = {m[0] for role in ("Victim", "Target") for ent in template[role] for m in ent}
            for sent in sents:
                if any(m in sent for m in mentions):
                    rows.append((sent, category))
                    break
    return rows


def matrix(texts: list[str]):
    """Hashed features, then the word vector times DENSE_SCALE (where the table is shipped)."""
    from scipy.sparse import csr_matrix, hstack

    indptr, indices, data = [0], [], []
    for text in texts:
        ids, values = features(text, BUCKETS)
        indices += ids
        data += list(values)
        indptr.append(len(indices))
    sparse = csr_matrix((data, indices, indptr), shape=(len(texts), BUCKETS), dtype=np.float64)
    table = load_vectors()
    if table is None:
        return sparse
    dense = np.vstack([table.embed(text) for text in texts]) * DENSE_SCALE
    return hstack([sparse, csr_matrix(dense)]).tocsr()


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--no-muc", action="store_true", help="leave MUC-4 DEV out")
    args = parser.parse_args()
    started = time.process_time()
    rng = random.Random(SEED)
    rows, categories = written(sorted((ROOT / "train").glob("snippets*.yaml")), rng)
    templates = sorted({t for _, _, t in rows})
    held = set(random.Random(SEED).sample(templates, len(templates) // 7))
    train = [(x, y, 1.0) for x, y, t in rows if t not in held]
    test = [(x, y) for x, y, t in rows if t in held]
    synth = synthetic(SHARED / "train" / "plover-synthetic" / "synthetic_events.csv", rng)
    train += [(x, y, SYNTHETIC_WEIGHT) for x, y in synth]
    muc_rows = [] if args.no_muc else muc(SHARED / "eval" / "muc4" / "templates" / "train.json")
    train += [(x, y, MUC_WEIGHT) for x, y in muc_rows]
    labels = sorted({y for _, y, _ in train} | set(categories))
    print(f"written snippets {len(rows)} ({len(templates)} templates, {len(held)} held out), "
          f"synthetic {len(synth)}, muc {len(muc_rows)}; {len(labels)} labels", file=sys.stderr)

    def fit(examples):
        model = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
        model.fit(matrix([x for x, _, _ in examples]), [y for _, y, _ in examples],
                  sample_weight=[w for _, _, w in examples])
        return model

    check = fit(train)
    predicted = check.predict(matrix([x for x, _ in test]))
    accuracy = float(np.mean(predicted == np.array([y for _, y in test])))
    print(f"held-out written templates: accuracy {accuracy:.3f} on {len(test)} snippets", file=sys.stderr)
    final = fit(train + [(x, y, 1.0) for x, y in test])
    order = [list(final.classes_).index(label) for label in labels]
    coef = final.coef_[order].T
    weights = coef[:BUCKETS].astype(np.float16)  # buckets x labels
    dense = coef[BUCKETS:].astype(np.float32)  # vector dims x labels (none without the table)
    bias = final.intercept_[order].astype(np.float32)
    table = load_vectors()
    meta = {"name": NAME, "version": VERSION, "labels": labels, "buckets": BUCKETS, "seed": SEED,
            "dense_scale": DENSE_SCALE, "vectors_sha256": table.sha256 if table else None,
            "trained_on": {"written": len(rows), "synthetic": len(synth), "muc4_dev": len(muc_rows)},
            "held_out_accuracy": round(accuracy, 3)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    arrays = {"dense": dense} if table is not None else {}
    np.savez_compressed(args.out, weights=weights, bias=bias, meta=np.array(json.dumps(meta)), **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in "
          f"{time.process_time() - started:.0f} s of CPU", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
