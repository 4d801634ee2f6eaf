"""Extension points: an export format and a gold set registered from outside are used the way the
built-ins are (README, "Extending tidings")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import UsageError
from tidings.export import FORMATS, Format, Written, export_format, format_names, formats, write_events
from tidings.models import ArticleMeta, ArticleResult, EvalReport, Event, Span

TEXT = "Gunmen stormed a village market on Friday and burned twelve stalls, residents said."


def _result() -> ArticleResult:
    trigger = Span(text="stormed", start=TEXT.index("stormed"), end=TEXT.index("stormed") + 7)
    event = Event(id="e-market", type="ASSAULT", trigger=trigger, evidence=[trigger], status="asserted",
                  cameo="190", confidence=0.8)
    return ArticleResult(article=ArticleMeta(id="a-market", text=TEXT), events=[event])


def _unregister(name: str) -> None:
    import catalogue

    catalogue._remove(("tidings", "export_formats", name))


def test_the_built_in_formats_are_registered_in_order():
    assert format_names()[:len(FORMATS)] == FORMATS
    assert export_format("parquet").binary and export_format("acled").needs_context
    assert not export_format("csv").binary


def test_a_registered_format_is_written_and_offered(tmp_path, capsys):
    from tidings.cli import main
    from tidings.store import Store

    def write_tsv(events, out, context) -> Written:
        n = 0
        for event in events:
            out.write(f"{event.id}\t{event.type}\t{len(event.reports)}\n")
            n += 1
        return Written(n, 0)

    formats.register("tsv-test", func=Format(write_tsv))
    try:
        assert "tsv-test" in format_names()
        path = tmp_path / "events.db"
        with Store.open(path) as store:
            store.add_result(_result())
        assert main(["events", "--db", str(path), "--format", "tsv-test"]) == 0
        [line] = capsys.readouterr().out.splitlines()
        assert line.split("\t")[1:] == ["ASSAULT", "1"]
    finally:
        _unregister("tsv-test")
    assert "tsv-test" not in format_names()
    with pytest.raises(UsageError, match="choose from jsonl, csv"):
        write_events([], "tsv-test", None)  # type: ignore[arg-type]


def test_an_unknown_format_on_the_command_line_names_the_choices(tmp_path, capsys):
    from tidings.cli import main

    assert main(["events", "--db", str(tmp_path / "none.db"), "--format", "xml"]) == 2
    assert "unknown export format 'xml'; choose from jsonl, csv, geojson" in capsys.readouterr().err


def test_a_registered_gold_set_is_run_by_name(tmp_path):
    import catalogue

    from tidings.eval import gold_set_names, gold_sets, run_eval

    class Counting:
        NAME = "counting-test"
        DEFAULT_LIMIT = 3

        @staticmethod
        def run(folder: Path, pipeline, limit):
            files = sorted(folder.glob("*.txt"))[:limit]
            return EvalReport(name="counting-test", scores={"files": float(len(files))})

    (tmp_path / "counting-test").mkdir()
    for n in range(5):
        (tmp_path / "counting-test" / f"{n}.txt").write_text("x", encoding="utf-8")
    gold_sets.register("counting-test", func=Counting)
    try:
        assert gold_set_names()[-1] == "counting-test" and gold_set_names()[0] == "plover-gsr"
        report = run_eval("counting-test", pipeline=None, root=tmp_path)
        assert report.scores == {"files": 3.0}
    finally:
        catalogue._remove(("tidings", "gold_sets", "counting-test"))
    with pytest.raises(KeyError, match="unknown gold set 'counting-test'"):
        run_eval("counting-test", pipeline=None, root=tmp_path)
