"""The gold sets with the general-news pre-filter off, on, and on with no neighbour window.

    python bench/prefilter_eval.py muc4 gvdb wikievents polnear geowebnews geovirus tempeval3

All three configurations run in one process over the same code (``run_eval`` with
``Pipeline(nlp=load_nlp(prefilter=...))``, each set's default limit), so a change someone else makes
to an extractor meanwhile cannot pass for an effect of the pre-filter. Prints, per set and score,
off / on / on with ``window`` 0, and the CPU seconds of each; writes them as JSON to ``--json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", metavar="NAME", help="gold sets (tidings eval names)")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "prefilter-eval.json")
    args = parser.parse_args(argv)

    import tidings.annotate.prefilter as prefilter
    from tidings.annotate import load_nlp
    from tidings.eval import run_eval
    from tidings.pipeline import Pipeline

    rules = prefilter.rules()
    configs = [("off", False, rules), ("on", True, rules),
               ("on_window0", True, dataclasses.replace(rules, window=0))]
    pipelines = {flag: Pipeline(nlp=load_nlp(prefilter=flag)) for flag in (False, True)}
    results: dict[str, dict] = {}
    for name in args.names:
        for label, flag, variant in configs:
            prefilter.rules = lambda variant=variant: variant  # kept_chunks looks it up per call
            started = time.process_time()
            report = run_eval(name, pipelines[flag])
            results.setdefault(name, {})[label] = {"scores": report.scores,
                                                   "cpu_s": time.process_time() - started}
        off = results[name]["off"]["scores"]
        for score in sorted(off):
            cells = [f"{results[name][label]['scores'].get(score, float('nan')):.3f}" for label, _, _ in configs]
            print(f"{name:22} {score:28} " + " ".join(cells))
        print(f"{name:22} {'CPU s':28} " + " ".join(f"{results[name][label]['cpu_s']:.1f}" for label, _, _ in configs))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
