"""Static word vectors: what a text is about, as one vector, with numpy alone.

``data/models/words.npz`` holds a table of 128-dimensional vectors for the 29,525 word pieces of
the all-MiniLM-L6-v2 sentence encoder, distilled from it by ``model2vec`` (``train/distill_vectors.py``,
run once at training time; torch is needed there, never here). A text's vector is the mean of its
pieces' vectors, L2-normalised, as ``model2vec`` computes it: lower-cased, accents stripped, split
into words and punctuation, each word cut into the longest pieces the vocabulary holds (BERT's
WordPiece). Words that mean alike ("torched", "set ablaze") get near vectors, so that the sub-event
model (``extract/types.py``) reads wordings its training snippets never used.

The table loads on first use; ``vectors_card()`` names it by checksum, and the type model records
the checksum of the table it was trained with (a mismatch is an error, not a silent drift).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config import DATA_DIR

VECTORS_FILE = DATA_DIR / "models" / "words.npz"
_PIECE = re.compile(r"\w+|[^\w\s]")
_MAX_WORD = 100  # longer "words" (URLs glued together) have no pieces, as in BERT


@dataclass(frozen=True, eq=False)  # hashed by identity: one table per process
class WordVectors:
    vocab: dict[str, int]
    vectors: np.ndarray  # pieces x dims, float16
    sha256: str

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def pieces(self, word: str) -> tuple[int, ...]:
        return _pieces(self, word)

    def piece_ids(self, text: str) -> list[int]:
        return [i for word in _PIECE.findall(_normalise(text)) for i in self.pieces(word)]

    def embed(self, text: str) -> np.ndarray:
        """The text's vector: the mean of its pieces' vectors, L2-normalised (zeros if none)."""
        ids = self.piece_ids(text)
        if not ids:
            return np.zeros(self.dims)
        mean = self.vectors[ids].astype(np.float64).mean(axis=0)
        norm = float(np.sqrt((mean ** 2).sum()))
        return mean / norm if norm else mean


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=65536)
def _pieces(table: WordVectors, word: str) -> tuple[int, ...]:
    """WordPiece: the longest prefix in the vocabulary, then the longest '##' continuation, and so
    on; a word with a part no piece covers has none (BERT's [UNK], which model2vec drops)."""
    if len(word) > _MAX_WORD:
        return ()
    out, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in table.vocab:
                out.append(table.vocab[piece])
                start = end
                break
        else:
            return ()
    return tuple(out)


@lru_cache(maxsize=1)
def load_vectors(path: Path = VECTORS_FILE) -> WordVectors | None:
    """The shipped table, or None when the file is absent."""
    if not path.exists():
        return None
    data, sha256 = read_npz(path)
    vocab = {piece: i for i, piece in enumerate(str(data["vocab"]).split("\n"))}
    vectors = data["vectors"]
    if len(vocab) != vectors.shape[0]:
        raise ValueError(f"{path}: {len(vocab)} pieces but {vectors.shape[0]} vectors")
    return WordVectors(vocab, vectors, sha256)


def read_npz(path: Path) -> tuple[dict[str, np.ndarray], str]:
    """The arrays of a shipped ``.npz`` file (the vectors, a model) and the file's sha256, which
    model cards print and models check their vectors by."""
    raw = path.read_bytes()
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    return arrays, hashlib.sha256(raw).hexdigest()


def vectors_card() -> str:
    table = load_vectors()
    return "none" if table is None else f"words {table.dims}d sha256:{table.sha256[:12]}"


def require_vectors(wanted: str, model: Path, script: str) -> None:
    """Raise when the table is not the one a model was trained with (``wanted``: its sha256): a
    model read against other vectors would drift silently."""
    table = load_vectors()
    if table is None or table.sha256 != wanted:
        raise ValueError(f"{model} was trained with the word vectors sha256:{wanted[:12]}, but {VECTORS_FILE} is "
                         f"{'absent' if table is None else 'sha256:' + table.sha256[:12]}: retrain it ({script})")
