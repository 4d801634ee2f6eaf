"""The figures every gold set reports, computed one way: a ratio that is 0.0 over an empty
whole, F1 as the harmonic mean of precision and recall (0.0 when both are 0), and the three
from counts. Each scorer imports these instead of writing its own."""

from __future__ import annotations


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0.0 when ``whole`` is 0 (no prediction: no precision to speak of)."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(right_predicted: int, predicted: int, right_gold: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts: ``right_predicted`` of ``predicted`` predictions are
    right, ``right_gold`` of ``gold`` gold items are found (the two counts differ when one
    prediction may match several gold items or the other way round)."""
    precision, recall = ratio(right_predicted, predicted), ratio(right_gold, gold)
    return precision, recall, f1(precision, recall)
