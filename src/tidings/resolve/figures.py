"""Casualty figures across the reports of one event: ``casualty_total`` (one number of a kind)
and ``reconcile`` (one figure per kind, saying how it was chosen, victim groups kept apart).

Work done after extraction, on figures from several articles: the store keeps the reconciled
figures of each stored event, the merge compares events by their totals, and the exports print
them. It touches no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


from ..datafiles import load_yaml
from ..models import Casualty, CasualtyKind, Reconciled


@lru_cache(maxsize=1)
def generic_victims() -> frozenset[str]:
    """Victim words that say nothing about whom a figure counts ("people"): ``data/merge.yaml``,
    ``reconcile.generic_victims``."""
    raw = load_yaml("merge.yaml")
    return frozenset(str(w).lower() for w in raw["reconcile"]["generic_victims"])


def casualty_total(figures: Iterable[list[Casualty]], kind: CasualtyKind) -> int | None:
    """One number of ``kind`` (killed, injured, ...) from the casualty lists of an event's sources
    (one list per source article, as in ``StoredEvent.figures``).

    Within one source: the sum of the lower bounds of its ``kind`` figures (different victim groups
    add up); when some of them are marked ``revised``, only those count, since they supersede the
    earlier figure in the same article. Across sources: the figures reconciled per victim group
    (``reconcile``, the stored event's ``reconciled``): sources counting the same victims
    keep the lowest, following ACLED's conservative convention; groups of different victims ("nine
    soldiers", "ten attackers") add up. The differing figures stay visible in ``figures`` in the
    JSON export. None when no source gives a lower bound (e.g. only "nearly 40", which has an
    upper bound only).
    """
    figures = list(figures)
    totals = []
    for casualties in figures:
        of_kind = [c for c in casualties if c.kind == kind and c.low is not None and not c.part_of_total]
        revised = [c for c in of_kind if c.revised]
        counted = revised or of_kind
        if counted:
            totals.append(sum(c.low for c in counted if c.low is not None))
    if len(totals) > 1:
        reconciled = reconcile(figures, [kind])
        if reconciled and reconciled[0].low is not None:
            return reconciled[0].low
    # One source, or groups whose sum has no lower bound: the lowest source total.
    return min(totals) if totals else None


RECONCILED_KINDS: tuple[str, ...] = CasualtyKind.__args__  # type: ignore[attr-defined]


def reconcile(figures: list[list[Casualty]], kinds: Iterable[str] = ()) -> list[Reconciled]:
    """One figure per casualty kind across the sources of a stored event (``figures``: each
    source's casualties, one article each), saying how it was chosen (``kinds``: only these).

    Figures conflict only when they count the same victims: within a source, victim groups add
    up and a revised figure replaces the one it revises (as in ``casualty_total``); across
    sources, groups of one victim kind (or an unknown one) whose descriptions are compatible (one
    of them says nothing, or they share a word: "soldiers" and "Iraqi soldiers") are the same
    victims, and only their figures can disagree. When they do the lowest is kept, ACLED's
    conservative convention, with the highest upper bound as ``high`` so the spread stays visible.
    Groups of different victims add up, and ``method`` names them; the per-source figures stay
    in ``figures``."""
    generic = generic_victims()
    reconciled = []
    for kind in kinds or RECONCILED_KINDS:
        groups = _victim_groups(figures, kind, generic)
        if not groups:
            continue
        n = sum(1 for casualties in figures if any(_counts(c, kind) for c in casualties))
        parts = [_reconcile_group(group) for group in groups]
        if len(parts) == 1:
            low, high, qualifier, conflicting, method = parts[0][:5]
            reconciled.append(Reconciled(kind=kind, low=low, high=high, qualifier=qualifier,
                                         n_reports=n, conflicting=conflicting, method=method))
            continue
        lows = [p[0] for p in parts]
        highs = [p[1] for p in parts]
        named = "; ".join(f"{p[5]}: {_range(p[0], p[1])} ({p[4]})" for p in parts)
        reconciled.append(Reconciled(
            kind=kind, low=None if None in lows else sum(lows),  # type: ignore[arg-type]
            high=None if None in highs else sum(highs),  # type: ignore[arg-type]
            qualifier="at_least" if any(p[3] for p in parts) or None in highs else "exact",
            n_reports=n, conflicting=any(p[3] for p in parts),
            method=f"sum of {len(parts)} victim groups: {named}"))
    return reconciled


def _counts(c: Casualty, kind: str) -> bool:
    return c.kind == kind and (c.low is not None or c.high is not None) and not c.part_of_total


def _victim_words(c: Casualty, generic: frozenset[str]) -> frozenset[str]:
    """The words that say whom a figure counts ("Iraqi soldiers" -> {"iraqi", "soldiers"}); the
    generic ones ("people") say nothing."""
    return frozenset(w for w in re.findall(r"[^\W\d_]{3,}", (c.victims or "").lower()) if w not in generic)


@dataclass
class _Group:
    """One set of victims across sources: each source's figure of it, and what it is known by."""

    victim_kind: str
    words: frozenset[str]
    label: str
    figures: list[tuple[int | None, int | None, str]]  # (low, high, qualifier) per source
    sources: set[int]


def _victim_groups(figures: list[list[Casualty]], kind: str, generic: frozenset[str]) -> list[_Group]:
    groups: list[_Group] = []
    for n, casualties in enumerate(figures):
        of_kind = [c for c in casualties if _counts(c, kind)]
        counted = [c for c in of_kind if c.revised] or of_kind
        mine: dict[tuple[str, frozenset[str]], list[Casualty]] = {}
        for c in counted:  # one source's figures of the same victims add up (two clauses)
            mine.setdefault((c.victim_kind, _victim_words(c, generic)), []).append(c)
        for (victim_kind, words), same in mine.items():
            low = None if any(c.low is None for c in same) else sum(c.low for c in same)  # type: ignore[misc]
            high = None if any(c.high is None for c in same) else sum(c.high for c in same)  # type: ignore[misc]
            qualifier = same[0].qualifier if len(same) == 1 else ("exact" if low == high else "at_least")
            home = next((g for g in groups if n not in g.sources
                         and (g.victim_kind == victim_kind or "unknown" in (g.victim_kind, victim_kind))
                         and (not g.words or not words or g.words & words)), None)
            if home is None:
                home = _Group(victim_kind, words, "", [], set())
                groups.append(home)
            home.figures.append((low, high, qualifier))
            home.sources.add(n)
            if victim_kind != "unknown":
                home.victim_kind = victim_kind
            home.words = home.words or words
            if not home.label and same[0].victims and words:
                home.label = same[0].victims
    for group in groups:
        group.label = group.label or (group.victim_kind if group.victim_kind != "unknown" else "victims")
    return groups


def _reconcile_group(group: _Group) -> tuple[int | None, int | None, str, bool, str, str]:
    """(low, high, qualifier, conflicting, method, label) of one victim group across sources."""
    given = group.figures
    n = len(given)
    if len({(low, high) for low, high, _ in given}) == 1:
        low, high, qualifier = given[0]
        method = "the only report with a figure" if n == 1 else f"all {n} reports agree"
        return low, high, qualifier, False, method, group.label
    lows = [low for low, _, _ in given if low is not None]
    highs = [high for _, high, _ in given]
    method = (f"lowest of {n} conflicting reports (ACLED's conservative convention); "
              f"they range from {min(lows) if lows else '?'} to {max(lows) if lows else '?'}")
    return (min(lows) if lows else None, None if None in highs else max(highs),  # type: ignore[type-var]
            "at_least", True, method, group.label)


def _range(low: int | None, high: int | None) -> str:
    if low == high:
        return str(low) if low is not None else "?"
    return f"{low if low is not None else '?'}-{high if high is not None else '?'}"
