"""How often the records tidings prints name the parties the written articles mark, and where not.

    python train/report_parties.py                 # the figures, on both halves of the articles
    python train/report_parties.py --show dev      # and every dev-half record whose parties differ

Reads train/records/*.yaml (articles written for tidings, each event marked with its ``source`` and
``target`` phrases) and runs each article through the whole pipeline as ``tidings extract`` does
(the shipped record filter on). A marked event is found when a printed record's mention (trigger or
evidence) overlaps one of its phrases (``at`` or ``also``); the first such record is the one judged,
the way an analyst reads the first record of an event. A side (source or target) is right when
every marked party of it is named by a printed actor of that side and every printed actor of it
names a marked party of that side (or of the same party elsewhere in the text); a printed actor
names a marked phrase when their spans overlap at any occurrence of the phrase, or when they share a
content word (a surname, "police"). Parties are right when both sides are, as the blind audits judge.

The articles are split by a hash of their id into two halves: ``dev`` is the half to read records
from when writing a rule; ``held`` is only ever counted, so that a rule fitted to the dev half
shows whether it carries. This is a diagnostic on training data, not an evaluation: ``tidings
eval`` and the blind audits measure real news.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.pipeline import Pipeline  # noqa: E402
from train_records import extracted, load_articles  # noqa: E402

WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# words that name no one in particular: two parties sharing only these are not the same party
GENERIC = set("""
a an the of and or in on at to for from by with his her its their our this that these those
one two three four five six seven eight nine ten other others several some many dozens hundreds
man men woman women people person group groups forces force members member local officials official
""".split())


def half(article_id: str) -> str:
    return "dev" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "held"


def content(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - GENERIC


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(phrase)) for m in re.finditer(re.escape(phrase), text)]


def names(actor, phrase: str, text: str) -> bool:
    if any(actor.start < end and start < actor.end for start, end in occurrences(text, phrase)):
        return True
    return bool(content(actor.text) & content(phrase)) or bool(content(actor.name) & content(phrase))


def side(printed, marked: list[str], others: list[str], text: str) -> str:
    """``ok``, ``missing`` (nothing printed, something marked), ``extra`` (something printed, nothing
    marked), ``partial`` (some marked named, nothing wrong), ``wrong``."""
    if not printed and not marked:
        return "ok"
    if not printed:
        return "missing"
    if not marked:
        return "extra"
    found = [p for p in marked if any(names(a, p, text) for a in printed)]
    stray = [a for a in printed if not any(names(a, p, text) for p in marked + others)]
    if stray:
        return "wrong"
    return "ok" if len(found) == len(marked) else "partial"


def record_of(event: dict, printed: list, text: str, taken: set[str]):
    """The printed record of a marked event: the first whose trigger lies in the event's own phrase,
    else the first whose trigger lies in one of its later mentions, else (of the records not yet
    judged against another event) the first whose evidence does."""
    at = occurrences(text, event["at"])
    also = [s for phrase in event.get("also", []) for s in occurrences(text, phrase)]

    def inside(span, spans):
        return any(span.start < end and start < span.end for start, end in spans)

    for found in (next((r for r in printed if inside(r.trigger, at)), None),
                  next((r for r in printed if inside(r.trigger, also)), None),
                  next((r for r in printed if r.id not in taken and any(inside(m, at + also) for m in r.evidence)), None)):
        if found is not None:
            taken.add(found.id)
            return found
    return None


def judge(articles: list[dict], show: str | None) -> None:
    pipeline = Pipeline()
    tallies: dict[str, Counter] = {"dev": Counter(), "held": Counter()}
    for raw in articles:
        which = half(raw["id"])
        article, _, result = extracted(pipeline, raw)
        text = article.text
        tally = tallies[which]
        taken: set[str] = set()
        for event in raw["events"]:
            if event.get("status", "asserted") != "asserted":
                continue
            found = record_of(event, result.events, text, taken)
            tally["events"] += 1
            if found is None:
                tally["not printed"] += 1
                continue
            tally["printed"] += 1
            source = side(found.source_actors, event.get("source", []), event.get("target", []), text)
            target = side(found.target_actors, event.get("target", []), event.get("source", []), text)
            tally[f"source {source}"] += 1
            tally[f"target {target}"] += 1
            right = source == "ok" and target == "ok"
            tally["parties right"] += right
            if show == which and not right:
                sentence = text[max(0, text.rfind("\n", 0, found.trigger.start)):found.trigger.end + 120].strip()
                print(f"--- {raw['id']} {found.type} {found.trigger.text!r}  source {source}, target {target}")
                print(f"    marked   source {event.get('source', [])}  target {event.get('target', [])}")
                print(f"    printed  source {[a.text for a in found.source_actors]}  target {[a.text for a in found.target_actors]}")
                print(f"    text     {sentence[:400]!r}")
    for which, tally in tallies.items():
        n = tally["printed"] or 1
        print(f"{which}: {tally['events']} asserted marked events, {tally['printed']} printed; parties right "
              f"{tally['parties right']}/{tally['printed']} = {tally['parties right'] / n:.3f}")
        for key in ("source", "target"):
            print("   ", key, ", ".join(f"{k.split()[1]} {v}" for k, v in sorted(tally.items()) if k.startswith(key + " ")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", choices=["dev", "held"], help="print the records whose parties differ")
    parser.add_argument("files", nargs="*", type=Path, help="YAML files (default: train/records/*.yaml)")
    args = parser.parse_args()
    if args.files:
        articles = [a for path in args.files for a in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]]
    else:
        articles = load_articles()
    judge(articles, args.show)


if __name__ == "__main__":
    main()
