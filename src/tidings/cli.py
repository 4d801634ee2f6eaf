"""The ``tidings`` command line: a thin layer that parses arguments and calls the library.

Imports here are light on purpose: ``tidings --help`` answers without loading spaCy (a test checks
it). Each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import __version__

EPILOG = """\
examples:
  tidings demo                                   store the bundled articles in tidings.db and summarise them
  tidings extract story.txt --published 2024-01-29 --format jsonl
  tidings extract stories/ --format jsonl > results.jsonl
  cat articles.jsonl | tidings extract - --format jsonl
  tidings ingest stories/ --db tidings.db        (idempotent: re-running stores nothing twice)
  tidings dump --db tidings.db > results.jsonl   every stored article result; `tidings ingest
                                                 results.jsonl --db copy.db` stores them as they are
  tidings run corpus.jsonl --db tidings.db --workers 2     (large inputs; resumable after a crash)
  tidings run feeds/ --db postgresql://… --engine dask --scheduler tcp://scheduler.example:8786
  tidings events --db tidings.db --format csv --type ASSAULT --since 2024-01-01
  tidings split a-3f2c…/e-91ab… --db tidings.db  take a report out of its merged event (kept on re-runs)
  tidings reprocess --db tidings.db --published 2024-01-29   re-extract stored articles with this
                                                 version (dates the undated ones; resumable)
  tidings serve --db tidings.db                  map, timeline and event pages on http://127.0.0.1:8000/
  tidings eval gvdb muc4                         measure on gold data in ../shared/eval
  tidings schema > tidings-1.schema.json

Output: format tidings/1, described in docs/contract.md (in the repository); `tidings schema`
prints its JSON Schema. Progress and warnings go to standard error; standard output carries only
results.
Settings: TIDINGS_MODEL (spaCy model name), TIDINGS_MAX_BYTES (per-article size limit),
TIDINGS_EVAL_ROOT (gold data folder), TIDINGS_CACHE_DIR (gazetteer index),
TIDINGS_TIME_BUDGET (seconds of extraction per article before it is stopped with E012; 0 = none),
TIDINGS_PREFILTER (on: skip parsing sentences with no cue; faster, fewer places and times),
TIDINGS_API_TOKEN (lets `tidings serve` accept merge/split decisions from clients with it).
"""


class _Parser(argparse.ArgumentParser):
    """Bad command lines exit 2 with a one-line message that says what to do."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        sys.exit(2)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r}; use YYYY-MM-DD") from None


