"""ingest: files, directories and stdin -> Article, with honest errors. No spaCy here: fast."""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.errors import MESSAGES, UsageError
from tidings.ingest import (
    article_from_bytes,
    article_from_record,
    detect_language,
    language_data,
    parse_dateline,
    title_end,
    read_inputs,
    read_jsonl,
    walk_directory,
)
from tidings.models import Article, article_id_for

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DATA = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "languages.yaml"

KABUL = ("KABUL, Afghanistan (Jan. 25, 2013) — A suicide bomber attacked a police checkpoint on the "
         "outskirts of the Afghan capital on Friday, killing four officers, officials said.")
BAGHDAD = ("BAGHDAD (AP) — Two roadside bombs exploded near a busy market in southern Baghdad on "
           "Sunday, killing at least five people and wounding 17, police said.")
FRENCH = ("Au moins douze personnes ont été tuées dimanche dans un attentat à la bombe sur un marché "
          "de Kaboul, selon la police. Aucun groupe n'a revendiqué l'attaque, qui a aussi fait trente "
          "blessés dans le centre de la capitale.")
ARABIC = ("قتل اثنا عشر شخصا على الأقل يوم الأحد في تفجير انتحاري استهدف سوقا مزدحمة في العاصمة "
          "الأفغانية كابول، بحسب ما أفادت الشرطة، ولم تعلن أي جهة مسؤوليتها عن الهجوم.")


def codes(article: Article) -> list[str]:
    return [e.code for e in article.errors]


def write_jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
                    encoding="utf-8")
    return path


# --- the data file ------------------------------------------------------------------------------


def test_language_data_is_well_formed():
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    words = [*raw["english"], *(w for ws in raw["latin_languages"].values() for w in ws)]
    # a YAML bool ("no" unquoted) or number would silently never match a word
    assert all(isinstance(w, str) and w == w.lower() for w in words)
    for code, ranges in raw["scripts"].items():
        assert re.fullmatch(r"[a-z]{2}", code)
        assert all(re.fullmatch(r"U\+[0-9A-F]{4,5}-U\+[0-9A-F]{4,5}", r) for r in ranges), code
    data = language_data()
    assert sorted(set(data.months.values())) == list(range(1, 13))  # from english.yaml
    assert data.months["sept"] == 9 and "sept." not in data.months
    # English words must not sit in another language's list, or English would look foreign
    for code, lexicon in data.latin.items():
        assert not (lexicon & data.english), code


# --- datelines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "place", "when", "agency"),
    [
        (KABUL, "KABUL, Afghanistan (Jan. 25, 2013)", "KABUL, Afghanistan", date(2013, 1, 25), None),
        ("WASHINGTON, Jan 29 (Reuters) - The United States will send more air defence systems to the "
         "region, officials said.", "WASHINGTON, Jan 29 (Reuters)", "WASHINGTON", date(2024, 1, 29), "Reuters"),
        (BAGHDAD, "BAGHDAD (AP)", "BAGHDAD", None, "AP"),
        ("GAZA CITY, Oct 9 (Reuters) - Air strikes hit a refugee camp overnight, health officials said.",
         "GAZA CITY, Oct 9 (Reuters)", "GAZA CITY", date(2023, 10, 9), "Reuters"),
        ("NAIROBI, Kenya, March 3 (AFP) - Police fired tear gas at protesters in the capital.",
         "NAIROBI, Kenya, March 3 (AFP)", "NAIROBI, Kenya", date(2024, 3, 3), "AFP"),
        ("SAN SALVADOR, 10 JAN 90 (ACAN-EFE) -- [TEXT] GUERRILLAS ATTACKED A POWER STATION.",
         "SAN SALVADOR, 10 JAN 90 (ACAN-EFE)", "SAN SALVADOR", date(1990, 1, 10), "ACAN-EFE"),
        ("MANAGUA (NICARAGUA), 9 MAR 89 (BARRICADA) -- [TEXT] THE ARMY SAID REBELS ATTACKED A BRIDGE.",
         "MANAGUA (NICARAGUA), 9 MAR 89 (BARRICADA)", "MANAGUA (NICARAGUA)", date(1989, 3, 9), "BARRICADA"),
        ("CAIRO — Egypt reopened the Rafah crossing on Saturday, officials said.", "CAIRO", "CAIRO", None, None),
        ("Kabul (Reuters) - Gunmen killed three aid workers in the west of the city on Monday.",
         "Kabul (Reuters)", "Kabul", None, "Reuters"),
    ],
)
def test_dateline_forms(text, span, place, when, agency):
    dateline = parse_dateline(text, published=date(2024, 2, 1))
    assert dateline is not None
    assert dateline.span.text == span
    assert text[dateline.span.start:dateline.span.end] == span
    assert (dateline.place, dateline.date, dateline.agency) == (place, when, agency)


