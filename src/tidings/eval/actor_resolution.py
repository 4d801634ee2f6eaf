"""Actor resolution coverage: how many of the actor mentions tidings finds in real news resolve to
an entry of the actor registry, by kind, and which names it misses most.

There is NO gold here: nobody annotated which registry entry a mention stands for, so this measures
coverage, not accuracy. A mention that resolves to the wrong entry counts as resolved. Use it to find
what the registry lacks (the top unresolved names, in ``examples``) and add entries for the class of
actor each stands for, never for the one name.

Texts: the real-news articles of other gold sets under the eval root (this set has no folder of its
own: ``FOLDER = "."`` makes ``run`` receive the eval root itself): GVDB (US local news), WikiEvents
(conflict and terrorism news), GeoWebNews (world news) and PolNeAR (US political news), taken in
turn so every source is represented whatever the limit. ECB+ is left out: its text comes as tokens,
and rebuilding it would put offsets out of step with how the other sets read.

Only the actors extractor runs on the parsed text (the mentions an article result lists under
``actors``). Scores:

- ``resolved``: the share of all mentions with a ``registry_id``;
- ``resolved_named``: the same over mentions that are not people or bare populations ("Iraqis",
  "residents"): the organisations, states, forces and outlets the registry is meant to know;
- ``resolved_KIND``: the share per actor kind (``resolved_person`` is 0 by design: the registry
  holds no people).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..models import Article, EvalReport, article_id_for

NAME = "actor-resolution"
FOLDER = "."  # the texts come from other sets' folders under the eval root
# 80 articles (20 a source) take about 60 s with the small model on 2 cores; None reads every text.
DEFAULT_LIMIT: int | None = 80
TOP_UNRESOLVED = 25
# Kinds the registry is not meant to resolve: people by name, and populations.
_UNREGISTERED_KINDS = {"person", "civilians", "population"}


def _gvdb(root: Path) -> list[str]:
    from .gvdb import read_gold

    folder = root / "gvdb"
    return [row[1] for row in read_gold(folder)] if (folder / "dev.tsv").exists() else []


def _wikievents(root: Path) -> list[str]:
    from .wikievents import read_documents

    folder = root / "wikievents"
    return [doc.text for doc in read_documents(folder)] if (folder / "dev.jsonl").exists() else []


def _geowebnews(root: Path) -> list[str]:
    from .geowebnews import TITLE_LINE  # the corpus' own title line, not article text

    folder = root / "geowebnews" / "data" / "GeoWebNews"
    texts = []
    for path in sorted(folder.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0):
        raw = path.read_text(encoding="utf-8", errors="replace")
        match = TITLE_LINE.match(raw)
        texts.append(raw[match.end():] if match else raw)
    return texts


def _polnear(root: Path) -> list[str]:
    from .polnear import articles

    folder = root / "polnear"
    if not (folder / "data" / "dev").is_dir():
        return []
    return [path.read_text(encoding="utf-8") for _, path, _ in articles(folder, None)]


SOURCES = {"gvdb": _gvdb, "wikievents": _wikievents, "geowebnews": _geowebnews, "polnear": _polnear}


def read_texts(root: Path, limit: int | None) -> list[tuple[str, str]]:
    """(source, text) pairs, taken from the sources in turn up to ``limit`` in all."""
    pools = {name: read(root) for name, read in SOURCES.items()}
    pools = {name: texts for name, texts in pools.items() if texts}
    if not pools:
        raise FileNotFoundError(f"none of the article sets {', '.join(SOURCES)} found under {root}")
    chosen: list[tuple[str, str]] = []
    depth = 0
    while any(depth < len(texts) for texts in pools.values()):
        for name, texts in pools.items():
            if depth < len(texts) and (limit is None or len(chosen) < limit):
                chosen.append((name, texts[depth]))
        depth += 1
        if limit is not None and len(chosen) >= limit:
            break
    return chosen


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    from ..extract.actors import extract_actors

    items = read_texts(root, limit)
    total: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    by_source: Counter[str] = Counter()
    resolved_by_source: Counter[str] = Counter()
    generated = 0
    texts = [text for _, text in items]
    for (source, text), doc in zip(items, pipeline.nlp.pipe(texts, batch_size=16)):
        article = Article(id=article_id_for(text), text=text)
        for actor in extract_actors(doc, article):
            total[actor.kind] += 1
            by_source[source] += 1
            if actor.registry_id is not None:
                resolved[actor.kind] += 1
                resolved_by_source[source] += 1
                generated += actor.registry_id[:3].isupper() and actor.registry_id[3:4] == "-"
            elif actor.kind not in _UNREGISTERED_KINDS:
                missed[(" ".join(actor.text.split()), actor.kind)] += 1

    n = sum(total.values())
    named = sum(c for k, c in total.items() if k not in _UNREGISTERED_KINDS)
    named_resolved = sum(c for k, c in resolved.items() if k not in _UNREGISTERED_KINDS)
    scores = {
        "resolved": sum(resolved.values()) / n if n else 0.0,
        "resolved_named": named_resolved / named if named else 0.0,
    }
    for kind in sorted(total):
        scores[f"resolved_{kind}"] = resolved[kind] / total[kind]
    counts = {"articles": len(items), "mentions": n, "named_mentions": named,
              "resolved": sum(resolved.values()), "resolved_named": named_resolved,
              "resolved_to_state_entries": generated}
    counts.update({f"mentions_{kind}": c for kind, c in sorted(total.items())})
    for source in SOURCES:
        if by_source[source]:
            counts[f"articles_{source}"] = sum(1 for s, _ in items if s == source)
            counts[f"resolved_{source}"] = resolved_by_source[source]
            counts[f"mentions_{source}"] = by_source[source]
    examples = [f"unresolved {count}x: {name!r} ({kind})"
                for (name, kind), count in missed.most_common(TOP_UNRESOLVED)]
    return EvalReport(
        name=NAME, scores=scores, counts=counts, examples=examples,
        notes="coverage, not accuracy (no gold): share of extracted actor mentions that resolve to a "
              "registry entry, overall, over non-person non-population mentions, and per kind; "
              f"examples: the {TOP_UNRESOLVED} most frequent unresolved non-person names",
    )