def _probability(value: str) -> float:
    from .config import probability

    try:
        return probability(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a probability: {value!r}; give a number from 0 to 1") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tidings",
        description="Read news, get event data: who did what to whom, where, when, with how many "
                    "killed and injured, who claimed or was blamed, who said what, and the text "
                    "span behind every field.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tidings {__version__} (format tidings/1)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="article files: .txt, .html/.htm, .jsonl (one article per line), RSS/Atom "
                            "feeds (.rss, .atom, .xml), WARC archives (.warc, .warc.gz); directories "
                            "of them (other files are skipped and named); or - for JSONL on stdin")
        p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                       help="publication date for articles that carry none (resolves 'Sunday', 'yesterday')")
        p.add_argument("--max-bytes", type=int, metavar="N",
                       help="per-article size limit; larger articles are reported, not processed")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary on stderr")
        p.add_argument("--prefilter", action=argparse.BooleanOptionalAction, default=None,
                       help="skip parsing sentences with no event, casualty, speech or claim cue "
                            "(faster on general news; places and dates there are not found); "
                            "default: the TIDINGS_PREFILTER setting, off")
        p.add_argument("--record-threshold", type=_probability, metavar="P",
                       help="print only records the learned record filter gives at least this "
                            "probability of being an event a coder records; 0 prints every record "
                            "(default: the TIDINGS_RECORD_THRESHOLD setting, else the model's own)")

    p = sub.add_parser("extract", help="extract events, claims, statements from articles; print results",
                       description="Extract from each article and print one article result "
                                   "(format tidings/1: docs/contract.md, or `tidings schema`) per input "
                                   "article, in input order. Inputs: plain-text, HTML and JSONL files, "
                                   "RSS/Atom feeds, WARC web archives, directories of them, or JSONL "
                                   "on standard input.")
    inputs(p)
    p.add_argument("--format", choices=["json", "jsonl"], default="jsonl",
                   help="jsonl: one result per line (default); json: one indented JSON array")
    p.add_argument("--db", metavar="PATH|URL", help="also store the results (SQLite path or postgresql:// URL)")

    p = sub.add_parser("ingest", help="extract and store articles in a database (idempotent)",
                       description="Extract and store. An article already stored (same id) is skipped. "
                                   "JSONL lines that are article results (tidings/1, from `tidings dump` "
                                   "or `tidings extract`) are stored as they are, not extracted again.")
    inputs(p)
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")

    p = sub.add_parser("run", help="process a large corpus into a database: resumable, parallel, or on Dask",
                       description="Stream the inputs (JSONL, directories, RSS/Atom feeds, WARC archives) "
                                   "through N worker processes or a Dask cluster into the store. A "
                                   "restarted run skips what is stored: nothing lost, nothing twice.")
    inputs(p)
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="Dask scheduler address (with --engine dask; default: a LocalCluster of --workers)")
    p.add_argument("--chunk-size", type=int, default=16, metavar="N", help="articles per task (default 16)")

    p = sub.add_parser("events", help="read events back from a database",
                       description="Print stored events, each with the reports behind it.")
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")
    # The built-in export formats (tidings.export.FORMATS), spelled out so --help imports nothing
    # heavy; a format another package registers is checked when the command runs.
    p.add_argument("--format", default="jsonl", metavar="FORMAT",
                   help="output format: jsonl (tidings/1 stored events), csv, geojson, plover (PLOVER "
                        "JSON records), acled (ACLED-style CSV with injured and claim columns), "
                        "parquet (binary: redirect to a file), or one a plugin registers")
    p.add_argument("--type", help="PLOVER event type, e.g. ASSAULT")
    p.add_argument("--country", help="country of the event's location: a name, ISO alpha-2 or "
                                     "alpha-3 (Somalia, SO, SOM)")
    p.add_argument("--status", choices=["asserted", "negated", "hypothetical", "future", "claimed"])
    p.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD", help="events dated on or after")
    p.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD", help="events dated on or before")
    p.add_argument("--limit", type=int, metavar="N", help="at most N events")
    p.add_argument("--all", action="store_true", dest="keep_all",
                   help="acled: also the events that have no ACLED event type (left out by default)")
    p.add_argument("--all-genres", action="store_true",
                   help="also the events told only by opinion columns, letters, memoirs or analyses "
                        "(left out by default; they stay stored)")

    p = sub.add_parser("serve", help="browse a database in a web browser: map, timeline, events, API",
                       description="Serve the web UI (map of events, timeline, event pages with "
                                   "highlighted evidence, actor pages) and the read-only JSON API "
                                   "(OpenAPI at /docs) over a database.")
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0 exposes it)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token-file", type=Path, metavar="FILE",
                   help="accept merge/split decisions (POST /api/decisions) from clients that send "
                        "this file's token as 'Authorization: Bearer TOKEN'; default: read-only "
                        "(TIDINGS_API_TOKEN also sets it)")

    for action, helptext, what in (
        ("merge", "merge events by hand: the reports named become one event, on every re-run",
         "Merge by hand what the automatic merge kept apart."),
        ("split", "split reports out of their event by hand, on every re-run",
         "Split by hand what the automatic merge joined: the reports named leave their event "
         "(named together, they form one event of their own)."),
    ):
        p = sub.add_parser(action, help=helptext,
                           description=what + " The decision is stored in the database and applied "
                                       "after the automatic merge every time, so it holds for "
                                       "articles added later. Name reports as ARTICLE_ID/EVENT_ID "
                                       "(the ids in `tidings extract` output and in an event's "
                                       "`reports`), or name a stored event id for all its reports.")
        p.add_argument("reports", nargs="+", metavar="REPORT|EVENT_ID")
        p.add_argument("--db", metavar="PATH|URL", required=True)
        p.add_argument("--note", help="why, kept with the decision")

    p = sub.add_parser("remerge", help="merge a whole database again, after editing data/merge.yaml",
                       description="Compute every stored report's merge record anew from its "
                                   "article and cluster all reports again, applying the hand-made "
                                   "merges and splits. New articles are merged as they arrive; "
                                   "run this after changing the merge settings (data/merge.yaml) "
                                   "so that reports stored before the change follow them too. One "
                                   "transaction: interrupted, the database stays as it was.")
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")

    p = sub.add_parser("reprocess", help="re-extract stored articles with this version (after an upgrade, or to date them)",
                       description="Extract stored articles again from their stored text with the "
                                   "installed tidings and spaCy model, and replace their results, one "
                                   "transaction per article; hand-made merges and splits are kept. "
                                   "Only articles that another version or model produced (or, with "
                                   "--published, that have no publication date) are redone, so an "
                                   "interrupted run resumes when started again.")
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")
    p.add_argument("--article", action="append", metavar="ID", dest="articles",
                   help="only this stored article (repeat for more; default: all)")
    p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date for stored articles that have none (resolves 'Sunday', "
                        "'yesterday'); those articles are redone")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")

    p = sub.add_parser("summary", help="a readable summary of what a database holds",
                       description="Print what a database holds: how many articles (and how many "
                                   "failed), events, claims and statements, then a table of the events "
                                   "(date, type and mode, status, who, whom, where, casualty figures "
                                   "with their qualifiers, trigger word), earliest first, undated last.")
    p.add_argument("--db", metavar="PATH|URL", required=True)
    p.add_argument("--limit", type=int, default=30, metavar="N", help="events to list (default 30)")

    p = sub.add_parser("demo", help="ingest the bundled example articles and print a summary",
                       description="Store the bundled wire-style example articles in a database "
                                   "(default tidings.db) and print a summary of the events found.")
    p.add_argument("--db", metavar="PATH|URL", default="tidings.db")

    p = sub.add_parser("eval", help="measure accuracy on gold data (../shared/eval)",
                       description="Run gold-set evaluations, print a table, write the scores as JSON, "
                                   "and compare them with the floors in eval_baseline.json.")
    p.add_argument("names", nargs="*", metavar="NAME", help="gold sets to run (default: all registered)")
    p.add_argument("--limit", type=int, default=-1, metavar="N",
                   help="documents per set (default: each set's own default; 0 = all)")
    p.add_argument("--root", type=Path, help="gold data folder (default: ../shared/eval or TIDINGS_EVAL_ROOT)")
    p.add_argument("--json", type=Path, default=Path("eval-results/scores.json"), help="where to write scores")
    p.add_argument("--baseline", type=Path, default=Path("eval_baseline.json"), help="floors to compare with")
    p.add_argument("--check", action="store_true", help="exit 1 when a score falls below its floor")

    sub.add_parser("schema", help="print the JSON Schema of an article result",
                   description="Print the JSON Schema of one article result (format tidings/1, "
                               "described in docs/contract.md), generated from the data model: "
                               "what `extract` prints and `dump` writes, line by line.")

    p = sub.add_parser("dump", help="write every stored article result as JSONL (to re-import with ingest)",
                       description="Write every article result in a database, one tidings/1 result per "
                                   "line with its text, in the order stored. `tidings ingest FILE --db "
                                   "OTHER` stores these lines as they are: a lossless export and re-import.")
    p.add_argument("--db", metavar="PATH|URL", required=True, help="SQLite file path or postgresql:// URL")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    from .config import Settings, using
    from .errors import UsageError

    try:
        # The command's settings: flags over the environment over the defaults, read once here and
        # passed on (batch workers get them with their work); the environment is never written.
        current = Settings.from_env(prefilter=getattr(args, "prefilter", None),
                                    record_threshold=getattr(args, "record_threshold", None))
        with using(current):
            return COMMANDS[args.command](args)
    except UsageError as exc:
        sys.stderr.write(f"tidings: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("tidings: interrupted; what was stored is kept, re-run to continue\n")
        return 130
    except BrokenPipeError:
        return 0


# --- commands ------------------------------------------------------------------------------------


def _progress(quiet: bool):
    from .progress import Progress

    return Progress(enabled=not quiet and sys.stderr.isatty())


def _max_bytes(args) -> int:
    from .config import settings

    return args.max_bytes or settings().max_bytes


def _read(args, results: bool = False, skipped: list | None = None):
    from .ingest import read_inputs

    return read_inputs(args.inputs, published=args.published, max_bytes=_max_bytes(args),
                       results=results, skipped=skipped)


def _warn_skipped(files: list) -> None:
    """Name each file of the input directories that was not read (a PDF, an image)."""
    if not files:
        return
    sys.stderr.write(f"tidings: {_plural(len(files), 'file')} skipped, not .txt, .html, .jsonl, "
                     f"RSS/Atom or WARC:\n")
    for path in files:
        sys.stderr.write(f"tidings:   {path}\n")


def _run_extract(args, *, write_stdout: bool, db: str | None) -> int:
    from functools import cache

    from .batch import process_items
    from .pipeline import Pipeline

    # storing: result lines (`tidings dump`) are stored as they are; the model loads only if needed
    skipped: list = []
    articles = _read(args, results=db is not None and not write_stdout, skipped=skipped)
    # the parser's limit is the size cap the reader applied: the two agree (issue 19)
    pipeline = cache(lambda: Pipeline(max_length=_max_bytes(args)))
    store = _open_store(db, create=True) if db else None
    total = failed = stored = undated = 0
    first = True
    out = sys.stdout
    if write_stdout and args.format == "json":
        out.write("[")
    with _progress(args.quiet) as progress:
        for result in process_items(articles, pipeline):
            total += 1
            failed += bool(result.errors) and not result.events
            undated += _undated(result)
            if result.errors and not args.quiet:
                for err in result.errors:
                    sys.stderr.write(f"tidings: {result.article.origin or result.article.id}: "
                                     f"{err.code} {err.message}\n")
            if store is not None:
                stored += store.add_result(result)
            if write_stdout:
                if args.format == "jsonl":
                    out.write(result.model_dump_json() + "\n")
                else:
                    out.write(("\n" if first else ",\n") + result.model_dump_json(indent=2))
                first = False
            progress.advance(events=len(result.events))
    if write_stdout and args.format == "json":
        out.write("\n]\n")
    if store is not None:
        store.close()
    if not args.quiet:
        extra = f", {stored} newly stored in {db}" if db else ""
        sys.stderr.write(f"tidings: {_plural(total, 'article')}, {failed} failed{extra}\n")
        _warn_skipped(skipped)
        _warn_undated(undated, db)
    if total == 0:
        sys.stderr.write("tidings: error: no articles found in the inputs\n")
        return 1
    return 1 if failed == total else 0


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _undated(result) -> int:
    """1 for an article extracted without a publication date (its relative dates unresolved)."""
    return int(not result.errors and result.article.published is None)


def _warn_undated(count: int, db: str | None) -> None:
    """Say once, with the count and the fix, that articles had no publication date."""
    if not count:
        return
    fix = (f"date them with 'tidings reprocess --db {db} --published YYYY-MM-DD'" if db
           else "give --published YYYY-MM-DD")
    sys.stderr.write(f"tidings: {_plural(count, 'article')} had no publication date, so "
                     f"'Sunday', 'yesterday' and their events' dates were left unresolved; {fix}\n")


def _open_store(db: str, *, create: bool = False):
    """The store at ``db``; only the commands that fill a store (ingest, run, demo) create one."""
    from .store import Store

    return Store.open(db, create=create)


def cmd_extract(args) -> int:
    return _run_extract(args, write_stdout=True, db=args.db)


def cmd_ingest(args) -> int:
    return _run_extract(args, write_stdout=False, db=args.db)


def cmd_run(args) -> int:
    from .batch import run

    undated = 0

    def on_result(result) -> None:
        nonlocal undated
        undated += _undated(result)
        progress.advance(events=len(result.events))

    with _progress(args.quiet) as progress:
        stats = run(args.inputs, args.db, workers=args.workers, engine=args.engine,
                    scheduler=args.scheduler, published=args.published, max_bytes=args.max_bytes,
                    chunk_size=args.chunk_size, on_result=on_result)
    if not args.quiet:
        for line in stats.failures:
            sys.stderr.write(f"tidings: {line}\n")
        sys.stderr.write(f"tidings: {_plural(stats.read, 'article')} read, {stats.skipped} already stored, "
                         f"{stats.stored} stored now ({stats.failed} with errors), "
                         f"{_plural(stats.events, 'event')}\n")
        _warn_skipped(stats.skipped_files)
        _warn_undated(undated, args.db)
    if stats.read == 0:
        sys.stderr.write("tidings: error: no articles found in the inputs\n")
        return 1
    return 1 if stats.failed and stats.failed == stats.read - stats.skipped else 0


def cmd_reprocess(args) -> int:
    from .batch import reprocess
    from .progress import Progress

    undated = 0
    progress: Progress | None = None

    def on_start(todo: int) -> None:
        nonlocal progress
        if not args.quiet:
            sys.stderr.write(f"tidings: re-extracting {_plural(todo, 'article')} of {args.db}\n")
        progress = Progress(enabled=not args.quiet and sys.stderr.isatty(), total=todo).__enter__()

    def on_result(result) -> None:
        nonlocal undated
        undated += _undated(result)
        if progress is not None:
            progress.advance(events=len(result.events))

    try:
        stats = reprocess(args.db, article_ids=args.articles, published=args.published,
                          on_start=on_start, on_result=on_result)
    finally:
        if progress is not None:
            progress.__exit__(None, None, None)
    if not args.quiet:
        sys.stderr.write(f"tidings: {_plural(stats.done, 'article')} re-extracted with {stats.producer} "
                         f"({stats.failed} with errors, {_plural(stats.events, 'event')}); "
                         f"{stats.current} already current")
        sys.stderr.write(f"; {stats.no_text} without stored text (ingest errors)\n" if stats.no_text else "\n")
        _warn_undated(undated, args.db)
    return 0


def cmd_events(args) -> int:
    from .export import country_code, export_format, write_events

    chosen = export_format(args.format)  # a built-in or a registered one (README, "Extending tidings")
    country = country_code(args.country) if args.country else None
    store = _open_store(args.db)
    try:
        if chosen.binary and sys.stdout.isatty():
            from .errors import UsageError

            raise UsageError(f"--format {args.format} writes binary data: redirect it to a file "
                             f"(> events.{args.format})")
        events = store.events(type=args.type, country=country, since=args.since, until=args.until,
                              status=args.status, limit=args.limit, all_genres=args.all_genres)
        context = store.export_context() if chosen.needs_context else None
        written = write_events(events, args.format, sys.stdout, context, keep_all=args.keep_all)
    finally:
        store.close()
    if written.left_out:
        sys.stderr.write(f"tidings: {_plural(written.left_out, 'event')} {chosen.left_out} left out\n")
    return 0


def cmd_serve(args) -> int:
    from .errors import UsageError

    try:
        import uvicorn

        from .api import create_app
    except ImportError as exc:  # the web parts are optional; say which package is missing
        raise UsageError(f"tidings serve needs {exc.name}: pip install fastapi uvicorn") from exc

    token = _api_token(args.token_file)
    store = _open_store(args.db)
    _check_port(args.host, args.port)
    app = create_app(store, token=token)
    access = "merge/split decisions accepted with the token" if token else "read-only"
    sys.stderr.write(f"tidings: serving {args.db} on http://{args.host}:{args.port}/ "
                     f"({access}; API docs at /docs); Ctrl-C stops\n")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _check_port(host: str, port: int) -> None:
    """A ``UsageError`` when ``host:port`` cannot be bound (another server there), before the URL
    is printed: uvicorn would print its own traceback-like error after it (issue 19)."""
    import socket

    from .errors import UsageError

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            sock.bind((host, port))
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}; is another server "
                         f"running there? choose another --port") from None