@pytest.mark.parametrize(
    "text",
    [
        "FILE - In this photo taken on Monday, soldiers patrol the border.",
        "Police (pictured) - and soldiers arrived at the scene on Monday.",
        "The attack, which killed three - including a child - was condemned.",
        "AL-QAIDA-LINKED GROUP SAID IT CARRIED OUT THE ATTACK.",
        "NAIROBI, Kenya was quiet on Monday after a week of protests.",
        "By Jane Doe. BOSTON (Reuters) - A jury on Friday convicted a former trader.",
    ],
)
def test_not_a_dateline(text):
    assert parse_dateline(text, published=date(2024, 2, 1)) is None


def test_dateline_after_a_headline_line():
    text = "Roadside bombs kill five in Baghdad\n\n" + BAGHDAD
    dateline = parse_dateline(text)
    assert dateline is not None
    assert (dateline.span.start, dateline.span.text) == (37, "BAGHDAD (AP)")


@pytest.mark.parametrize(
    ("text", "span", "when"),
    [
        # scraped pages glue the page title to the dateline: a lower-case letter or a digit, or a
        # title separator "| ", right before a capitals place with its parenthesis and dash
        ("Two hurt in downtown shooting | Channel 9DAYTON, Ohio (Feb. 3, 2021)- Two men were hurt.",
         "DAYTON, Ohio (Feb. 3, 2021)", date(2021, 2, 3)),
        ("Man charged after crash | KX4news.comCEDAR FALLS, Iowa (KXFO) - A man was charged on Monday.",
         "CEDAR FALLS, Iowa (KXFO)", None),
        ("Store clerk robbed at gunpoint | Local News | WXYZTOLEDO, Ohio (WXYZ)-- A clerk was robbed.",
         "WXYZTOLEDO, Ohio (WXYZ)", None),
        # a place in capitals and its dash right after the site's address
        ("Woman hurt in shooting | WKRP.comMILWAUKEE -- A woman was shot on Friday.", "MILWAUKEE", None),
        # a wire dateline right after the site's name
        ("Police shot man | Springfield Gazette, NewsPORTLAND (AP) \u2014 A man was shot by police.",
         "PORTLAND (AP)", None),
    ],
)
def test_dateline_glued_to_a_page_title(text, span, when):
    dateline = parse_dateline(text, published=date(2024, 2, 1))
    assert dateline is not None
    assert text[dateline.span.start:dateline.span.end] == span
    assert dateline.date == when


def test_capitals_inside_a_sentence_are_no_glued_dateline():
    assert parse_dateline("The mayor met the FBI (federal agents) - and the police on Monday.") is None
    assert parse_dateline("Our tips page is at WKRP.comTIPS and the rest of the site is free.") is None
    assert parse_dateline("Witnesses told WLKY (a local station) - that shots were fired.") is None


def test_dateline_year_is_the_nearest_to_published():
    text = "WASHINGTON, Dec. 31 (UPI) -- The Pentagon said on Sunday it had ordered two carriers home."
    assert parse_dateline(text, published=date(2024, 1, 2)).date == date(2023, 12, 31)
    assert parse_dateline(text, published=date(2023, 12, 31)).date == date(2023, 12, 31)
    # no year and nothing to take one from: the date stays unknown, the dateline is still read
    dateline = parse_dateline(text)
    assert (dateline.place, dateline.date) == ("WASHINGTON", None)


