"""Scoring toponyms against gold locations, shared by the GeoWebNews and GeoVirus readers:
recognition by overlapping spans, and resolution within 161 km (the usual geoparsing threshold).

Two resolution figures, both over gold toponyms that have coordinates:

- ``accuracy_161km``, the headline, end to end: over ALL of them, so a gold toponym tidings does not
  find counts as a miss, as a user who maps what ``tidings extract`` prints sees it (the way
  geoparsers are compared on TR-News, LGL and GeoWebNews, Mordecai 3 included);
- ``accuracy_161km_recognised``: over the ones tidings found only (the headline until 2026-12-04),
  kept beside it so that resolution can be read apart from recognition and old figures compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from ..models import Place
from ..kb.geocode import distance_km
from .metrics import prf

ACCURACY_KM = 161.0
_COARSE = frozenset({"country", "region", "admin1"})


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def spread(items: list[str], count: int) -> list[str]:
    """``count`` items taken evenly across ``items``: examples from the whole set, not its start."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _as_found(place: Place, gold_text: str) -> str:
    """" (found as 'Sydney Harbour')" when the predicted span differs from the gold one: an error
    example must say whether recognition or resolution went wrong."""
    return "" if place.text == gold_text else f" (found as {place.text!r})"


@dataclass
class ToponymTally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    resolved: int = 0
    missed_located: int = 0  # gold toponyms with coordinates that no prediction found
    within: int = 0
    unresolved: int = 0
    # Wrong by over 161 km at country, region or first-level precision: mostly a different
    # convention for a large area's point (GeoVirus gives Wikipedia's, GeoWebNews GeoNames'), not a
    # wrong place; counted apart so that the two kinds of error can be read off the report.
    coarse_far: int = 0
    errors_km: list[float] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_places: list[str] = field(default_factory=list)

    def false_place(self, where: str, place: Place, what: str = "gold location") -> None:
        self.fp += 1
        self.false_places.append(f"{where}: not a {what}: {place.text!r}")

    def match(self, where: str, place: Place, gold_text: str, lat: float | None, lon: float | None) -> None:
        """A predicted place overlapping a gold toponym: recognised; resolved right when within 161 km."""
        self.tp += 1
        if lat is None or lon is None:
            return
        self.resolved += 1
        if place.lat is None or place.lon is None:
            self.unresolved += 1
            self.wrong.append(f"{where}: {gold_text!r} left unresolved{_as_found(place, gold_text)} "
                              f"(gold {lat:.2f},{lon:.2f})")
            return
        km = distance_km(place.lat, place.lon, lat, lon)
        self.errors_km.append(km)
        if km <= ACCURACY_KM:
            self.within += 1
        else:
            self.coarse_far += place.precision in _COARSE
            self.wrong.append(f"{where}: {gold_text!r}{_as_found(place, gold_text)} -> {place.name} "
                              f"({place.country}, {place.precision}), {km:.0f} km off")

    def match_overlapping(self, where: str, place: Place, start: int, end: int, gold: Sequence,
                          found: list[bool]) -> bool:
        """Match ``place`` (at ``start``..``end`` in the gold's offsets) to each gold location it
        overlaps that no earlier place took (``found`` marks those taken); False when it overlaps
        none. Gold items carry ``start``, ``end``, ``text``, ``lat`` and ``lon``."""
        hits = [i for i, g in enumerate(gold) if overlaps(start, end, g.start, g.end)]
        for i in hits:
            if not found[i]:
                found[i] = True
                self.match(where, place, gold[i].text, gold[i].lat, gold[i].lon)
        return bool(hits)

    def miss(self, where: str, description: str, located: bool = True) -> None:
        """A gold toponym no prediction overlaps; ``located`` when the gold has coordinates (then
        it is a resolution miss too, end to end)."""
        self.fn += 1
        self.missed_located += located
        self.missed.append(f"{where}: missed {description}")

    def scores(self) -> dict[str, float]:
        precision, recall, f1 = prf(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)
        located = self.resolved + self.missed_located
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "accuracy_161km": round(self.within / located, 4) if located else 0.0,
                "accuracy_161km_recognised": round(self.within / self.resolved, 4) if self.resolved else 0.0}

    def counts(self) -> dict[str, int]:
        return {"true_positives": self.tp, "false_positives": self.fp, "false_negatives": self.fn,
                "resolution_scored": self.resolved, "resolution_missed": self.missed_located,
                "resolution_within_161km": self.within,
                "resolution_unresolved": self.unresolved,
                "resolution_far_at_coarse_precision": self.coarse_far,
                "median_error_km": round(median(self.errors_km)) if self.errors_km else 0}

    def examples(self) -> list[str]:
        """A few of each kind of miss, spread over the documents."""
        return [*spread(self.wrong, 5), *spread(self.missed, 3), *spread(self.false_places, 3)]
