"""Scoring toponyms against gold locations, shared by the GeoWebNews and GeoVirus readers:
recognition by overlapping spans, and resolution within 161 km (the usual geoparsing threshold)
on matched gold toponyms that have coordinates."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from ..models import Place
from ..resolve.geocode import distance_km

ACCURACY_KM = 161.0


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def spread(items: list[str], count: int) -> list[str]:
    """``count`` items taken evenly across ``items``: examples from the whole set, not its start."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


@dataclass
class ToponymTally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    resolved: int = 0
    within: int = 0
    unresolved: int = 0
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
            self.wrong.append(f"{where}: {gold_text!r} left unresolved (gold {lat:.2f},{lon:.2f})")
            return
        km = distance_km(place.lat, place.lon, lat, lon)
        self.errors_km.append(km)
        if km <= ACCURACY_KM:
            self.within += 1
        else:
            self.wrong.append(f"{where}: {gold_text!r} -> {place.name} ({place.country}), {km:.0f} km off")

    def miss(self, where: str, description: str) -> None:
        self.fn += 1
        self.missed.append(f"{where}: missed {description}")

    def scores(self) -> dict[str, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "accuracy_161km": round(self.within / self.resolved, 4) if self.resolved else 0.0}

    def counts(self) -> dict[str, int]:
        return {"true_positives": self.tp, "false_positives": self.fp, "false_negatives": self.fn,
                "resolution_scored": self.resolved, "resolution_within_161km": self.within,
                "resolution_unresolved": self.unresolved,
                "median_error_km": round(median(self.errors_km)) if self.errors_km else 0}

    def examples(self) -> list[str]:
        """A few of each kind of miss, spread over the documents."""
        return [*spread(self.wrong, 5), *spread(self.missed, 3), *spread(self.false_places, 3)]
