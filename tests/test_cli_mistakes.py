"""Mistakes a user makes on the command line are caught with one line and exit 2 (issue 19)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("command", [
    ["events"], ["summary"], ["dump"], ["serve", "--port", "0"], ["remerge"],
    ["merge", "a/e1", "b/e2"], ["split", "a/e1"],
])
def test_a_missing_database_is_reported_and_not_created(tmp_path, command):
    typo = tmp_path / "typo.db"
    out = run(*command, "--db", str(typo))
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("\n") == 1
    assert "no such database" in out.stderr and str(typo) in out.stderr
    assert list(tmp_path.iterdir()) == []  # nothing created: no file, no -wal, no -shm


def test_an_existing_database_is_read(tmp_path):
    from tidings.store import Store

    db = tmp_path / "t.db"
    Store.open(db).close()  # what ingest leaves: an empty, current store
    out = run("events", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""


def test_a_postgresql_url_is_left_to_the_server():
    from tidings.store import require_existing

    require_existing("postgresql://user@localhost/none")  # no error: the server decides


# --- --country: names and alpha-2 too, and a value that matches nothing is said ------------------


@pytest.mark.parametrize(("value", "code"), [
    ("SOM", "SOM"), ("som", "SOM"), ("SO", "SOM"), ("Somalia", "SOM"), ("somalia", "SOM"),
    ("Iraq", "IRQ"), ("IQ", "IRQ"), ("United Kingdom", "GBR"), ("Britain", "GBR"),
])
def test_country_accepts_names_and_codes(value, code):
    from tidings.export import country_code

    assert country_code(value) == code


def test_a_country_that_matches_nothing_is_said(tmp_path):
    from tidings.store import Store

    db = tmp_path / "t.db"
    Store.open(db).close()
    out = run("events", "--db", str(db), "--country", "Somalai")
    assert out.returncode == 2
    assert out.stderr == ("tidings: error: --country 'Somalai' matches no country; give a name "
                          "(Somalia), an ISO alpha-2 (SO) or alpha-3 code (SOM)\n")


def test_events_filter_by_country_name(tmp_path, capsys):
    from test_export import KUNDUZ, attack

    from tidings.cli import main
    from tidings.models import ArticleMeta, ArticleResult, Event
    from tidings.store import Store

    event = Event.model_validate(attack(KUNDUZ).model_dump(exclude={"reports", "figures", "reconciled", "actions"}))
    db = tmp_path / "t.db"
    with Store.open(db) as store:
        store.add_result(ArticleResult(article=ArticleMeta(id="a-kabul", text="x" * 200), events=[event]))
    for value in ("Afghanistan", "AF", "AFG"):
        assert main(["events", "--db", str(db), "--country", value]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 1, value
    assert main(["events", "--db", str(db), "--country", "Iraq"]) == 0
    assert capsys.readouterr().out == ""


# --- serve on a port in use ----------------------------------------------------------------------


def test_serve_on_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    import socket

    from tidings.store import Store

    db = tmp_path / "t.db"
    Store.open(db).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = run("serve", "--db", str(db), "--port", str(port))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and f"cannot serve on 127.0.0.1:{port}" in out.stderr
    assert "serving" not in out.stderr  # the URL is not printed first


# --- files in a directory that are not read, and HTML with no article text ----------------------

NAV_PAGE = b"""<html><head><title>Example News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookies"><p>We use cookies.</p><button>Accept all cookies</button></div>
<div><button>Subscribe</button> <button>Sign in</button> <button>Attack of the week: read more</button></div>
<footer>Copyright Example News.</footer></body></html>"""
HEADLINES_PAGE = (b"<html><body><div><a href='/a'>Police attack protesters</a></div>"
                  b"<div><a href='/b'>Bomb kills 3 in market</a></div><button>Load more</button></body></html>")


@pytest.mark.parametrize("page", [NAV_PAGE, HEADLINES_PAGE])
def test_an_html_page_with_no_article_text_is_an_error_not_events(tmp_path, page):
    from tidings.ingest import read_inputs

    path = tmp_path / "page.html"
    path.write_bytes(page)
    [article] = read_inputs([str(path)])
    assert [e.code for e in article.errors] == ["E007"]
    assert "no paragraph of 8 words or more" in article.errors[0].message


def test_an_article_page_is_still_read(tmp_path):
    from tidings.ingest import read_inputs

    path = tmp_path / "story.html"
    path.write_bytes(b"<html><body><nav>Home | World</nav><article><p>Gunmen attacked a police "
                     b"checkpoint near Mosul on Tuesday, killing four officers, officials said.</p>"
                     b"</article><button>Share</button></body></html>")
    [article] = read_inputs([str(path)])
    assert article.errors == [] and "Gunmen attacked a police checkpoint" in article.text


@pytest.mark.slow
def test_each_skipped_file_is_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("Gunmen attacked a police checkpoint near Mosul on Tuesday, "
                                      "killing four officers, officials said.", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (folder / "sub").mkdir()
    (folder / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    out = run("extract", str(folder))
    assert out.returncode == 0
    lines = out.stderr.splitlines()
    assert "tidings: 1 article, 0 failed" in lines
    start = lines.index("tidings: 2 files skipped, not .txt, .html, .jsonl, RSS/Atom or WARC:")
    assert lines[start + 1:start + 3] == [f"tidings:   {folder / 'report.pdf'}",
                                          f"tidings:   {folder / 'sub' / 'photo.jpg'}"]
    db = tmp_path / "t.db"
    out = run("run", str(folder), "--db", str(db))
    assert out.returncode == 0 and "2 files skipped" in out.stderr and "photo.jpg" in out.stderr


# --- help and wording ----------------------------------------------------------------------------


def test_extract_help_lists_every_input_kind():
    out = run("extract", "--help").stdout
    for kind in (".txt", ".html", ".jsonl", "RSS/Atom", ".rss", ".atom", "WARC", ".warc.gz", "stdin"):
        assert kind in out, kind


@pytest.mark.parametrize("command", ["summary", "schema"])
def test_summary_and_schema_have_a_description(command):
    from tidings.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    description = sub.choices[command].description
    assert description and len(description) > 60  # more than the one-line help repeated
