"""Which pre-filter cue words keep text that yields no fact: the measurement behind ``weak_cues``
in ``src/tidings/data/prefilter.yaml``.

    python bench/cue_yield.py --n 300 --corpus general

Runs tidings with the pre-filter off over a benchmark corpus (bench/corpus.py; read in place from
the gold-data folder), cuts each article into the pre-filter's chunks and notes, per chunk, its cue
words and whether any fact is anchored in it (an event trigger, a casualty's evidence, a statement's
cue, a claim's evidence). Per cue word it prints how many chunks hold it, how many of those yield a
fact, and the chunks it alone keeps (no other cue) with how many of them yield one. Only tidings'
own output is used, not gold labels.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str] | None = None) -> int:
    from corpus import read_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--corpus", choices=["general", "conflict"], default="general")
    parser.add_argument("--eval-root", type=Path, default=None, help="gold-data folder")
    parser.add_argument("--top", type=int, default=80, help="cue words to print (default 80)")
    args = parser.parse_args(argv)

    from tidings.annotate import load_nlp
    from tidings.eval import default_eval_root
    from tidings.ingest import article_from_text
    from tidings.pipeline import Pipeline
    from tidings.annotate.prefilter import _WORD, chunks, rules

    r = rules()
    texts = read_corpus(args.eval_root or default_eval_root(), args.corpus, args.n)
    pipeline = Pipeline(nlp=load_nlp(prefilter=False))
    articles = [article_from_text(t, f"bench:{i}") for i, t in enumerate(texts)]
    present, yielding, alone, alone_yielding = Counter(), Counter(), Counter(), Counter()
    for article, result in zip(articles, pipeline.process_many(articles)):
        anchors = [e.trigger.start for e in result.events]
        anchors += [c.evidence.start for e in result.events for c in e.casualties]
        anchors += [s.cue.start for s in result.statements]
        anchors += [c.evidence.start for c in result.claims]
        for start, end, _ in chunks(article.text, r.abbreviations):
            words = {m.group().lower() for m in _WORD.finditer(article.text, start, end)} & r.cues
            fact = any(start <= a < end for a in anchors)
            for word in words:
                present[word] += 1
                yielding[word] += fact
                if len(words) == 1:
                    alone[word] += 1
                    alone_yielding[word] += fact
    print(f"{'cue':16} {'chunks':>7} {'w/ fact':>7} {'alone':>6} {'alone w/ fact':>13}")
    for word, count in present.most_common(args.top):
        print(f"{word:16} {count:7} {yielding[word]:7} {alone[word]:6} {alone_yielding[word]:13}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