def test_txt_dateline_is_metadata_and_text_is_not_cut(tmp_path):
    path = tmp_path / "kabul.txt"
    path.write_text(KABUL, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert article.text == KABUL
    assert article.dateline.start == 0 and article.dateline.end == 34
    assert article.text[article.dateline.start:article.dateline.end] == article.dateline.text
    assert article.dateline_place == "KABUL, Afghanistan"
    assert article.published == date(2013, 1, 25)
    assert (article.origin, article.errors, article.language) == (str(path), [], "en")


# --- published precedence -----------------------------------------------------------------------


def test_published_precedence(tmp_path):
    dated = "WASHINGTON, Jan 29, 2024 (Reuters) - " + BAGHDAD.split("— ", 1)[1]
    undated = "Two roadside bombs exploded near a market in southern Baghdad on Sunday, police said."
    jsonl = write_jsonl(
        tmp_path / "a.jsonl",
        {"text": dated, "published": "2024-02-05"},  # the declared field wins over the dateline
        {"text": dated},  # the dateline's date wins over --published
        {"text": undated},  # nothing in the article: --published
        {"text": "WASHINGTON, Jan 29 (Reuters) - " + undated},  # year inferred from --published
    )
    got = [a.published for a in read_inputs([str(jsonl)], published=date(2024, 3, 1))]
    assert got == [date(2024, 2, 5), date(2024, 1, 29), date(2024, 3, 1), date(2024, 1, 29)]
    # with no --published, a dateline without a year leaves the date unknown
    [article] = read_inputs([str(write_jsonl(tmp_path / "b.jsonl", {"text": "WASHINGTON, Jan 29 (Reuters) - " + undated}))])
    assert article.published is None and article.dateline_place == "WASHINGTON"


# --- bad inputs ---------------------------------------------------------------------------------


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b" \n\t\r\n")
    articles = list(read_inputs([str(tmp_path)]))
    assert [codes(a) for a in articles] == [["E001"], ["E001"]]
    assert [a.text for a in articles] == ["", ""]


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [article] = read_inputs([str(path)])
    assert codes(article) == ["E002"]
    assert "NUL byte at offset 8" in article.errors[0].message
    assert article.text == ""


def test_control_characters_without_nul_are_binary():
    article = article_from_bytes(b"\x01\x02\x03\x04 ab" * 50, "x.txt")
    assert codes(article) == ["E002"]


def test_invalid_utf8_is_reported_not_replaced(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("MOSCOW (Reuters) - Le café a fermé.".encode("latin-1"))
    [article] = read_inputs([str(path)])
    assert codes(article) == ["E003"]
    assert "byte 0xe9 at offset 25" in article.errors[0].message
    assert article.text == ""


def test_bom_is_removed_and_offsets_index_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + KABUL.encode("utf-8"))
    [article] = read_inputs([str(path)])
    assert article.text == KABUL
    assert article.dateline.text == "KABUL, Afghanistan (Jan. 25, 2013)"


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(BAGHDAD.encode("utf-16"))  # Python writes the BOM
    [article] = read_inputs([str(path)])
    assert (article.text, article.errors) == (BAGHDAD, [])


def test_crlf_newlines_are_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Roadside bombs kill five\r\n\r\n" + BAGHDAD.encode())
    [article] = read_inputs([str(path)])
    assert article.text.startswith("Roadside bombs kill five\r\n\r\nBAGHDAD")
    assert article.dateline.start == 28


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: costs no disk and no time
    started = time.perf_counter()
    [article] = read_inputs([str(path)])
    assert time.perf_counter() - started < 0.5
    assert codes(article) == ["E004"]
    assert "50,000,000 bytes" in article.errors[0].message
    assert "1,000,000" in article.errors[0].message  # the default settings().max_bytes


def test_max_bytes_argument(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BAGHDAD, encoding="utf-8")
    assert codes(next(read_inputs([str(path)], max_bytes=100))) == ["E004"]
    assert codes(next(read_inputs([str(path)], max_bytes=len(BAGHDAD.encode())))) == []


