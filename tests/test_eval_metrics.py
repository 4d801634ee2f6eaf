"""The shared precision / recall / F1 of the gold-set scorers (tidings.eval.metrics)."""

from __future__ import annotations

import pytest

from tidings.eval.metrics import f1, prf, ratio


def test_ratio_is_zero_over_an_empty_whole():
    assert ratio(3, 4) == 0.75
    assert ratio(0, 0) == 0.0


def test_f1_is_the_harmonic_mean_and_zero_when_both_are_zero():
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert f1(0.0, 0.0) == 0.0
    assert f1(1.0, 0.0) == 0.0


def test_prf_counts_right_predictions_and_found_gold_apart():
    # 2 of 4 predictions right; 3 of 6 gold items found (one prediction matched two gold items)
    precision, recall, score = prf(2, 4, 3, 6)
    assert (precision, recall) == (0.5, 0.5)
    assert score == pytest.approx(0.5)
    assert prf(0, 0, 0, 5) == (0.0, 0.0, 0.0)
