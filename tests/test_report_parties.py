"""The party report's judge (train/report_parties.py): a side is right only when every marked party
is named and nothing else is."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "train"))

from report_parties import half, side  # noqa: E402

from tidings.models import Actor  # noqa: E402

TEXT = "Gunmen on motorbikes shot dead two security guards outside the bank, police said."


def actor(text: str) -> Actor:
    start = TEXT.index(text)
    return Actor(text=text, start=start, end=start + len(text), name=text)


def test_a_side_is_right_only_when_it_names_every_marked_party_and_no_other():
    assert side([actor("Gunmen")], ["Gunmen on motorbikes"], [], TEXT) == "ok"
    assert side([], ["Gunmen on motorbikes"], [], TEXT) == "missing"
    assert side([actor("Gunmen")], [], [], TEXT) == "extra"
    assert side([actor("police")], ["Gunmen on motorbikes"], [], TEXT) == "wrong"
    assert side([actor("security guards")], ["two security guards", "police"], [], TEXT) == "partial"
    assert side([], [], [], TEXT) == "ok"


def test_the_halves_are_fixed_by_id():
    assert {half(f"art-{n}") for n in range(40)} == {"dev", "held"}
    assert half("conf-01") == half("conf-01")