def cmd_decide(args) -> int:
    """``tidings merge`` and ``tidings split``: store a hand-made decision and apply it."""
    from .errors import UsageError
    from .models import MergeDecision

    store = _open_store(args.db)
    try:
        keys: list[str] = []
        for name in args.reports:
            if "/" in name:
                keys.append(name)
                continue
            event = store.event(name)
            if event is None:
                raise UsageError(f"{name!r} is neither a report (ARTICLE_ID/EVENT_ID) nor a stored "
                                 f"event id; list events with 'tidings events --db {args.db}'")
            keys += [f"{r.article_id}/{r.event_id}" for r in event.reports]
        if args.command == "merge" and len(set(keys)) < 2:
            raise UsageError("a merge needs at least two reports (or events with them) to join")
        seq = store.add_decision(MergeDecision(action=args.command, reports=list(dict.fromkeys(keys)),
                                               note=args.note))
        sys.stderr.write(f"tidings: {args.command} decision #{seq} stored for {len(set(keys))} "
                         f"report(s); it is applied on every later run\n")
    finally:
        store.close()
    return 0


def cmd_remerge(args) -> int:
    """``tidings remerge``: re-cluster every stored report with the current merge settings."""
    store = _open_store(args.db)
    try:
        before = store.counts()["events"]
        n_reports, n_events = store.remerge()
    finally:
        store.close()
    sys.stderr.write(f"tidings: {_plural(n_reports, 'report')} re-merged into "
                     f"{_plural(n_events, 'event')} (there were {before})\n")
    return 0


