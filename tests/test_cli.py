"""The command line as a user meets it: real processes, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spans import iter_spans

WIRE = (
    "WASHINGTON, Jan 29 (Reuters) - A drone attack on a U.S. outpost in northeastern Jordan killed "
    "three American soldiers and wounded at least 34 on Sunday, officials said.\n\n"
    "President Joe Biden blamed Iran-backed militant groups for the attack.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)


def test_help_does_not_import_spacy():
    code = ("import sys; from tidings.cli import build_parser; "
            "build_parser().format_help(); "
            "print('spacy' in sys.modules, 'pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_help_lists_every_command():
    out = run("--help")
    assert out.returncode == 0
    for command in ("extract", "ingest", "events", "summary", "demo", "eval", "schema"):
        assert command in out.stdout


def test_bad_command_line_exits_2_with_one_line():
    out = run("extract", "story.txt", "--published", "29/01/2024")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "YYYY-MM-DD" in out.stderr


def test_missing_input_exits_2(tmp_path):
    out = run("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 2
    assert "nope.txt" in out.stderr


def test_schema_is_json_schema():
    out = run("schema")
    schema = json.loads(out.stdout)
    assert schema["title"] == "ArticleResult"
    assert {"article", "events", "claims", "statements", "places", "times", "actors"} <= set(schema["properties"])


@pytest.mark.slow
def test_extract_txt_gives_contract_result_with_exact_spans(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(WIRE, encoding="utf-8")
    out = run("extract", str(story), "--format", "jsonl", "--quiet", "--published", "2024-02-10")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["format"] == "tidings/1"
    assert result["article"]["published"] == "2024-01-29"  # the dateline wins; its year from --published
    text = result["article"]["text"]
    assert text == WIRE
    spans = list(iter_spans(result))
    assert len(spans) > 10
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"], span
    attack = [e for e in result["events"] if e["type"] == "ASSAULT"]
    assert attack and attack[0]["mode"] == "drone"
    assert attack[0]["date"]["value"] == "2024-01-28"


@pytest.mark.slow
def test_batch_goes_on_after_bad_articles_and_exit_codes(tmp_path):
    good = json.dumps({"id": "good-1", "text": WIRE, "published": "2024-01-29"})
    lines = "\n".join([good, "{not json", json.dumps({"text": ""}), json.dumps({"text": 42})]) + "\n"
    out = run("extract", "-", "--format", "jsonl", stdin=lines)
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["article"]["id"] for r in results][0] == "good-1"
    assert [bool(r["errors"]) for r in results] == [False, True, True, True]
    assert [r["errors"][0]["code"] for r in results[1:]] == ["E005", "E001", "E006"]
    # every input failed -> exit 1
    out = run("extract", "-", "--format", "jsonl", stdin="{broken\n")
    assert out.returncode == 1


@pytest.mark.slow
def test_ingest_is_idempotent_and_events_read_back(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(WIRE, encoding="utf-8")
    db = tmp_path / "t.db"
    assert run("ingest", str(story), "--db", str(db), "--quiet").returncode == 0
    first = run("events", "--db", str(db), "--format", "jsonl").stdout
    assert run("ingest", str(story), "--db", str(db), "--quiet").returncode == 0
    second = run("events", "--db", str(db), "--format", "jsonl").stdout
    assert first == second and first
    extracted = json.loads(run("extract", str(story), "--format", "jsonl", "--quiet").stdout)
    stored = [json.loads(line) for line in first.splitlines()]
    assert {e["id"] for e in extracted["events"]} == {r["event_id"] for s in stored for r in s["reports"]}
