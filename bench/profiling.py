"""Where tidings spends its time in one process, with pyinstrument (``pip install pyinstrument``).

    python bench/profiling.py --n 100                 # conflict news, pre-filter off
    python bench/profiling.py --n 100 --corpus general --prefilter

Loads the pipeline (not profiled), then profiles ``Pipeline.process_many`` over the benchmark
articles (bench/corpus.py) and prints pyinstrument's flat list of the functions with the most time
of their own, then its call tree trimmed to the frames above ``--min-share`` of the total.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str] | None = None) -> int:
    from corpus import read_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="articles")
    parser.add_argument("--corpus", choices=["conflict", "general"], default="conflict")
    parser.add_argument("--long", action="store_true", help="join articles into ~700+ word ones")
    parser.add_argument("--prefilter", action="store_true", help="with the general-news pre-filter on")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--min-share", type=float, default=2.0, help="percent of the total to show a frame")
    parser.add_argument("--eval-root", type=Path, default=None, help="gold-data folder")
    args = parser.parse_args(argv)

    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    from tidings.annotate import load_nlp
    from tidings.eval import default_eval_root
    from tidings.ingest import article_from_text
    from tidings.pipeline import Pipeline

    texts = read_corpus(args.eval_root or default_eval_root(), args.corpus, args.n, long=args.long)
    articles = [article_from_text(t, f"bench:{i}") for i, t in enumerate(texts)]
    pipeline = Pipeline(nlp=load_nlp(prefilter=args.prefilter))
    pipeline.process(articles[0])  # warm the lazy loads (gazetteer, lexicons) outside the profile
    profiler = Profiler(interval=0.002)
    profiler.start()
    for _ in pipeline.process_many(articles, batch_size=args.batch_size):
        pass
    profiler.stop()
    session = profiler.last_session
    print(f"{len(articles)} articles in {session.duration:.1f} s "
          f"({len(articles) / session.duration:.1f} articles/s)")
    print(profiler.output(ConsoleRenderer(flat=True, show_all=False, unicode=False, color=False,
                                          processor_options={"filter_threshold": args.min_share / 100})))
    print(profiler.output(ConsoleRenderer(unicode=False, color=False,
                                          processor_options={"filter_threshold": args.min_share / 100})))
    return 0


if __name__ == "__main__":
    sys.exit(main())