def test_malformed_jsonl_line_in_the_middle(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl",
                       {"id": "one", "text": BAGHDAD},
                       '{"id": "two", "text": "unterminated',
                       "",
                       {"id": "three", "text": KABUL})
    articles = list(read_inputs([str(path)]))
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:4"]
    assert [codes(a) for a in articles] == [[], ["E005"], []]
    assert [a.id for a in articles][::2] == ["one", "three"]
    assert articles[1].errors[0].message.endswith(f"{path}:2: Unterminated string starting at (column 23)")


def test_jsonl_line_over_the_limit_is_skipped_and_reading_goes_on(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"text": BAGHDAD}).encode() + b"\n")
        handle.write(b'{"text": "' + b"x" * 3_000_000 + b'"}\n')
        handle.write(json.dumps({"text": KABUL}).encode() + b"\n")
    articles = list(read_inputs([str(path)], max_bytes=1_000_000))
    assert [codes(a) for a in articles] == [[], ["E004"], []]
    assert "3,000,013 bytes" in articles[1].errors[0].message
    assert articles[2].text == KABUL


def test_jsonl_field_types(tmp_path):
    path = write_jsonl(
        tmp_path / "types.jsonl",
        {"text": 42},
        {"title": "no text"},
        {"text": BAGHDAD, "title": ["a", "list"], "published": 20240129},
        {"text": BAGHDAD, "published": "29/01/2024"},
        {"text": BAGHDAD, "extra": {"ignored": True}, "source": "Example Wire"},
        ["not", "an", "object"],
    )
    articles = list(read_inputs([str(path)]))
    assert [codes(a) for a in articles] == [["E006"], ["E006"], ["E006", "E006"], ["E010"], [], ["E005"]]
    assert "field 'text' is required and must be a string, got a number" in articles[0].errors[0].message
    assert "got nothing" in articles[1].errors[0].message
    assert "field 'title' must be a string, got an array" in articles[2].errors[0].message
    assert "field 'published'" in articles[2].errors[1].message
    assert "'29/01/2024'" in articles[3].errors[0].message
    assert articles[3].text == BAGHDAD  # a bad date does not hide the text
    assert articles[4].source == "Example Wire"  # declared source wins over the dateline's agency


def test_jsonl_invalid_utf8_line(tmp_path):
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n' + json.dumps({"text": BAGHDAD}).encode() + b"\n")
    articles = list(read_inputs([str(path)]))
    assert [codes(a) for a in articles] == [["E003"], []]


def test_jsonl_nul_in_text_is_binary():
    article = article_from_record({"text": "BAGHDAD (AP) \u0000 two died"}, "x.jsonl:1")
    assert codes(article) == ["E002"]


def test_html_scripts_and_styles_never_reach_the_text():
    [article] = read_inputs([str(FIXTURES / "market_blast.html")])
    assert article.errors == []
    assert "SCRIPT TEXT" not in article.text and "font-family" not in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "killing at least 12 people" in article.text
    assert article.title == "Suicide bomber kills 12 at Kabul market"
    assert article.url == "https://news.example.org/world/kabul-market-blast"
    assert article.published == date(2024, 1, 28)
    assert article.dateline_place == "KABUL, Afghanistan"
    assert article.text[article.dateline.start:article.dateline.end] == "KABUL, Afghanistan (AP)"


def test_html_with_only_scripts_has_no_main_text():
    [article] = read_inputs([str(FIXTURES / "scripts_only.html")])
    assert codes(article) == ["E007"]
    assert article.text == ""


def test_html_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "old.htm"
    body = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
            "</head><body><article><p>" + BAGHDAD.replace("—", "-") + " The café owner was among "
            "the wounded, a relative said.</p></article></body></html>")
    path.write_bytes(body.encode("cp1252"))
    [article] = read_inputs([str(path)])
    assert article.errors == []
    assert "The café owner" in article.text


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (ARABIC, "ar")])
def test_foreign_article_is_e008_and_keeps_its_text(tmp_path, text, code):
    path = tmp_path / "foreign.txt"
    path.write_text(text, encoding="utf-8")
    [article] = read_inputs([str(path)])
    assert codes(article) == ["E008"]
    assert repr(code) in article.errors[0].message
    assert (article.text, article.language) == (text, code)