def _api_token(token_file: Path | None) -> str | None:
    """The write token from --token-file, else TIDINGS_API_TOKEN, else None (read-only). Never a
    command-line value: other users of the machine can read command lines."""
    from .config import settings
    from .errors import UsageError

    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UsageError(f"cannot read --token-file {token_file}: {exc.strerror}") from exc
        if not token:
            raise UsageError(f"--token-file {token_file} is empty")
        return token
    return settings().api_token


def cmd_dump(args) -> int:
    from .export import write_results

    store = _open_store(args.db)
    try:
        write_results((store.article(meta.id) for meta in store.articles()), sys.stdout)
    finally:
        store.close()
    return 0


def cmd_summary(args) -> int:
    from .summary import print_summary

    store = _open_store(args.db)
    try:
        print_summary(store, limit=args.limit)
    finally:
        store.close()
    return 0


def cmd_demo(args) -> int:
    from .config import DATA_DIR

    examples = DATA_DIR / "examples"
    ns = argparse.Namespace(inputs=[str(examples)], published=None, max_bytes=None, quiet=True, db=args.db)
    sys.stderr.write(f"tidings: extracting the bundled examples in {examples} into {args.db} ...\n")
    code = _run_extract(ns, write_stdout=False, db=args.db)
    cmd_summary(argparse.Namespace(db=args.db, limit=40))
    return code


