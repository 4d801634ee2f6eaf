"""Benchmark corpora, read at run time from the gold-data folder (``../shared/eval``); nothing is
copied into the repository.

- ``conflict``: GVDB dev texts (gun violence), then GeoWebNews texts: what tidings is built for.
- ``general``: general news, where most sentences hold no event, quote or figure: the ECB+ topics
  about celebrities, film, sport, business, technology, politics and natural disasters
  (``GENERAL_TOPICS``), GeoVirus disease news, and one conflict article in five (GVDB, GeoWebNews),
  interleaved in a fixed order.
- ``--long``: either corpus with consecutive articles joined (a blank line between them) until each
  has at least ``LONG_WORDS`` words (about 700 on average), for the target measured on ~700-word
  articles.
"""

from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# ECB+ topics whose seminal events are not violence or crime (looked at one document of each):
# 1 celebrity rehab, 2 Oscars host, 4 obituary, 5 NBA coach fired, 6 film director, 7 boxing,
# 9 environment policy, 10 baseball contract, 11 election, 20 earthquake, 25 NFL injury,
# 27 software patch, 28 obituary, 29 NFL result, 30 undersea cable cut, 31 basketball record,
# 34 surgeon general nomination.
GENERAL_TOPICS = (1, 2, 4, 5, 6, 7, 9, 10, 11, 20, 25, 27, 28, 29, 30, 31, 34)
LONG_WORDS = 600  # joined until at least this many: ~700 words on average with ~220-word articles


def conflict_articles(eval_root: Path) -> list[str]:
    """GVDB dev first, then GeoWebNews, in file order."""
    texts: list[str] = []
    gvdb = eval_root / "gvdb" / "dev.tsv"
    if gvdb.exists():
        csv.field_size_limit(sys.maxsize)
        with gvdb.open(encoding="utf-8", newline="") as fh:
            texts += [row["Full text"] for row in csv.DictReader(fh, delimiter="\t")
                      if row.get("Full text", "").strip()]
    gwn = eval_root / "geowebnews" / "data" / "GeoWebNews"
    if gwn.is_dir():
        paths = sorted(gwn.glob("*.txt"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
        texts += [p.read_text(encoding="utf-8") for p in paths]
    return texts


_DETOKENIZE = [
    (re.compile(r" ([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"`` ?"), '"'),
    (re.compile(r" ?''"), '"'),
]


def _ecb_text(path: Path) -> str:
    """An ECB+ document's text from its tokens: sentences joined by a space, tokens by a space,
    then the usual detokenization (no space before a comma, quote marks made straight)."""
    sentences: dict[str, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(token.get("sentence"), []).append(token.text or "")
    text = " ".join(" ".join(words) for _, words in sorted(sentences.items(), key=lambda kv: int(kv[0])))
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


def general_articles(eval_root: Path) -> list[str]:
    """ECB+ general-news topics and GeoVirus taken in turn (so any prefix is as mixed as the
    whole), with one conflict article after every four."""
    sources: list[list[str]] = []
    ecb = eval_root / "ecbplus" / "ECB+"
    for topic in GENERAL_TOPICS:
        folder = ecb / str(topic)
        if folder.is_dir():
            sources.append([_ecb_text(p) for p in sorted(folder.glob("*.xml"))])
    geovirus = eval_root / "geovirus" / "GeoVirus.xml"
    if geovirus.exists():
        sources.append([el.text or "" for el in ET.parse(geovirus).getroot().iter("text")])
    general = [text for text in _round_robin(sources) if text.strip()]
    conflict = conflict_articles(eval_root)
    mixed: list[str] = []
    for i, text in enumerate(general):
        mixed.append(text)
        if i % 4 == 3 and conflict:
            mixed.append(conflict[(i // 4) % len(conflict)])
    return mixed


def _round_robin(lists: list[list[str]]) -> list[str]:
    out: list[str] = []
    for i in range(max((len(x) for x in lists), default=0)):
        out += [x[i] for x in lists if i < len(x)]
    return out


def lengthen(texts: list[str], words: int = LONG_WORDS) -> list[str]:
    """Consecutive texts of at most ``words / 2`` words joined by a blank line until each has at
    least ``words`` words."""
    out: list[str] = []
    current: list[str] = []
    count = 0
    for text in texts:
        if len(text.split()) > words // 2:
            continue  # long ones alone would pull the mean far past the ~700 words aimed at
        current.append(text.strip())
        count += len(text.split())
        if count >= words:
            out.append("\n\n".join(current))
            current, count = [], 0
    return out


def read_corpus(eval_root: Path, kind: str, n: int, long: bool = False) -> list[str]:
    texts = general_articles(eval_root) if kind == "general" else conflict_articles(eval_root)
    if long:
        texts = lengthen(texts)
    if not texts:
        raise SystemExit(f"no {kind} articles found under {eval_root}")
    return texts[:n]