def test_language_check():
    assert detect_language(KABUL) == "en"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(ARABIC) == "ar"
    assert detect_language("Привет, как дела? " * 5) == "ru"
    assert detect_language("Le café a fermé.") is None  # too short to judge
    # an English story quoting a line of Arabic is still English
    assert detect_language(BAGHDAD + " A banner read: " + ARABIC[:40] + " " + KABUL) == "en"


def test_declared_language_overrides_the_check():
    assert codes(article_from_record({"text": FRENCH, "language": "en"}, "x:1")) == []
    declared = article_from_record({"text": BAGHDAD, "language": "de"}, "x:2")
    assert codes(declared) == ["E008"] and declared.language == "de"
    assert codes(article_from_record({"text": BAGHDAD, "language": "en-GB"}, "x:3")) == []


# --- inputs, order, stdin, ids ------------------------------------------------------------------


def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/c/d.htm", "a.txt", "c.jsonl", "notes.md", ".hidden/x.txt", "a/.swp.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"text": BAGHDAD}) if name.endswith(".jsonl") else BAGHDAD)
    found = [p.relative_to(tmp_path).as_posix() for p in walk_directory(tmp_path)]
    assert found == ["a/c/d.htm", "a/z.txt", "a.txt", "b.txt", "c.jsonl"]
    origins = [a.origin for a in read_inputs([str(tmp_path)])]
    assert [Path(o).name for o in origins] == ["d.htm", "z.txt", "a.txt", "b.txt", "c.jsonl:1"]


def test_unlistable_directory_is_an_error_in_its_place(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(BAGHDAD)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text(KABUL)
    (tmp_path / "c.txt").write_text(KABUL)
    scandir = os.scandir

    def refuse_b(path):  # chmod 000 does not stop root, so the refusal is simulated
        if Path(path).name == "b":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr("tidings.ingest.os.scandir", refuse_b)
    articles = list(read_inputs([str(tmp_path)]))
    assert [codes(a) for a in articles] == [[], ["E009"], []]
    assert articles[1].origin == str(tmp_path)
    assert "cannot list directory" in articles[1].errors[0].message


def test_inputs_come_out_in_input_order(tmp_path):
    (tmp_path / "x.txt").write_text(KABUL)
    jsonl = write_jsonl(tmp_path / "y.jsonl", {"id": "y1", "text": BAGHDAD}, {"id": "y2", "text": KABUL})
    stdin = io.BytesIO(json.dumps({"id": "s1", "text": BAGHDAD}).encode() + b"\n")
    articles = list(read_inputs([str(jsonl), "-", str(tmp_path / "x.txt")], stdin=stdin))
    assert [a.origin for a in articles] == [f"{jsonl}:1", f"{jsonl}:2", "<stdin>:1", str(tmp_path / "x.txt")]
    assert [a.id for a in articles][:3] == ["y1", "y2", "s1"]


def test_stdin_line_numbers():
    stdin = io.BytesIO(b"\n" + json.dumps({"text": KABUL}).encode() + b"\n\nnot json\n")
    articles = list(read_jsonl(stdin, "<stdin>"))
    assert [(a.origin, codes(a)) for a in articles] == [("<stdin>:2", []), ("<stdin>:4", ["E005"])]


def test_missing_input_is_a_usage_error_before_any_article(tmp_path):
    (tmp_path / "ok.txt").write_text(KABUL)
    with pytest.raises(UsageError, match="input not found: .*missing.txt"):
        read_inputs([str(tmp_path / "ok.txt"), str(tmp_path / "missing.txt")])  # no iteration needed
    (tmp_path / "story.docx").write_bytes(b"PK")
    with pytest.raises(UsageError, match="cannot read .*story.docx"):
        read_inputs([str(tmp_path / "story.docx")])


def test_ids_are_content_hashes(tmp_path):
    (tmp_path / "a.txt").write_text(BAGHDAD)
    (tmp_path / "b.txt").write_text("  " + BAGHDAD.replace(" ", "\n  ", 3) + "\n\n")
    jsonl = write_jsonl(tmp_path / "c.jsonl", {"text": BAGHDAD})
    ids = [a.id for a in read_inputs([str(tmp_path)])]
    assert ids == [article_id_for(BAGHDAD)] * 3
    assert ids[0] == "a-" + __import__("hashlib").sha256(BAGHDAD.encode()).hexdigest()[:16]
    assert article_id_for(KABUL) != ids[0]
    assert next(read_inputs([str(jsonl)])).id == ids[0]


def test_error_messages_are_filled():
    article = article_from_bytes(b"\x00" * 10, "x.txt")
    assert article.errors[0].message.startswith(MESSAGES["E002"].split("(")[0])
    assert "{" not in article.errors[0].message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise_and_give_one_article(data):
    article = article_from_bytes(data, "random.txt")
    assert isinstance(article, Article)
    assert article.errors or article.text
    if article.dateline is not None:
        assert article.text[article.dateline.start:article.dateline.end] == article.dateline.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=6))
