"""The CASE 2021 scorer: labels read from an event as printed, and the F1 arithmetic."""

from __future__ import annotations

import pytest

from tidings.eval.case2021 import label_scores, predicted_label
from tidings.models import Acled, Event, Span


def _event(sub: str | None = None, contexts: tuple[str, ...] = ()) -> Event:
    return Event(id="e1", type="ASSAULT", trigger=Span(text="attack", start=0, end=6),
                 acled=Acled(event_type="Explosions/Remote violence", sub_event_type=sub) if sub else None,
                 contexts=list(contexts))


def test_predicted_label_reads_contexts_before_the_acled_sub_event():
    assert predicted_label(_event("Grenade")) == "GRENADE"
    assert predicted_label(_event("Grenade", ("military", "attribution"))) == "ATTRIB"
    assert predicted_label(_event(None, ("natural_disaster",))) == "NATURAL_DISASTER"
    assert predicted_label(_event(None, ("military",))) is None
    assert predicted_label(None) is None


def test_label_scores_weight_by_gold_support_and_charge_missing_predictions():
    pairs = [("A", "A"), ("A", "A"), ("A", None), ("B", "A"), ("B", "B")]
    scores = label_scores(pairs)
    # A: precision 2/3, recall 2/3 -> 0.667; B: precision 1, recall 1/2 -> 0.667
    assert scores["f1_A"] == pytest.approx(2 / 3)
    assert scores["f1_B"] == pytest.approx(2 / 3)
    assert scores["accuracy"] == pytest.approx(3 / 5)
    assert scores["weighted_f1"] == pytest.approx(2 / 3)
    assert scores["macro_f1"] == pytest.approx(2 / 3)
    assert label_scores([("A", "B"), ("B", None)])["weighted_f1"] == 0.0