def cmd_eval(args) -> int:
    from .eval import below_floor, gold_set_names, load_baseline, run_eval
    from .eval.report import render_table, write_scores
    from .pipeline import Pipeline

    known = gold_set_names()  # the built-ins and any a plugin registers (README, "Extending tidings")
    names = args.names or known
    unknown = [n for n in names if n not in known]
    if unknown:
        from .errors import UsageError

        raise UsageError(f"unknown gold set(s): {', '.join(unknown)}; choose from: {', '.join(known)}")
    pipeline = Pipeline()
    reports = []
    for name in names:
        sys.stderr.write(f"tidings: evaluating {name} ...\n")
        try:
            reports.append(run_eval(name, pipeline, root=args.root,
                                    limit=None if args.limit == 0 else args.limit))
        except FileNotFoundError as exc:
            sys.stderr.write(f"tidings: skipped {name}: {exc}\n")
    baseline = load_baseline(args.baseline)
    print(render_table(reports, baseline))
    write_scores(reports, args.json)
    sys.stderr.write(f"tidings: scores written to {args.json}\n")
    failures = [line for r in reports for line in below_floor(r, baseline)]
    for line in failures:
        sys.stderr.write(f"tidings: below floor: {line}\n")
    return 1 if (failures and args.check) else 0


def cmd_schema(args) -> int:
    import json

    from .models import ArticleResult

    print(json.dumps(ArticleResult.model_json_schema(), indent=2))
    return 0


COMMANDS = {
    "extract": cmd_extract, "ingest": cmd_ingest, "run": cmd_run, "events": cmd_events,
    "summary": cmd_summary, "dump": cmd_dump, "merge": cmd_decide, "split": cmd_decide,
    "remerge": cmd_remerge, "reprocess": cmd_reprocess,
    "demo": cmd_demo, "eval": cmd_eval, "schema": cmd_schema, "serve": cmd_serve,
}


if __name__ == "__main__":
    sys.exit(main())