def test_random_jsonl_lines_never_raise(lines):
    lines = [line.replace(b"\n", b" ") for line in lines]
    articles = list(read_jsonl(io.BytesIO(b"\n".join(lines)), "<stdin>", max_bytes=150))
    if lines:
        lines[0] = lines[0].removeprefix(codecs.BOM_UTF8)
    # one Article per non-blank line, each with its own line number
    expected = [f"<stdin>:{n}" for n, line in enumerate(lines, 1) if line.strip()]
    assert [a.origin for a in articles] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "\n", "Headline here\n\n", "By Jane Doe. "]),
    st.sampled_from(["KABUL", "GAZA CITY, Gaza", "Kabul", "ST. LOUIS, Mo.", "NAIROBI, Kenya", "AL-"]),
    st.sampled_from(["", ", Jan. 25, 2013", ", Feb 29", ", 31 DEC 99", ", Sept 31"]),
    st.sampled_from(["", " (Reuters)", " (Jan. 25, 2013)", " (pictured)", "()"]),
    st.sampled_from(["", " —", " -", "--", " – "]),
    st.text(max_size=40),
)
def test_dateline_offsets_always_index_the_text(lead, place, when, paren, dash, rest):
    text = lead + place + when + paren + dash + " " + rest
    dateline = parse_dateline(text, published=date(2024, 1, 15))
    if dateline is not None:
        assert text[dateline.span.start:dateline.span.end] == dateline.span.text
        assert dateline.span.text.startswith(dateline.place)


def test_result_lines_may_be_larger_but_article_lines_keep_the_size_limit():
    """Reading a dump (``results=True``), a stored result may exceed the article size limit (its
    facts ride along), but an input article line may not: the limit applies to it as before."""
    from tidings.ingest import RESULT_LINE_FACTOR
    from tidings.models import ArticleMeta, ArticleResult

    text = "KABUL, March 3 (AP) - Gunmen attacked a police post. " * 3
    result = ArticleResult(article=ArticleMeta(id="r1", text=text))
    result_line = result.model_dump_json().encode()
    article_line = json.dumps({"text": text}).encode()
    limit = len(article_line) - 10  # the article line is just over; the result line well over too
    assert len(result_line) > limit and len(result_line) < limit * RESULT_LINE_FACTOR
    stream = io.BytesIO(result_line + b"\n" + article_line + b"\n")
    first, second = read_jsonl(stream, "dump.jsonl", max_bytes=limit, results=True)
    assert first == result
    assert [e.code for e in second.errors] == ["E004"] and "dump.jsonl:2" in second.errors[0].message


def test_a_page_title_glued_to_its_dateline_and_story():
    title = "Woman hurt in Elm Street shooting | KXYZ News 7"
    text = title + "RIVERTON, Wyo.–A woman was shot on Elm Street late Sunday, police said."
    assert title_end(text, title) == len(title)
    assert title_end(text, "Another headline") is None
    assert title_end(title, title) is None  # a text that is only its title has no story after it
    dateline = parse_dateline(text, title=title)
    assert dateline is not None and (dateline.span.text, dateline.place) == ("RIVERTON, Wyo.", "RIVERTON, Wyo.")
    # without the title, the glued place and dash are no dateline: capitals after a digit may be
    # anything ("News 7RIVERTON")
    assert parse_dateline(text) is None
