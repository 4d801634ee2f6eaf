"""The static word vectors (tidings.kb.wordvectors) and the type model's use of them. Sentences are
written for these tests."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tidings.extract import types
from tidings.kb.wordvectors import VECTORS_FILE, WordVectors, load_vectors


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_the_shipped_table_is_small_and_whole():
    table = load_vectors()
    assert table is not None
    assert VECTORS_FILE.stat().st_size < 10_000_000
    assert table.vectors.shape == (len(table.vocab), table.dims) and table.dims == 128
    assert {"[UNK]", "attack", "##ing"} <= set(table.vocab)


def test_words_are_cut_into_the_longest_pieces_the_vocabulary_holds():
    table = WordVectors({"un": 0, "##rest": 1, "##re": 2, "##s": 3, "riot": 4}, np.eye(5, dtype=np.float16), "x")
    assert table.pieces("unrest") == (0, 1)  # "##rest" before "##re" + ...
    assert table.pieces("riots") == (4, 3)
    assert table.pieces("xyz") == ()  # a part no piece covers: no pieces at all, as BERT's [UNK]
    # lower-cased, accents stripped, punctuation split off
    assert table.piece_ids("Riots!") == table.piece_ids("riots")
    assert list(table.embed("")) == [0.0] * 5


def test_texts_that_mean_alike_get_near_vectors():
    table = load_vectors()
    assert table is not None
    torched = table.embed("Protesters set fire to a police station.")
    burned = table.embed("Demonstrators torched a police post.")
    flood = table.embed("Heavy rain flooded the valley and washed away bridges.")
    assert abs(float(np.linalg.norm(torched)) - 1) < 1e-6
    assert _cos(torched, burned) > _cos(torched, flood) + 0.2


def test_the_model_refuses_a_vector_table_it_was_not_trained_with(tmp_path):
    model_file = tmp_path / "types.npz"
    with np.load(types.MODEL_FILE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    meta = json.loads(str(arrays["meta"]))
    assert meta["vectors_sha256"] == load_vectors().sha256  # the shipped pair belongs together
    meta["vectors_sha256"] = "0" * 64
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez_compressed(model_file, **arrays)
    with pytest.raises(ValueError, match="retrain it"):
        types.load_model(model_file)


def test_the_word_vector_moves_the_model(monkeypatch):
    model = types.load_model()
    assert model is not None and model.dense is not None
    text = "Villagers said the settlement was set ablaze overnight and its granaries burned."
    with_vectors = model.scores(text)
    without = types.TypeModel(model.name, model.version, model.sha256, model.labels, model.weights, model.bias)
    assert float(np.abs(with_vectors - without.scores(text)).max()) > 0.01
    assert "with words 128d sha256:" in types.model_card()
